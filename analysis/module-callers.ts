/**
 * The calls other modules of a project make to a function this module exports
 * (`keptnRequest('POST', apiUrl + '/controlPlane/v1/project', token)` in `projects.ts` calling the
 * wrapper in `http.ts`): what a request wrapper's parameters stand for when its callers are
 * elsewhere; and, for an exported value, where they read it (`{ headers: defaultKeptnHeaders }`).
 * Read by syntax alone, with the same parser and scope analysis the codemods use, so the typed
 * lint and the migration (which both know the project's files) see the same uses.
 *
 * The list is complete or absent: every file of the project that names the export is parsed, and
 * a use no one can follow (a namespace handed on whole; for a function, a use that is not a plain
 * call) makes the answer undefined, as then anything may be done with it.
 */
import { existsSync, readdirSync, readFileSync, statSync, type Dirent } from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import ts from 'typescript';
import type { TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { memberName, moduleImportOf, outermostTypeWrapper, requiredModuleOf, unwrap, type Node } from './ast.js';
import { parseForAnalysis, type ParsedFile } from './estree-host.js';
import { commonJsExportName } from './module-exits.js';

/** The project the analysed file belongs to, as the host knows it (a tsconfig's file list). */
export interface ProjectModules {
  /** Every source file of the project, absolute paths. */
  readonly files: readonly string[];
  /** A file's text; undefined when it cannot be read. */
  read(file: string): string | undefined;
}

export interface ModuleCall {
  /** The file the call is in, parsed for analysis (no type information: callers are read by syntax). */
  readonly parsed: ParsedFile;
  readonly file: string;
  readonly call: TSESTree.CallExpression;
  /** The caller imports the function from a module that re-exports it. */
  readonly throughReexport: boolean;
}

/** Re-exports followed from the defining module (`export { f } from './request'` in an index). */
const MAX_REEXPORT_HOPS = 3;
const SOURCE_EXTENSIONS = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

interface ProjectIndex {
  readonly files: ReadonlySet<string>;
}

const indexes = new WeakMap<ProjectModules, ProjectIndex>();

function indexOf(modules: ProjectModules): ProjectIndex {
  let index = indexes.get(modules);
  if (!index) {
    index = { files: new Set(modules.files.map((file) => path.resolve(file))) };
    indexes.set(modules, index);
  }
  return index;
}

function parsedFile(modules: ProjectModules, file: string): ParsedFile | undefined {
  const text = modules.read(file);
  return text === undefined ? undefined : parsedText(file, text);
}

/**
 * Every file parsed for these searches, by its text: a new TypeScript program in an editor, a
 * package listed again, or a snapshot of the same files parses only what changed.
 */
const parses = new Map<string, { text: string; parsed: ParsedFile | null }>();

function parsedText(file: string, text: string): ParsedFile | undefined {
  const cached = parses.get(file);
  if (cached?.text === text) return cached.parsed ?? undefined;
  let parsed: ParsedFile | null;
  try {
    parsed = parseForAnalysis(text, file, () => undefined);
  } catch {
    // A file that does not parse may call the function in ways no one can see.
    parsed = null;
  }
  parses.set(file, { text, parsed });
  return parsed ?? undefined;
}

/** A module of the project itself (`./http`, `../lib/client`), not a package. */
export function isLocalSpecifier(specifier: string | undefined): boolean {
  return specifier !== undefined && (specifier.startsWith('./') || specifier.startsWith('../') || specifier === '.' || specifier === '..');
}

/** Whether the project lists the file (absolute or relative to the working folder). */
export function listsFile(modules: ProjectModules, file: string): boolean {
  return indexOf(modules).files.has(path.resolve(file));
}

/**
 * The project file an import names: a relative one (`'./http'`, `'../keptn/http.js'`, `'./clients'`
 * for its index), or a name the tsconfig over the importing file maps with `paths` (a monorepo's
 * `'@acme/keptn-client'` → `packages/keptn-client/src/index.ts`), as TypeScript resolves it.
 */
function resolveImport(from: string, specifier: string, files: Pick<ReadonlySet<string>, 'has'>): string | undefined {
  if (!isLocalSpecifier(specifier)) {
    const mapped = mappedByPaths(from, specifier, files);
    return mapped === undefined ? undefined : resolveFile(mapped, files);
  }
  return resolveFile(path.resolve(path.dirname(from), specifier), files);
}

function resolveFile(base: string, files: Pick<ReadonlySet<string>, 'has'>): string | undefined {
  const stem = base.replace(/\.[cm]?jsx?$/u, '');
  const candidates = [base, ...SOURCE_EXTENSIONS.map((extension) => stem + extension), ...SOURCE_EXTENSIONS.map((extension) => path.join(base, 'index' + extension))];
  return candidates.find((candidate) => files.has(candidate));
}

/**
 * Each tsconfig's options by its text as on disk (null: it maps no `paths`, or TypeScript cannot
 * read it), with the resolution cache TypeScript keeps for them: an edit is seen at the next lookup.
 */
const pathsConfigs = new Map<string, { text: string; config: { options: ts.CompilerOptions; cache: ts.ModuleResolutionCache } | null }>();

/**
 * Reading a tsconfig only for its options: its `include` globs are not walked (that would list
 * every file of a large project), and its "no inputs were found" is no concern here.
 */
const optionsOnlyHost: ts.ParseConfigHost = {
  useCaseSensitiveFileNames: ts.sys.useCaseSensitiveFileNames,
  readDirectory: () => [],
  fileExists: (file) => ts.sys.fileExists(file),
  readFile: (file) => ts.sys.readFile(file),
};

/**
 * The project file a bare specifier names through the `paths` of the tsconfig over the importing
 * file, resolved by TypeScript itself (`extends` through relative files, packages and arrays;
 * `baseUrl`; pattern precedence), or undefined when no `paths` maps it to a project file (a real
 * package, which names no project module).
 */
function mappedByPaths(from: string, specifier: string, files: Pick<ReadonlySet<string>, 'has'>): string | undefined {
  const tsconfig = nearestAbove(from, 'tsconfig.json');
  const text = tsconfig === undefined ? undefined : currentText(tsconfig);
  if (tsconfig === undefined || text === undefined) return undefined;
  let cached = pathsConfigs.get(tsconfig);
  // (An extended tsconfig edited alone is seen once this one's text changes, or the process restarts.)
  if (cached?.text !== text) {
    cached = { text, config: pathsConfigOf(tsconfig, text) };
    pathsConfigs.set(tsconfig, cached);
  }
  if (!cached.config) return undefined;
  const { options, cache } = cached.config;
  const host: ts.ModuleResolutionHost = {
    // The project's own files first: the module set is what the analysis reads, on disk or not yet.
    fileExists: (file) => files.has(path.resolve(file)) || ts.sys.fileExists(file),
    readFile: (file) => ts.sys.readFile(file),
  };
  const resolved = ts.resolveModuleName(specifier, from, options, host, cache).resolvedModule;
  if (resolved === undefined || resolved.isExternalLibraryImport === true) return undefined;
  return path.resolve(resolved.resolvedFileName);
}

function pathsConfigOf(tsconfig: string, text: string): { options: ts.CompilerOptions; cache: ts.ModuleResolutionCache } | null {
  const json = ts.parseConfigFileTextToJson(tsconfig, text);
  // Not JSON even with comments allowed: TypeScript would not read it either, so it maps nothing.
  if (json.error !== undefined || typeof json.config !== 'object' || json.config === null) return null;
  const folder = path.dirname(tsconfig);
  const { options } = ts.parseJsonConfigFileContent(json.config, optionsOnlyHost, folder, undefined, tsconfig);
  // Only `paths` (or a `baseUrl`, which TypeScript resolves bare names under) can name a project file.
  // eslint-disable-next-line @typescript-eslint/no-deprecated -- TypeScript 6 deprecates baseUrl, yet every version supported here still resolves under it, and older projects rely on it.
  if (options.paths === undefined && options.baseUrl === undefined) return null;
  return { options, cache: ts.createModuleResolutionCache(folder, (name) => (ts.sys.useCaseSensitiveFileNames ? name : name.toLowerCase()), options) };
}

/** How a module refers to the function: a local name bound to it, or a namespace whose member it is. */
interface Binding {
  readonly identifier: TSESTree.Identifier;
  /** Named: the identifier is the function. Namespace: the function is `identifier.<name>`. */
  readonly kind: 'named' | 'namespace';
}


interface ModuleUses {
  readonly bindings: Binding[];
  /** Modules that re-export the function, and the name they give it. */
  readonly reexports: { file: string; name: string }[];
}

/** Every binding `caller` makes to `name` exported by `target`, and its re-exports of it. */
function usesIn(ast: TSESTree.Program, caller: string, target: string, name: string, files: ReadonlySet<string>, targetHasDefault: () => boolean, targetSetsExportsWhole: () => boolean): ModuleUses | undefined {
  const uses: ModuleUses = { bindings: [], reexports: [] };
  const names = (specifier: string): boolean => resolveImport(caller, specifier, files) === target;
  for (const statement of ast.body) {
    if (statement.type === AST_NODE_TYPES.ImportDeclaration && names(statement.source.value)) {
      if (statement.importKind === 'type') continue;
      for (const specifier of statement.specifiers) {
        if (specifier.type === AST_NODE_TYPES.ImportNamespaceSpecifier) uses.bindings.push({ identifier: specifier.local, kind: 'namespace' });
        else if (specifier.type === AST_NODE_TYPES.ImportDefaultSpecifier) {
          if (name === 'default') uses.bindings.push({ identifier: specifier.local, kind: 'named' });
          // A module without a default export (CommonJS) is imported by default as its exports object.
          else if (!targetHasDefault()) uses.bindings.push({ identifier: specifier.local, kind: 'namespace' });
        } else if (specifier.importKind !== 'type') {
          const imported = specifier.imported.type === AST_NODE_TYPES.Identifier ? specifier.imported.name : specifier.imported.value;
          if (imported === name) uses.bindings.push({ identifier: specifier.local, kind: 'named' });
        }
      }
    } else if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration && statement.source && names(statement.source.value)) {
      for (const specifier of statement.specifiers) {
        const local = specifier.local.type === AST_NODE_TYPES.Identifier ? specifier.local.name : specifier.local.value;
        const exported = specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
        if (local === name) uses.reexports.push({ file: caller, name: exported });
      }
    } else if (statement.type === AST_NODE_TYPES.ExportAllDeclaration && names(statement.source.value)) {
      // `export * as api from './x'` hands on a namespace no one here can follow.
      if (statement.exported) return undefined;
      if (name !== 'default') uses.reexports.push({ file: caller, name });
    } else if (statement.type === AST_NODE_TYPES.TSImportEqualsDeclaration) {
      // `import http = require('./http')`: the module's exports object, as a `require` gives it.
      const specifier = statement.importKind === 'type' ? undefined : moduleImportOf(statement, statement.id)?.module;
      if (specifier !== undefined && names(specifier)) uses.bindings.push({ identifier: statement.id, kind: 'namespace' });
    } else if (statement.type === AST_NODE_TYPES.VariableDeclaration) {
      for (const declarator of statement.declarations) {
        const specifier = declarator.init ? requiredModuleOf(declarator.init)?.module : undefined;
        if (specifier === undefined || !names(specifier)) continue;
        // `module.exports = new Keptn()` there: `require` gives that value, which is what it exports as `default`.
        if (declarator.id.type === AST_NODE_TYPES.Identifier) uses.bindings.push({ identifier: declarator.id, kind: name === 'default' && targetSetsExportsWhole() ? 'named' : 'namespace' });
        else if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
          for (const property of declarator.id.properties) {
            if (property.type === AST_NODE_TYPES.RestElement) return undefined;
            const key = property.key.type === AST_NODE_TYPES.Identifier && !property.computed ? property.key.name : undefined;
            if (key === name && property.value.type === AST_NODE_TYPES.Identifier) uses.bindings.push({ identifier: property.value, kind: 'named' });
          }
        } else return undefined;
      }
    }
  }
  return uses;
}

/**
 * Where a binding's value is used: the identifier (or `namespace.name`) at each reference, type
 * references aside; undefined when a namespace is handed on whole, as then anything may read it.
 */
function usesThrough(parsed: ParsedFile, binding: Binding, name: string): Node[] | undefined {
  const scope = parsed.host.getScope(binding.identifier);
  const variable = findVariable(scope, binding.identifier);
  if (!variable) return undefined;
  const uses: Node[] = [];
  for (const reference of variable.references) {
    if (reference.init) continue;
    // A type-only reference (`typeof keptnRequest`) passes nothing at run time.
    if (reference.isTypeReference && !reference.isValueReference) continue;
    let used: Node = outermostTypeWrapper(reference.identifier);
    if (binding.kind === 'namespace') {
      const member = used.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== used) return undefined;
      // Other members of the namespace are other exports.
      if (memberName(member) !== name) {
        if (member.computed && memberName(member) === undefined) return undefined;
        continue;
      }
      used = outermostTypeWrapper(member);
    }
    uses.push(used);
  }
  return uses;
}

/** The call whose callee `node` is, also through `(0, f)(…)` as compilers write it. */
export function calleeCall(node: Node): TSESTree.CallExpression | undefined {
  let callee = node;
  const parent = callee.parent;
  if (parent?.type === AST_NODE_TYPES.SequenceExpression && parent.expressions.at(-1) === callee && parent.expressions.length === 2) callee = outermostTypeWrapper(parent);
  const call = callee.parent;
  return call?.type === AST_NODE_TYPES.CallExpression && call.callee === callee ? call : undefined;
}

/** `export default …`, `export { x as default }`, `export { default } from …`: a default import is that value. */
/** `module.exports = value` at the top of a CommonJS module: a `require` of it gives that value. */
function setsModuleExportsWhole(ast: TSESTree.Program): boolean {
  return ast.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ExpressionStatement &&
      statement.expression.type === AST_NODE_TYPES.AssignmentExpression &&
      statement.expression.operator === '=' &&
      isModuleExports(statement.expression.left),
  );
}

function isModuleExports(node: Node): boolean {
  const member = unwrap(node);
  if (member.type !== AST_NODE_TYPES.MemberExpression || memberName(member) !== 'exports') return false;
  const object = unwrap(member.object);
  return object.type === AST_NODE_TYPES.Identifier && object.name === 'module';
}

function hasDefaultExport(ast: TSESTree.Program): boolean {
  return ast.body.some(
    (statement) =>
      statement.type === AST_NODE_TYPES.ExportDefaultDeclaration ||
      (statement.type === AST_NODE_TYPES.ExportNamedDeclaration &&
        statement.specifiers.some((specifier) => (specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value) === 'default')),
  );
}

/** Cheap before parsing: a module that calls the function names it, or its module (a namespace import). */
function mayName(text: string, target: { file: string; name: string }): boolean {
  const stem = path.basename(target.file).replace(/\.[cm]?[jt]sx?$/u, '');
  const moduleName = stem === 'index' ? path.basename(path.dirname(target.file)) : stem;
  return text.includes(target.name) || text.includes(moduleName);
}

export interface ModuleUse {
  readonly parsed: ParsedFile;
  readonly file: string;
  /** The identifier (or `namespace.name` member) that reads the exported value. */
  readonly node: Node;
  /** The module imports it from a module that re-exports it. */
  readonly throughReexport: boolean;
}

/**
 * Every place other modules of the project read what `file` exports as `name`, or undefined when
 * that cannot be known: the file is not one of the project's, a namespace of it is handed on
 * whole, or a file that names it does not parse.
 */
export function usesFromOtherModules(modules: ProjectModules, file: string, name: string): ModuleUse[] | undefined {
  const index = indexOf(modules);
  const own = path.resolve(file);
  if (!index.files.has(own)) return undefined;
  const found: ModuleUse[] = [];
  const seen = new Set<string>([`${own}\0${name}`]);
  const pending: { file: string; name: string; hops: number }[] = [{ file: own, name, hops: 0 }];
  while (pending.length > 0) {
    const target = pending.shift();
    if (!target) break;
    // Parsed only if some module imports it by default: the host has parsed it already.
    let targetHasDefault: boolean | undefined;
    const hasDefault = (): boolean => {
      const targetFile = parsedFile(modules, target.file);
      // Unparsable: take the default import for the namespace, which counts more uses, not fewer.
      targetHasDefault ??= targetFile ? hasDefaultExport(targetFile.ast) : false;
      return targetHasDefault;
    };
    let targetExportsWhole: boolean | undefined;
    const exportsWhole = (): boolean => {
      const targetFile = parsedFile(modules, target.file);
      // Unparsable: read `require` as the exports object, whose `default` member then counts as the use.
      targetExportsWhole ??= targetFile ? setsModuleExportsWhole(targetFile.ast) : false;
      return targetExportsWhole;
    };
    for (const caller of index.files) {
      if (caller === target.file) continue;
      const text = modules.read(caller);
      if (text === undefined || !mayName(text, target)) continue;
      const parsed = parsedFile(modules, caller);
      if (!parsed) return undefined;
      const uses = usesIn(parsed.ast, caller, target.file, target.name, index.files, hasDefault, exportsWhole);
      if (!uses) return undefined;
      for (const binding of uses.bindings) {
        const nodes = usesThrough(parsed, binding, target.name);
        if (!nodes) return undefined;
        for (const node of nodes) found.push({ parsed, file: caller, node, throughReexport: target.hops > 0 });
      }
      for (const reexport of uses.reexports) {
        const key = `${reexport.file}\0${reexport.name}`;
        if (seen.has(key)) continue;
        if (target.hops + 1 > MAX_REEXPORT_HOPS) return undefined;
        seen.add(key);
        pending.push({ ...reexport, hops: target.hops + 1 });
      }
    }
  }
  return found;
}

/**
 * Every call other modules of the project make to the function `file` exports as `name`, or
 * undefined when that cannot be known: as for `usesFromOtherModules`, and also when some module
 * uses the function other than by calling it (passed on, stored, spread).
 */
export function callsFromOtherModules(modules: ProjectModules, file: string, name: string): ModuleCall[] | undefined {
  const uses = usesFromOtherModules(modules, file, name);
  if (!uses) return undefined;
  const calls: ModuleCall[] = [];
  for (const { parsed, file: caller, node, throughReexport } of uses) {
    const call = calleeCall(node);
    if (!call) return undefined;
    calls.push({ parsed, file: caller, call, throughReexport });
  }
  return calls;
}

const RELATIVE_SPECIFIER = /(?:\bfrom\s*|\brequire\s*\(\s*|\bimport\s*\(\s*)(['"])(\.{1,2}\/[^'"\n]*)\1/gu;

/**
 * The project files a module imports or requires by a relative path, read from its text: a
 * cheap look before parsing (a specifier inside a comment or a string counts too, which only
 * means one more file is looked at).
 */
export function relativeImportsIn(from: string, text: string, files: ReadonlySet<string>): string[] {
  const found = new Set<string>();
  for (const match of text.matchAll(RELATIVE_SPECIFIER)) {
    const resolved = match[2] === undefined ? undefined : resolveImport(path.resolve(from), match[2], files);
    if (resolved !== undefined) found.add(resolved);
  }
  return [...found];
}

export interface ModuleValue {
  /** The module that defines the value, parsed for analysis. */
  readonly parsed: ParsedFile;
  readonly file: string;
  /** The expression exported, or the local identifier exported by name (`export { client }`). */
  readonly node: Node;
}

/**
 * The value a project module exports as `name` to the module `from` that imports or requires it
 * by `specifier` (`'*'`: what `require` returns when `module.exports` is set whole), followed
 * through re-exports; undefined when that is not one expression written once: the module is a
 * package, does not parse, or assigns the export more than once.
 */
export function exportedValue(modules: ProjectModules | undefined, from: string, specifier: string, name: string): ModuleValue | undefined {
  const index = modules ? indexOf(modules) : undefined;
  // A module the project's list leaves out (compiled output beside a tsconfig, a package with none) is read from disk.
  const locate = (importer: string, module: string) =>
    (index ? resolveImport(importer, module, index.files) : undefined) ?? resolveImport(importer, module, existingFiles);
  const parse = (file: string) => (modules && index?.files.has(file) ? parsedFile(modules, file) : parsedFromDisk(file));
  const follow = (start: string | undefined, wanted: string, hops: number): ModuleValue | undefined => {
    if (start === undefined || hops > MAX_REEXPORT_HOPS) return undefined;
    const parsed = parse(start);
    if (!parsed) return undefined;
    const found = exportIn(parsed.ast, wanted);
    if (found && 'node' in found) return { parsed, file: start, node: found.node };
    if (found) return follow(locate(start, found.from), found.name, hops + 1);
    // `export * from './client.js'`: the one module of those that exports the name (two would make it ambiguous, and not exported).
    if (wanted === 'default' || wanted === '*') return undefined;
    const candidates = starSources(parsed.ast).map((source) => follow(locate(start, source), wanted, hops + 1)).filter((value) => value !== undefined);
    return candidates.length === 1 ? candidates[0] : undefined;
  };
  return follow(locate(path.resolve(from), specifier), name, 0);
}

/** The modules a module re-exports whole (`export * from './client.js'`, not `export * as ns from …`). */
function starSources(ast: TSESTree.Program): string[] {
  return ast.body.flatMap((statement) => (statement.type === AST_NODE_TYPES.ExportAllDeclaration && statement.exported === null ? [statement.source.value] : []));
}

/** Looking up one definition needs no list of every file: whether the file is there is enough. */
const existingFiles: Pick<ReadonlySet<string>, 'has'> = {
  has: (file) => {
    try {
      return statSync(file).isFile();
    } catch {
      return false;
    }
  },
};

function parsedFromDisk(file: string): ParsedFile | undefined {
  const text = currentText(file);
  return text === undefined ? undefined : parsedText(file, text);
}

/** Texts as last read from disk, read again only when a file's size or mtime changed. */
const diskTexts = new Map<string, { mtimeMs: number; size: number; text: string }>();

/** A file's text as it is on disk now; undefined when it is gone or unreadable. */
function currentText(file: string): string | undefined {
  let stats: { mtimeMs: number; size: number };
  try {
    stats = statSync(file);
  } catch {
    diskTexts.delete(file);
    return undefined;
  }
  const cached = diskTexts.get(file);
  if (cached && cached.mtimeMs === stats.mtimeMs && cached.size === stats.size) return cached.text;
  const text = readTextOrNull(file);
  if (text === null) diskTexts.delete(file);
  else diskTexts.set(file, { mtimeMs: stats.mtimeMs, size: stats.size, text });
  return text ?? undefined;
}

/**
 * The value a module assigns to its own export `name` (`exports.f = f` after tsc's
 * `exports.f = void 0`), which compiled code calls back as `(0, exports.f)(…)`.
 */
export function ownExportValue(ast: TSESTree.Program, name: string): Node | undefined {
  const found = exportIn(ast, name);
  return found && 'node' in found ? found.node : undefined;
}

type ExportFound = { node: Node } | { from: string; name: string };

/** Where a module's top level exports `name`: one value, or a re-export from another module. */
function exportIn(ast: TSESTree.Program, name: string): ExportFound | undefined {
  const values: Node[] = [];
  let reexport: { from: string; name: string } | undefined;
  const exportedName = (node: TSESTree.Identifier | TSESTree.StringLiteral): string => (node.type === AST_NODE_TYPES.Identifier ? node.name : node.value);
  for (const statement of ast.body) {
    if (statement.type === AST_NODE_TYPES.ExportNamedDeclaration) {
      const declaration = statement.declaration;
      if (declaration?.type === AST_NODE_TYPES.VariableDeclaration) {
        for (const declarator of declaration.declarations) {
          if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.name === name && declarator.init) values.push(declarator.init);
        }
      }
      // `export function keptnClient(…)`: the function is the value (a factory read by its importers).
      if (declaration?.type === AST_NODE_TYPES.FunctionDeclaration && declaration.id?.name === name) values.push(declaration);
      for (const specifier of statement.specifiers) {
        if (exportedName(specifier.exported) !== name) continue;
        if (statement.source) reexport = { from: statement.source.value, name: exportedName(specifier.local) };
        else values.push(specifier.local);
      }
    } else if (statement.type === AST_NODE_TYPES.ExportDefaultDeclaration && name === 'default') {
      const declaration = statement.declaration;
      if (declaration.type !== AST_NODE_TYPES.ClassDeclaration && declaration.type !== AST_NODE_TYPES.TSInterfaceDeclaration && declaration.type !== AST_NODE_TYPES.TSDeclareFunction) values.push(declaration);
    } else if (statement.type === AST_NODE_TYPES.ExpressionStatement) {
      values.push(...commonJsValues(statement.expression, name));
    }
  }
  if (reexport && values.length === 0) return reexport;
  return values.length === 1 && values[0] ? { node: values[0] } : undefined;
}

/**
 * What CommonJS assignments export as `name`: `exports.x = v`, `module.exports.x = v`,
 * `module.exports = { x: v }`, and for `'*'` a `module.exports = v` that is no object of exports.
 * tsc's `exports.x = void 0` (declared before it is set) is not a value.
 */
function commonJsValues(expression: Node, name: string): Node[] {
  const values: Node[] = [];
  let current: Node = expression;
  // `exports.a = exports.b = void 0`: a chain assigns every name on it.
  while (current.type === AST_NODE_TYPES.AssignmentExpression && current.operator === '=') {
    const exported = commonJsExportName(current.left);
    const value = unwrapChain(current.right);
    const isVoid = value.type === AST_NODE_TYPES.UnaryExpression && value.operator === 'void';
    if (exported === name && !isVoid) values.push(value);
    if (exported === 'default' && value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of value.properties) {
        if (property.type === AST_NODE_TYPES.Property && !property.computed && exportKey(property.key) === name) values.push(property.value);
      }
    } else if (exported === 'default' && name === '*' && !isVoid) values.push(value);
    current = current.right;
  }
  return values;
}

function unwrapChain(node: Node): Node {
  let current = node;
  while (current.type === AST_NODE_TYPES.AssignmentExpression && current.operator === '=') current = current.right;
  return current;
}

function exportKey(key: Node): string | undefined {
  if (key.type === AST_NODE_TYPES.Identifier) return key.name;
  return key.type === AST_NODE_TYPES.Literal && typeof key.value === 'string' ? key.value : undefined;
}

/** The file of this name nearest above a file, or undefined. */
export function nearestAbove(filePath: string, name: string): string | undefined {
  let folder = path.dirname(path.resolve(filePath));
  for (;;) {
    const candidate = path.join(folder, name);
    if (existsSync(candidate)) return candidate;
    const parent = path.dirname(folder);
    if (parent === folder) return undefined;
    folder = parent;
  }
}

/** Texts read from disk once per process. */
export function cachedReader(): (file: string) => string | undefined {
  return readOnce(readTextOrNull);
}

/** Each file looked up once through `read`, whatever it answers. */
function readOnce(read: (file: string) => string | null): (file: string) => string | undefined {
  const texts = new Map<string, string | null>();
  return (file) => {
    let text = texts.get(file);
    if (text === undefined) {
      text = read(file);
      texts.set(file, text);
    }
    return text ?? undefined;
  };
}

/**
 * How the files of a package are seen over a process's life.
 * - `snapshot`: listed and read once. A migration decides a builder's hand-off file by file on
 *   the premise that every file reads the same texts, and jscodeshift's own runner writes each
 *   file as it finishes: a later file must not see an earlier one already migrated.
 * - `live`: what the disk holds now, give or take `LIVE_VIEW_MS`. An editor's ESLint server lives
 *   for hours; a caller added or edited in another module must change the grade it gives.
 */
export type PackageView = 'snapshot' | 'live';

/**
 * How long a live view of a package is trusted before it is checked again: a listing of its
 * folders and a stat of each file it reads. Short next to the time between an edit and the next
 * lint of another file; long next to one file's lint, so a CLI run over a thousand files lists a
 * package once a second, not once per file.
 */
export const LIVE_VIEW_MS = 1000;

const snapshotsByPackage = new Map<string, ProjectModules | null>();
const liveByPackage = new Map<string, { modules: ProjectModules | null; checkedAt: number }>();

/** Beyond this a package is no longer read whole for one file's questions: the answers are left unknown. */
const MAX_PACKAGE_FILES = 5000;
const PACKAGE_SOURCE = /\.(?:[cm]?[jt]sx?)$/u;

/**
 * A plain JavaScript package has no tsconfig to list its modules: its source files are those
 * under its package.json, outside node_modules and dot-folders. Compiled output counts, as its
 * modules require each other (`require("./http")`) like any others.
 */
export function packageModules(folder: string, view: PackageView): ProjectModules | undefined {
  if (view === 'snapshot') {
    let modules = snapshotsByPackage.get(folder);
    if (modules === undefined) {
      const files = packageFiles(folder);
      modules = files ? { files, read: cachedReader() } : null;
      snapshotsByPackage.set(folder, modules);
    }
    return modules ?? undefined;
  }
  const now = Date.now();
  const live = liveByPackage.get(folder);
  if (live && now - live.checkedAt < LIVE_VIEW_MS) return live.modules ?? undefined;
  const files = packageFiles(folder);
  // Within one view a file is looked up once; across views, read again only if it changed on disk.
  const modules = files ? { files, read: readOnce((file) => currentText(file) ?? null) } : null;
  liveByPackage.set(folder, { modules, checkedAt: now });
  return modules ?? undefined;
}

/** The package's source files, or undefined when there are too many to read for one file's questions. */
function packageFiles(folder: string): string[] | undefined {
  const files: string[] = [];
  const pending = [folder];
  while (pending.length > 0) {
    const current = pending.pop() ?? folder;
    for (const entry of readFolder(current)) {
      if (entry.name.startsWith('.') || entry.name === 'node_modules') continue;
      const full = path.join(current, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && PACKAGE_SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(full);
    }
    if (files.length > MAX_PACKAGE_FILES) return undefined;
  }
  return files;
}

function readTextOrNull(file: string): string | null {
  try {
    return readFileSync(file, 'utf8');
  } catch {
    // Gone or unreadable since it was listed: the file says nothing, as if absent.
    return null;
  }
}

function readFolder(folder: string): Dirent[] {
  try {
    return readdirSync(folder, { withFileTypes: true });
  } catch {
    // An unreadable folder holds nothing the search can use.
    return [];
  }
}

/** Forgets the package file lists read so far (tests that write packages between runs). */
export function forgetPackageModules(): void {
  snapshotsByPackage.clear();
  liveByPackage.clear();
  liveByTsconfig.clear();
  pathsConfigs.clear();
}

/**
 * The modules a file's project is made of: the list a tsconfig gives when it names the file; else,
 * for a file no tsconfig compiles (a JavaScript package, one inside a TypeScript repository,
 * compiled output), its package: the package.json folder; else that list anyway.
 */
export function projectOfFile(filePath: string, listed: ProjectModules | undefined, view: PackageView): ProjectModules | undefined {
  if (listed && listsFile(listed, filePath)) return listed;
  const packageJson = nearestAbove(filePath, 'package.json');
  return (packageJson === undefined ? undefined : packageModules(path.dirname(packageJson), view)) ?? listed;
}

/**
 * The project of a file read without a TypeScript program (the lint without type information),
 * seen live. When no tsconfig.json sits in its package (at its root or between it and the file):
 * the package, what `projectOfFile` gives such a file, a JavaScript project or compiled output.
 * With one there: the files that tsconfig lists (`files`, `include`, `exclude`, `extends`), read as
 * TypeScript reads them but without a program, when they name the file; else nothing is claimed
 * (a solution-style tsconfig, a file it leaves out: only another config would say).
 */
export function untypedLintProject(filePath: string): ProjectModules | undefined {
  const packageJson = nearestAbove(filePath, 'package.json');
  if (packageJson === undefined) return undefined;
  const tsconfig = nearestAbove(filePath, 'tsconfig.json');
  const packageFolder = path.dirname(packageJson);
  if (tsconfig === undefined || path.relative(packageFolder, path.dirname(tsconfig)).startsWith('..')) return packageModules(packageFolder, 'live');
  const listed = tsconfigModules(tsconfig);
  return listed && listsFile(listed, filePath) ? listed : undefined;
}

const liveByTsconfig = new Map<string, { modules: ProjectModules | null; checkedAt: number }>();

/** The files a tsconfig lists, seen live as a package is (`LIVE_VIEW_MS`); undefined when it cannot be read or lists too many. */
function tsconfigModules(tsconfig: string): ProjectModules | undefined {
  const now = Date.now();
  const live = liveByTsconfig.get(tsconfig);
  if (live && now - live.checkedAt < LIVE_VIEW_MS) return live.modules ?? undefined;
  let modules: ProjectModules | null = null;
  try {
    const config = ts.readConfigFile(tsconfig, (file) => ts.sys.readFile(file));
    if (config.error === undefined) {
      const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, path.dirname(tsconfig), undefined, tsconfig);
      const files = parsed.fileNames.map((file) => path.resolve(file));
      if (files.length <= MAX_PACKAGE_FILES) modules = { files, read: readOnce((file) => currentText(file) ?? null) };
    }
  } catch {
    // A config TypeScript cannot read (a broken `extends`): nothing is claimed, as without one.
  }
  liveByTsconfig.set(tsconfig, { modules, checkedAt: now });
  return modules ?? undefined;
}

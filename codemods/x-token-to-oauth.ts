/**
 * jscodeshift transform: moves Cloud Automation (Keptn API) requests from the deprecated
 * `x-token` header to the OAuth helper (`cloud-automation-oauth` or the user's own).
 *
 * How it works: a cheap text test; a parse with the parser the file's extension needs; a
 * search for every place an `x-token` header is written; for each, a small data-flow walk
 * to the requests or client instances that header reaches; then edits spliced into the
 * original text, so nothing the transform did not mean to change is reprinted. Sites it
 * cannot follow keep their code, get one `@cloud-automation-migrate` comment and a report
 * entry. See docs/codemods/x-token-to-oauth.md for the output shapes.
 */
import type {
  API,
  ASTNode,
  ASTPath,
  AssignmentExpression,
  CallExpression,
  MemberExpression,
  NewExpression,
  ObjectProperty,
  VariableDeclarator,
  Collection,
  FileInfo,
  Identifier,
  JSCodeshift,
  ObjectExpression,
  Options,
} from 'jscodeshift';
import { createRequire } from 'node:module';
import {
  AXIOS_DEFAULT_HEADER_PATHS,
  CANDIDATE_SOURCE_PATTERN,
  GLOBAL_OBJECTS,
  FETCH_GLOBALS,
  HEADERS_CONSTRUCTORS,
  HOLE,
  KEPTN_TOKEN_ENV_VARS,
  MIGRATION_MARKER,
  clientForImport,
  clientForTypeName,
  clientModules,
  analyzeUrl,
  helperClientMembers,
  helperExports,
  HELPER_MODULE,
  isAuthorizationHeader,
  isTokenCheckRoute,
  isXTokenHeader,
  looksLikeApiToken,
  nameHint,
  reachabilityCheckRoute,
  requestSignature,
  scopesForRoutes,
  urlShape,
  type HttpClientKind,
  type RequestSignature,
  type UrlPart,
} from '../core/index.js';
import type { FileReport, ManualSite, MigratedSite, RouteUse, TransformOptions } from './report.js';
import { applyEdits, indentationAt, lineStartOf, removeListItems, removeStatement, tidyLineRemovals, type Edit, type Range } from './source-edits.js';
import { createTypeOracle, type ClientIdentity, type FileTypeOracle } from './type-oracle.js';

export const TRANSFORM_NAME = 'x-token-to-oauth';

/** Extensions the transform reads; jscodeshift's `--extensions` should list them. */
export const SUPPORTED_EXTENSIONS: readonly string[] = ['ts', 'mts', 'cts', 'tsx', 'js', 'jsx', 'mjs', 'cjs'];

export type ParserName = 'ts' | 'tsx';

interface SourceParser {
  parse(source: string): ASTNode;
}

const requireFromHere = createRequire(import.meta.url);
const sourceParsers = new Map<ParserName, SourceParser>();

/**
 * jscodeshift's own `ts`/`tsx` parser modules (Babel with jscodeshift's plugin list). The
 * transform never reprints through recast (it splices text), so it parses with them directly
 * and skips recast's copy of the tree, which costs more than the parse itself.
 */
function sourceParser(name: ParserName): SourceParser {
  let parser = sourceParsers.get(name);
  if (!parser) {
    parser = (requireFromHere(`jscodeshift/parser/${name}.js`) as () => SourceParser)();
    sourceParsers.set(name, parser);
  }
  return parser;
}

/**
 * The jscodeshift parser a file needs: `ts` for TypeScript without JSX (`<T>x` casts only
 * parse there), `tsx` for everything else, plain JavaScript included (it may hold JSX).
 */
export function parserForPath(filePath: string): ParserName {
  return /\.[cm]?ts$/iu.test(filePath) ? 'ts' : 'tsx';
}

/** The cheap test a runner does before reading a file into a parser: false means "unchanged, skip". */
export function needsParse(source: string): boolean {
  return CANDIDATE_SOURCE_PATTERN.test(source);
}

type AnyPath = ASTPath;
type Role = 'headers' | 'options';

interface CallInfo {
  readonly client: ClientIdentity;
  readonly member: string | undefined;
  readonly signature: RequestSignature;
}

type Use =
  | {
      readonly type: 'request';
      readonly call: ASTPath<CallExpression>;
      readonly info: CallInfo;
      /** The last variable reference the value went through on its way to the call, if any. */
      readonly reference: { readonly path: AnyPath; readonly role: Role } | undefined;
    }
  | { readonly type: 'instance'; readonly call: ASTPath<CallExpression>; readonly info: CallInfo }
  | { readonly type: 'unknown'; readonly why: string };

interface Context {
  readonly reference: { readonly path: AnyPath; readonly role: Role } | undefined;
  readonly depth: number;
  readonly sawHeadersSlot: boolean;
}

const AXIOS_VERBS = new Set(['common', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options']);
const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);
const STATEMENT_CONTAINERS = new Set(['Program', 'BlockStatement', 'StaticBlock', 'SwitchCase', 'ClassBody']);
const TRANSPARENT_WRAPPERS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
]);

/** ast-types types `NodePath#parent` as any; the parent of a path is always a path (or null at the root). */
function parentOf(path: AnyPath | null | undefined): AnyPath | null {
  return (path?.parent ?? null) as AnyPath | null;
}

function rangeOf(node: ASTNode): Range {
  const { start, end } = node as ASTNode & { start?: number; end?: number };
  return { start: start ?? 0, end: end ?? 0 };
}

function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

function isNodeType<T extends string>(node: ASTNode | null | undefined, type: T): node is ASTNode & { type: T } {
  return node?.type === type;
}

/** What a reader needs to see on a line of its own, quoted the file's way. */
interface Style {
  readonly quote: string;
  readonly semicolon: string;
  readonly commonJs: boolean;
}

class Migration {
  private readonly edits: Edit[] = [];
  private readonly migrated: MigratedSite[] = [];
  private readonly manual: ManualSite[] = [];
  private readonly routes = new Map<string, RouteUse>();
  private readonly fetchCallsMigrated = new Set<ASTNode>();
  private readonly wrappedCalls = new Set<ASTNode>();
  private readonly attachedInstances = new Set<string>();
  private readonly markedStatements = new Set<ASTNode>();
  /** Code the edits delete or replace; identifiers inside may leave their declarations unused. */
  private readonly retired: AnyPath[] = [];
  private readonly identifiers = new Map<string, AnyPath[]>();
  private readonly nodesByType = new Map<string, AnyPath[]>();
  /** Items to drop from one list (specifiers, declarators, pattern members), applied together so commas stay right. */
  private readonly listRemovals = new Map<ASTNode, { items: readonly Range[]; removed: Set<number> }>();
  private oracleInstance: FileTypeOracle | undefined;
  private needsHelper = false;
  private readonly style: Style;
  private readonly clientText: string;
  private readonly helperName: string;
  private readonly fileHasKeptnWords: boolean;

  constructor(
    private readonly j: JSCodeshift,
    private readonly root: Collection,
    private readonly file: FileInfo,
    private readonly options: TransformOptions,
  ) {
    const nodesByType = this.nodesByType;
    this.style = this.detectStyle();
    this.helperName = options.clientExport ?? options.helperExport ?? helperExports.clientFromEnv;
    this.clientText = options.clientExport ?? `${this.helperName}()`;
    this.fileHasKeptnWords = /keptn|cloud_?automation/iu.test(file.source);
    // One walk fills every list the migration reads: each `Collection.find` is a full
    // traversal, and eight of them cost four times the parse (docs/performance.md).
    j.types.visit((root.get() as AnyPath).node, {
      visitNode(visited) {
        // ast-types types visitor paths with its own NodePath; they are the same objects jscodeshift hands out.
        const path = visited as unknown as AnyPath;
        const list = nodesByType.get(path.node.type);
        if (list) list.push(path);
        else nodesByType.set(path.node.type, [path]);
        this.traverse(visited);
      },
    });
    this.nodesOfType<Identifier>('Identifier').forEach((path) => {
      const list = this.identifiers.get(path.node.name) ?? [];
      list.push(path);
      this.identifiers.set(path.node.name, list);
    });
  }

  private nodesOfType<N>(type: string): ASTPath<N>[] {
    return (this.nodesByType.get(type) ?? []) as ASTPath<N>[];
  }

  private get source(): string {
    return this.file.source;
  }

  private oracle(): FileTypeOracle {
    this.oracleInstance ??= createTypeOracle(this.file.path, this.source, this.options.tsconfig);
    return this.oracleInstance;
  }

  private text(node: ASTNode): string {
    const { start, end } = rangeOf(node);
    return this.source.slice(start, end);
  }

  private position(node: ASTNode): { line: number; column: number } {
    const { loc } = node as ASTNode & { loc?: { start: { line: number; column: number } } };
    return { line: loc?.start.line ?? 0, column: (loc?.start.column ?? 0) + 1 };
  }

  run(): { output: string; report: FileReport } {
    const envReads = this.tokenEnvReads();
    this.findPropertySites();
    this.findStatementSites();
    this.collectRoutes();
    if (this.edits.length > 0) {
      this.removeUnusedPlumbing();
      for (const { items, removed } of this.listRemovals.values()) this.edits.push(...removeListItems(this.source, items, removed));
      if (this.needsHelper) this.addHelperImport();
    }
    const output = this.edits.length > 0 ? applyEdits(this.source, tidyLineRemovals(this.source, this.edits)) : this.source;
    const deleted = this.edits.filter((edit) => edit.end > edit.start);
    const tokenEnvVars = [...new Set(envReads.map((read) => read.name))];
    const retiredEnvVars = tokenEnvVars.filter((name) =>
      envReads
        .filter((read) => read.name === name)
        .every((read) => deleted.some((edit) => contains(edit, read.range))),
    );
    return {
      output,
      report: {
        transform: TRANSFORM_NAME,
        file: this.file.path,
        migrated: this.migrated,
        manual: this.manual,
        routes: [...this.routes.values()],
        tokenEnvVars,
        retiredEnvVars,
      },
    };
  }

  // ── finding header writes ────────────────────────────────────────────────────────────

  private headerName(key: ASTNode, computed: boolean): string | undefined {
    if (isNodeType(key, 'StringLiteral')) return key.value;
    if (!computed) return undefined;
    if (isNodeType(key, 'TemplateLiteral') && key.expressions.length === 0) return key.quasis[0]?.value.cooked ?? undefined;
    if (isNodeType(key, 'Identifier')) return this.constantString(key);
    if (isNodeType(key, 'MemberExpression') && this.mayHoldHeaderName(key)) {
      const { start, end } = rangeOf(key);
      return this.oracle().stringValue(start, end);
    }
    return undefined;
  }

  /**
   * Whether `HEADERS.TOKEN`-like keys deserve a question to the oracle: `totals.set(record.owner, …)`
   * in a hot loop must not load a type checker. Worth asking when the root comes from another
   * module or a name says header or token.
   */
  private mayHoldHeaderName(member: ASTNode): boolean {
    if (/header|token/iu.test(this.text(member))) return true;
    let rootNode: ASTNode = member;
    while (isNodeType(rootNode, 'MemberExpression')) rootNode = rootNode.object;
    if (!isNodeType(rootNode, 'Identifier')) return false;
    const path = this.pathOf(rootNode);
    const binding = path ? this.bindingOf(path) : undefined;
    return parentOf(binding)?.node.type.startsWith('Import') === true;
  }

  /** A `const` string in this file, or (through the oracle) one imported from another module. */
  private constantString(identifier: Identifier): string | undefined {
    const path = this.pathOf(identifier);
    const binding = path ? this.bindingOf(path) : undefined;
    if (!binding) return undefined;
    const declarator = parentOf(binding)?.node;
    if (isNodeType(declarator, 'VariableDeclarator') && binding.name === 'id') {
      const init = declarator.init as ASTNode | null | undefined;
      if (isNodeType(init, 'StringLiteral')) return init.value;
      if (isNodeType(init, 'TemplateLiteral') && init.expressions.length === 0) {
        return init.quasis[0]?.value.cooked ?? undefined;
      }
      return undefined;
    }
    if (declarator?.type.startsWith('Import') === true) {
      const { start, end } = rangeOf(identifier);
      return this.oracle().stringValue(start, end);
    }
    return undefined;
  }

  private pathOf(identifier: Identifier): AnyPath | undefined {
    return this.identifiers.get(identifier.name)?.find((path) => path.node === identifier);
  }

  private findPropertySites(): void {
    this.nodesOfType<ObjectProperty>('ObjectProperty').forEach((path) => {
      const name = this.headerName(path.node.key, path.node.computed ?? false);
      if (name === undefined || !isXTokenHeader(name)) return;
      this.migrateProperty(path);
    });
    this.nodesOfType<NewExpression>('NewExpression').forEach((path) => {
      const callee = path.node.callee as ASTNode;
      if (!isNodeType(callee, 'Identifier') || !HEADERS_CONSTRUCTORS.includes(callee.name)) return;
      const first = path.node.arguments[0] as ASTNode | undefined;
      if (!isNodeType(first, 'ArrayExpression')) return;
      first.elements.forEach((element, index) => {
        const entry = element as ASTNode | null;
        if (!isNodeType(entry, 'ArrayExpression')) return;
        const key = entry.elements[0] as ASTNode | null | undefined;
        const name = key ? this.headerName(key, true) : undefined;
        if (name === undefined || !isXTokenHeader(name)) return;
        this.migrateHeadersEntry(path, first, index);
      });
    });
  }

  private findStatementSites(): void {
    this.nodesOfType<AssignmentExpression>('AssignmentExpression').forEach((path) => {
      const left = path.node.left as ASTNode;
      if (path.node.operator !== '=' || !isNodeType(left, 'MemberExpression')) return;
      const name = this.headerName(left.property, left.computed ?? false);
      if (name === undefined || !isXTokenHeader(name)) return;
      this.migrateHeaderWrite(path, left.object, path.get('left', 'object') as AnyPath, 'assignment');
    });
    this.nodesOfType<CallExpression>('CallExpression').forEach((path) => {
      const callee = path.node.callee as ASTNode;
      if (!isNodeType(callee, 'MemberExpression') || callee.computed) return;
      const method = callee.property as ASTNode;
      if (!isNodeType(method, 'Identifier') || !['set', 'append', 'setHeader'].includes(method.name)) return;
      const key = path.node.arguments[0] as ASTNode | undefined;
      const name = key ? this.headerName(key, true) : undefined;
      if (name === undefined || !isXTokenHeader(name)) return;
      if (method.name === 'setHeader') {
        this.leave(path, 'x-token header set with setHeader on a node http request', 'node http requests are not migrated automatically', 'set `Authorization` to `await client.authorizationHeader()` from the OAuth helper instead');
        return;
      }
      this.migrateHeaderWrite(path, callee.object, path.get('callee', 'object') as AnyPath, 'method');
    });
  }

  // ── data flow: where does a header object go? ────────────────────────────────────────

  private trace(start: AnyPath, role: Role, context: Context): Use[] {
    if (context.depth > 8) return [{ type: 'unknown', why: 'the value passes through too many variables to follow' }];
    let current = start;
    for (;;) {
      const parent = parentOf(current);
      if (!parent) return [{ type: 'unknown', why: 'the value is not used' }];
      const node = parent.node;
      const transparent =
        TRANSPARENT_WRAPPERS.has(node.type) ||
        node.type === 'LogicalExpression' ||
        (node.type === 'ConditionalExpression' && current.name !== 'test');
      if (!transparent) break;
      current = parent;
    }
    const parent = parentOf(current) as AnyPath;
    const node = parent.node;
    switch (node.type) {
      case 'ObjectProperty': {
        if (current.name !== 'value' || !isNodeType(node, 'ObjectProperty')) break;
        const key = this.propertyName(node.key, node.computed ?? false);
        const object = parentOf(parent) as AnyPath;
        if (role === 'headers' && key === 'headers') {
          return this.trace(object, 'options', { ...context, depth: context.depth + 1, sawHeadersSlot: true });
        }
        if (role === 'headers' && key !== undefined && AXIOS_VERBS.has(key)) {
          const grand = parentOf(object);
          const grandNode = grand?.node;
          if (isNodeType(grandNode, 'ObjectProperty') && this.propertyName(grandNode.key, false) === 'headers') {
            return this.trace(object, 'headers', { ...context, depth: context.depth + 1 });
          }
        }
        return [{ type: 'unknown', why: `the value is stored as \`${key ?? '[computed]'}\`, which the codemod cannot follow` }];
      }
      case 'SpreadElement':
        return this.trace(parentOf(parent) as AnyPath, role, { ...context, depth: context.depth + 1 });
      case 'NewExpression': {
        const callee = (node as ASTNode & { callee: ASTNode }).callee;
        if (role === 'headers' && isNodeType(callee, 'Identifier') && HEADERS_CONSTRUCTORS.includes(callee.name)) {
          return this.trace(parent, 'headers', { ...context, depth: context.depth + 1, sawHeadersSlot: true });
        }
        return [{ type: 'unknown', why: `the value is passed to \`new ${this.text(callee)}\`, which the codemod cannot follow` }];
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const call = parent as ASTPath<CallExpression>;
        const index = call.node.arguments.indexOf(current.node as never);
        if (index < 0) break;
        const info = this.classifyCall(call);
        if (!info) {
          return [{ type: 'unknown', why: `the value is passed to \`${this.text(call.node.callee)}\`, which the codemod cannot follow` }];
        }
        const { signature } = info;
        const optionsIndex = signature.options;
        const isOptions =
          role === 'options' &&
          optionsIndex !== undefined &&
          (index === optionsIndex ||
            (signature.optionsMayComeFirst === true && index === 0 && !this.isUrlLike(current.node)) ||
            (signature.restAreOptions === true && index >= optionsIndex));
        if (!isOptions) {
          return [{ type: 'unknown', why: `the value reaches ${info.client.kind} as an argument the codemod does not expect` }];
        }
        if (signature.createsInstance) return [{ type: 'instance', call, info }];
        return [{ type: 'request', call, info, reference: context.reference }];
      }
      case 'VariableDeclarator': {
        if (current.name !== 'init' || !isNodeType(node, 'VariableDeclarator')) break;
        const id = parent.get('id') as AnyPath;
        if (!isNodeType(id.node, 'Identifier')) break;
        // Writes into the same object (`headers.set(…)`, `headers[k] = v`) are not where it goes.
        const references = this.referencesOf(id).filter((reference) => !this.isWriteInto(reference));
        if (references.length === 0) return [{ type: 'unknown', why: 'the value is never used' }];
        return references.flatMap((reference) =>
          this.trace(reference, role, { ...context, depth: context.depth + 1, reference: { path: reference, role } }),
        );
      }
      case 'ReturnStatement':
      case 'ArrowFunctionExpression':
        return [{ type: 'unknown', why: 'the value is returned by a function; where it goes depends on each caller' }];
      default:
        break;
    }
    return [{ type: 'unknown', why: 'the codemod cannot follow where this value goes' }];
  }

  private isWriteInto(reference: AnyPath): boolean {
    const parent = parentOf(reference);
    const parentNode = parent?.node;
    if (!parent || !isNodeType(parentNode, 'MemberExpression') || reference.name !== 'object') return false;
    const grand = parentOf(parent)?.node;
    if (isNodeType(grand, 'AssignmentExpression') && parent.name === 'left') return true;
    if (isNodeType(grand, 'CallExpression') && parent.name === 'callee') {
      const method = this.propertyName(parentNode.property, parentNode.computed ?? false);
      return method !== undefined && ['set', 'append', 'delete', 'has', 'get', 'forEach'].includes(method);
    }
    return false;
  }

  private isUrlLike(node: ASTNode): boolean {
    return ['StringLiteral', 'TemplateLiteral', 'BinaryExpression'].includes(node.type);
  }

  private propertyName(key: ASTNode, computed: boolean): string | undefined {
    if (isNodeType(key, 'Identifier') && !computed) return key.name;
    if (isNodeType(key, 'StringLiteral')) return key.value;
    return undefined;
  }

  // ── which client is this? ───────────────────────────────────────────────────────────

  private bindingOf(path: AnyPath): AnyPath | undefined {
    const node = path.node;
    if (!isNodeType(node, 'Identifier')) return undefined;
    const scope = (path.scope as { lookup(name: string): { getBindings(): Record<string, AnyPath[] | undefined> } | null } | null)?.lookup(node.name);
    return scope?.getBindings()[node.name]?.[0];
  }

  private isReference(path: AnyPath): boolean {
    const parent = parentOf(path)?.node;
    if (!parent) return false;
    if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && path.name === 'property') {
      return (parent as ASTNode & { computed: boolean }).computed;
    }
    if ((parent.type === 'ObjectProperty' || parent.type === 'ClassProperty' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod') && path.name === 'key') {
      return (parent as ASTNode & { computed?: boolean }).computed === true;
    }
    if (parent.type.startsWith('Import')) return false;
    if (parent.type === 'ExportSpecifier' && path.name === 'exported') return false;
    if (parent.type.startsWith('TS') && parent.type !== 'TSAsExpression' && parent.type !== 'TSNonNullExpression' && parent.type !== 'TSSatisfiesExpression') {
      return parent.type === 'TSTypeQuery' || parent.type === 'TSExportAssignment';
    }
    return true;
  }

  /** Every other place in the file that reads the binding declared at `declaration`. */
  private referencesOf(declaration: AnyPath): AnyPath[] {
    const node = declaration.node;
    if (!isNodeType(node, 'Identifier')) return [];
    return (this.identifiers.get(node.name) ?? []).filter(
      (path) => path.node !== node && this.isReference(path) && this.bindingOf(path)?.node === node,
    );
  }

  private requireSource(node: ASTNode | null | undefined): string | undefined {
    if (!isNodeType(node, 'CallExpression')) return undefined;
    const callee = node.callee as ASTNode;
    const first = node.arguments[0] as ASTNode | undefined;
    if (isNodeType(callee, 'Identifier') && callee.name === 'require' && isNodeType(first, 'StringLiteral')) return first.value;
    return undefined;
  }

  private clientOfExpression(path: AnyPath): (ClientIdentity & { member?: string }) | undefined {
    const node = path.node;
    if (TRANSPARENT_WRAPPERS.has(node.type)) return this.clientOfExpression(path.get('expression') as AnyPath);
    if (isNodeType(node, 'Identifier')) {
      const binding = this.bindingOf(path);
      if (!binding) return FETCH_GLOBALS.includes(node.name) ? { kind: 'fetch', instance: false } : undefined;
      const declaration = parentOf(binding)?.node;
      if (!declaration) return undefined;
      const annotated = this.clientOfAnnotation(binding.node, binding);
      if (annotated) return annotated;
      if (declaration.type === 'ImportDefaultSpecifier' || declaration.type === 'ImportSpecifier' || declaration.type === 'ImportNamespaceSpecifier') {
        const importDeclaration = parentOf(parentOf(binding))?.node as ASTNode & { source: { value: string } };
        const module = importDeclaration.source.value;
        const imported =
          declaration.type === 'ImportDefaultSpecifier'
            ? 'default'
            : declaration.type === 'ImportNamespaceSpecifier'
              ? '*'
              : this.propertyName((declaration as ASTNode & { imported: ASTNode }).imported, false) ?? '';
        const entry = clientForImport(module, imported) ?? (imported === '*' ? clientForImport(module, 'default') : undefined);
        if (entry) return { kind: entry.client, instance: false, ...(entry.member ? { member: entry.member } : {}) };
        return this.askOracle(path);
      }
      if (isNodeType(declaration, 'VariableDeclarator') && binding.name === 'id') {
        const init = declaration.init as ASTNode | null | undefined;
        const required = this.requireSource(init);
        if (required !== undefined) {
          const entry = clientForImport(required, 'default') ?? clientForImport(required, '*');
          return entry ? { kind: entry.client, instance: false } : this.askOracle(path);
        }
        if (init) {
          const initPath = parentOf(binding)?.get('init') as AnyPath;
          const made = this.instanceMadeBy(initPath);
          if (made) return made;
        }
        return this.askOracle(path);
      }
      if (declaration.type === 'ObjectProperty') {
        // `const { fetch } = require('undici')`
        const declarator = parentOf(parentOf(parentOf(binding)))?.node;
        const required = isNodeType(declarator, 'VariableDeclarator') ? this.requireSource(declarator.init) : undefined;
        const key = this.propertyName((declaration as ASTNode & { key: ASTNode }).key, false);
        if (required !== undefined && key !== undefined) {
          const entry = clientForImport(required, key);
          if (entry) return { kind: entry.client, instance: false, ...(entry.member ? { member: entry.member } : {}) };
        }
      }
      return this.askOracle(path);
    }
    if (isNodeType(node, 'MemberExpression') && !node.computed) {
      const object = node.object as ASTNode;
      const property = node.property as ASTNode;
      if (!isNodeType(property, 'Identifier')) return undefined;
      if (isNodeType(object, 'Identifier') && GLOBAL_OBJECTS.includes(object.name) && !this.bindingOf(path.get('object') as AnyPath)) {
        return FETCH_GLOBALS.includes(property.name) ? { kind: 'fetch', instance: false } : undefined;
      }
      if (isNodeType(object, 'ThisExpression')) return this.clientOfField(path, property.name) ?? this.askOracle(path);
      return this.askOracle(path);
    }
    if (isNodeType(node, 'CallExpression')) return this.instanceMadeBy(path);
    return undefined;
  }

  /** `axios.create(…)`, `got.extend(…)`, or the helper's `attachToAxios(<instance>)`. */
  private instanceMadeBy(path: AnyPath): ClientIdentity | undefined {
    const node = path.node;
    if (TRANSPARENT_WRAPPERS.has(node.type) || node.type === 'AwaitExpression') {
      return this.instanceMadeBy(path.get(node.type === 'AwaitExpression' ? 'argument' : 'expression') as AnyPath);
    }
    if (!isNodeType(node, 'CallExpression')) return undefined;
    const callee = node.callee as ASTNode;
    if (!isNodeType(callee, 'MemberExpression') || callee.computed) return undefined;
    const property = callee.property as ASTNode;
    if (!isNodeType(property, 'Identifier')) return undefined;
    if (property.name === helperClientMembers.attachToAxios) return { kind: 'axios', instance: true };
    const owner = this.clientOfExpression(path.get('callee', 'object') as AnyPath);
    if (!owner) return undefined;
    const signature = requestSignature(owner.kind, property.name);
    return signature?.createsInstance ? { kind: owner.kind, instance: true } : undefined;
  }

  /** A class field set to a client where it is declared or in the constructor. */
  private clientOfField(path: AnyPath, field: string): ClientIdentity | undefined {
    let current: AnyPath | null = path;
    while (current && current.node.type !== 'ClassBody') current = parentOf(current);
    if (!current) return undefined;
    const body = current.get('body') as AnyPath;
    const members = (current.node as ASTNode & { body: ASTNode[] }).body;
    for (const [index, member] of members.entries()) {
      const memberPath = body.get(index) as AnyPath;
      if (isNodeType(member, 'ClassProperty') && this.propertyName(member.key, false) === field) {
        const annotated = this.clientOfAnnotation(member, memberPath);
        if (annotated) return annotated;
        if (member.value) return this.instanceMadeBy(memberPath.get('value') as AnyPath);
      }
      if (isNodeType(member, 'ClassMethod') && member.kind === 'constructor') {
        // `constructor(private readonly http: AxiosInstance)`
        for (const parameter of member.params as ASTNode[]) {
          const inner = (parameter as ASTNode & { parameter?: ASTNode }).parameter;
          if (parameter.type === 'TSParameterProperty' && isNodeType(inner, 'Identifier') && inner.name === field) {
            const annotated = this.clientOfAnnotation(inner, memberPath);
            if (annotated) return annotated;
          }
        }
        let found: ClientIdentity | undefined;
        this.j(memberPath)
          .find(this.j.AssignmentExpression)
          .forEach((assignment) => {
            const left = assignment.node.left as ASTNode;
            if (
              isNodeType(left, 'MemberExpression') &&
              isNodeType(left.object as ASTNode, 'ThisExpression') &&
              this.propertyName(left.property, left.computed ?? false) === field
            ) {
              found ??= this.instanceMadeBy(assignment.get('right') as AnyPath);
            }
          });
        if (found) return found;
      }
    }
    return undefined;
  }

  /**
   * A declared type that names a client type imported from the client's own module
   * (`http: AxiosInstance`, `client: Got`): answered without the oracle.
   */
  private clientOfAnnotation(holder: ASTNode | null | undefined, scopePath: AnyPath): ClientIdentity | undefined {
    // tsc needs this assertion (ASTNode has no typeAnnotation); the lint's view of the union disagrees.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const annotation = (holder as (ASTNode & { typeAnnotation?: ASTNode | null }) | null | undefined)?.typeAnnotation;
    const type = (annotation as (ASTNode & { typeAnnotation?: ASTNode }) | null | undefined)?.typeAnnotation;
    if (!isNodeType(type, 'TSTypeReference')) return undefined;
    const name = type.typeName as ASTNode;
    if (!isNodeType(name, 'Identifier')) return undefined;
    const kind = clientForTypeName(name.name);
    if (!kind) return undefined;
    const scope = (scopePath.scope as { lookup(name: string): { getBindings(): Record<string, AnyPath[] | undefined> } | null } | null)?.lookup(name.name);
    const binding = scope?.getBindings()[name.name]?.[0];
    const specifier = parentOf(binding)?.node;
    const declaration = parentOf(parentOf(binding))?.node as (ASTNode & { source?: { value: string } }) | undefined;
    if (!isNodeType(specifier, 'ImportSpecifier') || !declaration?.source || !clientModules.has(declaration.source.value)) return undefined;
    const imported = this.propertyName(specifier.imported, false);
    if (imported !== name.name && imported !== undefined && clientForTypeName(imported) !== kind) return undefined;
    return { kind, instance: name.name !== 'AxiosStatic' };
  }

  private askOracle(path: AnyPath): ClientIdentity | undefined {
    const { start, end } = rangeOf(path.node);
    return this.oracle().clientOf(start, end);
  }

  private classifyCall(call: ASTPath<CallExpression>): CallInfo | undefined {
    const callee = call.node.callee as ASTNode;
    const calleePath = call.get('callee') as AnyPath;
    let client: (ClientIdentity & { member?: string }) | undefined;
    let member: string | undefined;
    if (isNodeType(callee, 'MemberExpression') && !callee.computed && isNodeType(callee.property as ASTNode, 'Identifier')) {
      const name = (callee.property as Identifier).name;
      const object = callee.object as ASTNode;
      if (isNodeType(object, 'Identifier') && GLOBAL_OBJECTS.includes(object.name) && FETCH_GLOBALS.includes(name)) {
        client = this.clientOfExpression(calleePath);
      } else if (isNodeType(object, 'MemberExpression') && !object.computed && isNodeType(object.property as ASTNode, 'Identifier')) {
        // `got.stream.get(…)`, `got.paginate.all(…)`, or `this.http.get(…)`.
        const inner = (object.property as Identifier).name;
        const owner = this.clientOfExpression(calleePath.get('object', 'object') as AnyPath);
        if (owner && requestSignature(owner.kind, `${inner}.${name}`)) {
          client = owner;
          member = `${inner}.${name}`;
        } else {
          client = this.clientOfExpression(calleePath.get('object') as AnyPath);
          member = name;
        }
      } else {
        client = this.clientOfExpression(calleePath.get('object') as AnyPath);
        member = name;
      }
    } else {
      client = this.clientOfExpression(calleePath);
      member = client?.member;
    }
    if (!client) return undefined;
    const signature = requestSignature(client.kind, member);
    if (!signature) return undefined;
    return { client, member, signature };
  }

  // ── routes: what the requests hit, so the report can name the scopes ───────────────

  private urlShapeOf(node: ASTNode | undefined, depth = 0): readonly UrlPart[] {
    if (!node || depth > 5) return [HOLE];
    if (isNodeType(node, 'StringLiteral')) return [node.value];
    if (isNodeType(node, 'TemplateLiteral')) {
      const parts: (UrlPart | readonly UrlPart[])[] = [];
      node.quasis.forEach((quasi, index) => {
        parts.push(quasi.value.cooked ?? quasi.value.raw);
        const expression = node.expressions[index] as ASTNode | undefined;
        if (expression) parts.push(this.urlShapeOf(expression, depth + 1));
      });
      return urlShape(...parts);
    }
    if (isNodeType(node, 'BinaryExpression') && node.operator === '+') {
      return urlShape(this.urlShapeOf(node.left, depth + 1), this.urlShapeOf(node.right, depth + 1));
    }
    if (isNodeType(node, 'Identifier')) {
      const path = this.pathOf(node);
      const binding = path ? this.bindingOf(path) : undefined;
      const declarator = parentOf(binding)?.node;
      if (isNodeType(declarator, 'VariableDeclarator') && binding?.name === 'id') {
        const init = declarator.init as ASTNode | null;
        if (init && (isNodeType(init, 'StringLiteral') || isNodeType(init, 'TemplateLiteral') || isNodeType(init, 'BinaryExpression'))) {
          return this.urlShapeOf(init, depth + 1);
        }
      }
      return [HOLE];
    }
    if (isNodeType(node, 'NewExpression') && isNodeType(node.callee as ASTNode, 'Identifier') && (node.callee as Identifier).name === 'URL') {
      return urlShape(HOLE, this.urlShapeOf(node.arguments[0], depth + 1));
    }
    return [HOLE];
  }

  private requestParts(call: CallExpression, info: CallInfo): { url: ASTNode | undefined; method: string | undefined } {
    const args = call.arguments as ASTNode[];
    const { signature } = info;
    let options = signature.options === undefined ? undefined : args[signature.options];
    let url = signature.url === undefined ? undefined : args[signature.url];
    if (signature.optionsMayComeFirst && url && isNodeType(url, 'ObjectExpression')) {
      options = url;
      url = undefined;
    }
    let method = signature.method;
    if (isNodeType(options, 'ObjectExpression')) {
      for (const property of options.properties as ASTNode[]) {
        if (!isNodeType(property, 'ObjectProperty')) continue;
        const key = this.propertyName(property.key, property.computed ?? false);
        const value = property.value as ASTNode;
        if (key === 'method' && isNodeType(value, 'StringLiteral')) method ??= value.value.toUpperCase();
        if (key === 'url' && url === undefined) url = value;
      }
    }
    if (info.client.kind === 'fetch' || (info.member === undefined && info.client.kind !== 'undici')) method ??= info.client.kind === 'fetch' ? 'GET' : undefined;
    if (info.client.kind === 'axios' && info.member === undefined) method ??= 'GET';
    if (info.client.kind === 'got' && (info.member === undefined || info.member === 'stream' || info.member.startsWith('paginate'))) method ??= 'GET';
    return { url, method };
  }

  private recordRoute(call: CallExpression, info: CallInfo): ReturnType<typeof analyzeUrl> | undefined {
    const { url, method } = this.requestParts(call, info);
    if (!url) return undefined;
    const analysis = analyzeUrl(this.urlShapeOf(url), method);
    if (analysis.routes.length === 0) return analysis;
    const { line } = this.position(call);
    const key = `${line}:${method ?? ''}:${analysis.displayPath}`;
    this.routes.set(key, {
      line,
      method,
      displayPath: analysis.displayPath,
      routes: analysis.routes.map((route) => `${route.method} ${route.path}`),
      scopes: scopesForRoutes(analysis.routes),
      exact: analysis.exact,
    });
    return analysis;
  }

  /** Every request the file makes through a client syntax can name, migrated or not. */
  private collectRoutes(): void {
    this.nodesOfType<CallExpression>('CallExpression').forEach((call) => {
      const callee = call.node.callee as ASTNode;
      const first = call.node.arguments[0] as ASTNode | undefined;
      if (!first || !(this.isUrlLike(first) || isNodeType(first, 'ObjectExpression') || isNodeType(first, 'NewExpression'))) return;
      // The URL text is cheap to read; only a URL that names a Keptn route is worth naming the client for.
      if (!isNodeType(first, 'ObjectExpression') && analyzeUrl(this.urlShapeOf(first)).routes.length === 0) return;
      // Asking the oracle about every call would cost more than the rest of the run: only
      // names that read like a request (`fetch`, `.get`, `.post`, …) are worth a question.
      const name = isNodeType(callee, 'Identifier')
        ? callee.name
        : isNodeType(callee, 'MemberExpression') && isNodeType(callee.property as ASTNode, 'Identifier')
          ? (callee.property as Identifier).name
          : undefined;
      if (name === undefined || !/^(?:fetch|request|get|post|put|patch|delete|head|axios|got|http|api|client|keptn\w*)$/iu.test(name)) return;
      const info = this.classifyCall(call);
      if (info && !info.signature.createsInstance) this.recordRoute(call.node, info);
    });
  }

  // ── rewrites ────────────────────────────────────────────────────────────────────────

  private hasEvidence(uses: readonly Use[]): boolean {
    if (this.options.includeUnsure === true || this.fileHasKeptnWords) return true;
    return uses.some((use) => {
      if (use.type !== 'request') return false;
      const { url } = this.requestParts(use.call.node, use.info);
      return url !== undefined && analyzeUrl(this.urlShapeOf(url)).evidence !== undefined;
    });
  }

  private statementOf(path: AnyPath): AnyPath | undefined {
    let current: AnyPath | null = path;
    while (current) {
      const parent = parentOf(current);
      if (parent && STATEMENT_CONTAINERS.has(parent.node.type) && current.name !== 'key') return current;
      current = parent;
    }
    return undefined;
  }

  private hasMarker(statement: ASTNode): boolean {
    const comments = (statement as ASTNode & { leadingComments?: { value: string }[] | null }).leadingComments ?? [];
    if (comments.some((comment) => comment.value.includes(MIGRATION_MARKER))) return true;
    // A marker on the line above that the parser attached elsewhere (after a previous statement).
    const { start } = rangeOf(statement);
    const lineStart = lineStartOf(this.source, start);
    const previousLineStart = lineStartOf(this.source, Math.max(0, lineStart - 1));
    return this.source.slice(previousLineStart, lineStart).includes(MIGRATION_MARKER);
  }

  /** Leaves a site as it is: one marker comment above its statement and a report entry. */
  private leave(path: AnyPath, what: string, why: string, todo: string): void {
    const statement = this.statementOf(path);
    const { line, column } = this.position(path.node);
    this.manual.push({ line, column, what, why, todo });
    if (!statement || this.markedStatements.has(statement.node) || this.hasMarker(statement.node)) return;
    this.markedStatements.add(statement.node);
    const { start } = rangeOf(statement.node);
    const indent = indentationAt(this.source, start);
    const lineStart = lineStartOf(this.source, start);
    const atLineStart = this.source.slice(lineStart, start).trim() === '';
    const comment = `// ${MIGRATION_MARKER} ${why}; ${todo}`;
    this.edits.push(
      atLineStart
        ? { start: lineStart, end: lineStart, text: `${indent}${comment}\n` }
        : { start, end: start, text: `/* ${MIGRATION_MARKER} ${why}; ${todo} */ ` },
    );
  }

  private markMigrated(node: ASTNode, client: string, what: string): void {
    const { line, column } = this.position(node);
    this.migrated.push({ line, column, client, what });
  }

  private report(path: AnyPath, what: string, why: string, todo: string, uses: readonly Use[]): void {
    if (!this.hasEvidence(uses)) {
      const { line, column } = this.position(path.node);
      this.manual.push({
        line,
        column,
        what,
        why: 'nothing shows that this request goes to Cloud Automation',
        todo: 'migrate it by hand if it does, or run the codemod with includeUnsure',
      });
      return;
    }
    this.leave(path, what, why, todo);
  }

  /** The removal an `x-token` property needs: the property, or a conditional spread holding only it. */
  private removalTarget(property: AnyPath): { target: AnyPath; container: AnyPath } {
    const object = parentOf(property) as AnyPath;
    let current: AnyPath = object;
    for (;;) {
      const parent = parentOf(current);
      if (!parent) break;
      if (parent.node.type === 'LogicalExpression' || parent.node.type === 'ParenthesizedExpression' || (parent.node.type === 'ConditionalExpression' && current.name !== 'test')) {
        current = parent;
        continue;
      }
      if (parent.node.type === 'SpreadElement' && (object.node as ObjectExpression).properties.length === 1) {
        return { target: parent, container: parentOf(parent) as AnyPath };
      }
      break;
    }
    return { target: property, container: object };
  }

  private looksLikeHeaders(container: ObjectExpression, value: ASTNode | undefined, uses: readonly Use[]): boolean {
    if (uses.some((use) => use.type !== 'unknown')) return true;
    const otherHeader = (container.properties as ASTNode[]).some((property) => {
      if (!isNodeType(property, 'ObjectProperty')) return false;
      const key = this.propertyName(property.key, property.computed ?? false);
      return key !== undefined && /^(?:content-type|accept|authorization|user-agent)$/iu.test(key);
    });
    if (otherHeader) return true;
    if (!value) return false;
    if (isNodeType(value, 'StringLiteral')) return looksLikeApiToken(value.value);
    return /token|secret|auth|key/iu.test(this.text(value));
  }

  private isAsyncContext(path: AnyPath): boolean {
    let current: AnyPath | null = parentOf(path);
    while (current) {
      if (FUNCTION_TYPES.has(current.node.type)) return (current.node as ASTNode & { async?: boolean }).async === true;
      current = parentOf(current);
    }
    // Top-level await exists only in modules.
    return !this.style.commonJs && /\.(?:mjs|mts|ts|tsx)$/u.test(this.file.path);
  }

  private authorizationValue(async: boolean): string {
    return async ? `await ${this.clientText}.${helperClientMembers.authorizationHeader}()` : 'authorization';
  }

  private wrapInTokenPromise(call: ASTPath<CallExpression>): void {
    if (this.wrappedCalls.has(call.node)) return;
    this.wrappedCalls.add(call.node);
    const { start, end } = rangeOf(call.node);
    this.edits.push(
      { start, end: start, text: `${this.clientText}.${helperClientMembers.authorizationHeader}().then((authorization) => ` },
      { start: end, end, text: ')' },
    );
  }

  private migrateProperty(property: AnyPath): void {
    const propertyNode = property.node as ASTNode & { value: ASTNode };
    const statement = this.statementOf(property);
    if (statement && this.hasMarker(statement.node)) {
      const { line, column } = this.position(property.node);
      this.manual.push({ line, column, what: 'x-token header', why: 'marked for a person by an earlier run', todo: 'finish the migration by hand and remove the marker' });
      return;
    }
    const { target, container } = this.removalTarget(property);
    const containerNode = container.node as ObjectExpression;
    const uses = this.trace(container, 'headers', { reference: undefined, depth: 0, sawHeadersSlot: false });
    if (!this.looksLikeHeaders(containerNode, propertyNode.value, uses)) return;
    const unknown = uses.find((use) => use.type === 'unknown');
    if (unknown) {
      this.report(property, 'x-token header in an object', unknown.why, 'send the request through the OAuth helper (see docs/codemods/x-token-to-oauth.md)', uses);
      return;
    }
    if (!this.hasEvidence(uses)) {
      this.report(property, 'x-token header', '', '', uses);
      return;
    }
    const requests = uses.filter((use) => use.type === 'request');
    const instances = uses.filter((use) => use.type === 'instance');
    for (const use of requests) {
      const analysis = this.recordRoute(use.call.node, use.info);
      if (analysis?.routes.some(isTokenCheckRoute) === true && analysis.routes.every(isTokenCheckRoute)) {
        this.leave(
          property,
          'x-token sent to POST /api/v1/auth',
          'POST /api/v1/auth only checks the old API token and means nothing under OAuth',
          `delete this check, or call ${reachabilityCheckRoute.method} ${reachabilityCheckRoute.path} (${reachabilityCheckRoute.scopes.join(' ')}) through the helper`,
        );
        return;
      }
    }
    const kinds = new Set(uses.map((use) => (use.type === 'unknown' ? 'unknown' : use.info.client.kind)));
    if (kinds.size !== 1 || (instances.length > 0 && requests.length > 0)) {
      this.leave(property, 'x-token header shared by different clients', 'the same headers reach requests of different clients', 'migrate each client with the OAuth helper by hand');
      return;
    }
    const kind = [...kinds][0] as HttpClientKind;
    const otherAuthorization = (containerNode.properties as ASTNode[]).some(
      (member) => isNodeType(member, 'ObjectProperty') && isAuthorizationHeader(this.propertyName(member.key, member.computed ?? false) ?? ''),
    );
    if (instances.length > 0) {
      this.migrateInstanceDefaults(property, target, container, instances, kind);
    } else if (kind === 'fetch') {
      this.removeHeader(target, container);
      if (!otherAuthorization) for (const use of requests) this.useHelperFetch(use.call);
      this.markMigrated(property.node, 'fetch', otherAuthorization ? 'x-token header removed (the request already sends Authorization)' : 'x-token header → OAuth helper fetch');
    } else if (kind === 'axios' || kind === 'got') {
      this.migratePerRequestHeader(property, target, container, requests, kind, otherAuthorization);
    } else {
      this.leave(property, `x-token header on a ${kind} request`, `${kind} requests are not migrated automatically`, 'set `Authorization` to `await client.authorizationHeader()` from the OAuth helper');
    }
  }

  /** Drops the x-token entry from its object, and the object itself where it was only that header. */
  private removeHeader(target: AnyPath, container: AnyPath): void {
    const object = container.node as ObjectExpression;
    const members = object.properties as ASTNode[];
    const index = members.indexOf(target.node);
    this.retired.push(target);
    if (members.length === 1) {
      // `headers: { 'x-token': t }` → drop `headers` too; an inline options object left empty goes with it.
      const slot = parentOf(container);
      const slotNode = slot?.node;
      if (slot && isNodeType(slotNode, 'ObjectProperty') && this.propertyName(slotNode.key, false) === 'headers') {
        const options = parentOf(slot) as AnyPath;
        const optionsNode = options.node as ObjectExpression;
        if (optionsNode.properties.length === 1) {
          const call = parentOf(options);
          const callNode = call?.node;
          if (call && (isNodeType(callNode, 'CallExpression') || isNodeType(callNode, 'NewExpression'))) {
            const args = callNode.arguments as ASTNode[];
            const argIndex = args.indexOf(options.node);
            if (argIndex === args.length - 1 && argIndex > 0) {
              this.edits.push(...removeListItems(this.source, args.map(rangeOf), new Set([argIndex])));
              return;
            }
          }
          this.edits.push({ ...rangeOf(optionsNode), text: '{}' });
          return;
        }
        this.edits.push(...removeListItems(this.source, (optionsNode.properties as ASTNode[]).map(rangeOf), new Set([(optionsNode.properties as ASTNode[]).indexOf(slotNode)])));
        return;
      }
      this.edits.push({ ...rangeOf(object), text: '{}' });
      return;
    }
    this.edits.push(...removeListItems(this.source, members.map(rangeOf), new Set([index])));
  }

  private useHelperFetch(call: ASTPath<CallExpression>): void {
    if (this.fetchCallsMigrated.has(call.node)) return;
    this.fetchCallsMigrated.add(call.node);
    const callee = call.get('callee') as AnyPath;
    this.retired.push(callee);
    this.edits.push({ ...rangeOf(callee.node), text: `${this.clientText}.${helperClientMembers.fetch}` });
    this.needsHelper = true;
  }

  private migratePerRequestHeader(
    property: AnyPath,
    target: AnyPath,
    container: AnyPath,
    requests: readonly Extract<Use, { type: 'request' }>[],
    kind: HttpClientKind,
    otherAuthorization: boolean,
  ): void {
    const containerRange = rangeOf(container.node);
    if (otherAuthorization) {
      this.removeHeader(target, container);
      this.markMigrated(property.node, kind, 'x-token header removed (the request already sends Authorization)');
      return;
    }
    const inline = requests.every((use) => contains(rangeOf(use.call.node), containerRange));
    if (inline) {
      const [use] = requests;
      if (!use || requests.length !== 1) return;
      const async = this.isAsyncContext(use.call);
      if (kind === 'got' && !async) {
        // got's request is a promise with `.json()` on it: chaining it behind the token would lose that. Hooks instead.
        this.migrateGotRequestToHooks(property, target, container);
        return;
      }
      this.retired.push(target);
      this.edits.push({ ...rangeOf(target.node), text: `Authorization: ${this.authorizationValue(async)}` });
      if (!async) this.wrapInTokenPromise(use.call);
      this.needsHelper = true;
      this.markMigrated(property.node, kind, `x-token header → Authorization from the OAuth helper${async ? '' : ' (token promise chained before the request)'}`);
      return;
    }
    // Built once in a variable and reused: the token goes in at each request, never into the shared object.
    for (const use of requests) {
      const reference = use.reference;
      const async = this.isAsyncContext(use.call);
      const authorization = `Authorization: ${this.authorizationValue(async)}`;
      if (!reference) {
        this.leave(property, 'x-token header reused across requests', 'the codemod cannot see where the shared headers enter the request', 'send `Authorization: await client.authorizationHeader()` per request');
        return;
      }
      const referenceText = this.text(reference.path.node);
      const parent = parentOf(reference.path)?.node;
      const headersRemain = (container.node as ObjectExpression).properties.length > 1;
      if (reference.role === 'options' && parent === use.call.node) {
        const sharedHeaders = headersRemain ? `...${referenceText}.headers, ` : '';
        this.edits.push({ ...rangeOf(reference.path.node), text: `{ ...${referenceText}, headers: { ${sharedHeaders}${authorization} } }` });
      } else if (reference.role === 'headers' && isNodeType(parent, 'ObjectProperty') && reference.path.name === 'value') {
        this.edits.push({ ...rangeOf(parent), text: `headers: { ...${referenceText}, ${authorization} }` });
      } else {
        this.leave(property, 'x-token header reused across requests', 'the shared headers reach the request in a shape the codemod does not rewrite', 'send `Authorization: await client.authorizationHeader()` per request');
        return;
      }
      if (!async && kind === 'got') {
        this.leave(property, 'x-token header reused across got requests', 'a got request outside an async function cannot wait for the token without losing its `.json()` helpers', 'add `hooks: client.gotHooks()` to the shared options, or make the caller async');
        return;
      }
      if (!async) this.wrapInTokenPromise(use.call);
    }
    this.removeHeader(target, container);
    this.needsHelper = true;
    this.markMigrated(property.node, kind, 'x-token header in shared options → Authorization from the OAuth helper at each request');
  }

  private migrateInstanceDefaults(
    property: AnyPath,
    target: AnyPath,
    container: AnyPath,
    instances: readonly Extract<Use, { type: 'instance' }>[],
    kind: HttpClientKind,
  ): void {
    if (kind !== 'axios' && kind !== 'got') {
      this.leave(property, `x-token header in ${kind} instance defaults`, `${kind} instances are not migrated automatically`, 'add the OAuth helper to the instance by hand');
      return;
    }
    this.needsHelper = true;
    const headersOnlyToken = (container.node as ObjectExpression).properties.length === 1;
    const slot = parentOf(container)?.node;
    const gotTakesSlot =
      kind === 'got' && instances.length === 1 && headersOnlyToken && isNodeType(slot, 'ObjectProperty') && this.propertyName(slot.key, false) === 'headers';
    if (gotTakesSlot) this.retired.push(target);
    else this.removeHeader(target, container);
    for (const { call } of instances) {
      if (this.wrappedCalls.has(call.node)) continue;
      this.wrappedCalls.add(call.node);
      if (kind === 'axios') {
        const { start, end } = rangeOf(call.node);
        this.edits.push(
          { start, end: start, text: `${this.clientText}.${helperClientMembers.attachToAxios}(` },
          { start: end, end, text: ')' },
        );
        this.markMigrated(property.node, 'axios', 'x-token in axios.create defaults → OAuth helper attached to the instance');
      } else {
        this.addGotHooks(call);
        this.markMigrated(property.node, 'got', 'x-token in got.extend options → OAuth helper hooks');
      }
    }
  }

  private migrateGotRequestToHooks(property: AnyPath, target: AnyPath, container: AnyPath): void {
    const hooks = `hooks: ${this.clientText}.${helperClientMembers.gotHooks}()`;
    const slot = parentOf(container);
    const slotNode = slot?.node;
    const options = parentOf(slot)?.node;
    if (!isNodeType(slotNode, 'ObjectProperty') || !isNodeType(options, 'ObjectExpression') || this.propertyName(slotNode.key, false) !== 'headers') {
      this.leave(property, 'x-token header on a got request', 'the headers do not sit in an options object the codemod can extend', 'add `hooks: client.gotHooks()` to the request options');
      return;
    }
    if ((options.properties as ASTNode[]).some((member) => isNodeType(member, 'ObjectProperty') && this.propertyName(member.key, false) === 'hooks')) {
      this.leave(property, 'x-token header on a got request with hooks', 'the request already has hooks of its own', 'append the helper\'s `client.gotHooks()` entries to them');
      return;
    }
    this.retired.push(target);
    this.needsHelper = true;
    if ((container.node as ObjectExpression).properties.length === 1) {
      this.edits.push({ ...rangeOf(slotNode), text: hooks });
    } else {
      this.removeHeader(target, container);
      this.appendMember(options, hooks);
    }
    this.markMigrated(property.node, 'got', 'x-token header → OAuth helper hooks on the request');
  }

  /** Adds `text` as the last member of an object literal, in the object's own layout. */
  private appendMember(object: ObjectExpression, text: string): void {
    const members = object.properties as ASTNode[];
    const tail = members.at(-1);
    if (!tail) {
      this.edits.push({ ...rangeOf(object), text: `{ ${text} }` });
      return;
    }
    const { end } = rangeOf(tail);
    const multiline = this.source.slice(rangeOf(object).start, end).includes('\n');
    const indent = indentationAt(this.source, rangeOf(tail).start);
    const comma = /^\s*,/u.test(this.source.slice(end));
    if (multiline) {
      const after = comma ? this.source.indexOf(',', end) + 1 : end;
      this.edits.push({ start: after, end: after, text: `${comma ? '' : ','}\n${indent}${text}${comma ? ',' : ''}` });
    } else {
      this.edits.push({ start: end, end, text: `, ${text}` });
    }
  }

  private addGotHooks(call: ASTPath<CallExpression>): void {
    const hooks = `hooks: ${this.clientText}.${helperClientMembers.gotHooks}()`;
    const args = call.node.arguments as ASTNode[];
    const last = args.at(-1);
    if (isNodeType(last, 'ObjectExpression') && args.length === 1) {
      const members = last.properties as ASTNode[];
      const hasHooks = members.some((member) => isNodeType(member, 'ObjectProperty') && this.propertyName(member.key, false) === 'hooks');
      if (!hasHooks) {
        const headersSlot = members.find((member) => isNodeType(member, 'ObjectProperty') && this.propertyName(member.key as ASTNode, false) === 'headers');
        const slotValue = (headersSlot as (ASTNode & { value?: ASTNode }) | undefined)?.value;
        if (headersSlot && isNodeType(slotValue, 'ObjectExpression') && slotValue.properties.length === 1) {
          // The headers held only x-token: the hooks take their place (removeHeader left `headers` for us).
          this.edits.push({ ...rangeOf(headersSlot), text: hooks });
          return;
        }
        this.appendMember(last, hooks);
        return;
      }
    }
    const { end } = rangeOf(call.node);
    this.edits.push({ start: end - 1, end: end - 1, text: `${args.length > 0 ? ', ' : ''}{ ${hooks} }` });
  }

  private migrateHeadersEntry(newHeaders: AnyPath, array: ASTNode & { elements: unknown[] }, index: number): void {
    const entryPath = (newHeaders.get('arguments', 0, 'elements', index) as AnyPath);
    const uses = this.trace(newHeaders, 'headers', { reference: undefined, depth: 0, sawHeadersSlot: true });
    const unknown = uses.find((use) => use.type === 'unknown');
    if (unknown || uses.some((use) => use.type !== 'request' || use.info.client.kind !== 'fetch')) {
      this.report(entryPath, 'x-token entry in new Headers([...])', unknown?.why ?? 'the headers reach a client other than fetch', 'send the request through the OAuth helper', uses);
      return;
    }
    if (!this.hasEvidence(uses)) {
      this.report(entryPath, 'x-token entry', '', '', uses);
      return;
    }
    this.retired.push(entryPath);
    const elements = array.elements as ASTNode[];
    this.edits.push(...removeListItems(this.source, elements.map(rangeOf), new Set([index])));
    for (const use of uses) if (use.type === 'request') { this.recordRoute(use.call.node, use.info); this.useHelperFetch(use.call); }
    this.markMigrated(entryPath.node, 'fetch', 'x-token entry in Headers → OAuth helper fetch');
  }

  /** `target['x-token'] = v` or `target.set('x-token', v)`. */
  private migrateHeaderWrite(site: AnyPath, target: ASTNode, targetPath: AnyPath, form: 'assignment' | 'method'): void {
    const what = form === 'assignment' ? 'x-token header assignment' : 'x-token header set by method call';
    let statement = this.statementOf(site);
    if (!statement) return;
    if (this.hasMarker(statement.node)) {
      const { line, column } = this.position(site.node);
      this.manual.push({ line, column, what, why: 'marked for a person by an earlier run', todo: 'finish the migration by hand and remove the marker' });
      return;
    }
    const expressionStatement = parentOf(site)?.node;
    const standalone = isNodeType(expressionStatement, 'ExpressionStatement');
    // `if (token) x['x-token'] = token;` goes as a whole: without the header the test has no purpose.
    const guard = standalone ? this.soleGuard(parentOf(site) as AnyPath) : undefined;
    const removable = guard ?? (standalone ? (parentOf(site) as AnyPath) : undefined);
    if (guard) statement = guard;

    // axios defaults: `<instance>.defaults.headers(.common)['x-token'] = t`
    const defaultsOwner = this.axiosDefaultsOwner(target, targetPath);
    if (defaultsOwner && form === 'assignment') {
      if (!removable || !this.runsOnce(statement)) {
        this.leave(site, 'x-token set on axios defaults at run time', 'the default header is set inside a function that may run many times', `attach the helper once where the instance is made: ${this.clientText}.${helperClientMembers.attachToAxios}(instance)`);
        return;
      }
      this.replaceWithAttach(removable, this.text(defaultsOwner.node), site);
      return;
    }

    // request interceptor: `config.headers['x-token'] = t` / `config.headers.set('x-token', t)`
    const interceptor = this.enclosingInterceptor(target);
    if (interceptor && removable) {
      this.migrateInterceptor(site, removable, interceptor);
      return;
    }

    // A headers object in a variable, sent by fetch.
    if (isNodeType(target, 'Identifier') && removable) {
      const binding = this.bindingOf(targetPath);
      const declarator = parentOf(binding) as AnyPath | null | undefined;
      const declaratorNode = declarator?.node;
      if (declarator && binding && isNodeType(declaratorNode, 'VariableDeclarator') && binding.name === 'id' && declaratorNode.init) {
        const uses = this.trace(declarator.get('init') as AnyPath, 'headers', { reference: undefined, depth: 0, sawHeadersSlot: false });
        const fetchOnly = uses.length > 0 && uses.every((use) => use.type === 'request' && use.info.client.kind === 'fetch');
        if (fetchOnly && this.hasEvidence(uses)) {
          this.retired.push(removable);
          this.edits.push(removeStatement(this.source, rangeOf(removable.node)));
          for (const use of uses) if (use.type === 'request') { this.recordRoute(use.call.node, use.info); this.useHelperFetch(use.call); }
          this.markMigrated(site.node, 'fetch', `${what} → OAuth helper fetch`);
          return;
        }
        const unknown = uses.find((use) => use.type === 'unknown');
        this.report(site, what, unknown?.why ?? 'the headers reach a client other than fetch', 'send `Authorization: await client.authorizationHeader()` instead', uses);
        return;
      }
    }
    this.report(site, what, 'the codemod cannot tell which requests this header object reaches', 'send the request through the OAuth helper', []);
  }

  /** The `if` whose only job is this statement (no else), so both go together. */
  private soleGuard(statement: AnyPath): AnyPath | undefined {
    let current = statement;
    let parent = parentOf(current);
    if (parent && isNodeType(parent.node, 'BlockStatement') && parent.node.body.length === 1) {
      current = parent;
      parent = parentOf(current);
    }
    if (parent && isNodeType(parent.node, 'IfStatement') && !parent.node.alternate && current.name === 'consequent') return parent;
    return undefined;
  }

  /** True at module level, in a class constructor or a static block: code that runs once per instance/module. */
  private runsOnce(statement: AnyPath): boolean {
    const container = parentOf(statement)?.node;
    if (isNodeType(container, 'Program') || isNodeType(container, 'StaticBlock')) return true;
    const owner = parentOf(parentOf(statement))?.node;
    return isNodeType(container, 'BlockStatement') && isNodeType(owner, 'ClassMethod') && owner.kind === 'constructor';
  }

  private axiosDefaultsOwner(target: ASTNode, targetPath: AnyPath): AnyPath | undefined {
    // Walk down `a.b.defaults.headers.common` collecting names, keeping the path of each object.
    const names: string[] = [];
    const objects: AnyPath[] = [];
    let current: ASTNode = target;
    let path: AnyPath = targetPath;
    while (isNodeType(current, 'MemberExpression') && !current.computed && isNodeType(current.property as ASTNode, 'Identifier')) {
      names.unshift((current.property as Identifier).name);
      current = current.object;
      path = path.get('object') as AnyPath;
      objects.unshift(path);
    }
    for (const candidate of AXIOS_DEFAULT_HEADER_PATHS) {
      const offset = names.length - candidate.length;
      if (offset < 0 || !candidate.every((name, index) => names[offset + index] === name)) continue;
      const owner = objects[offset];
      if (!owner) continue;
      const client = this.clientOfExpression(owner);
      // `x.defaults.headers.common` is axios's own shape; a client we cannot name is still an axios instance by it.
      if (client && client.kind !== 'axios') return undefined;
      return owner;
    }
    return undefined;
  }

  private replaceWithAttach(statement: AnyPath, instanceText: string, site: AnyPath): void {
    this.retired.push(statement);
    this.needsHelper = true;
    if (this.attachedInstances.has(instanceText)) {
      this.edits.push(removeStatement(this.source, rangeOf(statement.node)));
    } else {
      this.attachedInstances.add(instanceText);
      this.edits.push({ ...rangeOf(statement.node), text: `${this.clientText}.${helperClientMembers.attachToAxios}(${instanceText})${this.style.semicolon}` });
    }
    this.markMigrated(site.node, 'axios', 'x-token on axios defaults → OAuth helper attached to the instance');
  }

  /** `instance.interceptors.request.use((config) => { … config.headers… })` holding this header write. */
  private enclosingInterceptor(target: ASTNode): { fn: AnyPath; use: AnyPath; instance: ASTNode } | undefined {
    // The header lives on the interceptor's first parameter: `config.headers`.
    if (!isNodeType(target, 'MemberExpression') || target.computed) return undefined;
    const base = target.object as ASTNode;
    if (!isNodeType(base, 'Identifier') || this.propertyName(target.property, false) !== 'headers') return undefined;
    const basePath = this.pathOf(base);
    const binding = basePath ? this.bindingOf(basePath) : undefined;
    const fn = parentOf(binding) as AnyPath | null | undefined;
    const slot = binding?.parentPath as AnyPath | null | undefined;
    if (!fn || !FUNCTION_TYPES.has(fn.node.type) || slot?.name !== 'params') return undefined;
    const call = parentOf(fn);
    const callNode = call?.node;
    if (!call || !isNodeType(callNode, 'CallExpression') || callNode.arguments[0] !== fn.node) return undefined;
    const callee = callNode.callee as ASTNode;
    const chain: string[] = [];
    let current: ASTNode = callee;
    while (isNodeType(current, 'MemberExpression') && !current.computed && isNodeType(current.property as ASTNode, 'Identifier')) {
      chain.unshift((current.property as Identifier).name);
      if (chain.length === 3) break;
      current = current.object;
    }
    if (chain.join('.') !== 'interceptors.request.use' || !isNodeType(current, 'MemberExpression')) return undefined;
    return { fn, use: call, instance: current.object as ASTNode };
  }

  private migrateInterceptor(site: AnyPath, removable: AnyPath, interceptor: { fn: AnyPath; use: AnyPath; instance: ASTNode }): void {
    const useStatement = parentOf(interceptor.use);
    if (!useStatement || !isNodeType(useStatement.node, 'ExpressionStatement') || !this.runsOnce(useStatement)) {
      this.leave(site, 'x-token set in an axios request interceptor', 'the interceptor is registered somewhere that may run many times', `attach the helper once: ${this.clientText}.${helperClientMembers.attachToAxios}(instance)`);
      return;
    }
    const instanceText = this.text(interceptor.instance);
    const body = (interceptor.fn.node as ASTNode & { body: ASTNode }).body;
    const statements = isNodeType(body, 'BlockStatement') ? (body.body as ASTNode[]) : [];
    const others = statements.filter((statement) => statement !== removable.node);
    const onlyReturnsConfig = others.length === 1 && isNodeType(others[0], 'ReturnStatement');
    this.needsHelper = true;
    this.retired.push(removable);
    const attach = `${this.clientText}.${helperClientMembers.attachToAxios}(${instanceText})${this.style.semicolon}`;
    if (onlyReturnsConfig) {
      this.retired.push(useStatement);
      this.edits.push({ ...rangeOf(useStatement.node), text: attach });
    } else {
      this.edits.push(removeStatement(this.source, rangeOf(removable.node)));
      const { end } = rangeOf(useStatement.node);
      this.edits.push({ start: end, end, text: `\n${indentationAt(this.source, rangeOf(useStatement.node).start)}${attach}` });
    }
    this.attachedInstances.add(instanceText);
    this.markMigrated(site.node, 'axios', 'x-token set in a request interceptor → OAuth helper attached to the instance');
  }

  // ── old-token plumbing ────────────────────────────────────────────────────────────

  private isRemoved(range: Range): boolean {
    return this.edits.some((edit) => edit.end > edit.start && contains(edit, range));
  }

  private isPure(node: ASTNode | null | undefined): boolean {
    if (!node) return true;
    switch (node.type) {
      case 'StringLiteral':
      case 'NumericLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'Identifier':
        return true;
      case 'MemberExpression':
        return this.isPure((node as ASTNode & { object: ASTNode }).object) && !(node as ASTNode & { computed: boolean }).computed || isNodeType((node as ASTNode & { property: ASTNode }).property, 'StringLiteral');
      case 'TemplateLiteral':
        return (node as ASTNode & { expressions: ASTNode[] }).expressions.every((expression) => this.isPure(expression));
      case 'LogicalExpression':
      case 'BinaryExpression': {
        const { left, right } = node as ASTNode & { left: ASTNode; right: ASTNode };
        return this.isPure(left) && this.isPure(right);
      }
      case 'ConditionalExpression': {
        const { test, consequent, alternate } = node as ASTNode & { test: ASTNode; consequent: ASTNode; alternate: ASTNode };
        return this.isPure(test) && this.isPure(consequent) && this.isPure(alternate);
      }
      default:
        return TRANSPARENT_WRAPPERS.has(node.type) && this.isPure((node as ASTNode & { expression: ASTNode }).expression);
    }
  }

  /** Removes declarations and imports the migrated code no longer reads; keeps anything still used. */
  private removeUnusedPlumbing(): void {
    const handled = new Set<ASTNode>();
    for (let round = 0; round < 3; round++) {
      const candidates = new Map<ASTNode, AnyPath>();
      for (const retired of this.retired.splice(0)) {
        const identifiers: AnyPath[] = isNodeType(retired.node, 'Identifier') ? [retired] : this.j(retired).find(this.j.Identifier).paths();
        for (const identifier of identifiers) {
          if (!this.isReference(identifier)) continue;
          const binding = this.bindingOf(identifier);
          if (binding && !handled.has(binding.node)) candidates.set(binding.node, binding);
        }
      }
      if (candidates.size === 0) return;
      for (const binding of candidates.values()) {
        handled.add(binding.node);
        const stillUsed = this.referencesOf(binding).some((reference) => !this.isRemoved(rangeOf(reference.node)));
        if (!stillUsed) this.removeDeclaration(binding);
      }
    }
  }

  private removeFromList(owner: ASTNode, items: readonly ASTNode[], item: ASTNode): void {
    const entry = this.listRemovals.get(owner) ?? { items: items.map(rangeOf), removed: new Set<number>() };
    entry.removed.add(items.indexOf(item));
    this.listRemovals.set(owner, entry);
  }

  /** Whether every item of a list is already queued for removal, counting `item`. */
  private removesAll(owner: ASTNode, items: readonly ASTNode[], item: ASTNode): boolean {
    const removed = this.listRemovals.get(owner)?.removed ?? new Set<number>();
    return items.every((other, index) => other === item || removed.has(index));
  }

  private removeDeclaration(binding: AnyPath): void {
    const declaration = parentOf(binding);
    if (!declaration) return;
    const node = declaration.node;
    if (node.type === 'ImportDefaultSpecifier' || node.type === 'ImportSpecifier' || node.type === 'ImportNamespaceSpecifier') {
      this.removeImportSpecifier(declaration);
      return;
    }
    if (isNodeType(node, 'VariableDeclarator') && binding.name === 'id') {
      const init = node.init as ASTNode | null;
      if (!this.isPure(init)) return;
      const variable = parentOf(declaration) as AnyPath;
      const exported = isNodeType(parentOf(variable)?.node, 'ExportNamedDeclaration');
      if (exported) {
        const { start, end } = rangeOf(binding.node);
        const nameEnd = start + (binding.node as Identifier).name.length;
        if (this.oracle().isReferencedElsewhere(start, Math.min(end, nameEnd))) return;
      }
      const declarators = (variable.node as ASTNode & { declarations: ASTNode[] }).declarations;
      this.retired.push(declaration.get('init') as AnyPath);
      if (this.removesAll(variable.node, declarators, node)) {
        this.listRemovals.delete(variable.node);
        this.edits.push(removeStatement(this.source, rangeOf(((exported ? parentOf(variable) : variable) ?? variable).node)));
      } else {
        this.removeFromList(variable.node, declarators, node);
      }
      return;
    }
    // `const { KEPTN_API_TOKEN } = process.env` / `const { token } = require('./config')`
    if (isNodeType(node, 'ObjectProperty')) {
      const pattern = parentOf(declaration);
      const declarator = parentOf(pattern);
      if (!pattern || !declarator || !isNodeType(declarator.node, 'VariableDeclarator') || !isNodeType(pattern.node, 'ObjectPattern')) return;
      if (!this.isPure(declarator.node.init) && this.requireSource(declarator.node.init) === undefined) return;
      const members = pattern.node.properties as ASTNode[];
      const variable = parentOf(declarator) as AnyPath;
      if (this.removesAll(pattern.node, members, node)) {
        if ((variable.node as ASTNode & { declarations: ASTNode[] }).declarations.length !== 1) return;
        if (isNodeType(parentOf(variable)?.node, 'ExportNamedDeclaration')) return;
        this.listRemovals.delete(pattern.node);
        this.edits.push(removeStatement(this.source, rangeOf(variable.node)));
      } else {
        this.removeFromList(pattern.node, members, node);
      }
    }
  }

  private removeImportSpecifier(specifier: AnyPath): void {
    const declaration = parentOf(specifier) as AnyPath;
    const specifiers = (declaration.node as ASTNode & { specifiers: ASTNode[] }).specifiers;
    const named = specifiers.filter((other) => other.type === 'ImportSpecifier');
    if (this.removesAll(declaration.node, specifiers, specifier.node)) {
      this.listRemovals.delete(declaration.node);
      this.edits.push(removeStatement(this.source, rangeOf(declaration.node)));
      return;
    }
    if (specifier.node.type === 'ImportSpecifier' && this.removesAll(declaration.node, named, specifier.node)) {
      // `import a, { b } from 'm'` without b: the braces go too.
      const defaultSpecifier = specifiers.find((other) => other.type !== 'ImportSpecifier');
      const lastNamed = named.at(-1);
      if (!defaultSpecifier || !lastNamed) return;
      this.listRemovals.delete(declaration.node);
      const close = this.source.indexOf('}', rangeOf(lastNamed).end);
      this.edits.push({ start: rangeOf(defaultSpecifier).end, end: close + 1, text: '' });
      return;
    }
    this.removeFromList(declaration.node, specifiers, specifier.node);
  }

  private tokenEnvReads(): { name: string; range: Range }[] {
    const reads: { name: string; range: Range }[] = [];
    const isTokenVar = (name: string): boolean => KEPTN_TOKEN_ENV_VARS.includes(name) || nameHint(name)?.role === 'token';
    this.nodesOfType<MemberExpression>('MemberExpression').forEach((path) => {
      const object = path.node.object as ASTNode;
      if (!isNodeType(object, 'MemberExpression') || this.text(object).replace(/\s/gu, '') !== 'process.env') return;
      const name = this.propertyName(path.node.property, path.node.computed ?? false);
      if (name !== undefined && isTokenVar(name)) reads.push({ name, range: rangeOf(path.node) });
    });
    this.nodesOfType<VariableDeclarator>('VariableDeclarator').forEach((path) => {
      const { id, init } = path.node as ASTNode & { id: ASTNode; init: ASTNode | null };
      if (!init || !isNodeType(id, 'ObjectPattern') || this.text(init).replace(/\s/gu, '') !== 'process.env') return;
      for (const property of id.properties as ASTNode[]) {
        if (!isNodeType(property, 'ObjectProperty')) continue;
        const name = this.propertyName(property.key, property.computed ?? false);
        if (name !== undefined && isTokenVar(name)) reads.push({ name, range: rangeOf(property) });
      }
    });
    return reads;
  }

  // ── the helper import ─────────────────────────────────────────────────────────────

  private detectStyle(): Style {
    const program = (this.root.get() as AnyPath).node as ASTNode & { program: { body: ASTNode[] } };
    const body = program.program.body;
    const hasEsm = body.some((statement) => statement.type === 'ImportDeclaration' || statement.type.startsWith('Export'));
    const extension = /\.([cm]?)[jt]sx?$/iu.exec(this.file.path)?.[1] ?? '';
    const commonJs = extension === 'c' || (extension !== 'm' && !hasEsm && /\brequire\s*\(|\bmodule\.exports\b|\bexports\./u.test(this.file.source));
    const quoteSample = /^\s*(?:import\b[^'"\n]*|[^\n]*\brequire\s*\()(['"])/mu.exec(this.file.source)?.[1] ?? /(['"])/u.exec(this.file.source)?.[1];
    const firstStatement = body.find((statement) => statement.type === 'ImportDeclaration' || statement.type === 'VariableDeclaration' || statement.type === 'ExpressionStatement');
    const semicolon = firstStatement && !this.text(firstStatement).trimEnd().endsWith(';') ? '' : ';';
    return { quote: quoteSample ?? "'", semicolon, commonJs };
  }

  private addHelperImport(): void {
    const module = this.options.helperModule ?? HELPER_MODULE;
    const name = this.helperName;
    const { quote, semicolon, commonJs } = this.style;
    const program = (this.root.get() as AnyPath).node as ASTNode & { program: { body: ASTNode[]; directives?: ASTNode[] } };
    const body = program.program.body;
    if (this.identifiers.get(name)?.some((path) => this.isReference(path) || parentOf(path)?.node.type === 'ImportSpecifier')) {
      // Already imported (a previous run, or by hand) or the user has something of that name: reuse it.
      const existing = body.find((statement) => isNodeType(statement, 'ImportDeclaration') && (statement.source as { value: string }).value === module);
      if (existing || this.identifiers.get(name)?.some((path) => parentOf(path)?.node.type === 'ImportSpecifier' || parentOf(path)?.node.type === 'ObjectProperty')) return;
    }
    const existingImport = body.find(
      (statement): statement is ASTNode & { specifiers: ASTNode[] } =>
        isNodeType(statement, 'ImportDeclaration') && (statement.source as { value: string }).value === module && statement.importKind !== 'type',
    );
    const lastNamed = existingImport?.specifiers.filter((specifier) => specifier.type === 'ImportSpecifier').at(-1);
    if (lastNamed) {
      const { end } = rangeOf(lastNamed);
      this.edits.push({ start: end, end, text: `, ${name}` });
      return;
    }
    const line = commonJs
      ? `const { ${name} } = require(${quote}${module}${quote})${semicolon}`
      : `import { ${name} } from ${quote}${module}${quote}${semicolon}`;
    const anchor = this.importAnchor(body, commonJs);
    if (anchor && this.isRemoved(rangeOf(anchor))) {
      // Every import it could follow is being removed: take the place of the first one.
      const first = body.find((statement) => this.isRemoved(rangeOf(statement))) ?? anchor;
      const { start, end } = rangeOf(first);
      const lineRange = removeStatement(this.source, { start, end });
      const kept = this.edits.filter((edit) => !(edit.text === '' && contains(lineRange, edit)));
      this.edits.splice(0, this.edits.length, ...kept, { start, end, text: line });
      return;
    }
    if (anchor) {
      const { end } = rangeOf(anchor);
      const lineEnd = this.source.indexOf('\n', end);
      const at = lineEnd === -1 ? this.source.length : lineEnd;
      this.edits.push({ start: at, end: at, text: `\n${line}` });
      return;
    }
    const directives = program.program.directives ?? [];
    const lastDirective = directives.at(-1);
    if (lastDirective) {
      const { end } = rangeOf(lastDirective);
      const lineEnd = this.source.indexOf('\n', end);
      const at = lineEnd === -1 ? this.source.length : lineEnd;
      this.edits.push({ start: at, end: at, text: `\n\n${line}` });
      return;
    }
    const first = body[0];
    // tsc needs this assertion (not every statement type declares leadingComments); the lint's view disagrees.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const comments = (first as (ASTNode & { leadingComments?: { start: number; end: number }[] | null }) | undefined)?.leadingComments ?? [];
    // A file header (license, module doc) stays on top; the import goes right after it.
    const header = comments[0];
    const at = header && header.start === 0 ? lineStartOf(this.source, rangeOf(first as ASTNode).start) : first ? lineStartOf(this.source, (comments[0]?.start ?? rangeOf(first).start)) : 0;
    // When the first statement is being removed, the blank line after it already separates the import.
    const firstRemoved = first !== undefined && this.isRemoved(rangeOf(first));
    this.edits.push({ start: at, end: at, text: firstRemoved ? `${line}\n` : `${line}\n\n` });
  }

  private importAnchor(body: readonly ASTNode[], commonJs: boolean): ASTNode | undefined {
    let anchor: ASTNode | undefined;
    for (const statement of body) {
      if (anchor && this.isRemoved(rangeOf(statement)) && !this.isRemoved(rangeOf(anchor))) continue;
      if (!commonJs && statement.type === 'ImportDeclaration') anchor = statement;
      else if (commonJs && isNodeType(statement, 'VariableDeclaration') && statement.declarations.some((declarator) => this.isRequireInit((declarator as ASTNode & { init: ASTNode | null }).init))) anchor = statement;
      else if (anchor || !commonJs) {
        if (!commonJs) continue;
        break;
      }
    }
    return anchor;
  }

  private isRequireInit(node: ASTNode | null): boolean {
    if (!node) return false;
    if (this.requireSource(node) !== undefined) return true;
    if (isNodeType(node, 'MemberExpression')) return this.isRequireInit(node.object);
    if (isNodeType(node, 'CallExpression')) return this.isRequireInit(node.callee) || (node.arguments as ASTNode[]).some((argument) => this.requireSource(argument) !== undefined);
    return false;
  }
}

export class UnparsableFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: cannot parse, left unchanged (${reason})`);
    this.name = 'UnparsableFileError';
  }
}

function emptyReport(file: string, error?: string): FileReport {
  return {
    transform: TRANSFORM_NAME,
    file,
    migrated: [],
    manual: [],
    routes: [],
    tokenEnvVars: [],
    retiredEnvVars: [],
    ...(error === undefined ? {} : { error }),
  };
}

function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

/**
 * The transform. Returns the new text, or undefined when the file is left as it was (what
 * jscodeshift counts as "skipped"). Under jscodeshift's CLI a file that does not parse
 * throws (listed as an error, the run goes on); with `options.reporter` it is reported
 * with `error` set instead, so the in-process runner sees every outcome the same way.
 */
export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  const settings = options as TransformOptions;
  if (!needsParse(file.source)) return undefined;
  const parser = parserForPath(file.path);
  const j = api.jscodeshift;
  let root: Collection;
  try {
    root = j(sourceParser(parser).parse(file.source));
  } catch (error) {
    const reason = errorMessage(error);
    if (settings.reporter) {
      settings.reporter(emptyReport(file.path, `cannot parse with the ${parser} parser: ${reason}`));
      return undefined;
    }
    throw new UnparsableFileError(file.path, reason);
  }
  let output: string;
  let report: FileReport;
  try {
    ({ output, report } = new Migration(j, root, file, settings).run());
    if (output !== file.source) sourceParser(parser).parse(output);
  } catch (error) {
    // Our own bug, or output that would not parse: the file stays exactly as it was.
    const reason = `the codemod failed on this file and left it unchanged: ${errorMessage(error)}`;
    if (settings.reporter) settings.reporter(emptyReport(file.path, reason));
    else api.report(reason);
    return undefined;
  }
  if (settings.reporter) settings.reporter(report);
  else for (const site of report.manual) api.report(`${site.line}:${site.column} ${site.what}: ${site.why}. ${site.todo}`);
  return output === file.source ? undefined : output;
}

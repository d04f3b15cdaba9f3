/**
 * The ts-morph type oracle: answers the questions syntax cannot (which client a callee is,
 * what an imported constant holds, whether an exported token is used in another module).
 *
 * Cost model (docs/performance.md): loading ts-morph takes ~0.6 s and a Project ~1 s, so
 * both happen lazily, once per process and tsconfig, and only when a transform asks a
 * question its own scope analysis could not answer. Files enter the Project one at a time,
 * from the exact text jscodeshift handed the transform, and imports come in on demand;
 * the tsconfig's whole file list is loaded only for a project-wide reference search.
 * Babel and TypeScript share source offsets, so questions are asked by [start, end).
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import type { TypeQuestions } from '../analysis/host.js';
import { cachedReader, forgetPackageModules, listsFile, nearestAbove, projectOfFile, type ProjectModules } from '../analysis/module-callers.js';
import type * as TsMorph from 'ts-morph';
import { clientForTypeName, isFetchDeclaration, wrapperForTypeName, type ClientWrapper, type HttpClientKind } from '../core/index.js';

export interface ClientIdentity {
  readonly kind: HttpClientKind;
  /** An instance made by `axios.create` / `got.extend` (or typed as one), not the library itself. */
  readonly instance: boolean;
  /** A framework class around an instance (Nest's `HttpService`), not the instance itself. */
  readonly wrapper?: ClientWrapper;
}

export type HeadersValueKind = 'Headers' | 'AxiosHeaders' | 'record';

export interface FileTypeOracle {
  /** Which HTTP client the expression at [start, end) is, judged by its declared type. */
  clientOf(start: number, end: number): ClientIdentity | undefined;
  /** The string literal type of the expression (a constant, possibly imported from another module). */
  stringValue(start: number, end: number): string | undefined;
  /** Whether a headers value is a `Headers`, an `AxiosHeaders` or a plain record. */
  headersKind(start: number, end: number): HeadersValueKind | undefined;
  /**
   * Whether a value of the expression's declared type can hold a member `name`: false only for
   * types that name no such member and take no other keys (reading it would not type-check).
   */
  mayHaveMember(start: number, end: number, name: string): boolean | undefined;
  /** Whether the function whose body contains `offset` is async (declared or by its return type). */
  isInAsyncFunction(offset: number): boolean | undefined;
  /**
   * Where the declaration named by the identifier at [start, end) is referenced from other files
   * of the project (empty: nowhere else), or undefined when that cannot be proven (no tsconfig,
   * search failed).
   */
  referencesInOtherFiles(start: number, end: number): readonly SourceLocation[] | undefined;
  /** The files of the tsconfig above this file, where calls from other modules are looked for; undefined without one. */
  projectModules(): ProjectModules | undefined;
  /**
   * Whether the project's types declare a global `fetch` (the DOM lib, @types/node 18+); undefined
   * without a tsconfig, where the defaults say nothing about the project.
   */
  declaresGlobalFetch(): boolean | undefined;
}

export interface SourceLocation {
  readonly file: string;
  readonly line: number;
  /** An import or re-export of the name, not a use of its value. */
  readonly inImport: boolean;
}

type TsMorphModule = typeof TsMorph;

const requireFromHere = createRequire(import.meta.url);
let tsMorph: TsMorphModule | undefined;
// Why require and not import(): the transform stays synchronous, which jscodeshift's
// runner and the migrate CLI both call the same way, and files that never ask pay nothing.
function loadTsMorph(): TsMorphModule {
  tsMorph ??= requireFromHere('ts-morph') as TsMorphModule;
  return tsMorph;
}

interface ProjectEntry {
  readonly project: TsMorph.Project;
  readonly tsconfig: string | undefined;
  allFilesLoaded: boolean;
}

const projects = new Map<string, ProjectEntry>();
const NO_TSCONFIG = '<no tsconfig>';

/** The tsconfig.json nearest above a file, or undefined. */
export function nearestTsconfig(filePath: string): string | undefined {
  return nearestAbove(filePath, 'tsconfig.json');
}

function projectFor(tsconfig: string | undefined, needsJs: boolean): ProjectEntry {
  const key = tsconfig ?? NO_TSCONFIG;
  let entry = projects.get(key);
  if (!entry) {
    const { Project, ts } = loadTsMorph();
    const project = tsconfig
      ? new Project({ tsConfigFilePath: tsconfig, skipAddingFilesFromTsConfig: true })
      : new Project({
          compilerOptions: {
            allowJs: true,
            checkJs: false,
            target: ts.ScriptTarget.ES2022,
            module: ts.ModuleKind.NodeNext,
            moduleResolution: ts.ModuleResolutionKind.NodeNext,
            jsx: ts.JsxEmit.Preserve,
            skipLibCheck: true,
          },
        });
    entry = { project, tsconfig, allFilesLoaded: false };
    projects.set(key, entry);
  }
  if (needsJs && !entry.project.getCompilerOptions().allowJs) entry.project.compilerOptions.set({ allowJs: true });
  return entry;
}

const modulesByTsconfig = new Map<string, ProjectModules | null>();
/**
 * A tsconfig's file list, as the typed lint's program has it (its root files), read without
 * loading them into a Project.
 */
function tsconfigModules(tsconfig: string): ProjectModules | undefined {
  let modules = modulesByTsconfig.get(tsconfig);
  if (modules === undefined) {
    const { ts } = loadTsMorph();
    const parsed = guarded(() => ts.getParsedCommandLineOfConfigFile(tsconfig, undefined, { ...ts.sys, onUnRecoverableConfigFileDiagnostic: () => undefined }));
    modules = parsed ? { files: parsed.fileNames.map((file) => path.resolve(file)), read: cachedReader() } : null;
    modulesByTsconfig.set(tsconfig, modules);
  }
  return modules ?? undefined;
}


/** The oracle answering the shared analysis's type questions, by the ESTree node's source range. */
export function oracleQuestions(oracle: FileTypeOracle): TypeQuestions {
  return {
    stringLiteral: (node) => oracle.stringValue(node.range[0], node.range[1]),
    client: (node) => {
      const found = oracle.clientOf(node.range[0], node.range[1]);
      return found ? { kind: found.kind, isInstance: found.instance, ...(found.wrapper ? { wrapper: found.wrapper } : {}) } : undefined;
    },
  };
}

/** Drops every Project this process built (tests that rewrite fixture files between runs). */
export function resetTypeOracle(): void {
  projects.clear();
  modulesByTsconfig.clear();
  forgetPackageModules();
}

function isJsFile(filePath: string): boolean {
  return /\.[cm]?jsx?$/u.test(filePath);
}

function upsertSourceFile(project: TsMorph.Project, filePath: string, source: string): TsMorph.SourceFile {
  const absolute = path.resolve(filePath);
  const existing = project.getSourceFile(absolute);
  // Replacing identical text would still throw away the checker's work for nothing.
  if (existing && existing.getFullText() === source) return existing;
  return project.createSourceFile(absolute, source, { overwrite: true });
}

/**
 * An oracle for one file. Nothing is loaded until the first question: a file whose every
 * question was answered by syntax never touches ts-morph.
 */
export function createTypeOracle(filePath: string, source: string, tsconfig?: string): FileTypeOracle {
  let sourceFile: TsMorph.SourceFile | undefined;
  let entry: ProjectEntry | undefined;
  // Asked for every cross-module question of the file: the walks up the folders are done once.
  let project: { readonly modules: ProjectModules | undefined } | undefined;

  const file = (): TsMorph.SourceFile => {
    if (!sourceFile) {
      entry = projectFor(tsconfig ?? nearestTsconfig(filePath), isJsFile(filePath));
      sourceFile = upsertSourceFile(entry.project, filePath, source);
    }
    return sourceFile;
  };

  const nodeAt = (start: number, end: number): TsMorph.Node | undefined => {
    try {
      return file().getDescendantAtStartWithWidth(start, end - start);
    } catch {
      return undefined;
    }
  };

  return {
    clientOf(start, end) {
      const node = nodeAt(start, end);
      return node ? guarded(() => clientIdentityOf(node)) : undefined;
    },
    stringValue(start, end) {
      const node = nodeAt(start, end);
      if (!node) return undefined;
      return guarded(() => {
        const type = node.getType();
        return type.isStringLiteral() ? (type.getLiteralValue() as string) : undefined;
      });
    },
    headersKind(start, end) {
      const node = nodeAt(start, end);
      if (!node) return undefined;
      return guarded(() => {
        const names = typeNames(node.getType());
        if (names.includes('AxiosHeaders')) return 'AxiosHeaders';
        if (names.includes('Headers')) return 'Headers';
        return node.getType().isObject() ? 'record' : undefined;
      });
    },
    mayHaveMember(start, end, name) {
      const node = nodeAt(start, end);
      return node ? guarded(() => typeMayHaveMember(node.getType(), name, 0)) : undefined;
    },
    isInAsyncFunction(offset) {
      const { Node } = loadTsMorph();
      const node = file().getDescendantAtPos(offset);
      const fn = node?.getFirstAncestor((ancestor) => Node.isFunctionLikeDeclaration(ancestor));
      if (!fn || !Node.isFunctionLikeDeclaration(fn)) return undefined;
      return Node.isAsyncable(fn) && fn.isAsync();
    },
    referencesInOtherFiles(start, end) {
      const node = nodeAt(start, end);
      const { Node } = loadTsMorph();
      if (!node || !Node.isIdentifier(node) || !entry) return undefined;
      const current = entry;
      return guarded(() => {
        // Only a search over every file the tsconfig names can prove "nowhere else", and only for a
        // file it names: one it does not (a JavaScript package inside, compiled output) belongs
        // to its package, which `projectModules` searches by syntax instead.
        if (!current.tsconfig) return undefined;
        const listed = tsconfigModules(current.tsconfig);
        if (!listed || !listsFile(listed, filePath)) return undefined;
        if (!current.allFilesLoaded) {
          current.project.addSourceFilesFromTsConfig(current.tsconfig);
          current.allFilesLoaded = true;
        }
        const own = file();
        return node
          .findReferencesAsNodes()
          .filter((reference) => reference.getSourceFile() !== own)
          .map((reference) => ({
            file: reference.getSourceFile().getFilePath(),
            line: reference.getStartLineNumber(),
            inImport: reference.getFirstAncestor((ancestor) => Node.isImportDeclaration(ancestor) || Node.isExportDeclaration(ancestor)) !== undefined,
          }));
      });
    },
    projectModules() {
      if (!project) {
        const tsconfigPath = tsconfig ?? nearestTsconfig(filePath);
        project = { modules: projectOfFile(filePath, tsconfigPath === undefined ? undefined : tsconfigModules(tsconfigPath), 'snapshot') };
      }
      return project.modules;
    },
    declaresGlobalFetch() {
      const own = file();
      if (!entry?.tsconfig) return undefined;
      const { ts } = loadTsMorph();
      // No location: only globals answer, not the file's own `import fetch from 'node-fetch'`.
      return guarded(() => own.getProject().getTypeChecker().compilerObject.resolveName('fetch', undefined, ts.SymbolFlags.Value, false) !== undefined);
    },
  };
}

function typeMayHaveMember(type: TsMorph.Type, name: string, depth: number): boolean {
  if (depth > 4 || type.isAny() || type.isUnknown()) return true;
  if (type.isUnion()) return type.getUnionTypes().some((member) => typeMayHaveMember(member, name, depth + 1));
  if (type.isIntersection()) return type.getIntersectionTypes().some((member) => typeMayHaveMember(member, name, depth + 1));
  if (type.isTypeParameter()) {
    const constraint = type.getConstraint();
    return constraint === undefined || typeMayHaveMember(constraint, name, depth + 1);
  }
  // Spreading a primitive, null or undefined adds no named member.
  if (!type.isObject()) return false;
  return type.getProperty(name) !== undefined || type.getStringIndexType() !== undefined;
}

// The oracle refines what syntax found; a checker failure on odd input must never stop a migration.
function guarded<T>(question: () => T): T | undefined {
  try {
    return question();
  } catch {
    return undefined;
  }
}

function clientIdentityOf(node: TsMorph.Node): ClientIdentity | undefined {
  const type = node.getType();
  for (const name of typeNames(type)) {
    const wrapper = wrapperForTypeName(name, { declaredIn: declarationFiles(type) });
    if (wrapper) return { kind: wrapper.client, instance: true, wrapper };
    const kind = clientForTypeName(name, declarationFiles(type));
    if (!kind) continue;
    const isLibraryItself = name === 'AxiosStatic' || (kind === 'got' && isDefaultGot(node));
    return { kind, instance: !isLibraryItself };
  }
  const symbol = type.getSymbol() ?? node.getSymbol();
  if (symbol?.getName() === 'fetch' || type.getCallSignatures().length > 0) {
    const files = (symbol?.getDeclarations() ?? []).map((declaration) => declaration.getSourceFile().getFilePath());
    if (symbol !== undefined && isFetchDeclaration(symbol.getName(), files)) {
      return { kind: 'fetch', instance: false };
    }
  }
  return undefined;
}

function isDefaultGot(node: TsMorph.Node): boolean {
  // `got` itself and an instance from `got.extend` share the type `Got`; only the import tells them apart.
  const symbol = node.getSymbol();
  const aliased = symbol?.getAliasedSymbol() ?? symbol;
  return (aliased?.getDeclarations() ?? []).some((declaration) =>
    /[\\/]node_modules[\\/]got[\\/]/u.test(declaration.getSourceFile().getFilePath()),
  );
}

function typeNames(type: TsMorph.Type): string[] {
  const names: string[] = [];
  const visit = (current: TsMorph.Type): void => {
    const alias = current.getAliasSymbol()?.getName();
    if (alias) names.push(alias);
    const symbol = current.getSymbol()?.getName();
    if (symbol) names.push(symbol);
    if (current.isIntersection()) current.getIntersectionTypes().forEach(visit);
    for (const base of current.getBaseTypes()) visit(base);
  };
  visit(type);
  return names;
}

function declarationFiles(type: TsMorph.Type): string[] {
  const symbols = [type.getAliasSymbol(), type.getSymbol()].filter((symbol) => symbol !== undefined);
  return symbols.flatMap((symbol) =>
    symbol.getDeclarations().map((declaration) => declaration.getSourceFile().getFilePath()),
  );
}

/**
 * The request analysis hosted by an ESLint rule: scopes and visitor keys from the rule's
 * `sourceCode`, type questions from typescript-eslint's program when the config provides one.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { clientForTypeName, isFetchDeclaration, wrapperForTypeName } from '../core/index.js';
import type { AnalysisHost, TypeQuestions, TypedClient } from './host.js';
import { projectOfFile, untypedLintProject, type ProjectModules } from './module-callers.js';
import { createRequestAnalysis, type RequestAnalysis } from './request-analysis.js';

type AnyRuleContext = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>;

/** The parts of a TypeScript type the questions read; typed structurally so the plugin never imports `typescript`. */
interface SymbolLike {
  name: string;
  declarations?: readonly { getSourceFile(): { fileName: string } }[] | undefined;
}

interface TypeLike {
  aliasSymbol?: SymbolLike | undefined;
  getSymbol(): SymbolLike | undefined;
  isStringLiteral(): boolean;
  isUnion(): boolean;
  isIntersection(): boolean;
  value?: unknown;
  types?: TypeLike[];
}

interface ProgramLike {
  getTypeChecker(): { getTypeAtLocation(node: unknown): TypeLike };
  getRootFileNames(): readonly string[];
  // `configFilePath` is set (TypeScript-internal, stable for years) when the program comes from a tsconfig.
  getCompilerOptions(): Readonly<Record<string, unknown>>;
  getSourceFile(fileName: string): { readonly text: string } | undefined;
}

interface ProgramServices {
  readonly program?: ProgramLike | null;
  readonly esTreeNodeToTSNodeMap?: { get(node: TSESTree.Node): unknown };
}

/** Whether the file was parsed with type information (a TypeScript program behind it). */
export function isTyped(sourceCode: { readonly parserServices?: unknown }): boolean {
  return Boolean((sourceCode.parserServices as ProgramServices | undefined)?.program);
}

export function eslintHost(context: AnyRuleContext): AnalysisHost {
  const { sourceCode } = context;
  // Found once per file: every cross-module question asks for it.
  let project: { readonly modules: ProjectModules | undefined } | undefined;
  return {
    filePath: context.filename,
    text: sourceCode.text,
    visitorKeys: sourceCode.visitorKeys,
    getScope: (node) => sourceCode.getScope(node),
    types: () => checkerQuestions(sourceCode.parserServices),
    projectModules: () => (project ??= { modules: lintedProject(sourceCode.parserServices, context.filename) }).modules,
  };
}

/**
 * As the codemod's oracle answers: the program's files when they include this one, else its
 * package. Without a program, the files the nearest tsconfig.json lists, read as TypeScript reads
 * them, or the package when none sits in it (`untypedLintProject`): the untyped lint then reads
 * other modules' calls, constructions and requests as the typed lint and `migrate` do. Seen live
 * (`PackageView`): an editor's lint sees a caller edited in another module, as its program does.
 */
function lintedProject(services: unknown, filePath: string): ProjectModules | undefined {
  const program = (services as ProgramServices | undefined)?.program;
  return program ? projectOfFile(filePath, programModules(program), 'live') : untypedLintProject(filePath);
}

const analysesBySourceCode = new WeakMap<object, RequestAnalysis>();

/**
 * The request analysis of the file `context` lints, one per file for every rule that asks:
 * no-x-token-header and require-oauth ask about the same calls, and the analysis caches what it
 * resolves (clients, class fields, header objects), so the second rule finds it done. It depends
 * on the file alone (the rules' options filter findings, not the analysis).
 */
export function sharedRequestAnalysis(context: AnyRuleContext): RequestAnalysis {
  const { sourceCode } = context;
  let analysis = analysesBySourceCode.get(sourceCode);
  if (!analysis) {
    analysis = createRequestAnalysis(eslintHost(context));
    analysesBySourceCode.set(sourceCode, analysis);
  }
  return analysis;
}

const modulesByProgram = new WeakMap<ProgramLike, ProjectModules | null>();

/**
 * The program's own files when it was made from a tsconfig (the files the codemod's oracle reads
 * from the same tsconfig); none for an inferred program of loose files, which proves nothing
 * about who else calls a module. One per program; an editor's next program is read anew, and
 * parses only the files whose text changed.
 */
function programModules(program: ProgramLike): ProjectModules | undefined {
  let modules = modulesByProgram.get(program);
  if (modules === undefined) {
    const fromTsconfig = typeof program.getCompilerOptions()['configFilePath'] === 'string';
    modules = fromTsconfig ? { files: program.getRootFileNames(), read: (file) => program.getSourceFile(file)?.text } : null;
    modulesByProgram.set(program, modules);
  }
  return modules ?? undefined;
}

function checkerQuestions(services: ProgramServices | undefined): TypeQuestions | undefined {
  const program = services?.program;
  const map = services?.esTreeNodeToTSNodeMap;
  if (!program || !map) return undefined;
  const checker = program.getTypeChecker();
  function typeOf(node: TSESTree.Node): TypeLike | undefined {
    try {
      const tsNode = map?.get(node);
      return tsNode === undefined ? undefined : checker.getTypeAtLocation(tsNode);
    } catch {
      // A checker failure on odd input must not fail the lint run; the node just stays unknown.
      return undefined;
    }
  }
  return {
    stringLiteral(node) {
      const type = typeOf(node);
      return type?.isStringLiteral() && typeof type.value === 'string' ? type.value : undefined;
    },
    client(node): TypedClient | undefined {
      const type = typeOf(node);
      if (!type) return undefined;
      const candidates = [type, ...(type.isUnion() || type.isIntersection() ? (type.types ?? []) : [])];
      for (const candidate of candidates) {
        const symbols = [candidate.aliasSymbol, candidate.getSymbol()].filter((symbol) => symbol !== undefined);
        const declaredIn = symbols.flatMap((symbol) => (symbol.declarations ?? []).map((declaration) => declaration.getSourceFile().fileName));
        for (const { name } of symbols) {
          const wrapper = wrapperForTypeName(name, { declaredIn });
          if (wrapper) return { kind: wrapper.client, isInstance: true, wrapper };
          const kind = clientForTypeName(name, declaredIn);
          if (kind) return { kind, isInstance: name !== 'AxiosStatic' };
        }
      }
      // `typeof fetch`: the type is the declared function's, named by its symbol.
      const fetchSymbol = type.getSymbol();
      if (fetchSymbol && isFetchDeclaration(fetchSymbol.name, (fetchSymbol.declarations ?? []).map((declaration) => declaration.getSourceFile().fileName))) {
        return { kind: 'fetch', isInstance: false };
      }
      return undefined;
    },
  };
}

/**
 * What the request analysis needs from whoever runs it. ESLint hosts it inside a rule
 * (analysis/eslint-host.ts: the rule context's scopes, visitor keys and, with a program, the
 * type checker); the codemods host it over typescript-estree and scope-manager on the files
 * they may change (analysis/estree-host.ts), with the ts-morph oracle answering the type
 * questions. The analysis never imports ESLint, jscodeshift or ts-morph itself.
 */
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import type { ClientWrapper, HttpClientKind } from '../core/index.js';
import type { ProjectModules } from './module-callers.js';

export type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/** A client or instance known only by its static type (`AxiosInstance`, got's `Got`). */
export interface TypedClient {
  readonly kind: HttpClientKind;
  readonly isInstance: boolean;
  /** The type is a framework class around an instance (Nest's `HttpService`), not the instance itself. */
  readonly wrapper?: ClientWrapper;
}

/**
 * The questions only a type checker answers. Asked lazily and only for nodes that already match
 * syntactically: a question per node would cost more than the rest of the lint run
 * (PERFORMANCE-NOTES.md, "ESLint").
 */
export interface TypeQuestions {
  /** The value of a string-literal type (`const H = 'x-token'` imported from another module). */
  stringLiteral(node: TSESTree.Node): string | undefined;
  /** The HTTP client an expression's type names, if any. */
  client(node: TSESTree.Node): TypedClient | undefined;
}

export interface AnalysisHost {
  /** The file's path, as the project's file list names it. */
  readonly filePath: string;
  /** The file's text, exactly as parsed. */
  readonly text: string;
  readonly visitorKeys: VisitorKeys;
  /** The innermost scope that contains `node`, as ESLint's `sourceCode.getScope` gives it. */
  getScope(node: TSESTree.Node): TSESLint.Scope.Scope;
  /** Type questions, or undefined when the file has no type information. Called lazily, at most once. */
  types(): TypeQuestions | undefined;
  /**
   * The files of the project the file belongs to, where calls from other modules are looked for
   * (its tsconfig's list, or its package); undefined when no set of files can prove "nowhere
   * else". Not a type question: read by syntax, so a lint without a program can answer it too.
   * Called lazily, only when a header leaves the module.
   */
  projectModules?(): ProjectModules | undefined;
}

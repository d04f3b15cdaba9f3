/**
 * The request analysis outside ESLint: typescript-estree's tree with parent links, and
 * scope-manager's scopes, looked up the way ESLint's `sourceCode.getScope` does. The codemods
 * build this only for the files their cheap text test lets through, so the rules and the
 * codemods read one tree format with one analysis.
 */
import { analyze, ScopeType, type ScopeManager } from '@typescript-eslint/scope-manager';
import { parse } from '@typescript-eslint/typescript-estree';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { visitorKeys as typescriptVisitorKeys } from '@typescript-eslint/visitor-keys';
import type { Node } from './ast.js';
import type { AnalysisHost, TypeQuestions, VisitorKeys } from './host.js';
import type { ProjectModules } from './module-callers.js';

export interface ParsedFile {
  readonly ast: TSESTree.Program;
  readonly host: AnalysisHost;
  /** The outermost node of `type` that spans exactly `[start, end)`, if any. */
  nodeAt(start: number, end: number, type?: string): Node | undefined;
}

const visitorKeys = typescriptVisitorKeys as VisitorKeys;

/**
 * Parses `text` as the file at `filePath` is read: JSX everywhere but in `.ts`/`.mts`/`.cts`
 * (where `<T>x` is a cast), CommonJS scope rules for `.cjs`/`.cts`. Throws on a syntax error.
 * `projectModules`: where other modules are searched (none for a file read only to answer another's question).
 */
export function parseForAnalysis(text: string, filePath: string, types: () => TypeQuestions | undefined, projectModules?: () => ProjectModules | undefined): ParsedFile {
  const isTypeScriptOnly = /\.[cm]?ts$/iu.test(filePath);
  const commonJs = /\.c[jt]s$/iu.test(filePath);
  const ast = parse(text, { range: true, loc: true, comment: false, tokens: false, jsx: !isTypeScriptOnly, filePath });
  const byRange = new Map<string, Node[]>();
  linkParents(ast, (node) => {
    const key = `${node.range[0]}:${node.range[1]}`;
    const list = byRange.get(key);
    if (list) list.push(node);
    else byRange.set(key, [node]);
  });
  const scopeManager = analyze(ast, { sourceType: commonJs ? 'script' : 'module', globalReturn: commonJs, jsxPragma: null });
  const scopeCache = new Map<Node, TSESLint.Scope.Scope>();
  const host: AnalysisHost = {
    filePath,
    text,
    visitorKeys,
    getScope: (node) => {
      let scope = scopeCache.get(node);
      if (!scope) {
        scope = scopeOf(scopeManager, node);
        scopeCache.set(node, scope);
      }
      return scope;
    },
    types,
    ...(projectModules ? { projectModules } : {}),
  };
  return {
    ast,
    host,
    nodeAt(start, end, type) {
      const nodes = byRange.get(`${start}:${end}`) ?? [];
      return type === undefined ? nodes[0] : nodes.find((node) => (node.type as string) === type);
    },
  };
}

/** ESLint's `SourceCode#getScope`: the innermost scope acquired walking up from the node. */
function scopeOf(scopeManager: ScopeManager, node: Node): TSESLint.Scope.Scope {
  const inner = node.type !== AST_NODE_TYPES.Program;
  for (let current: Node | undefined = node; current; current = current.parent) {
    const scope = scopeManager.acquire(current, inner);
    if (scope) {
      if (scope.type === ScopeType.functionExpressionName) return (scope.childScopes[0] ?? scope);
      return scope;
    }
  }
  return scopeManager.scopes[0] as TSESLint.Scope.Scope;
}

/** Sets `parent` on every node (typescript-estree leaves it to the consumer), outer nodes first. */
function linkParents(root: Node, visit: (node: Node) => void): void {
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (!node) break;
    visit(node);
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      const children = Array.isArray(child) ? (child as unknown[]) : [child];
      for (let index = children.length - 1; index >= 0; index--) {
        const item = children[index];
        if (typeof item === 'object' && item !== null && typeof (item as { type?: unknown }).type === 'string') {
          // Writable here: the tree was just made and nothing else holds it yet.
          (item as { parent: Node }).parent = node;
          stack.push(item as Node);
        }
      }
    }
  }
}

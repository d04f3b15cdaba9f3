/**
 * Small AST helpers shared by the request analysis. They never throw on odd node shapes:
 * every rule of the plugin must survive any syntactically valid input.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';

export type Node = TSESTree.Node;
export type Expression = TSESTree.Expression;

/** The wrappers that change only the static type of a value: `x as T`, `x satisfies T`, `x!`, `<T>x`. */
const TYPE_ONLY_WRAPPERS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

/**
 * What a string built by a template or `+` starts with, when it starts with a value rather than
 * text: `base` of `` `${base}/v1/event` `` and of `base + '/v1/event'`.
 */
export function leadingOperand(node: Node): Node | undefined {
  if (node.type === AST_NODE_TYPES.BinaryExpression) return node.operator === '+' ? node.left : undefined;
  if (node.type !== AST_NODE_TYPES.TemplateLiteral) return undefined;
  const [head] = node.quasis;
  const [first] = node.expressions;
  return first && (head?.value.cooked ?? head?.value.raw) === '' ? first : undefined;
}

/** A pattern that matches only slashes or white space at the end of a string: `\/$`, `\/+$`, `[/]*$`, `\s+$`. */
const TRAILING_SLASHES_PATTERN = /^(?:\\\/|\/|\[\\?\/\]|\\s|\[\\s\\?\/\])[+*]?\$$/u;

/**
 * The string a call only trims the end of, so that the value starts as the string does:
 * `base` of `base.replace(/\/+$/, '')` (a base URL without its trailing slash) and of `base.trim()`.
 */
export function endTrimmedReceiver(node: Node): Node | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || callee.computed || callee.property.type !== AST_NODE_TYPES.Identifier) return undefined;
  const method = callee.property.name;
  if (method === 'trim' || method === 'trimEnd' || method === 'trimRight') return node.arguments.length === 0 ? callee.object : undefined;
  if (method !== 'replace' && method !== 'replaceAll') return undefined;
  const [pattern, replacement] = node.arguments;
  const removes = replacement?.type === AST_NODE_TYPES.Literal && replacement.value === '';
  return removes && pattern?.type === AST_NODE_TYPES.Literal && 'regex' in pattern && TRAILING_SLASHES_PATTERN.test(pattern.regex.pattern) ? callee.object : undefined;
}

/** Strips what changes only the static type or the grouping (`x as T`, `x!`, `<T>x`, `x satisfies T`), and the `(0, f)` of compiled calls. */
export function unwrap(node: Node): Node {
  let current = node;
  for (;;) {
    if (TYPE_ONLY_WRAPPERS.has(current.type)) {
      current = (current as TSESTree.TSAsExpression).expression;
      continue;
    }
    switch (current.type) {
      case AST_NODE_TYPES.TSInstantiationExpression:
      case AST_NODE_TYPES.ChainExpression:
        current = current.expression;
        break;
      case AST_NODE_TYPES.SequenceExpression: {
        // `(0, node_fetch_1.default)(…)`: how TypeScript and Babel compile a call of an import, so
        // that it runs without a `this`; the value is the last expression.
        const last = current.expressions.at(-1);
        if (!last || !current.expressions.slice(0, -1).every((expression) => expression.type === AST_NODE_TYPES.Literal)) return current;
        current = last;
        break;
      }
      default:
        return current;
    }
  }
}

/** The outermost of the type-only wrappers around a value (`x as T`, `x!`, `<T>x`, `x satisfies T`): where the value stands in its parent. */
export function outermostTypeWrapper(node: Node): Node {
  let current = node;
  while (current.parent && TYPE_ONLY_WRAPPERS.has(current.parent.type)) current = current.parent;
  return current;
}

/** The static name of a member access (`a.b`, `a['b']`, `` a[`b`] ``, `a.#b`), or undefined when computed. */
export function memberName(node: TSESTree.MemberExpression): string | undefined {
  if (!node.computed) {
    // `this.#http` is named `#http`, so it never collides with a public `http`.
    if (node.property.type === AST_NODE_TYPES.PrivateIdentifier) return `#${node.property.name}`;
    return node.property.name;
  }
  return literalString(node.property);
}

/** A string written literally: `'a'`, `` `a` `` (no holes). */
export function literalString(node: Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/**
 * The pieces a compiled template literal joins, in order: TypeScript and Babel write
 * `` `${base}/api/v1/event` `` for ES5 as `"".concat(base, "/api/v1/event")`, and a template with
 * more holes as a chain (`"".concat(a, "/p/").concat(b)`). Only a chain that starts at a string
 * literal is one: `list.concat(x)` may join arrays. Undefined for anything else, or a spread argument.
 */
export function stringConcatParts(node: Node): Expression[] | undefined {
  if (node.type !== AST_NODE_TYPES.CallExpression) return undefined;
  const callee = unwrap(node.callee);
  if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'concat' || callee.optional) return undefined;
  const args: Expression[] = [];
  for (const argument of node.arguments) {
    if (argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
    args.push(argument);
  }
  const object = unwrap(callee.object);
  if (object.type === AST_NODE_TYPES.Literal && typeof object.value === 'string') return [object, ...args];
  const before = stringConcatParts(object);
  return before ? [...before, ...args] : undefined;
}

/**
 * `a.b.c` as its base expression and the static member names after it, or undefined when a
 * member in between is computed from a value.
 */
export function memberChain(node: Node): { base: Node; names: string[] } | undefined {
  const names: string[] = [];
  let current = unwrap(node);
  while (current.type === AST_NODE_TYPES.MemberExpression) {
    const name = memberName(current);
    if (name === undefined) return undefined;
    names.unshift(name);
    current = unwrap(current.object);
  }
  return { base: current, names };
}

/** The static key of an object property: `a`, `'a'`, `` [`a`] ``; computed keys are resolved elsewhere. */
export function staticPropertyKey(property: { readonly computed: boolean; readonly key: Node }): string | undefined {
  if (!property.computed) {
    if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
    if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
    return undefined;
  }
  return literalString(property.key);
}

/** A class member's name as `this.<name>` reads it: `#name` for a private name, else its static key. */
export function classMemberKey(member: TSESTree.MethodDefinition | TSESTree.PropertyDefinition): string | undefined {
  return member.key.type === AST_NODE_TYPES.PrivateIdentifier ? `#${member.key.name}` : staticPropertyKey(member);
}

export function isFunctionNode(
  node: Node,
): node is TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration {
  return (
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The function given to `new Promise(…)`: it runs at once, and its parameters are `resolve` and `reject`. */
export function isPromiseExecutor(fn: Node): boolean {
  const parent = fn.parent;
  if (parent?.type !== AST_NODE_TYPES.NewExpression || parent.arguments[0] !== fn) return false;
  const callee = unwrap(parent.callee);
  return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'Promise';
}

type VisitorKeys = Readonly<Record<string, readonly string[] | undefined>>;

/**
 * Nodes that only say what a type is (`: AxiosInstance`, `<T>`): no value is written, returned or
 * read below them, which is all the callers look for, so the walk does not go in. On typed code
 * they are a good part of a class body.
 */
const TYPE_ONLY_NODES: ReadonlySet<string> = new Set(['TSTypeAnnotation', 'TSTypeParameterDeclaration', 'TSTypeParameterInstantiation']);

/** Whether `inner` lies within `outer` in the source (the same node counts): a parent walk without the walk. */
export function contains(outer: Node, inner: Node): boolean {
  return outer.range[0] <= inner.range[0] && inner.range[1] <= outer.range[1];
}

/** The Program a node belongs to. */
export function programOf(node: Node): TSESTree.Program {
  let root = node;
  while (root.parent) root = root.parent;
  return root;
}

/**
 * Visits the descendants of `root` (not `root`), depth first, type annotations skipped. `enter`
 * returns false to skip a subtree. Used on small subtrees (a class body, a function body), and on
 * a whole file only once per caller file of an exported header builder (its requests).
 */
export function forEachDescendant(root: Node, visitorKeys: VisitorKeys, enter: (node: Node) => boolean | undefined): void {
  const stack: Node[] = [root];
  const visit = (item: unknown): void => {
    if (isNode(item) && !TYPE_ONLY_NODES.has(item.type) && enter(item) !== false) stack.push(item);
  };
  for (let node = stack.pop(); node; node = stack.pop()) {
    const keys = visitorKeys[node.type];
    if (!keys) continue;
    for (const key of keys) {
      const child = (node as unknown as Record<string, unknown>)[key];
      // Most children are single nodes: no array is made to loop over them.
      if (Array.isArray(child)) for (const item of child as unknown[]) visit(item);
      else visit(child);
    }
  }
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/** The return values of a function: the expression body of an arrow, or every `return x` not inside a nested function. */
export function returnedExpressions(fn: Node, visitorKeys: VisitorKeys): Expression[] {
  if (!isFunctionNode(fn)) return [];
  if (fn.body.type !== AST_NODE_TYPES.BlockStatement) return [fn.body];
  const results: Expression[] = [];
  forEachDescendant(fn.body, visitorKeys, (node) => {
    if (isFunctionNode(node) || node.type === AST_NODE_TYPES.ClassBody) return false;
    if (node.type === AST_NODE_TYPES.ReturnStatement && node.argument) results.push(node.argument);
    return true;
  });
  return results;
}

/**
 * The module-interop wrappers compilers put around `require` (`__importDefault(require('x'))`,
 * `tslib_1.__importStar(…)`, Babel's `_interopRequireDefault(…)`): they give the module, or an
 * object whose `default` is the module.
 */
export const INTEROP_HELPERS: ReadonlySet<string> = new Set([
  '__importDefault',
  '__importStar',
  '_interopRequireDefault',
  '_interopRequireWildcard',
  '__toESM',
  '__toCommonJS',
]);

/** The `require(…)` call inside a compiler's interop wrapper, or the expression itself. */
export function unwrapInterop(node: Node): Node {
  const expression = unwrap(node);
  if (expression.type !== AST_NODE_TYPES.CallExpression || expression.arguments.length === 0) return expression;
  const callee = unwrap(expression.callee);
  const name =
    callee.type === AST_NODE_TYPES.Identifier
      ? callee.name
      : callee.type === AST_NODE_TYPES.MemberExpression && callee.property.type === AST_NODE_TYPES.Identifier && !callee.computed
        ? callee.property.name
        : undefined;
  const argument = expression.arguments[0];
  return name !== undefined && INTEROP_HELPERS.has(name) && argument && argument.type !== AST_NODE_TYPES.SpreadElement ? unwrap(argument) : expression;
}

/**
 * The module a `require('m')` (also inside a compiler's interop wrapper, or `await import('m')`)
 * loads, and the `require` it calls: syntax only, the caller decides whether that `require` is
 * the global one.
 */
export function requiredModuleOf(node: Node): { module: string; require: TSESTree.Identifier | undefined } | undefined {
  const expression = unwrapInterop(node.type === AST_NODE_TYPES.AwaitExpression ? node.argument : node);
  if (expression.type === AST_NODE_TYPES.ImportExpression) {
    const module = literalString(expression.source);
    return module === undefined ? undefined : { module, require: undefined };
  }
  if (expression.type !== AST_NODE_TYPES.CallExpression || expression.callee.type !== AST_NODE_TYPES.Identifier || expression.callee.name !== 'require') return undefined;
  const [argument] = expression.arguments;
  const module = expression.arguments.length === 1 && argument ? literalString(argument) : undefined;
  return module === undefined ? undefined : { module, require: expression.callee };
}

/** What a declaration binds of a module: which module, and which of its exports. */
export interface ModuleImport {
  readonly module: string;
  /** `default`, `*` (the module itself: a namespace, `import x = require('m')`, `const x = require('m')`), or a named export. */
  readonly importName: string;
  /** The `require` a CommonJS form calls (undefined for `import` syntax and `await import()`): the caller decides whether it is the global one. */
  readonly require: TSESTree.Identifier | undefined;
}

/**
 * What module export the declaration of `local` binds, in every form code imports a module:
 * `import x from 'm'`, `import * as x from 'm'`, `import { a as x } from 'm'`,
 * `import x = require('m')` (old-style TypeScript), `const x = require('m')`,
 * `const { a: x } = require('m')` (also through a compiler's interop wrapper or `await import('m')`).
 * `declaration` is the node a scope manager's definition names (the specifier, the
 * `TSImportEqualsDeclaration`, the `VariableDeclarator`). Syntax only; undefined for anything else.
 */
export function moduleImportOf(declaration: Node, local: TSESTree.Identifier): ModuleImport | undefined {
  switch (declaration.type) {
    case AST_NODE_TYPES.ImportDefaultSpecifier:
    case AST_NODE_TYPES.ImportNamespaceSpecifier:
    case AST_NODE_TYPES.ImportSpecifier: {
      const statement = declaration.parent;
      if (statement.type !== AST_NODE_TYPES.ImportDeclaration) return undefined;
      const importName =
        declaration.type === AST_NODE_TYPES.ImportDefaultSpecifier
          ? 'default'
          : declaration.type === AST_NODE_TYPES.ImportNamespaceSpecifier
            ? '*'
            : declaration.imported.type === AST_NODE_TYPES.Identifier
              ? declaration.imported.name
              : declaration.imported.value;
      return { module: statement.source.value, importName, require: undefined };
    }
    case AST_NODE_TYPES.TSImportEqualsDeclaration: {
      const reference = declaration.moduleReference;
      if (reference.type !== AST_NODE_TYPES.TSExternalModuleReference) return undefined;
      const module = literalString(reference.expression);
      return module === undefined ? undefined : { module, importName: '*', require: undefined };
    }
    case AST_NODE_TYPES.VariableDeclarator: {
      const required = declaration.init ? requiredModuleOf(declaration.init) : undefined;
      if (!required) return undefined;
      if (declaration.id.type === AST_NODE_TYPES.Identifier) return declaration.id === local ? { ...required, importName: '*' } : undefined;
      if (declaration.id.type !== AST_NODE_TYPES.ObjectPattern) return undefined;
      for (const property of declaration.id.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        const bound = property.value.type === AST_NODE_TYPES.AssignmentPattern ? property.value.left : property.value;
        if (bound !== local) continue;
        const key = staticPropertyKey(property);
        return key === undefined ? undefined : { ...required, importName: key };
      }
      return undefined;
    }
    default:
      return undefined;
  }
}

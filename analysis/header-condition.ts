/**
 * Under which test an `x-token` header is sent, read from the code around where it is written:
 * `...(token && { 'x-token': token })`, `if (signedIn) headers['x-token'] = t`,
 * `'x-token': isCloud ? t : undefined`. Whether every such test asks only whether the token is
 * there decides how the header can be migrated: a token test is what the optional client asks
 * itself; a test of something else (`isKeptn`, `authenticated`) must stay where it is, with the
 * OAuth token under it; one that asks both would leave the old token deciding whether the new one
 * is sent.
 *
 * Read only when asked, for an x-token site: never for every node the rules walk.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { isFunctionNode, type Node } from './ast.js';
import type { ObjectCopy } from '../core/index.js';

/** How a test must come out for the header to be sent: `cond ? a : { 'x-token': t }` sends it when `cond` is falsy. */
export type TestOutcome = 'truthy' | 'falsy' | 'nullish';

/**
 * A test inside the header's value (`isCloud ? token : undefined`, `cfg.cloud && token`): the value
 * leaves the header out unless the test holds.
 */
export interface ValueCondition {
  readonly test: Node;
  readonly outcome: 'truthy' | 'falsy';
  /** The value sent when the test holds. */
  readonly sent: Node;
  /** What the value is when the test fails: `undefined` (axios and got then leave the header out), `null`, or the test's own value (`false`, `0`, `''`). */
  readonly otherwise: 'undefined' | 'null' | 'test';
}

/**
 * `token` when every test the header is sent under asks only whether the token it sends is there
 * (`token`, `!token`, `token != null`, `typeof token === 'string'`, `token.length > 0`,
 * `Boolean(token)`, and `&&`/`||` of them); otherwise `other`, with the first test that asks
 * something else, or `mixed` when some test also reads the token. `inValue`: the test inside the
 * header's value, when there is one (it is one of the tests weighed).
 */
export type HeaderCondition =
  | { readonly on: 'token'; readonly inValue?: ValueCondition }
  | { readonly on: 'other' | 'mixed'; readonly test: Node; readonly outcome: TestOutcome; readonly inValue?: ValueCondition };

/** The wrappers that change only a value's static type, as the Babel side of the codemods unwraps them too. */
const TYPE_WRAPPERS: ReadonlySet<string> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

type Wrapped = Node & { readonly expression: Node };

/**
 * The condition the header named by `key` is sent under, or undefined when it is sent whatever
 * happens. `key` is where the name is written: an object key (the tests between the entry and
 * the object that holds it), or the name of a write (`target['x-token'] = v`, `target.set('x-token', v)`,
 * `req.setHeader('x-token', v)`: the tests around the write up to its function). Undefined for any
 * other place a name can stand (`new Headers([['x-token', t]])`).
 */
export function headerCondition(key: Node, text: string, copyOf: (callee: Node) => ObjectCopy | undefined): HeaderCondition | undefined {
  const written = writtenAt(key);
  if (!written) return undefined;
  const tests: Node[] = [];
  const outcomes = new Map<Node, TestOutcome>();
  const { site, value } = written;
  let { statement } = written;
  let current: Node | undefined = statement ? site : site.parent;
  for (let parent = current?.parent; current && parent; current = parent, parent = current.parent) {
    if (isFunctionNode(parent) || parent.type === AST_NODE_TYPES.Program) break;
    // `if (token) Object.assign(headers, { 'x-token': token })`: copied into an object made before, the entry is a write.
    if (!statement && current.type === AST_NODE_TYPES.ObjectExpression && isCopyInto(parent, current, copyOf)) {
      statement = true;
      continue;
    }
    if ((parent.type === AST_NODE_TYPES.IfStatement || parent.type === AST_NODE_TYPES.ConditionalExpression) && parent.test !== current) {
      tests.push(parent.test);
      outcomes.set(parent.test, parent.alternate === current ? 'falsy' : 'truthy');
    } else if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current) {
      tests.push(parent.left);
      outcomes.set(parent.left, parent.operator === '&&' ? 'truthy' : parent.operator === '||' ? 'falsy' : 'nullish');
    } else if (parent.type === AST_NODE_TYPES.SwitchCase) {
      tests.push(parent.parent.discriminant);
    } else if ((parent.type === AST_NODE_TYPES.WhileStatement || parent.type === AST_NODE_TYPES.DoWhileStatement || parent.type === AST_NODE_TYPES.ForStatement) && parent.test && parent.body === current) {
      tests.push(parent.test);
    } else if ((parent.type === AST_NODE_TYPES.ForInStatement || parent.type === AST_NODE_TYPES.ForOfStatement) && parent.body === current) {
      tests.push(parent.right);
    } else if (!statement && !(TYPE_WRAPPERS.has(parent.type) || parent.type === AST_NODE_TYPES.SpreadElement || (parent.type === AST_NODE_TYPES.ObjectExpression && current.type === AST_NODE_TYPES.SpreadElement))) {
      break;
    }
  }
  // `'x-token': token ? token : undefined`: a test inside the value, asked like one around the entry.
  const inValue = value ? valueCondition(value) : undefined;
  if (inValue) {
    tests.push(inValue.test);
    outcomes.set(inValue.test, inValue.outcome);
  }
  if (tests.length === 0) return undefined;
  const textOf = (node: Node): string => text.slice(node.range[0], node.range[1]).replace(/\s+/gu, '');
  const tokenTexts = new Set<string>();
  // `process.env.KEPTN_API_TOKEN ?? ''`, `token!`, `` `${token}` ``, `String(token)`: the token a test would ask about.
  for (let sent: Node | undefined = inValue?.sent ?? value; sent; ) {
    tokenTexts.add(textOf(sent));
    if (TYPE_WRAPPERS.has(sent.type)) sent = (sent as Wrapped).expression;
    else if (sent.type === AST_NODE_TYPES.LogicalExpression && sent.operator !== '&&') sent = sent.left;
    else if (sent.type === AST_NODE_TYPES.TemplateLiteral && sent.expressions.length === 1 && sent.quasis.every((quasi) => quasi.value.raw === '')) sent = sent.expressions[0];
    else if (isCallOf(sent, 'String')) sent = sent.arguments[0];
    else sent = undefined;
  }
  const other = tests.find((test) => !asksForToken(test, tokenTexts, textOf));
  const condition = other === undefined
    ? { on: 'token' as const }
    // `authenticated && token`: kept as it is, the old token would still decide whether the OAuth one is sent.
    : { on: tests.some((test) => mentions(test, tokenTexts, textOf)) ? ('mixed' as const) : ('other' as const), test: other, outcome: outcomes.get(other) ?? 'truthy' };
  return inValue ? { ...condition, inValue } : condition;
}

/** Where a header name is written: the entry or write it names, its value, and whether the tests around it are read up to its function (a write) or only up to its object (an entry). */
function writtenAt(key: Node): { readonly site: Node; readonly value: Node | undefined; readonly statement: boolean } | undefined {
  const parent = key.parent;
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.Property && parent.key === key) return { site: parent, value: parent.value, statement: false };
  if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === key) {
    const value = parent.arguments[1];
    return { site: parent, value: value?.type === AST_NODE_TYPES.SpreadElement ? undefined : value, statement: true };
  }
  const assignment = parent.parent;
  if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === key && assignment?.type === AST_NODE_TYPES.AssignmentExpression && assignment.left === parent) {
    return { site: assignment, value: assignment.right, statement: true };
  }
  return undefined;
}

/** The value without `await` and the type wrappers the codemods look through (`t!`, `t as string`). */
function unwrapped(node: Node): Node {
  let current = node;
  while (current.type === AST_NODE_TYPES.AwaitExpression || current.type === AST_NODE_TYPES.TSAsExpression || current.type === AST_NODE_TYPES.TSNonNullExpression) {
    current = current.type === AST_NODE_TYPES.AwaitExpression ? current.argument : current.expression;
  }
  return current;
}

/** `isCloud ? token : undefined`, `cfg.cloud && token`: see `ValueCondition`. */
function valueCondition(value: Node): ValueCondition | undefined {
  const node = unwrapped(value);
  const absent = (branch: Node): 'undefined' | 'null' | undefined => {
    const inner = unwrapped(branch);
    if ((inner.type === AST_NODE_TYPES.Identifier && inner.name === 'undefined') || (inner.type === AST_NODE_TYPES.UnaryExpression && inner.operator === 'void')) return 'undefined';
    return inner.type === AST_NODE_TYPES.Literal && inner.raw === 'null' ? 'null' : undefined;
  };
  if (node.type === AST_NODE_TYPES.ConditionalExpression) {
    const alternate = absent(node.alternate);
    if (alternate) return { test: node.test, outcome: 'truthy', sent: node.consequent, otherwise: alternate };
    const consequent = absent(node.consequent);
    if (consequent) return { test: node.test, outcome: 'falsy', sent: node.alternate, otherwise: consequent };
  }
  if (node.type === AST_NODE_TYPES.LogicalExpression && node.operator === '&&') return { test: node.left, outcome: 'truthy', sent: node.right, otherwise: 'test' };
  return undefined;
}

/** `Object.assign(target, …, object)`, `_.merge(target, object)`: `object` is copied into `target`, an object made before it (not a literal written there). */
function isCopyInto(call: Node, object: Node, copyOf: (callee: Node) => ObjectCopy | undefined): boolean {
  if (call.type !== AST_NODE_TYPES.CallExpression || call.arguments.indexOf(object as TSESTree.CallExpressionArgument) < 1) return false;
  const [target] = call.arguments;
  return copyOf(call.callee)?.intoFirst === true && target !== undefined && target.type !== AST_NODE_TYPES.ObjectExpression;
}

function isCallOf(node: Node, name: string): node is TSESTree.CallExpression {
  return node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === name && node.arguments.length === 1;
}

/** `token`, `!token`, `token != null`, `typeof token === 'string'`, `token.length > 0`, `Boolean(token)`, and `&&`/`||` of them. */
function asksForToken(test: Node, tokenTexts: ReadonlySet<string>, textOf: (node: Node) => string): boolean {
  const asks = (node: Node): boolean => asksForToken(node, tokenTexts, textOf);
  if (TYPE_WRAPPERS.has(test.type)) return asks((test as Wrapped).expression);
  if (test.type === AST_NODE_TYPES.UnaryExpression && (test.operator === '!' || test.operator === 'typeof')) return asks(test.argument);
  if (test.type === AST_NODE_TYPES.LogicalExpression && test.operator !== '??') return asks(test.left) && asks(test.right);
  if (isCallOf(test, 'Boolean')) return asks(test.arguments[0] as Node);
  if (test.type === AST_NODE_TYPES.MemberExpression && !test.computed && test.property.type === AST_NODE_TYPES.Identifier && test.property.name === 'length') return asks(test.object);
  if (test.type === AST_NODE_TYPES.BinaryExpression && ['===', '!==', '==', '!=', '>', '>=', '<', '<='].includes(test.operator)) {
    const constant = (side: Node): boolean => /Literal$/u.test(side.type) || (side.type === AST_NODE_TYPES.Identifier && side.name === 'undefined') || (side.type === AST_NODE_TYPES.UnaryExpression && side.operator === 'void');
    return (constant(test.right) && asks(test.left)) || (constant(test.left) && asks(test.right));
  }
  return tokenTexts.has(textOf(test));
}

/** Whether the test, or any part of it, reads the token. */
function mentions(node: Node, tokenTexts: ReadonlySet<string>, textOf: (node: Node) => string): boolean {
  if (tokenTexts.has(textOf(node))) return true;
  return Object.entries(node).some(([key, child]) =>
    key !== 'parent' && (Array.isArray(child) ? child : [child]).some((item) => item !== null && typeof item === 'object' && typeof (item as { type?: unknown }).type === 'string' && mentions(item as Node, tokenTexts, textOf)),
  );
}

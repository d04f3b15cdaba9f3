/**
 * Whether a function that is not async can become async, so that the OAuth token is awaited where
 * the x-token was, under the test that decides whether it is sent:
 *
 *   export function serviceStages(project: string, signedIn: boolean): Promise<Response> {
 *     lastProject = project;
 *     return fetch(`${KEPTN_ENDPOINT}/…/${project}/stage`, { headers: signedIn ? { 'x-token': KEPTN_API_TOKEN } : {} });
 *   }
 *
 * becomes `export async function serviceStages(…)` with `{ Authorization: await … }` in the
 * x-token's place. Made async, the function still runs everything before that await at once.
 * What changes, and why each change is one no caller can tell from the wait:
 *
 * - It returns a promise of what it returned. The caller of `whyNotMadeAsync` makes sure that is
 *   a plain promise already (the promise of a fetch or axios request, declared `Promise` or not
 *   at all); here, that it is the returned request, or `.then`/`.catch`/`.finally` chained on it.
 * - A throw before the await reaches callers as a rejected promise, no longer at the call. So
 *   what runs before it must not throw (`statementOffence`, `cannotThrow`): the statements
 *   before the return only log (as the analysis tells a log) or declare or assign a variable,
 *   and they and the request's arguments up to the await read only literals, names declared
 *   where they are read (a name of this function only after its declaration), templates,
 *   operators, object and array literals, functions, and `process.env.NAME`. No call (it may
 *   throw), no `new`, no member read: reading a member is how code that type-checks throws
 *   (`stages[0].name` of an empty list), and it may run a getter. A template or an operator
 *   converts its values, which throws only for a symbol or a BigInt mixed with a number (both
 *   refused by TypeScript) or an object whose own `toString`/`valueOf` throws; the URL template
 *   before the await has always been read that way. `in` and `instanceof`, which throw on a
 *   right side of the wrong kind, are refused.
 * - What follows the await runs once the token is there, when other code may have run: another
 *   call of the same function, a timer, the caller's next statements. So each name read there
 *   must hold the same value then (`readsSameLater`): a `const`, a function declaration, or a
 *   parameter or `let` of this function whose writes are all its own statements before the
 *   await (each call has its own), never a `let` of the module (the `lastProject` above, which
 *   another call may write in between) nor a member (`this.handle`, which other code may assign).
 *   An import is refused too: it is a live binding its module may reassign. A value converted
 *   there (in a template, an operator) is read for its contents, so it must be a primitive.
 *   `.then(asData)` is such a read: `asData` is looked up only once the token is there.
 * - The request itself is made then, and reads what it was handed then, not when its arguments
 *   were evaluated: an object passed by name (`body: payload`, a URL object) may have been
 *   changed by the caller meanwhile. So everything the request is handed (`handedAsIs`) is a
 *   primitive (a literal, a template, an operator's result, a name declared `string`, `number`,
 *   `boolean` or a union of those and literal types, or a `const` of a literal, template or env
 *   var), or an object, array or function written in the call out of such values.
 */
import type { ASTNode } from 'jscodeshift';
import { isProcessEnvMember, primitiveConstant, unchanging, type BindingContext } from './deferred-node-send.js';
import { FUNCTION_TYPES, TRANSPARENT_WRAPPERS, contains, isNodeType, parentOf, rangeOf, type AnyPath } from './request-migration.js';
import type { Range } from './source-edits.js';

export interface MadeAsyncContext extends BindingContext {
  readonly source: string;
  /** A log, as the analysis tells one (analysis/logged-reads.ts). */
  isLoggingCall(call: ASTNode): boolean;
}

/** The methods of a plain promise that return another plain promise. */
export const PROMISE_CHAIN_METHODS: ReadonlySet<string> = new Set(['then', 'catch', 'finally']);

const LITERALS = new Set(['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'BigIntLiteral', 'RegExpLiteral', 'Literal']);
/** Operators that throw on an operand of the wrong kind whatever its type says. */
const THROWING_OPERATORS = new Set(['in', 'instanceof']);
/** Unary operators that read no more of their operand than whether and what it is. */
const NOT_CONVERTING = new Set(['!', 'typeof', 'void']);
/** Where `offendingPart` looks for the part to quote. */
const STRUCTURE: Readonly<Record<string, readonly string[]>> = {
  ObjectExpression: ['properties'],
  ArrayExpression: ['elements'],
  ObjectProperty: ['value'],
  SpreadElement: ['argument'],
  TemplateLiteral: ['expressions'],
  ConditionalExpression: ['test', 'consequent', 'alternate'],
  LogicalExpression: ['left', 'right'],
  BinaryExpression: ['left', 'right'],
  UnaryExpression: ['argument'],
  TSAsExpression: ['expression'],
  TSSatisfiesExpression: ['expression'],
  TSNonNullExpression: ['expression'],
  TSTypeAssertion: ['expression'],
  ParenthesizedExpression: ['expression'],
};
const PRIMITIVE_TYPES = new Set(['TSStringKeyword', 'TSNumberKeyword', 'TSBooleanKeyword', 'TSBigIntKeyword', 'TSUndefinedKeyword', 'TSNullKeyword', 'TSLiteralType']);

/**
 * Why `fn` cannot be made async with the token awaited at `awaitAt` (the x-token's member or
 * value, which becomes `… await …`) in `request`; undefined when it can (see the file's comment).
 */
export function whyNotMadeAsync(context: MadeAsyncContext, fn: AnyPath, request: AnyPath, awaitAt: ASTNode): string | undefined {
  const body = fn.get('body') as AnyPath;
  const statements = isNodeType(body.node, 'BlockStatement') ? (body.node.body as ASTNode[]).map((_, index) => body.get('body', index) as AnyPath) : [];
  const last = statements.at(-1);
  const returned = isNodeType(body.node, 'BlockStatement') ? (last && isNodeType(last.node, 'ReturnStatement') && last.node.argument ? (last.get('argument') as AnyPath) : undefined) : body;
  const notOnlyTheRequest = 'it does not end by returning the promise of that one request (or of `.then`/`.catch`/`.finally` chained on it)';
  if (!returned) return notOnlyTheRequest;
  // `request.then(asData).catch(() => undefined)`: each link's promise settles as the request's does.
  const chain = new Set<ASTNode>();
  let settled: AnyPath = returned;
  for (let node = settled.node; isNodeType(node, 'CallExpression') && node !== request.node; node = settled.node) {
    const callee = node.callee as ASTNode;
    const method = isNodeType(callee, 'MemberExpression') && !callee.computed && isNodeType(callee.property as ASTNode, 'Identifier') ? (callee.property as ASTNode & { name: string }).name : undefined;
    if (method === undefined || !PROMISE_CHAIN_METHODS.has(method)) break;
    chain.add(node).add(callee);
    settled = settled.get('callee', 'object') as AnyPath;
  }
  while (TRANSPARENT_WRAPPERS.has(settled.node.type) && settled.node !== request.node) settled = settled.get('expression') as AnyPath;
  if (settled.node !== request.node) return notOnlyTheRequest;
  const point = rangeOf(awaitAt);
  if (!contains(rangeOf(request.node), point)) return 'the header is not written in the request\'s own arguments, where the token would be awaited';
  const judge = new Judge(context, fn, point);
  const offence = statements.slice(0, -1).reduce<Offence | undefined>((found, statement) => found ?? judge.statementOffence(statement), undefined) ?? judge.returnOffence(returned, request, chain, awaitAt);
  if (offence === undefined) return undefined;
  const { node, when } = offence;
  const code = judge.quote(node);
  if (when === 'shape') return `before its return it does more than log, declare or assign a variable (\`${code}\`), which the codemod does not weigh`;
  if (when === 'before') return `\`${code}\` is evaluated before the token is awaited and may throw, which would reach its callers as a rejected promise instead of at the call`;
  if (when === 'after') return `\`${code}\` is read only once the token is there, when other code may have changed it`;
  if (when === 'handed') return `the request is handed \`${code}\`, which it would read only once the token is there, when the caller may have changed it`;
  return `the request's arguments hold \`${code}\`, which would run only once the token is there`;
}

interface Offence {
  readonly node: ASTNode;
  /** A statement of another kind before the return, a value before the await (may throw), after it (may read another value), handed to the request, or straddling it (an operation that runs late). */
  readonly when: 'shape' | 'before' | 'after' | 'handed' | 'straddling';
}

class Judge {
  constructor(
    private readonly context: MadeAsyncContext,
    private readonly fn: AnyPath,
    private readonly point: Range,
  ) {}

  quote(node: ASTNode): string {
    const { start, end } = rangeOf(node);
    const line = this.context.source.slice(start, end).replace(/\s+/gu, ' ').trim();
    return line.length <= 60 ? line : `${line.slice(0, 59).trimEnd()}…`;
  }

  /**
   * Why a statement before the return is not one that runs at once and cannot throw: it is no
   * log nor a variable declared or assigned (`shape`), or a value it evaluates may throw (`before`).
   */
  statementOffence(statement: AnyPath): Offence | undefined {
    const values = this.statementValues(statement);
    if (values === undefined) return { node: statement.node, when: 'shape' };
    const throwing = values.find((value) => !this.cannotThrow(value));
    return throwing ? { node: this.offendingPart(throwing, (part) => this.cannotThrow(part)), when: 'before' } : undefined;
  }

  /** What a log, a `const`/`let` declaration or a variable's assignment evaluates; undefined for any other statement. */
  private statementValues(statement: AnyPath): AnyPath[] | undefined {
    const node = statement.node;
    if (isNodeType(node, 'VariableDeclaration')) {
      // A pattern (`const { name } = stage`) reads members, and throws on nothing there.
      const declarators = node.declarations as ASTNode[];
      if ((node.kind !== 'const' && node.kind !== 'let') || !declarators.every((declarator) => isNodeType(declarator, 'VariableDeclarator') && isNodeType(declarator.id as ASTNode, 'Identifier'))) return undefined;
      return declarators.flatMap((declarator, index) => ((declarator as ASTNode & { init?: ASTNode | null }).init ? [statement.get('declarations', index, 'init') as AnyPath] : []));
    }
    if (!isNodeType(node, 'ExpressionStatement')) return undefined;
    const expression = statement.get('expression') as AnyPath;
    const value = expression.node;
    if (isNodeType(value, 'CallExpression')) {
      // The logger itself is the analysis' to tell; what it is given is read here.
      return this.context.isLoggingCall(value) ? ((value as ASTNode & { arguments: ASTNode[] }).arguments).map((_, index) => expression.get('arguments', index) as AnyPath) : undefined;
    }
    if (!isNodeType(value, 'AssignmentExpression') || value.operator !== '=' || !isNodeType(value.left as ASTNode, 'Identifier')) return undefined;
    // A variable's own write cannot throw; a member's may (a setter, a frozen or missing object), and a `const`'s or an import's does.
    const binding = this.context.bindingOf(expression.get('left') as AnyPath);
    const declarator = binding ? parentOf(binding)?.node : undefined;
    const declaration = binding ? parentOf(parentOf(binding))?.node : undefined;
    const isVariable = isNodeType(declarator, 'VariableDeclarator') && isNodeType(declaration, 'VariableDeclaration') && declaration.kind !== 'const';
    const isParameter = (binding?.parentPath as AnyPath | null | undefined)?.name === 'params';
    return isVariable || isParameter ? [expression.get('right') as AnyPath] : undefined;
  }

  /**
   * The first part of the returned expression that changes what callers see once the function is
   * async: see the file's comment for what runs before the await, after it, and what the request
   * is handed. `chain` holds the `.then`/`.catch`/`.finally` links and their callees.
   */
  returnOffence(path: AnyPath, request: AnyPath, chain: ReadonlySet<ASTNode>, awaitAt: ASTNode): Offence | undefined {
    const node = path.node;
    if (node === awaitAt) return undefined;
    const range = rangeOf(node);
    if (range.end <= this.point.start) return this.cannotThrow(path) ? undefined : { node: this.offendingPart(path, (part) => this.cannotThrow(part)), when: 'before' };
    if (range.start >= this.point.end) return this.readsSameLater(path, false) ? undefined : { node: this.offendingPart(path, (part) => this.readsSameLater(part, false)), when: 'after' };
    const children = (...keys: string[]): Offence | undefined => {
      for (const key of keys) {
        const child = (node as unknown as Record<string, unknown>)[key];
        const paths = Array.isArray(child) ? child.flatMap((item, index) => (item === null ? [] : [path.get(key, index) as AnyPath])) : child ? [path.get(key) as AnyPath] : [];
        for (const part of paths) {
          const found = this.returnOffence(part, request, chain, awaitAt);
          if (found) return found;
        }
      }
      return undefined;
    };
    if (node === request.node) {
      // The request's callee is the client the analysis recognised, read before its arguments.
      const found = children('arguments');
      if (found) return found;
      const handed = ((node as ASTNode & { arguments: ASTNode[] }).arguments).map((_, index) => path.get('arguments', index) as AnyPath).find((argument) => !this.handedAsIs(argument, awaitAt));
      return handed ? { node: this.offendingPart(handed, (part) => this.handedAsIs(part, awaitAt)), when: 'handed' } : undefined;
    }
    if (chain.has(node)) return isNodeType(node, 'CallExpression') ? children('callee', 'arguments') : children('object');
    if (TRANSPARENT_WRAPPERS.has(node.type)) return children('expression');
    if (isNodeType(node, 'ObjectExpression') || isNodeType(node, 'ArrayExpression')) return children(isNodeType(node, 'ObjectExpression') ? 'properties' : 'elements');
    if (isNodeType(node, 'ObjectProperty')) return node.computed ? children('key', 'value') : children('value');
    if (isNodeType(node, 'SpreadElement')) return children('argument');
    if (isNodeType(node, 'ConditionalExpression')) return children('test', 'consequent', 'alternate');
    if (isNodeType(node, 'LogicalExpression')) return children('left', 'right');
    return { node, when: 'straddling' };
  }

  /** Evaluated at once, as before, and cannot throw (see the file's comment). */
  cannotThrow(path: AnyPath): boolean {
    const node = path.node;
    if (LITERALS.has(node.type) || FUNCTION_TYPES.has(node.type)) return true;
    if (isNodeType(node, 'Identifier')) {
      if (node.name === 'undefined') return true;
      // A name declared in the file, and in this function before it is read (not in its temporal dead zone).
      const binding = this.context.bindingOf(path);
      if (!binding) return false;
      const fnRange = rangeOf(this.fn.node);
      const declared = rangeOf(binding.node);
      return !contains(fnRange, declared) || declared.end <= rangeOf(node).start || (binding.parentPath as AnyPath | null)?.name === 'params';
    }
    if (isNodeType(node, 'TemplateLiteral')) return this.every(path, 'expressions', (part) => this.cannotThrow(part));
    if (isNodeType(node, 'MemberExpression')) return !node.computed && isProcessEnvMember(node) && this.context.bindingOf(path.get('object', 'object') as AnyPath) === undefined;
    if (isNodeType(node, 'UnaryExpression')) return node.operator !== 'delete' && this.cannotThrow(path.get('argument') as AnyPath);
    if (isNodeType(node, 'BinaryExpression')) return !THROWING_OPERATORS.has(node.operator) && this.cannotThrow(path.get('left') as AnyPath) && this.cannotThrow(path.get('right') as AnyPath);
    if (isNodeType(node, 'LogicalExpression')) return this.cannotThrow(path.get('left') as AnyPath) && this.cannotThrow(path.get('right') as AnyPath);
    if (isNodeType(node, 'ConditionalExpression')) return ['test', 'consequent', 'alternate'].every((key) => this.cannotThrow(path.get(key) as AnyPath));
    if (TRANSPARENT_WRAPPERS.has(node.type)) return this.cannotThrow(path.get('expression') as AnyPath);
    if (isNodeType(node, 'ArrayExpression')) return this.every(path, 'elements', (element) => this.cannotThrow(element));
    if (isNodeType(node, 'ObjectExpression')) return this.every(path, 'properties', (member) => this.cannotThrow(member));
    const member = this.memberParts(path, (part) => this.cannotThrow(part));
    if (member !== undefined) return member;
    return false;
  }

  /**
   * Read once the token is there, it gives what it would have given at once (see the file's
   * comment); `converted`: its contents are read too (in a template, an operator), so a name
   * there must hold a primitive.
   */
  readsSameLater(path: AnyPath, converted: boolean): boolean {
    const node = path.node;
    if (LITERALS.has(node.type) || FUNCTION_TYPES.has(node.type)) return true;
    if (isNodeType(node, 'Identifier')) {
      if (node.name === 'undefined') return true;
      return unchanging(this.context, path, (binding, write) => this.settledBefore(binding, write)) && (!converted || this.primitive(path));
    }
    if (isNodeType(node, 'TemplateLiteral')) return this.every(path, 'expressions', (part) => this.readsSameLater(part, true));
    if (isNodeType(node, 'UnaryExpression')) return node.operator !== 'delete' && this.readsSameLater(path.get('argument') as AnyPath, !NOT_CONVERTING.has(node.operator) || converted);
    if (isNodeType(node, 'BinaryExpression')) return !THROWING_OPERATORS.has(node.operator) && this.readsSameLater(path.get('left') as AnyPath, true) && this.readsSameLater(path.get('right') as AnyPath, true);
    if (isNodeType(node, 'LogicalExpression')) return this.readsSameLater(path.get('left') as AnyPath, converted) && this.readsSameLater(path.get('right') as AnyPath, converted);
    if (isNodeType(node, 'ConditionalExpression')) return this.readsSameLater(path.get('test') as AnyPath, false) && this.readsSameLater(path.get('consequent') as AnyPath, converted) && this.readsSameLater(path.get('alternate') as AnyPath, converted);
    if (TRANSPARENT_WRAPPERS.has(node.type)) return this.readsSameLater(path.get('expression') as AnyPath, converted);
    if (isNodeType(node, 'ArrayExpression')) return this.every(path, 'elements', (element) => this.readsSameLater(element, false));
    if (isNodeType(node, 'ObjectExpression')) return this.every(path, 'properties', (member) => this.readsSameLater(member, false));
    const member = this.memberParts(path, (part) => this.readsSameLater(part, false), (key) => this.readsSameLater(key, true));
    if (member !== undefined) return member;
    return false;
  }

  /**
   * What the request reads when it is made, later: a primitive, or an object, array or function
   * written in the call of such values (see the file's comment). `awaitAt` becomes the token.
   */
  handedAsIs(path: AnyPath, awaitAt: ASTNode): boolean {
    const node = path.node;
    if (node === awaitAt || LITERALS.has(node.type) || FUNCTION_TYPES.has(node.type)) return true;
    if (isNodeType(node, 'TemplateLiteral') || isNodeType(node, 'BinaryExpression') || (isNodeType(node, 'UnaryExpression') && node.operator !== 'delete')) return true;
    if (isNodeType(node, 'Identifier')) return node.name === 'undefined' || this.primitive(path);
    // `test && { … }` hands over its test only when that is falsy, and every falsy value is a primitive.
    if (isNodeType(node, 'LogicalExpression')) return (node.operator === '&&' || this.handedAsIs(path.get('left') as AnyPath, awaitAt)) && this.handedAsIs(path.get('right') as AnyPath, awaitAt);
    if (isNodeType(node, 'ConditionalExpression')) return this.handedAsIs(path.get('consequent') as AnyPath, awaitAt) && this.handedAsIs(path.get('alternate') as AnyPath, awaitAt);
    if (TRANSPARENT_WRAPPERS.has(node.type)) return this.handedAsIs(path.get('expression') as AnyPath, awaitAt);
    if (isNodeType(node, 'SpreadElement')) return this.handedAsIs(path.get('argument') as AnyPath, awaitAt);
    if (isNodeType(node, 'ArrayExpression')) return this.every(path, 'elements', (element) => this.handedAsIs(element, awaitAt));
    if (isNodeType(node, 'ObjectExpression')) return this.every(path, 'properties', (member) => this.handedAsIs(member, awaitAt));
    if (isNodeType(node, 'ObjectProperty')) return this.handedAsIs(path.get('value') as AnyPath, awaitAt);
    return isNodeType(node, 'ObjectMethod');
  }

  /**
   * A member of an object or array literal or of a call's arguments, judged by its parts: a
   * property by its computed key (`keys`) and value; a spread in an object only of an object
   * written there, or of nothing (spreading a name would run its getters, or copy its members as
   * they are then); a spread elsewhere only of an array written there (it iterates). Undefined
   * when `path` is no such member.
   */
  private memberParts(path: AnyPath, parts: (path: AnyPath) => boolean, keys: (path: AnyPath) => boolean = parts): boolean | undefined {
    const node = path.node;
    const keyPasses = (): boolean => (node as ASTNode & { computed?: boolean }).computed !== true || keys(path.get('key') as AnyPath);
    if (isNodeType(node, 'ObjectMethod')) return keyPasses();
    if (isNodeType(node, 'ObjectProperty')) return keyPasses() && parts(path.get('value') as AnyPath);
    if (!isNodeType(node, 'SpreadElement')) return undefined;
    const argument = path.get('argument') as AnyPath;
    if (isNodeType(parentOf(path)?.node, 'ObjectExpression')) return this.freshOrNothing(argument, parts);
    return isNodeType(argument.node, 'ArrayExpression') && parts(argument);
  }

  /**
   * A write of a parameter or `let` of this very function, made by its own statements before
   * the await: each call has its own variable, so the value read after the await is that one.
   */
  private settledBefore(binding: AnyPath, write: AnyPath): boolean {
    const fnNode = this.fn.node;
    const ownParameter = (binding.parentPath as AnyPath | null)?.name === 'params' && parentOf(binding)?.node === fnNode;
    const declaration = parentOf(parentOf(binding));
    const ownLet = declaration !== null && isNodeType(parentOf(declaration)?.node, 'BlockStatement') && parentOf(parentOf(declaration))?.node === fnNode;
    if (!ownParameter && !ownLet) return false;
    let around = parentOf(write);
    while (around && !FUNCTION_TYPES.has(around.node.type)) around = parentOf(around);
    return around?.node === fnNode && rangeOf(write.node).end <= this.point.start;
  }

  /** A name that holds a primitive: declared as one (`project: string`), or a `const` of a literal, template or env var. */
  private primitive(path: AnyPath): boolean {
    if (primitiveConstant(this.context, path)) return true;
    const binding = this.context.bindingOf(path);
    const annotation = (binding?.node as (ASTNode & { typeAnnotation?: (ASTNode & { typeAnnotation?: ASTNode }) | null }) | undefined)?.typeAnnotation?.typeAnnotation;
    return annotation !== undefined && primitiveType(annotation);
  }

  /** `{ … }`, `test && { … }`, `test ? { … } : {}`: spreads an object written there, or nothing. */
  private freshOrNothing(path: AnyPath, parts: (path: AnyPath) => boolean): boolean {
    const node = path.node;
    if (isNodeType(node, 'ObjectExpression')) return parts(path);
    if (LITERALS.has(node.type) || (isNodeType(node, 'Identifier') && node.name === 'undefined')) return true;
    if (TRANSPARENT_WRAPPERS.has(node.type)) return this.freshOrNothing(path.get('expression') as AnyPath, parts);
    if (isNodeType(node, 'LogicalExpression') && node.operator === '&&') return parts(path.get('left') as AnyPath) && this.freshOrNothing(path.get('right') as AnyPath, parts);
    if (isNodeType(node, 'ConditionalExpression')) return parts(path.get('test') as AnyPath) && this.freshOrNothing(path.get('consequent') as AnyPath, parts) && this.freshOrNothing(path.get('alternate') as AnyPath, parts);
    return false;
  }

  /**
   * The innermost part of `path` that fails `passes`, to name in a reason: it looks into what
   * only holds or combines values (literals, operators, a property's value), not into a member
   * read or a call, which is quoted whole.
   */
  private offendingPart(path: AnyPath, passes: (path: AnyPath) => boolean): ASTNode {
    const keys = STRUCTURE[path.node.type] ?? [];
    for (const key of keys) {
      const child = (path.node as unknown as Record<string, unknown>)[key];
      const parts = Array.isArray(child) ? child.flatMap((item, index) => (item === null ? [] : [path.get(key, index) as AnyPath])) : child ? [path.get(key) as AnyPath] : [];
      const failing = parts.find((part) => !passes(part));
      if (failing) return this.offendingPart(failing, passes);
    }
    return path.node;
  }

  private every(path: AnyPath, key: string, test: (part: AnyPath) => boolean): boolean {
    const list = (path.node as unknown as Record<string, unknown>)[key];
    return Array.isArray(list) && list.every((item, index) => item === null || test(path.get(key, index) as AnyPath));
  }
}

/** `string`, `number | undefined`, `'dev' | 'prod'`: a type only primitives have. */
function primitiveType(type: ASTNode): boolean {
  if (PRIMITIVE_TYPES.has(type.type)) return true;
  if (isNodeType(type, 'TSUnionType')) return (type.types as ASTNode[]).every(primitiveType);
  return isNodeType(type, 'TSParenthesizedType') && primitiveType(type.typeAnnotation);
}

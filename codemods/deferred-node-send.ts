/**
 * node's `http(s).request` in a function that is not async. The OAuth token must be awaited, and
 * the function cannot start awaiting without changing what it returns. But node sends a request's
 * headers only when the request is first written to or ended, not when it is made: so the request
 * is still made where it was (the function returns the same object, its listeners are attached as
 * before), and only its `write`/`end` wait for the token:
 *
 *   const req = https.request(options, onResponse);
 *   req.on('error', onError);
 *   client.authorizationHeader().then((authorization) => {
 *     req.setHeader('Authorization', authorization);
 *     req.end(body);
 *   }, (error) => req.destroy(error));
 *
 * A token that cannot be had destroys the request with that error, so it reaches the code's own
 * `'error'` listener, as a failed connection would. Values written to the request are evaluated
 * where they were (hoisted into a `const` unless they cannot change), so a caller that mutates an
 * object after the call still sends what it sent before.
 *
 * Only shapes whose every use of the request object is seen are planned: a request object handed
 * to other code (piped into, passed as an argument) could be written to where the codemod does
 * not look, before the token is there.
 */
import type { ASTNode, ASTPath, CallExpression } from 'jscodeshift';
import { forEachNodeIn, isNodeType, parameterName, parentOf, rangeOf, type AnyPath } from './request-migration.js';
import { indentationAt, type Edit } from './source-edits.js';

/** What the planner needs of the migration pass around it. */
export interface DeferralContext {
  readonly source: string;
  readonly quote: string;
  readonly semicolon: string;
  referencesOf(declaration: AnyPath): AnyPath[];
  bindingOf(path: AnyPath): AnyPath | undefined;
  /** A name free at `at`, not among `taken`. */
  freeName(at: AnyPath, name: string, taken: ReadonlySet<string>): string;
}

/** What telling a name's declaration and its other uses needs. */
export type BindingContext = Pick<DeferralContext, 'referencesOf' | 'bindingOf'>;

export type DeferredSendPlan = { readonly edits: readonly Edit[] } | { readonly why: string };

/** Members of a ClientRequest that return the request itself: a chain through them still holds it. */
const RETURNS_THE_REQUEST = new Set(['on', 'once', 'addListener', 'prependListener', 'prependOnceListener', 'setTimeout', 'setNoDelay', 'setSocketKeepAlive']);
/** Members that neither send the headers nor let anything be written: safe before and after the token. */
const NEITHER_SENDS = new Set([
  ...RETURNS_THE_REQUEST,
  'off',
  'removeListener',
  'removeAllListeners',
  'destroy',
  'abort',
  'setHeader',
  'getHeader',
  'hasHeader',
  'removeHeader',
]);
const SENDS = new Set(['write', 'end']);
const LITERALS = new Set(['StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'BigIntLiteral', 'Literal']);

interface MemberCall {
  readonly name: string;
  readonly call: AnyPath;
}

/** `path.name(…)`: the member called on the value at `path`. */
function memberCallOn(path: AnyPath): MemberCall | undefined {
  const member = parentOf(path);
  const call = parentOf(member);
  const memberNode = member?.node;
  if (!member || !call || !isNodeType(memberNode, 'MemberExpression') || memberNode.object !== path.node || memberNode.computed) return undefined;
  if (!isNodeType(call.node, 'CallExpression') || call.node.callee !== memberNode || !isNodeType(memberNode.property, 'Identifier')) return undefined;
  return { name: memberNode.property.name, call };
}

/**
 * One statement that writes the request: `req.write(…)`, `req.end(…)`, or `source.pipe(req)`
 * (which writes and ends it); `values` are the expressions it evaluates, kept as they were.
 */
interface Send {
  readonly statement: AnyPath;
  /**
   * `if (body !== undefined) { req.write(body); }`: the `if` whose block holds only this send. It
   * moves with the send and its test is read again there, so the test must read only values that
   * cannot change in between (see `stableTest`).
   */
  readonly guard?: AnyPath;
  readonly finishes: boolean;
  readonly values: readonly { readonly path: AnyPath; readonly baseName: string }[];
}

/** The statement `call` is, when it stands alone in a statement list (a block, a callback's body). */
function ownStatement(call: AnyPath): AnyPath | undefined {
  const statement = parentOf(call);
  return statement && isNodeType(statement.node, 'ExpressionStatement') && holdsStatements(parentOf(statement)?.node) ? statement : undefined;
}

/** `source.pipe(req)`: the stream writes the request and ends it. */
function pipedInto(reference: AnyPath): Send | undefined {
  const call = parentOf(reference);
  const callNode = call?.node;
  if (!call || !isNodeType(callNode, 'CallExpression') || callNode.arguments.length !== 1 || callNode.arguments[0] !== reference.node) return undefined;
  const callee = call.get('callee') as AnyPath;
  const calleeNode = callee.node;
  if (!isNodeType(calleeNode, 'MemberExpression') || calleeNode.computed || !isNodeType(calleeNode.property, 'Identifier') || calleeNode.property.name !== 'pipe') return undefined;
  const statement = ownStatement(call);
  return statement ? { statement, finishes: true, values: [{ path: callee.get('object') as AnyPath, baseName: 'source' }] } : undefined;
}

/**
 * Plans the edits that make `call` (a node `request`/`get` whose headers are already free of the
 * x-token) wait for the token before it is sent; `promise` is the token promise's text and
 * `headersObject` says it yields headers to spread (the optional client) rather than one value.
 */
export function planDeferredSend(context: DeferralContext, call: ASTPath<CallExpression>, promise: string, headersObject: boolean): DeferredSendPlan {
  const callee = call.node.callee as ASTNode;
  const calleeName = isNodeType(callee, 'MemberExpression') && !callee.computed && isNodeType(callee.property, 'Identifier') ? callee.property.name : undefined;
  const isGet = calleeName === 'get';
  if (!isGet && isNodeType(callee, 'Identifier') && callee.name === 'get') return { why: 'a `get(…)` imported by name ends the request as it makes it' };
  let top: AnyPath = call;
  for (let next = memberCallOn(top); next && RETURNS_THE_REQUEST.has(next.name); next = memberCallOn(top)) top = next.call;
  const following = memberCallOn(top);
  if (following && following.name !== 'end') return { why: `the request is used as \`${following.name}(…)\` as it is made, which the codemod does not follow` };
  const holder = following?.call ?? top;
  const holderParent = parentOf(holder);
  const statementList = parentOf(holderParent);
  if (holderParent && isNodeType(holderParent.node, 'ExpressionStatement') && statementList && holdsStatements(statementList.node)) {
    if (isGet && following) return { why: 'the request is ended twice: `get(…)` ends it already' };
    if (!isGet && !following) return { why: 'the request is not ended where it is made, so the codemod cannot see when it is sent' };
    return planForStatement(context, { call, top, end: following?.call, statement: holderParent, isGet, promise, headersObject });
  }
  const declarator = holderParent;
  const declaration = parentOf(declarator);
  const list = parentOf(declaration);
  if (
    !declarator || !declaration || !list || following ||
    !isNodeType(declarator.node, 'VariableDeclarator') || declarator.node.init !== holder.node || !isNodeType(declarator.node.id, 'Identifier') ||
    !isNodeType(declaration.node, 'VariableDeclaration') || declaration.node.declarations.length !== 1 || !holdsStatements(list.node)
  ) {
    return { why: 'the request object is not kept in a variable of its own, where the codemod could follow what is written to it' };
  }
  return planForDeclaration(context, { call, declarator, declaration, isGet, promise, headersObject });
}

function holdsStatements(node: ASTNode | null | undefined): boolean {
  return isNodeType(node, 'BlockStatement') || isNodeType(node, 'Program');
}

/** The request call, and the token promise it waits for (see planDeferredSend). */
interface DeferredRequest {
  readonly call: ASTPath<CallExpression>;
  readonly isGet: boolean;
  readonly promise: string;
  readonly headersObject: boolean;
}

interface StatementShape extends DeferredRequest {
  readonly top: AnyPath;
  readonly end: AnyPath | undefined;
  readonly statement: AnyPath;
}

/** `https.request(…).on(…).end(body);` or `https.get(…);` as a statement: kept in a `const`, ended later. */
function planForStatement(context: DeferralContext, shape: StatementShape): DeferredSendPlan {
  const { source } = context;
  const taken = new Set<string>();
  const name = context.freeName(shape.statement, 'req', taken);
  taken.add(name);
  const edits: Edit[] = [];
  const { start, end } = rangeOf(shape.statement.node);
  edits.push({ start, end: start, text: `const ${name} = ` });
  if (shape.isGet) edits.push(renameGet(shape.call));
  const hoisted: string[] = [];
  let endArguments = '';
  const endCall = shape.end;
  if (endCall) {
    const args = (endCall.node as CallExpression).arguments as ASTNode[];
    const written = args.map((_, index) => writtenValue(context, endCall.get('arguments', index) as AnyPath, shape.statement, taken, hoisted));
    if (written.some((value) => value === undefined)) return { why: 'what is written to the request cannot be kept as it was when the request was made' };
    endArguments = written.join(', ');
    const topEnd = rangeOf(shape.top.node).end;
    edits.push({ start: topEnd, end: rangeOf(endCall.node).end, text: '' });
  }
  const semicolon = source[end - 1] === ';' ? '' : context.semicolon;
  const indent = indentationAt(source, start);
  const sends = [`${name}.end(${endArguments})${context.semicolon}`];
  const text = deferredText(context, { name, indent, unit: indentUnit(source, shape.statement), hoisted, sends, promise: shape.promise, headersObject: shape.headersObject });
  edits.push({ start: end, end, text: `${semicolon}\n${indent}${text}` });
  return { edits };
}

interface DeclarationShape extends DeferredRequest {
  readonly declarator: AnyPath;
  readonly declaration: AnyPath;
}

/**
 * `const req = https.request(…);` with `req.write(…)`/`req.end(…)` statements after it, or in a
 * callback that ends it later (`fs.readFile(…, (error, body) => { req.end(body); })`), or a
 * stream piped into it: those statements wait, where they are.
 */
function planForDeclaration(context: DeferralContext, shape: DeclarationShape): DeferredSendPlan {
  const { source } = context;
  const id = shape.declarator.get('id') as AnyPath;
  const name = (id.node as ASTNode & { name: string }).name;
  const list = parentOf(shape.declaration) as AnyPath;
  const body = (list.node as ASTNode & { body: ASTNode[] }).body;
  const sends: Send[] = [];
  for (const reference of context.referencesOf(id)) {
    const parent = parentOf(reference);
    if (isNodeType(parent?.node, 'ReturnStatement')) continue;
    const member = memberCallOn(reference);
    if (member && NEITHER_SENDS.has(member.name)) continue;
    const statement = member ? (ownStatement(member.call) ?? bracelessGuarded(member.call)) : undefined;
    if (member && SENDS.has(member.name) && statement) {
      const args = (member.call.node as CallExpression).arguments;
      const guard = guardOf(statement);
      if (guard && !stableTest(context, guard.get('test') as AnyPath)) {
        return { why: `the condition of the \`if\` around \`${name}.${member.name}(…)\` reads values that could change before the token is there, when it would be read again` };
      }
      sends.push({ statement, ...(guard ? { guard } : {}), finishes: member.name === 'end', values: args.map((_, index) => ({ path: member.call.get('arguments', index) as AnyPath, baseName: 'body' })) });
      continue;
    }
    const piped = member ? undefined : pipedInto(reference);
    if (piped) {
      sends.push(piped);
      continue;
    }
    const line = (reference.node as { loc?: { start: { line: number } } | null }).loc?.start.line;
    const where = line === undefined ? '' : ` on line ${line}`;
    if (member && SENDS.has(member.name)) return { why: `\`${name}.${member.name}(…)\`${where} is not a statement of its own (it is part of an expression, or of an \`if\` without braces), where the codemod could make it wait` };
    if (member) return { why: `\`${name}.${member.name}(…)\`${where} sends or inspects the request in a way the codemod does not follow` };
    if (isNodeType(parent?.node, 'AssignmentExpression') && reference.name === 'left') return { why: `\`${name}\` is assigned again${where}` };
    return { why: `\`${name}\` is handed to other code${where}, which could write to it before the token is there` };
  }
  sends.sort((a, b) => rangeOf(a.statement.node).start - rangeOf(b.statement.node).start);
  // A guarded send stands in the run as its `if`.
  const runStatement = (send: Send): AnyPath => send.guard ?? send.statement;
  const runList = sends[0] ? parentOf(runStatement(sends[0])) : undefined;
  const runBody = (runList?.node as (ASTNode & { body: ASTNode[] }) | undefined)?.body ?? [];
  const indices = sends.map((send) => (parentOf(runStatement(send))?.node === runList?.node ? runBody.indexOf(runStatement(send).node) : -1));
  const declarationIndex = runList?.node === list.node ? body.indexOf(shape.declaration.node) : -1;
  const ends = sends.filter((send) => send.finishes);
  const taken = new Set<string>();
  const edits: Edit[] = [];
  if (shape.isGet) {
    if (sends.length > 0) return { why: `\`${name}\` is written to after \`get(…)\` has ended it` };
    edits.push(renameGet(shape.call));
    const { end } = rangeOf(shape.declaration.node);
    const indent = indentationAt(source, rangeOf(shape.declaration.node).start);
    const text = deferredText(context, { name, indent, unit: indentUnit(source, shape.declaration), hoisted: [], sends: [`${name}.end()${context.semicolon}`], promise: shape.promise, headersObject: shape.headersObject });
    edits.push({ start: end, end, text: `\n${indent}${text}` });
    return { edits };
  }
  const last = sends.at(-1);
  if (!last || ends.length !== 1 || ends[0] !== last || last.guard) return { why: `\`${name}\` is not ended exactly once, by its last write` };
  if (indices.some((index, at) => index < 0 || index <= declarationIndex || (at > 0 && index !== (indices[at - 1] ?? -1) + 1))) {
    return { why: `the writes to \`${name}\` are not one run of statements, which could wait for the token together` };
  }
  const first = sends[0] as Send;
  const firstStatement = runStatement(first);
  const hoisted: string[] = [];
  const sendTexts: string[] = [];
  for (const send of sends) {
    const statementRange = rangeOf(runStatement(send).node);
    // A value written under a guard is evaluated where it was only when the guard held.
    const guardText = send.guard ? context.source.slice(rangeOf((send.guard.node as ASTNode & { test: ASTNode }).test).start, rangeOf((send.guard.node as ASTNode & { test: ASTNode }).test).end) : undefined;
    let text = '';
    let cursor = statementRange.start;
    for (const { path, baseName } of send.values) {
      const value = writtenValue(context, path, firstStatement, taken, hoisted, baseName, guardText);
      if (value === undefined) return { why: 'what is written to the request cannot be kept as it was when it was written' };
      const range = rangeOf(path.node);
      text += source.slice(cursor, range.start) + value;
      cursor = range.end;
    }
    text += source.slice(cursor, statementRange.end);
    const expressionEnd = rangeOf((send.statement.node as ASTNode & { expression: ASTNode }).expression).end;
    if (!send.guard && !source.slice(expressionEnd, statementRange.end).includes(';')) text += context.semicolon;
    sendTexts.push(reindent(text, indentUnit(source, firstStatement), spansTemplateLines(runStatement(send).node)));
  }
  const start = rangeOf(firstStatement.node).start;
  const indent = indentationAt(source, start);
  const text = deferredText(context, { name, indent, unit: indentUnit(source, firstStatement), hoisted, sends: sendTexts, promise: shape.promise, headersObject: shape.headersObject });
  edits.push({ start, end: rangeOf(last.statement.node).end, text });
  return { edits };
}

/** `http.get(…)` is `http.request(…)` ended at once: the same request, ended once the token is there. */
function renameGet(call: ASTPath<CallExpression>): Edit {
  const callee = call.node.callee as ASTNode & { property: ASTNode };
  return { ...rangeOf(callee.property), text: 'request' };
}

/**
 * The text to write in the deferred send for the argument at `path`: itself when it means the
 * same later (a literal, a name nothing assigns again, a template of those), else the name of a
 * `const` that holds it, evaluated where it was (pushed onto `hoisted`).
 */
function writtenValue(context: DeferralContext, path: AnyPath, at: AnyPath, taken: Set<string>, hoisted: string[], baseName = 'body', guard?: string): string | undefined {
  const node = path.node;
  if (isNodeType(node, 'SpreadElement')) return undefined;
  const text = context.source.slice(rangeOf(node).start, rangeOf(node).end);
  if (unchanging(context, path)) return text;
  const name = context.freeName(at, baseName, taken);
  taken.add(name);
  hoisted.push(`const ${name} = ${guard === undefined ? text : `${guard} ? ${text} : undefined`}${context.semicolon}`);
  return name;
}

/** `if (body) req.write(body);`: the call's statement, the whole of an `if` (no `else`) that stands in a statement list. */
function bracelessGuarded(call: AnyPath): AnyPath | undefined {
  const statement = parentOf(call);
  return statement && isNodeType(statement.node, 'ExpressionStatement') && guardOf(statement) ? statement : undefined;
}

/** The `if` (no `else`) whose braced block holds only `statement`, or that is `statement` and its test alone; itself in a statement list. */
function guardOf(statement: AnyPath): AnyPath | undefined {
  const bare = parentOf(statement);
  const bareNode = bare?.node;
  if (bare && isNodeType(bareNode, 'IfStatement') && bareNode.consequent === statement.node && !bareNode.alternate) return holdsStatements(parentOf(bare)?.node) ? bare : undefined;
  const block = parentOf(statement);
  const guard = parentOf(block);
  const blockNode = block?.node;
  const guardNode = guard?.node;
  if (!guard || !isNodeType(blockNode, 'BlockStatement') || blockNode.body.length !== 1) return undefined;
  if (!isNodeType(guardNode, 'IfStatement') || guardNode.consequent !== blockNode || guardNode.alternate) return undefined;
  return holdsStatements(parentOf(guard)?.node) ? guard : undefined;
}

/**
 * A test that gives the same answer when read again later: literals and names nothing assigns
 * again, compared, negated, combined (`body !== undefined`, `typeof data === 'string'`, `payload`).
 */
function stableTest(context: DeferralContext, path: AnyPath): boolean {
  const node = path.node;
  if (LITERALS.has(node.type) || isNodeType(node, 'Identifier')) return unchanging(context, path);
  if (isNodeType(node, 'UnaryExpression')) return (node.operator === '!' || node.operator === 'typeof') && stableTest(context, path.get('argument') as AnyPath);
  if (isNodeType(node, 'BinaryExpression') || isNodeType(node, 'LogicalExpression')) {
    if (isNodeType(node, 'BinaryExpression') && !['===', '!==', '==', '!='].includes(node.operator)) return false;
    return stableTest(context, path.get('left') as AnyPath) && stableTest(context, path.get('right') as AnyPath);
  }
  return false;
}

/**
 * A value that is the same whenever it is read: a literal, a template of such values, or a name
 * nothing writes (a `const`, a parameter or function declaration nothing assigns). `settled` lets
 * a caller accept a `let` or parameter whose every write it knows is done before the later read
 * (see made-async.ts); without it, any write makes the name changing.
 */
export function unchanging(context: BindingContext, path: AnyPath, settled?: (binding: AnyPath, write: AnyPath) => boolean): boolean {
  const node = path.node;
  if (LITERALS.has(node.type)) return true;
  if (isNodeType(node, 'TemplateLiteral')) return node.expressions.every((_, index) => unchanging(context, path.get('expressions', index) as AnyPath));
  if (!isNodeType(node, 'Identifier')) return false;
  if (node.name === 'undefined') return true;
  const binding = context.bindingOf(path);
  if (!binding) return false;
  const declarator = parentOf(binding)?.node;
  const declaration = parentOf(parentOf(binding))?.node;
  const isConst = isNodeType(declarator, 'VariableDeclarator') && isNodeType(declaration, 'VariableDeclaration') && declaration.kind === 'const';
  const isParameter = (binding.parentPath as AnyPath | null)?.name === 'params';
  const isFunction = binding.name === 'id' && isNodeType(declarator, 'FunctionDeclaration');
  const isLet = isNodeType(declarator, 'VariableDeclarator') && isNodeType(declaration, 'VariableDeclaration') && declaration.kind === 'let';
  if (!isConst && !isParameter && !isFunction && !(isLet && settled)) return false;
  return isConst || context.referencesOf(binding).every((reference) => !writes(reference) || settled?.(binding, reference) === true);
}

/** `x = …`, `x++`, and `x` as a target inside `[x] = …`, `({ a: x } = …)`, `for (x of …)`. */
export function writes(reference: AnyPath): boolean {
  for (let path = reference, parent = parentOf(path); parent; path = parent, parent = parentOf(path)) {
    const node = parent.node;
    if (isNodeType(node, 'UpdateExpression')) return true;
    if (isNodeType(node, 'AssignmentExpression') || isNodeType(node, 'ForOfStatement') || isNodeType(node, 'ForInStatement')) return path.name === 'left';
    const inPattern =
      isNodeType(node, 'ArrayPattern') || isNodeType(node, 'ObjectPattern') || isNodeType(node, 'RestElement') ||
      (isNodeType(node, 'AssignmentPattern') && path.name === 'left') ||
      (isNodeType(node, 'ObjectProperty') && path.name === 'value' && isNodeType(parentOf(parent)?.node, 'ObjectPattern')) ||
      isNodeType(node, 'TSAsExpression') || isNodeType(node, 'TSNonNullExpression') || isNodeType(node, 'TSSatisfiesExpression') || isNodeType(node, 'TSTypeAssertion') || isNodeType(node, 'ParenthesizedExpression');
    if (!inPattern) return false;
  }
  return false;
}

interface DeferredParts {
  readonly name: string;
  readonly indent: string;
  readonly unit: string;
  readonly hoisted: readonly string[];
  readonly sends: readonly string[];
  readonly promise: string;
  readonly headersObject: boolean;
}

function deferredText(context: DeferralContext, parts: DeferredParts): string {
  const { quote, semicolon } = context;
  // The callbacks' parameters shadow only within them: they must not hide a name the sends read, nor the request.
  const authorization = parameterName('authorization', parts.name, parts.sends.join('\n'));
  const error = parameterName('error', parts.name, '');
  const inner = parts.indent + parts.unit;
  const authorize = parts.headersObject
    ? `for (const [header, value] of Object.entries(${authorization})) ${parts.name}.setHeader(header, value)${semicolon}`
    : `${parts.name}.setHeader(${quote}Authorization${quote}, ${authorization})${semicolon}`;
  return [
    ...parts.hoisted.map((line, index) => (index === 0 ? line : parts.indent + line)),
    `${parts.hoisted.length === 0 ? '' : parts.indent}${parts.promise}.then((${authorization}) => {`,
    `${inner}${authorize}`,
    ...parts.sends.map((send) => inner + send),
    `${parts.indent}}, (${error}) => ${parts.name}.destroy(${error}))${semicolon}`,
  ].join('\n');
}

/** The indentation one level deeper than the statement list's own: what the file uses. */
function indentUnit(source: string, statement: AnyPath): string {
  const own = indentationAt(source, rangeOf(statement.node).start);
  const list = parentOf(statement)?.node;
  const outer = list && !isNodeType(list, 'Program') ? indentationAt(source, rangeOf(list).start) : '';
  const unit = own.startsWith(outer) ? own.slice(outer.length) : '';
  if (unit !== '') return unit;
  return /^\t/mu.test(source) && !/^ {2}/mu.test(source) ? '\t' : '  ';
}

function reindent(text: string, unit: string, keepLines: boolean): string {
  return keepLines ? text : text.replace(/\n/gu, `\n${unit}`);
}

/** A template literal across lines: its lines are its value, not layout. */
function spansTemplateLines(node: ASTNode): boolean {
  let spans = false;
  forEachNodeIn(node, (inner) => {
    if (isNodeType(inner, 'TemplateLiteral') && (inner.loc?.start.line ?? 0) !== (inner.loc?.end.line ?? 0)) spans = true;
  });
  return spans;
}

/**
 * The request package's call outside async code, whose result nothing reads and which ends with
 * an error-first callback (`keptnApi.get(url, callback);`). Unlike node's request, the package
 * sends on the next tick, so no header can be set on its request object afterwards: the call
 * itself waits for the token, and a token that cannot be had goes to the callback, as a failed
 * connection would:
 *
 *   client.authorizationHeader().then((authorization) => {
 *     keptnApi.get(url, { headers: { Authorization: authorization } }, callback);
 *   }, callback);
 *
 * What the call evaluates is evaluated where it was: each value that could change meanwhile is
 * kept in a `const` before it (an object literal's members one by one, so the header edits inside
 * it stay where they are); `skip` is the x-token member, which goes. An inline callback is kept in
 * a `const` too, as both the request and the token failure need it.
 */
export function planDeferredCallbackCall(context: DeferralContext, call: ASTPath<CallExpression>, callback: ASTNode, promise: string, skip?: ASTNode): DeferredSendPlan {
  const statement = ownStatement(call);
  if (!statement) return { why: 'its result is used where it is made, so the call cannot wait for the token without changing what that code gets' };
  const args = call.node.arguments as ASTNode[];
  if (args.at(-1) !== callback) return { why: 'its callback is not its last argument' };
  if (/\bauthorization\b/u.test(context.source.slice(rangeOf(statement.node).start, rangeOf(statement.node).end))) {
    return { why: 'it reads a name `authorization`, which the token would hide where the call waits for it' };
  }
  const taken = new Set<string>();
  const hoisted: string[] = [];
  const edits: Edit[] = [];
  let changing: string | undefined;
  const keep = (path: AnyPath, baseName: string): boolean => {
    const node = path.node;
    // The x-token member, or what holds it (`...(token && { 'x-token': token })`): the header edits rewrite it.
    if (skip && !isNodeType(node, 'ObjectExpression') && rangeOf(node).start <= rangeOf(skip).start && rangeOf(skip).end <= rangeOf(node).end) return true;
    // An object sent by reference is read by the package when the call is made: later, it may hold something else.
    if ((isNodeType(node, 'Identifier') || isNodeType(node, 'MemberExpression')) && !URL_NAMES.has(baseName) && !primitiveConstant(context, path)) {
      changing = context.source.slice(rangeOf(node).start, rangeOf(node).end);
      return false;
    }
    if (isNodeType(node, 'ObjectExpression')) {
      return (node.properties as ASTNode[]).every((_, index) => {
        const member = path.get('properties', index) as AnyPath;
        const memberNode = member.node;
        if (isNodeType(memberNode, 'SpreadElement')) return keep(member.get('argument') as AnyPath, baseName);
        if (!isNodeType(memberNode, 'ObjectProperty') || (memberNode.computed && !unchanging(context, member.get('key') as AnyPath))) return false;
        const key = memberNode.key as ASTNode;
        const name = isNodeType(key, 'Identifier') ? key.name : isNodeType(key, 'StringLiteral') && /^[A-Za-z_$][\w$]*$/u.test(key.value) ? key.value : baseName;
        if (memberNode.shorthand !== true) return keep(member.get('value') as AnyPath, name);
        // `{ url }`: a value kept in a `const` is written out under its key.
        const value = writtenValue(context, member.get('value') as AnyPath, statement, taken, hoisted, name);
        if (value !== undefined && value !== name) edits.push({ ...rangeOf(memberNode), text: `${name}: ${value}` });
        return value !== undefined;
      });
    }
    const value = writtenValue(context, path, statement, taken, hoisted, baseName);
    if (value === undefined) return false;
    if (value !== context.source.slice(rangeOf(node).start, rangeOf(node).end)) edits.push({ ...rangeOf(node), text: value });
    return true;
  };
  for (const [index, argument] of args.entries()) {
    if (argument === callback) continue;
    if (keep(call.get('arguments', index) as AnyPath, index === 0 ? 'url' : 'options')) continue;
    return { why: changing === undefined ? 'what it sends cannot be kept as it was when the call was made' : `it sends \`${changing}\`, which the code could change before the token is there, when the request package would read it` };
  }
  const callbackPath = call.get('arguments', args.length - 1) as AnyPath;
  let callbackName = context.source.slice(rangeOf(callback).start, rangeOf(callback).end);
  if (!isNodeType(callback, 'Identifier') || !unchanging(context, callbackPath)) {
    callbackName = context.freeName(statement, 'callback', taken);
    taken.add(callbackName);
    hoisted.push(`const ${callbackName} = ${context.source.slice(rangeOf(callback).start, rangeOf(callback).end)}${context.semicolon}`);
    edits.push({ ...rangeOf(callback), text: callbackName });
  }
  const { start, end } = rangeOf(statement.node);
  const indent = indentationAt(context.source, start);
  const unit = indentUnit(context.source, statement);
  const before = [...hoisted, `${promise}.then((authorization) => {`].join(`\n${indent}`);
  edits.push({ start, end: start, text: `${before}\n${indent}${unit}` });
  const semicolon = context.source[end - 1] === ';' ? '' : context.semicolon;
  edits.push({ start: end, end, text: `${semicolon}\n${indent}}, ${callbackName})${context.semicolon}` });
  return { edits };
}

/** Where the request package takes a URL: a string, whatever holds it, read the same later. */
const URL_NAMES = new Set(['url', 'uri', 'baseUrl', 'method']);

/** A name bound once to a value that is a string or number by its syntax: a literal, a template, an environment variable. */
export function primitiveConstant(context: BindingContext, path: AnyPath): boolean {
  if (!isNodeType(path.node, 'Identifier') || !unchanging(context, path)) return false;
  const binding = context.bindingOf(path);
  const declarator = binding ? parentOf(binding)?.node : undefined;
  const init = isNodeType(declarator, 'VariableDeclarator') ? declarator.init : undefined;
  return init !== undefined && init !== null && primitiveBySyntax(init);
}

function primitiveBySyntax(node: ASTNode): boolean {
  if (LITERALS.has(node.type) || isNodeType(node, 'TemplateLiteral')) return true;
  if (isNodeType(node, 'LogicalExpression')) return primitiveBySyntax(node.left) && primitiveBySyntax(node.right);
  // `process.env.KEPTN_API_TOKEN`: a string, or undefined.
  return isProcessEnvMember(node);
}

/** `process.env.NAME` or `process.env[key]` (the `process` of Node, unless the caller finds the name bound): Node's environment. */
export function isProcessEnvMember(node: ASTNode): boolean {
  const object = isNodeType(node, 'MemberExpression') ? (node.object as ASTNode) : undefined;
  return isNodeType(object, 'MemberExpression') && !object.computed && isNodeType(object.object as ASTNode, 'Identifier') && (object.object as ASTNode & { name: string }).name === 'process' && isNodeType(object.property as ASTNode, 'Identifier') && (object.property as ASTNode & { name: string }).name === 'env';
}

/**
 * The old API token's plumbing after a migration, for the report's "retire" and "keep" lists:
 * env reads (`process.env.KEPTN_API_TOKEN`), GitHub Action and Azure DevOps task inputs
 * (`core.getInput('keptn-api-token', { required: true })`, `tl.getInput('apiToken', true)`),
 * and the variables and parameters that carried the token to the removed header.
 *
 * "Retire" means nothing sends the value any more once the queued edits apply: the read was
 * removed, or what is left only checks that it is set (`if (!token)`, `token.length`, a
 * comparison, `core.setSecret(token)`), or nothing reads it at all. Any other use (an argument,
 * an assignment, a header of a request the migration left alone) may send it: "keep". Nothing
 * here edits the file: a required input or a missing-token check is the user's to delete, along
 * with the action.yml / task.json entry the CLI finds for it.
 */
import type { ASTNode, ASTPath, Identifier } from 'jscodeshift';
import { KEPTN_TOKEN_ENV_VARS, isXTokenHeader, nameHint } from '../core/index.js';
import type { TokenPlumbing } from './report.js';
import { isNodeType, parentOf, rangeOf, TRANSPARENT_WRAPPERS, type AnyPath } from './request-migration.js';
import type { Range } from './source-edits.js';
import type { BindingOutcome } from './unused-bindings.js';

export interface PlumbingScope {
  readonly source: string;
  nodesOfType(type: string): AnyPath[];
  bindingOf(path: AnyPath): AnyPath | undefined;
  referencesOf(declaration: AnyPath): AnyPath[];
  isRemoved(range: Range): boolean;
  propertyName(key: ASTNode, computed: boolean): string | undefined;
  position(node: ASTNode): { line: number; column: number };
  /** The module an import or `require` binding comes from, if it is one. */
  moduleOf(binding: AnyPath): string | undefined;
}

/** Input readers of the two CI systems Keptn integrations ship for, by module. */
const INPUT_READERS: readonly { readonly module: RegExp; readonly kind: 'action-input' | 'task-input'; readonly functions: ReadonlySet<string> }[] = [
  { module: /^@actions\/core$/u, kind: 'action-input', functions: new Set(['getInput']) },
  { module: /^azure-pipelines-task-lib(?:\/task)?$/u, kind: 'task-input', functions: new Set(['getInput', 'getInputRequired']) },
];
/** An input whose name says it is a token or key; the reader (getInput) already says it is configuration. */
const TOKEN_INPUT_NAME = /token|api[-_]?key/iu;
const TOKEN_VARIABLE_NAME = /token|api_?key/iu;
const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=']);
const TESTS: Readonly<Record<string, string>> = { IfStatement: 'test', ConditionalExpression: 'test', WhileStatement: 'test', DoWhileStatement: 'test', ForStatement: 'test' };
/** Calls that take a token without sending it anywhere: GitHub Actions masks it in the log. */
const NON_SENDING_CALLS = new Set(['setSecret']);

interface Read {
  readonly kind: TokenPlumbing['kind'];
  readonly name: string;
  readonly node: ASTNode;
  readonly path: AnyPath;
  readonly required?: boolean;
}

/** The old token's reads, variables and parameters in this file, each with its fate after the queued edits. */
export function tokenPlumbing(scope: PlumbingScope, bindings: readonly BindingOutcome[]): TokenPlumbing[] {
  const entries: TokenPlumbing[] = [];
  const judge = (node: ASTNode, fate: { fate: 'retire' | 'keep'; why: string }, rest: Omit<TokenPlumbing, 'line' | 'column' | 'fate' | 'why'>): void => {
    entries.push({ ...rest, ...scope.position(node), ...fate });
  };
  const members = tokenMembers(scope);
  const fieldFates = new Map(members.flatMap((member) => (member.declaration ? [[member.declaration, member.fate] as const] : [])));
  for (const read of [...envReads(scope), ...inputReads(scope)]) {
    judge(read.node, fateOfRead(scope, read.path, fieldFates), { kind: read.kind, name: read.name, ...(read.required === undefined ? {} : { required: read.required }) });
  }
  for (const { binding, fate } of bindings) {
    if (fate === 'removed' || !isTokenBinding(scope, binding)) continue;
    // A parameter property is read as `this.<name>`: judged with the class members below.
    if (parentOf(binding)?.node.type === 'TSParameterProperty') continue;
    const parameter = isParameter(binding);
    const name = (binding.node as ASTNode & { name: string }).name;
    judge(binding.node, fateOfBinding(scope, binding), { kind: parameter ? 'parameter' : 'variable', name });
  }
  for (const member of members) judge(member.key, member.fate, { kind: member.kind, name: member.name });
  return entries.sort((a, b) => a.line - b.line || a.column - b.column);
}

interface TokenMember {
  readonly key: ASTNode;
  readonly name: string;
  readonly kind: 'parameter' | 'field';
  readonly fate: Fate;
  /** A field's declaration, whose initializer (an env read) shares its fate. */
  readonly declaration?: ASTNode;
}

type Fate = { readonly fate: 'retire' | 'keep'; readonly why: string };

/**
 * Class members that carried the token to a removed header: `constructor(private token: string)`
 * and `private keptnToken = process.env.KEPTN_API_TOKEN`. Their reads are `this.<name>`, which no
 * binding sees, so they are judged by the reads left in the class body. Members none of whose
 * reads the migration removed are not its business and are not listed.
 */
function tokenMembers(scope: PlumbingScope): TokenMember[] {
  const members: TokenMember[] = [];
  const thisReads = scope.nodesOfType('MemberExpression').filter((path) => {
    const node = path.node as ASTNode & { object: ASTNode; computed?: boolean };
    // `this.token = value` writes the member; it sends nothing.
    const write = isNodeType(parentOf(path)?.node, 'AssignmentExpression') && path.name === 'left';
    return isNodeType(node.object, 'ThisExpression') && !node.computed && !write;
  });
  for (const body of scope.nodesOfType('ClassBody')) {
    const within = rangeOf(body.node);
    const declared: { key: ASTNode; name: string; kind: 'parameter' | 'field'; init: ASTNode | null | undefined; declaration?: ASTNode; private: boolean }[] = [];
    for (const member of (body.node as ASTNode & { body: ASTNode[] }).body) {
      const { key, value, kind, params } = member as ASTNode & { key?: ASTNode; value?: ASTNode | null; kind?: string; params?: ASTNode[] };
      if ((isNodeType(member, 'ClassProperty') || isNodeType(member, 'ClassPrivateProperty')) && key) {
        const name = isNodeType(key, 'PrivateName') ? `#${(key.id as ASTNode & { name: string }).name}` : scope.propertyName(key, (member as ASTNode & { computed?: boolean }).computed ?? false);
        const isPrivate = isNodeType(member, 'ClassPrivateProperty') || isNodeType(key, 'PrivateName') || (member as ASTNode & { accessibility?: string }).accessibility === 'private';
        if (name !== undefined) declared.push({ key, name, kind: 'field', init: value, declaration: member, private: isPrivate });
      } else if ((isNodeType(member, 'ClassMethod') && kind === 'constructor') && params) {
        for (const param of params) {
          if (!isNodeType(param, 'TSParameterProperty')) continue;
          const inner = param.parameter as ASTNode;
          const identifier = isNodeType(inner, 'AssignmentPattern') ? inner.left : inner;
          if (isNodeType(identifier, 'Identifier')) declared.push({ key: identifier, name: identifier.name, kind: 'parameter', init: undefined, private: param.accessibility === 'private' });
        }
      }
    }
    for (const member of declared) {
      const initText = member.init ? scope.source.slice(rangeOf(member.init).start, rangeOf(member.init).end) : '';
      const holdsToken = TOKEN_VARIABLE_NAME.test(member.name) || KEPTN_TOKEN_ENV_VARS.some((variable) => initText.includes(variable));
      if (!holdsToken) continue;
      const reads = thisReads.filter((path) => {
        const range = rangeOf(path.node);
        const property = (path.node as ASTNode & { property: ASTNode }).property;
        const name = isNodeType(property, 'PrivateName') ? `#${(property.id as ASTNode & { name: string }).name}` : scope.propertyName(property, false);
        return name === member.name && range.start >= within.start && range.end <= within.end;
      });
      const remaining = reads.filter((path) => !scope.isRemoved(rangeOf(path.node)));
      if (remaining.length === reads.length) continue;
      const sending = remaining.find((reference) => sends(scope, reference));
      // Only a private member's reads are all in this class body; a subclass or a caller may read another.
      const fate: Fate = sending
        ? { fate: 'keep', why: `still sent or passed on (line ${scope.position(sending.node).line})` }
        : !member.private
          ? { fate: 'keep', why: 'not private: a subclass or code outside the class may still read it; retire it if nothing does' }
          : { fate: 'retire', why: remaining.length === 0 ? 'nothing reads it any more' : 'read only to check that it is set' };
      members.push({ key: member.key, name: member.name, kind: member.kind, fate, ...(member.declaration ? { declaration: member.declaration } : {}) });
    }
  }
  return members;
}

function envReads(scope: PlumbingScope): Read[] {
  const reads: Read[] = [];
  const isTokenVar = (name: string): boolean => KEPTN_TOKEN_ENV_VARS.includes(name) || nameHint(name)?.role === 'token';
  const isProcessEnv = (node: ASTNode): boolean => scope.source.slice(rangeOf(node).start, rangeOf(node).end).replace(/\s/gu, '') === 'process.env';
  for (const path of scope.nodesOfType('MemberExpression')) {
    const node = path.node as ASTNode & { object: ASTNode; property: ASTNode; computed?: boolean };
    if (!isNodeType(node.object, 'MemberExpression') || !isProcessEnv(node.object)) continue;
    const name = scope.propertyName(node.property, node.computed ?? false);
    if (name !== undefined && isTokenVar(name)) reads.push({ kind: 'env-var', name, node, path });
  }
  for (const path of scope.nodesOfType('VariableDeclarator')) {
    const { id, init } = path.node as ASTNode & { id: ASTNode; init: ASTNode | null };
    if (!init || !isNodeType(id, 'ObjectPattern') || !isProcessEnv(init)) continue;
    (id.properties as ASTNode[]).forEach((property, index) => {
      if (!isNodeType(property, 'ObjectProperty')) return;
      const name = scope.propertyName(property.key, property.computed ?? false);
      if (name === undefined || !isTokenVar(name)) return;
      const propertyPath = (path.get('id') as AnyPath).get('properties', index) as AnyPath;
      // The local binding is what is read afterwards: judge it, not the pattern.
      reads.push({ kind: 'env-var', name, node: property, path: propertyPath.get('value') as AnyPath });
    });
  }
  return reads;
}

function inputReads(scope: PlumbingScope): Read[] {
  const reads: Read[] = [];
  for (const path of scope.nodesOfType('CallExpression')) {
    const call = path.node as ASTNode & { callee: ASTNode; arguments: ASTNode[] };
    const reader = inputReaderOf(scope, path.get('callee') as AnyPath);
    const first = call.arguments[0];
    if (!reader || !isNodeType(first, 'StringLiteral') || !TOKEN_INPUT_NAME.test(first.value)) continue;
    reads.push({ kind: reader.kind, name: first.value, node: call, path, required: isRequired(scope, reader.function, call.arguments[1]) });
  }
  return reads;
}

/** `core.getInput` / `tl.getInput` through a namespace or default import, or `getInput` imported by name. */
function inputReaderOf(scope: PlumbingScope, callee: AnyPath): { kind: 'action-input' | 'task-input'; function: string } | undefined {
  const node = callee.node as ASTNode & { object?: ASTNode; property?: ASTNode; computed?: boolean; name?: string };
  let functionName: string | undefined;
  let owner: AnyPath | undefined;
  if (isNodeType(node, 'MemberExpression') && isNodeType(node.object as ASTNode, 'Identifier')) {
    functionName = scope.propertyName(node.property, node.computed ?? false);
    owner = callee.get('object') as AnyPath;
  } else if (isNodeType(node, 'Identifier')) {
    functionName = node.name;
    owner = callee;
  }
  if (functionName === undefined || !owner) return undefined;
  const binding = scope.bindingOf(owner);
  const module = binding ? scope.moduleOf(binding) : undefined;
  if (module === undefined) return undefined;
  const reader = INPUT_READERS.find((candidate) => candidate.module.test(module) && candidate.functions.has(functionName));
  return reader ? { kind: reader.kind, function: functionName } : undefined;
}

/** `{ required: true }` (Actions), `true` as the second argument or `getInputRequired` (Azure). */
function isRequired(scope: PlumbingScope, functionName: string, options: ASTNode | undefined): boolean {
  if (functionName === 'getInputRequired') return true;
  if (isNodeType(options, 'BooleanLiteral')) return options.value;
  if (!isNodeType(options, 'ObjectExpression')) return false;
  return (options.properties as ASTNode[]).some(
    (member) => isNodeType(member, 'ObjectProperty') && scope.propertyName(member.key, member.computed ?? false) === 'required' && isNodeType(member.value as ASTNode, 'BooleanLiteral') && (member.value as ASTNode & { value: boolean }).value,
  );
}

function isParameter(binding: AnyPath): boolean {
  let slot: ASTPath | null = binding;
  // `function f({ token })`, `function f(token = '')`, `constructor(private token: string)`
  while (slot && ['ObjectProperty', 'AssignmentPattern', 'ObjectPattern', 'TSParameterProperty'].includes((parentOf(slot)?.node.type) ?? '')) slot = parentOf(slot);
  // ast-types types `parentPath` as any; it is the list the slot sits in.
  return (slot?.parentPath as ASTPath | null | undefined)?.name === 'params';
}

/** A binding that held the old token: named so, or initialised from a token env var or input. */
function isTokenBinding(scope: PlumbingScope, binding: AnyPath): boolean {
  const name = (binding.node as ASTNode & { name?: string }).name ?? '';
  const declarator = parentOf(binding)?.node as (ASTNode & { init?: ASTNode | null }) | undefined;
  const init = isNodeType(declarator, 'VariableDeclarator') ? declarator.init : undefined;
  // `const TOKEN_HEADER = 'x-token'` names the header, not the token.
  if (isNodeType(init, 'StringLiteral') && isXTokenHeader(init.value)) return false;
  if (TOKEN_VARIABLE_NAME.test(name)) return true;
  if (!init) return false;
  const text = scope.source.slice(rangeOf(init).start, rangeOf(init).end);
  return KEPTN_TOKEN_ENV_VARS.some((variable) => text.includes(variable)) || /getInput(?:Required)?\s*\(\s*['"][^'"]*(?:token|api[-_]?key)/iu.test(text);
}

/** What becomes of a token read: removed, held in a binding (judged by its uses), or used in place. */
function fateOfRead(scope: PlumbingScope, path: AnyPath, fieldFates: ReadonlyMap<ASTNode, Fate>): Fate {
  if (scope.isRemoved(rangeOf(path.node))) return { fate: 'retire', why: 'the migration removed this read' };
  if (isNodeType(path.node, 'Identifier') && scope.bindingOf(path)?.node === path.node) return fateOfBinding(scope, path);
  let current = path;
  let parent = parentOf(current);
  // `process.env.KEPTN_API_TOKEN ?? ''` and `as string` still hold the token, and so does the
  // `(_a = process.env.KEPTN_API_TOKEN) !== null && _a !== void 0 ? _a : ''` a compiler writes for `??`.
  for (;;) {
    const nullish = parent ? compiledNullishOf(scope, current, parent) : undefined;
    if (nullish) current = nullish;
    else if (parent && (TRANSPARENT_WRAPPERS.has(parent.node.type) || (isNodeType(parent.node, 'LogicalExpression') && current.name === 'left'))) current = parent;
    else break;
    parent = parentOf(current);
  }
  if (parent && isNodeType(parent.node, 'VariableDeclarator') && current.name === 'init' && isNodeType(parent.node.id as ASTNode, 'Identifier')) {
    return fateOfBinding(scope, parent.get('id') as AnyPath);
  }
  // `private keptnToken = process.env.KEPTN_API_TOKEN`: the field holds the token.
  const field = parent && current.name === 'value' ? fieldFates.get(parent.node) : undefined;
  if (field) return field;
  return sends(scope, path) ? { fate: 'keep', why: 'still sent or passed on here' } : { fate: 'retire', why: 'read only to check that it is set' };
}

/**
 * The conditional a compiler writes for `value ?? fallback` when `value` is assigned to its temporary
 * (`(_a = value) !== null && _a !== void 0 ? _a : fallback`, or the `=== null ||` form): its value is
 * `value` or the fallback, so it holds what `value` holds, provided nothing else reads the temporary.
 * `current` is the assigned value.
 */
function compiledNullishOf(scope: PlumbingScope, current: AnyPath, parent: AnyPath): AnyPath | undefined {
  const assignment = parent.node;
  if (!isNodeType(assignment, 'AssignmentExpression') || assignment.operator !== '=' || current.name !== 'right' || !isNodeType(assignment.left as ASTNode, 'Identifier')) return undefined;
  const temporary = (assignment.left as Identifier).name;
  let compared: AnyPath = parent;
  let above = parentOf(compared);
  while (above && TRANSPARENT_WRAPPERS.has(above.node.type)) {
    compared = above;
    above = parentOf(compared);
  }
  const isTemporary = (node: ASTNode | null | undefined): boolean => isNodeType(node, 'Identifier') && node.name === temporary;
  if (!above || !isNodeType(above.node, 'BinaryExpression') || compared.name !== 'left') return undefined;
  const positive = above.node.operator === '!==';
  if (!positive && above.node.operator !== '===') return undefined;
  const test = parentOf(above);
  if (!test || !isNodeType(test.node, 'LogicalExpression') || above.name !== 'left' || test.node.operator !== (positive ? '&&' : '||')) return undefined;
  const conditional = parentOf(test);
  if (!conditional || !isNodeType(conditional.node, 'ConditionalExpression') || test.name !== 'test') return undefined;
  if (!isTemporary(positive ? conditional.node.consequent : conditional.node.alternate)) return undefined;
  const binding = scope.bindingOf(parent.get('left') as AnyPath);
  const within = rangeOf(conditional.node);
  const readElsewhere = !binding || scope.referencesOf(binding).some((reference) => {
    const range = rangeOf(reference.node);
    return range.start < within.start || range.end > within.end;
  });
  return readElsewhere ? undefined : conditional;
}

function fateOfBinding(scope: PlumbingScope, binding: AnyPath): { fate: 'retire' | 'keep'; why: string } {
  // `export const KEPTN_API_TOKEN = …`: its readers in other modules are not in this file.
  if (isExportedDeclaration(binding)) return { fate: 'keep', why: 'exported: other modules may still read it; retire it if none does' };
  const remaining = scope.referencesOf(binding).filter((reference) => !scope.isRemoved(rangeOf(reference.node)));
  const sending = remaining.find((reference) => sends(scope, reference));
  if (sending) return { fate: 'keep', why: `still sent or passed on (line ${scope.position(sending.node).line})` };
  return remaining.length === 0 ? { fate: 'retire', why: 'nothing reads it any more' } : { fate: 'retire', why: 'read only to check that it is set' };
}

function isExportedDeclaration(binding: AnyPath): boolean {
  const declarator = parentOf(binding);
  const declaration = parentOf(declarator);
  return isNodeType(declarator?.node, 'VariableDeclarator') && isNodeType(parentOf(declaration)?.node, 'ExportNamedDeclaration');
}

/**
 * Whether a use of the token may send it somewhere. Only uses that cannot are recognised: a
 * condition (`if (!token)`, `token ? … : …`, `a && token` as a test), a comparison, `.length`,
 * `typeof`, and `core.setSecret(token)`. Everything else counts as sending.
 */
function sends(scope: PlumbingScope, reference: AnyPath): boolean {
  let current = reference;
  let parent = parentOf(current);
  while (parent && (TRANSPARENT_WRAPPERS.has(parent.node.type) || isNodeType(parent.node, 'LogicalExpression') || (isNodeType(parent.node, 'UnaryExpression') && parent.node.operator === '!'))) {
    if (isNodeType(parent.node, 'UnaryExpression')) return false;
    current = parent;
    parent = parentOf(current);
  }
  if (!parent) return true;
  const node = parent.node;
  if (TESTS[node.type] === current.name) return false;
  if (isNodeType(node, 'UnaryExpression') && node.operator === 'typeof') return false;
  if (isNodeType(node, 'BinaryExpression') && COMPARISONS.has(node.operator)) return false;
  if (isNodeType(node, 'MemberExpression') && current.name === 'object' && scope.propertyName(node.property, node.computed ?? false) === 'length') return false;
  if (isNodeType(node, 'CallExpression') && current.name !== 'callee') {
    const callee = node.callee as ASTNode;
    const name = isNodeType(callee, 'MemberExpression') ? scope.propertyName(callee.property, callee.computed ?? false) : isNodeType(callee, 'Identifier') ? callee.name : undefined;
    if (name !== undefined && NON_SENDING_CALLS.has(name)) return false;
  }
  return true;
}

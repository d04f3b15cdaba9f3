/**
 * The old API token's plumbing after a migration, for the report's "retire" and "keep" lists:
 * env reads (`process.env.KEPTN_API_TOKEN`), GitHub Action and Azure DevOps task inputs
 * (`core.getInput('keptn-api-token', { required: true })`, `tl.getInput('apiToken', true)`, and
 * `process.env['INPUT_KEPTN-API-TOKEN']`, the env var the runner sets for the input), an
 * Azure DevOps service connection's auth parameter (`tl.getEndpointAuthorizationParameter(conn,
 * 'apitoken', false)`), and the variables and parameters that carried the token to the removed header.
 * An input or auth parameter is listed only when its name says Keptn or its value reaches an
 * `x-token` header in this file (`proxyToken` sent as `Proxy-Authorization` is not the old token).
 *
 * "Retire" means nothing sends the value any more once the queued edits apply: the read was
 * removed, or what is left only checks that it is set (`if (!token)`, `token.length`, a
 * comparison, `core.setSecret(token)` or the `::add-mask::` line it writes), or nothing reads it at all, or it is only passed to a
 * parameter in this file that is retired itself (`new KeptnClient(url, token)` whose constructor
 * only put it in the removed header). Any other use (an argument, an assignment, a header of a
 * request the migration left alone) may send it: "keep". Nothing
 * here edits the file: a required input or a missing-token check is the user's to delete, along
 * with the action.yml / task.json entry the CLI finds for it.
 */
import type { ASTNode, ASTPath, Identifier } from 'jscodeshift';
import { HEADER_WRITE_METHODS, KEPTN_TOKEN_ENV_VARS, isKeptnName, isXTokenHeader, nameHint } from '../core/index.js';
import type { TokenPlumbing } from './report.js';
import { FUNCTION_TYPES, isNodeType, parameterPropertyOf, parentOf, rangeOf, TRANSPARENT_WRAPPERS, type AnyPath } from './request-migration.js';
import type { Range } from './source-edits.js';
import type { BindingOutcome } from './unused-bindings.js';

export interface PlumbingScope {
  readonly source: string;
  nodesOfType(type: string): AnyPath[];
  bindingOf(path: AnyPath): AnyPath | undefined;
  referencesOf(declaration: AnyPath): AnyPath[];
  isRemoved(range: Range): boolean;
  /** The input lines where the edits write a removed read's text again (a split header's x-token), if they do. */
  writtenAgainAt(range: Range): readonly number[] | undefined;
  propertyName(key: ASTNode, computed: boolean): string | undefined;
  position(node: ASTNode): { line: number; column: number };
  /** The module an import or `require` binding comes from, if it is one. */
  moduleOf(binding: AnyPath): string | undefined;
}

const AZURE_TASK_LIB = /^azure-pipelines-task-lib(?:\/task)?$/u;
/** Input readers of the two CI systems Keptn integrations ship for, by module. */
const INPUT_READERS: readonly { readonly module: RegExp; readonly kind: 'action-input' | 'task-input'; readonly functions: ReadonlySet<string> }[] = [
  { module: /^@actions\/core$/u, kind: 'action-input', functions: new Set(['getInput']) },
  { module: AZURE_TASK_LIB, kind: 'task-input', functions: new Set(['getInput', 'getInputRequired']) },
];
/** Azure DevOps: a service connection's auth parameter (`getEndpointAuthorizationParameter(id, key, optional)`). */
const ENDPOINT_AUTH_READERS = { module: AZURE_TASK_LIB, functions: new Set(['getEndpointAuthorizationParameter', 'getEndpointAuthorizationParameterRequired']) };
/** An input whose name says it is a token or key; the reader (getInput) already says it is configuration. */
const TOKEN_INPUT_NAME = /token|api[-_]?key/iu;
const TOKEN_VARIABLE_NAME = /token|api_?key/iu;
const COMPARISONS = new Set(['===', '!==', '==', '!=', '<', '>', '<=', '>=']);
const TESTS: Readonly<Record<string, string>> = { IfStatement: 'test', ConditionalExpression: 'test', WhileStatement: 'test', DoWhileStatement: 'test', ForStatement: 'test' };
/** Calls that take a token without sending it anywhere: GitHub Actions masks it in the log. */
const NON_SENDING_CALLS = new Set(['setSecret']);
/** What `core.setSecret` does by hand: the runner reads `::add-mask::<value>` on the step's stdout, masks the value and prints nothing. */
const MASK_COMMAND = '::add-mask::';
const STDOUT_WRITERS = new Set(['console.log', 'console.info', 'process.stdout.write']);
/** The env var the Actions runner sets for an input: `INPUT_` and the name upper-cased, spaces made `_` (a `-` stays). */
const ACTION_INPUT_ENV = /^INPUT_(.+)$/u;

interface Read {
  readonly kind: TokenPlumbing['kind'];
  readonly name: string;
  readonly node: ASTNode;
  readonly path: AnyPath;
  readonly required?: boolean;
  /** For a service connection's auth parameter: the task input that names the connection. */
  readonly connection?: string;
}

type Fate = { readonly fate: 'retire' | 'keep'; readonly why: string };

/** What one read of the token does with it once the queued edits apply. */
type Use = { readonly kind: 'sends'; readonly toImported?: string; readonly exportedIn?: string } | { readonly kind: 'checks' } | { readonly kind: 'passed'; readonly to: string; readonly line: number; readonly intoMember?: boolean };

/** Where an argument lands in a function or class of this file: a parameter binding, or a parameter property read as `this.<name>`. */
type Landing = { readonly binding: AnyPath; readonly label: string } | { readonly member: ClassMember; readonly label: string };

interface ClassMember {
  readonly body: AnyPath;
  readonly key: ASTNode;
  readonly name: string;
  readonly kind: 'parameter' | 'field';
  readonly init: ASTNode | null | undefined;
  readonly declaration?: ASTNode;
  readonly private: boolean;
  /** A parameter property's parameter, also read by its plain name in the constructor (`headers: { 'x-token': apiToken }`). */
  readonly parameter?: AnyPath;
}

/** The old token's reads, variables and parameters in this file, each with its fate after the queued edits. */
export function tokenPlumbing(scope: PlumbingScope, bindings: readonly BindingOutcome[]): TokenPlumbing[] {
  return new Plumbing(scope).entries(bindings);
}

class Plumbing {
  /** Bindings and members being judged, so that a function passing the token to itself ends. */
  private readonly visiting = new Set<ASTNode>();
  private thisReadsCache: AnyPath[] | undefined;

  constructor(private readonly scope: PlumbingScope) {}

  entries(bindings: readonly BindingOutcome[]): TokenPlumbing[] {
    const { scope } = this;
    const entries: TokenPlumbing[] = [];
    const judge = (node: ASTNode, fate: Fate, rest: Omit<TokenPlumbing, 'line' | 'column' | 'fate' | 'why'>): void => {
      entries.push({ ...rest, ...scope.position(node), ...fate });
    };
    const members = this.tokenMembers();
    const fieldFates = new Map(members.flatMap((member) => (member.declaration ? [[member.declaration, member.fate] as const] : [])));
    for (const read of [...this.envReads(), ...this.inputReads()]) {
      judge(read.node, this.fateOfRead(read.path, fieldFates), {
        kind: read.kind,
        name: read.name,
        ...(read.required === undefined ? {} : { required: read.required }),
        ...(read.connection === undefined ? {} : { connection: read.connection }),
      });
    }
    for (const { binding, fate } of bindings) {
      if (fate === 'removed' || !this.isTokenBinding(binding)) continue;
      // A parameter property is read as `this.<name>`: judged with the class members below.
      if (parentOf(binding)?.node.type === 'TSParameterProperty') continue;
      // `const keptnConfig = { url, token: process.env.KEPTN_API_TOKEN }` is no token: the value in
      // its member is, and is listed where it is read (an env var, an input, a variable).
      if (isObjectLiteralBinding(binding)) continue;
      const parameter = isParameter(binding);
      // `async function getToken() { return keptnToken; }`: a function that hands the token out.
      // Its parameters have the declaration for parent too, but are not its name.
      const declaration = parentOf(binding)?.node;
      const isFunction = isNodeType(declaration, 'FunctionDeclaration') && declaration.id === binding.node;
      const name = (binding.node as ASTNode & { name: string }).name;
      const judged = this.fateOfBinding(binding);
      // `const apiToken = tl.getEndpointAuthorizationParameter(…)`: unused now, but a call may fail the run, so
      // codemods/unused-bindings.ts left it (as it leaves `core.getInput(…, { required: true })`): say so.
      // ES5's `var apiToken; … apiToken = tl.getEndpointAuthorizationParameter(…)`: the assignment left is the initializer.
      const onlyAssigned = fate === 'read' && this.scope.referencesOf(binding).every((reference) => reference.node === binding.node || this.scope.isRemoved(rangeOf(reference.node)) || isAssignedTo(reference));
      const leftUnread = (fate === 'kept' || onlyAssigned) && judged.fate === 'retire' && judged.why === NOTHING_READS;
      // A parameter is never removed by the migration: its callers, maybe in other files, still pass it.
      const leftBecause = parameter
        ? 'the migration does not change a function\'s parameters, which its callers pass: drop it here and where the function is called'
        : isFunction
          ? 'the migration left the function: delete it yourself'
          : 'the migration left its declaration, whose initializer may do more than read a value: delete it yourself';
      const unread = isFunction ? 'nothing calls it any more' : NOTHING_READS;
      const why = leftUnread ? `${unread}; ${leftBecause}` : judged.why === NOTHING_READS ? unread : judged.why;
      judge(binding.node, { fate: judged.fate, why }, { kind: parameter ? 'parameter' : isFunction ? 'function' : 'variable', name });
    }
    for (const member of members) {
      // Like a function's parameter, a parameter property stays: the class's callers still pass it.
      const why = member.kind === 'parameter' && member.fate.fate === 'retire' && member.fate.why === NOTHING_READS
        ? `${NOTHING_READS}; the migration does not change a constructor's parameters, which its callers pass: drop it here and where the class is constructed`
        : member.fate.why;
      judge(member.key, { fate: member.fate.fate, why }, { kind: member.kind, name: member.name });
    }
    return entries.sort((a, b) => a.line - b.line || a.column - b.column);
  }

  /** `this.<name>` reads, writes excluded: `this.token = value` writes the member and sends nothing. */
  private thisReads(): AnyPath[] {
    this.thisReadsCache ??= this.scope.nodesOfType('MemberExpression').filter((path) => {
      const node = path.node as ASTNode & { object: ASTNode; computed?: boolean };
      const write = isNodeType(parentOf(path)?.node, 'AssignmentExpression') && path.name === 'left';
      return isNodeType(node.object, 'ThisExpression') && !node.computed && !write;
    });
    return this.thisReadsCache;
  }

  private readsOf(member: ClassMember): AnyPath[] {
    const { scope } = this;
    const within = rangeOf(member.body.node);
    const memberReads = this.thisReads().filter((path) => {
      const range = rangeOf(path.node);
      const property = (path.node as ASTNode & { property: ASTNode }).property;
      const name = isNodeType(property, 'PrivateName') ? `#${(property.id as ASTNode & { name: string }).name}` : scope.propertyName(property, false);
      return name === member.name && range.start >= within.start && range.end <= within.end;
    });
    return member.parameter ? [...memberReads, ...scope.referencesOf(member.parameter)] : memberReads;
  }

  /** A class's fields and constructor parameter properties. */
  private membersOf(body: AnyPath): ClassMember[] {
    const { scope } = this;
    const declared: ClassMember[] = [];
    for (const [memberIndex, member] of (body.node as ASTNode & { body: ASTNode[] }).body.entries()) {
      const { key, value, kind, params } = member as ASTNode & { key?: ASTNode; value?: ASTNode | null; kind?: string; params?: ASTNode[] };
      if ((isNodeType(member, 'ClassProperty') || isNodeType(member, 'ClassPrivateProperty')) && key) {
        const name = isNodeType(key, 'PrivateName') ? `#${(key.id as ASTNode & { name: string }).name}` : scope.propertyName(key, (member as ASTNode & { computed?: boolean }).computed ?? false);
        const isPrivate = isNodeType(member, 'ClassPrivateProperty') || isNodeType(key, 'PrivateName') || (member as ASTNode & { accessibility?: string }).accessibility === 'private';
        if (name !== undefined) declared.push({ body, key, name, kind: 'field', init: value, declaration: member, private: isPrivate });
      } else if (isNodeType(member, 'ClassMethod') && kind === 'constructor' && params) {
        for (const param of params) {
          if (!isNodeType(param, 'TSParameterProperty')) continue;
          const inner = param.parameter as ASTNode;
          const identifier = isNodeType(inner, 'AssignmentPattern') ? inner.left : inner;
          if (!isNodeType(identifier, 'Identifier')) continue;
          const parameter = parameterPropertyOf(body.get('body', memberIndex) as AnyPath, identifier.name);
          declared.push({ body, key: identifier, name: identifier.name, kind: 'parameter', init: undefined, private: param.accessibility === 'private', ...(parameter ? { parameter } : {}) });
        }
      }
    }
    return declared;
  }

  /**
   * Class members that carried the token to a removed header: `constructor(private token: string)`
   * and `private keptnToken = process.env.KEPTN_API_TOKEN`. Their reads are `this.<name>`, which no
   * binding sees, so they are judged by the reads left in the class body. Members none of whose
   * reads the migration removed are not its business and are not listed.
   */
  private tokenMembers(): (ClassMember & { fate: Fate })[] {
    const { scope } = this;
    const members: (ClassMember & { fate: Fate })[] = [];
    for (const body of scope.nodesOfType('ClassBody')) {
      for (const member of this.membersOf(body)) {
        const initText = member.init ? scope.source.slice(rangeOf(member.init).start, rangeOf(member.init).end) : '';
        const holdsToken = TOKEN_VARIABLE_NAME.test(member.name) || KEPTN_TOKEN_ENV_VARS.some((variable) => initText.includes(variable));
        if (!holdsToken) continue;
        const reads = this.readsOf(member);
        if (!reads.some((path) => scope.isRemoved(rangeOf(path.node)))) continue;
        members.push({ ...member, fate: this.fateOfMember(member) });
      }
    }
    return members;
  }

  private fateOfMember(member: ClassMember): Fate {
    if (this.visiting.has(member.key)) return { fate: 'retire', why: NOTHING_READS };
    this.visiting.add(member.key);
    try {
      const remaining = this.readsOf(member).filter((path) => !this.scope.isRemoved(rangeOf(path.node)));
      const fate = this.fateOfUses(remaining);
      // Only a private member's reads are all in this class body; a subclass or a caller may read another.
      if (fate.fate === 'retire' && !member.private) return { fate: 'keep', why: 'not private: a subclass or code outside the class may still read it; retire it if nothing does' };
      return fate;
    } finally {
      this.visiting.delete(member.key);
    }
  }

  /** Keep when a use may send the token; else retire, saying whether it is unread, only checked, or only passed to something retired. */
  private fateOfUses(remaining: readonly AnyPath[]): Fate {
    const { scope } = this;
    let passed: Extract<Use, { kind: 'passed' }> | undefined;
    let imported: { to: string; line: number } | undefined;
    for (const reference of remaining) {
      const use = this.useOf(reference);
      const line = scope.position(reference.node).line;
      // An argument to a function or class imported from another file: its parameter is judged there, not here.
      if (use.kind === 'sends' && use.toImported !== undefined) imported ??= { to: use.toImported, line };
      else if (use.kind === 'sends' && use.exportedIn !== undefined) return { fate: 'keep', why: `exported in \`${use.exportedIn}\` (line ${line}): other modules may still read it; retire it if none does` };
      else if (use.kind === 'sends') return { fate: 'keep', why: stillSent(scope.writtenAgainAt(rangeOf(reference.node)), line) };
      if (use.kind === 'passed') passed ??= use;
    }
    if (imported) return { fate: 'keep', why: `passed to ${imported.to} (line ${imported.line}); retire it too if that file's entries retire the parameter` };
    if (passed) return { fate: 'retire', why: passedWhy(passed) };
    return remaining.length === 0 ? { fate: 'retire', why: NOTHING_READS } : { fate: 'retire', why: 'read only to check that it is set' };
  }

  private envReads(): Read[] {
    const { scope } = this;
    const reads: Read[] = [];
    const isTokenVar = (name: string): boolean => KEPTN_TOKEN_ENV_VARS.includes(name) || nameHint(name)?.role === 'token';
    const isProcessEnv = (node: ASTNode): boolean => scope.source.slice(rangeOf(node).start, rangeOf(node).end).replace(/\s/gu, '') === 'process.env';
    for (const path of scope.nodesOfType('MemberExpression')) {
      const node = path.node as ASTNode & { object: ASTNode; property: ASTNode; computed?: boolean };
      if (!isNodeType(node.object, 'MemberExpression') || !isProcessEnv(node.object)) continue;
      const name = scope.propertyName(node.property, node.computed ?? false);
      if (name !== undefined && isTokenVar(name)) reads.push({ ...envVariable(name), node, path });
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
        reads.push({ ...envVariable(name), node: property, path: propertyPath.get('value') as AnyPath });
      });
    }
    return reads;
  }

  /**
   * Action and task inputs whose name says token or API key, and a service connection's token
   * parameter. A generic name (`proxyToken`) is the old token only when its value reaches an
   * `x-token` header here, sent or removed; a name that says Keptn is listed whatever it reaches.
   */
  private inputReads(): Read[] {
    const { scope } = this;
    const reads: Read[] = [];
    for (const path of scope.nodesOfType('CallExpression')) {
      const call = path.node as ASTNode & { callee: ASTNode; arguments: ASTNode[] };
      const reader = this.readerOf(path.get('callee') as AnyPath);
      if (!reader) continue;
      let read: Read;
      if (reader.kind === 'service-connection') {
        const key = call.arguments[1];
        if (!isNodeType(key, 'StringLiteral') || !TOKEN_INPUT_NAME.test(key.value)) continue;
        const optional = call.arguments[2];
        const required = reader.function.endsWith('Required') || (isNodeType(optional, 'BooleanLiteral') && !optional.value);
        const connection = this.connectionInput(path.get('arguments', 0) as AnyPath);
        read = { kind: reader.kind, name: key.value, node: call, path, required, ...(connection === undefined ? {} : { connection }) };
      } else {
        const first = call.arguments[0];
        if (!isNodeType(first, 'StringLiteral') || !TOKEN_INPUT_NAME.test(first.value)) continue;
        read = { kind: reader.kind, name: first.value, node: call, path, required: isRequired(scope, reader.function, call.arguments[1]) };
      }
      const saysKeptn = isKeptnName(read.name) || (read.connection !== undefined && isKeptnName(read.connection));
      if (saysKeptn || this.reachesHeader(path)) reads.push(read);
    }
    return reads;
  }

  /** The task input a connection id was read from: `const conn = tl.getInput('keptnConnection', true)`. */
  private connectionInput(argument: AnyPath | undefined): string | undefined {
    let path = argument;
    if (path && isNodeType(path.node, 'Identifier')) {
      const binding = this.scope.bindingOf(path);
      const declarator = binding ? parentOf(binding) : null;
      path = declarator && isNodeType(declarator.node, 'VariableDeclarator') && binding?.name === 'id' ? (declarator.get('init') as AnyPath) : undefined;
      // ES5's `var conn; … conn = tl.getInput('keptnConnection', true)`: the one assignment is its value.
      const assignments = binding && path && !nodeOf(path) ? this.scope.referencesOf(binding).filter(isAssignedTo) : [];
      const [only] = assignments;
      if (only && assignments.length === 1) path = parentOf(only)?.get('right') as AnyPath | undefined;
    }
    // `getInput('keptnConnection', true) ?? ''`: the input is on the left, or in the temporary a compiler below ES2020 writes for `??`.
    for (let node = path ? nodeOf(path) : undefined; path && node; node = path ? nodeOf(path) : undefined) {
      if (TRANSPARENT_WRAPPERS.has(node.type)) path = path.get('expression') as AnyPath;
      else if (isNodeType(node, 'LogicalExpression') && (node.operator === '??' || node.operator === '||')) path = path.get('left') as AnyPath;
      else if (isNodeType(node, 'ConditionalExpression')) path = compiledNullishValue(this.scope, path);
      else break;
    }
    const call = path ? nodeOf(path) : undefined;
    if (!path || !isNodeType(call, 'CallExpression')) return undefined;
    const reader = this.readerOf(path.get('callee') as AnyPath);
    const first = (call.arguments as ASTNode[])[0];
    return reader?.kind === 'task-input' && isNodeType(first, 'StringLiteral') ? first.value : undefined;
  }

  /**
   * `core.getInput` / `tl.getInput` through a namespace or default import, or `getInput` imported by
   * name, in ESM or in the CommonJS a compiler makes of it (see calledFunction).
   */
  private readerOf(callee: AnyPath): { kind: 'action-input' | 'task-input' | 'service-connection'; function: string } | undefined {
    const { scope } = this;
    const called = calledFunction(scope, callee);
    if (!called) return undefined;
    const functionName = called.name;
    const binding = scope.bindingOf(called.owner);
    const module = binding ? scope.moduleOf(binding) : undefined;
    if (module === undefined) return undefined;
    if (ENDPOINT_AUTH_READERS.module.test(module) && ENDPOINT_AUTH_READERS.functions.has(functionName)) return { kind: 'service-connection', function: functionName };
    const reader = INPUT_READERS.find((candidate) => candidate.module.test(module) && candidate.functions.has(functionName));
    return reader ? { kind: reader.kind, function: functionName } : undefined;
  }

  /** A binding that held the old token: named so, or initialised from a token env var or input. */
  private isTokenBinding(binding: AnyPath): boolean {
    const name = (binding.node as ASTNode & { name?: string }).name ?? '';
    const declarator = parentOf(binding)?.node as (ASTNode & { init?: ASTNode | null }) | undefined;
    const init = isNodeType(declarator, 'VariableDeclarator') ? declarator.init : undefined;
    // `const TOKEN_HEADER = 'x-token'` names the header, not the token.
    if (isNodeType(init, 'StringLiteral') && isXTokenHeader(init.value)) return false;
    if (TOKEN_VARIABLE_NAME.test(name)) return true;
    if (!init) return false;
    const text = this.scope.source.slice(rangeOf(init).start, rangeOf(init).end);
    // The `)` is compiled CommonJS: `(0, core_1.getInput)('keptn-api-token')`.
    return KEPTN_TOKEN_ENV_VARS.some((variable) => text.includes(variable)) || /getInput(?:Required)?\s*\)?\s*\(\s*['"][^'"]*(?:token|api[-_]?key)/iu.test(text);
  }

  /**
   * The expression whose value is the read's value: through `as`, `!`, either side of `??` / `||`
   * / `&&` (`process.argv[2] || process.env.KEPTN_API_TOKEN` holds the env var's value when the
   * argument is missing), and the `(_a = value) !== null && _a !== void 0 ? _a : ''` a compiler
   * writes for `??`.
   */
  private holderOf(path: AnyPath): AnyPath {
    let current = path;
    let parent = parentOf(current);
    for (;;) {
      const nullish = parent ? compiledNullishOf(this.scope, current, parent) : undefined;
      if (nullish) current = nullish;
      else if (parent && (TRANSPARENT_WRAPPERS.has(parent.node.type) || isNodeType(parent.node, 'LogicalExpression'))) current = parent;
      else break;
      parent = parentOf(current);
    }
    return current;
  }

  /** What becomes of a token read: removed, held in a binding (judged by its uses), or used in place. */
  private fateOfRead(path: AnyPath, fieldFates: ReadonlyMap<ASTNode, Fate>): Fate {
    const { scope } = this;
    if (scope.isRemoved(rangeOf(path.node))) return { fate: 'retire', why: 'the migration removes this read' };
    if (isNodeType(path.node, 'Identifier') && scope.bindingOf(path)?.node === path.node) return this.fateOfBinding(path);
    const current = this.holderOf(path);
    const parent = parentOf(current);
    if (parent && isNodeType(parent.node, 'VariableDeclarator') && current.name === 'init' && isNodeType(parent.node.id as ASTNode, 'Identifier')) {
      return this.fateOfBinding(parent.get('id') as AnyPath);
    }
    // `keptnApiToken = core.getInput(…)`: compilers for ES5 declare every `var` at the top of the function and assign it later.
    if (parent && isNodeType(parent.node, 'AssignmentExpression') && parent.node.operator === '=' && current.name === 'right' && isNodeType(parent.node.left as ASTNode, 'Identifier')) {
      const binding = scope.bindingOf(parent.get('left') as AnyPath);
      if (binding) return this.fateOfBinding(binding);
    }
    // `function headers(token = process.env.KEPTN_API_TOKEN)`: the default is the parameter's value.
    if (parent && isNodeType(parent.node, 'AssignmentPattern') && current.name === 'right' && isNodeType(parent.node.left as ASTNode, 'Identifier')) {
      const parameter = this.fateOfBinding(parent.get('left') as AnyPath);
      const name = (parent.node.left as ASTNode & { name: string }).name;
      return parameter.fate === 'retire' ? { fate: 'retire', why: `the default of parameter \`${name}\`, which nothing reads any more` } : parameter;
    }
    // `private keptnToken = process.env.KEPTN_API_TOKEN`: the field holds the token.
    const field = parent && current.name === 'value' ? fieldFates.get(parent.node) : undefined;
    if (field) return field;
    const use = this.useOf(path);
    if (use.kind === 'sends' && use.exportedIn !== undefined) return { fate: 'keep', why: `exported here in \`${use.exportedIn}\`: other modules may still read it; retire it if none does` };
    if (use.kind === 'sends') {
      const writtenAgainAt = scope.writtenAgainAt(rangeOf(path.node));
      return { fate: 'keep', why: writtenAgainAt === undefined ? 'still sent or passed on here' : stillSent(writtenAgainAt, scope.position(path.node).line) };
    }
    if (use.kind === 'passed') return { fate: 'retire', why: passedWhy(use) };
    return { fate: 'retire', why: 'read only to check that it is set' };
  }

  private fateOfBinding(binding: AnyPath): Fate {
    // `export const KEPTN_API_TOKEN = …`: its readers in other modules are not in this file.
    if (isExportedDeclaration(binding)) return { fate: 'keep', why: 'exported: other modules may still read it; retire it if none does' };
    if (this.visiting.has(binding.node)) return { fate: 'retire', why: NOTHING_READS };
    this.visiting.add(binding.node);
    try {
      // A plain assignment writes the binding and sends nothing; what it wrote is judged by the reads.
      const reads = this.scope.referencesOf(binding).filter((reference) => !this.scope.isRemoved(rangeOf(reference.node)) && !isAssignedTo(reference));
      return this.fateOfUses(reads);
    } finally {
      this.visiting.delete(binding.node);
    }
  }

  /**
   * Whether a use of the token may send it somewhere. Only uses that cannot are recognised: a
   * condition (`if (!token)`, `token ? … : …`, `a && token` as a test), a comparison, `.length`,
   * `typeof`, `core.setSecret(token)`, and an argument whose parameter in this file is retired
   * itself. Everything else counts as sending.
   */
  private useOf(reference: AnyPath): Use {
    const { scope } = this;
    let current = reference;
    let parent = parentOf(current);
    while (parent && (TRANSPARENT_WRAPPERS.has(parent.node.type) || isNodeType(parent.node, 'LogicalExpression') || (isNodeType(parent.node, 'UnaryExpression') && parent.node.operator === '!'))) {
      if (isNodeType(parent.node, 'UnaryExpression')) return { kind: 'checks' };
      current = parent;
      parent = parentOf(current);
    }
    if (!parent) return { kind: 'sends' };
    const node = parent.node;
    if (TESTS[node.type] === current.name) return { kind: 'checks' };
    if (isNodeType(node, 'UnaryExpression') && node.operator === 'typeof') return { kind: 'checks' };
    if (isNodeType(node, 'BinaryExpression') && COMPARISONS.has(node.operator)) return { kind: 'checks' };
    if (isNodeType(node, 'MemberExpression') && current.name === 'object' && scope.propertyName(node.property, node.computed ?? false) === 'length') return { kind: 'checks' };
    if (this.isMaskCommand(current)) return { kind: 'checks' };
    if (isNodeType(node, 'CallExpression') && current.name !== 'callee') {
      // `core.setSecret(token)`, and `(0, core_1.setSecret)(token)` compiled from a named import.
      const callee = indirectCallee(parent.get('callee') as AnyPath).node;
      const name = isNodeType(callee, 'MemberExpression') ? scope.propertyName(callee.property, callee.computed ?? false) : isNodeType(callee, 'Identifier') ? callee.name : undefined;
      if (name !== undefined && NON_SENDING_CALLS.has(name)) return { kind: 'checks' };
    }
    const landing = this.landingOf(current) ?? this.returnedBy(current);
    if (landing) {
      const fate = 'binding' in landing ? this.fateOfBinding(landing.binding) : this.fateOfMember(landing.member);
      const at = 'binding' in landing ? landing.binding.node : landing.member.key;
      if (fate.fate === 'retire') return { kind: 'passed', to: landing.label, line: scope.position(at).line };
    }
    const member = this.objectMemberOf(current);
    if (member?.fate.fate === 'retire') return { kind: 'passed', to: member.label, line: member.line, intoMember: true };
    const exportedIn = this.exportedObjectOf(current);
    if (exportedIn !== undefined) return { kind: 'sends', exportedIn };
    const imported = this.importedCallee(current);
    return imported === undefined ? { kind: 'sends' } : { kind: 'sends', toImported: imported };
  }

  /**
   * `const keptnConfig = { url: …, token: process.env.KEPTN_API_TOKEN }`, read as `keptnConfig.token`:
   * the token goes where the reads of that member go, and reads of the object's other members
   * (`keptnConfig.url`) carry none of it. Undefined when the object itself is handed anywhere (an
   * argument, a spread, a destructuring), is exported, or its binding is assigned again: then any
   * use may carry the token, and useOf says it is sent.
   */
  private objectMemberOf(value: AnyPath): { label: string; line: number; fate: Fate } | undefined {
    const { scope } = this;
    const property = parentOf(value);
    if (!property || !isNodeType(property.node, 'ObjectProperty') || value.name !== 'value') return undefined;
    const memberName = scope.propertyName(property.node.key, property.node.computed ?? false);
    let object = parentOf(property);
    if (memberName === undefined || !object || !isNodeType(object.node, 'ObjectExpression')) return undefined;
    let declarator = parentOf(object);
    // `= { … } as const`, `= { … } satisfies KeptnConfig`
    while (declarator && TRANSPARENT_WRAPPERS.has(declarator.node.type)) {
      object = declarator;
      declarator = parentOf(object);
    }
    if (!declarator || !isNodeType(declarator.node, 'VariableDeclarator') || object.name !== 'init' || !isNodeType(declarator.node.id as ASTNode, 'Identifier')) return undefined;
    const binding = declarator.get('id') as AnyPath;
    if (isExportedDeclaration(binding)) return undefined;
    const memberReads: AnyPath[] = [];
    for (const reference of scope.referencesOf(binding)) {
      if (reference.node === binding.node || scope.isRemoved(rangeOf(reference.node))) continue;
      const read = parentOf(reference);
      if (!read || !isNodeType(read.node, 'MemberExpression') || reference.name !== 'object') return undefined;
      const readName = scope.propertyName(read.node.property, read.node.computed ?? false);
      if (readName === undefined) return undefined;
      const written = parentOf(read);
      // `keptnConfig.url = …` changes another member; `keptnConfig.token = …` puts another value in this one.
      if (written && isNodeType(written.node, 'AssignmentExpression') && read.name === 'left') continue;
      if (readName === memberName) memberReads.push(read);
    }
    const label = `\`${(declarator.node.id as Identifier).name}.${memberName}\``;
    if (this.visiting.has(property.node)) return { label, line: scope.position(property.node).line, fate: { fate: 'retire', why: NOTHING_READS } };
    this.visiting.add(property.node);
    try {
      return { label, line: scope.position(property.node).line, fate: this.fateOfUses(memberReads) };
    } finally {
      this.visiting.delete(property.node);
    }
  }

  /**
   * `exports.config = { keptnApiToken: token }`, `module.exports = { token }`, `export default { … }`,
   * `export const config = { … }`: the object holding the token leaves the module, and what other
   * modules do with it is not seen here. The export's name, for a reason that says so rather
   * than that this file sends the token.
   */
  private exportedObjectOf(value: AnyPath): string | undefined {
    const { scope } = this;
    let current = value;
    let parent = parentOf(current);
    while (parent && isNodeType(parent.node, 'ObjectProperty') && current.name === 'value') {
      const object = parentOf(parent);
      if (!object || !isNodeType(object.node, 'ObjectExpression')) return undefined;
      current = object;
      parent = parentOf(current);
    }
    if (!parent) return undefined;
    const node = parent.node;
    if (isNodeType(node, 'ExportDefaultDeclaration')) return 'default';
    if (isNodeType(node, 'AssignmentExpression') && current.name === 'right') {
      const target = scope.source.slice(rangeOf(node.left).start, rangeOf(node.left).end).replace(/\s/gu, '');
      const name = COMMONJS_EXPORT.exec(target);
      return name ? (name[1] ?? name[2] ?? 'module.exports') : undefined;
    }
    if (isNodeType(node, 'VariableDeclarator') && current.name === 'init' && isNodeType(node.id as ASTNode, 'Identifier') && isExportedDeclaration(parent.get('id') as AnyPath)) return (node.id as Identifier).name;
    return undefined;
  }

  /**
   * `console.log(`::add-mask::${token}`)`, `process.stdout.write('::add-mask::' + token + '\n')`:
   * the workflow command `core.setSecret` writes, which the runner takes off the log.
   */
  private isMaskCommand(value: AnyPath): boolean {
    const { scope } = this;
    let command = parentOf(value);
    if (!command) return false;
    const node = command.node;
    if (isNodeType(node, 'TemplateLiteral')) {
      const [prefix, rest, ...more] = (node.quasis as (ASTNode & { value: { cooked?: string | null } })[]).map((quasi) => quasi.value.cooked);
      if (prefix !== MASK_COMMAND || more.length > 0 || (rest !== '' && rest !== '\n')) return false;
    } else if (isNodeType(node, 'BinaryExpression') && node.operator === '+' && value.name === 'right') {
      if (!isNodeType(node.left as ASTNode, 'StringLiteral') || (node.left as ASTNode & { value: string }).value !== MASK_COMMAND) return false;
      const above = parentOf(command);
      // `'::add-mask::' + token + '\n'`
      const after = above?.node;
      if (above && isNodeType(after, 'BinaryExpression') && after.operator === '+' && command.name === 'left' && isNodeType(after.right as ASTNode, 'StringLiteral') && (after.right as ASTNode & { value: string }).value === '\n') command = above;
    } else {
      return false;
    }
    let argument: AnyPath = command;
    while (parentOf(argument) && TRANSPARENT_WRAPPERS.has(parentOf(argument)?.node.type ?? '')) argument = parentOf(argument) as AnyPath;
    const call = parentOf(argument);
    if (!call || !isNodeType(call.node, 'CallExpression') || (call.node.arguments as ASTNode[])[0] !== argument.node) return false;
    const callee = call.node.callee as ASTNode;
    return STDOUT_WRITERS.has(scope.source.slice(rangeOf(callee).start, rangeOf(callee).end).replace(/\s/gu, ''));
  }

  /**
   * `KeptnClient from ./keptn-client` when the argument goes to `new KeptnClient(…)` / `send(…)`
   * imported from a relative module, also through a namespace and as compiled CommonJS
   * (`new keptn_client_1.KeptnClient(…)`, `(0, api_1.send)(…)`, `new client_1.default(…)`).
   */
  private importedCallee(argument: AnyPath): string | undefined {
    const call = parentOf(argument);
    if (!call || !(isNodeType(call.node, 'CallExpression') || isNodeType(call.node, 'NewExpression'))) return undefined;
    if ((argument.parentPath as ASTPath | null | undefined)?.name !== 'arguments') return undefined;
    const called = calledFunction(this.scope, call.get('callee') as AnyPath);
    if (!called) return undefined;
    const binding = this.scope.bindingOf(called.owner);
    const module = binding ? this.scope.moduleOf(binding) : undefined;
    // A package's parameters are not in the report; a module of this project's are.
    if (module === undefined || !/^\.{0,2}\//u.test(module)) return undefined;
    return called.name === 'default' ? `the default export of ${module}` : `${called.name} from ${module}`;
  }

  /**
   * The named function a value is returned from (`function getToken() { return token; }`, `const
   * getToken = () => token`): the token goes where its calls go, so it is judged by them.
   */
  private returnedBy(value: AnyPath): Landing | undefined {
    const parent = parentOf(value);
    let fn: AnyPath | null | undefined;
    if (parent && isNodeType(parent.node, 'ReturnStatement')) {
      fn = parentOf(parent);
      while (fn && !FUNCTION_TYPES.has(fn.node.type)) fn = parentOf(fn);
    } else if (parent && isNodeType(parent.node, 'ArrowFunctionExpression') && value.name === 'body') {
      fn = parent;
    }
    if (!fn) return undefined;
    const id = (fn.node as ASTNode & { id?: ASTNode | null }).id;
    if (isNodeType(fn.node, 'FunctionDeclaration') && id) return { binding: fn.get('id') as AnyPath, label: `${(id as ASTNode & { name: string }).name}()` };
    const declarator = parentOf(fn);
    const variable = declarator ? parentOf(declarator) : null;
    if (declarator && isNodeType(declarator.node, 'VariableDeclarator') && fn.name === 'init' && isNodeType(declarator.node.id as ASTNode, 'Identifier') && isNodeType(variable?.node, 'VariableDeclaration') && variable.node.kind === 'const') {
      return { binding: declarator.get('id') as AnyPath, label: `${(declarator.node.id as ASTNode & { name: string }).name}()` };
    }
    return undefined;
  }

  /**
   * The parameter an argument lands in when the callee is a function or class declared in this
   * file: `new KeptnClient(url, token)` → `constructor(private readonly url: string, private
   * readonly apiToken: string)`. Undefined for anything else (an import, a method, a spread before it).
   */
  private landingOf(argument: AnyPath): Landing | undefined {
    const { scope } = this;
    const call = parentOf(argument);
    if (!call || !(isNodeType(call.node, 'CallExpression') || isNodeType(call.node, 'NewExpression'))) return undefined;
    if ((argument.parentPath as ASTPath | null | undefined)?.name !== 'arguments' || typeof argument.name !== 'number') return undefined;
    const index = argument.name;
    const args = call.node.arguments as ASTNode[];
    if (args.slice(0, index + 1).some((arg) => isNodeType(arg, 'SpreadElement'))) return undefined;
    const calleePath = call.get('callee') as AnyPath;
    if (!isNodeType(calleePath.node, 'Identifier')) return undefined;
    const binding = scope.bindingOf(calleePath);
    const declaration = binding ? parentOf(binding) : null;
    if (!binding || !declaration || binding.name !== 'id') return undefined;
    let target: AnyPath = declaration;
    if (isNodeType(declaration.node, 'VariableDeclarator')) {
      // `const send = (token) => …`, `const Client = class { … }`, never reassigned.
      const variable = parentOf(declaration);
      if (!isNodeType(variable?.node, 'VariableDeclaration') || variable.node.kind !== 'const') return undefined;
      target = declaration.get('init') as AnyPath;
      while (TRANSPARENT_WRAPPERS.has(nodeOf(target)?.type ?? '')) target = target.get('expression') as AnyPath;
    }
    if (!nodeOf(target)) return undefined;
    let params: AnyPath;
    let owner: AnyPath | undefined;
    if (isNodeType(target.node, 'ClassDeclaration') || isNodeType(target.node, 'ClassExpression')) {
      if (!isNodeType(call.node, 'NewExpression')) return undefined;
      owner = target.get('body') as AnyPath;
      const members = (owner.node as ASTNode & { body: ASTNode[] }).body;
      const at = members.findIndex((member) => isNodeType(member, 'ClassMethod') && member.kind === 'constructor');
      if (at < 0) return undefined;
      params = (owner.get('body', at) as AnyPath).get('params') as AnyPath;
    } else if (FUNCTION_TYPES.has(target.node.type) && !isNodeType(call.node, 'NewExpression')) {
      params = target.get('params') as AnyPath;
    } else {
      return undefined;
    }
    const list = params.value as unknown as ASTNode[];
    const param = list[index];
    if (!param || list.slice(0, index + 1).some((item) => isNodeType(item, 'RestElement'))) return undefined;
    const paramPath = params.get(index) as AnyPath;
    if (isNodeType(param, 'TSParameterProperty')) {
      const member = owner ? this.membersOf(owner).find((candidate) => candidate.key === unwrapDefault(param.parameter as ASTNode)) : undefined;
      return member ? { member, label: `parameter ${member.name}` } : undefined;
    }
    const identifier = isNodeType(param, 'AssignmentPattern') ? (paramPath.get('left') as AnyPath) : paramPath;
    if (!isNodeType(identifier.node, 'Identifier')) return undefined;
    return { binding: identifier, label: `parameter ${identifier.node.name}` };
  }

  /**
   * Whether a read's value reaches an `x-token` header in this file, still there or removed by
   * the migration: through variables, class members, and parameters of functions declared here.
   */
  private reachesHeader(path: AnyPath, seen = new Set<ASTNode>()): boolean {
    const { scope } = this;
    if (seen.has(path.node)) return false;
    seen.add(path.node);
    if (scope.isRemoved(rangeOf(path.node))) return true;
    let current = this.holderOf(path);
    let parent = parentOf(current);
    // `'Bearer ' + token`, `` `${token}` ``, `cond ? token : ''`: still the token, for where it goes.
    while (parent && (isNodeType(parent.node, 'BinaryExpression') || isNodeType(parent.node, 'TemplateLiteral') || isNodeType(parent.node, 'LogicalExpression') || (isNodeType(parent.node, 'ConditionalExpression') && current.name !== 'test') || TRANSPARENT_WRAPPERS.has(parent.node.type))) {
      current = parent;
      parent = parentOf(current);
    }
    if (!parent) return false;
    const node = parent.node;
    const isHeaderName = (key: ASTNode | null | undefined, computed: boolean): boolean => {
      if (!key) return false;
      const name = isNodeType(key, 'StringLiteral') ? key.value : scope.propertyName(key, computed);
      return name !== undefined && isXTokenHeader(name);
    };
    if (isNodeType(node, 'ObjectProperty') && current.name === 'value') return isHeaderName(node.key, node.computed ?? false);
    if (isNodeType(node, 'AssignmentExpression') && current.name === 'right') {
      const left = node.left as ASTNode;
      if (isNodeType(left, 'MemberExpression') && isHeaderName(left.property, left.computed ?? false)) return true;
      if (isNodeType(left, 'Identifier')) {
        const binding = scope.bindingOf(parent.get('left') as AnyPath);
        return binding !== undefined && this.referencesReach(scope.referencesOf(binding), seen);
      }
      if (isNodeType(left, 'MemberExpression') && isNodeType(left.object as ASTNode, 'ThisExpression') && !left.computed) {
        const name = scope.propertyName(left.property, false);
        const body = enclosingClassBody(parent);
        const member = body && name !== undefined ? this.membersOf(body).find((candidate) => candidate.name === name) : undefined;
        return member !== undefined && this.referencesReach(this.readsOf(member), seen);
      }
      return false;
    }
    if (isNodeType(node, 'CallExpression') && current.name !== 'callee') {
      const callee = node.callee as ASTNode;
      const args = node.arguments as ASTNode[];
      if (isNodeType(callee, 'MemberExpression') && HEADER_WRITE_METHODS.includes(scope.propertyName(callee.property, callee.computed ?? false) ?? '') && args[1] === current.node && isNodeType(args[0], 'StringLiteral') && isXTokenHeader(args[0].value)) return true;
    }
    if (isNodeType(node, 'VariableDeclarator') && current.name === 'init' && isNodeType(node.id as ASTNode, 'Identifier')) {
      return this.referencesReach(scope.referencesOf(parent.get('id') as AnyPath), seen);
    }
    if (current.name === 'value' && (isNodeType(node, 'ClassProperty') || isNodeType(node, 'ClassPrivateProperty'))) {
      const body = parentOf(parent);
      const member = body ? this.membersOf(body).find((candidate) => candidate.declaration === node) : undefined;
      return member !== undefined && this.referencesReach(this.readsOf(member), seen);
    }
    const landing = this.landingOf(current);
    if (landing) return this.referencesReach('binding' in landing ? scope.referencesOf(landing.binding) : this.readsOf(landing.member), seen);
    return false;
  }

  private referencesReach(references: readonly AnyPath[], seen: Set<ASTNode>): boolean {
    return references.some((reference) => this.reachesHeader(reference, seen));
  }
}

const NOTHING_READS = 'nothing reads it any more';

function passedWhy(use: Extract<Use, { kind: 'passed' }>): string {
  return use.intoMember
    ? `only put in ${use.to} (line ${use.line}), which nothing sends any more: delete the member with it`
    : `only passed to ${use.to} (line ${use.line}), which is retired too`;
}

/** An env read: `process.env['INPUT_KEPTN-API-TOKEN']` is what `core.getInput('keptn-api-token')` reads, so it is that action input. */
function envVariable(name: string): { kind: 'env-var' | 'action-input'; name: string } {
  const input = ACTION_INPUT_ENV.exec(name)?.[1];
  return input === undefined ? { kind: 'env-var', name } : { kind: 'action-input', name: input.toLowerCase() };
}

/** A path's node, or undefined where the slot is empty (`const x;`'s init): ast-types types `node` as always there. */
function nodeOf(path: AnyPath): ASTNode | undefined {
  const value: unknown = path.value;
  return typeof value === 'object' && value !== null ? (value as ASTNode) : undefined;
}

/**
 * What a callee calls, seen through `(0, core_1.getInput)`: compilers write a call of an imported
 * function that way so that it runs without a `this`, and the value is the last expression.
 */
function indirectCallee(callee: AnyPath): AnyPath {
  let path = callee;
  for (;;) {
    const node = nodeOf(path);
    if (node && TRANSPARENT_WRAPPERS.has(node.type)) {
      path = path.get('expression') as AnyPath;
    } else if (isNodeType(node, 'SequenceExpression') && (node.expressions as ASTNode[]).slice(0, -1).every((expression) => isNodeType(expression, 'NumericLiteral'))) {
      path = path.get('expressions', (node.expressions as ASTNode[]).length - 1) as AnyPath;
    } else {
      return path;
    }
  }
}

/**
 * The name of the function a callee calls and the identifier whose binding says where it comes
 * from: `getInput` imported by name, `core.getInput`, and what compilers make of imports in
 * CommonJS: `(0, core_1.getInput)` for a named import, `core_1.default.getInput` for a default
 * import through `__importDefault` (the wrapper's `default` is the module).
 */
function calledFunction(scope: PlumbingScope, callee: AnyPath): { name: string; owner: AnyPath } | undefined {
  const path = indirectCallee(callee);
  const node = path.node;
  if (isNodeType(node, 'Identifier')) return { name: node.name, owner: path };
  if (!isNodeType(node, 'MemberExpression')) return undefined;
  const name = scope.propertyName(node.property, node.computed ?? false);
  let owner = path.get('object') as AnyPath;
  const object = owner.node;
  if (isNodeType(object, 'MemberExpression') && isNodeType(object.object as ASTNode, 'Identifier') && scope.propertyName(object.property, object.computed ?? false) === 'default') {
    owner = owner.get('object') as AnyPath;
  }
  return name !== undefined && isNodeType(owner.node, 'Identifier') ? { name, owner } : undefined;
}

function unwrapDefault(node: ASTNode): ASTNode {
  return isNodeType(node, 'AssignmentPattern') ? (node.left) : node;
}

function enclosingClassBody(path: AnyPath): AnyPath | undefined {
  let current = parentOf(path);
  while (current && !isNodeType(current.node, 'ClassBody')) current = parentOf(current);
  return current ?? undefined;
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

function isAssignedTo(reference: AnyPath): boolean {
  const parent = parentOf(reference)?.node;
  return isNodeType(parent, 'AssignmentExpression') && parent.operator === '=' && reference.name === 'left';
}

function isObjectLiteralBinding(binding: AnyPath): boolean {
  const declarator = parentOf(binding)?.node;
  if (!isNodeType(declarator, 'VariableDeclarator') || declarator.id !== binding.node) return false;
  let init = declarator.init as ASTNode | null | undefined;
  while (init && TRANSPARENT_WRAPPERS.has(init.type)) init = (init as ASTNode & { expression: ASTNode }).expression;
  return isNodeType(init, 'ObjectExpression');
}

function isParameter(binding: AnyPath): boolean {
  let slot: ASTPath | null = binding;
  // `function f({ token })`, `function f(token = '')`, `constructor(private token: string)`
  while (slot && ['ObjectProperty', 'AssignmentPattern', 'ObjectPattern', 'TSParameterProperty'].includes((parentOf(slot)?.node.type) ?? '')) slot = parentOf(slot);
  // ast-types types `parentPath` as any; it is the list the slot sits in.
  return (slot?.parentPath as ASTPath | null | undefined)?.name === 'params';
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

/** The value a compiled `??` conditional tests (`value` in `(_a = value) !== null && _a !== void 0 ? _a : ''`), if it is one. */
function compiledNullishValue(scope: PlumbingScope, conditional: AnyPath): AnyPath | undefined {
  let assignment = conditional.get('test', 'left', 'left') as AnyPath;
  while (TRANSPARENT_WRAPPERS.has(nodeOf(assignment)?.type ?? '')) assignment = assignment.get('expression') as AnyPath;
  if (!isNodeType(nodeOf(assignment), 'AssignmentExpression')) return undefined;
  const value = assignment.get('right') as AnyPath;
  // The shape is compiledNullishOf's, read from the other end.
  return compiledNullishOf(scope, value, assignment)?.node === conditional.node ? value : undefined;
}

/** `exports.x`, `module.exports.x` (the name), `module.exports` itself (no name). */
const COMMONJS_EXPORT = /^(?:module\.exports(?:\.([A-Za-z_$][\w$]*))?|exports\.([A-Za-z_$][\w$]*))$/u;

function isExportedDeclaration(binding: AnyPath): boolean {
  const declarator = parentOf(binding);
  const declaration = parentOf(declarator);
  return isNodeType(declarator?.node, 'VariableDeclarator') && isNodeType(parentOf(declaration)?.node, 'ExportNamedDeclaration');
}

/** Where a kept read still sends the token: its own line, or, for a split header's x-token, the requests it is written again at. */
function stillSent(writtenAgainAt: readonly number[] | undefined, line: number): string {
  if (writtenAgainAt === undefined) return `still sent or passed on (line ${line})`;
  const lines = [...new Set(writtenAgainAt)];
  return `still sent by the request${lines.length === 1 ? '' : 's'} on line${lines.length === 1 ? '' : 's'} ${lines.join(', ')}, where the split header's x-token is written again`;
}

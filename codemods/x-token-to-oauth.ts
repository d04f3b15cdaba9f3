/**
 * jscodeshift transform: moves Cloud Automation (Keptn API) requests from the deprecated
 * `x-token` header to the OAuth helper (`cloud-automation-oauth` or the user's own).
 *
 * How it works: a cheap text test; a parse with the parser the file's extension needs; a
 * search for every place an `x-token` header is written; for each, a small data-flow walk
 * to the requests or client instances that header reaches; then edits spliced into the
 * original text, so nothing the transform did not mean to change is reprinted. Sites it
 * cannot follow keep their code, get one `@cloud-automation-migrate` comment and a report
 * entry. See docs/codemods/x-token-to-oauth.md for the output shapes.
 */
import type {
  API,
  ASTNode,
  ASTPath,
  CallExpression,
  FileInfo,
  Identifier,
  MemberExpression,
  NewExpression,
  ObjectExpression,
  Options,
} from 'jscodeshift';
import {
  AXIOS_DEFAULT_HEADER_PATHS,
  confidenceAtLeast,
  SURE_TARGET_CONFIDENCE,
  CANDIDATE_SOURCE_PATTERN,
  HEADERS_CONSTRUCTORS,
  HEADERS_OPTIONS,
  headersOptionOf,
  helperClientMembers,
  helperExports,
  helperOptionalClientMembers,
  httpClients,
  isAuthorizationHeader,
  isTokenCheckRoute,
  isXTokenHeader,
  REACHABILITY_CHECK,
  REQUEST_HOOKS,
  TOKEN_CHECK,
  TOKEN_CHECK_TODO,
  type HttpClientKind,
  type ObjectCopy,
} from '../core/index.js';
import path from 'node:path';
import type { FileReport, HandOffRecord, TransformOptions } from './report.js';
import { builderFileFacts, builderHandOff, builderHeaders, handOffSources, localOptionsBuilder, valueHandOff, type HandedCall, type HandedUse, type HandOffDecision, type ValueHandOffDecision } from './builder-hand-off.js';
import type { SourceLocation } from './type-oracle.js';
import { applyEdits, indentationAt, lineStartOf, removeListItems, removeStatement, type Edit, type Range } from './source-edits.js';
import { describeHeldBack, unsplitBecause, withUnsureIncluded, type EscapingXToken, type UnrecognizedXToken, type XTokenFinding } from '../analysis/findings.js';
import type { Node as EstreeNode } from '../analysis/ast.js';
import { commonJsExportName, type ModuleExit } from '../analysis/module-exits.js';
import { sameInstance, type RequestSendingRefusal, type RequestSite, type TargetAssessment } from '../analysis/request-analysis.js';
import { callersElsewhereSite, fileFacts, RequestMigration, sureEnoughTarget, observableOutsideAsyncWhy, OBSERVABLE_TODO, scopeDeclaring, tokenCheckLeft, contains, isNodeType, parentOf, rangeOf, FUNCTION_TYPES, TRANSPARENT_WRAPPERS, type AnyPath, type CallInfo, type InstanceHooks, type TokenCheckPlan } from './request-migration.js';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { runMigrationTransform } from './transform-runner.js';
import { planDeferredCallbackCall, planDeferredSend, type DeferralContext } from './deferred-node-send.js';
import { whyNotMadeAsync } from './made-async.js';

export { SUPPORTED_EXTENSIONS, UnparsableFileError, parserForPath, type ParserName } from './transform-runner.js';

export const TRANSFORM_NAME = 'x-token-to-oauth';

/** The cheap test a runner does before reading a file into a parser: false means "unchanged, skip". */
export function needsParse(source: string, file?: string, options?: TransformOptions): boolean {
  return CANDIDATE_SOURCE_PATTERN.test(source) || (file !== undefined && options !== undefined && handOffSources(file, source, options).length > 0);
}

/** Why the helper's fetch cannot take over sending a `new Request(…)`, in the words of a marker. */
const REQUEST_SENDING_REFUSALS: Readonly<Record<RequestSendingRefusal, string>> = {
  'module-class': 'it is the `Request` class of a fetch module (node-fetch, undici), not the global one the helper\'s fetch authorizes',
  'not-one-fetch': 'it is not sent by one `fetch(…)` alone (handed to it at once, or through a `const` nothing else reads)',
  'fetch-with-init': 'its `fetch(…)` is given options too, which change the Request it sends',
};

/** ky answers with a promise that has `.json()` and the like on it; chaining it behind the token would lose them. */

/** A superagent request is sent when it is awaited or ended; waiting for the token first would move that, and what the function returns. */
const SUPERAGENT_OUTSIDE_ASYNC = 'a superagent request outside an async function cannot wait for the token without changing when it is sent';
/** The text an expression visibly starts with: `Basic ` in `` `Basic ${creds}` `` or `'Basic ' + a + b`. */
function leadingText(value: ASTNode): string | undefined {
  while (isNodeType(value, 'BinaryExpression') && value.operator === '+') value = value.left;
  if (isNodeType(value, 'StringLiteral')) return value.value;
  if (isNodeType(value, 'TemplateLiteral')) return value.quasis[0]?.value.cooked ?? undefined;
  return undefined;
}

/** A credential the request sends that the OAuth token cannot join (see `credentialInTheWay`), as a reason says it. */
interface CredentialInTheWay {
  readonly sends: string;
  /** Its scheme is not shown: it is in the way unless it is an OAuth bearer token already. */
  readonly maybeBearer?: true;
}

const SUPERAGENT_TODO = "make the function async and set `.set('Authorization', await client.authorizationHeader())`";

/** Why a header held by a public field of a class is left: `how` the header gets into the field's object. */
function publicFieldWhy(name: string, how: 'the header is written into' | 'the header is copied into' | 'holds the header'): string {
  return `\`this.${name}\`, which ${how}, is a public property: code outside the class may read it and send the header anywhere; the codemod follows a field's header only when the field is private (\`#${name.replace(/^#/u, '')}\` or \`private\`), or protected with every class that extends its class in this file`;
}

/** A got/ky `beforeRequest` hook written out in the options of the call that makes its instance. */
interface RequestHook {
  readonly fn: AnyPath;
  readonly array: ASTNode & { elements: (ASTNode | null)[] };
  readonly hooks: ObjectExpression;
  readonly hooksMember: AnyPath;
  readonly options: ObjectExpression;
  readonly call: ASTPath<CallExpression>;
  readonly site: RequestSite;
}

type Role = 'headers' | 'options';

/** The last variable the header object went through on its way into a request: where a per-request edit goes. */
interface Reference {
  readonly path: AnyPath;
  readonly role: Role;
}

type Use =
  | {
      readonly type: 'request';
      readonly call: ASTPath<CallExpression>;
      readonly info: CallInfo;
      readonly site: RequestSite;
      readonly reference: Reference | undefined;
    }
  | { readonly type: 'instance'; readonly call: ASTPath<CallExpression>; readonly info: CallInfo; readonly site: RequestSite }
  /** `new Request(url, init)`: the header travels inside the Request object to whatever sends it. */
  | { readonly type: 'request-object'; readonly construct: AnyPath; readonly info: CallInfo; readonly site: RequestSite; readonly reference: Reference | undefined }
  /**
   * `const http = new HttpClient(ua, [], { headers })`, `const api = rp.defaults({ headers })`: an
   * instance the helper has no hook into, whose every use here is a request that can take the
   * token itself: the header moves from the instance to each of those requests.
   */
  | { readonly type: 'instance-requests'; readonly info: CallInfo; readonly site: RequestSite; readonly requests: readonly InstanceRequest[] }
  | { readonly type: 'unknown'; readonly why: string };

/** A read of the header object whose only use is to be logged (analysis/logged-reads.ts). */
interface LoggedRead {
  /** What is logged, as reasons name it: `` `opts` ``, `` the getter `options` ``. */
  readonly subject: string;
  readonly line: number;
  /** The first line of the statement that logs it. */
  readonly shown: string;
}

/**
 * One request of a local instance, and where the token goes in it: its headers argument
 * (`http.getJson(url, headers)`) or the `headers` of its options (`api.get(url, options)`), each
 * written where it is, or added at `index` when the call has none.
 */
interface InstanceRequest {
  readonly call: ASTPath<CallExpression>;
  readonly slot: 'headers' | 'options';
  /** Where the slot is; an argument already there (a callback) stays after the options added. */
  readonly index: number;
  readonly object: ObjectExpression | undefined;
  /** The callback of a request package call outside async code, which waits for the token (see planDeferredCallbackCall). */
  readonly deferredWith?: ASTNode;
  /** The statement holding the `new Promise` whose executor makes the request: the token is awaited just before it. */
  readonly awaitedBefore?: AnyPath;
  /** Options in a variable the request takes a copy of, with the token (see spreadsOptionsVariable). */
  readonly copyOf?: ASTNode;
}

/** The requests of a split header that keep the x-token (see `XTokenFinding.keptFor`), and the `'x-token': value` entry they get back. */
interface KeptXToken {
  readonly finding: XTokenFinding;
  readonly requests: readonly Extract<Use, { type: 'request' }>[];
  readonly entry: string;
  /** The `const` that keeps what a module-level header read from `process.env` when the module loaded, for `entry` to read. */
  readonly readOnce?: Edit;
}

/** What locating a header object inside a request's options found: the variable nearest the call, and what was read on the way. */
interface Reach {
  readonly reference: Reference | undefined;
}

interface ReachState {
  /** Declarations of the variables the value passed through. */
  readonly holders: Map<ASTNode, AnyPath>;
  /** Initializers and assigned values read on the way: a use of a holder inside them is part of the path. */
  readonly through: Range[];
  /** Local functions and private methods whose returned object the value was: every call of them must be a request here. */
  readonly returners: Map<ASTNode, Returner>;
  /** The option of the site being followed that holds its headers (`headers`, RestClient's `additionalHeaders`). */
  headersOption: string;
  /** Uses of the holders and returners that are only logged, found by `escapingUse`. */
  readonly logged: LoggedRead[];
  /** Private fields the value was kept in (`this.#headers`), by their declaration: every read of them must be part of the path. */
  readonly fields: Map<ASTNode, PrivateField>;
  /** Why a value on the way was not followed (a private field written later, a copy that would mix credentials), for the site's reason. */
  unfollowed?: string;
}

/** A private field written only where the class is constructed: what it holds can be followed like a variable's. */
interface PrivateField {
  readonly name: string;
  /** Its initializer and the values the constructor assigns to it. */
  readonly values: readonly AnyPath[];
  /** Every `this.<name>` of the class that is not one of those assignments, nor the target of a copy in `copiedIn`. */
  readonly reads: readonly AnyPath[];
  /** What the constructor copies into the object it holds: `Object.assign(this.headers, { 'x-token': t })`. */
  readonly copiedIn: readonly { readonly value: AnyPath; readonly call: ASTPath<CallExpression>; readonly copy: ObjectCopy; readonly index: number }[];
  /** What other code of the class copies into it, after construction. */
  readonly copiedLater: readonly AnyPath[];
}

/** A function whose callers can all be seen: a local one by its binding, a private method by its uses on `this`. */
interface Returner {
  readonly name: string;
  /** A getter (`this.name` reads it): named as one in reasons. */
  readonly getter?: true;
  readonly function: AnyPath;
  readonly calls: () => AnyPath[];
  /**
   * Whether no caller outside this file can exist; for an export this asks the type oracle for a
   * project-wide search, so it is asked only once the function is known to return the header.
   */
  readonly callersAllHere: () => boolean;
}

/** How a function declared in a file leaves it: see `moduleExportsOf`. */
interface ModuleExports {
  readonly names: readonly AnyPath[];
  readonly exporting: ReadonlySet<ASTNode>;
  readonly readsBack: readonly AnyPath[];
}

const IN_VALUE_TODO = 'put `Authorization` there under the same test: `<test> ? await client.authorizationHeader() : undefined`';
const ESCAPING_TODO = 'send the requests that use it through the OAuth helper (its fetch, `attachToAxios`, `gotHooks`), then delete the header here';

const READ_NODE_TYPES = ['Identifier', 'MemberExpression', 'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion'];

const AXIOS_VERBS = new Set(['common', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

/** What an Observable request waiting for the token imports from rxjs, and where from (the first module when the file has neither). */
const RXJS_DEFERRAL: ReadonlyMap<string, readonly string[]> = new Map([
  ['defer', ['rxjs']],
  ['switchMap', ['rxjs/operators', 'rxjs']],
]);

/** Expressions that read a value and nothing else. */
const ONLY_READS: ReadonlySet<string> = new Set(['Identifier', 'ThisExpression', 'StringLiteral', 'NumericLiteral', 'BooleanLiteral', 'NullLiteral', 'BigIntLiteral', 'RegExpLiteral', 'ArrowFunctionExpression', 'FunctionExpression']);

/**
 * Global functions that only compute a value from their arguments, with nothing to show for a
 * call but its result: made again, a call gives what it gave before (`encodeURIComponent`'s
 * URIError for a lone surrogate then errors the Observable, as a failed request would).
 */
const PURE_GLOBAL_FUNCTIONS: ReadonlySet<string> = new Set(['encodeURIComponent', 'encodeURI', 'String', 'Number']);

/** Expressions that only read when their parts do (a member read, a template, an object literal, an operator). */
const READS_OF_PARTS: ReadonlySet<string> = new Set([
  'MemberExpression', 'OptionalMemberExpression', 'TemplateLiteral', 'TemplateElement', 'ObjectExpression', 'ObjectProperty', 'ObjectMethod', 'SpreadElement', 'ArrayExpression',
  'LogicalExpression', 'ConditionalExpression', 'BinaryExpression', 'UnaryExpression', 'SequenceExpression', 'ParenthesizedExpression',
  'TSAsExpression', 'TSSatisfiesExpression', 'TSNonNullExpression', 'TSTypeAssertion',
]);

export class XTokenMigration extends RequestMigration {
  private readonly handOffs: HandOffRecord[] = [];
  /**
   * The logged reads of the header `migrateProperty` is migrating: while there are any, the token
   * goes in at each request, never into the object the log reads, and nothing it is read from
   * becomes async (a log of it would show a Promise, or a method).
   */
  private loggedReads: readonly LoggedRead[] = [];
  /** A request waits for the token inside its Observable, with `defer` and `switchMap` from rxjs (see addImports). */
  private rxjsWanted = false;
  /** Why an exported builder (by its start offset) could not hand the token to its callers in this run. */
  private readonly handOffRefusals = new Map<number, string>();
  /** By statement, the `const` awaiting the token before it, and the block it is declared in (see awaitTokenBefore). */
  private readonly tokenAwaits = new Map<ASTNode, { readonly variable: string; readonly block: ASTNode | undefined }>();
  /**
   * Names this pass declares where `freeName` cannot see them (its scopes are those of the file as
   * read), with the block each is declared in: the `const`s of values kept at load (see keptAtLoad).
   * A name `freeName` returns is not recorded: some plans are computed twice and applied once.
   */
  private readonly namesDeclared: { readonly name: string; readonly block: { readonly start: number; readonly end: number } }[] = [];
  /** got/ky beforeRequest hooks that lost their x-token write, with the edits that joined the helper's hooks (see removeEmptied). */
  private readonly hooksLeft: (RequestHook & { readonly added: readonly Edit[]; readonly helperHooks: string })[] = [];
  /** Interceptors that lost their x-token write, with the helper attached after each (see removeEmptied). */
  private readonly interceptorsLeft: { useStatement: AnyPath; use: AnyPath; fn: AnyPath; attach: string; attachAfter: Edit }[] = [];

  plan(): void {
    for (const finding of this.facts().xToken) this.migrateFinding(this.options.includeUnsure === true ? withUnsureIncluded(finding) : finding);
    for (const unknown of this.facts().unrecognized) this.leaveUnrecognized(unknown);
    for (const escaping of this.facts().escaping) this.leaveEscaping(escaping);
    this.takeHandOffs();
    if (!this.continuesEarlierPass) this.collectRoutes();
  }

  report(): FileReport {
    const plumbing = this.tokenPlumbing();
    const envReads = plumbing.filter((entry) => entry.kind === 'env-var');
    const tokenEnvVars = [...new Set(envReads.map((read) => read.name))];
    const retiredEnvVars = tokenEnvVars.filter((name) => envReads.every((read) => read.name !== name || read.fate === 'retire'));
    return { ...this.fileReport(TRANSFORM_NAME, tokenEnvVars, retiredEnvVars), tokenPlumbing: plumbing, ...(this.handOffs.length > 0 ? { handOffs: this.handOffs } : {}) };
  }

  // ── the x-token sites: exactly what no-x-token-header reports ──────────────────────

  /**
   * One finding of the shared analysis, rewritten where its form allows: the header's key is
   * found in Babel's tree at the same offsets, and its place (an object property, a `Headers`
   * entry, an assignment, a setter call) says which rewrite applies. A target the analysis is
   * not sure of is listed for a person and left alone unless `--include-unsure` was given.
   */
  private migrateFinding(finding: XTokenFinding): void {
    const migratedBefore = this.migrated.length;
    this.migrateFindingForm(finding);
    const boundTo = finding.target.callersBase?.envVar;
    if (boundTo !== undefined) {
      // `boundToCallersBase` let it through only as a helper fetch bound to that base.
      const note = `, with the token only under \`process.env.${boundTo}\` (or on a Cloud Automation host): the base its calls to Keptn routes pass (${finding.target.callersBase?.unshown ?? ''})`;
      for (let index = migratedBefore; index < this.migrated.length; index++) {
        const entry = this.migrated[index];
        if (entry) this.migrated[index] = { ...entry, what: `${entry.what}${note}` };
      }
    }
    const kept = finding.keptFor ?? [];
    if (kept.length > 0) {
      // Split: the requests to other services still send the x-token, so the token is not retired.
      const keptLines = kept.map(({ request }) => request.node.loc.start.line);
      const keptNote = `; its request${keptLines.length === 1 ? '' : 's'} ${linesWithReasons(kept)} still get${keptLines.length === 1 ? 's' : ''} the x-token, written where ${keptLines.length === 1 ? 'it reads' : 'they read'} the headers`;
      for (let index = migratedBefore; index < this.migrated.length; index++) {
        const entry = this.migrated[index];
        if (entry) this.migrated[index] = { ...entry, what: `${entry.what}${keptNote}`, keptXToken: keptLines.length };
      }
    }
    const away = finding.instanceRequestsElsewhere ?? [];
    if (away.length === 0) return;
    // Attached to the instance, the helper authorizes its Cloud Automation base only: what the other requests lose is said.
    const one = away.length === 1;
    const note = `; its request${one ? '' : 's'} ${linesWithReasons(away)} no longer get${one ? 's' : ''} the x-token, and the helper sends ${one ? 'it' : 'them'} no token`;
    for (let index = migratedBefore; index < this.migrated.length; index++) {
      const entry = this.migrated[index];
      if (entry) this.migrated[index] = { ...entry, what: `${entry.what}${note}` };
    }
  }

  private migrateFindingForm(finding: XTokenFinding): void {
    const key = this.babelPath(finding.node);
    if (!key) return;
    if (this.heldBackShared(key, finding)) return;
    if (this.callersElsewhere(key, finding.target, finding.site.createsInstance)) return;
    // Whatever the evidence, `--include-unsure` or not: no evidence makes the caller's token the service's.
    if (finding.forwardedFrom !== undefined && finding.target.elsewhere === undefined) {
      this.leave(key, 'x-token header forwarding the caller\'s token', `the token is read ${finding.forwardedFrom} from the request this code answers: it is the caller's, and the OAuth helper's token is this service's own, which sent instead would give every caller this service's access`, 'once callers send OAuth tokens, forward their `Authorization` header instead of the x-token');
      return;
    }
    if (!this.sureEnough(finding.target)) {
      this.listUnsure(key, finding.target, false, finding.site.createsInstance);
      return;
    }
    if (!this.boundToCallersBase(key, finding)) return;
    const browser = finding.sites.map((site) => this.facts().analysis.browserContext(site.node)).find((context) => context !== undefined);
    if (browser !== undefined) {
      this.leave(key, 'x-token header in browser code', `${browser}, which runs in the browser, where the OAuth helper's client credentials cannot go: \`DT_CLIENT_SECRET\` is not there, and bundling it would publish it`, 'make the request from a backend of yours that holds the OAuth client, and have the browser call that backend');
      return;
    }
    const parent = parentOf(key);
    const parentNode = parent?.node;
    if (parent && isNodeType(parentNode, 'ObjectProperty') && key.name === 'key') {
      this.migrateProperty(parent, finding);
      return;
    }
    // `new Headers([['x-token', t]])`, `Object.fromEntries([['x-token', t]])`, fetch's `headers: [['x-token', t]]`
    const entry = parent;
    const array = parentOf(entry);
    const holder = parentOf(array);
    if (entry && array && holder && isNodeType(entry.node, 'ArrayExpression') && key.name === 0 && isNodeType(array.node, 'ArrayExpression')) {
      const index = array.node.elements.indexOf(entry.node);
      if (isNodeType(holder.node, 'NewExpression') && array.name === 0) {
        this.migrateHeadersEntry(holder, array, index, finding, 'new Headers([...])');
        return;
      }
      if (isNodeType(holder.node, 'CallExpression') && array.name === 0) {
        // `Object.fromEntries(…)`, or a copy the analysis reads through (`structuredClone(…)`).
        this.migrateHeadersEntry(holder, array, index, finding, `${this.text(holder.node.callee)}([...])`);
        return;
      }
      if (isNodeType(holder.node, 'ObjectProperty') && array.name === 'value') {
        this.migrateHeadersEntry(array, array, index, finding, 'a headers array');
        return;
      }
    }
    const grand = parentOf(parent);
    // `target['x-token'] = t`
    if (parent && grand && isNodeType(parentNode, 'MemberExpression') && key.name === 'property' && isNodeType(grand.node, 'AssignmentExpression') && parent.name === 'left' && grand.node.operator === '=') {
      this.migrateHeaderWrite(grand, parent.get('object') as AnyPath, 'assignment', finding);
      return;
    }
    // `target.set('x-token', t)`, `target.append(…)`, `req.setHeader(…)`
    if (parent && isNodeType(parentNode, 'CallExpression') && key.name === 0) {
      const callee = parentNode.callee as ASTNode;
      const method = isNodeType(callee, 'MemberExpression') ? this.propertyName(callee.property, callee.computed ?? false) : undefined;
      if (method === 'setHeader') {
        this.migrateSetHeader(parent, finding);
        return;
      }
      if (isNodeType(callee, 'MemberExpression') && (method === 'set' || method === 'append')) {
        this.migrateHeaderWrite(parent, parent.get('callee', 'object') as AnyPath, 'method', finding);
        return;
      }
    }
    this.leave(key, 'x-token header', 'the header is written in a form the codemod does not rewrite', 'send the request through the OAuth helper (see docs/codemods/x-token-to-oauth.md)');
  }

  /**
   * `req.setHeader('x-token', t)` on the request `const req = https.request(…)` made in the same
   * block. node sends the headers when the request is first written to or ended, so the write goes
   * and the request's `write`/`end` wait for the token, which is set as `Authorization` just before
   * (see deferred-node-send.ts); in an async function too, where awaiting between making the
   * request and attaching its listeners would leave an early `'error'` unheard. A token check is
   * left (it needs deleting, not a new header), and so is any shape the deferral cannot follow.
   */
  private migrateSetHeader(call: AnyPath, finding: XTokenFinding): void {
    const what = 'x-token header set with setHeader on a node http request';
    const todo = 'set `Authorization` with `req.setHeader` to the OAuth helper\'s `client.authorizationHeader()` (awaited, or in its `.then` where the function is not async) before the request is ended';
    const tokenCheck = finding.sites.every((site) => {
      const routes = this.recordSiteRoute(site)?.routes ?? [];
      return routes.length > 0 && routes.every(isTokenCheckRoute);
    });
    if (tokenCheck) {
      const form = 'the header is set with `setHeader(…)` on the request object, a form the codemod does not turn into a metadata read';
      this.leave(call, `x-token sent to ${TOKEN_CHECK}`, tokenCheckLeft(form).why, TOKEN_CHECK_TODO);
      return;
    }
    const statement = parentOf(call);
    const callee = (call.node as CallExpression).callee as ASTNode;
    const holder = isNodeType(callee, 'MemberExpression') ? (call.get('callee', 'object') as AnyPath) : undefined;
    const [site, ...others] = finding.sites;
    const request = site && others.length === 0 && site.client.kind === 'node-http' ? this.babelPath(site.node) : undefined;
    const binding = holder ? this.bindingOf(holder) : undefined;
    const declarator = binding?.name === 'id' ? parentOf(binding) : undefined;
    const declaration = declarator ? parentOf(declarator) : undefined;
    if (!request || !isNodeType(request.node, 'CallExpression') || !declarator || !isNodeType(declarator.node, 'VariableDeclarator') || declarator.node.init !== request.node) {
      this.leave(call, what, 'the header is set with `setHeader(…)` on a request object the codemod cannot tie to the one `https.request(…)` kept in a variable that makes it', todo);
      return;
    }
    const value = ((call.node as CallExpression).arguments as ASTNode[])[1];
    const inValue = this.testInValue(finding, value, ['node-http']);
    if (inValue && 'why' in inValue) {
      this.leave(call, what, inValue.why, IN_VALUE_TODO);
      return;
    }
    const condition = statement && isNodeType(statement.node, 'ExpressionStatement') ? this.conditionOf(finding) : undefined;
    if (condition?.on === 'other' || condition?.on === 'mixed') {
      this.leave(call, what, `the header is set only when \`${condition.test}\`, which asks ${condition.on === 'other' ? 'something other than whether a token is set' : 'whether the token is set and something else too'}, and the writes that wait for the token would not ask it again`, todo);
      return;
    }
    // `if (token) req.setHeader('x-token', token);` goes as a whole: the optional client sets nothing while OAuth is not configured.
    const guard = condition?.on === 'token' && statement ? this.soleGuard(statement) : undefined;
    const removable = guard ?? statement;
    if (!removable || !statement || !isNodeType(statement.node, 'ExpressionStatement') || (condition && !guard) || parentOf(removable)?.node !== (declaration ? parentOf(declaration)?.node : undefined)) {
      this.leave(call, what, 'the header is set with `setHeader(…)` inside an expression or a block of its own, not as a statement in the block that makes the request', todo);
      return;
    }
    if (finding.alsoAuthorized) {
      this.leave(call, 'x-token header next to another credential', 'the request also sends an `Authorization` of its own; the helper never overwrites a caller\'s Authorization, so without the x-token Cloud Automation would get no credential it accepts', 'decide which credential Cloud Automation gets: for OAuth, move the other one off this request (a proxy takes `Proxy-Authorization`) and run the codemod again');
      return;
    }
    const client = guard ? this.conditionalClient(call, `${what} only when a token is set`) : undefined;
    if (guard && client === undefined) return;
    const promise = client === undefined ? `${this.clientText}.${helperClientMembers.authorizationHeader}()` : `${client}.${helperOptionalClientMembers.authorizationHeaders}()`;
    const plan = planDeferredSend(this.deferralContext(), request as ASTPath<CallExpression>, promise, client !== undefined);
    if ('why' in plan) {
      this.leave(call, what, `the request cannot wait for the OAuth token (which must be awaited) before it is sent: ${plan.why}`, todo);
      return;
    }
    if (client === undefined) this.needsHelper = true;
    else this.useOptionalClient();
    this.retired.push(removable);
    this.edits.push(removeStatement(this.source, rangeOf(removable.node)), ...plan.edits);
    this.markMigrated(call.node, 'node-http', `${what} → Authorization from the OAuth helper, set on the request before it is written, which waits for the token${client === undefined ? '' : ' (only when OAuth is configured)'}`);
  }

  /**
   * A header several requests read (a builder, a getter, a shared object), one of which must not
   * get the OAuth token: one the code shows goes to another service, or one below the run's
   * threshold while another is above it. Every request that reads the header would get the
   * token, so none is rewritten: the x-token stays for all of them, marked. A header whose every
   * request is unsure is listed as any unsure site is.
   */
  private heldBackShared(key: AnyPath, finding: XTokenFinding): boolean {
    const { heldBack } = finding;
    if (!heldBack || !this.sureEnough(heldBack.surest) || this.sureEnough(heldBack.target)) return false;
    const why = `${describeHeldBack(heldBack)}; the header goes with every request that reads it, so migrated, that request would lose its x-token or get the OAuth token; none of them is rewritten`;
    const split = 'give the Cloud Automation requests headers of their own with `Authorization: await client.authorizationHeader()` from the OAuth helper (or send them with its fetch), and keep the x-token only where the other request needs it';
    const todo = heldBack.target.elsewhere === undefined
      ? `if that request goes to Cloud Automation too, migrate this file with --include-unsure; else ${split}`
      : split;
    this.leave(key, 'x-token header shared with another request', why, todo);
    return true;
  }

  /**
   * A wrapper whose calls go to Cloud Automation as far as the code shows, but one of which passes
   * another service's host: rewritten, the wrapper would send that service the OAuth token, so it
   * stays as it is, marked, with or without `--include-unsure`. One whose other calls are unsure
   * too is listed as any unsure site is (`notSureSite` says why it is never rewritten).
   */
  private callersElsewhere(key: AnyPath, target: TargetAssessment, instance: boolean): boolean {
    if (target.callersElsewhere === undefined || !confidenceAtLeast(target.confidence, SURE_TARGET_CONFIDENCE)) return false;
    const { why, todo } = callersElsewhereSite(target, instance ? 'this instance' : 'this request', instance);
    this.leave(key, instance ? 'x-token header in an instance made with the base URLs its callers pass' : 'x-token header in a wrapper that also serves another service', why, todo);
    return true;
  }

  /**
   * A wrapper some of whose calls show a Keptn route while another shows none (or calls are out
   * of sight), rewritten (`--include-unsure`): the helper's fetch would authorize whatever URL each
   * call passes, so it is bound to the base the Keptn calls share (`target.callersBase`). Where
   * there is no such base, or the request is not a fetch whose call can take the audience, the
   * site is left, marked. False when it was left.
   */
  private boundToCallersBase(key: AnyPath, finding: XTokenFinding): boolean {
    const base = finding.target.callersBase;
    if (base === undefined) return true;
    const calls = finding.sites.map((site) => ({ site, call: this.babelPath(site.node, 'CallExpression') }));
    const fetchCalls = calls.every(({ site, call }) => site.client.kind === 'fetch' && call !== undefined && isNodeType(call.node, 'CallExpression') && call.node.arguments.length <= 2 && call.node.arguments.every((argument) => !isNodeType(argument, 'SpreadElement')));
    const cannot =
      base.envVar === undefined
        ? 'its calls that show a Keptn route do not all start their URL with one environment variable the token could be bound to'
        : fetchCalls
          ? undefined
          : 'the codemod binds the token to an API base only for a fetch call it can give the audience to';
    if (cannot === undefined) {
      for (const { call } of calls) if (call) this.fetchAudiences.set(call.node, `process.env.${base.envVar ?? ''}`);
      return true;
    }
    this.leave(
      key,
      'x-token header in a wrapper whose callers may pass another service',
      `this request is made with the URL its callers pass, and ${base.unshown}: rewritten, it would send the OAuth token to every URL its calls pass, and ${cannot}`,
      'give the Cloud Automation calls a request of their own through the OAuth helper, or bind the helper to their API base (`client.fetch(url, init, { audience: <API base> })`)',
    );
    return false;
  }

  /**
   * A site the analysis is not sure goes to Cloud Automation: listed, never touched without
   * `--include-unsure`; one it knows goes elsewhere: listed, never touched at all.
   */
  private listUnsure(key: AnyPath, target: TargetAssessment, escaping = false, instance = false): void {
    const { line, column } = this.position(key.node);
    // An escaping header is left even when its target is sure: no rerun would rewrite it.
    const site = escaping && target.elsewhere === undefined
      ? {
          why: `nothing shows that the requests in other modules that send this header go to Cloud Automation (${target.confidence} target)`,
          todo: `if they do, ${ESCAPING_TODO}`,
        }
      : this.notSureSite(target, 'this request', 'migrate it by hand if it does', instance);
    this.manual.push({ line, column, what: 'x-token header', ...site });
  }

  /**
   * An x-token handed to a call no client spec describes (`this.fetchApi.fetch(url, { headers })`):
   * the codemod cannot see where the call sends its headers nor what it adds to them (an
   * `Authorization` of its own, a framework's token), so it never rewrites it, whatever the run
   * includes. Marked where the evidence says Cloud Automation (or with `--include-unsure`, which
   * asks for the unsure sites to be acted on), listed otherwise; the analysis' confidence is stated.
   */
  private leaveUnrecognized(unknown: UnrecognizedXToken): void {
    const key = this.babelPath(unknown.node);
    if (!key) return;
    const { target } = unknown;
    const what = `x-token header handed to ${unknown.callee}`;
    const { line, column } = this.position(key.node);
    if (target.elsewhere !== undefined) {
      this.manual.push({ line, column, what, ...this.notSureSite(target, 'this call', 'leave it'), confidence: target.confidence });
      return;
    }
    const browser = this.facts().analysis.browserContext(unknown.call);
    const why = `${unknown.callee} is no HTTP client the codemod knows: it cannot see where the call sends its headers, nor whether it adds an \`Authorization\` of its own, so it does not rewrite it (${target.confidence} target)${browser === undefined ? '' : `; and ${browser}, which runs in the browser, where the OAuth helper's client credentials cannot go`}`;
    const todo = browser === undefined
      ? 'if the call sends them to Cloud Automation, replace the x-token with `Authorization: await client.authorizationHeader()` from the OAuth helper'
      : 'if the call sends them to Cloud Automation, make the request from a backend of yours that holds the OAuth client, and have the browser call that backend';
    if (!this.sureEnough(target)) {
      this.manual.push({ line, column, what, why, todo, confidence: target.confidence });
      return;
    }
    const index = this.manual.length;
    this.leave(key, what, why, todo);
    const entry = this.manual[index];
    if (entry) this.manual[index] = { ...entry, confidence: target.confidence };
  }

  /**
   * A header builder's `x-token` (an exported function returns it, or an exported binding holds
   * it): the requests that send it are in other modules, and each module is rewritten on its own,
   * so dropping it here would leave them without a credential. It stays, marked.
   */
  private leaveEscaping(escaping: EscapingXToken): void {
    const key = this.babelPath(escaping.node);
    if (!key) return;
    const target = this.options.library === true ? this.packageTarget(escaping) : escaping.target;
    if (escaping.heldBack) {
      // A request in another module goes elsewhere with it: whatever the run includes, the header stays.
      this.leave(
        key,
        'x-token header shared with another request',
        `the header object leaves this module and requests in other modules send it, one to Cloud Automation${escaping.heldBack.surestWhere === undefined ? '' : ` (${escaping.heldBack.surestWhere})`}, but ${describeHeldBack(escaping.heldBack)}; the header goes with every request that reads it, so migrated, that request would get the OAuth token; it is not rewritten`,
        'give the Cloud Automation requests headers of their own with `Authorization: await client.authorizationHeader()` from the OAuth helper (or send them with its fetch), and keep the x-token only where the other request needs it',
      );
      return;
    }
    if (!this.sureEnough(target)) {
      this.listUnsure(key, target, true);
      return;
    }
    const handOff = escaping.exit.kind === 'exported' ? valueHandOff(escaping, this.facts(), this.options) : builderHandOff(escaping, this.facts(), this.options);
    const property = parentOf(key);
    if (handOff && !('why' in handOff) && property) {
      if ('fn' in handOff ? this.handOverBuilder(property, escaping.exit, handOff) : this.handOverValue(property, escaping.exit, handOff)) return;
    }
    const { exit } = escaping;
    if (exit.kind === 'registered') {
      const wrapper = exit.wrapper?.label ?? 'client';
      this.leave(
        key,
        'x-token header in a framework registration',
        `the header is in the options of \`${exit.name ?? ''}(…)\`, which configure the instance of every ${wrapper} the framework hands out, in modules this one does not name; the codemod cannot attach the OAuth helper there`,
        `drop the x-token from those options and attach the helper to that instance once, e.g. \`${this.clientText}.${helperClientMembers.attachToAxios}(this.httpService.${exit.wrapper?.instanceProperty ?? 'axiosRef'})\` in the module's \`onModuleInit()\` with the ${wrapper} injected`,
      );
      return;
    }
    const named = exit.name === undefined || exit.name === 'default' ? 'the default export' : exit.kind === 'returned' ? `\`${exit.name}()\`` : `\`${exit.name}\``;
    const how = exit.kind === 'returned' ? `the header object is returned by ${named}, which is exported` : `the header object is exported as ${named}`;
    this.leave(
      key,
      'x-token header',
      `${how}, and no request in this file sends it${handOff && 'why' in handOff ? `; it cannot return the OAuth token to its callers instead: ${handOff.why}` : this.escapingUsesWhy(exit.node)}`,
      ESCAPING_TODO,
    );
  }

  /**
   * A builder whose every caller is in this run (./builder-hand-off.ts): it becomes async and
   * returns the OAuth `Authorization` where the x-token was; each caller's own transform awaits
   * its calls. Before any spread, the header goes first, so what the spread brings still wins,
   * as it did over nothing before.
   */
  private handOverBuilder(property: AnyPath, exit: ModuleExit, handOff: Extract<HandOffDecision, { calls: unknown }>): boolean {
    const container = parentOf(property);
    const fn = this.babelPath(handOff.fn);
    if (!container || !isNodeType(container.node, 'ObjectExpression') || !fn || !FUNCTION_TYPES.has(fn.node.type)) return false;
    const statement = this.statementOf(property);
    if (statement && this.hasMarker(statement.node)) return false;
    const members = container.node.properties as ASTNode[];
    const spreadBefore = members.slice(0, members.indexOf(property.node)).some((member) => isNodeType(member, 'SpreadElement'));
    // `Object.assign(Object.assign({}, extra), { 'x-token': t })` merges what comes before as a spread does.
    const assign = parentOf(container)?.node;
    const mergedAfter = isNodeType(assign, 'CallExpression') && this.copiesLikeAssign(assign.callee) && (assign.arguments as ASTNode[]).indexOf(container.node) > 0;
    this.placeAuthorization(property, container, `Authorization: ${this.authorizationValue(true)}`, spreadBefore || mergedAfter);
    this.helperUsed(undefined);
    if (!handOff.wasAsync) {
      this.makeAsync(fn);
      for (const call of handOff.ownCalls) this.awaitCall(call);
    }
    const name = exit.name ?? '';
    const callers = [...handOff.ownCalls.map((call) => `line ${call.line}`), ...handOff.calls.map((call) => `${path.relative(path.dirname(this.file.path), call.file)}:${call.line}`)];
    const shown = `${callers.slice(0, 3).join(', ')}${callers.length > 3 ? ', …' : ''}`;
    this.markMigrated(
      property.node,
      handOff.clients.join(', ') || 'headers',
      handOff.wasAsync
        ? `x-token header → Authorization from the OAuth helper in what \`${name}()\` returns (its callers await it: ${shown})`
        : `x-token header → Authorization from the OAuth helper; \`${name}()\` is async now, and its ${callers.length === 1 ? 'call awaits' : `${callers.length} calls await`} it (${shown})`,
    );
    this.handOffs.push({ role: 'builder', builder: path.resolve(this.file.path), name, exported: 'function', calls: handOff.calls.map(({ file, line }) => ({ file: path.resolve(file), line })) });
    return true;
  }

  /**
   * An exported header object whose every reader is a request in this run (./builder-hand-off.ts):
   * the x-token leaves the object, and each reader's own transform adds the OAuth `Authorization`
   * right after it in that request. The value goes exactly where the x-token went, no further.
   */
  private handOverValue(property: AnyPath, exit: ModuleExit, handOff: Extract<ValueHandOffDecision, { uses: unknown }>): boolean {
    const container = parentOf(property);
    if (!container || !isNodeType(container.node, 'ObjectExpression')) return false;
    const statement = this.statementOf(property);
    if (statement && this.hasMarker(statement.node)) return false;
    this.removeHeader(property, container);
    const name = exit.name ?? '';
    const where = (uses: readonly HandedUse[]): string => {
      const readers = uses.map((use) => `${path.relative(path.dirname(this.file.path), use.file)}:${use.line}`);
      return `${readers.slice(0, 3).join(', ')}${readers.length > 3 ? ', …' : ''}`;
    };
    const requests = handOff.uses.filter((use) => !use.instance);
    const instances = handOff.uses.filter((use) => use.instance);
    const taken = [
      ...(requests.length === 0 ? [] : [`the ${requests.length === 1 ? 'request that sends it takes' : `${requests.length} requests that send it take`} Authorization from the OAuth helper (${where(requests)})`]),
      ...(instances.length === 0 ? [] : [`the ${instances.length === 1 ? 'axios instance made with it has' : `${instances.length} axios instances made with it have`} the OAuth helper attached (${where(instances)})`]),
    ];
    this.markMigrated(property.node, handOff.clients.join(', ') || 'headers', `x-token header removed from \`${name}\`; ${taken.join('; ')}`);
    this.handOffs.push({ role: 'builder', builder: path.resolve(this.file.path), name, exported: 'object', calls: handOff.uses.map(({ file, line }) => ({ file: path.resolve(file), line })) });
    return true;
  }

  /**
   * `headers: defaultKeptnHeaders` → `headers: { ...defaultKeptnHeaders, Authorization: … }`; in a
   * spread, the token right after it; in the options of `axios.create(…)`, the helper attached to
   * the instance it makes.
   */
  private addTokenAtRead(use: HandedUse): boolean {
    if (use.instance) return this.attachToHandedInstance(use.instance);
    // The read as the analysis saw it: a name, a member, or either in a type wrapper (`keptnHeaders as Record<string, string>`).
    const found = READ_NODE_TYPES.flatMap((type) => this.nodesOfType<ASTNode>(type)).find((candidate) => {
      const range = rangeOf(candidate.node);
      return range.start === use.start && range.end === use.end;
    });
    const holder = found ? parentOf(found) : undefined;
    if (!found || !holder) return false;
    const entry = `Authorization: ${this.authorizationValue(true)}`;
    if (use.form === 'spread' && isNodeType(holder.node, 'SpreadElement')) {
      const { end } = rangeOf(holder.node);
      this.edits.push({ start: end, end, text: `, ${entry}` });
    } else if (use.form === 'headers-option' && isNodeType(holder.node, 'ObjectProperty')) {
      this.edits.push({ ...rangeOf(holder.node), text: `headers: { ...${this.text(found.node)}, ${entry} }` });
    } else return false;
    this.helperUsed(undefined);
    return true;
  }

  /** `client.attachToAxios(axios.create({ baseURL, headers: keptnHeaders }))`: the helper authorizes under the instance's own base. */
  private attachToHandedInstance(at: NonNullable<HandedUse['instance']>): boolean {
    const create = this.nodesOfType<CallExpression>('CallExpression').find((candidate) => {
      const range = rangeOf(candidate.node);
      return range.start === at.start && range.end === at.end;
    });
    if (!create) return false;
    if (this.wrappedCalls.has(create.node) || this.isAttachedToHelper(create)) return true;
    this.wrappedCalls.add(create.node);
    this.edits.push({ start: at.start, end: at.start, text: `${this.clientText}.${helperClientMembers.attachToAxios}(` }, { start: at.end, end: at.end, text: ')' });
    this.helperUsed(undefined);
    return true;
  }

  /** `client.attachToAxios(axios.create(…))` already: the instance is the helper's. */
  private isAttachedToHelper(create: ASTPath<CallExpression>): boolean {
    const outer = parentOf(create)?.node;
    return isNodeType(outer, 'CallExpression') && (outer.arguments as ASTNode[])[0] === create.node && isNodeType(outer.callee, 'MemberExpression') && this.propertyName(outer.callee.property, outer.callee.computed ?? false) === helperClientMembers.attachToAxios;
  }

  /**
   * An exported function returns the header and a request here sends it too: with every other
   * caller in the run, the builder hands the token over as an escaping one does (its calls here
   * are awaited as well). A refusal is kept for the marker the same-file path may write.
   */
  private handOverReturnedHeader(property: AnyPath, finding: XTokenFinding): boolean {
    if (this.options.runFiles === undefined) return false;
    const exit = this.facts().analysis.headerExit(finding.node);
    if (exit?.kind !== 'returned') return false;
    const handOff = builderHandOff({ node: finding.node, exit }, this.facts(), this.options);
    if (handOff === undefined) return false;
    if ('why' in handOff) {
      this.handOffRefusals.set(exit.node.range[0], handOff.why);
      return false;
    }
    return this.handOverBuilder(property, exit, handOff);
  }

  /**
   * Options built by a function of this file, called where they go: the function returns the OAuth
   * header where the x-token was and becomes async, and each call awaits it (./builder-hand-off.ts,
   * `localOptionsBuilder`). The header goes first in its literal when something is spread there,
   * so an `Authorization` the caller passes in still wins, as it did next to the x-token.
   */
  private awaitOptionsBuilder(property: AnyPath, target: AnyPath, container: AnyPath, call: CallExpression | MemberExpression, kind: HttpClientKind, optional: string | undefined): boolean {
    // The x-token entry itself: `target` is the conditional spread around it when there is one.
    const refuse = (why: string): false => {
      this.leave(property, 'x-token header in options a function builds', `the options come from \`${quotedCode(this.text(call))}\`, whose result would be needed twice to add the token at the request, and ${why}`, 'send `Authorization: await client.authorizationHeader()` from the OAuth helper where the options are built, and await them');
      return false;
    };
    const written = this.estreeNode(property.node, 'Property');
    const decision = written?.type === AST_NODE_TYPES.Property ? localOptionsBuilder(written.key, this.facts()) : { why: 'the codemod cannot find the header in its analysis' };
    if ('why' in decision) return refuse(decision.why);
    // A method is one node in Babel's tree (ClassMethod), its key and function together.
    const fn = this.babelPath(decision.fn.parent?.type === AST_NODE_TYPES.MethodDefinition ? decision.fn.parent : decision.fn);
    if (!fn || !FUNCTION_TYPES.has(fn.node.type)) return refuse('the codemod cannot find the function that builds them');
    const members = (container.node as ObjectExpression).properties as ASTNode[];
    const spreadBefore = members.slice(0, members.indexOf(target.node)).some((member) => isNodeType(member, 'SpreadElement'));
    this.placeAuthorization(target, container, this.authorizationEntry(true, optional), spreadBefore);
    this.helperUsed(optional);
    this.makeAsync(fn);
    for (const own of decision.calls) this.awaitCall(own, 'options');
    const getter = isNodeType(call, 'MemberExpression');
    const name = this.text(getter ? call : call.callee);
    const lines = decision.calls.map((own) => `line ${own.line}`).join(', ');
    const uses = decision.calls.length === 1 ? `${getter ? 'read' : 'call'} awaits` : `${decision.calls.length} ${getter ? 'reads' : 'calls'} await`;
    const became = getter ? `the getter \`${name}\` is the async method \`${name}()\` now, and its ${uses} it` : `\`${name}()\` is async now, and its ${uses} it`;
    this.markMigrated(property.node, kind, `x-token header → Authorization from the OAuth helper${optional === undefined ? '' : ' (only when OAuth is configured)'}; ${became} (${lines})`);
    return true;
  }

  /**
   * `async` in front of the function, and its declared return type (TypeScript or JSDoc) wrapped in
   * `Promise<…>`; a getter becomes an async method (`private get config()` → `private async config()`).
   */
  private makeAsync(fn: AnyPath): void {
    const node = fn.node as ASTNode & { returnType?: (ASTNode & { typeAnnotation?: ASTNode }) | null; key: ASTNode; computed?: boolean; kind?: string };
    // `private async config()`: in a method, `async` goes after the modifiers, right before its name.
    const method = node.type === 'ClassMethod' || node.type === 'ClassPrivateMethod';
    const { start } = method ? this.methodNameStart(node.key, node.computed === true) : rangeOf(node);
    const getKeyword = method && node.kind === 'get' ? /\bget(?=\s*$)/u.exec(this.source.slice(rangeOf(node).start, start)) : null;
    if (getKeyword) {
      const at = rangeOf(node).start + getKeyword.index;
      this.edits.push({ start: at, end: at + 3, text: 'async' });
    } else this.edits.push({ start, end: start, text: 'async ' });
    const declared = node.returnType?.typeAnnotation;
    if (declared) {
      // A function that returned a promise already (a request's) keeps its declared `Promise<…>`.
      if (!this.isPromiseType(declared)) this.edits.push({ ...rangeOf(declared), text: `Promise<${this.text(declared)}>` });
      return;
    }
    const doc = this.leadingDocComment(fn);
    const returns = doc ? /@returns?\s*\{([^{}\n]+)\}/u.exec(this.source.slice(doc.start, doc.end)) : null;
    if (doc && returns?.[1] !== undefined && !/^\s*Promise\s*</u.test(returns[1])) {
      const typeStart = doc.start + returns.index + returns[0].indexOf('{') + 1;
      this.edits.push({ start: typeStart, end: typeStart + returns[1].length, text: `Promise<${returns[1].trim()}>` });
    }
  }

  /** Where a method's name starts: its key, or the `[` of a computed one. */
  private methodNameStart(key: ASTNode, computed: boolean): { readonly start: number } {
    const { start } = rangeOf(key);
    return { start: computed ? this.source.lastIndexOf('[', start) : start };
  }

  /** The `/** … *\/` comment right before the statement that declares a function, if any. */
  private leadingDocComment(fn: AnyPath): Range | undefined {
    const statement = this.statementOf(fn);
    const before = this.source.slice(0, rangeOf((statement ?? fn).node).start);
    const match = /\/\*\*(?:[^*]|\*(?!\/))*\*\/\s*$/u.exec(before);
    return match ? { start: match.index, end: match.index + match[0].trimEnd().length } : undefined;
  }

  /** `keptnHeaders().then((headers) => fetch(url, { headers, … }))` where `fetch(url, { headers: keptnHeaders(), … })` stood. */
  private chainBehindBuilder(builderCall: ASTPath<CallExpression | MemberExpression>, at: NonNullable<HandedCall['chainedRequest']>, valueName: string, promised = this.text(builderCall.node)): boolean {
    const request = [...this.nodesOfType<CallExpression>('CallExpression'), ...this.nodesOfType<NewExpression>('NewExpression')].find((candidate) => {
      const loc = candidate.node.loc;
      return loc?.start.line === at.line && loc.start.column === at.column && loc.end.line === at.endLine && loc.end.column === at.endColumn;
    });
    if (!request) return false;
    const holder = parentOf(builderCall) ?? undefined;
    const inHeadersOption = holder !== undefined && isNodeType(holder.node, 'ObjectProperty') && !holder.node.computed && isNodeType(holder.node.key, 'Identifier') && HEADERS_OPTIONS.has(holder.node.key.name);
    const requestRange = rangeOf(request.node);
    // The name must not shadow anything the request reads; the replaced text itself does not count.
    const around = (range: Range): string => this.source.slice(requestRange.start, range.start) + this.source.slice(range.end, requestRange.end);
    let name = valueName;
    for (let index = 2; scopeDeclaring(request, name) || new RegExp(`\\b${name}\\b`, 'u').test(around(inHeadersOption && name === 'headers' ? rangeOf(holder.node) : rangeOf(builderCall.node))); index++) name = `${valueName}${index}`;
    const replaced = inHeadersOption && name === 'headers' ? rangeOf(holder.node) : rangeOf(builderCall.node);
    const requestText = this.source.slice(requestRange.start, replaced.start) + name + this.source.slice(replaced.end, requestRange.end);
    this.edits.push({ ...requestRange, text: `${promised}.then((${name}) => ${requestText})` });
    return true;
  }

  /**
   * This file's part of the hand-offs (./builder-hand-off.ts): each call of a builder that now
   * returns the OAuth header is awaited, decided by the same function the builder's file uses.
   */
  private takeHandOffs(): void {
    const own = path.resolve(this.file.path);
    for (const builderFile of handOffSources(this.file.path, this.source, this.options)) {
      const facts = builderFileFacts(builderFile, this.options);
      if (!facts) continue;
      for (const header of builderHeaders(facts)) {
        if (!sureEnoughTarget(header.target, this.options)) continue;
        if (header.exit.kind === 'exported') {
          const valueDecision = valueHandOff(header, facts, this.options);
          if (!valueDecision || 'why' in valueDecision) continue;
          const taken = valueDecision.uses.filter((use) => path.resolve(use.file) === own && this.addTokenAtRead(use));
          if (taken.length > 0) this.handOffs.push({ role: 'caller', builder: builderFile, name: header.exit.name ?? '', exported: 'object', calls: taken.map(({ line }) => ({ file: own, line })) });
          continue;
        }
        const handOff = builderHandOff(header, facts, this.options);
        if (!handOff || 'why' in handOff || handOff.wasAsync) continue;
        const mine = handOff.calls.filter((call) => path.resolve(call.file) === own);
        const awaited = mine.filter((call) => this.awaitCall(call));
        if (awaited.length > 0) this.handOffs.push({ role: 'caller', builder: builderFile, name: header.exit.name ?? '', exported: 'function', calls: awaited.map(({ line }) => ({ file: own, line })) });
      }
    }
  }

  /**
   * `await` in front of a call (in parentheses where the call is an operand that binds tighter);
   * outside an async function, its request chained behind it instead.
   */
  private awaitCall(call: HandedCall, valueName = 'headers'): boolean {
    if (call.getterRead) return this.awaitGetterRead(call, valueName);
    const found = this.nodesOfType<CallExpression>('CallExpression').find((candidate) => {
      const start = candidate.node.loc?.start;
      return start?.line === call.line && start.column === call.column;
    });
    if (!found) return false;
    if (call.chainedRequest) return this.chainBehindBuilder(found, call.chainedRequest, valueName);
    // Babel's node union has no common `object`/`callee`/`tag`: read them as plain fields.
    const parent = parentOf(found)?.node as unknown as Partial<Record<'object' | 'callee' | 'tag', unknown>> | undefined;
    const tight = parent !== undefined && (parent.object === found.node || parent.callee === found.node || parent.tag === found.node);
    const { start, end } = rangeOf(found.node);
    if (tight) this.edits.push({ start, end: start, text: '(await ' }, { start: end, end, text: ')' });
    else this.edits.push({ start, end: start, text: 'await ' });
    return true;
  }

  /** `this.config` of a getter that is a method now: `(await this.config())`, or its request chained behind `this.config()`. */
  private awaitGetterRead(read: HandedCall, valueName: string): boolean {
    const found = this.nodesOfType<MemberExpression>('MemberExpression').find((candidate) => {
      const range = rangeOf(candidate.node);
      return range.start === read.start && range.end === read.end;
    });
    if (!found) return false;
    const { start, end } = rangeOf(found.node);
    if (read.chainedRequest) return this.chainBehindBuilder(found, read.chainedRequest, valueName, `${this.text(found.node)}()`);
    const parent = parentOf(found)?.node as unknown as Partial<Record<'object' | 'callee' | 'tag', unknown>> | undefined;
    const tight = parent !== undefined && (parent.object === found.node || parent.callee === found.node || parent.tag === found.node);
    this.edits.push({ start, end: start, text: tight ? '(await ' : 'await ' }, { start: end, end, text: tight ? '())' : '()' });
    return true;
  }

  /**
   * Under --library, the target of an escaping header as the typed lint grades it: by the
   * requests this package's own modules send it with. Those callers are evidence of where it goes
   * even though they are not all its callers (other packages may call it too), which is why it is
   * never rewritten under --library, not why it would be unsure. The analysis of the run has no
   * package view (so nothing else counts on a complete list of callers); this one is made only here.
   */
  private packageTarget(escaping: EscapingXToken): TargetAssessment {
    const packageFacts = fileFacts(this.file.path, this.source, { ...this.options, library: false }, () => this.oracle());
    const [start, end] = escaping.node.range;
    return packageFacts.escaping.find((other) => other.node.range[0] === start && other.node.range[1] === end)?.target ?? escaping.target;
  }

  /** Which other modules take an escaping header, as far as the project's types can tell. */
  private escapingUsesWhy(exitNode: EstreeNode): string {
    if (this.options.library === true) return ': the files are a library (--library), where code in other packages may send the header it gives them, so it stays as it is';
    const exitPath = this.babelPath(exitNode);
    const holder = exitPath ? parentOf(exitPath) : undefined;
    let id: AnyPath | undefined;
    if (exitPath && isNodeType(exitPath.node, 'Identifier')) id = exitPath;
    else if (exitPath && isNodeType(exitPath.node, 'FunctionDeclaration')) id = exitPath.get('id') as AnyPath;
    else if (holder && isNodeType(holder.node, 'VariableDeclarator')) id = holder.get('id') as AnyPath;
    const uses = id && isNodeType(id.node, 'Identifier') ? this.usesInOtherModules(id) : undefined;
    if (uses === undefined) return ': the requests that do are in other modules, which the codemod rewrites one file at a time';
    if (uses.length === 0) return ', and no other module of the project uses it (another package may)';
    return `: other modules use it (${this.usesList(uses)}) and send it, and the codemod rewrites one file at a time`;
  }

  // ── where the header goes: the finding's sites, located in the edit tree ──────────

  /**
   * The requests and instances that send the header object `header`: exactly the sites the
   * shared analysis found for the finding, each located in Babel's tree with the variable
   * through which the object enters it (where a per-request edit goes). A site whose options
   * reach the object in a way no edit here rewrites, or a variable on the way that is also used
   * somewhere the analysis did not find a request, is an `unknown` use with the reason. Uses that
   * are only logged go into `logged` when the caller keeps the log plain (see `loggedReads`), and
   * are an `unknown` use otherwise.
   */
  private usesOf(finding: XTokenFinding, header: ASTNode, logged?: LoggedRead[]): Use[] {
    const uses: Use[] = [];
    const state: ReachState = { holders: new Map(), through: [], returners: new Map(), headersOption: 'headers', logged: [], fields: new Map() };
    for (const site of finding.sites) {
      const line = site.node.loc.start.line;
      state.headersOption = headersOptionOf(httpClients[site.client.kind], site.createsInstance);
      const reachFrom = (): Reach | undefined => {
        for (const argument of site.optionArguments) {
          const path = this.babelPath(argument);
          const found = path ? this.reach(path, 'options', header, undefined, state, 0) : undefined;
          if (found) return found;
        }
        // `http.get(url, headers)`: an argument that is the headers record itself.
        const path = site.headersArgument ? this.babelPath(site.headersArgument) : undefined;
        return path ? this.reach(path, 'headers', header, undefined, state, 0) : undefined;
      };
      const info: CallInfo = { client: { kind: site.client.kind, instance: site.client.isInstance }, member: site.member, signature: site.signature, ...(site.viaHelper ? { viaHelper: true } : {}) };
      if (site.node.type === AST_NODE_TYPES.NewExpression && site.createsInstance) {
        // `new HttpClient(userAgent, handlers, { headers })`: the helper has no way into its requests,
        // so the token can go only into each request, and only when every one of them is here.
        const construct = this.babelPath(site.node, 'NewExpression');
        const found = construct && reachFrom() ? this.requestsOfLocalInstance(construct, site) : { why: 'the codemod cannot follow the header into it' };
        if ('requests' in found) {
          uses.push({ type: 'instance-requests', info, site, requests: found.requests });
        } else {
          uses.push({ type: 'unknown', why: `\`new ${httpClients[site.client.kind].label}(…)\` on line ${line} makes an instance that sends the header with every request, its request handlers run synchronously, so none can wait for a fresh OAuth token, and ${found.why}` });
        }
        continue;
      }
      if (site.node.type === AST_NODE_TYPES.NewExpression) {
        const construct = this.babelPath(site.node, 'NewExpression');
        const reach = construct ? reachFrom() : undefined;
        if (construct && reach) uses.push({ type: 'request-object', construct, info, site, reference: reach.reference });
        else uses.push({ type: 'unknown', why: this.unreachableWhy(site) });
        continue;
      }
      // `client?.get(…)`, `fetch?.(…)`: Babel's OptionalCallExpression has the fields of a call, and
      // an edit of its arguments or callee leaves the `?.` (and what it skips) as it was.
      const call = (this.babelPath(site.node, 'CallExpression') ?? this.babelPath(site.node, 'OptionalCallExpression')) as ASTPath<CallExpression> | undefined;
      if (!call) {
        uses.push({ type: 'unknown', why: this.unreachableWhy(site) });
        continue;
      }
      if (site.client.kind === 'fetch' && isNodeType(call.node as ASTNode, 'OptionalCallExpression') && (call.node as ASTNode & { optional?: boolean }).optional === true) {
        uses.push({ type: 'unknown', why: `the call \`${this.text(call.node.callee)}?.(…)\` makes no request where there is no \`${this.text(call.node.callee)}\`, and the helper's fetch, which is always there, would` });
        continue;
      }
      const reach = reachFrom();
      if (!reach) {
        const subject = `the ${site.client.kind} ${site.createsInstance ? 'instance' : 'request'} on line ${line}`;
        uses.push({ type: 'unknown', why: this.returnedWhy(header) ?? state.unfollowed ?? this.throughParameterWhy(site, line) ?? this.publicFieldCopyWhy(header) ?? this.heldThroughWhy(header, site, finding, subject) ?? `the header reaches ${subject} in a way the codemod does not rewrite` });
      }
      else if (site.createsInstance) uses.push({ type: 'instance', call, info, site });
      else uses.push({ type: 'request', call, info, site, reference: reach.reference });
    }
    const escape = this.escapingUse(finding, state);
    if (escape) uses.push({ type: 'unknown', why: escape });
    else if (state.logged.length > 0 && logged) logged.push(...state.logged);
    else if (state.logged.length > 0) uses.push({ type: 'unknown', why: this.loggedWhy(state.logged, 'the codemod rewrites this form only by changing the object that is logged') });
    return uses;
  }

  /**
   * The requests of an instance kept in a module-private `const` (or private field) and used for
   * nothing but requests that can take the token where they are made: in a headers argument of
   * their own (`http.getJson(url, headers)`), or in their options (`api.get(url, { headers })`),
   * awaited there. Why not, when some use is out of sight or would not take it.
   */
  private requestsOfLocalInstance(construct: AnyPath, site: RequestSite): { readonly requests: readonly InstanceRequest[] } | { readonly why: string } {
    const holder = this.instanceHolder(construct);
    if ('why' in holder) return holder;
    const { name, references } = holder;
    const handlers = site.handlersArgument;
    if (handlers && !(handlers.type === AST_NODE_TYPES.ArrayExpression && handlers.elements.length === 0)) {
      return { why: 'it is made with request handlers, which may set an `Authorization` of their own over the one each request would send' };
    }
    const requestSites = new Map<ASTNode, RequestSite>();
    for (const other of this.facts().sites) {
      if (other.createsInstance || (other.signature.headers === undefined && other.signature.options === undefined)) continue;
      const path = this.babelPath(other.node, 'CallExpression');
      if (path) requestSites.set(path.node, other);
    }
    const requests: InstanceRequest[] = [];
    for (const reference of references) {
      const line = this.position(reference.node).line;
      const member = parentOf(reference);
      const call = member ? parentOf(member) : undefined;
      const request = call && reference.name === 'object' && member?.name === 'callee' ? requestSites.get(call.node) : undefined;
      if (!call || !request || !isNodeType(call.node, 'CallExpression')) return { why: `\`${name}\` is used on line ${line} for something other than a request the codemod can give the token` };
      const args = call.node.arguments as ASTNode[];
      if (args.some((argument) => isNodeType(argument, 'SpreadElement'))) return { why: `its request on line ${line} spreads its arguments, so the codemod cannot tell which one is the headers` };
      const slot = this.tokenSlot(call as ASTPath<CallExpression>, request);
      if ('why' in slot) return { why: `its request on line ${line} ${slot.why}` };
      const headers = slot.slot === 'headers' ? slot.object : slot.object && this.headersMember(slot.object, headersOptionOf(httpClients[request.client.kind], false));
      if (headers === null) return { why: `its request on line ${line} passes headers built elsewhere` };
      if (headers && (headers.properties as ASTNode[]).some((entry) => !isNodeType(entry, 'ObjectProperty') || isAuthorizationHeader(this.propertyName(entry.key, entry.computed ?? false) ?? ''))) {
        return { why: `its request on line ${line} sends an \`Authorization\` of its own (or headers spread from elsewhere), which alone would reach Cloud Automation once the x-token is gone` };
      }
      if (this.recordSiteRoute(request)?.routes.some(isTokenCheckRoute) === true) return { why: `its request on line ${line} is a ${TOKEN_CHECK} token check, which means nothing under OAuth` };
      requests.push({ call: call as ASTPath<CallExpression>, ...slot });
    }
    if (requests.length === 0) return { why: `the codemod sees no request made with \`${name}\`` };
    return { requests };
  }

  /**
   * Where a request of an instance takes the token: its headers argument, or its options object
   * (as the analysis found it, `api.get({ uri })` or `api.get(uri, options)`), written there or
   * added. A request that takes options needs the token awaited where it is made: the request
   * package answers with a request object, not a promise the token could be chained before.
   */
  private tokenSlot(call: ASTPath<CallExpression>, request: RequestSite): Omit<InstanceRequest, 'call'> | { readonly why: string } {
    const args = call.node.arguments as ASTNode[];
    const { headers, options } = request.signature;
    if (headers !== undefined) {
      const argument = args[headers];
      if (argument !== undefined && !isNodeType(argument, 'ObjectExpression')) return { why: `passes headers built elsewhere (\`${this.text(argument).slice(0, 40)}\`)` };
      return { slot: 'headers', index: headers, object: argument };
    }
    const callback = request.callbackArgument ? this.babelPath(request.callbackArgument)?.node : undefined;
    let deferred: { readonly deferredWith?: ASTNode; readonly awaitedBefore?: AnyPath } = {};
    const executorIn = this.isAsyncContext(call) ? undefined : this.executorHoistPoint(call);
    if (executorIn) deferred = { awaitedBefore: executorIn };
    else if (!this.isAsyncContext(call)) {
      // The request package's callback call can wait for the token as a whole (see planDeferredCallbackCall).
      if (!callback || httpClients[request.client.kind].callback !== 'error-first') return { why: 'is made outside an async function, where the token cannot be awaited before it is sent' };
      const plan = planDeferredCallbackCall(this.deferralContext(), call, callback, this.tokenPromise(undefined));
      if ('why' in plan) return { why: `is made outside an async function, and cannot wait for the token as a whole: ${plan.why}` };
      deferred = { deferredWith: callback };
    }
    if (args.some((argument) => FUNCTION_TYPES.has(argument.type) && argument !== callback)) return { why: 'takes a callback, where the token would have to go in before it' };
    const [written] = request.optionArguments;
    const object = written ? this.babelPath(written)?.node : undefined;
    if (written) {
      // `api.get(eventQuery)`, a literal in a variable: a copy at the call takes the token, the object others may share does not.
      if (object && args.includes(object) && this.spreadsOptionsVariable(object, call)) return { slot: 'options', index: args.indexOf(object), object: undefined, copyOf: object };
      // Written at the call only: an object built elsewhere may be shared, or built where nothing can be awaited.
      if (!isNodeType(object, 'ObjectExpression') || !args.includes(object)) return { why: 'passes options built elsewhere' };
      return { slot: 'options', index: args.indexOf(object), object, ...deferred };
    }
    // `api.get(query)` with `query` an object the analysis could not follow: options added after it would make it the URL.
    const first = args[0];
    if (request.signature.optionsMayComeFirst === true && isNodeType(first, 'Identifier') && this.holdsObjectLiteral(call.get('arguments', 0) as AnyPath)) {
      return { why: `passes \`${first.name}\`, an object that may be its options, which the codemod cannot follow to add the token` };
    }
    const index = options ?? args.length;
    const end = callback ? args.indexOf(callback) : args.length;
    if (end > index) return { why: 'passes arguments the codemod cannot tell from options' };
    return { slot: 'options', index: end, object: undefined, ...deferred };
  }

  /** A name declared with an object literal (`let query = { uri }`): an options object, whatever it is assigned later. */
  private holdsObjectLiteral(path: AnyPath): boolean {
    const binding = this.bindingOf(path);
    const declarator = binding ? parentOf(binding)?.node : undefined;
    return isNodeType(declarator, 'VariableDeclarator') && isNodeType(declarator.init as ASTNode | null | undefined, 'ObjectExpression');
  }

  /**
   * Where an instance is kept so that every use of it is in sight: a module-private `const`, or a
   * `private` / `#` field of a class (set where it is declared, or once in the constructor), with
   * the references that read it (`http`, `this.http`). Why not, otherwise.
   */
  private instanceHolder(construct: AnyPath): { readonly name: string; readonly references: readonly AnyPath[] } | { readonly why: string } {
    const holder = parentOf(construct);
    if (holder && isNodeType(holder.node, 'VariableDeclarator') && construct.name === 'init') {
      const declaration = parentOf(holder);
      const id = holder.get('id') as AnyPath;
      if (!declaration || !isNodeType(id.node, 'Identifier') || (declaration.node as ASTNode & { kind?: string }).kind !== 'const') {
        return { why: 'it is not kept in a `const` whose every use the codemod can see' };
      }
      if (parentOf(declaration)?.node.type.startsWith('Export') === true) return { why: `\`${id.node.name}\` is exported, so requests made with it elsewhere would lose the header` };
      return { name: id.node.name, references: this.referencesOf(id) };
    }
    // `private readonly http = new HttpClient(…)`, or `this.http = new HttpClient(…)` in the constructor.
    let field: { readonly name: string; readonly classBody: AnyPath; readonly assignment?: ASTNode } | undefined;
    if (holder && (holder.node.type === 'ClassProperty' || holder.node.type === 'ClassPrivateProperty') && construct.name === 'value') {
      const name = this.classMemberName(holder.node);
      const classBody = parentOf(holder);
      if (name !== undefined && classBody && (holder.node as ASTNode & { static?: boolean }).static !== true) field = { name, classBody };
    } else if (holder && isNodeType(holder.node, 'AssignmentExpression') && construct.name === 'right' && isNodeType(holder.node.left as ASTNode, 'MemberExpression')) {
      const left = holder.node.left as ASTNode & { object: ASTNode };
      const method = this.enclosingFunctionPath(holder);
      const classBody = method ? parentOf(method) : undefined;
      const name = isNodeType(left.object, 'ThisExpression') ? this.classMemberName(left) : undefined;
      const inConstructor = this.isConstructor(method);
      if (name !== undefined && inConstructor && classBody?.node.type === 'ClassBody') field = { name, classBody, assignment: holder.node.left as ASTNode };
    }
    if (!field) return { why: 'it is not kept in a `const` or a private field whose every use the codemod can see' };
    const { name, classBody, assignment } = field;
    const declared = ((classBody.node as ASTNode & { body: ASTNode[] }).body).find((member) => this.classMemberName(member) === name && (member as ASTNode & { static?: boolean }).static !== true);
    const hidden = name.startsWith('#') || (declared as (ASTNode & { accessibility?: string }) | undefined)?.accessibility === 'private';
    if (!hidden) return { why: `\`this.${name}\` is not private, so code outside the class may make requests with it that would lose the header` };
    return { name: `this.${name}`, references: this.thisMembers(classBody, name).filter((reference) => reference.node !== assignment) };
  }

  /**
   * Why the token cannot be rewritten where a copy merges it, or undefined. lodash's `defaults`
   * keeps the first value of a key, so an OAuth token written in the x-token's place would win over
   * an `Authorization` another argument carries, where the helper yields to a caller's. A deep merge
   * (lodash's `merge`, `deepmerge`) sends the headers of its other arguments with the token: an
   * `Authorization` among them, or headers the codemod cannot read, would meet the OAuth token.
   * `index` is the argument the header is in; `role` what the arguments are to the request.
   */
  private copyRefusal(call: ASTPath<CallExpression>, copy: ObjectCopy, index: number, role: Role, headersOption: string): string | undefined {
    const copier = `\`${this.text(call.node.callee).replace(/\s+/gu, '')}\``;
    if (copy.wins === 'earlier') {
      return `the header is merged by ${copier}, which keeps the first value given for a key: an OAuth token in its place would win over an \`Authorization\` the other arguments may carry, where the helper never overwrites a caller's`;
    }
    if (!copy.deep) return undefined;
    for (const [other, argument] of (call.node.arguments as ASTNode[]).entries()) {
      if (other === index) continue;
      const shown = isNodeType(argument, 'Identifier') || isNodeType(argument, 'MemberExpression') ? `\`${quotedCode(this.text(argument), 40)}\`` : `its ${['first', 'second', 'third', 'fourth'].map((ordinal) => `${ordinal} argument`)[other] ?? `argument ${other + 1}`}`;
      const estree = isNodeType(argument, 'SpreadElement') ? undefined : this.estreeNode(argument);
      const held = estree ? this.facts().analysis.headersHeld(estree, role === 'options' ? headersOption : undefined) : undefined;
      if (!held?.complete) {
        return `${copier} merges the headers of ${shown} into those that carry the token, key by key, and the codemod cannot see whether they hold an \`Authorization\` of their own, which the OAuth token would meet`;
      }
      if (held.entries.some((entry) => entry.name !== undefined && isAuthorizationHeader(entry.name))) {
        return `${copier} merges the headers of ${shown}, which carry an \`Authorization\` of their own, into those that carry the token, key by key: the request sends both, and the OAuth token cannot take the x-token's place next to another credential`;
      }
    }
    return undefined;
  }

  /** `function authHeaders() { return { 'x-token': t } }`: every caller of the function gets the header. */
  /**
   * The header's object is held in a variable the request does not take as its headers or options
   * (`for (const [k, v] of Object.entries(keptnHeaders)) req.setHeader(k, v)`): name the statement
   * that hands it on, in the request's function when one there does, rather than say "in a way".
   */
  /**
   * The header's object written into a property of `this` that code outside the class may read:
   * `Object.assign(this.headers, { 'x-token': t })`, `this.headers = { 'x-token': t }`, also
   * through a copy (`this.headers = Object.assign({}, defaults, { 'x-token': t })`, compiled
   * CommonJS's form), where the property is declared public or not at all (plain JavaScript).
   */
  private publicFieldCopyWhy(header: ASTNode): string | undefined {
    let value: AnyPath | null = this.shared.index.pathOf(header);
    while (value && !isNodeType(value.node, 'ObjectExpression')) value = parentOf(value);
    for (let parent = parentOf(value); value && parent; value = parent, parent = parentOf(value)) {
      if (TRANSPARENT_WRAPPERS.has(parent.node.type)) continue;
      if (isNodeType(parent.node, 'CallExpression') && this.copiesLikeAssign(parent.node.callee) && (parent.node.arguments as ASTNode[]).includes(value.node)) {
        const [into] = parent.node.arguments as ASTNode[];
        if (into !== value.node && this.assignsIntoFirst(parent.node.callee) && into && isNodeType(into, 'MemberExpression') && isNodeType(into.object as ASTNode, 'ThisExpression')) {
          return this.publicMemberWhy(parent.get('arguments', 0) as AnyPath, 'the header is copied into');
        }
        continue;
      }
      if (isNodeType(parent.node, 'AssignmentExpression') && value.name === 'right' && parent.node.operator === '=') {
        const left = parent.get('left') as AnyPath;
        return isNodeType(left.node, 'MemberExpression') && isNodeType(left.node.object as ASTNode, 'ThisExpression') ? this.publicMemberWhy(left, 'holds the header') : undefined;
      }
      return undefined;
    }
    return undefined;
  }

  private publicMemberWhy(thisMember: AnyPath, how: Parameters<typeof publicFieldWhy>[1]): string | undefined {
    const member = this.classMemberAt(thisMember);
    const declaration = member?.path.node as (ASTNode & { accessibility?: string }) | undefined;
    if (member) return isNodeType(declaration, 'ClassProperty') && (declaration.accessibility === undefined || declaration.accessibility === 'public') ? publicFieldWhy(member.name, how) : undefined;
    // Not declared: a plain JavaScript class's property (or compiled TypeScript's, whose `private` is gone), public to any code.
    const node = thisMember.node as MemberExpression;
    const name = this.classMemberName(node);
    let body = parentOf(thisMember);
    while (body && body.node.type !== 'ClassBody') body = parentOf(body);
    return name === undefined || name.startsWith('#') || !body ? undefined : publicFieldWhy(name, how);
  }

  private heldThroughWhy(header: ASTNode, site: RequestSite, finding: XTokenFinding, subject: string): string | undefined {
    let current: AnyPath = this.shared.index.pathOf(header);
    while (!isNodeType(current.node, 'ObjectExpression') || TRANSPARENT_WRAPPERS.has(parentOf(current)?.node.type ?? '')) {
      const parent = parentOf(current);
      if (!parent || FUNCTION_TYPES.has(parent.node.type) || parent.node.type === 'Program') return undefined;
      current = parent;
    }
    const declarator = parentOf(current);
    if (!declarator || !isNodeType(declarator.node, 'VariableDeclarator') || current.name !== 'init' || !isNodeType(declarator.node.id as ASTNode, 'Identifier')) return undefined;
    const binding = declarator.get('id') as AnyPath;
    const sites = finding.sites.map((each) => ({ start: each.node.range[0], end: each.node.range[1] }));
    const uses = this.referencesOf(binding).filter((use) => !sites.some((range) => contains(range, rangeOf(use.node))));
    const requestFunction = this.enclosingFunctionPath(this.babelPath(site.node) ?? current);
    const inRequestFunction = (use: AnyPath): boolean => requestFunction !== undefined && contains(rangeOf(requestFunction.node), rangeOf(use.node));
    const use = uses.find(inRequestFunction) ?? uses[0];
    const statement = use ? this.statementOf(use) : undefined;
    if (!use || !statement) return undefined;
    const shown = quotedCode(this.text(statement.node).split('\n')[0] ?? '');
    return `\`${(binding.node as Identifier).name}\`, which holds the header, reaches ${subject} through \`${shown}\` (line ${this.position(use.node).line}), a form the codemod does not rewrite`;
  }

  private returnedWhy(header: ASTNode): string | undefined {
    let current: AnyPath = this.shared.index.pathOf(header);
    for (;;) {
      const parent = parentOf(current);
      if (!parent) return undefined;
      const type = parent.node.type;
      const returned = type === 'ReturnStatement' || (type === 'ArrowFunctionExpression' && current.name === 'body');
      if (returned) {
        const fn = type === 'ReturnStatement' ? this.enclosingFunctionPath(parent) : parent;
        const name = fn ? this.functionName(fn) : undefined;
        const returner = name === undefined ? 'a function' : `\`${name}()\``;
        const scope = fn ? this.callableFrom(fn) : 'unknown';
        if (scope === 'module') return `the header object is returned by ${returner}, which is exported${this.exportedUseWhy(fn)}`;
        const member = fn?.node as (ASTNode & { kind?: string; accessibility?: string; key?: ASTNode }) | undefined;
        const hidden = member?.accessibility === 'private' || member?.type === 'ClassPrivateMethod';
        if (scope === 'class' && member?.kind === 'get') {
          return hidden
            ? `the header object is returned by the private getter \`${name ?? ''}\`, and reaches the request in a way the codemod does not rewrite`
            : `the header object is returned by the getter \`${name ?? ''}\`, which code outside the class can read; make it \`private\` if nothing else does, and run the codemod again (it becomes an async method)`;
        }
        if (scope === 'class' && hidden) return `the header object is returned by the private method ${returner}, and reaches the request in a way the codemod does not rewrite`;
        if (scope === 'class') return `the header object is returned by the method ${returner}, which code outside the class can call; make it \`private\` if nothing else does, and run the codemod again`;
        return `the header object is returned by ${returner}, and the codemod cannot see every caller of it`;
      }
      if (!(TRANSPARENT_WRAPPERS.has(type) || type === 'ObjectExpression' || type === 'ObjectProperty' || type === 'SpreadElement' || type === 'LogicalExpression' || type === 'ConditionalExpression')) return undefined;
      current = parent;
    }
  }

  /**
   * The function a callee names when it is declared in this file (`function f`, `const f = () => …`,
   * tsc's `(0, exports.f)` for its own export): its callers are all here, and can all be seen and
   * rewritten, unless it is exported and another module of the project uses it.
   */
  private returnerOf(callee: AnyPath): Returner | undefined {
    const node = callee.node;
    if (isNodeType(node, 'MemberExpression') && isNodeType(node.object as ASTNode, 'ThisExpression')) return this.privateMethod(callee);
    const local = this.localFunction(callee);
    if (!local) return undefined;
    const exits = this.moduleExportsOf(local);
    if (exits === 'default') return undefined;
    const { binding } = local;
    const name = binding ? (binding.node as Identifier).name : (exits.names[0]?.node as Identifier | undefined)?.name;
    if (name === undefined) return undefined;
    const calls = (): AnyPath[] => [...(binding ? this.referencesOf(binding).filter((use) => !exits.exporting.has(use.node)) : []), ...exits.readsBack];
    // An export that no other module of the project uses is called only here, like a local one
    // (the same proof the token-variable cleanup asks before removing an exported constant).
    const callersAllHere = exits.names.length === 0 ? () => true : () => this.options.library !== true && exits.names.every((exported) => this.usesInOtherModules(exported)?.length === 0);
    return { name, function: local.function, calls, callersAllHere };
  }

  /**
   * The function declared in this file that a callee names: by its binding (`f`, a `const` holding
   * a function), or as the shared analysis resolves tsc's call of the module's own CommonJS export
   * (`(0, exports.f)(…)`, `exports.f(…)`), the value `exports.f = …` assigns.
   */
  private localFunction(callee: AnyPath): { readonly function: AnyPath; readonly binding: AnyPath | undefined } | undefined {
    if (isNodeType(callee.node, 'Identifier')) {
      const binding = this.bindingOf(callee);
      const holder = binding ? parentOf(binding) : undefined;
      if (!binding || !holder || binding.name !== 'id') return undefined;
      const fn = this.functionBoundBy(holder);
      return fn ? { function: fn, binding } : undefined;
    }
    const estree = this.estreeNode(callee.node);
    const called = estree ? this.facts().analysis.calledFunction(estree) : undefined;
    const fn = called ? this.babelPath(called) : undefined;
    if (!fn || !FUNCTION_TYPES.has(fn.node.type)) return undefined;
    const holder = parentOf(fn);
    if (isNodeType(fn.node, 'FunctionDeclaration')) return { function: fn, binding: fn.get('id') as AnyPath };
    if (holder && isNodeType(holder.node, 'VariableDeclarator') && this.functionBoundBy(holder)) return { function: fn, binding: holder.get('id') as AnyPath };
    return { function: fn, binding: undefined };
  }

  /** The function a declaration binds: `function f`, or a `const` initialised with one. */
  private functionBoundBy(holder: AnyPath): AnyPath | undefined {
    if (isNodeType(holder.node, 'FunctionDeclaration')) return holder;
    if (!isNodeType(holder.node, 'VariableDeclarator') || (holder.parentPath as AnyPath | null)?.node.type !== 'VariableDeclaration') return undefined;
    const init = holder.get('init') as AnyPath;
    const kind = ((holder.parentPath as AnyPath).node as ASTNode & { kind: string }).kind;
    return kind === 'const' && (isNodeType(init.node, 'ArrowFunctionExpression') || isNodeType(init.node, 'FunctionExpression')) ? init : undefined;
  }

  /**
   * How a local function leaves its module: the names it is exported under (`export function f`,
   * `export { f as g }`, `exports.g = f`, `module.exports = { g: f }`, each the identifier that
   * spells the name), the references to it that only export it, and the reads of its CommonJS
   * export in this module (`(0, exports.g)(…)`), which call it all the same. `default` when it is
   * the default export, whose importers the codemod does not follow.
   */
  private moduleExportsOf(local: { readonly function: AnyPath; readonly binding: AnyPath | undefined }): ModuleExports | 'default' {
    // Asked for every call the header search passes through, and again for reasons: once per function.
    let exits = this.exportsByFunction.get(local.function.node);
    if (!exits) {
      exits = this.findModuleExports(local);
      this.exportsByFunction.set(local.function.node, exits);
    }
    return exits;
  }

  private readonly exportsByFunction = new Map<ASTNode, ModuleExports | 'default'>();

  private findModuleExports(local: { readonly function: AnyPath; readonly binding: AnyPath | undefined }): ModuleExports | 'default' {
    const names: AnyPath[] = [];
    const exporting = new Set<ASTNode>();
    const commonJsNames = new Set<string>();
    // `export default function () {}` has no binding: the function is the declaration.
    const declaration = local.binding && !isNodeType(local.function.node, 'FunctionDeclaration') ? parentOf(parentOf(local.function)) : local.function;
    const around = parentOf(declaration)?.node.type;
    if (around === 'ExportDefaultDeclaration') return 'default';
    if (around === 'ExportNamedDeclaration' && local.binding) names.push(local.binding);
    const exportedAt = (value: AnyPath): AnyPath | 'default' | undefined => {
      const parent = parentOf(value);
      if (parent && isNodeType(parent.node, 'ExportSpecifier') && value.name === 'local') {
        const exported = parent.get('exported') as AnyPath;
        return this.propertyName(exported.node, false) === 'default' ? 'default' : exported;
      }
      if (parent && isNodeType(parent.node, 'AssignmentExpression') && value.name === 'right') {
        const left = parent.get('left') as AnyPath;
        const exported = this.commonJsExportMember(left.node);
        if (exported === 'default') return 'default';
        return exported === undefined ? undefined : (left.get('property') as AnyPath);
      }
      const holder = parentOf(parent);
      const assignment = parentOf(holder);
      if (parent && isNodeType(parent.node, 'ObjectProperty') && value.name === 'value' && !parent.node.computed && assignment && isNodeType(assignment.node, 'AssignmentExpression') && holder?.name === 'right' && this.commonJsExportMember(assignment.node.left) === 'default') {
        return parent.get('key') as AnyPath;
      }
      return undefined;
    };
    // An exported function expression itself (`exports.f = () => …`) leaves the module where it stands.
    const values = local.binding ? this.referencesOf(local.binding) : [local.function];
    for (const value of values) {
      const exported = exportedAt(value);
      if (exported === 'default') return 'default';
      if (!exported) continue;
      names.push(exported);
      if (value !== local.function) exporting.add(value.node);
      if (!isNodeType(parentOf(value)?.node, 'ExportSpecifier')) commonJsNames.add(this.propertyName(exported.node, false) ?? '');
    }
    const anchor = this.estreeNode(local.function.node);
    const readsBack = anchor ? [...commonJsNames].flatMap((name) => this.facts().analysis.ownExportReads(anchor, name).flatMap((read) => this.babelPath(read) ?? [])) : [];
    return { names, exporting, readsBack };
  }

  /** `exports.x`, `module.exports.x`: the name exported; `module.exports` itself: `default`. */
  private commonJsExportMember(node: ASTNode): string | undefined {
    const estree = isNodeType(node, 'MemberExpression') ? this.estreeNode(node, 'MemberExpression') : undefined;
    return estree ? commonJsExportName(estree) : undefined;
  }

  /**
   * Where other modules of the project use an exported name (the identifier that spells it where
   * it is exported); undefined when that cannot be searched. With no tsconfig to search by type,
   * the answer is the shared analysis's, by syntax over the package's modules: the one the lint
   * grades an exported header builder by.
   */
  private usesInOtherModules(exported: AnyPath): readonly SourceLocation[] | undefined {
    const { start } = rangeOf(exported.node);
    const name = this.propertyName(exported.node, false) ?? '';
    const byType = this.oracle().referencesInOtherFiles(start, start + name.length);
    if (byType !== undefined || this.options.library === true) return byType;
    return this.facts().analysis.usesFromOtherModules(name)?.map(({ file, node }) => ({ file, line: node.loc.start.line, inImport: false }));
  }

  /** Why an exported header function's callers cannot all be rewritten here. */
  private exportedUseWhy(fn: AnyPath | undefined): string {
    const exits = fn ? this.moduleExportsOf(this.declaredAs(fn)) : undefined;
    if (exits === 'default') return ' as the default: the codemod does not follow default imports to their callers';
    if (this.options.library === true) return ' from a library (--library): code in other packages may call it and send the header too';
    const found = (exits?.names ?? []).map((exported) => this.usesInOtherModules(exported));
    const uses = found.length > 0 && found.every((list) => list !== undefined) ? found.flat<(readonly SourceLocation[])[]>() : undefined;
    if (uses?.length === 0) return ', and reaches the request in a way the codemod does not rewrite';
    if (uses === undefined) return ': with no tsconfig.json above this file to search, the codemod cannot tell whether other modules call it and send the header too';
    const refusal = fn ? this.handOffRefusals.get(rangeOf(fn.node).start) : undefined;
    if (refusal !== undefined) return ` and used in other modules (${this.usesList(uses)}), which send the header too, and it cannot return the OAuth token to them instead: ${refusal}`;
    return ` and used in other modules (${this.usesList(uses)}), which send the header too; the codemod rewrites one file at a time`;
  }

  /** A function with the binding that names it, if one does (`function f`, `const f = …`). */
  private declaredAs(fn: AnyPath): { readonly function: AnyPath; readonly binding: AnyPath | undefined } {
    if (isNodeType(fn.node, 'FunctionDeclaration') && fn.node.id) return { function: fn, binding: fn.get('id') as AnyPath };
    const holder = parentOf(fn);
    return { function: fn, binding: holder && this.functionBoundBy(holder)?.node === fn.node ? (holder.get('id') as AnyPath) : undefined };
  }

  /** Up to three uses in other modules as `file:line`, relative to this file. */
  private usesList(uses: readonly SourceLocation[]): string {
    // The calls say more than the imports that bring the name in; an import alone is still a use.
    const calls = uses.filter((use) => !use.inImport);
    const listed = calls.length > 0 ? calls : uses;
    const shown = listed.slice(0, 3).map((use) => `${path.relative(path.dirname(this.file.path), use.file)}:${use.line}`);
    return `${shown.join(', ')}${listed.length > 3 ? ', …' : ''}`;
  }

  /**
   * `this.headers()` where `headers` is a private method of the class (`private` or `#`), or a
   * private field holding a function: nothing outside the class can call it, so its uses on
   * `this` inside the class are all its callers.
   */
  private privateMethod(callee: AnyPath): Returner | undefined {
    const method = this.classMethodOf(callee);
    if (!method?.hidden) return undefined;
    return { name: method.name, function: method.function, calls: () => this.thisMembers(method.classBody, method.name), callersAllHere: () => true };
  }

  /** `this.config` where `config` is a private getter (`private get config()`, `get #config()`): every read of it is in its class. */
  private privateGetter(member: AnyPath): Returner | undefined {
    const getter = this.classMethodOf(member, 'get');
    if (!getter?.hidden) return undefined;
    return { name: getter.name, getter: true, function: getter.function, calls: () => this.thisMembers(getter.classBody, getter.name), callersAllHere: () => true };
  }

  /** Every `this.<name>` / `this.#name` inside a class body. */
  private thisMembers(classBody: AnyPath, name: string): AnyPath[] {
    const found: AnyPath[] = [];
    const j = this.j;
    j(classBody).find(j.MemberExpression).forEach((path: AnyPath) => {
      const node = path.node as ASTNode & { object: ASTNode; property: ASTNode; computed?: boolean };
      if (!isNodeType(node.object, 'ThisExpression')) return;
      if (this.classMemberName(node) === name) found.push(path);
    });
    return found;
  }

  /** Who beyond this file's own code can call a function: another module, code outside its class, or unknown. */
  private callableFrom(fn: AnyPath): 'module' | 'class' | 'unknown' {
    const holder = parentOf(fn);
    if (fn.node.type === 'ClassMethod' || fn.node.type === 'ClassPrivateMethod' || (holder && holder.node.type === 'ClassProperty')) return 'class';
    const exits = this.moduleExportsOf(this.declaredAs(fn));
    return exits === 'default' || exits.names.length > 0 ? 'module' : 'unknown';
  }

  private enclosingFunctionPath(path: AnyPath): AnyPath | undefined {
    let current = parentOf(path);
    while (current && !FUNCTION_TYPES.has(current.node.type)) current = parentOf(current);
    return current ?? undefined;
  }

  private functionName(fn: AnyPath): string | undefined {
    const id = (fn.node as ASTNode & { id?: ASTNode | null; key?: ASTNode }).id ?? (fn.node as ASTNode & { key?: ASTNode }).key;
    if (isNodeType(id, 'Identifier')) return id.name;
    const declarator = parentOf(fn)?.node;
    return isNodeType(declarator, 'VariableDeclarator') && isNodeType(declarator.id as ASTNode, 'Identifier') ? (declarator.id as Identifier).name : undefined;
  }

  /** `axios.create(options)` in a constructor or function the header's object is handed to: say so, not "in a way". */
  private throughParameterWhy(site: RequestSite, line: number): string | undefined {
    // `axios.create(options)`, `axios.create({ timeout, ...options })`
    const candidates = site.optionArguments.flatMap((argument): AnyPath[] => {
      const path = this.babelPath(argument);
      if (!path || !isNodeType(path.node, 'ObjectExpression')) return path ? [path] : [];
      return (path.node.properties as ASTNode[]).flatMap((property, index) => (isNodeType(property, 'SpreadElement') ? [path.get('properties', index, 'argument') as AnyPath] : []));
    });
    for (const path of candidates) {
      if (!isNodeType(path.node, 'Identifier')) continue;
      const binding = this.bindingOf(path);
      let holder = binding ? parentOf(binding) : undefined;
      if (holder && isNodeType(holder.node, 'AssignmentPattern')) holder = parentOf(holder);
      if (!holder || !FUNCTION_TYPES.has(holder.node.type) || binding?.name === 'id') continue;
      const maker = isNodeType(holder.node, 'ClassMethod') && holder.node.kind === 'constructor' ? 'a constructor' : 'a function';
      const made = site.createsInstance ? 'instance' : 'request';
      return `the header is handed to ${maker} that makes the ${httpClients[site.client.kind].label} ${made} on line ${line} from its parameter \`${path.node.name}\`; the codemod rewrites a header only where the ${made} is made from it, not through a parameter its callers fill`;
    }
    return undefined;
  }

  private unreachableWhy(site: RequestSite): string {
    if (site.node.type === AST_NODE_TYPES.NewExpression) return `the header reaches the \`new Request(…)\` on line ${site.node.loc.start.line} in a way the codemod does not rewrite`;
    if (site.node.type === AST_NODE_TYPES.AssignmentExpression) return 'the header object is assigned into an instance\'s defaults';
    return `the header is written into the ${site.client.kind} instance through \`${this.source.slice(site.node.range[0], Math.min(site.node.range[1], site.node.range[0] + 40))}…\``;
  }

  /**
   * Whether `target` is what the expression at `path` evaluates to, or sits in it where a request
   * reads headers (`headers`, an axios defaults group, a spread, a `Headers` init), following
   * variables back to their values. `role` says what the expression is to the request.
   */
  private reach(path: AnyPath, role: Role, target: ASTNode, reference: Reference | undefined, state: ReachState, depth: number): Reach | undefined {
    const node = path.node;
    if (node === target) return { reference };
    if (depth > 8) return undefined;
    const next = (child: AnyPath, childRole: Role = role): Reach | undefined => this.reach(child, childRole, target, reference, state, depth + 1);
    if (TRANSPARENT_WRAPPERS.has(node.type)) return next(path.get('expression') as AnyPath);
    switch (node.type) {
      case 'AwaitExpression':
        return next(path.get('argument') as AnyPath);
      case 'LogicalExpression':
        return next(path.get('right') as AnyPath) ?? next(path.get('left') as AnyPath);
      case 'ConditionalExpression':
        return next(path.get('consequent') as AnyPath) ?? next(path.get('alternate') as AnyPath);
      case 'ObjectExpression': {
        const properties = (node).properties as ASTNode[];
        for (let index = 0; index < properties.length; index++) {
          const property = properties[index] as ASTNode;
          let found: Reach | undefined;
          if (isNodeType(property, 'SpreadElement')) found = next(path.get('properties', index, 'argument') as AnyPath);
          else if (isNodeType(property, 'ObjectProperty')) {
            const key = this.propertyName(property.key, property.computed ?? false);
            if (role === 'options' && key === state.headersOption) found = next(path.get('properties', index, 'value') as AnyPath, 'headers');
            else if (role === 'headers' && key !== undefined && AXIOS_VERBS.has(key)) found = next(path.get('properties', index, 'value') as AnyPath, 'headers');
          }
          if (found) return found;
        }
        return undefined;
      }
      case 'CallExpression': {
        // `Object.assign(url.parse(u), { headers })`, lodash's `merge({}, defaults, { headers })`: the call
        // returns one object with every argument's keys copied in.
        const copy = this.objectCopyOf((node as ASTNode & { callee: ASTNode }).callee);
        if (copy) {
          const count = (node as ASTNode & { arguments: ASTNode[] }).arguments.length;
          for (let index = 0; index < count; index++) {
            const found = next(path.get('arguments', index) as AnyPath);
            if (!found) continue;
            const refused = this.copyRefusal(path as ASTPath<CallExpression>, copy, index, role, state.headersOption);
            if (refused === undefined) return found;
            state.unfollowed ??= refused;
            return undefined;
          }
          return undefined;
        }
        // `headers: authHeaders()`: what a local function returns is what the request reads, and the
        // call is where a per-request edit goes. `escapingUse` then checks every caller is a request here.
        const fn = this.returnerOf(path.get('callee') as AnyPath);
        if (!fn) return undefined;
        const here: Reference = reference ?? { path, role };
        for (const returned of this.returnedValues(fn.function)) {
          const found = this.reach(returned, role, target, here, state, depth + 1);
          if (found) {
            if (!fn.callersAllHere()) return undefined;
            state.returners.set(fn.function.node, fn);
            state.through.push(rangeOf(fn.function.node));
            return found;
          }
        }
        return undefined;
      }
      case 'MemberExpression': {
        // `axios.get(url, this.requestConfig)`: what a private getter returns, read where the request takes it.
        const getter = this.privateGetter(path);
        if (!getter) return this.reachThroughField(path, role, target, reference, state, depth);
        const here: Reference = reference ?? { path, role };
        for (const returned of this.returnedValues(getter.function)) {
          const found = this.reach(returned, role, target, here, state, depth + 1);
          if (found) {
            state.returners.set(getter.function.node, getter);
            state.through.push(rangeOf(getter.function.node));
            return found;
          }
        }
        return undefined;
      }
      case 'NewExpression': {
        const callee = (node as ASTNode & { callee: ASTNode }).callee;
        if (role !== 'headers' || !isNodeType(callee, 'Identifier') || !HEADERS_CONSTRUCTORS.includes(callee.name)) return undefined;
        return (node as ASTNode & { arguments: ASTNode[] }).arguments.length > 0 ? next(path.get('arguments', 0) as AnyPath) : undefined;
      }
      case 'Identifier': {
        const binding = this.bindingOf(path);
        const declarator = parentOf(binding);
        if (!binding || !declarator || !isNodeType(declarator.node, 'VariableDeclarator') || binding.name !== 'id') return undefined;
        const here: Reference = reference ?? { path, role };
        const values: AnyPath[] = [];
        if (declarator.node.init) values.push(declarator.get('init') as AnyPath);
        // `let options; options = {…}`, `options.headers = {…}` and `Object.assign(options, {…})`: values written later count too.
        const written: { value: AnyPath; role: Role; copiedBy?: { call: ASTPath<CallExpression>; copy: ObjectCopy; index: number } }[] = [];
        for (const use of this.referencesOf(binding)) {
          const parent = parentOf(use);
          const grand = parentOf(parent);
          const copy = parent && isNodeType(parent.node, 'CallExpression') && (parent.node.arguments as ASTNode[])[0] === use.node ? this.objectCopyOf(parent.node.callee) : undefined;
          if (parent && isNodeType(parent.node, 'AssignmentExpression') && use.name === 'left' && parent.node.operator === '=') {
            written.push({ value: parent.get('right') as AnyPath, role });
          } else if (parent && copy?.intoFirst === true) {
            const call = parent as ASTPath<CallExpression>;
            for (let index = 1; index < call.node.arguments.length; index++) written.push({ value: call.get('arguments', index) as AnyPath, role, copiedBy: { call, copy, index } });
          } else if (
            role === 'options' && parent && grand && isNodeType(parent.node, 'MemberExpression') && use.name === 'object' &&
            this.propertyName(parent.node.property, parent.node.computed ?? false) === 'headers' &&
            isNodeType(grand.node, 'AssignmentExpression') && parent.name === 'left' && grand.node.operator === '='
          ) {
            written.push({ value: grand.get('right') as AnyPath, role: 'headers' });
          }
        }
        for (const value of [...values.map((item) => ({ value: item, role, copiedBy: undefined })), ...written]) {
          const found = this.reach(value.value, value.role, target, here, state, depth + 1);
          const refused = found && value.copiedBy ? this.copyRefusal(value.copiedBy.call, value.copiedBy.copy, value.copiedBy.index, value.role, state.headersOption) : undefined;
          if (refused !== undefined) {
            state.unfollowed ??= refused;
            return undefined;
          }
          if (found) {
            state.holders.set(binding.node, binding);
            // The copy's call holds the variable as its target: a use there is part of the path.
            state.through.push(rangeOf((value.copiedBy?.call ?? value.value).node));
            return found;
          }
        }
        return undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * `fetch(url, { headers: this.#headers })` with `this.#headers = new Headers({ 'x-token': token })`
   * in the constructor: a private field is a variable of the class. It is followed only when nothing
   * but the constructor writes it, so what a request reads is one of the values seen here; every
   * other read of it must then be one of the finding's requests (`escapingUse`). A protected field is
   * the same variable of its class and of the classes that extend it, followed when all of those are
   * in this file (a base service class whose subclasses make the requests).
   */
  private reachThroughField(path: AnyPath, role: Role, target: ASTNode, reference: Reference | undefined, state: ReachState, depth: number): Reach | undefined {
    const field = this.heldField(path);
    if (!field) return undefined;
    if ('refused' in field) {
      state.unfollowed ??= field.refused;
      return undefined;
    }
    const here: Reference = reference ?? { path, role };
    for (const value of field.values) {
      const found = this.reach(value, role, target, here, state, depth + 1);
      if (found) {
        state.fields.set(field.declaration, field);
        state.through.push(rangeOf(value.node));
        return found;
      }
    }
    for (const { value, call, copy, index } of field.copiedIn) {
      const found = this.reach(value, role, target, here, state, depth + 1);
      if (!found) continue;
      const refused = this.copyRefusal(call, copy, index, role, state.headersOption);
      if (refused !== undefined) {
        state.unfollowed ??= refused;
        return undefined;
      }
      state.fields.set(field.declaration, field);
      state.through.push(rangeOf(call.node));
      return found;
    }
    for (const value of field.copiedLater) {
      if (!this.reach(value, role, target, here, state, depth + 1)) continue;
      state.unfollowed ??= `the header is copied into \`this.${field.name}\` outside the constructor of its class (line ${this.position(value.node).line}), so requests made before that copy send no x-token, and the OAuth token would go with them too`;
      return undefined;
    }
    return undefined;
  }

  private heldField(member: AnyPath): (PrivateField & { declaration: ASTNode; classBody: AnyPath }) | { refused: string } | undefined {
    const own = this.classMemberAt(member);
    const found = own ?? this.inheritedMemberAt(member);
    if (!found) return undefined;
    const { name, classBody } = found;
    const declaration = found.path.node as ASTNode & { accessibility?: string; value?: ASTNode | null };
    const inherited = isNodeType(declaration, 'ClassProperty') && declaration.accessibility === 'protected';
    // Only a protected field is the subclasses' to read (TypeScript says so of a private one).
    if (!own && !inherited) return undefined;
    if (!(isNodeType(declaration, 'ClassPrivateProperty') || (isNodeType(declaration, 'ClassProperty') && declaration.accessibility === 'private') || inherited)) return undefined;
    const family = inherited ? this.extendingBodies(classBody, name) : { bodies: [] };
    if ('refused' in family) return family;
    const items = (classBody.node as ASTNode & { body: ASTNode[] }).body;
    const constructor = items.findIndex((item) => isNodeType(item, 'ClassMethod') && (item as ASTNode & { kind: string }).kind === 'constructor');
    const constructorRange = constructor < 0 ? undefined : rangeOf(items[constructor] as ASTNode);
    const values: AnyPath[] = declaration.value ? [found.path.get('value') as AnyPath] : [];
    const reads: AnyPath[] = [];
    const copiedIn: PrivateField['copiedIn'][number][] = [];
    const copiedLater: AnyPath[] = [];
    for (const use of [classBody, ...family.bodies].flatMap((body) => this.thisMembers(body, name))) {
      const parent = parentOf(use);
      const inConstructor = constructorRange !== undefined && contains(constructorRange, rangeOf(use.node)) && this.enclosingFunctionPath(use)?.node === (items[constructor] as ASTNode);
      const copy = parent && isNodeType(parent.node, 'CallExpression') && (parent.node.arguments as ASTNode[])[0] === use.node ? this.objectCopyOf(parent.node.callee) : undefined;
      if (copy?.intoFirst === true && parent) {
        // Copied into once, as the instance is made: what a request reads holds the copy's keys.
        const call = parent as ASTPath<CallExpression>;
        for (let index = 1; index < call.node.arguments.length; index++) {
          if (inConstructor) copiedIn.push({ value: call.get('arguments', index) as AnyPath, call, copy, index });
          else copiedLater.push(call.get('arguments', index) as AnyPath);
        }
        if (inConstructor) continue;
      }
      if (parent && isNodeType(parent.node, 'AssignmentExpression') && use.name === 'left') {
        // A write after construction, or one that combines (`+=`), could hold anything at a request;
        // so could a subclass's, in its own constructor too.
        if (parent.node.operator !== '=' || !inConstructor) {
          return { refused: `\`this.${name}\`, which holds the header, is written outside the constructor (line ${this.position(use.node).line}), so a request may read whatever was written last; the codemod follows a ${inherited ? 'protected field only when the constructor of its class' : 'private field only when the constructor'} alone writes it` };
        }
        values.push(parent.get('right') as AnyPath);
      } else {
        reads.push(use);
      }
    }
    return { name, values, reads, copiedIn, copiedLater, declaration, classBody };
  }

  /**
   * `this.headers` in a class that extends the one declaring `headers`, in this file
   * (`class Sequences extends KeptnFetchBase`): the member as `classMemberAt` gives it, found in
   * the nearest base class that declares it.
   */
  private inheritedMemberAt(thisMember: AnyPath): { name: string; classBody: AnyPath; path: AnyPath } | undefined {
    const name = isNodeType(thisMember.node, 'MemberExpression') && isNodeType(thisMember.node.object as ASTNode, 'ThisExpression') ? this.classMemberName(thisMember.node) : undefined;
    if (name === undefined || name.startsWith('#')) return undefined;
    let classBody = parentOf(thisMember);
    while (classBody && classBody.node.type !== 'ClassBody') classBody = parentOf(classBody);
    for (let hops = 0; classBody && hops < 8; hops++) {
      const superClass = (parentOf(classBody)?.get('superClass') as AnyPath | undefined);
      const binding = superClass && isNodeType(superClass.node, 'Identifier') ? this.bindingOf(superClass) : undefined;
      const base = binding ? parentOf(binding) : undefined;
      if (!base || binding?.name !== 'id' || !isNodeType(base.node, 'ClassDeclaration')) return undefined;
      classBody = base.get('body') as AnyPath;
      const index = (classBody.node as ASTNode & { body: ASTNode[] }).body.findIndex((item) => (item as ASTNode & { static?: boolean }).static !== true && this.classMemberName(item) === name);
      if (index >= 0) return { name, classBody, path: classBody.get('body', index) as AnyPath };
    }
    return undefined;
  }

  /**
   * The bodies of the classes that extend the one around `classBody`, all in this file, which read
   * its protected field `name` as it does; or why they cannot all be seen, or one declares a
   * member of that name, which the class's own code would then read on its instances.
   */
  private extendingBodies(classBody: AnyPath, name: string): { bodies: AnyPath[] } | { refused: string } {
    const declaration = this.estreeNode(parentOf(classBody)?.node ?? classBody.node, 'ClassDeclaration');
    const subject = `\`this.${name}\`, which holds the header, is a protected field`;
    if (declaration?.type !== AST_NODE_TYPES.ClassDeclaration) return { refused: `${subject} of a class the codemod cannot follow to every class that extends it` };
    const subclasses = this.facts().analysis.subclassesOf(declaration);
    if ('why' in subclasses) {
      const named = subclasses.name === declaration.id?.name ? `\`${subclasses.name}\`` : `\`${subclasses.name}\`, which extends its class,`;
      const refused = {
        'handed-on': `${subject}, and ${named} is used as a value other than in \`new\` or \`extends\`, so classes the codemod cannot see may extend it and read the field`,
        unsearched: this.options.library === true
          ? `${subject}, and ${named} is exported from a library (--library), so classes in other packages may extend it and read the field`
          : `${subject}, and ${named} is exported, and the codemod cannot search the project's other modules for classes that extend it and read the field`,
        elsewhere: `${subject}, and a class in another module extends \`${subclasses.name}\` (${'file' in subclasses ? `${path.relative(path.dirname(this.file.path), subclasses.file)}:${subclasses.line}` : ''}), where its code may read the field`,
      }[subclasses.why];
      return { refused: `${refused}; the codemod follows a protected field only when every class that extends its class is in this file` };
    }
    const bodies: AnyPath[] = [];
    for (const subclass of subclasses.classes) {
      const body = this.babelPath(subclass.body, 'ClassBody');
      if (!body) return { refused: `${subject} of a class the codemod cannot follow to every class that extends it` };
      const own = (body.node as ASTNode & { body: ASTNode[] }).body.find((item) => (item as ASTNode & { static?: boolean }).static !== true && this.classMemberName(item) === name);
      if (own) return { refused: `${subject}, and \`${subclass.id?.name ?? 'a class'}\`, which extends its class, declares \`${name}\` again (line ${this.position(own).line}), which the base class's code then reads on its instances` };
      bodies.push(body);
    }
    return { bodies };
  }

  /**
   * A variable the header object passed through that is also used where no request of the
   * finding reads it (handed to a function, returned, stored): removing the header there would
   * change what that use sees, so the site is left for a person. A use that is only logged is no
   * such use: it goes into `state.logged`, for the edit to keep what it logs a plain object.
   */
  private escapingUse(finding: XTokenFinding, state: ReachState): string | undefined {
    const sites = finding.sites.map((site) => ({ start: site.node.range[0], end: site.node.range[1] }));
    for (const returner of state.returners.values()) {
      for (const call of returner.calls()) {
        const range = rangeOf(call.node);
        if (sites.some((site) => contains(site, range)) || state.through.some((through) => contains(through, range))) continue;
        const statement = this.statementOf(call);
        const shown = statement ? quotedCode(this.text(statement.node).split('\n')[0] ?? '') : returner.name;
        // `console.log(headers())`, `logger.debug('GET', this.options)`: what it returns, only logged.
        const called = parentOf(call);
        const read = returner.getter ? call : called && isNodeType(called.node, 'CallExpression') && call.name === 'callee' ? called : undefined;
        if (read && this.onlyLogged(read)) {
          state.logged.push({ subject: returner.getter ? `the getter \`${returner.name}\`` : `\`${returner.name}()\``, line: this.position(call.node).line, shown });
          continue;
        }
        return `${returner.getter ? `the getter \`${returner.name}\`` : `\`${returner.name}()\``} returns the header and is also used on line ${this.position(call.node).line} (\`${shown}\`), where the codemod sees no request of this header`;
      }
    }
    const onPath = (use: AnyPath): boolean => {
      const range = rangeOf(use.node);
      return sites.some((site) => contains(site, range)) || state.through.some((through) => contains(through, range));
    };
    for (const binding of state.holders.values()) {
      for (const use of this.referencesOf(binding)) {
        if (onPath(use) || this.isWriteInto(use) || this.copiedIntoItself(use, binding)) continue;
        const parent = parentOf(use);
        const parentNode = parent?.node;
        // `options.url = …`, `options.timeout`: reading or writing one member hands nothing on.
        if (isNodeType(parentNode, 'MemberExpression') && use.name === 'object' && this.propertyName(parentNode.property, parentNode.computed ?? false) !== 'headers') continue;
        if (isNodeType(parentNode, 'AssignmentExpression') && use.name === 'left') continue;
        const why = this.otherUseWhy(use, (binding.node as Identifier).name, state);
        if (why !== undefined) return why;
      }
    }
    for (const field of state.fields.values()) {
      for (const use of field.reads) {
        // `this.headers['x-token'] = t`, `this.headers.set(…)`: writing into the object hands it nowhere.
        if (onPath(use) || this.isWriteInto(use)) continue;
        const why = this.otherUseWhy(use, `this.${field.name}`, state);
        if (why !== undefined) return why;
      }
    }
    return undefined;
  }

  /** A use of a holder (`name`) off the requests' path: only logged (kept in `state.logged`), or the reason the site is left. */
  private otherUseWhy(use: AnyPath, name: string, state: ReachState): string | undefined {
    const statement = this.statementOf(use);
    const line = this.position(use.node).line;
    const shown = statement ? quotedCode(this.text(statement.node).split('\n')[0] ?? '') : name;
    if (this.onlyLogged(use)) {
      state.logged.push({ subject: `\`${name}\``, line, shown });
      return undefined;
    }
    return `\`${name}\` is also used on line ${line} (\`${shown}\`), where the codemod cannot tell what it does with the header`;
  }

  /**
   * Why a header that is also logged cannot be migrated with the edits that keep the logged object
   * what it was without the x-token (the token added at each request, or the helper's fetch): the
   * form its uses take; undefined when they are all requests of a client migrated that way.
   */
  private notForLogged(uses: readonly Use[], finding: XTokenFinding): string | undefined {
    if (finding.keptFor) return 'a header split between services';
    for (const use of uses) {
      if (use.type === 'instance' || use.type === 'instance-requests') return 'a header an instance sends';
      if (use.type === 'request-object') return 'a header in a `new Request(…)`';
      if (use.type !== 'request') continue;
      // Only a request given its headers in an object at the call can get the token in an object of its own (or from the
      // helper's fetch); callback-style ones (node's, the request package's) get it in the object they are given.
      const client = httpClients[use.info.client.kind];
      if (client.headersOption === undefined || client.callback !== undefined) return `${use.info.client.kind} requests`;
      const routes = this.recordSiteRoute(use.site)?.routes;
      if (routes?.some(isTokenCheckRoute) === true) return 'a token check';
    }
    return undefined;
  }

  /** The reason a site that is also logged is left, naming the first log: `` `opts` is also logged on line 27 (…), and … ``. */
  private loggedWhy(logged: readonly LoggedRead[], and: string): string {
    const [first] = logged;
    return first ? `${first.subject} is also logged on line ${first.line} (\`${first.shown}\`), and ${and}` : and;
  }

  /** Whether the analysis finds a read used only by logging calls (analysis/logged-reads.ts). */
  private onlyLogged(read: AnyPath): boolean {
    const type = ['Identifier', 'MemberExpression', 'CallExpression'].includes(read.node.type) ? read.node.type : undefined;
    const estree = type === undefined ? undefined : this.estreeNode(read.node, type);
    return estree !== undefined && this.facts().analysis.onlyLogged(estree);
  }

  /**
   * `opts = { ...opts, data }`, `opts = Object.assign({}, opts, { data })`: the object copied, header
   * and all, back into the variable it is read from, which the requests then read; what the edit
   * changes in the header goes the same way.
   */
  private copiedIntoItself(reference: AnyPath, binding: AnyPath): boolean {
    let copy = parentOf(reference);
    if (!copy) return false;
    if (isNodeType(copy.node, 'SpreadElement')) copy = parentOf(copy);
    else if (!(isNodeType(copy.node, 'CallExpression') && this.copiesLikeAssign(copy.node.callee) && typeof reference.name === 'number' && reference.name > 0)) return false;
    if (!copy || !(isNodeType(copy.node, 'ObjectExpression') || isNodeType(copy.node, 'CallExpression'))) return false;
    for (let up = parentOf(copy); up && TRANSPARENT_WRAPPERS.has(up.node.type); up = parentOf(copy)) copy = up;
    const assignment = parentOf(copy);
    if (!assignment || !isNodeType(assignment.node, 'AssignmentExpression') || assignment.node.operator !== '=' || copy.name !== 'right') return false;
    const target = assignment.get('left') as AnyPath;
    return isNodeType(target.node, 'Identifier') && this.bindingOf(target)?.node === binding.node;
  }

  private isWriteInto(reference: AnyPath): boolean {
    let object = reference;
    // `(headers as Record<string, string>)['x-token'] = t` writes into `headers` all the same.
    for (let up = parentOf(object); up && TRANSPARENT_WRAPPERS.has(up.node.type); up = parentOf(object)) object = up;
    let parent = parentOf(object);
    const first = parent?.node;
    // `Object.assign(headers, { accept })` as a statement: copies into the object, hands it to nothing.
    if (isNodeType(first, 'CallExpression') && (first.arguments as ASTNode[])[0] === object.node && this.assignsIntoFirst(first.callee)) {
      return isNodeType(parentOf(parent)?.node, 'ExpressionStatement');
    }
    if (!parent || !isNodeType(first, 'MemberExpression') || object.name !== 'object') return false;
    let parentNode: MemberExpression = first;
    // `options.headers['x-token'] = t` (`options.headers!['x-token']`) writes into the headers the options hold.
    let headers = parent;
    for (let up = parentOf(headers); up && TRANSPARENT_WRAPPERS.has(up.node.type); up = parentOf(headers)) headers = up;
    const outer = parentOf(headers);
    const outerNode = outer?.node;
    if (outer && this.propertyName(first.property, first.computed ?? false) === 'headers' && isNodeType(outerNode, 'MemberExpression') && headers.name === 'object') {
      parent = outer;
      parentNode = outerNode;
    }
    const grand = parentOf(parent)?.node;
    if (isNodeType(grand, 'AssignmentExpression') && parent.name === 'left') return true;
    if (isNodeType(grand, 'CallExpression') && parent.name === 'callee') {
      const method = this.propertyName(parentNode.property, parentNode.computed ?? false);
      return method !== undefined && ['set', 'append', 'delete', 'has', 'get', 'forEach'].includes(method);
    }
    return false;
  }

  // ── which client is this? ───────────────────────────────────────────────────────────

  // ── routes: what the requests hit, so the report can name the scopes ───────────────

  // ── rewrites ────────────────────────────────────────────────────────────────────────

  /** Every finding reaching here is sure enough (see migrateFinding): a site the codemod cannot rewrite is marked. */
  private leaveSite(path: AnyPath, what: string, why: string, todo: string): void {
    this.leave(path, what, why, todo);
  }

  /** The removal an `x-token` property needs: the property, or a conditional spread holding only it. */
  private removalTarget(property: AnyPath): { target: AnyPath; container: AnyPath } {
    const object = parentOf(property) as AnyPath;
    let current: AnyPath = object;
    for (;;) {
      const parent = parentOf(current);
      if (!parent) break;
      if (parent.node.type === 'LogicalExpression' || parent.node.type === 'ParenthesizedExpression' || (parent.node.type === 'ConditionalExpression' && current.name !== 'test')) {
        current = parent;
        continue;
      }
      if (parent.node.type === 'SpreadElement' && (object.node as ObjectExpression).properties.length === 1) {
        return { target: parent, container: parentOf(parent) as AnyPath };
      }
      break;
    }
    return { target: property, container: object };
  }

  /**
   * What a conditional header depends on, as the analysis reads it (analysis/header-condition.ts):
   * `token` when every test it is sent under asks only whether the token it sends is there, so the
   * optional client (send when OAuth is configured) keeps its sense; otherwise the first test that
   * asks something else (`isKeptn`, `authenticated`), which no client can know and which must stay
   * where it is, quoted as it must come out for the header to be sent; `mixed` when a test also
   * reads the token, which kept as it is would still decide whether the OAuth token is sent.
   */
  private conditionOf(finding: XTokenFinding): { readonly on: 'token' } | { readonly on: 'other' | 'mixed'; readonly test: string } | undefined {
    const condition = finding.condition();
    if (condition?.on !== 'other' && condition?.on !== 'mixed') return condition && { on: 'token' };
    const [start, end] = condition.test.range;
    return { on: condition.on, test: quotedCode(conditionText(this.source.slice(start, end).replace(/\s+/gu, ' '), condition.outcome)) };
  }

  /**
   * A header whose value holds a test of something other than the token (`'x-token': isCloud ?
   * token : undefined`). A client that leaves out a header whose value is `undefined`
   * (`dropsUndefinedHeader`) lets the test stay in the value, with the OAuth token taking the place
   * of the one it sends (`sent`, with the test as the report shows it). Anywhere else, and where a
   * failed test leaves a value other than `undefined` (`null`, the test's own `false`, `0` or `''`),
   * which a client may send as the header's text, the site is marked (`why`). Undefined when the
   * value holds no such test; a test that also reads the token is the callers' `mixed` condition.
   */
  private testInValue(finding: XTokenFinding, value: ASTNode | undefined, sentBy: readonly HttpClientKind[] | { readonly notKept: string }): { readonly sent: AnyPath; readonly test: string } | { readonly why: string } | undefined {
    const inValue = finding.condition()?.inValue;
    const condition = this.conditionOf(finding);
    if (!value || !inValue || condition?.on !== 'other') return undefined;
    const leftOut = `the header's value \`${quotedCode(this.text(this.unwrapped(value)))}\` leaves it out unless \`${condition.test}\`, which asks something other than whether a token is set`;
    if (inValue.otherwise !== 'undefined') {
      const otherwise = inValue.otherwise === 'null' ? '`: null`' : 'the test\'s own value (`false`, `0` or `\'\'`)';
      return { why: `${leftOut}, and what it leaves when the test fails, ${otherwise}, is a value a client may send as the header's text or refuse rather than leave the header out; the codemod keeps a test in the value only in the form \`<test> ? <token> : undefined\`` };
    }
    const others = 'notKept' in sentBy ? [] : [...new Set(sentBy)].filter((kind) => httpClients[kind].dropsUndefinedHeader !== true);
    const notKept = 'notKept' in sentBy ? sentBy.notKept
      : others.length > 0 ? `this header is sent by ${others.join(' and ')} requests`
      : sentBy.length === 0 ? 'the codemod sees no request that sends this header'
      : undefined;
    if (notKept !== undefined) return { why: `${leftOut}; the codemod keeps that test in the value only in an entry or an assignment for axios and got requests, which leave out a header set to \`<test> ? <token> : undefined\` when the test fails, and ${notKept}` };
    // Outermost first: the node that is the branch itself, not one inside it that spans the same text.
    const [sent] = this.shared.index.atRange(inValue.sent.range[0], inValue.sent.range[1]);
    if (!sent) return { why: `${leftOut}, and the codemod cannot place the OAuth token where the value sends the x-token` };
    return { sent, test: condition.test };
  }

  /**
   * The optional client for a credential sent only when configured, or undefined (the site is
   * marked) when the user's own helper has no such form: an unconditional token would break
   * every deployment that relied on sending none.
   */
  private conditionalClient(site: AnyPath, what: string): string | undefined {
    const optional = this.optionalClient();
    if (optional === undefined) {
      this.leaveSite(
        site,
        what,
        'the header is sent only when a token is configured, and the configured helper has no form that authorizes only when configured',
        `send Authorization only when OAuth is configured (cloud-automation-oauth has ${helperExports.optionalClientFromEnv}() for this)`,
      );
    }
    return optional;
  }

  /**
   * A request of a wrapper whose methods return an Observable (Nest's `HttpService`) made outside
   * an async function: the token can only be chained before it, which turns the Observable the
   * caller gets into a Promise of one.
   */
  private observableOutsideAsync(requests: readonly Use[]): { readonly call: AnyPath; readonly label: string } | undefined {
    for (const use of requests) {
      const wrapper = use.type === 'request' ? use.site.client.wrapper : undefined;
      if (use.type === 'request' && wrapper?.returns === 'observable' && !this.isAsyncContext(use.call)) return { call: use.call, label: wrapper.label };
    }
    return undefined;
  }

  /**
   * Why an Observable request made outside async code (see observableOutsideAsync) cannot wait for
   * the token inside the Observable: `defer(() => client.authorizationHeader()).pipe(switchMap(
   * (authorization) => this.http.get(url, { headers: { Authorization: authorization } })))`.
   * That is still an Observable the caller subscribes to, as lazy as the request was: `defer`
   * fetches the token at each subscription (the helper caches it), a token error errors it as a
   * request error would, and unsubscribing before the token is there sends nothing. What changes
   * is when the request's arguments are read: at each subscription, not where it is made. So only
   * a request the function returns (piped or not), whose caller subscribes to what it gets, with
   * arguments that only read values (no call would run again at each subscription), and with the
   * header its own and unconditional. Undefined when it can.
   */
  private observableNotDeferred(finding: XTokenFinding, container: AnyPath, call: AnyPath, uses: readonly Use[]): string | undefined {
    if (uses.length !== 1 || !contains(rangeOf(call.node), rangeOf(container.node))) return 'the headers are built outside the request';
    if (this.conditionOf(finding) !== undefined) return 'the header is sent under a condition';
    if (this.style.commonJs) return 'the file loads modules with `require`, and the codemod adds rxjs imports only to ES modules';
    let returned: AnyPath = call;
    // `return this.http.get(…).pipe(map(…))`: the piped Observable is still what the caller subscribes to.
    for (let member = parentOf(returned), piped = member ? parentOf(member) : undefined; member && piped; member = parentOf(returned), piped = member ? parentOf(member) : undefined) {
      if (!isNodeType(member.node, 'MemberExpression') || member.node.computed || this.propertyName(member.node.property, false) !== 'pipe' || !isNodeType(piped.node, 'CallExpression') || piped.node.callee !== member.node) break;
      returned = piped;
    }
    const holder = parentOf(returned)?.node;
    if (!isNodeType(holder, 'ReturnStatement') && !(isNodeType(holder, 'ArrowFunctionExpression') && holder.body === returned.node)) {
      return 'the Observable is kept or passed on here, not returned: behind the token its arguments would be read whenever it is subscribed, not where it is made';
    }
    const effect = (call.node as CallExpression).arguments.map((argument) => this.notOnlyReads(argument as ASTNode, call)).find((found) => found !== undefined);
    if (effect !== undefined) return `its arguments do more than read values (\`${quotedCode(this.text(effect), 40)}\`), which behind the token would run at each subscription instead of once where the request is made`;
    for (const [name, modules] of RXJS_DEFERRAL) {
      const scope = scopeDeclaring(call, name);
      const own = scope === null ? undefined : this.rxjsImport(name, modules);
      if (scope !== null && own === undefined) return `the file has a \`${name}\` of its own, where the codemod would import rxjs's`;
    }
    return undefined;
  }

  /**
   * The first part of an argument of `call` that does more than read a value (a call, an
   * assignment, `new`, `await`); undefined when there is none. A call of one of the global
   * functions that only compute a value from their arguments (`encodeURIComponent(name)`) reads
   * as its arguments do: made again at each subscription, it gives what it gave where the
   * request was made. Not when something of that name (a parameter, a function, an import) is in
   * scope at the request: that may do anything.
   */
  private notOnlyReads(node: ASTNode, call: AnyPath): ASTNode | undefined {
    if (ONLY_READS.has(node.type)) return undefined;
    if (isNodeType(node, 'UnaryExpression') && node.operator === 'delete') return node;
    if (isNodeType(node, 'CallExpression') && isNodeType(node.callee, 'Identifier') && PURE_GLOBAL_FUNCTIONS.has(node.callee.name) && scopeDeclaring(call, node.callee.name) === null) {
      return (node.arguments as ASTNode[]).map((argument) => this.notOnlyReads(argument, call)).find((found) => found !== undefined);
    }
    if (!READS_OF_PARTS.has(node.type)) return node;
    let found: ASTNode | undefined;
    for (const [key, child] of Object.entries(node)) {
      if (found !== undefined || key === 'loc' || key === 'typeAnnotation' || key === 'typeParameters' || key === 'leadingComments' || key === 'trailingComments') continue;
      const children = Array.isArray(child) ? (child as unknown[]) : [child];
      for (const part of children) {
        if (found === undefined && part !== null && typeof part === 'object' && typeof (part as { type?: unknown }).type === 'string') found = this.notOnlyReads(part as ASTNode, call);
      }
    }
    return found;
  }

  /** The import of rxjs's `name` from one of `modules` under that name, if the file has one. */
  private rxjsImport(name: string, modules: readonly string[]): ASTNode | undefined {
    const body = ((this.root.get() as AnyPath).node as ASTNode & { program: { body: ASTNode[] } }).program.body;
    return body.find(
      (statement) =>
        isNodeType(statement, 'ImportDeclaration') && statement.importKind !== 'type' && modules.includes((statement.source as { value: string }).value) &&
        (statement.specifiers as ASTNode[]).some((specifier) => isNodeType(specifier, 'ImportSpecifier') && (specifier as ASTNode & { importKind?: string }).importKind !== 'type' && this.propertyName(specifier.imported, false) === name && specifier.local?.name === name),
    );
  }

  /**
   * `defer(() => client.authorizationHeader()).pipe(switchMap((authorization) => call))`: the
   * Observable request waits for the token inside the Observable (see observableNotDeferred).
   */
  private deferBehindToken(call: ASTPath<CallExpression>, parameter: string): void {
    if (this.wrappedCalls.has(call.node)) return;
    this.wrappedCalls.add(call.node);
    const { start, end } = rangeOf(call.node);
    this.edits.push(
      { start, end: start, text: `defer(() => ${this.tokenPromise(undefined)}).pipe(switchMap((${parameter}) => ` },
      { start: end, end, text: '))' },
    );
    this.rxjsWanted = true;
  }

  /**
   * `defer` and `switchMap`, imported where the file imports from rxjs already: into its
   * `import { … } from 'rxjs'` / `'rxjs/operators'`, or a line of their own after the rxjs import
   * (or the last import the migration keeps, see addNamedImports). `switchMap` from `rxjs/operators`, which rxjs 6 and 7 both export it from
   * (the root only since 7.2), unless the file imports it already.
   */
  protected override addImports(): void {
    if (!this.rxjsWanted) return;
    const wanted = [...RXJS_DEFERRAL].filter(([name, modules]) => this.rxjsImport(name, modules) === undefined).map(([name, modules]) => ({ module: modules[0] as string, names: [name] }));
    this.addNamedImports(wanted, (module) => /^rxjs(?:\/|$)/u.test(module));
  }

  private migrateProperty(property: AnyPath, finding: XTokenFinding): void {
    try {
      this.migratePropertyAt(property, finding);
    } finally {
      this.loggedReads = [];
    }
  }

  private migratePropertyAt(property: AnyPath, finding: XTokenFinding): void {
    const statement = this.statementOf(property);
    if (statement && this.hasMarker(statement.node)) {
      const { line, column } = this.position(property.node);
      this.manual.push({ line, column, what: 'x-token header', why: 'marked for a person by an earlier run', todo: 'finish the migration by hand and remove the marker' });
      return;
    }
    if (this.handOverReturnedHeader(property, finding)) return;
    const { target, container } = this.removalTarget(property);
    if (this.migrateSuperagentSetObject(property, target, container, finding)) return;
    const logged: LoggedRead[] = [];
    const read = this.usesOf(finding, container.node, logged);
    const unknown = read.find((use) => use.type === 'unknown');
    if (unknown) {
      if (finding.keptFor) this.leaveUnsplit(property, finding, unknown.why);
      else this.leaveSite(property, 'x-token header in an object', unknown.why, 'send the request through the OAuth helper (see docs/codemods/x-token-to-oauth.md)');
      return;
    }
    this.loggedReads = logged;
    const notForLogged = logged.length > 0 ? this.notForLogged(read, finding) : undefined;
    if (notForLogged !== undefined) {
      const why = this.loggedWhy(logged, `the codemod keeps a logged object free of credentials only where it adds the token at each request itself, not for ${notForLogged}`);
      if (finding.keptFor) this.leaveUnsplit(property, finding, why);
      else this.leaveSite(property, 'x-token header in an object', why, 'send the request through the OAuth helper (see docs/codemods/x-token-to-oauth.md)');
      return;
    }
    const kept = finding.keptFor ? this.splitUses(property, target, finding, read) : undefined;
    if (kept === null) return;
    const uses = kept ? read.filter((use) => use.type !== 'request' || !kept.requests.includes(use)) : read;
    if (kept) {
      this.migrateSplit(property, target, container, uses, kept);
      return;
    }
    const requests = uses.filter((use) => use.type === 'request');
    const instances = uses.filter((use) => use.type === 'instance');
    const requestObjects = uses.filter((use) => use.type === 'request-object');
    const instanceRequests = uses.filter((use) => use.type === 'instance-requests');
    const tokenChecks = [...requests, ...requestObjects].filter((use) => {
      const analysis = this.recordSiteRoute(use.site);
      return analysis?.routes.some(isTokenCheckRoute) === true && analysis.routes.every(isTokenCheckRoute);
    });
    if (tokenChecks.length > 0) {
      this.migrateTokenCheck(property, target, container, uses, finding);
      return;
    }
    const kinds = new Set(uses.map((use) => (use.type === 'unknown' ? 'unknown' : use.info.client.kind)));
    if (kinds.size !== 1 || (instances.length > 0 && requests.length > 0) || (instanceRequests.length > 0 && uses.length > 1)) {
      this.leave(property, 'x-token header shared by different clients', 'the same headers reach requests of different clients', 'migrate each client with the OAuth helper by hand');
      return;
    }
    const kind = [...kinds][0] as HttpClientKind;
    const otherAuthorization = this.sendsOtherAuthorization(container);
    const inTheWay = this.credentialInTheWay(container, kind, instances.length > 0 || instanceRequests.length > 0);
    if (inTheWay !== undefined) {
      this.leaveForCredential(property, instances.length > 0 ? 'instance' : 'request', inTheWay);
      return;
    }
    // `new HttpClient(ua, [new BearerCredentialHandler(t)])`: a handler sets its header after the request's own, over the helper's.
    const handlers = requests.map((use) => use.site.client.handlers).find((found) => found !== undefined);
    if (handlers !== undefined) {
      this.leave(property, 'x-token header next to request handlers', `the instance was made with request handlers on line ${handlers.loc.start.line}, which may set an \`Authorization\` of their own over the one the helper would send`, 'decide which credential Cloud Automation gets, then send `Authorization: await client.authorizationHeader()` or drop the handler');
      return;
    }
    const observable = this.observableOutsideAsync(requests);
    const notDeferred = observable === undefined ? undefined : this.observableNotDeferred(finding, container, observable.call, uses);
    if (observable !== undefined && notDeferred !== undefined) {
      this.leave(property, `x-token header on a ${observable.label} request outside an async function`, observableOutsideAsyncWhy(observable.label, this.position(observable.call.node).line, notDeferred), OBSERVABLE_TODO);
      return;
    }
    let optional: string | undefined;
    const inValue = otherAuthorization ? undefined : this.testInValue(finding, (property.node as ASTNode & { value?: ASTNode }).value, [kind]);
    if (inValue && 'why' in inValue) {
      this.leave(property, 'x-token header sent under a condition', inValue.why, IN_VALUE_TODO);
      return;
    }
    const condition = otherAuthorization ? undefined : this.conditionOf(finding);
    if (condition?.on === 'other' || condition?.on === 'mixed') {
      this.keepCondition(property, uses, kind, condition, inValue?.sent);
      return;
    }
    if (condition?.on === 'token') {
      optional = this.conditionalClient(property, 'x-token header sent only when a token is set');
      if (optional === undefined) return;
    }
    if (requestObjects.length > 0 && (requests.length > 0 || instances.length > 0)) {
      this.leave(property, 'x-token header shared by a Request object and other requests', 'the same headers reach `new Request(…)` and requests made another way', 'send each through the OAuth helper by hand');
    } else if (instanceRequests[0]) {
      this.migrateInstanceRequests(property, target, container, instanceRequests[0], optional);
    } else if (instances.length > 0) {
      this.migrateInstanceDefaults(property, target, container, instances, kind, optional);
    } else if (otherAuthorization && httpClients[kind].headersOption !== undefined) {
      // The request sends its own Authorization already: the x-token is only a leftover.
      this.removeHeader(target, container);
      this.markMigrated(property.node, kind, `x-token header removed (the ${requestObjects.length > 0 ? 'Request' : 'request'} already sends Authorization)`);
    } else if (requestObjects.length > 0) {
      this.migrateRequestObject(property, target, container, requestObjects, optional);
    } else if (kind === 'fetch' && this.keepsFetchModule(requests) !== undefined) {
      this.migrateFetchModuleRequest(property, target, container, requests, optional);
    } else if (kind === 'fetch') {
      this.removeHeader(target, container);
      for (const use of requests) this.useHelperFetch(use.call, optional);
      this.markMigrated(property.node, 'fetch', `x-token header → OAuth helper fetch${optional === undefined ? '' : ' (only when OAuth is configured)'}`);
    } else if (kind === 'axios' || kind === 'got' || kind === 'undici' || kind === 'ky' || kind === 'http-client' || kind === 'rest-client') {
      this.migratePerRequestHeader(property, target, container, requests, kind, optional);
    } else if (kind === 'node-http' || kind === 'request') {
      this.migrateCallbackStyleRequest(property, target, container, requests, kind, optional);
    } else {
      this.leave(property, `x-token header on a ${kind} request`, `${kind} requests are not migrated automatically`, 'set `Authorization` to `await client.authorizationHeader()` from the OAuth helper');
    }
  }

  /**
   * The requests of a split header (`XTokenFinding.keptFor`) that keep the x-token, and the entry
   * they get back where they read the header; null when the header cannot be split here, and is
   * left marked as the analysis would hold it back.
   */
  private splitUses(property: AnyPath, target: AnyPath, finding: XTokenFinding, uses: readonly Use[]): KeptXToken | null {
    const away = new Set(finding.keptFor?.map(({ request }) => request.node));
    const requests = uses.flatMap((use) => (use.type === 'request' && away.has(use.site.node) ? [use] : []));
    const value = (property.node as ASTNode & { value?: ASTNode }).value;
    if (target.node !== property.node || !value || isNodeType(value, 'AssignmentPattern')) {
      this.leaveUnsplit(property, finding, 'the header is not written as a plain property of the shared object');
      return null;
    }
    if (requests.length !== away.size) {
      this.leaveUnsplit(property, finding, 'the codemod cannot see where every request to the other service reads the shared headers');
      return null;
    }
    const key = this.text((property.node as ASTNode & { key: ASTNode }).key);
    const readOnce = this.keptAtLoad(finding, value, requests);
    return { finding, requests, entry: `${key}: ${readOnce?.name ?? this.text(value)}`, ...(readOnce ? { readOnce: readOnce.edit } : {}) };
  }

  /**
   * What the analysis found a header object built once, when the module loads, read from
   * `process.env` then (`XTokenFinding.keptAtLoad`): the other request must send that, not what the
   * environment says when it is made, so the value goes into a `const` right after the statement,
   * named after the first env var it reads.
   */
  private keptAtLoad(finding: XTokenFinding, value: ASTNode, requests: readonly Extract<Use, { type: 'request' }>[]): { readonly name: string; readonly edit: Edit } | undefined {
    const [env] = finding.keptAtLoad?.reads ?? [];
    const statement = finding.keptAtLoad ? this.babelPath(finding.keptAtLoad.statement) : undefined;
    if (!env || !statement) return undefined;
    const base = identifierAfter(env.name, 'xToken');
    // Free at module level and where each other request reads it (a parameter of that name would hide the `const`).
    const taken = new Set<string>();
    let name = this.freeName(statement, base, taken);
    while (requests.some((use) => scopeDeclaring(use.call, name))) {
      taken.add(name);
      name = this.freeName(statement, base, taken);
    }
    // Declared at module level by this pass, where the next shared object read at load must not take it again.
    this.namesDeclared.push({ name, block: rangeOf((parentOf(statement) ?? statement).node) });
    // After a comment that ends the statement's line, which stays with it.
    const end = rangeOf(statement.node).end;
    const rest = this.source.slice(end).split('\n', 1)[0] ?? '';
    const at = /^\s*(?:\/\/.*)?$/u.test(rest) ? end + rest.length : end;
    return { name, edit: { start: at, end: at, text: `\nconst ${name} = ${this.text(value)};` } };
  }

  /**
   * A shared header split (see `XTokenFinding.keptFor`): the x-token leaves the shared object, each
   * Cloud Automation request gets the OAuth token as a header of its own would (the helper's fetch,
   * or `Authorization` next to the shared headers it reads), and each request to another service
   * gets the x-token back where it reads them. Only for plain requests of one client, with no
   * condition on the header and no other credential near it; anything else stays marked.
   */
  private migrateSplit(property: AnyPath, target: AnyPath, container: AnyPath, uses: readonly Use[], kept: KeptXToken): void {
    const requests = uses.flatMap((use) => (use.type === 'request' ? [use] : []));
    const kinds = new Set([...uses, ...kept.requests].map((use) => (use.type === 'unknown' ? 'unknown' : use.info.client.kind)));
    const kind = [...kinds][0];
    const why =
      requests.length !== uses.length ? 'a Cloud Automation request takes the header through an instance or a request object, not a request of its own'
      : kinds.size !== 1 || kind === undefined || kind === 'unknown' ? 'the requests go through different clients'
      : requests.some((use) => {
          const routes = this.recordSiteRoute(use.site)?.routes ?? [];
          return routes.some(isTokenCheckRoute);
        }) ? 'a request is a token check, which is not migrated this way'
      : this.sendsOtherAuthorization(container) || this.credentialInTheWay(container, kind, false) !== undefined ? 'the shared headers carry another credential too'
      : requests.some((use) => use.site.client.handlers !== undefined) ? 'the instance was made with request handlers, which may set an `Authorization` of their own'
      : this.observableOutsideAsync(requests) !== undefined ? 'a request returns an Observable outside an async function, where the token cannot be awaited before it is made'
      : this.conditionOf(kept.finding) !== undefined ? 'the header is sent under a condition'
      : kind === 'fetch' && this.keepsFetchModule(requests) !== undefined ? 'a request keeps its fetch module, which the helper\'s fetch would not stand for'
      : kind === 'fetch' && kept.requests.some((use) => use.reference?.role !== 'headers') ? 'a request to the other service takes the whole request init, whose `headers` may be a `Headers` or a list of entries, which a spread would not copy'
      : kind !== 'fetch' && !['axios', 'got', 'undici', 'ky', 'http-client', 'rest-client', 'node-http'].includes(kind) ? `${kind} requests are not split`
      : undefined;
    if (why !== undefined) {
      this.leaveUnsplit(property, kept.finding, why);
      return;
    }
    if (kind === 'node-http') {
      this.migrateNodeHttpSplit(property, target, container, requests, kept);
      return;
    }
    if (kind !== 'fetch') {
      this.migratePerRequestHeader(property, target, container, requests, kind as HttpClientKind, undefined, undefined, kept);
      return;
    }
    const keptEdits = this.xTokenWrittenBack(property, kept, 'headers', true);
    if (!keptEdits) return;
    this.edits.push(...keptEdits);
    this.removeHeader(target, container);
    this.keepReadsOf(target, kept);
    for (const use of requests) this.useHelperFetch(use.call, undefined);
    this.markMigrated(property.node, 'fetch', 'x-token header → OAuth helper fetch for the Cloud Automation requests');
  }

  /**
   * The edits that give each request of a split header that keeps the x-token its `'x-token'`
   * entry back where it reads the shared headers (after the `const` a value read once at load
   * needs), or undefined, with the header marked, when one reads them in a shape the codemod does
   * not rewrite.
   */
  private xTokenWrittenBack(property: AnyPath, kept: KeptXToken, key: string, headersRemain: boolean): Edit[] | undefined {
    const edits: Edit[] = kept.readOnce ? [kept.readOnce] : [];
    for (const use of kept.requests) {
      const edit = use.reference ? this.entryAtRead(use.reference, use.call.node, key, kept.entry, headersRemain, false) : undefined;
      if (!edit) {
        this.leaveUnsplit(property, kept.finding, `the shared headers reach the request on line ${use.site.node.loc.start.line} in a shape the codemod does not rewrite`);
        return undefined;
      }
      edits.push(edit);
    }
    return edits;
  }

  /**
   * A split header read by node's `http(s).request`/`get`: each Cloud Automation request gets the
   * token as a node request of its own header would, awaited where it is made (`Authorization`
   * next to the shared headers it reads) or, outside async code, set on the request before it is
   * written, which waits for the token (see planDeferredSend); the shared object only loses the
   * x-token, which the requests to the other service get back where they read it.
   */
  private migrateNodeHttpSplit(property: AnyPath, target: AnyPath, container: AnyPath, requests: readonly Extract<Use, { type: 'request' }>[], kept: KeptXToken): void {
    const key = headersOptionOf(httpClients['node-http'], false);
    const headersRemain = (container.node as ObjectExpression).properties.length > 1;
    const planned: Edit[] = [];
    let deferred = 0;
    for (const use of requests) {
      const line = use.site.node.loc.start.line;
      if (this.isAsyncContext(use.call)) {
        const edit = use.reference ? this.entryAtRead(use.reference, use.call.node, key, this.authorizationEntry(true, undefined), headersRemain, false) : undefined;
        if (!edit) {
          this.leaveUnsplit(property, kept.finding, `the shared headers reach the request on line ${line} in a shape the codemod does not rewrite`);
          return;
        }
        planned.push(edit);
        continue;
      }
      // Made where it was, with the shared headers it reads (no x-token now): only its write waits for the token.
      const plan = planDeferredSend(this.deferralContext(), use.call, this.tokenPromise(undefined), false);
      if ('why' in plan) {
        this.leaveUnsplit(property, kept.finding, `the Cloud Automation request on line ${line} is made outside an async function and cannot wait for the OAuth token before it is sent: ${plan.why}`);
        return;
      }
      planned.push(...plan.edits);
      deferred++;
    }
    const keptEdits = this.xTokenWrittenBack(property, kept, key, headersRemain);
    if (!keptEdits) return;
    this.edits.push(...planned, ...keptEdits);
    this.removeHeader(target, container);
    this.keepReadsOf(target, kept);
    this.helperUsed(undefined);
    const waits = deferred === 0 ? '' : deferred === requests.length ? ', set on each before it is written, which waits for the token' : `, set on the ${deferred === 1 ? 'one' : `${deferred}`} made outside async code before it is written, which waits for the token`;
    this.markMigrated(property.node, 'node-http', `x-token header → Authorization from the OAuth helper for the Cloud Automation requests${waits}`);
  }

  /**
   * The x-token removed from a split header is written again at the other requests, so what its
   * value reads (the token's `const`, field or env var) is still read: not retired, neither
   * removed as unused nor reported as no longer sent.
   */
  private keepReadsOf(target: AnyPath, kept: KeptXToken): void {
    const index = this.retired.lastIndexOf(target);
    if (index >= 0) this.retired.splice(index, 1);
    const value = (target.node as ASTNode & { value?: ASTNode }).value;
    if (value) this.rewrittenReads.push({ range: rangeOf(value), writtenAt: kept.requests.map((use) => use.site.node.loc.start.line) });
  }

  /**
   * A shared header the analysis would split that the codemod cannot: marked as a held-back one is,
   * with what kept it from splitting.
   */
  private leaveUnsplit(property: AnyPath, finding: XTokenFinding, why: string): void {
    const [first] = finding.keptFor ?? [];
    const other = first ? `the same header is also sent by another request on line ${first.request.node.loc.start.line}, and ${first.reason}` : 'the same header is also sent by a request to another service';
    this.leave(
      property,
      'x-token header shared with another request',
      `${other}; ${unsplitBecause(why)}; none of them is rewritten`,
      'give the Cloud Automation requests headers of their own with `Authorization: await client.authorizationHeader()` from the OAuth helper (or send them with its fetch), and keep the x-token only where the other request needs it',
    );
  }

  /**
   * `headers: isKeptn ? { 'x-token': t } : {}`, `...(authenticated && { 'x-token': t })`: the test
   * asks something the helper cannot know, so it stays, and the OAuth header takes the x-token's
   * place under it. Only there: a helper fetch, an instance's interceptor, a token added at each
   * request would all send it whatever the test says. Where it is written must wait for a fresh
   * token at each request, so it must be in the async function that makes them.
   */
  private keepCondition(property: AnyPath, uses: readonly Use[], kind: HttpClientKind, { on, test }: { readonly on: 'other' | 'mixed'; readonly test: string }, sentInValue?: AnyPath): void {
    const what = 'x-token header sent under a condition';
    const todo = 'put `Authorization: await client.authorizationHeader()` from the OAuth helper where the x-token is, under the same condition';
    if (on === 'mixed') {
      this.leave(property, what, `the header is sent only when \`${test}\`, which asks whether the token is set and something else too: kept as it is, the old token would still decide whether the OAuth token is sent`, 'keep the other part of the condition, drop the token from it, and put `Authorization: await client.authorizationHeader()` where the x-token is');
      return;
    }
    const unless = (why: string): void => {
      this.leave(property, what, `the header is sent only when \`${test}\`, which asks something other than whether a token is set, so it must stay, with the OAuth token under it where the x-token was; but ${why}`, todo);
    };
    const requests = uses.filter((use): use is Extract<Use, { type: 'request' }> => use.type === 'request');
    if (requests.length !== uses.length || httpClients[kind].headersOption === undefined) {
      unless('it reaches an instance or a request object, which would send the token with every request it makes, whatever the test said when it was made');
      return;
    }
    const fn = this.enclosingFunctionPath(property);
    const madeAsync = fn !== undefined && (fn.node as ASTNode & { async?: boolean }).async !== true;
    const notAsync = 'it is not written in an async function, where the token can be awaited for each request';
    if (!fn) {
      unless(notAsync);
      return;
    }
    const whyNotAsync = madeAsync ? this.whyNotMadeAsync(fn, requests, kind, sentInValue?.node ?? property.node) : undefined;
    if (whyNotAsync !== undefined) {
      unless(`${notAsync}, and the codemod makes a function async only where that changes nothing its callers can see but the wait: ${whyNotAsync}`);
      return;
    }
    if (requests.some((use) => this.enclosingFunctionPath(use.call)?.node !== fn.node)) {
      unless('a request that sends it is made in another function, where the token written here may have expired');
      return;
    }
    // `{ ...extra, ...(isKeptn && { 'x-token': t }) }`: what is spread before may hold the caller's own Authorization.
    const own = parentOf(property);
    for (let inner: AnyPath | null | undefined = own, outer = own ? parentOf(own) : undefined; outer; inner = outer, outer = parentOf(outer)) {
      if (TRANSPARENT_WRAPPERS.has(outer.node.type) || isNodeType(outer.node, 'LogicalExpression') || isNodeType(outer.node, 'ConditionalExpression') || isNodeType(outer.node, 'SpreadElement')) continue;
      if (!isNodeType(outer.node, 'ObjectExpression') || !inner || !isNodeType(inner.node, 'SpreadElement')) break;
      const members = outer.node.properties as ASTNode[];
      if (members.slice(0, members.indexOf(inner.node)).some((member) => isNodeType(member, 'SpreadElement'))) {
      unless('what is spread before it may carry an `Authorization` of the caller\'s own, which the OAuth token would replace');
      return;
    }
    }
    if (sentInValue) {
      // `'x-token': isCloud ? t : undefined`: the key and what the value sends change; the test stays as written.
      const value = (property.node as ASTNode & { value: ASTNode }).value;
      this.retired.push(sentInValue);
      this.edits.push({ start: rangeOf(property.node).start, end: rangeOf(value).start, text: 'Authorization: ' }, { ...rangeOf(sentInValue.node), text: this.authorizationValue(true) });
    } else {
      this.retired.push(property);
      this.edits.push({ ...rangeOf(property.node), text: `Authorization: ${this.authorizationValue(true)}` });
    }
    if (madeAsync) this.makeAsync(fn);
    this.needsHelper = true;
    for (const use of requests) this.recordSiteRoute(use.site);
    const name = madeAsync ? this.functionName(fn) : undefined;
    const became = !madeAsync ? '' : name === undefined ? '; the function that returns the request is async now' : `; \`${name}()\`, which returns the request, is async now`;
    this.markMigrated(property.node, kind, `x-token header → Authorization from the OAuth helper, sent under the same condition (\`${test}\`${sentInValue ? ', kept in its value' : ''})${became}`);
  }

  /**
   * Why the function around a kept condition cannot become async so that the token is awaited
   * under the test (`awaitAt`: the x-token's member or value, where the await goes); undefined
   * when it can. It must return the promise of one fetch or axios request, declared to return a
   * `Promise` or not declared at all: both clients' requests return a plain promise and never
   * throw before it (fetch and axios' request are async), so an async function's promise of the
   * same response is what callers got; got's and ky's promises carry methods of their own
   * (`.json()`), which an async function's promise would not. What the body does around the
   * await is judged in made-async.ts, whose comment holds the argument: before the await it runs
   * at once as before and must not throw (a throw would become a rejection); after it, it must
   * read what it would have read at once, and the request must be handed nothing the caller could
   * change meanwhile.
   */
  private whyNotMadeAsync(fn: AnyPath, requests: readonly Extract<Use, { type: 'request' }>[], kind: HttpClientKind, awaitAt: ASTNode): string | undefined {
    const node = fn.node as ASTNode & { generator?: boolean; kind?: string; returnType?: (ASTNode & { typeAnnotation?: ASTNode }) | null };
    const [request, ...others] = requests;
    if ((kind !== 'fetch' && kind !== 'axios') || !request) return 'it makes no fetch or axios request, whose promise an async function\'s can stand in for';
    if (others.length > 0) return 'it makes more than one request';
    if (node.generator === true) return 'it is a generator';
    if (node.kind !== undefined && node.kind !== 'method') return `it is a ${node.kind === 'constructor' ? 'constructor' : 'getter or setter'}, which cannot be async`;
    const declared = node.returnType?.typeAnnotation;
    if (declared && !this.isPromiseType(declared)) return 'it is declared to return something other than a `Promise`';
    const context = { source: this.source, referencesOf: (declaration: AnyPath) => this.referencesOf(declaration), bindingOf: (path: AnyPath) => this.bindingOf(path), isLoggingCall: (call: ASTNode) => this.isLoggingCall(call) };
    return whyNotMadeAsync(context, fn, request.call, awaitAt);
  }

  /** `console.log(…)`, `this.logger.debug(…)`, as the analysis tells a log (analysis/logged-reads.ts). */
  private isLoggingCall(node: ASTNode): boolean {
    const estree = isNodeType(node, 'CallExpression') ? this.estreeNode(node, 'CallExpression') : undefined;
    return estree?.type === AST_NODE_TYPES.CallExpression && this.facts().analysis.isLoggingCall(estree);
  }

  /** `Promise<…>` as a declared type. */
  private isPromiseType(type: ASTNode): boolean {
    const name = (type as ASTNode & { typeName?: ASTNode }).typeName;
    return isNodeType(type, 'TSTypeReference') && isNodeType(name, 'Identifier') && name.name === 'Promise';
  }

  /** Why one of these fetch calls must keep its fetch module (see fetchModuleOptionsReason); undefined when none must. */
  private keepsFetchModule(requests: readonly Use[]): string | undefined {
    for (const use of requests) {
      const reason = use.type === 'request' ? this.fetchModuleOptionsReason(use.call) : undefined;
      if (reason !== undefined) return reason;
    }
    return undefined;
  }

  /**
   * A fetch-module request with options the global fetch ignores (`timeout`, `agent`): it stays
   * on its module, and the token goes into its headers where the x-token was, as for axios.
   */
  private migrateFetchModuleRequest(property: AnyPath, target: AnyPath, container: AnyPath, requests: readonly Extract<Use, { type: 'request' }>[], optional: string | undefined): void {
    const reason = this.keepsFetchModule(requests) ?? '';
    const marked = this.manual.length;
    const done = this.withLeaveReason(reason, () => this.migratePerRequestHeader(property, target, container, requests, 'fetch', optional));
    if (!done && this.manual.length === marked) {
      this.leave(property, 'x-token header on a fetch-module request', `${reason}, and the headers are shared in a way the codemod does not rewrite`, 'send `Authorization: await client.authorizationHeader()` with each request');
    }
  }

  /**
   * An x-token that only a token check sends: the check becomes a metadata read, authorized as
   * the file's other requests of its client are (the helper's fetch, or `Authorization` awaited
   * where the request is made). A check sent only when a token is set stays conditional.
   */
  private migrateTokenCheck(property: AnyPath, target: AnyPath, container: AnyPath, uses: readonly Use[], finding: XTokenFinding): void {
    const [use] = uses;
    const what = `x-token sent to ${TOKEN_CHECK}`;
    if (!use || uses.length !== 1) {
      this.leave(property, what, tokenCheckLeft('the same headers reach other requests too').why, TOKEN_CHECK_TODO);
      return;
    }
    if (use.type === 'unknown' || use.type === 'instance' || use.type === 'instance-requests') {
      this.leave(property, what, tokenCheckLeft('the header sits in an instance\'s defaults, which its other requests share').why, TOKEN_CHECK_TODO);
      return;
    }
    // A `new Request(…)` handed at once to fetch is that fetch's request; one kept or passed on is not.
    const request = use.type === 'request' ? use.call : use.construct as ASTPath<NewExpression>;
    const sending = use.type === 'request' ? { call: use.call } : this.fetchSendingAtOnce(use);
    if ('why' in sending) {
      this.leave(property, what, tokenCheckLeft(`it is built as a \`new Request(…)\` whose answer the codemod cannot follow: ${sending.why}`).why, TOKEN_CHECK_TODO);
      return;
    }
    const response = sending.call;
    const kind = use.info.client.kind;
    // The helper's fetch awaits the token itself; other clients need it in hand.
    if (kind !== 'fetch' && !this.isAsyncContext(request)) {
      this.leave(property, what, tokenCheckLeft('it is made outside an async function, where the OAuth token cannot be awaited').why, TOKEN_CHECK_TODO);
      return;
    }
    let optional: string | undefined;
    const otherAuthorization = this.sendsOtherAuthorization(container);
    const inTheWay = this.credentialInTheWay(container, use.info.client.kind, false);
    if (inTheWay !== undefined) {
      this.leaveForCredential(property, 'request', inTheWay);
      return;
    }
    const condition = otherAuthorization ? undefined : this.conditionOf(finding);
    if (condition !== undefined && condition.on !== 'token') {
      this.leave(property, what, tokenCheckLeft(`the header is sent only when \`${condition.test}\`, which asks something other than whether a token is set`).why, TOKEN_CHECK_TODO);
      return;
    }
    if (condition?.on === 'token') {
      optional = this.conditionalClient(property, 'x-token header sent only when a token is set');
      if (optional === undefined) return;
    }
    const headersSlot = parentOf(container)?.node;
    const optionsOfSlot = parentOf(parentOf(container))?.node;
    const headersInOptions = isNodeType(headersSlot, 'ObjectProperty') && optionsOfSlot !== undefined && (request.node.arguments as ASTNode[]).includes(optionsOfSlot);
    // fetch: the headers member goes with the method when the x-token was all it held.
    const keepsModule = use.type === 'request' && kind === 'fetch' ? this.fetchModuleOptionsReason(use.call) : undefined;
    const helperFetch = kind === 'fetch' && keepsModule === undefined;
    const dropHeaders = helperFetch && headersInOptions && ((container.node as ObjectExpression).properties as ASTNode[]).length === 1;
    const plan = this.planTokenCheck(request, use.info, dropHeaders ? (member) => member === headersSlot : undefined, response);
    if (!('edits' in plan)) {
      this.leave(property, what, plan.why, TOKEN_CHECK_TODO);
      return;
    }
    const migrated = `x-token ${TOKEN_CHECK} token check → ${REACHABILITY_CHECK} reachability check through the OAuth helper${optional === undefined ? '' : ' (only when OAuth is configured)'}`;
    if (otherAuthorization) {
      this.removeHeader(target, container);
    } else if (helperFetch) {
      if (dropHeaders) this.retired.push(target);
      else this.removeHeader(target, container);
      this.useHelperFetch(response, optional);
    } else if (use.type !== 'request' || !this.withLeaveReason(keepsModule, () => this.migratePerRequestHeader(property, target, container, [use], kind, optional, migrated))) {
      // Marked with the reason the header could not move; the check stays as it was.
      return;
    }
    this.applyTokenCheck(plan);
    if (otherAuthorization || helperFetch) this.markMigrated(property.node, kind, migrated);
  }

  /** The plain `fetch(…)` that sends this Request and nothing else does, as the analysis finds it; else why there is none. */
  private fetchSendingAtOnce(use: Extract<Use, { type: 'request-object' }>): { readonly call: ASTPath<CallExpression> } | { readonly why: string } {
    const found = use.site.node.type === AST_NODE_TYPES.NewExpression ? this.facts().analysis.fetchSendingRequest(use.site.node) : { not: 'not-one-fetch' as const };
    const call = 'sender' in found ? this.babelPath(found.sender, 'CallExpression') as ASTPath<CallExpression> | undefined : undefined;
    if (call) return { call };
    return { why: REQUEST_SENDING_REFUSALS['not' in found ? found.not : 'not-one-fetch'] };
  }

  /**
   * A credential sent with the x-token that the OAuth token cannot join: an `Authorization` of
   * another scheme (`Basic …`), axios's `auth`, got's `username`/`password` (each becomes the
   * request's `Authorization`), or any `Authorization` in an instance's defaults, which every
   * request of the instance then carries. The helper never overwrites a caller's Authorization,
   * so after the x-token went the request would reach Cloud Automation with no credential it
   * takes. So too an `Authorization` whose scheme the code does not show (a parameter): only an
   * OAuth bearer token (the analysis's `authorizationCredential`) may stand in for the x-token.
   * Undefined when there is none.
   */
  private credentialInTheWay(container: AnyPath, kind: HttpClientKind, inInstanceDefaults: boolean): CredentialInTheWay | undefined {
    const members = (container.node as ObjectExpression).properties as ASTNode[];
    for (const member of members) {
      if (!isNodeType(member, 'ObjectProperty') || !isAuthorizationHeader(this.propertyName(member.key, member.computed ?? false) ?? '')) continue;
      const value = member.value as ASTNode;
      const estree = this.estreeNode(value);
      const credential = estree ? this.facts().analysis.authorizationCredential(estree) : { kind: 'unknown' as const };
      // `Authorization: gatewayAuth`: the value is named where it is sent, as the code holds it.
      const held = leadingText(value) === undefined ? ` (\`${quotedCode(this.text(value), 40)}\`)` : '';
      if (credential.kind === 'scheme') return { sends: `\`Authorization: ${credential.scheme} …\`${held}` };
      if (inInstanceDefaults) return { sends: 'its own `Authorization` with every request' };
      if (credential.kind === 'unknown') return { sends: `an \`Authorization\`${held} whose scheme the code does not show`, maybeBearer: true };
    }
    const slot = parentOf(container)?.node;
    const options = parentOf(parentOf(container))?.node;
    if (!isNodeType(slot, 'ObjectProperty') || !HEADERS_OPTIONS.has(this.propertyName(slot.key, false) ?? '') || !isNodeType(options, 'ObjectExpression')) return undefined;
    // `auth: undefined` / `auth: null` sends nothing: axios and got leave such an option out.
    const setsNothing = (written: ASTNode): boolean => {
      const value = this.unwrapped(written);
      return (isNodeType(value, 'Identifier') && value.name === 'undefined') || isNodeType(value, 'NullLiteral');
    };
    const keys = new Set((options.properties as ASTNode[]).flatMap((member) => (isNodeType(member, 'ObjectProperty') && !setsNothing(member.value as ASTNode) ? [this.propertyName(member.key, member.computed ?? false)] : [])));
    const basic = (httpClients[kind].basicAuthOptions ?? []).filter((option) => keys.has(option));
    if (basic.length === 0) return undefined;
    return { sends: `\`Authorization: Basic …\` through the ${basic.map((option) => `\`${option}\``).join('/')} option${basic.length === 1 ? '' : 's'}` };
  }

  private leaveForCredential(property: AnyPath, holder: 'instance' | 'request', { sends, maybeBearer }: CredentialInTheWay): void {
    this.leave(
      property,
      `x-token header next to another credential`,
      `the ${holder} also sends ${sends}; the helper never overwrites a caller's Authorization, so without the x-token Cloud Automation would get no credential it accepts${maybeBearer === true ? ' unless that one is an OAuth bearer token' : ''}`,
      'decide which credential Cloud Automation gets: for OAuth, move the other one off these requests (a proxy takes `Proxy-Authorization`) and run the codemod again',
    );
  }

  /** The headers hold the code's own `Authorization` next to the x-token. */
  private sendsOtherAuthorization(container: AnyPath): boolean {
    return ((container.node as ObjectExpression).properties as ASTNode[]).some(
      (member) => isNodeType(member, 'ObjectProperty') && isAuthorizationHeader(this.propertyName(member.key, member.computed ?? false) ?? ''),
    );
  }

  /**
   * Drops the x-token entry from its object, and the object itself where it was only that header.
   * `optionsBeforeCallback`: the call is node's `request`/`get`, whose `(url, options, callback)`
   * may leave out the options, so an options argument left empty goes even before the callback.
   */
  private removeHeader(target: AnyPath, container: AnyPath, optionsBeforeCallback = false): void {
    const object = container.node as ObjectExpression;
    const members = object.properties as ASTNode[];
    const index = members.indexOf(target.node);
    this.retired.push(target);
    const choice = members.length === 1 ? this.choiceLeftEmpty(container) : undefined;
    if (choice) {
      // Left in place as `{}`: other edits may be anchored on the property that holds the choice.
      this.edits.push({ ...rangeOf(choice.node), text: '{}' });
      return;
    }
    if (members.length === 1) {
      // `headers: { 'x-token': t }` → drop `headers` too; an inline options object left empty goes with it.
      const slot = parentOf(container);
      const slotNode = slot?.node;
      if (slot && isNodeType(slotNode, 'ObjectProperty') && HEADERS_OPTIONS.has(this.propertyName(slotNode.key, false) ?? '')) {
        const options = parentOf(slot) as AnyPath;
        if (this.replacesEarlierHeaders(options.node, slotNode)) {
          // `{ ...init, headers: { 'x-token': t } }` replaced init's headers: `headers: {}` still does.
          this.edits.push({ ...rangeOf(object), text: '{}' });
          return;
        }
        const optionsNode = options.node as ObjectExpression;
        // With `headers` the only member, all else between the braces is layout and comments: a comment stays, in the object.
        const optionsRange = rangeOf(optionsNode);
        const slotRange = rangeOf(slotNode);
        const commented = /\/[/*]/u.test(this.source.slice(optionsRange.start, slotRange.start) + this.source.slice(slotRange.end, optionsRange.end));
        if (optionsNode.properties.length === 1 && !commented) {
          const call = parentOf(options);
          const callNode = call?.node;
          if (call && (isNodeType(callNode, 'CallExpression') || isNodeType(callNode, 'OptionalCallExpression') || isNodeType(callNode, 'NewExpression'))) {
            const args = (callNode as CallExpression).arguments as ASTNode[];
            const argIndex = args.indexOf(options.node);
            if (optionsBeforeCallback && argIndex === 1 && args.length === 3) {
              this.edits.push(...removeListItems(this.source, args.map(rangeOf), new Set([argIndex])));
              return;
            }
            if (argIndex === 1 && this.fetchAudiences.has(callNode)) {
              // The helper's fetch takes its audience after `init`: the emptied options stay as a place holder.
              this.edits.push({ ...optionsRange, text: 'undefined' });
              return;
            }
            if (argIndex === args.length - 1 && argIndex > 0) {
              // `Object.assign(url.parse(…), { headers })` left with its target alone is the target.
              const [assignTarget] = args;
              if (args.length === 2 && assignTarget && this.assignsIntoFirst(callNode.callee) && !isNodeType(assignTarget, 'SpreadElement')) {
                this.edits.push({ ...rangeOf(callNode), text: this.text(assignTarget) });
                return;
              }
              this.edits.push(...removeListItems(this.source, args.map(rangeOf), new Set([argIndex])));
              return;
            }
          }
          this.edits.push({ ...rangeOf(optionsNode), text: '{}' });
          return;
        }
        this.edits.push(...removeListItems(this.source, (optionsNode.properties as ASTNode[]).map(rangeOf), new Set([(optionsNode.properties as ASTNode[]).indexOf(slotNode)])));
        return;
      }
      const copyStatement = this.emptiedCopyStatement(container, target);
      if (copyStatement) {
        this.retired.push(copyStatement);
        this.edits.push(removeStatement(this.source, rangeOf(copyStatement.node)));
        return;
      }
      this.edits.push({ ...rangeOf(object), text: '{}' });
      return;
    }
    this.edits.push(...removeListItems(this.source, members.map(rangeOf), new Set([index])));
  }

  /**
   * `Object.assign(headers, { 'x-token': t });` as a statement of its own, the object its only
   * source and the header all of it: left as `Object.assign(headers, {})` it would do nothing, so
   * it goes, when its target is read without side effects (a name, `this.headers`) and no comment
   * is written in it but the header's own. Under an `if` of its own it goes with the `if`, when
   * the test only reads (`if (token)`, `if (!this.anonymous)`).
   */
  private emptiedCopyStatement(container: AnyPath, header: AnyPath): AnyPath | undefined {
    const call = parentOf(container);
    const statement = parentOf(call);
    if (!call || !isNodeType(call.node, 'CallExpression') || !statement || !isNodeType(statement.node, 'ExpressionStatement')) return undefined;
    const [into, only, ...more] = call.node.arguments as ASTNode[];
    if (!into || only !== container.node || more.length > 0 || !this.assignsIntoFirst(call.node.callee)) return undefined;
    const plain = isNodeType(into, 'Identifier') || (isNodeType(into, 'MemberExpression') && isNodeType(into.object as ASTNode, 'ThisExpression') && !into.computed);
    if (!plain) return undefined;
    const guard = this.soleGuard(statement);
    let test = isNodeType(guard?.node, 'IfStatement') ? (guard.node.test as ASTNode) : undefined;
    while (isNodeType(test, 'UnaryExpression') && test.operator === '!') test = test.argument;
    const removed = guard ? (test && this.isPlainReference(test) ? guard : undefined) : typeof statement.name === 'number' ? statement : undefined;
    if (!removed) return undefined;
    const { start, end } = rangeOf(removed.node);
    const headerRange = rangeOf(header.node);
    const rest = this.source.slice(start, headerRange.start) + this.source.slice(headerRange.end, end);
    return /\/[/*]/u.test(rest) ? undefined : removed;
  }

  /**
   * `cond ? { 'x-token': t } : {}`, whose object the header was all of: both branches are then
   * empty, so the choice is one empty object, which goes as the object would. Only when the test
   * does nothing but read values (dropped, it does nothing) and no comment would go with it.
   */
  private choiceLeftEmpty(object: AnyPath): AnyPath | undefined {
    const choice = parentOf(object);
    const node = choice?.node;
    if (!choice || !isNodeType(node, 'ConditionalExpression') || object.name === 'test') return undefined;
    const other = (object.name === 'consequent' ? node.alternate : node.consequent) as ASTNode;
    if (!isNodeType(other, 'ObjectExpression') || (other.properties as ASTNode[]).length > 0 || this.notOnlyReads(node.test, choice) !== undefined) return undefined;
    const { start, end } = rangeOf(node);
    const own = rangeOf(object.node);
    if (/\/[/*]/u.test(this.source.slice(start, own.start) + this.source.slice(own.end, end))) return undefined;
    return choice;
  }

  /**
   * Puts the helper's header where the x-token was. When the code's own `Authorization` comes
   * earlier in the object (a spread such as `...(user && { Authorization })`), the helper's goes
   * first instead, so the code's own still wins, as the helper's adapters do.
   */
  private placeAuthorization(target: AnyPath, container: AnyPath, entry: string, anySpreadMayHoldOne = true): void {
    const members = (container.node as ObjectExpression).properties as ASTNode[];
    const index = members.indexOf(target.node);
    this.retired.push(target);
    if (anySpreadMayHoldOne && this.assignTokenFirst(container, members, index, entry)) return;
    const first = members[0];
    const ownBefore = members.slice(0, Math.max(index, 0)).some((member) => isNodeType(member, 'SpreadElement') && (anySpreadMayHoldOne || /authorization/iu.test(this.text(member))));
    if (!ownBefore || !first) {
      this.edits.push({ ...rangeOf(target.node), text: entry });
      return;
    }
    this.edits.push(...removeListItems(this.source, members.map(rangeOf), new Set([index])));
    const { start } = rangeOf(first);
    const multiline = this.source.slice(rangeOf(container.node).start, start).includes('\n');
    this.edits.push({ start, end: start, text: multiline ? `${entry},\n${indentationAt(this.source, start)}` : `${entry}, ` });
  }

  /**
   * `Object.assign({}, extra, { 'x-token': t })`, and tsc's ES2017 spread `Object.assign(Object.assign({},
   * extra), { 'x-token': t })`: what `extra` brings may be the caller's own `Authorization`, so the
   * token is assigned right after the fresh first object, before it, and the caller's still wins.
   * Not when the first object is not a literal of the code's own.
   */
  private assignTokenFirst(container: AnyPath, members: readonly ASTNode[], index: number, entry: string): boolean {
    const call = parentOf(container)?.node;
    if (!isNodeType(call, 'CallExpression') || !this.copiesLikeAssign(call.callee)) return false;
    const args = call.arguments as ASTNode[];
    const at = args.indexOf(container.node);
    // Merged before the header: the arguments ahead of it, and those of the calls its first argument nests.
    const before = args.slice(1, Math.max(at, 1));
    let first = args[0];
    while (at > 0 && isNodeType(first, 'CallExpression') && this.copiesLikeAssign(first.callee)) {
      const [inner, ...more] = first.arguments as ASTNode[];
      before.push(...more);
      first = inner;
    }
    if (at < 1 || !isNodeType(first, 'ObjectExpression') || before.every((arg) => isNodeType(arg, 'ObjectExpression') && (arg.properties as ASTNode[]).every((member) => isNodeType(member, 'ObjectProperty')))) return false;
    const ownAuthorization = (first.properties as ASTNode[]).some((member) => !isNodeType(member, 'ObjectProperty') || isAuthorizationHeader(this.propertyName(member.key, member.computed ?? false) ?? ''));
    if (ownAuthorization) return false;
    const { end } = rangeOf(first);
    const [outerFirst] = args;
    if (members.length === 1 && args.length === 2 && outerFirst !== first && outerFirst) {
      // tsc's `Object.assign(Object.assign({}, extra), { 'x-token': t })` with the header gone is the inner call alone.
      const inner = rangeOf(outerFirst);
      this.edits.push({ ...rangeOf(call), text: `${this.source.slice(inner.start, end)}, { ${entry} }${this.source.slice(end, inner.end)}` });
      return true;
    }
    this.edits.push(...(members.length === 1 ? removeListItems(this.source, args.map(rangeOf), new Set([at])) : removeListItems(this.source, members.map(rangeOf), new Set([index]))));
    this.edits.push({ start: end, end, text: `, { ${entry} }` });
    return true;
  }

  /** The entry a request's headers get: `Authorization: …`, or with the optional client its headers spread. */
  /** `parameter`: outside async code, the name the token arrives under (see tokenParameter). */
  private authorizationEntry(async: boolean, optional: string | undefined, parameter = 'authorization'): string {
    if (optional === undefined) return `Authorization: ${async ? this.authorizationValue(true) : parameter}`;
    return async ? `...(await ${optional}.${helperOptionalClientMembers.authorizationHeaders}())` : `...${parameter}`;
  }

  private helperUsed(optional: string | undefined): void {
    if (optional === undefined) this.needsHelper = true;
    else this.useOptionalClient();
  }

  private migratePerRequestHeader(
    property: AnyPath,
    target: AnyPath,
    container: AnyPath,
    requests: readonly Extract<Use, { type: 'request' }>[],
    kind: HttpClientKind,
    optional: string | undefined,
    described?: string,
    kept?: KeptXToken,
  ): boolean {
    const containerRange = rangeOf(container.node);
    const onlyWhenConfigured = optional === undefined ? '' : ' (only when OAuth is configured)';
    const inline = requests.every((use) => contains(rangeOf(use.call.node), containerRange));
    // Split, the header object is read by the requests that keep the x-token too: the token goes in at each Cloud Automation request only.
    if (inline && kept === undefined && this.loggedReads.length === 0) {
      const [use] = requests;
      if (!use || requests.length !== 1) return false;
      const async = this.isAsyncContext(use.call);
      if ((kind === 'got' || kind === 'ky') && !async) {
        // got's and ky's requests are promises with `.json()` on them: chaining them behind the token
        // would lose that. Their hooks may be async, so the helper's hooks wait for the token instead.
        return this.migrateRequestToHooks(property, target, container, use, kind, optional);
      }
      // Observable requests (Nest's HttpService) are let through observableNotDeferred only to wait for the token inside the Observable.
      const observable = !async && use.site.client.wrapper?.returns === 'observable';
      // The token's parameter must not hide what the request reads.
      const parameter = async ? undefined : this.tokenParameter(use.call);
      this.placeAuthorization(target, container, observable ? `Authorization: ${parameter}` : this.authorizationEntry(async, optional, parameter));
      if (parameter === undefined) {
        // Awaited where it is written.
      } else if (observable) this.deferBehindToken(use.call, parameter);
      else this.wrapInTokenPromise(use.call, optional, parameter);
      this.helperUsed(optional);
      const waits = async ? '' : observable ? ' (the Observable waits for the token: `defer(…).pipe(switchMap(…))`)' : ' (token promise chained before the request)';
      this.markMigrated(property.node, kind, described ?? `x-token header → Authorization from the OAuth helper${onlyWhenConfigured}${waits}`);
      return true;
    }
    // Built in a variable for one request, just before it, in the same async block: the token goes in where the x-token was.
    const [single] = requests;
    if (requests.length === 1 && single && kept === undefined && this.loggedReads.length === 0 && this.isAsyncContext(single.call) && this.sameBlockBefore(container, single.call)) {
      this.placeAuthorization(target, container, this.authorizationEntry(true, optional));
      this.helperUsed(optional);
      this.markMigrated(property.node, kind, described ?? `x-token header → Authorization from the OAuth helper${onlyWhenConfigured}`);
      return true;
    }
    // Built once in a variable and reused: the token goes in at each request, never into the shared object.
    if (this.inHeadersConstructor(container)) {
      // `{ ...shared, Authorization }` of a `Headers` copies none of its entries: the requests would lose every other header.
      this.leave(property, 'x-token header in a shared `Headers` object', 'the headers are a `Headers` object built apart from the requests that send it; the token would go in at each request, in a copy of it, and a spread copies none of a `Headers` object\'s entries', 'build the shared headers as a plain object, or send `Authorization: await client.authorizationHeader()` per request');
      return false;
    }
    const planned: Edit[] = [];
    const chained: { readonly call: ASTPath<CallExpression>; readonly parameter: string }[] = [];
    const key = headersOptionOf(httpClients[kind], false);
    const headersRemain = (container.node as ObjectExpression).properties.length > 1;
    // `axios.get(url, keptnConfig())`: the request would need the call's result twice (its options, then their headers).
    // So would a private getter's read (`this.requestConfig`), which runs the getter each time.
    const built = requests.flatMap((use) => (use.reference?.role === 'options' && (isNodeType(use.reference.path.node, 'CallExpression') || this.privateGetter(use.reference.path)) ? [use.reference.path.node] : []));
    if (built.length > 0 && kept !== undefined) {
      this.leaveUnsplit(property, kept.finding, 'the options come from a builder whose result the Cloud Automation requests would need twice (its options, then their headers)');
      return false;
    }
    if (built.length > 0 && headersRemain && this.loggedReads.length > 0) {
      const builder = this.text(built[0] as ASTNode);
      this.leave(property, 'x-token header in options a function builds', this.loggedWhy(this.loggedReads, `the token would go in where \`${builder}\` builds the options, which would become async, so the log would show a Promise or a method instead of the options without the x-token`), 'log the options without the header (or not at all), then run the codemod again');
      return false;
    }
    if (built.length > 0 && headersRemain) return this.awaitOptionsBuilder(property, target, container, built[0] as CallExpression | MemberExpression, kind, optional);
    const emptied = headersRemain ? undefined : this.sharedObjectLeftEmpty(container, requests);
    for (const use of requests) {
      const reference = use.reference;
      const async = this.isAsyncContext(use.call);
      const parameter = async ? undefined : this.tokenParameter(use.call);
      const entry = this.authorizationEntry(async, optional, parameter);
      if (!reference) {
        this.leave(property, 'x-token header reused across requests', 'the codemod cannot see where the shared headers enter the request', 'send `Authorization: await client.authorizationHeader()` per request');
        return false;
      }
      if (!async && kind === 'got') {
        this.leave(property, 'x-token header reused across got requests', 'a got request outside an async function cannot wait for the token without losing its `.json()` helpers', 'add `hooks: client.gotHooks()` to the shared options, or make the caller async');
        return false;
      }
      if (!async && kind === 'ky') {
        this.leave(property, 'x-token header reused across ky requests', 'a ky request outside an async function cannot wait for the token without losing the `.json()` helpers of the promise it returns', 'add `hooks: client.kyHooks({ audience: <API base> })` to each request, or make the caller async');
        return false;
      }
      const edit = this.entryAtRead(reference, use.call.node, key, entry, headersRemain, emptied !== undefined);
      if (!edit) {
        this.leave(property, 'x-token header reused across requests', 'the shared headers reach the request in a shape the codemod does not rewrite', 'send `Authorization: await client.authorizationHeader()` per request');
        return false;
      }
      planned.push(edit);
      if (parameter !== undefined) chained.push({ call: use.call, parameter });
    }
    if (kept !== undefined) {
      // The requests to other services take the x-token where they read the shared headers, as the Cloud Automation ones take the OAuth token.
      const keptEdits = this.xTokenWrittenBack(property, kept, key, headersRemain);
      if (!keptEdits) return false;
      planned.push(...keptEdits);
    }
    this.edits.push(...planned);
    for (const { call, parameter } of chained) this.wrapInTokenPromise(call, optional, parameter);
    if (emptied) {
      // The requests' own rewrites above replaced their reads; any other spread of it adds nothing now.
      const rewritten = new Set(requests.map((use) => use.reference?.path.node));
      for (const spread of emptied.spreads) {
        if (rewritten.has((spread.node as ASTNode & { argument: ASTNode }).argument)) continue;
        const members = (parentOf(spread)?.node as ObjectExpression).properties as ASTNode[];
        this.edits.push(...removeListItems(this.source, members.map(rangeOf), new Set([members.indexOf(spread.node)])));
      }
      this.retired.push(emptied.declaration);
      this.edits.push(removeStatement(this.source, rangeOf(emptied.declaration.node)));
    } else {
      this.removeHeader(target, container);
      if (kept !== undefined) this.keepReadsOf(target, kept);
    }
    this.helperUsed(optional);
    this.markMigrated(property.node, kind, described ?? `x-token header in shared options → Authorization from the OAuth helper at each request${onlyWhenConfigured}`);
    return true;
  }

  /**
   * For a header written into a field's object in the constructor: where each request reading the
   * field takes the token, next to the field's headers in a copy of its own (`headers: {
   * ...this.headers, Authorization: … }`), so the field itself never holds it. Undefined when a
   * request reads the field in a shape `entryAtRead` does not rewrite, or is a got request outside
   * an async function (chained behind the token it would lose its `.json()`).
   */
  private authorizationAtFieldReads(requests: readonly Extract<Use, { type: 'request' }>[], optional: string | undefined): { use: Extract<Use, { type: 'request' }>; edit: Edit; parameter: string | undefined }[] | undefined {
    const planned: { use: Extract<Use, { type: 'request' }>; edit: Edit; parameter: string | undefined }[] = [];
    for (const use of requests) {
      const kind = use.info.client.kind;
      const async = this.isAsyncContext(use.call);
      if (!use.reference || (!async && kind === 'got')) return undefined;
      const parameter = async ? undefined : this.tokenParameter(use.call);
      const edit = this.entryAtRead(use.reference, use.call.node, headersOptionOf(httpClients[kind], false), this.authorizationEntry(async, optional, parameter), true, false);
      if (!edit) return undefined;
      planned.push({ use, edit, parameter });
    }
    return planned.length > 0 ? planned : undefined;
  }

  /** `new Headers({ … })`: the object literal is what a `Headers` is made from. */
  private inHeadersConstructor(container: AnyPath): boolean {
    let argument = container;
    for (let up = parentOf(argument); up && TRANSPARENT_WRAPPERS.has(up.node.type); up = parentOf(argument)) argument = up;
    const made = parentOf(argument)?.node;
    if (!isNodeType(made, 'NewExpression') || argument.name !== 0) return false;
    const callee = made.callee as ASTNode;
    return isNodeType(callee, 'Identifier') && HEADERS_CONSTRUCTORS.includes(callee.name);
  }

  /**
   * The edit that gives one request `entry` (`Authorization: …`, or the x-token kept for another
   * service) next to the shared headers it reads through `reference`: in its own copy of them,
   * after them, so what the request writes itself still wins. Undefined for a shape not rewritten.
   * `headersRemain`: the shared object keeps other headers; `emptied`: the shared object goes.
   */
  private entryAtRead(reference: Reference, call: ASTNode, key: string, entry: string, headersRemain: boolean, emptied: boolean): Edit | undefined {
    const referenceText = this.text(reference.path.node);
    const spread = emptied ? '' : `...${referenceText}, `;
    const parent = parentOf(reference.path)?.node;
    if (reference.role === 'options' && parent === call) {
      const sharedHeaders = headersRemain ? `...${referenceText}.${key}, ` : '';
      return { ...rangeOf(reference.path.node), text: `{ ${spread}${key}: { ${sharedHeaders}${entry} } }` };
    }
    if (reference.role === 'headers' && isNodeType(parent, 'ObjectProperty') && reference.path.name === 'value') return { ...rangeOf(parent), text: `${key}: { ${spread}${entry} }` };
    // `headers: { ...shared, accept }`: the entry goes right after the spread; an own `Authorization` later in the literal still wins.
    if (reference.role === 'headers' && this.spreadIntoRequestHeaders(reference.path, call)) return this.afterSpread(parent as ASTNode, entry, emptied);
    // The headers record passed as an argument of its own (`http.get(url, headers)`).
    if (reference.role === 'headers' && parent === call) return { ...rangeOf(reference.path.node), text: `{ ${spread}${entry} }` };
    if (reference.role === 'options' && this.spreadLastForHeaders(reference.path, call)) {
      // `{ ...shared, body }`: the request's own headers go right after the spread, and nothing later replaces them.
      const sharedHeaders = headersRemain ? `...${referenceText}.${key}, ` : '';
      return this.afterSpread(parentOf(reference.path)?.node as ASTNode, `${key}: { ${sharedHeaders}${entry} }`, emptied);
    }
    return undefined;
  }

  /**
   * `text` put in after a spread of the shared object, on a line of its own where the spread has
   * one, or in the spread's place when the shared object goes (`replace`).
   */
  private afterSpread(spread: ASTNode, text: string, replace: boolean): Edit {
    const { start, end } = rangeOf(spread);
    if (replace) return { start, end, text };
    const ownLine = this.source.slice(lineStartOf(this.source, start), start).trim() === '';
    return { start: end, end, text: ownLine ? `,\n${indentationAt(this.source, start)}${text}` : `, ${text}` };
  }

  /**
   * The shared object when removing the x-token leaves it empty and it can go as a whole: a
   * \`const\` declared alone and not exported, holding \`{ 'x-token': t }\` or \`{ headers: { 'x-token': t } }\`
   * with no comment, and read only by these requests or spread (where an empty object adds nothing).
   */
  private sharedObjectLeftEmpty(
    container: AnyPath,
    requests: readonly Extract<Use, { type: 'request' }>[],
  ): { readonly declaration: AnyPath; readonly spreads: readonly AnyPath[] } | undefined {
    let literal = container;
    const slot = parentOf(container);
    if (slot && isNodeType(slot.node, 'ObjectProperty') && HEADERS_OPTIONS.has(this.propertyName(slot.node.key, slot.node.computed ?? false) ?? '')) {
      const options = parentOf(slot);
      if (!options || !isNodeType(options.node, 'ObjectExpression') || options.node.properties.length !== 1) return undefined;
      literal = options;
    }
    const declarator = parentOf(literal);
    const declaration = parentOf(declarator);
    if (!declarator || !declaration || !isNodeType(declarator.node, 'VariableDeclarator') || declarator.node.init !== literal.node) return undefined;
    if (!isNodeType(declaration.node, 'VariableDeclaration') || declaration.node.kind !== 'const' || declaration.node.declarations.length !== 1) return undefined;
    const scope = parentOf(declaration)?.node;
    if (!isNodeType(scope, 'Program') && !isNodeType(scope, 'BlockStatement')) return undefined;
    if (/\/[/*]/u.test(this.text(declaration.node))) return undefined;
    const binding = declarator.get('id') as AnyPath;
    if (!isNodeType(binding.node, 'Identifier')) return undefined;
    const read = new Set(requests.map((use) => use.reference?.path.node));
    const spreads: AnyPath[] = [];
    for (const reference of this.referencesOf(binding)) {
      const holder = parentOf(reference);
      if (holder && isNodeType(holder.node, 'SpreadElement') && isNodeType(parentOf(holder)?.node, 'ObjectExpression')) spreads.push(holder);
      else if (!read.has(reference.node)) return undefined;
    }
    return { declaration, spreads };
  }

  /** `{ ...shared, accept }` written in the request's own arguments: a new headers object each time the request is made. */
  private spreadIntoRequestHeaders(reference: AnyPath, call: ASTNode): boolean {
    const spread = parentOf(reference);
    const literal = parentOf(spread);
    return !!spread && !!literal && isNodeType(spread.node, 'SpreadElement') && isNodeType(literal.node, 'ObjectExpression') && contains(rangeOf(call), rangeOf(literal.node));
  }

  /**
   * `call(url, { ...shared, body })`: the shared options are spread into the literal the call is
   * given, and nothing after the spread (a `headers`, another spread) decides the headers instead.
   */
  private spreadLastForHeaders(reference: AnyPath, call: ASTNode): boolean {
    const spread = parentOf(reference);
    const literal = parentOf(spread);
    if (!spread || !literal || !isNodeType(spread.node, 'SpreadElement') || !isNodeType(literal.node, 'ObjectExpression')) return false;
    if (!(call as CallExpression).arguments.includes(literal.node)) return false;
    const properties = literal.node.properties as ASTNode[];
    return properties.slice(properties.indexOf(spread.node) + 1).every((property) =>
      isNodeType(property, 'ObjectProperty') && this.propertyName(property.key, property.computed ?? false) !== undefined &&
      !HEADERS_OPTIONS.has(this.propertyName(property.key, property.computed ?? false) ?? ''));
  }

  /**
   * The header leaves the instance's defaults and goes into the headers argument of each of its
   * requests, awaited there or, outside an async function, with the request chained behind the
   * token (every request of such an instance answers with a promise already).
   */
  private migrateInstanceRequests(property: AnyPath, target: AnyPath, container: AnyPath, use: Extract<Use, { type: 'instance-requests' }>, optional: string | undefined): void {
    // Each request's own headers option, which for RestClient is not the one the instance was made with.
    const key = headersOptionOf(httpClients[use.info.client.kind], false);
    for (const request of use.requests) {
      const async = this.isAsyncContext(request.call);
      const hoisted = request.awaitedBefore ? this.awaitTokenBefore(request.awaitedBefore, optional) : undefined;
      const parameter = async || hoisted !== undefined || request.deferredWith ? undefined : this.tokenParameter(request.call);
      const entry = hoisted ?? this.authorizationEntry(async, optional, parameter);
      const headers = request.slot === 'headers' ? request.object : request.object && this.headersMember(request.object, key);
      if (request.copyOf) {
        // The token first: an `Authorization` the object itself carries still wins, as with the helper's adapters.
        const name = this.text(request.copyOf);
        this.edits.push({ ...rangeOf(request.copyOf), text: `{ ...${name}, ${key}: { ${entry}, ...${name}.${key} } }` });
      } else if (headers && this.hasXTokenEntry(headers)) {
        // The request's own x-token is a finding of its own, which puts `Authorization` in its place: a second one here would be a duplicate key.
      } else if (headers) this.appendMember(headers, entry);
      else if (request.slot === 'options' && request.object) this.appendMember(request.object, `${key}: { ${entry} }`);
      else this.addOption(request.call, { index: request.index, node: undefined }, request.slot === 'options' ? `${key}: { ${entry} }` : entry);
      if (async || hoisted !== undefined) continue;
      if (request.deferredWith) this.deferCallbackCall(request.call, request.deferredWith, optional);
      else this.wrapInTokenPromise(request.call, optional, parameter);
    }
    this.removeHeader(target, container);
    this.helperUsed(optional);
    const count = use.requests.length === 1 ? 'its one request' : `each of its ${use.requests.length} requests`;
    this.markMigrated(property.node, use.info.client.kind, `x-token header in the ${httpClients[use.info.client.kind].label} instance's defaults → Authorization from the OAuth helper at ${count}${optional === undefined ? '' : ' (only when OAuth is configured)'}`);
  }

  /** Whether a headers literal writes an `x-token` entry itself (any spelling, as a key the codemod can read). */
  private hasXTokenEntry(headers: ObjectExpression): boolean {
    return (headers.properties as ASTNode[]).some((member) => isNodeType(member, 'ObjectProperty') && isXTokenHeader(this.propertyName(member.key, member.computed ?? false) ?? ''));
  }

  /**
   * `new Request(url, { headers: { 'x-token': t } })`: the Request carries its headers to whatever
   * sends it, to the URL it was built for, so the token goes in where the x-token was. That needs
   * an await where the Request is built; the codemod does not follow the object to its fetch.
   */
  private migrateRequestObject(
    property: AnyPath,
    target: AnyPath,
    container: AnyPath,
    objects: readonly Extract<Use, { type: 'request-object' }>[],
    optional: string | undefined,
  ): void {
    const what = 'x-token header in `new Request(…)`';
    const todo = 'build the Request in an async function with `Authorization: await client.authorizationHeader()`, or send it with `client.fetch(…)`';
    const [single] = objects;
    const builtForIt = objects.length === 1 && single !== undefined &&
      (contains(rangeOf(single.construct.node), rangeOf(container.node)) || this.sameBlockBefore(container, single.construct));
    // `fetch(new Request(…))` where nothing can be awaited: the helper's fetch authorizes the Request itself.
    const sending = builtForIt && !this.isAsyncContext(single.construct) ? this.fetchSendingAtOnce(single) : undefined;
    if (sending && 'call' in sending) {
      this.removeHeader(target, container);
      this.useHelperFetch(sending.call, optional);
      this.markMigrated(property.node, 'fetch', `x-token header in \`new Request(…)\` → OAuth helper fetch${optional === undefined ? '' : ' (only when OAuth is configured)'}`);
      return;
    }
    if (objects.some((use) => !this.isAsyncContext(use.construct))) {
      const why = sending && 'why' in sending ? sending.why : REQUEST_SENDING_REFUSALS['not-one-fetch'];
      this.leave(property, what, `the Request is built outside an async function, where the token cannot be awaited, and the helper's fetch cannot send it instead: ${why}`, todo);
      return;
    }
    if (!builtForIt) {
      this.leave(property, what, `the header object is built once and shared by ${objects.length === 1 ? 'a Request built elsewhere' : `${objects.length} Requests`}; the codemod puts the token only into headers built for one request`, todo);
      return;
    }
    this.placeAuthorization(target, container, this.authorizationEntry(true, optional));
    this.helperUsed(optional);
    this.markMigrated(property.node, 'fetch', `x-token header in \`new Request(…)\` → Authorization from the OAuth helper${optional === undefined ? '' : ' (only when OAuth is configured)'}`);
  }

  /**
   * node's `http(s).request` / `get` and the `request` package take their headers when they are
   * called and send them with the request (returning a request object or taking a callback, not a
   * promise to chain onto), so the token must be in hand by then: awaited where the request is
   * made, or, inside a Promise executor (`await new Promise((resolve) => { https.request(…) })`),
   * awaited just before the statement holding that `new Promise` in the async function around it.
   * Anywhere else the request would have to be deferred, which changes what the function returns:
   * marked.
   */
  private migrateCallbackStyleRequest(
    property: AnyPath,
    target: AnyPath,
    container: AnyPath,
    requests: readonly Extract<Use, { type: 'request' }>[],
    kind: 'node-http' | 'request',
    optional: string | undefined,
  ): void {
    const what = kind === 'node-http' ? 'x-token header on a node-http request' : 'x-token header on a call of the request package';
    const sender = kind === 'node-http' ? 'node\'s request writes the headers it is given' : 'the request package sends the headers it is given when it is called';
    const todo = 'await `client.authorizationHeader()` before the request is made and send it as `Authorization`';
    const [use] = requests;
    // Built for this request: inside its call, or just before the statement that makes it (or makes the Promise around it).
    const requestStatement = use ? (this.executorHoistPoint(use.call) ?? use.call) : undefined;
    const builtForIt = requests.length === 1 && use !== undefined && requestStatement !== undefined &&
      (contains(rangeOf(use.call.node), rangeOf(container.node)) || this.sameBlockBefore(container, requestStatement));
    // node's request can still wait for the token when the object was built earlier in the same run: it is deferred below.
    const deferrable = kind === 'node-http' && requests.length === 1 && use !== undefined && !this.isAsyncContext(container) && this.evaluatedBefore(container, use.call);
    if (!use || (!builtForIt && !deferrable)) {
      this.leave(property, what, requests.length > 1 ? `the header object is shared by ${requests.length} ${kind} requests` : 'the header object is built away from the request that sends it', todo);
      return;
    }
    const onlyWhenConfigured = optional === undefined ? '' : ' (only when OAuth is configured)';
    // Where the header object is evaluated is where the token must be in hand.
    if (this.isAsyncContext(container)) {
      this.placeAuthorization(target, container, this.authorizationEntry(true, optional));
      this.helperUsed(optional);
      this.markMigrated(property.node, kind, `x-token header → Authorization from the OAuth helper${onlyWhenConfigured}`);
      return;
    }
    const hoist = builtForIt ? this.executorHoistPoint(container) : undefined;
    if (!hoist) {
      const fn = this.enclosingFunctionPath(container);
      const name = fn ? this.functionName(fn) : undefined;
      const notAsync = `${name === undefined ? 'the function that makes it' : `\`${name}()\``} is not async`;
      if (kind === 'request') {
        const deferral = this.callbackCallDeferral(use, property.node, contains(rangeOf(use.call.node), rangeOf(container.node)));
        if ('why' in deferral) {
          this.leave(property, what, `${sender}, and ${notAsync}, so the OAuth token (which must be awaited) cannot be there in time without changing what the function returns${deferral.why}`, todo);
          return;
        }
        this.placeAuthorization(target, container, this.authorizationEntry(false, optional));
        this.deferCallbackCall(use.call, deferral.callback, optional, property.node);
        this.helperUsed(optional);
        this.markMigrated(property.node, kind, `x-token header → Authorization from the OAuth helper; the call waits for the token, and a token that cannot be had goes to its callback${onlyWhenConfigured}`);
        return;
      }
      const plan = planDeferredSend(this.deferralContext(), use.call, this.tokenPromise(optional), optional !== undefined);
      if ('why' in plan) {
        this.leave(property, what, `${notAsync}, and its request cannot wait for the OAuth token (which must be awaited) before it is sent: ${plan.why}`, todo);
        return;
      }
      // node's `request(url, options, callback)`: an options argument left empty may go.
      this.removeHeader(target, container, true);
      this.edits.push(...plan.edits);
      this.helperUsed(optional);
      this.markMigrated(property.node, kind, `x-token header → Authorization from the OAuth helper, set on the request before it is written, which waits for the token${onlyWhenConfigured}`);
      return;
    }
    this.placeAuthorization(target, container, this.awaitTokenBefore(hoist, optional));
    this.helperUsed(optional);
    this.markMigrated(property.node, kind, `x-token header → Authorization from the OAuth helper, awaited before the Promise that makes the request${onlyWhenConfigured}`);
  }

  /**
   * `await new Promise((resolve, reject) => { …request… })` in an async function: the executor
   * runs at once, so a token awaited just before the statement holding the `new Promise` is there
   * when the request is made. The statement, or undefined for any other place.
   */
  private executorHoistPoint(at: AnyPath): AnyPath | undefined {
    const executor = this.enclosingFunctionPath(at);
    const promise = executor ? parentOf(executor) : undefined;
    const promiseNode = promise?.node;
    if (!executor || !promise || !promiseNode || !isNodeType(promiseNode, 'NewExpression') || promiseNode.arguments[0] !== executor.node) return undefined;
    if (!isNodeType(promiseNode.callee as ASTNode, 'Identifier') || (promiseNode.callee as Identifier).name !== 'Promise' || !this.isAsyncContext(promise)) return undefined;
    const statement = this.statementOf(promise);
    return statement && isNodeType(parentOf(statement)?.node, 'BlockStatement') ? statement : undefined;
  }

  /** `name`, or `name2`, `name3`…: the first not bound where `at` is, nor used in it, nor among `taken`. */
  private freeName(at: AnyPath, name: string, taken: ReadonlySet<string> = new Set()): string {
    // The block the name is declared in; blocks nest or are apart, so two overlap only when one holds the other.
    const block = rangeOf((parentOf(at) ?? at).node);
    for (let index = 1; ; index++) {
      const candidate = index === 1 ? name : `${name}${index}`;
      // The scopes are those of the file as it was read: a name this pass declares is in none of them yet.
      const declaredNear = this.namesDeclared.some((declared) => declared.name === candidate && declared.block.start < block.end && block.start < declared.block.end);
      if (!taken.has(candidate) && !declaredNear && !scopeDeclaring(at, candidate) && !new RegExp(`\\b${candidate}\\b`, 'u').test(this.text(at.node))) return candidate;
    }
  }

  /**
   * `const authorization = await client.authorizationHeader();` just before `statement` (the one
   * holding a `new Promise` whose executor makes the request); the entry the request's headers get.
   * Requests in one executor share the one line (identical edits count once).
   */
  private awaitTokenBefore(statement: AnyPath, optional: string | undefined): string {
    let variable = this.tokenAwaits.get(statement.node)?.variable;
    if (variable === undefined) {
      // Two Promises in one block each get their own `const`: one name declared twice would not parse.
      const block = parentOf(statement)?.node;
      const taken = new Set([...this.tokenAwaits.values()].filter((other) => other.block === block).map((other) => other.variable));
      variable = this.freeName(statement, 'authorization', taken);
      this.tokenAwaits.set(statement.node, { variable, block });
      const { start } = rangeOf(statement.node);
      this.edits.push({ start, end: start, text: `const ${variable} = await ${this.tokenPromise(optional)};\n${indentationAt(this.source, start)}` });
    }
    return optional === undefined ? `Authorization: ${variable}` : `...${variable}`;
  }

  /**
   * Whether a request package call with its header written in it can wait for the token as a
   * whole (see planDeferredCallbackCall): its callback, or why not, worded to follow "without
   * changing what the function returns" (empty when the call has no callback to defer with).
   */
  private callbackCallDeferral(use: Extract<Use, { type: 'request' }>, header: ASTNode, writtenInCall: boolean): { readonly callback: ASTNode } | { readonly why: string } {
    const callback = use.site.callbackArgument ? this.babelPath(use.site.callbackArgument)?.node : undefined;
    // A call whose result is used (`return request(…)`) is what the clause before already says.
    if (!callback || !writtenInCall || !isNodeType(parentOf(use.call)?.node, 'ExpressionStatement')) return { why: '' };
    const plan = planDeferredCallbackCall(this.deferralContext(), use.call, callback, this.tokenPromise(undefined), header);
    return 'why' in plan ? { why: `, and the call cannot wait for the token as a whole: ${plan.why}` } : { callback };
  }

  /** Makes a request package call wait for the token; tokenSlot / the caller has checked that it can. */
  private deferCallbackCall(call: ASTPath<CallExpression>, callback: ASTNode, optional: string | undefined, skip?: ASTNode): void {
    const plan = planDeferredCallbackCall(this.deferralContext(), call, callback, this.tokenPromise(optional), skip);
    if ('why' in plan) throw new Error(`a deferral checked before failed: ${plan.why}`);
    this.edits.push(...plan.edits);
  }

  private deferralContext(): DeferralContext {
    return {
      source: this.source,
      quote: this.style.quote,
      semicolon: this.style.semicolon,
      referencesOf: (declaration) => this.referencesOf(declaration),
      bindingOf: (path) => this.bindingOf(path),
      freeName: (at, name, taken) => this.freeName(at, name, taken),
    };
  }

  private migrateInstanceDefaults(
    property: AnyPath,
    target: AnyPath,
    container: AnyPath,
    instances: readonly Extract<Use, { type: 'instance' }>[],
    kind: HttpClientKind,
    optional: string | undefined,
  ): void {
    const [only] = instances;
    if (kind === 'request' && only && instances.length === 1) {
      // No hook into the request package: each request of a local instance takes the token itself.
      const found = this.requestsOfLocalInstance(only.call, only.site);
      if ('requests' in found) {
        this.migrateInstanceRequests(property, target, container, { type: 'instance-requests', info: only.info, site: only.site, requests: found.requests }, optional);
        return;
      }
      this.leave(property, `x-token header in the ${kind} instance's defaults`, `the instance made by \`request.defaults(…)\` fixes its headers when it is made, the OAuth helper has no hook into the request package to add a fresh token to each request, and ${found.why}`, 'send `Authorization: await client.authorizationHeader()` with each request of the instance');
      return;
    }
    if (kind !== 'axios' && kind !== 'got' && kind !== 'ky') {
      // The helper plugs into axios, got and ky instances; anything else fixes its headers where it is made.
      const why = kind === 'request'
        ? 'the instance made by `request.defaults(…)` fixes its headers when it is made, and the OAuth helper has no hook into the request package to add a fresh token to each request'
        : `${kind} instances are not migrated automatically`;
      this.leave(property, `x-token header in the ${kind} instance's defaults`, why, kind === 'request' ? 'send `Authorization: await client.authorizationHeader()` with each request of the instance' : 'add the OAuth helper to the instance by hand');
      return;
    }
    const audiences = new Map<ASTNode, string>();
    const hookPlans = new Map<ASTNode, Exclude<InstanceHooks, { readonly why: string }>>();
    const client = optional ?? this.clientText;
    for (const { call, site } of instances) {
      const audience = this.instanceAudience(site, call);
      if ('why' in audience) {
        const adapter = kind === 'axios' ? 'attachToAxios(instance, { audience: <API base URL> })' : `${kind === 'ky' ? 'kyHooks' : 'gotHooks'}({ audience: <API base URL> })`;
        this.leave(property, `x-token header in the ${kind} instance's defaults`, audience.why, `give the instance a ${httpClients[kind].baseUrlOption ?? 'baseURL'}, or attach the helper with the API base the token is for: ${adapter}`);
        return;
      }
      audiences.set(call.node, audience.audience);
      if (kind === 'axios') continue;
      // ky.create/extend take one options object: the helper's hooks join the hooks in it, or go nowhere.
      const plan = this.instanceHooks(call, kind, audience.audience, client);
      if ('why' in plan) {
        this.leave(property, `x-token header in the ${kind} instance's defaults`, plan.why, `add \`hooks: client.${kind === 'ky' ? 'kyHooks' : 'gotHooks'}(${audience.audience === '' ? '' : audience.audience})\` to the instance options, joined to the hooks they have`);
        return;
      }
      hookPlans.set(call.node, plan);
    }
    const checks = this.instanceTokenChecks(instances);
    if ('why' in checks) {
      this.leave(property, `x-token header in the ${kind} instance's defaults`, checks.why, TOKEN_CHECK_TODO);
      return;
    }
    for (const plan of checks.plans) this.applyTokenCheck(plan);
    const checksRewritten = checks.plans.length === 0 ? '' : `; its ${TOKEN_CHECK} token check${checks.plans.length === 1 ? '' : 's'} (line ${checks.plans.map((plan) => this.position(plan.call.node).line).join(', ')}) → ${REACHABILITY_CHECK}`;
    this.helperUsed(optional);
    const headersOnlyToken = (container.node as ObjectExpression).properties.length === 1;
    // `headers: cond ? { 'x-token': t } : {}` held only the x-token as much as `headers: { 'x-token': t }`.
    const slot = parentOf(headersOnlyToken ? (this.choiceLeftEmpty(container) ?? container) : container)?.node;
    const onlyPlan = only ? hookPlans.get(only.call.node) : undefined;
    // The hooks take the place of `headers` that held only the x-token, in the options they go into.
    const hooksTakeSlot =
      instances.length === 1 &&
      onlyPlan !== undefined &&
      'member' in onlyPlan &&
      headersOnlyToken &&
      isNodeType(slot, 'ObjectProperty') &&
      this.propertyName(slot.key, false) === 'headers' &&
      (onlyPlan.options.properties as ASTNode[]).includes(slot) &&
      !this.replacesEarlierHeaders(onlyPlan.options, slot);
    if (hooksTakeSlot) this.retired.push(target);
    else this.removeHeader(target, container);
    const onlyWhenConfigured = optional === undefined ? '' : ' (only when OAuth is configured)';
    for (const { call, site } of instances) {
      if (this.wrappedCalls.has(call.node)) continue;
      this.wrappedCalls.add(call.node);
      const audience = audiences.get(call.node) ?? '';
      if (kind === 'axios') {
        const { start, end } = rangeOf(call.node);
        this.edits.push(
          { start, end: start, text: `${client}.${helperClientMembers.attachToAxios}(` },
          { start: end, end, text: audience === '' ? ')' : `, ${audience})` },
        );
        this.markMigrated(property.node, 'axios', `x-token in axios.create defaults → OAuth helper attached to the instance${onlyWhenConfigured}${checksRewritten}`);
      } else {
        const plan = hookPlans.get(call.node);
        if (plan) this.addInstanceHooks(call, plan, hooksTakeSlot ? slot : undefined);
        this.markMigrated(property.node, kind, `x-token in ${kind}.${site.member ?? 'extend'} options → OAuth helper hooks${onlyWhenConfigured}${checksRewritten}`);
      }
    }
  }

  /**
   * The `POST /v1/auth` checks made through instances whose x-token moves to the helper. Each
   * would go on asking about a token the instance no longer sends, so each becomes the metadata
   * read the helper authorizes (as add-oauth makes it on an instance already migrated); where one
   * cannot, the x-token stays, with why.
   */
  private instanceTokenChecks(instances: readonly Extract<Use, { type: 'instance' }>[]): { readonly plans: TokenCheckPlan[] } | { readonly why: string } {
    const { sites } = this.facts();
    const plans: TokenCheckPlan[] = [];
    for (const request of sites) {
      if (request.createsInstance || !instances.some(({ site }) => sameInstance(site, request))) continue;
      const routes = this.recordSiteRoute(request)?.routes ?? [];
      if (!routes.some(isTokenCheckRoute) || !routes.every(isTokenCheckRoute)) continue;
      const call = this.babelPath(request.node, 'CallExpression') as ASTPath<CallExpression> | undefined;
      const info = call && this.classifyCall(call);
      const plan = call && info ? this.planTokenCheck(call, info) : tokenCheckLeft('the codemod cannot rewrite the call');
      if (!('edits' in plan)) return { why: `the instance also makes a ${TOKEN_CHECK} token check (line ${request.node.loc.start.line}), which cannot become a metadata read: ${plan.detail}` };
      plans.push(plan);
    }
    return { plans };
  }

  private migrateRequestToHooks(property: AnyPath, target: AnyPath, container: AnyPath, use: Extract<Use, { type: 'request' }>, kind: 'got' | 'ky', optional: string | undefined): boolean {
    const member = kind === 'ky' ? helperClientMembers.kyHooks : helperClientMembers.gotHooks;
    // A single request has no prefixUrl: the hooks are told where the token may go.
    const audience = this.audienceFor(this.urlNodeOf(use.site), use.call);
    if (audience === undefined) {
      this.leave(property, `x-token header on a ${kind} request`, 'outside an async function the token must come from the helper\'s hooks, and the request\'s URL cannot be named as their audience', `make the function async, or add \`hooks: client.${member}({ audience: <API base> })\` to the request`);
      return false;
    }
    const slot = parentOf(container);
    const slotNode = slot?.node;
    const options = parentOf(slot)?.node;
    if (!isNodeType(slotNode, 'ObjectProperty') || !isNodeType(options, 'ObjectExpression') || this.propertyName(slotNode.key, false) !== 'headers') {
      this.leave(property, `x-token header on a ${kind} request`, 'the headers do not sit in an options object the codemod can extend', `add \`hooks: client.${member}()\` to the request options`);
      return false;
    }
    const hooks = this.hooksFor(options, kind, this.audienceOption(audience === null ? [] : [audience]), optional ?? this.clientText);
    if ('why' in hooks) {
      this.leave(property, `x-token header on a ${kind} request with hooks`, `outside an async function the token must come from the helper's hooks, and ${hooks.why}`, `make the function async, or join \`client.${member}({ audience: <API base> })\` to the request's hooks by hand`);
      return false;
    }
    this.retired.push(target);
    this.helperUsed(optional);
    if ('member' in hooks && (container.node as ObjectExpression).properties.length === 1 && !this.replacesEarlierHeaders(options, slotNode)) {
      this.edits.push({ ...rangeOf(slotNode), text: hooks.member });
    } else {
      this.removeHeader(target, container);
      if ('member' in hooks) this.appendMember(options, hooks.member);
      else this.edits.push(...hooks.edits);
    }
    this.markMigrated(property.node, kind, `x-token header → OAuth helper hooks on the request${optional === undefined ? '' : ' (only when OAuth is configured)'}`);
    return true;
  }

  /**
   * An `['x-token', t]` pair of the headers `headers` evaluates to (`new Headers([…])`,
   * `Object.fromEntries([…])`, the array itself): dropped for the helper's fetch, or the
   * `Authorization` pair in its place where the request keeps its own fetch. `container` names it.
   */
  private migrateHeadersEntry(headers: AnyPath, array: AnyPath, index: number, finding: XTokenFinding, container: string): void {
    const entryPath = array.get('elements', index) as AnyPath;
    const what = `x-token entry in ${container}`;
    const uses = this.usesOf(finding, headers.node);
    const unknown = uses.find((use) => use.type === 'unknown');
    if (unknown || uses.some((use) => use.type !== 'request' || use.info.client.kind !== 'fetch')) {
      this.leaveSite(entryPath, what, unknown?.why ?? 'the headers reach a client other than fetch', 'send the request through the OAuth helper');
      return;
    }
    const keepsModule = this.keepsFetchModule(uses);
    if (keepsModule !== undefined) {
      if (!this.isAsyncContext(entryPath)) {
        this.leaveSite(entryPath, what, `${keepsModule}, and the headers are built outside an async function, where the token cannot be awaited`, 'make the function async and replace the entry with `[\'Authorization\', await client.authorizationHeader()]`');
        return;
      }
      const { quote } = this.style;
      this.retired.push(entryPath);
      this.edits.push({ ...rangeOf(entryPath.node), text: `[${quote}Authorization${quote}, ${this.authorizationValue(true)}]` });
      this.needsHelper = true;
      for (const use of uses) if (use.type === 'request') this.recordSiteRoute(use.site);
      this.markMigrated(entryPath.node, 'fetch', `${what} → Authorization from the OAuth helper`);
      return;
    }
    this.retired.push(entryPath);
    const elements = (array.node as ASTNode & { elements: ASTNode[] }).elements;
    const emptiedSlot = elements.length === 1 ? this.headersSlotLeftEmpty(headers) : undefined;
    if (emptiedSlot) this.edits.push(...removeListItems(this.source, emptiedSlot.members.map(rangeOf), new Set([emptiedSlot.index])));
    else this.edits.push(...removeListItems(this.source, elements.map(rangeOf), new Set([index])));
    for (const use of uses) if (use.type === 'request') { this.recordSiteRoute(use.site); this.useHelperFetch(use.call); }
    this.markMigrated(entryPath.node, 'fetch', `${what} → OAuth helper fetch`);
  }

  /**
   * `{ headers: new Headers([['x-token', t]]), method }` left with no pair: the `headers` member
   * goes with it, unless the options have nothing else (they stay, `{ headers: … }` as it was
   * made empty) or it replaces headers spread in before it (`{ ...init, headers: … }`), whose
   * removal would send those instead.
   */
  private headersSlotLeftEmpty(headers: AnyPath): { readonly members: readonly ASTNode[]; readonly index: number } | undefined {
    const slot = parentOf(headers);
    const options = slot ? parentOf(slot) : undefined;
    if (!slot || !options || !isNodeType(slot.node, 'ObjectProperty') || headers.name !== 'value' || !isNodeType(options.node, 'ObjectExpression')) return undefined;
    if (!HEADERS_OPTIONS.has(this.propertyName(slot.node.key, false) ?? '') || this.replacesEarlierHeaders(options.node, slot.node)) return undefined;
    const members = options.node.properties as ASTNode[];
    const index = members.indexOf(slot.node);
    const range = rangeOf(slot.node);
    return members.length > 1 && index >= 0 && !/\/[/*]/u.test(this.source.slice(range.start, range.end)) ? { members, index } : undefined;
  }

  /** The name of the enclosing function's parameter an assignment writes, if it writes one as it is. */
  private parameterValue(site: AnyPath): string | undefined {
    const value = isNodeType(site.node, 'AssignmentExpression') ? (site.get('right') as AnyPath) : undefined;
    if (!value || !isNodeType(value.node, 'Identifier')) return undefined;
    const binding = this.bindingOf(value);
    // ast-types types `parentPath` as any; it is the list the binding sits in.
    const list = binding?.parentPath as AnyPath | null | undefined;
    return list?.name === 'params' && FUNCTION_TYPES.has(parentOf(binding)?.node.type ?? '') ? value.node.name : undefined;
  }

  /**
   * `superagent.get(url).set({ 'x-token': t, … })`: the object is the request's headers, so the
   * token goes in where the x-token was, awaited (the request is sent only when awaited). False
   * when the object is not that, and the caller goes on.
   */
  private migrateSuperagentSetObject(property: AnyPath, target: AnyPath, container: AnyPath, finding: XTokenFinding): boolean {
    const call = parentOf(container);
    const callNode = call?.node;
    if (!call || !isNodeType(callNode, 'CallExpression') || callNode.arguments.length !== 1 || container.name !== 0) return false;
    const callee = callNode.callee as ASTNode;
    if (!isNodeType(callee, 'MemberExpression') || this.propertyName(callee.property, callee.computed ?? false) !== 'set') return false;
    if (!this.superagentRequestOf(call.get('callee', 'object') as AnyPath, finding)) return false;
    const what = 'x-token header set on a superagent request';
    if (!this.isAsyncContext(call)) {
      this.leave(property, what, SUPERAGENT_OUTSIDE_ASYNC, SUPERAGENT_TODO);
      return true;
    }
    const inTheWay = this.credentialInTheWay(container, 'superagent', false);
    if (inTheWay !== undefined) {
      this.leaveForCredential(property, 'request', inTheWay);
      return true;
    }
    if (this.sendsOtherAuthorization(container)) {
      this.removeHeader(target, container);
      this.markMigrated(property.node, 'superagent', 'x-token header removed (the request already sends Authorization)');
      return true;
    }
    let optional: string | undefined;
    const inValue = this.testInValue(finding, (property.node as ASTNode & { value?: ASTNode }).value, ['superagent']);
    if (inValue && 'why' in inValue) {
      this.leave(property, 'x-token header sent under a condition', inValue.why, IN_VALUE_TODO);
      return true;
    }
    const condition = this.conditionOf(finding);
    if (condition?.on === 'token') {
      optional = this.conditionalClient(property, 'x-token header sent only when a token is set');
      if (optional === undefined) return true;
    }
    // Under another test the entry keeps its place: the Authorization goes where the x-token was, under it.
    if (condition?.on === 'mixed') {
      this.leave(property, 'x-token header sent under a condition', `the header is sent only when \`${condition.test}\`, which asks whether the token is set and something else too: kept as it is, the old token would still decide whether the OAuth token is sent`, 'keep the other part of the condition, drop the token from it, and set `Authorization` to `await client.authorizationHeader()` where the x-token is');
      return true;
    }
    if (condition?.on === 'other') target = property;
    this.placeAuthorization(target, container, this.authorizationEntry(true, optional));
    this.helperUsed(optional);
    this.markMigrated(property.node, 'superagent', `x-token header → Authorization from the OAuth helper${optional === undefined ? '' : ' (only when OAuth is configured)'}`);
    return true;
  }

  /** The superagent request a `.set(…)` is chained on (`superagent.post(url).set(…)`, through other chained calls), when the analysis found it as this header's request. */
  private superagentRequestOf(target: AnyPath, finding: XTokenFinding): RequestSite | undefined {
    const [only] = finding.sites;
    if (finding.sites.length !== 1 || only?.client.kind !== 'superagent') return undefined;
    let current: ASTNode = target.node;
    for (let steps = 0; steps < 20 && isNodeType(current, 'CallExpression'); steps++) {
      const { start, end } = rangeOf(current);
      if (start === only.node.range[0] && end === only.node.range[1]) return only;
      const callee = current.callee as ASTNode;
      if (!isNodeType(callee, 'MemberExpression')) return undefined;
      current = callee.object;
    }
    return undefined;
  }

  /** `target['x-token'] = v` or `target.set('x-token', v)`. */
  private migrateHeaderWrite(site: AnyPath, wrappedTargetPath: AnyPath, form: 'assignment' | 'method', finding: XTokenFinding): void {
    // `(headers as Record<string, string>)['x-token'] = t`, `headers!.set(…)`: the cast writes into the same object.
    let targetPath = wrappedTargetPath;
    while (TRANSPARENT_WRAPPERS.has(targetPath.node.type)) targetPath = targetPath.get('expression') as AnyPath;
    const target = targetPath.node;
    const what = form === 'assignment' ? 'x-token header assignment' : 'x-token header set by method call';
    let statement = this.statementOf(site);
    if (!statement) return;
    if (this.hasMarker(statement.node)) {
      const { line, column } = this.position(site.node);
      this.manual.push({ line, column, what, why: 'marked for a person by an earlier run', todo: 'finish the migration by hand and remove the marker' });
      return;
    }
    const expressionStatement = parentOf(site)?.node;
    const standalone = isNodeType(expressionStatement, 'ExpressionStatement');
    const written = form === 'assignment' ? (site.node as ASTNode & { right?: ASTNode }).right : ((site.node as CallExpression).arguments as ASTNode[])[1];
    const sentBy = form === 'method' ? { notKept: 'here the header is set by a method call, not written as an entry or an assignment' } : finding.sites.map((request) => request.client.kind);
    const inValue = this.testInValue(finding, written, sentBy);
    if (inValue && 'why' in inValue) {
      this.leave(site, what, inValue.why, IN_VALUE_TODO);
      return;
    }
    const condition = this.conditionOf(finding);
    // `if (token) x['x-token'] = token;` goes as a whole: without the header the test has no purpose.
    // Under a test that asks something else (`if (isKeptn)`), the write is replaced where it is.
    const guard = standalone && condition?.on === 'token' ? this.soleGuard(parentOf(site) as AnyPath) : undefined;
    const removable = guard ?? (standalone ? (parentOf(site) as AnyPath) : undefined);
    if (guard) statement = guard;
    const conditional = condition?.on === 'token';
    if (condition?.on === 'mixed') {
      this.leave(site, what, `the header is written only when \`${condition.test}\`, which asks whether the token is set and something else too: kept as it is, the old token would still decide whether the OAuth token is sent`, 'keep the other part of the condition, drop the token from it, and set `Authorization` to `await client.authorizationHeader()` where the x-token is written');
      return;
    }
    const keptCondition = condition?.on === 'other' ? condition.test : undefined;
    const optional = (): string | undefined => (conditional ? this.conditionalClient(site, `${what} made only when a token is set`) : undefined);
    const leaveUnderCondition = (where: string): void => {
      this.leave(site, what, `the header is written only when \`${keptCondition ?? ''}\`, which asks something other than whether a token is set, and ${where} would send the OAuth token whatever that condition says`, 'set `Authorization` to `await client.authorizationHeader()` from the OAuth helper where the x-token is written, under the same condition');
    };

    // axios defaults: `<instance>.defaults.headers(.common)['x-token'] = t`
    const defaultsOwner = this.axiosDefaultsOwner(target, targetPath);
    if (defaultsOwner && form === 'assignment') {
      if (keptCondition !== undefined) { leaveUnderCondition('the helper attached to the instance'); return; }
      if (!removable || !this.runsOnce(statement)) {
        const passedIn = this.parameterValue(site);
        const why = passedIn
          ? `the default header is set at run time to \`${passedIn}\`, a token the caller passes in, which one OAuth client from the environment cannot stand for`
          : 'the default header is set inside a function that may run many times';
        const todo = passedIn
          ? `if one OAuth client should authorize every request of this instance, attach the helper where the instance is made (${this.clientText}.${helperClientMembers.attachToAxios}(instance)) and delete this line; a token per caller needs an OAuth client per caller`
          : `attach the helper once where the instance is made: ${this.clientText}.${helperClientMembers.attachToAxios}(instance)`;
        this.leave(site, 'x-token set on axios defaults at run time', why, todo);
        return;
      }
      const audience = this.instanceAudience(finding.site, removable);
      if ('why' in audience) {
        this.leave(site, 'x-token set on axios defaults', audience.why, `give the instance a baseURL, or attach the helper with the API base the token is for: ${this.clientText}.${helperClientMembers.attachToAxios}(instance, { audience: <API base URL> })`);
        return;
      }
      const client = conditional ? optional() : this.clientText;
      if (client === undefined) return;
      this.replaceWithAttach(removable, this.text(defaultsOwner.node), site, client, audience.audience, conditional);
      return;
    }

    // request interceptor: `config.headers['x-token'] = t` / `config.headers.set('x-token', t)`
    const interceptor = this.enclosingInterceptor(target);
    if (interceptor && removable) {
      if (keptCondition !== undefined) { leaveUnderCondition('the helper attached to the instance'); return; }
      const audience = this.instanceAudience(finding.site, interceptor.use);
      if ('why' in audience) {
        this.leave(site, 'x-token set in an axios request interceptor', audience.why, `give the instance a baseURL, or attach the helper with the API base the token is for: ${this.clientText}.${helperClientMembers.attachToAxios}(instance, { audience: <API base URL> })`);
        return;
      }
      const client = conditional ? optional() : this.clientText;
      if (client === undefined) return;
      this.migrateInterceptor(site, removable, interceptor, client, audience.audience, conditional);
      return;
    }

    // got/ky hook: `hooks: { beforeRequest: [(options) => { options.headers['x-token'] = t; }] }` where the instance is made
    const hook = this.enclosingRequestHook(target, finding);
    if (hook && removable) {
      if (keptCondition !== undefined) { leaveUnderCondition(`the helper's hooks on the ${hook.site.createsInstance ? 'instance' : 'request'}`); return; }
      const client = conditional ? optional() : this.clientText;
      if (client === undefined) return;
      this.migrateRequestHook(site, removable, hook, client, conditional);
      return;
    }

    // superagent: `superagent.post(url).set('x-token', t)`, set on the request the chain is building.
    const request = form === 'method' ? this.superagentRequestOf(targetPath, finding) : undefined;
    if (request) {
      const call = site.node as CallExpression;
      const [name, value] = call.arguments as ASTNode[];
      if (!this.isAsyncContext(site)) {
        this.leave(site, what, SUPERAGENT_OUTSIDE_ASYNC, SUPERAGENT_TODO);
        return;
      }
      if (conditional || call.arguments.length !== 2 || !name || !value) {
        this.leave(site, what, conditional ? 'the header is set only when a token is set' : 'the header is set in a form the codemod does not rewrite', SUPERAGENT_TODO);
        return;
      }
      this.retired.push(site.get('arguments', 1) as AnyPath);
      this.edits.push({ start: rangeOf(name).start, end: rangeOf(value).end, text: `${this.style.quote}Authorization${this.style.quote}, ${this.authorizationValue(true)}` });
      this.needsHelper = true;
      this.markMigrated(name, 'superagent', 'x-token header → Authorization from the OAuth helper');
      return;
    }

    // A headers object in a variable, or the one an options variable was made with (`options.headers[…] = t`),
    // or the one a private field holds (`this.headers['x-token'] = t` in the constructor).
    const fieldObject = removable ? this.fieldObjectWrittenInto(targetPath) : undefined;
    if (fieldObject && 'refused' in fieldObject) {
      this.leaveSite(site, what, fieldObject.refused, 'send the request through the OAuth helper');
      return;
    }
    const headersObject = fieldObject?.value ?? (removable ? this.headersObjectWrittenInto(targetPath) : undefined);
    if (headersObject && removable) {
      const init = headersObject;
      const uses = this.usesOf(finding, init.node);
      const unknown = uses.find((use) => use.type === 'unknown');
      if (unknown) {
        this.leaveSite(site, what, unknown.why, 'send `Authorization: await client.authorizationHeader()` instead');
        return;
      }
      const requests = uses.filter((use) => use.type === 'request');
      if (requests.length === 0) {
        this.leaveSite(site, what, 'the headers reach an instance, not a request', 'attach the OAuth helper to the instance');
        return;
      }
      const kinds = new Set(requests.map((use) => use.info.client.kind));
      const keepsModule = kinds.size === 1 && kinds.has('fetch') ? this.keepsFetchModule(requests) : undefined;
      if (keepsModule !== undefined) {
        // Written where it was: the headers object reaches the module's own fetch, which sends what it holds.
        this.withLeaveReason(keepsModule, () => {
          this.writeAuthorizationInPlace(site, removable, target, init, form, conditional, finding, requests, optional, keptCondition, inValue?.sent);
        });
        return;
      }
      if (kinds.size === 1 && kinds.has('fetch') && keptCondition !== undefined) {
        // fetch reads the headers when it is called, after the write: the token goes where the x-token went.
        this.writeAuthorizationInPlace(site, removable, target, init, form, false, finding, requests, optional, keptCondition, inValue?.sent);
        return;
      }
      if (kinds.size === 1 && kinds.has('fetch')) {
        const client = conditional ? optional() : undefined;
        if (conditional && client === undefined) return;
        this.retired.push(removable);
        this.edits.push(removeStatement(this.source, rangeOf(removable.node)));
        for (const use of requests) { this.recordSiteRoute(use.site); this.useHelperFetch(use.call, client); }
        this.markMigrated(site.node, 'fetch', `${what} → OAuth helper fetch${conditional ? ' (only when OAuth is configured)' : ''}`);
        return;
      }
      // `new HttpClient(ua, [new BearerCredentialHandler(t)])`: a handler sets its header after the request's own, over the helper's.
      const handlers = requests.map((use) => use.site.client.handlers).find((found) => found !== undefined);
      if (handlers !== undefined) {
        this.leaveSite(site, what, `the instance was made with request handlers on line ${handlers.loc.start.line}, which may set an \`Authorization\` of their own over the one the helper would send`, 'decide which credential Cloud Automation gets, then send `Authorization: await client.authorizationHeader()` or drop the handler');
        return;
      }
      // Written in a constructor, which cannot wait for the token: each request reading the field takes it instead.
      if (fieldObject && keptCondition === undefined && !inValue && !finding.alsoAuthorized && !this.isAsyncContext(site) && [...kinds].every((kind) => kind === 'axios' || kind === 'got')) {
        // Without an optional client (another helper configured), the write is left below, saying why.
        const client = conditional ? this.optionalClient() : undefined;
        const planned = conditional && client === undefined ? undefined : this.authorizationAtFieldReads(requests, client);
        if (planned) {
          this.retired.push(removable);
          this.edits.push(removeStatement(this.source, rangeOf(removable.node)));
          for (const { use, edit } of planned) {
            this.recordSiteRoute(use.site);
            this.edits.push(edit);
          }
          for (const { use, parameter } of planned) if (parameter !== undefined) this.wrapInTokenPromise(use.call, client, parameter);
          this.helperUsed(client);
          this.markMigrated(site.node, [...kinds].join(' and '), `${what} in the constructor → Authorization from the OAuth helper at each request that reads the field${conditional ? ' (only when OAuth is configured)' : ''}`);
          return;
        }
      }
      // Each of these reads the headers when the request is made, after the write.
      if ([...kinds].every((kind) => kind === 'axios' || kind === 'got' || kind === 'node-http' || kind === 'request' || kind === 'http-client' || kind === 'rest-client')) {
        this.writeAuthorizationInPlace(site, removable, target, init, form, conditional, finding, requests, optional, keptCondition, inValue?.sent);
        return;
      }
      this.leaveSite(site, what, `the headers reach ${[...kinds].join(' and ')} requests, which the codemod does not migrate`, 'send `Authorization: await client.authorizationHeader()` instead');
      return;
    }
    const handedHook = this.handedHookWhy(target, finding);
    if (handedHook) {
      this.leaveSite(site, what, handedHook, `join the helper's hooks to the instance (\`hooks: ${this.clientText}.${helperClientMembers.gotHooks}()\`, \`${this.clientText}.${helperClientMembers.attachToAxios}(instance)\`), then delete this line`);
      return;
    }
    this.leaveSite(site, what, 'the codemod cannot tell which requests this header object reaches', 'send the request through the OAuth helper');
  }

  /**
   * Why a write into `<parameter>.headers` of a function the client runs before its requests (a
   * hook or interceptor it was handed by name, or written out somewhere the codemod does not
   * follow) stays: the write is in the hook, the instance it is handed to is elsewhere.
   */
  private handedHookWhy(target: ASTNode, finding: XTokenFinding): string | undefined {
    const fn = this.headersParameterFunction(target);
    if (!fn) return undefined;
    const [site] = finding.sites;
    if (!site || !finding.sites.every((candidate) => REQUEST_HOOKS[candidate.client.kind] !== undefined)) return undefined;
    // Where the function is handed on: itself, or the name it is declared under.
    const parent = parentOf(fn);
    const nameNode = isNodeType(fn.node, 'FunctionDeclaration')
      ? (fn.get('id') as AnyPath)
      : isNodeType(parent?.node, 'VariableDeclarator') && parent.node.init === fn.node ? (parent.get('id') as AnyPath) : undefined;
    const places = nameNode ? this.referencesOf(nameNode) : [fn];
    if (places.length === 0 || !places.every((place) => this.isHookPlace(place))) return undefined;
    const name = isNodeType(nameNode?.node, 'Identifier') ? `\`${nameNode.node.name}\`` : 'a function';
    const hook = site.client.kind === 'axios' ? 'request interceptor' : '`beforeRequest` hook';
    return `the header is written by ${name}, which the ${site.client.kind} ${site.createsInstance ? 'instance' : 'request'} on line ${site.node.loc.start.line} runs as a ${hook}; the codemod rewrites such a write only in a hook written out in the options that make the instance or the request (or, for axios, in the call that registers the interceptor)`;
  }

  /** An element of a `beforeRequest: […]` list, or the argument of `….interceptors.request.use(…)`. */
  private isHookPlace(place: AnyPath): boolean {
    const parent = parentOf(place);
    if (isNodeType(parent?.node, 'ArrayExpression')) {
      const list = parentOf(parent)?.node;
      return isNodeType(list, 'ObjectProperty') && list.value === parent.node && this.propertyName(list.key, list.computed ?? false) === 'beforeRequest';
    }
    if (!isNodeType(parent?.node, 'CallExpression') || !(parent.node.arguments as ASTNode[]).includes(place.node)) return false;
    const callee = parent.node.callee as ASTNode;
    return isNodeType(callee, 'MemberExpression') && /\.interceptors\.request\.use$/u.test(this.text(callee).replace(/\s+/gu, ''));
  }

  /**
   * `this.headers['x-token'] = t` (or `.set(…)`) in the constructor of the class whose private or
   * protected field `headers` is given one fresh object (its initializer, or `this.headers = { … }`
   * before the write): that object, which the requests read through the field. Written anywhere
   * else, or into a field given more than one value, the requests may read it before the write or
   * without it: left, with why.
   */
  private fieldObjectWrittenInto(writtenPath: AnyPath): { value: AnyPath } | { refused: string } | undefined {
    // `this.config.headers['x-token'] = t`: the headers of the options object the field holds.
    const options = this.optionsFieldOf(writtenPath);
    const targetPath = options ?? writtenPath;
    const target = targetPath.node;
    if (!isNodeType(target, 'MemberExpression') || !isNodeType(target.object as ASTNode, 'ThisExpression')) return undefined;
    const field = this.heldField(targetPath);
    if (!field) {
      let classBody = parentOf(targetPath);
      while (classBody && classBody.node.type !== 'ClassBody') classBody = parentOf(classBody);
      const name = classBody ? this.classMemberName(target) : undefined;
      return name === undefined ? undefined : { refused: publicFieldWhy(name, 'the header is written into') };
    }
    if ('refused' in field) return field;
    const subject = `\`this.${field.name}${options ? '.headers' : ''}\`, which the header is written into,`;
    const [value] = field.values;
    if (field.values.length !== 1 || !value) {
      const lines = field.values.map((item) => this.position(item.node).line).join(', ');
      return { refused: `${subject} is given ${field.values.length === 0 ? 'no object the codemod can see' : `more than one object (lines ${lines})`}, so a request may read one the header is not in` };
    }
    const constructor = this.enclosingFunctionPath(targetPath);
    const writtenInConstructor = constructor !== undefined && this.isConstructor(constructor);
    if (!writtenInConstructor || parentOf(constructor)?.node !== field.classBody.node) {
      const subclass = writtenInConstructor ? (parentOf(parentOf(constructor) ?? constructor)?.node as (ASTNode & { id?: Identifier | null }) | undefined) : undefined;
      if (subclass) {
        const declaring = this.classNameOfBody(field.classBody);
        const base = declaring === undefined ? 'the class declaring it' : `\`${declaring}\``;
        return { refused: `the header is written into \`this.${field.name}\` in the constructor of ${subclass.id ? `\`${subclass.id.name}\`` : 'a class'}, which extends ${base}: the other instances of ${base} send no x-token, and the OAuth token would go with their requests too` };
      }
      return { refused: `the header is written into \`this.${field.name}\` outside the constructor of its class, so requests made before that write send no x-token, and the OAuth token would go with them too` };
    }
    const fresh = isNodeType(value.node, 'ObjectExpression') || (!options && isNodeType(value.node, 'NewExpression') && isNodeType(value.node.callee as ASTNode, 'Identifier') && (value.node.callee as Identifier).name === 'Headers');
    if (!fresh) return { refused: `${subject} holds \`${this.text(value.node)}\`, an object made elsewhere, which other code may hold and send too` };
    const assignment = parentOf(value);
    if (assignment && isNodeType(assignment.node, 'AssignmentExpression') && !this.evaluatedBefore(assignment, writtenPath)) {
      return { refused: `${subject} is given its object on line ${this.position(value.node).line}, not before the write in the constructor, so the write may land in nothing a request reads` };
    }
    if (!options) return { value };
    const headers = this.headersOfFieldOptions(value, field.reads);
    return 'refused' in headers ? { refused: `${subject} ${headers.refused}` } : headers;
  }

  /** `this.config` in `this.config.headers` (`this.config.headers!`), the options field a header write goes through. */
  private optionsFieldOf(writtenPath: AnyPath): AnyPath | undefined {
    const written = writtenPath.node;
    if (!isNodeType(written, 'MemberExpression') || written.computed || this.propertyName(written.property, false) !== 'headers') return undefined;
    let holder = writtenPath.get('object') as AnyPath;
    while (TRANSPARENT_WRAPPERS.has(holder.node.type)) holder = holder.get('expression') as AnyPath;
    return isNodeType(holder.node, 'MemberExpression') && isNodeType(holder.node.object as ASTNode, 'ThisExpression') ? holder : undefined;
  }

  /**
   * The `headers: { … }` object literal written in the options object a field holds, which every
   * request reading the field sends, provided no code of the class gives the field's options
   * other headers (`this.config.headers = …`).
   */
  private headersOfFieldOptions(options: AnyPath, reads: readonly AnyPath[]): { value: AnyPath } | { refused: string } {
    const members = (options.node as ASTNode & { properties: ASTNode[] }).properties;
    const index = members.findIndex((member) => isNodeType(member, 'ObjectProperty') && this.propertyName(member.key, member.computed ?? false) === 'headers');
    // `headers: { accept } as Record<string, string>`
    let value = index < 0 ? undefined : (options.get('properties', index, 'value') as AnyPath);
    while (value && TRANSPARENT_WRAPPERS.has(value.node.type)) value = value.get('expression') as AnyPath;
    if (!value || !isNodeType(value.node, 'ObjectExpression')) {
      return { refused: `lands in the options object on line ${this.position(options.node).line}, which has no \`headers: { … }\` written out that the codemod could follow to its requests` };
    }
    for (const read of reads) {
      let holder = parentOf(read);
      while (holder && TRANSPARENT_WRAPPERS.has(holder.node.type)) holder = parentOf(holder);
      const member = holder?.node;
      if (!holder || !isNodeType(member, 'MemberExpression') || member.computed || this.propertyName(member.property, false) !== 'headers') continue;
      const assignment = parentOf(holder);
      if (assignment && isNodeType(assignment.node, 'AssignmentExpression') && holder.name === 'left') {
        return { refused: `is given other headers on line ${this.position(assignment.node).line}, so a request may read headers the write is not in` };
      }
    }
    return { value };
  }

  /** The name of the class a class body belongs to, when it has one. */
  private classNameOfBody(classBody: AnyPath): string | undefined {
    const declaration = parentOf(classBody)?.node;
    if (!isNodeType(declaration, 'ClassDeclaration') && !isNodeType(declaration, 'ClassExpression')) return undefined;
    const id = declaration.id as ASTNode | null | undefined;
    return isNodeType(id, 'Identifier') ? id.name : undefined;
  }

  /**
   * The object a header write lands in, where it is the one a variable was made with: `headers`
   * declared with an initializer, or `options.headers` where `options` was made with a literal
   * `headers: { … }` that neither `options` nor `options.headers` is ever reassigned away from.
   */
  private headersObjectWrittenInto(targetPath: AnyPath): AnyPath | undefined {
    const target = targetPath.node;
    const holder = isNodeType(target, 'MemberExpression') && !target.computed && this.propertyName(target.property, false) === 'headers' ? (targetPath.get('object') as AnyPath) : targetPath;
    if (!isNodeType(holder.node, 'Identifier')) return undefined;
    const binding = this.bindingOf(holder);
    const assigned = holder === targetPath || !binding ? undefined : this.headersAssignedOnce(binding, targetPath);
    if (assigned) return assigned;
    const declarator = parentOf(binding);
    const declaratorNode = declarator?.node;
    if (!binding || !declarator || binding.name !== 'id' || !isNodeType(declaratorNode, 'VariableDeclarator') || !declaratorNode.init) return undefined;
    if (holder === targetPath) return declarator.get('init') as AnyPath;
    const init = declaratorNode.init as ASTNode;
    if (!isNodeType(init, 'ObjectExpression')) return undefined;
    const index = (init.properties as ASTNode[]).findIndex(
      (member) => isNodeType(member, 'ObjectProperty') && this.propertyName(member.key, member.computed ?? false) === 'headers' && isNodeType(member.value as ASTNode, 'ObjectExpression'),
    );
    if (index < 0) return undefined;
    const replaced = this.referencesOf(binding).some((reference) => {
      const parent = parentOf(reference);
      if (isNodeType(parent?.node, 'AssignmentExpression') && reference.name === 'left') return true;
      const member = parent?.node;
      if (!parent || !isNodeType(member, 'MemberExpression') || reference.name !== 'object' || this.propertyName(member.property, member.computed ?? false) !== 'headers') return false;
      return isNodeType(parentOf(parent)?.node, 'AssignmentExpression') && parent.name === 'left';
    });
    return replaced ? undefined : (declarator.get('init', 'properties', index, 'value') as AnyPath);
  }

  /**
   * `options.headers = { … }` written once, before `options.headers['x-token'] = t` in the same
   * run of the function (`evaluatedBefore`), on a variable never replaced: the object literal
   * assigned there.
   */
  private headersAssignedOnce(binding: AnyPath, write: AnyPath): AnyPath | undefined {
    const writes: AnyPath[] = [];
    for (const reference of this.referencesOf(binding)) {
      const parent = parentOf(reference);
      if (isNodeType(parent?.node, 'AssignmentExpression') && reference.name === 'left') return undefined;
      const member = parent?.node;
      if (!parent || !isNodeType(member, 'MemberExpression') || reference.name !== 'object' || this.propertyName(member.property, member.computed ?? false) !== 'headers') continue;
      const assignment = parentOf(parent);
      if (isNodeType(assignment?.node, 'AssignmentExpression') && parent.name === 'left') writes.push(assignment);
    }
    const [assignment] = writes;
    const value = assignment?.get('right') as AnyPath | undefined;
    if (writes.length !== 1 || !assignment || !value || !isNodeType(value.node, 'ObjectExpression') || (assignment.node as ASTNode & { operator: string }).operator !== '=') return undefined;
    // Before it in the same run of the function, also when the write sits in an `if` after it.
    return this.evaluatedBefore(assignment, write) ? value : undefined;
  }

  /**
   * `headers['x-token'] = t` on a plain object that axios or got requests send: the helper's
   * header is written in its place, at the same moment (`headers.Authorization = await …`), or
   * with the optional client `Object.assign(headers, await optional.authorizationHeaders())`.
   */
  private writeAuthorizationInPlace(
    site: AnyPath,
    removable: AnyPath,
    target: ASTNode,
    init: AnyPath,
    form: 'assignment' | 'method',
    conditional: boolean,
    finding: XTokenFinding,
    requests: readonly Extract<Use, { type: 'request' }>[],
    optional: () => string | undefined,
    keptCondition?: string,
    sentInValue?: AnyPath,
  ): void {
    const what = form === 'assignment' ? 'x-token header assignment' : 'x-token header set by method call';
    const kind = requests[0]?.info.client.kind ?? 'axios';
    if (finding.alsoAuthorized) {
      this.leaveSite(site, what, 'the same headers also carry an Authorization of the code\'s own', 'decide which credential the request sends, then drop the x-token');
      return;
    }
    if (sentInValue && (form !== 'assignment' || requests.some((use) => httpClients[use.info.client.kind].dropsUndefinedHeader !== true))) {
      this.leaveSite(site, what, `the header's value leaves it out unless \`${keptCondition ?? ''}\`, and the codemod keeps a test in the value only in an assignment whose headers only axios and got requests send, which leave out a header whose value is \`undefined\``, IN_VALUE_TODO);
      return;
    }
    // A token written after a copy of the caller's headers would replace an Authorization of the caller's (or, spelled
    // otherwise, go next to it): `addAuthorization` adds it only where none is, as the helper's own adapters and fetch do.
    const copied = this.copiedInto(init.node);
    const carried = (copied ?? this.copiedIntoHeaders(init.node)).filter((source) => this.mayCarry(source, isAuthorizationHeader));
    const [firstCarried] = carried;
    if (firstCarried && !this.isAsyncContext(site)) {
      const sources = carried.map((source) => `\`${this.text(source).replace(/\s+/gu, ' ')}\``).join(' and ');
      this.leaveSite(
        site,
        what,
        `the headers object is a copy of ${sources}, which may carry an \`Authorization\` of the caller's own that an OAuth token written after it would replace (or, spelled otherwise, be sent next to), and it is written outside an async function, where the helper cannot be awaited to add its token only when there is none`,
        `make the function async and replace the x-token write with \`await client.${helperClientMembers.addAuthorization}(${this.text(target)})\`, which keeps an Authorization of the caller's`,
      );
      return;
    }
    if (!this.isAsyncContext(site) && keptCondition !== undefined) {
      this.leaveSite(site, what, `the header is written only when \`${keptCondition}\`, which asks something other than whether a token is set, and outside an async function, where the token cannot be awaited under that condition`, 'make the function async and set `Authorization: await client.authorizationHeader()` where the x-token is written');
      return;
    }
    if (!this.isAsyncContext(site)) {
      const [request] = requests;
      // node's request sends its headers when first written to: the write goes, and the request waits for the token.
      const deferrable = kind === 'node-http' && requests.length === 1 && request !== undefined;
      const deferred = deferrable && this.evaluatedBefore(site, request.call);
      if (!deferred) {
        const why = deferrable
          ? 'the header is written outside an async function, and not where the codemod can tell it is written before its request is made (in the same run, before the statement that makes it)'
          : 'the header is written outside an async function, where the token cannot be awaited';
        // A constructor cannot be made async: the token can only go in where the requests are made.
        this.leaveSite(site, what, why, this.isConstructor(this.enclosingFunctionPath(site)) ? 'drop the x-token here and send `Authorization: await client.authorizationHeader()` with each request that reads these headers' : 'make the function async and set `Authorization: await client.authorizationHeader()`');
        return;
      }
      const client = conditional ? optional() : undefined;
      if (conditional && client === undefined) return;
      const promise = client === undefined
        ? `${this.clientText}.${helperClientMembers.authorizationHeader}()`
        : `${client}.${helperOptionalClientMembers.authorizationHeaders}()`;
      const plan = planDeferredSend(this.deferralContext(), request.call, promise, client !== undefined);
      if ('why' in plan) {
        this.leaveSite(site, what, `the header is written outside an async function, and its request cannot wait for the OAuth token (which must be awaited) before it is sent: ${plan.why}`, 'make the function async and set `Authorization: await client.authorizationHeader()`');
        return;
      }
      if (client === undefined) this.needsHelper = true;
      else this.useOptionalClient();
      this.retired.push(removable);
      this.edits.push(removeStatement(this.source, rangeOf(removable.node)), ...plan.edits);
      this.recordSiteRoute(request.site);
      this.markMigrated(site.node, kind, `${what} → Authorization from the OAuth helper, set on the request before it is written, which waits for the token${conditional ? ' (only when OAuth is configured)' : ''}`);
      return;
    }
    const plainObject = copied !== undefined;
    const targetText = this.text(target);
    if (sentInValue) {
      this.keepTestInWrittenValue(site, what, target, kind, requests, sentInValue, { carried, plainObject, test: keptCondition ?? '' });
      return;
    }
    let text: string;
    if (firstCarried) {
      // Under a token test the optional client's, which leaves the headers untouched while OAuth is not configured.
      const client = conditional ? optional() : this.clientText;
      if (client === undefined) return;
      if (conditional) this.useOptionalClient();
      else this.needsHelper = true;
      const member = conditional ? helperOptionalClientMembers.addAuthorization : helperClientMembers.addAuthorization;
      text = `await ${client}.${member}(${targetText})${this.style.semicolon}`;
    } else if (conditional) {
      if (!plainObject) {
        this.leaveSite(site, what, 'the header is set only when a token is set, on a headers object the optional client\'s headers cannot be merged into', `spread \`await ${helperExports.optionalClientFromEnv}().authorizationHeaders()\` into the request's headers`);
        return;
      }
      const client = optional();
      if (client === undefined) return;
      this.useOptionalClient();
      text = `Object.assign(${targetText}, await ${client}.${helperOptionalClientMembers.authorizationHeaders}())${this.style.semicolon}`;
    } else {
      this.needsHelper = true;
      const value = `await ${this.clientText}.${helperClientMembers.authorizationHeader}()`;
      text = form === 'assignment' ? `${targetText}.Authorization = ${value}${this.style.semicolon}` : `${targetText}.set('Authorization', ${value})${this.style.semicolon}`;
      if (form === 'assignment' && !plainObject) {
        this.leaveSite(site, what, 'the headers object is not a plain object, so a header cannot be assigned to it the same way', 'set `Authorization` to `await client.authorizationHeader()` on it');
        return;
      }
    }
    this.retired.push(removable);
    this.edits.push({ ...rangeOf(removable.node), text });
    for (const use of requests) this.recordSiteRoute(use.site);
    const added = firstCarried ? ', added only where the copied headers carry no Authorization of the caller\'s' : '';
    this.markMigrated(site.node, kind, `${what} → Authorization from the OAuth helper${added}${conditional ? ' (only when OAuth is configured)' : ''}${keptCondition === undefined ? '' : `, written under the same condition (\`${keptCondition}\`)`}`);
  }

  /**
   * `headers['x-token'] = signedIn ? t : undefined` in an async function, on a plain object that
   * axios or got requests send: the header's name and what the value sends change
   * (`headers.Authorization = signedIn ? await client.authorizationHeader() : undefined`), and the
   * test stays as written. A copy of the caller's headers is left: the helper keeps an
   * Authorization of theirs only through `addAuthorization`, a statement, not a value.
   */
  private keepTestInWrittenValue(
    site: AnyPath,
    what: string,
    target: ASTNode,
    kind: HttpClientKind,
    requests: readonly Extract<Use, { type: 'request' }>[],
    sent: AnyPath,
    { carried, plainObject, test }: { readonly carried: readonly ASTNode[]; readonly plainObject: boolean; readonly test: string },
  ): void {
    const written = (site.node as ASTNode & { left?: ASTNode }).left;
    if (carried.length > 0) {
      const sources = carried.map((source) => `\`${this.text(source).replace(/\s+/gu, ' ')}\``).join(' and ');
      this.leaveSite(
        site,
        what,
        `the headers object is a copy of ${sources}, which may carry an \`Authorization\` of the caller's own that an OAuth token written after it would replace, and the header's value holds the test that decides whether it is sent (\`${test}\`), where the helper's \`${helperClientMembers.addAuthorization}\`, which keeps the caller's, cannot go: it is a statement of its own`,
        `replace the x-token write with \`if (<test>) await client.${helperClientMembers.addAuthorization}(${this.text(target)})\``,
      );
      return;
    }
    if (!plainObject || !written || !isNodeType(written, 'MemberExpression')) {
      this.leaveSite(site, what, 'the headers object is not a plain object, so a header cannot be assigned to it the same way', IN_VALUE_TODO);
      return;
    }
    // `headers['x-token']` → `headers.Authorization`: only the name after the object changes.
    this.edits.push({ start: rangeOf(written.object).end, end: rangeOf(written).end, text: '.Authorization' }, { ...rangeOf(sent.node), text: this.authorizationValue(true) });
    this.retired.push(sent);
    this.needsHelper = true;
    for (const use of requests) this.recordSiteRoute(use.site);
    this.markMigrated(site.node, kind, `${what} → Authorization from the OAuth helper, written under the same condition (\`${test}\`, kept in its value)`);
  }

  /**
   * The objects a new plain headers object copies, when `init` makes one: the spreads of an
   * object literal (`{ ...extra, accept }`), the sources of `Object.assign({}, extra)`. Undefined
   * when `init` is not a new plain object (a `Headers`, a parameter, a call's result).
   */
  private copiedInto(init: ASTNode): ASTNode[] | undefined {
    const value = this.unwrapped(init);
    const spreads = (object: ASTNode): ASTNode[] => ((object as ObjectExpression).properties as ASTNode[]).flatMap((member) => (isNodeType(member, 'SpreadElement') ? [member.argument] : []));
    if (isNodeType(value, 'ObjectExpression')) return spreads(value);
    if (!isNodeType(value, 'CallExpression') || !this.copiesLikeAssign(value.callee)) return undefined;
    const [first, ...sources] = value.arguments as ASTNode[];
    if (!first || !isNodeType(this.unwrapped(first), 'ObjectExpression')) return undefined;
    return [...spreads(this.unwrapped(first)), ...sources.map((source) => (isNodeType(source, 'SpreadElement') ? source.argument : source))];
  }

  /**
   * The objects `new Headers(extra)` copies (its arguments other than literals written here); also
   * a module's Headers (`new nodeFetch.Headers(extra)`, `new FetchHeaders(extra)` imported under
   * another name), which copies its argument the same way.
   */
  private copiedIntoHeaders(init: ASTNode): ASTNode[] {
    const value = this.unwrapped(init);
    if (!isNodeType(value, 'NewExpression')) return [];
    const callee = this.unwrapped(value.callee);
    const name = isNodeType(callee, 'Identifier') ? callee.name : isNodeType(callee, 'MemberExpression') ? this.propertyName(callee.property, callee.computed ?? false) : undefined;
    if (name === undefined || !(HEADERS_CONSTRUCTORS.includes(name) || name.endsWith('Headers'))) return [];
    return (value.arguments as ASTNode[]).filter((argument) => !isNodeType(argument, 'ArrayExpression'));
  }

  /** The `if` whose only job is this statement (no else), so both go together. */
  private soleGuard(statement: AnyPath): AnyPath | undefined {
    let current = statement;
    let parent = parentOf(current);
    if (parent && isNodeType(parent.node, 'BlockStatement') && parent.node.body.length === 1) {
      current = parent;
      parent = parentOf(current);
    }
    if (parent && isNodeType(parent.node, 'IfStatement') && !parent.node.alternate && current.name === 'consequent') return parent;
    return undefined;
  }

  private axiosDefaultsOwner(target: ASTNode, targetPath: AnyPath): AnyPath | undefined {
    // Walk down `a.b.defaults.headers.common` collecting names, keeping the path of each object.
    const names: string[] = [];
    const objects: AnyPath[] = [];
    let current: ASTNode = target;
    let path: AnyPath = targetPath;
    while (isNodeType(current, 'MemberExpression') && !current.computed && isNodeType(current.property as ASTNode, 'Identifier')) {
      names.unshift((current.property as Identifier).name);
      current = current.object;
      path = path.get('object') as AnyPath;
      objects.unshift(path);
    }
    for (const candidate of AXIOS_DEFAULT_HEADER_PATHS) {
      const offset = names.length - candidate.length;
      if (offset < 0 || !candidate.every((name, index) => names[offset + index] === name)) continue;
      const owner = objects[offset];
      if (!owner) continue;
      const estree = this.estreeNode(owner.node);
      const { analysis } = this.facts();
      const client = estree ? (analysis.resolveClient(estree) ?? analysis.typedClient(estree)) : undefined;
      // `x.defaults.headers.common` is axios's own shape: a client we cannot name is still an axios instance by it.
      if (client && client.kind !== 'axios') return undefined;
      return owner;
    }
    return undefined;
  }

  private replaceWithAttach(statement: AnyPath, instanceText: string, site: AnyPath, client: string, audience: string, conditional: boolean): void {
    this.retired.push(statement);
    this.helperUsed(conditional ? client : undefined);
    const key = `${client}:${instanceText}`;
    if (this.attachedInstances.has(key)) {
      this.edits.push(removeStatement(this.source, rangeOf(statement.node)));
    } else {
      this.attachedInstances.add(key);
      this.edits.push({ ...rangeOf(statement.node), text: `${client}.${helperClientMembers.attachToAxios}(${instanceText}${audience === '' ? '' : `, ${audience}`})${this.style.semicolon}` });
    }
    this.markMigrated(site.node, 'axios', `x-token on axios defaults → OAuth helper attached to the instance${conditional ? ' (only when OAuth is configured)' : ''}`);
  }

  /**
   * `config.headers` where `config` is the first parameter of the function it is read in: the
   * request a hook or interceptor is handed, whose headers it writes. That function.
   */
  private headersParameterFunction(target: ASTNode): AnyPath | undefined {
    if (!isNodeType(target, 'MemberExpression') || target.computed) return undefined;
    const base = target.object as ASTNode;
    if (!isNodeType(base, 'Identifier') || this.propertyName(target.property, false) !== 'headers') return undefined;
    const basePath = this.pathOf(base);
    const binding = basePath ? this.bindingOf(basePath) : undefined;
    const fn = parentOf(binding);
    return fn && FUNCTION_TYPES.has(fn.node.type) && (fn.node as ASTNode & { params: ASTNode[] }).params[0] === binding?.node ? fn : undefined;
  }

  /** `instance.interceptors.request.use((config) => { … config.headers… })` holding this header write. */
  private enclosingInterceptor(target: ASTNode): { fn: AnyPath; use: AnyPath; instance: ASTNode } | undefined {
    const fn = this.headersParameterFunction(target);
    if (!fn) return undefined;
    const call = parentOf(fn);
    const callNode = call?.node;
    if (!call || !isNodeType(callNode, 'CallExpression') || callNode.arguments[0] !== fn.node) return undefined;
    const callee = callNode.callee as ASTNode;
    const chain: string[] = [];
    let current: ASTNode = callee;
    while (isNodeType(current, 'MemberExpression') && !current.computed && isNodeType(current.property as ASTNode, 'Identifier')) {
      chain.unshift((current.property as Identifier).name);
      if (chain.length === 3) break;
      current = current.object;
    }
    if (chain.join('.') !== 'interceptors.request.use' || !isNodeType(current, 'MemberExpression')) return undefined;
    return { fn, use: call, instance: current.object as ASTNode };
  }

  /**
   * The beforeRequest hook holding this header write (`options.headers[…] = t` in got's, which gets
   * the options; `request.headers.set(…)` in ky's, which gets the Request), written out in the
   * options of the call that makes the instance the analysis found it sent by: then it runs for
   * that instance's requests and no others, and the helper's hooks can take its place there.
   */
  private enclosingRequestHook(target: ASTNode, finding: XTokenFinding): RequestHook | undefined {
    const fn = this.headersParameterFunction(target);
    if (!fn) return undefined;
    const array = parentOf(fn);
    const list = parentOf(array);
    const hooks = parentOf(list);
    const hooksMember = parentOf(hooks);
    const options = parentOf(hooksMember);
    const call = parentOf(options);
    const keyed = (member: AnyPath | null, name: string, value: ASTNode | undefined): boolean =>
      isNodeType(member?.node, 'ObjectProperty') && !member.node.computed && this.propertyName(member.node.key, false) === name && member.node.value === value;
    if (!isNodeType(array?.node, 'ArrayExpression') || !keyed(list, 'beforeRequest', array.node) || !isNodeType(hooks?.node, 'ObjectExpression') || !keyed(hooksMember, 'hooks', hooks.node)) return undefined;
    if (!hooksMember || !isNodeType(options?.node, 'ObjectExpression') || !call || !isNodeType(call.node, 'CallExpression') || !(call.node.arguments as ASTNode[]).includes(options.node)) return undefined;
    const { start, end } = rangeOf(call.node);
    const site = finding.sites.find((candidate) => candidate.node.range[0] === start && candidate.node.range[1] === end);
    if (site?.client.kind !== 'got' && site?.client.kind !== 'ky') return undefined;
    return { fn, array: array.node, hooks: hooks.node, hooksMember, options: options.node, call: call as ASTPath<CallExpression>, site };
  }

  /**
   * The write goes and the helper's hooks join the hooks it was in: on an instance as everywhere
   * an instance gets them (instanceHooks), on a single request bound to the request's own base,
   * which it has no prefixUrl to tell (as add-oauth binds a got request's hooks).
   */
  private migrateRequestHook(site: AnyPath, removable: AnyPath, hook: RequestHook, client: string, conditional: boolean): void {
    const kind = hook.site.client.kind === 'ky' ? 'ky' : 'got';
    const what = `x-token set in a ${kind} beforeRequest hook`;
    const hooksName = kind === 'ky' ? helperClientMembers.kyHooks : helperClientMembers.gotHooks;
    let audience: string;
    let plan: InstanceHooks | ReturnType<RequestMigration['hooksFor']>;
    if (hook.site.createsInstance) {
      const instance = this.instanceAudience(hook.site, hook.call);
      if ('why' in instance) {
        this.leave(site, what, instance.why, `give the instance a prefixUrl, or join the helper's hooks with the API base the token is for: ${client}.${hooksName}({ audience: <API base URL> })`);
        return;
      }
      audience = instance.audience;
      plan = this.instanceHooks(hook.call, kind, audience, client);
    } else {
      const named = hook.site.client.defaults.length > 0 ? null : this.audienceFor(this.urlNodeOf(hook.site), hook.call);
      if (named === undefined) {
        this.leave(site, what, 'the helper\'s hooks must be told the API base the token is for, and the request\'s URL cannot be named where they are added', `join \`${client}.${hooksName}({ audience: <API base URL> })\` to the request's hooks, and delete this line`);
        return;
      }
      audience = this.audienceOption(named === null ? [] : [named]);
      plan = this.hooksFor(hook.options, kind, audience, client);
    }
    if ('why' in plan) {
      this.leave(site, what, plan.why, `join \`${client}.${hooksName}(${audience})\` to the hooks, and delete this line`);
      return;
    }
    this.helperUsed(conditional ? client : undefined);
    this.retired.push(removable);
    this.edits.push(removeStatement(this.source, rangeOf(removable.node)));
    const before = this.edits.length;
    if (hook.site.createsInstance) this.addInstanceHooks(hook.call, plan as Exclude<InstanceHooks, { readonly why: string }>);
    else if ('member' in plan) this.appendMember(hook.options, plan.member);
    else if ('edits' in plan) this.edits.push(...plan.edits);
    this.hooksLeft.push({ ...hook, added: this.edits.slice(before), helperHooks: `${client}.${hooksName}(${audience})` });
    this.markMigrated(site.node, kind, `${what} → the OAuth helper's hooks on the ${hook.site.createsInstance ? 'instance' : 'request'}${conditional ? ' (only when OAuth is configured)' : ''}`);
  }

  private migrateInterceptor(
    site: AnyPath,
    removable: AnyPath,
    interceptor: { fn: AnyPath; use: AnyPath; instance: ASTNode },
    client: string,
    audience: string,
    conditional: boolean,
  ): void {
    const useStatement = parentOf(interceptor.use);
    if (!useStatement || !isNodeType(useStatement.node, 'ExpressionStatement') || !this.runsOnce(useStatement)) {
      this.leave(site, 'x-token set in an axios request interceptor', 'the interceptor is registered somewhere that may run many times', `attach the helper once: ${this.clientText}.${helperClientMembers.attachToAxios}(instance)`);
      return;
    }
    const instanceText = this.text(interceptor.instance);
    this.helperUsed(conditional ? client : undefined);
    this.retired.push(removable);
    const attach = `${client}.${helperClientMembers.attachToAxios}(${instanceText}${audience === '' ? '' : `, ${audience}`})${this.style.semicolon}`;
    this.edits.push(removeStatement(this.source, rangeOf(removable.node)));
    const { start, end } = rangeOf(useStatement.node);
    const attachAfter = { start: end, end, text: `\n${indentationAt(this.source, start)}${attach}` };
    this.edits.push(attachAfter);
    // Whether the interceptor is left doing nothing is known once the token's variables are judged.
    this.interceptorsLeft.push({ useStatement, use: interceptor.use, fn: interceptor.fn, attach, attachAfter });
    this.attachedInstances.add(`${client}:${instanceText}`);
    this.markMigrated(site.node, 'axios', `x-token set in a request interceptor → OAuth helper attached to the instance${conditional ? ' (only when OAuth is configured)' : ''}`);
  }

  /**
   * An interceptor the migration left provably doing nothing goes, and the helper's attach takes
   * its place: it has one handler, which returns its parameter and whose every other statement
   * is removed, and nothing the author wrote in it (a comment, a marker queued for it) remains.
   */
  protected override removeEmptied(): boolean {
    let retired = this.removeEmptiedHooks();
    for (const { useStatement, use, fn, attach, attachAfter } of this.interceptorsLeft) {
      const [parameter] = (fn.node as ASTNode & { params: ASTNode[] }).params;
      const body = (fn.node as ASTNode & { body: ASTNode }).body;
      if ((use.node as CallExpression).arguments.length !== 1 || !isNodeType(parameter, 'Identifier') || !isNodeType(body, 'BlockStatement')) continue;
      const statements = body.body as ASTNode[];
      const returned = statements.at(-1);
      if (!isNodeType(returned, 'ReturnStatement') || !isNodeType(returned.argument, 'Identifier') || returned.argument.name !== parameter.name) continue;
      if (!statements.slice(0, -1).every((statement) => this.isRemoved(rangeOf(statement)))) continue;
      const bodyRange = rangeOf(body);
      const inside = this.edits.filter((edit) => edit !== attachAfter && contains(rangeOf(useStatement.node), edit));
      if (inside.some((edit) => edit.text !== '' || !contains(bodyRange, edit))) continue;
      // A comment left in it may be all that says why the interceptor is there: it stays, and with it the interceptor.
      const { start } = rangeOf(useStatement.node);
      const left = applyEdits(this.text(useStatement.node), inside.map((edit) => ({ start: edit.start - start, end: edit.end - start, text: edit.text })));
      if (/\/[/*]/u.test(left)) continue;
      this.edits.splice(0, this.edits.length, ...this.edits.filter((edit) => edit !== attachAfter && !inside.includes(edit)));
      this.edits.push({ ...rangeOf(useStatement.node), text: attach });
      this.retired.push(useStatement);
      retired = true;
    }
    return retired;
  }

  /**
   * A beforeRequest hook the migration left provably doing nothing goes: every statement of its
   * body is removed and nothing the author wrote in it (a comment) remains. When it was the only
   * hook, the helper's hooks take the place of the whole `hooks` member, instead of joining it.
   */
  private removeEmptiedHooks(): boolean {
    let retired = false;
    for (const hook of this.hooksLeft.splice(0)) {
      const body = (hook.fn.node as ASTNode & { body: ASTNode }).body;
      if (!isNodeType(body, 'BlockStatement') || !(body.body as ASTNode[]).every((statement) => this.isRemoved(rangeOf(statement)))) continue;
      const fnRange = rangeOf(hook.fn.node);
      const inside = this.edits.filter((edit) => contains(fnRange, edit) && !hook.added.includes(edit));
      if (inside.some((edit) => edit.text !== '' || !contains(rangeOf(body), edit))) continue;
      const left = applyEdits(this.text(hook.fn.node), inside.map((edit) => ({ start: edit.start - fnRange.start, end: edit.end - fnRange.start, text: '' })));
      if (/\/[/*]/u.test(left)) continue;
      const elements = hook.array.elements;
      const index = elements.indexOf(hook.fn.node);
      if (elements.includes(null) || index === -1) continue;
      const only = elements.length === 1 && hook.hooks.properties.length === 1;
      const hooksRange = rangeOf(hook.hooksMember.node);
      const dropped = new Set<Edit>(only ? [...hook.added, ...this.edits.filter((edit) => contains(hooksRange, edit))] : inside);
      this.edits.splice(0, this.edits.length, ...this.edits.filter((edit) => !dropped.has(edit)));
      if (only) this.edits.push({ ...hooksRange, text: `hooks: ${hook.helperHooks}` });
      else this.edits.push(...removeListItems(this.source, (elements as ASTNode[]).map(rangeOf), new Set([index])));
      this.retired.push(hook.fn);
      retired = true;
    }
    return retired;
  }

  // ── old-token plumbing (what goes once every pass has planned: ./unused-bindings.ts) ──

  // ── the helper import ─────────────────────────────────────────────────────────────

}

/**
 * The transform. Returns the new text, or undefined when the file is left as it was (what
 * jscodeshift counts as "skipped"); parse failures and internal errors as in ./transform-runner.ts.
 */
export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  return runMigrationTransform(
    {
      name: TRANSFORM_NAME,
      needsParse,
      migrate: (j, root, source, settings) => RequestMigration.runPasses([new XTokenMigration(j, root, source, settings)]),
    },
    file,
    api,
    options,
  );
}

/** The condition under which a branch runs, from its test's text: `userToken`, `!userToken`, `cache == null`. */
/**
 * Code quoted in a reason, on one line and at most `max` characters: a longer one is cut after
 * its last whole token and ends in `…`, so a quote never stops mid-name (`config.url?.start`).
 */
function quotedCode(code: string, max = 60): string {
  const line = code.replace(/\s+/gu, ' ').trim();
  if (line.length <= max) return line;
  const cut = line.slice(0, max);
  const boundary = Math.max(...[' ', '(', ',', '.', '?', ':', '&', '|', '['].map((mark) => cut.lastIndexOf(mark)));
  return `${(boundary > 0 ? cut.slice(0, boundary) : cut).trimEnd()} …`;
}

function conditionText(test: string, outcome: 'truthy' | 'falsy' | 'nullish'): string {
  const simple = /^[\w$.]+$/u.test(test);
  if (outcome === 'truthy') return test;
  if (outcome === 'nullish') return `${simple ? test : `(${test})`} == null`;
  const negated = /^!([\w$.]+)$/u.exec(test)?.[1];
  return negated ?? (simple ? `!${test}` : `!(${test})`);
}

/** "on line 23 (its host … is no Cloud Automation host)", or each line with its own reason when they differ. */
function linesWithReasons(requests: readonly { readonly request: RequestSite; readonly reason: string; readonly where?: string }[]): string {
  const reasons = [...new Set(requests.map(({ reason }) => reason))];
  // A request of another module is named by its file and line, one of this file by its line.
  const at = ({ request, where }: { readonly request: RequestSite; readonly where?: string }): string => where ?? `${request.node.loc.start.line}`;
  const here = requests.every(({ where }) => where === undefined);
  return reasons.length === 1
    ? `${here ? 'on line' : 'at'} ${requests.map(at).join(', ')} (${reasons[0] ?? ''})`
    : requests.map((request) => `${request.where === undefined ? 'on line' : 'at'} ${at(request)} (${request.reason})`).join(' and ');
}

/** A variable name made from an env var's (`KEPTN_API_TOKEN` → `keptnApiToken`), or `fallback` when nothing of it can name one. */
function identifierAfter(envName: string, fallback: string): string {
  const name = envName.toLowerCase().replace(/[^a-z0-9$]+([a-z0-9$])/gu, (_match, letter: string) => letter.toUpperCase()).replace(/[^\w$]/gu, '');
  return /^[a-z_$]/iu.test(name) ? name : fallback;
}

/**
 * Header builders handed across modules. An exported function returns `{ 'x-token': token, … }`
 * and other modules send what it returns (`axios.post(url, event, { headers: keptnHeaders() })`).
 * Rewriting one file at a time, the codemod cannot drop that header: the callers would lose their
 * credential. In a `migrate` run that holds every caller it can: the builder becomes async and
 * returns `Authorization: await client.authorizationHeader()` where the x-token was, and each
 * call of it is awaited. The value goes exactly where the x-token went, no further.
 *
 * The builder's file and each caller's file decide this on their own (in different worker
 * threads, perhaps) with this one function over the same files on disk, so they agree; the CLI
 * still checks after the run that every caller took its part, and leaves the builder as it was
 * if one did not (cli/hand-off-check.ts).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { classMemberKey, contains, forEachDescendant, isFunctionNode, memberName, outermostTypeWrapper, staticPropertyKey, unwrap, type Node } from '../analysis/ast.js';
import type { EscapingXToken } from '../analysis/findings.js';
import { relativeImportsIn } from '../analysis/module-callers.js';
import type { ModuleExit } from '../analysis/module-exits.js';
import type { ForeignCall, RequestAnalysis, RequestSite, TargetAssessment } from '../analysis/request-analysis.js';
import { CANDIDATE_SOURCE_PATTERN, HEADERS_OPTIONS, httpClients, isAuthorizationHeader, isTokenCheckRoute, MIGRATION_MARKER } from '../core/index.js';
import { fileFacts, type FileFacts } from './request-migration.js';
import { createTypeOracle, type FileTypeOracle } from './type-oracle.js';
import type { TransformOptions } from './report.js';

/** A call of a handed-off builder, where the caller's transform puts its `await`. */
export interface HandedCall {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
  /**
   * Outside an async function: the request whose options take the call, which is returned as a
   * promise (`return fetch(url, { headers: keptnHeaders() }).then(…)`). The request is chained
   * behind the builder's promise instead of awaiting it (`keptnHeaders().then((headers) => fetch(…))`).
   */
  readonly chainedRequest?: { readonly line: number; readonly column: number; readonly endLine: number; readonly endColumn: number };
  /** A read of a getter that becomes a method (`this.config`, not `this.config()`): the call's parentheses are added too. */
  readonly getterRead?: true;
}

export type HandOffDecision =
  | {
      /** The builder's returned object literal, the x-token property in it, the function. */
      readonly property: TSESTree.Property;
      readonly fn: Node;
      /** Every call of the builder in other modules. */
      readonly calls: readonly HandedCall[];
      /** Its calls in its own module, which the builder's own transform awaits. */
      readonly ownCalls: readonly HandedCall[];
      /** The builder was async already: its callers await it, and only the header changes. */
      readonly wasAsync: boolean;
      /** The clients of the requests its callers send it with (`axios`, `fetch`). */
      readonly clients: readonly string[];
    }
  | { readonly why: string };

interface RunCache {
  readonly files: ReadonlySet<string>;
  readonly texts: Map<string, string | undefined>;
  readonly facts: Map<string, FileFacts | null>;
  /** Decisions by header node: every caller of a builder asks about the same one. */
  readonly decisions: WeakMap<Node, HandOffDecision | undefined>;
  readonly valueDecisions: WeakMap<Node, ValueHandOffDecision | undefined>;
}

// Keyed by the options' file list: one run (one worker's copy of the options) shares one cache.
const runCaches = new WeakMap<readonly string[], RunCache>();

function runCache(options: TransformOptions): RunCache | undefined {
  const list = options.runFiles;
  if (!list || list.length === 0) return undefined;
  let cache = runCaches.get(list);
  if (!cache) {
    cache = { files: new Set(list.map((file) => path.resolve(file))), texts: new Map(), facts: new Map(), decisions: new WeakMap(), valueDecisions: new WeakMap() };
    runCaches.set(list, cache);
  }
  return cache;
}

function textOf(cache: RunCache, file: string): string | undefined {
  if (!cache.texts.has(file)) {
    let text: string | undefined;
    try {
      text = readFileSync(file, 'utf8');
    } catch {
      text = undefined;
    }
    cache.texts.set(file, text);
  }
  return cache.texts.get(file);
}

/**
 * The files of the run this file imports by a relative path that hold a builder: an exported
 * function returning an x-token header, which may be handed to this file. Before this file is
 * parsed: its text, a few path lookups, and the imported file's own analysis, made once a run
 * (a settings module that merely names Keptn, imported by many files, costs one analysis, not
 * a parse of each importer; bench/migrate-importers.ts).
 */
export function handOffSources(file: string, source: string, options: TransformOptions): string[] {
  const cache = runCache(options);
  if (!cache || options.library === true) return [];
  const own = path.resolve(file);
  return relativeImportsIn(own, source, cache.files).filter((imported) => {
    if (imported === own || !CANDIDATE_SOURCE_PATTERN.test(textOf(cache, imported) ?? '')) return false;
    const facts = builderFileFacts(imported, options);
    return facts !== undefined && builderHeaders(facts).length > 0;
  });
}

/**
 * The analysis of a builder's file, as its own transform computes it, for a caller's transform
 * to decide the same hand-off; undefined when it cannot be read or parsed (its own run fails then).
 */
export function builderFileFacts(file: string, options: TransformOptions): FileFacts | undefined {
  const cache = runCache(options);
  if (!cache) return undefined;
  let facts = cache.facts.get(file);
  if (facts === undefined) {
    const text = textOf(cache, file);
    try {
      let oracle: FileTypeOracle | undefined;
      facts = text === undefined ? null : fileFacts(file, text.replace(/^\uFEFF/u, ''), options, () => (oracle ??= createTypeOracle(file, text, options.tsconfig)));
    } catch {
      facts = null;
    }
    cache.facts.set(file, facts);
  }
  return facts ?? undefined;
}

/** A header an exported function returns, with how sure its target is: what may be handed on. */
export interface BuilderHeader {
  readonly node: Node;
  readonly exit: ModuleExit;
  readonly target: TargetAssessment;
}

/**
 * The x-token headers of a file that leave it (an exported function returns them, an exported
 * object holds them), whether or not a request of the file sends them too: what other modules
 * may take the token for.
 */
export function builderHeaders(facts: FileFacts): BuilderHeader[] {
  const found: BuilderHeader[] = facts.escaping.map(({ node, exit, target }) => ({ node, exit, target }));
  for (const finding of facts.xToken) {
    const exit = facts.analysis.headerExit(finding.node);
    if (exit?.kind === 'returned') found.push({ node: finding.node, exit, target: finding.target });
  }
  return found;
}

/**
 * Whether the builder that writes `escaping`'s x-token can hand the credential to its callers in
 * this run, and which calls then wait for it; undefined when the question does not arise (no run
 * file list: jscodeshift's own runner, a single-file run; a library; not a builder function).
 */
export function builderHandOff(escaping: Pick<EscapingXToken, 'node' | 'exit'>, facts: Pick<FileFacts, 'parsed' | 'analysis'>, options: TransformOptions): HandOffDecision | undefined {
  const cache = runCache(options);
  return decidedOnce(cache?.decisions, escaping.node, () => decideHandOff(escaping, facts, options, cache));
}

/** Every file of a run asks about the same header: the first answer is kept for the rest. */
function decidedOnce<Decision>(decisions: WeakMap<Node, Decision | undefined> | undefined, header: Node, decide: () => Decision | undefined): Decision | undefined {
  if (decisions?.has(header)) return decisions.get(header);
  const decision = decide();
  decisions?.set(header, decision);
  return decision;
}

function decideHandOff(escaping: Pick<EscapingXToken, 'node' | 'exit'>, facts: Pick<FileFacts, 'parsed' | 'analysis'>, options: TransformOptions, cache: RunCache | undefined): HandOffDecision | undefined {
  const { exit } = escaping;
  if (!cache || options.library === true || exit.kind !== 'returned' || exit.name === undefined || exit.name === 'default') return undefined;
  const fn = exit.node;
  if (!isFunctionNode(fn)) return undefined;
  const property = escaping.node.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.key !== escaping.node || property.parent.type !== AST_NODE_TYPES.ObjectExpression) {
    return { why: 'it writes the header into an object it was given, and the codemod moves only a header written in the object literal the function returns' };
  }
  const object = property.parent;
  const merged = assignedInto(object, facts.analysis, facts.parsed.host.text);
  if (!returnedBy(merged.result, fn)) return { why: 'the header is not in the object literal the function returns itself, so where it ends up cannot be rewritten in place' };
  if (merged.why !== undefined) return { why: merged.why };
  if (fn.generator) return { why: 'it is a generator' };
  const refused = headerObjectRefusal(property, fn, facts.parsed.host.text);
  if (refused !== undefined) return { why: refused };
  const own = ownFileCalls(fn, exit.name, facts);
  if ('why' in own) return own;
  const calls = facts.analysis.callsFromOtherModules(fn);
  if (calls === undefined) return { why: 'the codemod cannot find every call of it in the project (it is passed on as a value somewhere, or a file that names it does not parse)' };
  if (calls.length === 0) return { why: 'no other module of the project calls it (another package may)' };
  const handed: HandedCall[] = [];
  const clients = new Set<string>();
  for (const call of calls) {
    const where = `${path.relative(path.dirname(facts.parsed.host.filePath), call.file)}:${call.call.loc.start.line}`;
    const refused = refusedCall(call, cache, where);
    if (refused !== undefined) return { why: refused };
    handed.push(handedCall(call.file, call.call, call.analysis));
    for (const site of call.analysis.requestsSendingHeaders(call.call)) clients.add(site.client.kind);
  }
  return { property, fn, calls: handed, ownCalls: own.calls, wasAsync: fn.async, clients: [...clients] };
}

/** A read of an exported header object in another module, where that module's transform adds the token. */
export interface HandedUse {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly start: number;
  readonly end: number;
  /** `headers: defaultKeptnHeaders` (the value of a `headers` option) or `{ ...defaultKeptnHeaders, accept }`. */
  readonly form: 'headers-option' | 'spread';
  /**
   * Written in the options of `axios.create(…)`, whose every request carries it: that call, which
   * the reader's transform wraps in the helper's `attachToAxios` instead of adding the token at the read.
   */
  readonly instance?: { readonly start: number; readonly end: number };
}

export type ValueHandOffDecision =
  | {
      /** The x-token property in the exported object literal. */
      readonly property: TSESTree.Property;
      /** Every read of the object in other modules, each in a request's arguments. */
      readonly uses: readonly HandedUse[];
      readonly clients: readonly string[];
    }
  | { readonly why: string };

/**
 * Whether an exported header object (`const keptnAuthHeaders = { 'x-token': t }; export {
 * keptnAuthHeaders as defaultKeptnHeaders }`) can give up its x-token in this run: every module
 * that reads it is in the run and reads it only in the arguments of a request in async code, where
 * that module's transform adds `Authorization: await client.authorizationHeader()` after it. The
 * object itself cannot carry the token (it is read once, the token expires), so the header leaves
 * it and each request gets its own; undefined when the question does not arise (no run file
 * list, a library, not an exported object).
 */
export function valueHandOff(escaping: Pick<EscapingXToken, 'node' | 'exit'>, facts: Pick<FileFacts, 'parsed' | 'analysis'>, options: TransformOptions): ValueHandOffDecision | undefined {
  const cache = runCache(options);
  return decidedOnce(cache?.valueDecisions, escaping.node, () => decideValueHandOff(escaping, facts, options, cache));
}

function decideValueHandOff(escaping: Pick<EscapingXToken, 'node' | 'exit'>, facts: Pick<FileFacts, 'parsed' | 'analysis'>, options: TransformOptions, cache: RunCache | undefined): ValueHandOffDecision | undefined {
  const { exit } = escaping;
  if (!cache || options.library === true || exit.kind !== 'exported' || exit.name === undefined) return undefined;
  const property = escaping.node.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.key !== escaping.node || property.parent.type !== AST_NODE_TYPES.ObjectExpression) {
    return { why: 'the header is written into the object after it is made, and the codemod moves only a header written in the object literal' };
  }
  const object = property.parent;
  const holder = exportedHolder(object, exit.node, facts.parsed);
  if ('why' in holder) return holder;
  const refused = headerObjectRefusal(property, object, facts.parsed.host.text);
  if (refused !== undefined) return { why: refused };
  if (holder.variable) {
    for (const reference of holder.variable.references) {
      if (reference.init || (reference.isTypeReference && !reference.isValueReference)) continue;
      const used = outermostTypeWrapper(reference.identifier);
      if (!isExportReference(used)) return { why: `this file also uses it (line ${used.loc.start.line}), where the codemod sees no request of it` };
    }
  }
  const uses = facts.analysis.usesFromOtherModules(exit.name);
  if (uses === undefined) return { why: 'the codemod cannot find every module that reads it (a namespace of this module is handed on whole, or a file that names it does not parse)' };
  if (uses.length === 0) return { why: 'no other module of the project reads it (another package may)' };
  const handed: HandedUse[] = [];
  const clients = new Set<string>();
  for (const use of uses) {
    const where = `${path.relative(path.dirname(facts.parsed.host.filePath), use.file)}:${use.node.loc.start.line}`;
    if (!cache.files.has(path.resolve(use.file))) return { why: `it is read in ${where}, a file this run does not migrate; run the codemod on both files together` };
    if (use.throughReexport) return { why: `it is read in ${where} through a module that re-exports it, which the codemod does not follow` };
    const form = useForm(use.node);
    const instance = form ? use.analysis.instancesSendingHeaders(use.node).find((made) => contains(made.node, use.node)) : undefined;
    if (form && instance) {
      const refused = refusedInstance(instance, use.node, use.analysis, `its read in ${where}`);
      if (refused !== undefined) return { why: refused };
      handed.push({ file: use.file, line: use.node.loc.start.line, column: use.node.loc.start.column, start: use.node.range[0], end: use.node.range[1], form, instance: { start: instance.node.range[0], end: instance.node.range[1] } });
      clients.add(instance.client.kind);
      continue;
    }
    const requests = use.analysis.requestsSendingHeaders(use.node);
    const request = requests.length === 1 ? requests[0] : undefined;
    if (!form || !request || !contains(request.node, use.node)) return { why: `it is read in ${where} other than as the headers written in a request's arguments, so the token cannot be added for that request alone` };
    const context = awaitContext(use.node);
    if (context !== undefined) return { why: `its read in ${where} ${context}, where the token cannot be awaited` };
    const refused = refusedSending(use.node, use.analysis, `its read in ${where}`) ?? otherCredential(request, use.node, `its read in ${where}`);
    if (refused !== undefined) return { why: refused };
    handed.push({ file: use.file, line: use.node.loc.start.line, column: use.node.loc.start.column, start: use.node.range[0], end: use.node.range[1], form });
    clients.add(request.client.kind);
  }
  return { property, uses: handed, clients: [...clients] };
}

/**
 * A function of this file that builds a request's options around the header (`function
 * keptnConfig(extra) { return { ...extra, headers: { ...extra.headers, 'x-token': t } } }`),
 * called where the options go (`axios.get(url, keptnConfig())`). Its result cannot take the token
 * at the request without calling it twice (once for the options, once for their headers), so,
 * as a builder other modules call does, it becomes async and returns the OAuth header where the
 * x-token was, and each of its calls waits for it. Why not, when a call cannot wait or the
 * function is used otherwise, exported, or writes the header other than in what it returns.
 */
export function localOptionsBuilder(key: Node, facts: Pick<FileFacts, 'parsed' | 'analysis'>): { readonly fn: Node; readonly calls: readonly HandedCall[] } | { readonly why: string } {
  const property = key.parent;
  if (property?.type !== AST_NODE_TYPES.Property || property.key !== key || property.parent.type !== AST_NODE_TYPES.ObjectExpression) {
    return { why: 'the header is written into the options after they are made' };
  }
  // Up from the headers literal through the literals it is a member of, to what a function returns.
  let object: Node = property.parent;
  let fn: Node | undefined;
  for (;;) {
    let owner: Node | undefined = object.parent;
    while (owner && !isFunctionNode(owner)) owner = owner.parent;
    if (owner && returnedBy(object, owner)) {
      fn = owner;
      break;
    }
    // Out through what only decides whether it is there (`...(token && { 'x-token': token })`), then the member it is the value of.
    let outer: Node = outermostTypeWrapper(object);
    for (let around = outer.parent; around && (around.type === AST_NODE_TYPES.LogicalExpression || (around.type === AST_NODE_TYPES.ConditionalExpression && around.test !== outer)); around = outer.parent) {
      outer = outermostTypeWrapper(around);
    }
    const slot: Node | undefined = outer.parent;
    if (slot?.type === AST_NODE_TYPES.SpreadElement && slot.parent.type === AST_NODE_TYPES.ObjectExpression) object = slot.parent;
    else if (slot?.type === AST_NODE_TYPES.Property && slot.value === outer && slot.parent.type === AST_NODE_TYPES.ObjectExpression) object = slot.parent;
    else break;
  }
  if (!fn || !isFunctionNode(fn)) return { why: 'they are not the object literal a function of this file returns' };
  if (fn.generator) return { why: 'the function that builds them is a generator' };
  if (fn.async) return { why: 'the function that builds them is async already, and its callers read what it returns in ways the codemod does not follow' };
  if (facts.analysis.headerExit(key) !== undefined) return { why: 'the function that builds them is exported, and other modules may call it' };
  const refused = headerObjectRefusal(property, fn, facts.parsed.host.text);
  if (refused !== undefined) return { why: refused };
  const own = ownFileCalls(fn, undefined, facts);
  if ('why' in own) return own;
  if (own.calls.length === 0) return { why: 'the codemod sees no call of the function that builds them' };
  return { fn, calls: own.calls };
}

/**
 * The `const` whose value the object literal is (`const h = { … } as const`), which must be
 * what is exported; none when the literal is exported itself (`exports.h = { … }`).
 */
function exportedHolder(object: TSESTree.ObjectExpression, exported: Node, parsed: FileFacts['parsed']): { readonly variable?: NonNullable<ReturnType<typeof findVariable>> } | { readonly why: string } {
  const outer = outermostTypeWrapper(object);
  if (outer === exported) return {};
  const declarator = outer.parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== outer || declarator.id !== exported) {
    return { why: 'the object passes through other values before it is exported, so where it ends up cannot be rewritten in place' };
  }
  if (declarator.parent.kind !== 'const') return { why: `it is declared with \`${declarator.parent.kind}\`, so other values may take its place` };
  const variable = declarator.id.type === AST_NODE_TYPES.Identifier ? findVariable(parsed.host.getScope(declarator.id), declarator.id) : null;
  return variable ? { variable } : { why: 'the codemod cannot see where this file uses it' };
}

/** Where a read of the object stands: the value of a `headers` option, or spread into an object literal. */
function useForm(node: Node): HandedUse['form'] | undefined {
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ObjectExpression) return 'spread';
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === node && parent.kind === 'init' && !parent.method && HEADERS_OPTIONS.has(staticPropertyKey(parent) ?? '')) return 'headers-option';
  return undefined;
}


/**
 * Why the object holding the header cannot give it up whatever its users do: a marker an earlier
 * run left on `scope` (the builder, or the object) or the line above it, or an `Authorization` of
 * the object's own that the token would replace.
 */
function headerObjectRefusal(property: TSESTree.Property, scope: Node, text: string): string | undefined {
  const lineAbove = text.lastIndexOf('\n', Math.max(0, text.lastIndexOf('\n', scope.range[0]) - 1));
  if (text.slice(Math.max(0, lineAbove), scope.range[1]).includes(MIGRATION_MARKER)) return 'an earlier run marked it for a person';
  const object = property.parent;
  if (object.type === AST_NODE_TYPES.ObjectExpression && object.properties.some((member) => member.type === AST_NODE_TYPES.Property && member !== property && isAuthorizationHeader(staticPropertyKey(member) ?? ''))) {
    return 'the object also carries an `Authorization` of its own, which the OAuth token would have to replace';
  }
  return undefined;
}

/**
 * Why an instance made in another module with the exported headers (`axios.create({ baseURL,
 * headers: keptnHeaders })`) cannot take the helper instead of the x-token; undefined when it
 * can. The helper attached to it authorizes only requests under its `baseURL` and never replaces
 * an `Authorization` a request sets, so the token goes no further than the x-token went.
 */
function refusedInstance(instance: RequestSite, read: Node, analysis: RequestAnalysis, named: string): string | undefined {
  const kind = instance.client.kind;
  if (kind !== 'axios') return `${named} is in the options of a ${httpClients[kind].label} instance, and the codemod attaches the OAuth helper to an instance made in another module only for axios`;
  if (analysis.instanceBase(instance) === undefined) return `${named} is in the options of an axios instance made without a \`baseURL\`, so the helper attached to it could not tell which hosts the token is for`;
  const credential = otherCredential(instance, read, named);
  if (credential !== undefined) return credential;
  for (const request of analysis.instanceRequests(instance)) {
    const line = request.node.loc.start.line;
    const refused = requestRefusal(request, analysis);
    if (refused === 'token-check') return `${named} makes an instance whose request on line ${line} is a POST /api/v1/auth token check, which means nothing under OAuth`;
    if (refused !== undefined) return `${named} makes an instance whose request on line ${line} goes where the code shows another service (${refused.elsewhere})`;
  }
  return undefined;
}

/**
 * A credential written next to the read that the OAuth token cannot join: an `Authorization` in
 * the headers literal it is spread into, or an option the client turns into `Authorization:
 * Basic …` (axios's `auth`) in the options holding the headers. The helper never overwrites it,
 * so Cloud Automation would get no credential it accepts.
 */
function otherCredential(site: RequestSite, read: Node, named: string): string | undefined {
  let headers: Node = outermostTypeWrapper(read);
  if (headers.parent?.type === AST_NODE_TYPES.SpreadElement && headers.parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const literal = headers.parent.parent;
    if (literal.properties.some((member) => member.type === AST_NODE_TYPES.Property && isAuthorizationHeader(staticPropertyKey(member) ?? ''))) {
      return `${named} is spread into headers that also carry an \`Authorization\` of their own, which the helper never replaces`;
    }
    headers = literal;
  }
  const slot = headers.parent;
  const options = slot?.type === AST_NODE_TYPES.Property && slot.value === headers ? slot.parent : undefined;
  if (options?.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
  const basic = (httpClients[site.client.kind].basicAuthOptions ?? []).filter((option) =>
    options.properties.some((member) => member.type === AST_NODE_TYPES.Property && staticPropertyKey(member) === option && !setsNothing(member.value)),
  );
  if (basic.length === 0) return undefined;
  return `${named} sits in options that also send \`Authorization: Basic …\` through the ${basic.map((option) => `\`${option}\``).join('/')} option${basic.length === 1 ? '' : 's'}, which the helper never replaces`;
}

/** `auth: undefined` / `auth: null`: an option the clients leave out, which sends no credential. */
function setsNothing(written: Node): boolean {
  const value = unwrap(written);
  return (value.type === AST_NODE_TYPES.Identifier && value.name === 'undefined') || (value.type === AST_NODE_TYPES.Literal && value.value === null);
}

/** Why one caller cannot wait for the builder's token, or undefined when it can. */
function refusedCall(call: ForeignCall, cache: RunCache, where: string): string | undefined {
  if (!cache.files.has(path.resolve(call.file))) return `its call in ${where} is in a file this run does not migrate; run the codemod on both files together`;
  if (call.throughReexport) return `its call in ${where} imports it through a module that re-exports it, which the codemod does not follow`;
  const waits = waitingFor(call.call, call.analysis, `its call in ${where}`);
  return 'why' in waits ? waits.why : undefined;
}

/**
 * Why a call of the builder cannot wait for the token where it stands, or its value must not
 * carry it; else how it waits (awaited, or its request chained behind it).
 */
function waitingFor(call: Node, analysis: RequestAnalysis, named: string): { readonly why: string } | { readonly chainedRequest?: Node } {
  const context = awaitContext(call);
  const chainedRequest = context === undefined ? undefined : returnedRequestTaking(call, analysis);
  if (context !== undefined && !chainedRequest) return { why: `${named} ${context}, where the token cannot be awaited, and it is not in the options of a request the function returns as a promise` };
  const refused = refusedSending(call, analysis, named);
  if (refused !== undefined) return { why: refused };
  return chainedRequest ? { chainedRequest } : {};
}

/** Why the value of a call of the builder must not carry the token; undefined when it may. */
function refusedSending(value: Node, analysis: RequestAnalysis, named: string): string | undefined {
  for (const site of analysis.requestsSendingHeaders(value)) {
    const refused = requestRefusal(site, analysis);
    if (refused === 'token-check') return `${named} sends the header with a POST /api/v1/auth token check, which means nothing under OAuth`;
    if (refused !== undefined) return `${named} sends the header where the code shows another service (${refused.elsewhere})`;
  }
  return undefined;
}

/** A request that must not get the token: one the code shows goes to another service, or a token check. */
function requestRefusal(site: RequestSite, analysis: RequestAnalysis): { readonly elsewhere: string } | 'token-check' | undefined {
  const { elsewhere, callersElsewhere } = analysis.assessTarget(site);
  // A wrapper some of whose calls pass another service's host sends it the header too.
  if (elsewhere !== undefined || callersElsewhere !== undefined) return { elsewhere: elsewhere ?? callersElsewhere ?? '' };
  return analysis.requestRoutes(site).routes.some(isTokenCheckRoute) ? 'token-check' : undefined;
}

function handedCall(file: string, call: Node, analysis: RequestAnalysis): HandedCall {
  const waits = waitingFor(call, analysis, '');
  const request = 'chainedRequest' in waits ? waits.chainedRequest : undefined;
  return {
    file,
    line: call.loc.start.line,
    column: call.loc.start.column,
    start: call.range[0],
    end: call.range[1],
    ...(request ? { chainedRequest: { line: request.loc.start.line, column: request.loc.start.column, endLine: request.loc.end.line, endColumn: request.loc.end.column } } : {}),
    ...(call.type === AST_NODE_TYPES.MemberExpression ? { getterRead: true as const } : {}),
  };
}

/**
 * The request whose options take the builder's call, when the function returns that request's
 * promise as it is or through `.then`/`.catch`/`.finally` alone: chaining the request behind the
 * builder's promise then changes nothing the caller can see but when the request starts.
 */
function returnedRequestTaking(call: Node, analysis: RequestAnalysis): Node | undefined {
  let request: Node | undefined;
  let child: Node = call;
  for (let parent: Node | undefined = call.parent; parent; child = parent, parent = parent.parent) {
    if (isFunctionNode(parent)) return undefined;
    if ((parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) && parent.callee !== child) {
      const site = analysis.requestSite(parent);
      if (site && !site.createsInstance) {
        request = parent;
        break;
      }
    }
  }
  if (!request) return undefined;
  let outer: Node = request;
  for (;;) {
    const member = outer.parent;
    const chained = member?.type === AST_NODE_TYPES.MemberExpression && member.object === outer ? member.parent : undefined;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || chained?.type !== AST_NODE_TYPES.CallExpression || chained.callee !== member) break;
    if (!['then', 'catch', 'finally'].includes(member.property.type === AST_NODE_TYPES.Identifier && !member.computed ? member.property.name : '')) return undefined;
    outer = chained;
  }
  const holder = outer.parent;
  const fn = holder?.type === AST_NODE_TYPES.ReturnStatement ? enclosingFunction(holder) : holder;
  if (!fn || !isFunctionNode(fn) || enclosingFunction(call) !== fn) return undefined;
  return holder?.type === AST_NODE_TYPES.ReturnStatement || (fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.body === outer) ? request : undefined;
}

function enclosingFunction(node: Node): Node | undefined {
  let current = node.parent;
  while (current && !isFunctionNode(current)) current = current.parent;
  return current;
}

/** Why `await` cannot go in front of a call where it stands, or undefined when it can. */
function awaitContext(call: Node): string | undefined {
  let child: Node = call;
  for (let parent = call.parent; parent; child = parent, parent = parent.parent) {
    if (parent.type === AST_NODE_TYPES.PropertyDefinition || parent.type === AST_NODE_TYPES.StaticBlock) return 'is in a class field';
    if (isFunctionNode(parent)) {
      if (parent.body !== child) return 'is in a parameter default';
      return parent.async ? undefined : 'is not in an async function';
    }
  }
  return 'is at the top level of its module';
}

/**
 * The value that carries a header literal merged by `Object.assign` or a copy like it (lodash's
 * `merge`: `Object.assign({}, extra, { 'x-token': t })`, and tsc's ES2017 form of a spread,
 * `Object.assign(Object.assign({}, extra), { 'x-token': t })`): the outermost call, or the literal
 * itself when it is merged by none. The token then goes into the fresh object the merging starts
 * from, before what is merged after it, so an `Authorization` the caller passes in still wins
 * (x-token-to-oauth's `assignTokenFirst`); `why` when it cannot: that first object is no literal of
 * the code's own, a literal on the way sets an `Authorization` the token would meet, or the copy
 * keeps the first value of a key (lodash's `defaults`), where "before" would mean "over".
 */
function assignedInto(object: TSESTree.ObjectExpression, analysis: Pick<RequestAnalysis, 'objectCopy'>, text: string): { readonly result: Node; readonly why?: string } {
  const copyCall = (node: Node | undefined): node is TSESTree.CallExpression => node?.type === AST_NODE_TYPES.CallExpression && analysis.objectCopy(node.callee) !== undefined;
  const named = (call: TSESTree.CallExpression): string => `\`${text.slice(call.callee.range[0], call.callee.range[1]).replace(/\s+/gu, '')}\``;
  let result: Node = outermostTypeWrapper(object);
  let call: Node | undefined = result.parent;
  if (!copyCall(call) || !call.arguments.includes(result as TSESTree.CallExpressionArgument)) return { result };
  const copier = named(call);
  if (analysis.objectCopy(call.callee)?.wins === 'earlier') return { result, why: `it is merged by ${copier}, which keeps the first value given for a key, so the token cannot be placed where the caller's own \`Authorization\` still wins` };
  // What is merged before the header: the arguments ahead of it, and those of the calls its first argument nests.
  const before: Node[] = call.arguments.slice(0, call.arguments.indexOf(result as TSESTree.CallExpressionArgument));
  const headerCall = call;
  let nestedLater = false;
  for (; copyCall(call) && call.arguments.includes(result as TSESTree.CallExpressionArgument); call = result.parent) {
    // Merged into an outer call after something else (or by one that keeps first values): that something comes before the header too.
    if (call !== headerCall && (call.arguments[0] !== result || analysis.objectCopy(call.callee)?.wins !== 'later')) nestedLater = true;
    result = outermostTypeWrapper(call);
  }
  if (nestedLater) return { result, why: `its ${copier} is merged after other values by another call, so the codemod cannot put the token before them` };
  const [first, ...rest] = before;
  let fresh: Node | undefined = first;
  const merged: Node[] = [...rest];
  while (copyCall(fresh) && analysis.objectCopy(fresh.callee)?.wins === 'later') {
    const [inner, ...more] = fresh.arguments;
    merged.push(...more);
    fresh = inner;
  }
  const plain = (node: Node | undefined): boolean => node?.type === AST_NODE_TYPES.ObjectExpression && node.properties.every((member) => member.type === AST_NODE_TYPES.Property && !isAuthorizationHeader(staticPropertyKey(member) ?? ''));
  const ownAuthorization = [fresh, ...merged].some((node) => node?.type === AST_NODE_TYPES.ObjectExpression && node.properties.some((member) => member.type === AST_NODE_TYPES.Property && isAuthorizationHeader(staticPropertyKey(member) ?? '')));
  if (ownAuthorization) return { result, why: `an object merged with it by ${copier} sets an \`Authorization\` of its own, which the OAuth token would meet` };
  if (fresh !== undefined && merged.some((node) => !plain(node)) && !plain(fresh)) {
    return { result, why: `it is merged by ${copier} after values that may carry the caller's own \`Authorization\`, into an object that is no literal of its own, so the token has no place before them` };
  }
  return { result };
}

/** `return { … }` of the function itself, or an arrow's `({ … })` body. */
function returnedBy(object: Node, fn: Node): boolean {
  const outer = outermostTypeWrapper(object);
  const parent = outer.parent;
  if (fn.type === AST_NODE_TYPES.ArrowFunctionExpression && fn.body === outer) return true;
  if (parent?.type !== AST_NODE_TYPES.ReturnStatement) return false;
  let owner: Node | undefined = parent.parent;
  while (owner && !isFunctionNode(owner)) owner = owner.parent;
  return owner === fn;
}

/** The builder's calls in its own file, each where it can be awaited; why not when a use is no such call. */
function ownFileCalls(fn: Node, exportedName: string | undefined, facts: Pick<FileFacts, 'parsed' | 'analysis'>): { readonly calls: HandedCall[] } | { readonly why: string } {
  if (fn.parent?.type === AST_NODE_TYPES.MethodDefinition) return privateMethodCalls(fn.parent, facts);
  let id: Node | null | undefined;
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) id = fn.id;
  else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === outermostTypeWrapper(fn)) id = fn.parent.id;
  const variable = id?.type === AST_NODE_TYPES.Identifier ? findVariable(facts.parsed.host.getScope(id), id) : undefined;
  const callees: Node[] = [];
  for (const reference of variable?.references ?? []) {
    if (reference.init || (reference.isTypeReference && !reference.isValueReference)) continue;
    const used = outermostTypeWrapper(reference.identifier);
    if (!isExportReference(used)) callees.push(used);
  }
  // tsc calls a module's own export back through `exports`: `(0, exports.f)(…)` calls it here too.
  for (const read of exportedName === undefined ? [] : facts.analysis.ownExportReads(fn, exportedName)) {
    const sequence = read.parent.type === AST_NODE_TYPES.SequenceExpression && read.parent.expressions.at(-1) === read ? read.parent : undefined;
    callees.push(sequence ?? read);
  }
  const calls: HandedCall[] = [];
  for (const callee of callees) {
    const line = callee.loc.start.line;
    const call = callee.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== callee) return { why: `this file also uses it other than by calling it (line ${line})` };
    const waits = waitingFor(call, facts.analysis, `its call on line ${line}`);
    if ('why' in waits) return waits;
    calls.push(handedCall(facts.parsed.host.filePath, call, facts.analysis));
  }
  return { calls };
}

/**
 * The calls of a private method (`private config()`, `#config()`), all `this.config(…)` in its
 * class, each where it can wait for the token; why not when the method can be called from outside
 * the class or is used other than by calling it. For a private getter (`private get config()`),
 * which becomes such a method, its reads `this.config`, each only read.
 */
function privateMethodCalls(method: TSESTree.MethodDefinition, facts: Pick<FileFacts, 'parsed' | 'analysis'>): { readonly calls: HandedCall[] } | { readonly why: string } {
  const name = classMemberKey(method);
  if ((method.kind !== 'method' && method.kind !== 'get') || method.static || name === undefined) return { why: 'it is not a method of the instance the codemod can follow' };
  const getter = method.kind === 'get';
  const member = getter ? `getter \`${name}\`` : `method \`${name}()\``;
  if (!name.startsWith('#') && method.accessibility !== 'private') return { why: `the ${member} is not private, so code outside the class may ${getter ? 'read' : 'call'} it` };
  const classBody = method.parent;
  // A setter of the same name would stay a property the method's name now takes.
  if (getter && classBody.body.some((other) => other.type === AST_NODE_TYPES.MethodDefinition && other.kind === 'set' && classMemberKey(other) === name)) {
    return { why: `the getter \`${name}\` has a setter, and a method cannot take the place of both` };
  }
  const calls: HandedCall[] = [];
  let refused: string | undefined;
  forEachDescendant(classBody, facts.parsed.host.visitorKeys, (node) => {
    // Not into nested classes: their `this` is another object.
    if (refused !== undefined || (node !== classBody && node.type === AST_NODE_TYPES.ClassBody)) return false;
    // `const { config } = this`: a use the member reads below do not see.
    if (node.type === AST_NODE_TYPES.VariableDeclarator && node.id.type === AST_NODE_TYPES.ObjectPattern && node.init?.type === AST_NODE_TYPES.ThisExpression) {
      refused = `this class also takes it out of \`this\` (line ${node.loc.start.line})`;
      return false;
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression || node.object.type !== AST_NODE_TYPES.ThisExpression || memberName(node) !== name) return true;
    const line = node.loc.start.line;
    const used = outermostTypeWrapper(node);
    const call = getter ? (isPlainRead(used) ? used : undefined) : used.parent?.type === AST_NODE_TYPES.CallExpression && used.parent.callee === used ? used.parent : undefined;
    if (!call) {
      refused = `this class also uses it other than by ${getter ? 'reading' : 'calling'} it (line ${line})`;
      return false;
    }
    const waits = waitingFor(call, facts.analysis, `its ${getter ? 'read' : 'call'} on line ${line}`);
    if ('why' in waits) refused = waits.why;
    else calls.push(handedCall(facts.parsed.host.filePath, call, facts.analysis));
    return true;
  });
  // The walk is depth first from the end: the calls in the order they are written.
  return refused === undefined ? { calls: calls.sort((a, b) => a.start - b.start) } : { why: refused };
}

/** A read of a member that nothing writes through: not assigned, updated, deleted, destructured into, or called (a getter's value called is another use). */
function isPlainRead(node: Node): boolean {
  const parent = node.parent;
  if (!parent) return true;
  switch (parent.type) {
    case AST_NODE_TYPES.AssignmentExpression:
    case AST_NODE_TYPES.AssignmentPattern:
      return parent.right === node;
    case AST_NODE_TYPES.UpdateExpression:
    case AST_NODE_TYPES.ArrayPattern:
    case AST_NODE_TYPES.RestElement:
      return false;
    case AST_NODE_TYPES.UnaryExpression:
      return parent.operator !== 'delete';
    case AST_NODE_TYPES.ForInStatement:
    case AST_NODE_TYPES.ForOfStatement:
      return parent.left !== node;
    case AST_NODE_TYPES.Property:
      return parent.parent.type !== AST_NODE_TYPES.ObjectPattern;
    case AST_NODE_TYPES.CallExpression:
    case AST_NODE_TYPES.NewExpression:
      return parent.callee !== node;
    default:
      return true;
  }
}

/** `export { f }`, `exports.f = f`, `module.exports = { f }`: the function leaving the module, not a use. */
function isExportReference(identifier: Node): boolean {
  const node = outermostTypeWrapper(identifier);
  const parent = node.parent;
  if (parent?.type === AST_NODE_TYPES.ExportSpecifier) return true;
  if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) return /^(?:module\.)?exports\b/u.test(memberText(parent.left));
  if (parent?.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const holder = outermostTypeWrapper(parent.parent).parent;
    return holder?.type === AST_NODE_TYPES.AssignmentExpression && memberText(holder.left) === 'module.exports';
  }
  return false;
}

function memberText(node: Node): string {
  if (node.type === AST_NODE_TYPES.Identifier) return node.name;
  if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && node.property.type === AST_NODE_TYPES.Identifier) return `${memberText(node.object)}.${node.property.name}`;
  return '';
}

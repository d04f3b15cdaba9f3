/**
 * What is wrong with a file's requests, decided once for the rules and the codemods: every
 * `x-token` header a request sends (what `no-x-token-header` reports and `x-token-to-oauth`
 * migrates or marks), and every Cloud Automation request without OAuth and every API-token
 * check (what `require-oauth` reports and `add-oauth` migrates or marks).
 *
 * A host feeds nodes in ESLint's traversal order (depth first, parents before children):
 * ESLint through a rule's listeners, the codemods through `collectFindings`. A header reached
 * by several requests is reported at the first of them and remembers them all, so the codemod
 * can rewrite every request it reaches.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { baseUrlOptions, confidenceAtLeast, HEADER_WRITE_METHODS, httpClients, isAuthorizationHeader, isTokenCheckRoute, isXTokenHeader, looksLikeApiToken, SURE_TARGET_CONFIDENCE, type TargetConfidence } from '../core/index.js';
import { isFunctionNode, literalString, memberChain, memberName, staticPropertyKey, unwrap, type Node } from './ast.js';
import type { HeaderCondition } from './header-condition.js';
import type { VisitorKeys } from './host.js';
import type { ModuleExit } from './module-exits.js';
import { sameInstance, type ClientRef, type EnvRead, type ForeignReader, type HeaderEntry, type RequestAnalysis, type RequestSite, type RewriteAt, type TargetAssessment } from './request-analysis.js';

/** A request through an instance that goes to another service, with why; `where` when it is in another module (`../app/deploy.ts:7`). */
export interface InstanceRequestElsewhere {
  readonly request: RequestSite;
  readonly reason: string;
  readonly where?: string;
}

export interface XTokenFinding {
  /** Where the header name is written: the report location. */
  readonly node: Node;
  readonly entry: HeaderEntry;
  /** The first request (or instance, or defaults write) found to send it. */
  readonly site: RequestSite;
  readonly target: TargetAssessment;
  /** Every request, instance or defaults write that sends this header, the first one included. */
  readonly sites: RequestSite[];
  /** The request also sends an `Authorization` header, of whatever scheme. */
  readonly alsoAuthorized: boolean;
  /**
   * That `Authorization` is an OAuth bearer token (the helper's, a `Bearer …` value): the
   * `x-token` is a leftover that can go. Not so for `Basic …` or a value of unknown scheme.
   */
  readonly alsoSendsBearer: boolean;
  /** Sent by several requests of this file that are not all as sure to go to Cloud Automation: see `HeldBack`. */
  readonly heldBack?: HeldBack;
  /**
   * Where the value is read from the request this code answers (`req.header('x-token')`): `on line 11`,
   * or `in routes.ts:11`, a module that passes it to this one. A proxy forwarding its caller's token:
   * the helper's token is this service's own; sent instead, it would give every caller this
   * service's access, so no migration rewrites it.
   */
  readonly forwardedFrom?: string;
  /**
   * Requests through the instance whose defaults send this header that the code shows go to
   * another service (`api.get('https://releases.example.com/feed.json')`), with why. The helper
   * attached to the instance authorizes only its Cloud Automation base, so once migrated these
   * lose the x-token and get no token: a change the migration report must say.
   */
  readonly instanceRequestsElsewhere?: readonly InstanceRequestElsewhere[];
  /**
   * Requests that read this shared header (a builder, a getter, a shared object) and that the
   * code shows go to another service, where the token can be written again with the same value:
   * the header is split, the Cloud Automation requests get the OAuth token and these get the
   * x-token back where they read the header, so they send exactly what they sent before.
   */
  readonly keptFor?: readonly KeptXTokenRequest[];
  /**
   * A split header built once, in a plain top-level statement, whose value reads `process.env`:
   * the requests that keep the x-token must send what was read when the module loaded, not what
   * the environment says when they are made, so the value is kept in a module-level `const` after
   * `statement` for them to read (the codemod names it after the first of `reads`).
   */
  readonly keptAtLoad?: KeptAtLoad;
  /**
   * Under which test the header is sent (./header-condition.ts), or undefined when it is sent
   * whatever happens: read on the first call, since only a migration asks.
   */
  readonly condition: () => HeaderCondition | undefined;
}

export interface KeptAtLoad {
  readonly statement: Node;
  readonly reads: readonly EnvRead[];
}

/**
 * A request of a split header that keeps the x-token: one the code shows goes to another service,
 * or one nothing shows goes to Cloud Automation (`unsure`, its grade) next to requests that surely
 * do. An unsure one keeps exactly what it sent; `--include-unsure` gives it the OAuth token instead
 * (see `withUnsureIncluded`).
 */
export interface KeptXTokenRequest {
  readonly request: RequestSite;
  readonly reason: string;
  readonly unsure?: TargetAssessment;
}

/**
 * A header several requests send (a builder, a getter, a shared options object), one of which
 * holds it back from the OAuth token: migrating the header gives the token to every request that
 * reads it, so it is migrated only when every one of them would be on its own. `target` is then
 * the grade of the least sure request that goes to Cloud Automation as far as the code shows.
 */
export interface HeldBack {
  /** The surest of the requests: what the header's Cloud Automation evidence is. */
  readonly surest: TargetAssessment;
  /** The request that holds the header back: the first one the code shows goes to another service, else the least sure one. */
  readonly request: RequestSite;
  readonly target: TargetAssessment;
  /** Why the header is not split (each request given its own credential, see `XTokenFinding.keptFor`), when that is what holds it back. */
  readonly unsplit?: string;
  /** For a header that leaves its module: where `request` is (`../../app/src/deploy.ts:15`), as its line alone would name a line of this file. */
  readonly where?: string;
  /** Likewise where `surest` is. */
  readonly surestWhere?: string;
}

export interface RequestFinding {
  /** `missing-oauth`: a Cloud Automation request with no credentials; `token-check`: `POST /api/v1/auth`. */
  readonly kind: 'missing-oauth' | 'token-check';
  /** The callee: the report location. */
  readonly node: Node;
  readonly site: RequestSite;
  readonly target: TargetAssessment;
}

export interface FindingOptions {
  /** The user's filter (ignored hosts, URL patterns, minimum confidence) for x-token findings. */
  readonly excludesXToken: (target: TargetAssessment) => boolean;
  /** The same for requests without OAuth. */
  readonly excludesRequest: (target: TargetAssessment) => boolean;
  /** Report an `x-token` in the `headers` option of an object handed to a call no client spec describes (see UnrecognizedXToken). */
  readonly reportUnrecognizedCalls: boolean;
}

/** The confidence the recommended configs report at: what the codemod must account for, site by site. */
export const DEFAULT_MINIMUM_CONFIDENCE: { readonly xToken: TargetConfidence; readonly request: TargetConfidence } = {
  xToken: 'unknown',
  request: 'possible',
};

/**
 * An `x-token` in the `headers` option of an object handed to a call no client spec describes
 * (`this.fetchApi.fetch(url, { headers })`, an injected `http.post(…)`, `new GraphQLClient(url,
 * { headers })`), and no request of this file sends: it is sent, by a client neither the rule nor
 * the codemod knows.
 */
export interface UnrecognizedXToken {
  readonly node: Node;
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  /** How messages and reports name the call: `` `this.fetchApi.fetch(…)` ``. */
  readonly callee: string;
  /** Read as a fetch would be: the argument before the options as its URL, the header's value as names. */
  readonly target: TargetAssessment;
}

/**
 * Calls that take request-shaped options without sending them: test assertions and doubles
 * (`expect(…).toHaveBeenCalledWith(url, { headers })`, `mockRequest({ headers })`, `sinon.stub`),
 * which check or fake what is sent. Named by any part of the callee.
 */
const CHECKS_OR_DOUBLES = /^(?:expect|assert|should)$|mock|fake|stub|spy/iu;
/** Assertion methods (`toEqual`, `toHaveBeenCalledWith`, chai's `deep.equal`) by their last name. */
const ASSERTION_METHOD = /^(?:to[A-Z]\w*|equal|deepEqual|deepStrictEqual|strictEqual|match|include|calledWith)$/u;
/** Built-in objects whose functions read or copy an object and send nothing (`JSON.stringify`, `Object.freeze`). */
const NON_SENDING_GLOBALS: ReadonlySet<string> = new Set(['JSON', 'Object', 'Reflect', 'console', 'structuredClone']);

/** `` `this.fetchApi.fetch(…)` ``, `` `new GraphQLClient(…)` ``: a call as messages name it, long callees cut from the left. */
function callLabel(call: TSESTree.CallExpression | TSESTree.NewExpression, text: (node: Node) => string): string {
  const callee = text(call.callee).replace(/\s+/gu, '');
  const short = callee.length > 40 ? `…${callee.slice(-39)}` : callee;
  return `\`${call.type === AST_NODE_TYPES.NewExpression ? 'new ' : ''}${short}(…)\``;
}

/**
 * An `x-token` header no request of this file sends, written into an object that leaves the
 * module: a header builder (`export function keptnHeaders()`) whose callers elsewhere send it.
 */
export interface EscapingXToken {
  /** Where the header name is written: the report location. */
  readonly node: Node;
  readonly value: Node | undefined;
  readonly exit: ModuleExit;
  /**
   * Judged by names alone (the builder's, the value's), or by the requests of other modules that
   * send it, when they can all be known: the least sure of those that go to Cloud Automation.
   */
  readonly target: TargetAssessment;
  /** One of those requests goes to another service, another to Cloud Automation: see `HeldBack` (its `where` is set). */
  readonly heldBack?: HeldBack;
}

interface WrittenHeader {
  readonly key: Node;
  readonly name: string | undefined;
  readonly value: Node | undefined;
}

export function createFindings(analysis: RequestAnalysis, options: FindingOptions) {
  const xTokenByName = new Map<Node, XTokenFinding>();
  const requestSites: RequestSite[] = [];
  const unrecognized = new Set<Node>();
  /** Every x-token name some request of this file sends, reported or filtered out: none of them escapes. */
  const sentNames = new Set<Node>();
  /** Every x-token name written in the file (and every computed name that may be one): checked at the end for headers that leave the module. */
  const writtenHeaders: WrittenHeader[] = [];

  function sendsAuthorization(site: RequestSite, bearerOnly: boolean): boolean {
    return (
      site.client.helperAuthorized ||
      analysis.requestHeaders(site, true).entries.some((entry) =>
        entry.name !== undefined && isAuthorizationHeader(entry.name) &&
        (!bearerOnly || (entry.value !== undefined && analysis.authorizationCredential(entry.value).kind === 'bearer')))
    );
  }

  /** New findings for `entries` sent by `site`; a header already found only learns of one more site. */
  function xTokenEntries(entries: readonly HeaderEntry[], site: RequestSite): XTokenFinding[] {
    const found: XTokenFinding[] = [];
    for (const entry of entries) {
      if (entry.name === undefined || !isXTokenHeader(entry.name)) continue;
      sentNames.add(entry.nameNode);
      const known = xTokenByName.get(entry.nameNode);
      // Not filtered here: a header is filtered by its grade once every request that sends it is known
      // (`xTokenFindings`); a weak request left out here would neither hold a shared header back nor
      // let an instance's requests grade its defaults.
      const target = analysis.assessTarget(site, entry.value ? [entry.value] : []);
      if (known) {
        if (!known.sites.includes(site)) known.sites.push(site);
        continue;
      }
      let condition: { readonly read: HeaderCondition | undefined } | undefined;
      const forwardedFrom = entry.value ? analysis.forwardedToken(entry.value, writtenInto(entry.nameNode)) : undefined;
      const finding: XTokenFinding = {
        node: entry.nameNode, entry, site, target, sites: [site], alsoAuthorized: sendsAuthorization(site, false), alsoSendsBearer: sendsAuthorization(site, true),
        condition: () => (condition ??= { read: analysis.headerCondition(entry.nameNode) }).read,
        ...(forwardedFrom === undefined ? {} : { forwardedFrom }),
      };
      xTokenByName.set(entry.nameNode, finding);
      found.push(finding);
    }
    return found;
  }

  /** The object a header key is written into by `obj['x-token'] = v` or `obj.set('x-token', v)`; undefined for a literal's key. */
  function writtenInto(nameNode: Node): Node | undefined {
    const parent = nameNode.parent;
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.property === nameNode) return parent.object;
    if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === nameNode) {
      const callee = unwrap(parent.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression ? callee.object : undefined;
    }
    return undefined;
  }

  /** Written on an instance's defaults or in its interceptor: the instance is the "request". */
  function instanceSite(node: TSESTree.CallExpression | TSESTree.AssignmentExpression, client: ClientRef): RequestSite {
    return { node, client, signature: {}, member: undefined, viaHelper: false, urlArgument: undefined, optionArguments: [], createsInstance: true };
  }

  /** `axios.defaults.headers.common['x-token'] = t`, `Object.assign(api.defaults.headers, …)`, `…headers.set(…)`. */
  function defaultsWrite(target: Node, node: TSESTree.CallExpression | TSESTree.AssignmentExpression): XTokenFinding[] {
    let current = unwrap(target);
    while (current.type === AST_NODE_TYPES.MemberExpression) {
      if (memberName(current) === 'defaults') {
        const clientNode = current.object;
        // `<x>.defaults.headers[.common]` is axios's own shape: an instance imported from a local
        // module is axios by it, with or without types; a client known to be another is not.
        const client = analysis.resolveClient(clientNode) ?? analysis.typedClient(clientNode) ?? analysis.opaqueInstance('axios', clientNode);
        if (client.kind !== 'axios') return [];
        const written = analysis.defaultHeadersWrite(unwrap(clientNode));
        return written ? xTokenEntries(analysis.flattenEntries(written), instanceSite(node, client)) : [];
      }
      current = unwrap(current.object);
    }
    return [];
  }

  function interceptor(node: TSESTree.CallExpression): XTokenFinding[] {
    const callee = unwrap(node.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'use') return [];
    const chain = memberChain(callee);
    if (!chain || chain.names.length < 3 || chain.names.slice(-3).join('.') !== 'interceptors.request.use') return [];
    const interceptors = unwrap(callee.object);
    if (interceptors.type !== AST_NODE_TYPES.MemberExpression) return [];
    const requestMember = unwrap(interceptors.object);
    if (requestMember.type !== AST_NODE_TYPES.MemberExpression) return [];
    const clientNode = requestMember.object;
    const client = analysis.resolveClient(clientNode) ?? analysis.typedClient(clientNode);
    const [fn] = node.arguments;
    if (client?.kind !== 'axios' || !fn) return [];
    return xTokenEntries(analysis.functionHeaderWrites(fn).entries, instanceSite(node, client));
  }

  /** Whether a call no client spec describes may send the options it is handed (see CHECKS_OR_DOUBLES). */
  function maySendHanded(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    // A known client's request that does not send this object, or code the analysis reads (and would have followed to a request).
    if (analysis.requestSite(call) || analysis.runsCodeOfThisFile(call)) return false;
    if (call.type === AST_NODE_TYPES.CallExpression && (analysis.isLoggingCall(call) || analysis.objectCopy(call.callee) !== undefined)) return false;
    const names = analysis.calleeNames(call.callee);
    if (names.some((name) => CHECKS_OR_DOUBLES.test(name)) || ASSERTION_METHOD.test(names.at(-1) ?? '')) return false;
    return !NON_SENDING_GLOBALS.has(names[0] ?? '');
  }

  /**
   * The key an object key, a `target[name] = value` or a `target.set(name, value)` writes, with
   * its value and its name when the syntax shows it (`undefined`: a computed name, resolved only
   * if the header turns out to leave the module, since resolving may ask the type checker).
   */
  function writtenHeader(node: TSESTree.Property | TSESTree.AssignmentExpression | TSESTree.CallExpression): WrittenHeader | undefined {
    if (node.type === AST_NODE_TYPES.Property) {
      if (node.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      return { key: node.key, name: node.computed ? literalString(node.key) : staticPropertyKey(node), value: node.value };
    }
    if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      if (node.operator !== '=' || node.left.type !== AST_NODE_TYPES.MemberExpression) return undefined;
      return { key: node.left.property, name: memberName(node.left), value: node.right };
    }
    const callee = unwrap(node.callee);
    const [key, value] = node.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || !key || key.type === AST_NODE_TYPES.SpreadElement || !HEADER_WRITE_METHODS.includes(memberName(callee) ?? '')) return undefined;
    return { key, name: literalString(key), value: value && value.type !== AST_NODE_TYPES.SpreadElement ? value : undefined };
  }

  /** The base URL values of the options a registration hands over (`baseURL` of Nest's `HttpModule.register`). */
  function registeredBases(exit: ModuleExit): Node[] {
    const options = exit.options ? unwrap(exit.options) : undefined;
    if (exit.kind !== 'registered' || !exit.wrapper || options?.type !== AST_NODE_TYPES.ObjectExpression) return [];
    const bases = baseUrlOptions(httpClients[exit.wrapper.client]);
    return options.properties.flatMap((property) => (property.type === AST_NODE_TYPES.Property && bases.includes(staticPropertyKey(property) ?? '') ? [property.value] : []));
  }

  /**
   * A header builder's target: by names alone, or, when the project shows every module that calls
   * it (or reads the exported object), by the requests there that send the header (the surest of
   * them, as for an instance's requests). One the code shows goes elsewhere leaves the names' judgement.
   */
  /**
   * A header that leaves the module, graded by the requests of other modules that send it. One of
   * them the code shows goes to another service while another goes to Cloud Automation: the header
   * is held back (migrated, it would send the OAuth token there too), graded as the Cloud
   * Automation ones are, so the report says what is true of both (not "nothing shows").
   */
  function builderTarget(exit: ModuleExit, byNames: TargetAssessment): { target: TargetAssessment; heldBack?: HeldBack } {
    if (byNames.elsewhere !== undefined) return { target: byNames };
    let readers: ForeignReader[] = [];
    if (exit.kind === 'returned') readers = analysis.builderRequestTargets(exit.node) ?? [];
    else if (exit.kind === 'exported' && exit.name !== undefined) readers = analysis.exportedHeaderTargets(exit.name) ?? [];
    const away = readers.find(({ target }) => target.elsewhere !== undefined);
    const toCloudAutomation = readers.filter(({ target }) => target.elsewhere === undefined);
    if (away) {
      const surest = toCloudAutomation.reduce<ForeignReader | undefined>((best, reader) => (best === undefined || confidenceRank(reader.target.confidence) > confidenceRank(best.target.confidence) ? reader : best), undefined);
      if (!surest || !confidenceAtLeast(surest.target.confidence, SURE_TARGET_CONFIDENCE)) return { target: byNames };
      const weakest = toCloudAutomation.reduce((worst, reader) => (confidenceRank(reader.target.confidence) < confidenceRank(worst.target.confidence) ? reader : worst), surest);
      return { target: weakest.target, heldBack: { surest: surest.target, surestWhere: surest.where, request: away.site, target: away.target, where: away.where } };
    }
    if (confidenceRank(byNames.confidence) >= confidenceRank('likely')) return { target: byNames };
    return { target: readers.reduce((best, { target }) => (confidenceRank(target.confidence) > confidenceRank(best.confidence) ? target : best), byNames) };
  }

  return {
    /** A node that may write an `x-token` name: remembered for `escapingXTokens`. */
    noteHeaderWrite(node: TSESTree.Property | TSESTree.AssignmentExpression | TSESTree.CallExpression): void {
      const written = writtenHeader(node);
      if (written && (written.name === undefined || isXTokenHeader(written.name))) writtenHeaders.push(written);
    },

    /**
     * The `x-token` headers no request of this file sends that leave the module through an
     * exported function or binding. Called once the whole file has been seen.
     */
    escapingXTokens(): EscapingXToken[] {
      const found: EscapingXToken[] = [];
      for (const { key: node, name, value } of writtenHeaders) {
        if (sentNames.has(node) || unrecognized.has(node)) continue;
        // `{ 'x-token': 'API token' }` is a label; a literal that looks like a token is a header (and a leaked secret).
        const literal = value ? literalString(value) : undefined;
        if (literal !== undefined && !looksLikeApiToken(literal)) continue;
        const exit = analysis.headerExit(node);
        if (!exit) continue;
        if (name === undefined && !isXTokenHeader(analysis.headerName(node) ?? '')) continue;
        // A registration's options name the base its instance is made with (`baseURL: process.env.KEPTN_API_URL`).
        const nameSources = [...(value ? [value] : []), ...registeredBases(exit)];
        const { target, heldBack } = builderTarget(exit, analysis.assessNames(exit.kind === 'registered' || exit.name === 'default' ? undefined : exit.name, nameSources));
        if (!options.excludesXToken(heldBack?.surest ?? target)) found.push({ node, value, exit, target, ...(heldBack ? { heldBack } : {}) });
      }
      return found;
    },

    /** x-token findings a call makes: as a request, a defaults write, an interceptor. */
    xTokenAtCall(node: TSESTree.CallExpression): XTokenFinding[] {
      const site = analysis.requestSite(node);
      if (site) return xTokenEntries(analysis.requestHeaders(site, false).entries, site);
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return [];
      const found = interceptor(node);
      const method = memberName(callee);
      if (method === 'set' || method === 'append') found.push(...defaultsWrite(callee.object, node));
      else if (method === 'assign' && node.arguments[0]) found.push(...defaultsWrite(node.arguments[0], node));
      return found;
    },
    xTokenAtNew(node: TSESTree.NewExpression): XTokenFinding[] {
      const site = analysis.requestSite(node);
      return site ? xTokenEntries(analysis.requestHeaders(site, false).entries, site) : [];
    },
    xTokenAtAssignment(node: TSESTree.AssignmentExpression): XTokenFinding[] {
      return node.left.type === AST_NODE_TYPES.MemberExpression ? defaultsWrite(node.left, node) : [];
    },
    /**
     * With `reportUnrecognizedCalls`: the `x-token` headers no request of this file sends that are
     * handed to a call no client spec describes. Called once the whole file has been seen, before
     * `escapingXTokens`, which then leaves them out.
     */
    unrecognizedXTokens(): UnrecognizedXToken[] {
      if (!options.reportUnrecognizedCalls) return [];
      const found: UnrecognizedXToken[] = [];
      for (const { key: node, name, value } of writtenHeaders) {
        if (sentNames.has(node) || unrecognized.has(node) || xTokenByName.has(node)) continue;
        const handed = analysis.headersHandedTo(node);
        // A registration's options (`HttpModule.register({ headers })`) leave the module: `escapingXTokens` says where to.
        if (!handed || !maySendHanded(handed.call) || analysis.headerExit(node)) continue;
        if (name === undefined && !isXTokenHeader(analysis.headerName(node) ?? '')) continue;
        unrecognized.add(node);
        const target = analysis.handedHeadersTarget(handed, value);
        if (!options.excludesXToken(target)) found.push({ node, call: handed.call, callee: callLabel(handed.call, analysis.sourceText), target });
      }
      return found;
    },

    /** A request with no OAuth, or an API-token check; nothing for a request that sends `x-token` (that is an x-token finding). */
    requestAt(node: TSESTree.CallExpression | TSESTree.NewExpression): RequestFinding | undefined {
      if (node.type === AST_NODE_TYPES.NewExpression && node.callee.type !== AST_NODE_TYPES.Identifier) return undefined;
      const site = analysis.requestSite(node);
      if (!site || site.createsInstance) return undefined;
      const headers = analysis.requestHeaders(site, true);
      // A request that sends x-token is no-x-token-header's finding, token check or not: one problem, one report.
      // Decided before the target, which it does not depend on: in files that use x-token, most requests send it.
      const sendsXToken = headers.entries.some((entry) => entry.name !== undefined && isXTokenHeader(entry.name));
      if (sendsXToken) return undefined;
      const target = analysis.assessTarget(site, headers.entries.flatMap((entry) => (entry.value ? [entry.value] : [])));
      // Known to go elsewhere (a host written out that is no Cloud Automation host): OAuth is not for it.
      if (target.elsewhere !== undefined || options.excludesRequest(target)) return undefined;
      const reportNode = unwrap(node.callee);
      if (target.url?.exact === true && target.url.routes.length > 0 && target.url.routes.every(isTokenCheckRoute)) {
        return { kind: 'token-check', node: reportNode, site, target };
      }
      if (!headers.complete) return undefined;
      if (site.client.helperAuthorized || headers.entries.some((entry) => entry.name !== undefined && isAuthorizationHeader(entry.name))) return undefined;
      // got(url, { hooks: client.gotHooks() }) or ky(url, { hooks: client.kyHooks() }) on a single request.
      if (site.optionArguments.some((argument) => analysis.usesHelperHooks(argument))) return undefined;
      return { kind: 'missing-oauth', node: reportNode, site, target };
    },

    /** A request met in the traversal: evidence for the instance it goes through. */
    noteRequest(site: RequestSite): void {
      if (!site.createsInstance) requestSites.push(site);
    },

    /**
     * Every x-token finding, each with all the sites that send it. A header set on an instance
     * (its defaults, a defaults write, an interceptor) goes with every request made through that
     * instance, so those requests' evidence counts for it: `axios.create({ baseURL: endpoint })`
     * says nothing, `this.client.get('/controlPlane/v1/project')` does. Called once the whole
     * file has been seen.
     */
    xTokenFindings(): XTokenFinding[] {
      const results: XTokenFinding[] = [];
      for (const finding of xTokenByName.values()) {
        let best = finding.target;
        /** The requests through the instance that the code shows go elsewhere. */
        const elsewhere: InstanceRequestElsewhere[] = [];
        const own: { readonly request: RequestSite; readonly target: TargetAssessment }[] = [];
        for (const site of finding.sites) {
          if (!site.createsInstance) {
            own.push({ request: site, target: site === finding.site ? finding.target : analysis.assessTarget(site, finding.entry.value ? [finding.entry.value] : []) });
            continue;
          }
          const through = [
            ...requestSites.filter((request) => sameInstance(site, request)).map((request) => ({ request, target: analysis.assessTarget(request), where: undefined })),
            // An instance exported, or returned by an exported factory: the requests other modules make with it.
            ...analysis.foreignInstanceRequests(site).map(({ site: request, target, where }) => ({ request, target, where })),
          ];
          for (const { request, target, where } of through) {
            if (target.elsewhere !== undefined) elsewhere.push({ request, reason: target.elsewhere, ...(where === undefined ? {} : { where }) });
            if (confidenceRank(target.confidence) > confidenceRank(best.confidence) && !options.excludesXToken(target)) best = target;
          }
        }
        // The instance is made from what a factory's callers pass, and one passes another service's host: that stays said.
        const { callersElsewhere } = finding.target;
        if (callersElsewhere !== undefined && best !== finding.target) best = { ...best, callersElsewhere };
        const shared = sharedHeaderGrade(own, (request) => splitRewrite(finding, request).why);
        if (shared) {
          // Held back, the header is as sure as its surest request: that is what the filter weighs.
          if (!options.excludesXToken(shared.heldBack?.surest ?? shared.target)) {
            const keptAtLoad = shared.keptFor ? keptAtLoadOf(finding, shared.keptFor) : undefined;
            results.push({
              ...finding,
              target: shared.target,
              ...(shared.heldBack ? { heldBack: shared.heldBack } : {}),
              ...(shared.keptFor ? { keptFor: shared.keptFor } : {}),
              ...(keptAtLoad ? { keptAtLoad } : {}),
            });
          }
          continue;
        }
        // The token is another service's (read from a response): so it stays, wherever the instance's requests go.
        if (finding.target.elsewhere !== undefined) best = { ...best, elsewhere: finding.target.elsewhere };
        // Nothing shows the instance talks to Cloud Automation, and one of its requests goes elsewhere: the header serves that one.
        else if (elsewhere[0] && confidenceRank(best.confidence) === 0) best = { ...best, elsewhere: `the instance sends it with its request on line ${elsewhere[0].request.node.loc.start.line} too, and ${elsewhere[0].reason}` };
        if (options.excludesXToken(best)) continue;
        const graded = best === finding.target ? finding : { ...finding, target: best };
        results.push(best.elsewhere === undefined && elsewhere.length > 0 ? { ...graded, instanceRequestsElsewhere: elsewhere } : graded);
      }
      return results;
    },
  };

  /**
   * Whether the x-token of a shared header can be written again at `request` (one that goes to
   * another service) with the value it has where the header is built: see `RewriteAt`.
   */
  function splitRewrite(finding: XTokenFinding, request: RequestSite): RewriteAt {
    const { value } = finding.entry;
    if (!value) return { why: 'the token\'s value is not written where the header is' };
    // A header built in a function other than the one making the request (a builder, a getter) is built again at each read.
    const builtIn = builtInFunction(finding);
    // ESLint gives Program a `null` parent where the codemod's host leaves it undefined: truthiness, not `!== undefined`.
    let readAtRequest = Boolean(builtIn);
    for (let current: Node | undefined = request.node; current && readAtRequest; current = current.parent) if (current === builtIn) readAtRequest = false;
    return analysis.rewriteAt(value, request.node, readAtRequest, !builtIn && topLevelStatement(finding.node) !== undefined);
  }

  /** What a split header built once, at load, must keep for the requests that keep the x-token: see `XTokenFinding.keptAtLoad`. */
  function keptAtLoadOf(finding: XTokenFinding, keptFor: readonly KeptXTokenRequest[]): KeptAtLoad | undefined {
    const statement = topLevelStatement(finding.node);
    if (!statement || builtInFunction(finding)) return undefined;
    // Built outside any function, the header reads the same for every request: the first one's answer is each one's.
    const [first] = keptFor;
    const rewrite = first ? splitRewrite(finding, first.request) : undefined;
    return rewrite?.why === undefined && rewrite && rewrite.readAtLoad.length > 0 ? { statement, reads: rewrite.readAtLoad } : undefined;
  }

  function builtInFunction(finding: XTokenFinding): Node | undefined {
    let builtIn: Node | undefined = finding.node.parent;
    while (builtIn && !isFunctionNode(builtIn)) builtIn = builtIn.parent;
    return builtIn ?? undefined;
  }
}

export type Findings = ReturnType<typeof createFindings>;

/**
 * The declaration or expression statement of the module's body that `node` is part of, outside any
 * block: code that runs once, when the module loads, and always. Undefined inside a block, a loop,
 * a class body or a function.
 */
export function topLevelStatement(node: Node): Node | undefined {
  let current: Node = node;
  while (current.parent && current.parent.type !== AST_NODE_TYPES.Program) {
    if (isFunctionNode(current) || current.type === AST_NODE_TYPES.BlockStatement || current.type === AST_NODE_TYPES.ClassBody) return undefined;
    current = current.parent;
  }
  if (!current.parent) return undefined;
  return current.type === AST_NODE_TYPES.VariableDeclaration || current.type === AST_NODE_TYPES.ExpressionStatement || (current.type === AST_NODE_TYPES.ExportNamedDeclaration && current.declaration?.type === AST_NODE_TYPES.VariableDeclaration)
    ? current
    : undefined;
}

/**
 * One header sent by several requests of its own (a builder, a getter, a shared object) is migrated
 * or left for all of them at once, so it is graded by the least sure of those that go to Cloud
 * Automation as far as the code shows, and held back by one the code shows goes to another service
 * (it would get the OAuth token too). Undefined for a header of one request, or of requests that all
 * go elsewhere: each is then graded as it is.
 */
function sharedHeaderGrade(
  own: readonly { readonly request: RequestSite; readonly target: TargetAssessment }[],
  splitWhy: (request: RequestSite) => string | undefined,
): { readonly target: TargetAssessment; readonly heldBack?: HeldBack; readonly keptFor?: XTokenFinding['keptFor'] } | undefined {
  if (own.length < 2) return undefined;
  const toCloudAutomation = own.filter(({ target }) => target.elsewhere === undefined);
  const [first] = toCloudAutomation;
  if (!first) return undefined;
  let surest = first;
  let weakest = first;
  for (const graded of toCloudAutomation) {
    if (confidenceRank(graded.target.confidence) > confidenceRank(surest.target.confidence)) surest = graded;
    if (confidenceRank(graded.target.confidence) < confidenceRank(weakest.target.confidence)) weakest = graded;
  }
  const away = own.filter(({ target }) => target.elsewhere !== undefined);
  const sure = toCloudAutomation.filter(({ target }) => confidenceAtLeast(target.confidence, SURE_TARGET_CONFIDENCE));
  // Below the migration's threshold where another is above it: requests that keep the header from the token.
  const unsure = sure.length > 0 ? toCloudAutomation.filter((graded) => !sure.includes(graded)) : [];
  const holding = away[0] ?? unsure[0];
  if (!holding) return { target: weakest.target };
  // Only other services and unsure requests hold it back, with a sure one to migrate: split, when each can be given the x-token back where it reads the header.
  let unsplit: string | undefined;
  if (sure.length > 0) {
    const kept = [...away, ...unsure];
    unsplit = kept.map(({ request }) => splitWhy(request)).find((why) => why !== undefined);
    if (unsplit === undefined) {
      const weakestSure = sure.reduce((least, graded) => (confidenceRank(graded.target.confidence) < confidenceRank(least.target.confidence) ? graded : least));
      return {
        target: weakestSure.target,
        keptFor: kept.map(({ request, target }) =>
          target.elsewhere !== undefined ? { request, reason: target.elsewhere } : { request, reason: unsureReason(target), unsure: target },
        ),
      };
    }
  }
  return { target: weakest.target, heldBack: { surest: surest.target, request: holding.request, target: holding.target, ...(unsplit === undefined ? {} : { unsplit }) } };
}

function unsureReason(target: TargetAssessment): string {
  const what = target.urlText !== undefined && target.urlText !== '*' ? `its URL ${target.urlText} is one of Cloud Automation's` : 'it goes to Cloud Automation';
  return `nothing shows that ${what} (${target.confidence} target)`;
}

/**
 * A split finding as a run with `--include-unsure` migrates it: the user asserts that the unsure
 * requests go to Cloud Automation too, so they get the OAuth token with the sure ones, and the
 * header is graded by the least sure of them all.
 */
export function withUnsureIncluded(finding: XTokenFinding): XTokenFinding {
  const unsure = finding.keptFor?.filter((kept) => kept.unsure !== undefined) ?? [];
  if (unsure.length === 0) return finding;
  const { keptFor, keptAtLoad, ...rest } = finding;
  const stillKept = keptFor?.filter((kept) => kept.unsure === undefined) ?? [];
  const target = unsure.reduce<TargetAssessment>((least, { unsure: graded }) => (graded && confidenceRank(graded.confidence) < confidenceRank(least.confidence) ? graded : least), finding.target);
  return { ...rest, target, ...(stillKept.length > 0 ? { keptFor: stillKept, ...(keptAtLoad ? { keptAtLoad } : {}) } : {}) };
}

/**
 * Why a shared header is held back, as a clause the lint's message and the migration's marker
 * both quote: "the same header is also sent by the request on line 16, and its host
 * https://hooks.slack.com is written out and is no Cloud Automation host".
 */
export function describeHeldBack({ request, target, unsplit, where }: HeldBack): string {
  const sent = `the same header is also sent by another request ${where === undefined ? `on line ${request.node.loc.start.line}` : `at ${where}`}`;
  if (target.elsewhere !== undefined) return `${sent}, and ${target.elsewhere}${unsplit === undefined ? '' : `; ${unsplitBecause(unsplit)}`}`;
  const url = target.urlText !== undefined && target.urlText !== '*' ? ` (to ${target.urlText})` : '';
  return `${sent}${url}, and nothing shows that it goes to Cloud Automation (${target.confidence} target)${unsplit === undefined ? '' : `; ${unsplitBecause(unsplit)}`}`;
}

/** Why a header shared with a request to another service is not split, as the lint and the migration both say it. */
export function unsplitBecause(why: string): string {
  return `it is not split (the OAuth token for the Cloud Automation requests, the x-token written again where that one reads the header) because ${why}`;
}

const CONFIDENCE_ORDER: readonly TargetConfidence[] = ['unknown', 'possible', 'likely', 'certain'];
function confidenceRank(confidence: TargetConfidence): number {
  return CONFIDENCE_ORDER.indexOf(confidence);
}

/** Every finding of a whole file, in ESLint's traversal order: how the codemods see what the rules report. */
export function collectFindings(
  root: Node,
  visitorKeys: VisitorKeys,
  analysis: RequestAnalysis,
  findings: Findings,
): { xToken: XTokenFinding[]; unrecognized: UnrecognizedXToken[]; escaping: EscapingXToken[]; requests: RequestFinding[]; sites: RequestSite[] } {
  const requests: RequestFinding[] = [];
  const sites: RequestSite[] = [];
  const visit = (node: Node): void => {
    if (node.type === AST_NODE_TYPES.Property) findings.noteHeaderWrite(node);
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
      if (node.type === AST_NODE_TYPES.CallExpression) {
        findings.xTokenAtCall(node);
        findings.noteHeaderWrite(node);
      } else findings.xTokenAtNew(node);
      const request = findings.requestAt(node);
      if (request) requests.push(request);
      const site = analysis.requestSite(node);
      if (site) {
        sites.push(site);
        findings.noteRequest(site);
      }
    } else if (node.type === AST_NODE_TYPES.AssignmentExpression) {
      findings.xTokenAtAssignment(node);
      findings.noteHeaderWrite(node);
    }
    for (const key of visitorKeys[node.type] ?? []) {
      const child = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(child)) {
        for (const item of child as unknown[]) if (isNode(item)) visit(item);
      } else if (isNode(child)) visit(child);
    }
  };
  visit(root);
  const xToken = findings.xTokenFindings();
  const unrecognized = findings.unrecognizedXTokens();
  return { xToken, unrecognized, escaping: findings.escapingXTokens(), requests, sites };
}

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

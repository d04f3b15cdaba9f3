/**
 * jscodeshift transform: gives OAuth to Cloud Automation (Keptn API) requests that send no
 * credentials at all — what `cloud-automation/require-oauth` reports, as `x-token-to-oauth`
 * is to `no-x-token-header`. Same output shapes, helper import, markers and report entries
 * as that transform (both build on ./request-migration.ts). Requests that send `x-token` are
 * left to `x-token-to-oauth`; requests that already authenticate, and requests with nothing
 * showing a Cloud Automation target, are never touched. `POST …/api/v1/auth` token checks
 * become a `GET …/api/v1/metadata` reachability check where only success or failure is read.
 * See docs/codemods/add-oauth.md.
 */
import type { API, ASTNode, ASTPath, CallExpression, FileInfo, Options } from 'jscodeshift';
import {
  httpClients,
  TARGET_EVIDENCE_SOURCE_PATTERN,
  helperClientMembers,
  REACHABILITY_CHECK,
  TOKEN_CHECK,
  TOKEN_CHECK_TODO,
} from '../core/index.js';
import type { FileReport } from './report.js';
import { RequestMigration, isNodeType, tokenCheckLeft, parentOf, rangeOf, observableOutsideAsyncWhy, OBSERVABLE_TODO, type AnyPath, type CallInfo } from './request-migration.js';
import type { RequestFinding } from '../analysis/findings.js';
import type { RequestSite } from '../analysis/request-analysis.js';
import { runMigrationTransform } from './transform-runner.js';

export { SUPPORTED_EXTENSIONS, UnparsableFileError, parserForPath } from './transform-runner.js';

export const TRANSFORM_NAME = 'add-oauth';

/** The cheap test a runner does before parsing: without any Keptn evidence in the text there is nothing to do. */
export function needsParse(source: string): boolean {
  return TARGET_EVIDENCE_SOURCE_PATTERN.test(source);
}

export class AddOAuthMigration extends RequestMigration {
  plan(): void {
    this.findRequests();
    if (!this.continuesEarlierPass) this.collectRoutes();
  }

  report(): FileReport {
    return this.fileReport(TRANSFORM_NAME);
  }

  /** Exactly what require-oauth reports: requests without OAuth and API-token checks, from the shared analysis. */
  private findRequests(): void {
    for (const finding of this.facts().requests) this.considerFinding(finding);
  }

  private considerFinding(finding: RequestFinding): void {
    const call = this.babelPath(finding.site.node, finding.site.node.type);
    if (!call) return;
    const kind = finding.site.client.kind;
    const what = finding.kind === 'token-check' ? `${TOKEN_CHECK} token check` : `${kind === 'request' ? 'request-package' : kind} request without OAuth`;
    if (!this.sureEnough(finding.target)) {
      const { line, column } = this.position(call.node);
      this.manual.push({ line, column, what, ...this.notSureSite(finding.target, 'this request', 'send it through the OAuth helper by hand if it does') });
      return;
    }
    const statement = this.statementOf(call);
    if (statement && this.hasMarker(statement.node)) {
      const { line, column } = this.position(call.node);
      const why = this.markedStatements.has(statement.node) ? 'its statement is marked for a person (the x-token it sends is listed too)' : 'marked for a person by an earlier run';
      this.manual.push({ line, column, what, why, todo: 'finish the migration by hand and remove the marker' });
      return;
    }
    if (!isNodeType(call.node, 'CallExpression')) {
      this.leave(call, what, `the request is made with \`new ${this.text((call.node as ASTNode & { callee: ASTNode }).callee)}\`, which the codemod does not rewrite`, 'send it through the OAuth helper (`client.fetch`)');
      return;
    }
    const callPath = call as ASTPath<CallExpression>;
    const info = this.classifyCall(callPath);
    if (!info) return;
    if (finding.kind === 'token-check') {
      this.migrateTokenCheck(callPath, info, finding.site.client.helperAuthorized);
      return;
    }
    if (info.signature.headers !== undefined) {
      this.recordRoute(callPath);
      this.authenticateHeadersArgument(callPath, info, info.signature.headers);
      return;
    }
    if (kind !== 'fetch' && kind !== 'axios' && kind !== 'got') {
      const requests = kind === 'request' ? 'requests of the request package' : `${httpClients[kind].label} requests`;
      this.leave(call, what, `${requests} are not migrated automatically`, 'set `Authorization` to `await client.authorizationHeader()` from the OAuth helper');
      return;
    }
    this.recordRoute(callPath);
    const origin = info.client.instance ? this.instanceOrigin(callPath) : undefined;
    const written = this.optionsOf(callPath, info, finding.site);
    const options = written && this.optionsBuiltForCall(written, callPath);
    // A fetch module's request with options the global fetch ignores keeps its fetch and takes the token in its headers.
    const keepsModule = kind === 'fetch' ? this.fetchModuleOptionsReason(callPath) : undefined;
    const unwritable = this.unwritableOptions(options?.node, kind === 'fetch' && keepsModule === undefined, origin, callPath);
    if (unwritable) {
      this.withLeaveReason(keepsModule, () => {
        this.leave(call, what, unwritable, 'send `Authorization: await client.authorizationHeader()` from the OAuth helper where the options are built');
      });
      return;
    }
    this.withLeaveReason(keepsModule, () => {
      this.authenticate(callPath, info, options, origin, finding.site, keepsModule === undefined);
    });
  }

  /**
   * Why the options cannot take an `Authorization` without changing what the request sends, if
   * they cannot: built elsewhere (a variable, a call), or spread from elsewhere with no
   * `headers` of their own (a new `headers` would replace the spread ones).
   */
  private unwritableOptions(node: ASTNode | undefined, viaHelperFetch: boolean, origin: AnyPath | undefined, call: ASTPath<CallExpression>): string | undefined {
    if (!viaHelperFetch && origin && isNodeType(this.unwrapped(origin.node), 'CallExpression')) return undefined;
    if (viaHelperFetch || !node || this.spreadsOptionsVariable(node, call)) return undefined;
    if (!isNodeType(node, 'ObjectExpression')) return `the options are built elsewhere (\`${this.text(node).slice(0, 40)}\`)`;
    const members = node.properties as ASTNode[];
    const headers = members.find((member) => isNodeType(member, 'ObjectProperty') && this.propertyName(member.key, member.computed ?? false) === 'headers');
    if (headers && !isNodeType((headers as ASTNode & { value: ASTNode }).value, 'ObjectExpression')) return 'the headers are built elsewhere';
    if (!headers && members.some((member) => !isNodeType(member, 'ObjectProperty'))) return 'the options are spread from elsewhere and may carry headers of their own';
    return undefined;
  }

  /**
   * `const options = { headers: {…} }; await axios.get(url, options)`: options built for this one
   * request just before it (a `const` in the same block, read nowhere else) are written where they
   * are built, as if they were inline. Anything else stays as written.
   */
  private optionsBuiltForCall(options: { index: number; node: ASTNode | undefined }, call: ASTPath<CallExpression>): { index: number; node: ASTNode | undefined } {
    const argument = options.node;
    const path = argument && isNodeType(argument, 'Identifier') ? (call.get('arguments', options.index) as AnyPath) : undefined;
    const binding = path ? this.bindingOf(path) : undefined;
    const declarator = binding ? parentOf(binding) : undefined;
    const declaration = declarator ? parentOf(declarator) : undefined;
    if (!binding || !declarator || !declaration || binding.name !== 'id' || !isNodeType(declarator.node, 'VariableDeclarator')) return options;
    const init = declarator.node.init as ASTNode | null | undefined;
    if ((declaration.node as ASTNode & { kind?: string }).kind !== 'const' || !isNodeType(init, 'ObjectExpression')) return options;
    if (this.referencesOf(binding).length !== 1 || !this.sameBlockBefore(declarator, call)) return options;
    return { index: options.index, node: init };
  }

  // ── what the request is ──────────────────────────────────────────────────────────

  /**
   * The options argument as written: an object literal, something else, or none. Whether the
   * first argument is the options (`axios(config)`, which then ignores a second one) or the URL is
   * the analysis's call, as it is the lint's.
   */
  private optionsOf(call: ASTPath<CallExpression>, info: CallInfo, site: RequestSite): { index: number; node: ASTNode | undefined } | undefined {
    const { signature } = info;
    const args = call.node.arguments as ASTNode[];
    const first = args[0];
    const [leading] = site.optionArguments;
    if (signature.optionsMayComeFirst === true && first && leading && this.babelPath(leading)?.node === first) return { index: 0, node: first };
    if (signature.options === undefined) return undefined;
    return { index: signature.options, node: args[signature.options] };
  }

  // ── rewrites ─────────────────────────────────────────────────────────────────────

  private authenticate(
    call: ASTPath<CallExpression>,
    info: CallInfo,
    options: { index: number; node: ASTNode | undefined } | undefined,
    origin: AnyPath | undefined,
    site: RequestSite,
    viaHelperFetch: boolean,
  ): void {
    const { kind } = info.client;
    if (kind === 'fetch' && viaHelperFetch) {
      this.useHelperFetch(call);
      this.markMigrated(call.node, 'fetch', 'request without credentials → OAuth helper fetch');
      return;
    }
    const create = origin ? this.unwrapped(origin.node) : undefined;
    if (isNodeType(create, 'CallExpression') && this.isInstanceFactory(create) && origin) {
      // Reported at the request, where the lint reports it: one instance may serve requests that
      // the analysis judges differently, and a person reads the report call by call.
      const attached = this.authenticateInstance(create, origin);
      if (attached === true) {
        this.markMigrated(call.node, kind, `request through ${kind === 'axios' ? 'an axios' : 'a got'} instance → OAuth helper ${kind === 'axios' ? 'attached' : 'hooks added'} where the instance is made`);
        return;
      }
      // The instance cannot be told where the token may go, but this request, which the analysis
      // judges a Cloud Automation call, can carry the token itself, as a request of the bare client would.
      if (options && this.unwritableOptions(options.node, false, undefined, call) === undefined) {
        this.authenticateRequest(call, info, options, site);
        return;
      }
      this.leave(call, `${kind} request without OAuth`, attached.why, `give the instance a ${kind === 'got' ? 'prefixUrl' : 'baseURL'}, or attach the helper with { audience: <API base URL> }`);
      return;
    }
    if (!options) {
      this.leave(call, `${kind} request without OAuth`, 'the codemod cannot tell where this call takes its options', 'send `Authorization: await client.authorizationHeader()` from the OAuth helper');
      return;
    }
    this.authenticateRequest(call, info, options, site);
  }

  private isInstanceFactory(call: CallExpression): boolean {
    const callee = call.callee as ASTNode;
    if (!isNodeType(callee, 'MemberExpression')) return false;
    const name = this.propertyName(callee.property, callee.computed ?? false);
    return name === 'create' || name === 'extend';
  }

  /** Once per instance: the helper attached where it is made, so every request through it is covered. Why not, when the helper cannot be told where the token may go. */
  private authenticateInstance(create: CallExpression, origin: AnyPath): true | { readonly why: string } {
    if (this.wrappedCalls.has(create)) return true;
    // Without a base of its own the adapter is told the API bases of the instance's requests.
    const estree = this.estreeNode(create, 'CallExpression');
    const instance = this.facts().sites.find((site) => site.node === estree && site.createsInstance);
    const audience = instance ? this.instanceAudience(instance, origin) : { audience: '' };
    if ('why' in audience) return audience;
    this.wrappedCalls.add(create);
    this.needsHelper = true;
    if (instance?.client.kind === 'axios') {
      const { start, end } = rangeOf(create);
      this.edits.push(
        { start, end: start, text: `${this.clientText}.${helperClientMembers.attachToAxios}(` },
        { start: end, end, text: audience.audience === '' ? ')' : `, ${audience.audience})` },
      );
    } else {
      const path = this.nodesOfType<CallExpression>('CallExpression').find((candidate) => candidate.node === create);
      if (path) this.addHooks(path, 'got', audience.audience);
    }
    return true;
  }

  /** Per request, the way x-token-to-oauth rewrites a per-request header. */
  private authenticateRequest(call: ASTPath<CallExpression>, info: CallInfo, options: { index: number; node: ASTNode | undefined }, site: RequestSite): void {
    const { kind } = info.client;
    const async = this.isAsyncContext(call);
    const streaming = info.member === 'stream' || info.member?.startsWith('stream.') === true || info.member?.startsWith('paginate') === true;
    const wrapper = site.client.wrapper;
    if (!async && wrapper?.returns === 'observable') {
      this.leave(call, `${wrapper.label} request without OAuth`, observableOutsideAsyncWhy(wrapper.label, this.position(call.node).line), OBSERVABLE_TODO);
      return;
    }
    if (kind === 'got' && (!async || streaming)) {
      // got's request is a promise with `.json()` on it (or a stream): waiting for the token first would lose that.
      // A single request has no prefixUrl of its own (unless an instance gives it one): the hooks are told where the token may go.
      const audience = site.client.defaults.length > 0 ? null : this.audienceFor(this.urlNodeOf(site), call);
      if (audience === undefined) {
        this.leave(call, 'got request without OAuth', 'the token must come from the helper\'s hooks here, and the request\'s URL cannot be named as their audience', 'make the function async, or add `hooks: client.gotHooks({ audience: <API base URL> })` to the request');
        return;
      }
      const audienceOption = this.audienceOption(audience === null ? [] : [audience]);
      if (options.node !== undefined && !isNodeType(options.node, 'ObjectExpression')) {
        this.leave(call, 'got request without OAuth', `the token must come from the helper's hooks here, and the options are built elsewhere (\`${this.text(options.node).slice(0, 40)}\`)`, 'make the function async, or add `hooks: client.gotHooks({ audience: <API base URL> })` where the options are built');
        return;
      }
      const hooks = options.node === undefined ? { member: `hooks: ${this.clientText}.${helperClientMembers.gotHooks}(${audienceOption})` } : this.hooksFor(options.node, 'got', audienceOption, this.clientText);
      if ('why' in hooks) {
        this.leave(call, 'got request without OAuth', `the token must come from the helper's hooks here, and ${hooks.why}`, 'make the function async, or join `client.gotHooks({ audience: <API base URL> })` to the request\'s hooks by hand');
        return;
      }
      this.needsHelper = true;
      if ('member' in hooks) this.addOption(call, options, hooks.member);
      else this.edits.push(...hooks.edits);
      this.markMigrated(call.node, 'got', 'got request without credentials → OAuth helper hooks on the request');
      return;
    }
    this.needsHelper = true;
    const authorization = `Authorization: ${this.authorizationValue(async)}`;
    const headers = isNodeType(options.node, 'ObjectExpression') ? this.headersMember(options.node) : undefined;
    if (headers) this.appendMember(headers, authorization);
    else if (options.node && this.spreadsOptionsVariable(options.node, call)) {
      // The token first: an `Authorization` the code put in the object itself still wins, as with the helper's adapters.
      const name = this.text(options.node);
      this.edits.push({ ...rangeOf(options.node), text: `{ ...${name}, headers: { ${authorization}, ...${name}.headers } }` });
    } else this.addOption(call, options, `headers: { ${authorization} }`);
    if (!async) this.wrapInTokenPromise(call);
    this.markMigrated(call.node, kind, `request without credentials → Authorization from the OAuth helper${async ? '' : ' (token promise chained before the request)'}`);
  }

  /** `http.getJson(url, headers)` of an HttpClient: the headers are an argument of their own, written here or added. */
  private authenticateHeadersArgument(call: ASTPath<CallExpression>, info: CallInfo, index: number): void {
    const { kind } = info.client;
    const headers = (call.node.arguments as ASTNode[])[index];
    if (headers !== undefined && !isNodeType(headers, 'ObjectExpression')) {
      this.leave(call, `${kind} request without OAuth`, `the headers are built elsewhere (\`${this.text(headers).slice(0, 40)}\`)`, 'send `Authorization: await client.authorizationHeader()` from the OAuth helper where the headers are built');
      return;
    }
    const async = this.isAsyncContext(call);
    const authorization = `Authorization: ${this.authorizationValue(async)}`;
    this.needsHelper = true;
    if (headers) this.appendMember(headers, authorization);
    else this.addOption(call, { index, node: undefined }, authorization);
    if (!async) this.wrapInTokenPromise(call);
    this.markMigrated(call.node, kind, `request without credentials → Authorization from the OAuth helper${async ? '' : ' (token promise chained before the request)'}`);
  }

  // ── POST /api/v1/auth token checks ───────────────────────────────────────────────

  /**
   * A token check becomes a metadata read where its shape allows: through the helper's fetch, or
   * as it is on an instance the helper already authorizes (`attachToAxios`, `gotHooks`); else it
   * is marked.
   */
  private migrateTokenCheck(call: ASTPath<CallExpression>, info: CallInfo, instanceAuthorized: boolean): void {
    const kind = info.client.kind;
    const keepsModule = kind === 'fetch' ? this.fetchModuleOptionsReason(call) : undefined;
    const plan = keepsModule !== undefined
      ? tokenCheckLeft(`${keepsModule}, and add-oauth rewrites token checks only through the helper's fetch`)
      : kind === 'fetch' || instanceAuthorized ? this.planTokenCheck(call, info) : tokenCheckLeft('add-oauth rewrites token checks only through fetch or an instance the OAuth helper authorizes');
    if ('edits' in plan) {
      this.applyTokenCheck(plan);
      if (kind === 'fetch') this.useHelperFetch(call);
      const { line, column } = this.position(call.node);
      const through = kind === 'fetch' ? 'the OAuth helper fetch' : `the ${httpClients[kind].label} instance the OAuth helper authorizes`;
      this.migrated.push({ line, column, client: kind, what: `${TOKEN_CHECK} token check → ${REACHABILITY_CHECK} reachability check through ${through}` });
      return;
    }
    this.recordRoute(call);
    this.leave(call, `${TOKEN_CHECK} token check`, plan.why, TOKEN_CHECK_TODO);
  }
}

/** The transform: the new text, or undefined when the file is left as it was. */
export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  return runMigrationTransform(
    {
      name: TRANSFORM_NAME,
      needsParse,
      migrate: (j, root, source, settings) => RequestMigration.runPasses([new AddOAuthMigration(j, root, source, settings)]),
    },
    file,
    api,
    options,
  );
}

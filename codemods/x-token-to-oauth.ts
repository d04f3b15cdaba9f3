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
  ObjectExpression,
  Options,
} from 'jscodeshift';
import {
  AXIOS_DEFAULT_HEADER_PATHS,
  CANDIDATE_SOURCE_PATTERN,
  HEADERS_CONSTRUCTORS,
  helperClientMembers,
  isAuthorizationHeader,
  isTokenCheckRoute,
  reachabilityCheckRoute,
  type HttpClientKind,
} from '../core/index.js';
import type { FileReport } from './report.js';
import { indentationAt, removeListItems, removeStatement } from './source-edits.js';
import type { XTokenFinding } from '../analysis/findings.js';
import { RequestMigration, contains, isNodeType, parentOf, rangeOf, FUNCTION_TYPES, TRANSPARENT_WRAPPERS, type AnyPath, type CallInfo } from './request-migration.js';
import { runMigrationTransform } from './transform-runner.js';

export { SUPPORTED_EXTENSIONS, UnparsableFileError, parserForPath, type ParserName } from './transform-runner.js';

export const TRANSFORM_NAME = 'x-token-to-oauth';

/** The cheap test a runner does before reading a file into a parser: false means "unchanged, skip". */
export function needsParse(source: string): boolean {
  return CANDIDATE_SOURCE_PATTERN.test(source);
}

type Role = 'headers' | 'options';

type Use =
  | {
      readonly type: 'request';
      readonly call: ASTPath<CallExpression>;
      readonly info: CallInfo;
      /** The last variable reference the value went through on its way to the call, if any. */
      readonly reference: { readonly path: AnyPath; readonly role: Role } | undefined;
    }
  | { readonly type: 'instance'; readonly call: ASTPath<CallExpression>; readonly info: CallInfo }
  | { readonly type: 'unknown'; readonly why: string };

interface Context {
  readonly reference: { readonly path: AnyPath; readonly role: Role } | undefined;
  readonly depth: number;
  readonly sawHeadersSlot: boolean;
}

const AXIOS_VERBS = new Set(['common', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options']);

export class XTokenMigration extends RequestMigration {

  plan(): void {
    for (const finding of this.facts().xToken) this.migrateFinding(finding);
    if (!this.continuesEarlierPass) this.collectRoutes();
  }

  report(): FileReport {
    const plumbing = this.tokenPlumbing();
    const envReads = plumbing.filter((entry) => entry.kind === 'env-var');
    const tokenEnvVars = [...new Set(envReads.map((read) => read.name))];
    const retiredEnvVars = tokenEnvVars.filter((name) => envReads.every((read) => read.name !== name || read.fate === 'retire'));
    return { ...this.fileReport(TRANSFORM_NAME, tokenEnvVars, retiredEnvVars), tokenPlumbing: plumbing };
  }

  // ── the x-token sites: exactly what no-x-token-header reports ──────────────────────

  /**
   * One finding of the shared analysis, rewritten where its form allows: the header's key is
   * found in Babel's tree at the same offsets, and its place (an object property, a `Headers`
   * entry, an assignment, a setter call) says which rewrite applies. A target the analysis is
   * not sure of is listed for a person and left alone unless `--include-unsure` was given.
   */
  private migrateFinding(finding: XTokenFinding): void {
    const key = this.babelPath(finding.node);
    if (!key) return;
    if (!this.sureEnough(finding.target)) {
      const { line, column } = this.position(key.node);
      this.manual.push({
        line,
        column,
        what: 'x-token header',
        why: `nothing shows that this request goes to Cloud Automation (${finding.target.confidence} target)`,
        todo: 'migrate it by hand if it does, or run migrate with --include-unsure (jscodeshift: --includeUnsure)',
      });
      return;
    }
    const parent = parentOf(key);
    const parentNode = parent?.node;
    if (parent && isNodeType(parentNode, 'ObjectProperty') && key.name === 'key') {
      this.migrateProperty(parent);
      return;
    }
    // `new Headers([['x-token', t]])`
    const entry = parent;
    const array = parentOf(entry);
    const construction = parentOf(array);
    if (
      entry && array && construction &&
      isNodeType(entry.node, 'ArrayExpression') && key.name === 0 &&
      isNodeType(array.node, 'ArrayExpression') &&
      isNodeType(construction.node, 'NewExpression') && array.name === 0
    ) {
      this.migrateHeadersEntry(construction, array.node, array.node.elements.indexOf(entry.node));
      return;
    }
    const grand = parentOf(parent);
    // `target['x-token'] = t`
    if (parent && grand && isNodeType(parentNode, 'MemberExpression') && key.name === 'property' && isNodeType(grand.node, 'AssignmentExpression') && parent.name === 'left' && grand.node.operator === '=') {
      this.migrateHeaderWrite(grand, parentNode.object, parent.get('object') as AnyPath, 'assignment');
      return;
    }
    // `target.set('x-token', t)`, `target.append(…)`, `req.setHeader(…)`
    if (parent && isNodeType(parentNode, 'CallExpression') && key.name === 0) {
      const callee = parentNode.callee as ASTNode;
      const method = isNodeType(callee, 'MemberExpression') ? this.propertyName(callee.property, callee.computed ?? false) : undefined;
      if (method === 'setHeader') {
        this.leave(parent, 'x-token header set with setHeader on a node http request', 'node http requests are not migrated automatically', 'set `Authorization` to `await client.authorizationHeader()` from the OAuth helper instead');
        return;
      }
      if (isNodeType(callee, 'MemberExpression') && (method === 'set' || method === 'append')) {
        this.migrateHeaderWrite(parent, callee.object, parent.get('callee', 'object') as AnyPath, 'method');
        return;
      }
    }
    this.leave(key, 'x-token header', 'the header is written in a form the codemod does not rewrite', 'send the request through the OAuth helper (see docs/codemods/x-token-to-oauth.md)');
  }

  // ── data flow: where does a header object go? ────────────────────────────────────────

  private trace(start: AnyPath, role: Role, context: Context): Use[] {
    if (context.depth > 8) return [{ type: 'unknown', why: 'the value passes through too many variables to follow' }];
    let current = start;
    for (;;) {
      const parent = parentOf(current);
      if (!parent) return [{ type: 'unknown', why: 'the value is not used' }];
      const node = parent.node;
      const transparent =
        TRANSPARENT_WRAPPERS.has(node.type) ||
        node.type === 'LogicalExpression' ||
        (node.type === 'ConditionalExpression' && current.name !== 'test');
      if (!transparent) break;
      current = parent;
    }
    const parent = parentOf(current) as AnyPath;
    const node = parent.node;
    switch (node.type) {
      case 'ObjectProperty': {
        if (current.name !== 'value' || !isNodeType(node, 'ObjectProperty')) break;
        const key = this.propertyName(node.key, node.computed ?? false);
        const object = parentOf(parent) as AnyPath;
        if (role === 'headers' && key === 'headers') {
          return this.trace(object, 'options', { ...context, depth: context.depth + 1, sawHeadersSlot: true });
        }
        if (role === 'headers' && key !== undefined && AXIOS_VERBS.has(key)) {
          const grand = parentOf(object);
          const grandNode = grand?.node;
          if (isNodeType(grandNode, 'ObjectProperty') && this.propertyName(grandNode.key, false) === 'headers') {
            return this.trace(object, 'headers', { ...context, depth: context.depth + 1 });
          }
        }
        return [{ type: 'unknown', why: `the value is stored as \`${key ?? '[computed]'}\`, which the codemod cannot follow` }];
      }
      case 'SpreadElement':
        return this.trace(parentOf(parent) as AnyPath, role, { ...context, depth: context.depth + 1 });
      case 'NewExpression': {
        const callee = (node as ASTNode & { callee: ASTNode }).callee;
        if (role === 'headers' && isNodeType(callee, 'Identifier') && HEADERS_CONSTRUCTORS.includes(callee.name)) {
          return this.trace(parent, 'headers', { ...context, depth: context.depth + 1, sawHeadersSlot: true });
        }
        return [{ type: 'unknown', why: `the value is passed to \`new ${this.text(callee)}\`, which the codemod cannot follow` }];
      }
      case 'CallExpression':
      case 'OptionalCallExpression': {
        const call = parent as ASTPath<CallExpression>;
        const index = call.node.arguments.indexOf(current.node as never);
        if (index < 0) break;
        const info = this.classifyCall(call);
        if (!info) {
          return [{ type: 'unknown', why: `the value is passed to \`${this.text(call.node.callee)}\`, which the codemod cannot follow` }];
        }
        const { signature } = info;
        const optionsIndex = signature.options;
        const isOptions =
          role === 'options' &&
          optionsIndex !== undefined &&
          (index === optionsIndex ||
            (signature.optionsMayComeFirst === true && index === 0 && !this.isUrlLike(current.node)) ||
            (signature.restAreOptions === true && index >= optionsIndex));
        if (!isOptions) {
          return [{ type: 'unknown', why: `the value reaches ${info.client.kind} as an argument the codemod does not expect` }];
        }
        if (signature.createsInstance) return [{ type: 'instance', call, info }];
        return [{ type: 'request', call, info, reference: context.reference }];
      }
      case 'VariableDeclarator': {
        if (current.name !== 'init' || !isNodeType(node, 'VariableDeclarator')) break;
        const id = parent.get('id') as AnyPath;
        if (!isNodeType(id.node, 'Identifier')) break;
        // Writes into the same object (`headers.set(…)`, `headers[k] = v`) are not where it goes.
        const references = this.referencesOf(id).filter((reference) => !this.isWriteInto(reference));
        if (references.length === 0) return [{ type: 'unknown', why: 'the value is never used' }];
        return references.flatMap((reference) =>
          this.trace(reference, role, { ...context, depth: context.depth + 1, reference: { path: reference, role } }),
        );
      }
      case 'ReturnStatement':
      case 'ArrowFunctionExpression':
        return [{ type: 'unknown', why: 'the value is returned by a function; where it goes depends on each caller' }];
      default:
        break;
    }
    return [{ type: 'unknown', why: 'the codemod cannot follow where this value goes' }];
  }

  private isWriteInto(reference: AnyPath): boolean {
    const parent = parentOf(reference);
    const parentNode = parent?.node;
    if (!parent || !isNodeType(parentNode, 'MemberExpression') || reference.name !== 'object') return false;
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

  private migrateProperty(property: AnyPath): void {
    const statement = this.statementOf(property);
    if (statement && this.hasMarker(statement.node)) {
      const { line, column } = this.position(property.node);
      this.manual.push({ line, column, what: 'x-token header', why: 'marked for a person by an earlier run', todo: 'finish the migration by hand and remove the marker' });
      return;
    }
    const { target, container } = this.removalTarget(property);
    const containerNode = container.node as ObjectExpression;
    const uses = this.trace(container, 'headers', { reference: undefined, depth: 0, sawHeadersSlot: false });
    const unknown = uses.find((use) => use.type === 'unknown');
    if (unknown) {
      this.leaveSite(property, 'x-token header in an object', unknown.why, 'send the request through the OAuth helper (see docs/codemods/x-token-to-oauth.md)');
      return;
    }
    const requests = uses.filter((use) => use.type === 'request');
    const instances = uses.filter((use) => use.type === 'instance');
    for (const use of requests) {
      const analysis = this.recordRoute(use.call);
      if (analysis?.routes.some(isTokenCheckRoute) === true && analysis.routes.every(isTokenCheckRoute)) {
        this.leave(
          property,
          'x-token sent to POST /api/v1/auth',
          'POST /api/v1/auth only checks the old API token and means nothing under OAuth',
          `delete this check, or call ${reachabilityCheckRoute.method} ${reachabilityCheckRoute.path} (${reachabilityCheckRoute.scopes.join(' ')}) through the helper`,
        );
        return;
      }
    }
    const kinds = new Set(uses.map((use) => (use.type === 'unknown' ? 'unknown' : use.info.client.kind)));
    if (kinds.size !== 1 || (instances.length > 0 && requests.length > 0)) {
      this.leave(property, 'x-token header shared by different clients', 'the same headers reach requests of different clients', 'migrate each client with the OAuth helper by hand');
      return;
    }
    const kind = [...kinds][0] as HttpClientKind;
    const otherAuthorization = (containerNode.properties as ASTNode[]).some(
      (member) => isNodeType(member, 'ObjectProperty') && isAuthorizationHeader(this.propertyName(member.key, member.computed ?? false) ?? ''),
    );
    if (instances.length > 0) {
      this.migrateInstanceDefaults(property, target, container, instances, kind);
    } else if (kind === 'fetch') {
      this.removeHeader(target, container);
      if (!otherAuthorization) for (const use of requests) this.useHelperFetch(use.call);
      this.markMigrated(property.node, 'fetch', otherAuthorization ? 'x-token header removed (the request already sends Authorization)' : 'x-token header → OAuth helper fetch');
    } else if (kind === 'axios' || kind === 'got') {
      this.migratePerRequestHeader(property, target, container, requests, kind, otherAuthorization);
    } else {
      this.leave(property, `x-token header on a ${kind} request`, `${kind} requests are not migrated automatically`, 'set `Authorization` to `await client.authorizationHeader()` from the OAuth helper');
    }
  }

  /** Drops the x-token entry from its object, and the object itself where it was only that header. */
  private removeHeader(target: AnyPath, container: AnyPath): void {
    const object = container.node as ObjectExpression;
    const members = object.properties as ASTNode[];
    const index = members.indexOf(target.node);
    this.retired.push(target);
    if (members.length === 1) {
      // `headers: { 'x-token': t }` → drop `headers` too; an inline options object left empty goes with it.
      const slot = parentOf(container);
      const slotNode = slot?.node;
      if (slot && isNodeType(slotNode, 'ObjectProperty') && this.propertyName(slotNode.key, false) === 'headers') {
        const options = parentOf(slot) as AnyPath;
        const optionsNode = options.node as ObjectExpression;
        if (optionsNode.properties.length === 1) {
          const call = parentOf(options);
          const callNode = call?.node;
          if (call && (isNodeType(callNode, 'CallExpression') || isNodeType(callNode, 'NewExpression'))) {
            const args = callNode.arguments as ASTNode[];
            const argIndex = args.indexOf(options.node);
            if (argIndex === args.length - 1 && argIndex > 0) {
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
      this.edits.push({ ...rangeOf(object), text: '{}' });
      return;
    }
    this.edits.push(...removeListItems(this.source, members.map(rangeOf), new Set([index])));
  }

  private migratePerRequestHeader(
    property: AnyPath,
    target: AnyPath,
    container: AnyPath,
    requests: readonly Extract<Use, { type: 'request' }>[],
    kind: HttpClientKind,
    otherAuthorization: boolean,
  ): void {
    const containerRange = rangeOf(container.node);
    if (otherAuthorization) {
      this.removeHeader(target, container);
      this.markMigrated(property.node, kind, 'x-token header removed (the request already sends Authorization)');
      return;
    }
    const inline = requests.every((use) => contains(rangeOf(use.call.node), containerRange));
    if (inline) {
      const [use] = requests;
      if (!use || requests.length !== 1) return;
      const async = this.isAsyncContext(use.call);
      if (kind === 'got' && !async) {
        // got's request is a promise with `.json()` on it: chaining it behind the token would lose that. Hooks instead.
        this.migrateGotRequestToHooks(property, target, container);
        return;
      }
      this.retired.push(target);
      this.edits.push({ ...rangeOf(target.node), text: `Authorization: ${this.authorizationValue(async)}` });
      if (!async) this.wrapInTokenPromise(use.call);
      this.needsHelper = true;
      this.markMigrated(property.node, kind, `x-token header → Authorization from the OAuth helper${async ? '' : ' (token promise chained before the request)'}`);
      return;
    }
    // Built once in a variable and reused: the token goes in at each request, never into the shared object.
    for (const use of requests) {
      const reference = use.reference;
      const async = this.isAsyncContext(use.call);
      const authorization = `Authorization: ${this.authorizationValue(async)}`;
      if (!reference) {
        this.leave(property, 'x-token header reused across requests', 'the codemod cannot see where the shared headers enter the request', 'send `Authorization: await client.authorizationHeader()` per request');
        return;
      }
      const referenceText = this.text(reference.path.node);
      const parent = parentOf(reference.path)?.node;
      const headersRemain = (container.node as ObjectExpression).properties.length > 1;
      if (reference.role === 'options' && parent === use.call.node) {
        const sharedHeaders = headersRemain ? `...${referenceText}.headers, ` : '';
        this.edits.push({ ...rangeOf(reference.path.node), text: `{ ...${referenceText}, headers: { ${sharedHeaders}${authorization} } }` });
      } else if (reference.role === 'headers' && isNodeType(parent, 'ObjectProperty') && reference.path.name === 'value') {
        this.edits.push({ ...rangeOf(parent), text: `headers: { ...${referenceText}, ${authorization} }` });
      } else {
        this.leave(property, 'x-token header reused across requests', 'the shared headers reach the request in a shape the codemod does not rewrite', 'send `Authorization: await client.authorizationHeader()` per request');
        return;
      }
      if (!async && kind === 'got') {
        this.leave(property, 'x-token header reused across got requests', 'a got request outside an async function cannot wait for the token without losing its `.json()` helpers', 'add `hooks: client.gotHooks()` to the shared options, or make the caller async');
        return;
      }
      if (!async) this.wrapInTokenPromise(use.call);
    }
    this.removeHeader(target, container);
    this.needsHelper = true;
    this.markMigrated(property.node, kind, 'x-token header in shared options → Authorization from the OAuth helper at each request');
  }

  private migrateInstanceDefaults(
    property: AnyPath,
    target: AnyPath,
    container: AnyPath,
    instances: readonly Extract<Use, { type: 'instance' }>[],
    kind: HttpClientKind,
  ): void {
    if (kind !== 'axios' && kind !== 'got') {
      this.leave(property, `x-token header in ${kind} instance defaults`, `${kind} instances are not migrated automatically`, 'add the OAuth helper to the instance by hand');
      return;
    }
    this.needsHelper = true;
    const headersOnlyToken = (container.node as ObjectExpression).properties.length === 1;
    const slot = parentOf(container)?.node;
    const gotTakesSlot =
      kind === 'got' && instances.length === 1 && headersOnlyToken && isNodeType(slot, 'ObjectProperty') && this.propertyName(slot.key, false) === 'headers';
    if (gotTakesSlot) this.retired.push(target);
    else this.removeHeader(target, container);
    for (const { call } of instances) {
      if (this.wrappedCalls.has(call.node)) continue;
      this.wrappedCalls.add(call.node);
      if (kind === 'axios') {
        const { start, end } = rangeOf(call.node);
        this.edits.push(
          { start, end: start, text: `${this.clientText}.${helperClientMembers.attachToAxios}(` },
          { start: end, end, text: ')' },
        );
        this.markMigrated(property.node, 'axios', 'x-token in axios.create defaults → OAuth helper attached to the instance');
      } else {
        this.addGotHooks(call);
        this.markMigrated(property.node, 'got', 'x-token in got.extend options → OAuth helper hooks');
      }
    }
  }

  private migrateGotRequestToHooks(property: AnyPath, target: AnyPath, container: AnyPath): void {
    const hooks = `hooks: ${this.clientText}.${helperClientMembers.gotHooks}()`;
    const slot = parentOf(container);
    const slotNode = slot?.node;
    const options = parentOf(slot)?.node;
    if (!isNodeType(slotNode, 'ObjectProperty') || !isNodeType(options, 'ObjectExpression') || this.propertyName(slotNode.key, false) !== 'headers') {
      this.leave(property, 'x-token header on a got request', 'the headers do not sit in an options object the codemod can extend', 'add `hooks: client.gotHooks()` to the request options');
      return;
    }
    if ((options.properties as ASTNode[]).some((member) => isNodeType(member, 'ObjectProperty') && this.propertyName(member.key, false) === 'hooks')) {
      this.leave(property, 'x-token header on a got request with hooks', 'the request already has hooks of its own', 'append the helper\'s `client.gotHooks()` entries to them');
      return;
    }
    this.retired.push(target);
    this.needsHelper = true;
    if ((container.node as ObjectExpression).properties.length === 1) {
      this.edits.push({ ...rangeOf(slotNode), text: hooks });
    } else {
      this.removeHeader(target, container);
      this.appendMember(options, hooks);
    }
    this.markMigrated(property.node, 'got', 'x-token header → OAuth helper hooks on the request');
  }

  private migrateHeadersEntry(newHeaders: AnyPath, array: ASTNode & { elements: unknown[] }, index: number): void {
    const entryPath = (newHeaders.get('arguments', 0, 'elements', index) as AnyPath);
    const uses = this.trace(newHeaders, 'headers', { reference: undefined, depth: 0, sawHeadersSlot: true });
    const unknown = uses.find((use) => use.type === 'unknown');
    if (unknown || uses.some((use) => use.type !== 'request' || use.info.client.kind !== 'fetch')) {
      this.leaveSite(entryPath, 'x-token entry in new Headers([...])', unknown?.why ?? 'the headers reach a client other than fetch', 'send the request through the OAuth helper');
      return;
    }
    this.retired.push(entryPath);
    const elements = array.elements as ASTNode[];
    this.edits.push(...removeListItems(this.source, elements.map(rangeOf), new Set([index])));
    for (const use of uses) if (use.type === 'request') { this.recordRoute(use.call); this.useHelperFetch(use.call); }
    this.markMigrated(entryPath.node, 'fetch', 'x-token entry in Headers → OAuth helper fetch');
  }

  /** `target['x-token'] = v` or `target.set('x-token', v)`. */
  private migrateHeaderWrite(site: AnyPath, target: ASTNode, targetPath: AnyPath, form: 'assignment' | 'method'): void {
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
    // `if (token) x['x-token'] = token;` goes as a whole: without the header the test has no purpose.
    const guard = standalone ? this.soleGuard(parentOf(site) as AnyPath) : undefined;
    const removable = guard ?? (standalone ? (parentOf(site) as AnyPath) : undefined);
    if (guard) statement = guard;

    // axios defaults: `<instance>.defaults.headers(.common)['x-token'] = t`
    const defaultsOwner = this.axiosDefaultsOwner(target, targetPath);
    if (defaultsOwner && form === 'assignment') {
      if (!removable || !this.runsOnce(statement)) {
        this.leave(site, 'x-token set on axios defaults at run time', 'the default header is set inside a function that may run many times', `attach the helper once where the instance is made: ${this.clientText}.${helperClientMembers.attachToAxios}(instance)`);
        return;
      }
      this.replaceWithAttach(removable, this.text(defaultsOwner.node), site);
      return;
    }

    // request interceptor: `config.headers['x-token'] = t` / `config.headers.set('x-token', t)`
    const interceptor = this.enclosingInterceptor(target);
    if (interceptor && removable) {
      this.migrateInterceptor(site, removable, interceptor);
      return;
    }

    // A headers object in a variable, sent by fetch.
    if (isNodeType(target, 'Identifier') && removable) {
      const binding = this.bindingOf(targetPath);
      const declarator = parentOf(binding) as AnyPath | null | undefined;
      const declaratorNode = declarator?.node;
      if (declarator && binding && isNodeType(declaratorNode, 'VariableDeclarator') && binding.name === 'id' && declaratorNode.init) {
        const uses = this.trace(declarator.get('init') as AnyPath, 'headers', { reference: undefined, depth: 0, sawHeadersSlot: false });
        const fetchOnly = uses.length > 0 && uses.every((use) => use.type === 'request' && use.info.client.kind === 'fetch');
        if (fetchOnly) {
          this.retired.push(removable);
          this.edits.push(removeStatement(this.source, rangeOf(removable.node)));
          for (const use of uses) if (use.type === 'request') { this.recordRoute(use.call); this.useHelperFetch(use.call); }
          this.markMigrated(site.node, 'fetch', `${what} → OAuth helper fetch`);
          return;
        }
        const unknown = uses.find((use) => use.type === 'unknown');
        this.leaveSite(site, what, unknown?.why ?? 'the headers reach a client other than fetch', 'send `Authorization: await client.authorizationHeader()` instead');
        return;
      }
    }
    this.leaveSite(site, what, 'the codemod cannot tell which requests this header object reaches', 'send the request through the OAuth helper');
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
      // `x.defaults.headers.common` is axios's own shape; a client we cannot name is still an axios instance by it.
      if (client && client.kind !== 'axios') return undefined;
      return owner;
    }
    return undefined;
  }

  private replaceWithAttach(statement: AnyPath, instanceText: string, site: AnyPath): void {
    this.retired.push(statement);
    this.needsHelper = true;
    if (this.attachedInstances.has(instanceText)) {
      this.edits.push(removeStatement(this.source, rangeOf(statement.node)));
    } else {
      this.attachedInstances.add(instanceText);
      this.edits.push({ ...rangeOf(statement.node), text: `${this.clientText}.${helperClientMembers.attachToAxios}(${instanceText})${this.style.semicolon}` });
    }
    this.markMigrated(site.node, 'axios', 'x-token on axios defaults → OAuth helper attached to the instance');
  }

  /** `instance.interceptors.request.use((config) => { … config.headers… })` holding this header write. */
  private enclosingInterceptor(target: ASTNode): { fn: AnyPath; use: AnyPath; instance: ASTNode } | undefined {
    // The header lives on the interceptor's first parameter: `config.headers`.
    if (!isNodeType(target, 'MemberExpression') || target.computed) return undefined;
    const base = target.object as ASTNode;
    if (!isNodeType(base, 'Identifier') || this.propertyName(target.property, false) !== 'headers') return undefined;
    const basePath = this.pathOf(base);
    const binding = basePath ? this.bindingOf(basePath) : undefined;
    const fn = parentOf(binding) as AnyPath | null | undefined;
    const slot = binding?.parentPath as AnyPath | null | undefined;
    if (!fn || !FUNCTION_TYPES.has(fn.node.type) || slot?.name !== 'params') return undefined;
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

  private migrateInterceptor(site: AnyPath, removable: AnyPath, interceptor: { fn: AnyPath; use: AnyPath; instance: ASTNode }): void {
    const useStatement = parentOf(interceptor.use);
    if (!useStatement || !isNodeType(useStatement.node, 'ExpressionStatement') || !this.runsOnce(useStatement)) {
      this.leave(site, 'x-token set in an axios request interceptor', 'the interceptor is registered somewhere that may run many times', `attach the helper once: ${this.clientText}.${helperClientMembers.attachToAxios}(instance)`);
      return;
    }
    const instanceText = this.text(interceptor.instance);
    const body = (interceptor.fn.node as ASTNode & { body: ASTNode }).body;
    const statements = isNodeType(body, 'BlockStatement') ? (body.body as ASTNode[]) : [];
    const others = statements.filter((statement) => statement !== removable.node);
    const onlyReturnsConfig = others.length === 1 && isNodeType(others[0], 'ReturnStatement');
    this.needsHelper = true;
    this.retired.push(removable);
    const attach = `${this.clientText}.${helperClientMembers.attachToAxios}(${instanceText})${this.style.semicolon}`;
    if (onlyReturnsConfig) {
      this.retired.push(useStatement);
      this.edits.push({ ...rangeOf(useStatement.node), text: attach });
    } else {
      this.edits.push(removeStatement(this.source, rangeOf(removable.node)));
      const { end } = rangeOf(useStatement.node);
      this.edits.push({ start: end, end, text: `\n${indentationAt(this.source, rangeOf(useStatement.node).start)}${attach}` });
    }
    this.attachedInstances.add(instanceText);
    this.markMigrated(site.node, 'axios', 'x-token set in a request interceptor → OAuth helper attached to the instance');
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

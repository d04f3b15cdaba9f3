/**
 * axios, got and ky adapters, typed structurally so this package depends on none of them: an
 * axios instance, got's `Options`/`Response` or ky's `KyRequest`/`NormalizedOptions`/`KyResponse`
 * satisfy these shapes without an import.
 */

import { baseOf, mayAuthorize, parseAudience, requestUrl } from './audience.js';
import type { ApiBase, Audience } from './audience.js';

/** What the adapters need from a client: a current token, and a way to drop one the API refused. */
export interface TokenSource {
  getAccessToken(): Promise<string>;
  /** Forgets `token` if it is still the cached one (a newer token is kept). */
  discardToken(token: string): void;
  /** Whether this client issued `token` lately: an Authorization carrying it is the helper's own, not the caller's. */
  issued(token: string): boolean;
}

/** Who authorizes requests: a token source, and the audience set on the client (undefined: each adapter's default). */
export interface Authority {
  readonly source: TokenSource;
  readonly audience: readonly ApiBase[] | undefined;
}

/** Asked per request; undefined means "no OAuth client is configured": the request is left as it is. */
export type AuthorityResolver = () => Authority | undefined;

/** Options of `attachToAxios(instance, options)`, `gotHooks(options)` and `kyHooks(options)`. */
export interface AdapterOptions {
  /**
   * The Cloud Automation API base(s) the token is for: a request gets the token only when its
   * final URL is under one of them (same origin, path under the base's path), or on a known
   * Cloud Automation host over https. Default (the option left out): the client's `audience`,
   * else the instance's own `baseURL` (axios) or `prefixUrl` (got, ky), read at each request.
   * Given but `undefined` or `''` (an unset variable): no base, only the known hosts.
   */
  readonly audience?: Audience | undefined;
}

const X_TOKEN = 'x-token';
const AUTHORIZATION = 'authorization';

export function bearer(token: string): string {
  return `Bearer ${token}`;
}

function tokenFromAuthorization(value: unknown): string | undefined {
  const text = Array.isArray(value) ? (value as unknown[])[0] : value;
  return typeof text === 'string' && text.startsWith('Bearer ') ? text.slice('Bearer '.length) : undefined;
}

/**
 * An Authorization the caller set, which the helper must keep: any non-empty value except one
 * carrying a token this client issued (left from an earlier attempt of the same request).
 */
export function isCallersAuthorization(value: unknown, source: TokenSource): boolean {
  if (value === undefined || value === null || value === '' || value === false) return false;
  const token = tokenFromAuthorization(value);
  return token === undefined || !source.issued(token);
}

/**
 * Options of `gotHooks(options)` and `kyHooks(options)`: the audience, and the hooks the request
 * or instance already has, which a `hooks` option written next to them would replace.
 */
export interface HooksOptions<H extends object> extends AdapterOptions {
  /**
   * The caller's own hooks (got's or ky's `hooks` option, such as `options.hooks` where the
   * options are spread into the object that takes the helper's): returned with the helper's
   * joined to them, every event of theirs kept. got gets the helper's after its own:
   * `retryWithMergedOptions` drops the `afterResponse` hooks from the one that calls it onwards,
   * so the caller's, before it, still see the answer to the repeated request; and the helper's
   * `beforeRequest` sees the final URL and an Authorization the caller's hooks set. ky gets the
   * helper's first: ky stops running `beforeRequest` hooks after one returns a Request, which
   * would skip a helper behind it; and it hands the Response the helper's `afterResponse`
   * returns to the hooks after it, so the caller's see the answer to the repeated request.
   */
  readonly hooks?: H | undefined;
}

/** What `gotHooks()`/`kyHooks()` are given when no hooks of the caller's are: nothing to join. */
export interface NoHooks {
  readonly beforeRequest?: undefined;
  readonly afterResponse?: undefined;
}

/** The hooks `H` holds for `event`, never when it holds none. */
type HookOf<H, E extends string> = H extends { readonly [K in E]?: infer L } ? (L extends readonly (infer F)[] ? F : never) : never;

/**
 * `H`, a got or ky `hooks` option, with the helper's hooks `O` joined to its `beforeRequest` and
 * `afterResponse`; just `O` when there are no hooks of the caller's.
 */
export type HooksWith<H, O extends { beforeRequest: unknown[]; afterResponse: unknown[] }> = [H] extends [NoHooks]
  ? [Exclude<keyof H, keyof NoHooks>] extends [never]
    ? O
    : JoinedHooks<H, O>
  : JoinedHooks<H, O>;

type JoinedHooks<H, O extends { beforeRequest: unknown[]; afterResponse: unknown[] }> = Omit<H, 'beforeRequest' | 'afterResponse'> & {
  beforeRequest: (HookOf<H, 'beforeRequest'> | O['beforeRequest'][number])[];
  afterResponse: (HookOf<H, 'afterResponse'> | O['afterResponse'][number])[];
};

/** The caller's hooks of `event`: a list, or none. */
function ownHooks(hooks: object, event: 'beforeRequest' | 'afterResponse', setting: string): readonly unknown[] {
  const list = (hooks as Partial<Record<string, unknown>>)[event];
  if (list === undefined) return [];
  if (!Array.isArray(list)) throw new TypeError(`cloud-automation-oauth: ${setting} hooks.${event} must be an array of hook functions`);
  return list;
}

/**
 * New lists, never the caller's own: an options object reused for many requests would otherwise
 * gather one more set of the helper's hooks with each.
 */
function joinHooks<H extends object, O extends { beforeRequest: unknown[]; afterResponse: unknown[] }>(
  own: H | undefined,
  helper: O,
  helperFirst: boolean,
  setting: string,
): HooksWith<H, O> {
  if (own === undefined || (own as unknown) === null) return helper as HooksWith<H, O>;
  if (typeof own !== 'object') throw new TypeError(`cloud-automation-oauth: ${setting} hooks must be an object of hook lists, such as options.hooks`);
  const join = (event: 'beforeRequest' | 'afterResponse'): unknown[] =>
    helperFirst ? [...helper[event], ...ownHooks(own, event, setting)] : [...ownHooks(own, event, setting), ...helper[event]];
  return { ...own, beforeRequest: join('beforeRequest'), afterResponse: join('afterResponse') } as unknown as HooksWith<H, O>;
}

export function adapterAudience(options: AdapterOptions | undefined, setting: string): readonly ApiBase[] | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw new TypeError(`cloud-automation-oauth: ${setting} options must be an object such as { audience: 'https://<env>.cloudautomation.live.dynatrace.com/api' }`);
  }
  if (!('audience' in options)) return undefined;
  // `{ audience: process.env.KEPTN_API_URL }` with the variable unset, or set to '': no base, as
  // an instance whose prefixUrl is unset has none (only the known Cloud Automation hosts). Not
  // the adapter's default: for got and ky that is each request's prefixUrl, which an instance
  // made by `extend` sets to another host.
  if (options.audience === undefined || options.audience === '') return [];
  return parseAudience(options.audience, `${setting} audience`);
}

function audienceKey(bases: readonly ApiBase[] | undefined): string {
  if (bases === undefined) return '';
  return bases.length === 0 ? '(no base)' : bases.map((base) => `${base.origin}${base.path}`).join(' ');
}

function listOf(base: ApiBase | undefined): readonly ApiBase[] {
  return base === undefined ? [] : [base];
}

// ---------------------------------------------------------------------------------------------
// axios

/** The part of axios' `AxiosHeaders` the adapter uses. */
interface AxiosHeadersLike {
  set(name: string, value: string): unknown;
  get(name: string): unknown;
  delete(name: string): unknown;
}

/** The part of axios' `InternalAxiosRequestConfig` the adapter reads and writes. */
export interface AxiosLikeRequestConfig {
  headers?: unknown;
  data?: unknown;
  readonly url?: unknown;
  readonly baseURL?: unknown;
  readonly allowAbsoluteUrls?: unknown;
  /** Names the section of axios 0.x's unmerged headers that is sent with this request. */
  readonly method?: unknown;
  /** Basic auth: axios turns it into an Authorization of its own, which the helper keeps. */
  readonly auth?: unknown;
}

/** Any axios instance (`axios.create()`, or the default `axios`). */
export interface AxiosLikeInstance {
  interceptors: {
    request: {
      // Generic, so it fits axios' own config type (InternalAxiosRequestConfig) without naming it.
      use(onFulfilled: <C extends AxiosLikeRequestConfig>(config: C) => Promise<C>): number;
      eject(id: number): void;
    };
    response: {
      // Only the rejection handler is used: axios passes responses other than 2xx there. The
      // fulfilment handler is passed as undefined, not null: axios 0.x types it as an optional
      // function (no null), axios 1.x as optional or null; undefined fits both.
      use(onFulfilled: undefined, onRejected: (error: unknown) => unknown): number;
      eject(id: number): void;
    };
  };
  request(config: never): Promise<unknown>;
  /** Read at each request: its `baseURL` is the default audience. */
  readonly defaults?: { readonly baseURL?: unknown } | undefined;
}

interface Attachment {
  readonly owner: object;
  readonly audience: string;
  readonly requestInterceptor: number;
  readonly responseInterceptor: number;
}

/** Which client authenticates which axios instance, so attaching twice adds nothing. */
const axiosAttachments = new WeakMap<object, Attachment>();

/** The token each request config was sent with, when the helper authorized it: only those are retried after a 401. */
const authorizedAxiosConfigs = new WeakMap<object, { readonly source: TokenSource; readonly token: string }>();

/** Marks a config already retried after a 401; a symbol survives axios' mergeConfig. */
const RETRIED = Symbol.for('cloud-automation-oauth.retried-after-401');

function isAxiosHeaders(headers: unknown): headers is AxiosHeadersLike {
  if (typeof headers !== 'object' || headers === null) return false;
  const candidate = headers as Partial<Record<keyof AxiosHeadersLike, unknown>>;
  return typeof candidate.set === 'function' && typeof candidate.delete === 'function' && typeof candidate.get === 'function';
}

/**
 * axios 0.x hands interceptors its headers unmerged: the defaults for every request under
 * `common`, those per method under the method's name, the request's own at the top. It merges
 * them only when sending (the request's own first, then the method's, then `common`), so an
 * `x-token` or an Authorization in a section is sent all the same. axios 1.x merges them into
 * its AxiosHeaders before the interceptors run.
 */
const AXIOS_0_METHOD_SECTIONS = ['delete', 'get', 'head', 'post', 'put', 'patch', 'options'];

function plainHeaders(value: unknown): Record<string, unknown> | undefined {
  return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
}

/** The sections of axios 0.x headers sent with a request of `method`, the one that wins first. */
function axios0Sections(headers: Record<string, unknown>, method: string): Record<string, unknown>[] {
  return [plainHeaders(headers[method]), plainHeaders(headers.common)].filter((section) => section !== undefined);
}

function deleteHeader(headers: Record<string, unknown>, name: string): void {
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === name) Reflect.deleteProperty(headers, key);
  }
}

function plainHeaderValue(headers: Record<string, unknown>, name: string): unknown {
  return Object.entries(headers).find(([key]) => key.toLowerCase() === name)?.[1];
}

/**
 * Removes `x-token` and, when `authorization` is given, sets it (any letter case replaced), on
 * AxiosHeaders or a plain object; from a plain object (axios 0.x) also the `x-token` of its
 * `common` and per-method sections.
 */
function editAxiosHeaders(headers: unknown, authorization: string | undefined): unknown {
  if (isAxiosHeaders(headers)) {
    headers.delete(X_TOKEN);
    if (authorization !== undefined) headers.set('Authorization', authorization);
    return headers;
  }
  const plain = plainHeaders(headers) ?? {};
  deleteHeader(plain, X_TOKEN);
  for (const name of ['common', ...AXIOS_0_METHOD_SECTIONS]) {
    const section = plainHeaders(plain[name]);
    if (section !== undefined) deleteHeader(section, X_TOKEN);
  }
  if (authorization !== undefined) {
    // The request's own header wins axios 0.x's merge over the sections' (which hold none but
    // the caller's, and the helper sets its own only when there is none of the caller's).
    deleteHeader(plain, AUTHORIZATION);
    plain.Authorization = authorization;
  }
  return plain;
}

/** The Authorization the request will be sent with, from AxiosHeaders or axios 0.x's sections. */
function axiosAuthorization(headers: unknown, method: string): unknown {
  if (isAxiosHeaders(headers)) return headers.get(AUTHORIZATION);
  const plain = plainHeaders(headers);
  if (plain === undefined) return undefined;
  for (const section of [plain, ...axios0Sections(plain, method)]) {
    const value = plainHeaderValue(section, AUTHORIZATION);
    if (value !== undefined) return value;
  }
  return undefined;
}

function removeAxiosAuthorization(headers: unknown): void {
  if (isAxiosHeaders(headers)) {
    headers.delete(AUTHORIZATION);
    return;
  }
  const plain = plainHeaders(headers);
  if (plain !== undefined) deleteHeader(plain, AUTHORIZATION);
}

/** axios' own test for an absolute URL (a scheme, or `//` alone). */
const ABSOLUTE_URL = /^(?:[a-z][a-z\d+\-.]*:)?\/\//iu;

/** The URL axios will request, combined from `baseURL` and `url` as axios combines them. */
function axiosRequestUrl(config: AxiosLikeRequestConfig): URL | undefined {
  const url = typeof config.url === 'string' ? config.url : config.url instanceof URL ? config.url.href : '';
  const base = typeof config.baseURL === 'string' ? config.baseURL : '';
  if (base === '' || (ABSOLUTE_URL.test(url) && config.allowAbsoluteUrls !== false)) return requestUrl(url);
  return requestUrl(url === '' ? base : `${base.replace(/\/?\/$/u, '')}/${url.replace(/^\/+/u, '')}`);
}

/** A body axios can send again: not a stream that the first attempt consumed. */
function isReplayableBody(data: unknown): boolean {
  if (typeof data !== 'object' || data === null) return true;
  const candidate = data as { pipe?: unknown; getReader?: unknown; [Symbol.asyncIterator]?: unknown };
  return typeof candidate.pipe !== 'function' && typeof candidate.getReader !== 'function' && candidate[Symbol.asyncIterator] === undefined;
}

interface AxiosLikeError {
  config?: AxiosLikeRequestConfig & { [RETRIED]?: boolean };
  response?: { status?: number };
}

/**
 * `owner` identifies the client (attaching the same one twice adds nothing); `resolve` is asked
 * per request, so an optional client decides per request whether OAuth is configured.
 */
export function attachToAxios<T extends AxiosLikeInstance>(instance: T, resolve: AuthorityResolver, owner: object, options?: AdapterOptions): T {
  if (typeof instance !== 'object' && typeof instance !== 'function') {
    throw new TypeError('cloud-automation-oauth: attachToAxios() needs an axios instance (axios.create() or axios)');
  }
  if (typeof (instance as Partial<AxiosLikeInstance>).interceptors?.request.use !== 'function') {
    throw new TypeError('cloud-automation-oauth: attachToAxios() needs an axios instance: this value has no interceptors.request.use');
  }
  const audience = adapterAudience(options, 'attachToAxios()');
  const previous = axiosAttachments.get(instance);
  if (previous?.owner === owner && previous.audience === audienceKey(audience)) return instance;
  if (previous !== undefined) {
    // Another client (or another audience) authenticated this instance: the newest attachment wins, never both.
    instance.interceptors.request.eject(previous.requestInterceptor);
    instance.interceptors.response.eject(previous.responseInterceptor);
  }

  const requestInterceptor = instance.interceptors.request.use(async <C extends AxiosLikeRequestConfig>(config: C): Promise<C> => {
    const authority = resolve();
    if (authority === undefined) return config;
    // The instance's baseURL is read now, so a later change of it counts; a baseURL given to
    // one request does not widen the audience.
    const bases = audience ?? authority.audience ?? listOf(baseOf(instance.defaults?.baseURL));
    if (!mayAuthorize(axiosRequestUrl(config), bases)) return config;
    const writable: AxiosLikeRequestConfig = config;
    // axios lower-cases the method before the interceptors run; its default is get.
    const method = typeof config.method === 'string' ? config.method.toLowerCase() : 'get';
    if ((config.auth !== undefined && config.auth !== null) || isCallersAuthorization(axiosAuthorization(config.headers, method), authority.source)) {
      writable.headers = editAxiosHeaders(config.headers, undefined);
      return config;
    }
    const token = await authority.source.getAccessToken();
    writable.headers = editAxiosHeaders(config.headers, bearer(token));
    authorizedAxiosConfigs.set(config, { source: authority.source, token });
    return config;
  });

  const responseInterceptor = instance.interceptors.response.use(undefined, async (error: unknown) => {
    const { config, response } = (typeof error === 'object' && error !== null ? error : {}) as AxiosLikeError;
    if (response?.status !== 401 || config === undefined || config[RETRIED] === true || !isReplayableBody(config.data)) {
      throw error;
    }
    // Only a request the helper authorized: the caller's own credential is theirs to renew.
    const sent = authorizedAxiosConfigs.get(config);
    if (sent === undefined) throw error;
    sent.source.discardToken(sent.token);
    config[RETRIED] = true;
    // The request interceptor above sets the fresh token on the repeated request.
    removeAxiosAuthorization(config.headers);
    return instance.request(config as never);
  });

  axiosAttachments.set(instance, { owner, audience: audienceKey(audience), requestInterceptor, responseInterceptor });
  return instance;
}

// ---------------------------------------------------------------------------------------------
// got

/** The part of got's normalized `Options` a `beforeRequest` hook touches. */
export interface GotLikeOptions {
  headers: Record<string, string | string[] | undefined>;
  /** Read to tell whether the request can be sent again (a stream or generator cannot). */
  readonly body?: unknown;
  /** The final URL of the request. */
  readonly url?: unknown;
  /** Read at each request: the default audience. */
  readonly prefixUrl?: unknown;
  /** Basic auth set through got's options: a credential of the caller's, kept. */
  readonly username?: unknown;
  readonly password?: unknown;
}

/** The part of got's `Response` an `afterResponse` hook reads. */
export interface GotLikeResponse {
  statusCode: number;
  request: { options: GotLikeOptions };
}

export interface GotRetryOptions {
  headers: Record<string, string>;
}

/** Hooks for `got.extend({ hooks })` or a single `got(url, { hooks })`. */
export interface OAuthGotHooks {
  beforeRequest: ((options: GotLikeOptions) => Promise<void>)[];
  afterResponse: (<R extends GotLikeResponse>(response: R, retryWithMergedOptions: (options: GotRetryOptions) => never) => Promise<R>)[];
}

function isReplayableGotBody(body: unknown): boolean {
  if (typeof body !== 'object' || body === null) return true;
  const candidate = body as { pipe?: unknown; next?: unknown };
  return typeof candidate.pipe !== 'function' && typeof candidate.next !== 'function';
}

function gotAuthorization(headers: GotLikeOptions['headers']): unknown {
  for (const [name, value] of Object.entries(headers)) if (name.toLowerCase() === AUTHORIZATION) return value;
  return undefined;
}

/** Removes `x-token` and, when `authorization` is given, sets it, in any letter case. */
function editGotHeaders(headers: GotLikeOptions['headers'], authorization: string | undefined): void {
  // got lower-cases header names; any spelling is handled all the same.
  for (const key of Object.keys(headers)) {
    const lower = key.toLowerCase();
    if (lower === X_TOKEN || (authorization !== undefined && lower === AUTHORIZATION)) Reflect.deleteProperty(headers, key);
  }
  if (authorization !== undefined) headers.authorization = authorization;
}

export function gotHooks<H extends object = NoHooks>(resolve: AuthorityResolver, options?: HooksOptions<H>): HooksWith<H, OAuthGotHooks> {
  const audience = adapterAudience(options, 'gotHooks()');
  return joinHooks(options?.hooks, oauthGotHooks(resolve, audience), false, 'gotHooks()');
}

function oauthGotHooks(resolve: AuthorityResolver, audience: readonly ApiBase[] | undefined): OAuthGotHooks {
  return {
    beforeRequest: [
      async (request) => {
        const authority = resolve();
        if (authority === undefined) return;
        const bases = audience ?? authority.audience ?? listOf(baseOf(request.prefixUrl));
        if (!mayAuthorize(requestUrl(request.url), bases)) return;
        const basicAuth = (typeof request.username === 'string' && request.username !== '') || (typeof request.password === 'string' && request.password !== '');
        if (basicAuth || isCallersAuthorization(gotAuthorization(request.headers), authority.source)) {
          editGotHeaders(request.headers, undefined);
          return;
        }
        editGotHeaders(request.headers, bearer(await authority.source.getAccessToken()));
      },
    ],
    afterResponse: [
      async (response, retryWithMergedOptions) => {
        if (response.statusCode !== 401) return response;
        const authority = resolve();
        const refused = tokenFromAuthorization(gotAuthorization(response.request.options.headers));
        // Only a request the helper authorized: the caller's own credential is theirs to renew.
        if (authority === undefined || refused === undefined || !authority.source.issued(refused)) return response;
        authority.source.discardToken(refused);
        // got cannot send a consumed stream again (it would fail with "Cannot retry with consumed
        // body stream") nor a used-up generator (it would send an empty body): the caller gets
        // the 401 as got's HTTPError, and no token is fetched for a retry that cannot happen.
        if (!isReplayableGotBody(response.request.options.body)) return response;
        const fresh = await authority.source.getAccessToken();
        // got drops this hook from the repeated request, so a second 401 is returned as it is.
        return retryWithMergedOptions({ headers: { authorization: bearer(fresh) } });
      },
    ],
  };
}

// ---------------------------------------------------------------------------------------------
// ky

/** The part of a fetch `Headers` the ky hooks read and write. */
export interface KyLikeHeaders {
  get(name: string): string | null;
  set(name: string, value: string): void;
  delete(name: string): void;
}

/** The part of ky's `KyRequest` (a fetch Request) the hooks use. */
export interface KyLikeRequest {
  /** The final URL: ky has already joined `prefixUrl` and `searchParams` into it. */
  readonly url: string;
  readonly headers: KyLikeHeaders;
  readonly bodyUsed: boolean;
  clone(): Request;
}

/**
 * The part of ky's normalized options the hooks read. ky's `NormalizedOptions` type names only
 * `prefixUrl` of these; `fetch` and `timeout` are there at run time (ky 1.x) and read with care.
 */
export interface KyLikeOptions {
  /** Read at each request: the default audience. */
  readonly prefixUrl?: unknown;
  /** ky's `fetch` option (default: the global fetch): the repeated request goes through it too. */
  readonly fetch?: unknown;
  /** ky's per-attempt timeout in milliseconds, or false. */
  readonly timeout?: unknown;
}

/** The part of ky's `KyResponse` an `afterResponse` hook reads. */
export interface KyLikeResponse {
  readonly status: number;
}

/** Hooks for `ky.create({ prefixUrl, hooks })` or a single `ky(url, { hooks })`. */
export interface OAuthKyHooks {
  beforeRequest: ((request: KyLikeRequest, options: KyLikeOptions) => Promise<void>)[];
  afterResponse: ((request: KyLikeRequest, options: KyLikeOptions, response: KyLikeResponse) => Promise<Response | undefined>)[];
}

type KyFetch = (input: Request, init?: Record<string, unknown>) => Promise<Response>;

/**
 * Option names ky 1.14 keeps from the fetch call (core/constants.js): the RequestInit members
 * already applied to its Request, and ky's own options. The rest are fetch-only options such
 * as undici's `dispatcher` (a proxy or TLS setting), which ky passes to fetch beside the Request.
 */
const KY_REQUEST_INIT_KEYS = new Set(['method', 'headers', 'body', 'mode', 'credentials', 'cache', 'redirect', 'referrer', 'referrerPolicy', 'integrity', 'keepalive', 'signal', 'window', 'duplex']);
const KY_OWN_KEYS = new Set(['json', 'parseJson', 'stringifyJson', 'searchParams', 'prefixUrl', 'retry', 'timeout', 'hooks', 'throwHttpErrors', 'onDownloadProgress', 'onUploadProgress', 'fetch', 'context']);
/** Passed to fetch even where the Request carries it (Next.js patches Request with `next`). */
const KY_VENDOR_KEYS = new Set(['next']);

/** The fetch-only options ky passes beside its Request, chosen as ky 1.14's findUnknownOptions chooses them. */
function kyFetchOnlyOptions(request: Request, options: KyLikeOptions): Record<string, unknown> {
  const chosen: Record<string, unknown> = {};
  for (const key of Object.keys(options)) {
    if (KY_REQUEST_INIT_KEYS.has(key) || KY_OWN_KEYS.has(key)) continue;
    if (!(key in request) || KY_VENDOR_KEYS.has(key)) chosen[key] = Reflect.get(options, key) as unknown;
  }
  return chosen;
}

/**
 * Shaped as ky's TimeoutError (name, message, `request`): ky's `isTimeoutError()` and its retry
 * logic know one by its name, so a timeout of the repeated request counts as ky's own would.
 */
function kyTimeoutError(request: Request): Error {
  return Object.assign(new Error(`Request timed out: ${request.method} ${request.url}`), { name: 'TimeoutError', request });
}

/**
 * Sends `request` once more as ky would send an attempt: through ky's `fetch` option, with the
 * fetch-only options ky passes beside the Request, under ky's per-attempt `timeout`, and
 * aborted with the caller's signal (ky's request signal, which the clone follows).
 */
async function resendKyRequest(request: KyLikeRequest, options: KyLikeOptions): Promise<Response> {
  const send: KyFetch = typeof options.fetch === 'function' ? (options.fetch as KyFetch) : globalThis.fetch;
  // A clone: ky keeps `request` (and its unread body) for its own retries after this one.
  const copy = request.clone();
  const init = kyFetchOnlyOptions(copy, options);
  const controller = new AbortController();
  const follow = (): void => {
    controller.abort(copy.signal.reason);
  };
  // By hand rather than AbortSignal.any(), which Node 18 lacks.
  if (copy.signal.aborted) follow();
  else copy.signal.addEventListener('abort', follow, { once: true });
  const attempt = new Request(copy, { signal: controller.signal });
  const timeoutMs = typeof options.timeout === 'number' ? options.timeout : undefined;
  let timer: ReturnType<typeof setTimeout> | undefined;
  try {
    if (timeoutMs === undefined) return await send(attempt, init);
    return await new Promise<Response>((resolve, reject) => {
      timer = setTimeout(() => {
        const error = kyTimeoutError(attempt);
        controller.abort(error);
        reject(error);
      }, timeoutMs);
      send(attempt, init).then(resolve, reject);
    });
  } finally {
    clearTimeout(timer);
    copy.signal.removeEventListener('abort', follow);
  }
}

export function kyHooks<H extends object = NoHooks>(resolve: AuthorityResolver, options?: HooksOptions<H>): HooksWith<H, OAuthKyHooks> {
  const audience = adapterAudience(options, 'kyHooks()');
  return joinHooks(options?.hooks, oauthKyHooks(resolve, audience), true, 'kyHooks()');
}

function oauthKyHooks(resolve: AuthorityResolver, audience: readonly ApiBase[] | undefined): OAuthKyHooks {
  return {
    beforeRequest: [
      async (request, kyOptions) => {
        const authority = resolve();
        if (authority === undefined) return;
        const bases = audience ?? authority.audience ?? listOf(baseOf(kyOptions.prefixUrl));
        if (!mayAuthorize(requestUrl(request.url), bases)) return;
        // Headers are case-insensitive: these remove and replace any spelling.
        if (isCallersAuthorization(request.headers.get(AUTHORIZATION), authority.source)) {
          request.headers.delete(X_TOKEN);
          return;
        }
        const token = await authority.source.getAccessToken();
        request.headers.delete(X_TOKEN);
        request.headers.set(AUTHORIZATION, bearer(token));
      },
    ],
    afterResponse: [
      async (request, kyOptions, response) => {
        if (response.status !== 401) return undefined;
        const authority = resolve();
        // ky hands this hook a clone of the request as sent, so it carries the Authorization the
        // beforeRequest hook set.
        const refused = tokenFromAuthorization(request.headers.get(AUTHORIZATION));
        // Only a request the helper authorized: the caller's own credential is theirs to renew.
        if (authority === undefined || refused === undefined || !authority.source.issued(refused)) return undefined;
        authority.source.discardToken(refused);
        // ky's clone keeps the body unread; only an afterResponse hook before this one can have
        // read it, and then there is nothing left to send.
        if (request.bodyUsed) return undefined;
        const fresh = await authority.source.getAccessToken();
        // Set on ky's request too: should ky retry later (a 5xx to this attempt), beforeRequest
        // sees the helper's own token there and puts the current one in its place.
        request.headers.set(AUTHORIZATION, bearer(fresh));
        // Sent here and the Response returned, rather than through ky.retry(): that needs ky's
        // own marker class, which a zero-dependency package cannot import, and it would count
        // against the caller's retry.limit (retry: 0 would forbid it). ky takes a returned
        // Response as the answer (Ky.js, afterResponse loop): later afterResponse hooks,
        // throwHttpErrors with beforeError hooks, onDownloadProgress and .json() apply to it,
        // and a 5xx to it is retried by ky as usual. A second 401 is returned as it is, since
        // this hook does not run on its own resend. Not carried over: beforeRequest and
        // beforeRetry hooks are not run again (what earlier beforeRequest hooks set on the
        // request is in this clone already), and onUploadProgress does not see the body again.
        return resendKyRequest(request, kyOptions);
      },
    ],
  };
}

/**
 * axios and got adapters, typed structurally so this package depends on neither: an axios
 * instance or got's `Options`/`Response` satisfy these shapes without an import.
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

/** Options of `attachToAxios(instance, options)` and `gotHooks(options)`. */
export interface AdapterOptions {
  /**
   * The Cloud Automation API base(s) the token is for: a request gets the token only when its
   * final URL is under one of them (same origin, path under the base's path), or on a known
   * Cloud Automation host over https. Default: the client's `audience`, else the instance's own
   * `baseURL` (axios) or `prefixUrl` (got), read at each request.
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

function adapterAudience(options: AdapterOptions | undefined, setting: string): readonly ApiBase[] | undefined {
  if (options === undefined) return undefined;
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw new TypeError(`cloud-automation-oauth: ${setting} options must be an object such as { audience: 'https://<env>.cloudautomation.live.dynatrace.com/api' }`);
  }
  return options.audience === undefined ? undefined : parseAudience(options.audience, `${setting} audience`);
}

function audienceKey(bases: readonly ApiBase[] | undefined): string {
  return bases === undefined ? '' : bases.map((base) => `${base.origin}${base.path}`).join(' ');
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
      // Only the rejection handler is used: axios passes responses other than 2xx there.
      use(onFulfilled: null, onRejected: (error: unknown) => unknown): number;
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

/** Removes `x-token` and, when `authorization` is given, sets it (any letter case replaced), on AxiosHeaders or a plain object. */
function editAxiosHeaders(headers: unknown, authorization: string | undefined): unknown {
  if (isAxiosHeaders(headers)) {
    headers.delete(X_TOKEN);
    if (authorization !== undefined) headers.set('Authorization', authorization);
    return headers;
  }
  const plain: Record<string, unknown> = typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {};
  for (const key of Object.keys(plain)) {
    const lower = key.toLowerCase();
    if (lower === X_TOKEN || (authorization !== undefined && lower === AUTHORIZATION)) Reflect.deleteProperty(plain, key);
  }
  if (authorization !== undefined) plain.Authorization = authorization;
  return plain;
}

function axiosAuthorization(headers: unknown): unknown {
  if (isAxiosHeaders(headers)) return headers.get(AUTHORIZATION);
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === AUTHORIZATION);
  return entry?.[1];
}

function removeAxiosAuthorization(headers: unknown): void {
  if (isAxiosHeaders(headers)) {
    headers.delete(AUTHORIZATION);
    return;
  }
  if (typeof headers !== 'object' || headers === null) return;
  for (const key of Object.keys(headers)) {
    if (key.toLowerCase() === AUTHORIZATION) Reflect.deleteProperty(headers, key);
  }
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
    if ((config.auth !== undefined && config.auth !== null) || isCallersAuthorization(axiosAuthorization(config.headers), authority.source)) {
      writable.headers = editAxiosHeaders(config.headers, undefined);
      return config;
    }
    const token = await authority.source.getAccessToken();
    writable.headers = editAxiosHeaders(config.headers, bearer(token));
    authorizedAxiosConfigs.set(config, { source: authority.source, token });
    return config;
  });

  const responseInterceptor = instance.interceptors.response.use(null, async (error: unknown) => {
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

export function gotHooks(resolve: AuthorityResolver, options?: AdapterOptions): OAuthGotHooks {
  const audience = adapterAudience(options, 'gotHooks()');
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

/**
 * axios and got adapters, typed structurally so this package depends on neither: an axios
 * instance or got's `Options`/`Response` satisfy these shapes without an import.
 */

/** What the adapters need from a client: a current token, and a way to drop one the API refused. */
export interface TokenSource {
  getAccessToken(): Promise<string>;
  /** Forgets `token` if it is still the cached one (a newer token is kept). */
  discardToken(token: string): void;
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
}

interface Attachment {
  readonly owner: TokenSource;
  readonly requestInterceptor: number;
  readonly responseInterceptor: number;
}

/** Which client authenticates which axios instance, so attaching twice adds nothing. */
const axiosAttachments = new WeakMap<object, Attachment>();

/** Marks a config already retried after a 401; a symbol survives axios' mergeConfig. */
const RETRIED = Symbol.for('cloud-automation-oauth.retried-after-401');

function isAxiosHeaders(headers: unknown): headers is AxiosHeadersLike {
  if (typeof headers !== 'object' || headers === null) return false;
  const candidate = headers as Partial<Record<keyof AxiosHeadersLike, unknown>>;
  return typeof candidate.set === 'function' && typeof candidate.delete === 'function' && typeof candidate.get === 'function';
}

/** Sets `Authorization` and removes `x-token` (any letter case) on AxiosHeaders or a plain object. */
function authorizeAxiosHeaders(headers: unknown, value: string): unknown {
  if (isAxiosHeaders(headers)) {
    headers.delete(X_TOKEN);
    headers.set('Authorization', value);
    return headers;
  }
  const plain: Record<string, unknown> = typeof headers === 'object' && headers !== null ? (headers as Record<string, unknown>) : {};
  for (const key of Object.keys(plain)) {
    const lower = key.toLowerCase();
    if (lower === X_TOKEN || lower === AUTHORIZATION) Reflect.deleteProperty(plain, key);
  }
  plain.Authorization = value;
  return plain;
}

function axiosAuthorization(headers: unknown): unknown {
  if (isAxiosHeaders(headers)) return headers.get(AUTHORIZATION);
  if (typeof headers !== 'object' || headers === null) return undefined;
  const entry = Object.entries(headers).find(([key]) => key.toLowerCase() === AUTHORIZATION);
  return entry?.[1];
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

export function attachToAxios<T extends AxiosLikeInstance>(instance: T, source: TokenSource): T {
  if (typeof instance !== 'object' && typeof instance !== 'function') {
    throw new TypeError('cloud-automation-oauth: attachToAxios() needs an axios instance (axios.create() or axios)');
  }
  if (typeof (instance as Partial<AxiosLikeInstance>).interceptors?.request.use !== 'function') {
    throw new TypeError('cloud-automation-oauth: attachToAxios() needs an axios instance: this value has no interceptors.request.use');
  }
  const previous = axiosAttachments.get(instance);
  if (previous?.owner === source) return instance;
  if (previous !== undefined) {
    // Another client authenticated this instance: the newest attachment wins, never both.
    instance.interceptors.request.eject(previous.requestInterceptor);
    instance.interceptors.response.eject(previous.responseInterceptor);
  }

  const requestInterceptor = instance.interceptors.request.use(async <C extends AxiosLikeRequestConfig>(config: C): Promise<C> => {
    const token = await source.getAccessToken();
    const writable: AxiosLikeRequestConfig = config;
    writable.headers = authorizeAxiosHeaders(config.headers, bearer(token));
    return config;
  });

  const responseInterceptor = instance.interceptors.response.use(null, async (error: unknown) => {
    const { config, response } = (typeof error === 'object' && error !== null ? error : {}) as AxiosLikeError;
    if (response?.status !== 401 || config === undefined || config[RETRIED] === true || !isReplayableBody(config.data)) {
      throw error;
    }
    const refused = tokenFromAuthorization(axiosAuthorization(config.headers));
    if (refused === undefined) throw error;
    source.discardToken(refused);
    config[RETRIED] = true;
    // The request interceptor above sets the fresh token on the repeated request.
    return instance.request(config as never);
  });

  axiosAttachments.set(instance, { owner: source, requestInterceptor, responseInterceptor });
  return instance;
}

// ---------------------------------------------------------------------------------------------
// got

/** The part of got's normalized `Options` a `beforeRequest` hook touches. */
export interface GotLikeOptions {
  headers: Record<string, string | string[] | undefined>;
  /** Read to tell whether the request can be sent again (a stream or generator cannot). */
  readonly body?: unknown;
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

export function gotHooks(source: TokenSource): OAuthGotHooks {
  return {
    beforeRequest: [
      async (options) => {
        const token = await source.getAccessToken();
        // got lower-cases header names; any spelling is removed all the same.
        for (const key of Object.keys(options.headers)) {
          const lower = key.toLowerCase();
          if (lower === X_TOKEN || lower === AUTHORIZATION) Reflect.deleteProperty(options.headers, key);
        }
        options.headers.authorization = bearer(token);
      },
    ],
    afterResponse: [
      async (response, retryWithMergedOptions) => {
        if (response.statusCode !== 401) return response;
        const refused = tokenFromAuthorization(response.request.options.headers.authorization);
        if (refused === undefined) return response;
        source.discardToken(refused);
        // got cannot send a consumed stream again (it would fail with "Cannot retry with consumed
        // body stream") nor a used-up generator (it would send an empty body): the caller gets
        // the 401 as got's HTTPError, and no token is fetched for a retry that cannot happen.
        if (!isReplayableGotBody(response.request.options.body)) return response;
        const fresh = await source.getAccessToken();
        // got drops this hook from the repeated request, so a second 401 is returned as it is.
        return retryWithMergedOptions({ headers: { authorization: bearer(fresh) } });
      },
    ],
  };
}

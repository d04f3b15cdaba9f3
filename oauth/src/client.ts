import { adapterAudience, attachToAxios, bearer, gotHooks, isCallersAuthorization, kyHooks } from './adapters.js';
import type { AdapterOptions, Authority, AxiosLikeInstance, HooksOptions, HooksWith, NoHooks, OAuthGotHooks, OAuthKyHooks, TokenSource } from './adapters.js';
import { mayAuthorize, parseAudience, requestUrl } from './audience.js';
import type { ApiBase, Audience } from './audience.js';
import { OPTION_NAMES, validateCredentials, validateTuning } from './config.js';
import type { RawCredentials, SettingNames, TuningOptions } from './config.js';
import { OAuthTokenError } from './errors.js';
import type { OAuthTokenErrorCode, OAuthTokenErrorDetails } from './errors.js';
import { scrubber } from './redact.js';

export interface OAuthClientOptions extends TuningOptions {
  /** OAuth client id from Dynatrace Account Management (`dt0s02.…`). */
  readonly clientId: string;
  /** Its secret. Never logged, never in an error message. */
  readonly clientSecret: string;
  /** `urn:dtaccount:<account uuid>`: the `resource` of the token request. */
  readonly accountUrn: string;
  /**
   * Scopes to request: an array or a space/comma-separated string, with or without the
   * `cloudautomation:` prefix. Default: Dynatrace's "typical integration" set; prefer the
   * exact list `eslint-plugin-cloud-automation migrate` prints.
   */
  readonly scopes?: readonly string[] | string | undefined;
  /** Default `https://sso.dynatrace.com/sso/oauth2/token`. Must be https (plain http only on loopback). */
  readonly tokenUrl?: string | undefined;
  /**
   * The Cloud Automation API base(s) this client's token is for (`https://<env>.cloudautomation.live.dynatrace.com/api`):
   * the adapters authorize a request only when its final URL is under one of them, or on a known
   * Cloud Automation host over https. Default: per adapter, the axios instance's `baseURL`, got's
   * or ky's `prefixUrl`, or the URL `client.fetch` is called with. An adapter's own `audience` wins over this.
   */
  readonly audience?: Audience | undefined;
  /** The fetch used for token requests and by `client.fetch`. Default: the global fetch, looked up per call. */
  readonly fetch?: FetchFunction | undefined;
  /** Refuse (instead of warn about) a client id or secret that does not look like Dynatrace's. Default false. */
  readonly strictCredentialShapes?: boolean | undefined;
  /** Receives warnings (never containing secrets). Default: `process.emitWarning`. */
  readonly onWarning?: ((message: string) => void) | undefined;
  /** Clock in milliseconds, for tests. Default `Date.now`. */
  readonly now?: (() => number) | undefined;
  /** Source of jitter in [0, 1), for tests. Default `Math.random`. */
  readonly random?: (() => number) | undefined;
}

export type FetchInput = string | URL | Request;
/** A fetch function: the global `fetch`, or one with the same signature. */
export type FetchFunction = (input: FetchInput, init?: RequestInit) => Promise<Response>;

/**
 * Every function member is a property, not a method: each works detached from the client
 * (`const { fetch } = client`, `someLibrary({ fetch: client.fetch })`).
 */
export interface OAuthClient {
  readonly clientId: string;
  readonly accountUrn: string;
  readonly scopes: readonly string[];
  readonly tokenUrl: string;
  /**
   * The current access token: cached until `expires_in` minus the refresh skew, then fetched
   * anew. If that refresh fails while the old token has more than half the skew left, the old
   * token is returned (with a warning) instead of the error.
   */
  readonly getAccessToken: () => Promise<string>;
  /** `Bearer <token>`, for headers built by hand. */
  readonly authorizationHeader: () => Promise<string>;
  /**
   * Sets `Authorization: Bearer <token>` in `headers` unless they already carry a non-empty
   * Authorization in any letter case, which is the caller's and is kept (the token is then not
   * even fetched); any `x-token` is removed either way. `headers` is a plain record or a Headers
   * object (the global one, node-fetch's, axios' `AxiosHeaders`: anything with case-insensitive
   * `get`/`set`/`delete`), changed in place and returned. For headers copied from a caller and
   * then sent: `const headers = { ...extraHeaders }; await client.addAuthorization(headers);`.
   */
  readonly addAuthorization: <H extends object>(headers: H) => Promise<H>;
  /**
   * fetch with `Authorization: Bearer …`, any `x-token` removed, and one retry with a fresh token
   * after a 401. The URL it is called with is the audience, unless `options.audience` or the
   * client's `audience` names one (`client.fetch(base + path, init, { audience: process.env.KEPTN_API_URL })`
   * for a function that also fetches other services): a request outside it is sent untouched.
   * An Authorization the caller set is kept.
   */
  readonly fetch: (input: FetchInput, init?: RequestInit, options?: AdapterOptions) => Promise<Response>;
  /**
   * Authenticates the requests of an axios instance that go to its `baseURL` (or `options.audience`)
   * and to Cloud Automation hosts; returns the instance. Attaching twice adds nothing.
   */
  readonly attachToAxios: <T extends AxiosLikeInstance>(instance: T, options?: AdapterOptions) => T;
  /**
   * Hooks for `got.extend({ prefixUrl, hooks: client.gotHooks() })`; they authenticate requests
   * under `prefixUrl` (or `options.audience`) and to Cloud Automation hosts. With
   * `options.hooks` (`{ ...options, hooks: client.gotHooks({ hooks: options.hooks }) }`) the
   * caller's own hooks come back with them, the helper's after the caller's.
   */
  readonly gotHooks: <H extends object = NoHooks>(options?: HooksOptions<H>) => HooksWith<H, OAuthGotHooks>;
  /**
   * Hooks for `ky.create({ prefixUrl, hooks: client.kyHooks() })`, or a single
   * `ky(url, { hooks: client.kyHooks({ audience }) })`: they authenticate requests under
   * `prefixUrl` (or `options.audience`) and to Cloud Automation hosts, remove `x-token`, keep an
   * Authorization the caller set, and send a request refused with 401 once more with a fresh token.
   * With `options.hooks` the caller's own hooks come back with them, the helper's first.
   */
  readonly kyHooks: <H extends object = NoHooks>(options?: HooksOptions<H>) => HooksWith<H, OAuthKyHooks>;
  /** Forgets the cached token; the next call fetches a new one. */
  readonly invalidate: () => void;
}

interface CachedToken {
  readonly token: string;
  /** From here on a new token is fetched (expiry minus the skew). */
  readonly refreshAt: number;
  /** If that refresh fails, this token still serves until here (expiry minus half the skew). */
  readonly usableUntil: number;
  readonly expiresAt: number;
}

type AttemptResult =
  /** `lifetimeMs` is undefined when SSO did not say (no usable `expires_in`). */
  | { readonly ok: true; readonly token: string; readonly lifetimeMs: number | undefined }
  | {
      readonly ok: false;
      readonly retryable: boolean;
      readonly retryAfterMs?: number | undefined;
      readonly details: Omit<OAuthTokenErrorDetails, 'attempts' | 'tokenUrl'>;
    };

/**
 * How long a token is used when SSO omits `expires_in`: short, so a token that dies sooner than
 * expected cannot fail requests for long (a 401 is retried with a new token anyway).
 */
const UNKNOWN_LIFETIME_USE_MS = 60_000;
/** What an access token may hold to be sent as `Bearer <token>`: visible ASCII, nothing else. */
const HEADER_SAFE_TOKEN = /^[\x21-\x7e]+$/u;
const MAX_SSO_TEXT = 500;
/** Tokens remembered as this client's own; a request retried with an older one than these gets a new one anyway after its 401. */
const RECENT_TOKENS = 8;
const inspectSymbol = Symbol.for('nodejs.util.inspect.custom');

export function createOAuthClient(options: OAuthClientOptions): OAuthClient {
  if (typeof options !== 'object' || (options as unknown) === null) {
    throw new TypeError('cloud-automation-oauth: createOAuthClient(options) needs an options object');
  }
  return buildClient(options, OPTION_NAMES);
}

/** Shared by `createOAuthClient` and `oauthClientFromEnv`, which report settings under env var names. */
export function buildClient(options: Omit<OAuthClientOptions, keyof RawCredentials> & RawCredentials, names: SettingNames): OAuthClient {
  const credentials = validateCredentials(options, names, options.strictCredentialShapes === true);
  const tuning = validateTuning(options);
  for (const name of ['fetch', 'onWarning', 'now', 'random'] as const) {
    if (options[name] !== undefined && typeof options[name] !== 'function') {
      throw new TypeError(`cloud-automation-oauth: ${name} must be a function`);
    }
  }
  // Given but unset (`audience: process.env.KEPTN_API_URL` without the variable) or '': no base,
  // only the known Cloud Automation hosts, as for the adapters' option; never every URL.
  const audience: readonly ApiBase[] | undefined = !('audience' in options) ? undefined : options.audience === undefined || options.audience === '' ? [] : parseAudience(options.audience, 'audience');
  const { clientId, clientSecret, accountUrn, scopes, tokenUrl } = credentials;
  const now = options.now ?? Date.now;
  const random = options.random ?? Math.random;
  const fetchImpl = (): FetchFunction => options.fetch ?? globalThis.fetch;
  const warn = (message: string, code: WarningCode): void => {
    if (options.onWarning) options.onWarning(message);
    else globalThis.process.emitWarning(message, { type: 'CloudAutomationOAuthWarning', code });
  };
  for (const warning of credentials.warnings) warn(warning, 'CLOUD_AUTOMATION_OAUTH_CREDENTIAL_SHAPE');

  const form = new URLSearchParams({
    grant_type: 'client_credentials',
    client_id: clientId,
    client_secret: clientSecret,
    scope: scopes.join(' '),
    resource: accountUrn,
  }).toString();

  let cached: CachedToken | undefined;
  /** The last tokens issued, to tell the helper's own Authorization (from an earlier attempt) from the caller's. */
  const recentTokens: string[] = [];
  let inflight: Promise<string> | undefined;
  let lastRefreshError: unknown;

  /** SSO text goes into error messages: it must not carry the secret back out, in any encoding. */
  const scrub = scrubber([clientSecret], MAX_SSO_TEXT);

  /** Where a redirect pointed, for the error: origin and path only (a query may echo the form), scrubbed. */
  function redirectTarget(location: string | null): string {
    if (location === null) return '?';
    let target: URL;
    try {
      target = new URL(location, tokenUrl);
    } catch {
      return scrub(location);
    }
    const dropped = target.search !== '' || target.hash !== '' ? ' (query not shown)' : '';
    return `${scrub(`${target.origin}${target.pathname}`)}${dropped}`;
  }

  async function attempt(): Promise<AttemptResult> {
    const controller = new AbortController();
    const timer = setTimeout(() => {
      controller.abort();
    }, tuning.timeoutMs);
    try {
      const response = await fetchImpl()(tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: form,
        signal: controller.signal,
        // A redirect would carry the secret to wherever it points.
        redirect: 'manual',
      });
      const text = await response.text();
      return interpretResponse(response.status, response.headers, text);
    } catch (error) {
      const code: OAuthTokenErrorCode = controller.signal.aborted ? 'CLOUD_AUTOMATION_OAUTH_TIMEOUT' : 'CLOUD_AUTOMATION_OAUTH_NETWORK';
      return { ok: false, retryable: true, details: { code, cause: error } };
    } finally {
      clearTimeout(timer);
    }
  }

  function interpretResponse(status: number, headers: Headers, text: string): AttemptResult {
    let body: unknown;
    try {
      body = JSON.parse(text);
    } catch {
      body = undefined;
    }
    const fields = typeof body === 'object' && body !== null ? (body as Record<string, unknown>) : {};
    const textField = (name: string): string | undefined => {
      const value = fields[name];
      return typeof value === 'string' ? scrub(value) : typeof value === 'number' ? String(value) : undefined;
    };

    if (status < 200 || status >= 300) {
      const errorCode = fields.errorCode;
      return {
        ok: false,
        retryable: status >= 500 || status === 429 || status === 408,
        retryAfterMs: retryAfter(headers.get('retry-after')),
        details: {
          code: 'CLOUD_AUTOMATION_OAUTH_REJECTED',
          status,
          error: textField('error'),
          error_description: textField('error_description'),
          errorCode: typeof errorCode === 'number' ? errorCode : textField('errorCode'),
          ssoMessage:
            textField('message') ??
            (status >= 300 && status < 400 ? `redirected to ${redirectTarget(headers.get('location'))}; use the final token URL` : undefined) ??
            (body === undefined && text.trim() !== '' ? scrub(text.trim()) : undefined),
          issueId: textField('issueId'),
        },
      };
    }

    const badResponse = (why: string): AttemptResult => ({
      ok: false,
      retryable: false,
      details: { code: 'CLOUD_AUTOMATION_OAUTH_BAD_RESPONSE', status, ssoMessage: why },
    });
    if (body === undefined) return badResponse(`SSO answered HTTP ${status} with a body that is not JSON`);
    const accessToken = fields.access_token;
    if (typeof accessToken !== 'string' || accessToken === '') return badResponse(`SSO answered HTTP ${status} without an access_token`);
    // Checked here, before the token is cached, so it never reaches a header (where CR/LF would
    // split the request, and fetch would throw a TypeError quoting it).
    if (!HEADER_SAFE_TOKEN.test(accessToken)) {
      return badResponse(
        `SSO answered HTTP ${status} with an access_token of ${accessToken.length} characters that cannot be sent in an HTTP header (it holds a control character, white space or a non-ASCII character); the token is not shown`,
      );
    }
    const tokenType = fields.token_type;
    if (tokenType !== undefined && (typeof tokenType !== 'string' || tokenType.toLowerCase() !== 'bearer')) {
      return badResponse(`SSO issued a token of type ${JSON.stringify(typeof tokenType === 'string' ? scrub(tokenType.slice(0, 40)) : tokenType)}, not Bearer`);
    }
    const expiresIn = Number(fields.expires_in);
    const known = fields.expires_in !== undefined && Number.isFinite(expiresIn) && expiresIn > 0;
    return { ok: true, token: accessToken, lifetimeMs: known ? expiresIn * 1000 : undefined };
  }

  async function requestToken(): Promise<string> {
    for (let attempts = 1; ; attempts++) {
      const sentAt = now();
      const result = await attempt();
      if (result.ok) {
        recentTokens.push(result.token);
        if (recentTokens.length > RECENT_TOKENS) recentTokens.shift();
        if (result.lifetimeMs === undefined) {
          // The expiry is unknown, so replacing the token early would protect nothing: it is used
          // for exactly UNKNOWN_LIFETIME_USE_MS, and not past it if the refresh then fails.
          const until = sentAt + UNKNOWN_LIFETIME_USE_MS;
          cached = { token: result.token, refreshAt: until, usableUntil: until, expiresAt: until };
          return result.token;
        }
        // Counted from when the request left, so the cached expiry is never later than SSO's.
        const skew = Math.min(tuning.refreshSkewMs, result.lifetimeMs / 2);
        const expiresAt = sentAt + result.lifetimeMs;
        cached = { token: result.token, refreshAt: expiresAt - skew, usableUntil: expiresAt - skew / 2, expiresAt };
        return result.token;
      }
      if (!result.retryable || attempts > tuning.retries) {
        throw new OAuthTokenError({ ...result.details, attempts, tokenUrl });
      }
      await sleep(backoffMs(attempts, result.retryAfterMs));
    }
  }

  /** Exponential, capped, with equal jitter: half fixed, half random, so retries of many processes spread out. */
  function backoffMs(attempts: number, retryAfterMs: number | undefined): number {
    const ceiling = Math.min(tuning.maxRetryDelayMs, tuning.retryDelayMs * 2 ** (attempts - 1));
    const jittered = ceiling / 2 + (random() * ceiling) / 2;
    return retryAfterMs === undefined ? jittered : Math.max(jittered, Math.min(retryAfterMs, tuning.maxRetryDelayMs));
  }

  function retryAfter(header: string | null): number | undefined {
    if (header === null) return undefined;
    const seconds = Number(header);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(header);
    return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
  }

  function getAccessToken(): Promise<string> {
    if (cached !== undefined && now() < cached.refreshAt) return Promise.resolve(cached.token);
    // One request for every concurrent caller; a failure is shared by them and not cached.
    inflight ??= requestToken().finally(() => {
      inflight = undefined;
    });
    const current = cached;
    if (current === undefined) return inflight;
    // An SSO hiccup during the refresh window must not stop an integration whose token still works.
    return inflight.catch((error: unknown) => {
      if (cached !== current || now() >= current.usableUntil) throw error;
      if (error !== lastRefreshError) {
        // Once per failed refresh, not once per waiting caller.
        lastRefreshError = error;
        const left = Math.round((current.expiresAt - now()) / 1000);
        const reason = error instanceof Error ? ` ${error.message}` : '';
        warn(`cloud-automation-oauth: refreshing the access token failed; using the current one (expires in ${left} s).${reason}`, 'CLOUD_AUTOMATION_OAUTH_REFRESH_FAILED');
      }
      return current.token;
    });
  }

  const source: TokenSource = {
    getAccessToken,
    discardToken(token) {
      if (cached?.token === token) cached = undefined;
    },
    issued: (token) => recentTokens.includes(token),
  };
  const authority: Authority = { source, audience };
  const resolveAuthority = (): Authority => authority;

  const summary = (): Record<string, unknown> => ({
    clientId,
    clientSecret: '[redacted]',
    accountUrn,
    scopes,
    tokenUrl,
    tokenCached: cached !== undefined && now() < cached.expiresAt,
  });

  const client: OAuthClient & { toJSON(): Record<string, unknown> } = {
    clientId,
    accountUrn,
    scopes,
    tokenUrl,
    getAccessToken,
    authorizationHeader: async () => bearer(await getAccessToken()),
    addAuthorization: headersAuthorizer(source),
    fetch: authorizedFetch(source, audience, fetchImpl),
    attachToAxios: (instance, adapterOptions) => attachToAxios(instance, resolveAuthority, source, adapterOptions),
    gotHooks: (adapterOptions) => gotHooks(resolveAuthority, adapterOptions),
    kyHooks: (adapterOptions) => kyHooks(resolveAuthority, adapterOptions),
    invalidate: () => {
      cached = undefined;
    },
    toJSON: summary,
  };
  Object.defineProperty(client, inspectSymbol, {
    value: (_depth: number, inspectOptions: unknown, inspect: (value: unknown, options: unknown) => string) =>
      `OAuthClient ${inspect(summary(), inspectOptions)}`,
  });
  Object.defineProperty(client, Symbol.toStringTag, { value: 'OAuthClient' });
  const frozen = Object.freeze(client);
  authorities.set(frozen, authority);
  return frozen;
}

/**
 * `client.fetch`: fetch with the token of `source` on requests under `audience` (undefined: the
 * URL it is called with), any `x-token` removed, the caller's own Authorization kept, and one
 * retry after a 401. The token is asked for only when a request needs one.
 */
function authorizedFetch(source: TokenSource, clientAudience: readonly ApiBase[] | undefined, fetchImpl: () => FetchFunction): OAuthClient['fetch'] {
  return async (input: FetchInput, init?: RequestInit, options?: AdapterOptions): Promise<Response> => {
    const request = input instanceof Request ? input : undefined;
    const callerHeaders = init?.headers ?? request?.headers;
    const audience = adapterAudience(options, 'client.fetch()') ?? clientAudience;
    // Without an audience, the URL named here is where the token is meant to go.
    const allowed = audience === undefined || mayAuthorize(requestUrl(request?.url ?? input), audience);
    if (!allowed) return fetchImpl()(input, init);
    if (isCallersAuthorization(fetchAuthorization(callerHeaders), source)) {
      return fetchImpl()(input, { ...init, headers: editFetchHeaders(callerHeaders, undefined) });
    }
    // init.body, when given, replaces a Request's body (fetch semantics).
    const replayable = init?.body !== undefined ? isReplayableFetchBody(init.body) : request === undefined || request.body === null;
    // A Request with a body can be sent once; keep a copy for the retry after a 401.
    const spare = request !== undefined && request.body !== null && init?.body === undefined ? request.clone() : undefined;

    const send = async (token: string, target: FetchInput): Promise<Response> => {
      const headers = editFetchHeaders(init?.headers ?? (target instanceof Request ? target.headers : undefined), bearer(token));
      return fetchImpl()(target, { ...init, headers });
    };

    const token = await source.getAccessToken();
    const response = await send(token, input);
    if (response.status !== 401 || !(replayable || spare !== undefined)) {
      // The copy kept for a retry is not needed: release its half of the body.
      await spare?.body?.cancel().catch(() => undefined);
      return response;
    }
    // Frees the connection; the body of a refused request is of no use.
    await response.body?.cancel().catch(() => undefined);
    source.discardToken(token);
    return send(await source.getAccessToken(), spare ?? input);
  };
}

/** A Headers object of any implementation, or axios' `AxiosHeaders`: names are matched in any letter case. */
interface MutableHeaders {
  get(name: string): unknown;
  set(name: string, value: string): unknown;
  delete(name: string): unknown;
}

function isMutableHeaders(headers: object): headers is MutableHeaders {
  const candidate = headers as Partial<Record<keyof MutableHeaders, unknown>>;
  return typeof candidate.get === 'function' && typeof candidate.set === 'function' && typeof candidate.delete === 'function';
}

/** An empty list sends no header at all (node's `http`), so it is no Authorization of the caller's either. */
function isCallersHeaderValue(value: unknown, source: TokenSource): boolean {
  return !(Array.isArray(value) && value.length === 0) && isCallersAuthorization(value, source);
}

/**
 * `client.addAuthorization(headers)`: see {@link OAuthClient.addAuthorization}. A plain record
 * keeps one Authorization only: entries of other spellings are empty (or an old token of this
 * client's) and go, so the header is never sent twice.
 */
function headersAuthorizer(source: TokenSource): OAuthClient['addAuthorization'] {
  return async <H extends object>(headers: H): Promise<H> => {
    // A Map matches names in one letter case only, and a list of pairs has no names to set.
    if (typeof headers !== 'object' || (headers as unknown) === null || Array.isArray(headers) || headers instanceof Map) {
      throw new TypeError('cloud-automation-oauth: addAuthorization(headers) needs a headers object (a plain record or a Headers object)');
    }
    if (isMutableHeaders(headers)) {
      const authorization = isCallersHeaderValue(headers.get('authorization'), source) ? undefined : bearer(await source.getAccessToken());
      headers.delete('x-token');
      if (authorization !== undefined) headers.set('Authorization', authorization);
      return headers;
    }
    const record = headers as Record<string, unknown>;
    const names = (wanted: string): string[] => Object.keys(record).filter((name) => name.toLowerCase() === wanted);
    const callers = names('authorization').some((name) => isCallersHeaderValue(record[name], source));
    const authorization = callers ? undefined : bearer(await source.getAccessToken());
    for (const name of names('x-token')) Reflect.deleteProperty(record, name);
    if (authorization !== undefined) {
      for (const name of names('authorization')) Reflect.deleteProperty(record, name);
      record.Authorization = authorization;
    }
    return headers;
  };
}

/**
 * A client whose settings are read when they are first needed, not when it is made: `current`
 * gives the client for the settings of the moment, or throws their OAuthConfigError. Module
 * code such as `got.extend({ hooks: oauthClientFromEnv().gotHooks() })` runs at import, where
 * the old code read its token only at a request; so this client can be made, and its adapters
 * attached, with the settings missing. A request that needs a token rejects with the error,
 * before anything is sent; a request that needs none (another host, the caller's own
 * Authorization) goes as it did. Reading a setting (`clientId`, …) throws the error too.
 */
export function deferredClient(current: () => OAuthClient): OAuthClient {
  const configured = (): OAuthClient | undefined => {
    try {
      return current();
    } catch {
      return undefined;
    }
  };
  const getAccessToken = async (): Promise<string> => current().getAccessToken();
  const source: TokenSource = {
    getAccessToken,
    discardToken(token) {
      const client = configured();
      if (client !== undefined) authorities.get(client)?.source.discardToken(token);
    },
    issued(token) {
      const client = configured();
      return client !== undefined && authorities.get(client)?.source.issued(token) === true;
    },
  };
  // The settings that can be deferred (those of the environment) name no audience.
  const authority: Authority = { source, audience: undefined };
  const resolveAuthority = (): Authority => authority;
  const summary = (): Record<string, unknown> => {
    try {
      const client = current() as OAuthClient & { toJSON?: () => Record<string, unknown> };
      return client.toJSON?.() ?? {};
    } catch (error) {
      return { configured: false, problem: error instanceof Error ? error.message : String(error) };
    }
  };
  const client = {
    get clientId() {
      return current().clientId;
    },
    get accountUrn() {
      return current().accountUrn;
    },
    get scopes() {
      return current().scopes;
    },
    get tokenUrl() {
      return current().tokenUrl;
    },
    getAccessToken,
    authorizationHeader: async () => bearer(await getAccessToken()),
    addAuthorization: headersAuthorizer(source),
    fetch: authorizedFetch(source, undefined, () => globalThis.fetch),
    attachToAxios: <T extends AxiosLikeInstance>(instance: T, adapterOptions?: AdapterOptions) => attachToAxios(instance, resolveAuthority, source, adapterOptions),
    gotHooks: <H extends object = NoHooks>(adapterOptions?: HooksOptions<H>) => gotHooks(resolveAuthority, adapterOptions),
    kyHooks: <H extends object = NoHooks>(adapterOptions?: HooksOptions<H>) => kyHooks(resolveAuthority, adapterOptions),
    invalidate: () => {
      configured()?.invalidate();
    },
    toJSON: summary,
  } satisfies OAuthClient & { toJSON(): Record<string, unknown> };
  Object.defineProperty(client, inspectSymbol, {
    value: (_depth: number, inspectOptions: unknown, inspect: (value: unknown, options: unknown) => string) =>
      `OAuthClient ${inspect(summary(), inspectOptions)}`,
  });
  Object.defineProperty(client, Symbol.toStringTag, { value: 'OAuthClient' });
  const frozen: OAuthClient = Object.freeze(client);
  authorities.set(frozen, authority);
  return frozen;
}

/** The token source and audience behind each client, for the optional client's adapters. */
const authorities = new WeakMap<OAuthClient, Authority>();

export function authorityOf(client: OAuthClient): Authority | undefined {
  return authorities.get(client);
}

/**
 * Fetch headers given as something other than a plain record: a Headers object of any
 * implementation (the global one, node-fetch's, undici's, a polyfill's), a list of pairs, or
 * any iterable of pairs (a Map). Read through their own iteration, never Object.entries: a
 * Headers object keeps its entries in internal slots, so it has no own enumerable properties.
 */
interface HeaderPairs {
  [Symbol.iterator](): Iterator<unknown>;
}
/** An older Headers (polyfills, node-fetch 1.x) that offers `forEach` but no iterator. */
interface ForEachHeaders {
  forEach(callback: (value: unknown, name: unknown) => void): void;
}

function isHeaderPairs(source: object): source is HeaderPairs {
  return typeof (source as Partial<HeaderPairs>)[Symbol.iterator] === 'function';
}

function isForEachHeaders(source: object): source is ForEachHeaders {
  const candidate = source as Partial<Record<'forEach' | 'get', unknown>>;
  return typeof candidate.forEach === 'function' && typeof candidate.get === 'function';
}

/**
 * Every entry of headers that are not a plain record, in order, repeated names included (as
 * fetch would send them); undefined for a plain record. Entries are passed on as found:
 * `new Headers()` refuses a malformed one with the TypeError fetch itself would throw.
 */
function headerPairs(source: object): unknown[] | undefined {
  if (isHeaderPairs(source)) return Array.from(source);
  if (isForEachHeaders(source)) {
    const pairs: unknown[] = [];
    source.forEach((value, name) => {
      pairs.push([name, value]);
    });
    return pairs;
  }
  return undefined;
}

/**
 * The caller's headers with `x-token` gone and, when `authorization` is given, `Authorization`
 * set, in any letter case. A plain record stays a plain record (copied, never mutated): building
 * a Headers object would cost more than the rest of the wrapper together. Any other form is
 * copied entry by entry into a new global Headers, which every fetch accepts.
 */
function editFetchHeaders(source: RequestInit['headers'] | null, authorization: string | undefined): RequestInit['headers'] {
  if (source === undefined || source === null) return authorization === undefined ? undefined : { authorization };
  const pairs = typeof source === 'object' ? headerPairs(source) : undefined;
  if (pairs === undefined && typeof source === 'object') {
    // Values pass through untouched; their type differs between the DOM and Node typings.
    const copy: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(source)) {
      const lower = name.toLowerCase();
      if (lower !== 'x-token' && (authorization === undefined || lower !== 'authorization')) copy[name] = value;
    }
    if (authorization !== undefined) copy.authorization = authorization;
    return copy as NonNullable<RequestInit['headers']>;
  }
  // Not an object at all: the Headers constructor throws the TypeError fetch would have thrown.
  const headers = new Headers((pairs ?? source) as ConstructorParameters<typeof Headers>[0]);
  headers.delete('x-token');
  if (authorization !== undefined) headers.set('authorization', authorization);
  return headers;
}

/**
 * The Authorization among fetch headers of any form (a Headers object of any implementation,
 * record, list of pairs), or undefined. Repeated entries are joined as fetch joins them, so an
 * Authorization the caller added next to an old one of the helper's still counts as the caller's.
 */
function fetchAuthorization(source: RequestInit['headers'] | null): unknown {
  if (source === undefined || source === null || typeof source !== 'object') return undefined;
  const pairs = headerPairs(source) ?? Object.entries(source);
  const values: unknown[] = [];
  for (const pair of pairs) {
    if (Array.isArray(pair) && typeof pair[0] === 'string' && pair[0].toLowerCase() === 'authorization') values.push(pair[1]);
  }
  if (values.length <= 1) return values[0];
  return values.map(String).join(', ');
}

function isReplayableFetchBody(body: unknown): boolean {
  if (body === undefined || body === null || typeof body === 'string') return true;
  return (
    body instanceof URLSearchParams ||
    body instanceof ArrayBuffer ||
    ArrayBuffer.isView(body) ||
    body instanceof Blob ||
    body instanceof FormData
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

type WarningCode = 'CLOUD_AUTOMATION_OAUTH_CREDENTIAL_SHAPE' | 'CLOUD_AUTOMATION_OAUTH_REFRESH_FAILED';

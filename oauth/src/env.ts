import { attachToAxios, gotHooks, kyHooks } from './adapters.js';
import type { AdapterOptions, AuthorityResolver, AxiosLikeInstance, HooksOptions, HooksWith, NoHooks, OAuthGotHooks, OAuthKyHooks } from './adapters.js';
import { authorityOf, buildClient, deferredClient } from './client.js';
import { OAuthConfigError } from './errors.js';
import type { FetchInput, OAuthClient } from './client.js';
import { ENV_VARS } from './facts.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/**
 * How many configurations keep their client (and its cached token). A process normally has one,
 * a multi-tenant one a few; 64 covers that with room to spare, while the memory they hold stays
 * small (a client with its settings and token is about 3 KB). A configuration pushed out, least
 * recently used first, costs one token request when it is used again: nothing breaks, and
 * callers that kept the client object keep using it. Without a bound, a process that sees ever
 * new settings (rotated secrets, per-request credentials) would keep every client it ever made.
 */
export const MAX_CACHED_CONFIGURATIONS = 64;

/** A Map that forgets its least recently used entry beyond `limit`. */
class RecentlyUsed<V> {
  private readonly entries = new Map<string, V>();

  constructor(private readonly limit: number) {}

  get(key: string): V | undefined {
    const value = this.entries.get(key);
    if (value !== undefined) {
      // Map iteration order is insertion order: moving the entry to the end marks it recent.
      this.entries.delete(key);
      this.entries.set(key, value);
    }
    return value;
  }

  set(key: string, value: V): void {
    this.entries.delete(key);
    this.entries.set(key, value);
    if (this.entries.size > this.limit) {
      const oldest = this.entries.keys().next();
      if (oldest.done !== true) this.entries.delete(oldest.value);
    }
  }

  get size(): number {
    return this.entries.size;
  }
}

/** Clients by the exact env values they were built from: the fast path for repeated calls. */
const clientsByRawSettings = new RecentlyUsed<OAuthClient>(MAX_CACHED_CONFIGURATIONS);
/** Clients by validated settings, so `a,b` and `b a` share one client and one token. */
const clientsBySettings = new RecentlyUsed<OAuthClient>(MAX_CACHED_CONFIGURATIONS);
/** The last configuration asked for, checked before the maps: the usual process asks for one only. */
let last: { readonly key: string; readonly client: OAuthClient } | undefined;

/** For tests: how many configurations are cached. */
export function cachedConfigurationCount(): number {
  return clientsByRawSettings.size;
}

/**
 * The shared client for the settings `env` holds now: validated and built on the first call for
 * them, the same client (and cached token) on later calls; an OAuthConfigError naming the
 * variable when a setting is missing or malformed.
 */
function sharedClientFromEnv(env: Environment): OAuthClient {
  const clientId = env[ENV_VARS.clientId];
  const clientSecret = env[ENV_VARS.clientSecret];
  const accountUrn = env[ENV_VARS.accountUrn];
  const scopes = env[ENV_VARS.scopes];
  const tokenUrl = env[ENV_VARS.tokenUrl];
  // \u0000 cannot occur in an environment variable, and \u0001 marks an unset one, so the key is unambiguous.
  const rawKey = `${clientId ?? '\u0001'}\u0000${clientSecret ?? '\u0001'}\u0000${accountUrn ?? '\u0001'}\u0000${scopes ?? '\u0001'}\u0000${tokenUrl ?? '\u0001'}`;
  if (last?.key === rawKey) return last.client;
  const existing = clientsByRawSettings.get(rawKey);
  if (existing !== undefined) {
    last = { key: rawKey, client: existing };
    return existing;
  }

  const candidate = buildClient(
    { clientId, clientSecret, accountUrn, scopes, tokenUrl },
    ENV_VARS,
  );
  const settingsKey = [candidate.clientId, clientSecret, candidate.accountUrn, [...candidate.scopes].sort().join(' '), candidate.tokenUrl].join('\u0000');
  const client = clientsBySettings.get(settingsKey) ?? candidate;
  clientsBySettings.set(settingsKey, client);
  clientsByRawSettings.set(rawKey, client);
  last = { key: rawKey, client };
  return client;
}

/** The clients that read `env` at their first use, made while its settings did not work. */
const deferredClients = new WeakMap<Environment, OAuthClient>();

/**
 * The client configured by `DT_CLIENT_ID`, `DT_CLIENT_SECRET`, `DT_ACCOUNT_URN` and the
 * optional `DT_OAUTH_SCOPES` (space or comma separated) and `DT_SSO_TOKEN_URL`.
 *
 * Migrated code calls this at every call site: with the same settings, every call returns the
 * same client and its cached token. It never throws, since migrated code may call it at module
 * level (`got.extend({ hooks: oauthClientFromEnv().gotHooks() })`), where the old code read no
 * token yet: while the settings are missing or malformed, it returns a client that reads `env`
 * again when a request needs a token, and that request rejects with the OAuthConfigError naming
 * the variable (nothing is sent). Settings that appear later (a .env loaded after the imports)
 * are used from then on.
 */
export function oauthClientFromEnv(env: Environment = process.env): OAuthClient {
  try {
    return sharedClientFromEnv(env);
  } catch (error) {
    if (!(error instanceof OAuthConfigError)) throw error;
  }
  let deferred = deferredClients.get(env);
  if (deferred === undefined) {
    deferred = deferredClient(() => sharedClientFromEnv(env));
    deferredClients.set(env, deferred);
  }
  return deferred;
}

/**
 * The OAuth client when OAuth is configured, or nothing when it is not: for code that sent
 * `x-token` only when a token was configured (`...(apiToken && { 'x-token': apiToken })`).
 * Every member decides per request from the `DT_*` variables: none set (or all empty) leaves
 * the request exactly as it was; any set builds the client as `oauthClientFromEnv` does, and
 * partial or wrong settings fail with its OAuthConfigError naming the variable.
 */
export interface OptionalOAuthClient {
  /** The client `oauthClientFromEnv` gives, or undefined when no `DT_*` variable is set. */
  readonly client: () => OAuthClient | undefined;
  /** `client.fetch` (with its `{ audience }` option) when configured, else the global fetch with the request untouched. */
  readonly fetch: (input: FetchInput, init?: RequestInit, options?: AdapterOptions) => Promise<Response>;
  /** Attaches once; each request is authorized only when OAuth is configured at that moment. */
  readonly attachToAxios: <T extends AxiosLikeInstance>(instance: T, options?: AdapterOptions) => T;
  /** got hooks that authorize only when OAuth is configured at the time of the request. */
  readonly gotHooks: <H extends object = NoHooks>(options?: HooksOptions<H>) => HooksWith<H, OAuthGotHooks>;
  /** ky hooks that authorize only when OAuth is configured at the time of the request. */
  readonly kyHooks: <H extends object = NoHooks>(options?: HooksOptions<H>) => HooksWith<H, OAuthKyHooks>;
  /** `{ Authorization: 'Bearer …' }` when configured, `{}` when not: for `headers: { ...(await …) }`. */
  readonly authorizationHeaders: () => Promise<Record<string, string>>;
  /** `client.addAuthorization(headers)` when configured; when not, `headers` are returned untouched. */
  readonly addAuthorization: <H extends object>(headers: H) => Promise<H>;
}

const optionalClients = new WeakMap<Environment, OptionalOAuthClient>();

/** The client for `env`, undefined when no DT_* variable holds a value; partial settings throw. */
function configuredClient(env: Environment): OAuthClient | undefined {
  for (const name of Object.values(ENV_VARS)) {
    const value = env[name];
    if (value !== undefined && value !== '') return sharedClientFromEnv(env);
  }
  return undefined;
}

/**
 * `oauthClientFromEnv`, made conditional: see {@link OptionalOAuthClient}. Settings that are
 * present but partial or wrong throw here already, so a misconfiguration shows at start-up.
 */
export function optionalOAuthClientFromEnv(env: Environment = process.env): OptionalOAuthClient {
  configuredClient(env);
  const existing = optionalClients.get(env);
  if (existing !== undefined) return existing;
  const resolve: AuthorityResolver = () => {
    const client = configuredClient(env);
    return client === undefined ? undefined : authorityOf(client);
  };
  const optional: OptionalOAuthClient = Object.freeze({
    client: () => configuredClient(env),
    // async, so a configuration error rejects as fetch errors do instead of throwing.
    fetch: async (input: FetchInput, init?: RequestInit, options?: AdapterOptions) => {
      const client = configuredClient(env);
      return client === undefined ? globalThis.fetch(input, init) : client.fetch(input, init, options);
    },
    attachToAxios: <T extends AxiosLikeInstance>(instance: T, options?: AdapterOptions): T => attachToAxios(instance, resolve, optional, options),
    gotHooks: <H extends object = NoHooks>(options?: HooksOptions<H>) => gotHooks(resolve, options),
    kyHooks: <H extends object = NoHooks>(options?: HooksOptions<H>) => kyHooks(resolve, options),
    authorizationHeaders: async (): Promise<Record<string, string>> => {
      const client = configuredClient(env);
      return client === undefined ? {} : { Authorization: await client.authorizationHeader() };
    },
    addAuthorization: async <H extends object>(headers: H): Promise<H> => {
      if (typeof headers !== 'object' || (headers as unknown) === null) {
        throw new TypeError('cloud-automation-oauth: addAuthorization(headers) needs a headers object (a plain record or a Headers object)');
      }
      const client = configuredClient(env);
      return client === undefined ? headers : client.addAuthorization(headers);
    },
  });
  optionalClients.set(env, optional);
  return optional;
}

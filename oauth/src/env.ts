import { buildClient, type OAuthClient } from './client.js';
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
 * The client configured by `DT_CLIENT_ID`, `DT_CLIENT_SECRET`, `DT_ACCOUNT_URN` and the
 * optional `DT_OAUTH_SCOPES` (space or comma separated) and `DT_SSO_TOKEN_URL`.
 *
 * Migrated code calls this at every call site: the first call validates the settings (a
 * missing or malformed one throws an OAuthConfigError naming the variable) and creates the
 * client; later calls with the same settings return that same client and its cached token.
 */
export function oauthClientFromEnv(env: Environment = process.env): OAuthClient {
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

import { buildClient, type OAuthClient } from './client.js';
import { ENV_VARS } from './facts.js';

export type Environment = Readonly<Record<string, string | undefined>>;

/** Clients by the exact env values they were built from: the fast path for repeated calls. */
const clientsByRawSettings = new Map<string, OAuthClient>();
/** Clients by validated settings, so `a,b` and `b a` share one client and one token. */
const clientsBySettings = new Map<string, OAuthClient>();

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
  const existing = clientsByRawSettings.get(rawKey);
  if (existing !== undefined) return existing;

  const candidate = buildClient(
    { clientId, clientSecret, accountUrn, scopes, tokenUrl },
    ENV_VARS,
  );
  const settingsKey = [candidate.clientId, clientSecret, candidate.accountUrn, [...candidate.scopes].sort().join(' '), candidate.tokenUrl].join('\u0000');
  const client = clientsBySettings.get(settingsKey) ?? candidate;
  clientsBySettings.set(settingsKey, client);
  clientsByRawSettings.set(rawKey, client);
  return client;
}

/**
 * The names of the OAuth helper package that migrated code imports, shared by the rules
 * (which must recognise calls that already go through it) and the codemods (which write
 * them). tests/oauth/api-names.test.ts checks the package really exports these.
 */
export const HELPER_MODULE = 'cloud-automation-oauth';

export const helperExports = {
  createClient: 'createOAuthClient',
  clientFromEnv: 'oauthClientFromEnv',
} as const;

/**
 * Members of a client object:
 * - `getAccessToken(): Promise<string>` — the cached token, fetched or refreshed as needed;
 * - `authorizationHeader(): Promise<string>` — `Bearer <token>`, for hand-built headers;
 * - `fetch(input, init?): Promise<Response>` — fetch with the Bearer token, x-token removed;
 * - `attachToAxios(instance): instance` — adds a request interceptor that sets the token on every request;
 * - `gotHooks(): { beforeRequest, afterResponse }` — for `got.extend({ hooks: client.gotHooks() })`;
 * - `invalidate(): void` — forgets the cached token.
 */
export const helperClientMembers = {
  getAccessToken: 'getAccessToken',
  authorizationHeader: 'authorizationHeader',
  fetch: 'fetch',
  attachToAxios: 'attachToAxios',
  gotHooks: 'gotHooks',
  invalidate: 'invalidate',
} as const;

/** Env vars the helper reads, and what each holds. */
export const helperEnvVars = {
  clientId: 'DT_CLIENT_ID',
  clientSecret: 'DT_CLIENT_SECRET',
  accountUrn: 'DT_ACCOUNT_URN',
  scopes: 'DT_OAUTH_SCOPES',
  tokenUrl: 'DT_SSO_TOKEN_URL',
} as const;

export const REQUIRED_HELPER_ENV_VARS: readonly string[] = [
  helperEnvVars.clientId,
  helperEnvVars.clientSecret,
  helperEnvVars.accountUrn,
];

/**
 * Comment the codemod leaves on a site it could not migrate safely. The rules keep
 * reporting such sites; a re-run of the codemod recognises it and does not add another.
 */
export const MIGRATION_MARKER = '@cloud-automation-migrate';

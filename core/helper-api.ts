/**
 * The names of the OAuth helper package that migrated code imports, shared by the rules
 * (which must recognise calls that already go through it) and the codemods (which write
 * them). tests/oauth/api-names.test.ts checks the package really exports these.
 */
export const HELPER_MODULE = 'cloud-automation-oauth';

export const helperExports = {
  createClient: 'createOAuthClient',
  clientFromEnv: 'oauthClientFromEnv',
  /**
   * `optionalOAuthClientFromEnv(env?)`: for credentials sent only when configured
   * (`...(apiToken && { 'x-token': apiToken })`). Its members (helperOptionalClientMembers)
   * authorize when any DT_* variable is set, leave the request untouched when none is, and
   * throw OAuthConfigError on partial settings. Migrated forms:
   * `optionalOAuthClientFromEnv().attachToAxios(axios.create(…))`,
   * `got.extend({ …, hooks: optionalOAuthClientFromEnv().gotHooks() })`,
   * `optionalOAuthClientFromEnv().fetch(url, init)`,
   * `headers: { …, ...(await optionalOAuthClientFromEnv().authorizationHeaders()) }`.
   */
  optionalClientFromEnv: 'optionalOAuthClientFromEnv',
} as const;

/**
 * Options of the adapters: `attachToAxios(instance, { audience })`, `gotHooks({ audience })`, and
 * of `createOAuthClient({ …, audience })`. `audience` is the Cloud Automation API base (a URL
 * string or URL, or a list of them) the token may go to; without it an adapter uses the
 * instance's `baseURL` / `prefixUrl`, `client.fetch(url)` the URL it is called with. Known Cloud
 * Automation hosts over https are always allowed. A codemod passes it where the instance has no
 * base of its own (an axios instance without baseURL, a single got request):
 * `gotHooks({ audience: KEPTN_ENDPOINT })`.
 */
export const helperAdapterOptions = {
  audience: 'audience',
  /**
   * `gotHooks({ hooks })` / `kyHooks({ hooks })`: the hooks the options already carry, which a
   * `hooks` written next to them would replace (`{ ...options, hooks: client.gotHooks({ hooks:
   * options.hooks }) }`); they come back with the helper's joined to them.
   */
  hooks: 'hooks',
} as const;

/**
 * Members of a client object:
 * - `getAccessToken(): Promise<string>` — the cached token, fetched or refreshed as needed;
 * - `authorizationHeader(): Promise<string>` — `Bearer <token>`, for hand-built headers;
 * - `addAuthorization(headers): Promise<headers>` — sets `Authorization: Bearer <token>` in a plain
 *   record or a Headers object unless it carries a non-empty Authorization in any spelling (the
 *   caller's, kept), and removes any x-token: for headers copied from a caller
 *   (`const headers = { ...extraHeaders }; await client.addAuthorization(headers);`);
 * - `fetch(input, init?): Promise<Response>` — fetch with the Bearer token, x-token removed;
 * - `attachToAxios(instance, { audience }?): instance` — adds a request interceptor that sets the token on
 *   requests under the instance's baseURL (or `audience`) and to Cloud Automation hosts;
 * - `gotHooks({ audience, hooks }?): { beforeRequest, afterResponse }` — for `got.extend({ prefixUrl, hooks: client.gotHooks() })`;
 *   with `hooks`, those hooks come back with the helper's joined to them (after the caller's);
 * - `kyHooks({ audience, hooks }?): { beforeRequest, afterResponse }` — for `ky.create({ prefixUrl, hooks: client.kyHooks() })`
 *   and a single `ky(url, { hooks: client.kyHooks({ audience }) })` (ky awaits async hooks, so no caller must be async);
 *   with `hooks`, likewise (the helper's first);
 * - `invalidate(): void` — forgets the cached token.
 */
export const helperClientMembers = {
  getAccessToken: 'getAccessToken',
  authorizationHeader: 'authorizationHeader',
  addAuthorization: 'addAuthorization',
  fetch: 'fetch',
  attachToAxios: 'attachToAxios',
  gotHooks: 'gotHooks',
  kyHooks: 'kyHooks',
  invalidate: 'invalidate',
} as const;

/** Members of the optional client `optionalOAuthClientFromEnv()` returns. */
export const helperOptionalClientMembers = {
  /** `client(): OAuthClient | undefined` — undefined when no DT_* variable is set. */
  client: 'client',
  fetch: 'fetch',
  attachToAxios: 'attachToAxios',
  gotHooks: 'gotHooks',
  kyHooks: 'kyHooks',
  /** `authorizationHeaders(): Promise<{ Authorization } | {}>`, to spread into hand-built headers. */
  authorizationHeaders: 'authorizationHeaders',
  /** `addAuthorization(headers): Promise<headers>` — the client's when configured, the headers untouched when not. */
  addAuthorization: 'addAuthorization',
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

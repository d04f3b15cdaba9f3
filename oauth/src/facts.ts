/**
 * The few Dynatrace facts this package needs. The plugin keeps the same facts in its core/
 * directory; this package must install on its own, so it holds a copy, and
 * tests/oauth/facts-sync.test.ts fails the build when the two disagree.
 */

/** Dynatrace SSO (production). Sprint and dev SSO are passed as `tokenUrl` / `DT_SSO_TOKEN_URL`. */
export const DEFAULT_TOKEN_URL = 'https://sso.dynatrace.com/sso/oauth2/token';

export const SCOPE_PREFIX = 'cloudautomation:';

/** Every Cloud Automation scope, in Dynatrace's vocabulary order. */
export const CLOUD_AUTOMATION_SCOPES: readonly string[] = [
  'events:read',
  'events:write',
  'projects:read',
  'projects:write',
  'projects:delete',
  'stages:read',
  'services:read',
  'services:write',
  'services:delete',
  'resources:read',
  'resources:write',
  'resources:delete',
  'secrets:read',
  'secrets:write',
  'secrets:delete',
  'logs:read',
  'logs:write',
  'logs:delete',
  'integrations:read',
  'integrations:write',
  'integrations:delete',
  'metadata:read',
  'statistics:read',
  'statistics:write',
].map((scope) => `${SCOPE_PREFIX}${scope}`);

/**
 * What a client requests when it is given no scopes: Dynatrace's published set for a
 * "typical third-party integration". Better: the exact list `eslint-plugin-cloud-automation migrate` prints.
 */
export const DEFAULT_SCOPES: readonly string[] = [
  'resources:read',
  'events:read',
  'events:write',
  'logs:write',
  'integrations:read',
  'integrations:write',
  'integrations:delete',
  'secrets:read',
].map((scope) => `${SCOPE_PREFIX}${scope}`);

/** OAuth clients created in Account Management: `dt0s02.<8 upper-case alphanumerics>`. */
export const CLIENT_ID_PATTERN = /^dt0s02\.[A-Z\d]{8}$/u;
/** Their secrets: `dt0s02.<the same 8>.<64 upper-case alphanumerics>`. */
export const CLIENT_SECRET_PATTERN = /^dt0s02\.[A-Z\d]{8}\.[A-Z\d]{64}$/u;
export const ACCOUNT_URN_PATTERN = /^urn:dtaccount:[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/u;
/** Dynatrace API and platform tokens (`dt0c01.…`): secrets, but never an OAuth client secret. */
export const DYNATRACE_TOKEN_PATTERN = /^dt0[a-z]\d{2}\.[A-Z\d]{8,}\.[A-Za-z\d]{16,}$/u;

/** The environment variables `oauthClientFromEnv` reads. */
export const ENV_VARS = {
  clientId: 'DT_CLIENT_ID',
  clientSecret: 'DT_CLIENT_SECRET',
  accountUrn: 'DT_ACCOUNT_URN',
  scopes: 'DT_OAUTH_SCOPES',
  tokenUrl: 'DT_SSO_TOKEN_URL',
} as const;

/**
 * Host names of Cloud Automation environments (live, sprint, dev): `<environment id><suffix>`.
 * Requests to them over https may carry the token whatever the configured audience.
 */
export const CLOUD_AUTOMATION_HOST_SUFFIXES: readonly string[] = [
  '.cloudautomation.live.dynatrace.com',
  '.cloudautomation.sprint.dynatracelabs.com',
  '.cloudautomation.dev.dynatracelabs.com',
];

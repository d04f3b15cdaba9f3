/**
 * Shapes of Dynatrace credentials. Client ids and secrets of OAuth clients created in
 * Account Management start with `dt0s02`; the account URN names the account the token is for.
 */
export const OAUTH_CLIENT_ID_PATTERN = /^dt0s02\.[A-Z\d]{8}$/u;
export const OAUTH_CLIENT_SECRET_PATTERN = /^dt0s02\.[A-Z\d]{8}\.[A-Z\d]{64}$/u;
export const ACCOUNT_URN_PATTERN = /^urn:dtaccount:[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/u;
/** How every Dynatrace-issued secret below starts (`dt0s02.`, `dt0c01.`): a text test for them. */
export const DYNATRACE_SECRET_START = /dt0[a-z]\d{2}\./;
/** Dynatrace platform tokens and API tokens (`dt0c01.…`) are secrets too. */
const DYNATRACE_TOKEN_PATTERN = /^dt0[a-z]\d{2}\.[A-Z\d]{8,}\.[A-Za-z\d]{16,}$/u;

export function isOAuthClientId(value: string): boolean {
  return OAUTH_CLIENT_ID_PATTERN.test(value);
}

export function isOAuthClientSecret(value: string): boolean {
  return OAUTH_CLIENT_SECRET_PATTERN.test(value);
}

export function isAccountUrn(value: string): boolean {
  return ACCOUNT_URN_PATTERN.test(value);
}

/** Any Dynatrace-issued secret string: an OAuth client secret or a `dt0…` token. */
export function isDynatraceSecret(value: string): boolean {
  return isOAuthClientSecret(value) || DYNATRACE_TOKEN_PATTERN.test(value);
}

/**
 * Whether a literal next to an `x-token` key looks like a real API token rather than a
 * placeholder. Keptn generates 45 alphanumeric characters; other installations use other
 * lengths, so the test is "long, no spaces, letters and digits mixed, not a placeholder".
 */
export function looksLikeApiToken(value: string): boolean {
  if (value.length < 16 || value.length > 512) return false;
  if (!/^[\w.~+/=-]+$/u.test(value)) return false;
  if (!/[a-z]/iu.test(value) || !/\d/u.test(value)) return false;
  if (/^(?:x+|\*+|(?:your|my|some|dummy|example|sample|test|fake|placeholder|changeme|replace)[\w-]*)$/iu.test(value)) {
    return false;
  }
  return !isPlaceholder(value);
}

function isPlaceholder(value: string): boolean {
  return /(?:your|example|placeholder|changeme|redacted|dummy|insert)/iu.test(value) || /(.)\1{7,}/u.test(value);
}

/** A secret written so that nobody reading a message or a log can reuse it. */
export function redactSecret(value: string): string {
  if (value.length <= 10) return '***';
  return `${value.slice(0, 7)}…(${value.length} chars)`;
}

/**
 * True for values people write in docs, samples and tests instead of a real secret:
 * `<client-secret>`, `${SECRET}`, `xxxxxxxx`, `changeme`, `dt0s02.XXXXXXXX.XXXXXXXX…`.
 * Rules skip these so an example in a README is not reported as a leaked credential.
 */
export function isPlaceholderSecret(value: string): boolean {
  return /^(?:<[^>]*>|\$\{[^}]*\}|\{\{[^}]*\}\})$/u.test(value.trim()) || isPlaceholder(value);
}

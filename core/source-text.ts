/**
 * Cheap text tests the rules run on a file's source before they register a single listener: a
 * file that fails a rule's test cannot hold anything that rule reports, so the rule returns no
 * listeners and the linter (ESLint, or oxlint, which then never hands the tree to JavaScript)
 * does no work for it. Each test must pass every file the rule could report on, and so is built
 * from the same facts the rule decides with; a false "may" only costs time.
 */
import { DYNATRACE_SECRET_START } from './credentials.js';
import { CLIENT_SOURCE_PATTERN, mayMentionXTokenHeader, TARGET_EVIDENCE_SOURCE_PATTERN } from './evidence.js';
import { X_TOKEN_HEADER } from './headers.js';
import { helperEnvVars, helperExports } from './helper-api.js';
import { KEPTN_TOKEN_ENV_VARS, KEPTN_WORD } from './naming.js';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/**
 * `'x\u002dtoken'`, `'dt0s02\x2e…'`, `keptn\u0054oken`: a string or an identifier written with
 * escapes has a value (or name) its text does not show, so no word test can rule it out.
 */
const ESCAPE_SEQUENCE_TEXT = /\\(?:x[\da-f]{2}|u[\da-f]{4}|u\{)/i;

/** Whether the source writes any string or name with `\x`/`\u` escapes (the word tests cannot see through them). */
export function mayHideWordsInEscapes(text: string): boolean {
  return ESCAPE_SEQUENCE_TEXT.test(text);
}

/** May this source text send the `x-token` header by a name it writes (no-x-token-header without types)? */
export function mayWriteXTokenHeader(text: string): boolean {
  return mayMentionXTokenHeader(text) || mayHideWordsInEscapes(text);
}

/** May this source text show a Cloud Automation target: a host, a Keptn route, a Keptn-named value? */
export function mayShowCloudAutomationTarget(text: string): boolean {
  return TARGET_EVIDENCE_SOURCE_PATTERN.test(text) || mayHideWordsInEscapes(text);
}

/** May this source text name a client the plugin knows (a client module, `fetch`, `new Request`)? */
export function mayNameKnownClient(text: string): boolean {
  return CLIENT_SOURCE_PATTERN.test(text) || mayHideWordsInEscapes(text);
}

/**
 * What a hard-coded credential needs to be reportable (no-hardcoded-credentials): a Dynatrace
 * secret's start (`dt0s02.`, `dt0c01.`), or a place a plain token is reported in: the `x-token`
 * header, a name that says Keptn token (`KEPTN_API_TOKEN`, `keptnToken`, `X_TOKEN`, see
 * `nameHint`), or the client secret option of `createOAuthClient`. No `u` flag: ASCII only, and
 * V8 runs such alternations several times faster without it.
 */
const CREDENTIAL_SOURCE_PATTERN = new RegExp(
  [
    DYNATRACE_SECRET_START.source,
    escapeRegExp(X_TOKEN_HEADER),
    KEPTN_WORD.source,
    ...KEPTN_TOKEN_ENV_VARS.filter((name) => !KEPTN_WORD.test(name)).map((name) => `\\b${escapeRegExp(name)}\\b`),
    `\\b${escapeRegExp(helperExports.createClient)}\\b`,
  ].join('|'),
  'i',
);

/** May this source text hold a credential no-hardcoded-credentials reports? */
export function mayHoldCredential(text: string): boolean {
  return CREDENTIAL_SOURCE_PATTERN.test(text) || mayHideWordsInEscapes(text);
}

const HELPER_CALL_TEXT = new RegExp(`\\b(?:${helperExports.createClient}|${helperExports.clientFromEnv})\\b`);
const SCOPES_ENV_VAR_TEXT = new RegExp(`\\b${helperEnvVars.scopes}\\b`);

/**
 * Where OAuth scopes may be written in this source (valid-oauth-scopes): in a call of the helper
 * (`createOAuthClient({ scopes })`, `oauthClientFromEnv({ DT_OAUTH_SCOPES })`), and as a default
 * of the `DT_OAUTH_SCOPES` env var. Each is false only when the text cannot hold it.
 */
export function oauthScopeSites(text: string): { helperCalls: boolean; envVarDefaults: boolean } {
  const escaped = mayHideWordsInEscapes(text);
  return {
    helperCalls: escaped || HELPER_CALL_TEXT.test(text),
    envVarDefaults: escaped || SCOPES_ENV_VAR_TEXT.test(text),
  };
}

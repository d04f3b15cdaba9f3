/**
 * Cheap text tests the rules run on a file's source before they register a single listener: a
 * file that fails a rule's test cannot hold anything that rule reports, so the rule returns no
 * listeners and the linter (ESLint, or oxlint, which then never hands the tree to JavaScript)
 * does no work for it. Each test must pass every file the rule could report on, and so is built
 * from the same facts the rule decides with; a false "may" only costs time.
 *
 * Every file of a project goes through these, four rules each, so they use `String#includes` on
 * a lower-cased copy of the text (made once per file and shared by the rules) instead of
 * case-insensitive regular expressions, which V8 cannot scan for quickly.
 */
import { DYNATRACE_SECRET_START } from './credentials.js';
import { CLIENT_SOURCE_PATTERN, TARGET_EVIDENCE_SOURCE_PATTERN } from './evidence.js';
import { X_TOKEN_HEADER } from './headers.js';
import { helperEnvVars, helperExports } from './helper-api.js';
import { KEPTN_TOKEN_ENV_VARS, KEPTN_WORDS } from './naming.js';

let lastText: string | undefined;
let lastLowerCased = '';

/** The rules of one file ask in turn about the same text: lower-case it once. */
function lowerCased(text: string): string {
  if (text !== lastText) {
    lastText = text;
    lastLowerCased = text.toLowerCase();
  }
  return lastLowerCased;
}

const ESCAPE_SEQUENCE_TEXT = /\\(?:x[\da-f]{2}|u[\da-f]{4}|u\{)/i;

/**
 * `'x\u002dtoken'`, `'dt0s02\x2e…'`, `keptn\u0054oken`: a string or an identifier written with
 * escapes has a value (or name) its text does not show, so no word test can rule it out.
 */
export function mayHideWordsInEscapes(text: string): boolean {
  return (text.includes('\\x') || text.includes('\\u')) && ESCAPE_SEQUENCE_TEXT.test(text);
}

const X_TOKEN_WORD = X_TOKEN_HEADER.toLowerCase();

/** May this source text send the `x-token` header by a name it writes (no-x-token-header without types)? */
export function mayWriteXTokenHeader(text: string): boolean {
  return lowerCased(text).includes(X_TOKEN_WORD) || mayHideWordsInEscapes(text);
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
 * Where no-hardcoded-credentials reports a plain token: the `x-token` header, a name that says
 * Keptn token (`KEPTN_API_TOKEN`, `keptnToken`, `X_TOKEN`, see `nameHint`), or the client secret
 * option of `createOAuthClient`. Lower case, as the text they are looked for in.
 */
const CREDENTIAL_PLACE_WORDS: readonly string[] = [
  X_TOKEN_WORD,
  ...KEPTN_WORDS,
  ...KEPTN_TOKEN_ENV_VARS.map((name) => name.toLowerCase()).filter((name) => !KEPTN_WORDS.some((word) => name.includes(word))),
  helperExports.createClient.toLowerCase(),
];
/** Every Dynatrace secret starts like this (`dt0s02.`, `dt0c01.`). */
const DYNATRACE_SECRET_WORD = 'dt0';

/** May this source text hold a credential no-hardcoded-credentials reports? */
export function mayHoldCredential(text: string): boolean {
  const lower = lowerCased(text);
  if (CREDENTIAL_PLACE_WORDS.some((word) => lower.includes(word))) return true;
  if (text.includes(DYNATRACE_SECRET_WORD) && DYNATRACE_SECRET_START.test(text)) return true;
  return mayHideWordsInEscapes(text);
}

/**
 * Where OAuth scopes may be written in this source (valid-oauth-scopes): in a call of the helper
 * (`createOAuthClient({ scopes })`, `oauthClientFromEnv({ DT_OAUTH_SCOPES })`), and as a default
 * of the `DT_OAUTH_SCOPES` env var. Each is false only when the text cannot hold it.
 */
export function oauthScopeSites(text: string): { helperCalls: boolean; envVarDefaults: boolean } {
  const escaped = mayHideWordsInEscapes(text);
  return {
    helperCalls: escaped || text.includes(helperExports.createClient) || text.includes(helperExports.clientFromEnv),
    envVarDefaults: escaped || text.includes(helperEnvVars.scopes),
  };
}

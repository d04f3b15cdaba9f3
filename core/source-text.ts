/**
 * Cheap text tests the rules run on a file's source before they register a single listener: a
 * file that fails a rule's test cannot hold anything that rule reports, so the rule returns no
 * listeners and the linter (ESLint, or oxlint, which then never hands the tree to JavaScript)
 * does no work for it. Each test must pass every file the rule could report on, and so is built
 * from the same facts the rule decides with; a false "may" only costs time.
 *
 * Every file of a project goes through these, four rules each, so each fact about a text is
 * computed once and shared by the four rules of the file (they ask one after another about the
 * same string), and the words are looked for with `String#includes` on a lower-cased copy instead
 * of case-insensitive regular expressions, which V8 cannot scan for quickly. V8 finds a word
 * whose first character is rare in code (`x`, `k`, `\`) without looking at most of the text, so
 * the common case, a file holding none of the words, costs a few scans of a few microseconds.
 */
import { DYNATRACE_SECRET_START } from './credentials.js';
import { CLIENT_SOURCE_PATTERN, mayMatchTargetEvidence, TARGET_EVIDENCE_SOURCE_PATTERN } from './evidence.js';
import { X_TOKEN_HEADER } from './headers.js';
import { helperEnvVars, helperExports } from './helper-api.js';
import { KEPTN_TOKEN_ENV_VARS, KEPTN_WORDS } from './naming.js';

/** What the rules have asked so far about the current text; `undefined` = not computed yet. */
interface TextFacts {
  text: string;
  /** None of the words any test looks for is in the text: every test is false (see `ANY_WORD_PATTERN`). */
  nothing: boolean | undefined;
  lowerCased: string | undefined;
  escapes: boolean | undefined;
  xToken: boolean | undefined;
  keptnWords: boolean | undefined;
  target: boolean | undefined;
  namesCreateClient: boolean | undefined;
}

/**
 * One record, reset in place for each new text: the four rules of a file ask in turn about the
 * same string (an identity comparison), and most files are decided by one scan, so nothing is
 * allocated for them.
 */
const facts: TextFacts = {
  text: '',
  nothing: true,
  lowerCased: '',
  escapes: false,
  xToken: false,
  keptnWords: false,
  target: false,
  namesCreateClient: false,
};

function factsOf(text: string): TextFacts {
  if (facts.text !== text) {
    facts.text = text;
    facts.nothing = undefined;
    facts.lowerCased = undefined;
    facts.escapes = undefined;
    facts.xToken = undefined;
    facts.keptnWords = undefined;
    facts.target = undefined;
    facts.namesCreateClient = undefined;
  }
  return facts;
}

function lowerCased(known: TextFacts): string {
  known.lowerCased ??= known.text.toLowerCase();
  return known.lowerCased;
}

const ESCAPE_SEQUENCE_TEXT = /\\(?:x[\da-f]{2}|u[\da-f]{4}|u\{)/i;

/**
 * `'x\u002dtoken'`, `'dt0s02\x2e…'`, `keptn\u0054oken`: a string or an identifier written with
 * escapes has a value (or name) its text does not show, so no word test can rule it out.
 */
export function mayHideWordsInEscapes(text: string): boolean {
  const known = factsOf(text);
  if (nothingToFind(known)) return false;
  known.escapes ??= (text.includes('\\x') || text.includes('\\u')) && ESCAPE_SEQUENCE_TEXT.test(text);
  return known.escapes;
}

const X_TOKEN_WORD = X_TOKEN_HEADER.toLowerCase();

function writesXToken(known: TextFacts): boolean {
  known.xToken ??= lowerCased(known).includes(X_TOKEN_WORD);
  return known.xToken;
}

/**
 * The Keptn words by their first five letters (`cloudautomation` and `cloud_automation` share
 * `cloud`): a text without the shared start is scanned once for both.
 */
const KEPTN_WORD_GROUPS: ReadonlyMap<string, readonly string[]> = KEPTN_WORDS.reduce((groups, word) => {
  const start = word.slice(0, 5);
  groups.set(start, [...(groups.get(start) ?? []), word]);
  return groups;
}, new Map<string, string[]>());

/** `keptn`, `cloudautomation`, `cloud_automation`: in names, hosts and env vars alike. */
function showsKeptnWords(known: TextFacts): boolean {
  if (known.keptnWords === undefined) {
    const lower = lowerCased(known);
    let found = false;
    for (const [start, words] of KEPTN_WORD_GROUPS) {
      if (lower.includes(start) && words.some((word) => lower.includes(word))) {
        found = true;
        break;
      }
    }
    known.keptnWords = found;
  }
  return known.keptnWords;
}

/** May this source text send the `x-token` header by a name it writes (no-x-token-header without types)? */
export function mayWriteXTokenHeader(text: string): boolean {
  const known = factsOf(text);
  if (nothingToFind(known)) return false;
  return writesXToken(known) || mayHideWordsInEscapes(text);
}

/** May this source text show a Cloud Automation target: a host, a Keptn route, a Keptn-named value? */
export function mayShowCloudAutomationTarget(text: string): boolean {
  const known = factsOf(text);
  if (nothingToFind(known)) return false;
  // The Keptn words are usually known already (no-hardcoded-credentials asks first).
  known.target ??= showsKeptnWords(known) || mayMatchTargetEvidence(text, lowerCased(known), true);
  return known.target || mayHideWordsInEscapes(text);
}

/** May this source text name a client the plugin knows (a client module, `fetch`, `new Request`)? */
export function mayNameKnownClient(text: string): boolean {
  return CLIENT_SOURCE_PATTERN.test(text) || mayHideWordsInEscapes(text);
}

/**
 * Where no-hardcoded-credentials reports a plain token: the `x-token` header, a name that says
 * Keptn token (`KEPTN_API_TOKEN`, `keptnToken`, `X_TOKEN`, see `nameHint`), or the client secret
 * option of `createOAuthClient`. Lower case, as the text they are looked for in. The header name
 * and the Keptn words are tested as shared facts; these are the rest.
 */
const OTHER_CREDENTIAL_PLACE_WORDS: readonly string[] = KEPTN_TOKEN_ENV_VARS.map((name) => name.toLowerCase()).filter(
  (name) => !KEPTN_WORDS.some((word) => name.includes(word)) && !name.includes(X_TOKEN_WORD),
);
const CREATE_CLIENT_WORD = helperExports.createClient.toLowerCase();

/** `createOAuthClient` in any case: a client secret option (credentials) and scopes (valid-oauth-scopes). */
function namesCreateClient(known: TextFacts): boolean {
  known.namesCreateClient ??= lowerCased(known).includes(CREATE_CLIENT_WORD);
  return known.namesCreateClient;
}
/** Every Dynatrace secret starts like this (`dt0s02.`, `dt0c01.`). */
const DYNATRACE_SECRET_WORD = 'dt0';

/** May this source text hold a credential no-hardcoded-credentials reports? */
export function mayHoldCredential(text: string): boolean {
  const known = factsOf(text);
  if (nothingToFind(known)) return false;
  if (writesXToken(known) || showsKeptnWords(known)) return true;
  const lower = lowerCased(known);
  if (OTHER_CREDENTIAL_PLACE_WORDS.some((word) => lower.includes(word)) || namesCreateClient(known)) return true;
  if (text.includes(DYNATRACE_SECRET_WORD) && DYNATRACE_SECRET_START.test(text)) return true;
  return mayHideWordsInEscapes(text);
}

/**
 * Where OAuth scopes may be written in this source (valid-oauth-scopes): in a call of the helper
 * (`createOAuthClient({ scopes })`, `oauthClientFromEnv({ DT_OAUTH_SCOPES })`), and as a default
 * of the `DT_OAUTH_SCOPES` env var. Each is false only when the text cannot hold it.
 */
export function oauthScopeSites(text: string): { helperCalls: boolean; envVarDefaults: boolean } {
  if (nothingToFind(factsOf(text))) return NO_SCOPE_SITES;
  const escaped = mayHideWordsInEscapes(text);
  return {
    helperCalls: escaped || namesCreateClient(factsOf(text)) || text.includes(helperExports.clientFromEnv),
    envVarDefaults: escaped || text.includes(helperEnvVars.scopes),
  };
}

const NO_SCOPE_SITES: { readonly helperCalls: false; readonly envVarDefaults: false } = Object.freeze({ helperCalls: false, envVarDefaults: false });

/** A character whose `toLowerCase()` is an ASCII letter though it is none: the Kelvin sign `K` → `k`. */
const LOWER_CASES_TO_ASCII = '\u212A';

/**
 * Every word any test above looks for, in one case-insensitive pattern: the `x-token` header, the
 * Keptn words and route starts (`TARGET_EVIDENCE_SOURCE_PATTERN`), the other credential places, the
 * helper's names and env var, the start of a Dynatrace secret, and the start of an escape. Every
 * test above but `mayNameKnownClient` (client names; asked only after a test that needs the words)
 * passes only texts holding one of them (they compare on `toLowerCase()`, which also turns the
 * Kelvin sign into `k`: a text holding one is let through too), so a text this pattern does not
 * match fails them all. One scan of the text, nothing allocated: that is all the
 * rules spend on most files of a project. Without the `u` flag, as `TARGET_EVIDENCE_SOURCE_PATTERN`
 * (~10× faster in V8 for an alternation like this).
 */
const ANY_WORD_PATTERN = new RegExp(
  [
    TARGET_EVIDENCE_SOURCE_PATTERN.source,
    ...[
      X_TOKEN_WORD,
      ...OTHER_CREDENTIAL_PLACE_WORDS,
      CREATE_CLIENT_WORD,
      helperExports.clientFromEnv,
      helperEnvVars.scopes,
      DYNATRACE_SECRET_WORD,
      LOWER_CASES_TO_ASCII,
    ].map(escapeRegExp),
    // `\x`, `\u`: where `ESCAPE_SEQUENCE_TEXT` can match.
    '\\\\[xu]',
  ].join('|'),
  'i',
);

function nothingToFind(known: TextFacts): boolean {
  known.nothing ??= !ANY_WORD_PATTERN.test(known.text);
  return known.nothing;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/**
 * How sure a finding is that a request goes to Cloud Automation, from the evidence a rule
 * can see in the source (PATTERNS D1–D5). Rules and the codemod grade findings the same way.
 */
import { isBuiltin } from 'node:module';
import { clientModules, FETCH_GLOBALS, REQUEST_CONSTRUCTORS } from './clients.js';
import { X_TOKEN_HEADER } from './headers.js';
import { KEPTN_WORDS, type NameHint } from './naming.js';
import { routeTableSource } from './route-table.js';
import { routes, type UrlEvidence } from './routes.js';

/** Strongest first. `unknown`: nothing in the code says where the request goes. */
export type TargetConfidence = 'certain' | 'likely' | 'possible' | 'unknown';

export const TARGET_CONFIDENCES: readonly TargetConfidence[] = ['certain', 'likely', 'possible', 'unknown'];

/**
 * - `certain`: a Cloud Automation host (D1).
 * - `likely`: a path only the Keptn API serves (`/api/controlPlane/v1/…`, D2/D3/D5), or a Keptn
 *   route behind an endpoint whose name says Keptn (D4 with D2) or with a body that is a Keptn
 *   CloudEvent, or a Keptn-named endpoint alone.
 * - `possible`: a generic Keptn path (`/v1/event`) behind a base we cannot see, or only a
 *   Keptn-named token, or only a Keptn CloudEvent in the body (`keptnEvent`).
 *
 * `onKeptnBase`: the request's URL starts with the same value as that of another request the code
 * shows goes to Cloud Automation (one `baseURL`, one variable, one class field): a generic Keptn
 * path there is on the same host, so it is as likely as a Keptn-named endpoint would make it.
 */
export function targetConfidence(urlEvidence: UrlEvidence | undefined, names: readonly NameHint[], keptnEvent = false, onKeptnBase = false): TargetConfidence {
  if (urlEvidence === 'host') return 'certain';
  if (urlEvidence === 'keptn-path') return 'likely';
  const keptnEndpoint = names.some((hint) => hint.keptn && hint.role === 'endpoint');
  const keptnToken = names.some((hint) => hint.keptn && hint.role === 'token');
  // A Keptn CloudEvent posted to `/v1/event` says Keptn as plainly as an endpoint named for it.
  if (urlEvidence === 'generic-path') return keptnEndpoint || keptnToken || keptnEvent || onKeptnBase ? 'likely' : 'possible';
  if (keptnEndpoint) return 'likely';
  if (keptnToken || keptnEvent) return 'possible';
  return 'unknown';
}

/**
 * The type every Keptn CloudEvent starts with (`sh.keptn.event.evaluation.triggered`,
 * `sh.keptn.event.${stage}.delivery.triggered`): a request body that carries one is sent to a Keptn API.
 */
export const KEPTN_EVENT_TYPE_PREFIX = 'sh.keptn.';

/** The field of a CloudEvent that holds its type. */
export const CLOUD_EVENT_TYPE_FIELD = 'type';

/**
 * The weakest target the migration rewrites without `--include-unsure`: a weaker one is left for a
 * person ("nothing shows that this request goes to Cloud Automation"), and the scope report does
 * not count it as a Cloud Automation call either.
 */
export const SURE_TARGET_CONFIDENCE: TargetConfidence = 'likely';

/**
 * The most a target is graded when one of the URLs it may use writes out a host that is no Cloud
 * Automation host while another may be one (`process.env.KEPTN_ENDPOINT || 'http://localhost:8080/api'`,
 * `useLocal ? \`http://localhost:${port}/api\` : caUrl`): the request may go to a self-hosted Keptn,
 * which takes only the x-token, so it is listed, never rewritten without `--include-unsure`.
 */
export const MIXED_HOST_CONFIDENCE: TargetConfidence = 'possible';

/** True when `confidence` is `minimum` or stronger. */
export function confidenceAtLeast(confidence: TargetConfidence, minimum: TargetConfidence): boolean {
  return TARGET_CONFIDENCES.indexOf(confidence) <= TARGET_CONFIDENCES.indexOf(minimum);
}

/**
 * The static start of every route after `/api`, two segments deep (`v1/event`,
 * `controlPlane/v1`, `mongodb-datastore/event`): a URL that shows a Keptn route contains one.
 * `/v1` alone would not do as a filter: half the APIs of the world live under it.
 */
const routeStarts = [
  ...new Set(
    [...routes.map((route) => route.path), ...Object.keys(routeTableSource.legacyPathPrefixes)].map((path) =>
      path
        .replace(/^\/api\//u, '')
        .split('/')
        .filter((segment) => segment.length > 0 && !segment.startsWith('{'))
        .slice(0, 2)
        .join('/'),
    ),
  ),
].filter((start) => start.length > 0);

/**
 * A cheap text test: may a file that does NOT match contain any evidence of a Cloud Automation
 * target (host, Keptn route, Keptn-named endpoint or token)? Files that fail it need no analysis
 * without type information. `/v1/events` (Stripe) is not `/v1/event`: each start ends at a word boundary.
 */
export const TARGET_EVIDENCE_SOURCE_PATTERN = new RegExp(
  `${KEPTN_WORDS.map(escapeRegExp).join('|')}|\\bx_token\\b|/(?:${routeStarts.map(escapeRegExp).join('|')})(?![\\w-])`,
  // No `u` flag: the pattern is ASCII, and with `u` V8 ran this alternation ~10× slower
  // (158 µs against 14 µs per 5 KB file), which alone was most of a lint rule's budget.
  'i',
);

/** The route segment most route starts share (`v1`): looked for once instead of start by start. */
const sharedRouteSegment = (() => {
  const counts = new Map<string, number>();
  for (const start of routeStarts) {
    for (const segment of new Set(start.toLowerCase().split('/'))) counts.set(segment, (counts.get(segment) ?? 0) + 1);
  }
  return [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
})();
const SHARED_SEGMENT_TEXT = `/${sharedRouteSegment}`;

/** The pattern's `/<start>` for each route start with the shared segment, and where `/v1` stands in it. */
const STARTS_WITH_SHARED_SEGMENT = routeStarts.flatMap((start) => {
  const segments = start.toLowerCase().split('/');
  const index = segments.indexOf(sharedRouteSegment);
  if (index < 0) return [];
  const offset = segments.slice(0, index).reduce((length, segment) => length + segment.length + 1, 0);
  return [{ written: `/${segments.join('/')}`, offset }];
});

/** Lower-case words one of which every other match of the pattern contains. */
const TARGET_EVIDENCE_WORDS: readonly string[] = [
  ...KEPTN_WORDS,
  'x_token',
  ...routeStarts.filter((start) => !start.toLowerCase().split('/').includes(sharedRouteSegment)).map((start) => `/${start.toLowerCase()}`),
];
const TARGET_EVIDENCE_WORDS_BESIDES_KEPTN = TARGET_EVIDENCE_WORDS.filter((word) => !KEPTN_WORDS.includes(word));

/**
 * Whether `text` (with `lowerCased`, its `toLowerCase()`) matches `TARGET_EVIDENCE_SOURCE_PATTERN`:
 * the same answer, faster. Rules ask it of every file, so it avoids scanning the text with the
 * case-insensitive pattern: it looks for the pattern's rarer words with `String#includes` on the
 * lower-cased copy (and confirms a hit with the pattern), and reads the route starts that share a
 * segment (`/v1/event`, `/controlPlane/v1`) only around each `/v1` of the text: `/v1` is in most
 * codebases (`/v1.0/`, `/v1/users`), so neither one `includes` per route nor the pattern on
 * every such file would be cheap. `keptnWordsAbsent`: the caller has already found none of
 * `KEPTN_WORDS` in the text.
 */
export function mayMatchTargetEvidence(text: string, lowerCased: string, keptnWordsAbsent = false): boolean {
  const words = keptnWordsAbsent ? TARGET_EVIDENCE_WORDS_BESIDES_KEPTN : TARGET_EVIDENCE_WORDS;
  if (words.some((word) => lowerCased.includes(word)) && TARGET_EVIDENCE_SOURCE_PATTERN.test(text)) return true;
  let at = lowerCased.indexOf(SHARED_SEGMENT_TEXT);
  if (at < 0) return false;
  // Positions in the lower-cased copy are those of the text unless lower-casing changed its length (`İ`).
  if (lowerCased.length !== text.length) return TARGET_EVIDENCE_SOURCE_PATTERN.test(text);
  for (; at >= 0; at = lowerCased.indexOf(SHARED_SEGMENT_TEXT, at + 1)) {
    for (const { written, offset } of STARTS_WITH_SHARED_SEGMENT) {
      const begin = at - offset;
      if (begin >= 0 && lowerCased.startsWith(written, begin) && !continuesWord(text.charCodeAt(begin + written.length))) return true;
    }
  }
  return false;
}

/** `[\w-]`: what the pattern's `(?![\w-])` refuses after a route start. NaN (past the end) is not. */
function continuesWord(code: number): boolean {
  return (
    (code >= 48 && code <= 57) || (code >= 65 && code <= 90) || (code >= 97 && code <= 122) || code === 95 /* _ */ || code === 45 /* - */
  );
}

/**
 * A cheap text test: may this source text make a request with a client the plugin knows
 * (a client module's name, the `fetch` global, `new Request`)? Instances made elsewhere are
 * invisible to it; use it only where such instances do not matter.
 */
export const CLIENT_SOURCE_PATTERN = new RegExp(
  [...new Set([...clientModules].map((module) => module.replace(/^node:/u, '')))]
    .concat(FETCH_GLOBALS, REQUEST_CONSTRUCTORS)
    .map((name) => `\\b${escapeRegExp(name)}\\b`)
    .join('|'),
);

const X_TOKEN_TEXT = new RegExp(escapeRegExp(X_TOKEN_HEADER), 'iu');

/** A cheap text test: may this source text contain the `x-token` header name at all? */
export function mayMentionXTokenHeader(text: string): boolean {
  return X_TOKEN_TEXT.test(text);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&');
}

/** `from 'm'`, `import 'm'`, `import('m')`, `require('m')`: every way a module specifier is written. */
const MODULE_SPECIFIER_TEXT = /\b(?:from|import|require)\s*\(?\s*(['"])([^'"\n]{1,200})\1/g;

/**
 * A cheap text test for the type-aware paths of the rules: may this file take a value (a header
 * name, a base URL, an instance) from a module that could define one? The HTTP clients' own modules
 * and Node's built-ins export no Cloud Automation URL or `x-token` name, so a file importing only
 * those gains nothing from type information that its own text does not already show. Errs towards
 * true: a specifier inside a string or comment also counts.
 */
export function mayImportProjectValues(text: string): boolean {
  MODULE_SPECIFIER_TEXT.lastIndex = 0;
  for (let match = MODULE_SPECIFIER_TEXT.exec(text); match; match = MODULE_SPECIFIER_TEXT.exec(text)) {
    const specifier = match[2] ?? '';
    if (!clientModules.has(specifier) && !isBuiltin(specifier)) return true;
  }
  return false;
}

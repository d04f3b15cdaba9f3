/**
 * How sure a finding is that a request goes to Cloud Automation, from the evidence a rule
 * can see in the source (PATTERNS D1–D5). Rules and the codemod grade findings the same way.
 */
import { isBuiltin } from 'node:module';
import { clientModules, FETCH_GLOBALS, REQUEST_CONSTRUCTORS } from './clients.js';
import { X_TOKEN_HEADER } from './headers.js';
import type { NameHint } from './naming.js';
import { routeTableSource } from './route-table.js';
import { routes, type UrlEvidence } from './routes.js';

/** Strongest first. `unknown`: nothing in the code says where the request goes. */
export type TargetConfidence = 'certain' | 'likely' | 'possible' | 'unknown';

export const TARGET_CONFIDENCES: readonly TargetConfidence[] = ['certain', 'likely', 'possible', 'unknown'];

/**
 * - `certain`: a Cloud Automation host (D1).
 * - `likely`: a path only the Keptn API serves (`/api/controlPlane/v1/…`, D2/D3/D5), or a Keptn
 *   route behind an endpoint whose name says Keptn (D4 with D2), or a Keptn-named endpoint alone.
 * - `possible`: a generic Keptn path (`/v1/event`) behind a base we cannot see, or only a
 *   Keptn-named token.
 */
export function targetConfidence(urlEvidence: UrlEvidence | undefined, names: readonly NameHint[]): TargetConfidence {
  if (urlEvidence === 'host') return 'certain';
  if (urlEvidence === 'keptn-path') return 'likely';
  const keptnEndpoint = names.some((hint) => hint.keptn && hint.role === 'endpoint');
  const keptnToken = names.some((hint) => hint.keptn && hint.role === 'token');
  if (urlEvidence === 'generic-path') return keptnEndpoint || keptnToken ? 'likely' : 'possible';
  if (keptnEndpoint) return 'likely';
  if (keptnToken) return 'possible';
  return 'unknown';
}

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
  `cloud_?automation|keptn|\\bx_token\\b|/(?:${routeStarts.map(escapeRegExp).join('|')})(?![\\w-])`,
  // No `u` flag: the pattern is ASCII, and with `u` V8 ran this alternation ~10× slower
  // (158 µs against 14 µs per 5 KB file), which alone was most of a lint rule's budget.
  'i',
);

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

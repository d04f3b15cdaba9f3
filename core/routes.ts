import { cloudAutomationEnvironment, type CloudAutomationEnvironment } from './hosts.js';
import { routeTableSource } from './route-table.js';
import { withScopePrefix } from './scopes.js';

/** One Keptn API route as Cloud Automation serves it, with its scopes fully prefixed. */
export interface Route {
  readonly method: string;
  /** As in the Keptn swagger, with the `/api` base and `{param}` placeholders. */
  readonly path: string;
  readonly scopes: readonly string[];
  /** `keptn-source`: annotated in Keptn; `inferred`: our best guess. */
  readonly basis: string;
}

export const routes: readonly Route[] = routeTableSource.routes.map((route) => ({
  method: route.method,
  path: route.path,
  scopes: route.scopes.map(withScopePrefix),
  basis: route.basis,
}));

/** Marks a place in a URL whose text is only known at run time. */
export const HOLE: unique symbol = Symbol('url-hole');
export type UrlPart = string | typeof HOLE;

/**
 * A URL as far as the source code tells it: static text with holes. A template literal
 * `${base}/controlPlane/v1/project/${p}` is `[HOLE, '/controlPlane/v1/project/', HOLE]`;
 * a complete string is a one-element array.
 */
export type UrlShape = readonly UrlPart[];

/** Builds a shape from parts, merging neighbouring strings and neighbouring holes. */
export function urlShape(...parts: readonly (UrlPart | UrlShape)[]): UrlShape {
  const result: UrlPart[] = [];
  for (const part of parts.flat()) {
    const last = result.at(-1);
    if (part === HOLE) {
      if (last !== HOLE) result.push(HOLE);
    } else if (part.length > 0) {
      if (typeof last === 'string') result[result.length - 1] = last + part;
      else result.push(part);
    }
  }
  return result;
}

/** How the evidence that a URL is Cloud Automation was found, strongest first. */
export type UrlEvidence =
  /** The host is `*.cloudautomation.live.dynatrace.com` or a sprint/dev host. */
  | 'host'
  /** The path has the `/api` base or a service prefix only Keptn uses (`/controlPlane/v1`). */
  | 'keptn-path'
  /** Only a generic Keptn path such as `/v1/event` after a base we cannot see. */
  | 'generic-path';

export interface UrlAnalysis {
  /** Cloud Automation environment when the host is visible and one of ours. */
  readonly environment: CloudAutomationEnvironment | undefined;
  /** Routes the request may hit. One when the path is fully known; several when a hole hides part of it. */
  readonly routes: readonly Route[];
  /** True when the path is pinned down to routes without guessing what a hole spans. */
  readonly exact: boolean;
  /** The strongest evidence that this URL targets Cloud Automation; undefined when there is none. */
  readonly evidence: UrlEvidence | undefined;
  /** The path after the host, holes written `{…}`, for messages and reports. */
  readonly displayPath: string;
}

// Private-use character: cannot appear in a real URL literal we care about.
const HOLE_CHAR = '\uE000';

const legacyPrefixes = Object.entries(routeTableSource.legacyPathPrefixes).map(
  ([legacy, current]) => [stripApiBase(legacy), stripApiBase(current)] as const,
);

/** Path prefixes (after `/api`) that only the Keptn API serves. */
const distinctiveServices = [
  'controlPlane/v1',
  'mongodb-datastore',
  'resource-service/v1',
  'configuration-service/v1',
  'secrets/v1',
  'statistics/v1',
];

interface CompiledRoute {
  readonly route: Route;
  /** Segments after `/api`: a string is static, null is a `{param}`. */
  readonly segments: readonly (string | null)[];
}

const compiledRoutes: readonly CompiledRoute[] = routes.map((route) => ({
  route,
  segments: stripApiBase(route.path)
    .split('/')
    .filter(Boolean)
    .map((segment) => (segment.startsWith('{') ? null : segment)),
}));

/**
 * Answers by method and URL text. The same request is read by several rules and again for the
 * instance it goes through, and a codebase calls the same endpoints from many places; the answer
 * depends on the two alone. Frozen, since every caller shares it. The bound only guards memory.
 */
const analysesByUrl = new Map<string, UrlAnalysis>();
const MAX_REMEMBERED_URLS = 2000;

/**
 * Reads a URL shape the way a Keptn client builds it and says which routes it can hit.
 * `method` narrows the routes; pass undefined when the method is not known statically.
 */
export function analyzeUrl(url: UrlShape | string, method?: string): UrlAnalysis {
  const text = typeof url === 'string' ? url : shapeToText(url);
  // The method's length first: no method text can run into the URL text.
  const key = method === undefined ? `-${text}` : `${method.length}:${method}${text}`;
  let analysis = analysesByUrl.get(key);
  if (!analysis) {
    analysis = computeUrlAnalysis(text, method);
    Object.freeze(analysis.routes);
    Object.freeze(analysis);
    if (analysesByUrl.size >= MAX_REMEMBERED_URLS) analysesByUrl.clear();
    analysesByUrl.set(key, analysis);
  }
  return analysis;
}

function computeUrlAnalysis(text: string, method: string | undefined): UrlAnalysis {
  const { host, path, writtenPath } = splitHostAndPath(text);
  // A hole right after the host may start the path (`${host}${path}`); one inside is the environment id.
  const hostname = host?.replace(/\uE000$/u, '').replaceAll(HOLE_CHAR, 'x');
  const environment = hostname === undefined ? undefined : cloudAutomationEnvironment(hostname);
  const segments = path.split('/').filter(Boolean);
  const upperMethod = method?.toUpperCase();
  const candidates = upperMethod
    ? compiledRoutes.filter((compiled) => compiled.route.method === upperMethod)
    : compiledRoutes;

  // A host made only of holes (`//${hostname}${pathname}` of node's options) shows nothing: it may end in `/api`.
  const hostVisible = host !== undefined && host.replaceAll(HOLE_CHAR, '') !== '';
  const starts = routeStarts(segments, hostVisible);
  let matched = candidates.filter((compiled) => matchesRoute(segments, starts, compiled.segments, false));
  let exact = matched.length > 0;
  const distinctive = hasDistinctiveService(segments);
  if (!exact && distinctive) {
    matched = candidates.filter((compiled) => matchesRoute(segments, starts, compiled.segments, true));
  }
  // Without the method, one path can still name several routes (GET and POST of a resource).
  exact &&= upperMethod !== undefined || new Set(matched.map((compiled) => compiled.route.path)).size === 1;

  const matchedRoutes = matched.map((compiled) => compiled.route);
  let evidence: UrlEvidence | undefined;
  if (environment) evidence = 'host';
  else if (matchedRoutes.length > 0 || distinctive) {
    evidence = distinctive || segments[0] === 'api' || segments.includes('api') ? 'keptn-path' : 'generic-path';
  }
  return {
    environment,
    routes: matchedRoutes,
    exact: exact && matchedRoutes.length > 0,
    evidence,
    // As the code wrote it: a message about `/configuration-service/…` names that path, not the one it maps to.
    displayPath: writtenPath.replace(/(?<=.)\/$/u, '').replaceAll(HOLE_CHAR, '{…}'),
  };
}

/** The scopes a set of routes needs together, de-duplicated. */
export function scopesForRoutes(matchedRoutes: readonly Route[]): string[] {
  return [...new Set(matchedRoutes.flatMap((route) => route.scopes))];
}

/** The old token check: it validates an API token, which means nothing under OAuth. */
export const tokenCheckRoute: Route = findRouteOrThrow('POST', '/api/v1/auth');
/** `POST /api/v1/auth`, as the report and markers name it. */
export const TOKEN_CHECK = `${tokenCheckRoute.method} ${tokenCheckRoute.path}`;
/** Why a token check is left for a person, in the words every transform uses. */
export const TOKEN_CHECK_WHY = `${TOKEN_CHECK} only checks the old API token and means nothing under OAuth`;

/** True when the route is the old `POST /api/v1/auth` token check, which means nothing under OAuth. */
export function isTokenCheckRoute(route: Route): boolean {
  return route.method === tokenCheckRoute.method && route.path === tokenCheckRoute.path;
}

/** The route that replaces a token check: a metadata read proves the client is authorised. */
export const reachabilityCheckRoute: Route = findRouteOrThrow('GET', '/api/v1/metadata');
/** `GET /api/v1/metadata`, as the report names the read that replaces a token check. */
export const REACHABILITY_CHECK = `${reachabilityCheckRoute.method} ${reachabilityCheckRoute.path}`;
/** The token check's path and its replacement's, below the API base code usually holds (`${KEPTN_ENDPOINT}/v1/auth`). */
const tokenCheckTail = tokenCheckRoute.path.replace(/^\/api/u, '');
const reachabilityTail = reachabilityCheckRoute.path.replace(/^\/api/u, '');

/**
 * The text of a URL's last literal part with a trailing token-check path (`…/v1/auth`, with or
 * without a final slash) turned into the reachability read's (`…/v1/metadata`); undefined when
 * the text does not end so.
 */
export function asReachabilityPath(text: string): string | undefined {
  const trimmed = text.endsWith('/') ? text.slice(0, -1) : text;
  return trimmed.endsWith(tokenCheckTail) ? `${trimmed.slice(0, -tokenCheckTail.length)}${reachabilityTail}` : undefined;
}

/** What a person does with a token check the codemods leave marked. */
export const TOKEN_CHECK_TODO = `delete this check, or call ${REACHABILITY_CHECK} (${reachabilityCheckRoute.scopes.join(' ')}) through the helper`;

function findRouteOrThrow(method: string, path: string): Route {
  const route = routes.find((candidate) => candidate.method === method && candidate.path === path);
  if (!route) throw new Error(`route table lacks ${method} ${path}`);
  return route;
}

function shapeToText(shape: UrlShape): string {
  return shape.map((part) => (part === HOLE ? HOLE_CHAR : part)).join('');
}

function stripApiBase(path: string): string {
  return path.replace(/^\/api(?=\/)/u, '');
}

/**
 * Drops scheme, host, query and fragment, folds repeated and trailing slashes, maps legacy
 * prefixes (`path`); `writtenPath` is the path before that mapping, as the code wrote it.
 */
function splitHostAndPath(text: string): { host: string | undefined; path: string; writtenPath: string } {
  let rest = text.replace(/[?#].*$/su, '');
  let host: string | undefined;
  const authority = /^(?:[a-z][a-z\d+.-]*:|\uE000:?)?\/\/([^/]*)/iu.exec(rest);
  if (authority) {
    host = authority[1] ?? '';
    host = host.replace(/^[^@]*@/u, '');
    rest = rest.slice(authority[0].length);
  }
  const writtenPath = `/${rest}`.replace(/\/{2,}/gu, '/');
  let path = writtenPath;
  for (const [legacy, current] of legacyPrefixes) path = path.replace(legacy, current);
  return { host, path, writtenPath };
}

function hasDistinctiveService(segments: readonly string[]): boolean {
  const joined = `/${segments.join('/')}/`;
  return distinctiveServices.some((service) => joined.includes(`/${service}/`));
}

/**
 * Matches the path segments against a route's, aligned at the end. What stands before the
 * route must be the `/api` base, empty, or a base we cannot see (a hole); a static prefix
 * such as `/other/v1/event` is another service's API. With `loose`, a segment that is only a
 * hole may stand for several route segments (`${base}/controlPlane/v1/${rest}`).
 */
function matchesRoute(
  input: readonly string[],
  starts: readonly number[],
  route: readonly (string | null)[],
  loose: boolean,
): boolean {
  for (const start of starts) {
    if (matchFrom(input, start, route, 0, loose)) return true;
  }
  return false;
}

/** Where in `input` a route may start: after an acceptable prefix. The same for every route, so found once. */
function routeStarts(input: readonly string[], hostKnown: boolean): number[] {
  const starts: number[] = [];
  for (let start = 0; start <= input.length; start++) {
    if (acceptablePrefix(input.slice(0, start), hostKnown)) starts.push(start);
  }
  return starts;
}

function acceptablePrefix(prefix: readonly string[], hostKnown: boolean): boolean {
  // On a visible host the Keptn API sits under `/api`; `https://example.com/v1/event` is someone else's.
  if (prefix.length === 0) return !hostKnown;
  const last = prefix.at(-1) ?? '';
  if (last === 'api') return true;
  // A base behind a hole (`${KEPTN_ENDPOINT}`) may hold anything, `/api` included.
  return !hostKnown && last.endsWith(HOLE_CHAR);
}

function matchFrom(
  input: readonly string[],
  i: number,
  route: readonly (string | null)[],
  j: number,
  loose: boolean,
): boolean {
  if (i === input.length || j === route.length) return i === input.length && j === route.length;
  const segment = input[i] ?? '';
  const expected = route[j];
  if (loose && segment === HOLE_CHAR) {
    // One hole, one or more route segments.
    for (let end = j + 1; end <= route.length; end++) {
      if (matchFrom(input, i + 1, route, end, loose)) return true;
    }
    return false;
  }
  if (!segmentMatches(segment, expected ?? null)) return false;
  return matchFrom(input, i + 1, route, j + 1, loose);
}

function segmentMatches(segment: string, expected: string | null): boolean {
  if (expected === null) return segment.length > 0;
  if (!segment.includes(HOLE_CHAR)) return segment === expected;
  // A bare hole is a value (`/project/${name}`), not a fixed word of the route.
  if (segment === HOLE_CHAR) return false;
  const pattern = segment
    .split(HOLE_CHAR)
    .map((piece) => piece.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&'))
    .join('[^/]*');
  return new RegExp(`^${pattern}$`, 'u').test(expected);
}

/**
 * One character class of a URL pattern: a literal character, any text (a hole in the code's
 * URL: it may hold slashes, a base path, a query), or a route parameter's text (no slash).
 */
type PatternToken =
  | { readonly kind: 'char'; readonly char: string }
  /** A character of the `/api` base that the code must write itself: a hole after it holds no base. */
  | { readonly kind: 'base-char'; readonly char: string }
  | { readonly kind: 'any-text' }
  | { readonly kind: 'one-segment-char' }
  | { readonly kind: 'segment-text' };

const ANY_TEXT: PatternToken = { kind: 'any-text' };
const ONE_SEGMENT_CHAR: PatternToken = { kind: 'one-segment-char' };
const SEGMENT_TEXT: PatternToken = { kind: 'segment-text' };

interface RoutePattern {
  readonly route: Route;
  /**
   * The ways the code may write the route: the route's path after a base held by a hole
   * (`${endpoint}/v1/event`), or after a written `/api` with anything before it.
   */
  readonly forms: readonly (readonly PatternToken[])[];
}

const routePatterns: readonly RoutePattern[] = routes.map((route) => {
  const path: PatternToken[] = [];
  for (const piece of stripApiBase(route.path).split(/(\{[^}]*\})/u)) {
    // A parameter is never empty: one character that is no slash, then any more of them.
    if (piece.startsWith('{')) path.push(ONE_SEGMENT_CHAR, SEGMENT_TEXT);
    else for (const char of piece) path.push({ kind: 'char', char });
  }
  const writtenBase: PatternToken[] = [ANY_TEXT, ...Array.from('/api', (char): PatternToken => ({ kind: 'base-char', char }))];
  return { route, forms: [path, [...writtenBase, ...path]] };
});

/**
 * Every route of the table a call could hit, whatever its holes turn out to hold at run time:
 * a superset, never a guess. Unlike `analyzeUrl`, a hole here may stand for any text at all
 * (slashes, a whole path, a query string, nothing), and an unknown method stands for every
 * method. `${apiUrl}${req.url}` can hit every route; `/{…}/project/{…}` with an unknown method
 * every route with a `project/<name>` in its path.
 */
export function routesCouldMatch(url: UrlShape, method?: string): Route[] {
  const tokens = shapeTokens(url);
  const upperMethod = method?.toUpperCase();
  return routePatterns
    .filter((pattern) => (upperMethod === undefined || pattern.route.method === upperMethod) && pattern.forms.some((form) => patternsIntersect(tokens, form)))
    .map((pattern) => pattern.route);
}

/** The path part of a code URL as tokens: scheme and literal host dropped, literal query cut, slashes folded. */
function shapeTokens(url: UrlShape): PatternToken[] {
  let text = shapeToText(url);
  const query = /[?#]/u.exec(text);
  if (query) text = text.slice(0, query.index);
  // A literal scheme and host: the path starts after them. A hole before `//` may be a scheme.
  const authority = /^(?:[a-z][a-z\d+.-]*:|\uE000:?)?\/\/[^/]*/iu.exec(text);
  if (authority) text = text.slice(authority[0].length);
  text = text.replace(/\/{2,}/gu, '/');
  for (const [legacy, current] of legacyPrefixes) text = text.replace(legacy, current);
  const tokens: PatternToken[] = [];
  for (const char of text) {
    if (char === HOLE_CHAR) {
      if (tokens.at(-1) !== ANY_TEXT) tokens.push(ANY_TEXT);
    } else {
      tokens.push({ kind: 'char', char });
    }
  }
  return tokens;
}

function isRepeating(token: PatternToken | undefined): boolean {
  return token?.kind === 'any-text' || token?.kind === 'segment-text';
}

function tokensOverlap(a: PatternToken, b: PatternToken): boolean {
  if (b.kind === 'base-char') return a.kind === 'char' && a.char === b.char;
  if (a.kind === 'base-char') return false;
  if (a.kind === 'any-text' || b.kind === 'any-text') return true;
  if (a.kind === 'char' && b.kind === 'char') return a.char === b.char;
  if (a.kind === 'char') return a.char !== '/';
  if (b.kind === 'char') return b.char !== '/';
  return true;
}

/**
 * Whether some text matches both the code's URL and a route pattern. Once the route is matched,
 * what is left of the URL may still be a trailing slash, or a hole that holds a query string.
 */
function patternsIntersect(url: readonly PatternToken[], route: readonly PatternToken[]): boolean {
  const memo = new Map<number, boolean>();
  const width = route.length + 1;
  const restIsEmptyable = (from: number): boolean => url.slice(from).every(isRepeating);
  const match = (i: number, j: number): boolean => {
    const key = i * width + j;
    const known = memo.get(key);
    if (known !== undefined) return known;
    memo.set(key, false);
    let result = false;
    const a = url[i];
    const b = route[j];
    if (i === url.length && j === route.length) result = true;
    else if (a && isRepeating(a) && match(i + 1, j)) result = true;
    else if (b && isRepeating(b) && match(i, j + 1)) result = true;
    else if (j === route.length) {
      // Past the route: only a trailing slash and holes (a query string) may follow.
      result = restIsEmptyable(i) || (a?.kind === 'char' && a.char === '/' && restIsEmptyable(i + 1));
    } else if (a && b && tokensOverlap(a, b) && !(isRepeating(a) && isRepeating(b))) {
      result = match(isRepeating(a) ? i : i + 1, isRepeating(b) ? j : j + 1);
    }
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

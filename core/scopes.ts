import { routeTableSource } from './route-table.js';

/** Cloud Automation writes every scope as `cloudautomation:<resource>:<action>`. */
export const SCOPE_PREFIX = routeTableSource.scopePrefix;

/** Which actions exist for each resource (Dynatrace's published vocabulary). */
const actionsByResource = {
  events: ['read', 'write'],
  projects: ['read', 'write', 'delete'],
  stages: ['read'],
  services: ['read', 'write', 'delete'],
  resources: ['read', 'write', 'delete'],
  secrets: ['read', 'write', 'delete'],
  logs: ['read', 'write', 'delete'],
  integrations: ['read', 'write', 'delete'],
  metadata: ['read'],
  statistics: ['read', 'write'],
} as const satisfies Record<string, readonly string[]>;

/** Every valid scope, fully prefixed, in vocabulary order. */
export const ALL_SCOPES: readonly string[] = Object.entries(actionsByResource).flatMap(
  ([resource, actions]) => actions.map((action) => `${SCOPE_PREFIX}${resource}:${action}`),
);

const validScopes = new Set(ALL_SCOPES);

/** Dynatrace's documented set for a "typical third-party integration", prefixed. */
export const TYPICAL_INTEGRATION_SCOPES: readonly string[] =
  routeTableSource.typicalIntegrationScopes.map((scope) => `${SCOPE_PREFIX}${scope}`);

/** Adds the `cloudautomation:` prefix where it is missing; trims and lower-cases nothing else. */
export function withScopePrefix(scope: string): string {
  const trimmed = scope.trim();
  return trimmed.startsWith(SCOPE_PREFIX) ? trimmed : `${SCOPE_PREFIX}${trimmed}`;
}

/** True for a fully prefixed scope from the vocabulary (`cloudautomation:events:read`). */
export function isValidScope(scope: string): boolean {
  return validScopes.has(scope);
}

/**
 * Splits a scope list the way people write it: the token request wants spaces, Keptn's
 * own `OAUTH_SCOPES` uses commas, and env files mix both.
 */
export function parseScopeList(list: string): string[] {
  return list.split(/[\s,]+/u).filter((scope) => scope.length > 0);
}

/**
 * The valid scope a misspelled one most likely meant, or undefined when nothing is close.
 * Compares with the prefix in place, so `cloudautomaton:events:read` and `events:raed`
 * both find `cloudautomation:events:read`.
 */
export function nearestScope(scope: string): string | undefined {
  const lower = scope.trim().toLowerCase();
  // `resource:action` lacks the prefix; three parts carry a (maybe misspelled) prefix already.
  const candidate = lower.split(':').length >= 3 ? lower : withScopePrefix(lower);
  if (validScopes.has(candidate)) return candidate;
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const valid of ALL_SCOPES) {
    const distance = editDistance(candidate, valid);
    if (distance < bestDistance) {
      best = valid;
      bestDistance = distance;
    }
  }
  // Beyond a third of the resource:action part the "nearest" scope is a guess, not a typo fix.
  const tolerance = Math.max(2, Math.floor((candidate.length - SCOPE_PREFIX.length) / 3));
  return bestDistance <= tolerance ? best : undefined;
}

/** Sorts and de-duplicates scopes in vocabulary order, so reports read the same every run. */
export function sortScopes(scopes: Iterable<string>): string[] {
  const order = new Map(ALL_SCOPES.map((scope, index) => [scope, index]));
  return [...new Set(scopes)].sort(
    (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b),
  );
}

/**
 * The scopes every one of `routes` needs: a call that hits one of them, no matter which, surely
 * needs these. Empty for no route. Only as sure as the list is complete: a call that may also
 * hit something outside it may need none of them.
 */
export function scopesEveryRouteNeeds(routes: readonly { readonly scopes: readonly string[] }[]): string[] {
  const [first, ...rest] = routes;
  if (!first) return [];
  return sortScopes(first.scopes.filter((scope) => rest.every((route) => route.scopes.includes(scope))));
}

/** Levenshtein distance; scope strings are short, so the quadratic table is fine. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

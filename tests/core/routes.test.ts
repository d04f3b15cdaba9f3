import { readFileSync, existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { analyzeUrl, HOLE, isValidScope, routes, scopesForRoutes, urlShape, isTokenCheckRoute, reachabilityCheckRoute, asReachabilityPath } from '../../core/index.js';
import { routeTableSource } from '../../core/route-table.js';

/** A concrete path for a route: each `{param}` filled with a plausible value. */
function concretePath(path: string): string {
  return path.replace(/\{(\w+)\}/gu, (_, name: string) =>
    name === 'resourceURI' ? 'helm%2Fvalues.yaml' : `my-${name.toLowerCase()}`,
  );
}

describe('route table', () => {
  it('holds the 60 routes of the shared table, with prefixed scopes', () => {
    expect(routes).toHaveLength(60);
    for (const route of routes) {
      for (const scope of route.scopes) expect(isValidScope(scope), scope).toBe(true);
    }
  });

  const shared = new URL('../../../shared/cloud-automation-routes.json', import.meta.url);
  it.runIf(existsSync(shared))('is an exact copy of shared/cloud-automation-routes.json (run scripts/sync-routes.mjs)', () => {
    expect(routeTableSource).toEqual(JSON.parse(readFileSync(shared, 'utf8')));
  });
});

describe('analyzeUrl: every route, concrete path', () => {
  for (const route of routes) {
    const path = concretePath(route.path);
    it(`${route.method} ${route.path}`, () => {
      for (const url of [
        path,
        path.replace(/^\/api/u, ''),
        `https://abc12345.cloudautomation.live.dynatrace.com${path}`,
        `${path}/?pageSize=10#top`,
      ]) {
        const analysis = analyzeUrl(url, route.method);
        expect(analysis.routes, url).toEqual([route]);
        expect(analysis.exact, url).toBe(true);
        expect(scopesForRoutes(analysis.routes)).toEqual(route.scopes);
      }
    });
  }
});

describe('analyzeUrl: shapes known only in part', () => {
  it('matches a template with a hidden base and a hole for a parameter', () => {
    const analysis = analyzeUrl(urlShape(HOLE, '/controlPlane/v1/project/', HOLE, '/stage'), 'get');
    expect(analysis.routes.map((route) => route.path)).toEqual(['/api/controlPlane/v1/project/{project}/stage']);
    expect(analysis.exact).toBe(true);
    expect(analysis.evidence).toBe('keptn-path');
    expect(analysis.displayPath).toBe('/{…}/controlPlane/v1/project/{…}/stage');
  });

  it('matches endpoint + "/v1/event" as a generic Keptn path', () => {
    const analysis = analyzeUrl(urlShape(HOLE, '/v1/event'), 'POST');
    expect(analysis.routes.map((route) => route.path)).toEqual(['/api/v1/event']);
    expect(analysis.evidence).toBe('generic-path');
    expect(scopesForRoutes(analysis.routes)).toEqual(['cloudautomation:events:write']);
  });

  it('matches a base that is a hole followed by /api', () => {
    const analysis = analyzeUrl(urlShape(HOLE, '/api/mongodb-datastore/event/type/', HOLE), 'GET');
    expect(analysis.routes.map((route) => route.path)).toEqual(['/api/mongodb-datastore/event/type/{eventType}']);
  });

  it('lists every candidate when a hole hides the rest of the path, and says it is not exact', () => {
    const analysis = analyzeUrl(urlShape(HOLE, '/controlPlane/v1/', HOLE), 'DELETE');
    expect(analysis.exact).toBe(false);
    expect(analysis.routes.length).toBeGreaterThan(1);
    expect(analysis.routes.every((route) => route.method === 'DELETE' && route.path.startsWith('/api/controlPlane/v1/'))).toBe(true);
    expect(analysis.evidence).toBe('keptn-path');
  });

  it('without a method returns every method of the path', () => {
    const analysis = analyzeUrl('/api/secrets/v1/secret');
    expect(analysis.routes.map((route) => route.method).sort()).toEqual(['DELETE', 'GET', 'POST', 'PUT']);
    expect(analysis.exact).toBe(true);
  });

  it('maps the legacy configuration-service prefix to resource-service', () => {
    const analysis = analyzeUrl('/api/configuration-service/v1/project/p/stage/dev/resource', 'POST');
    expect(analysis.routes.map((route) => route.path)).toEqual(['/api/resource-service/v1/project/{projectName}/stage/{stageName}/resource']);
    // Messages name the path the code wrote, not the one it maps to.
    expect(analysis.displayPath).toBe('/api/configuration-service/v1/project/p/stage/dev/resource');
  });

  it('keeps an URL-encoded resource URI in one segment', () => {
    const analysis = analyzeUrl('/api/resource-service/v1/project/p/resource/charts%2Fapp%2Fvalues.yaml', 'PUT');
    expect(analysis.routes.map((route) => route.path)).toEqual(['/api/resource-service/v1/project/{projectName}/resource/{resourceURI}']);
  });

  it('recognises the host with a hole for the environment id', () => {
    const analysis = analyzeUrl(urlShape('https://', HOLE, '.cloudautomation.sprint.dynatracelabs.com/api/v1/metadata'), 'GET');
    expect(analysis.environment).toBe('sprint');
    expect(analysis.evidence).toBe('host');
    expect(analysis.routes.map((route) => route.path)).toEqual(['/api/v1/metadata']);
  });

  it('gives host evidence for a Cloud Automation host even when the path is unknown', () => {
    const analysis = analyzeUrl(urlShape('https://abc.cloudautomation.live.dynatrace.com', HOLE));
    expect(analysis.evidence).toBe('host');
    expect(analysis.routes).toEqual([]);
  });
});

describe('analyzeUrl: not Keptn', () => {
  for (const url of [
    'https://api.github.com/repos/keptn/keptn',
    'https://example.com/v1/event',
    '/foo/v1/event',
    '/api/v2/event',
    '/api/v1/events',
    'https://hooks.slack.com/services/T000/B000',
    '',
    '/',
  ]) {
    it(`"${url}" has no route and no evidence`, () => {
      const analysis = analyzeUrl(url, 'POST');
      expect(analysis.routes).toEqual([]);
      expect(analysis.evidence).toBeUndefined();
    });
  }

  it('a bare hole is no evidence', () => {
    expect(analyzeUrl(urlShape(HOLE), 'GET').evidence).toBeUndefined();
    expect(analyzeUrl(urlShape(HOLE, '/users/', HOLE), 'GET').evidence).toBeUndefined();
  });

  it('the method must exist for the path', () => {
    expect(analyzeUrl('/api/v1/metadata', 'DELETE').routes).toEqual([]);
  });
});

describe('urlShape', () => {
  it('merges neighbouring text and holes', () => {
    expect(urlShape('a', 'b', HOLE, HOLE, '', 'c', [HOLE, 'd'])).toEqual(['ab', HOLE, 'c', HOLE, 'd']);
  });
});

describe('token check route', () => {
  it('POST /api/v1/auth is the token check; GET /api/v1/metadata replaces it', () => {
    const [auth] = analyzeUrl(urlShape(HOLE, '/v1/auth'), 'POST').routes;
    expect(auth && isTokenCheckRoute(auth)).toBe(true);
    expect(reachabilityCheckRoute.scopes).toEqual(['cloudautomation:metadata:read']);
  });
});

describe('asReachabilityPath', () => {
  it('turns a trailing token-check path into the metadata read, and leaves anything else', () => {
    expect(asReachabilityPath('/v1/auth')).toBe('/v1/metadata');
    expect(asReachabilityPath("'https://x.live.dynatrace.com/api/v1/auth/")).toBe("'https://x.live.dynatrace.com/api/v1/metadata");
    expect(asReachabilityPath('/v1/auth/extra')).toBeUndefined();
    expect(asReachabilityPath('/v1/oauth')).toBeUndefined();
  });
});

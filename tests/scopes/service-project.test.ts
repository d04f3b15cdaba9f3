/**
 * A project shaped like a Keptn service class (URLs in local variables, options objects built
 * by assignment, helper methods) with a catch-all proxy beside it, and the example app: the
 * scopes reported are exactly the scopes of their routes, the proxy is listed as unknown, and
 * `exact` is false because of it and only because of it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { MigrationReport } from '../../cli/report.js';
import { routes, scopesForRoutes, sortScopes } from '../../core/index.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const repository = path.resolve(here, '../..');

async function cli(argv: readonly string[], cwd: string): Promise<{ report: MigrationReport; text: string }> {
  const output = async (json: boolean): Promise<string> => {
    let stdout = '';
    await main([...argv, ...(json ? ['--json'] : [])], { cwd, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {} });
    return stdout;
  };
  return { report: JSON.parse(await output(true)) as MigrationReport, text: await output(false) };
}

function scopesOf(routeNames: readonly string[]): string[] {
  return sortScopes(scopesForRoutes(routeNames.map((name) => {
    const route = routes.find((candidate) => `${candidate.method} ${candidate.path}` === name);
    if (!route) throw new Error(`no route ${name} in the table`);
    return route;
  })));
}

describe('a service-class project with a catch-all proxy', () => {
  const project = path.join(here, 'fixtures', 'service-project');
  const expected = JSON.parse(readFileSync(path.join(project, 'expected.json'), 'utf8')) as { routes: string[]; unknown: { file: string; line: number }[] };

  it('reports the scopes of its routes as the lower bound, lists the proxy as unknown, and is not exact', async () => {
    const { report, text } = await cli(['scopes', '.'], project);
    expect(expected.routes.length).toBeGreaterThanOrEqual(15);
    const known = report.scopes.calls.filter((call) => call.exact);
    expect(sortScopes(new Set(known.flatMap((call) => call.routes))).sort()).toEqual([...expected.routes].sort());
    expect(report.scopes.required).toEqual(scopesOf(expected.routes));
    expect(report.scopes.unknown.map((call) => ({ file: call.file, line: call.line }))).toEqual(expected.unknown);
    expect(report.scopes.exact).toBe(false);
    // The proxy can hit any route: the fallback must cover every scope, the lower bound kept in it.
    expect(report.scopes.fallback).toEqual(expect.arrayContaining([...report.scopes.required]));
    expect(report.scopes.unknown[0]?.possibleScopes.length).toBeGreaterThan(report.scopes.required.length);
    expect(text).toContain('OAuth scopes: not exact. 1 Cloud Automation call of 19 has a route that cannot be read from the code');
    expect(text).toContain('src/proxy.ts:14  axios  (method unknown) {…}');
    expect(text).not.toContain('exactly these');
  });

  it('is exact once the proxy is left out', async () => {
    const { report, text } = await cli(['scopes', 'src/api.service.ts'], project);
    expect(report.scopes.exact).toBe(true);
    expect(report.scopes.unknown).toEqual([]);
    expect(report.scopes.fallback).toEqual([]);
    expect(report.scopes.required).toEqual(scopesOf(expected.routes));
    expect(text).toContain("OAuth scopes the code needs: exact, every Cloud Automation call's route is known (18 calls). Create the OAuth client with exactly these:");
  });
});

describe('the example app', () => {
  it('needs exactly the scopes of the routes it calls', async () => {
    const { report } = await cli(['scopes', 'src'], path.join(repository, 'examples', 'legacy-app'));
    const calls = report.scopes.calls.map((call) => `${call.file}:${call.line} ${call.routes.join(' ')}`);
    expect(calls).toEqual([
      'src/control-plane.ts:32 GET /api/controlPlane/v1/event/triggered/{eventType}',
      'src/control-plane.ts:40 GET /api/controlPlane/v1/project',
      'src/events.ts:16 POST /api/v1/event',
      // The token check, as the migration rewrites it: a metadata read, whose scope the client needs.
      'src/events.ts:32 GET /api/v1/metadata',
      'src/uniform.ts:30 POST /api/controlPlane/v1/uniform/registration',
    ]);
    expect(report.scopes.exact).toBe(true);
    expect(report.scopes.required).toEqual(
      scopesOf(['GET /api/controlPlane/v1/event/triggered/{eventType}', 'GET /api/controlPlane/v1/project', 'POST /api/v1/event', 'GET /api/v1/metadata', 'POST /api/controlPlane/v1/uniform/registration']),
    );
  });
});

/**
 * The scope report and the migration report of one run agree on which requests go to Cloud
 * Automation: a request the migration leaves for a person because nothing shows that it goes there
 * is not counted as a Cloud Automation call (which would make the scopes "not exact" and fill the
 * fallback), but listed apart, in the text and in the JSON. A scope every possible route of an
 * unknown call needs is in the lower bound, and named. Shapes: tests/scopes/fixtures.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { shapeText } from '../../analysis/request-routes.js';
import { main } from '../../cli/main.js';
import type { MigrationReport } from '../../cli/report.js';
import { HOLE } from '../../core/index.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

async function run(argv: readonly string[]): Promise<{ report: MigrationReport; text: string }> {
  const output = async (json: boolean): Promise<string> => {
    let stdout = '';
    let stderr = '';
    const code = await main([...argv, ...(json ? ['--json'] : [])], {
      cwd: fixtures,
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text) },
      env: {},
    });
    if (code === 2) throw new Error(`${argv.join(' ')} failed: ${stderr}`);
    return stdout;
  };
  return { report: JSON.parse(await output(true)) as MigrationReport, text: await output(false) };
}

const UNSURE = 'nothing shows that this request goes to Cloud Automation';

describe('requests that send x-token with nothing showing they go to Cloud Automation', () => {
  it('are left for a person by the migration and not counted by the scopes: the scopes stay exact', async () => {
    const { report, text } = await run(['migrate', '--dry', 'not-counted.ts']);
    const unsure = report.manual.filter((site) => site.why.startsWith(UNSURE));
    expect(unsure.map((site) => site.line)).toEqual([10, 16, 22]);
    expect(report.scopes.notCounted.map((call) => call.line)).toEqual([10, 17, 22]);
    expect(report.scopes.notCounted.every((call) => call.credential === 'x-token' && call.target === 'unknown')).toBe(true);
    expect(report.scopes.calls.map((call) => call.line)).toEqual([9]);
    expect(report.scopes.exact).toBe(true);
    expect(report.scopes.required).toEqual(['cloudautomation:events:read']);
    expect(report.scopes.fallback).toEqual([]);
    expect(text).toContain("OAuth scopes the code needs: exact, every Cloud Automation call's route is known (1 call).");
    expect(text).toContain(
      'Not counted: 3 requests send x-token with nothing showing they go to Cloud Automation (the migration leaves them for you); if one does, its scopes are missing:',
    );
    expect(text).toContain('  not-counted.ts:10  fetch  POST {…} (unknown target, sends x-token); if it does: could need 9 scopes: cloudautomation:events:write');
    expect(text).not.toContain('Fallback');
    expect(text).not.toContain('not exact');
  });

  it('says the same in `scopes`', async () => {
    const { report, text } = await run(['scopes', 'not-counted.ts']);
    expect(report.scopes.notCounted.map((call) => call.line)).toEqual([10, 17, 22]);
    expect(report.scopes.exact).toBe(true);
    expect(text).toContain('Not counted: 3 requests send x-token');
  });

  it('count with --include-unsure, which migrates them as the user asserts', async () => {
    const { report } = await run(['migrate', '--dry', '--include-unsure', 'not-counted.ts']);
    expect(report.scopes.notCounted).toEqual([]);
    expect(report.scopes.calls.map((call) => call.line)).toEqual([9, 10, 17, 22]);
    expect(report.scopes.exact).toBe(false);
  });

  it('print the URL node builds from an unknown host and path as {…}, in the text and the JSON', async () => {
    const { report, text } = await run(['scopes', 'not-counted.ts']);
    expect(report.scopes.notCounted.find((call) => call.line === 22)?.url).toBe('{…}');
    expect(text).toContain('  not-counted.ts:22  node http  POST {…} (unknown target');
    expect(text).not.toContain('//{…}');
  });
});

describe('the lower bound of calls whose route is unknown', () => {
  it('holds a scope every route the call could hit needs, named in the text and in DT_OAUTH_SCOPES', async () => {
    const { report, text } = await run(['migrate', '--dry', 'sure-scopes.ts']);
    expect(report.scopes.exact).toBe(false);
    expect(report.scopes.required).toEqual(['cloudautomation:resources:write']);
    expect(report.scopes.neededBy['cloudautomation:resources:write']).toEqual([expect.stringMatching(/^sure-scopes\.ts:8 POST .* \(whichever route it hits\)$/u)]);
    expect(text).toContain('At least these, which 1 call with an unknown route needs whichever route it hits:');
    expect(text).toMatch(/ {2}sure-scopes\.ts:8 {2}fetch {2}POST .*; needs cloudautomation:resources:write whichever route it hits, and no other scope\n/u);
    expect(report.env.set.find((entry) => entry.name === 'DT_OAUTH_SCOPES')?.value).toBe('cloudautomation:resources:write');
  });

  it('holds nothing of a call that may hit no route of the table, and says so', async () => {
    const { report, text } = await run(['scopes', 'sure-scopes.ts']);
    const archive = report.scopes.unknown.find((call) => call.line === 24);
    expect(archive).toMatchObject({ mayHitNoRoute: true, sureScopes: [], possibleScopes: ['cloudautomation:resources:write'] });
    expect(report.scopes.neededBy['cloudautomation:resources:write']?.some((user) => user.startsWith('sure-scopes.ts:24'))).toBe(false);
    // `scopes` changes nothing: what it says of the old token is what a migration would leave, and says so.
    expect(text).toContain('\nEnvironment, once `migrate` has run:\n');
    expect(text).toContain('\nThe old API token in the code, once `migrate` has run (retire:');
    expect(text).toContain('sure-scopes.ts:24  fetch  POST {…}/archive/upload | {…}/resource-service/v1/project/{…}/service/{…}/resource; a URL it may use matches no route of the table, so it may hit none and no scope is sure; could need 1 scope: cloudautomation:resources:write');
  });

  it('does not count a call one of whose URLs goes to another host written out', async () => {
    const { report, text } = await run(['scopes', 'sure-scopes.ts']);
    expect(report.scopes.unknown.some((call) => call.line === 18)).toBe(false);
    expect(report.scopes.notCounted.find((call) => call.line === 18)).toMatchObject({ target: 'possible', mayHitNoRoute: true });
    expect(text).toContain('sure-scopes.ts:18  fetch  POST https://mirror.example.org/upload | {…}/resource-service/v1/project/{…}/service/{…}/resource (possible target, sends x-token)');
  });
});

describe('shapeText', () => {
  it('drops the // of a host nothing shows, and writes a URL of holes and slashes as {…}', () => {
    expect(shapeText(['//', HOLE, '/', HOLE])).toBe('{…}');
    expect(shapeText(['//', HOLE])).toBe('{…}');
    expect(shapeText(['//', HOLE, '/v1/auth'])).toBe('{…}/v1/auth');
    expect(shapeText([HOLE, '/controlPlane/v1/project/', HOLE])).toBe('{…}/controlPlane/v1/project/{…}');
    expect(shapeText(['https://', HOLE, '/api/v1/event'])).toBe('https://{…}/api/v1/event');
    expect(shapeText(['//keptn.example.org/api/v1/metadata'])).toBe('//keptn.example.org/api/v1/metadata');
  });
});

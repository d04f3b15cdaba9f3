/**
 * The user's journey over real HTTP: the example app talks to a loopback Cloud Automation
 * with x-token; the migrate CLI rewrites a copy of it; the migrated copy makes the same
 * requests with OAuth Bearer tokens from a loopback SSO, whose scopes cover each route, and
 * the scopes the CLI reported are exactly the ones those routes need.
 */
import { execFile } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { MigrationReport } from '../../cli/report.js';
import { analyzeUrl, scopesForRoutes } from '../../core/routes.js';
import { sortScopes } from '../../core/scopes.js';
import { linkDependencies, runCli } from '../support/e2e-app.js';
import { FAKE_CREDENTIALS, startFakeCloudAutomation, type FakeCloudAutomation, type RecordedApiRequest } from '../support/fake-cloud-automation.js';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const LEGACY_TOKEN = 'x'.repeat(45);

/** The scopes Cloud Automation wants for a request, from core's route table. */
function scopesFor(method: string, requestPath: string): string[] {
  return scopesForRoutes(analyzeUrl(requestPath, method).routes);
}

/** What must stay the same across the migration: the request itself, not how it authenticates. */
function shape(request: RecordedApiRequest): { method: string; path: string; query: Readonly<Record<string, string>>; body: unknown } {
  return { method: request.method, path: request.path, query: request.query, body: request.body === '' ? '' : (JSON.parse(request.body) as unknown) };
}

let fake: FakeCloudAutomation;
let work: string;
let app: string;

/** The app runs with `--check-token`, so the old `POST /v1/auth` token check is on the wire too. */
async function runApp(env: Record<string, string>): Promise<{ stdout: string; stderr: string }> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(KEPTN_|DT_)/u.test(name)));
  return run(process.execPath, ['--import', tsx, 'src/main.ts', '--check-token'], { cwd: app, env: { ...clean, ...env }, timeout: 60_000 });
}

/** What the migration means each request to become: the same, except the token check, which becomes a metadata read. */
function migratedShape(request: RecordedApiRequest): ReturnType<typeof shape> {
  const same = shape(request);
  return same.method === 'POST' && same.path === '/api/v1/auth' ? { ...same, method: 'GET', path: '/api/v1/metadata' } : same;
}

beforeAll(async () => {
  fake = await startFakeCloudAutomation({ legacyTokens: [LEGACY_TOKEN], requiredScopes: scopesFor });
  work = mkdtempSync(path.join(tmpdir(), 'ca-e2e-'));
  app = path.join(work, 'legacy-app');
  cpSync(path.join(repoRoot, 'examples/legacy-app'), app, { recursive: true });
  linkDependencies(path.join(app, 'node_modules'));
});

afterAll(async () => {
  await fake.close();
  rmSync(work, { recursive: true, force: true });
});

describe('the example app, before and after `migrate`', () => {
  let before: RecordedApiRequest[] = [];
  let report: MigrationReport;

  it('before: every request carries x-token and no Authorization', async () => {
    const { stdout } = await runApp({ KEPTN_ENDPOINT: fake.apiBaseUrl, KEPTN_API_TOKEN: LEGACY_TOKEN });
    expect(stdout).toContain('registered integration');
    before = [...fake.requests];
    expect(before.map((request) => `${request.method} ${request.path}`)).toEqual([
      'POST /api/v1/auth',
      'POST /api/controlPlane/v1/uniform/registration',
      'GET /api/controlPlane/v1/project',
      'GET /api/controlPlane/v1/event/triggered/sh.keptn.event.deployment.triggered',
      'POST /api/v1/event',
    ]);
    for (const request of before) {
      expect(request).toMatchObject({ auth: 'x-token', xTokenPresent: true, status: 200 });
      expect(request.headers.authorization).toBeUndefined();
    }
  });

  it('migrate rewrites the copy and reports what it did as JSON', async () => {
    const result = await runCli(app, ['migrate', '--json', 'src']);
    expect(result.stderr).toBe('');
    report = JSON.parse(result.stdout) as MigrationReport;
    expect(report.files.failed).toEqual([]);
    expect(report.files.changed).toEqual(expect.arrayContaining(['src/control-plane.ts', 'src/events.ts', 'src/uniform.ts']));
    for (const file of ['control-plane.ts', 'uniform.ts']) {
      expect(readFileSync(path.join(app, 'src', file), 'utf8')).not.toMatch(/x-token/iu);
    }
    // The token check is read only as success or failure, so it became a metadata read: nothing is left for a person.
    expect(report.manual).toEqual([]);
    expect(result.code).toBe(0);
  });

  it('after: the same requests, each with a live Bearer token whose scopes cover the route, and no x-token', async () => {
    expect(before).toHaveLength(5);
    fake.clearRecords();
    const { stdout } = await runApp({
      KEPTN_ENDPOINT: fake.apiBaseUrl,
      DT_CLIENT_ID: FAKE_CREDENTIALS.clientId,
      DT_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
      DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn,
      DT_OAUTH_SCOPES: report.scopes.required.join(' '),
      DT_SSO_TOKEN_URL: fake.ssoTokenUrl,
    });
    expect(stdout).toContain('registered integration');
    const after = [...fake.requests];
    expect(after.map(shape)).toEqual(before.map(migratedShape));
    for (const request of after) {
      expect(request).toMatchObject({ auth: 'bearer', xTokenPresent: false, status: 200 });
      expect(request.headers.authorization).toMatch(/^Bearer \S+$/u);
      expect(request.tokenScopes).toEqual(expect.arrayContaining(scopesFor(request.method, request.path)));
    }
    expect(fake.tokenRequests.length).toBeGreaterThanOrEqual(1);
    expect(fake.tokenRequests.every((request) => request.status === 200)).toBe(true);
  });

  it('the scopes the CLI reported are exactly the ones the routes need', () => {
    const needed = sortScopes(before.map(migratedShape).flatMap((request) => scopesFor(request.method, request.path)));
    expect(report.scopes.exact).toBe(true);
    expect(report.scopes.required).toEqual(needed);
    expect(report.env.set.find((entry) => entry.name === 'DT_OAUTH_SCOPES')?.value).toBe(needed.join(' '));
  });

  it('--cpus 2 (worker threads) gives the same diff and report as one process', async () => {
    const fresh = path.join(work, 'fresh');
    cpSync(path.join(repoRoot, 'examples/legacy-app/src'), fresh, { recursive: true });
    const inProcess = await runCli(app, ['migrate', '--dry', '--json', fresh]);
    const threaded = await runCli(app, ['migrate', '--dry', '--json', '--cpus', '2', fresh]);
    expect(threaded.stderr).toBe('');
    expect(JSON.parse(threaded.stdout)).toEqual(JSON.parse(inProcess.stdout));
    expect((JSON.parse(threaded.stdout) as { diff: unknown[] }).diff.length).toBeGreaterThanOrEqual(3);
  });

  it('scopes, run on the migrated copy, finds the same calls and scopes and changes nothing', async () => {
    const snapshot = ['control-plane.ts', 'events.ts', 'uniform.ts'].map((file) => readFileSync(path.join(app, 'src', file), 'utf8'));
    const result = await runCli(app, ['scopes', '--json', 'src']);
    expect(result.code).toBe(0);
    const later = JSON.parse(result.stdout) as MigrationReport;
    expect(later.mode).toBe('analyze');
    // Calls now go through the helper (`oauthClientFromEnv().fetch(…)`, an attached axios
    // instance, got hooks); each is still a route whose scopes the client needs.
    const calls = (scopes: MigrationReport['scopes']) => scopes.calls.map((call) => `${call.file} ${call.method ?? ''} ${call.path}`).sort();
    expect(calls(later.scopes)).toEqual(calls(report.scopes));
    expect(later.scopes.required).toEqual(report.scopes.required);
    expect(['control-plane.ts', 'events.ts', 'uniform.ts'].map((file) => readFileSync(path.join(app, 'src', file), 'utf8'))).toEqual(snapshot);
  });
});

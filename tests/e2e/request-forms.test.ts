/**
 * The request forms issue 12 added to the migration, run for real on loopback (127.0.0.1): node's
 * http inside hand-written Promise executors (the header built in the executor, and built on the
 * options just before the Promise), fetch `Request` objects (built before they are sent, and handed
 * straight to fetch in a plain function returning the promise), axios
 * calls whose headers come from a module-local helper function (in an async function and in a
 * promise chain), ky calls with per-request headers (async, and a plain function returning ky's
 * promise, which gets the helper's hooks) and a ky instance's default headers, and superagent
 * requests with `.set(…)`, @actions/http-client calls with the headers as their own argument (async,
 * and a plain function returning the promise, with headers shared at module level; an instance made
 * with the token in its default headers, whose requests each get the token instead), typed-rest-client's
 * RestClient (the token in a request's `additionalHeaders`, async and chained, and an instance's default
 * headers moved into each request's), got calls whose
 * options carry hooks of the caller's own (spread into a request, and on an instance), which must
 * still run beside the helper's, and node's http
 * in callback style (no async function anywhere: the request waits for the token before it is
 * written, and a token that cannot be had reaches the request's `'error'` listener), and the request
 * package in callback style, an instance made with `request.defaults` and a call of the package
 * itself (the call waits for the token; a token that cannot be had reaches its callback). The app runs with the legacy token, the real `migrate` CLI rewrites a copy, and
 * the copy runs with only the OAuth client configured: every call must reach the API with a live
 * SSO token and no `x-token`, and a second `migrate` must change nothing.
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
import { linkDependencies, runCli } from '../support/e2e-app.js';
import { FAKE_CREDENTIALS, startFakeCloudAutomation, type FakeCloudAutomation } from '../support/fake-cloud-automation.js';

const run = promisify(execFile);

/** What the got calls' own beforeRequest hooks put on their requests (keptn-got.js). */
function gotHookTags(): string[] {
  return fake.requests.flatMap((request) => {
    const tag = request.headers['x-request-id'];
    return typeof tag === 'string' && tag.startsWith('forms-app-got') ? [tag] : [];
  }).sort();
}
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const appSource = path.join(repoRoot, 'tests/e2e/forms-app');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;
const LEGACY_TOKEN = 'f'.repeat(45);
const CALLS = ['eventCallback', 'stagesCallback', 'requestServices', 'requestEvent', 'metadata', 'project', 'sequence', 'projects', 'stage', 'service', 'resources', 'event', 'sequenceState', 'kyStages', 'kyUniform', 'actionMetadata', 'actionService', 'actionStages', 'actionTriggered', 'gotMetadata', 'gotProject', 'restMetadata', 'restStages', 'restServices'];

let fake: FakeCloudAutomation;
let work: string;
let app: string;

async function runApp(env: Record<string, string>): Promise<Record<string, number>> {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(KEPTN_|DT_|HTTPS?_PROXY|NO_PROXY)/iu.test(name)));
  const { stdout } = await run(process.execPath, ['--import', tsx, 'src/main.js'], { cwd: app, env: { ...clean, ...env }, timeout: 60_000 });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as Record<string, number>;
}

async function migrate(args: readonly string[]): Promise<MigrationReport> {
  const result = await runCli(app, ['migrate', '--json', ...args, 'src']);
  expect(result.stderr).toBe('');
  return JSON.parse(result.stdout) as MigrationReport;
}

beforeAll(async () => {
  fake = await startFakeCloudAutomation({ legacyTokens: [LEGACY_TOKEN], clients: [FAKE_CREDENTIALS] });
  expect(new URL(fake.url).hostname).toBe('127.0.0.1');
  work = mkdtempSync(path.join(tmpdir(), 'ca-e2e-forms-'));
  app = path.join(work, 'forms-app');
  cpSync(appSource, app, { recursive: true });
  linkDependencies(path.join(app, 'node_modules'));
});

afterAll(async () => {
  await fake.close();
  rmSync(work, { recursive: true, force: true });
});

describe('node http in Promise executors, fetch Request objects, a headers helper, ky, superagent, @actions/http-client and typed-rest-client, before and after `migrate`', () => {
  it('before: every call is accepted with the legacy x-token', async () => {
    const statuses = await runApp({ KEPTN_API_URL: fake.apiBaseUrl, KEPTN_API_TOKEN: LEGACY_TOKEN });
    expect(statuses).toEqual(Object.fromEntries(CALLS.map((call) => [call, 200])));
    expect(fake.requests.map((request) => request.auth)).toEqual(CALLS.map(() => 'x-token'));
    expect(gotHookTags()).toEqual(['forms-app-got', 'forms-app-got-instance']);
  });

  it('migrate rewrites every x-token site, marks none, and changes nothing on a second run', async () => {
    const report = await migrate([]);
    expect(report.files.failed).toEqual([]);
    expect([...report.files.changed].sort()).toEqual(['src/keptn-axios.js', 'src/keptn-fetch.js', 'src/keptn-got.js', 'src/keptn-http-client.js', 'src/keptn-http.js', 'src/keptn-ky-superagent.js', 'src/keptn-request.js', 'src/keptn-rest-client.js']);
    for (const file of report.files.changed) expect(readFileSync(path.join(app, file), 'utf8')).not.toMatch(/x-token|@cloud-automation-migrate/iu);
    expect((await migrate(['--dry'])).files.changed).toEqual([]);
  }, 240_000);

  it('after: every call carries a live SSO token of the service and no x-token', async () => {
    fake.clearRecords();
    const statuses = await runApp({
      KEPTN_API_URL: fake.apiBaseUrl,
      DT_CLIENT_ID: FAKE_CREDENTIALS.clientId,
      DT_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
      DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn,
      DT_SSO_TOKEN_URL: fake.ssoTokenUrl,
    });
    expect(statuses).toEqual(Object.fromEntries(CALLS.map((call) => [call, 200])));
    const issued = new Set(fake.issuedTokens.map((token) => `Bearer ${token.accessToken}`));
    expect(fake.requests).toHaveLength(CALLS.length);
    for (const request of fake.requests) {
      expect(request).toMatchObject({ auth: 'bearer', xTokenPresent: false, status: 200 });
      expect(issued.has(String(request.headers.authorization))).toBe(true);
    }
    // The caller's own got hooks still run next to the helper's: none was replaced.
    expect(gotHookTags()).toEqual(['forms-app-got', 'forms-app-got-instance']);
    // The callback-style event is written once the token is there, but as it was when sent.
    for (const source of ['forms-app-callback', 'forms-app-request']) {
      const callbackEvents = fake.requests.filter((request) => request.body.includes(source));
      expect(callbackEvents).toHaveLength(1);
      expect(JSON.parse(callbackEvents[0]?.body ?? '{}')).toMatchObject({ source });
    }
  });

  it('after, when SSO refuses the client: callback-style requests get the token error in their error listener, and none is sent', async () => {
    fake.clearRecords();
    const statuses = await runApp({
      FORMS_APP_ONLY_CALLBACKS: '1',
      KEPTN_API_URL: fake.apiBaseUrl,
      DT_CLIENT_ID: FAKE_CREDENTIALS.clientId,
      DT_CLIENT_SECRET: `${FAKE_CREDENTIALS.clientSecret.slice(0, -4)}XXXX`,
      DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn,
      DT_SSO_TOKEN_URL: fake.ssoTokenUrl,
    });
    expect(statuses).toEqual({ eventCallback: 'error: OAuthTokenError', stagesCallback: 'error: OAuthTokenError', requestServices: 'error: OAuthTokenError', requestEvent: 'error: OAuthTokenError' });
    expect(fake.requests).toEqual([]);
  });
});

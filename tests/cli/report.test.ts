import { describe, expect, it } from 'vitest';
import type { FileReport } from '../../codemods/report.js';
import { ALL_SCOPES, sortScopes } from '../../core/scopes.js';
import { buildReport, formatReport, reportAsJson, type FileOutcome } from '../../cli/report.js';

function fileReport(file: string, parts: Partial<FileReport>): FileReport {
  return { transform: 'x-token-to-oauth', file, migrated: [], manual: [], routes: [], tokenEnvVars: [], retiredEnvVars: [], ...parts };
}

const events: FileOutcome = {
  file: 'src/events.ts',
  status: 'changed',
  reports: [
    fileReport('/abs/src/events.ts', {
      migrated: [{ line: 17, column: 26, client: 'fetch', what: 'x-token header → OAuth helper fetch' }],
      routes: [
        { line: 17, method: 'POST', displayPath: '/{…}/v1/event', routes: ['/api/v1/event'], scopes: ['cloudautomation:events:write'], exact: true },
      ],
      tokenEnvVars: ['KEPTN_API_TOKEN'],
      retiredEnvVars: ['KEPTN_API_TOKEN'],
    }),
  ],
};
const controlPlane: FileOutcome = {
  file: 'src/control-plane.ts',
  status: 'changed',
  reports: [
    fileReport('/abs/src/control-plane.ts', {
      migrated: [{ line: 21, column: 5, client: 'axios', what: 'x-token in axios.create defaults' }],
      manual: [{ line: 50, column: 3, what: 'x-token set in a request interceptor', why: 'the value comes from a callback', todo: 'remove the interceptor; the helper sets the token' }],
      routes: [
        { line: 32, method: 'GET', displayPath: '/controlPlane/v1/event/triggered/{…}', routes: ['/api/controlPlane/v1/event/triggered/{eventType}'], scopes: ['cloudautomation:events:read'], exact: true },
        { line: 40, method: 'GET', displayPath: '/controlPlane/v1/project', routes: ['/api/controlPlane/v1/project'], scopes: ['cloudautomation:projects:read'], exact: true },
      ],
    }),
  ],
};

describe('buildReport', () => {
  it('unions the scopes, says which call needs which, and what is left', () => {
    const report = buildReport({
      command: 'migrate',
      mode: 'write',
      transforms: ['x-token-to-oauth'],
      outcomes: [events, controlPlane, { file: 'src/util.ts', status: 'unchanged', reports: [] }, { file: 'src/broken.ts', status: 'failed', error: 'cannot parse: Unexpected token (3:7)', reports: [] }],
      skipped: [{ file: 'README.md', reason: 'not a JavaScript or TypeScript source' }],
    });
    expect(report.files).toEqual({
      changed: ['src/events.ts', 'src/control-plane.ts'],
      unchanged: ['src/util.ts'],
      skipped: [{ file: 'README.md', reason: 'not a JavaScript or TypeScript source' }],
      failed: [{ file: 'src/broken.ts', message: 'cannot parse: Unexpected token (3:7)' }],
      removedLeftovers: [],
      namedBuildOutput: [],
    });
    expect(report.scopes.required).toEqual(['cloudautomation:events:read', 'cloudautomation:events:write', 'cloudautomation:projects:read']);
    // src/broken.ts was not read: its calls may need any scope, so what was read is only a lower bound.
    expect(report.scopes.exact).toBe(false);
    expect(report.scopes.unread).toBe(1);
    expect(report.scopes.fallback).toEqual(sortScopes(ALL_SCOPES));
    expect(report.scopes.neededBy['cloudautomation:events:write']).toEqual(['src/events.ts:17 POST /{…}/v1/event']);
    expect(report.manual).toEqual([expect.objectContaining({ file: 'src/control-plane.ts', line: 50, transform: 'x-token-to-oauth' })]);
    expect(report.env.retire).toEqual(['KEPTN_API_TOKEN']);
    expect(report.env.set.map((entry) => entry.name)).toEqual(['DT_CLIENT_ID', 'DT_CLIENT_SECRET', 'DT_ACCOUNT_URN', 'DT_OAUTH_SCOPES', 'DT_SSO_TOKEN_URL']);
    expect(report.exitCode).toBe(1);
    expect(JSON.parse(reportAsJson(report))).toEqual(report);
  });

  it('counts a call two transforms both reported once', () => {
    const twice: FileOutcome = { ...events, reports: [...events.reports, { ...fileReport('/abs/src/events.ts', { routes: events.reports[0]?.routes ?? [] }), transform: 'add-oauth' }] };
    const report = buildReport({ command: 'migrate', mode: 'write', transforms: [], outcomes: [twice], skipped: [] });
    expect(report.scopes.calls).toHaveLength(1);
    expect(report.scopes.neededBy['cloudautomation:events:write']).toEqual(['src/events.ts:17 POST /{…}/v1/event']);
  });

  it('exits 0 when everything migrated', () => {
    const report = buildReport({ command: 'migrate', mode: 'write', transforms: [], outcomes: [events], skipped: [] });
    expect(report.exitCode).toBe(0);
  });

  it('keeps an old variable that another file still reads', () => {
    const stillReads: FileOutcome = { file: 'src/legacy.ts', status: 'unchanged', reports: [fileReport('/abs/src/legacy.ts', { tokenEnvVars: ['KEPTN_API_TOKEN'] })] };
    const report = buildReport({ command: 'migrate', mode: 'write', transforms: [], outcomes: [events, stillReads], skipped: [] });
    expect(report.env.retire).toEqual([]);
    expect(report.env.stillRead).toEqual([{ name: 'KEPTN_API_TOKEN', files: ['src/legacy.ts'] }]);
  });

  it('is not exact when a route is unknown: a lower bound, the call listed, a fallback that covers it', () => {
    const possibleScopes = ['cloudautomation:events:read', 'cloudautomation:projects:read', 'cloudautomation:secrets:delete'];
    const unreadable: FileOutcome = {
      file: 'src/proxy.ts',
      status: 'changed',
      reports: [fileReport('/abs/src/proxy.ts', {
        migrated: [{ line: 3, column: 1, client: 'axios', what: 'x-token on axios(config)' }],
        routes: [{ line: 3, method: undefined, displayPath: '/{…}', client: 'axios', url: '{…}', routes: [], scopes: [], exact: false, possibleScopes }],
      })],
    };
    const report = buildReport({ command: 'migrate', mode: 'write', transforms: [], outcomes: [events, unreadable], skipped: [] });
    expect(report.scopes.exact).toBe(false);
    // The lower bound is what the known calls need; the fallback adds every scope the unknown call could need.
    expect(report.scopes.required).toEqual(['cloudautomation:events:write']);
    expect(report.scopes.unknown).toEqual([expect.objectContaining({ file: 'src/proxy.ts', line: 3, client: 'axios', url: '{…}', possibleScopes })]);
    expect(report.scopes.fallback).toEqual(['cloudautomation:events:read', 'cloudautomation:events:write', 'cloudautomation:projects:read', 'cloudautomation:secrets:delete']);
    const text = formatReport(report);
    expect(text).toContain('OAuth scopes: not exact. 1 Cloud Automation call of 2 has a route that cannot be read from the code (listed below).');
    expect(text).toContain('At least these, which the 1 call with a known route needs:');
    expect(text).toContain('  src/proxy.ts:3  axios  (method unknown) {…}; could need 3 scopes: cloudautomation:events:read cloudautomation:projects:read cloudautomation:secrets:delete');
    expect(text).toContain('Fallback (not exact: a superset that covers every route the calls above could hit):');
    expect(text).not.toContain('exactly these');
    expect(text).not.toContain('typical integration');
    expect(report.env.set.find((entry) => entry.name === 'DT_OAUTH_SCOPES')?.note).toContain('add what the calls with unknown routes need');
  });

  it('lists a call whose method is unknown with the routes it may hit, not as exact', () => {
    const ambiguous: FileOutcome = {
      file: 'src/projects.ts',
      status: 'unchanged',
      reports: [fileReport('/abs/src/projects.ts', {
        routes: [{ line: 9, method: undefined, displayPath: '/controlPlane/v1/project', client: 'fetch', url: '{…}/controlPlane/v1/project', routes: [], scopes: [], exact: false, possibleScopes: ['cloudautomation:projects:read', 'cloudautomation:projects:write'] }],
      })],
    };
    const report = buildReport({ command: 'scopes', mode: 'analyze', transforms: [], outcomes: [ambiguous], skipped: [] });
    expect(report.scopes.required).toEqual([]);
    expect(report.scopes.exact).toBe(false);
    expect(report.scopes.fallback).toEqual(['cloudautomation:projects:read', 'cloudautomation:projects:write']);
    expect(report.env.set).toEqual([]);
    const text = formatReport(report);
    expect(text).toContain('No call has a known route, and no scope is needed by every route an unknown call could hit, so there is no lower bound.');
    expect(text).toContain('src/projects.ts:9  fetch  (method unknown) {…}/controlPlane/v1/project; could need 2 scopes');
  });

  it('says no scope is needed, rather than "exactly these:" and nothing, when the only calls are token checks', () => {
    const check: FileOutcome = {
      file: 'src/check.ts',
      status: 'unchanged',
      reports: [fileReport('/abs/src/check.ts', {
        routes: [{ line: 4, method: 'POST', displayPath: '/{…}/v1/auth', routes: ['/api/v1/auth'], scopes: [], exact: true }],
      })],
    };
    const report = buildReport({ command: 'scopes', mode: 'analyze', transforms: [], outcomes: [check], skipped: [] });
    expect(report.scopes.exact).toBe(true);
    expect(report.scopes.required).toEqual([]);
    const text = formatReport(report);
    expect(text).toContain("OAuth scopes the code needs: none. Every Cloud Automation call's route is known (1 call), and no OAuth scope covers any of them: POST /api/v1/auth only checks the old API token and means nothing under OAuth.");
    expect(text).not.toContain('exactly these');
  });

  it('holds the plain DT_OAUTH_SCOPES value in the JSON; only the text quotes it for a shell', () => {
    const report = buildReport({ command: 'migrate', mode: 'write', transforms: [], outcomes: [events, controlPlane], skipped: [] });
    const scopes = report.env.set.find((entry) => entry.name === 'DT_OAUTH_SCOPES');
    expect(scopes?.value).toBe('cloudautomation:events:read cloudautomation:events:write cloudautomation:projects:read');
    expect(report.env.set.every((entry) => !/^["']|["']$/u.test(entry.value))).toBe(true);
    expect(formatReport(report)).toContain('  set     DT_OAUTH_SCOPES="cloudautomation:events:read cloudautomation:events:write cloudautomation:projects:read"\n');
    expect(formatReport(report)).toContain('  set     DT_CLIENT_ID=dt0s02.XXXXXXXX ');
  });

  it('lists a request not shown to go to Cloud Automation apart: not counted, the scopes stay exact', () => {
    const notify: FileOutcome = {
      file: 'src/notify.js',
      status: 'unchanged',
      reports: [fileReport('/abs/src/notify.js', {
        manual: [{ line: 9, column: 16, what: 'x-token header', why: 'nothing shows that this request goes to Cloud Automation (unknown target)', todo: 'migrate it by hand if it does' }],
        routes: [{ line: 7, method: 'POST', displayPath: '/{…}', client: 'fetch', url: '{…}', routes: [], scopes: [], exact: false, possibleScopes: ['cloudautomation:events:write', 'cloudautomation:projects:write'], sureScopes: [], counted: false, target: 'unknown', credential: 'x-token' }],
      })],
    };
    const report = buildReport({ command: 'migrate', mode: 'write', transforms: [], outcomes: [events, notify], skipped: [] });
    expect(report.scopes.exact).toBe(true);
    expect(report.scopes.calls.map((call) => call.file)).toEqual(['src/events.ts']);
    expect(report.scopes.unknown).toEqual([]);
    expect(report.scopes.fallback).toEqual([]);
    expect(report.scopes.required).toEqual(['cloudautomation:events:write']);
    expect(report.scopes.notCounted).toEqual([expect.objectContaining({ file: 'src/notify.js', line: 7, target: 'unknown', credential: 'x-token' })]);
    const text = formatReport(report);
    expect(text).toContain("OAuth scopes the code needs: exact, every Cloud Automation call's route is known (1 call).");
    expect(text).toContain('Not counted: 1 request sends x-token with nothing showing it goes to Cloud Automation (the migration leaves it for you); if it does, its scopes are missing:');
    expect(text).toContain('  src/notify.js:7  fetch  POST {…} (unknown target, sends x-token); if it does: could need 2 scopes: cloudautomation:events:write cloudautomation:projects:write');
    expect(text).not.toContain('Calls whose route is unknown');
  });

  it('counts the scopes every route of an unknown call needs in the lower bound, and names them', () => {
    const upload: FileOutcome = {
      file: 'src/resources.js',
      status: 'unchanged',
      reports: [fileReport('/abs/src/resources.js', {
        routes: [{
          line: 36,
          method: 'POST',
          displayPath: '/{…}/resource-service/v1/project/{…}/resource',
          client: 'fetch',
          url: '{…}/resource-service/v1/project/{…}/resource',
          routes: [],
          scopes: [],
          exact: false,
          possibleScopes: ['cloudautomation:resources:write'],
          sureScopes: ['cloudautomation:resources:write'],
          mayHitNoRoute: false,
        }],
      })],
    };
    const report = buildReport({ command: 'migrate', mode: 'write', transforms: [], outcomes: [events, upload], skipped: [] });
    expect(report.scopes.exact).toBe(false);
    expect(report.scopes.required).toEqual(['cloudautomation:events:write', 'cloudautomation:resources:write']);
    expect(report.scopes.neededBy['cloudautomation:resources:write']).toEqual(['src/resources.js:36 POST {…}/resource-service/v1/project/{…}/resource (whichever route it hits)']);
    expect(report.env.set.find((entry) => entry.name === 'DT_OAUTH_SCOPES')?.value).toBe('cloudautomation:events:write cloudautomation:resources:write');
    const text = formatReport(report);
    expect(text).toContain('At least these, which the 1 call with a known route needs and 1 call with an unknown route needs whichever route it hits:');
    expect(text).toContain('  src/resources.js:36  fetch  POST {…}/resource-service/v1/project/{…}/resource; needs cloudautomation:resources:write whichever route it hits, and no other scope');
  });

  it('claims no scope of an unknown call that may hit no route of the table', () => {
    const mirror: FileOutcome = {
      file: 'src/mirror.js',
      status: 'unchanged',
      reports: [fileReport('/abs/src/mirror.js', {
        routes: [{ line: 4, method: 'POST', displayPath: '/upload | /{…}/resource', client: 'fetch', url: 'https://mirror.example.org/upload | {…}/resource', routes: [], scopes: [], exact: false, possibleScopes: ['cloudautomation:resources:write'], sureScopes: [], mayHitNoRoute: true }],
      })],
    };
    const report = buildReport({ command: 'scopes', mode: 'analyze', transforms: [], outcomes: [mirror], skipped: [] });
    expect(report.scopes.required).toEqual([]);
    const text = formatReport(report);
    expect(text).toContain('No call has a known route, and no scope is needed by every route an unknown call could hit, so there is no lower bound.');
    expect(text).toContain('a URL it may use matches no route of the table, so it may hit none and no scope is sure; could need 1 scope: cloudautomation:resources:write');
  });

  it('claims a marker only for sites that got one', () => {
    const site = { line: 5, column: 3, what: 'x-token header', why: 'nothing shows that this request goes to Cloud Automation (unknown target)', todo: 'migrate it by hand if it does, or run migrate with --include-unsure (jscodeshift: --includeUnsure)' };
    const outcome = (marked: readonly boolean[]): FileOutcome => ({
      file: 'src/a.ts',
      status: 'unchanged',
      reports: [fileReport('/abs/src/a.ts', { manual: marked.map((value, index) => ({ ...site, line: site.line + index, marked: value })) })],
    });
    const text = (marked: readonly boolean[], mode: 'write' | 'dry' = 'write'): string => formatReport(buildReport({ command: 'migrate', mode, transforms: [], outcomes: [outcome(marked)], skipped: [] }));
    expect(text([false])).toContain('Left for you (1), listed here only (no marker in the code):');
    expect(text([false])).toContain('src/a.ts:5:3  x-token header (listed here only, no marker)');
    expect(text([true, false])).toContain('Left for you (2): 1 marked with a // @cloud-automation-migrate comment, 1 listed here only:');
    expect(text([true])).toContain('Left for you (1), each marked with a // @cloud-automation-migrate comment:');
    expect(text([true], 'dry')).toContain('Left for you (1), each to be marked with a // @cloud-automation-migrate comment:');
  });

  it('notes a folder named on the command line that a tsconfig compiles into', () => {
    const report = buildReport({ command: 'migrate', mode: 'write', transforms: [], outcomes: [], skipped: [{ file: 'tool/out', reason: 'the outDir of tool/tsconfig.json: …' }], namedBuildOutput: [{ path: 'lib', tsconfig: 'tsconfig.json' }] });
    expect(report.files.namedBuildOutput).toEqual([{ path: 'lib', tsconfig: 'tsconfig.json' }]);
    const text = formatReport(report);
    expect(text).toContain('  skipped  tool/out: the outDir of tool/tsconfig.json: …\n');
    expect(text).toContain('  note     lib is in the outDir of tsconfig.json: the next build rewrites it from the sources, so migrate those too\n');
  });
});

describe('formatReport', () => {
  it('claims scopes and retirements only of the files it read', () => {
    const broken: FileOutcome = { file: 'src/broken.ts', status: 'failed', error: "Identifier 'token' has already been declared. (15:6)", reports: [] };
    const text = (outcomes: readonly FileOutcome[]): string => formatReport(buildReport({ command: 'migrate', mode: 'write', transforms: ['x-token-to-oauth'], outcomes, skipped: [] }));
    // The failed file may hold Cloud Automation calls and read the token: no line may speak for it.
    const onlyFailed = text([broken]);
    expect(onlyFailed).toContain('OAuth scopes: no Cloud Automation call found in the files read.');
    expect(onlyFailed).not.toContain('so none needed');
    expect(onlyFailed).toContain('  1 file failed to parse or transform (above), and any Cloud Automation call in it is not counted. Fix it and run again to learn what it needs.');
    const withEvents = text([events, broken]);
    expect(withEvents).toMatch(/retire {2}KEPTN_API_TOKEN +no migrated file sends it any more \(of the files read: 1 file failed, above\)/u);
    expect(withEvents).toContain('OAuth scopes: not exact. 1 file failed to parse or transform (above), and any Cloud Automation call in it is not counted.');
    expect(withEvents).toContain('At least these, which the 1 call with a known route needs:');
    expect(withEvents).toContain(`Fallback (not exact: every scope, since a file that was not read may call any route):\n  ${sortScopes(ALL_SCOPES).join(' ')}`);
    expect(withEvents).not.toContain('exactly these');
    expect(withEvents).not.toContain('Calls whose route is unknown');
    expect(withEvents).toMatch(/DT_OAUTH_SCOPES=.*\n? +the lower bound above: add what the failed files need/u);
    // Nothing failed: the claims stand as they are.
    const allRead = text([events]);
    expect(allRead).not.toContain('files read');
    expect(text([])).toContain('OAuth scopes: no Cloud Automation call found, so none needed.');
  });

  it('reads as a person acts on it', () => {
    const report = buildReport({ command: 'migrate', mode: 'dry', transforms: ['x-token-to-oauth'], outcomes: [events, controlPlane], skipped: [] });
    expect(formatReport(report)).toMatchInlineSnapshot(`
      "Cloud Automation migration, dry run: nothing was written

      Files: 2 would change, 0 unchanged, 0 skipped, 0 failed to parse or transform
        would change  src/events.ts: x-token header → OAuth helper fetch (line 17)
        would change  src/control-plane.ts: x-token in axios.create defaults (line 21)

      Left for you (1), each to be marked with a // @cloud-automation-migrate comment:
        src/control-plane.ts:50:3  x-token set in a request interceptor
          why:  the value comes from a callback
          todo: remove the interceptor; the helper sets the token

      OAuth scopes the code needs: exact, every Cloud Automation call's route is known (3 calls). Create the OAuth client with exactly these:
        cloudautomation:events:read cloudautomation:events:write cloudautomation:projects:read

        scope                                    needed by
        cloudautomation:events:read              src/control-plane.ts:32 GET /controlPlane/v1/event/triggered/{…}
        cloudautomation:events:write             src/events.ts:17 POST /{…}/v1/event
        cloudautomation:projects:read            src/control-plane.ts:40 GET /controlPlane/v1/project

      Environment:
        set     DT_CLIENT_ID=dt0s02.XXXXXXXX                     the OAuth client id from Account Management
        set     DT_CLIENT_SECRET=dt0s02.XXXXXXXX.<secret>        from your secret store; never commit it
        set     DT_ACCOUNT_URN=urn:dtaccount:<account-uuid>      the Dynatrace account the client belongs to
        set     DT_OAUTH_SCOPES="cloudautomation:events:read cloudautomation:events:write cloudautomation:projects:read"
                                                                 the scopes above; unset, the helper asks for Dynatrace's typical set
        set     DT_SSO_TOKEN_URL=https://sso.dynatrace.com/sso/oauth2/token
                                                                 optional: only for sprint/dev SSO
        retire  KEPTN_API_TOKEN                                  no migrated file sends it any more

      Next: npm install cloud-automation-oauth, set the variables above, and run your tests.
      "
    `);
  });

  it('names a user helper module in the next step', () => {
    const report = buildReport({ command: 'migrate', mode: 'write', transforms: [], outcomes: [events], skipped: [] });
    expect(formatReport(report, { helperModule: '@acme/keptn-auth' })).toContain('Next: make sure @acme/keptn-auth is installed');
  });
});

import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { API, FileInfo, Options } from 'jscodeshift';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FileReport, TransformOptions } from '../../codemods/report.js';
import { main, type CliDeps } from '../../cli/main.js';
import type { MigrationReport } from '../../cli/report.js';
import { loadTransforms, type LoadedTransform } from '../../cli/transforms.js';
import { packageInfo } from '../../core/package-info.js';

/**
 * A stand-in transform, so these tests pin the CLI's behaviour and not the codemod's:
 * it drops `'x-token': …` properties, reports one route for `/controlPlane/v1/project`,
 * and leaves a site for a person wherever the text says MANUAL.
 */
const seenOptions: TransformOptions[] = [];
function tinyTransform(file: FileInfo, api: API, options: Options): string | undefined {
  const settings = options as TransformOptions;
  seenOptions.push(settings);
  const j = api.jscodeshift;
  const root = j(file.source);
  const removed = root.find(j.ObjectProperty).filter((property) => {
    const key = property.node.key;
    return key.type === 'StringLiteral' && key.value === 'x-token';
  });
  const migrated = removed.paths().map((property) => ({
    line: property.node.loc?.start.line ?? 0,
    column: (property.node.loc?.start.column ?? 0) + 1,
    client: 'fetch',
    what: 'x-token header removed',
  }));
  removed.remove();
  const manualLine = file.source.split('\n').findIndex((line) => line.includes('MANUAL'));
  const report: FileReport = {
    transform: 'tiny',
    file: file.path,
    migrated,
    manual: manualLine < 0 ? [] : [{ line: manualLine + 1, column: 1, what: 'odd header', why: 'the tiny transform cannot follow it', todo: 'do it by hand' }],
    routes: file.source.includes('/controlPlane/v1/project')
      ? [{ line: 1, method: 'GET', displayPath: '/controlPlane/v1/project', routes: ['/api/controlPlane/v1/project'], scopes: ['cloudautomation:projects:read'], exact: true }]
      : [],
    tokenEnvVars: file.source.includes('KEPTN_API_TOKEN') ? ['KEPTN_API_TOKEN'] : [],
    retiredEnvVars: [],
  };
  settings.reporter?.(report);
  return migrated.length > 0 ? root.toSource() : undefined;
}

const deps: CliDeps = {
  loadTransforms: (names) => {
    if (names.some((name) => name !== 'tiny')) return Promise.reject(new Error('only tiny here'));
    return Promise.resolve([{ name: 'tiny', run: tinyTransform } satisfies LoadedTransform]);
  },
};

const LEGACY = `const url = \`\${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project\`;
export const list = () => fetch(url, { headers: { 'x-token': process.env.KEPTN_API_TOKEN, accept: 'application/json' } });
`;

let root: string;
function write(relative: string, content: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}
const read = (relative: string): string => readFileSync(path.join(root, relative), 'utf8');
const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8' });

async function cli(argv: string[], options: { tty?: boolean; deps?: CliDeps } = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    {
      cwd: root,
      stdout: { write: (text: string) => (stdout += text) },
      stderr: { write: (text: string) => (stderr += text), isTTY: options.tty ?? false },
      env: {},
    },
    options.deps ?? deps,
  );
  return { code, stdout, stderr };
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ca-cli-main-'));
  seenOptions.length = 0;
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('migrate', () => {
  it('rewrites the files, atomically, and reports scopes and env vars (exit 0)', async () => {
    write('src/list.ts', LEGACY);
    write('src/plain.ts', 'export const two = 2;\n');
    const { code, stdout, stderr } = await cli(['migrate', '-t', 'tiny', 'src']);
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(read('src/list.ts')).not.toContain('x-token');
    expect(read('src/list.ts')).toContain("accept: 'application/json'");
    expect(read('src/plain.ts')).toBe('export const two = 2;\n');
    expect(readdirSync(path.join(root, 'src')).sort()).toEqual(['list.ts', 'plain.ts']);
    expect(stdout).toContain('Files: 1 changed, 1 unchanged, 0 skipped, 0 failed');
    expect(stdout).toContain('  cloudautomation:projects:read\n');
    expect(stdout).toContain('DT_CLIENT_ID=');
    expect(stdout).toContain('keep    KEPTN_API_TOKEN');
  });

  it('passes helper and type options through to the transform', async () => {
    write('src/list.ts', LEGACY);
    write('tsconfig.json', '{ "compilerOptions": { "strict": true } }');
    await cli(['migrate', '-t', 'tiny', '--helper-module', '@acme/auth', '--helper-export', 'fromEnv', '--client-export', 'client', '--include-unsure', '--library', '--tsconfig', 'tsconfig.json', 'src']);
    expect(seenOptions[0]).toMatchObject({
      helperModule: '@acme/auth',
      helperExport: 'fromEnv',
      clientExport: 'client',
      includeUnsure: true,
      library: true,
      tsconfig: path.join(root, 'tsconfig.json'),
    });
    expect(typeof seenOptions[0]?.reporter).toBe('function');
  });

  it('--dry prints a unified diff and writes nothing', async () => {
    write('src/list.ts', LEGACY);
    const { code, stdout } = await cli(['migrate', '--dry', '-t', 'tiny', 'src']);
    expect(code).toBe(0);
    expect(read('src/list.ts')).toBe(LEGACY);
    expect(stdout).toContain('--- a/src/list.ts\n+++ b/src/list.ts\n');
    expect(stdout).toMatch(/^-export const list = .*'x-token': process\.env\.KEPTN_API_TOKEN/mu);
    expect(stdout).toContain('dry run: nothing was written');
    expect(stdout).toContain('1 would change');
  });

  it('--print prints the new text and writes nothing', async () => {
    write('src/list.ts', LEGACY);
    const { stdout } = await cli(['migrate', '--print', '-t', 'tiny', 'src']);
    expect(read('src/list.ts')).toBe(LEGACY);
    expect(stdout).toContain('// src/list.ts\nconst url =');
    expect(stdout).not.toContain("'x-token'");
  });

  it('--json prints one JSON document and nothing else', async () => {
    write('src/list.ts', LEGACY);
    write('src/odd.ts', "// MANUAL\nexport const h = { 'x-token': 'a' };\n");
    const { code, stdout } = await cli(['migrate', '--json', '--dry', '-t', 'tiny', 'src']);
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as MigrationReport & { diff: { file: string; patch: string }[] };
    expect(report.files.changed).toEqual(['src/list.ts', 'src/odd.ts']);
    expect(report.manual).toEqual([{ file: 'src/odd.ts', line: 1, column: 1, transform: 'tiny', what: 'odd header', why: 'the tiny transform cannot follow it', todo: 'do it by hand' }]);
    expect(report.scopes.required).toEqual(['cloudautomation:projects:read']);
    expect(report.diff.map((entry) => entry.file)).toEqual(['src/list.ts', 'src/odd.ts']);
    expect(report.exitCode).toBe(1);
  });

  it('reports a file that does not parse with its parser message, migrates the others, exits 1', async () => {
    write('src/list.ts', LEGACY);
    write('src/broken.ts', "const headers = { 'x-token': 'a' ;\n");
    const { code, stdout } = await cli(['migrate', '-t', 'tiny', 'src']);
    expect(code).toBe(1);
    expect(read('src/broken.ts')).toBe("const headers = { 'x-token': 'a' ;\n");
    expect(read('src/list.ts')).not.toContain('x-token');
    expect(stdout).toMatch(/failed {3}src\/broken\.ts: cannot parse: .*\(1:\d+\)/u);
    expect(stdout).toContain('1 changed, 0 unchanged, 0 skipped, 1 failed');
  });

  it('refuses to write into a dirty git tree, says why and how to override (exit 2)', async () => {
    write('src/list.ts', LEGACY);
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'init');
    write('src/list.ts', `${LEGACY}// work in progress\n`);
    const refused = await cli(['migrate', '-t', 'tiny', 'src']);
    expect(refused.code).toBe(2);
    expect(refused.stderr).toBe(
      'eslint-plugin-cloud-automation: refusing to write: src/list.ts has uncommitted changes, and the migration could not be told apart from them or undone with git. Commit or stash first, look with --dry, or pass --force\n',
    );
    expect(read('src/list.ts')).toContain("'x-token'");
    expect((await cli(['migrate', '--dry', '-t', 'tiny', 'src'])).code).toBe(0);
    expect((await cli(['migrate', '--force', '-t', 'tiny', 'src'])).code).toBe(0);
    expect(read('src/list.ts')).not.toContain("'x-token'");
  });

  it('shows progress on a terminal only', async () => {
    write('src/a.ts', LEGACY);
    write('src/b.ts', LEGACY);
    expect((await cli(['migrate', '--dry', '-t', 'tiny', 'src'], { tty: true })).stderr).toContain('2/2 files');
    expect((await cli(['migrate', '--dry', '-t', 'tiny', 'src'], { tty: false })).stderr).toBe('');
    expect((await cli(['migrate', '--dry', '--json', '-t', 'tiny', 'src'], { tty: true })).stderr).toBe('');
  });
});

describe('migrate with the package transforms', () => {
  const BOTH = `const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';
export async function sendEvent(event: object): Promise<Response> {
  return fetch(\`\${KEPTN_ENDPOINT}/v1/event\`, { method: 'POST', headers: { 'x-token': process.env.KEPTN_API_TOKEN ?? '' }, body: JSON.stringify(event) });
}
export async function projects(): Promise<Response> {
  return fetch(\`\${KEPTN_ENDPOINT}/controlPlane/v1/project\`);
}
`;

  it('runs x-token-to-oauth and add-oauth by default, into one report', async () => {
    write('src/keptn.ts', BOTH);
    const { code, stdout } = await cli(['migrate', '--json', '--dry', 'src'], { deps: {} });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as MigrationReport & { diff: { file: string; patch: string }[] };
    expect(report.transforms).toEqual(['x-token-to-oauth', 'add-oauth']);
    expect(report.migrated.map((site) => site.transform).sort()).toEqual(['add-oauth', 'x-token-to-oauth']);
    expect(report.scopes.required).toEqual(expect.arrayContaining(['cloudautomation:events:write', 'cloudautomation:projects:read']));
    expect(report.diff[0]?.patch.match(/oauthClientFromEnv\(\)\.fetch\(/gu)).toHaveLength(2);
    // Lines of the file as it was, each call once (two parses used to count a call at two lines).
    expect(report.scopes.calls.map((call) => `${call.line} ${call.method ?? ''} ${call.path}`)).toEqual([
      '3 POST /{…}/v1/event',
      '6 GET /{…}/controlPlane/v1/project',
    ]);
    expect(read('src/keptn.ts')).toBe(BOTH);
  });

  it('says what changes in a file that only gets a marker', async () => {
    // One header object read by a Keptn request and by another service's, and the Keptn request is handed
    // to the caller, who may write it before a token could be there: neither is rewritten, the header is marked.
    write(
      'src/shared.ts',
      [
        "import https from 'node:https';",
        '',
        "const headers = { 'x-token': process.env.KEPTN_API_TOKEN };",
        '',
        'export function projects(): ReturnType<typeof https.get> {',
        "  https.get('https://tracker.example.com/keptn/v1/event', { headers });",
        '  return https.get(`${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project`, { headers });',
        '}',
        '',
      ].join('\n'),
    );
    const { stdout } = await cli(['migrate', '--dry', 'src'], { deps: {} });
    expect(stdout).toMatch(/^ {2}would change {2}src\/shared\.ts: marked for a person: 1 site \(line 3\)$/mu);
    const written = await cli(['migrate', 'src'], { deps: {} });
    expect(written.stdout).toMatch(/^ {2}changed {2}src\/shared\.ts: marked for a person: 1 site \(line 3\)$/mu);
    // The marker is there now: a second run changes nothing and does not claim it marks it.
    const again = await cli(['migrate', '--dry', 'src'], { deps: {} });
    expect(again.stdout).not.toMatch(/marked for a person: \d+ site/u);
    expect(again.stdout).toContain('why:  marked for a person by an earlier run');
    expect(again.stdout).toContain('Files: 0 would change, 1 unchanged');
  });

  it('words the --include-unsure escape hatch per file, with the path as the report shows it', async () => {
    write('src/dir with space/events.ts', `export const send = (endpoint: string, token: string) => fetch(\`\${endpoint}/v1/event\`, { method: 'POST', headers: { 'x-token': token } });\n`);
    const { stdout } = await cli(['migrate', '--json', '--dry', 'src'], { deps: {} });
    const report = JSON.parse(stdout) as MigrationReport;
    expect(report.manual).toEqual([
      expect.objectContaining({
        file: 'src/dir with space/events.ts',
        todo: "migrate it by hand if it does; or, once you have checked that it and the other unsure sites of this file do, run `npx eslint-plugin-cloud-automation migrate --include-unsure 'src/dir with space/events.ts'` (jscodeshift: --includeUnsure on this file)",
      }),
    ]);
    // Following it migrates that site.
    const again = await cli(['migrate', '--json', '--dry', '--include-unsure', 'src/dir with space/events.ts'], { deps: {} });
    expect((JSON.parse(again.stdout) as MigrationReport).migrated).toHaveLength(1);
  });

  it('--include-unsure leaves sites the code shows are not Cloud Automation, and counts none of their scopes', async () => {
    const OTHER = `export async function local(port: number, token: string): Promise<void> {
  await fetch(\`http://localhost:\${port}/api/v1/event\`, { method: 'POST', headers: { 'x-token': token } });
}
export async function session(keptnApiUrl: string): Promise<void> {
  const login = await fetch(\`\${keptnApiUrl}/session\`, { method: 'POST' });
  const token = login.headers.get('x-token') ?? '';
  await fetch(\`\${keptnApiUrl}/v1/event\`, { method: 'POST', headers: { 'x-token': token } });
}
`;
    write('src/other.ts', OTHER);
    const { code, stdout } = await cli(['migrate', '--json', '--include-unsure', 'src'], { deps: {} });
    // Left for a person (to leave alone): exit 1, as for any site the run leaves.
    expect(code).toBe(1);
    const report = JSON.parse(stdout) as MigrationReport;
    expect(read('src/other.ts')).toBe(OTHER);
    expect(report.migrated).toEqual([]);
    expect(report.manual.map((site) => [site.line, site.todo])).toEqual([
      [2, 'leave it: that service takes the x-token it gets now, not OAuth; remove the x-token only if that service no longer needs it'],
      [7, 'leave it: that service takes the x-token it gets now, not OAuth; remove the x-token only if that service no longer needs it'],
    ]);
    expect(report.manual.map((site) => site.why)).toEqual([
      expect.stringMatching(/^its host http:\/\/localhost:\* is written out and is no Cloud Automation host/u),
      expect.stringMatching(/^the token is read from a response header on line 6: a session token/u),
    ]);
    expect(report.scopes.calls).toEqual([]);
    expect(report.scopes.notCounted.map((call) => [call.line, call.elsewhere !== undefined])).toEqual([[2, true], [7, true]]);
    const text = await cli(['migrate', '--dry', '--include-unsure', 'src'], { deps: {} });
    expect(text.stdout).toContain('Not counted: 2 requests the code shows go to another service (the migration never rewrites them, not even with --include-unsure):');
  });

  it('loads both as one transform, so each file is parsed once', async () => {
    const all = await loadTransforms([]);
    expect(all.map((transform) => [transform.name, transform.covers])).toEqual([['migrate', ['x-token-to-oauth', 'add-oauth']]]);
    expect((await loadTransforms(['add-oauth', 'x-token-to-oauth'])).map((transform) => transform.name)).toEqual(['migrate']);
    expect((await loadTransforms(['add-oauth'])).map((transform) => transform.name)).toEqual(['add-oauth']);
  });

  it('-t add-oauth runs only that one', async () => {
    write('src/keptn.ts', BOTH);
    const { stdout } = await cli(['migrate', '--json', '--dry', '-t', 'add-oauth', 'src'], { deps: {} });
    const report = JSON.parse(stdout) as MigrationReport;
    expect(report.transforms).toEqual(['add-oauth']);
    expect(report.migrated).toEqual([expect.objectContaining({ transform: 'add-oauth', line: 6 })]);
  });
});

describe('bad input gets one line and exit 2, and nothing is written', () => {
  it.each([
    [['migrate', '--frobnicate', 'src'], 'eslint-plugin-cloud-automation: unknown option --frobnicate (see --help)\n'],
    [['migrate', '-t', 'tiny', 'nowhere'], 'eslint-plugin-cloud-automation: path does not exist: nowhere\n'],
    [['migrate', '-t', 'tiny', '--tsconfig', 'missing.json', 'src'], 'eslint-plugin-cloud-automation: --tsconfig missing.json: file does not exist or cannot be read\n'],
  ])('%j', async (argv, message) => {
    write('src/list.ts', LEGACY);
    const { code, stderr, stdout } = await cli(argv);
    expect({ code, stderr, stdout }).toEqual({ code: 2, stderr: message, stdout: '' });
    expect(read('src/list.ts')).toBe(LEGACY);
  });

  it('a tsconfig that does not parse', async () => {
    write('src/list.ts', LEGACY);
    write('tsconfig.json', '{ "compilerOptions": { "strict": true, } ');
    const { code, stderr } = await cli(['migrate', '-t', 'tiny', '--tsconfig', 'tsconfig.json', 'src']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^eslint-plugin-cloud-automation: --tsconfig tsconfig\.json: .+\n$/u);
    expect(stderr.split('\n')).toHaveLength(2);
    expect(read('src/list.ts')).toBe(LEGACY);
  });

  it('an unknown transform', async () => {
    write('src/list.ts', LEGACY);
    const { code, stderr } = await cli(['migrate', '-t', 'nope', 'src'], { deps: {} });
    expect(code).toBe(2);
    expect(stderr).toBe('eslint-plugin-cloud-automation: --transform wants x-token-to-oauth or add-oauth, got "nope"\n');
  });
});

describe('scopes', () => {
  it('reports the scopes and changes nothing', async () => {
    write('src/list.ts', LEGACY);
    const { code, stdout } = await cli(['scopes', '-t', 'tiny', 'src']);
    expect(code).toBe(0);
    expect(read('src/list.ts')).toBe(LEGACY);
    expect(stdout).toContain('Cloud Automation OAuth scopes (nothing was changed)');
    expect(stdout).toContain('cloudautomation:projects:read            src/list.ts:1 GET /controlPlane/v1/project');
    expect(stdout).not.toContain('Left for you');
    expect(stdout).not.toContain('DT_CLIENT_ID');
  });

  it('counts calls that already go through the OAuth helper, long after the migration', async () => {
    write(
      'src/migrated.ts',
      `import axios from 'axios';
import { createOAuthClient, oauthClientFromEnv } from 'cloud-automation-oauth';
const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';
const client = createOAuthClient({ clientId: 'id', clientSecret: 'secret', accountUrn: 'urn:dtaccount:x' });
const api = client.attachToAxios(axios.create({ baseURL: \`\${KEPTN_ENDPOINT}/controlPlane\` }));
export async function sendEvent(event: object): Promise<Response> {
  return oauthClientFromEnv().fetch(\`\${KEPTN_ENDPOINT}/v1/event\`, { method: 'POST', body: JSON.stringify(event) });
}
export const projects = () => client.fetch(\`\${KEPTN_ENDPOINT}/controlPlane/v1/project\`);
export const stages = (project: string) => api.get(\`/v1/project/\${project}/stage\`);
`,
    );
    const { code, stdout } = await cli(['scopes', '--json', 'src'], { deps: {} });
    expect(code).toBe(0);
    const report = JSON.parse(stdout) as MigrationReport;
    expect(report.scopes.calls.map((call) => `${call.line} ${call.method ?? ''} ${call.path}`)).toEqual([
      '7 POST /{…}/v1/event',
      '9 GET /{…}/controlPlane/v1/project',
      '10 GET /{…}/controlPlane/v1/project/{…}/stage',
    ]);
    // The stage list is read through the attached axios instance: its path sits behind the instance's baseURL.
    expect(report.scopes.exact).toBe(true);
    expect(report.scopes.required).toEqual(['cloudautomation:events:write', 'cloudautomation:projects:read', 'cloudautomation:stages:read']);
    expect(report.migrated).toEqual([]);
  });
});

describe('--help and --version', () => {
  it('prints help with examples, and the package version', async () => {
    const help = await cli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toContain('Usage: eslint-plugin-cloud-automation <command> [options] <paths…>');
    expect(help.stdout).toContain('npx eslint-plugin-cloud-automation migrate --dry src');
    expect(await cli(['--version'])).toEqual({ code: 0, stdout: `${packageInfo().version}\n`, stderr: '' });
  });
});

/**
 * Header builders handed across modules (codemods/builder-hand-off.ts): with every caller in the
 * run, the builder returns the OAuth header and its calls await it; with any caller that cannot
 * wait, nothing moves and the marker says which call and why. Each test is a small project on
 * disk, as the type oracle and the caller search read it.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resetTypeOracle } from '../../codemods/type-oracle.js';
import migrate from '../../codemods/migrate.js';
import { handOffSources } from '../../codemods/builder-hand-off.js';
import { withHandOffsChecked } from '../../cli/hand-off-check.js';
import type { TransformedFile } from '../../cli/transform-file.js';
import { runTransform } from './run-transform.js';

let project: string;
const files: string[] = [];
const sources = new Map<string, string>();

function write(name: string, text: string): string {
  const file = path.join(project, name);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  files.push(file);
  sources.set(file, text);
  return file;
}

/** Every file through the transform as one migrate run (or with `runFiles` as given). A new list each run, as each CLI run makes one. */
function run(runFiles: readonly string[] = [...files]): Map<string, ReturnType<typeof runTransform>> {
  return new Map(files.map((file) => [path.basename(file), runTransform(file, sources.get(file) ?? '', { runFiles })]));
}

beforeEach(() => {
  project = mkdtempSync(path.join(tmpdir(), 'hand-off-'));
  files.length = 0;
  sources.clear();
  writeFileSync(path.join(project, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, allowJs: true, checkJs: true, module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['*.ts', '*.js'] }));
});

afterEach(() => {
  resetTypeOracle();
  rmSync(project, { recursive: true, force: true });
});

const BUILDER = [
  'export function buildHeaders(token: string, extra: Record<string, string> = {}): Record<string, string> {',
  "  return { accept: 'application/json', ...extra, 'x-token': token };",
  '}',
  '',
].join('\n');

const EVENTS = [
  "import axios from 'axios';",
  "import { buildHeaders } from './headers.js';",
  'export async function trigger(baseUrl: string, token: string, event: object) {',
  '  const headers = buildHeaders(token);',
  '  return axios.post(`${baseUrl}/api/v1/event`, event, { headers });',
  '}',
  'export async function accept(baseUrl: string, token: string) {',
  '  const { data } = await axios.get(`${baseUrl}/api/controlPlane/v1/project`, { headers: { accept: buildHeaders(token).accept } });',
  '  return data;',
  '}',
  '',
].join('\n');

describe('an exported header builder whose callers are all in the run', () => {
  it('becomes async and returns the OAuth header where the x-token was, and every call of it is awaited', () => {
    write('headers.ts', BUILDER);
    write('events.ts', EVENTS);
    const results = run();
    const builder = results.get('headers.ts');
    expect(builder?.output).toContain('export async function buildHeaders(token: string, extra: Record<string, string> = {}): Promise<Record<string, string>> {');
    // A spread before it may carry an Authorization of the caller's: the helper's goes first, so that one still wins.
    expect(builder?.output).toContain("return { Authorization: await oauthClientFromEnv().authorizationHeader(), accept: 'application/json', ...extra };");
    expect(builder?.report?.migrated.map((site) => site.what)).toEqual([
      'x-token header → Authorization from the OAuth helper; `buildHeaders()` is async now, and its 2 calls await it (events.ts:4, events.ts:8)',
    ]);
    const events = results.get('events.ts')?.output;
    expect(events).toContain('const headers = await buildHeaders(token);');
    // A call that is the object of a member access gets its parentheses.
    expect(events).toContain('{ headers: { accept: (await buildHeaders(token)).accept } }');
    expect(results.get('events.ts')?.report?.handOffs).toEqual([
      { role: 'caller', builder: path.join(project, 'headers.ts'), name: 'buildHeaders', exported: 'function', calls: [4, 8].map((line) => ({ file: path.join(project, 'events.ts'), line })) },
    ]);
  });

  it('changes nothing on a second run over the migrated files', () => {
    write('headers.ts', BUILDER);
    write('events.ts', EVENTS);
    const first = run();
    for (const file of files) {
      const output = first.get(path.basename(file))?.output;
      if (output !== undefined) {
        writeFileSync(file, output);
        sources.set(file, output);
      }
    }
    resetTypeOracle();
    for (const result of run().values()) expect(result.output).toBeUndefined();
  });

  it('outside an async function, chains the request it returns behind the builder instead', () => {
    write('headers.ts', BUILDER);
    write(
      'approve.ts',
      [
        "import { buildHeaders } from './headers.js';",
        'export function approve(baseUrl: string, token: string, event: object): Promise<unknown> {',
        '  return fetch(`${baseUrl}/api/v1/event`, {',
        "    method: 'POST',",
        "    headers: buildHeaders(token, { 'x-keptn-source': 'cli' }),",
        '    body: JSON.stringify(event),',
        '  }).then((res) => res.json());',
        '}',
        '',
      ].join('\n'),
    );
    const results = run();
    expect(results.get('headers.ts')?.output).toContain('export async function buildHeaders(');
    expect(results.get('approve.ts')?.output).toBe(
      [
        "import { buildHeaders } from './headers.js';",
        'export function approve(baseUrl: string, token: string, event: object): Promise<unknown> {',
        "  return buildHeaders(token, { 'x-keptn-source': 'cli' }).then((headers) => fetch(`${baseUrl}/api/v1/event`, {",
        "    method: 'POST',",
        '    headers,',
        '    body: JSON.stringify(event),',
        '  })).then((res) => res.json());',
        '}',
        '',
      ].join('\n'),
    );
  });

  it('in JavaScript, wraps the JSDoc return type in Promise and awaits CommonJS callers', () => {
    write(
      'http.js',
      [
        "const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';",
        '/**',
        ' * Headers every Keptn API call needs.',
        ' * @returns {Record<string, string>}',
        ' */',
        'function keptnHeaders() {',
        "  return { 'x-token': KEPTN_API_TOKEN, accept: 'application/json' };",
        '}',
        'module.exports = { keptnHeaders };',
        '',
      ].join('\n'),
    );
    write(
      'projects.js',
      [
        "const got = require('got');",
        "const { keptnHeaders } = require('./http');",
        'async function projects(endpoint) {',
        '  const options = { headers: keptnHeaders(), throwHttpErrors: false };',
        '  return got(`${endpoint}/controlPlane/v1/project`, options).json();',
        '}',
        'module.exports = { projects };',
        '',
      ].join('\n'),
    );
    const results = run();
    const http = results.get('http.js')?.output;
    expect(http).toContain(' * @returns {Promise<Record<string, string>>}');
    expect(http).toContain('async function keptnHeaders() {');
    expect(http).toContain("return { Authorization: await oauthClientFromEnv().authorizationHeader(), accept: 'application/json' };");
    // The token constant nothing reads any more goes with it.
    expect(http).not.toContain('KEPTN_API_TOKEN');
    expect(results.get('projects.js')?.output).toContain('const options = { headers: await keptnHeaders(), throwHttpErrors: false };');
  });
});

describe('a builder that cannot hand the token over', () => {
  const markerOf = (result: ReturnType<typeof runTransform> | undefined): string | undefined => result?.report?.manual[0]?.why;

  it('stays, marked with the call that cannot wait for the token, when a caller is not async', () => {
    write('headers.ts', BUILDER);
    write('events.ts', EVENTS);
    write('sync.ts', "import axios from 'axios';\nimport { buildHeaders } from './headers.js';\nexport function stages(baseUrl: string, token: string) {\n  const pending = axios.get(`${baseUrl}/api/controlPlane/v1/project/demo/stage`, { headers: buildHeaders(token) });\n  return pending;\n}\n");
    const results = run();
    expect(markerOf(results.get('headers.ts'))).toBe(
      'the header object is returned by `buildHeaders()`, which is exported, and no request in this file sends it; it cannot return the OAuth token to its callers instead: its call in sync.ts:4 is not in an async function, where the token cannot be awaited, and it is not in the options of a request the function returns as a promise',
    );
    // All or nothing: the callers that could wait are left as they were too.
    expect(results.get('events.ts')?.output).toBeUndefined();
    expect(results.get('sync.ts')?.output).toBeUndefined();
  });

  it('stays when a caller is not in the run, and says to run both together', () => {
    write('headers.ts', BUILDER);
    const events = write('events.ts', EVENTS);
    const results = run([path.join(project, 'headers.ts')]);
    expect(markerOf(results.get('headers.ts'))).toContain(`its call in events.ts:4 is in a file this run does not migrate; run the codemod on both files together`);
    expect(runTransform(events, EVENTS, { runFiles: [path.join(project, 'headers.ts')] }).output).toBeUndefined();
  });

  it('stays when a caller imports it through a re-exporting module', () => {
    write('headers.ts', BUILDER);
    write('index.ts', "export { buildHeaders } from './headers.js';\n");
    write('events.ts', EVENTS.replace("from './headers.js'", "from './index.js'"));
    expect(markerOf(run().get('headers.ts'))).toContain('its call in events.ts:4 imports it through a module that re-exports it, which the codemod does not follow');
  });

  it('stays when its own file uses it too', () => {
    write('headers.ts', `${BUILDER}export const logged = (): string => JSON.stringify(buildHeaders('redacted'));\n`);
    write('events.ts', EVENTS);
    expect(markerOf(run().get('headers.ts'))).toContain('its call on line 4 is not in an async function, where the token cannot be awaited, and it is not in the options of a request the function returns as a promise');
  });

  it('stays when it also sends an Authorization of its own', () => {
    write('headers.ts', BUILDER.replace("accept: 'application/json'", "Authorization: 'Basic abc'"));
    write('events.ts', EVENTS);
    expect(markerOf(run().get('headers.ts'))).toContain('the object also carries an `Authorization` of its own, which the OAuth token would have to replace');
  });

  it('is never handed over without the run file list (jscodeshift on one file at a time)', () => {
    const builder = write('headers.ts', BUILDER);
    write('events.ts', EVENTS);
    expect(runTransform(builder, BUILDER).report?.manual[0]?.why).toContain('the codemod rewrites one file at a time');
  });
});

const HEADER_OBJECT = [
  "const keptnAuthHeaders = { accept: 'application/json', 'x-token': process.env.KEPTN_API_TOKEN ?? '' };",
  'export { keptnAuthHeaders as keptnHeaders };',
  '',
].join('\n');

const READERS = [
  "import axios from 'axios';",
  "import { keptnHeaders } from './headers.js';",
  'export async function trigger(baseUrl: string, event: object) {',
  '  return axios.post(`${baseUrl}/api/v1/event`, event, { headers: keptnHeaders });',
  '}',
  'export async function projects(baseUrl: string, user?: string) {',
  '  const { data } = await axios.get(`${baseUrl}/api/controlPlane/v1/project`, { headers: { ...keptnHeaders, ...(user && { Authorization: user }) } });',
  '  return data;',
  '}',
  '',
].join('\n');

describe('an exported header object whose every reader is a request in the run', () => {
  it('gives up its x-token, and each request that reads it adds the OAuth header right after it', () => {
    write('headers.ts', HEADER_OBJECT);
    write('events.ts', READERS);
    const results = run();
    const builder = results.get('headers.ts');
    expect(builder?.output).toContain("const keptnAuthHeaders = { accept: 'application/json' };");
    expect(builder?.report?.migrated.map((site) => site.what)).toEqual([
      'x-token header removed from `keptnHeaders`; the 2 requests that send it take Authorization from the OAuth helper (events.ts:4, events.ts:7)',
    ]);
    const events = results.get('events.ts');
    expect(events?.output).toContain('{ headers: { ...keptnHeaders, Authorization: await oauthClientFromEnv().authorizationHeader() } }');
    // After the spread: the user's own Authorization, later in the literal, still wins, as it did over the x-token.
    expect(events?.output).toContain('{ headers: { ...keptnHeaders, Authorization: await oauthClientFromEnv().authorizationHeader(), ...(user && { Authorization: user }) } }');
    expect(events?.report?.handOffs).toEqual([{ role: 'caller', builder: path.join(project, 'headers.ts'), name: 'keptnHeaders', exported: 'object', calls: [4, 7].map((line) => ({ file: path.join(project, 'events.ts'), line })) }]);
    // A second run over the migrated files changes nothing.
    for (const file of files) sources.set(file, results.get(path.basename(file))?.output ?? sources.get(file) ?? '');
    for (const [name, second] of run()) expect(second.output, name).toBeUndefined();
  });

  it('takes a read in a type assertion as it is', () => {
    write('headers.ts', HEADER_OBJECT);
    write('events.ts', READERS.replace('{ headers: keptnHeaders }', '{ headers: keptnHeaders as Record<string, string> }'));
    const results = run();
    expect(results.get('headers.ts')?.report?.error).toBeUndefined();
    expect(results.get('events.ts')?.output).toContain('{ headers: { ...keptnHeaders as Record<string, string>, Authorization: await oauthClientFromEnv().authorizationHeader() } }');
  });

  it('in CommonJS, read through a destructured require', () => {
    write('keptn.js', "exports.keptnHeaders = { 'x-token': process.env.KEPTN_API_TOKEN };\n");
    write('stages.js', "const got = require('got');\nconst { keptnHeaders } = require('./keptn');\nasync function stages(endpoint) {\n  return got(`${endpoint}/api/controlPlane/v1/project/demo/stage`, { headers: keptnHeaders }).json();\n}\nmodule.exports = { stages };\n");
    const results = run();
    expect(results.get('keptn.js')?.output).toBe('exports.keptnHeaders = {};\n');
    expect(results.get('stages.js')?.output).toContain('{ headers: { ...keptnHeaders, Authorization: await oauthClientFromEnv().authorizationHeader() } }');
  });

  it('in CommonJS, a member of `module.exports` read through the required module (the member is what is exported, not the whole object)', () => {
    write('keptn.js', [
      'const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN;',
      'module.exports = {',
      '  endpoint: process.env.KEPTN_ENDPOINT,',
      "  headers: { 'Content-Type': 'application/json', 'x-token': KEPTN_API_TOKEN },",
      '};',
      '',
    ].join('\n'));
    write('stages.js', [
      "const keptn = require('./keptn');",
      'async function trigger(event) {',
      "  const response = await fetch(`${keptn.endpoint}/api/v1/event`, { method: 'POST', headers: { ...keptn.headers }, body: JSON.stringify(event) });",
      '  return response.json();',
      '}',
      'module.exports = { trigger };',
      '',
    ].join('\n'));
    const results = run();
    // The token constant nothing sends any more goes too.
    expect(results.get('keptn.js')?.output).toBe("module.exports = {\n  endpoint: process.env.KEPTN_ENDPOINT,\n  headers: { 'Content-Type': 'application/json' },\n};\n");
    expect(results.get('stages.js')?.output).toContain("headers: { ...keptn.headers, Authorization: await oauthClientFromEnv().authorizationHeader() }, body");
  });
});

const INSTANCE_READER = [
  "import axios from 'axios';",
  "import { keptnHeaders } from './headers.js';",
  '',
  'export class KeptnService {',
  '  private readonly http = axios.create({ baseURL: process.env.KEPTN_ENDPOINT, headers: keptnHeaders });',
  '',
  '  async projects(): Promise<unknown> {',
  "    const { data } = await this.http.get('/controlPlane/v1/project');",
  '    return data;',
  '  }',
  '',
  '  async stages(project: string, user: string): Promise<unknown> {',
  '    const { data } = await this.http.get(`/controlPlane/v1/project/${project}/stage`, { headers: { Authorization: user } });',
  '    return data;',
  '  }',
  '}',
  '',
].join('\n');

describe('an exported header object an axios instance in another module is made with', () => {
  it('gives up its x-token, and the instance gets the helper attached, which authorizes only under its baseURL', () => {
    write('headers.ts', HEADER_OBJECT);
    write('service.ts', INSTANCE_READER);
    write('events.ts', READERS);
    const results = run();
    expect(results.get('headers.ts')?.output).toContain("const keptnAuthHeaders = { accept: 'application/json' };");
    expect(results.get('headers.ts')?.report?.migrated.map((site) => site.what)).toEqual([
      'x-token header removed from `keptnHeaders`; the 2 requests that send it take Authorization from the OAuth helper (events.ts:4, events.ts:7); the axios instance made with it has the OAuth helper attached (service.ts:5)',
    ]);
    const service = results.get('service.ts');
    expect(service?.output).toContain('private readonly http = oauthClientFromEnv().attachToAxios(axios.create({ baseURL: process.env.KEPTN_ENDPOINT, headers: keptnHeaders }));');
    expect(service?.output).toContain("import { oauthClientFromEnv } from 'cloud-automation-oauth';");
    // The user's own Authorization on one request stays as written: the helper never replaces it.
    expect(service?.output).toContain('{ headers: { Authorization: user } }');
    expect(service?.report?.handOffs).toEqual([{ role: 'caller', builder: path.join(project, 'headers.ts'), name: 'keptnHeaders', exported: 'object', calls: [{ file: path.join(project, 'service.ts'), line: 5 }] }]);
    for (const file of files) sources.set(file, results.get(path.basename(file))?.output ?? sources.get(file) ?? '');
    for (const [name, second] of run()) expect(second.output, name).toBeUndefined();
  });

  it('is graded by the instance\'s requests (the object alone names nothing of Cloud Automation): without the reader in the run, it stays with the reader named, not as an unsure site', () => {
    write('headers.ts', HEADER_OBJECT);
    write('service.ts', INSTANCE_READER);
    const alone = run([path.join(project, 'headers.ts')]).get('headers.ts');
    expect(alone?.report?.manual[0]?.why).toContain('it is read in service.ts:5, a file this run does not migrate; run the codemod on both files together');
  });
});

describe('an exported header object that cannot give up its x-token', () => {
  const markerOf = (result: ReturnType<typeof runTransform> | undefined): string | undefined => result?.report?.manual[0]?.why;
  const refused = (why: string): string => `the header object is exported as \`keptnHeaders\`, and no request in this file sends it; it cannot return the OAuth token to its callers instead: ${why}`;

  it('stays, marked with the read that cannot take the token, when a reader is not async', () => {
    write('headers.ts', HEADER_OBJECT);
    write('events.ts', READERS);
    write('sync.ts', "import axios from 'axios';\nimport { keptnHeaders } from './headers.js';\nexport function stages(baseUrl: string) {\n  return axios.get(`${baseUrl}/api/controlPlane/v1/project/demo/stage`, { headers: keptnHeaders });\n}\n");
    const results = run();
    expect(markerOf(results.get('headers.ts'))).toBe(refused('its read in sync.ts:4 is not in an async function, where the token cannot be awaited'));
    expect(results.get('events.ts')?.output).toBeUndefined();
    expect(results.get('sync.ts')?.output).toBeUndefined();
  });

  it('stays when a module reads it other than as a request\'s headers, or a reader is not in the run', () => {
    write('headers.ts', HEADER_OBJECT);
    write('events.ts', READERS);
    expect(markerOf(run([path.join(project, 'headers.ts')]).get('headers.ts'))).toContain('it is read in events.ts:4, a file this run does not migrate; run the codemod on both files together');
    // A new file: the project's file list is read again, as a new CLI run would.
    resetTypeOracle();
    write('debug.ts', "import { keptnHeaders } from './headers.js';\nexport const shown = (): string => JSON.stringify(keptnHeaders);\n");
    expect(markerOf(run().get('headers.ts'))).toContain("it is read in debug.ts:2 other than as the headers written in a request's arguments, so the token cannot be added for that request alone");
  });

  it('stays when an instance made with it cannot bind the token to where the x-token went', () => {
    const refusal = (reader: string): string | undefined => {
      resetTypeOracle();
      for (const file of [...files]) rmSync(file);
      files.length = 0;
      sources.clear();
      write('headers.ts', HEADER_OBJECT);
      write('service.ts', reader);
      const results = run();
      expect(results.get('service.ts')?.output).toBeUndefined();
      return markerOf(results.get('headers.ts'));
    };
    expect(refusal(INSTANCE_READER.replace('baseURL: process.env.KEPTN_ENDPOINT, ', ''))).toBe(refused('its read in service.ts:5 is in the options of an axios instance made without a `baseURL`, so the helper attached to it could not tell which hosts the token is for'));
    expect(refusal(INSTANCE_READER.replace('headers: keptnHeaders', "headers: keptnHeaders, auth: { username: 'keptn', password: 'proxy' }"))).toBe(
      refused('its read in service.ts:5 sits in options that also send `Authorization: Basic …` through the `auth` option, which the helper never replaces'),
    );
    expect(refusal(INSTANCE_READER.replace("this.http.get('/controlPlane/v1/project')", "this.http.post('/v1/auth')"))).toBe(
      refused('its read in service.ts:5 makes an instance whose request on line 8 is a POST /api/v1/auth token check, which means nothing under OAuth'),
    );
    expect(refusal(INSTANCE_READER.replace("import axios from 'axios';", "import got from 'got';").replace('axios.create({ baseURL:', 'got.extend({ prefixUrl:'))).toBe(
      refused('its read in service.ts:5 is in the options of a got instance, and the codemod attaches the OAuth helper to an instance made in another module only for axios'),
    );
  });

  it('stays when a request that reads it also sends Basic credentials through its options', () => {
    write('headers.ts', HEADER_OBJECT);
    write('events.ts', READERS.replace('{ headers: keptnHeaders }', "{ headers: keptnHeaders, auth: { username: 'keptn', password: 'proxy' } }"));
    const results = run();
    expect(markerOf(results.get('headers.ts'))).toBe(refused('its read in events.ts:4 sits in options that also send `Authorization: Basic …` through the `auth` option, which the helper never replaces'));
    expect(results.get('events.ts')?.output).toBeUndefined();
  });

  it('stays when its own file uses it too, or it may be replaced', () => {
    write('headers.ts', `${HEADER_OBJECT}export const logged = (): string => JSON.stringify(keptnAuthHeaders);\n`);
    write('events.ts', READERS);
    expect(markerOf(run().get('headers.ts'))).toContain('this file also uses it (line 3), where the codemod sees no request of it');
    sources.set(path.join(project, 'headers.ts'), HEADER_OBJECT.replace('const keptnAuthHeaders', 'let keptnAuthHeaders'));
    expect(markerOf(run().get('headers.ts'))).toContain('it is declared with `let`, so other values may take its place');
  });
});

describe('the combined migrate transform', () => {
  it('opens a caller that names nothing of Cloud Automation because it imports a builder of the run', () => {
    write('headers.ts', BUILDER);
    const caller = write('caller.ts', "import { buildHeaders } from './headers.js';\nexport async function headersFor(token: string) {\n  return { headers: buildHeaders(token) };\n}\n");
    expect(runTransform(caller, sources.get(caller) ?? '', { runFiles: [...files] }, migrate).output).toBeUndefined();
    // No request here sends it, so nothing shows where its callers' value goes: the builder stays unsure, and so does the caller.
    write('events.ts', EVENTS);
    resetTypeOracle();
    expect(runTransform(caller, sources.get(caller) ?? '', { runFiles: [...files] }, migrate).output).toContain('headers: await buildHeaders(token)');
  });
});

describe('which imported files may hand a builder to a file (read before the file is parsed)', () => {
  it('names a file of the run that exports a builder, and not one that only names Keptn', () => {
    write('headers.ts', BUILDER);
    write('settings.ts', "// Keptn quality gates, as the UI shows them.\nexport const gatesLabel = 'Keptn quality gates';\nexport function label(): string { return gatesLabel; }\n");
    const source = "import { buildHeaders } from './headers.js';\nimport { label } from './settings.js';\nexport const both = [buildHeaders, label];\n";
    const caller = write('caller.ts', source);
    expect(handOffSources(caller, source, { runFiles: [...files] })).toEqual([path.join(project, 'headers.ts')]);
    const onlySettings = "import { label } from './settings.js';\nexport const shown = label();\n";
    expect(handOffSources(caller, onlySettings, { runFiles: [...files] })).toEqual([]);
    // Not in the run: nothing can be handed over from it.
    expect(handOffSources(caller, source, { runFiles: [caller] })).toEqual([]);
  });
});

describe('the CLI check of both sides', () => {
  const result = (file: string, overrides: Partial<TransformedFile>): TransformedFile => ({ file, source: 'before', output: 'after', reports: [], ...overrides });
  const handOff = (role: 'builder' | 'caller', lines: number[], exported: 'function' | 'object' = 'function') => ({
    transform: 'migrate',
    file: '',
    migrated: [],
    manual: [],
    routes: [],
    tokenEnvVars: [],
    retiredEnvVars: [],
    handOffs: [{ role, builder: '/p/headers.ts', name: exported === 'function' ? 'buildHeaders' : 'keptnHeaders', exported, calls: lines.map((line) => ({ file: '/p/events.ts', line })) }],
  });

  it('keeps a builder whose every call was awaited', () => {
    const results = [result('/p/headers.ts', { reports: [handOff('builder', [4, 8])] }), result('/p/events.ts', { reports: [handOff('caller', [4, 8])] })];
    expect(withHandOffsChecked(results, (file) => file)).toEqual(results);
  });

  it('leaves the builder as it was, failed, when a caller file failed or skipped a call', () => {
    const failed = withHandOffsChecked([result('/p/headers.ts', { reports: [handOff('builder', [4])] }), result('/p/events.ts', { error: 'cannot parse: Unexpected token' })], (file) => path.basename(file));
    expect(failed[0]).toMatchObject({
      output: 'before',
      error: 'left unchanged: `buildHeaders()` would return the OAuth header only when awaited, and its call in events.ts:4 would not wait for it: that file failed (cannot parse: Unexpected token)',
    });
    const partial = withHandOffsChecked([result('/p/headers.ts', { reports: [handOff('builder', [4, 8])] }), result('/p/events.ts', { reports: [handOff('caller', [4])] })], (file) => path.basename(file));
    expect(partial[0]?.error).toContain('its call in events.ts:8 would not wait for it: that call was not rewritten');
    const object = withHandOffsChecked([result('/p/headers.ts', { reports: [handOff('builder', [4, 8], 'object')] }), result('/p/events.ts', { reports: [handOff('caller', [4], 'object')] })], (file) => path.basename(file));
    expect(object[0]).toMatchObject({
      output: 'before',
      error: 'left unchanged: `keptnHeaders` would no longer carry the x-token, and the request in events.ts:8 that sends it would not take the OAuth header instead: that request was not rewritten',
    });
  });
});

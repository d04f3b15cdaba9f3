/**
 * The report's "old API token" section on real integration shapes (fixtures/token-plumbing/):
 * only what carried the token to an `x-token` header is listed, an Azure DevOps service
 * connection's token parameter is named as what to retire, a value passed only to a parameter
 * that is retired itself is retired too, and a read kept only because another read still sends
 * the same env var says which one. The CommonJS that TypeScript's compiler and Babel emit, which
 * Actions and tasks ship in lib/, reads as the TypeScript it came from (fixtures/token-plumbing/compiled/).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import migrate from '../../codemods/migrate.js';
import { buildReport, formatReport, type FileOutcome, type MigrationReport } from '../../cli/report.js';
import { runTransformReports } from './run-transform.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'token-plumbing');

function run(name: string): { output: string | undefined; outcome: FileOutcome } {
  const file = path.join(fixtures, name);
  const { output, reports } = runTransformReports(file, readFileSync(file, 'utf8'), {}, migrate);
  return { output, outcome: { file: name, status: output === undefined ? 'unchanged' : 'changed', reports } };
}

function report(...names: string[]): { report: MigrationReport; outputs: Map<string, string | undefined> } {
  const runs = names.map((name) => ({ name, ...run(name) }));
  const built = buildReport({ command: 'migrate', mode: 'dry', transforms: ['x-token-to-oauth', 'add-oauth'], outcomes: runs.map((entry) => entry.outcome), skipped: [] });
  return { report: built, outputs: new Map(runs.map((entry) => [entry.name, entry.output])) };
}

/** The section's lines as printed, runs of spaces squeezed to one. */
function tokenSection(built: MigrationReport): string[] {
  const text = formatReport(built);
  const start = text.indexOf('The old API token in the code');
  if (start < 0) return [];
  const lines = text.slice(start).split('\n').slice(1);
  const end = lines.findIndex((line) => line.trim() === '');
  return lines.slice(0, end < 0 ? undefined : end).map((line) => line.trim().replace(/ +/gu, ' '));
}

const brief = (entry: MigrationReport['tokens']['keep'][number]): string => `${entry.fate} ${entry.kind} ${entry.name} ${entry.file}:${entry.line}: ${entry.why}`;

describe('the old API token section', () => {
  it('Azure DevOps: names the service connection’s token parameter, leaves the proxy token out', () => {
    const { report: built, outputs } = report('ado-service-connection.js');
    expect(outputs.get('ado-service-connection.js')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire variable apiToken ado-service-connection.js:5: nothing reads it any more; the migration left its declaration, whose initializer may do more than read a value: delete it yourself',
      'retire service-connection apitoken ado-service-connection.js:5: nothing reads it any more',
    ]);
    expect(built.tokens.retire[1]).toMatchObject({ required: true, connection: 'keptnConnection' });
    expect(tokenSection(built)).toContain('retire service connection parameter apitoken of keptnConnection ado-service-connection.js:5 nothing reads it any more (read as required)');
    // `tl.getEndpointAuthorizationParameter(conn, 'apitoken', false)` fails the task when the parameter is missing: the declaration stays, as a required getInput does.
    expect(outputs.get('ado-service-connection.js')).toContain("const apiToken = tl.getEndpointAuthorizationParameter(conn, 'apitoken', false);");
    expect(tokenSection(built).join('\n')).not.toMatch(/proxyToken/u);
  });

  it('an input whose name does not say Keptn is listed only when it reaches an x-token header', () => {
    const { report: built } = report('ado-proxy-only.js');
    expect(built.tokens).toEqual({ retire: [], keep: [] });
    expect(tokenSection(built)).toEqual([]);
  });

  it('GitHub Action: an input passed only to a constructor parameter the migration retired is retired too', () => {
    const { report: built, outputs } = report('action-client.ts');
    expect(outputs.get('action-client.ts')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      "retire parameter apiToken action-client.ts:7: nothing reads it any more; the migration does not change a constructor's parameters, which its callers pass: drop it here and where the class is constructed",
      'retire action-input keptn_api_token action-client.ts:18: only passed to parameter apiToken (line 7), which is retired too',
    ]);
    expect(tokenSection(built)).toContain('retire action input keptn_api_token action-client.ts:18 only passed to parameter apiToken (line 7), which is retired too (read as required)');
  });

  it('GitHub Action: the same input also sent somewhere else is kept, with the line that sends it', () => {
    const { report: built } = report('action-client-sent.ts');
    expect(built.tokens.retire.map(brief)).toEqual([
      "retire parameter apiToken action-client-sent.ts:12: nothing reads it any more; the migration does not change a constructor's parameters, which its callers pass: drop it here and where the class is constructed",
    ]);
    expect(built.tokens.keep.map(brief)).toEqual(['keep action-input keptn_api_token action-client-sent.ts:23: still sent or passed on (line 25)']);
  });

  it('GitHub Action: an input passed to a class imported from another file is kept, saying where to look', () => {
    const { report: built } = report('action-imported-client.ts');
    expect(built.tokens.retire).toEqual([]);
    expect(built.tokens.keep.map(brief)).toEqual([
      "keep action-input keptn_api_token action-imported-client.ts:6: passed to KeptnClient from ./keptn-client.js (line 7); retire it too if that file's entries retire the parameter",
      // A package's function is not followed: it may send the token anywhere.
      'keep action-input keptn_api_token action-imported-client.ts:13: still sent or passed on here',
    ]);
  });

  it('a token read into an exported object is kept because other modules may read it, not because this file sends it', () => {
    const { report: built } = report('exported-config/client.js', 'exported-config/config.js');
    expect(built.tokens.keep.map(brief)).toEqual([
      'keep env-var KEPTN_API_TOKEN exported-config/client.js:5: the migration removes this read, but exported-config/config.js:7 still sends or passes on KEPTN_API_TOKEN',
      'keep env-var KEPTN_API_TOKEN exported-config/config.js:7: exported here in `config`: other modules may still read it; retire it if none does',
    ]);
  });

  it('a token put in a member of a settings object is retired with the member when nothing sends that member any more', () => {
    const { report: built, outputs } = report('config-object.ts');
    expect(outputs.get('config-object.ts')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    // `keptnConfig.url` and `.project` are still read, and `bridge.token` is still checked at start-up: neither sends the token.
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire env-var KEPTN_API_TOKEN config-object.ts:7: only put in `keptnConfig.token` (line 7), which nothing sends any more: delete the member with it',
      'retire env-var KEPTN_TOKEN config-object.ts:20: only put in `bridge.token` (line 20), which nothing sends any more: delete the member with it',
    ]);
    expect(built.env.retire).toEqual(['KEPTN_API_TOKEN', 'KEPTN_TOKEN']);

    // The object handed whole to a log takes its token member with it.
    const logged = report('config-object-logged.ts').report;
    expect(logged.tokens.retire).toEqual([]);
    expect(logged.tokens.keep.map(brief)).toEqual(['keep env-var KEPTN_API_TOKEN config-object-logged.ts:4: still sent or passed on here']);
    expect(logged.env.stillRead).toEqual([{ name: 'KEPTN_API_TOKEN', files: ['config-object-logged.ts'] }]);
  });

  it('an env var kept because another read still sends it names that read, and never says keep and removed alone', () => {
    const { report: built } = report('env-removed.ts', 'env-forwarded.ts');
    expect(built.tokens.retire).toEqual([]);
    expect(built.tokens.keep.map(brief)).toEqual([
      'keep env-var KEPTN_API_TOKEN env-forwarded.ts:5: still sent or passed on here',
      'keep env-var KEPTN_API_TOKEN env-removed.ts:4: the migration removes this read, but env-forwarded.ts:5 still sends or passes on KEPTN_API_TOKEN',
    ]);
    expect(tokenSection(built)).toContain('keep env var KEPTN_API_TOKEN env-removed.ts:4 the migration removes this read, but env-forwarded.ts:5 still sends or passes on KEPTN_API_TOKEN');
  });

  it('an env var read as the fallback of another value (`process.argv[2] || process.env.KEPTN_API_TOKEN`) is judged by the variable it lands in', () => {
    const { report: built, outputs } = report('cli-argument-or-env.js');
    expect(outputs.get('cli-argument-or-env.js')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire variable apiToken cli-argument-or-env.js:5: read only to check that it is set',
      'retire env-var KEPTN_API_TOKEN cli-argument-or-env.js:5: read only to check that it is set',
    ]);
  });

  it('GitHub Action read through the runner\'s env: INPUT_KEPTN-API-TOKEN is the input keptn-api-token, ::add-mask:: only masks it', () => {
    const { report: built, outputs } = report('action-raw-env.js');
    expect(outputs.get('action-raw-env.js')).not.toMatch(/x-token/u);
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire variable token action-raw-env.js:4: read only to check that it is set',
      'retire action-input keptn-api-token action-raw-env.js:4: read only to check that it is set',
    ]);
    expect(built.tokens.keep).toEqual([]);

    // A log line that prints it is no mask. The runner upper-cases the input's name and keeps its `-`: INPUT_KEPTN_API_TOKEN is input keptn_api_token.
    const logged = report('action-raw-env-logged.js').report;
    expect(logged.tokens.retire).toEqual([]);
    expect(logged.tokens.keep.map(brief)).toEqual([
      'keep variable token action-raw-env-logged.js:3: still sent or passed on (line 6)',
      'keep action-input keptn_api_token action-raw-env-logged.js:3: still sent or passed on (line 6)',
    ]);
  });

  it('a function that hands the token out is named as a function nothing calls any more', () => {
    const { report: built, outputs } = report('token-function.ts');
    expect(outputs.get('token-function.ts')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toContain('retire function getToken token-function.ts:5: nothing calls it any more; the migration left the function: delete it yourself');
    expect(tokenSection(built)).toContain('retire function getToken token-function.ts:5 nothing calls it any more; the migration left the function: delete it yourself');
  });

  it('a parameter property read by its plain name in the constructor is one nothing reads once the header is gone', () => {
    const { report: built, outputs } = report('parameter-property-by-name.ts');
    expect(outputs.get('parameter-property-by-name.ts')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      "retire parameter apiToken parameter-property-by-name.ts:7: nothing reads it any more; the migration does not change a constructor's parameters, which its callers pass: drop it here and where the class is constructed",
    ]);
  });

  it('a parameter of a function declaration is one nothing reads, not a function nothing calls', () => {
    const { report: built } = report('function-parameter.cjs');
    expect(built.tokens.retire.map(brief)).toEqual([
      "retire parameter token function-parameter.cjs:4: nothing reads it any more; the migration does not change a function's parameters, which its callers pass: drop it here and where the function is called",
    ]);
  });
});

describe('the old API token section on compiled CommonJS', () => {
  const compiled = path.join(fixtures, 'compiled');
  const sources = readdirSync(path.join(compiled, 'src')).map((name) => path.basename(name, '.ts')).sort();
  const commonJs = ['lib', 'lib-es5', 'babel', 'hand-written'].flatMap((folder) => readdirSync(path.join(compiled, folder)).map((name) => `compiled/${folder}/${name}`)).sort();
  // What an entry says, without where: a compiled file's lines are not its source's.
  const placeless = (entry: MigrationReport['tokens']['keep'][number]): string =>
    `${entry.fate} ${entry.kind} ${entry.name} required=${String(entry.required)} connection=${String(entry.connection)}: ${entry.why.replace(/line \d+/gu, 'line N').replace(/compiled\/\S+:\d+/gu, 'FILE:N')}`;

  it('has the five sources, each compiled by tsc (for ES2019 and for ES5) and by Babel', () => {
    expect(sources).toEqual(['action', 'action-client', 'action-named', 'task', 'task-connection']);
    expect(commonJs.filter((name) => !name.includes('hand-written'))).toHaveLength(15);
  });

  // ES5: every `var` is declared at the top of the __awaiter callback and assigned in a step of the __generator state machine.
  it.each(sources)('%s: tsc’s and Babel’s CommonJS read as the TypeScript does', (name) => {
    const source = report(`compiled/src/${name}.ts`).report.tokens;
    expect(source.retire.length + source.keep.length).toBeGreaterThan(0);
    for (const folder of ['lib', 'lib-es5', 'babel']) {
      const { tokens } = report(`compiled/${folder}/${name}.js`).report;
      expect({ folder, retire: tokens.retire.map(placeless), keep: tokens.keep.map(placeless) }).toEqual({ folder, retire: source.retire.map(placeless), keep: source.keep.map(placeless) });
    }
  });

  it('GitHub Action, namespace import through __importStar: retires the input with file:line, read as required', () => {
    const { report: built, outputs } = report('compiled/lib/action.js');
    expect(outputs.get('compiled/lib/action.js')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire variable keptnApiToken compiled/lib/action.js:44: read only to check that it is set',
      'retire action-input keptn-api-token compiled/lib/action.js:44: read only to check that it is set',
    ]);
    expect(built.tokens.retire[1]).toMatchObject({ required: true });
    expect(tokenSection(built)).toContain('retire action input keptn-api-token compiled/lib/action.js:44 read only to check that it is set (read as required)');
  });

  it('GitHub Action, named imports called as (0, core_1.getInput)(…): (0, core_1.setSecret)(token) only masks it', () => {
    const { report: built, outputs } = report('compiled/lib/action-named.js');
    expect(outputs.get('compiled/lib/action-named.js')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire variable token compiled/lib/action-named.js:11: read only to check that it is set',
      'retire action-input keptn_api_token compiled/lib/action-named.js:11: read only to check that it is set',
    ]);
    expect(built.tokens.retire[1]).toMatchObject({ required: true });
  });

  it('GitHub Action: a class of this project reached as new keptn_client_js_1.KeptnClient(…) is named, to look there', () => {
    const { report: built } = report('compiled/lib/action-client.js');
    expect(built.tokens.retire).toEqual([]);
    expect(built.tokens.keep.map(brief)).toEqual([
      "keep action-input keptn_api_token compiled/lib/action-client.js:41: passed to KeptnClient from ../../keptn-client.js (line 42); retire it too if that file's entries retire the parameter",
    ]);
  });

  it('Azure DevOps task, namespace import through __importStar: retires the task input, read as required', () => {
    const { report: built } = report('compiled/lib/task.js');
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire variable apiToken compiled/lib/task.js:44: nothing reads it any more; the migration left its declaration, whose initializer may do more than read a value: delete it yourself',
      'retire task-input apiToken compiled/lib/task.js:44: nothing reads it any more',
    ]);
    expect(tokenSection(built)).toContain('retire task input apiToken compiled/lib/task.js:44 nothing reads it any more (read as required)');
  });

  it('Azure DevOps task, named imports: the service connection’s token parameter, and the input naming the connection through a compiled `??`', () => {
    const { report: built } = report('compiled/lib/task-connection.js');
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire variable apiToken compiled/lib/task-connection.js:8: nothing reads it any more; the migration left its declaration, whose initializer may do more than read a value: delete it yourself',
      'retire service-connection apitoken compiled/lib/task-connection.js:8: nothing reads it any more',
    ]);
    expect(built.tokens.retire[1]).toMatchObject({ required: true, connection: 'keptnConnection' });
    expect(tokenSection(built)).toContain('retire service connection parameter apitoken of keptnConnection compiled/lib/task-connection.js:8 nothing reads it any more (read as required)');
  });

  it('CommonJS as people write it: require of the module, getInput taken out of it, getInputRequired', () => {
    const action = report('compiled/hand-written/action.js').report.tokens;
    expect(action.keep).toEqual([]);
    expect(action.retire.map((entry) => `${entry.kind} ${entry.name} ${entry.file}:${entry.line} required=${String(entry.required)}`)).toEqual([
      'variable keptnToken compiled/hand-written/action.js:7 required=undefined',
      'action-input keptn-api-token compiled/hand-written/action.js:7 required=true',
      'variable secret compiled/hand-written/action.js:11 required=undefined',
      'action-input api-key compiled/hand-written/action.js:11 required=false',
    ]);
    const task = report('compiled/hand-written/task.js').report.tokens;
    expect(task.keep).toEqual([]);
    expect(task.retire.map(brief)).toEqual([
      'retire variable apiToken compiled/hand-written/task.js:6: read only to check that it is set',
      'retire task-input apiToken compiled/hand-written/task.js:6: read only to check that it is set',
    ]);
    expect(task.retire[1]).toMatchObject({ required: true });
  });

  it.each(commonJs)('%s: the output is still a script that parses, and a second run changes nothing', (name) => {
    const file = path.join(fixtures, name);
    const { output } = run(name);
    // action-client.js sends nothing itself: the file stays as it is.
    if (output === undefined) return;
    expect(() => new Script(output, { filename: file })).not.toThrow();
    expect(runTransformReports(file, output, {}, migrate).output).toBeUndefined();
  });

  it('a token that is a parameter’s default retires with the parameter, and is kept with it while the parameter is still sent', () => {
    const { report: built, outputs } = report('default-parameter.ts');
    expect(outputs.get('default-parameter.ts')).not.toMatch(/x-token/u);
    expect(built.tokens.retire.map(brief)).toEqual([
      "retire parameter token default-parameter.ts:4: nothing reads it any more; the migration does not change a function's parameters, which its callers pass: drop it here and where the function is called",
      'retire env-var KEPTN_API_TOKEN default-parameter.ts:4: the default of parameter `token`, which nothing reads any more',
    ]);
    expect(built.tokens.keep.map(brief)).toEqual(['keep env-var KEPTN_LEGACY_TOKEN default-parameter.ts:13: still sent or passed on (line 14)']);
    expect(built.env.retire).toEqual(['KEPTN_API_TOKEN']);
  });

  it('a default export called as `new client_1.default(…)` is named as the default export of its module', () => {
    const source = [
      '"use strict";',
      'const core = require("@actions/core");',
      'const keptn_client_1 = __importDefault(require("./keptn-client"));',
      'async function run() {',
      "    const token = core.getInput('keptn_api_token', { required: true });",
      "    await new keptn_client_1.default(core.getInput('keptn_api_url'), token).projects();",
      '}',
      '',
    ].join('\n');
    const { reports } = runTransformReports(path.join(compiled, 'inline.js'), source, {}, migrate);
    expect(reports.flatMap((entry) => entry.tokenPlumbing ?? []).map((entry) => `${entry.fate} ${entry.kind} ${entry.name} ${entry.line}: ${entry.why}`)).toEqual([
      "keep action-input keptn_api_token 5: passed to the default export of ./keptn-client (line 6); retire it too if that file's entries retire the parameter",
    ]);
  });
});

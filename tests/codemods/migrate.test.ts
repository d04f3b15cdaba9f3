import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import addOAuth from '../../codemods/add-oauth.js';
import migrate, { needsParse } from '../../codemods/migrate.js';
import type { FileReport, TransformOptions } from '../../codemods/report.js';
import { runTransformReports } from './run-transform.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');

/** Every input the two transforms are tested on, plus the example app's sources. */
function sourceFiles(): { name: string; file: string; options: TransformOptions }[] {
  const fromFolder = (folder: string, filter: (name: string) => boolean) =>
    readdirSync(folder, { recursive: true, encoding: 'utf8' })
      .filter(filter)
      .sort()
      .map((name) => {
        const file = path.join(folder, name);
        const optionsFile = /\.input\.\w+$/u.test(file) ? file.replace(/\.input\.\w+$/u, '.options.json') : undefined;
        const options = optionsFile !== undefined && existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as TransformOptions) : {};
        return { name: path.relative(root, file), file, options };
      });
  const isSource = (name: string) => /\.(?:[cm]?[jt]s|tsx)$/u.test(name) && !name.endsWith('.d.ts');
  return [
    ...fromFolder(path.join(here, 'fixtures'), (name) => isSource(name) && !name.includes('.output.')),
    ...fromFolder(path.join(here, 'add-oauth-fixtures'), (name) => isSource(name) && !name.includes('.output.')),
    ...fromFolder(path.join(root, 'examples', 'legacy-app', 'src'), isSource),
  ];
}

/**
 * What a person reads in the report, without the transform that said it and without lines: run
 * one after the other, add-oauth counts lines in x-token-to-oauth's output, the combined run in
 * the file as it was.
 */
function summary(reports: readonly FileReport[]) {
  const sites = (pick: (report: FileReport) => readonly { what: string }[]) => reports.flatMap(pick).map((site) => site.what).sort();
  const routes = new Set(reports.flatMap((report) => report.routes.map((route) => `${route.method ?? ''} ${route.displayPath}`)));
  return {
    migrated: sites((report) => report.migrated),
    manual: sites((report) => report.manual),
    routes: [...routes].sort(),
    tokenEnvVars: [...new Set(reports.flatMap((report) => report.tokenEnvVars))].sort(),
    retiredEnvVars: [...new Set(reports.flatMap((report) => report.retiredEnvVars))].sort(),
    errors: reports.flatMap((report) => (report.error === undefined ? [] : [report.error])),
  };
}

const files = sourceFiles();

describe('migrate: both transforms over one parse', () => {
  it('covers every fixture input of both transforms and the example app', () => {
    expect(files.length).toBeGreaterThanOrEqual(40);
  });

  describe.each(files)('$name', ({ file, options }) => {
    const source = readFileSync(file, 'utf8');

    it('gives the text and the report of x-token-to-oauth followed by add-oauth', () => {
      const first = runTransformReports(file, source, options);
      const afterFirst = first.output ?? source;
      const second = runTransformReports(file, afterFirst, options, addOAuth);
      const combined = runTransformReports(file, source, options, migrate);
      expect(combined.output ?? source).toBe(second.output ?? afterFirst);
      const sequential = summary([...first.reports, ...second.reports]);
      const together = summary(combined.reports);
      expect(together.migrated).toEqual(sequential.migrated);
      expect(together.manual).toEqual(sequential.manual);
      expect(together.tokenEnvVars).toEqual(sequential.tokenEnvVars);
      expect(together.retiredEnvVars).toEqual(sequential.retiredEnvVars);
      expect(together.errors).toEqual([]);
      // Run one after the other, a token check replaced by a metadata read is reported as both
      // (x-token-to-oauth saw the POST before add-oauth replaced it); together, as the read alone.
      expect(together.routes).toEqual(sequential.routes.filter((route) => !together.routes.includes('GET /api/v1/metadata') || route !== 'POST /api/v1/auth'));
      const lines = source.split('\n').length;
      for (const report of combined.reports) {
        for (const site of [...report.migrated, ...report.manual, ...report.routes]) expect(site.line).toBeLessThanOrEqual(lines);
      }
    });

    it('changes nothing when run again on its output', () => {
      const once = runTransformReports(file, source, options, migrate).output;
      if (once === undefined) return;
      expect(runTransformReports(file, once, options, migrate).output).toBeUndefined();
    });
  });

  it('does not parse a file neither transform has work in', () => {
    expect(needsParse('export const sum = (a: number, b: number) => a + b;\n')).toBe(false);
    expect(needsParse("await fetch(url, { headers: { 'x-token': token } });")).toBe(true);
    expect(needsParse("await fetch(`${process.env.KEPTN_ENDPOINT}/v1/project`);")).toBe(true);
  });
});

describe('migrate: shapes the libraries it leans on trip over', () => {
  // ast-types' scope scan asserts a catch clause's parameter is a pattern; `catch {` has none
  // (found by bench/codemod-never-breaks.ts in node-fetch, eslint, esbuild and tsx sources).
  it('under --library, leaves an exported factory whose instance takes its base from a parameter, and migrates one with a fixed base', () => {
    const factory = (base: string, parameters: string) => [
      "import axios from 'axios';",
      `export function keptnClient(${parameters}) {`,
      `  return axios.create({ baseURL: ${base}, headers: { 'x-token': token } });`,
      '}',
      "const keptn = keptnClient(process.env.KEPTN_ENDPOINT ?? '', process.env.KEPTN_API_TOKEN ?? '');",
      "export const projects = async () => (await keptn.get('/controlPlane/v1/project')).data;",
      '',
    ].join('\n');
    // Code in other packages may call it with any base: the helper attached to the instance would authorize each.
    const fromCallers = runTransformReports('factory.ts', factory('url', 'url: string, token: string'), { library: true }, migrate);
    expect(fromCallers.reports.flatMap((report) => report.manual).map((site) => site.why)).toEqual([expect.stringContaining('other modules may call the function that makes it with base URLs the codemod cannot see')]);
    // The base is the module's own: whoever calls it, the instance goes there.
    const fixed = runTransformReports('factory.ts', factory('process.env.KEPTN_ENDPOINT', '_url: string, token: string'), { library: true }, migrate);
    expect(fixed.output).toContain('return oauthClientFromEnv().attachToAxios(axios.create({ baseURL: process.env.KEPTN_ENDPOINT }));');
  });

  it('under --library, leaves an exported class whose constructor makes the instance from its parameters, and migrates one with a fixed base', () => {
    const service = (base: string, parameters: string) => [
      "import axios, { type AxiosInstance } from 'axios';",
      'export class KeptnService {',
      '  private readonly http: AxiosInstance;',
      `  constructor(${parameters}) {`,
      `    this.http = axios.create({ baseURL: ${base}, headers: { 'x-token': token } });`,
      '  }',
      "  async projects(): Promise<unknown> { return (await this.http.get('/controlPlane/v1/project')).data; }",
      '}',
      '',
    ].join('\n');
    // Code in other packages may construct it, or extend it, with any base.
    const fromCallers = runTransformReports('service.ts', service('endpoint', 'endpoint: string, token: string'), { library: true }, migrate);
    expect(fromCallers.reports.flatMap((report) => report.manual).map((site) => site.why)).toEqual([expect.stringContaining('its class may be constructed, or extended, where the codemod cannot see the base URLs it is given')]);
    const fixed = runTransformReports('service.ts', service('process.env.KEPTN_ENDPOINT', 'token: string'), { library: true }, migrate);
    expect(fixed.output).toContain('this.http = oauthClientFromEnv().attachToAxios(axios.create({ baseURL: process.env.KEPTN_ENDPOINT }));');
  });

  it('under --library, leaves a protected headers field of an exported class, which classes in other packages may extend and read', () => {
    const source = [
      'export class KeptnFetchBase {',
      '  protected readonly headers: Record<string, string>;',
      "  constructor(token: string) { this.headers = { 'x-token': token }; }",
      '}',
      'export class Projects extends KeptnFetchBase {',
      '  async list(): Promise<unknown> { return (await fetch(`${process.env.KEPTN_ENDPOINT}/api/controlPlane/v1/project`, { headers: this.headers })).json(); }',
      '}',
      '',
    ].join('\n');
    const library = runTransformReports('fetch-base.ts', source, { library: true }, migrate);
    expect(library.reports.flatMap((report) => report.manual).map((site) => [site.line, site.why])).toEqual([
      [3, '`this.headers`, which holds the header, is a protected field, and `Projects`, which extends its class, is exported from a library (--library), so classes in other packages may extend it and read the field; the codemod follows a protected field only when every class that extends its class is in this file'],
    ]);
    // With no project to search either (c6-subclass-inherited-instance has one, whose other modules extend neither: migrated).
    const alone = runTransformReports('fetch-base.ts', source, {}, migrate);
    expect(alone.reports.flatMap((report) => report.manual).map((site) => site.why)).toEqual([
      expect.stringContaining("`Projects`, which extends its class, is exported, and the codemod cannot search the project's other modules for classes that extend it and read the field"),
    ]);
  });

  it('resolves names inside a `catch` without a binding', () => {
    const source = [
      'async function probe(url) {',
      '  try {',
      '    return await fetch(url);',
      '  } catch {',
      "    return fetch(url, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });",
      '  }',
      '}',
      "fetch(`${process.env.KEPTN_ENDPOINT}/v1/event`, { method: 'POST', headers: { 'x-token': process.env.KEPTN_API_TOKEN } });",
      'module.exports = { probe };',
      '',
    ].join('\n');
    const { output, reports } = runTransformReports('probe.cjs', source, {}, migrate);
    expect(summary(reports).errors).toEqual([]);
    expect(output).toContain("oauthClientFromEnv().fetch(`${process.env.KEPTN_ENDPOINT}/v1/event`, { method: 'POST' });");
    // The request in the catch has no Cloud Automation evidence: listed, not rewritten.
    expect(output).toContain("return fetch(url, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });");
    expect(reports.flatMap((report) => report.manual).map((site) => [site.line, site.why])).toEqual([[5, expect.stringContaining('possible target')]]);
  });
});

/**
 * A fixture package migrated with all its files in the run, as the CLI runs them, beside the
 * `<name>-output` tree it must become; a second run over that tree must change nothing.
 */
function packageFixture(name: string) {
  const project = path.join(here, 'fixtures', name);
  const expected = path.join(here, 'fixtures', `${name}-output`);
  const names = readdirSync(project, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.js')).sort();
  const runFiles = names.map((file) => path.join(project, file));
  const secondRunFiles = names.map((file) => path.join(expected, file));
  const run = (file: string, options: TransformOptions = {}) => runTransformReports(path.join(project, file), readFileSync(path.join(project, file), 'utf8'), { runFiles, ...options }, migrate);
  const expectMigratesToOutput = (file: string): void => {
    const { output, reports } = run(file);
    const wanted = readFileSync(path.join(expected, file), 'utf8');
    expect(summary(reports).errors).toEqual([]);
    expect(summary(reports).manual).toEqual([]);
    expect(output ?? readFileSync(path.join(project, file), 'utf8')).toBe(wanted);
    expect(runTransformReports(path.join(expected, file), wanted, { runFiles: secondRunFiles }, migrate).output).toBeUndefined();
  };
  return { names, run, expectMigratesToOutput };
}

describe('a CommonJS package whose modules share clients through require()', () => {
  // No tsconfig lists these files: the package.json folder is the project, compiled output included.
  const { names, run, expectMigratesToOutput } = packageFixture('commonjs-project');
  const routesOf = (name: string) => summary(run(name).reports).routes;

  it.each(names)('%s migrates to commonjs-project-output and is stable on a second run', expectMigratesToOutput);

  it('counts the calls other modules make with the shared instance, however they reach it', () => {
    // `const { client } = require('./http')`: the instance's base (`keptnUrl`, a value the file does not show) goes before the path.
    expect(routesOf('src/sequences.js')).toEqual(['DELETE /{…}/controlPlane/v1/project/{…}', 'GET /{…}/controlPlane/v1/sequence/{…}']);
    // `const http = require('./http'); http.client.get(…)`
    expect(routesOf('src/projects.js')).toEqual(['GET /{…}/controlPlane/v1/project']);
    // tsc's output: `http_1.client.get(…)`, whose instance the checker types as `any` behind `__importDefault`.
    expect(routesOf('lib/services.js')).toEqual(['GET /{…}/controlPlane/v1/project/{…}/stage/{…}/service', 'POST /{…}/v1/event']);
  });

  it('takes tsc\'s `(0, exports.f)(…)` for a call of the module\'s own export, and awaits it there when the builder turns async', () => {
    // lib/headers.js: evaluations.js calls the builder too, so it returns the token and every call awaits it;
    // a self-call left without `await` would send a Promise as the headers, and no credential.
    const headers = run('lib/headers.js');
    expect(headers.output).toContain("{ headers: await (0, exports.keptnHeaders)('application/json') }");
    expect(headers.reports.flatMap((report) => report.migrated).map((site) => site.what)).toContainEqual(expect.stringContaining('its 2 calls await it (line 13, evaluations.js:10)'));
    // lib/approvals.js: exported, called only by its own module: the token is added at the request, as for a local function.
    expect(run('lib/approvals.js').output).toContain('{ headers: { ...(0, exports.approvalHeaders)(), Authorization: await oauthClientFromEnv().authorizationHeader() } }');
  });

  it('marks CommonJS-exported builders under --library, naming the export as the reason', () => {
    for (const file of ['lib/approvals.js', 'src/evaluations.js']) {
      const { reports } = run(file, { library: true });
      expect(reports.flatMap((report) => report.manual).map((site) => site.why)).toEqual([expect.stringContaining('which is exported from a library (--library)')]);
    }
  });

  it('grades an instance required whole, or made by a required factory, by the requests of the modules that require it', () => {
    // Nothing in keptn-api.js or keptn-factory.js names a Keptn route, host or variable: jobs.js does.
    expect(run('src/keptn-api.js').output).toContain('module.exports = oauthClientFromEnv().attachToAxios(axios.create({');
    expect(run('src/keptn-factory.js').output).toContain("return oauthClientFromEnv().attachToAxios(axios.create({ baseURL: url, headers: { 'content-type': 'application/json' } }));");
    expect(routesOf('src/jobs.js')).toEqual(['GET /{…}/controlPlane/v1/project', 'POST /{…}/v1/event']);
  });

  it('migrates an x-token sent on top of the shared instance, as the request is known now', () => {
    const sequences = run('src/sequences.js');
    expect(sequences.output).toContain('headers: { Authorization: await oauthClientFromEnv().authorizationHeader() },');
    expect(summary(sequences.reports).retiredEnvVars).toEqual(['KEPTN_ADMIN_TOKEN']);
  });
});

describe('an ES module package with no tsconfig: exported header builders', () => {
  // The package.json folder is the project searched for other modules' callers, by the codemod as by the lint.
  // Was marked: "with no tsconfig.json above this file to search, the codemod cannot tell whether other modules call it".
  const { names, run, expectMigratesToOutput } = packageFixture('esm-package');

  it.each(names)('%s migrates to esm-package-output, marks nothing, and is stable on a second run', expectMigratesToOutput);

  it('marks the builder no module of the package calls under --library, where code in other packages may call it', () => {
    expect(run('src/keptn.js', { library: true }).output).toContain('which is exported from a library (--library)');
  });
});

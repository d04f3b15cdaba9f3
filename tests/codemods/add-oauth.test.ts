import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import jscodeshift from 'jscodeshift';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { MIGRATION_MARKER } from '../../core/index.js';
import transform, { needsParse } from '../../codemods/add-oauth.js';
import type { FileReport, TransformOptions } from '../../codemods/report.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'add-oauth-fixtures');

function run(file: string, source: string, options: TransformOptions = {}): { output: string | undefined; report: FileReport | undefined } {
  let report: FileReport | undefined;
  const output = transform(
    { path: file, source },
    { jscodeshift, j: jscodeshift, stats: () => undefined, report: () => undefined },
    { ...options, reporter: (fileReport: FileReport) => (report = fileReport) },
  );
  return { output, report };
}

const inputs = readdirSync(fixtures)
  .filter((name) => /\.input\.\w+$/u.test(name))
  .sort();

describe('calls that already authenticate', () => {
  it('are left alone, and their routes still count for the scopes', () => {
    const input = path.join(fixtures, 'negative-authenticated.input.ts');
    const { output, report } = run(input, readFileSync(input, 'utf8'));
    expect(output).toBeUndefined();
    expect(report?.routes.map((route) => `${route.method ?? ''} ${route.displayPath}`).sort()).toEqual([
      'GET /{…}/api/controlPlane/v1/project',
      'GET /{…}/controlPlane/v1/project',
      'GET /{…}/controlPlane/v1/project/sockshop/stage',
      // No route of the table (events are POSTed): listed all the same, as a call whose route is unknown.
      'GET /{…}/v1/event',
      'GET /{…}/v1/metadata',
      'GET /{…}/v1/metadata',
    ]);
  });
});

describe('add-oauth fixture pairs', () => {
  it('has positives in every module style and negatives', () => {
    const extensions = new Set(inputs.map((name) => path.extname(name)));
    expect([...extensions].sort()).toEqual(['.js', '.mjs', '.ts']);
    expect(inputs.filter((name) => name.startsWith('negative-')).length).toBeGreaterThanOrEqual(3);
  });

  describe.each(inputs)('%s', (name) => {
    const input = path.join(fixtures, name);
    const outputFile = input.replace('.input.', '.output.');
    const source = readFileSync(input, 'utf8');
    const expected = name.startsWith('negative-') ? undefined : readFileSync(outputFile, 'utf8');

    it(expected === undefined ? 'stays byte-identical' : 'migrates to the expected output', () => {
      const { output, report } = run(input, source);
      expect(report?.error).toBeUndefined();
      expect(output).toBe(expected);
      if (expected !== undefined) {
        const markers = expected.split(MIGRATION_MARKER).length - 1;
        expect(report?.manual.length ?? 0).toBeGreaterThanOrEqual(markers);
        expect(report?.migrated.length ?? 0).toBeGreaterThan(0);
      } else {
        expect(report?.migrated ?? []).toEqual([]);
      }
    });

    it('changes nothing when run again on its output', () => {
      const { output, report } = run(expected === undefined ? input : outputFile, expected ?? source);
      expect(report?.error).toBeUndefined();
      expect(output).toBeUndefined();
    });
  });
});

describe('what add-oauth reports', () => {
  const reportOf = (name: string, options: TransformOptions = {}): FileReport => {
    const file = path.join(fixtures, name);
    const { report } = run(file, readFileSync(file, 'utf8'), options);
    if (!report) throw new Error(`no report for ${name}`);
    return report;
  };

  it('names the routes and the scopes they need', () => {
    const report = reportOf('axios-instance.input.ts');
    expect(report.transform).toBe('add-oauth');
    expect(report.routes.map((route) => [route.method, route.routes, route.scopes])).toEqual([
      ['GET', ['GET /api/controlPlane/v1/project'], ['cloudautomation:projects:read']],
      ['GET', ['GET /api/controlPlane/v1/project/{project}/stage/{stage}/service'], ['cloudautomation:stages:read']],
    ]);
    // Counted per request, as the lint reports them; the helper is attached once, where the instance is made.
    expect(report.migrated.map((entry) => entry.line)).toEqual([11, 16]);
  });

  it('replaces a token check read only as success/failure, and marks one whose body is read', () => {
    const report = reportOf('token-check.input.ts');
    expect(report.migrated).toEqual([
      expect.objectContaining({ line: 7, what: expect.stringContaining('GET /api/v1/metadata reachability check through the OAuth helper fetch') as unknown }),
      // On an instance the helper authorizes, the check only changes its route.
      expect.objectContaining({ line: 20, client: 'axios', what: expect.stringContaining('through the axios instance the OAuth helper authorizes') as unknown }),
    ]);
    expect(report.manual).toEqual([
      expect.objectContaining({ line: 12, what: 'POST /api/v1/auth token check', why: expect.stringContaining('its response is not read only for success or failure') as unknown }),
      expect.objectContaining({ line: 26, what: 'POST /api/v1/auth token check', why: expect.stringContaining('only through fetch or an instance the OAuth helper authorizes') as unknown }),
    ]);
    expect(report.routes.find((route) => route.line === 7)?.scopes).toEqual(['cloudautomation:metadata:read']);
    expect(report.routes.find((route) => route.line === 20)?.scopes).toEqual(['cloudautomation:metadata:read']);
    expect(report.routes.some((route) => (route.line === 7 || route.line === 20) && route.method === 'POST')).toBe(false);
  });

  it('lists, but does not rewrite, a generic Keptn path with nothing else showing Cloud Automation', () => {
    const file = path.join(fixtures, 'generic.ts');
    const source = "export const events = (base: string) => fetch(`${base}/v1/event`, { method: 'POST' });\n";
    expect(run(file, source).output).toBeUndefined();
    expect(run(file, source).report?.manual).toEqual([expect.objectContaining({ why: 'nothing shows that this request goes to Cloud Automation (possible target)' })]);
    expect(run(file, source, { includeUnsure: true }).output).toContain('oauthClientFromEnv().fetch(');
  });

  it('uses a configured helper module and client export', () => {
    const file = path.join(fixtures, 'fetch-global.input.ts');
    const { output } = run(file, readFileSync(file, 'utf8'), { helperModule: '@acme/keptn-auth', clientExport: 'keptnAuth' });
    expect(output).toContain("import { keptnAuth } from '@acme/keptn-auth';");
    expect(output).toContain('keptnAuth.fetch(`${KEPTN_ENDPOINT}/v1/event`');
  });

  it('skips files without Keptn evidence before parsing, and reports files that do not parse', () => {
    expect(needsParse("fetch('https://api.github.com/user')")).toBe(false);
    const { output, report } = run('broken.ts', 'const KEPTN_ENDPOINT = ;');
    expect(output).toBeUndefined();
    expect(report?.error).toMatch(/cannot parse/u);
  });
});

describe('add-oauth fixtures type-check', () => {
  it('has no type errors in any input or output fixture', () => {
    const read = ts.readConfigFile(path.join(fixtures, 'tsconfig.json'), (file) => ts.sys.readFile(file));
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, fixtures);
    expect(parsed.errors).toEqual([]);
    expect(parsed.fileNames.filter((file) => file.includes('.output.')).length).toBeGreaterThanOrEqual(8);
    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file === undefined || diagnostic.file.fileName.startsWith(fixtures))
      .map((diagnostic) => `${diagnostic.file ? path.basename(diagnostic.file.fileName) : ''} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`);
    expect(diagnostics).toEqual([]);
    expect(program.getSourceFiles().some((file) => file.fileName.endsWith('oauth/src/index.ts'))).toBe(true);
  });
});

import { cpSync, existsSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint } from 'eslint';
import jscodeshift from 'jscodeshift';
import tseslint from 'typescript-eslint';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MIGRATION_MARKER } from '../../core/index.js';
import plugin from '../../rules/index.js';
import type { FileReport } from '../../codemods/report.js';
import migrate from '../../codemods/migrate.js';
import xTokenToOAuth from '../../codemods/x-token-to-oauth.js';
import { runTransformReports, type Transform } from './run-transform.js';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const example = path.join(root, 'examples', 'legacy-app');

/**
 * The "must show" run: the realistic legacy service (fetch, an axios instance, a got
 * instance) migrated in a copy, then parsed, type-checked, re-linted with the rules the
 * transform answers, and migrated a second time. Once with x-token-to-oauth alone, once with
 * `migrate`, what the CLI runs by default (x-token-to-oauth and add-oauth over one parse).
 */
const runs: { name: string; transform: Transform; rules: readonly string[] }[] = [
  { name: 'x-token-to-oauth', transform: xTokenToOAuth, rules: ['cloud-automation/no-x-token-header'] },
  { name: 'migrate', transform: migrate, rules: ['cloud-automation/no-x-token-header', 'cloud-automation/require-oauth'] },
];

describe.skipIf(!existsSync(path.join(example, 'src'))).each(runs)('examples/legacy-app migrated in a copy by $name', ({ transform, rules }) => {
  let copy: string;
  const reports: FileReport[] = [];
  const sources = () => readdirSync(path.join(copy, 'src')).filter((name) => name.endsWith('.ts')).sort();

  beforeAll(() => {
    mkdirSync(path.join(root, '.tmp'), { recursive: true });
    // Inside the checkout, so axios, got and the helper resolve from node_modules as in the example.
    copy = mkdtempSync(path.join(root, '.tmp', 'legacy-app-'));
    cpSync(example, copy, { recursive: true, filter: (source) => !source.includes('node_modules') });
    for (const name of sources()) {
      const file = path.join(copy, 'src', name);
      const { output, reports: fileReports } = runTransformReports(file, readFileSync(file, 'utf8'), {}, transform);
      reports.push(...fileReports);
      if (output !== undefined) writeFileSync(file, output);
    }
  });

  afterAll(() => {
    rmSync(copy, { recursive: true, force: true });
  });

  it('migrates every client and turns the token check into a metadata read, leaving nothing for a person', () => {
    expect(reports.every((report) => report.error === undefined)).toBe(true);
    const migrated = reports.flatMap((report) => report.migrated.map((site) => site.client));
    // A token check that sends x-token is one finding (no-x-token-header's), so one entry in both runs.
    expect(migrated.sort()).toEqual(['axios', 'fetch', 'fetch', 'got']);
    expect(reports.flatMap((report) => report.manual)).toEqual([]);
    const routes = reports.flatMap((report) => report.routes);
    expect(routes.some((route) => route.routes.includes('POST /api/v1/auth'))).toBe(false);
    const scopes = new Set(routes.flatMap((route) => route.scopes));
    expect([...scopes].sort()).toEqual(
      expect.arrayContaining(['cloudautomation:events:read', 'cloudautomation:events:write', 'cloudautomation:metadata:read', 'cloudautomation:projects:read']),
    );
  });

  it('leaves files that parse', () => {
    for (const name of sources()) {
      const text = readFileSync(path.join(copy, 'src', name), 'utf8');
      expect(() => jscodeshift.withParser('ts')(text)).not.toThrow();
    }
  });

  it('type-checks with the helper package', () => {
    const read = ts.readConfigFile(path.join(copy, 'tsconfig.json'), (file) => ts.sys.readFile(file));
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, copy);
    const program = ts.createProgram(parsed.fileNames, {
      ...parsed.options,
      // The helper's sources, so the check does not depend on a stale or missing oauth/dist.
      paths: { 'cloud-automation-oauth': [path.join(root, 'oauth', 'src', 'index.ts')] },
    });
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => diagnostic.file === undefined || diagnostic.file.fileName.startsWith(copy))
      .map((diagnostic) => ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n'));
    expect(diagnostics).toEqual([]);
  });

  it(`re-lints clean with ${rules.join(' and ')}`, async () => {
    const eslint = new ESLint({
      cwd: copy,
      overrideConfigFile: true,
      overrideConfig: [
        {
          files: ['**/*.ts'],
          languageOptions: { parser: tseslint.parser },
          // typescript-eslint's rule types are stricter than ESLint's Plugin type; the shape is the same.
          plugins: { 'cloud-automation': plugin as unknown as ESLint.Plugin },
          rules: Object.fromEntries(rules.map((rule) => [rule, 'error'])),
        },
      ],
    });
    const results = await eslint.lintFiles(['src/**/*.ts']);
    const findings = results.flatMap((result) =>
      result.messages.map((message) => ({ file: result.filePath, line: message.line, rule: message.ruleId })),
    );
    expect(findings).toEqual([]);
    for (const name of sources()) expect(readFileSync(path.join(copy, 'src', name), 'utf8')).not.toContain(MIGRATION_MARKER);
  });

  it('changes nothing on a second run', () => {
    for (const name of sources()) {
      const file = path.join(copy, 'src', name);
      expect(runTransformReports(file, readFileSync(file, 'utf8'), {}, transform).output).toBeUndefined();
    }
  });
});

/**
 * The built plugin under oxlint (`jsPlugins`) must find exactly what ESLint finds with
 * `configs.recommended`: same rule, same file, same line. Compared on the rule fixtures, the
 * example app, and every untyped valid/invalid case of the rule tests (taken from the test files
 * themselves through a stand-in RuleTester, so a new case is compared as soon as it is written).
 * Typed cases are left out: oxlint runs JS plugins without type information.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const builtPlugin = path.join(repoRoot, 'dist/rules/index.js');
const oxlintBin = path.join(repoRoot, 'node_modules/oxlint/bin/oxlint');

interface CapturedCase {
  readonly code: string;
  readonly filename?: string;
  readonly options?: readonly unknown[];
  readonly name?: string;
}
interface CapturedRun {
  readonly rule: string;
  readonly cases: readonly CapturedCase[];
}

const captured = vi.hoisted(() => [] as CapturedRun[]);

// A RuleTester that records the untyped cases instead of running them (the real one runs them in
// their own test files). A tester with parserOptions.project/projectService is a typed one: skipped.
vi.mock('@typescript-eslint/rule-tester', () => ({
  RuleTester: class {
    static afterAll: unknown;
    static describe: unknown;
    static it: unknown;
    static itOnly: unknown;
    private readonly typed: boolean;
    constructor(config?: { languageOptions?: { parserOptions?: { project?: unknown; projectService?: unknown } } }) {
      const parserOptions = config?.languageOptions?.parserOptions;
      this.typed = Boolean(parserOptions?.project ?? parserOptions?.projectService);
    }
    run(name: string, _rule: unknown, tests: { valid: (string | CapturedCase)[]; invalid: CapturedCase[] }): void {
      if (this.typed) return;
      const rule = name.replace(/ \(.*\)$/u, '');
      const cases = [...tests.valid, ...tests.invalid].map((test) => (typeof test === 'string' ? { code: test } : test));
      captured.push({ rule, cases });
    }
  },
}));

const RULE_TEST_FILES = [
  './no-hardcoded-credentials.test.js',
  './no-x-token-header.test.js',
  './no-x-token-header-typed.test.js',
  './require-oauth.test.js',
  './require-oauth-typed.test.js',
  './valid-oauth-scopes.test.js',
];

/** `file → ['rule:line', …]` sorted; files without findings are listed too (empty). */
type Findings = Record<string, string[]>;

interface OxlintDiagnostic {
  code?: string;
  filename: string;
  labels?: { span: { line: number } }[];
}

async function loadBuiltPlugin(): Promise<{ configs: { recommended: Linter.Config[] } }> {
  return ((await import(pathToFileURL(builtPlugin).href)) as { default: { configs: { recommended: Linter.Config[] } } }).default;
}

/** Turns oxlint's JSON report into findings; anything not from the plugin (a parse error) is kept as `oxlint:…`. */
function oxlintFindings(cwd: string, stdout: string, status: number | null, stderr: string): Findings {
  let report: { diagnostics: OxlintDiagnostic[] };
  try {
    report = JSON.parse(stdout) as { diagnostics: OxlintDiagnostic[] };
  } catch {
    throw new Error(`oxlint printed no JSON report (exit ${status ?? 'none'}): ${stderr}${stdout}`.slice(0, 4000));
  }
  const findings: Findings = {};
  for (const diagnostic of report.diagnostics) {
    const file = path.resolve(cwd, diagnostic.filename);
    const match = /^cloud-automation\((.+)\)$/u.exec(diagnostic.code ?? '');
    const rule = match ? `cloud-automation/${match[1] ?? ''}` : `oxlint:${diagnostic.code ?? 'error'}`;
    (findings[file] ??= []).push(`${rule}:${diagnostic.labels?.[0]?.span.line ?? 0}`);
  }
  return findings;
}

/** Runs oxlint from `cwd` over `targets` with the built plugin; `overrides` set per-file rule options. */
function oxlint(cwd: string, targets: string[], rules: Record<string, unknown>, overrides: { files: string[]; rules: Record<string, unknown> }[] = []): Findings {
  const configPath = path.join(cwd, '.oxlintrc.json');
  // Only the plugin's rules: oxlint's own default rules would add findings ESLint has no part in.
  writeFileSync(configPath, JSON.stringify({ plugins: [], categories: { correctness: 'off' }, jsPlugins: [builtPlugin], rules, overrides }, null, 2));
  const result = spawnSync(process.execPath, [oxlintBin, '-c', configPath, '--format', 'json', ...targets], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 64 * 2 ** 20,
  });
  // oxlint exits 1 when it reports problems; anything it could not do shows on stderr and in the JSON.
  return oxlintFindings(cwd, result.stdout, result.status, result.stderr);
}

async function eslint(cwd: string, targets: string[], config: Linter.Config[]): Promise<Findings> {
  const linter = new ESLint({ cwd, overrideConfigFile: true, overrideConfig: config, ignore: false });
  const findings: Findings = {};
  for (const result of await linter.lintFiles(targets)) {
    for (const message of result.messages) {
      (findings[result.filePath] ??= []).push(`${message.ruleId ?? `eslint:${message.fatal === true ? 'fatal' : 'error'}`}:${message.line}`);
    }
  }
  return findings;
}

function normalized(findings: Findings, root: string): Findings {
  const out: Findings = {};
  for (const [file, list] of Object.entries(findings)) {
    if (list.length > 0) out[path.relative(root, file).split(path.sep).join('/')] = [...list].sort();
  }
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

let workDir = '';
let plugin: { configs: { recommended: Linter.Config[] } };
let recommendedRules: Record<string, unknown> = {};

beforeAll(async () => {
  if (!existsSync(builtPlugin)) throw new Error(`${builtPlugin} is missing: run \`npm run build\` first (oxlint loads the built plugin)`);
  if (!existsSync(oxlintBin)) throw new Error('oxlint is not installed: run `npm ci`');
  plugin = await loadBuiltPlugin();
  recommendedRules = Object.assign({}, ...plugin.configs.recommended.map((config) => config.rules ?? {})) as Record<string, unknown>;
  workDir = mkdtempSync(path.join(os.tmpdir(), 'cloud-automation-oxlint-'));
});

afterAll(() => {
  if (workDir) rmSync(workDir, { recursive: true, force: true });
});

describe('oxlint with the built plugin finds what ESLint finds with configs.recommended', () => {
  it('on the rule fixtures and the example app', async () => {
    const targets = ['tests/rules/fixtures', 'examples/legacy-app/src'].map((target) => path.join(repoRoot, target));
    const viaEslint = normalized(await eslint(repoRoot, targets, [...plugin.configs.recommended]), repoRoot);
    const viaOxlint = normalized(oxlint(workDir, targets, recommendedRules), repoRoot);
    // Not vacuous: the example app alone sends x-token in several files.
    expect(Object.values(viaEslint).flat().length).toBeGreaterThan(5);
    expect(viaOxlint).toEqual(viaEslint);
  });

  it('with the .oxlintrc.json and the oxlint.config.ts that docs/oxlint.md gives, plugin named as a user names it', async () => {
    const doc = readFileSync(path.join(repoRoot, 'docs/oxlint.md'), 'utf8');
    const block = (language: string): string => {
      const match = new RegExp(`\`\`\`${language}\\n([\\s\\S]*?)\`\`\``, 'u').exec(doc.slice(doc.indexOf('## Setup')));
      if (!match?.[1]) throw new Error(`docs/oxlint.md has no ${language} block under ## Setup`);
      return match[1];
    };
    const target = path.join(repoRoot, 'examples/legacy-app/src');
    const viaEslint = normalized(await eslint(repoRoot, [target], [...plugin.configs.recommended]), repoRoot);
    for (const [configFile, language] of [['.oxlintrc.json', 'json'], ['oxlint.config.ts', 'ts']] as const) {
      const project = path.join(workDir, `user-${language}`);
      mkdirSync(path.join(project, 'node_modules'), { recursive: true });
      // As installed: the plugin and oxlint resolve from the project's node_modules.
      symlinkSync(repoRoot, path.join(project, 'node_modules/eslint-plugin-cloud-automation'), 'dir');
      symlinkSync(path.join(repoRoot, 'node_modules/oxlint'), path.join(project, 'node_modules/oxlint'), 'dir');
      writeFileSync(path.join(project, 'package.json'), JSON.stringify({ type: 'module' }));
      writeFileSync(path.join(project, configFile), block(language));
      // Node.js < 22.18 cannot import a .ts config by itself; tsx's loader stands in for it there.
      const loader = language === 'ts' ? ['--import', pathToFileURL(path.join(repoRoot, 'node_modules/tsx/dist/esm/index.mjs')).href] : [];
      const result = spawnSync(process.execPath, [...loader, oxlintBin, '--format', 'json', target], { cwd: project, encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
      const all = oxlintFindings(project, result.stdout, result.status, result.stderr);
      // oxlint's own default rules stay on in the documented setup; compare the plugin's findings.
      const pluginOnly = Object.fromEntries(Object.entries(all).map(([file, list]) => [file, list.filter((finding) => finding.startsWith('cloud-automation/'))]));
      expect(normalized(pluginOnly, repoRoot), configFile).toEqual(viaEslint);
    }
  });

  it('on every untyped valid and invalid case of the rule tests, with each case’s options', async () => {
    for (const file of RULE_TEST_FILES) await import(file);
    const casesRoot = path.join(workDir, 'cases');
    const eslintOverrides: Linter.Config[] = [];
    const oxlintOverrides: { files: string[]; rules: Record<string, unknown> }[] = [];
    let count = 0;
    for (const { rule, cases } of captured) {
      cases.forEach((test, index) => {
        const folder = `${rule}/${index}`;
        const filename = path.basename(test.filename ?? 'file.ts');
        mkdirSync(path.join(casesRoot, folder), { recursive: true });
        writeFileSync(path.join(casesRoot, folder, filename), test.code);
        count++;
        if (test.options && test.options.length > 0) {
          const ruleConfig = { [`cloud-automation/${rule}`]: ['error', ...test.options] };
          eslintOverrides.push({ files: [`${folder}/**`], rules: ruleConfig as Linter.RulesRecord });
          oxlintOverrides.push({ files: [`cases/${folder}/**`], rules: ruleConfig });
        }
      });
    }
    expect(captured.map((run) => run.rule).sort()).toEqual(
      expect.arrayContaining(['no-hardcoded-credentials', 'no-x-token-header', 'require-oauth', 'valid-oauth-scopes']),
    );
    expect(count).toBeGreaterThan(100);
    const viaEslint = normalized(await eslint(casesRoot, ['.'], [...plugin.configs.recommended, ...eslintOverrides]), casesRoot);
    const viaOxlint = normalized(oxlint(workDir, ['cases'], recommendedRules, oxlintOverrides), casesRoot);
    expect(Object.values(viaEslint).flat().length).toBeGreaterThan(50);
    expect(viaOxlint).toEqual(viaEslint);
  });
});

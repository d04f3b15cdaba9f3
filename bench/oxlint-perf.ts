/**
 * The plugin under oxlint's JS plugins, against what any JS plugin costs there, and the same
 * plugin's own time under ESLint `--stats`, in one run on the generated corpus:
 *
 *   npx tsx bench/oxlint-perf.ts [--corpus .bench/corpus] [--runs 5] [--eslint-runs 3]
 *       [--plugin after=dist/rules/index.js] [--plugin before=path/to/other/build/rules/index.js]
 *
 * oxlint rows (whole process, spawn to exit, median of `--runs`; every round runs every
 * configuration once, the order rotating from round to round so drift in machine load falls on
 * all of them alike):
 * - `floor`: oxlint with no rules at all;
 * - `no-listener`: one JS plugin rule whose `create` returns no listener (the price of any JS plugin);
 * - `literal-key`: one JS plugin rule with a `Property` listener reporting literal `x-token` keys,
 *   what a user would write by hand; oxlint hands every file's tree to JavaScript for it;
 * - `plugin:<label>`: each `--plugin` build's four rules, as docs/oxlint.md sets them up.
 * ESLint rows: each `--plugin` build's `configs.recommended` with `stats`, in its own process,
 * `--eslint-runs` times, interleaved: the four rules' own time and its share of the run; and, in
 * the same rotation, the same config with its rules replaced by one rule whose `create` returns
 * no listener (`no-op`): what `stats` charges a rule that does nothing, the floor under the
 * four rules' share.
 *
 * The whole table, from a fresh checkout:
 *
 *   npm run build && npx tsx bench/oxlint-perf.ts --runs 5 --eslint-runs 3
 *
 * oxlint honours .gitignore (and .bench/ is ignored), so the corpus is linted from a temporary copy.
 * Build the plugin first (`npm run build`): oxlint loads JavaScript.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint, type Linter } from 'eslint';
import { generateCorpus } from './generate-corpus.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const oxlintBin = path.join(repoRoot, 'node_modules/oxlint/bin/oxlint');

/** The hand-written baselines, as a plugin oxlint loads from a file. */
const BASELINE_PLUGIN = `export default {
  meta: { name: 'bench' },
  rules: {
    'no-listener': { create() { return {}; } },
    'literal-key': {
      create(context) {
        return {
          Property(node) {
            if (node.key.type === 'Literal' && typeof node.key.value === 'string' && /^x-token$/i.test(node.key.value)) {
              context.report({ node: node.key, message: 'x-token header' });
            }
          },
        };
      },
    },
  },
};
`;

const PLUGIN_RULES = ['no-hardcoded-credentials', 'no-x-token-header', 'require-oauth', 'valid-oauth-scopes'];

interface OxlintRun {
  readonly config: string;
  readonly wallMs: number;
  readonly findings: number;
}

interface EslintRun {
  readonly plugin: string;
  readonly wallMs: number;
  /** Sum over files of each rule's own time from ESLint's `stats`, ms. */
  readonly ruleMs: Record<string, number>;
  readonly parseMs: number;
  readonly findings: number;
}

function oxlintConfig(jsPlugin: string | undefined, rules: Record<string, string>): object {
  // No built-in rules: only the JS side is measured. `categories` off keeps oxlint's defaults out.
  return { plugins: [], categories: { correctness: 'off' }, jsPlugins: jsPlugin ? [jsPlugin] : [], rules };
}

function runOxlint(config: string, configPath: string, cwd: string): OxlintRun {
  const started = performance.now();
  const result = spawnSync(process.execPath, [oxlintBin, '-c', configPath, '--format', 'json', 'src'], {
    cwd,
    encoding: 'utf8',
    maxBuffer: 256 * 2 ** 20,
  });
  const wallMs = performance.now() - started;
  let findings: number;
  try {
    findings = (JSON.parse(result.stdout) as { diagnostics: unknown[] }).diagnostics.length;
  } catch {
    throw new Error(`${config}: oxlint printed no JSON report (exit ${result.status ?? 'none'}): ${result.stderr.slice(0, 2000)}`);
  }
  return { config, wallMs, findings };
}

/** The label of the ESLint run with the config's rules replaced by one that does nothing. */
const NO_OP = 'no-op';

/** The recommended config's parser and files, with one rule whose `create` returns no listener. */
function noOpConfig(recommended: readonly Linter.Config[]): Linter.Config[] {
  const noOpPlugin = { rules: { 'no-op': { meta: { schema: [] }, create: () => ({}) } } };
  return recommended.map((entry) =>
    entry.rules ? { ...entry, plugins: { bench: noOpPlugin }, rules: { 'bench/no-op': 'error' } } : entry,
  );
}

/** One ESLint run of a build's `configs.recommended` (or its no-op twin) with `stats`, in this process. */
async function eslintWorker(pluginPath: string, corpus: string, label: string): Promise<EslintRun> {
  const plugin = ((await import(pathToFileURL(pluginPath).href)) as { default: { configs: { recommended: Linter.Config[] } } }).default;
  const config = label === NO_OP ? noOpConfig(plugin.configs.recommended) : [...plugin.configs.recommended];
  const eslint = new ESLint({ cwd: corpus, overrideConfigFile: true, overrideConfig: config, stats: true });
  const started = performance.now();
  const results = await eslint.lintFiles(['src']);
  const wallMs = performance.now() - started;
  const ruleMs: Record<string, number> = {};
  let parseMs = 0;
  let findings = 0;
  for (const result of results) {
    findings += result.messages.length;
    for (const pass of result.stats?.times.passes ?? []) {
      parseMs += pass.parse?.total ?? 0;
      for (const [rule, time] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + time.total;
    }
  }
  return { plugin: label, wallMs, ruleMs, parseMs, findings };
}

function eslintInChild(label: string, pluginPath: string, corpus: string): EslintRun {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', 'eslint', '--worker-plugin', `${label}=${pluginPath}`, '--corpus', corpus],
    { encoding: 'utf8', maxBuffer: 16 * 2 ** 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  return JSON.parse(output.trim().split('\n').at(-1) ?? '') as EslintRun;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;

function parsePlugin(spec: string): [string, string] {
  const at = spec.indexOf('=');
  if (at <= 0) throw new Error(`--plugin wants label=path/to/rules/index.js, got "${spec}"`);
  const file = path.resolve(spec.slice(at + 1));
  if (!existsSync(file)) throw new Error(`--plugin ${spec}: ${file} does not exist (run \`npm run build\`?)`);
  return [spec.slice(0, at), file];
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      'worker-plugin': { type: 'string' },
      corpus: { type: 'string', default: '.bench/corpus' },
      files: { type: 'string', default: '2000' },
      seed: { type: 'string', default: '1' },
      runs: { type: 'string', default: '5' },
      'eslint-runs': { type: 'string', default: '3' },
      plugin: { type: 'string', multiple: true },
    },
  });
  const corpus = path.resolve(values.corpus);
  if (values.worker === 'eslint') {
    const [label, file] = parsePlugin(values['worker-plugin'] ?? '');
    console.log(JSON.stringify(await eslintWorker(file, corpus, label)));
    return;
  }
  if (!existsSync(oxlintBin)) throw new Error('oxlint is not installed: run `npm ci`');
  if (!existsSync(path.join(corpus, 'manifest.json'))) {
    generateCorpus({ out: corpus, files: Number(values.files), candidates: 0.02, seed: Number(values.seed) });
  }
  const plugins = (values.plugin && values.plugin.length > 0 ? values.plugin : ['after=dist/rules/index.js']).map(parsePlugin);
  const runs = Number(values.runs);
  const eslintRuns = Number(values['eslint-runs']);

  const work = mkdtempSync(path.join(os.tmpdir(), 'cloud-automation-oxlint-bench-'));
  try {
    cpSync(path.join(corpus, 'src'), path.join(work, 'src'), { recursive: true });
    const baseline = path.join(work, 'baseline-plugin.mjs');
    writeFileSync(baseline, BASELINE_PLUGIN);
    const configs: Record<string, object> = {
      floor: oxlintConfig(undefined, {}),
      'no-listener': oxlintConfig(baseline, { 'bench/no-listener': 'error' }),
      'literal-key': oxlintConfig(baseline, { 'bench/literal-key': 'error' }),
    };
    for (const [label, file] of plugins) {
      configs[`plugin:${label}`] = oxlintConfig(file, Object.fromEntries(PLUGIN_RULES.map((rule) => [`cloud-automation/${rule}`, 'error'])));
    }
    const names = Object.keys(configs);
    const configPaths = Object.fromEntries(
      names.map((name) => {
        const file = path.join(work, `${name.replace(/[^\w-]/gu, '_')}.json`);
        writeFileSync(file, JSON.stringify(configs[name], null, 2));
        return [name, file];
      }),
    );
    console.error(`corpus ${corpus} (linted from ${work}); ${runs} oxlint rounds, ${eslintRuns} ESLint runs per build`);
    const oxlintRuns: OxlintRun[] = [];
    for (let round = 0; round < runs; round++) {
      for (let offset = 0; offset < names.length; offset++) {
        const name = names[(round + offset) % names.length] ?? '';
        const run = runOxlint(name, configPaths[name] ?? '', work);
        oxlintRuns.push(run);
        console.error(`  oxlint ${name.padEnd(20)} ${seconds(run.wallMs)}  findings ${run.findings}`);
      }
    }
    const eslintRunsDone: EslintRun[] = [];
    // The no-op rule with the first build's config (parser, files), in the same rotation.
    const eslintConfigs: [string, string][] = [...plugins, [NO_OP, plugins[0]?.[1] ?? '']];
    for (let round = 0; round < eslintRuns; round++) {
      for (let offset = 0; offset < eslintConfigs.length; offset++) {
        const [label, file] = eslintConfigs[(round + offset) % eslintConfigs.length] ?? ['', ''];
        const run = eslintInChild(label, file, corpus);
        eslintRunsDone.push(run);
        const own = Object.values(run.ruleMs).reduce((sum, ms) => sum + ms, 0);
        console.error(`  eslint ${label.padEnd(20)} ${seconds(run.wallMs)}  rules ${seconds(own)}  findings ${run.findings}`);
      }
    }

    const wall = (name: string): number => median(oxlintRuns.filter((run) => run.config === name).map((run) => run.wallMs));
    const findings = (name: string): string => [...new Set(oxlintRuns.filter((run) => run.config === name).map((run) => run.findings))].join('/');
    const literalKey = wall('literal-key');
    const lines = ['| oxlint configuration | median wall | vs literal-key rule | findings |', '|---|---|---|---|'];
    const describe: Record<string, string> = {
      floor: 'oxlint, no rules',
      'no-listener': 'oxlint, one JS rule with no listener',
      'literal-key': 'oxlint, one JS rule: literal-key `x-token` `Property` listener',
    };
    for (const name of names) {
      const label = describe[name] ?? `oxlint, the plugin's four rules (${name.slice('plugin:'.length)})`;
      lines.push(`| ${label} | ${seconds(wall(name))} | ${(wall(name) / literalKey).toFixed(2)}× | ${findings(name)} |`);
    }
    lines.push('', '| ESLint `stats`, configs.recommended | median wall | rules\' own time | share of the run (median) | shares of each run | per rule (own time) | findings |', '|---|---|---|---|---|---|---|');
    for (const [label] of eslintConfigs) {
      const mine = eslintRunsDone.filter((run) => run.plugin === label);
      const runWall = median(mine.map((run) => run.wallMs));
      const ruleNames = label === NO_OP ? ['bench/no-op'] : PLUGIN_RULES.map((rule) => `cloud-automation/${rule}`);
      const perRule = ruleNames.map((rule) => [rule, median(mine.map((run) => run.ruleMs[rule] ?? 0))] as const);
      const ownOf = (run: EslintRun): number => Object.values(run.ruleMs).reduce((sum, ms) => sum + ms, 0);
      const shares = mine.map((run) => ownOf(run) / run.wallMs);
      const name = label === NO_OP ? 'one rule with no listener (what `stats` charges any rule)' : `the plugin's four rules (${label})`;
      lines.push(
        `| ${name} | ${seconds(runWall)} | ${seconds(median(mine.map(ownOf)))} | ${(100 * median(shares)).toFixed(2)} % | ${shares.map((share) => `${(100 * share).toFixed(2)} %`).join(', ')} | ${perRule.map(([rule, ms]) => `${rule.replace(/^[^/]+\//u, '')} ${(ms / 1000).toFixed(3)} s`).join(', ')} | ${[...new Set(mine.map((run) => run.findings))].join('/')} |`,
      );
    }
    console.log(lines.join('\n'));
    console.log(`\noxlint wall times of every run (ms): ${JSON.stringify(Object.fromEntries(names.map((name) => [name, oxlintRuns.filter((run) => run.config === name).map((run) => Math.round(run.wallMs))])))}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

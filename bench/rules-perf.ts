/**
 * What the rules cost, side by side in one run on the generated corpus (bench/generate-corpus.ts):
 *
 *   npx tsx bench/rules-perf.ts [--corpus .bench/corpus] [--files 2000] [--runs 3] [--typed-runs 2] [--pre-parsed-rounds 5]
 *
 * - untyped: the no-rule floor (typescript-eslint parser, no rules) vs the recommended config,
 *   interleaved, medians of wall time; each rule's own time from ESLint's `stats` in the same runs,
 *   and each rule alone once more (its own time when nothing else runs);
 * - typed: the floor with `projectService` and no rules vs `recommended-type-checked`;
 * - in one process over pre-parsed files (see `preParsedCosts`): each rule alone, the config, and
 *   the literal-key case, `no-x-token-header` against the equivalent hand-written
 *   `no-restricted-syntax` selector, each against the no-rule floor and an empty listener.
 *
 * Every measurement runs in its own Node process (no warm caches or programs carried over).
 * Wall time on a shared 2-core machine varies ±10–15 %: read the ratios and the rule times.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { ESLint, Linter } from 'eslint';
import plugin from '../rules/index.js';
import { generateCorpus } from './generate-corpus.js';

type Scenario =
  | 'floor'
  | 'recommended'
  | 'rule:no-x-token-header'
  | 'rule:require-oauth'
  | 'rule:no-hardcoded-credentials'
  | 'rule:valid-oauth-scopes'
  | 'typed-floor'
  | 'typed-recommended';

interface Measurement {
  readonly scenario: Scenario;
  readonly wallMs: number;
  /** Sum over files of ESLint's per-rule `total` times, ms. */
  readonly ruleMs: Record<string, number>;
  readonly parseMs: number;
  readonly findings: number;
  readonly rssMb: number;
}

const TS_FILES = ['**/*.ts'];
/** The literal-key case as a user would write it without the plugin. */
const X_TOKEN_SELECTOR = "Property[key.type='Literal'][key.value=/^x-token$/i]";

function configFor(scenario: Scenario, corpus: string): Linter.Config[] {
  const [main, parserConfig] = plugin.configs.recommended;
  const parser = parserConfig?.languageOptions?.parser;
  if (!main || !parser) throw new Error('the recommended config lacks the plugin or the typescript-eslint parser');
  const base: Linter.Config = { files: TS_FILES, languageOptions: { parser } };
  const typed: Linter.Config = {
    files: TS_FILES,
    languageOptions: { parser, parserOptions: { projectService: true, tsconfigRootDir: corpus } },
  };
  const withRules = (rules: Linter.RulesRecord): Linter.Config[] => [base, { files: TS_FILES, plugins: main.plugins ?? {}, rules }];
  switch (scenario) {
    case 'floor':
      return [base];
    case 'recommended':
      return [...plugin.configs.recommended];
    case 'typed-floor':
      return [typed];
    case 'typed-recommended':
      return [...plugin.configs['recommended-type-checked'], typed];
    default:
      return withRules({ [`cloud-automation/${scenario.slice('rule:'.length)}`]: 'error' });
  }
}

/** One measurement, in this process: lint the corpus once with `stats` on. */
async function measure(scenario: Scenario, corpus: string): Promise<Measurement> {
  const eslint = new ESLint({ cwd: corpus, overrideConfigFile: true, overrideConfig: configFor(scenario, corpus), stats: true });
  const started = performance.now();
  const results = await eslint.lintFiles(['src']);
  const wallMs = performance.now() - started;
  const ruleMs: Record<string, number> = {};
  let parseMs = 0;
  let findings = 0;
  for (const result of results) {
    findings += result.messages.length;
    parseMs += result.stats?.times.passes.reduce((sum, pass) => sum + (pass.parse?.total ?? 0), 0) ?? 0;
    for (const pass of result.stats?.times.passes ?? []) {
      for (const [rule, time] of Object.entries(pass.rules ?? {})) ruleMs[rule] = (ruleMs[rule] ?? 0) + time.total;
    }
  }
  const fatal = results.flatMap((result) => result.messages.filter((message) => message.fatal === true));
  if (fatal.length > 0) throw new Error(`${scenario}: ${fatal.length} parse errors, first: ${fatal[0]?.message ?? ''}`);
  return { scenario, wallMs, ruleMs, parseMs, findings, rssMb: process.memoryUsage().rss / 2 ** 20 };
}

const RULE_NAMES = ['no-x-token-header', 'require-oauth', 'no-hardcoded-credentials', 'valid-oauth-scopes'] as const;
type PreParsedConfig = 'none' | 'listener' | 'selector' | 'recommended' | (typeof RULE_NAMES)[number];

interface PreParsedCosts {
  /** Median over rounds of the summed parse time of every file, ms. */
  readonly parseMs: number;
  /** Median over rounds of the summed verify time of every file, ms, per configuration. */
  readonly verifyMs: Record<PreParsedConfig, number>;
  readonly findings: Record<PreParsedConfig, number>;
  readonly rounds: number;
}

/**
 * What each configuration makes ESLint do, in one process over pre-parsed files. `stats` cannot
 * compare a selector with a rule: ESLint tests a selector's attributes while it walks the tree and
 * charges the rule only for `create()` and for listener calls on nodes that matched, so the
 * selector's real work goes uncounted; and wall time of whole runs varies more than the rules
 * cost. Here each file is parsed (timed apart) and verified from its `SourceCode`, fresh for every
 * configuration (no AST-keyed cache carries over), timed per file, the configurations in a rotating
 * order so drift in machine load falls on all of them alike. `none` has no rule (the floor is parse
 * + `none`); `listener` is one rule with one empty `Property` listener: the per-node dispatch any
 * rule with a listener costs, so `x − listener` is what a rule or the selector adds itself.
 */
function preParsedCosts(corpus: string, rounds: number): PreParsedCosts {
  const [main, parserConfig] = plugin.configs.recommended;
  const parser = parserConfig?.languageOptions?.parser;
  if (!main?.plugins || !parser) throw new Error('the recommended config lacks the plugin or the typescript-eslint parser');
  const base: Linter.Config = { files: TS_FILES, languageOptions: { parser } };
  const emptyListenerPlugin = { rules: { 'empty-listener': { create: () => ({ Property: () => undefined }) } } };
  const withRules = (rules: Linter.RulesRecord): Linter.Config[] => [base, { files: TS_FILES, plugins: main.plugins ?? {}, rules }];
  const configs: Record<PreParsedConfig, Linter.Config[]> = {
    none: [base],
    listener: [base, { files: TS_FILES, plugins: { bench: emptyListenerPlugin }, rules: { 'bench/empty-listener': 'error' } }],
    selector: [base, { files: TS_FILES, rules: { 'no-restricted-syntax': ['error', { selector: X_TOKEN_SELECTOR, message: 'x-token header' }] } }],
    recommended: [...plugin.configs.recommended],
    ...(Object.fromEntries(RULE_NAMES.map((rule) => [rule, withRules({ [`cloud-automation/${rule}`]: 'error' })])) as Record<(typeof RULE_NAMES)[number], Linter.Config[]>),
  };
  const names = Object.keys(configs) as PreParsedConfig[];
  const manifest = JSON.parse(readFileSync(path.join(corpus, 'manifest.json'), 'utf8')) as { files: string[] };
  const sources = manifest.files.map((file) => ({ filename: path.join(corpus, file), text: readFileSync(path.join(corpus, file), 'utf8') }));
  const linter = new Linter();
  const parseTotals: number[] = [];
  const totals = Object.fromEntries(names.map((name) => [name, [] as number[]])) as Record<PreParsedConfig, number[]>;
  const findings = Object.fromEntries(names.map((name) => [name, 0])) as Record<PreParsedConfig, number>;
  for (let round = 0; round < rounds; round++) {
    const sums = Object.fromEntries(names.map((name) => [name, 0])) as Record<PreParsedConfig, number>;
    let parseSum = 0;
    sources.forEach(({ filename, text }, index) => {
      for (let offset = 0; offset < names.length; offset++) {
        const name = names[(index + round + offset) % names.length] as PreParsedConfig;
        const parseStarted = performance.now();
        const parseErrors = linter.verify(text, [base], filename);
        if (offset === 0) parseSum += performance.now() - parseStarted;
        if (parseErrors.length > 0) throw new Error(`${filename} did not parse: ${parseErrors[0]?.message ?? ''}`);
        const sourceCode = linter.getSourceCode();
        const started = performance.now();
        const messages = linter.verify(sourceCode, configs[name], filename);
        sums[name] += performance.now() - started;
        if (round === 0) findings[name] += messages.length;
      }
    });
    parseTotals.push(parseSum);
    for (const name of names) totals[name].push(sums[name]);
  }
  const verifyMs = Object.fromEntries(names.map((name) => [name, median(totals[name])])) as Record<PreParsedConfig, number>;
  return { parseMs: median(parseTotals), verifyMs, findings, rounds };
}

function runInChild(scenario: Scenario, corpus: string): Measurement {
  const output = execFileSync(
    process.execPath,
    ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', scenario, '--corpus', corpus],
    { encoding: 'utf8', maxBuffer: 16 * 2 ** 20, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  const line = output.trim().split('\n').at(-1) ?? '';
  return JSON.parse(line) as Measurement;
}

const median = (values: readonly number[]): number => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const seconds = (ms: number): string => `${(ms / 1000).toFixed(2)} s`;
const percent = (part: number, whole: number): string => `${((100 * part) / whole).toFixed(2)} %`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      worker: { type: 'string' },
      'pre-parsed-rounds': { type: 'string', default: '5' },
      corpus: { type: 'string', default: '.bench/corpus' },
      files: { type: 'string', default: '2000' },
      runs: { type: 'string', default: '3' },
      'typed-runs': { type: 'string', default: '2' },
      seed: { type: 'string', default: '1' },
    },
  });
  const corpus = path.resolve(values.corpus);
  if (values.worker === 'pre-parsed') {
    console.log(JSON.stringify(preParsedCosts(corpus, Number(values['pre-parsed-rounds']))));
    return;
  }
  if (values.worker) {
    console.log(JSON.stringify(await measure(values.worker as Scenario, corpus)));
    return;
  }
  if (!existsSync(path.join(corpus, 'manifest.json'))) {
    generateCorpus({ out: corpus, files: Number(values.files), candidates: 0.02, seed: Number(values.seed) });
  }
  const runs = Number(values.runs);
  const typedRuns = Number(values['typed-runs']);
  const all: Measurement[] = [];
  const record = (scenario: Scenario): Measurement => {
    const measurement = runInChild(scenario, corpus);
    all.push(measurement);
    console.error(`  ${scenario.padEnd(30)} ${seconds(measurement.wallMs)}  rss ${measurement.rssMb.toFixed(0)} MB  findings ${measurement.findings}`);
    return measurement;
  };
  console.error(`corpus ${corpus}; ${runs} untyped runs, ${typedRuns} typed runs`);
  // Interleaved, so drift in machine load hits every scenario alike.
  for (let run = 0; run < runs; run++) {
    record('floor');
    record('recommended');
  }
  for (const rule of RULE_NAMES) {
    record(`rule:${rule}`);
  }
  for (let run = 0; run < typedRuns; run++) {
    record('typed-floor');
    record('typed-recommended');
  }
  const preParsed = JSON.parse(
    execFileSync(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--worker', 'pre-parsed', '--corpus', corpus, '--pre-parsed-rounds', values['pre-parsed-rounds']],
      { encoding: 'utf8', stdio: ['ignore', 'pipe', 'inherit'] },
    ).trim().split('\n').at(-1) ?? '{}',
  ) as PreParsedCosts;
  console.error(`  pre-parsed (${preParsed.rounds} rounds): parse ${preParsed.parseMs.toFixed(0)} ms, verify ${JSON.stringify(preParsed.verifyMs)}`);

  const of = (scenario: Scenario): Measurement[] => all.filter((measurement) => measurement.scenario === scenario);
  const wall = (scenario: Scenario): number => median(of(scenario).map((measurement) => measurement.wallMs));
  const ruleTime = (scenario: Scenario, rule: string): number => median(of(scenario).map((measurement) => measurement.ruleMs[rule] ?? 0));
  const floor = wall('floor');
  const typedFloor = wall('typed-floor');
  const lines: string[] = [];
  lines.push(`| measurement | median | vs floor |`, `|---|---|---|`);
  lines.push(`| untyped floor (parser, no rules) | ${seconds(floor)} | — |`);
  lines.push(`| recommended config, wall | ${seconds(wall('recommended'))} | ${percent(wall('recommended') - floor, floor)} |`);
  let recommendedRules = 0;
  for (const rule of Object.keys(plugin.rules)) {
    const id = `cloud-automation/${rule}`;
    const inConfig = ruleTime('recommended', id);
    const alone = ruleTime(`rule:${rule}` as Scenario, id);
    recommendedRules += inConfig;
    lines.push(`| ${id}: own time in recommended / alone | ${seconds(inConfig)} / ${seconds(alone)} | ${percent(inConfig, floor)} / ${percent(alone, floor)} |`);
  }
  lines.push(`| all four rules' own time in recommended | ${seconds(recommendedRules)} | ${percent(recommendedRules, floor)} |`);
  const { verifyMs } = preParsed;
  const preParsedFloor = preParsed.parseMs + verifyMs.none;
  lines.push(`| pre-parsed, one process: floor = parse + verify without rules | ${seconds(preParsedFloor)} | — |`);
  lines.push(`| pre-parsed: ESLint's own cost of any rule with a listener (empty \`Property\` listener) | ${seconds(verifyMs.listener - verifyMs.none)} | ${percent(verifyMs.listener - verifyMs.none, preParsedFloor)} |`);
  for (const rule of [...RULE_NAMES, 'recommended'] as const) {
    const over = verifyMs[rule] - verifyMs.none;
    const own = verifyMs[rule] - verifyMs.listener;
    lines.push(`| pre-parsed: ${rule === 'recommended' ? 'recommended config' : `cloud-automation/${rule} alone`}, over the floor / over the empty listener | ${seconds(over)} / ${seconds(own)} | ${percent(over, preParsedFloor)} / ${percent(own, preParsedFloor)} |`);
  }
  lines.push(
    `| literal-key case, pre-parsed, over the empty listener: no-x-token-header / no-restricted-syntax selector | ${seconds(verifyMs['no-x-token-header'] - verifyMs.listener)} / ${seconds(verifyMs.selector - verifyMs.listener)} | ratio ${((verifyMs['no-x-token-header'] - verifyMs.listener) / (verifyMs.selector - verifyMs.listener)).toFixed(2)} (findings ${preParsed.findings['no-x-token-header']} / ${preParsed.findings.selector}) |`,
  );
  // With --typed-runs 0 there is nothing typed to report: rows of zeros and NaN would read as measurements.
  if (typedRuns > 0) {
    lines.push(`| typed floor (projectService, no rules) | ${seconds(typedFloor)} | — |`);
    lines.push(`| recommended-type-checked, wall | ${seconds(wall('typed-recommended'))} | ${percent(wall('typed-recommended') - typedFloor, typedFloor)} |`);
    let typedRules = 0;
    for (const rule of Object.keys(plugin.rules)) {
      const id = `cloud-automation/${rule}`;
      const own = ruleTime('typed-recommended', id);
      typedRules += own;
      lines.push(`| ${id}: own time, typed | ${seconds(own)} | ${percent(own, typedFloor)} |`);
    }
    lines.push(`| all four rules' own time, typed | ${seconds(typedRules)} | ${percent(typedRules, typedFloor)} |`);
  }
  const rss = (scenario: Scenario): string => `${median(of(scenario).map((measurement) => measurement.rssMb)).toFixed(0)} MB`;
  if (typedRuns > 0) {
    lines.push(`| memory (rss after lint): floor / recommended / typed floor / typed config | ${rss('floor')} / ${rss('recommended')} / ${rss('typed-floor')} / ${rss('typed-recommended')} | |`);
    lines.push(`| findings: recommended / typed | ${of('recommended')[0]?.findings ?? 0} / ${of('typed-recommended')[0]?.findings ?? 0} | |`);
  } else {
    lines.push(`| memory (rss after lint): floor / recommended | ${rss('floor')} / ${rss('recommended')} | |`);
    lines.push(`| findings: recommended | ${of('recommended')[0]?.findings ?? 0} | |`);
  }
  console.log(lines.join('\n'));
  console.log(`\nwall times of every run (ms): ${JSON.stringify(Object.fromEntries([...new Set(all.map((m) => m.scenario))].map((s) => [s, of(s).map((m) => Math.round(m.wallMs))])))}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});

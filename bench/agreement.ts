/**
 * Issue 11's differential harness (tests/agreement/harness.ts) on the generated corpus: typed
 * lint findings = migrate's sites, untyped ⊆ typed, clean after migration.
 *
 *   npx tsx bench/agreement.ts [--files 2000] [--candidates 0.02] [--seed 1] [--strict] [--json out.json]
 *
 * Generates the corpus (bench/generate-corpus.ts, same arguments → same bytes) under
 * .bench/agreement/, inside the checkout so axios and got types resolve, runs the harness over
 * every file, prints the disagreements as a table with their count, the time of each phase and
 * the peak RSS. Exits 1 on a disagreement (AGREEMENT_STRICT=0 only lists them), 0 otherwise;
 * 2 on bad arguments or a file the harness could not lint or migrate. CI can afford a smaller
 * `--files`; the corpus keeps its 2 % of candidate files at any size.
 */
import path from 'node:path';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { formatDisagreements, formatTypedOnly, runAgreement, strictAgreement, summarize, type Phase } from '../tests/agreement/harness.js';
import { generateCorpus } from './generate-corpus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(message: string): never {
  console.error(`bench/agreement: ${message}`);
  process.exit(2);
}

const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    candidates: { type: 'string', default: '0.02' },
    seed: { type: 'string', default: '1' },
    strict: { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const files = Number(values.files);
const candidates = Number(values.candidates);
const seed = Number(values.seed);
if (!Number.isInteger(files) || files < 1) fail(`--files must be a positive integer, got ${values.files}`);
if (!(candidates >= 0 && candidates <= 1)) fail(`--candidates must be between 0 and 1, got ${values.candidates}`);
if (!Number.isInteger(seed)) fail(`--seed must be an integer, got ${values.seed}`);
const strict = values.strict || strictAgreement();

const corpus = path.join(root, '.bench', 'agreement', `corpus-${String(files)}-${String(candidates)}-${String(seed)}`);
const started = performance.now();
const manifest = generateCorpus({ out: corpus, files, candidates, seed });
const generatedMs = performance.now() - started;
console.log(`corpus: ${String(manifest.files.length)} files, ${String(manifest.lines)} lines, ${String(manifest.candidates.length)} candidates (${path.relative(root, corpus)})`);

let peakRss = process.memoryUsage().rss;
const sampler = setInterval(() => {
  peakRss = Math.max(peakRss, process.memoryUsage().rss);
}, 200);
const timings: Partial<Record<Phase, number>> = {};
const runStarted = performance.now();
const outcomes = await runAgreement(
  manifest.files.map((file) => ({ file: path.join(corpus, file) })),
  {
    cwd: corpus,
    timings,
    onFile: (done, total) => {
      if (process.stderr.isTTY && (done % 50 === 0 || done === total)) process.stderr.write(`\r${String(done)}/${String(total)} files compared`);
    },
  },
);
const runMs = performance.now() - runStarted;
const summary = summarize(outcomes);
const compareMs = performance.now() - runStarted - runMs;
clearInterval(sampler);
peakRss = Math.max(peakRss, process.memoryUsage().rss);
if (process.stderr.isTTY) process.stderr.write('\r\u001B[2K');

console.log(
  `typed findings ${String(summary.typedFindings)}, untyped ${String(summary.untypedFindings)}, codemod sites ${String(summary.codemodSites)}, findings after migration ${String(summary.afterMigrationFindings)}`,
);
console.log(`\n${String(summary.disagreements.length)} disagreement${summary.disagreements.length === 1 ? '' : 's'}${strict ? '' : ' (AGREEMENT_STRICT=0: listed only)'}`);
console.log(formatDisagreements(summary.disagreements, corpus));
if (summary.typedOnly.length > 0) console.log(`typed-only findings explained by types:\n${formatTypedOnly(summary.typedOnly, corpus)}\n`);

const seconds = (ms: number | undefined) => `${((ms ?? 0) / 1000).toFixed(1)} s`;
console.log('| phase | wall time |');
console.log('|---|---|');
console.log(`| generate the corpus | ${seconds(generatedMs)} |`);
for (const [phase, ms] of Object.entries(timings)) console.log(`| ${phase} | ${seconds(ms)} |`);
console.log(`| compare, explain typed-only findings | ${seconds(compareMs)} |`);
console.log(`| total (without generating) | ${seconds(runMs + compareMs)} |`);
console.log(`peak RSS ${String(Math.round(peakRss / 2 ** 20))} MB (sampled every 200 ms)`);

if (values.json !== undefined) {
  writeFileSync(
    path.resolve(values.json),
    `${JSON.stringify({ corpus: manifest.options, summary: { ...summary, disagreements: summary.disagreements.map((row) => ({ ...row, file: path.relative(corpus, row.file) })) }, timings, peakRssMb: Math.round(peakRss / 2 ** 20) }, null, 2)}\n`,
  );
}
if (summary.errors.length > 0) {
  console.error(`\n${String(summary.errors.length)} file(s) could not be compared:\n${summary.errors.join('\n')}`);
  process.exitCode = 2;
} else if (strict && summary.disagreements.length > 0) {
  process.exitCode = 1;
}

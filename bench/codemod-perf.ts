/**
 * Codemod speed and memory, side by side in one run on the generated corpus:
 *
 *   npx tsx bench/codemod-perf.ts [--files 2000] [--candidates 0.02] [--seed 1] [--runs 3]
 *
 * Every variant runs under the same runner, jscodeshift's own CLI (`--run-in-band --dry
 * --no-babel`, so one process does all the work and nothing is written), over the same
 * files, interleaved run by run so machine noise hits all of them alike:
 * - `noop-skip`: returns undefined without parsing (the runner's own floor);
 * - `noop-parse`: parses every file with the parser ours would pick, changes nothing
 *   (what a jscodeshift transform without a text pre-filter costs);
 * - `x-token-to-oauth`: ours, compiled to JS as users get it;
 * - `migrate`: x-token-to-oauth and add-oauth over one parse, what the migrate CLI runs by default.
 * Reported: median wall time, ratios to both no-ops, peak RSS (GNU time's "Maximum resident
 * set size", one process thanks to --run-in-band). Targets: ≤ 1.5× the no-op, ≤ 1 GB.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { transpileCodemods } from '../tests/support/transpile-codemods.js';
import { generateCorpus } from './generate-corpus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    candidates: { type: 'string', default: '0.02' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
  },
});
const files = Number(values.files);
const candidateShare = Number(values.candidates);
const seed = Number(values.seed);
const runs = Number(values.runs);

const benchDir = path.join(root, '.bench', 'codemod');
const corpus = path.join(benchDir, 'corpus');
const build = path.join(benchDir, 'build');

/** core/ and codemods/ transpiled to ESM inside the checkout, so dependencies resolve as from dist/. */
function buildTransforms(): { xToken: string; migrate: string } {
  rmSync(build, { recursive: true, force: true });
  transpileCodemods(root, build);
  return { xToken: path.join(build, 'codemods', 'x-token-to-oauth.js'), migrate: path.join(build, 'codemods', 'migrate.js') };
}

function writeNoops(): { skip: string; parse: string } {
  const skip = path.join(build, 'noop-skip.cjs');
  const parse = path.join(build, 'noop-parse.cjs');
  writeFileSync(skip, 'module.exports = function noop() { return undefined; };\n');
  writeFileSync(
    parse,
    [
      '// Parses like ours would (ts for TypeScript, tsx otherwise) and changes nothing.',
      'module.exports = function noopParse(file, api) {',
      "  api.jscodeshift.withParser(/\\.[cm]?ts$/i.test(file.path) ? 'ts' : 'tsx')(file.source);",
      '  return undefined;',
      '};',
      '',
    ].join('\n'),
  );
  return { skip, parse };
}

interface Measurement {
  readonly seconds: number;
  readonly peakRssMb: number;
  readonly summary: string;
}

function measure(transformFile: string): Measurement {
  const cli = path.join(root, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
  const args = ['-v', process.execPath, cli, '--run-in-band', '--dry', '--no-babel', '--silent=false', '--extensions=ts,tsx,js,mjs,cjs', '-t', transformFile, corpus];
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/u.exec(result.stderr);
  if (result.status !== 0 || !rss) throw new Error(`run failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const summary = result.stdout.split('\n').filter((line) => /^\d+ (?:errors|unmodified|skipped|ok)/u.test(line)).join(', ');
  return { seconds, peakRssMb: Number(rss[1]) / 1024, summary };
}

function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function main(): void {
  mkdirSync(benchDir, { recursive: true });
  const manifestFile = path.join(corpus, 'manifest.json');
  const wanted = JSON.stringify({ files, candidates: candidateShare, seed });
  const existing = existsSync(manifestFile) ? (JSON.parse(readFileSync(manifestFile, 'utf8')) as { options: unknown }) : undefined;
  if (!existing || JSON.stringify(existing.options) !== wanted) {
    rmSync(corpus, { recursive: true, force: true });
    generateCorpus({ out: corpus, files, candidates: candidateShare, seed });
  }
  const manifest = JSON.parse(readFileSync(manifestFile, 'utf8')) as { files: string[]; candidates: unknown[]; lines: number };
  const ours = buildTransforms();
  const noops = writeNoops();
  const variants = [
    ['noop-skip', noops.skip],
    ['noop-parse', noops.parse],
    ['x-token-to-oauth', ours.xToken],
    ['migrate', ours.migrate],
  ] as const;

  const node = execFileSync(process.execPath, ['--version'], { encoding: 'utf8' }).trim();
  console.log(`corpus: ${manifest.files.length} files, ${manifest.lines} lines, ${manifest.candidates.length} candidates (seed ${seed}); node ${node}; ${runs} runs each, interleaved`);
  const results = new Map<string, Measurement[]>(variants.map(([name]) => [name, []]));
  for (let run = 1; run <= runs; run++) {
    for (const [name, file] of variants) {
      const measurement = measure(file);
      results.get(name)?.push(measurement);
      console.log(`  run ${run} ${name.padEnd(17)} ${measurement.seconds.toFixed(2)} s  ${measurement.peakRssMb.toFixed(0)} MB  (${measurement.summary})`);
    }
  }
  const medians = Object.fromEntries(
    [...results].map(([name, list]) => [name, { seconds: median(list.map((m) => m.seconds)), peakRssMb: Math.max(...list.map((m) => m.peakRssMb)) }]),
  ) as Record<(typeof variants)[number][0], { seconds: number; peakRssMb: number }>;
  console.log('\nmedian wall time, peak RSS (max over runs):');
  for (const [name, figures] of Object.entries(medians)) {
    console.log(`  ${name.padEnd(17)} ${figures.seconds.toFixed(2)} s  ${figures.peakRssMb.toFixed(0)} MB`);
  }
  console.log('');
  for (const name of ['x-token-to-oauth', 'migrate'] as const) {
    const ourSeconds = medians[name].seconds;
    console.log(
      `${name.padEnd(17)} / noop-skip ${(ourSeconds / medians['noop-skip'].seconds).toFixed(2)}× (target ≤ 1.5×), / noop-parse ${(ourSeconds / medians['noop-parse'].seconds).toFixed(2)}×, peak RSS ${medians[name].peakRssMb.toFixed(0)} MB (target ≤ 1024 MB)`,
    );
  }
}

main();

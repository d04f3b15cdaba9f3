/**
 * What the migrate CLI pays for looking into files that import a module naming Keptn:
 *
 *   npx tsx bench/migrate-importers.ts [--files 2000] [--importers 0.1] [--seed 1] [--runs 3]
 *
 * The migrate CLI knows every file of the run, so a file that names nothing of Cloud Automation
 * is still read when it imports (by relative path) a file of the run that does: it may send the
 * headers a builder there returns (codemods/builder-hand-off.ts). On a project where many files
 * import a settings module that merely mentions Keptn, those files are parsed for nothing. Two
 * corpora, the same but for one line: in `importers`, a share of the files imports such a
 * settings module (`import { settingsLabel } from '../settings/gates.js'`, read in a
 * method); in `baseline`, the same files import the same module, whose text names no Keptn. Both
 * run through the built CLI (`migrate --dry --json`, one worker), interleaved run by run.
 * Reported: median wall time of each and their ratio, which is the cost of that look.
 * Needs `npm run build` first (it runs dist/cli/index.js as users do).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateCorpus, type CorpusManifest } from './generate-corpus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    importers: { type: 'string', default: '0.1' },
    seed: { type: 'string', default: '1' },
    runs: { type: 'string', default: '3' },
  },
});
const files = Number(values.files);
const importerShare = Number(values.importers);
const seed = Number(values.seed);
const runs = Number(values.runs);
if (!Number.isInteger(files) || files < 1) throw new Error(`--files must be a positive integer, got ${values.files}`);
if (!(importerShare >= 0 && importerShare <= 1)) throw new Error(`--importers must be a share from 0 to 1, got ${values.importers}`);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive integer, got ${values.runs}`);

const cli = path.join(root, 'dist', 'cli', 'index.js');
const benchDir = path.join(root, '.bench', 'migrate-importers');

/**
 * The settings module: Keptn in its text for `importers`, not for `baseline`. Its name never says
 * Keptn, or the importers' own text (the import path) would pass the pre-check by itself.
 */
function settingsModule(keptn: boolean): { file: string; text: string } {
  const label = keptn ? 'Keptn quality gates' : 'Quality gates';
  return { file: 'src/settings/gates.ts', text: `// Settings shown in the UI.\nexport const settingsLabel = '${label}';\n` };
}

/** The corpus, with every `1 / share`-th file importing the settings module; the number of importers. */
function writeCorpus(out: string, keptn: boolean): number {
  const manifest: CorpusManifest = generateCorpus({ out, files, candidates: 0.02, seed });
  const settings = settingsModule(keptn);
  mkdirSync(path.join(out, path.dirname(settings.file)), { recursive: true });
  writeFileSync(path.join(out, settings.file), settings.text);
  const candidates = new Set(manifest.candidates.map((candidate) => candidate.file));
  const stride = importerShare > 0 ? Math.max(1, Math.round(1 / importerShare)) : Infinity;
  let importers = 0;
  manifest.files.forEach((file, index) => {
    if (candidates.has(file) || index % stride !== 0) return;
    const full = path.join(out, file);
    const specifier = path.relative(path.dirname(file), settings.file).replace(/\.ts$/u, '.js');
    const text = readFileSync(full, 'utf8');
    writeFileSync(full, `import { settingsLabel } from '${specifier.startsWith('.') ? specifier : `./${specifier}`}';\n${text}\nexport const label${index} = (): string => settingsLabel;\n`);
    importers++;
  });
  return importers;
}

function migrateSeconds(corpus: string): { seconds: number; changed: number } {
  const started = process.hrtime.bigint();
  const result = spawnSync(process.execPath, [cli, 'migrate', '--dry', '--json', 'src'], { cwd: corpus, encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (result.error) throw result.error;
  const report = JSON.parse(result.stdout) as { files: { changed: readonly string[]; failed: readonly unknown[] } };
  if (report.files.failed.length > 0) throw new Error(`migrate failed on ${report.files.failed.length} files: ${JSON.stringify(report.files.failed).slice(0, 500)}`);
  return { seconds, changed: report.files.changed.length };
}

function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

function main(): void {
  if (!existsSync(cli)) throw new Error('dist/cli/index.js is missing: run `npm run build` first');
  const variants = [
    { name: 'baseline', keptn: false },
    { name: 'importers', keptn: true },
  ] as const;
  const corpora = variants.map((variant) => {
    const out = path.join(benchDir, variant.name);
    const importers = writeCorpus(out, variant.keptn);
    return { ...variant, out, importers, seconds: [] as number[], changed: 0 };
  });
  console.log(`corpus: ${files} files (seed ${seed}), ${corpora[0]?.importers ?? 0} of them importing the settings module; node ${process.version}; ${runs} runs each, interleaved`);
  for (let run = 1; run <= runs; run++) {
    for (const corpus of corpora) {
      const { seconds, changed } = migrateSeconds(corpus.out);
      corpus.seconds.push(seconds);
      corpus.changed = changed;
      console.log(`  run ${run} ${corpus.name.padEnd(9)} ${seconds.toFixed(2)} s  (${changed} files would change)`);
    }
  }
  const [baseline, importers] = corpora.map((corpus) => median(corpus.seconds));
  console.log(`\nmedian: baseline ${baseline?.toFixed(2)} s, importers ${importers?.toFixed(2)} s; importers / baseline ${((importers ?? 0) / (baseline ?? 1)).toFixed(2)}×`);
  if (corpora[0]?.changed !== corpora[1]?.changed) throw new Error('the two corpora should change the same files: only an import line differs');
}

main();

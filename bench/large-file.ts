/**
 * Cost against file size: one generated file of 1 MB and one of 10 MB (Keptn calls with
 * x-token, ~3,800 per MB), `migrate --dry` on each as users run it (the built CLI, dist/),
 * runs interleaved so machine noise hits both alike:
 *
 *   npm run build && npx tsx bench/large-file.ts [--runs 3] [--sizes 1,10]
 *
 * Reported: median wall time and peak RSS (GNU time's "Maximum resident set size") per size,
 * and the ratio of each size's median to the 1 MB median. Target: 10 MB ≤ 12× the 1 MB time
 * (linear would be 10×). Profile a size with
 *   node --cpu-prof --cpu-prof-dir=.bench/large-file/prof dist/cli/index.js migrate --dry .bench/large-file/10mb
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { generateLargeFile } from './large-file-gen.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({ options: { runs: { type: 'string', default: '3' }, sizes: { type: 'string', default: '1,10' } } });
const runs = Number(values.runs);
const sizes = values.sizes.split(',').map(Number);
const cli = path.join(root, 'dist', 'cli', 'index.js');
if (!existsSync(cli)) throw new Error('dist/cli/index.js is missing: run `npm run build` first');

const benchDir = path.join(root, '.bench', 'large-file');
const folders = new Map<number, string>();
for (const size of sizes) {
  const folder = path.join(benchDir, `${size}mb`);
  rmSync(folder, { recursive: true, force: true });
  mkdirSync(folder, { recursive: true });
  const text = generateLargeFile(size * 1024 * 1024);
  writeFileSync(path.join(folder, 'keptn-calls.ts'), text);
  console.log(`${size} MB: ${text.length.toLocaleString('en')} bytes, ${(text.match(/\bfetch\(/gu) ?? []).length.toLocaleString('en')} calls`);
  folders.set(size, folder);
}

interface Run {
  readonly seconds: number;
  readonly peakRssMb: number;
}

function measure(folder: string): Run {
  const started = process.hrtime.bigint();
  const result = spawnSync('/usr/bin/time', ['-v', process.execPath, cli, 'migrate', '--dry', '--json', '--no-progress', folder], {
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 512 * 1024 * 1024,
  });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const rss = /Maximum resident set size \(kbytes\): (\d+)/u.exec(result.stderr);
  // Exit 1 is fine here: the generated calls migrate, and the report may list sites left for a person.
  if ((result.status !== 0 && result.status !== 1) || !rss) throw new Error(`run failed (${result.status}): ${result.stderr.slice(-2000)}`);
  const report = JSON.parse(result.stdout) as { files: { changed: string[]; failed: unknown[] } };
  if (report.files.changed.length !== 1 || report.files.failed.length > 0) throw new Error(`unexpected report: ${JSON.stringify(report.files)}`);
  return { seconds, peakRssMb: Number(rss[1]) / 1024 };
}

const results = new Map<number, Run[]>(sizes.map((size) => [size, []]));
for (let run = 0; run < runs; run++) {
  for (const size of sizes) {
    const measured = measure(folders.get(size) ?? '');
    results.get(size)?.push(measured);
    console.log(`run ${run + 1}, ${size} MB: ${measured.seconds.toFixed(2)} s, ${measured.peakRssMb.toFixed(0)} MB`);
  }
}

const median = (numbers: readonly number[]): number => {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
};
const baseline = median((results.get(sizes[0] ?? 1) ?? []).map((run) => run.seconds));
console.log(`\nmigrate --dry, median of ${runs} runs, peak RSS (max over runs):`);
for (const size of sizes) {
  const runsOfSize = results.get(size) ?? [];
  const seconds = median(runsOfSize.map((run) => run.seconds));
  const rss = Math.max(...runsOfSize.map((run) => run.peakRssMb));
  console.log(`  ${String(size).padStart(3)} MB  ${seconds.toFixed(2).padStart(7)} s  ${(seconds / baseline).toFixed(2).padStart(6)}× the ${sizes[0]} MB time  ${rss.toFixed(0)} MB`);
}

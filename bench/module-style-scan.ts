/**
 * What choosing the helper import's module style costs, next to what it rides on: the text scan
 * of codemods/module-style.ts against jscodeshift's ts parse of the same candidate files, in one
 * run on the generated corpus (medians of 7 runs; 5 for the parse).
 *
 *   npx tsx bench/module-style-scan.ts [--files 2000] [--candidates 0.02] [--seed 1]
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import jscodeshift from 'jscodeshift';
import { clearModuleStyleCache, moduleStyleOf, scanModuleSyntax } from '../codemods/module-style.js';
import { generateCorpus } from './generate-corpus.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values } = parseArgs({
  options: {
    files: { type: 'string', default: '2000' },
    candidates: { type: 'string', default: '0.02' },
    seed: { type: 'string', default: '1' },
  },
});
const out = path.join(root, '.bench', 'module-style', 'corpus');
const manifest = generateCorpus({ out, files: Number(values.files), candidates: Number(values.candidates), seed: Number(values.seed) });
const read = (files: readonly string[]): { file: string; source: string }[] =>
  files.map((file) => ({ file: path.join(out, file), source: readFileSync(path.join(out, file), 'utf8') }));
const all = read(manifest.files);
const candidates = read(manifest.candidates.map((candidate) => candidate.file));
const parse = jscodeshift.withParser('ts');

function medianMs(work: () => void, runs: number): number {
  const times = Array.from({ length: runs }, () => {
    const start = performance.now();
    work();
    return performance.now() - start;
  }).sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}

const scanAll = medianMs(() => {
  for (const { source } of all) scanModuleSyntax(source);
}, 7);
const scanCandidates = medianMs(() => {
  for (const { source } of candidates) scanModuleSyntax(source);
}, 7);
const styleCandidates = medianMs(() => {
  clearModuleStyleCache();
  for (const { file, source } of candidates) moduleStyleOf(file, source);
}, 7);
const parseCandidates = medianMs(() => {
  for (const { source } of candidates) parse(source);
}, 5);
const megabytes = all.reduce((total, { source }) => total + source.length, 0) / 1e6;
console.log(`corpus: ${all.length} files (${megabytes.toFixed(1)} MB), ${candidates.length} candidates`);
console.log(`scan, every file:                      ${scanAll.toFixed(0)} ms (${(megabytes / (scanAll / 1000)).toFixed(1)} MB/s)`);
console.log(`scan, candidates:                      ${scanCandidates.toFixed(1)} ms`);
console.log(`moduleStyleOf, candidates, cold cache: ${styleCandidates.toFixed(1)} ms (package.json lookups included)`);
console.log(`ts parse, candidates:                  ${parseCandidates.toFixed(0)} ms`);
console.log(`scan / parse:                          ${((scanCandidates / parseCandidates) * 100).toFixed(1)} %`);

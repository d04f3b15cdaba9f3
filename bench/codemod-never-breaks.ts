/**
 * Runs the codemods over real code nobody here wrote — the JavaScript and TypeScript sources
 * shipped inside node_modules — and counts what must never happen: a transform failing on a
 * file that parses, an output that does not parse, and an output a second run would change.
 *
 *   npx tsx bench/codemod-never-breaks.ts [--root node_modules] [--max-bytes 300000] [--limit 0]
 *
 * Each file is transformed with `migrate` (x-token-to-oauth and add-oauth over one parse) twice:
 * as it is, and with two requests appended (one sending `x-token`, one sending nothing to a
 * Keptn route), so the text tests cannot skip the file and both passes work on every real file:
 * their tree index, scope lookups, edits and helper import meet every syntax the packages use.
 * Files that do not parse are counted apart (not valid input). Exit code 1 on any breakage.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import jscodeshift from 'jscodeshift';
import migrate from '../codemods/migrate.js';
import type { FileReport } from '../codemods/report.js';
import { parserForPath, sourceParser } from '../codemods/transform-runner.js';
import { sourceFiles } from './source-files.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: 'node_modules' },
    'max-bytes': { type: 'string', default: '300000' },
    limit: { type: 'string', default: '0' },
  },
});
const root = path.resolve(values.root);
const maxBytes = Number(values['max-bytes']);
const limit = Number(values.limit);

const APPENDED = [
  '',
  "fetch(`${process.env.KEPTN_ENDPOINT}/v1/event`, { method: 'POST', headers: { 'x-token': process.env.KEPTN_API_TOKEN } });",
  'fetch(`${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project`);',
  '',
].join('\n');

const api = { jscodeshift, j: jscodeshift, stats: () => undefined, report: () => undefined };

function run(file: string, source: string): { output: string | undefined; reports: FileReport[] } {
  const reports: FileReport[] = [];
  const output = migrate({ path: file, source }, api, { reporter: (report: FileReport) => reports.push(report) });
  return { output, reports };
}

function parses(file: string, text: string): boolean {
  try {
    sourceParser(parserForPath(file)).parse(text);
    return true;
  } catch {
    return false;
  }
}

interface Tally {
  files: number;
  unparsable: number;
  changed: number;
  failed: { file: string; error: string }[];
  brokenOutput: string[];
  notIdempotent: string[];
}

const tallies: Record<'as shipped' | 'requests appended', Tally> = {
  'as shipped': { files: 0, unparsable: 0, changed: 0, failed: [], brokenOutput: [], notIdempotent: [] },
  'requests appended': { files: 0, unparsable: 0, changed: 0, failed: [], brokenOutput: [], notIdempotent: [] },
};

const all = sourceFiles(root).filter((file) => statSync(file).size <= maxBytes);
const files = limit > 0 ? all.slice(0, limit) : all;
const started = performance.now();
for (const file of files) {
  const shipped = readFileSync(file, 'utf8');
  for (const [pass, source] of [
    ['as shipped', shipped],
    ['requests appended', `${shipped}\n${APPENDED}`],
  ] as const) {
    const tally = tallies[pass];
    tally.files++;
    if (!parses(file, source)) {
      tally.unparsable++;
      continue;
    }
    const first = run(file, source);
    const error = first.reports.find((report) => report.error !== undefined)?.error;
    if (error !== undefined) {
      tally.failed.push({ file, error });
      continue;
    }
    if (first.output === undefined) continue;
    tally.changed++;
    if (!parses(file, first.output)) {
      tally.brokenOutput.push(file);
      continue;
    }
    if (run(file, first.output).output !== undefined) tally.notIdempotent.push(file);
  }
}
const seconds = (performance.now() - started) / 1000;

console.log(`source files under ${path.relative(process.cwd(), root) || '.'} up to ${maxBytes} bytes: ${files.length} (${seconds.toFixed(1)} s)`);
console.log('| pass | files | do not parse (skipped) | changed | transform failed | output does not parse | second run changes it |');
console.log('|---|---|---|---|---|---|---|');
let broken = 0;
for (const [pass, tally] of Object.entries(tallies)) {
  broken += tally.failed.length + tally.brokenOutput.length + tally.notIdempotent.length;
  console.log(`| ${pass} | ${tally.files} | ${tally.unparsable} | ${tally.changed} | ${tally.failed.length} | ${tally.brokenOutput.length} | ${tally.notIdempotent.length} |`);
}
for (const tally of Object.values(tallies)) {
  for (const { file, error } of tally.failed.slice(0, 10)) console.log(`failed: ${path.relative(root, file)}: ${error}`);
  for (const file of tally.brokenOutput.slice(0, 10)) console.log(`output does not parse: ${path.relative(root, file)}`);
  for (const file of tally.notIdempotent.slice(0, 10)) console.log(`second run changes: ${path.relative(root, file)}`);
}
if (broken > 0) process.exitCode = 1;

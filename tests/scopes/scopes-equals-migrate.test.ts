/**
 * `scopes` equals `migrate`: on any tree, the scopes that `migrate --dry` reports must be the
 * scopes that `scopes` reports once the tree is migrated, call for call. The migration rewrites
 * credentials, never URLs or methods, and the analysis counts a call the same way whether it
 * sends `x-token` or goes through the OAuth helper.
 *
 * Run over copies of every codemod fixture folder, the example app, the scope and agreement
 * fixtures and a small generated corpus (bench/generate-corpus.ts), each copy under .tmp/ in
 * the repository so the copies resolve axios/got types as the originals do.
 */
import { cpSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../bench/generate-corpus.js';
import { main } from '../../cli/main.js';
import type { MigrationReport, ReportedCall } from '../../cli/report.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const scratch = path.join(repository, '.tmp');
mkdirSync(scratch, { recursive: true });
const made: string[] = [];
afterAll(() => {
  for (const folder of made) rmSync(folder, { recursive: true, force: true });
});

async function run(argv: readonly string[], cwd: string): Promise<MigrationReport> {
  let stdout = '';
  let stderr = '';
  const code = await main([...argv, '--json'], {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  });
  if (code === 2) throw new Error(`${argv.join(' ')} failed: ${stderr}`);
  return JSON.parse(stdout) as MigrationReport;
}

/** What one call contributes to the scopes, or that it is listed without counting; lines move when the migration adds an import, so they are left out. */
function contribution(call: ReportedCall, counted: boolean): string {
  return JSON.stringify({ counted, routes: [...call.routes].sort(), scopes: call.scopes, exact: call.exact, possibleScopes: call.possibleScopes, sureScopes: call.sureScopes });
}

function byFile(report: MigrationReport): Map<string, string[]> {
  const files = new Map<string, string[]>();
  const add = (call: ReportedCall, counted: boolean): void => void (files.get(call.file) ?? files.set(call.file, []).get(call.file))?.push(contribution(call, counted));
  for (const call of report.scopes.calls) add(call, true);
  for (const call of report.scopes.notCounted) add(call, false);
  for (const list of files.values()) list.sort();
  return files;
}

/** Every difference between the dry run's calls and the calls `scopes` finds after the migration, by file. */
function differences(before: MigrationReport, after: MigrationReport): string[] {
  const left = byFile(before);
  const right = byFile(after);
  const found: string[] = [];
  for (const file of new Set([...left.keys(), ...right.keys()])) {
    const a = left.get(file) ?? [];
    const b = right.get(file) ?? [];
    if (JSON.stringify(a) !== JSON.stringify(b)) found.push(`${file}:\n  migrate --dry: ${a.join('\n                 ')}\n  scopes after:  ${b.join('\n                 ')}`);
  }
  return found;
}

/** A copy of a folder without the expected outputs of codemod fixtures. */
function copyOf(name: string, source: string): string {
  const target = mkdtempSync(path.join(scratch, `scopes-equality-${name}-`));
  made.push(target);
  cpSync(source, target, {
    recursive: true,
    filter: (file) => !/\.output\.\w+$/u.test(file) && !/(?:^|[/\\])project-output$/u.test(file) && !file.endsWith('.expected.json'),
  });
  return target;
}

async function compare(folder: string): Promise<{ before: MigrationReport; after: MigrationReport; differences: string[] }> {
  const before = await run(['migrate', '--dry', '.'], folder);
  await run(['migrate', '--force', '.'], folder);
  const after = await run(['scopes', '.'], folder);
  return { before, after, differences: differences(before, after) };
}

const groups: readonly { readonly name: string; readonly folder: () => string }[] = [
  { name: 'codemod-fixtures', folder: () => copyOf('codemod-fixtures', path.join(repository, 'tests', 'codemods', 'fixtures')) },
  { name: 'add-oauth-fixtures', folder: () => copyOf('add-oauth-fixtures', path.join(repository, 'tests', 'codemods', 'add-oauth-fixtures')) },
  { name: 'example-app', folder: () => copyOf('example-app', path.join(repository, 'examples', 'legacy-app')) },
  { name: 'scope-fixtures', folder: () => copyOf('scope-fixtures', path.join(repository, 'tests', 'scopes', 'fixtures')) },
  { name: 'agreement-fixtures', folder: () => copyOf('agreement-fixtures', path.join(repository, 'tests', 'agreement', 'fixtures')) },
  {
    name: 'generated-corpus',
    folder: () => {
      const out = mkdtempSync(path.join(scratch, 'scopes-equality-corpus-'));
      made.push(out);
      generateCorpus({ out, files: 60, candidates: 0.5, seed: 13 });
      return out;
    },
  },
];

describe('scopes after migrate = migrate --dry, call for call', () => {
  it.each(groups)('$name', async ({ folder }) => {
    const root = folder();
    const { before, after, differences: found } = await compare(root);
    expect(found).toEqual([]);
    expect(after.scopes.required).toEqual(before.scopes.required);
    expect(after.scopes.exact).toBe(before.scopes.exact);
    expect(after.scopes.fallback).toEqual(before.scopes.fallback);
    // The comparison compared something: every group has Cloud Automation calls, and the
    // migration rewrote some of them (the credentials changed under the same calls).
    expect(before.scopes.calls.length).toBeGreaterThan(0);
    expect(before.files.changed.length).toBeGreaterThan(0);
    expect(readdirSync(root).length).toBeGreaterThan(0);
  }, 240_000);
});

/**
 * "Left for you (N), each marked with a // @cloud-automation-migrate comment" must be true of
 * the files: a site the codemod only lists (a target it is not sure of) says so, and a site it
 * says is marked has the marker in the written file.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { MigrationReport } from '../../cli/report.js';
import { MIGRATION_MARKER } from '../../core/index.js';

const repository = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
mkdirSync(path.join(repository, '.tmp'), { recursive: true });
const root = mkdtempSync(path.join(repository, '.tmp', 'scopes-markers-'));
afterAll(() => {
  rmSync(root, { recursive: true, force: true });
});

const files: Record<string, string> = {
  // Nothing says where `base` points: listed for a person, not rewritten, no marker.
  'unsure.ts': [
    'export async function things(base: string, token: string): Promise<Response> {',
    "  return fetch(`${base}/things`, { headers: { 'x-token': token } });",
    '}',
    '',
  ].join('\n'),
  // The old token check means nothing under OAuth: left with a marker.
  'token-check.ts': [
    'export async function tokenValid(): Promise<boolean> {',
    "  const response = await fetch(`${process.env.KEPTN_ENDPOINT}/api/v1/auth`, { method: 'POST', headers: { 'x-token': process.env.KEPTN_API_TOKEN ?? '' } });",
    '  return response.json();',
    '}',
    '',
  ].join('\n'),
};

async function run(argv: readonly string[]): Promise<string> {
  let output = '';
  await main(argv, { cwd: root, stdout: { write: (text: string) => (output += text) }, stderr: { write: () => true }, env: {} });
  return output;
}

it('claims a marker exactly where the written file has one', async () => {
  for (const [name, content] of Object.entries(files)) writeFileSync(path.join(root, name), content);
  const dryText = await run(['migrate', '--dry', '.']);
  const report = JSON.parse(await run(['migrate', '--force', '--json', '.'])) as MigrationReport;
  const unsure = report.manual.filter((site) => site.file === 'unsure.ts');
  const check = report.manual.filter((site) => site.file === 'token-check.ts');
  expect(unsure).toEqual([expect.objectContaining({ line: 2, marked: false })]);
  expect(check.length).toBeGreaterThan(0);
  expect(check.every((site) => site.marked === true)).toBe(true);
  expect(readFileSync(path.join(root, 'unsure.ts'), 'utf8')).not.toContain(MIGRATION_MARKER);
  expect(readFileSync(path.join(root, 'token-check.ts'), 'utf8')).toContain(MIGRATION_MARKER);
  expect(dryText).toMatch(/Left for you \(\d+\): \d+ to be marked with a \/\/ @cloud-automation-migrate comment, 1 listed here only:/u);
  expect(dryText).toContain('unsure.ts:2:');
  expect(dryText).toContain('(listed here only, no marker)');
  // The todo names the flags as each tool spells them.
  expect(unsure[0]?.todo).toContain('--include-unsure');
  expect(unsure[0]?.todo).toContain('jscodeshift: --includeUnsure');
}, 120_000);

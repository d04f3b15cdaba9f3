/**
 * The report's "old API token" section on real integration shapes (fixtures/token-plumbing/):
 * a read kept only because another read still sends the same env var says which one.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import migrate from '../../codemods/migrate.js';
import { buildReport, formatReport, type FileOutcome, type MigrationReport } from '../../cli/report.js';
import { runTransformReports } from './run-transform.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'token-plumbing');

function run(name: string): { output: string | undefined; outcome: FileOutcome } {
  const file = path.join(fixtures, name);
  const { output, reports } = runTransformReports(file, readFileSync(file, 'utf8'), {}, migrate);
  return { output, outcome: { file: name, status: output === undefined ? 'unchanged' : 'changed', reports } };
}

function report(...names: string[]): { report: MigrationReport; outputs: Map<string, string | undefined> } {
  const runs = names.map((name) => ({ name, ...run(name) }));
  const built = buildReport({ command: 'migrate', mode: 'dry', transforms: ['x-token-to-oauth', 'add-oauth'], outcomes: runs.map((entry) => entry.outcome), skipped: [] });
  return { report: built, outputs: new Map(runs.map((entry) => [entry.name, entry.output])) };
}

/** The section's lines as printed, runs of spaces squeezed to one. */
function tokenSection(built: MigrationReport): string[] {
  const text = formatReport(built);
  const start = text.indexOf('The old API token in the code');
  if (start < 0) return [];
  const lines = text.slice(start).split('\n').slice(1);
  const end = lines.findIndex((line) => line.trim() === '');
  return lines.slice(0, end < 0 ? undefined : end).map((line) => line.trim().replace(/ +/gu, ' '));
}

const brief = (entry: MigrationReport['tokens']['keep'][number]): string => `${entry.fate} ${entry.kind} ${entry.name} ${entry.file}:${entry.line}: ${entry.why}`;

describe('the old API token section', () => {
  it('an env var kept because another read still sends it names that read, and never says keep and removed alone', () => {
    const { report: built } = report('env-removed.ts', 'env-forwarded.ts');
    expect(built.tokens.retire).toEqual([]);
    expect(built.tokens.keep.map(brief)).toEqual([
      'keep env-var KEPTN_API_TOKEN env-forwarded.ts:5: still sent or passed on here',
      'keep env-var KEPTN_API_TOKEN env-removed.ts:4: the migration removed this read, but env-forwarded.ts:5 still sends or passes on KEPTN_API_TOKEN',
    ]);
    expect(tokenSection(built)).toContain('keep env var KEPTN_API_TOKEN env-removed.ts:4 the migration removed this read, but env-forwarded.ts:5 still sends or passes on KEPTN_API_TOKEN');
  });
});

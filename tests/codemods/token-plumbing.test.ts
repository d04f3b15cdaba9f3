/**
 * The report's "old API token" section on real integration shapes (fixtures/token-plumbing/):
 * only what carried the token to an `x-token` header is listed, an Azure DevOps service
 * connection's token parameter is named as what to retire, a value passed only to a parameter
 * that is retired itself is retired too, and a read kept only because another read still sends
 * the same env var says which one.
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
  it('Azure DevOps: names the service connection’s token parameter, leaves the proxy token out', () => {
    const { report: built, outputs } = report('ado-service-connection.js');
    expect(outputs.get('ado-service-connection.js')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire variable apiToken ado-service-connection.js:5: nothing reads it any more; the migration left its declaration, whose initializer may do more than read a value: delete it yourself',
      'retire service-connection apitoken ado-service-connection.js:5: nothing reads it any more',
    ]);
    expect(built.tokens.retire[1]).toMatchObject({ required: true, connection: 'keptnConnection' });
    expect(tokenSection(built)).toContain('retire service connection parameter apitoken of keptnConnection ado-service-connection.js:5 nothing reads it any more (read as required)');
    // `tl.getEndpointAuthorizationParameter(conn, 'apitoken', false)` fails the task when the parameter is missing: the declaration stays, as a required getInput does.
    expect(outputs.get('ado-service-connection.js')).toContain("const apiToken = tl.getEndpointAuthorizationParameter(conn, 'apitoken', false);");
    expect(tokenSection(built).join('\n')).not.toMatch(/proxyToken/u);
  });

  it('an input whose name does not say Keptn is listed only when it reaches an x-token header', () => {
    const { report: built } = report('ado-proxy-only.js');
    expect(built.tokens).toEqual({ retire: [], keep: [] });
    expect(tokenSection(built)).toEqual([]);
  });

  it('GitHub Action: an input passed only to a constructor parameter the migration retired is retired too', () => {
    const { report: built, outputs } = report('action-client.ts');
    expect(outputs.get('action-client.ts')).not.toMatch(/x-token/u);
    expect(built.tokens.keep).toEqual([]);
    expect(built.tokens.retire.map(brief)).toEqual([
      'retire parameter apiToken action-client.ts:7: nothing reads it any more',
      'retire action-input keptn_api_token action-client.ts:18: only passed to parameter apiToken (line 7), which is retired too',
    ]);
    expect(tokenSection(built)).toContain('retire action input keptn_api_token action-client.ts:18 only passed to parameter apiToken (line 7), which is retired too (read as required)');
  });

  it('GitHub Action: the same input also sent somewhere else is kept, with the line that sends it', () => {
    const { report: built } = report('action-client-sent.ts');
    expect(built.tokens.retire.map(brief)).toEqual(['retire parameter apiToken action-client-sent.ts:12: nothing reads it any more']);
    expect(built.tokens.keep.map(brief)).toEqual(['keep action-input keptn_api_token action-client-sent.ts:23: still sent or passed on (line 25)']);
  });

  it('GitHub Action: an input passed to a class imported from another file is kept, saying where to look', () => {
    const { report: built } = report('action-imported-client.ts');
    expect(built.tokens.retire).toEqual([]);
    expect(built.tokens.keep.map(brief)).toEqual([
      "keep action-input keptn_api_token action-imported-client.ts:6: passed to KeptnClient from ./keptn-client.js (line 7); retire it too if that file's entries retire the parameter",
      // A package's function is not followed: it may send the token anywhere.
      'keep action-input keptn_api_token action-imported-client.ts:13: still sent or passed on here',
    ]);
  });

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

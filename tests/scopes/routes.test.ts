/**
 * Each shape of issue 13, one fixture each (tests/scopes/fixtures/<shape>.ts), with the exact
 * route list the scope report must give for it (<shape>.expected.json): which calls count, on
 * which line, which routes they hit, and for a call whose route is unknown, every scope it
 * could need. A call marked `"counted": false` sends x-token or looks like a Keptn call, but nothing
 * shows it goes to Cloud Automation by the migration's measure: it is listed apart, not counted.
 * Run through the CLI's `scopes --json`, the path a user takes.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { MigrationReport } from '../../cli/report.js';
import { ALL_SCOPES, sortScopes } from '../../core/index.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

interface ExpectedCall {
  readonly line: number;
  readonly exact: boolean;
  readonly routes: readonly string[];
  /** Every scope of the vocabulary (`"all"`), or the list; only for calls whose route is unknown. */
  readonly possibleScopes?: readonly string[] | 'all';
  /** False: listed under `notCounted`; absent: counted. */
  readonly counted?: false;
  /** For a call whose route is unknown: the scopes every route it could hit needs (checked when given). */
  readonly sureScopes?: readonly string[];
  /** For a call whose route is unknown: a URL it may use matches no route of the table. */
  readonly mayHitNoRoute?: true;
}

export async function scopesReport(cwd: string, paths: readonly string[]): Promise<MigrationReport> {
  let stdout = '';
  let stderr = '';
  const code = await main(['scopes', '--json', ...paths], {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text) },
    env: {},
  });
  if (code === 2) throw new Error(`scopes failed: ${stderr}`);
  return JSON.parse(stdout) as MigrationReport;
}

const shapes = readdirSync(fixtures).filter((name) => name.endsWith('.expected.json')).map((name) => name.replace(/\.expected\.json$/u, ''));

describe('scopes: the route list of each shape', () => {
  it.each(shapes)('%s', async (shape) => {
    const expected = JSON.parse(readFileSync(path.join(fixtures, `${shape}.expected.json`), 'utf8')) as { calls: ExpectedCall[] };
    // A shape is TypeScript, or the CommonJS a compiler made of it (`<shape>.js`).
    const file = existsSync(path.join(fixtures, `${shape}.ts`)) ? `${shape}.ts` : `${shape}.js`;
    const report = await scopesReport(fixtures, [file]);
    expect(report.files.failed).toEqual([]);
    const actual = [...report.scopes.calls.map((call) => ({ call, counted: true })), ...report.scopes.notCounted.map((call) => ({ call, counted: false }))]
      .sort((a, b) => a.call.line - b.call.line)
      .map(({ call, counted }) => ({
        line: call.line,
        exact: call.exact,
        routes: [...call.routes].sort(),
        ...(call.exact ? {} : { possibleScopes: call.possibleScopes.length === ALL_SCOPES.length ? 'all' : call.possibleScopes }),
        counted,
        sureScopes: call.sureScopes,
        mayHitNoRoute: call.mayHitNoRoute,
      }));
    const wanted = expected.calls.map((call) => ({
      line: call.line,
      exact: call.exact,
      routes: [...call.routes].sort(),
      ...(call.exact ? {} : { possibleScopes: call.possibleScopes === 'all' ? 'all' : sortScopes(call.possibleScopes ?? []) }),
      counted: call.counted ?? true,
      sureScopes: call.sureScopes === undefined ? (expect.anything() as unknown) : sortScopes(call.sureScopes),
      mayHitNoRoute: call.mayHitNoRoute ?? false,
    }));
    expect(actual).toEqual(wanted);
    const counted = expected.calls.filter((call) => call.counted !== false);
    // `exact` only when every counted call's route is known; `required` is then the union of their scopes.
    expect(report.scopes.exact).toBe(counted.every((call) => call.exact));
    expect(report.scopes.unknown.map((call) => call.line)).toEqual(counted.filter((call) => !call.exact).map((call) => call.line));
    // The lower bound: what the counted calls with known routes need, and what every route of a counted unknown call needs.
    const sure = report.scopes.calls.flatMap((call) => (call.exact ? call.scopes : call.sureScopes));
    expect(report.scopes.required).toEqual(sortScopes(sure));
  });
});

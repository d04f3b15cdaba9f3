/**
 * The harness's own checks, on outcomes written by hand: each kind of disagreement it must see,
 * and what it must let through. Without these, a harness that finds nothing would look like a
 * harness that finds agreement.
 */
import { describe, expect, it } from 'vitest';
import type { TargetConfidence } from '../../core/index.js';
import {
  compareExpected,
  compareFile,
  confidenceClass,
  formatDisagreements,
  survivingLines,
  type CodemodSite,
  type FileOutcome,
  type LintFinding,
  type SiteKind,
} from './harness.js';

const file = '/project/src/client.ts';

function finding(kind: SiteKind, line: number, confidence: TargetConfidence | undefined, column = 1, source?: string, text?: string): LintFinding {
  // With the source and the reported text, the exact node ESLint would report.
  const at = source !== undefined && text !== undefined ? source.split('\n')[line - 1]?.indexOf(text) : undefined;
  return {
    file,
    kind,
    line,
    column: at === undefined ? column : at + 1,
    endLine: text === undefined ? undefined : line,
    endColumn: at === undefined || text === undefined ? undefined : at + 1 + text.length,
    messageId: kind === 'x-token' ? 'xTokenHeader' : 'missingOAuth',
    confidence,
    message: '',
  };
}

function site(kind: SiteKind, line: number, outcome: 'migrated' | 'manual', confidenceClass: 'acts' | 'unsure', confidence?: TargetConfidence): CodemodSite {
  return { file, kind, line, column: 1, outcome, what: 'x-token header', why: outcome === 'manual' ? 'because' : undefined, confidenceClass, confidence };
}

function outcome(parts: Partial<FileOutcome>): FileOutcome {
  return { file, typed: [], untyped: [], codemod: [], afterMigration: [], output: undefined, errors: [], ...parts };
}

const plain = "import axios from 'axios';\nexport const send = (url: string, token: string) => axios.get(url, { headers: { 'x-token': token } });\n";

describe('compareFile', () => {
  it('finds nothing to say when both sides name the same sites with the same confidence', () => {
    const typed = [finding('x-token', 2, 'likely')];
    const result = compareFile(outcome({ typed, untyped: typed, codemod: [site('x-token', 2, 'migrated', 'acts')] }), plain);
    expect(result.disagreements).toEqual([]);
  });

  it('reports a site only the lint has, and one only the codemod has', () => {
    const result = compareFile(
      outcome({ typed: [finding('no-oauth', 2, 'likely')], untyped: [finding('no-oauth', 2, 'likely')], codemod: [site('x-token', 2, 'migrated', 'acts')] }),
      plain,
    );
    expect(result.disagreements.map((row) => [row.check, row.kind, row.line, row.lint === '—', row.codemod === '—'])).toEqual([
      ['typed = codemod', 'no-oauth', 2, false, true],
      ['typed = codemod', 'x-token', 2, true, false],
    ]);
  });

  it('pairs by kind: an x-token finding does not answer for an add-oauth site on the same line', () => {
    const result = compareFile(outcome({ typed: [finding('x-token', 2, 'likely')], untyped: [finding('x-token', 2, 'likely')], codemod: [site('no-oauth', 2, 'migrated', 'acts')] }), plain);
    expect(result.disagreements).toHaveLength(2);
  });

  it('counts sites on one line: two findings against one codemod entry is a disagreement', () => {
    const typed = [finding('x-token', 2, 'likely', 1), finding('x-token', 2, 'likely', 30)];
    const result = compareFile(outcome({ typed, untyped: typed, codemod: [site('x-token', 2, 'migrated', 'acts')] }), plain);
    expect(result.disagreements).toHaveLength(1);
  });

  it('compares confidence at the codemod threshold, or exactly when the report states one', () => {
    const unknown = [finding('x-token', 2, 'unknown')];
    expect(compareFile(outcome({ typed: unknown, untyped: unknown, codemod: [site('x-token', 2, 'migrated', 'acts')] }), plain).disagreements).toHaveLength(1);
    expect(compareFile(outcome({ typed: unknown, untyped: unknown, codemod: [site('x-token', 2, 'manual', 'unsure')] }), plain).disagreements).toEqual([]);
    const likely = [finding('x-token', 2, 'likely')];
    expect(compareFile(outcome({ typed: likely, untyped: likely, codemod: [site('x-token', 2, 'migrated', 'acts', 'certain')] }), plain).disagreements).toHaveLength(1);
    expect(compareFile(outcome({ typed: likely, untyped: likely, codemod: [site('x-token', 2, 'migrated', 'acts', 'likely')] }), plain).disagreements).toEqual([]);
  });

  it('reports what the untyped lint finds and the typed lint does not, or a surer untyped finding', () => {
    const codemod = [site('x-token', 2, 'migrated', 'acts')];
    const missingTyped = compareFile(outcome({ typed: [], untyped: [finding('x-token', 2, 'likely')], codemod }), plain);
    expect(missingTyped.disagreements.some((row) => row.check === 'untyped ⊆ typed')).toBe(true);
    const surer = compareFile(outcome({ typed: [finding('x-token', 2, 'possible')], untyped: [finding('x-token', 2, 'likely')], codemod: [site('x-token', 2, 'manual', 'unsure')] }), plain);
    expect(surer.disagreements.map((row) => row.check)).toEqual(['untyped ⊆ typed']);
  });

  it('lets a typed-only finding through when its header name is imported, and says why', () => {
    const source = "import axios from 'axios';\nimport { TOKEN_HEADER } from './config.js';\nexport const send = (url: string, token: string) => axios.get(url, { headers: { [TOKEN_HEADER]: token } });\n";
    const typed = [finding('x-token', 3, 'likely', 1, source, 'TOKEN_HEADER]'.slice(0, -1))];
    const result = compareFile(outcome({ typed, untyped: [], codemod: [site('x-token', 3, 'migrated', 'acts')] }), source);
    expect(result.disagreements).toEqual([]);
    expect(result.typedOnly.map((entry) => entry.reasons)).toEqual([["`TOKEN_HEADER` is imported from './config.js'"]]);
  });

  it('lets a typed-only finding through when the client is a parameter typed by name', () => {
    const source = "import type { AxiosInstance } from 'axios';\nexport const send = (http: AxiosInstance, url: string, token: string) => http.get(url, { headers: { 'x-token': token } });\n";
    const typed = [finding('x-token', 2, 'likely', 1, source, "'x-token'")];
    const result = compareFile(outcome({ typed, untyped: [], codemod: [site('x-token', 2, 'migrated', 'acts')] }), source);
    expect(result.typedOnly.map((entry) => entry.reasons)).toEqual([['`http` is a parameter typed `AxiosInstance`']]);
  });

  it('lets a surer typed confidence through for a parameter of an exported function (its callers elsewhere), never a typed-only site', () => {
    const source = "import axios from 'axios';\nexport async function send(url: string, token: string) {\n  return axios.get(url, { headers: { 'x-token': token } });\n}\n";
    const typed = [finding('x-token', 3, 'likely', 1, source, "'x-token'")];
    const untyped = [finding('x-token', 3, 'unknown', 1, source, "'x-token'")];
    const surer = compareFile(outcome({ typed, untyped, codemod: [site('x-token', 3, 'migrated', 'acts')] }), source);
    expect(surer.disagreements).toEqual([]);
    expect(surer.typedOnly.map((entry) => entry.reasons)).toEqual([[
      "`token` is a parameter of the exported `send`, whose callers in other modules only the program's file list shows",
      "`url` is a parameter of the exported `send`, whose callers in other modules only the program's file list shows",
    ]]);
    const typedOnlySite = compareFile(outcome({ typed, untyped: [], codemod: [site('x-token', 3, 'migrated', 'acts')] }), source);
    expect(typedOnlySite.disagreements.map((row) => row.check)).toEqual(['untyped ⊆ typed']);
  });

  it('lets a surer typed confidence through for an exported instance, or one an exported factory returns (their requests are elsewhere)', () => {
    const exported = "import axios from 'axios';\nexport const api = axios.create({ baseURL: process.argv[2], headers: { 'x-token': process.argv[3] ?? '' } });\n";
    const factory = "import axios from 'axios';\nexport function keptnClient(url: string, token: string) {\n  return axios.create({ baseURL: url, headers: { 'x-token': token } });\n}\n";
    const reasonsOf = (source: string, line: number) => {
      const result = compareFile(outcome({ typed: [finding('x-token', line, 'likely', 1, source, "'x-token'")], untyped: [finding('x-token', line, 'unknown', 1, source, "'x-token'")], codemod: [site('x-token', line, 'migrated', 'acts')] }), source);
      expect(result.disagreements).toEqual([]);
      return result.typedOnly.flatMap((entry) => entry.reasons).filter((reason) => reason.startsWith('the header is in the options'));
    };
    expect(reasonsOf(exported, 2)).toEqual(["the header is in the options of a call whose result is the exported `api`, graded by the requests other modules make with it, which only the program's file list shows"]);
    expect(reasonsOf(factory, 3)).toEqual(["the header is in the options of a call whose result the exported `keptnClient` returns, graded by the requests other modules make with it, which only the program's file list shows"]);
  });

  it('lets a surer typed confidence through for a header an exported builder returns (its callers elsewhere send it)', () => {
    const source = "export function keptnHeaders(): Record<string, string> {\n  return { accept: 'application/json', 'x-token': process.env.KEPTN_API_TOKEN ?? '' };\n}\n";
    const typed = [finding('x-token', 2, 'likely', 1, source, "'x-token'")];
    const untyped = [finding('x-token', 2, 'possible', 1, source, "'x-token'")];
    const surer = compareFile(outcome({ typed, untyped, codemod: [site('x-token', 2, 'manual', 'acts')] }), source);
    expect(surer.disagreements).toEqual([]);
    expect(surer.typedOnly.map((entry) => entry.reasons)).toEqual([[
      "the header is in what the exported `keptnHeaders` returns, sent by its callers in other modules, which only the program's file list shows",
    ]]);
    // Not exported: nothing outside the file can call it, and types add nothing.
    const local = source.replace('export function', 'function');
    expect(compareFile(outcome({ typed, untyped, codemod: [site('x-token', 2, 'manual', 'acts')] }), local).disagreements.map((row) => row.check)).toEqual(['untyped ⊆ typed']);
  });

  it('lets a surer typed confidence through for a header in an exported object (the requests of other modules that read it send it)', () => {
    const source = "const keptnAuthHeaders = { 'x-token': process.env.KEPTN_API_TOKEN ?? '' };\nexport { keptnAuthHeaders as defaultKeptnHeaders };\n";
    const typed = [finding('x-token', 1, 'likely', 1, source, "'x-token'")];
    const untyped = [finding('x-token', 1, 'possible', 1, source, "'x-token'")];
    const surer = compareFile(outcome({ typed, untyped, codemod: [site('x-token', 1, 'migrated', 'acts')] }), source);
    expect(surer.disagreements).toEqual([]);
    expect(surer.typedOnly.map((entry) => entry.reasons)).toEqual([[
      "the header is in the exported object `defaultKeptnHeaders`, sent by the requests of other modules that read it, which only the program's file list shows",
    ]]);
    // Not exported: no other module reads it, and types add nothing.
    const local = source.replace(/\nexport .*\n/u, '\n');
    expect(compareFile(outcome({ typed, untyped, codemod: [site('x-token', 1, 'migrated', 'acts')] }), local).disagreements.map((row) => row.check)).toEqual(['untyped ⊆ typed']);
  });

  it('reports a typed-only finding where nothing needs types', () => {
    const typed = [finding('x-token', 2, 'likely', 1, plain, "'x-token'")];
    const result = compareFile(outcome({ typed, untyped: [], codemod: [site('x-token', 2, 'migrated', 'acts')] }), plain);
    expect(result.disagreements.map((row) => row.check)).toEqual(['untyped ⊆ typed']);
    expect(result.typedOnly).toEqual([]);
  });

  it('after migration, accepts findings on lines the codemod left for a person and reports the others', () => {
    const source = 'a\nb\nc\n';
    const output = '// marker\na\nB\nc\n';
    const base = { typed: [], untyped: [], output };
    const left = compareFile(outcome({ ...base, codemod: [site('x-token', 1, 'manual', 'acts')], afterMigration: [finding('no-oauth', 2, 'likely')] }), source);
    const afterMigration = (rows: readonly { check: string; codemod: string }[]) => rows.filter((row) => row.check === 'after migration').map((row) => row.codemod);
    expect(afterMigration(left.disagreements)).toEqual([]);
    const migrated = compareFile(outcome({ ...base, codemod: [site('x-token', 1, 'migrated', 'acts')], afterMigration: [finding('x-token', 2, 'likely')] }), source);
    expect(afterMigration(migrated.disagreements)).toEqual(['no manual site here (was line 1)']);
    const written = compareFile(outcome({ ...base, codemod: [], afterMigration: [finding('x-token', 3, 'likely')] }), source);
    expect(afterMigration(written.disagreements)).toEqual(['the line is new (written by the codemod)']);
  });
});

describe('survivingLines', () => {
  it('follows unchanged lines past inserted and removed ones', () => {
    expect([...survivingLines('a\nb\nc\nd\n', '// x\na\nc\nd2\n')]).toEqual([
      [1, 2],
      [3, 3],
    ]);
  });
});

describe('confidenceClass', () => {
  it('puts the codemod threshold at likely', () => {
    expect((['certain', 'likely', 'possible', 'unknown'] as const).map(confidenceClass)).toEqual(['acts', 'acts', 'unsure', 'unsure']);
  });
});

describe('compareExpected', () => {
  it('reports each side that differs from the fixture expectation', () => {
    const expectation = {
      shape: 'test',
      sites: [{ line: 2, kind: 'x-token' as const, confidence: 'likely' as const, untyped: false, codemod: 'marked' as const, why: '' }],
    };
    const rows = compareExpected(
      outcome({ typed: [finding('x-token', 2, 'likely')], untyped: [finding('x-token', 2, 'likely')], codemod: [site('x-token', 2, 'migrated', 'acts')] }),
      expectation,
    );
    expect(rows.map((row) => row.lint.split(':')[0])).toEqual(['untyped lint', 'expected']);
  });
});

describe('formatDisagreements', () => {
  it('prints one aligned row per disagreement, file:line first', () => {
    const table = formatDisagreements(
      [{ check: 'typed = codemod', file: '/project/src/client.ts', line: 7, kind: 'x-token', lint: 'no-x-token-header (likely)', codemod: '—' }],
      '/project',
    );
    expect(table.split('\n')[0]).toBe('file:line       | check [kind]              | lint says                  | codemod says');
    expect(table).toContain('src/client.ts:7 | typed = codemod [x-token] | no-x-token-header (likely) | —');
    expect(formatDisagreements([])).toBe('no disagreements\n');
  });
});

/**
 * Issue 11's differential harness over every fixture input, the example app and the harness's
 * own fixtures (./harness.ts says what is compared and how sites pair). The generated corpus
 * runs through bench/agreement.ts.
 *
 * Any disagreement between the lint and the migration fails the run (AGREEMENT_STRICT=0 only
 * prints them). Where a fixture's expectation is ahead of the codemod's edits, the row is named in
 * OPEN_EXPECTATIONS with its reason; the list must match exactly, so a fix shows up as a failure
 * that asks for the entry to go.
 */
import { readFileSync, existsSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  compareExpected,
  formatDisagreements,
  formatTypedOnly,
  repositoryRoot,
  runAgreement,
  strictAgreement,
  summarize,
  type Disagreement,
  type Expectation,
  type FileOutcome,
  type Summary,
} from './harness.js';
import { agreementFixtures, fixtureInputs, inputGroups } from './inputs.js';

const strict = strictAgreement();

/**
 * Fixture rows where the analysis and the lint say what the expectation says but the codemod's
 * edits do not yet (issue 12: the codemod marks what it should rewrite). `file:line [kind]`.
 */
const OPEN_EXPECTATIONS: ReadonlyMap<string, string> = new Map<string, string>([
  // Empty: every expectation holds. A row that cannot be fixed yet goes here with its reason.
]);
const inputs = fixtureInputs();

function expectationOf(file: string): Expectation | undefined {
  const sidecar = file.replace(/\.[cm]?[jt]sx?$/u, '.expected.json');
  return existsSync(sidecar) ? (JSON.parse(readFileSync(sidecar, 'utf8')) as Expectation) : undefined;
}

function report(title: string, rows: readonly Disagreement[]): void {
  // The count is printed either way: it is the lead's work list until it reaches zero.
  console.log(`${title}: ${String(rows.length)} disagreement${rows.length === 1 ? '' : 's'}${strict ? '' : ' (AGREEMENT_STRICT=0: listed only)'}\n${formatDisagreements(rows)}`);
}

describe('agreement: typed lint = migrate, untyped ⊆ typed, clean after migration', () => {
  let outcomes: FileOutcome[];
  let summary: Summary;

  beforeAll(async () => {
    outcomes = await runAgreement(inputs);
    summary = summarize(outcomes);
  }, 600_000);

  it('runs on every input of every fixture folder, the example app and its own fixtures', () => {
    for (const group of inputGroups) {
      expect(inputs.some((input) => input.file.startsWith(group.folder + path.sep)), group.name).toBe(true);
    }
    // The cross-file project of tests/codemods/migrate.test.ts is part of the codemod fixtures.
    expect(inputs.some((input) => input.file.includes(`${path.sep}project${path.sep}src${path.sep}`))).toBe(true);
    expect(outcomes.map((outcome) => outcome.file)).toEqual(inputs.map((input) => path.resolve(input.file)));
  });

  it('lints and migrates every input without a parse failure or a codemod error', () => {
    expect(summary.errors).toEqual([]);
  });

  it('finds something on both sides to compare', () => {
    expect(summary.typedFindings).toBeGreaterThan(0);
    expect(summary.codemodSites).toBeGreaterThan(0);
    expect(summary.untypedFindings).toBeLessThanOrEqual(summary.typedFindings + summary.disagreements.length);
  });

  it(strict ? 'finds no disagreement' : 'prints every disagreement (AGREEMENT_STRICT=1 requires none)', () => {
    report('lint vs migrate', summary.disagreements);
    if (summary.typedOnly.length > 0) console.log(`typed-only findings explained by types:\n${formatTypedOnly(summary.typedOnly)}`);
    for (const row of summary.disagreements) {
      const lines = readFileSync(row.file, 'utf8').split('\n').length;
      expect(row.line, `${row.file}:${String(row.line)}`).toBeLessThanOrEqual(lines + 1);
      expect(row.lint.length + row.codemod.length).toBeGreaterThan(0);
    }
    if (strict) expect(formatDisagreements(summary.disagreements)).toBe('no disagreements\n');
  });

  describe('the harness fixtures (tests/agreement/fixtures): what a correct single analysis says', () => {
    const own = inputs.filter((input) => input.file.startsWith(agreementFixtures + path.sep));

    it('has an expectation for every fixture, each naming lines that hold its site', () => {
      expect(own.length).toBeGreaterThanOrEqual(15);
      for (const { file } of own) {
        const expectation = expectationOf(file);
        expect(expectation, path.relative(repositoryRoot, file)).toBeDefined();
        const lines = readFileSync(file, 'utf8').split('\n');
        for (const site of expectation?.sites ?? []) {
          const text = lines[site.line - 1] ?? '';
          // A sidecar that drifted from its fixture names a line without the header or the call.
          if (site.kind === 'x-token') expect(text, `${file}:${String(site.line)}`).toMatch(/token/iu);
          else expect(text, `${file}:${String(site.line)}`).toMatch(/\w\s*\(/u);
        }
      }
    });

    it(strict ? 'lint (typed and untyped) and migrate say what the expectation says' : 'prints where lint or migrate differ from the expectation', () => {
      const rows = own.flatMap(({ file }) => {
        const outcome = outcomes.find((candidate) => candidate.file === path.resolve(file));
        const expectation = expectationOf(file);
        return outcome && expectation ? compareExpected(outcome, expectation) : [];
      });
      report('fixtures vs expectation', rows);
      if (!strict) return;
      const keys = [...new Set(rows.map((row) => `${path.relative(repositoryRoot, row.file)}:${String(row.line)} [${row.kind}]`))].sort();
      expect(keys, 'rows not in OPEN_EXPECTATIONS are regressions; entries not in the rows are fixed and must go').toEqual([...OPEN_EXPECTATIONS.keys()].sort());
    });
  });
});

/**
 * The differential harness of issue 11: the lint and the migration must say the same thing about
 * every request. For a set of files it computes
 *
 *   (a) the findings of `no-x-token-header` and `require-oauth` with type information (the shipped
 *       `configs['recommended-type-checked']` plus `projectService`, so each file is checked in the
 *       program of its nearest tsconfig, the one the codemod's type oracle loads too),
 *   (b) the same findings without type information (`configs.recommended`),
 *   (c) the codemod's sites: the `migrate` transform run as the CLI runs it (cli/transforms.ts
 *       `loadTransforms`, cli/transform-file.ts `transformFile`), its report's migrated and manual
 *       entries, once as the CLI runs by default and once with `--include-unsure`,
 *   (d) the typed findings of the migrated text,
 *
 * and holds them to three checks (see `compareFile`).
 *
 * ## What pairs with what (the definition the checks rest on)
 *
 * A *site* is (file, kind, line), counted as a multiset (two sites on one line are two sites).
 *
 * - kind `x-token`: a place where the `x-token` header is written (an object key, a
 *   `headers[…] =` / `.set(…)` write, a `Headers` entry, a defaults or interceptor write).
 *   Lint: a `cloud-automation/no-x-token-header` message; its line is the line of the header name.
 *   Codemod: an entry, migrated or manual, of the `x-token-to-oauth` pass's report; its `line`.
 * - kind `no-oauth`: a request that targets Cloud Automation and sends no credential at all
 *   (neither `x-token` nor `Authorization`), including `POST /v1/auth` token checks.
 *   Lint: a `cloud-automation/require-oauth` message (`missingOAuth` or `tokenCheck`); its line is
 *   the line where the callee starts. Codemod: an entry, migrated or manual, of the `add-oauth`
 *   pass's report; its `line`.
 *
 * A request that sends `x-token` is an `x-token` site only: a `require-oauth` finding on it has no
 * codemod partner and counts as a disagreement (issue 12, point 7: one finding per problem).
 *
 * ## Target confidence
 *
 * The lint states a confidence per finding (`certain`, `likely`, `possible`, `unknown`; read from
 * the report's data, not from the message text). The codemod's report states none today, so the
 * harness reads the confidence off the codemod's behaviour: a site whose entry changes when the
 * codemod runs with `--include-unsure` is below the codemod's threshold (`unsure`); any other site
 * is one it acts on by default (`acts`). The lint's confidence maps to the same two classes at the
 * codemod's threshold (`certain`/`likely` → `acts`, `possible`/`unknown` → `unsure`). A
 * report entry that carries a `confidence` field (none does yet) is compared exactly instead.
 * `require-oauth`'s `tokenCheck` message carries no confidence; those findings are compared by
 * line only.
 *
 * ## The three checks
 *
 * 1. typed lint sites == codemod sites, with the same confidence;
 * 2. untyped lint sites ⊆ typed lint sites, no untyped confidence above the typed one, and every
 *    site (or confidence) only the typed lint finds is explained by ./needs-types.ts;
 * 3. after migration, the typed lint reports only on lines the codemod left for a person (the
 *    lines of its manual entries, of either kind, followed to where they moved in the output).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { diffLines } from 'diff';
import { ESLint, type Linter, type Rule } from 'eslint';
import type { FileReport, ManualSite, MigratedSite, TransformOptions } from '../../codemods/report.js';
import { transformFile } from '../../cli/transform-file.js';
import { loadTransforms, type LoadedTransform } from '../../cli/transforms.js';
import { TARGET_CONFIDENCES, type TargetConfidence } from '../../core/index.js';
import plugin from '../../rules/index.js';
import { explainTypedOnly } from './needs-types.js';

export const repositoryRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

export type SiteKind = 'x-token' | 'no-oauth';
/**
 * Where the codemod's threshold puts a site: acted on by default, or only with `--include-unsure`;
 * or never (`elsewhere`): the code shows it is no Cloud Automation request, which the lint says with
 * `no-x-token-header`'s `xTokenHeaderElsewhere` and the codemod's report with `elsewhere: true`.
 */
export type ConfidenceClass = 'acts' | 'unsure' | 'elsewhere';

/** The lint message that says a site is known to go elsewhere: the partner of a codemod entry with `elsewhere`. */
const ELSEWHERE_MESSAGE = 'xTokenHeaderElsewhere';

const RULE_OF_KIND: Record<SiteKind, string> = {
  'x-token': 'cloud-automation/no-x-token-header',
  'no-oauth': 'cloud-automation/require-oauth',
};
const KIND_OF_RULE = new Map(Object.entries(RULE_OF_KIND).map(([kind, rule]) => [rule, kind as SiteKind]));
const PASS_OF_KIND: Record<SiteKind, string> = { 'x-token': 'x-token-to-oauth', 'no-oauth': 'add-oauth' };
const KIND_OF_PASS = new Map(Object.entries(PASS_OF_KIND).map(([kind, pass]) => [pass, kind as SiteKind]));

export interface InputFile {
  /** Absolute path. */
  readonly file: string;
  /** Codemod options the fixture asks for (`*.options.json`), as the CLI's flags would give them. */
  readonly options?: Omit<TransformOptions, 'reporter' | 'includeUnsure'>;
}

export interface LintFinding {
  readonly file: string;
  readonly kind: SiteKind;
  readonly line: number;
  readonly column: number;
  readonly endLine: number | undefined;
  readonly endColumn: number | undefined;
  readonly messageId: string | undefined;
  /** Undefined where the message states none (`tokenCheck`). */
  readonly confidence: TargetConfidence | undefined;
  readonly message: string;
}

export interface CodemodSite {
  readonly file: string;
  readonly kind: SiteKind;
  readonly line: number;
  readonly column: number;
  readonly outcome: 'migrated' | 'manual';
  readonly what: string;
  /** The manual entry's reason. */
  readonly why: string | undefined;
  readonly confidenceClass: ConfidenceClass;
  /** Only when the report states one. */
  readonly confidence: TargetConfidence | undefined;
  /** A split shared header: the requests to other services the codemod wrote the x-token at (see MigratedSite.keptXToken). */
  readonly keptXToken?: number;
}

export interface FileOutcome {
  readonly file: string;
  readonly typed: readonly LintFinding[];
  readonly untyped: readonly LintFinding[];
  readonly codemod: readonly CodemodSite[];
  readonly afterMigration: readonly LintFinding[];
  /** The migrated text, when the codemod changed the file. */
  readonly output: string | undefined;
  /** A parse failure of the lint, or the codemod's error entry. */
  readonly errors: readonly string[];
}

export type Check = 'typed = codemod' | 'untyped ⊆ typed' | 'after migration' | 'fixture expectation';

export interface Disagreement {
  readonly check: Check;
  readonly file: string;
  readonly line: number;
  readonly kind: SiteKind;
  readonly lint: string;
  readonly codemod: string;
}

export interface Explained {
  readonly file: string;
  readonly line: number;
  readonly kind: SiteKind;
  readonly reasons: readonly string[];
}

export interface Comparison {
  readonly disagreements: readonly Disagreement[];
  /** Sites (or stronger confidences) only the typed lint finds, with why they need types. */
  readonly typedOnly: readonly Explained[];
}

export function confidenceClass(confidence: TargetConfidence): ConfidenceClass {
  return confidence === 'certain' || confidence === 'likely' ? 'acts' : 'unsure';
}

// ── (a), (b), (d): the lint ──────────────────────────────────────────────────────────

interface CapturedReport {
  readonly confidence: TargetConfidence | undefined;
}

/**
 * The plugin with every rule's `context.report` observed, so the confidence a rule computed is
 * read from the report's data rather than parsed back out of the message text.
 */
function observedPlugin(captured: Map<string, CapturedReport>): { plugin: ESLint.Plugin; rules: readonly string[] } {
  const rules: Record<string, Rule.RuleModule> = {};
  const source = plugin.rules as unknown as Record<string, Rule.RuleModule>;
  for (const [name, rule] of Object.entries(source)) {
    rules[name] = {
      ...rule,
      create(context) {
        const report = (descriptor: Rule.ReportDescriptor): void => {
          const location = 'node' in descriptor ? descriptor.node.loc?.start : 'line' in descriptor.loc ? descriptor.loc : descriptor.loc.start;
          const data = descriptor.data as Record<string, unknown> | undefined;
          const confidence = data?.confidence;
          if (location) {
            captured.set(captureKey(context.filename, `cloud-automation/${name}`, location.line, location.column + 1), {
              confidence: TARGET_CONFIDENCES.includes(confidence as TargetConfidence) ? (confidence as TargetConfidence) : undefined,
            });
          }
          context.report(descriptor);
        };
        // ESLint freezes the rule context; a child object with its own `report` reads everything else through it.
        return rule.create(Object.create(context, { report: { value: report } }) as Rule.RuleContext);
      },
    };
  }
  return { plugin: { ...(plugin as unknown as ESLint.Plugin), rules }, rules: Object.values(RULE_OF_KIND) };
}

function captureKey(file: string, rule: string, line: number, column: number): string {
  return `${path.resolve(file)}\u0000${rule}\u0000${String(line)}\u0000${String(column)}`;
}

export interface Linters {
  readonly typed: ESLint;
  readonly untyped: ESLint;
  /** What each linter's rules reported, apart: the same site may have another confidence with types. */
  readonly captured: { readonly typed: Map<string, CapturedReport>; readonly untyped: Map<string, CapturedReport> };
}

/** The shipped configs with only the two request rules on, and the plugin observed. */
export function createLinters(cwd: string = repositoryRoot): Linters {
  const captured = { typed: new Map<string, CapturedReport>(), untyped: new Map<string, CapturedReport>() };
  const configure = (configs: readonly Linter.Config[], into: Map<string, CapturedReport>): Linter.Config[] => {
    const observed = observedPlugin(into);
    const only = Object.fromEntries(observed.rules.map((rule) => [rule, 'error' as const]));
    return configs.map((config) => (config.plugins?.['cloud-automation'] ? { ...config, plugins: { 'cloud-automation': observed.plugin }, rules: only } : config));
  };
  const typedConfig = [
    ...configure(plugin.configs['recommended-type-checked'], captured.typed),
    // As the README tells users: the program comes from their tsconfig. The project service finds
    // each file's nearest tsconfig, the one the codemod's type oracle loads by default.
    { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: cwd } } },
  ];
  return {
    typed: new ESLint({ cwd, overrideConfigFile: true, overrideConfig: typedConfig, ignore: false }),
    untyped: new ESLint({ cwd, overrideConfigFile: true, overrideConfig: configure(plugin.configs.recommended, captured.untyped), ignore: false }),
    captured,
  };
}

function findingsOf(result: ESLint.LintResult, captured: Map<string, CapturedReport>): { findings: LintFinding[]; errors: string[] } {
  const findings: LintFinding[] = [];
  const errors: string[] = [];
  for (const message of result.messages) {
    if (message.fatal === true || message.ruleId === null) {
      errors.push(`lint: ${message.message} (${String(message.line)}:${String(message.column)})`);
      continue;
    }
    const kind = KIND_OF_RULE.get(message.ruleId);
    if (!kind) continue;
    const report = captured.get(captureKey(result.filePath, message.ruleId, message.line, message.column));
    findings.push({
      file: result.filePath,
      kind,
      line: message.line,
      column: message.column,
      endLine: message.endLine,
      endColumn: message.endColumn,
      messageId: message.messageId,
      confidence: report?.confidence,
      message: message.message,
    });
  }
  return { findings, errors };
}

// ── (c): the codemod, as the CLI runs it ─────────────────────────────────────────────

let cliTransforms: Promise<LoadedTransform[]> | undefined;

/** What `npx eslint-plugin-cloud-automation migrate` loads when no `--transform` is given. */
function migrateTransforms(): Promise<LoadedTransform[]> {
  cliTransforms ??= loadTransforms([]);
  return cliTransforms;
}

interface CodemodRun {
  readonly output: string;
  readonly reports: readonly FileReport[];
  readonly error: string | undefined;
}

async function runCodemod(input: InputFile, source: string, includeUnsure: boolean): Promise<CodemodRun> {
  const result = transformFile(input.file, source, await migrateTransforms(), { ...input.options, includeUnsure });
  return { output: result.output, reports: result.reports, error: result.error };
}

type ReportEntry = (MigratedSite | ManualSite) & { readonly confidence?: unknown };

function entriesOf(reports: readonly FileReport[]): { kind: SiteKind; outcome: 'migrated' | 'manual'; entry: ReportEntry }[] {
  return reports.flatMap((report) => {
    const kind = KIND_OF_PASS.get(report.transform);
    if (!kind) return [];
    return [
      ...report.migrated.map((entry) => ({ kind, outcome: 'migrated' as const, entry })),
      ...report.manual.map((entry) => ({ kind, outcome: 'manual' as const, entry })),
    ];
  });
}

function describeEntry(outcome: 'migrated' | 'manual', entry: ReportEntry): string {
  return 'why' in entry ? `${outcome}: ${entry.what} (${entry.why})` : `${outcome}: ${entry.what}`;
}

/** The codemod's sites, each with the confidence class its behaviour with `--include-unsure` shows. */
function codemodSites(file: string, byDefault: readonly FileReport[], withUnsure: readonly FileReport[]): CodemodSite[] {
  const unsureRun = new Map<string, string[]>();
  for (const { kind, outcome, entry } of entriesOf(withUnsure)) {
    const key = `${kind}:${String(entry.line)}`;
    unsureRun.set(key, [...(unsureRun.get(key) ?? []), describeEntry(outcome, entry)]);
  }
  return entriesOf(byDefault).map(({ kind, outcome, entry }) => {
    const described = describeEntry(outcome, entry);
    const same = unsureRun.get(`${kind}:${String(entry.line)}`)?.includes(described) === true;
    const stated = TARGET_CONFIDENCES.includes(entry.confidence as TargetConfidence) ? (entry.confidence as TargetConfidence) : undefined;
    return {
      file,
      kind,
      line: entry.line,
      column: entry.column,
      outcome,
      what: entry.what,
      why: 'why' in entry ? entry.why : undefined,
      // Migrated by default is acting by default, whatever the unsure run writes (a split that also gives the unsure requests the token says so differently).
      confidenceClass: 'elsewhere' in entry && entry.elsewhere === true ? 'elsewhere' : stated ? confidenceClass(stated) : same || outcome === 'migrated' ? 'acts' : 'unsure',
      confidence: stated,
      ...('keptXToken' in entry && entry.keptXToken !== undefined ? { keptXToken: entry.keptXToken } : {}),
    };
  });
}

// ── running it ───────────────────────────────────────────────────────────────────────

export interface RunOptions {
  /** Called after each file, for progress on big runs. */
  readonly onFile?: (done: number, total: number) => void;
  readonly cwd?: string;
  /** Filled with the wall time of each phase, ms. */
  readonly timings?: Partial<Record<Phase, number>>;
}

export type Phase = 'typed lint' | 'untyped lint' | 'codemod (default and --include-unsure)' | 'typed lint of the migrated text';

/** Lints (typed, untyped), migrates, and lints the migrated text of every input. */
export async function runAgreement(inputs: readonly InputFile[], options: RunOptions = {}): Promise<FileOutcome[]> {
  const linters = createLinters(options.cwd);
  const files = inputs.map((input) => path.resolve(input.file));
  const timings = options.timings ?? {};
  const timed = async <T>(phase: Phase, work: () => Promise<T>): Promise<T> => {
    const started = performance.now();
    try {
      return await work();
    } finally {
      timings[phase] = (timings[phase] ?? 0) + performance.now() - started;
    }
  };
  const typedResults = new Map((await timed('typed lint', () => linters.typed.lintFiles(files))).map((result) => [result.filePath, result]));
  const untypedResults = new Map((await timed('untyped lint', () => linters.untyped.lintFiles(files))).map((result) => [result.filePath, result]));
  const outcomes: FileOutcome[] = [];
  for (const [index, input] of inputs.entries()) {
    const file = path.resolve(input.file);
    const source = readFileSync(file, 'utf8');
    const errors: string[] = [];
    const typedResult = typedResults.get(file);
    const untypedResult = untypedResults.get(file);
    if (!typedResult || !untypedResult) throw new Error(`ESLint gave no result for ${file}: is it ignored?`);
    const typed = findingsOf(typedResult, linters.captured.typed);
    const untyped = findingsOf(untypedResult, linters.captured.untyped);
    errors.push(...typed.errors, ...untyped.errors.map((error) => `untyped ${error}`));
    const [byDefault, withUnsure] = await timed('codemod (default and --include-unsure)', async () => [
      await runCodemod(input, source, false),
      await runCodemod(input, source, true),
    ]);
    if (byDefault.error !== undefined) errors.push(`codemod: ${byDefault.error}`);
    let afterMigration: LintFinding[] = [];
    const changed = byDefault.output !== source;
    if (changed) {
      // The migrated text stands in for the file in its program: the project service takes the
      // linted text for the file, its imports are read from disk.
      const [result] = await timed('typed lint of the migrated text', () => linters.typed.lintText(byDefault.output, { filePath: file }));
      if (result) {
        const after = findingsOf(result, linters.captured.typed);
        afterMigration = after.findings;
        errors.push(...after.errors.map((error) => `after migration, ${error}`));
      }
    }
    outcomes.push({
      file,
      typed: typed.findings,
      untyped: untyped.findings,
      codemod: codemodSites(file, byDefault.reports, withUnsure.reports),
      afterMigration,
      output: changed ? byDefault.output : undefined,
      errors,
    });
    options.onFile?.(index + 1, inputs.length);
  }
  return outcomes;
}

// ── the checks ───────────────────────────────────────────────────────────────────────

function siteKey(site: { kind: SiteKind; line: number }): string {
  return `${site.kind}:${String(site.line)}`;
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const name = key(item);
    groups.set(name, [...(groups.get(name) ?? []), item]);
  }
  return groups;
}

function lintSays(finding: LintFinding): string {
  const rule = finding.kind === 'x-token' ? 'no-x-token-header' : 'require-oauth';
  return `${rule}${finding.messageId === undefined ? '' : `/${finding.messageId}`} (${finding.confidence ?? 'no confidence stated'})`;
}

function codemodSays(site: CodemodSite): string {
  const confidence = site.confidence ?? (site.confidenceClass === 'acts' ? 'acts by default' : site.confidenceClass === 'elsewhere' ? 'never: not Cloud Automation' : 'only with --include-unsure');
  return `${site.outcome}: ${site.what}${site.why === undefined ? '' : ` — ${site.why}`} [${confidence}]`;
}

function confidencesAgree(finding: LintFinding, site: CodemodSite): boolean {
  // Known to go elsewhere: both sides say so, or neither does.
  if ((finding.messageId === ELSEWHERE_MESSAGE) !== (site.confidenceClass === 'elsewhere')) return false;
  if (site.confidenceClass === 'elsewhere' || finding.confidence === undefined) return true;
  if (site.confidence !== undefined) return site.confidence === finding.confidence;
  return confidenceClass(finding.confidence) === site.confidenceClass;
}

/** For each line of the original text that survives unchanged, its line in `output`. */
export function survivingLines(source: string, output: string): Map<number, number> {
  const map = new Map<number, number>();
  let before = 1;
  let after = 1;
  for (const part of diffLines(source, output)) {
    const count = part.count;
    if (part.added) after += count;
    else if (part.removed) before += count;
    else {
      for (let offset = 0; offset < count; offset++) map.set(before + offset, after + offset);
      before += count;
      after += count;
    }
  }
  return map;
}

/** The three checks on one file's outcome. `source` is the file's text before migration. */
export function compareFile(outcome: FileOutcome, source: string): Comparison {
  const disagreements: Disagreement[] = [];
  const typedOnly: Explained[] = [];
  const { file } = outcome;

  // 1. typed lint == codemod, site for site, with the same confidence.
  const typedBySite = groupBy(outcome.typed, siteKey);
  const codemodBySite = groupBy(outcome.codemod, siteKey);
  for (const key of new Set([...typedBySite.keys(), ...codemodBySite.keys()])) {
    const findings = typedBySite.get(key) ?? [];
    const sites = codemodBySite.get(key) ?? [];
    const [first] = [...findings, ...sites];
    if (!first) continue;
    const lint = findings.map(lintSays).join('; ') || '—';
    const codemod = sites.map(codemodSays).join('; ') || '—';
    if (findings.length !== sites.length) {
      disagreements.push({ check: 'typed = codemod', file, line: first.line, kind: first.kind, lint, codemod });
      continue;
    }
    if (findings.some((finding, index) => !confidencesAgree(finding, sites[index] as CodemodSite))) {
      disagreements.push({ check: 'typed = codemod', file, line: first.line, kind: first.kind, lint: `confidence: ${lint}`, codemod: `confidence: ${codemod}` });
    }
  }

  // 2. untyped ⊆ typed; what only the typed lint sees must need types.
  const untypedBySite = groupBy(outcome.untyped, siteKey);
  for (const key of new Set([...typedBySite.keys(), ...untypedBySite.keys()])) {
    const typed = typedBySite.get(key) ?? [];
    const untyped = untypedBySite.get(key) ?? [];
    const [first] = [...typed, ...untyped];
    if (!first) continue;
    const says = (findings: readonly LintFinding[], label: string) => `${label}: ${findings.map(lintSays).join('; ') || '—'}`;
    if (untyped.length > typed.length) {
      disagreements.push({ check: 'untyped ⊆ typed', file, line: first.line, kind: first.kind, lint: `${says(untyped, 'untyped')} / ${says(typed, 'typed')}`, codemod: '(not compared)' });
      continue;
    }
    const weaker = untyped.some((finding, index) => {
      const other = typed[index]?.confidence;
      return finding.confidence !== undefined && other !== undefined && TARGET_CONFIDENCES.indexOf(finding.confidence) !== TARGET_CONFIDENCES.indexOf(other);
    });
    const stronger = untyped.some((finding, index) => {
      const other = typed[index]?.confidence;
      return finding.confidence !== undefined && other !== undefined && TARGET_CONFIDENCES.indexOf(finding.confidence) < TARGET_CONFIDENCES.indexOf(other);
    });
    if (stronger) {
      disagreements.push({ check: 'untyped ⊆ typed', file, line: first.line, kind: first.kind, lint: `untyped is surer than typed: ${says(untyped, 'untyped')} / ${says(typed, 'typed')}`, codemod: '(not compared)' });
      continue;
    }
    if (untyped.length === typed.length && !weaker) continue;
    // Both found it, with another confidence: the program may also know who calls the function.
    const confidenceOnly = untyped.length === typed.length;
    const reasons = explainTypedOnly(file, source, first.kind, typed.find((finding) => !untyped.some((other) => other.column === finding.column)) ?? (typed[0] as LintFinding), { confidenceOnly });
    if (reasons.length > 0) {
      typedOnly.push({ file, line: first.line, kind: first.kind, reasons });
    } else {
      disagreements.push({
        check: 'untyped ⊆ typed',
        file,
        line: first.line,
        kind: first.kind,
        lint: `only typed${weaker ? ' is this sure' : ' finds it'}, and nothing here needs types: ${says(untyped, 'untyped')} / ${says(typed, 'typed')}`,
        codemod: '(not compared)',
      });
    }
  }

  // 3. after migration, findings only where the codemod left the code for a person.
  if (outcome.output !== undefined) {
    const lines = survivingLines(source, outcome.output);
    // By line, whatever the kind: a site left for a person may still draw either rule's finding.
    const left = new Set<number>();
    for (const site of outcome.codemod) {
      const moved = site.outcome === 'manual' ? lines.get(site.line) : undefined;
      if (moved !== undefined) left.add(moved);
    }
    // A split shared header writes the x-token again at each request to another service or that
    // nothing shows goes to Cloud Automation: as many findings that say so (and nothing else) on
    // lines the codemod wrote are what it reported.
    let keptElsewhere = outcome.codemod.reduce((sum, site) => sum + (site.keptXToken ?? 0), 0);
    for (const findings of groupBy(outcome.afterMigration, siteKey).values()) {
      const [first] = findings;
      if (!first || left.has(first.line)) continue;
      const original = [...lines].find(([, moved]) => moved === first.line)?.[0];
      if (original === undefined && findings.every((finding) => finding.messageId === ELSEWHERE_MESSAGE || (finding.confidence !== undefined && confidenceClass(finding.confidence) === 'unsure')) && findings.length <= keptElsewhere) {
        keptElsewhere -= findings.length;
        continue;
      }
      disagreements.push({
        check: 'after migration',
        file,
        line: first.line,
        kind: first.kind,
        lint: `in the migrated text: ${findings.map(lintSays).join('; ')}`,
        codemod: original === undefined ? 'the line is new (written by the codemod)' : `no manual site here (was line ${String(original)})`,
      });
    }
  } else {
    // Unchanged text: the lint still reports exactly what it did, which check 1 already compared.
  }
  return { disagreements, typedOnly };
}

// ── printing ─────────────────────────────────────────────────────────────────────────

/** The disagreements as an aligned text table: file:line, check, lint says, codemod says. */
export function formatDisagreements(disagreements: readonly Disagreement[], relativeTo: string = repositoryRoot): string {
  if (disagreements.length === 0) return 'no disagreements\n';
  const rows = [...disagreements]
    .sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line || a.kind.localeCompare(b.kind) || a.check.localeCompare(b.check))
    .map((entry) => [`${path.relative(relativeTo, entry.file)}:${String(entry.line)}`, `${entry.check} [${entry.kind}]`, entry.lint, entry.codemod]);
  const header = ['file:line', 'check [kind]', 'lint says', 'codemod says'];
  const widths = header.map((title, column) => Math.min(60, Math.max(title.length, ...rows.map((row) => (row[column] ?? '').length))));
  const cell = (text: string, column: number) => (column === header.length - 1 ? text : text.padEnd(widths[column] ?? 0));
  const line = (row: readonly string[]) => row.map(cell).join(' | ').trimEnd();
  return `${[line(header), widths.map((width) => '-'.repeat(width)).join('-|-'), ...rows.map(line)].join('\n')}\n`;
}

export function formatTypedOnly(explained: readonly Explained[], relativeTo: string = repositoryRoot): string {
  return explained.map((entry) => `${path.relative(relativeTo, entry.file)}:${String(entry.line)} [${entry.kind}] needs types: ${entry.reasons.join('; ')}`).join('\n');
}

export interface Summary {
  readonly files: number;
  readonly typedFindings: number;
  readonly untypedFindings: number;
  readonly codemodSites: number;
  readonly afterMigrationFindings: number;
  readonly errors: readonly string[];
  readonly disagreements: readonly Disagreement[];
  readonly typedOnly: readonly Explained[];
}

/** Compares every file and sums up. */
export function summarize(outcomes: readonly FileOutcome[]): Summary {
  const disagreements: Disagreement[] = [];
  const typedOnly: Explained[] = [];
  for (const outcome of outcomes) {
    const comparison = compareFile(outcome, readFileSync(outcome.file, 'utf8'));
    disagreements.push(...comparison.disagreements);
    typedOnly.push(...comparison.typedOnly);
  }
  return {
    files: outcomes.length,
    typedFindings: outcomes.reduce((sum, outcome) => sum + outcome.typed.length, 0),
    untypedFindings: outcomes.reduce((sum, outcome) => sum + outcome.untyped.length, 0),
    codemodSites: outcomes.reduce((sum, outcome) => sum + outcome.codemod.length, 0),
    afterMigrationFindings: outcomes.reduce((sum, outcome) => sum + outcome.afterMigration.length, 0),
    errors: outcomes.flatMap((outcome) => outcome.errors.map((error) => `${path.relative(repositoryRoot, outcome.file)}: ${error}`)),
    disagreements,
    typedOnly,
  };
}

/** Whether any disagreement fails the run: always, unless AGREEMENT_STRICT=0 asks only for the list (to survey a new corpus). */
export function strictAgreement(env: Readonly<Record<string, string | undefined>> = process.env): boolean {
  return env.AGREEMENT_STRICT !== '0';
}

// ── the harness's own fixtures: what a correct single analysis should say ────────────

/** One site of a fixture's `*.expected.json`. */
export interface ExpectedSite {
  readonly line: number;
  readonly kind: SiteKind;
  readonly confidence: TargetConfidence;
  /** Found by the untyped lint too (with the same confidence unless `untypedConfidence` says otherwise). */
  readonly untyped: boolean;
  readonly untypedConfidence?: TargetConfidence;
  /** `marked`: left with a marker comment; `listed`: left in the report only, below the threshold. */
  readonly codemod: 'migrated' | 'marked' | 'listed';
  readonly why: string;
}

export interface Expectation {
  readonly shape: string;
  readonly sites: readonly ExpectedSite[];
}

function expectedSays(site: ExpectedSite): string {
  return `${site.kind} ${site.confidence}${site.untyped ? '' : ' (typed only)'}, codemod ${site.codemod}`;
}

/** How one side's sites differ from the expectation, as rows of the disagreement table. */
export function compareExpected(outcome: FileOutcome, expectation: Expectation): Disagreement[] {
  const rows: Disagreement[] = [];
  const { file } = outcome;
  const expectedBySite = groupBy(expectation.sites, siteKey);
  const sides: { name: string; findings: readonly LintFinding[]; expected: (site: ExpectedSite) => TargetConfidence | undefined }[] = [
    { name: 'typed lint', findings: outcome.typed, expected: (site) => site.confidence },
    { name: 'untyped lint', findings: outcome.untyped, expected: (site) => (site.untyped ? (site.untypedConfidence ?? site.confidence) : undefined) },
  ];
  for (const side of sides) {
    const actual = groupBy(side.findings, siteKey);
    for (const key of new Set([...expectedBySite.keys(), ...actual.keys()])) {
      const wanted = (expectedBySite.get(key) ?? []).flatMap((site) => {
        const confidence = side.expected(site);
        return confidence === undefined ? [] : [{ site, confidence }];
      });
      const found = actual.get(key) ?? [];
      const [first] = [...wanted.map((entry) => entry.site), ...found];
      if (!first) continue;
      const differs =
        wanted.length !== found.length ||
        found.some((finding, index) => finding.confidence !== undefined && finding.confidence !== wanted[index]?.confidence);
      if (!differs) continue;
      rows.push({
        check: 'fixture expectation',
        file,
        line: first.line,
        kind: first.kind,
        lint: `${side.name}: ${found.map(lintSays).join('; ') || '—'}`,
        codemod: `expected: ${wanted.map((entry) => `${entry.site.kind} ${entry.confidence}`).join('; ') || 'nothing'}`,
      });
    }
  }
  const actualSites = groupBy(outcome.codemod, siteKey);
  for (const key of new Set([...expectedBySite.keys(), ...actualSites.keys()])) {
    const wanted = expectedBySite.get(key) ?? [];
    const found = actualSites.get(key) ?? [];
    const [first] = [...wanted, ...found];
    if (!first) continue;
    const outcomeOf = (site: CodemodSite): ExpectedSite['codemod'] => (site.outcome === 'migrated' ? 'migrated' : site.confidenceClass === 'acts' ? 'marked' : 'listed');
    const differs = wanted.length !== found.length || found.some((site, index) => outcomeOf(site) !== wanted[index]?.codemod);
    if (!differs) continue;
    rows.push({
      check: 'fixture expectation',
      file,
      line: first.line,
      kind: first.kind,
      lint: `expected: ${wanted.map(expectedSays).join('; ') || 'nothing'}`,
      codemod: found.map((site) => `${outcomeOf(site)} — ${codemodSays(site)}`).join('; ') || '—',
    });
  }
  return rows;
}

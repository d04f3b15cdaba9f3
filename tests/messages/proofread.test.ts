/**
 * Every sentence the product shows a person, rendered with the data it is really given, and
 * proofread: no doubled or missing article ("This an axios instance request"), no placeholder
 * left (`{{client}}`), none filled with nothing or `undefined`, and every CLI flag a sentence
 * names is one the CLI accepts.
 *
 * - Lint: each message id of each rule (meta.messages), with every client label and every
 *   target description the rules can produce, and sample values for the other placeholders.
 * - Codemods: the report entries (what / why / todo), the marker comments and the token
 *   plumbing notes that `migrate` writes over every codemod fixture and the example app.
 * - CLI: the report printed for those runs, the help text and the usage errors.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { HttpClientKind } from '../../core/clients.js';
import { clientWrappers, httpClients } from '../../core/clients.js';
import { MIGRATION_MARKER } from '../../core/helper-api.js';
import type { ClientRef, TargetAssessment } from '../../analysis/request-analysis.js';
import plugin from '../../rules/index.js';
import { clientLabel, describeModuleExit, describeTarget } from '../../rules/utils/targets.js';
import migrate from '../../codemods/migrate.js';
import { HELP_TEXT, parseCliArgs } from '../../cli/args.js';
import { buildReport, formatReport, type FileOutcome } from '../../cli/report.js';
import { runTransformReports } from '../codemods/run-transform.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

// ── the proofreader ──────────────────────────────────────────────────────────────

const ARTICLE = String.raw`(?:a|an|the)`;
// Not "that": "shows that the target" is a conjunction before an article.
const DETERMINER = String.raw`(?:a|an|the|this|these|those|each|every|any|no)`;
const CLIENT_NAMES = Object.values(httpClients).map((spec) => spec.label.replace(/\s+/gu, String.raw`\s+`)).join('|');

/** What is wrong with one sentence, if anything. Code spans (`…`) are not prose and are skipped. */
export function proofread(sentence: string, options: { table?: boolean } = {}): string[] {
  const problems: string[] = [];
  if (/\{\{|\}\}/u.test(sentence)) problems.push('a {{placeholder}} is left');
  const prose = sentence.replace(/`[^`]*`/gu, '`code`');
  // Quoted code may say `undefined` (`isCloud ? token : undefined`); a code span that is nothing else is a rendered placeholder.
  const rendered = /\bundefined\b|\bnull\b|\bNaN\b|\[object Object\]/u;
  if (rendered.test(prose) || /`(?:undefined|null|NaN|\[object Object\])`/u.test(sentence)) problems.push('a placeholder rendered as undefined/null/NaN/[object Object]');
  // `()` after a name is a call (`oauthClientFromEnv()`), not an empty placeholder.
  const stray = options.table === true ? /(?<![\w$])\(\s*\)|\(\s*,|,\s*\)|\s;|(?<![+-])\s\)|:\s*\)/u : /(?<![\w$])\(\s*\)|\(\s*,|,\s*\)|\s,|\s;|\s\)|:\s*\)|\s\.(?=\s|$)/u;
  if (stray.test(prose)) problems.push('an empty placeholder (empty parentheses or a stray comma/period)');
  // Report tables align columns with runs of spaces; in prose two spaces mean an empty placeholder.
  if (options.table !== true && /\S {2,}\S/u.test(prose.trim())) problems.push('two spaces in a row (an empty placeholder?)');
  const doubled = new RegExp(String.raw`\b${DETERMINER}\s+${ARTICLE}\b`, 'iu').exec(prose);
  if (doubled) problems.push(`a doubled article: "${doubled[0]}"`);
  const aBeforeVowel = /\ba\s+(?:[aeio]\w*|un(?!i)\w*|http\b)/iu.exec(prose);
  if (aBeforeVowel) problems.push(`"a" before a vowel sound: "${aBeforeVowel[0]}"`);
  const anBeforeConsonant = /\ban\s+(?![aeiouxh]|HTTP|SSO|OAuth|URL|x-)[a-z]\w*/iu.exec(prose);
  if (anBeforeConsonant) problems.push(`"an" before a consonant sound: "${anBeforeConsonant[0]}"`);
  // After a preposition a singular "<client> instance" needs its article ("sent by an axios
  // instance"); a terse label may start without one ("axios instance without credentials → …").
  const bareInstance = new RegExp(String.raw`\b(?:by|to|through|with|from|on|of|for|in)\s+(?:${CLIENT_NAMES})\s+instance\b`, 'iu').exec(prose);
  if (bareInstance) problems.push(`a missing article: "${bareInstance[0]}"`);
  return problems;
}

/** CLI flags a sentence names (`--include-unsure`), and jscodeshift options after "jscodeshift:". */
function flagsIn(sentence: string): { cli: string[]; jscodeshift: string[] } {
  const jscodeshift = [...sentence.matchAll(/jscodeshift:\s*--([A-Za-z][\w-]*)/gu)].map((match) => match[1] ?? '');
  const cli = [...sentence.matchAll(/(?<![\w-])--([a-z][a-z-]*[a-z])\b/gu)].map((match) => match[1] ?? '').filter((flag) => !jscodeshift.includes(flag));
  return { cli, jscodeshift };
}

/** The transform options jscodeshift passes through as flags (codemods/report.ts TransformOptions, minus the in-process reporter). */
const JSCODESHIFT_OPTIONS = new Set(['helperModule', 'helperExport', 'clientExport', 'includeUnsure', 'tsconfig', 'parser']);

function expectClean(sentences: Iterable<{ where: string; text: string }>, options: { table?: boolean } = {}): void {
  const problems: string[] = [];
  for (const { where, text } of sentences) {
    for (const problem of proofread(text, options)) problems.push(`${where}: ${problem}\n    ${text}`);
    // A usage error quoting the unknown flag the user typed names it on purpose.
    const { cli, jscodeshift } = /^unknown option/u.test(text) ? { cli: [], jscodeshift: [] } : flagsIn(text);
    const accepted = (flag: string): boolean => ['x', '1'].some((value) => parseCliArgs(['migrate', `--${flag}`, value, 'src']).kind !== 'usage-error') || parseCliArgs(['migrate', `--${flag}`, 'src']).kind !== 'usage-error';
    for (const flag of cli) if (!accepted(flag)) problems.push(`${where}: names --${flag}, which the CLI does not accept\n    ${text}`);
    for (const option of jscodeshift) if (!JSCODESHIFT_OPTIONS.has(option)) problems.push(`${where}: names the jscodeshift option --${option}, which the transforms do not read\n    ${text}`);
  }
  expect(problems).toEqual([]);
}

describe('the proofreader', () => {
  it.each([
    ['This an axios instance request sends no OAuth authorization', 'a doubled article: "This an"'],
    ['The x-token header is sent by a the client', 'a doubled article: "a the"'],
    ['sent by {{client}}', 'a {{placeholder}} is left'],
    ['the target is likely Cloud Automation (Keptn endpoint )', 'an empty placeholder (empty parentheses or a stray comma/period)'],
    ['is sent by undefined', 'a placeholder rendered as undefined/null/NaN/[object Object]'],
    ['the header is sent only when `undefined`', 'a placeholder rendered as undefined/null/NaN/[object Object]'],
    ['is sent by axios instance', 'a missing article: "by axios instance"'],
    ['a axios instance', '"a" before a vowel sound: "a axios"'],
  ])('catches %j', (sentence, problem) => {
    expect(proofread(sentence)).toContain(problem);
  });

  it.each(['This request, sent by an axios instance, carries no OAuth authorization.', 'the header is sent only when `isCloud ? token : undefined` holds', 'an x-token header', 'a got instance', 'a user', 'an HTTP client'])('passes %j', (sentence) => {
    expect(proofread(sentence)).toEqual([]);
  });

  it('finds flags, and tells CLI flags from jscodeshift options', () => {
    expect(flagsIn('run migrate with --include-unsure (jscodeshift: --includeUnsure)')).toEqual({ cli: ['include-unsure'], jscodeshift: ['includeUnsure'] });
  });
});

// ── the lint messages ────────────────────────────────────────────────────────────

const CONFIDENCES = ['certain', 'likely', 'possible', 'unknown'] as const;
const EVIDENCE = [undefined, 'keptn-path', 'generic-path', 'host'] as const;

/** Every description a target can get: each confidence with and without a host, a path, Keptn names, a Keptn event body. */
function targetDescriptions(): string[] {
  const descriptions = new Set<string>();
  for (const confidence of CONFIDENCES) {
    for (const evidence of EVIDENCE) {
      for (const host of [undefined, 'abc12345.cloudautomation.live.dynatrace.com']) {
        for (const keptnNames of [[], ['KEPTN_API_URL'], ['KEPTN_API_URL', 'KEPTN_API_TOKEN', 'keptnToken']]) {
          for (const keptnEvent of [undefined, 'sh.keptn.event.evaluation.triggered']) {
            const url = evidence === undefined ? undefined : { evidence, displayPath: '/controlPlane/v1/project' };
            const target = { confidence, url, urlText: undefined, host, keptnNames, method: 'GET', ...(keptnEvent === undefined ? {} : { keptnEvent }) } as unknown as TargetAssessment;
            descriptions.add(describeTarget(target));
          }
        }
      }
    }
  }
  return [...descriptions];
}

function clientLabels(): string[] {
  return (Object.keys(httpClients) as HttpClientKind[]).flatMap((kind) =>
    // Instances exist for the clients that make them (axios.create, got.extend, ky.create).
    (['axios', 'got', 'ky'].includes(kind) ? [false, true] : [false]).map((isInstance) => clientLabel({ kind, isInstance, defaults: [] } as unknown as ClientRef)),
  );
}

/** Values a placeholder is given, as the rules build them. A placeholder missing here fails the test. */
const SAMPLES: Readonly<Record<string, readonly string[]>> = {
  // A call no client spec describes is named by its callee (analysis/findings.ts callLabel), also where its host is another service's.
  client: [...clientLabels(), '`new GraphQLClient(…)`'],
  call: ['`this.fetchApi.fetch(…)`', '`new GraphQLClient(…)`', '`…veryLongServiceLocatorName.keptn.http.post(…)`'],
  target: targetDescriptions(),
  exit: [
    ...(['returned', 'exported'] as const).flatMap((kind) => ['keptnHeaders', 'default', undefined].map((name) => describeModuleExit({ kind, name }))),
    ...['HttpModule.register', 'HttpModule.registerAsync'].map((name) => describeModuleExit({ kind: 'registered', name, wrapper: clientWrappers[0] })),
  ],
  confidence: [...CONFIDENCES],
  // TargetAssessment.elsewhere, as analysis/request-analysis.ts and analysis/findings.ts write it.
  elsewhere: [
    'its host http://localhost:* is written out and is no Cloud Automation host',
    'its host keptn is written out and is no Cloud Automation host',
    'the token is read from a response header on line 12: a session token of the service that sent it, not a Cloud Automation API token',
    'the instance sends it with its request on line 30 too, and its host https://tracker.example.com is written out and is no Cloud Automation host',
  ],
  // analysis/findings.ts describeHeldBack: the request that holds a shared header back.
  heldBack: [
    'the same header is also sent by another request on line 16, and its host https://hooks.slack.com is written out and is no Cloud Automation host',
    'the same header is also sent by another request on line 9 (to */v1/metadata), and nothing shows that it goes to Cloud Automation (possible target)',
    'the same header is also sent by another request on line 21, and nothing shows that it goes to Cloud Automation (unknown target)',
  ],
  // analysis/findings.ts builderTarget: where the surest request of a builder's callers is (HeldBack.surestWhere).
  where: ['packages/deploy/src/deploy.ts:11', 'another module'],
  // XTokenFinding.forwardedFrom: where the caller's token is read, here or in a module that passes it in.
  readAt: ['on line 12', 'in routes.ts:12'],
  // analysis/request-analysis.ts describeCallersAway: a wrapper's calls that pass another service's host (TargetAssessment.callersElsewhere).
  callers: [
    'its call on line 20 passes the host https://flags.internal.acme.io, written out and no Cloud Automation host',
    'its calls at flags.js:12 (https://flags.internal.acme.io), on line 30 (http://localhost:8080) pass hosts written out that are no Cloud Automation host',
  ],
  kind: ['OAuth client secret', 'token'],
  redacted: ['dt0s02.ABCDEFGH.…'],
  envVar: ['DT_CLIENT_SECRET'],
  length: ['45'],
  name: ['KEPTN_API_TOKEN', 'keptnApiToken'],
  helper: ['createOAuthClient'],
  fromEnv: ['oauthClientFromEnv'],
  path: ['/api/v1/auth', '/{…}/v1/auth'],
  replacement: ['GET /api/v1/metadata'],
  scope: ['cloudautomation:events:read', 'events:read', 'cloudautomation:event:read'],
  example: ['cloudautomation:events:read'],
  nearest: ['cloudautomation:events:read'],
  prefix: ['cloudautomation:'],
  prefixed: ['cloudautomation:events:read'],
  needed: ['cloudautomation:events:write', 'cloudautomation:events:write, cloudautomation:projects:read'],
};

function render(template: string, data: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*(\w+)\s*\}\}/gu, (_, name: string) => data[name] ?? `{{${name}}}`);
}

/** Every combination of the placeholders' sample values (one placeholder varied at a time, the rest at their first value). */
function renderings(template: string): string[] {
  const names = [...new Set([...template.matchAll(/\{\{\s*(\w+)\s*\}\}/gu)].map((match) => match[1] ?? ''))];
  const base = Object.fromEntries(names.map((name) => [name, SAMPLES[name]?.[0] ?? `{{${name}}}`]));
  const out = new Set([render(template, base)]);
  for (const name of names) for (const value of SAMPLES[name] ?? []) out.add(render(template, { ...base, [name]: value }));
  return [...out];
}

describe('lint messages', () => {
  const rules = Object.entries((plugin as { rules: Record<string, { meta: { messages?: Record<string, string> } }> }).rules);

  it('every placeholder of every message has sample data here', () => {
    const missing = rules.flatMap(([rule, { meta }]) =>
      Object.entries(meta.messages ?? {}).flatMap(([id, template]) =>
        [...template.matchAll(/\{\{\s*(\w+)\s*\}\}/gu)].map((match) => match[1] ?? '').filter((name) => !(name in SAMPLES)).map((name) => `${rule}.${id}: {{${name}}}`),
      ),
    );
    expect(missing).toEqual([]);
    expect(rules.length).toBeGreaterThanOrEqual(4);
  });

  it('read well with every client and target they are given', () => {
    const sentences = rules.flatMap(([rule, { meta }]) =>
      Object.entries(meta.messages ?? {}).flatMap(([id, template]) => renderings(template).map((text) => ({ where: `${rule}.${id}`, text }))),
    );
    expect(sentences.length).toBeGreaterThan(50);
    expectClean(sentences);
  });
});

// ── what the codemods and the CLI write ────────────────────────────────────────────

function filesUnder(folder: string, pattern: RegExp): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && pattern.test(entry.name))
    .map((entry) => path.join(entry.parentPath, entry.name));
}

const CODEMOD_INPUTS = [
  ...filesUnder(path.join(repoRoot, 'tests/codemods/fixtures'), /\.input\.[cm]?[jt]sx?$/u),
  ...filesUnder(path.join(repoRoot, 'tests/codemods/add-oauth-fixtures'), /\.input\.[cm]?[jt]sx?$/u),
  ...filesUnder(path.join(repoRoot, 'tests/agreement/fixtures'), /\.[cm]?[jt]sx?$/u),
  ...filesUnder(path.join(repoRoot, 'examples/legacy-app/src'), /\.ts$/u),
];

describe('codemod and CLI sentences', () => {
  const outcomes: FileOutcome[] = [];
  const sentences: { where: string; text: string }[] = [];
  for (const file of CODEMOD_INPUTS) {
    const source = readFileSync(file, 'utf8');
    const relative = path.relative(repoRoot, file);
    for (const includeUnsure of [false, true]) {
      const { output, reports } = runTransformReports(file.replace(/\.input(\.\w+)$/u, '$1'), source, { includeUnsure }, migrate);
      outcomes.push({ file: includeUnsure ? `${relative} (--include-unsure)` : relative, status: output === undefined ? 'unchanged' : 'changed', reports: reports });
      for (const report of reports) {
        for (const site of report.migrated) sentences.push({ where: `${relative}:${site.line} migrated`, text: site.what });
        for (const site of report.manual) {
          sentences.push({ where: `${relative}:${site.line} what`, text: site.what }, { where: `${relative}:${site.line} why`, text: site.why }, { where: `${relative}:${site.line} todo`, text: site.todo });
        }
        for (const entry of report.tokenPlumbing ?? []) sentences.push({ where: `${relative}:${entry.line} token`, text: entry.why });
        if (report.error !== undefined) sentences.push({ where: `${relative} error`, text: report.error });
      }
      for (const line of (output ?? '').split('\n')) {
        const at = line.indexOf(MIGRATION_MARKER);
        if (at >= 0) sentences.push({ where: `${relative} marker`, text: line.slice(at + MIGRATION_MARKER.length).replace(/\*\/\s*.*$/u, '').trim() });
      }
    }
  }

  it('the fixtures give the proofreader plenty to read', () => {
    expect(CODEMOD_INPUTS.length).toBeGreaterThan(40);
    expect(sentences.filter((sentence) => sentence.where.endsWith('why')).length).toBeGreaterThan(10);
    expect(sentences.filter((sentence) => sentence.where.endsWith('marker')).length).toBeGreaterThan(5);
  });

  it('report entries, markers and token notes read well', () => {
    expectClean(sentences);
  });

  it('the printed report, the help text and the usage errors read well', () => {
    const printed = formatReport(buildReport({ command: 'migrate', mode: 'write', transforms: ['migrate'], outcomes, skipped: [{ file: 'dist/x.js', reason: 'a build output folder' }] }));
    const dry = formatReport(buildReport({ command: 'migrate', mode: 'dry', transforms: ['migrate'], outcomes: outcomes.slice(0, 10), skipped: [] }));
    const scopes = formatReport(buildReport({ command: 'scopes', mode: 'analyze', transforms: ['migrate'], outcomes, skipped: [] }));
    const usage = [
      [],
      ['nope', 'src'],
      ['migrate'],
      ['migrate', '--cpus', '0', 'src'],
      ['migrate', '--tsconfig', '', 'src'],
      ['scopes', '--dry', 'src'],
      ['migrate', '--progress', '--no-progress', 'src'],
      ['migrate', '--bogus', 'src'],
    ].flatMap((argv) => {
      const parsed = parseCliArgs(argv);
      return parsed.kind === 'usage-error' ? [parsed.message] : [];
    });
    expect(usage.length).toBeGreaterThanOrEqual(7);
    const lines = [...printed.split('\n'), ...dry.split('\n'), ...scopes.split('\n'), ...HELP_TEXT.split('\n'), ...usage]
      .filter((line) => line.trim() !== '')
      .map((text, index) => ({ where: `CLI line ${index + 1}`, text }));
    expectClean(lines, { table: true });
  });
});

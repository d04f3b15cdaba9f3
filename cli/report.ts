/**
 * The migration report: built from what the transforms said about each file, rendered as
 * plain text for a person or as one JSON document for scripts. Pure functions only, so
 * the wording is tested without running a transform.
 */
import type { FileReport, TokenPlumbing } from '../codemods/report.js';
import type { InputDeclaration } from './input-declarations.js';
import { helperEnvVars, HELPER_MODULE, MIGRATION_MARKER, REQUIRED_HELPER_ENV_VARS } from '../core/helper-api.js';
import { TOKEN_CHECK_WHY } from '../core/routes.js';
import type { TargetConfidence } from '../core/evidence.js';
import { ALL_SCOPES, sortScopes } from '../core/scopes.js';
import { formatRuntimeSection, type RuntimeReport } from './runtime-check.js';

export type RunMode = 'write' | 'dry' | 'print' | 'analyze';

export interface FileOutcome {
  /** As the user should read it: relative to where the command ran. */
  readonly file: string;
  readonly status: 'changed' | 'unchanged' | 'failed';
  readonly error?: string;
  readonly reports: readonly FileReport[];
}

export interface ReportInput {
  readonly command: 'migrate' | 'scopes';
  readonly mode: RunMode;
  readonly transforms: readonly string[];
  readonly outcomes: readonly FileOutcome[];
  readonly skipped: readonly { readonly file: string; readonly reason: string }[];
  /** `--helper-module`, when the user named their own. */
  readonly helperModule?: string;
  /** Runtime declarations of the migrated packages (migrate only; see runtime-check.ts). */
  readonly runtime?: RuntimeReport;
  /** Temporary files a killed earlier run left beside these files, removed before writing. */
  readonly removedLeftovers?: readonly string[];
  /** Paths named on the command line inside a tsconfig's outDir, both as shown to the user. */
  readonly namedBuildOutput?: readonly { readonly path: string; readonly tsconfig: string }[];
  /** action.yml / task.json entries of the token inputs the files read, `file` as shown to the user. */
  readonly inputDeclarations?: readonly InputDeclaration[];
}

/** A place the old API token is read or held, with where an input is declared. */
export interface ReportedToken extends TokenPlumbing {
  readonly file: string;
  /** For an action/task input: its entries in action.yml / task.json. */
  readonly declaredIn: readonly { readonly file: string; readonly line: number; readonly required: boolean }[];
}

export interface ReportedCall {
  readonly file: string;
  readonly line: number;
  /** The client the call goes through (`axios`, `fetch (OAuth helper)`). */
  readonly client: string;
  readonly method: string | undefined;
  readonly path: string;
  /** The URL as the code builds it, unknown parts written `{…}`. */
  readonly url: string;
  /** Each method with the path and URL it goes with, when the calls give more than one method (`GET` one path, `POST` another). */
  readonly requests?: readonly { readonly method: string | undefined; readonly path: string; readonly url: string; readonly scopes?: readonly string[] }[];
  /** The code does not show which method goes with which URL: every pairing is counted (an upper bound), and the call is not exact. */
  readonly unpaired?: true;
  /** How many calls of a wrapper the request was read for, one by one, when more than one. */
  readonly callsRead?: number;
  readonly routes: readonly string[];
  readonly scopes: readonly string[];
  /** True when every route the call may take is known. */
  readonly exact: boolean;
  /** When not exact: every scope a route the call could still hit needs (a superset). */
  readonly possibleScopes: readonly string[];
  /**
   * When not exact: the scopes every route the call could hit needs, which it needs whichever it
   * hits (they count towards `required`). Empty when it may also hit no route of the table.
   */
  readonly sureScopes: readonly string[];
  /** When not exact: some URL the call may use matches no route of the table, so no scope is sure. */
  readonly mayHitNoRoute: boolean;
  /** How sure the migration is that the request goes to Cloud Automation (`certain` … `unknown`), when the transform said. */
  readonly target?: TargetConfidence;
  /** What authenticates the request: the old header, the OAuth helper, or (absent) nothing visible. */
  readonly credential?: 'x-token' | 'oauth-helper';
  /** Why the code shows the request goes to another service, when it does (listed apart, never counted). */
  readonly elsewhere?: string;
}

export interface ReportedSite {
  readonly file: string;
  readonly line: number;
  readonly column: number;
  readonly transform: string;
}

export interface MigrationReport {
  readonly command: 'migrate' | 'scopes';
  readonly mode: RunMode;
  readonly transforms: readonly string[];
  readonly files: {
    readonly changed: readonly string[];
    readonly unchanged: readonly string[];
    readonly skipped: readonly { readonly file: string; readonly reason: string }[];
    readonly failed: readonly { readonly file: string; readonly message: string }[];
    /** Temporary files of a killed earlier run, removed (the files they belonged to were intact). */
    readonly removedLeftovers: readonly string[];
    /** Paths named on the command line inside a tsconfig's outDir: read as asked, but the next build rewrites them. */
    readonly namedBuildOutput: readonly { readonly path: string; readonly tsconfig: string }[];
  };
  readonly migrated: readonly (ReportedSite & { readonly client: string; readonly what: string })[];
  /** `marked`: a marker comment stands above the site (false: the site is only listed here). */
  readonly manual: readonly (ReportedSite & { readonly what: string; readonly why: string; readonly todo: string; readonly marked?: boolean; readonly markedNow?: boolean })[];
  readonly scopes: {
    /**
     * True only when every file was read and every Cloud Automation call found has a known route:
     * `required` is then exactly what the code needs. False: `required` is a lower bound, `unknown`
     * lists the calls whose route is not known and `fallback` is a superset that covers them, and
     * every scope when a file was not read (`unread`). Either way the requests in `notCounted` are
     * left out.
     */
    readonly exact: boolean;
    /** Files in `files.failed`: any Cloud Automation call in them is not counted. */
    readonly unread: number;
    /**
     * The scopes the code surely needs, `cloudautomation:` prefixed, in vocabulary order: those of
     * the calls with known routes, and those every route an unknown call could hit needs.
     */
    readonly required: readonly string[];
    /** Empty when exact; otherwise `required` plus every scope an unknown call could need. */
    readonly fallback: readonly string[];
    /** The calls whose route is not known: where they are, their client and the URL shape that could be read. */
    readonly unknown: readonly ReportedCall[];
    readonly calls: readonly ReportedCall[];
    /**
     * Requests that send x-token (or show a sign of Keptn) with nothing showing that they go to
     * Cloud Automation, by the measure the migration uses (which leaves them for a person): no
     * scope above counts them. If one does go there, its scopes may be missing.
     */
    readonly notCounted: readonly ReportedCall[];
    /** For each required scope, the calls that need it (`file:line METHOD path`; an unknown call's with `(whichever route it hits)`). */
    readonly neededBy: Readonly<Record<string, readonly string[]>>;
  };
  readonly env: {
    /** Variables the helper reads, with what to put there (the plain value: the text report quotes it for a shell). */
    readonly set: readonly { readonly name: string; readonly value: string; readonly note: string }[];
    /** Old token variables no migrated file reads any more. */
    readonly retire: readonly string[];
    /** Old token variables some file still reads, and which files. */
    readonly stillRead: readonly { readonly name: string; readonly files: readonly string[] }[];
  };
  /**
   * The old API token in the code: `retire` lists what nothing sends any more after the migration
   * (env reads, action/task inputs and their action.yml/task.json entries, variables, parameters),
   * `keep` what something still sends. An env var or input counts as one: it is kept when any read
   * of it anywhere is kept, and then all its reads are listed under `keep`.
   */
  readonly tokens: { readonly retire: readonly ReportedToken[]; readonly keep: readonly ReportedToken[] };
  /** Declarations that run migrated code on a Node too old for the helper; absent for `scopes`. */
  readonly runtime?: RuntimeReport;
  readonly exitCode: 0 | 1;
}

export function buildReport(input: ReportInput): MigrationReport {
  const changed: string[] = [];
  const unchanged: string[] = [];
  const failed: { file: string; message: string }[] = [];
  const migrated: MigrationReport['migrated'][number][] = [];
  const manual: MigrationReport['manual'][number][] = [];
  const calls: ReportedCall[] = [];
  const notCounted: ReportedCall[] = [];
  const tokenVarsRead = new Map<string, Set<string>>();
  const retiredSomewhere = new Set<string>();
  const seenCalls = new Set<string>();

  for (const outcome of input.outcomes) {
    if (outcome.status === 'failed') {
      failed.push({ file: outcome.file, message: outcome.error ?? 'failed' });
      continue;
    }
    (outcome.status === 'changed' ? changed : unchanged).push(outcome.file);
    for (const report of outcome.reports) {
      const at = { file: outcome.file, transform: report.transform };
      for (const site of report.migrated) migrated.push({ ...at, ...site });
      for (const site of report.manual) manual.push({ ...at, ...site });
      for (const use of report.routes) {
        // Two transforms on one file may both see the same call; it needs its scopes once.
        const key = `${outcome.file}\u0000${use.line}\u0000${use.column ?? 0}\u0000${use.method ?? ''}\u0000${use.displayPath}`;
        if (seenCalls.has(key)) continue;
        seenCalls.add(key);
        (use.counted === false ? notCounted : calls).push({
          file: outcome.file,
          line: use.line,
          client: use.client ?? 'unknown client',
          method: use.method,
          path: use.displayPath,
          url: use.url ?? use.displayPath,
          ...(use.requests === undefined ? {} : { requests: use.requests.map(({ method, displayPath, url, scopes }) => ({ method, path: displayPath, url, ...(scopes === undefined ? {} : { scopes }) })) }),
          ...(use.unpaired === true ? { unpaired: true as const } : {}),
          ...(use.callsRead === undefined ? {} : { callsRead: use.callsRead }),
          routes: use.routes,
          scopes: sortScopes(use.scopes),
          exact: use.exact,
          possibleScopes: use.exact ? [] : sortScopes(use.possibleScopes ?? ALL_SCOPES),
          sureScopes: use.exact ? [] : sortScopes(use.sureScopes ?? []),
          mayHitNoRoute: !use.exact && use.mayHitNoRoute === true,
          ...(use.target === undefined ? {} : { target: use.target }),
          ...(use.credential === undefined ? {} : { credential: use.credential }),
          ...(use.elsewhere === undefined ? {} : { elsewhere: use.elsewhere }),
        });
      }
      const retired = new Set(report.retiredEnvVars);
      for (const name of report.tokenEnvVars) {
        if (retired.has(name)) retiredSomewhere.add(name);
        else (tokenVarsRead.get(name) ?? tokenVarsRead.set(name, new Set()).get(name))?.add(outcome.file);
      }
    }
  }
  const byPosition = <T extends { file: string; line: number }>(a: T, b: T): number =>
    a.file.localeCompare(b.file) || a.line - b.line;
  migrated.sort(byPosition);
  manual.sort(byPosition);
  calls.sort(byPosition);
  notCounted.sort(byPosition);

  const scopes = scopeSummary(calls, notCounted, failed.length);
  const touchesCloudAutomation = migrated.length > 0 || calls.length > 0 || manual.length > 0;
  const env: MigrationReport['env'] = {
    set: input.command === 'migrate' && touchesCloudAutomation ? envToSet(scopes) : [],
    retire: [...retiredSomewhere].filter((name) => !tokenVarsRead.has(name)).sort(),
    stillRead: [...tokenVarsRead].map(([name, files]) => ({ name, files: [...files].sort() })).sort((a, b) => a.name.localeCompare(b.name)),
  };
  const tokens = tokenLists(input.outcomes, input.inputDeclarations ?? []);
  const leftForPerson = input.command === 'migrate' && manual.length > 0;
  return {
    command: input.command,
    mode: input.mode,
    transforms: input.transforms,
    files: { changed, unchanged, skipped: input.skipped, failed, removedLeftovers: input.removedLeftovers ?? [], namedBuildOutput: input.namedBuildOutput ?? [] },
    migrated,
    manual,
    scopes,
    env,
    tokens,
    ...(input.runtime === undefined ? {} : { runtime: input.runtime }),
    // A migrated package that cannot run the helper is left for a person as much as a marked site.
    exitCode: failed.length > 0 || leftForPerson || (input.runtime?.warnings.length ?? 0) > 0 ? 1 : 0,
  };
}

function tokenLists(outcomes: readonly FileOutcome[], declarations: readonly InputDeclaration[]): MigrationReport['tokens'] {
  const entries: ReportedToken[] = [];
  for (const outcome of outcomes) {
    if (outcome.status === 'failed') continue;
    const seen = new Set<string>();
    for (const report of outcome.reports) {
      for (const entry of report.tokenPlumbing ?? []) {
        const key = `${entry.kind}\u0000${entry.name}\u0000${entry.line}\u0000${entry.column}`;
        if (seen.has(key)) continue;
        seen.add(key);
        const declaredIn = declarations
          .filter((declaration) => declaration.kind === entry.kind && declaration.name.toLowerCase() === entry.name.toLowerCase())
          .map(({ file, line, required }) => ({ file, line, required }));
        entries.push({ ...entry, file: outcome.file, declaredIn });
      }
    }
  }
  // An env var or input is configured once for every reader: kept if any reader still sends it.
  const shared = (entry: ReportedToken): string | undefined => (entry.kind === 'variable' || entry.kind === 'parameter' || entry.kind === 'function' || entry.kind === 'field' ? undefined : `${entry.kind}\u0000${entry.name.toLowerCase()}`);
  const order = (a: ReportedToken, b: ReportedToken): number => a.file.localeCompare(b.file) || a.line - b.line || a.column - b.column;
  // The first read that still sends each shared name, to name it on the reads kept only because of it.
  const senders = new Map<string, ReportedToken>();
  for (const entry of [...entries].sort(order)) {
    const key = shared(entry);
    if (entry.fate === 'keep' && key !== undefined && !senders.has(key)) senders.set(key, entry);
  }
  const retire: ReportedToken[] = [];
  const keep: ReportedToken[] = [];
  for (const entry of entries) {
    const sender = entry.fate === 'retire' ? senders.get(shared(entry) ?? '') : undefined;
    if (entry.fate === 'keep') keep.push(entry);
    else if (sender) keep.push({ ...entry, fate: 'keep', why: `${entry.why}, but ${sender.file}:${sender.line} still sends or passes on ${sender.name}` });
    else retire.push(entry);
  }
  return { retire: retire.sort(order), keep: keep.sort(order) };
}

const tokenKindLabels: Record<TokenPlumbing['kind'], string> = {
  'env-var': 'env var',
  'action-input': 'action input',
  'task-input': 'task input',
  'service-connection': 'service connection parameter',
  variable: 'variable',
  parameter: 'parameter',
  function: 'function',
  field: 'class field',
};

/** One line per place: what, where, why, and for an input where it is declared. */
function tokenLine(verb: 'retire' | 'keep', entry: ReportedToken): string[] {
  const what = `${tokenKindLabels[entry.kind]} ${entry.name}${entry.connection === undefined ? '' : ` of ${entry.connection}`}`;
  const lines = [`  ${verb.padEnd(7)} ${what.padEnd(40)} ${entry.file}:${entry.line}  ${entry.why}${entry.required === true ? ' (read as required)' : ''}`];
  for (const declaration of entry.declaredIn) {
    const required = declaration.required ? ', required: true' : '';
    lines.push(`          ${''.padEnd(40)} declared in ${declaration.file}:${declaration.line}${required}${verb === 'retire' ? '; delete it there' : ''}`);
  }
  return lines;
}

/**
 * A call that needs `scope`: where it is, with the method and path of each of its ways that pins a
 * route needing it (a wrapper's GET caller is not named under the scope its POST caller needs);
 * every way when none pins one alone, as for a call whose route is unknown.
 */
function callLabel(call: ReportedCall, scope: string): string {
  const needing = call.unpaired === true ? undefined : call.requests?.filter((way) => way.scopes?.includes(scope) === true);
  const ways = needing !== undefined && needing.length > 0 ? needing : undefined;
  if (call.exact || ways) return `${call.file}:${call.line} ${methodsWith(call, 'path', ways)}`;
  return `${call.file}:${call.line} ${methodsWith(call, 'url')} (${call.callsRead === undefined ? 'whichever route it hits' : 'some call of it, whichever route that call hits'})`;
}

/** The method before the path or URL; each method before its own when the calls give several (`GET /a | POST /b`). */
function methodsWith(call: ReportedCall, what: 'path' | 'url', only?: ReportedCall['requests']): string {
  const ways = only ?? call.requests ?? [{ method: call.method, path: call.path, url: call.url }];
  return ways.map((way) => `${way.method ?? '(method unknown)'} ${way[what]}`).join(' | ');
}

/**
 * The least scopes the calls need. A call whose every route is known counts with its scopes; a
 * call whose route is not known counts with the scopes every route it could hit needs (none when
 * it may hit no route of the table), is listed, and the fallback covers every route it could
 * still hit, so granting the fallback never leaves a call without its scope.
 */
function scopeSummary(calls: readonly ReportedCall[], notCounted: readonly ReportedCall[], unread: number): MigrationReport['scopes'] {
  const neededBy = new Map<string, string[]>();
  const unknown = calls.filter((call) => !call.exact);
  for (const call of calls) {
    for (const scope of call.exact ? call.scopes : call.sureScopes) (neededBy.get(scope) ?? neededBy.set(scope, []).get(scope))?.push(callLabel(call, scope));
  }
  const required = sortScopes(neededBy.keys());
  // A file that was not read may call any route, so only every scope covers it.
  const fallback = unread > 0 ? sortScopes(ALL_SCOPES) : unknown.length === 0 ? [] : sortScopes([...required, ...unknown.flatMap((call) => call.possibleScopes)]);
  return {
    exact: unknown.length === 0 && unread === 0,
    unread,
    required,
    fallback,
    unknown,
    calls,
    notCounted,
    neededBy: Object.fromEntries(required.map((scope) => [scope, neededBy.get(scope) ?? []])),
  };
}

function envToSet({ required, exact, unknown, unread }: MigrationReport['scopes']): MigrationReport['env']['set'] {
  const notes: Record<string, [string, string]> = {
    [helperEnvVars.clientId]: ['dt0s02.XXXXXXXX', 'the OAuth client id from Account Management'],
    [helperEnvVars.clientSecret]: ['dt0s02.XXXXXXXX.<secret>', 'from your secret store; never commit it'],
    [helperEnvVars.accountUrn]: ['urn:dtaccount:<account-uuid>', 'the Dynatrace account the client belongs to'],
  };
  const set = REQUIRED_HELPER_ENV_VARS.map((name) => {
    const [value, note] = notes[name] ?? ['…', ''];
    return { name, value, note };
  });
  if (required.length > 0) {
    const missing = [...(unknown.length > 0 ? ['the calls with unknown routes'] : []), ...(unread > 0 ? ['the failed files'] : [])].join(' and ');
    const note = exact
      ? "the scopes above; unset, the helper asks for Dynatrace's typical set"
      : `the lower bound above: add what ${missing} need (at most the fallback above)`;
    set.push({ name: helperEnvVars.scopes, value: required.join(' '), note });
  }
  set.push({ name: helperEnvVars.tokenUrl, value: 'https://sso.dynatrace.com/sso/oauth2/token', note: 'optional: only for sprint/dev SSO' });
  return set;
}

const modeTitles: Record<RunMode, string> = {
  write: 'Cloud Automation migration',
  dry: 'Cloud Automation migration, dry run: nothing was written',
  print: 'Cloud Automation migration, print mode: nothing was written',
  analyze: 'Cloud Automation OAuth scopes (nothing was changed)',
};

/** The report as a person reads it at the end of a run. */
export function formatReport(report: MigrationReport, input: { readonly helperModule?: string } = {}): string {
  const lines: string[] = [];
  const { files } = report;
  lines.push(modeTitles[report.mode], '');
  const changedVerb = report.mode === 'write' ? 'changed' : 'would change';
  if (report.mode === 'analyze') {
    const read = files.changed.length + files.unchanged.length;
    const pending = files.changed.length > 0 ? ` (${files.changed.length} still with calls \`migrate\` would rewrite)` : '';
    lines.push(`Files: ${read} read${pending}, ${files.skipped.length} skipped, ${files.failed.length} failed to parse`);
  } else {
    lines.push(
      `Files: ${files.changed.length} ${changedVerb}, ${files.unchanged.length} unchanged, ${files.skipped.length} skipped, ${files.failed.length} failed to parse or transform`,
    );
  }
  if (report.command === 'migrate') {
    for (const file of files.changed) {
      const changes = report.migrated.filter((site) => site.file === file).map((site) => `${site.what} (line ${site.line})`);
      // A file may change only by the markers this run writes: say so, rather than nothing.
      const marked = report.manual.filter((site) => site.file === file && site.markedNow === true).map((site) => site.line);
      if (marked.length > 0) changes.push(`marked for a person: ${plural(marked.length, 'site')} (${marked.length === 1 ? 'line' : 'lines'} ${[...new Set(marked)].join(', ')})`);
      lines.push(`  ${changedVerb === 'changed' ? 'changed' : 'would change'}  ${file}${changes.length > 0 ? `: ${changes.join('; ')}` : ''}`);
    }
  }
  for (const { file, reason } of files.skipped) lines.push(`  skipped  ${file}: ${reason}`);
  for (const { file, message } of files.failed) lines.push(`  failed   ${file}: ${message}`);
  for (const file of files.removedLeftovers) lines.push(`  removed  ${file}: a temporary file an interrupted run left behind (its file was intact)`);
  for (const { path, tsconfig } of files.namedBuildOutput) {
    lines.push(`  note     ${path} is in the outDir of ${tsconfig}: the next build rewrites it from the sources, so migrate those too`);
  }

  if (report.command === 'migrate') {
    lines.push('');
    if (report.manual.length === 0) {
      lines.push('Left for you: nothing.');
    } else {
      lines.push(leftForYouHeading(report));
      for (const site of report.manual) {
        lines.push(`  ${site.file}:${site.line}:${site.column}  ${site.what}${site.marked === false ? ' (listed here only, no marker)' : ''}`, `    why:  ${site.why}`, `    todo: ${site.todo}`);
      }
    }
  }

  lines.push('');
  lines.push(...formatScopes(report.scopes));
  // What a file that failed says was never read: no claim below may cover it.
  const unread = report.files.failed.length === 0 ? '' : ` (of the files read: ${plural(report.files.failed.length, 'file')} failed, above)`;

  // `scopes` changes nothing: what it says of the old token is what `migrate` would leave.
  const once = report.mode === 'analyze' ? ', once `migrate` has run' : '';
  if (report.env.set.length > 0 || report.env.retire.length > 0 || report.env.stillRead.length > 0) {
    lines.push('', `Environment${once}:`);
    for (const { name, value, note } of report.env.set) {
      const assignment = `${name}=${shellValue(value)}`;
      if (assignment.length <= 48) lines.push(`  set     ${assignment.padEnd(48)} ${note}`);
      else lines.push(`  set     ${assignment}`, `          ${''.padEnd(48)} ${note}`);
    }
    for (const name of report.env.retire) lines.push(`  retire  ${name.padEnd(48)} no migrated file sends it any more${unread}`);
    for (const { name, files: readers } of report.env.stillRead) {
      lines.push(`  keep    ${name.padEnd(48)} still read by ${readers.join(', ')}`);
    }
  }

  if (report.tokens.retire.length > 0 || report.tokens.keep.length > 0) {
    lines.push('', `The old API token in the code${once}${unread} (retire: nothing sends it any more; keep: something still does):`);
    for (const entry of report.tokens.retire) lines.push(...tokenLine('retire', entry));
    for (const entry of report.tokens.keep) lines.push(...tokenLine('keep', entry));
  }

  lines.push(...formatRuntimeSection(report.runtime, input.helperModule ?? HELPER_MODULE));

  if (report.command === 'migrate' && report.migrated.length > 0) {
    const helper = input.helperModule ?? HELPER_MODULE;
    lines.push('', `Next: ${helper === HELPER_MODULE ? `npm install ${HELPER_MODULE}` : `make sure ${helper} is installed`}, set the variables above, and run your tests.`);
  }
  return `${lines.map(printable).join('\n')}\n`;
}

/** How many sites are left, and how many of them carry (or, in a dry run, would carry) a marker. */
function leftForYouHeading(report: MigrationReport): string {
  const total = report.manual.length;
  const marked = report.manual.filter((site) => site.marked !== false).length;
  const marker = `a // ${MIGRATION_MARKER} comment`;
  const verb = report.mode === 'write' ? 'marked' : 'to be marked';
  if (marked === total) return `Left for you (${total}), each ${verb} with ${marker}:`;
  if (marked === 0) return `Left for you (${total}), listed here only (no marker in the code):`;
  return `Left for you (${total}): ${marked} ${verb} with ${marker}, ${total - marked} listed here only:`;
}

/** The scope section: exact scopes, or a lower bound, the calls whose route is unknown and a fallback that covers them; then the requests not counted. */
function formatScopes(scopes: MigrationReport['scopes']): string[] {
  return [...countedScopes(scopes), ...notCountedLines(scopes.notCounted)];
}

function countedScopes(scopes: MigrationReport['scopes']): string[] {
  const lines: string[] = [];
  const unread = `${plural(scopes.unread, 'file')} failed to parse or transform (above), and any Cloud Automation call in ${scopes.unread === 1 ? 'it' : 'them'} is not counted.`;
  if (scopes.calls.length === 0) {
    if (scopes.unread > 0) return ['OAuth scopes: no Cloud Automation call found in the files read.', `  ${unread} Fix ${scopes.unread === 1 ? 'it' : 'them'} and run again to learn what ${scopes.unread === 1 ? 'it needs' : 'they need'}.`];
    return [scopes.notCounted.length === 0 ? 'OAuth scopes: no Cloud Automation call found, so none needed.' : 'OAuth scopes: no request is shown to go to Cloud Automation, so none are counted.'];
  }
  const known = scopes.calls.length - scopes.unknown.length;
  if (scopes.exact && scopes.required.length === 0) {
    // Only routes no scope covers (the token check is the one): "exactly these:" would list nothing.
    return [`OAuth scopes the code needs: none. Every Cloud Automation call's route is known (${plural(scopes.calls.length, 'call')}), and no OAuth scope covers any of them: ${TOKEN_CHECK_WHY}.`];
  }
  if (scopes.exact) {
    lines.push(`OAuth scopes the code needs: exact, every Cloud Automation call's route is known (${plural(scopes.calls.length, 'call')}). Create the OAuth client with exactly these:`);
  } else {
    const sure = scopes.unknown.filter((call) => call.sureScopes.length > 0).length;
    const knownNeed = scopes.calls.some((call) => call.exact && call.scopes.length > 0);
    const reasons = [
      ...(knownNeed ? [known === 1 ? 'the 1 call with a known route needs' : `the ${known} calls with known routes need`] : []),
      ...(sure > 0 ? [sure === 1 ? '1 call with an unknown route needs whichever route it hits' : `${sure} calls with unknown routes need whichever route they hit`] : []),
    ];
    const unknownRoutes =
      scopes.unknown.length === 0
        ? []
        : [`${plural(scopes.unknown.length, 'Cloud Automation call')} of ${scopes.calls.length} ${scopes.unknown.length === 1 ? 'has a route' : 'have routes'} that cannot be read from the code (listed below${scopes.unknown.some((call) => call.unpaired === true) ? '; for some, the code does not show which method goes with which URL' : ''}).`];
    lines.push(
      `OAuth scopes: not exact. ${[...unknownRoutes, ...(scopes.unread > 0 ? [unread] : [])].join(' ')}`,
      scopes.required.length > 0
        ? `At least these, which ${reasons.join(' and ')}:`
        : known === 0
          ? 'No call has a known route, and no scope is needed by every route an unknown call could hit, so there is no lower bound.'
          : `No scope is sure: the calls with known routes need none${scopes.unknown.length > 0 ? ', and no scope is needed by every route an unknown call could hit' : ''}.`,
    );
  }
  if (scopes.required.length > 0) {
    lines.push(`  ${scopes.required.join(' ')}`, '', '  scope                                    needed by');
    for (const scope of scopes.required) {
      const users = scopes.neededBy[scope] ?? [];
      users.forEach((user, index) => lines.push(`  ${(index === 0 ? scope : '').padEnd(40)} ${user}`));
    }
  }
  if (scopes.unknown.length > 0) {
    lines.push('', 'Calls whose route is unknown:');
    for (const call of scopes.unknown) lines.push(`  ${callHead(call)}; ${scopeNeeds(call)}`);
  }
  if (scopes.unread > 0) {
    lines.push(
      '',
      `Fallback (not exact: every scope, since a file that was not read may call any route${scopes.unknown.length > 0 ? ', which also covers the calls above' : ''}):`,
      `  ${scopes.fallback.join(' ')}`,
      `  Fix the failed ${scopes.unread === 1 ? 'file' : 'files'} and run again for the scopes ${scopes.unread === 1 ? 'it needs' : 'they need'}; grant the fallback only if you cannot.`,
    );
  } else if (!scopes.exact) {
    lines.push(
      '',
      'Fallback (not exact: a superset that covers every route the calls above could hit):',
      `  ${scopes.fallback.join(' ')}`,
      '  Grant the lower bound plus what those calls really use; the fallback only if you cannot tell.',
    );
  }
  return lines;
}

/** Where a call is, its client, method and URL, and the routes it is known to hit. */
function callHead(call: ReportedCall): string {
  const pinned = call.routes.length > 0 ? `; ${call.exact ? 'hits' : 'may hit'} ${call.routes.join(' or ')}` : '';
  const unpaired = call.unpaired === true ? '; the code does not show which method goes with which URL, so each is taken with each (an upper bound)' : '';
  return `${call.file}:${call.line}  ${call.client}  ${methodsWith(call, 'url')}${pinned}${unpaired}`;
}

/** What a call needs, named: for an unknown route, what it needs whichever route it hits and what it could need. */
function scopeNeeds(call: ReportedCall): string {
  if (call.exact) return call.scopes.length === 0 ? 'needs no scope' : `needs ${call.scopes.join(' ')}`;
  const could = call.possibleScopes.length === ALL_SCOPES.length ? `could need any of the ${ALL_SCOPES.length} scopes` : `could need ${plural(call.possibleScopes.length, 'scope')}: ${call.possibleScopes.join(' ')}`;
  if (call.sureScopes.length > 0) {
    const onlyThose = call.sureScopes.length === call.possibleScopes.length;
    // A wrapper read once per call: each scope is one some call needs, not one every route needs.
    const which = call.callsRead === undefined ? 'whichever route it hits' : `for its calls (each scope needed by some call of it, whichever route that call hits)`;
    return `needs ${call.sureScopes.join(' ')} ${which}${onlyThose ? ', and no other scope' : `; ${could}`}`;
  }
  if (call.mayHitNoRoute && call.possibleScopes.length === 0) return 'its URL matches no route of the table, so nothing here tells which scope it needs (if it is a Cloud Automation route, grant what its API documents)';
  if (call.mayHitNoRoute) return `a URL it may use matches no route of the table, so it may hit none and no scope is sure; ${could}`;
  return could;
}

/** The requests the scopes above leave out, each with what it would need if it went to Cloud Automation after all. */
function notCountedLines(all: readonly ReportedCall[]): string[] {
  const elsewhere = all.filter((call) => call.elsewhere !== undefined);
  const notCounted = all.filter((call) => call.elsewhere === undefined);
  const lines: string[] = [];
  if (elsewhere.length > 0) {
    lines.push('', `Not counted: ${plural(elsewhere.length, 'request')} the code shows ${elsewhere.length === 1 ? 'goes' : 'go'} to another service (the migration never rewrites ${elsewhere.length === 1 ? 'it' : 'them'}, not even with --include-unsure):`);
    for (const call of elsewhere) lines.push(`  ${callHead(call)}: ${call.elsewhere ?? ''}`);
  }
  if (notCounted.length === 0) return lines;
  const xToken = notCounted.filter((call) => call.credential === 'x-token').length;
  const who =
    xToken === notCounted.length
      ? `${plural(notCounted.length, 'request')} ${notCounted.length === 1 ? 'sends' : 'send'} x-token`
      : xToken === 0
        ? `${plural(notCounted.length, 'request')} ${notCounted.length === 1 ? 'looks' : 'look'} like Keptn calls`
        : `${plural(notCounted.length, 'request')} (${xToken} sending x-token) ${notCounted.length === 1 ? 'looks' : 'look'} like Keptn calls`;
  const one = notCounted.length === 1;
  lines.push('', `Not counted: ${who} with nothing showing ${one ? 'it goes' : 'they go'} to Cloud Automation (the migration leaves ${one ? 'it' : 'them'} for you); if ${one ? 'it does' : 'one does'}, its scopes are missing:`);
  for (const call of notCounted) {
    const why = [call.target === undefined ? undefined : `${call.target} target`, call.credential === 'x-token' ? 'sends x-token' : undefined].filter((part) => part !== undefined);
    lines.push(`  ${callHead(call)}${why.length > 0 ? ` (${why.join(', ')})` : ''}; if it does: ${scopeNeeds(call)}`);
  }
  return lines;
}

/** A value as it goes on a shell line: quoted when it holds spaces (a scope list). */
function shellValue(value: string): string {
  return /\s/u.test(value) ? `"${value}"` : value;
}

function plural(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/**
 * One line as it may reach a terminal: control characters (ESC, CR, LF, …), DEL, C1 controls,
 * line separators and bidirectional overrides are written as escapes, so a file name cannot
 * forge report lines, move the cursor or reorder what is shown.
 */
export function printable(line: string): string {
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  return line.replace(/[\u0000-\u001F\u007F-\u009F\u2028\u2029\u200E\u200F\u202A-\u202E\u2066-\u2069]/gu, (character) => {
    const named: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t', '\u001B': '\\e' };
    const code = character.codePointAt(0) ?? 0;
    return named[character] ?? (code < 0x100 ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`);
  });
}

/** The report for `--json`: one document, stable keys, nothing but data. */
export function reportAsJson(report: MigrationReport): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}

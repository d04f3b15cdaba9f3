import path from 'node:path';
import { createUnifiedPatch } from './diff.js';
import { includeUnsureCommand, type FileReport, type TransformOptions } from '../codemods/report.js';
import { packageInfo } from '../core/package-info.js';
import { HELP_TEXT, parseCliArgs, type CliOptions } from './args.js';
import { collectFiles, MissingPathError, NoSourcesError, removeLeftoverTemporaries, removeLiveTemporaries, writeFileAtomic } from './files.js';
import { gitTreeState } from './git.js';
import { declarationsOfInputs } from './input-declarations.js';
import { buildReport, formatReport, printable, reportAsJson, type FileOutcome, type RunMode } from './report.js';
import { withHandOffsChecked } from './hand-off-check.js';
import { runTransforms } from './pool.js';
import { runtimeReport } from './runtime-check.js';
import { loadTransforms, TransformLoadError } from './transforms.js';
import { validateTsconfig } from './tsconfig.js';

/** Where the CLI reads and writes; tests pass their own. */
export interface CliIo {
  readonly cwd: string;
  readonly stdout: { write(text: string): unknown };
  readonly stderr: { write(text: string): unknown; readonly isTTY?: boolean };
  readonly env: Readonly<Record<string, string | undefined>>;
}

/** Seams for tests: a tiny transform instead of the real ones (in-process runs only). */
export interface CliDeps {
  readonly loadTransforms?: typeof loadTransforms;
}

const BIN = 'eslint-plugin-cloud-automation';

/** Runs the CLI; resolves to the exit code (0 done, 1 something left or failed, 2 bad usage). */
export async function main(argv: readonly string[], io: CliIo, deps: CliDeps = {}): Promise<number> {
  // Known before the arguments are understood: a script that asked for JSON gets JSON, even
  // for a usage error in the arguments themselves.
  const terminator = argv.indexOf('--');
  const json = (terminator === -1 ? argv : argv.slice(0, terminator)).includes('--json');
  const parsed = parseCliArgs(argv);
  switch (parsed.kind) {
    case 'help':
      io.stdout.write(HELP_TEXT);
      return 0;
    case 'version':
      io.stdout.write(json ? `${JSON.stringify({ version: packageInfo().version })}\n` : `${packageInfo().version}\n`);
      return 0;
    case 'usage-error':
      return usageError(io, parsed.message, json);
    case 'run':
      break;
  }
  const options = parsed.options;
  try {
    return await run(options, io, deps.loadTransforms ?? loadTransforms);
  } catch (error) {
    if (error instanceof MissingPathError || error instanceof NoSourcesError || error instanceof TransformLoadError || error instanceof UsageError) {
      return usageError(io, error.message, json);
    }
    if (json) {
      // A bug of ours; the stack still goes to stderr so it can be reported.
      const message = error instanceof Error ? error.message : String(error);
      io.stdout.write(`${JSON.stringify({ error: { kind: 'internal', message }, exitCode: 1 }, null, 2)}\n`);
      io.stderr.write(`${BIN}: internal error: ${printable(error instanceof Error ? (error.stack ?? message) : message)}\n`);
      return 1;
    }
    throw error;
  }
}

export class UsageError extends Error {}

function usageError(io: CliIo, message: string, json: boolean): number {
  io.stderr.write(`${BIN}: ${printable(message)}\n`);
  if (json) io.stdout.write(`${JSON.stringify({ error: { kind: 'usage', message }, exitCode: 2 }, null, 2)}\n`);
  return 2;
}

async function run(options: CliOptions, io: CliIo, load: typeof loadTransforms): Promise<number> {
  const mode: RunMode = options.command === 'scopes' ? 'analyze' : options.print ? 'print' : options.dry ? 'dry' : 'write';
  const selection = await collectFiles(options.paths, io.cwd, options.ignorePatterns);
  const tsconfig = options.tsconfig === undefined ? undefined : path.resolve(io.cwd, options.tsconfig);
  if (tsconfig) {
    const problem = await validateTsconfig(tsconfig);
    if (problem) throw new UsageError(`--tsconfig ${options.tsconfig ?? ''}: ${problem}`);
  }
  if (mode === 'write' && !options.force) {
    const state = await gitTreeState(options.paths, io.cwd);
    if (state.kind === 'dirty') {
      const shown = state.changed.slice(0, 3).join(', ') + (state.changed.length > 3 ? `, and ${state.changed.length - 3} more` : '');
      throw new UsageError(
        `refusing to write: ${shown} ${state.changed.length === 1 ? 'has' : 'have'} uncommitted changes, and the migration could not be told apart from them or undone with git. Commit or stash first, look with --dry, or pass --force`,
      );
    }
    if (state.kind === 'unknown') {
      throw new UsageError(
        `refusing to write: git cannot tell whether the files have uncommitted changes (${state.reason}), so the migration might not be undoable with git. Fix what git reports, look with --dry, or pass --force to write anyway`,
      );
    }
  }
  const transforms = await load(options.transforms);
  const transformOptions: Omit<TransformOptions, 'reporter'> = {
    ...(options.helperModule === undefined ? {} : { helperModule: options.helperModule }),
    ...(options.helperExport === undefined ? {} : { helperExport: options.helperExport }),
    ...(options.clientExport === undefined ? {} : { clientExport: options.clientExport }),
    ...(tsconfig === undefined ? {} : { tsconfig }),
    includeUnsure: options.includeUnsure,
    library: options.library,
    runFiles: selection.files,
  };

  const showProgress = options.progress ?? (io.stderr.isTTY === true && !options.json && !io.env.CI);
  const total = selection.files.length;
  const progress = (done: number): void => {
    if (showProgress && total > 1) io.stderr.write(`\r${BIN}: ${done}/${total} files`);
  };
  const transformed = await runTransforms(selection.files, transforms, transformOptions, options.cpus, progress);
  if (showProgress && total > 1) io.stderr.write('\r\u001B[2K');

  const display = (file: string): string => {
    const relative = path.relative(io.cwd, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
  };
  const results = withHandOffsChecked(transformed, display);
  const outcomes: FileOutcome[] = [];
  const skippedWhileReading: { file: string; reason: string }[] = [];
  const diffs: { file: string; patch: string }[] = [];
  const leftovers = mode === 'write' ? removeLeftoverTemporaries(results.filter((result) => result.output !== result.source).map((result) => result.file)) : [];
  const stop = mode === 'write' ? stopOnSignal() : undefined;
  for (const unshown of results) {
    const file = display(unshown.file);
    const result = { ...unshown, reports: reportsAsShown(unshown.reports, unshown.file, file) };
    if (result.skipped !== undefined) {
      skippedWhileReading.push({ file, reason: result.skipped });
      continue;
    }
    if (result.error !== undefined) {
      outcomes.push({ file, status: 'failed', error: result.error, reports: result.reports });
      continue;
    }
    const changed = result.output !== result.source;
    if (changed && mode === 'write') {
      if (stop?.signal() === undefined) await stop?.yield();
      const signal = stop?.signal();
      if (signal !== undefined) {
        outcomes.push({ file, status: 'failed', error: `not written: the run was stopped by ${signal} before this file; it is as it was`, reports: result.reports });
        continue;
      }
      try {
        writeFileAtomic(result.file, result.output, { expected: result.source, roots: selection.roots, shownAs: file });
      } catch (error) {
        outcomes.push({ file, status: 'failed', error: error instanceof Error ? error.message : String(error), reports: result.reports });
        continue;
      }
    }
    if (changed && mode === 'dry') diffs.push({ file, patch: createUnifiedPatch(`a/${printable(file)}`, `b/${printable(file)}`, result.source, result.output) });
    if (changed && mode === 'print') diffs.push({ file, patch: result.output });
    outcomes.push({ file, status: changed ? 'changed' : 'unchanged', reports: result.reports });
  }

  // Runtime check: do the packages of the files that use the helper (migrated now, or by an
  // earlier run: a request of theirs goes through it) declare a Node that runs it?
  // Skipped with --helper-module: what the user's own module needs is not known here.
  const migratedNow = new Set(outcomes.filter((outcome) => outcome.status === 'changed').map((outcome) => outcome.file));
  const readNow = new Set(outcomes.filter((outcome) => outcome.status !== 'failed').map((outcome) => outcome.file));
  const usesHelper = (result: (typeof results)[number]): boolean =>
    (migratedNow.has(display(result.file)) && result.reports.some((report) => report.migrated.length > 0)) ||
    (readNow.has(display(result.file)) && result.reports.some((report) => report.routes.some((use) => use.credential === 'oauth-helper')));
  const runtime =
    options.command === 'migrate' && options.helperModule === undefined
      ? await runtimeReport(results.filter(usesHelper).map((result) => result.file), display)
      : undefined;

  // action.yml / task.json entries of the token inputs the files read: named in the report, never edited.
  const inputReads = results.flatMap((result) =>
    result.reports.flatMap((fileReport) =>
      (fileReport.tokenPlumbing ?? []).flatMap((entry) => (entry.kind === 'action-input' || entry.kind === 'task-input' ? [{ sourceFile: result.file, kind: entry.kind, name: entry.name }] : [])),
    ),
  );
  const inputDeclarations = declarationsOfInputs(inputReads).map((declaration) => ({ ...declaration, file: display(declaration.file) }));

  const report = buildReport({
    command: options.command,
    mode,
    transforms: transforms.flatMap((transform) => transform.covers ?? [transform.name]),
    outcomes,
    skipped: [...selection.skipped.map(({ file, reason }) => ({ file: display(file), reason })), ...skippedWhileReading],
    ...(options.helperModule === undefined ? {} : { helperModule: options.helperModule }),
    ...(runtime === undefined ? {} : { runtime }),
    removedLeftovers: leftovers.map(display),
    namedBuildOutput: selection.namedBuildOutput.map((entry) => ({ path: display(entry.path), tsconfig: display(entry.tsconfig) })),
    inputDeclarations,
  });
  stop?.release();
  const interrupted = stop?.signal();
  if (options.json) {
    const document = JSON.parse(reportAsJson(report)) as Record<string, unknown>;
    if (mode === 'dry') document.diff = diffs.map(({ file, patch }) => ({ file, patch }));
    if (mode === 'print') document.output = diffs.map(({ file, patch }) => ({ file, text: patch }));
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    for (const { file, patch } of diffs) {
      // The patch body is the file's own text, shown as is (like git diff); names are escaped.
      io.stdout.write(mode === 'print' ? `// ${printable(file)}\n${patch}${patch.endsWith('\n') ? '' : '\n'}\n` : patch);
    }
    if (diffs.length > 0) io.stdout.write('\n');
    io.stdout.write(formatReport(report, options.helperModule === undefined ? {} : { helperModule: options.helperModule }));
  }
  if (interrupted !== undefined) {
    io.stderr.write(`${BIN}: stopped by ${interrupted}; every file is either as it was or fully migrated, and no temporary file is left\n`);
    return interrupted === 'SIGINT' ? 130 : 143;
  }
  return report.exitCode;
}

/**
 * While files are written, SIGINT and SIGTERM stop the run between two files instead of
 * killing it: the file being written is finished or not started, nothing is half-done, and the
 * report still says which files were written. A second signal ends the process at once, after
 * removing any temporary file. Before the writes start, the signals keep their default (end the
 * process): nothing is being written then.
 */
function stopOnSignal(): { signal(): NodeJS.Signals | undefined; yield(): Promise<void>; release(): void } {
  let received: NodeJS.Signals | undefined;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (received !== undefined) {
      removeLiveTemporaries();
      process.exit(signal === 'SIGINT' ? 130 : 143);
    }
    received = signal;
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  return {
    signal: () => received,
    // Writes are synchronous: this is where a pending signal gets its turn.
    yield: () => new Promise((resolve) => setImmediate(resolve)),
    release: () => {
      process.off('SIGINT', onSignal);
      process.off('SIGTERM', onSignal);
    },
  };
}

/**
 * The reports with the file as the report shows it in the commands their todos give
 * (`migrate --include-unsure <file>`): the transform saw the path the run resolved, the
 * user runs the command from where they ran this one.
 */
function reportsAsShown(reports: readonly FileReport[], file: string, shown: string): FileReport[] {
  if (file === shown) return [...reports];
  const command = includeUnsureCommand(file);
  const replacement = includeUnsureCommand(shown);
  return reports.map((report) => ({ ...report, manual: report.manual.map((site) => ({ ...site, todo: site.todo.replaceAll(command, replacement) })) }));
}

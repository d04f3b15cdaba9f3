import path from 'node:path';
import { createUnifiedPatch } from './diff.js';
import type { TransformOptions } from '../codemods/report.js';
import { packageInfo } from '../core/package-info.js';
import { HELP_TEXT, parseCliArgs, type CliOptions } from './args.js';
import { collectFiles, MissingPathError, NoSourcesError, writeFileAtomic } from './files.js';
import { gitTreeState } from './git.js';
import { buildReport, formatReport, reportAsJson, type FileOutcome, type RunMode } from './report.js';
import { runTransforms } from './pool.js';
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
  const parsed = parseCliArgs(argv);
  switch (parsed.kind) {
    case 'help':
      io.stdout.write(HELP_TEXT);
      return 0;
    case 'version':
      io.stdout.write(`${packageInfo().version}\n`);
      return 0;
    case 'usage-error':
      return usageError(io, parsed.message);
    case 'run':
      break;
  }
  const options = parsed.options;
  try {
    return await run(options, io, deps.loadTransforms ?? loadTransforms);
  } catch (error) {
    if (error instanceof MissingPathError || error instanceof NoSourcesError || error instanceof TransformLoadError || error instanceof UsageError) {
      return usageError(io, error.message);
    }
    throw error;
  }
}

export class UsageError extends Error {}

function usageError(io: CliIo, message: string): number {
  io.stderr.write(`${BIN}: ${message}\n`);
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
  }
  const transforms = await load(options.transforms);
  const transformOptions: Omit<TransformOptions, 'reporter'> = {
    ...(options.helperModule === undefined ? {} : { helperModule: options.helperModule }),
    ...(options.helperExport === undefined ? {} : { helperExport: options.helperExport }),
    ...(options.clientExport === undefined ? {} : { clientExport: options.clientExport }),
    ...(tsconfig === undefined ? {} : { tsconfig }),
    includeUnsure: options.includeUnsure,
  };

  const showProgress = options.progress ?? (io.stderr.isTTY === true && !options.json && !io.env.CI);
  const total = selection.files.length;
  const progress = (done: number): void => {
    if (showProgress && total > 1) io.stderr.write(`\r${BIN}: ${done}/${total} files`);
  };
  const results = await runTransforms(selection.files, transforms, transformOptions, options.cpus, progress);
  if (showProgress && total > 1) io.stderr.write('\r\u001B[2K');

  const display = (file: string): string => {
    const relative = path.relative(io.cwd, file);
    return relative.startsWith('..') || path.isAbsolute(relative) ? file : relative.split(path.sep).join('/');
  };
  const outcomes: FileOutcome[] = [];
  const diffs: { file: string; patch: string }[] = [];
  for (const result of results) {
    const file = display(result.file);
    if (result.error !== undefined) {
      outcomes.push({ file, status: 'failed', error: result.error, reports: result.reports });
      continue;
    }
    const changed = result.output !== result.source;
    if (changed && mode === 'write') {
      try {
        await writeFileAtomic(result.file, result.output);
      } catch (error) {
        outcomes.push({ file, status: 'failed', error: `cannot write: ${error instanceof Error ? error.message : String(error)}`, reports: result.reports });
        continue;
      }
    }
    if (changed && mode === 'dry') diffs.push({ file, patch: createUnifiedPatch(`a/${file}`, `b/${file}`, result.source, result.output) });
    if (changed && mode === 'print') diffs.push({ file, patch: result.output });
    outcomes.push({ file, status: changed ? 'changed' : 'unchanged', reports: result.reports });
  }

  const report = buildReport({
    command: options.command,
    mode,
    transforms: transforms.flatMap((transform) => transform.covers ?? [transform.name]),
    outcomes,
    skipped: selection.skipped.map(({ file, reason }) => ({ file: display(file), reason })),
    ...(options.helperModule === undefined ? {} : { helperModule: options.helperModule }),
  });
  if (options.json) {
    const document = JSON.parse(reportAsJson(report)) as Record<string, unknown>;
    if (mode === 'dry') document.diff = diffs.map(({ file, patch }) => ({ file, patch }));
    if (mode === 'print') document.output = diffs.map(({ file, patch }) => ({ file, text: patch }));
    io.stdout.write(`${JSON.stringify(document, null, 2)}\n`);
  } else {
    for (const { file, patch } of diffs) {
      io.stdout.write(mode === 'print' ? `// ${file}\n${patch}${patch.endsWith('\n') ? '' : '\n'}\n` : patch);
    }
    if (diffs.length > 0) io.stdout.write('\n');
    io.stdout.write(formatReport(report, options.helperModule === undefined ? {} : { helperModule: options.helperModule }));
  }
  return report.exitCode;
}

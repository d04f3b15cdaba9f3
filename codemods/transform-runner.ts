/**
 * What every transform of this package does around its own work: choose the parser by
 * extension, skip files its cheap text test rules out, parse once, turn a parse failure or
 * an internal error into an unchanged file plus a report entry, and check that the output
 * still parses. Works the same under jscodeshift's CLI and under the migrate CLI.
 */
import type { API, ASTNode, Collection, FileInfo, JSCodeshift, Options } from 'jscodeshift';
import { createRequire } from 'node:module';
import type { FileReport, TransformOptions } from './report.js';

/** Extensions the transforms read; jscodeshift's `--extensions` should list them. */
export const SUPPORTED_EXTENSIONS: readonly string[] = ['ts', 'mts', 'cts', 'tsx', 'js', 'jsx', 'mjs', 'cjs'];

export type ParserName = 'ts' | 'tsx';

interface SourceParser {
  parse(source: string): ASTNode;
}

const requireFromHere = createRequire(import.meta.url);
const sourceParsers = new Map<ParserName, SourceParser>();

interface BabelParser {
  parse(source: string, options: Record<string, unknown>): ASTNode;
}

/**
 * Babel with jscodeshift's own `ts`/`tsx` options, so a file parses here exactly when it parses
 * under jscodeshift. The transforms never reprint through recast (they splice text), so they
 * skip recast's copy of the tree, which costs more than the parse itself, and the token list
 * only recast reads (a quarter of the parse time).
 */
export function sourceParser(name: ParserName): SourceParser {
  let parser = sourceParsers.get(name);
  if (!parser) {
    // jscodeshift's options and its own copy of @babel/parser, whatever else is installed.
    const optionsFile = requireFromHere.resolve('jscodeshift/parser/tsOptions.js');
    const babel = createRequire(optionsFile)('@babel/parser') as BabelParser;
    const base = requireFromHere(optionsFile) as { plugins: readonly unknown[] } & Record<string, unknown>;
    const options = { ...base, tokens: false, plugins: name === 'tsx' ? ['jsx', ...base.plugins] : [...base.plugins] };
    parser = { parse: (source) => babel.parse(source, options) };
    sourceParsers.set(name, parser);
  }
  return parser;
}

/**
 * The jscodeshift parser a file needs: `ts` for TypeScript without JSX (`<T>x` casts only
 * parse there), `tsx` for everything else, plain JavaScript included (it may hold JSX).
 */
export function parserForPath(filePath: string): ParserName {
  return /\.[cm]?ts$/iu.test(filePath) ? 'ts' : 'tsx';
}

export class UnparsableFileError extends Error {
  constructor(
    readonly file: string,
    readonly reason: string,
  ) {
    super(`${file}: cannot parse, left unchanged (${reason})`);
    this.name = 'UnparsableFileError';
  }
}

export function emptyReport(transform: string, file: string, error?: string): FileReport {
  return {
    transform,
    file,
    migrated: [],
    manual: [],
    routes: [],
    tokenEnvVars: [],
    retiredEnvVars: [],
    ...(error === undefined ? {} : { error }),
  };
}

export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message.split('\n')[0] ?? error.message : String(error);
}

/** One file's work: the new text (equal to the source when nothing changed) and the reports. */
export type FileMigrationRun = (j: JSCodeshift, root: Collection, file: FileInfo, settings: TransformOptions) => {
  output: string;
  reports: readonly FileReport[];
};

export interface MigrationTransform {
  /** The name a report of a failed file carries. */
  readonly name: string;
  readonly needsParse: (source: string) => boolean;
  readonly migrate: FileMigrationRun;
}

/**
 * Runs a transform as jscodeshift expects: the new text, or undefined when the file is left
 * as it was (what jscodeshift counts as "skipped"). Under jscodeshift's CLI a file that does
 * not parse throws (listed as an error, the run goes on); with `options.reporter` it is
 * reported with `error` set instead, so the in-process runner sees every outcome the same way.
 */
export function runMigrationTransform(transform: MigrationTransform, file: FileInfo, api: API, options: Options): string | undefined {
  const settings = options as TransformOptions;
  if (!transform.needsParse(file.source)) return undefined;
  const parser = parserForPath(file.path);
  const j = api.jscodeshift;
  let root: Collection;
  try {
    root = j(sourceParser(parser).parse(file.source));
  } catch (error) {
    const reason = errorMessage(error);
    if (settings.reporter) {
      settings.reporter(emptyReport(transform.name, file.path, `cannot parse with the ${parser} parser: ${reason}`));
      return undefined;
    }
    throw new UnparsableFileError(file.path, reason);
  }
  let output: string;
  let reports: readonly FileReport[];
  try {
    ({ output, reports } = transform.migrate(j, root, file, settings));
    if (output !== file.source) sourceParser(parser).parse(output);
  } catch (error) {
    // Our own bug, or output that would not parse: the file stays exactly as it was.
    const reason = `the codemod failed on this file and left it unchanged: ${errorMessage(error)}`;
    if (settings.reporter) settings.reporter(emptyReport(transform.name, file.path, reason));
    else api.report(reason);
    return undefined;
  }
  for (const report of reports) {
    if (settings.reporter) settings.reporter(report);
    else for (const site of report.manual) api.report(`${site.line}:${site.column} ${site.what}: ${site.why}. ${site.todo}`);
  }
  return output === file.source ? undefined : output;
}

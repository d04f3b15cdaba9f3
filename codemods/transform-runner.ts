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
  readonly needsParse: (source: string, file: string, options: TransformOptions) => boolean;
  readonly migrate: FileMigrationRun;
}

/**
 * Runs a transform as jscodeshift expects: the new text, or undefined when the file is left
 * as it was (what jscodeshift counts as "skipped"). Under jscodeshift's CLI a file that does
 * not parse throws (listed as an error, the run goes on); with `options.reporter` it is
 * reported with `error` set instead, so the in-process runner sees every outcome the same way.
 */
export function runMigrationTransform(transform: MigrationTransform, input: FileInfo, api: API, options: Options): string | undefined {
  const settings = options as TransformOptions;
  // Under jscodeshift's CLI the options come straight from `--helperModule=…`: refuse them
  // before they are spliced into code, as the migrate CLI does before it starts.
  const problem = transformOptionProblem(settings, 'jscodeshift');
  if (problem) throw new InvalidTransformOptionError(problem);
  if (!transform.needsParse(input.source, input.path, settings)) return undefined;
  // A byte order mark belongs at the very start; without it here an inserted import would
  // go in front of the text and leave U+FEFF in the middle of the file.
  const bom = input.source.startsWith(BYTE_ORDER_MARK) ? BYTE_ORDER_MARK : '';
  const file = bom ? { ...input, source: input.source.slice(1) } : input;
  const output = migrateParsed(transform, file, api, settings);
  return output === undefined ? undefined : bom + output;
}

const BYTE_ORDER_MARK = '\uFEFF';

function migrateParsed(transform: MigrationTransform, file: FileInfo, api: API, settings: TransformOptions): string | undefined {
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

export class InvalidTransformOptionError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidTransformOptionError';
  }
}

/**
 * Words that cannot name an imported binding (`import { class } from …` does not parse), plus
 * the strict-mode and module ones, since the migrated file is often an ES module.
 */
const RESERVED_WORDS = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if import in ' +
    'instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package ' +
    'private protected public await arguments eval'
  ).split(' '),
);

/** A JavaScript identifier (ASCII), usable as an imported binding. */
export function isImportableIdentifier(value: string): boolean {
  return /^[A-Za-z_$][\w$]*$/u.test(value) && !RESERVED_WORDS.has(value);
}

/**
 * A module specifier we are willing to write into an import: a package name (scoped or not)
 * with an optional subpath, a relative or absolute path, or an alias such as `#auth` or
 * `~/auth`. Quotes, backslashes, spaces and control characters never belong there.
 */
export function isModuleSpecifier(value: string): boolean {
  return /^[A-Za-z0-9@./_~#:+-]+$/u.test(value) && !value.endsWith('/') && !/(?:^|\/)\.{3,}(?:\/|$)/u.test(value);
}

export const MODULE_SPECIFIER_FORM =
  'a module specifier: a package name such as cloud-automation-oauth or @acme/keptn-auth, a subpath, a relative path such as ./auth.js, or an alias such as #auth; only letters, digits and @ / . _ ~ # : + -';

/**
 * The first problem with the helper options, or undefined. `style` names them the way the user
 * typed them: `--helper-module` for the migrate CLI, `--helperModule` under jscodeshift.
 */
export function transformOptionProblem(
  options: { readonly helperModule?: unknown; readonly helperExport?: unknown; readonly clientExport?: unknown },
  style: 'cli' | 'jscodeshift',
): string | undefined {
  const name = (camel: string, kebab: string): string => (style === 'cli' ? `--${kebab}` : `--${camel}`);
  const checks = [
    ['helperModule', 'helper-module', options.helperModule, isModuleSpecifier, MODULE_SPECIFIER_FORM],
    ['helperExport', 'helper-export', options.helperExport, isImportableIdentifier, 'a JavaScript identifier that is not a reserved word, such as oauthClientFromEnv'],
    ['clientExport', 'client-export', options.clientExport, isImportableIdentifier, 'a JavaScript identifier that is not a reserved word, such as keptnOAuth'],
  ] as const;
  for (const [camel, kebab, value, accepts, form] of checks) {
    if (value === undefined) continue;
    const flag = name(camel, kebab);
    if (value === '' || value === true) return `${flag} needs a value: ${form}`;
    if (typeof value !== 'string' || !accepts(value)) return `${flag} must be ${form}; got ${JSON.stringify(value)}`;
  }
  return undefined;
}

import { parseArgs } from 'node:util';
import { transformOptionProblem } from '../codemods/transform-runner.js';

export type Command = 'migrate' | 'scopes';

export interface CliOptions {
  readonly command: Command;
  readonly paths: readonly string[];
  /** Write nothing; print a unified diff of what would change. */
  readonly dry: boolean;
  /** Write nothing; print each changed file's new text. */
  readonly print: boolean;
  readonly cpus: number;
  readonly helperModule: string | undefined;
  readonly helperExport: string | undefined;
  readonly clientExport: string | undefined;
  readonly tsconfig: string | undefined;
  readonly includeUnsure: boolean;
  readonly library: boolean;
  readonly json: boolean;
  readonly force: boolean;
  /** Transforms to run, in order; empty means every transform the package ships. */
  readonly transforms: readonly string[];
  /** Extra .gitignore-style patterns to leave out. */
  readonly ignorePatterns: readonly string[];
  /** undefined: show progress when stderr is a TTY. */
  readonly progress: boolean | undefined;
}

export type ParsedArgs =
  | { readonly kind: 'help'; readonly command: Command | undefined }
  | { readonly kind: 'version' }
  | { readonly kind: 'run'; readonly options: CliOptions }
  | { readonly kind: 'usage-error'; readonly message: string };

const commands: readonly Command[] = ['migrate', 'scopes'];

const optionSpec = {
  dry: { type: 'boolean', short: 'd' },
  print: { type: 'boolean', short: 'p' },
  cpus: { type: 'string', short: 'c' },
  'helper-module': { type: 'string' },
  'helper-export': { type: 'string' },
  'client-export': { type: 'string' },
  tsconfig: { type: 'string' },
  'include-unsure': { type: 'boolean' },
  library: { type: 'boolean' },
  json: { type: 'boolean' },
  force: { type: 'boolean', short: 'f' },
  transform: { type: 'string', short: 't', multiple: true },
  'ignore-pattern': { type: 'string', multiple: true },
  progress: { type: 'boolean' },
  'no-progress': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** Reads argv (without `node` and the script). Never throws: bad usage comes back as a message. */
export function parseCliArgs(argv: readonly string[]): ParsedArgs {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: optionSpec, allowPositionals: true, strict: true });
  } catch (error) {
    return { kind: 'usage-error', message: describeParseError(error) };
  }
  const { values, positionals } = parsed;
  const [first, ...rest] = positionals;
  const command = commands.find((name) => name === first);
  if (values.version) return { kind: 'version' };
  if (values.help || first === 'help') {
    const helpTopic = first === 'help' ? commands.find((name) => name === rest[0]) : command;
    return { kind: 'help', command: helpTopic };
  }
  if (first === undefined) return { kind: 'usage-error', message: 'missing command: use `migrate <paths…>` or `scopes <paths…>`' };
  if (!command) return { kind: 'usage-error', message: `unknown command "${first}": use \`migrate <paths…>\` or \`scopes <paths…>\`` };
  if (rest.length === 0) return { kind: 'usage-error', message: `${command} needs at least one file or folder, e.g. \`${command} src\`` };

  const cpus = values.cpus === undefined ? 1 : Number(values.cpus);
  if (!Number.isInteger(cpus) || cpus < 1) {
    return { kind: 'usage-error', message: `--cpus wants a whole number of at least 1, got "${values.cpus ?? ''}"` };
  }
  if (values.tsconfig?.trim() === '') return { kind: 'usage-error', message: '--tsconfig needs a value' };
  const helperProblem = transformOptionProblem(
    { helperModule: values['helper-module'], helperExport: values['helper-export'], clientExport: values['client-export'] },
    'cli',
  );
  if (helperProblem) return { kind: 'usage-error', message: helperProblem };
  if (command === 'scopes') {
    const writeFlags = (['dry', 'print', 'force'] as const).filter((flag) => values[flag]);
    if (writeFlags.length > 0) {
      return { kind: 'usage-error', message: `scopes never writes, so --${writeFlags.join(', --')} means nothing there` };
    }
  }
  if (command === 'migrate' && values.dry && values.print) {
    return { kind: 'usage-error', message: '--dry prints a diff and --print each changed file\'s new text: choose one' };
  }
  if (values.progress && values['no-progress']) {
    return { kind: 'usage-error', message: '--progress and --no-progress contradict each other' };
  }

  return {
    kind: 'run',
    options: {
      command,
      paths: rest,
      dry: values.dry ?? false,
      print: values.print ?? false,
      cpus,
      helperModule: values['helper-module'],
      helperExport: values['helper-export'],
      clientExport: values['client-export'],
      tsconfig: values.tsconfig,
      includeUnsure: values['include-unsure'] ?? false,
      library: values.library ?? false,
      json: values.json ?? false,
      force: values.force ?? false,
      transforms: values.transform ?? [],
      ignorePatterns: values['ignore-pattern'] ?? [],
      progress: values['no-progress'] ? false : values.progress,
    },
  };
}

/** node's parseArgs messages are long and mention internals; keep the part a user needs. */
function describeParseError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  const message = error instanceof Error ? error.message : String(error);
  const option = /'(-[^']*)'/u.exec(message)?.[1];
  if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && option) return `unknown option ${option} (see --help)`;
  if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE' && option) {
    // The option is quoted as "-c, --cpus <value>": name it the long way users type it.
    const name = /--[\w-]+/u.exec(option)?.[0] ?? option;
    return /argument missing/u.test(message) ? `${name} needs a value` : `${name} takes no value`;
  }
  return message.split('\n')[0] ?? message;
}

export const HELP_TEXT = `Usage: eslint-plugin-cloud-automation <command> [options] <paths…>

Move Dynatrace Cloud Automation (hosted Keptn API) clients from the deprecated
x-token header to OAuth 2.0, and tell which OAuth scopes the code needs.

Commands:
  migrate <paths…>   Rewrite x-token calls (fetch, axios, got) to the cloud-automation-oauth
                     helper, then report what changed, what is left for you, the OAuth
                     scopes to grant and the env vars to set and to retire.
  scopes <paths…>    Only the scope report: which Cloud Automation routes the code calls and
                     the least OAuth scopes they need. Changes nothing.

Options:
  -d, --dry                  Write nothing; print a unified diff of the changes.
  -p, --print                Write nothing; print each changed file's new text.
  -c, --cpus <n>             Files are split over n worker threads (default 1; each worker
                             loads its own TypeScript program, so more is not always faster).
  -t, --transform <name>     Run only this transform (repeatable): x-token-to-oauth, add-oauth.
                             Default: both, in that order, over one parse of each file.
      --helper-module <m>    Import the OAuth helper from <m> (default cloud-automation-oauth),
                             e.g. your own wrapper module: a package name, subpath, relative
                             path or #alias (letters, digits and @ / . _ ~ # : + -).
      --helper-export <name> Export of <m> that makes a client from the environment
                             (default oauthClientFromEnv).
      --client-export <name> Import a ready client exported as <name> from <m> instead of
                             creating one per module.
      --tsconfig <file>      tsconfig.json for type information (default: the nearest one
                             above each file).
      --include-unsure       Also migrate x-token sites with no evidence that they talk to
                             Cloud Automation (they are only reported by default).
      --library              The files are a published library: keep every export as it is,
                             even one no file of the tsconfig uses (other packages may).
      --ignore-pattern <p>   Leave out files matching this .gitignore-style pattern (repeatable).
      --json                 Print the report as one JSON document on stdout (for CI and scripts).
  -f, --force                Write even when the git tree has uncommitted changes.
      --[no-]progress        Force the progress line on or off (default: on a terminal only).
  -h, --help                 Show this help.
  -v, --version              Show the version.

Files: .ts .tsx .mts .cts .js .jsx .mjs .cjs under the given paths; .d.ts files, node_modules,
build output (dist, build, out, coverage, …, and a tsconfig's outDir) and whatever
.gitignore excludes are skipped.

Exit codes: 0 everything migrated (or nothing to do), 1 something is left for a person or a
file failed to parse, 2 bad usage (unknown option, missing path, unreadable tsconfig, a dirty
git tree without --force).

Examples:
  npx eslint-plugin-cloud-automation migrate src
  npx eslint-plugin-cloud-automation migrate --dry src lib/keptn.ts
  npx eslint-plugin-cloud-automation migrate --helper-module @acme/keptn-auth --client-export keptnOAuth src
  npx eslint-plugin-cloud-automation migrate --json src > migration-report.json
  npx eslint-plugin-cloud-automation scopes src
`;

/**
 * Can the code that uses the OAuth helper (migrated by this run or an earlier one) run it where
 * it is deployed? Such a file belongs to a package, and that package may declare the Node it runs on:
 * - `engines.node` in the nearest package.json that has one; without it, the `@types/node` the
 *   package depends on (a package typed for Node 16 most likely runs on it),
 * - `runs.using` in a GitHub Action's action.yml / action.yaml,
 * - the Node handlers under `execution` in an Azure DevOps task.json,
 * - a .nvmrc or .node-version pin.
 * For each such declaration (the nearest of each kind above a migrated file, up to the root
 * of its git repository) that lets the code run below the helper's minimum Node, the report
 * says which file declares it, on which line, what it declares and what to write instead.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { compareNodeVersions, formatNodeVersion, HELPER_MINIMUM_NODE, HELPER_RUNTIME_NEEDS, type NodeVersion } from '../core/runtime.js';
import { lowestAdmittedVersion, pinRunsBelow, readNodePin } from './node-versions.js';

export type RuntimeDeclarationKind = 'engines' | 'node-types' | 'github-action' | 'azure-devops-task' | 'nvmrc' | 'node-version';

export interface RuntimeWarning {
  readonly kind: RuntimeDeclarationKind;
  /** The declaring file (absolute from `checkRuntimes`; the report shows it relative). */
  readonly file: string;
  /** 1-based line of the declaration; undefined when it cannot be pinned to one line. */
  readonly line: number | undefined;
  /** What the file says, as written: `runs.using: 'node12'`, `engines.node: ">=14"`. */
  readonly declares: string;
  /** The oldest Node that declaration runs the code on, e.g. `12` or `14.0.0`. */
  readonly oldestNode: string;
  /** What to write instead, as it would appear in that file. */
  readonly change: string;
  /** Other values that work as well. */
  readonly alternatives: readonly string[];
  /** Anything else the change needs. */
  readonly note?: string;
  /** The migrated files the declaration governs. */
  readonly files: readonly string[];
}

export interface RuntimeReport {
  /** The oldest Node the helper runs on. */
  readonly helperMinimumNode: string;
  /** What the helper needs from the platform, and since which Node. */
  readonly helperNeeds: readonly { readonly feature: string; readonly since: string }[];
  readonly warnings: readonly RuntimeWarning[];
}

// ── the platforms' runtime names ──────────────────────────────────────────────────────

/** GitHub Actions' `runs.using` values for JavaScript actions, and the Node major each runs. */
const GITHUB_NODE_RUNTIMES: readonly { readonly using: string; readonly major: number }[] = [
  { using: 'node12', major: 12 },
  { using: 'node16', major: 16 },
  { using: 'node20', major: 20 },
  { using: 'node24', major: 24 },
];

/**
 * Azure Pipelines task handlers under `execution`, and the Node major the agent runs each
 * with (`Node` is Node 6). The agent runs the newest handler it knows of those declared.
 */
const AZURE_NODE_HANDLERS: readonly { readonly handler: string; readonly major: number }[] = [
  { handler: 'Node', major: 6 },
  { handler: 'Node10', major: 10 },
  { handler: 'Node16', major: 16 },
  { handler: 'Node20_1', major: 20 },
  { handler: 'Node24', major: 24 },
];

/** A platform runtime that ships a whole major line runs its newest release: the major decides. */
const majorRunsHelper = (major: number, minimum: NodeVersion): boolean => major >= minimum.major;

// ── reading the declarations ──────────────────────────────────────────────────────────

/** The 1-based line of `index` in `text`. */
function lineAt(text: string, index: number): number {
  let line = 1;
  for (let at = text.indexOf('\n'); at !== -1 && at < index; at = text.indexOf('\n', at + 1)) line += 1;
  return line;
}

/** The line of `"key":` inside the object that follows `"parent":`, found in the JSON text. */
function jsonKeyLine(text: string, parent: string, key: string): number | undefined {
  const parentMatch = new RegExp(`"${parent}"\\s*:\\s*\\{`, 'u').exec(text);
  if (!parentMatch) return undefined;
  const keyPattern = new RegExp(`"${key.replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}"\\s*:`, 'gu');
  keyPattern.lastIndex = parentMatch.index + parentMatch[0].length;
  const keyMatch = keyPattern.exec(text);
  return keyMatch ? lineAt(text, keyMatch.index) : lineAt(text, parentMatch.index);
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/u, '')) as unknown;
  } catch {
    return undefined;
  }
}

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * `runs.using` of a GitHub Action metadata file, without a YAML library: finds the top-level
 * `runs:` key, then its `using:` child, in block style (`runs:` then an indented `using: node12`)
 * or a one-line flow mapping (`runs: { using: node12, main: index.js }`). Quotes, comments,
 * CRLF and a BOM are handled. Limits: `runs` must start in column 0 (every action.yml writes it
 * so); anchors, aliases, tags, several documents, and a `using` value spread over lines or
 * written as a block scalar are not understood, and such a file is left unreported.
 */
export function readRunsUsing(text: string): { readonly value: string; readonly quote: string; readonly line: number } | undefined {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const runsIndex = lines.findIndex((line) => /^(["']?)runs\1\s*:/u.test(line));
  if (runsIndex === -1) return undefined;
  const runsLine = lines[runsIndex] ?? '';
  const inline = withoutComment(runsLine.slice(runsLine.indexOf(':') + 1)).trim();
  if (inline.startsWith('{')) {
    const match = /[{,]\s*(["']?)using\1\s*:\s*(?:(["'])([^"']*)\2|([^,}\s]+))/u.exec(inline);
    if (!match) return undefined;
    return { value: match[3] ?? match[4] ?? '', quote: match[2] ?? '', line: runsIndex + 1 };
  }
  if (inline !== '') return undefined;
  let childIndent: number | undefined;
  for (let index = runsIndex + 1; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '' || line.trimStart().startsWith('#')) continue;
    const indent = line.length - line.trimStart().length;
    if (indent === 0) break;
    childIndent ??= indent;
    if (indent !== childIndent) continue;
    const match = /^\s*(["']?)using\1\s*:(.*)$/u.exec(line);
    if (!match) continue;
    const raw = withoutComment(match[2] ?? '').trim();
    const quoted = /^(["'])(.*)\1$/u.exec(raw);
    return { value: quoted ? (quoted[2] ?? '') : raw, quote: quoted?.[1] ?? '', line: index + 1 };
  }
  return undefined;
}

/** A YAML value without its trailing ` # comment` (a `#` inside quotes stays). */
function withoutComment(value: string): string {
  let quote: string | undefined;
  for (let index = 0; index < value.length; index += 1) {
    const char = value[index];
    if (quote !== undefined) {
      if (char === quote) quote = undefined;
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (index === 0 || /\s/u.test(value[index - 1] ?? ''))) return value.slice(0, index);
  }
  return value;
}

/** One declaration found above a migrated file; `warning` is undefined when it runs the helper. */
interface Declaration {
  readonly kind: RuntimeDeclarationKind;
  readonly file: string;
  readonly warning: Omit<RuntimeWarning, 'files'> | undefined;
}

function checkEngines(file: string, text: string, minimum: NodeVersion): Declaration | 'none' {
  const manifest = parseJson(text);
  const range = isRecord(manifest) && isRecord(manifest.engines) ? manifest.engines.node : undefined;
  if (typeof range !== 'string') return isRecord(manifest) ? checkNodeTypes(file, text, manifest, minimum) : 'none';
  const lowest = lowestAdmittedVersion(range);
  // A range this reader cannot follow is not reported: the report only says what it knows.
  if (lowest === undefined || compareNodeVersions(lowest, minimum) >= 0) return { kind: 'engines', file, warning: undefined };
  return {
    kind: 'engines',
    file,
    warning: {
      kind: 'engines',
      file,
      line: jsonKeyLine(text, 'engines', 'node'),
      declares: `engines.node: ${JSON.stringify(range)}`,
      oldestNode: formatNodeVersion(lowest),
      change: `"node": ">=${formatNodeVersion(minimum, { short: true })}"`,
      alternatives: [],
    },
  };
}

/** A package with no `engines.node`: the Node its `@types/node` describes is the best word on where it runs. */
function checkNodeTypes(file: string, text: string, manifest: Record<string, unknown>, minimum: NodeVersion): Declaration | 'none' {
  const section = (['devDependencies', 'dependencies'] as const).find((name) => isRecord(manifest[name]) && typeof manifest[name]['@types/node'] === 'string');
  const range = section === undefined ? undefined : (manifest[section] as Record<string, unknown>)['@types/node'];
  if (section === undefined || typeof range !== 'string') return 'none';
  const lowest = lowestAdmittedVersion(range);
  if (lowest === undefined || compareNodeVersions(lowest, minimum) >= 0) return { kind: 'node-types', file, warning: undefined };
  return {
    kind: 'node-types',
    file,
    warning: {
      kind: 'node-types',
      file,
      line: jsonKeyLine(text, section, '@types/node'),
      declares: `${section}["@types/node"]: ${JSON.stringify(range)} and no engines.node`,
      oldestNode: String(lowest.major),
      change: `"engines": { "node": ">=${formatNodeVersion(minimum, { short: true })}" } once it runs there`,
      alternatives: [`"@types/node": "^${minimum.major}"`],
    },
  };
}

function checkAction(file: string, text: string, minimum: NodeVersion): Declaration | 'none' {
  const using = readRunsUsing(text);
  if (!using) return 'none';
  const major = /^node(\d+)$/iu.exec(using.value)?.[1];
  // composite and docker actions do not run this package's JavaScript with the runner's Node.
  if (major === undefined || majorRunsHelper(Number(major), minimum)) return { kind: 'github-action', file, warning: undefined };
  const quote = using.quote === '' ? "'" : using.quote;
  const working = GITHUB_NODE_RUNTIMES.filter((runtime) => majorRunsHelper(runtime.major, minimum))
    .map((runtime) => `using: ${quote}${runtime.using}${quote}`)
    .reverse();
  return {
    kind: 'github-action',
    file,
    warning: {
      kind: 'github-action',
      file,
      line: using.line,
      declares: `runs.using: ${using.quote}${using.value}${using.quote}`,
      oldestNode: major,
      change: working[0] ?? `a Node ${formatNodeVersion(minimum, { short: true })} runtime`,
      alternatives: working.slice(1),
    },
  };
}

function checkAzureTask(file: string, text: string, minimum: NodeVersion): Declaration | 'none' {
  const task = parseJson(text);
  if (!isRecord(task) || !isRecord(task.execution)) return 'none';
  const declared = Object.keys(task.execution)
    .map((key) => ({ key, major: AZURE_NODE_HANDLERS.find((known) => known.handler.toLowerCase() === key.toLowerCase())?.major ?? /^node(\d+)(?:_\d+)?$/iu.exec(key)?.[1] }))
    .filter((handler): handler is { key: string; major: number | string } => handler.major !== undefined)
    .map(({ key, major }) => ({ key, major: Number(major) }))
    .sort((a, b) => b.major - a.major);
  const newest = declared[0];
  // No Node handler (PowerShell, Process): the task does not run this package on Node.
  if (newest === undefined || majorRunsHelper(newest.major, minimum)) return { kind: 'azure-devops-task', file, warning: undefined };
  const working = AZURE_NODE_HANDLERS.filter((known) => majorRunsHelper(known.major, minimum)).map((known) => known.handler);
  const target = isRecord(task.execution[newest.key]) ? (task.execution[newest.key] as Record<string, unknown>).target : undefined;
  const targetText = typeof target === 'string' ? JSON.stringify(target) : `the "target" of ${newest.key}`;
  const handlerEntry = (handler: string): string => `"${handler}": { "target": ${targetText} }`;
  return {
    kind: 'azure-devops-task',
    file,
    warning: {
      kind: 'azure-devops-task',
      file,
      line: jsonKeyLine(text, 'execution', newest.key),
      declares: `execution: ${declared.map((handler) => handler.key).join(', ')}`,
      oldestNode: String(newest.major),
      change: `${handlerEntry(working[0] ?? `Node${minimum.major}`)} under "execution"`,
      alternatives: working.slice(1).map(handlerEntry),
      note: 'raise "minimumAgentVersion" to an agent release that has that handler (Microsoft\'s task migration guides name it); older agents would fall back to an older handler',
    },
  };
}

function checkPin(kind: 'nvmrc' | 'node-version', file: string, text: string, minimum: NodeVersion): Declaration | 'none' {
  const lines = text.replace(/^\uFEFF/u, '').split(/\r?\n/u);
  const index = lines.findIndex((line) => line.trim() !== '' && !line.trim().startsWith('#'));
  const written = withoutComment(lines[index] ?? '').trim();
  if (index === -1) return 'none';
  const pin = readNodePin(written);
  if (!pin || !pinRunsBelow(pin, minimum)) return { kind, file, warning: undefined };
  const oldest = pin.kind === 'exact' ? formatNodeVersion(pin.version) : pin.kind === 'line' ? `${pin.major}${pin.minor === undefined ? '' : `.${pin.minor}`}` : written;
  return {
    kind,
    file,
    warning: {
      kind,
      file,
      line: index + 1,
      declares: written,
      oldestNode: oldest,
      change: pin.kind === 'exact' ? formatNodeVersion(minimum) : String(minimum.major),
      alternatives: pin.kind === 'exact' ? ['any later version'] : ['a later major'],
    },
  };
}

const DECLARING_FILES: readonly { readonly name: string; readonly kind: RuntimeDeclarationKind; readonly check: (file: string, text: string, minimum: NodeVersion) => Declaration | 'none' }[] = [
  { name: 'package.json', kind: 'engines', check: checkEngines },
  { name: 'action.yml', kind: 'github-action', check: checkAction },
  { name: 'action.yaml', kind: 'github-action', check: checkAction },
  { name: 'task.json', kind: 'azure-devops-task', check: checkAzureTask },
  { name: '.nvmrc', kind: 'nvmrc', check: (file, text, minimum) => checkPin('nvmrc', file, text, minimum) },
  { name: '.node-version', kind: 'node-version', check: (file, text, minimum) => checkPin('node-version', file, text, minimum) },
];

// ── walking up from the migrated files ────────────────────────────────────────────────

/**
 * The runtime declarations that let the migrated files run below the helper's minimum Node,
 * one entry per declaring file with the migrated files it governs. Files are absolute paths.
 */
export async function checkRuntimes(migratedFiles: readonly string[], minimum: NodeVersion = HELPER_MINIMUM_NODE): Promise<RuntimeWarning[]> {
  const folderEntries = new Map<string, Promise<ReadonlySet<string>>>();
  const declarations = new Map<string, Promise<Declaration | 'none'>>();
  const entriesOf = (folder: string): Promise<ReadonlySet<string>> => {
    let entries = folderEntries.get(folder);
    if (!entries) {
      entries = readdir(folder).then(
        (names) => new Set(names),
        () => new Set<string>(),
      );
      folderEntries.set(folder, entries);
    }
    return entries;
  };
  const declarationIn = (folder: string, declaring: (typeof DECLARING_FILES)[number]): Promise<Declaration | 'none'> => {
    const file = path.join(folder, declaring.name);
    let declaration = declarations.get(file);
    if (!declaration) {
      declaration = readFile(file, 'utf8').then(
        (text) => declaring.check(file, text, minimum),
        () => 'none' as const,
      );
      declarations.set(file, declaration);
    }
    return declaration;
  };

  const governed = new Map<string, { warning: Omit<RuntimeWarning, 'files'>; files: string[] }>();
  for (const migrated of migratedFiles) {
    const found = new Set<RuntimeDeclarationKind>();
    let folder = path.dirname(path.resolve(migrated));
    for (;;) {
      const entries = await entriesOf(folder);
      for (const declaring of DECLARING_FILES) {
        if (found.has(declaring.kind) || !entries.has(declaring.name)) continue;
        const declaration = await declarationIn(folder, declaring);
        if (declaration === 'none') continue;
        // The nearest declaration of a kind governs the file, whether it runs the helper or not.
        found.add(declaring.kind);
        if (!declaration.warning) continue;
        const entry = governed.get(declaration.file) ?? { warning: declaration.warning, files: [] };
        entry.files.push(migrated);
        governed.set(declaration.file, entry);
      }
      // Declarations outside the repository belong to someone else's checkout or home folder.
      const parent = path.dirname(folder);
      if (entries.has('.git') || parent === folder) break;
      folder = parent;
    }
  }
  return [...governed.values()]
    .map(({ warning, files }) => ({ ...warning, files: [...new Set(files)].sort() }))
    .sort((a, b) => a.file.localeCompare(b.file));
}

/** The report's runtime part; `display` turns absolute paths into what the user reads. */
export async function runtimeReport(migratedFiles: readonly string[], display: (file: string) => string): Promise<RuntimeReport> {
  const warnings = await checkRuntimes(migratedFiles);
  return {
    helperMinimumNode: formatNodeVersion(HELPER_MINIMUM_NODE),
    helperNeeds: HELPER_RUNTIME_NEEDS,
    warnings: warnings.map((warning) => ({ ...warning, file: display(warning.file), files: warning.files.map(display) })),
  };
}

const KIND_SUBJECTS: Readonly<Record<RuntimeDeclarationKind, string>> = {
  engines: 'the package allows',
  'node-types': 'the package is typed for',
  'github-action': 'GitHub runs the action on',
  'azure-devops-task': 'the agent runs the task on',
  nvmrc: 'nvm installs',
  'node-version': 'the version manager installs',
};

/** The text lines of the runtime part, or none when every declaration runs the helper. */
export function formatRuntimeSection(runtime: RuntimeReport | undefined, helperModule: string): string[] {
  if (!runtime || runtime.warnings.length === 0) return [];
  const minimum = runtime.helperMinimumNode.replace(/\.0$/u, '');
  const needs = runtime.helperNeeds.map((need) => `${need.feature}: Node ${need.since}`).join('; ');
  const lines = [
    '',
    `Runtime: ${helperModule} needs Node ${minimum} or later (${needs}).`,
    `${runtime.warnings.length === 1 ? 'This declaration runs' : `These ${runtime.warnings.length} declarations run`} migrated code on an older Node:`,
  ];
  for (const warning of runtime.warnings) {
    const where = warning.line === undefined ? warning.file : `${warning.file}:${warning.line}`;
    const shown = warning.files.slice(0, 3).join(', ') + (warning.files.length > 3 ? `, and ${warning.files.length - 3} more` : '');
    lines.push(
      `  ${where}  ${warning.declares}: ${KIND_SUBJECTS[warning.kind]} Node ${warning.oldestNode}`,
      `    change to: ${warning.change}${warning.alternatives.length > 0 ? ` (or ${warning.alternatives.join(', ')})` : ''}`,
    );
    if (warning.note !== undefined) lines.push(`    and:       ${warning.note}`);
    lines.push(`    for:       ${shown}`);
  }
  return lines;
}

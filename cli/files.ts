import { randomBytes } from 'node:crypto';
import {
  accessSync,
  closeSync,
  constants,
  existsSync,
  fchmodSync,
  fchownSync,
  fsyncSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import { readdir, readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import ignore, { type Ignore } from 'ignore';

export const SOURCE_EXTENSIONS: readonly string[] = ['.ts', '.tsx', '.mts', '.cts', '.js', '.jsx', '.mjs', '.cjs'];

/** Folders that hold dependencies, build output or tool caches: never source to migrate. */
export const SKIPPED_FOLDERS: ReadonlySet<string> = new Set([
  'node_modules',
  '.git',
  'dist',
  'build',
  'out',
  'coverage',
  '.next',
  '.nuxt',
  '.output',
  '.svelte-kit',
  '.turbo',
  '.cache',
]);

export interface SkippedFile {
  readonly file: string;
  readonly reason: string;
}

export interface FileSelection {
  /** Absolute paths, sorted, each once. */
  readonly files: readonly string[];
  /**
   * Files named on the command line that are not sources the transforms read, symlinks that lead
   * outside, and folders a tsconfig compiles into (met while walking a folder).
   */
  readonly skipped: readonly SkippedFile[];
  /** Paths named on the command line that lie in a tsconfig's outDir: read, but the next build rewrites them. */
  readonly namedBuildOutput: readonly { readonly path: string; readonly tsconfig: string }[];
  /** Real paths of the given paths: nothing outside them is read as a source or written. */
  readonly roots: readonly string[];
}

export class MissingPathError extends Error {
  constructor(readonly missing: readonly string[]) {
    super(
      missing.length === 1
        ? `path does not exist: ${missing[0] ?? ''}`
        : `paths do not exist: ${missing.join(', ')}`,
    );
  }
}

/**
 * The source files under the given paths, the way `git ls-files` plus our defaults would
 * pick them: .gitignore files from the repository root down are honoured while walking
 * folders; a file named explicitly is taken even if ignored, because the user asked for it.
 */
export async function collectFiles(
  inputs: readonly string[],
  cwd: string,
  extraIgnorePatterns: readonly string[] = [],
): Promise<FileSelection> {
  const absolute = inputs.map((input) => path.resolve(cwd, input));
  const missing = inputs.filter((_, index) => !existsSync(absolute[index] ?? ''));
  if (missing.length > 0) throw new MissingPathError(missing);

  const found = new Set<string>();
  const skipped: SkippedFile[] = [];
  const extra = extraIgnorePatterns.length > 0 ? { base: cwd, matcher: ignore().add([...extraIgnorePatterns]) } : undefined;
  const buildOutput = new BuildOutputFolders();
  const namedBuildOutput: { path: string; tsconfig: string }[] = [];
  const walking: WalkState = { found, skipped, buildOutput, cwd };

  for (const input of absolute) {
    const info = await stat(input);
    const compiledBy = await buildOutput.enclosingTsconfig(info.isDirectory() ? input : path.dirname(input));
    if (compiledBy !== undefined) namedBuildOutput.push({ path: input, tsconfig: compiledBy });
    if (info.isFile()) {
      const reason = whyNotASource(input);
      if (reason) skipped.push({ file: input, reason });
      else found.add(input);
      continue;
    }
    if (!info.isDirectory()) {
      skipped.push({ file: input, reason: 'not a regular file or folder' });
      continue;
    }
    // A folder named on the command line is wanted even if an outer .gitignore hides it (a
    // scratch copy under an ignored folder); the .gitignore files inside it still apply.
    const ancestors = ancestorIgnores(input);
    const inherited = isIgnored(input, true, ancestors) ? [] : ancestors;
    if (extra) inherited.push(extra);
    await walk(input, inherited, walking);
  }
  // A symlink in the tree may point anywhere: only what resolves inside a given path is taken,
  // and a file reached twice (a link beside its target) is taken once, under the name of the
  // file that is written (the target), not of the link.
  const roots = await Promise.all(absolute.map((input) => realpath(input)));
  const byTarget = new Map<string, string>();
  for (const file of [...found].sort()) {
    const target = await realpath(file).catch(() => undefined);
    if (target === undefined) {
      skipped.push({ file, reason: 'a symlink that leads nowhere' });
    } else if (!isWithin(target, roots)) {
      skipped.push({ file, reason: `a symlink to ${target}, outside the given paths: not read, not written` });
    } else if (!byTarget.has(target)) {
      byTarget.set(target, target === file ? file : (underGivenFolder(target, absolute, roots) ?? file));
    }
  }
  if (byTarget.size === 0 && skipped.length === 0) throw new NoSourcesError(inputs);
  return { files: [...byTarget.values()].sort(), skipped, roots, namedBuildOutput };
}

/**
 * The target of a link as a path under the given folder it lies in (`src/lib/real.js` for the
 * target of `src/alias.js`), so it is named as the user sees the tree, not by its real path,
 * which may differ when a folder above it is a link itself. Undefined for a file named itself.
 */
function underGivenFolder(target: string, inputs: readonly string[], roots: readonly string[]): string | undefined {
  for (const [index, root] of roots.entries()) {
    const relative = path.relative(root, target);
    const input = inputs[index];
    if (input !== undefined && relative !== '' && !relative.startsWith('..') && !path.isAbsolute(relative)) return path.join(input, relative);
  }
  return undefined;
}

export class NoSourcesError extends Error {
  constructor(inputs: readonly string[]) {
    super(
      `no JavaScript or TypeScript files under ${inputs.join(', ')} (node_modules, build output and .gitignore'd files are skipped)`,
    );
  }
}

function whyNotASource(file: string): string | undefined {
  if (/\.d\.[mc]?ts$/u.test(file)) return 'a declaration file (.d.ts) holds no requests';
  if (!SOURCE_EXTENSIONS.includes(path.extname(file))) {
    return `not a JavaScript or TypeScript source (${SOURCE_EXTENSIONS.join(' ')})`;
  }
  return undefined;
}

interface ScopedIgnore {
  /** Folder the patterns are relative to. */
  readonly base: string;
  readonly matcher: Ignore;
}

function isIgnored(file: string, isDirectory: boolean, scopes: readonly ScopedIgnore[]): boolean {
  return scopes.some(({ base, matcher }) => {
    const relative = path.relative(base, file);
    if (relative === '' || relative.startsWith('..') || path.isAbsolute(relative)) return false;
    const posix = relative.split(path.sep).join('/');
    return matcher.ignores(isDirectory ? `${posix}/` : posix);
  });
}

function readIgnoreFile(folder: string): ScopedIgnore | undefined {
  const file = path.join(folder, '.gitignore');
  if (!existsSync(file)) return undefined;
  try {
    return { base: folder, matcher: ignore().add(readFileSync(file, 'utf8')) };
  } catch {
    // An unreadable .gitignore hides nothing; the walk goes on without it.
    return undefined;
  }
}

/** .gitignore files between the repository root and the folder (exclusive), which apply inside it. */
function ancestorIgnores(folder: string): ScopedIgnore[] {
  const chain: string[] = [];
  let current = path.dirname(folder);
  let below = folder;
  // Stop at the repository root (the folder holding .git) or the file-system root.
  while (current !== below && !existsSync(path.join(below, '.git'))) {
    chain.unshift(current);
    below = current;
    current = path.dirname(current);
  }
  return chain.flatMap((ancestor) => readIgnoreFile(ancestor) ?? []);
}

interface WalkState {
  readonly found: Set<string>;
  readonly skipped: SkippedFile[];
  readonly buildOutput: BuildOutputFolders;
  readonly cwd: string;
}

async function walk(folder: string, inherited: readonly ScopedIgnore[], state: WalkState): Promise<void> {
  const { found } = state;
  const own = readIgnoreFile(folder);
  const scopes = own ? [...inherited, own] : inherited;
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch {
    // A folder we may not read is not ours to migrate.
    return;
  }
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    // Symlinked folders could loop or leave the project; symlinked files are followed by readFile.
    if (entry.isDirectory()) {
      if (SKIPPED_FOLDERS.has(entry.name) || isIgnored(full, true, scopes)) continue;
      const compiledBy = await state.buildOutput.tsconfigCompilingInto(full);
      if (compiledBy !== undefined) {
        const shown = path.relative(state.cwd, compiledBy) || compiledBy;
        state.skipped.push({ file: full, reason: `the outDir of ${shown}: tsc writes it from the sources, so migrate those and build again (name this folder to migrate it anyway)` });
        continue;
      }
      await walk(full, scopes, state);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && !whyNotASource(full)) {
      if (entry.isSymbolicLink() && !(await stat(full).catch(() => undefined))?.isFile()) continue;
      if (!isIgnored(full, false, scopes)) found.add(full);
    }
  }
}

const TSCONFIG_NAME = /^tsconfig(?:\.[\w-]+)*\.json$/u;

/**
 * Folders a tsconfig compiles into (`outDir`, `lib/` beside `src/` in many GitHub Actions and
 * Azure tasks): the next build rewrites them from the sources, so a walk does not migrate them
 * (a report would also count each request twice, in the source and in its compiled copy).
 * Only an outDir whose tsconfig has sources outside it counts: a tsconfig compiling in place
 * has no other copy.
 */
class BuildOutputFolders {
  private readonly outDirs = new Map<string, Promise<string | undefined>>();
  private readonly tsconfigsIn = new Map<string, Promise<string[]>>();

  /** The tsconfig (in `folder`'s parent or above, up to the repository root) whose outDir `folder` is. */
  async tsconfigCompilingInto(folder: string): Promise<string | undefined> {
    for (const ancestor of ancestorsToRepositoryRoot(path.dirname(folder))) {
      for (const tsconfig of await this.tsconfigs(ancestor)) {
        if ((await this.outDirOf(tsconfig)) === folder) return tsconfig;
      }
    }
    return undefined;
  }

  /** The tsconfig whose outDir holds `folder` (it or one of its ancestors). */
  async enclosingTsconfig(folder: string): Promise<string | undefined> {
    for (const candidate of ancestorsToRepositoryRoot(folder)) {
      const tsconfig = await this.tsconfigCompilingInto(candidate);
      if (tsconfig !== undefined) return tsconfig;
    }
    return undefined;
  }

  private tsconfigs(folder: string): Promise<string[]> {
    let names = this.tsconfigsIn.get(folder);
    if (!names) {
      names = readdir(folder).then(
        (entries) => entries.filter((name) => TSCONFIG_NAME.test(name)).sort().map((name) => path.join(folder, name)),
        () => [],
      );
      this.tsconfigsIn.set(folder, names);
    }
    return names;
  }

  private outDirOf(tsconfig: string): Promise<string | undefined> {
    let outDir = this.outDirs.get(tsconfig);
    if (!outDir) {
      outDir = readOutDir(tsconfig);
      this.outDirs.set(tsconfig, outDir);
    }
    return outDir;
  }
}

async function readOutDir(tsconfig: string): Promise<string | undefined> {
  const text = await readFile(tsconfig, 'utf8').catch(() => undefined);
  // Loading TypeScript to read a tsconfig that names no outDir, itself or through a base, is wasted.
  if (text === undefined || !/"(?:outDir|extends)"/u.test(text)) return undefined;
  try {
    const { ts } = await import('ts-morph');
    const read = ts.readConfigFile(tsconfig, (name) => ts.sys.readFile(name));
    if (read.error) return undefined;
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, path.dirname(tsconfig), undefined, tsconfig);
    const outDir = parsed.options.outDir === undefined ? undefined : path.resolve(parsed.options.outDir);
    if (outDir === undefined) return undefined;
    const sources = parsed.fileNames.map((file) => path.resolve(file));
    return sources.length > 0 && !sources.some((file) => isWithin(file, [outDir])) ? outDir : undefined;
  } catch {
    // A tsconfig TypeScript cannot read declares nothing this walk can rely on.
    return undefined;
  }
}

/** `folder` and its ancestors, up to the folder holding .git (or the file-system root). */
function ancestorsToRepositoryRoot(folder: string): string[] {
  const chain: string[] = [];
  for (let current = folder; ; current = path.dirname(current)) {
    chain.push(current);
    if (existsSync(path.join(current, '.git')) || path.dirname(current) === current) return chain;
  }
}

/** A file that is not valid UTF-8: decoding it would turn its bytes into U+FFFD on write. */
export class NotUtf8Error extends Error {
  constructor(readonly offset: number) {
    super(`not valid UTF-8 (first bad byte at offset ${offset}); left as it is, since rewriting it would replace such bytes. Convert it to UTF-8 and run again`);
    this.name = 'NotUtf8Error';
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The file's text, only when it round-trips: valid UTF-8 decodes to a string that encodes to
 * the very same bytes (a BOM stays in the string, so it is written back too).
 */
export async function readSource(file: string): Promise<string> {
  const bytes = await readFile(file);
  try {
    return strictUtf8.decode(bytes);
  } catch {
    throw new NotUtf8Error(firstInvalidUtf8Offset(bytes));
  }
}

/** Where the first byte that breaks UTF-8 sits (a decoder error carries no offset). */
function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index] ?? 0;
    const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
    if (length === 0 || index + length > bytes.length) return index;
    try {
      strictUtf8.decode(bytes.subarray(index, index + length));
    } catch {
      return index;
    }
    index += length;
  }
  return index;
}

/** Why a write was refused; `file` is the user's path, never the temporary one. */
export class WriteRefusedError extends Error {
  constructor(
    readonly reason: 'conflict' | 'read-only' | 'outside' | 'permission' | 'io',
    message: string,
  ) {
    super(message);
    this.name = 'WriteRefusedError';
  }
}

/** Temporary files are named so a leftover is recognisable: never a source, never a user's file. */
const TEMPORARY_MARK = 'cloud-automation-migrate';
const TEMPORARY_NAME = new RegExp(`^\\..+\\.${TEMPORARY_MARK}-(\\d+)-[0-9a-f]{8}\\.tmp$`, 'u');

export function temporaryNameFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.${TEMPORARY_MARK}-${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
}

/** Temporary files that exist right now, for the signal handler to remove. */
const liveTemporaries = new Set<string>();

/** Removes the temporary files of writes in progress; safe to call from a signal handler. */
export function removeLiveTemporaries(): void {
  for (const file of liveTemporaries) {
    try {
      unlinkSync(file);
    } catch {
      // Already renamed into place or never created: nothing left to clean.
    }
  }
  liveTemporaries.clear();
}

export interface AtomicWriteOptions {
  /** The bytes the file held when it was read; anything else on disk now is a conflict. */
  readonly expected: string;
  /** Real paths of the folders and files the user named; the target must lie within one. */
  readonly roots?: readonly string[];
  /** How the file is named to the user in messages. */
  readonly shownAs?: string;
}

export function isWithin(target: string, roots: readonly string[]): boolean {
  return roots.some((root) => {
    const relative = path.relative(root, target);
    return relative === '' || (!relative.startsWith('..') && !path.isAbsolute(relative));
  });
}

/** Root can write anything; a file without any write bit is read-only to this tool all the same. */
function isReadOnly(target: string, mode: number): boolean {
  if ((mode & 0o222) === 0) return true;
  try {
    accessSync(target, constants.W_OK);
    return false;
  } catch {
    return true;
  }
}

/**
 * Replaces a file's content in one step: a reader (or a crash) sees the old text or the new
 * one, never half of it. The temporary file sits beside the target so the rename stays on one
 * file system; mode (and, as root, owner) are copied onto it before the rename.
 *
 * Synchronous on purpose: the CLI writes one file at a time, and a signal handler runs only
 * between two calls, so it never meets a temporary file whose creation is still in flight.
 *
 * Refused, with the user's file named: a target outside `roots` (a symlink pointing out), a
 * read-only file, and a file whose bytes differ from `expected` (changed since it was read,
 * checked again by size and mtime just before the rename).
 */
export function writeFileAtomic(file: string, content: string, options: AtomicWriteOptions): void {
  const shown = options.shownAs ?? file;
  // Through a symlink, replace the file it points to, not the link, and only inside the roots.
  let target: string;
  try {
    target = realpathSync(file);
  } catch (error) {
    throw new WriteRefusedError('io', `cannot find ${shown} any more (${codeOf(error)}); not written`);
  }
  if (options.roots && !isWithin(target, options.roots)) {
    throw new WriteRefusedError('outside', `${shown} leads to ${target}, outside the given paths; not written`);
  }
  const before = statSync(target);
  if (isReadOnly(target, before.mode)) {
    throw new WriteRefusedError('read-only', `${shown} is read-only (mode ${(before.mode & 0o777).toString(8).padStart(4, '0')}); not written. Make it writable (chmod u+w) to migrate it`);
  }
  const expected = Buffer.from(options.expected, 'utf8');
  if (before.size !== expected.length || !readFileSync(target).equals(expected)) {
    throw new WriteRefusedError('conflict', `conflict: ${shown} changed on disk since migrate read it; not written, your version is kept. Run migrate on it again`);
  }
  const temporary = temporaryNameFor(target);
  liveTemporaries.add(temporary);
  try {
    let descriptor: number;
    try {
      descriptor = openSync(temporary, 'wx', 0o600);
    } catch (error) {
      throw new WriteRefusedError('permission', `cannot write ${shown}: no new file can be made in its folder ${path.dirname(target)} (${codeOf(error)})`);
    }
    try {
      writeFileSync(descriptor, Buffer.from(content, 'utf8'));
      // umask would narrow the mode given to open: 666 must stay 666, 777 stay 777.
      fchmodSync(descriptor, before.mode & 0o7777);
      if (process.getuid?.() === 0) {
        try {
          fchownSync(descriptor, before.uid, before.gid);
        } catch {
          // A file system without owners (some mounts): the content still matters more.
        }
      }
      fsyncSync(descriptor);
    } finally {
      closeSync(descriptor);
    }
    const now = statSync(target);
    if (now.size !== before.size || now.mtimeMs !== before.mtimeMs || now.ino !== before.ino) {
      throw new WriteRefusedError('conflict', `conflict: ${shown} changed on disk while migrate wrote it; not written, your version is kept. Run migrate on it again`);
    }
    renameSync(temporary, target);
  } catch (error) {
    try {
      unlinkSync(temporary);
    } catch {
      // Never created, or renamed already.
    }
    if (error instanceof WriteRefusedError) throw error;
    throw new WriteRefusedError('io', `cannot write ${shown} (${codeOf(error)})`);
  } finally {
    liveTemporaries.delete(temporary);
  }
}

function codeOf(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' ? code : error instanceof Error ? error.message : String(error);
}

function isProcessAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, someone else's.
    return (error as { code?: unknown }).code === 'EPERM';
  }
}

/**
 * Temporary files a killed run (SIGKILL, power loss) left beside the given files: recognised by
 * name, and only when the process that made them is gone. They hold migrated text that was never
 * renamed into place, so the user's file is intact and removing them loses nothing.
 */
export function removeLeftoverTemporaries(files: readonly string[]): string[] {
  const removed: string[] = [];
  const folders = new Set(files.map((file) => path.dirname(file)));
  for (const folder of folders) {
    let names: string[];
    try {
      names = readdirSync(folder);
    } catch {
      continue;
    }
    for (const name of names) {
      const pid = TEMPORARY_NAME.exec(name)?.[1];
      if (pid === undefined || isProcessAlive(Number(pid))) continue;
      try {
        unlinkSync(path.join(folder, name));
        removed.push(path.join(folder, name));
      } catch {
        // Not ours to remove after all (permissions): it stays, harmless.
      }
    }
  }
  return removed.sort();
}

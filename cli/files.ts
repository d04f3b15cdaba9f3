import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { readdir, readFile, realpath, rename, stat, unlink, writeFile } from 'node:fs/promises';
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
  /** Files named on the command line that are not sources the transforms read. */
  readonly skipped: readonly SkippedFile[];
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

  for (const input of absolute) {
    const info = await stat(input);
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
    await walk(input, inherited, found);
  }
  if (found.size === 0 && skipped.length === 0) throw new NoSourcesError(inputs);
  return { files: [...found].sort(), skipped };
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

async function walk(folder: string, inherited: readonly ScopedIgnore[], found: Set<string>): Promise<void> {
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
      await walk(full, scopes, found);
    } else if ((entry.isFile() || entry.isSymbolicLink()) && !whyNotASource(full)) {
      if (entry.isSymbolicLink() && !(await stat(full).catch(() => undefined))?.isFile()) continue;
      if (!isIgnored(full, false, scopes)) found.add(full);
    }
  }
}

export async function readSource(file: string): Promise<string> {
  return readFile(file, 'utf8');
}

/**
 * Replaces a file's content in one step: a reader (or a crash) sees the old text or the new
 * one, never half of it. The temporary file sits beside the target so the rename stays on one
 * file system; the file's mode is kept.
 */
export async function writeFileAtomic(file: string, content: string): Promise<void> {
  // Through a symlink, replace the file it points to, not the link.
  const target = await realpath(file);
  const temporary = path.join(
    path.dirname(target),
    `.${path.basename(target)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`,
  );
  const { mode } = await stat(target);
  try {
    await writeFile(temporary, content, { mode });
    await rename(temporary, target);
  } catch (error) {
    await unlink(temporary).catch(() => undefined);
    throw error;
  }
}

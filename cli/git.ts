import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TreeState =
  | { readonly kind: 'clean' }
  | { readonly kind: 'not-a-repository' }
  | { readonly kind: 'dirty'; readonly changed: readonly string[] }
  /** git could not say (dubious ownership, a broken index, no git binary inside a repository): as unsafe as dirty. */
  | { readonly kind: 'unknown'; readonly reason: string };

/**
 * Whether the files under `paths` have uncommitted changes (untracked files included: a
 * rewrite of one could not be undone with git). Outside a git repository there is nothing to
 * compare with; when git refuses to answer inside one, the caller must refuse too.
 */
export async function gitTreeState(paths: readonly string[], cwd: string): Promise<TreeState> {
  const absolute = paths.map((entry) => path.resolve(cwd, entry));
  const first = absolute[0] ?? cwd;
  // Ask from where the files are: the shell's folder may be outside the repository.
  const probe = existsSync(first) && statSync(first).isDirectory() ? first : path.dirname(first);
  let root: string;
  try {
    const { stdout } = await run('git', ['rev-parse', '--show-toplevel'], { cwd: probe });
    root = stdout.trim();
  } catch (error) {
    const failure = describeGitFailure(error);
    if (failure.notARepository) return { kind: 'not-a-repository' };
    if (failure.noGit) {
      const repository = enclosingRepository(probe);
      return repository ? { kind: 'unknown', reason: `git is not installed, and ${repository} holds a .git folder` } : { kind: 'not-a-repository' };
    }
    return { kind: 'unknown', reason: failure.message };
  }
  try {
    // Literal pathspecs: `x[1].js` is that file, not a glob matching x1.js. -z: names come raw,
    // not quoted and escaped, so they can be shown (escaped) like every other name.
    const { stdout } = await run('git', ['--literal-pathspecs', 'status', '--porcelain', '-z', '--untracked-files=all', '--', ...absolute], {
      cwd: root,
      maxBuffer: 64 * 1024 * 1024,
    });
    const changed: string[] = [];
    const entries = stdout.split('\0');
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index] ?? '';
      if (entry.length < 4) continue;
      changed.push(path.relative(cwd, path.join(root, entry.slice(3))));
      // A rename or copy is followed by its source name, which is not a changed file of its own.
      if (entry[0] === 'R' || entry[0] === 'C') index++;
    }
    return changed.length === 0 ? { kind: 'clean' } : { kind: 'dirty', changed };
  } catch (error) {
    return { kind: 'unknown', reason: describeGitFailure(error).message };
  }
}

function describeGitFailure(error: unknown): { notARepository: boolean; noGit: boolean; message: string } {
  const { code, stderr } = error as { code?: unknown; stderr?: unknown };
  const text = typeof stderr === 'string' ? stderr.trim() : '';
  const firstLine = text.split('\n')[0] ?? '';
  return {
    notARepository: /not a git repository/iu.test(text),
    noGit: code === 'ENOENT',
    message: firstLine || (error instanceof Error ? error.message.split('\n')[0] ?? '' : String(error)),
  };
}

function enclosingRepository(folder: string): string | undefined {
  for (let current = folder; ; current = path.dirname(current)) {
    if (existsSync(path.join(current, '.git'))) return current;
    if (path.dirname(current) === current) return undefined;
  }
}

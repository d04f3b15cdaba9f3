import { execFile } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export type TreeState =
  | { readonly kind: 'clean' }
  | { readonly kind: 'not-a-repository' }
  | { readonly kind: 'dirty'; readonly changed: readonly string[] };

/**
 * Whether the files under `paths` have uncommitted changes (untracked files included: a
 * rewrite of one could not be undone with git). Outside a git repository, or without git,
 * there is nothing to compare with.
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
  } catch {
    return { kind: 'not-a-repository' };
  }
  const { stdout } = await run(
    'git',
    ['status', '--porcelain', '--untracked-files=all', '--', ...absolute],
    { cwd: root, maxBuffer: 64 * 1024 * 1024 },
  );
  const changed = stdout
    .split('\n')
    .filter((line) => line.trim().length > 0)
    .map((line) => path.relative(cwd, path.join(root, line.slice(3))));
  return changed.length === 0 ? { kind: 'clean' } : { kind: 'dirty', changed };
}

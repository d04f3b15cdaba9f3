import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, chmodSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { collectFiles, MissingPathError, writeFileAtomic } from '../../cli/files.js';
import { gitTreeState } from '../../cli/git.js';

let root: string;

function write(relative: string, content = 'export {};\n'): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ca-cli-files-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('collectFiles', () => {
  it('walks folders for sources, skipping dependencies, build output, declarations and .gitignore matches', async () => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    write('.gitignore', 'generated/\n*.gen.ts\n');
    write('src/a.ts');
    write('src/b.tsx');
    write('src/c.mjs');
    write('src/d.cjs');
    write('src/types.d.ts');
    write('src/readme.md', '# no');
    write('src/x.gen.ts');
    write('src/generated/y.ts');
    write('src/nested/.gitignore', 'local.ts\n');
    write('src/nested/local.ts');
    write('src/nested/kept.js');
    write('node_modules/dep/index.js');
    write('src/node_modules/dep/index.js');
    write('dist/index.js');
    write('coverage/lcov.js');
    const { files, skipped } = await collectFiles(['.'], root);
    expect(files.map((file) => path.relative(root, file))).toEqual([
      'src/a.ts',
      'src/b.tsx',
      'src/c.mjs',
      'src/d.cjs',
      path.join('src', 'nested', 'kept.js'),
    ]);
    expect(skipped).toEqual([]);
  });

  it("skips a tsconfig's outDir (lib/ compiled from src/) while walking, and notes one named on the command line", async () => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    write('action/tsconfig.json', '{\n  // compiled output is committed: the runner executes lib/main.js\n  "compilerOptions": { "outDir": "./lib", "rootDir": "./src" },\n  "include": ["src"],\n}\n');
    write('action/src/main.ts');
    write('action/lib/main.js');
    // An outDir set in a base config counts too; a tsconfig compiling into the folder holding its sources does not.
    write('tool/tsconfig.base.json', '{ "compilerOptions": { "outDir": "./out-js" } }');
    write('tool/tsconfig.build.json', '{ "extends": "./tsconfig.base.json", "include": ["src"] }');
    write('tool/src/cli.ts');
    write('tool/out-js/cli.js');
    write('in-place/tsconfig.json', '{ "compilerOptions": { "outDir": "./src", "allowJs": true }, "include": ["src"] }');
    write('in-place/src/index.js');
    write('plain/lib/util.js');
    const { files, skipped, namedBuildOutput } = await collectFiles(['.'], root);
    expect(files.map((file) => path.relative(root, file))).toEqual(['action/src/main.ts', 'in-place/src/index.js', 'plain/lib/util.js', 'tool/src/cli.ts'].map((file) => path.join(...file.split('/'))));
    expect(skipped).toEqual([
      { file: path.join(root, 'action', 'lib'), reason: `the outDir of ${path.join('action', 'tsconfig.json')}: tsc writes it from the sources, so migrate those and build again (name this folder to migrate it anyway)` },
      { file: path.join(root, 'tool', 'out-js'), reason: `the outDir of ${path.join('tool', 'tsconfig.base.json')}: tsc writes it from the sources, so migrate those and build again (name this folder to migrate it anyway)` },
    ]);
    expect(namedBuildOutput).toEqual([]);

    const named = await collectFiles(['action/src', 'action/lib'], root);
    expect(named.files.map((file) => path.relative(root, file))).toEqual([path.join('action', 'lib', 'main.js'), path.join('action', 'src', 'main.ts')]);
    expect(named.skipped).toEqual([]);
    expect(named.namedBuildOutput).toEqual([{ path: path.join(root, 'action', 'lib'), tsconfig: path.join(root, 'action', 'tsconfig.json') }]);
  });

  it("honours a .gitignore above the folder it was given, up to the repository's root", async () => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    write('.gitignore', 'legacy/\n');
    write('app/src/legacy/old.ts');
    write('app/src/new.ts');
    const { files } = await collectFiles(['app/src'], root);
    expect(files.map((file) => path.relative(root, file))).toEqual([path.join('app', 'src', 'new.ts')]);
  });

  it('takes a file named explicitly, reports names that are not sources, and applies --ignore-pattern', async () => {
    write('.gitignore', 'ignored.ts\n');
    write('ignored.ts');
    write('notes.txt', 'x-token');
    write('types.d.ts');
    write('src/keep.ts');
    write('src/skip.ts');
    const { files, skipped } = await collectFiles(['ignored.ts', 'notes.txt', 'types.d.ts', 'src', 'src/keep.ts'], root, ['skip.ts']);
    expect(files.map((file) => path.relative(root, file))).toEqual(['ignored.ts', path.join('src', 'keep.ts')]);
    expect(skipped.map((entry) => [path.relative(root, entry.file), entry.reason])).toEqual([
      ['notes.txt', 'not a JavaScript or TypeScript source (.ts .tsx .mts .cts .js .jsx .mjs .cjs)'],
      ['types.d.ts', 'a declaration file (.d.ts) holds no requests'],
    ]);
  });

  it('takes a folder named explicitly even when an outer .gitignore hides it, keeping the .gitignore files inside', async () => {
    execFileSync('git', ['init', '-q'], { cwd: root });
    write('.gitignore', '.scratch/\n');
    write('.scratch/copy/src/a.ts');
    write('.scratch/copy/.gitignore', 'gen/\n');
    write('.scratch/copy/gen/b.ts');
    const { files } = await collectFiles(['.scratch/copy'], root);
    expect(files.map((file) => path.relative(root, file))).toEqual([path.join('.scratch', 'copy', 'src', 'a.ts')]);
  });

  it('says so when the paths hold no source at all', async () => {
    write('docs/readme.md', '# hi');
    write('docs/node_modules/x/index.js');
    await expect(collectFiles(['docs'], root)).rejects.toThrow(
      "no JavaScript or TypeScript files under docs (node_modules, build output and .gitignore'd files are skipped)",
    );
  });

  it('names every path that does not exist', async () => {
    write('src/a.ts');
    const attempt = collectFiles(['src', 'nope', 'lib/missing.ts'], root);
    await expect(attempt).rejects.toThrow(MissingPathError);
    await expect(attempt).rejects.toThrow('paths do not exist: nope, lib/missing.ts');
  });
});

describe('writeFileAtomic', () => {
  it('replaces the content, keeps the mode and leaves no temporary file', () => {
    write('bin.js', 'old');
    const file = path.join(root, 'bin.js');
    chmodSync(file, 0o755);
    writeFileAtomic(file, 'new', { expected: 'old' });
    expect(readFileSync(file, 'utf8')).toBe('new');
    expect(statSync(file).mode & 0o777).toBe(0o755);
    expect(readdirSync(root)).toEqual(['bin.js']);
  });
});

describe('gitTreeState', () => {
  it('tells clean, dirty (untracked included) and no repository apart', async () => {
    write('src/a.ts');
    expect(await gitTreeState(['src'], root)).toEqual({ kind: 'not-a-repository' });
    const git = (...args: string[]): void => {
      execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root });
    };
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'init');
    expect(await gitTreeState(['src'], root)).toEqual({ kind: 'clean' });
    write('src/a.ts', 'export const changed = 1;\n');
    write('src/new.ts');
    write('other/outside.ts');
    expect(await gitTreeState(['src'], root)).toEqual({ kind: 'dirty', changed: ['src/a.ts', 'src/new.ts'] });
  });
});

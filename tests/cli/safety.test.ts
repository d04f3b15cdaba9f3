/**
 * Bad input and faults around real files (issue 14): what `migrate` reads, what it refuses
 * to write and how it says so. The real transforms run, on real files in a temporary folder.
 */
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import {
  chmodSync,
  chownSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main, type CliDeps } from '../../cli/main.js';
import { loadTransforms } from '../../cli/transforms.js';
import migrate from '../../codemods/migrate.js';
import { InvalidTransformOptionError } from '../../codemods/transform-runner.js';
import { runTransform } from '../codemods/run-transform.js';

const fixtures = path.resolve(import.meta.dirname, '../codemods/fixtures');
const LEGACY = readFileSync(path.join(fixtures, 'a1-literal-keys-fetch.input.ts'), 'utf8');
const MIGRATED = readFileSync(path.join(fixtures, 'a1-literal-keys-fetch.output.ts'), 'utf8');
const isRoot = process.getuid?.() === 0;

let root: string;
const at = (relative: string): string => path.join(root, relative);
function write(relative: string, content: string | Buffer): void {
  mkdirSync(path.dirname(at(relative)), { recursive: true });
  writeFileSync(at(relative), content);
}
const git = (...args: string[]): string =>
  execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.com', ...args], { cwd: root, encoding: 'utf8' });

async function cli(argv: string[], deps: CliDeps = {}): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(
    argv,
    { cwd: root, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text), isTTY: false }, env: {} },
    deps,
  );
  return { code, stdout, stderr };
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ca-cli-safety-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('bytes in, bytes out', () => {
  it('never rewrites a file that is not UTF-8: failed when it may hold calls, skipped when not', async () => {
    const withCalls = Buffer.concat([Buffer.from('// caf'), Buffer.from([0xe9]), Buffer.from(`\n${LEGACY}const label = 'caf`), Buffer.from([0xe9]), Buffer.from("';\n")]);
    const withoutCalls = Buffer.concat([Buffer.from('export const label = "caf'), Buffer.from([0xe9]), Buffer.from('";\n')]);
    write('src/latin1-calls.ts', withCalls);
    write('src/latin1-plain.ts', withoutCalls);
    const { code, stdout } = await cli(['migrate', '--force', '--json', 'src']);
    const report = JSON.parse(stdout) as { files: { failed: { file: string; message: string }[]; skipped: { file: string; reason: string }[]; changed: string[] } };
    expect(readFileSync(at('src/latin1-calls.ts')).equals(withCalls)).toBe(true);
    expect(readFileSync(at('src/latin1-plain.ts')).equals(withoutCalls)).toBe(true);
    expect(report.files.changed).toEqual([]);
    expect(report.files.failed.map(({ file }) => file)).toEqual(['src/latin1-calls.ts']);
    expect(report.files.failed[0]?.message).toMatch(/^not valid UTF-8 \(first bad byte at offset 6\).*may hold calls to migrate$/u);
    expect(report.files.skipped.map(({ file }) => file)).toEqual(['src/latin1-plain.ts']);
    expect(report.files.skipped[0]?.reason).toContain('not valid UTF-8 (first bad byte at offset 25)');
    expect(code).toBe(1);
  });

  it('keeps a byte order mark at the very start, before the inserted import', async () => {
    write('src/bom.ts', `\uFEFF${LEGACY}`);
    const { code } = await cli(['migrate', '--force', 'src']);
    expect(code).toBe(0);
    const bytes = readFileSync(at('src/bom.ts'));
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(bytes.toString('utf8')).toBe(`\uFEFF${MIGRATED}`);
  });

  it('writes inserted lines with CRLF in a CRLF file, for every codemod fixture', () => {
    const inputs = readdirSync(fixtures).filter((name) => name.includes('.input.') && existsSync(path.join(fixtures, name.replace('.input.', '.output.'))));
    expect(inputs.length).toBeGreaterThan(10);
    for (const input of inputs) {
      const lf = readFileSync(path.join(fixtures, input), 'utf8');
      const expected = readFileSync(path.join(fixtures, input.replace('.input.', '.output.')), 'utf8');
      const { output } = runTransform(input, lf.replaceAll('\n', '\r\n'), {}, migrate);
      // The fixtures pin the migrate transform's LF output: the CRLF run must be that, line for line.
      const lfOutput = runTransform(input, lf, {}, migrate).output;
      if (lfOutput === expected) expect(output, input).toBe(expected.replaceAll('\n', '\r\n'));
      else expect(output, input).toBe(lfOutput?.replaceAll('\n', '\r\n'));
    }
  });
});

describe('what migrate refuses to write', () => {
  it('leaves a file the user changed after it was read, and calls it a conflict', async () => {
    write('src/busy.ts', LEGACY);
    const edited = `${LEGACY}// the user's edit while migrate ran\n`;
    const deps: CliDeps = {
      loadTransforms: async (names) =>
        (await loadTransforms(names)).map((transform) => ({
          ...transform,
          run: (...args: Parameters<typeof transform.run>) => {
            const output = transform.run(...args);
            writeFileSync(at('src/busy.ts'), edited);
            return output;
          },
        })),
    };
    const { code, stdout } = await cli(['migrate', '--force', 'src'], deps);
    expect(readFileSync(at('src/busy.ts'), 'utf8')).toBe(edited);
    expect(stdout).toContain('failed   src/busy.ts: conflict: src/busy.ts changed on disk since migrate read it; not written, your version is kept');
    expect(code).toBe(1);
    expect(readdirSync(at('src'))).toEqual(['busy.ts']);
  });

  it('never follows a symlink out of the given paths, and takes a file reached twice once', async () => {
    write('outside/secret.ts', LEGACY);
    write('project/src/own.ts', LEGACY);
    symlinkSync(at('outside/secret.ts'), at('project/src/link.ts'));
    symlinkSync(at('project/src/own.ts'), at('project/src/alias.ts'));
    const { stdout } = await cli(['migrate', '--force', 'project']);
    expect(readFileSync(at('outside/secret.ts'), 'utf8')).toBe(LEGACY);
    expect(readFileSync(at('project/src/own.ts'), 'utf8')).toBe(MIGRATED);
    expect(stdout).toContain(`skipped  project/src/link.ts: a symlink to ${at('outside/secret.ts')}, outside the given paths: not read, not written`);
    expect(stdout).toContain('Files: 1 changed, 0 unchanged, 1 skipped');
    // Named as the file written, not as the link sorted before it.
    expect(stdout).toMatch(/^ {2}changed {2}project\/src\/own\.ts: /mu);
    expect(stdout).not.toMatch(/alias\.ts/u);
  });

  it('names a linked file by the file written, when the link is all the walk meets', async () => {
    write('project/src/lib/real.ts', LEGACY);
    // Ignored by git, so the walk does not meet the target itself: only the link leads to it.
    write('project/.gitignore', 'src/lib/\n');
    symlinkSync('lib/real.ts', at('project/src/alias.ts'));
    const { stdout } = await cli(['migrate', '--force', 'project']);
    expect(readFileSync(at('project/src/lib/real.ts'), 'utf8')).toBe(MIGRATED);
    expect(stdout).toMatch(/^ {2}changed {2}project\/src\/lib\/real\.ts: /mu);
  });

  it('refuses a read-only file (checked from its mode, so also as root), naming it', async () => {
    write('src/locked.ts', LEGACY);
    chmodSync(at('src/locked.ts'), 0o444);
    const { code, stdout } = await cli(['migrate', '--force', 'src']);
    expect(readFileSync(at('src/locked.ts'), 'utf8')).toBe(LEGACY);
    expect(stdout).toContain('failed   src/locked.ts: src/locked.ts is read-only (mode 0444); not written. Make it writable (chmod u+w) to migrate it');
    expect(code).toBe(1);
  });

  it('keeps file modes 666 and 777 whatever the umask', async () => {
    write('src/shared.ts', LEGACY);
    write('src/script.ts', LEGACY);
    chmodSync(at('src/shared.ts'), 0o666);
    chmodSync(at('src/script.ts'), 0o777);
    const previous = process.umask(0o077);
    try {
      expect((await cli(['migrate', '--force', 'src'])).code).toBe(0);
    } finally {
      process.umask(previous);
    }
    expect(readFileSync(at('src/shared.ts'), 'utf8')).toBe(MIGRATED);
    expect(statSync(at('src/shared.ts')).mode & 0o777).toBe(0o666);
    expect(statSync(at('src/script.ts')).mode & 0o777).toBe(0o777);
  });

  it('removes temporary files a killed run left (dead process), and no other file', async () => {
    write('src/a.ts', LEGACY);
    write('src/.a.ts.cloud-automation-migrate-99999999-0123abcd.tmp', 'half');
    write('src/.a.ts.something-else.tmp', 'not ours');
    const { stdout } = await cli(['migrate', '--force', 'src']);
    expect(readdirSync(at('src')).sort()).toEqual(['.a.ts.something-else.tmp', 'a.ts']);
    expect(stdout).toContain('removed  src/.a.ts.cloud-automation-migrate-99999999-0123abcd.tmp: a temporary file an interrupted run left behind');
  });

  it.skipIf(!isRoot)('as another user, names the user\'s file when its folder refuses the temporary file (EACCES)', () => {
    // Root may create files in any folder, so this runs the built CLI as `nobody`.
    const cliPath = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
    if (!existsSync(cliPath) || spawnSync('runuser', ['--help']).status !== 0) throw new Error('needs dist/ (npm run build) and runuser');
    chmodSync(root, 0o755);
    write('src/a.ts', LEGACY);
    chownSync(at('src/a.ts'), 65534, 65534);
    chmodSync(at('src'), 0o555);
    const result = spawnSync('runuser', ['-u', 'nobody', '--', process.execPath, cliPath, 'migrate', '--force', 'src'], { cwd: root, encoding: 'utf8' });
    expect(result.stdout).toContain(`failed   src/a.ts: cannot write src/a.ts: no new file can be made in its folder ${at('src')} (EACCES)`);
    expect(result.stdout).not.toContain('.tmp');
    expect(readFileSync(at('src/a.ts'), 'utf8')).toBe(LEGACY);
    expect(result.status).toBe(1);
  });
});

describe('a reader that stops reading', () => {
  it('ends quietly when stdout is closed before the output is written (`migrate --print | head`)', async () => {
    const cliPath = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
    if (!existsSync(cliPath)) throw new Error('dist/cli/index.js is missing: run `npm run build` first');
    write('src/a.ts', LEGACY);
    const child = spawn(process.execPath, [cliPath, 'migrate', '--print', '--force', 'src'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    // Closed before the first write: every write the CLI makes meets EPIPE.
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const code = await new Promise<number | null>((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).not.toBeNull();
    // --print wrote nothing to disk, whatever became of its output.
    expect(readFileSync(at('src/a.ts'), 'utf8')).toBe(LEGACY);
  });
});

describe('the dirty-tree check', () => {
  it.skipIf(!isRoot)('refuses when git will not answer (dubious ownership), saying why and how to override', async () => {
    // Root can hand the repository to another user; git then refuses to read it for root.
    write('src/a.ts', LEGACY);
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'init');
    execFileSync('chown', ['-R', '65534:65534', root]);
    const { code, stderr } = await cli(['migrate', 'src'], {});
    expect(stderr).toMatch(/refusing to write: git cannot tell whether the files have uncommitted changes \(fatal: detected dubious ownership/u);
    expect(stderr).toContain('pass --force to write anyway');
    expect(code).toBe(2);
    expect(readFileSync(at('src/a.ts'), 'utf8')).toBe(LEGACY);
  });

  it('reads a path with glob characters literally and names that file', async () => {
    write('x[1].ts', LEGACY);
    write('x1.ts', LEGACY);
    git('init', '-q');
    git('add', '.');
    git('commit', '-qm', 'init');
    writeFileSync(at('x1.ts'), `${LEGACY}// edited\n`);
    const clean = await cli(['migrate', 'x[1].ts']);
    expect(clean.stderr).toBe('');
    expect(readFileSync(at('x[1].ts'), 'utf8')).toBe(MIGRATED);
    git('checkout', '--', 'x[1].ts');
    writeFileSync(at('x[1].ts'), `${LEGACY}// edited\n`);
    writeFileSync(at('x1.ts'), LEGACY);
    const dirty = await cli(['migrate', 'x[1].ts']);
    expect(dirty.stderr).toContain('refusing to write: x[1].ts has uncommitted changes');
    expect(dirty.code).toBe(2);
  });
});

describe('options and messages', () => {
  it('refuses a --helper-module that is not a module specifier, naming the option and the form', async () => {
    write('src/a.ts', LEGACY);
    const { code, stderr } = await cli(['migrate', '--force', '--helper-module', "a') + console.log('INJECTED') + ('", 'src']);
    expect(stderr).toContain('--helper-module must be a module specifier: a package name such as cloud-automation-oauth or @acme/keptn-auth');
    expect(code).toBe(2);
    expect(readFileSync(at('src/a.ts'), 'utf8')).toBe(LEGACY);
    expect((await cli(['migrate', '--dry', '--helper-export', 'class', 'src'])).stderr).toContain('--helper-export must be a JavaScript identifier that is not a reserved word');
    expect((await cli(['migrate', '--dry', '--client-export', 'a-b', 'src'])).stderr).toContain('--client-export must be a JavaScript identifier');
    expect((await cli(['migrate', '--dry', '--helper-module', '@acme/keptn-auth/fetch', 'src'])).code).toBe(0);
  });

  it('refuses the same options under plain jscodeshift (--helperModule=…)', () => {
    expect(() => runTransform('a.ts', LEGACY, { helperModule: "x'; process.exit(1); '" }, migrate)).toThrow(InvalidTransformOptionError);
    expect(() => runTransform('a.ts', LEGACY, { helperModule: "x'; process.exit(1); '" }, migrate)).toThrow(/^--helperModule must be a module specifier/u);
    expect(() => runTransform('a.ts', LEGACY, { clientExport: 'import' }, migrate)).toThrow(/^--clientExport must be a JavaScript identifier/u);
    expect(runTransform('a.ts', LEGACY, { helperModule: '#keptn-auth' }, migrate).output).toContain("from '#keptn-auth'");
  });

  it('escapes control characters, ESC and newlines of file names in every printed line', async () => {
    const evil = 'evil\u001B[2J\nFiles: 0 changed\r.ts';
    write(`src/${evil}`, LEGACY);
    const dry = await cli(['migrate', '--dry', 'src']);
    const print = await cli(['migrate', '--print', 'src']);
    const written = await cli(['migrate', '--force', 'src']);
    for (const output of [dry.stdout, print.stdout, written.stdout]) {
      expect(output).not.toContain('\u001B');
      expect(output).not.toContain('\r');
      expect(output).toContain('evil\\e[2J\\nFiles: 0 changed\\r.ts');
      expect(output.split('\n').filter((line) => line.startsWith('Files: '))).toHaveLength(1);
    }
    expect(readFileSync(at(`src/${evil}`), 'utf8')).toBe(MIGRATED);
    const missing = await cli(['migrate', `nope\u001B]0;title\u0007`]);
    expect(missing.stderr).toBe('eslint-plugin-cloud-automation: path does not exist: nope\\e]0;title\\x07\n');
  });

  it('prints JSON under --json for usage errors too', async () => {
    write('src/a.ts', LEGACY);
    for (const argv of [
      ['migrate', '--json', '--bogus', 'src'],
      ['migrate', '--json', 'does-not-exist'],
      ['migrate', '--json', '--helper-module', 'a b', 'src'],
      ['frobnicate', '--json'],
      ['migrate', '--json'],
    ]) {
      const { code, stdout, stderr } = await cli(argv);
      expect(code, argv.join(' ')).toBe(2);
      const document = JSON.parse(stdout) as { error: { kind: string; message: string }; exitCode: number };
      expect(document.error.kind).toBe('usage');
      expect(stderr).toContain(document.error.message.split('\n')[0] ?? '');
      expect(document.exitCode).toBe(2);
    }
  });
});

import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixtures = path.join(here, 'fixtures');

/**
 * The built transform under the real jscodeshift CLI, as a user runs it: ESM output loaded
 * by jscodeshift's `require()` (Node ≥ 20.19 loads ESM that way), `--no-babel` because
 * ts-morph's class static blocks break jscodeshift's Babel register. The build is a plain
 * transpile of core/ and codemods/ into a folder inside the checkout, so `ts-morph` and
 * `jscodeshift` resolve from node_modules as they do from dist/; type errors are the
 * type-check's business, not this test's.
 */
let build: string;
let work: string;

beforeAll(() => {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  build = mkdtempSync(path.join(root, '.tmp', 'codemod-cli-'));
  for (const folder of ['core', 'analysis', 'codemods']) {
    mkdirSync(path.join(build, folder), { recursive: true });
    for (const name of readdirSync(path.join(root, folder)).filter((file) => file.endsWith('.ts'))) {
      const source = readFileSync(path.join(root, folder, name), 'utf8');
      const { outputText } = ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        fileName: name,
      });
      writeFileSync(path.join(build, folder, name.replace(/\.ts$/u, '.js')), outputText);
    }
  }
  work = mkdtempSync(path.join(tmpdir(), 'x-token-cli-'));
  copyFileSync(path.join(fixtures, 'a1-literal-keys-fetch.input.ts'), path.join(work, 'sender.ts'));
  copyFileSync(path.join(fixtures, 'f5-commonjs-axios.input.cjs'), path.join(work, 'approve.cjs'));
  copyFileSync(path.join(fixtures, 'e2-unrelated-strings.input.ts'), path.join(work, 'labels.ts'));
  writeFileSync(path.join(work, 'broken.ts'), "fetch(url, { headers: { 'x-token': t }\n");
});

afterAll(() => {
  rmSync(build, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
});

describe('jscodeshift CLI', () => {
  it('migrates files, skips the rest, lists an unparsable file as an error and exits non-zero for it', async () => {
    const cli = path.join(root, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
    const transform = path.join(build, 'codemods', 'x-token-to-oauth.js');
    const args = [cli, '--no-babel', '--fail-on-error', '--extensions=ts,cjs', '-t', transform, work];
    const result = await run(process.execPath, args, { cwd: root }).then(
      (ok) => ({ ...ok, code: 0 }),
      (error: unknown) => error as { stdout: string; stderr: string; code: number },
    );
    expect(result.stdout).toMatch(/1 errors/u);
    expect(result.stdout).toMatch(/2 ok/u);
    expect(result.stdout).toMatch(/broken\.ts: cannot parse, left unchanged/u);
    expect(result.code).toBe(1);
    expect(readFileSync(path.join(work, 'sender.ts'), 'utf8')).toBe(
      readFileSync(path.join(fixtures, 'a1-literal-keys-fetch.output.ts'), 'utf8'),
    );
    expect(readFileSync(path.join(work, 'approve.cjs'), 'utf8')).toBe(
      readFileSync(path.join(fixtures, 'f5-commonjs-axios.output.cjs'), 'utf8'),
    );
    expect(readFileSync(path.join(work, 'labels.ts'), 'utf8')).toBe(
      readFileSync(path.join(fixtures, 'e2-unrelated-strings.input.ts'), 'utf8'),
    );
    expect(readFileSync(path.join(work, 'broken.ts'), 'utf8')).toBe("fetch(url, { headers: { 'x-token': t }\n");
  });
});

import { execFile } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import migrate from '../../codemods/migrate.js';
import { transpileCodemods } from '../support/transpile-codemods.js';
import { runTransformReports } from './run-transform.js';

const run = promisify(execFile);
const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const fixtures = path.join(here, 'add-oauth-fixtures');

/**
 * add-oauth under the real jscodeshift CLI, built the way jscodeshift-cli.test.ts builds
 * x-token-to-oauth (a plain transpile of core/ and codemods/ inside the checkout).
 */
let build: string;
let work: string;
let combinedWork: string;
const combinedInputs = [
  ['x-token-client.ts', path.join(here, 'fixtures', 'a4-axios-defaults.input.ts')],
  ['no-credentials.ts', path.join(fixtures, 'axios-instance.input.ts')],
  ['token-check.ts', path.join(fixtures, 'token-check.input.ts')],
] as const;

beforeAll(() => {
  mkdirSync(path.join(root, '.tmp'), { recursive: true });
  build = mkdtempSync(path.join(root, '.tmp', 'add-oauth-cli-'));
  transpileCodemods(root, build);
  work = mkdtempSync(path.join(tmpdir(), 'add-oauth-cli-'));
  copyFileSync(path.join(fixtures, 'axios-instance.input.ts'), path.join(work, 'client.ts'));
  copyFileSync(path.join(fixtures, 'fetch-then-chain.input.js'), path.join(work, 'projects.js'));
  copyFileSync(path.join(fixtures, 'negative-unrelated-host.input.ts'), path.join(work, 'github.ts'));
  writeFileSync(path.join(work, 'broken.ts'), 'fetch(`${KEPTN_ENDPOINT}/v1/event`\n');
  combinedWork = mkdtempSync(path.join(tmpdir(), 'migrate-cli-'));
  for (const [name, input] of combinedInputs) copyFileSync(input, path.join(combinedWork, name));
});

afterAll(() => {
  rmSync(build, { recursive: true, force: true });
  rmSync(work, { recursive: true, force: true });
  rmSync(combinedWork, { recursive: true, force: true });
});

describe('add-oauth under the jscodeshift CLI', () => {
  it('migrates, leaves unrelated files, lists an unparsable file as an error', async () => {
    const cli = path.join(root, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
    const args = [cli, '--no-babel', '--fail-on-error', '--extensions=ts,js', '-t', path.join(build, 'codemods', 'add-oauth.js'), work];
    const result = await run(process.execPath, args, { cwd: root }).then(
      (ok) => ({ ...ok, code: 0 }),
      (error: unknown) => error as { stdout: string; stderr: string; code: number },
    );
    expect(result.stdout).toMatch(/1 errors/u);
    expect(result.stdout).toMatch(/2 ok/u);
    expect(result.code).toBe(1);
    expect(readFileSync(path.join(work, 'client.ts'), 'utf8')).toBe(readFileSync(path.join(fixtures, 'axios-instance.output.ts'), 'utf8'));
    expect(readFileSync(path.join(work, 'projects.js'), 'utf8')).toBe(readFileSync(path.join(fixtures, 'fetch-then-chain.output.js'), 'utf8'));
    expect(readFileSync(path.join(work, 'github.ts'), 'utf8')).toBe(readFileSync(path.join(fixtures, 'negative-unrelated-host.input.ts'), 'utf8'));
  });
});

describe('migrate (both transforms, one parse) under the jscodeshift CLI', () => {
  it('writes what it gives in process, for x-token sites and calls without credentials alike', async () => {
    const cli = path.join(root, 'node_modules', 'jscodeshift', 'bin', 'jscodeshift.js');
    const args = [cli, '--no-babel', '--extensions=ts', '-t', path.join(build, 'codemods', 'migrate.js'), combinedWork];
    const { stdout } = await run(process.execPath, args, { cwd: root });
    expect(stdout).toMatch(/3 ok/u);
    for (const [name, input] of combinedInputs) {
      const expected = runTransformReports(input, readFileSync(input, 'utf8'), {}, migrate).output;
      expect(expected).toBeDefined();
      expect(readFileSync(path.join(combinedWork, name), 'utf8')).toBe(expected);
    }
  });
});

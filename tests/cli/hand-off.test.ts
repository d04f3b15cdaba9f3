/**
 * A header builder handed across modules through the real `migrate` command: the run's file list
 * reaches every worker thread, the builder and its callers are written together, and a builder
 * whose caller is left out of the run stays as it was, marked.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { resetTypeOracle } from '../../codemods/type-oracle.js';

let root: string;

async function migrate(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['migrate', '--force', ...args], {
    cwd: root,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
  });
  return { code, stdout, stderr };
}

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'hand-off-cli-'));
  writeFileSync(path.join(root, 'tsconfig.json'), JSON.stringify({ compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext' }, include: ['*.ts'] }));
  writeFileSync(path.join(root, 'headers.ts'), "export function keptnHeaders(token: string): Record<string, string> {\n  return { 'x-token': token, accept: 'application/json' };\n}\n");
  writeFileSync(
    path.join(root, 'events.ts'),
    "import axios from 'axios';\nimport { keptnHeaders } from './headers.js';\nexport async function trigger(base: string, token: string, event: object) {\n  return axios.post(`${base}/api/v1/event`, event, { headers: keptnHeaders(token) });\n}\n",
  );
  // Names nothing of Cloud Automation: only the run's file list brings it in.
  writeFileSync(path.join(root, 'relay.ts'), "import { keptnHeaders } from './headers.js';\nexport async function relayHeaders(token: string) {\n  return { ...keptnHeaders(token), via: 'relay' };\n}\n");
});

afterEach(() => {
  resetTypeOracle();
  rmSync(root, { recursive: true, force: true });
});

describe('migrate with header builders', () => {
  it.each([1, 2])('writes the builder and every caller together (%i worker thread(s))', async (cpus) => {
    const { code, stdout } = await migrate(['--cpus', String(cpus), '.']);
    expect(code).toBe(0);
    expect(readFileSync(path.join(root, 'headers.ts'), 'utf8')).toContain('export async function keptnHeaders(token: string): Promise<Record<string, string>> {');
    expect(readFileSync(path.join(root, 'events.ts'), 'utf8')).toContain('{ headers: await keptnHeaders(token) }');
    expect(readFileSync(path.join(root, 'relay.ts'), 'utf8')).toContain("return { ...await keptnHeaders(token), via: 'relay' };");
    expect(stdout).toContain('`keptnHeaders()` is async now, and its 2 calls await it (events.ts:4, relay.ts:3)');
  });

  it('leaves the builder marked when a caller is not in the run', async () => {
    const { code } = await migrate(['headers.ts', 'events.ts']);
    // A site left for a person ends the run with 1.
    expect(code).toBe(1);
    const builder = readFileSync(path.join(root, 'headers.ts'), 'utf8');
    expect(builder).toContain("'x-token': token");
    expect(builder).toContain('its call in relay.ts:3 is in a file this run does not migrate; run the codemod on both files together');
    expect(readFileSync(path.join(root, 'events.ts'), 'utf8')).toContain('{ headers: keptnHeaders(token) }');
  });
});

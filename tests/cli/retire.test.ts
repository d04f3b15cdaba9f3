/**
 * The report's "retire" and "keep" lists for the old API token, through the real `migrate`
 * command: a GitHub Action whose token input nothing sends any more (named with its action.yml
 * entry, never edited), an Azure DevOps task whose token is still sent by a call left for a
 * person (kept), and env reads judged across files.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import { declarationsOfInputs, readInputDeclarations } from '../../cli/input-declarations.js';
import type { MigrationReport, ReportedToken } from '../../cli/report.js';

let root: string;
function write(relative: string, content: string): void {
  const file = path.join(root, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, content);
}

async function migrate(args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(['migrate', ...args], {
    cwd: root,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
  });
  return { code, stdout, stderr };
}

const brief = (entry: ReportedToken): string => `${entry.kind} ${entry.name} ${entry.file}:${entry.line}`;

const ACTION_YML = `name: Send Keptn event
inputs:
  keptn-api-url:
    description: Keptn API URL
    required: true
  keptn-api-token:
    description: The old API token
    required: true
runs:
  using: node20
  main: dist/index.js
`;

const ACTION_MAIN = `import * as core from '@actions/core';
import axios from 'axios';

export async function run(): Promise<void> {
  const keptnApiToken = core.getInput('keptn-api-token', { required: true });
  const endpoint = core.getInput('keptn-api-url', { required: true });
  if (!keptnApiToken) {
    core.setFailed('missing input keptn-api-token');
    return;
  }
  core.setSecret(keptnApiToken);
  await axios.post(endpoint + '/v1/event', { type: 'sh.keptn.event.test' }, { headers: { 'x-token': keptnApiToken } });
}
`;

const TASK_JSON = `{
  "id": "0b5f3a43-2a4e-4c1e-9b53-3a0f2b7d8e11",
  "name": "KeptnEvent",
  "inputs": [
    { "name": "keptnApiEndpoint", "type": "string", "required": true },
    {
      "name": "apiToken",
      "type": "string",
      "required": true
    }
  ]
}
`;

// The URL has no Keptn route, no Cloud Automation host and no Keptn-named base (a `keptnApiEndpoint`
// input would be one): the call is left for a person, so the token is still sent.
const TASK_MAIN = `import * as tl from 'azure-pipelines-task-lib/task';
import axios from 'axios';

export async function run(): Promise<void> {
  const token = tl.getInput('apiToken', true);
  const endpoint = tl.getInput('statusEndpoint', true) ?? '';
  await axios.get(endpoint + '/custom/status', { headers: { 'x-token': token } });
}
`;

beforeEach(() => {
  root = mkdtempSync(path.join(tmpdir(), 'ca-retire-'));
});
afterEach(() => {
  rmSync(root, { recursive: true, force: true });
});

describe('the old API token in the report', () => {
  it('retires what nothing sends any more, names the action.yml entry, keeps what is still sent', async () => {
    write('action/package.json', '{ "name": "keptn-action", "private": true }\n');
    write('action/action.yml', ACTION_YML);
    write('action/src/main.ts', ACTION_MAIN);
    write('task/KeptnEvent/package.json', '{ "name": "keptn-task", "private": true }\n');
    write('task/KeptnEvent/task.json', TASK_JSON);
    write('task/KeptnEvent/index.ts', TASK_MAIN);
    write(
      'service/env.ts',
      [
        'const endpoint = process.env.KEPTN_ENDPOINT;',
        'const apiToken = process.env.KEPTN_API_TOKEN;',
        "if (!process.env.KEPTN_API_TOKEN) throw new Error('KEPTN_API_TOKEN is not set');",
        'export async function send(): Promise<void> {',
        "  await fetch(endpoint + '/v1/event', { method: 'POST', headers: { 'x-token': apiToken } });",
        '}',
        '',
      ].join('\n'),
    );

    const { stdout } = await migrate(['--json', 'action', 'task', 'service']);
    const report = JSON.parse(stdout) as MigrationReport;

    expect(report.tokens.retire.map(brief)).toEqual([
      'variable keptnApiToken action/src/main.ts:5',
      'action-input keptn-api-token action/src/main.ts:5',
      'env-var KEPTN_API_TOKEN service/env.ts:2',
      'env-var KEPTN_API_TOKEN service/env.ts:3',
    ]);
    const input = report.tokens.retire.find((entry) => entry.kind === 'action-input');
    expect(input).toMatchObject({ required: true, why: 'read only to check that it is set', declaredIn: [{ file: 'action/action.yml', line: 6, required: true }] });
    expect(report.tokens.retire.find((entry) => entry.line === 2 && entry.file === 'service/env.ts')?.why).toBe('the migration removes this read');

    expect(report.tokens.keep.map(brief)).toEqual(['task-input apiToken task/KeptnEvent/index.ts:5']);
    expect(report.tokens.keep[0]?.declaredIn).toEqual([{ file: 'task/KeptnEvent/task.json', line: 7, required: true }]);
    expect(report.env.retire).toEqual(['KEPTN_API_TOKEN']);

    // Named, never rewritten.
    expect(readFileSync(path.join(root, 'action/action.yml'), 'utf8')).toBe(ACTION_YML);
    expect(readFileSync(path.join(root, 'task/KeptnEvent/task.json'), 'utf8')).toBe(TASK_JSON);
    expect(readFileSync(path.join(root, 'action/src/main.ts'), 'utf8')).toContain("core.getInput('keptn-api-token', { required: true })");
  });

  it('prints each place with file:line, and where an input is declared', async () => {
    write('action/package.json', '{ "name": "keptn-action", "private": true }\n');
    write('action/action.yml', ACTION_YML);
    write('action/src/main.ts', ACTION_MAIN);
    const { stdout } = await migrate(['--dry', 'action']);
    expect(stdout).toContain('The old API token in the code (retire: nothing sends it any more; keep: something still does):');
    expect(stdout).toMatch(/^ {2}retire {2}action input keptn-api-token +action\/src\/main\.ts:5 {2}read only to check that it is set \(read as required\)$/mu);
    expect(stdout).toMatch(/^ +declared in action\/action\.yml:6, required: true; delete it there$/mu);
    expect(stdout).toMatch(/^ {2}retire {2}variable keptnApiToken +action\/src\/main\.ts:5 {2}read only to check that it is set$/mu);
  });

  it('compiled CommonJS in lib/ (what an Action or task ships): the inputs are retired with their action.yml and task.json entries', async () => {
    const compiled = (name: string): string => readFileSync(new URL(`../codemods/fixtures/token-plumbing/compiled/lib/${name}`, import.meta.url), 'utf8');
    write('action/package.json', '{ "name": "keptn-action", "private": true }\n');
    write('action/action.yml', ACTION_YML.replace('main: dist/index.js', 'main: lib/action.js'));
    write('action/lib/action.js', compiled('action.js'));
    write('task/KeptnEvent/package.json', '{ "name": "keptn-task", "private": true }\n');
    write('task/KeptnEvent/task.json', TASK_JSON);
    write('task/KeptnEvent/task.js', compiled('task.js'));

    const { stdout } = await migrate(['--json', 'action', 'task']);
    const report = JSON.parse(stdout) as MigrationReport;

    expect(report.tokens.keep).toEqual([]);
    expect(report.tokens.retire.map(brief)).toEqual([
      'variable keptnApiToken action/lib/action.js:44',
      'action-input keptn-api-token action/lib/action.js:44',
      'variable apiToken task/KeptnEvent/task.js:44',
      'task-input apiToken task/KeptnEvent/task.js:44',
    ]);
    expect(report.tokens.retire.find((entry) => entry.kind === 'action-input')).toMatchObject({ required: true, declaredIn: [{ file: 'action/action.yml', line: 6, required: true }] });
    expect(report.tokens.retire.find((entry) => entry.kind === 'task-input')).toMatchObject({ required: true, declaredIn: [{ file: 'task/KeptnEvent/task.json', line: 7, required: true }] });
    expect(readFileSync(path.join(root, 'action/lib/action.js'), 'utf8')).not.toMatch(/x-token/u);
  });

  it('an Action that reads its input from the runner\'s env var and masks it by hand: the input with its action.yml entry, retired', async () => {
    write('action/package.json', '{ "name": "keptn-action", "private": true }\n');
    write('action/action.yml', ACTION_YML.replace('main: dist/index.js', 'main: src/action.js'));
    write('action/src/action.js', readFileSync(new URL('../codemods/fixtures/token-plumbing/action-raw-env.js', import.meta.url), 'utf8'));
    const { stdout } = await migrate(['--json', 'action']);
    const report = JSON.parse(stdout) as MigrationReport;
    expect(report.tokens.keep).toEqual([]);
    expect(report.tokens.retire.map(brief)).toEqual(['variable token action/src/action.js:4', 'action-input keptn-api-token action/src/action.js:4']);
    expect(report.tokens.retire[1]).toMatchObject({ why: 'read only to check that it is set', declaredIn: [{ file: 'action/action.yml', line: 6, required: true }] });
  });

  it('an env var read and still sent in one file is kept everywhere', async () => {
    write('a.ts', "const endpoint = process.env.KEPTN_ENDPOINT;\nexport const send = async () => fetch(endpoint + '/v1/event', { method: 'POST', headers: { 'x-token': process.env.KEPTN_API_TOKEN ?? '' } });\n");
    write('b.ts', "export const forward = (send: (token: string) => void) => send(process.env.KEPTN_API_TOKEN ?? '');\n");
    const { stdout } = await migrate(['--json', 'a.ts', 'b.ts']);
    const report = JSON.parse(stdout) as MigrationReport;
    expect(report.tokens.retire).toEqual([]);
    expect(report.tokens.keep.map(brief)).toEqual(['env-var KEPTN_API_TOKEN a.ts:2', 'env-var KEPTN_API_TOKEN b.ts:1']);
    expect(report.env.retire).toEqual([]);
  });
});

describe('input declarations', () => {
  it('reads action.yml inputs with their lines and required flags, quoted keys and comments included', () => {
    write('action.yml', "name: x\ninputs:\n  # the endpoint\n  'url':\n    required: false\n  token:\n    description: 'required: true is not this'\n    required: true # must be set\noutputs:\n  id:\n    required: true\n");
    expect(readInputDeclarations(path.join(root, 'action.yml'), 'action-input').map(({ name, line, required }) => ({ name, line, required }))).toEqual([
      { name: 'url', line: 4, required: false },
      { name: 'token', line: 6, required: true },
    ]);
  });

  it('stops at the package root and matches input names without regard to case', () => {
    write('action.yml', 'inputs:\n  Keptn-Api-Token:\n    required: true\n');
    write('pkg/package.json', '{}\n');
    write('pkg/src/main.ts', '');
    expect(declarationsOfInputs([{ sourceFile: path.join(root, 'pkg/src/main.ts'), kind: 'action-input', name: 'keptn-api-token' }])).toEqual([]);
    expect(declarationsOfInputs([{ sourceFile: path.join(root, 'main.ts'), kind: 'action-input', name: 'keptn-api-token' }])).toMatchObject([{ name: 'Keptn-Api-Token', line: 2, required: true }]);
  });

  it('a task.json that does not parse declares nothing', () => {
    write('task.json', '{ "inputs": [');
    expect(readInputDeclarations(path.join(root, 'task.json'), 'task-input')).toEqual([]);
  });
});

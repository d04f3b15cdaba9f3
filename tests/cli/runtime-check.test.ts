import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { MigrationReport } from '../../cli/report.js';
import { checkRuntimes, formatRuntimeSection, readRunsUsing, runtimeReport } from '../../cli/runtime-check.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'runtime');

/** A copy of the fixtures in a git repository of its own, so nothing above it declares a runtime. */
function repositoryFrom(source: string): string {
  const root = mkdtempSync(path.join(tmpdir(), 'runtime-check-'));
  cpSync(source, root, { recursive: true });
  execFileSync('git', ['init', '-q'], { cwd: root });
  return root;
}

async function cli(argv: string[], cwd: string): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await main(argv, {
    cwd,
    stdout: { write: (text: string) => (stdout += text) },
    stderr: { write: (text: string) => (stderr += text), isTTY: false },
    env: {},
  });
  return { code, stdout, stderr };
}

describe('readRunsUsing (the action.yml reader)', () => {
  it.each([
    ['runs:\n  using: node12\n  main: index.js\n', { value: 'node12', quote: '', line: 2 }],
    ["name: x\nruns:\n  using: 'node16' # old\n", { value: 'node16', quote: "'", line: 3 }],
    ['runs:\r\n    main: "dist/index.js"\r\n    using: "node20"\r\n', { value: 'node20', quote: '"', line: 3 }],
    ['\uFEFF# comment\nruns:\n\n  # using: node24\n  using: node12\n', { value: 'node12', quote: '', line: 5 }],
    ["runs: { using: 'node12', main: 'index.js' }\n", { value: 'node12', quote: "'", line: 1 }],
    ['runs: {main: index.js, using: node16}\n', { value: 'node16', quote: '', line: 1 }],
    ['runs:\n  using: composite\n  steps: []\n', { value: 'composite', quote: '', line: 2 }],
  ])('%j', (text, expected) => {
    expect(readRunsUsing(text)).toEqual(expected);
  });

  it('reads only the direct child of the top-level runs key', () => {
    expect(readRunsUsing('inputs:\n  using:\n    description: x\nruns:\n  steps:\n    - using: node12\n  using: docker\n')).toEqual({ value: 'docker', quote: '', line: 7 });
    expect(readRunsUsing('outputs:\n  runs:\n    using: node12\n')).toBeUndefined();
    expect(readRunsUsing('runs:\nusing: node12\n')).toBeUndefined();
    expect(readRunsUsing('name: no runs here\n')).toBeUndefined();
  });
});

describe('checkRuntimes', () => {
  let root: string;
  beforeAll(() => {
    root = repositoryFrom(fixtures);
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  const at = (relative: string): string => path.join(root, relative);

  it('names the declaring file and line, what it declares and what to write instead', async () => {
    const warnings = await checkRuntimes([
      at('github-action/src/index.js'),
      at('azure-task/KeptnEventTask/index.ts'),
      at('old-engines/lib/client.mjs'),
      at('nvm-pinned/cron.js'),
      at('fine/src/report.js'),
    ]);
    expect(warnings).toEqual([
      {
        kind: 'azure-devops-task',
        file: at('azure-task/KeptnEventTask/task.json'),
        line: 10,
        declares: 'execution: Node10',
        oldestNode: '10',
        change: '"Node20_1": { "target": "index.js" } under "execution"',
        alternatives: ['"Node24": { "target": "index.js" }'],
        note: expect.stringContaining('minimumAgentVersion') as string,
        files: [at('azure-task/KeptnEventTask/index.ts')],
      },
      {
        kind: 'github-action',
        file: at('github-action/action.yml'),
        line: 8,
        declares: "runs.using: 'node12'",
        oldestNode: '12',
        change: "using: 'node24'",
        alternatives: ["using: 'node20'"],
        files: [at('github-action/src/index.js')],
      },
      {
        kind: 'nvmrc',
        file: at('nvm-pinned/.nvmrc'),
        line: 2,
        declares: '16.20.2',
        oldestNode: '16.20.2',
        change: '18.17.0',
        alternatives: ['any later version'],
        files: [at('nvm-pinned/cron.js')],
      },
      {
        kind: 'engines',
        file: at('old-engines/package.json'),
        line: 5,
        declares: 'engines.node: ">=14"',
        oldestNode: '14.0.0',
        change: '"node": ">=18.17"',
        alternatives: [],
        files: [at('old-engines/lib/client.mjs')],
      },
    ]);
  });

  it('says nothing about a package whose declarations all run the helper', async () => {
    expect(await checkRuntimes([at('fine/src/report.js')])).toEqual([]);
  });

  it('lets the newest Azure handler decide, as the agent does', async () => {
    const task = at('azure-task/KeptnEventTask/task.json');
    writeFileSync(task, JSON.stringify({ execution: { Node10: { target: 'index.js' }, Node20_1: { target: 'index.js' } } }));
    try {
      expect(await checkRuntimes([at('azure-task/KeptnEventTask/index.ts')])).toEqual([]);
    } finally {
      cpSync(path.join(fixtures, 'azure-task/KeptnEventTask/task.json'), task);
    }
  });

  it('takes the nearest declaration of each kind, and one entry per declaring file', async () => {
    const nested = at('old-engines/lib/modern');
    mkdirSync(nested, { recursive: true });
    writeFileSync(path.join(nested, 'package.json'), JSON.stringify({ name: 'modern', engines: { node: '^20.19.0 || >=22' } }));
    writeFileSync(path.join(nested, 'a.js'), '');
    writeFileSync(path.join(nested, '.node-version'), 'v16\n');
    const warnings = await checkRuntimes([path.join(nested, 'a.js'), at('old-engines/lib/client.mjs'), path.join(nested, 'b.js')]);
    expect(warnings.map((warning) => [path.relative(root, warning.file), warning.declares, warning.files.map((file) => path.relative(root, file))])).toEqual([
      ['old-engines/lib/modern/.node-version', 'v16', ['old-engines/lib/modern/a.js', 'old-engines/lib/modern/b.js']],
      ['old-engines/package.json', 'engines.node: ">=14"', ['old-engines/lib/client.mjs']],
    ]);
  });

  it('reads the @types/node of a package without engines.node as where it runs, and engines.node over it', async () => {
    const typedOnly = at('typed-for-16');
    mkdirSync(path.join(typedOnly, 'src'), { recursive: true });
    writeFileSync(path.join(typedOnly, 'package.json'), JSON.stringify({ name: 'typed', devDependencies: { typescript: '^5.9.3', '@types/node': '^16.18.126' } }, null, 2));
    const alsoEngines = at('typed-for-16-engines-20');
    mkdirSync(alsoEngines, { recursive: true });
    writeFileSync(path.join(alsoEngines, 'package.json'), JSON.stringify({ engines: { node: '>=20' }, devDependencies: { '@types/node': '^16.18.126' } }));
    const recentTypes = at('typed-for-20');
    mkdirSync(recentTypes, { recursive: true });
    writeFileSync(path.join(recentTypes, 'package.json'), JSON.stringify({ dependencies: { '@types/node': '20.19.43' } }));
    expect(await checkRuntimes([path.join(typedOnly, 'src/a.ts'), path.join(alsoEngines, 'b.ts'), path.join(recentTypes, 'c.ts')])).toEqual([
      {
        kind: 'node-types',
        file: path.join(typedOnly, 'package.json'),
        line: 5,
        declares: 'devDependencies["@types/node"]: "^16.18.126" and no engines.node',
        oldestNode: '16',
        change: '"engines": { "node": ">=18.17" } once it runs there',
        alternatives: ['"@types/node": "^18"'],
        files: [path.join(typedOnly, 'src/a.ts')],
      },
    ]);
  });

  it('does not look above the repository root', async () => {
    const outer = mkdtempSync(path.join(tmpdir(), 'runtime-outer-'));
    try {
      writeFileSync(path.join(outer, '.nvmrc'), '12\n');
      const inner = path.join(outer, 'repo');
      mkdirSync(path.join(inner, '.git'), { recursive: true });
      expect(await checkRuntimes([path.join(inner, 'index.js')])).toEqual([]);
      expect((await checkRuntimes([path.join(outer, 'index.js')])).map((warning) => warning.declares)).toEqual(['12']);
    } finally {
      rmSync(outer, { recursive: true, force: true });
    }
  });
});

describe('formatRuntimeSection', () => {
  it('prints nothing when nothing is wrong', async () => {
    const root = repositoryFrom(path.join(fixtures, 'fine'));
    try {
      const runtime = await runtimeReport([path.join(root, 'src/report.js')], (file) => file);
      expect(runtime.warnings).toEqual([]);
      expect(formatRuntimeSection(runtime, 'cloud-automation-oauth')).toEqual([]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe('migrate reports the runtime', () => {
  let root: string;
  beforeAll(() => {
    root = repositoryFrom(fixtures);
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('in the text report, with the declaring file and line', async () => {
    const { code, stdout } = await cli(['migrate', '--dry', '.'], root);
    const section = stdout.slice(stdout.indexOf('Runtime:'));
    expect(section).toMatch(/^Runtime: cloud-automation-oauth needs Node 18\.17 or later \(global fetch, Headers, Request and Response: Node 18\.0; the oldest Node the helper is tested on: Node 18\.17\)\./u);
    expect(section).toContain('These 4 declarations run migrated code on an older Node:');
    expect(section).toContain(
      [
        "  github-action/action.yml:8  runs.using: 'node12': GitHub runs the action on Node 12",
        "    change to: using: 'node24' (or using: 'node20')",
        '    for:       github-action/src/index.js',
      ].join('\n'),
    );
    expect(section).toContain('  azure-task/KeptnEventTask/task.json:10  execution: Node10: the agent runs the task on Node 10');
    expect(section).toContain('  old-engines/package.json:5  engines.node: ">=14": the package allows Node 14.0.0');
    expect(section).toContain('    change to: "node": ">=18.17"');
    expect(section).toContain('    change to: "Node20_1": { "target": "index.js" } under "execution" (or "Node24": { "target": "index.js" })');
    expect(section).toContain('  nvm-pinned/.nvmrc:2  16.20.2: nvm installs Node 16.20.2');
    expect(section).not.toContain('fine/');
    expect(code).toBe(1);
  });

  it('as structured entries with --json', async () => {
    const { code, stdout } = await cli(['migrate', '--dry', '--json', '.'], root);
    const report = JSON.parse(stdout) as MigrationReport;
    expect(code).toBe(1);
    expect(report.files.changed).toContain('fine/src/report.js');
    expect(report.runtime?.helperMinimumNode).toBe('18.17.0');
    expect(report.runtime?.warnings.map(({ kind, file, line, files }) => ({ kind, file, line, files }))).toEqual([
      { kind: 'azure-devops-task', file: 'azure-task/KeptnEventTask/task.json', line: 10, files: ['azure-task/KeptnEventTask/index.ts'] },
      { kind: 'github-action', file: 'github-action/action.yml', line: 8, files: ['github-action/src/index.js'] },
      { kind: 'nvmrc', file: 'nvm-pinned/.nvmrc', line: 2, files: ['nvm-pinned/cron.js'] },
      { kind: 'engines', file: 'old-engines/package.json', line: 5, files: ['old-engines/lib/client.mjs'] },
    ]);
  });

  it('is quiet, and exits 0, when the migrated package runs the helper', async () => {
    const { code, stdout } = await cli(['migrate', '--dry', '--json', 'fine'], root);
    const report = JSON.parse(stdout) as MigrationReport;
    expect(report.files.changed).toEqual(['fine/src/report.js']);
    expect(report.runtime?.warnings).toEqual([]);
    expect(code).toBe(0);
  });

  it('warns again on a second run, when the Action already uses the helper and nothing is left to change', async () => {
    const again = repositoryFrom(path.join(fixtures, 'github-action'));
    try {
      expect((await cli(['migrate', '-f', '.'], again)).code).toBe(1);
      const { code, stdout } = await cli(['migrate', '--dry', '--json', '.'], again);
      const report = JSON.parse(stdout) as MigrationReport;
      expect(report.files.changed).toEqual([]);
      expect(report.runtime?.warnings.map(({ kind, file, line, files }) => ({ kind, file, line, files }))).toEqual([{ kind: 'github-action', file: 'action.yml', line: 8, files: ['src/index.js'] }]);
      expect(code).toBe(1);
    } finally {
      rmSync(again, { recursive: true, force: true });
    }
  });

  it('is not asked for scopes, nor with a helper module of the user', async () => {
    const scopes = JSON.parse((await cli(['scopes', '--json', '.'], root)).stdout) as MigrationReport;
    expect(scopes.runtime).toBeUndefined();
    const own = JSON.parse((await cli(['migrate', '--dry', '--json', '--helper-module', '@acme/keptn-auth', 'github-action'], root)).stdout) as MigrationReport;
    expect(own.files.changed).toEqual(['github-action/src/index.js']);
    expect(own.runtime).toBeUndefined();
  });
});

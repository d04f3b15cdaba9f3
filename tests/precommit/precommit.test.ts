/**
 * The pre-commit journey of docs/pre-commit.md, for real: a fresh git repository, the packed
 * plugin installed into it, husky + lint-staged set up as the docs say, and commits that are
 * refused or let through. The registry is not needed: the packed plugin is unpacked into the
 * project's node_modules and its dependencies (ESLint, typescript-eslint, husky, lint-staged)
 * are linked from this checkout's node_modules, which `npm ci` filled.
 *
 * The pre-commit framework (python) is not installed here, so its hook file is checked for
 * shape and its entry command is run directly on the staged files, as pre-commit would.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const PLUGIN = 'eslint-plugin-cloud-automation';
const RULE_MESSAGE = 'The deprecated `x-token` header is sent by';

const LEGACY_CLIENT = `export async function listProjects(): Promise<unknown> {
  const response = await fetch(\`\${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project\`, {
    headers: { 'x-token': process.env.KEPTN_API_TOKEN ?? '' },
  });
  return response.json();
}
`;
const MIGRATED_CLIENT = `import { oauthClientFromEnv } from 'cloud-automation-oauth';

export async function listProjects(): Promise<unknown> {
  const response = await oauthClientFromEnv().fetch(\`\${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project\`);
  return response.json();
}
`;

let scratch: string;
let project: string;

function sh(command: string, args: readonly string[], cwd = project): { status: number; output: string } {
  const result = spawnSync(command, args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com', HUSKY: '' },
  });
  return { status: result.status ?? -1, output: `${result.stdout}${result.stderr}` };
}

/** `npm pack` of the checkout as it is (dist included), unpacked where `npm install <tgz>` would put it. */
function installPackedPlugin(): void {
  if (!existsSync(path.join(repoRoot, 'dist/rules/index.js'))) {
    execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'ignore' });
  }
  const output = execFileSync('npm', ['pack', '--ignore-scripts', '--silent', '--pack-destination', scratch], { cwd: repoRoot, encoding: 'utf8' });
  const tarball = path.join(scratch, output.trim().split('\n').at(-1) ?? '');
  const modules = path.join(project, 'node_modules');
  mkdirSync(path.join(modules, PLUGIN), { recursive: true });
  execFileSync('tar', ['-xzf', tarball, '--strip-components=1', '-C', path.join(modules, PLUGIN)]);
  for (const entry of readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (entry === PLUGIN || entry === '.package-lock.json') continue;
    symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry));
  }
}

beforeAll(() => {
  scratch = mkdtempSync(path.join(tmpdir(), 'ca-precommit-'));
  project = path.join(scratch, 'service');
  mkdirSync(path.join(project, 'src'), { recursive: true });
  // The files docs/pre-commit.md tells a user to write.
  writeFileSync(
    path.join(project, 'package.json'),
    `${JSON.stringify(
      {
        name: 'service',
        private: true,
        type: 'module',
        scripts: { prepare: 'husky' },
        'lint-staged': { '*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}': 'eslint --max-warnings=0 --no-warn-ignored' },
      },
      null,
      2,
    )}\n`,
  );
  writeFileSync(
    path.join(project, 'eslint.config.js'),
    `import cloudAutomation from 'eslint-plugin-cloud-automation';\n\nexport default [...cloudAutomation.configs.recommended];\n`,
  );
  installPackedPlugin();
  expect(sh('git', ['init', '-q']).status).toBe(0);
  // `npm run prepare` in the docs: husky points git at .husky/_.
  expect(sh('node', ['node_modules/husky/bin.js']).status).toBe(0);
  writeFileSync(path.join(project, '.husky', 'pre-commit'), 'npx lint-staged\n');
  writeFileSync(path.join(project, '.gitignore'), 'node_modules/\n');
}, 120_000);

afterAll(() => {
  rmSync(scratch, { recursive: true, force: true });
});

describe('husky + lint-staged', () => {
  it('refuses a commit that adds an x-token header, with the rule message, and lets the fixed file through', () => {
    writeFileSync(path.join(project, 'src/keptn.ts'), LEGACY_CLIENT);
    sh('git', ['add', '.']);
    const refused = sh('git', ['commit', '-m', 'list projects']);
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain(RULE_MESSAGE);
    expect(refused.output).toContain('cloud-automation/no-x-token-header');
    expect(sh('git', ['rev-parse', '--verify', '-q', 'HEAD']).status).not.toBe(0);

    writeFileSync(path.join(project, 'src/keptn.ts'), MIGRATED_CLIENT);
    sh('git', ['add', '.']);
    const accepted = sh('git', ['commit', '-m', 'list projects with OAuth']);
    expect(accepted.output).not.toContain(RULE_MESSAGE);
    expect(accepted.status).toBe(0);
    expect(sh('git', ['log', '--format=%s']).output.trim()).toBe('list projects with OAuth');
    expect(readFileSync(path.join(project, 'src/keptn.ts'), 'utf8')).toBe(MIGRATED_CLIENT);
  });
});

interface Hook {
  id: string;
  name: string;
  entry: string;
  language: string;
  types_or?: string[];
}

describe('pre-commit framework hook', () => {
  const hooks = parse(readFileSync(path.join(repoRoot, '.pre-commit-hooks.yaml'), 'utf8')) as Hook[];

  it('has the shape pre-commit expects', () => {
    expect(Array.isArray(hooks)).toBe(true);
    const hook = hooks.find((candidate) => candidate.id === 'cloud-automation-lint');
    expect(hook).toMatchObject({ id: 'cloud-automation-lint', language: 'system' });
    for (const candidate of hooks) {
      expect(Object.keys(candidate).every((key) => ['id', 'name', 'description', 'entry', 'language', 'types_or', 'types', 'files', 'exclude', 'require_serial', 'pass_filenames', 'args', 'additional_dependencies', 'stages'].includes(key))).toBe(true);
      expect(candidate.name.length).toBeGreaterThan(0);
      expect(candidate.types_or?.every((tag) => ['javascript', 'jsx', 'ts', 'tsx'].includes(tag))).toBe(true);
    }
  });

  it('its entry, run on staged files as pre-commit runs it, fails on x-token and passes once fixed', () => {
    const hook = hooks.find((candidate) => candidate.id === 'cloud-automation-lint');
    const [command = '', ...args] = (hook?.entry ?? '').split(/\s+/u);
    writeFileSync(path.join(project, 'src/events.ts'), LEGACY_CLIENT.replace('listProjects', 'listAgain'));
    const failing = sh(command, [...args, 'src/events.ts']);
    expect(failing.status).toBe(1);
    expect(failing.output).toContain(RULE_MESSAGE);
    writeFileSync(path.join(project, 'src/events.ts'), MIGRATED_CLIENT.replace('listProjects', 'listAgain'));
    expect(sh(command, [...args, 'src/events.ts'])).toEqual({ status: 0, output: '' });
  });
});

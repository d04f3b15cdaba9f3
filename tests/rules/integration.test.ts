/**
 * Lints the fixture project in fixtures/integration through the real `ESLint` class with the
 * configs the package ships, as a user's eslint.config.js would, and checks every finding.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, type Linter } from 'eslint';
import { defineConfig } from 'eslint/config';
import { beforeAll, describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

const project = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'integration');

type Findings = Record<string, string[]>;

/** `file → ['rule:line', …]`, sorted, for every file of the fixture project. */
async function lint(config: Linter.Config[]): Promise<Findings> {
  const eslint = new ESLint({ cwd: project, overrideConfigFile: true, overrideConfig: config });
  const results = await eslint.lintFiles(['src']);
  const findings: Findings = {};
  for (const result of results) {
    const fatal = result.messages.filter((message) => message.fatal === true);
    expect(fatal, path.basename(result.filePath)).toEqual([]);
    findings[path.relative(project, result.filePath).split(path.sep).join('/')] = result.messages
      .map((message) => `${message.ruleId ?? ''}:${message.line}`)
      .sort();
  }
  return findings;
}

/** What the recommended config finds without type information. */
const untypedFindings: Findings = {
  'src/header-names.ts': [],
  // The header name is imported: read without types in the module that exports it.
  'src/imported-header.ts': ['cloud-automation/no-x-token-header:5'],
  'src/keptn-client.ts': [
    'cloud-automation/no-hardcoded-credentials:4',
    'cloud-automation/no-x-token-header:8',
  ],
  // One finding per problem: the request sends x-token, which no-x-token-header reports; require-oauth leaves it.
  'src/legacy.cjs': ['cloud-automation/no-x-token-header:5'],
  'src/migrated.ts': [],
  'src/oauth-setup.ts': ['cloud-automation/no-hardcoded-credentials:6', 'cloud-automation/valid-oauth-scopes:8'],
  'src/scopes.mjs': ['cloud-automation/valid-oauth-scopes:2'],
  'src/widget.tsx': [],
};

describe('configs.recommended through the ESLint class', () => {
  let spread: Findings;
  beforeAll(async () => {
    spread = await lint([...plugin.configs.recommended]);
  });

  it('reports exactly the expected findings in every file (.ts, .tsx, .cjs, .mjs)', () => {
    expect(spread).toEqual(untypedFindings);
  });

  it('gives the same findings through defineConfig({ extends })', async () => {
    const viaExtends = await lint(defineConfig({ extends: [plugin.configs.recommended] }));
    expect(viaExtends).toEqual(spread);
  });

  it('lets a user change a rule after the config', async () => {
    const findings = await lint([
      ...plugin.configs.recommended,
      { rules: { 'cloud-automation/no-hardcoded-credentials': 'off' } },
    ]);
    expect(Object.values(findings).flat().some((finding) => finding.startsWith('cloud-automation/no-hardcoded-credentials'))).toBe(false);
    expect(findings['src/keptn-client.ts']).toContain('cloud-automation/no-x-token-header:8');
  });
});

describe("configs['recommended-type-checked'] with the project's tsconfig", () => {
  it('finds what the untyped config finds, the header name imported from another module included', async () => {
    const findings = await lint([
      ...plugin.configs['recommended-type-checked'],
      { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: project } } },
    ]);
    expect(findings).toEqual(untypedFindings);
  });
});

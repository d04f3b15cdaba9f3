/**
 * Issue 12: `no-x-token-header` must find every `x-token` header that a one-line
 * `no-restricted-syntax` selector on literal keys finds, on the same files, plus the forms the
 * selector cannot see (computed and constant keys, `Headers`, `.set(…)`), and nothing on a
 * response header read or on an object that never reaches a request. Every source file of the
 * repository's fixture folders and example apps is linted with both, without type information
 * (the rule's weakest case), and the difference is checked key by key.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ESLint, Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const FOLDERS = [
  'examples/legacy-app/src',
  'tests/agreement/fixtures',
  'tests/cli/fixtures/runtime',
  'tests/codemods/fixtures',
  'tests/e2e/forms-app/src',
  'tests/e2e/shared-instance-app/src',
  'tests/rules/fixtures',
  'tests/scopes/fixtures',
];
/** Literal keys spelled as the header, in any letter case: what a user would write first. */
const SELECTOR = 'Property[key.type="Literal"][key.value=/^x-token$/i]';
const SELECTOR_MESSAGE = 'x-token key';

/**
 * Literal keys the selector finds that are no header sent to Cloud Automation, each with why;
 * the rule must stay silent on exactly these. A new entry needs a reason a reviewer can check.
 */
const NEVER_SENT: Readonly<Record<string, string>> = {
  'tests/codemods/fixtures/e2-unrelated-strings.input.ts:2': 'a map of column labels, never sent',
  'tests/codemods/fixtures/c3-exported-header-builders.input.js:22': 'a map of column labels, neither sent nor exported',
  'tests/codemods/fixtures/project/src/header-builders.ts:22': 'returned by a function that is never called and not exported',
  'tests/codemods/fixtures/project-output/src/header-builders.ts:24': 'returned by a function that is never called and not exported',
  'tests/codemods/fixtures/c9-logged-request-options.input.ts:22': 'a redacted copy of the options, only logged',
  'tests/codemods/fixtures/c9-logged-request-options.output.ts:23': 'a redacted copy of the options, only logged',
  'tests/codemods/fixtures/c6-nest-http-module-register.input.ts:36': 'an exported map of column labels, no token',
  'tests/codemods/fixtures/c6-nest-http-module-register.output.ts:38': 'an exported map of column labels, no token',
};

/**
 * Literal keys sent by a client another module of the project exports (an instance, or axios
 * re-exported): the rule reads that module to know the client, so the untyped config and a user's
 * typed config must both report each.
 */
const THROUGH_LOCAL_MODULES: Readonly<Record<string, string>> = {
  'tests/agreement/fixtures/re-exported-axios.ts:11': 'axios is re-exported by a local module',
  'tests/codemods/fixtures/project/src/webhooks.ts:6': 'the axios instance comes through a barrel module, renamed',
};

const walk = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (name === 'node_modules') return [];
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
const sources = FOLDERS.flatMap((folder) => walk(path.join(root, folder)))
  .filter((file) => /\.(?:[cm]?[jt]s|tsx)$/u.test(file) && !file.endsWith('.d.ts'))
  .sort();

const linter = new Linter({ configType: 'flat' });
/** The shipped untyped config with only the header rule on, and the selector beside it. */
const ONLY_THE_HEADER_RULE: Linter.RulesRecord = {
  'cloud-automation/require-oauth': 'off',
  'cloud-automation/no-hardcoded-credentials': 'off',
  'cloud-automation/valid-oauth-scopes': 'off',
};
const config: Linter.Config[] = [
  ...plugin.configs.recommended,
  { rules: { ...ONLY_THE_HEADER_RULE, 'no-restricted-syntax': ['error', { selector: SELECTOR, message: SELECTOR_MESSAGE }] } },
];

interface Findings {
  readonly selector: Set<string>;
  readonly rule: Set<string>;
}

function lintAll(): Findings {
  const selector = new Set<string>();
  const rule = new Set<string>();
  for (const file of sources) {
    const relative = path.relative(root, file).split(path.sep).join('/');
    const messages = linter.verify(readFileSync(file, 'utf8'), config, relative);
    const fatal = messages.filter((message) => message.fatal === true);
    expect(fatal, relative).toEqual([]);
    for (const message of messages) {
      const where = `${relative}:${message.line}`;
      if (message.ruleId === 'no-restricted-syntax') selector.add(where);
      else if (message.ruleId === 'cloud-automation/no-x-token-header') rule.add(where);
    }
  }
  return { selector, rule };
}

describe('no-x-token-header against a literal-key no-restricted-syntax selector', () => {
  const { selector, rule } = lintAll();

  it('reads a real number of files and keys', () => {
    expect(sources.length).toBeGreaterThan(80);
    expect(selector.size).toBeGreaterThan(100);
  });

  it('reports every literal x-token key the selector finds, except the listed ones that are never sent', () => {
    const missed = [...selector].filter((where) => !rule.has(where) && !(where in NEVER_SENT));
    expect(missed).toEqual([]);
  });

  it('reports the keys sent through another module\'s client with and without type information', async () => {
    const eslint = new ESLint({
      cwd: root,
      overrideConfigFile: true,
      ignore: false,
      overrideConfig: [
        ...plugin.configs['recommended-type-checked'],
        { rules: ONLY_THE_HEADER_RULE },
        { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: root } } },
      ],
    });
    const files = [...new Set(Object.keys(THROUGH_LOCAL_MODULES).map((where) => where.replace(/:\d+$/u, '')))];
    const found = new Set<string>();
    for (const result of await eslint.lintFiles(files)) {
      const relative = path.relative(root, result.filePath).split(path.sep).join('/');
      for (const message of result.messages) if (message.ruleId === 'cloud-automation/no-x-token-header') found.add(`${relative}:${message.line}`);
    }
    for (const where of Object.keys(THROUGH_LOCAL_MODULES)) {
      expect(rule.has(where), `${where} untyped`).toBe(true);
      expect(found.has(where), `${where} typed`).toBe(true);
    }
  }, 60_000);

  it('stays silent on the listed keys, and each of them is still found by the selector', () => {
    for (const where of Object.keys(NEVER_SENT)) {
      expect(selector.has(where), where).toBe(true);
      expect(rule.has(where), where).toBe(false);
    }
  });

  it('finds forms the selector cannot see: computed and constant keys, Headers entries, header setters', () => {
    const beyond = [...rule].filter((where) => !selector.has(where));
    const files = new Set(beyond.map((where) => where.replace(/:\d+$/u, '')));
    // One fixture per form the selector cannot express.
    for (const file of [
      'tests/codemods/fixtures/a2-template-key-axios.input.ts',
      'tests/codemods/fixtures/a3-constant-key-got.input.ts',
      'tests/codemods/fixtures/a5-headers-set-fetch.input.ts',
      'tests/codemods/fixtures/a6-headers-entries.input.ts',
    ]) {
      expect(files, file).toContain(file);
    }
  });
});

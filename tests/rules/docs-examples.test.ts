/**
 * Lints every example in docs/rules/*.md with the real ESLint `Linter` and the plugin's
 * recommended config: an example under "### Incorrect" must be reported by the rule the page
 * documents, one under "### Correct" must not. Pages are discovered, so a new rule's doc is
 * covered as soon as it exists.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

const docsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../docs/rules');

interface Example {
  readonly kind: 'incorrect' | 'correct';
  readonly language: string;
  readonly code: string;
  /** 1-based line of the opening fence in the markdown file, for failure messages. */
  readonly line: number;
}

const fileNameByLanguage: Readonly<Record<string, string>> = {
  ts: 'example.ts',
  typescript: 'example.ts',
  tsx: 'example.tsx',
  js: 'example.js',
  javascript: 'example.js',
  jsx: 'example.jsx',
  mjs: 'example.mjs',
  cjs: 'example.cjs',
};

/** The fenced code blocks under `## Examples` › `### Incorrect` / `### Correct`. */
function examplesOf(markdown: string): Example[] {
  const examples: Example[] = [];
  const lines = markdown.split('\n');
  let inExamples = false;
  let kind: Example['kind'] | undefined;
  for (let index = 0; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^## /u.test(line)) {
      inExamples = /^## Examples\s*$/u.test(line);
      kind = undefined;
      continue;
    }
    if (inExamples && /^### /u.test(line)) {
      kind = /^### Incorrect/iu.test(line) ? 'incorrect' : /^### Correct/iu.test(line) ? 'correct' : undefined;
      continue;
    }
    const fence = /^(`{3,})(\w*)\s*$/u.exec(line);
    if (!fence) continue;
    const [, ticks = '```', language = ''] = fence;
    const start = index;
    const body: string[] = [];
    for (index++; index < lines.length && (lines[index] ?? '').trimEnd() !== ticks; index++) body.push(lines[index] ?? '');
    if (inExamples && kind) examples.push({ kind, language, code: body.join('\n'), line: start + 1 });
  }
  return examples;
}

const pages = readdirSync(docsFolder)
  .filter((file) => file.endsWith('.md'))
  .sort();

it('finds the rule docs', () => {
  expect(pages).toContain('no-hardcoded-credentials.md');
  expect(pages).toContain('valid-oauth-scopes.md');
});

for (const page of pages) {
  const ruleName = page.replace(/\.md$/u, '');
  const ruleId = `cloud-automation/${ruleName}`;
  const examples = examplesOf(readFileSync(path.join(docsFolder, page), 'utf8'));

  describe(`docs/rules/${page}`, () => {
    it('documents a rule of the plugin', () => {
      expect(Object.keys(plugin.rules)).toContain(ruleName);
    });

    it('has at least one incorrect and one correct example', () => {
      expect(examples.filter((example) => example.kind === 'incorrect').length).toBeGreaterThan(0);
      expect(examples.filter((example) => example.kind === 'correct').length).toBeGreaterThan(0);
    });

    for (const example of examples) {
      it(`${example.kind} example at line ${example.line} ${example.kind === 'incorrect' ? 'is' : 'is not'} reported by ${ruleId}`, () => {
        const filename = fileNameByLanguage[example.language];
        expect(filename, `fence language "${example.language}" at line ${example.line}`).toBeDefined();
        const linter = new Linter({ configType: 'flat' });
        const messages = linter.verify(example.code, [...plugin.configs.recommended], filename ?? 'example.js');
        const fatal = messages.filter((message) => message.fatal === true);
        expect(fatal, 'the example must parse').toEqual([]);
        const fromRule = messages.filter((message) => message.ruleId === ruleId);
        if (example.kind === 'incorrect') expect(fromRule.length, example.code).toBeGreaterThan(0);
        else expect(fromRule, example.code).toEqual([]);
      });
    }
  });
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import type { TSESLint } from '@typescript-eslint/utils';
import { afterAll, describe, it } from 'vitest';

// RuleTester needs the test framework's hooks; vitest does not make them global.
RuleTester.afterAll = afterAll;
RuleTester.describe = describe;
RuleTester.it = it;
RuleTester.itOnly = it.only;

const fixtureProject = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'integration');

/** Lints test code as plain TypeScript, without a program: the rules' default mode. */
export function untypedRuleTester(): RuleTester {
  return new RuleTester();
}

/** Lints test code as a file of the fixture project, with a type checker behind it. */
export function typedRuleTester(): RuleTester {
  return new RuleTester({
    languageOptions: {
      parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixtureProject },
    },
  });
}

/** The file name (relative to the fixture project) typed tests must use so the program knows them. */
export const TYPED_FILENAME = 'rule-tester.ts';

type TesterRule<MessageIds extends string, Options extends readonly unknown[]> = Parameters<
  typeof RuleTester.prototype.run<MessageIds, Options>
>[1];

/**
 * The installed rule-tester (8.72) brings its own copy of @typescript-eslint/utils, older than
 * the one the rules are built with (8.74). The rule objects are the same at run time; only
 * the two copies' `ParserServices` types differ, so the rule is handed over through this cast.
 */
export function testable<MessageIds extends string, Options extends readonly unknown[]>(
  rule: TSESLint.RuleModule<MessageIds, Options>,
): TesterRule<MessageIds, Options> {
  return rule as unknown as TesterRule<MessageIds, Options>;
}

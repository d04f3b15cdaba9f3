/**
 * Each rule returns no listener at all for a file whose text cannot hold what it reports (so
 * ESLint and oxlint do no work for it there), and still reports what is spelled with escapes,
 * which no word test can see.
 */
import type { TSESLint } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';
import noHardcodedCredentials from '../../rules/no-hardcoded-credentials.js';
import noXTokenHeader from '../../rules/no-x-token-header.js';
import validOauthScopes from '../../rules/valid-oauth-scopes.js';
import { testable, untypedRuleTester } from './rule-testers.js';

const PLAIN = `import axios from 'axios';
export async function listUsers(http = axios) {
  const res = await http.get('https://api.example.com/v1/users', { headers: { 'x-request-id': 'abc-123-def-456-ghi' } });
  return res.data;
}`;

/** The listeners a rule registers for `text`, with no type information. */
function listenersFor(rule: { create: (context: never) => TSESLint.RuleListener }, text: string, options: unknown[] = []): string[] {
  const context = { sourceCode: { text, parserServices: undefined }, options, id: 'test', settings: {} };
  return Object.keys(rule.create(context as never));
}

describe('rules on files without evidence', () => {
  it('register no listener', () => {
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(listenersFor(rule as never, PLAIN), name).toEqual([]);
    }
    expect(listenersFor(validOauthScopes as never, PLAIN, [{ reportUnneededScopes: true }])).toEqual([]);
  });

  it('valid-oauth-scopes listens only for the kind of site the text shows', () => {
    expect(listenersFor(validOauthScopes as never, "createOAuthClient({ scopes: ['cloudautomation:events:read'] })")).toEqual(['CallExpression']);
    expect(listenersFor(validOauthScopes as never, "const s = process.env.DT_OAUTH_SCOPES ?? 'x';").sort()).toEqual(['AssignmentPattern', 'MemberExpression']);
  });
});

const ruleTester = untypedRuleTester();
const escapedSecret = `dt0s02\\u002eABCD1234\\u002e${'A1'.repeat(32)}`;

ruleTester.run('no-hardcoded-credentials (escaped)', testable(noHardcodedCredentials), {
  valid: [{ code: PLAIN, filename: 'file.ts' }],
  invalid: [{ code: `const secret = '${escapedSecret}';`, filename: 'file.ts', errors: [{ messageId: 'dynatraceSecret' }] }],
});

ruleTester.run('no-x-token-header (escaped)', testable(noXTokenHeader), {
  valid: [{ code: PLAIN, filename: 'file.ts' }],
  invalid: [
    {
      code: "fetch('https://example.com/api/v1/event', { headers: { 'x\\u002dtoken': process.env.T } });",
      filename: 'file.ts',
      // example.com is written out and is no Cloud Automation host: reported as another service's header.
      errors: [{ messageId: 'xTokenHeaderElsewhere' }],
    },
  ],
});

ruleTester.run('valid-oauth-scopes (escaped)', testable(validOauthScopes), {
  valid: [{ code: PLAIN, filename: 'file.ts' }],
  invalid: [
    {
      code: "const scopes = process.env['DT\\x5fOAUTH_SCOPES'] ?? 'cloudautomation:events:reed';",
      filename: 'file.ts',
      errors: [
        {
          messageId: 'misspelledScope',
          suggestions: [
            {
              messageId: 'replaceScope',
              data: { scope: 'cloudautomation:events:read' },
              output: "const scopes = process.env['DT\\x5fOAUTH_SCOPES'] ?? 'cloudautomation:events:read';",
            },
          ],
        },
      ],
    },
  ],
});

import rule from '../../rules/valid-oauth-scopes.js';
import { testable, TYPED_FILENAME, typedRuleTester, untypedRuleTester } from './rule-testers.js';

/** The one suggestion of a scope report: the same code with `from` replaced by `to`. */
function replaced(code: string, from: string, to: string) {
  return [{ messageId: 'replaceScope' as const, data: { scope: to }, output: code.replace(from, to) }];
}

const ENV_DEFAULTS = [
  "const a = process.env.DT_OAUTH_SCOPES ?? 'cloudautomation:event:read';",
  "const b = process.env['DT_OAUTH_SCOPES'] || 'cloudautomation:projects:raed';",
].join('\n');

const reportUnneeded = [{ reportUnneededScopes: true }] as [{ reportUnneededScopes: boolean }];

const cases = {
  valid: [
    { name: 'array of valid scopes', code: "createOAuthClient({ scopes: ['cloudautomation:events:read', 'cloudautomation:events:write'] });" },
    { name: 'space-separated list', code: "createOAuthClient({ scopes: 'cloudautomation:events:read cloudautomation:projects:read' });" },
    { name: 'comma-separated list in a template literal', code: 'createOAuthClient({ scopes: `cloudautomation:events:read,cloudautomation:metadata:read` });' },
    { name: 'scopes from the environment only', code: 'createOAuthClient({ scopes: process.env.DT_OAUTH_SCOPES });' },
    { name: 'valid DT_OAUTH_SCOPES default', code: "const scopes = process.env.DT_OAUTH_SCOPES ?? 'cloudautomation:events:read';" },
    { name: 'unprefixed scopes allowed by option', code: "createOAuthClient({ scopes: ['events:read'] });", options: [{ allowUnprefixed: true }] as [{ allowUnprefixed: boolean }] },
    { name: 'scopes of another OAuth library are not ours', code: "new AuthClient({ scopes: ['openid', 'profile'] });" },
    { name: 'another env var default', code: "const s = process.env.OTHER_SCOPES ?? 'openid profile';" },
    { name: '&& is not a default', code: "const s = process.env.DT_OAUTH_SCOPES && 'nonsense';" },
    {
      name: 'unneeded-scope check: every scope used by a call in the file',
      code: [
        "import { createOAuthClient } from 'cloud-automation-oauth';",
        "const client = createOAuthClient({ scopes: ['cloudautomation:events:write'] });",
        "await client.fetch(`${process.env.KEPTN_ENDPOINT}/api/v1/event`, { method: 'POST', body });",
      ].join('\n'),
      options: reportUnneeded,
    },
    {
      name: 'unneeded-scope check: URLs and methods followed like the scope report (a let set on both paths, options built by assignment)',
      code: [
        "import { createOAuthClient } from 'cloud-automation-oauth';",
        "const client = createOAuthClient({ scopes: 'cloudautomation:projects:read cloudautomation:stages:read cloudautomation:secrets:delete' });",
        'export async function read(project: string | undefined): Promise<unknown> {',
        '  let url: string;',
        '  if (project) url = `${process.env.KEPTN_ENDPOINT}/api/controlPlane/v1/project/${project}/stage`;',
        '  else url = `${process.env.KEPTN_ENDPOINT}/api/controlPlane/v1/project`;',
        '  return (await client.fetch(url)).json();',
        '}',
        'export async function drop(name: string): Promise<void> {',
        "  const init: RequestInit = { headers: { Authorization: await client.authorizationHeader() } };",
        "  init.method = 'DELETE';",
        '  await fetch(`${process.env.KEPTN_ENDPOINT}/api/secrets/v1/secret?name=${name}`, init);',
        '}',
      ].join('\n'),
      options: reportUnneeded,
    },
    {
      name: 'unneeded-scope check: a call whose route is unknown may need any scope it could hit',
      code: [
        "import { createOAuthClient } from 'cloud-automation-oauth';",
        "const client = createOAuthClient({ scopes: ['cloudautomation:logs:delete', 'cloudautomation:statistics:write'] });",
        'export const proxy = (path: string, init: RequestInit) => client.fetch(`${process.env.KEPTN_ENDPOINT}${path}`, init);',
      ].join('\n'),
      options: reportUnneeded,
    },
    {
      name: 'unneeded-scope check: a config module without calls says nothing',
      code: "export const client = createOAuthClient({ scopes: ['cloudautomation:secrets:delete'] });",
      options: reportUnneeded,
    },
  ],
  invalid: [
    {
      name: 'misspelled resource, with a suggestion replacing only that scope',
      code: "createOAuthClient({ scopes: 'cloudautomation:events:read cloudautomation:evnets:write' });",
      errors: [
        {
          messageId: 'misspelledScope' as const,
          data: { scope: 'cloudautomation:evnets:write', nearest: 'cloudautomation:events:write' },
          column: 58,
          endColumn: 86,
          suggestions: [
            {
              messageId: 'replaceScope' as const,
              data: { scope: 'cloudautomation:events:write' },
              output: "createOAuthClient({ scopes: 'cloudautomation:events:read cloudautomation:events:write' });",
            },
          ],
        },
      ],
    },
    {
      name: 'missing prefix in an array element',
      code: "createOAuthClient({ scopes: ['events:read'] });",
      errors: [
        {
          messageId: 'missingPrefix' as const,
          data: { scope: 'events:read', prefix: 'cloudautomation:', prefixed: 'cloudautomation:events:read' },
          suggestions: [
            {
              messageId: 'replaceScope' as const,
              data: { scope: 'cloudautomation:events:read' },
              output: "createOAuthClient({ scopes: ['cloudautomation:events:read'] });",
            },
          ],
        },
      ],
    },
    {
      name: 'missing prefix and a typo together',
      code: "createOAuthClient({ scopes: ['events:raed'] });",
      errors: [
        {
          messageId: 'misspelledScope' as const,
          data: { scope: 'events:raed', nearest: 'cloudautomation:events:read' },
          suggestions: replaced("createOAuthClient({ scopes: ['events:raed'] });", 'events:raed', 'cloudautomation:events:read'),
        },
      ],
    },
    {
      name: 'an action the resource does not have',
      code: "createOAuthClient({ scopes: ['cloudautomation:stages:write'] });",
      errors: [
        {
          messageId: 'misspelledScope' as const,
          data: { scope: 'cloudautomation:stages:write', nearest: 'cloudautomation:stages:read' },
          suggestions: replaced("createOAuthClient({ scopes: ['cloudautomation:stages:write'] });", 'cloudautomation:stages:write', 'cloudautomation:stages:read'),
        },
      ],
    },
    {
      name: 'something that is no Cloud Automation scope at all',
      code: "createOAuthClient({ scopes: ['storage:buckets:read'] });",
      errors: [{ messageId: 'unknownScope' as const, suggestions: [] }],
    },
    {
      name: 'DT_OAUTH_SCOPES default through ?? and ||, bracket access too',
      code: ENV_DEFAULTS,
      errors: [
        {
          messageId: 'misspelledScope' as const,
          line: 1,
          data: { scope: 'cloudautomation:event:read', nearest: 'cloudautomation:events:read' },
          suggestions: replaced(ENV_DEFAULTS, 'cloudautomation:event:read', 'cloudautomation:events:read'),
        },
        {
          messageId: 'misspelledScope' as const,
          line: 2,
          data: { scope: 'cloudautomation:projects:raed', nearest: 'cloudautomation:projects:read' },
          suggestions: replaced(ENV_DEFAULTS, 'cloudautomation:projects:raed', 'cloudautomation:projects:read'),
        },
      ],
    },
    {
      name: 'the default inside the scopes option is reported once',
      code: "createOAuthClient({ scopes: process.env.DT_OAUTH_SCOPES ?? 'cloudautomation:evnts:read' });",
      errors: [
        {
          messageId: 'misspelledScope' as const,
          suggestions: replaced(
            "createOAuthClient({ scopes: process.env.DT_OAUTH_SCOPES ?? 'cloudautomation:evnts:read' });",
            'cloudautomation:evnts:read',
            'cloudautomation:events:read',
          ),
        },
      ],
    },
    {
      name: 'destructured default from process.env',
      code: "const { DT_OAUTH_SCOPES = 'cloudautomation:metadata:write' } = process.env;",
      errors: [
        {
          messageId: 'misspelledScope' as const,
          data: { scope: 'cloudautomation:metadata:write', nearest: 'cloudautomation:metadata:read' },
          suggestions: replaced("const { DT_OAUTH_SCOPES = 'cloudautomation:metadata:write' } = process.env;", 'cloudautomation:metadata:write', 'cloudautomation:metadata:read'),
        },
      ],
    },
    {
      name: 'env object given to oauthClientFromEnv',
      code: "oauthClientFromEnv({ ...process.env, DT_OAUTH_SCOPES: 'cloudautomation:events:read,secrets:read' });",
      errors: [
        {
          messageId: 'missingPrefix' as const,
          data: { scope: 'secrets:read', prefix: 'cloudautomation:', prefixed: 'cloudautomation:secrets:read' },
          suggestions: replaced(
            "oauthClientFromEnv({ ...process.env, DT_OAUTH_SCOPES: 'cloudautomation:events:read,secrets:read' });",
            ',secrets:read',
            ',cloudautomation:secrets:read',
          ).map((suggestion) => ({ ...suggestion, data: { scope: 'cloudautomation:secrets:read' } })),
        },
      ],
    },
    {
      name: 'scopes through a const array in the same file',
      code: "const SCOPES = ['cloudautomation:events:read', 'cloudautomation:logz:write'] as const;\ncreateOAuthClient({ scopes: SCOPES });",
      errors: [
        {
          messageId: 'misspelledScope' as const,
          line: 1,
          data: { scope: 'cloudautomation:logz:write', nearest: 'cloudautomation:logs:write' },
          suggestions: replaced(
            "const SCOPES = ['cloudautomation:events:read', 'cloudautomation:logz:write'] as const;\ncreateOAuthClient({ scopes: SCOPES });",
            'cloudautomation:logz:write',
            'cloudautomation:logs:write',
          ),
        },
      ],
    },
    {
      name: 'an empty scope list, which the helper refuses',
      code: 'createOAuthClient({ scopes: [] });',
      errors: [{ messageId: 'emptyScopeList' as const }],
    },
    {
      name: 'escaped literal: reported on the whole literal, no suggestion',
      code: "createOAuthClient({ scopes: 'cloudautomation:\\u0065vents:raed' });",
      errors: [{ messageId: 'misspelledScope' as const, column: 29, suggestions: [] }],
    },
    {
      name: 'unneeded-scope check: a scope none of the file’s calls needs',
      code: [
        "import { createOAuthClient } from 'cloud-automation-oauth';",
        "const client = createOAuthClient({ scopes: ['cloudautomation:events:write', 'cloudautomation:secrets:delete'] });",
        "await axios.post(process.env.KEPTN_ENDPOINT + '/api/v1/event', event);",
      ].join('\n'),
      options: reportUnneeded,
      errors: [
        {
          messageId: 'unneededScope' as const,
          data: { scope: 'cloudautomation:secrets:delete', needed: 'cloudautomation:events:write' },
        },
      ],
    },
    {
      name: 'unneeded-scope check: a literal Cloud Automation URL',
      code: [
        "import { createOAuthClient } from 'cloud-automation-oauth';",
        "const client = createOAuthClient({ scopes: 'cloudautomation:projects:read cloudautomation:events:write' });",
        "await client.fetch('https://abc123.cloudautomation.live.dynatrace.com/api/controlPlane/v1/project');",
      ].join('\n'),
      options: reportUnneeded,
      errors: [{ messageId: 'unneededScope' as const, data: { scope: 'cloudautomation:events:write', needed: 'cloudautomation:projects:read' } }],
    },
    {
      name: 'unneeded-scope check: a URL in a local const through the helper fetch',
      code: [
        "import { oauthClientFromEnv } from 'cloud-automation-oauth';",
        "const scopes = process.env.DT_OAUTH_SCOPES ?? 'cloudautomation:metadata:read cloudautomation:events:read';",
        'export async function metadata(): Promise<unknown> {',
        '  const apiURL = `${process.env.KEPTN_API_URL}/v1/metadata`;',
        '  return (await oauthClientFromEnv().fetch(apiURL)).json();',
        '}',
      ].join('\n'),
      options: reportUnneeded,
      errors: [{ messageId: 'unneededScope' as const, data: { scope: 'cloudautomation:events:read', needed: 'cloudautomation:metadata:read' } }],
    },
  ],
};

untypedRuleTester().run('valid-oauth-scopes', testable(rule), cases);

// No type information is used; with a program behind the parser the results must not change.
typedRuleTester().run('valid-oauth-scopes (typed)', testable(rule), {
  valid: cases.valid.map((test) => ({ ...test, filename: TYPED_FILENAME })),
  invalid: cases.invalid.map((test) => ({ ...test, filename: TYPED_FILENAME })),
});

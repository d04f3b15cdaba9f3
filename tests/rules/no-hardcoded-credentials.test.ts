import rule from '../../rules/no-hardcoded-credentials.js';
import { testable, TYPED_FILENAME, typedRuleTester, untypedRuleTester } from './rule-testers.js';

// Built from parts so this file holds no string a secret scanner would take for a real credential.
const CLIENT_SECRET = ['dt0s02', 'ABCD1234', 'Q7RZ2KX9MV4TL8PW3NY6HB1CJ5DF0GS2QA9ZE7RX4TK8LM3VN6PW1YB5HC2JD0FG'] .join('.');
const API_TOKEN = 'kQ3v9ZrT1mX8pL2wN7yB4cJ6dF0gH5sA1eR8tY3uI9oP2aS7d'; // 45+ alphanumerics, Keptn-style
const PLATFORM_TOKEN = ['dt0c01', 'ABCDEFGHIJ234567', 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFGHIJKLMNOP'].join('.');

const cases = {
  valid: [
    { name: 'E2: the header name alone in a log line', code: "console.log('sending x-token header');" },
    { name: 'x-token from the environment', code: "fetch(url, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });" },
    { name: 'x-token placeholder in a sample', code: "fetch(url, { headers: { 'x-token': 'your-api-token-here-123' } });" },
    { name: 'short x-token test value', code: "fetch(url, { headers: { 'x-token': 'abc' } });" },
    { name: 'clientSecret read from the environment', code: 'createOAuthClient({ clientId, clientSecret: process.env.DT_CLIENT_SECRET });' },
    { name: 'clientSecret placeholder', code: "createOAuthClient({ clientSecret: '<client-secret>' });" },
    { name: 'clientSecret of some other API', code: "otherSdk({ clientSecret: 'abc123def456ghi789' });" },
    { name: 'Dynatrace-shaped placeholder secret', code: `const s = 'dt0s02.XXXXXXXX.${'X'.repeat(64)}';` },
    { name: 'OAuth client id is not a secret', code: "const clientId = 'dt0s02.ABCD1234';" },
    { name: 'a long random string that reaches no header', code: `const checksum = '${API_TOKEN}';` },
    { name: 'token-like value under an unrelated header', code: `fetch(url, { headers: { 'X-Request-Id': '${API_TOKEN}' } });` },
    { name: 'E1: reading a response header', code: `if (res.headers.get('x-token') === expected) done();` },
    { name: 'header read methods are not writes', code: `headers.get('x-token', '${API_TOKEN}');` },
    { name: 'template literal with a hole', code: 'const secret = `dt0s02.ABCD1234.${rest}`;' },
    { name: 'generic token name without Keptn', code: `const githubToken = '${API_TOKEN}';` },
  ],
  invalid: [
    {
      name: 'OAuth client secret in any string',
      code: `const secret = '${CLIENT_SECRET}';`,
      errors: [{ messageId: 'dynatraceSecret' as const, data: { kind: 'OAuth client secret', redacted: `dt0s02.…(${CLIENT_SECRET.length} chars)`, envVar: 'DT_CLIENT_SECRET' } }],
    },
    {
      name: 'OAuth client secret in a template literal without holes',
      code: `const secret = \`${CLIENT_SECRET}\`;`,
      errors: [{ messageId: 'dynatraceSecret' as const }],
    },
    {
      name: 'Dynatrace platform token',
      code: `const token = '${PLATFORM_TOKEN}';`,
      errors: [{ messageId: 'dynatraceSecret' as const, data: { kind: 'token', redacted: `dt0c01.…(${PLATFORM_TOKEN.length} chars)`, envVar: 'DT_CLIENT_SECRET' } }],
    },
    {
      name: 'A1: API token as an x-token object value',
      code: `fetch(url, { headers: { 'x-token': '${API_TOKEN}' } });`,
      errors: [{ messageId: 'apiTokenInHeader' as const, data: { length: API_TOKEN.length } }],
    },
    {
      name: 'A1: X-TOKEN upper case, double quotes',
      code: `axios.get(url, { headers: { "X-TOKEN": "${API_TOKEN}" } });`,
      errors: [{ messageId: 'apiTokenInHeader' as const }],
    },
    {
      name: 'A2: template-literal computed key',
      code: `fetch(url, { headers: { [\`x-token\`]: '${API_TOKEN}' } });`,
      errors: [{ messageId: 'apiTokenInHeader' as const }],
    },
    {
      name: 'A3: computed key through a constant',
      code: `const H = 'x-token'; fetch(url, { headers: { [H]: '${API_TOKEN}' } });`,
      errors: [{ messageId: 'apiTokenInHeader' as const }],
    },
    {
      name: 'A4: member assignment',
      code: `axios.defaults.headers.common['X-Token'] = '${API_TOKEN}';`,
      errors: [{ messageId: 'apiTokenInHeader' as const }],
    },
    {
      name: 'A5: headers.set and setHeader',
      code: `headers.set('x-token', '${API_TOKEN}'); req.setHeader('X-Token', \`${API_TOKEN}\`);`,
      errors: [{ messageId: 'apiTokenInHeader' as const }, { messageId: 'apiTokenInHeader' as const }],
    },
    {
      name: 'A6: Headers entries',
      code: `new Headers([['x-token', '${API_TOKEN}']]);`,
      errors: [{ messageId: 'apiTokenInHeader' as const }],
    },
    {
      name: 'A7: conditional spread with a literal fallback',
      code: `const h = { ...(enabled ? { 'x-token': '${API_TOKEN}' } : {}) };`,
      errors: [{ messageId: 'apiTokenInHeader' as const }],
    },
    {
      name: 'literal fallback of an env read',
      code: `fetch(url, { headers: { 'x-token': process.env.KEPTN_API_TOKEN ?? '${API_TOKEN}' } });`,
      errors: [{ messageId: 'apiTokenInHeader' as const }],
    },
    {
      name: 'a const that is sent as the x-token header',
      code: `const token = '${API_TOKEN}';\nfetch(url, { headers: { 'x-token': token } });`,
      errors: [{ messageId: 'apiTokenInHeader' as const, line: 1 }],
    },
    {
      name: 'D4: a Keptn-named variable, property and class field',
      code: `const keptnApiToken = '${API_TOKEN}';\nconst config = { KEPTN_API_TOKEN: '${API_TOKEN}' };\nclass C { keptnToken = '${API_TOKEN}'; }`,
      errors: [
        { messageId: 'keptnTokenValue' as const, data: { length: API_TOKEN.length, name: 'keptnApiToken' } },
        { messageId: 'keptnTokenValue' as const, data: { length: API_TOKEN.length, name: 'KEPTN_API_TOKEN' } },
        { messageId: 'keptnTokenValue' as const, data: { length: API_TOKEN.length, name: 'keptnToken' } },
      ],
    },
    {
      name: 'clientSecret literal passed to the helper, with a suggestion',
      code: "const client = createOAuthClient({ clientId: 'dt0s02.ABCD1234', clientSecret: 's3cr3t-Value-91' });",
      errors: [
        {
          messageId: 'clientSecretLiteral' as const,
          suggestions: [
            {
              messageId: 'readFromEnvironment' as const,
              data: { envVar: 'DT_CLIENT_SECRET' },
              output: "const client = createOAuthClient({ clientId: 'dt0s02.ABCD1234', clientSecret: process.env.DT_CLIENT_SECRET });",
            },
          ],
        },
      ],
    },
    {
      name: 'clientSecret fallback through a namespace import, no suggestion',
      code: "oauth.createOAuthClient({ clientSecret: process.env.SECRET || 'fallback-secret-1' });",
      errors: [{ messageId: 'clientSecretLiteral' as const, suggestions: [] }],
    },
    {
      name: 'a real Dynatrace secret as clientSecret is reported once, as a Dynatrace secret',
      code: `createOAuthClient({ clientSecret: '${CLIENT_SECRET}' });`,
      errors: [{ messageId: 'dynatraceSecret' as const }],
    },
  ],
};

untypedRuleTester().run('no-hardcoded-credentials', testable(rule), cases);

// The rule does not use type information; with a program behind it the results must be the same.
typedRuleTester().run('no-hardcoded-credentials (typed)', testable(rule), {
  valid: cases.valid.map((test) => ({ ...test, filename: TYPED_FILENAME })),
  invalid: cases.invalid.map((test) => ({ ...test, filename: TYPED_FILENAME })),
});

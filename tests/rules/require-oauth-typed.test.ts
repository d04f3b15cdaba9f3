import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/require-oauth.js';
import { testable } from './rule-testers.js';

// The request rules' own fixture project; file names are relative to it.
const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'request-rules');

const typed = new RuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixtureDir } },
});
const untyped = new RuleTester();

const importedAuthorization = `
  import { AUTH_HEADER, KEPTN_API } from './constants';
  await fetch(\`\${KEPTN_API}/v1/metadata\`, { headers: { [AUTH_HEADER]: bearer } });
`;

const certain = 'the target is certainly Cloud Automation (host abc12345.cloudautomation.live.dynatrace.com)';
function missing(client: string, target: string, confidence: string) {
  return { messageId: 'missingOAuth' as const, data: { client, target, confidence } };
}

const importedBase = `
  import { KEPTN_API } from './constants';
  await fetch(\`\${KEPTN_API}/v1/metadata\`);
`;
const importedBaseOnly = `
  import { API_BASE } from './constants';
  await fetch(API_BASE);
`;

untyped.run('require-oauth (the same code without type information)', testable(rule), {
  valid: [
    {
      name: 'an imported header-name constant is unknown without types: no report, the headers may hold Authorization',
      code: importedAuthorization,
      filename: 'file.ts',
    },{ name: 'D1 an imported base URL with a neutral name is invisible without types', code: importedBaseOnly, filename: 'file.ts' }],
  invalid: [
    {
      name: 'D2 without types only the path is evidence',
      code: importedBase,
      filename: 'file.ts',
      errors: [missing('fetch', 'the target is likely Cloud Automation (Keptn path /{…}/v1/metadata behind KEPTN_API)', 'likely')],
    },
  ],
});

typed.run('require-oauth (typed)', testable(rule), {
  valid: [
    {
      name: 'E3 an imported instance is assumed to be configured where it is made (typed)',
      code: `
        import { api } from './api';
        await api.get('/v1/metadata');
      `,
      filename: 'file.ts',
    },
    {
      name: 'E3 Authorization through an imported header-name constant (typed)',
      code: `
        import { AUTH_HEADER, KEPTN_API } from './constants';
        await fetch(\`\${KEPTN_API}/v1/metadata\`, { headers: { [AUTH_HEADER]: bearer } });
      `,
      filename: 'file.ts',
    },
    {
      name: 'E4 an excluded host behind an imported base URL (typed)',
      code: importedBase,
      filename: 'file.ts',
      options: [{ ignoreHosts: ['*.cloudautomation.live.dynatrace.com'] }],
    },
  ],
  invalid: [
    {
      name: 'D1 a Cloud Automation host from an imported base URL (typed)',
      code: importedBase,
      filename: 'file.ts',
      errors: [missing('fetch', certain, 'certain')],
    },
    {
      name: 'D1 the imported base URL alone (typed)',
      code: importedBaseOnly,
      filename: 'file.ts',
      errors: [missing('fetch', certain, 'certain')],
    },
    {
      name: 'D5 new URL with an imported base (typed)',
      code: `
        import { KEPTN_API } from './constants';
        await fetch(new URL('controlPlane/v1/project', \`\${KEPTN_API}/\`));
      `,
      filename: 'file.ts',
      errors: [missing('fetch', certain, 'certain')],
    },
    {
      name: 'token check through an imported base URL (typed)',
      code: `
        import axios from 'axios';
        import { KEPTN_API } from './constants';
        await axios.post(\`\${KEPTN_API}/v1/auth\`);
      `,
      filename: 'file.ts',
      errors: [{ messageId: 'tokenCheck', data: { path: '/api/v1/auth', replacement: 'GET /api/v1/metadata' } }],
    },
    {
      name: 'finds everything the untyped rule finds: a .tsx component (typed)',
      code: `
        export const Sync = () => <button onClick={() => fetch('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/event', { method: 'POST' })} />;
      `,
      filename: 'react.tsx',
      errors: [missing('fetch', certain, 'certain')],
    },
  ],
});

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { RuleTester } from '@typescript-eslint/rule-tester';
import rule from '../../rules/no-x-token-header.js';
import { testable } from './rule-testers.js';

// The request rules' own fixture project: constants, instances and re-exports in other modules.
// File names are relative to it; the files there stand in for the code each test lints.
const fixtureDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'request-rules');
const ts = 'file.ts';
const tsx = 'react.tsx';

const typed = new RuleTester({
  languageOptions: { parserOptions: { project: './tsconfig.json', tsconfigRootDir: fixtureDir } },
});
const untyped = new RuleTester();

const certain = 'the target is certainly Cloud Automation (host abc12345.cloudautomation.live.dynatrace.com)';
const unknown = 'nothing here shows that the target is Cloud Automation';
function report(client: string, target: string, confidence: string) {
  return { messageId: 'xTokenHeader' as const, data: { client, target, confidence } };
}

/** What only type information can see: the untyped rule knows no client there (silent, or an unknown client), the typed one does. */
const typeOnly = {
  importedConstantKey: `
    import { TOKEN_HEADER } from './constants';
    await fetch(url, { headers: { [TOKEN_HEADER]: token } });
  `,
  importedInstance: `
    import { api } from './api';
    await api.get('/v1/metadata', { headers: { 'x-token': token } });
  `,
  // instance-users.ts makes the Keptn requests with what these export.
  exportedInstance: `
    import axios from 'axios';
    export const keptnApi = axios.create({ baseURL: process.argv[2], headers: { 'x-token': process.argv[3] ?? '' } });
  `,
  exportedFactory: `
    import axios from 'axios';
    export function makeKeptnClient(url: string) {
      return axios.create({ baseURL: url, headers: { 'x-token': process.argv[3] ?? '' } });
    }
  `,
  exportedClass: `
    import axios, { type AxiosInstance } from 'axios';
    export class KeptnService {
      protected readonly http: AxiosInstance;
      constructor(endpoint: string, token: string) {
        this.http = axios.create({ baseURL: endpoint, headers: { 'x-token': token } });
      }
      projects() { return this.http.get('/controlPlane/v1/project'); }
    }
  `,
  exportedClassOtherHost: `
    import axios, { type AxiosInstance } from 'axios';
    export class SharedService {
      protected readonly http: AxiosInstance;
      constructor(endpoint: string, token: string) {
        this.http = axios.create({ baseURL: endpoint, headers: { 'x-token': token } });
      }
      projects() { return this.http.get('/controlPlane/v1/project'); }
    }
  `,
  exportedClassAlias: `
    import axios, { type AxiosInstance } from 'axios';
    class ServiceBase {
      protected readonly http: AxiosInstance;
      constructor(endpoint: string, token: string) {
        this.http = axios.create({ baseURL: endpoint, headers: { 'x-token': token } });
      }
      projects() { return this.http.get('/controlPlane/v1/project'); }
    }
    export const SharedService = ServiceBase;
  `,
  instanceInImportedDeps: `
    import type { KeptnDeps } from './api';
    export async function trigger(deps: KeptnDeps, event: unknown) {
      return deps.api.post('/v1/event', event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });
    }
  `,
};

untyped.run('no-x-token-header (the same code without type information)', testable(rule), {
  valid: [
    { name: 'A3 an imported constant key is invisible without types', code: typeOnly.importedConstantKey, filename: 'file.ts' },
  ],
  // Without types the client is unknown: the header is still reported, as handed to a call the rule does not know.
  invalid: [
    {
      name: 'B2 an imported instance is an unknown client without types',
      code: typeOnly.importedInstance,
      filename: 'file.ts',
      errors: [{ messageId: 'xTokenHeaderUnknownClient', data: { call: '`api.get(…)`', target: 'the target may be Cloud Automation (Keptn-like path /v1/metadata)', confidence: 'possible' } }],
    },
    {
      name: 'B2 an exported instance: without the program\'s file list, no request shows where it goes',
      code: typeOnly.exportedInstance,
      filename: 'file.ts',
      errors: [{ messageId: 'xTokenHeader', data: { client: 'axios', target: 'nothing here shows that the target is Cloud Automation', confidence: 'unknown' } }],
    },
    {
      name: 'B2 an instance held by a property of an imported interface is an unknown client without types',
      code: typeOnly.instanceInImportedDeps,
      filename: 'file.ts',
      errors: [{ messageId: 'xTokenHeaderUnknownClient', data: { call: '`deps.api.post(…)`', target: 'the target may be Cloud Automation (Keptn-named KEPTN_API_TOKEN)', confidence: 'possible' } }],
    },
  ],
});

typed.run('no-x-token-header (typed)', testable(rule), {
  valid: [
    {
      name: 'E1 reading a response header (typed)',
      code: `
        import { api } from './api';
        const res = await api.get('/v1/metadata');
        const fromHeader = res.headers['x-token'];
        const fromFetch = (await fetch(url)).headers.get('x-token');
      `,
      filename: ts,
    },
    {
      name: 'E2 an imported constant used in a log line (typed)',
      code: `
        import { TOKEN_HEADER } from './constants';
        console.log(\`set \${TOKEN_HEADER}\`, { [TOKEN_HEADER]: 'redacted' });
      `,
      filename: ts,
    },
    {
      name: 'a file importing project modules whose computed keys are not the header (typed)',
      code: `
        import { HEADER_NAMES } from './constants';
        const totals = new Map<string, number>();
        totals.set(HEADER_NAMES.accept, 1);
        await fetch(url, { headers: { [HEADER_NAMES.accept]: 'application/json' } });
      `,
      filename: ts,
    },
    {
      name: 'E5 a local fetch with a typed signature (typed)',
      code: `
        function fetch(url: string, init: { headers: Record<string, string> }) { return init; }
        fetch('/api/v1/event', { headers: { 'x-token': 't' } });
      `,
      filename: ts,
    },
    {
      name: 'an app\'s own classes named like client types (RestClient, HttpClient) are no clients: their types are declared outside the clients\' typings (typed)',
      code: `
        class RestClient { async get(url: string, options: { additionalHeaders: Record<string, string> }) { return { url, options }; } }
        class HttpClient { async get(url: string, headers: Record<string, string>) { return { url, headers }; } }
        export async function metadata(rest: RestClient, http: HttpClient) {
          await rest.get('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/metadata', { additionalHeaders: { 'x-token': token } });
          return http.get('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/metadata', { 'x-token': token });
        }
      `,
      filename: ts,
    },
    {
      name: 'E4 an excluded host found through an imported base URL (typed)',
      code: `
        import { KEPTN_API } from './constants';
        await fetch(\`\${KEPTN_API}/v1/event\`, { headers: { 'x-token': token } });
      `,
      filename: ts,
      options: [{ ignoreHosts: ['*.cloudautomation.live.dynatrace.com'] }],
    },
  ],
  invalid: [
    {
      name: 'B2 an axios instance held by a property of a parameter whose interface another module declares (typed)',
      code: typeOnly.instanceInImportedDeps,
      filename: ts,
      errors: [report('an axios instance', 'the target is likely Cloud Automation (Keptn path /v1/event behind KEPTN_API_TOKEN)', 'likely')],
    },
    {
      name: 'a parameter typed with typed-rest-client\'s RestClient, declared in its typings (typed)',
      code: `
        import type { RestClient } from 'typed-rest-client/RestClient';
        export async function metadata(rest: RestClient) {
          return rest.get('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/metadata', { additionalHeaders: { 'x-token': token } });
        }
      `,
      filename: ts,
      errors: [report('a RestClient instance', certain, 'certain')],
    },
    {
      name: 'A3 computed key through an imported constant (typed)',
      code: typeOnly.importedConstantKey,
      filename: ts,
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A3 computed key through a member of an imported const object (typed)',
      code: `
        import { HEADER_NAMES } from './constants';
        await fetch(url, { headers: { [HEADER_NAMES.token]: token, [HEADER_NAMES.accept]: 'application/json' } });
      `,
      filename: ts,
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A5 headers.set with an imported constant (typed)',
      code: `
        import { TOKEN_HEADER } from './constants';
        const headers = new Headers();
        headers.set(TOKEN_HEADER, token);
        await fetch(url, { headers });
      `,
      filename: ts,
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A6 headers tuples with an imported constant (typed)',
      code: `
        import { TOKEN_HEADER } from './constants';
        await fetch(url, { headers: new Headers([[TOKEN_HEADER, token]]) });
      `,
      filename: ts,
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A3 computed key through a local alias of an imported constant (typed)',
      code: `
        import { TOKEN_HEADER } from './constants';
        const name = TOKEN_HEADER;
        await fetch(url, { headers: { [name]: token } });
      `,
      filename: ts,
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'B2 an axios instance imported from another module (typed)',
      code: typeOnly.importedInstance,
      filename: ts,
      // The instance's baseURL lives in the other module, and is read there: `${KEPTN_API}` before the call's path.
      errors: [report('an axios instance', 'the target is likely Cloud Automation (Keptn path /{…}/v1/metadata behind KEPTN_API)', 'likely')],
    },
    {
      name: 'B2 an exported instance, graded by the requests another module makes with it (typed: instance-users.ts)',
      code: typeOnly.exportedInstance,
      filename: ts,
      errors: [report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely')],
    },
    {
      name: 'B2 the instance an exported factory returns, graded by the requests its callers make with it (typed: instance-users.ts)',
      code: typeOnly.exportedFactory,
      filename: ts,
      errors: [report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/{…}/stage)', 'likely')],
    },
    {
      name: 'B2 an exported class whose constructor makes the instance from its parameters, constructed elsewhere with one base (typed: instance-users.ts)',
      code: typeOnly.exportedClass,
      filename: ts,
      errors: [report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely')],
    },
    {
      name: 'B2 an exported class constructed elsewhere, through a subclass, with another service\'s host: never migrated (typed: instance-users.ts)',
      code: typeOnly.exportedClassOtherHost,
      filename: ts,
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', callers: 'its call at instance-users.ts:21 passes the host https://flags.internal.acme.io, written out and no Cloud Automation host', confidence: 'likely' },
      }],
    },
    {
      name: 'B2 a class exported only under an alias (`export const SharedService = ServiceBase`): the alias\'s constructions elsewhere count (typed: instance-users.ts)',
      code: typeOnly.exportedClassAlias,
      filename: ts,
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', callers: 'its call at instance-users.ts:21 passes the host https://flags.internal.acme.io, written out and no Cloud Automation host', confidence: 'likely' },
      }],
    },
    {
      name: 'B2 a re-exported axios instance (typed)',
      code: `
        import { keptnApi } from './reexport';
        await keptnApi.post('/v1/event', event, { headers: { 'X-Token': token } });
      `,
      filename: ts,
      errors: [report('an axios instance', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_API)', 'likely')],
    },
    {
      name: 'B2 a parameter whose type is an alias of AxiosInstance (typed)',
      code: `
        import type { AxiosInstance } from 'axios';
        type Http = AxiosInstance;
        export function send(http: Http) {
          return http.get('/controlPlane/v1/project', { headers: { 'x-token': token } });
        }
      `,
      filename: ts,
      errors: [report('an axios instance', 'the target is likely Cloud Automation (Keptn API path /controlPlane/v1/project)', 'likely')],
    },
    {
      name: 'B3 a got instance imported from another module (typed)',
      code: `
        import { keptnGot } from './api';
        await keptnGot.post('v1/event', { json: {}, headers: { 'x-token': token } });
      `,
      filename: ts,
      errors: [report('a got instance', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_API)', 'likely')],
    },
    {
      name: 'C6 a class field typed by an alias, set from an imported instance (typed)',
      code: `
        import type { AxiosInstance } from 'axios';
        import { api } from './api';
        type Http = AxiosInstance;
        export class Keptn {
          private readonly http: Http = api;
          metadata() { return this.http.get('/v1/metadata', { headers: { 'x-token': this.token } }); }
          constructor(private readonly token: string) {}
        }
      `,
      filename: ts,
      errors: [report('an axios instance', 'the target may be Cloud Automation (Keptn-like path /v1/metadata)', 'possible')],
    },
    {
      name: 'D1 a base URL imported from a config module (typed)',
      code: `
        import { KEPTN_API } from './constants';
        await fetch(\`\${KEPTN_API}/v1/event\`, { method: 'POST', headers: { 'x-token': token } });
      `,
      filename: ts,
      errors: [report('fetch', certain, 'certain')],
    },
    {
      name: 'finds everything the untyped rule finds: a literal key in a .tsx component (typed)',
      code: `
        export const Sync = () => <button onClick={() => fetch('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/event', { headers: { 'x-token': token } })} />;
      `,
      filename: tsx,
      errors: [report('fetch', certain, 'certain')],
    },
  ],
});

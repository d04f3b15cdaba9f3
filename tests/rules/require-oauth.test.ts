import rule from '../../rules/require-oauth.js';
import { testable, untypedRuleTester } from './rule-testers.js';

const ruleTester = untypedRuleTester();

const CA = 'https://abc12345.cloudautomation.live.dynatrace.com';
const certain = 'the target is certainly Cloud Automation (host abc12345.cloudautomation.live.dynatrace.com)';

function missing(client: string, target: string, confidence: string) {
  return { messageId: 'missingOAuth' as const, data: { client, target, confidence } };
}
const tokenCheck = (path: string) => ({ messageId: 'tokenCheck' as const, data: { path, replacement: 'GET /api/v1/metadata' } });

ruleTester.run('require-oauth', testable(rule), {
  valid: [
    {
      name: 'an injected Nest HttpService: HttpModule.register in another module may give it headers, so no request of it is known to send none',
      code: `
        import { HttpService } from '@nestjs/axios';
        import { firstValueFrom } from 'rxjs';
        export class KeptnService {
          constructor(private readonly http: HttpService) {}
          async projects() {
            await firstValueFrom(this.http.get(\`\${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project\`));
            return this.http.axiosRef.get(\`\${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project\`);
          }
        }
      `,
      filename: 'file.ts',
    },
    {
      name: 'a token check that sends x-token is no-x-token-header\'s finding (one problem, one report)',
      code: `await fetch('${CA}/api/v1/auth', { method: 'POST', headers: { 'x-token': token } });`,
      filename: 'file.ts',
    },
    {
      // One finding per problem: the x-token request is no-x-token-header's to report (and x-token-to-oauth's to migrate).
      name: 'a request that sends x-token, on the request or in its instance defaults, is left to no-x-token-header',
      code: `
        import axios from 'axios';
        await fetch('${CA}/api/v1/event', { method: 'POST', headers: { 'X-Token': token } });
        const api = axios.create({ baseURL: '${CA}/api', headers: { 'x-token': token } });
        await api.get('/v1/metadata');
      `,
      filename: 'file.ts',
    },
    {
      name: "the optional client's headers merged into a member the options were given (`Object.assign(config.headers, …)`): what it merges may be an Authorization",
      code: `
        import axios from 'axios';
        import { optionalOAuthClientFromEnv } from 'cloud-automation-oauth';
        export async function events(keptnContext: string) {
          const config: { params: object; headers?: Record<string, string> } = { params: { keptnContext } };
          config.headers = {};
          Object.assign(config.headers, await optionalOAuthClientFromEnv().authorizationHeaders());
          return axios.get('${CA}/api/mongodb-datastore/event', config);
        }
        export async function projects() {
          const options = { headers: { accept: 'application/json' } };
          Object.assign(options.headers, await optionalOAuthClientFromEnv().authorizationHeaders());
          return axios.get('${CA}/api/controlPlane/v1/project', options);
        }
      `,
      filename: 'file.ts',
    },
    {
      name: "E3 the helper's fetch",
      code: `
        import { oauthClientFromEnv } from 'cloud-automation-oauth';
        const client = oauthClientFromEnv();
        await client.fetch('${CA}/api/v1/event', { method: 'POST', body });
      `,
      filename: 'file.ts',
    },
    {
      name: "E3 a Request handed straight to the helper's fetch",
      code: `
        import { oauthClientFromEnv } from 'cloud-automation-oauth';
        const response = await oauthClientFromEnv().fetch(new Request('${CA}/api/v1/metadata'));
      `,
      filename: 'file.ts',
    },
    {
      name: "E3 a Request kept in a const and sent only by the helper's fetch",
      code: `
        import { oauthClientFromEnv } from 'cloud-automation-oauth';
        const request = new Request('${CA}/api/v1/metadata');
        await oauthClientFromEnv().fetch(request);
      `,
      filename: 'file.ts',
    },
    {
      name: 'E3 an Authorization bearer header from the helper',
      code: `
        import { createOAuthClient } from 'cloud-automation-oauth';
        const oauth = createOAuthClient({ clientId, clientSecret, accountUrn });
        await fetch('${CA}/api/controlPlane/v1/project', { headers: { Authorization: await oauth.authorizationHeader() } });
      `,
      filename: 'file.ts',
    },
    {
      name: 'E3 axios instance wrapped by attachToAxios at creation',
      code: `
        import axios from 'axios';
        const api = oauth.attachToAxios(axios.create({ baseURL: '${CA}/api' }));
        await api.get('/v1/metadata');
      `,
      filename: 'file.ts',
    },
    {
      name: 'E3 axios instance attached to the helper in a statement of its own',
      code: `
        import axios from 'axios';
        const api = axios.create({ baseURL: process.env.KEPTN_API_URL });
        oauth.attachToAxios(api);
        await api.post('/v1/event', event);
      `,
      filename: 'file.ts',
    },
    {
      name: 'E3 got instance extended with the helper hooks',
      code: `
        import got from 'got';
        const keptn = got.extend({ prefixUrl: '${CA}/api', hooks: client.gotHooks() });
        await keptn.get('v1/metadata');
        await got('${CA}/api/v1/metadata', { hooks: { beforeRequest: [...client.gotHooks().beforeRequest] } });
      `,
      filename: 'file.mjs',
    },
    {
      name: 'E3 ky instance and ky request with the helper hooks',
      code: `
        import ky from 'ky';
        const keptn = ky.create({ prefixUrl: '${CA}/api', hooks: client.kyHooks() });
        await keptn.get('v1/metadata').json();
        await ky.get('${CA}/api/v1/metadata', { hooks: client.kyHooks({ audience: '${CA}/api' }) }).json();
      `,
      filename: 'file.mjs',
    },
    {
      name: 'E3 an axios interceptor that sets Authorization',
      code: `
        import axios from 'axios';
        const api = axios.create({ baseURL: '${CA}/api' });
        api.interceptors.request.use(async (config) => {
          config.headers.Authorization = \`Bearer \${await oauth.getAccessToken()}\`;
          return config;
        });
        await api.get('/controlPlane/v1/project');
      `,
      filename: 'file.ts',
    },
    {
      name: 'E3 Authorization set on the global axios defaults',
      code: `
        import axios from 'axios';
        axios.defaults.headers.common.Authorization = await oauth.authorizationHeader();
        await axios.get('${CA}/api/v1/metadata');
      `,
      filename: 'file.ts',
    },
    {
      name: 'E3 Authorization in instance defaults, and through a got beforeRequest hook',
      code: `
        import axios from 'axios';
        import got from 'got';
        const api = axios.create({ baseURL: '${CA}/api', headers: { authorization: bearer } });
        await api.get('/v1/metadata');
        await got('${CA}/api/v1/metadata', { hooks: { beforeRequest: [(o) => { o.headers.authorization = bearer; }] } });
      `,
      filename: 'file.ts',
    },
    {
      name: 'no evidence of Cloud Automation: not reported',
      code: `
        fetch('https://example.com/users');
        fetch('/v1/users');
        import axios from 'axios';
        axios.get(\`\${apiUrl}/orders\`);
      `,
      filename: 'file.ts',
    },
    {
      name: 'headers that come from somewhere the rule cannot see are given the benefit of the doubt',
      code: `
        import { authHeaders } from './auth';
        await fetch('${CA}/api/v1/metadata', { headers: authHeaders() });
      `,
      filename: 'file.ts',
    },
    {
      name: 'E4 a self-hosted Keptn host the user excluded (it still takes x-token)',
      code: `fetch('https://keptn.internal.example.com/api/v1/event', { method: 'POST', headers: { 'x-token': t } });`,
      filename: 'file.ts',
      options: [{ ignoreHosts: ['keptn.internal.example.com'] }],
    },
    {
      name: 'E4 minimumConfidence: likely skips a generic path behind an unknown base',
      code: `fetch(endpoint + '/v1/event', { method: 'POST' });`,
      filename: 'file.ts',
      options: [{ minimumConfidence: 'likely' }],
    },
    {
      name: 'E5 a local function named fetch',
      code: `
        const fetch = (url: string) => url;
        fetch('${CA}/api/v1/metadata');
      `,
      filename: 'file.ts',
    },
    {
      name: 'making an instance sends nothing',
      code: `import axios from 'axios'; export const api = axios.create({ baseURL: '${CA}/api' });`,
      filename: 'file.ts',
    },
    {
      name: 'a GET with Authorization on a Keptn path is fine',
      code: `import axios from 'axios'; await axios.get(\`\${KEPTN_ENDPOINT}/v1/metadata\`, { headers: { Authorization: bearer } });`,
      filename: 'file.ts',
    },
    {
      name: 'a request whose options a getter returns with the x-token is no-x-token-header\'s alone',
      code: `
        import axios from 'axios';
        export class KeptnClient {
          constructor(private readonly endpoint: string, private readonly token: string) {}
          private get requestConfig() {
            return { headers: { 'x-token': this.token } };
          }
          async projects() {
            return (await axios.get(\`\${this.endpoint}/controlPlane/v1/project\`, this.requestConfig)).data;
          }
        }
      `,
      filename: 'file.ts',
    },
    {
      name: 'a getter with a setter: what is written goes to the setter, so the x-token the getter returns is what is sent',
      code: `
        import axios, { type AxiosRequestConfig } from 'axios';
        export class KeptnClient {
          #extra: AxiosRequestConfig = {};
          constructor(private readonly endpoint: string) {}
          private get options(): AxiosRequestConfig {
            return { ...this.#extra, headers: { 'x-token': process.env.KEPTN_API_TOKEN ?? '' } };
          }
          private set options(extra: AxiosRequestConfig) {
            this.#extra = extra;
          }
          async projects() {
            this.options = { timeout: 5000 };
            return (await axios.get(\`\${this.endpoint}/controlPlane/v1/project\`, this.options)).data;
          }
        }
      `,
      filename: 'file.ts',
    },
    {
      name: 'options in a member nothing here sets (injected, or a base class\'s) are not known to lack OAuth',
      code: `
        import axios, { type AxiosRequestConfig } from 'axios';
        export class KeptnClient {
          declare protected readonly options: AxiosRequestConfig;
          async projects(endpoint: string) {
            return (await axios.get(\`\${endpoint}/controlPlane/v1/project\`, this.options)).data;
          }
        }
      `,
      filename: 'file.ts',
    },
    {
      name: 'reportTokenChecks: false leaves token checks alone',
      code: `fetch('${CA}/api/v1/auth', { method: 'POST', headers: { 'x-token': t } });`,
      filename: 'file.ts',
      options: [{ reportTokenChecks: false }],
    },
  ],
  invalid: [
    {
      name: 'an axios instance held by a property of a const object, made in this file with no credential',
      code: `
        import axios from 'axios';
        const deps = { keptn: axios.create({ baseURL: process.env.KEPTN_API_URL, timeout: 10_000 }), retries: 3 };
        export async function projects() {
          const { data } = await deps.keptn.get('/controlPlane/v1/project');
          return data;
        }
      `,
      filename: 'file.ts',
      errors: [missing('an axios instance', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely')],
    },
    {
      name: "a Request that is also sent by a plain fetch is not the helper's alone",
      code: `
        import { oauthClientFromEnv } from 'cloud-automation-oauth';
        const request = new Request('${CA}/api/v1/metadata');
        await oauthClientFromEnv().fetch(request);
        await fetch(request);
      `,
      filename: 'file.ts',
      errors: [{ ...missing('fetch', certain, 'certain'), line: 3 }],
    },
    {
      name: 'a member the options were given, merged only with literal keys that hold no credential',
      code: `
        import axios from 'axios';
        export async function projects() {
          const options = { headers: { accept: 'application/json' } };
          Object.assign(options.headers, { 'content-type': 'application/json' });
          return axios.get('${CA}/api/controlPlane/v1/project', options);
        }
      `,
      filename: 'file.ts',
      errors: [{ ...missing('axios', certain, 'certain'), line: 6 }],
    },
    {
      name: 'D1 fetch to a Cloud Automation host without Authorization',
      code: `await fetch('${CA}/api/v1/event', { method: 'POST', headers: { accept: 'application/json' } });`,
      filename: 'file.ts',
      errors: [{ ...missing('fetch', certain, 'certain'), line: 1, column: 7, endColumn: 12 }],
    },
    {
      name: 'D2 axios.get with a Keptn-only path in a template',
      code: `
        import axios from 'axios';
        const res = await axios.get(\`\${base}/controlPlane/v1/project\`);
      `,
      filename: 'file.ts',
      errors: [missing('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely')],
    },
    {
      name: 'D2 endpoint + "/v1/event": a generic path is a possible target',
      code: `fetch(endpoint + '/v1/event', { method: 'POST', body });`,
      filename: 'file.ts',
      errors: [missing('fetch', 'the target may be Cloud Automation (Keptn-like path /{…}/v1/event)', 'possible')],
    },
    {
      name: 'D3 instance baseURL plus a relative path, no credentials in the instance defaults',
      code: `
        import axios from 'axios';
        const api = axios.create({ baseURL: '${CA}/api', headers: { accept: 'application/json' } });
        await api.get('/v1/metadata');
        await api.post('/v1/event', event);
      `,
      filename: 'file.ts',
      errors: [missing('an axios instance', certain, 'certain'), missing('an axios instance', certain, 'certain')],
    },
    {
      name: 'D3 got prefixUrl on an extended instance',
      code: `
        import got from 'got';
        const keptn = got.extend({ prefixUrl: process.env.KEPTN_BASE_URL });
        await keptn.get('api/controlPlane/v1/project');
      `,
      filename: 'file.mjs',
      errors: [missing('a got instance', 'the target is likely Cloud Automation (Keptn API path /{…}/api/controlPlane/v1/project)', 'likely')],
    },
    {
      name: 'D4 an endpoint from a Keptn-named env var',
      code: `fetch(process.env.KEPTN_ENDPOINT, { headers: { accept: 'application/json' } });`,
      filename: 'file.ts',
      errors: [missing('fetch', 'the target is likely Cloud Automation (Keptn endpoint KEPTN_ENDPOINT)', 'likely')],
    },
    {
      name: 'D4 a Keptn-named token is evidence too',
      code: `fetch(url, { headers: { 'x-keptn-context': keptnApiToken } });`,
      filename: 'file.ts',
      errors: [missing('fetch', 'the target may be Cloud Automation (Keptn-named keptnApiToken)', 'possible')],
    },
    {
      name: 'D5 new URL(path, base)',
      code: `fetch(new URL('/api/v1/metadata', process.env.BASE));`,
      filename: 'file.ts',
      errors: [missing('fetch', 'the target is likely Cloud Automation (Keptn API path /api/v1/metadata)', 'likely')],
    },
    {
      name: 'B2 axios(config) with the URL in the config',
      code: `
        const axios = require('axios');
        axios({ method: 'post', url: '${CA}/api/v1/event', data: event });
      `,
      filename: 'file.cjs',
      errors: [missing('axios', certain, 'certain')],
    },
    {
      name: 'B3 got verbs, stream and paginate',
      code: `
        import got from 'got';
        await got.post('${CA}/api/v1/event', { json: event });
        got.stream('${CA}/api/mongodb-datastore/event');
      `,
      filename: 'file.ts',
      errors: [missing('got', certain, 'certain'), missing('got', certain, 'certain')],
    },
    {
      name: 'B4 node https.get and undici request',
      code: `
        import https from 'node:https';
        import { request } from 'undici';
        https.get('${CA}/api/v1/metadata', (res) => res.resume());
        await request('${CA}/api/v1/metadata');
      `,
      filename: 'file.ts',
      errors: [missing('node http', certain, 'certain'), missing('undici', certain, 'certain')],
    },
    {
      name: 'B5 ky and superagent',
      code: `
        import ky from 'ky';
        import request from 'superagent';
        await ky.get('${CA}/api/v1/metadata').json();
        await request.get('${CA}/api/v1/metadata').set('accept', 'application/json');
      `,
      filename: 'file.ts',
      errors: [missing('ky', certain, 'certain'), missing('superagent', certain, 'certain')],
    },
    {
      name: 'C5 a wrapper without OAuth: reported once, inside the wrapper',
      code: `
        async function keptn(path: string, init: RequestInit = {}) {
          return fetch(\`\${process.env.KEPTN_API_URL}\${path}\`, { ...init, headers: { 'x-keptn-context': process.env.KEPTN_API_TOKEN } });
        }
        await keptn('/v1/event', { method: 'POST' });
      `,
      filename: 'file.ts',
      errors: [{ ...missing('fetch', 'the target is likely Cloud Automation (Keptn endpoint KEPTN_API_URL)', 'likely'), line: 3 }],
    },
    {
      name: 'C6 class with a private axios field, used by methods',
      code: `
        import axios from 'axios';
        class KeptnService {
          #http = axios.create({ baseURL: process.env.API_URL });
          projects() { return this.#http.get('/controlPlane/v1/project'); }
        }
      `,
      filename: 'file.ts',
      errors: [missing('an axios instance', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely')],
    },
    {
      name: 'token check: POST /api/v1/auth on a Cloud Automation host',
      code: `await fetch('${CA}/api/v1/auth', { method: 'POST' });`,
      filename: 'file.ts',
      errors: [tokenCheck('/api/v1/auth')],
    },
    {
      name: 'token check: axios.post to `${KEPTN_ENDPOINT}/v1/auth`, even with Authorization',
      code: `
        import axios from 'axios';
        await axios.post(\`\${KEPTN_ENDPOINT}/v1/auth\`, {}, { headers: { Authorization: bearer } });
      `,
      filename: 'file.ts',
      errors: [tokenCheck('/{…}/v1/auth')],
    },
    {
      name: 'a request without credentials in JSX (tsx)',
      code: `
        export const Button = () => <button onClick={() => fetch('${CA}/api/v1/event', { method: 'POST' })} />;
      `,
      filename: 'file.tsx',
      errors: [missing('fetch', certain, 'certain')],
    },
  ],
});

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import rule from '../../rules/no-x-token-header.js';
import { testable, untypedRuleTester } from './rule-testers.js';

const ruleTester = untypedRuleTester();

const CA = 'https://abc12345.cloudautomation.live.dynatrace.com';
const certain = `the target is certainly Cloud Automation (host abc12345.cloudautomation.live.dynatrace.com)`;
const unknown = 'nothing here shows that the target is Cloud Automation';

function report(client: string, target: string, confidence: string) {
  return { messageId: 'xTokenHeader' as const, data: { client, target, confidence } };
}

const SESSION = (line: number): string => `the token is read from a response header on line ${line}: a session token of the service that sent it, not a Cloud Automation API token`;

/** A header several requests read, one of which holds it back from the OAuth token (findings.ts `heldBack`). */
function heldBack(client: string, target: string, held: string, confidence: string, messageId: 'xTokenHeaderSharedElsewhere' | 'xTokenHeaderSharedUnsure') {
  return { messageId, data: { client, target, heldBack: held, confidence } };
}

/** A sent x-token the code shows is another service's: still reported, with why it is not Cloud Automation's. */
function elsewhere(client: string, reason: string, confidence = 'unknown') {
  return { messageId: 'xTokenHeaderElsewhere' as const, data: { client, elsewhere: reason, confidence } };
}

/** C6: one builder sent by a likely Cloud Automation request and by a possible one, which the token's form keeps from being split. */
const ONE_BUILDER_TWO_REQUESTS = `
        import axios, { type AxiosRequestConfig } from 'axios';
        export class EventService {
          constructor(private readonly baseUrl: string, private readonly statusUrl: string, private readonly apiToken: string) {}
          private requestConfig(extra: AxiosRequestConfig = {}): AxiosRequestConfig {
            return { ...extra, headers: { ...extra.headers, 'x-token': String(this.apiToken) } };
          }
          async ping() {
            return axios.get(\`\${this.statusUrl}/v1/metadata\`, this.requestConfig());
          }
          async latest(type: string) {
            return (await axios.get(\`\${this.baseUrl}/mongodb-datastore/event/type/\${type}\`, this.requestConfig())).data;
          }
        }
      `;
const ONE_BUILDER_TWO_REQUESTS_HELD_BACK = {
  ...heldBack('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/mongodb-datastore/event/type/{…})', `the same header is also sent by another request on line 9 (to */v1/metadata), and nothing shows that it goes to Cloud Automation (possible target); it is not split (the OAuth token for the Cloud Automation requests, the x-token written again where that one reads the header) because the token is computed in a form the codemod does not copy to another request`, 'possible', 'xTokenHeaderSharedUnsure'),
  line: 6,
};

ruleTester.run('no-x-token-header', testable(rule), {
  valid: [
    {
      name: 'C4 a lodash merge whose result never reaches a request (a table of column labels)',
      code: `
        import merge from 'lodash/merge';
        const columns = merge({}, { headers: { 'x-token': 'API token' } }, { headers: { accept: 'Accept' } });
        export function label(name: string): string { return columns.headers[name as 'accept'] ?? name; }
      `,
      filename: 'file.ts',
    },
    {
      name: 'reading a response header is no x-token sent',
      code: "export async function session(u: string) { const res = await fetch(u); const t = res.headers.get('x-token'); return [t, res.headers['x-token']]; }",
      filename: 'file.ts',
    },
    {
      name: 'RestClient sends additionalHeaders, not headers, of a request\'s options; axios has no additionalHeaders',
      code: `
        import { RestClient } from 'typed-rest-client/RestClient';
        const rest = new RestClient('keptn-task', '${CA}/api');
        await rest.get('v1/metadata', { headers: { 'x-token': token } });
        import axios from 'axios';
        await axios.get('${CA}/api/v1/metadata', { additionalHeaders: { 'x-token': token } });
      `,
      filename: 'file.ts',
    },
    {
      name: 'E1 reading a response header is not sending one',
      code: `
        const res = await fetch('${CA}/api/v1/metadata');
        const a = res.headers.get('x-token');
        import axios from 'axios';
        const r = await axios.get('/x');
        console.log(r.headers['x-token'], r.headers['X-Token']);
      `,
      filename: 'file.ts',
    },
    {
      name: 'E2 the string in logs, CSS classes, expected values and unrelated objects',
      code: `
        console.log('sending x-token header');
        const css = { 'x-token': 'badge' };
        document.body.classList.add('x-token');
        expect(headers).toEqual({ 'x-token': 'abc' });
        const unrelated = { headers: { 'x-token': 't' } };
      `,
      filename: 'file.ts',
    },
    {
      name: 'a header builder that is neither exported nor called, and an exported map of labels',
      code: `
        function unusedHeaders(token: string) { return { 'x-token': token }; }
        export const columns = { 'x-token': 'API token', name: 'Name' };
        export function labels() { return { 'x-token': 'Token' }; }
      `,
      filename: 'file.ts',
    },
    {
      name: 'E2 a Headers object that never reaches a request',
      code: `
        const h = new Headers();
        h.set('x-token', token);
        cache.set('x-token', token);
      `,
      filename: 'file.ts',
    },
    {
      name: 'E4 a request to an excluded host',
      code: `fetch('https://keptn.internal.example.com/api/v1/event', { headers: { 'x-token': t } });`,
      filename: 'file.ts',
      options: [{ ignoreHosts: ['*.example.com'] }],
    },
    {
      name: 'E4 a request whose URL matches an excluded pattern',
      code: `import axios from 'axios'; axios.get(\`\${process.env.OTHER_API}/items\`, { headers: { 'x-token': t } });`,
      filename: 'file.ts',
      options: [{ ignoreUrlPatterns: ['^\\*/items$'] }],
    },
    {
      name: 'E4 minimumConfidence excludes findings without evidence',
      code: `fetch('/internal/items', { headers: { 'x-token': t } });`,
      filename: 'file.ts',
      options: [{ minimumConfidence: 'possible' }],
    },
    {
      name: 'E5 a local function named fetch is not the library',
      code: `
        function fetch(url: string, init: object) { return init; }
        fetch('${CA}/api/v1/event', { headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
    },
    {
      name: 'E5 local variables named axios and got are not the libraries',
      code: `
        const axios = { get: (url: string, init: object) => init };
        axios.get('/api/v1/event', { headers: { 'x-token': t } });
        const got = makeStub();
        got('/api/v1/event', { headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
    },
    {
      name: 'E2 an unknown call is not reported when the option is off',
      code: `sendLater({ url: '/api/v1/event', headers: { 'x-token': t } }); this.fetchApi.fetch('${CA}/api/v1/event', { headers: { 'x-token': t } });`,
      filename: 'file.ts',
      options: [{ reportUnrecognizedCalls: false }],
    },
    {
      name: 'E2 request-shaped options that test code checks or fakes, logs and copies: no call that sends them',
      code: `
        expect(fetchMock).toHaveBeenCalledWith('${CA}/api/v1/event', { headers: { 'x-token': 'secret' } });
        expect(http.post).toHaveBeenCalledWith(url, body, { headers: { 'x-token': token } });
        const req = httpMocks.createRequest({ headers: { 'x-token': 'test-token' } });
        const double = makeStub();
        double('/api/v1/event', { headers: { 'x-token': t } });
        sinon.assert.calledWith(send, { headers: { 'x-token': t } });
        logger.debug('sending', { headers: { 'x-token': 'redacted' } });
        const text = JSON.stringify({ headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
    },
    {
      name: 'E2 options handed to code of this file that sends nothing: a local function, a method of a local object, a local class through a parameter',
      code: `
        function enqueue(job: { url: string; headers: Record<string, string> }) { return [job]; }
        enqueue({ url: '/api/v1/event', headers: { 'x-token': t } });
        const queue = { add(job: object) { return job; } };
        queue.add({ headers: { 'x-token': t } });
        class Outbox { push(url: string, options: object) { return { url, options }; } }
        export function later(outbox: Outbox) { return outbox.push('/api/v1/event', { headers: { 'x-token': t } }); }
      `,
      filename: 'file.ts',
    },
    {
      name: 'no x-token anywhere: the file is skipped by the text test',
      code: `import axios from 'axios'; axios.get('/api/v1/event', { headers: { Authorization: 'Bearer x' } });`,
      filename: 'file.ts',
    },
    {
      name: 'a Keptn request that already uses the OAuth helper',
      code: `
        import { oauthClientFromEnv } from 'cloud-automation-oauth';
        const client = oauthClientFromEnv();
        await client.fetch('${CA}/api/v1/event', { method: 'POST', headers: { 'content-type': 'application/json' } });
        // x-token was removed by the migration
      `,
      filename: 'file.ts',
    },
    {
      name: 'E2 a class of its own named Request is no fetch Request',
      code: `
        class Request { constructor(readonly url: string, readonly init: unknown) {} }
        const queued = new Request('${CA}/api/v1/event', { headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
    },
  ],
  invalid: [
    {
      // x-token-to-oauth keeps each test with the OAuth token under it (the value's for axios and got, an async function's for a request it only returns); the lint grades the site as before.
      name: 'a header sent under a test of something other than the token: in its value, in a function that only returns the request, in a member the options were given',
      code: `
        import axios from 'axios';
        import got from 'got';
        const KEPTN_API_URL = process.env.KEPTN_API_URL ?? '';
        export async function projects(isCloud: boolean, token: string) {
          return axios.get(\`\${KEPTN_API_URL}/controlPlane/v1/project\`, { headers: { 'x-token': isCloud ? token : undefined } });
        }
        export async function stages(cfg: { cloud: boolean; token: string }, project: string) {
          return got(\`\${KEPTN_API_URL}/controlPlane/v1/project/\${project}/stage\`, { headers: { 'x-token': cfg.cloud ? cfg.token : undefined } }).json();
        }
        export async function sequences(project: string, signedIn: boolean, token: string) {
          const headers: Record<string, string | undefined> = { accept: 'application/json' };
          headers['x-token'] = signedIn ? token : undefined;
          return axios.get(\`\${KEPTN_API_URL}/controlPlane/v1/sequence/\${project}\`, { headers });
        }
        export function services(project: string, signedIn: boolean): Promise<Response> {
          return fetch(\`\${KEPTN_API_URL}/controlPlane/v1/project/\${project}/service\`, { headers: signedIn ? { 'x-token': process.env.KEPTN_API_TOKEN ?? '' } : {} });
        }
        export async function events(keptnContext: string) {
          const config: { params: object; headers?: Record<string, string> } = { params: { keptnContext } };
          config.headers = {};
          if (process.env.KEPTN_API_TOKEN) config.headers['x-token'] = process.env.KEPTN_API_TOKEN;
          return axios.get(\`\${KEPTN_API_URL}/mongodb-datastore/event\`, config);
        }
      `,
      filename: 'file.ts',
      errors: [
        { ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 6 },
        { ...report('got', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/{…}/stage)', 'likely'), line: 9 },
        { ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/sequence/{…})', 'likely'), line: 13 },
        { ...report('fetch', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/{…}/service)', 'likely'), line: 17 },
        { ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/mongodb-datastore/event)', 'likely'), line: 22 },
      ],
    },
    {
      // The class's requests read `this.headers`; the x-token is written into its object afterwards, in the constructor.
      name: 'a header written into the object a class field holds, in its constructor: a TypeScript field and a JavaScript class',
      code: `
        import axios from 'axios';
        export class ProjectReader {
          private readonly headers: Record<string, string>;
          constructor(private readonly endpoint: string, token?: string) {
            this.headers = { accept: 'application/json' };
            if (token) this.headers['x-token'] = token;
          }
          projects() { return fetch(\`\${this.endpoint}/controlPlane/v1/project\`, { headers: { ...this.headers } }); }
        }
        export class SequenceReader {
          readonly #headers = new Headers();
          constructor(private readonly endpoint: string, token: string) { this.#headers.set('x-token', token); }
          sequences(project: string) { return axios.get(\`\${this.endpoint}/controlPlane/v1/sequence/\${project}\`, { headers: Object.fromEntries(this.#headers) }); }
          stages(project: string) { return fetch(\`\${this.endpoint}/controlPlane/v1/project/\${project}/stage\`, { headers: this.#headers }); }
        }
        export class KeptnService {
          headers: Record<string, string> = {};
          constructor(token: string) { this.headers['X-Token'] = token; }
          event(body: unknown) { return axios.post(\`\${process.env.KEPTN_ENDPOINT}/v1/event\`, body, { headers: this.headers }); }
        }
      `,
      filename: 'file.ts',
      errors: [
        { ...report('fetch', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 7 },
        { ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/sequence/{…})', 'likely'), line: 13 },
        { ...report('axios', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_ENDPOINT)', 'likely'), line: 19 },
      ],
    },
    {
      // Only the class and the classes extending it (all here, none exported) can call a protected method: its calls are all of them.
      name: 'a protected request method graded by the calls of the classes that extend it; a public one, which anyone may call, by its own URL',
      code: `
        class KeptnGetBase {
          protected readonly headers: Record<string, string> = { 'x-token': process.env.KEPTN_API_TOKEN ?? '' };
          constructor(protected readonly endpoint: string) {}
          protected async get(path: string) { return (await fetch(\`\${this.endpoint}\${path}\`, { headers: this.headers })).json(); }
        }
        class ServiceReader extends KeptnGetBase {
          services(project: string, stage: string) { return this.get(\`/controlPlane/v1/project/\${project}/stage/\${stage}/service\`); }
        }
        class OpenBase {
          readonly headers: Record<string, string> = { 'x-token': process.env.KEPTN_API_TOKEN ?? '' };
          constructor(readonly endpoint: string) {}
          async get(path: string) { return (await fetch(\`\${this.endpoint}\${path}\`, { headers: this.headers })).json(); }
        }
        class StageReader extends OpenBase {
          stages(project: string) { return this.get(\`/controlPlane/v1/project/\${project}/stage\`); }
        }
        export const readers = [new ServiceReader(process.env.KEPTN_ENDPOINT ?? ''), new StageReader(process.env.KEPTN_ENDPOINT ?? '')];
      `,
      filename: 'file.ts',
      errors: [
        { ...report('fetch', 'the target is likely Cloud Automation (Keptn API paths in its calls)', 'likely'), line: 3 },
        { ...report('fetch', 'the target may be Cloud Automation (Keptn-named KEPTN_API_TOKEN)', 'possible'), line: 11 },
      ],
    },
    {
      name: 'a header builder whose key is a constant: the name is resolved once the object is known to leave the module',
      code: 'const TOKEN_HEADER = "x-token";\nexport function keptnHeaders(token: string) { const h: Record<string, string> = {}; h[TOKEN_HEADER] = token; return { ...h, [TOKEN_HEADER]: token }; }',
      filename: 'file.ts',
      errors: [
        { messageId: 'xTokenHeaderLeavesModule', line: 2, column: 87, data: { exit: 'the object the exported `keptnHeaders()` returns', target: unknown, confidence: 'unknown' } },
        { messageId: 'xTokenHeaderLeavesModule', line: 2, column: 126, data: { exit: 'the object the exported `keptnHeaders()` returns', target: unknown, confidence: 'unknown' } },
      ],
    },
    {
      name: 'a host written out that is no Cloud Automation host outweighs a Keptn path (a port-forwarded self-hosted Keptn)',
      code: 'export const send = (port: number, token: string) => fetch(`http://localhost:${port}/api/v1/event`, { method: "POST", headers: { "x-token": token } });',
      filename: 'file.ts',
      errors: [elsewhere('fetch', 'its host http://localhost:* is written out and is no Cloud Automation host')],
    },
    {
      name: 'red team C #2: a wrapper whose callers pass a Keptn route and another service\'s host sends the x-token to both: never migrated, and it says which call goes where',
      code: [
        "const https = require('https');",
        'function getJson(url, token) {',
        "  return new Promise((resolve) => https.get(url, { headers: { 'x-token': token } }, resolve));",
        '}',
        'exports.projects = () => getJson(`${process.env.KEPTN_API_ENDPOINT}/controlPlane/v1/project`, process.env.KEPTN_API_TOKEN);',
        "exports.flags = () => getJson('https://flags.internal.acme.io/v1/flags', process.env.FLAGS_TOKEN);",
      ].join('\n'),
      filename: 'file.js',
      errors: [{
        messageId: 'xTokenHeaderCallersElsewhere',
        line: 3,
        data: { client: 'node http', target: 'the target is likely Cloud Automation (Keptn API paths in its calls)', callers: 'its call on line 6 passes the host https://flags.internal.acme.io, written out and no Cloud Automation host', confidence: 'likely' },
      }],
    },
    {
      name: 'a factory whose callers pass the base URL, one of them another service\'s host: the instance it makes is never migrated, and the message says it is an instance',
      code: [
        "import axios from 'axios';",
        'function createClient(url: string, token: string) {',
        "  return axios.create({ baseURL: url, headers: { 'x-token': token } });",
        '}',
        "const keptn = createClient(process.env.KEPTN_ENDPOINT ?? '', process.env.KEPTN_API_TOKEN ?? '');",
        "const flags = createClient('https://flags.internal.acme.io', process.env.FLAGS_TOKEN ?? '');",
        "export const projects = async () => (await keptn.get('/controlPlane/v1/project')).data;",
        "export const flag = async (name: string) => (await flags.get(`/flags/${name}`)).data;",
      ].join('\n'),
      filename: 'file.ts',
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        line: 3,
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', callers: 'its call on line 6 passes the host https://flags.internal.acme.io, written out and no Cloud Automation host', confidence: 'likely' },
      }],
    },
    {
      name: 'a factory whose callers pass two bases from the environment: the helper attached to its instance would authorize both, so it is never migrated',
      code: [
        "import axios from 'axios';",
        'function createClient(url: string | undefined, token: string) {',
        "  return axios.create({ baseURL: url, headers: { 'x-token': token } });",
        '}',
        "const keptn = createClient(process.env.KEPTN_ENDPOINT, process.env.KEPTN_API_TOKEN ?? '');",
        "const inventory = createClient(process.env.INVENTORY_URL, process.env.INVENTORY_TOKEN ?? '');",
        "export const projects = async () => (await keptn.get('/controlPlane/v1/project')).data;",
        "export const items = async () => (await inventory.get('/v2/items')).data;",
      ].join('\n'),
      filename: 'file.ts',
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        line: 3,
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', callers: 'its calls pass different base URLs (line 5, line 6), which nothing shows are all Cloud Automation\'s', confidence: 'likely' },
      }],
    },
    {
      name: 'a factory named only in a type (`typeof createClient`) besides its calls is not handed on: its one call\'s base decides',
      code: [
        "import axios from 'axios';",
        'function createClient(url: string, token: string) {',
        "  return axios.create({ baseURL: url, headers: { 'x-token': token } });",
        '}',
        'type ClientFactory = typeof createClient;',
        "const keptn = createClient(process.env.KEPTN_ENDPOINT ?? '', process.env.KEPTN_API_TOKEN ?? '');",
        "export const projects = async () => (await keptn.get('/controlPlane/v1/project')).data;",
        'export type { ClientFactory };',
      ].join('\n'),
      filename: 'file.ts',
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 3 }],
    },
    {
      name: 'a factory stored in a property of an object that is not the module\'s exports: handed on, so the bases it is made with cannot all be seen',
      code: [
        "import axios from 'axios';",
        'function createClient(url: string, token: string) {',
        "  return axios.create({ baseURL: url, headers: { 'x-token': token } });",
        '}',
        "const keptn = createClient(process.env.KEPTN_ENDPOINT ?? '', process.env.KEPTN_API_TOKEN ?? '');",
        'export const registry: Record<string, unknown> = {};',
        'registry.keptn = createClient;',
        "export const projects = async () => (await keptn.get('/controlPlane/v1/project')).data;",
      ].join('\n'),
      filename: 'file.ts',
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        line: 3,
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', callers: 'the function that makes it is handed on as a value, so the base URLs it is made with cannot all be seen', confidence: 'likely' },
      }],
    },
    {
      name: 'a factory exported only under another name (`export const makeClient = createClient`): its calls in other modules are read under that name, which without a file list of the project cannot be',
      code: [
        "import axios from 'axios';",
        'function createClient(url: string, token: string) {',
        "  return axios.create({ baseURL: url, headers: { 'x-token': token } });",
        '}',
        "const keptn = createClient(process.env.KEPTN_ENDPOINT ?? '', process.env.KEPTN_API_TOKEN ?? '');",
        "export const projects = async () => (await keptn.get('/controlPlane/v1/project')).data;",
        'export const makeClient = createClient;',
      ].join('\n'),
      filename: 'file.ts',
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        line: 3,
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', callers: 'other modules may call the function that makes it with base URLs the codemod cannot see', confidence: 'likely' },
      }],
    },
    {
      name: 'a static factory method: its calls are not read, so the bases its instances are made with are unseen and it is never migrated (not even with --include-unsure)',
      code: [
        "import axios from 'axios';",
        'export class KeptnHttp {',
        '  static create(baseURL: string, token: string) {',
        "    return axios.create({ baseURL, headers: { 'x-token': token } });",
        '  }',
        '}',
        "export const stages = () => KeptnHttp.create(process.env.KEPTN_ENDPOINT ?? '', process.env.KEPTN_API_TOKEN ?? '').get('/controlPlane/v1/project/p/stage');",
      ].join('\n'),
      filename: 'file.ts',
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        line: 4,
        data: { client: 'axios', target: unknown, callers: 'the static method that makes it (`create`) may be called where the codemod cannot see, so the base URLs it is made with cannot all be seen', confidence: 'unknown' },
      }],
    },
    {
      name: 'a factory called in more places than are read one by one: its bases are not all checked, so it is left',
      code: [
        "import axios from 'axios';",
        'function createClient(url: string, token: string) {',
        "  return axios.create({ baseURL: url, headers: { 'x-token': token } });",
        '}',
        ...Array.from({ length: 49 }, (_, index) => `export const stage${index} = () => createClient(process.env.KEPTN_ENDPOINT ?? '', process.env.KEPTN_API_TOKEN ?? '').get('/controlPlane/v1/project/p${index}/stage');`),
      ].join('\n'),
      filename: 'file.ts',
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        line: 3,
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/p0/stage)', callers: 'it is called in 49 places, more than the codemod reads one by one, so the base URLs it is made with are not all checked', confidence: 'likely' },
      }],
    },
    {
      name: 'a factory exported under another name and also called by it here (`const makeClient = createClient; export { makeClient }`): its calls are not all known, so it is handed on',
      code: [
        "import axios from 'axios';",
        'function createClient(url: string, token: string) {',
        "  return axios.create({ baseURL: url, headers: { 'x-token': token } });",
        '}',
        "const keptn = createClient(process.env.KEPTN_ENDPOINT ?? '', process.env.KEPTN_API_TOKEN ?? '');",
        "export const projects = async () => (await keptn.get('/controlPlane/v1/project')).data;",
        'const makeClient = createClient;',
        "export const inventory = makeClient('https://inventory.acme.io', process.env.INVENTORY_TOKEN ?? '');",
        'export { makeClient };',
      ].join('\n'),
      filename: 'file.ts',
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        line: 3,
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', callers: 'the function that makes it is handed on as a value, so the base URLs it is made with cannot all be seen', confidence: 'likely' },
      }],
    },
    {
      name: 'a class whose constructor makes the instance with the base URL its `new`s pass, one of them another service\'s host: never migrated',
      code: `
        import axios, { type AxiosInstance } from 'axios';
        class KeptnApi {
          readonly http: AxiosInstance;
          constructor(base: string, token: string) {
            this.http = axios.create({ baseURL: base, headers: { 'x-token': token } });
          }
          projects() { return this.http.get('/controlPlane/v1/project'); }
        }
        class Flags extends KeptnApi {}
        const keptn = new KeptnApi(process.env.KEPTN_ENDPOINT, process.env.KEPTN_API_TOKEN);
        const flags = new Flags('https://flags.internal.acme.io', process.env.FLAGS_TOKEN);
      `,
      filename: 'file.ts',
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        line: 6,
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', callers: 'its call on line 12 passes the host https://flags.internal.acme.io, written out and no Cloud Automation host', confidence: 'likely' },
      }],
    },
    {
      name: 'an exported class whose constructor makes the instance from its parameters: without a file list of the project, who constructs it cannot be read, so it is left',
      code: `
        import axios, { type AxiosInstance } from 'axios';
        export class KeptnApi {
          readonly http: AxiosInstance;
          constructor(base: string, token: string) {
            this.http = axios.create({ baseURL: base, headers: { 'x-token': token } });
          }
          projects() { return this.http.get('/controlPlane/v1/project'); }
        }
      `,
      filename: 'file.ts',
      errors: [{
        messageId: 'xTokenHeaderFactoryElsewhere',
        line: 6,
        data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', callers: 'its class may be constructed, or extended, where the codemod cannot see the base URLs it is given', confidence: 'likely' },
      }],
    },
    {
      name: 'red team C #2: a wrapper whose every call passes another service\'s host is that service\'s',
      code: [
        'async function post(url: string, token: string, body: unknown) {',
        "  return fetch(url, { method: 'POST', body: JSON.stringify(body), headers: { 'x-token': token } });",
        '}',
        "export const flags = () => post('https://flags.internal.acme.io/v1/flags', process.env.FLAGS_TOKEN ?? '', {});",
        "export const audit = () => post('https://audit.acme.io/v1/events', process.env.AUDIT_TOKEN ?? '', {});",
      ].join('\n'),
      filename: 'file.ts',
      errors: [{ ...elsewhere('fetch', 'its calls on line 4 (https://flags.internal.acme.io), on line 5 (https://audit.acme.io), all there are, pass hosts written out that are no Cloud Automation host'), line: 2 }],
    },
    {
      name: 'options in a `let` given more members by copying it into itself: `opts = { ...opts, … }`, `Object.assign({}, opts, …)`',
      code: [
        "const axios = require('axios');",
        'async function sendEvent(type, data) {',
        "  let opts = { headers: { 'x-token': process.env.KEPTN_API_TOKEN, accept: 'application/json' } };",
        "  if (data) opts = { ...opts, method: 'POST', data: { type, data } };",
        '  opts.url = `${process.env.KEPTN_ENDPOINT}/v1/event`;',
        '  return (await axios(opts)).data;',
        '}',
        'async function getProject(project, timeout) {',
        "  let config = { url: `${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project/${project}`, headers: { 'x-token': process.env.KEPTN_API_TOKEN } };",
        '  if (timeout) config = Object.assign({}, config, { timeout });',
        '  return (await axios(config)).data;',
        '}',
      ].join('\n'),
      filename: 'send.js',
      errors: [
        { ...report('axios', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_ENDPOINT, KEPTN_API_TOKEN)', 'likely'), line: 3 },
        { ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/{…})', 'likely'), line: 9 },
      ],
    },
    {
      name: 'options also logged (directly, as a copy, redacted) are graded as the requests they reach, as the codemod migrates them; a redacted copy in a log is no header sent',
      code: [
        "import axios from 'axios';",
        'export class KeptnStages {',
        '  constructor(private readonly logger: { debug(...args: unknown[]): void }) {}',
        '  async stages(project: string) {',
        "    const opts = { timeout: 5000, headers: { accept: 'application/json', 'x-token': process.env.KEPTN_API_TOKEN ?? '' } };",
        "    this.logger.debug({ opts: { ...opts, headers: { ...opts.headers, 'x-token': '[redacted]' } } }, 'GET stages');",
        "    const logged = { ...opts, method: 'GET' };",
        "    console.debug('request', logged);",
        '    return (await axios.get(`${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project/${project}/stage`, opts)).data;',
        '  }',
        '}',
      ].join('\n'),
      filename: 'stages.ts',
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/{…}/stage)', 'likely'), line: 5 }],
    },
    {
      name: 'an exported header builder that merges with `Object.assign` (hand-written, and tsc\'s ES2017 form of a spread) leaves the module as the spread form does',
      code: [
        '"use strict";',
        'Object.defineProperty(exports, "__esModule", { value: true });',
        'exports.keptnHeaders = exports.eventHeaders = void 0;',
        "const keptnHeaders = (extra = {}) => (Object.assign(Object.assign({}, extra), { 'x-token': process.env.KEPTN_API_TOKEN }));",
        'exports.keptnHeaders = keptnHeaders;',
        'function eventHeaders(extra) {',
        "    return Object.assign({}, extra, { 'x-token': process.env.KEPTN_API_TOKEN });",
        '}',
        'exports.eventHeaders = eventHeaders;',
      ].join('\n'),
      filename: 'headers.js',
      errors: [
        { messageId: 'xTokenHeaderLeavesModule', line: 4, data: { exit: 'the object the exported `keptnHeaders()` returns', target: 'the target may be Cloud Automation (Keptn-named KEPTN_API_TOKEN)', confidence: 'possible' } },
        { messageId: 'xTokenHeaderLeavesModule', line: 7, data: { exit: 'the object the exported `eventHeaders()` returns', target: 'the target may be Cloud Automation (Keptn-named KEPTN_API_TOKEN)', confidence: 'possible' } },
      ],
    },
    {
      name: 'a Keptn path whose endpoint may also be a self-hosted Keptn written out (a fallback, a flag) is only possible: that Keptn takes only the x-token',
      code: [
        "const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT || 'http://localhost:8080/api';",
        'export const projects = (token: string) => fetch(`${KEPTN_ENDPOINT}/controlPlane/v1/project`, { headers: { "x-token": token } });',
        'export function stages(project: string, useLocal: boolean, port: number, token: string) {',
        "  const base = useLocal ? `http://localhost:${port}/api` : '" + CA + "/api';",
        '  return fetch(`${base}/controlPlane/v1/project/${project}/stage`, { headers: { "x-token": token } });',
        '}',
        "export const fallbackOnCloud = (token: string) => fetch(`${process.env.KEPTN_ENDPOINT ?? '" + CA + "/api'}/v1/metadata`, { headers: { 'x-token': token } });",
      ].join('\n'),
      filename: 'file.ts',
      errors: [
        { ...report('fetch', 'the target may be Cloud Automation, but one URL it may use has the host http://localhost:8080, written out and no Cloud Automation host', 'possible'), line: 2 },
        { ...report('fetch', 'the target may be Cloud Automation, but one URL it may use has the host http://localhost:*, written out and no Cloud Automation host', 'possible'), line: 5 },
        { ...report('fetch', 'the target is likely Cloud Automation (Keptn path /{…}/v1/metadata behind KEPTN_ENDPOINT)', 'likely'), line: 7 },
      ],
    },
    {
      name: 'a computed key read from a static readonly field of a class in the file, without types',
      code: [
        "import axios from 'axios';",
        'export class KeptnClient {',
        "  static readonly TOKEN_HEADER = 'x-token';",
        '  constructor(private readonly token: string) {}',
        '  projects() { return axios.get(`${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project`, { headers: { [KeptnClient.TOKEN_HEADER]: this.token } }); }',
        '}',
      ].join('\n'),
      filename: 'file.ts',
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 5 }],
    },
    {
      name: 'an x-token read from a response header is a session token of the service that sent it (node https)',
      code: [
        "import https from 'https';",
        "import url from 'url';",
        'export function release(dashboardUrl: string, user: string, password: string) {',
        "  const login = https.request(Object.assign({}, url.parse(dashboardUrl + '/session'), { method: 'POST', auth: user + ':' + password }), (res) => {",
        "    const session = res.headers['x-token'] as string;",
        "    const post = https.request(Object.assign({}, url.parse(dashboardUrl + '/releases'), { method: 'POST', headers: { 'x-token': session, 'Content-Type': 'application/json' } }), (r2) => { r2.resume(); });",
        '    post.end();',
        '  });',
        '  login.end();',
        '}',
      ].join('\n'),
      filename: 'file.ts',
      errors: [{ ...elsewhere('node http', SESSION(5)), line: 6 }],
    },
    {
      name: 'a session token read with fetch, axios and got, even on a Keptn-looking request: still reported as sent, as another service\'s',
      code: [
        "import axios from 'axios';",
        "import got from 'got';",
        'export async function run(keptnApiUrl: string, body: object) {',
        "  const login = await fetch(`${keptnApiUrl}/session`, { method: 'POST' });",
        "  const token = login.headers.get('X-Token') ?? '';",
        "  await fetch(`${keptnApiUrl}/v1/event`, { method: 'POST', headers: { 'x-token': token } });",
        "  const response = await axios.post(`${keptnApiUrl}/session`, body);",
        "  const session = response.headers['x-token'] as string;",
        "  await axios.post(`${keptnApiUrl}/v1/event`, body, { headers: { 'x-token': session } });",
        "  const gotResponse = await got.post(`${keptnApiUrl}/session`, { json: body });",
        "  const gotSession = `${gotResponse.headers['x-token']}`;",
        "  await got.post(`${keptnApiUrl}/v1/event`, { headers: { 'x-token': gotSession }, json: body });",
        '}',
      ].join('\n'),
      filename: 'file.ts',
      errors: [
        { ...elsewhere('fetch', SESSION(5), 'likely'), line: 6 },
        { ...elsewhere('axios', SESSION(8), 'likely'), line: 9 },
        { ...elsewhere('got', SESSION(11), 'likely'), line: 12 },
      ],
    },
    {
      // Not "elsewhere" (it goes to Cloud Automation), and no ordinary finding either: the token is the caller's, which `migrate` must not replace with the service's own.
      name: 'an incoming request\'s x-token forwarded by a proxy is no response header: the caller\'s token, which migrate leaves',
      code: "export const handler = (req: { headers: Record<string, string> }) => fetch('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/event', { headers: { 'x-token': req.headers['x-token'] } });",
      filename: 'file.ts',
      errors: [{ messageId: 'xTokenHeaderForwarded', data: { client: 'fetch', target: 'the target is certainly Cloud Automation (host abc12345.cloudautomation.live.dynatrace.com)', readAt: 'on line 1', confidence: 'certain' } }],
    },
    {
      name: 'header builders that send nothing here but leave the module: each x-token is reported where it is written',
      code: [
        'export function keptnHeaders(token: string) { return { accept: "application/json", "x-token": token }; }',
        'export const withToken = (headers: Record<string, string>, keptnApiToken: string) => { headers["X-Token"] = keptnApiToken; return headers; };',
        'const defaults = { "x-token": process.env.KEPTN_API_TOKEN ?? "" };',
        'export { defaults as keptnDefaults };',
        'function legacy(token: string) { const h = new Map(); h.set("x-token", token); return h; }',
        'exports.legacy = legacy;',
        'export default function (token: string) { return { ...(token ? { "x-token": token } : {}) }; }',
      ].join('\n'),
      filename: 'file.ts',
      errors: [
        { messageId: 'xTokenHeaderLeavesModule', line: 1, data: { exit: 'the object the exported `keptnHeaders()` returns', target: unknown, confidence: 'unknown' } },
        { messageId: 'xTokenHeaderLeavesModule', line: 2, data: { exit: 'the object the exported `withToken()` returns', target: 'the target may be Cloud Automation (Keptn-named keptnApiToken)', confidence: 'possible' } },
        { messageId: 'xTokenHeaderLeavesModule', line: 3, data: { exit: '`keptnDefaults`, which this module exports', target: 'the target may be Cloud Automation (Keptn-named KEPTN_API_TOKEN)', confidence: 'possible' } },
        { messageId: 'xTokenHeaderLeavesModule', line: 5, data: { exit: 'the object the exported `legacy()` returns', target: unknown, confidence: 'unknown' } },
        { messageId: 'xTokenHeaderLeavesModule', line: 7, data: { exit: 'the object the default export returns', target: unknown, confidence: 'unknown' } },
      ],
    },
    // ---------------------------------------------------------------- A: the key
    {
      name: 'A1 quoted key, lower case, single quotes',
      code: `fetch('${CA}/api/v1/event', { method: 'POST', headers: { 'x-token': token } });`,
      filename: 'file.ts',
      errors: [{ ...report('fetch', certain, 'certain'), line: 1, column: 104 }],
    },
    {
      name: 'A1 key in double quotes and other letter cases',
      code: `
        import axios from 'axios';
        axios.get("${CA}/api/v1/metadata", { headers: { "X-Token": a } });
        axios.get("${CA}/api/v1/metadata", { headers: { 'X-TOKEN': b } });
      `,
      filename: 'file.ts',
      errors: [report('axios', certain, 'certain'), report('axios', certain, 'certain')],
    },
    {
      name: 'A2 template-literal computed key',
      code: 'fetch(url, { headers: { [`x-token`]: token } });',
      filename: 'file.ts',
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A3 computed key through a constant',
      code: `
        const H = 'x-token';
        fetch(url, { headers: { [H]: token } });
      `,
      filename: 'file.ts',
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A3 computed key through a member of a constant object',
      code: `
        const HEADERS = { token: 'X-Token' } as const;
        fetch(url, { headers: { [HEADERS.token]: token } });
      `,
      filename: 'file.ts',
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A3 computed key through a string enum member, in a literal and in a member write',
      code: `
        enum KeptnHeader { Token = 'x-token', Accept = 'accept' }
        fetch(url, { headers: { [KeptnHeader.Token]: token } });
        const headers: Record<string, string> = {};
        headers[KeptnHeader.Token] = token;
        headers[KeptnHeader.Accept] = 'application/json';
        await fetch(url, { headers });
      `,
      filename: 'file.ts',
      errors: [report('fetch', unknown, 'unknown'), report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A4 member assignment on a headers variable that reaches the request',
      code: `
        const headers: Record<string, string> = {};
        headers['x-token'] = token;
        await fetch(url, { headers });
      `,
      filename: 'file.ts',
      errors: [{ ...report('fetch', unknown, 'unknown'), line: 3 }],
    },
    {
      name: 'A4 member assignment through a type-only wrapper (`as`, `!`, `<T>x`, `satisfies`)',
      code: `
        const headers: Record<string, string> | undefined = {};
        (headers as Record<string, string>)['x-token'] = token;
        headers!['X-Token'] = token;
        (<Record<string, string>>headers)['x-TOKEN'] = token;
        (headers satisfies object)['X-TOKEN'] = token;
        await fetch(url, { headers });
      `,
      filename: 'file.ts',
      errors: [3, 4, 5, 6].map((line) => ({ ...report('fetch', unknown, 'unknown'), line })),
    },
    {
      name: 'A4 config.headers assignment on an options variable',
      code: `
        import axios from 'axios';
        const config: any = { headers: {} };
        config.headers['X-Token'] = token;
        await axios.request(config);
      `,
      filename: 'file.ts',
      errors: [{ ...report('axios', unknown, 'unknown'), line: 4 }],
    },
    {
      name: 'A4 axios.defaults.headers.common assignment',
      code: `
        import axios from 'axios';
        axios.defaults.headers.common['x-token'] = process.env.KEPTN_API_TOKEN;
      `,
      filename: 'file.ts',
      errors: [report('axios', 'the target may be Cloud Automation (Keptn-named KEPTN_API_TOKEN)', 'possible')],
    },
    {
      name: 'E5 a gateway forwarding its caller\'s token: the caller\'s, not this service\'s',
      code: `
        import axios from 'axios';
        export async function handler(req, event, request) {
          await axios.get('${CA}/api/controlPlane/v1/project', { headers: { 'x-token': req.header('x-token') } });
          await fetch('${CA}/api/controlPlane/v1/project', { headers: { 'x-token': event.headers['x-token'] } });
          const token = request.headers.get('X-Token') ?? '';
          await fetch('${CA}/api/controlPlane/v1/project', { headers: { 'x-token': token } });
        }
      `,
      filename: 'file.ts',
      errors: [
        { messageId: 'xTokenHeaderForwarded', data: { client: 'axios', target: certain, readAt: 'on line 4', confidence: 'certain' } },
        { messageId: 'xTokenHeaderForwarded', data: { client: 'fetch', target: certain, readAt: 'on line 5', confidence: 'certain' } },
        { messageId: 'xTokenHeaderForwarded', data: { client: 'fetch', target: certain, readAt: 'on line 6', confidence: 'certain' } },
      ],
    },
    {
      name: 'E5 a gateway class that passes its caller\'s token to its own request method (`this.get`, an instance\'s `.get`), also through `String(…)`',
      code: `
        import axios from 'axios';
        class Gateway {
          async get(path: string, token: string) { return axios.get('${CA}/api/controlPlane/v1/' + path, { headers: { 'x-token': token } }); }
          async projects(req) { return this.get('project', String(req.headers['x-token'])); }
        }
        const gateway = new Gateway();
        export const stages = (req, project: string) => gateway.get('project/' + project + '/stage', req.header('x-token'));
      `,
      filename: 'file.ts',
      errors: [{ messageId: 'xTokenHeaderForwarded', data: { client: 'axios', target: certain, readAt: 'on line 5', confidence: 'certain' } }],
    },
    {
      name: 'E5 the caller\'s `Authorization` sent on as the x-token, whole or cut (`.replace`, `.split(…)[1]`): forwarded too',
      code: `
        import axios from 'axios';
        export async function handler(req) {
          await axios.get('${CA}/api/controlPlane/v1/project', { headers: { 'x-token': req.headers.authorization } });
          await axios.get('${CA}/api/controlPlane/v1/project', { headers: { 'x-token': req.header('Authorization').replace('Bearer ', '') } });
          await axios.get('${CA}/api/controlPlane/v1/project', { headers: { 'x-token': req.headers['authorization']?.split(' ')[1] ?? '' } });
        }
      `,
      filename: 'file.ts',
      errors: [
        { messageId: 'xTokenHeaderForwarded', data: { client: 'axios', target: certain, readAt: 'on line 4', confidence: 'certain' } },
        { messageId: 'xTokenHeaderForwarded', data: { client: 'axios', target: certain, readAt: 'on line 5', confidence: 'certain' } },
        { messageId: 'xTokenHeaderForwarded', data: { client: 'axios', target: certain, readAt: 'on line 6', confidence: 'certain' } },
      ],
    },
    {
      name: 'C5 options handed to a local class whose constructor makes the instance: `new` and a subclass\'s `super`',
      code: `
        import axios from 'axios';
        class BaseClient {
          constructor(options) { this.http = axios.create(options); }
        }
        class KeptnClient extends BaseClient {
          constructor(token) { super({ baseURL: '${CA}/api', headers: { 'x-token': token } }); }
        }
        const session = new BaseClient({ baseURL: '${CA}/api', headers: { 'x-token': token } });
      `,
      filename: 'file.ts',
      errors: [
        { ...report('axios', certain, 'certain'), line: 7 },
        { ...report('axios', certain, 'certain'), line: 9 },
      ],
    },
    {
      name: 'A4 axios header groups in a config: `common` and a method group are sent with the request',
      code: `
        import axios from 'axios';
        const api = axios.create({ baseURL: '${CA}/api', headers: { common: { 'x-token': token }, post: { 'Content-Type': 'application/json' } } });
        await axios.get('${CA}/api/controlPlane/v1/project', { headers: { get: { 'x-token': token } } });
      `,
      filename: 'file.ts',
      errors: [
        { ...report('axios', certain, 'certain'), line: 3 },
        { ...report('axios', certain, 'certain'), line: 4 },
      ],
    },
    {
      name: 'C4 options merged by a copy function: lodash merge/defaultsDeep, `_.merge`, deepmerge, compiled interop',
      code: `
        import axios from 'axios';
        import _ from 'lodash';
        import merge from 'lodash/merge';
        import { defaultsDeep as fill } from 'lodash-es';
        import deepmerge from 'deepmerge';
        const merge_1 = require('lodash.merge');
        await axios.get('${CA}/api/controlPlane/v1/project', merge({}, defaults, { headers: { 'x-token': token } }));
        await axios.get('${CA}/api/controlPlane/v1/project', _.merge({}, defaults, { headers: { 'x-token': token } }));
        await axios.get('${CA}/api/controlPlane/v1/project', fill({ headers: { 'x-token': token } }, callerOptions));
        await axios.get('${CA}/api/controlPlane/v1/project', deepmerge(defaults, { headers: { 'x-token': token } }));
        const config = {};
        (0, merge_1)(config, { headers: { 'x-token': token } });
        await axios.get('${CA}/api/controlPlane/v1/project', config);
      `,
      filename: 'file.ts',
      errors: [
        { ...report('axios', certain, 'certain'), line: 8 },
        { ...report('axios', certain, 'certain'), line: 9 },
        { ...report('axios', certain, 'certain'), line: 10 },
        { ...report('axios', certain, 'certain'), line: 11 },
        { ...report('axios', certain, 'certain'), line: 13 },
      ],
    },
    {
      name: 'D4 a Keptn CloudEvent posted to a generic Keptn path makes it likely; another event type does not',
      code: `
        import axios from 'axios';
        export async function trigger(apiUrl: string, hookUrl: string, token: string, project: string) {
          await axios.post(apiUrl + '/v1/event', { type: 'sh.keptn.event.evaluation.triggered', data: { project } }, { headers: { 'x-token': token } });
          // The type put together with +, as code older than template literals writes it.
          await axios.post(apiUrl + '/v1/event', { type: 'sh.keptn.event.' + project + '.delivery.triggered', data: { project } }, { headers: { 'x-token': token } });
          await fetch(hookUrl + '/v1/event', { method: 'POST', headers: { 'x-token': token }, body: JSON.stringify({ type: 'com.example.deploy' }) });
          // A serializer of the code's own whose method is named stringify: its output is not the object.
          await fetch(hookUrl + '/v1/event', { method: 'POST', headers: { 'x-token': token }, body: yaml.stringify({ type: 'sh.keptn.event.evaluation.triggered' }) });
        }
      `,
      filename: 'file.ts',
      options: [{ minimumConfidence: 'possible' }],
      errors: [
        { messageId: 'xTokenHeader', data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn path /{…}/v1/event with a Keptn event, sh.keptn.event.evaluation.triggered)', confidence: 'likely' } },
        { messageId: 'xTokenHeader', data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn path /{…}/v1/event with a Keptn event, sh.keptn.event.…)', confidence: 'likely' } },
        { messageId: 'xTokenHeader', data: { client: 'fetch', target: 'the target may be Cloud Automation (Keptn-like path /{…}/v1/event)', confidence: 'possible' } },
        { messageId: 'xTokenHeader', data: { client: 'fetch', target: 'the target may be Cloud Automation (Keptn-like path /{…}/v1/event)', confidence: 'possible' } },
      ],
    },
    {
      name: 'C6 Nest HttpModule.register / registerAsync options: the header leaves with every HttpService the module provides',
      code: `
        import { HttpModule } from '@nestjs/axios';
        export const imports = [
          HttpModule.register({ baseURL: process.env.KEPTN_API_URL, headers: { 'x-token': process.env.KEPTN_API_TOKEN } }),
          HttpModule.registerAsync({ useFactory: () => ({ baseURL: process.env.KEPTN_API_URL, headers: { 'x-token': process.env.KEPTN_API_TOKEN } }) }),
        ];
      `,
      filename: 'file.ts',
      errors: [
        { messageId: 'xTokenHeaderLeavesModule', data: { exit: 'the options of `HttpModule.register(…)`, which configure the instance of every Nest HttpService the framework hands out', target: 'the target is likely Cloud Automation (Keptn endpoint KEPTN_API_URL)', confidence: 'likely' } },
        { messageId: 'xTokenHeaderLeavesModule', data: { exit: 'the options of `HttpModule.registerAsync(…)`, which configure the instance of every Nest HttpService the framework hands out', target: 'the target is likely Cloud Automation (Keptn endpoint KEPTN_API_URL)', confidence: 'likely' } },
      ],
    },
    {
      name: 'D4 a setting read by its name counts as that name: Nest `config.get(\'KEPTN_API_URL\')`, `core.getInput(\'keptn-api-token\')`',
      code: `
        import axios from 'axios';
        import * as core from '@actions/core';
        export async function run(config: { get(name: string): string }) {
          await axios.get(config.get('KEPTN_API_URL') + '/v1/metadata', { headers: { 'x-token': config.get('API_TOKEN') } });
          await axios.get(core.getInput('api-url') + '/v1/metadata', { headers: { 'x-token': core.getInput('keptn-api-token') } });
        }
      `,
      filename: 'file.ts',
      errors: [
        { messageId: 'xTokenHeader', data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn path /{…}/v1/metadata behind KEPTN_API_URL)', confidence: 'likely' } },
        { messageId: 'xTokenHeader', data: { client: 'axios', target: 'the target is likely Cloud Automation (Keptn path /{…}/v1/metadata behind keptn-api-token)', confidence: 'likely' } },
      ],
    },
    {
      name: 'A4 instance.defaults.headers assignment (also the verb group)',
      code: `
        import axios from 'axios';
        const api = axios.create({ baseURL: '${CA}/api' });
        api.defaults.headers['x-token'] = token;
        api.defaults.headers.post['x-token'] = token;
      `,
      filename: 'file.ts',
      errors: [
        report('an axios instance', certain, 'certain'),
        report('an axios instance', certain, 'certain'),
      ],
    },
    {
      name: 'A5 headers.set and headers.append on a Headers object',
      code: `
        const headers = new Headers();
        headers.set('x-token', token);
        headers.append('X-Token', token);
        await fetch(new URL('/api/v1/event', base), { method: 'POST', headers });
      `,
      filename: 'file.ts',
      errors: [
        { ...report('fetch', 'the target is likely Cloud Automation (Keptn API path /api/v1/event)', 'likely'), line: 3 },
        { ...report('fetch', 'the target is likely Cloud Automation (Keptn API path /api/v1/event)', 'likely'), line: 4 },
      ],
    },
    {
      name: 'B2 axios taken apart: its named `create` export, its methods destructured from require',
      code: `
        import { create } from 'axios';
        const { post } = require('axios');
        const api = create({ baseURL: process.env.KEPTN_API_URL, headers: { 'x-token': process.env.KEPTN_API_TOKEN } });
        export const send = (event: object) => post(\`\${process.env.KEPTN_API_URL}/v1/event\`, event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });
      `,
      filename: 'file.ts',
      errors: [
        report('axios', 'the target is likely Cloud Automation (Keptn endpoint KEPTN_API_URL)', 'likely'),
        report('axios', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_API_URL, KEPTN_API_TOKEN)', 'likely'),
      ],
    },
    {
      name: 'A5 config.headers.set in an axios request interceptor (AxiosHeaders)',
      code: `
        import axios from 'axios';
        const api = axios.create({ baseURL: process.env.KEPTN_API_URL });
        api.interceptors.request.use((config) => {
          config.headers.set('x-token', process.env.KEPTN_API_TOKEN);
          return config;
        });
      `,
      filename: 'file.ts',
      errors: [report('an axios instance', 'the target is likely Cloud Automation (Keptn endpoint KEPTN_API_URL)', 'likely')],
    },
    {
      name: 'A5 superagent .set chain',
      code: `
        import superagent from 'superagent';
        await superagent.post(\`\${KEPTN_ENDPOINT}/v1/event\`).set('x-token', token).send(body);
      `,
      filename: 'file.ts',
      errors: [report('superagent', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_ENDPOINT)', 'likely')],
    },
    {
      name: 'the request package: request-promise with the URL in uri, request.get with it in url',
      code: `
        const rp = require('request-promise-native');
        const request = require('request');
        async function sendEvent(event) {
          return rp({ method: 'POST', uri: 'https://abc12345.cloudautomation.live.dynatrace.com/api/v1/event', headers: { 'x-token': token }, body: event, json: true });
        }
        function metadata(callback) {
          request.get({ url: \`\${KEPTN_ENDPOINT}/v1/metadata\`, headers: { 'x-token': token } }, callback);
        }
      `,
      filename: 'file.cjs',
      errors: [
        report('request', certain, 'certain'),
        report('request', 'the target is likely Cloud Automation (Keptn path /{…}/v1/metadata behind KEPTN_ENDPOINT)', 'likely'),
      ],
    },
    {
      name: 'the request package: an instance made by request.defaults, its evidence from a request under its baseUrl',
      code: `
        import request from 'request';
        const keptn = request.defaults({ baseUrl: process.env.KEPTN_ENDPOINT, headers: { 'x-token': token } });
        keptn.get('/controlPlane/v1/project', callback);
      `,
      filename: 'file.ts',
      errors: [report('request', 'the target is likely Cloud Automation (Keptn endpoint KEPTN_ENDPOINT)', 'likely')],
    },
    {
      name: '@actions/http-client: headers passed as their own argument, and the default headers of new HttpClient(…)',
      code: `
        import { HttpClient } from '@actions/http-client';
        const http = new HttpClient('keptn-action');
        await http.postJson(\`\${KEPTN_ENDPOINT}/v1/event\`, event, { 'x-token': token });
        const headers = { accept: 'application/json', 'x-token': token };
        await http.get('https://abc12345.cloudautomation.live.dynatrace.com/api/controlPlane/v1/project', headers);
        const withDefaults = new HttpClient('keptn-action', [], { headers: { 'x-token': token } });
        await withDefaults.getJson('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/metadata');
      `,
      filename: 'file.ts',
      errors: [
        report('an HttpClient instance', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_ENDPOINT)', 'likely'),
        report('an HttpClient instance', certain, 'certain'),
        report('HttpClient', certain, 'certain'),
      ],
    },
    {
      name: 'typed-rest-client under a namespace import, and a parameter typed HttpClient',
      code: `
        import * as hm from 'typed-rest-client/HttpClient';
        import type { HttpClient } from '@actions/http-client';
        const client = new hm.HttpClient('keptn-task');
        await client.del('https://abc12345.cloudautomation.live.dynatrace.com/api/controlPlane/v1/project/demo', { 'x-token': token });
        export async function metadata(http: HttpClient) {
          return http.getJson('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/metadata', { 'x-token': token });
        }
      `,
      filename: 'file.ts',
      errors: [report('an HttpClient instance', certain, 'certain'), report('an HttpClient instance', certain, 'certain')],
    },
    {
      name: 'typed-rest-client RestClient: a request\'s additionalHeaders, and the default headers of new RestClient(…) under the base URL it is made with',
      code: `
        import * as rm from 'typed-rest-client/RestClient';
        const rest = new rm.RestClient('keptn-task', 'https://abc12345.cloudautomation.live.dynatrace.com/api');
        await rest.create('v1/event', event, { additionalHeaders: { 'x-token': token } });
        const options = { additionalHeaders: { accept: 'application/json', 'x-token': token } };
        await rest.get(\`controlPlane/v1/project/\${project}\`, options);
        const withDefaults = new rm.RestClient('keptn-task', process.env.KEPTN_ENDPOINT, [], { headers: { 'x-token': token } });
        await withDefaults.get('controlPlane/v1/project');
      `,
      filename: 'file.ts',
      errors: [
        report('a RestClient instance', certain, 'certain'),
        report('a RestClient instance', certain, 'certain'),
        report('RestClient', 'the target is likely Cloud Automation (Keptn endpoint KEPTN_ENDPOINT)', 'likely'),
      ],
    },
    {
      name: 'typed-rest-client required whole in CommonJS (its main module is RestClient), the client a class field',
      code: `
        const rm = require('typed-rest-client');
        class KeptnService {
          constructor(endpoint, apiToken) {
            this.apiToken = apiToken;
            this.client = new rm.RestClient('keptn-azure-task', endpoint);
          }
          getEvent(keptnContext) {
            return this.client.get(\`api/mongodb-datastore/event?keptnContext=\${keptnContext}\`, { additionalHeaders: { 'x-token': this.apiToken } });
          }
        }
        module.exports = { KeptnService };
      `,
      filename: 'service.js',
      errors: [report('a RestClient instance', 'the target is likely Cloud Automation (Keptn API path /{…}/api/mongodb-datastore/event)', 'likely')],
    },
    {
      name: 'A5 node req.setHeader on a request from https.request',
      code: `
        const https = require('node:https');
        const req = https.request({ host: 'abc12345.cloudautomation.live.dynatrace.com', path: '/api/v1/event', method: 'POST' });
        req.setHeader('x-token', token);
        req.end(body);
      `,
      filename: 'file.cjs',
      errors: [report('node http', 'the target is certainly Cloud Automation (host abc12345.cloudautomation.live.dynatrace.com)', 'certain')],
    },
    {
      // tsc calls a module's own export back through `exports`; the header is sent here, not elsewhere.
      name: 'compiled CommonJS header builder called as (0, exports.keptnHeaders)(token)',
      code: `
        "use strict";
        Object.defineProperty(exports, "__esModule", { value: true });
        exports.keptnHeaders = void 0;
        exports.triggerEvent = triggerEvent;
        const axios_1 = __importDefault(require("axios"));
        const keptnHeaders = (token) => ({ 'x-token': token, 'Content-Type': 'application/json' });
        exports.keptnHeaders = keptnHeaders;
        async function triggerEvent(event) {
          return axios_1.default.post(\`\${process.env.KEPTN_ENDPOINT}/v1/event\`, event, { headers: (0, exports.keptnHeaders)(process.env.KEPTN_API_TOKEN) });
        }
      `,
      filename: 'file.cjs',
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_ENDPOINT)', 'likely'), line: 7 }],
    },
    {
      name: 'a generic Keptn path on the base URL of a Cloud Automation call (one class field) is graded by it; on another base it is not',
      code: `
        export class KeptnHttp {
          constructor(private readonly apiUrl: string, private readonly apiToken: string) {}
          event(event: object) {
            return fetch(\`\${this.apiUrl}/v1/event\`, { method: 'POST', headers: { 'x-token': this.apiToken }, body: JSON.stringify(event) });
          }
          stages(project: string) {
            return fetch(\`\${this.apiUrl}/controlPlane/v1/project/\${project}/stage\`, { headers: { 'x-token': this.apiToken } });
          }
          relay(event: object) {
            return fetch(\`\${process.env.RELAY_URL}/v1/event\`, { method: 'POST', headers: { 'x-token': this.apiToken }, body: JSON.stringify(event) });
          }
        }
      `,
      filename: 'file.ts',
      errors: [
        { ...report('fetch', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event, on the base URL of the Cloud Automation call on line 8)', 'likely'), line: 5 },
        { ...report('fetch', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/{…}/stage)', 'likely'), line: 8 },
        { ...report('fetch', 'the target may be Cloud Automation (Keptn-like path /{…}/v1/event)', 'possible'), line: 11 },
      ],
    },
    {
      name: 'A6 new Headers with entries and with a record',
      code: `
        await fetch(url, { headers: new Headers([['x-token', token], ['accept', 'application/json']]) });
        await fetch(url, { headers: new Headers({ 'X-Token': token }) });
      `,
      filename: 'file.ts',
      errors: [report('fetch', unknown, 'unknown'), report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A6 pairs as fetch takes them: Object.fromEntries of pairs (also through a variable), the pairs themselves',
      code: `
        const headers = Object.fromEntries([['accept', 'application/json'], ['x-token', token]]);
        await fetch(url, { headers });
        await fetch(url, { headers: Object.fromEntries([['X-Token', token]]) });
        await fetch(url, { headers: [['x-token', token]] });
      `,
      filename: 'file.ts',
      errors: [
        { ...report('fetch', unknown, 'unknown'), line: 2 },
        { ...report('fetch', unknown, 'unknown'), line: 4 },
        { ...report('fetch', unknown, 'unknown'), line: 5 },
      ],
    },
    {
      name: 'A6 Object.assign into the headers',
      code: `
        const headers = { accept: 'application/json' };
        Object.assign(headers, { 'x-token': token });
        await fetch(url, { headers });
      `,
      filename: 'file.ts',
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'A7 conditional spread with && (Keptn Bridge shape)',
      code: `
        import axios from 'axios';
        const instance = axios.create({
          baseURL: apiUrl,
          headers: { ...(token && { 'x-token': token }), 'Content-Type': 'application/json' },
        });
      `,
      filename: 'file.ts',
      errors: [report('axios', unknown, 'unknown')],
    },
    {
      name: 'A7 conditional spread with a ternary',
      code: `
        import axios from 'axios';
        await axios({ method: 'GET', url: \`\${apiUrl}/controlPlane/v1/project\`, headers: { ...(token ? { 'x-token': token } : {}) } });
      `,
      filename: 'file.ts',
      errors: [report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely')],
    },
    // ---------------------------------------------------------------- B: the client
    {
      name: 'B1 globalThis.fetch and window.fetch',
      code: `
        globalThis.fetch(url, { headers: { 'x-token': t } });
        window.fetch(url, { headers: { 'x-token': t } });
      `,
      filename: 'file.tsx',
      errors: [report('fetch', unknown, 'unknown'), report('fetch', unknown, 'unknown')],
    },
    {
      name: 'B1 node-fetch default import under another name',
      code: `
        import nodeFetch from 'node-fetch';
        await nodeFetch('${CA}/api/v1/event', { headers: { 'x-token': t } });
      `,
      filename: 'file.mjs',
      errors: [report('fetch', certain, 'certain')],
    },
    {
      name: 'B1 undici fetch and request, cross-fetch through require',
      code: `
        const { fetch: undiciFetch, request } = require('undici');
        const crossFetch = require('cross-fetch');
        undiciFetch(url, { headers: { 'x-token': t } });
        request(url, { headers: { 'x-token': t } });
        crossFetch(url, { headers: { 'x-token': t } });
      `,
      filename: 'file.cjs',
      errors: [report('fetch', unknown, 'unknown'), report('undici', unknown, 'unknown'), report('fetch', unknown, 'unknown')],
    },
    {
      name: 'B1 new Request(url, init)',
      code: `const req = new Request('${CA}/api/v1/event', { method: 'POST', headers: { 'x-token': t } }); await fetch(req);`,
      filename: 'file.ts',
      errors: [report('fetch', certain, 'certain')],
    },
    {
      name: 'B1 the Request class of a fetch module, however it is named',
      code: `
        import { Request as NodeFetchRequest } from 'node-fetch';
        import * as undici from 'undici';
        const nodeFetch = require('node-fetch');
        await fetch(new NodeFetchRequest('${CA}/api/v1/event', { headers: { 'x-token': t } }) as never);
        await undici.fetch(new undici.Request('${CA}/api/v1/event', { headers: { 'x-token': t } }));
        await nodeFetch(new nodeFetch.Request('${CA}/api/v1/event', { headers: { 'x-token': t } }));
        await fetch(new globalThis.Request('${CA}/api/v1/event', { headers: { 'x-token': t } }));
      `,
      filename: 'file.ts',
      errors: [report('fetch', certain, 'certain'), report('fetch', certain, 'certain'), report('fetch', certain, 'certain'), report('fetch', certain, 'certain')],
    },
    {
      name: 'B2 axios(config) and axios(url, config)',
      code: `
        import axios from 'axios';
        axios({ url: '${CA}/api/v1/event', method: 'post', headers: { 'x-token': t } });
        axios('${CA}/api/v1/metadata', { headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
      errors: [report('axios', certain, 'certain'), report('axios', certain, 'certain')],
    },
    {
      name: 'B2 axios verbs with and without a data argument, and request',
      code: `
        import * as ax from 'axios';
        ax.delete('/api/v1/x', { headers: { 'x-token': t } });
        ax.post('/api/v1/event', body, { headers: { 'x-token': t } });
        ax.patch('/api/v1/x', body, { headers: { 'x-token': t } });
        ax.request({ url: '/api/v1/x', headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
      errors: [
        report('axios', unknown, 'unknown'),
        report('axios', 'the target is likely Cloud Automation (Keptn API path /api/v1/event)', 'likely'),
        report('axios', unknown, 'unknown'),
        report('axios', unknown, 'unknown'),
      ],
    },
    {
      name: 'B2 axios instances: variable, module export, class field',
      code: `
        import axios from 'axios';
        export const api = axios.create({ baseURL: '${CA}/api' });
        api.get('/v1/metadata', { headers: { 'x-token': t } });
        class Keptn {
          private http = axios.create();
          list() { return this.http.get('/controlPlane/v1/project', { headers: { 'x-token': this.token } }); }
        }
      `,
      filename: 'file.ts',
      errors: [report('an axios instance', certain, 'certain'), report('an axios instance', 'the target is likely Cloud Automation (Keptn API path /controlPlane/v1/project)', 'likely')],
    },
    {
      name: 'B2 axios instance held by a property: of a const object, of a parameter typed with a local interface, of a class field (no type information needed)',
      code: `
        import axios, { type AxiosInstance } from 'axios';
        interface KeptnDeps { readonly api: AxiosInstance; readonly project: string }
        const deps = { api: axios.create({ timeout: 10_000 }), project: 'checkout' };
        export async function trigger(event: unknown) {
          return deps.api.post('/v1/event', event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });
        }
        export async function triggerWith(injected: KeptnDeps, event: unknown) {
          return injected.api.post('/v1/event', event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });
        }
        export class Step {
          constructor(private readonly deps: KeptnDeps) {}
          run(event: unknown) { return this.deps.api.post('/v1/event', event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } }); }
        }
      `,
      filename: 'file.ts',
      errors: [report('an axios instance', 'the target is likely Cloud Automation (Keptn path /v1/event behind KEPTN_API_TOKEN)', 'likely'), report('an axios instance', 'the target is likely Cloud Automation (Keptn path /v1/event behind KEPTN_API_TOKEN)', 'likely'), report('an axios instance', 'the target is likely Cloud Automation (Keptn path /v1/event behind KEPTN_API_TOKEN)', 'likely')],
    },
    {
      name: 'B2 Nest HttpService of @nestjs/axios injected in the constructor: its Observable methods and its axiosRef',
      code: `
        import { HttpService } from '@nestjs/axios';
        import { firstValueFrom } from 'rxjs';
        export class KeptnService {
          constructor(private readonly http: HttpService) {}
          async trigger(event: unknown) {
            await firstValueFrom(this.http.post('/v1/event', event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } }));
            return this.http.axiosRef.post('/v1/event', event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });
          }
        }
      `,
      filename: 'file.ts',
      errors: [report('an axios instance', 'the target is likely Cloud Automation (Keptn path /v1/event behind KEPTN_API_TOKEN)', 'likely'), report('an axios instance', 'the target is likely Cloud Automation (Keptn path /v1/event behind KEPTN_API_TOKEN)', 'likely')],
    },
    {
      name: 'B2 axios instance as a parameter typed AxiosInstance (no type information needed for the annotation)',
      code: `
        import type { AxiosInstance } from 'axios';
        export function send(client: AxiosInstance, event: unknown) {
          return client.post('/v1/event', event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });
        }
      `,
      filename: 'file.ts',
      errors: [report('an axios instance', 'the target is likely Cloud Automation (Keptn path /v1/event behind KEPTN_API_TOKEN)', 'likely')],
    },
    {
      name: 'B3 got function, options first, verbs, stream, paginate',
      code: `
        import got from 'got';
        await got('${CA}/api/v1/metadata', { headers: { 'x-token': t } });
        await got({ url: '${CA}/api/v1/metadata', headers: { 'x-token': t } });
        await got.post('${CA}/api/v1/event', { json: e, headers: { 'x-token': t } });
        got.stream('${CA}/api/v1/metadata', { headers: { 'x-token': t } });
        await got.paginate.all('${CA}/api/mongodb-datastore/event', { headers: { 'x-token': t } });
      `,
      filename: 'file.mjs',
      errors: Array.from({ length: 5 }, () => report('got', certain, 'certain')),
    },
    {
      name: 'B3 got.extend with prefixUrl, calls on the instance, and a beforeRequest hook',
      code: `
        import got from 'got';
        const keptn = got.extend({ prefixUrl: '${CA}/api', headers: { 'x-token': t } });
        const hooked = got.extend({
          prefixUrl: '${CA}/api',
          hooks: { beforeRequest: [(options) => { options.headers['x-token'] = t; }] },
        });
        await keptn.get('v1/metadata');
      `,
      filename: 'file.ts',
      errors: [report('got', certain, 'certain'), report('got', certain, 'certain')],
    },
    {
      name: 'B3/B5 a beforeRequest hook handed by name, in a single got request, and in a ky instance (ky gives the hook the Request)',
      code: `
        import got from 'got';
        import ky from 'ky';
        function addToken(options) { options.headers['x-token'] = t; }
        const named = got.extend({ prefixUrl: '${CA}/api', hooks: { beforeRequest: [addToken] } });
        await got('${CA}/api/v1/metadata', { hooks: { beforeRequest: [(options) => { options.headers['x-token'] = t; }] } });
        const api = ky.create({ prefixUrl: '${CA}/api', hooks: { beforeRequest: [(request) => { request.headers.set('x-token', t); }] } });
      `,
      filename: 'file.ts',
      errors: [report('got', certain, 'certain'), report('got', certain, 'certain'), report('ky', certain, 'certain')],
    },
    {
      name: 'B4 node http.request and https.get with headers in the options',
      code: `
        import http from 'node:http';
        import { get } from 'https';
        http.request({ hostname: 'keptn', path: '/api/v1/event', method: 'POST', headers: { 'x-token': t } });
        get('${CA}/api/v1/metadata', { headers: { 'x-token': t } }, () => {});
      `,
      filename: 'file.ts',
      // `hostname: 'keptn'`: an in-cluster self-hosted Keptn, which takes only x-token.
      errors: [elsewhere('node http', 'its host keptn is written out and is no Cloud Automation host'), report('node http', certain, 'certain')],
    },
    {
      name: 'B4 node http or https picked at run time',
      code: `
        const http = require('http');
        const https = require('https');
        function projects(useTls, token) {
          const transport = useTls ? https : http;
          return transport.request({ hostname: 'abc12345.cloudautomation.live.dynatrace.com', path: '/api/controlPlane/v1/project', headers: { 'x-token': token } });
        }
      `,
      filename: 'file.cjs',
      errors: [report('node http', certain, 'certain')],
    },
    {
      name: 'B5 ky and a ky instance',
      code: `
        import ky from 'ky';
        await ky.post('${CA}/api/v1/event', { headers: { 'x-token': t } });
        const api = ky.create({ prefixUrl: '${CA}/api', headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
      errors: [report('ky', certain, 'certain'), report('ky', certain, 'certain')],
    },
    {
      name: 'B2 the global axios of a browser script',
      code: `axios.get('${CA}/api/v1/metadata', { headers: { 'x-token': t } });`,
      filename: 'file.js',
      errors: [report('axios', certain, 'certain')],
    },
    // ---------------------------------------------------------------- C: how options reach the call
    {
      name: 'C1 inline object literal',
      code: `import axios from 'axios'; axios.get(url, { headers: { 'x-token': t } });`,
      filename: 'file.ts',
      errors: [report('axios', unknown, 'unknown')],
    },
    {
      name: 'C2 options in a variable, headers in another variable',
      code: `
        const headers = { 'x-token': process.env.KEPTN_API_TOKEN };
        const options = { method: 'POST', headers };
        await fetch(\`\${process.env.KEPTN_ENDPOINT}/v1/event\`, options);
      `,
      filename: 'file.ts',
      errors: [report('fetch', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_ENDPOINT, KEPTN_API_TOKEN)', 'likely')],
    },
    {
      name: 'C3 headers returned by a helper function',
      code: `
        function authHeaders() {
          return { 'x-token': process.env.KEPTN_API_TOKEN, accept: 'application/json' };
        }
        const jsonHeaders = () => ({ ...authHeaders() });
        await fetch(\`\${base}/controlPlane/v1/project\`, { headers: authHeaders() });
        await fetch(\`\${base}/controlPlane/v1/project\`, { headers: jsonHeaders() });
      `,
      filename: 'file.ts',
      errors: [{ ...report('fetch', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 3 }],
    },
    {
      name: 'C4 spread of base options into another object',
      code: `
        import axios from 'axios';
        const baseOptions = { headers: { 'x-token': t } };
        await axios.request({ ...baseOptions, method: 'POST', url: '/api/v1/event' });
      `,
      filename: 'file.ts',
      errors: [report('axios', 'the target is likely Cloud Automation (Keptn API path /api/v1/event)', 'likely')],
    },
    {
      name: 'C5 a wrapper adds the header for every request: reported once, in the wrapper',
      code: `
        async function keptnRequest(path: string, init: RequestInit = {}) {
          return fetch(\`\${process.env.KEPTN_API_URL}\${path}\`, { ...init, headers: { ...init.headers, 'x-token': process.env.KEPTN_API_TOKEN } });
        }
        await keptnRequest('/v1/event', { method: 'POST' });
        await keptnRequest('/controlPlane/v1/project');
      `,
      filename: 'file.ts',
      errors: [{ ...report('fetch', 'the target is likely Cloud Automation (Keptn endpoint KEPTN_API_URL)', 'likely'), line: 3 }],
    },
    {
      name: 'C5 a wrapper graded by the Keptn API paths its calls pass says so, not which names its token has',
      code: `
        import axios from 'axios';
        const endpoint = process.env.API_BASE ?? '';
        async function withRetry(path: string) {
          return axios.request({ url: \`\${endpoint}\${path}\`, headers: { 'x-token': process.env.KEPTN_API_TOKEN! } });
        }
        export const sequences = (project: string) => withRetry(\`/api/controlPlane/v1/sequence/\${project}\`);
      `,
      filename: 'file.ts',
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn API paths in its calls)', 'likely'), line: 5 }],
    },
    {
      name: 'a base read from a Keptn-named env var and stripped of its trailing slash still names the target',
      code: `
        import axios from 'axios';
        const base = process.env.KEPTN_ENDPOINT!.replace(/\\/+$/, '');
        export const send = (event: object, token: string) => axios.post(\`\${base}/v1/event\`, event, { headers: { 'x-token': token } });
      `,
      filename: 'file.ts',
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_ENDPOINT)', 'likely'), line: 4 }],
    },
    {
      name: 'node https options cut from `new URL(path, endpoint)`: the path is the route, not the hidden host',
      code: `
        import * as https from 'https';
        export function postEvent(endpoint: string, token: string) {
          const url = new URL('/api/v1/event', endpoint);
          return https.request({ hostname: url.hostname, port: url.port || 443, path: url.pathname, method: 'POST', headers: { 'x-token': token } });
        }
      `,
      filename: 'file.ts',
      errors: [{ ...report('node http', 'the target is likely Cloud Automation (Keptn API path /api/v1/event)', 'likely'), line: 5 }],
    },
    {
      name: 'C6 an instance made in a base class, used by the classes of the file that extend it: graded by their requests',
      code: `
        import axios, { type AxiosInstance } from 'axios';
        abstract class Base {
          protected readonly http: AxiosInstance;
          constructor(endpoint: string, token: string) {
            this.http = axios.create({ baseURL: endpoint, headers: { 'x-token': token } });
          }
        }
        class Projects extends Base {
          list() { return this.http.get('/controlPlane/v1/project'); }
        }
        const projects = new Projects(process.env.KEPTN_ENDPOINT, process.env.KEPTN_API_TOKEN);
      `,
      filename: 'file.ts',
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 6 }],
    },
    {
      name: 'C6 a default header written through a base class field that its constructor receives: graded by the subclasses\' requests',
      code: `
        import type { AxiosInstance } from 'axios';
        abstract class Base {
          constructor(protected readonly http: AxiosInstance, token: string) {
            this.http.defaults.headers.common['x-token'] = token;
          }
        }
        export class Projects extends Base {
          list() { return this.http.get(\`\${process.env.API_BASE}/api/controlPlane/v1/project\`); }
        }
      `,
      filename: 'file.ts',
      errors: [{ ...report('an axios instance', 'the target is likely Cloud Automation (Keptn API path /{…}/api/controlPlane/v1/project)', 'likely'), line: 5 }],
    },
    {
      name: 'A5 headers set on a node request one by one, in a loop over the object that holds them',
      code: `
        import * as https from 'node:https';
        const headers = { accept: 'application/json', 'x-token': process.env.KEPTN_API_TOKEN ?? '' };
        export function projects() {
          const req = https.request(\`\${process.env.KEPTN_ENDPOINT}/api/controlPlane/v1/project\`);
          for (const [name, value] of Object.entries(headers)) req.setHeader(name, value);
          req.end();
        }
      `,
      filename: 'file.ts',
      errors: [{ ...report('node http', 'the target is likely Cloud Automation (Keptn API path /{…}/api/controlPlane/v1/project)', 'likely'), line: 3 }],
    },
    {
      name: 'C5 a wrapper whose callers pass the headers',
      code: `
        function send(url: string, headers: Record<string, string>) {
          return fetch(url, { headers });
        }
        send('${CA}/api/v1/metadata', { 'x-token': t });
      `,
      filename: 'file.ts',
      // The wrapper's only call goes to a Cloud Automation host: its request is graded by what the call passes.
      errors: [{ ...report('fetch', 'the target is certainly Cloud Automation (a Cloud Automation host)', 'certain'), line: 5 }],
    },
    {
      name: 'C6 class with a private client field set in the constructor',
      code: `
        import axios, { type AxiosInstance } from 'axios';
        class KeptnClient {
          private readonly http: AxiosInstance;
          constructor(private readonly endpoint: string, token: string) {
            this.http = axios.create({ baseURL: endpoint, headers: { 'x-token': token } });
          }
          project(name: string) {
            return this.http.get(\`/controlPlane/v1/project/\${name}\`);
          }
        }
      `,
      filename: 'file.ts',
      // The header sits in the instance's defaults: the instance's requests are its evidence.
      errors: [report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/{…})', 'likely')],
    },
    {
      name: 'C6 options a getter of the class returns, read by each request',
      code: `
        import axios from 'axios';
        export class KeptnClient {
          constructor(private readonly endpoint: string, private readonly token: string) {}
          private get requestConfig() {
            return { headers: { 'x-token': this.token, accept: 'application/json' } };
          }
          async projects() {
            return (await axios.get(\`\${this.endpoint}/controlPlane/v1/project\`, this.requestConfig)).data;
          }
        }
      `,
      filename: 'file.ts',
      // What a literal-key selector finds: the key in the getter's literal, reached through \`this.requestConfig\`.
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 6 }],
    },
    {
      name: 'C6 a getter with a setter: a write of the name goes to the setter, and each read gets what the getter returns',
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
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 7 }],
    },
    {
      name: 'C6 one builder sent by a sure and an unsure request is split: the unsure one keeps its x-token, so the header is graded by the sure one',
      code: `
        import axios, { type AxiosRequestConfig } from 'axios';
        export class EventService {
          constructor(private readonly baseUrl: string, private readonly statusUrl: string, private readonly apiToken: string) {}
          private requestConfig(extra: AxiosRequestConfig = {}): AxiosRequestConfig {
            return { ...extra, headers: { ...extra.headers, 'x-token': this.apiToken } };
          }
          async ping() {
            return axios.get(\`\${this.statusUrl}/v1/metadata\`, this.requestConfig());
          }
          async latest(type: string) {
            return (await axios.get(\`\${this.baseUrl}/mongodb-datastore/event/type/\${type}\`, this.requestConfig())).data;
          }
        }
      `,
      filename: 'file.ts',
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/mongodb-datastore/event/type/{…})', 'likely'), line: 6 }],
    },
    {
      name: 'C6 one builder sent by two requests that cannot be split is graded by the less sure of them: migrated, both would get the OAuth token',
      code: ONE_BUILDER_TWO_REQUESTS,
      filename: 'file.ts',
      errors: [ONE_BUILDER_TWO_REQUESTS_HELD_BACK],
    },
    {
      name: 'minimumConfidence weighs a held-back header by its surest request: the less sure one still holds it back (was: reported as a plain x-token the migration would move)',
      code: ONE_BUILDER_TWO_REQUESTS,
      filename: 'file.ts',
      options: [{ minimumConfidence: 'likely' }],
      errors: [ONE_BUILDER_TWO_REQUESTS_HELD_BACK],
    },
    {
      name: 'minimumConfidence weighs an instance header by the requests made through the instance (was: its base says nothing, so it was dropped before they were seen)',
      code: `
        import axios from 'axios';
        const api = axios.create({ baseURL: process.env.BASE, headers: { 'x-token': process.env.KEPTN_API_TOKEN } });
        export const projects = () => api.get('/controlPlane/v1/project');
      `,
      filename: 'file.ts',
      options: [{ minimumConfidence: 'likely' }],
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 3 }],
    },
    {
      name: 'C6 a service class whose header getter feeds Keptn and a Teams webhook: graded by the Keptn request, split (the webhook gets the x-token back where it reads the getter)',
      code: `
        import axios from 'axios';
        export class QualityGateNotifier {
          constructor(private readonly keptnEndpoint: string, private readonly keptnApiToken: string, private readonly teamsChannel: string) {}
          private get headers(): Record<string, string> {
            return { 'x-token': this.keptnApiToken, 'Content-Type': 'application/json' };
          }
          async evaluate(project: string, stage: string) {
            const res = await axios.post(\`\${this.keptnEndpoint}/v1/event\`, { type: 'sh.keptn.event.evaluation.triggered', data: { project, stage } }, { headers: this.headers });
            return res.data.keptnContext as string;
          }
          async announce(text: string) {
            await axios.post(\`https://acme.webhook.office.com/webhookb2/\${this.teamsChannel}\`, { text }, { headers: this.headers });
          }
        }
      `,
      filename: 'file.ts',
      errors: [{ ...report('axios', 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind keptnEndpoint, keptnApiToken)', 'likely'), line: 6 }],
    },
    {
      name: 'C6 a module-level shared object sent to a Keptn path and to localhost is split: what it read from the environment at load is kept for the self-hosted request',
      code: `
        const headers = { 'x-token': process.env.KEPTN_API_TOKEN, accept: 'application/json' };
        export async function compare() {
          const cloud = await fetch(\`\${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project\`, { headers });
          const local = await fetch('http://localhost:8080/api/controlPlane/v1/project', { headers });
          return [await cloud.json(), await local.json()];
        }
      `,
      filename: 'file.ts',
      errors: [{ ...report('fetch', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 2 }],
    },
    {
      name: 'C6 a shared options object built in the function that sends it to a Keptn path and to localhost: held back by the self-hosted request',
      code: `
        export async function compare() {
          const headers = { 'x-token': process.env.KEPTN_API_TOKEN, accept: 'application/json' };
          const cloud = await fetch(\`\${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project\`, { headers });
          const local = await fetch('http://localhost:8080/api/controlPlane/v1/project', { headers });
          return [await cloud.json(), await local.json()];
        }
      `,
      filename: 'file.ts',
      errors: [{
        ...heldBack(
          'fetch',
          'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)',
          'the same header is also sent by another request on line 5, and its host http://localhost:8080 is written out and is no Cloud Automation host; it is not split (the OAuth token for the Cloud Automation requests, the x-token written again where that one reads the header) because the token is read from `process.env` once, when the shared object is made, and read again at that request it might differ',
          'likely',
          'xTokenHeaderSharedElsewhere',
        ),
        line: 3,
      }],
    },
    // ---------------------------------------------------------------- D: evidence
    {
      name: 'D1 literal URL on a sprint host',
      code: `fetch('https://x1.cloudautomation.sprint.dynatracelabs.com/api/v1/event', { headers: { 'x-token': t } });`,
      filename: 'file.ts',
      errors: [report('fetch', 'the target is certainly Cloud Automation (host x1.cloudautomation.sprint.dynatracelabs.com)', 'certain')],
    },
    {
      name: 'D2 concatenation endpoint + "/v1/event"',
      code: `fetch(endpoint + '/v1/event', { method: 'POST', headers: { 'x-token': t } });`,
      filename: 'file.ts',
      errors: [report('fetch', 'the target may be Cloud Automation (Keptn-like path /{…}/v1/event)', 'possible')],
    },
    {
      name: 'D2 /mongodb-datastore/event in a template',
      code: 'fetch(`${base}/mongodb-datastore/event?project=p`, { headers: { "x-token": t } });',
      filename: 'file.ts',
      errors: [report('fetch', 'the target is likely Cloud Automation (Keptn API path /{…}/mongodb-datastore/event)', 'likely')],
    },
    {
      name: 'D3 baseURL on the instance plus a relative path on the call',
      code: `
        import axios from 'axios';
        const api = axios.create({ baseURL: process.env.API_URL });
        api.get('/controlPlane/v1/project', { headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
      errors: [report('an axios instance', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely')],
    },
    {
      name: 'D4 base URL and token from Keptn-named identifiers',
      code: `fetch(keptnBaseUrl, { headers: { 'x-token': keptnApiToken } });`,
      filename: 'file.ts',
      errors: [report('fetch', 'the target is likely Cloud Automation (Keptn endpoint keptnBaseUrl)', 'likely')],
    },
    {
      name: 'D5 new URL(path, base)',
      code: `fetch(new URL('/api/controlPlane/v1/project', process.env.BASE), { headers: { 'x-token': t } });`,
      filename: 'file.ts',
      errors: [report('fetch', 'the target is likely Cloud Automation (Keptn API path /api/controlPlane/v1/project)', 'likely')],
    },
    // ---------------------------------------------------------------- other behaviour
    {
      name: 'a site carrying the codemod marker is still reported',
      code: `
        // @cloud-automation-migrate: header set through a callback, migrate by hand
        fetch(url, { headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
      errors: [report('fetch', unknown, 'unknown')],
    },
    {
      name: 'a leftover x-token next to a Bearer Authorization: removal is a suggestion, not an autofix, and keeps the other headers',
      code: 'fetch(url, { headers: { "x-token": t, Authorization: `Bearer ${jwt}`, accept: "application/json" } });',
      filename: 'file.ts',
      errors: [
        {
          ...report('fetch', unknown, 'unknown'),
          suggestions: [{ messageId: 'removeXTokenHeader', output: 'fetch(url, { headers: { Authorization: `Bearer ${jwt}`, accept: "application/json" } });' }],
        },
      ],
    },
    {
      name: 'a Bearer Authorization held in a const makes the x-token a leftover too',
      code: `
        const bearer = 'Bearer ' + process.env.GATEWAY_JWT;
        fetch(url, { headers: { Authorization: bearer, 'x-token': t } });
      `,
      filename: 'file.ts',
      errors: [{ ...report('fetch', unknown, 'unknown'), suggestions: [{ messageId: 'removeXTokenHeader', output: `
        const bearer = 'Bearer ' + process.env.GATEWAY_JWT;
        fetch(url, { headers: { Authorization: bearer } });
      ` }] }],
    },
    {
      name: 'no removal suggestion next to an Authorization of unknown scheme: without the x-token the request may have no credential Cloud Automation takes',
      code: `fetch(url, { headers: { Authorization: auth, 'x-token': t } });`,
      filename: 'file.ts',
      errors: [{ ...report('fetch', unknown, 'unknown'), suggestions: [] }],
    },
    {
      name: 'no removal suggestion next to a Basic Authorization held in a const',
      code: `
        const gatewayAuth = 'Basic ' + Buffer.from(process.env.GW_USER + ':' + process.env.GW_PASS).toString('base64');
        fetch(url, { headers: { Authorization: gatewayAuth, 'x-token': t } });
      `,
      filename: 'file.ts',
      errors: [{ ...report('fetch', unknown, 'unknown'), suggestions: [] }],
    },
    {
      name: 'no removal suggestion where it would drop a comment',
      code: 'fetch(url, { headers: { Authorization: `Bearer ${jwt}`, "x-token": /* legacy */ t } });',
      filename: 'file.ts',
      errors: [{ ...report('fetch', unknown, 'unknown'), suggestions: [] }],
    },
    {
      name: 'B2 a property syntax cannot prove holds one instance (written again), or an HttpService class of the app itself: no known client, so an unknown one',
      code: `
        import axios from 'axios';
        import { HttpService } from './http.service';
        const deps = { api: axios.create() };
        deps.api = makeClient();
        export async function trigger(event: unknown) {
          return deps.api.post('/v1/event', event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });
        }
        export class KeptnService {
          constructor(private readonly http: HttpService) {}
          trigger(event: unknown) { return this.http.post('/v1/event', event, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } }); }
        }
      `,
      filename: 'file.ts',
      errors: [
        { messageId: 'xTokenHeaderUnknownClient', line: 7, data: { call: '`deps.api.post(…)`', target: 'the target may be Cloud Automation (Keptn-named KEPTN_API_TOKEN)', confidence: 'possible' } },
        { messageId: 'xTokenHeaderUnknownClient', line: 11, data: { call: '`this.http.post(…)`', target: 'the target may be Cloud Automation (Keptn-named KEPTN_API_TOKEN)', confidence: 'possible' } },
      ],
    },
    {
      name: 'E2 Angular HttpHeaders, built from an object or by a set chain, in the headers of an HttpClient call; a response header set is no request',
      code: `
        import { HttpClient, HttpHeaders } from '@angular/common/http';
        export class KeptnApi {
          constructor(private readonly http: HttpClient, private readonly keptnApiUrl: string, private readonly token: string) {}
          projects() {
            const headers = new HttpHeaders({ 'x-token': this.token });
            return this.http.get(\`\${this.keptnApiUrl}/controlPlane/v1/project\`, { headers });
          }
          event(body: object) {
            return this.http.post(\`\${this.keptnApiUrl}/v1/event\`, body, { headers: new HttpHeaders().set('accept', 'application/json').set('x-token', this.token) });
          }
          echo(res: { set(name: string, value: string): void }) { res.set('x-token', 'echo'); }
        }
      `,
      filename: 'file.ts',
      errors: [
        { messageId: 'xTokenHeaderUnknownClient', line: 6, data: { call: '`this.http.get(…)`', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', confidence: 'likely' } },
        { messageId: 'xTokenHeaderUnknownClient', line: 10, data: { call: '`this.http.post(…)`', target: 'the target is likely Cloud Automation (Keptn endpoint keptnApiUrl)', confidence: 'likely' } },
      ],
    },
    {
      name: 'E2 a headers option handed to a call no client spec describes: reported by default, graded by what the call shows',
      code: `
        sendLater({ url: '/api/v1/event', headers: { 'x-token': t } });
        track({ headers: { 'X-Token': 't' } });
        import { Request as Job } from './queue';
        const job = new Job('${CA}/api/v1/event', { headers: { 'x-token': t } });
        export class KeptnClient {
          constructor(private readonly fetchApi: { fetch: typeof fetch }, private readonly keptnApiUrl: string) {}
          projects(token: string) {
            const init = { headers: { 'x-token': token } };
            return this.fetchApi.fetch(\`\${this.keptnApiUrl}/controlPlane/v1/project\`, init);
          }
        }
        const metrics = new GraphQLClient('https://metrics.example.org/graphql', { headers: { 'x-token': t } });
      `,
      filename: 'file.ts',
      errors: [
        { messageId: 'xTokenHeaderUnknownClient', line: 2, data: { call: '`sendLater(…)`', target: unknown, confidence: 'unknown' } },
        { messageId: 'xTokenHeaderUnknownClient', line: 3, data: { call: '`track(…)`', target: unknown, confidence: 'unknown' } },
        { messageId: 'xTokenHeaderUnknownClient', line: 5, data: { call: '`new Job(…)`', target: certain, confidence: 'certain' } },
        { messageId: 'xTokenHeaderUnknownClient', line: 9, data: { call: '`this.fetchApi.fetch(…)`', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', confidence: 'likely' } },
        { ...elsewhere('`new GraphQLClient(…)`', 'its host https://metrics.example.org is written out and is no Cloud Automation host'), line: 13 },
      ],
    },
    {
      name: 'an excluded host does not hide other hosts',
      code: `fetch('${CA}/api/v1/event', { headers: { 'x-token': t } });`,
      filename: 'file.ts',
      options: [{ ignoreHosts: ['keptn.example.com'] }],
      errors: [report('fetch', certain, 'certain')],
    },
    {
      name: 'JSX file: fetch in a component effect',
      code: `
        export function Projects() {
          useEffect(() => { fetch('${CA}/api/controlPlane/v1/project', { headers: { 'x-token': token } }); }, []);
          return <ul />;
        }
      `,
      filename: 'file.tsx',
      errors: [report('fetch', certain, 'certain')],
    },
  ],
});

// Without a program, a package no tsconfig.json claims is still the project: the lint grades an
// exported header builder by its callers in the package's other modules, as the codemod does.
const packageFixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'codemods', 'fixtures');
const packageFile = (relative: string) => ({ filename: path.join(packageFixtures, relative), code: readFileSync(path.join(packageFixtures, relative), 'utf8') });

ruleTester.run('no-x-token-header: packages linted without a program', testable(rule), {
  valid: [],
  invalid: [
    {
      name: 'an ES module builder graded by the request of the module that calls it',
      ...packageFile('esm-package/src/headers.js'),
      errors: [{ messageId: 'xTokenHeaderLeavesModule', line: 3, data: { exit: 'the object the exported `stageHeaders()` returns', target: 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/{…}/stage)', confidence: 'likely' } }],
    },
    {
      name: 'a tsconfig.json inside the package gives its files: read without a program, its callers grade the builder as the typed lint does',
      // project/ has its own tsconfig under the repository's package.json; builder-users.ts, which it lists, sends the builder's header.
      ...packageFile('project/src/header-builders.ts'),
      errors: [
        { messageId: 'xTokenHeaderLeavesModule', line: 9, data: { exit: 'the object the exported `keptnHeaders()` returns', target: 'the target is likely Cloud Automation (Keptn path /{…}/v1/event behind KEPTN_BASE_URL)', confidence: 'likely' } },
        { messageId: 'xTokenHeaderLeavesModule', line: 13 },
        { messageId: 'xTokenHeaderLeavesModule', line: 17 },
      ],
    },
  ],
});

// Without a program, values other local modules export are read in those modules: a header name
// a constants module exports, and the base an instance was made with where it is made.
const agreementFixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'agreement', 'fixtures');
const agreementFile = (relative: string) => ({ filename: path.join(agreementFixtures, relative), code: readFileSync(path.join(agreementFixtures, relative), 'utf8') });

ruleTester.run('no-x-token-header: values of other local modules, linted without a program', testable(rule), {
  valid: [],
  invalid: [
    {
      name: 'a header name imported from a constants module, and one of a static readonly field',
      ...agreementFile('imported-header-name.ts'),
      errors: [
        { ...report('axios', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project)', 'likely'), line: 13 },
        { ...report('fetch', 'the target is likely Cloud Automation (Keptn API path /{…}/controlPlane/v1/project/{…}/stage)', 'likely'), line: 17 },
      ],
    },
    {
      name: 'an instance imported from the module that makes it (also through an `export *` barrel) keeps the base it was made with',
      ...agreementFile('imported-instance-base.ts'),
      errors: [
        { ...report('an axios instance', 'the target is likely Cloud Automation (Keptn API path /{…}/mongodb-datastore/event/type/sh.keptn.event.evaluation.finished)', 'likely'), line: 9 },
        { ...report('an axios instance', 'the target is likely Cloud Automation (Keptn API path /{…}/mongodb-datastore/event)', 'likely'), line: 14 },
      ],
    },
  ],
});

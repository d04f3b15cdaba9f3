/**
 * The HTTP clients Keptn integrations use, described as data: where each call keeps its
 * URL, options, body and headers. Rules and codemods read the same table, so they agree
 * on what a request looks like; a new client or verb is one entry here.
 */
export type HttpClientKind = 'fetch' | 'axios' | 'got' | 'node-http' | 'undici' | 'ky' | 'superagent' | 'request' | 'http-client' | 'rest-client';

/** Where the parts of one request call live among its arguments. */
export interface RequestSignature {
  /** Index of the URL argument. */
  readonly url?: number;
  /** Index of the options / config object. */
  readonly options?: number;
  /** Index of the request body (axios `post(url, data, config)`). */
  readonly data?: number;
  /** Index of an argument that is the headers record itself (`HttpClient#get(url, headers)`). */
  readonly headers?: number;
  /** Index of the base URL an instance is made with, as an argument of its own (`new RestClient(userAgent, baseUrl)`). */
  readonly baseUrl?: number;
  /** Index of request handlers that may add headers unseen (`new HttpClient(ua, [new BearerCredentialHandler(t)])`). */
  readonly handlers?: number;
  /**
   * The first argument may be the options object itself (`axios(config)`, `got(options)`,
   * `http.request(options)`): then the URL lives in the options and `options` moves to 0.
   */
  readonly optionsMayComeFirst?: boolean;
  /** The HTTP method the member name implies (`axios.post` → POST); else read the options. */
  readonly method?: string;
  /** The call makes a configured instance (`axios.create`, `got.extend`): options are defaults. */
  readonly createsInstance?: boolean;
  /** Every argument from `options` on is an options object (`got.extend(a, b, …)`). */
  readonly restAreOptions?: boolean;
}

export interface HttpClientSpec {
  readonly kind: HttpClientKind;
  /** How messages and reports name the client. */
  readonly label: string;
  /** Calling the client itself: `axios(…)`, `got(…)`, `fetch(…)`. */
  readonly call?: RequestSignature;
  /** Calling a member: `axios.get(…)`, `got.stream(…)`. Nested members use dots: `stream.get`. */
  readonly members: Readonly<Record<string, RequestSignature>>;
  /** Option that holds a base URL relative URLs resolve against. */
  readonly baseUrlOption?: string;
  /** The base option holds a host name without scheme (node's `host`), not a URL. */
  readonly baseIsHostName?: boolean;
  /** Options that name the base too and win over `baseUrlOption` when set (node's `hostname` over `host`). */
  readonly baseUrlOverrides?: readonly string[];
  /** Option that holds the URL when the options come first. */
  readonly urlOption?: string;
  /** Other names the client accepts for the URL option (request's `url` beside `uri`). */
  readonly urlOptionAliases?: readonly string[];
  readonly headersOption?: string;
  /** The option that holds default headers where an instance is made, when not `headersOption` (RestClient's `headers` beside each request's `additionalHeaders`). */
  readonly instanceHeadersOption?: string;
  /** Options the client turns into `Authorization: Basic …` (axios's and node's `auth`, got's `username`/`password`). */
  readonly basicAuthOptions?: readonly string[];
  /** Options that carry a request body (`body`, axios' `data`, got's `json`/`form`). */
  readonly bodyOptions?: readonly string[];
  readonly methodOption?: string;
  /** Type names (from the client's own typings) of the client and its instances. */
  readonly instanceTypeNames: readonly string[];
  /**
   * Where the client's typings live: a type of one of those names counts only when declared
   * there (an app's own `class RestClient`, Angular's `HttpClient` are other things).
   */
  readonly typingsFolder?: RegExp;
  /**
   * A request may end with a callback, where an options object may also stand
   * (`request(url, callback)`, `https.get(url, onResponse)`); the request package's is error-first.
   */
  readonly callback?: 'error-first' | 'response';
  /**
   * The class whose `new` makes an instance (`new HttpClient(userAgent, handlers, options)`),
   * as the module exports it; the constructor's signature is the member `new`.
   */
  readonly constructorExport?: string;
  /**
   * A header whose value is `undefined` is left out of the request, not sent (axios' `AxiosHeaders#toJSON`
   * skips it, got deletes it before sending): `'x-token': isCloud ? t : undefined` sends nothing when the
   * test fails, so a migration may keep that test in the value. fetch sends the text "undefined".
   */
  readonly dropsUndefinedHeader?: true;
  /**
   * Keys of a headers object that hold headers, not name one: axios merges `headers.common` and
   * `headers[method]` into every request's headers (its `flattenHeaders`), in `create` defaults and
   * in a request's own config alike, so `headers: { common: { 'x-token': t } }` sends `x-token`.
   */
  readonly headerGroups?: readonly string[];
}

const bodyVerbs = ['post', 'put', 'patch'] as const;
const bodylessVerbs = ['get', 'delete', 'head', 'options'] as const;

function verbs(
  names: readonly string[],
  signature: Omit<RequestSignature, 'method'>,
  methodFor: (name: string) => string = (name) => name.toUpperCase(),
): Record<string, RequestSignature> {
  return Object.fromEntries(names.map((name) => [name, { ...signature, method: methodFor(name) }]));
}

const axios: HttpClientSpec = {
  kind: 'axios',
  label: 'axios',
  call: { url: 0, options: 1, optionsMayComeFirst: true },
  members: {
    request: { options: 0 },
    ...verbs(bodylessVerbs, { url: 0, options: 1 }),
    ...verbs(bodyVerbs, { url: 0, data: 1, options: 2 }),
    ...verbs(['postForm', 'putForm', 'patchForm'], { url: 0, data: 1, options: 2 }, (name) =>
      name.replace('Form', '').toUpperCase(),
    ),
    create: { options: 0, createsInstance: true },
  },
  baseUrlOption: 'baseURL',
  urlOption: 'url',
  headersOption: 'headers',
  basicAuthOptions: ['auth'],
  bodyOptions: ['data'],
  methodOption: 'method',
  instanceTypeNames: ['AxiosInstance', 'AxiosStatic', 'Axios'],
  typingsFolder: /[\\/]node_modules[\\/]axios[\\/]/u,
  dropsUndefinedHeader: true,
  headerGroups: ['common', 'get', 'post', 'put', 'patch', 'delete', 'head', 'options'],
};

const gotVerbs = ['get', 'post', 'put', 'patch', 'delete', 'head'] as const;

const got: HttpClientSpec = {
  kind: 'got',
  label: 'got',
  call: { url: 0, options: 1, optionsMayComeFirst: true },
  members: {
    ...verbs(gotVerbs, { url: 0, options: 1, optionsMayComeFirst: true }),
    stream: { url: 0, options: 1, optionsMayComeFirst: true },
    ...Object.fromEntries(
      Object.entries(verbs(gotVerbs, { url: 0, options: 1, optionsMayComeFirst: true })).map(([name, signature]) => [
        `stream.${name}`,
        signature,
      ]),
    ),
    paginate: { url: 0, options: 1, optionsMayComeFirst: true },
    'paginate.all': { url: 0, options: 1, optionsMayComeFirst: true },
    'paginate.each': { url: 0, options: 1, optionsMayComeFirst: true },
    extend: { options: 0, createsInstance: true, restAreOptions: true },
  },
  baseUrlOption: 'prefixUrl',
  urlOption: 'url',
  headersOption: 'headers',
  basicAuthOptions: ['username', 'password'],
  bodyOptions: ['body', 'json', 'form'],
  methodOption: 'method',
  instanceTypeNames: ['Got', 'GotStream', 'ExtendOptions'],
  typingsFolder: /[\\/]node_modules[\\/]got[\\/]/u,
  dropsUndefinedHeader: true,
};

const fetch: HttpClientSpec = {
  kind: 'fetch',
  label: 'fetch',
  call: { url: 0, options: 1 },
  members: {},
  urlOption: 'url',
  headersOption: 'headers',
  bodyOptions: ['body'],
  methodOption: 'method',
  instanceTypeNames: [],
};

const nodeHttp: HttpClientSpec = {
  kind: 'node-http',
  label: 'node http',
  members: {
    request: { url: 0, options: 1, optionsMayComeFirst: true },
    get: { url: 0, options: 1, optionsMayComeFirst: true, method: 'GET' },
  },
  // `https.request({ host, path, method, headers })`: the host (a bare name) is the base the path goes to.
  baseUrlOption: 'host',
  baseIsHostName: true,
  baseUrlOverrides: ['hostname'],
  urlOption: 'path',
  // A parsed URL spread or assigned into the options (`{ ...url.parse(u) }`) brings all its parts, read as its `href`.
  urlOptionAliases: ['href'],
  headersOption: 'headers',
  basicAuthOptions: ['auth'],
  methodOption: 'method',
  instanceTypeNames: [],
  callback: 'response',
};

const undici: HttpClientSpec = {
  kind: 'undici',
  label: 'undici',
  members: { request: { url: 0, options: 1 } },
  headersOption: 'headers',
  methodOption: 'method',
  instanceTypeNames: [],
};

const ky: HttpClientSpec = {
  kind: 'ky',
  label: 'ky',
  call: { url: 0, options: 1 },
  members: {
    ...verbs(['get', 'post', 'put', 'patch', 'delete', 'head'], { url: 0, options: 1 }),
    create: { options: 0, createsInstance: true },
    extend: { options: 0, createsInstance: true },
  },
  baseUrlOption: 'prefixUrl',
  headersOption: 'headers',
  methodOption: 'method',
  instanceTypeNames: ['KyInstance'],
  typingsFolder: /[\\/]node_modules[\\/]ky[\\/]/u,
};

const superagent: HttpClientSpec = {
  kind: 'superagent',
  label: 'superagent',
  // Headers come from a `.set(name, value)` chain on the returned request, not from options.
  members: verbs(['get', 'post', 'put', 'patch', 'delete', 'del', 'head'], { url: 0 }, (name) =>
    name === 'del' ? 'DELETE' : name.toUpperCase(),
  ),
  instanceTypeNames: ['SuperAgentStatic', 'SuperAgentRequest'],
  typingsFolder: /[\\/]node_modules[\\/]@types[\\/]superagent[\\/]/u,
};

/**
 * The `request` package and its promise wrappers (`request-promise`, `-native`, the
 * `postman-request` fork): deprecated since 2020, still in many older Keptn integrations.
 * `request(uri, options, callback)` or `request(options, callback)`; the instance made by
 * `request.defaults(options)` is callable too.
 */
const request: HttpClientSpec = {
  kind: 'request',
  label: 'request',
  call: { url: 0, options: 1, optionsMayComeFirst: true },
  members: {
    ...verbs(['get', 'post', 'put', 'patch', 'delete', 'del', 'head', 'options'], { url: 0, options: 1, optionsMayComeFirst: true }, (name) =>
      name === 'del' ? 'DELETE' : name.toUpperCase(),
    ),
    defaults: { options: 0, createsInstance: true },
  },
  baseUrlOption: 'baseUrl',
  urlOption: 'uri',
  urlOptionAliases: ['url'],
  headersOption: 'headers',
  // `auth: { user, pass }` is Basic, `auth: { bearer }` a Bearer token: a credential of the caller's either way.
  basicAuthOptions: ['auth'],
  bodyOptions: ['body', 'json', 'form', 'formData', 'multipart'],
  methodOption: 'method',
  instanceTypeNames: ['RequestAPI', 'RequestPromiseAPI'],
  callback: 'error-first',
};

/**
 * `HttpClient` of `@actions/http-client` (what GitHub Actions use) and of `typed-rest-client`
 * (Azure DevOps tasks), one API: the headers are an argument of their own, not an option, and
 * `new HttpClient(userAgent, handlers, { headers })` makes an instance with default headers.
 */
const httpClient: HttpClientSpec = {
  kind: 'http-client',
  label: 'HttpClient',
  members: {
    ...verbs(['get', 'del', 'head', 'options'], { url: 0, headers: 1 }, (name) => (name === 'del' ? 'DELETE' : name.toUpperCase())),
    ...verbs(['post', 'put', 'patch'], { url: 0, data: 1, headers: 2 }),
    getJson: { url: 0, headers: 1, method: 'GET' },
    ...verbs(['postJson', 'putJson', 'patchJson'], { url: 0, data: 1, headers: 2 }, (name) => name.replace('Json', '').toUpperCase()),
    // `request(verb, url, data, headers)`, `sendStream(verb, url, stream, headers)`: the method is the first argument.
    request: { url: 1, data: 2, headers: 3 },
    sendStream: { url: 1, data: 2, headers: 3 },
    new: { handlers: 1, options: 2, createsInstance: true },
  },
  headersOption: 'headers',
  instanceTypeNames: ['HttpClient'],
  typingsFolder: /[\\/]node_modules[\\/](?:@actions[\\/]http-client|typed-rest-client)[\\/]/u,
  constructorExport: 'HttpClient',
};

/**
 * `RestClient` of `typed-rest-client` (Azure DevOps tasks), JSON verbs over its `HttpClient`:
 * a request's headers are the `additionalHeaders` of its options, and
 * `new RestClient(userAgent, baseUrl, handlers, { headers })` makes an instance with a base URL
 * of its own and default headers. It resolves a request path as `new URL(path, baseUrl + '/')`.
 */
const restClient: HttpClientSpec = {
  kind: 'rest-client',
  label: 'RestClient',
  members: {
    ...verbs(['get', 'del', 'options'], { url: 0, options: 1 }, (name) => (name === 'del' ? 'DELETE' : name.toUpperCase())),
    create: { url: 0, data: 1, options: 2, method: 'POST' },
    update: { url: 0, data: 1, options: 2, method: 'PATCH' },
    replace: { url: 0, data: 1, options: 2, method: 'PUT' },
    // `uploadStream(verb, url, stream, options)`: the method is the first argument.
    uploadStream: { url: 1, data: 2, options: 3 },
    new: { baseUrl: 1, handlers: 2, options: 3, createsInstance: true },
  },
  headersOption: 'additionalHeaders',
  instanceHeadersOption: 'headers',
  instanceTypeNames: ['RestClient'],
  typingsFolder: /[\\/]node_modules[\\/]typed-rest-client[\\/]/u,
  constructorExport: 'RestClient',
};

export const httpClients: Readonly<Record<HttpClientKind, HttpClientSpec>> = {
  fetch,
  axios,
  got,
  'node-http': nodeHttp,
  undici,
  ky,
  superagent,
  request,
  'http-client': httpClient,
  'rest-client': restClient,
};

/**
 * What an import binds. `importName` is `default`, `*` (namespace or CommonJS `require` of the
 * whole module) or a named export. `member` means the binding is that member of the client
 * (`import { request } from 'undici'` is `undici.request`).
 */
export interface ClientImport {
  readonly module: string;
  readonly importName: string;
  readonly client: HttpClientKind;
  readonly member?: string;
}

const nodeHttpModules = ['http', 'https', 'node:http', 'node:https'];
const requestModules = ['request', 'request-promise', 'request-promise-native', 'postman-request'];
// typed-rest-client has no `exports` map: an ES module names the file with its extension.
const httpClientModules = ['@actions/http-client', 'typed-rest-client/HttpClient', 'typed-rest-client/HttpClient.js'];
// The package's main module is RestClient.js.
const restClientModules = ['typed-rest-client', 'typed-rest-client/RestClient', 'typed-rest-client/RestClient.js'];

export const clientImports: readonly ClientImport[] = [
  { module: 'axios', importName: 'default', client: 'axios' },
  { module: 'axios', importName: '*', client: 'axios' },
  // axios names `create` among its exports; `require('axios')` is the default export, whose request
  // methods are bound to it, so `const { post } = require('axios')` sends as `axios.post` does.
  ...Object.keys(axios.members).map((member): ClientImport => ({ module: 'axios', importName: member, client: 'axios', member })),
  { module: 'got', importName: 'default', client: 'got' },
  { module: 'got', importName: 'got', client: 'got' },
  { module: 'node-fetch', importName: 'default', client: 'fetch' },
  { module: 'node-fetch', importName: '*', client: 'fetch' },
  { module: 'cross-fetch', importName: 'default', client: 'fetch' },
  { module: 'cross-fetch', importName: '*', client: 'fetch' },
  { module: 'isomorphic-fetch', importName: 'default', client: 'fetch' },
  { module: 'undici', importName: 'fetch', client: 'fetch' },
  { module: 'undici', importName: 'request', client: 'undici', member: 'request' },
  { module: 'undici', importName: '*', client: 'undici' },
  { module: 'ky', importName: 'default', client: 'ky' },
  { module: 'superagent', importName: 'default', client: 'superagent' },
  { module: 'superagent', importName: '*', client: 'superagent' },
  ...requestModules.flatMap((module): ClientImport[] => [
    { module, importName: 'default', client: 'request' },
    { module, importName: '*', client: 'request' },
  ]),
  ...httpClientModules.flatMap((module): ClientImport[] => [
    { module, importName: '*', client: 'http-client' },
    { module, importName: 'HttpClient', client: 'http-client', member: 'new' },
  ]),
  ...restClientModules.flatMap((module): ClientImport[] => [
    { module, importName: '*', client: 'rest-client' },
    { module, importName: 'RestClient', client: 'rest-client', member: 'new' },
  ]),
  ...nodeHttpModules.flatMap((module): ClientImport[] => [
    { module, importName: '*', client: 'node-http' },
    { module, importName: 'default', client: 'node-http' },
    { module, importName: 'request', client: 'node-http', member: 'request' },
    { module, importName: 'get', client: 'node-http', member: 'get' },
  ]),
];

/** What binding an import of `importName` from `module` gives, if it is a known client. */
export function clientForImport(module: string, importName: string): ClientImport | undefined {
  return clientImports.find((entry) => entry.module === module && entry.importName === importName);
}

/** Modules whose imports may bind a client; a cheap first test before looking at specifiers. */
export const clientModules: ReadonlySet<string> = new Set(clientImports.map((entry) => entry.module));

/** Options that hold a base URL relative request URLs resolve against (`baseURL`, `prefixUrl`), across clients. */
export const BASE_URL_OPTIONS: ReadonlySet<string> = new Set(Object.values(httpClients).flatMap((spec) => (spec.baseUrlOption ? [spec.baseUrlOption] : [])));

/** The options that may hold a request's URL when the options come first, the client's main name first. */
export function urlOptions(spec: HttpClientSpec): readonly string[] {
  return spec.urlOption === undefined ? [] : [spec.urlOption, ...(spec.urlOptionAliases ?? [])];
}

/**
 * Options a fetch module acts on and the WHATWG fetch does not, by module. node-fetch's (and so
 * cross-fetch's and isomorphic-fetch's, which are node-fetch on Node): a request moved to the
 * global fetch would lose its timeout, proxy agent, size limit, redirect limit, etc. without a
 * word. undici's `dispatcher` (its connection pool, proxy or mock agent) is one of the npm
 * package's classes, which the global fetch (Node's own copy of undici, another version) does
 * not declare and need not accept. The helper's fetch is the global one.
 */
const NODE_FETCH_ONLY_OPTIONS: readonly string[] = ['timeout', 'agent', 'size', 'compress', 'follow', 'highWaterMark', 'insecureHTTPParser'];
const fetchModuleOnlyOptions: Readonly<Record<string, readonly string[]>> = {
  'node-fetch': NODE_FETCH_ONLY_OPTIONS,
  'cross-fetch': NODE_FETCH_ONLY_OPTIONS,
  'isomorphic-fetch': NODE_FETCH_ONLY_OPTIONS,
  undici: ['dispatcher'],
};

/** Of these option names, those `module`'s fetch acts on and the global fetch would ignore (see above). */
export function fetchModuleOnlyOptionsOf(module: string, names: Iterable<string>): string[] {
  const only = fetchModuleOnlyOptions[module] ?? [];
  return [...names].filter((name) => only.includes(name));
}

/** Globals that are the WHATWG fetch, and the objects that carry it. */
export const FETCH_GLOBALS: readonly string[] = ['fetch'];

/**
 * Where a real fetch is declared: the DOM lib, Node's types (undici-types), node-fetch, undici. A
 * value whose type is the `fetch` declared there (`fetchImpl: typeof fetch`, Backstage's
 * `fetchApi.fetch`) takes fetch's arguments, whatever it does with them.
 */
const FETCH_TYPINGS =
  /(?:[\\/]lib\.dom\.d\.ts|[\\/]node_modules[\\/](?:@types[\\/]node|undici-types|undici|node-fetch|cross-fetch)[\\/])/u;

/** Whether a symbol of this name, declared in these files, is the WHATWG fetch (see FETCH_TYPINGS). */
export function isFetchDeclaration(symbolName: string, declaredIn: readonly string[]): boolean {
  return symbolName === 'fetch' && declaredIn.some((fileName) => FETCH_TYPINGS.test(fileName));
}
export const GLOBAL_OBJECTS: readonly string[] = ['globalThis', 'window', 'self', 'global'];

/** Constructors that take a URL and fetch options (`new Request(url, init)`). */
export const REQUEST_CONSTRUCTORS: readonly string[] = ['Request'];
/** Constructors of header collections whose first argument is the initial headers. */
export const HEADERS_CONSTRUCTORS: readonly string[] = ['Headers', 'AxiosHeaders'];

/**
 * Methods that write a header: `Headers#set/append`, `AxiosHeaders#set`, superagent's
 * `.set`, node's `setHeader`. A call `x.<method>('x-token', value)` sends the header.
 */
export const HEADER_WRITE_METHODS: readonly string[] = ['set', 'append', 'setHeader'];
/** Methods that only read a header: `res.headers.get('x-token')` is not sending one. */
export const HEADER_READ_METHODS: readonly string[] = ['get', 'has', 'getHeader', 'getAll'];

/** Where a response carries the headers it came with: `res.headers` of node http, fetch, axios and got alike. */
export const RESPONSE_HEADERS_PROPERTY = 'headers';
/** How a `Headers` object (fetch's) gives one header's value: `res.headers.get('x-token')`. */
export const RESPONSE_HEADER_GETTER = 'get';
/** How Express's request (and Koa's context) gives one header of the request being answered: `req.header('x-token')`. */
export const INCOMING_HEADER_GETTER = 'header';
/** Promise methods whose callback receives what the request it is called on resolves to: `fetch(url).then((res) => …)`. */
export const RESPONSE_CALLBACK_METHODS: readonly string[] = ['then'];
/** Event methods and the node http event whose listener receives the response: `req.on('response', (res) => …)`. */
export const RESPONSE_EVENT_METHODS: readonly string[] = ['on', 'once'];
export const RESPONSE_EVENT = 'response';

/** The option that holds the headers of a request, or of an instance where one is made (`axios.create({ headers })`). */
export function headersOptionOf(spec: HttpClientSpec, makesInstance: boolean): string {
  const request = spec.headersOption ?? 'headers';
  return makesInstance ? (spec.instanceHeadersOption ?? request) : request;
}

/** Every option that holds headers, across clients and instances (`headers`, RestClient's `additionalHeaders`). */
export const HEADERS_OPTIONS: ReadonlySet<string> = new Set(
  Object.values(httpClients).flatMap((spec) => [headersOptionOf(spec, false), headersOptionOf(spec, true)]),
);

/** The options that name a request's base, the one the client uses first when several are set first. */
export function baseUrlOptions(spec: HttpClientSpec): readonly string[] {
  return spec.baseUrlOption === undefined ? [] : [...(spec.baseUrlOverrides ?? []), spec.baseUrlOption];
}

/**
 * The signature of `client(…)` (member undefined) or `client.member(…)`; undefined when the
 * call is not a request the client makes.
 */
export function requestSignature(kind: HttpClientKind, member?: string): RequestSignature | undefined {
  const spec = httpClients[kind];
  return member === undefined ? spec.call : spec.members[member];
}

/**
 * The client whose instance types include this type name (`AxiosInstance` → axios); with the
 * files the type is declared in, only when one of them is in the client's typings.
 */
export function clientForTypeName(typeName: string, declaredIn?: readonly string[]): HttpClientKind | undefined {
  for (const spec of Object.values(httpClients)) {
    if (!spec.instanceTypeNames.includes(typeName)) continue;
    const folder = spec.typingsFolder;
    if (declaredIn !== undefined && folder !== undefined && !declaredIn.some((fileName) => folder.test(fileName))) continue;
    return spec.kind;
  }
  return undefined;
}

/**
 * A framework class that holds a client's instance and makes its requests with the client's own
 * arguments, but answers with something else than the client does.
 */
export interface ClientWrapper {
  readonly client: HttpClientKind;
  /** How messages and reports name it. */
  readonly label: string;
  /** The module that exports the class, and the class's name there (also its type's name). */
  readonly module: string;
  readonly typeName: string;
  /** Where its typings live: a type of that name counts only when declared there. */
  readonly typingsFolder: RegExp;
  /** Its methods that make a request, each with the signature of the client's member of the same name. */
  readonly requestMembers: readonly string[];
  /**
   * What a request method returns: an rxjs Observable, made at the call (with the headers it was
   * given) and sending the request only when subscribed. A token promise chained before the call
   * would hand the caller a Promise of an Observable; only a token awaited first keeps its result.
   */
  readonly returns: 'observable';
  /** The property that is the wrapped instance itself, a plain instance of `client`. */
  readonly instanceProperty: string;
  /**
   * How a framework module configures the instance its wrappers use (Nest's
   * `HttpModule.register({ baseURL, headers })`, `HttpModule.registerAsync({ useFactory: () => ({ … }) })`):
   * the class exported by `module`, its static method that takes the client's instance options, and
   * the one that takes an object whose `factoryOption` returns them. A header written there goes
   * with every request of every wrapper the framework hands out, in modules this one never names.
   */
  readonly registration?: { readonly className: string; readonly method: string; readonly factoryMethod: string; readonly factoryOption: string };
}

/**
 * Nest's `HttpService` (`@nestjs/axios`), injected into a service's constructor: axios's request
 * methods, each returning an Observable, over the axios instance it exposes as `axiosRef`.
 */
export const clientWrappers: readonly ClientWrapper[] = [
  {
    client: 'axios',
    label: 'Nest HttpService',
    module: '@nestjs/axios',
    typeName: 'HttpService',
    typingsFolder: /[\\/]node_modules[\\/]@nestjs[\\/]axios[\\/]/u,
    requestMembers: ['request', 'get', 'delete', 'head', 'options', 'post', 'put', 'patch', 'postForm', 'putForm', 'patchForm'],
    returns: 'observable',
    instanceProperty: 'axiosRef',
    registration: { className: 'HttpModule', method: 'register', factoryMethod: 'registerAsync', factoryOption: 'useFactory' },
  },
];

/**
 * The wrapper class a type name is, imported from `module` (syntax: an annotation naming an import)
 * or declared in these files (a checker's type); undefined for another class of the same name.
 */
export function wrapperForTypeName(typeName: string, from: { readonly module: string } | { readonly declaredIn: readonly string[] }): ClientWrapper | undefined {
  return clientWrappers.find(
    (wrapper) => wrapper.typeName === typeName && ('module' in from ? from.module === wrapper.module : from.declaredIn.some((fileName) => wrapper.typingsFolder.test(fileName))),
  );
}

/** Where an axios instance keeps default headers that every request sends. */
export const AXIOS_DEFAULT_HEADER_PATHS: readonly (readonly string[])[] = [
  ['defaults', 'headers'],
  ...(axios.headerGroups ?? []).map((group) => ['defaults', 'headers', group]),
];

/** Hook lists a client runs before every request, where the header may be set. */
export const REQUEST_HOOKS: Readonly<Partial<Record<HttpClientKind, readonly string[]>>> = {
  axios: ['interceptors', 'request', 'use'],
  got: ['hooks', 'beforeRequest'],
  ky: ['hooks', 'beforeRequest'],
};

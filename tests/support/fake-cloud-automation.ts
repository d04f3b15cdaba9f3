/**
 * A loopback stand-in for Dynatrace SSO and the Cloud Automation (Keptn) API, for tests.
 *
 * ```ts
 * const fake = await startFakeCloudAutomation({ expiresIn: 300, legacyTokens: ['abc…'] });
 * // SSO:  POST fake.ssoTokenUrl   (form: grant_type, client_id, client_secret, scope, resource)
 * // API:  any method on fake.apiBaseUrl + '/…' with `Authorization: Bearer <token>`
 * //       (or `x-token: <legacy token>` when `legacyTokens` lists it)
 * fake.issuedTokens;   // every token issued, with its scopes and expiry
 * fake.tokenRequests;  // every request to the token URL, valid or not
 * fake.requests;       // every /api request: method, path, query, headers, auth, token scopes, body, status
 * fake.queueSsoResponses({ kind: 'status', status: 503 }); // the next token request gets a 503
 * fake.setSsoBehaviour({ kind: 'delay', ms: 500 });        // every token request from now on
 * fake.revokeAllTokens();                                   // issued tokens now get 401
 * fake.failApiRequestsWith(503);                            // every authenticated API call gets 503
 * await fake.close();
 * ```
 *
 * The credentials it accepts by default are {@link FAKE_CREDENTIALS}; pass `clients` and
 * `accountUrn` to change them. Time comes from `options.now` (milliseconds), so a test can
 * expire tokens without waiting: share one manual clock with the client under test.
 *
 * The SSO side checks the request exactly as Dynatrace documents it (POST, form content type,
 * fields in the body and none in the query string, `grant_type=client_credentials`, a known
 * client id and matching secret, a space-separated scope list from the Cloud Automation
 * vocabulary, `resource=urn:dtaccount:<uuid>` naming the configured account) and answers
 * like Dynatrace SSO: 200 `{ token_type, access_token, expires_in, scope, resource }` or 400
 * with `error`, `error_description`, `errorCode`, `message`, `issueId`.
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { createServer, type IncomingHttpHeaders, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ALL_SCOPES } from '../../core/scopes.js';

export const FAKE_CREDENTIALS = {
  clientId: 'dt0s02.FAKECLNT',
  clientSecret: `dt0s02.FAKECLNT.${'S3CRET'.repeat(10)}SSSS`,
  accountUrn: 'urn:dtaccount:0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
} as const;

/** How the SSO side answers a token request. */
export type SsoBehaviour =
  /** Validate the form and issue a token (the default). */
  | { readonly kind: 'issue'; readonly expiresIn?: number }
  /** 400 `invalid_client`, as Dynatrace answers wrong credentials. */
  | { readonly kind: 'invalid_client' }
  /** Any status with a JSON body (or a raw string body), and extra headers such as `retry-after`. */
  | { readonly kind: 'status'; readonly status: number; readonly body?: unknown; readonly headers?: Readonly<Record<string, string>> }
  /** 200 with a body that is not JSON. */
  | { readonly kind: 'malformed-json' }
  /** 200 JSON without `access_token`. */
  | { readonly kind: 'no-access-token' }
  /** Wait, then behave as `then` (default: issue). */
  | { readonly kind: 'delay'; readonly ms: number; readonly then?: SsoBehaviour }
  /** Never answer (until the server closes): for timeouts. */
  | { readonly kind: 'hang' }
  /** Destroy the socket without an answer: a network error for the client. */
  | { readonly kind: 'reset' };

export interface FakeClient {
  readonly clientId: string;
  readonly clientSecret: string;
}

export interface FakeCloudAutomationOptions {
  /** `expires_in` of issued tokens, in seconds. Default 300, as in Dynatrace's example. */
  readonly expiresIn?: number;
  /** OAuth clients SSO accepts. Default: {@link FAKE_CREDENTIALS}. */
  readonly clients?: readonly FakeClient[];
  /** The account whose URN `resource` must name. Default: {@link FAKE_CREDENTIALS}.accountUrn. */
  readonly accountUrn?: string;
  /** Legacy API tokens the API accepts in `x-token` (to run an app before its migration). */
  readonly legacyTokens?: readonly string[];
  /** Scopes an API request needs; a token without all of them gets 403. Default: none checked. */
  readonly requiredScopes?: (method: string, path: string) => readonly string[];
  /** Clock in milliseconds; default `Date.now`. */
  readonly now?: () => number;
  /** Keep `requests`/`tokenRequests` (default true). Benchmarks turn it off. */
  readonly record?: boolean;
}

export interface IssuedToken {
  readonly accessToken: string;
  readonly clientId: string;
  readonly scopes: readonly string[];
  readonly resource: string;
  readonly issuedAt: number;
  readonly expiresAt: number;
}

export interface RecordedTokenRequest {
  readonly method: string;
  readonly path: string;
  readonly query: string;
  readonly headers: IncomingHttpHeaders;
  /** The parsed form fields (as sent; this is a test fixture, secrets included). */
  readonly form: Readonly<Record<string, string>>;
  readonly status: number;
  /** `error` of a 400 answer, when it was one. */
  readonly error?: string;
}

export type RecordedAuth = 'bearer' | 'x-token' | 'none' | 'invalid';

export interface RecordedApiRequest {
  readonly method: string;
  /** Path without the query string, e.g. `/api/v1/metadata`. */
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  readonly headers: IncomingHttpHeaders;
  /** An `x-token` header was present, in any letter case. */
  readonly xTokenPresent: boolean;
  /** How the request was authenticated (`invalid`: a credential was sent but not accepted). */
  readonly auth: RecordedAuth;
  /** The bearer token or legacy token the request carried, if any. */
  readonly token?: string;
  /** Scopes of the bearer token, when it was one SSO issued (live or not). */
  readonly tokenScopes: readonly string[];
  readonly body: string;
  readonly status: number;
}

export interface FakeCloudAutomation {
  /** `http://127.0.0.1:<port>` */
  readonly url: string;
  /** `http://127.0.0.1:<port>/sso/oauth2/token` */
  readonly ssoTokenUrl: string;
  /** `http://127.0.0.1:<port>/api` (Cloud Automation's API base) */
  readonly apiBaseUrl: string;
  readonly issuedTokens: readonly IssuedToken[];
  readonly tokenRequests: readonly RecordedTokenRequest[];
  readonly requests: readonly RecordedApiRequest[];
  /** The behaviour used when no queued one is left. */
  setSsoBehaviour(behaviour: SsoBehaviour): void;
  /** One-shot behaviours, used in order by the next token requests. */
  queueSsoResponses(...behaviours: SsoBehaviour[]): void;
  /** Makes every token issued so far unacceptable to the API (as if revoked or expired). */
  revokeAllTokens(): void;
  /** Answers every authenticated API request with this status (401, 503…) until called with undefined. */
  failApiRequestsWith(status: number | undefined): void;
  isLiveToken(token: string): boolean;
  /** Forgets recorded requests and token requests (issued tokens stay valid). */
  clearRecords(): void;
  close(): Promise<void>;
}

const FORM_CONTENT_TYPE = 'application/x-www-form-urlencoded';
const ACCOUNT_URN = /^urn:dtaccount:[\da-f]{8}-[\da-f]{4}-[\da-f]{4}-[\da-f]{4}-[\da-f]{12}$/u;
const knownScopes = new Set(ALL_SCOPES);

const KEPTN_METADATA = {
  namespace: 'keptn',
  keptnversion: '1.4.0',
  keptnlabel: 'keptn',
  bridgeversion: 'v1.4.0',
  shipyardversion: '0.2.0',
  automaticprovisioning: false,
};

class SsoError extends Error {
  constructor(
    readonly status: number,
    readonly error: string,
    readonly description: string,
  ) {
    super(description);
  }
}

export async function startFakeCloudAutomation(options: FakeCloudAutomationOptions = {}): Promise<FakeCloudAutomation> {
  const now = options.now ?? Date.now;
  const record = options.record ?? true;
  const clients = new Map((options.clients ?? [FAKE_CREDENTIALS]).map((client) => [client.clientId, client.clientSecret]));
  const accountUrn = options.accountUrn ?? FAKE_CREDENTIALS.accountUrn;
  const legacyTokens = new Set(options.legacyTokens ?? []);
  const issuedTokens: IssuedToken[] = [];
  const tokensByValue = new Map<string, IssuedToken & { revoked: boolean }>();
  const tokenRequests: RecordedTokenRequest[] = [];
  const requests: RecordedApiRequest[] = [];
  let defaultBehaviour: SsoBehaviour = { kind: 'issue' };
  let forcedApiStatus: number | undefined;
  const queued: SsoBehaviour[] = [];
  const hanging = new Set<ServerResponse>();

  function sendJson(response: ServerResponse, status: number, body: unknown, headers: Readonly<Record<string, string>> = {}): void {
    const text = typeof body === 'string' ? body : JSON.stringify(body);
    response.writeHead(status, {
      'content-type': typeof body === 'string' ? 'text/plain' : 'application/json',
      'content-length': Buffer.byteLength(text),
      ...headers,
    });
    response.end(text);
  }

  function validateTokenRequest(request: IncomingMessage, url: URL, form: URLSearchParams): void {
    if (request.method !== 'POST') throw new SsoError(405, 'invalid_request', 'The token endpoint accepts POST only');
    const contentType = (request.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
    if (contentType !== FORM_CONTENT_TYPE) {
      throw new SsoError(400, 'invalid_request', `Content-Type must be ${FORM_CONTENT_TYPE}`);
    }
    if (url.search !== '') throw new SsoError(400, 'invalid_request', 'Parameters must be sent in the body, not the query string');
    for (const field of ['grant_type', 'client_id', 'client_secret', 'scope', 'resource']) {
      if (form.getAll(field).length !== 1) throw new SsoError(400, 'invalid_request', `Exactly one ${field} is required`);
    }
    if (form.get('grant_type') !== 'client_credentials') {
      throw new SsoError(400, 'unsupported_grant_type', 'grant_type must be client_credentials');
    }
    const expectedSecret = clients.get(form.get('client_id') ?? '');
    if (expectedSecret === undefined || expectedSecret !== form.get('client_secret')) {
      throw new SsoError(400, 'invalid_client', 'Client authentication failed');
    }
    const scope = form.get('scope') ?? '';
    const scopes = scope.split(' ');
    if (scope === '' || scopes.some((one) => !knownScopes.has(one))) {
      throw new SsoError(400, 'invalid_scope', 'scope must be a space-separated list of known scopes');
    }
    const resource = form.get('resource') ?? '';
    if (!ACCOUNT_URN.test(resource) || resource !== accountUrn) {
      throw new SsoError(400, 'invalid_request', 'resource must be the URN of the account (urn:dtaccount:<uuid>)');
    }
  }

  function issueToken(form: URLSearchParams, expiresIn: number): IssuedToken {
    const issuedAt = now();
    const token = {
      accessToken: `fake.${randomBytes(24).toString('base64url')}`,
      clientId: form.get('client_id') ?? '',
      scopes: (form.get('scope') ?? '').split(' '),
      resource: form.get('resource') ?? '',
      issuedAt,
      expiresAt: issuedAt + expiresIn * 1000,
    };
    issuedTokens.push(token);
    tokensByValue.set(token.accessToken, { ...token, revoked: false });
    return token;
  }

  async function answerTokenRequest(
    request: IncomingMessage,
    response: ServerResponse,
    url: URL,
    body: string,
    behaviour: SsoBehaviour,
  ): Promise<void> {
    const form = new URLSearchParams(body);
    const remember = (status: number, error?: string): void => {
      if (!record) return;
      tokenRequests.push({
        method: request.method ?? '',
        path: url.pathname,
        query: url.search,
        headers: request.headers,
        form: Object.fromEntries(form),
        status,
        ...(error === undefined ? {} : { error }),
      });
    };
    switch (behaviour.kind) {
      case 'delay':
        await new Promise((resolve) => setTimeout(resolve, behaviour.ms));
        if (response.destroyed) return;
        return answerTokenRequest(request, response, url, body, behaviour.then ?? { kind: 'issue' });
      case 'hang':
        remember(0);
        hanging.add(response);
        return;
      case 'reset':
        remember(0);
        request.socket.destroy();
        return;
      case 'malformed-json':
        remember(200);
        response.writeHead(200, { 'content-type': 'application/json' });
        response.end('{"access_token": "trunc');
        return;
      case 'no-access-token':
        remember(200);
        sendJson(response, 200, { token_type: 'Bearer', expires_in: 300 });
        return;
      case 'status':
        remember(behaviour.status);
        sendJson(response, behaviour.status, behaviour.body ?? { error: 'server_error', message: 'Fake failure' }, behaviour.headers);
        return;
      case 'invalid_client':
        remember(400, 'invalid_client');
        sendSsoError(response, new SsoError(400, 'invalid_client', 'Client authentication failed'));
        return;
      case 'issue':
        try {
          validateTokenRequest(request, url, form);
        } catch (error) {
          if (!(error instanceof SsoError)) throw error;
          remember(error.status, error.error);
          sendSsoError(response, error);
          return;
        }
        remember(200);
        {
          const token = issueToken(form, behaviour.expiresIn ?? options.expiresIn ?? 300);
          sendJson(response, 200, {
            token_type: 'Bearer',
            access_token: token.accessToken,
            expires_in: (token.expiresAt - token.issuedAt) / 1000,
            scope: token.scopes.join(' '),
            resource: token.resource,
          });
        }
        return;
    }
  }

  function sendSsoError(response: ServerResponse, error: SsoError): void {
    sendJson(response, error.status, {
      error: error.error,
      error_description: error.description,
      errorCode: error.status,
      message: error.description,
      issueId: randomUUID(),
    });
  }

  function liveToken(value: string): (IssuedToken & { revoked: boolean }) | undefined {
    const token = tokensByValue.get(value);
    return token && !token.revoked && now() < token.expiresAt ? token : undefined;
  }

  function answerApiRequest(request: IncomingMessage, response: ServerResponse, url: URL, body: string): void {
    const method = request.method ?? 'GET';
    const authorization = request.headers.authorization;
    const xToken = request.headers['x-token'];
    const xTokenValue = Array.isArray(xToken) ? xToken[0] : xToken;
    const bearer = authorization === undefined ? undefined : /^Bearer (\S+)$/u.exec(authorization)?.[1];
    let auth: RecordedAuth = 'none';
    let token: string | undefined;
    let tokenScopes: readonly string[] = [];
    let status: number;
    let answer: unknown;

    if (authorization !== undefined) {
      token = bearer ?? authorization;
      tokenScopes = (bearer === undefined ? undefined : tokensByValue.get(bearer))?.scopes ?? [];
      auth = bearer !== undefined && liveToken(bearer) ? 'bearer' : 'invalid';
    } else if (xTokenValue !== undefined) {
      token = xTokenValue;
      auth = legacyTokens.has(xTokenValue) ? 'x-token' : 'invalid';
    }

    const missing =
      auth === 'bearer' ? (options.requiredScopes?.(method, url.pathname) ?? []).filter((scope) => !tokenScopes.includes(scope)) : [];
    if (auth !== 'bearer' && auth !== 'x-token') {
      status = 401;
      answer = { code: 401, message: auth === 'none' ? 'Missing authorization' : 'Invalid or expired token' };
    } else if (forcedApiStatus !== undefined) {
      status = forcedApiStatus;
      answer = { code: forcedApiStatus, message: 'Forced by the test' };
    } else if (missing.length > 0) {
      status = 403;
      answer = { code: 403, message: `Token lacks scope ${missing.join(' ')}` };
    } else if (method === 'GET' && url.pathname === '/api/v1/metadata') {
      status = 200;
      answer = KEPTN_METADATA;
    } else if (method === 'POST' && url.pathname === '/api/v1/event') {
      status = 200;
      answer = { keptnContext: randomUUID() };
    } else {
      status = 200;
      answer = { ok: true, method, path: url.pathname };
    }

    if (record) {
      requests.push({
        method,
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: request.headers,
        xTokenPresent: xToken !== undefined,
        auth,
        ...(token === undefined ? {} : { token }),
        tokenScopes,
        body,
        status,
      });
    }
    sendJson(response, status, answer);
  }

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = new URL(request.url ?? '/', 'http://127.0.0.1');
      const handle = async (): Promise<void> => {
        if (url.pathname === '/sso/oauth2/token') {
          await answerTokenRequest(request, response, url, body, queued.shift() ?? defaultBehaviour);
        } else if (url.pathname === '/api' || url.pathname.startsWith('/api/')) {
          answerApiRequest(request, response, url, body);
        } else {
          sendJson(response, 404, { code: 404, message: 'Not found' });
        }
      };
      handle().catch((error: unknown) => {
        if (!response.headersSent) sendJson(response, 500, { code: 500, message: String(error) });
      });
    });
  });
  server.keepAliveTimeout = 5_000;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    ssoTokenUrl: `${url}/sso/oauth2/token`,
    apiBaseUrl: `${url}/api`,
    issuedTokens,
    tokenRequests,
    requests,
    setSsoBehaviour(behaviour) {
      defaultBehaviour = behaviour;
    },
    queueSsoResponses(...behaviours) {
      queued.push(...behaviours);
    },
    revokeAllTokens() {
      for (const token of tokensByValue.values()) token.revoked = true;
    },
    failApiRequestsWith(status) {
      forcedApiStatus = status;
    },
    isLiveToken(token) {
      return liveToken(token) !== undefined;
    },
    clearRecords() {
      requests.length = 0;
      tokenRequests.length = 0;
    },
    close() {
      for (const response of hanging) response.destroy();
      hanging.clear();
      return new Promise<void>((resolve, reject) => {
        server.close((error) => {
          if (error) reject(error);
          else resolve();
        });
        server.closeAllConnections();
      });
    },
  };
}

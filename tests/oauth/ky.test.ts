/**
 * client.kyHooks(): real ky against the loopback Cloud Automation + SSO and a loopback
 * third-party host. The typed assignments below are the compile-time check: `npm run typecheck`
 * covers tests/, so the hooks must fit ky's own `hooks` option under strictFunctionTypes.
 */
import ky, { HTTPError, isTimeoutError } from 'ky';
import type { AfterResponseHook, BeforeRequestHook, Hooks, Options } from 'ky';
import { Agent, type Dispatcher } from 'undici';
import { describe, expect, it } from 'vitest';
import { OAuthTokenError, optionalOAuthClientFromEnv, type OAuthClient, type OAuthKyHooks } from '../../oauth/src/index.js';
import { dtEnvironment, expectNoCredential, rejectionOf, setup, startThirdParty } from './helpers.js';

/** Compiles only while the hooks fit ky's types; never called. */
export function kyTypesAccept(client: OAuthClient, hooks: OAuthKyHooks): readonly unknown[] {
  const asHooks: Hooks = client.kyHooks();
  const beforeRequest: BeforeRequestHook[] = hooks.beforeRequest;
  const afterResponse: AfterResponseHook[] = hooks.afterResponse;
  const options: Options = { hooks: optionalOAuthClientFromEnv({}).kyHooks({ audience: 'https://abc12345.cloudautomation.live.dynatrace.com/api' }) };
  return [
    asHooks,
    beforeRequest,
    afterResponse,
    options,
    ky.create({ prefixUrl: 'https://abc12345.cloudautomation.live.dynatrace.com/api', hooks: client.kyHooks() }),
    ky.extend({ hooks: { beforeRequest: [...client.kyHooks().beforeRequest], afterResponse: [...client.kyHooks().afterResponse] } }),
    // The caller's hooks joined: the result still fits ky's `hooks` option.
    ky.create({ ...options, hooks: client.kyHooks({ hooks: options.hooks }) }),
  ];
}

describe('client.kyHooks', () => {
  it('authenticates every request of an instance made with ky.create, and drops x-token', async () => {
    const { fake, client } = await setup();
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks(), headers: { 'x-token': 'legacy' } });

    const metadata = await api.get('v1/metadata').json<{ keptnversion: string }>();
    await api.post('v1/event', { json: { type: 't' }, headers: { 'X-TOKEN': 'legacy-request', 'x-request-id': 'r3' } });
    await api.get('v1/metadata');

    expect(metadata.keptnversion).toBe('1.4.0');
    expect(fake.requests.map((request) => [request.method, request.auth, request.xTokenPresent])).toEqual([
      ['GET', 'bearer', false],
      ['POST', 'bearer', false],
      ['GET', 'bearer', false],
    ]);
    expect(fake.requests[1]?.body).toBe('{"type":"t"}');
    expect(fake.requests[1]?.headers['x-request-id']).toBe('r3');
    expect(fake.requests[1]?.headers['content-type']).toBe('application/json');
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('works per request with { audience }, next to the caller’s own hooks; without one only Cloud Automation hosts get the token', async () => {
    const { fake, client } = await setup();
    const seen: string[] = [];
    const api = ky.create({
      hooks: {
        beforeRequest: [
          (request) => {
            seen.push(request.url);
          },
        ],
      },
    });
    // A single request has no prefixUrl: its audience is named (a loopback host is no Cloud Automation host).
    await api.get(`${fake.apiBaseUrl}/v1/metadata`, { hooks: client.kyHooks({ audience: fake.apiBaseUrl }), headers: { 'x-token': 'legacy' } });
    await api.get(`${fake.apiBaseUrl}/v1/metadata`, { hooks: client.kyHooks(), throwHttpErrors: false });
    expect(seen).toEqual([`${fake.apiBaseUrl}/v1/metadata`, `${fake.apiBaseUrl}/v1/metadata`]);
    expect(fake.requests.map((request) => [request.auth, request.xTokenPresent])).toEqual([
      ['bearer', false],
      ['none', false],
    ]);
  });

  it('gives another origin called through the same instance no Authorization, and leaves its request as it was', async () => {
    const { fake, client } = await setup();
    const other = await startThirdParty();
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks(), headers: { 'x-token': 'legacy' } });

    // A URL object is not joined to prefixUrl; a request can also clear prefixUrl (read per request).
    await api.get(new URL(`${other.url}/feed/releases.json`));
    await api.get(`${other.url}/feed`, { prefixUrl: '' });
    await api.get('v1/metadata');

    expect(other.seen.map((request) => request.path)).toEqual(['/feed/releases.json', '/feed']);
    for (const request of other.seen) {
      expect(request.headers.authorization).toBeUndefined();
      expect(request.headers['proxy-authorization']).toBeUndefined();
      // Outside the audience the helper touches nothing, not even the caller's x-token.
      expect(request.headers['x-token']).toBe('legacy');
    }
    expect(fake.requests.map((request) => [request.auth, request.xTokenPresent])).toEqual([['bearer', false]]);
  });

  it('bound to the instance’s base, an instance made from it by extend with another prefixUrl gets nothing', async () => {
    const { fake, client } = await setup();
    const other = await startThirdParty();
    // What `migrate` writes for `ky.create({ prefixUrl: base, headers: { 'x-token': … } })`: left to
    // its default, the audience would be the extended instance's own prefixUrl.
    const keptn = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks({ audience: fake.apiBaseUrl }) });
    const notify = keptn.extend({ prefixUrl: other.url });

    await keptn.get('v1/metadata');
    await notify.post('notify', { json: {} });

    expect(fake.requests.map((request) => request.auth)).toEqual(['bearer']);
    expect(other.seen).toHaveLength(1);
    expectNoCredential(other.seen[0]?.headers ?? {});
  });

  it('keeps the caller’s own Authorization on a request untouched, removing only x-token', async () => {
    const { fake, client } = await setup();
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks(), headers: { 'x-token': 'legacy' }, throwHttpErrors: false });
    await api.get('v1/metadata', { headers: { AUTHORIZATION: 'Bearer user-own-token' } });
    await api.get('v1/metadata', { headers: { authorization: 'Basic dXNlcjpwdw==' } });
    await api.get('v1/metadata');
    expect(fake.requests.map((request) => [request.headers.authorization?.split(' ')[0], request.auth, request.xTokenPresent])).toEqual([
      ['Bearer', 'invalid', false],
      ['Basic', 'invalid', false],
      ['Bearer', 'bearer', false],
    ]);
    expect(fake.requests.slice(0, 2).map((request) => request.headers.authorization)).toEqual(['Bearer user-own-token', 'Basic dXNlcjpwdw==']);
    // The caller's own credential is theirs: its 401 costs no token and is not sent again.
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('retries a 401 exactly once with a fresh token, sending the body again, even with retry: 0', async () => {
    const { fake, client } = await setup();
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks(), retry: 0 });
    await api.get('v1/metadata');
    fake.revokeAllTokens();
    const answer = await api.post('v1/event', { json: { again: true }, headers: { 'x-request-id': 'r5' } }).json<{ keptnContext: string }>();
    expect(typeof answer.keptnContext).toBe('string');
    expect(fake.requests.slice(1).map((request) => [request.status, request.body, request.headers['x-request-id'], request.xTokenPresent])).toEqual([
      [401, '{"again":true}', 'r5', false],
      [200, '{"again":true}', 'r5', false],
    ]);
    expect(fake.requests.map((request) => request.token)).toEqual([fake.issuedTokens[0]?.accessToken, fake.issuedTokens[0]?.accessToken, fake.issuedTokens[1]?.accessToken]);
  });

  it('sends a streamed body again on the retry', async () => {
    const { fake, client } = await setup();
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks() });
    await client.getAccessToken();
    fake.revokeAllTokens();
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('{"streamed":'));
        controller.enqueue(new TextEncoder().encode('true}'));
        controller.close();
      },
    });
    const response = await api.post('v1/event', { body, headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(200);
    expect(fake.requests.map((request) => [request.status, request.body])).toEqual([
      [401, '{"streamed":true}'],
      [200, '{"streamed":true}'],
    ]);
  });

  it('gives up after one retry when the API keeps answering 401', async () => {
    const { fake, client } = await setup();
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks() });
    fake.failApiRequestsWith(401);
    const error = await rejectionOf(api.get('v1/metadata'));
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).response.status).toBe(401);
    // The error names the request as last sent: with the fresh token.
    expect((error as HTTPError).request.headers.get('authorization')).toBe(`Bearer ${fake.issuedTokens[1]?.accessToken ?? '?'}`);
    expect(fake.requests).toHaveLength(2);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('does not retry a 401 on the caller’s own Authorization', async () => {
    const { fake, client } = await setup();
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks() });
    const error = await rejectionOf(api.get('v1/metadata', { headers: { authorization: 'Bearer user-own-token' } }));
    expect((error as HTTPError).response.status).toBe(401);
    expect(fake.requests).toHaveLength(1);
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('leaves a 5xx to the retry to ky’s own retry, which sends the body and the fresh token again', async () => {
    const { fake, client } = await setup();
    await client.getAccessToken();
    fake.revokeAllTokens();
    fake.failApiRequestsWith(503);
    const api = ky.create({
      prefixUrl: fake.apiBaseUrl,
      hooks: {
        ...client.kyHooks(),
        beforeRetry: [
          () => {
            fake.failApiRequestsWith(undefined);
          },
        ],
      },
      retry: { limit: 1, delay: () => 0 },
    });
    expect((await api.put('v1/project', { json: { name: 'p' } })).status).toBe(200);
    expect(fake.requests.map((request) => [request.status, request.body, request.token])).toEqual([
      [401, '{"name":"p"}', fake.issuedTokens[0]?.accessToken],
      [503, '{"name":"p"}', fake.issuedTokens[1]?.accessToken],
      [200, '{"name":"p"}', fake.issuedTokens[1]?.accessToken],
    ]);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('sends the retry through the caller’s dispatcher, as ky sends its own attempts', async () => {
    const { fake, client } = await setup();
    await client.getAccessToken();
    fake.revokeAllTokens();
    const agent = new Agent();
    const dispatched: string[] = [];
    // A proxy agent, say: ky passes such fetch-only options beside its Request, and a clone of
    // the Request does not carry them (Node's fetch keeps a dispatcher outside the Request's properties).
    const recording = {
      dispatch(options: Dispatcher.DispatchOptions, handler: Dispatcher.DispatchHandler): boolean {
        dispatched.push(options.path);
        return agent.dispatch(options, handler);
      },
    };
    const dispatcher = recording as unknown as NonNullable<RequestInit['dispatcher']>;
    try {
      const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks(), dispatcher });
      expect((await api.get('v1/metadata')).status).toBe(200);
    } finally {
      await agent.close();
    }
    expect(dispatched).toEqual(['/api/v1/metadata', '/api/v1/metadata']);
    expect(fake.requests.map((request) => request.status)).toEqual([401, 200]);
  });

  it('sends the retry through ky’s fetch option and under ky’s timeout', async () => {
    const { fake, client } = await setup();
    await client.getAccessToken();
    fake.revokeAllTokens();
    const signals: AbortSignal[] = [];
    const api = ky.create({
      prefixUrl: fake.apiBaseUrl,
      hooks: client.kyHooks(),
      timeout: 300,
      retry: 0,
      fetch: async (input) => {
        const request = input as Request;
        signals.push(request.signal);
        if (signals.length === 1) return globalThis.fetch(request);
        // The repeated request hangs: only the timeout, through the signal, ends it.
        return new Promise<Response>((_resolve, reject) => {
          request.signal.addEventListener('abort', () => {
            reject(request.signal.reason as Error);
          });
        });
      },
    });

    const error = await rejectionOf(api.get('v1/metadata'));
    // Known to ky as a timeout (ky's own retry logic and isTimeoutError() go by the name).
    expect(isTimeoutError(error)).toBe(true);
    expect((error as Error).message).toBe(`Request timed out: GET ${fake.apiBaseUrl}/v1/metadata`);
    expect(signals).toHaveLength(2);
    expect(signals[1]?.aborted).toBe(true);
    expect(fake.requests.map((request) => request.status)).toEqual([401]);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('fails the request with the OAuthTokenError itself when no token can be had', async () => {
    const { fake, client } = await setup();
    fake.setSsoBehaviour({ kind: 'invalid_client' });
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks(), retry: 0 });
    const error = await rejectionOf(api.get('v1/metadata'));
    expect(error).toBeInstanceOf(OAuthTokenError);
    expect((error as Error).message).toContain('invalid_client');
    expect(fake.requests).toHaveLength(0);
  });

  it('rejects an audience that is not a URL, naming kyHooks()', async () => {
    const { client } = await setup();
    expect(() => client.kyHooks({ audience: 'not a url' })).toThrow('kyHooks() audience');
  });
});

describe('optionalOAuthClientFromEnv().kyHooks', () => {
  it('with no DT_* variable set, leaves every request untouched', async () => {
    const { fake } = await setup({}, { legacyTokens: ['legacy-token'] });
    const optional = optionalOAuthClientFromEnv({ DT_CLIENT_ID: '', HOME: '/root' });
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: optional.kyHooks(), headers: { 'x-token': 'legacy-token' } });
    await api.get('v1/metadata');
    await ky.get(`${fake.apiBaseUrl}/v1/metadata`, { hooks: optional.kyHooks({ audience: fake.apiBaseUrl }), headers: { 'x-token': 'legacy-token' } });
    expect(fake.requests.map((request) => [request.auth, request.token])).toEqual([
      ['x-token', 'legacy-token'],
      ['x-token', 'legacy-token'],
    ]);
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('with DT_* set, authorizes like oauthClientFromEnv, and decides per request', async () => {
    const { fake } = await setup();
    const env: Record<string, string | undefined> = {};
    const optional = optionalOAuthClientFromEnv(env);
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: optional.kyHooks(), throwHttpErrors: false });
    await api.get('v1/metadata');
    Object.assign(env, dtEnvironment(fake.ssoTokenUrl));
    await api.get('v1/metadata');
    await ky.get(`${fake.apiBaseUrl}/v1/metadata`, { hooks: optional.kyHooks({ audience: fake.apiBaseUrl }) });
    expect(fake.requests.map((request) => request.auth)).toEqual(['none', 'bearer', 'bearer']);
    expect(fake.tokenRequests).toHaveLength(1);
  });
});

describe('kyHooks on a shared instance with a third-party call', () => {
  it('service calls carry the token, the feed gets no credential', async () => {
    const { fake, client } = await setup();
    const feed = await startThirdParty();
    const api = ky.create({ prefixUrl: fake.apiBaseUrl, hooks: client.kyHooks() });
    await api.get('v1/metadata');
    await api.get(new URL(`${feed.url}/feed`));
    expect(fake.requests[0]?.auth).toBe('bearer');
    expectNoCredential(feed.seen[0]?.headers ?? {});
  });
});

describe('client.kyHooks({ hooks })', () => {
  it('keeps the hooks of options spread into the request, running the helper’s first', async () => {
    const { fake, client } = await setup();
    const seen: string[] = [];
    const options: Options = {
      hooks: {
        beforeRequest: [
          (request) => {
            seen.push(`caller saw ${request.headers.get('authorization')?.split(' ')[0] ?? 'no authorization'}`);
            // A hook that hands ky a new Request ends ky's beforeRequest list: the helper's ran already.
            return new Request(request, { headers: { 'x-request-id': 'r1', authorization: request.headers.get('authorization') ?? '' } });
          },
        ],
        afterResponse: [
          (_request, _options, response) => {
            seen.push(`caller saw ${response.status}`);
          },
        ],
      },
    };
    const body = await ky.get(`${fake.apiBaseUrl}/v1/metadata`, { ...options, hooks: client.kyHooks({ audience: fake.apiBaseUrl, hooks: options.hooks }) }).json<{ keptnversion: string }>();
    expect(body.keptnversion).toBe('1.4.0');
    expect(seen).toEqual(['caller saw Bearer', 'caller saw 200']);
    expect(fake.requests[0]).toMatchObject({ auth: 'bearer', xTokenPresent: false });
    expect(fake.requests[0]?.headers['x-request-id']).toBe('r1');
    expect(options.hooks?.beforeRequest).toHaveLength(1);
  });

  it('hands the caller’s afterResponse hooks the answer to the repeated request after a 401', async () => {
    const { fake, client } = await setup();
    const statuses: number[] = [];
    await client.getAccessToken();
    fake.revokeAllTokens();
    const own: Hooks = {
      afterResponse: [
        (_request, _options, response) => {
          statuses.push(response.status);
        },
      ],
      beforeError: [(error) => error],
    };
    const hooks = client.kyHooks({ audience: fake.apiBaseUrl, hooks: own });
    await ky.get(`${fake.apiBaseUrl}/v1/metadata`, { hooks, retry: 0 });
    expect(statuses).toEqual([200]);
    expect(hooks.beforeError).toHaveLength(1);
    expect(fake.requests.map((request) => request.status)).toEqual([401, 200]);
  });
});

import got, { HTTPError, RequestError, type Hooks, type OptionsOfJSONResponseBody } from 'got';
import { describe, expect, it } from 'vitest';
import { OAuthTokenError } from '../../oauth/src/index.js';
import { setup } from './helpers.js';

describe('client.gotHooks', () => {
  it('authenticates every request of an instance made with got.extend, and drops x-token', async () => {
    const { fake, client } = await setup();
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks(), headers: { 'X-Token': 'legacy' } });

    const metadata = await api.get('v1/metadata').json<{ keptnversion: string }>();
    await api.post('v1/event', { json: { type: 't' }, headers: { 'x-TOKEN': 'legacy-request', 'x-request-id': 'r3' } });

    expect(metadata.keptnversion).toBe('1.4.0');
    expect(fake.requests.map((request) => [request.method, request.auth, request.xTokenPresent])).toEqual([
      ['GET', 'bearer', false],
      ['POST', 'bearer', false],
    ]);
    expect(fake.requests[1]?.body).toBe('{"type":"t"}');
    expect(fake.requests[1]?.headers['x-request-id']).toBe('r3');
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('works per request, and next to the caller’s own hooks', async () => {
    const { fake, client } = await setup();
    const seen: string[] = [];
    const api = got.extend({
      hooks: {
        beforeRequest: [
          (options) => {
            seen.push(String(options.url));
          },
        ],
      },
    });
    // A single request has no prefixUrl: its audience is named (a loopback host is no Cloud Automation host).
    await api(`${fake.apiBaseUrl}/v1/metadata`, { hooks: client.gotHooks({ audience: fake.apiBaseUrl }), headers: { 'x-token': 'legacy' } });
    expect(seen).toEqual([`${fake.apiBaseUrl}/v1/metadata`]);
    expect(fake.requests[0]).toMatchObject({ auth: 'bearer', xTokenPresent: false });
  });

  it('reads the token per request, so a refreshed token is used once the old one is due', async () => {
    const { fake, client, clock } = await setup({ refreshSkewSeconds: 30 }, { expiresIn: 120 });
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks() });
    await api.get('v1/metadata');
    clock.advance(100_000);
    await api.get('v1/metadata');
    expect(fake.requests.map((request) => request.token)).toEqual(fake.issuedTokens.map((token) => token.accessToken));
    expect(fake.issuedTokens).toHaveLength(2);
  });

  it('retries a 401 exactly once with a new token, sending the body again', async () => {
    const { fake, client } = await setup();
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks() });
    await api.get('v1/metadata');
    fake.revokeAllTokens();
    const response = await api.post('v1/event', { json: { again: true } });
    expect(response.statusCode).toBe(200);
    expect(fake.requests.slice(1).map((request) => [request.status, request.body, request.xTokenPresent])).toEqual([
      [401, '{"again":true}', false],
      [200, '{"again":true}', false],
    ]);
    expect(fake.requests[2]?.token).toBe(fake.issuedTokens[1]?.accessToken);
  });

  it('gives up after one retry when the API keeps answering 401', async () => {
    const { fake, client } = await setup();
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks() });
    fake.failApiRequestsWith(401);
    const error = await api.get('v1/metadata').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).response.statusCode).toBe(401);
    expect(fake.requests).toHaveLength(2);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('fails the request with the OAuthTokenError as its cause when no token can be had', async () => {
    const { fake, client } = await setup();
    fake.setSsoBehaviour({ kind: 'invalid_client' });
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks(), retry: { limit: 0 } });
    const error = await api.get('v1/metadata').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(RequestError);
    // got wraps errors thrown by hooks in a RequestError and keeps the original as the cause.
    expect((error as RequestError).cause).toBeInstanceOf(OAuthTokenError);
    expect((error as Error).message).toContain('invalid_client');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('client.gotHooks({ hooks })', () => {
  it('keeps the hooks of options spread into the request, running the helper’s after them', async () => {
    const { fake, client } = await setup();
    const seen: string[] = [];
    const options: OptionsOfJSONResponseBody = {
      hooks: {
        beforeRequest: [
          (request) => {
            seen.push(`caller saw authorization: ${String(request.headers.authorization)}`);
            request.headers['x-request-id'] = 'r1';
          },
        ],
        afterResponse: [
          (response) => {
            seen.push(`caller saw ${response.statusCode}`);
            return response;
          },
        ],
      },
    };
    const url = `${fake.apiBaseUrl}/v1/metadata`;
    const body = await got(url, { ...options, headers: {}, hooks: client.gotHooks({ audience: fake.apiBaseUrl, hooks: options.hooks }) }).json<{ keptnversion: string }>();
    expect(body.keptnversion).toBe('1.4.0');
    // The caller's beforeRequest ran first, before the helper set its Authorization.
    expect(seen).toEqual(['caller saw authorization: undefined', 'caller saw 200']);
    expect(fake.requests[0]).toMatchObject({ auth: 'bearer', xTokenPresent: false });
    expect(fake.requests[0]?.headers['x-request-id']).toBe('r1');
    // The caller's lists are left as they were: options reused for the next request gather nothing.
    expect(options.hooks?.beforeRequest).toHaveLength(1);
    expect(options.hooks?.afterResponse).toHaveLength(1);
  });

  it('keeps an Authorization a caller’s hook sets, and the caller’s other hook events', async () => {
    const { fake, client } = await setup();
    const events: string[] = [];
    // Typed where it is written: inside the helper's generic argument got would not type its hooks.
    const own: Partial<Hooks> = {
      init: [
        () => {
          events.push('init');
        },
      ],
      beforeRequest: [
        (request) => {
          request.headers.authorization = 'Bearer callers-own';
        },
      ],
    };
    const hooks = client.gotHooks({ audience: fake.apiBaseUrl, hooks: own });
    expect(hooks.init).toHaveLength(1);
    await got(`${fake.apiBaseUrl}/v1/metadata`, { hooks, throwHttpErrors: false });
    expect(events).toEqual(['init']);
    expect(fake.requests[0]?.headers.authorization).toBe('Bearer callers-own');
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('runs the caller’s afterResponse hooks on the answer to the repeated request after a 401', async () => {
    const { fake, client } = await setup();
    const statuses: number[] = [];
    const own: Partial<Hooks> = {
      afterResponse: [
        (response) => {
          statuses.push(response.statusCode);
          return response;
        },
      ],
    };
    await client.getAccessToken();
    fake.revokeAllTokens();
    const response = await got(`${fake.apiBaseUrl}/v1/metadata`, { hooks: client.gotHooks({ audience: fake.apiBaseUrl, hooks: own }) });
    expect(response.statusCode).toBe(200);
    // got keeps the afterResponse hooks before the one that retries: the caller's see both answers.
    expect(statuses).toEqual([401, 200]);
    expect(fake.requests.map((request) => request.status)).toEqual([401, 200]);
  });

  it('pairs the lists of two calls: the codemod joins a written-out hooks object list by list', async () => {
    const { fake, client } = await setup();
    const url = `${fake.apiBaseUrl}/v1/metadata`;
    await client.getAccessToken();
    fake.revokeAllTokens();
    const response = await got(url, {
      hooks: {
        beforeRequest: [...client.gotHooks({ audience: fake.apiBaseUrl }).beforeRequest],
        afterResponse: client.gotHooks({ audience: fake.apiBaseUrl }).afterResponse,
      },
    });
    expect(response.statusCode).toBe(200);
    expect(fake.requests.map((request) => request.status)).toEqual([401, 200]);
    expect(fake.requests[1]?.token).toBe(fake.issuedTokens[1]?.accessToken);
  });

  it('takes no hooks as none, and refuses lists that are not arrays, naming gotHooks()', async () => {
    const { client } = await setup();
    expect(client.gotHooks({ hooks: undefined }).beforeRequest).toHaveLength(1);
    expect(() => client.gotHooks({ hooks: { beforeRequest: 'no' } })).toThrow('gotHooks() hooks.beforeRequest must be an array');
    expect(() => client.gotHooks({ hooks: 'no' as unknown as object })).toThrow('gotHooks() hooks must be an object');
  });
});

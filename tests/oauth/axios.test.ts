import axios, { AxiosError, type AxiosInstance } from 'axios';
import axios0Package from 'axios-0';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OAuthTokenError, type AxiosLikeInstance } from '../../oauth/src/index.js';
import { setup } from './helpers.js';

/** axios keeps its interceptors in `handlers`, with ejected slots set to null. */
function activeRequestInterceptors(instance: AxiosInstance): number {
  const manager = instance.interceptors.request as unknown as { handlers: unknown[] };
  return manager.handlers.filter((handler) => handler !== null).length;
}

describe('client.attachToAxios', () => {
  it('returns the same instance, typed as it was', async () => {
    const { client } = await setup();
    const instance = axios.create();
    const attached: AxiosInstance = client.attachToAxios(instance);
    expect(attached).toBe(instance);
  });

  it('authenticates every request and removes x-token from defaults and from each request', async () => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(
      axios.create({ baseURL: fake.apiBaseUrl, headers: { 'X-Token': 'legacy', 'Content-Type': 'application/json' } }),
    );
    api.defaults.headers.common['x-token'] = 'legacy-common';

    await api.get('/v1/metadata');
    await api.post('/v1/event', { type: 't' }, { headers: { 'X-TOKEN': 'legacy-request', 'X-Request-Id': 'r2' } });
    await api.request({ method: 'DELETE', url: '/controlPlane/v1/project/demo' });

    expect(fake.requests.map((request) => [request.method, request.auth, request.xTokenPresent])).toEqual([
      ['GET', 'bearer', false],
      ['POST', 'bearer', false],
      ['DELETE', 'bearer', false],
    ]);
    expect(fake.requests[1]?.body).toBe('{"type":"t"}');
    expect(fake.requests[1]?.headers['x-request-id']).toBe('r2');
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('reads the token per request, so a refreshed token is used once the old one is due', async () => {
    const { fake, client, clock } = await setup({ refreshSkewSeconds: 30 }, { expiresIn: 300 });
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    await api.get('/v1/metadata');
    clock.advance(280_000);
    await api.get('/v1/metadata');
    expect(fake.requests.map((request) => request.status)).toEqual([200, 200]);
    expect(fake.requests[0]?.token).not.toBe(fake.requests[1]?.token);
    expect(fake.requests[1]?.token).toBe(fake.issuedTokens[1]?.accessToken);
  });

  it('adds one interceptor however often it is attached', async () => {
    const { fake, client } = await setup();
    const api = axios.create({ baseURL: fake.apiBaseUrl });
    const before = activeRequestInterceptors(api);
    client.attachToAxios(api);
    client.attachToAxios(api);
    expect(activeRequestInterceptors(api)).toBe(before + 1);
    expect((await api.get('/v1/metadata')).status).toBe(200);
  });

  it('lets the most recently attached client win, never both', async () => {
    const { fake, client, makeClient } = await setup();
    const other = makeClient({ scopes: ['cloudautomation:projects:read'] });
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    other.attachToAxios(api);
    expect(activeRequestInterceptors(api)).toBe(1);
    await api.get('/v1/metadata');
    expect(fake.requests[0]?.tokenScopes).toEqual(['cloudautomation:projects:read']);
  });

  it('handles a plain-object headers value set by another interceptor', async () => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    // Registered later, so axios runs it before ours.
    api.interceptors.request.use((config) => {
      (config as { headers: unknown }).headers = { 'X-Token': 'legacy', Accept: 'application/json' };
      return config;
    });
    await api.get('/v1/metadata');
    expect(fake.requests[0]).toMatchObject({ auth: 'bearer', xTokenPresent: false });
    expect(fake.requests[0]?.headers.accept).toBe('application/json');
  });

  it('retries a 401 exactly once with a new token, sending the data again', async () => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    await api.get('/v1/metadata');
    fake.revokeAllTokens();
    const response = await api.post('/v1/event', { again: true });
    expect(response.status).toBe(200);
    expect(fake.requests.slice(1).map((request) => [request.status, request.body])).toEqual([
      [401, '{"again":true}'],
      [200, '{"again":true}'],
    ]);
    expect(fake.requests[2]?.token).toBe(fake.issuedTokens[1]?.accessToken);
  });

  it('gives up after one retry when the API keeps answering 401', async () => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    fake.failApiRequestsWith(401);
    const error = await api.get('/v1/metadata').catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(AxiosError);
    expect((error as AxiosError).response?.status).toBe(401);
    expect(fake.requests).toHaveLength(2);
  });

  it('does not retry a streamed body', async () => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    fake.failApiRequestsWith(401);
    await expect(api.post('/v1/event', Readable.from(['chunk']))).rejects.toBeInstanceOf(AxiosError);
    expect(fake.requests).toHaveLength(1);
  });

  it('fails the request with the OAuthTokenError when no token can be had', async () => {
    const { fake, client } = await setup();
    fake.setSsoBehaviour({ kind: 'invalid_client' });
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    await expect(api.get('/v1/metadata')).rejects.toBeInstanceOf(OAuthTokenError);
    expect(fake.requests).toHaveLength(0);
  });

  it('refuses something that is not an axios instance, with a clear message', async () => {
    const { client } = await setup();
    expect(() => client.attachToAxios({} as unknown as AxiosLikeInstance)).toThrow(/needs an axios instance/u);
  });
});

/**
 * axios 0.x (0.27 here) hands interceptors its headers unmerged: the defaults under `common` and
 * per method, merged only when the request is sent. What sits there is sent all the same.
 */
describe('client.attachToAxios with axios 0.x', () => {
  // Typed as CommonJS typings are under NodeNext; axios 0.x exports itself as `default` too.
  const axios0 = axios0Package.default;

  it('authenticates, and removes x-token from the request, the instance headers, common and per-method defaults', async () => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(axios0.create({ baseURL: fake.apiBaseUrl, headers: { 'X-Token': 'legacy', 'Content-Type': 'application/json' } }));
    api.defaults.headers.common['x-token'] = 'legacy-common';
    api.defaults.headers.post['X-Token'] = 'legacy-post';

    await api.get('/v1/metadata');
    await api.post('/v1/event', { type: 't' }, { headers: { 'x-token': 'legacy-request' } });

    expect(fake.requests.map((request) => [request.method, request.auth, request.xTokenPresent])).toEqual([
      ['GET', 'bearer', false],
      ['POST', 'bearer', false],
    ]);
    expect(fake.requests[1]?.body).toBe('{"type":"t"}');
    // The instance's own defaults are left as they were: only each request's copy changes.
    expect(api.defaults.headers.common['x-token']).toBe('legacy-common');
  });

  it.each([
    ['common', (api: ReturnType<typeof axios0.create>) => {
      api.defaults.headers.common.Authorization = 'Basic dXNlcjpwYXNz';
    }],
    ['the method', (api: ReturnType<typeof axios0.create>) => {
      api.defaults.headers.get.Authorization = 'Basic dXNlcjpwYXNz';
    }],
  ])("keeps the caller's Authorization set in the defaults of %s, and fetches no token for it", async (_label, setAuthorization) => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(axios0.create({ baseURL: fake.apiBaseUrl, headers: { 'x-token': 'legacy' } }));
    setAuthorization(api);
    const error = await api.get('/v1/metadata').catch((caught: unknown) => caught);
    expect(error).toMatchObject({ response: { status: 401 } });
    expect(fake.requests).toMatchObject([{ token: 'Basic dXNlcjpwYXNz', xTokenPresent: false }]);
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('retries a 401 once with a new token', async () => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(axios0.create({ baseURL: fake.apiBaseUrl }));
    const first = await client.getAccessToken();
    fake.revokeAllTokens();
    expect((await api.post('/v1/event', { a: 1 })).status).toBe(200);
    expect(fake.requests.map((request) => [request.status, request.token])).toEqual([
      [401, first],
      [200, fake.issuedTokens[1]?.accessToken],
    ]);
  });
});

/**
 * Credentials bound to their audience (issue 12): the helper authorizes a request only when its
 * final URL is under an allowed Cloud Automation API base, keeps an Authorization the caller set,
 * and can be made conditional on OAuth being configured. Real axios, got and fetch against a
 * loopback Cloud Automation + SSO and a loopback third-party host.
 */
import axios, { AxiosError, AxiosHeaders } from 'axios';
import got, { HTTPError } from 'got';
import { describe, expect, it } from 'vitest';
import { isCloudAutomationUrl, mayAuthorize, parseAudience } from '../../oauth/src/audience.js';
import { OAuthConfigError, optionalOAuthClientFromEnv, type Environment } from '../../oauth/src/index.js';
import { FAKE_CREDENTIALS } from '../support/fake-cloud-automation.js';
import { dtEnvironment, expectNoCredential, rejectionOf, setup, startThirdParty } from './helpers.js';

describe('axios: the instance’s baseURL is the audience', () => {
  it('authorizes calls under baseURL, keeps a user Authorization, and gives another host nothing', async () => {
    const { fake, client } = await setup();
    const other = await startThirdParty();
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl, headers: { 'Content-Type': 'application/json' } }));

    await api.get('/v1/metadata');
    await api.get(`${other.url}/feed/releases.json`);
    await api.get('/controlPlane/v1/project', { headers: { Authorization: 'Bearer user-own-token' } }).catch(() => undefined);
    await api.get('/controlPlane/v1/project', { headers: new AxiosHeaders({ AUTHORIZATION: 'Bearer user-upper-case' }) }).catch(() => undefined);
    await api.get('/controlPlane/v1/project', { auth: { username: 'user', password: 'pw' } }).catch(() => undefined);

    expect(fake.requests.map((request) => request.auth)).toEqual(['bearer', 'invalid', 'invalid', 'invalid']);
    expect(fake.isLiveToken(fake.requests[0]?.token ?? '')).toBe(true);
    expect(fake.requests.slice(1).map((request) => request.headers.authorization)).toEqual([
      'Bearer user-own-token',
      'Bearer user-upper-case',
      `Basic ${Buffer.from('user:pw').toString('base64')}`,
    ]);
    expect(other.seen).toHaveLength(1);
    expectNoCredential(other.seen[0]?.headers ?? {});
    // The caller's own credential is theirs: a 401 on it is not retried and costs no token.
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('binds to the path prefix: the same origin outside it, or a path that climbs out of it, gets no token', async () => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    await api.get(`${fake.url}/bridge/api/v1/metadata`).catch(() => undefined);
    await api.get('/../bridge/config').catch(() => undefined);
    await api.get(`${fake.url}/apix/v1/metadata`).catch(() => undefined);
    await api.get(`${fake.apiBaseUrl}/v1/metadata`);
    expect(fake.tokenRequests).toHaveLength(1);
    expect(fake.requests.map((request) => [request.path, request.auth])).toEqual([['/api/v1/metadata', 'bearer']]);
  });

  it('reads baseURL per request: set later, it counts; a baseURL given to one request does not widen the audience', async () => {
    const { fake, client } = await setup();
    const other = await startThirdParty();
    const api = client.attachToAxios(axios.create());
    await api.get(`${fake.apiBaseUrl}/v1/metadata`).catch(() => undefined);
    api.defaults.baseURL = fake.apiBaseUrl;
    await api.get('/v1/metadata');
    await api.get('/feed', { baseURL: other.url });
    expect(fake.requests.map((request) => request.auth)).toEqual(['none', 'bearer']);
    expectNoCredential(other.seen[0]?.headers ?? {});
  });

  it('takes an explicit audience for an instance without baseURL (absolute URLs), and nothing beyond it', async () => {
    const { fake, client } = await setup();
    const other = await startThirdParty();
    const api = client.attachToAxios(axios.create(), { audience: fake.apiBaseUrl });
    await api.get(`${fake.apiBaseUrl}/v1/metadata`);
    await api.get(`${other.url}/feed`);
    expect(fake.requests[0]?.auth).toBe('bearer');
    expectNoCredential(other.seen[0]?.headers ?? {});
    // Attaching again with another audience replaces the first attachment, never both.
    client.attachToAxios(api, { audience: other.url });
    await api.get(`${fake.apiBaseUrl}/v1/metadata`).catch(() => undefined);
    expect(fake.requests[1]?.auth).toBe('none');
  });

  it('retries a 401 with a fresh token only for the requests it authorized', async () => {
    const { fake, client } = await setup();
    const api = client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    await api.get('/v1/metadata');
    fake.revokeAllTokens();
    expect((await api.get('/v1/metadata')).status).toBe(200);
    expect(fake.requests.map((request) => request.status)).toEqual([200, 401, 200]);
    expect(fake.tokenRequests).toHaveLength(2);
  });
});

describe('got: the prefixUrl is the audience', () => {
  it('authorizes calls under prefixUrl, keeps a user Authorization or basic auth, and gives another host nothing', async () => {
    const { fake, client } = await setup();
    const other = await startThirdParty();
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks(), retry: { limit: 0 }, throwHttpErrors: false });

    await api.get('v1/metadata');
    await api.get(`${other.url}/feed`, { prefixUrl: '' });
    await api.get('v1/metadata', { headers: { Authorization: 'Bearer user-own-token' } });
    await api.get('v1/metadata', { username: 'user', password: 'pw' });

    expect(fake.requests.map((request) => request.auth)).toEqual(['bearer', 'invalid', 'invalid']);
    expect(fake.requests[1]?.headers.authorization).toBe('Bearer user-own-token');
    expect(fake.requests[2]?.headers.authorization).toBe(`Basic ${Buffer.from('user:pw').toString('base64')}`);
    expectNoCredential(other.seen[0]?.headers ?? {});
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('a single request names its audience; without one only Cloud Automation hosts get the token', async () => {
    const { fake, client } = await setup();
    await got(`${fake.apiBaseUrl}/v1/metadata`, { hooks: client.gotHooks(), throwHttpErrors: false });
    await got(`${fake.apiBaseUrl}/v1/metadata`, { hooks: client.gotHooks({ audience: fake.apiBaseUrl }) });
    expect(fake.requests.map((request) => request.auth)).toEqual(['none', 'bearer']);
  });

  it('bound to the instance’s base, an instance made from it by extend with another prefixUrl gets nothing', async () => {
    const { fake, client } = await setup();
    const other = await startThirdParty();
    // What `migrate` writes for `got.extend({ prefixUrl: base, headers: { 'x-token': … } })`: the
    // hooks go with every instance extended from this one, each with its own prefixUrl.
    const keptn = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks({ audience: fake.apiBaseUrl }), retry: { limit: 0 }, throwHttpErrors: false });
    const notify = keptn.extend({ prefixUrl: other.url });
    const mirror = got.extend(keptn, { prefixUrl: other.url });

    await keptn.get('v1/metadata');
    await notify.post('notify', { json: {} });
    await mirror.get('feed');

    expect(fake.requests.map((request) => request.auth)).toEqual(['bearer']);
    expect(other.seen).toHaveLength(2);
    for (const seen of other.seen) expectNoCredential(seen.headers);
  });

  it('an audience given but unset (an env var not set, or empty) names no base: only Cloud Automation hosts', async () => {
    const { fake, client } = await setup();
    const unset: string | undefined = undefined;
    for (const audience of [unset, '']) {
      const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks({ audience }), retry: { limit: 0 }, throwHttpErrors: false });
      await api.get('v1/metadata');
    }
    // Left out, the audience is the request's prefixUrl.
    await got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks({}), throwHttpErrors: false }).get('v1/metadata');
    expect(fake.requests.map((request) => request.auth)).toEqual(['none', 'none', 'bearer']);
  });

  it('does not retry a 401 on the caller’s own Authorization', async () => {
    const { fake, client } = await setup();
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks(), retry: { limit: 0 } });
    const error = await rejectionOf(api.get('v1/metadata', { headers: { authorization: 'Bearer user-own-token' } }));
    expect((error as HTTPError).response.statusCode).toBe(401);
    expect(fake.requests).toHaveLength(1);
    expect(fake.tokenRequests).toHaveLength(0);
  });
});

describe('fetch: the URL the call names is the audience, unless the client has one', () => {
  it('keeps an explicit Authorization in a Headers object, a record (any case) or a list of pairs', async () => {
    const { fake, client } = await setup();
    await client.fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: new Headers({ Authorization: 'Bearer from-headers' }) });
    await client.fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: { AUTHORIZATION: 'Bearer from-record' } });
    await client.fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: [['authorization', 'Bearer from-pairs']] });
    await client.fetch(new Request(`${fake.apiBaseUrl}/v1/metadata`, { headers: { authorization: 'Bearer from-request' } }));
    expect(fake.requests.map((request) => request.headers.authorization)).toEqual([
      'Bearer from-headers',
      'Bearer from-record',
      'Bearer from-pairs',
      'Bearer from-request',
    ]);
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('with a client audience, another host gets nothing and the API gets the token', async () => {
    const { fake, makeClient } = await setup();
    const other = await startThirdParty();
    const client = makeClient({ audience: [fake.apiBaseUrl] });
    await client.fetch(`${other.url}/feed`, { headers: { 'x-token': 'not-ours-to-remove' } });
    await client.fetch(`${fake.apiBaseUrl}/v1/metadata`);
    expect(other.seen[0]?.headers.authorization).toBeUndefined();
    // Outside the audience the request is left exactly as the caller made it.
    expect(other.seen[0]?.headers['x-token']).toBe('not-ours-to-remove');
    expect(fake.requests[0]?.auth).toBe('bearer');
  });

  it('a call names its audience: a wrapper fetching the API and another service sends the token only under that base', async () => {
    const { fake, client } = await setup();
    const inventory = await startThirdParty();
    // `async function api(base, path) { return client.fetch(base + path, init, { audience: process.env.KEPTN_API_URL }) }`
    const api = (base: string, path: string): Promise<Response> => client.fetch(base + path, { headers: { accept: 'application/json' } }, { audience: fake.apiBaseUrl });
    await api(fake.apiBaseUrl, '/controlPlane/v1/project');
    await api(inventory.url, '/v2/items');
    expect(fake.requests.map((request) => [request.path, request.auth])).toEqual([['/api/controlPlane/v1/project', 'bearer']]);
    expect(inventory.seen).toHaveLength(1);
    expectNoCredential(inventory.seen[0]?.headers ?? {});
  });

  it('an audience given but unset or empty, to the call or the client, names no base: neither loopback server gets the token', async () => {
    const { fake, client, makeClient } = await setup();
    const inventory = await startThirdParty();
    const unset: string | undefined = undefined;
    const clients = [client, makeClient({ audience: unset }), makeClient({ audience: '' })];
    for (const [index, each] of clients.entries()) {
      const options = index === 0 ? [{ audience: unset }, { audience: '' }] : [undefined];
      for (const option of options) {
        await each.fetch(`${fake.apiBaseUrl}/v1/metadata`, undefined, option);
        await each.fetch(`${inventory.url}/v2/items`, undefined, option);
      }
    }
    expect(fake.requests.map((request) => request.auth)).toEqual(['none', 'none', 'none', 'none']);
    for (const request of inventory.seen) expectNoCredential(request.headers);
    expect(fake.tokenRequests).toHaveLength(0);
    // A call's audience that is no URL fails, naming the option, before anything is sent.
    await expect(client.fetch(`${fake.apiBaseUrl}/v1/metadata`, undefined, { audience: 'keptn.internal/api' })).rejects.toThrow('client.fetch() audience must hold absolute http(s) URLs');
    expect(fake.requests).toHaveLength(4);
  });
});

describe('a redirect from an authorized URL to another host carries no token, in all three clients', () => {
  it('axios, got and fetch drop the Authorization the helper set when the redirect leaves the origin', async () => {
    const { makeClient } = await setup();
    const redirector = await startThirdParty();
    const target = await startThirdParty();
    const client = makeClient({ audience: redirector.url });
    const via = `${redirector.url}/redirect?to=${encodeURIComponent(`${target.url}/landing`)}`;
    await client.attachToAxios(axios.create({ baseURL: redirector.url })).get(via);
    await got(via, { hooks: client.gotHooks() });
    await client.fetch(via);
    expect(redirector.seen.map((request) => request.headers.authorization?.startsWith('Bearer '))).toEqual([true, true, true]);
    expect(target.seen).toHaveLength(3);
    for (const request of target.seen) expectNoCredential(request.headers);
  });
});

describe('optionalOAuthClientFromEnv: conditional credentials', () => {
  it('with no DT_* variable set, leaves every request of axios, got and fetch untouched', async () => {
    const { fake } = await setup({}, { legacyTokens: ['legacy-token'] });
    const optional = optionalOAuthClientFromEnv({ DT_CLIENT_ID: '', HOME: '/root' });
    expect(optional.client()).toBeUndefined();
    const api = optional.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl, headers: { 'x-token': 'legacy-token' } }));
    await api.get('/v1/metadata');
    await got.extend({ prefixUrl: fake.apiBaseUrl, hooks: optional.gotHooks() }).get('v1/metadata', { headers: { 'x-token': 'legacy-token' } });
    await optional.fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: { 'x-token': 'legacy-token' } });
    expect(await optional.authorizationHeaders()).toEqual({});
    expect(fake.requests.map((request) => request.auth)).toEqual(['x-token', 'x-token', 'x-token']);
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('with DT_* set, authorizes like oauthClientFromEnv, with one shared token', async () => {
    const { fake } = await setup();
    const optional = optionalOAuthClientFromEnv(dtEnvironment(fake.ssoTokenUrl));
    await optional.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl })).get('/v1/metadata');
    await got.extend({ prefixUrl: fake.apiBaseUrl, hooks: optional.gotHooks() }).get('v1/metadata');
    await optional.fetch(`${fake.apiBaseUrl}/v1/metadata`);
    const headers = await optional.authorizationHeaders();
    expect(fake.requests.map((request) => request.auth)).toEqual(['bearer', 'bearer', 'bearer']);
    expect(headers).toEqual({ Authorization: `Bearer ${fake.issuedTokens[0]?.accessToken ?? '?'}` });
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('decides per request: variables set after the instance was made are used', async () => {
    const { fake } = await setup();
    const env: Record<string, string | undefined> = {};
    const optional = optionalOAuthClientFromEnv(env);
    const api = optional.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    await api.get('/v1/metadata').catch(() => undefined);
    Object.assign(env, dtEnvironment(fake.ssoTokenUrl));
    await api.get('/v1/metadata');
    expect(fake.requests.map((request) => request.auth)).toEqual(['none', 'bearer']);
  });

  it('fails clearly on partial settings: at once, and on a request if they become partial later', async () => {
    const { fake } = await setup();
    const partial = { DT_CLIENT_ID: FAKE_CREDENTIALS.clientId, DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn };
    expect(() => optionalOAuthClientFromEnv(partial)).toThrow(OAuthConfigError);
    expect(() => optionalOAuthClientFromEnv(partial)).toThrow('DT_CLIENT_SECRET is required but missing or empty');
    expect(() => optionalOAuthClientFromEnv({ DT_OAUTH_SCOPES: 'events:read' })).toThrow('DT_CLIENT_ID is required');

    const env: Record<string, string | undefined> = {};
    const optional = optionalOAuthClientFromEnv(env);
    const api = optional.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl }));
    const hooked = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: optional.gotHooks(), retry: { limit: 0 } });
    Object.assign(env, partial);
    await expect(api.get('/v1/metadata')).rejects.toBeInstanceOf(OAuthConfigError);
    expect((await rejectionOf(hooked.get('v1/metadata'))) as Error).toMatchObject({ cause: expect.any(OAuthConfigError) as unknown });
    await expect(optional.fetch(`${fake.apiBaseUrl}/v1/metadata`)).rejects.toThrow('DT_CLIENT_SECRET');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('a shared service instance, as in the Keptn Bridge (issue 12)', () => {
  it('service calls carry a live SSO token, the user’s token is kept, the release feed gets no credential', async () => {
    const { fake } = await setup();
    const feed = await startThirdParty();
    const env: Environment = {
      DT_CLIENT_ID: FAKE_CREDENTIALS.clientId,
      DT_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
      DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn,
      DT_SSO_TOKEN_URL: fake.ssoTokenUrl,
    };

    /** What `migrate` makes of `axios.create({ baseURL, headers: { ...(apiToken && { 'x-token': apiToken }) } })`. */
    class ApiService {
      private readonly http = optionalOAuthClientFromEnv(env).attachToAxios(
        axios.create({ baseURL: fake.apiBaseUrl, headers: { 'Content-Type': 'application/json' } }),
      );

      metadata(): Promise<unknown> {
        return this.http.get('/v1/metadata');
      }

      projects(userAuthorization: string): Promise<unknown> {
        return this.http.get('/controlPlane/v1/project', { headers: { Authorization: userAuthorization } });
      }

      releases(): Promise<unknown> {
        return this.http.get(`${feed.url}/releases.json`);
      }
    }

    const service = new ApiService();
    await service.metadata();
    const userCall = await rejectionOf(service.projects('Bearer signed-in-user'));
    await service.releases();
    await service.metadata();

    expect((userCall as AxiosError).response?.status).toBe(401);
    expect(fake.requests.map((request) => [request.path, request.headers.authorization === 'Bearer signed-in-user' ? 'user' : request.auth])).toEqual([
      ['/api/v1/metadata', 'bearer'],
      ['/api/controlPlane/v1/project', 'user'],
      ['/api/v1/metadata', 'bearer'],
    ]);
    for (const request of fake.requests.filter((one) => one.auth === 'bearer')) expect(fake.isLiveToken(request.token ?? '')).toBe(true);
    expect(feed.seen).toHaveLength(1);
    expectNoCredential(feed.seen[0]?.headers ?? {});
    expect(fake.tokenRequests).toHaveLength(1);
  });
});

describe('the audience rules themselves', () => {
  it('knows the Cloud Automation hosts, over https only, and no look-alikes', () => {
    expect(isCloudAutomationUrl(new URL('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/metadata'))).toBe(true);
    expect(isCloudAutomationUrl(new URL('https://x.cloudautomation.sprint.dynatracelabs.com/api'))).toBe(true);
    expect(isCloudAutomationUrl(new URL('https://x.cloudautomation.dev.dynatracelabs.com./api'))).toBe(true);
    expect(isCloudAutomationUrl(new URL('http://abc12345.cloudautomation.live.dynatrace.com/api'))).toBe(false);
    expect(isCloudAutomationUrl(new URL('https://abc.cloudautomation.live.dynatrace.com.evil.example/api'))).toBe(false);
    expect(isCloudAutomationUrl(new URL('https://cloudautomation.live.dynatrace.com/api'))).toBe(false);
    expect(isCloudAutomationUrl(new URL('https://evilcloudautomation.live.dynatrace.com/api'))).toBe(false);
  });

  it('compares origin and path prefix', () => {
    const bases = parseAudience(['https://keptn.example.com/api/', new URL('http://127.0.0.1:8080')], 'audience');
    expect(mayAuthorize(new URL('https://keptn.example.com/api'), bases)).toBe(true);
    expect(mayAuthorize(new URL('https://keptn.example.com/api/v1/event'), bases)).toBe(true);
    expect(mayAuthorize(new URL('https://keptn.example.com/api2/v1/event'), bases)).toBe(false);
    expect(mayAuthorize(new URL('https://keptn.example.com/api/%2e%2e/bridge'), bases)).toBe(false);
    expect(mayAuthorize(new URL('http://keptn.example.com/api/v1/event'), bases)).toBe(false);
    expect(mayAuthorize(new URL('https://keptn.example.com:8443/api/v1/event'), bases)).toBe(false);
    expect(mayAuthorize(new URL('http://127.0.0.1:8080/anything'), bases)).toBe(true);
    expect(mayAuthorize(undefined, bases)).toBe(false);
  });

  it('refuses an audience that is not a list of absolute http(s) URLs, naming the option', () => {
    expect(() => parseAudience('keptn.example.com/api', 'audience')).toThrow('audience must hold absolute http(s) URLs');
    expect(() => parseAudience([], 'audience')).toThrow('audience is an empty list');
    expect(() => parseAudience('https://u:p@keptn.example.com/api', 'audience')).toThrow('must not contain a user name or password');
    expect(() => parseAudience([42] as unknown as string[], 'audience')).toThrow('got number');
  });
});

/**
 * oauthClientFromEnv() made where the settings are not there yet: at import, at module level.
 * The old code read its token at a request, so importing never failed; the migrated code must
 * not fail there either, and must not send a request without its token.
 */
import got from 'got';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ENV_VARS, OAuthConfigError, oauthClientFromEnv } from '../../oauth/src/index.js';
import { FAKE_CREDENTIALS } from '../support/fake-cloud-automation.js';
import { dtEnvironment, expectNoCredential, rejectionOf, setup, startThirdParty } from './helpers.js';

function unsetDtVariables(): void {
  for (const name of Object.values(ENV_VARS)) vi.stubEnv(name, undefined);
}

afterEach(() => {
  vi.unstubAllEnvs();
});

describe('oauthClientFromEnv without settings', () => {
  it('lets a module that makes its clients at import be imported; each first request rejects with the settings error, and nothing reaches the API', async () => {
    const { fake } = await setup();
    unsetDtVariables();
    vi.stubEnv('KEPTN_ENDPOINT', fake.apiBaseUrl);
    const clients = await import('./fixtures/module-level-clients.js');
    expect(clients.eventType('dev', 'delivery')).toBe('sh.keptn.event.dev.delivery.triggered');

    const missing = 'cloud-automation-oauth: DT_CLIENT_ID is required but missing or empty';
    await expect(clients.keptnAxios.get('/v1/metadata')).rejects.toThrow(missing);
    await expect(clients.keptnFetch(`${fake.apiBaseUrl}/v1/metadata`)).rejects.toThrow(missing);
    await expect(clients.keptnKy.get('v1/metadata')).rejects.toMatchObject({ name: 'OAuthConfigError', setting: 'DT_CLIENT_ID' });
    // got wraps what a hook throws in its RequestError.
    const gotError = await rejectionOf(clients.keptnGot.get('v1/metadata'));
    expect(gotError).toMatchObject({ cause: expect.any(OAuthConfigError) as unknown });
    expect((gotError as Error).message).toContain(missing);
    expect(fake.requests).toHaveLength(0);
    expect(fake.tokenRequests).toHaveLength(0);

    // The variables set after the import (a .env loaded by the entry point): used from now on.
    for (const [name, value] of Object.entries(dtEnvironment(fake.ssoTokenUrl))) vi.stubEnv(name, value);
    expect((await clients.keptnAxios.get('/v1/metadata')).status).toBe(200);
    expect((await clients.keptnFetch(`${fake.apiBaseUrl}/v1/metadata`)).status).toBe(200);
    expect((await clients.keptnKy.get('v1/metadata')).status).toBe(200);
    expect((await clients.keptnGot.get('v1/metadata')).statusCode).toBe(200);
    expect(fake.requests.map((request) => request.auth)).toEqual(['bearer', 'bearer', 'bearer', 'bearer']);
    // One shared client behind all of them: one token.
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('rejects with the error that names what is wrong, for partial or malformed settings too', async () => {
    const { fake } = await setup();
    const partial = { DT_CLIENT_ID: FAKE_CREDENTIALS.clientId, DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn, DT_SSO_TOKEN_URL: fake.ssoTokenUrl };
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: oauthClientFromEnv(partial).gotHooks(), retry: { limit: 0 } });
    expect(((await rejectionOf(api.get('v1/metadata'))) as Error).cause).toMatchObject({ setting: 'DT_CLIENT_SECRET' });
    const malformed = { ...dtEnvironment(fake.ssoTokenUrl), DT_ACCOUNT_URN: 'urn:dtenv:abc' };
    await expect(oauthClientFromEnv(malformed).fetch(`${fake.apiBaseUrl}/v1/metadata`)).rejects.toMatchObject({ setting: 'DT_ACCOUNT_URN' });
    await expect(oauthClientFromEnv(malformed).authorizationHeader()).rejects.toBeInstanceOf(OAuthConfigError);
    expect(fake.requests).toHaveLength(0);
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('leaves requests that need no token as they were: another host, and the caller’s own Authorization', async () => {
    const { fake } = await setup({}, { legacyTokens: ['legacy-token'] });
    const other = await startThirdParty();
    const client = oauthClientFromEnv({});
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks() });
    expect((await got(`${other.url}/releases`, { hooks: client.gotHooks() })).statusCode).toBe(200);
    expect((await api.get(`${other.url}/releases`, { prefixUrl: '' })).statusCode).toBe(200);
    expect(other.seen).toHaveLength(2);
    for (const request of other.seen) expectNoCredential(request.headers);

    const own = await client.fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: { Authorization: 'Basic dXNlcjpwYXNz', 'x-token': 'legacy-token' } });
    expect(own.status).toBe(401);
    expect(fake.requests).toMatchObject([{ token: 'Basic dXNlcjpwYXNz', xTokenPresent: false }]);
    expect(fake.tokenRequests).toHaveLength(0);
  });
});

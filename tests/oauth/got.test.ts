import got, { HTTPError, RequestError } from 'got';
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

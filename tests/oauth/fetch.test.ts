import { Headers as NodeFetchHeaders } from 'node-fetch';
import { Headers as UndiciHeaders } from 'undici';
import { describe, expect, it, vi } from 'vitest';
import { OAuthTokenError } from '../../oauth/src/index.js';
import { setup } from './helpers.js';

describe('client.fetch', () => {
  it('sends the Bearer token, drops x-token in any letter case, keeps every other header and the body', async () => {
    const { fake, client } = await setup();
    const response = await client.fetch(`${fake.apiBaseUrl}/v1/event?project=demo`, {
      method: 'POST',
      headers: { 'X-Token': 'legacy-token-value', 'Content-Type': 'application/json', 'X-Request-Id': 'r1' },
      body: JSON.stringify({ type: 'sh.keptn.event.test' }),
    });

    expect(response.status).toBe(200);
    expect(await response.json()).toHaveProperty('keptnContext');
    const [seen] = fake.requests;
    expect(seen).toMatchObject({
      method: 'POST',
      path: '/api/v1/event',
      query: { project: 'demo' },
      auth: 'bearer',
      token: fake.issuedTokens[0]?.accessToken,
      xTokenPresent: false,
      body: '{"type":"sh.keptn.event.test"}',
      tokenScopes: ['cloudautomation:events:read', 'cloudautomation:metadata:read'],
    });
    expect(seen?.headers['content-type']).toBe('application/json');
    expect(seen?.headers['x-request-id']).toBe('r1');
  });

  it.each([
    ['a Headers object', () => new Headers({ 'X-TOKEN': 'legacy', accept: 'application/json' })],
    ['header tuples', (): [string, string][] => [['x-Token', 'legacy'], ['accept', 'application/json']]],
  ])('accepts headers as %s', async (_label, makeHeaders) => {
    const { fake, client } = await setup();
    await client.fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: makeHeaders() });
    expect(fake.requests[0]).toMatchObject({ auth: 'bearer', xTokenPresent: false });
    expect(fake.requests[0]?.headers.accept).toBe('application/json');
  });

  /**
   * Headers of another implementation than the global one, as code written for node-fetch or
   * undici passes them: none has own enumerable properties, so each must be read through its
   * own iteration. `entries` are the headers to send, repeated names included. Typed unknown:
   * plain JavaScript callers pass them whatever RequestInit's typings say.
   */
  const headerForms: [string, (entries: [string, string][]) => unknown][] = [
    ['a global Headers', (entries) => new Headers(entries)],
    ["node-fetch's Headers", (entries) => new NodeFetchHeaders(entries)],
    ["undici's Headers", (entries) => new UndiciHeaders(entries)],
    ['a list of pairs', (entries) => entries],
    [
      'an iterable of pairs (a Map of appended values)',
      (entries) => {
        const joined = new Map<string, string>();
        for (const [name, value] of entries) joined.set(name, joined.has(name) ? `${joined.get(name) ?? ''}, ${value}` : value);
        return joined;
      },
    ],
    ['a Headers-like object with forEach and get only (an older polyfill)', (entries) => new ForEachOnlyHeaders(entries)],
  ];

  it.each(headerForms)('keeps every header given as %s, repeated ones too, and sends the token', async (_label, makeHeaders) => {
    const { fake, client } = await setup();
    const headers = makeHeaders([
      ['Content-Type', 'application/json'],
      ['Accept', 'application/json'],
      ['Accept', 'text/plain'],
      ['X-Token', 'legacy'],
      ['X-Request-Id', 'r1'],
    ]);
    const response = await client.fetch(`${fake.apiBaseUrl}/v1/event`, { method: 'POST', headers: headers as RequestInit['headers'], body: '{"type":"t"}' });

    expect(response.status).toBe(200);
    expect(fake.requests[0]).toMatchObject({ auth: 'bearer', token: fake.issuedTokens[0]?.accessToken, xTokenPresent: false, body: '{"type":"t"}' });
    expect(fake.requests[0]?.headers['content-type']).toBe('application/json');
    expect(fake.requests[0]?.headers.accept).toBe('application/json, text/plain');
    expect(fake.requests[0]?.headers['x-request-id']).toBe('r1');
  });

  it.each(headerForms)("keeps the caller's own Authorization given as %s, and fetches no token for it", async (_label, makeHeaders) => {
    const { fake, client } = await setup();
    const headers = makeHeaders([
      ['Content-Type', 'application/json'],
      ['authorization', 'Bearer USER-TOKEN'],
      ['x-token', 'legacy'],
    ]);
    const response = await client.fetch(`${fake.apiBaseUrl}/v1/event`, { method: 'POST', headers: headers as RequestInit['headers'], body: '{}' });

    expect(response.status).toBe(401);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ token: 'USER-TOKEN', xTokenPresent: false });
    expect(fake.requests[0]?.headers['content-type']).toBe('application/json');
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('keeps an Authorization header the caller set, fetches no token for it, and does not retry its 401', async () => {
    const { fake, client } = await setup();
    const response = await client.fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: { Authorization: 'Basic abc', 'x-token': 'legacy' } });
    expect(response.status).toBe(401);
    expect(fake.requests).toHaveLength(1);
    expect(fake.requests[0]).toMatchObject({ token: 'Basic abc', xTokenPresent: false });
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('takes a Request (with its headers and body) as input', async () => {
    const { fake, client } = await setup();
    const request = new Request(`${fake.apiBaseUrl}/v1/event`, {
      method: 'POST',
      headers: { 'x-token': 'legacy', 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    expect((await client.fetch(request)).status).toBe(200);
    expect(fake.requests[0]).toMatchObject({ method: 'POST', auth: 'bearer', xTokenPresent: false, body: '{"a":1}' });
  });

  it('retries a 401 exactly once, with a newly fetched token', async () => {
    const { fake, client } = await setup();
    const first = await client.getAccessToken();
    fake.revokeAllTokens();
    const response = await client.fetch(`${fake.apiBaseUrl}/v1/event`, { method: 'POST', body: '{"b":2}' });

    expect(response.status).toBe(200);
    expect(fake.requests.map((request) => [request.status, request.token])).toEqual([
      [401, first],
      [200, fake.issuedTokens[1]?.accessToken],
    ]);
    expect(fake.requests[1]?.body).toBe('{"b":2}');
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('retries a 401 for a Request with a body, from a copy', async () => {
    const { fake, client } = await setup();
    await client.getAccessToken();
    fake.revokeAllTokens();
    const response = await client.fetch(new Request(`${fake.apiBaseUrl}/v1/event`, { method: 'POST', body: 'payload' }));
    expect(response.status).toBe(200);
    expect(fake.requests.map((request) => [request.status, request.body])).toEqual([
      [401, 'payload'],
      [200, 'payload'],
    ]);
  });

  it('returns the second 401 when the fresh token is refused too', async () => {
    const { fake, client } = await setup();
    fake.failApiRequestsWith(401);
    const response = await client.fetch(`${fake.apiBaseUrl}/v1/metadata`);
    expect(response.status).toBe(401);
    expect(fake.requests).toHaveLength(2);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('does not retry a streamed body, which cannot be sent twice', async () => {
    const { fake, client } = await setup();
    fake.failApiRequestsWith(401);
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('streamed'));
        controller.close();
      },
    });
    const response = await client.fetch(`${fake.apiBaseUrl}/v1/event`, { method: 'POST', body, duplex: 'half' });
    expect(response.status).toBe(401);
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry other statuses', async () => {
    const { fake, client } = await setup();
    fake.failApiRequestsWith(403);
    expect((await client.fetch(`${fake.apiBaseUrl}/v1/metadata`)).status).toBe(403);
    expect(fake.requests).toHaveLength(1);
  });

  it('fetches one new token when many requests hit 401 with the same old token', async () => {
    const { fake, client } = await setup();
    await client.getAccessToken();
    fake.revokeAllTokens();
    const responses = await Promise.all(Array.from({ length: 20 }, () => client.fetch(`${fake.apiBaseUrl}/v1/metadata`)));
    expect(responses.map((response) => response.status)).toEqual(Array.from({ length: 20 }, () => 200));
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('uses a fresh token after expiry, never the expired one', async () => {
    const { fake, client, clock } = await setup({ refreshSkewSeconds: 10 }, { expiresIn: 60 });
    for (let minute = 0; minute < 5; minute++) {
      expect((await client.fetch(`${fake.apiBaseUrl}/v1/metadata`)).status).toBe(200);
      clock.advance(55_000);
    }
    expect(fake.requests.every((request) => request.auth === 'bearer')).toBe(true);
    expect(new Set(fake.requests.map((request) => request.token)).size).toBe(5);
  });

  it('rejects with the OAuthTokenError when no token can be had, without calling the API', async () => {
    const { fake, client } = await setup();
    fake.setSsoBehaviour({ kind: 'invalid_client' });
    await expect(client.fetch(`${fake.apiBaseUrl}/v1/metadata`)).rejects.toBeInstanceOf(OAuthTokenError);
    expect(fake.requests).toHaveLength(0);
  });

  it('uses the fetch given in the options for token and API requests alike', async () => {
    const { fake, makeClient } = await setup();
    const spy = vi.fn(globalThis.fetch);
    const client = makeClient({ fetch: spy });
    await client.fetch(`${fake.apiBaseUrl}/v1/metadata`);
    expect(spy.mock.calls.map(([input]) => (input instanceof Request ? input.url : input instanceof URL ? input.href : input))).toEqual([fake.ssoTokenUrl, `${fake.apiBaseUrl}/v1/metadata`]);
  });

  it('works when detached from the client (passed around as a fetch function)', async () => {
    const { fake, client } = await setup();
    const { fetch: detached, getAccessToken } = client;
    expect((await detached(`${fake.apiBaseUrl}/v1/metadata`)).status).toBe(200);
    expect(await getAccessToken()).toBe(fake.issuedTokens[0]?.accessToken);
  });
});

/** Headers as older polyfills offer them: `forEach` and `get`, no iterator, no enumerable entries. */
class ForEachOnlyHeaders {
  readonly #entries = new Map<string, string>();

  constructor(entries: [string, string][]) {
    for (const [name, value] of entries) {
      const key = name.toLowerCase();
      const previous = this.#entries.get(key);
      this.#entries.set(key, previous === undefined ? value : `${previous}, ${value}`);
    }
  }

  get(name: string): string | null {
    return this.#entries.get(name.toLowerCase()) ?? null;
  }

  forEach(callback: (value: string, name: string) => void): void {
    for (const [name, value] of this.#entries) callback(value, name);
  }
}

import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { OAuthTokenError } from '../../oauth/src/index.js';
import { FAKE_CREDENTIALS } from '../support/fake-cloud-automation.js';
import { rejectionOf, setup } from './helpers.js';

describe('getAccessToken: the token request', () => {
  it('posts the documented form in the body, never in the query string', async () => {
    const { fake, client } = await setup({ scopes: 'events:read, metadata:read' });
    const token = await client.getAccessToken();

    expect(fake.issuedTokens.map((issued) => issued.accessToken)).toEqual([token]);
    const [request] = fake.tokenRequests;
    expect(request).toMatchObject({ method: 'POST', path: '/sso/oauth2/token', query: '', status: 200 });
    expect(request?.headers['content-type']).toBe('application/x-www-form-urlencoded');
    expect(request?.form).toEqual({
      grant_type: 'client_credentials',
      client_id: FAKE_CREDENTIALS.clientId,
      client_secret: FAKE_CREDENTIALS.clientSecret,
      scope: 'cloudautomation:events:read cloudautomation:metadata:read',
      resource: FAKE_CREDENTIALS.accountUrn,
    });
    expect(fake.issuedTokens[0]?.scopes).toEqual(['cloudautomation:events:read', 'cloudautomation:metadata:read']);
  });

  it('makes exactly one token request for 1,000 concurrent callers', async () => {
    const { fake, client } = await setup();
    fake.setSsoBehaviour({ kind: 'delay', ms: 30 });
    const tokens = await Promise.all(Array.from({ length: 1000 }, () => client.getAccessToken()));

    expect(fake.tokenRequests).toHaveLength(1);
    expect(new Set(tokens)).toEqual(new Set([fake.issuedTokens[0]?.accessToken]));
  });

  it('returns the cached token until expires_in minus the skew, then fetches a new one', async () => {
    const { fake, client, clock } = await setup({ refreshSkewSeconds: 60 }, { expiresIn: 300 });
    const first = await client.getAccessToken();
    clock.advance(239_000);
    expect(await client.getAccessToken()).toBe(first);
    expect(fake.tokenRequests).toHaveLength(1);

    clock.advance(1_000);
    const second = await client.getAccessToken();
    expect(second).not.toBe(first);
    expect(fake.tokenRequests).toHaveLength(2);
    // Refreshed while the old token still had a minute left.
    expect(fake.isLiveToken(first)).toBe(true);
  });

  it('refreshes at half the lifetime when the skew is longer than half of it', async () => {
    const { fake, client, clock } = await setup({ refreshSkewSeconds: 60 }, { expiresIn: 30 });
    const first = await client.getAccessToken();
    clock.advance(14_999);
    expect(await client.getAccessToken()).toBe(first);
    clock.advance(1);
    expect(await client.getAccessToken()).not.toBe(first);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('never hands out a token that SSO considers expired, over many lifetimes', async () => {
    const { fake, client, clock } = await setup({ refreshSkewSeconds: 5 }, { expiresIn: 20 });
    let seed = 7;
    for (let step = 0; step < 300; step++) {
      const token = await client.getAccessToken();
      expect(fake.isLiveToken(token)).toBe(true);
      seed = (seed * 48_271) % 2_147_483_647;
      clock.advance(seed % 4_000);
    }
    expect(fake.tokenRequests.length).toBeGreaterThan(10);
  });

  it('falls back to a short lifetime when SSO omits expires_in', async () => {
    const { fake, client, clock } = await setup({ refreshSkewSeconds: 0 });
    fake.queueSsoResponses({ kind: 'status', status: 200, body: { token_type: 'Bearer', access_token: 'no-expiry' } });
    expect(await client.getAccessToken()).toBe('no-expiry');
    clock.advance(59_999);
    expect(await client.getAccessToken()).toBe('no-expiry');
    clock.advance(1);
    expect(await client.getAccessToken()).not.toBe('no-expiry');
  });

  it('keeps serving the current token when a refresh fails, until half the skew is left', async () => {
    const warnings: string[] = [];
    const { fake, client, clock } = await setup(
      { refreshSkewSeconds: 60, retries: 0, onWarning: (message) => warnings.push(message) },
      { expiresIn: 300 },
    );
    const first = await client.getAccessToken();
    fake.setSsoBehaviour({ kind: 'status', status: 503 });
    clock.advance(250_000);
    const during = await Promise.all(Array.from({ length: 10 }, () => client.getAccessToken()));
    expect(new Set(during)).toEqual(new Set([first]));
    expect(fake.isLiveToken(first)).toBe(true);
    expect(warnings).toHaveLength(1);
    expect(warnings[0]).toContain('refreshing the access token failed; using the current one (expires in 50 s)');
    expect(warnings[0]).toContain('HTTP 503');

    clock.advance(20_000);
    await expect(client.getAccessToken()).rejects.toMatchObject({ status: 503 });
    fake.setSsoBehaviour({ kind: 'issue' });
    expect(await client.getAccessToken()).not.toBe(first);
  });

  it('does not fall back to a token the API refused', async () => {
    const { fake, client, clock } = await setup({ refreshSkewSeconds: 60, retries: 0 }, { expiresIn: 300 });
    await client.getAccessToken();
    clock.advance(250_000);
    fake.setSsoBehaviour({ kind: 'invalid_client' });
    fake.failApiRequestsWith(401);
    await expect(client.fetch(`${fake.apiBaseUrl}/v1/metadata`)).rejects.toMatchObject({ error: 'invalid_client' });
  });

  it('invalidate() makes the next call fetch a new token', async () => {
    const { fake, client } = await setup();
    const first = await client.getAccessToken();
    client.invalidate();
    expect(await client.getAccessToken()).not.toBe(first);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('authorizationHeader() is "Bearer <token>"', async () => {
    const { client } = await setup();
    expect(await client.authorizationHeader()).toBe(`Bearer ${await client.getAccessToken()}`);
  });
});

describe('getAccessToken: failures', () => {
  it('surfaces a 400 invalid_client with what SSO said, and does not retry it', async () => {
    const { fake, client } = await setup({ retries: 3 });
    fake.setSsoBehaviour({ kind: 'invalid_client' });
    const error = await rejectionOf(client.getAccessToken());

    expect(error).toBeInstanceOf(OAuthTokenError);
    expect(error).toMatchObject({
      code: 'CLOUD_AUTOMATION_OAUTH_REJECTED',
      status: 400,
      error: 'invalid_client',
      error_description: 'Client authentication failed',
      errorCode: 400,
      attempts: 1,
      isPermanent: true,
    });
    const { message, issueId } = error as OAuthTokenError;
    expect(issueId).toMatch(/^[\da-f-]{36}$/u);
    expect(message).toContain('invalid_client: Client authentication failed');
    expect(message).toContain(`issueId ${issueId ?? ''}`);
    expect(message).toContain('DT_CLIENT_SECRET');
    expect(message).not.toContain(FAKE_CREDENTIALS.clientSecret);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('rejects when SSO itself refuses the request as malformed (wrong account)', async () => {
    const { client } = await setup({ accountUrn: 'urn:dtaccount:11111111-2222-4333-8444-555555555555' });
    await expect(client.getAccessToken()).rejects.toMatchObject({ status: 400, error: 'invalid_request' });
  });

  it('does not cache a failure: the next call asks again', async () => {
    const { fake, client } = await setup();
    fake.queueSsoResponses({ kind: 'invalid_client' });
    await expect(client.getAccessToken()).rejects.toBeInstanceOf(OAuthTokenError);
    const token = await client.getAccessToken();
    expect(token).toBe(fake.issuedTokens[0]?.accessToken);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('shares one failure among concurrent callers', async () => {
    const { fake, client } = await setup();
    fake.setSsoBehaviour({ kind: 'delay', ms: 20, then: { kind: 'invalid_client' } });
    const results = await Promise.allSettled(Array.from({ length: 50 }, () => client.getAccessToken()));
    expect(results.every((result) => result.status === 'rejected')).toBe(true);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('retries 5xx and succeeds after an exponential, jittered backoff', async () => {
    const { fake, client } = await setup({ retries: 3, retryDelayMs: 40, maxRetryDelayMs: 1_000, random: () => 0 });
    fake.queueSsoResponses({ kind: 'status', status: 503 }, { kind: 'status', status: 500 });
    const started = performance.now();
    const token = await client.getAccessToken();
    const elapsed = performance.now() - started;

    expect(token).toBe(fake.issuedTokens[0]?.accessToken);
    expect(fake.tokenRequests.map((request) => request.status)).toEqual([503, 500, 200]);
    // random() = 0 gives the lower half of each ceiling: 40/2 then 80/2.
    expect(elapsed).toBeGreaterThanOrEqual(58);
  });

  it('retries 429 and honours Retry-After, capped by maxRetryDelayMs', async () => {
    const { fake, client } = await setup({ retryDelayMs: 1, maxRetryDelayMs: 150 });
    fake.queueSsoResponses({ kind: 'status', status: 429, headers: { 'retry-after': '3600' } });
    const started = performance.now();
    await client.getAccessToken();
    const elapsed = performance.now() - started;
    expect(fake.tokenRequests.map((request) => request.status)).toEqual([429, 200]);
    expect(elapsed).toBeGreaterThanOrEqual(145);
    expect(elapsed).toBeLessThan(3_000);
  });

  it('gives up after the configured number of retries', async () => {
    const { fake, client } = await setup({ retries: 2 });
    fake.setSsoBehaviour({ kind: 'status', status: 502, body: { message: 'Bad gateway' } });
    const error = await rejectionOf(client.getAccessToken());
    expect(error).toMatchObject({ status: 502, attempts: 3, ssoMessage: 'Bad gateway', isPermanent: false });
    expect((error as Error).message).toContain('after 3 attempts');
    expect(fake.tokenRequests).toHaveLength(3);
  });

  it('retries a dropped connection', async () => {
    const { fake, client } = await setup();
    fake.queueSsoResponses({ kind: 'reset' });
    const token = await client.getAccessToken();
    expect(token).toBe(fake.issuedTokens[0]?.accessToken);
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('reports an unreachable token URL as a network error with the cause', async () => {
    const port = await closedPort();
    const { client } = await setup({ tokenUrl: `http://127.0.0.1:${port}/sso/oauth2/token`, retries: 1 });
    const error = await rejectionOf(client.getAccessToken());
    expect(error).toMatchObject({ code: 'CLOUD_AUTOMATION_OAUTH_NETWORK', attempts: 2 });
    expect((error as Error).message).toContain(`127.0.0.1:${port}`);
    expect((error as Error).cause).toBeInstanceOf(Error);
  });

  it('times out a token request that gets no answer', async () => {
    const { fake, client } = await setup({ timeoutMs: 100, retries: 0 });
    fake.setSsoBehaviour({ kind: 'hang' });
    const started = performance.now();
    const error = await rejectionOf(client.getAccessToken());
    const elapsed = performance.now() - started;
    expect(error).toMatchObject({ code: 'CLOUD_AUTOMATION_OAUTH_TIMEOUT', attempts: 1 });
    expect((error as Error).message).toContain('timed out');
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(2_000);
  });

  it('times out a slow answer and succeeds on the retry', async () => {
    const { fake, client } = await setup({ timeoutMs: 100, retries: 1 });
    fake.queueSsoResponses({ kind: 'delay', ms: 3_000 });
    const started = performance.now();
    const token = await client.getAccessToken();
    const elapsed = performance.now() - started;
    // The abandoned request's connection is gone when its answer is due, so only the retry issued a token.
    expect(fake.issuedTokens.map((issued) => issued.accessToken)).toEqual([token]);
    expect(elapsed).toBeGreaterThanOrEqual(95);
    expect(elapsed).toBeLessThan(3_000);
  });

  it.each([
    ['a body that is not JSON', { kind: 'malformed-json' } as const, 'not JSON'],
    ['JSON without access_token', { kind: 'no-access-token' } as const, 'without an access_token'],
    [
      'a token type other than Bearer',
      { kind: 'status', status: 200, body: { token_type: 'MAC', access_token: 'x', expires_in: 300 } } as const,
      'not Bearer',
    ],
  ])('refuses a 2xx answer with %s, without retrying', async (_label, behaviour, fragment) => {
    const { fake, client } = await setup({ retries: 3 });
    fake.setSsoBehaviour(behaviour);
    const error = await rejectionOf(client.getAccessToken());
    expect(error).toMatchObject({ code: 'CLOUD_AUTOMATION_OAUTH_BAD_RESPONSE', status: 200 });
    expect((error as Error).message).toContain(fragment);
    expect(fake.tokenRequests).toHaveLength(1);
  });

  it('does not follow a redirect of the token request', async () => {
    const { fake, client } = await setup({ retries: 0 });
    fake.setSsoBehaviour({ kind: 'status', status: 307, body: '', headers: { location: 'https://elsewhere.example/token' } });
    const error = await rejectionOf(client.getAccessToken());
    expect(error).toMatchObject({ status: 307 });
    expect((error as Error).message).toContain('redirected to https://elsewhere.example/token');
  });
});

async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === 'string') throw new Error('no port');
  return address.port;
}

import axios from 'axios';
import got from 'got';
import { inspect } from 'node:util';
import { describe, expect, it, vi } from 'vitest';
import { createOAuthClient, OAuthConfigError, OAuthTokenError, type OAuthClientOptions } from '../../oauth/src/index.js';
import { FAKE_CREDENTIALS } from '../support/fake-cloud-automation.js';
import { rejectionOf, setup } from './helpers.js';

const SECRET = FAKE_CREDENTIALS.clientSecret;
/** The part of the secret after the client id: enough to spot a partial leak. */
const SECRET_TAIL = SECRET.slice(FAKE_CREDENTIALS.clientId.length + 1);

/** Every way a value commonly ends up in a log. */
function renderings(value: unknown): string[] {
  const error = value instanceof Error ? value : undefined;
  return [
    inspect(value, { showHidden: true, depth: Infinity, getters: true }),
    JSON.stringify({ value }),
    String(value),
    error?.stack ?? '',
    error?.message ?? '',
    error === undefined ? '' : inspect(error.cause, { showHidden: true, depth: Infinity }),
  ];
}

function expectNoLeak(value: unknown, secrets: readonly string[]): void {
  for (const text of renderings(value)) {
    for (const secret of secrets) expect(text).not.toContain(secret);
  }
}

describe('the client secret and tokens stay out of sight', () => {
  it('util.inspect, JSON.stringify and String of the client show neither the secret nor the token', async () => {
    const { client } = await setup();
    const token = await client.getAccessToken();
    expectNoLeak(client, [SECRET_TAIL, token]);
    expect(inspect(client)).toContain("clientSecret: '[redacted]'");
    expect(inspect(client)).toContain('tokenCached: true');
    expect(JSON.parse(JSON.stringify(client))).toMatchObject({ clientId: FAKE_CREDENTIALS.clientId, clientSecret: '[redacted]' });
    for (const [, member] of Object.entries(client)) expectNoLeak(member, [SECRET_TAIL, token]);
  });

  it('an SSO refusal error holds SSO’s explanation but not the secret', async () => {
    const { fake, client } = await setup();
    fake.setSsoBehaviour({ kind: 'invalid_client' });
    const error = await rejectionOf(client.getAccessToken());
    expect(error).toBeInstanceOf(OAuthTokenError);
    expect((error as Error).message).toContain('Client authentication failed');
    expectNoLeak(error, [SECRET_TAIL]);
  });

  it('scrubs the secret when SSO echoes it back in any field or in a non-JSON body', async () => {
    const { fake, client } = await setup({ retries: 0 });
    fake.queueSsoResponses(
      {
        kind: 'status',
        status: 400,
        body: { error: `bad ${SECRET}`, error_description: `client_secret=${SECRET} rejected`, message: SECRET, issueId: SECRET },
      },
      { kind: 'status', status: 502, body: `<html>proxy saw client_secret=${SECRET}</html>` },
    );
    const echoed = await rejectionOf(client.getAccessToken());
    expect((echoed as OAuthTokenError).error_description).toBe('client_secret=[redacted] rejected');
    expectNoLeak(echoed, [SECRET_TAIL]);
    const html = await rejectionOf(client.getAccessToken());
    expect((html as Error).message).toContain('proxy saw client_secret=[redacted]');
    expectNoLeak(html, [SECRET_TAIL]);
  });

  it('timeout and network errors carry no secret either', async () => {
    const { fake, client } = await setup({ timeoutMs: 50, retries: 0 });
    fake.setSsoBehaviour({ kind: 'hang' });
    expectNoLeak(await rejectionOf(client.getAccessToken()), [SECRET_TAIL]);
    fake.setSsoBehaviour({ kind: 'reset' });
    expectNoLeak(await rejectionOf(client.getAccessToken()), [SECRET_TAIL]);
  });

  it('settings errors and warnings about the secret never quote it', () => {
    const base: OAuthClientOptions = { ...FAKE_CREDENTIALS, onWarning: () => undefined };
    const apiToken = `dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.${'Zq9'.repeat(22)}`;
    for (const clientSecret of [`${SECRET} `, apiToken, 'plain-wrong-secret-value']) {
      try {
        createOAuthClient({ ...base, clientSecret, strictCredentialShapes: true });
        expect.unreachable('expected an OAuthConfigError');
      } catch (error) {
        expect(error).toBeInstanceOf(OAuthConfigError);
        expectNoLeak(error, [clientSecret.trim()]);
      }
    }
    const warnings: string[] = [];
    createOAuthClient({ ...base, clientSecret: 'plain-wrong-secret-value', onWarning: (message) => warnings.push(message) });
    expect(warnings).toHaveLength(1);
    expect(warnings.join('\n')).not.toContain('plain-wrong-secret-value');
  });

  it('writes nothing to the console in a whole session, failures included', async () => {
    const methods = ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const;
    const spies = methods.map((method) => vi.spyOn(console, method).mockImplementation(() => undefined));
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      const { fake, client } = await setup();
      await client.fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: { 'x-token': 'legacy' } });
      await client.attachToAxios(axios.create({ baseURL: fake.apiBaseUrl })).get('/v1/metadata');
      await got(`${fake.apiBaseUrl}/v1/metadata`, { hooks: client.gotHooks({ audience: fake.apiBaseUrl }) });
      fake.revokeAllTokens();
      await client.fetch(`${fake.apiBaseUrl}/v1/metadata`);
      client.invalidate();
      fake.setSsoBehaviour({ kind: 'invalid_client' });
      await rejectionOf(client.getAccessToken());
      for (const spy of spies) expect(spy).not.toHaveBeenCalled();
      expect(emitWarning).not.toHaveBeenCalled();
    } finally {
      for (const spy of spies) spy.mockRestore();
      emitWarning.mockRestore();
    }
  });
});

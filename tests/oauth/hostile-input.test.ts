/**
 * The helper under hostile input and faults (issue 14, "Secrets (helper)"): one test per
 * finding, over loopback servers and real got/fetch.
 */
import got, { HTTPError } from 'got';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Readable } from 'node:stream';
import { runInNewContext } from 'node:vm';
import { setFlagsFromString } from 'node:v8';
import { inspect } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { createOAuthClient, oauthClientFromEnv, OAuthConfigError, OAuthTokenError, type OAuthClient } from '../../oauth/src/index.js';
import { cachedConfigurationCount, MAX_CACHED_CONFIGURATIONS } from '../../oauth/src/env.js';
import { FAKE_CREDENTIALS } from '../support/fake-cloud-automation.js';
import { rejectionOf, setup } from './helpers.js';

/** A secret that holds every character form encoding treats specially: `+ / = & %`, and `"` `\` for JSON. */
const AWKWARD_SECRET = 'dt0s02.FAKECLNT.Ab+Cd/Ef=Gh&Ij%Kl"Mn\\Op+Qr/St=Uv&Wx%Yz0123456789';

/** Every encoding of `secret` that a server or proxy may echo. */
function encodings(secret: string): Record<string, string> {
  const form = new URLSearchParams({ s: secret }).toString().slice(2);
  return {
    raw: secret,
    form,
    percent: encodeURIComponent(secret),
    'percent, lower-case hex': encodeURIComponent(secret).replace(/%[\dA-F]{2}/gu, (escape) => escape.toLowerCase()),
    'percent, twice': encodeURIComponent(encodeURIComponent(secret)),
    json: JSON.stringify(secret).slice(1, -1),
    'json, slashes escaped': JSON.stringify(secret).slice(1, -1).replaceAll('/', '\\/'),
    'json, \\u escapes': Array.from(secret, (char) => (/[A-Za-z\d]/u.test(char) ? char : `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)).join(''),
  };
}

/** Every way an error commonly ends up in a log. */
function renderings(error: unknown): string {
  const asError = error instanceof Error ? error : undefined;
  return [
    inspect(error, { showHidden: true, depth: Infinity, getters: true }),
    JSON.stringify({ error }),
    String(error),
    asError?.stack ?? '',
    asError === undefined ? '' : inspect(asError.cause, { showHidden: true, depth: Infinity }),
  ].join('\n');
}

/** No 12 characters in a row of the secret's private part, in any of its encodings. */
function expectNoSecret(error: unknown, secret: string): void {
  const text = renderings(error);
  const privatePart = secret.slice('dt0s02.FAKECLNT.'.length);
  for (const [name, encoded] of Object.entries(encodings(privatePart))) {
    for (let start = 0; start + 12 <= encoded.length; start += 4) {
      expect(text, `${name} encoding, from ${start}`).not.toContain(encoded.slice(start, start + 12));
    }
  }
}

type Answer = (request: IncomingMessage, body: string, response: ServerResponse) => void;

const servers: ReturnType<typeof createServer>[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((server) => new Promise((resolve) => server.close(resolve))));
});

/** A loopback token endpoint that answers as `answer` says (with the request body it got). */
async function ssoAnswering(answer: Answer): Promise<string> {
  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      answer(request, Buffer.concat(chunks).toString('utf8'), response);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/sso/oauth2/token`;
}

function clientFor(tokenUrl: string, clientSecret = AWKWARD_SECRET): OAuthClient {
  return createOAuthClient({
    clientId: FAKE_CREDENTIALS.clientId,
    clientSecret,
    accountUrn: FAKE_CREDENTIALS.accountUrn,
    tokenUrl,
    retries: 0,
    onWarning: () => undefined,
  });
}

describe('SSO text in errors is scrubbed of the secret', () => {
  it('scrubs before it clips: a secret echoed across the 500-character clip leaks no part of it', async () => {
    for (const offset of [440, 470, 490, 499]) {
      const tokenUrl = await ssoAnswering((_request, _body, response) => {
        response.writeHead(502, { 'content-type': 'text/html' });
        response.end(`${'x'.repeat(offset)}${AWKWARD_SECRET}${'y'.repeat(200)}`);
      });
      const error = await rejectionOf(clientFor(tokenUrl).getAccessToken());
      expect(error).toBeInstanceOf(OAuthTokenError);
      // The clip may cut the marker, never the secret: what is left is x…, then [redacted] or part of it.
      expect((error as OAuthTokenError).ssoMessage).toMatch(/^x+(?:\[[a-z]*\]?y*)?…$/u);
      expectNoSecret(error, AWKWARD_SECRET);
    }
  });

  it.each(Object.entries(encodings(AWKWARD_SECRET)))('scrubs the secret echoed %s-encoded, in a JSON field and in a text body', async (_name, encoded) => {
    const inJson = await ssoAnswering((_request, _body, response) => {
      response.writeHead(400, { 'content-type': 'application/json' });
      // JSON.stringify escapes the encoded text once more, as a JSON API would; parsing undoes it.
      response.end(JSON.stringify({ error: 'invalid_client', error_description: `client_secret=${encoded} is wrong`, message: encoded }));
    });
    const inText = await ssoAnswering((_request, _body, response) => {
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(`proxy saw client_secret=${encoded}&scope=x`);
    });
    const jsonError = await rejectionOf(clientFor(inJson).getAccessToken());
    expect((jsonError as OAuthTokenError).error_description).toBe('client_secret=[redacted] is wrong');
    expectNoSecret(jsonError, AWKWARD_SECRET);
    const textError = await rejectionOf(clientFor(inText).getAccessToken());
    expect((textError as OAuthTokenError).ssoMessage).toBe('proxy saw client_secret=[redacted]&scope=x');
    expectNoSecret(textError, AWKWARD_SECRET);
  });

  it('scrubs the request body a server echoes as it received it (form-encoded, + / = & % included)', async () => {
    const tokenUrl = await ssoAnswering((_request, body, response) => {
      expect(body).toContain(`client_secret=${encodings(AWKWARD_SECRET).form}`);
      response.writeHead(400, { 'content-type': 'text/plain' });
      response.end(`cannot parse ${body}`);
    });
    const error = await rejectionOf(clientFor(tokenUrl).getAccessToken());
    expect((error as Error).message).toContain('client_secret=[redacted]&');
    expectNoSecret(error, AWKWARD_SECRET);
  });

  it('scrubs a redirect Location that carries the request body, and shows only where it points', async () => {
    const tokenUrl = await ssoAnswering((_request, body, response) => {
      response.writeHead(302, { location: `https://elsewhere.example/sso/oauth2/token?${body}` });
      response.end();
    });
    const pathOnly = await ssoAnswering((_request, _body, response) => {
      response.writeHead(307, { location: `https://elsewhere.example/${encodeURIComponent(AWKWARD_SECRET)}/token` });
      response.end();
    });
    const error = await rejectionOf(clientFor(tokenUrl).getAccessToken());
    expect((error as Error).message).toContain('redirected to https://elsewhere.example/sso/oauth2/token (query not shown); use the final token URL');
    expectNoSecret(error, AWKWARD_SECRET);
    const inPath = await rejectionOf(clientFor(pathOnly).getAccessToken());
    expect((inPath as Error).message).toContain('redirected to https://elsewhere.example/[redacted]/token');
    expectNoSecret(inPath, AWKWARD_SECRET);
  });
});

describe('settings errors never echo a value that looks like a secret', () => {
  const complete = {
    DT_CLIENT_ID: FAKE_CREDENTIALS.clientId,
    DT_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
    DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn,
  };
  const keptnApiToken = 'Xk3'.repeat(15);
  const secrets = [FAKE_CREDENTIALS.clientSecret, `dt0s02.OTHERCLT.${'Q7'.repeat(32)}`, keptnApiToken, `eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiJ4In0.sig`];

  /** oauthClientFromEnv throws nothing: its settings error comes with the first token asked for. */
  const settingsError = (env: Record<string, string>): Promise<unknown> => rejectionOf(oauthClientFromEnv(env).getAccessToken());

  it.each(['DT_ACCOUNT_URN', 'DT_OAUTH_SCOPES', 'DT_SSO_TOKEN_URL'])('%s holding a secret: the error names the variable, not the value', async (variable) => {
    for (const secret of secrets) {
      const env = { ...complete, [variable]: secret };
      const caught = await settingsError(env);
      expect(caught, `${variable} = ${secret.slice(0, 10)}…`).toBeInstanceOf(OAuthConfigError);
      expect((caught as OAuthConfigError).setting).toBe(variable);
      expect((caught as Error).message).toContain('looks like a credential');
      // The client that carries the error shows it when printed: not the value either.
      const client = oauthClientFromEnv(env);
      const printed = `${inspect(client, { showHidden: true, depth: Infinity })}\n${JSON.stringify(client)}`;
      for (const piece of [secret, secret.slice(-16), secret.slice(7, 30)]) {
        expect(renderings(caught)).not.toContain(piece);
        expect(printed).not.toContain(piece);
      }
    }
  });

  it('a secret among several scopes, or in the path of an http token URL, is not echoed either', async () => {
    const scopes = await settingsError({ ...complete, DT_OAUTH_SCOPES: `events:read ${FAKE_CREDENTIALS.clientSecret} evnts:write` });
    expect((scopes as Error).message).toContain('"evnts:write" (did you mean cloudautomation:events:write?)');
    expect(renderings(scopes)).not.toContain(FAKE_CREDENTIALS.clientSecret.slice(16));
    expect(String(await settingsError({ ...complete, DT_SSO_TOKEN_URL: `http://sso.example.com/${keptnApiToken}` }))).toMatch(
      /must be an https URL.*looks like a credential/u,
    );
  });

  it('still quotes ordinary wrong values, which is what makes the message useful', async () => {
    expect(String(await settingsError({ ...complete, DT_ACCOUNT_URN: 'urn:dtenv:abc' }))).toContain('got "urn:dtenv:abc"');
    expect(String(await settingsError({ ...complete, DT_SSO_TOKEN_URL: 'sso.dynatrace.com/token' }))).toContain('is not a URL: "sso.dynatrace.com/token"');
    expect(String(await settingsError({ ...complete, DT_OAUTH_SCOPES: 'events:raed' }))).toContain('"events:raed" (did you mean');
  });
});

describe('tokens are checked before they become header values', () => {
  it.each([
    ['CR/LF (header injection)', 'abc\r\nX-Injected: 1'],
    ['a NUL', 'abc\u0000def'],
    ['a space', 'abc def'],
    ['a non-ASCII character', 'abcdéf'],
  ])('an access_token with %s is refused, with an error that does not contain it, and nothing is sent', async (_label, token) => {
    const { fake } = await setup();
    const tokenUrl = await ssoAnswering((_request, _body, response) => {
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ token_type: 'Bearer', access_token: `${token}-${'s3cr3t'.repeat(6)}`, expires_in: 300 }));
    });
    const client = clientFor(tokenUrl, FAKE_CREDENTIALS.clientSecret);
    const error = await rejectionOf(client.fetch(`${fake.apiBaseUrl}/v1/metadata`));
    expect(error).toBeInstanceOf(OAuthTokenError);
    expect(error).toMatchObject({ code: 'CLOUD_AUTOMATION_OAUTH_BAD_RESPONSE' });
    expect((error as Error).message).toContain('cannot be sent in an HTTP header');
    expect(renderings(error)).not.toContain('s3cr3t');
    expect(fake.requests).toHaveLength(0);
  });
});

describe('got: a streamed body and a 401', () => {
  it('rejects with the 401 HTTPError (not "Cannot retry with consumed body stream") and asks SSO once', async () => {
    const { fake, client } = await setup();
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks(), retry: { limit: 0 } });
    fake.failApiRequestsWith(401);
    const error = await rejectionOf(api.post('v1/event', { body: Readable.from(['{"streamed":', 'true}']) }));
    expect(error).toBeInstanceOf(HTTPError);
    expect((error as HTTPError).response.statusCode).toBe(401);
    expect((error as Error).message).not.toContain('consumed body stream');
    expect(fake.requests).toHaveLength(1);
    expect(fake.tokenRequests).toHaveLength(1);

    // The refused token is dropped: the next request gets a new one.
    fake.failApiRequestsWith(undefined);
    await api.get('v1/metadata');
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('does not retry a generator body either (got would send it empty)', async () => {
    const { fake, client } = await setup();
    const api = got.extend({ prefixUrl: fake.apiBaseUrl, hooks: client.gotHooks(), retry: { limit: 0 } });
    fake.failApiRequestsWith(401);
    function* body(): Generator<string> {
      yield '{"generated":true}';
    }
    const error = await rejectionOf(api.post('v1/event', { body: body() }));
    expect((error as HTTPError).response.statusCode).toBe(401);
    expect(fake.requests.map((request) => request.body)).toEqual(['{"generated":true}']);
    expect(fake.tokenRequests).toHaveLength(1);
  });
});

describe('a token without expires_in', () => {
  it('is used for 60 s with the default settings, as docs/oauth.md says, then replaced', async () => {
    const { fake, client, clock } = await setup();
    fake.queueSsoResponses({ kind: 'status', status: 200, body: { token_type: 'Bearer', access_token: 'no-expiry' } });
    expect(await client.getAccessToken()).toBe('no-expiry');
    clock.advance(30_000);
    expect(await client.getAccessToken()).toBe('no-expiry');
    clock.advance(29_999);
    expect(await client.getAccessToken()).toBe('no-expiry');
    clock.advance(1);
    expect(await client.getAccessToken()).not.toBe('no-expiry');
    expect(fake.tokenRequests).toHaveLength(2);
  });

  it('is not served past those 60 s when the refresh fails (its real expiry is unknown)', async () => {
    const { fake, client, clock } = await setup({ retries: 0, onWarning: () => undefined });
    fake.queueSsoResponses({ kind: 'status', status: 200, body: { token_type: 'Bearer', access_token: 'no-expiry' } });
    await client.getAccessToken();
    fake.setSsoBehaviour({ kind: 'status', status: 503 });
    clock.advance(60_000);
    await expect(client.getAccessToken()).rejects.toMatchObject({ status: 503 });
  });
});

describe("oauthClientFromEnv's client cache is bounded", () => {
  function environment(index: number): Record<string, string> {
    const id = `C${index.toString(36).toUpperCase().padStart(7, '0')}`;
    return {
      DT_CLIENT_ID: `dt0s02.${id}`,
      DT_CLIENT_SECRET: `dt0s02.${id}.${index.toString(36).toUpperCase().padStart(64, 'S')}`,
      DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn,
    };
  }

  it(`keeps at most ${MAX_CACHED_CONFIGURATIONS} configurations over 20,000 different secrets, and lets the others be collected`, async () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const early = Array.from({ length: 100 }, (_, index) => new WeakRef(oauthClientFromEnv(environment(index))));
    const kept = oauthClientFromEnv(environment(99_999));
    for (let index = 100; index < 20_000; index++) {
      oauthClientFromEnv(environment(index));
      // The configuration in use all along stays cached however many others come and go.
      if (index % 50 === 0) expect(oauthClientFromEnv(environment(99_999))).toBe(kept);
    }
    expect(cachedConfigurationCount()).toBe(MAX_CACHED_CONFIGURATIONS);
    for (let round = 0; round < 5 && early.some((ref) => ref.deref() !== undefined); round++) {
      await new Promise((resolve) => setTimeout(resolve, 10));
      gc();
    }
    expect(early.filter((ref) => ref.deref() !== undefined)).toHaveLength(0);
  });

  it('gives an evicted configuration a new client that works, and keeps the old one working for whoever holds it', async () => {
    const { fake } = await setup();
    const env = { ...environment(0), DT_CLIENT_ID: FAKE_CREDENTIALS.clientId, DT_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret, DT_SSO_TOKEN_URL: fake.ssoTokenUrl };
    const first = oauthClientFromEnv(env);
    for (let index = 1; index <= MAX_CACHED_CONFIGURATIONS; index++) oauthClientFromEnv(environment(index));
    const second = oauthClientFromEnv(env);
    expect(second).not.toBe(first);
    expect(fake.isLiveToken(await first.getAccessToken())).toBe(true);
    expect(fake.isLiveToken(await second.getAccessToken())).toBe(true);
  });
});

/**
 * `client.addAuthorization(headers)`: the token goes into headers copied from a caller only when
 * they carry no Authorization of the caller's, in any spelling, and never as a second value.
 * The last tests send the headers over loopback with fetch and axios, as migrated code does.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import axios from 'axios';
import { Headers as NodeFetchHeaders } from 'node-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { oauthClientFromEnv, optionalOAuthClientFromEnv } from '../../oauth/src/index.js';
import { dtEnvironment, rejectionOf, setup } from './helpers.js';

describe('client.addAuthorization', () => {
  it('sets Authorization: Bearer <token> in a plain record without one, drops x-token, keeps the rest, and returns the same object', async () => {
    const { fake, client } = await setup();
    const headers: Record<string, string> = { accept: 'application/json', 'X-Token': 'legacy' };
    const returned = await client.addAuthorization(headers);
    expect(returned).toBe(headers);
    expect(headers).toEqual({ accept: 'application/json', Authorization: `Bearer ${fake.issuedTokens[0]?.accessToken ?? ''}` });
  });

  it.each(['Authorization', 'authorization', 'AUTHORIZATION', 'aUtHoRiZaTiOn'])('keeps a caller\'s %s untouched and asks for no token', async (name) => {
    const { fake, client } = await setup();
    const headers: Record<string, string> = { [name]: 'Bearer gateway-token', 'x-token': 'legacy' };
    await client.addAuthorization(headers);
    expect(headers).toEqual({ [name]: 'Bearer gateway-token' });
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it.each([
    ['an empty string', ''],
    ['undefined', undefined],
    ['null', null],
    ['an empty list', []],
  ])('replaces an authorization that is %s, leaving one Authorization only', async (_label, value) => {
    const { fake, client } = await setup();
    const headers: Record<string, unknown> = { authorization: value, accept: 'text/plain' };
    await client.addAuthorization(headers);
    expect(headers).toEqual({ accept: 'text/plain', Authorization: `Bearer ${fake.issuedTokens[0]?.accessToken ?? ''}` });
  });

  it('renews an Authorization it set itself before (the same headers object sent again)', async () => {
    const { fake, client } = await setup();
    const headers: Record<string, string> = {};
    await client.addAuthorization(headers);
    client.invalidate();
    await client.addAuthorization(headers);
    expect(fake.issuedTokens).toHaveLength(2);
    expect(headers).toEqual({ Authorization: `Bearer ${fake.issuedTokens[1]?.accessToken ?? ''}` });
  });

  it.each([
    ['a global Headers', (init: Record<string, string>) => new Headers(init)],
    ["node-fetch's Headers", (init: Record<string, string>) => new NodeFetchHeaders(init)],
  ])('works on %s: sets the token without an Authorization, keeps a lowercase one of the caller\'s', async (_label, make) => {
    const { fake, client } = await setup();
    const bare = make({ 'x-token': 'legacy', accept: 'application/json' });
    await client.addAuthorization(bare);
    expect(bare.get('authorization')).toBe(`Bearer ${fake.issuedTokens[0]?.accessToken ?? ''}`);
    expect(bare.get('x-token')).toBeNull();
    expect(bare.get('accept')).toBe('application/json');
    const owned = make({ authorization: 'Basic Z2F0ZXdheTpwdw==' });
    await client.addAuthorization(owned);
    expect(owned.get('Authorization')).toBe('Basic Z2F0ZXdheTpwdw==');
    const empty = make({ authorization: '' });
    await client.addAuthorization(empty);
    expect(empty.get('authorization')).toBe(`Bearer ${fake.issuedTokens[0]?.accessToken ?? ''}`);
  });

  it.each([
    ['a list of pairs', [['accept', 'text/plain']]],
    ['a Map', new Map([['accept', 'text/plain']])],
    ['a string', 'accept: text/plain'],
    ['null', null],
  ])('rejects %s with a TypeError before asking for a token', async (_label, headers) => {
    const { fake, client } = await setup();
    expect(await rejectionOf(client.addAuthorization(headers as unknown as object))).toBeInstanceOf(TypeError);
    expect(fake.tokenRequests).toHaveLength(0);
  });

  it('rejects with the missing setting on the client from an unconfigured env, but keeps a caller\'s Authorization without one', async () => {
    const client = oauthClientFromEnv({});
    expect(String(await rejectionOf(client.addAuthorization({})))).toContain('DT_CLIENT_ID');
    const headers = { Authorization: 'Bearer gateway-token' };
    await expect(client.addAuthorization(headers)).resolves.toEqual({ Authorization: 'Bearer gateway-token' });
  });
});

describe('optionalOAuthClientFromEnv().addAuthorization', () => {
  it('leaves the headers untouched when no DT_* variable is set', async () => {
    const headers = { accept: 'application/json' };
    const returned = await optionalOAuthClientFromEnv({}).addAuthorization(headers);
    expect(returned).toBe(headers);
    expect(headers).toEqual({ accept: 'application/json' });
  });

  it('adds the token when configured, and keeps a caller\'s Authorization then too', async () => {
    const { fake } = await setup();
    const optional = optionalOAuthClientFromEnv(dtEnvironment(fake.ssoTokenUrl));
    const bare: Record<string, string> = {};
    await optional.addAuthorization(bare);
    expect(bare).toEqual({ Authorization: `Bearer ${fake.issuedTokens[0]?.accessToken ?? ''}` });
    const owned = { authorization: 'Bearer gateway-token' };
    await optional.addAuthorization(owned);
    expect(owned).toEqual({ authorization: 'Bearer gateway-token' });
  });
});

/** A loopback server recording each request's raw Authorization and x-token lines, so a repeated one shows. */
async function startRecorder(): Promise<{ url: string; authorizations: string[][]; close: () => Promise<void> }> {
  const authorizations: string[][] = [];
  const server = createServer((request, response) => {
    const values: string[] = [];
    for (let index = 0; index < request.rawHeaders.length; index += 2) {
      const name = request.rawHeaders[index]?.toLowerCase();
      if (name === 'authorization' || name === 'x-token') values.push(`${name}: ${request.rawHeaders[index + 1] ?? ''}`);
    }
    authorizations.push(values);
    request.resume();
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const close = (): Promise<void> => new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  });
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, authorizations, close };
}

describe('headers from addAuthorization sent over loopback', () => {
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await Promise.all(closers.splice(0).map((close) => close()));
  });

  it('a caller\'s lowercase authorization reaches the server alone, through fetch and axios, from a record and a Headers copy', async () => {
    const { client } = await setup();
    const recorder = await startRecorder();
    closers.push(recorder.close);
    const callers = { authorization: 'Bearer gateway-token', 'x-token': 'legacy' };

    const record = { ...callers };
    await client.addAuthorization(record);
    await fetch(`${recorder.url}/a`, { headers: record });
    await axios.get(`${recorder.url}/b`, { headers: record });
    const copied = new Headers(callers);
    await client.addAuthorization(copied);
    await fetch(`${recorder.url}/c`, { headers: copied });

    expect(recorder.authorizations).toEqual([['authorization: Bearer gateway-token'], ['authorization: Bearer gateway-token'], ['authorization: Bearer gateway-token']]);
  });

  it('without a caller\'s Authorization the fake Cloud Automation accepts the one bearer token', async () => {
    const { fake, client } = await setup();
    const extraHeaders = { 'x-request-id': 'r1', authorization: '' };
    const headers = { ...extraHeaders };
    await client.addAuthorization(headers);
    const response = await axios.get(`${fake.apiBaseUrl}/v1/metadata`, { headers });
    expect(response.status).toBe(200);
    expect(fake.requests[0]).toMatchObject({ auth: 'bearer', token: fake.issuedTokens[0]?.accessToken, xTokenPresent: false });
    expect(fake.requests[0]?.headers['x-request-id']).toBe('r1');
  });
});

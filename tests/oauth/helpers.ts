import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, expect } from 'vitest';
import { createOAuthClient, type Environment, type OAuthClient, type OAuthClientOptions } from '../../oauth/src/index.js';
import {
  FAKE_CREDENTIALS,
  startFakeCloudAutomation,
  type FakeCloudAutomation,
  type FakeCloudAutomationOptions,
} from '../support/fake-cloud-automation.js';

/** One clock for the client and the fake server, so tests move time instead of waiting. */
export interface ManualClock {
  now: () => number;
  advance(ms: number): void;
}

export function manualClock(start = Date.now()): ManualClock {
  let time = start;
  return {
    now: () => time,
    advance(ms) {
      time += ms;
    },
  };
}

export interface Setup {
  fake: FakeCloudAutomation;
  clock: ManualClock;
  client: OAuthClient;
  /** Another client for the same fake and clock. */
  makeClient: (overrides?: Partial<OAuthClientOptions>) => OAuthClient;
}

const open: FakeCloudAutomation[] = [];
const closers: (() => Promise<void>)[] = [];
afterEach(async () => {
  await Promise.all([...open.splice(0).map((fake) => fake.close()), ...closers.splice(0).map((close) => close())]);
});

/** Starts a fake (closed after the test) and a client pointed at it; retries are fast. */
export async function setup(
  clientOptions: Partial<OAuthClientOptions> = {},
  fakeOptions: FakeCloudAutomationOptions = {},
): Promise<Setup> {
  const clock = manualClock();
  const fake = await startFakeCloudAutomation({ now: clock.now, ...fakeOptions });
  open.push(fake);
  const makeClient = (overrides: Partial<OAuthClientOptions> = {}): OAuthClient =>
    createOAuthClient({
      ...FAKE_CREDENTIALS,
      tokenUrl: fake.ssoTokenUrl,
      scopes: ['cloudautomation:events:read', 'cloudautomation:metadata:read'],
      now: clock.now,
      retryDelayMs: 1,
      maxRetryDelayMs: 5,
      timeoutMs: 5_000,
      ...overrides,
    });
  return { fake, clock, client: makeClient(clientOptions), makeClient };
}

export async function rejectionOf(promise: Promise<unknown>): Promise<unknown> {
  try {
    await promise;
  } catch (error) {
    return error;
  }
  throw new Error('expected the promise to reject, but it resolved');
}

export interface ThirdParty {
  readonly url: string;
  readonly seen: { readonly path: string; readonly headers: IncomingHttpHeaders }[];
}

/** Another host (another loopback port: another origin), answering 200 to anything; `/redirect?to=` redirects. Closed after the test. */
export async function startThirdParty(): Promise<ThirdParty> {
  const seen: { path: string; headers: IncomingHttpHeaders }[] = [];
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    seen.push({ path: url.pathname, headers: request.headers });
    request.resume();
    const to = url.searchParams.get('to');
    if (url.pathname === '/redirect' && to !== null) {
      response.writeHead(302, { location: to });
      response.end();
      return;
    }
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{"releases":[]}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  closers.push(() => new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
    server.closeAllConnections();
  }));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, seen };
}

/** No credential of any kind: no Authorization, no x-token, no cookie, no proxy credential. */
export function expectNoCredential(headers: IncomingHttpHeaders): void {
  for (const name of ['authorization', 'x-token', 'cookie', 'proxy-authorization']) expect(headers[name], name).toBeUndefined();
}

/** The DT_* variables of an OAuth client the fake SSO at `ssoTokenUrl` knows, for the env-based clients. */
export function dtEnvironment(ssoTokenUrl: string): Environment {
  return {
    DT_CLIENT_ID: FAKE_CREDENTIALS.clientId,
    DT_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
    DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn,
    DT_OAUTH_SCOPES: 'events:read metadata:read',
    DT_SSO_TOKEN_URL: ssoTokenUrl,
  };
}

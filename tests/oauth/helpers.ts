import { afterEach } from 'vitest';
import { createOAuthClient, type OAuthClient, type OAuthClientOptions } from '../../oauth/src/index.js';
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
afterEach(async () => {
  await Promise.all(open.splice(0).map((fake) => fake.close()));
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

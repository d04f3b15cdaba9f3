/**
 * Micro-benchmark of cloud-automation-oauth (not a test): run `npx tsx bench/oauth-client.ts`.
 *
 * 1. Time per `getAccessToken()` while a token is cached (target ≤ 5 µs), next to a loop that
 *    awaits an already-resolved promise: the floor of any async call.
 * 2. Requests per second through `client.fetch` versus plain `fetch` with a fixed
 *    `Authorization` header, against the loopback fake Cloud Automation (target ≤ 5 % loss).
 *    The two run in interleaved rounds (order alternating) so drift on a shared machine hits
 *    both; the figures are medians of the rounds, and the loss is the median of the per-round
 *    ratios.
 *
 * 3. The wrapper's own cost per request, with a fetch that answers at once from memory: no
 *    network, so this figure is steady even on a busy machine, and it bounds the loss in 2.
 *
 * Options: --rounds N (default 61), --requests N per variant and round (default 150),
 * --concurrency N (default 8), --calls N cached calls per round (default 200000), --calibrate
 * (an A/A run: both variants are plain fetch, so the "loss" shown is the noise of the method).
 */
import { parseArgs } from 'node:util';
import { createOAuthClient, oauthClientFromEnv } from '../oauth/src/index.js';
import { FAKE_CREDENTIALS, startFakeCloudAutomation } from '../tests/support/fake-cloud-automation.js';

const { values } = parseArgs({
  options: {
    rounds: { type: 'string', default: '61' },
    requests: { type: 'string', default: '150' },
    concurrency: { type: 'string', default: '8' },
    calls: { type: 'string', default: '200000' },
    // A/A run: "client.fetch" is plain fetch too, so the reported loss is the method's own noise and bias.
    calibrate: { type: 'boolean', default: false },
  },
});
const rounds = Number(values.rounds);
const requestsPerRound = Number(values.requests);
const concurrency = Number(values.concurrency);
const callsPerRound = Number(values.calls);

function median(numbers: readonly number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? (sorted[middle] ?? NaN) : ((sorted[middle - 1] ?? NaN) + (sorted[middle] ?? NaN)) / 2;
}

/** The loss at the first and third quartile of the per-round ratios: how far to trust the median. */
function quartiles(ratios: readonly number[]): string {
  const losses = ratios.map((ratio) => (1 - ratio) * 100).sort((a, b) => a - b);
  const at = (fraction: number): string => (losses[Math.floor((losses.length - 1) * fraction)] ?? NaN).toFixed(1);
  return `${at(0.25)} … ${at(0.75)} %`;
}

const fake = await startFakeCloudAutomation({ record: false, expiresIn: 3600 });
const client = createOAuthClient({
  ...FAKE_CREDENTIALS,
  tokenUrl: fake.ssoTokenUrl,
  scopes: ['cloudautomation:metadata:read'],
});
const token = await client.getAccessToken();
const url = `${fake.apiBaseUrl}/v1/metadata`;

// --- 1. cached getAccessToken() --------------------------------------------------------------
const resolved = Promise.resolve(token);
async function floorLoop(calls: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < calls; index++) await resolved;
  return Number(process.hrtime.bigint() - started) / calls;
}
async function cachedLoop(calls: number): Promise<number> {
  const started = process.hrtime.bigint();
  for (let index = 0; index < calls; index++) await client.getAccessToken();
  return Number(process.hrtime.bigint() - started) / calls;
}
await floorLoop(callsPerRound);
await cachedLoop(callsPerRound);
const floorNs: number[] = [];
const cachedNs: number[] = [];
for (let round = 0; round < rounds; round++) {
  if (round % 2 === 0) {
    floorNs.push(await floorLoop(callsPerRound));
    cachedNs.push(await cachedLoop(callsPerRound));
  } else {
    cachedNs.push(await cachedLoop(callsPerRound));
    floorNs.push(await floorLoop(callsPerRound));
  }
}
// Migrated code calls oauthClientFromEnv() at every call site: its cost on the shared-client path.
process.env.DT_CLIENT_ID = FAKE_CREDENTIALS.clientId;
process.env.DT_CLIENT_SECRET = FAKE_CREDENTIALS.clientSecret;
process.env.DT_ACCOUNT_URN = FAKE_CREDENTIALS.accountUrn;
process.env.DT_SSO_TOKEN_URL = fake.ssoTokenUrl;
const envClient = oauthClientFromEnv();
function fromEnvLoop(calls: number): number {
  const started = process.hrtime.bigint();
  for (let index = 0; index < calls; index++) {
    if (oauthClientFromEnv() !== envClient) throw new Error('oauthClientFromEnv() returned another client');
  }
  return Number(process.hrtime.bigint() - started) / calls;
}
fromEnvLoop(callsPerRound / 4);
const fromEnvNs = Array.from({ length: rounds }, () => fromEnvLoop(callsPerRound / 4));

if (fake.issuedTokens.length !== 0 && (await client.getAccessToken()) !== token) throw new Error('the token changed during the benchmark');

// --- 2. throughput: client.fetch vs fetch with a fixed header --------------------------------
type Send = () => Promise<Response>;
const plainSend: Send = () => fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } });
const clientSend: Send = values.calibrate
  ? () => fetch(url, { headers: { authorization: `Bearer ${token}`, accept: 'application/json' } })
  : () => client.fetch(url, { headers: { accept: 'application/json' } });

interface Throughput {
  readonly perSecond: number;
  /** Process CPU time (user + system) per request: the client, the loopback server, and nothing else. */
  readonly cpuUs: number;
}

function cpuMicros(): number {
  const usage = process.cpuUsage();
  return usage.user + usage.system;
}

async function measureThroughput(send: Send, total: number): Promise<Throughput> {
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < total) {
      next++;
      const response = await send();
      if (response.status !== 200) throw new Error(`unexpected HTTP ${response.status}`);
      await response.arrayBuffer();
    }
  };
  const started = process.hrtime.bigint();
  const cpuStarted = cpuMicros();
  await Promise.all(Array.from({ length: concurrency }, worker));
  return {
    perSecond: total / (Number(process.hrtime.bigint() - started) / 1e9),
    cpuUs: (cpuMicros() - cpuStarted) / total,
  };
}

await measureThroughput(plainSend, requestsPerRound);
await measureThroughput(clientSend, requestsPerRound);
const plainRps: number[] = [];
const clientRps: number[] = [];
const ratios: number[] = [];
const plainCpu: number[] = [];
const clientCpu: number[] = [];
const cpuRatios: number[] = [];
for (let round = 0; round < rounds; round++) {
  let plain: Throughput;
  let viaClient: Throughput;
  if (round % 2 === 0) {
    plain = await measureThroughput(plainSend, requestsPerRound);
    viaClient = await measureThroughput(clientSend, requestsPerRound);
  } else {
    viaClient = await measureThroughput(clientSend, requestsPerRound);
    plain = await measureThroughput(plainSend, requestsPerRound);
  }
  plainRps.push(plain.perSecond);
  clientRps.push(viaClient.perSecond);
  ratios.push(viaClient.perSecond / plain.perSecond);
  plainCpu.push(plain.cpuUs);
  clientCpu.push(viaClient.cpuUs);
  cpuRatios.push(plain.cpuUs / viaClient.cpuUs);
}
await fake.close();

// --- 3. wrapper cost with an in-memory fetch -------------------------------------------------
const body = new Uint8Array(64);
const memoryFetch: typeof fetch = () => Promise.resolve(new Response(body, { status: 200 }));
const memoryClient = createOAuthClient({
  ...FAKE_CREDENTIALS,
  tokenUrl: 'http://127.0.0.1:1/unused',
  scopes: ['cloudautomation:metadata:read'],
  fetch: (input, init) =>
    (typeof input === 'string' ? input : input instanceof URL ? input.href : input.url).endsWith('/unused')
      ? Promise.resolve(Response.json({ token_type: 'Bearer', access_token: 'bench-token', expires_in: 3600 }))
      : memoryFetch(input, init),
});
await memoryClient.getAccessToken();
/** CPU nanoseconds per call: steadier than wall time on a shared machine. */
async function wrapperLoop(send: Send, calls: number): Promise<number> {
  const started = cpuMicros();
  for (let index = 0; index < calls; index++) await (await send()).arrayBuffer();
  return ((cpuMicros() - started) * 1000) / calls;
}
const memoryPlain: Send = () => memoryFetch(url, { headers: { authorization: 'Bearer bench-token', accept: 'application/json' } });
const memoryWrapped: Send = () => memoryClient.fetch(url, { headers: { accept: 'application/json' } });
const wrapperCalls = 20_000;
await wrapperLoop(memoryPlain, wrapperCalls);
await wrapperLoop(memoryWrapped, wrapperCalls);
const memoryPlainNs: number[] = [];
const memoryWrappedNs: number[] = [];
for (let round = 0; round < 15; round++) {
  if (round % 2 === 0) {
    memoryPlainNs.push(await wrapperLoop(memoryPlain, wrapperCalls));
    memoryWrappedNs.push(await wrapperLoop(memoryWrapped, wrapperCalls));
  } else {
    memoryWrappedNs.push(await wrapperLoop(memoryWrapped, wrapperCalls));
    memoryPlainNs.push(await wrapperLoop(memoryPlain, wrapperCalls));
  }
}
const wrapperUs = (median(memoryWrappedNs) - median(memoryPlainNs)) / 1000;
const requestUs = 1e6 / median(plainRps);

const cachedMedianUs = median(cachedNs) / 1000;
const lossPercent = (1 - median(ratios)) * 100;
const cpuLossPercent = (1 - median(cpuRatios)) * 100;
const lines = [
  `cloud-automation-oauth benchmark — node ${process.version}, ${rounds} interleaved rounds${values.calibrate ? ' — CALIBRATION (A/A): both variants are plain fetch' : ''}`,
  '',
  `cached getAccessToken():   median ${cachedMedianUs.toFixed(3)} µs/call  (floor: await of a resolved promise ${(median(floorNs) / 1000).toFixed(3)} µs)  target ≤ 5 µs  ${cachedMedianUs <= 5 ? 'OK' : 'MISSED'}`,
  `oauthClientFromEnv():       median ${(median(fromEnvNs) / 1000).toFixed(3)} µs/call (the same shared client each time)`,
  `plain fetch + fixed header: median ${median(plainRps).toFixed(0)} req/s`,
  `client.fetch:               median ${median(clientRps).toFixed(0)} req/s`,
  `throughput loss:            median of per-round ratios ${lossPercent.toFixed(1)} %, middle half of rounds ${quartiles(ratios)}  target ≤ 5 %  ${lossPercent <= 5 ? 'OK' : 'MISSED'}`,
  `CPU per request:            plain ${median(plainCpu).toFixed(0)} µs, client.fetch ${median(clientCpu).toFixed(0)} µs (client + in-process server); throughput loss if CPU-bound: ${cpuLossPercent.toFixed(1)} %  ${cpuLossPercent <= 5 ? 'OK' : 'MISSED'}`,
  `wrapper cost (in-memory fetch, CPU time): ${wrapperUs.toFixed(2)} µs per request (${(median(memoryPlainNs) / 1000).toFixed(2)} → ${(median(memoryWrappedNs) / 1000).toFixed(2)} µs), ${((wrapperUs / requestUs) * 100).toFixed(2)} % of one loopback request (${requestUs.toFixed(0)} µs at the plain median)`,
  `(${requestsPerRound} requests per variant and round, concurrency ${concurrency}, ${callsPerRound} cached calls per round)`,
];
console.log(lines.join('\n'));

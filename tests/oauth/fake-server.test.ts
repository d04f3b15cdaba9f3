/**
 * The loopback fake of SSO and Cloud Automation is what every OAuth and end-to-end test trusts,
 * so its own checks are tested here: it must refuse what real Dynatrace SSO refuses.
 */
import { describe, expect, it } from 'vitest';
import { FAKE_CREDENTIALS, startFakeCloudAutomation, type FakeCloudAutomation } from '../support/fake-cloud-automation.js';
import { manualClock } from './helpers.js';

const validForm = {
  grant_type: 'client_credentials',
  client_id: FAKE_CREDENTIALS.clientId,
  client_secret: FAKE_CREDENTIALS.clientSecret,
  scope: 'cloudautomation:events:read cloudautomation:metadata:read',
  resource: FAKE_CREDENTIALS.accountUrn,
};

async function withFake<T>(run: (fake: FakeCloudAutomation) => Promise<T>, options = {}): Promise<T> {
  const fake = await startFakeCloudAutomation(options);
  try {
    return await run(fake);
  } finally {
    await fake.close();
  }
}

async function tokenRequest(fake: FakeCloudAutomation, form: Record<string, string>, init: RequestInit = {}, query = '') {
  const response = await fetch(`${fake.ssoTokenUrl}${query}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(form).toString(),
    ...init,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('fake SSO', () => {
  it('issues a token for the documented form, with the scopes it was asked for', async () => {
    await withFake(async (fake) => {
      const { status, body } = await tokenRequest(fake, validForm);
      expect(status).toBe(200);
      expect(body).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: validForm.scope, resource: validForm.resource });
      expect(fake.issuedTokens[0]?.scopes).toEqual(['cloudautomation:events:read', 'cloudautomation:metadata:read']);
    });
  });

  it.each([
    ['a JSON body', { headers: { 'content-type': 'application/json' }, body: JSON.stringify(validForm) }, '', 'invalid_request'],
    ['fields in the query string', {}, `?client_secret=${FAKE_CREDENTIALS.clientSecret}`, 'invalid_request'],
    ['a wrong secret', { body: new URLSearchParams({ ...validForm, client_secret: 'nope' }).toString() }, '', 'invalid_client'],
    ['an unknown client', { body: new URLSearchParams({ ...validForm, client_id: 'dt0s02.UNKNOWN1' }).toString() }, '', 'invalid_client'],
    ['another grant type', { body: new URLSearchParams({ ...validForm, grant_type: 'password' }).toString() }, '', 'unsupported_grant_type'],
    ['comma-separated scopes', { body: new URLSearchParams({ ...validForm, scope: 'cloudautomation:events:read,cloudautomation:metadata:read' }).toString() }, '', 'invalid_scope'],
    ['an unknown scope', { body: new URLSearchParams({ ...validForm, scope: 'cloudautomation:events:reed' }).toString() }, '', 'invalid_scope'],
    ['a missing resource', { body: new URLSearchParams({ ...validForm, resource: '' }).toString() }, '', 'invalid_request'],
    ['another account', { body: new URLSearchParams({ ...validForm, resource: 'urn:dtaccount:11111111-2222-4333-8444-555555555555' }).toString() }, '', 'invalid_request'],
  ])('refuses %s with 400 and SSO-shaped error fields', async (_label, init, query, error) => {
    await withFake(async (fake) => {
      const { status, body } = await tokenRequest(fake, validForm, init, query);
      expect(status).toBe(400);
      expect(body).toMatchObject({ error, errorCode: 400 });
      expect(typeof body.error_description).toBe('string');
      expect(typeof body.issueId).toBe('string');
      expect(fake.issuedTokens).toHaveLength(0);
    });
  });
});

describe('fake Cloud Automation API', () => {
  it('accepts only a live bearer token, and records what it saw', async () => {
    const clock = manualClock();
    await withFake(
      async (fake) => {
        const { body } = await tokenRequest(fake, validForm);
        const token = String(body.access_token);
        const authorized = { authorization: `Bearer ${token}` };
        expect((await fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: authorized })).status).toBe(200);
        expect((await fetch(`${fake.apiBaseUrl}/v1/metadata`)).status).toBe(401);
        expect((await fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: { authorization: 'Bearer made-up' } })).status).toBe(401);
        clock.advance(60_000);
        expect((await fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: authorized })).status).toBe(401);
        expect(fake.requests.map((request) => [request.auth, request.status])).toEqual([
          ['bearer', 200],
          ['none', 401],
          ['invalid', 401],
          ['invalid', 401],
        ]);
        expect(fake.requests[3]?.tokenScopes).toEqual(['cloudautomation:events:read', 'cloudautomation:metadata:read']);
      },
      { now: clock.now, expiresIn: 60 },
    );
  });

  it('answers metadata like Keptn, and accepts legacy x-tokens only when told to', async () => {
    await withFake(
      async (fake) => {
        const response = await fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers: { 'X-Token': 'legacy-token-123' } });
        expect(response.status).toBe(200);
        expect(await response.json()).toMatchObject({ keptnversion: expect.any(String) as unknown, namespace: 'keptn' });
        expect((await fetch(`${fake.apiBaseUrl}/v1/event`, { method: 'POST', headers: { 'x-token': 'other' } })).status).toBe(401);
        expect(fake.requests.map((request) => [request.auth, request.xTokenPresent, request.token])).toEqual([
          ['x-token', true, 'legacy-token-123'],
          ['invalid', true, 'other'],
        ]);
      },
      { legacyTokens: ['legacy-token-123'] },
    );
  });

  it('checks scopes when asked to', async () => {
    await withFake(
      async (fake) => {
        const { body } = await tokenRequest(fake, validForm);
        const headers = { authorization: `Bearer ${String(body.access_token)}` };
        expect((await fetch(`${fake.apiBaseUrl}/v1/metadata`, { headers })).status).toBe(200);
        expect((await fetch(`${fake.apiBaseUrl}/controlPlane/v1/project`, { headers })).status).toBe(403);
      },
      { requiredScopes: (_method: string, path: string) => (path.includes('controlPlane') ? ['cloudautomation:projects:read'] : []) },
    );
  });
});

import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  CLOUD_AUTOMATION_SCOPES,
  DEFAULT_SCOPES,
  DEFAULT_TOKEN_URL,
  OAuthConfigError,
  createOAuthClient,
  oauthClientFromEnv,
  parseScopes,
  type OAuthClientOptions,
} from '../../oauth/src/index.js';
import { FAKE_CREDENTIALS } from '../support/fake-cloud-automation.js';
import { rejectionOf } from './helpers.js';

const valid: OAuthClientOptions = { ...FAKE_CREDENTIALS, onWarning: () => undefined };

function configError(make: () => unknown): OAuthConfigError {
  try {
    make();
  } catch (error) {
    if (error instanceof OAuthConfigError) return error;
    throw error;
  }
  throw new Error('expected an OAuthConfigError');
}

describe('createOAuthClient: settings', () => {
  it('defaults the token URL to Dynatrace SSO and the scopes to the typical-integration set', () => {
    const client = createOAuthClient(valid);
    expect(client.tokenUrl).toBe('https://sso.dynatrace.com/sso/oauth2/token');
    expect(client.tokenUrl).toBe(DEFAULT_TOKEN_URL);
    expect(client.scopes).toEqual(DEFAULT_SCOPES);
  });

  it.each(['clientId', 'clientSecret', 'accountUrn'] as const)('names a missing %s', (setting) => {
    for (const missing of [undefined, '']) {
      const error = configError(() => createOAuthClient({ ...valid, [setting]: missing }));
      expect(error.setting).toBe(setting);
      expect(error.message).toBe(`cloud-automation-oauth: ${setting} is required but missing or empty`);
    }
  });

  it('refuses a non-string credential', () => {
    expect(configError(() => createOAuthClient({ ...valid, clientId: 42 } as unknown as OAuthClientOptions)).message).toContain(
      'clientId must be a string, got number',
    );
  });

  it('refuses a credential with white space, such as a trailing newline', () => {
    const error = configError(() => createOAuthClient({ ...valid, clientSecret: `${FAKE_CREDENTIALS.clientSecret}\n` }));
    expect(error.setting).toBe('clientSecret');
    expect(error.message).toContain('starts or ends with white space');
  });

  it('refuses an account URN of the wrong shape and suggests the fix for a bare uuid', () => {
    const bare = configError(() => createOAuthClient({ ...valid, accountUrn: '0B1C2D3E-4F50-4A6B-8C7D-9E0F1A2B3C4D' }));
    expect(bare.setting).toBe('accountUrn');
    expect(bare.message).toContain('write it as urn:dtaccount:0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d');
    expect(configError(() => createOAuthClient({ ...valid, accountUrn: 'urn:dtenv:abc' })).message).toContain(
      'must be urn:dtaccount:<account uuid, lower-case>',
    );
  });

  it('accepts scopes as an array or a space/comma-separated string, with or without the prefix', () => {
    expect(createOAuthClient({ ...valid, scopes: 'events:read,cloudautomation:events:write  metadata:read' }).scopes).toEqual([
      'cloudautomation:events:read',
      'cloudautomation:events:write',
      'cloudautomation:metadata:read',
    ]);
    expect(createOAuthClient({ ...valid, scopes: ['events:read', 'events:read'] }).scopes).toEqual(['cloudautomation:events:read']);
  });

  it('refuses scopes outside the vocabulary, with a suggestion', () => {
    const error = configError(() => createOAuthClient({ ...valid, scopes: ['events:raed', 'storage:buckets:read'] }));
    expect(error.setting).toBe('scopes');
    expect(error.message).toContain('"events:raed" (did you mean cloudautomation:events:read?)');
    expect(error.message).toContain('"storage:buckets:read"');
  });

  it('refuses an empty scope list', () => {
    expect(configError(() => createOAuthClient({ ...valid, scopes: [] })).message).toContain('scopes is an empty list');
    expect(configError(() => createOAuthClient({ ...valid, scopes: ' , ' })).message).toContain('scopes is an empty list');
  });

  it.each([
    ['http://sso.dynatrace.com/sso/oauth2/token', 'must be an https URL'],
    ['ftp://127.0.0.1/token', 'must be an https URL'],
    ['sso.dynatrace.com/sso/oauth2/token', 'is not a URL'],
    ['https://user:pa55@sso.example.com/token', 'must not contain a user name or password'],
  ])('refuses the token URL %s', (tokenUrl, fragment) => {
    const error = configError(() => createOAuthClient({ ...valid, tokenUrl }));
    expect(error.setting).toBe('tokenUrl');
    expect(error.message).toContain(fragment);
    expect(error.message).not.toContain('pa55');
  });

  it.each([
    'https://sso-sprint.dynatracelabs.com/sso/oauth2/token',
    'http://127.0.0.1:8080/token',
    'http://localhost/token',
    'http://[::1]:9000/token',
  ])('accepts the token URL %s', (tokenUrl) => {
    expect(createOAuthClient({ ...valid, tokenUrl }).tokenUrl).toBe(new URL(tokenUrl).href);
  });

  it.each([
    [{ timeoutMs: 0 }, 'timeoutMs'],
    [{ timeoutMs: Number.NaN }, 'timeoutMs'],
    [{ retries: 1.5 }, 'retries'],
    [{ retries: -1 }, 'retries'],
    [{ refreshSkewSeconds: -5 }, 'refreshSkewSeconds'],
    [{ retryDelayMs: Infinity }, 'retryDelayMs'],
  ] as const)('refuses the tuning value %o', (tuning, setting) => {
    expect(configError(() => createOAuthClient({ ...valid, ...tuning })).setting).toBe(setting);
  });

  it('refuses a fetch that is not a function', () => {
    expect(() => createOAuthClient({ ...valid, fetch: 'nope' } as unknown as OAuthClientOptions)).toThrow('fetch must be a function');
  });
});

describe('createOAuthClient: credential shapes (warn, or refuse when strict)', () => {
  it('warns about a client id that does not look like a Dynatrace one, and still works', () => {
    const warnings: string[] = [];
    const client = createOAuthClient({ ...valid, clientId: 'my-client', onWarning: (message) => warnings.push(message) });
    expect(client.clientId).toBe('my-client');
    expect(warnings).toEqual([expect.stringContaining('clientId does not look like a Dynatrace OAuth client id') as unknown]);
  });

  it('warns about a secret that belongs to another client id', () => {
    const warnings: string[] = [];
    createOAuthClient({ ...valid, clientId: 'dt0s02.OTHERONE', onWarning: (message) => warnings.push(message) });
    expect(warnings).toEqual([expect.stringContaining('clientSecret does not belong to clientId dt0s02.OTHERONE') as unknown]);
  });

  it('refuses instead when strictCredentialShapes is set', () => {
    const error = configError(() => createOAuthClient({ ...valid, clientSecret: 'not-a-dynatrace-secret', strictCredentialShapes: true }));
    expect(error.setting).toBe('clientSecret');
  });

  it('always refuses what cannot be a client secret: an API token, or the client id itself', () => {
    const apiToken = `dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.${'a1'.repeat(32)}`;
    expect(configError(() => createOAuthClient({ ...valid, clientSecret: apiToken })).message).toContain('not an OAuth client secret');
    expect(configError(() => createOAuthClient({ ...valid, clientSecret: valid.clientId })).message).toContain(
      'is the same as clientId',
    );
  });

  it('warns through process.emitWarning by default', () => {
    const emitWarning = vi.spyOn(process, 'emitWarning').mockImplementation(() => undefined);
    try {
      createOAuthClient({ ...FAKE_CREDENTIALS, clientId: 'my-client' });
      expect(emitWarning).toHaveBeenCalledWith(expect.stringContaining('clientId does not look like'), {
        type: 'CloudAutomationOAuthWarning',
        code: 'CLOUD_AUTOMATION_OAUTH_CREDENTIAL_SHAPE',
      });
    } finally {
      emitWarning.mockRestore();
    }
  });
});

describe('oauthClientFromEnv', () => {
  const env = {
    DT_CLIENT_ID: FAKE_CREDENTIALS.clientId,
    DT_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
    DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn,
  };

  afterEach(() => {
    vi.unstubAllEnvs();
  });

  it('returns one shared client for one configuration', () => {
    const first = oauthClientFromEnv({ ...env, DT_OAUTH_SCOPES: 'events:read metadata:read' });
    expect(oauthClientFromEnv({ ...env, DT_OAUTH_SCOPES: 'events:read metadata:read' })).toBe(first);
    // The same scopes written differently are the same configuration.
    expect(oauthClientFromEnv({ ...env, DT_OAUTH_SCOPES: 'cloudautomation:metadata:read,events:read' })).toBe(first);
    expect(oauthClientFromEnv({ ...env, DT_OAUTH_SCOPES: 'events:read' })).not.toBe(first);
    expect(first.scopes).toEqual(['cloudautomation:events:read', 'cloudautomation:metadata:read']);
  });

  it('reads process.env by default, and DT_SSO_TOKEN_URL when set', () => {
    for (const [name, value] of Object.entries(env)) vi.stubEnv(name, value);
    vi.stubEnv('DT_OAUTH_SCOPES', 'secrets:read');
    vi.stubEnv('DT_SSO_TOKEN_URL', 'https://sso-dev.dynatracelabs.com/sso/oauth2/token');
    const client = oauthClientFromEnv();
    expect(client.tokenUrl).toBe('https://sso-dev.dynatracelabs.com/sso/oauth2/token');
    expect(client.scopes).toEqual(['cloudautomation:secrets:read']);
    expect(oauthClientFromEnv()).toBe(client);
  });

  it('uses the defaults when the optional variables are unset or empty', () => {
    const client = oauthClientFromEnv({ ...env, DT_OAUTH_SCOPES: '', DT_SSO_TOKEN_URL: '' });
    expect(client.scopes).toEqual(DEFAULT_SCOPES);
    expect(client.tokenUrl).toBe(DEFAULT_TOKEN_URL);
  });

  /** The settings error of `oauthClientFromEnv(env)`: it comes with the first token asked for. */
  async function envError(environment: Record<string, string | undefined>): Promise<OAuthConfigError> {
    const error = await rejectionOf(oauthClientFromEnv(environment).getAccessToken());
    if (error instanceof OAuthConfigError) return error;
    throw error;
  }

  it.each(['DT_CLIENT_ID', 'DT_CLIENT_SECRET', 'DT_ACCOUNT_URN'])('names %s when it is missing', async (name) => {
    const error = await envError({ ...env, [name]: undefined });
    expect(error.setting).toBe(name);
    expect(error.message).toBe(`cloud-automation-oauth: ${name} is required but missing or empty`);
  });

  it('names the variable that holds a bad value', async () => {
    expect((await envError({ ...env, DT_ACCOUNT_URN: 'abc' })).setting).toBe('DT_ACCOUNT_URN');
    expect((await envError({ ...env, DT_OAUTH_SCOPES: 'events:reed' })).message).toContain(
      'DT_OAUTH_SCOPES contains a scope outside the Cloud Automation vocabulary: "events:reed" (did you mean cloudautomation:events:read?)',
    );
    expect((await envError({ ...env, DT_SSO_TOKEN_URL: 'http://sso.example.com/token' })).setting).toBe('DT_SSO_TOKEN_URL');
  });

  it('validates again after a failure: fixing the variable fixes the call', async () => {
    await expect(oauthClientFromEnv({ ...env, DT_CLIENT_SECRET: '' }).getAccessToken()).rejects.toThrow(OAuthConfigError);
    expect(oauthClientFromEnv(env).clientId).toBe(FAKE_CREDENTIALS.clientId);
  });

  it('throws nothing when made without settings; reading a setting of it throws the error', () => {
    const unset = {};
    const client = oauthClientFromEnv(unset);
    expect(oauthClientFromEnv(unset)).toBe(client);
    expect(() => client.gotHooks()).not.toThrow();
    expect(() => client.kyHooks()).not.toThrow();
    expect(() => {
      client.invalidate();
    }).not.toThrow();
    expect(() => client.clientId).toThrow('DT_CLIENT_ID is required but missing or empty');
    expect(JSON.parse(JSON.stringify(client))).toEqual({ configured: false, problem: 'cloud-automation-oauth: DT_CLIENT_ID is required but missing or empty' });
  });

  it('a client made without settings uses them once they are set, with the shared client and its token', () => {
    const later: Record<string, string | undefined> = {};
    const early = oauthClientFromEnv(later);
    Object.assign(later, env);
    expect(early.clientId).toBe(FAKE_CREDENTIALS.clientId);
    expect(oauthClientFromEnv(later).accountUrn).toBe(early.accountUrn);
  });
});

describe('parseScopes and the vocabulary', () => {
  it('splits on spaces and commas', () => {
    expect(parseScopes(' a, b  c,,d ')).toEqual(['a', 'b', 'c', 'd']);
  });

  it('has 24 scopes, all prefixed', () => {
    expect(CLOUD_AUTOMATION_SCOPES).toHaveLength(24);
    expect(CLOUD_AUTOMATION_SCOPES.every((scope) => /^cloudautomation:[a-z]+:(?:read|write|delete)$/u.test(scope))).toBe(true);
  });
});

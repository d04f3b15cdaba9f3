/**
 * The codemods write, and the rules recognise, the names listed in core/helper-api.ts. This
 * test holds the package to them: a rename on either side fails here, not in users' builds.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { HELPER_MODULE, REQUIRED_HELPER_ENV_VARS, helperAdapterOptions, helperClientMembers, helperEnvVars, helperExports, helperOptionalClientMembers } from '../../core/helper-api.js';
import * as oauth from '../../oauth/src/index.js';
import { FAKE_CREDENTIALS } from '../support/fake-cloud-automation.js';

const exported = oauth as unknown as Record<string, unknown>;

describe('the helper package provides every name core/helper-api.ts promises', () => {
  it('is published under HELPER_MODULE', () => {
    const manifest = JSON.parse(readFileSync(new URL('../../oauth/package.json', import.meta.url), 'utf8')) as { name: string };
    expect(manifest.name).toBe(HELPER_MODULE);
  });

  it.each(Object.values(helperExports))('exports the function %s', (name) => {
    expect(typeof exported[name]).toBe('function');
  });

  it.each(Object.values(helperClientMembers))('gives clients the method %s', (member) => {
    const fromOptions = oauth.createOAuthClient({ ...FAKE_CREDENTIALS });
    const fromEnv = oauth.oauthClientFromEnv({
      [helperEnvVars.clientId]: FAKE_CREDENTIALS.clientId,
      [helperEnvVars.clientSecret]: FAKE_CREDENTIALS.clientSecret,
      [helperEnvVars.accountUrn]: FAKE_CREDENTIALS.accountUrn,
    });
    for (const client of [fromOptions, fromEnv]) {
      expect(typeof (client as unknown as Record<string, unknown>)[member]).toBe('function');
    }
  });

  it.each(Object.values(helperOptionalClientMembers))('gives the optional client the method %s', (member) => {
    const optional = oauth.optionalOAuthClientFromEnv({});
    expect(typeof (optional as unknown as Record<string, unknown>)[member]).toBe('function');
  });

  it('takes the adapter options core names', async () => {
    const client = oauth.createOAuthClient({ ...FAKE_CREDENTIALS });
    const bad = { [helperAdapterOptions.audience]: 'not a url' };
    expect(() => client.gotHooks(bad)).toThrow(`gotHooks() ${helperAdapterOptions.audience}`);
    expect(() => oauth.createOAuthClient({ ...FAKE_CREDENTIALS, ...bad })).toThrow(helperAdapterOptions.audience);
    const { default: axios } = await import('axios');
    expect(() => client.attachToAxios(axios.create(), bad)).toThrow(`attachToAxios() ${helperAdapterOptions.audience}`);
  });

  it('reads exactly the env vars core lists, and requires the ones core marks required', async () => {
    expect(Object.values(oauth.ENV_VARS).sort()).toEqual(Object.values(helperEnvVars).sort());
    const complete: Record<string, string> = {
      [helperEnvVars.clientId]: FAKE_CREDENTIALS.clientId,
      [helperEnvVars.clientSecret]: FAKE_CREDENTIALS.clientSecret,
      [helperEnvVars.accountUrn]: FAKE_CREDENTIALS.accountUrn,
    };
    for (const name of REQUIRED_HELPER_ENV_VARS) {
      // Missing settings show at the first token request, not when the client is made.
      await expect(oauth.oauthClientFromEnv({ ...complete, [name]: undefined }).getAccessToken()).rejects.toThrow(name);
    }
    const optional = Object.values(helperEnvVars).filter((name) => !REQUIRED_HELPER_ENV_VARS.includes(name));
    expect(optional.sort()).toEqual([helperEnvVars.scopes, helperEnvVars.tokenUrl].sort());
    expect(oauth.oauthClientFromEnv({ ...complete, [helperEnvVars.scopes]: 'metadata:read' }).scopes).toEqual([
      'cloudautomation:metadata:read',
    ]);
    expect(
      oauth.oauthClientFromEnv({ ...complete, [helperEnvVars.tokenUrl]: 'https://sso-sprint.dynatracelabs.com/sso/oauth2/token' })
        .tokenUrl,
    ).toBe('https://sso-sprint.dynatracelabs.com/sso/oauth2/token');
  });
});

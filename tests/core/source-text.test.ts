import { describe, expect, it } from 'vitest';
import {
  mayHideWordsInEscapes,
  mayHoldCredential,
  mayNameKnownClient,
  mayShowCloudAutomationTarget,
  mayWriteXTokenHeader,
  oauthScopeSites,
  routes,
} from '../../core/index.js';

const PLAIN = `import axios from 'axios';
export async function listUsers(token: string) {
  const res = await axios.get('https://api.example.com/v1/users', { headers: { Authorization: \`Bearer \${token}\` } });
  return res.data as { id: string; name: string }[];
}`;

describe('the text tests rules run before registering listeners', () => {
  it('mayHoldCredential passes every place no-hardcoded-credentials reports and rejects ordinary code', () => {
    for (const text of [
      "const s = 'dt0s02.ABCD1234.XYZ'",
      "const t = 'dt0c01.ABCDEFGH.abc'",
      "headers: { 'X-Token': 'abc' }",
      'process.env.KEPTN_API_TOKEN',
      "const keptnToken = 'abc'",
      "config.cloudAutomationToken = 'abc'",
      "const X_TOKEN = 'abc'",
      "createOAuthClient({ clientSecret: 's' })",
      "const s = 'dt0s02\\u002eABCD1234'",
    ]) {
      expect(mayHoldCredential(text), text).toBe(true);
    }
    for (const text of [PLAIN, "const dt0 = 'dt0'", 'const tokenCount = 3;', "const tokenLimit = 3"]) {
      expect(mayHoldCredential(text), text).toBe(false);
    }
  });

  it('oauthScopeSites tells helper calls and DT_OAUTH_SCOPES defaults apart', () => {
    expect(oauthScopeSites(PLAIN)).toEqual({ helperCalls: false, envVarDefaults: false });
    expect(oauthScopeSites("createOAuthClient({ scopes: ['x'] })")).toEqual({ helperCalls: true, envVarDefaults: false });
    expect(oauthScopeSites('oauthClientFromEnv({})')).toEqual({ helperCalls: true, envVarDefaults: false });
    expect(oauthScopeSites("process.env.DT_OAUTH_SCOPES ?? 'x'")).toEqual({ helperCalls: false, envVarDefaults: true });
    // An escaped name hides from both word tests, so both listen.
    expect(oauthScopeSites("process.env['DT\\x5fOAUTH_SCOPES']")).toEqual({ helperCalls: true, envVarDefaults: true });
  });

  it('every test lets through text whose strings or names are spelled with escapes', () => {
    for (const text of ["'x\\u002dtoken'", "'x\\x2dtoken'", "'x\\u{2d}token'"]) {
      expect(mayHideWordsInEscapes(text), text).toBe(true);
      expect(mayWriteXTokenHeader(text), text).toBe(true);
      expect(mayShowCloudAutomationTarget(text), text).toBe(true);
      expect(mayNameKnownClient(text), text).toBe(true);
    }
    for (const text of [PLAIN, "const re = /\\d+\\s/; const nl = '\\n';"]) {
      expect(mayHideWordsInEscapes(text), text).toBe(false);
      expect(mayWriteXTokenHeader(text), text).toBe(false);
      expect(mayShowCloudAutomationTarget(text), text).toBe(false);
    }
  });

  it('the one scan every test starts with lets through every word a test looks for, in any case', () => {
    const cases: [string, (text: string) => boolean][] = [
      ["headers: { 'X-TOKEN': t }", mayWriteXTokenHeader],
      ["headers: { 'x-Token': t }", mayHoldCredential],
      ['process.env.KePtN_API_TOKEN', mayHoldCredential],
      ['const CloudAutomationUrl = u', mayShowCloudAutomationTarget],
      ['process.env.CLOUD_AUTOMATION_TOKEN', mayHoldCredential],
      ['process.env.x_TOKEN', mayHoldCredential],
      ['process.env.X_TOKEN', mayShowCloudAutomationTarget],
      ["CREATEOAUTHCLIENT({ clientSecret: 's' })", mayHoldCredential],
      ["const s = 'dt0s02.ABCD1234.XYZ'", mayHoldCredential],
      // The Kelvin sign lower-cases to `k`: `\u212Aeptn` reads as a Keptn name to the tests.
      ['const \u212AEPTN_API_TOKEN = t', mayHoldCredential],
      ['const \u212AEPTN_ENDPOINT = e', mayShowCloudAutomationTarget],
      ["'x-to\u212Aen'", mayWriteXTokenHeader],
      // Every route of the table, upper-cased, as the only evidence in the file.
      ...routes.map((route): [string, (text: string) => boolean] => [
        `axios.get(base + '${route.path.replace(/^\/api/u, '').replace(/\{[^}]*\}/gu, 'x').toUpperCase()}')`,
        mayShowCloudAutomationTarget,
      ]),
    ];
    for (const [text, test] of cases) expect(test(text), `${test.name}: ${text}`).toBe(true);
    expect(oauthScopeSites('OAUTHCLIENTFROMENV()').helperCalls).toBe(false);
    expect(oauthScopeSites('oauthClientFromEnv()').helperCalls).toBe(true);
    expect(oauthScopeSites("process.env.DT_OAUTH_SCOPES ?? 'x'").envVarDefaults).toBe(true);
  });
});

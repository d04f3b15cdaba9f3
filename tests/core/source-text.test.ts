import { describe, expect, it } from 'vitest';
import {
  mayHideWordsInEscapes,
  mayHoldCredential,
  mayNameKnownClient,
  mayShowCloudAutomationTarget,
  mayWriteXTokenHeader,
  oauthScopeSites,
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
});

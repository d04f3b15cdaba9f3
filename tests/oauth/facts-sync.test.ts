/**
 * cloud-automation-oauth installs on its own, so it keeps a copy of the Dynatrace facts it
 * needs (oauth/src/facts.ts). The plugin's core/ is the reference: this test fails when the
 * copy drifts from it.
 */
import { describe, expect, it } from 'vitest';
import {
  ACCOUNT_URN_PATTERN,
  ALL_SCOPES,
  DEFAULT_SSO_TOKEN_URL,
  OAUTH_CLIENT_ID_PATTERN,
  OAUTH_CLIENT_SECRET_PATTERN,
  SCOPE_PREFIX,
  TYPICAL_INTEGRATION_SCOPES,
  environments,
  helperEnvVars,
  isCloudAutomationHost,
  isDynatraceSecret,
  isOAuthClientSecret,
} from '../../core/index.js';
import { isCloudAutomationUrl } from '../../oauth/src/audience.js';
import * as facts from '../../oauth/src/facts.js';

const samples = [
  'dt0s02.ABCD1234',
  'dt0s02.abcd1234',
  'dt0s02.ABCD123',
  `dt0s02.ABCD1234.${'A1'.repeat(32)}`,
  `dt0s02.ABCD1234.${'a1'.repeat(32)}`,
  `dt0s02.ABCD1234.${'A1'.repeat(31)}`,
  `dt0c01.ABCDEFGHIJKLMNOPQRSTUVWX.${'a1B2'.repeat(16)}`,
  'dt0c01.SHORT.x',
  'urn:dtaccount:0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  'urn:dtaccount:0B1C2D3E-4F50-4A6B-8C7D-9E0F1A2B3C4D',
  'urn:dtaccount:0b1c2d3e4f504a6b8c7d9e0f1a2b3c4d',
  '0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  '',
];

describe('oauth/src/facts.ts agrees with core/', () => {
  it('has the same scope vocabulary, in the same order', () => {
    expect(facts.SCOPE_PREFIX).toBe(SCOPE_PREFIX);
    expect(facts.CLOUD_AUTOMATION_SCOPES).toEqual(ALL_SCOPES);
  });

  it('defaults to the typical-integration scopes core publishes', () => {
    expect(facts.DEFAULT_SCOPES).toEqual(TYPICAL_INTEGRATION_SCOPES);
  });

  it('has the same default token URL', () => {
    expect(facts.DEFAULT_TOKEN_URL).toBe(DEFAULT_SSO_TOKEN_URL);
  });

  it.each([
    ['client id', facts.CLIENT_ID_PATTERN, OAUTH_CLIENT_ID_PATTERN],
    ['client secret', facts.CLIENT_SECRET_PATTERN, OAUTH_CLIENT_SECRET_PATTERN],
    ['account URN', facts.ACCOUNT_URN_PATTERN, ACCOUNT_URN_PATTERN],
  ])('has the same %s pattern', (_name, copy, reference) => {
    expect(copy.source).toBe(reference.source);
    expect(copy.flags).toBe(reference.flags);
    for (const sample of samples) expect(copy.test(sample), sample).toBe(reference.test(sample));
  });

  it('recognises Dynatrace API tokens as core does', () => {
    for (const sample of samples) {
      const copySaysToken = facts.DYNATRACE_TOKEN_PATTERN.test(sample) || facts.CLIENT_SECRET_PATTERN.test(sample);
      expect(copySaysToken, sample).toBe(isDynatraceSecret(sample) || isOAuthClientSecret(sample));
    }
  });

  it('reads the env vars core tells users to set', () => {
    expect(facts.ENV_VARS).toEqual(helperEnvVars);
  });

  it('knows the Cloud Automation hosts core knows, and places hosts as core does', () => {
    expect([...facts.CLOUD_AUTOMATION_HOST_SUFFIXES].sort()).toEqual(Object.values(environments).map((environment) => environment.hostSuffix).sort());
    for (const host of [
      'abc12345.cloudautomation.live.dynatrace.com',
      'x.cloudautomation.sprint.dynatracelabs.com',
      'x.cloudautomation.dev.dynatracelabs.com',
      'cloudautomation.live.dynatrace.com',
      'abc.cloudautomation.live.dynatrace.com.evil.example',
      'keptn.example.com',
      'abc.CloudAutomation.Live.Dynatrace.com',
    ]) {
      expect(isCloudAutomationUrl(new URL(`https://${host}/api`)), host).toBe(isCloudAutomationHost(host));
    }
  });
});

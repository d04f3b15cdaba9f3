import { describe, expect, it } from 'vitest';
import {
  ALL_SCOPES,
  TYPICAL_INTEGRATION_SCOPES,
  cloudAutomationEnvironment,
  clientForImport,
  clientForTypeName,
  HEADERS_OPTIONS,
  headersOptionOf,
  httpClients,
  isAccountUrn,
  isAuthorizationHeader,
  isBearerValue,
  authorizationScheme,
  isDynatraceSecret,
  isKeptnName,
  isOAuthClientId,
  isOAuthClientSecret,
  isValidScope,
  isXTokenHeader,
  looksLikeApiToken,
  nameHint,
  nearestScope,
  parseScopeList,
  redactSecret,
  requestSignature,
  sortScopes,
  ssoTokenUrlForHost,
  withScopePrefix,
  CANDIDATE_SOURCE_PATTERN,
} from '../../core/index.js';

describe('scopes', () => {
  it('has the 24 scopes of the published vocabulary', () => {
    expect(ALL_SCOPES).toHaveLength(24);
    expect(ALL_SCOPES).toContain('cloudautomation:stages:read');
    expect(ALL_SCOPES).not.toContain('cloudautomation:stages:write');
    expect(ALL_SCOPES).not.toContain('cloudautomation:metadata:write');
  });

  it('prefixes the typical integration set', () => {
    expect(TYPICAL_INTEGRATION_SCOPES).toEqual([
      'cloudautomation:resources:read',
      'cloudautomation:events:read',
      'cloudautomation:events:write',
      'cloudautomation:logs:write',
      'cloudautomation:integrations:read',
      'cloudautomation:integrations:write',
      'cloudautomation:integrations:delete',
      'cloudautomation:secrets:read',
    ]);
    expect(TYPICAL_INTEGRATION_SCOPES.every(isValidScope)).toBe(true);
  });

  it('validates only prefixed vocabulary scopes', () => {
    expect(isValidScope('cloudautomation:events:read')).toBe(true);
    expect(isValidScope('events:read')).toBe(false);
    expect(isValidScope('cloudautomation:events:delete')).toBe(false);
    expect(withScopePrefix(' events:read ')).toBe('cloudautomation:events:read');
    expect(withScopePrefix('cloudautomation:events:read')).toBe('cloudautomation:events:read');
  });

  it('splits space- and comma-separated lists', () => {
    expect(parseScopeList(' a:b, c:d  e:f,,')).toEqual(['a:b', 'c:d', 'e:f']);
  });

  it.each([
    ['cloudautomation:events:raed', 'cloudautomation:events:read'],
    ['events:wirte', 'cloudautomation:events:write'],
    ['cloudautomaton:projects:write', 'cloudautomation:projects:write'],
    ['cloudautomation:project:read', 'cloudautomation:projects:read'],
    ['CLOUDAUTOMATION:SECRETS:READ', 'cloudautomation:secrets:read'],
    ['cloudautomation:integration:delete', 'cloudautomation:integrations:delete'],
  ])('nearest scope for %s is %s', (typo, expected) => {
    expect(nearestScope(typo)).toBe(expected);
  });

  it('has no nearest scope for something unrelated', () => {
    expect(nearestScope('storage:buckets:read')).toBeUndefined();
    expect(nearestScope('openid')).toBeUndefined();
  });

  it('sorts in vocabulary order without duplicates', () => {
    expect(sortScopes(['cloudautomation:secrets:read', 'cloudautomation:events:read', 'cloudautomation:secrets:read'])).toEqual([
      'cloudautomation:events:read',
      'cloudautomation:secrets:read',
    ]);
  });
});

describe('hosts', () => {
  it.each([
    ['abc12345.cloudautomation.live.dynatrace.com', 'live', 'https://sso.dynatrace.com/sso/oauth2/token'],
    ['ABC.cloudautomation.live.dynatrace.com:443', 'live', 'https://sso.dynatrace.com/sso/oauth2/token'],
    ['x1.cloudautomation.sprint.dynatracelabs.com', 'sprint', 'https://sso-sprint.dynatracelabs.com/sso/oauth2/token'],
    ['x1.cloudautomation.dev.dynatracelabs.com', 'dev', 'https://sso-dev.dynatracelabs.com/sso/oauth2/token'],
  ])('%s is %s, token from %s', (host, environment, tokenUrl) => {
    expect(cloudAutomationEnvironment(host)).toBe(environment);
    expect(ssoTokenUrlForHost(host)).toBe(tokenUrl);
  });

  it.each(['cloudautomation.live.dynatrace.com', 'evil.com', 'abc.cloudautomation.live.dynatrace.com.evil.com', 'abc.live.dynatrace.com'])(
    '%s is not a Cloud Automation host',
    (host) => {
      expect(cloudAutomationEnvironment(host)).toBeUndefined();
    },
  );
});

describe('headers', () => {
  it('x-token in any letter case', () => {
    for (const name of ['x-token', 'X-Token', 'X-TOKEN', 'x-TOKEN']) expect(isXTokenHeader(name)).toBe(true);
    for (const name of ['x-tokens', 'token', 'x_token', 'x-auth-token']) expect(isXTokenHeader(name)).toBe(false);
  });
  it('authorization and bearer values', () => {
    expect(isAuthorizationHeader('Authorization')).toBe(true);
    expect(isBearerValue('Bearer abc')).toBe(true);
    expect(isBearerValue('Basic abc')).toBe(false);
    expect(authorizationScheme('Basic dXNlcjpwYXNz')).toBe('Basic');
    expect(authorizationScheme(' Api-Token dt0c01.x')).toBe('Api-Token');
    expect(authorizationScheme('dXNlcjpwYXNz')).toBeUndefined();
  });
});

describe('credentials', () => {
  const id = 'dt0s02.ABCD1234';
  const secret = `dt0s02.ABCD1234.${'A1B2C3D4'.repeat(8)}`;
  it('recognises OAuth client ids and secrets', () => {
    expect(isOAuthClientId(id)).toBe(true);
    expect(isOAuthClientSecret(secret)).toBe(true);
    expect(isOAuthClientSecret(id)).toBe(false);
    expect(isOAuthClientId('dt0s02.abcd1234')).toBe(false);
    expect(isDynatraceSecret(secret)).toBe(true);
    expect(isDynatraceSecret(`dt0c01.ABCDEFGH12345678.${'a1'.repeat(16)}`)).toBe(true);
  });
  it('recognises account URNs', () => {
    expect(isAccountUrn('urn:dtaccount:12345678-abcd-ef01-2345-6789abcdef01')).toBe(true);
    expect(isAccountUrn('urn:dtaccount:12345678-ABCD-ef01-2345-6789abcdef01')).toBe(false);
    expect(isAccountUrn('12345678-abcd-ef01-2345-6789abcdef01')).toBe(false);
  });
  it('tells a real-looking API token from a placeholder', () => {
    expect(looksLikeApiToken('aB3dE5gH7jK9mN1pQ3sT5vW7yZ9bC1dE3fG5hJ7kL9mN1')).toBe(true);
    for (const value of ['', 'token', 'xxxxxxxxxxxxxxxxxxxx', 'your-api-token-here1', 'changeme123456789012', 'short1', 'has space in it 123456']) {
      expect(looksLikeApiToken(value), value).toBe(false);
    }
  });
  it('redacts without showing the secret', () => {
    expect(redactSecret(secret)).not.toContain(secret.slice(10));
    expect(redactSecret('abc')).toBe('***');
  });
});

describe('naming hints', () => {
  it.each([
    ['KEPTN_API_TOKEN', 'token'],
    ['KEPTN_CONTROL_PLANE_API_TOKEN', 'token'],
    ['keptnApiToken', 'token'],
    ['KEPTN_ENDPOINT', 'endpoint'],
    ['KEPTN_API_URL', 'endpoint'],
    ['keptnBaseUrl', 'endpoint'],
  ])('%s is a Keptn %s', (name, role) => {
    expect(nameHint(name)).toEqual({ role, keptn: true });
  });
  it('generic names give no hint', () => {
    expect(nameHint('API_URL')).toBeUndefined();
    expect(nameHint('token')).toBeUndefined();
    expect(isKeptnName('KeptnClient')).toBe(true);
    expect(isKeptnName('client')).toBe(false);
  });
  it('the cheap source test finds the header and Keptn words', () => {
    expect(CANDIDATE_SOURCE_PATTERN.test("headers: { 'X-Token': t }")).toBe(true);
    expect(CANDIDATE_SOURCE_PATTERN.test('const url = process.env.KEPTN_ENDPOINT')).toBe(true);
    expect(CANDIDATE_SOURCE_PATTERN.test('fetch("https://x.cloudautomation.live.dynatrace.com")')).toBe(true);
    expect(CANDIDATE_SOURCE_PATTERN.test('fetch("https://example.com")')).toBe(false);
  });
});

describe('client signatures', () => {
  it('axios verbs with and without a data argument', () => {
    expect(requestSignature('axios', 'get')).toEqual({ url: 0, options: 1, method: 'GET' });
    expect(requestSignature('axios', 'post')).toEqual({ url: 0, data: 1, options: 2, method: 'POST' });
    expect(requestSignature('axios', 'postForm')).toMatchObject({ data: 1, options: 2, method: 'POST' });
    expect(requestSignature('axios', 'request')).toEqual({ options: 0 });
    expect(requestSignature('axios')).toMatchObject({ url: 0, options: 1, optionsMayComeFirst: true });
    expect(requestSignature('axios', 'create')).toMatchObject({ options: 0, createsInstance: true });
    expect(requestSignature('axios', 'interceptors')).toBeUndefined();
  });
  it('got function, verbs, extend, stream and paginate', () => {
    expect(requestSignature('got')).toMatchObject({ url: 0, options: 1, optionsMayComeFirst: true });
    expect(requestSignature('got', 'post')).toMatchObject({ method: 'POST' });
    expect(requestSignature('got', 'extend')).toMatchObject({ createsInstance: true, restAreOptions: true });
    expect(requestSignature('got', 'stream')).toMatchObject({ url: 0, options: 1 });
    expect(requestSignature('got', 'stream.post')).toMatchObject({ method: 'POST' });
    expect(requestSignature('got', 'paginate.all')).toMatchObject({ url: 0 });
  });
  it('fetch, node http, superagent', () => {
    expect(requestSignature('fetch')).toEqual({ url: 0, options: 1 });
    expect(requestSignature('node-http', 'get')).toMatchObject({ method: 'GET', optionsMayComeFirst: true });
    expect(requestSignature('superagent', 'del')).toMatchObject({ url: 0, method: 'DELETE' });
  });
  it('maps imports to clients by module and export', () => {
    expect(clientForImport('axios', 'default')?.client).toBe('axios');
    expect(clientForImport('node-fetch', 'default')?.client).toBe('fetch');
    expect(clientForImport('undici', 'fetch')?.client).toBe('fetch');
    expect(clientForImport('undici', 'request')).toMatchObject({ client: 'undici', member: 'request' });
    expect(clientForImport('node:https', 'request')).toMatchObject({ client: 'node-http', member: 'request' });
    expect(clientForImport('axios', 'AxiosHeaders')).toBeUndefined();
    expect(clientForImport('lodash', 'default')).toBeUndefined();
  });
  it('maps instance type names to clients', () => {
    expect(clientForTypeName('AxiosInstance')).toBe('axios');
    expect(clientForTypeName('Got')).toBe('got');
    expect(clientForTypeName('Promise')).toBeUndefined();
  });
  it('counts a client type name only where the client\'s typings declare it, when told where', () => {
    expect(clientForTypeName('RestClient', ['/app/node_modules/typed-rest-client/RestClient.d.ts'])).toBe('rest-client');
    expect(clientForTypeName('RestClient', ['/app/src/rest-client.ts'])).toBeUndefined();
    expect(clientForTypeName('HttpClient', ['/app/node_modules/@angular/common/http/index.d.ts'])).toBeUndefined();
    expect(clientForTypeName('HttpClient', ['C:\\app\\node_modules\\@actions\\http-client\\lib\\index.d.ts'])).toBe('http-client');
  });
  it('reads typed-rest-client\'s RestClient: its main module, a request\'s additionalHeaders, an instance\'s headers', () => {
    expect(clientForImport('typed-rest-client', 'RestClient')).toMatchObject({ client: 'rest-client', member: 'new' });
    expect(clientForImport('typed-rest-client/RestClient.js', '*')?.client).toBe('rest-client');
    expect(headersOptionOf(httpClients['rest-client'], false)).toBe('additionalHeaders');
    expect(headersOptionOf(httpClients['rest-client'], true)).toBe('headers');
    expect(headersOptionOf(httpClients.axios, false)).toBe('headers');
    expect(HEADERS_OPTIONS).toEqual(new Set(['headers', 'additionalHeaders']));
  });
});

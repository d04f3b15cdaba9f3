/**
 * cloud-automation-oauth: the OAuth 2.0 client-credentials flow against Dynatrace SSO for
 * Cloud Automation (hosted Keptn API) clients, with fetch, axios and got adapters.
 * The guide is docs/oauth.md in the eslint-plugin-cloud-automation repository.
 */
export { createOAuthClient, type FetchInput, type OAuthClient, type OAuthClientOptions } from './client.js';
export { oauthClientFromEnv, optionalOAuthClientFromEnv, type Environment, type OptionalOAuthClient } from './env.js';
export { OAuthConfigError, OAuthTokenError, type OAuthTokenErrorCode } from './errors.js';
export type { AdapterOptions, AxiosLikeInstance, AxiosLikeRequestConfig, GotLikeOptions, GotLikeResponse, OAuthGotHooks } from './adapters.js';
export type { Audience } from './audience.js';
export { CLOUD_AUTOMATION_HOST_SUFFIXES, CLOUD_AUTOMATION_SCOPES, DEFAULT_SCOPES, DEFAULT_TOKEN_URL, ENV_VARS } from './facts.js';
export { parseScopes } from './config.js';

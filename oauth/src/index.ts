/**
 * cloud-automation-oauth: the OAuth 2.0 client-credentials flow against Dynatrace SSO for
 * Cloud Automation (hosted Keptn API) clients, with fetch, axios, got and ky adapters.
 * The guide is docs/oauth.md in the eslint-plugin-cloud-automation repository.
 */
// Declares the web types the declarations name, for projects without DOM or Node 18 typings.
import './web-types.js';
// Type-only names are exported in statements of their own: declaration files written with
// inline `type` modifiers cannot be read by TypeScript before 4.5.
export { createOAuthClient } from './client.js';
export type { FetchFunction, FetchInput, OAuthClient, OAuthClientOptions } from './client.js';
export { oauthClientFromEnv, optionalOAuthClientFromEnv } from './env.js';
export type { Environment, OptionalOAuthClient } from './env.js';
export { OAuthConfigError, OAuthTokenError } from './errors.js';
export type { OAuthTokenErrorCode } from './errors.js';
export type {
  AdapterOptions,
  AxiosLikeInstance,
  AxiosLikeRequestConfig,
  GotLikeOptions,
  GotLikeResponse,
  HooksOptions,
  HooksWith,
  NoHooks,
  KyLikeHeaders,
  KyLikeOptions,
  KyLikeRequest,
  KyLikeResponse,
  OAuthGotHooks,
  OAuthKyHooks,
} from './adapters.js';
export type { Audience } from './audience.js';
export { CLOUD_AUTOMATION_HOST_SUFFIXES, CLOUD_AUTOMATION_SCOPES, DEFAULT_SCOPES, DEFAULT_TOKEN_URL, ENV_VARS } from './facts.js';
export { parseScopes } from './config.js';

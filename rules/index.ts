import type { TSESLint } from '@typescript-eslint/utils';
import { packageInfo } from '../core/package-info.js';
import noHardcodedCredentials from './no-hardcoded-credentials.js';
import noXTokenHeader from './no-x-token-header.js';
import requireOauth from './require-oauth.js';
import validOauthScopes from './valid-oauth-scopes.js';

const { name, version } = packageInfo();

export const rules = {
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-x-token-header': noXTokenHeader,
  'require-oauth': requireOauth,
  'valid-oauth-scopes': validOauthScopes,
} satisfies Record<string, TSESLint.RuleModule<string, unknown[]>>;

const plugin = {
  meta: { name, version },
  rules,
  configs: {} as Record<string, TSESLint.FlatConfig.Config>,
};

export default plugin;

import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import {
  isAuthorizationHeader,
  isTokenCheckRoute,
  mayImportProjectValues,
  mayNameKnownClient,
  mayShowCloudAutomationTarget,
  reachabilityCheckRoute,
} from '../core/index.js';
import { isTyped, unwrap } from './utils/ast.js';
import { createRuleWithCachedOptions } from './utils/cached-options.js';
import { createRequestAnalysis, type RequestSite } from './utils/request-analysis.js';
import { clientLabel, createTargetFilter, describeTarget, targetFilterSchema, type TargetFilterOptions } from './utils/targets.js';

export type Options = [
  TargetFilterOptions & {
    /** Report `POST /api/v1/auth` token checks, which mean nothing under OAuth. */
    reportTokenChecks?: boolean;
  },
];
export type MessageIds = 'missingOAuth' | 'tokenCheck';

const defaultOptions: Options = [
  { ignoreHosts: [], ignoreUrlPatterns: [], minimumConfidence: 'possible', reportTokenChecks: true },
];

export default createRuleWithCachedOptions<Options, MessageIds>({
  name: 'require-oauth',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require OAuth 2.0 authorization on requests to Cloud Automation',
      recommended: true,
    },
    messages: {
      missingOAuth:
        'This {{client}} request sends no OAuth authorization; {{target}}. Send it through the `cloud-automation-oauth` client (`client.fetch`, `client.attachToAxios(instance)`, `got.extend({ hooks: client.gotHooks() })`), or run `npx eslint-plugin-cloud-automation migrate`.',
      tokenCheck:
        '`POST {{path}}` checks an API token, which means nothing under OAuth: remove it, or check reachability with `{{replacement}}` through the `cloud-automation-oauth` client.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...targetFilterSchema,
          reportTokenChecks: {
            type: 'boolean',
            description: 'Report `POST /api/v1/auth` token checks, which mean nothing under OAuth.',
          },
        },
      },
    ],
    defaultOptions,
  },
  create(context, [options]) {
    const { sourceCode } = context;
    const { text } = sourceCode;
    // Evidence (host, Keptn path, Keptn-named variable) is written in this file, or (with types) a URL
    // may be imported from a module that can define one. Tested first: it rejects the most files.
    if (!mayShowCloudAutomationTarget(text) && !(isTyped(sourceCode) && mayImportProjectValues(text))) return {};
    // A finding needs a client this file names: instances known only by type are never reported.
    if (!mayNameKnownClient(text)) return {};

    const filter = createTargetFilter('require-oauth', options, 'possible');
    const analysis = createRequestAnalysis(context);

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const site = analysis.requestSite(node);
      if (!site || site.createsInstance) return;
      const headers = analysis.requestHeaders(site, true);
      const target = analysis.assessTarget(
        site,
        headers.entries.flatMap((entry) => (entry.value ? [entry.value] : [])),
      );
      if (filter.excludes(target)) return;
      const reportNode = unwrap(node.callee);
      const tokenCheck = target.url?.exact === true && target.url.routes.length > 0 && target.url.routes.every(isTokenCheckRoute);
      if (tokenCheck) {
        if (options.reportTokenChecks !== false) {
          context.report({
            node: reportNode,
            messageId: 'tokenCheck',
            data: { path: target.url.displayPath, replacement: `${reachabilityCheckRoute.method} ${reachabilityCheckRoute.path}` },
          });
        }
        return;
      }
      if (authorized(site, headers.entries) || !headers.complete) return;
      context.report({
        node: reportNode,
        messageId: 'missingOAuth',
        data: { client: clientLabel(site.client), target: describeTarget(target), confidence: target.confidence },
      });
    }

    function authorized(site: RequestSite, entries: readonly { name: string | undefined }[]): boolean {
      if (site.client.helperAuthorized) return true;
      if (entries.some((entry) => entry.name !== undefined && isAuthorizationHeader(entry.name))) return true;
      // got(url, { hooks: client.gotHooks() }) on a single request.
      return site.optionArguments.some((argument) => analysis.usesHelperHooks(argument));
    }

    return {
      CallExpression: check,
      NewExpression(node) {
        if (node.callee.type === AST_NODE_TYPES.Identifier) check(node);
      },
    };
  },
});

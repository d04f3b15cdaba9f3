import type { TSESTree } from '@typescript-eslint/utils';
import {
  mayImportProjectValues,
  mayNameKnownClient,
  mayShowCloudAutomationTarget,
  reachabilityCheckRoute,
} from '../core/index.js';
import { createFindings, DEFAULT_MINIMUM_CONFIDENCE } from '../analysis/findings.js';
import { isTyped, sharedRequestAnalysis } from '../analysis/eslint-host.js';
import { createRuleWithCachedOptions } from './utils/cached-options.js';
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
        'This request, sent by {{client}}, carries no OAuth authorization; {{target}}. Send it through the `cloud-automation-oauth` client (`client.fetch`, `client.attachToAxios(instance)`, `got.extend({ hooks: client.gotHooks() })`), or run `npx eslint-plugin-cloud-automation migrate`.',
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
    const filter = createTargetFilter('require-oauth', options, DEFAULT_MINIMUM_CONFIDENCE.request);
    const findings = createFindings(sharedRequestAnalysis(context), {
      excludesXToken: () => true,
      excludesRequest: (target) => filter.excludes(target),
      reportUnrecognizedCalls: false,
    });

    function check(node: TSESTree.CallExpression | TSESTree.NewExpression): void {
      const finding = findings.requestAt(node);
      if (!finding) return;
      const { target } = finding;
      if (finding.kind === 'token-check') {
        if (options.reportTokenChecks === false) return;
        context.report({
          node: finding.node,
          messageId: 'tokenCheck',
          data: { path: target.url?.displayPath ?? '', replacement: `${reachabilityCheckRoute.method} ${reachabilityCheckRoute.path}` },
        });
        return;
      }
      context.report({
        node: finding.node,
        messageId: 'missingOAuth',
        data: { client: clientLabel(finding.site.client), target: describeTarget(target), confidence: target.confidence },
      });
    }

    return {
      CallExpression: check,
      NewExpression: check,
    };
  },
},
  (sourceCode) => {
    const { text } = sourceCode;
    // Evidence (host, Keptn path, Keptn-named variable) is written in this file, or (with types) a URL
    // may be imported from a module that can define one. Tested first: it rejects the most files.
    if (!mayShowCloudAutomationTarget(text) && !(isTyped(sourceCode) && mayImportProjectValues(text))) return false;
    // A finding needs a client this file names: instances known only by type are never reported.
    return mayNameKnownClient(text);
  },
);

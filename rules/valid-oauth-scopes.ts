import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { eslintHost } from '../analysis/eslint-host.js';
import { createRequestAnalysis, type RequestAnalysis } from '../analysis/request-analysis.js';
import {
  helperEnvVars,
  helperExports,
  isValidScope,
  nearestScope,
  oauthScopeSites,
  SCOPE_PREFIX,
  scopesForRoutes,
  sortScopes,
  withScopePrefix,
} from '../core/index.js';
import { createRuleWithCachedOptions } from './utils/cached-options.js';
import { calleeName, literalString, memberName, propertyKeyName, skipTypeWrappers } from './utils/static-string.js';

export interface ValidOauthScopesOptions {
  /** Accept `events:read` for `cloudautomation:events:read` (the helper adds the prefix itself). */
  allowUnprefixed?: boolean;
  /** Report scopes that no Cloud Automation call in the same file needs. */
  reportUnneededScopes?: boolean;
}
export type Options = [ValidOauthScopesOptions];
export type MessageIds =
  | 'unknownScope'
  | 'misspelledScope'
  | 'missingPrefix'
  | 'emptyScopeList'
  | 'unneededScope'
  | 'replaceScope';

const SCOPES_OPTION = 'scopes';

/** One scope string found in the code, with what the rule needs to point at it and fix it. */
interface ScopeUse {
  readonly scope: string;
  readonly node: TSESTree.Node;
  /** Source range of exactly this scope's text, when the literal spells it without escapes. */
  readonly range: TSESTree.Range | undefined;
}

export default createRuleWithCachedOptions<Options, MessageIds>({
  name: 'valid-oauth-scopes',
  meta: {
    type: 'problem',
    docs: {
      description: 'Require OAuth scopes given to the helper or in DT_OAUTH_SCOPES defaults to be real Cloud Automation scopes',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      unknownScope: "'{{scope}}' is not a Cloud Automation OAuth scope. Valid scopes look like '{{example}}'.",
      misspelledScope: "'{{scope}}' is not a Cloud Automation OAuth scope; did you mean '{{nearest}}'?",
      missingPrefix:
        "'{{scope}}' lacks the '{{prefix}}' prefix. Dynatrace SSO only knows '{{prefixed}}'; the helper adds the prefix, other tools reading the same setting do not.",
      emptyScopeList: 'An empty scope list: the OAuth helper refuses it. Name the scopes the integration needs.',
      unneededScope:
        "This file requests '{{scope}}', but none of its Cloud Automation calls needs it (they need: {{needed}}). Grant the OAuth client no more than it uses.",
      replaceScope: "Replace with '{{scope}}'.",
    },
    schema: [
      {
        type: 'object',
        properties: {
          allowUnprefixed: {
            type: 'boolean',
            description: 'Accept scopes without the `cloudautomation:` prefix, which the helper adds itself.',
          },
          reportUnneededScopes: {
            type: 'boolean',
            description: 'Report requested scopes that no Cloud Automation call in the same file needs.',
          },
        },
        additionalProperties: false,
      },
    ],
    defaultOptions: [{ allowUnprefixed: false, reportUnneededScopes: false }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // `mayReportIn` let the file through; listen only for the kind of site its text shows.
    const sites = oauthScopeSites(sourceCode.text);
    const allowUnprefixed = options.allowUnprefixed === true;
    const reportUnneeded = options.reportUnneededScopes === true;
    const requested: ScopeUse[] = [];
    const needed = new Set<string>();
    let sawCloudAutomationCall = false;
    // `createOAuthClient({ scopes: process.env.DT_OAUTH_SCOPES ?? '…' })` reaches the default twice.
    const visited = new Set<TSESTree.Node>();

    /** Reads every scope a value spells out: an array of literals, a list string, a `const` of either. */
    function collectScopes(value: TSESTree.Node, depth = 0): void {
      const node = skipTypeWrappers(value);
      if (visited.has(node)) return;
      visited.add(node);
      if (node.type === AST_NODE_TYPES.ArrayExpression) {
        if (node.elements.length === 0) {
          context.report({ node, messageId: 'emptyScopeList' });
          return;
        }
        for (const element of node.elements) {
          if (element && element.type !== AST_NODE_TYPES.SpreadElement) collectScopes(element, depth + 1);
        }
        return;
      }
      if (node.type === AST_NODE_TYPES.LogicalExpression) {
        // `process.env.DT_OAUTH_SCOPES ?? 'cloudautomation:…'`: the literal side is the default.
        collectScopes(node.left, depth + 1);
        collectScopes(node.right, depth + 1);
        return;
      }
      if (node.type === AST_NODE_TYPES.ConditionalExpression) {
        collectScopes(node.consequent, depth + 1);
        collectScopes(node.alternate, depth + 1);
        return;
      }
      if (node.type === AST_NODE_TYPES.Identifier && depth < 3) {
        const init = constInitializer(node);
        if (init) collectScopes(init, depth + 1);
        return;
      }
      const text = literalString(node);
      if (text !== undefined) collectFromString(node, text);
    }

    function constInitializer(identifier: TSESTree.Identifier): TSESTree.Expression | undefined {
      const variable = ASTUtils.findVariable(sourceCode.getScope(identifier), identifier);
      const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
      if (definition?.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
      const declarator = definition.node;
      return declarator.parent.kind === 'const' && declarator.id.type === AST_NODE_TYPES.Identifier
        ? (declarator.init ?? undefined)
        : undefined;
    }

    function collectFromString(node: TSESTree.Node, text: string): void {
      // Offsets inside the literal are only trustworthy when the source spells the value verbatim.
      const raw = sourceCode.getText(node);
      const verbatim = raw.slice(1, -1) === text;
      const start = node.range[0] + 1;
      for (const match of text.matchAll(/[^\s,]+/gu)) {
        const range: TSESTree.Range | undefined = verbatim
          ? [start + match.index, start + match.index + match[0].length]
          : undefined;
        checkScope({ scope: match[0], node, range });
      }
    }

    function checkScope(use: ScopeUse): void {
      const { scope } = use;
      if (isValidScope(scope)) {
        requested.push(use);
        return;
      }
      const prefixed = withScopePrefix(scope);
      if (!scope.startsWith(SCOPE_PREFIX) && isValidScope(prefixed)) {
        if (allowUnprefixed) {
          requested.push({ ...use, scope: prefixed });
          return;
        }
        report(use, 'missingPrefix', { scope, prefix: SCOPE_PREFIX, prefixed }, prefixed);
        return;
      }
      const nearest = nearestScope(scope);
      if (nearest === undefined) {
        report(use, 'unknownScope', { scope, example: `${SCOPE_PREFIX}events:read` }, undefined);
      } else {
        report(use, 'misspelledScope', { scope, nearest }, nearest);
      }
    }

    function report(
      use: ScopeUse,
      messageId: 'unknownScope' | 'misspelledScope' | 'missingPrefix',
      data: Record<string, string>,
      replacement: string | undefined,
    ): void {
      const { range } = use;
      const loc = range
        ? { start: sourceCode.getLocFromIndex(range[0]), end: sourceCode.getLocFromIndex(range[1]) }
        : use.node.loc;
      context.report({
        loc,
        messageId,
        data,
        // A different scope changes what the token may do: a suggestion, never an autofix.
        suggest:
          replacement !== undefined && range
            ? [
                {
                  messageId: 'replaceScope',
                  data: { scope: replacement },
                  fix: (fixer: TSESLint.RuleFixer) => fixer.replaceTextRange(range, replacement),
                },
              ]
            : [],
      });
    }

    /** `createOAuthClient({ scopes })` and `oauthClientFromEnv({ DT_OAUTH_SCOPES })`. */
    function checkHelperCall(call: TSESTree.CallExpression, name: string): void {
      const [first] = call.arguments;
      const argument = first ? skipTypeWrappers(first) : undefined;
      if (argument?.type !== AST_NODE_TYPES.ObjectExpression) return;
      const wanted = name === helperExports.createClient ? SCOPES_OPTION : helperEnvVars.scopes;
      for (const property of argument.properties) {
        if (property.type !== AST_NODE_TYPES.Property) continue;
        if (propertyKeyName(property, sourceCode.getScope(property)) === wanted) collectScopes(property.value);
      }
    }

    /** `process.env.DT_OAUTH_SCOPES ?? '…'` and `const { DT_OAUTH_SCOPES = '…' } = process.env`. */
    function checkEnvDefault(member: TSESTree.MemberExpression): void {
      let node: TSESTree.Node = member;
      let parent: TSESTree.Node = member.parent;
      while (parent.type === AST_NODE_TYPES.ChainExpression || parent.type === AST_NODE_TYPES.TSNonNullExpression) {
        node = parent;
        parent = parent.parent;
      }
      if (parent.type === AST_NODE_TYPES.LogicalExpression && parent.left === node && parent.operator !== '&&') {
        collectScopes(parent.right);
      }
    }

    function checkDestructuredDefault(pattern: TSESTree.AssignmentPattern): void {
      const property = pattern.parent;
      if (property.type !== AST_NODE_TYPES.Property || property.value !== pattern) return;
      if (propertyKeyName(property, sourceCode.getScope(property)) === helperEnvVars.scopes) collectScopes(pattern.right);
    }

    /**
     * Records the scopes a request in this file may need, resolved by the shared analysis the
     * scope report uses (analysis/request-routes.ts): a call whose route is not known counts
     * with every scope a route it could hit needs, so no scope it may use is called unneeded.
     */
    let analysis: RequestAnalysis | undefined;
    function recordNeededScopes(call: TSESTree.CallExpression | TSESTree.NewExpression): void {
      analysis ??= createRequestAnalysis(eslintHost(context));
      const site = analysis.requestSite(call);
      const found = site ? analysis.cloudAutomationCall(site) : undefined;
      if (!found) return;
      sawCloudAutomationCall = true;
      for (const scope of scopesForRoutes(found.routes.candidates)) needed.add(scope);
    }

    const listener: TSESLint.RuleListener = {};
    if (sites.helperCalls || reportUnneeded) {
      listener.CallExpression = (node): void => {
        const name = calleeName(node);
        if (name === helperExports.createClient || name === helperExports.clientFromEnv) checkHelperCall(node, name);
        else if (reportUnneeded) recordNeededScopes(node);
      };
    }
    if (reportUnneeded) listener.NewExpression = recordNeededScopes;
    if (sites.envVarDefaults) {
      listener.MemberExpression = (node): void => {
        // Cheapest test first: most member expressions are `a.b` with another name.
        if (!node.computed && (node.property.type !== AST_NODE_TYPES.Identifier || node.property.name !== helperEnvVars.scopes)) {
          return;
        }
        if (memberName(node, sourceCode.getScope(node)) === helperEnvVars.scopes) checkEnvDefault(node);
      };
      listener.AssignmentPattern = (node): void => {
        if (node.parent.type === AST_NODE_TYPES.Property) checkDestructuredDefault(node);
      };
    }
    if (reportUnneeded) {
      listener['Program:exit'] = (): void => {
        // Without a single recognised call the file is a config module: its scopes serve other files.
        if (!sawCloudAutomationCall) return;
        const neededList = sortScopes(needed);
        for (const use of requested) {
          if (needed.has(use.scope)) continue;
          const { range } = use;
          context.report({
            loc: range
              ? { start: sourceCode.getLocFromIndex(range[0]), end: sourceCode.getLocFromIndex(range[1]) }
              : use.node.loc,
            messageId: 'unneededScope',
            data: { scope: use.scope, needed: neededList.join(', ') },
          });
        }
      };
    }
    return listener;
  },
},
  // Scopes are only read from helper calls and DT_OAUTH_SCOPES defaults: only files whose text has them.
  (sourceCode) => {
    const sites = oauthScopeSites(sourceCode.text);
    return sites.helperCalls || sites.envVarDefaults;
  },
);

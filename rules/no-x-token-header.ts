import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { HEADER_WRITE_METHODS, isXTokenHeader, mayImportProjectValues, mayWriteXTokenHeader } from '../core/index.js';
import { literalString, memberName, unwrap, type Node } from '../analysis/ast.js';
import { createFindings, DEFAULT_MINIMUM_CONFIDENCE, describeHeldBack, type EscapingXToken, type UnrecognizedXToken, type XTokenFinding } from '../analysis/findings.js';
import { sharedRequestAnalysis } from '../analysis/eslint-host.js';
import { createRuleWithCachedOptions } from './utils/cached-options.js';
import { clientLabel, createTargetFilter, describeModuleExit, describeTarget, targetFilterSchema, type TargetFilterOptions } from './utils/targets.js';

export type Options = [
  TargetFilterOptions & {
    /**
     * Report an `x-token` in the `headers` option of an object handed to a call this rule does not
     * know as a client (`this.fetchApi.fetch(url, { headers })`, `new GraphQLClient(url, { headers })`).
     */
    reportUnrecognizedCalls?: boolean;
  },
];
export type MessageIds = 'xTokenHeader' | 'xTokenHeaderForwarded' | 'xTokenHeaderElsewhere' | 'xTokenHeaderCallersElsewhere' | 'xTokenHeaderFactoryElsewhere' | 'xTokenHeaderSharedElsewhere' | 'xTokenHeaderSharedUnsure' | 'xTokenHeaderLeavesModule' | 'xTokenHeaderLeavesModuleShared' | 'xTokenHeaderUnknownClient' | 'removeXTokenHeader';

export default createRuleWithCachedOptions<Options, MessageIds>({
  name: 'no-x-token-header',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow sending the deprecated Cloud Automation `x-token` API-token header',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      xTokenHeader:
        'The deprecated `x-token` header is sent by {{client}}; {{target}}. Cloud Automation authenticates with OAuth 2.0: run `npx eslint-plugin-cloud-automation migrate`, or send the request through the `cloud-automation-oauth` client.',
      xTokenHeaderForwarded:
        'The deprecated `x-token` header sent by {{client}} forwards the token of the request this code answers (read {{readAt}}); {{target}}. That token is the caller\'s, and the OAuth helper\'s is this service\'s own: sent instead, it would give every caller this service\'s access, so `migrate` leaves it for you. Once callers send OAuth tokens, forward their `Authorization` header instead.',
      xTokenHeaderElsewhere:
        'The `x-token` header sent by {{client}} is not for Cloud Automation: {{elsewhere}}. OAuth is not for that service, so `migrate` leaves the header as it is (even with `--include-unsure`): keep it, or remove it if that service no longer needs it.',
      xTokenHeaderCallersElsewhere:
        'The deprecated `x-token` header is sent by {{client}} with the URL its callers pass; {{target}}, but {{callers}}. Rewritten, the function would send that service the OAuth token, so `migrate` leaves it for you (even with `--include-unsure`): give the Cloud Automation calls a request of their own through the `cloud-automation-oauth` client, and keep the x-token only in the request to the other service.',
      xTokenHeaderFactoryElsewhere:
        'The deprecated `x-token` header is sent by {{client}} through an instance that a function or a class constructor makes with the base URL its callers pass; {{target}}, but {{callers}}. Attached to it, the helper would send the OAuth token to every base URL it is made with, so `migrate` leaves it for you (even with `--include-unsure`): make the Cloud Automation instances apart, with the `cloud-automation-oauth` client attached, and keep the x-token only in the instance for the other service.',
      xTokenHeaderSharedElsewhere:
        'The deprecated `x-token` header is sent by {{client}}; {{target}}, but {{heldBack}}. The header goes with every request that reads it, so `migrate` leaves it for you (even with `--include-unsure`) rather than send the OAuth token there: give the Cloud Automation requests headers of their own through the `cloud-automation-oauth` client, and keep the x-token only where that service needs it.',
      xTokenHeaderSharedUnsure:
        'The deprecated `x-token` header is sent by {{client}}; {{target}}, but {{heldBack}}. The header goes with every request that reads it, so `migrate` rewrites them only with `--include-unsure`: run it so if that request goes to Cloud Automation too, else give the Cloud Automation requests headers of their own through the `cloud-automation-oauth` client.',
      xTokenHeaderLeavesModule:
        'The deprecated `x-token` header is written into {{exit}}, so it leaves this module and requests elsewhere may send it; {{target}}. Cloud Automation authenticates with OAuth 2.0: send those requests through the `cloud-automation-oauth` client and drop the header here.',
      xTokenHeaderLeavesModuleShared:
        'The deprecated `x-token` header is written into {{exit}}, so it leaves this module, and requests in other modules send it; one of them ({{where}}): {{target}}, but {{heldBack}}. The header goes with every request that reads it, so `migrate` leaves it for you (even with `--include-unsure`) rather than send the OAuth token there: give the Cloud Automation requests headers of their own through the `cloud-automation-oauth` client, and keep the x-token only where that service needs it.',
      xTokenHeaderUnknownClient:
        'The deprecated `x-token` header is handed to {{call}}, which this rule does not know as an HTTP client; {{target}}. If the call sends it to Cloud Automation, send `Authorization: await client.authorizationHeader()` from the `cloud-automation-oauth` client instead: `migrate` rewrites such a call only where its type shows it is a fetch, and leaves it for you otherwise.',
      removeXTokenHeader: 'Remove the leftover `x-token` header: this request already sends an Authorization header.',
    },
    schema: [
      {
        type: 'object',
        additionalProperties: false,
        properties: {
          ...targetFilterSchema,
          reportUnrecognizedCalls: {
            type: 'boolean',
            description: 'Report an `x-token` in the `headers` option of an object handed to a call the rule does not know as a client.',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreHosts: [], ignoreUrlPatterns: [], minimumConfidence: 'unknown', reportUnrecognizedCalls: true }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // `mayReportIn` let the file through: the name is written here, or only (typed) imported.
    const mentioned = mayWriteXTokenHeader(sourceCode.text);

    const filter = createTargetFilter('no-x-token-header', options, DEFAULT_MINIMUM_CONFIDENCE.xToken);
    const analysis = sharedRequestAnalysis(context);
    const findings = createFindings(analysis, {
      excludesXToken: (target) => filter.excludes(target),
      excludesRequest: () => true,
      reportUnrecognizedCalls: options.reportUnrecognizedCalls !== false,
    });

    function report(found: readonly XTokenFinding[]): void {
      for (const finding of found) {
        // Dropping the header alone would leave the request unauthenticated; once it also sends an
        // OAuth bearer Authorization (added by hand or by the helper), the leftover header can go.
        const fix = finding.alsoSendsBearer ? removalFix(finding.node) : undefined;
        const suggest = fix ? [{ messageId: 'removeXTokenHeader' as const, fix }] : [];
        const client = clientLabel(finding.site.client);
        // Still reported: the header is sent. Known to serve another service, it is no migration's business.
        if (finding.target.elsewhere !== undefined) context.report({ node: finding.node, messageId: 'xTokenHeaderElsewhere', data: { client, elsewhere: finding.target.elsewhere, confidence: finding.target.confidence }, suggest });
        else if (finding.target.callersElsewhere !== undefined) {
          // An instance a function makes from its callers' base URL (a factory), or a request made with their URL (a wrapper).
          const messageId = finding.site.createsInstance ? 'xTokenHeaderFactoryElsewhere' : 'xTokenHeaderCallersElsewhere';
          context.report({ node: finding.node, messageId, data: { client, target: describeTarget(finding.target), callers: finding.target.callersElsewhere, confidence: finding.target.confidence }, suggest });
        } else if (finding.heldBack) {
          // Led by the surest request's evidence; graded by the least sure one, which decides what `migrate` does.
          const messageId = finding.heldBack.target.elsewhere === undefined ? 'xTokenHeaderSharedUnsure' : 'xTokenHeaderSharedElsewhere';
          context.report({ node: finding.node, messageId, data: { client, target: describeTarget(finding.heldBack.surest), heldBack: describeHeldBack(finding.heldBack), confidence: finding.target.confidence }, suggest });
        } else if (finding.forwardedFrom !== undefined) {
          context.report({ node: finding.node, messageId: 'xTokenHeaderForwarded', data: { client, target: describeTarget(finding.target), readAt: finding.forwardedFrom, confidence: finding.target.confidence }, suggest });
        } else context.report({ node: finding.node, messageId: 'xTokenHeader', data: { client, target: describeTarget(finding.target), confidence: finding.target.confidence }, suggest });
      }
    }

    function reportEscaping(found: readonly EscapingXToken[]): void {
      for (const escaping of found) {
        if (escaping.heldBack) {
          context.report({
            node: escaping.node,
            messageId: 'xTokenHeaderLeavesModuleShared',
            data: { exit: describeModuleExit(escaping.exit), target: describeTarget(escaping.heldBack.surest), heldBack: describeHeldBack(escaping.heldBack), where: escaping.heldBack.surestWhere ?? 'another module', confidence: escaping.target.confidence },
          });
          continue;
        }
        context.report({
          node: escaping.node,
          messageId: 'xTokenHeaderLeavesModule',
          data: { exit: describeModuleExit(escaping.exit), target: describeTarget(escaping.target), confidence: escaping.target.confidence },
        });
      }
    }

    function reportUnrecognized(found: readonly UnrecognizedXToken[]): void {
      for (const { node, callee, target } of found) {
        if (target.elsewhere !== undefined) context.report({ node, messageId: 'xTokenHeaderElsewhere', data: { client: callee, elsewhere: target.elsewhere, confidence: target.confidence } });
        else context.report({ node, messageId: 'xTokenHeaderUnknownClient', data: { call: callee, target: describeTarget(target), confidence: target.confidence } });
      }
    }

    /** Deleting a literal property is offered only where no comment would go with it. */
    function removalFix(nameNode: Node): TSESLint.ReportFixFunction | undefined {
      const property = nameNode.parent;
      if (property?.type !== AST_NODE_TYPES.Property || property.key !== nameNode) return undefined;
      const object = property.parent;
      if (object.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const index = object.properties.findIndex((candidate) => candidate === property);
      const next = object.properties[index + 1];
      const previous = object.properties[index - 1];
      const start = property.range[0];
      let range: [number, number];
      if (next) range = [start, next.range[0]];
      else if (previous) range = [previous.range[1], property.range[1]];
      else range = [start, property.range[1]];
      if (sourceCode.getAllComments().some((comment) => comment.range[0] < range[1] && comment.range[1] > range[0])) return undefined;
      return (fixer) => fixer.removeRange(range);
    }

    // Found while ESLint walks, reported at the end: a header on an instance takes its evidence
    // from the requests made through the instance, wherever they stand in the file.
    const visitors = {
      Property(node: TSESTree.Property) {
        findings.noteHeaderWrite(node);
      },
      CallExpression(node: TSESTree.CallExpression) {
        findings.xTokenAtCall(node);
        findings.noteHeaderWrite(node);
        const site = analysis.requestSite(node);
        if (site) findings.noteRequest(site);
      },
      NewExpression(node: TSESTree.NewExpression) {
        findings.xTokenAtNew(node);
        const site = analysis.requestSite(node);
        if (site) findings.noteRequest(site);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        findings.xTokenAtAssignment(node);
        findings.noteHeaderWrite(node);
      },
    };
    const reportAll = (): void => {
      report(findings.xTokenFindings());
      reportUnrecognized(findings.unrecognizedXTokens());
      reportEscaping(findings.escapingXTokens());
    };
    if (mentioned) return { ...visitors, 'Program:exit': reportAll };

    // The name is not written here: only a computed key whose value comes from an import can be
    // `x-token`. Collect while ESLint walks (cheap), ask at the end for those keys alone (the checker,
    // or without one the module the constant is exported from), and analyse the requests only when
    // one of them is the header name.
    const keys: Node[] = [];
    const computedProperties: TSESTree.Property[] = [];
    const calls: TSESTree.CallExpression[] = [];
    const constructions: TSESTree.NewExpression[] = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    const addKey = (key: Node | null | undefined): void => {
      if (key && key.type !== AST_NODE_TYPES.SpreadElement && literalString(key) === undefined) keys.push(key);
    };
    return {
      Property(node) {
        if (!node.computed) return;
        addKey(node.key);
        computedProperties.push(node);
      },
      ArrayExpression(node) {
        // `new Headers([[NAME, token]])`
        if (node.parent.type === AST_NODE_TYPES.ArrayExpression) addKey(node.elements[0]);
      },
      CallExpression(node) {
        calls.push(node);
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && HEADER_WRITE_METHODS.includes(memberName(callee) ?? '')) addKey(node.arguments[0]);
      },
      NewExpression(node) {
        constructions.push(node);
      },
      AssignmentExpression(node) {
        assignments.push(node);
        if (node.left.type === AST_NODE_TYPES.MemberExpression && node.left.computed) addKey(node.left.property);
      },
      'Program:exit'() {
        if (!keys.some((key) => importedRoot(key) && isXTokenHeader(analysis.headerName(key) ?? ''))) return;
        for (const node of calls) visitors.CallExpression(node);
        for (const node of constructions) visitors.NewExpression(node);
        for (const node of assignments) visitors.AssignmentExpression(node);
        for (const node of computedProperties) visitors.Property(node);
        reportAll();
      },
    };

    /** `NAME`, `NAMES.token`, or a `const` set from one of them, where `NAME` is imported. */
    function importedRoot(key: Node): boolean {
      let root = unwrap(key);
      for (let steps = 0; steps < 2; steps++) {
        while (root.type === AST_NODE_TYPES.MemberExpression) root = unwrap(root.object);
        if (root.type !== AST_NODE_TYPES.Identifier) return false;
        const name = root.name;
        let variable: TSESLint.Scope.Variable | undefined;
        for (let scope: TSESLint.Scope.Scope | null = sourceCode.getScope(root); scope && !variable; scope = scope.upper) {
          variable = scope.set.get(name);
        }
        const def = variable?.defs[0];
        if (!def) return false;
        if (def.type === TSESLint.Scope.DefinitionType.ImportBinding) return true;
        if (def.node.type !== AST_NODE_TYPES.VariableDeclarator || !def.node.init) return false;
        root = unwrap(def.node.init);
      }
      return false;
    }
  },
},
  // The header name is written in this file, or imported from a module that can define it.
  (sourceCode) => mayWriteXTokenHeader(sourceCode.text) || mayImportProjectValues(sourceCode.text),
);


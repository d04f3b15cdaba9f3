import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { HEADER_WRITE_METHODS, isAuthorizationHeader, isXTokenHeader, mayImportProjectValues, mayWriteXTokenHeader } from '../core/index.js';
import { isTyped, literalString, memberChain, memberName, unwrap, type Node } from './utils/ast.js';
import { createRuleWithCachedOptions } from './utils/cached-options.js';
import { createRequestAnalysis, type ClientRef, type HeaderEntry, type RequestSite } from './utils/request-analysis.js';
import { clientLabel, createTargetFilter, describeTarget, targetFilterSchema, type TargetFilterOptions } from './utils/targets.js';

export type Options = [
  TargetFilterOptions & {
    /** Also report an `x-token` in a `headers` object passed to a function this rule does not know. */
    reportUnrecognizedCalls?: boolean;
  },
];
export type MessageIds = 'xTokenHeader' | 'removeXTokenHeader';

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
            description: 'Also report an `x-token` in a `headers` object passed to a function the rule does not recognise.',
          },
        },
      },
    ],
    defaultOptions: [{ ignoreHosts: [], ignoreUrlPatterns: [], minimumConfidence: 'unknown', reportUnrecognizedCalls: false }],
  },
  create(context, [options]) {
    const { sourceCode } = context;
    // The header name is written in this file, or (with types) imported from a module that can define it.
    const mentioned = mayWriteXTokenHeader(sourceCode.text);
    if (!mentioned && !(isTyped(sourceCode) && mayImportProjectValues(sourceCode.text))) return {};

    const filter = createTargetFilter('no-x-token-header', options, 'unknown');
    const analysis = createRequestAnalysis(context);
    const reported = new Set<Node>();

    function report(entry: HeaderEntry, site: RequestSite): void {
      if (reported.has(entry.nameNode)) return;
      const target = analysis.assessTarget(site, entry.value ? [entry.value] : []);
      if (filter.excludes(target)) return;
      reported.add(entry.nameNode);
      // Dropping the header alone would leave the request unauthenticated; once it also sends
      // Authorization (added by hand or by the helper), the leftover header can go.
      const suggestion = removalFix(entry.nameNode) && sendsAuthorization(site) ? removalFix(entry.nameNode) : undefined;
      context.report({
        node: entry.nameNode,
        messageId: 'xTokenHeader',
        data: { client: clientLabel(site.client), target: describeTarget(target), confidence: target.confidence },
        suggest: suggestion ? [{ messageId: 'removeXTokenHeader', fix: suggestion }] : [],
      });
    }

    function reportAll(entries: readonly HeaderEntry[], site: RequestSite): void {
      for (const entry of entries) {
        if (entry.name !== undefined && isXTokenHeader(entry.name)) report(entry, site);
      }
    }

    function sendsAuthorization(site: RequestSite): boolean {
      return site.client.helperAuthorized || analysis.requestHeaders(site, true).entries.some((entry) => entry.name !== undefined && isAuthorizationHeader(entry.name));
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

    function pseudoSite(node: TSESTree.CallExpression | TSESTree.AssignmentExpression, client: ClientRef): RequestSite {
      return {
        node,
        client,
        signature: {},
        urlArgument: undefined,
        optionArguments: [],
        createsInstance: true,
      };
    }

    /** `axios.defaults.headers.common['x-token'] = t`, `Object.assign(api.defaults.headers, …)`, `…headers.set(…)`. */
    function checkDefaultsWrite(target: Node, node: TSESTree.CallExpression | TSESTree.AssignmentExpression): void {
      let current = unwrap(target);
      while (current.type === AST_NODE_TYPES.MemberExpression) {
        if (memberName(current) === 'defaults') {
          const clientNode = current.object;
          const client = analysis.resolveClient(clientNode);
          if (client?.kind !== 'axios') return;
          const written = analysis.defaultHeadersWrite(unwrap(clientNode));
          if (written) reportAll(analysis.flattenEntries(written), pseudoSite(node, client));
          return;
        }
        current = unwrap(current.object);
      }
    }

    function checkInterceptor(node: TSESTree.CallExpression): void {
      const callee = unwrap(node.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== 'use') return;
      const chain = memberChain(callee);
      if (!chain || chain.names.length < 3) return;
      const names = chain.names.slice(-3).join('.');
      if (names !== 'interceptors.request.use') return;
      const interceptors = unwrap(callee.object);
      if (interceptors.type !== AST_NODE_TYPES.MemberExpression) return;
      const requestMember = unwrap(interceptors.object);
      if (requestMember.type !== AST_NODE_TYPES.MemberExpression) return;
      const clientNode = requestMember.object;
      const client = analysis.resolveClient(clientNode);
      const [fn] = node.arguments;
      if (client?.kind !== 'axios' || !fn) return;
      reportAll(analysis.functionHeaderWrites(fn).entries, pseudoSite(node, client));
    }

    function checkUnrecognized(node: TSESTree.CallExpression): void {
      for (const argument of node.arguments) {
        const value = unwrap(argument);
        if (value.type !== AST_NODE_TYPES.ObjectExpression) continue;
        let headerObject: Node | undefined;
        for (const property of value.properties) {
          if (property.type === AST_NODE_TYPES.Property && !property.computed && property.key.type === AST_NODE_TYPES.Identifier && property.key.name === 'headers') {
            headerObject = unwrap(property.value);
          }
        }
        if (headerObject?.type !== AST_NODE_TYPES.ObjectExpression) continue;
        for (const property of headerObject.properties) {
          if (property.type !== AST_NODE_TYPES.Property) continue;
          const name = property.computed ? analysis.stringValue(property.key) : property.key.type === AST_NODE_TYPES.Identifier ? property.key.name : analysis.stringValue(property.key);
          if (name === undefined || !isXTokenHeader(name) || reported.has(property.key)) continue;
          reported.add(property.key);
          context.report({
            node: property.key,
            messageId: 'xTokenHeader',
            data: { client: `${sourceCode.getText(node.callee).slice(0, 40)}()`, target: 'the client is not one this rule knows', confidence: 'unknown' },
          });
        }
      }
    }

    const visitors = {
      CallExpression(node: TSESTree.CallExpression) {
        const site = analysis.requestSite(node);
        if (site) {
          reportAll(analysis.requestHeaders(site, false).entries, site);
          return;
        }
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression) {
          checkInterceptor(node);
          const method = memberName(callee);
          if (method === 'set' || method === 'append') checkDefaultsWrite(callee.object, node);
          else if (method === 'assign' && node.arguments[0]) checkDefaultsWrite(node.arguments[0], node);
        }
        if (options.reportUnrecognizedCalls) checkUnrecognized(node);
      },
      NewExpression(node: TSESTree.NewExpression) {
        const site = analysis.requestSite(node);
        if (site) reportAll(analysis.requestHeaders(site, false).entries, site);
      },
      AssignmentExpression(node: TSESTree.AssignmentExpression) {
        if (node.left.type === AST_NODE_TYPES.MemberExpression) checkDefaultsWrite(node.left, node);
      },
    };
    if (mentioned) return visitors;

    // Typed, and the name is not written here: only a computed key whose value comes from an import
    // can be `x-token`. Collect while ESLint walks (cheap), ask the checker at the end for those keys
    // alone, and analyse the requests only when one of them is the header name.
    const keys: Node[] = [];
    const calls: TSESTree.CallExpression[] = [];
    const constructions: TSESTree.NewExpression[] = [];
    const assignments: TSESTree.AssignmentExpression[] = [];
    const addKey = (key: Node | null | undefined): void => {
      if (key && key.type !== AST_NODE_TYPES.SpreadElement && literalString(key) === undefined) keys.push(key);
    };
    return {
      Property(node) {
        if (node.computed) addKey(node.key);
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
        if (!keys.some((key) => importedRoot(key) && isXTokenHeader(analysis.stringValue(key) ?? ''))) return;
        for (const node of calls) visitors.CallExpression(node);
        for (const node of constructions) visitors.NewExpression(node);
        for (const node of assignments) visitors.AssignmentExpression(node);
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
});

import { AST_NODE_TYPES, ASTUtils, type TSESLint, type TSESTree } from '@typescript-eslint/utils';
import {
  helperEnvVars,
  helperExports,
  isDynatraceSecret,
  isOAuthClientSecret,
  isPlaceholderSecret,
  isXTokenHeader,
  looksLikeApiToken,
  mayHoldCredential,
  nameHint,
  redactSecret,
  HEADER_WRITE_METHODS,
} from '../core/index.js';
import { createRuleWithCachedOptions } from './utils/cached-options.js';
import { staticPropertyKey } from '../analysis/ast.js';
import { calleeName, literalString, memberName, propertyKeyName, staticString } from './utils/static-string.js';

export type Options = [];
export type MessageIds = 'dynatraceSecret' | 'apiTokenInHeader' | 'keptnTokenValue' | 'clientSecretLiteral' | 'readFromEnvironment';

/** Shorter strings are never worth a second look: no credential we recognise is this short. */
const MIN_CANDIDATE_LENGTH = 8;
/** Every Dynatrace secret (`dt0s02.…`, `dt0c01.…`) starts like this; a cheap test before the regex. */
const DYNATRACE_SECRET_PREFIX = 'dt0';
const MIN_DYNATRACE_SECRET_LENGTH = 24;
const CLIENT_SECRET_OPTION = 'clientSecret';

/** Where a literal ends up, as far as this rule cares. */
type Sink =
  | { kind: 'x-token' }
  | { kind: 'client-secret' }
  | { kind: 'keptn-token-name'; name: string };

export default createRuleWithCachedOptions<Options, MessageIds>({
  name: 'no-hardcoded-credentials',
  meta: {
    type: 'problem',
    docs: {
      description: 'Disallow Dynatrace OAuth client secrets and Cloud Automation API tokens written into source code',
      recommended: true,
    },
    hasSuggestions: true,
    messages: {
      dynatraceSecret:
        'Hard-coded Dynatrace {{kind}} ({{redacted}}). Load it at run time (the OAuth helper reads {{envVar}}) and rotate it: it is in version control now.',
      apiTokenInHeader:
        'Hard-coded API token ({{length}} characters) sent in the x-token header. Never commit tokens; move to OAuth (npx eslint-plugin-cloud-automation migrate) and revoke this token.',
      keptnTokenValue:
        "Hard-coded Keptn API token ({{length}} characters) in '{{name}}'. Never commit tokens; move to OAuth (npx eslint-plugin-cloud-automation migrate) and revoke this token.",
      clientSecretLiteral:
        'Hard-coded client secret passed to {{helper}}. Read it at run time from {{envVar}} ({{fromEnv}}() does) and rotate it.',
      readFromEnvironment: 'Read the client secret from process.env.{{envVar}} instead.',
    },
    schema: [],
    defaultOptions: [],
  },
  create(context) {
    const { sourceCode } = context;

    function check(node: TSESTree.Literal | TSESTree.TemplateLiteral, value: string): void {
      if (value.length < MIN_CANDIDATE_LENGTH) return;
      if (
        value.length >= MIN_DYNATRACE_SECRET_LENGTH &&
        value.startsWith(DYNATRACE_SECRET_PREFIX) &&
        isDynatraceSecret(value) &&
        !isPlaceholderSecret(value)
      ) {
        context.report({
          node,
          messageId: 'dynatraceSecret',
          data: {
            kind: isOAuthClientSecret(value) ? 'OAuth client secret' : 'token',
            // The `dt0s02.` prefix only names the credential type; the rest stays hidden.
            redacted: redactSecret(value),
            envVar: helperEnvVars.clientSecret,
          },
        });
        return;
      }
      const sink = sinkOf(node, true);
      if (!sink) return;
      switch (sink.kind) {
        case 'x-token':
          if (looksLikeApiToken(value)) {
            context.report({ node, messageId: 'apiTokenInHeader', data: { length: value.length } });
          }
          return;
        case 'keptn-token-name':
          if (looksLikeApiToken(value)) {
            context.report({ node, messageId: 'keptnTokenValue', data: { length: value.length, name: sink.name } });
          }
          return;
        case 'client-secret':
          if (!isPlaceholderSecret(value)) reportClientSecret(node);
          return;
      }
    }

    function reportClientSecret(node: TSESTree.Literal | TSESTree.TemplateLiteral): void {
      const envVar = helperEnvVars.clientSecret;
      // The suggestion only replaces a literal that is the whole option value; inside `a ?? 'x'` the user decides.
      const replaceable = node.parent.type === AST_NODE_TYPES.Property && node.parent.value === node;
      context.report({
        node,
        messageId: 'clientSecretLiteral',
        data: { helper: helperExports.createClient, envVar, fromEnv: helperExports.clientFromEnv },
        suggest: replaceable
          ? [
              {
                messageId: 'readFromEnvironment',
                data: { envVar },
                fix: (fixer) => fixer.replaceText(node, `process.env.${envVar}`),
              },
            ]
          : [],
      });
    }

    /**
     * Follows a value up through expressions that pass it on unchanged (`a ?? 'x'`, `c ? 'x' : y`,
     * `'x' as string`) to the place that uses it. `followConst` lets a `const t = '…'` be judged
     * by where `t` is used; one level is enough and keeps the walk cheap.
     */
    function sinkOf(start: TSESTree.Node, followConst: boolean): Sink | undefined {
      let node = start;
      let parent = node.parent;
      while (
        parent &&
        (parent.type === AST_NODE_TYPES.LogicalExpression ||
          (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== node) ||
          parent.type === AST_NODE_TYPES.TSAsExpression ||
          parent.type === AST_NODE_TYPES.TSNonNullExpression ||
          parent.type === AST_NODE_TYPES.TSSatisfiesExpression)
      ) {
        node = parent;
        parent = node.parent;
      }
      if (!parent) return undefined;
      switch (parent.type) {
        case AST_NODE_TYPES.Property:
          return parent.value === node ? propertySink(parent) : undefined;
        case AST_NODE_TYPES.PropertyDefinition:
          return parent.value === node ? nameSink(keyName(parent)) : undefined;
        case AST_NODE_TYPES.AssignmentExpression:
          return parent.right === node ? targetSink(parent.left) : undefined;
        case AST_NODE_TYPES.CallExpression:
          return headerWriteSink(parent, node);
        case AST_NODE_TYPES.ArrayExpression:
          return headerEntrySink(parent, node);
        case AST_NODE_TYPES.VariableDeclarator:
          return parent.init === node ? declaratorSink(parent, followConst) : undefined;
        default:
          return undefined;
      }
    }

    /** A key's name; the scope lookup (not free: most literals sit under plain keys) only for computed keys. */
    function keyName(property: TSESTree.Property | TSESTree.PropertyDefinition): string | undefined {
      return property.computed ? propertyKeyName(property, sourceCode.getScope(property)) : staticPropertyKey(property);
    }

    function propertySink(property: TSESTree.Property): Sink | undefined {
      const key = keyName(property);
      if (key === undefined) return undefined;
      if (isXTokenHeader(key)) return { kind: 'x-token' };
      if (key === CLIENT_SECRET_OPTION && isHelperOptions(property.parent)) return { kind: 'client-secret' };
      return nameSink(key);
    }

    function nameSink(name: string | undefined): Sink | undefined {
      if (name === undefined) return undefined;
      const hint = nameHint(name);
      return hint?.role === 'token' && hint.keptn ? { kind: 'keptn-token-name', name } : undefined;
    }

    /** `headers['x-token'] = '…'`, `config.keptnToken = '…'`, `keptnToken = '…'`. */
    function targetSink(target: TSESTree.Node): Sink | undefined {
      if (target.type === AST_NODE_TYPES.MemberExpression) {
        const name = target.computed
          ? memberName(target, sourceCode.getScope(target))
          : target.property.type === AST_NODE_TYPES.Identifier
            ? target.property.name
            : undefined;
        if (name !== undefined && isXTokenHeader(name)) return { kind: 'x-token' };
        return nameSink(name);
      }
      return target.type === AST_NODE_TYPES.Identifier ? nameSink(target.name) : undefined;
    }

    /** `headers.set('x-token', '…')`, `req.setHeader('X-Token', '…')`. */
    function headerWriteSink(call: TSESTree.CallExpression, value: TSESTree.Node): Sink | undefined {
      const [name, second] = call.arguments;
      if (second !== value || !name) return undefined;
      const method = calleeName(call);
      if (method === undefined || !HEADER_WRITE_METHODS.includes(method)) return undefined;
      const header = staticString(name, sourceCode.getScope(call));
      return header !== undefined && isXTokenHeader(header) ? { kind: 'x-token' } : undefined;
    }

    /** `new Headers([['x-token', '…']])`: a two-element entry whose first element names the header. */
    function headerEntrySink(entry: TSESTree.ArrayExpression, value: TSESTree.Node): Sink | undefined {
      const [name, second] = entry.elements;
      if (entry.elements.length !== 2 || second !== value || !name || name.type === AST_NODE_TYPES.SpreadElement) {
        return undefined;
      }
      const header = staticString(name, sourceCode.getScope(entry));
      return header !== undefined && isXTokenHeader(header) ? { kind: 'x-token' } : undefined;
    }

    /** `const keptnApiToken = '…'`, or a `const` that is then sent as the x-token header. */
    function declaratorSink(declarator: TSESTree.VariableDeclarator, followConst: boolean): Sink | undefined {
      if (declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
      const named = nameSink(declarator.id.name);
      if (named || !followConst || declarator.parent.kind !== 'const') return named;
      const variable = ASTUtils.findVariable(sourceCode.getScope(declarator), declarator.id);
      for (const reference of variable?.references ?? []) {
        if (reference.init === true) continue;
        const sink = sinkOf(reference.identifier, false);
        if (sink) return sink;
      }
      return undefined;
    }

    /** The options object of `createOAuthClient({ … })`, whatever the helper's import is called. */
    function isHelperOptions(object: TSESTree.Node): boolean {
      const call = object.parent;
      return (
        object.type === AST_NODE_TYPES.ObjectExpression &&
        call?.type === AST_NODE_TYPES.CallExpression &&
        call.arguments[0] === object &&
        calleeName(call) === helperExports.createClient
      );
    }

    return {
      Literal(node): void {
        if (typeof node.value === 'string') check(node, node.value);
      },
      TemplateLiteral(node): void {
        if (node.expressions.length > 0) return;
        const value = literalString(node);
        if (value !== undefined) check(node, value);
      },
    } satisfies TSESLint.RuleListener;
  },
},
  // Most files hold no Dynatrace secret and no place a token is reported in: no listener at all.
  (sourceCode) => mayHoldCredential(sourceCode.text),
);

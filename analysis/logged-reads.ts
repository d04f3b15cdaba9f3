/**
 * Reads of request options or headers that are only logged: `console.debug('request', options)`,
 * `this.logger.info({ options })`, `log.debug('GET', { ...options, method: 'GET' })`,
 * `logger.child({ requestId }).info(options)`.
 *
 * Such a read does not keep a migration from removing the x-token: the log then shows the same
 * object without it, and the request still gets its credential, from the OAuth helper. A logger
 * may send what it is given somewhere (a transport to a remote host); after the migration that
 * holds no credential, which is safer, not riskier. A copy of the object used for anything else
 * (passed to another function, returned, stored, sent) is no log and still counts as a use.
 *
 * Whether the migration keeps the logged object a plain object without the credential (it must not
 * write the OAuth token into it, nor turn what it is read from into an async function) is the
 * codemod's to decide where it chooses the edit: this file only says the read is a log.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import { memberName, outermostTypeWrapper, type Node } from './ast.js';

/** The methods a log is written with, on `console` and on a logger (pino, winston, bunyan, Nest's `Logger`, `debug`-style wrappers). */
export const LOGGING_METHODS: ReadonlySet<string> = new Set(['log', 'debug', 'info', 'warn', 'error', 'trace']);

/** What a logger is called, as a variable (`logger.debug`) or a member (`this.logger.info`, `this.#log.warn`, `ctx.logger.error`). */
export const LOGGER_NAMES: ReadonlySet<string> = new Set(['logger', 'log', '_logger', '#logger', '#log']);

/** How far a read is followed through copies (`{ ...options }`, `{ options }`, `JSON.stringify(…)`) to the log that takes it. */
const MAX_COPIES = 4;

/**
 * Whether `read` (a variable's reference, a getter read `this.options`, a call `headers()`) is used
 * for nothing but an argument of logging calls: directly, through a member of it
 * (`options.headers`), `JSON.stringify(…)` of it, or an object literal it is spread or put into
 * that is itself logged, directly or through a `const` read only by logs.
 */
export function onlyLogged(read: Node, getScope: (node: Node) => TSESLint.Scope.Scope): boolean {
  return loggedValue(read, getScope, 0);
}

function loggedValue(value: Node, getScope: (node: Node) => TSESLint.Scope.Scope, depth: number): boolean {
  if (depth > MAX_COPIES) return false;
  const outer = outermostTypeWrapper(value);
  const parent = outer.parent;
  if (!parent) return false;
  switch (parent.type) {
    case AST_NODE_TYPES.CallExpression:
      if (parent.callee === outer) return false;
      if (isLoggingCall(parent, getScope)) return true;
      // `console.debug(JSON.stringify(options))`: the text of the object, logged.
      return isJsonStringify(parent.callee, getScope) && parent.arguments[0] === outer && loggedValue(parent, getScope, depth + 1);
    case AST_NODE_TYPES.MemberExpression:
      // `options.headers` logged is a part of what would be logged whole.
      return parent.object === outer && loggedValue(parent, getScope, depth + 1);
    case AST_NODE_TYPES.SpreadElement:
      return parent.parent.type === AST_NODE_TYPES.ObjectExpression && loggedCopy(parent.parent, getScope, depth + 1);
    case AST_NODE_TYPES.Property:
      return parent.value === outer && parent.parent.type === AST_NODE_TYPES.ObjectExpression && loggedCopy(parent.parent, getScope, depth + 1);
    default:
      return false;
  }
}

/** An object literal the value went into (`{ ...options, method }`, `{ options }`): logged itself, or held in a `const` only logs read. */
function loggedCopy(copy: TSESTree.ObjectExpression, getScope: (node: Node) => TSESLint.Scope.Scope, depth: number): boolean {
  if (loggedValue(copy, getScope, depth)) return true;
  const declarator = outermostTypeWrapper(copy).parent;
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
  if (declarator.parent.kind !== 'const') return false;
  const variable = variableOf(declarator.id, getScope);
  const reads = variable?.references.filter((reference) => !reference.init) ?? [];
  return reads.length > 0 && reads.every((reference) => reference.isReadOnly() && loggedValue(reference.identifier, getScope, depth));
}

/**
 * `console.debug(…)` (the global console), `logger.info(…)`, `this.logger.warn(…)`, `log.error(…)`, and
 * a child logger's (`logger.child({ requestId }).info(…)`, pino's and winston's): see the two lists above.
 */
export function isLoggingCall(call: TSESTree.CallExpression, getScope: (node: Node) => TSESLint.Scope.Scope): boolean {
  const callee = call.callee;
  if (callee.type !== AST_NODE_TYPES.MemberExpression || !LOGGING_METHODS.has(memberName(callee) ?? '')) return false;
  const logger = callee.object;
  if (logger.type === AST_NODE_TYPES.Identifier && logger.name === 'console') return isGlobal(logger, getScope);
  return isLogger(logger, 0);
}

/** A logger's name, or a child made of one (`logger.child({ … })`, `this.logger.child(…).child(…)`); what it is given to make the child is no log. */
function isLogger(node: Node, depth: number): boolean {
  if (node.type === AST_NODE_TYPES.Identifier) return LOGGER_NAMES.has(node.name);
  if (node.type === AST_NODE_TYPES.MemberExpression) return LOGGER_NAMES.has(memberName(node) ?? '');
  if (node.type !== AST_NODE_TYPES.CallExpression || depth > MAX_COPIES) return false;
  const callee = node.callee;
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'child' && isLogger(callee.object, depth + 1);
}

/** The global `JSON.stringify` (not a serializer of the code's own with a method of that name). */
export function isJsonStringify(callee: Node, getScope: (node: Node) => TSESLint.Scope.Scope): boolean {
  return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'stringify' &&
    callee.object.type === AST_NODE_TYPES.Identifier && callee.object.name === 'JSON' && isGlobal(callee.object, getScope);
}

function isGlobal(identifier: TSESTree.Identifier, getScope: (node: Node) => TSESLint.Scope.Scope): boolean {
  const variable = variableOf(identifier, getScope);
  return !variable || variable.defs.length === 0;
}

function variableOf(identifier: TSESTree.Identifier, getScope: (node: Node) => TSESLint.Scope.Scope): TSESLint.Scope.Variable | undefined {
  try {
    return findVariable(getScope(identifier), identifier) ?? undefined;
  } catch {
    return undefined;
  }
}

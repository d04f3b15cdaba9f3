import { AST_NODE_TYPES, ASTUtils, TSESLint, type TSESTree } from '@typescript-eslint/utils';

/**
 * Small, type-free readers of string values the source spells out: literals, template
 * literals without holes, and `const` bindings of those in the same file (through scope
 * analysis). Shared by no-hardcoded-credentials and valid-oauth-scopes.
 */

/** The text of a string literal or a template literal without holes; undefined otherwise. */
export function literalString(node: TSESTree.Node): string | undefined {
  if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
  if (node.type === AST_NODE_TYPES.TemplateLiteral && node.expressions.length === 0) {
    return node.quasis[0]?.value.cooked ?? undefined;
  }
  return undefined;
}

/** Strips what does not change a value at run time: `x as T`, `x!`, `x satisfies T`, `<T>x`. */
export function skipTypeWrappers(node: TSESTree.Node): TSESTree.Node {
  let current = node;
  while (
    current.type === AST_NODE_TYPES.TSAsExpression ||
    current.type === AST_NODE_TYPES.TSNonNullExpression ||
    current.type === AST_NODE_TYPES.TSSatisfiesExpression ||
    current.type === AST_NODE_TYPES.TSTypeAssertion
  ) {
    current = current.expression;
  }
  return current;
}

/**
 * The string a node stands for: a literal, or an identifier bound once by `const` to a
 * literal in this file (`const H = 'x-token'`). Type information is not needed for that.
 */
export function staticString(node: TSESTree.Node, scope: TSESLint.Scope.Scope): string | undefined {
  const bare = skipTypeWrappers(node);
  const direct = literalString(bare);
  if (direct !== undefined || bare.type !== AST_NODE_TYPES.Identifier) return direct;
  const variable = ASTUtils.findVariable(scope, bare);
  const definition = variable?.defs.length === 1 ? variable.defs[0] : undefined;
  if (
    definition?.type !== TSESLint.Scope.DefinitionType.Variable ||
    definition.parent.kind !== 'const' ||
    definition.node.id.type !== AST_NODE_TYPES.Identifier ||
    !definition.node.init
  ) {
    return undefined;
  }
  return literalString(skipTypeWrappers(definition.node.init));
}

/** The name of a property key: `a`, `'a'`, `` [`a`] ``, `[A]` with `const A = 'a'`. */
export function propertyKeyName(
  property: TSESTree.Property | TSESTree.PropertyDefinition,
  scope: TSESLint.Scope.Scope,
): string | undefined {
  if (!property.computed) {
    if (property.key.type === AST_NODE_TYPES.Identifier) return property.key.name;
    if (property.key.type === AST_NODE_TYPES.Literal) return String(property.key.value);
    return undefined;
  }
  return staticString(property.key, scope);
}

/** The name of the member a member expression reads: `a.b` → `b`, `a['b']` → `b`, `a[B]` → B's value. */
export function memberName(member: TSESTree.MemberExpression, scope: TSESLint.Scope.Scope): string | undefined {
  if (!member.computed) {
    return member.property.type === AST_NODE_TYPES.Identifier ? member.property.name : undefined;
  }
  return staticString(member.property, scope);
}

/** The name a call's callee ends with: `f(…)` → `f`, `a.b.f(…)` → `f`. */
export function calleeName(call: TSESTree.CallExpression | TSESTree.NewExpression): string | undefined {
  const callee = skipTypeWrappers(call.callee);
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) {
    return callee.property.name;
  }
  if (callee.type === AST_NODE_TYPES.ChainExpression) {
    const inner = callee.expression;
    if (inner.type === AST_NODE_TYPES.MemberExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier) {
      return inner.property.name;
    }
  }
  return undefined;
}

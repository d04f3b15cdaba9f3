/**
 * Where a header object leaves its module: a header builder (`export function keptnHeaders()
 * { return { 'x-token': t } }`) sends nothing itself, its callers in other modules do. No request
 * of its own file reaches the header, so without this the lint and the codemod would not see it
 * at all while the requests elsewhere keep sending the old token.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import { clientWrappers, type ClientWrapper } from '../core/index.js';
import { isFunctionNode, memberName, moduleImportOf, outermostTypeWrapper, staticPropertyKey, unwrap, type Node } from './ast.js';

type Variable = TSESLint.Scope.Variable;

export interface ModuleExit {
  /** The exported function whose result carries the header, the exported binding holding it, or the registration call. */
  readonly node: Node;
  /** Its exported name (undefined for an anonymous default export), or the registration as called (`HttpModule.register`). */
  readonly name: string | undefined;
  /**
   * `returned` by an exported function, `exported` as a value, or `registered` with a framework
   * that configures clients with it (Nest's `HttpModule.register({ headers })`: `wrapper` says which).
   */
  readonly kind: 'returned' | 'exported' | 'registered';
  /** For a registration, the wrapper whose instances the options configure, and the options object handed over. */
  readonly wrapper?: ClientWrapper;
  readonly options?: Node;
}

/**
 * Values a header can pass through on its way out unchanged or merged (`{ ...base, 'x-token': t }`,
 * `t ? {…} : {}`, `Object.assign({}, base, { 'x-token': t })` as hand-written CommonJS and tsc's
 * ES2017 output write the spread), up to one exported under a name of its own
 * (`module.exports = { headers: {…} }` exports `headers`, which other modules read, not the whole object).
 */
function enclosingValue(node: Node): Node {
  let current = outermostTypeWrapper(node);
  for (;;) {
    const parent = current.parent;
    if (!parent || exportedAt(current) !== undefined) return current;
    const climbs =
      (parent.type === AST_NODE_TYPES.Property && parent.value === current && parent.parent.type === AST_NODE_TYPES.ObjectExpression) ||
      (parent.type === AST_NODE_TYPES.SpreadElement && parent.parent.type === AST_NODE_TYPES.ObjectExpression) ||
      (parent.type === AST_NODE_TYPES.LogicalExpression && parent.right === current) ||
      (parent.type === AST_NODE_TYPES.ConditionalExpression && parent.test !== current) ||
      (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments.includes(current as TSESTree.CallExpressionArgument) && isObjectAssign(parent.callee));
    if (!climbs) return current;
    current = outermostTypeWrapper(parent.type === AST_NODE_TYPES.Property || parent.type === AST_NODE_TYPES.SpreadElement ? parent.parent : parent);
  }
}

/** `Object.assign`, which returns its first argument with the others merged into it. */
function isObjectAssign(callee: Node): boolean {
  const node = unwrap(callee);
  return node.type === AST_NODE_TYPES.MemberExpression && unwrap(node.object).type === AST_NODE_TYPES.Identifier && (unwrap(node.object) as TSESTree.Identifier).name === 'Object' && memberName(node) === 'assign';
}

/** `exports.x`, `module.exports.x` → `x`; `module.exports` → `default`. */
export function commonJsExportName(target: Node): string | undefined {
  const node = unwrap(target);
  if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
  const object = unwrap(node.object);
  if (object.type === AST_NODE_TYPES.Identifier && object.name === 'module' && memberName(node) === 'exports') return 'default';
  const isExportsObject =
    (object.type === AST_NODE_TYPES.Identifier && object.name === 'exports') ||
    (object.type === AST_NODE_TYPES.MemberExpression && commonJsExportName(object) === 'default');
  return isExportsObject ? memberName(node) : undefined;
}

/** The name a value is exported under where it stands (`export default v`, `exports.x = v`, `module.exports = { x: v }`). */
function exportedAt(value: Node): string | undefined {
  const node = outermostTypeWrapper(value);
  const parent = node.parent;
  if (!parent) return undefined;
  if (parent.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
  if (parent.type === AST_NODE_TYPES.ExportSpecifier && parent.local === node) {
    return parent.exported.type === AST_NODE_TYPES.Identifier ? parent.exported.name : parent.exported.value;
  }
  if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.right === node) return commonJsExportName(parent.left);
  if (parent.type === AST_NODE_TYPES.Property && parent.value === node && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
    const object = outermostTypeWrapper(parent.parent);
    const holder = object.parent;
    if (holder?.type === AST_NODE_TYPES.AssignmentExpression && holder.right === object && commonJsExportName(holder.left) === 'default') return staticPropertyKey(parent);
  }
  return undefined;
}

export function createModuleExits(variableOf: (identifier: TSESTree.Identifier) => Variable | undefined) {
  /** The name a variable is exported under: `export const`/`export function`, `export { v }`, `exports.v = v`. */
  function exportedVariable(variable: Variable): string | undefined {
    for (const def of variable.defs) {
      const declaration: Node = def.node.type === AST_NODE_TYPES.VariableDeclarator ? def.node.parent : def.node;
      const holder: Node = declaration.parent;
      if (holder.type === AST_NODE_TYPES.ExportNamedDeclaration) return variable.name;
      if (holder.type === AST_NODE_TYPES.ExportDefaultDeclaration) return 'default';
    }
    for (const reference of variable.references) {
      const name = reference.isRead() ? exportedAt(reference.identifier) : undefined;
      if (name !== undefined) return name;
    }
    return undefined;
  }

  /**
   * Every name other modules read a variable by: its own export (`export const v`, `export class C`),
   * and each export of its binding (`export { v as w }`, `exports.w = v`, `export const w = v`), which
   * may be several.
   */
  function exportedNames(variable: Variable): string[] {
    const names = new Set<string>();
    const declared = exportedVariable(variable);
    if (declared !== undefined) names.add(declared);
    for (const reference of variable.references) {
      if (reference.init || !reference.isRead() || (reference.isTypeReference && !reference.isValueReference)) continue;
      const exported = exportedValueName(outermostTypeWrapper(reference.identifier));
      if (exported !== undefined) names.add(exported);
    }
    return [...names];
  }

  /**
   * Whether a read of a binding does nothing in its module but export it: `export { f }`,
   * `exports.f = f`, `module.exports = { f }`, `export default f`, or `export const g = f` where this
   * module reads `g` for nothing but exports too. Its uses are then other modules' (see `exportedNames`).
   */
  function onlyExports(use: Node): boolean {
    const node = outermostTypeWrapper(use);
    if (exportedAt(node) !== undefined) return true;
    const declarator = node.parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== node || declarator.id.type !== AST_NODE_TYPES.Identifier) return false;
    const alias = variableOf(declarator.id);
    if (!alias || exportedVariable(alias) === undefined) return false;
    return alias.references.every(
      (reference) =>
        reference.init ||
        (reference.isTypeReference && !reference.isValueReference) ||
        reference.identifier.parent.type === AST_NODE_TYPES.TSTypeQuery ||
        exportedAt(outermostTypeWrapper(reference.identifier)) !== undefined,
    );
  }

  /**
   * The name other modules read a value by: exported where it stands (`export default new C()`,
   * `exports.c = new C()`), or through the variable it initialises (`export const c = new C()`,
   * `const c = new C(); export { c }`).
   */
  function exportedValueName(value: Node): string | undefined {
    const direct = exportedAt(value);
    if (direct !== undefined) return direct;
    const declarator = outermostTypeWrapper(value).parent;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== outermostTypeWrapper(value) || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = variableOf(declarator.id);
    return variable ? exportedVariable(variable) : undefined;
  }

  /** Every name other modules can call a function by: where it stands (`export default function`), or its binding's exports. */
  function exportedFunctionNames(fn: Node): string[] {
    const direct = exportedAt(fn);
    if (direct !== undefined) return [direct];
    const variable = functionVariable(fn);
    return variable ? exportedNames(variable) : [];
  }

  /** The binding a function is declared by: `function f() {}`, `const f = () => …`. */
  function functionVariable(fn: Node): Variable | undefined {
    let id: Node | null | undefined;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration) id = fn.id;
    else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.init === outermostTypeWrapper(fn)) id = fn.parent.id;
    return id?.type === AST_NODE_TYPES.Identifier ? variableOf(id) : undefined;
  }

  /** A function other modules can call: exported itself, or through the variable that holds it. */
  function exportedFunction(fn: Node): ModuleExit | undefined {
    const direct = exportedAt(fn);
    if (direct !== undefined) return { node: fn, name: direct, kind: 'returned' };
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration && !fn.id) return { node: fn, name: undefined, kind: 'returned' };
    const variable = functionVariable(fn);
    const name = variable ? exportedVariable(variable) : undefined;
    return name === undefined ? undefined : { node: fn, name, kind: 'returned' };
  }

  /**
   * The registration `options` are handed to: `HttpModule.register(options)`, or the object
   * `HttpModule.registerAsync({ useFactory })` gets, when `options` is what the factory `fn` returns.
   */
  function registrationOf(options: Node, fn: Node | undefined): ModuleExit | undefined {
    let argument = options;
    if (fn) {
      const property = outermostTypeWrapper(fn).parent;
      if (property?.type !== AST_NODE_TYPES.Property || property.value !== outermostTypeWrapper(fn) || property.parent.type !== AST_NODE_TYPES.ObjectExpression) return undefined;
      const factoryName = staticPropertyKey(property);
      if (!clientWrappers.some((wrapper) => wrapper.registration?.factoryOption === factoryName)) return undefined;
      argument = property.parent;
    }
    const call = outermostTypeWrapper(argument).parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== outermostTypeWrapper(argument)) return undefined;
    const callee = unwrap(call.callee);
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const method = memberName(callee);
    const holder = unwrap(callee.object);
    const variable = holder.type === AST_NODE_TYPES.Identifier ? variableOf(holder) : undefined;
    const def = variable?.defs[0];
    const imported = def && def.name.type === AST_NODE_TYPES.Identifier ? moduleImportOf(def.node, def.name) : undefined;
    const wrapper = clientWrappers.find(
      ({ registration, module }) =>
        registration !== undefined && imported?.module === module && imported.importName === registration.className && method === (fn === undefined ? registration.method : registration.factoryMethod),
    );
    return wrapper?.registration ? { node: call, name: `${wrapper.registration.className}.${method ?? ''}`, kind: 'registered', wrapper, options } : undefined;
  }

  /** Where `value` leaves the module, following a variable that holds it up to `depth` steps. */
  function exitOfValue(value: Node, depth: number): ModuleExit | undefined {
    const outer = enclosingValue(value);
    const parent = outer.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.ReturnStatement) {
      let fn: Node | undefined = parent.parent;
      while (fn && !isFunctionNode(fn)) fn = fn.parent;
      return fn ? (exportedFunction(fn) ?? registrationOf(outer, fn)) : undefined;
    }
    if (parent.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === outer) return exportedFunction(parent) ?? registrationOf(outer, parent);
    const registered = registrationOf(outer, undefined);
    if (registered) return registered;
    const name = exportedAt(outer);
    if (name !== undefined) return { node: outer, name, kind: 'exported' };
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === outer && parent.id.type === AST_NODE_TYPES.Identifier) {
      return exitOfVariable(parent.id, depth);
    }
    if (outer.type === AST_NODE_TYPES.Identifier) return exitOfVariable(outer, depth);
    return undefined;
  }

  /** A header object held by a variable (or written into one, `headers['x-token'] = t`) leaves where any read of it does. */
  function exitOfVariable(identifier: TSESTree.Identifier, depth: number): ModuleExit | undefined {
    if (depth > 2) return undefined;
    const variable = variableOf(identifier);
    if (!variable) return undefined;
    for (const def of variable.defs) {
      const declarator = def.node;
      if (declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.id === def.name && exportedVariable(variable) !== undefined) {
        return { node: declarator.id, name: exportedVariable(variable), kind: 'exported' };
      }
    }
    for (const reference of variable.references) {
      if (!reference.isRead() || reference.identifier === identifier || reference.identifier.type !== AST_NODE_TYPES.Identifier) continue;
      const exit = exitOfValue(reference.identifier, depth + 1);
      if (exit) return exit;
    }
    return undefined;
  }

  /**
   * Where the object an `x-token` header is written into leaves the module: the key of an object
   * literal, the property of `target[name] = value`, or the name argument of `target.set(name, value)`.
   */
  function headerExit(key: Node): ModuleExit | undefined {
    const parent = key.parent;
    if (!parent) return undefined;
    if (parent.type === AST_NODE_TYPES.Property && parent.key === key && parent.parent.type === AST_NODE_TYPES.ObjectExpression) return exitOfValue(parent.parent, 0);
    if (parent.type === AST_NODE_TYPES.MemberExpression && parent.property === key && parent.parent.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent) {
      const target = unwrap(parent.object);
      return target.type === AST_NODE_TYPES.Identifier ? exitOfVariable(target, 0) : undefined;
    }
    if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === key) {
      const callee = unwrap(parent.callee);
      const target = callee.type === AST_NODE_TYPES.MemberExpression ? unwrap(callee.object) : undefined;
      return target?.type === AST_NODE_TYPES.Identifier ? exitOfVariable(target, 0) : undefined;
    }
    return undefined;
  }

  return {
    headerExit,
    /** Whether other modules can call a function (ESM and CommonJS exports alike, under any name). */
    isExportedFunction: (fn: Node): boolean => exportedFunctionNames(fn).length > 0,
    exportedFunctionNames,
    /** The name other modules read a variable by (`export class C`, `export { c }`, `exports.C = C`). */
    exportedVariableName: exportedVariable,
    exportedNames,
    onlyExports,
    exportedValueName,
  };
}

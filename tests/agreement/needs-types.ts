/**
 * Why a finding can need type information: the harness's own answer, written apart from the
 * request analysis so that it can disagree with it. A finding (or a confidence) that only the
 * typed lint has is accepted when, at the site, a value the finding depends on comes from where
 * only the type checker can see it:
 *
 * - a value imported from a module of the project (not an HTTP client's own module): a header-name
 *   constant, a base URL, an instance exported by a local module;
 * - a parameter or class field whose declared type names it (`http: AxiosInstance`);
 *
 * looked for in the header name, the request's callee and arguments, and (through `const`/`let`
 * initialisers and `this.field` initialisers of this file, a few steps deep) where those come from.
 * Anything else only the typed lint finds is a disagreement: the untyped lint should have seen it.
 */
import { isBuiltin } from 'node:module';
import { parseForESLint } from '@typescript-eslint/parser';
import { AST_NODE_TYPES, TSESLint, type TSESTree } from '@typescript-eslint/utils';
import { clientModules } from '../../core/index.js';

type Node = TSESTree.Node;
type Reference = TSESLint.Scope.Reference;
type Variable = TSESLint.Scope.Variable;
const { DefinitionType } = TSESLint.Scope;

interface ParsedFile {
  readonly ast: TSESTree.Program;
  readonly source: string;
  readonly references: Map<Node, Reference>;
  readonly parents: Map<Node, Node>;
  readonly children: Map<Node, Node[]>;
  /** Each variable's references, for following a value forward to the calls it reaches. */
  readonly variableReferences: Map<Variable, readonly Reference[]>;
}

const parsed = new Map<string, ParsedFile>();

function parse(filePath: string, source: string): ParsedFile {
  const key = `${filePath}\u0000${source}`;
  const known = parsed.get(key);
  if (known) return known;
  const result = parseForESLint(source, {
    filePath,
    range: true,
    loc: true,
    jsx: /\.[jt]sx$/u.test(filePath),
    sourceType: /\.c[jt]s$/u.test(filePath) ? 'script' : 'module',
    ecmaVersion: 'latest',
  });
  const { scopeManager, ast } = result;
  const references = new Map<Node, Reference>();
  const variableReferences = new Map<Variable, readonly Reference[]>();
  for (const scope of scopeManager.scopes) {
    for (const reference of scope.references) references.set(reference.identifier, reference);
    for (const variable of scope.variables) variableReferences.set(variable, variable.references);
  }
  const parents = new Map<Node, Node>();
  const children = new Map<Node, Node[]>();
  const visitorKeys = result.visitorKeys as Readonly<Record<string, readonly string[] | undefined>>;
  const link = (node: Node): void => {
    for (const key of visitorKeys[node.type] ?? []) {
      const value = (node as unknown as Record<string, unknown>)[key];
      for (const child of Array.isArray(value) ? (value as unknown[]) : [value]) {
        if (typeof child === 'object' && child !== null && typeof (child as { type?: unknown }).type === 'string') {
          parents.set(child as Node, node);
          children.set(node, [...(children.get(node) ?? []), child as Node]);
          link(child as Node);
        }
      }
    }
  };
  link(ast);
  const file = { ast, source, references, parents, children, variableReferences };
  // One file at a time is asked about; keep only the last.
  parsed.clear();
  parsed.set(key, file);
  return file;
}

/** The node ESLint reported: its exact range, else the smallest node starting there. */
function nodeAt(file: ParsedFile, line: number, column: number, endLine: number | undefined, endColumn: number | undefined): Node | undefined {
  let best: Node | undefined;
  const visit = (node: Node): void => {
    const { start, end } = node.loc;
    if (start.line > line || end.line < line) return;
    if (start.line === line && start.column === column - 1) {
      const exact = endLine === undefined || (end.line === endLine && end.column === (endColumn ?? 0) - 1);
      const bestExact = best !== undefined && endLine !== undefined && best.loc.end.line === endLine && best.loc.end.column === (endColumn ?? 0) - 1;
      if (!best || (exact && !bestExact) || (exact === bestExact && node.range[1] - node.range[0] <= best.range[1] - best.range[0])) best = node;
    }
    for (const child of file.children.get(node) ?? []) visit(child);
  };
  visit(file.ast);
  return best;
}

const PASS_THROUGH = new Set<string>([
  AST_NODE_TYPES.ObjectExpression,
  AST_NODE_TYPES.Property,
  AST_NODE_TYPES.SpreadElement,
  AST_NODE_TYPES.ArrayExpression,
  AST_NODE_TYPES.LogicalExpression,
  AST_NODE_TYPES.ConditionalExpression,
  AST_NODE_TYPES.TemplateLiteral,
  AST_NODE_TYPES.BinaryExpression,
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
  AST_NODE_TYPES.MemberExpression,
  AST_NODE_TYPES.AwaitExpression,
]);

/**
 * The expressions a finding's request is made of: from the reported node outwards to the call
 * (or assignment) it sits in, its callee and arguments; through a variable, the calls that use it.
 */
function requestParts(file: ParsedFile, start: Node, depth = 0): Node[] {
  let current = start;
  for (;;) {
    const parent = file.parents.get(current);
    if (!parent) return [];
    if (parent.type === AST_NODE_TYPES.CallExpression || parent.type === AST_NODE_TYPES.NewExpression) {
      return [parent.callee, ...parent.arguments];
    }
    if (parent.type === AST_NODE_TYPES.AssignmentExpression) return [parent.left, parent.right];
    if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.init === current && parent.id.type === AST_NODE_TYPES.Identifier) {
      if (depth >= 3) return [];
      const variable = [...file.variableReferences.keys()].find((candidate) => candidate.identifiers.includes(parent.id as TSESTree.Identifier));
      return (file.variableReferences.get(variable as Variable) ?? [])
        .filter((reference) => reference.identifier !== parent.id)
        .flatMap((reference) => requestParts(file, reference.identifier as Node, depth + 1));
    }
    if (!PASS_THROUGH.has(parent.type)) return [];
    current = parent;
  }
}

function isFunction(node: Node): boolean {
  return (
    node.type === AST_NODE_TYPES.FunctionExpression ||
    node.type === AST_NODE_TYPES.ArrowFunctionExpression ||
    node.type === AST_NODE_TYPES.FunctionDeclaration
  );
}

/** The name of an `export function f` / `export const f = (…) => …`, if `fn` is one. */
function exportedName(file: ParsedFile, fn: Node): string | undefined {
  if (fn.type === AST_NODE_TYPES.FunctionDeclaration) return file.parents.get(fn)?.type === AST_NODE_TYPES.ExportNamedDeclaration ? fn.id?.name : undefined;
  const declarator = file.parents.get(fn);
  if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const declaration = file.parents.get(declarator);
  return declaration && file.parents.get(declaration)?.type === AST_NODE_TYPES.ExportNamedDeclaration ? declarator.id.name : undefined;
}

/** The name an object literal holding the header key is exported under: `export const h = {…}`, `const h = {…}; export { h as x }`, `exports.x = {…}`. */
function exportedObjectName(file: ParsedFile, key: Node): string | undefined {
  const property = file.parents.get(key);
  const object = property ? file.parents.get(property) : undefined;
  const holder = object ? file.parents.get(object) : undefined;
  if (object?.type !== AST_NODE_TYPES.ObjectExpression || !holder) return undefined;
  if (holder.type === AST_NODE_TYPES.AssignmentExpression && holder.left.type === AST_NODE_TYPES.MemberExpression && holder.left.object.type === AST_NODE_TYPES.Identifier && holder.left.object.name === 'exports') {
    return holder.left.property.type === AST_NODE_TYPES.Identifier ? holder.left.property.name : undefined;
  }
  if (holder.type !== AST_NODE_TYPES.VariableDeclarator || holder.id.type !== AST_NODE_TYPES.Identifier) return undefined;
  const local = holder.id.name;
  const declaration = file.parents.get(holder);
  if (declaration && file.parents.get(declaration)?.type === AST_NODE_TYPES.ExportNamedDeclaration) return local;
  for (const statement of file.ast.body) {
    if (statement.type !== AST_NODE_TYPES.ExportNamedDeclaration || statement.source) continue;
    for (const specifier of statement.specifiers) {
      if (specifier.local.name === local) return specifier.exported.type === AST_NODE_TYPES.Identifier ? specifier.exported.name : specifier.exported.value;
    }
  }
  return undefined;
}

/**
 * Whether the header is in the options of a call that makes an instance, whose result leaves the
 * module: `export const api = axios.create({…})`, or returned by an exported function. Says which.
 */
function exportedInstanceName(file: ParsedFile, key: Node): string | undefined {
  let call: Node | undefined = file.parents.get(key);
  while (call && call.type !== AST_NODE_TYPES.CallExpression && call.type !== AST_NODE_TYPES.NewExpression) {
    if (isFunction(call)) return undefined;
    call = file.parents.get(call);
  }
  // An instance is made (`axios.create`, `got.extend`, `ky.create`, `new HttpClient(…)`), not a request sent.
  const makesInstance =
    call?.type === AST_NODE_TYPES.NewExpression ||
    (call?.type === AST_NODE_TYPES.CallExpression && call.callee.type === AST_NODE_TYPES.MemberExpression && call.callee.property.type === AST_NODE_TYPES.Identifier && ['create', 'extend'].includes(call.callee.property.name));
  if (!call || !makesInstance) return undefined;
  const holder = file.parents.get(call);
  if (holder?.type === AST_NODE_TYPES.VariableDeclarator && holder.init === call && holder.id.type === AST_NODE_TYPES.Identifier) {
    const declaration = file.parents.get(holder);
    if (declaration && file.parents.get(declaration)?.type === AST_NODE_TYPES.ExportNamedDeclaration) return `is the exported \`${holder.id.name}\``;
  }
  let fn: Node | undefined = holder?.type === AST_NODE_TYPES.ReturnStatement ? file.parents.get(holder) : holder;
  while (fn && !isFunction(fn)) fn = fn.type === AST_NODE_TYPES.BlockStatement || fn.type === AST_NODE_TYPES.IfStatement ? file.parents.get(fn) : undefined;
  const name = fn ? exportedName(file, fn) : undefined;
  return name === undefined ? undefined : `the exported \`${name}\` returns`;
}

function enclosingClass(file: ParsedFile, node: Node): TSESTree.ClassDeclaration | TSESTree.ClassExpression | undefined {
  for (let current = file.parents.get(node); current; current = file.parents.get(current)) {
    if (current.type === AST_NODE_TYPES.ClassDeclaration || current.type === AST_NODE_TYPES.ClassExpression) return current;
  }
  return undefined;
}

/**
 * A declared type that can tell a checker something syntax cannot: a named type (`AxiosInstance`,
 * `Got`, `typeof client`), not `string` or `object`, which say nothing about a client or a URL.
 */
function namesAType(type: TSESTree.TypeNode): boolean {
  switch (type.type) {
    case AST_NODE_TYPES.TSTypeReference:
    case AST_NODE_TYPES.TSTypeQuery:
    case AST_NODE_TYPES.TSImportType:
    case AST_NODE_TYPES.TSLiteralType:
      return true;
    case AST_NODE_TYPES.TSUnionType:
    case AST_NODE_TYPES.TSIntersectionType:
      return type.types.some(namesAType);
    default:
      return false;
  }
}

function text(file: ParsedFile, node: Node): string {
  return file.source.slice(node.range[0], node.range[1]).replace(/\s+/gu, ' ');
}

/** Reasons, in `node` and where its values come from, that only the type checker can answer. */
function typeDependencies(file: ParsedFile, node: Node, reasons: Set<string>, seen: Set<Node>, depth: number, confidenceOnly: boolean): void {
  if (depth > 4 || seen.has(node)) return;
  seen.add(node);
  const visit = (inner: Node): void => {
    if (inner !== node && isFunction(inner)) return;
    if (inner.type === AST_NODE_TYPES.Identifier) identifier(inner);
    if (inner.type === AST_NODE_TYPES.MemberExpression && inner.object.type === AST_NODE_TYPES.ThisExpression && !inner.computed && inner.property.type === AST_NODE_TYPES.Identifier) {
      classField(inner, inner.property.name);
    }
    for (const child of file.children.get(inner) ?? []) visit(child);
  };
  const identifier = (id: TSESTree.Identifier): void => {
    const variable = file.references.get(id)?.resolved;
    const definition = variable?.defs[0];
    if (!definition) return;
    switch (definition.type) {
      case DefinitionType.ImportBinding: {
        const declaration = definition.parent as TSESTree.ImportDeclaration;
        const module = declaration.source.value;
        // Node's own modules (`url.parse`) are no value of the project a checker must look into.
        if (!clientModules.has(module) && !isBuiltin(module)) reasons.add(`\`${id.name}\` is imported from '${module}'`);
        return;
      }
      case DefinitionType.Parameter: {
        const annotation = definition.name.type === AST_NODE_TYPES.Identifier ? definition.name.typeAnnotation : undefined;
        if (annotation && namesAType(annotation.typeAnnotation)) reasons.add(`\`${id.name}\` is a parameter typed \`${text(file, annotation.typeAnnotation)}\``);
        // Who calls an exported function changes how sure a request is, never whether it is found.
        const exported = confidenceOnly ? exportedName(file, definition.node) : undefined;
        if (exported !== undefined) reasons.add(`\`${id.name}\` is a parameter of the exported \`${exported}\`, whose callers in other modules only the program's file list shows`);
        return;
      }
      case DefinitionType.Variable: {
        const declarator = definition.node;
        if (declarator.id.type === AST_NODE_TYPES.Identifier && declarator.id.typeAnnotation && namesAType(declarator.id.typeAnnotation.typeAnnotation)) {
          reasons.add(`\`${id.name}\` is declared with the type \`${text(file, declarator.id.typeAnnotation.typeAnnotation)}\``);
        }
        if (declarator.init) typeDependencies(file, declarator.init, reasons, seen, depth + 1, confidenceOnly);
        return;
      }
      default:
        return;
    }
  };
  const classField = (member: Node, name: string): void => {
    const owner = enclosingClass(file, member);
    if (!owner) return;
    for (const element of owner.body.body) {
      if (element.type === AST_NODE_TYPES.PropertyDefinition && !element.computed && element.key.type === AST_NODE_TYPES.Identifier && element.key.name === name) {
        if (element.typeAnnotation && namesAType(element.typeAnnotation.typeAnnotation)) reasons.add(`\`this.${name}\` is a class field typed \`${text(file, element.typeAnnotation.typeAnnotation)}\``);
        if (element.value) typeDependencies(file, element.value, reasons, seen, depth + 1, confidenceOnly);
      }
      if (element.type === AST_NODE_TYPES.MethodDefinition && element.kind === 'constructor') {
        for (const parameter of element.value.params) {
          if (parameter.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const bound = parameter.parameter.type === AST_NODE_TYPES.AssignmentPattern ? parameter.parameter.left : parameter.parameter;
          if ('name' in bound && bound.name === name && bound.typeAnnotation && namesAType(bound.typeAnnotation.typeAnnotation)) {
            reasons.add(`\`this.${name}\` is a constructor parameter typed \`${text(file, bound.typeAnnotation.typeAnnotation)}\``);
          }
        }
        // `this.http = make(…)` in the constructor.
        const assignments: TSESTree.AssignmentExpression[] = [];
        const collect = (inner: Node): void => {
          if (
            inner.type === AST_NODE_TYPES.AssignmentExpression &&
            inner.left.type === AST_NODE_TYPES.MemberExpression &&
            inner.left.object.type === AST_NODE_TYPES.ThisExpression &&
            inner.left.property.type === AST_NODE_TYPES.Identifier &&
            inner.left.property.name === name
          ) {
            assignments.push(inner);
          }
          for (const child of file.children.get(inner) ?? []) collect(child);
        };
        if (element.value.body) collect(element.value.body);
        for (const assignment of assignments) typeDependencies(file, assignment.right, reasons, seen, depth + 1, confidenceOnly);
      }
    }
  };
  visit(node);
}

export interface ReportedNode {
  readonly line: number;
  readonly column: number;
  readonly endLine: number | undefined;
  readonly endColumn: number | undefined;
}

/**
 * Why the typed lint can see this finding (or be surer of it) while the untyped lint cannot:
 * each reason names the value and where only types can tell what it is. Empty: nothing here
 * needs types.
 */
export function explainTypedOnly(file: string, source: string, kind: 'x-token' | 'no-oauth', finding: ReportedNode, { confidenceOnly = false }: { confidenceOnly?: boolean } = {}): string[] {
  const parsedFile = parse(file, source);
  const node = nodeAt(parsedFile, finding.line, finding.column, finding.endLine, finding.endColumn);
  if (!node) return [];
  const reasons = new Set<string>();
  const seen = new Set<Node>();
  // The header name itself: `[HEADERS.TOKEN]`, `[TOKEN_HEADER]`.
  if (kind === 'x-token') typeDependencies(parsedFile, node, reasons, seen, 0, confidenceOnly);
  // A header builder is as sure as the requests its callers elsewhere send its result with.
  if (kind === 'x-token' && confidenceOnly) {
    // A header written straight into what the function returns or fills in, not inside a call (a request) of its own.
    let fn = parsedFile.parents.get(node);
    let inCall = false;
    while (fn && !isFunction(fn)) {
      if (fn.type === AST_NODE_TYPES.CallExpression || fn.type === AST_NODE_TYPES.NewExpression) inCall = true;
      fn = parsedFile.parents.get(fn);
    }
    const exported = fn && !inCall ? exportedName(parsedFile, fn) : undefined;
    if (exported !== undefined) reasons.add(`the header is in what the exported \`${exported}\` returns, sent by its callers in other modules, which only the program's file list shows`);
    const exportedObject = fn ? undefined : exportedObjectName(parsedFile, node);
    if (exportedObject !== undefined) reasons.add(`the header is in the exported object \`${exportedObject}\`, sent by the requests of other modules that read it, which only the program's file list shows`);
    const instance = exportedInstanceName(parsedFile, node);
    if (instance !== undefined) reasons.add(`the header is in the options of a call whose result ${instance}, graded by the requests other modules make with it, which only the program's file list shows`);
  }
  for (const part of requestParts(parsedFile, node)) typeDependencies(parsedFile, part, reasons, seen, 0, confidenceOnly);
  return [...reasons].sort();
}

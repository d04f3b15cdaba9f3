/**
 * The one place where a migration deletes declarations its own edits left unused: the old
 * token variable, the `process.env` read behind it, `import fetch from 'node-fetch'`,
 * `const fetch = require('node-fetch')`. Every pass over a file (x-token-to-oauth, add-oauth,
 * both under `migrate`) queues its edits first; this runs once afterwards over all of them,
 * so the same leftover is removed the same way whichever pass made it unused.
 *
 * The rule (docs/codemods/x-token-to-oauth.md, "What is removed"):
 * - Only a binding that some deleted or replaced code referenced, and that no code left in the
 *   file references, is a candidate. A binding that was unused before the migration is not the
 *   migration's business and stays.
 * - Its declaration must do nothing but bind: an import specifier, `require('m')` (possibly
 *   destructured or read through `.default`), or an initializer without calls (literals, names,
 *   member reads such as `process.env.KEPTN_API_TOKEN`, templates and operators over those).
 *   `core.getInput('keptn-api-token', { required: true })` throws on a missing input, a call may
 *   do anything: those stay, and the report names them under "retire" (./token-plumbing.ts).
 * - An exported variable goes only when the type oracle finds no other module reading it.
 * - When the last binding of an import or `require` goes, the statement goes only where loading
 *   the module has no effect a program relies on: an HTTP-client package (core's client list),
 *   or an `import` in a TypeScript file (the compiler drops an import whose bindings are all
 *   unused, so the module never loaded at run time). Anywhere else the module still loads:
 *   `import './config.js';` / `require('./config');` stay in its place.
 */
import type { ASTNode, Identifier, JSCodeshift } from 'jscodeshift';
import { clientModules } from '../core/index.js';
import { interopArgument, isNodeType, parentOf, rangeOf, TRANSPARENT_WRAPPERS, type AnyPath } from './request-migration.js';
import { removeListItems, removeStatement, type Edit, type Range } from './source-edits.js';

/** What the removal asks of the pass that owns the tree: scope lookups and the queued edits. */
export interface BindingScope {
  readonly j: JSCodeshift;
  readonly source: string;
  readonly filePath: string;
  readonly edits: Edit[];
  /** Code the edits delete or replace; identifiers inside may leave their declarations unused. */
  readonly retired: AnyPath[];
  bindingOf(path: AnyPath): AnyPath | undefined;
  isReference(path: AnyPath): boolean;
  referencesOf(declaration: AnyPath): AnyPath[];
  /** Whether the identifier names a type (`config: InternalAxiosRequestConfig`), which only an import can bind among what is removed here. */
  isTypeName(path: AnyPath): boolean;
  /** Every place in the file that names the binding declared at `declaration` as a type. */
  typeReferencesOf(declaration: AnyPath): AnyPath[];
  isRemoved(range: Range): boolean;
  requireSource(node: ASTNode | null | undefined): string | undefined;
  /** Whether another module of the project reads the exported name declared at this span. */
  referencedInOtherModules(start: number, end: number): boolean;
  /**
   * Asked once the unused declarations are queued for removal: removes code the edits emptied
   * that now does nothing, and says whether it retired more (whose declarations are judged next).
   */
  removeEmptied(): boolean;
}

/** What happened to each binding the migration's edits referenced. */
export interface BindingOutcome {
  /** The binding's identifier where it is declared. */
  readonly binding: AnyPath;
  /** `removed`: its declaration is gone; `read`: code left in the file still reads it; `kept`: unread now, but its declaration does more than bind. */
  readonly fate: 'removed' | 'read' | 'kept';
}

const TYPESCRIPT_FILE = /\.(?:[cm]?ts|tsx)$/iu;

/** Removes what the queued edits left unused (see the rule above) and says what became of each candidate. */
export function removeUnusedBindings(scope: BindingScope): BindingOutcome[] {
  return new UnusedBindingRemoval(scope).run();
}

class UnusedBindingRemoval {
  /** Items to drop from one list (specifiers, declarators, pattern members), applied together so commas stay right. */
  private readonly listRemovals = new Map<ASTNode, { items: readonly Range[]; removed: Set<number> }>();
  private readonly outcomes = new Map<ASTNode, BindingOutcome>();

  constructor(private readonly scope: BindingScope) {}

  run(): BindingOutcome[] {
    const { scope } = this;
    const handled = new Set<ASTNode>();
    this.removeRetired(handled);
    if (scope.removeEmptied()) this.removeRetired(handled);
    for (const [owner, { items, removed }] of this.listRemovals) scope.edits.push(...this.listEdits(owner, items, removed));
    return [...this.outcomes.values()];
  }

  /** Judges every binding the retired code referenced, once (`handled`), and removes the unused ones. */
  private removeRetired(handled: Set<ASTNode>): void {
    const { scope } = this;
    // A removed declaration retires its initializer, which may leave another binding unused
    // (`const token = process.env.T` ← `const headers = { 'x-token': token }`): a few rounds.
    for (let round = 0; round < 4; round++) {
      const candidates = new Map<ASTNode, AnyPath>();
      for (const retired of scope.retired.splice(0)) {
        const identifiers: AnyPath[] = isNodeType(retired.node, 'Identifier') ? [retired] : scope.j(retired).find(scope.j.Identifier).paths();
        for (const identifier of identifiers) {
          const typeName = scope.isTypeName(identifier);
          if (!scope.isReference(identifier) && !typeName) continue;
          const binding = scope.bindingOf(identifier);
          // A type is only the migration's business where an import brought it in.
          if (typeName && !parentOf(binding)?.node.type.startsWith('Import')) continue;
          if (binding && !handled.has(binding.node)) candidates.set(binding.node, binding);
        }
      }
      if (candidates.size === 0) break;
      for (const binding of candidates.values()) {
        handled.add(binding.node);
        const references = [...scope.referencesOf(binding), ...scope.typeReferencesOf(binding)];
        const stillRead = references.some((reference) => !scope.isRemoved(rangeOf(reference.node)));
        const removed = !stillRead && this.removeDeclaration(binding);
        this.outcomes.set(binding.node, { binding, fate: removed ? 'removed' : stillRead ? 'read' : 'kept' });
      }
    }
  }

  /**
   * The edits that drop `removed` from one list. An import's default specifier is not an item
   * of the list after it: `import fetch, { Headers }` without `fetch` loses `fetch, ` up to the
   * brace (or the `* as`), and the named ones are a list of their own inside the braces.
   */
  private listEdits(owner: ASTNode, items: readonly Range[], removed: ReadonlySet<number>): Edit[] {
    const { source } = this.scope;
    const specifiers = isNodeType(owner, 'ImportDeclaration') ? (owner.specifiers as ASTNode[] | undefined) ?? [] : [];
    const first = specifiers[0];
    const second = specifiers[1];
    if (!removed.has(0) || first?.type !== 'ImportDefaultSpecifier' || !second) return removeListItems(source, items, removed);
    const restStart = second.type === 'ImportSpecifier' ? source.lastIndexOf('{', rangeOf(second).start) : rangeOf(second).start;
    const named = new Set([...removed].filter((index) => index > 0).map((index) => index - 1));
    return [{ start: rangeOf(first).start, end: restStart, text: '' }, ...removeListItems(source, items.slice(1), named)];
  }

  private text(node: ASTNode): string {
    const { start, end } = rangeOf(node);
    return this.scope.source.slice(start, end);
  }

  private semicolonOf(statement: ASTNode): string {
    return this.text(statement).trimEnd().endsWith(';') ? ';' : '';
  }

  /** Loading the module has no effect a program relies on, so a statement that only loads it may go. */
  private loadsWithoutEffect(module: string, form: 'import' | 'require'): boolean {
    return clientModules.has(module) || (form === 'import' && TYPESCRIPT_FILE.test(this.scope.filePath));
  }

  /**
   * The module a `require` initializer loads: `require('m')`, `require('m').default`,
   * `require('m').fetch`, and compiled `__importDefault(require('m'))` (the wrapper only reads it).
   */
  private requiredModule(node: ASTNode | null | undefined): string | undefined {
    let current = node;
    while (current && TRANSPARENT_WRAPPERS.has(current.type)) current = (current as ASTNode & { expression: ASTNode }).expression;
    if (isNodeType(current, 'MemberExpression') && !current.computed) return this.requiredModule(current.object);
    const wrapped = interopArgument(current);
    if (wrapped) return this.requiredModule(wrapped);
    return this.scope.requireSource(current);
  }

  private isPure(node: ASTNode | null | undefined): boolean {
    if (!node) return true;
    switch (node.type) {
      case 'StringLiteral':
      case 'NumericLiteral':
      case 'BooleanLiteral':
      case 'NullLiteral':
      case 'Identifier':
        return true;
      case 'MemberExpression': {
        const { object, property, computed } = node as ASTNode & { object: ASTNode; property: ASTNode; computed: boolean };
        return this.isPure(object) && (!computed || isNodeType(property, 'StringLiteral'));
      }
      case 'TemplateLiteral':
        return (node as ASTNode & { expressions: ASTNode[] }).expressions.every((expression) => this.isPure(expression));
      case 'LogicalExpression':
      case 'BinaryExpression': {
        const { left, right } = node as ASTNode & { left: ASTNode; right: ASTNode };
        return this.isPure(left) && this.isPure(right);
      }
      case 'ConditionalExpression': {
        const { test, consequent, alternate } = node as ASTNode & { test: ASTNode; consequent: ASTNode; alternate: ASTNode };
        return this.isPure(test) && this.isPure(consequent) && this.isPure(alternate);
      }
      default:
        return TRANSPARENT_WRAPPERS.has(node.type) && this.isPure((node as ASTNode & { expression: ASTNode }).expression);
    }
  }

  private removeFromList(owner: ASTNode, items: readonly ASTNode[], item: ASTNode): void {
    const entry = this.listRemovals.get(owner) ?? { items: items.map(rangeOf), removed: new Set<number>() };
    entry.removed.add(items.indexOf(item));
    this.listRemovals.set(owner, entry);
  }

  /** Whether every item of a list is already queued for removal, counting `item`. */
  private removesAll(owner: ASTNode, items: readonly ASTNode[], item: ASTNode): boolean {
    const removed = this.listRemovals.get(owner)?.removed ?? new Set<number>();
    return items.every((other, index) => other === item || removed.has(index));
  }

  /**
   * The statement that loaded `module` and bound names, cut down to one that only loads it, or
   * deleted when loading does nothing. Cut around the kept part rather than replaced whole: the
   * statement stays a statement, so the helper import can still be placed after it.
   */
  private dropStatement(statement: ASTNode, loads: { module: string; form: 'import' | 'require'; kept: ASTNode } | undefined): void {
    const { scope } = this;
    if (!loads || this.loadsWithoutEffect(loads.module, loads.form)) {
      scope.edits.push(removeStatement(scope.source, rangeOf(statement)));
      return;
    }
    const whole = rangeOf(statement);
    const kept = rangeOf(loads.kept);
    const semicolon = this.semicolonOf(statement);
    const prefixEnd = loads.form === 'import' ? whole.start + 'import'.length : whole.start;
    scope.edits.push({ start: prefixEnd, end: kept.start, text: loads.form === 'import' ? ' ' : '' });
    if (kept.end < whole.end) scope.edits.push({ start: kept.end, end: whole.end, text: semicolon });
  }

  /** Removes the declaration of an unused binding if the rule allows; false when it stays. */
  private removeDeclaration(binding: AnyPath): boolean {
    const declaration = parentOf(binding);
    if (!declaration) return false;
    const node = declaration.node;
    if (node.type === 'ImportDefaultSpecifier' || node.type === 'ImportSpecifier' || node.type === 'ImportNamespaceSpecifier') {
      return this.removeImportSpecifier(declaration);
    }
    if (isNodeType(node, 'VariableDeclarator') && binding.name === 'id') return this.removeDeclarator(binding, declaration);
    // `import fetch = require('node-fetch')` (old-style TypeScript) binds that one name; TypeScript drops it unused anyway.
    if (isNodeType(node, 'TSImportEqualsDeclaration') && binding.name === 'id') {
      const module = (node.moduleReference as ASTNode & { expression?: { value?: unknown } }).expression?.value;
      if (typeof module !== 'string' || (node as ASTNode & { isExport?: boolean }).isExport === true || !this.loadsWithoutEffect(module, 'import')) return false;
      this.dropStatement(node, undefined);
      return true;
    }
    // `const { KEPTN_API_TOKEN } = process.env` / `const { token } = require('./config')`
    if (isNodeType(node, 'ObjectProperty')) return this.removePatternMember(declaration);
    if (isNodeType(node, 'TSEnumDeclaration') && binding.name === 'id') return this.removeEnum(binding, declaration);
    return false;
  }

  /**
   * `enum KeptnHeader { Token = 'x-token' }` whose member reads were all in the removed headers:
   * an unused enum fails `noUnusedLocals` as an unused const does. Only an enum of written values
   * (`= 'x-token'`, `= 2`, or none), declared once (`declare` and merged enums are someone else's),
   * and, exported, read by no other module.
   */
  private removeEnum(binding: AnyPath, declaration: AnyPath): boolean {
    const { scope } = this;
    const node = declaration.node as ASTNode & { declare?: boolean; members: (ASTNode & { initializer?: ASTNode | null })[] };
    if (node.declare === true) return false;
    const literal = (value: ASTNode | null | undefined): boolean => !value || isNodeType(value, 'StringLiteral') || isNodeType(value, 'NumericLiteral');
    if (!node.members.every((member) => literal(member.initializer))) return false;
    const holder = parentOf(declaration);
    const exportedBy = holder && isNodeType(holder.node, 'ExportNamedDeclaration') ? holder : undefined;
    if (exportedBy) {
      const { start } = rangeOf(binding.node);
      if (scope.referencedInOtherModules(start, start + (binding.node as Identifier).name.length)) return false;
    }
    scope.edits.push(removeStatement(scope.source, rangeOf((exportedBy ?? declaration).node)));
    return true;
  }

  private removeDeclarator(binding: AnyPath, declaration: AnyPath): boolean {
    const { scope } = this;
    const node = declaration.node as ASTNode & { init: ASTNode | null };
    const module = this.requiredModule(node.init);
    if (module === undefined && !this.isPure(node.init)) return false;
    const variable = parentOf(declaration);
    if (!variable) return false;
    const exported = isNodeType(parentOf(variable)?.node, 'ExportNamedDeclaration');
    if (exported) {
      const { start, end } = rangeOf(binding.node);
      const nameEnd = start + (binding.node as Identifier).name.length;
      if (scope.referencedInOtherModules(start, Math.min(end, nameEnd))) return false;
    }
    const declarators = (variable.node as ASTNode & { declarations: ASTNode[] }).declarations;
    if (module !== undefined && !this.loadsWithoutEffect(module, 'require')) {
      // The module must still load: only a sole declarator can become a bare `require(…)` in its place.
      if (declarators.length !== 1 || exported) return false;
      const call = this.requireCall(node.init);
      if (!call) return false;
      this.dropStatement(variable.node, { module, form: 'require', kept: call });
      return true;
    }
    scope.retired.push(declaration.get('init') as AnyPath);
    if (this.removesAll(variable.node, declarators, node)) {
      this.listRemovals.delete(variable.node);
      scope.edits.push(removeStatement(scope.source, rangeOf(((exported ? parentOf(variable) : variable) ?? variable).node)));
    } else {
      this.removeFromList(variable.node, declarators, node);
    }
    return true;
  }

  /** The `require('m')` call inside `require('m').default` and the like. */
  private requireCall(node: ASTNode | null | undefined): ASTNode | undefined {
    let current = node;
    while (current && (TRANSPARENT_WRAPPERS.has(current.type) || isNodeType(current, 'MemberExpression') || interopArgument(current))) {
      current = isNodeType(current, 'MemberExpression') ? current.object : (interopArgument(current) ?? (current as ASTNode & { expression: ASTNode }).expression);
    }
    return this.scope.requireSource(current) === undefined ? undefined : (current ?? undefined);
  }

  private removePatternMember(member: AnyPath): boolean {
    const pattern = parentOf(member);
    const declarator = parentOf(pattern);
    if (!pattern || !declarator || !isNodeType(declarator.node, 'VariableDeclarator') || !isNodeType(pattern.node, 'ObjectPattern')) return false;
    const init = declarator.node.init as ASTNode | null;
    const module = this.requiredModule(init);
    if (module === undefined && !this.isPure(init)) return false;
    const members = pattern.node.properties as ASTNode[];
    const variable = parentOf(declarator);
    if (!variable) return false;
    if (!this.removesAll(pattern.node, members, member.node)) {
      this.removeFromList(pattern.node, members, member.node);
      return true;
    }
    if ((variable.node as ASTNode & { declarations: ASTNode[] }).declarations.length !== 1) return false;
    if (isNodeType(parentOf(variable)?.node, 'ExportNamedDeclaration')) return false;
    this.listRemovals.delete(pattern.node);
    const call = module === undefined ? undefined : this.requireCall(init);
    this.dropStatement(variable.node, module === undefined || !call ? undefined : { module, form: 'require', kept: call });
    return true;
  }

  private removeImportSpecifier(specifier: AnyPath): boolean {
    const { scope } = this;
    const declaration = parentOf(specifier);
    if (!declaration) return false;
    const declarationNode = declaration.node as ASTNode & { specifiers: ASTNode[]; source: ASTNode & { value: string } };
    const { specifiers } = declarationNode;
    const named = specifiers.filter((other) => other.type === 'ImportSpecifier');
    if (this.removesAll(declarationNode, specifiers, specifier.node)) {
      this.listRemovals.delete(declarationNode);
      const typeOnly = (declarationNode as ASTNode & { importKind?: string }).importKind === 'type';
      this.dropStatement(declarationNode, typeOnly ? undefined : { module: declarationNode.source.value, form: 'import', kept: declarationNode.source });
      return true;
    }
    if (specifier.node.type === 'ImportSpecifier' && this.removesAll(declarationNode, named, specifier.node)) {
      // `import a, { b } from 'm'` without b: the braces go too.
      const defaultSpecifier = specifiers.find((other) => other.type !== 'ImportSpecifier');
      const lastNamed = named.at(-1);
      if (!defaultSpecifier || !lastNamed) return false;
      this.listRemovals.delete(declarationNode);
      const close = scope.source.indexOf('}', rangeOf(lastNamed).end);
      scope.edits.push({ start: rangeOf(defaultSpecifier).end, end: close + 1, text: '' });
      return true;
    }
    this.removeFromList(declarationNode, specifiers, specifier.node);
    return true;
  }
}

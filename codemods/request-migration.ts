/**
 * What every transform of this package does to a file, whatever it looks for: one walk
 * that indexes the tree, naming the HTTP client behind a call (syntax first, the type
 * oracle when syntax cannot tell), the routes a file's requests hit and so the scopes it
 * needs, marker comments and report entries for sites left to a person, the rewrites that
 * route a request through the OAuth helper, and the helper import in the file's own style.
 * A transform extends it with what it searches for; the edits are spliced into the
 * original text, so several passes can share one parse and one edit list.
 */
import type { ASTNode, ASTPath, AssignmentExpression, CallExpression, ClassProperty, Collection, FileInfo, Identifier, JSCodeshift, NewExpression, ObjectExpression } from 'jscodeshift';
import {
  BASE_URL_OPTIONS,
  fetchModuleOnlyOptionsOf,
  HOLE,
  helperAdapterOptions,
  isCloudAutomationHost,
  MIGRATION_MARKER,
  helperClientMembers,
  helperExports,
  helperOptionalClientMembers,
  HELPER_MODULE,
  asReachabilityPath,
  reachabilityCheckRoute,
  TOKEN_CHECK_WHY,
  confidenceAtLeast,
  SURE_TARGET_CONFIDENCE,
  httpClients,
  type UrlAnalysis,
  urlShape,
  type HttpClientKind,
  type ObjectCopy,
  type RequestSignature,
  type UrlPart,
  type TargetConfidence,
} from '../core/index.js';
import { includeUnsureCommand, routeUseScopes, type FileReport, type ManualSite, type MigratedSite, type RouteUse, type TokenPlumbing, type TransformOptions } from './report.js';
import { moduleStyleOf } from './module-style.js';
import { applyEdits, indentationAt, lineStartOf, removeListItems, removeStatement, tidyLineRemovals, type Edit, type Range } from './source-edits.js';
import { createTypeOracle, oracleQuestions, type ClientIdentity, type FileTypeOracle } from './type-oracle.js';
import { removeUnusedBindings, type BindingOutcome } from './unused-bindings.js';
import { tokenPlumbing } from './token-plumbing.js';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { INTEROP_HELPERS, type Node as EstreeNode } from '../analysis/ast.js';
import { parseForAnalysis, type ParsedFile } from '../analysis/estree-host.js';
import { collectFindings, createFindings, DEFAULT_MINIMUM_CONFIDENCE, type EscapingXToken, type RequestFinding, type UnrecognizedXToken, type XTokenFinding } from '../analysis/findings.js';
import { createRequestAnalysis, sameInstance, type RequestAnalysis, type RequestSite, type TargetAssessment } from '../analysis/request-analysis.js';

export type AnyPath = ASTPath;

export interface CallInfo {
  readonly client: ClientIdentity;
  readonly member: string | undefined;
  readonly signature: RequestSignature;
  /** `client.fetch(…)` on the OAuth helper: authenticated already, and still a route whose scopes count. */
  readonly viaHelper?: boolean;
}

/** The hooks an options object literal carries where a `hooks` of the helper's would be added (`carriedHooks`). */
export type CarriedHooks =
  | { readonly type: 'none' }
  | { readonly type: 'own'; readonly member: ASTNode & { value: unknown } }
  | { readonly type: 'sources'; readonly sources: readonly ASTNode[] }
  | { readonly type: 'unknown'; readonly why: string };

/** Where the helper's hooks go for an instance (`instanceHooks`). */
export type InstanceHooks =
  | { readonly member: string; readonly options: ObjectExpression }
  | { readonly argument: string }
  | { readonly edits: readonly Edit[] }
  | { readonly why: string };

export const FUNCTION_TYPES = new Set([
  'FunctionDeclaration',
  'FunctionExpression',
  'ArrowFunctionExpression',
  'ObjectMethod',
  'ClassMethod',
  'ClassPrivateMethod',
]);
export const STATEMENT_CONTAINERS = new Set(['Program', 'BlockStatement', 'StaticBlock', 'SwitchCase', 'ClassBody']);
export const TRANSPARENT_WRAPPERS = new Set([
  'TSAsExpression',
  'TSSatisfiesExpression',
  'TSNonNullExpression',
  'TSTypeAssertion',
  'ParenthesizedExpression',
]);

/** An https URL on a Cloud Automation host: the helper authorizes it whatever the audience. */
function isCloudAutomationUrl(url: string): boolean {
  const host = /^https:\/\/([^/?#@]*)/iu.exec(url)?.[1];
  return host !== undefined && isCloudAutomationHost(host);
}

/** Why a request returning an Observable (Nest's `HttpService`) outside an async function is left as it is. */
export function observableOutsideAsyncWhy(label: string, line: number, notDeferred?: string): string {
  const why = `the ${label} request on line ${line} returns an Observable and is made outside an async function: the token cannot be awaited before the Observable is made, and chaining the request behind the token's promise would hand the caller a Promise instead of the Observable`;
  return notDeferred === undefined ? why : `${why}; nor does the codemod make the Observable wait for the token, because ${notDeferred}`;
}

export const OBSERVABLE_TODO = 'make the Observable wait for the token: `defer(() => client.authorizationHeader()).pipe(switchMap((authorization) => <request with Authorization: authorization>))` with the OAuth helper\'s client, or send the request from an async method with `Authorization: await client.authorizationHeader()`';

export function rangeOf(node: ASTNode): Range {
  const { start, end } = node as ASTNode & { start?: number; end?: number };
  return { start: start ?? 0, end: end ?? 0 };
}

/** `T` in `x: T`, `T<U>` and the `ns` of `ns.T`: an identifier that names a type, or the namespace it is read from. */
function isTypeName(path: AnyPath): boolean {
  const parent = parentOf(path)?.node;
  return (isNodeType(parent, 'TSTypeReference') && path.name === 'typeName') || (isNodeType(parent, 'TSQualifiedName') && path.name === 'left');
}

export function contains(outer: Range, inner: Range): boolean {
  return outer.start <= inner.start && inner.end <= outer.end;
}

export function isNodeType<T extends string>(node: ASTNode | null | undefined, type: T): node is ASTNode & { type: T } {
  return node?.type === type;
}

/** The argument of a compiler's module-interop wrapper call (`__importDefault(x)`, `tslib_1.__importStar(x)`). */
export function interopArgument(node: ASTNode | null | undefined): ASTNode | undefined {
  if (!isNodeType(node, 'CallExpression') || node.arguments.length !== 1) return undefined;
  const callee = node.callee as ASTNode;
  const name = isNodeType(callee, 'Identifier') ? callee.name : isNodeType(callee, 'MemberExpression') && !callee.computed && isNodeType(callee.property as ASTNode, 'Identifier') ? (callee.property as Identifier).name : undefined;
  const argument = node.arguments[0] as ASTNode;
  return name !== undefined && INTEROP_HELPERS.has(name) && !isNodeType(argument, 'SpreadElement') ? argument : undefined;
}

const NOT_CHILDREN = new Set(['loc', 'extra', 'leadingComments', 'trailingComments', 'innerComments', 'comments', 'tokens']);

function isAstNode(value: unknown): value is ASTNode {
  return typeof value === 'object' && value !== null && typeof (value as { type?: unknown }).type === 'string';
}

/**
 * `node` and every node under it, read straight off Babel's objects. For a small subtree asked
 * about once per call, a jscodeshift `find` (a Collection, NodePaths, type tables) costs many
 * times the walk.
 */
export function forEachNodeIn(node: ASTNode, visit: (node: ASTNode) => void): void {
  visit(node);
  for (const [key, value] of Object.entries(node)) {
    if (NOT_CHILDREN.has(key)) continue;
    if (Array.isArray(value)) {
      for (const item of value) if (isAstNode(item)) forEachNodeIn(item, visit);
    } else if (isAstNode(value)) {
      forEachNodeIn(value, visit);
    }
  }
}

/**
 * Every node of the file by type, and identifiers by name, from one walk over Babel's objects.
 * NodePaths (what scope lookups and `parent` need) are made only for the nodes a pass asks
 * about, each through its parent's `get`, so they are the very paths jscodeshift would hand out:
 * building them all with ast-types' visitor cost as much as the parse.
 */
export class TreeIndex {
  private readonly placements = new Map<ASTNode, { readonly parent: ASTNode; readonly key: string; readonly index: number | undefined }>();
  private readonly nodesByType = new Map<string, ASTNode[]>();
  private readonly identifierNodes = new Map<string, ASTNode[]>();
  private readonly paths = new Map<ASTNode, AnyPath>();
  private readonly pathsByType = new Map<string, AnyPath[]>();
  private readonly identifierPaths = new Map<string, AnyPath[]>();
  private byRange: Map<string, ASTNode[]> | undefined;

  constructor(rootPath: AnyPath) {
    this.paths.set(rootPath.node, rootPath);
    this.walk(rootPath.node);
  }

  private walk(node: ASTNode): void {
    const list = this.nodesByType.get(node.type);
    if (list) list.push(node);
    else this.nodesByType.set(node.type, [node]);
    if (isNodeType(node, 'Identifier')) {
      const named = this.identifierNodes.get(node.name);
      if (named) named.push(node);
      else this.identifierNodes.set(node.name, [node]);
    }
    for (const key of Object.keys(node)) {
      if (NOT_CHILDREN.has(key)) continue;
      const value = (node as unknown as Record<string, unknown>)[key];
      if (Array.isArray(value)) {
        value.forEach((item, index) => {
          if (!isAstNode(item)) return;
          this.placements.set(item, { parent: node, key, index });
          this.walk(item);
        });
      } else if (isAstNode(value)) {
        this.placements.set(value, { parent: node, key, index: undefined });
        this.walk(value);
      }
    }
  }

  pathOf(node: ASTNode): AnyPath {
    const known = this.paths.get(node);
    if (known) return known;
    const placement = this.placements.get(node);
    if (!placement) throw new Error(`a ${node.type} node outside the indexed tree`);
    const parent = this.pathOf(placement.parent);
    const path = (placement.index === undefined ? parent.get(placement.key) : parent.get(placement.key, placement.index)) as AnyPath;
    this.paths.set(node, path);
    return path;
  }

  /** The Babel nodes spanning exactly `[start, end)`, outermost first: where an ESTree node of the analysis stands. */
  atRange(start: number, end: number): AnyPath[] {
    if (!this.byRange) {
      this.byRange = new Map();
      for (const nodes of this.nodesByType.values()) {
        for (const node of nodes) {
          const { start: from, end: to } = rangeOf(node);
          const key = `${from}:${to}`;
          const list = this.byRange.get(key);
          if (list) list.push(node);
          else this.byRange.set(key, [node]);
        }
      }
    }
    return (this.byRange.get(`${start}:${end}`) ?? []).map((node) => this.pathOf(node));
  }

  /** Whether the node is an identifier of the indexed tree (pathOf would find it). */
  holds(node: ASTNode): boolean {
    return isNodeType(node, 'Identifier') && (this.placements.has(node) || this.paths.has(node));
  }

  ofType(type: string): AnyPath[] {
    let paths = this.pathsByType.get(type);
    if (!paths) {
      paths = (this.nodesByType.get(type) ?? []).map((node) => this.pathOf(node));
      this.pathsByType.set(type, paths);
    }
    return paths;
  }

  /** The paths of every identifier spelled `name`, in source order; undefined when there is none. */
  get(name: string): AnyPath[] | undefined {
    let paths = this.identifierPaths.get(name);
    if (!paths) {
      const nodes = this.identifierNodes.get(name);
      if (!nodes) return undefined;
      paths = nodes.map((node) => this.pathOf(node));
      this.identifierPaths.set(name, paths);
    }
    return paths;
  }
}

/** What a reader needs to see on a line of its own, quoted the file's way. */
export interface Style {
  readonly quote: string;
  readonly semicolon: string;
  readonly commonJs: boolean;
  readonly topLevelAwait: boolean;
}

/** ast-types types `NodePath#parent` as any; the parent of a path is always a path (or null at the root). */
export function parentOf(path: AnyPath | null | undefined): AnyPath | null {
  return (path?.parent ?? null) as AnyPath | null;
}

/** An ast-types scope, as far as the passes use it. */
interface AstTypesScope {
  readonly node: ASTNode;
  readonly path: AnyPath;
  readonly parent: AstTypesScope | null;
  declares(name: string): boolean;
  getBindings(): Record<string, AnyPath[] | undefined>;
}

/**
 * `constructor(private readonly apiToken: string)`: ast-types' scopes do not list what a
 * TypeScript parameter property binds (its scan knows no `TSParameterProperty`), so a read of
 * `apiToken` in the constructor would look global, or resolve to an outer `apiToken`.
 */
function parameterPropertyIn(scope: AstTypesScope, name: string): AnyPath | undefined {
  return parameterPropertyOf(scope.path, name);
}

/** The identifier a constructor's parameter property `name` binds (`apiToken` of `private apiToken = ''`), or undefined. */
export function parameterPropertyOf(constructor: AnyPath, name: string): AnyPath | undefined {
  const params = (constructor.node as ASTNode & { params?: ASTNode[] }).params ?? [];
  for (const [index, param] of params.entries()) {
    if (!isNodeType(param, 'TSParameterProperty')) continue;
    const inner = param.parameter as ASTNode;
    const defaulted = isNodeType(inner, 'AssignmentPattern');
    const identifier = defaulted ? (inner.left as ASTNode) : inner;
    if (!isNodeType(identifier, 'Identifier') || identifier.name !== name) continue;
    const parameter = constructor.get('params', index, 'parameter') as AnyPath;
    return defaulted ? (parameter.get('left') as AnyPath) : parameter;
  }
  return undefined;
}

/**
 * The scope that declares `name` where `at` is, or null for a global: ast-types' `lookup`, minus
 * its crash. A `catch { … }` without a binding makes a scope whose scan asserts its null
 * parameter is a pattern ("null does not match type Pattern"); such a scope declares nothing,
 * so it is stepped over.
 */
export function scopeDeclaring(at: AnyPath, name: string): AstTypesScope | null {
  for (let scope = at.scope as AstTypesScope | null; scope; scope = scope.parent) {
    if (isNodeType(scope.node, 'CatchClause') && !scope.node.param) continue;
    if (scope.declares(name) || parameterPropertyIn(scope, name)) return scope;
  }
  return null;
}

/**
 * A name for a callback's parameter (`name`, else `name2`, …) that hides nothing the callback
 * reads: not `request`, and no word of `body`, the callback's code.
 */
export function parameterName(name: string, request: string, body: string): string {
  for (let index = 1; ; index++) {
    const candidate = index === 1 ? name : `${name}${index}`;
    if (candidate !== request && !new RegExp(`\\b${candidate}\\b`, 'u').test(body)) return candidate;
  }
}

/**
 * What the passes over one parsed file share: the tree index, the queued edits, what has been
 * rewritten and marked, the routes seen, and whether the helper import is needed. A later pass
 * sees the earlier passes' edits (so it never rewrites a call twice) and the text is spliced once.
 */
/** Code an edit removes whose text the edits write again at other requests (the lines of the input they are on). */
export interface RewrittenRead {
  readonly range: Range;
  readonly writtenAt: readonly number[];
}

export interface SharedFileState {
  readonly edits: Edit[];
  readonly routes: Map<string, RouteUse>;
  readonly fetchCallsMigrated: Set<ASTNode>;
  readonly wrappedCalls: Set<ASTNode>;
  readonly attachedInstances: Set<string>;
  readonly markedStatements: Set<ASTNode>;
  /** Code the edits delete or replace; identifiers inside may leave their declarations unused. */
  readonly retired: AnyPath[];
  /**
   * Code an edit removes whose reads the edits write again elsewhere (a split header's x-token
   * value): what it reads is still read, by the unused-declaration cleanup and the token plumbing alike.
   */
  readonly rewrittenReads: RewrittenRead[];
  readonly index: TreeIndex;
  /** What each call was classified as: both passes walk the same calls, and naming a client may ask the checker. */
  readonly calls: Map<ASTNode, CallInfo | undefined>;
  oracle: FileTypeOracle | undefined;
  /** The one request analysis over this file's ESTree, and what it finds: built on first use. */
  facts: FileFacts | undefined;
  needsHelper: boolean;
  /** What became of each binding the edits referenced: set once every pass has planned. */
  bindings: readonly BindingOutcome[];
  /** The helper's exports the edits use (the client factory, the optional client): imported together. */
  readonly helperNames: Set<string>;
  /** The lines of imports addNamedImports placed, by place: lines for the same place join them. */
  readonly importBlocks: ImportBlock[];
}

/** Named imports of one module that the edits use. */
export interface NamedImports {
  readonly module: string;
  readonly names: readonly string[];
}

/** Import lines put in one place, and the edit that writes them there. */
interface ImportBlock extends Range {
  readonly lines: string[];
  readonly text: (block: string) => string;
  edit: Edit;
}

/** What the shared analysis (analysis/) says about the file: the same answers the rules report. */
export interface FileFacts {
  readonly parsed: ParsedFile;
  readonly analysis: RequestAnalysis;
  readonly xToken: readonly XTokenFinding[];
  /** x-token headers handed to calls no client spec describes, which no request here sends. */
  readonly unrecognized: readonly UnrecognizedXToken[];
  /** x-token headers no request here sends, in objects that leave the module. */
  readonly escaping: readonly EscapingXToken[];
  readonly requests: readonly RequestFinding[];
  /** Every request, instance and helper call of the file, in source order. */
  readonly sites: readonly RequestSite[];
}

/**
 * The analysis the rules run, over a file's ESTree, with the ts-morph oracle answering its type
 * questions: the codemods act on exactly the sites the typed lint reports.
 */
export function fileFacts(file: string, source: string, options: TransformOptions, oracle: () => FileTypeOracle): FileFacts {
  // Under --library, code outside the project may call what a module exports: no file list proves who calls it.
  const projectModules = options.library === true ? undefined : () => oracle().projectModules();
  const parsed = parseForAnalysis(source, file, () => oracleQuestions(oracle()), projectModules);
  const analysis = createRequestAnalysis(parsed.host, { helperModule: options.helperModule, clientExport: options.clientExport });
  const findings = createFindings(analysis, {
    excludesXToken: (target) => !confidenceAtLeast(target.confidence, DEFAULT_MINIMUM_CONFIDENCE.xToken),
    excludesRequest: (target) => !confidenceAtLeast(target.confidence, DEFAULT_MINIMUM_CONFIDENCE.request),
    reportUnrecognizedCalls: true,
  });
  const { xToken, unrecognized, escaping, requests, sites } = collectFindings(parsed.ast, parsed.host.visitorKeys, analysis, findings);
  return { parsed, analysis, xToken, unrecognized, escaping, requests, sites };
}

/**
 * A target sure enough to rewrite: `likely` or better, or anything with `--include-unsure`;
 * never one the code shows goes elsewhere (`target.elsewhere`), nor a wrapper some of whose calls
 * do (`target.callersElsewhere`): rewritten, it would send them the OAuth token.
 */
export function sureEnoughTarget(target: TargetAssessment, options: TransformOptions): boolean {
  if (target.elsewhere !== undefined || target.callersElsewhere !== undefined) return false;
  return options.includeUnsure === true || confidenceAtLeast(target.confidence, SURE_TARGET_CONFIDENCE);
}

/**
 * Why a request in a wrapper some of whose calls go to another service is left, and what to do:
 * the same words whether it is marked (its other calls go to Cloud Automation as far as the code
 * shows) or listed.
 */
export function callersElsewhereSite(target: TargetAssessment, what: string, instance = false): { why: string; todo: string } {
  // An instance a factory makes from its callers' arguments: its base URL is theirs, and so is its audience once migrated.
  return instance
    ? {
        why: `${what} is made with the base URL its callers pass, and ${target.callersElsewhere ?? ''}: attached to it, the helper would send the OAuth token to every base it is made with, so the migration never rewrites it (not even with --include-unsure); ${describeCallersTarget(target)}`,
        todo: 'make the Cloud Automation instances apart, with the OAuth helper attached (`client.attachToAxios(…)`, `hooks: client.gotHooks(…)`), and keep the x-token only in the instance for the other service',
      }
    : {
        why: `${what} is made with the URL its callers pass, and ${target.callersElsewhere ?? ''}: rewritten, it would send that service the OAuth token, so the migration never rewrites it (not even with --include-unsure); ${describeCallersTarget(target)}`,
        todo: 'give the Cloud Automation calls a request of their own through the OAuth helper (`client.fetch`, or `Authorization: await client.authorizationHeader()`), and keep the x-token only in the request to the other service',
      };
}

/** What the other calls of such a wrapper show, as the report and the lint both put it. */
function describeCallersTarget(target: TargetAssessment): string {
  return confidenceAtLeast(target.confidence, SURE_TARGET_CONFIDENCE)
    ? `its other calls go to Cloud Automation (${target.confidence} target)`
    : `nothing shows that its other calls go to Cloud Automation (${target.confidence} target)`;
}

/** The edits that turn one token check into a metadata read, planned before anything is queued. */
export interface TokenCheckPlan {
  /** The request: a call, or the `new Request(…)` a fetch sends at once. */
  readonly call: ASTPath<CallExpression | NewExpression>;
  readonly kind: HttpClientKind;
  readonly edits: readonly Edit[];
}

/** Why a token check stays for a person: what it is, then what kept the codemod from replacing it. */
export function tokenCheckLeft(detail: string): { readonly why: string; readonly detail: string } {
  return { why: `${TOKEN_CHECK_WHY}, and ${detail}`, detail };
}

/**
 * Comments that act on the whole file from its top (type checking, flow, JSX pragma, lint
 * settings, licenses kept by minifiers): code added to the file goes below them.
 */
const FILE_PRAGMA = /^\s*\*?\s*(?:@ts-(?:no)?check|@flow|@noflow|@jsx\w*|@license|@preserve|@format|eslint-disable(?!-)|eslint-enable|eslint-env|eslint\s|globals?\s|jshint)\b|^!/u;

interface Comment {
  readonly type: string;
  readonly value: string;
  readonly start: number;
  readonly end: number;
}

/** What a response is read for when only success or failure matters (fetch, axios, got). */
const SIGNAL_MEMBERS = new Set(['ok', 'status', 'statusCode']);

export abstract class RequestMigration {
  protected readonly shared: SharedFileState;
  protected readonly edits: Edit[];
  protected readonly migrated: MigratedSite[] = [];
  protected readonly manual: ManualSite[] = [];
  protected readonly routes: Map<string, RouteUse>;
  protected readonly fetchCallsMigrated: Set<ASTNode>;
  protected readonly wrappedCalls: Set<ASTNode>;
  protected readonly attachedInstances: Set<string>;
  protected readonly markedStatements: Set<ASTNode>;
  protected readonly retired: AnyPath[];
  protected readonly rewrittenReads: RewrittenRead[];
  /** Token checks rewritten into reachability reads, by the analysis offset that keys their route. */
  private readonly tokenChecksReplaced = new Set<string>();
  /**
   * fetch calls whose helper fetch must name its audience (`{ audience: process.env.KEPTN_API_URL }`):
   * a wrapper whose callers pass URLs of Cloud Automation and of what may be another service.
   */
  protected readonly fetchAudiences = new Map<ASTNode, string>();
  /** Set by withLeaveReason. */
  private leaveReason: string | undefined;
  /** Identifier paths by name. */
  protected readonly identifiers: TreeIndex;
  /** True when an earlier pass over the same tree already indexed it and collected its routes. */
  protected readonly continuesEarlierPass: boolean;
  protected readonly style: Style;
  protected readonly clientText: string;
  protected readonly helperName: string;

  constructor(
    protected readonly j: JSCodeshift,
    protected readonly root: Collection,
    protected readonly file: FileInfo,
    protected readonly options: TransformOptions,
    earlierPass?: RequestMigration,
  ) {
    this.continuesEarlierPass = earlierPass !== undefined;
    this.shared = earlierPass?.shared ?? {
      edits: [],
      routes: new Map(),
      fetchCallsMigrated: new Set(),
      wrappedCalls: new Set(),
      attachedInstances: new Set(),
      markedStatements: new Set(),
      retired: [],
      rewrittenReads: [],
      // One walk fills every list the migration reads: each `Collection.find` is a full
      // traversal, and eight of them cost four times the parse (docs/performance.md).
      index: new TreeIndex(root.get() as AnyPath),
      calls: new Map(),
      oracle: undefined,
      facts: undefined,
      needsHelper: false,
      bindings: [],
      helperNames: new Set(),
      importBlocks: [],
    };
    ({
      edits: this.edits,
      routes: this.routes,
      fetchCallsMigrated: this.fetchCallsMigrated,
      wrappedCalls: this.wrappedCalls,
      attachedInstances: this.attachedInstances,
      markedStatements: this.markedStatements,
      retired: this.retired,
      rewrittenReads: this.rewrittenReads,
      index: this.identifiers,
    } = this.shared);
    this.style = this.detectStyle();
    this.helperName = options.clientExport ?? options.helperExport ?? helperExports.clientFromEnv;
    this.clientText = options.clientExport ?? `${this.helperName}()`;
  }

  protected nodesOfType<N>(type: string): ASTPath<N>[] {
    return this.shared.index.ofType(type) as ASTPath<N>[];
  }

  /** The indexed nodes of a type inside a range, in source order. */
  protected nodesWithin<N>(type: string, range: Range): ASTPath<N>[] {
    return this.nodesOfType<N>(type).filter((path) => contains(range, rangeOf(path.node as ASTNode)));
  }

  protected get source(): string {
    return this.file.source;
  }

  protected get needsHelper(): boolean {
    return this.shared.needsHelper;
  }

  protected set needsHelper(needed: boolean) {
    this.shared.needsHelper = needed;
    if (needed) this.shared.helperNames.add(this.helperName);
  }

  /**
   * The optional client (`optionalOAuthClientFromEnv()`) for a credential the old code sent only
   * when configured, or undefined when the user named a helper of their own, which has no such
   * form. Using it queues its import.
   */
  protected optionalClient(): string | undefined {
    const module = this.options.helperModule ?? HELPER_MODULE;
    if (module !== HELPER_MODULE || this.options.clientExport !== undefined) return undefined;
    if (this.options.helperExport !== undefined && this.options.helperExport !== helperExports.clientFromEnv) return undefined;
    return `${helperExports.optionalClientFromEnv}()`;
  }

  /** Records that an edit wrote the optional client. */
  protected useOptionalClient(): void {
    this.shared.needsHelper = true;
    this.shared.helperNames.add(helperExports.optionalClientFromEnv);
  }

  /**
   * What to give the helper as `audience` so it authorizes the URL `url` names (an expression of
   * the request), evaluated at `at` instead: the API base the URL is built on
   * (`${KEPTN_ENDPOINT}/v1/event` → `KEPTN_ENDPOINT`), or the URL itself when it has no such
   * prefix. `null` when none is needed (a literal https Cloud Automation host, which the helper
   * always allows); undefined when the URL cannot be named at `at` (a call, a name that is not in
   * scope there, a relative URL).
   */
  protected audienceFor(url: ASTNode | undefined, at: AnyPath, depth = 0): string | null | undefined {
    if (!url) return undefined;
    const node = this.unwrapped(url);
    if (isNodeType(node, 'StringLiteral')) {
      if (isCloudAutomationUrl(node.value)) return null;
      return /^https?:\/\//iu.test(node.value) ? this.text(node) : undefined;
    }
    if (isNodeType(node, 'TemplateLiteral')) {
      const [head, next] = node.quasis;
      const first = node.expressions[0] as ASTNode | undefined;
      if (head && next && first && (head.value.cooked ?? head.value.raw) === '' && /^\/|^$/u.test(next.value.cooked ?? next.value.raw) && this.nameableAt(first, at)) {
        return this.text(first);
      }
      // Holes stand for an environment id at most: `https://${env}.cloudautomation.live.dynatrace.com/api`.
      const literal = node.quasis.map((quasi) => quasi.value.cooked ?? quasi.value.raw).join('x');
      if (isCloudAutomationUrl(literal)) return null;
      return /^https?:\/\//iu.test(literal) && this.nameableAt(node, at) ? this.text(node) : undefined;
    }
    if (isNodeType(node, 'BinaryExpression') && node.operator === '+') {
      let left: ASTNode = node;
      while (isNodeType(left, 'BinaryExpression') && left.operator === '+') left = left.left;
      const leftmost = this.unwrapped(left);
      if (isNodeType(leftmost, 'StringLiteral')) return this.audienceFor(leftmost, at) === null ? null : this.nameableAt(node, at) && /^https?:\/\//iu.test(leftmost.value) ? this.text(node) : undefined;
      return this.nameableAt(leftmost, at) ? this.text(leftmost) : undefined;
    }
    if (isNodeType(node, 'NewExpression') && isNodeType(node.callee as ASTNode, 'Identifier') && (node.callee as Identifier).name === 'URL') {
      const [path, base] = node.arguments as ASTNode[];
      if (base) return this.nameableAt(base, at) ? this.text(base) : undefined;
      return this.audienceFor(path, at);
    }
    if (isNodeType(node, 'CallExpression') && depth < 4) {
      // `this.resourceUrl(project)` building `${this.baseUrl}/resource-service/…`: the base every return shares.
      const callee = this.pathOfNode(node.callee);
      const method = callee ? this.classMethodOf(callee) : undefined;
      const returned = method ? this.returnedValues(method.function).map((value) => this.audienceFor(value.node, at, depth + 1)) : [];
      const [first] = returned;
      return first !== undefined && returned.every((audience) => audience === first) ? first : undefined;
    }
    if (isNodeType(node, 'Identifier') || isNodeType(node, 'MemberExpression')) {
      if (this.nameableAt(node, at)) return this.text(node);
      // `const url = `${this.baseUrl}/controlPlane/v1/project`` in another method: its value's base may be nameable here.
      const value = isNodeType(node, 'Identifier') ? this.constValue(node) : undefined;
      return value && depth < 4 ? this.audienceFor(value, at, depth + 1) : undefined;
    }
    return undefined;
  }

  /**
   * The method `this.<name>` / `this.#name` names in the class around the member expression:
   * a method, or a field holding a function (or, asked for `get`, a getter). `hidden`: `private`
   * or `#`, so only the class calls it.
   */
  protected classMethodOf(callee: AnyPath, kind: 'method' | 'get' = 'method'): { name: string; function: AnyPath; classBody: AnyPath; hidden: boolean } | undefined {
    const member = this.classMemberAt(callee);
    if (!member) return undefined;
    const { name, classBody, path: itemPath } = member;
    const item = itemPath.node as ASTNode & { accessibility?: string; kind?: string; value?: ASTNode | null };
    let fn: AnyPath | undefined;
    if ((item.type === 'ClassMethod' || item.type === 'ClassPrivateMethod') && item.kind === kind) fn = itemPath;
    else if (kind === 'method' && (item.type === 'ClassProperty' || item.type === 'ClassPrivateProperty') && item.value && (isNodeType(item.value, 'ArrowFunctionExpression') || isNodeType(item.value, 'FunctionExpression'))) fn = itemPath.get('value') as AnyPath;
    return fn ? { name, function: fn, classBody, hidden: name.startsWith('#') || item.accessibility === 'private' } : undefined;
  }

  /** The member `this.<name>` names in the class around it, static ones aside (the first so named): its name, class body and path. */
  protected classMemberAt(thisMember: AnyPath): { name: string; classBody: AnyPath; path: AnyPath } | undefined {
    const member = thisMember.node as ASTNode & { object?: ASTNode; property?: ASTNode };
    if (!isNodeType(thisMember.node, 'MemberExpression') || !member.object || !member.property || !isNodeType(member.object, 'ThisExpression')) return undefined;
    const name = this.classMemberName(thisMember.node);
    if (name === undefined) return undefined;
    let classBody = parentOf(thisMember);
    while (classBody && classBody.node.type !== 'ClassBody') classBody = parentOf(classBody);
    if (!classBody) return undefined;
    const index = (classBody.node as ASTNode & { body: ASTNode[] }).body.findIndex((item) => (item as ASTNode & { static?: boolean }).static !== true && this.classMemberName(item) === name);
    return index < 0 ? undefined : { name, classBody, path: classBody.get('body', index) as AnyPath };
  }

  /** A class member's name as `this.<name>` reads it (`#name` for a private name), from its key or the member itself. */
  protected classMemberName(member: ASTNode): string | undefined {
    const { key, computed, property } = member as ASTNode & { key?: ASTNode; property?: ASTNode; computed?: boolean | null };
    const name = key ?? property;
    if (!name) return undefined;
    return isNodeType(name, 'PrivateName') ? `#${(name.id as Identifier).name}` : this.propertyName(name, computed ?? false);
  }

  /** The expressions a function returns: an arrow's expression body, or each `return`'s argument outside nested functions. */
  protected returnedValues(fn: AnyPath): AnyPath[] {
    const body = fn.get('body') as AnyPath;
    if (!isNodeType(body.node, 'BlockStatement')) return [body];
    const values: AnyPath[] = [];
    const visit = (path: AnyPath): void => {
      const node = path.node as ASTNode | null | undefined;
      if (!node || typeof node !== 'object' || FUNCTION_TYPES.has(node.type) || node.type === 'ClassBody') return;
      if (isNodeType(node, 'ReturnStatement')) {
        if (node.argument) values.push(path.get('argument') as AnyPath);
        return;
      }
      for (const key of Object.keys(node)) {
        if (key === 'loc' || key === 'comments' || key === 'leadingComments' || key === 'trailingComments' || key === 'extra') continue;
        const child = (node as unknown as Record<string, unknown>)[key];
        if (Array.isArray(child)) child.forEach((item, index) => { if (item && typeof item === 'object' && 'type' in item) visit(path.get(key, index) as AnyPath); });
        else if (child && typeof child === 'object' && 'type' in child) visit(path.get(key) as AnyPath);
      }
    };
    visit(body);
    return values;
  }

  /**
   * The statement holding `value` comes before the one holding `call`, in the same statement list
   * of the same function: the value is built each time just before that request is sent.
   */
  protected sameBlockBefore(value: AnyPath, call: AnyPath): boolean {
    const valueStatement = this.statementOf(value);
    const callStatement = this.statementOf(call);
    if (!valueStatement || !callStatement) return false;
    const list = parentOf(valueStatement)?.node;
    if (list !== parentOf(callStatement)?.node || isNodeType(list, 'Program') || isNodeType(list, 'ClassBody')) return false;
    return rangeOf(valueStatement.node).end <= rangeOf(callStatement.node).start;
  }

  /**
   * `value` is evaluated before the request `call` is made, every time it is made, in one run of
   * the same function: its statement (or the `if` around it) precedes, in one statement list, the
   * statement that makes the request, also from inside a callback or Promise executor written there
   * (`if (token) headers['x-token'] = token; return new Promise(() => { https.request(…) })`).
   * A function declaration on the way could be called before the value is written: not counted.
   */
  protected evaluatedBefore(value: AnyPath, call: AnyPath): boolean {
    const valueFunction = this.enclosingFunction(value);
    let statement = this.statementOf(value);
    while (statement) {
      const list = parentOf(statement);
      if (!list || isNodeType(list.node, 'Program') || isNodeType(list.node, 'ClassBody')) return false;
      let callStatement: AnyPath | null = call;
      let declaredOnTheWay = false;
      while (callStatement && parentOf(callStatement)?.node !== list.node) {
        declaredOnTheWay ||= isNodeType(callStatement.node, 'FunctionDeclaration');
        callStatement = parentOf(callStatement);
      }
      if (callStatement) return !declaredOnTheWay && !isNodeType(callStatement.node, 'FunctionDeclaration') && callStatement !== statement && rangeOf(statement.node).end <= rangeOf(callStatement.node).start;
      const outer = this.statementOf(list);
      if (!outer || this.enclosingFunction(outer) !== valueFunction) return false;
      statement = outer;
    }
    return false;
  }

  /** The initializer of the `const` an identifier reads (a `let` never assigned again counts too). */
  private constValue(identifier: ASTNode): ASTNode | undefined {
    const path = this.pathOfNode(identifier);
    const binding = path ? this.bindingOf(path) : undefined;
    const declarator = binding ? parentOf(binding) : undefined;
    if (!binding || !declarator || binding.name !== 'id' || !isNodeType(declarator.node, 'VariableDeclarator') || !declarator.node.init) return undefined;
    const declaration = parentOf(declarator)?.node;
    const kind = isNodeType(declaration, 'VariableDeclaration') ? declaration.kind : undefined;
    if (kind === 'var') return undefined;
    if (kind !== 'const' && this.isReassigned(binding)) return undefined;
    return declarator.node.init;
  }

  /**
   * Whether an expression means the same at `at` as where it is written: made of names, member
   * reads and literals only, every name bound to the same declaration there and declared before
   * `at` (or a function parameter of a function around both), `this` only within the same function.
   */
  protected nameableAt(expression: ASTNode, at: AnyPath): boolean {
    const where = this.pathOfNode(expression);
    if (!where) return false;
    const sameFunction = this.enclosingFunction(where) === this.enclosingFunction(at);
    let nameable = true;
    const check = (path: AnyPath): void => {
      if (!nameable) return;
      const node = path.node;
      switch (node.type) {
        case 'Identifier': {
          if (!this.isReference(path)) return;
          const binding = this.bindingOf(path);
          if (!binding) {
            // A global (`process`): the same everywhere it is not shadowed.
            if (this.lookupAt(at, node.name) !== undefined) nameable = false;
            return;
          }
          // Bound to the same declaration at `at`, declared before it (no temporal dead zone), and
          // never reassigned (a `let` set later would still be unset where the audience is read).
          if (this.lookupAt(at, node.name) !== binding.node || rangeOf(binding.node).start > rangeOf(at.node).start) nameable = false;
          else if (this.isReassigned(binding)) nameable = false;
          return;
        }
        case 'ThisExpression':
          if (!sameFunction) nameable = false;
          return;
        case 'MemberExpression': {
          if (!sameFunction && this.isConstructorParameterProperty(node, at)) return;
          check(path.get('object') as AnyPath);
          if ((node as ASTNode & { computed: boolean }).computed) check(path.get('property') as AnyPath);
          return;
        }
        case 'StringLiteral':
        case 'NumericLiteral':
          return;
        case 'TemplateLiteral':
          (node as ASTNode & { expressions: ASTNode[] }).expressions.forEach((_, index) => { check(path.get('expressions', index) as AnyPath); });
          return;
        case 'BinaryExpression':
        case 'LogicalExpression':
          check(path.get('left') as AnyPath);
          check(path.get('right') as AnyPath);
          return;
        default:
          if (TRANSPARENT_WRAPPERS.has(node.type)) check(path.get('expression') as AnyPath);
          else nameable = false;
      }
    };
    check(where);
    return nameable;
  }

  private pathOfNode(node: ASTNode): AnyPath | undefined {
    try {
      return this.shared.index.pathOf(node);
    } catch {
      return undefined;
    }
  }

  /**
   * `this.keptnApiUrl` read in another method, where `at` is in the constructor that declares
   * `private readonly keptnApiUrl` as a parameter: set before the constructor's body runs and never
   * reassigned, so it names the same value there.
   */
  private isConstructorParameterProperty(member: ASTNode, at: AnyPath): boolean {
    const { object, property, computed } = member as ASTNode & { object: ASTNode; property: ASTNode; computed: boolean };
    if (!isNodeType(object, 'ThisExpression') || computed || !isNodeType(property, 'Identifier')) return false;
    const constructor = this.enclosingFunction(at);
    if (!isNodeType(constructor, 'ClassMethod') || constructor.kind !== 'constructor') return false;
    const where = this.pathOfNode(member);
    const classOf = (path: AnyPath | undefined): ASTNode | undefined => {
      let current = path ? parentOf(path) : null;
      while (current && current.node.type !== 'ClassBody') current = parentOf(current);
      return current?.node;
    };
    if (!where || classOf(where) !== classOf(at)) return false;
    return (constructor.params as ASTNode[]).some((param) => {
      if (!isNodeType(param, 'TSParameterProperty')) return false;
      const { readonly, parameter } = param as ASTNode & { readonly?: boolean; parameter: ASTNode & { name?: string; left: ASTNode & { name?: string } } };
      const name = parameter.type === 'AssignmentPattern' ? parameter.left.name : parameter.name;
      return readonly === true && name === property.name;
    });
  }

  protected enclosingFunction(path: AnyPath): ASTNode | undefined {
    let current = parentOf(path);
    while (current) {
      if (FUNCTION_TYPES.has(current.node.type)) return current.node;
      current = parentOf(current);
    }
    return undefined;
  }

  /** The declaration `name` resolves to at `at`, or undefined for a global. */
  private lookupAt(at: AnyPath, name: string): ASTNode | undefined {
    return this.declarationOf(at, name)?.node;
  }

  /** The URL expression of a request in Babel's tree, when it has exactly one: its URL argument, or the `url` its options hold. */
  protected urlNodeOf(site: RequestSite): ASTNode | undefined {
    const values = this.urlNodesOf(site);
    return values.length === 1 ? values[0] : undefined;
  }

  /** Every expression a request's URL may be (`options.url = …` written later included), in Babel's tree. */
  protected urlNodesOf(site: RequestSite): ASTNode[] {
    return this.facts().analysis.requestUrlValues(site).flatMap((value) => this.babelPath(value)?.node ?? []);
  }

  /**
   * The `{ audience }` an adapter attached to an instance needs so the helper authorizes what
   * the x-token reached: nothing when the instance has a base of its own (the helper's default)
   * or is made elsewhere; else the API bases of the instance's Cloud Automation requests in this
   * file, named where the adapter is attached (`at`). A reason instead when they cannot be named.
   */
  protected instanceAudience(site: RequestSite, at: AnyPath): { readonly audience: string } | { readonly why: string } {
    if (site.client.opaque) return { audience: '' };
    const own = site.createsInstance && site.node.type === AST_NODE_TYPES.CallExpression && site.signature.createsInstance === true ? site.optionArguments : [];
    const options = [...site.client.defaults, ...own];
    const bases = options.map((value) => this.baseValueOf(this.babelPath(value)?.node));
    // A base named, or options that cannot be seen (which may name one): the helper's default audience is the instance's base.
    if (bases.some((base) => base !== false)) return site.client.kind === 'got' || site.client.kind === 'ky' ? this.prefixAudience(bases, at) : { audience: '' };
    const { analysis, sites } = this.facts();
    const requests = sites.filter((request) => !request.createsInstance && sameInstance(site, request) && this.sureEnough(analysis.assessTarget(request)));
    const option = httpClients[site.client.kind].baseUrlOption ?? 'baseURL';
    if (requests.length === 0) {
      return { why: `the instance has no ${option} and none of its requests is in this file, so the helper would authorize only Cloud Automation hosts` };
    }
    const audiences: string[] = [];
    for (const request of requests) {
      const urls = this.urlNodesOf(request);
      if (urls.length === 0) return { why: `the instance has no ${option}, and the URL of its request on line ${request.node.loc.start.line} cannot be seen` };
      for (const url of urls) {
        const audience = this.audienceFor(url, at);
        if (audience === undefined && this.isRelativeUrl(url)) {
          return { why: `the instance has no ${option} and its request on line ${request.node.loc.start.line} uses a relative URL, which the helper authorizes only under a ${option}` };
        }
        if (audience === undefined) {
          return { why: `the instance has no ${option}, and the URL of its request on line ${request.node.loc.start.line} cannot be named where the helper is attached` };
        }
        if (audience !== null) audiences.push(audience);
      }
    }
    return { audience: this.audienceOption(audiences) };
  }

  /**
   * got's and ky's hooks read `prefixUrl` at each request, and an instance made from this one by
   * `extend` (or a request given a `prefixUrl` of its own) keeps the hooks with another base: left
   * to that default the helper would authorize the other base too. So the hooks are bound to this
   * instance's own base, written again where they are added. A reason when it cannot be.
   */
  private prefixAudience(bases: readonly (ASTNode | false | undefined)[], at: AnyPath): { readonly audience: string } | { readonly why: string } {
    // The last options that name a base win, as in the client's own merge.
    const value = [...bases].reverse().find((found) => found !== false);
    // The base the prefix is built on (`${KEPTN_ENDPOINT}/controlPlane/v1` → `KEPTN_ENDPOINT`): unset, it
    // names no base, where the whole prefix (`/controlPlane/v1`) would not be a URL the helper takes.
    const named = value ? this.audienceFor(value, at) : undefined;
    if (named) return { audience: this.audienceOption([named]) };
    if (value && this.nameableAt(value, at)) return { audience: this.audienceOption([this.text(value)]) };
    const why = value === undefined ? 'its `prefixUrl` cannot be seen' : `its \`prefixUrl\` (\`${this.text(value)}\`) cannot be written again where the hooks are added`;
    return { why: `the helper's hooks read \`prefixUrl\` at each request, so an instance made from this one by \`extend\` with another base would send the token there too; they must be bound to this base as their audience, and ${why}` };
  }

  /** The value of the `baseURL` / `prefixUrl` an options expression names: false when it names none, undefined when that cannot be seen. */
  private baseValueOf(options: ASTNode | undefined, depth = 0): ASTNode | false | undefined {
    const node = options ? this.unwrapped(options) : undefined;
    if (!node || depth > 3) return undefined;
    if (isNodeType(node, 'Identifier')) {
      const path = this.pathOf(node);
      const binding = path ? this.bindingOf(path) : undefined;
      const declarator = parentOf(binding)?.node;
      return isNodeType(declarator, 'VariableDeclarator') && declarator.init ? this.baseValueOf(declarator.init, depth + 1) : undefined;
    }
    if (isNodeType(node, 'CallExpression') && this.copiesLikeAssign(node.callee)) {
      // The last argument that names a base wins, as its properties are assigned last.
      for (const argument of [...(node.arguments as ASTNode[])].reverse()) {
        const value = this.baseValueOf(argument, depth + 1);
        if (value !== false) return value;
      }
      return false;
    }
    if (!isNodeType(node, 'ObjectExpression')) return undefined;
    let found: ASTNode | false | undefined = false;
    for (const member of node.properties as ASTNode[]) {
      if (isNodeType(member, 'ObjectProperty')) {
        const key = this.propertyName(member.key, member.computed ?? false);
        if (key !== undefined && BASE_URL_OPTIONS.has(key)) found = member.value;
      } else if (isNodeType(member, 'SpreadElement')) {
        const spread = this.baseValueOf(member.argument, depth + 1);
        if (spread !== false) found = spread;
      } else {
        found = undefined;
      }
    }
    return found;
  }

  /** `'/api/v1/metadata'`, `` `/controlPlane/${p}` ``: a URL the client resolves against a base. */
  protected isRelativeUrl(url: ASTNode): boolean {
    const node = this.unwrapped(url);
    const head = isNodeType(node, 'StringLiteral') ? node.value : isNodeType(node, 'TemplateLiteral') ? (node.quasis[0]?.value.cooked ?? '') : undefined;
    return head !== undefined && head !== '' && !/^[a-z][a-z\d+.-]*:/iu.test(head);
  }

  /** `{ audience: … }` as the adapters take it, or '' when none is needed. */
  protected audienceOption(audiences: readonly string[]): string {
    const unique = [...new Set(audiences)];
    if (unique.length === 0) return '';
    return `{ ${helperAdapterOptions.audience}: ${unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`} }`;
  }

  protected oracle(): FileTypeOracle {
    this.shared.oracle ??= createTypeOracle(this.file.path, this.source, this.options.tsconfig);
    return this.shared.oracle;
  }

  /** This file's `fileFacts`, computed once for both passes. */
  protected facts(): FileFacts {
    this.shared.facts ??= fileFacts(this.file.path, this.source, this.options, () => this.oracle());
    return this.shared.facts;
  }

  /** The ESTree node of the analysis that stands where a Babel node stands. */
  protected estreeNode(node: ASTNode, type?: string): EstreeNode | undefined {
    const { start, end } = rangeOf(node);
    return this.facts().parsed.nodeAt(start, end, type);
  }

  /** The Babel path standing where an ESTree node of the analysis stands (the innermost one of that span). */
  protected babelPath(node: EstreeNode, type?: string): AnyPath | undefined {
    const paths = this.shared.index.atRange(node.range[0], node.range[1]);
    return type === undefined ? paths.at(-1) : paths.find((path) => path.node.type === type);
  }

  /** `sureEnoughTarget` under this run's options. */
  protected sureEnough(target: TargetAssessment): boolean {
    return sureEnoughTarget(target, this.options);
  }

  /**
   * What the report says of a site `sureEnough` refused: for a target known to go elsewhere, why
   * and to leave it; else that nothing shows it is Cloud Automation, and how to migrate this file
   * once a person has checked (`--include-unsure` is per run, so per file is as fine as it gets).
   */
  protected notSureSite(target: TargetAssessment, what: string, ifItDoes: string, instance = false): { why: string; todo: string; elsewhere?: boolean; confidence?: TargetConfidence } {
    if (target.callersElsewhere !== undefined) return { ...callersElsewhereSite(target, instance ? 'this instance' : what, instance), confidence: target.confidence };
    if (target.elsewhere !== undefined) {
      return {
        elsewhere: true,
        why: `${target.elsewhere}, so this is not Cloud Automation, and the migration never rewrites it (not even with --include-unsure)`,
        todo: 'leave it: that service takes the x-token it gets now, not OAuth; remove the x-token only if that service no longer needs it',
      };
    }
    return {
      why: target.alsoElsewhere === undefined
        ? `nothing shows that ${what} goes to Cloud Automation (${target.confidence} target)`
        : `${target.alsoElsewhere}, so ${what} may go to a self-hosted Keptn, which takes only the x-token (${target.confidence} target)`,
      todo: `${ifItDoes}; or, once you have checked that it and the other unsure sites of this file do, run \`${includeUnsureCommand(this.file.path)}\` (jscodeshift: --includeUnsure on this file)`,
    };
  }

  protected text(node: ASTNode): string {
    const { start, end } = rangeOf(node);
    return this.source.slice(start, end);
  }

  protected position(node: ASTNode): { line: number; column: number } {
    const { loc } = node as ASTNode & { loc?: { start: { line: number; column: number } } };
    return { line: loc?.start.line ?? 0, column: (loc?.start.column ?? 0) + 1 };
  }

  protected pathOf(identifier: Identifier): AnyPath | undefined {
    // The index's node → path map: scanning every identifier of that name made each lookup
    // O(uses of the name), quadratic in a file that names one endpoint constant per call.
    return this.identifiers.holds(identifier) ? this.identifiers.pathOf(identifier) : undefined;
  }

  protected isUrlLike(node: ASTNode): boolean {
    return ['StringLiteral', 'TemplateLiteral', 'BinaryExpression'].includes(node.type);
  }

  protected propertyName(key: ASTNode, computed: boolean): string | undefined {
    if (isNodeType(key, 'Identifier') && !computed) return key.name;
    if (isNodeType(key, 'StringLiteral')) return key.value;
    return undefined;
  }

  // ── which client is this? ───────────────────────────────────────────────────────────

  protected bindingOf(path: AnyPath): AnyPath | undefined {
    const node = path.node;
    if (!isNodeType(node, 'Identifier')) return undefined;
    return this.declarationOf(path, node.name);
  }

  /**
   * The identifier that declares `name` where `at` is, undefined for a global. ast-types' scopes
   * do not list what `import x = require('m')` binds (old-style TypeScript): a name no scope
   * declares is that import's when the file has one at its top.
   */
  private declarationOf(at: AnyPath, name: string): AnyPath | undefined {
    const scope = scopeDeclaring(at, name);
    if (scope) return parameterPropertyIn(scope, name) ?? this.visibleBinding(scope.getBindings()[name] ?? [], rangeOf(at.node));
    // Nor a module's `enum` (`export enum`), which TypeScript declares once at the top as well.
    const atTop = (declaration: AnyPath | null | undefined): boolean => {
      const holder = parentOf(declaration);
      return isNodeType(holder?.node, 'Program') || (isNodeType(holder?.node, 'ExportNamedDeclaration') && isNodeType(parentOf(holder)?.node, 'Program'));
    };
    return this.identifiers.get(name)?.find((path) => {
      const declaration = parentOf(path);
      if (path.name !== 'id') return false;
      if (isNodeType(declaration?.node, 'TSImportEqualsDeclaration')) return isNodeType(parentOf(declaration)?.node, 'Program');
      return isNodeType(declaration?.node, 'TSEnumDeclaration') && atTop(declaration);
    });
  }

  /**
   * ast-types' scopes are function-wide: a `let` or `const` declared in a block is listed with
   * the function's own, so the one that holds at `at` is the declaration whose block is the
   * innermost around it (`let options` inside an `if` shadows an outer `options` there only).
   */
  protected visibleBinding(candidates: readonly AnyPath[], at: Range): AnyPath | undefined {
    if (candidates.length <= 1) return candidates[0];
    let best: AnyPath | undefined;
    let bestSize = Number.POSITIVE_INFINITY;
    for (const candidate of candidates) {
      const region = this.visibilityRegion(candidate);
      if (!region || !contains(region, at)) continue;
      const size = region.end - region.start;
      if (size < bestSize) {
        best = candidate;
        bestSize = size;
      }
    }
    return best ?? candidates[0];
  }

  private visibilityRegion(binding: AnyPath): Range | undefined {
    let current = parentOf(binding);
    let blockScoped = false;
    while (current) {
      const type = current.node.type;
      if (type === 'VariableDeclaration') blockScoped = (current.node as ASTNode & { kind: string }).kind !== 'var';
      if (type === 'ClassDeclaration' && current.node !== binding.node) blockScoped = true;
      if (blockScoped && (type === 'BlockStatement' || type === 'StaticBlock' || type === 'SwitchStatement' || type === 'ForStatement' || type === 'ForInStatement' || type === 'ForOfStatement')) return rangeOf(current.node);
      // A function's own name is visible around it, not only inside.
      const ownName = current === parentOf(binding) && binding.name === 'id';
      if ((FUNCTION_TYPES.has(type) && !ownName) || type === 'Program') return rangeOf(current.node);
      current = parentOf(current);
    }
    return undefined;
  }

  protected isReference(path: AnyPath): boolean {
    const parent = parentOf(path)?.node;
    if (!parent) return false;
    if ((parent.type === 'MemberExpression' || parent.type === 'OptionalMemberExpression') && path.name === 'property') {
      return (parent as ASTNode & { computed: boolean }).computed;
    }
    if ((parent.type === 'ObjectProperty' || parent.type === 'ClassProperty' || parent.type === 'ObjectMethod' || parent.type === 'ClassMethod') && path.name === 'key') {
      return (parent as ASTNode & { computed?: boolean }).computed === true;
    }
    if (parent.type.startsWith('Import')) return false;
    // `#headers`: a private member's name, not the variable `headers`.
    if (parent.type === 'PrivateName') return false;
    if (parent.type === 'ExportSpecifier' && path.name === 'exported') return false;
    if (parent.type.startsWith('TS') && parent.type !== 'TSAsExpression' && parent.type !== 'TSNonNullExpression' && parent.type !== 'TSSatisfiesExpression') {
      return parent.type === 'TSTypeQuery' || parent.type === 'TSExportAssignment';
    }
    return true;
  }

  /** Every other place in the file that reads the binding declared at `declaration`. */
  protected referencesOf(declaration: AnyPath): AnyPath[] {
    const node = declaration.node;
    if (!isNodeType(node, 'Identifier')) return [];
    return (this.identifiers.get(node.name) ?? []).filter(
      (path) => path.node !== node && this.isReference(path) && this.bindingOf(path)?.node === node,
    );
  }

  protected requireSource(node: ASTNode | null | undefined): string | undefined {
    if (!isNodeType(node, 'CallExpression')) return undefined;
    const callee = node.callee as ASTNode;
    const first = node.arguments[0] as ASTNode | undefined;
    if (isNodeType(callee, 'Identifier') && callee.name === 'require' && isNodeType(first, 'StringLiteral')) return first.value;
    return undefined;
  }

  // ── calls that go through the OAuth helper already ──────────────────────────────────

  /** `oauthClientFromEnv().fetch`, `client.fetch` with `client` made by the helper or imported as its ready client. */
  protected isHelperFetch(calleePath: AnyPath): boolean {
    const callee = calleePath.node;
    if (!isNodeType(callee, 'MemberExpression') || callee.computed) return false;
    const property = callee.property as ASTNode;
    if (!isNodeType(property, 'Identifier') || property.name !== helperClientMembers.fetch) return false;
    return this.isHelperClient(calleePath.get('object') as AnyPath, 0);
  }

  protected isHelperClient(path: AnyPath, depth: number): boolean {
    const node = path.node;
    if (depth > 3) return false;
    if (TRANSPARENT_WRAPPERS.has(node.type)) return this.isHelperClient(path.get('expression') as AnyPath, depth + 1);
    if (isNodeType(node, 'CallExpression')) {
      const imported = this.helperImportOf(path.get('callee') as AnyPath);
      return imported === this.helperName || imported === helperExports.createClient || imported === helperExports.clientFromEnv || imported === helperExports.optionalClientFromEnv;
    }
    if (!isNodeType(node, 'Identifier')) return false;
    const imported = this.helperImportOf(path);
    if (imported !== undefined) return imported === this.options.clientExport;
    const binding = this.bindingOf(path);
    const declarator = parentOf(binding)?.node;
    if (!binding || !isNodeType(declarator, 'VariableDeclarator') || binding.name !== 'id' || !declarator.init) return false;
    return this.isHelperClient(parentOf(binding)?.get('init') as AnyPath, depth + 1);
  }

  /** The export an identifier names, when it is imported (or required) from the helper module. */
  protected helperImportOf(path: AnyPath): string | undefined {
    if (!isNodeType(path.node, 'Identifier')) return undefined;
    const binding = this.bindingOf(path);
    const specifier = parentOf(binding)?.node;
    const module = this.options.helperModule ?? HELPER_MODULE;
    if (isNodeType(specifier, 'ImportSpecifier')) {
      const declaration = parentOf(parentOf(binding))?.node as (ASTNode & { source?: { value: string } }) | undefined;
      return declaration?.source?.value === module ? this.propertyName(specifier.imported, false) : undefined;
    }
    if (isNodeType(specifier, 'ObjectProperty')) {
      // `const { oauthClientFromEnv } = require('cloud-automation-oauth')`
      const declarator = parentOf(parentOf(parentOf(binding)))?.node;
      const required = isNodeType(declarator, 'VariableDeclarator') ? this.requireSource(declarator.init) : undefined;
      return required === module ? this.propertyName(specifier.key, false) : undefined;
    }
    return undefined;
  }

  protected classifyCall(call: ASTPath<CallExpression>): CallInfo | undefined {
    const known = this.shared.calls;
    if (known.has(call.node)) return known.get(call.node);
    const info = this.classifyCallOnce(call);
    known.set(call.node, info);
    return info;
  }

  /** The analysis's request site for a call of Babel's tree. */
  protected requestSiteOf(call: ASTPath<CallExpression>): RequestSite | undefined {
    const node = this.estreeNode(call.node, 'CallExpression');
    return node?.type === AST_NODE_TYPES.CallExpression ? this.facts().analysis.requestSite(node) : undefined;
  }

  private classifyCallOnce(call: ASTPath<CallExpression>): CallInfo | undefined {
    const site = this.requestSiteOf(call);
    if (!site) return undefined;
    return {
      client: { kind: site.client.kind, instance: site.client.isInstance },
      member: site.member,
      signature: site.signature,
      ...(site.viaHelper ? { viaHelper: true } : {}),
    };
  }

  // ── where an instance was made, and with which base URL ─────────────────────────

  protected instanceOrigin(call: ASTPath<CallExpression>): AnyPath | undefined {
    let callee = call.get('callee') as AnyPath;
    if (isNodeType(callee.node, 'MemberExpression')) {
      const object = callee.get('object') as AnyPath;
      // `got.stream.get(…)` on an instance: the instance is one level further in.
      callee = isNodeType(object.node, 'MemberExpression') && this.isInstancePath(object.get('object') as AnyPath) ? (object.get('object') as AnyPath) : object;
    }
    const node = callee.node;
    if (isNodeType(node, 'Identifier')) {
      const binding = this.bindingOf(callee);
      const declarator = binding?.parent as AnyPath | null | undefined;
      if (binding?.name === 'id' && isNodeType(declarator?.node, 'VariableDeclarator') && declarator.node.init) return declarator.get('init') as AnyPath;
      return undefined;
    }
    if (isNodeType(node, 'MemberExpression') && isNodeType(node.object as ASTNode, 'ThisExpression')) {
      const field = this.propertyName(node.property, node.computed ?? false);
      return field === undefined ? undefined : this.fieldOrigin(callee, field);
    }
    return undefined;
  }

  protected isInstancePath(path: AnyPath): boolean {
    return isNodeType(path.node, 'Identifier') || (isNodeType(path.node, 'MemberExpression') && isNodeType(path.node.object as ASTNode, 'ThisExpression'));
  }

  protected fieldOrigin(path: AnyPath, field: string): AnyPath | undefined {
    let classBody: AnyPath | null = path;
    while (classBody && classBody.node.type !== 'ClassBody') classBody = parentOf(classBody);
    if (!classBody) return undefined;
    const body = rangeOf(classBody.node);
    // From the tree index, not a `find` per question: a file asks this for every instance call.
    for (const assignment of this.nodesWithin<AssignmentExpression>('AssignmentExpression', body)) {
      const left = assignment.node.left as ASTNode;
      if (isNodeType(left, 'MemberExpression') && isNodeType(left.object as ASTNode, 'ThisExpression') && this.propertyName(left.property, left.computed ?? false) === field) {
        return assignment.get('right') as AnyPath;
      }
    }
    for (const property of this.nodesWithin<ClassProperty>('ClassProperty', body)) {
      if (this.propertyName(property.node.key, false) === field && property.node.value) return property.get('value') as AnyPath;
    }
    return undefined;
  }

  protected unwrapped(node: ASTNode): ASTNode {
    let current = node;
    while (current.type === 'AwaitExpression' || current.type === 'TSAsExpression' || current.type === 'TSNonNullExpression' || current.type === 'ParenthesizedExpression') {
      current = (current as ASTNode & { expression?: ASTNode; argument?: ASTNode }).expression ?? (current as ASTNode & { argument: ASTNode }).argument;
    }
    return current;
  }

  /** `baseURL` (axios) or `prefixUrl` (got) in the options the instance was made with (D3). */
  protected baseUrlOf(origin: ASTNode): ASTNode | undefined {
    let create = this.unwrapped(origin);
    if (!isNodeType(create, 'CallExpression')) return undefined;
    const callee = create.callee as ASTNode;
    // `client.attachToAxios(axios.create({ baseURL }))`: the base is the wrapped instance's.
    if (isNodeType(callee, 'MemberExpression') && this.propertyName(callee.property, false) === helperClientMembers.attachToAxios) {
      const inner = (create.arguments as ASTNode[])[0];
      create = inner ? this.unwrapped(inner) : create;
      if (!isNodeType(create, 'CallExpression')) return undefined;
    }
    const defaults = (create.arguments as ASTNode[])[0];
    if (!isNodeType(defaults, 'ObjectExpression')) return undefined;
    for (const member of defaults.properties as ASTNode[]) {
      if (!isNodeType(member, 'ObjectProperty')) continue;
      const key = this.propertyName(member.key, member.computed ?? false);
      if (key !== undefined && BASE_URL_OPTIONS.has(key)) return member.value;
    }
    return undefined;
  }

  // ── routes: what the requests hit, so the report can name the scopes ───────────────

  protected urlShapeOf(node: ASTNode | undefined, depth = 0): readonly UrlPart[] {
    if (!node || depth > 5) return [HOLE];
    if (isNodeType(node, 'StringLiteral')) return [node.value];
    if (isNodeType(node, 'TemplateLiteral')) {
      const parts: (UrlPart | readonly UrlPart[])[] = [];
      node.quasis.forEach((quasi, index) => {
        parts.push(quasi.value.cooked ?? quasi.value.raw);
        const expression = node.expressions[index] as ASTNode | undefined;
        if (expression) parts.push(this.urlShapeOf(expression, depth + 1));
      });
      return urlShape(...parts);
    }
    if (isNodeType(node, 'BinaryExpression') && node.operator === '+') {
      return urlShape(this.urlShapeOf(node.left, depth + 1), this.urlShapeOf(node.right, depth + 1));
    }
    if (isNodeType(node, 'Identifier')) {
      const path = this.pathOf(node);
      const binding = path ? this.bindingOf(path) : undefined;
      const declarator = parentOf(binding)?.node;
      if (isNodeType(declarator, 'VariableDeclarator') && binding?.name === 'id') {
        const init = declarator.init as ASTNode | null;
        if (init && (isNodeType(init, 'StringLiteral') || isNodeType(init, 'TemplateLiteral') || isNodeType(init, 'BinaryExpression'))) {
          return this.urlShapeOf(init, depth + 1);
        }
      }
      return [HOLE];
    }
    if (isNodeType(node, 'NewExpression') && isNodeType(node.callee as ASTNode, 'Identifier') && (node.callee as Identifier).name === 'URL') {
      return urlShape(HOLE, this.urlShapeOf(node.arguments[0], depth + 1));
    }
    return [HOLE];
  }

  protected requestParts(call: CallExpression | NewExpression, info: CallInfo): { url: ASTNode | undefined; method: string | undefined } {
    const args = call.arguments as ASTNode[];
    const { signature } = info;
    let options = signature.options === undefined ? undefined : args[signature.options];
    let url = signature.url === undefined ? undefined : args[signature.url];
    if (signature.optionsMayComeFirst && url && isNodeType(url, 'ObjectExpression')) {
      options = url;
      url = undefined;
    }
    let method = signature.method;
    if (isNodeType(options, 'ObjectExpression')) {
      for (const property of options.properties as ASTNode[]) {
        if (!isNodeType(property, 'ObjectProperty')) continue;
        const key = this.propertyName(property.key, property.computed ?? false);
        const value = property.value as ASTNode;
        if (key === 'method' && isNodeType(value, 'StringLiteral')) method ??= value.value.toUpperCase();
        if (key === 'url' && url === undefined) url = value;
      }
    }
    if (info.client.kind === 'fetch' || (info.member === undefined && info.client.kind !== 'undici')) method ??= info.client.kind === 'fetch' ? 'GET' : undefined;
    if (info.client.kind === 'axios' && info.member === undefined) method ??= 'GET';
    if (info.client.kind === 'got' && (info.member === undefined || info.member === 'stream' || info.member.startsWith('paginate'))) method ??= 'GET';
    return { url, method };
  }

  /**
   * The URL analysis of a request (what the edit planning asks about token checks). Its routes
   * reach the scope report through `collectRoutes`, like every other request of the file.
   */
  protected recordRoute(callPath: ASTPath<CallExpression | NewExpression>): UrlAnalysis | undefined {
    const node = this.estreeNode(callPath.node, callPath.node.type);
    const site = node?.type === AST_NODE_TYPES.CallExpression || node?.type === AST_NODE_TYPES.NewExpression ? this.facts().analysis.requestSite(node) : undefined;
    return site ? this.recordSiteRoute(site) : undefined;
  }

  /** One Cloud Automation call into the scope report, as the shared analysis resolves its routes; the call's own URL reading, for the caller's decisions. */
  protected recordSiteRoute(site: RequestSite): UrlAnalysis | undefined {
    const url = this.facts().analysis.assessTarget(site).url;
    const call = this.facts().analysis.cloudAutomationCall(site);
    if (!call) return url;
    const { routes } = call;
    const key = `${site.node.range[0]}`;
    if (this.tokenChecksReplaced.has(key)) return url;
    const { line, column } = site.node.loc.start;
    const [onlyMethod, ...otherMethods] = routes.methods;
    this.routes.set(key, {
      line,
      column: column + 1,
      method: otherMethods.length === 0 ? onlyMethod : undefined,
      displayPath: routes.displayPaths.join(' | '),
      client: site.viaHelper ? `${httpClients[site.client.kind].label} (OAuth helper)` : httpClients[site.client.kind].label,
      url: routes.urls.join(' | '),
      ...routeUseScopes(call, this.options.includeUnsure === true),
    });
    return url;
  }

  /** Every Cloud Automation call the analysis finds in the file, migrated or not, with its routes. */
  protected collectRoutes(): void {
    for (const site of this.facts().sites) {
      if (!site.createsInstance) this.recordSiteRoute(site);
    }
  }

  // ── markers and report entries ─────────────────────────────────────────────────────

  protected statementOf(path: AnyPath): AnyPath | undefined {
    let current: AnyPath | null = path;
    while (current) {
      const parent = parentOf(current);
      if (parent && STATEMENT_CONTAINERS.has(parent.node.type) && current.name !== 'key') return current;
      current = parent;
    }
    return undefined;
  }

  /** The statement carries a marker already, in the text or queued by an earlier pass. */
  protected hasMarker(statement: ASTNode): boolean {
    if (this.markedStatements.has(statement)) return true;
    const comments = (statement as ASTNode & { leadingComments?: { value: string }[] | null }).leadingComments ?? [];
    if (comments.some((comment) => comment.value.includes(MIGRATION_MARKER))) return true;
    // A marker on the line above that the parser attached elsewhere (after a previous statement).
    const { start } = rangeOf(statement);
    const lineStart = lineStartOf(this.source, start);
    const previousLineStart = lineStartOf(this.source, Math.max(0, lineStart - 1));
    return this.source.slice(previousLineStart, lineStart).includes(MIGRATION_MARKER);
  }

  /**
   * Runs `attempt` with `reason` put in front of the why of any site it leaves: the reason the
   * simple rewrite was not taken, which the marker must name as well as what stopped the other.
   */
  protected withLeaveReason<T>(reason: string | undefined, attempt: () => T): T {
    const outer = this.leaveReason;
    this.leaveReason = reason ?? outer;
    try {
      return attempt();
    } finally {
      this.leaveReason = outer;
    }
  }

  /** Leaves a site as it is: one marker comment above its statement and a report entry. */
  protected leave(path: AnyPath, what: string, reason: string, todo: string): void {
    const why = this.leaveReason === undefined ? reason : `${this.leaveReason}, and ${reason}`;
    const statement = this.statementOf(path);
    const { line, column } = this.position(path.node);
    this.manual.push({ line, column, what, why, todo });
    if (!statement || this.markedStatements.has(statement.node) || this.hasMarker(statement.node)) return;
    this.markedStatements.add(statement.node);
    const { start } = rangeOf(statement.node);
    const indent = indentationAt(this.source, start);
    const lineStart = lineStartOf(this.source, start);
    const atLineStart = this.source.slice(lineStart, start).trim() === '';
    // Line numbers are the input's; in the written file, markers and imports have moved the lines, so the comment names none.
    const said = why.replace(/ on line \d+/gu, '');
    this.edits.push(
      atLineStart
        ? { start: lineStart, end: lineStart, text: `${indent}// ${MIGRATION_MARKER} ${said}; ${todo}\n` }
        : { start, end: start, text: `/* ${MIGRATION_MARKER} ${said}; ${todo} */ ` },
    );
  }

  protected markMigrated(node: ASTNode, client: string, what: string): void {
    const { line, column } = this.position(node);
    this.migrated.push({ line, column, client, what });
  }

  // ── rewrites both transforms write ──────────────────────────────────────────────────

  protected isAsyncContext(path: AnyPath): boolean {
    let current: AnyPath | null = parentOf(path);
    while (current) {
      if (FUNCTION_TYPES.has(current.node.type)) return (current.node as ASTNode & { async?: boolean }).async === true;
      current = parentOf(current);
    }
    // Top-level await exists only in modules.
    return this.style.topLevelAwait;
  }

  protected authorizationValue(async: boolean): string {
    return async ? `await ${this.clientText}.${helperClientMembers.authorizationHeader}()` : 'authorization';
  }

  /**
   * `client.authorizationHeader().then((authorization) => call)`; with the optional client,
   * `optional.authorizationHeaders().then((authorization) => call)` (the headers to spread).
   */
  /** The promise of what a request outside async code waits for: the token, or the optional client's headers. */
  protected tokenPromise(optional: string | undefined): string {
    return optional === undefined
      ? `${this.clientText}.${helperClientMembers.authorizationHeader}()`
      : `${optional}.${helperOptionalClientMembers.authorizationHeaders}()`;
  }

  /** The name of the token's parameter where `call` waits for it: `authorization`, or `authorization2`, … when the request reads that name. */
  protected tokenParameter(call: ASTPath<CallExpression>): string {
    return parameterName('authorization', '', this.text(call.node));
  }

  /** `parameter`: the name the request's header entries were written with (see tokenParameter). */
  protected wrapInTokenPromise(call: ASTPath<CallExpression>, optional?: string, parameter = 'authorization'): void {
    if (this.wrappedCalls.has(call.node)) return;
    this.wrappedCalls.add(call.node);
    const { start, end } = rangeOf(call.node);
    // The parameter would hide a name the request reads, and could send the token where that
    // value went (a query string, a body). A caller that wrote the header entries with a name it
    // did not check gets the file left as it was rather than half renamed.
    if (new RegExp(`\\b${parameter}\\b`, 'u').test(this.source.slice(start, end))) {
      throw new Error(`the request on line ${call.node.loc?.start.line ?? '?'} reads a name \`${parameter}\`, which the OAuth token's parameter would hide where the request waits for it; rename that variable and run again`);
    }
    this.edits.push(
      { start, end: start, text: `${this.tokenPromise(optional)}.then((${parameter}) => ` },
      { start: end, end, text: ')' },
    );
  }

  /** The call goes through the helper's fetch; `optional`: the optional client's, for a conditional credential. */
  protected useHelperFetch(call: ASTPath<CallExpression>, optional?: string): void {
    if (this.fetchCallsMigrated.has(call.node)) return;
    this.fetchCallsMigrated.add(call.node);
    const callee = call.get('callee') as AnyPath;
    if (this.isHelperFetch(callee)) return;
    this.retired.push(callee);
    this.edits.push({ ...this.calleeRangeWithParentheses(call, callee.node), text: `${optional ?? this.clientText}.${helperClientMembers.fetch}` });
    const audience = this.fetchAudiences.get(call.node);
    const [url, init] = call.node.arguments;
    if (audience !== undefined && url) {
      // The helper's fetch takes the audience after `init`; the wrapper's call has no third argument (checked when it was bound).
      const after = rangeOf(init ?? url).end;
      this.edits.push({ start: after, end: after, text: `${init ? '' : ', undefined'}, { ${helperAdapterOptions.audience}: ${audience} }` });
    }
    if (optional === undefined) this.needsHelper = true;
    else this.useOptionalClient();
  }

  /**
   * Why this fetch call must keep its own fetch rather than move to the helper's: it is a fetch
   * module's (the analysis names the module in any import form, `import fetch = require('node-fetch')`
   * included; or its callee is at least bound in the file, not the global) and passes options only
   * that module acts on (`fetchModuleOnlyOptionsOf`), in the literal or in an options object
   * followed through `const`s, spreads, `Object.assign` and `options.x = …` writes. Undefined when
   * the helper's fetch sends the same.
   */
  protected fetchModuleOptionsReason(call: ASTPath<CallExpression>): string | undefined {
    const client = this.requestSiteOf(call)?.client;
    if (client?.kind === 'fetch' && client.byTypeOnly === true) {
      return `the request goes through \`${this.text(call.node.callee)}\`, a fetch handed to this code (known by its type), which the helper's fetch would not stand for: it may be a framework's, a proxy's or a test's; so it keeps it and needs the token in its own headers`;
    }
    const module = client?.module;
    if (module === undefined) {
      const root = this.calleeRoot(call.node.callee);
      const rootPath = root ? this.pathOfNode(root) : undefined;
      if (!rootPath || !this.bindingOf(rootPath)) return undefined;
    }
    const optionsIndex = this.classifyCall(call)?.signature.options;
    const options = optionsIndex === undefined ? undefined : (call.node.arguments as ASTNode[])[optionsIndex];
    const names = new Set<string>();
    if (options) this.collectOptionNames(options, names, 0);
    // A fetch bound in the file from a module the analysis cannot name is taken for node-fetch, the usual one.
    const moduleOnly = fetchModuleOnlyOptionsOf(module ?? 'node-fetch', names);
    if (moduleOnly.length > 0) {
      const listed = moduleOnly.map((name) => `\`${name}\``).join(', ');
      return `the request passes ${listed}, which ${module ?? 'its fetch module'} acts on and the helper's fetch (the global fetch) would ignore, so it keeps ${module ?? 'its fetch module'} and needs the token in its own headers`;
    }
    // A project typed for a runtime without a global fetch (lib without DOM, @types/node before 18)
    // would get the helper's bare Response where it read node-fetch's: the code stops type-checking.
    if (module !== undefined && this.oracle().declaresGlobalFetch() === false) {
      return `the project's types declare no global fetch (no DOM lib, @types/node before 18), so the helper's fetch would return a Response its code cannot read; it keeps ${module} and needs the token in its own headers`;
    }
    return undefined;
  }

  /**
   * Whether a `headers` member of an options object replaces headers that something earlier in
   * the object could carry: a spread (`{ ...init, headers: { … } }`), or, for an object passed to
   * `Object.assign`, an earlier argument (`Object.assign({}, init, { headers: { … } })`). Such a
   * `headers` must stay (as `headers: {}` once its x-token goes) so the request still sends what it
   * sent before minus the x-token, not the headers of `init`.
   */
  protected replacesEarlierHeaders(options: ASTNode, slot: ASTNode): boolean {
    const members = (options as ObjectExpression).properties as ASTNode[];
    const before = members.slice(0, Math.max(members.indexOf(slot), 0));
    if (before.some((member) => isNodeType(member, 'SpreadElement') && this.mayCarry(member.argument, 'headers'))) return true;
    const call = parentOf(this.pathOfNode(options))?.node;
    if (!isNodeType(call, 'CallExpression') || !this.copiesLikeAssign(call.callee)) return false;
    const args = call.arguments as ASTNode[];
    return args.slice(0, Math.max(args.indexOf(options), 0)).some((argument) => this.mayCarry(isNodeType(argument, 'SpreadElement') ? argument.argument : argument, 'headers'));
  }

  /**
   * Whether an object spread or assigned could hold a member named `key` (`headers`, `hooks`):
   * anything but an object literal without spreads or that member, a literal, either side of a
   * condition that holds none (`...(debug && { timeout })`), and the URL parsers node's request
   * options start from (`url.parse(…)`, `new URL(…)`).
   */
  protected mayCarry(node: ASTNode, key: string | ((name: string) => boolean), depth = 0): boolean {
    const value = this.unwrapped(node);
    if (depth > 4) return true;
    if (isNodeType(value, 'ObjectExpression')) {
      const named = typeof key === 'string' ? (name: string): boolean => name === key : key;
      return (value.properties as ASTNode[]).some((member) => {
        if (isNodeType(member, 'SpreadElement')) return this.mayCarry(member.argument, key, depth + 1);
        const name = isNodeType(member, 'ObjectProperty') ? this.propertyName(member.key, member.computed ?? false) : undefined;
        return name === undefined || named(name);
      });
    }
    // A falsy left side of `&&` spreads nothing; the other forms give one side or the other.
    if (isNodeType(value, 'LogicalExpression')) {
      return (value.operator !== '&&' && this.mayCarry(value.left, key, depth + 1)) || this.mayCarry(value.right, key, depth + 1);
    }
    if (isNodeType(value, 'ConditionalExpression')) return this.mayCarry(value.consequent, key, depth + 1) || this.mayCarry(value.alternate, key, depth + 1);
    if (isNodeType(value, 'StringLiteral') || isNodeType(value, 'TemplateLiteral') || isNodeType(value, 'NullLiteral') || isNodeType(value, 'NumericLiteral') || isNodeType(value, 'BooleanLiteral')) return false;
    if (isNodeType(value, 'Identifier') && value.name === 'undefined') return false;
    if (isNodeType(value, 'NewExpression') && isNodeType(value.callee as ASTNode, 'Identifier') && (value.callee as Identifier).name === 'URL') return false;
    if (isNodeType(value, 'CallExpression')) {
      const callee = value.callee as ASTNode;
      if (isNodeType(callee, 'MemberExpression') && !callee.computed && this.propertyName(callee.property, false) === 'parse' && isNodeType(callee.object as ASTNode, 'Identifier') && (callee.object as Identifier).name === 'url') return false;
    }
    return true;
  }

  /** The object copy a call of `callee` makes: `Object.assign`, lodash's `merge`, `deepmerge` (the analysis's `objectCopy`). */
  protected objectCopyOf(callee: ASTNode): ObjectCopy | undefined {
    const node = this.estreeNode(callee);
    return node === undefined ? undefined : this.facts().analysis.objectCopy(node);
  }

  /**
   * A call of `callee` copies its arguments' keys into one object, later ones winning, as
   * `Object.assign` does. lodash's `defaults`, where earlier ones win, does not: an edit that puts
   * the token first or last would mean the opposite there.
   */
  protected copiesLikeAssign(callee: ASTNode): boolean {
    return this.objectCopyOf(callee)?.wins === 'later';
  }

  /** `copiesLikeAssign`, writing into its first argument and returning it (not `deepmerge`'s new object). */
  protected assignsIntoFirst(callee: ASTNode): boolean {
    const copy = this.objectCopyOf(callee);
    return copy?.wins === 'later' && copy.intoFirst;
  }

  /** The identifier a callee is read from: `fetch`, `nodeFetch.default`, `(0, node_fetch_1.default)`. */
  private calleeRoot(callee: ASTNode): ASTNode | undefined {
    let current: ASTNode | undefined = callee;
    while (current) {
      if (isNodeType(current, 'Identifier')) return current;
      if (TRANSPARENT_WRAPPERS.has(current.type)) current = (current as ASTNode & { expression: ASTNode }).expression;
      else if (isNodeType(current, 'SequenceExpression')) current = current.expressions.at(-1);
      else if (isNodeType(current, 'MemberExpression')) current = current.object;
      else return undefined;
    }
    return undefined;
  }

  /** The option names an options expression is seen to hold (what cannot be seen adds nothing). */
  private collectOptionNames(node: ASTNode, names: Set<string>, depth: number): void {
    if (depth > 4) return;
    const value = this.unwrapped(node);
    if (isNodeType(value, 'ObjectExpression')) {
      for (const member of value.properties as ASTNode[]) {
        if (isNodeType(member, 'SpreadElement')) this.collectOptionNames(member.argument, names, depth + 1);
        else if (isNodeType(member, 'ObjectProperty') || isNodeType(member, 'ObjectMethod')) {
          const name = this.propertyName(member.key, member.computed ?? false);
          if (name !== undefined) names.add(name);
        }
      }
      return;
    }
    if (isNodeType(value, 'CallExpression') && this.copiesLikeAssign(value.callee)) {
      for (const argument of value.arguments as ASTNode[]) this.collectOptionNames(isNodeType(argument, 'SpreadElement') ? (argument.argument) : argument, names, depth + 1);
      return;
    }
    if (!isNodeType(value, 'Identifier')) return;
    const init = this.constValue(value);
    if (init) this.collectOptionNames(init, names, depth + 1);
    const path = this.pathOfNode(value);
    const binding = path ? this.bindingOf(path) : undefined;
    // `options.timeout = 5000` before the call.
    for (const reference of binding ? this.referencesOf(binding) : []) {
      const member = parentOf(reference);
      const assignment = parentOf(member);
      if (!member || !isNodeType(member.node, 'MemberExpression') || member.node.object !== reference.node) continue;
      if (!assignment || !isNodeType(assignment.node, 'AssignmentExpression') || assignment.node.left !== member.node) continue;
      const name = this.propertyName(member.node.property, member.node.computed ?? false);
      if (name !== undefined) names.add(name);
    }
  }

  /** `(0, node_fetch_1.default)` of compiled code goes with its parentheses: they were there only for the comma. */
  private calleeRangeWithParentheses(call: ASTPath<CallExpression>, callee: ASTNode): { start: number; end: number } {
    const range = rangeOf(callee);
    const parenthesized = (callee as ASTNode & { extra?: { parenthesized?: boolean } }).extra?.parenthesized === true;
    const callStart = rangeOf(call.node).start;
    if (!parenthesized || this.source[callStart] !== '(' || !/^\s*\)/u.test(this.source.slice(range.end))) return range;
    return { start: callStart, end: this.source.indexOf(')', range.end) + 1 };
  }

  /**
   * `POST …/v1/auth` asks whether the old API token is valid, which means nothing under OAuth.
   * Where the answer is read only as success or failure, a metadata read answers the question
   * that is left (can this client reach Cloud Automation?). Plans, without queuing them, the
   * edits that turn the call into that read (the path, the method, an empty body); authorizing
   * it is the caller's part. For any other shape, says why not, for the marker.
   * `alsoDropped` picks option members the caller wants gone with the method and the body.
   * `response` is the call whose answer is read: the fetch that sends a `new Request(…)` at once.
   */
  protected planTokenCheck(
    call: ASTPath<CallExpression | NewExpression>,
    info: CallInfo,
    alsoDropped: (member: ASTNode) => boolean = () => false,
    response: ASTPath<CallExpression> = call as ASTPath<CallExpression>,
  ): TokenCheckPlan | { readonly why: string; readonly detail: string } {
    const kind = info.client.kind;
    // The clients whose body options core knows: the ones a token check can be rewritten for.
    const { bodyOptions } = httpClients[kind];
    if (!bodyOptions) return tokenCheckLeft(`the codemod rewrites token checks of fetch, axios and got, not of ${httpClients[kind].label}`);
    if (!this.usedOnlyAsSignal(response)) return tokenCheckLeft('its response is not read only for success or failure where the codemod can see it, and a metadata read answers with other data');
    // A direct call takes its method from the options (GET without one); a verb member is renamed.
    const verb = info.member;
    const unusualShape = tokenCheckLeft('the call is not written as `fetch(url, { method })`, `client(url, { method })` or `client.post(url)` with its options inline, the shapes the codemod turns into a metadata read');
    if (verb !== undefined && verb !== 'post') return unusualShape;
    if (verb !== undefined && (kind === 'fetch' || !isNodeType(call.node.callee, 'MemberExpression') || call.node.callee.computed)) return unusualShape;
    const args = call.node.arguments as ASTNode[];
    const { url } = this.requestParts(call.node, info);
    const pathEdit = url ? this.authPathEdit(url) : undefined;
    if (!pathEdit) return tokenCheckLeft('its URL does not end in a literal `/v1/auth` the codemod can turn into `/v1/metadata`');
    const { signature } = info;
    const sendsBody = tokenCheckLeft('it sends a body, which a metadata read cannot carry');
    const data = signature.data === undefined ? undefined : args[signature.data];
    if (data && !this.sendsNothing(data)) return sendsBody;
    const optionsIndex = signature.optionsMayComeFirst && isNodeType(args[0], 'ObjectExpression') ? 0 : signature.options;
    const options = optionsIndex === undefined ? undefined : args[optionsIndex];
    if (options !== undefined && !isNodeType(options, 'ObjectExpression')) return unusualShape;
    const members = (options?.properties ?? []) as ASTNode[];
    if (!members.every((member) => isNodeType(member, 'ObjectProperty'))) return unusualShape;
    const keyOf = (member: ASTNode): string | undefined => this.propertyName((member as ASTNode & { key: ASTNode }).key, (member as ASTNode & { computed?: boolean }).computed ?? false);
    const bodies = members.filter((member) => bodyOptions.includes(keyOf(member) ?? ''));
    if (bodies.some((member) => !this.sendsNothing((member as ASTNode & { value: ASTNode }).value))) return sendsBody;
    if (verb === undefined && !members.some((member) => keyOf(member) === 'method')) return unusualShape;
    const droppedMembers = new Set(members.flatMap((member, index) => (keyOf(member) === 'method' || bodies.includes(member) || alsoDropped(member) ? [index] : [])));
    const edits: Edit[] = [];
    const droppedArguments = new Set<number>();
    if (data && signature.data !== undefined) droppedArguments.add(signature.data);
    if (options && optionsIndex !== undefined && optionsIndex > 0 && droppedMembers.size === members.length) droppedArguments.add(optionsIndex);
    else if (options && droppedMembers.size > 0) edits.push(...removeListItems(this.source, members.map(rangeOf), droppedMembers));
    if (droppedArguments.size > 0) edits.push(...removeListItems(this.source, args.map(rangeOf), droppedArguments));
    if (verb !== undefined) edits.push({ ...rangeOf((call.node.callee as ASTNode & { property: ASTNode }).property), text: 'get' });
    edits.push(pathEdit);
    return { call, kind, edits };
  }

  /** Queues a planned token-check rewrite and puts the metadata read in the scope report. */
  protected applyTokenCheck(plan: TokenCheckPlan): void {
    this.edits.push(...plan.edits);
    this.recordReachabilityCheck(plan.call, plan.kind);
  }

  /** A body that sends nothing: `undefined`, `null`, `void 0`, `{}`, `[]` or `''` (\`/v1/auth\` reads none anyway). */
  private sendsNothing(node: ASTNode): boolean {
    if (isNodeType(node, 'Identifier')) return node.name === 'undefined';
    if (isNodeType(node, 'ObjectExpression')) return node.properties.length === 0;
    if (isNodeType(node, 'ArrayExpression')) return node.elements.length === 0;
    if (isNodeType(node, 'StringLiteral')) return node.value === '';
    return isNodeType(node, 'NullLiteral') || (isNodeType(node, 'UnaryExpression') && node.operator === 'void');
  }

  /** The replaced token check in the scope report, under the key its request has there, its URL as the code now builds it. */
  private recordReachabilityCheck(call: ASTPath<CallExpression | NewExpression>, kind: HttpClientKind): void {
    const site = this.estreeNode(call.node, call.node.type);
    if (!site) return;
    const key = `${site.range[0]}`;
    this.recordRoute(call);
    const before = this.routes.get(key);
    this.tokenChecksReplaced.add(key);
    const renamed = (text: string): string => asReachabilityPath(text) ?? text;
    this.routes.set(key, {
      ...(before ? { line: before.line, column: before.column } : this.position(call.node)),
      method: reachabilityCheckRoute.method,
      displayPath: before ? renamed(before.displayPath) : reachabilityCheckRoute.path,
      client: httpClients[kind].label,
      ...(before?.url === undefined ? {} : { url: renamed(before.url) }),
      routes: [`${reachabilityCheckRoute.method} ${reachabilityCheckRoute.path}`],
      scopes: reachabilityCheckRoute.scopes,
      exact: true,
    });
  }

  /** The edit that turns the `auth` at the end of the URL's last literal part into `metadata`. */
  private authPathEdit(url: ASTNode): Edit | undefined {
    let literal: ASTNode | undefined;
    if (isNodeType(url, 'StringLiteral')) literal = url;
    else if (isNodeType(url, 'TemplateLiteral')) literal = url.quasis.at(-1);
    else if (isNodeType(url, 'BinaryExpression') && url.operator === '+') literal = url.right;
    if (!literal || (!isNodeType(literal, 'StringLiteral') && !isNodeType(literal, 'TemplateElement'))) return undefined;
    const { start, end } = rangeOf(literal);
    // A string literal ends with its quote; a template element ends right before the backtick.
    const closing = isNodeType(literal, 'StringLiteral') ? 1 : 0;
    const replaced = asReachabilityPath(this.source.slice(start, end - closing));
    return replaced === undefined ? undefined : { start, end: end - closing, text: replaced };
  }

  /**
   * The response is read only as success or failure: awaited and dropped, `(await fetch(…)).ok`,
   * kept in a variable (or destructured) read only for its status, or handed to a `.then`
   * callback that reads only that.
   */
  private usedOnlyAsSignal(call: ASTPath<CallExpression>): boolean {
    let current = call as AnyPath;
    let parent = current.parent as AnyPath | null;
    if (parent && isNodeType(parent.node, 'AwaitExpression')) {
      current = parent;
      parent = current.parent as AnyPath | null;
    }
    while (parent && isNodeType(parent.node, 'ParenthesizedExpression')) {
      current = parent;
      parent = current.parent as AnyPath | null;
    }
    if (!parent) return false;
    const node = parent.node;
    if (isNodeType(node, 'ExpressionStatement')) return true;
    if (isNodeType(node, 'VariableDeclarator') && current.name === 'init') return this.boundOnlyAsSignal(parent.get('id') as AnyPath);
    if (!isNodeType(node, 'MemberExpression') || current.name !== 'object') return false;
    if (this.isSignalMember(node)) return true;
    // `fetch(…).then((response) => response.ok)`
    const then = parent.parent as AnyPath | null;
    if (this.propertyName(node.property, node.computed ?? false) !== 'then' || !then || !isNodeType(then.node, 'CallExpression') || parent.name !== 'callee') return false;
    const callback = then.node.arguments[0] as ASTNode | undefined;
    if (!isNodeType(callback, 'ArrowFunctionExpression') && !isNodeType(callback, 'FunctionExpression')) return false;
    return callback.params.length === 1 && this.boundOnlyAsSignal(then.get('arguments', 0, 'params', 0) as AnyPath);
  }

  /** A binding of the response (`response`, `{ status }`) read only for its status. */
  private boundOnlyAsSignal(id: AnyPath): boolean {
    if (isNodeType(id.node, 'ObjectPattern')) {
      return (id.node.properties as ASTNode[]).every(
        (property) => isNodeType(property, 'ObjectProperty') && SIGNAL_MEMBERS.has(this.propertyName(property.key, property.computed ?? false) ?? ''),
      );
    }
    if (!isNodeType(id.node, 'Identifier')) return false;
    return this.referencesOf(id).every((reference) => {
      const member = (reference.parent as AnyPath | null | undefined)?.node;
      return isNodeType(member, 'MemberExpression') && reference.name === 'object' && this.isSignalMember(member);
    });
  }

  private isSignalMember(member: ASTNode & { property: unknown; computed?: boolean }): boolean {
    return SIGNAL_MEMBERS.has(this.propertyName(member.property as ASTNode, member.computed ?? false) ?? '');
  }

  /**
   * `await http(options)` with `options` an object literal the code may fill in before the call,
   * never replaced: the call can take a copy with the token in it, made where the call is
   * (`{ ...options, headers: { Authorization: …, ...options.headers } }`), so later changes to the
   * object do not reach the request, as they did not before, the object other code may share is
   * not touched, and spreading it (and its `headers`) cannot throw. Only where the token is awaited
   * at the call: a chained request would copy the object later.
   */
  protected spreadsOptionsVariable(node: ASTNode | undefined, call: ASTPath<CallExpression>): boolean {
    if (!isNodeType(node, 'Identifier') || !this.isAsyncContext(call)) return false;
    // Made as an object literal and never replaced: spreading it (and its `headers`) cannot throw.
    const argument = (call.node.arguments as ASTNode[]).indexOf(node);
    const binding = argument >= 0 ? this.bindingOf(call.get('arguments', argument) as AnyPath) : undefined;
    const declarator = binding ? parentOf(binding) : undefined;
    if (!binding || binding.name !== 'id' || !declarator || !isNodeType(declarator.node, 'VariableDeclarator') || !isNodeType(declarator.node.init as ASTNode | null | undefined, 'ObjectExpression')) return false;
    // `headers: new Headers(…)` would spread to nothing.
    if (this.headersMember(declarator.node.init as ObjectExpression) === null) return false;
    return !this.isReassigned(binding);
  }

  /** A variable written again after its declaration (`x = …`, `x++`): its initial value is not all it holds. */
  protected isReassigned(binding: AnyPath): boolean {
    return this.referencesOf(binding).some((reference) => {
      const parent = parentOf(reference)?.node;
      return (isNodeType(parent, 'AssignmentExpression') && reference.name === 'left') || isNodeType(parent, 'UpdateExpression');
    });
  }

  /**
   * The `headers` object literal of an options object (`key`: the client's name for it, RestClient's
   * `additionalHeaders`); null when it is something else, undefined when absent.
   */
  protected headersMember(options: ObjectExpression, key = 'headers'): ObjectExpression | null | undefined {
    for (const member of options.properties as ASTNode[]) {
      if (!isNodeType(member, 'ObjectProperty') || this.propertyName(member.key, member.computed ?? false) !== key) continue;
      return isNodeType(member.value as ASTNode, 'ObjectExpression') ? (member.value as ObjectExpression) : null;
    }
    return undefined;
  }

  /** `member` added to the options object, or a new options argument (with `undefined` for a skipped body). */
  protected addOption(call: ASTPath<CallExpression>, options: { index: number; node: ASTNode | undefined }, member: string): void {
    if (isNodeType(options.node, 'ObjectExpression')) {
      this.appendMember(options.node, member);
      return;
    }
    const args = call.node.arguments as ASTNode[];
    const taken = args[options.index];
    if (taken) {
      // `get(url, callback)`: the options go where the callback was, before it.
      this.edits.push({ start: rangeOf(taken).start, end: rangeOf(taken).start, text: `{ ${member} }, ` });
      return;
    }
    const fillers = Array.from({ length: Math.max(0, options.index - args.length) }, () => 'undefined');
    const text = [...fillers, `{ ${member} }`].join(', ');
    const last = args.at(-1);
    if (last) {
      const { end } = rangeOf(last);
      this.edits.push({ start: end, end, text: `, ${text}` });
    } else {
      const { end } = rangeOf(call.node);
      this.edits.push({ start: end - 1, end: end - 1, text });
    }
  }

  protected appendMember(object: ObjectExpression, text: string): void {
    this.edits.push(...this.memberAdditions(object, [text]));
  }

  /** Edits adding `texts` as members at the end of `object`, in its layout (one line, or one member a line). */
  protected memberAdditions(object: ObjectExpression, texts: readonly string[]): Edit[] {
    const members = object.properties as ASTNode[];
    const tail = members.at(-1);
    if (!tail) return [{ ...rangeOf(object), text: `{ ${texts.join(', ')} }` }];
    const { end } = rangeOf(tail);
    const multiline = this.source.slice(rangeOf(object).start, end).includes('\n');
    const indent = indentationAt(this.source, rangeOf(tail).start);
    const comma = /^\s*,/u.test(this.source.slice(end));
    if (multiline) {
      const after = comma ? this.source.indexOf(',', end) + 1 : end;
      return [{ start: after, end: after, text: `${comma ? '' : ','}\n${indent}${texts.join(`,\n${indent}`)}${comma ? ',' : ''}` }];
    }
    return [{ start: end, end, text: `, ${texts.join(', ')}` }];
  }

  /**
   * The helper's hooks for an instance made with `got.extend(…)` or `ky.create/extend(…)` (F3);
   * `audience` is the adapter's `{ audience }` argument or empty, `client` the optional client for
   * a conditional credential. got merges the hooks of all the arguments of `extend`, so where the
   * options may carry hooks already the helper's go into an argument of their own, after them;
   * ky takes one options object, where they join as `hooksFor` joins them.
   */
  protected instanceHooks(call: ASTPath<CallExpression>, kind: 'got' | 'ky', audience = '', client = this.clientText): InstanceHooks {
    const args = call.node.arguments as ASTNode[];
    const [only] = args;
    const single = args.length === 1 && isNodeType(only, 'ObjectExpression') ? only : undefined;
    if (kind === 'ky') {
      if (!single) return { why: 'ky takes its instance options as one object, and here they are not one object literal the helper\'s hooks could join' };
      const plan = this.hooksFor(single, 'ky', audience, client);
      return 'member' in plan ? { ...plan, options: single } : plan;
    }
    const hooks = `hooks: ${client}.${helperClientMembers.gotHooks}(${audience})`;
    if (single && this.carriedHooks(single).type === 'none') return { member: hooks, options: single };
    return { argument: `{ ${hooks} }` };
  }

  /**
   * Puts the helper's hooks where `instanceHooks` planned them. `slot`: a `headers` member of the
   * options that held only the x-token (retired, not removed), which the hooks may take over.
   */
  protected addInstanceHooks(call: ASTPath<CallExpression>, plan: Exclude<InstanceHooks, { readonly why: string }>, slot?: ASTNode): void {
    if ('edits' in plan) {
      this.edits.push(...plan.edits);
      return;
    }
    if ('argument' in plan) {
      const args = call.node.arguments as ASTNode[];
      const { end } = rangeOf(call.node);
      this.edits.push({ start: end - 1, end: end - 1, text: `${args.length > 0 ? ', ' : ''}${plan.argument}` });
      return;
    }
    if (slot && (plan.options.properties as ASTNode[]).includes(slot)) this.edits.push({ ...rangeOf(slot), text: plan.member });
    else this.appendMember(plan.options, plan.member);
  }

  /** `instanceHooks` and `addInstanceHooks` in one, for a got instance (got's plan always has a place). */
  protected addHooks(call: ASTPath<CallExpression>, kind: 'got', audience = '', client = this.clientText): void {
    const plan = this.instanceHooks(call, kind, audience, client);
    if (!('why' in plan)) this.addInstanceHooks(call, plan);
  }

  /**
   * The helper's hooks for `options`, one object literal of got or ky options, with every hook
   * the object already carries kept: inside one object a later `hooks` replaces an earlier one
   * (got and ky join hooks across an instance and its requests, never within one object), so
   * `{ ...options, hooks: client.gotHooks() }` would drop `options.hooks`.
   * - nothing carried: a `hooks` member to add;
   * - hooks in spreads (or earlier `Object.assign` arguments): a member whose helper call takes
   *   them (`client.gotHooks({ hooks: options.hooks })`), where they can be read again;
   * - a `hooks` member of its own: the helper's lists joined to its lists where it is written
   *   out (so its hooks keep the types got or ky give them), else its value passed to the helper.
   * got's own hooks come first, ky's after the helper's, as the helper orders them (`HooksOptions`).
   */
  protected hooksFor(options: ObjectExpression, kind: 'got' | 'ky', audience: string, client: string): { readonly member: string } | { readonly edits: readonly Edit[] } | { readonly why: string } {
    const helper = (hooks?: string): string => `${client}.${kind === 'ky' ? helperClientMembers.kyHooks : helperClientMembers.gotHooks}(${this.adapterArgument(audience, hooks)})`;
    const carried = this.carriedHooks(options);
    switch (carried.type) {
      case 'none':
        return { member: `hooks: ${helper()}` };
      case 'unknown':
        return carried;
      case 'sources': {
        const unread = carried.sources.find((source) => !this.isPlainReference(source));
        if (unread) {
          return { why: `the options take \`${this.text(unread).slice(0, 40)}\`, which may carry hooks of its own that a \`hooks\` written next to it would replace, and the codemod cannot read them without evaluating it again` };
        }
        const [first] = carried.sources;
        const read = first && carried.sources.length === 1
          ? `${isNodeType(first, 'Identifier') || isNodeType(first, 'MemberExpression') || isNodeType(first, 'ThisExpression') ? this.text(first) : `(${this.text(first)})`}.hooks`
          : `{ ${carried.sources.map((source) => `...${this.text(source)}`).join(', ')} }.hooks`;
        return { member: `hooks: ${helper(read)}` };
      }
      case 'own': {
        const value = carried.member.value as ASTNode;
        if (!isNodeType(value, 'ObjectExpression')) return { edits: [{ ...rangeOf(value), text: helper(this.text(value)) }] };
        return this.joinHooksLiteral(value, kind, helper());
      }
    }
  }

  /**
   * What a `hooks` member added at the end of `options` would replace: nothing, the object's own
   * `hooks` member (written after everything else that could hold hooks), or the spreads and, for
   * an `Object.assign` argument, the earlier arguments that may hold them.
   */
  protected carriedHooks(options: ObjectExpression): CarriedHooks {
    let own: (ASTNode & { value: unknown }) | undefined;
    let sources: ASTNode[] = [];
    const carries = (node: ASTNode): boolean => this.mayCarry(node, 'hooks') && this.typeMayCarry(node, 'hooks');
    const call = parentOf(this.pathOfNode(options))?.node;
    if (isNodeType(call, 'CallExpression') && this.copiesLikeAssign(call.callee)) {
      const args = call.arguments as ASTNode[];
      const index = args.indexOf(options);
      const argumentValue = (argument: ASTNode): ASTNode => (isNodeType(argument, 'SpreadElement') ? argument.argument : argument);
      const copier = this.text(call.callee).replace(/\s+/gu, '');
      const later = args.slice(index + 1).find((argument) => carries(argumentValue(argument)));
      if (later) return { type: 'unknown', why: `a later \`${copier}\` argument (\`${this.text(later).slice(0, 40)}\`) may carry hooks, which would replace the helper's` };
      const [target] = args;
      if (index > 0 && target && !isNodeType(target, 'ObjectExpression') && carries(argumentValue(target))) {
        return { type: 'unknown', why: `\`${copier}\` writes into \`${this.text(target).slice(0, 40)}\`, which may carry hooks already: the helper's joined to them there would gather again at every call` };
      }
      sources = args.slice(0, Math.max(index, 0)).filter((argument) => !isNodeType(argument, 'SpreadElement') && carries(argument));
      if (args.slice(0, Math.max(index, 0)).some((argument) => isNodeType(argument, 'SpreadElement'))) {
        return { type: 'unknown', why: `the \`${copier}\` arguments before the options are spread from a list, whose hooks the codemod cannot name` };
      }
    }
    for (const member of options.properties as ASTNode[]) {
      if (isNodeType(member, 'SpreadElement')) {
        if (carries(member.argument)) {
          if (own) return { type: 'unknown', why: `the options set \`hooks\` and then spread \`${this.text(member.argument).slice(0, 40)}\`, whose hooks, if it has any, replace them` };
          sources.push(member.argument);
        }
        continue;
      }
      const name = isNodeType(member, 'ObjectProperty') || isNodeType(member, 'ObjectMethod') ? this.propertyName(member.key, (member as ASTNode & { computed?: boolean }).computed ?? false) : undefined;
      if (name !== undefined && name !== 'hooks') continue;
      if (!isNodeType(member, 'ObjectProperty')) return { type: 'unknown', why: name === undefined ? 'a member of the options has a computed name, which may be `hooks`' : 'the options define `hooks` as a method or accessor' };
      if (name === undefined) return { type: 'unknown', why: 'a member of the options has a computed name, which may be `hooks`' };
      own = member;
      sources = [];
    }
    if (own) return { type: 'own', member: own };
    return sources.length === 0 ? { type: 'none' } : { type: 'sources', sources };
  }

  /**
   * `hooks: { beforeRequest: [mine] }` written out: the helper's lists join its lists, each read
   * from one call of the helper (the lists of any two calls work together: the client keeps the
   * state). Its hooks stay where got or ky type them, which a generic helper argument would not.
   */
  private joinHooksLiteral(hooks: ObjectExpression, kind: 'got' | 'ky', helper: string): { readonly edits: readonly Edit[] } | { readonly why: string } {
    const members = hooks.properties as ASTNode[];
    if (members.some((member) => !isNodeType(member, 'ObjectProperty') || this.propertyName(member.key, member.computed ?? false) === undefined)) {
      return { why: 'the request\'s own hooks object spreads or computes its members, so the codemod cannot tell which lists it ends up with' };
    }
    const edits: Edit[] = [];
    const added: string[] = [];
    for (const event of ['beforeRequest', 'afterResponse'] as const) {
      const list = `${helper}.${event}`;
      const member = (members as (ASTNode & { key: ASTNode; value: ASTNode; computed?: boolean })[]).findLast((candidate) => this.propertyName(candidate.key, candidate.computed ?? false) === event);
      if (!member) {
        added.push(`${event}: ${list}`);
        continue;
      }
      const value = member.value;
      if (isNodeType(value, 'ArrayExpression')) {
        const elements = value.elements as (ASTNode | null)[];
        if (elements.includes(null)) return { why: `the request's own \`${event}\` list has holes` };
        edits.push(kind === 'ky' ? this.prependElement(value, `...${list}`) : this.appendElement(value, `...${list}`));
        continue;
      }
      // A list built elsewhere may be left undefined, which got and ky accept and a spread would not.
      const simple = isNodeType(value, 'Identifier') || isNodeType(value, 'MemberExpression') || isNodeType(value, 'CallExpression');
      const own = `...(${simple ? this.text(value) : `(${this.text(value)})`} ?? [])`;
      edits.push({ ...rangeOf(value), text: kind === 'ky' ? `[...${list}, ${own}]` : `[${own}, ...${list}]` });
    }
    if (added.length > 0) edits.push(...this.memberAdditions(hooks, added));
    return { edits };
  }

  /**
   * Whether the declared type of `node` leaves room for a member `key`: a source typed without
   * `hooks` (`const shared = { timeout: 5000 }`) holds none the code knows of, and `shared.hooks`
   * would not type-check. True when types cannot tell.
   */
  private typeMayCarry(node: ASTNode, key: string): boolean {
    const { start, end } = rangeOf(node);
    return this.oracle().mayHaveMember(start, end, key) ?? true;
  }

  /** `{ audience }`, the adapter's argument, with the `hooks` it is to join when there are some. */
  private adapterArgument(audience: string, hooks: string | undefined): string {
    if (hooks === undefined) return audience;
    const entry = `${helperAdapterOptions.hooks}: ${hooks}`;
    // audienceOption writes `{ audience: … }`: the entry goes before its closing brace.
    return audience === '' ? `{ ${entry} }` : `${audience.replace(/\s*\}$/u, '')}, ${entry} }`;
  }

  /** A value read again gives what it gave: a name, `this`, and property reads of those (no calls, no getters of a computed name). */
  protected isPlainReference(node: ASTNode): boolean {
    let value = node;
    while (TRANSPARENT_WRAPPERS.has(value.type)) value = (value as ASTNode & { expression: ASTNode }).expression;
    if (isNodeType(value, 'Identifier')) return value.name !== 'undefined';
    if (isNodeType(value, 'ThisExpression')) return true;
    if (!isNodeType(value, 'MemberExpression')) return false;
    const property = value.property as ASTNode;
    return (!value.computed || isNodeType(property, 'StringLiteral') || isNodeType(property, 'NumericLiteral')) && this.isPlainReference(value.object);
  }

  private appendElement(array: ASTNode & { elements: unknown[] }, text: string): Edit {
    const tail = (array.elements as ASTNode[]).at(-1);
    if (!tail) return { ...rangeOf(array), text: `[${text}]` };
    const { end } = rangeOf(tail);
    const multiline = this.source.slice(rangeOf(array).start, end).includes('\n');
    const comma = /^\s*,/u.test(this.source.slice(end));
    if (!multiline) return { start: end, end, text: `, ${text}` };
    const after = comma ? this.source.indexOf(',', end) + 1 : end;
    return { start: after, end: after, text: `${comma ? '' : ','}\n${indentationAt(this.source, rangeOf(tail).start)}${text}${comma ? ',' : ''}` };
  }

  private prependElement(array: ASTNode & { elements: unknown[] }, text: string): Edit {
    const head = (array.elements as ASTNode[])[0];
    if (!head) return { ...rangeOf(array), text: `[${text}]` };
    const { start } = rangeOf(head);
    const multiline = this.source.slice(rangeOf(array).start, start).includes('\n');
    return { start, end: start, text: multiline ? `${text},\n${indentationAt(this.source, start)}` : `${text}, ` };
  }

  /** Whether a function is a class's constructor (`enclosingFunctionPath` gives the `ClassMethod`). */
  protected isConstructor(fn: AnyPath | null | undefined): boolean {
    const node = fn?.node;
    return isNodeType(node, 'ClassMethod') && node.kind === 'constructor';
  }

  protected runsOnce(statement: AnyPath): boolean {
    const container = parentOf(statement)?.node;
    if (isNodeType(container, 'Program') || isNodeType(container, 'StaticBlock')) return true;
    const owner = parentOf(parentOf(statement))?.node;
    return isNodeType(container, 'BlockStatement') && isNodeType(owner, 'ClassMethod') && owner.kind === 'constructor';
  }

  protected isRemoved(range: Range): boolean {
    const index = this.removalIndex();
    // The last removal starting at or before the range; the widest end among those decides.
    let low = 0;
    let high = index.starts.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((index.starts[middle] ?? 0) <= range.start) low = middle + 1;
      else high = middle;
    }
    return low > 0 && (index.widestEnds[low - 1] ?? -1) >= range.end;
  }

  private removals: { count: number; last: Edit | undefined; starts: number[]; widestEnds: number[] } | undefined;

  /**
   * Removals sorted by start, with the widest end seen so far. isRemoved used to scan every
   * edit, and removeUnusedPlumbing asks it for every reference of a retired binding: O(edits ×
   * references), 11 of 40 s on a generated 2 MB file. Edits are only pushed, or spliced with
   * a new last edit, so the count and the last edit tell when to rebuild.
   */
  private removalIndex(): { starts: number[]; widestEnds: number[] } {
    const last = this.edits.at(-1);
    if (this.removals?.count === this.edits.length && this.removals.last === last) return this.removals;
    const sorted = this.edits.filter((edit) => edit.end > edit.start).sort((a, b) => a.start - b.start);
    const widestEnds: number[] = [];
    for (const edit of sorted) widestEnds.push(Math.max(edit.end, widestEnds.at(-1) ?? -1));
    this.removals = { count: this.edits.length, last, starts: sorted.map((edit) => edit.start), widestEnds };
    return this.removals;
  }

  // ── finishing ────────────────────────────────────────────────────────────────────

  /** Finds this pass's sites and queues its edits; nothing is applied until every pass has planned. */
  abstract plan(): void;

  /** What this pass tells the runner about the file; read once every pass over the tree has planned. */
  abstract report(): FileReport;

  /**
   * Asked once the declarations the edits left unused are queued for removal: code the edits
   * emptied that now does nothing goes too. True when it retired more code.
   */
  protected removeEmptied(): boolean {
    return false;
  }

  /** Code the edits remove and write nowhere again: a read there no longer reads its binding. */
  private readIsGone(range: Range): boolean {
    return this.isRemoved(range) && this.writtenAgainAt(range) === undefined;
  }

  /** The input lines where the edits write a removed read's text again, or undefined when they do not. */
  private writtenAgainAt(range: Range): readonly number[] | undefined {
    return this.rewrittenReads.find((kept) => contains(kept.range, range))?.writtenAt;
  }

  /** Once, after every pass has planned: declarations the edits of all passes left unused go (./unused-bindings.ts). */
  private removeUnusedBindings(passes: readonly RequestMigration[]): void {
    if (this.edits.length === 0) return;
    this.shared.bindings = removeUnusedBindings({
      j: this.j,
      source: this.source,
      filePath: this.file.path,
      edits: this.edits,
      retired: this.retired,
      bindingOf: (path) => this.bindingOf(path),
      isReference: (path) => this.isReference(path),
      referencesOf: (declaration) => this.referencesOf(declaration),
      isTypeName: (path) => isTypeName(path),
      typeReferencesOf: (declaration) => {
        const node = declaration.node;
        if (!isNodeType(node, 'Identifier')) return [];
        return (this.identifiers.get(node.name) ?? []).filter((path) => isTypeName(path) && this.bindingOf(path)?.node === node);
      },
      isRemoved: (range) => this.readIsGone(range),
      requireSource: (node) => this.requireSource(node),
      referencedInOtherModules: (start, end) => this.options.library === true || this.oracle().referencesInOtherFiles(start, end)?.length !== 0,
      removeEmptied: () => passes.map((pass) => pass.removeEmptied()).includes(true),
    });
  }

  /** The old token's reads, variables and parameters, judged against every pass's edits (call after planning). */
  protected tokenPlumbing(): TokenPlumbing[] {
    return tokenPlumbing(
      {
        source: this.source,
        nodesOfType: (type) => this.nodesOfType(type),
        bindingOf: (path) => this.bindingOf(path),
        referencesOf: (declaration) => this.referencesOf(declaration),
        isRemoved: (range) => this.readIsGone(range),
        writtenAgainAt: (range) => this.writtenAgainAt(range),
        propertyName: (key, computed) => this.propertyName(key, computed),
        position: (node) => this.position(node),
        moduleOf: (binding) => this.moduleOf(binding),
      },
      this.shared.bindings,
    );
  }

  /** The module an import or `require` binding comes from: `import * as core from '@actions/core'`, `const tl = require('…')`. */
  protected moduleOf(binding: AnyPath): string | undefined {
    const declaration = parentOf(binding)?.node;
    if (declaration?.type.startsWith('Import') === true) {
      const source = (parentOf(parentOf(binding))?.node as (ASTNode & { source?: { value?: unknown } }) | undefined)?.source?.value;
      return typeof source === 'string' ? source : undefined;
    }
    // `import tl = require('azure-pipelines-task-lib/task')`
    if (isNodeType(declaration, 'TSImportEqualsDeclaration')) {
      const reference = declaration.moduleReference as ASTNode & { expression?: { value?: unknown } };
      return typeof reference.expression?.value === 'string' ? reference.expression.value : undefined;
    }
    let declarator = parentOf(binding);
    // `const { getInput } = require('@actions/core')`
    while (declarator && (isNodeType(declarator.node, 'ObjectProperty') || isNodeType(declarator.node, 'ObjectPattern'))) declarator = parentOf(declarator);
    if (!declarator || !isNodeType(declarator.node, 'VariableDeclarator')) return undefined;
    let init = declarator.node.init as ASTNode | null | undefined;
    // Compiled CommonJS: `const core = __importStar(require("@actions/core"))`, `__importDefault(require("axios"))`.
    while (init && (isNodeType(init, 'MemberExpression') || TRANSPARENT_WRAPPERS.has(init.type) || interopArgument(init))) {
      init = isNodeType(init, 'MemberExpression') ? init.object : (interopArgument(init) ?? (init as ASTNode & { expression: ASTNode }).expression);
    }
    return this.requireSource(init);
  }

  /** Imports a pass's edits need besides the helper's: added once every pass has planned and the unused bindings are queued for removal. */
  protected addImports(): void {}

  /** The text with every queued edit of every pass and, when a rewrite needs it, the helper import once. */
  protected applyQueuedEdits(): string {
    if (this.edits.length === 0) return this.source;
    if (this.needsHelper) this.addHelperImport();
    return applyEdits(this.source, tidyLineRemovals(this.source, this.edits));
  }

  /**
   * Runs passes that share one parse (each constructed with the one before it): every pass plans,
   * then the edits are spliced once and each pass reports.
   */
  static runPasses(passes: readonly RequestMigration[]): { output: string; reports: FileReport[] } {
    for (const pass of passes) pass.plan();
    passes[0]?.removeUnusedBindings(passes);
    // Once the removals are known, so that no import line follows an import that goes.
    for (const pass of passes) pass.addImports();
    const output = passes[0]?.applyQueuedEdits() ?? '';
    return { output, reports: passes.map((pass) => pass.report()) };
  }

  protected fileReport(transform: string, tokenEnvVars: readonly string[] = [], retiredEnvVars: readonly string[] = []): FileReport {
    return {
      transform,
      file: this.file.path,
      migrated: this.migrated,
      manual: this.manualWithMarkers(),
      routes: [...this.routes.values()],
      tokenEnvVars,
      retiredEnvVars,
    };
  }

  /**
   * The sites left for a person, each saying whether a marker stands above it: queued by this
   * run or already in the file. Sites listed without a rewrite or a marker (a target the
   * analysis is not sure of) say so, so the report never claims a marker that is not there.
   */
  private manualWithMarkers(): ManualSite[] {
    if (this.manual.length === 0) return this.manual;
    const lineStarts = [0];
    for (let index = this.source.indexOf('\n'); index !== -1; index = this.source.indexOf('\n', index + 1)) lineStarts.push(index + 1);
    const nodeAt = new Map<number, ASTNode>();
    forEachNodeIn((this.root.get() as AnyPath).node, (node) => {
      const { start } = rangeOf(node);
      nodeAt.set(start, node);
    });
    return this.manual.map((site) => {
      if (site.marked !== undefined) return site;
      const node = nodeAt.get((lineStarts[site.line - 1] ?? 0) + site.column - 1);
      const statement = node ? this.statementOf(this.shared.index.pathOf(node)) : undefined;
      // `markedStatements` holds the statements this run marks; `hasMarker` also finds an earlier run's marker in the text.
      const markedNow = statement !== undefined && this.markedStatements.has(statement.node);
      const marked = markedNow || (statement !== undefined && this.hasMarker(statement.node));
      return { ...site, marked, markedNow };
    });
  }

  // ── the helper import ─────────────────────────────────────────────────────────────

  protected detectStyle(): Style {
    const program = (this.root.get() as AnyPath).node as ASTNode & { program: { body: ASTNode[] } };
    const body = program.program.body;
    const { form, topLevelAwait } = moduleStyleOf(this.file.path, this.file.source);
    const commonJs = form === 'require';
    const quoteSample = /^\s*(?:import\b[^'"\n]*|[^\n]*\brequire\s*\()(['"])/mu.exec(this.file.source)?.[1] ?? /(['"])/u.exec(this.file.source)?.[1];
    const firstStatement = body.find((statement) => statement.type === 'ImportDeclaration' || statement.type === 'VariableDeclaration' || statement.type === 'ExpressionStatement');
    const semicolon = firstStatement && !this.text(firstStatement).trimEnd().endsWith(';') ? '' : ';';
    return { quote: quoteSample ?? "'", semicolon, commonJs, topLevelAwait };
  }

  protected addHelperImport(): void {
    const module = this.options.helperModule ?? HELPER_MODULE;
    const body = ((this.root.get() as AnyPath).node as ASTNode & { program: { body: ASTNode[] } }).program.body;
    const wanted = this.shared.helperNames.size > 0 ? [...this.shared.helperNames] : [this.helperName];
    const available = (name: string): boolean => {
      if (!this.identifiers.get(name)?.some((path) => this.isReference(path) || parentOf(path)?.node.type === 'ImportSpecifier')) return false;
      // Already imported (a previous run, or by hand) or the user has something of that name: reuse it.
      const existing = body.find((statement) => isNodeType(statement, 'ImportDeclaration') && (statement.source as { value: string }).value === module);
      return existing !== undefined || this.identifiers.get(name)?.some((path) => parentOf(path)?.node.type === 'ImportSpecifier' || parentOf(path)?.node.type === 'ObjectProperty') === true;
    };
    const names = wanted.filter((name) => !available(name));
    if (names.length > 0) this.addNamedImports([{ module, names }]);
  }

  /**
   * Named imports of each module: into the file's `import { … } from 'm'` where it has one, else
   * lines of their own (`const { … } = require('m')` in a CommonJS file), in the file's quotes and
   * semicolons, after the last import of a module `near` accepts or the file's last import. Never
   * after an import the edits remove: when every import goes, the lines take the first one's place.
   * Lines for a place another call put lines in join them there, in the order asked.
   */
  protected addNamedImports(wanted: readonly NamedImports[], near?: (module: string) => boolean): void {
    const { quote, semicolon, commonJs } = this.style;
    const program = (this.root.get() as AnyPath).node as ASTNode & { program: { body: ASTNode[]; directives?: ASTNode[] } };
    const body = program.program.body;
    const sourceOf = (statement: ASTNode): string | undefined => (isNodeType(statement, 'ImportDeclaration') ? (statement.source as { value: string }).value : undefined);
    const byModule = new Map<string, string[]>();
    for (const { module, names } of wanted) byModule.set(module, [...(byModule.get(module) ?? []), ...names]);
    const lines: string[] = [];
    for (const [module, names] of byModule) {
      if (names.length === 0) continue;
      const lastNamed = body
        .filter((statement) => sourceOf(statement) === module && (statement as ASTNode & { importKind?: string }).importKind !== 'type' && !this.isRemoved(rangeOf(statement)))
        .map((statement) => (statement as ASTNode & { specifiers: ASTNode[] }).specifiers.filter((specifier) => specifier.type === 'ImportSpecifier' && !this.isRemoved(rangeOf(specifier))).at(-1))
        .find((specifier) => specifier !== undefined);
      if (lastNamed) {
        const { end } = rangeOf(lastNamed);
        this.edits.push({ start: end, end, text: `, ${names.join(', ')}` });
        continue;
      }
      const list = names.join(', ');
      lines.push(commonJs ? `const { ${list} } = require(${quote}${module}${quote})${semicolon}` : `import { ${list} } from ${quote}${module}${quote}${semicolon}`);
    }
    if (lines.length === 0) return;
    const place = (start: number, end: number, text: (block: string) => string): void => {
      const earlier = this.shared.importBlocks.find((block) => block.start === start && block.end === end);
      if (earlier) {
        earlier.lines.push(...lines);
        const replaced = this.edits.indexOf(earlier.edit);
        earlier.edit = { start, end, text: earlier.text(earlier.lines.join('\n')) };
        this.edits.splice(replaced, 1, earlier.edit);
        return;
      }
      const block: ImportBlock = { start, end, lines: [...lines], text, edit: { start, end, text: text(lines.join('\n')) } };
      this.shared.importBlocks.push(block);
      this.edits.push(block.edit);
    };
    const afterLineOf = (statement: ASTNode): number => {
      const lineEnd = this.source.indexOf('\n', rangeOf(statement).end);
      return lineEnd === -1 ? this.source.length : lineEnd;
    };
    const nearby = near === undefined ? undefined : body.filter((statement) => {
      const module = sourceOf(statement);
      return module !== undefined && near(module) && !this.isRemoved(rangeOf(statement));
    }).at(-1);
    const anchor = nearby ?? this.importAnchor(body, commonJs);
    if (anchor && this.isRemoved(rangeOf(anchor))) {
      // Every import it could follow is being removed: take the place of the first one.
      const first = body.find((statement) => this.isRemoved(rangeOf(statement))) ?? anchor;
      const { start, end } = rangeOf(first);
      const lineRange = removeStatement(this.source, { start, end });
      const kept = this.edits.filter((edit) => !(edit.text === '' && contains(lineRange, edit)));
      this.edits.splice(0, this.edits.length, ...kept);
      place(start, end, (block) => block);
      return;
    }
    if (anchor) {
      const at = afterLineOf(anchor);
      place(at, at, (block) => `\n${block}`);
      return;
    }
    const prologue = commonJs ? this.compiledExportsPrologue(body) : undefined;
    if (prologue) {
      // tsc's CommonJS: the requires follow `Object.defineProperty(exports, "__esModule", …)` and the exports it hoists, with no blank line.
      const at = afterLineOf(prologue);
      place(at, at, (block) => `\n${block}`);
      return;
    }
    const directives = program.program.directives ?? [];
    const lastDirective = directives.at(-1);
    if (lastDirective) {
      const at = afterLineOf(lastDirective);
      place(at, at, (block) => `\n\n${block}`);
      return;
    }
    const first = body[0];
    const at = first ? this.placeBeforeFirstStatement(first) : 0;
    // When the first statement is being removed, the blank line after it already separates the import.
    const firstRemoved = first !== undefined && this.isRemoved(rangeOf(first));
    place(at, at, (block) => (firstRemoved ? `${block}\n` : `${block}\n\n`));
  }

  /**
   * Where an import goes in a file that has none: after the file's header (`// @ts-check`, a
   * license, any comment a blank line separates from the code), before the comments attached to
   * the first statement. A JSDoc block documents what follows it: an import placed between them
   * would take the documentation, and `checkJs` the function's parameter types with it.
   */
  private placeBeforeFirstStatement(first: ASTNode): number {
    const comments = (first as unknown as { leadingComments?: readonly Comment[] | null }).leadingComments ?? [];
    let attached = comments.length;
    let next = rangeOf(first).start;
    while (attached > 0) {
      const comment = comments[attached - 1] as Comment;
      if (/\n[ \t]*\r?\n/u.test(this.source.slice(comment.end, next)) || FILE_PRAGMA.test(comment.value)) break;
      attached -= 1;
      next = comment.start;
    }
    const reachesTop = attached === 0 && this.source.slice(0, next).replace(/^#![^\n]*/u, '').trim() === '';
    if (reachesTop) {
      // Comments that open the file are its header, unless they are a JSDoc block on the statement.
      const jsDoc = comments.find((comment) => comment.type === 'CommentBlock' && /^\*(?!\*)/u.test(comment.value));
      next = jsDoc?.start ?? rangeOf(first).start;
    }
    return lineStartOf(this.source, next);
  }

  /**
   * The last statement of a compiled module's prologue: `Object.defineProperty(exports, "__esModule", …)`
   * and the export assignments right after it that tsc hoists there (`exports.a = exports.b = void 0;`,
   * `exports.f = f;`), where tsc puts its requires. Undefined when the file has no such marker.
   */
  private compiledExportsPrologue(body: readonly ASTNode[]): ASTNode | undefined {
    const isExportsMember = (node: ASTNode | null | undefined): boolean =>
      isNodeType(node, 'MemberExpression') && isNodeType(node.object as ASTNode, 'Identifier') && (node.object as Identifier).name === 'exports';
    const marker = body.findIndex((statement) => {
      const call = isNodeType(statement, 'ExpressionStatement') ? (statement.expression as ASTNode) : undefined;
      if (!isNodeType(call, 'CallExpression')) return false;
      const [target, name] = call.arguments as ASTNode[];
      return this.text(call.callee) === 'Object.defineProperty' && isNodeType(target, 'Identifier') && target.name === 'exports' &&
        isNodeType(name, 'StringLiteral') && name.value === '__esModule';
    });
    if (marker === -1) return undefined;
    let last = marker;
    for (const statement of body.slice(marker + 1)) {
      let value = isNodeType(statement, 'ExpressionStatement') ? (statement.expression as ASTNode) : undefined;
      if (!isNodeType(value, 'AssignmentExpression') || !isExportsMember(value.left)) break;
      while (isNodeType(value, 'AssignmentExpression') && isExportsMember(value.left)) value = value.right;
      const hoisted = isNodeType(value, 'Identifier') || (isNodeType(value, 'UnaryExpression') && value.operator === 'void');
      if (!hoisted) break;
      last += 1;
    }
    return body[last];
  }

  protected importAnchor(body: readonly ASTNode[], commonJs: boolean): ASTNode | undefined {
    let anchor: ASTNode | undefined;
    for (const statement of body) {
      if (anchor && this.isRemoved(rangeOf(statement)) && !this.isRemoved(rangeOf(anchor))) continue;
      // `import x = require('m')` is an import too, in a file that may have no other.
      if (!commonJs && (statement.type === 'ImportDeclaration' || statement.type === 'TSImportEqualsDeclaration')) anchor = statement;
      else if (commonJs && isNodeType(statement, 'VariableDeclaration') && statement.declarations.some((declarator) => this.isRequireInit((declarator as ASTNode & { init: ASTNode | null }).init))) anchor = statement;
      else if (anchor || !commonJs) {
        if (!commonJs) continue;
        break;
      }
    }
    return anchor;
  }

  protected isRequireInit(node: ASTNode | null): boolean {
    if (!node) return false;
    if (this.requireSource(node) !== undefined) return true;
    if (isNodeType(node, 'MemberExpression')) return this.isRequireInit(node.object);
    if (isNodeType(node, 'CallExpression')) return this.isRequireInit(node.callee) || (node.arguments as ASTNode[]).some((argument) => this.requireSource(argument) !== undefined);
    return false;
  }
}

/**
 * Which Cloud Automation routes a request may hit, for the scope report and `valid-oauth-scopes`.
 *
 * The target assessment (request-analysis.ts) reads one URL per request, enough to grade the
 * evidence. Scopes need more: every value the URL and the method can take. So this follows
 * them as far as the file shows them, and keeps every alternative:
 * - `const` and `let` variables, also `let`s reassigned before the call (the writes that can
 *   reach the call: the last statement before it that assigns on every path, and any
 *   conditional write after that), `+=` included;
 * - templates, concatenations, `cond ? a : b`, `new URL(path, base)`, `.toString()`;
 * - options objects, their spreads (a later key wins) and keys assigned after the object was
 *   made (`options.url = …`, `options.method = …`);
 * - functions and methods that return a URL, with their parameters bound to the arguments;
 * - a wrapper's parameters: one context per call of the wrapper in the file, so the URL and the
 *   method of one call stay together (`request('GET', '/a')`, `request('POST', '/b')`);
 * - instance bases (`baseURL`, `prefixUrl`) and node's `host` + `path`.
 * A value the file does not show is a hole: the call's route is then "unknown", and
 * `candidates` holds every route it could still hit (core's `routesCouldMatch`), a superset.
 */
import path from 'node:path';
import { DefinitionType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  analyzeUrl,
  AUTHORIZATION_HEADER,
  authorizationScheme,
  baseUrlOptions,
  urlOptions,
  helperClientMembers,
  HOLE,
  httpClients,
  isAuthorizationHeader,
  isBearerValue,
  isCloudAutomationHost,
  isXTokenHeader,
  confidenceAtLeast,
  nameHint,
  routesCouldMatch,
  SURE_TARGET_CONFIDENCE,
  targetConfidence,
  urlShape,
  type NameHint,
  type Route,
  type TargetConfidence,
  type UrlPart,
  type UrlShape,
} from '../core/index.js';
import { classMemberKey, contains, endTrimmedReceiver, forEachDescendant, isFunctionNode, isPromiseExecutor, leadingOperand, memberName, programOf, returnedExpressions, staticPropertyKey, stringConcatParts, unwrap, type Expression, type Node } from './ast.js';
import type { AnalysisHost } from './host.js';
import type { ArgumentEnv, BoundValue, Constructions, EntryList, ForeignCall, RequestAnalysis, RequestSite, ValueShapes } from './request-analysis.js';
import { baseArgumentOf, isAbsolute, joinUrl, PARSED_URL_KEY, resolveAgainst, sameInstance, urlPart, withoutTrailingSlashes, writtenHost } from './request-analysis.js';

type Variable = TSESLint.Scope.Variable;

type Bound = BoundValue;
type Env = ArgumentEnv | undefined;

/** The helper client members whose call stands for an Authorization the helper writes. */
const HELPER_AUTHORIZATION_MEMBERS: ReadonlySet<string> = new Set([helperClientMembers.authorizationHeader, helperClientMembers.addAuthorization]);

/** Beyond this many alternatives a value is a hole: the report lists the call as unknown. */
const MAX_ALTERNATIVES = 24;
/** Wrapper contexts followed per request (calls of the enclosing function). */
const MAX_CONTEXTS = 48;
const MAX_DEPTH = 10;

export interface RequestRoutes {
  /** Every route of the table the call may hit, where the code pins them; empty when nothing is pinned. */
  readonly routes: readonly Route[];
  /** True when every way the call can go (every URL and method it may use) is pinned to a route. */
  readonly known: boolean;
  /** Every route the call could hit for all the code shows: `routes` when known, a superset otherwise. */
  readonly candidates: readonly Route[];
  /** The methods the call may use, upper case; undefined stands for a method the code does not show. */
  readonly methods: readonly (string | undefined)[];
  /** The URLs as the code builds them, unknown parts written `{…}` (deduplicated). */
  readonly urls: readonly string[];
  /** The paths as core reads them (`/{…}/controlPlane/v1/project`), one per URL. */
  readonly displayPaths: readonly string[];
  /**
   * Some way the call can go (a URL and method it may use) matches no route of the table: it may
   * hit none, so no scope is sure to be needed, whatever `candidates` share.
   */
  readonly mayHitNoRoute: boolean;
  /**
   * The routes each call of the request could hit, one list per call: a wrapper's request is made
   * once per call of the wrapper, so what one call certainly needs is needed whatever the others
   * do; within one call the URLs and methods are alternatives, of which it takes one. A call that
   * may hit no route of the table has an empty list (it needs nothing for sure). One list when
   * the request is read alone.
   */
  readonly perCall: readonly (readonly Route[])[];
  /**
   * Some reading of the call took several methods and several URLs without the code showing which
   * goes with which (a wrapper with more calls than are followed one by one, `method` and `url`
   * each chosen by its own condition): every pairing is counted, so its routes are an upper bound
   * and the call is not `known`, even when each pairing names a route of the table.
   */
  readonly unpaired: boolean;
  /**
   * Each method and URL the call may use together, as its calls give them (a wrapper's callers
   * passing 'GET' with one path and 'POST' with another: two entries, not four), one entry per
   * distinct pair. `methods` and `urls` are these taken apart.
   */
  readonly requests: readonly RequestWay[];
  /**
   * How sure the URLs as read here (every alternative, through wrappers and reassignments, and the
   * names they are built from) make us that the call goes to Cloud Automation. It only decides
   * whether the scope report lists a call it does not count; whether it counts is the migration's
   * target assessment (`CloudAutomationCall.target`).
   */
  readonly urlConfidence: TargetConfidence;
}

/** One way a call can go: a method (undefined: not shown) with a URL. */
export interface RequestWay {
  readonly method: string | undefined;
  /** The URL as the code builds it, unknown parts written `{…}`. */
  readonly url: string;
  /** The path as core reads it (`/{…}/controlPlane/v1/project`). */
  readonly displayPath: string;
  /** The routes this method and URL pin together; empty when they pin none (a hole, no method, no route). */
  readonly routes: readonly Route[];
}

/**
 * What an `Authorization` value sent next to the x-token is, as far as the code shows: an OAuth
 * bearer token (the helper's own header, a `Bearer …` value), which Cloud Automation takes in the
 * x-token's place; a credential of another scheme (`Basic …`), which it does not; or a value
 * whose scheme nothing in the file shows (a parameter, a call's result), which may be either.
 */
export type AuthorizationCredential = { readonly kind: 'bearer' } | { readonly kind: 'scheme'; readonly scheme: string } | { readonly kind: 'unknown' };

export interface CloudAutomationCall {
  readonly routes: RequestRoutes;
  /** What authenticates it now: the old header, the OAuth helper, or nothing visible. */
  readonly credential: 'x-token' | 'oauth-helper' | undefined;
  /**
   * How sure the migration is that the request goes to Cloud Automation: the target assessment
   * the codemods decide by (the URL, and the names in the header values the request sends).
   */
  readonly target: TargetConfidence;
  /**
   * The code shows the request goes to Cloud Automation: it goes through the OAuth helper, or
   * its target is one the migration rewrites without `--include-unsure` (likely or certain).
   * False: it sends x-token or hints at Keptn, and nothing more; the scope report lists it apart
   * and counts none of its scopes, as the migration leaves it for a person.
   */
  readonly shown: boolean;
  /**
   * Why the code shows the request goes elsewhere (`TargetAssessment.elsewhere`), when it does:
   * never counted, not even when the run includes unsure targets, as the migration never rewrites it.
   */
  readonly elsewhere?: string;
}

/** The analysis' own value-flow primitives (request-analysis.ts), shared so both read values alike. */
export interface ValueFlow {
  variableOf(identifier: TSESTree.Identifier): Variable | undefined;
  singleValue(variable: Variable): Expression | undefined;
  classFieldValues(node: Node, name: string): Expression[];
  entriesOf(node: Node): EntryList;
  valuesOf(list: EntryList, name: string): Expression[];
  localFunction(callee: Node): Node | undefined;
  bindArguments(fn: Node, call: TSESTree.CallExpression | TSESTree.NewExpression, env: ArgumentEnv | undefined): ArgumentEnv | undefined;
  callSites(fn: Node): TSESTree.CallExpression[] | undefined;
  /**
   * The constructions of the class a constructor belongs to: `new`s and subclasses' `super(…)` in this
   * file, other modules' `new`s of an exported one; undefined when not all can be known.
   */
  constructions(fn: Node): Constructions | undefined;
  typedString(node: Node): string | undefined;
  stringValue(node: Node): string | undefined;
  /** The URL `url.parse(u)` parses: `u`. */
  urlParsedBy(call: TSESTree.CallExpression): Expression | undefined;
  /** Other modules can call the function (`export`, `exports.f = f`, `module.exports = { f }`). */
  isExportedFunction(fn: Node): boolean;
  /** Every call the project's other modules make to an exported function; undefined when not all can be known. */
  callsFromOtherModules(fn: Node): ForeignCall[] | undefined;
  /** The bodies of this file's classes that extend the one of `base`, at any depth, past those `stop` accepts. */
  extendingBodies(base: TSESTree.ClassBody, stop?: (body: TSESTree.ClassBody) => boolean): TSESTree.ClassBody[];
  /** Every class that extends the one of `body` is known: in this file, none elsewhere in the project, none handed on. */
  subclassesKnown(body: TSESTree.ClassBody): boolean;
}

/** The calls of a function: in this file, from other modules, and whether code no one sees may call it too. */
interface FunctionCalls {
  readonly calls: readonly (TSESTree.CallExpression | TSESTree.NewExpression)[];
  /** What its parameters stand for at each call from another module. */
  readonly foreign: readonly ArgumentEnv[];
  /** Those calls, in the same order. */
  readonly foreignCalls: readonly ForeignCall[];
  readonly open: boolean;
}

/** A call of a wrapper that passes a host written out that is no Cloud Automation host. */
export interface CallerAway {
  /** Where the call stands: `line 20` in the wrapper's file, `flags.js:20` in another. */
  readonly where: string;
  /** The host as written (`https://flags.internal.acme.io`). */
  readonly host: string;
}

/** What a wrapper's calls show of where its request goes (`callerEvidence`). */
export interface CallerEvidence {
  readonly target: TargetConfidence | undefined;
  readonly away: readonly CallerAway[];
  readonly allAway: boolean;
  /**
   * Set when some calls show a Keptn route and others show none, or calls are out of sight
   * (`api(process.env.KEPTN_API_URL, '/controlPlane/v1/project')` next to
   * `api(process.env.INVENTORY_URL, '/v2/items')`): see `TargetAssessment.callersBase`.
   */
  readonly mixed?: CallersBase;
  /**
   * Every call shows a Keptn route, and all in sight, but none says more than a generic one
   * (`post('/v1/event', e)`): what a base shared with a Cloud Automation call may make likely
   * (`TargetAssessment.keptnBase`).
   */
  readonly onlyGenericKeptn?: true;
  /**
   * For an instance a function (a factory) or a class's constructor makes with the base URL its callers pass: they pass
   * different ones, or some calls are out of sight, so the helper attached to it would authorize
   * each of those bases, which nothing shows are all Cloud Automation's. Says which, as a message
   * continues "but …".
   */
  readonly basesDiffer?: string;
}

/** What the calls of a wrapper that serves more than Keptn routes share: see `TargetAssessment.callersBase`. */
export interface CallersBase {
  /** The environment variable every call showing a Keptn route starts its URL with, when they share one. */
  readonly envVar: string | undefined;
  /** A call that shows no Keptn route, as a message names it (`its call on line 14`), or the calls out of sight. */
  readonly unshown: string;
}

const NO_CALLER_EVIDENCE: CallerEvidence = { target: undefined, away: [], allAway: false };

export type RouteResolver = ReturnType<typeof createRouteResolver>;

export function createRouteResolver(host: AnalysisHost, analysis: RequestAnalysis, flow: ValueFlow) {
  const { visitorKeys } = host;
  const routeCache = new Map<Node, RequestRoutes>();
  const callCache = new Map<Node, CloudAutomationCall | null>();
  const callerEvidenceCache = new Map<Node, CallerEvidence>();
  const methodCallCache = new Map<Node, FunctionCalls | null>();
  const functionCallCache = new Map<Node, FunctionCalls>();
  /** By constructor: its class's constructions (null: not all can be known). */
  const constructionCache = new Map<Node, FunctionCalls | null>();
  let requestsOfFile: readonly RequestSite[] | undefined;

  /** Parameters met without a binding while reading one request: the wrapper contexts to try. */
  let freeParameters: Set<Variable> | undefined;

  // ---------------------------------------------------------------- strings with alternatives

  function product(lists: readonly (readonly UrlShape[])[]): UrlShape[] {
    let result: UrlShape[] = [[]];
    for (const list of lists) {
      const next: UrlShape[] = [];
      for (const prefix of result) for (const shape of list) next.push(urlShape(prefix, shape));
      if (next.length > MAX_ALTERNATIVES) return [[HOLE]];
      result = next;
    }
    return result;
  }

  function union(lists: readonly (readonly UrlShape[])[]): UrlShape[] {
    const seen = new Map<string, UrlShape>();
    for (const list of lists) for (const shape of list) seen.set(shapeKey(shape), shape);
    const result = [...seen.values()];
    return result.length > MAX_ALTERNATIVES ? [[HOLE]] : result;
  }

  /** Every string an expression may evaluate to, holes where the file does not tell. */
  function shapesOf(input: Node, env: Env, depth: number, names: string[]): UrlShape[] {
    if (input === ABSENT_ARGUMENT) return [[HOLE]];
    const node = unwrap(input);
    if (depth > MAX_DEPTH) return [[HOLE]];
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return [typeof node.value === 'string' ? urlShape(node.value) : [HOLE]];
      case AST_NODE_TYPES.TemplateLiteral: {
        const parts: UrlShape[][] = [];
        node.quasis.forEach((quasi, index) => {
          parts.push([urlShape(quasi.value.cooked ?? quasi.value.raw)]);
          const expression = node.expressions[index];
          if (expression) parts.push(shapesOf(expression, env, depth + 1, names));
        });
        return product(parts);
      }
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator !== '+') return [[HOLE]];
        return product([shapesOf(node.left, env, depth, names), shapesOf(node.right, env, depth, names)]);
      case AST_NODE_TYPES.LogicalExpression: {
        // `process.env.KEPTN_ENDPOINT ?? 'http://localhost:8080'`: the first side is what production uses.
        const left = shapesOf(node.left, env, depth + 1, names);
        shapesOf(node.right, env, depth + 1, names);
        return left;
      }
      case AST_NODE_TYPES.ConditionalExpression:
        return union([shapesOf(node.consequent, env, depth + 1, names), shapesOf(node.alternate, env, depth + 1, names)]);
      case AST_NODE_TYPES.Identifier:
        names.push(node.name);
        return union(identifierValues(node, env, depth).map((bound) => (bound ? boundShapes(bound, depth, names) : typedShape(node))));
      case AST_NODE_TYPES.MemberExpression:
        return memberShapes(node, env, depth, names);
      case AST_NODE_TYPES.NewExpression: {
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'URL') return [[HOLE]];
        const [path, base] = node.arguments;
        if (!path || path.type === AST_NODE_TYPES.SpreadElement) return [[HOLE]];
        const paths = shapesOf(path, env, depth + 1, names);
        if (!base || base.type === AST_NODE_TYPES.SpreadElement) return paths;
        const bases = shapesOf(base, env, depth + 1, names);
        return union(paths.map((one) => bases.map((other) => resolveAgainst(one, other))));
      }
      case AST_NODE_TYPES.CallExpression:
        return callShapes(node, env, depth, names);
      default:
        return [[HOLE]];
    }
  }

  function boundShapes(bound: Bound, depth: number, names: string[]): UrlShape[] {
    if (!bound.read) return shapesOf(bound.node, bound.env, depth + 1, names);
    names.push(...bound.read.names);
    return [...bound.read.urls];
  }

  /** What an expression of this file may evaluate to, as another module's request reads it when passed this value. */
  function valueShapes(node: Node): ValueShapes {
    const names: string[] = [];
    const urls = shapesOf(node, undefined, 0, names);
    return { urls, names };
  }

  function typedShape(node: Node): UrlShape[] {
    const typed = flow.typedString(node);
    return [typed === undefined ? [HOLE] : urlShape(typed)];
  }

  function memberShapes(node: TSESTree.MemberExpression, env: Env, depth: number, names: string[]): UrlShape[] {
    const name = memberName(node);
    if (name === undefined) return [[HOLE]];
    names.push(name);
    const object = unwrap(node.object);
    if (object.type === AST_NODE_TYPES.ThisExpression) {
      // Every value the class assigns to the field; a constructor parameter is a hole.
      const values = flow.classFieldValues(node, name).filter((value) => value.type !== AST_NODE_TYPES.Identifier || value.parent.type === AST_NODE_TYPES.AssignmentExpression);
      // (A parameter property `constructor(private base: string)` contributes its parameter: a hole.)
      return values.length === 0 ? [[HOLE]] : union(values.map((value) => shapesOf(value, undefined, depth + 1, names)));
    }
    if (isEnvObject(object)) return [[HOLE]];
    if (name === 'href' || name === 'origin') return shapesOf(object, env, depth + 1, names);
    const values = optionValues(object, name, env, depth + 1);
    if (values.values.length > 0) {
      const shapes = values.values.map((bound) => shapesOf(bound.node, bound.env, depth + 1, names));
      return union(values.definite ? shapes : [...shapes, typedShape(node)]);
    }
    // `p.hostname`, `p.path` of `const p = url.parse(u)` or `new URL(u)`.
    const parsed = urlPart([], name) === undefined ? [] : optionValues(object, PARSED_URL_KEY, env, depth + 1).values;
    const parts = parsed.flatMap((bound) => shapesOf(bound.node, bound.env, depth + 1, names).map((url) => urlPart(url, name)).filter((part): part is UrlShape => part !== undefined));
    return parts.length > 0 ? union([parts]) : typedShape(node);
  }

  function callShapes(node: TSESTree.CallExpression, env: Env, depth: number, names: string[]): UrlShape[] {
    // `"".concat(base, "/v1/event")`: a template literal as compiled for ES5.
    const joined = stringConcatParts(node);
    if (joined) return product(joined.map((part) => shapesOf(part, env, depth + 1, names)));
    const callee = unwrap(node.callee);
    if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'toString') return shapesOf(callee.object, env, depth + 1, names);
    const trimmed = endTrimmedReceiver(node);
    if (trimmed) return shapesOf(trimmed, env, depth + 1, names).map(withoutTrailingSlashes);
    const parsedFrom = flow.urlParsedBy(node);
    if (parsedFrom) return shapesOf(parsedFrom, env, depth + 1, names);
    const fn = flow.localFunction(callee);
    if (!fn || !isFunctionNode(fn)) return [[HOLE]];
    const returned = returnedExpressions(fn, visitorKeys);
    if (returned.length === 0) return [[HOLE]];
    const inner = flow.bindArguments(fn, node, env);
    return union(returned.map((value) => shapesOf(value, inner, depth + 1, names)));
  }

  /**
   * The values an identifier may hold where it is read: a bound parameter's argument, a
   * parameter's arguments at every call of its function, a variable's writes that reach here.
   * `undefined` in the list stands for a value the file does not show.
   */
  function identifierValues(node: TSESTree.Identifier, env: Env, depth: number): (Bound | undefined)[] {
    const variable = flow.variableOf(node);
    if (!variable || variable.defs.length === 0) return [undefined];
    const bound = env?.get(variable);
    if (bound) return [bound];
    const def = variable.defs[0];
    if (def?.type === DefinitionType.Parameter) return parameterValues(variable, def.node, depth);
    if (def?.type !== DefinitionType.Variable || def.node.id.type !== AST_NODE_TYPES.Identifier) return [undefined];
    // A local's value is read in the same call as the read (`const u = new URL(base + path)` in a
    // wrapper): with the same parameters, so one call's path stays with its method.
    const single = flow.singleValue(variable);
    if (single) return [{ node: single, env }];
    return reachingValues(variable, node, env, depth);
  }

  /** A parameter without a binding: the arguments of every call of its function, when all are in this file. */
  function parameterValues(variable: Variable, fn: Node, depth: number): (Bound | undefined)[] {
    freeParameters?.add(variable);
    if (!isFunctionNode(fn) || depth > MAX_DEPTH) return [undefined];
    const index = fn.params.findIndex((param) => (param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param) === variable.defs[0]?.name);
    if (index < 0) return [undefined];
    const param = fn.params[index];
    const calls = callsOf(fn);
    if (!calls || (calls.calls.length === 0 && calls.foreign.length === 0)) return [undefined];
    const values: (Bound | undefined)[] = calls.calls.map((call) => {
      const argument = call.arguments[index];
      if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) return { node: argument, env: undefined };
      if (!argument && param?.type === AST_NODE_TYPES.AssignmentPattern) return { node: param.right, env: undefined };
      return undefined;
    });
    for (const env of calls.foreign) values.push(env.get(variable));
    if (calls.open) values.push(undefined);
    return values;
  }

  /**
   * The calls of a function in this file: a named function or `const` arrow that never escapes,
   * or a class method called as `this.name(…)`. `open` when code elsewhere may call it too (a
   * method that is not private). A constructor's are its class's constructions, here and in other
   * modules (`new KeptnService(process.env.KEPTN_ENDPOINT, token)`), when all can be known.
   */
  function callsOf(fn: Node): FunctionCalls | undefined {
    if (isConstructor(fn)) {
      let calls = constructionCache.get(fn);
      if (calls === undefined) {
        const constructions = flow.constructions(fn);
        calls = constructions ? { calls: constructions.local, foreign: constructions.foreign.map((call) => foreignEnv(fn, call)), foreignCalls: constructions.foreign, open: false } : null;
        constructionCache.set(fn, calls);
      }
      return calls ?? undefined;
    }
    const local = flow.callSites(fn);
    if (local) {
      let calls = functionCallCache.get(fn);
      if (!calls) {
        const foreign = flow.isExportedFunction(fn) ? flow.callsFromOtherModules(fn) : [];
        calls = { calls: local, foreign: foreign?.map((call) => foreignEnv(fn, call)) ?? [], foreignCalls: foreign ?? [], open: foreign === undefined };
        functionCallCache.set(fn, calls);
      }
      return calls;
    }
    const method = fn.parent;
    if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'method' || method.static) return undefined;
    const cached = methodCallCache.get(method);
    if (cached !== undefined) return cached ?? undefined;
    const name = classMemberKey(method);
    const classBody = method.parent;
    let result: FunctionCalls | undefined;
    if (name !== undefined) {
      const calls: TSESTree.CallExpression[] = [];
      const use = { escapes: false };
      // `this.get(…)` in a class of this file that extends this one and does not declare its own `get`: this method too.
      const redeclares = (body: TSESTree.ClassBody): boolean => body.body.some((member) => member.type === AST_NODE_TYPES.MethodDefinition && !member.static && classMemberKey(member) === name);
      for (const body of [classBody, ...flow.extendingBodies(classBody, redeclares)]) forEachDescendant(body, visitorKeys, (node) => {
        if (node.type !== AST_NODE_TYPES.MemberExpression || unwrap(node.object).type !== AST_NODE_TYPES.ThisExpression) return true;
        const member = node.property.type === AST_NODE_TYPES.PrivateIdentifier ? `#${node.property.name}` : memberName(node);
        if (member !== name) return true;
        const parent = node.parent;
        if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === node) calls.push(parent);
        else use.escapes = true;
        return true;
      });
      const isPrivate = method.accessibility === 'private' || method.key.type === AST_NODE_TYPES.PrivateIdentifier;
      // A protected method is called only by its class and the classes that extend it: all seen when those are.
      const closed = isPrivate || (method.accessibility === 'protected' && flow.subclassesKnown(classBody));
      result = use.escapes ? undefined : { calls, foreign: [], foreignCalls: [], open: !closed };
    }
    methodCallCache.set(method, result ?? null);
    return result;
  }

  /** The parameters of `fn` as a call from another module binds them: each argument read in its own file. */
  function foreignEnv(fn: Node, foreign: ForeignCall): ArgumentEnv {
    const bindings = new Map<Variable, Bound>();
    if (!isFunctionNode(fn)) return bindings;
    fn.params.forEach((param, index) => {
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      const variable = target.type === AST_NODE_TYPES.Identifier ? flow.variableOf(target) : undefined;
      if (!variable) return;
      const argument = foreign.call.arguments[index];
      if (argument?.type === AST_NODE_TYPES.SpreadElement) bindings.set(variable, { node: UNKNOWN_VALUE, env: undefined });
      else if (argument) bindings.set(variable, { node: UNKNOWN_VALUE, env: undefined, read: foreign.analysis.valueShapes(argument) });
      else if (param.type === AST_NODE_TYPES.AssignmentPattern) bindings.set(variable, { node: param.right, env: undefined });
      else bindings.set(variable, { node: ABSENT_ARGUMENT, env: undefined });
    });
    return bindings;
  }

  // ---------------------------------------------------------------- writes that reach a read

  /**
   * For a `let` written more than once: the writes that may still hold when `reference` is read.
   * Walking back from the read through the statements before it, every write met is possible,
   * until a statement that assigns on every path (or the declaration itself). A write in another
   * function, or in a loop around the read, may happen at any time: then every write counts.
   */
  function reachingValues(variable: Variable, reference: Node, env: Env, depth: number): (Bound | undefined)[] {
    const declarator = variable.defs[0]?.node;
    if (declarator?.type !== AST_NODE_TYPES.VariableDeclarator) return [undefined];
    const writes = variable.references
      .filter((ref) => ref.isWrite() && !ref.init)
      .map((ref) => ref.identifier)
      .filter((identifier): identifier is TSESTree.Identifier => identifier.type === AST_NODE_TYPES.Identifier);
    const readFunction = enclosingFunction(reference);
    const everyWrite = (): (Bound | undefined)[] => [
      ...(declarator.init ? [{ node: declarator.init, env }] : []),
      ...writes.flatMap((write) => writtenValues(write, variable, env, depth)),
    ];
    if (writes.some((write) => enclosingFunction(write) !== readFunction) || insideLoopWith(reference, writes, declarator)) return everyWrite();
    const found: (Bound | undefined)[] = [];
    let current: Node = reference;
    while (current.parent && current !== declarator) {
      const parent: Node = current.parent;
      const list = statementList(parent);
      if (list) {
        const index = list.indexOf(current);
        for (let at = index - 1; at >= 0; at--) {
          const statement = list[at];
          if (!statement) continue;
          if (contains(statement, declarator)) {
            // Declared in an enclosing function and read before any write of this run of the read's own:
            // what an earlier run wrote (tsc's ES5 generator steps, `case 0:` then `case 1:`), or the declaration's value.
            if (found.length === 0 && writes.length > 0 && enclosingFunction(declarator) !== readFunction) return everyWrite();
            if (declarator.init) found.push({ node: declarator.init, env });
            return found.length > 0 ? found : [undefined];
          }
          const inside = writes.filter((write) => contains(statement, write));
          for (const write of inside.reverse()) found.push(...writtenValues(write, variable, env, depth));
          if (inside.length > 0 && assignsOnEveryPath(statement, variable)) return found;
        }
      }
      current = parent;
    }
    // The read comes before any write in its statement list: the declaration's value, if any.
    if (declarator.init) found.push({ node: declarator.init, env });
    return found.length > 0 ? found : [undefined];
  }

  /** What one write stores: `x = v` → v; `x += v` → every value before it, with v appended. */
  function writtenValues(write: TSESTree.Identifier, variable: Variable, env: Env, depth: number): (Bound | undefined)[] {
    const parent = write.parent;
    if (parent.type !== AST_NODE_TYPES.AssignmentExpression || parent.left !== write) return [undefined];
    if (parent.operator === '=') return [{ node: parent.right, env }];
    if (parent.operator !== '+=' || depth > MAX_DEPTH) return [undefined];
    // Read as `x + v`, with the values of x that reach this write.
    const before = reachingValues(variable, write, env, depth + 1);
    return before.map((value) => (value ? { node: syntheticConcat(value.node, parent.right), env: value.env } : undefined));
  }

  /** `a + b` as a node the shape reader understands; never part of the tree. */
  function syntheticConcat(left: Node, right: Expression): Node {
    return { type: AST_NODE_TYPES.BinaryExpression, operator: '+', left, right, parent: right.parent, range: right.range, loc: right.loc } as unknown as Node;
  }

  function statementList(node: Node): readonly Node[] | undefined {
    if (node.type === AST_NODE_TYPES.BlockStatement || node.type === AST_NODE_TYPES.Program || node.type === AST_NODE_TYPES.StaticBlock) return node.body;
    if (node.type === AST_NODE_TYPES.SwitchCase) return node.consequent;
    return undefined;
  }

  function assignsOnEveryPath(statement: Node, variable: Variable): boolean {
    switch (statement.type) {
      case AST_NODE_TYPES.ExpressionStatement:
        return assigns(statement.expression, variable);
      case AST_NODE_TYPES.BlockStatement:
        return statement.body.some((child) => assignsOnEveryPath(child, variable));
      case AST_NODE_TYPES.IfStatement:
        return statement.alternate !== null && assignsOnEveryPath(statement.consequent, variable) && assignsOnEveryPath(statement.alternate, variable);
      case AST_NODE_TYPES.SwitchStatement: {
        if (!statement.cases.some((switchCase) => switchCase.test === null)) return false;
        return statement.cases.every((switchCase) => switchCase.consequent.length === 0 || switchCase.consequent.some((child) => assignsOnEveryPath(child, variable)));
      }
      case AST_NODE_TYPES.TryStatement:
        return assignsOnEveryPath(statement.block, variable) && (statement.handler === null || assignsOnEveryPath(statement.handler.body, variable));
      default:
        return false;
    }
  }

  function assigns(expression: Node, variable: Variable): boolean {
    const node = unwrap(expression);
    if (node.type === AST_NODE_TYPES.SequenceExpression) return node.expressions.some((part) => assigns(part, variable));
    return (
      node.type === AST_NODE_TYPES.AssignmentExpression &&
      node.left.type === AST_NODE_TYPES.Identifier &&
      flow.variableOf(node.left) === variable
    );
  }

  function enclosingFunction(node: Node): Node | undefined {
    let current = node.parent;
    while (current && !isFunctionNode(current)) current = current.parent;
    return current;
  }

  function insideLoopWith(reference: Node, writes: readonly Node[], declarator: Node): boolean {
    for (let current = reference.parent; current && current !== declarator.parent; current = current.parent) {
      if (isFunctionNode(current)) return false;
      const loop =
        current.type === AST_NODE_TYPES.ForStatement ||
        current.type === AST_NODE_TYPES.ForInStatement ||
        current.type === AST_NODE_TYPES.ForOfStatement ||
        current.type === AST_NODE_TYPES.WhileStatement ||
        current.type === AST_NODE_TYPES.DoWhileStatement;
      const loopNode = current;
      if (loop && writes.some((write) => contains(loopNode, write)) && !contains(loopNode, declarator)) return true;
    }
    return false;
  }

  // ---------------------------------------------------------------- options

  /**
   * The values a key of an options object may have. `definite` when one of them is surely what
   * the object holds (a later key overrides a spread before it); otherwise the key may also be
   * missing or come from what the file does not show.
   */
  function optionValues(input: Node, key: string, env: Env, depth: number): OptionValues {
    if (input === ABSENT_ARGUMENT) return { values: [], definite: false, complete: true };
    const node = unwrap(input);
    if (depth > MAX_DEPTH) return { values: [], definite: false, complete: false };
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = flow.variableOf(node);
      const bound = variable ? env?.get(variable) : undefined;
      if (bound) return optionValues(bound.node, key, bound.env, depth + 1);
      const def = variable?.defs[0];
      if (variable && def?.type === DefinitionType.Parameter) {
        const values = parameterValues(variable, def.node, depth);
        const found = values.map((value): OptionValues => (value ? optionValues(value.node, key, value.env, depth + 1) : { values: [], definite: false, complete: false }));
        return { values: found.flatMap((one) => one.values), definite: found.every((one) => one.definite), complete: found.every((one) => one.complete) };
      }
    }
    if (node.type === AST_NODE_TYPES.ObjectExpression) {
      const values: Bound[] = [];
      let complete = true;
      for (const property of [...node.properties].reverse()) {
        if (property.type === AST_NODE_TYPES.SpreadElement) {
          const spread = optionValues(property.argument, key, env, depth + 1);
          values.push(...spread.values);
          if (spread.definite) return { values, definite: true, complete: true };
          complete &&= spread.complete;
          continue;
        }
        const name = staticPropertyKey(property) ?? (property.computed ? flow.stringValue(property.key) : undefined);
        if (name === key && isValue(property.value)) {
          values.push({ node: property.value, env });
          return { values, definite: true, complete: true };
        }
        if (name === undefined) complete = false;
      }
      return { values, definite: false, complete };
    }
    if (node.type === AST_NODE_TYPES.CallExpression) {
      // `fetch(url, opts())` and `fetch(url, opts({ method: 'POST' }))`: each call's own options, its parameters
      // bound to its arguments, not every call's at once (a GET would read another call's POST).
      const fn = flow.localFunction(unwrap(node.callee));
      const returned = fn && isFunctionNode(fn) ? returnedExpressions(fn, visitorKeys) : [];
      if (fn && returned.length > 0) {
        const inner = callBindings(fn, node, env);
        const found = returned.map((value) => optionValues(value, key, inner, depth + 1));
        return { values: found.flatMap((one) => one.values), definite: found.every((one) => one.definite), complete: found.every((one) => one.complete) };
      }
    }
    // Variables, later writes (`options.url = …`), calls returning options, `Object.assign`: the analysis' entries.
    const list = flow.entriesOf(node);
    const written = flow.valuesOf(list, key).map((value) => ({ node: value, env }));
    // A variable given another object later (`if (data) opts = { ...opts, method: 'POST' }`) holds one or the other.
    const reassigned = node.type === AST_NODE_TYPES.Identifier && isReassigned(node);
    return { values: written, definite: written.length > 0 && list.complete && !reassigned, complete: list.complete };
  }

  /** A variable given a value after its declaration (`opts = …`), which a request may see or not. */
  function isReassigned(identifier: TSESTree.Identifier): boolean {
    const variable = flow.variableOf(identifier);
    return variable?.references.some((reference) => !reference.init && reference.isWrite()) ?? false;
  }

  interface OptionValues {
    readonly values: Bound[];
    /** One of `values` is surely what the object holds under the key. */
    readonly definite: boolean;
    /** Every key the object may hold is visible: without a value here, the key is not set. */
    readonly complete: boolean;
  }

  function isValue(node: Node): node is Expression {
    return node.type !== AST_NODE_TYPES.AssignmentPattern && node.type !== AST_NODE_TYPES.ObjectPattern && node.type !== AST_NODE_TYPES.ArrayPattern && node.type !== AST_NODE_TYPES.TSEmptyBodyFunctionExpression;
  }

  // ---------------------------------------------------------------- one request

  interface Reading {
    readonly urls: UrlShape[];
    readonly methods: (string | undefined)[];
  }

  function readRequest(site: RequestSite, env: Env, names: string[]): Reading {
    const spec = httpClients[site.client.kind];
    const optionSources: Bound[] = [
      ...site.client.defaults.map((node) => ({ node, env: undefined })),
      ...site.optionArguments.map((node) => ({ node, env })),
    ];
    let urls: UrlShape[] | undefined;
    if (site.urlArgument) urls = shapesOf(site.urlArgument, env, 0, names);
    else {
      for (const option of urlOptions(spec)) {
        urls = optionShapes(optionSources, option, names);
        if (urls) break;
      }
    }
    // `new RestClient(ua, baseUrl)`: a base argument of the instance's own, which a base option would override.
    const baseArgument = baseArgumentOf(site);
    let bases = baseArgument ? shapesOf(baseArgument.node, baseArgument.own ? env : undefined, 0, names) : undefined;
    for (const option of baseUrlOptions(spec)) {
      const fromOption = optionShapes(optionSources, option, names);
      if (fromOption) {
        bases = fromOption;
        break;
      }
    }
    // An instance another module makes and exports: the base it was made with, as read there.
    if (!bases && site.client.foreignBase) {
      bases = [...site.client.foreignBase.urls];
      names.push(...site.client.foreignBase.names);
    }
    if (bases && spec.baseIsHostName === true) bases = bases.map((base) => urlShape('//', base));
    let full: UrlShape[];
    if (urls && bases) full = union(urls.map((url) => (isAbsolute(url) ? [url] : bases.map((base) => joinUrl(base, url)))));
    else full = urls ?? bases ?? [[HOLE]];
    return { urls: full, methods: requestMethods(site, optionSources, names) };
  }

  /** The values of an option across the option objects, a later object overriding an earlier one. */
  function optionShapes(sources: readonly Bound[], key: string, names: string[]): UrlShape[] | undefined {
    let result: UrlShape[] | undefined;
    // Names count only from the values that stand: an instance's `prefixUrl` a request overrides says nothing of it.
    let resultNames: string[] = [];
    for (const source of sources) {
      const found = optionValues(source.node, key, source.env, 0);
      if (found.values.length === 0) continue;
      const sourceNames: string[] = [];
      const shapes = union(found.values.map((value) => shapesOf(value.node, value.env, 0, sourceNames)));
      if (found.definite || !result) {
        result = shapes;
        resultNames = sourceNames;
      } else {
        result = union([result, shapes]);
        resultNames = [...resultNames, ...sourceNames];
      }
    }
    names.push(...resultNames);
    return result;
  }

  function requestMethods(site: RequestSite, sources: readonly Bound[], names: string[]): (string | undefined)[] {
    if (site.signature.method !== undefined) return [site.signature.method];
    const option = httpClients[site.client.kind].methodOption;
    // Every client sends GET when nothing says otherwise.
    let methods: (string | undefined)[] = ['GET'];
    if (option === undefined) return methods;
    for (const source of sources) {
      const found = optionValues(source.node, option, source.env, 0);
      const complete = found.definite || found.complete;
      const values = found.values.flatMap((value) =>
        shapesOf(value.node, value.env, 0, names).map((shape) => (shape.length === 1 && typeof shape[0] === 'string' ? shape[0].toUpperCase() : undefined)),
      );
      if (found.definite) methods = values;
      else methods = [...methods, ...values, ...(complete ? [] : [undefined])];
    }
    return [...new Set(methods)];
  }

  function routes(site: RequestSite): RequestRoutes {
    const cached = routeCache.get(site.node);
    if (cached) return cached;
    const names: string[] = [];
    freeParameters = new Set();
    const first = readRequest(site, undefined, names);
    const free = freeParameters;
    freeParameters = undefined;
    const readings = [first];
    // A wrapper's parameters: read the request once per call of the wrapper, so the URL and the
    // method of one call stay together. A Promise executor runs within the wrapper's call.
    let wrapper = enclosingFunction(site.node);
    if (wrapper && isPromiseExecutor(wrapper)) wrapper = enclosingFunction(wrapper);
    const wrapperParameters = [...free].filter((variable) => variable.defs[0]?.node === wrapper);
    const calls = wrapper && wrapperParameters.length > 0 ? callsOf(wrapper) : undefined;
    const contexts = wrapper && calls ? callContexts(wrapper, calls) : [];
    if (wrapper && calls && contexts.length > 0 && contexts.length <= MAX_CONTEXTS) {
      readings.length = 0;
      for (const context of contexts) readings.push(readRequest(site, context, []));
      if (calls.open) readings.push(readRequest(site, openContext(wrapper), []));
    }
    const result = summarize(readings, names);
    routeCache.set(site.node, result);
    return result;
  }

  /**
   * What the calls of the function a request is made in pass it, where its URL comes from its
   * parameters (`call('GET', apiUrl + '/controlPlane/v1/project', token)`), read once per call.
   *
   * `target`: when every call's URL shows a Keptn route and one of them is sure (a path only Keptn
   * serves, a Cloud Automation host), the function is a Keptn client and its request is graded as
   * that call. A call whose URL shows nothing, or a function other modules can call, leaves the
   * request to its own evidence (undefined).
   *
   * `away`: the calls whose URL writes out a host that is no Cloud Automation host
   * (`getJson('https://flags.internal.acme.io/v1/flags', process.env.FLAGS_TOKEN)`). The function
   * sends its header to them too, so the OAuth token would go there; the other calls grade
   * `target` without them. `allAway`: every call there is, none out of sight, is one of them.
   */
  function callerEvidence(site: RequestSite, hints: readonly NameHint[]): CallerEvidence {
    const cached = callerEvidenceCache.get(site.node);
    if (cached) return cached;
    let wrapper = enclosingFunction(site.node);
    // `return new Promise((resolve, reject) => { https.request(…) })`: the executor runs in the wrapper's call.
    if (wrapper && isPromiseExecutor(wrapper)) wrapper = enclosingFunction(wrapper);
    const calls = wrapper ? callsOf(wrapper) : undefined;
    // An instance whose base URL its maker's callers pass: the helper attached to it would authorize each of theirs.
    const baseFromCallers = site.createsInstance && wrapper !== undefined && readsParameterOf(wrapper, [analysis.instanceBase(site) ?? site.optionArguments].flat());
    let result: CallerEvidence = NO_CALLER_EVIDENCE;
    const contexts = wrapper && calls ? callContexts(wrapper, calls) : [];
    if (wrapper && calls && contexts.length > 0 && contexts.length <= MAX_CONTEXTS) {
      const places = callPlaces(calls);
      const away: CallerAway[] = [];
      let strongest: TargetConfidence = 'unknown';
      let everyCallShowsKeptn = true;
      let unshown: string | undefined;
      // The env var each call showing a Keptn route starts its URL with (undefined: none, or another module's call).
      const keptnBases: (string | undefined)[] = [];
      // An instance's base as each call makes it: one text per distinct base, with the first call that passes it.
      const instanceBases = new Map<string, string>();
      for (const [index, context] of contexts.entries()) {
        const names: string[] = [];
        const reading = readRequest(site, context, names);
        if (site.createsInstance) {
          const text = `${reading.urls.map((url) => url.map((part) => (part === HOLE ? '{…}' : part)).join('')).join(' | ')} ${[...new Set(names)].join(',')}`;
          if (!instanceBases.has(text)) instanceBases.set(text, places[index] ?? 'another call');
        }
        const foreignHost = reading.urls.map((url) => writtenHost(url)).find((host) => host !== undefined && !isCloudAutomationHost(host.name));
        if (foreignHost) {
          away.push({ where: places[index] ?? 'another call', host: foreignHost.shown });
          continue;
        }
        const callHints = [...hints, ...names.map((name) => nameHint(name)).filter((hint): hint is NameHint => hint !== undefined)];
        let showsKeptn = reading.urls.length > 0;
        for (const url of reading.urls) {
          const evidence = analyzeUrl(url, reading.methods.length === 1 ? reading.methods[0] : undefined).evidence;
          if (evidence === undefined) showsKeptn = false;
          else strongest = strongerConfidence(strongest, targetConfidence(evidence, callHints));
        }
        if (!showsKeptn) {
          everyCallShowsKeptn = false;
          unshown ??= `its call ${places[index] === undefined ? 'elsewhere' : `on ${places[index]}`} shows no Keptn route`;
        } else keptnBases.push(site.urlArgument ? leadingEnvVar(site.urlArgument, context, 0) : undefined);
      }
      const allAway = away.length === contexts.length && !calls.open;
      const sure = !calls.open && !allAway && everyCallShowsKeptn && confidenceAtLeast(strongest, SURE_TARGET_CONFIDENCE);
      if (calls.open) unshown ??= 'other modules may call it with URLs the codemod cannot see';
      const [firstBase] = keptnBases;
      const envVar = firstBase !== undefined && keptnBases.every((base) => base === firstBase) ? firstBase : undefined;
      const mixed = keptnBases.length > 0 && unshown !== undefined && away.length === 0 ? { mixed: { envVar, unshown } } : {};
      const onlyGeneric = !sure && !calls.open && !allAway && away.length === 0 && everyCallShowsKeptn && strongest === 'possible';
      const basesDiffer =
        !site.createsInstance || away.length > 0
          ? undefined
          : calls.open && baseFromCallers
            ? 'other modules may call the function that makes it with base URLs the codemod cannot see'
            : instanceBases.size > 1
              ? `its calls pass different base URLs (${[...instanceBases.values()].join(', ')}), which nothing shows are all Cloud Automation's`
              : undefined;
      result = { target: sure ? strongest : undefined, away, allAway, ...mixed, ...(onlyGeneric ? { onlyGenericKeptn: true as const } : {}), ...(basesDiffer === undefined ? {} : { basesDiffer }) };
    }
    // A factory whose calls are not all known (handed on as a value, a class constructed out of sight), or too many to
    // read one by one: the bases its instances are made with are not all checked, and the helper would authorize each.
    if (baseFromCallers && wrapper && (!calls || contexts.length > MAX_CONTEXTS)) {
      const unseen = calls
        ? `it is called in ${contexts.length} places, more than the codemod reads one by one, so the base URLs it is made with are not all checked`
        : isConstructor(wrapper)
          ? 'its class may be constructed, or extended, where the codemod cannot see the base URLs it is given'
          : `${unreadCaller(wrapper)}, so the base URLs it is made with cannot all be seen`;
      result = { ...result, basesDiffer: unseen };
    }
    callerEvidenceCache.set(site.node, result);
    return result;
  }

  /** Why the calls of a function are not all known: what it is to the code that calls it. */
  function unreadCaller(fn: Node): string {
    const parent = fn.parent;
    if (parent?.type === AST_NODE_TYPES.MethodDefinition) {
      const name = classMemberKey(parent);
      return `the ${parent.static ? 'static method' : 'class member'} that makes it${name === undefined ? '' : ` (\`${name}\`)`} may be called where the codemod cannot see`;
    }
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === fn) {
      const name = staticPropertyKey(parent);
      return `the function that makes it, a member${name === undefined ? '' : ` (\`${name}\`)`} of an object, may be called where the codemod cannot see`;
    }
    // `(token) => (base) => axios.create(…)`, `function f() { return function (base) { … } }`.
    const returned = (parent?.type === AST_NODE_TYPES.ArrowFunctionExpression && parent.body === fn) || parent?.type === AST_NODE_TYPES.ReturnStatement;
    if (returned) return 'the function that makes it is returned by another one and may be called where the codemod cannot see';
    return 'the function that makes it is handed on as a value';
  }

  function isConstructor(fn: Node): boolean {
    return fn.parent?.type === AST_NODE_TYPES.MethodDefinition && fn.parent.kind === 'constructor';
  }

  /** Whether any of `nodes` reads a parameter of `fn` (`baseURL: url`, `baseURL: options.url`, `{ ...options }`). */
  function readsParameterOf(fn: Node, nodes: readonly Node[]): boolean {
    let reads = false;
    const visit = (current: Node): boolean => {
      if (current.type === AST_NODE_TYPES.Identifier) {
        const def = flow.variableOf(current)?.defs[0];
        if (def?.type === DefinitionType.Parameter && def.node === fn) reads = true;
      }
      return !reads;
    };
    // The walk enters a node's descendants only: the node itself is looked at first (`baseURL: url`).
    for (const node of nodes) if (visit(node)) forEachDescendant(node, visitorKeys, visit);
    return reads;
  }

  /**
   * The environment variable a URL starts with, read in one call's context: `process.env.KEPTN_API_URL + path`,
   * `` `${base}/v1/event` `` with `base` bound to such a read, or a `const` holding one. Undefined for anything else.
   */
  function leadingEnvVar(input: Node, env: Env, depth: number): string | undefined {
    const node = unwrap(input);
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.BinaryExpression: {
        const lead = leadingOperand(node);
        return lead ? leadingEnvVar(lead, env, depth + 1) : undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        const values = identifierValues(node, env, depth);
        const [only] = values;
        return values.length === 1 && only !== undefined && only.read === undefined ? leadingEnvVar(only.node, only.env, depth + 1) : undefined;
      }
      case AST_NODE_TYPES.MemberExpression:
        return analysis.envRead(node)?.name;
      case AST_NODE_TYPES.LogicalExpression:
        // `process.env.KEPTN_ENDPOINT ?? ''`: without the variable, no URL a request could be sent to; another fallback is another base.
        return node.operator !== '&&' && node.right.type === AST_NODE_TYPES.Literal && node.right.value === '' ? leadingEnvVar(node.left, env, depth + 1) : undefined;
      case AST_NODE_TYPES.CallExpression: {
        const trimmed = endTrimmedReceiver(node);
        return trimmed ? leadingEnvVar(trimmed, env, depth + 1) : undefined;
      }
      default:
        return undefined;
    }
  }

  /** Where each call of `callContexts` stands, as a message names it: `line 20` in this file, `flags.js:20` in another. */
  function callPlaces(calls: FunctionCalls): string[] {
    const from = path.dirname(host.filePath);
    return [
      ...calls.calls.map((call) => `line ${String(call.loc.start.line)}`),
      ...calls.foreignCalls.map((call) => `${path.relative(from, call.file)}:${String(call.call.loc.start.line)}`),
    ];
  }

  /**
   * What the parameters stand for at each call: this file's calls, then other modules'. A
   * parameter the call gives no argument for (and no default) is `undefined` in that call, not
   * whatever the other calls pass: `keptnFetch('/controlPlane/v1/project')` sends GET, whatever
   * `init` another call gives.
   */
  function callContexts(fn: Node, calls: FunctionCalls): ArgumentEnv[] {
    return [...calls.calls.map((call) => callBindings(fn, call, undefined)), ...calls.foreign];
  }

  /** The parameters of `fn` as one call binds them, a parameter it gives no argument (nor default) `undefined`. */
  function callBindings(fn: Node, call: TSESTree.CallExpression | TSESTree.NewExpression, env: Env): ArgumentEnv {
    const bindings = new Map<Variable, Bound>(flow.bindArguments(fn, call, env) ?? []);
    if (isFunctionNode(fn)) {
      fn.params.forEach((param, index) => {
        const variable = param.type === AST_NODE_TYPES.Identifier ? flow.variableOf(param) : undefined;
        if (variable && !bindings.has(variable) && call.arguments.length <= index && !call.arguments.some((argument) => argument.type === AST_NODE_TYPES.SpreadElement)) {
          bindings.set(variable, { node: ABSENT_ARGUMENT, env: undefined });
        }
      });
    }
    return bindings;
  }

  /** A wrapper called from elsewhere too: its parameters may hold anything. */
  function openContext(fn: Node): Env {
    const bindings = new Map<Variable, Bound>();
    if (!isFunctionNode(fn)) return bindings;
    for (const param of fn.params) {
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      const variable = target.type === AST_NODE_TYPES.Identifier ? flow.variableOf(target) : undefined;
      // An identifier no variable holds: read as a hole.
      if (variable) bindings.set(variable, { node: UNKNOWN_VALUE, env: undefined });
    }
    return bindings;
  }

  function summarize(readings: readonly Reading[], names: readonly string[]): RequestRoutes {
    const pinned = new Map<string, Route>();
    const candidates = new Map<string, Route>();
    const urls = new Set<string>();
    const displayPaths = new Set<string>();
    const methods = new Set<string | undefined>();
    const requests = new Map<string, RequestWay>();
    let known = true;
    let mayHitNoRoute = false;
    let unpaired = false;
    let urlConfidence: TargetConfidence = 'unknown';
    const hints = names.map((name) => nameHint(name)).filter((hint): hint is NameHint => hint !== undefined);
    const perCall: Route[][] = [];
    for (const reading of readings) {
      const ofCall = new Map<string, Route>();
      let callMayHitNoRoute = false;
      // Each method with each URL: only as many ways as there are when one of the two is single.
      const crossed = new Set(reading.methods).size > 1 && new Set(reading.urls.map(shapeKey)).size > 1;
      if (crossed) unpaired = true;
      for (const url of reading.urls) {
        urls.add(shapeText(url));
        for (const method of reading.methods) {
          methods.add(method);
          const read = analyzeUrl(url, method);
          displayPaths.add(read.displayPath);
          urlConfidence = strongerConfidence(urlConfidence, targetConfidence(read.evidence, hints));
          const isPinned = method !== undefined && read.exact && read.routes.length > 0 && !url.every((part) => part === HOLE);
          const wayKey = `${method ?? ''} ${shapeText(url)}`;
          requests.set(wayKey, { method, url: shapeText(url), displayPath: read.displayPath, routes: isPinned ? read.routes : requests.get(wayKey)?.routes ?? [] });
          if (isPinned && crossed) known = false;
          if (isPinned) {
            for (const route of read.routes) {
              pinned.set(routeKey(route), route);
              candidates.set(routeKey(route), route);
              ofCall.set(routeKey(route), route);
            }
          } else {
            known = false;
            const could = routesCouldMatch(url, method);
            if (could.length === 0) mayHitNoRoute = callMayHitNoRoute = true;
            for (const route of could) {
              candidates.set(routeKey(route), route);
              ofCall.set(routeKey(route), route);
            }
          }
        }
      }
      perCall.push(callMayHitNoRoute ? [] : [...ofCall.values()]);
    }
    return {
      routes: [...pinned.values()],
      known: known && pinned.size > 0,
      unpaired,
      candidates: [...candidates.values()],
      methods: [...methods],
      urls: [...urls],
      displayPaths: [...displayPaths],
      mayHitNoRoute,
      perCall,
      requests: [...requests.values()],
      urlConfidence,
    };
  }

  // ---------------------------------------------------------------- credentials

  /** The request authenticates through the OAuth helper: its fetch, an attached instance, its got hooks, or its header. */
  function usesOAuthHelper(site: RequestSite, headers: ReturnType<RequestAnalysis['requestHeaders']>): boolean {
    if (site.viaHelper || site.client.helperAuthorized) return true;
    if (site.optionArguments.some((argument) => analysis.usesHelperHooks(argument))) return true;
    return headers.entries.some((entry) => entry.name !== undefined && isAuthorizationHeader(entry.name) && (entry.value === undefined ? entry.name === AUTHORIZATION_HEADER : fromHelper(entry.value, 0)));
  }

  /**
   * `await client.authorizationHeader()`, or the value a `.then` on it hands over, or a variable
   * holding either; or `client.addAuthorization(headers)`, the value the analysis gives the
   * Authorization it writes into `headers`.
   */
  function fromHelper(input: Node, depth: number): boolean {
    const node = unwrap(input);
    if (depth > 3) return false;
    if (callsHelperHeader(node)) return true;
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = flow.variableOf(node);
    const def = variable?.defs[0];
    if (!variable || !def) return false;
    if (def.type === DefinitionType.Parameter && isFunctionNode(def.node)) {
      // `client.authorizationHeader().then((authorization) => …)`
      const call = def.node.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(call.callee);
      return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'then' && callsHelperHeader(unwrap(callee.object));
    }
    const value = flow.singleValue(variable);
    return value !== undefined && fromHelper(value, depth + 1);
  }

  /** See `AuthorizationCredential`: the value is followed through `const`s to the text it starts with. */
  function authorizationCredential(value: Node): AuthorizationCredential {
    if (fromHelper(value, 0)) return { kind: 'bearer' };
    const text = leadingText(value, 0);
    if (text === undefined) return { kind: 'unknown' };
    if (isBearerValue(text.trimStart())) return { kind: 'bearer' };
    const scheme = authorizationScheme(text);
    return scheme === undefined ? { kind: 'unknown' } : { kind: 'scheme', scheme };
  }

  /** The text a value visibly starts with: `Basic ` in `'Basic ' + a`, `` `Bearer ${t}` ``, or a `const` holding either. */
  function leadingText(input: Node, depth: number): string | undefined {
    const node = unwrap(input);
    if (depth > 4) return undefined;
    if (node.type === AST_NODE_TYPES.Literal) return typeof node.value === 'string' ? node.value : undefined;
    if (node.type === AST_NODE_TYPES.TemplateLiteral) {
      const head = node.quasis[0]?.value.cooked ?? '';
      const [first] = node.expressions;
      return head === '' && first ? leadingText(first, depth + 1) : head;
    }
    if (node.type === AST_NODE_TYPES.BinaryExpression && node.operator === '+') return leadingText(node.left, depth + 1);
    if (node.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = flow.variableOf(node);
    const held = variable ? flow.singleValue(variable) : undefined;
    return held === undefined ? undefined : leadingText(held, depth + 1);
  }

  function callsHelperHeader(root: Node): boolean {
    let found = false;
    const matches = (node: Node): boolean =>
      node.type === AST_NODE_TYPES.CallExpression &&
      unwrap(node.callee).type === AST_NODE_TYPES.MemberExpression &&
      HELPER_AUTHORIZATION_MEMBERS.has(memberName(unwrap(node.callee) as TSESTree.MemberExpression) ?? '');
    if (matches(root)) return true;
    forEachDescendant(root, visitorKeys, (node) => {
      if (isFunctionNode(node)) return false;
      if (matches(node)) found = true;
      return !found;
    });
    return found;
  }

  /** `fetch(new Request(…))`, `fetch(request)` with a `const request = new Request(…)`: the Request is the request. */
  function sendsRequestObject(site: RequestSite): boolean {
    const url = site.urlArgument === undefined ? undefined : unwrap(site.urlArgument);
    const variable = url?.type === AST_NODE_TYPES.Identifier ? flow.variableOf(url) : undefined;
    const held = variable ? flow.singleValue(variable) : undefined;
    const request = held === undefined ? url : unwrap(held);
    return request?.type === AST_NODE_TYPES.NewExpression && analysis.requestSite(request) !== undefined;
  }

  /**
   * A request the scope report accounts for: it sends the old header or goes through the OAuth
   * helper, or its URLs as read (`urlConfidence`) hint at Cloud Automation, or it is shown to go
   * there; and its URL could reach some route of the table. Whether it counts (`shown`) is the migration's own
   * decision: a target it would leave for a person is not shown to be Cloud Automation. Neither
   * side changes when `migrate` rewrites the credentials, so `scopes` says the same before and
   * after a migration.
   */
  function cloudAutomationCall(site: RequestSite): CloudAutomationCall | undefined {
    const cached = callCache.get(site.node);
    if (cached !== undefined) return cached ?? undefined;
    let result: CloudAutomationCall | undefined;
    // `fetch(new Request(…))`: the call is accounted for at the Request, which holds its URL and method.
    if (!site.createsInstance && !sendsRequestObject(site)) {
      const found = routes(site);
      const headers = analysis.requestHeaders(site, true);
      const xToken = headers.entries.filter((entry) => entry.name !== undefined && isXTokenHeader(entry.name));
      const credential = xToken.length > 0 ? 'x-token' : usesOAuthHelper(site, headers) ? 'oauth-helper' : undefined;
      // Graded as the findings the codemods act on grade it (findings.ts): the x-token's value lends
      // its names to an x-token request, every header value to any other.
      const nameSources = (xToken.length > 0 ? xToken : headers.entries).flatMap((entry) => (entry.value ? [entry.value] : []));
      const assessed = analysis.assessTarget(site, nameSources);
      let target = assessed.confidence;
      let elsewhere = assessed.elsewhere;
      const sendsOwnXToken = analysis.requestHeaders(site, false).entries.some((entry) => entry.name !== undefined && isXTokenHeader(entry.name));
      // `api.post(webhookUrl, { prefixUrl: '' })`: a request that names its own base goes where its
      // own URL says; the instance's credential alone does not make it a Cloud Automation call.
      const credentialCounts = credential !== undefined && !(namesItsOwnBase(site) && !sendsOwnXToken);
      if (credential === 'x-token' && credentialCounts && !sendsOwnXToken) {
        // The instance's x-token (its defaults, a defaults write, an interceptor) is one header, migrated
        // or left for all its requests at once: graded by the best of them, as findings.ts grades it.
        let otherElsewhere: string | undefined;
        for (const other of fileRequests(site)) {
          if (other === site || !sameInstance(site, other)) continue;
          const assessedOther = analysis.assessTarget(other);
          target = strongerConfidence(target, assessedOther.confidence);
          if (assessedOther.elsewhere !== undefined) otherElsewhere ??= `the instance sends it with its request on line ${other.node.loc.start.line} too, and ${assessedOther.elsewhere}`;
        }
        // As findings.ts decides for the instance's header: an instance nothing shows talks to Cloud Automation, one of whose requests goes elsewhere.
        if (elsewhere === undefined && target === 'unknown') elsewhere = otherElsewhere;
      }
      // The same x-token entry sent by other requests (a builder, a shared object) lends this one no
      // evidence: findings.ts migrates such a header only when each of its requests is sure on its own.
      const shown = (credentialCounts && credential === 'oauth-helper') || confidenceAtLeast(target, SURE_TARGET_CONFIDENCE);
      // Also a call only its URLs as read hint at is accounted for, listed though not counted: the report drops none silently.
      // A call whose URL matches no route of the table is listed too (no scope is known for it),
      // unless the code shows it goes to another service: dropping it would let the report call
      // its scopes exact.
      const reachesRoutes = found.candidates.length > 0 || (found.mayHitNoRoute && elsewhere === undefined);
      if ((credentialCounts || shown || confidenceAtLeast(found.urlConfidence, 'possible')) && reachesRoutes) {
        result = { routes: found, credential, target, shown: shown && elsewhere === undefined, ...(elsewhere === undefined ? {} : { elsewhere }) };
      }
    }
    callCache.set(site.node, result ?? null);
    return result;
  }

  /** Every request the file makes (the sites of its calls and `new`s), found once. */
  function fileRequests(from: RequestSite): readonly RequestSite[] {
    if (requestsOfFile) return requestsOfFile;
    const found: RequestSite[] = [];
    forEachDescendant(programOf(from.node), visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
        const request = analysis.requestSite(node);
        if (request && !request.createsInstance) found.push(request);
      }
      return true;
    });
    requestsOfFile = found;
    return found;
  }

  /** A request through an instance whose own options set the base to a written value (`prefixUrl: ''`, `baseURL: 'https://…'`). */
  function namesItsOwnBase(site: RequestSite): boolean {
    if (!site.client.isInstance) return false;
    return baseUrlOptions(httpClients[site.client.kind]).some((option) =>
      site.optionArguments.some((argument) => optionValues(argument, option, undefined, 0).values.some((value) => flow.stringValue(value.node) !== undefined)),
    );
  }

  return { routes, cloudAutomationCall, callerEvidence, valueShapes, authorizationCredential };
}

/**
 * The value of a parameter a call leaves out (no argument, no default): `undefined`. An options
 * object that is absent sets no key; a URL that is absent is a hole.
 */
const ABSENT_ARGUMENT = { type: AST_NODE_TYPES.Literal, value: null, raw: 'undefined', range: [0, 0] } as unknown as Node;

/** A value nothing in the file shows: read as a hole wherever it stands. */
const UNKNOWN_VALUE = { type: AST_NODE_TYPES.ThisExpression, range: [0, 0] } as unknown as Node;

function isEnvObject(node: Node): boolean {
  // `process.env`, `import.meta.env`
  return (
    node.type === AST_NODE_TYPES.MemberExpression &&
    memberName(node) === 'env' &&
    ((node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'process') || node.object.type === AST_NODE_TYPES.MetaProperty)
  );
}

function strongerConfidence(a: TargetConfidence, b: TargetConfidence): TargetConfidence {
  return confidenceAtLeast(a, b) ? a : b;
}

function shapeKey(shape: UrlShape): string {
  return shape.map((part: UrlPart) => (part === HOLE ? '\uE000' : part)).join('');
}

/**
 * A URL shape for people: unknown parts written `{…}`. A host nothing shows loses the `//` that
 * only marks where a host goes (node's `host` + `path` read as `//{…}/{…}`), and a URL with
 * nothing known but slashes is `{…}`: the slashes say nothing a person could use.
 */
export function shapeText(shape: UrlShape): string {
  const parts = shape[0] === '//' && shape[1] === HOLE ? shape.slice(1) : shape;
  const text = parts.map((part: UrlPart) => (part === HOLE ? HOLE_TEXT : part)).join('');
  return parts.every((part) => part === HOLE || /^\/*$/u.test(part)) ? HOLE_TEXT : text;
}

const HOLE_TEXT = '{…}';

function routeKey(route: Route): string {
  return `${route.method} ${route.path}`;
}

/**
 * The request analysis both request rules share: which calls are outgoing HTTP requests of a
 * client core knows (core/clients.ts), which headers they send and how sure we are that they
 * go to Cloud Automation. Everything is resolved within the file through scope analysis;
 * with type information, syntactic candidates are also asked about their types, lazily.
 *
 * One analysis per linted file; results are cached per node and per variable, so rules can
 * ask again without walking again.
 */
import path from 'node:path';
import { DefinitionType, ScopeType } from '@typescript-eslint/scope-manager';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { findVariable } from '@typescript-eslint/utils/ast-utils';
import type { TSESLint, TSESTree } from '@typescript-eslint/utils';
import {
  analyzeUrl,
  isCloudAutomationHost,
  confidenceAtLeast,
  MIXED_HOST_CONFIDENCE,
  SURE_TARGET_CONFIDENCE,
  AUTHORIZATION_HEADER,
  AXIOS_DEFAULT_HEADER_PATHS,
  clientForImport,
  clientForTypeName,
  wrapperForTypeName,
  headersOptionOf,
  clientModules,
  clientWrappers,
  FETCH_GLOBALS,
  GLOBAL_OBJECTS,
  HEADER_WRITE_METHODS,
  HEADERS_CONSTRUCTORS,
  HEADERS_OPTIONS,
  baseUrlOptions,
  urlOptions,
  helperClientMembers,
  helperExports,
  HELPER_MODULE,
  HOLE,
  importedObjectCopy,
  KEPTN_EVENT_TYPE_PREFIX,
  CLOUD_EVENT_TYPE_FIELD,
  OBJECT_ASSIGN,
  httpClients,
  INCOMING_HEADER_GETTER,
  nameHint,
  SETTING_NAME,
  SETTING_READERS,
  REQUEST_CONSTRUCTORS,
  REQUEST_HOOKS,
  requestSignature,
  RESPONSE_CALLBACK_METHODS,
  RESPONSE_EVENT,
  RESPONSE_EVENT_METHODS,
  RESPONSE_HEADER_GETTER,
  RESPONSE_HEADERS_PROPERTY,
  isAuthorizationHeader,
  isXTokenHeader,
  targetConfidence,
  urlShape,
  type ClientWrapper,
  type HttpClientKind,
  type HttpClientSpec,
  type NameHint,
  type ObjectCopy,
  type RequestSignature,
  type TargetConfidence,
  type UrlAnalysis,
  type UrlPart,
  type UrlShape,
} from '../core/index.js';
import {
  classMemberKey,
  forEachDescendant,
  isFunctionNode,
  isPromiseExecutor,
  endTrimmedReceiver,
  leadingOperand,
  literalString,
  memberChain,
  memberName,
  outermostTypeWrapper,
  programOf,
  returnedExpressions,
  staticPropertyKey,
  unwrap,
  moduleImportOf,
  requiredModuleOf,
  stringConcatParts,
  type Expression,
  type Node,
} from './ast.js';
import type { AnalysisHost, TypeQuestions } from './host.js';
import { browserContextOf } from './browser-context.js';
import { calleeCall, callsFromOtherModules as callsFromProject, exportedValue, isLocalSpecifier, ownExportValue, usesFromOtherModules as usesFromProject } from './module-callers.js';
import type { ProjectModules } from './module-callers.js';
import type { ParsedFile } from './estree-host.js';
import { commonJsExportName, createModuleExits, type ModuleExit } from './module-exits.js';
import { isJsonStringify, isLoggingCall, onlyLogged } from './logged-reads.js';
import { headerCondition, type HeaderCondition } from './header-condition.js';
import { createRouteResolver, type AuthorizationCredential, type CallerAway, type CallersBase, type CloudAutomationCall, type RequestRoutes, type RouteResolver } from './request-routes.js';

type Variable = TSESLint.Scope.Variable;

const NODE_URL_MODULES: ReadonlySet<string> = new Set(['url', 'node:url']);
/** Keys that code writes only into a request's options object, never into a URL string. */
const OPTION_KEYS_WRITTEN: ReadonlySet<string> = new Set(['headers', 'method', 'path', 'hostname', 'host', 'port', 'agent']);

/** What a class body says about `this.<name>`: the values assigned to it, and every use of it. */
interface ClassMembers {
  readonly fields: Map<string, Expression[]>;
  readonly holders: Map<string, FieldHolder>;
}

/** `this.http` of one class: every `this.http` in that class body refers to the same instance. */
export interface FieldHolder {
  readonly field: string;
  readonly references: readonly TSESTree.MemberExpression[];
}

/** What a header read must be (`accept`), and how to look for it in a caller in another module, if at all. */
interface HeaderReader {
  readonly accept: (read: TSESTree.MemberExpression | TSESTree.CallExpression) => boolean;
  readonly inCaller?: (analysis: RequestAnalysis, argument: Node) => ReadAt | undefined;
}

/** A node and the file it is in. */
interface ReadAt {
  readonly node: Node;
  readonly file: string;
}

/** Where an instance is kept: a variable, or a class field. */
export type Holder = Variable | FieldHolder;

function holderReferenceNodes(holder: Holder): readonly Node[] {
  return 'field' in holder ? holder.references : holder.references.map((reference) => reference.identifier);
}

/** Parameter names that say a function is passed: `callback`, `cb`, `done`, `onResponse`, `handleResult`. */
const CALLBACK_NAME = /^(?:callback|cb|done|next)$|^(?:on|handle)[A-Z]|(?:Callback|Cb|Handler)$/u;

/** How far values are followed through variables, calls and spreads; deeper chains are "unknown". */
const MAX_DEPTH = 6;

/** A client, a client's member function, or an instance made by `axios.create` / `got.extend`. */
export interface ClientRef {
  readonly kind: HttpClientKind;
  /** The binding is one function of the client (`import { request } from 'undici'`). */
  readonly member?: string;
  /**
   * The package the client is imported from, in any import form (`node-fetch`, `undici`, `axios`);
   * undefined for a global (`fetch`) and an instance or client whose making is not visible here.
   */
  readonly module?: string;
  readonly isInstance: boolean;
  /** Option objects the instance was made with, outermost first (`got.extend(a).extend(b)` → a, b). */
  readonly defaults: readonly Expression[];
  /** The instance came from a type or a parameter: its defaults are not visible. */
  readonly opaque: boolean;
  /** Passed through the OAuth helper (`client.attachToAxios(instance)`). */
  readonly helperAuthorized: boolean;
  /** Variables (or class fields) that hold this client or instance: their other uses may add headers or interceptors. */
  readonly holders: readonly Holder[];
  /** Request handlers the instance was made with, which may set headers of their own (`[new BearerCredentialHandler(t)]`). */
  readonly handlers?: Node;
  /** The base URL the instance was made with as an argument of its own (`new RestClient(ua, baseUrl)`); a base option wins over it. */
  readonly baseUrl?: Expression;
  /**
   * An instance another module of the project makes and exports (`export const datastore =
   * axios.create({ baseURL: \`${KEPTN_API_URL}/mongodb-datastore\` })`): the base it was made with,
   * read in that module (its option nodes are in that module's tree, not in this one's).
   */
  readonly foreignBase?: ValueShapes;
  /**
   * The instance is held by a framework class that makes its requests and answers otherwise (Nest's
   * `HttpService`, whose methods return an Observable): only its `requestMembers` are requests.
   */
  readonly wrapper?: ClientWrapper;
  /**
   * Known by its static type alone (a parameter or field typed `typeof fetch`, Backstage's
   * `fetchApi.fetch`): what runs is handed to this code, and may do more than the client does.
   */
  readonly byTypeOnly?: boolean;
}

/** An options object with a `headers` option, as an argument of a call: see `headersHandedTo`. */
export interface HandedHeaders {
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly options: TSESTree.Expression;
}

export interface RequestSite {
  /** The call or `new` expression; for a header written on an instance's defaults, the write itself. */
  readonly node: Node;
  readonly client: ClientRef;
  readonly signature: RequestSignature;
  /** The client member called (`get`, `stream.get`), undefined for the client itself. */
  readonly member: string | undefined;
  /** Goes through the OAuth helper's own fetch (`client.fetch(…)`): authorised, and still a route. */
  readonly viaHelper: boolean;
  /** The URL argument, when the call has one (not when the options come first). */
  readonly urlArgument: Expression | undefined;
  /** Options objects of the call (`got.extend(a, b)` has two). */
  readonly optionArguments: readonly Expression[];
  /** The headers record passed as an argument of its own (`HttpClient#get(url, headers)`), when the signature has one. */
  readonly headersArgument?: Expression;
  /** Request handlers an instance is made with (`new HttpClient(ua, handlers)`), when the signature has them. */
  readonly handlersArgument?: Expression;
  /** The base URL an instance is made with (`new RestClient(ua, baseUrl)`), when the signature has it. */
  readonly baseUrlArgument?: Expression;
  /** The callback the request ends with (`keptnApi.get(url, callback)`), when the client takes one: never read as options. */
  readonly callbackArgument?: Expression;
  /** `axios.create(…)`, `got.extend(…)`: makes an instance, sends nothing itself. */
  readonly createsInstance: boolean;
}

/**
 * Whether `request` goes through the instance that `instance` makes or configures: the options
 * the instance was made with are among the request's defaults, a variable holds both, or
 * (axios's own defaults) the request uses the default export itself.
 */
export function sameInstance(instance: RequestSite, request: RequestSite): boolean {
  if (request.client.kind !== instance.client.kind) return false;
  // `axios.create(options)`: the requests whose instance was made with these options.
  if (instance.signature.createsInstance === true) return instance.optionArguments.some((options) => request.client.defaults.includes(options));
  // A defaults write or an interceptor on a client: the requests through the same instance or variable.
  if (instance.client.defaults.some((options) => request.client.defaults.includes(options))) return true;
  return instance.client.holders.some((holder) => request.client.holders.includes(holder));
}

/**
 * The base URL argument a request's instance was made with (`new RestClient(ua, baseUrl)`): the
 * call's own, or the one the instance it goes through was made with. `own` says which: only the
 * call's own argument is read with the call's bindings (a wrapper's parameters). A base option,
 * where the client has one, overrides either.
 */
export function baseArgumentOf(site: RequestSite): { readonly node: Expression; readonly own: boolean } | undefined {
  if (site.baseUrlArgument) return { node: site.baseUrlArgument, own: true };
  return site.client.baseUrl ? { node: site.client.baseUrl, own: false } : undefined;
}

/** Why the helper's fetch cannot take over sending a `new Request(…)`. */
export type RequestSendingRefusal = 'module-class' | 'not-one-fetch' | 'fetch-with-init';

/** One header set on a request: the key as written, and the value when there is one. */
/** A read of one environment variable: `process.env.NAME`, `process.env['NAME']`. */
export interface EnvRead {
  readonly node: Node;
  readonly name: string;
}

/**
 * Whether a shared header's value can be written again at another request (see `rewriteAt`): why
 * not, or the `process.env` reads it made once, when the module loaded, which that request must
 * send as they were read then.
 */
export type RewriteAt = { readonly why: string } | { readonly why?: undefined; readonly readAtLoad: readonly EnvRead[] };

export interface HeaderEntry {
  /** The header name, when it can be read statically (or from a literal type). */
  readonly name: string | undefined;
  /** Where the name is written: the report location. */
  readonly nameNode: Node;
  readonly value: Expression | undefined;
}

export interface HeaderSet {
  readonly entries: readonly HeaderEntry[];
  /** False when part of the headers comes from somewhere we cannot see (an unknown call, a parameter). */
  readonly complete: boolean;
}

export interface TargetAssessment {
  readonly confidence: TargetConfidence;
  readonly url: UrlAnalysis | undefined;
  /** The URL as written, unknown parts as `*`; undefined when the request has no visible URL. */
  readonly urlText: string | undefined;
  /** The host when the URL states it literally. */
  readonly host: string | undefined;
  /** Keptn-looking names among the identifiers and env vars the URL and token come from. */
  readonly keptnNames: readonly string[];
  /** The type of the Keptn CloudEvent the request sends as its body, as written (`sh.keptn.event.evaluation.triggered`). */
  readonly keptnEvent?: string;
  /** The HTTP method, upper case, when the call or its options state it (or the client's default). */
  readonly method: string | undefined;
  /**
   * Set when the code shows that this is no Cloud Automation request, not merely that nothing
   * shows it is: why, as a clause a message can quote ("its host http://localhost:* is written
   * out and is no Cloud Automation host"). Such a target is never migrated, `--include-unsure`
   * or not: OAuth is for Cloud Automation, and the service it goes to wants what it gets now.
   */
  readonly elsewhere?: string;
  /**
   * Set when one of the values the URL may take writes out a host that is no Cloud Automation host
   * and another may not (`process.env.KEPTN_ENDPOINT || 'http://localhost:8080/api'`): that host, as a
   * clause a message can quote ("one URL it may use has the host http://localhost:8080, written out
   * and no Cloud Automation host"). The target is then graded no higher than `MIXED_HOST_CONFIDENCE`.
   */
  readonly alsoElsewhere?: string;
  /**
   * Set when the request is made in a function whose URL its callers pass, and a call of it passes
   * a host written out that is no Cloud Automation host while another does not
   * (`getJson('https://flags.internal.acme.io/v1/flags', process.env.FLAGS_TOKEN)` next to
   * `getJson(\`${KEPTN_API_ENDPOINT}/controlPlane/v1/project\`, …)`): those calls, as a clause a message
   * can quote ("its call on line 20 passes the host https://flags.internal.acme.io, written out and no
   * Cloud Automation host"). Rewritten, the function would send the OAuth token there too, so it is
   * never migrated, `--include-unsure` or not; `confidence` grades the other calls.
   * (When every call goes elsewhere, `elsewhere` says so instead.) For an instance a function makes
   * with the base URL its callers pass, also set when they pass different bases or are out of sight
   * (`CallerEvidence.basesDiffer`): the helper attached to it would authorize each of them.
   */
  readonly callersElsewhere?: string;
  /**
   * Set when the request is made in a function whose URL its callers pass, and some calls show a
   * Keptn route while another shows none or calls are out of sight
   * (`api(process.env.KEPTN_API_URL, '/controlPlane/v1/project')` next to `api(process.env.INVENTORY_URL, '/v2/items')`).
   * Rewritten with `--include-unsure`, the helper would authorize whatever URL each call names, so
   * the token must be bound to the base of the Keptn calls (`envVar`, when they share one) or the
   * request left.
   */
  readonly callersBase?: CallersBase;
  /**
   * Set when a generic Keptn path (`/v1/event`) is graded by the request whose URL starts with the
   * same value (one `baseURL`, one variable, one class field) and that the code shows goes to
   * Cloud Automation: that request's line and path (see core's `targetConfidence`, `onKeptnBase`).
   */
  readonly keptnBase?: { readonly line: number; readonly displayPath: string };
  /** Set when the grade is that of the Keptn routes the callers of a wrapper pass as its URL, not of the URL as the request writes it. */
  readonly byCallers?: true;
}

/** An object value as the sum of the keys written into it, wherever they are written. */
export interface Entry {
  readonly key: string | undefined;
  /** The unresolved computed key, for a lazy type lookup. */
  readonly keyExpression: Expression | undefined;
  readonly keyNode: Node;
  readonly value: Expression | undefined;
  /** Writes below this key made elsewhere (`opts.headers['x-token'] = t` on `opts`). */
  readonly nested: readonly Entry[];
  /**
   * A write below this key merges what the analysis cannot read (`Object.assign(opts.headers,
   * await f())`): `nested` may not be all the keys it holds.
   */
  readonly nestedIncomplete?: true;
  /**
   * What the parameters in `value` stand for, when the entry is in the object a local function
   * returns (`requestOptions('/v1/event', 'POST')`): that call's arguments.
   */
  readonly env?: ArgumentEnv;
}

/** A value and the parameter bindings it is read under (a helper function's body, a wrapper's context). */
export interface BoundValue {
  readonly node: Node;
  readonly env: ArgumentEnv | undefined;
  /**
   * An argument another module passes (a call from another file): its value as read there, the
   * strings it may be and the names it is built from. `node` is then a placeholder.
   */
  readonly read?: ValueShapes;
}

/** A call another module makes to a function this one exports, and that module's analysis to read its arguments in. */
/** Where another module of the project reads an exported value (`{ headers: defaultKeptnHeaders }`). */
export interface ForeignUse {
  /** The identifier, or `namespace.name` member, that reads it. */
  readonly node: Node;
  readonly analysis: RequestAnalysis;
  /** The reader's file (absolute). */
  readonly file: string;
  /** The reader imports it from a module that re-exports it, not from its own. */
  readonly throughReexport: boolean;
}

/** A request in another module that sends what this module exports (a builder's result, a header object), graded there. */
export interface ForeignReader {
  /** The request, a node of the other module's tree. */
  readonly site: RequestSite;
  readonly target: TargetAssessment;
  /** Where the request is, as a person finds it from this module: `../../app/src/deploy.ts:15`. */
  readonly where: string;
}

export interface ForeignCall {
  /** A call of an exported function, or a `new` of an exported class. */
  readonly call: TSESTree.CallExpression | TSESTree.NewExpression;
  readonly analysis: RequestAnalysis;
  /** The caller's file (absolute). */
  readonly file: string;
  /** The caller imports the function from a module that re-exports it, not from its own. */
  readonly throughReexport: boolean;
}

/** What a value may evaluate to as a string, holes where the code does not tell, and the names met on the way. */
export interface ValueShapes {
  readonly urls: readonly UrlShape[];
  readonly names: readonly string[];
}
/** The constructions of a class: `new`s and subclasses' `super(…)` in its module, and those of other modules. */
export interface Constructions {
  readonly local: readonly (TSESTree.NewExpression | TSESTree.CallExpression)[];
  readonly foreign: readonly ForeignCall[];
}

/**
 * The classes that extend a class, at any depth, when all are declared in its module; otherwise
 * why more may: the class (or one that extends it) is used as a value other than in `new`,
 * `extends` or an export (`handed-on`), a class in another module extends it (`elsewhere`, the
 * first such), or it is exported where the other modules cannot be searched (`unsearched`).
 */
export type Subclasses =
  | { readonly classes: readonly (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[] }
  | { readonly why: 'handed-on' | 'unsearched'; readonly name: string }
  | { readonly why: 'elsewhere'; readonly name: string; readonly file: string; readonly line: number };

/** The arguments local functions were called with, by parameter: what their parameters stand for. */
export type ArgumentEnv = ReadonlyMap<Variable, BoundValue>;

export interface EntryList {
  readonly entries: readonly Entry[];
  readonly complete: boolean;
}

const EMPTY: EntryList = { entries: [], complete: true };
/**
 * The OAuth helper attached to an instance reads as the Authorization header it sets on every
 * request, so the rules need no separate notion of "authorised by the helper".
 */
function helperAuthorization(attachedAt: Node): EntryList {
  return {
    entries: [{ key: AUTHORIZATION_HEADER, keyExpression: undefined, keyNode: attachedAt, value: undefined, nested: [] }],
    complete: true,
  };
}

const UNKNOWN: EntryList = { entries: [], complete: false };

const MUTATING_HEADER_METHODS = new Set(HEADER_WRITE_METHODS);
/** String methods whose result is a part of the string they are called on: a token cut out of a header is still that header's. */
const TOKEN_PART_METHODS: ReadonlySet<string> = new Set(['replace', 'replaceAll', 'slice', 'substring', 'substr', 'trim', 'trimStart', 'trimEnd']);
const URL_LIKE_NAME = /url|uri|path|endpoint|route|href/iu;
/** Classes clients export whose `new` makes an instance (`HttpClient`). */
const CONSTRUCTOR_NAMES: ReadonlySet<string> = new Set(Object.values(httpClients).flatMap((spec) => (spec.constructorExport === undefined ? [] : [spec.constructorExport])));
const allMemberNames = new Set(Object.values(httpClients).flatMap((spec) => Object.keys(spec.members).flatMap((name) => name.split('.'))));

/** Where migrated code gets its OAuth client: the helper package, or the user's own module and ready client. */
export interface AnalysisOptions {
  /** The module the helper is imported from (default `cloud-automation-oauth`). */
  readonly helperModule?: string | undefined;
  /** A ready client exported by that module, used instead of `oauthClientFromEnv()`. */
  readonly clientExport?: string | undefined;
}

/** Builds the analysis for one file. Cheap to create: nothing is computed until asked. */
export function createRequestAnalysis(host: AnalysisHost, options: AnalysisOptions = {}) {
  const { visitorKeys } = host;
  // The route resolver asks the analysis about headers and targets; it is made on first use.
  const analysisApi = (): RequestAnalysis => self;
  const helperModule = options.helperModule ?? HELPER_MODULE;

  const clientCache = new Map<Node, ClientRef | null>();
  const factoryCache = new Map<Node, ClientRef | null>();
  const variableClientCache = new Map<Variable, ClientRef | null>();
  const entryCache = new Map<Node, EntryList>();
  const variableWritesCache = new Map<Variable, EntryList>();
  // One list per field (its holder), not per read of it: a class reads `this.headers` at every request.
  const fieldWritesCache = new WeakMap<FieldHolder, EntryList>();
  // Entries written by a call (`req.setHeader(k, v)`), which a request object sends, unlike its other members.
  const setterEntries = new WeakSet<Entry>();
  /** By class body: the values assigned to each `this.<name>`, and every `this.<name>` (one walk finds both). */
  const classMembersCache = new Map<Node, ClassMembers>();
  const staticThisCache = new Map<TSESTree.ClassDeclaration, readonly TSESTree.ThisExpression[]>();
  // The classes of this file that extend each class of it, found once (see subclassBodies).
  let subclassIndex: Map<TSESTree.ClassBody, TSESTree.ClassBody[]> | undefined;
  const inheritedHolderCache = new Map<string, FieldHolder>();
  const siteCache = new Map<Node, RequestSite | null>();
  /** Per request: its target graded on its own evidence, what `keptnBaseOf` compares with. */
  const ownTargetCache = new Map<Node, TargetAssessment>();
  const originKeyCache = new Map<Node, string | null>();
  const programRequestsCache = new Map<Node, readonly RequestSite[]>();
  /** By variable (or a class field's first reference), then property: the holder of `<object>.<name>`. */
  const propertyHolderCache = new Map<Node | Variable, Map<string, FieldHolder>>();
  /** By site, with and without what the instance adds: no-x-token-header and require-oauth ask about the same sites. */
  const ownHeadersCache = new Map<RequestSite, HeaderSet>();
  const inheritedHeadersCache = new Map<RequestSite, HeaderSet>();
  const inProgress = new Set<Node | Variable>();
  const methodCallsCache = new Map<Node, TSESTree.CallExpression[]>();
  /** Header reads found in another module (a caller's `req.headers['x-token']`), by the file they are in. */
  const foreignReads = new Map<Node, string>();

  // ---------------------------------------------------------------- type information (lazy)

  let typeQuestions: TypeQuestions | null | undefined;
  function types(): TypeQuestions | null {
    typeQuestions ??= host.types() ?? null;
    return typeQuestions;
  }

  function typedString(node: Node): string | undefined {
    if (node.type === AST_NODE_TYPES.Identifier && !mayHaveLiteralType(variableOf(node))) return undefined;
    return types()?.stringLiteral(node);
  }

  function typedClient(node: Node): ClientRef | undefined {
    // The module that makes an exported instance says more than its type: the base it was made with.
    const exported = exportedInstance(node);
    const typed = exported ? undefined : types()?.client(node);
    const found = exported ?? typed;
    if (!found) return undefined;
    // The variable holding it is how its other uses (defaults writes, requests) are told to be one instance.
    const holder = node.type === AST_NODE_TYPES.Identifier ? variableOf(node) : undefined;
    const foreignBase = exported?.base;
    const wrapper = typed?.wrapper;
    return {
      kind: found.kind,
      isInstance: found.isInstance,
      defaults: [],
      opaque: true,
      helperAuthorized: false,
      holders: holder ? [holder] : [],
      ...(foreignBase ? { foreignBase } : {}),
      ...(wrapper ? { wrapper } : {}),
      ...(typed ? { byTypeOnly: true } : {}),
    };
  }

  /**
   * The client (mostly an instance) another module of the project exports, read in that module by syntax:
   * without type information (the untyped lint), and where the checker cannot type it (compiled
   * CommonJS: `exports.client = axios_1.default.create(…)` behind tsc's untyped `__importDefault`,
   * read here as `http_1.client`). The answer is what a type would have said, an instance of that
   * client, and the base URL it was made with as read there: its other defaults stay in its
   * module, whose own findings report them.
   */
  function exportedInstance(node: Node): { kind: HttpClientKind; isInstance: boolean; base?: ValueShapes } | undefined {
    return readExport(node, (exported, there) => {
      const client = there.resolveClient(exported.node);
      // A whole client (an instance, or the library re-exported as `export { axios }`), not one function of one.
      if (!client || client.member !== undefined) return undefined;
      const base = client.isInstance ? there.instanceBaseShapes(client) : undefined;
      return { kind: client.kind, isInstance: client.isInstance, ...(base ? { base } : {}) };
    });
  }

  /**
   * A header name another module of the project exports as a constant (`import { TOKEN_HEADER }
   * from './constants.js'`), read there without types: a `const` (or a binding written once)
   * whose value is a string in that module. Asked for header names only, where a key the code
   * computes would otherwise need the checker; URLs are not read across modules this way.
   */
  function importedString(node: Node): string | undefined {
    const value = unwrap(node);
    if (value.type !== AST_NODE_TYPES.Identifier && value.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    return readExport(value, (exported, there) => {
      const declarator = exported.node.parent;
      // `export let TOKEN_HEADER = …` may be given another value later.
      if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === exported.node && declarator.parent.kind !== 'const') return undefined;
      return there.stringValue(exported.node);
    });
  }

  /** What `read` says of the value an import of a local module (`x`, or `ns.x` of a namespace) is bound to, read in that module's own analysis. */
  function readExport<T>(node: Node, read: (exported: NonNullable<ReturnType<typeof exportedValue>>, there: RequestAnalysis) => T | undefined): T | undefined {
    let binding: TSESTree.Identifier | undefined;
    let member: string | undefined;
    if (node.type === AST_NODE_TYPES.Identifier) binding = node;
    else if (node.type === AST_NODE_TYPES.MemberExpression && !node.computed && unwrap(node.object).type === AST_NODE_TYPES.Identifier) {
      binding = unwrap(node.object) as TSESTree.Identifier;
      member = memberName(node);
    }
    const variable = binding ? variableOf(binding) : undefined;
    const source = variable ? bindingSource(variable) : undefined;
    if (!source || !isLocalSpecifier(source.module)) return undefined;
    const name = member === undefined ? source.importName : source.importName === '*' ? member : undefined;
    if (name === undefined) return undefined;
    const key = `${host.filePath}\0${source.module}\0${name}`;
    if (exportLookups.has(key)) return undefined;
    exportLookups.add(key);
    try {
      const exported = exportedValue(host.projectModules?.(), host.filePath, source.module, name);
      return exported ? read(exported, analysisOf(exported.parsed)) : undefined;
    } finally {
      exportLookups.delete(key);
    }
  }

  // ---------------------------------------------------------------- scope

  /**
   * Whether the checker could know a string literal for this variable. A parameter typed `string`,
   * or an untyped parameter of a function declaration, cannot have one, and asking would make the
   * codemod load ts-morph and build a Program for a question whose answer syntax already has: most
   * URL holes are such parameters. An untyped arrow or function expression parameter may be
   * contextually typed (`(['/v1/auth'] as const).map((path) => …)`), so it is still asked.
   */
  function mayHaveLiteralType(variable: Variable | undefined): boolean {
    const def = variable?.defs[0];
    if (def?.type !== DefinitionType.Parameter || def.name.type !== AST_NODE_TYPES.Identifier) return true;
    const annotation = def.name.typeAnnotation?.typeAnnotation.type;
    if (annotation === undefined) return def.node.type !== AST_NODE_TYPES.FunctionDeclaration;
    return annotation !== AST_NODE_TYPES.TSStringKeyword && annotation !== AST_NODE_TYPES.TSAnyKeyword && annotation !== AST_NODE_TYPES.TSUnknownKeyword;
  }

  function outerVariable(declaration: TSESTree.ClassDeclaration): Variable | undefined {
    if (!declaration.id) return undefined;
    try {
      const scope = host.getScope(declaration);
      const outer = scope.block === declaration ? scope.upper : scope;
      return outer ? (findVariable(outer, declaration.id.name) ?? undefined) : undefined;
    } catch {
      return undefined;
    }
  }

  /**
   * Every reference to a class declaration's name: where it is declared, and inside its own body,
   * where the class's scope binds the name again (`static readonly inventory = new KeptnClient(…)`).
   */
  function classNameReferences(declaration: TSESTree.ClassDeclaration, outer: Variable): readonly Variable['references'][number][] {
    if (!declaration.id) return outer.references;
    try {
      const scope = host.getScope(declaration);
      const inner = scope.block === declaration && scope.type === ScopeType.class ? findVariable(scope, declaration.id.name) : undefined;
      return inner && inner !== outer ? [...outer.references, ...inner.references] : outer.references;
    } catch {
      return outer.references;
    }
  }

  /**
   * Every `this` in the static members of a class (a static method, field or block), where it is the
   * class itself; a function of its own there has a `this` of its own.
   */
  function staticThisUses(declaration: TSESTree.ClassDeclaration): readonly TSESTree.ThisExpression[] {
    const cached = staticThisCache.get(declaration);
    if (cached) return cached;
    const found: TSESTree.ThisExpression[] = [];
    for (const member of declaration.body.body) {
      const isStatic = member.type === AST_NODE_TYPES.StaticBlock || ('static' in member && member.static);
      if (!isStatic) continue;
      forEachDescendant(member, visitorKeys, (node) => {
        if ((node.type === AST_NODE_TYPES.FunctionExpression && node.parent !== member) || node.type === AST_NODE_TYPES.FunctionDeclaration) return false;
        if (node.type === AST_NODE_TYPES.ThisExpression) found.push(node);
        return true;
      });
    }
    staticThisCache.set(declaration, found);
    return found;
  }

  /**
   * `KeptnClient.instance`, `KeptnClient.get()`: reading a static member hands the class on only if
   * a static member hands on `this` (the class) itself; `new this(…)` and `this.<member>` do not.
   */
  function isStaticMemberRead(use: Node, declaration: TSESTree.ClassDeclaration): boolean {
    const parent = use.parent;
    if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== use) return false;
    if (!parent.computed && parent.property.type === AST_NODE_TYPES.Identifier && parent.property.name === 'prototype') return false;
    return staticThisUses(declaration).every((self) => (self.parent.type === AST_NODE_TYPES.NewExpression && self.parent.callee === self) || (self.parent.type === AST_NODE_TYPES.MemberExpression && self.parent.object === self));
  }

  /** `new this(…)` in a static member of the class: a construction of it (or of a subclass it is called on). */
  function staticSelfConstructions(declaration: TSESTree.ClassDeclaration): TSESTree.NewExpression[] {
    return staticThisUses(declaration).flatMap((self) => (self.parent.type === AST_NODE_TYPES.NewExpression && self.parent.callee === self ? [self.parent] : []));
  }

  /** The variable a class declaration binds where it is declared (its name inside the class is a binding of the class's scope). */
  function outerClassVariable(id: TSESTree.Identifier): Variable | undefined {
    const inner = variableOf(id);
    const upper = inner?.scope.type === ScopeType.class ? inner.scope.upper : undefined;
    return upper ? (findVariable(upper, id.name) ?? undefined) : inner;
  }

  function variableOf(identifier: TSESTree.Identifier): Variable | undefined {
    try {
      return findVariable(host.getScope(identifier), identifier) ?? undefined;
    } catch {
      return undefined;
    }
  }

  /** `exports.f`, `module.exports.f` where `exports`/`module` are CommonJS's own, not a local binding. */
  function isGlobalCommonJsObject(member: TSESTree.MemberExpression): boolean {
    let object = unwrap(member.object);
    while (object.type === AST_NODE_TYPES.MemberExpression) object = unwrap(object.object);
    return object.type === AST_NODE_TYPES.Identifier && isGlobal(object);
  }

  /** No declaration in the file: a global (lib globals have no definitions either). */
  function isGlobal(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(identifier);
    return !variable || variable.defs.length === 0;
  }

  /** The value a variable holds, when it is set once (`const`, or `let` never reassigned). */
  function singleValue(variable: Variable): Expression | undefined {
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator) return undefined;
    if (def.node.id.type !== AST_NODE_TYPES.Identifier || !def.node.init) return undefined;
    const writes = variable.references.filter((reference) => reference.isWrite() && !reference.init);
    return writes.length === 0 ? def.node.init : undefined;
  }

  /**
   * `let client;` then `client = axios.create(…)` in an `init()`: a variable declared without a value
   * and written by one plain assignment of a value, a statement of its own (a `close()` that sets it
   * back to `undefined` or `null` may too). Every client it ever holds is what that assignment
   * makes, so its requests are that instance's.
   */
  function assignedOnceLater(variable: Variable): Expression | undefined {
    const def = variable.defs[0];
    if (variable.defs.length !== 1 || def?.node.type !== AST_NODE_TYPES.VariableDeclarator || def.node.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (def.node.init && !isEmptyValue(def.node.init)) return undefined;
    const values: Expression[] = [];
    for (const reference of variable.references) {
      if (!reference.isWrite() || reference.init) continue;
      const assignment = reference.identifier.parent;
      if (assignment.type !== AST_NODE_TYPES.AssignmentExpression || assignment.operator !== '=' || assignment.left !== reference.identifier) return undefined;
      if (assignment.parent.type !== AST_NODE_TYPES.ExpressionStatement) return undefined;
      if (!isEmptyValue(assignment.right)) values.push(assignment.right);
    }
    return values.length === 1 ? values[0] : undefined;
  }

  function isEmptyValue(input: Expression): boolean {
    const node = unwrap(input);
    return node.type === AST_NODE_TYPES.Literal && node.value === null || node.type === AST_NODE_TYPES.Identifier && node.name === 'undefined' && isGlobal(node);
  }

  /** The module an `import` binds the variable to (`import x = require('m')` included), and which export. */
  function importSource(variable: Variable): { module: string; importName: string } | undefined {
    const def = variable.defs[0];
    if (def?.type !== DefinitionType.ImportBinding) return undefined;
    const imported = moduleImportOf(def.node, def.name);
    return imported ? { module: imported.module, importName: imported.importName } : undefined;
  }

  /**
   * The module binding a variable holds, in any import form (`moduleImportOf`): an import, or a
   * `require` of the global `require` (`const x = require('m')` is the module itself,
   * `const { request } = require('undici')` one export of it).
   */
  function bindingSource(variable: Variable): { module: string; importName: string } | undefined {
    const def = variable.defs[0];
    if (def?.name.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (def.type !== DefinitionType.ImportBinding && def.type !== DefinitionType.Variable) return undefined;
    const imported = moduleImportOf(def.node, def.name);
    if (!imported || (imported.require !== undefined && !isGlobal(imported.require))) return undefined;
    return { module: imported.module, importName: imported.importName };
  }

  /** `require('m')`, `await import('m')`: the module name. */
  function requiredModule(node: Node): string | undefined {
    const required = requiredModuleOf(node);
    return required && (required.require === undefined || isGlobal(required.require)) ? required.module : undefined;
  }


  // ---------------------------------------------------------------- clients

  function plainClient(kind: HttpClientKind, member?: string, holders: readonly Variable[] = []): ClientRef {
    return {
      kind,
      ...(member === undefined ? {} : { member }),
      isInstance: false,
      defaults: [],
      opaque: false,
      helperAuthorized: false,
      holders,
    };
  }

  function clientFromModule(module: string, importName: string, holders: readonly Variable[]): ClientRef | undefined {
    if (!clientModules.has(module)) return undefined;
    const entry =
      clientForImport(module, importName) ?? (importName === '*' ? clientForImport(module, 'default') : undefined);
    return entry ? { ...plainClient(entry.client, entry.member, holders), module } : undefined;
  }

  function withHolder(ref: ClientRef | undefined, variable: Variable): ClientRef | undefined {
    return ref ? { ...ref, holders: [...ref.holders, variable] } : undefined;
  }

  function clientOfVariable(variable: Variable, depth: number): ClientRef | undefined {
    const cached = variableClientCache.get(variable);
    if (cached !== undefined) return cached ?? undefined;
    if (inProgress.has(variable)) return undefined;
    inProgress.add(variable);
    let result: ClientRef | undefined;
    try {
      result = computeClientOfVariable(variable, depth);
    } finally {
      inProgress.delete(variable);
    }
    variableClientCache.set(variable, result ?? null);
    return result;
  }

  function computeClientOfVariable(variable: Variable, depth: number): ClientRef | undefined {
    const def = variable.defs[0];
    if (!def) return undefined;
    const imported = importSource(variable);
    if (imported) return clientFromModule(imported.module, imported.importName, [variable]) ?? configuredAsAxiosInstance(variable);
    if (def.type === DefinitionType.Variable) {
      const declarator = def.node;
      if (declarator.id.type === AST_NODE_TYPES.ObjectPattern) {
        // `const { request } = require('undici')`, `const { default: got } = await import('got')`
        const required = bindingSource(variable);
        return required ? clientFromModule(required.module, required.importName, [variable]) : undefined;
      }
      const value = singleValue(variable) ?? assignedOnceLater(variable);
      if (value) return withHolder(resolveClient(value, depth + 1), variable);
      return annotatedClient(declarator.id);
    }
    if (def.type === DefinitionType.Parameter) {
      return withHolder(annotatedClient(def.name), variable) ?? configuredAsAxiosInstance(variable);
    }
    return undefined;
  }

  /**
   * An instance made in another module (or passed in) that this file configures in axios's own
   * shape — `api.defaults.headers.common[k] = v`, `api.interceptors.request.use(fn)` — is an axios
   * instance, with or without types; its calls here are its requests.
   */
  function configuredAsAxiosInstance(variable: Variable): ClientRef | undefined {
    const configured = variable.references.some(
      (reference) => defaultHeadersWrite(reference.identifier) !== undefined || interceptorOf(reference.identifier, 'axios') !== undefined,
    );
    if (!configured) return undefined;
    // Made in a local module: the base it was made with there, as for an instance used without configuring it.
    const name = variable.defs[0]?.name;
    const foreignBase = name?.type === AST_NODE_TYPES.Identifier ? exportedInstance(name)?.base : undefined;
    return { kind: 'axios', isInstance: true, defaults: [], opaque: true, helperAuthorized: false, holders: [variable], ...(foreignBase ? { foreignBase } : {}) };
  }

  /** `client: AxiosInstance`, `api: Got`: a type annotation naming a client type imported from the client's module. */
  function annotatedClient(node: Node): ClientRef | undefined {
    const annotation =
      'typeAnnotation' in node && node.typeAnnotation && node.typeAnnotation.type === AST_NODE_TYPES.TSTypeAnnotation
        ? node.typeAnnotation.typeAnnotation
        : undefined;
    if (annotation?.type !== AST_NODE_TYPES.TSTypeReference) return undefined;
    let typeName: TSESTree.EntityName = annotation.typeName;
    let root: TSESTree.EntityName = typeName;
    while (root.type === AST_NODE_TYPES.TSQualifiedName) root = root.left;
    if (typeName.type === AST_NODE_TYPES.TSQualifiedName) typeName = typeName.right;
    if (typeName.type !== AST_NODE_TYPES.Identifier || root.type !== AST_NODE_TYPES.Identifier) return undefined;
    const kind = clientForTypeName(typeName.name);
    const mayBeWrapper = clientWrappers.some((wrapper) => wrapper.typeName === typeName.name);
    if ((!kind || typeName.name === 'ExtendOptions') && !mayBeWrapper) return undefined;
    const rootVariable = variableOf(root);
    const source = rootVariable ? importSource(rootVariable) : undefined;
    if (!source) return undefined;
    // `private readonly http: HttpService` of `@nestjs/axios`: the axios instance it wraps.
    const wrapper = mayBeWrapper ? wrapperForTypeName(typeName.name, { module: source.module }) : undefined;
    if (wrapper) return { kind: wrapper.client, isInstance: true, defaults: [], opaque: true, helperAuthorized: false, holders: [], wrapper };
    if (!kind || typeName.name === 'ExtendOptions' || !clientModules.has(source.module)) return undefined;
    return { kind, isInstance: true, defaults: [], opaque: true, helperAuthorized: false, holders: [] };
  }

  /**
   * The client held by the property `name` of an object, as far as syntax proves it: a property of
   * an object literal a `const` (or a class field) holds, never written again
   * (`const deps = { api: axios.create(…) }`), or a property a local interface or type literal
   * declares with a client type (`d: Deps` with `interface Deps { api: AxiosInstance }`). Every
   * `<object>.<name>` holding it is its holder, where defaults and interceptors are written.
   */
  function propertyClient(node: TSESTree.MemberExpression, name: string, depth: number): ClientRef | undefined {
    const object = unwrap(node.object);
    const ref = objectPropertyClient(object, name, depth);
    const holder = ref ? propertyHolder(object, name) : undefined;
    if (!ref || !holder || holder.references.some(isPropertyReplaced)) return undefined;
    return { ...ref, holders: [...ref.holders, holder] };
  }

  function objectPropertyClient(object: Node, name: string, depth: number): ClientRef | undefined {
    if (depth > MAX_DEPTH) return undefined;
    if (object.type === AST_NODE_TYPES.ObjectExpression) return literalPropertyClient(object, name, depth);
    if (object.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(object);
      const def = variable?.defs[0];
      if (!variable || !def) return undefined;
      const value = singleValue(variable);
      if (value) return objectPropertyClient(unwrap(value), name, depth + 1);
      if (def.type === DefinitionType.Parameter || def.type === DefinitionType.Variable) return declaredPropertyClient(def.name, name);
      return undefined;
    }
    if (object.type === AST_NODE_TYPES.MemberExpression && unwrap(object.object).type === AST_NODE_TYPES.ThisExpression) {
      const field = memberName(object);
      if (field === undefined) return undefined;
      // `this.deps` set once: by an initializer, a parameter property, or one assignment in the class.
      const values = classFieldValues(object, field);
      const [value] = values;
      if (values.length === 1 && value) return objectPropertyClient(unwrap(value), name, depth + 1);
      if (values.length === 0) return declaredPropertyClient(classFieldDeclaration(object, field), name);
    }
    return undefined;
  }

  /** `{ api: axios.create(…) }`: the property's value, unless something spread after it may replace it. */
  function literalPropertyClient(object: TSESTree.ObjectExpression, name: string, depth: number): ClientRef | undefined {
    const index = object.properties.findLastIndex((property) => property.type === AST_NODE_TYPES.Property && !property.computed && propertyKey(property) === name);
    const property = object.properties[index];
    if (property?.type !== AST_NODE_TYPES.Property || property.kind !== 'init') return undefined;
    if (object.properties.slice(index + 1).some((later) => later.type === AST_NODE_TYPES.SpreadElement)) return undefined;
    return resolveClient(property.value, depth + 1);
  }

  /** `d: Deps`, `d: { api: AxiosInstance }`: the client type the declared type gives the property. */
  function declaredPropertyClient(declared: Node | undefined, name: string): ClientRef | undefined {
    const annotation =
      declared && 'typeAnnotation' in declared && declared.typeAnnotation?.type === AST_NODE_TYPES.TSTypeAnnotation ? declared.typeAnnotation.typeAnnotation : undefined;
    const members = annotation ? localTypeMembers(annotation) : undefined;
    const member = members?.find(
      (candidate) => candidate.type === AST_NODE_TYPES.TSPropertySignature && staticPropertyKey(candidate) === name,
    );
    return member ? annotatedClient(member) : undefined;
  }

  /** The members of a type literal, or of an interface or type alias of this file a reference names. */
  function localTypeMembers(type: TSESTree.TypeNode): readonly TSESTree.TypeElement[] | undefined {
    if (type.type === AST_NODE_TYPES.TSTypeLiteral) return type.members;
    if (type.type !== AST_NODE_TYPES.TSTypeReference || type.typeName.type !== AST_NODE_TYPES.Identifier) return undefined;
    const typeName = type.typeName;
    const declaration = variableOf(typeName)?.defs[0]?.node;
    if (declaration?.type === AST_NODE_TYPES.TSInterfaceDeclaration) return declaration.extends.length === 0 ? declaration.body.body : undefined;
    if (declaration?.type === AST_NODE_TYPES.TSTypeAliasDeclaration) return localTypeMembers(declaration.typeAnnotation);
    return undefined;
  }

  /** `private deps: Deps;` (or a parameter property) of the class around `node`: where the field's type is declared. */
  function classFieldDeclaration(node: Node, field: string): Node | undefined {
    let classBody: Node | undefined = node.parent;
    while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
    if (classBody?.type !== AST_NODE_TYPES.ClassBody) return undefined;
    for (const member of classBody.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition && !member.static && classMemberKey(member) === field) return member;
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const param of member.value.params) {
          if (param.type !== AST_NODE_TYPES.TSParameterProperty) continue;
          const parameter = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
          if (parameter.name === field) return parameter;
        }
      }
    }
    return undefined;
  }

  /**
   * Every `<object>.<name>` of the same object: of the variable (`deps.api`), or of the class field
   * (`this.deps.api`). One per object and name, so two requests through it are told one instance.
   */
  function propertyHolder(object: Node, name: string): FieldHolder | undefined {
    let objects: readonly Node[];
    let key: Node | Variable;
    if (object.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(object);
      if (!variable || variable.defs.length === 0) return undefined;
      objects = variable.references.map((reference) => reference.identifier);
      key = variable;
    } else if (object.type === AST_NODE_TYPES.MemberExpression && unwrap(object.object).type === AST_NODE_TYPES.ThisExpression) {
      const field = memberName(object);
      const holder = field === undefined ? undefined : fieldHolder(object, field);
      if (!holder) return undefined;
      objects = holder.references;
      key = holder.references[0] ?? object;
    } else return undefined;
    let byName = propertyHolderCache.get(key);
    if (!byName) {
      byName = new Map();
      propertyHolderCache.set(key, byName);
    }
    let holder = byName.get(name);
    if (!holder) {
      const references = objects.flatMap((reference) => {
        const parent = reference.parent;
        return parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === reference && memberName(parent) === name ? [parent] : [];
      });
      holder = { field: name, references };
      byName.set(name, holder);
    }
    return holder;
  }

  /** `deps.api = other` (or `++`, a destructuring target): the property holds more than one value. */
  function isPropertyReplaced(reference: TSESTree.MemberExpression): boolean {
    const parent = reference.parent;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression) return parent.left === reference;
    if (parent.type === AST_NODE_TYPES.UpdateExpression) return true;
    return parent.type === AST_NODE_TYPES.ArrayPattern || parent.type === AST_NODE_TYPES.Property && parent.value === reference && parent.parent.type === AST_NODE_TYPES.ObjectPattern;
  }

  /** Which client or instance an expression evaluates to, if any. */
  function resolveClient(input: Node, depth = 0): ClientRef | undefined {
    const node = unwrap(input);
    const cached = clientCache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    const result = depth > MAX_DEPTH ? undefined : computeClient(node, depth);
    clientCache.set(node, result ?? null);
    return result;
  }

  function computeClient(node: Node, depth: number): ClientRef | undefined {
    switch (node.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(node);
        if (!variable || variable.defs.length === 0) {
          if (FETCH_GLOBALS.includes(node.name)) return plainClient('fetch');
          // A page that loads axios from a <script> tag uses the global.
          if (node.name === 'axios') return plainClient('axios');
          return undefined;
        }
        return clientOfVariable(variable, depth);
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(node);
        const object = unwrap(node.object);
        if (name === undefined) return undefined;
        if (object.type === AST_NODE_TYPES.Identifier && GLOBAL_OBJECTS.includes(object.name) && isGlobal(object)) {
          return FETCH_GLOBALS.includes(name) ? plainClient('fetch') : undefined;
        }
        if (object.type === AST_NODE_TYPES.ThisExpression) return classFieldClient(node, name, depth);
        // `require('node-fetch').default`
        const module = requiredModule(object);
        if (module !== undefined) return clientFromModule(module, name, []);
        const base = resolveClient(object, depth + 1);
        if (base && !base.isInstance && name === 'default') return base;
        // `httpm.HttpClient` of `import * as httpm from '@actions/http-client'`: the class that makes instances.
        if (base && !base.isInstance && base.member === undefined && name === httpClients[base.kind].constructorExport) return { ...base, member: 'new' };
        // `this.http.axiosRef` of Nest's HttpService: the plain instance behind it.
        if (base?.wrapper && name === base.wrapper.instanceProperty) {
          const { kind, isInstance, defaults, opaque, helperAuthorized } = base;
          return { kind, isInstance, defaults, opaque, helperAuthorized, holders: [] };
        }
        if (base) return undefined;
        return propertyClient(node, name, depth);
      }
      case AST_NODE_TYPES.NewExpression: {
        const site = requestSite(node, depth + 1);
        return site?.createsInstance ? instanceMadeBy(site) : undefined;
      }
      case AST_NODE_TYPES.CallExpression: {
        const module = requiredModule(node);
        if (module !== undefined) return clientFromModule(module, '*', []);
        const site = requestSite(node, depth + 1);
        if (site?.createsInstance) return instanceMadeBy(site);
        const callee = unwrap(node.callee);
        // `const client = keptnClient(cfg)`: a function of this project that returns the instance it makes.
        const made = madeByFactory(callee, depth);
        if (made) return made;
        // `oauth.attachToAxios(axios.create(…))` returns the instance it was given.
        if (
          callee.type === AST_NODE_TYPES.MemberExpression &&
          memberName(callee) === helperClientMembers.attachToAxios &&
          node.arguments[0]
        ) {
          const inner = resolveClient(node.arguments[0], depth + 1);
          return inner ? { ...inner, helperAuthorized: true } : undefined;
        }
        return undefined;
      }
      case AST_NODE_TYPES.AwaitExpression: {
        const module = requiredModule(node);
        return module === undefined ? undefined : clientFromModule(module, '*', []);
      }
      case AST_NODE_TYPES.ConditionalExpression: {
        // `useTls ? https : http`: either module sends the request the same way. Instances are
        // not merged here: their defaults would have to be told apart per request.
        const consequent = resolveClient(node.consequent, depth + 1);
        const alternate = resolveClient(node.alternate, depth + 1);
        if (!consequent || !alternate || consequent.isInstance || alternate.isInstance || consequent.kind !== alternate.kind) return undefined;
        return consequent;
      }
      default:
        return undefined;
    }
  }

  /**
   * The instance a factory returns, called as `callee`: a function of this file (its defaults are
   * the options it makes the instance with, so requests here are told that instance's), or one
   * another module of the project exports, read there as `exportedInstance` reads an exported
   * instance (the base it is made with; its headers stay that module's to report).
   */
  function madeByFactory(callee: Node, depth: number): ClientRef | undefined {
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const fn = localFunction(callee);
    if (fn) return factoryInstance(fn, depth);
    const foreign = callee.type === AST_NODE_TYPES.Identifier && !fromLocalModule(callee) ? undefined : readExport(callee, (exported, there) => there.factoryInstanceShape(exported.node));
    if (!foreign) return undefined;
    const { kind, base } = foreign;
    return { kind, isInstance: true, defaults: [], opaque: true, helperAuthorized: false, holders: [], ...(base ? { foreignBase: base } : {}) };
  }

  /** The instance every call of `fn` returns: its one `return` (or arrow body) makes it, or holds what one site made. */
  function factoryInstance(fn: Node, depth: number): ClientRef | undefined {
    const cached = factoryCache.get(fn);
    if (cached !== undefined) return cached ?? undefined;
    factoryCache.set(fn, null);
    const returned = returnedExpressions(fn, visitorKeys);
    const [only] = returned;
    const ref = returned.length === 1 && only ? resolveClient(only, depth + 1) : undefined;
    // The holders are the factory's own variables: each call's result is held by the caller.
    const result = ref?.isInstance === true && ref.member === undefined ? { ...ref, holders: [] } : undefined;
    factoryCache.set(fn, result ?? null);
    return result;
  }

  /** The instance an exported factory makes, as another module sees it: its client and the base it is made with. */
  function factoryInstanceShape(node: Node): { kind: HttpClientKind; base?: ValueShapes } | undefined {
    const value = unwrap(node);
    const fn = isFunctionNode(value) ? value : value.type === AST_NODE_TYPES.Identifier ? localFunction(value) : undefined;
    const client = fn ? factoryInstance(fn, 0) : undefined;
    if (!client) return undefined;
    const base = analysisApi().instanceBaseShapes(client);
    return { kind: client.kind, ...(base ? { base } : {}) };
  }

  /** The instance `axios.create(…)`, `got.extend(…)` or `new HttpClient(…)` makes, its options its defaults. */
  function instanceMadeBy(site: RequestSite): ClientRef {
    const handlers = site.handlersArgument;
    // A credential handler adds its header where the code cannot show it: what the instance sends is not all known.
    const unseenHeaders = handlers !== undefined && !(handlers.type === AST_NODE_TYPES.ArrayExpression && handlers.elements.length === 0);
    const baseUrl = baseArgumentOf(site)?.node;
    return {
      ...(unseenHeaders ? { handlers } : {}),
      ...(baseUrl ? { baseUrl } : {}),
      kind: site.client.kind,
      isInstance: true,
      defaults: [...site.client.defaults, ...site.optionArguments],
      opaque: site.client.opaque || unseenHeaders,
      helperAuthorized: site.client.helperAuthorized || hasHelperHooks(site.optionArguments),
      holders: [],
    };
  }

  /** `this.http` inside a class: the field initializer, a parameter property, or `this.http = …` in the class. */
  function classFieldClient(node: TSESTree.MemberExpression, name: string, depth: number): ClientRef | undefined {
    const declaredOnly = (value: Expression): boolean => value.type === AST_NODE_TYPES.Identifier && value.parent.type !== AST_NODE_TYPES.AssignmentExpression;
    // `private http: HttpClient;` then `this.http = new HttpClient(…)`: what is assigned says more than the annotation.
    const values = [...classFieldValues(node, name)].sort((a, b) => Number(declaredOnly(a)) - Number(declaredOnly(b)));
    for (const value of values) {
      const ref = declaredOnly(value) ? annotatedClient(value) : resolveClient(value, depth + 1);
      const holder = ref ? fieldHolder(node, name) : undefined;
      if (ref) return holder ? { ...ref, holders: [...ref.holders, holder] } : ref;
    }
    return undefined;
  }

  /**
   * Every `this.<name>` of the class around `node` (not of classes nested in it), and of the classes
   * of this file that extend it without a `<name>` of their own: defaults and attachments written
   * through any of them, and the requests they make.
   */
  function fieldHolder(node: Node, name: string): FieldHolder | undefined {
    const owner = fieldOwner(enclosingClassBody(node), name);
    if (!owner) return undefined;
    const own = classMembers(owner).holders.get(name);
    const subclasses = subclassBodies(owner, name);
    if (subclasses.length === 0) return own;
    // One object per field, as for a class without subclasses: `sameInstance` compares holders by identity.
    const key = `${String(owner.range[0])}:${name}`;
    let holder = inheritedHolderCache.get(key);
    if (!holder) {
      const references = [...(own?.references ?? []), ...subclasses.flatMap((body) => classMembers(body).holders.get(name)?.references ?? [])];
      holder = { field: name, references };
      inheritedHolderCache.set(key, holder);
    }
    return holder.references.length === 0 ? undefined : holder;
  }

  /** What the class's code writes into the object of `this.<name>`: `this.headers['x-token'] = t`, `this.headers.set(…)`. */
  function fieldWrites(node: Node, name: string, depth: number): EntryList {
    const holder = fieldHolder(node, name);
    if (!holder) return EMPTY;
    const cached = fieldWritesCache.get(holder);
    if (cached) return cached;
    // A write's value may read the field again (`Object.assign(this.headers, this.headers.extra)`): unknown there, not followed round.
    fieldWritesCache.set(holder, UNKNOWN);
    const lists: EntryList[] = [];
    for (const reference of holder.references) {
      const write = writeThrough(reference, depth);
      if (write) lists.push(write);
    }
    const result = lists.length === 0 ? EMPTY : merge(lists);
    fieldWritesCache.set(holder, result);
    return result;
  }

  function enclosingClassBody(node: Node): TSESTree.ClassBody | undefined {
    let classBody: Node | undefined = node.parent;
    while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
    return classBody;
  }

  /** The class, this one or one it extends in this file, that writes `this.<name>`: a subclass reads its base's field. */
  function fieldOwner(classBody: TSESTree.ClassBody | undefined, name: string): TSESTree.ClassBody | undefined {
    let current = classBody;
    for (let hops = 0; current && hops < MAX_DEPTH; hops++) {
      if (classMembers(current).fields.has(name)) return current;
      current = superClassBody(current);
    }
    return classBody;
  }

  /** The body of the class `classBody`'s class extends, when that class is declared in this file. */
  function superClassBody(classBody: TSESTree.ClassBody): TSESTree.ClassBody | undefined {
    const superClass = classBody.parent.superClass ? unwrap(classBody.parent.superClass) : undefined;
    if (superClass?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const def = variableOf(superClass)?.defs[0];
    return def?.type === DefinitionType.ClassName ? def.node.body : undefined;
  }

  /** The classes of this file that extend `base`, directly or through each other, and have no `<name>` of their own. */
  function subclassBodies(base: TSESTree.ClassBody, name: string): TSESTree.ClassBody[] {
    return extendingBodies(base, (body) => classMembers(body).fields.has(name));
  }

  /** The classes of this file that extend `base`, directly or through each other; not below one `stop` says to stop at. */
  function extendingBodies(base: TSESTree.ClassBody, stop?: (body: TSESTree.ClassBody) => boolean): TSESTree.ClassBody[] {
    if (!subclassIndex) {
      subclassIndex = new Map();
      const index = subclassIndex;
      forEachDescendant(programOf(base), visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.ClassBody) {
          const parent = superClassBody(node);
          if (parent) index.set(parent, [...(index.get(parent) ?? []), node]);
        }
        return true;
      });
    }
    const found: TSESTree.ClassBody[] = [];
    const pending = [...(subclassIndex.get(base) ?? [])];
    for (let body = pending.shift(); body && found.length < 50; body = pending.shift()) {
      if (stop?.(body) === true || found.includes(body)) continue;
      found.push(body);
      pending.push(...(subclassIndex.get(body) ?? []));
    }
    return found;
  }

  /**
   * Values assigned to `this.<name>` in the enclosing class; a parameter property contributes its
   * parameter. One instance has one such property: a class that writes a field a class it extends
   * (in this file) writes too holds that one's value until its own write, so both count.
   */
  function classFieldValues(node: Node, name: string): Expression[] {
    const owner = fieldOwner(enclosingClassBody(node), name);
    if (!owner) return [];
    const values = [...(classMembers(owner).fields.get(name) ?? [])];
    let base = superClassBody(owner);
    for (let hops = 0; base && hops < MAX_DEPTH; hops++, base = superClassBody(base)) values.push(...(classMembers(base).fields.get(name) ?? []));
    // `this` in a base class's method may be an instance of a subclass of this file that redeclares the field.
    for (const subclass of extendingBodies(owner)) values.push(...(classMembers(subclass).fields.get(name) ?? []));
    return values;
  }

  function classMembers(classBody: Node): ClassMembers {
    let members = classMembersCache.get(classBody);
    if (!members) {
      members = collectClassMembers(classBody);
      classMembersCache.set(classBody, members);
    }
    return members;
  }

  function collectClassMembers(classBody: Node): ClassMembers {
    const fields = new Map<string, Expression[]>();
    const holders = new Map<string, FieldHolder>();
    const add = (name: string | undefined, value: Expression | undefined): void => {
      if (name === undefined || !value) return;
      const list = fields.get(name) ?? [];
      list.push(value);
      fields.set(name, list);
    };
    if (classBody.type !== AST_NODE_TYPES.ClassBody) return { fields, holders };
    for (const member of classBody.body) {
      if (member.type === AST_NODE_TYPES.PropertyDefinition) {
        const key = classMemberKey(member);
        if (member.value) add(key, member.value);
        else if (key !== undefined && member.typeAnnotation) {
          // `private http: AxiosInstance;` set elsewhere: the annotation still says what it is.
          const ref = annotatedClient(member);
          if (ref) add(key, member.key as Expression);
        }
      }
      if (member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor') {
        for (const param of member.value.params) {
          if (param.type === AST_NODE_TYPES.TSParameterProperty) {
            const parameter = param.parameter.type === AST_NODE_TYPES.AssignmentPattern ? param.parameter.left : param.parameter;
            add(parameter.name, parameter);
          }
        }
      }
    }
    // Not into nested classes: their `this` is another object.
    forEachDescendant(classBody, visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.ClassBody) return false;
      if (
        node.type === AST_NODE_TYPES.AssignmentExpression &&
        node.operator === '=' &&
        node.left.type === AST_NODE_TYPES.MemberExpression &&
        node.left.object.type === AST_NODE_TYPES.ThisExpression
      ) {
        add(memberName(node.left), node.right);
      }
      if (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.ThisExpression) {
        const field = memberName(node);
        if (field !== undefined) {
          const holder = holders.get(field) ?? { field, references: [] };
          (holder.references as TSESTree.MemberExpression[]).push(node);
          holders.set(field, holder);
        }
      }
      return true;
    });
    // `this.options = x` where the class has `get options()`/`set options(…)`: the write goes to the
    // setter, and a read gets what the getter returns, so an accessor's name holds no field value.
    for (const member of classBody.body) {
      if (member.type === AST_NODE_TYPES.MethodDefinition && (member.kind === 'get' || member.kind === 'set') && !member.static) fields.delete(classMemberKey(member) ?? '');
    }
    return { fields, holders };
  }

  /**
   * `hooks: client.gotHooks()` / `client.kyHooks()`, or `hooks: { beforeRequest: [...client.gotHooks().beforeRequest] }`,
   * in got or ky options.
   */
  function hasHelperHooks(optionArguments: readonly Expression[]): boolean {
    for (const argument of optionArguments) {
      for (const hooks of valuesOf(entriesOf(argument, 0), 'hooks')) {
        if (containsMember(hooks, helperClientMembers.gotHooks) || containsMember(hooks, helperClientMembers.kyHooks)) return true;
      }
    }
    return false;
  }

  function containsMember(root: Node, name: string): boolean {
    const matches = (node: Node): boolean => node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === name;
    const state = { found: matches(root) };
    if (!state.found) {
      forEachDescendant(root, visitorKeys, (node) => {
        if (matches(node)) state.found = true;
        return !state.found;
      });
    }
    return state.found;
  }

  // ---------------------------------------------------------------- requests

  /** The request a call or `new` expression makes, if it is one. */
  function requestSite(node: TSESTree.CallExpression | TSESTree.NewExpression, depth = 0): RequestSite | undefined {
    const cached = siteCache.get(node);
    if (cached !== undefined) return cached ?? undefined;
    if (inProgress.has(node)) return undefined;
    inProgress.add(node);
    let site: RequestSite | undefined;
    try {
      site = computeRequestSite(node, depth);
    } finally {
      inProgress.delete(node);
    }
    siteCache.set(node, site ?? null);
    return site;
  }

  function computeRequestSite(node: TSESTree.CallExpression | TSESTree.NewExpression, depth: number): RequestSite | undefined {
    const callee = unwrap(node.callee);
    if (node.type === AST_NODE_TYPES.NewExpression) {
      const made = instanceConstructor(callee, depth);
      if (made) return made.signature ? buildSite(node, made.client, made.signature, 'new') : undefined;
      const signature = requestSignature('fetch');
      if (requestClass(callee) === undefined || !signature) return undefined;
      return sentOnlyByHelperFetch(node) ? buildSite(node, { ...plainClient('fetch'), helperAuthorized: true }, signature, undefined, true) : buildSite(node, plainClient('fetch'), signature);
    }

    let client: ClientRef | undefined;
    let member: string | undefined;
    if (callee.type === AST_NODE_TYPES.Identifier) {
      client = resolveClient(callee, depth);
      member = client?.member;
      if (!client && looksLikeRequestArguments(node) && mayBeTypedInstance(callee)) client = typedClient(callee);
    } else if (callee.type === AST_NODE_TYPES.MemberExpression) {
      // `console.log(…)`, `items.map(…)`: a member no client has is no request; skip before any scope lookup.
      const name = memberName(callee);
      // `this.http(options)`: an instance held in a class field, called itself.
      const classField = unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression;
      if (name === undefined || !(allMemberNames.has(name) || FETCH_GLOBALS.includes(name) || name === 'default' || classField)) return undefined;
      const viaHelper = helperFetchSite(node, callee);
      if (viaHelper) return viaHelper;
      const chain = memberChain(callee);
      const whole = resolveClient(callee, depth);
      if (whole && !whole.isInstance) {
        client = whole;
        member = whole.member;
      } else if (whole && classField) {
        client = whole;
      } else if (chain && chain.names.length > 0) {
        const last = chain.names.at(-1) ?? '';
        // `axios.get`, `this.http.get`: the object is the client; `got.stream.get`: two names deep.
        const object = unwrap(callee.object);
        client = resolveClient(object, depth);
        member = last;
        if (!client && object.type === AST_NODE_TYPES.MemberExpression && chain.names.length >= 2) {
          const deeper = resolveClient(object.object, depth);
          if (deeper) {
            client = deeper;
            member = chain.names.slice(-2).join('.');
          }
        }
        if (!client && looksLikeRequestArguments(node) && mayHideTypedInstance(object)) client = typedClient(object);
      }
      // `this.fetchApi.fetch(url, init)`, `this.doFetch(url, init)`: a fetch held by an object, known by its type.
      // A method of the class itself (`this.log('…')`) is code of this file, no fetch: the checker is not asked.
      if (!client && (classField || FETCH_GLOBALS.includes(name)) && looksLikeRequestArguments(node) && types() && !(classField && localFunction(callee))) {
        const typed = typedClient(callee);
        if (typed?.kind === 'fetch' && !typed.isInstance) {
          client = typed;
          member = undefined;
        }
      }
    }
    if (!client) return undefined;
    if (client.wrapper && (member === undefined || !client.wrapper.requestMembers.includes(member))) return undefined;
    const signature = requestSignature(client.kind, member);
    if (!signature) return undefined;
    return buildSite(node, client, signature, member);
  }

  /**
   * `new HttpClient(…)`: a client class whose `new` makes an instance. Looked up only for a callee
   * named as some client exports its class, as every `new X()` of the file comes here.
   */
  function instanceConstructor(callee: Node, depth: number): { client: ClientRef; signature: RequestSignature | undefined } | undefined {
    // An identifier may be the class imported under another name; a member must carry the exported one.
    if (callee.type === AST_NODE_TYPES.MemberExpression && !CONSTRUCTOR_NAMES.has(memberName(callee) ?? '')) return undefined;
    if (callee.type !== AST_NODE_TYPES.Identifier && callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const client = resolveClient(callee, depth);
    if (client?.member !== 'new' || client.isInstance) return undefined;
    return { client, signature: requestSignature(client.kind, 'new') };
  }

  /**
   * A fetch `Request` class: the global one (`Request`, `globalThis.Request`), or one a fetch
   * module exports, however it is named here (`import { Request as R } from 'node-fetch'`,
   * `nodeFetch.Request`, `undici.Request`). Which of the two it is matters to the helper's fetch,
   * which knows only the global class.
   */
  function requestClass(callee: Node): 'global' | 'module' | undefined {
    if (callee.type === AST_NODE_TYPES.Identifier) {
      // Every `new X()` of the file comes here: look X up only when it can be a Request class.
      if (!REQUEST_CONSTRUCTORS.includes(callee.name) && !renamedRequestClasses(callee).has(callee.name)) return undefined;
      const variable = variableOf(callee);
      if (!variable || variable.defs.length === 0) return REQUEST_CONSTRUCTORS.includes(callee.name) ? 'global' : undefined;
      const source = bindingSource(variable);
      if (!source || !fromFetchModule(source.module)) return undefined;
      // `import { Request } from 'node-fetch'`, `const { Request: R } = require('undici')`; a default or namespace binding is the module itself.
      const exported = source.importName === '*' || source.importName === 'default' ? callee.name : source.importName;
      return REQUEST_CONSTRUCTORS.includes(exported) ? 'module' : undefined;
    }
    if (callee.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const name = memberName(callee);
    const object = unwrap(callee.object);
    if (name === undefined || !REQUEST_CONSTRUCTORS.includes(name) || object.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = variableOf(object);
    if (!variable || variable.defs.length === 0) return GLOBAL_OBJECTS.includes(object.name) ? 'global' : undefined;
    const source = bindingSource(variable);
    return source !== undefined && (source.importName === '*' || source.importName === 'default') && fromFetchModule(source.module) ? 'module' : undefined;
  }

  function fromFetchModule(module: string): boolean {
    return clientForImport(module, 'fetch') !== undefined || clientForImport(module, 'default')?.client === 'fetch';
  }

  let renamedRequestNames: Set<string> | undefined;
  /**
   * Local names other than `Request` bound to a fetch module's Request class at the top of the
   * file (`import { Request as R } from 'node-fetch'`, `const { Request: R } = require('undici')`),
   * collected once from the module's bindings.
   */
  function renamedRequestClasses(anywhere: Node): Set<string> {
    if (renamedRequestNames) return renamedRequestNames;
    renamedRequestNames = new Set();
    let top: TSESLint.Scope.Scope = host.getScope(anywhere);
    while (top.upper) top = top.upper;
    for (const scope of [top, ...top.childScopes.filter((child) => child.block.type === AST_NODE_TYPES.Program)]) {
      for (const variable of scope.variables) {
        const source = variable.defs.length > 0 ? bindingSource(variable) : undefined;
        if (source && REQUEST_CONSTRUCTORS.includes(source.importName) && fromFetchModule(source.module)) renamedRequestNames.add(variable.name);
      }
    }
    return renamedRequestNames;
  }

  /**
   * The calls a `new Request(…)` is sent by: the call it is handed to as the first argument, or
   * every such call of a `const` that holds it and is read nowhere else. Undefined when the
   * Request goes anywhere else too (returned, stored, passed on as a later argument).
   */
  function sendersOf(request: TSESTree.NewExpression): TSESTree.CallExpression[] | undefined {
    const senderOf = (value: TSESTree.Node): TSESTree.CallExpression | undefined => {
      const argument = outermostTypeWrapper(value);
      const sender = argument.parent;
      return sender?.type === AST_NODE_TYPES.CallExpression && sender.arguments[0] === argument ? sender : undefined;
    };
    const direct = senderOf(request);
    if (direct) return [direct];
    const declarator = request.parent;
    if (declarator.type !== AST_NODE_TYPES.VariableDeclarator || declarator.init !== request || declarator.id.type !== AST_NODE_TYPES.Identifier) return undefined;
    if (declarator.parent.kind !== 'const') return undefined;
    const reads = variableOf(declarator.id)?.references.filter((reference) => reference.identifier !== declarator.id) ?? [];
    const senders = reads.map((reference) => senderOf(reference.identifier));
    return reads.length > 0 && senders.every((sender) => sender !== undefined) ? senders : undefined;
  }

  /** `client.fetch(new Request(…))`, or a `const` Request nothing but the helper's fetch sends: the helper authorizes the Request it is handed. */
  function sentOnlyByHelperFetch(request: TSESTree.NewExpression): boolean {
    return sendersOf(request)?.every((sender) => sender.callee.type === AST_NODE_TYPES.MemberExpression && helperFetchSite(sender, sender.callee) !== undefined) ?? false;
  }

  /**
   * The one plain `fetch(request)` that sends a Request of the global class, handed to it at once
   * or through a `const` nothing else reads: where the helper's fetch can take over the sending,
   * and whose answer is the Request's answer. Otherwise why not: the helper's fetch knows only the
   * global Request (one from node-fetch or undici is another class), and a second argument to
   * fetch changes the Request it sends.
   */
  function fetchSendingRequest(request: TSESTree.NewExpression): { readonly sender: TSESTree.CallExpression } | { readonly not: RequestSendingRefusal } {
    if (requestClass(unwrap(request.callee)) !== 'global') return { not: 'module-class' };
    const senders = sendersOf(request);
    const [sender] = senders ?? [];
    const site = sender && senders?.length === 1 ? requestSite(sender) : undefined;
    if (!sender || !site || site.client.kind !== 'fetch' || site.member !== undefined || site.viaHelper) return { not: 'not-one-fetch' };
    return sender.arguments.length === 1 ? { sender } : { not: 'fetch-with-init' };
  }

  /** `client.fetch(…)` where `client` is the OAuth helper's: a fetch request that carries the token. */
  function helperFetchSite(node: TSESTree.CallExpression, callee: TSESTree.MemberExpression): RequestSite | undefined {
    if (memberName(callee) !== helperClientMembers.fetch || !isHelperClient(callee.object, 0)) return undefined;
    const signature = requestSignature('fetch');
    return signature ? buildSite(node, { ...plainClient('fetch'), helperAuthorized: true }, signature, undefined, true) : undefined;
  }

  /** The export an identifier names when it is imported or required from the helper module. */
  function helperImport(identifier: TSESTree.Identifier): string | undefined {
    const variable = variableOf(identifier);
    const source = variable ? bindingSource(variable) : undefined;
    return source?.module === helperModule && source.importName !== '*' ? source.importName : undefined;
  }

  /** An OAuth helper client: made by the helper's factories, or the user's ready client export. */
  function isHelperClient(input: Node, depth: number): boolean {
    const node = unwrap(input);
    if (depth > MAX_DEPTH) return false;
    if (node.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(node.callee);
      const name = callee.type === AST_NODE_TYPES.Identifier ? helperImport(callee) : undefined;
      return name === helperExports.createClient || name === helperExports.clientFromEnv || name === helperExports.optionalClientFromEnv;
    }
    if (node.type === AST_NODE_TYPES.Identifier) {
      const imported = helperImport(node);
      if (imported !== undefined) return imported === options.clientExport;
      const variable = variableOf(node);
      const value = variable ? singleValue(variable) : undefined;
      return value !== undefined && isHelperClient(value, depth + 1);
    }
    if (node.type === AST_NODE_TYPES.MemberExpression && unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) {
      const name = memberName(node);
      return name !== undefined && classFieldValues(node, name).some((value) => value !== node && isHelperClient(value, depth + 1));
    }
    return false;
  }

  /**
   * A type query is worth it only for arguments shaped like a request: a URL written as a string,
   * template or concatenation, an options object, or a variable named like a URL. `map.get(key)`
   * and `cache.set(k, v)` never reach the checker.
   */
  function looksLikeRequestArguments(call: TSESTree.CallExpression): boolean {
    const first = call.arguments[0];
    if (!first) return false;
    const value = unwrap(first);
    switch (value.type) {
      case AST_NODE_TYPES.Literal:
        return typeof value.value === 'string';
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.BinaryExpression:
      case AST_NODE_TYPES.ObjectExpression:
        return true;
      case AST_NODE_TYPES.Identifier:
        return URL_LIKE_NAME.test(value.name);
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(value);
        return name !== undefined && URL_LIKE_NAME.test(name);
      }
      default:
        return false;
    }
  }

  /**
   * The object of a member call may be an instance only types can see: an import, a parameter,
   * `this.x`, or one export of a local module read through its namespace (`http.client` of
   * `import * as http from './http'`; tsc's CommonJS output reads every import so: `http_1.client`).
   */
  function mayHideTypedInstance(object: Node): boolean {
    if (object.type === AST_NODE_TYPES.Identifier) return mayBeTypedInstance(object);
    if (object.type !== AST_NODE_TYPES.MemberExpression) return false;
    const holder = unwrap(object.object);
    if (holder.type === AST_NODE_TYPES.ThisExpression) return types() !== null;
    if (object.computed) return false;
    if (holder.type === AST_NODE_TYPES.Identifier && fromLocalModule(holder)) return true;
    // `deps.api`, `this.deps.api`, `this.http.axiosRef`: a property whose declared type only the checker reads.
    return types() !== null && (holder.type === AST_NODE_TYPES.Identifier || holder.type === AST_NODE_TYPES.MemberExpression);
  }

  /**
   * Only identifiers that may hide an instance are worth a type query: parameters, imports, and
   * what a `require` of a local module binds (`const { client } = require('./http')`: CommonJS
   * shares an instance between modules so as often as ESM does with an import). A binding from a
   * local module is worth a look without types too: the module that makes it says what it is.
   */
  function mayBeTypedInstance(identifier: TSESTree.Identifier): boolean {
    if (fromLocalModule(identifier)) return true;
    if (!types()) return false;
    const def = variableOf(identifier)?.defs[0];
    return def?.type === DefinitionType.Parameter || def?.type === DefinitionType.ImportBinding;
  }

  function fromLocalModule(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(identifier);
    return variable !== undefined && isLocalSpecifier(bindingSource(variable)?.module);
  }

  function buildSite(
    node: TSESTree.CallExpression | TSESTree.NewExpression,
    client: ClientRef,
    signature: RequestSignature,
    member?: string,
    viaHelper = false,
  ): RequestSite {
    const args = node.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? undefined : argument));
    let urlArgument = signature.url === undefined ? undefined : args[signature.url];
    let optionArguments: Expression[] = [];
    const first = args[0];
    const last = args.length > 1 ? args.at(-1) : undefined;
    const callbackArgument = httpClients[client.kind].callback !== undefined && !signature.createsInstance && last && isCallback(last) ? last : undefined;
    const leading = signature.optionsMayComeFirst && first ? leadingOptions(first, 0) : undefined;
    if (first && leading) {
      urlArgument = leading.parsedFrom;
      optionArguments = [first];
    } else if (signature.options !== undefined) {
      const rest = signature.restAreOptions ? args.slice(signature.options) : [args[signature.options]];
      // `https.get(url, (res) => …)`: a callback where the options may stand is no options object.
      optionArguments = rest.filter((argument): argument is Expression => argument !== undefined && argument !== callbackArgument && !isFunctionNode(unwrap(argument)));
    }
    const headersArgument = signature.headers === undefined ? undefined : args[signature.headers];
    const handlersArgument = signature.handlers === undefined ? undefined : args[signature.handlers];
    const baseUrlArgument = signature.baseUrl === undefined ? undefined : args[signature.baseUrl];
    const noBase = baseUrlArgument === undefined || (baseUrlArgument.type === AST_NODE_TYPES.Literal && baseUrlArgument.value === null) || (baseUrlArgument.type === AST_NODE_TYPES.Identifier && baseUrlArgument.name === 'undefined');
    return {
      node,
      client,
      signature,
      member,
      viaHelper,
      urlArgument,
      optionArguments,
      ...(headersArgument ? { headersArgument } : {}),
      ...(handlersArgument ? { handlersArgument } : {}),
      ...(noBase ? {} : { baseUrlArgument }),
      ...(callbackArgument ? { callbackArgument } : {}),
      createsInstance: signature.createsInstance === true,
    };
  }

  /**
   * Whether an argument where a client takes a callback or options is a function: one written
   * there, one declared under that name in the file (`function onStages`, a `const` arrow), or a
   * parameter nothing assigns that its function calls (`callback(error)`) or names as a callback
   * (`callback`, `cb`, `done`, `onResponse`). Anything else may be an options object.
   */
  function isCallback(argument: Node): boolean {
    const node = unwrap(argument);
    if (isFunctionNode(node)) return true;
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = variableOf(node);
    const def = variable?.defs.length === 1 ? variable.defs[0] : undefined;
    if (!variable || !def) return false;
    if (def.type === DefinitionType.FunctionName) return true;
    if (def.type === DefinitionType.Variable) return def.parent.kind === 'const' && def.node.init !== null && isFunctionNode(unwrap(def.node.init));
    if (def.type !== DefinitionType.Parameter) return false;
    if (variable.references.some((reference) => reference.isWrite())) return false;
    // `new Promise((resolve, reject) => https.request(url, resolve))`: the executor's parameters are functions.
    if (isPromiseExecutor(def.node)) return true;
    return CALLBACK_NAME.test(node.name) || variable.references.some(({ identifier }) => identifier.parent.type === AST_NODE_TYPES.CallExpression && identifier.parent.callee === identifier);
  }

  /**
   * Whether the first argument of a client that takes `(url, options)` or `(options)` is an
   * options object, and the URL the options were parsed from if so: node's
   * `https.request(url.parse(u))`, `Object.assign(url.parse(u), { headers })`, a variable holding
   * one of those, a `let` one of whose values is an object (`let opts = {…}; if (data) opts = { ...opts, data }`),
   * or a variable (a parameter too) the code writes `headers`/`method`/`path` into.
   */
  function leadingOptions(node: Expression, depth: number): { parsedFrom?: Expression } | undefined {
    const value = unwrap(node);
    if (depth > MAX_DEPTH) return undefined;
    if (value.type === AST_NODE_TYPES.ObjectExpression) return {};
    if (value.type === AST_NODE_TYPES.CallExpression) {
      const parsedFrom = urlParsedBy(value);
      if (parsedFrom) return { parsedFrom };
      if (!objectCopyOf(value.callee)) return undefined;
      const target = value.arguments[0];
      return (target && target.type !== AST_NODE_TYPES.SpreadElement ? leadingOptions(target, depth + 1) : undefined) ?? {};
    }
    if (value.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = variableOf(value);
    if (!variable) return undefined;
    const init = singleValue(variable);
    const fromInit = init ? leadingOptions(init, depth + 1) : undefined;
    if (fromInit) return fromInit;
    // Reassigned: a string URL is never replaced by an object, so one object among its values makes it options.
    // Which value a parse came from is not known here, so none is taken as the URL.
    if (!init && assignedValues(variable).some((assigned) => leadingOptions(assigned, depth + 1) !== undefined)) return {};
    // A string URL gets no `headers` written into it: only an options object does.
    return variable.references.some((reference) => writtenOptionKey(reference.identifier)) ? {} : undefined;
  }

  /** Every value a variable is given: its initializer and each plain `v = …` after it. */
  function assignedValues(variable: Variable): Expression[] {
    const values: Expression[] = [];
    const def = variable.defs[0];
    if (variable.defs.length === 1 && def?.node.type === AST_NODE_TYPES.VariableDeclarator && def.node.id.type === AST_NODE_TYPES.Identifier && def.node.init) values.push(def.node.init);
    for (const reference of variable.references) {
      const parent = reference.identifier.parent;
      if (!reference.init && reference.isWrite() && parent.type === AST_NODE_TYPES.AssignmentExpression && parent.operator === '=' && parent.left === reference.identifier) values.push(parent.right);
    }
    return values;
  }

  function writtenOptionKey(reference: Node): boolean {
    const member = reference.parent;
    if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== reference) return false;
    const name = memberName(member);
    return name !== undefined && OPTION_KEYS_WRITTEN.has(name) && member.parent.type === AST_NODE_TYPES.AssignmentExpression && member.parent.left === member;
  }

  /** `url.parse(u)` / `parse(u)` of node's `url` module: the URL `u` it was given. */
  function urlParsedBy(call: TSESTree.CallExpression): Expression | undefined {
    const callee = unwrap(call.callee);
    const [argument] = call.arguments;
    if (!argument || argument.type === AST_NODE_TYPES.SpreadElement) return undefined;
    let binding: TSESTree.Identifier | undefined;
    let importName = 'parse';
    if (callee.type === AST_NODE_TYPES.Identifier) binding = callee;
    else if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'parse' && unwrap(callee.object).type === AST_NODE_TYPES.Identifier) {
      binding = unwrap(callee.object) as TSESTree.Identifier;
      importName = '*';
    }
    const variable = binding ? variableOf(binding) : undefined;
    const source = variable ? bindingSource(variable) : undefined;
    if (!source || !NODE_URL_MODULES.has(source.module)) return undefined;
    const bound = source.importName === 'default' ? '*' : source.importName;
    return bound === importName ? argument : undefined;
  }

  /** A parsed URL as an object: the whole URL under one key, its parts read from it (see `urlPart`). */
  function parsedUrlEntries(parsed: TSESTree.CallExpression | TSESTree.NewExpression): EntryList {
    return { entries: [entry(PARSED_URL_KEY, parsed, parsed)], complete: true };
  }

  function isUrlConstructor(node: TSESTree.NewExpression): boolean {
    const callee = unwrap(node.callee);
    return callee.type === AST_NODE_TYPES.Identifier && callee.name === 'URL';
  }

  // ---------------------------------------------------------------- object values

  function entry(key: string | undefined, keyNode: Node, value: Expression | undefined, keyExpression?: Expression): Entry {
    return { key, keyExpression, keyNode, value, nested: [] };
  }

  function merge(lists: readonly EntryList[]): EntryList {
    if (lists.length === 1 && lists[0]) return lists[0];
    return { entries: lists.flatMap((list) => list.entries), complete: lists.every((list) => list.complete) };
  }

  /** Every key written into the object an expression evaluates to: literal keys, spreads, later writes. */
  function entriesOf(input: Node, depth: number): EntryList {
    const node = unwrap(input);
    const cached = entryCache.get(node);
    if (cached) return cached;
    if (depth > MAX_DEPTH || inProgress.has(node)) return UNKNOWN;
    inProgress.add(node);
    let result: EntryList;
    try {
      result = computeEntries(node, depth);
    } finally {
      inProgress.delete(node);
    }
    entryCache.set(node, result);
    return result;
  }

  function computeEntries(node: Node, depth: number): EntryList {
    switch (node.type) {
      case AST_NODE_TYPES.ObjectExpression: {
        const lists: EntryList[] = [];
        const own: Entry[] = [];
        for (const property of node.properties) {
          if (property.type === AST_NODE_TYPES.SpreadElement) {
            lists.push(entriesOf(property.argument, depth + 1));
          } else {
            const key = propertyKey(property);
            const value = property.value;
            own.push(
              entry(key, property.key, isExpression(value) ? value : undefined, key === undefined && property.computed ? property.key : undefined),
            );
          }
        }
        return merge([{ entries: own, complete: true }, ...lists]);
      }
      case AST_NODE_TYPES.ArrayExpression: {
        // `new Headers([['x-token', t]])`
        const own: Entry[] = [];
        for (const element of node.elements) {
          if (element?.type !== AST_NODE_TYPES.ArrayExpression) continue;
          const [name, value] = element.elements;
          if (!name || name.type === AST_NODE_TYPES.SpreadElement) continue;
          const key = stringValue(name, depth + 1);
          own.push(entry(key, name, value && value.type !== AST_NODE_TYPES.SpreadElement ? value : undefined, key === undefined ? name : undefined));
        }
        return { entries: own, complete: true };
      }
      case AST_NODE_TYPES.LogicalExpression:
        // `token && { 'x-token': token }` spreads the object or nothing; `a ?? {}` either side.
        return node.operator === '&&' ? entriesOf(node.right, depth + 1) : merge([entriesOf(node.left, depth + 1), entriesOf(node.right, depth + 1)]);
      case AST_NODE_TYPES.ConditionalExpression:
        return merge([entriesOf(node.consequent, depth + 1), entriesOf(node.alternate, depth + 1)]);
      case AST_NODE_TYPES.AwaitExpression:
        return entriesOf(node.argument, depth + 1);
      case AST_NODE_TYPES.Literal:
        return EMPTY;
      case AST_NODE_TYPES.NewExpression: {
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && HEADERS_CONSTRUCTORS.includes(callee.name)) {
          const init = node.arguments[0];
          const own = withLaterWrites(node, depth);
          return init ? merge([entriesOf(init, depth + 1), own]) : own;
        }
        if (isUrlConstructor(node)) return parsedUrlEntries(node);
        return UNKNOWN;
      }
      case AST_NODE_TYPES.CallExpression:
        return callEntries(node, depth);
      case AST_NODE_TYPES.Identifier:
        return identifierEntries(node, depth);
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(node);
        if (name === undefined) return UNKNOWN;
        if (unwrap(node.object).type === AST_NODE_TYPES.ThisExpression) {
          const values = classFieldValues(node, name);
          // `this.headers = { … }; if (token) this.headers['x-token'] = token;`: the object's later writes count too.
          const writes = fieldWrites(node, name, depth);
          if (values.length > 0) return merge([...values.map((value) => entriesOf(value, depth + 1)), writes]);
          // `get requestConfig() { return { headers: … } }`: what the getter returns.
          const getter = classMethod(node, 'get');
          if (getter) return merge(returnedExpressions(getter, visitorKeys).map((value) => entriesOf(value, depth + 1)));
          // A member nothing here sets (an injected property, a base class's): unknown, not known to be empty.
          return writes.entries.length > 0 ? { entries: writes.entries, complete: false } : UNKNOWN;
        }
        const parent = entriesOf(node.object, depth + 1);
        const lists = entriesAt(parent, name, depth + 1);
        return lists.entries.length === 0 && !parent.complete ? UNKNOWN : lists;
      }
      default:
        return UNKNOWN;
    }
  }

  function isExpression(node: Node): node is Expression {
    return (
      node.type !== AST_NODE_TYPES.PrivateIdentifier &&
      node.type !== AST_NODE_TYPES.ObjectPattern &&
      node.type !== AST_NODE_TYPES.ArrayPattern &&
      node.type !== AST_NODE_TYPES.AssignmentPattern &&
      node.type !== AST_NODE_TYPES.RestElement &&
      node.type !== AST_NODE_TYPES.TSEmptyBodyFunctionExpression
    );
  }

  /** The entries below key `name`: the values written there, and nested writes made elsewhere. */
  function entriesAt(list: EntryList, name: string, depth: number): EntryList {
    const lists: EntryList[] = [];
    for (const item of list.entries) {
      if (resolvedKey(item) !== name) continue;
      if (item.value) lists.push(entriesOf(item.value, depth + 1));
      if (item.nested.length > 0 || item.nestedIncomplete) lists.push({ entries: item.nested, complete: item.nestedIncomplete !== true });
    }
    return lists.length === 0 ? EMPTY : merge(lists);
  }

  function valuesOf(list: EntryList, name: string): Expression[] {
    return list.entries.filter((item) => resolvedKey(item) === name && item.value).map((item) => item.value as Expression);
  }

  /** `valuesOf`, each with what its parameters stand for where it came from a local function's returned object. */
  function boundValuesOf(list: EntryList, name: string): BoundValue[] {
    return list.entries.flatMap((item) => (resolvedKey(item) === name && item.value ? [{ node: item.value, env: item.env }] : []));
  }

  function callEntries(node: TSESTree.CallExpression, depth: number): EntryList {
    const callee = unwrap(node.callee);
    // `Object.assign({}, a, b)`, `Object.assign(headers, { … })`, lodash's `merge({}, defaults, { headers })`:
    // every argument's keys, whichever wins (a header in any of them may be sent).
    if (objectCopyOf(node.callee)) {
      return merge(node.arguments.map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? UNKNOWN : entriesOf(argument, depth + 1))));
    }
    // `url.parse(u)`: the parts of a URL (read from `u` itself), never headers or a method.
    if (urlParsedBy(node)) return parsedUrlEntries(node);
    // `structuredClone(x)`, `{ ...x }` written as a call.
    if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'structuredClone' && node.arguments[0]) {
      return entriesOf(node.arguments[0], depth + 1);
    }
    // `Object.fromEntries([['x-token', t], …])`: the record of its pairs, read as `new Headers([…])` reads them.
    const [pairs] = node.arguments;
    if (pairs && pairs.type !== AST_NODE_TYPES.SpreadElement && globalObjectMember(callee) === 'fromEntries') return entriesOf(pairs, depth + 1);
    const fn = localFunction(callee);
    if (!fn) return UNKNOWN;
    const returned = returnedExpressions(fn, visitorKeys);
    if (returned.length === 0) return EMPTY;
    const list = merge(returned.map((value) => entriesOf(value, depth + 1)));
    const env = bindArguments(fn, node, undefined);
    return env === undefined || env.size === 0 ? list : { ...list, entries: list.entries.map((item) => (item.env ? item : { ...item, env })) };
  }

  /**
   * The parameters of `fn` bound to the arguments of `call`, read under the caller's bindings
   * (kept too: a closure inside `fn` reads its outer function's parameters).
   */
  function bindArguments(fn: Node, call: TSESTree.CallExpression | TSESTree.NewExpression, env: ArgumentEnv | undefined): ArgumentEnv | undefined {
    if (!isFunctionNode(fn)) return env;
    const bindings = new Map<Variable, BoundValue>(env ?? []);
    fn.params.forEach((param, index) => {
      const target = param.type === AST_NODE_TYPES.AssignmentPattern ? param.left : param;
      if (target.type !== AST_NODE_TYPES.Identifier) return;
      const variable = variableOf(target);
      const argument = call.arguments[index];
      if (!variable) return;
      if (argument && argument.type !== AST_NODE_TYPES.SpreadElement) bindings.set(variable, { node: argument, env });
      else if (!argument && param.type === AST_NODE_TYPES.AssignmentPattern) bindings.set(variable, { node: param.right, env: bindings });
    });
    return bindings;
  }

  /** The function of `this.name` in the class the member expression is in: a method, or the getter `get name()`. */
  function classMethod(member: TSESTree.MemberExpression, kind: 'method' | 'get'): Node | undefined {
    const name = memberName(member);
    let classBody: Node | undefined = member.parent;
    while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
    if (name === undefined || classBody?.type !== AST_NODE_TYPES.ClassBody) return undefined;
    const method = classBody.body.find(
      (candidate): candidate is TSESTree.MethodDefinition =>
        candidate.type === AST_NODE_TYPES.MethodDefinition && candidate.kind === kind && classMemberKey(candidate) === name,
    );
    return method?.value;
  }

  /** The function a callee names, when it is declared in this file. */
  function localFunction(callee: Node, depth = 0): Node | undefined {
    if (callee.type === AST_NODE_TYPES.MemberExpression && unwrap(callee.object).type === AST_NODE_TYPES.ThisExpression) return classMethod(callee, 'method');
    // `(0, exports.keptnHeaders)(token)`: compiled CommonJS calls the module's own export so.
    const exported = callee.type === AST_NODE_TYPES.MemberExpression && depth === 0 && isGlobalCommonJsObject(callee) ? commonJsExportName(callee) : undefined;
    if (exported !== undefined && exported !== 'default') {
      const value = ownExportValue(programOf(callee), exported);
      if (value === undefined) return undefined;
      const fn = unwrap(value);
      return isFunctionNode(fn) ? fn : localFunction(fn, depth + 1);
    }
    if (callee.type !== AST_NODE_TYPES.Identifier) return undefined;
    const variable = variableOf(callee);
    const def = variable?.defs[0];
    if (!variable || !def) return undefined;
    if (def.type === DefinitionType.FunctionName) return def.node;
    const value = singleValue(variable);
    return value && isFunctionNode(unwrap(value)) ? unwrap(value) : undefined;
  }

  function identifierEntries(node: TSESTree.Identifier, depth: number): EntryList {
    const variable = variableOf(node);
    if (!variable || variable.defs.length === 0) return UNKNOWN;
    const def = variable.defs[0];
    const writes = variableWrites(variable, depth);
    if (def?.type === DefinitionType.Variable) {
      const init = def.node.id.type === AST_NODE_TYPES.Identifier ? def.node.init : undefined;
      return init ? merge([entriesOf(init, depth + 1), writes]) : { entries: writes.entries, complete: false };
    }
    if (def?.type === DefinitionType.Parameter && def.name.type === AST_NODE_TYPES.Identifier) {
      return merge([parameterEntries(def.node, def.name, depth), writes]);
    }
    return UNKNOWN;
  }

  /** A parameter's object value: the arguments at every call of its function in this file (C5 wrappers). */
  function parameterEntries(fn: Node, name: TSESTree.Identifier, depth: number): EntryList {
    const passed = passedFor(fn, name);
    if (!passed) return UNKNOWN;
    const defaults = passed.fallback ? [entriesOf(passed.fallback, depth + 1)] : [];
    if (!passed.calls) return { entries: defaults.flatMap((list) => list.entries), complete: false };
    const lists = passed.calls.map((argument) => {
      if (!argument) return EMPTY;
      return argument.type === AST_NODE_TYPES.SpreadElement ? UNKNOWN : entriesOf(argument, depth + 1);
    });
    return merge([...defaults, ...lists]);
  }

  /**
   * Whether an expression's value may come from a parameter of a function other modules call
   * (`deepmerge(defaults, callerOptions)`), directly or through the local variables it reads, their
   * initialisers and what is written into them. The entries of such a parameter are what this file's
   * calls pass; another module's may pass an `Authorization`, which a copy would send with the token.
   */
  function readsExportedParameter(root: Node): boolean {
    const seen = new Set<Variable>();
    const pending: Node[] = [root];
    const readsParameter = (identifier: TSESTree.Identifier): boolean => {
      const parent = identifier.parent;
      // `options.headers`, `{ headers: … }`: a name, not a read (`findVariable` would look it up by name all the same).
      if ((parent.type === AST_NODE_TYPES.MemberExpression && parent.property === identifier && !parent.computed) || (parent.type === AST_NODE_TYPES.Property && parent.key === identifier && !parent.computed && !parent.shorthand)) return false;
      const variable = variableOf(identifier);
      if (!variable || seen.has(variable)) return false;
      // Too much to follow: it may come from anywhere.
      if (seen.size > MAX_DEPTH * 4) return true;
      seen.add(variable);
      const def = variable.defs[0];
      if (def?.type === DefinitionType.Parameter) return isFunctionNode(def.node) && moduleExits.isExportedFunction(def.node);
      if (def?.type !== DefinitionType.Variable) return false;
      if (def.node.init) pending.push(def.node.init);
      for (const reference of variable.references) {
        const use = outermostTypeWrapper(reference.identifier);
        const parent = use.parent;
        // `v = value`, `v.headers = value`, `Object.assign(v, value)`, `merge(v, value)`: what is written into it.
        if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.left === use) pending.push(parent.right);
        else if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === use && parent.parent.type === AST_NODE_TYPES.AssignmentExpression && parent.parent.left === parent) pending.push(parent.parent.right);
        else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === use && objectCopyOf(parent.callee) !== undefined) pending.push(...parent.arguments.slice(1));
      }
      return false;
    };
    for (let node = pending.pop(); node; node = pending.pop()) {
      const found = { parameter: false };
      const visit = (current: Node): boolean => {
        if (current.type === AST_NODE_TYPES.Identifier && readsParameter(current)) found.parameter = true;
        // A function's body runs elsewhere; its parameters are its own.
        return !found.parameter && !isFunctionNode(current);
      };
      if (visit(node)) forEachDescendant(node, visitorKeys, visit);
      if (found.parameter) return true;
    }
    return false;
  }

  /**
   * What the calls of `fn` in this file pass for its parameter `name` (undefined where a call passes
   * nothing), with the parameter's default; `calls` undefined when not every call is known.
   * Undefined for a parameter `fn` does not have.
   */
  function passedFor(fn: Node, name: TSESTree.BindingName): { readonly calls: (TSESTree.CallExpressionArgument | undefined)[] | undefined; readonly fallback: Expression | undefined } | undefined {
    if (!isFunctionNode(fn)) return undefined;
    const index = parameterIndex(fn, name);
    const param = fn.params[index];
    if (!param) return undefined;
    const calls = callSites(fn) ?? constructions(fn);
    return { calls: calls?.map((call) => call.arguments[index]), fallback: param.type === AST_NODE_TYPES.AssignmentPattern ? param.right : undefined };
  }

  /** Where parameter `name` stands in `fn`'s list (a default value included), or -1. */
  function parameterIndex(fn: Node, name: TSESTree.BindingName): number {
    return isFunctionNode(fn) ? fn.params.findIndex((param) => param === name || (param.type === AST_NODE_TYPES.AssignmentPattern && param.left === name)) : -1;
  }

  /**
   * A constructor's calls: `new BaseClient(options)`, `super(options)` in the constructor of a
   * subclass declared here, and the `new`s of a subclass that inherits the constructor
   * (`class ProjectService extends KeptnService {}`), when the class is declared in this file and
   * its name is used for nothing else. Only this file's: an exported class gives undefined (see
   * `constructionsAcrossModules`). A base class that makes the instance from its caller's options
   * is a real integration shape.
   */
  function constructions(fn: Node): readonly (TSESTree.NewExpression | TSESTree.CallExpression)[] | undefined {
    const found = constructionsAcrossModules(fn, false);
    return found && found.foreign.length === 0 ? found.local : undefined;
  }

  /**
   * Every construction of the class `fn` is the constructor of, as `constructions` finds them in
   * this file, and with `acrossModules`, those other modules of the project make of it when it is
   * exported (`new KeptnService(…)`, and a subclass's there, `super(…)` or its own `new`s when it
   * inherits the constructor). Undefined when not all can be known: the class handed on as a
   * value, no project, `--library`.
   */
  function constructionsAcrossModules(fn: Node, acrossModules: boolean): Constructions | undefined {
    const method = fn.parent;
    if (method?.type !== AST_NODE_TYPES.MethodDefinition || method.kind !== 'constructor') return undefined;
    const declaration = method.parent.parent;
    if (declaration.type !== AST_NODE_TYPES.ClassDeclaration) return undefined;
    return classConstructions(declaration, acrossModules ? { modules: host.projectModules?.() } : undefined, 0);
  }

  /**
   * `across`: the project's modules, where other modules' constructions are looked for (undefined
   * in it: they cannot be known). The project is handed on to the analyses of other modules, which
   * have no file list of their own.
   */
  function classConstructions(declaration: TSESTree.ClassDeclaration, across: { readonly modules: ProjectModules | undefined } | undefined, depth: number): Constructions | undefined {
    // The class's own scope binds its name too, for its body's uses: the outer binding has the `new`s.
    const variable = outerVariable(declaration);
    if (!variable || depth > MAX_DEPTH) return undefined;
    const local: (TSESTree.NewExpression | TSESTree.CallExpression)[] = [];
    const foreign: ForeignCall[] = [];
    const add = (found: Constructions | undefined): boolean => {
      if (!found) return false;
      local.push(...found.local);
      foreign.push(...found.foreign);
      return true;
    };
    local.push(...staticSelfConstructions(declaration));
    for (const reference of classNameReferences(declaration, variable)) {
      // `private readonly api: KeptnApi` constructs nothing.
      if (reference.init || (reference.isTypeReference && !reference.isValueReference)) continue;
      const use = outermostTypeWrapper(reference.identifier);
      const parent = use.parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === use) local.push(parent);
      else if ((parent?.type === AST_NODE_TYPES.ClassDeclaration || parent?.type === AST_NODE_TYPES.ClassExpression) && parent.superClass === use) {
        if (!add(subclassConstructions(parent, across, depth))) return undefined;
      } else if (isStaticMemberRead(use, declaration)) {
        // Its static members' `new`s are read with the rest; a member read makes none.
      } else if (!across || !moduleExits.onlyExports(use)) return undefined;
      // `export { KeptnService }`, `exports.KeptnService = KeptnService`: read below, with the other modules' uses.
    }
    const names = moduleExits.exportedNames(variable);
    if (names.length === 0) return { local, foreign };
    const modules = across?.modules;
    const uses = modules ? names.map((name) => usesFromProject(modules, host.filePath, name)) : undefined;
    if (!modules || !uses?.every((found) => found !== undefined)) return undefined;
    for (const { parsed, node, file, throughReexport } of uses.flat()) {
      const parent = node.parent;
      const analysis = analysisOf(parsed);
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === node) foreign.push({ call: parent, analysis, file, throughReexport });
      else if ((parent?.type === AST_NODE_TYPES.ClassDeclaration || parent?.type === AST_NODE_TYPES.ClassExpression) && parent.superClass === node) {
        // Its constructions are read in its own module, and are another module's to this one.
        const found = analysis.subclassConstructions(parent, modules, depth + 1);
        if (!found) return undefined;
        foreign.push(...found.local.map((call) => ({ call, analysis, file, throughReexport })), ...found.foreign);
      } else return undefined;
    }
    return { local, foreign };
  }

  /**
   * Every class that extends `declaration` (see `Subclasses`): the readers of a protected field are
   * the bodies of these and of the class itself, when no class out of sight may extend one of them.
   */
  function subclassesOf(declaration: TSESTree.ClassDeclaration, depth = 0): Subclasses {
    const name = declaration.id?.name ?? 'default';
    const variable = outerVariable(declaration);
    if (!variable || depth > MAX_DEPTH) return { why: 'handed-on', name };
    const classes: (TSESTree.ClassDeclaration | TSESTree.ClassExpression)[] = [];
    for (const reference of classNameReferences(declaration, variable)) {
      if (reference.init || (reference.isTypeReference && !reference.isValueReference)) continue;
      const use = outermostTypeWrapper(reference.identifier);
      const parent = use.parent;
      // `typeof KeptnBase` in a type names the class; it makes nothing.
      if (parent?.type === AST_NODE_TYPES.TSTypeQuery || (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === use) || isStaticMemberRead(use, declaration)) continue;
      if ((parent?.type === AST_NODE_TYPES.ClassDeclaration || parent?.type === AST_NODE_TYPES.ClassExpression) && parent.superClass === use) {
        classes.push(parent);
        // A class expression's own subclasses extend whatever holds it: not followed.
        if (parent.type === AST_NODE_TYPES.ClassExpression) return { why: 'handed-on', name: parent.id?.name ?? name };
        const deeper = subclassesOf(parent, depth + 1);
        if (!('classes' in deeper)) return deeper;
        classes.push(...deeper.classes);
        continue;
      }
      if (moduleExits.exportedValueName(use) === undefined) return { why: 'handed-on', name };
    }
    const exported = moduleExits.exportedNames(variable);
    if (exported.length === 0) return { classes };
    const modules = host.projectModules?.();
    const uses = modules ? exported.map((exportName) => usesFromProject(modules, host.filePath, exportName)) : undefined;
    if (!uses?.every((found) => found !== undefined)) return { why: 'unsearched', name };
    for (const { node, file } of uses.flat()) {
      const parent = node.parent;
      if (parent?.type === AST_NODE_TYPES.NewExpression && parent.callee === node) continue;
      if ((parent?.type === AST_NODE_TYPES.ClassDeclaration || parent?.type === AST_NODE_TYPES.ClassExpression) && parent.superClass === node) return { why: 'elsewhere', name, file, line: node.loc.start.line };
      return { why: 'handed-on', name };
    }
    return { classes };
  }

  /** A subclass's constructions of its base: `super(…)` in its own constructor, or, when it inherits that one, its own. */
  function subclassConstructions(subclass: TSESTree.ClassDeclaration | TSESTree.ClassExpression, across: { readonly modules: ProjectModules | undefined } | undefined, depth: number): Constructions | undefined {
    const constructor = subclass.body.body.find((member): member is TSESTree.MethodDefinition => member.type === AST_NODE_TYPES.MethodDefinition && member.kind === 'constructor');
    // A class expression's `new`s are those of whatever holds it: not followed.
    if (!constructor) return subclass.type === AST_NODE_TYPES.ClassDeclaration ? classConstructions(subclass, across, depth + 1) : undefined;
    const local: TSESTree.CallExpression[] = [];
    forEachDescendant(constructor.value, visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression && node.callee.type === AST_NODE_TYPES.Super) local.push(node);
      return true;
    });
    return { local, foreign: [] };
  }

  /**
   * Every call of a named function in this file, or undefined when it escapes (passed around,
   * stored). An export is no escape: other modules' calls are read apart (`callsFromOtherModules`),
   * and compiled CommonJS's calls of its own export (`(0, exports.f)(…)`) are this file's.
   */
  function callSites(fn: Node): TSESTree.CallExpression[] | undefined {
    let identifier: TSESTree.Identifier | undefined;
    if (fn.type === AST_NODE_TYPES.FunctionDeclaration && fn.id) identifier = fn.id;
    else if (fn.parent?.type === AST_NODE_TYPES.VariableDeclarator && fn.parent.id.type === AST_NODE_TYPES.Identifier) {
      identifier = fn.parent.id;
    }
    const calls: TSESTree.CallExpression[] = [];
    const variable = identifier ? variableOf(identifier) : undefined;
    if (variable) {
      for (const reference of variable.references) {
        if (reference.init || (reference.isTypeReference && !reference.isValueReference) || reference.identifier.parent.type === AST_NODE_TYPES.TSTypeQuery) continue;
        const parent = reference.identifier.parent;
        if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === reference.identifier) calls.push(parent);
        else if (!moduleExits.onlyExports(reference.identifier)) return undefined;
      }
    } else if (moduleExits.exportedFunctionNames(fn).length === 0) return undefined;
    for (const name of moduleExits.exportedFunctionNames(fn)) {
      for (const read of ownExportReads(fn, name)) {
        const call = calleeCall(read);
        if (!call) return undefined;
        calls.push(call);
      }
    }
    return calls;
  }

  /**
   * Writes into a variable's object after its declaration: `v.k = x`, `v['k'] = x`, `v.set(k, x)`,
   * `Object.assign(v, …)`, `v = …`, and the same one level down (`v.headers['x-token'] = t`).
   */
  function variableWrites(variable: Variable, depth: number): EntryList {
    const cached = variableWritesCache.get(variable);
    if (cached) return cached;
    if (inProgress.has(variable)) return EMPTY;
    inProgress.add(variable);
    const lists: EntryList[] = [];
    try {
      for (const reference of variable.references) {
        if (reference.init) continue;
        if (reference.isWrite()) {
          const parent = reference.identifier.parent;
          if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === reference.identifier) {
            lists.push(entriesOf(parent.right, depth + 1));
          }
          continue;
        }
        const write = writeThrough(reference.identifier, depth);
        if (write) lists.push(write);
      }
    } finally {
      inProgress.delete(variable);
    }
    const result = lists.length === 0 ? EMPTY : merge(lists);
    variableWritesCache.set(variable, result);
    return result;
  }

  function withLaterWrites(node: Node, depth: number): EntryList {
    // `const headers = new Headers(); headers.set('x-token', t)`
    const parent = node.parent;
    if (parent?.type === AST_NODE_TYPES.VariableDeclarator && parent.init === node && parent.id.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(parent.id);
      if (variable) return variableWrites(variable, depth);
    }
    return EMPTY;
  }

  /** An entry a header setter call (`req.setHeader(k, v)`, `headers.set(k, v)`) writes, as opposed to a member assignment. */
  function setterEntry(written: Entry): Entry {
    setterEntries.add(written);
    return written;
  }

  /**
   * The object whose headers a loop hands to a setter one by one: `headers` of
   * `for (const [k, v] of Object.entries(headers))`, `Object.entries(headers).forEach(([k, v]) => …)`,
   * `for (const k in headers)` and `Object.keys(headers).forEach((k) => …)`, when `name` is the key.
   */
  function objectIteratedBy(name: Node): Node | undefined {
    if (name.type !== AST_NODE_TYPES.Identifier) return undefined;
    const declared = variableOf(name)?.defs[0]?.name;
    if (!declared) return undefined;
    const pattern = declared.parent.type === AST_NODE_TYPES.ArrayPattern && declared.parent.elements[0] === declared ? declared.parent : undefined;
    const bound: Node = pattern ?? declared;
    let iterated: Node | undefined;
    let forIn = false;
    const declarator = bound.parent;
    if (declarator.type === AST_NODE_TYPES.VariableDeclarator && declarator.id === bound) {
      const loop = declarator.parent.parent;
      if (loop.type === AST_NODE_TYPES.ForOfStatement && loop.left === declarator.parent) iterated = loop.right;
      else if (loop.type === AST_NODE_TYPES.ForInStatement && loop.left === declarator.parent) {
        iterated = loop.right;
        forIn = true;
      }
    } else if (isFunctionNode(declarator) && declarator.params[0] === bound) {
      const call = declarator.parent;
      const callee = call.type === AST_NODE_TYPES.CallExpression && call.arguments[0] === declarator ? unwrap(call.callee) : undefined;
      if (callee?.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'forEach') iterated = callee.object;
    }
    if (!iterated) return undefined;
    if (forIn) return pattern ? undefined : iterated;
    const listed = unwrap(iterated);
    if (listed.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const lister = unwrap(listed.callee);
    const [object] = listed.arguments;
    if (!object || object.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const method = globalObjectMember(lister);
    return (pattern ? method === 'entries' : method === 'keys') ? object : undefined;
  }

  /** `Object.assign`, `Object.entries`, …: the member of the global `Object` a callee names, if it names one. */
  function globalObjectMember(callee: Node): string | undefined {
    return callee.type === AST_NODE_TYPES.MemberExpression && isGlobalObject(unwrap(callee.object)) ? memberName(callee) : undefined;
  }

  function isGlobalObject(node: Node): boolean {
    return node.type === AST_NODE_TYPES.Identifier && node.name === 'Object' && isGlobal(node);
  }

  /** What a use of an object (`ref`) writes into it: a member assignment, a header setter call, `Object.assign`. */
  function writeThrough(ref: Node, depth: number): EntryList | undefined {
    const path: { name: string | undefined; node: Node; property: Node }[] = [];
    let current: Node = outermostTypeWrapper(ref);
    let parent = current.parent;
    while (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === current && path.length < 5) {
      path.push({ name: memberName(parent), node: parent, property: parent.property });
      current = parent;
      parent = current.parent;
      while (parent.type === AST_NODE_TYPES.TSNonNullExpression || parent.type === AST_NODE_TYPES.ChainExpression) {
        current = parent;
        parent = current.parent;
      }
    }
    if (!parent) return undefined;
    let leaf: EntryList | undefined;
    let consumed = path.length;
    if (parent.type === AST_NODE_TYPES.AssignmentExpression && parent.left === current && path.length > 0) {
      // `v.headers = {…}` or `v['x-token'] = t`: the last name is the key written.
      const last = path[path.length - 1];
      if (!last) return undefined;
      const key = last.name ?? (last.property.type !== AST_NODE_TYPES.PrivateIdentifier ? stringValue(last.property, depth + 1) : undefined);
      leaf = {
        entries: [entry(key, last.property, parent.right, key === undefined && isExpression(last.property) ? last.property : undefined)],
        complete: true,
      };
      consumed = path.length - 1;
    } else if (parent.type === AST_NODE_TYPES.CallExpression && parent.callee === current && path.length > 0) {
      const method = path[path.length - 1]?.name;
      const [name, value] = parent.arguments;
      if (method === undefined || !MUTATING_HEADER_METHODS.has(method) || !name || name.type === AST_NODE_TYPES.SpreadElement) {
        return undefined;
      }
      const copied = objectIteratedBy(name);
      if (copied) {
        // `for (const [k, v] of Object.entries(headers)) req.setHeader(k, v)`: every header of `headers` is set.
        // Of an object the analysis cannot read all of (the helper's `authorizationHeaders()`), the key stays unknown too.
        const source = entriesOf(copied, depth + 1);
        const unread = source.complete ? [] : [setterEntry(entry(undefined, name, value && value.type !== AST_NODE_TYPES.SpreadElement ? value : undefined, name))];
        leaf = { entries: [...source.entries.map((item) => setterEntry({ ...item })), ...unread], complete: true };
      } else {
        const key = stringValue(name, depth + 1);
        leaf = {
          entries: [setterEntry(entry(key, name, value && value.type !== AST_NODE_TYPES.SpreadElement ? value : undefined, key === undefined ? name : undefined))],
          complete: true,
        };
      }
      consumed = path.length - 1;
    } else if (
      parent.type === AST_NODE_TYPES.CallExpression &&
      parent.arguments[0] === current &&
      objectCopyOf(parent.callee)?.intoFirst === true
    ) {
      leaf = merge(parent.arguments.slice(1).map((argument) => (argument.type === AST_NODE_TYPES.SpreadElement ? UNKNOWN : entriesOf(argument, depth + 1))));
    } else if (parent.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === current && addsHelperAuthorization(parent)) {
      // `await client.addAuthorization(headers)`: the helper's Authorization, unless the caller's is there already.
      leaf = { entries: [setterEntry(entry(AUTHORIZATION_HEADER, parent.callee, parent))], complete: true };
    }
    if (!leaf) return undefined;
    // Wrap the leaf in the member names between the variable and the write: `v.headers.set(…)` is under `headers`.
    let result = leaf;
    for (let index = consumed - 1; index >= 0; index--) {
      const step = path[index];
      if (!step) return undefined;
      const below: Entry = { key: step.name, keyExpression: undefined, keyNode: step.property, value: undefined, nested: result.entries };
      result = { entries: [result.complete ? below : { ...below, nestedIncomplete: true }], complete: true };
    }
    return result;
  }

  /** `client.addAuthorization(…)` on an OAuth helper client, the optional one's included. */
  function addsHelperAuthorization(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === helperClientMembers.addAuthorization && isHelperClient(callee.object, 0);
  }

  /**
   * The object copy a call of `callee` makes: `Object.assign`, or one imported from lodash,
   * deepmerge and the like (`merge`, `_.merge`, compiled `lodash_1.default.merge`; core/object-copies.ts).
   */
  function objectCopyOf(callee: Node): ObjectCopy | undefined {
    const node = unwrap(callee);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(node);
      const source = variable ? bindingSource(variable) : undefined;
      return source ? importedObjectCopy(source.module, source.importName, undefined) : undefined;
    }
    if (node.type !== AST_NODE_TYPES.MemberExpression) return undefined;
    const member = memberName(node);
    let object = unwrap(node.object);
    if (isGlobalObject(object)) return member === 'assign' ? OBJECT_ASSIGN : undefined;
    // Compiled ES interop reads the default export as a member: `lodash_1.default.merge(…)`.
    if (object.type === AST_NODE_TYPES.MemberExpression && memberName(object) === 'default') object = unwrap(object.object);
    if (object.type !== AST_NODE_TYPES.Identifier || member === undefined) return undefined;
    const variable = variableOf(object);
    const source = variable ? bindingSource(variable) : undefined;
    return source ? importedObjectCopy(source.module, source.importName, member) : undefined;
  }

  function propertyKey(property: TSESTree.Property): string | undefined {
    const key = staticPropertyKey(property);
    if (key !== undefined || !property.computed) return key;
    return stringValue(property.key, 0);
  }

  /** The key of an entry, asking the type checker (or the module a constant is imported from) for a computed key only now that it matters. */
  function resolvedKey(item: Entry): string | undefined {
    if (item.key !== undefined || !item.keyExpression) return item.key;
    return typedString(item.keyExpression) ?? importedString(item.keyExpression);
  }

  // ---------------------------------------------------------------- strings and URLs

  /** A string value known statically: literals, templates, `+`, `const` variables, `const` object members. */
  function stringValue(input: Node, depth: number): string | undefined {
    const shape = shapeOf(input, depth, [], undefined);
    return shape.length === 1 && typeof shape[0] === 'string' ? shape[0] : shape.length === 0 ? '' : undefined;
  }

  /** The URL an expression builds, holes where it is only known at run time; names met on the way go to `names`. */
  function shapeOf(input: Node, depth: number, names: string[], env: ArgumentEnv | undefined): UrlShape {
    const node = unwrap(input);
    if (depth > MAX_DEPTH) return [HOLE];
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return typeof node.value === 'string' ? urlShape(node.value) : [HOLE];
      case AST_NODE_TYPES.TemplateLiteral: {
        const parts: (UrlPart | UrlShape)[] = [];
        node.quasis.forEach((quasi, index) => {
          parts.push(quasi.value.cooked ?? quasi.value.raw);
          const expression = node.expressions[index];
          if (expression) parts.push(shapeOf(expression, depth + 1, names, env));
        });
        return urlShape(...parts);
      }
      case AST_NODE_TYPES.BinaryExpression:
        if (node.operator !== '+') return [HOLE];
        // Operands of one expression are no step through a variable or call: `a + p + '/stage/' + s` is as deep as `a`.
        return urlShape(shapeOf(node.left, depth, names, env), shapeOf(node.right, depth, names, env));
      case AST_NODE_TYPES.LogicalExpression: {
        // `process.env.KEPTN_ENDPOINT ?? 'http://localhost:8080'`: the first side is what production uses.
        const left = shapeOf(node.left, depth + 1, names, env);
        shapeOf(node.right, depth + 1, names, env);
        return left;
      }
      case AST_NODE_TYPES.Identifier: {
        names.push(node.name);
        const variable = variableOf(node);
        const bound = variable ? env?.get(variable) : undefined;
        if (bound) return shapeOf(bound.node, depth + 1, names, bound.env);
        const value = variable ? singleValue(variable) : undefined;
        if (value) return shapeOf(value, depth + 1, names, env);
        const typed = typedString(node);
        return typed === undefined ? [HOLE] : urlShape(typed);
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(node);
        if (name === undefined) return [HOLE];
        names.push(name);
        const object = unwrap(node.object);
        if (object.type === AST_NODE_TYPES.ThisExpression) {
          const [value] = classFieldValues(node, name);
          // An identifier that is the field's own key stands for "set elsewhere"; one assigned (`this.baseUrl = keptnApiUrl`) is a value.
          const assigned = value && (value.type !== AST_NODE_TYPES.Identifier || value.parent.type === AST_NODE_TYPES.AssignmentExpression);
          return value && assigned ? shapeOf(value, depth + 1, names, env) : [HOLE];
        }
        if (isEnvObject(object)) return [HOLE];
        if (name === 'href' || name === 'origin') return shapeOf(object, depth + 1, names, env);
        const constant = object.type === AST_NODE_TYPES.Identifier ? staticConstant(object, name) : undefined;
        if (constant) return shapeOf(constant, depth + 1, names, env);
        const entries = entriesOf(object, depth + 1);
        const [value] = boundValuesOf(entries, name);
        if (value) return shapeOf(value.node, depth + 1, names, value.env);
        // `p.hostname`, `p.path` of `const p = url.parse(u)` or `new URL(u)`.
        const [parsed] = boundValuesOf(entries, PARSED_URL_KEY);
        const part = parsed ? urlPart(shapeOf(parsed.node, depth + 1, names, parsed.env), name) : undefined;
        if (part) return part;
        const typed = typedString(node);
        return typed === undefined ? [HOLE] : urlShape(typed);
      }
      case AST_NODE_TYPES.NewExpression: {
        const callee = unwrap(node.callee);
        if (callee.type !== AST_NODE_TYPES.Identifier || callee.name !== 'URL') return [HOLE];
        const [path, base] = node.arguments;
        if (!path || path.type === AST_NODE_TYPES.SpreadElement) return [HOLE];
        const pathShape = shapeOf(path, depth + 1, names, env);
        if (!base || base.type === AST_NODE_TYPES.SpreadElement) return pathShape;
        const baseShape = shapeOf(base, depth + 1, names, env);
        return resolveAgainst(pathShape, baseShape);
      }
      case AST_NODE_TYPES.CallExpression: {
        // `"".concat(base, "/v1/event")`: a template literal as compiled for ES5, read as the template.
        const joined = stringConcatParts(node);
        if (joined) return urlShape(...joined.map((part) => shapeOf(part, depth + 1, names, env)));
        const callee = unwrap(node.callee);
        if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === 'toString') {
          return shapeOf(callee.object, depth + 1, names, env);
        }
        // `process.env.KEPTN_ENDPOINT.replace(/\/+$/, '')`: the base without its trailing slash.
        const trimmed = endTrimmedReceiver(node);
        if (trimmed) return withoutTrailingSlashes(shapeOf(trimmed, depth + 1, names, env));
        const parsedFrom = urlParsedBy(node);
        if (parsedFrom) return shapeOf(parsedFrom, depth + 1, names, env);
        const setting = settingRead(node);
        if (setting !== undefined) {
          names.push(setting);
          return [HOLE];
        }
        const fn = localFunction(callee);
        const [returned] = fn ? returnedExpressions(fn, visitorKeys) : [];
        // `url('/v1/metadata')` with `const url = (path) => `${base}${path}``: the path is the argument.
        return fn && returned ? shapeOf(returned, depth + 1, names, bindArguments(fn, node, env)) : [HOLE];
      }
      default:
        return [HOLE];
    }
  }

  /**
   * `KeptnClient.TOKEN_HEADER` of `class KeptnClient { static readonly TOKEN_HEADER = 'x-token' }`
   * in this file: the value of a static `readonly` field of a class declared here.
   */
  function staticConstant(classRef: TSESTree.Identifier, name: string): Expression | undefined {
    const defs = variableOf(classRef)?.defs ?? [];
    const def = defs[0];
    // `enum KeptnHeader { Token = 'x-token' }`: a member's initializer, when the enum is declared once (merged ones may add members elsewhere).
    if (def?.type === DefinitionType.TSEnumName) {
      if (defs.length !== 1) return undefined;
      const member = def.node.body.members.find((candidate) => (candidate.id.type === AST_NODE_TYPES.Identifier ? candidate.id.name : candidate.id.value) === name);
      return member?.initializer;
    }
    if (def?.type !== DefinitionType.ClassName) return undefined;
    const body = def.node.body.body;
    const field = body.find((member): member is TSESTree.PropertyDefinition => member.type === AST_NODE_TYPES.PropertyDefinition && member.static && member.readonly && classMemberKey(member) === name);
    return field?.value ?? undefined;
  }

  function isEnvObject(node: Node): boolean {
    // `process.env`, `import.meta.env`
    return (
      node.type === AST_NODE_TYPES.MemberExpression &&
      memberName(node) === 'env' &&
      ((node.object.type === AST_NODE_TYPES.Identifier && node.object.name === 'process') ||
        node.object.type === AST_NODE_TYPES.MetaProperty)
    );
  }

  // ---------------------------------------------------------------- headers of a request

  /**
   * The headers a request sends. `inherited` adds what the instance adds to every request
   * (its create/extend defaults, interceptors, default header assignments); a rule that
   * reports each header once reports those where they are written, not at every call.
   */
  function requestHeaders(site: RequestSite, inherited: boolean): HeaderSet {
    const cache = inherited ? inheritedHeadersCache : ownHeadersCache;
    let headers = cache.get(site);
    if (!headers) {
      headers = computeRequestHeaders(site, inherited);
      cache.set(site, headers);
    }
    return headers;
  }

  function computeRequestHeaders(site: RequestSite, inherited: boolean): HeaderSet {
    const spec = httpClients[site.client.kind];
    const lists: EntryList[] = [];
    const defaults = inherited ? site.client.defaults : [];
    const optionSources = [...defaults, ...site.optionArguments];
    for (const argument of optionSources) {
      const options = entriesOf(argument, 0);
      const madeWith = site.createsInstance || defaults.includes(argument);
      lists.push(headerList(withHeaderGroups(spec, entriesAt(options, headersOptionOf(spec, madeWith), 0)), options));
      lists.push(hookHeaders(options));
    }
    if (site.headersArgument) lists.push(entriesOf(site.headersArgument, 0));
    lists.push(chainedHeaders(site.node, site.client.kind));
    if (inherited) {
      if (site.client.opaque) lists.push(UNKNOWN);
      for (const holder of site.client.holders) lists.push(holderHeaders(holder, site.client.kind));
    }
    const merged = merge(lists);
    const entries = flatten(merged.entries);
    return {
      entries,
      complete: merged.complete && entries.every((item) => item.name !== undefined),
    };
  }

  /** axios's `headers: { common: { … }, post: { … } }`: what the groups hold is sent as headers too. */
  function withHeaderGroups(spec: HttpClientSpec, headers: EntryList): EntryList {
    const groups = spec.headerGroups;
    // A group is written by its name (`common:`), never computed: its key alone says so, with no type asked for.
    const isGroup = (item: Entry): boolean => item.key !== undefined && groups !== undefined && groups.includes(item.key);
    if (!headers.entries.some(isGroup)) return headers;
    const lists: EntryList[] = [{ entries: headers.entries.filter((item) => !isGroup(item)), complete: headers.complete }];
    for (const group of headers.entries.filter(isGroup)) lists.push(entriesAt({ entries: [group], complete: true }, group.key ?? '', 0));
    return merge(lists);
  }

  function headerList(headers: EntryList, options: EntryList): EntryList {
    return options.complete ? headers : { entries: headers.entries, complete: false };
  }

  function flatten(entries: readonly Entry[]): HeaderEntry[] {
    const result: HeaderEntry[] = [];
    for (const item of entries) {
      // A nested write below a header key is not a header (`headers.common` is a group in axios defaults).
      if (item.nested.length > 0) {
        result.push(...flatten(item.nested));
        continue;
      }
      result.push({ name: resolvedKey(item), nameNode: item.keyNode, value: item.value });
    }
    return result;
  }

  /** got/ky `hooks: { beforeRequest: [fn] }`: headers the hook functions write. */
  function hookHeaders(options: EntryList): EntryList {
    const lists: EntryList[] = [];
    for (const hooks of valuesOf(options, 'hooks')) {
      for (const list of valuesOf(entriesOf(hooks, 0), 'beforeRequest')) {
        const array = unwrap(list);
        if (array.type !== AST_NODE_TYPES.ArrayExpression) continue;
        for (const element of array.elements) {
          if (element && element.type !== AST_NODE_TYPES.SpreadElement) lists.push(functionHeaderWrites(element));
        }
      }
    }
    return lists.length === 0 ? EMPTY : merge(lists);
  }

  /**
   * Headers a hook or interceptor function writes on the request it gets: `config.headers[k] = v`,
   * `config.headers.set(k, v)`, `request.headers.set(k, v)`, or returned `{ …config, headers: {…} }`.
   */
  function functionHeaderWrites(input: Node): EntryList {
    let fn = unwrap(input);
    if (fn.type === AST_NODE_TYPES.Identifier) fn = localFunction(fn) ?? fn;
    if (!isFunctionNode(fn)) return EMPTY;
    const lists: EntryList[] = [];
    const param = fn.params[0];
    if (param?.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(param);
      if (variable) {
        const writes = variableWrites(variable, 0);
        // got's hook gets the options themselves; axios and ky hand over something with `headers`.
        lists.push(entriesAt(writes, 'headers', 0));
      }
    }
    for (const returned of returnedExpressions(fn, visitorKeys)) {
      lists.push(entriesAt(entriesOf(returned, 0), 'headers', 0));
    }
    return lists.length === 0 ? EMPTY : { entries: merge(lists).entries, complete: true };
  }

  /** superagent `.set('x-token', t)` chained on the request, node `req.setHeader(…)` on its result. */
  function chainedHeaders(node: Node, kind: HttpClientKind): EntryList {
    const lists: EntryList[] = [];
    let current: Node = node;
    for (let steps = 0; steps < 20; steps++) {
      const member = current.parent;
      if (member?.type !== AST_NODE_TYPES.MemberExpression || member.object !== current) break;
      const call = member.parent;
      if (call.type !== AST_NODE_TYPES.CallExpression || call.callee !== member) break;
      const name = memberName(member);
      const [key, value] = call.arguments;
      if (name !== undefined && MUTATING_HEADER_METHODS.has(name) && key && key.type !== AST_NODE_TYPES.SpreadElement) {
        if (call.arguments.length === 1) lists.push(entriesOf(key, 0));
        else {
          const resolved = stringValue(key, 0);
          lists.push({
            entries: [entry(resolved, key, value && value.type !== AST_NODE_TYPES.SpreadElement ? value : undefined, resolved === undefined ? key : undefined)],
            complete: true,
          });
        }
      }
      current = call;
    }
    // `const req = http.request(…); req.setHeader('x-token', t)`: only header setter calls count here.
    const parent = current.parent;
    if (
      (kind === 'superagent' || kind === 'node-http') &&
      parent?.type === AST_NODE_TYPES.VariableDeclarator &&
      parent.init === current &&
      parent.id.type === AST_NODE_TYPES.Identifier
    ) {
      const variable = variableOf(parent.id);
      if (variable) {
        const writes = variableWrites(variable, 0);
        lists.push({
          entries: writes.entries.filter((item) => item.nested.length === 0 && setterEntries.has(item)),
          complete: true,
        });
      }
    }
    return lists.length === 0 ? EMPTY : merge(lists);
  }

  /**
   * What other uses of a variable holding a client add to every request: axios default headers
   * (`api.defaults.headers.common[k] = v`) and request interceptors.
   */
  function holderHeaders(holder: Holder, kind: HttpClientKind): EntryList {
    const lists: EntryList[] = [];
    for (const reference of holderReferenceNodes(holder)) {
      if (isHelperAttachment(reference)) lists.push(helperAuthorization(reference));
      const defaults = defaultHeadersWrite(reference);
      if (defaults) lists.push(defaults);
      const interceptor = interceptorOf(reference, kind);
      if (interceptor) lists.push(functionHeaderWrites(interceptor));
    }
    return lists.length === 0 ? EMPTY : merge(lists);
  }

  /** `oauth.attachToAxios(api)` as a statement of its own: every request of `api` carries the helper's token. */
  function isHelperAttachment(ref: Node): boolean {
    const call = ref.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.arguments[0] !== ref) return false;
    const callee = unwrap(call.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === helperClientMembers.attachToAxios;
  }

  /** For `<ref>.defaults.headers[.common][k] = v` and friends: the header written. */
  function defaultHeadersWrite(ref: Node): EntryList | undefined {
    const written = writeThrough(ref, 0);
    if (!written) return undefined;
    const picked: Entry[] = [];
    for (const path of AXIOS_DEFAULT_HEADER_PATHS) {
      let level: readonly Entry[] = written.entries;
      for (const name of path) level = level.filter((item) => item.key === name).flatMap((item) => item.nested.length > 0 ? item.nested : item.value ? entriesOf(item.value, 0).entries : []);
      picked.push(...level.filter((item) => !isDefaultsGroup(path, item.key)));
    }
    return picked.length === 0 ? undefined : { entries: picked, complete: true };
  }

  function isDefaultsGroup(path: readonly string[], key: string | undefined): boolean {
    // `defaults.headers.common` is a group, not a header, when read at the `defaults.headers` level.
    return path.length === 2 && AXIOS_DEFAULT_HEADER_PATHS.some((other) => other.length === 3 && other[2] === key);
  }

  /** `<ref>.interceptors.request.use(fn)`: the interceptor function. */
  function interceptorOf(ref: Node, kind: HttpClientKind): Node | undefined {
    const hook = REQUEST_HOOKS[kind];
    if (kind !== 'axios' || !hook) return undefined;
    let current: Node = ref;
    for (const name of hook) {
      const parent = current.parent;
      if (parent?.type !== AST_NODE_TYPES.MemberExpression || parent.object !== current || memberName(parent) !== name) return undefined;
      current = parent;
    }
    const call = current.parent;
    if (call?.type !== AST_NODE_TYPES.CallExpression || call.callee !== current) return undefined;
    const [fn] = call.arguments;
    return fn && fn.type !== AST_NODE_TYPES.SpreadElement ? fn : undefined;
  }

  // ---------------------------------------------------------------- target evidence

  /**
   * `byBase`: a generic Keptn path may borrow the grade of another request on the same base
   * (`keptnBaseOf`); false while grading that other request, which is graded on its own.
   */
  function assessTarget(site: RequestSite, extraNameSources: readonly Node[] = [], byBase = true): TargetAssessment {
    const names: string[] = [];
    const kindSpec = httpClients[site.client.kind];
    const optionLists = [...site.client.defaults, ...site.optionArguments].map((argument) => entriesOf(argument, 0));
    let url: UrlShape | undefined;
    if (site.urlArgument) url = shapeOf(site.urlArgument, 0, names, undefined);
    else {
      for (const list of optionLists) {
        const value = urlOptions(kindSpec).map((option) => boundValuesOf(list, option)[0]).find((found) => found !== undefined);
        if (value) url = shapeOf(value.node, 0, names, value.env);
      }
    }
    let base: UrlShape | undefined;
    let baseNames: string[] = [];
    const baseArgument = baseArgumentOf(site);
    if (baseArgument) base = shapeOf(baseArgument.node, 0, baseNames, undefined);
    for (const list of optionLists) {
      const value = baseUrlOptions(kindSpec).map((option) => boundValuesOf(list, option)[0]).find((found) => found !== undefined);
      if (!value) continue;
      // A later base overrides an earlier one, and so do the names it was built from.
      baseNames = [];
      base = shapeOf(value.node, 0, baseNames, value.env);
    }
    const foreignBase = site.client.foreignBase;
    if (!base && foreignBase?.urls.length === 1) {
      base = foreignBase.urls[0];
      baseNames = [...foreignBase.names];
    }
    names.push(...baseNames);
    if (base && kindSpec.baseIsHostName === true) base = urlShape('//', base);
    for (const source of extraNameSources) collectNames(source, names);
    const full = url && base && !isAbsolute(url) ? joinUrl(base, url) : (url ?? base);
    const method = requestMethod(site, optionLists);
    const analysis = full ? analyzeUrl(full, method) : undefined;
    const hints = names.map((name) => nameHint(name)).filter((hint): hint is NameHint => hint !== undefined);
    const keptnNames = [...new Set(names.filter((name) => nameHint(name)?.keptn))];
    // A host written out that is no Cloud Automation host (`http://localhost:${port}` of a
    // port-forward, a self-hosted Keptn, another API) says where the request goes: not there,
    // whatever its path or names look like.
    const written = full ? writtenHost(full) : undefined;
    const otherHost = written !== undefined && !isCloudAutomationHost(written.name);
    // An x-token the code read from a response's headers is the session token of the service
    // that sent the response, whatever the request looks like.
    // A Cloud Automation host written out outweighs what the headers suggest.
    const caHost = written !== undefined && !otherHost;
    let elsewhere = otherHost ? `its host ${written.shown} is written out and is no Cloud Automation host` : caHost ? undefined : (sessionTokenReason(extraNameSources) ?? sessionIssuerReason(site));
    const keptnEvent = otherHost ? undefined : keptnEventSent(site, optionLists);
    let confidence = otherHost ? 'unknown' : targetConfidence(analysis?.evidence, hints, keptnEvent !== undefined);
    let keptnBase = byBase && !otherHost && elsewhere === undefined && analysis?.evidence === 'generic-path' && !confidenceAtLeast(confidence, SURE_TARGET_CONFIDENCE) ? keptnBaseOf(site) : undefined;
    if (keptnBase) confidence = targetConfidence(analysis?.evidence, hints, keptnEvent !== undefined, true);
    // `env.KEPTN_ENDPOINT || 'http://localhost:8080/api'`: another value the URL may start with goes elsewhere.
    const alternative = otherHost || !confidenceAtLeast(confidence, SURE_TARGET_CONFIDENCE) ? undefined : otherLeadingHost(site, url);
    const alsoElsewhere = alternative === undefined ? undefined : `one URL it may use has the host ${alternative}, written out and no Cloud Automation host`;
    if (alsoElsewhere !== undefined) confidence = MIXED_HOST_CONFIDENCE;
    let callersElsewhere: string | undefined;
    let callersBase: CallersBase | undefined;
    let byCallers = false;
    if (elsewhere === undefined && alsoElsewhere === undefined && written === undefined) {
      // A wrapper's URL is what its callers pass: the route reader reads the request once per call.
      routeResolver ??= createRouteResolver(host, analysisApi(), valueFlow);
      const callers = routeResolver.callerEvidence(site, hints);
      const [firstAway] = callers.away;
      if (callers.allAway && firstAway) {
        elsewhere = describeCallersAway(callers.away, true);
        confidence = 'unknown';
      } else if (firstAway) callersElsewhere = describeCallersAway(callers.away, false);
      else if (callers.basesDiffer !== undefined) callersElsewhere = callers.basesDiffer;
      callersBase = callers.mixed;
      if (elsewhere === undefined && callers.target !== undefined && !confidenceAtLeast(confidence, SURE_TARGET_CONFIDENCE) && confidenceAtLeast(callers.target, confidence)) {
        byCallers = callers.target !== confidence;
        confidence = callers.target;
      }
      // `this.post('/v1/event', e)` of a wrapper whose URL starts as a Cloud Automation call's does.
      if (byBase && keptnBase === undefined && callers.onlyGenericKeptn === true && !confidenceAtLeast(confidence, SURE_TARGET_CONFIDENCE)) {
        keptnBase = keptnBaseOf(site);
        if (keptnBase) confidence = targetConfidence('generic-path', hints, false, true);
      }
    }
    return {
      confidence,
      url: analysis,
      urlText: full?.map((part) => (part === HOLE ? '*' : part)).join(''),
      host: written?.host,
      keptnNames,
      method,
      ...(keptnEvent === undefined ? {} : { keptnEvent }),
      ...(elsewhere === undefined ? {} : { elsewhere }),
      ...(alsoElsewhere === undefined ? {} : { alsoElsewhere }),
      ...(callersElsewhere === undefined ? {} : { callersElsewhere }),
      ...(callersBase === undefined ? {} : { callersBase }),
      ...(keptnBase === undefined ? {} : { keptnBase }),
      ...(byCallers ? { byCallers: true as const } : {}),
    };
  }

  /**
   * Another request of the file whose URL starts with the same value as this one's (`originKey`)
   * and that goes to Cloud Automation by its own evidence: the host both go to is a Cloud
   * Automation host. Graded once per request, without borrowing in turn.
   */
  function keptnBaseOf(site: RequestSite): TargetAssessment['keptnBase'] {
    const key = originKey(site);
    if (key === undefined) return undefined;
    for (const other of requestsOfProgram(site.node)) {
      if (other.node === site.node || originKey(other) !== key) continue;
      let own = ownTargetCache.get(other.node);
      if (!own) {
        own = assessTarget(other, [], false);
        ownTargetCache.set(other.node, own);
      }
      const away = own.elsewhere ?? own.alsoElsewhere ?? own.callersElsewhere;
      if (away === undefined && own.url && confidenceAtLeast(own.confidence, SURE_TARGET_CONFIDENCE)) return { line: other.node.loc.start.line, displayPath: own.url.displayPath };
    }
    return undefined;
  }

  /** Every request the file makes, found once. */
  function requestsOfProgram(node: Node): readonly RequestSite[] {
    const program = programOf(node);
    let sites = programRequestsCache.get(program);
    if (!sites) {
      const found: RequestSite[] = [];
      forEachDescendant(program, visitorKeys, (child) => {
        if (child.type === AST_NODE_TYPES.CallExpression || child.type === AST_NODE_TYPES.NewExpression) {
          const request = requestSite(child);
          if (request && !request.createsInstance) found.push(request);
        }
        return true;
      });
      sites = found;
      programRequestsCache.set(program, sites);
    }
    return sites;
  }

  /**
   * What a request's URL starts with, as a key two requests share only when their URLs start with
   * the same value: one `process.env` variable, one variable never reassigned (followed to its
   * value), one class field, a member of either; the base option or argument where the URL is a
   * path. Undefined for a URL that writes out its host (graded by it) or starts otherwise.
   */
  function originKey(site: RequestSite): string | undefined {
    const cached = originKeyCache.get(site.node);
    if (cached !== undefined) return cached ?? undefined;
    const kindSpec = httpClients[site.client.kind];
    const optionLists = [...site.client.defaults, ...site.optionArguments].map((argument) => entriesOf(argument, 0));
    let urlValue: Node | undefined = site.urlArgument;
    for (const list of urlValue ? [] : optionLists) urlValue = urlOptions(kindSpec).map((option) => boundValuesOf(list, option)[0]?.node).find((found) => found !== undefined) ?? urlValue;
    let key = urlValue ? leadingValueKey(urlValue, 0) : undefined;
    // A URL written as a path (`/v1/event`), which the base completes.
    const shape = key === undefined && urlValue ? shapeOf(urlValue, 0, [], undefined) : undefined;
    if (key === undefined && (!shape || (typeof shape[0] === 'string' && !isAbsolute(shape)))) {
      let baseValue: Node | undefined = baseArgumentOf(site)?.node;
      for (const list of optionLists) baseValue = baseUrlOptions(kindSpec).map((option) => boundValuesOf(list, option)[0]?.node).find((found) => found !== undefined) ?? baseValue;
      key = baseValue ? leadingValueKey(baseValue, 0) : undefined;
    }
    originKeyCache.set(site.node, key ?? null);
    return key;
  }

  /** `originKey` of an expression a URL starts with. */
  function leadingValueKey(input: Node, depth: number): string | undefined {
    const node = unwrap(input);
    if (depth > MAX_DEPTH) return undefined;
    switch (node.type) {
      case AST_NODE_TYPES.TemplateLiteral:
      case AST_NODE_TYPES.BinaryExpression: {
        const lead = leadingOperand(node);
        return lead ? leadingValueKey(lead, depth + 1) : undefined;
      }
      case AST_NODE_TYPES.NewExpression: {
        // `new URL('/api/v1/event', base)`
        const [, base] = node.arguments;
        return node.callee.type === AST_NODE_TYPES.Identifier && node.callee.name === 'URL' && base && base.type !== AST_NODE_TYPES.SpreadElement ? leadingValueKey(base, depth + 1) : undefined;
      }
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(node);
        const declared = variable?.defs[0]?.name;
        if (!variable || !declared) return undefined;
        const value = singleValue(variable);
        const followed = value ? leadingValueKey(value, depth + 1) : undefined;
        if (followed !== undefined) return followed;
        return variable.references.some((reference) => reference.isWrite() && !reference.init) ? undefined : `variable@${declared.range[0]}`;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(node);
        if (name === undefined) return undefined;
        const object = unwrap(node.object);
        if (isEnvObject(object)) return `env:${name}`;
        if (object.type === AST_NODE_TYPES.ThisExpression) {
          let classBody: Node | undefined = node.parent;
          while (classBody && classBody.type !== AST_NODE_TYPES.ClassBody) classBody = classBody.parent;
          return classBody ? `field@${classBody.range[0]}:${name}` : undefined;
        }
        const inner = leadingValueKey(object, depth + 1);
        return inner === undefined ? undefined : `${inner}.${name}`;
      }
      case AST_NODE_TYPES.CallExpression: {
        const trimmed = endTrimmedReceiver(node);
        return trimmed ? leadingValueKey(trimmed, depth + 1) : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * The type of the Keptn CloudEvent a request sends as its body (`axios.post(url, { type:
   * 'sh.keptn.event.evaluation.triggered', … })`, `body: JSON.stringify(event)`, `json: event`), as written.
   */
  function keptnEventSent(site: RequestSite, optionLists: readonly EntryList[]): string | undefined {
    const spec = httpClients[site.client.kind];
    const bodies: Node[] = optionLists.flatMap((list) => (spec.bodyOptions ?? []).flatMap((option) => valuesOf(list, option)));
    const call = site.node;
    const dataArgument = site.signature.data !== undefined && (call.type === AST_NODE_TYPES.CallExpression || call.type === AST_NODE_TYPES.NewExpression) ? call.arguments[site.signature.data] : undefined;
    if (dataArgument && dataArgument.type !== AST_NODE_TYPES.SpreadElement) bodies.push(dataArgument);
    for (const body of bodies) {
      let value = unwrap(body);
      // `JSON.stringify(event)`: the event itself.
      if (value.type === AST_NODE_TYPES.CallExpression && isJsonStringify(unwrap(value.callee), (node) => host.getScope(node)) && value.arguments[0] && value.arguments[0].type !== AST_NODE_TYPES.SpreadElement) {
        value = value.arguments[0];
      }
      for (const type of valuesOf(entriesOf(value, 0), CLOUD_EVENT_TYPE_FIELD)) {
        const written = unwrap(type);
        // `'sh.keptn.event.' + stage + '.delivery.triggered'`: the text the concatenation starts with.
        let lead: Node = written;
        while (lead.type === AST_NODE_TYPES.BinaryExpression && lead.operator === '+') lead = unwrap(lead.left);
        const head = lead === written ? undefined : stringValue(lead, 0);
        const text = stringValue(written, 0) ?? (written.type === AST_NODE_TYPES.TemplateLiteral ? `${written.quasis[0]?.value.cooked ?? ''}…` : head === undefined ? undefined : `${head}…`);
        if (text?.startsWith(KEPTN_EVENT_TYPE_PREFIX) === true) return text;
      }
    }
    return undefined;
  }

  /**
   * A host, as written, that is no Cloud Automation host, among the values a request's URL may
   * start with where the code offers several: both sides of `||`/`??`, both branches of a
   * condition, through variables, object members and a wrapper's parameters. Its URL, or the base
   * (`baseURL`, a base argument) where its URL is relative or left open.
   */
  function otherLeadingHost(site: RequestSite, url: UrlShape | undefined): string | undefined {
    const kindSpec = httpClients[site.client.kind];
    const starts: BoundValue[] = [];
    if (site.urlArgument) starts.push({ node: site.urlArgument, env: undefined });
    const optionLists = [...site.client.defaults, ...site.optionArguments].map((argument) => entriesOf(argument, 0));
    for (const list of optionLists) starts.push(...urlOptions(kindSpec).flatMap((option) => boundValuesOf(list, option)));
    if (!url || !isAbsolute(url)) {
      const baseArgument = baseArgumentOf(site);
      if (baseArgument) starts.push({ node: baseArgument.node, env: undefined });
      for (const list of optionLists) starts.push(...baseUrlOptions(kindSpec).flatMap((option) => boundValuesOf(list, option)));
    }
    for (const start of starts) {
      const found = leadingHosts(start.node, start.env, 0).find((shown) => shown !== undefined && !isCloudAutomationHost(shown.name));
      if (found) return found.shown;
    }
    if (!url || !isAbsolute(url)) {
      const foreign = site.client.foreignBase?.urls.map((shape) => writtenHost(shape)).find((shown) => shown !== undefined && !isCloudAutomationHost(shown.name));
      if (foreign) return foreign.shown;
    }
    return undefined;
  }

  /** The hosts the values an expression may take start with, as `writtenHost` reads them (`undefined` for none). */
  function leadingHosts(input: Node, env: ArgumentEnv | undefined, depth: number): (ReturnType<typeof writtenHost>)[] {
    const node = unwrap(input);
    if (depth > MAX_DEPTH) return [];
    switch (node.type) {
      case AST_NODE_TYPES.TemplateLiteral: {
        // `${base}/v1/event`: the URL starts with what `base` may be.
        const lead = leadingOperand(node);
        return lead ? leadingHosts(lead, env, depth + 1) : [writtenHost(shapeOf(node, depth, [], env))];
      }
      case AST_NODE_TYPES.Literal:
        return [writtenHost(shapeOf(node, depth, [], env))];
      case AST_NODE_TYPES.BinaryExpression:
        return node.operator === '+' ? leadingHosts(node.left, env, depth) : [];
      case AST_NODE_TYPES.LogicalExpression:
        // `token && url` gives `url` or a value no request is sent to.
        return node.operator === '&&' ? leadingHosts(node.right, env, depth + 1) : [...leadingHosts(node.left, env, depth + 1), ...leadingHosts(node.right, env, depth + 1)];
      case AST_NODE_TYPES.ConditionalExpression:
        return [...leadingHosts(node.consequent, env, depth + 1), ...leadingHosts(node.alternate, env, depth + 1)];
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(node);
        const bound = variable ? env?.get(variable) : undefined;
        if (bound) return bound.read ? bound.read.urls.map((shape) => writtenHost(shape)) : leadingHosts(bound.node, bound.env, depth + 1);
        const value = variable ? singleValue(variable) : undefined;
        return value ? leadingHosts(value, env, depth + 1) : [];
      }
      case AST_NODE_TYPES.MemberExpression: {
        const name = memberName(node);
        const object = unwrap(node.object);
        if (name === undefined || isEnvObject(object)) return [];
        if (object.type === AST_NODE_TYPES.ThisExpression) {
          const assigned = classFieldValues(node, name).filter((value) => value.type !== AST_NODE_TYPES.Identifier || value.parent.type === AST_NODE_TYPES.AssignmentExpression);
          return assigned.flatMap((value) => leadingHosts(value, env, depth + 1));
        }
        return boundValuesOf(entriesOf(object, depth + 1), name).flatMap((value) => leadingHosts(value.node, value.env, depth + 1));
      }
      case AST_NODE_TYPES.CallExpression: {
        const trimmed = endTrimmedReceiver(node);
        return trimmed ? leadingHosts(trimmed, env, depth + 1) : [];
      }
      default:
        return [];
    }
  }

  /** Why a header value is a session token of another service: it is read from a response header on line N. */
  function sessionTokenReason(values: readonly Node[]): string | undefined {
    for (const value of values) {
      const read = responseHeaderRead(value, 0);
      if (read) return `the token is read from a response header on line ${read.loc.start.line}: a session token of the service that sent it, not a Cloud Automation API token`;
    }
    return undefined;
  }

  /**
   * The read of an `x-token` response header a value comes from, following `const`s:
   * `res.headers['x-token']` (node http, axios, got), `res.headers.get('X-Token')` (fetch), where
   * `res` is a response of a request this file makes (see `isResponse`). Syntax only.
   */
  function responseHeaderRead(node: Node, depth: number): Node | undefined {
    // `res.headers['x-token']`, `res.headers.get('x-token')`
    return followedHeaderRead(node, depth, {
      accept: (read) => {
        const found = xTokenHeaderRead(read);
        return found !== undefined && isResponseHeaders(found.headers);
      },
    });
  }

  /**
   * The read of the x-token of a request this code answers, that a value comes from, following
   * `const`s: `req.headers['x-token']` (Node, Express, a Lambda `event`), `request.headers.get('x-token')`
   * (a fetch `Request`), `req.header('x-token')` and `req.get('x-token')` (Express; Koa's `ctx.get`).
   * Sent on, it is the caller's credential, not this service's. A response's headers are
   * `responseHeaderRead`'s; any other object's `.headers` counts as a request's (to mark too much
   * is safe here, to miss one is not).
   */
  function forwardedHeaderRead(node: Node, depth: number, writtenInto: Node | undefined): Node | undefined {
    // `config.headers['x-token'] = config.headers['x-token'] ?? token` in an interceptor reads the request being sent, not one answered.
    const writtenRoot = writtenInto ? rootVariable(writtenInto) : undefined;
    // The caller's credential, whichever header brought it: `'x-token': req.headers.authorization` forwards it too.
    const isCredential = (name: string): boolean => isXTokenHeader(name) || isAuthorizationHeader(name);
    const accept = (read: TSESTree.MemberExpression | TSESTree.CallExpression): boolean => {
      const found = xTokenHeaderRead(read, isCredential);
      if (found && writtenRoot !== undefined && rootVariable(found.headers) === writtenRoot) return false;
      if (found) {
        const { headers } = found;
        if (headers.type === AST_NODE_TYPES.MemberExpression && memberName(headers) === RESPONSE_HEADERS_PROPERTY) return !isResponseHeaders(headers);
        // `req.get('x-token')` on a handler's parameter: `config.get('x-token')` of some store is no header read.
        return read.type === AST_NODE_TYPES.CallExpression && headers.type === AST_NODE_TYPES.Identifier && variableOf(headers)?.defs[0]?.type === DefinitionType.Parameter;
      }
      if (read.type !== AST_NODE_TYPES.CallExpression) return false;
      const callee = unwrap(read.callee);
      const [key] = read.arguments;
      return callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === INCOMING_HEADER_GETTER && key !== undefined && key.type !== AST_NODE_TYPES.SpreadElement && isCredential(stringValue(key, 0) ?? '');
    };
    // A gateway's route handlers often live in another module than its Keptn client: `keptnGet(p, req.headers['x-token'])`.
    const inCaller = (analysis: RequestAnalysis, argument: Node): ReadAt | undefined => (depth < MAX_DEPTH ? analysis.forwardedTokenRead(argument, depth + 1) : undefined);
    return followedHeaderRead(node, depth, { accept, inCaller });
  }

  /**
   * A header read passed for parameter `name` of `fn`: by a call of the function (or constructor) in
   * this file, a call of the method (`this.get(path, req.headers['x-token'])`, `gateway.get(…)` on an
   * instance made here), or, where `reader.inCaller` asks, a call in another module of an exported function.
   */
  function parameterHeaderRead(fn: Node, name: TSESTree.BindingName, depth: number, reader: HeaderReader): Node | undefined {
    const passed = passedFor(fn, name);
    const index = parameterIndex(fn, name);
    const local = passed?.calls ?? methodCalls(fn).map((call) => call.arguments[index]);
    for (const argument of local) {
      const read = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? followedHeaderRead(argument, depth + 1, reader) : undefined;
      if (read) return read;
    }
    if (!reader.inCaller || index < 0) return undefined;
    for (const foreign of [...(callsFromOtherModules(fn) ?? []), ...methodCallsFromOtherModules(fn)]) {
      const argument = foreign.call.arguments[index];
      const found = argument && argument.type !== AST_NODE_TYPES.SpreadElement ? reader.inCaller(foreign.analysis, argument) : undefined;
      if (found) {
        foreignReads.set(found.node, found.file);
        return found.node;
      }
    }
    return undefined;
  }

  /**
   * The calls of a class's method in this file: `this.<name>(…)` in the class's own body, and
   * `<v>.<name>(…)` on a variable set once to `new <Class>(…)`.
   */
  function methodCalls(fn: Node): TSESTree.CallExpression[] {
    // Asked for every header value read from a method's parameter (each request's target asks): one walk of the file a method.
    let calls = methodCallsCache.get(fn);
    if (!calls) {
      calls = findMethodCalls(fn);
      methodCallsCache.set(fn, calls);
    }
    return calls;
  }

  function findMethodCalls(fn: Node): TSESTree.CallExpression[] {
    const method = methodDefinition(fn);
    if (!method) return [];
    const body = method.definition.parent;
    const owner = body.parent;
    return callsOfMethod(programOf(fn), method.name, (object, call) =>
      object.type === AST_NODE_TYPES.ThisExpression
        ? methodClassBody(thisBinder(call)) === body
        : madeBy(object, (callee) => callee.type === AST_NODE_TYPES.Identifier && variableOf(callee)?.defs[0]?.node === owner),
    );
  }

  /** The definition of a class's (non-static) method `fn`, and its name. */
  function methodDefinition(fn: Node): { readonly definition: TSESTree.MethodDefinition; readonly name: string } | undefined {
    const definition = fn.parent;
    if (definition?.type !== AST_NODE_TYPES.MethodDefinition || definition.kind !== 'method' || definition.static) return undefined;
    const name = classMemberKey(definition);
    return name === undefined ? undefined : { definition, name };
  }

  /** `<object>.<name>(…)` calls in `root` (this file's program) whose object `isOwner` accepts. */
  function callsOfMethod(root: Node, name: string, isOwner: (object: Node, call: TSESTree.CallExpression) => boolean): TSESTree.CallExpression[] {
    const calls: TSESTree.CallExpression[] = [];
    forEachDescendant(root, visitorKeys, (node) => {
      if (node.type !== AST_NODE_TYPES.CallExpression) return true;
      const callee = unwrap(node.callee);
      if (callee.type === AST_NODE_TYPES.MemberExpression && memberName(callee) === name && isOwner(unwrap(callee.object), node)) calls.push(node);
      return true;
    });
    // In the order they are written, so a report names the first.
    return calls.sort((a, b) => a.range[0] - b.range[0]);
  }

  /** `object` is a variable set once to `new C(…)` with a `C` that `isClass` accepts. */
  function madeBy(object: Node, isClass: (callee: Node) => boolean): boolean {
    const variable = object.type === AST_NODE_TYPES.Identifier ? variableOf(object) : undefined;
    const value = variable ? singleValue(variable) : undefined;
    const made = value ? unwrap(value) : undefined;
    return made?.type === AST_NODE_TYPES.NewExpression && isClass(unwrap(made.callee));
  }

  /**
   * The calls another module makes of method `fn` of a class this module exports, on instances it
   * makes of it (`const client = new KeptnClient(); client.get(path, token)`), each with that module's analysis.
   */
  function methodCallsFromOtherModules(fn: Node): { readonly call: TSESTree.CallExpression; readonly analysis: RequestAnalysis }[] {
    const method = methodDefinition(fn);
    const declaration = method?.definition.parent.parent;
    if (!method || declaration?.type !== AST_NODE_TYPES.ClassDeclaration) return [];
    const found: { readonly call: TSESTree.CallExpression; readonly analysis: RequestAnalysis }[] = [];
    const exportName =
      declaration.parent.type === AST_NODE_TYPES.ExportDefaultDeclaration ? 'default' : declaration.parent.type === AST_NODE_TYPES.ExportNamedDeclaration ? declaration.id?.name : undefined;
    if (exportName !== undefined) {
      for (const use of usesFromOtherModules(exportName) ?? []) found.push(...use.analysis.instanceMethodCalls(use.node, method.name).map((call) => ({ call, analysis: use.analysis })));
    }
    // An instance this module makes and exports (`export default new KeptnClient(…)`): other modules call the method on it.
    // Looked up outside the class: inside, its name is a binding of the class's own scope, read only there.
    const classVariable = declaration.id ? outerClassVariable(declaration.id) : undefined;
    for (const reference of classVariable?.references ?? []) {
      const made = reference.identifier.parent;
      if (made.type !== AST_NODE_TYPES.NewExpression || made.callee !== reference.identifier) continue;
      const instanceName = moduleExits.exportedValueName(made);
      if (instanceName === undefined) continue;
      for (const use of usesFromOtherModules(instanceName) ?? []) {
        const member = outermostTypeWrapper(use.node).parent;
        const call = member?.parent;
        if (member?.type === AST_NODE_TYPES.MemberExpression && member.object === outermostTypeWrapper(use.node) && memberName(member) === method.name && call?.type === AST_NODE_TYPES.CallExpression && call.callee === member) {
          found.push({ call, analysis: use.analysis });
        }
      }
    }
    return found;
  }

  /** The variable a member chain starts from: `config` of `config.headers`. */
  function rootVariable(node: Node): Variable | undefined {
    let current = unwrap(node);
    while (current.type === AST_NODE_TYPES.MemberExpression) current = unwrap(current.object);
    return current.type === AST_NODE_TYPES.Identifier ? variableOf(current) : undefined;
  }

  /** A header read a value comes from, through `const`s, `??`/`||` fallbacks and a template of it alone. */
  function followedHeaderRead(node: Node, depth: number, reader: HeaderReader): Node | undefined {
    if (depth > 4) return undefined;
    const value = unwrap(node);
    switch (value.type) {
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(value);
        const def = variable?.defs[0];
        // `function keptnGet(path, token)` called as `keptnGet(p, req.headers['x-token'])`: what any call passes.
        if (def?.type === DefinitionType.Parameter) return parameterHeaderRead(def.node, def.name, depth, reader);
        const init = variable ? singleValue(variable) : undefined;
        return init ? followedHeaderRead(init, depth + 1, reader) : undefined;
      }
      case AST_NODE_TYPES.LogicalExpression:
        // `res.headers['x-token'] ?? ''`
        return followedHeaderRead(value.left, depth + 1, reader);
      case AST_NODE_TYPES.TSAsExpression:
      case AST_NODE_TYPES.TSNonNullExpression:
        return followedHeaderRead(value.expression, depth + 1, reader);
      case AST_NODE_TYPES.TemplateLiteral:
        // `${res.headers['x-token']}`
        return value.expressions.length === 1 && value.quasis.every((quasi) => quasi.value.cooked === '') && value.expressions[0] ? followedHeaderRead(value.expressions[0], depth + 1, reader) : undefined;
      case AST_NODE_TYPES.CallExpression: {
        // `String(req.headers['x-token'])`: the same token, as a string.
        const [argument] = value.arguments;
        const callee = unwrap(value.callee);
        if (callee.type === AST_NODE_TYPES.Identifier && callee.name === 'String' && isGlobal(callee) && value.arguments.length === 1 && argument && argument.type !== AST_NODE_TYPES.SpreadElement) {
          return followedHeaderRead(argument, depth + 1, reader);
        }
        // `auth.replace(/^Bearer /u, '')`, `.slice(7)`, `.trim()`: a part of the same credential.
        if (callee.type === AST_NODE_TYPES.MemberExpression && TOKEN_PART_METHODS.has(memberName(callee) ?? '')) return followedHeaderRead(callee.object, depth + 1, reader);
        return reader.accept(value) ? value : undefined;
      }
      case AST_NODE_TYPES.MemberExpression: {
        // `auth.split(' ')[1]`
        const object = unwrap(value.object);
        if (value.computed && object.type === AST_NODE_TYPES.CallExpression) {
          const split = unwrap(object.callee);
          if (split.type === AST_NODE_TYPES.MemberExpression && memberName(split) === 'split') return followedHeaderRead(split.object, depth + 1, reader);
        }
        return reader.accept(value) ? value : undefined;
      }
      default:
        return undefined;
    }
  }

  /**
   * Why a request goes to a service that issues session tokens: the code reads an `x-token` header
   * from its response (`const session = res.headers['x-token']` in its callback, or of the awaited
   * request). Cloud Automation answers with no such header: that service is another one.
   */
  function sessionIssuerReason(site: RequestSite): string | undefined {
    const call = site.node;
    if (site.createsInstance || call.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const functions: Node[] = call.arguments.filter((argument) => isFunctionNode(argument));
    let outer: Node = call;
    while (outer.parent && TYPE_ONLY_PARENTS.has(outer.parent.type)) outer = outer.parent;
    const parent = outer.parent;
    // `call.then((res) => …)`
    if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === outer && RESPONSE_CALLBACK_METHODS.includes(memberName(parent) ?? '')) {
      const then = parent.parent;
      const [fn] = then.type === AST_NODE_TYPES.CallExpression && then.callee === parent ? then.arguments : [];
      if (fn && isFunctionNode(fn)) functions.push(fn);
    }
    const holders: TSESTree.Identifier[] = [];
    for (const fn of functions) if (isFunctionNode(fn)) for (const param of fn.params) if (param.type === AST_NODE_TYPES.Identifier) holders.push(param);
    // `const res = await call`
    let awaited: Node | undefined = parent?.type === AST_NODE_TYPES.AwaitExpression ? parent : undefined;
    while (awaited?.parent && TYPE_ONLY_PARENTS.has(awaited.parent.type)) awaited = awaited.parent;
    const declarator = awaited?.parent;
    if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === awaited && declarator.id.type === AST_NODE_TYPES.Identifier) holders.push(declarator.id);
    for (const holder of holders) {
      const variable = variableOf(holder);
      for (const reference of variable?.references ?? []) {
        if (reference.isWrite()) continue;
        const headers = reference.identifier.parent;
        if (headers.type !== AST_NODE_TYPES.MemberExpression || headers.object !== reference.identifier || memberName(headers) !== RESPONSE_HEADERS_PROPERTY) continue;
        const read = xTokenReadOf(headers);
        if (read) return `the code reads an x-token session token from its response on line ${read.loc.start.line}, and Cloud Automation issues none`;
      }
    }
    return undefined;
  }

  /** `<headers>['x-token']` or `<headers>.get('x-token')` read on a response's `headers`. */
  function xTokenReadOf(headers: TSESTree.MemberExpression): Node | undefined {
    const parent = headers.parent;
    if (parent.type !== AST_NODE_TYPES.MemberExpression || parent.object !== headers) return undefined;
    const grand = parent.parent;
    // An assignment's target is a write, never a read.
    if (grand.type === AST_NODE_TYPES.AssignmentExpression && grand.left === parent) return undefined;
    const read = grand.type === AST_NODE_TYPES.CallExpression && grand.callee === parent ? grand : parent;
    return xTokenHeaderRead(read)?.headers === headers ? read : undefined;
  }

  /**
   * `<headers>['x-token']` or `<headers>.get('x-token')`: the headers object it reads the x-token
   * from, whatever that object is. The one reading of a header read, for both directions above.
   */
  function xTokenHeaderRead(read: Node, isName: (name: string) => boolean = isXTokenHeader): { readonly headers: Node } | undefined {
    if (read.type === AST_NODE_TYPES.MemberExpression) {
      if (!read.computed && memberName(read) === RESPONSE_HEADER_GETTER) return undefined;
      const name = read.computed ? stringValue(read.property, 0) : memberName(read);
      return name !== undefined && isName(name) ? { headers: unwrap(read.object) } : undefined;
    }
    if (read.type !== AST_NODE_TYPES.CallExpression) return undefined;
    const callee = unwrap(read.callee);
    const [key] = read.arguments;
    if (callee.type !== AST_NODE_TYPES.MemberExpression || memberName(callee) !== RESPONSE_HEADER_GETTER || !key || key.type === AST_NODE_TYPES.SpreadElement) return undefined;
    const name = stringValue(key, 0);
    return name !== undefined && isName(name) ? { headers: unwrap(callee.object) } : undefined;
  }

  /** `res.headers` where `res` is a response. */
  function isResponseHeaders(node: Node): boolean {
    return node.type === AST_NODE_TYPES.MemberExpression && memberName(node) === RESPONSE_HEADERS_PROPERTY && isResponse(unwrap(node.object));
  }

  /**
   * A response of a request this file makes: a parameter of a callback passed to the request
   * call (`https.request(options, (res) => …)`), of `.then` on it, or of its `'response'` event;
   * or a variable set once to the awaited request (`const res = await fetch(url)`).
   */
  function isResponse(node: Node): boolean {
    if (node.type !== AST_NODE_TYPES.Identifier) return false;
    const variable = variableOf(node);
    const def = variable?.defs[0];
    if (!variable || !def) return false;
    if (def.type === DefinitionType.Parameter) {
      const fn = def.node;
      const call = fn.parent;
      if (!isFunctionNode(fn) || call.type !== AST_NODE_TYPES.CallExpression || !call.arguments.includes(fn as TSESTree.CallExpressionArgument)) return false;
      if (isRequestCall(call)) return true;
      const callee = unwrap(call.callee);
      if (callee.type !== AST_NODE_TYPES.MemberExpression) return false;
      const method = memberName(callee) ?? '';
      const [event] = call.arguments;
      const onResponse = RESPONSE_EVENT_METHODS.includes(method) && event !== undefined && literalString(event) === RESPONSE_EVENT;
      if (!RESPONSE_CALLBACK_METHODS.includes(method) && !onResponse) return false;
      let target = unwrap(callee.object);
      if (onResponse && target.type === AST_NODE_TYPES.Identifier) {
        const held = variableOf(target);
        const init = held ? singleValue(held) : undefined;
        if (init) target = unwrap(init);
      }
      return isRequestCall(target);
    }
    const init = singleValue(variable);
    const awaited = init ? unwrap(init) : undefined;
    return awaited?.type === AST_NODE_TYPES.AwaitExpression && isRequestCall(unwrap(awaited.argument));
  }

  function isRequestCall(node: Node): boolean {
    if (node.type !== AST_NODE_TYPES.CallExpression) return false;
    const site = requestSite(node);
    return site !== undefined && !site.createsInstance;
  }

  /**
   * A target judged by names alone, for a header no request of this file sends (a header builder
   * other modules call): the builder's name and the names its values come from.
   */
  function assessNames(builderName: string | undefined, sources: readonly Node[]): TargetAssessment {
    const names = builderName === undefined ? [] : [builderName];
    for (const source of sources) collectNames(source, names);
    const hints = names.map((name) => nameHint(name)).filter((hint): hint is NameHint => hint !== undefined);
    const elsewhere = sessionTokenReason(sources);
    return {
      confidence: targetConfidence(undefined, hints),
      url: undefined,
      urlText: undefined,
      host: undefined,
      keptnNames: [...new Set(names.filter((name) => nameHint(name)?.keptn))],
      method: undefined,
      ...(elsewhere === undefined ? {} : { elsewhere }),
    };
  }

  /** Names in a header value (`process.env.KEPTN_API_TOKEN`, `keptnToken`): evidence for D4. */
  function collectNames(node: Node, names: string[], depth = 0): void {
    const value = unwrap(node);
    if (value.type === AST_NODE_TYPES.Identifier) {
      names.push(value.name);
      // `const apiToken = process.env.KEPTN_API_TOKEN`: the name the value was read under counts too.
      const variable = depth < 2 ? variableOf(value) : undefined;
      const init = variable ? singleValue(variable) : undefined;
      if (init) collectNames(init, names, depth + 1);
    } else if (value.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(value);
      if (name !== undefined) names.push(name);
      // `this.baseUrl = keptnApiUrl` in the constructor: the name the value came in under counts too.
      if (name !== undefined && depth < 2 && unwrap(value.object).type === AST_NODE_TYPES.ThisExpression) {
        for (const assigned of classFieldValues(value, name)) if (assigned !== value) collectNames(assigned, names, depth + 1);
      }
    } else if (value.type === AST_NODE_TYPES.TemplateLiteral) {
      for (const expression of value.expressions) collectNames(expression, names, depth);
    } else if (value.type === AST_NODE_TYPES.LogicalExpression || value.type === AST_NODE_TYPES.BinaryExpression) {
      if (value.left.type !== AST_NODE_TYPES.PrivateIdentifier) collectNames(value.left, names, depth);
      collectNames(value.right, names, depth);
    } else if (value.type === AST_NODE_TYPES.CallExpression) {
      const callee = unwrap(value.callee);
      if (callee.type === AST_NODE_TYPES.Identifier || callee.type === AST_NODE_TYPES.MemberExpression) collectNames(callee, names, depth);
      const setting = settingRead(value);
      if (setting !== undefined) names.push(setting);
    }
  }

  /** The name a setting is read by (`config.get('KEPTN_API_URL')`, `core.getInput('keptn-api-token')`), not a request's URL. */
  function settingRead(call: TSESTree.CallExpression): string | undefined {
    const callee = unwrap(call.callee);
    const method = callee.type === AST_NODE_TYPES.Identifier ? callee.name : callee.type === AST_NODE_TYPES.MemberExpression ? memberName(callee) : undefined;
    const [first] = call.arguments;
    const name = first ? literalString(first) : undefined;
    if (method === undefined || !SETTING_READERS.includes(method) || name === undefined || !SETTING_NAME.test(name) || requestSite(call) !== undefined) return undefined;
    return name;
  }

  function requestMethod(site: RequestSite, optionLists: readonly EntryList[]): string | undefined {
    if (site.signature.method !== undefined) return site.signature.method;
    const methodOption = httpClients[site.client.kind].methodOption;
    let method: string | undefined = 'GET';
    if (methodOption !== undefined) {
      for (const list of optionLists) {
        for (const value of valuesOf(list, methodOption)) method = stringValue(value, 0)?.toUpperCase();
        if (!list.complete) method = undefined;
      }
    }
    return method;
  }

  /** The primitives the route resolution (./request-routes.ts) follows values with. */
  const valueFlow = {
    variableOf,
    singleValue,
    classFieldValues,
    entriesOf: (node: Node): EntryList => entriesOf(node, 0),
    valuesOf,
    localFunction,
    bindArguments,
    callSites,
    constructions: (fn: Node) => constructionsAcrossModules(fn, true),
    typedString,
    stringValue: (node: Node): string | undefined => stringValue(node, 0),
    urlParsedBy,
    isExportedFunction: (fn: Node): boolean => moduleExits.isExportedFunction(fn),
    callsFromOtherModules,
    extendingBodies,
    subclassesKnown: (body: TSESTree.ClassBody): boolean => body.parent.type === AST_NODE_TYPES.ClassDeclaration && 'classes' in subclassesOf(body.parent),
  };
  let routeResolver: RouteResolver | undefined;

  const moduleExits = createModuleExits(variableOf);

  /**
   * The calls other modules of the project make to an exported function, each with the caller's
   * own analysis to read its arguments in; undefined when they cannot all be known (no project,
   * the function used other than by a call).
   */
  function callsFromOtherModules(fn: Node): ForeignCall[] | undefined {
    const names = moduleExits.exportedFunctionNames(fn);
    const modules = names.length === 0 ? undefined : host.projectModules?.();
    if (!modules) return undefined;
    const calls: ForeignCall[] = [];
    // Every name it is exported by (`export { createClient }`, `export const makeClient = createClient`) is called by its own.
    for (const name of names) {
      const found = callsFromProject(modules, host.filePath, name);
      if (!found) return undefined;
      calls.push(...found.map(({ parsed, call, file, throughReexport }) => ({ call, analysis: analysisOf(parsed), file, throughReexport })));
    }
    return calls;
  }

  /**
   * Where other modules of the project read the value this module exports as `name`, each with
   * the reader's own analysis; undefined when they cannot all be known (no project, a namespace
   * of this module handed on whole).
   */
  function usesFromOtherModules(name: string): ForeignUse[] | undefined {
    const modules = host.projectModules?.();
    if (!modules) return undefined;
    return usesFromProject(modules, host.filePath, name)?.map(({ parsed, node, file, throughReexport }) => ({ node, analysis: analysisOf(parsed), file, throughReexport }));
  }

  function analysisOf(parsed: ParsedFile): RequestAnalysis {
    let analysis = callerAnalyses.get(parsed);
    if (!analysis) {
      analysis = createRequestAnalysis(parsed.host, options);
      callerAnalyses.set(parsed, analysis);
    }
    return analysis;
  }

  /**
   * Where this module reads its own CommonJS export `name` back (`exports.f`, `module.exports.f`,
   * not a write to it): compiled code calls its own export so, `(0, exports.f)(…)`, and such a
   * read is a call of the function all the same.
   */
  function ownExportReads(from: Node, name: string): readonly TSESTree.MemberExpression[] {
    // One walk per file, by name: every builder of the file may ask.
    if (!exportReadsByName) {
      const byName = new Map<string, TSESTree.MemberExpression[]>();
      forEachDescendant(programOf(from), visitorKeys, (node) => {
        if (node.type !== AST_NODE_TYPES.MemberExpression || !isGlobalCommonJsObject(node)) return true;
        const exported = commonJsExportName(node);
        if (exported === 'default') return true;
        const written = node.parent.type === AST_NODE_TYPES.AssignmentExpression && node.parent.left === node;
        if (exported !== undefined && !written) byName.set(exported, [...(byName.get(exported) ?? []), node]);
        return false;
      });
      exportReadsByName = byName;
    }
    return exportReadsByName.get(name) ?? [];
  }
  let exportReadsByName: Map<string, TSESTree.MemberExpression[]> | undefined;

  let sitesOfFile: RequestSite[] | undefined;
  /** Every request and instance creation of this file, found once by walking the whole tree. */
  function allSites(from: Node): RequestSite[] {
    if (sitesOfFile) return sitesOfFile;
    const found: RequestSite[] = [];
    forEachDescendant(programOf(from), visitorKeys, (node) => {
      if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) {
        const site = requestSite(node);
        if (site) found.push(site);
      }
      return true;
    });
    sitesOfFile = found;
    return found;
  }

  let requestSitesOfFile: RequestSite[] | undefined;
  /** Every request of this file (not instance creations). */
  function allRequestSites(from: Node): RequestSite[] {
    requestSitesOfFile ??= allSites(from).filter((site) => !site.createsInstance);
    return requestSitesOfFile;
  }

  /**
   * Where a header object's value may come from, as a request's `headers` option holds it: the
   * expression itself, a `const`'s single value, both sides of a condition, the objects spread
   * into a literal. Enough to see `headers: keptnHeaders()`, `const headers = buildHeaders(…);
   * axios.post(url, body, { headers })` and `{ ...keptnHeaders(), accept }`.
   */
  function headerSources(node: Node, depth: number, into: Set<Node>): void {
    if (depth > 4) return;
    const value = unwrap(node);
    into.add(value);
    if (value.type === AST_NODE_TYPES.Identifier) {
      const variable = variableOf(value);
      const init = variable ? singleValue(variable) : undefined;
      if (init) headerSources(init, depth + 1, into);
    } else if (value.type === AST_NODE_TYPES.ObjectExpression) {
      for (const property of value.properties) if (property.type === AST_NODE_TYPES.SpreadElement) headerSources(property.argument, depth + 1, into);
    } else if (value.type === AST_NODE_TYPES.ConditionalExpression) {
      headerSources(value.consequent, depth + 1, into);
      headerSources(value.alternate, depth + 1, into);
    } else if (value.type === AST_NODE_TYPES.LogicalExpression) {
      headerSources(value.left, depth + 1, into);
      headerSources(value.right, depth + 1, into);
    }
  }

  /** Whether a request's (or an instance's own) headers are, or take in, what `value` evaluates to. */
  function sendsHeaders(site: RequestSite, value: Node): boolean {
    const sources = new Set<Node>();
    const headerValues = [
      ...(site.headersArgument ? [site.headersArgument] : []),
      ...site.optionArguments.flatMap((argument) => valuesOf(entriesOf(argument, 0), headersOptionOf(httpClients[site.client.kind], site.createsInstance))),
    ];
    for (const headers of headerValues) headerSources(headers, 0, sources);
    // What the headers hold is compared unwrapped: `keptnHeaders as Record<string, string>` is `keptnHeaders`.
    return sources.has(unwrap(value));
  }

  /** The requests of this file whose headers are (or take in) what `value` evaluates to. */
  function requestsSendingHeaders(value: Node): RequestSite[] {
    return allRequestSites(value).filter((site) => sendsHeaders(site, value));
  }

  /** The instances this file makes (`axios.create(…)`) whose own headers are, or take in, what `value` evaluates to. */
  function instancesSendingHeaders(value: Node): RequestSite[] {
    return allSites(value).filter((site) => site.createsInstance && site.signature.createsInstance === true && sendsHeaders(site, value));
  }

  /** The requests of this file made through an instance: each carries what the instance's defaults carry. */
  function instanceRequests(instance: RequestSite): RequestSite[] {
    return allRequestSites(instance.node).filter((request) => sameInstance(instance, request));
  }

  /**
   * The requests this file makes through the instance another module hands it at `value`: an
   * import of the instance it exports (`import { api } from './api'`), or a call of the factory it
   * exports (`const client = keptnClient(cfg)`), used by name or at once (`keptnClient(cfg).get(…)`).
   * `made` is the instance as that module knows it: read from there, not looked up again from here
   * (this file, read to answer that module, may not see it as the linter or an editor buffer has it).
   */
  function requestsThrough(value: Node, made: { readonly kind: HttpClientKind; readonly base?: ValueShapes }): RequestSite[] {
    const outer = outermostTypeWrapper(value);
    const declarator = outer.parent;
    let holder: Variable | undefined;
    if (value.type === AST_NODE_TYPES.Identifier && declarator?.type !== AST_NODE_TYPES.VariableDeclarator) holder = variableOf(value);
    else if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === outer && declarator.id.type === AST_NODE_TYPES.Identifier) holder = variableOf(declarator.id);
    // A variable written again may hold something else at a request: only one set once is followed.
    if (holder && holder.references.some((reference) => reference.isWrite() && !reference.init)) return [];
    // `private readonly keptn = keptnGot(…)`, `this.keptn = keptnGot(…)`: the field's `this.keptn`, when nothing else sets it.
    const field = holder ? undefined : fieldSetTo(outer);
    const reads: readonly Node[] = holder ? holder.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier) : (field?.references ?? [value]);
    const holders: readonly Holder[] = holder ? [holder] : field ? [field] : [];
    const client: ClientRef = { kind: made.kind, isInstance: true, defaults: [], opaque: true, helperAuthorized: false, holders, ...(made.base ? { foreignBase: made.base } : {}) };
    const sites: RequestSite[] = [];
    for (const read of reads) {
      const used = outermostTypeWrapper(read);
      const parent = used.parent;
      let call: TSESTree.CallExpression | undefined;
      let member: string | undefined;
      if (parent?.type === AST_NODE_TYPES.CallExpression && parent.callee === used) call = parent;
      else if (parent?.type === AST_NODE_TYPES.MemberExpression && parent.object === used && parent.parent.type === AST_NODE_TYPES.CallExpression && parent.parent.callee === parent) {
        call = parent.parent;
        member = memberName(parent);
        if (member === undefined) continue;
      }
      if (!call) continue;
      const known = requestSite(call);
      if (known) {
        if (!known.createsInstance) sites.push(known);
        continue;
      }
      const signature = requestSignature(made.kind, member);
      if (signature && signature.createsInstance !== true) sites.push(buildSite(call, client, signature, member));
    }
    return sites;
  }

  /** The class field whose only value `value` is: its initializer, or the one `this.<field> = value` of the class. */
  function fieldSetTo(value: Node): FieldHolder | undefined {
    const parent = value.parent;
    let name: string | undefined;
    if (parent?.type === AST_NODE_TYPES.PropertyDefinition && parent.value === value && !parent.static) name = classMemberKey(parent);
    else if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value && parent.left.type === AST_NODE_TYPES.MemberExpression && unwrap(parent.left.object).type === AST_NODE_TYPES.ThisExpression) name = memberName(parent.left);
    if (name === undefined || classFieldValues(value, name).length !== 1) return undefined;
    return fieldHolder(value, name);
  }

  /**
   * The requests other modules make through an instance this module hands them: exported where it
   * is made (`export const api = axios.create(…)`, `module.exports = axios.create(…)`), or returned
   * by an exported factory (`export function keptnClient(cfg) { return axios.create(…) }`), each
   * graded in its own module. Empty when no other module's use can be known.
   */
  function foreignInstanceRequests(instance: RequestSite): ForeignReader[] {
    const uses: { readonly node: Node; readonly analysis: RequestAnalysis; readonly file: string }[] = [];
    const exportedAs = moduleExits.exportedValueName(instance.node);
    if (exportedAs !== undefined) uses.push(...(usesFromOtherModules(exportedAs) ?? []));
    let fn: Node | undefined = instance.node.parent;
    while (fn && !isFunctionNode(fn)) fn = fn.parent;
    if (fn && moduleExits.isExportedFunction(fn) && factoryInstance(fn, 0)?.defaults.some((options) => instance.optionArguments.includes(options))) {
      uses.push(...(callsFromOtherModules(fn) ?? []).map(({ call, analysis, file }) => ({ node: call, analysis, file })));
    }
    if (uses.length === 0) return [];
    const client = instanceMadeBy(instance);
    const base = analysisApi().instanceBaseShapes(client);
    const made = { kind: client.kind, ...(base ? { base } : {}) };
    const seen = new Set<RequestSite>();
    return uses.flatMap(({ node, analysis, file }) =>
      analysis.requestsThrough(node, made).filter((site) => !seen.has(site) && seen.add(site)).map((site) => ({ site, target: analysis.assessTarget(site), where: foreignWhere(file, site) })),
    );
  }

  /**
   * How sure the requests are that send a header object or a builder's result: each request
   * whose own headers take it in, and for an instance made with it, the instance and every
   * request made through it (as the findings grade an instance's own header).
   */
  function headerReaderTargets(value: Node): TargetAssessment[] {
    return headerReaders(value).map(({ target }) => target);
  }

  /** `headerReaderTargets` with the request each grade is of. */
  function headerReaders(value: Node): { readonly site: RequestSite; readonly target: TargetAssessment }[] {
    return [
      ...requestsSendingHeaders(value),
      ...instancesSendingHeaders(value).flatMap((instance) => [instance, ...instanceRequests(instance)]),
    ].map((site) => ({ site, target: assessTarget(site) }));
  }

  /** The base option (`baseURL`, `prefixUrl`) written in an instance's own options, the last one that sets it. */
  function instanceBase(instance: RequestSite): Node | undefined {
    const options = baseUrlOptions(httpClients[instance.client.kind]);
    for (const argument of [...instance.optionArguments].reverse()) {
      const list = entriesOf(argument, 0);
      const value = options.map((option) => valuesOf(list, option)[0]).find((found) => found !== undefined);
      if (value) return value;
    }
    return instance.baseUrlArgument;
  }

  /**
   * How sure the requests are that send what an exported header builder returns, judged where
   * other modules call it (`axios.post(\`${base}/api/v1/event\`, e, { headers: buildHeaders(t) })`):
   * one assessment per such request; undefined when the callers cannot all be known (no project,
   * the function handed on as a value).
   */
  function builderRequestTargets(fn: Node): ForeignReader[] | undefined {
    const calls = callsFromOtherModules(fn);
    if (!calls) return undefined;
    return calls.flatMap(({ call, analysis, file }) => analysis.headerReaders(call).map(({ site, target }) => ({ site, target, where: foreignWhere(file, site) })));
  }

  /**
   * How sure the requests are that send an exported header object, judged where other modules
   * read it (`axios.get(\`${base}/v1/metadata\`, { headers: defaultKeptnHeaders })`), one
   * assessment per such request; undefined when its readers cannot all be known.
   */
  function exportedHeaderTargets(name: string): ForeignReader[] | undefined {
    return usesFromOtherModules(name)?.flatMap(({ node, analysis, file }) => analysis.headerReaders(node).map(({ site, target }) => ({ site, target, where: foreignWhere(file, site) })));
  }

  function foreignWhere(file: string, site: RequestSite): string {
    return `${path.relative(path.dirname(host.filePath), file)}:${site.node.loc.start.line}`;
  }

  /** The nearest enclosing function that binds its own `this` (arrows do not). */
  function thisBinder(node: Node): Node | undefined {
    for (let current = node.parent; current; current = current.parent) {
      if (current.type === AST_NODE_TYPES.FunctionExpression || current.type === AST_NODE_TYPES.FunctionDeclaration) return current;
    }
    return undefined;
  }

  /** The class body whose (non-static) method or accessor `fn` is. */
  function methodClassBody(fn: Node | undefined): Node | undefined {
    const definition = fn?.parent;
    if (definition?.type !== AST_NODE_TYPES.MethodDefinition || definition.value !== fn || definition.static) return undefined;
    return definition.parent;
  }

  /**
   * Whether `value`, written where a header object is built, reads the same when written again at
   * `at` (another request that reads the header): why it may not, or the `process.env` reads it
   * makes that are to be kept as they were read when the module loaded. It may read literals,
   * module-level `const` bindings, and `this.<member>` where both sit in methods of one class;
   * `process.env…` only where the header is built each time it is read (`readAtRequest`: a builder
   * or a getter), since an object built once read the environment when it was made, or where it is
   * built in a plain top-level statement (`atModuleLevel`): what it read then can be kept in a
   * module-level `const` next to it for the other request (the reads in `readAtLoad`).
   */
  function rewriteAt(value: Node, at: Node, readAtRequest: boolean, atModuleLevel = false): RewriteAt {
    const readAtLoad: EnvRead[] = [];
    const why = rewriteAtWhy(value, at, readAtRequest, atModuleLevel, readAtLoad);
    return why === undefined ? { readAtLoad } : { why };
  }

  function rewriteAtWhy(value: Node, at: Node, readAtRequest: boolean, atModuleLevel: boolean, readAtLoad: EnvRead[]): string | undefined {
    const node = unwrap(value);
    switch (node.type) {
      case AST_NODE_TYPES.Literal:
        return undefined;
      case AST_NODE_TYPES.TemplateLiteral:
        return node.expressions.map((expression) => rewriteAtWhy(expression, at, readAtRequest, atModuleLevel, readAtLoad)).find((why) => why !== undefined);
      case AST_NODE_TYPES.LogicalExpression:
      case AST_NODE_TYPES.BinaryExpression:
        return rewriteAtWhy(node.left, at, readAtRequest, atModuleLevel, readAtLoad) ?? rewriteAtWhy(node.right, at, readAtRequest, atModuleLevel, readAtLoad);
      case AST_NODE_TYPES.Identifier: {
        const variable = variableOf(node);
        const def = variable?.defs[0];
        const declaration = def?.type === DefinitionType.Variable ? def.parent : undefined;
        if (variable?.defs.length === 1 && declaration?.kind === 'const' && declaration.parent.type === AST_NODE_TYPES.Program) return undefined;
        return `the token \`${node.name}\` is not a module-level \`const\``;
      }
      case AST_NODE_TYPES.MemberExpression: {
        const env = envRead(node);
        if (env !== undefined) {
          if (readAtRequest) return undefined;
          if (!atModuleLevel) return 'the token is read from `process.env` once, when the shared object is made, and read again at that request it might differ';
          readAtLoad.push(env);
          return undefined;
        }
        if (node.object.type === AST_NODE_TYPES.ThisExpression && !node.computed) {
          const here = methodClassBody(thisBinder(node));
          if (here && here === methodClassBody(thisBinder(at))) return undefined;
          return `\`this.${memberName(node) ?? ''}\` is not read in methods of one class at both places`;
        }
        return 'the token is read in a form the codemod does not copy to another request';
      }
      default:
        return 'the token is computed in a form the codemod does not copy to another request';
    }
  }

  /**
   * `process.env.NAME`, `process.env['NAME']`, `process.env?.NAME` of the global `process`, or of
   * one imported (`import process from 'node:process'`, `import * as process from 'process'`), and
   * `env.NAME` of `import { env } from 'node:process'` or `const { env } = process`.
   */
  function envRead(node: TSESTree.MemberExpression): EnvRead | undefined {
    const chain = memberChain(node);
    const base = chain ? unwrap(chain.base) : undefined;
    if (!chain || base?.type !== AST_NODE_TYPES.Identifier) return undefined;
    const [first, second] = chain.names;
    if (chain.names.length === 2 && first === 'env' && second !== undefined && isProcessObject(base)) return { node, name: second };
    if (chain.names.length === 1 && first !== undefined && isProcessEnvBinding(base)) return { node, name: first };
    return undefined;
  }

  const PROCESS_MODULES: ReadonlySet<unknown> = new Set(['process', 'node:process']);

  /** The global `process`, or the `process` module imported whole (default or namespace import, under any name). */
  function isProcessObject(identifier: TSESTree.Identifier): boolean {
    if (identifier.name === 'process' && isGlobal(identifier)) return true;
    const def = variableOf(identifier)?.defs[0];
    if (def?.type !== DefinitionType.ImportBinding || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return false;
    const whole = def.node.type === AST_NODE_TYPES.ImportDefaultSpecifier || def.node.type === AST_NODE_TYPES.ImportNamespaceSpecifier;
    return whole && PROCESS_MODULES.has(def.parent.source.value);
  }

  /** A binding of `process.env` itself: `import { env } from 'node:process'`, `const { env } = process` (never reassigned). */
  function isProcessEnvBinding(identifier: TSESTree.Identifier): boolean {
    const variable = variableOf(identifier);
    const def = variable?.defs[0];
    if (!variable || variable.defs.length !== 1 || !def) return false;
    if (def.type === DefinitionType.ImportBinding) {
      if (def.node.type !== AST_NODE_TYPES.ImportSpecifier || def.parent.type !== AST_NODE_TYPES.ImportDeclaration) return false;
      const imported = def.node.imported.type === AST_NODE_TYPES.Identifier ? def.node.imported.name : def.node.imported.value;
      return imported === 'env' && PROCESS_MODULES.has(def.parent.source.value);
    }
    if (def.type !== DefinitionType.Variable || def.node.id.type !== AST_NODE_TYPES.ObjectPattern || def.parent.kind !== 'const') return false;
    const init = def.node.init ? unwrap(def.node.init) : undefined;
    if (init?.type !== AST_NODE_TYPES.Identifier || !isProcessObject(init)) return false;
    // `{ env }` or `{ env: environment }`, with no default that could stand in for it.
    return def.node.id.properties.some((property) => property.type === AST_NODE_TYPES.Property && staticPropertyKey(property) === 'env' && property.value === def.name);
  }

  /**
   * The call an `x-token` key's headers object is handed to as a `headers` option, whatever the
   * callee: written in the call (`this.fetchApi.fetch(url, { headers: { 'x-token': t } })`,
   * `new GraphQLClient(url, { headers })`), or through a variable holding the headers or the
   * options (`options.headers = headers` included) that the call is given. What is left for
   * no-x-token-header when no client spec describes the call.
   */
  function headersHandedTo(key: Node): HandedHeaders | undefined {
    const headers = headersValueOf(key);
    if (!headers) return undefined;
    for (const headersValue of [headers, ...readsOfHolder(headers)]) {
      const options = optionsHolding(headersValue);
      if (!options) continue;
      for (const optionsValue of options.type === AST_NODE_TYPES.ObjectExpression ? [options, ...readsOfHolder(options)] : readsOfHolder(options)) {
        const passed = passedAsArgument(optionsValue);
        if (passed) return { call: passed.call, options: passed.argument };
      }
    }
    return undefined;
  }

  /**
   * The value that carries a header written at `key`: the object literal it is a key of, or a
   * headers class made from it (Angular's `new HttpHeaders({ 'x-token': t })`), with any
   * `.set(…)` / `.append(…)` chained on it (`new HttpHeaders().set('x-token', t)`).
   */
  function headersValueOf(key: Node): Node | undefined {
    const parent = key.parent;
    let value: Node;
    if (parent?.type === AST_NODE_TYPES.Property && parent.key === key && parent.parent.type === AST_NODE_TYPES.ObjectExpression) {
      value = parent.parent;
      const outer = outermostTypeWrapper(value);
      const made = outer.parent;
      const maker = made?.type === AST_NODE_TYPES.NewExpression ? unwrap(made.callee) : undefined;
      const makerName = maker?.type === AST_NODE_TYPES.Identifier ? maker.name : maker?.type === AST_NODE_TYPES.MemberExpression ? memberName(maker) : undefined;
      if (made?.type === AST_NODE_TYPES.NewExpression && made.arguments[0] === outer && makerName?.endsWith('Headers') === true) value = made;
    } else if (parent?.type === AST_NODE_TYPES.CallExpression && parent.arguments[0] === key && isHeaderWriteCall(parent)) {
      value = parent;
    } else return undefined;
    for (let chained = value.parent; chained.type === AST_NODE_TYPES.MemberExpression && chained.object === value && chained.parent.type === AST_NODE_TYPES.CallExpression && isHeaderWriteCall(chained.parent); chained = value.parent) {
      value = chained.parent;
    }
    return value;
  }

  function isHeaderWriteCall(call: TSESTree.CallExpression): boolean {
    const callee = unwrap(call.callee);
    return callee.type === AST_NODE_TYPES.MemberExpression && HEADER_WRITE_METHODS.includes(memberName(callee) ?? '');
  }

  /** What a `headers` value is the option of: the options object it is written in, or the variable `options.headers = …` writes. */
  function optionsHolding(value: Node): TSESTree.ObjectExpression | TSESTree.Identifier | undefined {
    const parent = value.parent;
    if (parent?.type === AST_NODE_TYPES.Property && parent.value === value && HEADERS_OPTIONS.has(staticPropertyKey(parent) ?? '') && parent.parent.type === AST_NODE_TYPES.ObjectExpression) return parent.parent;
    if (parent?.type === AST_NODE_TYPES.AssignmentExpression && parent.right === value && parent.left.type === AST_NODE_TYPES.MemberExpression && HEADERS_OPTIONS.has(memberName(parent.left) ?? '')) {
      const object = unwrap(parent.left.object);
      return object.type === AST_NODE_TYPES.Identifier ? object : undefined;
    }
    return undefined;
  }

  /**
   * The reads of the variable a value initialises (or an identifier names), when nothing else is
   * assigned to it; of a value assigned to it (Angular's immutable `headers = headers.set('x-token', t)`),
   * the reads after the assignment.
   */
  function readsOfHolder(holder: Node): TSESTree.Identifier[] {
    let identifier: TSESTree.Identifier | undefined;
    const outer = outermostTypeWrapper(holder);
    const declarator = outer.parent;
    if (declarator?.type === AST_NODE_TYPES.AssignmentExpression && declarator.operator === '=' && declarator.right === outer && declarator.left.type === AST_NODE_TYPES.Identifier) {
      const assigned = variableOf(declarator.left);
      const after = declarator.range[1];
      return (assigned?.references ?? []).filter((reference) => reference.isRead() && reference.identifier.range[0] > after).map((reference) => reference.identifier as TSESTree.Identifier);
    }
    if (holder.type === AST_NODE_TYPES.Identifier) identifier = holder;
    else if (declarator?.type === AST_NODE_TYPES.VariableDeclarator && declarator.init === outer && declarator.id.type === AST_NODE_TYPES.Identifier) identifier = declarator.id;
    const variable = identifier ? variableOf(identifier) : undefined;
    if (!variable || variable.references.filter((reference) => reference.isWrite()).length > 1) return [];
    return variable.references.filter((reference) => reference.isRead()).map((reference) => reference.identifier as TSESTree.Identifier);
  }

  function passedAsArgument(value: Node): { call: TSESTree.CallExpression | TSESTree.NewExpression; argument: TSESTree.Expression } | undefined {
    const argument = outermostTypeWrapper(value);
    const call = argument.parent;
    if ((call?.type !== AST_NODE_TYPES.CallExpression && call?.type !== AST_NODE_TYPES.NewExpression) || !call.arguments.includes(argument as TSESTree.CallExpressionArgument)) return undefined;
    return { call, argument: argument as TSESTree.Expression };
  }

  /**
   * Whether what a call runs is code of this file, which the analysis reads and would have followed
   * to a request had it made one: a function or class declared here (`function fetch(url, init)`,
   * `class Request`), a method of `this` class, or a member of an object literal, of an instance of
   * a class declared here, or of a parameter typed as such a class.
   */
  function runsCodeOfThisFile(call: TSESTree.CallExpression | TSESTree.NewExpression): boolean {
    const callee = unwrap(call.callee);
    if (localFunction(callee)) return true;
    const member = callee.type === AST_NODE_TYPES.MemberExpression ? callee : undefined;
    const root = member ? unwrap(member.object) : callee;
    return root.type === AST_NODE_TYPES.Identifier && isOfThisFile(root, member ? memberName(member) : undefined);
  }

  /**
   * The names a callee is made of, outermost first (`expect(x).toEqual` → expect, toEqual), and
   * where its root is a variable made by a call, that call's (`const got = makeStub()` → makeStub, got).
   */
  function calleeNames(callee: Node, depth = 0): string[] {
    const node = unwrap(callee);
    if (node.type === AST_NODE_TYPES.Identifier) {
      const def = depth === 0 ? variableOf(node)?.defs[0] : undefined;
      const init = def?.type === DefinitionType.Variable && def.node.init ? unwrap(def.node.init) : undefined;
      const madeBy = init?.type === AST_NODE_TYPES.CallExpression || init?.type === AST_NODE_TYPES.NewExpression ? calleeNames(init.callee, depth + 1) : [];
      return [...madeBy, node.name];
    }
    if (node.type === AST_NODE_TYPES.MemberExpression) {
      const name = memberName(node);
      return [...calleeNames(node.object, depth), ...(name === undefined ? [] : [name])];
    }
    if (node.type === AST_NODE_TYPES.CallExpression || node.type === AST_NODE_TYPES.NewExpression) return calleeNames(node.callee, depth);
    return [];
  }

  /** `method`: the member called on it, which an object literal must hold as a function of its own. */
  function isOfThisFile(identifier: TSESTree.Identifier, method: string | undefined): boolean {
    const def = variableOf(identifier)?.defs[0];
    if (!def) return false;
    if (def.type === DefinitionType.FunctionName || def.type === DefinitionType.ClassName) return hasBody(def.node);
    if (def.type === DefinitionType.Variable) {
      const init = def.node.init ? unwrap(def.node.init) : undefined;
      if (!init) return false;
      if (init.type === AST_NODE_TYPES.ClassExpression || isFunctionNode(init)) return true;
      if (init.type === AST_NODE_TYPES.ObjectExpression) {
        return init.properties.some((property) => property.type === AST_NODE_TYPES.Property && staticPropertyKey(property) === method && isFunctionNode(unwrap(property.value)));
      }
      const made = init.type === AST_NODE_TYPES.NewExpression ? unwrap(init.callee) : undefined;
      return made?.type === AST_NODE_TYPES.Identifier && isClassOfThisFile(made);
    }
    if (def.type === DefinitionType.Parameter && def.name.type === AST_NODE_TYPES.Identifier) {
      const annotation = def.name.typeAnnotation?.typeAnnotation;
      const typeName = annotation?.type === AST_NODE_TYPES.TSTypeReference && annotation.typeName.type === AST_NODE_TYPES.Identifier ? annotation.typeName : undefined;
      return typeName !== undefined && isClassOfThisFile(typeName);
    }
    return false;
  }

  function isClassOfThisFile(name: TSESTree.Identifier): boolean {
    const def = variableOf(name)?.defs[0];
    return def?.type === DefinitionType.ClassName && hasBody(def.node);
  }

  /** `declare class GraphQLClient { … }`, `declare function send(…)`: a type of code that is elsewhere. */
  function hasBody(declaration: Node): boolean {
    if (declaration.type === AST_NODE_TYPES.TSDeclareFunction) return false;
    return !('declare' in declaration && declaration.declare);
  }

  /**
   * How sure the evidence of a call no client spec describes is that it goes to Cloud Automation,
   * read as a fetch would be: the argument before the options as its URL (else their `url` option),
   * and the names in the header's value.
   */
  function handedHeadersTarget(handed: HandedHeaders, headerValue: Node | undefined): TargetAssessment {
    const { call, options } = handed;
    const optionsIndex = call.arguments.indexOf(options);
    const urlIndex = call.arguments.findIndex((argument, index) => index < optionsIndex && argument.type !== AST_NODE_TYPES.SpreadElement && unwrap(argument).type !== AST_NODE_TYPES.ObjectExpression);
    const site = buildSite(call, plainClient('fetch'), { ...(urlIndex >= 0 ? { url: urlIndex } : {}), options: optionsIndex });
    return assessTarget(site, headerValue ? [headerValue] : []);
  }

  const self = {
    envRead,
    requestSite,
    requestHeaders,
    requestsSendingHeaders,
    instancesSendingHeaders,
    instanceRequests,
    instanceBase,
    headerReaderTargets,
    headerReaders,
    builderRequestTargets,
    exportedHeaderTargets,
    callsFromOtherModules,
    usesFromOtherModules,
    subclassesOf: (declaration: TSESTree.ClassDeclaration): Subclasses => subclassesOf(declaration),
    /** For another module's analysis: how a subclass declared there constructs its base class. */
    subclassConstructions: (subclass: TSESTree.ClassDeclaration | TSESTree.ClassExpression, modules: ProjectModules, depth: number): Constructions | undefined => subclassConstructions(subclass, { modules }, depth),
    assessTarget,
    assessNames,
    headersHandedTo,
    handedHeadersTarget,
    runsCodeOfThisFile,
    calleeNames: (callee: Node): string[] => calleeNames(callee),
    /** The source text of a node, as written. */
    sourceText: (node: Node): string => host.text.slice(node.range[0], node.range[1]),
    rewriteAt,
    /** Where the object an `x-token` key is written into leaves the module (a header builder other modules call), if it does. */
    headerExit: (key: Node): ModuleExit | undefined => moduleExits.headerExit(key),
    /**
     * Every route a request may hit, following its URL and method through variables (also
     * reassigned ones), helper functions, options built up by assignment, spreads, wrappers'
     * parameters and instance bases; what the scope report and `valid-oauth-scopes` count.
     */
    requestRoutes: (site: RequestSite): RequestRoutes => {
      routeResolver ??= createRouteResolver(host, analysisApi(), valueFlow);
      return routeResolver.routes(site);
    },
    /** What an `Authorization` value sent next to the x-token is: see `AuthorizationCredential`. */
    authorizationCredential: (value: Node): AuthorizationCredential => {
      routeResolver ??= createRouteResolver(host, analysisApi(), valueFlow);
      return routeResolver.authorizationCredential(value);
    },
    /** Whether a request is a Cloud Automation call the scope report must account for, and its routes. */
    cloudAutomationCall: (site: RequestSite): CloudAutomationCall | undefined => {
      routeResolver ??= createRouteResolver(host, analysisApi(), valueFlow);
      return routeResolver.cloudAutomationCall(site);
    },
    /**
     * The expressions a request's own URL may be: its URL argument, or the URL option of its
     * options (also written into them later, `options.url = …`). Empty when none is visible.
     */
    requestUrlValues: (site: RequestSite): Node[] => {
      if (site.urlArgument) return [site.urlArgument];
      const keys = urlOptions(httpClients[site.client.kind]);
      return site.optionArguments.flatMap((argument) => keys.flatMap((key) => valuesOf(entriesOf(argument, 0), key)));
    },
    resolveClient,
    factoryInstanceShape,
    requestsThrough,
    foreignInstanceRequests,
    fetchSendingRequest,
    /** The function declared in this file that a call's callee names (`f`, `this.f`, tsc's `(0, exports.f)`), if any. */
    calledFunction: (callee: Node): Node | undefined => localFunction(unwrap(callee)),
    ownExportReads,
    /** Whether a read of options or headers is used only as what logging calls log (./logged-reads.ts). */
    onlyLogged: (read: Node): boolean => onlyLogged(read, (node) => host.getScope(node)),
    /** Under which test the header named by `key` is sent (./header-condition.ts); asked only for x-token sites. */
    headerCondition: (key: Node): HeaderCondition | undefined => headerCondition(key, host.text, objectCopyOf),
    /** Whether a call writes a log (`console.log(…)`, `this.logger.info(…)`: ./logged-reads.ts). */
    isLoggingCall: (call: TSESTree.CallExpression): boolean => isLoggingCall(call, (node) => host.getScope(node)),
    /** The strings an expression may evaluate to, read as the route reader reads URLs. */
    valueShapes: (node: Node): ValueShapes => {
      routeResolver ??= createRouteResolver(host, analysisApi(), valueFlow);
      return routeResolver.valueShapes(node);
    },
    /**
     * What the base URL an instance of this file was made with may be (its last base option, or its
     * base argument), for a module that imports the instance; undefined when it was made with none.
     */
    instanceBaseShapes: (client: ClientRef): ValueShapes | undefined => {
      const options = baseUrlOptions(httpClients[client.kind]);
      let base: Node | undefined = client.baseUrl;
      for (const argument of client.defaults) {
        const list = entriesOf(argument, 0);
        const value = options.map((option) => valuesOf(list, option)[0]).find((found) => found !== undefined);
        if (value) base = value;
      }
      if (!base) return client.foreignBase;
      routeResolver ??= createRouteResolver(host, analysisApi(), valueFlow);
      return routeResolver.valueShapes(base);
    },
    /** The object copy a call of `callee` makes (`Object.assign`, lodash's `merge`, …), or undefined for any other call. */
    objectCopy: (callee: Node): ObjectCopy | undefined => objectCopyOf(callee),
    /**
     * The headers an expression holds, read as options (below `option`: `headers`) or as the headers
     * record itself: what a deep copy (`merge(…)`) sends together with the headers of its other arguments.
     */
    headersHeld: (node: Node, option: string | undefined): HeaderSet => {
      const list = entriesOf(node, 0);
      const headers = option === undefined ? list : headerList(entriesAt(list, option, 0), list);
      const entries = flatten(headers.entries);
      return { entries, complete: headers.complete && entries.every((item) => item.name !== undefined) && !readsExportedParameter(node) };
    },
    /** The static string value of a node (type information used only when given and needed). */
    stringValue: (node: Node): string | undefined => stringValue(node, 0) ?? typedString(node),
    /** A header name: the static string value of a node, or the string constant a local module exports under it. */
    headerName: (node: Node): string | undefined => stringValue(node, 0) ?? typedString(node) ?? importedString(node),
    writeThrough: (ref: Node) => writeThrough(ref, 0),
    defaultHeadersWrite,
    interceptorOf,
    functionHeaderWrites: (fn: Node): HeaderSet => {
      const list = functionHeaderWrites(fn);
      return { entries: flatten(list.entries), complete: list.complete };
    },
    flattenEntries: (list: EntryList): HeaderEntry[] => flatten(list.entries),
    /**
     * The client an expression's type names, asked only where syntax allows an instance to hide
     * (an import, a parameter, `this.x`); undefined without type information.
     */
    typedClient: (node: Node): ClientRef | undefined => {
      const value = unwrap(node);
      return mayHideTypedInstance(value) ? typedClient(value) : undefined;
    },
    /** An instance of `kind` whose making is not visible here (imported from a local module). */
    opaqueInstance: (kind: HttpClientKind, held?: Node): ClientRef => {
      const value = held ? unwrap(held) : undefined;
      const holder = value?.type === AST_NODE_TYPES.Identifier ? variableOf(value) : undefined;
      return { kind, isInstance: true, defaults: [], opaque: true, helperAuthorized: false, holders: holder ? [holder] : [] };
    },
    /**
     * Where a header's value is the x-token of the request this code answers (`forwardedHeaderRead`):
     * `on line 11`, or `in routes.ts:11` for a module that passes it to this one's exported function.
     */
    forwardedToken: (value: Node, writtenInto?: Node): string | undefined => {
      const read = forwardedHeaderRead(value, 0, writtenInto);
      if (!read) return undefined;
      const file = foreignReads.get(read);
      return file === undefined ? `on line ${read.loc.start.line}` : `in ${path.relative(path.dirname(host.filePath), file)}:${read.loc.start.line}`;
    },
    /** Calls of method `name` on a variable this module sets once to `new <classUse>(…)`, `classUse` a read of the imported class. */
    instanceMethodCalls: (classUse: Node, name: string): TSESTree.CallExpression[] => callsOfMethod(programOf(classUse), name, (object) => madeBy(object, (callee) => callee === classUse)),
    /** `forwardedToken` for a caller in another module: the read, and the file it is in. */
    forwardedTokenRead: (value: Node, depth: number): ReadAt | undefined => {
      const read = forwardedHeaderRead(value, depth, undefined);
      return read ? { node: read, file: foreignReads.get(read) ?? host.filePath } : undefined;
    },
    /** Where a request evidently runs in a browser (`browserContextOf`), as a clause; undefined when nothing shows it. */
    browserContext: (request: Node): string | undefined => browserContextOf(request, host.filePath, visitorKeys),
    /** Options carrying the helper's got hooks (`hooks: client.gotHooks()`). */
    usesHelperHooks: (options: Expression): boolean => hasHelperHooks([options]),
    get usesTypes(): boolean {
      return types() !== null;
    },
  };
  return self;
}

export type RequestAnalysis = ReturnType<typeof createRequestAnalysis>;

/** By caller file: its analysis, made once however many exported functions it calls. */
const callerAnalyses = new WeakMap<ParsedFile, RequestAnalysis>();
/** Exports being read from another module now: two modules that require each other end here. */
const exportLookups = new Set<string>();

/**
 * The calls of a wrapper that pass another service's host, as a clause that says so: "its call on
 * line 20 passes the host https://flags.internal.acme.io, written out and no Cloud Automation host".
 * `all`: they are every call there is. Three at most are named; the rest are counted.
 */
function describeCallersAway(away: readonly CallerAway[], all: boolean): string {
  const place = ({ where }: CallerAway): string => `${where.startsWith('line ') ? 'on' : 'at'} ${where}`;
  const [only] = away;
  if (only && away.length === 1) {
    return `its ${all ? `only call, ${place(only)},` : `call ${place(only)}`} passes the host ${only.host}, written out and no Cloud Automation host`;
  }
  const named = away.slice(0, 3).map((call) => `${place(call)} (${call.host})`);
  const more = away.length > 3 ? ` and ${String(away.length - 3)} more` : '';
  return `its calls ${named.join(', ')}${more}${all ? ', all there are,' : ''} pass hosts written out that are no Cloud Automation host`;
}

export function isAbsolute(shape: UrlShape): boolean {
  const first = shape[0];
  return typeof first === 'string' && /^(?:[a-z][a-z\d+.-]*:)?\/\//iu.test(first);
}

/** An instance's base and a relative path, with one slash between them as axios and got put it. */
export function joinUrl(base: UrlShape, path: UrlShape): UrlShape {
  const first = path[0];
  const last = base.at(-1);
  const pathSlash = typeof first === 'string' && first.startsWith('/');
  const baseSlash = typeof last === 'string' && last.endsWith('/');
  if (pathSlash && baseSlash) return urlShape(base.slice(0, -1), last.slice(0, -1), path);
  return urlShape(base, pathSlash || baseSlash ? '' : '/', path);
}

/** A base URL as `base.replace(/\/+$/, '')` leaves it: the slashes it ends with, if it shows them, gone. */
export function withoutTrailingSlashes(shape: UrlShape): UrlShape {
  const last = shape.at(-1);
  return typeof last === 'string' ? urlShape(shape.slice(0, -1), last.replace(/[/\s]+$/u, '')) : shape;
}

/** `new URL(path, base)`: an absolute path replaces the base's path; a relative one is appended. */
export function resolveAgainst(path: UrlShape, base: UrlShape): UrlShape {
  if (isAbsolute(path)) return path;
  const first = path[0];
  if (typeof first === 'string' && first.startsWith('/')) {
    const head = base[0];
    if (typeof head === 'string') {
      const origin = /^(?:[a-z][a-z\d+.-]*:)?\/\/[^/]*/iu.exec(head);
      if (origin) return urlShape(origin[0], path);
    }
    // The origin is unknown but the path is absolute: keep the hole in the host, not the path.
    if (head === HOLE) return urlShape(HOLE, '://', HOLE, path);
  }
  return urlShape(base, '/', path);
}

/**
 * The key a parsed URL (`url.parse(u)`, `new URL(u)`) is read under: its entries hold the whole
 * URL as `href`, and the parts node's options take from it (`{ ...url.parse(u) }`,
 * `hostname: p.hostname, path: p.path`) are cut from that one value.
 */
export const PARSED_URL_KEY = 'href';

/**
 * The path of a URL whose scheme and host are both left to run time, as `resolveAgainst` writes
 * `new URL('/api/v1/event', base)`: `{…}://{…}/api/v1/event` has the path `/api/v1/event`.
 */
function pathAfterHiddenOrigin(url: UrlShape): UrlShape | undefined {
  const [first, second, third] = url;
  if (first !== HOLE || typeof second !== 'string' || !second.startsWith('://')) return undefined;
  const afterScheme = second.slice('://'.length);
  const pathStart = afterScheme.search(/[/?#]/u);
  if (pathStart >= 0) return urlShape(afterScheme.slice(pathStart), url.slice(2));
  return afterScheme === '' && third === HOLE ? urlShape(url.slice(3)) : undefined;
}

/** What `p.<part>` of a parsed URL reads, cut from the URL's shape; undefined for a part that is no URL text. */
export function urlPart(url: UrlShape, part: string): UrlShape | undefined {
  const first = url[0];
  const origin = typeof first === 'string' ? /^(?:[a-z][a-z\d+.-]*:)?\/\/[^/?#]*/iu.exec(first)?.[0] : undefined;
  // With the origin left to run time (`apiUrl + '/v1/event'`) the hole stands for it and any base path.
  const rest = origin !== undefined && typeof first === 'string' ? urlShape(first.slice(origin.length), url.slice(1)) : pathAfterHiddenOrigin(url) ?? urlShape(url);
  switch (part) {
    case 'href':
      return url;
    case 'origin':
      return origin !== undefined && writtenHost(url)?.host !== undefined ? [origin] : [HOLE];
    case 'host':
    case 'hostname': {
      const written = writtenHost(url);
      if (written === undefined) return [HOLE];
      return part === 'hostname' ? [written.name] : written.host === undefined ? [`${written.name}:`, HOLE] : [written.host];
    }
    case 'path':
      return rest.length === 0 ? ['/'] : rest;
    case 'pathname': {
      const cut = rest.findIndex((piece) => typeof piece === 'string' && /[?#]/u.test(piece));
      if (cut < 0) return rest.length === 0 ? ['/'] : rest;
      const piece = rest[cut] as string;
      return urlShape(rest.slice(0, cut), piece.slice(0, piece.search(/[?#]/u)));
    }
    case 'search':
    case 'hash': {
      // Read as `pathname` reads the URL: the parts left to run time hold no `?` or `#`, so a URL
      // that writes none has an empty search (`u.pathname + u.search` is the path alone).
      const mark = part === 'search' ? /[?#]/u : /#/u;
      const at = rest.find((piece): piece is string => typeof piece === 'string' && mark.test(piece));
      const starts = at?.[at.search(mark)];
      return starts === (part === 'search' ? '?' : '#') ? [starts, HOLE] : [];
    }
    case 'protocol':
    case 'port':
    case 'query':
      return [HOLE];
    default:
      return undefined;
  }
}

/** Parents that change only the static type of what they wrap (`x as T`, `x!`): looked through upwards. */
const TYPE_ONLY_PARENTS: ReadonlySet<AST_NODE_TYPES> = new Set([
  AST_NODE_TYPES.TSAsExpression,
  AST_NODE_TYPES.TSSatisfiesExpression,
  AST_NODE_TYPES.TSNonNullExpression,
  AST_NODE_TYPES.TSTypeAssertion,
]);

/**
 * The host a URL writes out: its name, also when only the port is left to run time
 * (`http://localhost:${port}/…`), and `host` (name and port) when all of it is written.
 * `https://api${x}` writes out no name: the hole may continue it.
 */
export function writtenHost(shape: UrlShape): { readonly name: string; readonly host: string | undefined; readonly shown: string } | undefined {
  const first = shape[0];
  if (typeof first !== 'string') return undefined;
  const match = /^(?:[a-z][a-z\d+.-]*:)?\/\/(?:[^/?#@]*@)?(\[[^\]/?#]*\]|[^/?#:[]+)(:\d*)?/iu.exec(first);
  const name = match?.[1]?.toLowerCase();
  if (!match || name === undefined) return undefined;
  const holeFollows = first.length === match[0].length && shape.length > 1;
  if (holeFollows && match[2] === undefined) return undefined;
  // As written, the part the code leaves open read `*`: `http://localhost:*`, `keptn` (a node http `hostname`).
  const shown = (match[0] + (holeFollows ? '*' : '')).replace(/^\/\//u, '');
  return { name, host: holeFollows ? undefined : name + (match[2] ?? ''), shown };
}

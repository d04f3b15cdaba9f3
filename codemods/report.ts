import type { CloudAutomationCall } from '../analysis/request-routes.js';
import { scopesEveryRouteNeeds, scopesForRoutes, type TargetConfidence } from '../core/index.js';

/**
 * What a transform tells its runner about one file. The CLI merges these into the
 * migration report (files, sites left for a person, scopes, env vars); under plain
 * jscodeshift the transform prints the sites left for a person through `api.report`.
 */
export interface MigratedSite {
  readonly line: number;
  readonly column: number;
  /** The client the request goes through: fetch, axios, got, … */
  readonly client: string;
  /** What was rewritten, in a few words: "x-token header on axios.create defaults". */
  readonly what: string;
  /**
   * A shared header split: how many requests to other services still send the x-token, now
   * written at each of them (the lint finds each there as an x-token for another service).
   */
  readonly keptXToken?: number;
}

export interface ManualSite {
  readonly line: number;
  readonly column: number;
  /** What the site is: "x-token header set in a request interceptor". */
  readonly what: string;
  /** Why the transform left it: "the header value is computed by a callback we cannot follow". */
  readonly why: string;
  /** What a person should do about it. */
  readonly todo: string;
  /** A `// @cloud-automation-migrate` marker stands above the site in the output (written now or by an earlier run). */
  readonly marked?: boolean;
  /** The marker is written by this run (false: an earlier run wrote it, or there is none). */
  readonly markedNow?: boolean;
  /**
   * Set when the code shows the site is no Cloud Automation request (the analysis'
   * `TargetAssessment.elsewhere`): the transform never rewrites it, not even with `includeUnsure`.
   */
  readonly elsewhere?: boolean;
  /**
   * How sure the analysis is that the request goes to Cloud Automation, stated where the entry does
   * not show it by changing with `includeUnsure` (a wrapper some of whose calls go elsewhere is left
   * either way).
   */
  readonly confidence?: TargetConfidence;
}

export interface RouteUse {
  readonly line: number;
  readonly column?: number;
  /** The method when the code pins one; undefined when it may be several or is not shown. */
  readonly method: string | undefined;
  /** The path as the code builds it, holes written `{…}` (alternatives joined with ` | `). */
  readonly displayPath: string;
  /** The client the call goes through (`axios`, `fetch`, `fetch (OAuth helper)`). */
  readonly client?: string;
  /** The URL as the code builds it, unknown parts written `{…}` (alternatives joined with ` | `). */
  readonly url?: string;
  /**
   * Each method and URL the call may use together, as its calls give them (a wrapper called with
   * 'GET' on one path and 'POST' on another), when `method` alone does not say it.
   */
  readonly requests?: readonly { readonly method: string | undefined; readonly displayPath: string; readonly url: string; readonly scopes?: readonly string[] }[];
  /**
   * The code does not show which of the call's methods goes with which of its URLs: every pairing
   * is counted, an upper bound, and the call is not `exact`.
   */
  readonly unpaired?: true;
  /** How many calls of a wrapper the request was read for, one by one, when more than one: `sureScopes` gathers what each needs. */
  readonly callsRead?: number;
  /** Route paths from core's table that the call hits (`GET /api/v1/metadata`); when not `exact`, the ones pinned so far. */
  readonly routes: readonly string[];
  /** Scopes those routes need (`cloudautomation:` prefixed). */
  readonly scopes: readonly string[];
  /** True when every route the call may take is known (URL and method pinned on every path). */
  readonly exact: boolean;
  /** When not `exact`: every scope a route the call could still hit needs (a superset). */
  readonly possibleScopes?: readonly string[];
  /**
   * When not `exact`: the scopes the call needs whichever route it hits: for each call of it (a
   * wrapper's request is made once per call of the wrapper), the scopes every route that call
   * could hit needs. A call that may hit no route of the table adds none.
   */
  readonly sureScopes?: readonly string[];
  /** When not `exact`: some URL the call may use matches no route of the table, so no scope is sure. */
  readonly mayHitNoRoute?: boolean;
  /**
   * False: nothing shows that the request goes to Cloud Automation (the migration leaves it for a
   * person as an unsure target); the report lists it apart and counts none of its scopes. Absent
   * in reports of older transforms: counted.
   */
  readonly counted?: boolean;
  /** How sure the migration is that the request goes to Cloud Automation. */
  readonly target?: TargetConfidence;
  /** What authenticates the request now: the old header, the OAuth helper, or nothing visible. */
  readonly credential?: 'x-token' | 'oauth-helper';
  /** Why the code shows the request goes to another service, when it does: never counted, never migrated. */
  readonly elsewhere?: string;
}

/**
 * What a Cloud Automation call contributes to the scope report, as the shared analysis resolves
 * it. `includeUnsure`: the run migrates unsure targets too, so it counts them as the user asserts.
 */
export function routeUseScopes(call: CloudAutomationCall, includeUnsure: boolean): Pick<RouteUse, 'requests' | 'unpaired' | 'callsRead' | 'routes' | 'scopes' | 'exact' | 'possibleScopes' | 'sureScopes' | 'mayHitNoRoute' | 'counted' | 'target' | 'credential' | 'elsewhere'> {
  const { routes } = call;
  const methods = new Set(routes.requests.map((way) => way.method));
  return {
    ...(methods.size > 1 ? { requests: routes.requests.map(({ method, displayPath, url, routes: pinned }) => ({ method, displayPath, url, scopes: scopesForRoutes(pinned) })) } : {}),
    ...(routes.unpaired ? { unpaired: true as const } : {}),
    ...(routes.perCall.length > 1 ? { callsRead: routes.perCall.length } : {}),
    routes: routes.routes.map((route) => `${route.method} ${route.path}`),
    scopes: scopesForRoutes(routes.routes),
    exact: routes.known,
    ...(routes.known
      ? {}
      : {
          possibleScopes: scopesForRoutes(routes.candidates),
          sureScopes: [...new Set(routes.perCall.flatMap((call) => scopesEveryRouteNeeds(call)))],
          mayHitNoRoute: routes.mayHitNoRoute,
        }),
    counted: call.shown || (includeUnsure && call.elsewhere === undefined),
    target: call.target,
    ...(call.credential === undefined ? {} : { credential: call.credential }),
    ...(call.elsewhere === undefined ? {} : { elsewhere: call.elsewhere }),
  };
}

/** One place the old API token is read or held, and what the migration left of it. */
export interface TokenPlumbing {
  readonly kind: 'env-var' | 'action-input' | 'task-input' | 'service-connection' | 'variable' | 'parameter' | 'function' | 'field';
  /** The env var, the input's name, a service connection's auth parameter (`apitoken`), or the variable's, parameter's or class field's. */
  readonly name: string;
  readonly line: number;
  readonly column: number;
  /** `retire`: nothing sends it once the migration applies; `keep`: something may still send it. */
  readonly fate: 'retire' | 'keep';
  /** Why, in a few words: "the migration removes this read", "read only to check that it is set". */
  readonly why: string;
  /** For an input: the code reads it as required (`{ required: true }`, `getInputRequired`, `tl.getInput(name, true)`); for an auth parameter, read with `optional` false. */
  readonly required?: boolean;
  /** For a service connection's auth parameter: the task input naming the connection (`tl.getInput('keptnConnection', true)`), when the code shows it. */
  readonly connection?: string;
}

export interface FileReport {
  /** Transform that produced the report: `x-token-to-oauth`, `add-oauth`. */
  readonly transform: string;
  readonly file: string;
  readonly migrated: readonly MigratedSite[];
  readonly manual: readonly ManualSite[];
  readonly routes: readonly RouteUse[];
  /** Env vars the old token plumbing read (`KEPTN_API_TOKEN`). */
  readonly tokenEnvVars: readonly string[];
  /** Of those, the ones the migrated file no longer sends (removed, or only checked for being set). */
  readonly retiredEnvVars: readonly string[];
  /**
   * The old token's plumbing in this file (env reads, action/task inputs, variables and
   * parameters that carried it), each with whether anything still sends it (./token-plumbing.ts).
   * Absent from transforms that retire no token.
   */
  readonly tokenPlumbing?: readonly TokenPlumbing[];
  /** Header builders handed across modules in this run: the ones defined here, the ones awaited here. */
  readonly handOffs?: readonly HandOffRecord[];
  /**
   * Set when the file was left unchanged because it could not be processed: it does not
   * parse, or the transform hit an internal error. A runner should count it as a failure.
   */
  readonly error?: string;
}

/**
 * One header builder handed across modules (./builder-hand-off.ts), as one file saw it: the
 * builder's file lists every call it handed the token to (or, for an exported header object,
 * every request that reads it); a caller's file lists its calls it awaited (or the reads it
 * added the token after). The migrate CLI checks that the two sides agree before it writes anything.
 */
export interface HandOffRecord {
  readonly role: 'builder' | 'caller';
  /** The builder's file (absolute) and exported name. */
  readonly builder: string;
  readonly name: string;
  /** A function that returns the header now returns the OAuth one; an object that held it gives it up. */
  readonly exported: 'function' | 'object';
  /** The calls, by file (absolute) and line. */
  readonly calls: readonly { readonly file: string; readonly line: number }[];
}

/**
 * Options every transform of this package accepts (jscodeshift passes CLI flags through as
 * options). `reporter` only works in-process: the migrate CLI passes it; under the
 * jscodeshift CLI it is absent and the transform falls back to `api.report`.
 */
export interface TransformOptions {
  /** Module the helper is imported from. Default `cloud-automation-oauth`. */
  readonly helperModule?: string;
  /** Export that makes a client from env. Default `oauthClientFromEnv`. */
  readonly helperExport?: string;
  /** Import a ready client instead of creating one: the export name of that client in `helperModule`. */
  readonly clientExport?: string;
  /** Also migrate sites without evidence that they target Cloud Automation. */
  readonly includeUnsure?: boolean;
  /**
   * The files are a published library: other packages may import any export, so no export counts
   * as unused because no file of the tsconfig uses it (an exported token constant stays, a request
   * through an exported header function is marked).
   */
  readonly library?: boolean;
  /** tsconfig for the type oracle; by default the nearest one above each file. */
  readonly tsconfig?: string;
  /**
   * Every file of this run (the migrate CLI passes it): an exported header builder whose callers
   * are all among them hands the OAuth token to them (./builder-hand-off.ts). Without it each
   * file is rewritten on its own, and such a builder is marked.
   */
  readonly runFiles?: readonly string[];
  readonly reporter?: (report: FileReport) => void;
}

/**
 * The command that migrates one file's unsure sites once a person has checked them, as a todo
 * names it: `--include-unsure` holds for a whole run, so the file is the narrowest it can be.
 * The path as the transform got it; the migrate CLI shows it relative to where it ran
 * (cli/main.ts swaps it for the path its report prints).
 */
export function includeUnsureCommand(file: string): string {
  return `npx eslint-plugin-cloud-automation migrate --include-unsure ${shellWord(file)}`;
}

/** A path as one shell word: bare when it is plainly safe, else in single quotes. */
function shellWord(text: string): string {
  return /^[\w./@:+-]+$/u.test(text) ? text : `'${text.replaceAll("'", `'\\''`)}'`;
}

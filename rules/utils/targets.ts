/**
 * What the request rules share besides the analysis: the options that exclude hosts and URLs
 * (PATTERNS E4), the confidence threshold, and how a finding's evidence reads in a message.
 */
import type { JSONSchema4 } from '@typescript-eslint/utils/json-schema';
import { TARGET_CONFIDENCES, confidenceAtLeast, httpClients, nameHint, type TargetConfidence } from '../../core/index.js';
import type { ClientRef, TargetAssessment } from '../../analysis/request-analysis.js';
import type { ModuleExit } from '../../analysis/module-exits.js';

export interface TargetFilterOptions {
  /** Hosts whose requests are never reported: `keptn.internal.example.com`, or `*.example.com` for subdomains. */
  ignoreHosts?: string[];
  /** Regular expressions tested against the request URL as written, unknown parts shown as `*`. */
  ignoreUrlPatterns?: string[];
  /** Report only findings at least this sure that the target is Cloud Automation. */
  minimumConfidence?: TargetConfidence;
}

export const targetFilterSchema: Record<string, JSONSchema4> = {
  ignoreHosts: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true,
    description: 'Hosts whose requests are not reported; `*.example.com` matches every subdomain.',
  },
  ignoreUrlPatterns: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    uniqueItems: true,
    description: 'Regular expressions (Unicode mode) tested against the request URL; unknown parts read `*`.',
  },
  minimumConfidence: {
    type: 'string',
    enum: [...TARGET_CONFIDENCES],
    description: 'Report only findings at least this sure that the request goes to Cloud Automation.',
  },
};

export interface TargetFilter {
  /** True when the user's options exclude this request. */
  excludes(target: TargetAssessment): boolean;
}

/** Compiles the options once per file; an invalid pattern is a configuration error with a clear message. */
export function createTargetFilter(ruleName: string, options: TargetFilterOptions, fallbackMinimum: TargetConfidence): TargetFilter {
  const hosts = (options.ignoreHosts ?? []).map((host) => host.toLowerCase().replace(/\.$/u, ''));
  const patterns = (options.ignoreUrlPatterns ?? []).map((pattern) => {
    try {
      return new RegExp(pattern, 'u');
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new Error(`cloud-automation/${ruleName}: ignoreUrlPatterns holds an invalid regular expression ${JSON.stringify(pattern)}: ${reason}`, { cause: error });
    }
  });
  const minimum = options.minimumConfidence ?? fallbackMinimum;
  return {
    excludes(target) {
      if (!confidenceAtLeast(target.confidence, minimum)) return true;
      if (target.host !== undefined && hosts.some((host) => hostMatches(target.host ?? '', host))) return true;
      return target.urlText !== undefined && patterns.some((pattern) => pattern.test(target.urlText ?? ''));
    },
  };
}

function hostMatches(host: string, pattern: string): boolean {
  const bare = host.replace(/:\d+$/u, '');
  if (pattern.startsWith('*.')) return bare.endsWith(pattern.slice(1));
  return bare === pattern || host === pattern;
}

/** The evidence as a message fragment: "the target is Cloud Automation (host abc.cloudautomation.live.dynatrace.com)". */
export function describeTarget(target: TargetAssessment): string {
  const path = target.url?.displayPath;
  const names = target.keptnNames.slice(0, 2).join(', ');
  // Each fragment names only what the analysis found: an empty name list never leaves "()".
  const event = target.keptnEvent === undefined ? '' : `a Keptn event, ${target.keptnEvent}`;
  const behind = names === '' ? (event === '' ? '' : ` with ${event}`) : ` behind ${names}`;
  switch (target.confidence) {
    case 'certain':
      return target.host === undefined ? 'the target is certainly Cloud Automation (a Cloud Automation host)' : `the target is certainly Cloud Automation (host ${target.host})`;
    case 'likely':
      if (target.url?.evidence === 'keptn-path' && path) return `the target is likely Cloud Automation (Keptn API path ${path})`;
      if (target.keptnBase && behind === '') {
        const generic = target.url?.evidence === 'generic-path' && path ? `Keptn path ${path}, ` : 'Keptn paths its calls pass, ';
        return `the target is likely Cloud Automation (${generic}on the base URL of the Cloud Automation call on line ${target.keptnBase.line})`;
      }
      if (target.url?.evidence === 'generic-path' && path) return `the target is likely Cloud Automation (Keptn path ${path}${behind})`;
      if (target.byCallers) return 'the target is likely Cloud Automation (Keptn API paths in its calls)';
      return likelyByNames(target.keptnNames);
    case 'possible':
      if (target.alsoElsewhere !== undefined) return `the target may be Cloud Automation, but ${target.alsoElsewhere}`;
      if (target.url?.evidence === 'generic-path' && path) return `the target may be Cloud Automation (Keptn-like path ${path})`;
      if (names !== '') return `the target may be Cloud Automation (Keptn-named ${names})`;
      return event === '' ? 'the target may be Cloud Automation' : `the target may be Cloud Automation (it sends ${event})`;
    case 'unknown':
      return 'nothing here shows that the target is Cloud Automation';
  }
}

/** `likely` from names alone: the endpoint names say it (a token's name alone makes a target only possible). */
function likelyByNames(keptnNames: readonly string[]): string {
  const endpoints = keptnNames.filter((name) => nameHint(name)?.role === 'endpoint').slice(0, 2);
  if (endpoints.length > 0) return `the target is likely Cloud Automation (Keptn endpoint ${endpoints.join(', ')})`;
  return keptnNames.length === 0 ? 'the target is likely Cloud Automation' : `the target is likely Cloud Automation (Keptn-named ${keptnNames.slice(0, 2).join(', ')})`;
}

/** How a message names the client: `axios`, `an axios instance`, `a got instance`, `fetch`. */
export function clientLabel(client: ClientRef): string {
  const label = httpClients[client.kind].label;
  if (!client.isInstance) return label;
  // "an HttpClient": the letters of HTTP are spoken.
  return `${/^(?:[aeiou]|http)/iu.test(label) ? 'an' : 'a'} ${label} instance`;
}

/** How a message names the way a header leaves its module (a header builder other modules call). */
export function describeModuleExit(exit: Pick<ModuleExit, 'kind' | 'name' | 'wrapper'>): string {
  if (exit.kind === 'registered') return `the options of \`${exit.name ?? ''}(…)\`, which configure the instance of every ${exit.wrapper?.label ?? 'client'} the framework hands out`;
  if (exit.kind === 'exported') return exit.name === 'default' ? 'the default export of this module' : `\`${exit.name ?? ''}\`, which this module exports`;
  return exit.name === undefined || exit.name === 'default' ? 'the object the default export returns' : `the object the exported \`${exit.name}()\` returns`;
}

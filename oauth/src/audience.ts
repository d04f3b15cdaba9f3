/**
 * Where the helper may send a token: the Cloud Automation API bases a request must be under
 * (origin, plus a path prefix), and the known Cloud Automation hosts over https.
 */
import { OAuthConfigError } from './errors.js';
import { CLOUD_AUTOMATION_HOST_SUFFIXES } from './facts.js';
import { quoteSetting } from './redact.js';

/** One API base (`https://host/api`), or several, as strings or URLs. */
export type Audience = string | URL | readonly (string | URL)[];

export interface ApiBase {
  readonly origin: string;
  /** The path prefix without a trailing slash; '' for a whole origin. */
  readonly path: string;
}

function toBase(url: URL): ApiBase {
  return { origin: url.origin, path: url.pathname.replace(/\/+$/u, '') };
}

function parseAbsolute(value: string | URL): URL | undefined {
  try {
    const url = new URL(String(value));
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : undefined;
  } catch {
    return undefined;
  }
}

/** Validates an `audience` option; a wrong entry is an OAuthConfigError naming `setting`. */
export function parseAudience(audience: Audience, setting: string): readonly ApiBase[] {
  const entries: readonly unknown[] = Array.isArray(audience) ? (audience as readonly unknown[]) : [audience];
  if (entries.length === 0) {
    throw new OAuthConfigError(setting, 'is an empty list; name the Cloud Automation API base the token is for (https://<env>.cloudautomation.live.dynatrace.com/api)');
  }
  return entries.map((entry) => {
    if (typeof entry !== 'string' && !(entry instanceof URL)) {
      throw new OAuthConfigError(setting, `must be a URL string, a URL, or a list of them, got ${entry === null ? 'null' : typeof entry}`);
    }
    const url = parseAbsolute(entry);
    if (url === undefined) {
      throw new OAuthConfigError(setting, `must hold absolute http(s) URLs (an API base such as https://<env>.cloudautomation.live.dynatrace.com/api), got ${quoteSetting(String(entry))}`);
    }
    if (url.username !== '' || url.password !== '') throw new OAuthConfigError(setting, 'must not contain a user name or password');
    return toBase(url);
  });
}

/** The base an axios `baseURL` or got `prefixUrl` names, or undefined when it names none. */
export function baseOf(value: unknown): ApiBase | undefined {
  if (typeof value !== 'string' && !(value instanceof URL)) return undefined;
  if (value === '') return undefined;
  const url = parseAbsolute(value);
  return url === undefined ? undefined : toBase(url);
}

export function isUnder(url: URL, base: ApiBase): boolean {
  if (url.origin !== base.origin) return false;
  return base.path === '' || url.pathname === base.path || url.pathname.startsWith(`${base.path}/`);
}

/** `https://<id>.cloudautomation.live.dynatrace.com/…` and the sprint and dev equivalents. */
export function isCloudAutomationUrl(url: URL): boolean {
  if (url.protocol !== 'https:') return false;
  const hostname = url.hostname.replace(/\.$/u, '');
  return CLOUD_AUTOMATION_HOST_SUFFIXES.some((suffix) => hostname.endsWith(suffix) && hostname.length > suffix.length);
}

/** Whether a request to `url` may carry the token, given the bases in force for it. */
export function mayAuthorize(url: URL | undefined, bases: readonly ApiBase[]): boolean {
  if (url === undefined) return false;
  return isCloudAutomationUrl(url) || bases.some((base) => isUnder(url, base));
}

/** A request URL, or undefined when it is not an absolute http(s) URL (such a request gets no token). */
export function requestUrl(value: unknown): URL | undefined {
  if (typeof value !== 'string' && !(value instanceof URL)) return undefined;
  return parseAbsolute(value);
}

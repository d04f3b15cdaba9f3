import { OAuthConfigError } from './errors.js';
import { looksLikeSecret, quoteSetting } from './redact.js';
import {
  ACCOUNT_URN_PATTERN,
  CLIENT_ID_PATTERN,
  CLIENT_SECRET_PATTERN,
  CLOUD_AUTOMATION_SCOPES,
  DEFAULT_SCOPES,
  DEFAULT_TOKEN_URL,
  DYNATRACE_TOKEN_PATTERN,
  SCOPE_PREFIX,
} from './facts.js';

/** The names a setting is reported under: option names, or env var names for `oauthClientFromEnv`. */
export interface SettingNames {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accountUrn: string;
  readonly scopes: string;
  readonly tokenUrl: string;
}

export const OPTION_NAMES: SettingNames = {
  clientId: 'clientId',
  clientSecret: 'clientSecret',
  accountUrn: 'accountUrn',
  scopes: 'scopes',
  tokenUrl: 'tokenUrl',
};

export interface RawCredentials {
  readonly clientId?: unknown;
  readonly clientSecret?: unknown;
  readonly accountUrn?: unknown;
  readonly scopes?: unknown;
  readonly tokenUrl?: unknown;
}

export interface ValidCredentials {
  readonly clientId: string;
  readonly clientSecret: string;
  readonly accountUrn: string;
  readonly scopes: readonly string[];
  readonly tokenUrl: string;
  /** Problems worth a warning but not a refusal (see docs/oauth.md, "Credential shapes"). */
  readonly warnings: readonly string[];
}

const knownScopes = new Set(CLOUD_AUTOMATION_SCOPES);

export function validateCredentials(raw: RawCredentials, names: SettingNames, strictShapes: boolean): ValidCredentials {
  const warnings: string[] = [];
  const clientId = requiredString(raw.clientId, names.clientId);
  const clientSecret = requiredString(raw.clientSecret, names.clientSecret);

  // Refused: values that cannot be a client secret whatever Dynatrace's exact format is.
  if (clientSecret === clientId) {
    throw new OAuthConfigError(names.clientSecret, `is the same as ${names.clientId}: it must hold the client secret, not the client id`);
  }
  if (DYNATRACE_TOKEN_PATTERN.test(clientSecret) && !CLIENT_SECRET_PATTERN.test(clientSecret)) {
    throw new OAuthConfigError(
      names.clientSecret,
      'holds a Dynatrace API or platform token (dt0c01.…), not an OAuth client secret; create an OAuth client in Account Management',
    );
  }
  // Warned (or refused when strict): shapes known from observed credentials, not from a spec.
  if (!CLIENT_ID_PATTERN.test(clientId)) {
    shapeProblem(names.clientId, 'does not look like a Dynatrace OAuth client id (dt0s02.<8 upper-case letters or digits>)');
  }
  if (!CLIENT_SECRET_PATTERN.test(clientSecret)) {
    shapeProblem(names.clientSecret, 'does not look like a Dynatrace OAuth client secret (dt0s02.<8>.<64 upper-case letters or digits>)');
  } else if (CLIENT_ID_PATTERN.test(clientId) && !clientSecret.startsWith(`${clientId}.`)) {
    shapeProblem(names.clientSecret, `does not belong to ${names.clientId} ${clientId} (a secret starts with its client id)`);
  }

  const accountUrn = requiredString(raw.accountUrn, names.accountUrn);
  if (!ACCOUNT_URN_PATTERN.test(accountUrn)) {
    const hint = /^[\da-f]{8}(?:-[\da-f]{4}){3}-[\da-f]{12}$/iu.test(accountUrn)
      ? `; write it as urn:dtaccount:${accountUrn.toLowerCase()}`
      : '';
    throw new OAuthConfigError(names.accountUrn, `must be urn:dtaccount:<account uuid, lower-case>, got ${quoteSetting(accountUrn, [clientSecret])}${hint}`);
  }

  return {
    clientId,
    clientSecret,
    accountUrn,
    scopes: validateScopes(raw.scopes, names.scopes, [clientSecret]),
    tokenUrl: validateTokenUrl(raw.tokenUrl, names.tokenUrl, [clientSecret]),
    warnings,
  };

  function shapeProblem(setting: string, problem: string): void {
    if (strictShapes) throw new OAuthConfigError(setting, problem);
    warnings.push(`cloud-automation-oauth: ${setting} ${problem}; SSO will probably refuse it`);
  }
}

function requiredString(value: unknown, setting: string): string {
  if (value === undefined || value === null || value === '') throw new OAuthConfigError(setting, 'is required but missing or empty');
  if (typeof value !== 'string') throw new OAuthConfigError(setting, `must be a string, got ${typeof value}`);
  if (/\s/u.test(value)) {
    const where = value.trim() === value ? 'contains' : 'starts or ends with';
    throw new OAuthConfigError(setting, `${where} white space (a stray newline from a secret file or .env?)`);
  }
  return value;
}

/** Space- or comma-separated, as in Keptn's own OAUTH_SCOPES; `events:read` means `cloudautomation:events:read`. */
export function parseScopes(list: string): string[] {
  return list.split(/[\s,]+/u).filter((scope) => scope !== '');
}

/** `secrets`: values an error must not quote (the client secret, in case it was put here by mistake). */
function validateScopes(value: unknown, setting: string, secrets: readonly string[]): readonly string[] {
  if (value === undefined || value === '') return DEFAULT_SCOPES;
  let list: readonly unknown[];
  if (typeof value === 'string') list = parseScopes(value);
  else if (Array.isArray(value)) list = value as readonly unknown[];
  else throw new OAuthConfigError(setting, `must be a list of scopes (array or space/comma-separated string), got ${typeof value}`);
  if (list.length === 0) throw new OAuthConfigError(setting, 'is an empty list; name the scopes the integration needs');

  const scopes: string[] = [];
  const unknown: string[] = [];
  for (const entry of list) {
    if (typeof entry !== 'string') throw new OAuthConfigError(setting, `must contain strings only, got ${typeof entry}`);
    const trimmed = entry.trim();
    const scope = trimmed.startsWith(SCOPE_PREFIX) ? trimmed : `${SCOPE_PREFIX}${trimmed}`;
    if (knownScopes.has(scope)) {
      if (!scopes.includes(scope)) scopes.push(scope);
    } else {
      if (looksLikeSecret(trimmed, secrets)) {
        unknown.push(quoteSetting(trimmed, secrets));
        continue;
      }
      const near = nearestScope(scope);
      unknown.push(near === undefined ? quoteSetting(trimmed) : `${quoteSetting(trimmed)} (did you mean ${near}?)`);
    }
  }
  if (unknown.length > 0) {
    throw new OAuthConfigError(
      setting,
      `contains ${unknown.length === 1 ? 'a scope' : 'scopes'} outside the Cloud Automation vocabulary: ${unknown.join(', ')}. Valid: ${CLOUD_AUTOMATION_SCOPES.join(' ')}`,
    );
  }
  return scopes;
}

const LOOPBACK_HOSTS = new Set(['localhost', '[::1]']);

function validateTokenUrl(value: unknown, setting: string, secrets: readonly string[]): string {
  if (value === undefined || value === '') return DEFAULT_TOKEN_URL;
  if (typeof value !== 'string') throw new OAuthConfigError(setting, `must be a URL string, got ${typeof value}`);
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new OAuthConfigError(setting, `is not a URL: ${quoteSetting(value, secrets)}`);
  }
  if (url.username !== '' || url.password !== '') {
    // The value itself is not echoed: it holds a credential.
    throw new OAuthConfigError(setting, 'must not contain a user name or password');
  }
  const loopback = LOOPBACK_HOSTS.has(url.hostname) || /^127(?:\.\d{1,3}){3}$/u.test(url.hostname);
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && loopback)) {
    throw new OAuthConfigError(
      setting,
      `must be an https URL (plain http only to localhost/127.0.0.1/[::1]), got ${quoteSetting(`${url.protocol}//${url.host}${url.pathname}`, secrets)}; the client secret travels in this request`,
    );
  }
  return url.href;
}

function nearestScope(scope: string): string | undefined {
  const candidate = scope.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const valid of CLOUD_AUTOMATION_SCOPES) {
    const distance = editDistance(candidate, valid);
    if (distance < bestDistance) {
      best = valid;
      bestDistance = distance;
    }
  }
  return bestDistance <= 3 ? best : undefined;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, index) => index);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}

export interface TuningOptions {
  readonly refreshSkewSeconds?: number | undefined;
  readonly timeoutMs?: number | undefined;
  readonly retries?: number | undefined;
  readonly retryDelayMs?: number | undefined;
  readonly maxRetryDelayMs?: number | undefined;
}

export interface Tuning {
  readonly refreshSkewMs: number;
  readonly timeoutMs: number;
  readonly retries: number;
  readonly retryDelayMs: number;
  readonly maxRetryDelayMs: number;
}

export const DEFAULT_TUNING: Tuning = {
  refreshSkewMs: 60_000,
  timeoutMs: 10_000,
  retries: 3,
  retryDelayMs: 200,
  maxRetryDelayMs: 5_000,
};

export function validateTuning(options: TuningOptions): Tuning {
  const number = (name: keyof TuningOptions, fallback: number, min: number, max: number, integer = false): number => {
    const value = options[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max || (integer && !Number.isInteger(value))) {
      throw new OAuthConfigError(name, `must be ${integer ? 'an integer' : 'a number'} from ${min} to ${max}, got ${String(value)}`);
    }
    return value;
  };
  const retryDelayMs = number('retryDelayMs', DEFAULT_TUNING.retryDelayMs, 0, 60_000);
  return {
    refreshSkewMs: number('refreshSkewSeconds', DEFAULT_TUNING.refreshSkewMs / 1000, 0, 3600) * 1000,
    timeoutMs: number('timeoutMs', DEFAULT_TUNING.timeoutMs, 1, 300_000),
    retries: number('retries', DEFAULT_TUNING.retries, 0, 10, true),
    retryDelayMs,
    maxRetryDelayMs: number('maxRetryDelayMs', Math.max(DEFAULT_TUNING.maxRetryDelayMs, retryDelayMs), retryDelayMs, 300_000),
  };
}

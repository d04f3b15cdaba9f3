/**
 * Names that tell a reader (and so our rules) that a value belongs to a Keptn / Cloud
 * Automation integration. They raise the evidence that a request goes to the Keptn API.
 */

/** Environment variables Keptn clients read for the endpoint. */
export const KEPTN_ENDPOINT_ENV_VARS: readonly string[] = [
  'KEPTN_ENDPOINT',
  'KEPTN_API_ENDPOINT',
  'KEPTN_API_URL',
  'KEPTN_BASE_URL',
  'KEPTN_URL',
  'CLOUD_AUTOMATION_URL',
  'CLOUD_AUTOMATION_ENDPOINT',
];

/** Environment variables Keptn clients read for the old API token; the migration retires them. */
export const KEPTN_TOKEN_ENV_VARS: readonly string[] = [
  'KEPTN_API_TOKEN',
  'KEPTN_CONTROL_PLANE_API_TOKEN',
  'KEPTN_TOKEN',
  'X_TOKEN',
  'CLOUD_AUTOMATION_TOKEN',
  'CLOUD_AUTOMATION_API_TOKEN',
];

export type NameRole = 'endpoint' | 'token';

export interface NameHint {
  readonly role: NameRole;
  /** True when the name itself says Keptn or Cloud Automation, not only "token" or "url". */
  readonly keptn: boolean;
}

/** Lower-case words that make a name say Keptn or Cloud Automation (`keptnToken`, `CLOUD_AUTOMATION_URL`). */
export const KEPTN_WORDS: readonly string[] = ['keptn', 'cloudautomation', 'cloud_automation'];
const KEPTN_WORD = new RegExp(KEPTN_WORDS.join('|'), 'iu');
const TOKEN_WORD = /token|x_?token|api_?key/iu;
const ENDPOINT_WORD = /endpoint|url|uri|host|base|server|api$/iu;

/**
 * What an identifier or env var name hints at: `KEPTN_API_TOKEN`, `keptnApiToken` → a Keptn
 * token; `KEPTN_ENDPOINT`, `keptnBaseUrl` → a Keptn endpoint; `API_URL` alone → nothing.
 */
export function nameHint(name: string): NameHint | undefined {
  const keptn = KEPTN_WORD.test(name);
  if (KEPTN_TOKEN_ENV_VARS.includes(name)) return { role: 'token', keptn: true };
  if (KEPTN_ENDPOINT_ENV_VARS.includes(name)) return { role: 'endpoint', keptn: true };
  if (!keptn) return undefined;
  if (TOKEN_WORD.test(name)) return { role: 'token', keptn };
  if (ENDPOINT_WORD.test(name)) return { role: 'endpoint', keptn };
  return undefined;
}

/**
 * Methods that read a setting by its name: Nest's `config.get('KEPTN_API_URL')` / `getOrThrow`, the
 * GitHub Actions and Azure DevOps task libraries' `getInput('keptn-api-token')` / `getVariable(…)`.
 * The name read counts as evidence as the name of an env var does.
 */
export const SETTING_READERS: readonly string[] = ['get', 'getOrThrow', 'getInput', 'getVariable', 'getEnv'];

/** A setting's name, as those readers take it: a word with dots, dashes or underscores (never a URL or path). */
export const SETTING_NAME = /^[\w.-]+$/u;

/** True when the name says Keptn or Cloud Automation at all (`keptnClient`, `KeptnService`). */
export function isKeptnName(name: string): boolean {
  return KEPTN_WORD.test(name);
}

/** A cheap text test: may this source text involve the old header or Keptn at all? */
export const CANDIDATE_SOURCE_PATTERN = /x-token|keptn|cloudautomation|cloud_automation/iu;

/** The Cloud Automation environments and the Dynatrace SSO that issues their tokens. */
export type CloudAutomationEnvironment = 'live' | 'sprint' | 'dev';

interface EnvironmentFacts {
  readonly hostSuffix: string;
  readonly ssoTokenUrl: string;
}

export const environments: Readonly<Record<CloudAutomationEnvironment, EnvironmentFacts>> = {
  live: {
    hostSuffix: '.cloudautomation.live.dynatrace.com',
    ssoTokenUrl: 'https://sso.dynatrace.com/sso/oauth2/token',
  },
  sprint: {
    hostSuffix: '.cloudautomation.sprint.dynatracelabs.com',
    ssoTokenUrl: 'https://sso-sprint.dynatracelabs.com/sso/oauth2/token',
  },
  dev: {
    hostSuffix: '.cloudautomation.dev.dynatracelabs.com',
    ssoTokenUrl: 'https://sso-dev.dynatracelabs.com/sso/oauth2/token',
  },
};

export const DEFAULT_SSO_TOKEN_URL = environments.live.ssoTokenUrl;

/**
 * The environment a host belongs to, or undefined for any other host. The environment id
 * in front may be unknown (a template hole), so only the suffix is compared; a port is ignored.
 */
export function cloudAutomationEnvironment(host: string): CloudAutomationEnvironment | undefined {
  const hostname = host.toLowerCase().replace(/:\d*$/u, '').replace(/\.$/u, '');
  for (const [name, facts] of Object.entries(environments) as [CloudAutomationEnvironment, EnvironmentFacts][]) {
    if (hostname.endsWith(facts.hostSuffix) && hostname.length > facts.hostSuffix.length) return name;
  }
  return undefined;
}

export function isCloudAutomationHost(host: string): boolean {
  return cloudAutomationEnvironment(host) !== undefined;
}

/** The SSO token URL that serves a Cloud Automation host; live SSO for hosts we cannot place. */
export function ssoTokenUrlForHost(host: string): string {
  const environment = cloudAutomationEnvironment(host);
  return environment ? environments[environment].ssoTokenUrl : DEFAULT_SSO_TOKEN_URL;
}

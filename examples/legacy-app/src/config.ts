/**
 * Where the Cloud Automation API lives and how this service proves who it is.
 * KEPTN_ENDPOINT includes the `/api` base: https://<env-id>.cloudautomation.live.dynatrace.com/api
 */
export interface KeptnConfig {
  readonly endpoint: string;
  readonly apiToken: string | undefined;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): KeptnConfig {
  const endpoint = env.KEPTN_ENDPOINT;
  if (!endpoint) {
    throw new Error('KEPTN_ENDPOINT is not set (expected https://<env-id>.cloudautomation.live.dynatrace.com/api)');
  }
  return {
    endpoint: endpoint.replace(/\/+$/, ''),
    apiToken: env.KEPTN_API_TOKEN,
  };
}

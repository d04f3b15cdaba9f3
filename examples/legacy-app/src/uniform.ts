import got from 'got';
import { loadConfig } from './config.js';

const config = loadConfig();

// got wants the prefix to end with a slash and the paths below to start without one.
const keptn = got.extend({
  prefixUrl: `${config.endpoint}/`,
  headers: {
    'x-token': config.apiToken ?? '',
  },
  timeout: { request: 10_000 },
  retry: { limit: 0 },
});

export interface IntegrationRegistration {
  readonly name: string;
  readonly metadata: {
    readonly hostname: string;
    readonly integrationversion: string;
    readonly distributorversion: string;
    readonly location: string;
    readonly kubernetesmetadata: { readonly namespace: string };
  };
  readonly subscriptions: readonly { event: string; filter: { projects: string[] } }[];
}

/** Tells Keptn's uniform that this integration exists and which events it wants. */
export async function registerIntegration(registration: IntegrationRegistration): Promise<string> {
  const { id } = await keptn
    .post('controlPlane/v1/uniform/registration', { json: registration })
    .json<{ id: string }>();
  return id;
}

import https from 'node:https';
import fetch from 'node-fetch';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';
const keepAlive = new https.Agent({ keepAlive: true });

/** node-fetch's own options (the global fetch ignores them): the request keeps node-fetch and takes the token in its headers. */
export async function getProjects(): Promise<unknown> {
  const response = await fetch(`${KEPTN_ENDPOINT}/controlPlane/v1/project`, { agent: keepAlive, headers: { Authorization: await oauthClientFromEnv().authorizationHeader() } });
  return response.json();
}

export function getStages(project: string) {
  return oauthClientFromEnv().authorizationHeader().then((authorization) => fetch(`${KEPTN_ENDPOINT}/controlPlane/v1/project/${project}/stage`, { headers: { accept: 'application/json', Authorization: authorization }, follow: 0 }))
    .then((response) => response.json());
}

/** Without node-fetch's options the helper's fetch sends the same: it takes over. */
export async function getMetadata(): Promise<unknown> {
  const response = await oauthClientFromEnv().fetch(`${KEPTN_ENDPOINT}/v1/metadata`);
  return response.json();
}

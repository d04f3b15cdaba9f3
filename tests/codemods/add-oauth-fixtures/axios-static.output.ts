import axios from 'axios';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const keptnApiUrl = process.env.KEPTN_API_URL ?? '';

export async function triggered(type: string): Promise<unknown> {
  const { data } = await axios.get(`${keptnApiUrl}/controlPlane/v1/event/triggered/${type}`, { headers: { Authorization: await oauthClientFromEnv().authorizationHeader() } });
  return data;
}

export async function send(event: object): Promise<void> {
  await axios.post(`${keptnApiUrl}/v1/event`, event, { headers: { 'Content-Type': 'application/json', Authorization: await oauthClientFromEnv().authorizationHeader() } });
}

export function stages(project: string): Promise<unknown> {
  return oauthClientFromEnv().authorizationHeader().then((authorization) => axios.get(`${keptnApiUrl}/controlPlane/v1/project/${project}/stage`, { timeout: 5000, headers: { Authorization: authorization } }));
}

import got from 'got';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';

export async function uniform(): Promise<unknown> {
  return got(`${KEPTN_ENDPOINT}/controlPlane/v1/uniform/registration`, { responseType: 'json', headers: { Authorization: await oauthClientFromEnv().authorizationHeader() } });
}

export function logs(): Promise<unknown> {
  return got.get(`${KEPTN_ENDPOINT}/controlPlane/v1/log`, { hooks: oauthClientFromEnv().gotHooks({ audience: KEPTN_ENDPOINT }) }).json();
}

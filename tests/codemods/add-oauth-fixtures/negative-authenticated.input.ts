import axios from 'axios';
import got from 'got';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';
const client = oauthClientFromEnv();
const http = client.attachToAxios(axios.create({ baseURL: `${KEPTN_ENDPOINT}/api` }));
const keptn = got.extend({ prefixUrl: `${KEPTN_ENDPOINT}/`, hooks: client.gotHooks() });

export async function all(bearer: string): Promise<unknown[]> {
  return Promise.all([
    client.fetch(`${KEPTN_ENDPOINT}/v1/metadata`),
    oauthClientFromEnv().fetch(`${KEPTN_ENDPOINT}/controlPlane/v1/project/sockshop/stage`),
    fetch(`${KEPTN_ENDPOINT}/controlPlane/v1/project`, { headers: { Authorization: `Bearer ${bearer}` } }),
    http.get('/controlPlane/v1/project'),
    keptn.get('v1/metadata').json(),
    axios.get(`${KEPTN_ENDPOINT}/v1/event`, { headers: { authorization: await client.authorizationHeader() } }),
  ]);
}

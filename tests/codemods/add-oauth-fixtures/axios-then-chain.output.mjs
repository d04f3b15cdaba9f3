import axios from 'axios';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT;

export function sequences(project) {
  return oauthClientFromEnv().authorizationHeader().then((authorization) => axios.get(`${KEPTN_ENDPOINT}/controlPlane/v1/sequence/${project}`, { headers: { Authorization: authorization } })).then((response) => response.data);
}

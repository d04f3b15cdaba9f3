// ky with per-request headers, and superagent with `.set(…)` chained on the request.
import ky from 'ky';
import superagent from 'superagent';

const KEPTN_API_URL = process.env.KEPTN_API_URL ?? '';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';

export async function serviceResourceStatus(project) {
  const response = await ky.get(`${KEPTN_API_URL}/resource-service/v1/project/${project}/resource`, {
    headers: { accept: 'application/json', 'x-token': KEPTN_API_TOKEN },
    throwHttpErrors: false,
  });
  return response.status;
}

export async function eventStatus(project) {
  const response = await superagent
    .post(`${KEPTN_API_URL}/v1/event`)
    .set('x-token', KEPTN_API_TOKEN)
    .ok(() => true)
    .send({ type: 'sh.keptn.event.dev.delivery.triggered', source: 'forms-app', data: { project } });
  return response.status;
}

export async function sequenceStateStatus(project) {
  const response = await superagent
    .get(`${KEPTN_API_URL}/controlPlane/v1/sequence/${project}`)
    .set({ 'x-token': KEPTN_API_TOKEN, accept: 'application/json' })
    .ok(() => true);
  return response.status;
}

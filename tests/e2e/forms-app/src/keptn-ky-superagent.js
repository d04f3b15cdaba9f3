// ky with per-request headers (in async code, in a plain function returning ky's promise, and as
// an instance's defaults), and superagent with `.set(…)` chained on the request.
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

// One ky instance for the control plane, the legacy token in its default headers.
const controlPlane = ky.create({ prefixUrl: `${KEPTN_API_URL}/controlPlane/v1`, headers: { 'x-token': KEPTN_API_TOKEN }, throwHttpErrors: false });

export async function stagesStatus(project) {
  const response = await controlPlane.get(`project/${project}/stage`);
  return response.status;
}

// Not async: it hands back ky's promise, chained.
export function uniformStatus() {
  return ky
    .get(`${KEPTN_API_URL}/controlPlane/v1/uniform/registration`, { headers: { 'x-token': KEPTN_API_TOKEN }, throwHttpErrors: false })
    .then((response) => response.status);
}

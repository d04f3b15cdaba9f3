// Old service code: node's http, wrapped in promises by hand.
import http from 'node:http';

const KEPTN_API_URL = process.env.KEPTN_API_URL ?? '';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';

function read(response, resolve) {
  let data = '';
  response.on('data', (chunk) => { data += chunk; });
  response.on('end', () => resolve({ status: response.statusCode, body: data }));
}

export async function metadataStatus() {
  const { status } = await new Promise((resolve, reject) => {
    const request = http.request(`${KEPTN_API_URL}/v1/metadata`, { headers: { accept: 'application/json', 'x-token': KEPTN_API_TOKEN } }, (response) => read(response, resolve));
    request.on('error', reject);
    request.end();
  });
  return status;
}

export async function projectStatus(project) {
  const options = { method: 'GET' };
  options.headers = { 'x-token': KEPTN_API_TOKEN };
  const { status } = await new Promise((resolve, reject) => {
    http.request(`${KEPTN_API_URL}/controlPlane/v1/project/${project}`, options, (response) => read(response, resolve)).on('error', reject).end();
  });
  return status;
}

// Callback style, as older services wrote it: nothing here can await, and the caller gets the request back.
export function sendEvent(event, callback) {
  const request = http.request(`${KEPTN_API_URL}/v1/event`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-token': KEPTN_API_TOKEN } }, (response) => read(response, ({ status }) => callback(null, status)));
  request.on('error', callback);
  request.write(JSON.stringify(event));
  request.end();
  return request;
}

export function stages(project, callback) {
  http.get(`${KEPTN_API_URL}/controlPlane/v1/project/${project}/stage`, { headers: { 'x-token': KEPTN_API_TOKEN } }, (response) => read(response, ({ status }) => callback(null, status))).on('error', callback);
}

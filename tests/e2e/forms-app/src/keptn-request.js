// The request package, callbacks all the way, as services written before 2020 used it: nothing
// here is async, and nothing reads what the calls return.
import request from 'request';

const KEPTN_API_URL = process.env.KEPTN_API_URL ?? '';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';

const keptnApi = request.defaults({ baseUrl: KEPTN_API_URL, headers: { 'x-token': KEPTN_API_TOKEN }, json: true });

export function serviceNames(project, stage, callback) {
  keptnApi.get(`/controlPlane/v1/project/${project}/stage/${stage}/service`, (error, response) => callback(error, response?.statusCode));
}

export function triggerEvent(event, callback) {
  request.post({ url: `${KEPTN_API_URL}/v1/event`, body: JSON.stringify(event), headers: { 'content-type': 'application/json', 'x-token': KEPTN_API_TOKEN } }, (error, response) => callback(error, response?.statusCode));
}

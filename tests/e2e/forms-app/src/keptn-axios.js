// A headers helper function shared by the module's calls.
import axios from 'axios';

const KEPTN_API_URL = process.env.KEPTN_API_URL ?? '';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';

function keptnHeaders() {
  return { 'x-token': KEPTN_API_TOKEN, 'content-type': 'application/json' };
}

export async function stageStatus(project) {
  const response = await axios.get(`${KEPTN_API_URL}/controlPlane/v1/project/${project}/stage`, { headers: keptnHeaders(), validateStatus: () => true });
  return response.status;
}

export function serviceStatus(project, stage) {
  return axios
    .get(`${KEPTN_API_URL}/controlPlane/v1/project/${project}/stage/${stage}/service`, { headers: keptnHeaders(), validateStatus: () => true })
    .then((response) => response.status);
}

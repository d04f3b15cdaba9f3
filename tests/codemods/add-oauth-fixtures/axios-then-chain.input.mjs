import axios from 'axios';

const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT;

export function sequences(project) {
  return axios.get(`${KEPTN_ENDPOINT}/controlPlane/v1/sequence/${project}`).then((response) => response.data);
}

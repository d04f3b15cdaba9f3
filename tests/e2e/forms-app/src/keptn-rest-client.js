// An Azure DevOps task's client: typed-rest-client's RestClient made with the API base, the token in
// each request's `additionalHeaders`, and an instance made with the token in its default headers.
import { RestClient } from 'typed-rest-client';

const KEPTN_API_URL = process.env.KEPTN_API_URL ?? '';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';
const rest = new RestClient('keptn-forms-e2e', KEPTN_API_URL);

export async function restMetadataStatus() {
  const response = await rest.get('v1/metadata', { additionalHeaders: { 'x-token': KEPTN_API_TOKEN } });
  return response.statusCode;
}

// A plain function returning the request's promise.
export function restStagesStatus(project) {
  return rest.get(`controlPlane/v1/project/${project}/stage`, { additionalHeaders: { 'x-token': KEPTN_API_TOKEN } }).then((response) => response.statusCode);
}

// Made with the token in its default headers, used here for requests only.
const withDefaults = new RestClient('keptn-forms-e2e', KEPTN_API_URL, [], { headers: { 'x-token': KEPTN_API_TOKEN } });

export async function restServicesStatus(project, stage) {
  const response = await withDefaults.get(`controlPlane/v1/project/${project}/stage/${stage}/service`, { additionalHeaders: { accept: 'application/json' } });
  return response.statusCode;
}

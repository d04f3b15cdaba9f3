// A GitHub Action's client: one @actions/http-client instance, the headers passed with each call.
import { HttpClient } from '@actions/http-client';

const KEPTN_API_URL = process.env.KEPTN_API_URL ?? '';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';
const http = new HttpClient('keptn-forms-e2e');

export async function actionMetadataStatus() {
  const response = await http.getJson(`${KEPTN_API_URL}/v1/metadata`, { 'x-token': KEPTN_API_TOKEN });
  return response.statusCode;
}

// Headers built once, sent from a plain function that returns the request's promise.
const keptnHeaders = { accept: 'application/json', 'x-token': KEPTN_API_TOKEN };

export function actionServiceStatus(project, stage) {
  return http.get(`${KEPTN_API_URL}/controlPlane/v1/project/${project}/stage/${stage}/service`, keptnHeaders).then(async (response) => {
    await response.readBody();
    return response.message.statusCode;
  });
}

// An instance made with the token in its default headers, used here for requests only.
const withDefaults = new HttpClient('keptn-forms-e2e', [], { headers: { 'x-token': KEPTN_API_TOKEN } });

export async function actionStagesStatus(project) {
  const response = await withDefaults.get(`${KEPTN_API_URL}/controlPlane/v1/project/${project}/stage`);
  await response.readBody();
  return response.message.statusCode;
}

export function actionTriggeredStatus(type) {
  return withDefaults.getJson(`${KEPTN_API_URL}/controlPlane/v1/event/triggered/${type}`, { accept: 'application/json' }).then((response) => response.statusCode);
}

// A GitHub Action that reaches Cloud Automation with no credentials yet: @actions/http-client,
// the headers an argument of their own.
import { HttpClient } from '@actions/http-client';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const keptnApiUrl = 'https://abc12345.cloudautomation.live.dynatrace.com/api';
const http = new HttpClient('keptn-github-action');

export async function triggerEvaluation(project: string): Promise<unknown> {
  const response = await http.postJson(`${keptnApiUrl}/v1/event`, { type: 'sh.keptn.event.evaluation.triggered', data: { project } }, { accept: 'application/json', Authorization: await oauthClientFromEnv().authorizationHeader() });
  return response.result;
}

export async function projects(): Promise<unknown> {
  return (await http.getJson(`${keptnApiUrl}/controlPlane/v1/project`, { Authorization: await oauthClientFromEnv().authorizationHeader() })).result;
}

// Outside an async function: chained behind the token, still a promise of the response.
export function deleteProject(project: string): Promise<number | undefined> {
  return oauthClientFromEnv().authorizationHeader().then((authorization) => http.del(`${keptnApiUrl}/controlPlane/v1/project/${project}`, { Authorization: authorization })).then((response) => response.message.statusCode);
}

// Headers built elsewhere: marked, the codemod does not know what else reads them.
const shared = { accept: 'application/json' };
export async function stages(project: string): Promise<unknown> {
  // @cloud-automation-migrate the headers are built elsewhere (`shared`); send `Authorization: await client.authorizationHeader()` from the OAuth helper where the headers are built
  return (await http.getJson(`${keptnApiUrl}/controlPlane/v1/project/${project}/stage`, shared)).result;
}

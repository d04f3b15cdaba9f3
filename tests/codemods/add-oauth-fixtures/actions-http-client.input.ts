// A GitHub Action that reaches Cloud Automation with no credentials yet: @actions/http-client,
// the headers an argument of their own.
import { HttpClient } from '@actions/http-client';

const keptnApiUrl = 'https://abc12345.cloudautomation.live.dynatrace.com/api';
const http = new HttpClient('keptn-github-action');

export async function triggerEvaluation(project: string): Promise<unknown> {
  const response = await http.postJson(`${keptnApiUrl}/v1/event`, { type: 'sh.keptn.event.evaluation.triggered', data: { project } }, { accept: 'application/json' });
  return response.result;
}

export async function projects(): Promise<unknown> {
  return (await http.getJson(`${keptnApiUrl}/controlPlane/v1/project`)).result;
}

// Outside an async function: chained behind the token, still a promise of the response.
export function deleteProject(project: string): Promise<number | undefined> {
  return http.del(`${keptnApiUrl}/controlPlane/v1/project/${project}`).then((response) => response.message.statusCode);
}

// Headers built elsewhere: marked, the codemod does not know what else reads them.
const shared = { accept: 'application/json' };
export async function stages(project: string): Promise<unknown> {
  return (await http.getJson(`${keptnApiUrl}/controlPlane/v1/project/${project}/stage`, shared)).result;
}

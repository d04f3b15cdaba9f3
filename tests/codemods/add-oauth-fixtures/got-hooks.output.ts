// got requests without credentials outside async functions get the helper's hooks; options that
// carry hooks or headers of their own keep them (a second `hooks` member would replace the first).
import got, { type OptionsOfJSONResponseBody } from 'got';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';

export function logged(): Promise<unknown> {
  return got(`${KEPTN_ENDPOINT}/controlPlane/v1/project`, { hooks: { beforeRequest: [(options) => { console.log(String(options.url)); }, ...oauthClientFromEnv().gotHooks({ audience: KEPTN_ENDPOINT }).beforeRequest], afterResponse: oauthClientFromEnv().gotHooks({ audience: KEPTN_ENDPOINT }).afterResponse } }).json();
}

export function sequences(options: OptionsOfJSONResponseBody, project: string): Promise<unknown> {
  return got(`${KEPTN_ENDPOINT}/controlPlane/v1/sequence/${project}`, { ...options, headers: { accept: 'application/json' }, hooks: oauthClientFromEnv().gotHooks({ audience: KEPTN_ENDPOINT, hooks: options.hooks }) }).json();
}

// An instance keeps its headers, and got.extend joins the hooks of its arguments.
const keptn = got.extend({ prefixUrl: `${KEPTN_ENDPOINT}/controlPlane/v1`, headers: { accept: 'application/json' }, hooks: oauthClientFromEnv().gotHooks({ audience: KEPTN_ENDPOINT }) });
const datastore = got.extend({ ...sharedOptions(), prefixUrl: `${KEPTN_ENDPOINT}/mongodb-datastore` }, { hooks: oauthClientFromEnv().gotHooks({ audience: KEPTN_ENDPOINT }) });

export function stages(project: string): Promise<unknown> {
  return keptn.get(`project/${project}/stage`).json();
}

export function events(): Promise<unknown> {
  return datastore.get('event').json();
}

function sharedOptions(): OptionsOfJSONResponseBody {
  return { hooks: { beforeRequest: [(options) => { options.headers['x-request-id'] = 'r1'; }] } };
}

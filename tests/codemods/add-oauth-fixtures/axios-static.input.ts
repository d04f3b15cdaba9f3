import axios, { type AxiosRequestConfig } from 'axios';

const keptnApiUrl = process.env.KEPTN_API_URL ?? '';

export async function triggered(type: string): Promise<unknown> {
  const { data } = await axios.get(`${keptnApiUrl}/controlPlane/v1/event/triggered/${type}`);
  return data;
}

export async function send(event: object): Promise<void> {
  await axios.post(`${keptnApiUrl}/v1/event`, event, { headers: { 'Content-Type': 'application/json' } });
}

export function stages(project: string): Promise<unknown> {
  return axios.get(`${keptnApiUrl}/controlPlane/v1/project/${project}/stage`, { timeout: 5000 });
}

// Options built for the one request just after them: written where they are built.
export async function services(project: string, stage: string): Promise<unknown> {
  const options = { params: { pageSize: 50 }, timeout: 5000 };
  const { data } = await axios.get(`${keptnApiUrl}/controlPlane/v1/project/${project}/stage/${stage}/service`, options);
  return data;
}

// Options shared by two requests: each takes a copy with the token in it, made at the call.
export async function sequences(project: string): Promise<unknown[]> {
  const options = { headers: { accept: 'application/json' } };
  const first = await axios.get(`${keptnApiUrl}/controlPlane/v1/sequence/${project}?pageSize=10`, options);
  const next = await axios.get(`${keptnApiUrl}/controlPlane/v1/sequence/${project}?pageSize=10&nextPageKey=10`, options);
  return [first.data, next.data];
}

// The options object is the only argument, filled in before the call: axios ignores a second one,
// so the copy with the token goes where the object was.
export async function eventsOfContext(keptnContext: string): Promise<unknown> {
  const options: AxiosRequestConfig = {};
  options.url = `${keptnApiUrl}/mongodb-datastore/event`;
  options.method = 'GET';
  options.params = { keptnContext };
  const response = await axios(options);
  return response.data;
}

// Options handed in by the caller, who may pass none: left for a person.
export async function sequencePage(project: string, options?: AxiosRequestConfig): Promise<unknown> {
  const { data } = await axios.get(`${keptnApiUrl}/controlPlane/v1/sequence/${project}`, options);
  return data;
}

import axios from 'axios';

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

import axios from 'axios';

// The integration's dependencies, built once and handed to each step.
export const deps = {
  keptn: axios.create({ baseURL: process.env.KEPTN_API_URL, timeout: 10_000 }),
  retries: 3,
};

export async function projects(): Promise<unknown> {
  const { data } = await deps.keptn.get('/controlPlane/v1/project');
  return data;
}

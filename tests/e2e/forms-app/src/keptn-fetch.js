// fetch with a Request object built first.
const KEPTN_API_URL = process.env.KEPTN_API_URL ?? '';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';

export async function sequenceStatus(project) {
  const request = new Request(`${KEPTN_API_URL}/controlPlane/v1/sequence/${project}`, { headers: { 'x-token': KEPTN_API_TOKEN } });
  const response = await fetch(request);
  return response.status;
}

// A Request handed straight to fetch in a plain function that returns the promise.
export function projectsStatus() {
  return fetch(new Request(`${KEPTN_API_URL}/controlPlane/v1/project`, { headers: { accept: 'application/json', 'x-token': KEPTN_API_TOKEN } })).then((response) => response.status);
}

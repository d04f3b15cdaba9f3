const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';

// x-token-to-oauth migrates this one; add-oauth leaves it alone.
export async function projects(): Promise<unknown> {
  const response = await fetch(`${KEPTN_ENDPOINT}/controlPlane/v1/project`, { headers: { 'x-token': KEPTN_API_TOKEN } });
  return response.json();
}

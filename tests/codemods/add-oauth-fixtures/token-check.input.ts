const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';

export async function canReachKeptn(): Promise<boolean> {
  const response = await fetch(`${KEPTN_ENDPOINT}/v1/auth`, { method: 'POST' });
  return response.ok;
}

export async function tokenOwner(): Promise<unknown> {
  const response = await fetch(`${KEPTN_ENDPOINT}/v1/auth`, { method: 'POST' });
  return response.json();
}

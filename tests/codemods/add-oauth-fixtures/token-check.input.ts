import axios from 'axios';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';

export async function canReachKeptn(): Promise<boolean> {
  const response = await fetch(`${KEPTN_ENDPOINT}/v1/auth`, { method: 'POST' });
  return response.ok;
}

export async function tokenOwner(): Promise<unknown> {
  const response = await fetch(`${KEPTN_ENDPOINT}/v1/auth`, { method: 'POST' });
  return response.json();
}

// An instance the helper already authorizes (a file migrated before the instance's checks were rewritten).
const keptn = oauthClientFromEnv().attachToAxios(axios.create({ baseURL: KEPTN_ENDPOINT }));

export async function instanceReachable(): Promise<boolean> {
  const { status } = await keptn.post('/v1/auth');
  return status === 200;
}

// A plain axios check with no credential: add-oauth does not add one to a token check.
export async function plainCheck(): Promise<boolean> {
  const { status } = await axios.post(`${KEPTN_ENDPOINT}/v1/auth`);
  return status === 200;
}

import axios from 'axios';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';

export async function canReachKeptn(): Promise<boolean> {
  const response = await oauthClientFromEnv().fetch(`${KEPTN_ENDPOINT}/v1/metadata`);
  return response.ok;
}

export async function tokenOwner(): Promise<unknown> {
  // @cloud-automation-migrate POST /api/v1/auth only checks the old API token and means nothing under OAuth, and its response is not read only for success or failure where the codemod can see it, and a metadata read answers with other data; delete this check, or call GET /api/v1/metadata (cloudautomation:metadata:read) through the helper
  const response = await fetch(`${KEPTN_ENDPOINT}/v1/auth`, { method: 'POST' });
  return response.json();
}

// An instance the helper already authorizes (a file migrated before the instance's checks were rewritten).
const keptn = oauthClientFromEnv().attachToAxios(axios.create({ baseURL: KEPTN_ENDPOINT }));

export async function instanceReachable(): Promise<boolean> {
  const { status } = await keptn.get('/v1/metadata');
  return status === 200;
}

// A plain axios check with no credential: add-oauth does not add one to a token check.
export async function plainCheck(): Promise<boolean> {
  // @cloud-automation-migrate POST /api/v1/auth only checks the old API token and means nothing under OAuth, and add-oauth rewrites token checks only through fetch or an instance the OAuth helper authorizes; delete this check, or call GET /api/v1/metadata (cloudautomation:metadata:read) through the helper
  const { status } = await axios.post(`${KEPTN_ENDPOINT}/v1/auth`);
  return status === 200;
}

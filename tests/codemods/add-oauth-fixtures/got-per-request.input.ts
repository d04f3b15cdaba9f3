import got from 'got';

const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';

export async function uniform(): Promise<unknown> {
  return got(`${KEPTN_ENDPOINT}/controlPlane/v1/uniform/registration`, { responseType: 'json' });
}

export function logs(): Promise<unknown> {
  return got.get(`${KEPTN_ENDPOINT}/controlPlane/v1/log`).json();
}

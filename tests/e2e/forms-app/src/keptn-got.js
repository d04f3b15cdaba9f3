// got requests whose options carry hooks of the caller's own: a plain function returning got's
// promise, whose options are spread from the caller's (the helper's hooks must take those along,
// not replace them), and an instance with hooks of its own next to the legacy token.
import got from 'got';

const KEPTN_API_URL = process.env.KEPTN_API_URL ?? '';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';

/** Options a caller passes in: a hook that tags each request, as tracing middleware would. */
export const taggedOptions = {
  hooks: {
    beforeRequest: [
      (options) => {
        options.headers['x-request-id'] = 'forms-app-got';
      },
    ],
  },
  throwHttpErrors: false,
};

// Not async: it hands back got's promise, chained.
export function gotMetadataStatus(options) {
  return got(`${KEPTN_API_URL}/v1/metadata`, { ...options, headers: { 'x-token': KEPTN_API_TOKEN } }).then((response) => response.statusCode);
}

const controlPlane = got.extend({
  prefixUrl: `${KEPTN_API_URL}/controlPlane/v1`,
  headers: { 'x-token': KEPTN_API_TOKEN },
  throwHttpErrors: false,
  hooks: {
    beforeRequest: [
      (options) => {
        options.headers['x-request-id'] = 'forms-app-got-instance';
      },
    ],
  },
});

export async function gotProjectStatus(project) {
  const response = await controlPlane.get(`project/${project}`);
  return response.statusCode;
}

import got from 'got';
import { oauthClientFromEnv } from 'cloud-automation-oauth';

const keptn = got.extend({
  prefixUrl: `${process.env.KEPTN_ENDPOINT ?? ''}/`,
  timeout: { request: 10_000 },
  hooks: oauthClientFromEnv().gotHooks({ audience: process.env.KEPTN_ENDPOINT ?? '' }),
});

export async function metadata(): Promise<unknown> {
  return keptn.get('v1/metadata').json();
}

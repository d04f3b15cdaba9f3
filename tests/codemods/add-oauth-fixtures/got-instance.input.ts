import got from 'got';

const keptn = got.extend({
  prefixUrl: `${process.env.KEPTN_ENDPOINT ?? ''}/`,
  timeout: { request: 10_000 },
});

export async function metadata(): Promise<unknown> {
  return keptn.get('v1/metadata').json();
}

import { loadConfig } from './config.js';

const { endpoint: KEPTN_ENDPOINT } = loadConfig();
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';

export interface CloudEvent {
  readonly type: string;
  readonly source: string;
  readonly specversion: '1.0';
  readonly shkeptncontext?: string;
  readonly data: Record<string, unknown>;
}

/** Sends a CloudEvent to Keptn; the answer carries the Keptn context that ties the sequence together. */
export async function sendEvent(event: CloudEvent): Promise<{ keptnContext: string }> {
  const response = await fetch(`${KEPTN_ENDPOINT}/v1/event`, {
    method: 'POST',
    headers: {
      'Content-Type': 'application/json',
      'x-token': KEPTN_API_TOKEN,
    },
    body: JSON.stringify(event),
  });
  if (!response.ok) {
    throw new Error(`sending ${event.type} failed: HTTP ${response.status}`);
  }
  return (await response.json()) as { keptnContext: string };
}

/** Old habit from the API-token days: ask Keptn whether the token is still accepted before starting. */
export async function checkToken(): Promise<boolean> {
  const response = await fetch(`${KEPTN_ENDPOINT}/v1/auth`, {
    method: 'POST',
    headers: { 'x-token': KEPTN_API_TOKEN },
  });
  return response.ok;
}

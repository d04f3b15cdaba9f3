const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? '';

export async function sendEvent(event: object): Promise<void> {
  const response = await fetch(`${KEPTN_ENDPOINT}/v1/event`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(event),
  });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
}

export function projects(): Promise<Response> {
  return fetch('https://abc12345.cloudautomation.live.dynatrace.com/api/controlPlane/v1/project');
}

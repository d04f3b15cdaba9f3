/**
 * One big generated source file: Keptn calls with x-token, ~270 bytes each, until the file
 * holds `bytes` bytes. Shared by bench/large-file.ts and the tests that check its shape.
 */
export function generateLargeFile(bytes: number): string {
  const lines = [
    '// Generated: many Keptn calls in one file, for the file-size scaling benchmark.',
    "const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? 'https://abc12345.cloudautomation.live.dynatrace.com/api';",
    "const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';",
    '',
  ];
  let size = lines.join('\n').length;
  for (let index = 0; size < bytes; index++) {
    const block =
      index % 2 === 0
        ? [
            `export async function metadata${index}(): Promise<unknown> {`,
            `  const response = await fetch(\`\${KEPTN_ENDPOINT}/v1/metadata\`, { headers: { 'x-token': KEPTN_API_TOKEN } });`,
            '  return response.json();',
            '}',
            '',
          ]
        : [
            `export async function trigger${index}(project: string): Promise<Response> {`,
            `  return fetch(\`\${KEPTN_ENDPOINT}/v1/event\`, {`,
            "    method: 'POST',",
            "    headers: { 'Content-Type': 'application/json', 'X-Token': KEPTN_API_TOKEN },",
            `    body: JSON.stringify({ type: 'sh.keptn.event.delivery.triggered', data: { project, n: ${index} } }),`,
            '  });',
            '}',
            '',
          ];
    lines.push(...block);
    size += block.join('\n').length + 1;
  }
  return `${lines.join('\n')}\n`;
}

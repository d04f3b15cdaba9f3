/**
 * A wrapper whose callers give the path, one of them also an init with POST, the others no init:
 * the report pairs each caller's method with that caller's path (red team C #7: the GET caller was
 * said to need events:write "whichever route it hits"). Where the pairing is not followed (a relay
 * between the callers and the request), the report says the routes are an upper bound, never exact.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures');

async function scopesText(file: string): Promise<string> {
  let stdout = '';
  await main(['scopes', file], { cwd: fixtures, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: () => true }, env: {} });
  return stdout;
}

/** The rows of the "needed by" table under one scope (the scope's own row and the ones that follow it). */
function neededBy(text: string, scope: string): string[] {
  const lines = text.split('\n');
  const table = lines.findIndex((line) => /^ {2}scope {2,}needed by$/u.test(line));
  const start = lines.findIndex((line, index) => index > table && line.trimStart().startsWith(`${scope} `));
  if (start < 0) return [];
  const rows = [lines[start] ?? ''];
  for (const line of lines.slice(start + 1)) {
    if (!/^ {43}\S/u.test(line)) break;
    rows.push(line);
  }
  return rows.map((row) => row.trim().replace(scope, '').trim());
}

describe('scopes: each caller of a wrapper with its own method', () => {
  it('names under each scope only the callers whose route needs it', async () => {
    const text = await scopesText('wrapper-pairing.ts');
    expect(neededBy(text, 'cloudautomation:events:write')).toEqual(['wrapper-pairing.ts:7 POST /{…}/v1/event', 'wrapper-pairing.ts:32 POST /{…}/v1/event']);
    expect(neededBy(text, 'cloudautomation:projects:read')).toEqual([
      'wrapper-pairing.ts:7 GET /{…}/controlPlane/v1/project',
      'wrapper-pairing.ts:32 GET /{…}/controlPlane/v1/sequence/{…} | GET /{…}/controlPlane/v1/project',
    ]);
    expect(text).not.toContain('events:write whichever');
  });

  it('calls a pairing it cannot follow an upper bound, not exact', async () => {
    const text = await scopesText('wrapper-pairing.ts');
    expect(text).toContain('OAuth scopes: not exact.');
    expect(text).toMatch(/wrapper-pairing\.ts:55 {2}fetch {2}.*; the code does not show which method goes with which URL, so each is taken with each \(an upper bound\)/u);
  });
});

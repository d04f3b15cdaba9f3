/**
 * A wrapper whose callers give the method: the report names each call's method with its own
 * path (`GET /a | POST /b`), not "(method unknown)", since the analysis reads the wrapper's
 * request once per call and every call pins both.
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

describe('scopes: the methods a wrapper\'s callers give', () => {
  it('names each method with the path of the call that gives it', async () => {
    const text = await scopesText('wrapper-methods.ts');
    expect(text).not.toContain('(method unknown)');
    expect(text).toContain('wrapper-methods.ts:9 GET /{…}/controlPlane/v1/project | POST /{…}/v1/event');
    expect(text).toContain('wrapper-methods.ts:19 GET /{…}/controlPlane/v1/project/{…}/stage | POST /{…}/v1/event');
    expect(text).toContain('wrapper-methods.ts:35 GET /{…}/v1/metadata');
    expect(text).toContain('wrapper-methods.ts:45 DELETE /{…}/controlPlane/v1/project/{…} | POST /{…}/controlPlane/v1/project');
  });
});

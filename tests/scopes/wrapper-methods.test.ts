/**
 * A wrapper whose callers give the method: under each scope the report names the call with the
 * method and path that need it (not its other callers' ways), never "(method unknown)", since
 * the analysis reads the wrapper's request once per call and every call pins both.
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
    // Under each scope, the call with the method and path that need it: not its other callers' ways.
    expect(text).toMatch(/cloudautomation:events:write +wrapper-methods\.ts:9 POST \/\{…\}\/v1\/event\n +wrapper-methods\.ts:19 POST \/\{…\}\/v1\/event\n/u);
    expect(text).toMatch(/cloudautomation:projects:read +wrapper-methods\.ts:9 GET \/\{…\}\/controlPlane\/v1\/project\n/u);
    expect(text).toMatch(/cloudautomation:projects:write +wrapper-methods\.ts:45 POST \/\{…\}\/controlPlane\/v1\/project\n/u);
    expect(text).toMatch(/cloudautomation:projects:delete +wrapper-methods\.ts:45 DELETE \/\{…\}\/controlPlane\/v1\/project\/\{…\}\n/u);
    expect(text).toMatch(/cloudautomation:stages:read +wrapper-methods\.ts:19 GET \/\{…\}\/controlPlane\/v1\/project\/\{…\}\/stage\n/u);
    expect(text).toContain('wrapper-methods.ts:35 GET /{…}/v1/metadata');
  });
});

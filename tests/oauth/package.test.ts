/**
 * The built package as Node and TypeScript resolve it (issue 15): a CommonJS build, an ES module
 * entry that re-exports it (one instance, one cache), declarations older TypeScript can read.
 * The scratch-install check (.ci/oauth-dual-package-check.sh) runs the packed tarball on several
 * TypeScript versions and the minimum Node; this test keeps the same promises in the fast suite.
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const oauthDir = new URL('../../oauth/', import.meta.url);
const manifest = JSON.parse(readFileSync(new URL('package.json', oauthDir), 'utf8')) as {
  engines: { node: string };
  exports: Record<string, unknown>;
  main: string;
  types: string;
  dependencies?: Record<string, string>;
};

describe('cloud-automation-oauth as published', () => {
  it('declares require and import entry points, each with its own types first', () => {
    expect(manifest.exports['.']).toEqual({
      import: { types: './dist/index.d.mts', default: './dist/index.mjs' },
      require: { types: './dist/index.d.ts', default: './dist/index.js' },
    });
    expect([manifest.main, manifest.types]).toEqual(['./dist/index.js', './dist/index.d.ts']);
    expect(manifest.dependencies).toBeUndefined();
    expect(manifest.engines.node).toBe('>=18.17');
  });

  it('marks dist as CommonJS, inside a package whose sources are ES modules', () => {
    expect(JSON.parse(readFileSync(new URL('dist/package.json', oauthDir), 'utf8'))).toEqual({ type: 'commonjs' });
  });

  it('gives import and require the very same objects in Node: one client cache, one error class', () => {
    // A child process: vitest's own module loader would stand between the two entries.
    const script = `
      import { createRequire } from 'node:module';
      const required = createRequire(import.meta.url)(${JSON.stringify(fileURLToPath(new URL('dist/index.js', oauthDir)))});
      const imported = await import(${JSON.stringify(new URL('dist/index.mjs', oauthDir).href)});
      const names = Object.keys(required).filter((name) => name !== '__esModule').sort();
      const env = { DT_CLIENT_ID: 'dt0s02.ABCDEFGH', DT_CLIENT_SECRET: 'dt0s02.ABCDEFGH.' + 'S'.repeat(64), DT_ACCOUNT_URN: 'urn:dtaccount:0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d' };
      console.log(JSON.stringify({
        requiredNames: names,
        importedNames: Object.keys(imported).sort(),
        different: names.filter((name) => imported[name] !== required[name]),
        oneClient: imported.oauthClientFromEnv(env) === required.oauthClientFromEnv(env),
      }));`;
    const result = JSON.parse(execFileSync(process.execPath, ['--no-experimental-require-module', '--input-type=module', '-e', script], { encoding: 'utf8' })) as {
      requiredNames: string[];
      importedNames: string[];
      different: string[];
      oneClient: boolean;
    };
    expect(result.requiredNames).toContain('optionalOAuthClientFromEnv');
    expect(result.importedNames).toEqual(result.requiredNames);
    expect(result.different).toEqual([]);
    expect(result.oneClient).toBe(true);
  });

  it('writes declarations without constructs newer than TypeScript 4.0', () => {
    const dist = new URL('dist/', oauthDir);
    const declarations = readdirSync(dist).filter((file) => /\.d\.m?ts$/u.test(file));
    expect(declarations).toContain('index.d.mts');
    for (const file of declarations) {
      const text = readFileSync(new URL(file, dist), 'utf8');
      // Inline type modifiers (4.5), template literal types (4.1), satisfies/accessor/const type parameters (4.9–5.0).
      for (const pattern of [/[{,]\s*type\s+\w+/u, /`[^`]*\$\{[^`]*`/u, /\bsatisfies\b/u, /\baccessor\s+\w/u, /<const\s/u]) {
        expect(text, `${file}: ${String(pattern)}`).not.toMatch(pattern);
      }
    }
  });
});

/**
 * The plugin package's two entry points: `import` gets the ES module's default export, `require`
 * (CommonJS eslint.config.js, ESLint 8's eslintrc) gets the plugin itself through rules/index.cts,
 * and both are one object. The scratch-install check in .ci/run does the same on the packed
 * tarball with ESLint and tsc; this test keeps the promise in the fast suite.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, expectTypeOf, it } from 'vitest';
import type requiredPlugin from '../../rules/index.cjs';
import plugin from '../../rules/index.js';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const manifest = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
  exports: Record<string, unknown>;
  main: string;
  types: string;
};

describe('eslint-plugin-cloud-automation entry points', () => {
  it('declares an import and a require entry, each with its own types first', () => {
    expect(manifest.exports['.']).toEqual({
      import: { types: './dist/rules/index.d.ts', default: './dist/rules/index.js' },
      require: { types: './dist/rules/index.d.cts', default: './dist/rules/index.cjs' },
    });
    // Resolvers that ignore "exports" (TypeScript's node10) load what require() loads.
    expect([manifest.main, manifest.types]).toEqual(['./dist/rules/index.cjs', './dist/rules/index.d.cts']);
  });

  it('types the required plugin with the same rule names, meta and configs as the imported one', () => {
    expectTypeOf<keyof typeof requiredPlugin.rules>().toEqualTypeOf<keyof typeof plugin.rules>();
    expectTypeOf<typeof requiredPlugin.meta>().toEqualTypeOf<typeof plugin.meta>();
    expectTypeOf<typeof requiredPlugin.configs>().toEqualTypeOf<typeof plugin.configs>();
  });

  it('require() gives the plugin itself, the very object import() gives, in either order', () => {
    if (!existsSync(path.join(repoRoot, 'dist/rules/index.cjs'))) {
      execFileSync('npm', ['run', 'build'], { cwd: repoRoot, stdio: 'ignore' });
    }
    // A child process: Node's own resolution of the package name (self-reference through
    // "exports"), not vitest's module graph.
    const script = `
      const required = require('eslint-plugin-cloud-automation');
      import('eslint-plugin-cloud-automation').then((namespace) => {
        console.log(JSON.stringify({
          keys: Object.keys(required).sort(),
          recommended: Array.isArray(required.configs.recommended),
          same: namespace.default === required,
          plugins: required.configs.recommended[0].plugins['cloud-automation'] === namespace.default,
        }));
      });`;
    const output = execFileSync(process.execPath, ['-e', script], { cwd: repoRoot, encoding: 'utf8' });
    expect(JSON.parse(output)).toEqual({ keys: ['configs', 'meta', 'rules'], recommended: true, same: true, plugins: true });
    const importFirst = `
      import('eslint-plugin-cloud-automation').then((namespace) => {
        console.log(namespace.default === require('eslint-plugin-cloud-automation'));
      });`;
    expect(execFileSync(process.execPath, ['-e', importFirst], { cwd: repoRoot, encoding: 'utf8' }).trim()).toBe('true');
  });
});

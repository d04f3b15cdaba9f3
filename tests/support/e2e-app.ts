import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * A copied e2e app's `node_modules`: axios, got and the rest resolve from the checkout, and the
 * helper resolves to its TypeScript sources, so a test runs today's helper and not a stale build.
 */
export function linkDependencies(modules: string): void {
  mkdirSync(modules);
  for (const entry of readdirSync(path.join(repoRoot, 'node_modules'))) {
    if (entry !== 'cloud-automation-oauth') symlinkSync(path.join(repoRoot, 'node_modules', entry), path.join(modules, entry));
  }
  const helper = path.join(modules, 'cloud-automation-oauth');
  mkdirSync(helper);
  writeFileSync(path.join(helper, 'package.json'), JSON.stringify({ name: 'cloud-automation-oauth', type: 'module', exports: './index.ts' }));
  writeFileSync(path.join(helper, 'index.ts'), `export * from ${JSON.stringify(path.join(repoRoot, 'oauth/src/index.ts'))};\n`);
}

import { execFile } from 'node:child_process';
import { mkdirSync, readdirSync, symlinkSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const tsx = pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href;

/** The package's CLI from today's sources, run in `cwd`; a non-zero exit is returned, not thrown. */
export async function runCli(cwd: string, args: readonly string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await run(process.execPath, ['--import', tsx, path.join(repoRoot, 'cli/index.ts'), ...args], { cwd, timeout: 120_000, maxBuffer: 16 * 1024 * 1024 });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const failure = error as { code?: number; stdout?: string; stderr?: string };
    return { code: failure.code ?? -1, stdout: failure.stdout ?? '', stderr: failure.stderr ?? '' };
  }
}

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

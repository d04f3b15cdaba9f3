/**
 * A monorepo's header builder reached from the app by the package's name (`@acme/keptn-client`,
 * mapped by the base tsconfig's `paths`) through its index's `export *` (red team C #8): the
 * builder's report and the scope report say the same true thing. The scope report counts the
 * app's Keptn request; the builder names that request as going to Cloud Automation and the
 * artifact upload as what holds it back, where it said "nothing shows … (unknown target)".
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { main } from '../../cli/main.js';
import type { MigrationReport } from '../../cli/report.js';

const monorepo = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'agreement', 'fixtures', 'monorepo');

async function dryRun(): Promise<MigrationReport> {
  let stdout = '';
  let stderr = '';
  const code = await main(['migrate', '--dry', '--json', '.'], { cwd: monorepo, stdout: { write: (text: string) => (stdout += text) }, stderr: { write: (text: string) => (stderr += text) }, env: {} });
  if (code === 2) throw new Error(`migrate failed: ${stderr}`);
  return JSON.parse(stdout) as MigrationReport;
}

describe('monorepo: a builder behind a package name and an export * barrel', () => {
  it('names the Cloud Automation request the scope report counts, and the other service that holds it back', async () => {
    const report = await dryRun();
    expect(report.scopes.calls.map((call) => `${call.file}:${call.line}`)).toEqual(['packages/app/src/deploy.ts:7']);
    const builder = report.manual.filter((site) => site.file === 'packages/keptn-client/src/headers.ts');
    expect(builder).toHaveLength(1);
    const [site] = builder;
    expect(site?.why).not.toContain('unknown target');
    expect(site?.why).not.toContain('nothing shows');
    expect(site?.why).toContain('one to Cloud Automation (../../app/src/deploy.ts:7)');
    expect(site?.why).toContain('another request at ../../app/src/deploy.ts:13, and its host https://artifactory.acme.io is written out and is no Cloud Automation host');
    expect(report.migrated.filter((migrated) => migrated.file === 'packages/keptn-client/src/headers.ts')).toEqual([]);
  });
});

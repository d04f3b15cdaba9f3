// Share of x-token sites migrated automatically, and files a second run changes, over three sets:
// the codemod fixtures and the example app (the set issue 12 names), the apps alone (the example
// app and the e2e apps: whole programs in the shapes real integrations use, no negative cases),
// and every fixture folder of the repository that holds request code. Sites not migrated are
// grouped by why: below `likely` (never rewritten without --include-unsure), token checks left
// marked (read for more than success or failure, or sending a body), and other forms marked as
// unsafe to rewrite; sites the code shows go to another service (a host written out, a session
// token read from a response) are no Cloud Automation sites and count apart. The headline share
// counts every site with Cloud Automation evidence.
// Run: npx tsx scripts/x-token-coverage.ts
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTransform } from '../tests/codemods/run-transform.js';
import type { TransformOptions } from '../codemods/report.js';
import { TOKEN_CHECK_WHY } from '../core/index.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inputs: { file: string; options: TransformOptions }[] = [];
const fixtures = path.join(root, 'tests/codemods/fixtures');
for (const name of readdirSync(fixtures)) {
  if (!/\.input\.\w+$/u.test(name)) continue;
  const optionsFile = path.join(fixtures, name.replace(/\.input\.\w+$/u, '.options.json'));
  inputs.push({ file: path.join(fixtures, name), options: existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as TransformOptions) : {} });
}
const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => { const full = path.join(dir, name); return statSync(full).isDirectory() ? walk(full) : [full]; });
const sourceFile = (file: string): boolean => /\.(ts|js|mjs|cjs|tsx)$/u.test(file) && !file.includes('.output.') && !file.includes('/node_modules/');
// A folder is one migrate run, as the CLI runs it: header builders hand the token to callers in it.
for (const dir of ['tests/codemods/fixtures/project/src', 'tests/codemods/fixtures/commonjs-project', 'tests/codemods/fixtures/esm-package', 'tests/codemods/fixtures/module-style', 'tests/codemods/fixtures/no-global-fetch/src', 'examples/legacy-app/src']) {
  const runFiles = walk(path.join(root, dir)).filter(sourceFile);
  for (const file of runFiles) inputs.push({ file, options: { runFiles } });
}
const narrow = inputs.length;
const apps = new Set<string>();
for (const dir of ['examples/legacy-app/src', 'tests/e2e/shared-instance-app/src', 'tests/e2e/forms-app/src']) {
  for (const file of walk(path.join(root, dir))) if (sourceFile(file)) apps.add(file);
}
for (const dir of ['tests/agreement/fixtures', 'tests/cli/fixtures/runtime', 'tests/e2e/shared-instance-app/src', 'tests/e2e/forms-app/src', 'tests/rules/fixtures/integration/src', 'tests/rules/fixtures/request-rules', 'tests/scopes/fixtures']) {
  for (const file of walk(path.join(root, dir))) if (sourceFile(file)) inputs.push({ file, options: {} });
}

interface Tally { files: number; migrated: number; unsure: number; elsewhere: number; tokenChecks: string[]; marked: string[]; unstable: number }
const tally = (): Tally => ({ files: 0, migrated: 0, unsure: 0, elsewhere: 0, tokenChecks: [], marked: [], unstable: 0 });
const sets = { issue: tally(), apps: tally(), all: tally() };
const setNames: Record<keyof typeof sets, string> = { issue: 'codemod fixtures + example app', apps: 'the example and e2e apps', all: 'every fixture folder' };
inputs.forEach(({ file, options }, index) => {
  const source = readFileSync(file, 'utf8');
  const { output, report } = runTransform(file, source, options);
  if (report?.error) { console.log('ERROR', file, report.error); return; }
  const counted = [...(index < narrow ? [sets.issue] : []), ...(apps.has(file) ? [sets.apps] : []), sets.all];
  let unstable = false;
  if (output !== undefined) {
    // Per file: the migrated folder is not on disk, and its builders (their x-token gone) hand nothing on again.
    const second = runTransform(file, output, { ...options, runFiles: undefined });
    unstable = second.output !== undefined || second.report?.error !== undefined;
    if (unstable) console.log('UNSTABLE', file);
  }
  for (const set of counted) {
    set.files++;
    set.migrated += report?.migrated.length ?? 0;
    if (unstable) set.unstable++;
    for (const site of (report?.manual ?? []).filter((entry) => /x-token/u.test(entry.what))) {
      if (site.elsewhere === true) set.elsewhere++;
      // Below likely: nothing shows Cloud Automation, or one URL it may use is another host written out (a mixed target);
      // or the entry states a confidence below likely (a call no client spec describes).
      else if (site.confidence === 'possible' || site.confidence === 'unknown' || /^nothing shows that (?:this request goes|the requests in other modules that send this header go) to Cloud Automation|may go to a self-hosted Keptn, which takes only the x-token \((?:possible|unknown) target\)$/u.test(site.why)) set.unsure++;
      else if (site.why.startsWith(TOKEN_CHECK_WHY)) set.tokenChecks.push(`${path.relative(root, file)}:${site.line} ${site.why}`);
      else set.marked.push(`${path.relative(root, file)}:${site.line} ${site.why}`);
    }
  }
});
const percent = (part: number, whole: number): string => `${(100 * part / whole).toFixed(1)} %`;
for (const [name, set] of Object.entries(sets) as [keyof typeof sets, Tally][]) {
  const sites = set.migrated + set.unsure + set.elsewhere + set.tokenChecks.length + set.marked.length;
  const withEvidence = set.migrated + set.tokenChecks.length + set.marked.length;
  console.log(
    `${setNames[name]}: files ${set.files}; x-token sites ${sites}: migrated ${set.migrated}; another service ${set.elsewhere}, below likely ${set.unsure}, token checks left ${set.tokenChecks.length}, other forms marked as unsafe ${set.marked.length}. ` +
      `Migrated, of the ${withEvidence} sites with Cloud Automation evidence: ${percent(set.migrated, withEvidence)} (of all sites: ${percent(set.migrated, sites)}); files changed by a second run: ${set.unstable}`,
  );
}
console.log('token checks left (every fixture folder):');
for (const reason of sets.all.tokenChecks) console.log('  ', reason);
console.log('marked as unsafe (every fixture folder):');
for (const reason of sets.all.marked) console.log('  ', reason);

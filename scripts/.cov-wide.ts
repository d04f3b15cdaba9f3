// Share of x-token sites migrated automatically over the codemod fixtures and the example app, and files a second run changes.
// Run: npx tsx scripts/x-token-coverage.ts
import { existsSync, readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runTransform } from '../tests/codemods/run-transform.js';
import type { TransformOptions } from '../codemods/report.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const inputs: { file: string; options: TransformOptions }[] = [];
const fixtures = path.join(root, 'tests/codemods/fixtures');
for (const name of readdirSync(fixtures)) {
  if (!/\.input\.\w+$/u.test(name)) continue;
  const optionsFile = path.join(fixtures, name.replace(/\.input\.\w+$/u, '.options.json'));
  inputs.push({ file: path.join(fixtures, name), options: existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as TransformOptions) : {} });
}
const walk = (dir: string): string[] => readdirSync(dir).flatMap((name) => { const full = path.join(dir, name); return statSync(full).isDirectory() ? walk(full) : [full]; });
for (const dir of ['tests/codemods/fixtures/project/src', 'tests/codemods/fixtures/module-style', 'examples/legacy-app/src', 'tests/agreement/fixtures', 'tests/cli/fixtures/runtime', 'tests/e2e/shared-instance-app/src', 'tests/rules/fixtures/integration/src', 'tests/rules/fixtures/request-rules', 'tests/scopes/fixtures']) {
  for (const file of walk(path.join(root, dir))) if (/\.(ts|js|mjs|cjs|tsx)$/u.test(file) && !file.includes('.output.')) inputs.push({ file, options: {} });
}
let migrated = 0; let manual = 0; let unstable = 0; const reasons: string[] = [];
for (const { file, options } of inputs) {
  const source = readFileSync(file, 'utf8');
  const { output, report } = runTransform(file, source, options);
  if (report?.error) { console.log('ERROR', file, report.error); continue; }
  migrated += report?.migrated.length ?? 0;
  const xtoken = (report?.manual ?? []).filter((site) => /x-token/u.test(site.what));
  manual += xtoken.length;
  for (const site of xtoken) reasons.push(`${path.relative(root, file)}:${site.line} ${site.why}`);
  if (output !== undefined) {
    const second = runTransform(file, output, options);
    if (second.output !== undefined || second.report?.error) { unstable++; console.log('UNSTABLE', file); }
  }
}
console.log(`files ${inputs.length}; x-token sites ${migrated + manual}: migrated ${migrated}, marked/listed ${manual} → ${(100 * migrated / (migrated + manual)).toFixed(1)} % automatic; files changed by a second run: ${unstable}`);
for (const reason of reasons) console.log('  ', reason);

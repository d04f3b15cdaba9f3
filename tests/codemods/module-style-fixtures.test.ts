/**
 * The helper import the migration writes follows the file and its package: fixtures live in
 * two small packages, one CommonJS (no "type") and one `"type": "module"`, so the nearest
 * package.json is theirs and not this repository's.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import migrate from '../../codemods/migrate.js';
import { runTransformReports } from './run-transform.js';

const here = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixtures', 'module-style');

const REQUIRE_LINE = "const { oauthClientFromEnv } = require('cloud-automation-oauth');";
const IMPORT_LINE = "import { oauthClientFromEnv } from 'cloud-automation-oauth';";

const cases = [
  { file: 'commonjs-package/legacy.input.cjs', line: REQUIRE_LINE, why: 'a .cjs file' },
  { file: 'commonjs-package/notify.input.js', line: REQUIRE_LINE, why: 'a .js file with no module syntax in a CommonJS package' },
  { file: 'commonjs-package/deploy.input.ts', line: IMPORT_LINE, why: 'a .ts file written with imports in a CommonJS package' },
  { file: 'module-package/events.input.js', line: IMPORT_LINE, why: 'a .js file with no module syntax in a "type": "module" package' },
  { file: 'module-package/stats.input.mjs', line: IMPORT_LINE, why: 'an .mjs file' },
] as const;

describe.each(cases)('$why', ({ file, line }) => {
  const input = path.join(here, file);
  const outputFile = input.replace('.input.', '.output.');
  const source = readFileSync(input, 'utf8');
  const expected = readFileSync(outputFile, 'utf8');

  it(`imports the helper with \`${line.startsWith('import') ? 'import' : 'require'}\``, () => {
    const { output, reports } = runTransformReports(input, source, {}, migrate);
    expect(reports.flatMap((report) => (report.error === undefined ? [] : [report.error]))).toEqual([]);
    expect(output).toBe(expected);
    expect(output?.split('\n')).toContain(line);
    // One style per file, and never a dynamic import() the file did not have.
    const otherStyle = line === IMPORT_LINE ? /\brequire\(/gu : /^import\b/gmu;
    expect(output?.match(otherStyle)?.length ?? 0).toBe(source.match(otherStyle)?.length ?? 0);
    expect(output).not.toMatch(/\bimport\(/u);
  });

  it('changes nothing when run again', () => {
    const { output } = runTransformReports(outputFile, expected, {}, migrate);
    expect(output).toBeUndefined();
  });
});

describe('top-level code in a TypeScript file compiled to CommonJS', () => {
  it('waits for the token with .then instead of a top-level await, which CommonJS cannot run', () => {
    const output = readFileSync(path.join(here, 'commonjs-package/deploy.output.ts'), 'utf8');
    const topLevel = output
      .slice(0, output.indexOf('export async function'))
      .split('\n')
      .filter((text) => !text.trimStart().startsWith('//'))
      .join('\n');
    expect(topLevel).not.toMatch(/\bawait\b/u);
    expect(topLevel).toContain('.authorizationHeader().then((authorization) =>');
  });

  it('still awaits at the top level of an .mjs file', () => {
    const output = readFileSync(path.join(here, 'module-package/stats.output.mjs'), 'utf8');
    expect(output).toMatch(/^const response = await oauthClientFromEnv\(\)\.fetch\(/mu);
  });
});

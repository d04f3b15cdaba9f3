import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Linter } from 'eslint';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { forgetPackageModules, LIVE_VIEW_MS, packageModules, untypedLintProject } from '../../analysis/module-callers.js';
import plugin from '../../rules/index.js';

// An editor's ESLint server lives for hours: a caller written in another module must change the
// grade the lint gives an exported builder, while a migration keeps one view of the files it decides.

const BUILDER = `export function stageHeaders() {\n  return { 'x-token': process.env.KEPTN_API_TOKEN };\n}\n`;
const CALLER = `import axios from 'axios';\nimport { stageHeaders } from './headers.js';\nexport const stages = (p) => axios.get(\`\${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project/\${p}/stage\`, { headers: stageHeaders() });\n`;
const NO_CALLER = `export const nothing = 1;\n`;

let folder: string;
let clock = Date.parse('2026-12-05T12:00:00Z');
let mtime = clock / 1000;

function write(relative: string, text: string): void {
  const file = path.join(folder, relative);
  writeFileSync(file, text);
  // Seconds apart, so a file system with coarse mtimes still tells the versions apart.
  mtime += 2;
  utimesSync(file, mtime, mtime);
}

function later(milliseconds: number): void {
  clock += milliseconds;
  vi.setSystemTime(clock);
}

/** What the lint says of the builder's target, the only thing its callers decide. */
function builderTarget(): string | undefined {
  const linter = new Linter({ configType: 'flat', cwd: folder });
  const config: Linter.Config[] = [
    ...plugin.configs.recommended,
    { rules: { 'cloud-automation/require-oauth': 'off', 'cloud-automation/no-hardcoded-credentials': 'off', 'cloud-automation/valid-oauth-scopes': 'off' } },
  ];
  const [message] = linter.verify(BUILDER, config, path.join(folder, 'src', 'headers.js'));
  return message && /the target (is likely|may be|is certainly|is not known)/u.exec(message.message)?.[1];
}

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['Date'] });
  vi.setSystemTime(clock);
  forgetPackageModules();
  folder = mkdtempSync(path.join(tmpdir(), 'package-view-'));
  mkdirSync(path.join(folder, 'src'));
  writeFileSync(path.join(folder, 'package.json'), '{ "type": "module" }');
  write('src/headers.js', BUILDER);
});

afterEach(() => {
  vi.useRealTimers();
  forgetPackageModules();
  rmSync(folder, { recursive: true, force: true });
});

describe('the lint sees a package live', () => {
  it('grades an exported builder by a caller written after the first lint, once the view is older than LIVE_VIEW_MS', () => {
    const before = builderTarget();
    write('src/stages.js', CALLER);
    // Within one view the answer holds (a CLI run lists a package once a second, not once per file).
    expect(builderTarget()).toBe(before);
    later(LIVE_VIEW_MS);
    expect(builderTarget()).toBe('is likely');
    expect(before).not.toBe('is likely');
  });

  it('sees a caller edited away, as it saw it written', () => {
    write('src/stages.js', CALLER);
    expect(builderTarget()).toBe('is likely');
    write('src/stages.js', NO_CALLER);
    later(LIVE_VIEW_MS);
    expect(builderTarget()).not.toBe('is likely');
  });
});

describe('a migration keeps one snapshot', () => {
  it('reads the texts and the file list it first saw, whatever is written after', () => {
    write('src/stages.js', CALLER);
    const stages = path.join(folder, 'src', 'stages.js');
    const snapshot = packageModules(folder, 'snapshot');
    expect(snapshot?.read(stages)).toBe(CALLER);
    write('src/stages.js', NO_CALLER);
    write('src/events.js', NO_CALLER);
    later(10 * LIVE_VIEW_MS);
    const again = packageModules(folder, 'snapshot');
    expect(again).toBe(snapshot);
    expect(again?.read(stages)).toBe(CALLER);
    expect(again?.files).not.toContain(path.join(folder, 'src', 'events.js'));
    // The live view of the same package sees both changes.
    const live = packageModules(folder, 'live');
    expect(live?.read(stages)).toBe(NO_CALLER);
    expect(live?.files).toContain(path.join(folder, 'src', 'events.js'));
  });
});

describe('without a program, a package with a tsconfig.json is the list it gives', () => {
  it('grades a builder by a caller the tsconfig lists, as the typed lint and migrate do', () => {
    writeFileSync(path.join(folder, 'tsconfig.json'), '{ "compilerOptions": { "allowJs": true }, "include": ["src"] }');
    write('src/stages.js', CALLER);
    expect(builderTarget()).toBe('is likely');
  });

  it('leaves out what the tsconfig excludes, and claims nothing for a file it does not list', () => {
    writeFileSync(path.join(folder, 'tsconfig.json'), '{ "compilerOptions": { "allowJs": true }, "include": ["src"], "exclude": ["src/stages.js"] }');
    write('src/stages.js', CALLER);
    expect(builderTarget()).not.toBe('is likely');
    expect(untypedLintProject(path.join(folder, 'src', 'stages.js'))).toBeUndefined();
    expect(untypedLintProject(path.join(folder, 'src', 'headers.js'))?.files).toEqual([path.join(folder, 'src', 'headers.js')]);
  });

  it('claims nothing for a solution-style tsconfig that lists no file of its own', () => {
    writeFileSync(path.join(folder, 'tsconfig.json'), '{ "files": [], "references": [{ "path": "./src" }] }');
    write('src/stages.js', CALLER);
    expect(untypedLintProject(path.join(folder, 'src', 'headers.js'))).toBeUndefined();
    expect(builderTarget()).not.toBe('is likely');
  });
});

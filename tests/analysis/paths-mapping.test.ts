/**
 * A monorepo's packages imported by name, mapped by the tsconfig's `paths` (red team C #8): the
 * callers of an exported function are found through the mapping as TypeScript resolves it: an
 * exact pattern before a wildcard, the longest wildcard prefix first, `baseUrl` or the tsconfig's
 * folder as the root, and paths inherited through `extends` (a relative file, a shared config
 * package, an array; comments and trailing commas allowed). A name nothing maps (a real package)
 * names no project module.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsFromOtherModules, forgetPackageModules, type ProjectModules } from '../../analysis/module-callers.js';

const BUILDER = `export function keptnHeaders(token: string) {\n  return { 'x-token': token };\n}\n`;

let folder: string;
const files = new Map<string, string>();

function write(relative: string, text: string): void {
  const file = path.join(folder, relative);
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, text);
  if (/\.ts$/u.test(relative)) files.set(file, text);
}

function callersOfBuilder(): string[] | undefined {
  const modules: ProjectModules = { files: [...files.keys()], read: (file) => files.get(file) };
  return callsFromOtherModules(modules, path.join(folder, 'packages/client/src/headers.ts'), 'keptnHeaders')?.map((call) => `${path.relative(folder, call.file)}:${call.call.loc.start.line}`);
}

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'paths-mapping-'));
  files.clear();
  forgetPackageModules();
  write('packages/client/src/headers.ts', BUILDER);
  write('packages/client/src/index.ts', `export * from './headers';\n`);
  write('packages/app/src/deploy.ts', `import { keptnHeaders } from '@acme/client';\nexport const h = () => keptnHeaders('t');\n`);
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('paths: callers of a package imported by name', () => {
  it('follows an exact pattern inherited through extends, then the export * barrel', () => {
    write('tsconfig.base.json', `{\n  // shared\n  "compilerOptions": { "baseUrl": ".", "paths": { "@acme/client": ["packages/client/src/index.ts"], }, },\n}\n`);
    write('tsconfig.json', `{ "extends": "./tsconfig.base.json", "include": ["packages"] }`);
    expect(callersOfBuilder()).toEqual(['packages/app/src/deploy.ts:2']);
  });

  it('follows a wildcard to the package folder, its index found as a folder import', () => {
    write('tsconfig.json', `{ "compilerOptions": { "paths": { "@acme/*": ["packages/*/src"], "@acme/other/*": ["elsewhere/*"] } } }`);
    expect(callersOfBuilder()).toEqual(['packages/app/src/deploy.ts:2']);
  });

  it('finds no project module behind a name nothing maps', () => {
    write('tsconfig.json', `{ "compilerOptions": { "paths": { "@other/*": ["packages/*/src"] } } }`);
    expect(callersOfBuilder()).toEqual([]);
  });

  it('follows paths inherited from a shared config package, relative to that package', () => {
    write('node_modules/@acme/tsconfig/package.json', `{ "name": "@acme/tsconfig", "version": "1.0.0" }`);
    write('node_modules/@acme/tsconfig/base.json', `{ "compilerOptions": { "paths": { "@acme/client": ["../../../packages/client/src/index.ts"] } } }`);
    write('tsconfig.json', `{ "extends": "@acme/tsconfig/base.json" }`);
    expect(callersOfBuilder()).toEqual(['packages/app/src/deploy.ts:2']);
  });

  it('follows paths from the last of several extended configs that sets them', () => {
    write('tsconfig.strict.json', `{ "compilerOptions": { "strict": true } }`);
    write('tsconfig.paths.json', `{ "compilerOptions": { "paths": { "@acme/*": ["./packages/*/src"] } } }`);
    write('tsconfig.json', `{ "extends": ["./tsconfig.paths.json", "./tsconfig.strict.json"] }`);
    expect(callersOfBuilder()).toEqual(['packages/app/src/deploy.ts:2']);
  });

  it('resolves a bare name under baseUrl alone, as TypeScript does', () => {
    write('packages/app/src/keptn.ts', `import { keptnHeaders } from 'client/src/headers';\nexport const k = () => keptnHeaders('t');\n`);
    write('tsconfig.json', `{ "compilerOptions": { "baseUrl": "packages" } }`);
    expect(callersOfBuilder()).toEqual(['packages/app/src/keptn.ts:2']);
  });

  it('finds no project module behind a tsconfig TypeScript cannot read', () => {
    write('tsconfig.json', `{ "compilerOptions": { "paths": { "@acme/*": ["packages/*/src"] } `);
    expect(callersOfBuilder()).toEqual([]);
  });
});

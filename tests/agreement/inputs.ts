/**
 * The files the agreement harness runs on: every input of every codemod fixture folder (the
 * cross-file project under tests/codemods/fixtures/project included), the example app, and the
 * harness's own fixtures (the shapes of issues 11, 12 and 13). The generated corpus is run by
 * bench/agreement.ts.
 */
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import type { InputFile } from './harness.js';
import { repositoryRoot } from './harness.js';

const SOURCE = /\.(?:[cm]?[jt]s|[jt]sx)$/u;

/** Sources of a folder, recursively, without outputs, declaration files and `*-output` trees. */
function sourcesIn(folder: string): InputFile[] {
  return readdirSync(folder, { recursive: true, encoding: 'utf8' })
    .filter((name) => SOURCE.test(name) && !name.endsWith('.d.ts') && !/\.output\./u.test(name) && !/(?:^|[/\\])[\w-]*output[/\\]/u.test(name)
      // The module-style fixtures are packages of their own (package.json, no tsconfig): the CLI tests run them.
      && !/(?:^|[/\\])module-style[/\\]/u.test(name))
    .sort()
    .map((name) => {
      const file = path.join(folder, name);
      const optionsFile = file.replace(/\.input\.\w+$/u, '.options.json');
      const options = optionsFile !== file && existsSync(optionsFile) ? (JSON.parse(readFileSync(optionsFile, 'utf8')) as InputFile['options']) : undefined;
      return options ? { file, options } : { file };
    });
}

export const agreementFixtures = path.join(repositoryRoot, 'tests', 'agreement', 'fixtures');

export const inputGroups: readonly { readonly name: string; readonly folder: string }[] = [
  { name: 'codemod fixtures (with the cross-file project)', folder: path.join(repositoryRoot, 'tests', 'codemods', 'fixtures') },
  { name: 'add-oauth fixtures', folder: path.join(repositoryRoot, 'tests', 'codemods', 'add-oauth-fixtures') },
  { name: 'example app', folder: path.join(repositoryRoot, 'examples', 'legacy-app', 'src') },
  { name: 'agreement fixtures (issues 11, 12, 13)', folder: agreementFixtures },
];

export function fixtureInputs(): InputFile[] {
  return inputGroups.flatMap((group) => sourcesIn(group.folder));
}

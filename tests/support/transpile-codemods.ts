import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

/**
 * Transpiles core/ and codemods/ to ESM under `outDir`, keeping the folder layout, so the
 * real jscodeshift CLI can load a transform as it loads dist/ (a full tsc build is slower and
 * would race with other builds of dist/). Returns the folder holding the transforms.
 */
export function transpileCodemods(root: string, outDir: string): string {
  for (const folder of ['core', 'analysis', 'codemods']) {
    mkdirSync(path.join(outDir, folder), { recursive: true });
    for (const name of readdirSync(path.join(root, folder)).filter((file) => file.endsWith('.ts'))) {
      const { outputText } = ts.transpileModule(readFileSync(path.join(root, folder, name), 'utf8'), {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: true },
        fileName: name,
      });
      writeFileSync(path.join(outDir, folder, name.replace(/\.ts$/u, '.js')), outputText);
    }
  }
  return path.join(outDir, 'codemods');
}

import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const fixtures = path.join(here, 'fixtures');

/**
 * Every fixture, input and output, compiled as one program with axios, got, node-fetch and
 * undici types and the OAuth helper's own sources (tsconfig `paths`): the migrated code must
 * type-check wherever the legacy code did. Diagnostics from the helper's sources belong to
 * its own suite and are not counted here.
 */
describe('fixtures type-check', () => {
  it('has no type errors in any input or output fixture', () => {
    const configFile = path.join(fixtures, 'tsconfig.json');
    const read = ts.readConfigFile(configFile, (file) => ts.sys.readFile(file));
    expect(read.error).toBeUndefined();
    const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, fixtures);
    expect(parsed.errors).toEqual([]);
    const outputs = parsed.fileNames.filter((file) => /\.output\.|project-output/u.test(file));
    expect(outputs.length).toBeGreaterThanOrEqual(25);

    const program = ts.createProgram(parsed.fileNames, parsed.options);
    const ours = (file: ts.SourceFile | undefined) => file === undefined || file.fileName.startsWith(fixtures);
    const diagnostics = ts
      .getPreEmitDiagnostics(program)
      .filter((diagnostic) => ours(diagnostic.file))
      .map((diagnostic) => {
        const where = diagnostic.file && diagnostic.start !== undefined
          ? `${path.relative(fixtures, diagnostic.file.fileName)}:${diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1}`
          : '(global)';
        return `${where} ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
      });
    expect(diagnostics).toEqual([]);
    // The helper really was resolved from its sources, not left as an implicit any.
    expect(program.getSourceFiles().some((file) => file.fileName.endsWith('oauth/src/index.ts'))).toBe(true);
  });
});

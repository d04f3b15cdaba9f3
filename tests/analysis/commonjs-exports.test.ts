/**
 * What `require` gives a caller of a CommonJS module: the value `module.exports` is set to, when
 * the module sets it whole (`module.exports = new Keptn()`, `module.exports = function …`), which is
 * what the module exports as `default`; otherwise the exports object, whose `default` member is a
 * compiled default export (`exports.default = …`, read `x.default`).
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { callsFromOtherModules, usesFromOtherModules, type ProjectModules } from '../../analysis/module-callers.js';

let folder: string;
const files = new Map<string, string>();

function write(name: string, text: string): string {
  const file = path.join(folder, name);
  writeFileSync(file, text);
  files.set(file, text);
  return file;
}

const modules = (): ProjectModules => ({ files: [...files.keys()], read: (file) => files.get(file) });
const at = (file: string, line: number): string => `${path.basename(file)}:${line}`;

beforeEach(() => {
  folder = mkdtempSync(path.join(tmpdir(), 'commonjs-exports-'));
  files.clear();
});

afterEach(() => {
  rmSync(folder, { recursive: true, force: true });
});

describe('require of a module that sets module.exports whole', () => {
  it('reads the required binding as the exported instance', () => {
    const client = write('keptn.js', `class Keptn { projects(token) { return token; } }\nmodule.exports = new Keptn();\n`);
    write('app.js', `const keptn = require('./keptn');\nexports.projects = (req) => keptn.projects(req.headers['x-token']);\n`);
    const uses = usesFromOtherModules(modules(), client, 'default');
    expect(uses?.map((use) => [path.basename(use.file), use.node.type, use.node.loc.start.line])).toEqual([['app.js', 'Identifier', 2]]);
  });

  it('finds the calls of a function set whole as module.exports', () => {
    const client = write('keptn-get.js', `module.exports = function keptnGet(path, token) { return [path, token]; };\n`);
    write('routes.js', `const keptnGet = require('./keptn-get');\nexports.stages = (req) => keptnGet('/stage', req.headers['x-token']);\n`);
    expect(callsFromOtherModules(modules(), client, 'default')?.map((call) => at(call.file, call.call.loc.start.line))).toEqual(['routes.js:2']);
  });

  it('keeps reading a compiled default export (exports.default) as the member of the exports object', () => {
    const client = write('compiled.js', `Object.defineProperty(exports, '__esModule', { value: true });\nexports.default = function keptnGet(path, token) { return [path, token]; };\n`);
    write('caller.js', `const compiled_1 = require('./compiled');\nexports.run = (t) => (0, compiled_1.default)('/stage', t);\n`);
    expect(callsFromOtherModules(modules(), client, 'default')?.map((call) => at(call.file, call.call.loc.start.line))).toEqual(['caller.js:2']);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clearModuleStyleCache, decideModuleStyle, moduleStyleOf, nearestPackageType, scanModuleSyntax } from '../../codemods/module-style.js';

describe('scanModuleSyntax', () => {
  it.each([
    ["import axios from 'axios';", { esModule: true }],
    ["import { a } from './a.js'", { esModule: true }],
    ["import * as fs from 'node:fs'", { esModule: true }],
    ["import './polyfill.js'", { esModule: true }],
    ["import type { AxiosInstance } from 'axios'", { esModule: true }],
    ["import axios = require('axios');", { esModule: true, commonJs: true }],
    ['const here = import.meta.url;', { esModule: true }],
    ['export const a = 1;', { esModule: true }],
    ['export default function () {}', { esModule: true }],
    ["export { a } from './a.js'", { esModule: true }],
    ['export * from "./a.js"', { esModule: true }],
    ["const axios = require('axios');", { commonJs: true }],
    ["const { get } = require ('https')", { commonJs: true }],
    ["const file = require.resolve('x');", { commonJs: true }],
    ['module.exports = { run };', { commonJs: true }],
    ['exports.run = run;', { commonJs: true }],
    ["exports['run'] = run;", { commonJs: true }],
    ['export = client;', { commonJs: true }],
    ["const m = await import('node-fetch');", { dynamicImport: true }],
  ])('%s', (source, expected) => {
    expect(scanModuleSyntax(source)).toEqual({ esModule: false, commonJs: false, dynamicImport: false, ...expected });
  });

  it('ignores module words in comments, strings, templates and regular expressions', () => {
    const source = [
      '#!/usr/bin/env node',
      "// const axios = require('axios');",
      "/* import axios from 'axios'; */",
      "const text = 'import x from \"y\"';",
      'const other = "module.exports = 1";',
      'const template = `export const a = ${"require(1)"} and import x from y`;',
      "const pattern = /require\\('x'\\)/u;",
      'const ratio = total / count / 2;',
    ].join('\n');
    expect(scanModuleSyntax(source)).toEqual({ esModule: false, commonJs: false, dynamicImport: false });
  });

  it('sees code inside template expressions', () => {
    expect(scanModuleSyntax('const a = `${require("x").name}`;').commonJs).toBe(true);
    expect(scanModuleSyntax('const a = `${ { b: 1 }.b } tail`; module.exports = a;').commonJs).toBe(true);
  });

  it('does not take members, keys and declarations for module syntax', () => {
    const source = [
      'const loader = { require: (id) => id, import: 1, exports: 2 };',
      "loader.require('x');",
      "context.import('y');",
      'result.module.exports = 3;',
      'function require(id) { return id; }',
      'const exports = [];',
    ].join('\n');
    expect(scanModuleSyntax(source)).toEqual({ esModule: false, commonJs: false, dynamicImport: false });
  });
});

describe('decideModuleStyle', () => {
  const bare = "fetch('https://x.cloudautomation.live.dynatrace.com/api/v1/event');\n";
  const esm = "import axios from 'axios';\n";
  const cjs = "const axios = require('axios');\n";

  it.each([
    // [path, source, package type, form, format, top-level await]
    ['a.cjs', esm, 'module', 'require', 'commonjs', false],
    ['a.cjs', bare, 'module', 'require', 'commonjs', false],
    ['a.mjs', cjs, undefined, 'import', 'esm', true],
    ['a.mjs', bare, 'commonjs', 'import', 'esm', true],
    ['a.mts', bare, 'commonjs', 'import', 'esm', true],
    ['a.cts', esm, 'module', 'import', 'commonjs', false],
    ['a.cts', bare, 'module', 'require', 'commonjs', false],
    ['a.js', bare, 'commonjs', 'require', 'commonjs', false],
    ['a.js', bare, undefined, 'require', 'commonjs', false],
    ['a.js', bare, 'module', 'import', 'esm', false],
    ['a.js', esm, 'commonjs', 'import', 'commonjs', false],
    ['a.js', cjs, 'commonjs', 'require', 'commonjs', false],
    ['a.js', cjs, 'module', 'require', 'esm', false],
    ['a.jsx', bare, 'module', 'import', 'esm', false],
    ['a.ts', esm, 'commonjs', 'import', 'commonjs', false],
    ['a.ts', esm, 'module', 'import', 'esm', true],
    ['a.ts', cjs, 'commonjs', 'require', 'commonjs', false],
    ['a.ts', bare, 'commonjs', 'import', 'commonjs', false],
    ['a.tsx', bare, 'module', 'import', 'esm', true],
  ] as const)('%s %j in %s package → %s', (file, source, type, form, format, topLevelAwait) => {
    const style = decideModuleStyle(file, source, type);
    expect({ form: style.form, format: style.format, topLevelAwait: style.topLevelAwait }).toEqual({ form, format, topLevelAwait });
    expect(style.reason).not.toBe('');
  });

  it('never answers with a dynamic import, even in a file that uses one', () => {
    const style = decideModuleStyle('a.cjs', "const load = () => import('got');\n", 'commonjs');
    expect(style.form).toBe('require');
  });
});

describe('nearestPackageType', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(path.join(tmpdir(), 'module-style-'));
    const write = (relative: string, text: string): void => {
      mkdirSync(path.dirname(path.join(root, relative)), { recursive: true });
      writeFileSync(path.join(root, relative), text);
    };
    write('package.json', JSON.stringify({ name: 'outer', type: 'module' }));
    write('cjs/package.json', JSON.stringify({ name: 'inner' }));
    write('cjs/src/deep/index.js', '');
    write('esm/src/index.js', '');
    write('broken/package.json', '{ not json');
    clearModuleStyleCache();
  });
  afterAll(() => {
    rmSync(root, { recursive: true, force: true });
    clearModuleStyleCache();
  });

  it('takes the nearest package.json, a type-less one meaning CommonJS', () => {
    expect(nearestPackageType(path.join(root, 'cjs/src/deep/index.js'))).toBe('commonjs');
    expect(nearestPackageType(path.join(root, 'esm/src/index.js'))).toBe('module');
    expect(nearestPackageType(path.join(root, 'index.js'))).toBe('module');
  });

  it('reads an unreadable package.json as CommonJS, as Node would default', () => {
    expect(nearestPackageType(path.join(root, 'broken/index.js'))).toBe('commonjs');
  });

  it('answers from its cache until told to forget', () => {
    const file = path.join(root, 'esm/src/index.js');
    expect(nearestPackageType(file)).toBe('module');
    writeFileSync(path.join(root, 'esm/package.json'), '{}');
    expect(nearestPackageType(file)).toBe('module');
    clearModuleStyleCache();
    expect(nearestPackageType(file)).toBe('commonjs');
  });

  it('feeds moduleStyleOf', () => {
    expect(moduleStyleOf(path.join(root, 'cjs/src/deep/index.js'), 'fetch(url);\n').form).toBe('require');
    expect(moduleStyleOf(path.join(root, 'index.js'), 'fetch(url);\n').form).toBe('import');
  });
});

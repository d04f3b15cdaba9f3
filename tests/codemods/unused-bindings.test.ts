/**
 * Leftovers of a migration: an import or `require` the rewrite made unused is removed the same
 * way in every file and by every transform (codemods/unused-bindings.ts is the one place that
 * does it); one still used, one unused before the migration, or one whose declaration does more
 * than bind stays.
 */
import { describe, expect, it } from 'vitest';
import addOAuth from '../../codemods/add-oauth.js';
import migrate from '../../codemods/migrate.js';
import xTokenToOAuth from '../../codemods/x-token-to-oauth.js';
import { runTransform, type Transform } from './run-transform.js';

/** An x-token request (x-token-to-oauth's and migrate's) or a request without credentials (add-oauth's and migrate's). */
function xTokenCall(client: string): string {
  return `${client}(endpoint + '/v1/event', { method: 'POST', headers: { 'x-token': process.env.KEPTN_API_TOKEN } })`;
}
function bareCall(client: string): string {
  return `${client}(endpoint + '/controlPlane/v1/project')`;
}

function output(file: string, source: string, transform: Transform): string {
  const { output: text } = runTransform(file, source, {}, transform);
  if (text === undefined) throw new Error(`${file}: the transform left the file unchanged`);
  // A second run is a no-op: the removal must not leave anything it would remove next time.
  expect(runTransform(file, text, {}, transform).output ?? text).toBe(text);
  return text;
}

const loaders = {
  esm: { file: 'service.ts', load: "import fetch from 'node-fetch';", exportGo: 'export async function go()', tail: '' },
  cjs: { file: 'service.cjs', load: "const fetch = require('node-fetch');", exportGo: 'async function go()', tail: 'module.exports = { go };\n' },
} as const;

describe('an HTTP client import the migration made unused', () => {
  const cases = [
    { name: 'x-token-to-oauth', transform: xTokenToOAuth, call: xTokenCall },
    { name: 'add-oauth', transform: addOAuth, call: bareCall },
    { name: 'migrate (x-token request)', transform: migrate, call: xTokenCall },
    { name: 'migrate (request without credentials)', transform: migrate, call: bareCall },
  ] as const;
  for (const { name, transform, call } of cases) {
    for (const [style, { file, load, exportGo, tail }] of Object.entries(loaders)) {
      it(`${name}, ${style}: goes`, () => {
        const source = `${load}\nconst endpoint = process.env.KEPTN_ENDPOINT;\n${exportGo} {\n  return ${call('fetch')};\n}\n${tail}`;
        const text = output(file, source, transform);
        expect(text).not.toMatch(/node-fetch/u);
        expect(text).toMatch(/oauthClientFromEnv\(\)\.fetch\(endpoint/u);
      });

      it(`${name}, ${style}: stays while another call still uses it`, () => {
        const source = `${load}\nconst endpoint = process.env.KEPTN_ENDPOINT;\n${exportGo} {\n  await fetch('https://example.org/feed.json');\n  return ${call('fetch')};\n}\n${tail}`;
        const text = output(file, source, transform);
        expect(text).toContain(load);
        expect(text).toContain("await fetch('https://example.org/feed.json')");
      });
    }
  }

  it('`require(…).default` and a destructured `require` go like an import; an exported one stays', () => {
    const source = [
      "const fetch = require('node-fetch').default;",
      "const { fetch: undiciFetch } = require('undici');",
      "const crossFetch = require('cross-fetch');",
      'const endpoint = process.env.KEPTN_ENDPOINT;',
      'async function go() {',
      `  await ${bareCall('undiciFetch')};`,
      `  await ${bareCall('crossFetch')};`,
      `  return ${xTokenCall('fetch')};`,
      '}',
      'module.exports = { go, crossFetch };',
      '',
    ].join('\n');
    const text = output('service.cjs', source, migrate);
    expect(text).not.toMatch(/node-fetch|undici/u);
    expect(text).toContain("const crossFetch = require('cross-fetch');");
  });

  it('compiled CommonJS: a `require` inside tsc’s or Babel’s interop wrapper goes like a plain one', () => {
    for (const wrapped of ['__importDefault(require("node-fetch"))', 'tslib_1.__importDefault(require("node-fetch"))', '_interopRequireDefault(require("node-fetch"))']) {
      const source = [
        '"use strict";',
        `const node_fetch_1 = ${wrapped};`,
        'const endpoint = process.env.KEPTN_ENDPOINT;',
        'async function go() {',
        `  return ${xTokenCall('(0, node_fetch_1.default)')};`,
        '}',
        'exports.go = go;',
        '',
      ].join('\n');
      const text = output('service.js', source, xTokenToOAuth);
      expect(text, wrapped).not.toMatch(/node-fetch|node_fetch_1/u);
      expect(text, wrapped).toMatch(/oauthClientFromEnv\(\)\.fetch\(endpoint/u);
    }
  });

  it('an import unused before the migration is not the migration’s to remove', () => {
    const source = `import axios from 'axios';\nimport fetch from 'node-fetch';\nconst endpoint = process.env.KEPTN_ENDPOINT;\nexport async function go() {\n  return ${xTokenCall('fetch')};\n}\n`;
    const text = output('service.ts', source, migrate);
    expect(text).toContain("import axios from 'axios';");
    expect(text).not.toMatch(/node-fetch/u);
  });
});

describe('an import with a default and other bindings, when only the default goes', () => {
  const call = xTokenCall('fetch');
  const body = `const endpoint = process.env.KEPTN_ENDPOINT;\nexport async function go() {\n  return ${call};\n}\n`;
  const shapes = [
    { load: "import fetch, { Headers } from 'node-fetch';", kept: "import { Headers } from 'node-fetch';", use: 'export const empty = new Headers();' },
    { load: "import fetch, {Headers, Response} from 'node-fetch';", kept: "import {Headers, Response} from 'node-fetch';", use: 'export const made = [new Headers(), new Response()];' },
    { load: "import fetch, { type RequestInit, Headers } from 'node-fetch';", kept: "import { type RequestInit, Headers } from 'node-fetch';", use: 'export const init: RequestInit = { headers: new Headers() };' },
    { load: "import fetch, * as nodeFetch from 'node-fetch';", kept: "import * as nodeFetch from 'node-fetch';", use: 'export const empty = new nodeFetch.Headers();' },
  ];
  for (const { load, kept, use } of shapes) {
    it(`${load} → ${kept}`, () => {
      const text = output('service.ts', `${load}\n${body}${use}\n`, migrate);
      expect(text.split('\n')[0]).toBe(kept);
      expect(text).toMatch(/oauthClientFromEnv\(\)\.fetch\(endpoint/u);
    });
  }

  it('the default and some of the named bindings go, the rest stay in their braces', () => {
    const source = [
      "import keptnApiToken, { tokenPrefix, keptnEndpoint } from './keptn.js';",
      'export async function go() {',
      "  return fetch(keptnEndpoint + '/v1/event', { method: 'POST', headers: { 'x-token': tokenPrefix + keptnApiToken } });",
      '}',
      '',
    ].join('\n');
    const text = output('service.ts', source, migrate);
    expect(text.split('\n')[0]).toBe("import { keptnEndpoint } from './keptn.js';");
  });

  it('CommonJS: `const { Headers } = fetch` still reads the module, so its require stays', () => {
    const source = `const fetch = require('node-fetch');\nconst { Headers } = fetch;\n${body.replace('export ', '')}module.exports = { go, empty: new Headers() };\n`;
    const text = output('service.cjs', source, migrate);
    expect(text).toContain("const fetch = require('node-fetch');\nconst { oauthClientFromEnv } = require('cloud-automation-oauth');\nconst { Headers } = fetch;");
  });
});

describe('the old token plumbing the migration made unused', () => {
  it('a token variable and its env read go; an import of it from a local module goes in TypeScript', () => {
    const source = [
      "import { keptnApiToken } from './config';",
      'const endpoint = process.env.KEPTN_ENDPOINT;',
      'const legacyToken = process.env.KEPTN_API_TOKEN;',
      'export async function go() {',
      "  await fetch(endpoint + '/v1/event', { method: 'POST', headers: { 'x-token': legacyToken } });",
      "  return fetch(endpoint + '/v1/event', { method: 'POST', headers: { 'x-token': keptnApiToken } });",
      '}',
      '',
    ].join('\n');
    const text = output('service.ts', source, migrate);
    expect(text).not.toMatch(/legacyToken|keptnApiToken|KEPTN_API_TOKEN|\.\/config/u);
  });

  it('an enum that only named the header goes, as a const naming it does; one still read, exported or computed stays', () => {
    const source = [
      'enum KeptnHeader {',
      "  Token = 'x-token',",
      "  Context = 'x-keptn-context',",
      '}',
      "export enum TokenHeader { Name = 'x-token' }",
      'const endpoint = process.env.KEPTN_ENDPOINT;',
      'export async function go(token: string) {',
      "  await fetch(endpoint + '/v1/event', { method: 'POST', headers: { [KeptnHeader.Token]: token } });",
      "  return fetch(endpoint + '/v1/metadata', { headers: { [TokenHeader.Name]: token } });",
      '}',
      '',
    ].join('\n');
    const text = output('service.ts', source, migrate);
    expect(text).not.toMatch(/KeptnHeader/u);
    // Exported, it stays as an exported const does where no other module can be asked (see above).
    expect(text).toContain("export enum TokenHeader { Name = 'x-token' }");

    const stillRead = source.replace("headers: { [KeptnHeader.Token]: token }", "headers: { [KeptnHeader.Token]: token, [KeptnHeader.Context]: 'ctx' }");
    expect(output('service.ts', stillRead, migrate)).toContain("enum KeptnHeader {\n  Token = 'x-token',");

    const computed = source.replace("Context = 'x-keptn-context'", 'Context = contextHeader()');
    expect(output('service.ts', computed, migrate)).toContain('enum KeptnHeader {');
  });

  it('in JavaScript the local module still loads: `import "./config.js"` and `require("./config")` stay', () => {
    const esm = [
      "import { keptnApiToken } from './config.js';",
      'const endpoint = process.env.KEPTN_ENDPOINT;',
      'export async function go() {',
      "  return fetch(endpoint + '/v1/event', { method: 'POST', headers: { 'x-token': keptnApiToken } });",
      '}',
      '',
    ].join('\n');
    const esmText = output('service.mjs', esm, migrate);
    expect(esmText).toMatch(/^import '\.\/config\.js';$/mu);
    expect(esmText).not.toMatch(/keptnApiToken/u);

    const cjs = [
      "const { keptnApiToken } = require('./config');",
      'const endpoint = process.env.KEPTN_ENDPOINT;',
      'async function go() {',
      "  return fetch(endpoint + '/v1/event', { method: 'POST', headers: { 'x-token': keptnApiToken } });",
      '}',
      'module.exports = { go };',
      '',
    ].join('\n');
    const cjsText = output('service.cjs', cjs, migrate);
    expect(cjsText).toMatch(/^require\('\.\/config'\);$/mu);
    expect(cjsText).not.toMatch(/keptnApiToken/u);
  });

  it('compiled CommonJS: the env read behind tsc’s spelled-out `??` is judged with the variable it ends in', () => {
    const source = [
      '"use strict";',
      'var _a;',
      'const endpoint = process.env.KEPTN_ENDPOINT;',
      "const apiToken = (_a = process.env.KEPTN_API_TOKEN) !== null && _a !== void 0 ? _a : '';",
      'async function go() {',
      "  return fetch(endpoint + '/v1/event', { method: 'POST', headers: { 'x-token': apiToken } });",
      '}',
      'exports.go = go;',
      '',
    ].join('\n');
    const { report } = runTransform('service.js', source, {}, xTokenToOAuth);
    expect(report?.tokenPlumbing?.map((entry) => `${entry.kind} ${entry.name} ${entry.fate}: ${entry.why}`)).toEqual([
      // tsc's `(_a = …)` assigns, so the declaration stays; the report says so.
      'variable apiToken retire: nothing reads it any more; the migration left its declaration, whose initializer may do more than read a value: delete it yourself',
      'env-var KEPTN_API_TOKEN retire: nothing reads it any more',
    ]);

    // The same temporary read where it is sent keeps the env var: the shape alone decides nothing.
    const sent = source.replace("'x-token': apiToken", "'x-token': apiToken, 'x-trace': _a");
    const sentReport = runTransform('service.js', sent, {}, xTokenToOAuth).report;
    expect(sentReport?.tokenPlumbing?.find((entry) => entry.kind === 'env-var')?.fate).toBe('keep');
  });

  it('a declaration that does more than bind stays: a required action input throws when it is missing', () => {
    const source = [
      "import * as core from '@actions/core';",
      "import axios from 'axios';",
      'export async function run() {',
      "  const keptnApiToken = core.getInput('keptn-api-token', { required: true });",
      "  const endpoint = core.getInput('keptn-api-url');",
      "  await axios.post(endpoint + '/v1/event', {}, { headers: { 'x-token': keptnApiToken } });",
      '}',
      '',
    ].join('\n');
    const text = output('action.ts', source, migrate);
    expect(text).toContain("const keptnApiToken = core.getInput('keptn-api-token', { required: true });");
    expect(text).toContain("import axios from 'axios';");
    expect(text).not.toMatch(/x-token/u);
  });
});

/**
 * The adapters' structural types against the real typings of the clients they adapt, under
 * `strict`: users write `client.attachToAxios(axios.create(…))` with whichever axios they have,
 * and the call must compile and give back their own instance type. `npm run typecheck` covers
 * axios 1.x, got and ky through the other tests' typed code; axios 0.x (installed as the
 * `axios-0` alias) cannot be imported beside axios 1 there, so it is checked here, in a program
 * of its own built from source text that never touches the disk.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const here = path.dirname(fileURLToPath(import.meta.url));
const helper = path.join(here, '../../oauth/src/index.js');

/**
 * Diagnostics of `source`, compiled as a strict module inside tests/oauth (so node_modules
 * resolves): an ES module, or with `commonjs` a CommonJS project as axios 0.x users mostly have.
 */
function typeErrors(source: string, commonjs = false): string[] {
  const file = path.join(here, '__consumer__.ts');
  // As a tsconfig.json would say it (the names TypeScript 6 deprecates are accepted there with ignoreDeprecations).
  const converted = ts.convertCompilerOptionsFromJson(
    {
      strict: true,
      noEmit: true,
      target: 'es2022',
      ...(commonjs ? { module: 'commonjs', moduleResolution: 'node', ignoreDeprecations: '6.0' } : { module: 'nodenext', moduleResolution: 'nodenext' }),
      lib: ['es2023', 'dom', 'dom.iterable'],
      types: ['node'],
      esModuleInterop: true,
      skipLibCheck: true,
    },
    here,
  );
  expect(converted.errors).toEqual([]);
  const options = converted.options;
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  const readFile = host.readFile.bind(host);
  host.getSourceFile = (name, languageVersion, ...rest) =>
    name === file ? ts.createSourceFile(name, source, languageVersion, true) : getSourceFile(name, languageVersion, ...rest);
  host.fileExists = (name) => name === file || fileExists(name);
  host.readFile = (name) => (name === file ? source : readFile(name));
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(file))
    .map((diagnostic) => {
      const line = diagnostic.file && diagnostic.start !== undefined ? diagnostic.file.getLineAndCharacterOfPosition(diagnostic.start).line + 1 : 0;
      return `${line}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, '\n')}`;
    });
}

const imports = `import { oauthClientFromEnv, optionalOAuthClientFromEnv } from ${JSON.stringify(helper)};`;

describe('adapter types against the real client typings (strict)', () => {
  it('accepts an axios 0.27 instance and gives back its own type', () => {
    expect(
      typeErrors(`${imports}
import axios from 'axios-0';
import type { AxiosInstance, AxiosResponse, AxiosStatic } from 'axios-0';

declare const created: AxiosInstance;
export const keptn = oauthClientFromEnv().attachToAxios(created);
export const same: AxiosInstance = keptn;
export const projects: Promise<AxiosResponse<{ projects: unknown[] }>> = keptn.get<{ projects: unknown[] }>('/controlPlane/v1/project');
export const conditional: AxiosInstance = optionalOAuthClientFromEnv().attachToAxios(axios.create({ baseURL: 'https://abc12345.cloudautomation.live.dynatrace.com/api' }));
export const global: AxiosStatic = oauthClientFromEnv().attachToAxios(axios);
`, true),
    ).toEqual([]);
  });

  it('accepts an axios 1.x instance and gives back its own type', () => {
    expect(
      typeErrors(`${imports}
import axios from 'axios';
import type { AxiosInstance, AxiosStatic } from 'axios';

export const keptn: AxiosInstance = oauthClientFromEnv().attachToAxios(axios.create({ baseURL: 'https://abc12345.cloudautomation.live.dynatrace.com/api' }));
export const projects = keptn.get('/controlPlane/v1/project');
export const conditional: AxiosInstance = optionalOAuthClientFromEnv().attachToAxios(axios.create());
export const global: AxiosStatic = oauthClientFromEnv().attachToAxios(axios);
`),
    ).toEqual([]);
  });

  it("fits got's hooks option (got.extend and a single request)", () => {
    expect(
      typeErrors(`${imports}
import got from 'got';
import type { Got } from 'got';

export const keptn: Got = got.extend({ prefixUrl: 'https://abc12345.cloudautomation.live.dynatrace.com/api', hooks: oauthClientFromEnv().gotHooks() });
export const conditional: Got = got.extend({ hooks: optionalOAuthClientFromEnv().gotHooks() });
export const one = got('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/metadata', { hooks: oauthClientFromEnv().gotHooks() }).json<{ keptnversion: string }>();
`),
    ).toEqual([]);
  });

  it('still refuses what is not an axios instance', () => {
    expect(typeErrors(`${imports}\ndeclare const notAxios: { get(url: string): unknown };\nexport const wrong = oauthClientFromEnv().attachToAxios(notAxios);\n`)).toEqual([
      expect.stringContaining("is not assignable to parameter of type 'AxiosLikeInstance'") as unknown,
    ]);
  });
});

// Builds the dual package: one CommonJS build (dist/*.js, dist/*.d.ts) and an ES module entry
// (dist/index.mjs, dist/index.d.mts) that re-exports it. One build means one instance of the
// module in a process, whether it is reached by `require` or by `import`: one client cache,
// one token per configuration, one OAuthConfigError class (see README, "CommonJS and ESM").
import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');
const require = createRequire(import.meta.url);

rmSync(dist, { recursive: true, force: true });
execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(root, 'tsconfig.build.json')], { stdio: 'inherit' });

// The package is "type": "module" for its TypeScript sources; the files in dist are CommonJS.
writeFileSync(path.join(dist, 'package.json'), `${JSON.stringify({ type: 'commonjs' }, null, 2)}\n`);

// Named exports taken from the built module itself, so the ESM entry cannot miss one. The
// default import of a CommonJS module is its module.exports: no reliance on Node's guess of
// the names (cjs-module-lexer).
const names = Object.keys(require(path.join(dist, 'index.js'))).filter((name) => name !== '__esModule').sort();
if (names.length === 0) throw new Error('dist/index.js exports nothing');
writeFileSync(
  path.join(dist, 'index.mjs'),
  [
    '// The ES module entry re-exports the CommonJS build: one module instance for require and import.',
    "import cjs from './index.js';",
    '',
    ...names.map((name) => `export const ${name} = cjs.${name};`),
    '',
  ].join('\n'),
);
writeFileSync(
  path.join(dist, 'index.d.mts'),
  ["// Types of the ES module entry: those of the CommonJS build it re-exports.", "export * from './index.js';", ''].join('\n'),
);
console.log(`cloud-automation-oauth: built dist/ (CommonJS) and dist/index.mjs (${names.length} named exports)`);

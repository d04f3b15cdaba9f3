// The README's main-job command: the whole user journey on examples/legacy-app.
//   1. lint the legacy app with the plugin's recommended config (the findings);
//   2. migrate a copy of it with the CLI (the diff, then the report with the OAuth scopes);
//   3. lint the migrated copy again (clean except sites marked for a person);
//   4. run the original and the migrated copy against a loopback SSO + Cloud Automation, and
//      show that every call of the migrated one carried a Bearer token with the right scopes.
// Everything runs from the built package (dist/, made by `npm ci` through `prepare`), the way a
// user's `npx eslint-plugin-cloud-automation` would. A part that is not built yet is named and
// skipped, and the demo then ends with exit code 1.
import { execFile, execFileSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const run = promisify(execFile);
const root = path.dirname(path.dirname(fileURLToPath(import.meta.url)));
const example = path.join(root, 'examples', 'legacy-app');
const require = createRequire(import.meta.url);
const tsxLoader = pathToFileURL(require.resolve('tsx')).href;
const cli = path.join(root, 'dist', 'cli', 'index.js');
const LEGACY_TOKEN = 'demoLegacyApiToken0123456789abcdefghijklmnopq';

const bold = (text) => (process.stdout.isTTY ? `\u001B[1m${text}\u001B[22m` : text);
const step = (title) => console.log(`\n${bold(`━━ ${title}`)}\n`);
const missing = [];
function skip(part, why) {
  missing.push(part);
  console.log(`(skipped: ${part} is not there yet: ${why})`);
}

if (!existsSync(path.join(root, 'dist', 'rules', 'index.js')) || !existsSync(cli)) {
  console.log('dist/ is missing or incomplete: building the package first (npm run build)…');
  execFileSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit' });
}

async function loadPlugin() {
  try {
    const plugin = (await import(pathToFileURL(path.join(root, 'dist', 'rules', 'index.js')).href)).default;
    return plugin?.configs?.recommended ? plugin : undefined;
  } catch (error) {
    console.log(`cannot load the plugin: ${error.message}`);
    return undefined;
  }
}

async function lint(folder, plugin) {
  const { ESLint } = await import('eslint');
  const eslint = new ESLint({ cwd: folder, overrideConfigFile: true, overrideConfig: plugin.configs.recommended });
  const results = await eslint.lintFiles(['src']);
  const formatter = await eslint.loadFormatter('stylish');
  const text = await formatter.format(results);
  console.log(text.trim() === '' ? 'No findings.' : text.trimEnd());
  return results.flatMap((result) => result.messages.map((message) => ({ file: result.filePath, ...message })));
}

// With --check-token the app starts with the old POST /v1/auth token check, which the migration turns into a metadata read.
async function runApp(folder, env) {
  const clean = Object.fromEntries(Object.entries(process.env).filter(([name]) => !/^(KEPTN_|DT_)/u.test(name)));
  try {
    const { stdout } = await run(process.execPath, ['--import', tsxLoader, 'src/main.ts', '--check-token'], { cwd: folder, env: { ...clean, ...env }, timeout: 60_000 });
    return { ok: true, output: stdout.trimEnd() };
  } catch (error) {
    return { ok: false, output: `${error.stdout ?? ''}${error.stderr ?? error.message}`.trimEnd() };
  }
}

function describeRequest(request) {
  const auth =
    request.auth === 'bearer'
      ? `Authorization: Bearer ${request.token.slice(0, 8)}… (scopes: ${request.tokenScopes.map((scope) => scope.replace('cloudautomation:', '')).join(' ')})`
      : request.auth === 'x-token'
        ? `x-token: ${request.token.slice(0, 6)}…`
        : `${request.auth} credentials`;
  return `  ${request.method.padEnd(5)} ${request.path.padEnd(78)} ${auth} → ${request.status}`;
}

const work = mkdtempSync(path.join(tmpdir(), 'cloud-automation-demo-'));
let exitCode = 0;
try {
  const plugin = await loadPlugin();
  const codemodBuilt = existsSync(path.join(root, 'dist', 'codemods', 'x-token-to-oauth.js'));

  step('1. Lint the legacy app (examples/legacy-app) with cloudAutomation.configs.recommended');
  if (plugin) await lint(example, plugin);
  else skip('the ESLint plugin (dist/rules)', 'dist/rules/index.js has no configs.recommended');

  const copy = path.join(work, 'legacy-app');
  cpSync(example, copy, { recursive: true, filter: (source) => !source.includes(`${path.sep}node_modules`) });
  // axios, got and cloud-automation-oauth (an npm workspace of this repository) resolve from here.
  symlinkSync(path.join(root, 'node_modules'), path.join(copy, 'node_modules'));

  step('2. Migrate a copy: npx eslint-plugin-cloud-automation migrate --dry src, then for real');
  let report;
  if (codemodBuilt) {
    const dry = await run(process.execPath, [cli, 'migrate', '--dry', 'src'], { cwd: copy, maxBuffer: 32 * 1024 * 1024 }).catch((error) => error);
    process.stdout.write(dry.stdout ?? '');
    if (dry.stderr) process.stdout.write(dry.stderr);
    const real = await run(process.execPath, [cli, 'migrate', '--json', 'src'], { cwd: copy, maxBuffer: 32 * 1024 * 1024 }).catch((error) => error);
    try {
      report = JSON.parse(real.stdout);
      console.log(`migrate wrote ${report.files.changed.length} files (exit code ${report.exitCode}: ${report.exitCode === 0 ? 'everything migrated' : 'something is left for a person, see above'}).`);
    } catch {
      console.log(`migrate failed: ${real.stderr || real.message}`);
      exitCode = 1;
    }
  } else {
    skip('the x-token-to-oauth codemod (dist/codemods/x-token-to-oauth.js)', 'it has not landed or was not built');
  }

  step('3. Lint the migrated copy again');
  if (plugin && report) {
    const left = await lint(copy, plugin);
    console.log(left.length === 0 ? '' : `\n${left.length} finding(s) left, each at a site the codemod marked for a person (// @cloud-automation-migrate).`);
  } else {
    skip('the lint of the migrated copy', plugin ? 'nothing was migrated' : 'the plugin is missing');
  }

  step('4. Run both against a loopback Dynatrace SSO + Cloud Automation');
  const fakeModule = path.join(root, 'tests', 'support', 'fake-cloud-automation.ts');
  const helperBuilt = existsSync(path.join(root, 'oauth', 'dist', 'index.js'));
  if (!existsSync(fakeModule)) {
    skip('the loopback server (tests/support/fake-cloud-automation.ts)', 'the OAuth helper work has not landed');
  } else {
    const { tsImport } = await import('tsx/esm/api');
    const { startFakeCloudAutomation, FAKE_CREDENTIALS } = await tsImport(pathToFileURL(fakeModule).href, import.meta.url);
    const { analyzeUrl, scopesForRoutes } = await import(pathToFileURL(path.join(root, 'dist', 'core', 'index.js')).href);
    const requiredScopes = (method, requestPath) => scopesForRoutes(analyzeUrl(requestPath, method).routes);
    const fake = await startFakeCloudAutomation({ legacyTokens: [LEGACY_TOKEN], requiredScopes });
    try {
      console.log(`SSO token URL ${fake.ssoTokenUrl}, Cloud Automation API ${fake.apiBaseUrl}\n`);
      console.log('Before the migration (KEPTN_API_TOKEN in x-token):');
      const before = await runApp(example, { KEPTN_ENDPOINT: fake.apiBaseUrl, KEPTN_API_TOKEN: LEGACY_TOKEN });
      fake.requests.forEach((request) => console.log(describeRequest(request)));
      if (!before.ok) console.log(before.output);

      if (!report) {
        skip('the run of the migrated copy', 'nothing was migrated');
      } else if (!helperBuilt) {
        skip('the OAuth helper (oauth/dist)', 'cloud-automation-oauth is not built');
      } else {
        fake.clearRecords();
        const scopes = report.scopes.required.join(' ');
        console.log(`\nAfter the migration (DT_CLIENT_ID, DT_CLIENT_SECRET, DT_ACCOUNT_URN, DT_OAUTH_SCOPES="${scopes}"):`);
        const after = await runApp(copy, {
          KEPTN_ENDPOINT: fake.apiBaseUrl,
          DT_CLIENT_ID: FAKE_CREDENTIALS.clientId,
          DT_CLIENT_SECRET: FAKE_CREDENTIALS.clientSecret,
          DT_ACCOUNT_URN: FAKE_CREDENTIALS.accountUrn,
          DT_OAUTH_SCOPES: scopes,
          DT_SSO_TOKEN_URL: fake.ssoTokenUrl,
        });
        for (const request of fake.tokenRequests) {
          console.log(`  ${request.method.padEnd(5)} /sso/oauth2/token (client_credentials for ${request.form.client_id}) → ${request.status}`);
        }
        fake.requests.forEach((request) => console.log(describeRequest(request)));
        const allBearer = fake.requests.length > 0 && fake.requests.every((request) => request.auth === 'bearer' && !request.xTokenPresent && request.status < 400);
        console.log(after.ok ? `\n${after.output.split('\n').map((line) => `  app: ${line}`).join('\n')}` : `\nthe migrated app failed:\n${after.output}`);
        console.log(
          allBearer
            ? `\nEvery one of the ${fake.requests.length} Cloud Automation calls was authenticated with an OAuth Bearer token covering its route; none sent x-token.`
            : '\nNot every call was authenticated with OAuth: see the lines above.',
        );
        if (!allBearer || !after.ok) exitCode = 1;
      }
    } finally {
      await fake.close();
    }
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

if (missing.length > 0) {
  console.log(`\nThe demo is incomplete: ${missing.join('; ')}.`);
  exitCode = 1;
}
process.exitCode = exitCode;

#!/usr/bin/env bash
# Usage: .ci/scratch-commonjs-check.sh <scratch-project>
# The project must have the packed eslint-plugin-cloud-automation and cloud-automation-oauth,
# eslint (9 or 10) and typescript installed, as a user installs them. In a CommonJS package
# (no "type": "module"), as a CommonJS user writes it:
#  1. an eslint.config.js that require()s the plugin and spreads configs.recommended reports
#     x-token on a CommonJS file, and nothing on a clean one;
#  2. require() of the plugin is the plugin itself (configs, rules, meta), the same object
#     import() gives; a CommonJS file requires the helper as migrated code does;
#  3. tsc type-checks a CommonJS TypeScript file using both packages, with module commonjs +
#     moduleResolution node10, and with module/moduleResolution node16.
set -euo pipefail
project=${1:?usage: scratch-commonjs-check.sh <scratch-project>}
cd "$project"
dir=cloud-automation-commonjs
rm -rf "$dir" && mkdir -p "$dir/src"
echo '{ "name": "commonjs-user", "version": "1.0.0", "private": true }' > "$dir/package.json"
cat > "$dir/eslint.config.js" <<'JS'
const cloudAutomation = require('eslint-plugin-cloud-automation');

module.exports = [...cloudAutomation.configs.recommended];
JS
cat > "$dir/src/legacy.js" <<'JS'
async function sendEvent(event) {
  return fetch(`${process.env.KEPTN_ENDPOINT}/v1/event`, {
    method: 'POST',
    headers: { 'x-token': process.env.KEPTN_API_TOKEN, 'Content-Type': 'application/json' },
    body: JSON.stringify(event),
  });
}
module.exports = { sendEvent };
JS
cat > "$dir/src/clean.js" <<'JS'
module.exports = { greeting: 'hello' };
JS

# 1. ESLint with the CommonJS config (ESLint exits 1 when it reports problems; the JSON says which).
eslint_bin="$project/node_modules/eslint/bin/eslint.js"
version=$(node "$eslint_bin" --version)
(cd "$dir" && node "$eslint_bin" --format json src > report.json) || true
node - "$dir/report.json" "$version" <<'JS'
const [reportPath, version] = process.argv.slice(2);
const text = require('node:fs').readFileSync(reportPath, 'utf8');
let results;
try { results = JSON.parse(text); } catch { console.error(`eslint ${version} with a CommonJS eslint.config.js wrote no report (crashed?)`); process.exit(1); }
const byFile = Object.fromEntries(results.map((r) => [require('node:path').basename(r.filePath), r.messages.map((m) => m.ruleId ?? m.message)]));
if (!(byFile['legacy.js'] ?? []).includes('cloud-automation/no-x-token-header') || (byFile['clean.js'] ?? []).length > 0) {
  console.error(`eslint ${version}, CommonJS eslint.config.js: expected no-x-token-header on legacy.js and nothing on clean.js: ${JSON.stringify(byFile)}`);
  process.exit(1);
}
console.log(`eslint ${version}, CommonJS eslint.config.js: ${byFile['legacy.js'].join(', ')} on legacy.js; clean.js clean`);
JS

# 2. require() and import() in one CommonJS process.
cat > "$dir/require-check.js" <<'JS'
const assert = require('node:assert/strict');
const cloudAutomation = require('eslint-plugin-cloud-automation');
const { oauthClientFromEnv } = require('cloud-automation-oauth');
assert.deepEqual(Object.keys(cloudAutomation).sort(), ['configs', 'meta', 'rules'], 'require() did not give the plugin itself');
assert.equal(cloudAutomation.meta.name, 'eslint-plugin-cloud-automation');
assert.equal(typeof oauthClientFromEnv, 'function', 'require() of cloud-automation-oauth has no oauthClientFromEnv');
import('eslint-plugin-cloud-automation').then((namespace) => {
  assert.equal(namespace.default, cloudAutomation, 'import() and require() gave two plugin objects');
  console.log(`node ${process.version}: require() gives the plugin (one object with import()) and the helper`);
});
JS
(cd "$dir" && node require-check.js)

# 3. Types for CommonJS TypeScript projects.
cat > "$dir/consumer.ts" <<'TS'
import cloudAutomation = require('eslint-plugin-cloud-automation');
import { oauthClientFromEnv } from 'cloud-automation-oauth';
import type { Linter } from 'eslint';

export const config: Linter.Config[] = [...cloudAutomation.configs.recommended];
export const name: string = cloudAutomation.meta.name;
export const client = oauthClientFromEnv;
TS
cat > "$dir/interop.ts" <<'TS'
import cloudAutomation from 'eslint-plugin-cloud-automation';

export const typed = [...cloudAutomation.configs['recommended-type-checked']];
TS
common='"strict": true, "noEmit": true, "esModuleInterop": true, "target": "es2022", "lib": ["es2022"], "types": [], "skipLibCheck": false'
echo "{ \"compilerOptions\": { $common, \"module\": \"commonjs\", \"moduleResolution\": \"node10\", \"ignoreDeprecations\": \"6.0\" }, \"files\": [\"consumer.ts\", \"interop.ts\"] }" > "$dir/tsconfig.node10.json"
echo "{ \"compilerOptions\": { $common, \"module\": \"node16\", \"moduleResolution\": \"node16\" }, \"files\": [\"consumer.ts\", \"interop.ts\"] }" > "$dir/tsconfig.node16.json"
tsc="$project/node_modules/typescript/bin/tsc"
for setup in node10 node16; do
  (cd "$dir" && node "$tsc" -p "tsconfig.$setup.json")
  echo "TypeScript $(node "$tsc" -v | cut -d' ' -f2), CommonJS, $setup: both packages type-check"
done

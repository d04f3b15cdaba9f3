#!/usr/bin/env bash
# Usage: .ci/scratch-eslint-check.sh <scratch-project>
# The project must have eslint-plugin-cloud-automation and eslint (9 or 10) installed, as a user
# installs them. Lints a file that sends the x-token header and a clean file with the shipped
# recommended config; exits non-zero unless the rule fires on the first and nothing on the second.
set -euo pipefail
project=${1:?usage: scratch-eslint-check.sh <scratch-project>}
cd "$project"
check_dir=cloud-automation-check
rm -rf "$check_dir"
mkdir -p "$check_dir/src"
cat > "$check_dir/eslint.config.mjs" <<'JS'
import cloudAutomation from 'eslint-plugin-cloud-automation';
export default [...cloudAutomation.configs.recommended];
JS
cat > "$check_dir/src/legacy.mjs" <<'JS'
export async function sendEvent(event) {
  return fetch(`${process.env.KEPTN_ENDPOINT}/v1/event`, {
    method: 'POST',
    headers: { 'x-token': process.env.KEPTN_API_TOKEN, 'Content-Type': 'application/json' },
    body: JSON.stringify(event),
  });
}
JS
# TypeScript syntax: needs the typescript-eslint parser the recommended config sets for .ts files.
cat > "$check_dir/src/legacy.ts" <<'JS'
const token: string = process.env.KEPTN_API_TOKEN as string;
export const send = (body: string): Promise<Response> =>
  fetch(`${process.env.KEPTN_ENDPOINT}/v1/event`, { method: 'POST', headers: { 'X-Token': token }, body });
JS
cat > "$check_dir/src/clean.mjs" <<'JS'
export const greeting = 'hello';
JS
eslint_bin="$project/node_modules/eslint/bin/eslint.js"
version=$(node "$eslint_bin" --version)
# ESLint exits 1 when it reports problems; the JSON says which ones.
node "$eslint_bin" --config "$check_dir/eslint.config.mjs" --format json "$check_dir/src" > "$check_dir/report.json" || true
node - "$check_dir/report.json" "$version" <<'JS'
const [reportPath, version] = process.argv.slice(2);
const results = JSON.parse(require('node:fs').readFileSync(reportPath, 'utf8'));
const byFile = Object.fromEntries(results.map((r) => [require('node:path').basename(r.filePath), r.messages]));
const rulesOn = (file) => (byFile[file] ?? []).map((m) => m.ruleId);
const clean = byFile['clean.mjs'] ?? [];
const fatal = results.flatMap((r) => r.messages.filter((m) => m.fatal).map((m) => `${require('node:path').basename(r.filePath)}: ${m.message}`));
const missing = ['legacy.mjs', 'legacy.ts'].filter((file) => !rulesOn(file).includes('cloud-automation/no-x-token-header'));
if (fatal.length > 0 || missing.length > 0 || clean.length > 0) {
  console.error(`eslint ${version}: expected no-x-token-header on legacy.mjs and legacy.ts and nothing on clean.mjs`);
  if (fatal.length > 0) console.error(`parse errors (is typescript-eslint's parser installed with the plugin?): ${fatal.join('; ')}`);
  console.error(JSON.stringify(byFile));
  process.exit(1);
}
console.log(`eslint ${version}: ${rulesOn('legacy.mjs').join(', ')} on legacy.mjs; ${rulesOn('legacy.ts').join(', ')} on legacy.ts; clean.mjs clean`);
JS

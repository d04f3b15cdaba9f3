#!/usr/bin/env bash
# Usage: .ci/scratch-oxlint-check.sh <scratch-project> <checkout>
# The project must have the packed eslint-plugin-cloud-automation and eslint installed, as a user
# installs them. Installs oxlint (the version the checkout pins), sets it up as docs/oxlint.md
# says (.oxlintrc.json with "jsPlugins": ["eslint-plugin-cloud-automation"]), lints the rule
# fixtures and the example app with it and with ESLint's configs.recommended, and exits non-zero
# unless both report the same findings (rule, file, line).
set -euo pipefail
project=${1:?usage: scratch-oxlint-check.sh <scratch-project> <checkout>}
root=${2:?usage: scratch-oxlint-check.sh <scratch-project> <checkout>}
oxlint_version=$(node -p 'require(process.argv[1]).devDependencies.oxlint' "$root/package.json")
cd "$project"
npm install --no-audit --no-fund --silent "oxlint@$oxlint_version" >/dev/null
check_dir=cloud-automation-oxlint-check
rm -rf "$check_dir"
mkdir -p "$check_dir/src"
cp -R "$root/tests/rules/fixtures" "$check_dir/src/fixtures"
cp -R "$root/examples/legacy-app/src" "$check_dir/src/legacy-app"
# The setup docs/oxlint.md gives (the schema path is one folder up here). oxlint's own default
# rules stay on, as they would for a user; only the plugin's findings are compared below.
cat > "$check_dir/.oxlintrc.json" <<'JSON'
{
  "$schema": "../node_modules/oxlint/configuration_schema.json",
  "jsPlugins": ["eslint-plugin-cloud-automation"],
  "rules": {
    "cloud-automation/no-hardcoded-credentials": "error",
    "cloud-automation/no-x-token-header": "error",
    "cloud-automation/require-oauth": "error",
    "cloud-automation/valid-oauth-scopes": "error"
  }
}
JSON
cat > "$check_dir/eslint.config.mjs" <<'JS'
import cloudAutomation from 'eslint-plugin-cloud-automation';
export default [...cloudAutomation.configs.recommended];
JS
cd "$check_dir"
# Both exit 1 when they report problems; the JSON reports say which ones.
node ../node_modules/oxlint/bin/oxlint --format json src > oxlint.json || true
node ../node_modules/eslint/bin/eslint.js --format json src > eslint.json || true
node --input-type=module - <<'JS'
import { readFileSync } from 'node:fs';
import path from 'node:path';
import cloudAutomation from 'eslint-plugin-cloud-automation';
const cwd = process.cwd();
const key = (file) => path.relative(cwd, path.resolve(cwd, file)).split(path.sep).join('/');
const add = (map, file, finding) => (map[key(file)] ??= []).push(finding);
const sorted = (map) => JSON.stringify(Object.fromEntries(Object.entries(map).map(([f, l]) => [f, l.sort()]).sort(([a], [b]) => a.localeCompare(b))));
const viaOxlint = {};
for (const d of JSON.parse(readFileSync('oxlint.json', 'utf8')).diagnostics) {
  const rule = /^cloud-automation\((.+)\)$/.exec(d.code ?? '');
  // A diagnostic without a code is oxlint's own (a parse error): ESLint would show one as well.
  if (rule || !d.code) add(viaOxlint, d.filename, `${rule ? `cloud-automation/${rule[1]}` : `oxlint:${d.message}`}:${d.labels?.[0]?.span.line ?? 0}`);
}
const viaEslint = {};
for (const result of JSON.parse(readFileSync('eslint.json', 'utf8'))) {
  for (const m of result.messages) add(viaEslint, result.filePath, `${m.ruleId ?? `eslint:${m.message}`}:${m.line}`);
}
const configured = Object.keys(JSON.parse(readFileSync('.oxlintrc.json', 'utf8')).rules).sort();
const recommended = Object.keys(Object.assign({}, ...cloudAutomation.configs.recommended.map((c) => c.rules ?? {}))).sort();
const count = Object.values(viaEslint).flat().length;
const problems = [];
if (JSON.stringify(configured) !== JSON.stringify(recommended)) problems.push(`.oxlintrc.json enables ${configured}, configs.recommended ${recommended}`);
if (count < 5) problems.push(`ESLint found only ${count} problems; the fixtures hold more`);
if (sorted(viaOxlint) !== sorted(viaEslint)) problems.push(`findings differ:\n  oxlint ${sorted(viaOxlint)}\n  eslint ${sorted(viaEslint)}`);
if (problems.length > 0) {
  console.error(`oxlint check: ${problems.join('\n')}`);
  process.exit(1);
}
console.log(`oxlint and ESLint agree: ${count} findings in ${Object.keys(viaEslint).length} files`);
JS

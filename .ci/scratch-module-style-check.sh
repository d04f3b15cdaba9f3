#!/usr/bin/env bash
# Usage: .ci/scratch-module-style-check.sh <scratch-project>
# The project must have eslint-plugin-cloud-automation and cloud-automation-oauth installed from
# their tarballs. Migrates four files with the installed CLI, one per module style (a .cjs file
# and a bare .js in a CommonJS package, a bare .js in a "type": "module" package and an .mjs
# file), checks each got the import form its package runs, then loads each one the way Node
# will (require / import) and calls it against a loopback SSO + Cloud Automation server.
set -euo pipefail
project=${1:?usage: scratch-module-style-check.sh <scratch-project>}
cd "$project"
check_dir=module-style-check
rm -rf "$check_dir"
mkdir -p "$check_dir/cjs" "$check_dir/esm"
echo '{ "name": "scratch-commonjs", "private": true }' > "$check_dir/cjs/package.json"
echo '{ "name": "scratch-module", "private": true, "type": "module" }' > "$check_dir/esm/package.json"
cat > "$check_dir/cjs/legacy.cjs" <<'JS'
async function projects() {
  const response = await fetch(`${process.env.KEPTN_ENDPOINT}/controlPlane/v1/project`, {
    headers: { 'x-token': process.env.KEPTN_API_TOKEN },
  });
  return response.json();
}
module.exports = { projects };
JS
cat > "$check_dir/cjs/notify.js" <<'JS'
globalThis.keptnNotify = async function notify(event) {
  const response = await fetch(`${process.env.KEPTN_ENDPOINT}/v1/event`, {
    method: 'POST',
    headers: { 'x-token': process.env.KEPTN_API_TOKEN, 'content-type': 'application/json' },
    body: JSON.stringify(event),
  });
  return response.json();
};
JS
cat > "$check_dir/esm/events.js" <<'JS'
globalThis.keptnTriggered = async function triggered(type) {
  const response = await fetch(`${process.env.KEPTN_ENDPOINT}/controlPlane/v1/event/triggered/${type}`, {
    headers: { 'x-token': process.env.KEPTN_API_TOKEN },
  });
  return response.json();
};
JS
cat > "$check_dir/esm/stats.mjs" <<'JS'
export async function statistics() {
  const response = await fetch(`${process.env.KEPTN_ENDPOINT}/statistics/v1/statistics`, {
    headers: { 'x-token': process.env.KEPTN_API_TOKEN },
  });
  return response.json();
}
JS

# Not a git repository: migrate writes without --force.
code=0
node_modules/.bin/eslint-plugin-cloud-automation migrate --no-progress "$check_dir" > "$check_dir/report.txt" || code=$?
if [ "$code" -ne 0 ]; then
  echo "migrate exited $code"; cat "$check_dir/report.txt"; exit 1
fi

status=0
expect_form() { # expect_form FILE import|require
  local file=$1 form=$2 wanted other
  if [ "$form" = require ]; then wanted="const { oauthClientFromEnv } = require('cloud-automation-oauth');"; other='^import '
  else wanted="import { oauthClientFromEnv } from 'cloud-automation-oauth';"; other='require\('; fi
  if ! grep -qxF "$wanted" "$file" || grep -qE "$other" "$file" || grep -qE '\bimport\(' "$file"; then
    echo "$file: expected only \`$wanted\`, got:"; cat "$file"; status=1
  fi
}
expect_form "$check_dir/cjs/legacy.cjs" require
expect_form "$check_dir/cjs/notify.js" require
expect_form "$check_dir/esm/events.js" import
expect_form "$check_dir/esm/stats.mjs" import
[ "$status" -eq 0 ] || exit 1

node --input-type=module - "$PWD/$check_dir" <<'JS'
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const folder = process.argv[2];
let tokenRequests = 0;
const apiRequests = [];
const server = createServer((request, response) => {
  if (request.url === '/sso/oauth2/token') {
    tokenRequests += 1;
    response.setHeader('content-type', 'application/json');
    response.end(JSON.stringify({ token_type: 'Bearer', access_token: 'scratch-token', expires_in: 300, scope: '', resource: '' }));
    return;
  }
  apiRequests.push({ url: request.url, authorization: request.headers.authorization, xToken: request.headers['x-token'] });
  response.setHeader('content-type', 'application/json');
  response.end(JSON.stringify({ ok: request.url }));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const { port } = server.address();
Object.assign(process.env, {
  KEPTN_ENDPOINT: `http://127.0.0.1:${port}/api`,
  DT_CLIENT_ID: 'dt0s02.SCRATCH1',
  DT_CLIENT_SECRET: `dt0s02.SCRATCH1.${'A1'.repeat(32)}`,
  DT_ACCOUNT_URN: 'urn:dtaccount:0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  DT_SSO_TOKEN_URL: `http://127.0.0.1:${port}/sso/oauth2/token`,
});
try {
  const require = createRequire(`${folder}/`);
  const { projects } = require('./cjs/legacy.cjs');
  require('./cjs/notify.js');
  const { statistics } = await import(pathToFileURL(`${folder}/esm/stats.mjs`).href);
  await import(pathToFileURL(`${folder}/esm/events.js`).href);
  const answers = [
    await projects(),
    await globalThis.keptnNotify({ type: 'sh.keptn.event.deployment.finished' }),
    await statistics(),
    await globalThis.keptnTriggered('sh.keptn.event.evaluation.triggered'),
  ];
  const unauthorized = apiRequests.filter((entry) => entry.authorization !== 'Bearer scratch-token' || entry.xToken !== undefined);
  if (answers.some((answer) => !answer.ok) || apiRequests.length !== 4 || unauthorized.length > 0 || tokenRequests === 0) {
    console.error('migrated modules did not call Cloud Automation with the OAuth token:', JSON.stringify({ answers, apiRequests, tokenRequests }));
    process.exitCode = 1;
  } else {
    console.log(`require (.cjs, .js in a CommonJS package) and import (.mjs, .js in a module package): 4 calls with the Bearer token, ${tokenRequests} token request(s)`);
  }
} finally {
  server.close();
}
JS

#!/usr/bin/env bash
# CI check for cloud-automation-oauth as users install it (issue 15), in a scratch project:
#  1. its declarations type-check in a consumer file on TypeScript 4.0, 4.7, 5.x and 6.0, in
#     CommonJS (module commonjs + moduleResolution node, module/moduleResolution node16) and ESM
#     (nodenext; bundler from 5.0) setups, without skipLibCheck, DOM library or @types/node;
#  2. it is `require`d from a .cjs file with require(esm) turned off and imported from a .mjs
#     file, and both get one client and make one token request against a loopback SSO;
#  3. the same runs on the package's minimum Node (from the npm registry's `node` package).
# Usage: oauth-dual-package-check.sh <cloud-automation-oauth-*.tgz> <scratch dir>
set -euo pipefail
tarball=$(cd "$(dirname "$1")" && pwd)/$(basename "$1")
project="$(cd "$2" && pwd)/oauth-dual-package"
rm -rf "$project" && mkdir -p "$project" && cd "$project"

# Oldest TypeScript the declarations support, then the first with node16/nodenext, then current ones.
ts_versions=("4.0:~4.0.8" "4.7:~4.7.4" "5:~5.9.0" "6.0:~6.0.3")
minimum_node=$(tar -xzOf "$tarball" package/package.json | node -e 'const p=JSON.parse(require("fs").readFileSync(0,"utf8")); const m=/(\d+)(?:\.(\d+))?/.exec(p.engines.node); console.log(m[2] ? `${m[1]}.${m[2]}` : m[1])')

cat > package.json <<'EOF'
{ "name": "oauth-consumer", "version": "1.0.0", "private": true }
EOF
aliases=()
for entry in "${ts_versions[@]}"; do aliases+=("typescript-${entry%%:*}@npm:typescript@${entry#*:}"); done
npm install --no-audit --no-fund --silent --cache "$project/.npm-cache" "$tarball" "${aliases[@]}" "node-${minimum_node%%.*}@npm:node@~$minimum_node" >/dev/null

# ---------------------------------------------------------------------------------------------
# 1. Types
mkdir -p cjs esm
cat > consumer.ts <<'EOF'
import {
  createOAuthClient,
  oauthClientFromEnv,
  optionalOAuthClientFromEnv,
  OAuthConfigError,
  OAuthTokenError,
  ENV_VARS,
} from 'cloud-automation-oauth';
import type { AxiosLikeInstance, Environment, OAuthClient, OAuthClientOptions, OAuthGotHooks, OptionalOAuthClient } from 'cloud-automation-oauth';

const options: OAuthClientOptions = {
  clientId: 'dt0s02.ABCDEFGH',
  clientSecret: 'dt0s02.ABCDEFGH.SECRET',
  accountUrn: 'urn:dtaccount:0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d',
  scopes: ['events:read'],
  audience: ['https://abc12345.cloudautomation.live.dynatrace.com/api'],
};
const client: OAuthClient = createOAuthClient(options);
const env: Environment = { [ENV_VARS.clientId]: 'dt0s02.ABCDEFGH' };
const fromEnv: OAuthClient = oauthClientFromEnv(env);
const optional: OptionalOAuthClient = optionalOAuthClientFromEnv(env);
const maybe: OAuthClient | undefined = optional.client();

declare const instance: AxiosLikeInstance & { get(url: string): Promise<unknown> };
const attached = client.attachToAxios(instance, { audience: 'https://keptn.example.com/api' });
const keep: Promise<unknown> = attached.get('/v1/metadata');
const hooks: OAuthGotHooks = optional.gotHooks();

async function use(): Promise<number> {
  const token: string = await fromEnv.getAccessToken();
  const header: string = await client.authorizationHeader();
  const response: Response = await client.fetch('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/metadata', { method: 'GET' });
  const extra: Record<string, string> = await optional.authorizationHeaders();
  return token.length + header.length + Object.keys(extra).length + hooks.beforeRequest.length + (response === undefined ? 0 : 1);
}

export function explain(error: unknown): string {
  if (error instanceof OAuthTokenError) return `${error.code} ${String(error.status)} ${String(error.isPermanent)}`;
  if (error instanceof OAuthConfigError) return error.setting;
  return String(maybe) + String(keep) + String(use);
}
EOF
cp consumer.ts cjs/consumer.ts
cp consumer.ts esm/consumer.mts
echo '{ "type": "commonjs" }' > cjs/package.json
# Strict, no skipLibCheck, and neither the DOM library nor @types/node: the declarations bring
# what they need. One more setup adds the DOM library, whose fetch types they must merge with.
common='"strict": true, "noEmit": true, "target": "es2020", "lib": ["es2020"], "types": [], "skipLibCheck": false'
echo "{ \"compilerOptions\": { $common, \"module\": \"commonjs\", \"moduleResolution\": \"node\" }, \"files\": [\"cjs/consumer.ts\"] }" > tsconfig.cjs-node.json
echo "{ \"compilerOptions\": { $common, \"module\": \"node16\", \"moduleResolution\": \"node16\" }, \"files\": [\"cjs/consumer.ts\"] }" > tsconfig.cjs-node16.json
echo "{ \"compilerOptions\": { $common, \"module\": \"nodenext\", \"moduleResolution\": \"nodenext\" }, \"files\": [\"esm/consumer.mts\"] }" > tsconfig.esm-nodenext.json
echo "{ \"extends\": \"./tsconfig.esm-nodenext.json\", \"compilerOptions\": { \"lib\": [\"es2020\", \"dom\"] } }" > tsconfig.esm-nodenext-dom.json
echo "{ \"compilerOptions\": { $common, \"module\": \"esnext\", \"moduleResolution\": \"bundler\" }, \"files\": [\"esm/consumer.mts\"] }" > tsconfig.esm-bundler.json

status=0
for entry in "${ts_versions[@]}"; do
  version=${entry%%:*}
  tsc="node_modules/typescript-$version/bin/tsc"
  setups=(cjs-node)
  # node16/nodenext resolution (package.json "exports") exists from TypeScript 4.7 on.
  [ "$version" != "4.0" ] && setups+=(cjs-node16 esm-nodenext)
  # moduleResolution bundler exists from TypeScript 5.0 on.
  case $version in 5|6.0) setups+=(esm-bundler) ;; esac
  extra=()
  # TypeScript 6 deprecates moduleResolution node (node10); projects that keep it say so.
  [ "$version" = "6.0" ] && extra=(--ignoreDeprecations 6.0) && setups+=(esm-nodenext-dom)
  for setup in "${setups[@]}"; do
    if node "$tsc" -p "tsconfig.$setup.json" "${extra[@]}"; then
      echo "types: TypeScript $(node "$tsc" -v | cut -d' ' -f2), $setup: ok"
    else
      echo "types: TypeScript $version, $setup: FAILED"; status=1
    fi
  done
done

# ---------------------------------------------------------------------------------------------
# 2. CommonJS and ESM in one process share one module instance and one token cache.
cat > sso.cjs <<'EOF'
// A loopback token endpoint that counts token requests; GET /count answers the count.
const http = require('node:http');
let issued = 0;
const server = http.createServer((request, response) => {
  request.resume();
  request.on('end', () => {
    if (request.method === 'GET' && request.url === '/count') return response.end(String(issued));
    issued++;
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ token_type: 'Bearer', access_token: `token-${issued}`, expires_in: 300 }));
  });
});
server.listen(0, '127.0.0.1', () => console.log(server.address().port));
EOF
cat > caller.cjs <<'EOF'
const oauth = require('cloud-automation-oauth');
module.exports = { oauth, token: () => oauth.oauthClientFromEnv().getAccessToken() };
if (require.main === module) {
  // Alone, with require(esm) off: the CommonJS entry needs nothing else.
  oauth.oauthClientFromEnv().getAccessToken().then((token) => console.log(`require alone: ${token}`));
}
EOF
cat > main.mjs <<'EOF'
import assert from 'node:assert/strict';
import { createRequire } from 'node:module';
import * as esm from 'cloud-automation-oauth';
const cjs = createRequire(import.meta.url)('./caller.cjs');
const countUrl = `${new URL(process.env.DT_SSO_TOKEN_URL).origin}/count`;
const before = Number(await (await fetch(countUrl)).text());
const [fromImport, fromRequire] = await Promise.all([esm.oauthClientFromEnv().getAccessToken(), cjs.token()]);
assert.equal(fromImport, fromRequire, 'import and require got different tokens');
assert.equal(esm.oauthClientFromEnv(), cjs.oauth.oauthClientFromEnv(), 'import and require built two clients for one configuration');
assert.equal(esm.OAuthConfigError, cjs.oauth.OAuthConfigError, 'two copies of the error classes');
assert.deepEqual(Object.keys(esm).sort(), Object.keys(cjs.oauth).filter((name) => name !== '__esModule').sort());
const count = Number(await (await fetch(countUrl)).text()) - before;
assert.equal(count, 1, `expected one token request for the two callers, SSO saw ${count}`);
console.log(`import + require: one client, one token request (${fromImport})`);
EOF
node sso.cjs > sso.port &
sso_pid=$!
trap 'kill "$sso_pid" 2>/dev/null || true' EXIT
for _ in $(seq 50); do [ -s sso.port ] && break; sleep 0.1; done
export DT_CLIENT_ID=dt0s02.ABCDEFGH DT_CLIENT_SECRET="dt0s02.ABCDEFGH.$(printf 'S%.0s' {1..64})"
export DT_ACCOUNT_URN=urn:dtaccount:0b1c2d3e-4f50-4a6b-8c7d-9e0f1a2b3c4d DT_SSO_TOKEN_URL="http://127.0.0.1:$(cat sso.port)/sso/oauth2/token"
run() { # run LABEL COMMAND...: each run is a fresh process, so it starts with an empty cache
  local label=$1; shift
  if "$@"; then echo "runtime: $label: ok"; else echo "runtime: $label: FAILED"; status=1; fi
}
run "node $(node -v), require alone, require(esm) off" node --no-experimental-require-module caller.cjs
run "node $(node -v), import + require, require(esm) off" node --no-experimental-require-module main.mjs
minimum_node_bin="node_modules/node-${minimum_node%%.*}/bin/node"
run "minimum Node $("$minimum_node_bin" -v) (engines: $minimum_node), import + require" "$minimum_node_bin" main.mjs
exit $status

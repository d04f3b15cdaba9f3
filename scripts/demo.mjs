// The README's main-job command. Until the migrate CLI lands this shows what exists: how
// core/ reads Keptn calls and which OAuth scopes they need.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

if (!existsSync(new URL('../dist/core/index.js', import.meta.url))) {
  execFileSync('npm', ['run', 'build'], { stdio: 'inherit' });
}
const { analyzeUrl, urlShape, HOLE, scopesForRoutes, sortScopes } = await import('../dist/core/index.js');

const calls = [
  ['POST', urlShape(HOLE, '/v1/event')],
  ['GET', urlShape(HOLE, '/controlPlane/v1/event/triggered/', HOLE)],
  ['GET', urlShape(HOLE, '/controlPlane/v1/project')],
  ['POST', urlShape(HOLE, '/controlPlane/v1/uniform/registration')],
];
const needed = new Set();
for (const [method, shape] of calls) {
  const analysis = analyzeUrl(shape, method);
  const scopes = scopesForRoutes(analysis.routes);
  scopes.forEach((scope) => needed.add(scope));
  console.log(`${method.padEnd(6)} ${analysis.displayPath.padEnd(44)} → ${scopes.join(' ')}`);
}
console.log(`\nScopes for the OAuth client: ${sortScopes(needed).join(' ')}`);

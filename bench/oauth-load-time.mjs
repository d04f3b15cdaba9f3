// Cold-start cost of loading cloud-automation-oauth through `require` and through its ES module
// entry (a benchmark, not a test): `npm run build && node bench/oauth-load-time.mjs [other-entry.js]`.
// An optional argument adds another entry to import, e.g. an older build, as a baseline.
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const dist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../oauth/dist');
const variants = {
  'bare node start': ['-e', '0'],
  'require (CommonJS build)': ['-e', `require(${JSON.stringify(path.join(dist, 'index.js'))})`],
  'import (ES module entry)': ['--input-type=module', '-e', `await import(${JSON.stringify(path.join(dist, 'index.mjs'))})`],
};
if (process.argv[2]) variants[`import ${process.argv[2]}`] = ['--input-type=module', '-e', `await import(${JSON.stringify(path.resolve(process.argv[2]))})`];

const rounds = 25;
const times = Object.fromEntries(Object.keys(variants).map((name) => [name, []]));
// Interleaved, so a change in machine load hits every variant alike.
for (let round = 0; round < rounds; round++) {
  for (const [name, args] of Object.entries(variants)) {
    const start = process.hrtime.bigint();
    execFileSync(process.execPath, args);
    times[name].push(Number(process.hrtime.bigint() - start) / 1e6);
  }
}
const at = (list, share) => list[Math.floor((list.length - 1) * share)].toFixed(1);
console.log(`node ${process.version}, ${rounds} cold starts per variant`);
for (const [name, list] of Object.entries(times)) {
  list.sort((a, b) => a - b);
  console.log(`${name}: median ${at(list, 0.5)} ms (p25 ${at(list, 0.25)}, p75 ${at(list, 0.75)})`);
}

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { compareNodeVersions, formatNodeVersion, HELPER_MINIMUM_NODE, HELPER_RUNTIME_NEEDS } from '../../core/runtime.js';
import { lowestAdmittedVersion } from '../../cli/node-versions.js';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

describe("the helper's minimum Node", () => {
  // The oauth helper states its own minimum in its package.json; migrate warns against core's copy.
  // When one of them changes (a dual package may lower it), this fails until both say the same.
  it('is the lowest version oauth/package.json engines.node admits', () => {
    const manifest = JSON.parse(readFileSync(path.join(root, 'oauth', 'package.json'), 'utf8')) as { engines?: { node?: string } };
    const engines = manifest.engines?.node;
    expect(engines, 'oauth/package.json has no engines.node').toBeTypeOf('string');
    const lowest = lowestAdmittedVersion(engines ?? '');
    expect(lowest, `cannot read engines.node "${engines ?? ''}"`).toBeDefined();
    expect(formatNodeVersion(lowest ?? { major: 0, minor: 0, patch: 0 })).toBe(formatNodeVersion(HELPER_MINIMUM_NODE));
  });

  it('is what the newest listed need asks for, so the report explains it', () => {
    const newest = HELPER_RUNTIME_NEEDS.map((need) => {
      const [major = 0, minor = 0] = need.since.split('.').map(Number);
      return { major, minor, patch: 0 };
    }).sort(compareNodeVersions).at(-1);
    expect(newest).toEqual(HELPER_MINIMUM_NODE);
  });
});

describe('formatNodeVersion', () => {
  it('writes the short form only when asked', () => {
    expect(formatNodeVersion({ major: 20, minor: 19, patch: 0 })).toBe('20.19.0');
    expect(formatNodeVersion({ major: 20, minor: 19, patch: 0 }, { short: true })).toBe('20.19');
    expect(formatNodeVersion({ major: 24, minor: 0, patch: 0 }, { short: true })).toBe('24');
    expect(formatNodeVersion({ major: 20, minor: 19, patch: 2 }, { short: true })).toBe('20.19.2');
  });
});

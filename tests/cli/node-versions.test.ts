import { describe, expect, it } from 'vitest';
import { lowestAdmittedVersion, pinRunsBelow, readNodePin } from '../../cli/node-versions.js';
import { formatNodeVersion } from '../../core/runtime.js';

const lowest = (range: string): string | undefined => {
  const version = lowestAdmittedVersion(range);
  return version && formatNodeVersion(version);
};

describe('lowestAdmittedVersion', () => {
  it.each([
    ['>=14', '14.0.0'],
    ['>= 14', '14.0.0'],
    ['>=20.19', '20.19.0'],
    ['>=20.19.0', '20.19.0'],
    ['>14', '15.0.0'],
    ['>14.1', '14.2.0'],
    ['>14.1.2', '14.1.3'],
    ['14.x', '14.0.0'],
    ['14', '14.0.0'],
    ['v16.3.1', '16.3.1'],
    ['=18.2.0', '18.2.0'],
    ['^18', '18.0.0'],
    ['^18.17.1', '18.17.1'],
    ['~16.3', '16.3.0'],
    ['^18 || ^20', '18.0.0'],
    ['^20.19.0 || ^22.13.0 || >=24', '20.19.0'],
    ['>=24 || ^20.19.0', '20.19.0'],
    ['16 - 20', '16.0.0'],
    ['>=16 <21', '16.0.0'],
    ['<=16', '0.0.0'],
    ['*', '0.0.0'],
    ['', '0.0.0'],
  ])('%s → %s', (range, expected) => {
    expect(lowest(range)).toBe(expected);
  });

  it('skips alternatives that admit nothing', () => {
    expect(lowest('>=20 <18 || >=22')).toBe('22.0.0');
    expect(lowest('>=20 <20')).toBeUndefined();
  });

  it('gives up on what it cannot read instead of guessing', () => {
    expect(lowest('latest')).toBeUndefined();
    expect(lowest('>=14 || lts')).toBeUndefined();
    expect(lowest('node >= 14')).toBeUndefined();
  });
});

describe('readNodePin and pinRunsBelow', () => {
  const minimum = { major: 20, minor: 19, patch: 0 };
  it.each([
    ['12', true],
    ['v16.14.0', true],
    ['20.10', true],
    ['20.10.0', true],
    ['20', false],
    ['20.19', false],
    ['20.19.0', false],
    ['v22', false],
    ['lts/gallium', true],
    ['lts/iron', false],
    ['lts/*', false],
    ['node', false],
  ])('%s runs below 20.19: %s', (text, below) => {
    const pin = readNodePin(text);
    expect(pin).toBeDefined();
    if (pin) expect(pinRunsBelow(pin, minimum)).toBe(below);
  });

  it('does not know aliases and system installs', () => {
    expect(readNodePin('system')).toBeUndefined();
    expect(readNodePin('lts/unknown')).toBeUndefined();
    expect(readNodePin('my-alias')).toBeUndefined();
  });
});

/**
 * Reading the Node versions projects declare: an `engines.node` semver range and the pin of
 * a .nvmrc / .node-version file. Only the question the runtime check asks is answered: the
 * lowest Node a declaration lets the code run on. No dependency: the ranges met in
 * `engines` are few (`>=14`, `^18 || ^20`, `14.x`, `>=16 <21`, `20 - 22`), and a range this
 * reader cannot follow comes back as undefined, never as a guess.
 */
import { compareNodeVersions, type NodeVersion } from '../core/runtime.js';

/** A version with the parts written; missing parts are wildcards (`20` = `20.x.x`). */
interface PartialVersion {
  readonly major: number;
  readonly minor: number | undefined;
  readonly patch: number | undefined;
}

const PARTIAL = /^v?(\d+)(?:\.(\d+|[xX*]))?(?:\.(\d+|[xX*]))?(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/u;

function readPartial(text: string): PartialVersion | 'any' | undefined {
  if (text === '' || text === '*' || text === 'x' || text === 'X') return 'any';
  const match = PARTIAL.exec(text);
  if (!match) return undefined;
  const part = (value: string | undefined): number | undefined => (value === undefined || /^[xX*]$/u.test(value) ? undefined : Number(value));
  const minor = part(match[2]);
  // `1.x.3` means nothing in semver; treat the patch as a wildcard like npm does.
  return { major: Number(match[1]), minor, patch: minor === undefined ? undefined : part(match[3]) };
}

const floor = (version: PartialVersion): NodeVersion => ({ major: version.major, minor: version.minor ?? 0, patch: version.patch ?? 0 });

/** The first version above every version `version` stands for (`20` → 21.0.0, `20.1` → 20.2.0). */
function above(version: PartialVersion): NodeVersion {
  if (version.minor === undefined) return { major: version.major + 1, minor: 0, patch: 0 };
  if (version.patch === undefined) return { major: version.major, minor: version.minor + 1, patch: 0 };
  return { major: version.major, minor: version.minor, patch: version.patch + 1 };
}

/** Lower bound (inclusive) and upper bound (exclusive, or inclusive when `upperIncluded`) of one comparator set. */
interface Interval {
  low: NodeVersion;
  high: NodeVersion | undefined;
  highIncluded: boolean;
}

const ZERO: NodeVersion = { major: 0, minor: 0, patch: 0 };

function raiseLow(interval: Interval, low: NodeVersion): void {
  if (compareNodeVersions(low, interval.low) > 0) interval.low = low;
}

function lowerHigh(interval: Interval, high: NodeVersion, included: boolean): void {
  const order = interval.high === undefined ? -1 : compareNodeVersions(high, interval.high);
  if (order < 0 || (order === 0 && !included)) {
    interval.high = high;
    interval.highIncluded = included;
  }
}

/** Applies one comparator (`>=20.19`, `^18`, `~16.3`, `14.x`, `<21`) to the interval; false when unreadable. */
function applyComparator(interval: Interval, comparator: string): boolean {
  const match = /^(\^|~>?|>=|<=|>|<|=)?\s*(.*)$/u.exec(comparator);
  const operator = match?.[1] ?? '';
  const version = readPartial(match?.[2] ?? '');
  if (version === undefined) return false;
  if (version === 'any') {
    // `<*` admits nothing; `>*`, `>=*`, `*` admit everything.
    if (operator === '<') interval.high = ZERO;
    return true;
  }
  switch (operator) {
    case '':
    case '=':
      raiseLow(interval, floor(version));
      lowerHigh(interval, above(version), false);
      return true;
    case '>=':
      raiseLow(interval, floor(version));
      return true;
    case '>':
      raiseLow(interval, above(version));
      return true;
    case '<':
      lowerHigh(interval, floor(version), false);
      return true;
    case '<=':
      if (version.minor === undefined || version.patch === undefined) lowerHigh(interval, above(version), false);
      else lowerHigh(interval, floor(version), true);
      return true;
    case '~':
    case '~>':
      raiseLow(interval, floor(version));
      lowerHigh(interval, version.minor === undefined ? { major: version.major + 1, minor: 0, patch: 0 } : { major: version.major, minor: version.minor + 1, patch: 0 }, false);
      return true;
    case '^': {
      raiseLow(interval, floor(version));
      // The caret keeps the left-most non-zero part fixed.
      const high =
        version.major > 0 || version.minor === undefined
          ? { major: version.major + 1, minor: 0, patch: 0 }
          : version.minor > 0 || version.patch === undefined
            ? { major: 0, minor: version.minor + 1, patch: 0 }
            : { major: 0, minor: 0, patch: version.patch + 1 };
      lowerHigh(interval, high, false);
      return true;
    }
    default:
      return false;
  }
}

function lowestOfSet(set: string): NodeVersion | undefined | 'empty' {
  const interval: Interval = { low: ZERO, high: undefined, highIncluded: false };
  const hyphen = /^(\S+)\s+-\s+(\S+)$/u.exec(set);
  if (hyphen) {
    const from = readPartial(hyphen[1] ?? '');
    const to = readPartial(hyphen[2] ?? '');
    if (from === undefined || to === undefined) return undefined;
    if (from !== 'any') raiseLow(interval, floor(from));
    if (to !== 'any') lowerHigh(interval, above(to), false);
  } else {
    // `>= 14` is written with a space now and then: glue operators to their version first.
    const comparators = set.replace(/(\^|~>?|>=|<=|>|<|=)\s+/gu, '$1').split(/\s+/u).filter(Boolean);
    for (const comparator of comparators) if (!applyComparator(interval, comparator)) return undefined;
  }
  if (interval.high !== undefined) {
    const order = compareNodeVersions(interval.low, interval.high);
    if (order > 0 || (order === 0 && !interval.highIncluded)) return 'empty';
  }
  return interval.low;
}

/**
 * The lowest Node version a semver range admits (`>=14` → 14.0.0, `^18 || >=20` → 18.0.0),
 * or undefined when the range cannot be read or admits nothing. Prereleases are ignored:
 * nobody pins a Node runtime to one.
 */
export function lowestAdmittedVersion(range: string): NodeVersion | undefined {
  let lowest: NodeVersion | undefined;
  for (const alternative of range.trim().split('||')) {
    const result = lowestOfSet(alternative.trim());
    if (result === undefined) return undefined;
    if (result === 'empty') continue;
    if (lowest === undefined || compareNodeVersions(result, lowest) < 0) lowest = result;
  }
  return lowest;
}

/** Node LTS code names, as nvm and fnm accept them after `lts/`. */
const LTS_CODENAMES: Readonly<Record<string, number>> = {
  argon: 4,
  boron: 6,
  carbon: 8,
  dubnium: 10,
  erbium: 12,
  fermium: 14,
  gallium: 16,
  hydrogen: 18,
  iron: 20,
  jod: 22,
  krypton: 24,
};

/**
 * What a .nvmrc / .node-version pin selects:
 * - `exact`: a full version (`16.14.0`), run as written;
 * - `line`: a major or major.minor (`20`, `lts/iron`), which version managers resolve to the newest
 *   release of that line, so only the line's major (and minor) is known;
 * - `latest`: `node`, `stable`, `lts/*` — whatever is newest when installed;
 * - undefined: a pin this reader does not know (an alias, `system`, `iojs`).
 */
export type NodePin =
  | { readonly kind: 'exact'; readonly version: NodeVersion; readonly text: string }
  | { readonly kind: 'line'; readonly major: number; readonly minor: number | undefined; readonly text: string }
  | { readonly kind: 'latest'; readonly text: string };

export function readNodePin(text: string): NodePin | undefined {
  const pin = text.trim();
  const lower = pin.toLowerCase();
  if (lower === 'node' || lower === 'stable' || lower === 'latest' || lower === 'current' || lower === 'lts/*' || lower === 'lts') return { kind: 'latest', text: pin };
  const codename = /^lts\/([a-z]+)$/u.exec(lower)?.[1];
  if (codename !== undefined) {
    const major = LTS_CODENAMES[codename];
    return major === undefined ? undefined : { kind: 'line', major, minor: undefined, text: pin };
  }
  const version = readPartial(pin);
  if (version === undefined || version === 'any') return undefined;
  if (version.minor !== undefined && version.patch !== undefined) return { kind: 'exact', version: floor(version), text: pin };
  return { kind: 'line', major: version.major, minor: version.minor, text: pin };
}

/**
 * Whether a pin lets the code run below `minimum`. A line resolves to its newest release, so
 * `20` runs a 20.19+ helper and `20.10` (newest 20.10.x) does not.
 */
export function pinRunsBelow(pin: NodePin, minimum: NodeVersion): boolean {
  switch (pin.kind) {
    case 'latest':
      return false;
    case 'exact':
      return compareNodeVersions(pin.version, minimum) < 0;
    case 'line':
      if (pin.major !== minimum.major) return pin.major < minimum.major;
      return pin.minor !== undefined && pin.minor < minimum.minor;
  }
}

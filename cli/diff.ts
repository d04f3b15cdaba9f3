/**
 * The unified diff `migrate --dry` prints, in time close to linear in the file's size.
 *
 * jsdiff's `createTwoFilesPatch` runs Myers' algorithm over the whole file: O(N·D), where D
 * is the number of changed lines. A migration changes lines all over a file, so D grows with
 * N, and a generated 2 MB file with ~8,000 calls spent 272 of its 332 s there. Here lines
 * that occur exactly once in each text anchor the alignment (patience diff); Myers (jsdiff's
 * `diffArrays`) only runs on the short stretches between anchors, with a bound on its work
 * so a stretch without anchors becomes "all removed, all added" instead of minutes of search.
 * The hunks are built and printed the way `createTwoFilesPatch` does (4 lines of context),
 * so the output reads the same and `git apply` / `patch` take it.
 */
import { diffArrays, formatPatch, type StructuredPatchHunk } from 'diff';

interface LineChange {
  readonly lines: readonly string[];
  readonly added?: boolean;
  readonly removed?: boolean;
}

const CONTEXT = 4;
/** Myers' work bound per stretch between anchors; past it the stretch is replaced wholesale. */
const MAX_EDIT_LENGTH = 200;

/** Lines with their line break, as jsdiff cuts them (the last one may have none). */
function splitLines(text: string): string[] {
  const lines = text.split(/(?<=\n)/u);
  if (lines.at(-1) === '') lines.pop();
  return lines;
}

export function createUnifiedPatch(oldName: string, newName: string, before: string, after: string): string {
  const changes = diffLineArrays(splitLines(before), splitLines(after));
  return formatPatch({ oldFileName: oldName, newFileName: newName, oldHeader: undefined, newHeader: undefined, hunks: hunksOf(changes) });
}

/** The changes that turn `a` into `b`, as runs of equal, removed and added lines. */
export function diffLineArrays(a: readonly string[], b: readonly string[]): LineChange[] {
  const changes: { lines: string[]; kind: 'equal' | 'removed' | 'added' }[] = [];
  const push: Push = (lines, kind) => {
    if (lines.length === 0) return;
    const last = changes.at(-1);
    // Runs stay maximal; appending in place keeps this linear.
    if (last?.kind === kind) for (const line of lines) last.lines.push(line);
    else changes.push({ lines: [...lines], kind });
  };
  alignStretch(a, 0, a.length, b, 0, b.length, push);
  return normalise(changes.map(({ lines, kind }) => (kind === 'equal' ? { lines } : kind === 'added' ? { lines, added: true } : { lines, removed: true })));
}

type Push = (lines: readonly string[], kind: 'equal' | 'removed' | 'added') => void;

function alignStretch(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number, push: Push): void {
  // Common head and tail cost nothing to find and are most of an unchanged file.
  let head = 0;
  while (aStart + head < aEnd && bStart + head < bEnd && a[aStart + head] === b[bStart + head]) head++;
  let tail = 0;
  while (aEnd - tail > aStart + head && bEnd - tail > bStart + head && a[aEnd - 1 - tail] === b[bEnd - 1 - tail]) tail++;
  push(a.slice(aStart, aStart + head), 'equal');
  const from = { a: aStart + head, b: bStart + head };
  const to = { a: aEnd - tail, b: bEnd - tail };
  const anchors = uniqueCommonLines(a, from.a, to.a, b, from.b, to.b);
  if (anchors.length === 0) {
    smallStretch(a.slice(from.a, to.a), b.slice(from.b, to.b), push);
  } else {
    let ai = from.a;
    let bi = from.b;
    for (const [anchorA, anchorB] of anchors) {
      alignStretch(a, ai, anchorA, b, bi, anchorB, push);
      push([a[anchorA] ?? ''], 'equal');
      ai = anchorA + 1;
      bi = anchorB + 1;
    }
    alignStretch(a, ai, to.a, b, bi, to.b, push);
  }
  push(a.slice(aEnd - tail, aEnd), 'equal');
}

function smallStretch(a: string[], b: string[], push: Push): void {
  if (a.length === 0 || b.length === 0) {
    push(a, 'removed');
    push(b, 'added');
    return;
  }
  const changes = diffArrays(a, b, { maxEditLength: MAX_EDIT_LENGTH });
  if (changes === undefined) {
    push(a, 'removed');
    push(b, 'added');
    return;
  }
  for (const change of changes) push(change.value, change.added ? 'added' : change.removed ? 'removed' : 'equal');
}

/**
 * Pairs (index in a, index in b) of lines that occur once in each stretch, longest run that
 * keeps both orders (patience sorting: O(n log n)).
 */
function uniqueCommonLines(a: readonly string[], aStart: number, aEnd: number, b: readonly string[], bStart: number, bEnd: number): [number, number][] {
  const inA = new Map<string, number>();
  for (let index = aStart; index < aEnd; index++) {
    const line = a[index] ?? '';
    inA.set(line, inA.has(line) ? -1 : index);
  }
  const inB = new Map<string, number>();
  for (let index = bStart; index < bEnd; index++) {
    const line = b[index] ?? '';
    if (inA.has(line) && inA.get(line) !== -1) inB.set(line, inB.has(line) ? -1 : index);
  }
  const pairs: [number, number][] = [];
  for (let index = aStart; index < aEnd; index++) {
    const line = a[index] ?? '';
    const atB = inB.get(line);
    if (inA.get(line) === index && atB !== undefined && atB !== -1) pairs.push([index, atB]);
  }
  return longestIncreasingByB(pairs);
}

function longestIncreasingByB(pairs: readonly [number, number][]): [number, number][] {
  const tails: number[] = [];
  const previous = new Array<number>(pairs.length).fill(-1);
  for (let index = 0; index < pairs.length; index++) {
    const value = pairs[index]?.[1] ?? 0;
    let low = 0;
    let high = tails.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((pairs[tails[middle] ?? 0]?.[1] ?? 0) < value) low = middle + 1;
      else high = middle;
    }
    if (low > 0) previous[index] = tails[low - 1] ?? -1;
    tails[low] = index;
  }
  const result: [number, number][] = [];
  for (let index = tails.at(-1) ?? -1; index !== -1; index = previous[index] ?? -1) {
    const pair = pairs[index];
    if (pair) result.push(pair);
  }
  return result.reverse();
}

/** Within each changed region, removals first, then additions: the order `patch` prints. */
function normalise(changes: readonly LineChange[]): LineChange[] {
  const result: LineChange[] = [];
  let removed: string[] = [];
  let added: string[] = [];
  const flush = (): void => {
    if (removed.length > 0) result.push({ lines: removed, removed: true });
    if (added.length > 0) result.push({ lines: added, added: true });
    removed = [];
    added = [];
  };
  for (const change of changes) {
    if (change.removed) for (const line of change.lines) removed.push(line);
    else if (change.added) for (const line of change.lines) added.push(line);
    else {
      flush();
      result.push(change);
    }
  }
  flush();
  return result;
}

/** jsdiff's structuredPatch hunk builder, over a change list made here. */
function hunksOf(input: readonly LineChange[]): StructuredPatchHunk[] {
  const diff = [...input, { lines: [] }];
  const hunks: StructuredPatchHunk[] = [];
  let oldRangeStart = 0;
  let newRangeStart = 0;
  let range: string[] = [];
  let oldLine = 1;
  let newLine = 1;
  for (let index = 0; index < diff.length; index++) {
    const current = diff[index] ?? { lines: [] };
    const { lines } = current;
    if (current.added || current.removed) {
      if (!oldRangeStart) {
        const previous = diff[index - 1];
        oldRangeStart = oldLine;
        newRangeStart = newLine;
        if (previous) {
          range = previous.lines.slice(-CONTEXT).map((line) => ` ${line}`);
          oldRangeStart -= range.length;
          newRangeStart -= range.length;
        }
      }
      for (const line of lines) range.push(`${current.added ? '+' : '-'}${line}`);
      if (current.added) newLine += lines.length;
      else oldLine += lines.length;
      continue;
    }
    if (oldRangeStart) {
      if (lines.length <= CONTEXT * 2 && index < diff.length - 2) {
        for (const line of lines) range.push(` ${line}`);
      } else {
        const contextSize = Math.min(lines.length, CONTEXT);
        for (const line of lines.slice(0, contextSize)) range.push(` ${line}`);
        hunks.push({
          oldStart: oldRangeStart,
          oldLines: oldLine - oldRangeStart + contextSize,
          newStart: newRangeStart,
          newLines: newLine - newRangeStart + contextSize,
          lines: range,
        });
        oldRangeStart = 0;
        newRangeStart = 0;
        range = [];
      }
    }
    oldLine += lines.length;
    newLine += lines.length;
  }
  for (const hunk of hunks) {
    const lines: string[] = [];
    for (const line of hunk.lines) {
      if (line.endsWith('\n')) lines.push(line.slice(0, -1));
      else lines.push(line, '\\ No newline at end of file');
    }
    hunk.lines = lines;
  }
  return hunks;
}

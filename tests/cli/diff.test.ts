import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { applyPatch, createTwoFilesPatch } from 'diff';
import { describe, expect, it } from 'vitest';
import { createUnifiedPatch } from '../../cli/diff.js';
import { generateLargeFile } from '../../bench/large-file-gen.js';

const fixtures = path.resolve(import.meta.dirname, '../codemods/fixtures');

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

describe('createUnifiedPatch', () => {
  it('gives, for every codemod fixture, a patch that applies and is at most a few lines longer than the minimal one jsdiff makes', () => {
    const inputs = readdirSync(fixtures).filter((name) => name.includes('.input.') && existsSync(path.join(fixtures, name.replace('.input.', '.output.'))));
    expect(inputs.length).toBeGreaterThan(10);
    for (const input of inputs) {
      const before = readFileSync(path.join(fixtures, input), 'utf8');
      const after = readFileSync(path.join(fixtures, input.replace('.input.', '.output.')), 'utf8');
      const ours = createUnifiedPatch('a/x.ts', 'b/x.ts', before, after);
      expect(applyPatch(before, ours), input).toBe(after);
      // Myers' diff is minimal; patience alignment may pair lines differently, at a small cost.
      const changedLines = (patch: string): number => patch.split('\n').filter((line) => /^[+-](?![+-]{2} )/u.test(line)).length;
      expect(changedLines(ours), input).toBeLessThanOrEqual(changedLines(createTwoFilesPatch('a/x.ts', 'b/x.ts', before, after)) + 4);
    }
  });

  it('gives a patch that turns the old text into the new one, for random edits, CRLF and missing final newlines', () => {
    const next = random(7);
    const vocabulary = ['a\n', 'b\n', 'c\n', '}\n', '\n', 'x\r\n', 'return 1;\n', 'tail'];
    for (let trial = 0; trial < 300; trial++) {
      const before = Array.from({ length: Math.floor(next() * 40) }, () => vocabulary[Math.floor(next() * 7)] ?? '').join('') + (next() < 0.3 ? 'tail' : '');
      const lines = before.split(/(?<=\n)/u);
      const after = lines
        .flatMap((line) => (next() < 0.15 ? [] : next() < 0.15 ? [line, vocabulary[Math.floor(next() * 7)] ?? ''] : next() < 0.1 ? ['changed\n'] : [line]))
        .join('');
      const patch = createUnifiedPatch('a/f', 'b/f', before, after);
      if (before === after) expect(patch).not.toContain('@@');
      else expect(applyPatch(before, patch), JSON.stringify({ before, after })).toBe(after);
    }
  });

  it('keeps a generated 1 MB file with ~4,000 changed calls applicable', () => {
    const before = generateLargeFile(1024 * 1024);
    const after = before.replaceAll("{ headers: { 'x-token': KEPTN_API_TOKEN } }", '').replaceAll("'X-Token': KEPTN_API_TOKEN", '');
    const patch = createUnifiedPatch('a/big.ts', 'b/big.ts', before, after);
    expect(applyPatch(before, patch)).toBe(after);
  });
});

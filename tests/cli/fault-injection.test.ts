/**
 * Kills the built `migrate` (dist/cli/index.js, as users run it) at random points of its
 * write phase over 500 files, with SIGINT and with SIGKILL, and checks what is on disk:
 * every file is either its original or its complete migrated text; after SIGINT no temporary
 * file is left; after SIGKILL at most the one being written is, recognisable by its name, and
 * the next run removes it and finishes the job. 5 + 5 trials; ~40 s of CPU on 2 cores.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, watch, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const cliPath = path.resolve(import.meta.dirname, '../../dist/cli/index.js');
const FILES = 500;
const TRIALS_PER_SIGNAL = 5;
const LEFTOVER = /^\..+\.cloud-automation-migrate-\d+-[0-9a-f]{8}\.tmp$/u;

/** Deterministic, so a failing trial can be replayed. */
function random(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1103515245 + 12345) % 2147483648;
    return state / 2147483648;
  };
}

function legacySource(index: number): string {
  return `// service ${index}
const KEPTN_ENDPOINT = process.env.KEPTN_ENDPOINT ?? 'https://abc12345.cloudautomation.live.dynatrace.com/api';
const KEPTN_API_TOKEN = process.env.KEPTN_API_TOKEN ?? '';

export async function metadata${index}(): Promise<unknown> {
  const response = await fetch(\`\${KEPTN_ENDPOINT}/v1/metadata\`, { headers: { 'x-token': KEPTN_API_TOKEN } });
  return response.json();
}
`;
}

let root: string;
const originals = new Map<string, string>();
const migrated = new Map<string, string>();

function resetFiles(): void {
  rmSync(path.join(root, 'src'), { recursive: true, force: true });
  for (const [file, text] of originals) {
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, text);
  }
}

function filesIn(folder: string): string[] {
  return readdirSync(folder, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile())
    .map((entry) => path.join(entry.parentPath, entry.name));
}

/**
 * Runs migrate and sends `signal` once `afterEvents` file events have shown in the source
 * folders (each write is a temporary file renamed over the old one); resolves with the exit code
 * or signal. Counting the writes rather than milliseconds puts the kill in the write phase
 * however slow or loaded the machine is.
 */
function runAndKill(signal: NodeJS.Signals | undefined, afterEvents: number): Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [cliPath, 'migrate', '--force', '--no-progress', 'src'], { cwd: root, stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    let seen = 0;
    const watchers = signal
      ? [...new Set([...originals.keys()].map((file) => path.dirname(file)))].map((folder) =>
          watch(folder, () => {
            if (++seen === afterEvents) child.kill(signal);
          }),
        )
      : [];
    child.on('error', reject);
    child.on('exit', (code, received) => {
      for (const watcher of watchers) watcher.close();
      resolve({ code, signal: received, stderr });
    });
  });
}

beforeAll(async () => {
  if (!existsSync(cliPath)) throw new Error('dist/cli/index.js is missing: run `npm run build` first');
  root = mkdtempSync(path.join(tmpdir(), 'ca-cli-faults-'));
  for (let index = 0; index < FILES; index++) {
    // One file in ten has nothing to migrate: it must come through untouched too.
    const text = index % 10 === 9 ? `export const plain${index} = ${index};\n` : legacySource(index);
    originals.set(path.join(root, 'src', `group${index % 20}`, `service${index}.ts`), text);
  }
  resetFiles();
  // A complete run gives the migrated text of every file.
  const reference = await runAndKill(undefined, 0);
  expect(reference.stderr).toBe('');
  for (const file of originals.keys()) migrated.set(file, readFileSync(file, 'utf8'));
  expect([...migrated.values()].filter((text, index) => text !== [...originals.values()][index]).length).toBe(FILES - FILES / 10);
}, 120_000);

afterAll(() => {
  if (root) rmSync(root, { recursive: true, force: true });
});

describe.each(['SIGINT', 'SIGKILL'] as const)('migrate killed with %s', (signal) => {
  it(`leaves every one of ${FILES} files old or fully migrated, over ${TRIALS_PER_SIGNAL} random kill points`, async () => {
    const next = random(signal === 'SIGINT' ? 11 : 17);
    let hitMidWrite = 0;
    for (let trial = 0; trial < TRIALS_PER_SIGNAL; trial++) {
      resetFiles();
      // Somewhere between the first write and the last (a write shows as one event or more).
      const result = await runAndKill(signal, 1 + Math.floor(next() * (FILES - FILES / 10 - 1)));
      let written = 0;
      for (const [file, original] of originals) {
        const now = readFileSync(file, 'utf8');
        expect([original, migrated.get(file)], `trial ${trial}, ${file}`).toContain(now);
        if (now !== original) written++;
      }
      if (written > 0 && written < FILES - FILES / 10) hitMidWrite++;
      const leftovers = filesIn(path.join(root, 'src')).filter((file) => !originals.has(file));
      if (signal === 'SIGINT') {
        expect(leftovers, `trial ${trial}`).toEqual([]);
        // Stopped between two files (130) or, before the writes began, by the default action.
        if (result.signal === null && result.code !== 0) expect(result.code).toBe(130);
      } else {
        expect(leftovers.length, `trial ${trial}`).toBeLessThanOrEqual(1);
        for (const leftover of leftovers) expect(path.basename(leftover)).toMatch(LEFTOVER);
        // The next run removes it and finishes the migration (checked once: a full run is the slow part).
        if (trial !== TRIALS_PER_SIGNAL - 1) continue;
        const again = spawnSync(process.execPath, [cliPath, 'migrate', '--force', '--no-progress', 'src'], { cwd: root, encoding: 'utf8' });
        expect(again.status).toBe(0);
        for (const leftover of leftovers) expect(again.stdout).toContain(`removed  ${path.relative(root, leftover)}`);
        expect(filesIn(path.join(root, 'src')).filter((file) => !originals.has(file))).toEqual([]);
        for (const [file, text] of migrated) expect(readFileSync(file, 'utf8')).toBe(text);
      }
    }
    // A kill counted in writes lands mid-write unless the machine stalls the watcher; most must, or the test proves little.
    expect(hitMidWrite).toBeGreaterThanOrEqual(TRIALS_PER_SIGNAL / 2);
  }, 120_000);
});

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TransformOptions } from '../codemods/report.js';
import { transformPath, type TransformedFile } from './transform-file.js';
import type { LoadedTransform } from './transforms.js';

export interface WorkerRequest {
  readonly files: readonly string[];
  readonly transforms: readonly string[];
  readonly options: Omit<TransformOptions, 'reporter'>;
}

export type WorkerMessage =
  | { readonly kind: 'file'; readonly result: TransformedFile }
  | { readonly kind: 'fatal'; readonly message: string };

/**
 * Runs the transforms over every file and returns the results in the order of `files`.
 * With one CPU everything stays in this process: the type oracle builds one TypeScript
 * program for the whole run, which is the fast path on small machines. With more, the files
 * are dealt round-robin to worker threads, each with its own program.
 */
export async function runTransforms(
  files: readonly string[],
  transforms: readonly LoadedTransform[],
  options: Omit<TransformOptions, 'reporter'>,
  cpus: number,
  onProgress: (done: number) => void,
): Promise<TransformedFile[]> {
  const workers = Math.min(cpus, files.length);
  if (workers <= 1) return transformInProcess(files, transforms, options, onProgress);
  const chunks = Array.from({ length: workers }, (_, index) => files.filter((_, position) => position % workers === index));
  const byFile = new Map<string, TransformedFile>();
  await Promise.all(
    chunks.map((chunk) =>
      runWorker({ files: chunk, transforms: transforms.map((transform) => transform.name), options }, (result) => {
        byFile.set(result.file, result);
        onProgress(byFile.size);
      }),
    ),
  );
  return files.map(
    (file) => byFile.get(file) ?? { file, source: '', output: '', reports: [], error: 'a worker stopped before it got to this file' },
  );
}

/** The single-process path; also what each worker thread runs on its share of the files. */
export async function transformInProcess(
  files: readonly string[],
  transforms: readonly LoadedTransform[],
  options: Omit<TransformOptions, 'reporter'>,
  onProgress: (done: number) => void,
): Promise<TransformedFile[]> {
  const results: TransformedFile[] = [];
  for (const file of files) {
    results.push(await transformPath(file, transforms, options));
    onProgress(results.length);
  }
  return results;
}

const here = path.dirname(fileURLToPath(import.meta.url));

/** The worker's code: compiled JS in the package; from TypeScript sources (tests, tsx), a bootstrap that registers tsx first. */
function workerEntry(): { code: string | URL; eval: boolean } {
  const compiled = path.join(here, 'worker.js');
  if (existsSync(compiled)) return { code: pathToFileURL(compiled), eval: false };
  // The ESM build of tsx's API (require.resolve would pick the CommonJS one).
  const tsxRoot = path.dirname(createRequire(import.meta.url).resolve('tsx/package.json'));
  const tsxApi = pathToFileURL(path.join(tsxRoot, 'dist/esm/api/index.mjs')).href;
  const source = pathToFileURL(path.join(here, 'worker.ts')).href;
  return {
    code: `import(${JSON.stringify(tsxApi)}).then(({ register }) => { register(); return import(${JSON.stringify(source)}); });`,
    eval: true,
  };
}

function runWorker(request: WorkerRequest, onResult: (result: TransformedFile) => void): Promise<void> {
  const entry = workerEntry();
  return new Promise((resolve, reject) => {
    const worker = new Worker(entry.code, { workerData: request, eval: entry.eval });
    let fatal: string | undefined;
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'file') onResult(message.result);
      else fatal = message.message;
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (fatal !== undefined) reject(new Error(fatal));
      else if (code !== 0) reject(new Error(`a migration worker exited with code ${code}`));
      else resolve();
    });
  });
}

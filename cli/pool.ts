import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { TransformOptions } from '../codemods/report.js';
import { transformFile, type TransformedFile } from './transform-file.js';
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
  if (workers <= 1) {
    const results: TransformedFile[] = [];
    for (const file of files) {
      results.push(await transformFile(file, transforms, options));
      onProgress(results.length);
    }
    return results;
  }
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

const here = path.dirname(fileURLToPath(import.meta.url));

function workerEntry(): { file: string; execArgv: string[] } {
  const compiled = path.join(here, 'worker.js');
  if (existsSync(compiled)) return { file: compiled, execArgv: [] };
  // Running from TypeScript sources (tests, tsx): the worker needs tsx's loader too.
  const tsxLoader = createRequire(import.meta.url).resolve('tsx');
  return { file: path.join(here, 'worker.ts'), execArgv: ['--import', pathToFileURL(tsxLoader).href] };
}

function runWorker(request: WorkerRequest, onResult: (result: TransformedFile) => void): Promise<void> {
  const { file, execArgv } = workerEntry();
  return new Promise((resolve, reject) => {
    const worker = new Worker(file, { workerData: request, execArgv });
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

import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage, WorkerRequest } from './pool.js';
import { readAndPrime, transformFile } from './transform-file.js';
import { loadTransforms } from './transforms.js';

const request = workerData as WorkerRequest;
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

try {
  const transforms = await loadTransforms(request.transforms);
  const { sources, unreadable } = await readAndPrime(request.files, transforms, request.options.tsconfig);
  for (const result of unreadable) post({ kind: 'file', result });
  for (const { path, source } of sources) post({ kind: 'file', result: transformFile(path, source, transforms, request.options) });
} catch (error) {
  post({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
}

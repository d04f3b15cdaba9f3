import { parentPort, workerData } from 'node:worker_threads';
import type { WorkerMessage, WorkerRequest } from './pool.js';
import { transformPath } from './transform-file.js';
import { loadTransforms } from './transforms.js';

const request = workerData as WorkerRequest;
const post = (message: WorkerMessage): void => parentPort?.postMessage(message);

try {
  const transforms = await loadTransforms(request.transforms);
  for (const file of request.files) post({ kind: 'file', result: await transformPath(file, transforms, request.options) });
} catch (error) {
  post({ kind: 'fatal', message: error instanceof Error ? error.message : String(error) });
}

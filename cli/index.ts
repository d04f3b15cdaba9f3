#!/usr/bin/env node
import { main } from './main.js';

// `migrate --print | head`: the reader may close the pipe early. What it did not read is not
// wanted; the run itself still finishes (its writes are atomic, and no half-migrated tree is left).
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE' && error.code !== 'ERR_STREAM_DESTROYED') throw error;
});

main(process.argv.slice(2), { cwd: process.cwd(), stdout: process.stdout, stderr: process.stderr, env: process.env }).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    // A bug of ours, not bad input: show the stack so it can be reported.
    process.stderr.write(`eslint-plugin-cloud-automation: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
    process.exitCode = 1;
  },
);

import path from 'node:path';
import type { TransformedFile } from './transform-file.js';

/**
 * Both sides of every header-builder hand-off (codemods/builder-hand-off.ts) must be in the
 * output: a builder made async while one of its calls is not awaited would hand that caller a
 * Promise for headers; an exported header object that gave up its x-token would leave a request
 * that did not add the OAuth header with no credential. The two files decide alone, from the same files on disk, so they agree
 * unless a caller's file could not be processed; then the builder's file is left as it was and
 * fails with the reason, before anything is written.
 */
export function withHandOffsChecked(results: readonly TransformedFile[], shown: (file: string) => string): TransformedFile[] {
  const byFile = new Map(results.map((result) => [path.resolve(result.file), result]));
  return results.map((result) => {
    if (result.error !== undefined) return result;
    for (const handOff of result.reports.flatMap((report) => report.handOffs ?? []).filter((record) => record.role === 'builder')) {
      for (const call of handOff.calls) {
        const caller = byFile.get(path.resolve(call.file));
        const taken = caller?.reports.some((report) =>
          (report.handOffs ?? []).some((record) => record.role === 'caller' && record.builder === handOff.builder && record.name === handOff.name && record.calls.some((own) => own.line === call.line)),
        );
        if (taken === true && caller?.error === undefined) continue;
        const where = `${shown(call.file)}:${call.line}`;
        const why = caller?.error !== undefined ? `that file failed (${caller.error})` : `that ${handOff.exported === 'function' ? 'call' : 'request'} was not rewritten`;
        const broken = handOff.exported === 'function'
          ? `\`${handOff.name}()\` would return the OAuth header only when awaited, and its call in ${where} would not wait for it`
          : `\`${handOff.name}\` would no longer carry the x-token, and the request in ${where} that sends it would not take the OAuth header instead`;
        return { ...result, output: result.source, error: `left unchanged: ${broken}: ${why}` };
      }
    }
    return result;
  });
}

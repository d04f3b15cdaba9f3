import path from 'node:path';
import type { TransformedFile } from './transform-file.js';

/**
 * Both sides of every header-builder hand-off (codemods/builder-hand-off.ts) must be in the
 * output: a builder made async while one of its calls is not awaited would hand that caller a
 * Promise for headers. The two files decide alone, from the same files on disk, so they agree
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
        const why = caller?.error !== undefined ? `that file failed (${caller.error})` : 'that call was not rewritten';
        return {
          ...result,
          output: result.source,
          error: `left unchanged: \`${handOff.name}()\` would return the OAuth header only when awaited, and its call in ${shown(call.file)}:${call.line} would not wait for it: ${why}`,
        };
      }
    }
    return result;
  });
}

/** Runs the transform in-process the way the migrate CLI does, collecting its report. */
import jscodeshift from 'jscodeshift';
import transform from '../../codemods/x-token-to-oauth.js';
import type { FileReport, TransformOptions } from '../../codemods/report.js';

export interface TransformResult {
  /** The new text, or undefined when the transform left the file as it was. */
  readonly output: string | undefined;
  readonly report: FileReport | undefined;
  /** What the transform printed through jscodeshift's `api.report`. */
  readonly printed: readonly string[];
}

export function runTransform(path: string, source: string, options: TransformOptions = {}): TransformResult {
  let report: FileReport | undefined;
  const printed: string[] = [];
  const output = transform(
    { path, source },
    { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => printed.push(message) },
    {
      ...options,
      reporter: (fileReport: FileReport) => {
        report = fileReport;
      },
    },
  );
  return { output, report, printed };
}

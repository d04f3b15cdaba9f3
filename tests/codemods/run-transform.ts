/** Runs the transform in-process the way the migrate CLI does, collecting its report. */
import jscodeshift from 'jscodeshift';
import xTokenToOAuth from '../../codemods/x-token-to-oauth.js';
import type { FileReport, TransformOptions } from '../../codemods/report.js';

export interface TransformResult {
  /** The new text, or undefined when the transform left the file as it was. */
  readonly output: string | undefined;
  readonly report: FileReport | undefined;
  /** What the transform printed through jscodeshift's `api.report`. */
  readonly printed: readonly string[];
}

export type Transform = typeof xTokenToOAuth;

/** `x-token-to-oauth` unless another transform is given; with several reports, the last one. */
export function runTransform(path: string, source: string, options: TransformOptions = {}, transform: Transform = xTokenToOAuth): TransformResult {
  const { output, reports, printed } = runTransformReports(path, source, options, transform);
  return { output, report: reports.at(-1), printed };
}

/** Every report the transform gave (the combined `migrate` gives one per pass). */
export function runTransformReports(
  path: string,
  source: string,
  options: TransformOptions = {},
  transform: Transform = xTokenToOAuth,
): { output: string | undefined; reports: FileReport[]; printed: string[] } {
  const reports: FileReport[] = [];
  const printed: string[] = [];
  const output = transform(
    { path, source },
    { jscodeshift, j: jscodeshift, stats: () => undefined, report: (message: string) => printed.push(message) },
    {
      ...options,
      reporter: (fileReport: FileReport) => {
        reports.push(fileReport);
      },
    },
  );
  return { output, reports, printed };
}

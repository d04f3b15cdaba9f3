import jscodeshift, { type API } from 'jscodeshift';
import type { FileReport, TransformOptions } from '../codemods/report.js';
import { parserForPath, sourceParser, type ParserName } from '../codemods/transform-runner.js';
import { readFile } from 'node:fs/promises';
import { NotUtf8Error, readSource } from './files.js';
import type { LoadedTransform } from './transforms.js';

/** What running the transforms on one file gave; nothing is written yet. */
export interface TransformedFile {
  readonly file: string;
  readonly source: string;
  /** The new text; equal to `source` when nothing changed or the file failed. */
  readonly output: string;
  readonly reports: readonly FileReport[];
  /** Set when the file was left as it was because it could not be processed. */
  readonly error?: string;
  /** Set when the file was not read as a source at all (not UTF-8, nothing to migrate in it). */
  readonly skipped?: string;
}

/**
 * A file that is not UTF-8 is never rewritten: its text could not be written back byte for
 * byte. Read as Latin-1 (every byte one character) only to tell whether it matters: if the
 * transforms' own text test finds nothing, it is skipped; if it may hold calls to migrate, it
 * fails, so the run ends with exit 1 and the user converts it.
 */
function notUtf8(file: string, error: NotUtf8Error, transforms: readonly LoadedTransform[]): Promise<TransformedFile> {
  return readFile(file).then((bytes) => {
    const asLatin1 = bytes.toString('latin1');
    const mayNeedWork = transforms.some((transform) => transform.needsParse === undefined || transform.needsParse(asLatin1));
    return mayNeedWork
      ? { file, source: '', output: '', reports: [], error: `${error.message}; it may hold calls to migrate` }
      : { file, source: '', output: '', reports: [], skipped: error.message };
  });
}

const apis = new Map<ParserName, API>();

/**
 * The API object jscodeshift's runner hands a transform, one per parser for the whole run:
 * `withParser` rebuilds jscodeshift's collection methods, ~0.25 ms a call, more than the text
 * test that skips most files. `report` goes nowhere: the CLI passes `reporter`, which our
 * transforms use instead.
 */
function apiFor(file: string): API {
  const parser = parserForPath(file);
  let api = apis.get(parser);
  if (!api) {
    const j = jscodeshift.withParser(parser);
    api = { j, jscodeshift: j, stats: () => undefined, report: () => undefined };
    apis.set(parser, api);
  }
  return api;
}

/**
 * Runs the transforms one after another on a file, in this process, with the API object
 * jscodeshift's own runner builds. A failure anywhere leaves the whole file as it was.
 */
export function transformFile(
  file: string,
  source: string,
  transforms: readonly LoadedTransform[],
  options: Omit<TransformOptions, 'reporter'>,
): TransformedFile {
  const api = apiFor(file);
  const reports: FileReport[] = [];
  let current = source;
  for (const transform of transforms) {
    if (transform.needsParse && !transform.needsParse(current, file, options)) continue;
    const before = reports.length;
    let result: unknown;
    try {
      result = transform.run({ path: file, source: current }, api, { ...options, reporter: (report: FileReport) => reports.push(report) });
    } catch (error) {
      return { file, source, output: source, reports, error: describeFailure(transform.name, error) };
    }
    const failed = reports.slice(before).find((report) => report.error !== undefined);
    if (failed?.error !== undefined) return { file, source, output: source, reports, error: failed.error };
    if (typeof result === 'string') current = result;
  }
  if (current !== source) {
    // The last line of defence: never write a file that no longer parses (Babel alone, as the
    // transforms parse: recast's copy of the tree would be thrown away).
    try {
      sourceParser(parserForPath(file)).parse(current);
    } catch (error) {
      return { file, source, output: source, reports, error: `the migrated text would not parse, so the file was left as it was: ${firstLine(error)}` };
    }
  }
  return { file, source, output: current, reports };
}

function describeFailure(transform: string, error: unknown): string {
  const message = firstLine(error);
  // Babel's parser errors carry a location and a reason code; anything else is a transform bug.
  const isSyntaxError =
    error instanceof SyntaxError || (typeof error === 'object' && error !== null && 'reasonCode' in error) || /cannot parse/u.test(message);
  return isSyntaxError ? `cannot parse: ${message}` : `${transform} failed on this file and left it unchanged: ${message}`;
}

function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0] ?? message;
}

/**
 * Reads a file and runs the transforms on it; a file that cannot be read comes back failed.
 *
 * The type oracle is not primed with every candidate up front: on the 2,000-file corpus that
 * made the run slower (median 8.5 s vs 6.3 s) and bigger (+90 MB peak RSS), because the
 * transform answers most questions from syntax and asks the checker about few files.
 */
export async function transformPath(
  file: string,
  transforms: readonly LoadedTransform[],
  options: Omit<TransformOptions, 'reporter'>,
): Promise<TransformedFile> {
  let source: string;
  try {
    source = await readSource(file);
  } catch (error) {
    if (error instanceof NotUtf8Error) return notUtf8(file, error, transforms);
    return { file, source: '', output: '', reports: [], error: `cannot read the file: ${firstLine(error)}` };
  }
  const result = transformFile(file, source, transforms, options);
  // Keep only the text of changed files until the end of the run: thousands of unchanged ones add up.
  return result.output === result.source ? { ...result, source: '', output: '' } : result;
}

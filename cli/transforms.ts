import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { API, FileInfo, Options } from 'jscodeshift';
import type { TransformOptions } from '../codemods/report.js';

/** A jscodeshift transform as this package writes them. */
// jscodeshift transforms return the new text, or null/undefined for "unchanged"; anything else is treated as unchanged.
export type TransformFunction = (file: FileInfo, api: API, options: Options) => unknown;

export interface LoadedTransform {
  readonly name: string;
  readonly run: TransformFunction;
  /** The transform's cheap text test: false means it would leave the file untouched without parsing. */
  readonly needsParse?: (source: string, file?: string, options?: Omit<TransformOptions, 'reporter'>) => boolean;
  /** The transforms it stands for in the report, when it runs several in one pass. */
  readonly covers?: readonly string[];
}

/**
 * The transforms `migrate` offers, in the order it runs them on each file: the x-token rewrite
 * first, so a call it migrates already goes through the helper when add-oauth looks at calls
 * that send no credentials.
 */
export const TRANSFORM_NAMES: readonly string[] = ['x-token-to-oauth', 'add-oauth'];

/** The module that runs every transform of TRANSFORM_NAMES over one parse of each file. */
export const COMBINED_TRANSFORM = 'migrate';

const codemodsFolder = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../codemods');

/** The module file of a transform: compiled `.js` in the package, `.ts` when run from sources. */
export function transformModulePath(name: string): string | undefined {
  for (const extension of ['.js', '.ts']) {
    const candidate = path.join(codemodsFolder, `${name}${extension}`);
    if (existsSync(candidate)) return candidate;
  }
  return undefined;
}

export function availableTransforms(): string[] {
  return TRANSFORM_NAMES.filter((name) => transformModulePath(name) !== undefined);
}

export class TransformLoadError extends Error {}

/**
 * Loads the named transforms (all available ones when `names` is empty). Asked for every one of
 * them, it loads the combined transform instead: one parse per file and one report, in the same
 * order, with the same result (tests/codemods/migrate.test.ts).
 */
export async function loadTransforms(names: readonly string[]): Promise<LoadedTransform[]> {
  const available = availableTransforms();
  let wanted = names.length > 0 ? [...new Set(names)] : available;
  if (wanted.length === 0) {
    throw new TransformLoadError('this build holds no transform (codemods/x-token-to-oauth is missing); rebuild the package');
  }
  const combined = transformModulePath(COMBINED_TRANSFORM) !== undefined;
  if (combined && wanted.length === TRANSFORM_NAMES.length && TRANSFORM_NAMES.every((name) => wanted.includes(name))) wanted = [COMBINED_TRANSFORM];
  const loaded: LoadedTransform[] = [];
  for (const name of wanted) {
    const file = transformModulePath(name);
    if (!file) {
      const known = available.length > 0 ? available.join(' or ') : 'none available in this build';
      throw new TransformLoadError(`--transform wants ${known}, got "${name}"`);
    }
    const module = (await import(pathToFileURL(file).href)) as { default?: unknown; needsParse?: unknown; COMBINED_TRANSFORMS?: unknown };
    if (typeof module.default !== 'function') {
      throw new TransformLoadError(`${file} has no default export to run as a transform`);
    }
    loaded.push({
      name,
      run: module.default as TransformFunction,
      ...(typeof module.needsParse === 'function' ? { needsParse: module.needsParse as NonNullable<LoadedTransform['needsParse']> } : {}),
      ...(Array.isArray(module.COMBINED_TRANSFORMS) ? { covers: module.COMBINED_TRANSFORMS as string[] } : {}),
    });
  }
  return loaded;
}

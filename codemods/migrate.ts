/**
 * The transform `migrate` runs by default: `x-token-to-oauth` and then `add-oauth` over one
 * parse of the file, one edit list and one helper import. `add-oauth` sees what the x-token pass
 * rewrote and marked, so no call is rewritten twice; the result is the text the two transforms
 * give when run one after the other (tests/codemods/migrate.test.ts holds them to that).
 *
 *   npx jscodeshift -t node_modules/eslint-plugin-cloud-automation/dist/codemods/migrate.js src
 */
import type { API, FileInfo, Options } from 'jscodeshift';
import { CANDIDATE_SOURCE_PATTERN, TARGET_EVIDENCE_SOURCE_PATTERN } from '../core/index.js';
import { AddOAuthMigration, needsParse as addOAuthNeedsParse } from './add-oauth.js';
import { RequestMigration } from './request-migration.js';
import type { TransformOptions } from './report.js';
import { runMigrationTransform } from './transform-runner.js';
import { XTokenMigration, needsParse as xTokenNeedsParse } from './x-token-to-oauth.js';

export { SUPPORTED_EXTENSIONS, UnparsableFileError, parserForPath } from './transform-runner.js';

export const TRANSFORM_NAME = 'migrate';

/** The transforms this one runs, in order. */
export const COMBINED_TRANSFORMS: readonly string[] = ['x-token-to-oauth', 'add-oauth'];

// Both passes' text tests as one expression: one scan of the file, half the time of two.
const EITHER_PASS_PATTERN = new RegExp(`${CANDIDATE_SOURCE_PATTERN.source}|${TARGET_EVIDENCE_SOURCE_PATTERN.source}`, 'i');

/**
 * Either pass may have work here; a file neither text test accepts is never parsed. With the
 * run's file list, also a file that imports a header builder it may have to await.
 */
export function needsParse(source: string, file?: string, options?: TransformOptions): boolean {
  return EITHER_PASS_PATTERN.test(source) || xTokenNeedsParse(source, file, options);
}

export default function transform(file: FileInfo, api: API, options: Options): string | undefined {
  return runMigrationTransform(
    {
      name: TRANSFORM_NAME,
      needsParse,
      migrate: (j, root, source, settings) => {
        const passes: RequestMigration[] = [];
        if (xTokenNeedsParse(source.source, source.path, settings)) passes.push(new XTokenMigration(j, root, source, settings));
        if (addOAuthNeedsParse(source.source)) passes.push(new AddOAuthMigration(j, root, source, settings, passes[0]));
        return RequestMigration.runPasses(passes);
      },
    },
    file,
    api,
    options,
  );
}

import { ESLintUtils } from '@typescript-eslint/utils';
import { packageInfo } from '../../core/package-info.js';

export interface CloudAutomationRuleDocs {
  description: string;
  /** In `configs.recommended` (and so also in the type-checked config). */
  recommended?: boolean;
  /** Needs type information: only in `configs['recommended-type-checked']`. */
  requiresTypeChecking?: boolean;
}

const { version } = packageInfo();

/** Every rule of the plugin is made here, so docs links and meta stay uniform. */
export const createRule = ESLintUtils.RuleCreator<CloudAutomationRuleDocs>(
  // The docs ship inside the package, so this link serves the version the user has installed.
  (name) => `https://unpkg.com/eslint-plugin-cloud-automation@${version}/docs/rules/${name}.md`,
);

// The CommonJS entry: package.json "exports" → "require" (and "main"). Node's require() of the ES
// module entry returns its namespace, `{ default: plugin }`, so `cloudAutomation.configs` would be
// undefined in a CommonJS eslint.config.js; this file hands out the plugin itself. It loads the ES
// module entry (require(esm), Node ≥ 20.19) instead of shipping a second build, so `require` and
// `import` in one process get the same plugin object: ESLint sees one `cloud-automation` plugin.
import type { ESLint, Linter } from 'eslint';
import type * as entry from './index.js';

type RuleName = 'no-hardcoded-credentials' | 'no-x-token-header' | 'require-oauth' | 'valid-oauth-scopes';

/**
 * The plugin as CommonJS code sees it. Written with ESLint's own types only: declarations a
 * CommonJS file reads cannot import the ES module's (TypeScript's node16 resolution rejects a
 * type import of an ES module from CommonJS without a `resolution-mode` attribute, which
 * TypeScript before 5.3 cannot parse). tests/rules/package-entries.test.ts keeps it equal to the
 * ES module's rule names, meta and configs.
 */
interface CloudAutomationPlugin extends ESLint.Plugin {
  meta: { name: string; version: string; namespace: string };
  rules: Record<RuleName, NonNullable<ESLint.Plugin['rules']>[string]>;
  configs: {
    recommended: Linter.Config[];
    'recommended-type-checked': Linter.Config[];
    'legacy-recommended': Linter.LegacyConfig;
  };
}

// eslint-disable-next-line @typescript-eslint/no-require-imports -- the CommonJS bridge to the ES module build
const loaded = (require('./index.js') as typeof entry).default;
// The rules are typescript-eslint RuleModules, whose types differ from ESLint's in details but
// not at run time (as in index.ts); the rest is checked here.
const plugin = (loaded satisfies Omit<CloudAutomationPlugin, 'rules'> & { rules: Record<RuleName, unknown> }) as unknown as CloudAutomationPlugin;

export = plugin;

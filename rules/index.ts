import { createRequire } from 'node:module';
import type { TSESLint } from '@typescript-eslint/utils';
import type { ESLint, Linter } from 'eslint';
import { packageInfo } from '../core/package-info.js';
import noHardcodedCredentials from './no-hardcoded-credentials.js';
import noXTokenHeader from './no-x-token-header.js';
import requireOauth from './require-oauth.js';
import validOauthScopes from './valid-oauth-scopes.js';
import type { CloudAutomationRuleDocs } from './utils/create-rule.js';

const { name, version } = packageInfo();

// Only the default export. `require()` of the package (a CommonJS eslint.config.js, ESLint 8's
// eslintrc, eslint-doc-generator through "main") loads index.cts, which hands out this same object.

/** The prefix users write before every rule name (`cloud-automation/no-x-token-header`). */
const PLUGIN_NAMESPACE = 'cloud-automation';

const rules = {
  'no-hardcoded-credentials': noHardcodedCredentials,
  'no-x-token-header': noXTokenHeader,
  'require-oauth': requireOauth,
  'valid-oauth-scopes': validOauthScopes,
} satisfies Record<string, TSESLint.RuleModule<string, unknown[]>>;

type RuleName = keyof typeof rules;

/** Every file type the rules understand; flat configs only lint what some `files` entry matches. */
const LINTED_FILES = ['**/*.{js,jsx,mjs,cjs,ts,tsx,mts,cts}'];
const TYPESCRIPT_FILES = ['**/*.{ts,tsx,mts,cts}'];

/**
 * typescript-eslint's parser for TypeScript files. Loaded with `require` rather than a static
 * import so the plugin still loads (for JavaScript) when a project has no TypeScript tooling,
 * and so ESLint 8's `require` of the plugin never meets a top-level await.
 */
function loadTypeScriptParser(): Linter.Parser | undefined {
  const require = createRequire(import.meta.url);
  for (const [module, pick] of [
    ['@typescript-eslint/parser', (loaded: unknown) => loaded],
    ['typescript-eslint', (loaded: unknown) => (loaded as { parser?: unknown }).parser],
  ] as const) {
    try {
      const parser = pick(require(module));
      // Both modules are typescript-eslint's parser; typed as the flat config's parser slot.
      if (parser && typeof parser === 'object') return parser as Linter.Parser;
    } catch {
      // Not installed next to the plugin: try the next place typescript-eslint ships its parser.
    }
  }
  return undefined;
}

type Severity = 'error' | 'warn';

/** Rules of a config: those marked `recommended` in their docs, plus the type-aware ones when asked. */
function ruleEntries(withTypeChecking: boolean): Record<string, Severity> {
  const entries: Record<string, Severity> = {};
  for (const [ruleName, rule] of Object.entries(rules) as [RuleName, (typeof rules)[RuleName]][]) {
    const docs: CloudAutomationRuleDocs | undefined = rule.meta.docs;
    if (docs?.requiresTypeChecking === true && !withTypeChecking) continue;
    if (docs?.recommended === true || docs?.requiresTypeChecking === true) {
      entries[`${PLUGIN_NAMESPACE}/${ruleName}`] = 'error';
    }
  }
  return entries;
}

const plugin = {
  meta: { name, version, namespace: PLUGIN_NAMESPACE },
  rules,
  // Typed with ESLint's own config types, so `eslint.config.ts` files using `defineConfig` or
  // `Linter.Config[]` accept them without casts.
  configs: {} as {
    recommended: Linter.Config[];
    'recommended-type-checked': Linter.Config[];
    'legacy-recommended': Linter.LegacyConfig;
  },
};

/**
 * The rules are built with typescript-eslint's `RuleCreator`, whose types differ from ESLint's
 * `Rule.RuleModule` in details (`parserServices`, readonly arrays) but not at run time.
 */
const eslintPlugin = plugin as unknown as ESLint.Plugin;

/** The plugin on every linted file, typescript-eslint's parser on TypeScript files. */
function flatConfig(configName: string, withTypeChecking: boolean): Linter.Config[] {
  const typescriptParser = loadTypeScriptParser();
  const config: Linter.Config[] = [
    {
      name: `${PLUGIN_NAMESPACE}/${configName}`,
      files: LINTED_FILES,
      plugins: { [PLUGIN_NAMESPACE]: eslintPlugin },
      rules: ruleEntries(withTypeChecking),
    },
  ];
  if (typescriptParser) {
    config.push({
      name: `${PLUGIN_NAMESPACE}/${configName}/typescript-parser`,
      files: TYPESCRIPT_FILES,
      languageOptions: { parser: typescriptParser },
    });
  }
  return config;
}

/**
 * Each config is built the first time it is read. Building one loads typescript-eslint's parser,
 * and with it TypeScript: most of the plugin's load time, and of no use to a linter that brings its
 * own parser and reads only `rules` (oxlint's `jsPlugins`), which then never pays for it.
 */
function defineLazyConfig<Name extends keyof typeof plugin.configs>(configName: Name, build: () => (typeof plugin.configs)[Name]): void {
  let built: (typeof plugin.configs)[Name] | undefined;
  Object.defineProperty(plugin.configs, configName, {
    enumerable: true,
    configurable: true,
    get: () => (built ??= build()),
  });
}

defineLazyConfig('recommended', () => flatConfig('recommended', false));
// Like typescript-eslint's type-checked configs, this one expects the user's config to set
// `languageOptions.parserOptions.projectService` (or `project`): only they know their tsconfig.
defineLazyConfig('recommended-type-checked', () => flatConfig('recommended-type-checked', true));
defineLazyConfig('legacy-recommended', () => ({
  plugins: [PLUGIN_NAMESPACE],
  rules: ruleEntries(false),
  overrides: [{ files: ['*.ts', '*.tsx', '*.mts', '*.cts'], parser: '@typescript-eslint/parser' }],
}));

export default plugin;

import { readFileSync } from 'node:fs';
import { Linter } from 'eslint';
import { describe, expect, it } from 'vitest';
import plugin from '../../rules/index.js';

const packageJson = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as {
  name: string;
  version: string;
};
const ruleIds = Object.keys(plugin.rules).map((name) => `cloud-automation/${name}`);
const X_TOKEN_CALL = "fetch('https://abc123.cloudautomation.live.dynatrace.com/api/v1/event', { headers: { 'x-token': token } });";

describe('plugin object', () => {
  it('carries the package name, version and namespace in meta', () => {
    expect(plugin.meta).toEqual({ name: packageJson.name, version: packageJson.version, namespace: 'cloud-automation' });
  });

  it('has the four rules of the user-facing contract, each with a docs URL', () => {
    expect(Object.keys(plugin.rules).sort()).toEqual([
      'no-hardcoded-credentials',
      'no-x-token-header',
      'require-oauth',
      'valid-oauth-scopes',
    ]);
    for (const [name, rule] of Object.entries(plugin.rules)) {
      expect(rule.meta.docs?.url).toMatch(new RegExp(`/docs/rules/${name}\\.md$`, 'u'));
    }
  });
});

describe.each(['recommended', 'recommended-type-checked'] as const)('configs[%s]', (configName) => {
  const config = plugin.configs[configName];

  it('is an array of named flat config objects', () => {
    expect(config.map((entry) => entry.name)).toEqual([
      `cloud-automation/${configName}`,
      `cloud-automation/${configName}/typescript-parser`,
    ]);
  });

  it('registers the plugin under cloud-automation and turns every rule on as an error', () => {
    const [main] = config;
    expect(main?.plugins?.['cloud-automation']).toBe(plugin);
    expect(main?.rules).toEqual(Object.fromEntries(ruleIds.map((id) => [id, 'error'])));
  });

  it('covers every JavaScript and TypeScript extension, typescript-eslint parser on TypeScript only', () => {
    const [main, typescript] = config;
    const linter = new Linter({ configType: 'flat' });
    for (const extension of ['ts', 'tsx', 'mts', 'cts', 'js', 'jsx', 'mjs', 'cjs']) {
      const messages = linter.verify(X_TOKEN_CALL, [...config], `src/file.${extension}`);
      expect(messages.map((message) => message.ruleId), extension).toContain('cloud-automation/no-x-token-header');
    }
    expect(main?.files).toBeDefined();
    expect(typescript?.files).toEqual(['**/*.{ts,tsx,mts,cts}']);
    expect(typescript?.languageOptions?.parser).toBeDefined();
  });

  it('parses TypeScript syntax in .ts files and leaves .js files to ESLint', () => {
    const linter = new Linter({ configType: 'flat' });
    const typed = 'const token: string = process.env.KEPTN_API_TOKEN as string;\n' + X_TOKEN_CALL;
    expect(linter.verify(typed, [...config], 'file.ts').filter((message) => message.fatal === true)).toEqual([]);
    expect(linter.verify(typed, [...config], 'file.js').some((message) => message.fatal === true)).toBe(true);
  });
});

describe("configs['legacy-recommended'] (ESLint 8 eslintrc)", () => {
  it('enables the same rules by plugin name and parses TypeScript with typescript-eslint', () => {
    const legacy = plugin.configs['legacy-recommended'];
    expect(legacy.plugins).toEqual(['cloud-automation']);
    expect(legacy.rules).toEqual(plugin.configs.recommended[0]?.rules);
    expect(legacy.overrides?.[0]).toEqual({ files: ['*.ts', '*.tsx', '*.mts', '*.cts'], parser: '@typescript-eslint/parser' });
  });
});

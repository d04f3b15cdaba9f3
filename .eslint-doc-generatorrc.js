// eslint-doc-generator: writes the header of each docs/rules/<rule>.md and the rule list in
// README.md from the rules' meta. `npm run docs:rules` updates them; `npm run lint:docs` (CI)
// fails when they are out of date. Both read the built plugin in dist/ (`npm run build`).

/** @type {import('eslint-doc-generator').GenerateOptions} */
const config = {
  // Rule docs open with `# <description>`; tests/rules/docs-examples.test.ts relies on this shape.
  ruleDocTitleFormat: 'desc',
  // Every doc has an Options section, even "This rule has no options.", so readers always find it.
  ruleDocSectionOptions: false,
  ruleDocSectionInclude: ['Rule details', 'Examples', 'Options', 'Type information', 'When not to use it'],
  // The title already is the description; no 📝 line repeating it.
  ruleDocNotices: ['deprecated', 'configs', 'fixableAndHasSuggestions', 'requiresTypeChecking'],
  configEmoji: [
    ['recommended', '✅'],
    ['recommended-type-checked', '☑️'],
  ],
  // The eslintrc variant enables the same rules as `recommended`; one column is enough.
  ignoreConfig: ['legacy-recommended'],
  ruleListColumns: ['name', 'description', 'configsError', 'configsWarn', 'hasSuggestions', 'requiresTypeChecking', 'options'],
  urlConfigs: 'https://unpkg.com/eslint-plugin-cloud-automation/README.md#configs',
};

export default config;

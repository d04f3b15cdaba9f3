/**
 * Runs every rule of the plugin over real code nobody here wrote — the JavaScript and
 * TypeScript sources shipped inside node_modules — and counts rule exceptions, which must be 0.
 *
 *   npx tsx bench/never-throw.ts [--root node_modules] [--max-bytes 2000000] [--typed-limit 300]
 *
 * Each file is linted twice: as it is, and with one line appended that sends an `x-token`
 * header, so the rules' cheap text pre-tests cannot skip the file and their full analysis runs
 * over every real file. Files that do not parse are counted and skipped (they are not valid
 * input). Optional rule behaviour is switched on, so more code paths run. Then the `.ts`
 * sources are linted again with a TypeScript program behind them (type-aware paths).
 * Exit code 1 when any rule threw.
 */
import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Linter } from 'eslint';
import ts from 'typescript';
import plugin from '../rules/index.js';
import { sourceFiles } from './source-files.js';

const { values } = parseArgs({
  options: {
    root: { type: 'string', default: 'node_modules' },
    'max-bytes': { type: 'string', default: '2000000' },
    'typed-limit': { type: 'string', default: '300' },
  },
});
const root = path.resolve(values.root);
const maxBytes = Number(values['max-bytes']);
const typedLimit = Number(values['typed-limit']);

const ruleSettings: Linter.RulesRecord = {
  'cloud-automation/no-x-token-header': ['error', { reportUnrecognizedCalls: true }],
  'cloud-automation/require-oauth': 'error',
  'cloud-automation/no-hardcoded-credentials': 'error',
  'cloud-automation/valid-oauth-scopes': ['error', { reportUnneededScopes: true }],
};
const recommended = plugin.configs.recommended;
const pluginOnly = recommended[0]?.plugins ?? {};
const typescriptParser = recommended[1]?.languageOptions?.parser;
if (!typescriptParser) throw new Error('typescript-eslint parser not found: the recommended config sets none');

function configFor(file: string, sourceType: 'module' | 'commonjs', program?: ts.Program): Linter.Config[] {
  const typescript = /\.[cm]?tsx?$/u.test(file);
  return [
    {
      files: ['**/*.{js,mjs,cjs,jsx,ts,mts,cts,tsx}'],
      plugins: pluginOnly,
      rules: ruleSettings,
      // The packages' own eslint comments name rules we do not load; only our rules matter here.
      linterOptions: { noInlineConfig: true, reportUnusedDisableDirectives: 'off', reportUnusedInlineConfigs: 'off' },
      languageOptions: {
        sourceType,
        ecmaVersion: 'latest',
        ...(typescript ? { parser: typescriptParser } : {}),
        parserOptions: {
          ecmaFeatures: { jsx: /x$/u.test(file) },
          ...(program ? { programs: [program] } : {}),
        },
      },
    },
  ];
}

/** Appended to every file: it makes every rule's text pre-test pass, so the whole file is analysed. */
const X_TOKEN_TAIL = "\n;fetch(`${process.env.KEPTN_ENDPOINT}/v1/event`, { headers: { 'x-token': process.env.KEPTN_API_TOKEN } });\n";

interface Counts {
  linted: number;
  parseFailures: number;
  exceptions: { file: string; message: string }[];
  findings: number;
  /** Files where no-x-token-header reported something: proof the rules really ran. */
  xTokenReported: number;
}

const emptyCounts = (): Counts => ({ linted: 0, parseFailures: 0, exceptions: [], findings: 0, xTokenReported: 0 });

/**
 * ESLint never lints a path with a `node_modules` segment (a default ignore that config cannot
 * lift in `Linter`), so files are named relative to the root and nested `node_modules` renamed.
 */
function lintedName(file: string): string {
  return path.join(root, path.relative(root, file).replaceAll(`${path.sep}node_modules${path.sep}`, `${path.sep}nested_modules${path.sep}`));
}

function lintOne(linter: Linter, file: string, text: string, counts: Counts, program?: ts.Program): boolean {
  const sourceTypes: ('module' | 'commonjs')[] = file.endsWith('.cjs') ? ['commonjs'] : ['module', 'commonjs'];
  for (const sourceType of sourceTypes) {
    try {
      const messages = linter.verify(text, configFor(file, sourceType, program), lintedName(file));
      if (messages.some((message) => message.fatal === true)) continue;
      const unexpected = messages.find((message) => message.message.startsWith('No matching configuration'));
      // A config problem ("No matching configuration") would make every count meaningless.
      if (unexpected) throw new Error(`not linted: ${file}: ${unexpected.message}`);
      counts.linted++;
      counts.findings += messages.filter((message) => message.ruleId?.startsWith('cloud-automation/')).length;
      if (messages.some((message) => message.ruleId === 'cloud-automation/no-x-token-header')) counts.xTokenReported++;
      return true;
    } catch (error) {
      if (error instanceof Error && error.message.startsWith('not linted:')) throw error;
      // Linter.verify rethrows what a rule threw, with the rule and the position added.
      counts.exceptions.push({ file, message: error instanceof Error ? error.message.split('\n').slice(0, 3).join(' | ') : String(error) });
      return true;
    }
  }
  counts.parseFailures++;
  return false;
}

const started = performance.now();
const allFiles = sourceFiles(root);
const tooLarge = allFiles.filter((file) => statSync(file).size > maxBytes);
const files = allFiles.filter((file) => !tooLarge.includes(file));
const linter = new Linter({ configType: 'flat', cwd: root });
const untyped = emptyCounts();
const untypedWithHeader = emptyCounts();
for (const file of files) {
  const text = readFileSync(file, 'utf8');
  if (lintOne(linter, file, text, untyped)) lintOne(linter, file, text + X_TOKEN_TAIL, untypedWithHeader);
}

// Type-aware pass: one program over the TypeScript sources, each linted with it as its program.
// The program must know each file by the name the linter gives it, so nested packages are left out.
const typedFiles = files
  .filter((file) => /\.[cm]?tsx?$/u.test(file) && lintedName(file) === file)
  .slice(0, typedLimit);
const typed = emptyCounts();
if (typedFiles.length > 0) {
  const program = ts.createProgram({
    rootNames: typedFiles,
    options: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.NodeNext, noEmit: true, skipLibCheck: true, allowJs: false, jsx: ts.JsxEmit.Preserve },
  });
  for (const file of typedFiles) {
    const source = program.getSourceFile(file);
    if (source) lintOne(linter, file, source.text, typed, program);
  }
}

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const line = (label: string, counts: Counts): string =>
  `${label.padEnd(34)} linted ${String(counts.linted).padStart(5)}  parse failures ${String(counts.parseFailures).padStart(4)}  findings ${String(counts.findings).padStart(5)}  files with x-token findings ${String(counts.xTokenReported).padStart(5)}  rule exceptions ${counts.exceptions.length}`;
console.log(`source files under ${path.relative(process.cwd(), root) || '.'}: ${allFiles.length} (${tooLarge.length} over ${maxBytes} bytes skipped)`);
console.log(line('untyped, as shipped', untyped));
console.log(line('untyped, x-token line appended', untypedWithHeader));
console.log(line(`typed (${typedFiles.length} .ts files, one program)`, typed));
console.log(`took ${seconds} s`);
const exceptions = [...untyped.exceptions, ...untypedWithHeader.exceptions, ...typed.exceptions];
for (const { file, message } of exceptions.slice(0, 20)) console.log(`EXCEPTION ${path.relative(process.cwd(), file)}: ${message}`);
process.exitCode = exceptions.length > 0 ? 1 : 0;

/**
 * Whether code the codemods add to a file imports with `import … from` or `require(…)`, and
 * whether the file may `await` at its top level. The decision is a pure function of the
 * file's path, its text and the `type` of the nearest package.json (`moduleStyleOf` looks
 * that up, cached by folder):
 *
 * 1. The extension decides where Node's rules are fixed: `.cjs` requires, `.mjs`/`.mts` import.
 *    A `.cts` file is CommonJS at run time, but TypeScript compiles its `import` statements to
 *    `require`, so one written with imports keeps them.
 * 2. A file already written with ES module syntax (`import`/`export` statements, `import.meta`,
 *    TypeScript's `import x = require()`) gets an `import`, whatever it compiles to.
 * 3. A file written in CommonJS (`require(…)`, `module.exports`, `exports.x`, `export =`) gets a
 *    `require`, even in a `"type": "module"` package: its own requires show that something other
 *    than Node's ESM loader runs it (a bundler, a test runner), and one `import` would change that.
 * 4. A file with no module syntax at all follows its package: `"type": "module"` → `import`,
 *    otherwise `require`. TypeScript sources take `import` there: an import makes the file a
 *    module, compiled to the package's format, where a `const … = require()` would declare a
 *    global that clashes with the same line in the next migrated script.
 *
 * A dynamic `import()` is never the answer: the helper loads with `require` and `import` alike.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';

export type PackageType = 'module' | 'commonjs';

export interface ModuleStyle {
  /** How added code imports: `import { x } from 'm'` or `const { x } = require('m')`. */
  readonly form: 'import' | 'require';
  /** How Node loads the file (for TypeScript, the compiled file): by extension, else the package's `type`. */
  readonly format: 'esm' | 'commonjs';
  /** True when an `await` may be added outside any function. */
  readonly topLevelAwait: boolean;
  /** Which rule decided, in words (for tests and for anyone debugging a surprising import). */
  readonly reason: string;
}

/** What the text of a file shows about how it is written. */
export interface ModuleSyntax {
  /** Static `import`/`export` statements, `import.meta`, or TypeScript's `import x = require()`. */
  readonly esModule: boolean;
  /** `require(…)`, `require.resolve`, `module.exports`, `exports.x`/`exports[…]`, or TypeScript's `export =`. */
  readonly commonJs: boolean;
  /** `import(…)` anywhere. */
  readonly dynamicImport: boolean;
}

/** Only a top-level await the file's toolchain surely accepts: module-only extensions and TypeScript (as before). */
const TOP_LEVEL_AWAIT_EXTENSIONS = new Set(['.mjs', '.mts', '.ts', '.tsx']);
const TYPESCRIPT_EXTENSIONS = new Set(['.ts', '.tsx', '.mts', '.cts']);

export function decideModuleStyle(filePath: string, source: string, packageType: PackageType | undefined): ModuleStyle {
  const extension = path.extname(filePath).toLowerCase();
  const packageFormat = packageType === 'module' ? 'esm' : 'commonjs';
  const inPackage = packageType === 'module' ? 'a "type": "module" package' : 'a CommonJS package';
  const style = (form: ModuleStyle['form'], format: ModuleStyle['format'], reason: string): ModuleStyle => ({
    form,
    format,
    topLevelAwait: form === 'import' && format === 'esm' && TOP_LEVEL_AWAIT_EXTENSIONS.has(extension),
    reason,
  });
  if (extension === '.cjs') return style('require', 'commonjs', '.cjs is always CommonJS');
  if (extension === '.mjs' || extension === '.mts') return style('import', 'esm', `${extension} is always an ES module`);
  const syntax = scanModuleSyntax(source);
  if (extension === '.cts') {
    return syntax.esModule
      ? style('import', 'commonjs', '.cts written with imports: TypeScript compiles them to require')
      : style('require', 'commonjs', '.cts is always CommonJS');
  }
  if (syntax.esModule) return style('import', packageFormat, `written with ES module syntax (in ${inPackage})`);
  if (syntax.commonJs) return style('require', packageFormat, `written in CommonJS (in ${inPackage})`);
  if (TYPESCRIPT_EXTENSIONS.has(extension)) return style('import', packageFormat, `TypeScript without module syntax (in ${inPackage})`);
  return packageType === 'module'
    ? style('import', 'esm', 'no module syntax, in a "type": "module" package')
    : style('require', 'commonjs', 'no module syntax, in a CommonJS package');
}

/** The last answer: every pass of the combined transform asks about the same file once. */
let lastAnswer: { readonly filePath: string; readonly source: string; readonly style: ModuleStyle } | undefined;

/** `decideModuleStyle` with the nearest package.json read from disk. */
export function moduleStyleOf(filePath: string, source: string): ModuleStyle {
  if (lastAnswer?.filePath === filePath && lastAnswer.source === source) return lastAnswer.style;
  const style = decideModuleStyle(filePath, source, nearestPackageType(filePath));
  lastAnswer = { filePath, source, style };
  return style;
}

// ── the nearest package.json ──────────────────────────────────────────────────────────

/** Folder → the type that governs it. A run reads thousands of files from a handful of folders. */
const packageTypeByFolder = new Map<string, PackageType>();
const CACHE_LIMIT = 4096;

/**
 * The `type` Node applies to a file: that of the nearest package.json above it, `commonjs`
 * when that says nothing (or there is none, or it is not valid JSON: Node would refuse to run
 * the file then, so no style is wrong and CommonJS is its default).
 */
export function nearestPackageType(filePath: string): PackageType {
  const start = path.dirname(path.resolve(filePath));
  const visited: string[] = [];
  let folder = start;
  let found: PackageType | undefined;
  for (;;) {
    const cached = packageTypeByFolder.get(folder);
    if (cached !== undefined) {
      found = cached;
      break;
    }
    visited.push(folder);
    const declared = readPackageType(path.join(folder, 'package.json'));
    if (declared !== undefined) {
      found = declared;
      break;
    }
    const parent = path.dirname(folder);
    if (parent === folder) break;
    folder = parent;
  }
  const type = found ?? 'commonjs';
  if (packageTypeByFolder.size + visited.length > CACHE_LIMIT) packageTypeByFolder.clear();
  for (const each of visited) packageTypeByFolder.set(each, type);
  return type;
}

/** The type a package.json declares; undefined when there is no package.json in that folder. */
function readPackageType(file: string): PackageType | undefined {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
  try {
    const manifest = JSON.parse(text) as { type?: unknown } | null;
    return manifest?.type === 'module' ? 'module' : 'commonjs';
  } catch {
    return 'commonjs';
  }
}

/** Forgets every package.json read so far (a long-lived process whose package.json files change). */
export function clearModuleStyleCache(): void {
  packageTypeByFolder.clear();
  lastAnswer = undefined;
}

// ── how the file is written ───────────────────────────────────────────────────────────

/** After these words a `/` starts a regular expression, not a division. */
const KEYWORDS_BEFORE_EXPRESSION = new Set(['return', 'typeof', 'instanceof', 'in', 'of', 'new', 'delete', 'void', 'throw', 'case', 'do', 'else', 'yield', 'await']);
const DECLARING_KEYWORDS = new Set(['const', 'let', 'var', 'function', 'class']);

const IDENTIFIER_START = /[\p{L}\p{Nl}_$]/u;
const IDENTIFIER_PART = /[\p{L}\p{Nl}\p{Mn}\p{Mc}\p{Nd}\p{Pc}_$\u200C\u200D]/u;

/**
 * Module syntax in a file's text, found by a small lexer that skips comments, strings,
 * template literals and regular expressions, so `// require(…)` or `'import x from y'` are
 * not taken for code. It does not parse: JSX text with an apostrophe hides the rest of that
 * line from it, and a class method named `require` counts as a require call. Both are rare
 * where module syntax matters, at the top of a file.
 */
export function scanModuleSyntax(source: string): ModuleSyntax {
  let esModule = false;
  let commonJs = false;
  let dynamicImport = false;
  const length = source.length;
  let index = source.startsWith('#!') ? lineEnd(source, 0) : 0;
  let regexAllowed = true;
  let afterDot = false;
  let previousWord = '';
  let braceDepth = 0;
  /** For each open `${` of a template literal, the brace depth that its `}` closes. */
  const templateDepths: number[] = [];

  const followedBy = (pattern: RegExp, from: number): boolean => {
    pattern.lastIndex = from;
    return pattern.test(source);
  };

  while (index < length) {
    const char = source[index] ?? '';
    if (/\s/u.test(char)) {
      index += 1;
      continue;
    }
    if (char === '/') {
      const next = source[index + 1];
      if (next === '/') {
        index = lineEnd(source, index);
        continue;
      }
      if (next === '*') {
        const close = source.indexOf('*/', index + 2);
        index = close === -1 ? length : close + 2;
        continue;
      }
      if (regexAllowed) {
        index = regexEnd(source, index);
        regexAllowed = false;
      } else {
        index += 1;
        regexAllowed = true;
      }
      afterDot = false;
      previousWord = '';
      continue;
    }
    if (char === "'" || char === '"') {
      index = stringEnd(source, index);
      regexAllowed = false;
      afterDot = false;
      previousWord = '';
      continue;
    }
    if (char === '`' || (char === '}' && templateDepths.at(-1) === braceDepth)) {
      if (char === '}') templateDepths.pop();
      const { end, opensExpression } = templateTextEnd(source, index + 1);
      index = end;
      if (opensExpression) templateDepths.push(braceDepth);
      regexAllowed = opensExpression;
      afterDot = false;
      previousWord = '';
      continue;
    }
    if (IDENTIFIER_START.test(char)) {
      let end = index + 1;
      while (end < length && IDENTIFIER_PART.test(source[end] ?? '')) end += 1;
      const word = source.slice(index, end);
      if (!afterDot) {
        switch (word) {
          case 'import':
            if (followedBy(/\s*\(/uy, end)) dynamicImport = true;
            else if (followedBy(/\s*\.\s*meta\b/uy, end)) esModule = true;
            else if (followedBy(/\s*(?:type\s+)?[\p{L}_$][\p{L}\p{N}_$]*\s*=(?!=)/uy, end)) esModule = true; // TypeScript's import x = require()
            else if (followedBy(/\s*(?:[\p{L}_${*'"])/uy, end)) esModule = true;
            break;
          case 'export':
            if (followedBy(/\s*=(?!=)/uy, end)) commonJs = true;
            else if (followedBy(/\s*(?:[\p{L}_${*])/uy, end)) esModule = true;
            break;
          case 'require':
            if (!DECLARING_KEYWORDS.has(previousWord) && followedBy(/\s*(?:\(|\.\s*(?:resolve|cache|main)\b)/uy, end)) commonJs = true;
            break;
          case 'module':
            if (followedBy(/\s*\.\s*exports\b/uy, end)) commonJs = true;
            break;
          case 'exports':
            if (!DECLARING_KEYWORDS.has(previousWord) && followedBy(/\s*(?:\.|\[|=(?!=))/uy, end)) commonJs = true;
            break;
          default:
            break;
        }
      }
      regexAllowed = KEYWORDS_BEFORE_EXPRESSION.has(word);
      afterDot = false;
      previousWord = word;
      index = end;
      continue;
    }
    if (/\d/u.test(char)) {
      let end = index + 1;
      while (end < length && /[\w.]/u.test(source[end] ?? '')) end += 1;
      index = end;
      regexAllowed = false;
      afterDot = false;
      previousWord = '';
      continue;
    }
    // Punctuation.
    if (char === '.' && source.startsWith('...', index)) {
      index += 3;
      regexAllowed = true;
      afterDot = false;
    } else {
      if (char === '{') braceDepth += 1;
      if (char === '}') braceDepth -= 1;
      afterDot = char === '.';
      regexAllowed = !(char === ')' || char === ']' || char === '}' || char === '.');
      index += 1;
    }
    previousWord = '';
  }
  return { esModule, commonJs, dynamicImport };
}

function lineEnd(source: string, from: number): number {
  const end = source.indexOf('\n', from);
  return end === -1 ? source.length : end;
}

/** The index after a quoted string; an unterminated one ends at its line's end, as the language does. */
function stringEnd(source: string, start: number): number {
  const quote = source[start];
  let index = start + 1;
  while (index < source.length) {
    const char = source[index];
    if (char === '\\') index += 2;
    else if (char === quote) return index + 1;
    else if (char === '\n') return index;
    else index += 1;
  }
  return index;
}

/** From inside a template literal: the index after its closing backtick or after the next `${`. */
function templateTextEnd(source: string, from: number): { end: number; opensExpression: boolean } {
  let index = from;
  while (index < source.length) {
    const char = source[index];
    if (char === '\\') index += 2;
    else if (char === '`') return { end: index + 1, opensExpression: false };
    else if (char === '$' && source[index + 1] === '{') return { end: index + 2, opensExpression: true };
    else index += 1;
  }
  return { end: index, opensExpression: false };
}

/** The index after a regular expression literal starting at `start` (a `/`), flags included. */
function regexEnd(source: string, start: number): number {
  let index = start + 1;
  let inClass = false;
  while (index < source.length) {
    const char = source[index];
    if (char === '\\') index += 2;
    else if (char === '\n') return index;
    else if (char === '[') {
      inClass = true;
      index += 1;
    } else if (char === ']') {
      inClass = false;
      index += 1;
    } else if (char === '/' && !inClass) {
      index += 1;
      while (index < source.length && IDENTIFIER_PART.test(source[index] ?? '')) index += 1;
      return index;
    } else index += 1;
  }
  return index;
}

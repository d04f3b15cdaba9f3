/**
 * Functions that copy the keys of several objects into one, as `Object.assign` does. Integrations
 * build request options with them (`merge({}, defaults, { headers: { 'x-token': t } })`), so a
 * header written into any of their arguments reaches the request the result is passed to.
 */
export interface ObjectCopy {
  /**
   * Which argument's value a key keeps when several hold it: `later` (`Object.assign`, lodash's
   * `merge`) or `earlier` (lodash's `defaults`, which fills only keys still missing).
   */
  readonly wins: 'later' | 'earlier';
  /** Writes into its first argument and returns it (`Object.assign`, lodash); `deepmerge` returns a new object instead. */
  readonly intoFirst: boolean;
  /**
   * Merges objects found under the same key instead of replacing one with another (lodash's `merge`):
   * the `headers` of every argument are sent together, an `Authorization` in one next to the token in another.
   */
  readonly deep: boolean;
}

const ASSIGN: ObjectCopy = { wins: 'later', intoFirst: true, deep: false };
const MERGE: ObjectCopy = { wins: 'later', intoFirst: true, deep: true };
const DEFAULTS: ObjectCopy = { wins: 'earlier', intoFirst: true, deep: false };
const DEFAULTS_DEEP: ObjectCopy = { wins: 'earlier', intoFirst: true, deep: true };
const NEW_MERGE: ObjectCopy = { wins: 'later', intoFirst: false, deep: true };

/** `Object.assign` itself, for the callers that meet it as a global rather than an import. */
export const OBJECT_ASSIGN: ObjectCopy = ASSIGN;

const LODASH: Readonly<Record<string, ObjectCopy>> = {
  assign: ASSIGN,
  assignIn: ASSIGN,
  extend: ASSIGN,
  merge: MERGE,
  defaults: DEFAULTS,
  defaultsDeep: DEFAULTS_DEEP,
};

/** A module that is one such function has it as `default` (`import merge from 'lodash/merge'`, `require('deepmerge')`). */
const copyingModules: Readonly<Record<string, Readonly<Record<string, ObjectCopy>>>> = {
  lodash: LODASH,
  'lodash-es': LODASH,
  underscore: { extend: ASSIGN, extendOwn: ASSIGN, assign: ASSIGN, defaults: DEFAULTS },
  ...Object.fromEntries(
    Object.entries(LODASH).flatMap(([name, copy]) => [
      [`lodash/${name}`, { default: copy }],
      [`lodash-es/${name}`, { default: copy }],
      // The per-method packages are spelled in lower case: `lodash.merge`, `lodash.defaultsdeep`.
      [`lodash.${name.toLowerCase()}`, { default: copy }],
    ]),
  ),
  deepmerge: { default: NEW_MERGE },
  'object-assign': { default: ASSIGN },
};

/**
 * The copy an imported binding makes when called: `importName` is what the binding holds of
 * `module` (`default`, `*` for the module itself, or a named export), `member` the property
 * called on it, if any (`_.merge`).
 */
export function importedObjectCopy(module: string, importName: string, member: string | undefined): ObjectCopy | undefined {
  const exports = copyingModules[module];
  if (!exports || !Object.hasOwn(copyingModules, module)) return undefined;
  const wholeModule = importName === 'default' || importName === '*';
  const name = member === undefined ? (wholeModule ? 'default' : importName) : wholeModule ? member : undefined;
  return name !== undefined && Object.hasOwn(exports, name) ? exports[name] : undefined;
}

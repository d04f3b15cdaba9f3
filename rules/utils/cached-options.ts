import { ESLintUtils, type TSESLint } from '@typescript-eslint/utils';
import { createRule, type CloudAutomationRuleDocs } from './create-rule.js';

type RuleSpec<Options extends readonly unknown[], MessageIds extends string> = Readonly<
  ESLintUtils.RuleWithMetaAndName<Options, MessageIds, CloudAutomationRuleDocs>
>;

type NamedRule<Options extends readonly unknown[], MessageIds extends string> = TSESLint.RuleModule<
  MessageIds,
  Options,
  CloudAutomationRuleDocs
> & { name: string };

/** What the rule's source-text test reads. */
type RuleSourceCode = Readonly<TSESLint.RuleContext<string, readonly unknown[]>>['sourceCode'];

/** The listeners of a rule that has nothing to do in a file: shared, ESLint only reads them. */
const NO_LISTENERS: TSESLint.RuleListener = Object.freeze({});

/**
 * `createRule` without its per-file cost of merging options. RuleCreator deep-clones and merges
 * the defaults for every linted file; measured on the 2,000-file corpus that was most of the own
 * time of a rule whose cheap text test skips the file. The cached object is shared between files:
 * rules must treat their options as read-only.
 *
 * ESLint hands every file a fresh options array, even for a rule configured as plain `'error'`
 * (it merges `meta.defaultOptions` into a new array per file), so identity never matches. The
 * options are small JSON values that stay the same from file to file: compared in place with the
 * previous file's (no allocation), and looked up by their JSON text only when they differ.
 *
 * `mayReportIn`, the rule's test of a file's text (core/source-text.ts), runs before even that:
 * in most files of a project it is false, and the rule then costs that test and nothing else.
 */
export function createRuleWithCachedOptions<Options extends readonly unknown[], MessageIds extends string>(
  spec: RuleSpec<Options, MessageIds>,
  mayReportIn?: (sourceCode: RuleSourceCode) => boolean,
): NamedRule<Options, MessageIds> {
  const rule = createRule<Options, MessageIds>(spec);
  const defaults = (spec.meta.defaultOptions ?? []) as Options;
  const merged = new Map<string, Options>();
  let lastRaw: unknown;
  let lastMerged: Options | undefined;
  return {
    ...rule,
    create(context) {
      if (mayReportIn && !mayReportIn(context.sourceCode)) return NO_LISTENERS;
      const raw = context.options;
      if (lastMerged !== undefined && sameJsonValue(raw, lastRaw)) return spec.create(context, lastMerged);
      const key = JSON.stringify(raw);
      let options = merged.get(key);
      if (!options) {
        // Same merge RuleCreator does; ESLint has validated context.options against the schema.
        options = ESLintUtils.applyDefault<Options, Options>(defaults, raw);
        // A config has a handful of option sets; the bound only guards against pathological callers.
        if (merged.size > 100) merged.clear();
        merged.set(key, options);
      }
      // A copy: the caller owns `raw` and could change it after this file.
      lastRaw = JSON.parse(key) as unknown;
      lastMerged = options;
      return spec.create(context, options);
    },
  };
}

/** Deep equality of JSON-like values (what rule options are after ESLint's schema validation). */
function sameJsonValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index++) if (!sameJsonValue(a[index], b[index])) return false;
    return true;
  }
  if (Array.isArray(b)) return false;
  const aRecord = a as Record<string, unknown>;
  const bRecord = b as Record<string, unknown>;
  let count = 0;
  for (const key in aRecord) {
    if (!Object.hasOwn(bRecord, key) || !sameJsonValue(aRecord[key], bRecord[key])) return false;
    count++;
  }
  for (const key in bRecord) if (Object.hasOwn(bRecord, key)) count--;
  return count === 0;
}

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

/**
 * `createRule` without its per-file cost of merging options. RuleCreator deep-clones and merges
 * the defaults for every linted file; measured on the 2,000-file corpus that was most of the own
 * time of a rule whose cheap text test skips the file. ESLint hands every file a fresh options
 * array, so the merged options are cached by their JSON text (tiny: a few strings and flags).
 * The cached object is shared between files: rules must treat their options as read-only.
 */
export function createRuleWithCachedOptions<Options extends readonly unknown[], MessageIds extends string>(
  spec: RuleSpec<Options, MessageIds>,
): NamedRule<Options, MessageIds> {
  const rule = createRule<Options, MessageIds>(spec);
  const defaults = (spec.meta.defaultOptions ?? []) as Options;
  const merged = new Map<string, Options>();
  // ESLint ≥ 9 hands every file the same array when a rule is configured without options
  // (`'error'`: the rule's `meta.defaultOptions`), so most files skip even the JSON key.
  const byIdentity = new WeakMap<object, Options>();
  return {
    ...rule,
    create(context) {
      const known = byIdentity.get(context.options);
      if (known) return spec.create(context, known);
      const key = JSON.stringify(context.options);
      let options = merged.get(key);
      if (!options) {
        // Same merge RuleCreator does; ESLint has validated context.options against the schema.
        const fresh: Options = ESLintUtils.applyDefault<Options, Options>(defaults, context.options);
        // A config has a handful of option sets; the bound only guards against pathological callers.
        if (merged.size > 100) merged.clear();
        merged.set(key, fresh);
        options = fresh;
      }
      byIdentity.set(context.options, options);
      return spec.create(context, options);
    },
  };
}

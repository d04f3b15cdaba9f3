import { createRule } from './utils/create-rule.js';

// Placeholder until the rule lands (issue 4): registered so configs and docs have their final shape.
export type Options = [];
export type MessageIds = 'placeholder';

export default createRule<Options, MessageIds>({
  name: 'require-oauth',
  meta: {
    type: 'problem',
    docs: { description: 'require-oauth (not implemented yet)', recommended: true },
    messages: { placeholder: 'not implemented' },
    schema: [],
    defaultOptions: [],
  },
  create() {
    return {};
  },
});

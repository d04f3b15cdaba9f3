import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import { forEachDescendant, type Node } from '../../analysis/ast.js';
import { parseForAnalysis } from '../../analysis/estree-host.js';
import { headerCondition } from '../../analysis/header-condition.js';
import type { ObjectCopy } from '../../core/index.js';

const fixtures = path.join(path.dirname(fileURLToPath(import.meta.url)), '../codemods/fixtures');

/** The analysis tells every copy call core knows; here `Object.assign` alone stands for them. */
const objectAssign = (callee: Node): ObjectCopy | undefined =>
  callee.type === AST_NODE_TYPES.MemberExpression && calleeText(callee) === 'Object.assign' ? { wins: 'later', intoFirst: true, deep: false } : undefined;
const calleeText = (node: Node): string => (node.type === AST_NODE_TYPES.MemberExpression && node.object.type === AST_NODE_TYPES.Identifier && node.property.type === AST_NODE_TYPES.Identifier ? `${node.object.name}.${node.property.name}` : '');

/** Each `'x-token'` name written in `code`, by line: what the header is sent under, with the tests quoted from the code. */
function conditions(code: string): string[] {
  const parsed = parseForAnalysis(code, 'file.ts', () => undefined);
  const text = (node: Node): string => code.slice(node.range[0], node.range[1]);
  const read: string[] = [];
  forEachDescendant(parsed.ast, parsed.host.visitorKeys, (node) => {
    if (node.type !== AST_NODE_TYPES.Literal || node.value !== 'x-token') return undefined;
    const condition = headerCondition(node, code, objectAssign);
    const line = `${node.loc.start.line}`;
    if (!condition) read.push(`${line}: always`);
    else {
      const test = condition.on === 'token' ? '' : ` \`${text(condition.test)}\` ${condition.outcome}`;
      const inValue = condition.inValue ? `; in value: sends \`${text(condition.inValue.sent)}\`, else ${condition.inValue.otherwise}` : '';
      read.push(`${line}: ${condition.on}${test}${inValue}`);
    }
    return undefined;
  });
  return read.sort((a, b) => Number.parseInt(a, 10) - Number.parseInt(b, 10));
}

const fixture = (name: string): string => readFileSync(path.join(fixtures, name), 'utf8');

describe('headerCondition: the test an x-token header is sent under', () => {
  it('reads a test in the header value, and what a failed test leaves', () => {
    expect(conditions(fixture('a7-condition-in-value.input.ts'))).toMatchInlineSnapshot(`
      [
        "12: other \`isCloud\` truthy; in value: sends \`token\`, else undefined",
        "17: other \`cfg.cloud\` truthy; in value: sends \`cfg.token\`, else undefined",
        "21: token; in value: sends \`token\`, else undefined",
        "27: other \`signedIn\` truthy; in value: sends \`token\`, else undefined",
        "33: other \`isCloud\` truthy; in value: sends \`token\`, else undefined",
        "38: other \`cfg.cloud\` truthy; in value: sends \`cfg.token\`, else test",
        "42: mixed \`signedIn && token\` truthy; in value: sends \`token\`, else undefined",
        "48: other \`signedIn\` truthy; in value: sends \`token\`, else undefined",
      ]
    `);
  });

  it('reads the tests around an entry and a write, up to the object or the function', () => {
    expect(conditions(fixture('a7-condition-not-token.input.ts'))).toMatchInlineSnapshot(`
      [
        "12: other \`isKeptn\` truthy",
        "18: other \`url.startsWith(\`\${KEPTN_ENDPOINT}/\`)\` truthy",
        "27: other \`authenticated\` truthy",
        "34: other \`!anonymous\` truthy",
        "47: mixed \`signedIn && token\` truthy",
        "55: other \`signedIn\` truthy",
        "59: other \`signedIn\` truthy",
        "65: other \`signedIn\` truthy",
        "72: other \`signedIn\` truthy",
        "82: other \`signedIn\` truthy",
        "89: other \`signedIn\` truthy",
        "95: other \`signedIn\` truthy",
        "102: other \`withToken\` truthy",
        "107: token",
        "115: other \`signedIn\` truthy",
        "125: other \`signedIn\` truthy",
        "131: other \`signedIn\` truthy",
        "137: other \`signedIn\` truthy",
        "147: other \`signedIn\` truthy",
        "152: other \`signedIn\` truthy",
        "157: other \`signedIn\` truthy",
        "165: other \`signedIn\` truthy",
      ]
    `);
  });

  it('reads an entry copied into an object made before (`Object.assign(headers, { … })`) as a write: the tests up to its function', () => {
    expect(conditions(fixture('c6-constructor-header-assign.input.ts'))).toEqual([
      '10: always',
      '24: always',
      '38: token',
      '54: always',
      '68: always',
      '80: token',
      '88: other `isCloud` truthy',
    ]);
  });

  it('takes only tests of the token it sends as `token`, and reads no test beyond the function the header is written in', () => {
    expect(conditions([
      'const a = { ...(token && { "x-token": token }) };',
      'if (token != null) headers["x-token"] = token;',
      'if (typeof process.env.T === "string") h.set("x-token", process.env.T ?? "");',
      'const b = { ...(token.length > 0 && { "x-token": token }) };',
      'const c = { headers: isCloud ? {} : { "x-token": t } };',
      'const d = { ...(opts.token ?? { "x-token": t }) };',
      'switch (mode) { case "cloud": req.setHeader("x-token", t); }',
      'function f() { if (signedIn) return () => { h["x-token"] = t; }; }',
      'const e = { "x-token": `${token}` };',
    ].join('\n'))).toMatchInlineSnapshot(`
      [
        "1: token",
        "2: token",
        "3: token",
        "4: token",
        "5: other \`isCloud\` falsy",
        "6: other \`opts.token\` nullish",
        "7: other \`mode\` truthy",
        "8: always",
        "9: always",
      ]
    `);
  });
});

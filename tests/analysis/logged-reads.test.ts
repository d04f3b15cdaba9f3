import { describe, expect, it } from 'vitest';
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { forEachDescendant } from '../../analysis/ast.js';
import { parseForAnalysis } from '../../analysis/estree-host.js';
import { onlyLogged } from '../../analysis/logged-reads.js';

/** Whether each read of `opts` after its declaration in `code` is only logged, in order. */
function readsOfOpts(code: string): boolean[] {
  const parsed = parseForAnalysis(`const opts = { headers: { 'x-token': t } };\n${code}`, 'file.ts', () => undefined);
  const reads: TSESTree.Identifier[] = [];
  forEachDescendant(parsed.ast, parsed.host.visitorKeys, (node) => {
    // `{ opts }`: the shorthand's key is a name, its value the read.
    const key = node.parent?.type === AST_NODE_TYPES.Property && node.parent.key === node && node.parent.value !== node;
    if (node.type === AST_NODE_TYPES.Identifier && node.name === 'opts' && node.parent.type !== AST_NODE_TYPES.VariableDeclarator && !key) reads.push(node);
    return undefined;
  });
  return reads.map((read) => onlyLogged(read, (node) => parsed.host.getScope(node)));
}

describe('onlyLogged: reads of request options that only logging calls take', () => {
  it('takes an argument of console and of a logger, as a variable or a member', () => {
    expect(readsOfOpts('console.debug("request", opts);')).toEqual([true]);
    expect(readsOfOpts('logger.info({ opts }, "GET");')).toEqual([true]);
    expect(readsOfOpts('class S { logger: any; run() { this.logger.warn("x", opts); } }')).toEqual([true]);
    expect(readsOfOpts('class S { #log: any; run() { this.#log.error(opts.headers); } }')).toEqual([true]);
    expect(readsOfOpts('console.log(JSON.stringify(opts));')).toEqual([true]);
  });

  it('takes an argument of a child logger (pino, winston), made of a logger variable or member, but not what makes the child', () => {
    expect(readsOfOpts('logger.child({ requestId: "r1" }).info(opts);')).toEqual([true]);
    expect(readsOfOpts('class S { logger: any; run() { this.logger.child({ module: "keptn" }).debug({ opts }, "GET"); } }')).toEqual([true]);
    expect(readsOfOpts('log.child({ a: 1 }).child({ b: 2 }).warn(opts.headers);')).toEqual([true]);
    expect(readsOfOpts('logger.child(opts).info("GET");')).toEqual([false]);
    expect(readsOfOpts('metrics.child({ a: 1 }).info(opts);')).toEqual([false]);
    expect(readsOfOpts('logger.fork({ a: 1 }).info(opts);')).toEqual([false]);
  });

  it('follows a copy that is only logged, and no copy used for anything else', () => {
    expect(readsOfOpts('const logged = { ...opts, method: "GET" };\nconsole.debug(logged);\nlog.trace(logged);')).toEqual([true]);
    expect(readsOfOpts('const logged = { ...opts, method: "GET" };\nconsole.debug(logged);\nrecord(logged);')).toEqual([false]);
    expect(readsOfOpts('const logged = { ...opts };\nconsole.debug(logged);\nexport { logged };')).toEqual([false]);
    expect(readsOfOpts('let logged = { ...opts };\nconsole.debug(logged);')).toEqual([false]);
  });

  it('takes no other call, and no `console` or `JSON` of the code\'s own', () => {
    expect(readsOfOpts('send(opts);')).toEqual([false]);
    expect(readsOfOpts('axios.get("/v1/event", opts);')).toEqual([false]);
    expect(readsOfOpts('metrics.info(opts);')).toEqual([false]);
    expect(readsOfOpts('logger.child(opts);')).toEqual([false]);
    expect(readsOfOpts('function f(console: { log(o: unknown): void }) { console.log(opts); }')).toEqual([false]);
    expect(readsOfOpts('console.log(opts.headers.toString());')).toEqual([false]);
    expect(readsOfOpts('opts.headers = {};')).toEqual([false]);
  });
});

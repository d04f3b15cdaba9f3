/**
 * Whether a request evidently runs in a browser, where the OAuth client-credentials flow has no
 * place: its client secret cannot be kept there (it would have to be bundled into the page), and
 * `DT_CLIENT_SECRET` does not exist in it. The one test, kept simple enough to explain in a
 * message: in a `.jsx`/`.tsx` file (or one that says `'use client'`), the request is made inside
 * a React hook (a `useX(…)` callback such as `useEffect`, or a function named `useX`) or inside a
 * component that is not async (a function returning JSX: its requests run in its event handlers
 * and effects, in the browser). An async component (a server component) and a file that says
 * `'use server'` run on a server. A module that imports Angular's HttpClient (`@angular/common/http`)
 * is an Angular app's, which runs in the browser.
 */
import { AST_NODE_TYPES } from '@typescript-eslint/types';
import type { TSESTree } from '@typescript-eslint/utils';
import { contains, forEachDescendant, isFunctionNode, programOf, returnedExpressions, type Node } from './ast.js';
import type { VisitorKeys } from './host.js';

const JSX_FILE = /\.[jt]sx$/u;
const HOOK_NAME = /^use[A-Z0-9]/u;
const ANGULAR_HTTP_MODULE = '@angular/common/http';

function directives(program: TSESTree.Program): string[] {
  const found: string[] = [];
  for (const statement of program.body) {
    if (statement.type !== AST_NODE_TYPES.ExpressionStatement || statement.directive === undefined) break;
    found.push(statement.directive);
  }
  return found;
}

function functionName(fn: TSESTree.ArrowFunctionExpression | TSESTree.FunctionExpression | TSESTree.FunctionDeclaration): string | undefined {
  if (fn.id) return fn.id.name;
  const parent = fn.parent;
  if (parent.type === AST_NODE_TYPES.VariableDeclarator && parent.id.type === AST_NODE_TYPES.Identifier) return parent.id.name;
  return undefined;
}

function calleeName(call: TSESTree.CallExpression): string | undefined {
  const callee = call.callee;
  if (callee.type === AST_NODE_TYPES.Identifier) return callee.name;
  // `React.useEffect(…)`
  if (callee.type === AST_NODE_TYPES.MemberExpression && !callee.computed && callee.property.type === AST_NODE_TYPES.Identifier) return callee.property.name;
  return undefined;
}

function returnsJsx(fn: Node, visitorKeys: VisitorKeys): boolean {
  return returnedExpressions(fn, visitorKeys).some((value) => {
    let jsx = value.type === AST_NODE_TYPES.JSXElement || value.type === AST_NODE_TYPES.JSXFragment;
    if (!jsx) {
      // `return cond ? <A/> : <B/>`, `return (<div>…</div>)` wrapped in logic.
      forEachDescendant(value, visitorKeys, (node) => {
        if (node.type === AST_NODE_TYPES.JSXElement || node.type === AST_NODE_TYPES.JSXFragment) jsx = true;
        return !jsx && !isFunctionNode(node);
      });
    }
    return jsx;
  });
}

/**
 * Where a request evidently runs in a browser, as a clause a message can quote ("it is made in a
 * `useEffect` callback of the React component `ProjectsPanel`"); undefined when nothing shows it.
 */
export function browserContextOf(request: Node, filePath: string, visitorKeys: VisitorKeys): string | undefined {
  const program = programOf(request);
  const said = directives(program);
  if (said.includes('use server')) return undefined;
  // Angular's HttpClient serves its app in the browser (server rendering runs the same code there too).
  const angular = program.body.some((statement) => statement.type === AST_NODE_TYPES.ImportDeclaration && statement.source.value === ANGULAR_HTTP_MODULE);
  if (angular) return `the request is made in an Angular module (it imports \`${ANGULAR_HTTP_MODULE}\`)`;
  if (!JSX_FILE.test(filePath) && !said.includes('use client')) return undefined;
  let hookCall: string | undefined;
  for (let node: Node | undefined = request.parent; node; node = node.parent) {
    if (node.type === AST_NODE_TYPES.CallExpression && hookCall === undefined) {
      const name = calleeName(node);
      if (name !== undefined && HOOK_NAME.test(name) && node.arguments.some((argument) => isFunctionNode(argument) && contains(argument, request))) hookCall = name;
    }
    if (!isFunctionNode(node)) continue;
    const name = functionName(node);
    if (name !== undefined && HOOK_NAME.test(name)) return `the request is made in the React hook \`${name}\``;
    if (returnsJsx(node, visitorKeys)) {
      if (node.async) return undefined;
      const component = name === undefined ? 'a React component' : `the React component \`${name}\``;
      return hookCall === undefined ? `the request is made in ${component}` : `the request is made in a \`${hookCall}\` callback of ${component}`;
    }
  }
  return hookCall === undefined ? undefined : `the request is made in a \`${hookCall}\` callback`;
}

/**
 * The codemod answers the analysis's type questions with ts-morph, which costs a Program for the
 * file's whole tsconfig the first time it is asked (PERFORMANCE-NOTES.md). These tests hold the
 * analysis to asking only questions whose answer syntax does not already have.
 */
import { AST_NODE_TYPES, type TSESTree } from '@typescript-eslint/utils';
import { describe, expect, it } from 'vitest';
import { parseForAnalysis } from '../../analysis/estree-host.js';
import { createRequestAnalysis } from '../../analysis/request-analysis.js';

const HOST = 'https://abc12345.cloudautomation.live.dynatrace.com';

/** Assesses every request of `source` and resolves its routes; returns the texts of the nodes whose string type was asked. */
function stringQuestions(source: string, filePath = 'service.ts', literals: Record<string, string> = {}): string[] {
  const asked: string[] = [];
  const parsed = parseForAnalysis(source, filePath, () => ({
    stringLiteral: (node) => {
      const text = source.slice(node.range[0], node.range[1]);
      asked.push(text);
      return literals[text];
    },
    client: () => undefined,
  }));
  const analysis = createRequestAnalysis(parsed.host, {});
  const assessed: string[] = [];
  visit(parsed.ast, (call) => {
    const site = analysis.requestSite(call);
    if (!site) return;
    assessed.push(analysis.assessTarget(site).confidence);
    // The scope report's route resolution follows URLs on its own path.
    analysis.requestRoutes(site);
    analysis.cloudAutomationCall(site);
  });
  expect(assessed.length).toBeGreaterThan(0);
  return asked;
}

function visit(node: TSESTree.Node, onCall: (call: TSESTree.CallExpression) => void): void {
  if (node.type === AST_NODE_TYPES.CallExpression) onCall(node);
  for (const [key, value] of Object.entries(node)) {
    if (key === 'parent') continue;
    for (const child of Array.isArray(value) ? value : [value]) {
      if (child && typeof child === 'object' && typeof (child as { type?: unknown }).type === 'string') visit(child as TSESTree.Node, onCall);
    }
  }
}

describe('type questions about a URL', () => {
  it('does not ask about a parameter typed string (a route segment)', () => {
    const source = `
      export class Events {
        async triggered(type: string, token: string) {
          return fetch(\`${HOST}/api/controlPlane/v1/event/triggered/\${type}\`, { headers: { 'x-token': token } });
        }
      }`;
    expect(stringQuestions(source)).not.toContain('type');
  });

  it('does not ask about an untyped parameter of a function declaration', () => {
    const source = `
      export async function triggered(type, token) {
        return fetch(\`${HOST}/api/controlPlane/v1/event/triggered/\${type}\`, { headers: { 'x-token': token } });
      }`;
    expect(stringQuestions(source, 'service.js')).not.toContain('type');
  });

  it('asks about a parameter whose type may be a literal', () => {
    const source = `
      type Route = '/api/v1/auth';
      export async function check(route: Route, token: string) {
        return fetch(\`${HOST}\${route}\`, { method: 'POST', headers: { 'x-token': token } });
      }`;
    expect(stringQuestions(source, 'service.ts', { route: '/api/v1/auth' })).toContain('route');
  });

  it('asks about an untyped arrow parameter, which may be contextually typed', () => {
    const source = `
      const routes = ['/api/v1/auth'] as const;
      export const checks = (token: string) => routes.map((route) => fetch(\`${HOST}\${route}\`, { headers: { 'x-token': token } }));`;
    expect(stringQuestions(source)).toContain('route');
  });

  it('asks about an imported constant, which syntax cannot read', () => {
    const source = `
      import { EVENTS_PATH } from './paths';
      export async function events(token: string) {
        return fetch(\`${HOST}\${EVENTS_PATH}\`, { headers: { 'x-token': token } });
      }`;
    expect(stringQuestions(source)).toContain('EVENTS_PATH');
  });
});

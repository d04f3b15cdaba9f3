import { describe, expect, it } from 'vitest';
import {
  analyzeUrl,
  CLIENT_SOURCE_PATTERN,
  confidenceAtLeast,
  HOLE,
  mayMentionXTokenHeader,
  nameHint,
  routes,
  TARGET_EVIDENCE_SOURCE_PATTERN,
  mayMatchTargetEvidence,
  targetConfidence,
  urlShape,
  type NameHint,
} from '../../core/index.js';

function hints(...names: string[]): NameHint[] {
  return names.flatMap((name) => {
    const hint = nameHint(name);
    return hint ? [hint] : [];
  });
}

describe('targetConfidence', () => {
  it('a Cloud Automation host is certain (D1)', () => {
    const { evidence } = analyzeUrl('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/event', 'POST');
    expect(targetConfidence(evidence, [])).toBe('certain');
  });
  it('a Keptn-only path is likely (D2)', () => {
    const { evidence } = analyzeUrl(urlShape(HOLE, '/controlPlane/v1/project'), 'GET');
    expect(targetConfidence(evidence, [])).toBe('likely');
  });
  it('a generic Keptn path is possible, likely behind a Keptn-named endpoint (D2 + D4)', () => {
    const { evidence } = analyzeUrl(urlShape(HOLE, '/v1/event'), 'POST');
    expect(evidence).toBe('generic-path');
    expect(targetConfidence(evidence, [])).toBe('possible');
    expect(targetConfidence(evidence, hints('KEPTN_ENDPOINT'))).toBe('likely');
  });
  it('a Keptn CloudEvent in the body: likely on a generic Keptn path, possible alone, nothing over a Keptn-only path or host', () => {
    const { evidence } = analyzeUrl(urlShape(HOLE, '/v1/event'), 'POST');
    expect(targetConfidence(evidence, [], true)).toBe('likely');
    expect(targetConfidence(undefined, hints('API_URL', 'token'), true)).toBe('possible');
    expect(targetConfidence(analyzeUrl(urlShape(HOLE, '/controlPlane/v1/project'), 'GET').evidence, [], true)).toBe('likely');
    expect(targetConfidence(analyzeUrl('https://abc12345.cloudautomation.live.dynatrace.com/api/v1/event', 'POST').evidence, [], true)).toBe('certain');
  });
  it('names alone: a Keptn endpoint is likely, a Keptn token possible, other names nothing (D4)', () => {
    expect(targetConfidence(undefined, hints('keptnBaseUrl'))).toBe('likely');
    expect(targetConfidence(undefined, hints('KEPTN_API_TOKEN'))).toBe('possible');
    expect(targetConfidence(undefined, hints('API_URL', 'token'))).toBe('unknown');
  });
  it('orders confidences', () => {
    expect(confidenceAtLeast('certain', 'possible')).toBe(true);
    expect(confidenceAtLeast('possible', 'likely')).toBe(false);
    expect(confidenceAtLeast('unknown', 'unknown')).toBe(true);
  });
});

describe('cheap text tests', () => {
  it('TARGET_EVIDENCE_SOURCE_PATTERN passes every kind of evidence and skips unrelated text', () => {
    for (const text of [
      'https://x.cloudautomation.live.dynatrace.com',
      '`${base}/controlPlane/v1/project`',
      "endpoint + '/v1/event'",
      "'/mongodb-datastore/event'",
      'process.env.KEPTN_ENDPOINT',
      'process.env.X_TOKEN',
      "'/configuration-service/v1/project'",
    ]) {
      expect(TARGET_EVIDENCE_SOURCE_PATTERN.test(text), text).toBe(true);
    }
    for (const text of [
      "fetch('https://example.com/users')",
      "axios.get('https://api.stripe.com/v1/events')",
      "const base = 'https://graph.microsoft.com/v1.0';",
      'const maxTokens = 10;',
    ]) {
      expect(TARGET_EVIDENCE_SOURCE_PATTERN.test(text), text).toBe(false);
    }
  });
  it('mayMatchTargetEvidence passes every text the pattern passes (the rules ask it instead of the pattern)', () => {
    const texts = [
      'https://x.cloudautomation.live.dynatrace.com',
      'process.env.CLOUD_AUTOMATION_URL',
      '`${base}/controlPlane/v1/project`',
      "endpoint + '/v1/event'",
      "'/mongodb-datastore/event'",
      'process.env.KEPTN_ENDPOINT',
      'process.env.X_TOKEN',
      "'/configuration-service/v1/project'",
      // Every route of the table, as a client would write it.
      ...routes.map((route) => `fetch(\`\${base}${route.path.replace(/\{[^}]*\}/gu, '${id}')}\`)`),
      ...routes.map((route) => `'${route.path.replace(/^\/api/u, '').toUpperCase()}'`),
    ];
    for (const text of texts) {
      expect(TARGET_EVIDENCE_SOURCE_PATTERN.test(text), text).toBe(true);
      expect(mayMatchTargetEvidence(text, text.toLowerCase()), text).toBe(true);
    }
    // The same answer as the pattern wherever `/v1` or a word stands next to what is no route start.
    for (const text of [
      "axios.get('https://api.stripe.com/v1/events')",
      "const base = 'https://graph.microsoft.com/v1.0/x';",
      'const v1x = 1; // /v1',
      "'/v10/event' + '/v1/eventual' + '/api/v1' + 'controlPlane/v1' + '/controlPlane/v1-beta'",
      "'/v1/auth/' + '/controlplane/v1'",
      "'/x/controlPlane/v1'",
      "'/secrets/v1?x=1'",
      "const x_tokens = 1; const keptn_like = 'mongodb-datastore/events';",
      "const keptn_like = 'mongodb-datastore/events';",
      "'/mongodb-datastore/event'",
      "'İ/v1/event'",
      "'İ/v1/x'",
    ]) {
      expect(mayMatchTargetEvidence(text, text.toLowerCase()), text).toBe(TARGET_EVIDENCE_SOURCE_PATTERN.test(text));
    }
  });
  it('CLIENT_SOURCE_PATTERN finds every client module and the fetch global, not look-alike words', () => {
    for (const text of ["import axios from 'axios'", "require('node:https')", 'await fetch(url)', "from 'got'", 'new Request(url)', "from 'ky'"]) {
      expect(CLIENT_SOURCE_PATTERN.test(text), text).toBe(true);
    }
    for (const text of ['const forgotten = 1;', 'prefetchData()', 'const sky = 2;']) {
      expect(CLIENT_SOURCE_PATTERN.test(text), text).toBe(false);
    }
  });
  it('mayMentionXTokenHeader ignores letter case', () => {
    expect(mayMentionXTokenHeader("{ 'X-TOKEN': t }")).toBe(true);
    expect(mayMentionXTokenHeader('{ token: t }')).toBe(false);
  });
});

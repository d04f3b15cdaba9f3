/**
 * What the cloud-automation-oauth helper needs from the Node that runs it. The migrate
 * report compares this with what a migrated package declares (engines, a GitHub Action's
 * `runs.using`, an Azure DevOps task handler, .nvmrc); tests/core/runtime.test.ts fails when
 * it drifts from oauth/package.json `engines.node`, the helper's own statement of it.
 */

export interface NodeVersion {
  readonly major: number;
  readonly minor: number;
  readonly patch: number;
}

/** The oldest Node the helper supports: the lowest version its `engines.node` admits. */
export const HELPER_MINIMUM_NODE: NodeVersion = { major: 18, minor: 17, patch: 0 };

/**
 * Why that minimum, in words a report can print: each entry is a platform feature the
 * helper uses and the first Node that has it.
 */
export const HELPER_RUNTIME_NEEDS: readonly { readonly feature: string; readonly since: string }[] = [
  { feature: 'global fetch, Headers, Request and Response', since: '18.0' },
  // The helper ships a CommonJS build (no require(esm) needed); its CI runs it on Node 18.17.1.
  { feature: 'the oldest Node the helper is tested on', since: '18.17' },
];

export function formatNodeVersion(version: NodeVersion, { short = false }: { short?: boolean } = {}): string {
  if (short && version.patch === 0) return version.minor === 0 ? `${version.major}` : `${version.major}.${version.minor}`;
  return `${version.major}.${version.minor}.${version.patch}`;
}

export function compareNodeVersions(a: NodeVersion, b: NodeVersion): number {
  return a.major - b.major || a.minor - b.minor || a.patch - b.patch;
}

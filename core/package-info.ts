import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface PackageInfo {
  readonly name: string;
  readonly version: string;
  /** The folder holding the plugin's package.json: the checkout, or node_modules/eslint-plugin-cloud-automation. */
  readonly root: string;
}

let cached: PackageInfo | undefined;

/**
 * The plugin package's own name and version. Sources run from the checkout (tests) and from
 * dist/ (users) at different depths, so walk up to the package.json that names this package.
 */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  let folder = path.dirname(fileURLToPath(import.meta.url));
  for (;;) {
    try {
      const json = JSON.parse(readFileSync(path.join(folder, 'package.json'), 'utf8')) as Partial<PackageInfo>;
      if (json.name === 'eslint-plugin-cloud-automation' && typeof json.version === 'string') {
        cached = { name: json.name, version: json.version, root: folder };
        return cached;
      }
    } catch {
      // No package.json at this level: keep walking up.
    }
    const parent = path.dirname(folder);
    if (parent === folder) throw new Error('eslint-plugin-cloud-automation: cannot find its own package.json');
    folder = parent;
  }
}

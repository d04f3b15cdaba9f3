import { readdirSync } from 'node:fs';
import path from 'node:path';

const extensions = new Set(['.js', '.mjs', '.cjs', '.ts', '.mts', '.cts', '.jsx', '.tsx']);

/** Every JavaScript/TypeScript source under `folder`, declaration files excluded, in a stable order. */
export function sourceFiles(folder: string, found: string[] = []): string[] {
  let entries;
  try {
    entries = readdirSync(folder, { withFileTypes: true });
  } catch {
    return found;
  }
  entries.sort((a, b) => a.name.localeCompare(b.name));
  for (const entry of entries) {
    const full = path.join(folder, entry.name);
    if (entry.isDirectory() && !entry.isSymbolicLink()) sourceFiles(full, found);
    else if (entry.isFile() && extensions.has(path.extname(entry.name)) && !/\.d\.[cm]?ts$/u.test(entry.name)) found.push(full);
  }
  return found;
}

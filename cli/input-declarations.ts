/**
 * Where a GitHub Action (`action.yml` / `action.yaml`) or an Azure DevOps task (`task.json`)
 * declares the inputs the code reads, so the report can name the declaration of a token input
 * nothing sends any more (file:line, and whether it is `required`). Read only: the migration
 * never rewrites these files, the user deletes the input.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export interface InputDeclaration {
  readonly kind: 'action-input' | 'task-input';
  readonly name: string;
  /** Absolute path of action.yml / task.json. */
  readonly file: string;
  readonly line: number;
  readonly required: boolean;
}

const MANIFESTS: readonly { readonly file: string; readonly kind: InputDeclaration['kind'] }[] = [
  { file: 'action.yml', kind: 'action-input' },
  { file: 'action.yaml', kind: 'action-input' },
  { file: 'task.json', kind: 'task-input' },
];

/**
 * The manifests that declare inputs for a source file: the nearest one of each kind in its
 * folder or above, up to the package root (the first folder with package.json or .git).
 */
export function manifestsFor(sourceFile: string): { file: string; kind: InputDeclaration['kind'] }[] {
  const found: { file: string; kind: InputDeclaration['kind'] }[] = [];
  let folder = path.dirname(sourceFile);
  for (;;) {
    for (const manifest of MANIFESTS) {
      const candidate = path.join(folder, manifest.file);
      if (!found.some((entry) => entry.kind === manifest.kind) && existsSync(candidate)) found.push({ file: candidate, kind: manifest.kind });
    }
    const parent = path.dirname(folder);
    if (parent === folder || existsSync(path.join(folder, 'package.json')) || existsSync(path.join(folder, '.git'))) return found;
    folder = parent;
  }
}

/** The inputs a manifest declares, with their lines; a manifest that cannot be read declares nothing. */
export function readInputDeclarations(file: string, kind: InputDeclaration['kind']): InputDeclaration[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  return kind === 'action-input' ? actionInputs(file, text) : taskInputs(file, text);
}

/**
 * `inputs:` of action.yml: each key one level in, and its `required:`. A line-based reading is
 * enough for this fixed, shallow shape and keeps the CLI free of a YAML dependency.
 */
function actionInputs(file: string, text: string): InputDeclaration[] {
  const lines = text.split(/\r?\n/u);
  const declarations: { name: string; line: number; required: boolean }[] = [];
  const start = lines.findIndex((line) => /^inputs:\s*(?:#.*)?$/u.test(line));
  if (start === -1) return [];
  let inputIndent: number | undefined;
  for (let index = start + 1; index < lines.length; index++) {
    const line = lines[index] ?? '';
    if (/^\s*(?:#.*)?$/u.test(line)) continue;
    const indent = /^\s*/u.exec(line)?.[0].length ?? 0;
    if (indent === 0) break;
    inputIndent ??= indent;
    const key = /^\s*(['"]?)([\w.-]+)\1\s*:/u.exec(line);
    if (indent === inputIndent && key?.[2] !== undefined) declarations.push({ name: key[2], line: index + 1, required: false });
    else if (indent > inputIndent && /^\s*required\s*:\s*['"]?true['"]?\s*(?:#.*)?$/u.test(line)) {
      const current = declarations.at(-1);
      if (current) current.required = true;
    }
  }
  return declarations.map((declaration) => ({ kind: 'action-input', file, ...declaration }));
}

/** `inputs[]` of task.json, each at the line of its `"name"`. */
function taskInputs(file: string, text: string): InputDeclaration[] {
  let manifest: unknown;
  try {
    manifest = JSON.parse(text);
  } catch {
    return [];
  }
  const inputs = (manifest as { inputs?: unknown }).inputs;
  if (!Array.isArray(inputs)) return [];
  const declarations: InputDeclaration[] = [];
  let from = 0;
  for (const input of inputs as unknown[]) {
    const { name, required } = (input ?? {}) as { name?: unknown; required?: unknown };
    if (typeof name !== 'string') continue;
    const match = new RegExp(`"name"\\s*:\\s*${JSON.stringify(name).replace(/[.*+?^${}()|[\]\\]/gu, '\\$&')}`, 'u').exec(text.slice(from));
    const offset = match ? from + match.index : -1;
    if (offset >= 0) from = offset + 1;
    const line = offset >= 0 ? text.slice(0, offset).split('\n').length : 1;
    declarations.push({ kind: 'task-input', name, file, line, required: required === true });
  }
  return declarations;
}

/** The declarations of the given token inputs, for the files that read them. */
export function declarationsOfInputs(reads: readonly { readonly sourceFile: string; readonly kind: InputDeclaration['kind']; readonly name: string }[]): InputDeclaration[] {
  const byManifest = new Map<string, InputDeclaration[]>();
  const result = new Map<string, InputDeclaration>();
  for (const read of reads) {
    for (const manifest of manifestsFor(read.sourceFile)) {
      if (manifest.kind !== read.kind) continue;
      let declared = byManifest.get(manifest.file);
      if (!declared) {
        declared = readInputDeclarations(manifest.file, manifest.kind);
        byManifest.set(manifest.file, declared);
      }
      // Action inputs are case-insensitive when read (`getInput` upper-cases the name); task inputs too.
      const declaration = declared.find((entry) => entry.name.toLowerCase() === read.name.toLowerCase());
      if (declaration) result.set(`${declaration.file}\u0000${declaration.name}`, declaration);
    }
  }
  return [...result.values()];
}

import { readFile } from 'node:fs/promises';

/**
 * Why a tsconfig cannot be used, in one line, or undefined when it reads. Checks what the
 * type oracle would trip over later (missing file, broken JSON with comments, an `extends`
 * that does not resolve) before any file is touched.
 */
export async function validateTsconfig(file: string): Promise<string | undefined> {
  try {
    await readFile(file, 'utf8');
  } catch {
    return 'file does not exist or cannot be read';
  }
  // ts-morph's bundled TypeScript reads tsconfig the way the type oracle will; load it only when asked.
  const { ts } = await import('ts-morph');
  const read = ts.readConfigFile(file, (name) => ts.sys.readFile(name));
  if (read.error) return flatten(ts, read.error.messageText);
  const parsed = ts.parseJsonConfigFileContent(read.config, ts.sys, file.replace(/[/\\][^/\\]*$/u, ''), undefined, file);
  // "No inputs were found" only means the include globs are narrow; the oracle adds files itself.
  const fatal = parsed.errors.find((diagnostic) => diagnostic.code !== 18003);
  return fatal ? flatten(ts, fatal.messageText) : undefined;
}

function flatten(ts: typeof import('ts-morph').ts, message: string | import('ts-morph').ts.DiagnosticMessageChain): string {
  return ts.flattenDiagnosticMessageText(message, ' ');
}

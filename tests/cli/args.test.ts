import { describe, expect, it } from 'vitest';
import { parseCliArgs } from '../../cli/args.js';

describe('parseCliArgs', () => {
  it('reads migrate with every option', () => {
    const parsed = parseCliArgs([
      'migrate', '--dry', '--cpus', '2', '--helper-module', '@acme/keptn-auth', '--helper-export', 'makeClient',
      '--client-export', 'keptnOAuth', '--tsconfig', 'tsconfig.app.json', '--include-unsure', '--library', '--json', '--force',
      '-t', 'x-token-to-oauth', '--ignore-pattern', 'legacy/**', 'src', 'lib/keptn.ts',
    ]);
    expect(parsed).toEqual({
      kind: 'run',
      options: {
        command: 'migrate',
        paths: ['src', 'lib/keptn.ts'],
        dry: true,
        print: false,
        cpus: 2,
        helperModule: '@acme/keptn-auth',
        helperExport: 'makeClient',
        clientExport: 'keptnOAuth',
        tsconfig: 'tsconfig.app.json',
        includeUnsure: true,
        library: true,
        json: true,
        force: true,
        transforms: ['x-token-to-oauth'],
        ignorePatterns: ['legacy/**'],
        progress: undefined,
      },
    });
  });

  it('defaults to one cpu, writing, every transform', () => {
    const parsed = parseCliArgs(['scopes', '.']);
    expect(parsed.kind).toBe('run');
    if (parsed.kind !== 'run') return;
    expect(parsed.options).toMatchObject({ command: 'scopes', paths: ['.'], dry: false, cpus: 1, transforms: [], json: false });
  });

  it.each([
    [['migrate', '--frobnicate', 'src'], 'unknown option --frobnicate (see --help)'],
    [['migrate', '--cpus'], '--cpus needs a value'],
    [['migrate', '--cpus', 'zero', 'src'], '--cpus wants a whole number of at least 1, got "zero"'],
    [['migrate', '--cpus', '0', 'src'], '--cpus wants a whole number of at least 1, got "0"'],
    [['migrate'], 'migrate needs at least one file or folder, e.g. `migrate src`'],
    [[], 'missing command: use `migrate <paths…>` or `scopes <paths…>`'],
    [['transmogrify', 'src'], 'unknown command "transmogrify": use `migrate <paths…>` or `scopes <paths…>`'],
    [['migrate', '--helper-export', 'not valid', 'src'], '--helper-export must be a JavaScript identifier that is not a reserved word, such as oauthClientFromEnv; got "not valid"'],
    [['scopes', '--dry', 'src'], 'scopes never writes, so --dry means nothing there'],
    [['migrate', '--progress', '--no-progress', 'src'], '--progress and --no-progress contradict each other'],
    [['migrate', '--dry', '--print', 'src'], "--dry prints a diff and --print each changed file's new text: choose one"],
  ])('rejects %j with one clear line', (argv, message) => {
    expect(parseCliArgs(argv)).toEqual({ kind: 'usage-error', message });
  });

  it('takes one transform, or both in the order given', () => {
    const only = parseCliArgs(['migrate', '-t', 'add-oauth', 'src']);
    expect(only.kind === 'run' && only.options.transforms).toEqual(['add-oauth']);
    const both = parseCliArgs(['migrate', '--transform', 'x-token-to-oauth', '--transform', 'add-oauth', 'src']);
    expect(both.kind === 'run' && both.options.transforms).toEqual(['x-token-to-oauth', 'add-oauth']);
  });

  it('answers --help, help <command> and --version before anything else', () => {
    expect(parseCliArgs(['--help'])).toEqual({ kind: 'help', command: undefined });
    expect(parseCliArgs(['help', 'scopes'])).toEqual({ kind: 'help', command: 'scopes' });
    expect(parseCliArgs(['migrate', '-h'])).toEqual({ kind: 'help', command: 'migrate' });
    expect(parseCliArgs(['-v'])).toEqual({ kind: 'version' });
  });
});

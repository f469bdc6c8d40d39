import type { Command } from '../command';

export interface CommandEntry {
  readonly name: string;
  /** Loaded on use, so a heavy command (Excel) costs nothing to the others. */
  load(): Promise<Command>;
}

/**
 * Every command of the CLI, in the order help lists them. Adding a command is one line here.
 * A command file exports a `Command` (../command.ts): `run(argv, io)` parses with ../args.ts, reads and
 * writes only through `io` (helpers in ../files.ts), returns the exit code, and throws UsageError (bad
 * options, exit 2) or CliError (bad data or files, exit 1) with one line saying what is wrong and how to fix it.
 */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'quote', load: async () => (await import('./quote')).quoteCommand },
  { name: 'estimate', load: async () => (await import('./estimate')).estimateCommand },
  { name: 'sample', load: async () => (await import('./sample')).sampleCommand },
  { name: 'prices', load: async () => (await import('./prices')).pricesCommand },
  { name: 'validate', load: async () => (await import('./validate')).validateCommand },
  { name: 'export', load: async () => (await import('./export')).exportCommand },
  { name: 'import-xlsx', load: async () => (await import('./import-xlsx')).importXlsxCommand },
];

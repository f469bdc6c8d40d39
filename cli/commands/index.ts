import type { Command } from '../command';

export interface CommandEntry {
  readonly name: string;
  /** Loaded on use, so a heavy command (Excel) costs nothing to the others. */
  load(): Promise<Command>;
}

/** Every command of the CLI, in the order help lists them. Adding a command is one line here. */
export const COMMANDS: readonly CommandEntry[] = [
  { name: 'quote', load: async () => (await import('./quote')).quoteCommand },
  { name: 'estimate', load: async () => (await import('./estimate')).estimateCommand },
  { name: 'sample', load: async () => (await import('./sample')).sampleCommand },
  { name: 'prices', load: async () => (await import('./prices')).pricesCommand },
  { name: 'validate', load: async () => (await import('./validate')).validateCommand },
];

import type { Command } from '../command';

export interface CommandEntry {
  readonly name: string;
  /** One line for the command list and the top of the command's help; here so the list loads no command. */
  readonly summary: string;
  /** Loaded on use, so a heavy command (Excel) costs nothing to the others. */
  load(): Promise<Command>;
}

/**
 * Every command of the CLI, in the order help lists them. Adding a command is one entry here.
 * A command file exports a `Command` (../command.ts): `run(args, io)` gets its options parsed by ../args.ts,
 * reads and writes only through `io` (helpers in ../files.ts), returns the exit code, and throws UsageError (bad
 * options, exit 2) or CliError (bad data or files, exit 1) with one line saying what is wrong and how to fix it.
 */
export const COMMANDS: readonly CommandEntry[] = [
  {
    name: 'quote',
    summary: 'price one image: output tokens, exact cost per image, inputs, cheaper nearby sizes',
    load: async () => (await import('./quote')).quoteCommand,
  },
  {
    name: 'estimate',
    summary: 'estimate every row of a plan file, with totals',
    load: async () => (await import('./estimate')).estimateCommand,
  },
  {
    name: 'sample',
    summary: 'write the built-in sample plan (three real workflows) to a .pxplan file',
    load: async () => (await import('./sample')).sampleCommand,
  },
  {
    name: 'prices',
    summary: 'list the price catalog: rates, effective dates, shutdowns and sources',
    load: async () => (await import('./prices')).pricesCommand,
  },
  {
    name: 'validate',
    summary: "check a plan file: schema, then every row's model, size, quality and price",
    load: async () => (await import('./validate')).validateCommand,
  },
  {
    name: 'export',
    summary: 'export a plan to Excel (.xlsx with live formulas) or CSV',
    load: async () => (await import('./export')).exportCommand,
  },
  {
    name: 'import-xlsx',
    summary: 'read a workbook exported by Pixel Ledger (after edits in Excel) back into a plan file',
    load: async () => (await import('./import-xlsx')).importXlsxCommand,
  },
  {
    name: 'import-actuals',
    summary: "import usage or cost exports (OpenAI, LiteLLM, any CSV) into a plan's actuals ledger",
    load: async () => (await import('./import-actuals')).importActualsCommand,
  },
  {
    name: 'actuals',
    summary: 'show the actuals in a plan: billed, metered and priced-from-usage, by day, week, model...',
    load: async () => (await import('./actuals')).actualsCommand,
  },
  {
    name: 'rollback',
    summary: "remove one import batch from a plan's actuals",
    load: async () => (await import('./rollback')).rollbackCommand,
  },
];

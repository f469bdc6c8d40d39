import { distance } from './spelling';

/**
 * The CLI's one argument parser: `--name value`, `--name=value`, short aliases (`-o FILE`), boolean flags,
 * and `--` to end options. Every mistake becomes a UsageError whose message says what is wrong and how to
 * fix it, so the top level can print it as one line.
 */

export type OptionKind =
  /** Takes a text value. */
  | 'string'
  /** Takes a whole number, checked against min/max. */
  | 'integer'
  /** Takes no value; present or not. */
  | 'flag'
  /** Takes a text value and may be given several times (`--map a=A --map b=B`), in order. */
  | 'repeatable';

export interface OptionSpec {
  /** Long name without dashes: "model" for --model. */
  readonly name: string;
  readonly short?: string;
  readonly kind: OptionKind;
  /** Placeholder shown in usage, e.g. "WxH". */
  readonly valueName?: string;
  readonly description: string;
  readonly min?: number;
  readonly max?: number;
  /** An example value used in "needs a value" messages. */
  readonly example?: string;
}

/** Bad command-line input. Exit code 2, the usual code for usage errors. */
export class UsageError extends Error {
  readonly exitCode = 2;
  override readonly name = 'UsageError';
}

/** A problem with the user's data or files (not with how the command was typed). Exit code 1. */
export class CliError extends Error {
  readonly exitCode = 1;
  override readonly name = 'CliError';
}

export interface ParsedArgs {
  /** The command these arguments are for, named in the positional helpers' messages. */
  readonly command: string;
  readonly positionals: readonly string[];
  /** Text value of a string option, or undefined when it was not given. */
  string(name: string): string | undefined;
  integer(name: string): number | undefined;
  /** Every value of a repeatable option, in the order given ([] when absent). */
  strings(name: string): readonly string[];
  flag(name: string): boolean;
  has(name: string): boolean;
}

const WHOLE_NUMBER = /^-?\d+$/;

function describe(spec: OptionSpec): string {
  return spec.short ? `--${spec.name} (-${spec.short})` : `--${spec.name}`;
}

function readInteger(spec: OptionSpec, text: string): number {
  const trimmed = text.trim().replace(/_/g, '');
  const range =
    spec.min !== undefined && spec.max !== undefined
      ? ` from ${spec.min} to ${spec.max}`
      : spec.min !== undefined
        ? ` of at least ${spec.min}`
        : '';
  if (!WHOLE_NUMBER.test(trimmed)) throw new UsageError(`--${spec.name} expects a whole number${range}, got "${text}"`);
  const value = Number(trimmed);
  if (!Number.isSafeInteger(value))
    throw new UsageError(`--${spec.name} expects a whole number${range}, got "${text}"`);
  if ((spec.min !== undefined && value < spec.min) || (spec.max !== undefined && value > spec.max)) {
    throw new UsageError(`--${spec.name} must be a whole number${range}, got ${value}`);
  }
  return value;
}

/**
 * The option a mistyped name most likely meant: the one it begins (--out for --output), else the one
 * a letter or two away (--jsn, --scenaro); null when none or more than one fits.
 */
function nearestOption(name: string, options: readonly OptionSpec[]): string | null {
  const lower = name.toLowerCase();
  const prefixed = options.filter((o) => lower.length >= 2 && o.name.startsWith(lower));
  if (prefixed.length === 1) return prefixed[0]?.name ?? null;
  // Up to one edit per three letters, two at most: "--x" is not taken for "--n".
  const allowed = Math.min(2, Math.floor(lower.length / 3));
  const near = options.filter((o) => distance(lower, o.name) <= allowed);
  return near.length === 1 ? (near[0]?.name ?? null) : null;
}

/** The argument after an option that takes a value; a following option is not one. */
function followingValue(spec: OptionSpec, next: string | undefined): string {
  // "--model --json" forgot the model, but "-5" could be a number.
  if (next === undefined || (next.startsWith('-') && !/^-\d/.test(next) && next !== '-')) {
    const example = spec.example ?? spec.valueName ?? 'VALUE';
    throw new UsageError(`${describe(spec)} needs a value, e.g. --${spec.name} ${example}`);
  }
  return next;
}

/**
 * Parses argv (without the command name) against the command's options. `commandName` is used in
 * messages so the user knows where to look for help.
 */
export function parseArgs(argv: readonly string[], options: readonly OptionSpec[], commandName: string): ParsedArgs {
  const byLong = new Map(options.map((o) => [o.name, o]));
  const byShort = new Map(options.filter((o) => o.short !== undefined).map((o) => [o.short ?? '', o]));
  const values = new Map<string, string | number | true>();
  const repeated = new Map<string, string[]>();
  const positionals: string[] = [];
  const helpHint = `run "pixel-ledger help ${commandName}" for its options`;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i] ?? '';
    if (arg === '--') {
      positionals.push(...argv.slice(i + 1));
      break;
    }
    let spec: OptionSpec | undefined;
    let inline: string | undefined;
    if (arg.startsWith('--')) {
      const eq = arg.indexOf('=');
      const name = eq === -1 ? arg.slice(2) : arg.slice(2, eq);
      inline = eq === -1 ? undefined : arg.slice(eq + 1);
      spec = byLong.get(name);
      if (!spec) {
        const near = nearestOption(name, options);
        const guess = near === null ? '' : ` (did you mean --${near}?)`;
        throw new UsageError(`unknown option --${name} for ${commandName}${guess}: ${helpHint}`);
      }
    } else if (arg.startsWith('-') && arg.length > 1 && !/^-\d/.test(arg)) {
      spec = byShort.get(arg.slice(1));
      if (!spec) throw new UsageError(`unknown option ${arg} for ${commandName}: ${helpHint}`);
    } else {
      positionals.push(arg);
      continue;
    }

    if (values.has(spec.name) && spec.kind !== 'repeatable')
      throw new UsageError(`${describe(spec)} is given twice: give it once`);
    if (spec.kind === 'flag') {
      if (inline !== undefined) throw new UsageError(`--${spec.name} takes no value: write just --${spec.name}`);
      values.set(spec.name, true);
      continue;
    }
    const text = inline ?? followingValue(spec, argv[i + 1]);
    if (inline === undefined) i += 1;
    if (text.trim() === '') throw new UsageError(`${describe(spec)} needs a non-empty value`);
    if (spec.kind === 'repeatable') {
      values.set(spec.name, true);
      repeated.set(spec.name, [...(repeated.get(spec.name) ?? []), text]);
    } else values.set(spec.name, spec.kind === 'integer' ? readInteger(spec, text) : text);
  }

  const known = (name: string): OptionSpec => {
    const spec = byLong.get(name);
    // A programming error, not a user error: the command asked for an option it never declared.
    if (!spec) throw new Error(`option --${name} is not declared by ${commandName}`);
    return spec;
  };
  return {
    command: commandName,
    positionals,
    string(name) {
      if (known(name).kind === 'repeatable') return repeated.get(name)?.at(-1);
      const v = values.get(name);
      return typeof v === 'string' ? v : undefined;
    },
    integer(name) {
      known(name);
      const v = values.get(name);
      return typeof v === 'number' ? v : undefined;
    },
    strings(name) {
      known(name);
      return repeated.get(name) ?? [];
    },
    flag(name) {
      if (known(name).kind === 'repeatable') return false;
      return values.get(name) === true;
    },
    has(name) {
      known(name);
      return values.has(name);
    },
  };
}

/** The one positional a command takes (a plan path), with a clear message when it is missing or doubled. */
export function singlePositional(args: ParsedArgs, what: string, example: string): string {
  if (args.positionals.length === 0)
    throw new UsageError(`${args.command} needs ${what}, e.g. pixel-ledger ${args.command} ${example}`);
  if (args.positionals.length > 1) {
    throw new UsageError(
      `${args.command} takes only one argument (${what}), got ${args.positionals.length}: ${args.positionals.map((p) => `"${p}"`).join(' ')}`,
    );
  }
  return args.positionals[0] ?? '';
}

export function noPositionals(args: ParsedArgs): void {
  if (args.positionals.length > 0) {
    throw new UsageError(
      `${args.command} takes no arguments besides its options, got "${args.positionals[0] ?? ''}": run "pixel-ledger help ${args.command}"`,
    );
  }
}

/** Usage lines for a command's options, aligned. */
export function formatOptions(options: readonly OptionSpec[]): string {
  const left = options.map((o) => {
    const names = o.short ? `-${o.short}, --${o.name}` : `    --${o.name}`;
    return o.kind === 'flag' ? names : `${names} ${o.valueName ?? 'VALUE'}`;
  });
  const width = Math.max(0, ...left.map((l) => l.length));
  return options.map((o, i) => `  ${(left[i] ?? '').padEnd(width)}  ${o.description}`).join('\n');
}

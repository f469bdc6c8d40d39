import { describe, expect, it } from 'vitest';
import { type OptionSpec, UsageError, formatOptions, parseArgs, singlePositional } from '../../cli/args';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'model', kind: 'string', valueName: 'M', example: 'gpt-image-2', description: 'model' },
  { name: 'n', kind: 'integer', valueName: 'N', min: 1, max: 10, description: 'images per request' },
  { name: 'output', short: 'o', kind: 'string', valueName: 'FILE', description: 'output file' },
  { name: 'json', kind: 'flag', description: 'json' },
];

function parse(...argv: string[]) {
  return parseArgs(argv, OPTIONS, 'quote');
}

function usageError(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof UsageError) return error.message;
    throw error;
  }
  throw new Error('expected a UsageError');
}

describe('parseArgs', () => {
  it('reads --name value, --name=value, short aliases, flags and positionals', () => {
    const args = parse('plan.pxplan', '--model', 'gpt-image-2', '--n=4', '-o', 'out.pxplan', '--json');
    expect(args.positionals).toEqual(['plan.pxplan']);
    expect(args.string('model')).toBe('gpt-image-2');
    expect(args.integer('n')).toBe(4);
    expect(args.string('output')).toBe('out.pxplan');
    expect(args.flag('json')).toBe(true);
    expect(args.has('model')).toBe(true);
  });

  it('leaves options that were not given undefined', () => {
    const args = parse();
    expect(args.string('model')).toBeUndefined();
    expect(args.integer('n')).toBeUndefined();
    expect(args.flag('json')).toBe(false);
    expect(args.has('n')).toBe(false);
  });

  it('treats everything after -- as positionals', () => {
    expect(parse('--', '--json', '-o').positionals).toEqual(['--json', '-o']);
  });

  it('accepts a value with spaces and a value that is a negative number where one is allowed', () => {
    expect(parse('--model', 'My model').string('model')).toBe('My model');
    expect(usageError(() => parse('--n', '-5'))).toBe('--n must be a whole number from 1 to 10, got -5');
  });

  it.each([
    [['--bogus'], 'unknown option --bogus for quote: run "pixel-ledger help quote" for its options'],
    [['-x'], 'unknown option -x for quote: run "pixel-ledger help quote" for its options'],
    [
      ['--out', 'a.xlsx'],
      'unknown option --out for quote (did you mean --output?): run "pixel-ledger help quote" for its options',
    ],
    [['--jsn'], 'unknown option --jsn for quote (did you mean --json?): run "pixel-ledger help quote" for its options'],
    [
      ['--modle', 'x'],
      'unknown option --modle for quote (did you mean --model?): run "pixel-ledger help quote" for its options',
    ],
    [['--x'], 'unknown option --x for quote: run "pixel-ledger help quote" for its options'],
    [['--model'], '--model needs a value, e.g. --model gpt-image-2'],
    [['--model', '--json'], '--model needs a value, e.g. --model gpt-image-2'],
    [['-o'], '--output (-o) needs a value, e.g. --output FILE'],
    [['--model='], '--model needs a non-empty value'],
    [['--n', 'four'], '--n expects a whole number from 1 to 10, got "four"'],
    [['--n', '1.5'], '--n expects a whole number from 1 to 10, got "1.5"'],
    [['--n', '11'], '--n must be a whole number from 1 to 10, got 11'],
    [['--n', '0'], '--n must be a whole number from 1 to 10, got 0'],
    [['--json=yes'], '--json takes no value: write just --json'],
    [['--model', 'a', '--model', 'b'], '--model is given twice: give it once'],
  ])('%j -> %s', (argv, message) => {
    expect(usageError(() => parse(...argv))).toBe(message);
  });

  it('singlePositional names what is missing and what was doubled', () => {
    const estimateArgs = (...argv: string[]) => parseArgs(argv, OPTIONS, 'estimate');
    expect(usageError(() => singlePositional(estimateArgs(), 'a plan file', 'plan.pxplan'))).toBe(
      'estimate needs a plan file, e.g. pixel-ledger estimate plan.pxplan',
    );
    expect(usageError(() => singlePositional(estimateArgs('a', 'b'), 'a plan file', 'plan.pxplan'))).toBe(
      'estimate takes only one argument (a plan file), got 2: "a" "b"',
    );
  });

  it('formats aligned option help', () => {
    const text = formatOptions(OPTIONS);
    expect(text.split('\n')).toHaveLength(4);
    expect(text).toContain('-o, --output FILE');
    expect(text).toContain('    --json');
  });
});

describe('repeatable options', () => {
  const SPECS: readonly OptionSpec[] = [
    { name: 'map', kind: 'repeatable', valueName: 'FIELD=COLUMN', description: 'map a column' },
    { name: 'json', kind: 'flag', description: 'json' },
  ];

  it('keeps every value in order, with spaces, brackets and = in them', () => {
    const args = parseArgs(
      ['--map', 'date=Datum', '--map=amount=Kosten (USD)', 'plan.pxplan'],
      SPECS,
      'import-actuals',
    );
    expect(args.strings('map')).toEqual(['date=Datum', 'amount=Kosten (USD)']);
    expect(args.positionals).toEqual(['plan.pxplan']);
    expect(args.has('map')).toBe(true);
  });

  it('is an empty list when absent, and still needs a value each time', () => {
    expect(parseArgs(['--json'], SPECS, 'import-actuals').strings('map')).toEqual([]);
    expect(usageError(() => parseArgs(['--map', '--json'], SPECS, 'import-actuals'))).toBe(
      '--map needs a value, e.g. --map FIELD=COLUMN',
    );
  });
});

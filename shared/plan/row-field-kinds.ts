import * as z from 'zod';
import { isAsciiDigit } from '../money/exact';
import { groupInteger } from '../money/format';
import { DECIMAL_TEXT_MAX_DIGITS, DECIMAL_TEXT_PATTERN, DecimalText, IsoDate, isIsoDate } from '../pricing/price-entry';
import { fail, ok, type Result } from '../result';
import { evaluateNumberExpression, type Fraction, fractionPreview, fractionToDecimalText } from './number-expression';

/**
 * The kinds of value a plan row field holds (whole numbers, decimal factors, money, dates, choices, sizes,
 * text) and one builder per kind. A builder takes a field's words and limits once and returns everything
 * the rest of the app derives from them: the zod schema (with its messages), the parser for typed or
 * pasted text (with the same messages), the default, and the words the workbook and the CLI use. The
 * fields themselves are listed in row-fields.ts.
 */

export type RowFieldValue = string | number | null;

/** What a parser may look at besides the typed text: the row's model (quality and size depend on it). */
export interface FieldRow {
  readonly model: string;
}

/** How wide a field's column is: in the grid in pixels (null: not shown there), in the workbook in characters. */
export interface FieldWidths {
  readonly grid: number | null;
  readonly sheet: number;
}

/** The command-line option that sets the field (quote). The option's description adds the limits. */
export interface CliHint {
  /** Long name without dashes: "n" for --n. */
  readonly option: string;
  readonly valueName: string;
  readonly example?: string;
  /** What the option sets, lower case, without limits or default ("images per request"). */
  readonly help: string;
  /** Said in parentheses after the limits, e.g. "+100 output tokens each". */
  readonly note?: string;
  /** Say the command's default in the description ("default 1"). */
  readonly showDefault?: boolean;
}

/** A named value a decimal field can be given by name (the iteration presets). */
export interface DecimalPreset {
  readonly id: string;
  readonly label: string;
  readonly factor: string;
}

/** What kind of value a field holds, with its limits: consumers pick editors, cell formats and codecs by it. */
export type FieldLimits =
  /** The row's id: never typed by a user. */
  | { readonly kind: 'id'; readonly maxLength: number }
  | { readonly kind: 'text'; readonly maxLength: number; readonly multiline: boolean }
  /** One of a list. `options(null)` is every value any row may hold (for workbook drop-downs). */
  | { readonly kind: 'choice'; readonly options: (row: FieldRow | null) => readonly string[] }
  /** An output size: WIDTHxHEIGHT, an aspect preset or auto, checked against the row's model. */
  | { readonly kind: 'size' }
  /** An input image size: WIDTHxHEIGHT. */
  | { readonly kind: 'image-size' }
  /** A price entry id, or empty. */
  | { readonly kind: 'entry-id' }
  | { readonly kind: 'integer'; readonly min: number; readonly max: number; readonly unit: '' | '%' }
  /** A decimal kept as text ("1.8"), at most maxWholeDigits digits before the point and maxDecimals after. */
  | {
      readonly kind: 'decimal';
      readonly maxWholeDigits: number;
      readonly maxDecimals: number;
      readonly min: number | null;
      readonly presets: readonly DecimalPreset[];
    }
  /** An amount in USD kept as text; typed amounts keep at most maxDecimals decimals. */
  | { readonly kind: 'money'; readonly maxWholeDigits: number; readonly maxDecimals: number }
  /** A calendar date as YYYY-MM-DD, or empty. */
  | { readonly kind: 'date' };

export type RowFieldKind = FieldLimits['kind'];

export interface FieldCommon<T extends RowFieldValue> {
  /** The column header in the grid, the workbook and the CSV. */
  readonly label: string;
  /** Headers earlier versions exported: workbook import still reads them. */
  readonly formerLabels: readonly string[];
  /** The grid's header tooltip. */
  readonly description: string;
  /** What the field expects, in the words of a message ("a whole number of finals"). */
  readonly expectation: string;
  readonly nullable: boolean;
  /** The value of a new row. */
  readonly defaultValue: T;
  readonly width: FieldWidths;
  readonly cli: CliHint | null;
  /** The stored value's schema: plan files, IPC and imports are checked with it. */
  readonly schema: z.ZodType<T>;
  /**
   * A fast check of a stored value for the happy path of reading a plan: true only for a value the schema
   * accepts and returns unchanged (false sends the plan to the schema, whose messages say what is wrong).
   */
  readonly check: (value: unknown) => boolean;
  /** Reads typed or pasted text as the stored value, the same way for cell editors, paste and forms. */
  parse(text: string, row: FieldRow): Result<T>;
}

export type RowField<T extends RowFieldValue = RowFieldValue> = FieldLimits & FieldCommon<T>;

/** The words and layout every field gives its builder. */
export interface FieldWords {
  readonly label: string;
  readonly formerLabels?: readonly string[];
  readonly description: string;
  readonly width: FieldWidths;
  readonly cli?: CliHint;
}

function words(
  spec: FieldWords,
): Pick<FieldCommon<RowFieldValue>, 'label' | 'formerLabels' | 'description' | 'width' | 'cli'> {
  return {
    label: spec.label,
    formerLabels: spec.formerLabels ?? [],
    description: spec.description,
    width: spec.width,
    cli: spec.cli ?? null,
  };
}

// ---- whole numbers ----

interface IntegerSpec extends FieldWords {
  readonly min: number;
  readonly max: number;
  /** Shown after the value in the grid ("25%"); a typed "%" is accepted. */
  readonly unit?: '%';
  /** The quantity in messages, plural: "finals", "images per request". */
  readonly noun: string;
}

function outOfRange(n: number, min: number, max: number): string {
  return `${n} is out of range: use ${min} to ${groupInteger(max)}`;
}

/** What integerSchema accepts: a safe whole number within the field's limits. */
function isIntegerIn(value: unknown, spec: IntegerSpec): boolean {
  return typeof value === 'number' && Number.isSafeInteger(value) && value >= spec.min && value <= spec.max;
}

function integerSchema(spec: IntegerSpec): z.ZodNumber {
  const range = { error: (issue: { input: unknown }) => outOfRange(Number(issue.input), spec.min, spec.max) };
  return z.number().int(`${spec.noun} must be a whole number`).min(spec.min, range).max(spec.max, range);
}

/** Reads a typed whole number ("12", "12*2", "1,000", "25%"). */
function parseInteger(text: string, spec: IntegerSpec): Result<number> {
  const cleaned = text.trim().replace(/%$/, '');
  if (cleaned === '') return fail('a number is needed here');
  const value = evaluateNumberExpression(cleaned);
  if (!value.ok) return fail(`"${text.trim()}" is not a number: ${value.error}`);
  const f = value.value;
  if (f.num % f.den !== 0n) return fail(`${fractionPreview(f)} is not a whole number`);
  const n = Number(f.num / f.den);
  if (n < spec.min || n > spec.max) return fail(outOfRange(n, spec.min, spec.max));
  return ok(n);
}

function integerParts(spec: IntegerSpec, nullable: boolean) {
  return {
    ...words(spec),
    kind: 'integer' as const,
    min: spec.min,
    max: spec.max,
    unit: spec.unit ?? ('' as const),
    nullable,
    // The range is the schema's to check (with its own message): a cell is first read as a whole number.
    expectation: `a whole number of ${spec.noun}${nullable ? ' (or an empty cell)' : ''}`,
  };
}

export function integerField(spec: IntegerSpec & { readonly defaultValue: number }): RowField<number> {
  return {
    ...integerParts(spec, false),
    defaultValue: spec.defaultValue,
    schema: integerSchema(spec),
    check: (v) => isIntegerIn(v, spec),
    parse: (text) => parseInteger(text, spec),
  };
}

/** A whole number that may be left empty (null). */
export function optionalIntegerField(
  spec: IntegerSpec & { readonly defaultValue: number | null },
): RowField<number | null> {
  return {
    ...integerParts(spec, true),
    defaultValue: spec.defaultValue,
    schema: integerSchema(spec).nullable(),
    check: (v) => v === null || isIntegerIn(v, spec),
    parse: (text) => (text.trim().replace(/%$/, '') === '' ? ok(null) : parseInteger(text, spec)),
  };
}

// ---- decimals kept as text ----

function decimalText(f: Fraction, maxDecimals: number, noun: string): Result<string> {
  if (f.num < 0n) return fail(`${noun} cannot be negative`);
  const text = fractionToDecimalText(f, maxDecimals);
  if (text === null)
    return fail(`${fractionPreview(f)} has too many decimals for ${noun}: round it to at most ${maxDecimals}`);
  return ok(text);
}

interface DecimalSpec extends FieldWords {
  readonly maxWholeDigits: number;
  readonly maxDecimals: number;
  /** The quantity in messages: "generations per final". */
  readonly noun: string;
  /** What the field expects, without the decimals limit: "an iteration factor such as 1.8". */
  readonly expects: string;
  /** The example in the schema's message. */
  readonly example: string;
  /** The smallest value the engine prices, with the message for less; null = any non-negative value. */
  readonly minimum: { readonly value: number; readonly message: string } | null;
  readonly presets?: readonly DecimalPreset[];
  readonly defaultValue: string;
}

function presetNamed(presets: readonly DecimalPreset[], t: string): DecimalPreset | undefined {
  return presets.find((p) => p.id === t || p.label.toLowerCase() === t || t.startsWith(`${p.id} `));
}

function parseDecimal(text: string, spec: DecimalSpec): Result<string> {
  const t = text.trim().toLowerCase();
  const presets = spec.presets ?? [];
  const preset = presetNamed(presets, t);
  const out: Result<string> = preset ? ok(preset.factor) : typedDecimal(text, t, spec, presets);
  if (out.ok && spec.minimum !== null && Number(out.value) < spec.minimum.value) return fail(spec.minimum.message);
  return out;
}

function typedDecimal(text: string, t: string, spec: DecimalSpec, presets: readonly DecimalPreset[]): Result<string> {
  const value = evaluateNumberExpression(t.replace(/^custom\s*/, ''));
  if (!value.ok) {
    const named = presets.length > 0 ? ` or a preset (${presets.map((p) => p.id).join(', ')})` : '';
    return fail(`"${text.trim()}" is not a number${named}: ${value.error}`);
  }
  const out = decimalText(value.value, spec.maxDecimals, spec.noun);
  if (!out.ok) return out;
  if (Number(out.value) >= 10 ** spec.maxWholeDigits) return fail(`${out.value} is too large for ${spec.noun}`);
  return out;
}

/** A non-negative decimal kept as exact text ("1.8"), typed as a number, an expression or a preset name. */
export function decimalField(spec: DecimalSpec): RowField<string> {
  const pattern = new RegExp(`^\\d{1,${spec.maxWholeDigits}}(\\.\\d{1,${spec.maxDecimals}})?$`);
  return {
    ...words(spec),
    kind: 'decimal',
    maxWholeDigits: spec.maxWholeDigits,
    maxDecimals: spec.maxDecimals,
    min: spec.minimum?.value ?? null,
    presets: spec.presets ?? [],
    nullable: false,
    expectation: `${spec.expects} (at most ${spec.maxDecimals} decimals)`,
    defaultValue: spec.defaultValue,
    schema: z
      .string()
      .regex(pattern, `expected a decimal with at most ${spec.maxDecimals} decimals, such as "${spec.example}"`),
    check: (v) => typeof v === 'string' && isPlainDecimal(v, spec.maxWholeDigits, spec.maxDecimals),
    parse: (text) => parseDecimal(text, spec),
  };
}

/**
 * The decimal field's pattern (1 to `maxWhole` digits, then optionally a point and 1 to `maxDecimals`
 * digits) tested by a scan: it runs twice for every row of a plan opened, where the regular expression
 * cost more than the rest of the row's check.
 */
function isPlainDecimal(text: string, maxWhole: number, maxDecimals: number): boolean {
  const length = text.length;
  let i = 0;
  while (i < length && isAsciiDigit(text.charCodeAt(i))) i += 1;
  if (i === 0 || i > maxWhole) return false;
  if (i === length) return true;
  if (text.charCodeAt(i) !== 0x2e) return false; // '.'
  const point = i;
  i += 1;
  while (i < length && isAsciiDigit(text.charCodeAt(i))) i += 1;
  const decimals = i - point - 1;
  return i === length && decimals >= 1 && decimals <= maxDecimals;
}

// ---- money ----

interface MoneySpec extends FieldWords {
  /** Decimals a typed amount may keep (the engine counts in micro-dollars). */
  readonly maxDecimals: number;
  readonly noun: string;
  readonly expectation: string;
}

function parseMoney(text: string, spec: MoneySpec): Result<string | null> {
  const t = text
    .trim()
    .replace(/^\$|^USD\s*/i, '')
    .replace(/\s*(USD|\$)$/i, '');
  if (t === '') return ok(null);
  const value = evaluateNumberExpression(t);
  if (!value.ok) return fail(`"${text.trim()}" is not an amount: ${value.error}`);
  const out = decimalText(value.value, spec.maxDecimals, spec.noun);
  if (!out.ok) return out;
  const whole = out.value.split('.')[0] ?? '';
  return whole.length > DECIMAL_TEXT_MAX_DIGITS ? fail('the amount is too large') : out;
}

/** An amount in USD kept as exact text, or empty (null). */
export function moneyField(spec: MoneySpec): RowField<string | null> {
  return {
    ...words(spec),
    kind: 'money',
    maxWholeDigits: DECIMAL_TEXT_MAX_DIGITS,
    maxDecimals: spec.maxDecimals,
    nullable: true,
    expectation: spec.expectation,
    defaultValue: null,
    schema: DecimalText.nullable(),
    // The schema's own test, without a zod parse per row (a third of a plan's rows have a cap).
    check: (v) => v === null || (typeof v === 'string' && DECIMAL_TEXT_PATTERN.test(v)),
    parse: (text) => parseMoney(text, spec),
  };
}

// ---- dates ----

/** A calendar date (YYYY-MM-DD), or empty (null). */
export function dateField(spec: FieldWords): RowField<string | null> {
  return {
    ...words(spec),
    kind: 'date',
    nullable: true,
    expectation: 'a date such as 2027-01-31 (or an empty cell)',
    defaultValue: null,
    schema: IsoDate.nullable(),
    check: (v) => v === null || (typeof v === 'string' && isIsoDate(v)),
    parse: (text) => {
      const t = text.trim();
      if (t === '') return ok(null);
      return isIsoDate(t) ? ok(t) : fail(`"${t}" is not a date: write YYYY-MM-DD, e.g. 2027-01-31`);
    },
  };
}

// ---- text ----

function tooLong(length: number, maxLength: number): string {
  return `the text is ${length} characters long; at most ${maxLength} fit`;
}

/** Free text, kept as typed (spaces too). */
export function textField(
  spec: FieldWords & { readonly maxLength: number; readonly multiline?: boolean; readonly defaultValue: string },
): RowField<string> {
  return {
    ...words(spec),
    kind: 'text',
    maxLength: spec.maxLength,
    multiline: spec.multiline ?? false,
    nullable: false,
    expectation: 'text',
    defaultValue: spec.defaultValue,
    schema: z.string().max(spec.maxLength, {
      error: (issue) => tooLong(typeof issue.input === 'string' ? issue.input.length : 0, spec.maxLength),
    }),
    check: (v) => typeof v === 'string' && v.length <= spec.maxLength,
    parse: (text) => (text.length > spec.maxLength ? fail(tooLong(text.length, spec.maxLength)) : ok(text)),
  };
}

/** The row id: set by the app, never typed. */
export function idField(spec: FieldWords & { readonly maxLength: number }): RowField<string> {
  return {
    ...words(spec),
    kind: 'id',
    maxLength: spec.maxLength,
    nullable: false,
    expectation: 'a row id',
    defaultValue: '',
    schema: z.string().min(1).max(spec.maxLength),
    check: (v) => typeof v === 'string' && v.length >= 1 && v.length <= spec.maxLength,
    parse: (text) => {
      const t = text.trim();
      return t === '' || t.length > spec.maxLength ? fail(`a row id has 1 to ${spec.maxLength} characters`) : ok(t);
    },
  };
}

/** A price entry id, or empty (null: the entry in force). */
export function entryIdField(spec: FieldWords & { readonly expectation: string }): RowField<string | null> {
  return {
    ...words(spec),
    kind: 'entry-id',
    nullable: true,
    expectation: spec.expectation,
    defaultValue: null,
    schema: z.string().nullable(),
    check: (v) => v === null || typeof v === 'string',
    parse: (text) => ok(text.trim() === '' ? null : text.trim()),
  };
}

// ---- choices ----

/** `"big" is not a billing surface: use one of api, batch`: the message of every closed list. */
export function notOneOf(text: string, what: string, options: readonly string[]): string {
  return `"${text}" is not a ${what}: use one of ${options.join(', ')}`;
}

/** The option spelled like `text` (any case), or a message listing the options. */
export function chooseFrom<T extends string>(text: string, options: readonly T[], what: string): Result<T> {
  const t = text.trim().toLowerCase();
  const found = options.find((o) => o.toLowerCase() === t);
  return found !== undefined ? ok(found) : fail(notOneOf(text.trim(), what, options));
}

/** One of a fixed list, the same for every row (the schema refuses anything else). */
export function closedChoiceField<T extends string>(
  spec: FieldWords & { readonly options: readonly T[]; readonly what: string; readonly defaultValue: T },
): RowField<T> {
  return {
    ...words(spec),
    kind: 'choice',
    options: () => spec.options,
    nullable: false,
    expectation: `a ${spec.what} (${spec.options.join(', ')})`,
    defaultValue: spec.defaultValue,
    schema: z.enum(spec.options, { error: (issue) => notOneOf(String(issue.input), spec.what, spec.options) }),
    check: (v) => typeof v === 'string' && (spec.options as readonly string[]).includes(v),
    parse: (text) => chooseFrom(text, spec.options, spec.what),
  };
}

interface OpenChoiceSpec extends FieldWords {
  /** The row's options; `null` row: every value any row may hold. */
  readonly options: (row: FieldRow | null) => readonly string[];
  /** Reads typed text (the list may depend on the row, and a row whose model is unknown takes any text). */
  readonly choose: (text: string, row: FieldRow) => Result<string>;
  readonly expectation: string;
}

/**
 * One of a list that depends on the catalog (models, a model's qualities). The schema only asks for text:
 * a plan naming a model this version does not know still opens, and the estimate says what is wrong.
 */
export function openChoiceField(
  spec: OpenChoiceSpec & { readonly emptyMessage?: string; readonly defaultValue: string },
): RowField<string> {
  return {
    ...words(spec),
    kind: 'choice',
    options: spec.options,
    nullable: false,
    expectation: spec.expectation,
    defaultValue: spec.defaultValue,
    schema: spec.emptyMessage === undefined ? z.string().min(1) : z.string().min(1, spec.emptyMessage),
    check: (v) => typeof v === 'string' && v.length >= 1,
    parse: spec.choose,
  };
}

/** An open choice that may be left empty (null: the model's own default). */
export function optionalOpenChoiceField(spec: OpenChoiceSpec): RowField<string | null> {
  return {
    ...words(spec),
    kind: 'choice',
    options: spec.options,
    nullable: true,
    expectation: spec.expectation,
    defaultValue: null,
    schema: z.string().nullable(),
    check: (v) => v === null || typeof v === 'string',
    parse: (text, row) => (text.trim() === '' ? ok(null) : spec.choose(text, row)),
  };
}

// ---- sizes ----

/** A size kept as text, read by `read` (output sizes resolve presets against the row's model). */
export function sizeField(
  spec: FieldWords & {
    readonly kind: 'size' | 'image-size';
    readonly expectation: string;
    readonly read: (text: string, row: FieldRow) => Result<string>;
    readonly defaultValue: string;
  },
): RowField<string> {
  return {
    ...words(spec),
    kind: spec.kind,
    nullable: false,
    expectation: spec.expectation,
    defaultValue: spec.defaultValue,
    schema: z.string().min(1),
    check: (v) => typeof v === 'string' && v.length >= 1,
    parse: spec.read,
  };
}

import { type Exact, parseDecimal } from '../../money/exact';
import type { DecimalSeparator } from './csv-dialect';

/**
 * Numbers, counts and booleans as data files write them, read exactly. Plain numerals ("0.0529",
 * "4.5E-06", "0E-6176") take the fast path; anything else is normalised for the file's decimal separator
 * first: thousands separators (`1,234.56`, `1.234,56`, `1 234,56`, `1'234.56`, groups of three only) and
 * accounting negatives (`(12.50)`). Text that is not a number in the file's format is null, never a guess:
 * `1,5` in a decimal-point file is not 15.
 */

const THOUSANDS = new Set([',', '.', ' ', '\u00a0', '\u202f', "'"]);

export function readDecimal(text: string, decimal: DecimalSeparator): Exact | null {
  if (decimal === '.') {
    const fast = parseDecimal(text);
    if (fast !== null) return fast;
  }
  const normalised = normaliseNumber(text, decimal);
  return normalised === null ? null : parseDecimal(normalised);
}

/** A number written for people, as a plain numeral with a point (or null). */
export function normaliseNumber(text: string, decimal: DecimalSeparator): string | null {
  let t = text.trim();
  let sign = '';
  if (t.length > 2 && t.startsWith('(') && t.endsWith(')')) {
    sign = '-';
    t = t.slice(1, -1).trim();
  }
  if (t.startsWith('-') || t.startsWith('+')) {
    if (sign !== '') return null;
    sign = t[0] === '-' ? '-' : '';
    t = t.slice(1);
  }
  const e = t.search(/[eE]/);
  const exponent = e === -1 ? '' : t.slice(e);
  const mantissa = e === -1 ? t : t.slice(0, e);
  const point = mantissa.lastIndexOf(decimal);
  const whole = point === -1 ? mantissa : mantissa.slice(0, point);
  const fraction = point === -1 ? '' : mantissa.slice(point + 1);
  if (!/^\d*$/.test(fraction)) return null;
  const digits = wholeDigits(whole, decimal);
  if (digits === null || (digits === '' && fraction === '')) return null;
  return sign + (digits === '' ? '0' : digits) + (fraction ? '.' + fraction : '') + exponent;
}

/** The integer part without thousands separators, or null when the grouping is not 1-3 digits then threes. */
function wholeDigits(whole: string, decimal: DecimalSeparator): string | null {
  if (/^\d*$/.test(whole)) return whole;
  let separator = '';
  for (const ch of whole) {
    if (ch >= '0' && ch <= '9') continue;
    if (!THOUSANDS.has(ch) || ch === decimal || (separator !== '' && ch !== separator)) return null;
    separator = ch;
  }
  const groups = whole.split(separator);
  const [first = '', ...rest] = groups;
  if (first.length < 1 || first.length > 3 || rest.some((g) => g.length !== 3)) return null;
  return groups.join('');
}

const MAX_COUNT = Number.MAX_SAFE_INTEGER;

/**
 * A whole, non-negative count ("16", "16.0", "1,234" per the dialect); '' is 0. Null when it is not a
 * number; NaN is never returned. Counts written as floats by exporters ("10.0") are whole numbers.
 */
export function readCount(text: string, decimal: DecimalSeparator): number | null {
  const n = text.length;
  if (n === 0) return 0;
  const plain = plainCount(text, 0, n, decimal.charCodeAt(0));
  if (plain >= 0) return plain;
  const exact = readDecimal(text, decimal);
  if (exact === null || exact.scale !== 0 || exact.units < 0n || exact.units > BigInt(MAX_COUNT)) return null;
  return Number(exact.units);
}

/**
 * The count written in text[from, to) when it is plain (1 to 15 characters: digits, optionally followed by
 * the decimal separator and zeros), else -1. The fast path of readCount, also run on a CSV field in place.
 */
export function plainCount(text: string, from: number, to: number, decimalCode: number): number {
  if (to - from > 15) return -1;
  let i = from;
  let value = 0;
  while (i < to) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    value = value * 10 + (c - 48);
    i++;
  }
  if (i === from) return -1;
  if (i === to) return value;
  if (text.charCodeAt(i) !== decimalCode) return -1;
  let k = i + 1;
  while (k < to && text.charCodeAt(k) === 48) k++;
  return k === to ? value : -1;
}

/** TRUE/FALSE in any case, 1/0; '' is null (the file does not say). Anything else is undefined (not a boolean). */
export function readBoolean(text: string): boolean | null | undefined {
  const t = text.trim().toLowerCase();
  if (t === '') return null;
  if (t === 'true' || t === '1') return true;
  if (t === 'false' || t === '0') return false;
  return undefined;
}

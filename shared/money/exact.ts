/**
 * Exact decimal arithmetic for money, rates and factors.
 *
 * A value is an integer number of units at a power-of-ten scale: { units: 1234n, scale: 3 } is 1.234.
 * Products add scales, sums align them, so nothing is ever rounded here. The only rounding in the
 * engine lives in `rounding.ts`. BigInt keeps it exact at any size and is fast enough for small values
 * (V8 keeps 64-bit BigInts unboxed in hot loops).
 */
export interface Exact {
  readonly units: bigint;
  readonly scale: number;
}

const POW10: bigint[] = [];
for (let i = 0; i <= 60; i++) POW10.push(10n ** BigInt(i));

export function pow10(n: number): bigint {
  const p = POW10[n];
  if (p === undefined) throw new RangeError(`scale ${n} out of range`);
  return p;
}

export const ZERO: Exact = { units: 0n, scale: 0 };

export function exactInt(n: number | bigint): Exact {
  return { units: typeof n === 'bigint' ? n : BigInt(n), scale: 0 };
}

const DECIMAL_PATTERN = /^(-)?(\d+)(?:\.(\d+))?$/;

/** Parses "12", "0.006", "-1.25" exactly. Returns null for anything else (no exponents, no commas). */
export function parseExact(text: string): Exact | null {
  const m = DECIMAL_PATTERN.exec(text.trim());
  if (!m) return null;
  const [, sign, whole, frac = ''] = m;
  const units = BigInt((whole ?? '0') + frac);
  return { units: sign ? -units : units, scale: frac.length };
}

/**
 * Converts a JS number that was written as a short decimal (a price from JSON, a factor typed by a user)
 * to its exact decimal value, using the shortest round-trip representation JS prints for it.
 */
export function exactFromNumber(n: number): Exact {
  if (!Number.isFinite(n)) throw new RangeError(`not a finite number: ${n}`);
  if (Number.isInteger(n) && Math.abs(n) <= Number.MAX_SAFE_INTEGER) return exactInt(n);
  const text = n.toString();
  const parsed = text.includes('e') ? parseExact(n.toFixed(20).replace(/0+$/, '')) : parseExact(text);
  if (!parsed) throw new RangeError(`cannot read ${n} as a decimal`);
  return parsed;
}

export function mul(a: Exact, b: Exact): Exact {
  if (a === ZERO && b === ZERO) return ZERO; // 0 x 0 at scale 0: the engine's empty draft pass, no allocation
  return { units: a.units * b.units, scale: a.scale + b.scale };
}

export function mulInt(a: Exact, n: bigint | number): Exact {
  return { units: a.units * (typeof n === 'bigint' ? n : BigInt(n)), scale: a.scale };
}

export function rescaleUp(a: Exact, scale: number): Exact {
  if (scale === a.scale) return a;
  if (scale < a.scale) throw new RangeError('rescaleUp cannot reduce scale');
  return { units: a.units * pow10(scale - a.scale), scale };
}

export function add(a: Exact, b: Exact): Exact {
  // Adding a zero of no larger scale gives the other value unchanged (units and scale): reuse it.
  if (b.units === 0n && b.scale <= a.scale) return a;
  if (a.units === 0n && a.scale <= b.scale) return b;
  if (a.scale === b.scale) return { units: a.units + b.units, scale: a.scale };
  const s = Math.max(a.scale, b.scale);
  return { units: rescaleUp(a, s).units + rescaleUp(b, s).units, scale: s };
}

export function sub(a: Exact, b: Exact): Exact {
  return add(a, { units: -b.units, scale: b.scale });
}

export function compare(a: Exact, b: Exact): -1 | 0 | 1 {
  const s = Math.max(a.scale, b.scale);
  const x = rescaleUp(a, s).units;
  const y = rescaleUp(b, s).units;
  return x < y ? -1 : x > y ? 1 : 0;
}

export function isZero(a: Exact): boolean {
  return a.units === 0n;
}

/** Drops trailing zero digits so equal values print alike (1.500 -> 1.5). */
export function normalize(a: Exact): Exact {
  let { units, scale } = a;
  while (scale > 0 && units % 10n === 0n) {
    units /= 10n;
    scale -= 1;
  }
  return { units, scale };
}

/** Exact decimal string, no exponent, no trailing zeros unless minDecimals asks for them. */
export function toDecimalString(a: Exact, minDecimals = 0): string {
  const n = normalize(a);
  const neg = n.units < 0n;
  const digits = (neg ? -n.units : n.units).toString().padStart(n.scale + 1, '0');
  let whole = digits.slice(0, digits.length - n.scale);
  let frac = digits.slice(digits.length - n.scale);
  if (frac.length < minDecimals) frac = frac.padEnd(minDecimals, '0');
  if (whole === '') whole = '0';
  return (neg ? '-' : '') + whole + (frac ? '.' + frac : '');
}

/**
 * toDecimalString of { units, scale } for units a safe integer, without a BigInt: String(units) is exact
 * below 2^53 (the engine's per-image prices on its number path).
 */
export function scaledToDecimalString(units: number, scale: number): string {
  if (!Number.isSafeInteger(units)) throw new RangeError(`not a safe integer: ${units}`);
  if (scale === 0 || units === 0) return String(units);
  const neg = units < 0;
  let digits = String(neg ? -units : units);
  let s = scale;
  let end = digits.length;
  while (s > 0 && digits.charCodeAt(end - 1) === ZERO_CODE) {
    end -= 1;
    s -= 1;
  }
  digits = digits.slice(0, end);
  if (s === 0) return (neg ? '-' : '') + digits;
  if (digits.length <= s) digits = '0'.repeat(s - digits.length + 1) + digits;
  const point = digits.length - s;
  return `${neg ? '-' : ''}${digits.slice(0, point)}.${digits.slice(point)}`;
}

/** Powers of ten that are exact doubles (10^0 to 10^22). */
export const EXACT_POWERS_OF_TEN = [
  1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20,
  1e21, 1e22,
];
const MAX_SAFE_BIGINT = BigInt(Number.MAX_SAFE_INTEGER);

/** An integer as a number when that is exact (no more than 2^53 - 1 either way), else null. */
export function toSafeNumber(n: bigint): number | null {
  return n <= MAX_SAFE_BIGINT && n >= -MAX_SAFE_BIGINT ? Number(n) : null;
}

/**
 * The double nearest the exact value (as parsing its decimal text gives), for charts and spreadsheets;
 * never used for sums. Below 2^53 units and 10^22 both operands are exact doubles, so one division
 * rounds correctly without building the text.
 */
export function toNumber(a: Exact): number {
  const power = EXACT_POWERS_OF_TEN[a.scale];
  const units = toSafeNumber(a.units);
  if (power !== undefined && units !== null) return units / power;
  return Number(toDecimalString(a));
}

/** The most decimals a parsed value keeps (the power-of-ten table's size): beyond it parseDecimal says null. */
export const MAX_PARSED_SCALE = POW10.length - 1;

const ZERO_CODE = 48;

/**
 * Parses a decimal numeral exactly, as data files write them: an optional sign, digits with an optional
 * fraction ("-.5" and "5." too) and an optional exponent ("4.5E-06", "0E-6176", "1e3"). Nothing else: no
 * spaces, no thousands separators (callers normalise those). Trailing zeros of the fraction are dropped
 * (the value is the same), and a zero of any exponent is ZERO. Null when the text is not such a numeral
 * or the value would need more than MAX_PARSED_SCALE decimals or digits. A hand scan, not a regex: amounts
 * are parsed once per row of files with millions of rows.
 */
export function parseDecimal(text: string): Exact | null {
  const n = text.length;
  let i = 0;
  let negative = false;
  const first = text.charCodeAt(0);
  if (first === 45 /* - */ || first === 43 /* + */) {
    negative = first === 45;
    i = 1;
  }
  const wholeStart = i;
  while (i < n && isAsciiDigit(text.charCodeAt(i))) i++;
  const wholeEnd = i;
  let fracStart = i;
  let fracEnd = i;
  if (i < n && text.charCodeAt(i) === 46 /* . */) {
    fracStart = ++i;
    while (i < n && isAsciiDigit(text.charCodeAt(i))) i++;
    fracEnd = i;
  }
  if (wholeEnd === wholeStart && fracEnd === fracStart) return null; // no digits at all
  let exponent = 0;
  if (i < n) {
    const e = text.charCodeAt(i);
    if (e !== 69 /* E */ && e !== 101 /* e */) return null;
    const parsed = parseExponent(text, i + 1);
    if (parsed === null) return null;
    exponent = parsed;
  }
  // Significant digits: leading zeros of the whole part and trailing zeros of the fraction say nothing.
  let lead = wholeStart;
  while (lead < wholeEnd && text.charCodeAt(lead) === ZERO_CODE) lead++;
  let trail = fracEnd;
  while (trail > fracStart && text.charCodeAt(trail - 1) === ZERO_CODE) trail--;
  const wholeDigits = wholeEnd - lead;
  const fracDigits = trail - fracStart;
  if (wholeDigits === 0 && fracDigits === 0) return ZERO;
  let scale = fracDigits - exponent;
  let digits = wholeDigits > 0 ? text.slice(lead, wholeEnd) : '';
  if (fracDigits > 0) digits = wholeDigits > 0 ? digits + text.slice(fracStart, trail) : text.slice(fracStart, trail);
  if (scale < 0) {
    if (digits.length - scale > MAX_PARSED_SCALE) return null; // more than 60 digits before the point
    digits += '0'.repeat(-scale);
    scale = 0;
  }
  if (scale > MAX_PARSED_SCALE || digits.length > MAX_PARSED_SCALE + 1) return null;
  const units = digits.length <= 15 ? BigInt(Number(digits)) : BigInt(digits);
  return { units: negative ? -units : units, scale };
}

/** A character code of 0-9 (false for NaN, what charCodeAt gives past the end). */
export function isAsciiDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** The exponent after an 'E': optional sign and 1 to 9 digits (so it stays a small integer), else null. */
function parseExponent(text: string, start: number): number | null {
  let i = start;
  let sign = 1;
  const c = text.charCodeAt(i);
  if (c === 45 || c === 43) {
    sign = c === 45 ? -1 : 1;
    i++;
  }
  const digitsStart = i;
  let value = 0;
  while (i < text.length && isAsciiDigit(text.charCodeAt(i))) value = value * 10 + (text.charCodeAt(i++) - ZERO_CODE);
  if (i === digitsStart || i !== text.length || i - digitsStart > 9) return null;
  return sign * value;
}

import { parseExact, toDecimalString } from './exact';
import { type Micro, microToExact, roundHalfAwayFromZero } from './rounding';

/** "12.345600" style exact string of a micro amount, trimmed to at least `minDecimals` decimals. */
export function microToDecimalString(m: Micro, minDecimals = 2): string {
  return toDecimalString(microToExact(m), minDecimals);
}

/** Groups the whole part of a decimal string with commas: "-12345.5" -> "-12,345.5". */
export function groupThousands(decimal: string): string {
  // By index, not split and a regex: the CLI groups four amounts on each of a plan's 100k rows.
  const start = decimal.charCodeAt(0) === 45 ? 1 : 0; // '-'
  let end = decimal.indexOf('.');
  if (end < 0) end = decimal.length;
  const digits = end - start;
  if (digits <= 3) return decimal;
  let out = decimal.slice(0, start);
  const first = digits % 3 || 3;
  out += decimal.slice(start, start + first);
  for (let i = start + first; i < end; i += 3) out += `,${decimal.slice(i, i + 3)}`;
  return out + decimal.slice(end);
}

/**
 * A whole number with its digits grouped by three, as toLocaleString('en-US') writes it ("51,204"), but
 * without ICU: the first number ICU formats costs ~10 ms (its number data), more than a small plan's
 * whole table in the CLI.
 */
export function groupInteger(n: number): string {
  return groupThousands(String(n));
}

/** For display only: "$1,234.57". Grouping and cents; the stored value keeps its micro precision. */
export function formatUsd(m: Micro, decimals = 2): string {
  const neg = m < 0;
  const fixed = fixedDecimals(neg ? -m : m, decimals);
  if (fixed !== null) return `${neg ? '-' : ''}$${groupThousands(fixed)}`;
  const rounded = roundHalfAwayFromZero(microToExact(neg ? -m : m), decimals);
  return `${neg ? '-' : ''}$${groupThousands(toDecimalString({ units: rounded, scale: decimals }, decimals))}`;
}

const MICRO_DIVISORS = [1e6, 1e5, 1e4, 1e3, 1e2, 1e1, 1];

/**
 * A whole number of micro-units, not below zero, as a decimal rounded half away from zero to `decimals`
 * (0 to 6) places, every place written: formatUsd's text in numbers, no BigInt (a grid copied whole
 * writes two amounts a row). Null for anything else, which formatUsd reads in BigInt.
 */
function fixedDecimals(micro: number, decimals: number): string | null {
  const divisor = MICRO_DIVISORS[decimals];
  if (divisor === undefined || !Number.isSafeInteger(micro) || micro < 0) return null;
  let whole = Math.floor(micro / divisor);
  let rest = micro - whole * divisor;
  // The quotient of two doubles may round up to the next whole number: put it back.
  if (rest < 0) {
    whole -= 1;
    rest += divisor;
  }
  if (rest * 2 >= divisor) whole += 1;
  const digits = String(whole).padStart(decimals + 1, '0');
  const point = digits.length - decimals;
  return decimals === 0 ? digits : `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * For display only: an exact decimal amount ("1461.823129000000084644", a sum of a gateway's float texts)
 * as "$1,461.82", rounded half away from zero to cents; the text as it is when it is not a decimal.
 */
export function formatUsdDecimal(decimal: string): string {
  const value = parseExact(decimal);
  if (value === null) return decimal;
  const cents = roundHalfAwayFromZero(value, 2);
  const text = groupThousands(toDecimalString({ units: cents < 0n ? -cents : cents, scale: 2 }, 2));
  return cents < 0n ? `-$${text}` : `$${text}`;
}

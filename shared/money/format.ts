import { toDecimalString } from './exact';
import { type Micro, microToExact, roundHalfAwayFromZero } from './rounding';

/** "12.345600" style exact string of a micro amount, trimmed to at least `minDecimals` decimals. */
export function microToDecimalString(m: Micro, minDecimals = 2): string {
  return toDecimalString(microToExact(m), minDecimals);
}

/** Groups the whole part of a decimal string with commas: "-12345.5" -> "-12,345.5". */
export function groupThousands(decimal: string): string {
  const negative = decimal.startsWith('-');
  const body = negative ? decimal.slice(1) : decimal;
  const [whole = '0', frac] = body.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${negative ? '-' : ''}${grouped}${frac !== undefined ? '.' + frac : ''}`;
}

/** For display only: "$1,234.57". Grouping and cents; the stored value keeps its micro precision. */
export function formatUsd(m: Micro, decimals = 2): string {
  const neg = m < 0;
  const rounded = roundHalfAwayFromZero(microToExact(neg ? -m : m), decimals);
  return `${neg ? '-' : ''}$${groupThousands(toDecimalString({ units: rounded, scale: decimals }, decimals))}`;
}

import { toDecimalString } from './exact';
import { type Micro, microToExact, roundHalfAwayFromZero } from './rounding';

/** "12.345600" style exact string of a micro amount, trimmed to at least `minDecimals` decimals. */
export function microToDecimalString(m: Micro, minDecimals = 2): string {
  return toDecimalString(microToExact(m), minDecimals);
}

/** For display only: "$1,234.57". Grouping and cents; the stored value keeps its micro precision. */
export function formatUsd(m: Micro, decimals = 2): string {
  const neg = m < 0;
  const rounded = roundHalfAwayFromZero(microToExact(neg ? -m : m), decimals);
  const text = toDecimalString({ units: rounded, scale: decimals }, decimals);
  const [whole = '0', frac] = text.split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${neg ? '-' : ''}$${grouped}${frac ? '.' + frac : ''}`;
}

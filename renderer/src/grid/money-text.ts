import { type Exact, toDecimalString } from '../../../shared/money/exact';
import { formatUsd, groupInteger, microToDecimalString } from '../../../shared/money/format';
import { type Micro, microToNumber, roundHalfAwayFromZero } from '../../../shared/money/rounding';

/** Display text for a money amount in micro-USD: "$1,234.57" (the exact value stays in the plan). */
export function usd(m: Micro): string {
  return formatUsd(m, 2);
}

/** Display text for an exact per-image price, to `decimals` places: "$0.1712". */
export function usdExact(e: Exact, decimals = 4): string {
  const negative = e.units < 0n;
  const rounded = roundHalfAwayFromZero({ units: negative ? -e.units : e.units, scale: e.scale }, decimals);
  return `${negative ? '-' : ''}$${toDecimalString({ units: rounded, scale: decimals }, Math.min(2, decimals))}`;
}

/** Exact decimal text of a micro amount ("5.174016"), for tooltips and data attributes. */
export function microText(m: Micro): string {
  return microToDecimalString(m, 2);
}

export function exactText(e: Exact): string {
  return toDecimalString(e);
}

export { microToNumber } from '../../../shared/money/rounding';

// One formatter each, made once: Number.toLocaleString builds a new formatter on every call, and the grid
// formats every visible cell on each scroll frame and each refresh (it was the top script cost of both).
const GROUPED = new Intl.NumberFormat('en-US');
const CREDITS = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });

/** Micro-credits as credits, to 2 decimals at most ("1,234.5"). */
export function creditsText(m: Micro): string {
  return CREDITS.format(microToNumber(m));
}

/**
 * A number with thousands separators, as toLocaleString('en-US') writes it ("12,345"). Whole numbers are
 * grouped by hand: the formatter was the largest cost left in copying a whole sheet (two counts a row).
 */
export function grouped(n: number): string {
  return Number.isSafeInteger(n) && !Object.is(n, -0) ? groupInteger(n) : GROUPED.format(n);
}

import { type Exact, pow10 } from './exact';

/**
 * THE rounding rule of Pixel Ledger, and the only place the engine rounds.
 *
 * Money amounts shown for a row (final cost, draft cost, input cost, credits) are rounded once, half away
 * from zero, to 6 decimals: 1 micro-dollar. That is exactly Excel's and LibreOffice's ROUND(x, 6), so the
 * exported workbook reproduces the app's row values, and plan totals are plain integer sums of those
 * rounded row values (no drift, totals equal the sum of the rows shown). Per-image prices are never
 * rounded: they are exact decimals.
 */
export const MONEY_DECIMALS = 6;

/** Integer count of micro-units (1e-6 USD, or 1e-6 credit). */
export type Micro = bigint;

/** round(value / divisor) to `decimals` places, half away from zero. divisor must be positive. */
export function roundHalfAwayFromZero(value: Exact, decimals: number = MONEY_DECIMALS, divisor: bigint = 1n): bigint {
  if (divisor <= 0n) throw new RangeError('divisor must be positive');
  if (value.units === 0n) return 0n; // the common empty draft pass: skip the division
  // result = value.units * 10^decimals / (10^scale * divisor)
  let numerator = value.units;
  let denominator = divisor;
  if (decimals >= value.scale) numerator *= pow10(decimals - value.scale);
  else denominator *= pow10(value.scale - decimals);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

/** Rounds to whole micro-units with the one rule. */
export function roundToMicro(value: Exact, divisor: bigint = 1n): Micro {
  return roundHalfAwayFromZero(value, MONEY_DECIMALS, divisor);
}

export function microToExact(m: Micro): Exact {
  return { units: m, scale: MONEY_DECIMALS };
}

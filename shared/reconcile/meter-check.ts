import type { Micro } from '../money/rounding';
import type { CrossCheck } from './actual-pieces';

/**
 * The meters side by side, with why a gap over 1% matters. Billed cost is what the vendor charges,
 * metered spend what the gateway logged, usage priced what the price book says the images cost: the
 * odd one out names the likely cause.
 */

export type MeterGapReason = 'price-book' | 'gateway' | 'unmodelled-billing';

export const METER_GAP_REASONS: Record<MeterGapReason, string> = {
  'price-book': 'price book out of date: usage priced with it differs from what was charged',
  gateway: 'gateway mis-pricing: the gateway logged a different cost (some log gpt-image-2 at $0 or a flat rate)',
  'unmodelled-billing': 'unmodelled billing: the bill holds spend the plan does not model',
};

export interface MeterCheckLine extends CrossCheck {
  readonly reason: MeterGapReason | null;
  readonly reasonText: string | null;
}

const within1Pct = (a: Micro, b: Micro): boolean => Math.abs(a - b) * 100 <= Math.max(Math.abs(a), Math.abs(b));

/** Which meter disagrees, and what that usually means. Only for flagged checks. */
export function meterGapReason(c: CrossCheck): MeterGapReason | null {
  if (!c.flagged) return null;
  const { billed, metered, usage } = c;
  if (billed !== null && metered !== null && usage !== null) {
    if (within1Pct(billed, usage)) return 'gateway';
    if (within1Pct(billed, metered)) return 'price-book';
    if (within1Pct(metered, usage)) return billed > metered ? 'unmodelled-billing' : 'price-book';
    return metered === 0 ? 'gateway' : billed > usage ? 'unmodelled-billing' : 'price-book';
  }
  if (metered !== null && (billed !== null || usage !== null)) return 'gateway';
  if (billed !== null && usage !== null) return billed > usage ? 'unmodelled-billing' : 'price-book';
  return null;
}

export function meterCheck(checks: readonly CrossCheck[]): readonly MeterCheckLine[] {
  return checks.map((c) => {
    const reason = meterGapReason(c);
    return { ...c, reason, reasonText: reason === null ? null : METER_GAP_REASONS[reason] };
  });
}

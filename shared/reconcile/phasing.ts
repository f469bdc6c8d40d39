import { isoWeek } from '../actuals/ledger/iso-week';
import { allocateLargestRemainder, type Micro } from '../money/rounding';
import type { Phasing } from '../plan/row-fields';
import { daysBetween } from './day-math';

/**
 * A row's planned cost spread over its start–end days: evenly (the default), front-loaded (weights
 * n, n-1, ..., 1) or back-loaded (1, 2, ..., n). Largest remainder, so the days add up to the row's
 * planned cost to the micro-dollar. A row without both dates, or ending before it starts, is not phased.
 */
export function phaseByDay(
  planned: Micro,
  startDate: string | null,
  endDate: string | null,
  phasing: Phasing,
): Map<string, Micro> | null {
  if (startDate === null || endDate === null || endDate < startDate) return null;
  const days = daysBetween(startDate, endDate);
  const n = days.length;
  const weights = days.map((_, i) => (phasing === 'front-loaded' ? n - i : phasing === 'back-loaded' ? i + 1 : 1));
  const parts = allocateLargestRemainder(planned, weights);
  return new Map(days.map((d, i) => [d, parts[i] ?? 0]));
}

/** Day amounts summed by ISO week ("2027-W03"), weeks in order. */
export function sumByWeek(byDay: ReadonlyMap<string, Micro>): Map<string, Micro> {
  const out = new Map<string, Micro>();
  for (const [day, m] of byDay) {
    const week = isoWeek(day);
    out.set(week, (out.get(week) ?? 0) + m);
  }
  return new Map([...out].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}

import { isoWeek } from '../actuals/ledger/iso-week';
import { allocateLargestRemainder, floorQuotient, type Micro } from '../money/rounding';
import type { Phasing } from '../plan/row-fields';
import { dayFromNumber, dayNumber } from './day-math';

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
  const first = dayNumber(startDate);
  const n = dayNumber(endDate) - first + 1;
  const even = phasing !== 'front-loaded' && phasing !== 'back-loaded';
  const parts =
    even && Math.abs(planned) + n <= Number.MAX_SAFE_INTEGER
      ? evenParts(planned, n)
      : weightedParts(planned, n, phasing);
  const out = new Map<string, Micro>();
  for (let i = 0; i < n; i++) out.set(dayFromNumber(first + i), parts[i] ?? 0);
  return out;
}

let partsScratch = new Float64Array(512);

/**
 * Largest remainder with equal weights: every remainder ties, so the units left over go to the first
 * days (what allocateLargestRemainder gives, without its arrays: a plan phases every row).
 */
function evenParts(planned: Micro, n: number): Float64Array {
  if (partsScratch.length < n) partsScratch = new Float64Array(n);
  const size = Math.abs(planned);
  const each = floorQuotient(size, n); // size + n <= 2^53: the caller checked
  const left = size - each * n;
  for (let i = 0; i < n; i++) {
    const part = i < left ? each + 1 : each;
    partsScratch[i] = planned < 0 && part !== 0 ? -part : part;
  }
  return partsScratch;
}

function weightedParts(planned: Micro, n: number, phasing: Phasing): readonly number[] {
  const weights: number[] = [];
  for (let i = 0; i < n; i++) weights.push(phasing === 'front-loaded' ? n - i : phasing === 'back-loaded' ? i + 1 : 1);
  return allocateLargestRemainder(planned, weights);
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

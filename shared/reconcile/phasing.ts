import { isoWeek } from '../actuals/ledger/iso-week';
import { allocateLargestRemainder, floorQuotient, type Micro } from '../money/rounding';
import type { Phasing } from '../plan/row-fields';
import { dayFromNumber, dayNumber } from './day-math';

/**
 * Why a row's dates spread its plan over no day, in a planner's words, or null: an end before the start
 * (the row is then left out of the weeks, and its plan to date is all of it). Shown on the row's end
 * date in the grid and by `validate`.
 */
export function datesProblem(startDate: string | null, endDate: string | null): string | null {
  if (startDate === null || endDate === null || endDate >= startDate) return null;
  // The same words for every such row: validate groups rows by message.
  return 'the end date is before the start date: the row is spread over no day, so Reconcile leaves it out of the weeks';
}

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
): DayAmounts | null {
  if (startDate === null || endDate === null || endDate < startDate) return null;
  const first = dayNumber(startDate);
  const n = dayNumber(endDate) - first + 1;
  const even = phasing !== 'front-loaded' && phasing !== 'back-loaded';
  const parts =
    even && Math.abs(planned) + n <= Number.MAX_SAFE_INTEGER
      ? evenParts(planned, n)
      : weightedParts(planned, n, phasing);
  return new DayAmounts(first, parts);
}

/**
 * Amounts of consecutive days, as a read-only map by YYYY-MM-DD day: a day number and an array
 * rather than a map entry per day, since every dated row of a plan is phased (a 100k-row plan over
 * six weeks made 4.2 million entries, and the collector traced them all).
 */
export class DayAmounts implements ReadonlyMap<string, Micro> {
  constructor(
    /** The first day's number (dayNumber). */
    private readonly first: number,
    private readonly amounts: readonly Micro[],
  ) {}

  get size(): number {
    return this.amounts.length;
  }

  get(day: string): Micro | undefined {
    const i = dayNumber(day) - this.first;
    return i >= 0 && i < this.amounts.length ? this.amounts[i] : undefined;
  }

  has(day: string): boolean {
    return this.get(day) !== undefined;
  }

  forEach(visit: (amount: Micro, day: string, map: ReadonlyMap<string, Micro>) => void): void {
    for (let i = 0; i < this.amounts.length; i++) visit(this.amounts[i] as Micro, dayFromNumber(this.first + i), this);
  }

  /** The amounts of the days up to and including `day`, compared as YYYY-MM-DD text (as a map's keys). */
  sumThrough(day: string): Micro {
    let sum = 0;
    for (let i = 0; i < this.amounts.length && dayFromNumber(this.first + i) <= day; i++)
      sum += this.amounts[i] as Micro;
    return sum;
  }

  /**
   * The amounts summed by ISO week (Monday to Sunday), in order, each with the first of its days here:
   * a report by week adds a row's week at once, not day by day.
   */
  forEachWeek(visit: (amount: Micro, firstDay: string) => void): void {
    const { amounts, first } = this;
    let i = 0;
    while (i < amounts.length) {
      const start = i;
      let sum = 0;
      do sum += amounts[i++] as Micro;
      while (i < amounts.length && weekdayFromMonday(first + i) !== 0);
      visit(sum, dayFromNumber(first + start));
    }
  }

  *entries(): MapIterator<[string, Micro]> {
    for (let i = 0; i < this.amounts.length; i++) yield [dayFromNumber(this.first + i), this.amounts[i] as Micro];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.amounts.length; i++) yield dayFromNumber(this.first + i);
  }

  *values(): MapIterator<Micro> {
    for (let i = 0; i < this.amounts.length; i++) yield this.amounts[i] as Micro;
  }

  [Symbol.iterator](): MapIterator<[string, Micro]> {
    return this.entries();
  }
}

/**
 * Largest remainder with equal weights: every remainder ties, so the units left over go to the first
 * days (what allocateLargestRemainder gives, without its arrays: a plan phases every row).
 */
function evenParts(planned: Micro, n: number): number[] {
  // An array pushed to, not a Float64Array: a typed array per row took a microsecond each to make.
  const parts: number[] = [];
  const size = Math.abs(planned);
  const each = floorQuotient(size, n); // size + n <= 2^53: the caller checked
  const left = size - each * n;
  for (let i = 0; i < n; i++) {
    const part = i < left ? each + 1 : each;
    parts.push(planned < 0 && part !== 0 ? -part : part);
  }
  return parts;
}

function weightedParts(planned: Micro, n: number, phasing: Phasing): number[] {
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

/** No day at all (a row with nothing to come). */
export const NO_DAYS = new DayAmounts(0, []);

/** 0 for a Monday to 6 for a Sunday, of a day number (day 0, 1970-01-01, was a Thursday). */
function weekdayFromMonday(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

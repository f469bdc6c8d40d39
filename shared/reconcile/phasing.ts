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
  if (even && Math.abs(planned) + n <= Number.MAX_SAFE_INTEGER) return evenDays(first, planned, n);
  return new DayAmounts(first, n, weightedParts(planned, n, phasing));
}

/**
 * Amounts of consecutive days, as a read-only map by YYYY-MM-DD day: a day number and the amounts
 * rather than a map entry per day, since every dated row of a plan is phased (a 100k-row plan over
 * six weeks made 4.2 million entries, and the collector traced them all). An even spread keeps no
 * amounts at all: each day's is worked out from the total (see evenDays), as are its sums.
 */
export class DayAmounts implements ReadonlyMap<string, Micro> {
  constructor(
    /** The first day's number (dayNumber). */
    private readonly first: number,
    /** How many days. */
    private readonly count: number,
    /** Each day's amount; null for an even spread: `each` a day, one unit more on the first `left` days. */
    private readonly amounts: readonly Micro[] | null,
    private readonly each = 0,
    private readonly left = 0,
    /** An even spread of an amount below zero: each day's amount negated (a zero stays 0). */
    private readonly negative = false,
  ) {}

  get size(): number {
    return this.count;
  }

  /** The amount of day i (0 <= i < count). */
  private at(i: number): Micro {
    if (this.amounts !== null) return this.amounts[i] as Micro;
    const part = i < this.left ? this.each + 1 : this.each;
    return this.negative && part !== 0 ? -part : part;
  }

  /** The amounts of the first k days summed. */
  private sumOfFirst(k: number): Micro {
    if (this.amounts === null) {
      const units = this.each * k + Math.min(k, this.left); // at most the spread's total: exact
      return this.negative && units !== 0 ? -units : units;
    }
    let sum = 0;
    for (let i = 0; i < k; i++) sum += this.amounts[i] as Micro;
    return sum;
  }

  get(day: string): Micro | undefined {
    const i = dayNumber(day) - this.first;
    return i >= 0 && i < this.count ? this.at(i) : undefined;
  }

  has(day: string): boolean {
    return this.get(day) !== undefined;
  }

  forEach(visit: (amount: Micro, day: string, map: ReadonlyMap<string, Micro>) => void): void {
    for (let i = 0; i < this.count; i++) visit(this.at(i), dayFromNumber(this.first + i), this);
  }

  /** The amounts of the days up to and including `day`, compared as YYYY-MM-DD text (as a map's keys). */
  sumThrough(day: string): Micro {
    // The days ascend as texts too: how many are <= day, by binary search.
    let lo = 0;
    let hi = this.count;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (dayFromNumber(this.first + mid) <= day) lo = mid + 1;
      else hi = mid;
    }
    return this.sumOfFirst(lo);
  }

  /**
   * The amounts summed by ISO week (Monday to Sunday), in order, each with the first of its days here:
   * a report by week adds a row's week at once, not day by day.
   */
  forEachWeek(visit: (amount: Micro, firstDay: string) => void): void {
    const { first, count, amounts } = this;
    let i = 0;
    while (i < count) {
      const start = i;
      let sum = 0;
      do {
        if (amounts !== null) sum += amounts[i] as Micro;
        i++;
      } while (i < count && weekdayFromMonday(first + i) !== 0);
      // An even spread's week: the difference of two sums of its first days, worked out, not added up.
      visit(amounts === null ? this.sumOfFirst(i) - this.sumOfFirst(start) : sum, dayFromNumber(first + start));
    }
  }

  *entries(): MapIterator<[string, Micro]> {
    for (let i = 0; i < this.count; i++) yield [dayFromNumber(this.first + i), this.at(i)];
  }

  *keys(): MapIterator<string> {
    for (let i = 0; i < this.count; i++) yield dayFromNumber(this.first + i);
  }

  *values(): MapIterator<Micro> {
    for (let i = 0; i < this.count; i++) yield this.at(i);
  }

  [Symbol.iterator](): MapIterator<[string, Micro]> {
    return this.entries();
  }
}

/**
 * Largest remainder with equal weights over n days from day number `first`: every remainder ties, so the
 * units left over go to the first days (what allocateLargestRemainder gives), kept as the share and the
 * count of days with one more rather than an amount per day. |planned| + n <= 2^53: the caller checked.
 */
function evenDays(first: number, planned: Micro, n: number): DayAmounts {
  const size = Math.abs(planned);
  const each = floorQuotient(size, n);
  return new DayAmounts(first, n, null, each, size - each * n, planned < 0);
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
export const NO_DAYS = new DayAmounts(0, 0, []);

/** 0 for a Monday to 6 for a Sunday, of a day number (day 0, 1970-01-01, was a Thursday). */
function weekdayFromMonday(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7;
}

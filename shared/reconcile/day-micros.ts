import type { Micro } from '../money/rounding';
import { indexInSorted } from '../sorted-index';

/**
 * A row's actual by day (RowTally.byDay), read as a map: its days in the order they were first added,
 * their amounts in an array of numbers.
 *
 * Built for the two things a large ledger does to it. A reconciliation adds a row's parts in piece order,
 * which is day order, so a day comes after the last one or is the last one: the days stay sorted and are
 * found by binary search, with no Map of them (a team rule gives thousands of rows a part on each of
 * hundreds of days, and a Map per row was the largest cost of a first reconciliation). Only a day added
 * out of order makes an index of them. And a copy shares the days and copies only the amounts, until one
 * of the two adds a day: after an edit, a team rule's re-split copies the tallies of thousands of rows.
 */
export class DayMicros implements ReadonlyMap<string, Micro> {
  /** Whether `days` and `index` are also another copy's: copied before a day is added. */
  private sharesDays = false;

  constructor(
    private days: string[] = [],
    /** Plain numbers, not a typed array: a small typed array's copy costs an ArrayBuffer each. */
    private amounts: number[] = [],
    /** Day → place, made once a day is added out of order; while null the days are in ascending order. */
    private index: Map<string, number> | null = null,
  ) {}

  /** Adds `micro` to `day`'s amount (a day not there yet comes last, at 0 + micro, as a map's get ?? 0 + m). */
  add(day: string, micro: Micro): void {
    const last = this.days.length - 1;
    if (last >= 0 && this.days[last] === day) {
      this.amounts[last] = (this.amounts[last] as number) + micro;
      return;
    }
    if (this.index === null && (last < 0 || (this.days[last] as string) < day)) {
      this.append(day, micro); // a later day: the days stay in order
      return;
    }
    const at = this.placeOf(day);
    if (at >= 0) {
      this.amounts[at] = (this.amounts[at] as number) + micro;
      return;
    }
    this.unshare();
    if (this.index === null) this.index = new Map(this.days.map((d, i) => [d, i]));
    this.index.set(day, this.days.length);
    this.append(day, micro);
  }

  private append(day: string, micro: Micro): void {
    this.unshare();
    this.days.push(day);
    this.amounts.push(0 + micro);
  }

  private unshare(): void {
    if (!this.sharesDays) return;
    this.days = this.days.slice();
    if (this.index !== null) this.index = new Map(this.index);
    this.sharesDays = false;
  }

  /** Where `day` is, or -1: by the index once there is one, else by binary search of the ordered days. */
  private placeOf(day: string): number {
    return this.index !== null ? (this.index.get(day) ?? -1) : indexInSorted(this.days, day);
  }

  /** A copy to add to, sharing this one's days until either adds one. */
  copy(): DayMicros {
    this.sharesDays = true;
    const copy = new DayMicros(this.days, this.amounts.slice(), this.index);
    copy.sharesDays = true;
    return copy;
  }

  get size(): number {
    return this.days.length;
  }

  get(day: string): Micro | undefined {
    const at = this.placeOf(day);
    return at < 0 ? undefined : this.amounts[at];
  }

  has(day: string): boolean {
    return this.placeOf(day) >= 0;
  }

  forEach(visit: (micro: Micro, day: string, map: ReadonlyMap<string, Micro>) => void): void {
    const { days, amounts } = this;
    for (let i = 0; i < days.length; i++) visit(amounts[i] as number, days[i] as string, this);
  }

  *entries(): MapIterator<[string, Micro]> {
    const { days, amounts } = this;
    for (let i = 0; i < days.length; i++) yield [days[i] as string, amounts[i] as number];
  }

  *keys(): MapIterator<string> {
    yield* this.days;
  }

  *values(): MapIterator<Micro> {
    const { days, amounts } = this;
    for (let i = 0; i < days.length; i++) yield amounts[i] as number;
  }

  [Symbol.iterator](): MapIterator<[string, Micro]> {
    return this.entries();
  }
}

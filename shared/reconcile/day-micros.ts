import type { Micro } from '../money/rounding';

/**
 * A row's actual by day (RowTally.byDay), read as a map: its days in the order they were first added,
 * their amounts in an array of numbers. A copy shares the days and copies only the amounts (one array of
 * doubles, copied whole), until one of the two adds a day. After an edit, a team rule's re-split moves the tallies of thousands of rows with
 * hundreds of days each: a Map copied per row made tens of megabytes of garbage per edit, and the
 * collector's pauses were most of the edit.
 */
export class DayMicros implements ReadonlyMap<string, Micro> {
  /** Whether `index` and `days` are also another copy's: copied before a day is added. */
  private sharesDays = false;

  constructor(
    private index: Map<string, number> = new Map(),
    private days: string[] = [],
    /** Plain numbers, not a typed array: a small typed array's copy costs an ArrayBuffer each. */
    private amounts: number[] = [],
  ) {}

  /** Adds `micro` to `day`'s amount (a day not there yet comes last, at 0 + micro, as a map's get ?? 0 + m). */
  add(day: string, micro: Micro): void {
    const at = this.index.get(day);
    if (at !== undefined) {
      this.amounts[at] = (this.amounts[at] as number) + micro;
      return;
    }
    if (this.sharesDays) {
      this.index = new Map(this.index);
      this.days = this.days.slice();
      this.sharesDays = false;
    }
    this.index.set(day, this.days.length);
    this.days.push(day);
    this.amounts.push(0 + micro);
  }

  /** A copy to add to, sharing this one's days until either adds one. */
  copy(): DayMicros {
    this.sharesDays = true;
    const copy = new DayMicros(this.index, this.days, this.amounts.slice());
    copy.sharesDays = true;
    return copy;
  }

  get size(): number {
    return this.days.length;
  }

  get(day: string): Micro | undefined {
    const at = this.index.get(day);
    return at === undefined ? undefined : this.amounts[at];
  }

  has(day: string): boolean {
    return this.index.has(day);
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

import type { ActualRecord } from '../actual-record';
import { type Exact, normalize } from '../../money/exact';
import { ExactSum } from '../../money/exact-sum';
import { COUNT_FIELDS, type BucketFigures } from './bucket-format';

const COUNTS = COUNT_FIELDS.length;
/** Below 2^52 two amounts add to an exact whole number in a double (as in ExactSum). */
const SMALL_LIMIT = 2 ** 52;
/** amountState: no amount yet; else scale + 1 (units in amountUnits), or IN_BIG (an ExactSum in `big`). */
const NO_AMOUNT = 0;
const IN_BIG = -1;

/**
 * The buckets of one import while it is read, in columns: a numeric key (dimension id × days + day id) found
 * through an open-addressing index, counts in typed-array columns (allocated once a record has a non-zero
 * value for them), and each amount as whole units of one scale in a double while it stays exact, an ExactSum
 * only for the rare bucket whose amounts do not fit (a float's noise, mixed scales). A file with hundreds of
 * thousands of distinct facts costs tens of bytes per fact instead of an object, a map entry and a sum each.
 */
export class BucketTable {
  size = 0;
  /** Buckets whose records gave quantities in different units (their quantity is not kept). */
  mixedUnits = 0;
  private capacity = 1024;
  private index = new Int32Array(2048).fill(-1);
  private keys = new Float64Array(this.capacity);
  private firstLines = new Float64Array(this.capacity);
  private readonly counts: (Float64Array | null)[] = new Array<Float64Array | null>(COUNTS).fill(null);
  private amountUnits = new Float64Array(this.capacity);
  private amountState = new Int32Array(this.capacity);
  private readonly big = new Map<number, ExactSum>();
  private readonly quantities = new Map<number, { sum: ExactSum; unit: string | null }>();

  keyAt(i: number): number {
    return this.keys[i] ?? 0;
  }

  rowsAt(i: number): number {
    return this.counts[0]?.[i] ?? 0;
  }

  firstLineAt(i: number): number {
    return this.firstLines[i] ?? 0;
  }

  /** Adds a record to the bucket of `key`; true when the bucket is new. */
  add(key: number, r: ActualRecord, withAmount: boolean): boolean {
    let i = this.find(key);
    const fresh = i < 0;
    if (fresh) i = this.insert(key, r.line);
    const t = r.tokens;
    this.count(0, i, 1);
    this.count(1, i, r.images);
    this.count(2, i, r.requests);
    this.count(3, i, r.failedRequests);
    this.count(4, i, t.textIn);
    this.count(5, i, t.textCachedIn);
    this.count(6, i, t.imageIn);
    this.count(7, i, t.imageCachedIn);
    this.count(8, i, t.audioIn);
    this.count(9, i, t.textOut);
    this.count(10, i, t.imageOut);
    this.count(11, i, t.audioOut);
    if (withAmount && r.amountUsd !== null) this.addAmount(i, r.amountUsd);
    if (r.quantity !== null) this.addQuantity(i, r.quantity.value, r.quantity.unit);
    return fresh;
  }

  /** The summed figures of bucket `i`, or null when a count left the range of exact whole numbers. */
  figures(i: number): BucketFigures | null {
    const counts: number[] = [];
    for (let k = 0; k < COUNTS; k++) {
      const c = this.counts[k]?.[i] ?? 0;
      if (!Number.isSafeInteger(c)) return null;
      counts.push(c);
    }
    const q = this.quantities.get(i);
    return {
      amount: this.amount(i),
      quantity: q !== undefined && q.unit !== null ? { value: q.sum.total(), unit: q.unit } : null,
      counts,
    };
  }

  private amount(i: number): Exact | null {
    const state = this.amountState[i] ?? NO_AMOUNT;
    if (state === NO_AMOUNT) return null;
    if (state === IN_BIG) return this.big.get(i)?.total() ?? null;
    return normalize({ units: BigInt(this.amountUnits[i] ?? 0), scale: state - 1 });
  }

  private count(k: number, i: number, n: number): void {
    if (n === 0) return;
    let column = this.counts[k];
    if (column === null || column === undefined) column = this.counts[k] = new Float64Array(this.capacity);
    column[i] = (column[i] ?? 0) + n;
  }

  private addAmount(i: number, value: Exact): void {
    const state = this.amountState[i] ?? NO_AMOUNT;
    if (state === IN_BIG) {
      this.big.get(i)?.add(value);
      return;
    }
    const n = Number(value.units);
    const small = value.scale >= 0 && n < SMALL_LIMIT && n > -SMALL_LIMIT;
    if (state === NO_AMOUNT && small) {
      this.amountState[i] = value.scale + 1;
      this.amountUnits[i] = n;
      return;
    }
    const sum = (this.amountUnits[i] ?? 0) + n;
    if (small && (n === 0 || state === value.scale + 1) && sum < SMALL_LIMIT && sum > -SMALL_LIMIT) {
      this.amountUnits[i] = sum;
      return;
    }
    const exact = new ExactSum();
    if (state !== NO_AMOUNT) exact.add({ units: BigInt(this.amountUnits[i] ?? 0), scale: state - 1 });
    exact.add(value);
    this.big.set(i, exact);
    this.amountState[i] = IN_BIG;
  }

  private addQuantity(i: number, value: Exact, unit: string): void {
    const q = this.quantities.get(i);
    if (q === undefined) {
      const sum = new ExactSum();
      sum.add(value);
      this.quantities.set(i, { sum, unit });
      return;
    }
    if (q.unit !== null && q.unit !== unit) {
      q.unit = null;
      this.mixedUnits += 1;
    }
    q.sum.add(value);
  }

  private hashSlot(key: number, mask: number): number {
    const lo = (key % 4294967296) | 0;
    const hi = (key / 4294967296) | 0;
    let h = Math.imul(lo ^ Math.imul(hi, 0x9e3779b1), 0x85ebca6b);
    h ^= h >>> 13;
    return Math.imul(h, 0xc2b2ae35) & mask;
  }

  private find(key: number): number {
    const index = this.index;
    const mask = index.length - 1;
    for (let slot = this.hashSlot(key, mask); ; slot = (slot + 1) & mask) {
      const i = index[slot] ?? -1;
      if (i < 0 || this.keys[i] === key) return i;
    }
  }

  private insert(key: number, line: number): number {
    if (this.size === this.capacity) this.grow();
    const i = this.size;
    this.size += 1;
    this.keys[i] = key;
    this.firstLines[i] = line;
    const mask = this.index.length - 1;
    let slot = this.hashSlot(key, mask);
    while ((this.index[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
    this.index[slot] = i;
    return i;
  }

  /** Doubles the columns and rebuilds the index (load at most 1/2). */
  private grow(): void {
    const capacity = this.capacity * 2;
    const widen = <T extends Float64Array | Int32Array>(a: T, make: (n: number) => T): T => {
      const out = make(capacity);
      out.set(a);
      return out;
    };
    const f64 = (n: number) => new Float64Array(n);
    this.keys = widen(this.keys, f64);
    this.firstLines = widen(this.firstLines, f64);
    this.amountUnits = widen(this.amountUnits, f64);
    this.amountState = widen(this.amountState, (n) => new Int32Array(n));
    for (let k = 0; k < COUNTS; k++) {
      const c = this.counts[k];
      if (c) this.counts[k] = widen(c, f64);
    }
    this.capacity = capacity;
    const index = new Int32Array(capacity * 2).fill(-1);
    const mask = index.length - 1;
    for (let i = 0; i < this.size; i++) {
      let slot = this.hashSlot(this.keys[i] ?? 0, mask);
      while ((index[slot] ?? -1) >= 0) slot = (slot + 1) & mask;
      index[slot] = i;
    }
    this.index = index;
  }
}

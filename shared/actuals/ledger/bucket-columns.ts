import { type Exact, toDecimalString } from '../../money/exact';
import { COUNT_FIELDS, type BucketFigures, type DecodedBucket, type Quantity } from './bucket-format';

const COUNTS = COUNT_FIELDS.length;

/**
 * A batch's buckets in columns: days as indexes into the batch's few hundred distinct days, dimension
 * indexes and counts in typed arrays (a count column that is zero for every bucket is not allocated),
 * amounts only where a bucket has one. A bucket as an object costs about 230 bytes; here a usage bucket
 * costs about 60, so a file with hundreds of thousands of distinct facts stays within the memory target.
 * `at(i)` gives a bucket as a value when a caller needs one.
 */
export class BucketColumns implements Iterable<DecodedBucket> {
  constructor(
    readonly length: number,
    private readonly dayNames: readonly string[],
    private readonly dayIndex: Int32Array,
    private readonly dims: Int32Array,
    private readonly counts: readonly (Float64Array | null)[],
    private readonly amounts: readonly (Exact | null)[] | null,
    private readonly quantities: ReadonlyMap<number, Quantity> | null,
  ) {}

  dayAt(i: number): string {
    return this.dayNames[this.dayIndex[i] ?? 0] ?? '';
  }

  dimAt(i: number): number {
    return this.dims[i] ?? 0;
  }

  /** Count `k` (COUNT_FIELDS order) of bucket `i`. */
  countAt(i: number, k: number): number {
    return this.counts[k]?.[i] ?? 0;
  }

  amountAt(i: number): Exact | null {
    return this.amounts?.[i] ?? null;
  }

  quantityAt(i: number): Quantity | null {
    return this.quantities?.get(i) ?? null;
  }

  at(i: number): DecodedBucket | undefined {
    if (i < 0 || i >= this.length) return undefined;
    const counts: number[] = [];
    for (let k = 0; k < COUNTS; k++) counts.push(this.counts[k]?.[i] ?? 0);
    return { day: this.dayAt(i), dim: this.dimAt(i), amount: this.amountAt(i), quantity: this.quantityAt(i), counts };
  }

  *[Symbol.iterator](): Iterator<DecodedBucket> {
    for (let i = 0; i < this.length; i++) yield this.at(i) as DecodedBucket;
  }

  /** The bucket's stored row (bucket-format.ts), written in one join so the string is flat, not a rope. */
  encodeAt(i: number): string {
    const parts: string[] = [this.dayAt(i), String(this.dimAt(i))];
    const amount = this.amountAt(i);
    parts.push(amount === null ? '' : toDecimalString(amount));
    for (let k = 0; k < COUNTS; k++) {
      const c = this.counts[k]?.[i] ?? 0;
      parts.push(c === 0 ? '' : String(c));
    }
    const q = this.quantityAt(i);
    parts.push(q === null ? '' : `${toDecimalString(q.value)} ${encodeURIComponent(q.unit)}`);
    let end = parts.length;
    while (end > 2 && parts[end - 1] === '') end -= 1;
    return parts.slice(0, end).join('|');
  }
}

/** Builds BucketColumns of at most `capacity` buckets, pushed in their stored order. */
export class BucketColumnsBuilder {
  private length = 0;
  private readonly dayNames: string[] = [];
  private readonly dayIds = new Map<string, number>();
  private readonly dayIndex: Int32Array;
  private readonly dims: Int32Array;
  private readonly counts: (Float64Array | null)[] = new Array<Float64Array | null>(COUNTS).fill(null);
  private amounts: (Exact | null)[] | null = null;
  private quantities: Map<number, Quantity> | null = null;

  constructor(private readonly capacity: number) {
    this.dayIndex = new Int32Array(capacity);
    this.dims = new Int32Array(capacity);
  }

  push(day: string, dim: number, f: BucketFigures): void {
    const i = this.length;
    if (i >= this.capacity) throw new Error('internal: more buckets than the builder was made for');
    let dayId = this.dayIds.get(day);
    if (dayId === undefined) {
      dayId = this.dayNames.length;
      this.dayNames.push(day);
      this.dayIds.set(day, dayId);
    }
    this.dayIndex[i] = dayId;
    this.dims[i] = dim;
    for (let k = 0; k < COUNTS; k++) {
      const c = f.counts[k] ?? 0;
      if (c !== 0) (this.counts[k] ??= new Float64Array(this.capacity))[i] = c;
    }
    if (f.amount !== null) (this.amounts ??= new Array<Exact | null>(this.capacity).fill(null))[i] = f.amount;
    if (f.quantity !== null) (this.quantities ??= new Map()).set(i, f.quantity);
    this.length += 1;
  }

  finish(): BucketColumns {
    const n = this.length;
    const trim = <T extends Int32Array | Float64Array>(a: T): T => (a.length === n ? a : (a.slice(0, n) as T));
    return new BucketColumns(
      n,
      this.dayNames,
      trim(this.dayIndex),
      trim(this.dims),
      this.counts.map((c) => (c === null ? null : trim(c))),
      this.amounts === null ? null : this.amounts.slice(0, n),
      this.quantities,
    );
  }
}

/** Buckets already as values, in columns (ledger operations that rebuild a batch's buckets). */
export function bucketColumnsOf(buckets: readonly DecodedBucket[]): BucketColumns {
  const builder = new BucketColumnsBuilder(buckets.length);
  for (const b of buckets) builder.push(b.day, b.dim, b);
  return builder.finish();
}

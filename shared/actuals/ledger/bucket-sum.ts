import type { ActualRecord } from '../actual-record';
import type { Exact } from '../../money/exact';
import { ExactSum } from '../../money/exact-sum';
import type { BucketColumns } from './bucket-columns';
import type { BucketFigures } from './bucket-format';

/**
 * A bucket being summed: exact money (ExactSum), counts as numbers (whole numbers stay exact in a double
 * up to 2^53; `figures()` refuses beyond). Named fields rather than an array: this runs once per row.
 */
export class BucketSum {
  amount: ExactSum | null = null;
  quantity: ExactSum | null = null;
  /** The unit of `quantity`; null once records gave different units (the quantity is then dropped). */
  quantityUnit: string | null = '';
  /** The file line of the first record summed (keyed imports name it when rows share a key). */
  firstLine = 0;
  rows = 0;
  images = 0;
  requests = 0;
  failedRequests = 0;
  textIn = 0;
  textCachedIn = 0;
  imageIn = 0;
  imageCachedIn = 0;
  audioIn = 0;
  textOut = 0;
  imageOut = 0;
  audioOut = 0;

  /** Adds one record; `withAmount` false for usage imports (their money comes from the price book). */
  addRecord(r: ActualRecord, withAmount: boolean): void {
    this.rows += 1;
    this.images += r.images;
    this.requests += r.requests;
    this.failedRequests += r.failedRequests;
    const t = r.tokens;
    this.textIn += t.textIn;
    this.textCachedIn += t.textCachedIn;
    this.imageIn += t.imageIn;
    this.imageCachedIn += t.imageCachedIn;
    this.audioIn += t.audioIn;
    this.textOut += t.textOut;
    this.imageOut += t.imageOut;
    this.audioOut += t.audioOut;
    if (withAmount && r.amountUsd !== null) (this.amount ??= new ExactSum()).add(r.amountUsd);
    if (r.quantity !== null) this.addQuantity(r.quantity.value, r.quantity.unit);
  }

  private addQuantity(value: Exact, unit: string): void {
    if (this.quantity === null) {
      this.quantity = new ExactSum();
      this.quantityUnit = unit;
    } else if (this.quantityUnit !== unit) {
      this.quantityUnit = null;
    }
    this.quantity.add(value);
  }

  /** True when records gave quantities in different units (not summed: the bucket keeps none). */
  get mixedUnits(): boolean {
    return this.quantityUnit === null;
  }

  /** Adds a bucket's figures (counts in COUNT_FIELDS order). */
  addFigures(f: BucketFigures): void {
    const c = f.counts;
    this.rows += c[0] ?? 0;
    this.images += c[1] ?? 0;
    this.requests += c[2] ?? 0;
    this.failedRequests += c[3] ?? 0;
    this.textIn += c[4] ?? 0;
    this.textCachedIn += c[5] ?? 0;
    this.imageIn += c[6] ?? 0;
    this.imageCachedIn += c[7] ?? 0;
    this.audioIn += c[8] ?? 0;
    this.textOut += c[9] ?? 0;
    this.imageOut += c[10] ?? 0;
    this.audioOut += c[11] ?? 0;
    if (f.amount !== null) (this.amount ??= new ExactSum()).add(f.amount);
    if (f.quantity !== null) this.addQuantity(f.quantity.value, f.quantity.unit);
  }

  /** Adds bucket `i` of a batch's columns (the same as addFigures, without making the bucket an object). */
  addColumns(b: BucketColumns, i: number): void {
    this.rows += b.countAt(i, 0);
    this.images += b.countAt(i, 1);
    this.requests += b.countAt(i, 2);
    this.failedRequests += b.countAt(i, 3);
    this.textIn += b.countAt(i, 4);
    this.textCachedIn += b.countAt(i, 5);
    this.imageIn += b.countAt(i, 6);
    this.imageCachedIn += b.countAt(i, 7);
    this.audioIn += b.countAt(i, 8);
    this.textOut += b.countAt(i, 9);
    this.imageOut += b.countAt(i, 10);
    this.audioOut += b.countAt(i, 11);
    const amount = b.amountAt(i);
    if (amount !== null) (this.amount ??= new ExactSum()).add(amount);
    const quantity = b.quantityAt(i);
    if (quantity !== null) this.addQuantity(quantity.value, quantity.unit);
  }

  /** The summed figures, or null when a count left the range of exact whole numbers. */
  figures(): BucketFigures | null {
    const counts = [
      this.rows,
      this.images,
      this.requests,
      this.failedRequests,
      this.textIn,
      this.textCachedIn,
      this.imageIn,
      this.imageCachedIn,
      this.audioIn,
      this.textOut,
      this.imageOut,
      this.audioOut,
    ];
    if (!counts.every((c) => Number.isSafeInteger(c))) return null;
    return {
      amount: this.amount ? this.amount.total() : null,
      quantity:
        this.quantity && this.quantityUnit !== null ? { value: this.quantity.total(), unit: this.quantityUnit } : null,
      counts,
    };
  }
}

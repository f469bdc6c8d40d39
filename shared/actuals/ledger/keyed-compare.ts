import type { Measure } from '../actual-record';
import { type Exact, compare } from '../../money/exact';
import type { BucketColumns } from './bucket-columns';
import type { BucketFigures } from './bucket-format';
import { type FactRef, factKey } from './ledger-index';

/**
 * How a keyed batch's facts relate to the facts in effect before it. Used at import (the preview's
 * duplicate / revised figures) and again after a removal, when the facts before a later batch change.
 */

function sameExact(a: Exact | null, b: Exact | null): boolean {
  if (a === null || b === null) return a === b;
  return compare(a, b) === 0;
}

/**
 * Two facts for one key say the same thing. Money measures compare their amounts as decimals
 * ("0.4017600000000000" = "0.401760000000000000000000000000000000000"), whatever else the exports add
 * (the Costs API has a quantity, the CSV has none). Usage compares its counts and quantity.
 */
export function sameFact(a: BucketFigures, b: BucketFigures, measure: Measure): boolean {
  if (measure !== 'usage') return sameExact(a.amount, b.amount);
  for (let i = 1; i < a.counts.length; i++) if ((a.counts[i] ?? 0) !== (b.counts[i] ?? 0)) return false;
  if (a.quantity === null || b.quantity === null) return a.quantity === b.quantity;
  return a.quantity.unit === b.quantity.unit && sameExact(a.quantity.value, b.quantity.value);
}

export interface KeyedComparison {
  readonly rowsImported: number;
  readonly rowsDuplicate: number;
  readonly rowsReplaced: number;
  /** Bucket indexes of facts that revise an earlier one, with the fact they replace. */
  readonly revised: readonly { readonly bucket: number; readonly earlier: FactRef }[];
  /** Per earlier batch index: keys and rows repeated with the same figures. */
  readonly identical: ReadonlyMap<number, { keys: number; rows: number }>;
  /** Earlier facts this batch takes over (identical or revised). */
  readonly replaced: readonly FactRef[];
}

/** Compares a keyed batch's buckets with the facts in effect before it. */
export function compareKeyed(
  buckets: BucketColumns,
  dimensions: readonly string[],
  earlier: ReadonlyMap<string, FactRef>,
  measure: Measure,
): KeyedComparison {
  let rows = 0;
  let rowsDuplicate = 0;
  let rowsReplaced = 0;
  const revised: { bucket: number; earlier: FactRef }[] = [];
  const identical = new Map<number, { keys: number; rows: number }>();
  const replaced: FactRef[] = [];
  for (let i = 0; i < buckets.length; i++) {
    const n = buckets.countAt(i, 0);
    rows += n;
    if (earlier.size === 0) continue;
    const before = earlier.get(factKey(buckets.dayAt(i), dimensions[buckets.dimAt(i)] ?? ''));
    if (!before) continue;
    replaced.push(before);
    const b = buckets.at(i) as BucketFigures;
    if (sameFact(before.bucket, b, measure)) {
      rowsDuplicate += n;
      const entry = identical.get(before.batchIndex) ?? { keys: 0, rows: 0 };
      entry.keys += 1;
      entry.rows += n;
      identical.set(before.batchIndex, entry);
    } else {
      rowsReplaced += n;
      revised.push({ bucket: i, earlier: before });
    }
  }
  return { rowsImported: rows - rowsDuplicate, rowsDuplicate, rowsReplaced, revised, identical, replaced };
}

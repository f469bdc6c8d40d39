import { type Measure, NO_TOKENS, type TokenCounts } from '../actual-record';
import type { Exact } from '../../money/exact';
import type { BucketDimensions, Quantity } from './bucket-format';
import { decoded } from './decoded-batch';
import { effectiveFacts, factKey, keySpace } from './ledger-index';
import type { ActualsLedger, StoredBatch } from './ledger-schema';

/** One bucket in effect: what reports and reconciliation (issue 12) read. */
export interface EffectiveBucket {
  /** The batch it comes from (id, source, measure, file). */
  readonly batch: StoredBatch;
  readonly measure: Measure;
  readonly day: string;
  readonly dimensions: BucketDimensions;
  /** Exact USD in the measure; null for usage (priced from the price book: usage-pricing.ts). */
  readonly amount: Exact | null;
  readonly quantity: Quantity | null;
  /** Records summed into the bucket. */
  readonly rows: number;
  readonly images: number;
  readonly requests: number;
  readonly failedRequests: number;
  readonly tokens: TokenCounts;
}

const cache = new WeakMap<readonly StoredBatch[], readonly EffectiveBucket[]>();

/**
 * Every bucket in effect, in import order: all buckets of per-request batches (each request is in exactly
 * one of them) and, for keyed batches, each key's fact from the latest batch that has it.
 */
export function effectiveBuckets(ledger: ActualsLedger): readonly EffectiveBucket[] {
  const cached = cache.get(ledger.batches);
  if (cached) return cached;
  const out: EffectiveBucket[] = [];
  for (const [i, batch] of ledger.batches.entries()) {
    const d = decoded(batch);
    const facts = batch.dedupe === 'keyed' ? effectiveFacts(ledger.batches, keySpace(batch)) : null;
    for (const b of d.buckets) {
      if (facts && facts.get(factKey(b.day, batch.dimensions[b.dim] ?? ''))?.batchIndex !== i) continue;
      const c = b.counts;
      out.push({
        batch,
        measure: batch.measure,
        day: b.day,
        dimensions: d.dimensions[b.dim] ?? (d.dimensions[0] as BucketDimensions),
        amount: b.amount,
        quantity: b.quantity,
        rows: c[0] ?? 0,
        images: c[1] ?? 0,
        requests: c[2] ?? 0,
        failedRequests: c[3] ?? 0,
        tokens: tokensOfCounts(c),
      });
    }
  }
  cache.set(ledger.batches, out);
  return out;
}

/** A bucket's token counts, from its counts in bucket-format.ts's order: into `into` when given (reused). */
export function tokensOfCounts(
  c: ArrayLike<number>,
  into?: { -readonly [K in keyof TokenCounts]: number },
): TokenCounts {
  const t = into ?? { ...NO_TOKENS };
  t.textIn = c[4] ?? 0;
  t.textCachedIn = c[5] ?? 0;
  t.imageIn = c[6] ?? 0;
  t.imageCachedIn = c[7] ?? 0;
  t.audioIn = c[8] ?? 0;
  t.textOut = c[9] ?? 0;
  t.imageOut = c[10] ?? 0;
  t.audioOut = c[11] ?? 0;
  return t;
}

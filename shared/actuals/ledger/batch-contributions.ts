import type { Exact } from '../../money/exact';
import type { PriceBook } from '../../pricing/price-book';
import { type ActualsFigures, groupActuals } from './actuals-report';
import { decoded } from './decoded-batch';
import { effectiveFacts, factKey, keySpace } from './ledger-index';
import type { ActualsLedger, StoredBatch } from './ledger-schema';

/**
 * What each import batch adds to the ledger now, beside what it held when imported: a later export of the
 * same days and projects (keyed sources such as OpenAI Costs) replaces a batch's facts, so its import-time
 * total would count them twice. Every batch is listed, a fully replaced one at zero with who replaced it:
 * the CLI's `actuals --by batch` and the app's Import batches table, where batches are removed, read it.
 */

export interface BatchContribution {
  readonly batch: StoredBatch;
  /** Its figures in effect now; null when none of its facts are (all replaced by later batches). */
  readonly figures: ActualsFigures | null;
  /** The amount it adds now in its own measure: zero when nothing is in effect; null for usage not priced. */
  readonly effectiveUsd: Exact | null;
  /** Later batches whose facts replaced some or all of this one's, in import order. */
  readonly supersededBy: readonly string[];
  /** True when none of its facts are in effect (replaced, or it held none). */
  readonly nothingInEffect: boolean;
}

const ZERO: Exact = { units: 0n, scale: 0 };

function amountIn(batch: StoredBatch, f: ActualsFigures): Exact | null {
  return batch.measure === 'billed' ? f.billedUsd : batch.measure === 'metered' ? f.meteredUsd : f.usagePricedUsd;
}

/** The later batches holding the facts in effect for this batch's keys: none for per-request batches. */
function replacersOf(ledger: ActualsLedger, index: number): string[] {
  const batch = ledger.batches[index] as StoredBatch;
  if (batch.dedupe !== 'keyed') return [];
  const facts = effectiveFacts(ledger.batches, keySpace(batch));
  const replacers = new Set<number>();
  for (const b of decoded(batch).buckets) {
    const holder = facts.get(factKey(b.day, batch.dimensions[b.dim] ?? ''))?.batchIndex;
    if (holder !== undefined && holder !== index) replacers.add(holder);
  }
  return [...replacers].sort((a, b) => a - b).map((i) => (ledger.batches[i] as StoredBatch).id);
}

/** Every batch, in import order, with what it adds now. */
export function batchContributions(ledger: ActualsLedger, book: PriceBook): BatchContribution[] {
  const byId = new Map(groupActuals(ledger, 'batch', book).map((g) => [g.key, g]));
  return ledger.batches.map((batch, i) => {
    const figures = byId.get(batch.id) ?? null;
    return {
      batch,
      figures,
      effectiveUsd: figures === null ? ZERO : amountIn(batch, figures),
      supersededBy: replacersOf(ledger, i),
      nothingInEffect: figures === null,
    };
  });
}

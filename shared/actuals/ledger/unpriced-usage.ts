import type { PriceBook } from '../../pricing/price-book';
import { decoded } from './decoded-batch';
import { tokensOfCounts } from './effective-buckets';
import type { StoredBatch } from './ledger-schema';
import { UsagePricer } from './usage-pricing';

/** Usage of one model the price book could not price: how many buckets, and why (the first's reason). */
export interface UnpricedUsage {
  readonly model: string;
  readonly buckets: number;
  readonly reason: string;
}

/** Usage buckets the price book could not price, counted by model, each model's first reason kept. */
export class UnpricedUsageTally {
  private readonly byModel = new Map<string, { model: string; buckets: number; reason: string }>();
  /** Buckets counted, of every model. */
  buckets = 0;

  add(model: string, reason: string): void {
    this.buckets += 1;
    const seen = this.byModel.get(model);
    if (seen === undefined) this.byModel.set(model, { model, buckets: 1, reason });
    else seen.buckets += 1;
  }

  /** Most buckets first, then by model name. */
  byModelList(): UnpricedUsage[] {
    return [...this.byModel.values()].sort(
      (a, b) => b.buckets - a.buckets || (a.model < b.model ? -1 : a.model > b.model ? 1 : 0),
    );
  }
}

/**
 * The usage in one batch that `book` cannot price, by model, as reconciliation will count it ($0): for an
 * import's preview, so a missing price is named before the file is imported. Empty for a billed or
 * metered batch (their money is in the file).
 */
export function unpricedUsageOfBatch(batch: StoredBatch, book: PriceBook): UnpricedUsageTally {
  const tally = new UnpricedUsageTally();
  if (batch.measure !== 'usage') return tally;
  const { buckets, dimensions } = decoded(batch);
  const pricer = new UsagePricer(book);
  for (const b of buckets) {
    const dims = dimensions[b.dim];
    if (dims === undefined) continue; // decodeBatch checks every bucket's index
    const price = pricer.price({
      day: b.day,
      dimensions: dims,
      images: b.counts[1] ?? 0,
      tokens: tokensOfCounts(b.counts),
    });
    if (!price.ok) tally.add(dims.model, price.reason);
  }
  return tally;
}

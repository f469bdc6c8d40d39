import type { PriceBook } from '../../pricing/price-book';
import type { BucketColumns } from './bucket-columns';
import { type BucketDimensions, COUNT_FIELDS } from './bucket-format';
import { tokensOfCounts } from './effective-buckets';
import { type UsageToPrice, UsagePricer } from './usage-pricing';
import { NO_TOKENS, type TokenCounts } from '../actual-record';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

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
 * The usage buckets of an import (its columns and dimension dictionary, before they are stored) that
 * `book` cannot price, priced one by one as reconciliation prices them: for the import's preview, so a
 * missing price is named before the file is in. Reading the columns as they are, no batch is decoded.
 */
export function unpricedUsageOf(
  buckets: BucketColumns,
  dimensions: readonly BucketDimensions[],
  book: PriceBook,
): UnpricedUsageTally {
  const tally = new UnpricedUsageTally();
  const pricer = new UsagePricer(book);
  // One record rewritten per bucket: hundreds of thousands of buckets allocate nothing each.
  const tokens: Mutable<TokenCounts> = { ...NO_TOKENS };
  const usage: Mutable<UsageToPrice> = { day: '', dimensions: dimensions[0] as BucketDimensions, images: 0, tokens };
  const counts: number[] = new Array<number>(COUNT_FIELDS.length).fill(0);
  for (let i = 0; i < buckets.length; i++) {
    const dims = dimensions[buckets.dimAt(i)];
    if (dims === undefined) continue; // every bucket's index is one of the dictionary's
    for (let k = 0; k < counts.length; k++) counts[k] = buckets.countAt(i, k);
    usage.day = buckets.dayAt(i);
    usage.dimensions = dims;
    usage.images = counts[1] ?? 0;
    tokensOfCounts(counts, tokens);
    const reason = pricer.whyNotPriced(usage);
    if (reason !== null) tally.add(dims.model, reason);
  }
  return tally;
}

import type { Measure, TokenCounts } from '../actual-record';
import type { Exact } from '../../money/exact';
import { ExactSum } from '../../money/exact-sum';
import type { PriceBook } from '../../pricing/price-book';
import { type EffectiveBucket, effectiveBuckets } from './effective-buckets';
import { isoWeek } from './iso-week';
import type { ActualsLedger } from './ledger-schema';
import { UsagePricer } from './usage-pricing';

/** How reports group actuals (the CLI's `actuals --by`). */
export const ACTUALS_GROUPINGS = ['day', 'week', 'model', 'project', 'campaign', 'vendor', 'source', 'batch'] as const;
export type ActualsGrouping = (typeof ACTUALS_GROUPINGS)[number];

/** One measure's figures. Counts are per measure: the same request often appears in two measures. */
export interface MeasureFigures {
  /**
   * Billed and metered: the exact sum of the amounts. Usage: priced from usage with the price book as of
   * each bucket's day (only the buckets that could be priced). Null when the measure has no such figure.
   */
  readonly amountUsd: Exact | null;
  readonly buckets: number;
  readonly images: number;
  readonly requests: number;
  readonly failedRequests: number;
  readonly tokens: number;
}

/** Usage the price book could not price exactly, by reason (kept as counts, never guessed). */
export interface UnpricedUsage {
  readonly reason: string;
  readonly buckets: number;
  readonly images: number;
  readonly requests: number;
  readonly tokens: number;
}

export interface ActualsFigures {
  readonly billedUsd: Exact | null;
  readonly meteredUsd: Exact | null;
  /** Usage priced with the price book: label it USAGE_PRICED_LABEL ("priced from usage"). */
  readonly usagePricedUsd: Exact | null;
  readonly byMeasure: Readonly<Record<Measure, MeasureFigures>>;
  readonly unpriced: readonly UnpricedUsage[];
}

export interface ActualsGroup extends ActualsFigures {
  /** The day, ISO week ("2026-W43"), model, project, campaign, vendor, source or batch id; several joined by " / ". */
  readonly key: string;
  /** One part per grouping asked for. */
  readonly keys: readonly string[];
}

function tokenTotal(t: TokenCounts): number {
  return t.textIn + t.textCachedIn + t.imageIn + t.imageCachedIn + t.audioIn + t.textOut + t.imageOut + t.audioOut;
}

class MeasureTally {
  amount: ExactSum | null = null;
  buckets = 0;
  images = 0;
  requests = 0;
  failedRequests = 0;
  tokens = 0;

  add(b: EffectiveBucket, amount: Exact | null): void {
    this.buckets += 1;
    this.images += b.images;
    this.requests += b.requests;
    this.failedRequests += b.failedRequests;
    this.tokens += tokenTotal(b.tokens);
    if (amount !== null) (this.amount ??= new ExactSum()).add(amount);
  }

  figures(): MeasureFigures {
    const { buckets, images, requests, failedRequests, tokens } = this;
    return { amountUsd: this.amount?.total() ?? null, buckets, images, requests, failedRequests, tokens };
  }
}

class GroupTally {
  readonly measures = { billed: new MeasureTally(), metered: new MeasureTally(), usage: new MeasureTally() };
  readonly unpriced = new Map<string, { buckets: number; images: number; requests: number; tokens: number }>();

  add(b: EffectiveBucket, pricer: UsagePricer): void {
    if (b.measure !== 'usage') {
      this.measures[b.measure].add(b, b.amount);
      return;
    }
    const price = pricer.price(b);
    this.measures.usage.add(b, price.ok ? price.amount : null);
    if (price.ok) return;
    const u = this.unpriced.get(price.reason) ?? { buckets: 0, images: 0, requests: 0, tokens: 0 };
    u.buckets += 1;
    u.images += b.images;
    u.requests += b.requests;
    u.tokens += tokenTotal(b.tokens);
    this.unpriced.set(price.reason, u);
  }

  figures(): ActualsFigures {
    const byMeasure = {
      billed: this.measures.billed.figures(),
      metered: this.measures.metered.figures(),
      usage: this.measures.usage.figures(),
    };
    return {
      billedUsd: byMeasure.billed.amountUsd,
      meteredUsd: byMeasure.metered.amountUsd,
      usagePricedUsd: byMeasure.usage.amountUsd,
      byMeasure,
      unpriced: [...this.unpriced.entries()]
        .sort(([a], [b]) => (a < b ? -1 : 1))
        .map(([reason, u]) => ({ reason, ...u })),
    };
  }
}

const KEY_OF: Record<ActualsGrouping, (b: EffectiveBucket) => string> = {
  day: (b) => b.day,
  week: (b) => isoWeek(b.day),
  model: (b) => b.dimensions.model || '(no model)',
  project: (b) => b.dimensions.project || '(no project)',
  campaign: (b) => b.dimensions.campaign || '(unattributed)',
  vendor: (b) => b.dimensions.vendor || '(no vendor)',
  source: (b) => b.batch.source,
  batch: (b) => b.batch.id,
};

/** Totals of every measure, each on its own: billed, metered and usage are never added together. */
export function actualsTotals(ledger: ActualsLedger, book: PriceBook): ActualsFigures {
  const tally = new GroupTally();
  const pricer = new UsagePricer(book);
  for (const b of effectiveBuckets(ledger)) tally.add(b, pricer);
  return tally.figures();
}

/**
 * The effective buckets grouped, with each measure's figures per group, sorted by key. Several groupings
 * nest (["week", "project"]: one group per week and project).
 */
export function groupActuals(
  ledger: ActualsLedger,
  by: ActualsGrouping | readonly ActualsGrouping[],
  book: PriceBook,
): ActualsGroup[] {
  const keyOfs = (typeof by === 'string' ? [by] : by).map((g) => KEY_OF[g]);
  const groups = new Map<string, { keys: string[]; tally: GroupTally }>();
  const pricer = new UsagePricer(book);
  for (const b of effectiveBuckets(ledger)) {
    const keys = keyOfs.map((keyOf) => keyOf(b));
    const key = keys.join(' / ');
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { keys, tally: new GroupTally() }));
    g.tally.add(b, pricer);
  }
  return [...groups.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([key, g]) => ({ key, keys: g.keys, ...g.tally.figures() }));
}

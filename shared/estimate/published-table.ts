import { type Exact, compare, exactInt, mul, parseExact } from '../money/exact';
import { ceilToCents } from './cost-basis';
import type { PriceEntry } from '../pricing/price-entry';
import { findModel } from './models';
import { parseSizeText } from './sizes';
import { outputTokensPerImage } from './tokens';

/**
 * A token-priced entry's published per-image table beside what the engine bills: OpenAI prints prices
 * rounded (and reuses the portrait price for landscape), while usage is billed as output tokens x rate.
 * Each cell says which of the two the engine uses.
 */
export interface PublishedCell {
  readonly quality: string;
  readonly size: string;
  /** The table's figure, as published (rounded by the provider). */
  readonly published: string;
  /** Output tokens x the output rate, exact; null where the model's tokens are unknown. */
  readonly tokenPrice: Exact | null;
  readonly tokens: number | null;
  /** 'tokens': the engine bills tokenPrice and the table is only "about"; 'table': it bills the table. */
  readonly billedFrom: 'tokens' | 'table';
  /** True when the published figure equals what the engine bills (a table the provider bills by). */
  readonly matches: boolean;
}

/** An amount at a rate per 1M, as the amount per one. */
function perMillion(e: Exact): Exact {
  return { units: e.units, scale: e.scale + 6 };
}

export function publishedCells(entry: PriceEntry): PublishedCell[] {
  const pricing = entry.pricing;
  if (pricing.unit !== 'usd-per-1m-tokens' || pricing.perImageOutput === null) return [];
  const model = findModel(entry.model);
  const rate = pricing.rates.imageOutput === null ? null : parseExact(pricing.rates.imageOutput);
  const cells: PublishedCell[] = [];
  for (const [quality, sizes] of Object.entries(pricing.perImageOutput)) {
    for (const [size, published] of Object.entries(sizes)) {
      const s = parseSizeText(size);
      const tokens = model && s ? outputTokensPerImage(model, s, quality, 0) : null;
      const count = tokens?.ok ? tokens.value.tokens : null;
      const exactPrice = count === null || rate === null ? null : perMillion(mul(rate, exactInt(count)));
      const cents = pricing.outputRoundUpCents;
      const tokenPrice = exactPrice === null || cents === undefined ? exactPrice : ceilToCents(exactPrice, cents);
      const publishedExact = parseExact(published);
      cells.push({
        quality,
        size,
        published,
        tokenPrice,
        tokens: count,
        billedFrom: tokenPrice === null ? 'table' : 'tokens',
        matches: tokenPrice === null || (publishedExact !== null && compare(publishedExact, tokenPrice) === 0),
      });
    }
  }
  return cells;
}

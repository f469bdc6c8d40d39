import type { TokenCounts } from '../actual-record';
import { type Exact, ZERO, add, mul, mulInt } from '../../money/exact';
import {
  type ExactTokenRates,
  type PriceBook,
  type ResolvedPrice,
  lookupTable,
  resolvePrice,
} from '../../pricing/price-book';
import type { BucketDimensions } from './bucket-format';

/** How usage figures are labelled wherever they are shown as money: they are not what was billed. */
export const USAGE_PRICED_LABEL = 'priced from usage';

/** What pricing a usage bucket needs to know. */
export interface UsageToPrice {
  readonly day: string;
  readonly dimensions: BucketDimensions;
  readonly images: number;
  readonly tokens: TokenCounts;
}

export type UsagePrice =
  | { readonly ok: true; readonly amount: Exact; readonly entryIds: readonly string[] }
  | { readonly ok: false; readonly reason: string };

const PER_MILLION: Exact = { units: 1n, scale: 6 };

function tokensAt(tokens: number, rate: Exact | null): Exact {
  return tokens === 0 || rate === null ? ZERO : mulInt(rate, tokens);
}

/** Why a token rate the bucket needs is missing, or null. */
function missingRate(t: TokenCounts, r: ExactTokenRates, model: string): string | null {
  const need: [number, Exact | null, string][] = [
    [t.imageIn + t.imageCachedIn, r.imageInput, 'image input'],
    [t.imageOut, r.imageOutput, 'image output'],
    [t.textOut, r.textOutput, 'text output'],
  ];
  for (const [tokens, rate, name] of need)
    if (tokens > 0 && rate === null) return `the price book has no ${name} rate for ${model}`;
  if (t.audioIn + t.audioOut > 0) return `the price book has no audio rates (${model} usage has audio tokens)`;
  return null;
}

/**
 * USD of a token bucket at the entry's rates: text in, cached text (the text rate where no cached rate is
 * published), image in, cached image, image out, text out; then the entry's multiplier (Batch discount,
 * negotiated discount). Token kinds are disjoint: textIn is uncached text, as the usage exports count it.
 */
function tokenCost(t: TokenCounts, r: ExactTokenRates, multiplier: Exact): Exact {
  let perMillion = tokensAt(t.textIn, r.textInput);
  perMillion = add(perMillion, tokensAt(t.textCachedIn, r.textCachedInput ?? r.textInput));
  perMillion = add(perMillion, tokensAt(t.imageIn, r.imageInput));
  perMillion = add(perMillion, tokensAt(t.imageCachedIn, r.imageCachedInput ?? r.imageInput));
  perMillion = add(perMillion, tokensAt(t.imageOut, r.imageOutput));
  perMillion = add(perMillion, tokensAt(t.textOut, r.textOutput));
  return mul(mul(perMillion, PER_MILLION), multiplier);
}

function hasTokens(t: TokenCounts): boolean {
  return t.textIn + t.textCachedIn + t.imageIn + t.imageCachedIn + t.audioIn + t.textOut + t.imageOut + t.audioOut > 0;
}

/** The per-image price for a bucket's quality and size, or undefined when the entry has none. */
function perImagePrice(price: ResolvedPrice, d: BucketDimensions): Exact | undefined {
  const p = price.pricing;
  const table = p.kind === 'tokens' ? p.perImageOutput : p.kind === 'per-image' ? p.perImage : null;
  return table ? lookupTable(table, d.quality, d.size) : undefined;
}

/**
 * Prices usage buckets with the price book as of each bucket's day: token buckets at the model's token
 * rates (Batch rates when the surface is batch), image counts per image where quality and size are
 * known. Anything it cannot price exactly is reported with the reason, never guessed. Lookups are cached
 * per model, surface and day.
 */
export class UsagePricer {
  private readonly prices = new Map<string, ReturnType<typeof resolvePrice>>();

  constructor(private readonly book: PriceBook) {}

  price(u: UsageToPrice): UsagePrice {
    const found = this.check(u);
    if (found === null) return { ok: true, amount: ZERO, entryIds: [] };
    if (typeof found === 'string') return { ok: false, reason: found };
    const p = found.pricing;
    if (!hasTokens(u.tokens)) {
      // Images counted without tokens, priced per image (check found the price for the quality and size).
      const each = perImagePrice(found, u.dimensions) ?? ZERO;
      return { ok: true, amount: mul(mulInt(each, u.images), p.multiplier), entryIds: found.entryIds };
    }
    // check gives token usage a price only when that price is per token: this is for the type's sake.
    if (p.kind !== 'tokens') return { ok: false, reason: `${u.dimensions.model} is not priced per token` };
    return { ok: true, amount: tokenCost(u.tokens, p.rates, p.multiplier), entryIds: found.entryIds };
  }

  /** Why `u` cannot be priced, or null when it can: price's checks without its arithmetic (an import's preview). */
  whyNotPriced(u: UsageToPrice): string | null {
    const found = this.check(u);
    return typeof found === 'string' ? found : null;
  }

  /**
   * What prices `u`: its price, or why it cannot be priced exactly, or null when it has nothing to price
   * (no tokens, no images).
   */
  private check(u: UsageToPrice): ResolvedPrice | string | null {
    const t = u.tokens;
    const tokens = hasTokens(t);
    if (!tokens && u.images === 0) return null;
    const model = u.dimensions.model;
    if (model === '') return 'the usage names no model';
    const surface = u.dimensions.surface === 'batch' ? 'batch' : 'api';
    const key = `${model}\u0000${surface}\u0000${u.day}`;
    let resolved = this.prices.get(key);
    if (resolved === undefined) {
      resolved = resolvePrice(this.book, { model, surface, date: u.day });
      this.prices.set(key, resolved);
    }
    if (!resolved.ok) return resolved.error;
    const price = resolved.value;
    if (!tokens) {
      // Images counted without tokens: priced per image only when the export says quality and size.
      const d = u.dimensions;
      if (d.quality === '')
        return `image counts without a quality cannot be priced exactly (${d.model}'s price per image depends on quality): kept as counts`;
      if (perImagePrice(price, d) === undefined)
        return `the price book has no per-image price for ${d.model} at ${d.quality} ${d.size || 'any size'}`;
      return price;
    }
    const p = price.pricing;
    if (p.kind !== 'tokens') return `${model} is priced per image or in credits in the price book, not per token`;
    return missingRate(t, p.rates, model) ?? price;
  }
}

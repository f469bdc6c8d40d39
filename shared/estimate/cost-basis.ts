import { type Exact, ZERO, add, mul, mulInt } from '../money/exact';
import { type ExactTable, type ExactTokenRates, type ResolvedPricing, lookupTable } from '../pricing/price-book';
import type { ModelSpec } from './models';
import { type Size, sizeKey as sizeKeyOf } from './sizes';

/**
 * What a price fixes per generated image (output cost, raw token cost, credits), and a row's exact costs
 * per image once its own prompt and reference inputs are added. Exact decimals throughout: the row's
 * money is rounded later, once, in row-money.ts.
 */

export const PER_MILLION_SCALE = 6; // rates are USD per 1M tokens
export const PERCENT_SCALE = 2;
const MEGAPIXEL = 1_048_576; // 1024 x 1024: one megapixel for per-megapixel credit pricing

/** One image's output cost: as billed (after conversion and discount), before them, and its fixed credits. */
export interface OutputCost {
  readonly output: Exact;
  readonly raw: Exact;
  readonly credits: Exact | null;
}

/** Output cost of one image at token rates, before any discount or credits conversion. */
function rawOutputCost(
  rates: ExactTokenRates,
  perImageOutput: ExactTable | null,
  model: ModelSpec,
  sizeKey: string,
  quality: string,
  outputTokens: number | null,
  partialImages: number,
): Exact | { error: string } {
  if (rates.imageOutput === null) return { error: `${model.id} has no image output rate in its price entry` };
  if (outputTokens !== null) return outputTokenCost(outputTokens, rates.imageOutput);
  const grid = perImageOutput ? lookupTable(perImageOutput, quality, sizeKey) : undefined;
  if (!grid) return { error: `no output price for ${model.id} at ${sizeKey} ${quality}` };
  const partial = model.supportsPartialImages ? partialImages * 100 : 0;
  return add(grid, outputTokenCost(partial, rates.imageOutput));
}

/** Output tokens x their rate (USD per 1M): as an input rate with no cached share (x100, see tokensAt). */
function outputTokenCost(tokens: number, rate: Exact): Exact {
  return tokensAt(tokens, mulInt(rate, 100));
}

function outputCost(
  pricing: ResolvedPricing,
  model: ModelSpec,
  size: Size,
  sizeKey: string,
  quality: string,
  outputTokens: number | null,
  partialImages: number,
): OutputCost | { error: string } {
  switch (pricing.kind) {
    case 'tokens':
    case 'credits-over-tokens': {
      const raw = rawOutputCost(
        pricing.rates,
        pricing.perImageOutput,
        model,
        sizeKey,
        quality,
        outputTokens,
        partialImages,
      );
      if ('error' in raw) return raw;
      return { output: mul(raw, inputFactor(pricing)), raw, credits: null };
    }
    case 'per-image': {
      const price = lookupTable(pricing.perImage, quality, sizeKey);
      if (!price) return { error: `the price entry has no per-image price for ${sizeKey} at ${quality} quality` };
      return { output: mul(price, pricing.multiplier), raw: ZERO, credits: null };
    }
    case 'credits-per-image': {
      const base = lookupTable(pricing.creditsPerImage, quality, sizeKey);
      if (!base) return { error: `the price entry has no credits price for ${sizeKey} at ${quality} quality` };
      let credits = base;
      if (pricing.creditsPerExtraMegapixel) {
        const megapixels = Math.ceil((size.width * size.height) / MEGAPIXEL);
        credits = add(credits, mulInt(pricing.creditsPerExtraMegapixel, Math.max(0, megapixels - 1)));
      }
      credits = mul(credits, pricing.multiplier);
      return { output: mul(credits, pricing.usdPerCredit), raw: ZERO, credits };
    }
  }
}

/** USD per USD of token cost: the entry's discount, times the credits conversion when billed in credits. */
export function inputFactor(pricing: ResolvedPricing): Exact {
  if (pricing.kind === 'credits-over-tokens')
    return mul(mul(pricing.creditsPerTokenUsd, pricing.usdPerCredit), pricing.multiplier);
  return pricing.multiplier;
}

/** Credits per USD of token cost (credits-over-tokens pricing, discount included), else null. */
export function creditsFactor(pricing: ResolvedPricing): Exact | null {
  return pricing.kind === 'credits-over-tokens' ? mul(pricing.creditsPerTokenUsd, pricing.multiplier) : null;
}

/**
 * What a price and a row's model, size, qualities and partial images fix per image, inputs aside. The
 * same for every row making those choices; each row adds its own inputs (perImageCosts).
 */
export interface CostBasis {
  readonly pricing: ResolvedPricing;
  readonly hasDrafts: boolean;
  readonly final: OutputCost;
  /** ZERO output (and ZERO credits when billed in credits) without a draft pass. */
  readonly draft: OutputCost;
  /** Token cost to USD (tokens and credits-over-tokens pricing). */
  readonly inputFactor: Exact;
  /** Token cost to credits (credits-over-tokens pricing). */
  readonly creditsFactor: Exact | null;
}

export function costBasis(
  pricing: ResolvedPricing,
  model: ModelSpec,
  size: Size,
  quality: string,
  draftQuality: string | null,
  finalTokens: number | null,
  draftTokens: number | null,
  partialImages: number,
): CostBasis | { error: string } {
  const sizeKey = sizeKeyOf(size);
  const final = outputCost(pricing, model, size, sizeKey, quality, finalTokens, partialImages);
  if ('error' in final) return final;
  const billedInCredits = pricing.kind === 'credits-per-image' || pricing.kind === 'credits-over-tokens';
  const draft =
    draftQuality === null
      ? { output: ZERO, raw: ZERO, credits: billedInCredits ? ZERO : null }
      : outputCost(pricing, model, size, sizeKey, draftQuality, draftTokens, partialImages);
  if ('error' in draft) return draft;
  return {
    pricing,
    hasDrafts: draftQuality !== null,
    final,
    draft,
    inputFactor: inputFactor(pricing),
    creditsFactor: creditsFactor(pricing),
  };
}

/** A row's exact costs per image: its basis plus its own prompt and reference inputs. */
export interface PerImageCosts {
  readonly final: Exact;
  readonly draft: Exact;
  readonly input: Exact;
  readonly finalCredits: Exact | null;
  readonly draftCredits: Exact | null;
}

export function perImageCosts(
  basis: CostBasis,
  textTokens: number,
  imageTokens: number,
  cachedPct: number,
): PerImageCosts {
  const { pricing, final, draft, hasDrafts } = basis;
  if (pricing.kind !== 'tokens' && pricing.kind !== 'credits-over-tokens') {
    return {
      final: final.output,
      draft: draft.output,
      input: ZERO,
      finalCredits: final.credits,
      draftCredits: draft.credits,
    };
  }
  const rates = blendedRates(pricing.rates, cachedPct);
  const raw = add(tokensAt(textTokens, rates.text), tokensAt(imageTokens, rates.image));
  const input = timesFactor(raw, basis.inputFactor);
  const credits = (o: OutputCost): Exact | null =>
    basis.creditsFactor === null ? null : mul(add(o.raw, raw), basis.creditsFactor);
  return {
    final: add(final.output, input),
    draft: hasDrafts ? add(draft.output, input) : ZERO,
    input,
    finalCredits: credits(final),
    draftCredits: hasDrafts ? credits(draft) : draft.credits,
  };
}

/** mul(a, factor), skipping the multiplication for the usual factor of exactly 1 (same value and scale). */
function timesFactor(a: Exact, factor: Exact): Exact {
  return factor.units === 1n && factor.scale === 0 ? a : mul(a, factor);
}

/** tokens x a blended rate (x100, USD per 1M), as tokenCost computes it. */
function tokensAt(tokens: number, blended: Exact): Exact {
  if (tokens === 0) return ZERO;
  return { units: blended.units * BigInt(tokens), scale: blended.scale + PER_MILLION_SCALE + PERCENT_SCALE };
}

export interface BlendedRates {
  readonly text: Exact;
  readonly image: Exact;
}

// Per rate card, the text and image input rates blended for each cached share (0-100 %).
const blendedByRates = new WeakMap<ExactTokenRates, BlendedRates[]>();

export function blendedRates(rates: ExactTokenRates, cachedPct: number): BlendedRates {
  let byPct = blendedByRates.get(rates);
  if (!byPct) {
    byPct = [];
    blendedByRates.set(rates, byPct);
  }
  let hit = byPct[cachedPct];
  if (!hit) {
    const blend = (rate: Exact, cached: Exact | null) =>
      add(mulInt(rate, 100 - cachedPct), mulInt(cached ?? rate, cachedPct));
    const imageRate = rates.imageInput ?? ZERO;
    hit = { text: blend(rates.textInput, rates.textCachedInput), image: blend(imageRate, rates.imageCachedInput) };
    byPct[cachedPct] = hit;
  }
  return hit;
}

import { type Exact, ZERO, add, mul, mulInt, parseExact, pow10, toNumber } from '../money/exact';
import { type Micro, roundToMicro } from '../money/rounding';
import type { RowInputs } from '../plan/plan-schema';
import { type ExactTable, type ExactTokenRates, type PriceBook, type ResolvedPricing, lookupTable, resolvePrice } from '../pricing/price-book';
import { findModel, type ModelSpec } from './models';
import { parseSizeText, resolveSize, sizeKey, type Size } from './sizes';
import { estimatePromptTokens, outputTokensPerImage, referenceImageTokens, resolveQuality } from './tokens';

export interface RowIssue {
  readonly field: keyof RowInputs | 'price';
  readonly message: string;
}

/** Everything the grid, the CLI and the workbook show for one row. Money in micro-USD, exact. */
export interface RowEstimate {
  readonly ok: boolean;
  readonly errors: readonly RowIssue[];
  readonly warnings: readonly string[];
  /** Assumptions made on the user's behalf (auto size/quality, estimated prompt tokens, community rules). */
  readonly assumptions: readonly string[];
  readonly priceEntryIds: readonly string[];
  readonly sizeKey: string | null;
  readonly quality: string | null;
  readonly draftQuality: string | null;
  readonly finalGenerations: Exact;
  readonly draftGenerations: Exact;
  readonly requests: number;
  readonly outputTokensPerFinal: number | null;
  readonly outputTokensPerDraft: number | null;
  readonly textInputTokensPerImage: number;
  readonly imageInputTokensPerImage: number;
  /** Exact USD per generated image, never rounded. */
  readonly costPerFinalImage: Exact;
  readonly costPerDraftImage: Exact;
  readonly inputCostPerImage: Exact;
  readonly finalCost: Micro;
  readonly draftCost: Micro;
  /** finalCost + draftCost */
  readonly totalCost: Micro;
  readonly costPerApprovedFinal: Micro | null;
  /** Share of the row's cost that is input (prompt text + reference images), 0..1. */
  readonly inputShare: number;
  readonly creditsPerFinalImage: Exact | null;
  readonly creditsPerDraftImage: Exact | null;
  /** Micro-credits. */
  readonly credits: Micro | null;
}

export interface EstimateContext {
  readonly priceBook: PriceBook;
  /** YYYY-MM-DD, the plan's price-book as-of date. */
  readonly asOf: string;
}

const PER_MILLION_SCALE = 6; // rates are USD per 1M tokens
const PERCENT_SCALE = 2;
const MEGAPIXEL = 1_048_576; // 1024 x 1024: one megapixel for per-megapixel credit pricing

function emptyEstimate(errors: RowIssue[], warnings: string[], assumptions: string[]): RowEstimate {
  return {
    ok: false,
    errors,
    warnings,
    assumptions,
    priceEntryIds: [],
    sizeKey: null,
    quality: null,
    draftQuality: null,
    finalGenerations: ZERO,
    draftGenerations: ZERO,
    requests: 0,
    outputTokensPerFinal: null,
    outputTokensPerDraft: null,
    textInputTokensPerImage: 0,
    imageInputTokensPerImage: 0,
    costPerFinalImage: ZERO,
    costPerDraftImage: ZERO,
    inputCostPerImage: ZERO,
    finalCost: 0n,
    draftCost: 0n,
    totalCost: 0n,
    costPerApprovedFinal: null,
    inputShare: 0,
    creditsPerFinalImage: null,
    creditsPerDraftImage: null,
    credits: null,
  };
}

function decimalOrIssue(text: string, field: keyof RowInputs, errors: RowIssue[]): Exact {
  const e = parseExact(text);
  if (!e) {
    errors.push({ field, message: `"${text}" is not a number` });
    return ZERO;
  }
  return e;
}

/** ceil(x / n) for a non-negative exact x. */
function ceilDivExact(x: Exact, n: number): number {
  const den = pow10(x.scale) * BigInt(n);
  return Number((x.units + den - 1n) / den);
}

/** tokens x rate (USD per 1M), blended with the cached rate for `cachedPct` percent of the tokens. */
function tokenCost(tokens: number, rate: Exact, cachedRate: Exact | null, cachedPct: number): Exact {
  if (tokens === 0) return ZERO;
  const cached = cachedRate ?? rate;
  const blended = add(mulInt(rate, 100 - cachedPct), mulInt(cached, cachedPct)); // x100
  const v = mulInt(blended, tokens);
  return { units: v.units, scale: v.scale + PER_MILLION_SCALE + PERCENT_SCALE };
}

interface PerImage {
  output: Exact;
  input: Exact;
  credits: Exact | null;
}

function costsPerImage(
  pricing: ResolvedPricing,
  model: ModelSpec,
  size: Size,
  sizeKey: string,
  quality: string,
  outputTokens: number | null,
  partialImages: number,
  textTokens: number,
  imageTokens: number,
  cachedPct: number,
): { value: PerImage } | { error: string } {
  const tokenCosts = (rates: ExactTokenRates, perImageOutput: ExactTable | null): { output: Exact; input: Exact } | { error: string } => {
    let output: Exact;
    if (outputTokens !== null) {
      output = tokenCost(outputTokens, rates.imageOutput, null, 0);
    } else {
      const grid = perImageOutput ? lookupTable(perImageOutput, quality, sizeKey) : undefined;
      if (!grid) return { error: `no output price for ${model.id} at ${sizeKey} ${quality}` };
      const partial = model.supportsPartialImages ? partialImages * 100 : 0;
      output = add(grid, tokenCost(partial, rates.imageOutput, null, 0));
    }
    const imageRate = rates.imageInput ?? ZERO;
    const input = add(tokenCost(textTokens, rates.textInput, rates.textCachedInput, cachedPct), tokenCost(imageTokens, imageRate, rates.imageCachedInput, cachedPct));
    return { output, input };
  };
  switch (pricing.kind) {
    case 'tokens': {
      const c = tokenCosts(pricing.rates, pricing.perImageOutput);
      if ('error' in c) return c;
      return { value: { output: mul(c.output, pricing.multiplier), input: mul(c.input, pricing.multiplier), credits: null } };
    }
    case 'credits-over-tokens': {
      const c = tokenCosts(pricing.rates, pricing.perImageOutput);
      if ('error' in c) return c;
      const toUsd = mul(pricing.creditsPerTokenUsd, pricing.usdPerCredit);
      const credits = mul(mul(add(c.output, c.input), pricing.creditsPerTokenUsd), pricing.multiplier);
      return { value: { output: mul(mul(c.output, toUsd), pricing.multiplier), input: mul(mul(c.input, toUsd), pricing.multiplier), credits } };
    }
    case 'per-image': {
      const price = lookupTable(pricing.perImage, quality, sizeKey);
      if (!price) return { error: `the price entry has no per-image price for ${sizeKey} at ${quality} quality` };
      return { value: { output: mul(price, pricing.multiplier), input: ZERO, credits: null } };
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
      return { value: { output: mul(credits, pricing.usdPerCredit), input: ZERO, credits } };
    }
  }
}

/**
 * Estimates one plan row. Pure: the price book and the as-of date come in as arguments. Bad inputs give
 * an estimate with `ok: false` and field-level errors, never an exception.
 *
 * Volumes: final generations = finals x iteration factor; draft generations = finals x drafts per final.
 * Input tokens are billed per generated image (the community finding that n > 1 bills like n calls).
 * Row money: final cost = ROUND(final generations x cost per final image, 6), likewise drafts; total =
 * final + draft. Cost per approved final = ROUND(total / finals, 6).
 */
export function estimateRow(inputs: RowInputs, ctx: EstimateContext): RowEstimate {
  const errors: RowIssue[] = [];
  const warnings: string[] = [];
  const assumptions: string[] = [];
  const model = findModel(inputs.model);
  if (!model) {
    errors.push({ field: 'model', message: `unknown model "${inputs.model}"` });
    return emptyEstimate(errors, warnings, assumptions);
  }
  const size = resolveSize(model, inputs.size);
  if (!size.ok) errors.push({ field: 'size', message: size.error });
  const quality = resolveQuality(model, inputs.quality);
  if (!quality.ok) errors.push({ field: 'quality', message: quality.error });
  const hasDrafts = inputs.draftsPerFinal !== '0' && Number(inputs.draftsPerFinal) !== 0;
  const draftQualityText = inputs.draftQuality ?? model.draftQuality;
  const draftQuality = hasDrafts ? resolveQuality(model, draftQualityText) : quality;
  if (hasDrafts && !draftQuality.ok) errors.push({ field: 'draftQuality', message: draftQuality.error });
  if (inputs.nPerRequest > model.nMax) errors.push({ field: 'nPerRequest', message: `${model.id} allows at most ${model.nMax} images per request` });
  const k = decimalOrIssue(inputs.iterationFactor, 'iterationFactor', errors);
  if (errors.length === 0 && k.units < pow10(k.scale)) errors.push({ field: 'iterationFactor', message: 'the iteration factor must be at least 1 (one generation per approved final)' });
  const drafts = decimalOrIssue(inputs.draftsPerFinal, 'draftsPerFinal', errors);
  const reference = inputs.referenceImages > 0 ? resolveReferenceSize(inputs.referenceSize) : { width: 0, height: 0 };
  if (reference === null) errors.push({ field: 'referenceSize', message: `"${inputs.referenceSize}" is not a size: write WIDTHxHEIGHT, e.g. 1024x1024` });
  const price = resolvePrice(ctx.priceBook, { model: model.id, surface: inputs.surface, date: ctx.asOf, entryId: inputs.priceEntryId });
  if (!price.ok) errors.push({ field: 'price', message: price.error });
  if (errors.length > 0 || !size.ok || !quality.ok || !draftQuality.ok || !price.ok || reference === null) {
    return emptyEstimate(errors, warnings, assumptions);
  }

  assumptions.push(...size.value.assumptions);
  warnings.push(...size.value.warnings, ...price.value.warnings);
  if (quality.value.assumption) assumptions.push(quality.value.assumption);
  if (hasDrafts && draftQuality.value.assumption) assumptions.push(`draft ${draftQuality.value.assumption}`);

  const partial = model.supportsPartialImages ? inputs.partialImages : 0;
  if (inputs.partialImages > 0 && !model.supportsPartialImages) warnings.push(`${model.id} does not stream partial images; ignored`);
  const finalTokens = outputTokensPerImage(model, size.value.size, quality.value.quality, partial);
  const draftTokens = outputTokensPerImage(model, size.value.size, draftQuality.value.quality, partial);
  if (!finalTokens.ok || !draftTokens.ok) {
    const message = !finalTokens.ok ? finalTokens.error : !draftTokens.ok ? draftTokens.error : '';
    return emptyEstimate([{ field: 'quality', message }], warnings, assumptions);
  }
  if (finalTokens.value.estimate) assumptions.push(finalTokens.value.basis);

  let textTokens = inputs.promptTokens ?? 0;
  if (inputs.promptTokens === null && inputs.promptChars !== null) {
    textTokens = estimatePromptTokens(inputs.promptChars);
    assumptions.push(`prompt tokens estimated as ${inputs.promptChars} characters / 4 = ${textTokens}`);
  }
  const imageTokens = inputs.referenceImages * referenceImageTokens(model, reference);
  if (inputs.referenceImages > 0) {
    if (model.referenceImages.kind === 'unsupported') warnings.push(`reference images are not priced for ${model.id}`);
    else assumptions.push(model.referenceImages.basis);
  }
  let cachedPct = inputs.cachedSharePct;
  if (cachedPct > 0 && inputs.surface !== 'responses') {
    warnings.push('cached input rates apply only through the Responses API: the cached share is ignored on this surface');
    cachedPct = 0;
  }
  if (inputs.nPerRequest > 1 && (textTokens > 0 || imageTokens > 0)) {
    assumptions.push('input tokens are billed for every image generated (n > 1 bills like separate calls: community finding)');
  }

  const pricing = price.value.pricing;
  const tableKey = sizeKey(size.value.size);
  const final = costsPerImage(pricing, model, size.value.size, tableKey, quality.value.quality, finalTokens.value.tokens, partial, textTokens, imageTokens, cachedPct);
  const draft = hasDrafts
    ? costsPerImage(pricing, model, size.value.size, tableKey, draftQuality.value.quality, draftTokens.value.tokens, partial, textTokens, imageTokens, cachedPct)
    : { value: { output: ZERO, input: ZERO, credits: pricing.kind === 'credits-per-image' || pricing.kind === 'credits-over-tokens' ? ZERO : null } };
  if ('error' in final || 'error' in draft) {
    const message = 'error' in final ? final.error : 'error' in draft ? draft.error : '';
    return emptyEstimate([{ field: 'price', message }], warnings, assumptions);
  }

  const finalGenerations = mulInt(k, inputs.finals);
  const draftGenerations = hasDrafts ? mulInt(drafts, inputs.finals) : ZERO;
  const costPerFinalImage = add(final.value.output, final.value.input);
  const costPerDraftImage = hasDrafts ? add(draft.value.output, draft.value.input) : ZERO;
  const finalExact = mul(finalGenerations, costPerFinalImage);
  const draftExact = mul(draftGenerations, costPerDraftImage);
  const finalCost = roundToMicro(finalExact);
  const draftCost = roundToMicro(draftExact);
  const totalCost = finalCost + draftCost;
  const inputExact = add(mul(finalGenerations, final.value.input), mul(draftGenerations, draft.value.input));
  const totalExact = add(finalExact, draftExact);
  const inputShare = totalExact.units === 0n ? 0 : toNumber(inputExact) / toNumber(totalExact);

  const creditsPerFinalImage = final.value.credits;
  const creditsPerDraftImage = hasDrafts ? draft.value.credits : creditsPerFinalImage === null ? null : ZERO;
  const credits =
    creditsPerFinalImage === null ? null : roundToMicro(add(mul(finalGenerations, creditsPerFinalImage), mul(draftGenerations, creditsPerDraftImage ?? ZERO)));

  const requests = ceilDivExact(finalGenerations, inputs.nPerRequest) + ceilDivExact(draftGenerations, inputs.nPerRequest);

  return {
    ok: true,
    errors,
    warnings,
    assumptions,
    priceEntryIds: price.value.entryIds,
    sizeKey: size.value.key,
    quality: quality.value.quality,
    draftQuality: hasDrafts ? draftQuality.value.quality : null,
    finalGenerations,
    draftGenerations,
    requests,
    outputTokensPerFinal: finalTokens.value.tokens,
    outputTokensPerDraft: hasDrafts ? draftTokens.value.tokens : null,
    textInputTokensPerImage: textTokens,
    imageInputTokensPerImage: imageTokens,
    costPerFinalImage,
    costPerDraftImage,
    inputCostPerImage: final.value.input,
    finalCost,
    draftCost,
    totalCost,
    costPerApprovedFinal: inputs.finals > 0 ? roundToMicro({ units: totalCost, scale: 6 }, BigInt(inputs.finals)) : null,
    inputShare,
    creditsPerFinalImage,
    creditsPerDraftImage,
    credits,
  };
}

function resolveReferenceSize(text: string): Size | null {
  const s = parseSizeText(text);
  return s !== null && s.width > 0 && s.height > 0 ? s : null;
}


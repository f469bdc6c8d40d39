import { type Exact, ZERO, add, mul, mulInt, pow10 } from '../money/exact';
import { type Micro, roundToMicro } from '../money/rounding';
import type { RowInputs } from '../plan/plan-schema';
import { type ExactTable, type ExactTokenRates, type PriceBook, type ResolvedPricing, lookupTable } from '../pricing/price-book';
import { parseExactCached, parseSizeTextCached, resolvePriceCached, resolveSizeCached } from './lookup-cache';
import { findModel, MODEL_SPECS, type ModelSpec } from './models';
import { BILLING_SURFACES } from '../pricing/price-entry';
import { sizeKey, type Size } from './sizes';
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

/** The errors of every estimate that has none (shared: estimates are never mutated). */
const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);

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
  const e = parseExactCached(text);
  if (!e) {
    errors.push({ field, message: `"${text}" is not a number` });
    return ZERO;
  }
  return e;
}

/** ceil(x / n) for a non-negative exact x. */
function ceilDivExact(x: Exact, n: number): number {
  if (x.units === 0n) return 0;
  if (x.scale === 0 && n === 1) return Number(x.units);
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

/** Output and input cost of one image at token rates, before any discount or credits conversion. */
function rawTokenCosts(
  rates: ExactTokenRates,
  perImageOutput: ExactTable | null,
  model: ModelSpec,
  sizeKey: string,
  quality: string,
  outputTokens: number | null,
  partialImages: number,
  textTokens: number,
  imageTokens: number,
  cachedPct: number,
): { output: Exact; input: Exact } | { error: string } {
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
  const tokenCosts = (rates: ExactTokenRates, perImageOutput: ExactTable | null) =>
    rawTokenCosts(rates, perImageOutput, model, sizeKey, quality, outputTokens, partialImages, textTokens, imageTokens, cachedPct);
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
 *
 * Speed: what a row's model, surface, price entry, size, qualities and partial images fix (prices,
 * output tokens, output cost per image) is worked out once per distinct combination and reused (see
 * OutputShape), as are reference-image tokens and blended input rates; each row then only adds its
 * inputs and volumes. Rows with any problem take the reference path, which reports every error in
 * order. Both paths give identical estimates, every field (a property test holds them to it).
 */
export function estimateRow(inputs: RowInputs, ctx: EstimateContext): RowEstimate {
  const model = findModel(inputs.model);
  if (!model || inputs.nPerRequest > model.nMax) return estimateRowReference(inputs, ctx);
  const k = parseExactCached(inputs.iterationFactor);
  const drafts = parseExactCached(inputs.draftsPerFinal);
  if (k === null || drafts === null || k.units < pow10(k.scale)) return estimateRowReference(inputs, ctx);
  const hasDrafts = drafts.units !== 0n;
  const shape = outputShape(model, inputs, hasDrafts, ctx);
  const refs = inputs.referenceImages;
  const tokensPerReference = refs > 0 ? referenceTokensCached(model, inputs.referenceSize) : 0;
  if (shape === null || tokensPerReference === null) return estimateRowReference(inputs, ctx);

  let textTokens = inputs.promptTokens ?? 0;
  const promptEstimated = inputs.promptTokens === null && inputs.promptChars !== null;
  if (promptEstimated && inputs.promptChars !== null) textTokens = estimatePromptTokens(inputs.promptChars);
  const imageTokens = refs * tokensPerReference;
  const referencesUnpriced = refs > 0 && model.referenceImages.kind === 'unsupported';
  const cachedShareIgnored = inputs.cachedSharePct > 0 && inputs.surface !== 'responses';
  const cachedPct = cachedShareIgnored ? 0 : inputs.cachedSharePct;
  const inputsPerImage = inputs.nPerRequest > 1 && (textTokens > 0 || imageTokens > 0);

  // The shape's lists are shared when the row adds nothing to them (estimates are never mutated).
  let warnings: readonly string[] = shape.warnings;
  if (referencesUnpriced || cachedShareIgnored) {
    const own = warnings.slice();
    if (referencesUnpriced) own.push(`reference images are not priced for ${model.id}`);
    if (cachedShareIgnored) own.push('cached input rates apply only through the Responses API: the cached share is ignored on this surface');
    warnings = own;
  }
  let assumptions: readonly string[] = shape.assumptions;
  if (promptEstimated || (refs > 0 && !referencesUnpriced) || inputsPerImage) {
    const own = assumptions.slice();
    if (promptEstimated) own.push(`prompt tokens estimated as ${inputs.promptChars} characters / 4 = ${textTokens}`);
    if (refs > 0 && model.referenceImages.kind !== 'unsupported') own.push(model.referenceImages.basis);
    if (inputsPerImage) own.push('input tokens are billed for every image generated (n > 1 bills like separate calls: community finding)');
    assumptions = own;
  }

  // The same formulas as costsPerImage, with the output side taken from the shape.
  const pricing = shape.pricing;
  let final = shape.final;
  let draft = shape.draft;
  if (pricing.kind === 'tokens' || pricing.kind === 'credits-over-tokens') {
    const rates = blendedRates(pricing.rates, cachedPct);
    const raw = add(tokensAt(textTokens, rates.text), tokensAt(imageTokens, rates.image));
    if (pricing.kind === 'tokens') {
      const input = timesFactor(raw, pricing.multiplier);
      final = { output: final.output, input, credits: null };
      if (hasDrafts) draft = { output: draft.output, input, credits: null };
    } else {
      const toUsd = mul(pricing.creditsPerTokenUsd, pricing.usdPerCredit);
      const input = mul(mul(raw, toUsd), pricing.multiplier);
      const credits = (rawOutput: Exact) => mul(mul(add(rawOutput, raw), pricing.creditsPerTokenUsd), pricing.multiplier);
      final = { output: final.output, input, credits: credits(shape.rawFinalOutput) };
      if (hasDrafts) draft = { output: draft.output, input, credits: credits(shape.rawDraftOutput) };
    }
  }
  return finishEstimate(inputs, k, drafts, {
    hasDrafts,
    errors: NO_ISSUES,
    warnings,
    assumptions,
    priceEntryIds: shape.priceEntryIds,
    sizeKey: shape.sizeKey,
    quality: shape.quality,
    draftQuality: shape.draftQuality,
    outputTokensPerFinal: shape.outputTokensPerFinal,
    outputTokensPerDraft: shape.outputTokensPerDraft,
    textTokens,
    imageTokens,
    final,
    draft,
  });
}

/**
 * The reference path: resolves everything for this one row, collecting every error in field order.
 * estimateRow gives the same result for every row; it uses this path for rows with problems.
 */
export function estimateRowReference(inputs: RowInputs, ctx: EstimateContext): RowEstimate {
  const errors: RowIssue[] = [];
  const warnings: string[] = [];
  const assumptions: string[] = [];
  const model = findModel(inputs.model);
  if (!model) {
    errors.push({ field: 'model', message: `unknown model "${inputs.model}"` });
    return emptyEstimate(errors, warnings, assumptions);
  }
  const size = resolveSizeCached(model, inputs.size);
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
  const price = resolvePriceCached(ctx.priceBook, { model: model.id, surface: inputs.surface, date: ctx.asOf, entryId: inputs.priceEntryId });
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
    : { value: noDraftCosts(pricing) };
  if ('error' in final || 'error' in draft) {
    const message = 'error' in final ? final.error : 'error' in draft ? draft.error : '';
    return emptyEstimate([{ field: 'price', message }], warnings, assumptions);
  }
  return finishEstimate(inputs, k, drafts, {
    hasDrafts,
    errors,
    warnings,
    assumptions,
    priceEntryIds: price.value.entryIds,
    sizeKey: size.value.key,
    quality: quality.value.quality,
    draftQuality: hasDrafts ? draftQuality.value.quality : null,
    outputTokensPerFinal: finalTokens.value.tokens,
    outputTokensPerDraft: hasDrafts ? draftTokens.value.tokens : null,
    textTokens,
    imageTokens,
    final: final.value,
    draft: draft.value,
  });
}

function noDraftCosts(pricing: ResolvedPricing): PerImage {
  return { output: ZERO, input: ZERO, credits: pricing.kind === 'credits-per-image' || pricing.kind === 'credits-over-tokens' ? ZERO : null };
}

/** What a row's estimate needs besides its volumes, however it was worked out. */
interface ResolvedRow {
  readonly hasDrafts: boolean;
  readonly errors: readonly RowIssue[];
  readonly warnings: readonly string[];
  readonly assumptions: readonly string[];
  readonly priceEntryIds: readonly string[];
  readonly sizeKey: string;
  readonly quality: string;
  readonly draftQuality: string | null;
  readonly outputTokensPerFinal: number | null;
  readonly outputTokensPerDraft: number | null;
  readonly textTokens: number;
  readonly imageTokens: number;
  readonly final: PerImage;
  readonly draft: PerImage;
}

/** Volumes and row money: the one place both paths compute them, so they cannot drift apart. */
function finishEstimate(inputs: RowInputs, k: Exact, drafts: Exact, r: ResolvedRow): RowEstimate {
  const { hasDrafts, final, draft } = r;
  const finalGenerations = mulInt(k, inputs.finals);
  const draftGenerations = hasDrafts ? mulInt(drafts, inputs.finals) : ZERO;
  const costPerFinalImage = add(final.output, final.input);
  const costPerDraftImage = hasDrafts ? add(draft.output, draft.input) : ZERO;
  const finalExact = mul(finalGenerations, costPerFinalImage);
  const draftExact = mul(draftGenerations, costPerDraftImage);
  const finalCost = roundToMicro(finalExact);
  const draftCost = roundToMicro(draftExact);
  const totalCost = finalCost + draftCost;
  const totalExact = add(finalExact, draftExact);
  let inputShare = 0;
  if (totalExact.units !== 0n && (final.input.units !== 0n || draft.input.units !== 0n)) {
    const inputExact = add(mul(finalGenerations, final.input), mul(draftGenerations, draft.input));
    inputShare = toFloat(inputExact) / toFloat(totalExact);
  } else if (totalExact.units < 0n) {
    inputShare = -0; // 0 / a negative total, as the division gives
  }

  const creditsPerFinalImage = final.credits;
  const creditsPerDraftImage = hasDrafts ? draft.credits : creditsPerFinalImage === null ? null : ZERO;
  const credits =
    creditsPerFinalImage === null ? null : roundToMicro(add(mul(finalGenerations, creditsPerFinalImage), mul(draftGenerations, creditsPerDraftImage ?? ZERO)));

  const requests = ceilDivExact(finalGenerations, inputs.nPerRequest) + ceilDivExact(draftGenerations, inputs.nPerRequest);

  return {
    ok: true,
    errors: r.errors,
    warnings: r.warnings,
    assumptions: r.assumptions,
    priceEntryIds: r.priceEntryIds,
    sizeKey: r.sizeKey,
    quality: r.quality,
    draftQuality: r.draftQuality,
    finalGenerations,
    draftGenerations,
    requests,
    outputTokensPerFinal: r.outputTokensPerFinal,
    outputTokensPerDraft: r.outputTokensPerDraft,
    textInputTokensPerImage: r.textTokens,
    imageInputTokensPerImage: r.imageTokens,
    costPerFinalImage,
    costPerDraftImage,
    inputCostPerImage: final.input,
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

const EXACT_FLOAT_POWERS = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22];
const MAX_EXACT_FLOAT_INT = 9_007_199_254_740_991n;

/**
 * The nearest float to an exact value, as toNumber gives, without building its decimal text: below 2^53
 * units and 10^22 the integer and the power of ten are exact floats, so one division rounds correctly.
 */
export function toFloat(e: Exact): number {
  const power = EXACT_FLOAT_POWERS[e.scale];
  if (power !== undefined && e.units <= MAX_EXACT_FLOAT_INT && e.units >= -MAX_EXACT_FLOAT_INT) return Number(e.units) / power;
  return Number(`${e.units}e-${e.scale}`);
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

interface BlendedRates {
  readonly text: Exact;
  readonly image: Exact;
}

// Per rate card, the text and image input rates blended for each cached share (0-100 %).
const blendedByRates = new WeakMap<ExactTokenRates, BlendedRates[]>();

function blendedRates(rates: ExactTokenRates, cachedPct: number): BlendedRates {
  let byPct = blendedByRates.get(rates);
  if (!byPct) {
    byPct = [];
    blendedByRates.set(rates, byPct);
  }
  let hit = byPct[cachedPct];
  if (!hit) {
    const blend = (rate: Exact, cached: Exact | null) => add(mulInt(rate, 100 - cachedPct), mulInt(cached ?? rate, cachedPct));
    const imageRate = rates.imageInput ?? ZERO;
    hit = { text: blend(rates.textInput, rates.textCachedInput), image: blend(imageRate, rates.imageCachedInput) };
    byPct[cachedPct] = hit;
  }
  return hit;
}

const referenceTokensByModel = new WeakMap<ModelSpec, Map<string, number | null>>();

/** Input tokens for one reference image of the given size text, or null when the text is not a size. */
function referenceTokensCached(model: ModelSpec, text: string): number | null {
  let table = referenceTokensByModel.get(model);
  if (!table) {
    table = new Map();
    referenceTokensByModel.set(model, table);
  }
  const hit = table.get(text);
  if (hit !== undefined) return hit;
  const size = resolveReferenceSize(text);
  const tokens = size === null ? null : referenceImageTokens(model, size);
  if (table.size >= MAX_SHAPES) table.clear();
  table.set(text, tokens);
  return tokens;
}

/**
 * What a row's model, surface, price entry, size, qualities and partial images fix: prices, output tokens
 * and output costs per image, with inputs left out. Identical for every row making the same choices, so
 * it is worked out once per price book, date and combination.
 */
interface OutputShape {
  readonly pricing: ResolvedPricing;
  readonly priceEntryIds: readonly string[];
  readonly sizeKey: string;
  readonly quality: string;
  readonly draftQuality: string | null;
  readonly outputTokensPerFinal: number | null;
  readonly outputTokensPerDraft: number | null;
  /** Size, price and partial-image warnings, in the reference path's order. */
  readonly warnings: readonly string[];
  /** Size, quality, draft quality and token-basis assumptions, in the reference path's order. */
  readonly assumptions: readonly string[];
  /** Per-image costs with no inputs (input ZERO); token-priced rows add theirs. */
  readonly final: PerImage;
  readonly draft: PerImage;
  /** Output cost before the entry's conversion and discount (credits over tokens need it). */
  readonly rawFinalOutput: Exact;
  readonly rawDraftOutput: Exact;
}

/**
 * Shapes by price book, then by the row's own field values one level at a time: the row's strings keep
 * their hash codes between lookups, where a joined key string would be built and hashed for every row.
 */
/**
 * Shapes by price book and date, then by price entry pin and size text, then by one small integer made
 * of the model, surface, quality, draft quality and partial-image choices. Looking up row after row
 * through the same book, date and pin reuses the last node, so a row costs two map lookups.
 */
interface ShapeTable {
  readonly bySize: Map<string, Map<number, OutputShape | null>>;
}
const shapeTables = new WeakMap<PriceBook, Map<string, ShapeTable>>();
const MAX_SHAPES = 50_000;
let shapeCount = 0;
let lastTable: { book: PriceBook; tableKey: string; table: ShapeTable } | null = null;

const MODEL_INDEX = new Map(MODEL_SPECS.map((m, i) => [m.id, i]));

function shapeTable(book: PriceBook, tableKey: string): ShapeTable {
  if (lastTable !== null && lastTable.book === book && lastTable.tableKey === tableKey) return lastTable.table;
  let byKey = shapeTables.get(book);
  if (!byKey) {
    byKey = new Map();
    shapeTables.set(book, byKey);
  }
  let table = byKey.get(tableKey);
  if (!table) {
    table = { bySize: new Map() };
    byKey.set(tableKey, table);
  }
  lastTable = { book, tableKey, table };
  return table;
}

/** The row's output shape, or null when the row has a problem (the reference path then reports it). */
function outputShape(model: ModelSpec, inputs: RowInputs, hasDrafts: boolean, ctx: EstimateContext): OutputShape | null {
  const modelIndex = MODEL_INDEX.get(model.id) ?? -1;
  const surfaceIndex = BILLING_SURFACES.indexOf(inputs.surface);
  const qualityIndex = model.qualities.indexOf(inputs.quality);
  const draftQualityIndex = hasDrafts ? model.qualities.indexOf(inputs.draftQuality ?? model.draftQuality) + 1 : 0;
  const partial = inputs.partialImages;
  // Anything out of range (an unknown quality, say) is a row with a problem: the reference path reports it.
  if (modelIndex < 0 || surfaceIndex < 0 || qualityIndex < 0 || draftQualityIndex < 0 || (hasDrafts && draftQualityIndex === 0) || partial < 0 || partial > 15) return null;
  const choice = ((((modelIndex * 8 + surfaceIndex) * 16 + qualityIndex) * 16 + draftQualityIndex) * 16 + partial) | 0;

  const table = shapeTable(ctx.priceBook, inputs.priceEntryId === null ? ctx.asOf : `${ctx.asOf}|${inputs.priceEntryId}`);
  let byChoice = table.bySize.get(inputs.size);
  if (!byChoice) {
    byChoice = new Map();
    table.bySize.set(inputs.size, byChoice);
  }
  const hit = byChoice.get(choice);
  if (hit !== undefined) return hit;
  const shape = buildOutputShape(model, inputs, hasDrafts, ctx);
  if (++shapeCount > MAX_SHAPES) {
    shapeCount = 0;
    table.bySize.clear(); // bounded memory: this table starts afresh
  }
  byChoice.set(choice, shape);
  return shape;
}

function buildOutputShape(model: ModelSpec, inputs: RowInputs, hasDrafts: boolean, ctx: EstimateContext): OutputShape | null {
  const size = resolveSizeCached(model, inputs.size);
  const quality = resolveQuality(model, inputs.quality);
  const draftQuality = hasDrafts ? resolveQuality(model, inputs.draftQuality ?? model.draftQuality) : quality;
  const price = resolvePriceCached(ctx.priceBook, { model: model.id, surface: inputs.surface, date: ctx.asOf, entryId: inputs.priceEntryId });
  if (!size.ok || !quality.ok || !draftQuality.ok || !price.ok) return null;
  const partial = model.supportsPartialImages ? inputs.partialImages : 0;
  const finalTokens = outputTokensPerImage(model, size.value.size, quality.value.quality, partial);
  const draftTokens = outputTokensPerImage(model, size.value.size, draftQuality.value.quality, partial);
  if (!finalTokens.ok || !draftTokens.ok) return null;
  const pricing = price.value.pricing;
  const tableKey = sizeKey(size.value.size);
  const costs = (q: string, tokens: number | null) => costsPerImage(pricing, model, size.value.size, tableKey, q, tokens, partial, 0, 0, 0);
  const final = costs(quality.value.quality, finalTokens.value.tokens);
  const draft = hasDrafts ? costs(draftQuality.value.quality, draftTokens.value.tokens) : { value: noDraftCosts(pricing) };
  if ('error' in final || 'error' in draft) return null;
  const rawOutput = (q: string, tokens: number | null): Exact => {
    if (pricing.kind !== 'credits-over-tokens') return ZERO;
    const c = rawTokenCosts(pricing.rates, pricing.perImageOutput, model, tableKey, q, tokens, partial, 0, 0, 0);
    return 'error' in c ? ZERO : c.output;
  };

  const warnings = [...size.value.warnings, ...price.value.warnings];
  if (inputs.partialImages > 0 && !model.supportsPartialImages) warnings.push(`${model.id} does not stream partial images; ignored`);
  const assumptions = [...size.value.assumptions];
  if (quality.value.assumption) assumptions.push(quality.value.assumption);
  if (hasDrafts && draftQuality.value.assumption) assumptions.push(`draft ${draftQuality.value.assumption}`);
  if (finalTokens.value.estimate) assumptions.push(finalTokens.value.basis);
  return {
    pricing,
    priceEntryIds: price.value.entryIds,
    sizeKey: size.value.key,
    quality: quality.value.quality,
    draftQuality: hasDrafts ? draftQuality.value.quality : null,
    outputTokensPerFinal: finalTokens.value.tokens,
    outputTokensPerDraft: hasDrafts ? draftTokens.value.tokens : null,
    warnings,
    assumptions,
    final: final.value,
    draft: draft.value,
    rawFinalOutput: rawOutput(quality.value.quality, finalTokens.value.tokens),
    rawDraftOutput: hasDrafts ? rawOutput(draftQuality.value.quality, draftTokens.value.tokens) : ZERO,
  };
}

function resolveReferenceSize(text: string): Size | null {
  const s = parseSizeTextCached(text);
  return s !== null && s.width > 0 && s.height > 0 ? s : null;
}


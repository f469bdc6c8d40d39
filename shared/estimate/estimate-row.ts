import { type Exact, ZERO, add, mul, mulInt, pow10 } from '../money/exact';
import { MAX_MICRO_TEXT, type Micro, roundMicroDivided, roundScaledToMicro, roundToMicro, toMicro } from '../money/rounding';
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

/**
 * Everything the grid, the CLI and the workbook show for one row. Row money in micro-USD as exact JS
 * integers (below 2^53 micro-units: a row beyond that is a row error); per-image prices and generations
 * are exact decimals.
 */
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

/** An estimate for a row that cannot be priced, saying why. */
export function rowError(issue: RowIssue, warnings: readonly string[], assumptions: readonly string[]): RowEstimate {
  return emptyEstimate([issue], warnings, assumptions);
}

function emptyEstimate(errors: readonly RowIssue[], warnings: readonly string[], assumptions: readonly string[]): RowEstimate {
  return {
    ok: false,
    errors,
    warnings,
    assumptions,
    priceEntryIds: NO_IDS,
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
    finalCost: 0,
    draftCost: 0,
    totalCost: 0,
    costPerApprovedFinal: null,
    inputShare: 0,
    creditsPerFinalImage: null,
    creditsPerDraftImage: null,
    credits: null,
  };
}

const NO_IDS: readonly string[] = Object.freeze([]);

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

/** One image's output cost: as billed (after conversion and discount), before them, and its fixed credits. */
interface OutputCost {
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
  if (outputTokens !== null) return tokenCost(outputTokens, rates.imageOutput, null, 0);
  const grid = perImageOutput ? lookupTable(perImageOutput, quality, sizeKey) : undefined;
  if (!grid) return { error: `no output price for ${model.id} at ${sizeKey} ${quality}` };
  const partial = model.supportsPartialImages ? partialImages * 100 : 0;
  return add(grid, tokenCost(partial, rates.imageOutput, null, 0));
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
      const raw = rawOutputCost(pricing.rates, pricing.perImageOutput, model, sizeKey, quality, outputTokens, partialImages);
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
function inputFactor(pricing: ResolvedPricing): Exact {
  if (pricing.kind === 'credits-over-tokens') return mul(mul(pricing.creditsPerTokenUsd, pricing.usdPerCredit), pricing.multiplier);
  return pricing.multiplier;
}

/**
 * What a price and a row's model, size, qualities and partial images fix per image, inputs aside. The
 * same for every row making those choices; each row adds its own inputs (perImageCosts).
 */
interface CostBasis {
  readonly pricing: ResolvedPricing;
  readonly hasDrafts: boolean;
  readonly final: OutputCost;
  /** ZERO output (and ZERO credits when billed in credits) without a draft pass. */
  readonly draft: OutputCost;
  /** Token cost to USD (tokens and credits-over-tokens pricing). */
  readonly inputFactor: Exact;
  /** Token cost to credits (credits-over-tokens pricing). */
  readonly creditsFactor: Exact | null;
  /** Memo of fastBasis by cached share: the basis itself never changes. */
  readonly fastByPct: (FastBasis | null)[];
}

function costBasis(
  pricing: ResolvedPricing,
  model: ModelSpec,
  size: Size,
  sizeKey: string,
  quality: string,
  draftQuality: string | null,
  finalTokens: number | null,
  draftTokens: number | null,
  partialImages: number,
): CostBasis | { error: string } {
  const final = outputCost(pricing, model, size, sizeKey, quality, finalTokens, partialImages);
  if ('error' in final) return final;
  const billedInCredits = pricing.kind === 'credits-per-image' || pricing.kind === 'credits-over-tokens';
  const draft = draftQuality === null ? { output: ZERO, raw: ZERO, credits: billedInCredits ? ZERO : null } : outputCost(pricing, model, size, sizeKey, draftQuality, draftTokens, partialImages);
  if ('error' in draft) return draft;
  return {
    pricing,
    hasDrafts: draftQuality !== null,
    final,
    draft,
    inputFactor: inputFactor(pricing),
    creditsFactor: pricing.kind === 'credits-over-tokens' ? mul(pricing.creditsPerTokenUsd, pricing.multiplier) : null,
    fastByPct: [],
  };
}

/** A row's exact costs per image: its basis plus its own prompt and reference inputs. */
interface PerImageCosts {
  readonly final: Exact;
  readonly draft: Exact;
  readonly input: Exact;
  readonly finalCredits: Exact | null;
  readonly draftCredits: Exact | null;
}

function perImageCosts(basis: CostBasis, textTokens: number, imageTokens: number, cachedPct: number): PerImageCosts {
  const { pricing, final, draft, hasDrafts } = basis;
  if (pricing.kind !== 'tokens' && pricing.kind !== 'credits-over-tokens') {
    return { final: final.output, draft: draft.output, input: ZERO, finalCredits: final.credits, draftCredits: draft.credits };
  }
  const rates = blendedRates(pricing.rates, cachedPct);
  const raw = add(tokensAt(textTokens, rates.text), tokensAt(imageTokens, rates.image));
  const input = timesFactor(raw, basis.inputFactor);
  const credits = (o: OutputCost): Exact | null => (basis.creditsFactor === null ? null : mul(add(o.raw, raw), basis.creditsFactor));
  return {
    final: add(final.output, input),
    draft: hasDrafts ? add(draft.output, input) : ZERO,
    input,
    finalCredits: credits(final),
    draftCredits: hasDrafts ? credits(draft) : draft.credits,
  };
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
 * inputs and volumes, in exact integer arithmetic on numbers when every step provably fits (else in
 * BigInt), and keeps no heap objects of its own besides the estimate (see PricedRow). Rows with any
 * problem take estimateRowReference, which reports every error in order and prices in BigInt only; both
 * use the same functions, and a property test holds them to identical estimates, every field.
 */
export function estimateRow(inputs: RowInputs, ctx: EstimateContext): RowEstimate {
  const model = findModel(inputs.model);
  if (!model || inputs.nPerRequest > model.nMax) return estimateRowReference(inputs, ctx);
  const k = parseExactCached(inputs.iterationFactor);
  const drafts = parseExactCached(inputs.draftsPerFinal);
  if (k === null || drafts === null || k.units < pow10(k.scale)) return estimateRowReference(inputs, ctx);
  const hasDrafts = drafts.units !== 0n;
  const shape = outputShape(model, inputs, hasDrafts, ctx);
  const tokensPerReference = inputs.referenceImages > 0 ? referenceTokensCached(model, inputs.referenceSize) : 0;
  if (shape === null || tokensPerReference === null) return estimateRowReference(inputs, ctx);
  return estimateWithShape(inputs, model, k, drafts, shape, tokensPerReference, true);
}

/**
 * The reference path: resolves everything for this one row, collecting every error in field order, and
 * works out row money in BigInt arithmetic only. estimateRow gives the same result for every row; it
 * uses this path for rows with problems.
 */
export function estimateRowReference(inputs: RowInputs, ctx: EstimateContext): RowEstimate {
  const errors: RowIssue[] = [];
  const model = findModel(inputs.model);
  if (!model) {
    errors.push({ field: 'model', message: `unknown model "${inputs.model}"` });
    return emptyEstimate(errors, [], []);
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
  if (errors.length > 0 || reference === null) return emptyEstimate(errors, [], []);

  const shape = buildOutputShape(model, inputs, hasDrafts, ctx);
  if ('issue' in shape) return emptyEstimate([shape.issue], shape.warnings, shape.assumptions);
  return estimateWithShape(inputs, model, k, drafts, shape, referenceImageTokens(model, reference), false);
}

/** A row priced from its output shape: adds the row's own inputs, notes and volumes. */
function estimateWithShape(
  inputs: RowInputs,
  model: ModelSpec,
  k: Exact,
  drafts: Exact,
  shape: OutputShape,
  tokensPerReference: number,
  inNumbers: boolean,
): RowEstimate {
  const refs = inputs.referenceImages;
  let textTokens = inputs.promptTokens ?? 0;
  const promptEstimated = inputs.promptTokens === null && inputs.promptChars !== null;
  if (promptEstimated && inputs.promptChars !== null) textTokens = estimatePromptTokens(inputs.promptChars);
  const imageTokens = refs * tokensPerReference;
  const referencesUnpriced = refs > 0 && model.referenceImages.kind === 'unsupported';
  const cachedShareIgnored = inputs.cachedSharePct > 0 && inputs.surface !== 'responses';
  const cachedPct = cachedShareIgnored ? 0 : inputs.cachedSharePct;
  const inputsPerImage = inputs.nPerRequest > 1 && (textTokens > 0 || imageTokens > 0);
  const notes =
    (referencesUnpriced ? NOTE_REFERENCES_UNPRICED : 0) |
    (cachedShareIgnored ? NOTE_CACHED_SHARE_IGNORED : 0) |
    (promptEstimated ? NOTE_PROMPT_ESTIMATED : 0) |
    (refs > 0 && !referencesUnpriced ? NOTE_REFERENCE_BASIS : 0) |
    (inputsPerImage ? NOTE_INPUTS_PER_IMAGE : 0);
  const basis = shape.basis;
  const money =
    'error' in basis
      ? null
      : rowMoney(inNumbers, basis, k, drafts, inputs.finals, inputs.nPerRequest, textTokens, imageTokens, cachedPct);
  if (money === null) {
    const issue: RowIssue = 'error' in basis ? { field: 'price', message: basis.error } : { field: 'finals', message: TOO_LARGE };
    return emptyEstimate([issue], rowWarnings(shape, model, notes), rowAssumptions(shape, model, notes, inputs.promptChars, textTokens));
  }
  return new PricedRow(shape, model, k, drafts, inputs.finals, inputs.nPerRequest, textTokens, imageTokens, cachedPct, notes, inputs.promptChars, inNumbers, money);
}

/** The shape's warnings plus the row's own (shared, not copied, when the row adds none). */
function rowWarnings(shape: OutputShape, model: ModelSpec, notes: number): readonly string[] {
  if ((notes & (NOTE_REFERENCES_UNPRICED | NOTE_CACHED_SHARE_IGNORED)) === 0) return shape.warnings;
  const own = shape.warnings.slice();
  if (notes & NOTE_REFERENCES_UNPRICED) own.push(`reference images are not priced for ${model.id}`);
  if (notes & NOTE_CACHED_SHARE_IGNORED) own.push('cached input rates apply only through the Responses API: the cached share is ignored on this surface');
  return own;
}

/** The shape's assumptions plus the row's own (shared, not copied, when the row adds none). */
function rowAssumptions(shape: OutputShape, model: ModelSpec, notes: number, promptChars: number | null, textTokens: number): readonly string[] {
  if ((notes & (NOTE_PROMPT_ESTIMATED | NOTE_REFERENCE_BASIS | NOTE_INPUTS_PER_IMAGE)) === 0) return shape.assumptions;
  const own = shape.assumptions.slice();
  if (notes & NOTE_PROMPT_ESTIMATED) own.push(`prompt tokens estimated as ${promptChars} characters / 4 = ${textTokens}`);
  if (notes & NOTE_REFERENCE_BASIS && model.referenceImages.kind !== 'unsupported') own.push(model.referenceImages.basis);
  if (notes & NOTE_INPUTS_PER_IMAGE) own.push('input tokens are billed for every image generated (n > 1 bills like separate calls: community finding)');
  return own;
}

// What a row adds to its shape's warnings and assumptions, as bits: the notes are written out when read.
const NOTE_REFERENCES_UNPRICED = 1;
const NOTE_CACHED_SHARE_IGNORED = 2;
const NOTE_PROMPT_ESTIMATED = 4;
const NOTE_REFERENCE_BASIS = 8;
const NOTE_INPUTS_PER_IMAGE = 16;

/** A row's money and requests, as its estimate keeps them. */
interface RowMoney {
  readonly finalCost: Micro;
  readonly draftCost: Micro;
  readonly totalCost: Micro;
  readonly credits: Micro | null;
  readonly inputShare: number;
  readonly requests: number;
}

/** Row money: on numbers when the row allows it and every step is provably exact, else exactly with BigInt. */
function rowMoney(
  inNumbers: boolean,
  ...args: Parameters<typeof rowMoneyExact>
): RowMoney | null {
  return (inNumbers ? rowMoneyInNumbers(...args) : undefined) ?? rowMoneyExact(...args);
}

/**
 * Row money by the formulas in estimateRow's comment: exact BigInt products, each rounded once with the
 * one rule. Null when an amount is beyond MAX_MICRO (it could not be kept exactly).
 */
function rowMoneyExact(
  basis: CostBasis,
  k: Exact,
  drafts: Exact,
  finals: number,
  nPerRequest: number,
  textTokens: number,
  imageTokens: number,
  cachedPct: number,
): RowMoney | null {
  const hasDrafts = basis.hasDrafts;
  const costs = perImageCosts(basis, textTokens, imageTokens, cachedPct);
  const finalGenerations = mulInt(k, finals);
  const draftGenerations = hasDrafts ? mulInt(drafts, finals) : ZERO;
  const finalExact = mul(finalGenerations, costs.final);
  const draftExact = mul(draftGenerations, costs.draft);
  const finalCost = toMicro(roundToMicro(finalExact));
  const draftCost = toMicro(roundToMicro(draftExact));
  const totalCost = finalCost === null || draftCost === null ? null : toMicro(BigInt(finalCost) + BigInt(draftCost));
  const credits =
    costs.finalCredits === null ? null : toMicro(roundToMicro(add(mul(finalGenerations, costs.finalCredits), mul(draftGenerations, costs.draftCredits ?? ZERO))));
  if (finalCost === null || draftCost === null || totalCost === null || (costs.finalCredits !== null && credits === null)) return null;
  const totalExact = add(finalExact, draftExact);
  let inputShare = 0;
  if (totalExact.units !== 0n && costs.input.units !== 0n) {
    const inputExact = add(mul(finalGenerations, costs.input), mul(draftGenerations, hasDrafts ? costs.input : ZERO));
    inputShare = toFloat(inputExact) / toFloat(totalExact);
  } else if (totalExact.units < 0n) {
    inputShare = -0; // 0 / a negative total, as the division gives
  }
  const requests = ceilDivExact(finalGenerations, nPerRequest) + ceilDivExact(draftGenerations, nPerRequest);
  return { finalCost, draftCost, totalCost, credits, inputShare, requests };
}

/**
 * rowMoneyExact's results in exact integer arithmetic on numbers, for the usual row whose every
 * intermediate is a safe integer (below 2^53: then a product or sum that comes out safe is exact). Each
 * per-image value is scaled once per price and cached share to one common scale (FastBasis), so a row
 * costs a few multiplications. Undefined whenever any step is not provably exact: rowMoneyExact then
 * works it out. The property test holding estimateRow to estimateRowReference holds this to that.
 */
function rowMoneyInNumbers(
  basis: CostBasis,
  k: Exact,
  drafts: Exact,
  finals: number,
  nPerRequest: number,
  textTokens: number,
  imageTokens: number,
  cachedPct: number,
): RowMoney | undefined {
  const f = fastBasis(basis, cachedPct);
  if (f === null) return undefined;
  const hasDrafts = basis.hasDrafts;
  const safe = Number.isSafeInteger;
  const textRaw = textTokens * f.textRate;
  const imageRaw = imageTokens * f.imageRate;
  const rawTokens = textRaw + imageRaw;
  const input = rawTokens * f.inputPerRaw;
  const finalPerImage = f.finalOutput + input;
  const draftPerImage = hasDrafts ? f.draftOutput + input : 0;
  const finalGenerations = Number(k.units) * finals;
  const draftGenerations = hasDrafts ? Number(drafts.units) * finals : 0;
  const draftScale = hasDrafts ? drafts.scale : k.scale;
  const finalUnits = finalGenerations * finalPerImage;
  const draftUnits = draftGenerations * draftPerImage;
  if (
    !(safe(textRaw) && safe(imageRaw) && safe(rawTokens) && safe(input) && safe(finalPerImage) && safe(draftPerImage)) ||
    !(safe(finalGenerations) && safe(draftGenerations) && finalGenerations >= 0 && draftGenerations >= 0 && safe(finalUnits) && safe(draftUnits))
  ) {
    return undefined;
  }
  const finalCost = roundScaledToMicro(finalUnits, k.scale + f.scale);
  const draftCost = roundScaledToMicro(draftUnits, draftScale + f.scale);
  if (finalCost === undefined || draftCost === undefined || !safe(finalCost + draftCost)) return undefined;

  // Finals and drafts aligned to one scale, for the credits and the input share.
  const scale = Math.max(k.scale, draftScale);
  const finalAlign = EXACT_FLOAT_POWERS[scale - k.scale] ?? NaN;
  const draftAlign = EXACT_FLOAT_POWERS[scale - draftScale] ?? NaN;
  let credits: Micro | null = null;
  if (f.credits !== null) {
    const c = f.credits;
    const finalCredits = c.final + rawTokens * c.perRaw;
    const draftCredits = hasDrafts ? c.draft + rawTokens * c.perRaw : 0;
    const a = finalGenerations * finalAlign * finalCredits;
    const b = draftGenerations * draftAlign * draftCredits;
    if (!(safe(finalCredits) && safe(draftCredits) && safe(a) && safe(b) && safe(a + b))) return undefined;
    const rounded = roundScaledToMicro(a + b, scale + c.scale);
    if (rounded === undefined) return undefined;
    credits = rounded;
  }
  const total = finalUnits * finalAlign + draftUnits * draftAlign;
  let inputShare = 0;
  if (total !== 0 && input !== 0) {
    const inputUnits = (finalGenerations * finalAlign + draftGenerations * draftAlign) * input;
    const power = EXACT_FLOAT_POWERS[scale + f.scale];
    if (!safe(total) || !safe(inputUnits) || power === undefined) return undefined;
    inputShare = inputUnits / power / (total / power);
  } else if (total < 0) {
    inputShare = -0; // 0 / a negative total, as the division gives
  }
  const finalPerRequest = (EXACT_FLOAT_POWERS[k.scale] ?? NaN) * nPerRequest;
  const draftPerRequest = (EXACT_FLOAT_POWERS[draftScale] ?? NaN) * nPerRequest;
  if (!safe(finalPerRequest) || !safe(draftPerRequest)) return undefined;
  const requests = ceilDivide(finalGenerations, finalPerRequest) + ceilDivide(draftGenerations, draftPerRequest);
  return { finalCost, draftCost, totalCost: finalCost + draftCost, credits, inputShare, requests };
}

/** ceil(a / b) for a safe non-negative integer a and a positive safe integer b, exactly. */
function ceilDivide(a: number, b: number): number {
  if (a === 0) return 0;
  const q = Math.floor(a / b); // off by at most one; a - q * b is exact below 2^53
  const r = a - q * b;
  if (r > 0 && r < b && a + b <= Number.MAX_SAFE_INTEGER) return q + 1;
  if (r === 0 && a + b <= Number.MAX_SAFE_INTEGER) return q;
  const remainder = a % b;
  return (a - remainder) / b + (remainder > 0 ? 1 : 0);
}

/**
 * A cost basis for one cached share, as safe integers at fixed scales: per-image costs at `scale`, and
 * the factors that turn a row's raw token units (tokens x blended rate) into cost and credit units.
 */
interface FastBasis {
  /** Blended text and image input rates (x100, USD per 1M tokens) at one common scale. */
  readonly textRate: number;
  readonly imageRate: number;
  readonly scale: number;
  readonly finalOutput: number;
  readonly draftOutput: number;
  readonly inputPerRaw: number;
  readonly credits: { readonly scale: number; readonly final: number; readonly draft: number; readonly perRaw: number } | null;
}

function fastBasis(basis: CostBasis, cachedPct: number): FastBasis | null {
  const byPct = basis.fastByPct;
  let hit = byPct[cachedPct];
  if (hit === undefined) {
    hit = buildFastBasis(basis, cachedPct);
    byPct[cachedPct] = hit;
  }
  return hit;
}

function buildFastBasis(basis: CostBasis, cachedPct: number): FastBasis | null {
  const { pricing, final, draft } = basis;
  const tokenPriced = pricing.kind === 'tokens' || pricing.kind === 'credits-over-tokens';
  const rates = tokenPriced ? blendedRates(pricing.rates, cachedPct) : { text: ZERO, image: ZERO };
  // Each group at one scale, with the digits all its values end in dropped: smaller numbers keep more
  // rows' products below 2^53.
  const r = withoutCommonZeros([rates.text, rates.image]);
  const rawScale = r.scale + PER_MILLION_SCALE + PERCENT_SCALE;
  const factor = tokenPriced ? basis.inputFactor : ZERO;
  const inputScale = rawScale + factor.scale;
  const c = withoutCommonZeros([final.output, draft.output, { units: factor.units, scale: inputScale }]);
  const scale = c.scale;
  // Units of `e` at a scale at least its own, as a safe integer, or null.
  const at = (e: Exact, target: number): number | null => safeNumber(e.units * pow10(target - e.scale));
  const [textRate = null, imageRate = null] = r.units.map(safeNumber);
  const [finalOutput = null, draftOutput = null, inputPerRaw = null] = c.units.map(safeNumber);
  if (textRate === null || imageRate === null || finalOutput === null || draftOutput === null || inputPerRaw === null) return null;
  let credits: FastBasis['credits'] = null;
  if (basis.creditsFactor !== null) {
    const cf = basis.creditsFactor;
    const base = Math.max(final.raw.scale, draft.raw.scale, rawScale);
    const perRaw = safeNumber(cf.units * pow10(base - rawScale));
    const f = safeNumber(final.raw.units * pow10(base - final.raw.scale) * cf.units);
    const d = safeNumber(draft.raw.units * pow10(base - draft.raw.scale) * cf.units);
    if (perRaw === null || f === null || d === null) return null;
    credits = { scale: base + cf.scale, final: f, draft: d, perRaw };
  } else if (final.credits !== null) {
    const draftCredits = draft.credits ?? ZERO;
    const cs = Math.max(final.credits.scale, draftCredits.scale);
    const f = at(final.credits, cs);
    const d = at(draftCredits, cs);
    if (f === null || d === null) return null;
    credits = { scale: cs, final: f, draft: d, perRaw: 0 };
  }
  return { textRate, imageRate, scale, finalOutput, draftOutput, inputPerRaw, credits };
}

/** The values' units at their largest scale, less the trailing zero digits they all share. */
function withoutCommonZeros(values: readonly Exact[]): { units: bigint[]; scale: number } {
  let scale = Math.max(...values.map((v) => v.scale));
  let units = values.map((v) => v.units * pow10(scale - v.scale));
  while (scale > 0 && units.every((u) => u % 10n === 0n)) {
    units = units.map((u) => u / 10n);
    scale -= 1;
  }
  return { units, scale };
}

/** An integer as a number when that is exact (below 2^53 either way), else null. */
function safeNumber(n: bigint): number | null {
  return n <= MAX_EXACT_FLOAT_INT && n >= -MAX_EXACT_FLOAT_INT ? Number(n) : null;
}

// factor x finals, shared: a plan has few distinct factors and finals, and totals read every row's.
const generationsByFactor = new WeakMap<Exact, Map<number, Exact>>();
const MAX_GENERATIONS_PER_FACTOR = 10_000;

function generations(factor: Exact, finals: number): Exact {
  let byFinals = generationsByFactor.get(factor);
  if (!byFinals) {
    byFinals = new Map();
    generationsByFactor.set(factor, byFinals);
  }
  let hit = byFinals.get(finals);
  if (!hit) {
    hit = mulInt(factor, finals);
    if (byFinals.size >= MAX_GENERATIONS_PER_FACTOR) byFinals.clear();
    byFinals.set(finals, hit);
  }
  return hit;
}

const TOO_LARGE = `this row costs more than ${MAX_MICRO_TEXT}, the most a row can cost and stay exact: lower the finals or split the row`;

/**
 * A priced row's estimate as kept: a few numbers, plus references shared with every row making the same
 * choices (its shape, model and factors), so a plan of 100k estimates holds no BigInts, arrays or strings
 * of its own: each would be a heap object for the collector to trace, and that was the engine's main
 * cost. Generations, per-image prices, the input share and the row's own notes are worked out when read,
 * by the same functions that priced the row.
 */
export class PricedRow implements RowEstimate {
  readonly finalCost: Micro;
  readonly draftCost: Micro;
  readonly credits: Micro | null;
  readonly requests: number;

  constructor(
    readonly shape: OutputShape,
    readonly model: ModelSpec,
    readonly iterationFactor: Exact,
    readonly draftsPerFinal: Exact,
    private readonly finals: number,
    private readonly nPerRequest: number,
    readonly textInputTokensPerImage: number,
    readonly imageInputTokensPerImage: number,
    readonly cachedPct: number,
    readonly notes: number,
    private readonly promptChars: number | null,
    /** False for the reference path: money in BigInt arithmetic only, even when read later. */
    readonly inNumbers: boolean,
    money: Pick<RowMoney, 'finalCost' | 'draftCost' | 'credits' | 'requests'>,
  ) {
    this.finalCost = money.finalCost;
    this.draftCost = money.draftCost;
    this.credits = money.credits;
    this.requests = money.requests;
  }

  get ok(): true {
    return true;
  }

  get errors(): readonly RowIssue[] {
    return NO_ISSUES;
  }

  get totalCost(): Micro {
    return this.finalCost + this.draftCost; // checked safe when priced
  }

  get priceEntryIds(): readonly string[] {
    return this.shape.priceEntryIds;
  }

  get sizeKey(): string {
    return this.shape.sizeKey;
  }

  get quality(): string {
    return this.shape.quality;
  }

  get draftQuality(): string | null {
    return this.shape.draftQuality;
  }

  get outputTokensPerFinal(): number | null {
    return this.shape.outputTokensPerFinal;
  }

  get outputTokensPerDraft(): number | null {
    return this.shape.outputTokensPerDraft;
  }

  get warnings(): readonly string[] {
    return rowWarnings(this.shape, this.model, this.notes);
  }

  get assumptions(): readonly string[] {
    return rowAssumptions(this.shape, this.model, this.notes, this.promptChars, this.textInputTokensPerImage);
  }

  get costPerApprovedFinal(): Micro | null {
    return this.finals > 0 ? roundMicroDivided(this.totalCost, this.finals) : null;
  }

  get inputShare(): number {
    const basis = this.basis();
    if (basis === null) return 0;
    const money = rowMoney(this.inNumbers, basis, this.iterationFactor, this.draftsPerFinal, this.finals, this.nPerRequest, this.textInputTokensPerImage, this.imageInputTokensPerImage, this.cachedPct);
    return money?.inputShare ?? 0;
  }

  get finalGenerations(): Exact {
    return generations(this.iterationFactor, this.finals);
  }

  get draftGenerations(): Exact {
    const drafts = this.plannedDraftsPerFinal;
    return drafts === null ? ZERO : generations(drafts, this.finals);
  }

  /** Drafts per final when the row has a draft pass, else null. */
  get plannedDraftsPerFinal(): Exact | null {
    return this.basis()?.hasDrafts ? this.draftsPerFinal : null;
  }

  get costPerFinalImage(): Exact {
    return this.perImage()?.final ?? ZERO;
  }

  get costPerDraftImage(): Exact {
    return this.perImage()?.draft ?? ZERO;
  }

  get inputCostPerImage(): Exact {
    return this.perImage()?.input ?? ZERO;
  }

  get creditsPerFinalImage(): Exact | null {
    return this.perImage()?.finalCredits ?? null;
  }

  get creditsPerDraftImage(): Exact | null {
    return this.perImage()?.draftCredits ?? null;
  }

  private basis(): CostBasis | null {
    const basis = this.shape.basis;
    return 'error' in basis ? null : basis;
  }

  private perImage(): PerImageCosts | null {
    const basis = this.basis();
    return basis === null ? null : perImageCosts(basis, this.textInputTokensPerImage, this.imageInputTokensPerImage, this.cachedPct);
  }
}

/**
 * Many rows' estimates kept as columns (estimatePlan keeps a whole plan's this way): a row priced on the
 * number path keeps its numbers in typed arrays and its shared references (shape, factors) in plain
 * arrays, so a plan of 100k estimates retains no object per row for the collector to trace. Reading a row
 * builds its PricedRow from exactly what pricing it produced; any other estimate (an error, a row priced
 * in BigInt) is kept as it is.
 */
export class RowEstimateColumns {
  private readonly shapes: (OutputShape | undefined)[];
  private readonly models: (ModelSpec | undefined)[];
  private readonly factors: (Exact | undefined)[];
  private readonly drafts: (Exact | undefined)[];
  private readonly textTokens: Float64Array;
  private readonly imageTokens: Float64Array;
  /** cachedPct in the low byte, the row's note bits above it. */
  private readonly pctAndNotes: Int32Array;
  private readonly finalCost: Float64Array;
  private readonly draftCost: Float64Array;
  /** NaN for a row not billed in credits. */
  private readonly credits: Float64Array;
  private readonly requests: Float64Array;
  private readonly kept = new Map<number, RowEstimate>();

  constructor(readonly length: number) {
    this.shapes = new Array<OutputShape | undefined>(length);
    this.models = new Array<ModelSpec | undefined>(length);
    this.factors = new Array<Exact | undefined>(length);
    this.drafts = new Array<Exact | undefined>(length);
    this.textTokens = new Float64Array(length);
    this.imageTokens = new Float64Array(length);
    this.pctAndNotes = new Int32Array(length);
    this.finalCost = new Float64Array(length);
    this.draftCost = new Float64Array(length);
    this.credits = new Float64Array(length);
    this.requests = new Float64Array(length);
  }

  set(index: number, estimate: RowEstimate): void {
    if (!(estimate instanceof PricedRow) || !estimate.inNumbers) {
      this.kept.set(index, estimate);
      return;
    }
    this.kept.delete(index);
    this.shapes[index] = estimate.shape;
    this.models[index] = estimate.model;
    this.factors[index] = estimate.iterationFactor;
    this.drafts[index] = estimate.draftsPerFinal;
    this.textTokens[index] = estimate.textInputTokensPerImage;
    this.imageTokens[index] = estimate.imageInputTokensPerImage;
    this.pctAndNotes[index] = estimate.cachedPct | (estimate.notes << 8);
    this.finalCost[index] = estimate.finalCost;
    this.draftCost[index] = estimate.draftCost;
    this.credits[index] = estimate.credits ?? NaN;
    this.requests[index] = estimate.requests;
  }

  /** The estimate kept at `index`; `inputs` must be the inputs it was priced from. */
  get(index: number, inputs: RowInputs): RowEstimate {
    const kept = this.kept.get(index);
    if (kept !== undefined) return kept;
    const shape = this.shapes[index];
    const model = this.models[index];
    const factor = this.factors[index];
    const drafts = this.drafts[index];
    if (shape === undefined || model === undefined || factor === undefined || drafts === undefined) throw new RangeError(`no estimate kept for row ${index}`);
    const credits = this.credits[index] ?? NaN;
    const packed = this.pctAndNotes[index] ?? 0;
    const money = {
      finalCost: this.finalCost[index] ?? 0,
      draftCost: this.draftCost[index] ?? 0,
      credits: Number.isNaN(credits) ? null : credits,
      requests: this.requests[index] ?? 0,
    };
    return new PricedRow(shape, model, factor, drafts, inputs.finals, inputs.nPerRequest, this.textTokens[index] ?? 0, this.imageTokens[index] ?? 0, packed & 0xff, packed >>> 8, inputs.promptChars, true, money);
  }
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
export interface OutputShape {
  readonly priceEntryIds: readonly string[];
  readonly sizeKey: string;
  readonly quality: string;
  readonly draftQuality: string | null;
  readonly outputTokensPerFinal: number | null;
  readonly outputTokensPerDraft: number | null;
  /** Size, price and partial-image warnings, in the order the row's estimate lists them. */
  readonly warnings: readonly string[];
  /** Size, quality, draft quality and token-basis assumptions, in the same order. */
  readonly assumptions: readonly string[];
  /** Per-image costs, inputs aside, or why the price entry cannot price these choices. */
  readonly basis: CostBasis | { readonly error: string };
}

/** Why a row's choices have no shape, with the notes gathered up to that point. */
interface ShapeFailure {
  readonly issue: RowIssue;
  readonly warnings: readonly string[];
  readonly assumptions: readonly string[];
}
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
  const built = buildOutputShape(model, inputs, hasDrafts, ctx);
  const shape = 'issue' in built ? null : built;
  if (++shapeCount > MAX_SHAPES) {
    shapeCount = 0;
    table.bySize.clear(); // bounded memory: this table starts afresh
  }
  byChoice.set(choice, shape);
  return shape;
}


function buildOutputShape(model: ModelSpec, inputs: RowInputs, hasDrafts: boolean, ctx: EstimateContext): OutputShape | ShapeFailure {
  const failure = (field: RowIssue['field'], message: string): ShapeFailure => ({ issue: { field, message }, warnings: [], assumptions: [] });
  const size = resolveSizeCached(model, inputs.size);
  if (!size.ok) return failure('size', size.error);
  const quality = resolveQuality(model, inputs.quality);
  if (!quality.ok) return failure('quality', quality.error);
  const draftQuality = hasDrafts ? resolveQuality(model, inputs.draftQuality ?? model.draftQuality) : quality;
  if (!draftQuality.ok) return failure('draftQuality', draftQuality.error);
  const price = resolvePriceCached(ctx.priceBook, { model: model.id, surface: inputs.surface, date: ctx.asOf, entryId: inputs.priceEntryId });
  if (!price.ok) return failure('price', price.error);

  const warnings = [...size.value.warnings, ...price.value.warnings];
  const assumptions = [...size.value.assumptions];
  if (quality.value.assumption) assumptions.push(quality.value.assumption);
  if (hasDrafts && draftQuality.value.assumption) assumptions.push(`draft ${draftQuality.value.assumption}`);
  const partial = model.supportsPartialImages ? inputs.partialImages : 0;
  if (inputs.partialImages > 0 && !model.supportsPartialImages) warnings.push(`${model.id} does not stream partial images; ignored`);
  const finalTokens = outputTokensPerImage(model, size.value.size, quality.value.quality, partial);
  const draftTokens = outputTokensPerImage(model, size.value.size, draftQuality.value.quality, partial);
  if (!finalTokens.ok || !draftTokens.ok) {
    const message = !finalTokens.ok ? finalTokens.error : !draftTokens.ok ? draftTokens.error : '';
    return { issue: { field: 'quality', message }, warnings, assumptions };
  }
  if (finalTokens.value.estimate) assumptions.push(finalTokens.value.basis);
  const draftQualityPlanned = hasDrafts ? draftQuality.value.quality : null;
  return {
    priceEntryIds: price.value.entryIds,
    sizeKey: size.value.key,
    quality: quality.value.quality,
    draftQuality: draftQualityPlanned,
    outputTokensPerFinal: finalTokens.value.tokens,
    outputTokensPerDraft: hasDrafts ? draftTokens.value.tokens : null,
    warnings,
    assumptions,
    basis: costBasis(price.value.pricing, model, size.value.size, sizeKey(size.value.size), quality.value.quality, draftQualityPlanned, finalTokens.value.tokens, draftTokens.value.tokens, partial),
  };
}

function resolveReferenceSize(text: string): Size | null {
  const s = parseSizeTextCached(text);
  return s !== null && s.width > 0 && s.height > 0 ? s : null;
}


import { type Exact, ZERO, pow10 } from '../money/exact';
import { MAX_MICRO_TEXT, type Micro } from '../money/rounding';
import type { RowInputs } from '../plan/plan-schema';
import { FACTOR_BELOW_ONE, notAnImageSize } from '../plan/row-fields';
import type { PriceBook } from '../pricing/price-book';
import { parseExactCached, resolvePriceCached, resolveSizeCached } from './lookup-cache';
import { findModel, type ModelSpec } from './models';
import {
  buildOutputShape,
  choiceAtLowFidelity,
  choiceNumberOf,
  modelIndexOf,
  type OutputShape,
  referenceCounter,
  referenceUnitsCached,
  resolveReferenceSize,
  shapeSlot,
  shapeSlotOf,
  type ShapeTable,
  shapeTable,
} from './output-shape';
import {
  NOTE_CACHED_SHARE_IGNORED,
  NOTE_INPUTS_PER_IMAGE,
  NOTE_PROMPT_ESTIMATED,
  NOTE_REFERENCE_BASIS,
  NOTE_REFERENCES_UNPRICED,
  PricedRow,
  type RowEstimateColumns,
  rowAssumptions,
  rowWarnings,
} from './priced-row';
import { type NumberPath, type RowMoney, rowExcessExact, rowMoneyExact, rowMoneyOut } from './row-money';
import { estimatePromptTokens, resolveQuality } from './tokens';
import { isTemplateSize, partialTokensOf, type SizedBase, SizedShape, sizedBaseOf, sizedTemplate } from './sized-shape';
import { isLegalFlexibleSize, scanned, scanSizeText, type Size } from './sizes';

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

/** An estimate for a row that cannot be priced, saying why. */
export function rowError(issue: RowIssue, warnings: readonly string[], assumptions: readonly string[]): RowEstimate {
  return emptyEstimate([issue], warnings, assumptions);
}

function emptyEstimate(
  errors: readonly RowIssue[],
  warnings: readonly string[],
  assumptions: readonly string[],
): RowEstimate {
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
 * OutputShape in output-shape.ts), its per-image values kept flat as safe integers (see NumberPath in row-money.ts), as
 * are reference-image tokens and blended input rates; a row whose typed size only changes its output
 * tokens (gpt-image-2 and its family on a per-token price) skips the shape and is priced from the template
 * of its choices and its own width and height (see sized-shape.ts), so a plan whose every row has its own
 * size is no slower than one with a handful; each row then only adds its inputs and volumes,
 * in exact integer arithmetic on numbers when every step provably fits (else in BigInt), and keeps no
 * heap objects of its own besides the estimate (see PricedRow in priced-row.ts; a plan keeps even less,
 * see RowEstimateColumns). Rows with any problem take estimateRowReference, which reports every error in
 * order and prices in BigInt only; both use the same functions, and a property test holds them to
 * identical estimates, every field.
 */
export function estimateRow(inputs: RowInputs, ctx: EstimateContext): RowEstimate {
  const model = findModel(inputs.model);
  if (!model || inputs.nPerRequest > model.nMax) return estimateRowReference(inputs, ctx);
  const k = parseExactCached(inputs.iterationFactor);
  const drafts = parseExactCached(inputs.draftsPerFinal);
  if (k === null || drafts === null || k.units < pow10(k.scale)) return estimateRowReference(inputs, ctx);
  const hasDrafts = drafts.units !== 0n;
  const table = shapeTable(
    ctx.priceBook,
    inputs.priceEntryId === null ? ctx.asOf : `${ctx.asOf}|${inputs.priceEntryId}`,
  );
  if (scanSizeText(inputs.size)) {
    const sized = estimateSized(inputs, model, k, drafts, hasDrafts, table, ctx);
    if (sized !== null) return sized;
  }
  const slot = shapeSlot(table, model, inputs, hasDrafts, ctx);
  const shape = table.shapes[slot];
  if (shape === undefined || inputs.nPerRequest > shape.nMax) return estimateRowReference(inputs, ctx);
  const tokensPerReference =
    inputs.referenceImages > 0 ? referenceUnitsCached(shape.references, inputs.referenceSize) : 0;
  if (tokensPerReference === null) return estimateRowReference(inputs, ctx);
  // The shape's values are read from the table's number path, not through the shape object (see NumberPath).
  return estimateWithShape(inputs, model, k, drafts, shape, tokensPerReference, table.numbers, slot);
}

/**
 * A row whose typed size alone changes its output tokens (sized-shape.ts): priced from the template of
 * its choices and its own width and height. Null when no template covers it (the caller goes on).
 */
function estimateSized(
  inputs: RowInputs,
  model: ModelSpec,
  k: Exact,
  drafts: Exact,
  hasDrafts: boolean,
  table: ShapeTable,
  ctx: EstimateContext,
): RowEstimate | null {
  const { width, height } = scanned;
  const rule = model.sizes;
  if (rule.kind === 'flexible' && !isLegalFlexibleSize(rule, width, height)) return null;
  const template = sizedTemplate(table, model, inputs, hasDrafts, ctx);
  if (template === null || !isTemplateSize(template, width, height) || inputs.nPerRequest > template.shape.nMax)
    return null;
  const tokensPerReference =
    inputs.referenceImages > 0 ? referenceUnitsCached(template.shape.references, inputs.referenceSize) : 0;
  if (tokensPerReference === null) return null;
  const shape = new SizedShape(template, width, height);
  return estimateWithShape(inputs, model, k, drafts, shape, tokensPerReference, template.numbers, -1);
}

/** A size text resolved by the model's rules (an aspect preset, auto), or null when it is not a size. */
function resolvedSize(model: ModelSpec, text: string): Size | null {
  const resolved = resolveSizeCached(model, text);
  return resolved.ok ? resolved.value.size : null;
}

/** A factor as rows type it ("1.25"), read once: its exact value and its units as a number. */
export interface ParsedFactor {
  readonly exact: Exact;
  /** Number(exact.units): exact below 2^53, and the number path checks every product it makes of it. */
  readonly units: number;
  readonly scale: number;
  /** At least 1 (an iteration factor below 1 is a row error). */
  readonly atLeastOne: boolean;
}

const parsedFactors = new Map<string, ParsedFactor | null>();
const MAX_PARSED_FACTORS = 10_000; // factors are typed text: bound the table

/** The factor text parsed (parseExact), or null when it is not a number; kept in a table by text. */
export function parsedFactor(text: string): ParsedFactor | null {
  const hit = parsedFactors.get(text);
  if (hit !== undefined) return hit;
  const exact = parseExactCached(text);
  const parsed =
    exact === null
      ? null
      : { exact, units: Number(exact.units), scale: exact.scale, atLeastOne: exact.units >= pow10(exact.scale) };
  if (parsedFactors.size >= MAX_PARSED_FACTORS) parsedFactors.clear();
  parsedFactors.set(text, parsed);
  return parsed;
}

/**
 * estimateRow for a whole plan (estimatePlan), one row after another: a row priced on the number path is
 * written straight into `columns`, with no estimate, shape, money or BigInt of its own
 * (RowEstimateColumns builds the very PricedRow estimateRow would when the row is read), its money left
 * in rowMoneyOut and its factors in `factor` and `drafts`. Rows on no number path are left to estimateRow.
 *
 * This runs for every row of every plan estimate, often in a process that has just started: it reads
 * each field once, keeps the row's model and table from the row before when they are the same, and
 * parses the size text by hand, so even before the engine's code is optimised a row costs little.
 */
/** Model texts PlanRowPricer keeps looked up (a plan names a handful of models; typos make more). */
const RECENT_MODELS = 16;

export class PlanRowPricer {
  private modelText: string | null = null;
  private model: ModelSpec | undefined = undefined;
  private modelIndex = -1;
  /** Models met so far, by the text rows name them with (up to RECENT_MODELS): a plan mixes a few, row by row. */
  private readonly recentTexts: string[] = [];
  private readonly recentModels: (ModelSpec | undefined)[] = [];
  private readonly recentIndexes: number[] = [];
  /** The shape table of rows with no pinned price entry (most rows). */
  private readonly baseTable: ShapeTable;
  /** The factors of the row last priced. */
  factor: ParsedFactor | null = null;
  drafts: ParsedFactor | null = null;

  constructor(
    private readonly ctx: EstimateContext,
    private readonly columns: RowEstimateColumns,
  ) {
    this.baseTable = shapeTable(ctx.priceBook, ctx.asOf);
  }

  /** Prices the row at `index` into the columns: true on the number path, false when estimateRow must. */
  price(inputs: RowInputs, index: number): boolean {
    // estimateRow's steps, in its order, so a row leaves this path exactly where it leaves estimateRow's.
    const modelText = inputs.model;
    if (modelText !== this.modelText) this.switchModel(modelText);
    const model = this.model;
    if (model === undefined || inputs.nPerRequest > model.nMax) return false;
    const k = parsedFactor(inputs.iterationFactor);
    const drafts = parsedFactor(inputs.draftsPerFinal);
    if (k === null || drafts === null || !k.atLeastOne) return false;
    this.factor = k;
    this.drafts = drafts;
    const hasDrafts = drafts.units !== 0;
    const ctx = this.ctx;
    const table =
      inputs.priceEntryId === null ? this.baseTable : shapeTable(ctx.priceBook, `${ctx.asOf}|${inputs.priceEntryId}`);
    const choice = choiceNumberOf(this.modelIndex, model, inputs, hasDrafts);
    const rule = model.sizes;
    const typed = scanSizeText(inputs.size);
    // A size typed as WIDTHxHEIGHT, or else an aspect preset or auto, resolved to one.
    const size = typed ? scanned : resolvedSize(model, inputs.size);
    const width = size === null ? 0 : size.width;
    const height = size === null ? 0 : size.height;
    // Priced on the base its template shares with other partial-image counts and fidelities (SizedBase):
    // at a legal size of a flexible model, or one a fixed-size model lists (in its template's tokens).
    const base =
      size !== null && (rule.kind !== 'flexible' || isLegalFlexibleSize(rule, width, height))
        ? sizedBaseOf(table, choice, model, inputs, hasDrafts, ctx)
        : null;
    if (
      base !== null &&
      isTemplateSize(base.template, width, height) &&
      inputs.nPerRequest <= base.template.shape.nMax
    ) {
      const references = inputs.inputFidelity === 'high' ? base.referencesHigh : base.template.shape.references;
      const tokensPerReference =
        inputs.referenceImages > 0 ? referenceUnitsCached(references, inputs.referenceSize) : 0;
      if (tokensPerReference !== null) {
        if (this.priceOnBase(inputs, model, base, width, height, tokensPerReference)) {
          // A preset or auto is kept as the size it stands for: its own shape (which notes the preset) is
          // built only when its whole estimate is read.
          this.columns.setOnBase(index, base, !typed, width, height, model, k.exact, drafts.exact, own, rowMoneyOut);
          return true;
        }
        // From here on estimateRow takes estimateSized for a typed size: so must this path, or leave it whole.
        if (typed) return false;
      }
    }
    return this.priceShaped(inputs, index, model, table, choiceAtLowFidelity(choice), hasDrafts);
  }

  /**
   * Money of a row on a template's base at a width and height, into rowMoneyOut (true), the row's own
   * inputs into `own`; false when a step is not exact there.
   */
  private priceOnBase(
    inputs: RowInputs,
    model: ModelSpec,
    base: SizedBase,
    width: number,
    height: number,
    tokensPerReference: number,
  ): boolean {
    const k = this.factor as ParsedFactor;
    const drafts = this.drafts as ParsedFactor;
    const template = base.template;
    const rowOwn = ownInputs(inputs, template.shape.references.priced, tokensPerReference);
    const numbers = template.numbers;
    // The row's own record (its size's output cost), then its money from it: two calls, no wrapper.
    const slot = numbers.sizedSlot(template, width, height, partialTokensOf(model, inputs));
    return (
      slot >= 0 &&
      numbers.moneyOf(
        slot,
        k.units,
        k.scale,
        drafts.units,
        drafts.scale,
        inputs.finals,
        inputs.nPerRequest,
        rowOwn.textInputTokensPerImage,
        rowOwn.imageInputTokensPerImage,
        rowOwn.cachedPct,
      )
    );
  }

  /**
   * Makes `text` the model of the rows being priced, looked up once per distinct text (a plan that
   * goes back and forth between seven models looked each up again at every switch).
   */
  private switchModel(text: string): void {
    let at = this.recentTexts.indexOf(text);
    if (at < 0) {
      if (this.recentTexts.length === RECENT_MODELS) {
        this.recentTexts.shift();
        this.recentModels.shift();
        this.recentIndexes.shift();
      }
      const model = findModel(text);
      this.recentTexts.push(text);
      this.recentModels.push(model);
      this.recentIndexes.push(model === undefined ? -1 : modelIndexOf(model));
      at = this.recentTexts.length - 1;
    }
    this.modelText = text;
    this.model = this.recentModels[at];
    this.modelIndex = this.recentIndexes[at] ?? -1;
  }

  /**
   * A row priced through the shape of its choices at input fidelity low (`lowChoice`), which prices both
   * fidelities alike (shapeAtHighFidelity); a row at fidelity high counts its input images by that
   * fidelity's rule.
   */
  private priceShaped(
    inputs: RowInputs,
    index: number,
    model: ModelSpec,
    table: ShapeTable,
    lowChoice: number,
    hasDrafts: boolean,
  ): boolean {
    const k = this.factor as ParsedFactor;
    const drafts = this.drafts as ParsedFactor;
    const high = inputs.inputFidelity === 'high';
    const slot = shapeSlotOf(table, lowChoice, model, inputs, hasDrafts, this.ctx, true);
    const shape = table.shapes[slot];
    if (shape === undefined || inputs.nPerRequest > shape.nMax) return false;
    let references = shape.references;
    if (high) {
      const basis = shape.basis;
      if ('error' in basis) return false; // no number path either: estimateRow reports the row
      references = referenceCounter(model, basis.pricing, 'high');
    }
    const tokensPerReference = inputs.referenceImages > 0 ? referenceUnitsCached(references, inputs.referenceSize) : 0;
    if (tokensPerReference === null) return false;
    const rowOwn = ownInputs(inputs, references.priced, tokensPerReference);
    const priced = table.numbers.moneyOf(
      slot,
      k.units,
      k.scale,
      drafts.units,
      drafts.scale,
      inputs.finals,
      inputs.nPerRequest,
      rowOwn.textInputTokensPerImage,
      rowOwn.imageInputTokensPerImage,
      rowOwn.cachedPct,
    );
    if (!priced) return false;
    if (high) this.columns.setHighFidelity(index, shape, model, k.exact, drafts.exact, rowOwn, rowMoneyOut);
    else this.columns.setShaped(index, shape, model, k.exact, drafts.exact, rowOwn, rowMoneyOut);
    return true;
  }
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
  if (inputs.nPerRequest > model.nMax)
    errors.push({ field: 'nPerRequest', message: `${model.id} allows at most ${model.nMax} images per request` });
  const k = decimalOrIssue(inputs.iterationFactor, 'iterationFactor', errors);
  if (errors.length === 0 && k.units < pow10(k.scale))
    errors.push({ field: 'iterationFactor', message: FACTOR_BELOW_ONE });
  const drafts = decimalOrIssue(inputs.draftsPerFinal, 'draftsPerFinal', errors);
  const reference = inputs.referenceImages > 0 ? resolveReferenceSize(inputs.referenceSize) : { width: 0, height: 0 };
  if (reference === null) errors.push({ field: 'referenceSize', message: notAnImageSize(inputs.referenceSize) });
  const price = resolvePriceCached(ctx.priceBook, {
    model: model.id,
    surface: inputs.surface,
    date: ctx.asOf,
    entryId: inputs.priceEntryId,
  });
  if (!price.ok) errors.push({ field: 'price', message: price.error });
  const cap = price.ok ? price.value.maxImagesPerRequest : null;
  if (cap !== null && inputs.nPerRequest > cap && inputs.nPerRequest <= model.nMax) {
    const entry = price.ok ? price.value.entry : null;
    errors.push({
      field: 'nPerRequest',
      message: `${entry?.provider ?? 'this price'} takes at most ${cap} images per request for ${model.id} (price entry ${entry?.id ?? ''}): lower the images per request to ${cap} or pick another price entry`,
    });
  }
  if (errors.length > 0 || reference === null) return emptyEstimate(errors, [], []);

  const shape = buildOutputShape(model, inputs, hasDrafts, ctx);
  if ('issue' in shape) return emptyEstimate([shape.issue], shape.warnings, shape.assumptions);
  return estimateWithShape(inputs, model, k, drafts, shape, shape.references.count(reference), null, -1);
}

/** What a row adds of its own to its shape, as ownInputs works it out (one scratch record, reused). */
const own = { textInputTokensPerImage: 0, imageInputTokensPerImage: 0, cachedPct: 0, notes: 0 };

/** The row's own input tokens, cached share and note bits into `own`, given how its shape counts references. */
function ownInputs(inputs: RowInputs, referencesPriced: boolean, tokensPerReference: number): typeof own {
  const refs = inputs.referenceImages;
  let textTokens = inputs.promptTokens ?? 0;
  const promptEstimated = inputs.promptTokens === null && inputs.promptChars !== null;
  if (promptEstimated && inputs.promptChars !== null) textTokens = estimatePromptTokens(inputs.promptChars);
  const imageTokens = refs * tokensPerReference;
  const referencesUnpriced = refs > 0 && !referencesPriced;
  const cachedShareIgnored = inputs.cachedSharePct > 0 && inputs.surface !== 'responses';
  // Math.max, not ||: a branch the first rows never take would send optimised code back to the
  // interpreter when a later row takes it.
  const inputsPerImage = inputs.nPerRequest > 1 && Math.max(textTokens, imageTokens) > 0;
  own.textInputTokensPerImage = textTokens;
  own.imageInputTokensPerImage = imageTokens;
  own.cachedPct = cachedShareIgnored ? 0 : inputs.cachedSharePct;
  own.notes =
    (referencesUnpriced ? NOTE_REFERENCES_UNPRICED : 0) |
    (cachedShareIgnored ? NOTE_CACHED_SHARE_IGNORED : 0) |
    (promptEstimated ? NOTE_PROMPT_ESTIMATED : 0) |
    (refs > 0 && !referencesUnpriced ? NOTE_REFERENCE_BASIS : 0) |
    (inputsPerImage ? NOTE_INPUTS_PER_IMAGE : 0);
  return own;
}

/** A row priced from its output shape: adds the row's own inputs, notes and volumes. */
function estimateWithShape(
  inputs: RowInputs,
  model: ModelSpec,
  k: Exact,
  drafts: Exact,
  shape: OutputShape,
  tokensPerReference: number,
  /** The shape's number path and slot; null (and BigInt arithmetic only) on the reference path. */
  numbers: NumberPath | null,
  slot: number,
): RowEstimate {
  const {
    textInputTokensPerImage: textTokens,
    imageInputTokensPerImage: imageTokens,
    cachedPct,
    notes,
  } = ownInputs(inputs, shape.references.priced, tokensPerReference);
  const money = rowMoney(
    shape,
    numbers,
    slot,
    k,
    drafts,
    inputs.finals,
    inputs.nPerRequest,
    textTokens,
    imageTokens,
    cachedPct,
  );
  if (money === null) {
    const basis = shape.basis;
    const issue: RowIssue =
      'error' in basis
        ? { field: 'price', message: basis.error }
        : {
            field: 'finals',
            message:
              rowExcessExact(
                basis,
                k,
                drafts,
                inputs.finals,
                inputs.nPerRequest,
                textTokens,
                imageTokens,
                cachedPct,
              ) === 'credits'
                ? CREDITS_TOO_LARGE
                : TOO_LARGE,
          };
    return emptyEstimate(
      [issue],
      rowWarnings(shape, model, notes),
      rowAssumptions(shape, model, notes, inputs.promptChars, textTokens),
    );
  }
  return new PricedRow(
    shape,
    model,
    k,
    drafts,
    inputs.finals,
    inputs.nPerRequest,
    textTokens,
    imageTokens,
    cachedPct,
    notes,
    inputs.promptChars,
    numbers !== null,
    money,
  );
}

/**
 * Row money: on the number path when there is one and every step is provably exact, else exactly with
 * BigInt (rowMoneyExact). Null when the shape cannot price or an amount is beyond what stays exact.
 */
function rowMoney(
  shape: OutputShape,
  numbers: NumberPath | null,
  slot: number,
  k: Exact,
  drafts: Exact,
  finals: number,
  nPerRequest: number,
  textTokens: number,
  imageTokens: number,
  cachedPct: number,
): RowMoney | null {
  // Arguments spelled out, not spread: this runs for every row, and a spread would build an array.
  if (shape instanceof SizedShape && numbers !== null) {
    const sized = numbers.sizedRowMoney(
      shape.template,
      shape.width,
      shape.height,
      k,
      drafts,
      finals,
      nPerRequest,
      textTokens,
      imageTokens,
      cachedPct,
    );
    if (sized !== undefined) return sized;
  }
  const fast = numbers?.rowMoney(slot, k, drafts, finals, nPerRequest, textTokens, imageTokens, cachedPct);
  if (fast !== undefined) return fast;
  const basis = shape.basis;
  return 'error' in basis
    ? null
    : rowMoneyExact(basis, k, drafts, finals, nPerRequest, textTokens, imageTokens, cachedPct);
}

const TOO_LARGE = `this row costs more than ${MAX_MICRO_TEXT}, the most a row can cost and stay exact: lower the finals or split the row`;
/** Credits are not dollars: a row whose cost fits but whose credits pass the limit says so. */
const CREDITS_TOO_LARGE = `this row uses more than ${MAX_MICRO_TEXT.slice(1)} credits, the most a row can use and stay exact: lower the finals or split the row`;

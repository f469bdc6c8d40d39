import { type Exact, ZERO, mulInt, pow10 } from '../money/exact';
import { MAX_MICRO_TEXT, type Micro, roundMicroDivided } from '../money/rounding';
import type { RowInputs } from '../plan/plan-schema';
import { FACTOR_BELOW_ONE, notAnImageSize } from '../plan/row-fields';
import type { PriceBook } from '../pricing/price-book';
import { type CostBasis, costBasis, type PerImageCosts, perImageCosts } from './cost-basis';
import { parseExactCached, resolvePriceCached, resolveSizeCached } from './lookup-cache';
import { findModel, MODEL_SPECS, type ModelSpec } from './models';
import { BILLING_SURFACES } from '../pricing/price-entry';
import { parseSizeText, type Size } from './sizes';
import { inputShareExact, NumberPath, type RowMoney, rowMoneyExact, type RowVolumes } from './row-money';
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
 * OutputShape), its per-image values kept flat as safe integers (see NumberPath in row-money.ts), as
 * are reference-image tokens and blended input rates; each row then only adds its inputs and volumes,
 * in exact integer arithmetic on numbers when every step provably fits (else in BigInt), and keeps no
 * heap objects of its own besides the estimate (see PricedRow; a plan keeps even less, see
 * RowEstimateColumns). Rows with any problem take estimateRowReference, which reports every error in
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
  const slot = shapeSlot(table, model, inputs, hasDrafts, ctx);
  const tokensPerReference = inputs.referenceImages > 0 ? referenceTokensCached(model, inputs.referenceSize) : 0;
  const shape = table.shapes[slot];
  if (shape === undefined || tokensPerReference === null) return estimateRowReference(inputs, ctx);
  // The shape's values are read from the table's number path, not through the shape object (see NumberPath).
  return estimateWithShape(inputs, model, k, drafts, shape, tokensPerReference, table.numbers, slot);
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
  if (errors.length > 0 || reference === null) return emptyEstimate(errors, [], []);

  const shape = buildOutputShape(model, inputs, hasDrafts, ctx);
  if ('issue' in shape) return emptyEstimate([shape.issue], shape.warnings, shape.assumptions);
  return estimateWithShape(inputs, model, k, drafts, shape, referenceImageTokens(model, reference), null, -1);
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
      'error' in basis ? { field: 'price', message: basis.error } : { field: 'finals', message: TOO_LARGE };
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
  const fast = numbers?.rowMoney(slot, k, drafts, finals, nPerRequest, textTokens, imageTokens, cachedPct);
  if (fast !== undefined) return fast;
  const basis = shape.basis;
  return 'error' in basis
    ? null
    : rowMoneyExact(basis, k, drafts, finals, nPerRequest, textTokens, imageTokens, cachedPct);
}

/** The shape's warnings plus the row's own (shared, not copied, when the row adds none). */
function rowWarnings(shape: OutputShape, model: ModelSpec, notes: number): readonly string[] {
  if ((notes & (NOTE_REFERENCES_UNPRICED | NOTE_CACHED_SHARE_IGNORED)) === 0) return shape.warnings;
  const own = shape.warnings.slice();
  if (notes & NOTE_REFERENCES_UNPRICED) own.push(`reference images are not priced for ${model.id}`);
  if (notes & NOTE_CACHED_SHARE_IGNORED)
    own.push('cached input rates apply only through the Responses API: the cached share is ignored on this surface');
  return own;
}

/** The shape's assumptions plus the row's own (shared, not copied, when the row adds none). */
function rowAssumptions(
  shape: OutputShape,
  model: ModelSpec,
  notes: number,
  promptChars: number | null,
  textTokens: number,
): readonly string[] {
  if ((notes & (NOTE_PROMPT_ESTIMATED | NOTE_REFERENCE_BASIS | NOTE_INPUTS_PER_IMAGE)) === 0) return shape.assumptions;
  const own = shape.assumptions.slice();
  if (notes & NOTE_PROMPT_ESTIMATED)
    own.push(`prompt tokens estimated as ${promptChars} characters / 4 = ${textTokens}`);
  if (notes & NOTE_REFERENCE_BASIS && model.referenceImages.kind !== 'unsupported')
    own.push(model.referenceImages.basis);
  if (notes & NOTE_INPUTS_PER_IMAGE)
    own.push('input tokens are billed for every image generated (n > 1 bills like separate calls: community finding)');
  return own;
}

// What a row adds to its shape's warnings and assumptions, as bits: the notes are written out when read.
const NOTE_REFERENCES_UNPRICED = 1;
const NOTE_CACHED_SHARE_IGNORED = 2;
const NOTE_PROMPT_ESTIMATED = 4;
const NOTE_REFERENCE_BASIS = 8;
const NOTE_INPUTS_PER_IMAGE = 16;

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
    money: RowMoney,
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

  /** Worked out when read (estimating a plan does not need it), on the path that priced the row. */
  get inputShare(): number {
    const volumes: RowVolumes = [
      this.iterationFactor,
      this.draftsPerFinal,
      this.finals,
      this.nPerRequest,
      this.textInputTokensPerImage,
      this.imageInputTokensPerImage,
      this.cachedPct,
    ];
    const fast = this.inNumbers ? this.shape.numbers?.inputShare(this.shape.slot, ...volumes) : undefined;
    if (fast !== undefined) return fast;
    const basis = this.basis();
    return basis === null ? 0 : inputShareExact(basis, ...volumes);
  }

  get finalGenerations(): Exact {
    return mulInt(this.iterationFactor, this.finals);
  }

  get draftGenerations(): Exact {
    const drafts = this.plannedDraftsPerFinal;
    return drafts === null ? ZERO : mulInt(drafts, this.finals);
  }

  /** Drafts per final when the row has a draft pass, else null. */
  get plannedDraftsPerFinal(): Exact | null {
    // A row has a draft pass exactly when its drafts per final are not zero (the shape's basis agrees).
    return this.draftsPerFinal.units !== 0n ? this.draftsPerFinal : null;
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
    return basis === null
      ? null
      : perImageCosts(basis, this.textInputTokensPerImage, this.imageInputTokensPerImage, this.cachedPct);
  }
}

/**
 * Many rows' estimates kept as columns (estimatePlan keeps a whole plan's this way): a row priced through
 * the shape table keeps its numbers in typed arrays and its shared references (shape, factors) in plain
 * arrays, so a plan of 100k estimates retains no object per row for the collector to trace. Reading a row
 * builds its PricedRow from exactly what pricing it produced; any other estimate (an error, a row from
 * estimateRowReference) is kept as it is.
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

  /** Keeps the estimate of the row at `index` (each index once: estimatePlan fills the columns in one pass). */
  set(index: number, estimate: RowEstimate): void {
    if (!(estimate instanceof PricedRow) || !estimate.inNumbers) {
      this.kept.set(index, estimate);
      return;
    }
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
    if (shape === undefined || model === undefined || factor === undefined || drafts === undefined)
      throw new RangeError(`no estimate kept for row ${index}`);
    const credits = this.credits[index] ?? NaN;
    const packed = this.pctAndNotes[index] ?? 0;
    const money = {
      finalCost: this.finalCost[index] ?? 0,
      draftCost: this.draftCost[index] ?? 0,
      credits: Number.isNaN(credits) ? null : credits,
      requests: this.requests[index] ?? 0,
    };
    return new PricedRow(
      shape,
      model,
      factor,
      drafts,
      inputs.finals,
      inputs.nPerRequest,
      this.textTokens[index] ?? 0,
      this.imageTokens[index] ?? 0,
      packed & 0xff,
      packed >>> 8,
      inputs.promptChars,
      true,
      money,
    );
  }
}

const referenceTokensByModel = new WeakMap<ModelSpec, Map<string, number | null>>();
const MAX_REFERENCE_SIZES = 10_000; // per model: reference sizes are typed text, bound the table

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
  if (table.size >= MAX_REFERENCE_SIZES) table.clear();
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
  /** The number path holding this shape's values at `slot`; null for a shape built for one row alone. */
  readonly numbers: NumberPath | null;
  readonly slot: number;
}

/** Why a row's choices have no shape, with the notes gathered up to that point. */
interface ShapeFailure {
  readonly issue: RowIssue;
  readonly warnings: readonly string[];
  readonly assumptions: readonly string[];
}
/**
 * Shapes by price book and date, then by price entry pin, then by one integer made of the size text's
 * number in the table and the model, surface, quality, draft quality and partial-image choices. Looking
 * up row after row through the same book, date and pin reuses the last table, so a row costs two small
 * map lookups. The map holds slots: each shape's object in `shapes` and its values in `numbers`.
 */
interface ShapeTable {
  readonly sizeIds: Map<string, number>;
  readonly slots: Map<number, number>;
  shapes: OutputShape[];
  numbers: NumberPath;
}
const shapeTables = new WeakMap<PriceBook, Map<string, ShapeTable>>();
const MAX_SHAPES = 50_000;
const NO_SHAPE = -1; // the choices have a problem: the reference path reports it
let lastTable: { book: PriceBook; tableKey: string; table: ShapeTable } | null = null;

const MODEL_INDEX = new Map(MODEL_SPECS.map((m, i) => [m.id, i]));
/** How many choice numbers there are: models x 8 surfaces x 16 qualities x 16 draft qualities x 16 partial images. */
const CHOICES = MODEL_SPECS.length * 8 * 16 * 16 * 16;

function shapeTable(book: PriceBook, tableKey: string): ShapeTable {
  if (lastTable !== null && lastTable.book === book && lastTable.tableKey === tableKey) return lastTable.table;
  let byKey = shapeTables.get(book);
  if (!byKey) {
    byKey = new Map();
    shapeTables.set(book, byKey);
  }
  let table = byKey.get(tableKey);
  if (!table) {
    table = { sizeIds: new Map(), slots: new Map(), shapes: [], numbers: new NumberPath() };
    byKey.set(tableKey, table);
  }
  lastTable = { book, tableKey, table };
  return table;
}

/** The slot of the row's output shape in the table, or NO_SHAPE when the row has a problem. */
function shapeSlot(
  table: ShapeTable,
  model: ModelSpec,
  inputs: RowInputs,
  hasDrafts: boolean,
  ctx: EstimateContext,
): number {
  const modelIndex = MODEL_INDEX.get(model.id) ?? -1;
  const surfaceIndex = BILLING_SURFACES.indexOf(inputs.surface);
  const qualityIndex = model.qualities.indexOf(inputs.quality);
  const draftQualityIndex = hasDrafts ? model.qualities.indexOf(inputs.draftQuality ?? model.draftQuality) + 1 : 0;
  const partial = inputs.partialImages;
  // Anything out of range (an unknown quality, say) is a row with a problem: the reference path reports it.
  if (
    modelIndex < 0 ||
    surfaceIndex < 0 ||
    qualityIndex < 0 ||
    draftQualityIndex < 0 ||
    (hasDrafts && draftQualityIndex === 0) ||
    partial < 0 ||
    partial > 15
  )
    return NO_SHAPE;
  const choice = (((modelIndex * 8 + surfaceIndex) * 16 + qualityIndex) * 16 + draftQualityIndex) * 16 + partial;
  if (table.slots.size >= MAX_SHAPES) {
    // Bounded memory: this table starts afresh (shapes already handed out keep their own number path).
    table.slots.clear();
    table.sizeIds.clear();
    table.shapes = [];
    table.numbers = new NumberPath();
  }
  let sizeId = table.sizeIds.get(inputs.size);
  if (sizeId === undefined) {
    sizeId = table.sizeIds.size;
    table.sizeIds.set(inputs.size, sizeId);
  }
  // One map keyed by size and choices together: far smaller than a map per size, so it stays in cache.
  const key = sizeId * CHOICES + choice;
  const hit = table.slots.get(key);
  if (hit !== undefined) return hit;
  const built = buildOutputShape(model, inputs, hasDrafts, ctx);
  let slot = NO_SHAPE;
  if (!('issue' in built)) {
    slot = table.numbers.addShape(built.basis);
    table.shapes[slot] = { ...built, numbers: table.numbers, slot };
  }
  table.slots.set(key, slot);
  return slot;
}

function buildOutputShape(
  model: ModelSpec,
  inputs: RowInputs,
  hasDrafts: boolean,
  ctx: EstimateContext,
): OutputShape | ShapeFailure {
  const failure = (field: RowIssue['field'], message: string): ShapeFailure => ({
    issue: { field, message },
    warnings: [],
    assumptions: [],
  });
  const size = resolveSizeCached(model, inputs.size);
  if (!size.ok) return failure('size', size.error);
  const quality = resolveQuality(model, inputs.quality);
  if (!quality.ok) return failure('quality', quality.error);
  const draftQuality = hasDrafts ? resolveQuality(model, inputs.draftQuality ?? model.draftQuality) : quality;
  if (!draftQuality.ok) return failure('draftQuality', draftQuality.error);
  const price = resolvePriceCached(ctx.priceBook, {
    model: model.id,
    surface: inputs.surface,
    date: ctx.asOf,
    entryId: inputs.priceEntryId,
  });
  if (!price.ok) return failure('price', price.error);

  const warnings = [...size.value.warnings, ...price.value.warnings];
  const assumptions = [...size.value.assumptions];
  if (quality.value.assumption) assumptions.push(quality.value.assumption);
  if (hasDrafts && draftQuality.value.assumption) assumptions.push(`draft ${draftQuality.value.assumption}`);
  const partial = model.supportsPartialImages ? inputs.partialImages : 0;
  if (inputs.partialImages > 0 && !model.supportsPartialImages)
    warnings.push(`${model.id} does not stream partial images; ignored`);
  const finalTokens = outputTokensPerImage(model, size.value.size, quality.value.quality, partial);
  const draftTokens = hasDrafts
    ? outputTokensPerImage(model, size.value.size, draftQuality.value.quality, partial)
    : finalTokens;
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
    basis: costBasis(
      price.value.pricing,
      model,
      size.value.size,
      quality.value.quality,
      draftQualityPlanned,
      finalTokens.value.tokens,
      draftTokens.value.tokens,
      partial,
    ),
    numbers: null,
    slot: -1,
  };
}

function resolveReferenceSize(text: string): Size | null {
  const s = parseSizeText(text);
  return s !== null && s.width > 0 && s.height > 0 ? s : null;
}

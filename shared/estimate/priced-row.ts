import { type Exact, ZERO, mulInt, scaledToDecimalString, toDecimalString } from '../money/exact';
import { type Micro, roundMicroDivided } from '../money/rounding';
import type { RowInputs } from '../plan/plan-schema';
import { type CostBasis, type PerImageCosts, perImageCosts } from './cost-basis';
import type { RowEstimate, RowIssue } from './estimate-row';
import type { ModelSpec } from './models';
import { type OutputShape, shapeAtHighFidelity, shapeOfRow } from './output-shape';
import {
  inputShareExact,
  type NumberPath,
  outputTokensOf,
  type RowMoney,
  type RowMoneyNumbers,
  type RowVolumes,
} from './row-money';
import {
  partialTokensOf,
  type SizedBase,
  SizedShape,
  type SizedTemplate,
  hasExperimentalSize,
  templateOfRow,
  warningsOfRow,
} from './sized-shape';

/**
 * A priced row's estimate as the engine keeps it (PricedRow), and many of them kept as columns
 * (RowEstimateColumns): a few numbers of the row's own plus references to its output shape, with the
 * row's notes kept as bits and written out when read.
 */

/** The errors of every estimate that has none (shared: estimates are never mutated). */
const NO_ISSUES: readonly RowIssue[] = Object.freeze([]);

// What a row adds to its shape's warnings and assumptions, as bits: the notes are written out when read.
export const NOTE_REFERENCES_UNPRICED = 1;
export const NOTE_CACHED_SHARE_IGNORED = 2;
export const NOTE_PROMPT_ESTIMATED = 4;
export const NOTE_REFERENCE_BASIS = 8;
export const NOTE_INPUTS_PER_IMAGE = 16;

/** The shape's warnings plus the row's own (shared, not copied, when the row adds none). */
export function rowWarnings(shape: OutputShape, model: ModelSpec, notes: number): readonly string[] {
  return withRowNotes(shape.warnings, model, notes);
}

/** rowWarnings for a shape's warnings as given (a row read without its shape: RowEstimateColumns.readFigures). */
function withRowNotes(warnings: readonly string[], model: ModelSpec, notes: number): readonly string[] {
  const noted = notes & (NOTE_REFERENCES_UNPRICED | NOTE_CACHED_SHARE_IGNORED);
  return noted === 0 ? warnings : warnings.concat(rowNoteWarnings(model, noted));
}

/** The warnings a row's note bits add, made once per model and bits (rows read in the thousands share them). */
function rowNoteWarnings(model: ModelSpec, noted: number): readonly string[] {
  let byBits = noteWarningsByModel.get(model);
  if (byBits === undefined) {
    byBits = [];
    noteWarningsByModel.set(model, byBits);
  }
  let warnings = byBits[noted];
  if (warnings === undefined) {
    const own: string[] = [];
    if (noted & NOTE_REFERENCES_UNPRICED) own.push(`reference images are not priced for ${model.id}`);
    if (noted & NOTE_CACHED_SHARE_IGNORED)
      own.push('cached input rates apply only through the Responses API: the cached share is ignored on this surface');
    warnings = own;
    byBits[noted] = warnings;
  }
  return warnings;
}
const noteWarningsByModel = new WeakMap<ModelSpec, (readonly string[] | undefined)[]>();

/** The shape's assumptions plus the row's own (shared, not copied, when the row adds none). */
export function rowAssumptions(
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
  const referenceBasis = shape.references.basis;
  if (notes & NOTE_REFERENCE_BASIS && referenceBasis !== null) own.push(referenceBasis);
  if (notes & NOTE_INPUTS_PER_IMAGE)
    own.push('input tokens are billed for every image generated (n > 1 bills like separate calls: community finding)');
  return own;
}

/** What a priced row adds of its own inputs to its shape (a PricedRow, or estimateRow's scratch record). */
export interface PricedRowInputs {
  readonly textInputTokensPerImage: number;
  readonly imageInputTokensPerImage: number;
  readonly cachedPct: number;
  readonly notes: number;
}

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
    readonly finals: number,
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
    const numbers = this.onNumbers();
    const fast = numbers === null ? undefined : numbers.inputShare(slotOnNumbers, ...volumes);
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

  /**
   * The number path that priced this row, with the slot of its record in slotOnNumbers (a row priced by
   * its own size has its record written again); null for a row priced in BigInt arithmetic only.
   */
  onNumbers(): NumberPath | null {
    if (!this.inNumbers) return null;
    const shape = this.shape;
    if (shape instanceof SizedShape) {
      const t = shape.template;
      slotOnNumbers = t.numbers.sizedSlot(t, shape.width, shape.height, t.partialTokens);
      return t.numbers;
    }
    slotOnNumbers = shape.slot;
    return shape.numbers;
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

/** The slot PricedRow.onNumbers last found (a module scratch value: reading a row allocates nothing). */
let slotOnNumbers = -1;

/**
 * toDecimalString(e.costPerFinalImage), or of costPerDraftImage when `draft`: for a row priced on the
 * number path, worked out there (the same exact value, held so by the property tests), with no BigInt or
 * cost basis built per row, as a table of 100k rows would otherwise do.
 */
export function costPerImageText(e: RowEstimate, draft: boolean): string {
  const units = costPerImageUnits(e, draft);
  if (!Number.isNaN(units)) return scaledToDecimalString(units, scaledUnitsOut.scale);
  return toDecimalString(draft ? e.costPerDraftImage : e.costPerFinalImage);
}

/**
 * generationsText's and costPerImageUnits' scale (a module scratch record: reading a row allocates nothing):
 * what the units they last returned are counted in (10^-scale).
 */
export const scaledUnitsOut = { scale: 0 };

/**
 * costPerImageText's value as a safe integer of units at scaledUnitsOut.scale, for a writer that formats
 * the digits itself (the CLI's table: no string per row); NaN when it is not worked out in numbers.
 */
export function costPerImageUnits(e: RowEstimate, draft: boolean): number {
  if (!(e instanceof PricedRow)) return NaN;
  const numbers = e.onNumbers();
  const { textInputTokensPerImage: text, imageInputTokensPerImage: image, cachedPct } = e;
  const costs = numbers === null ? null : numbers.perImageCosts(slotOnNumbers, text, image, cachedPct);
  if (costs === null) return NaN;
  scaledUnitsOut.scale = costs.scale;
  return draft ? costs.draftPerImage : costs.finalPerImage;
}

/**
 * toDecimalString(e.finalGenerations), or of draftGenerations when `draft`: for a priced row, its factor
 * x finals in numbers when that product is exact (a safe integer), with no BigInt per row.
 */
export function generationsText(e: RowEstimate, draft: boolean): string {
  const units = generationsUnits(e, draft);
  if (!Number.isNaN(units)) return scaledToDecimalString(units, scaledUnitsOut.scale);
  return toDecimalString(draft ? e.draftGenerations : e.finalGenerations);
}

/** generationsText's value as units at scaledUnitsOut.scale (as costPerImageUnits); NaN when not exact so. */
export function generationsUnits(e: RowEstimate, draft: boolean): number {
  if (!(e instanceof PricedRow)) return NaN;
  const factor = draft ? e.plannedDraftsPerFinal : e.iterationFactor;
  if (factor === null) {
    scaledUnitsOut.scale = 0;
    return 0;
  }
  const units = Number(factor.units) * e.finals;
  if (!(Number.isSafeInteger(units) && units >= 0)) return NaN;
  scaledUnitsOut.scale = factor.scale;
  return units;
}

/**
 * What a table prints of one row, in numbers, read without building the row's estimate (a PricedRow and
 * its shape per row are the most of reading a 100k-row plan's results): filled by
 * RowEstimateColumns.readFigures or figuresOfEstimate for a priced row whose figures are all worked out
 * in numbers, each as the row's RowEstimate gives it. A scratch record, rewritten for each row read.
 */
export interface RowFigures {
  /** generationsUnits(e, false) and its scale. */
  finalGenerations: number;
  finalGenerationsScale: number;
  /** generationsUnits(e, true) and its scale. */
  draftGenerations: number;
  draftGenerationsScale: number;
  /** e.outputTokensPerFinal. */
  outputTokensPerFinal: number | null;
  /** costPerImageUnits(e, false) and its scale. */
  costPerFinalImage: number;
  costPerFinalImageScale: number;
  /** e.totalCost. */
  totalCost: Micro;
  /**
   * e.warnings, but for the note on a size OpenAI calls experimental, which opens them: it is given as
   * that size (experimentalSizeWarning(width, height) is its text), 0 x 0 for a row without it, so a
   * reader grouping the rows' notes need not make its text for every such row.
   */
  warnings: readonly string[];
  experimentalWidth: number;
  experimentalHeight: number;
}

/** A RowFigures record to fill (one per reader: each read rewrites it). */
export function emptyRowFigures(): RowFigures {
  return {
    finalGenerations: 0,
    finalGenerationsScale: 0,
    draftGenerations: 0,
    draftGenerationsScale: 0,
    outputTokensPerFinal: null,
    costPerFinalImage: 0,
    costPerFinalImageScale: 0,
    totalCost: 0,
    warnings: NO_WARNINGS,
    experimentalWidth: 0,
    experimentalHeight: 0,
  };
}

const NO_WARNINGS: readonly string[] = Object.freeze([]);

/**
 * `into` filled from an estimate as built (a result of `rows`); false, with `into` left unfinished, for
 * a row with errors or a figure not worked out in numbers (read that row from its estimate).
 */
export function figuresOfEstimate(e: RowEstimate, into: RowFigures): boolean {
  if (!e.ok) return false;
  into.finalGenerations = generationsUnits(e, false);
  into.finalGenerationsScale = scaledUnitsOut.scale;
  into.draftGenerations = generationsUnits(e, true);
  into.draftGenerationsScale = scaledUnitsOut.scale;
  into.costPerFinalImage = costPerImageUnits(e, false);
  into.costPerFinalImageScale = scaledUnitsOut.scale;
  into.outputTokensPerFinal = e.outputTokensPerFinal;
  into.totalCost = e.totalCost;
  into.warnings = e.warnings;
  into.experimentalWidth = into.experimentalHeight = 0;
  return inNumbers(into);
}

/** Whether every figure a table reads as units was worked out in numbers (none NaN). */
function inNumbers(figures: RowFigures): boolean {
  return !(
    Number.isNaN(figures.finalGenerations) ||
    Number.isNaN(figures.draftGenerations) ||
    Number.isNaN(figures.costPerFinalImage)
  );
}

/**
 * setPriced's money in numbers (a scratch record: its fields hold doubles from the start, as
 * rowMoneyOut's do, so setOwn reads one kind of record).
 */
const keptMoney: RowMoneyNumbers = {
  finalCost: NaN,
  draftCost: NaN,
  credits: NaN,
  requests: NaN,
  costPerFinal: NaN, // none: a row kept from its estimate is read whole (readFigures)
  costPerFinalScale: 0,
};

/** A read row's money, handed to PricedRow (which copies it) by RowEstimateColumns.get. */
const readMoney: { finalCost: Micro; draftCost: Micro; credits: Micro | null; requests: number } = {
  finalCost: 0,
  draftCost: 0,
  credits: null,
  requests: 0,
};
/** A kept PricedRow's own inputs, in a record of the kind PlanRowPricer passes setOwn (for the same reason). */
const keptOwn = { textInputTokensPerImage: 0, imageInputTokensPerImage: 0, cachedPct: 0, notes: 0 };

// What priced a row kept in RowEstimateColumns (its `kinds`): 0 for no row priced there.
const SHAPE = 1;
const TEMPLATE = 2;
const BASE = 3;
const HIGH = 4;
const PRESET = 5;

/**
 * Many rows' estimates kept as columns (estimatePlan keeps a whole plan's this way): a row priced through
 * the shape table keeps its numbers in typed arrays and its shared references (shape, factors) in plain
 * arrays, so a plan of 100k estimates retains no object per row for the collector to trace. Reading a row
 * builds its PricedRow from exactly what pricing it produced; any other estimate (an error, a row from
 * estimateRowReference) is kept as it is.
 */
export class RowEstimateColumns {
  /**
   * What priced each row, by `kinds`: a shape of the table (SHAPE), a sized template (TEMPLATE, with the
   * row's width and height in `sizes`), the base of its template (BASE: its own is found when the row is
   * read), for a row at input fidelity high its choices' shape at low (HIGH: its own is made from that
   * one when read) or, for a preset or auto size, the base it was priced on at the size it stands for
   * (PRESET, sizes as TEMPLATE). One array, not one per kind: each is 800 KB of pointers at 100k rows
   * for the collector to scan.
   */
  private readonly owners: (OutputShape | SizedTemplate | SizedBase | undefined)[];
  private readonly kinds: Uint8Array;
  private readonly sizes: Int32Array;
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
  /** The cost per final image as priced (RowMoneyNumbers.costPerFinal), NaN where it was not kept; its scale. */
  private readonly costPerFinal: Float64Array;
  private readonly costPerFinalScale: Uint8Array;
  private readonly kept = new Map<number, RowEstimate>();

  constructor(readonly length: number) {
    this.owners = new Array<OutputShape | SizedTemplate | SizedBase | undefined>(length);
    this.kinds = new Uint8Array(length);
    this.sizes = new Int32Array(length * 2);
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
    this.costPerFinal = new Float64Array(length);
    this.costPerFinalScale = new Uint8Array(length);
  }

  /** Keeps the estimate of the row at `index` (each index once: estimatePlan fills the columns in one pass). */
  set(index: number, estimate: RowEstimate): void {
    if (!(estimate instanceof PricedRow) || !estimate.inNumbers) {
      this.kept.set(index, estimate);
      return;
    }
    const shape = estimate.shape;
    const sized = shape instanceof SizedShape;
    const own = keptOwn;
    own.textInputTokensPerImage = estimate.textInputTokensPerImage;
    own.imageInputTokensPerImage = estimate.imageInputTokensPerImage;
    own.cachedPct = estimate.cachedPct;
    own.notes = estimate.notes;
    this.setPriced(
      index,
      sized ? shape.template : shape,
      sized ? shape.width : 0,
      sized ? shape.height : 0,
      estimate.model,
      estimate.iterationFactor,
      estimate.draftsPerFinal,
      own,
      estimate,
    );
  }

  /**
   * Keeps a row priced on the number path from its parts, as `set` keeps its PricedRow: a shape from the
   * table, or a sized template (sized-shape.ts) with the row's width and height, nothing per row to trace.
   */
  setPriced(
    index: number,
    shape: OutputShape | SizedTemplate,
    width: number,
    height: number,
    model: ModelSpec,
    factor: Exact,
    drafts: Exact,
    own: PricedRowInputs,
    money: RowMoney,
  ): void {
    const numbers = keptMoney;
    numbers.finalCost = money.finalCost;
    numbers.draftCost = money.draftCost;
    numbers.credits = money.credits ?? NaN;
    numbers.requests = money.requests;
    if ('finalFactor' in shape) this.setSized(index, shape, width, height, model, factor, drafts, own, numbers);
    else this.setShaped(index, shape, model, factor, drafts, own, numbers);
  }

  /** setPriced for a row priced by its own size (one method per kind: each stays monomorphic). */
  setSized(
    index: number,
    template: SizedTemplate,
    width: number,
    height: number,
    model: ModelSpec,
    factor: Exact,
    drafts: Exact,
    own: PricedRowInputs,
    money: RowMoneyNumbers,
  ): void {
    this.owners[index] = template;
    this.kinds[index] = TEMPLATE;
    this.sizes[2 * index] = width;
    this.sizes[2 * index + 1] = height;
    this.setOwn(index, model, factor, drafts, own, money);
  }

  /**
   * setSized for a row priced on a template's base (PlanRowPricer): its own template is found when read.
   * A row whose size is an aspect preset or auto (`preset`) is priced as the size it stands for: its
   * figures are read as a typed size's, its own shape (which notes the preset) is built only when its
   * whole estimate is read.
   */
  setOnBase(
    index: number,
    base: SizedBase,
    preset: boolean,
    width: number,
    height: number,
    model: ModelSpec,
    factor: Exact,
    drafts: Exact,
    own: PricedRowInputs,
    money: RowMoneyNumbers,
  ): void {
    this.owners[index] = base;
    this.kinds[index] = preset ? PRESET : BASE;
    this.sizes[2 * index] = width;
    this.sizes[2 * index + 1] = height;
    this.setOwn(index, model, factor, drafts, own, money);
  }

  /**
   * setShaped for a row at input fidelity high priced on its choices' shape at low (PlanRowPricer), which
   * prices both alike: its own shape is made from that one when it is read (shapeAtHighFidelity).
   */
  setHighFidelity(
    index: number,
    low: OutputShape,
    model: ModelSpec,
    factor: Exact,
    drafts: Exact,
    own: PricedRowInputs,
    money: RowMoneyNumbers,
  ): void {
    this.owners[index] = low;
    this.kinds[index] = HIGH;
    this.setOwn(index, model, factor, drafts, own, money);
  }

  /** setPriced for a row priced through a shape of the table. */
  setShaped(
    index: number,
    shape: OutputShape,
    model: ModelSpec,
    factor: Exact,
    drafts: Exact,
    own: PricedRowInputs,
    money: RowMoneyNumbers,
  ): void {
    this.owners[index] = shape;
    this.kinds[index] = SHAPE;
    this.setOwn(index, model, factor, drafts, own, money);
  }

  private setOwn(
    index: number,
    model: ModelSpec,
    factor: Exact,
    drafts: Exact,
    own: PricedRowInputs,
    money: RowMoneyNumbers,
  ) {
    this.models[index] = model;
    this.factors[index] = factor;
    this.drafts[index] = drafts;
    this.textTokens[index] = own.textInputTokensPerImage;
    this.imageTokens[index] = own.imageInputTokensPerImage;
    this.pctAndNotes[index] = own.cachedPct | (own.notes << 8);
    this.finalCost[index] = money.finalCost;
    this.draftCost[index] = money.draftCost;
    this.credits[index] = money.credits;
    this.requests[index] = money.requests;
    this.costPerFinal[index] = money.costPerFinal;
    this.costPerFinalScale[index] = money.costPerFinalScale;
  }

  /** The output shape of the row at `index`, as estimateRow gives it. */
  private shapeAt(index: number, model: ModelSpec, drafts: Exact, inputs: RowInputs): OutputShape | undefined {
    const owner = this.owners[index];
    const width = this.sizes[2 * index] ?? 0;
    const height = this.sizes[2 * index + 1] ?? 0;
    const kind = this.kinds[index];
    if (kind === SHAPE) return owner as OutputShape;
    if (kind === HIGH) return shapeAtHighFidelity(owner as OutputShape, model);
    // A preset's base knows its table and context: it is where the row finds its own shape.
    if (kind === PRESET) return shapeOfRow(owner as SizedBase, model, inputs, drafts.units !== 0n);
    if (kind !== TEMPLATE && kind !== BASE) return undefined;
    // One `new` for both kinds: a second, seen by a few rows only, would send this code back to the
    // interpreter when the first of those rows is read (too little type feedback for it when optimised).
    const template = kind === BASE ? templateOfRow(owner as SizedBase, model, inputs) : (owner as SizedTemplate);
    return new SizedShape(template, width, height);
  }

  /**
   * The figures of the row at `index` into `into`, as figuresOfEstimate(get(index, inputs), into) gives
   * them but read from the columns, with no PricedRow or shape made per row (its cost per image as the
   * pricer worked it out, its tokens and notes from what it was priced on). False, as figuresOfEstimate,
   * for a row to read with `get`. `inputs` must be the inputs it was priced from.
   */
  readFigures(index: number, inputs: RowInputs, into: RowFigures): boolean {
    const model = this.models[index];
    const factor = this.factors[index];
    const drafts = this.drafts[index];
    const kind = this.kinds[index];
    if (model === undefined || factor === undefined || drafts === undefined) return false;
    if (this.kept.size > 0 && this.kept.has(index)) return false;
    // The cost per final image as priced. Only a row kept from its estimate (set: one the pricer left to
    // estimateRow, few if any) has none: it is read whole, so this code has no branch its first rows
    // may never take (V8 would compile it as "deoptimise").
    const keptCost = this.costPerFinal[index] ?? NaN;
    if (Number.isNaN(keptCost)) return false;
    const owner = this.owners[index];
    if (kind === BASE || kind === PRESET) {
      // As SizedShape and PricedRow.onNumbers read a row priced by its own size, from the template of the
      // base the row was priced on (it differs from the row's own only in partial-image tokens and notes:
      // sizedBaseOf), with the pricer's partial-image tokens (none on a template priced by megapixels).
      const base = owner as SizedBase;
      const priced = base.template;
      const width = this.sizes[2 * index] ?? 0;
      const height = this.sizes[2 * index + 1] ?? 0;
      into.outputTokensPerFinal =
        priced.megapixels !== null
          ? null
          : outputTokensOf(priced, false, width, height) + partialTokensOf(model, inputs);
      // The size's note (warningsAtSize), given by the size alone; a preset has none, being a size the
      // model lists. Then the notes of the row's own template (warningsOfRow: found once per base and
      // variant, with no template made for them), which a preset's own shape has too.
      const experimental = kind !== PRESET && hasExperimentalSize(priced, width, height);
      into.experimentalWidth = experimental ? width : 0;
      into.experimentalHeight = experimental ? height : 0;
      into.warnings = warningsOfRow(base, model, inputs);
    } else {
      const shape = kind === HIGH ? shapeAtHighFidelity(owner as OutputShape, model) : (owner as OutputShape);
      if (shape === undefined) return false;
      into.outputTokensPerFinal = shape.outputTokensPerFinal;
      into.warnings = shape.warnings;
      into.experimentalWidth = into.experimentalHeight = 0;
    }
    const packed = this.pctAndNotes[index] ?? 0;
    const notes = packed >>> 8;
    if (notes !== 0) into.warnings = withRowNotes(into.warnings, model, notes);
    const finals = inputs.finals;
    // generationsUnits: factor x finals where that product is a safe integer
    const finalUnits = Number(factor.units) * finals;
    const noDrafts = drafts.units === 0n;
    const draftUnits = noDrafts ? 0 : Number(drafts.units) * finals;
    if (!(Number.isSafeInteger(finalUnits) && finalUnits >= 0 && Number.isSafeInteger(draftUnits) && draftUnits >= 0))
      return false;
    into.finalGenerations = finalUnits;
    into.finalGenerationsScale = factor.scale;
    into.draftGenerations = draftUnits;
    into.draftGenerationsScale = noDrafts ? 0 : drafts.scale;
    into.costPerFinalImage = keptCost;
    into.costPerFinalImageScale = this.costPerFinalScale[index] ?? 0;
    into.totalCost = (this.finalCost[index] ?? 0) + (this.draftCost[index] ?? 0);
    return true;
  }

  /** The estimate kept at `index`; `inputs` must be the inputs it was priced from. */
  get(index: number, inputs: RowInputs): RowEstimate {
    const kept = this.kept.get(index);
    if (kept !== undefined) return kept;
    const model = this.models[index];
    const factor = this.factors[index];
    const drafts = this.drafts[index];
    const shape = model === undefined || drafts === undefined ? undefined : this.shapeAt(index, model, drafts, inputs);
    if (shape === undefined || model === undefined || factor === undefined || drafts === undefined)
      throw new RangeError(`no estimate kept for row ${index}`);
    const credits = this.credits[index] ?? NaN;
    const packed = this.pctAndNotes[index] ?? 0;
    const money = readMoney; // PricedRow copies it: no object of its own per row read
    money.finalCost = this.finalCost[index] ?? 0;
    money.draftCost = this.draftCost[index] ?? 0;
    money.credits = Number.isNaN(credits) ? null : credits;
    money.requests = this.requests[index] ?? 0;
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

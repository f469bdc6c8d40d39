import type { PriceBook } from '../pricing/price-book';
import { BILLING_SURFACES } from '../pricing/price-entry';
import type { RowInputs } from '../plan/plan-schema';
import { exactInt, mul, toDecimalString } from '../money/exact';
import type { ResolvedPricing } from '../pricing/price-book';
import { type CostBasis, costBasis, hasInputRates, inputFactor } from './cost-basis';
import type { EstimateContext, RowIssue } from './estimate-row';
import { resolvePriceCached, resolveSizeCached } from './lookup-cache';
import { MODEL_SPECS, type ModelSpec } from './models';
import { NumberPath } from './row-money';
import type { SizedBase, SizedTemplate } from './sized-shape';
import { parseSizeText, scanned, scanSizeText, type Size } from './sizes';
import {
  inputFidelityTokensOf,
  outputTokensPerImage,
  referenceImageTokensOf,
  referenceMegapixelUnitsOf,
  resolveQuality,
} from './tokens';

/**
 * Output shapes: what a row's model, surface, price entry, size, qualities and partial images fix, worked
 * out once per combination and kept in tables by price book, date and pinned entry, so estimating a row
 * adds only its own inputs and volumes. Reference-image tokens are kept the same way, by model and size.
 */

/**
 * How a row's input images are counted, fixed by its model, price and input fidelity: units per image
 * (input tokens, or megapixel units on a per-megapixel price), kept in a table by size text.
 */
export interface ReferenceCounter {
  readonly count: (size: Size) => number;
  /** count for a width and height (no Size object per row). */
  readonly countOf: (width: number, height: number) => number;
  readonly table: Map<string, number | null>;
  /** False when the row's input images are not priced (the row warns). */
  readonly priced: boolean;
  /** How input images were counted, for the assumptions of a row that has some; null when unpriced. */
  readonly basis: string | null;
}

const countersByModel = new WeakMap<ModelSpec, Map<string, ReferenceCounter>>();
const MAX_REFERENCE_SIZES = 10_000; // per counter: reference sizes are typed text, bound the table

function counter(
  countOf: (width: number, height: number) => number,
  priced: boolean,
  basis: string | null,
): ReferenceCounter {
  return { count: (size) => countOf(size.width, size.height), countOf, table: new Map(), priced, basis };
}

const MEBI_PIXELS = 1_048_576;

function buildCounter(model: ModelSpec, pricing: ResolvedPricing, fidelity: 'low' | 'high'): ReferenceCounter {
  const rule = model.referenceImages;
  if (pricing.kind === 'per-megapixel' && rule.kind !== 'unsupported') {
    if (!pricing.chargesInputs)
      return counter(() => 0, true, 'input images: this per-megapixel price charges for output only');
    const unit = pricing.unit;
    const size = unit.pixels === MEBI_PIXELS ? '1024x1024 px' : '1,000,000 px';
    const how = unit.rounding === 'ceil' ? 'whole megapixels, each image rounded up' : 'exact pixels';
    return counter(
      (width, height) => referenceMegapixelUnitsOf(width, height, unit),
      true,
      `input images counted in megapixels of ${size} (${how}) and charged at the input-megapixel rate; megapixel rule: ${unit.basis}`,
    );
  }
  switch (rule.kind) {
    case 'unsupported':
      return counter(() => 0, false, null);
    case 'free':
      return counter(() => 0, true, rule.basis);
    case 'megapixels':
      return counter(() => 0, true, 'input images are not charged separately on this price (it is not per megapixel)');
    case 'patches-32':
    case 'tiles-512':
    case 'fixed-tokens': {
      const fidelityRule = model.inputFidelity;
      const basis =
        fidelity === 'high' && fidelityRule.kind !== 'none' ? `${rule.basis} ${fidelityRule.basis}` : rule.basis;
      return counter(
        (width, height) =>
          referenceImageTokensOf(model, width, height) + inputFidelityTokensOf(model, width, height, fidelity),
        true,
        basis,
      );
    }
  }
}

/** The counter for a model, price and input fidelity (one object per combination, so tables are shared). */
export function referenceCounter(
  model: ModelSpec,
  pricing: ResolvedPricing,
  fidelity: 'low' | 'high',
): ReferenceCounter {
  let byKey = countersByModel.get(model);
  if (!byKey) {
    byKey = new Map();
    countersByModel.set(model, byKey);
  }
  const key =
    pricing.kind === 'per-megapixel'
      ? `${fidelity}|mp|${pricing.unit.pixels}|${pricing.unit.rounding}|${pricing.chargesInputs ? 1 : 0}`
      : `${fidelity}`;
  let found = byKey.get(key);
  if (!found) {
    found = buildCounter(model, pricing, fidelity);
    byKey.set(key, found);
  }
  return found;
}

/** Units for one input image of the given size text, or null when the text is not a size. */
export function referenceUnitsCached(references: ReferenceCounter, text: string): number | null {
  // A plainly typed size is counted straight away: reference sizes are often all different.
  if (scanSizeText(text)) {
    const { width, height } = scanned;
    return width > 0 && height > 0 ? references.countOf(width, height) : null;
  }
  const table = references.table;
  const hit = table.get(text);
  if (hit !== undefined) return hit;
  const size = resolveReferenceSize(text);
  const units = size === null ? null : references.count(size);
  if (table.size >= MAX_REFERENCE_SIZES) table.clear();
  table.set(text, units);
  return units;
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
  /** How the row's input images are counted (by model, price and input fidelity). */
  readonly references: ReferenceCounter;
  /** The most images per request: the model's limit, or a smaller cap of the price entry. */
  readonly nMax: number;
  /** The number path holding this shape's values at `slot`; null for a shape built for one row alone. */
  readonly numbers: NumberPath | null;
  readonly slot: number;
}

/**
 * A shape with these fields, made by this one object literal (keys in one order) wherever a shape is
 * made: built, kept in a table, made for fidelity high or a template's variant. So every shape has one
 * hidden class and the code reading rows' shapes stays monomorphic; shapes made by spreading one another
 * had a class for each way of making them, and the first row read with a new one sent that code back to
 * the interpreter (RowEstimateColumns.readFigures, "wrong map").
 */
export function outputShape(f: OutputShape): OutputShape {
  return {
    priceEntryIds: f.priceEntryIds,
    sizeKey: f.sizeKey,
    quality: f.quality,
    draftQuality: f.draftQuality,
    outputTokensPerFinal: f.outputTokensPerFinal,
    outputTokensPerDraft: f.outputTokensPerDraft,
    warnings: f.warnings,
    assumptions: f.assumptions,
    basis: f.basis,
    references: f.references,
    nMax: f.nMax,
    numbers: f.numbers,
    slot: f.slot,
  };
}

/** Why a row's choices have no shape, with the notes gathered up to that point. */
export interface ShapeFailure {
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
export interface ShapeTable {
  readonly sizeIds: Map<string, number>;
  readonly slots: Map<number, number>;
  shapes: OutputShape[];
  numbers: NumberPath;
  /** Templates for rows priced by their own size (sized-shape.ts), by choice number. */
  readonly templates: Map<number, SizedTemplate | null>;
  /**
   * Their bases (sized-shape.ts), at sizedBaseSlot of the choice number (no partial images, input
   * fidelity low): an array rather than a Map, as every row priced by its size looks its base up (the Map
   * lookup was about 4% of a warm estimate).
   */
  readonly sizedBases: (SizedBase | null | undefined)[];
}
const shapeTables = new WeakMap<PriceBook, Map<string, ShapeTable>>();
const MAX_SHAPES = 50_000;
const NO_SHAPE = -1; // the choices have a problem: the reference path reports it
let lastTable: { book: PriceBook; tableKey: string; table: ShapeTable } | null = null;

const MODEL_INDEX = new Map(MODEL_SPECS.map((m, i) => [m.id, i]));
/**
 * How many choice numbers there are: models x 8 surfaces x 16 qualities x 16 draft qualities x 16 partial
 * images x 2 input fidelities.
 */
const CHOICES = MODEL_SPECS.length * 8 * 16 * 16 * 16 * 2;

export function shapeTable(book: PriceBook, tableKey: string): ShapeTable {
  if (lastTable !== null && lastTable.book === book && lastTable.tableKey === tableKey) return lastTable.table;
  let byKey = shapeTables.get(book);
  if (!byKey) {
    byKey = new Map();
    shapeTables.set(book, byKey);
  }
  let table = byKey.get(tableKey);
  if (!table) {
    table = {
      sizeIds: new Map(),
      slots: new Map(),
      shapes: [],
      numbers: new NumberPath(),
      templates: new Map(),
      sizedBases: new Array<SizedBase | null | undefined>(CHOICES / 32).fill(undefined),
    };
    byKey.set(tableKey, table);
  }
  lastTable = { book, tableKey, table };
  return table;
}

/**
 * One integer for a row's model, surface, quality, draft quality, partial images and input fidelity, or
 * NO_SHAPE when one is out of range (an unknown quality, say): the reference path reports such a row.
 */
export function choiceNumber(model: ModelSpec, inputs: RowInputs, hasDrafts: boolean): number {
  return choiceNumberOf(MODEL_INDEX.get(model.id) ?? -1, model, inputs, hasDrafts);
}

/** choiceNumber for a model whose index in MODEL_SPECS is known (modelIndexOf): no map lookup per row. */
export function choiceNumberOf(modelIndex: number, model: ModelSpec, inputs: RowInputs, hasDrafts: boolean): number {
  const surfaceIndex = indexIn(BILLING_SURFACES, inputs.surface);
  const qualities = model.qualities;
  const qualityIndex = indexIn(qualities, inputs.quality);
  const draftQualityIndex = hasDrafts ? indexIn(qualities, inputs.draftQuality ?? model.draftQuality) + 1 : 0;
  const partial = inputs.partialImages;
  const fidelityIndex = inputs.inputFidelity === 'high' ? 1 : 0;
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
  return (
    ((((modelIndex * 8 + surfaceIndex) * 16 + qualityIndex) * 16 + draftQualityIndex) * 16 + partial) * 2 +
    fidelityIndex
  );
}

/**
 * The choice number of the same choices at input fidelity low (fidelity is its lowest bit, see
 * choiceNumber); NO_SHAPE stays NO_SHAPE.
 */
export function choiceAtLowFidelity(choice: number): number {
  return choice < 0 ? choice : choice - (choice % 2);
}

/**
 * The own shape of a row priced on `base` at the size its aspect preset or auto stands for (PlanRowPricer:
 * PRESET in RowEstimateColumns), for reading its whole estimate: the shape of its choices at input
 * fidelity low, in the base's table, and at high the one made from it.
 */
export function shapeOfRow(base: SizedBase, model: ModelSpec, inputs: RowInputs, hasDrafts: boolean): OutputShape {
  const { table, ctx } = base;
  const lowChoice = choiceAtLowFidelity(choiceNumber(model, inputs, hasDrafts));
  const slot = shapeSlotOf(table, lowChoice, model, inputs, hasDrafts, ctx, true);
  const low = table.shapes[slot];
  // Input fidelity never decides whether the choices have a shape (buildOutputShape).
  if (low === undefined) throw new RangeError('a row priced through a shape has no shape of its own');
  if (inputs.inputFidelity !== 'high') return low;
  // Without a cost basis there is no pricing to count input images by: built whole at fidelity high.
  const high = shapeAtHighFidelity(low, model) ?? table.shapes[shapeSlot(table, model, inputs, hasDrafts, ctx)];
  if (high === undefined) throw new RangeError('a row priced through a shape has no shape of its own');
  return high;
}

/**
 * The shape at input fidelity high of the choices whose shape at input fidelity low is `low` (on `model`):
 * made from it once and kept beside it, so reading a plan builds no shape twice over; undefined when
 * `low` has no cost basis to count input images by. A row at fidelity high is priced on `low`
 * (PlanRowPricer), which prices both fidelities alike.
 */
export function shapeAtHighFidelity(low: OutputShape, model: ModelSpec): OutputShape | undefined {
  const known = highShapes.get(low);
  if (known !== undefined) return known;
  const basis = low.basis;
  if ('error' in basis) return undefined;
  const high = atHighFidelity(low, basis.pricing, model);
  highShapes.set(low, high);
  return high;
}
const highShapes = new WeakMap<OutputShape, OutputShape>();

/**
 * The shape buildOutputShape gives at input fidelity high, made from the same choices' shape at low:
 * fidelity changes only how input images count and the warning for a model that ignores it (which
 * buildOutputShape puts after the partial-image one and before the thinking-token warning, its last).
 * Its cost basis is the same, so it shares the low shape's basis and number-path slot.
 */
function atHighFidelity(low: OutputShape, pricing: ResolvedPricing, model: ModelSpec): OutputShape {
  const warnings =
    model.inputFidelity.kind === 'none'
      ? withIgnoredChoiceWarnings(low.warnings, model, [fidelityIgnoredWarning(model)])
      : low.warnings;
  return outputShape({ ...low, warnings, references: referenceCounter(model, pricing, 'high') });
}

/**
 * A shape's warnings with `ignored` (choices the model ignores) put where buildOutputShape puts them:
 * before the thinking-token warning, its last, on a model that has one.
 */
export function withIgnoredChoiceWarnings(
  warnings: readonly string[],
  model: ModelSpec,
  ignored: readonly string[],
): readonly string[] {
  const thinking = model.thinkingTokens === null ? [] : warnings.slice(-1);
  const own = warnings.slice(0, warnings.length - thinking.length);
  return [...own, ...ignored, ...thinking];
}

/**
 * The choice number of the same choices with no partial images and input fidelity low: partial images
 * and fidelity are its lowest 5 bits (see choiceNumber).
 */
export function choiceWithoutPartialsOrFidelity(choice: number): number {
  return choice - (choice % 32);
}

/** Where ShapeTable.sizedBases keeps the base of a choice number (its choices but partials and fidelity). */
export function sizedBaseSlot(choice: number): number {
  return choiceWithoutPartialsOrFidelity(choice) / 32;
}

/** The model's index in MODEL_SPECS (its part of a choice number), or -1. */
export function modelIndexOf(model: ModelSpec): number {
  return MODEL_INDEX.get(model.id) ?? -1;
}

/** items.indexOf(text), as a plain loop of ===: a few short lists, read for every row. */
function indexIn(items: readonly string[], text: string): number {
  for (let i = 0; i < items.length; i++) if (items[i] === text) return i;
  return -1;
}

/** The slot of the row's output shape in the table, or NO_SHAPE when the row has a problem. */
export function shapeSlot(
  table: ShapeTable,
  model: ModelSpec,
  inputs: RowInputs,
  hasDrafts: boolean,
  ctx: EstimateContext,
): number {
  return shapeSlotOf(table, choiceNumber(model, inputs, hasDrafts), model, inputs, hasDrafts, ctx);
}

/**
 * shapeSlot for the row's choice number (choiceNumber), when the caller has it already. With
 * `atLowFidelity`, the choice is one at input fidelity low (choiceAtLowFidelity) and a shape built for
 * it is built as for the row at fidelity low.
 */
export function shapeSlotOf(
  table: ShapeTable,
  choice: number,
  model: ModelSpec,
  inputs: RowInputs,
  hasDrafts: boolean,
  ctx: EstimateContext,
  atLowFidelity = false,
): number {
  if (choice === NO_SHAPE) return NO_SHAPE;
  if (table.slots.size >= MAX_SHAPES) {
    // Bounded memory: this table starts afresh (shapes already handed out keep their own number path).
    table.slots.clear();
    table.sizeIds.clear();
    table.shapes = [];
    table.numbers = new NumberPath();
    table.templates.clear();
    table.sizedBases.fill(undefined);
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
  const built = buildOutputShape(
    model,
    atLowFidelity && inputs.inputFidelity !== 'low' ? { ...inputs, inputFidelity: 'low' } : inputs,
    hasDrafts,
    ctx,
  );
  let slot = NO_SHAPE;
  if (!('issue' in built)) {
    slot = table.numbers.addShape(built.basis);
    table.shapes[slot] = outputShape({ ...built, numbers: table.numbers, slot });
  }
  table.slots.set(key, slot);
  return slot;
}

/** Why the choices have no shape, with no notes (a module function: no closure made per shape built). */
function failure(field: RowIssue['field'], message: string): ShapeFailure {
  return { issue: { field, message }, warnings: [], assumptions: [] };
}

export function buildOutputShape(
  model: ModelSpec,
  inputs: RowInputs,
  hasDrafts: boolean,
  ctx: EstimateContext,
): OutputShape | ShapeFailure {
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
  warnings.push(...ignoredChoiceWarnings(model, inputs));
  const thinking = thinkingWarning(model, price.value.pricing);
  if (thinking !== null) warnings.push(thinking);
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
  return outputShape({
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
    references: referenceCounter(model, price.value.pricing, inputs.inputFidelity),
    nMax: Math.min(model.nMax, price.value.maxImagesPerRequest ?? model.nMax),
    numbers: null,
    slot: -1,
  });
}

/** Warnings for partial images and input fidelity a row asks for that its model ignores, in that order. */
export function ignoredChoiceWarnings(model: ModelSpec, inputs: RowInputs): string[] {
  const warnings: string[] = [];
  if (inputs.partialImages > 0 && !model.supportsPartialImages)
    warnings.push(`${model.id} does not stream partial images; ignored`);
  if (inputs.inputFidelity === 'high' && model.inputFidelity.kind === 'none')
    warnings.push(fidelityIgnoredWarning(model));
  return warnings;
}

function fidelityIgnoredWarning(model: ModelSpec): string {
  return `input fidelity high has no effect on ${model.id} (only gpt-image-1 and gpt-image-1.5 take it); ignored`;
}

/**
 * Gemini's thinking tokens are billed at the text output rate besides the image, and not estimated:
 * the warning gives the published typical range and what it adds per image at the entry's rate.
 */
function thinkingWarning(model: ModelSpec, pricing: ResolvedPricing): string | null {
  const thinking = model.thinkingTokens;
  if (thinking === null) return null;
  const rate = hasInputRates(pricing) ? pricing.rates.textOutput : null;
  const factor = inputFactor(pricing);
  // tokens x rate (USD per 1M) x the price's factor (batch, discount), as exact USD.
  const per = (tokens: number) => {
    if (rate === null) return null;
    const usd = mul(mul(rate, exactInt(tokens)), factor);
    return toDecimalString({ units: usd.units, scale: usd.scale + 6 });
  };
  const low = per(thinking.min);
  const high = per(thinking.max);
  const cost = low === null || high === null ? '' : ` (about +$${low === high ? low : `${low}-$${high}`} per image)`;
  const count = thinking.min === thinking.max ? `${thinking.min}` : `${thinking.min}-${thinking.max}`;
  return `thinking tokens are not in this estimate: typically ${count} per image, billed at the text output rate${cost}; the bill shows them in usage_metadata.thoughts_token_count (${thinking.basis})`;
}

export function resolveReferenceSize(text: string): Size | null {
  const s = parseSizeText(text);
  return s !== null && s.width > 0 && s.height > 0 ? s : null;
}

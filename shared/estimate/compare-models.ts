import { type Exact, compare } from '../money/exact';
import type { Micro } from '../money/rounding';
import { blankRow } from '../plan/new-plan';
import type { RowInputs } from '../plan/plan-schema';
import { entriesInForce, type PriceBook } from '../pricing/price-book';
import type { BillingSurface, PriceEntry, SourceClass } from '../pricing/price-entry';
import { fail, ok, type Result } from '../result';
import { estimateRow } from './estimate-row';
import { findModel, type ModelSpec } from './models';
import { ASPECT_PRESETS, isAspectPreset, nearestLegalSize, parseSizeText } from './sizes';

/** One request to price on every model: the row inputs that do not name a model or a price. */
export interface CompareRequest {
  /** WIDTHxHEIGHT, an aspect preset or auto. */
  readonly size: string;
  readonly quality: string;
  readonly nPerRequest: number;
  readonly promptTokens: number | null;
  readonly promptChars: number | null;
  readonly referenceImages: number;
  readonly referenceSize: string;
  readonly inputFidelity: 'low' | 'high';
  readonly partialImages: number;
  /** Surfaces to price on; default api and reseller (what a team can buy directly or through a wrapper). */
  readonly surfaces?: readonly BillingSurface[];
}

/** The request priced on one model through one price entry. */
export interface ComparedOption {
  readonly model: string;
  readonly label: string;
  readonly surface: BillingSurface;
  readonly provider: string;
  readonly sourceClass: SourceClass;
  /** The entry priced (its chain follows: a discount's base, a credits product's token entry). */
  readonly priceEntryIds: readonly string[];
  /** The size priced: the request's, or the nearest the model offers (sizeMapped). */
  readonly size: string;
  readonly sizeMapped: boolean;
  readonly quality: string;
  readonly qualityMapped: boolean;
  readonly outputTokens: number | null;
  /** Exact USD per image, inputs included. */
  readonly costPerImage: Exact;
  /** One request of n images, rounded to the micro-dollar as the engine rounds a row. */
  readonly costPerRequest: Micro;
  readonly warnings: readonly string[];
  readonly assumptions: readonly string[];
}

/** A model (and entry) that cannot take the request on the date, and why. */
export interface UnpricedModel {
  readonly model: string;
  readonly priceEntryId: string | null;
  readonly reason: string;
}

export interface ModelComparison {
  readonly date: string;
  readonly surfaces: readonly BillingSurface[];
  /** Cheapest first (then by model and entry id). */
  readonly options: readonly ComparedOption[];
  readonly unpriced: readonly UnpricedModel[];
}

export const DEFAULT_COMPARE_SURFACES: readonly BillingSurface[] = ['api', 'reseller'];

/**
 * Quality classes across the models' own words, cheapest first: the request's quality is priced at the
 * model's quality of the same class, or of the nearest class (the dearer of two equally near, so a
 * comparison never understates). `auto` is the model's auto where it has one, else its dearest quality.
 */
const QUALITY_CLASSES: readonly (readonly string[])[] = [
  ['low', 'turbo'],
  ['medium', 'default', 'standard'],
  ['high', 'quality', 'hd'],
  ['xhigh'],
  ['max'],
];

function qualityClass(quality: string): number {
  return QUALITY_CLASSES.findIndex((words) => words.includes(quality));
}

/** The model's quality for a requested one, and whether it had to be mapped. */
export function mapQuality(model: ModelSpec, requested: string): { quality: string; mapped: boolean } {
  if (model.qualities.includes(requested)) return { quality: requested, mapped: false };
  const ladder = model.qualities.filter((q) => q !== 'auto');
  const dearest = ladder[ladder.length - 1] ?? model.defaultQuality;
  const target = requested === 'auto' ? QUALITY_CLASSES.length : qualityClass(requested);
  if (target < 0) return { quality: model.defaultQuality, mapped: true };
  let best = dearest;
  let bestDistance = Infinity;
  for (const q of ladder) {
    const c = qualityClass(q);
    const distance = c < 0 ? Infinity : Math.abs(c - target);
    // Ladders run cheapest first, so "<=" keeps the dearer of two equally near qualities.
    if (distance <= bestDistance) {
      best = q;
      bestDistance = distance;
    }
  }
  return { quality: best, mapped: true };
}

function requestRow(request: CompareRequest, model: ModelSpec, entry: PriceEntry, surface: BillingSurface) {
  return blankRow('compare', {
    model: model.id,
    surface,
    priceEntryId: entry.id,
    finals: request.nPerRequest,
    nPerRequest: request.nPerRequest,
    iterationFactor: '1',
    draftsPerFinal: '0',
    draftQuality: null,
    promptTokens: request.promptTokens,
    promptChars: request.promptChars,
    referenceImages: request.referenceImages,
    referenceSize: request.referenceSize,
    inputFidelity: request.inputFidelity,
    partialImages: request.partialImages,
    cachedSharePct: 0,
  });
}

/**
 * Prices one request (size, quality, n, inputs) on every model that can render it on the date: each
 * price entry in force on the chosen surfaces, at the model's nearest legal size and quality, through the
 * engine (so the figures are exactly what a plan row would show). Cheapest first. Models that cannot
 * take it (too many images per request, no such inputs, no price) are listed with the reason.
 * Pure: the price book and date come in. Fails only when the request's size is not a size at all.
 */
export function compareModels(request: CompareRequest, book: PriceBook, date: string): Result<ModelComparison> {
  const surfaces = request.surfaces ?? DEFAULT_COMPARE_SURFACES;
  const text = request.size.trim();
  const parsed = parseSizeText(text);
  const isSize =
    text.toLowerCase() === 'auto' || isAspectPreset(text) || (parsed !== null && parsed.width > 0 && parsed.height > 0);
  if (!isSize) {
    return fail(
      `"${request.size}" is not a size: write WIDTHxHEIGHT (e.g. 1536x1024), an aspect preset (${ASPECT_PRESETS.join(', ')}) or auto`,
    );
  }
  const options: ComparedOption[] = [];
  const unpriced: UnpricedModel[] = [];
  for (const entry of entriesInForce(book, date)) {
    const model = findModel(entry.model);
    if (!model) continue;
    for (const surface of surfaces) {
      if (!entry.surfaces.includes(surface)) continue;
      const priced = priceOn(request, model, entry, surface, book, date);
      if ('reason' in priced) unpriced.push(priced);
      else options.push(priced);
    }
  }
  options.sort(
    (a, b) =>
      compare(a.costPerImage, b.costPerImage) ||
      a.model.localeCompare(b.model) ||
      (a.priceEntryIds[0] ?? '').localeCompare(b.priceEntryIds[0] ?? ''),
  );
  return ok({ date, surfaces, options, unpriced });
}

function priceOn(
  request: CompareRequest,
  model: ModelSpec,
  entry: PriceEntry,
  surface: BillingSurface,
  book: PriceBook,
  date: string,
): ComparedOption | UnpricedModel {
  const size = nearestLegalSize(model, request.size);
  if (size === null) return { model: model.id, priceEntryId: entry.id, reason: `no legal size near ${request.size}` };
  const quality = mapQuality(model, request.quality);
  const row = { ...requestRow(request, model, entry, surface), size: size.key, quality: quality.quality };
  const estimate = estimateRow(row satisfies RowInputs, { priceBook: book, asOf: date });
  if (!estimate.ok) {
    return { model: model.id, priceEntryId: entry.id, reason: estimate.errors.map((e) => e.message).join('; ') };
  }
  return {
    model: model.id,
    label: model.label,
    surface,
    provider: entry.provider,
    sourceClass: entry.sourceClass,
    priceEntryIds: estimate.priceEntryIds,
    size: size.key,
    sizeMapped: size.mapped,
    quality: estimate.quality ?? quality.quality,
    qualityMapped: quality.mapped,
    outputTokens: estimate.outputTokensPerFinal,
    costPerImage: estimate.costPerFinalImage,
    costPerRequest: estimate.totalCost,
    warnings: estimate.warnings,
    assumptions: estimate.assumptions,
  };
}

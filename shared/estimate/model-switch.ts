import type { RowInputs } from '../plan/plan-schema';
import type { PriceBook } from '../pricing/price-book';
import { fail, ok, type Result } from '../result';
import { modelShutdownOn } from './model-availability';
import { findModel, type ModelSpec, type SizeRule } from './models';
import { nearestValidSizes, parseSizeText, resolveSize, type Size, sizeKey } from './sizes';

/** A row's inputs moved to another model, and what had to change for the model to take them. */
export interface ModelSwitch {
  readonly inputs: RowInputs;
  /** One line per changed input, in words a planner reads ("Quality high → hd: dall-e-3 offers standard, hd"). */
  readonly changes: readonly string[];
  /**
   * Each change without the row's own value ("Size → 1024x1024: the nearest …"), in the order of
   * `changes`: what rows mapped alike share, to group them (modelScenario) when their sizes differ.
   */
  readonly changesAlike: readonly string[];
  /** What the switch does not change but should be known ("gpt-image-1 was shut down on 2026-12-01 …"). */
  readonly notes: readonly string[];
}

/**
 * Quality levels from cheapest to dearest, across the models' own words: a level a model lacks maps to the
 * one it has at the nearest rank (a tie goes to the dearer one, so a switch never quietly plans for less).
 */
const QUALITY_RANK: Readonly<Record<string, number>> = {
  low: 1,
  standard: 2,
  medium: 2,
  high: 3,
  hd: 3,
  xhigh: 4,
  max: 5,
};

function nearestQuality(model: ModelSpec, quality: string, allowAuto: boolean): string {
  if (model.qualities.includes(quality)) return quality;
  const rank = QUALITY_RANK[quality];
  if (rank === undefined) return model.defaultQuality; // "auto" on a model without it, or unknown words
  let best: string | null = null;
  let bestDistance = Infinity;
  for (const q of model.qualities) {
    const r = QUALITY_RANK[q];
    if (r === undefined || (!allowAuto && q === 'auto')) continue;
    const d = Math.abs(r - rank);
    if (d < bestDistance || (d === bestDistance && best !== null && r > (QUALITY_RANK[best] ?? 0))) {
      best = q;
      bestDistance = d;
    }
  }
  return best ?? model.defaultQuality;
}

/** The legal size closest to `size`: same aspect first, then the nearest pixel count (fixed lists). */
function nearestSize(rule: SizeRule, size: Size): Size {
  if (rule.kind === 'flexible') return nearestValidSizes(rule, size, 1)[0] ?? size;
  const aspect = Math.log(size.width / size.height);
  const pixels = size.width * size.height;
  let best: Size | null = null;
  let bestScore: [number, number] = [Infinity, Infinity];
  for (const text of rule.sizes) {
    const s = parseSizeText(text);
    if (!s) continue;
    const score: [number, number] = [
      Math.abs(Math.log(s.width / s.height) - aspect),
      Math.abs(Math.log((s.width * s.height) / pixels)),
    ];
    if (score[0] < bestScore[0] - 1e-9 || (Math.abs(score[0] - bestScore[0]) <= 1e-9 && score[1] < bestScore[1])) {
      best = s;
      bestScore = score;
    }
  }
  return best ?? size;
}

function sizeFor(model: ModelSpec, size: string): string {
  if (resolveSize(model, size).ok) return size;
  const parsed = parseSizeText(size);
  return sizeKey(nearestSize(model.sizes, parsed ?? { width: 1024, height: 1024 }));
}

function offered(model: ModelSpec): string {
  return model.sizes.kind === 'fixed' ? model.sizes.sizes.join(', ') : 'sizes within its limits';
}

/**
 * A row's inputs for another model: its size and quality (and draft quality) mapped to the nearest the
 * model offers, images per request capped at the model's limit, a pinned price entry for another model
 * let go, and everything else kept. Each change comes back as a line for the planner; a model shut down by
 * `date` (the plan's price date) comes back as a note, since it can only price history. The price-book
 * engine uses it for "price this plan on model X" too. Pure; an unknown model is an error, not a throw.
 */
export function nearestInputsForModel(
  inputs: RowInputs,
  modelId: string,
  book: PriceBook,
  date: string,
): Result<ModelSwitch> {
  const model = findModel(modelId);
  if (!model) return fail(`"${modelId}" is not a known model: pick one from the list`);
  const changes: string[] = [];
  const changesAlike: string[] = [];
  // "Size 1728x1664 → 1024x1024: why": the change, and without the row's own value ("Size → …").
  const change = (what: string, from: string, rest: string) => {
    changes.push(`${what} ${from} ${rest}`);
    changesAlike.push(`${what} ${rest}`);
  };
  const next: { -readonly [K in keyof RowInputs]: RowInputs[K] } = { ...inputs, model: model.id };
  const size = sizeFor(model, inputs.size);
  if (size !== inputs.size) {
    next.size = size;
    change('Size', inputs.size, `→ ${size}: the nearest ${model.id} offers (${offered(model)})`);
  }
  const quality = nearestQuality(model, inputs.quality, true);
  if (quality !== inputs.quality) {
    next.quality = quality;
    change('Quality', inputs.quality, `→ ${quality}: ${model.id} offers ${model.qualities.join(', ')}`);
  }
  if (inputs.draftQuality !== null && !model.qualities.includes(inputs.draftQuality)) {
    const draft = nearestQuality(model, inputs.draftQuality, false);
    next.draftQuality = draft;
    change('Draft quality', inputs.draftQuality, `→ ${draft}`);
  }
  if (inputs.nPerRequest > model.nMax) {
    next.nPerRequest = model.nMax;
    change(
      'Images per request',
      String(inputs.nPerRequest),
      `→ ${model.nMax}: ${model.id} allows at most ${model.nMax}`,
    );
  }
  const pinned = inputs.priceEntryId === null ? null : book.byId.get(inputs.priceEntryId);
  if (inputs.priceEntryId !== null && pinned?.model !== model.id) {
    next.priceEntryId = null;
    change(
      'Pinned price entry',
      inputs.priceEntryId,
      `let go: it prices ${pinned?.model ?? 'nothing in the price book'}`,
    );
  }
  const notes: string[] = [];
  const shutdown = modelShutdownOn(book, model.id, date);
  if (shutdown !== null)
    notes.push(`${model.id} was shut down on ${shutdown}: it prices only plans dated before that (pricing history)`);
  if (inputs.referenceImages > 0 && model.referenceImages.kind === 'unsupported')
    notes.push(`${model.id} takes no reference images: the row’s ${inputs.referenceImages} are not priced`);
  return ok({ inputs: next, changes, changesAlike, notes });
}

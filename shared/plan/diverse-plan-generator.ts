import { findModel, type ModelSpec } from '../estimate/models';
import { ASPECT_PRESETS, checkSize } from '../estimate/sizes';
import type { BillingSurface } from '../pricing/price-entry';
import { blankPlan, blankRow } from './new-plan';
import type { PlanDocument, PlanRow } from './plan-schema';
import { GENERATED_AS_OF, GENERATED_MODELS, generatedNMax, seededRandom } from './plan-generator';
import { createSamplePlan } from './sample-plan';

/**
 * A plan a user could make, for the benchmarks and the tests of issue 14: most rows gpt-image-2, each
 * with its own legal size typed by hand (any width and height the model accepts, spelled as people
 * type them: "1536x1024", "1536 x 1024", "1536X1024", "1536×1024"), with mixed qualities, drafts,
 * reference images of any size, surfaces and input fidelity. Unlike generatePlan's few dozen sizes,
 * almost no two rows share an output shape, so nothing a cache of shapes keeps is reused. Pure and
 * seeded; every row is valid and priced on GENERATED_AS_OF.
 */

export interface DiversePlanOptions {
  readonly rows: number;
  readonly seed: number;
  /** Share of rows on gpt-image-2 (default 0.85); the rest spread over the generator's other models. */
  readonly gptImage2Share?: number;
}

/** How hand-typed sizes are spelled (all read as the same size); the plain spelling most often. */
const SPELLINGS: readonly ((w: number, h: number) => string)[] = [
  (w, h) => `${w}x${h}`,
  (w, h) => `${w}x${h}`,
  (w, h) => `${w} x ${h}`,
  (w, h) => `${w}X${h}`,
  (w, h) => `${w}×${h}`,
  (w, h) => `${w} × ${h}`,
  (w, h) => `${w}*${h}`,
];
const ASPECTS = [...ASPECT_PRESETS, 'auto'];
const FACTORS = ['1', '1.1', '1.2', '1.25', '1.5', '1.8', '2', '2.5', '3', '3.25', '4.125'];
const DRAFTS = ['0', '0', '0', '0.5', '1', '1.5', '2', '3'];
const TEAMS = ['Growth', 'Ecommerce', 'Brand', 'Product', 'Social', 'Retail'];

function spec(id: string): ModelSpec {
  const m = findModel(id);
  if (!m) throw new Error(`generator names an unknown model ${id}`);
  return m;
}

/** A legal size for the model, as a person would type it (an aspect preset now and then). */
function typedSize(model: ModelSpec, random: () => number): string {
  const rule = model.sizes;
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  if (rule.kind === 'fixed') return pick(rule.sizes);
  if (random() < 0.03) return pick(model.autoSize === null ? ASPECTS.slice(0, -1) : ASPECTS);
  const steps = rule.maxEdge / rule.multipleOf;
  for (;;) {
    const width = rule.multipleOf * (1 + Math.floor(random() * steps));
    const height = rule.multipleOf * (1 + Math.floor(random() * steps));
    if (checkSize(rule, { width, height }) === null) return pick(SPELLINGS)(width, height);
  }
}

function diverseRow(i: number, model: ModelSpec, surface: BillingSurface, random: () => number): PlanRow {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const qualities = model.qualities;
  const drafts = pick(DRAFTS);
  const usesPromptTokens = random() < 0.4;
  const references = random() < 0.5 ? 0 : 1 + Math.floor(random() * 6);
  return blankRow(`d${i}`, {
    name: `Line ${i}: ${pick(TEAMS).toLowerCase()} brief`,
    team: pick(TEAMS),
    model: model.id,
    surface,
    size: typedSize(model, random),
    quality: pick(qualities),
    finals: 1 + Math.floor(random() * 2_000),
    iterationFactor: pick(FACTORS),
    draftsPerFinal: drafts,
    draftQuality: drafts === '0' || random() < 0.5 ? null : pick(qualities),
    nPerRequest: 1 + Math.floor(random() * generatedNMax(model, surface)),
    promptTokens: usesPromptTokens ? Math.floor(random() * 3_000) : null,
    promptChars: usesPromptTokens ? null : Math.floor(random() * 6_000),
    referenceImages: references,
    // Reference images come in any size: photos, scans, crops.
    referenceSize: `${200 + Math.floor(random() * 5_800)}x${200 + Math.floor(random() * 5_800)}`,
    inputFidelity: random() < 0.3 ? 'high' : 'low',
    cachedSharePct: surface === 'responses' ? Math.floor(random() * 101) : 0,
    partialImages: model.supportsPartialImages && random() < 0.2 ? 1 + Math.floor(random() * 3) : 0,
    budgetCapUsd: random() < 0.3 ? `${Math.floor(random() * 100_000)}.${Math.floor(random() * 100)}` : null,
  });
}

/** A whole diverse plan, priced with the built-in catalog and the sample's credits entry. */
export function generateDiversePlan(options: DiversePlanOptions): PlanDocument {
  const random = seededRandom(options.seed);
  const share = options.gptImage2Share ?? 0.85;
  const gptImage2 = GENERATED_MODELS.find((c) => c.model === 'gpt-image-2');
  const others = GENERATED_MODELS.filter((c) => c.model !== 'gpt-image-2');
  if (!gptImage2) throw new Error('the generator has no gpt-image-2');
  const plan = blankPlan(GENERATED_AS_OF, `Diverse plan (${options.rows} rows, seed ${options.seed})`);
  plan.priceEntries.push(...createSamplePlan(GENERATED_AS_OF).priceEntries);
  for (let i = 0; i < options.rows; i++) {
    const choice = random() < share ? gptImage2 : (others[Math.floor(random() * others.length)] ?? gptImage2);
    const surface = choice.surfaces[Math.floor(random() * choice.surfaces.length)] ?? 'api';
    plan.rows.push(diverseRow(i, spec(choice.model), surface, random));
  }
  return plan;
}

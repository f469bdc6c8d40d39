import { findModel, type ModelSpec } from '../estimate/models';
import { checkSize, sizeKey } from '../estimate/sizes';
import { blankPlan, blankRow } from './new-plan';
import type { PlanDocument, PlanRow } from './plan-schema';
import { createPriceBook, resolvePrice } from '../pricing/price-book';
import type { BillingSurface } from '../pricing/price-entry';
import { createSamplePlan } from './sample-plan';

/**
 * Deterministic large plans for the benchmarks (bench/) and the tests (test/): pure, with the seed passed
 * in, so both build the same plan from the same seed. Every generated row is valid and priced on
 * GENERATED_AS_OF with the built-in catalog plus the sample plan's credits entry, so the benchmark
 * measures real estimates, not error paths.
 */
export const GENERATED_AS_OF = '2026-10-15';

/** mulberry32: a tiny seeded PRNG, so the same seed always gives the same plan. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

interface ModelChoice {
  readonly model: string;
  readonly surfaces: readonly BillingSurface[];
  /** Relative frequency in generated plans (gpt-image-2 dominates, as in real plans). */
  readonly weight: number;
}

/** Models and surfaces priced on GENERATED_AS_OF (gpt-image-1 shuts down 2026-10-23, so it still is). */
export const GENERATED_MODELS: readonly ModelChoice[] = [
  { model: 'gpt-image-2', surfaces: ['api', 'responses', 'batch', 'reseller', 'credits'], weight: 8 },
  { model: 'gpt-image-2.5-flare', surfaces: ['api', 'responses', 'batch'], weight: 3 },
  { model: 'gpt-image-2.5-sunburst', surfaces: ['api', 'responses', 'batch'], weight: 2 },
  { model: 'gpt-image-1.5', surfaces: ['api', 'responses', 'batch'], weight: 2 },
  { model: 'gpt-image-1', surfaces: ['api', 'batch'], weight: 1 },
  { model: 'gpt-image-1-mini', surfaces: ['api', 'responses', 'batch'], weight: 2 },
  { model: 'gemini-2.5-flash-image', surfaces: ['api', 'batch'], weight: 1 },
  { model: 'gemini-3-pro-image', surfaces: ['api'], weight: 1 },
  { model: 'flux-2-pro', surfaces: ['api', 'credits'], weight: 1 },
  { model: 'flux-2-klein-4b', surfaces: ['credits'], weight: 1 },
];

const REFERENCE_SIZES = ['1024x1024', '1440x900', '512x512', '3000x2000', '800x1200'];
const FACTORS = ['1', '1.2', '1.5', '1.8', '2', '2.5', '3.25'];
const DRAFTS = ['0', '0', '0', '0.5', '1', '2', '3'];

/**
 * The most images per request a generated row may ask for: the model's limit, or a smaller cap of the
 * price it is billed by (fal's gpt-image-2 takes 4).
 */
export function generatedNMax(model: ModelSpec, surface: BillingSurface): number {
  const key = `${model.id}|${surface}`;
  let n = N_MAX.get(key);
  if (n === undefined) {
    const price = resolvePrice(GENERATED_BOOK, { model: model.id, surface, date: GENERATED_AS_OF });
    const cap = price.ok ? price.value.maxImagesPerRequest : null;
    n = cap === null ? model.nMax : Math.min(model.nMax, cap);
    N_MAX.set(key, n);
  }
  return n;
}

const GENERATED_BOOK = createPriceBook();
const N_MAX = new Map<string, number>(); // by model and surface: generating 100k rows asks for few

function spec(id: string): ModelSpec {
  const m = findModel(id);
  if (!m) throw new Error(`generator names an unknown model ${id}`);
  return m;
}

/** A pool of legal sizes for each model: its fixed list, or `poolSize` random legal flexible sizes. */
function sizePools(random: () => number, poolSize: number): Map<string, string[]> {
  const pools = new Map<string, string[]>();
  for (const { model } of GENERATED_MODELS) {
    const m = spec(model);
    const rule = m.sizes;
    if (rule.kind === 'fixed') {
      // Gemini 3 Pro lists three sizes; all priced. Keep every listed size.
      pools.set(model, [...rule.sizes]);
      continue;
    }
    const pool = new Set<string>(['1024x1024', '1536x1024', '1024x1536']);
    let guard = 0;
    while (pool.size < poolSize && guard++ < poolSize * 200) {
      const w = rule.multipleOf * (16 + Math.floor(random() * (rule.maxEdge / rule.multipleOf - 15)));
      const h = rule.multipleOf * (16 + Math.floor(random() * (rule.maxEdge / rule.multipleOf - 15)));
      const s = { width: w, height: h };
      if (checkSize(rule, s) === null) pool.add(sizeKey(s));
    }
    pools.set(model, [...pool]);
  }
  return pools;
}

export interface GeneratePlanOptions {
  readonly rows: number;
  readonly seed: number;
  /** Distinct legal sizes per flexible model (default 48): real plans reuse a handful of sizes. */
  readonly sizesPerModel?: number;
}

function generateRows(options: GeneratePlanOptions): PlanRow[] {
  const random = seededRandom(options.seed);
  const pick = <T>(items: readonly T[]): T => {
    const item = items[Math.floor(random() * items.length)];
    if (item === undefined) throw new Error('empty choice');
    return item;
  };
  const weighted: ModelChoice[] = GENERATED_MODELS.flatMap((c) => Array<ModelChoice>(c.weight).fill(c));
  const pools = sizePools(random, options.sizesPerModel ?? 48);
  const rows: PlanRow[] = [];
  for (let i = 0; i < options.rows; i++) {
    const choice = pick(weighted);
    const m = spec(choice.model);
    const surface = pick(choice.surfaces);
    const qualities = m.qualities;
    const drafts = pick(DRAFTS);
    const usesPromptTokens = random() < 0.5;
    rows.push(
      blankRow(`r${i}`, {
        name: `Generated line ${i}`,
        team: pick(['Growth', 'Ecommerce', 'Brand', 'Product']),
        model: choice.model,
        surface,
        size: pick(pools.get(choice.model) ?? ['1024x1024']),
        quality: pick(qualities),
        finals: 1 + Math.floor(random() * 500),
        iterationFactor: pick(FACTORS),
        draftsPerFinal: drafts,
        draftQuality: drafts === '0' ? null : random() < 0.5 ? null : pick(qualities),
        nPerRequest: 1 + Math.floor(random() * generatedNMax(m, surface)),
        promptTokens: usesPromptTokens ? Math.floor(random() * 2000) : null,
        promptChars: usesPromptTokens ? null : Math.floor(random() * 4000),
        referenceImages: random() < 0.6 ? 0 : 1 + Math.floor(random() * 4),
        referenceSize: pick(REFERENCE_SIZES),
        cachedSharePct: surface === 'responses' ? Math.floor(random() * 101) : 0,
        partialImages: m.supportsPartialImages && random() < 0.2 ? 1 + Math.floor(random() * 3) : 0,
        budgetCapUsd: random() < 0.3 ? `${Math.floor(random() * 1000)}.${Math.floor(random() * 100)}` : null,
      }),
    );
  }
  return rows;
}

/** A whole plan of generated rows, priced with the built-in catalog and the sample's credits entry. */
export function generatePlan(options: GeneratePlanOptions): PlanDocument {
  const plan = blankPlan(GENERATED_AS_OF, `Generated plan (${options.rows} rows, seed ${options.seed})`);
  plan.priceEntries.push(...createSamplePlan(GENERATED_AS_OF).priceEntries);
  plan.rows.push(...generateRows(options));
  return plan;
}

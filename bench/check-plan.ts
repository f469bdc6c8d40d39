import { findModel, type ModelSpec } from '../shared/estimate/models';
import { ASPECT_PRESETS, checkSize } from '../shared/estimate/sizes';
import { blankPlan, blankRow } from '../shared/plan/new-plan';
import type { PlanDocument, ScenarioOverride } from '../shared/plan/plan-schema';
import { GENERATED_AS_OF, GENERATED_MODELS, seededRandom } from '../shared/plan/plan-generator';
import { createSamplePlan } from '../shared/plan/sample-plan';

/**
 * A second plan for issue 14's figures, made the way its check says it will be: "generated independently
 * (different seed, sizes and mix)". Written apart from shared/plan/diverse-plan-generator.ts, so the
 * engine is not only ever timed on the plan it was tuned on. Against that one:
 * - plain ASCII size texts ("1536x1024", " 1536X1024 "): a file the parser reads faster, so the floor
 *   JSON.parse sets is lower and the CLI's ratio to it higher;
 * - sizes drawn by aspect ratio, 15% aspect presets, fewer gpt-image-2 rows (60%) and more fixed-size models;
 * - finals up to 20,000 (many amounts past 2^53 before rounding: the split-product path);
 * - half the rows at input fidelity high, half with a budget cap of up to 6 decimals;
 * - an active scenario with its own iteration factor for 2% of the rows;
 * - start and end dates on 70% of the rows, as reconciliation asks (a date the schema took 1 µs to check
 *   made such plans slower to open than the diverse plan, which has none).
 * Every row is valid and priced on GENERATED_AS_OF.
 */
export function generateCheckPlan(rows: number, seed: number): PlanDocument {
  const random = seededRandom(seed);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
  const mix: [string, number][] = [
    ['gpt-image-2', 0.6],
    ['gpt-image-1.5', 0.1],
    ['gpt-image-1-mini', 0.08],
    ['gpt-image-2.5-flare', 0.07],
    ['gemini-3-pro-image', 0.05],
    ['flux-2-pro', 0.05],
    ['gemini-2.5-flash-image', 0.05],
  ];
  const plan = blankPlan(GENERATED_AS_OF, `Check plan (${rows} rows, seed ${seed})`);
  plan.priceEntries.push(...createSamplePlan(GENERATED_AS_OF).priceEntries);
  const overrides: ScenarioOverride[] = [];
  for (let i = 0; i < rows; i++) {
    const model = modelFrom(mix, random());
    const surfaces = GENERATED_MODELS.find((c) => c.model === model.id)?.surfaces ?? ['api'];
    const drafts = pick(['0', '0', '0.25', '0.75', '1', '2']);
    const surface = pick(surfaces);
    const id = `c-${i}`;
    plan.rows.push(
      blankRow(id, {
        name: `Campaign ${i % 977} asset ${i}`,
        team: pick(['EMEA', 'APAC', 'Americas']),
        model: model.id,
        surface,
        size: sizeFor(model, random, pick),
        quality: pick(model.qualities),
        finals: 1 + Math.floor(random() * random() * 20_000),
        iterationFactor: pick(['1.2', '1.8', '2.5', '1.75', '1.05', '2.0', '1.333']),
        draftsPerFinal: drafts,
        draftQuality: drafts === '0' ? null : pick([null, model.qualities[0] ?? null]),
        nPerRequest: 1,
        promptTokens: random() < 0.7 ? 50 + Math.floor(random() * 900) : null,
        promptChars: null,
        referenceImages: random() < 0.35 ? 1 + Math.floor(random() * 3) : 0,
        referenceSize: pick(['1024x1024', '4032x3024', '1920x1080', '640x480', '2048x2048']),
        inputFidelity: random() < 0.5 ? 'high' : 'low',
        cachedSharePct: surface === 'responses' ? pick([0, 25, 50, 90]) : 0,
        partialImages: 0,
        budgetCapUsd: random() < 0.5 ? pick(['100', '2500.5', '12.345678', '99999.99', '0.5']) : null,
        ...campaignDates(random),
      }),
    );
    if (random() < 0.02) overrides.push({ rowId: id, field: 'iterationFactor', value: pick(['1.2', '2.5']) });
  }
  plan.scenarios.push({ id: 'tight', name: 'Tight', description: 'Some rows on strict baselines', overrides });
  plan.activeScenarioId = 'tight';
  return plan;
}

function modelFrom(mix: readonly [string, number][], r: number): ModelSpec {
  let sum = 0;
  for (const [id, share] of mix) {
    sum += share;
    if (r < sum) return spec(id);
  }
  return spec('gpt-image-2');
}

function spec(id: string): ModelSpec {
  const model = findModel(id);
  if (!model) throw new Error(`the check plan names an unknown model ${id}`);
  return model;
}

/** A legal size drawn by width and aspect ratio, in plain ASCII; a preset now and then. */
function sizeFor(model: ModelSpec, random: () => number, pick: <T>(items: readonly T[]) => T): string {
  const rule = model.sizes;
  if (rule.kind === 'fixed') return pick(rule.sizes);
  if (random() < 0.15) return pick(ASPECT_PRESETS);
  for (;;) {
    const width = rule.multipleOf * (8 + Math.floor(random() * (rule.maxEdge / rule.multipleOf - 7)));
    const height =
      Math.round((width * pick([1, 0.5625, 1.7777, 0.75, 1.3333, 0.8, 2.4])) / rule.multipleOf) * rule.multipleOf;
    if (height > 0 && checkSize(rule, { width, height }) === null)
      return pick([`${width}x${height}`, `${width} x ${height}`, ` ${width}X${height} `]);
  }
}

/** A campaign's dates in 2027 (a start, and an end up to 12 weeks later) for 70% of rows, else none. */
function campaignDates(random: () => number): { startDate: string | null; endDate: string | null } {
  if (random() >= 0.7) return { startDate: null, endDate: null };
  const start = Date.UTC(2027, 0, 1) + Math.floor(random() * 300) * DAY_MS;
  const end = start + Math.floor(random() * 84) * DAY_MS;
  const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
  return { startDate: day(start), endDate: day(end) };
}
const DAY_MS = 86_400_000;

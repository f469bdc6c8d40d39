import { describe, expect, it } from 'vitest';
import { estimatePlan, forEachRowFigures, type PlanEstimate } from '../../shared/estimate/estimate-plan';
import type { RowEstimate } from '../../shared/estimate/estimate-row';
import type { RowFigures } from '../../shared/estimate/priced-row';
import { toDecimalString, scaledToDecimalString } from '../../shared/money/exact';
import { generateDiversePlan } from '../../shared/plan/diverse-plan-generator';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { GENERATED_AS_OF } from '../../shared/plan/plan-generator';
import { experimentalSizeWarning } from '../../shared/estimate/sizes';

/** What the figures say, as text: the units written as the decimals a RowEstimate gives. */
function figuresText(f: RowFigures) {
  return {
    finalGenerations: scaledToDecimalString(f.finalGenerations, f.finalGenerationsScale),
    draftGenerations: scaledToDecimalString(f.draftGenerations, f.draftGenerationsScale),
    costPerFinalImage: scaledToDecimalString(f.costPerFinalImage, f.costPerFinalImageScale),
    outputTokensPerFinal: f.outputTokensPerFinal,
    totalCost: f.totalCost,
    warnings:
      f.experimentalWidth === 0
        ? f.warnings
        : [experimentalSizeWarning(f.experimentalWidth, f.experimentalHeight), ...f.warnings],
  };
}

function estimateText(e: RowEstimate) {
  if (!e.ok) return { errors: e.errors, warnings: e.warnings };
  return {
    finalGenerations: toDecimalString(e.finalGenerations),
    draftGenerations: toDecimalString(e.draftGenerations),
    costPerFinalImage: toDecimalString(e.costPerFinalImage),
    outputTokensPerFinal: e.outputTokensPerFinal,
    totalCost: e.totalCost,
    warnings: e.warnings,
  };
}

/** What forEachRowFigures hands over for each row: figures as text, or the estimate's own text. */
function figuresOf(result: PlanEstimate) {
  const seen: { index: number; budget: number | null; by: string; text: ReturnType<typeof estimateText> }[] = [];
  forEachRowFigures(
    result,
    (_row, figures, budget, index) => seen.push({ index, budget, by: 'figures', text: figuresText(figures) }),
    (_row, estimate, budget, index) => seen.push({ index, budget, by: 'estimate', text: estimateText(estimate) }),
  );
  return seen;
}

function estimated(plan: PlanDocument, scenario: string | null = null): PlanEstimate {
  const result = estimatePlan(plan, { scenario });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** Each row's figures, read from a fresh estimate, are what the same plan's row estimates give. */
function expectFiguresMatchRows(plan: PlanDocument, scenario: string | null = null) {
  const figures = figuresOf(estimated(plan, scenario));
  const rows = estimated(plan, scenario).rows;
  expect(figures.map((f) => f.index)).toEqual(rows.map((_r, i) => i));
  expect(figures.map((f) => f.budget)).toEqual(rows.map((r) => r.budgetRemaining));
  figures.forEach((f, i) =>
    expect(f.text, `row ${i + 1}`).toEqual(estimateText((rows[i] as { estimate: RowEstimate }).estimate)),
  );
  return figures;
}

describe('forEachRowFigures', () => {
  it('gives every row of a diverse plan the figures its estimate gives (sized, shaped and other rows)', () => {
    const figures = expectFiguresMatchRows(generateDiversePlan({ rows: 6_000, seed: 41 }));
    // Nearly every row in numbers; the few that are not (a figure past what a number keeps exact) by estimate.
    expect(figures.filter((f) => f.by === 'figures').length).toBeGreaterThan(5_900);
    // Many rows' sizes are experimental (their note given by the size): the check above covers them.
    expect(figures.filter((f) => f.text.warnings?.[0]?.includes('is above 2560x1440')).length).toBeGreaterThan(1_000);
  });

  it('gives the sample plan under a scenario, and rows with errors and budget caps, their estimates', () => {
    const sample = createSamplePlan(GENERATED_AS_OF);
    expectFiguresMatchRows(sample, 'from-scratch');
    const base = sample.rows[0];
    if (base === undefined) throw new Error('the sample plan has rows');
    const messy: PlanDocument = {
      ...sample,
      rows: [
        ...sample.rows,
        { ...base, id: 'unknown', model: 'no-such-model' },
        { ...base, id: 'bad-size', size: '12x7' },
        { ...base, id: 'over-cap', budgetCapUsd: '0.01', finals: 5_000 },
        { ...base, id: 'batch', surface: 'batch', size: '3840x2160' },
        { ...base, id: 'huge', finals: 10_000_000, iterationFactor: '9999.9999', nPerRequest: 10 },
        { ...base, id: 'refs', model: 'gpt-image-1.5', size: '1024x1024', referenceImages: 3, inputFidelity: 'high' },
      ],
    };
    const figures = expectFiguresMatchRows(messy);
    expect(figures.filter((f) => f.by === 'estimate').map((f) => f.index)).toEqual(
      expect.arrayContaining([4, 5, 8]), // the unknown model, the bad size and the huge row: errors
    );
  });

  it('reads rows already built by `rows`, and a plan estimate made of plain results, alike', () => {
    const plan = generateDiversePlan({ rows: 500, seed: 5 });
    const fresh = figuresOf(estimated(plan));
    const built = estimated(plan);
    expect(built.rows.length).toBe(500);
    expect(figuresOf(built)).toEqual(fresh);
    expect(figuresOf({ ...built, rows: built.rows, totals: built.totals, scenarioId: null })).toEqual(fresh);
  });
});

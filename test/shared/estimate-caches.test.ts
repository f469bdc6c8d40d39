import { describe, expect, it } from 'vitest';
import { GENERATED_AS_OF } from '../../shared/plan/plan-generator';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { estimateRowReference } from '../../shared/estimate/estimate-row';
import { checkSize, sizeKey } from '../../shared/estimate/sizes';
import { findModel } from '../../shared/estimate/models';
import { blankPlan, blankRow } from '../../shared/plan/new-plan';
import { createPriceBook } from '../../shared/pricing/price-book';
import { createSamplePlan } from '../../shared/plan/sample-plan';

/** Every legal gpt-image-2 size, in a fixed order: far more distinct output shapes than the engine keeps. */
function legalSizes(): string[] {
  const model = findModel('gpt-image-2');
  if (!model || model.sizes.kind !== 'flexible') throw new Error('gpt-image-2 must have flexible sizes');
  const rule = model.sizes;
  const sizes: string[] = [];
  for (let w = rule.multipleOf; w <= rule.maxEdge; w += rule.multipleOf) {
    for (let h = rule.multipleOf; h <= rule.maxEdge; h += rule.multipleOf) {
      if (checkSize(rule, { width: w, height: h }) === null) sizes.push(sizeKey({ width: w, height: h }));
    }
  }
  return sizes;
}

describe('the engine caches never change a result', () => {
  it('a plan with more distinct output shapes than the engine keeps is priced exactly, twice over', () => {
    const sizes = legalSizes(); // 29,146
    // Every size at low quality, then at medium: past the engine's bound on kept shapes (50,000), so its
    // table starts afresh partway through the medium pass. Then the first half of the sizes at medium
    // again: shapes it knew before starting afresh, now looked up by their new keys.
    const passes: [quality: string, count: number][] = [
      ['low', sizes.length],
      ['medium', sizes.length],
      ['medium', 15_000],
    ];
    const rows = passes.flatMap(([quality, count], pass) =>
      sizes.slice(0, count).map((size, i) =>
        blankRow(`p${pass}s${i}`, {
          model: 'gpt-image-2',
          size,
          quality,
          finals: 1 + (i % 37),
          iterationFactor: '1.8',
          promptTokens: i % 500,
        }),
      ),
    );
    const plan = {
      ...blankPlan(GENERATED_AS_OF, 'Many shapes'),
      rows,
      priceEntries: createSamplePlan(GENERATED_AS_OF).priceEntries,
    };
    expect(rows.length).toBeGreaterThan(70_000);
    const priceBook = createPriceBook(plan.priceEntries);
    const context = { priceBook, asOf: GENERATED_AS_OF };
    for (const pass of ['first', 'second']) {
      const result = estimatePlan(plan, { priceBook, scenario: null });
      if (!result.ok) throw new Error(result.error);
      expect(result.value.totals.rowsWithErrors, `${pass} pass`).toBe(0);
      let mismatches = 0;
      result.value.rows.forEach((r, i) => {
        const reference = estimateRowReference(plan.rows[i] ?? r.row, context);
        if (
          r.estimate.totalCost !== reference.totalCost ||
          r.estimate.sizeKey !== reference.sizeKey ||
          r.estimate.quality !== reference.quality
        )
          mismatches += 1;
      });
      expect(mismatches, `${pass} pass`).toBe(0);
    }
  });
});

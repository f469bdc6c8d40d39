import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PlanEstimator } from '../../shared/estimate/plan-estimator';
import { GENERATED_AS_OF } from '../../shared/plan/plan-generator';
import { blankPlan, blankRow } from '../../shared/plan/new-plan';
import type { PlanDocument, PlanRow } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { validRow } from './support/arbitraries';

/**
 * Issue 14 §4: an edit's totals are the old totals with the edited rows taken out and put back in
 * (RunningPlanTotals), and must always equal adding up every row afresh — scales of the generation sums,
 * error rows, and rows refused for carrying the total past what stays exact included.
 */

const PRICE_ENTRIES = createSamplePlan(GENERATED_AS_OF).priceEntries;

function planOf(rows: readonly PlanRow[]): PlanDocument {
  return { ...blankPlan(GENERATED_AS_OF), priceEntries: PRICE_ENTRIES, rows: [...rows] };
}

/** A row the engine cannot price (an unknown quality for the model), so the totals count an error. */
const errorRow = validRow.map((r) => ({ ...r, quality: 'no-such-quality' }));
/** 10M finals × 3000 generations at high quality: two of these pass what a total can hold exactly. */
const hugeRow = validRow.map((r) =>
  blankRow('huge', { finals: 10_000_000, iterationFactor: '3000', size: '1536x1024', quality: 'high', model: r.model }),
);
// Huge rows are rare: two in one plan refuse one, and then every edit totals the plan afresh.
const anyRow = fc.oneof(
  { weight: 36, arbitrary: validRow },
  { weight: 3, arbitrary: errorRow },
  { weight: 1, arbitrary: hugeRow },
);

const edits = fc.array(fc.tuple(fc.nat(), fc.array(fc.tuple(fc.nat(), anyRow), { minLength: 1, maxLength: 3 })), {
  minLength: 1,
  maxLength: 8,
});

describe('totals kept up to date across edits', () => {
  it('equal a fresh estimate of the edited plan after every edit', () => {
    fc.assert(
      fc.property(fc.array(anyRow, { minLength: 32, maxLength: 48 }), edits, (start, steps) => {
        const estimator = new PlanEstimator();
        let rows = start.map((r, i) => ({ ...r, id: `row-${i}` }));
        estimator.view(planOf(rows));
        for (const [, changes] of steps) {
          rows = [...rows];
          for (const [at, row] of changes) {
            const i = at % rows.length;
            rows[i] = { ...row, id: rows[i]?.id ?? 'x' };
          }
          const doc = planOf(rows);
          const kept = estimator.view(doc);
          const fresh = new PlanEstimator().view(doc);
          expect(kept.totals).toEqual(fresh.totals);
          expect(kept.rows.map((r) => r.result.estimate.ok)).toEqual(fresh.rows.map((r) => r.result.estimate.ok));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('drop a decimal place from the generations total when the only row with it is edited away', () => {
    const base = blankRow('a', { finals: 10, iterationFactor: '1.25' });
    const others = Array.from({ length: 10 }, (_, i) => blankRow(`r${i}`, { finals: 3, iterationFactor: '2' }));
    const estimator = new PlanEstimator();
    const first = estimator.view(planOf([base, ...others]));
    expect(first.totals.finalGenerations.scale).toBe(2);
    const edited = planOf([{ ...base, iterationFactor: '2' }, ...others]);
    const second = estimator.view(edited);
    expect(second.totals).toEqual(new PlanEstimator().view(edited).totals);
    expect(second.totals.finalGenerations).toEqual({ units: 80n, scale: 0 });
  });
});

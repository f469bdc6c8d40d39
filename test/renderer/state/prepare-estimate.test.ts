import { describe, expect, it } from 'vitest';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { generateDiversePlan } from '../../../shared/plan/diverse-plan-generator';
import { prepareEstimate } from '../../../renderer/src/state/prepare-estimate';

/** Estimating a plan main has not validated yet (it arrives ahead of the verdict): only ever a head start. */

const TODAY = '2026-11-28';

describe('preparing the estimate of a plan being opened', () => {
  it('gives the view a fresh estimator gives, with every row already estimated', () => {
    for (const plan of [createSamplePlan(TODAY), generateDiversePlan({ rows: 60, seed: 7 })]) {
      const doc = JSON.parse(JSON.stringify(plan)) as typeof plan;
      const estimator = new PlanEstimator();
      prepareEstimate(estimator, doc);
      const prepared = estimator.view(doc);
      const fresh = new PlanEstimator().view(doc);
      expect({ rows: prepared.rows, totals: prepared.totals }).toEqual({ rows: fresh.rows, totals: fresh.totals });
      // Estimated once: the view after preparing reuses the prepared rows.
      expect(estimator.view(doc).rows.every((row, i) => row === prepared.rows[i])).toBe(true);
    }
  });

  it('never throws on what is not a plan, and leaves the estimator as good as new for the next plan', () => {
    const sample = createSamplePlan(TODAY);
    const notPlans: unknown[] = [
      null,
      'text',
      [],
      { schemaVersion: 4 },
      { ...sample, rows: [null, 3, 'row'] },
      { ...sample, rows: [{ id: 'x' }] },
      { ...sample, priceEntries: [{ id: 7 }] },
      { ...sample, scenarios: [null], activeScenarioId: 'nope' },
      { ...sample, meta: { priceBookAsOf: 12 } },
    ];
    const estimator = new PlanEstimator();
    const shown = estimator.view(sample);
    for (const value of notPlans) {
      expect(() => prepareEstimate(estimator, value)).not.toThrow();
      const after = estimator.view(sample);
      expect({ rows: after.rows, totals: after.totals }).toEqual({ rows: shown.rows, totals: shown.totals });
    }
  });
});

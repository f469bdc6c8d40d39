import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { regroup, subtotalRows } from '../../../renderer/src/grid/grouping';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';

const view = new PlanEstimator().view(createSamplePlan('2026-11-28'));

describe('grouping rows in the grid', () => {
  it('makes one subtotal per group with the engine’s exact sums', () => {
    const subtotals = subtotalRows(view.rows, 'team');
    expect(subtotals.map((s) => s.label)).toEqual([
      'Subtotal Ecommerce · 1 row',
      'Subtotal Growth · 1 row',
      'Subtotal Product marketing · 2 rows',
    ]);
    expect(subtotals.reduce((sum, s) => sum + s.totals.totalCost, 0)).toBe(view.totals.totalCost);
    expect(subtotals[2]?.totals.totalCost).toBe(
      (view.rows[2]?.result.estimate.totalCost ?? 0) + (view.rows[3]?.result.estimate.totalCost ?? 0),
    );
  });

  it('puts sorted rows back into groups, each closed by its subtotal', () => {
    const items = ['b1', 'a1', 'S:a', 'b2', 'a2', 'S:b'];
    const keyOf = (x: string) =>
      x.startsWith('S:') ? { key: x.slice(2), subtotal: true } : { key: x.charAt(0), subtotal: false };
    expect(regroup(items, keyOf)).toEqual(['b1', 'b2', 'S:b', 'a1', 'a2', 'S:a']);
    expect(
      regroup(
        items,
        keyOf,
        new Map([
          ['a', 0],
          ['b', 1],
        ]),
      ),
    ).toEqual(['a1', 'a2', 'S:a', 'b1', 'b2', 'S:b']);
  });
});

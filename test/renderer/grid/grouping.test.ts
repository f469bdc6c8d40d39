import { describe, expect, it } from 'vitest';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { RunningSubtotals, regroup, subtotalRows, subtotalsBy } from '../../../renderer/src/grid/grouping';
import { applyCommand, type EditableField } from '../../../renderer/src/state/commands';
import { generatePlan } from '../../../shared/plan/plan-generator';
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

describe('subtotals kept up to date across edits', () => {
  it('equals adding every row up again after edits, a regrouping edit, an insert and a removal', () => {
    const estimator = new PlanEstimator();
    const running = new RunningSubtotals();
    let doc = generatePlan({ rows: 400, seed: 7 });
    const fresh = () => {
      const rows = estimator.view(doc).rows;
      expect(running.of(rows)).toEqual({ team: subtotalsBy(rows, 'team'), assetType: subtotalsBy(rows, 'assetType') });
    };
    fresh();
    const edit = (index: number, field: EditableField, after: string | number) => {
      const row = doc.rows[index];
      if (!row) throw new Error('no row');
      doc = applyCommand(doc, {
        kind: 'set-cells',
        label: 'edit',
        changes: [{ rowId: row.id, field, before: row[field], after }],
      });
      fresh();
    };
    edit(3, 'finals', 999);
    edit(250, 'quality', 'high');
    edit(250, 'finals', 0);
    edit(10, 'team', 'A brand new team');
    edit(11, 'assetType', '');
    doc = { ...doc, rows: [...doc.rows.slice(0, 5), ...doc.rows.slice(6)] };
    fresh();
    doc = { ...doc, rows: [...doc.rows].reverse() };
    fresh();
  });
});

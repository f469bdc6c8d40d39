import { describe, expect, it } from 'vitest';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { reconcilePlan } from '../../../shared/reconcile/reconcile-plan';
import { GridReconciliation } from '../../../renderer/src/state/reconciliation-totals';

const SAMPLE = createSamplePlan('2026-11-28');

function reconciled(doc: PlanDocument) {
  const rec = reconcilePlan(doc);
  if (!rec.ok) throw new Error(rec.error);
  return rec.value;
}

/** Every row of `doc` as the grid reads it: found by id, the reconciliation's own row. */
function expectRowsById(g: GridReconciliation, doc: PlanDocument): void {
  for (const row of doc.rows) expect(g.row(row.id)?.row, row.id).toBe(g.rec.rows.find((r) => r.row.id === row.id)?.row);
  expect(g.row('no-such-row')).toBeUndefined();
}

describe('the grid’s reconciliation after an edit', () => {
  it('finds each row of the new reconciliation by id, reusing the last index only while the ids stay in place', () => {
    const first = new GridReconciliation(reconciled(SAMPLE), SAMPLE.actuals.rules);
    expectRowsById(first, SAMPLE);

    // A value edited: the same ids in the same order.
    const edited: PlanDocument = {
      ...SAMPLE,
      rows: SAMPLE.rows.map((r, i) => (i === 1 ? { ...r, finals: r.finals + 5 } : r)),
    };
    const afterEdit = new GridReconciliation(reconciled(edited), edited.actuals.rules, first);
    expectRowsById(afterEdit, edited);
    expect(afterEdit.row(edited.rows[1]?.id ?? '')?.row.finals).toBe((SAMPLE.rows[1]?.finals ?? 0) + 5);

    // Rows moved, and one removed: a new index.
    const moved: PlanDocument = { ...edited, rows: [...edited.rows].reverse().slice(1) };
    const afterMove = new GridReconciliation(reconciled(moved), moved.actuals.rules, afterEdit);
    expectRowsById(afterMove, moved);
    expect(afterMove.row(edited.rows[edited.rows.length - 1]?.id ?? '')).toBeUndefined();

    // A row renamed in place (its id changed): a new index too.
    const renamed: PlanDocument = { ...moved, rows: moved.rows.map((r, i) => (i === 0 ? { ...r, id: 'renamed' } : r)) };
    const afterRename = new GridReconciliation(reconciled(renamed), renamed.actuals.rules, afterMove);
    expectRowsById(afterRename, renamed);
    expect(afterRename.row(moved.rows[0]?.id ?? '')).toBeUndefined();
    expect(afterRename.totals).toEqual(new GridReconciliation(reconciled(renamed), renamed.actuals.rules).totals);
  });
});

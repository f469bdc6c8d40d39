import { useMemo, useState } from 'react';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import type { Reconciliation } from '../../../../shared/reconcile/reconcile-plan';
import { ok, type Result } from '../../../../shared/result';
import type { PlanView } from '../../../../shared/estimate/plan-estimator';
import { PlanReconciler } from '../../../../shared/reconcile/plan-reconciler';
import type { GridReconciliation } from '../../state/reconciliation-totals';

/**
 * The plan reconciled with its actuals as of a day (null: the latest actual): the grid's own reconciliation
 * (already kept up to date) for the latest actual when there is one, else through a reconciler of the
 * panel's (it reuses the estimator's view and its own memos). Unlike useReconciliationAsOf it reconciles a
 * plan with no actuals too: the Reconcile view shows a dated plan's weeks before anything is imported.
 */
export function useReconciliation(
  doc: PlanDocument,
  view: PlanView,
  asOf: string | null,
  grid: GridReconciliation | null,
): Result<Reconciliation> {
  const [reconciler] = useState(() => new PlanReconciler());
  return useMemo(
    () => (asOf === null && grid !== null ? ok(grid.rec) : reconciler.reconcile(doc, view, asOf)),
    [reconciler, doc, view, asOf, grid],
  );
}

/**
 * The plan's reconciliation as of a day for a panel: the grid's own (already kept up to date) when the
 * day is the latest actual, else the plan reconciled as of that day; null while the plan has no actuals.
 */
export function useReconciliationAsOf(
  doc: PlanDocument,
  view: PlanView,
  asOf: string | null,
  grid: GridReconciliation | null,
): Reconciliation | null {
  const [reconciler] = useState(() => new PlanReconciler());
  return useMemo(() => {
    if (doc.actuals.batches.length === 0) return null;
    if (asOf === null && grid !== null) return grid.rec;
    const rec = reconciler.reconcile(doc, view, asOf);
    return rec.ok ? rec.value : null;
  }, [reconciler, doc, view, asOf, grid]);
}

import { useMemo, useState } from 'react';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import type { Reconciliation } from '../../../../shared/reconcile/reconcile-plan';
import type { Result } from '../../../../shared/result';
import type { PlanView } from '../../../../shared/estimate/plan-estimator';
import { PlanReconciler } from '../../../../shared/reconcile/plan-reconciler';
import type { GridReconciliation } from '../../state/reconciliation-totals';

/**
 * The plan reconciled with its actuals as of a day (null: the latest actual), through the same
 * reconciler the grid's actual columns use (it reuses the estimator's view and its own memos).
 */
export function useReconciliation(doc: PlanDocument, view: PlanView, asOf: string | null): Result<Reconciliation> {
  const [reconciler] = useState(() => new PlanReconciler());
  return useMemo(() => reconciler.reconcile(doc, view, asOf), [reconciler, doc, view, asOf]);
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

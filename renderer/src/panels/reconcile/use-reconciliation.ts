import { useMemo, useState } from 'react';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import type { Reconciliation } from '../../../../shared/reconcile/reconcile-plan';
import type { Result } from '../../../../shared/result';
import type { PlanView } from '../../../../shared/estimate/plan-estimator';
import { PlanReconciler } from '../../../../shared/reconcile/plan-reconciler';

/**
 * The plan reconciled with its actuals as of a day (null: the latest actual), through the same
 * reconciler the grid's actual columns use (it reuses the estimator's view and its own memos).
 */
export function useReconciliation(doc: PlanDocument, view: PlanView, asOf: string | null): Result<Reconciliation> {
  const [reconciler] = useState(() => new PlanReconciler());
  return useMemo(() => reconciler.reconcile(doc, view, asOf), [reconciler, doc, view, asOf]);
}

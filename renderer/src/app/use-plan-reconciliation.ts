import { useMemo, useState } from 'react';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import type { PlanView } from '../../../shared/estimate/plan-estimator';
import { PlanReconciler } from '../../../shared/reconcile/plan-reconciler';
import { GridReconciliation } from '../state/reconciliation-totals';

/**
 * The open plan's reconciliation with its actuals (the active scenario's plan, as the grid shows it),
 * kept incrementally across edits; null while the plan has no actuals or cannot be reconciled.
 */
export function usePlanReconciliation(doc: PlanDocument, view: PlanView): GridReconciliation | null {
  const [reconciler] = useState(() => new PlanReconciler());
  return useMemo(() => {
    if (doc.actuals.batches.length === 0) return null;
    const rec = reconciler.reconcile(doc, view);
    return rec.ok ? new GridReconciliation(rec.value, doc.actuals.rules) : null;
  }, [reconciler, doc, view]);
}

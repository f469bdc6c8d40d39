import { useMemo, useRef, useState } from 'react';
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
  // The last one made, whose index of rows by id the next reuses while the rows' ids stay as they were.
  const last = useRef<GridReconciliation | null>(null);
  return useMemo(() => {
    if (doc.actuals.batches.length === 0) return (last.current = null);
    const rec = reconciler.reconcile(doc, view);
    last.current = rec.ok ? new GridReconciliation(rec.value, doc.actuals.rules, last.current) : null;
    return last.current;
  }, [reconciler, doc, view]);
}

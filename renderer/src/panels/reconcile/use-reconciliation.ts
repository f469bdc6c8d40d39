import { useMemo } from 'react';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import { type Reconciliation, reconcilePlan } from '../../../../shared/reconcile/reconcile-plan';
import type { Result } from '../../../../shared/result';

/**
 * The plan reconciled with its actuals as of a day (null: the latest actual), recomputed when the
 * document or the day changes. The active scenario's plan is the one compared.
 */
export function useReconciliation(doc: PlanDocument, asOf: string | null): Result<Reconciliation> {
  return useMemo(() => reconcilePlan(doc, { asOf }), [doc, asOf]);
}

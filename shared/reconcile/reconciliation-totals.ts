import type { Micro } from '../money/rounding';
import { ratioText, type RowReconciliation } from './reconcile-plan';

/**
 * Plan-vs-actual sums for the grid's totals and subtotal rows and the Subtotals panel: integer sums of
 * the rows' figures, so a total always equals the rows shown (plus Unassigned where it says so).
 */
export interface ActualTotals {
  readonly rows: number;
  readonly planned: Micro;
  /** The rows' actuals plus `unassigned`. */
  readonly actual: Micro;
  /** Spend no rule placed on a row: counted in `actual`, `variance` and `forecast` of the plan total only. */
  readonly unassigned: Micro;
  readonly variance: Micro;
  readonly budgetLeft: Micro;
  readonly forecast: Micro;
  readonly generations: number;
  /** Approved finals typed, and the generations of the rows that have them (the observed factor's sample). */
  readonly approvedFinals: number;
  readonly observedFactor: string | null;
  readonly overPlan: number;
  readonly aheadOfPhasing: number;
}

export function actualTotalsOf(recs: readonly RowReconciliation[], unassigned: Micro = 0): ActualTotals {
  let planned = 0;
  let actual = unassigned;
  let budgetLeft = 0;
  let forecast = unassigned;
  let generations = 0;
  let approvedFinals = 0;
  let factorGenerations = 0;
  let overPlan = 0;
  let aheadOfPhasing = 0;
  for (const r of recs) {
    planned += r.planned;
    actual += r.actual;
    budgetLeft += r.budgetLeft;
    forecast += r.forecast;
    generations += r.generations;
    if (r.approvedFinals !== null && r.approvedFinals > 0) {
      approvedFinals += r.approvedFinals;
      factorGenerations += r.generations;
    }
    if (r.flag === 'over-plan') overPlan += 1;
    else if (r.flag === 'ahead-of-phasing') aheadOfPhasing += 1;
  }
  return {
    rows: recs.length,
    planned,
    actual,
    unassigned,
    variance: actual - planned,
    budgetLeft,
    forecast,
    generations,
    approvedFinals,
    observedFactor: approvedFinals > 0 ? ratioText(factorGenerations, approvedFinals) : null,
    overPlan,
    aheadOfPhasing,
  };
}

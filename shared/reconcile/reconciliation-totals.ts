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
  const sums = new ActualSums();
  for (const r of recs) sums.add(r);
  return sums.totals(unassigned);
}

/**
 * Running sums of rows' figures (actualTotalsOf's), to which a row is added and from which it is taken
 * back: after an edit the grid's totals and subtotals take out the rows that changed and add their new
 * figures, instead of summing 100k rows again. All sums are of whole numbers, exact while they stay safe
 * integers (`exact`), so taking a row back leaves what summing without it gives.
 */
export class ActualSums {
  rows = 0;
  planned = 0;
  actual = 0;
  budgetLeft = 0;
  forecast = 0;
  generations = 0;
  approvedFinals = 0;
  /** The generations of the rows with approved finals (the observed factor's sample). */
  factorGenerations = 0;
  overPlan = 0;
  aheadOfPhasing = 0;

  add(r: RowReconciliation): void {
    this.addSigned(r, 1);
  }

  remove(r: RowReconciliation): void {
    this.addSigned(r, -1);
  }

  private addSigned(r: RowReconciliation, sign: 1 | -1): void {
    this.rows += sign;
    this.planned += sign * r.planned;
    this.actual += sign * r.actual;
    this.budgetLeft += sign * r.budgetLeft;
    this.forecast += sign * r.forecast;
    this.generations += sign * r.generations;
    if (r.approvedFinals !== null && r.approvedFinals > 0) {
      this.approvedFinals += sign * r.approvedFinals;
      this.factorGenerations += sign * r.generations;
    }
    if (r.flag === 'over-plan') this.overPlan += sign;
    else if (r.flag === 'ahead-of-phasing') this.aheadOfPhasing += sign;
  }

  copy(): ActualSums {
    return Object.assign(new ActualSums(), this);
  }

  /** Whether every sum is a safe integer (exact): past that, only a sum of every row gives the total. */
  exact(): boolean {
    const safe = Number.isSafeInteger;
    return (
      safe(this.planned) &&
      safe(this.actual) &&
      safe(this.budgetLeft) &&
      safe(this.forecast) &&
      safe(this.generations) &&
      safe(this.approvedFinals) &&
      safe(this.factorGenerations)
    );
  }

  /** The totals of the rows summed, with `unassigned` (spend on no row) in actual and forecast. */
  totals(unassigned: Micro = 0): ActualTotals {
    const actual = unassigned + this.actual;
    return {
      rows: this.rows,
      planned: this.planned,
      actual,
      unassigned,
      variance: actual - this.planned,
      budgetLeft: this.budgetLeft,
      forecast: unassigned + this.forecast,
      generations: this.generations,
      approvedFinals: this.approvedFinals,
      observedFactor: this.approvedFinals > 0 ? ratioText(this.factorGenerations, this.approvedFinals) : null,
      overPlan: this.overPlan,
      aheadOfPhasing: this.aheadOfPhasing,
    };
  }
}

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
  /**
   * actual − the plan of the rows started: the rows' variances plus Unassigned. Null while no row has
   * started and nothing is spent (a plan not yet due is no saving).
   */
  readonly variance: Micro | null;
  /** The plan of the rows with a variance: what `variance` is measured against. */
  readonly plannedStarted: Micro;
  /** Rows not started (no variance yet). */
  readonly notStarted: number;
  readonly budgetLeft: Micro;
  readonly forecast: Micro;
  readonly generations: number;
  /**
   * Approved finals of the rows with finals and generations seen (the observed factor's sample): a row
   * with no generations seen (billed cost only, or no actuals yet) tells nothing of its factor.
   */
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
 * figures (`replacing`), instead of summing 100k rows again. All sums are of whole numbers, so they are
 * exact while every partial sum stays a safe integer; `magnitude` bounds them all (see `replacing`).
 */
export class ActualSums {
  rows = 0;
  planned = 0;
  /** The plan of the rows not started: left out of the variance. */
  plannedNotStarted = 0;
  notStarted = 0;
  actual = 0;
  budgetLeft = 0;
  forecast = 0;
  generations = 0;
  approvedFinals = 0;
  /** The generations of the rows with approved finals and generations seen (the observed factor's sample). */
  factorGenerations = 0;
  overPlan = 0;
  aheadOfPhasing = 0;
  /**
   * The rows' figures' sizes added up (magnitudeOf): no sum above, nor any partial sum on the way in any
   * order, is larger. While it is a safe integer every sum is exact.
   */
  magnitude = 0;

  add(r: RowReconciliation): void {
    this.addSigned(r, 1);
  }

  remove(r: RowReconciliation): void {
    this.addSigned(r, -1);
  }

  private addSigned(r: RowReconciliation, sign: 1 | -1): void {
    this.rows += sign;
    this.magnitude += sign * magnitudeOf(r);
    this.planned += sign * r.planned;
    if (r.variance === null) {
      this.notStarted += sign;
      this.plannedNotStarted += sign * r.planned;
    }
    this.actual += sign * r.actual;
    this.budgetLeft += sign * r.budgetLeft;
    this.forecast += sign * r.forecast;
    this.generations += sign * r.generations;
    if (r.approvedFinals !== null && r.approvedFinals > 0 && r.generations > 0) {
      this.approvedFinals += sign * r.approvedFinals;
      this.factorGenerations += sign * r.generations;
    }
    if (r.flag === 'over-plan') this.overPlan += sign;
    else if (r.flag === 'ahead-of-phasing') this.aheadOfPhasing += sign;
  }

  copy(): ActualSums {
    return Object.assign(new ActualSums(), this);
  }

  /**
   * These sums with the row at each of `indexes` in `before` replaced by the one there in `after`, or null
   * when that could be inexact: then only summing every row again gives the totals. Taking a row back
   * leaves what summing the others gives only if no partial sum on the way passed 2^53; every one is at
   * most this magnitude (exact, so every sum here is) plus the new rows' magnitudes.
   */
  replacing(
    before: readonly RowReconciliation[],
    after: readonly RowReconciliation[],
    indexes: readonly number[],
  ): ActualSums | null {
    let bound = this.magnitude;
    for (const i of indexes) bound += magnitudeOf(after[i] as RowReconciliation);
    if (!Number.isSafeInteger(bound)) return null;
    const next = this.copy();
    for (const i of indexes) {
      next.remove(before[i] as RowReconciliation);
      next.add(after[i] as RowReconciliation);
    }
    return next;
  }

  /** The totals of the rows summed, with `unassigned` (spend on no row) in actual and forecast. */
  totals(unassigned: Micro = 0): ActualTotals {
    const actual = unassigned + this.actual;
    const plannedStarted = this.planned - this.plannedNotStarted;
    const nothingStarted = this.rows > 0 && this.notStarted === this.rows && actual === 0;
    return {
      rows: this.rows,
      planned: this.planned,
      actual,
      unassigned,
      variance: nothingStarted ? null : actual - plannedStarted,
      plannedStarted,
      notStarted: this.notStarted,
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

/** A row's figures' sizes added up: a bound on what it adds to, or takes from, any sum of ActualSums. */
function magnitudeOf(r: RowReconciliation): number {
  return (
    Math.abs(r.planned) +
    Math.abs(r.actual) +
    Math.abs(r.budgetLeft) +
    Math.abs(r.forecast) +
    Math.abs(r.generations) +
    (r.approvedFinals !== null && r.approvedFinals > 0 ? r.approvedFinals : 0)
  );
}

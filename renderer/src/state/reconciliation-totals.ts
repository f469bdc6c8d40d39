import type { Micro } from '../../../shared/money/rounding';
import type { MatchRule } from '../../../shared/reconcile/match-rules';
import { ratioText, type Reconciliation, type RowReconciliation } from '../../../shared/reconcile/reconcile-plan';

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

export type ActualGroupBy = 'team' | 'assetType';

/** A group's key as the grid's grouping names it: an empty team or asset type is "(none)". */
export function actualGroupKey(r: RowReconciliation, by: ActualGroupBy): string {
  return r.row[by].trim() || '(none)';
}

/** The open plan's reconciliation as the grid reads it: rows by id, the plan total, group sums on demand. */
export class GridReconciliation {
  private readonly byId: ReadonlyMap<string, RowReconciliation>;
  private readonly groups = new Map<ActualGroupBy, Map<string, ActualTotals>>();
  readonly totals: ActualTotals;

  constructor(
    readonly rec: Reconciliation,
    /** The plan's rules, to name the rule that placed an amount. */
    readonly rules: readonly MatchRule[] = [],
  ) {
    this.byId = new Map(rec.rows.map((r) => [r.row.id, r]));
    this.totals = actualTotalsOf(rec.rows, rec.unassigned);
  }

  row(id: string): RowReconciliation | undefined {
    return this.byId.get(id);
  }

  /** Sums per team or asset type, in first-seen order (Unassigned belongs to no group). */
  groupTotals(by: ActualGroupBy): ReadonlyMap<string, ActualTotals> {
    let groups = this.groups.get(by);
    if (!groups) {
      const rows = new Map<string, RowReconciliation[]>();
      for (const r of this.rec.rows) {
        const key = actualGroupKey(r, by);
        const list = rows.get(key);
        if (list) list.push(r);
        else rows.set(key, [r]);
      }
      groups = new Map([...rows].map(([key, list]) => [key, actualTotalsOf(list)]));
      this.groups.set(by, groups);
    }
    return groups;
  }
}

import type { MatchRule } from '../../../shared/reconcile/match-rules';
import type { Reconciliation, RowReconciliation } from '../../../shared/reconcile/reconcile-plan';
import { type ActualTotals, actualTotalsOf } from '../../../shared/reconcile/reconciliation-totals';

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

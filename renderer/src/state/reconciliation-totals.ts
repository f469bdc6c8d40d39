import type { MatchRule } from '../../../shared/reconcile/match-rules';
import type { Reconciliation, RowReconciliation } from '../../../shared/reconcile/reconcile-plan';
import { type ActualTotals, actualTotalsOf } from '../../../shared/reconcile/reconciliation-totals';

export type ActualGroupBy = 'team' | 'assetType';

/** A group's key as the grid's grouping names it: an empty team or asset type is "(none)". */
export function actualGroupKey(r: RowReconciliation, by: ActualGroupBy): string {
  return r.row[by].trim() || '(none)';
}

/** Rows' places by id (the last place of an id used twice), with the ids in order they were read from. */
interface RowIndex {
  readonly ids: readonly string[];
  readonly byId: ReadonlyMap<string, number>;
}

function indexRows(rows: readonly RowReconciliation[]): RowIndex {
  const ids = rows.map((r) => r.row.id);
  const byId = new Map<string, number>();
  for (let i = 0; i < ids.length; i++) byId.set(ids[i] as string, i);
  return { ids, byId };
}

/** Whether `index` was made from rows with these ids in this order (an edit keeps them: no new index). */
function indexes(index: RowIndex, rows: readonly RowReconciliation[]): boolean {
  if (index.ids.length !== rows.length) return false;
  for (let i = 0; i < rows.length; i++) if ((rows[i] as RowReconciliation).row.id !== index.ids[i]) return false;
  return true;
}

/** The open plan's reconciliation as the grid reads it: rows by id, the plan total, group sums on demand. */
export class GridReconciliation {
  private readonly index: RowIndex;
  private readonly groups = new Map<ActualGroupBy, Map<string, ActualTotals>>();
  readonly totals: ActualTotals;

  constructor(
    readonly rec: Reconciliation,
    /** The plan's rules, to name the rule that placed an amount. */
    readonly rules: readonly MatchRule[] = [],
    /**
     * The reconciliation this one follows (the one before an edit): its index of rows by id is used again
     * while the rows' ids are the same and in the same order, as after an edit of a value, instead of
     * hashing 100k ids on every edit.
     */
    previous: GridReconciliation | null = null,
  ) {
    this.index = previous !== null && indexes(previous.index, rec.rows) ? previous.index : indexRows(rec.rows);
    this.totals = actualTotalsOf(rec.rows, rec.unassigned);
  }

  row(id: string): RowReconciliation | undefined {
    const at = this.index.byId.get(id);
    return at === undefined ? undefined : this.rec.rows[at];
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

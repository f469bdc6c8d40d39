import type { MatchRule } from '../../../shared/reconcile/match-rules';
import type { Reconciliation, RowReconciliation } from '../../../shared/reconcile/reconcile-plan';
import { ActualSums, type ActualTotals } from '../../../shared/reconcile/reconciliation-totals';

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

/** Rows' sums per group (team or asset type), in first-seen order, and the totals shown for them. */
interface Grouped {
  readonly sums: ReadonlyMap<string, ActualSums>;
  readonly totals: ReadonlyMap<string, ActualTotals>;
}

/** What the reconciliation before an edit had summed, for the next to update (see GridReconciliation). */
interface Before {
  readonly rows: readonly RowReconciliation[];
  /** Indexes of the rows whose reconciliation changed (rows in the same places, with the same ids). */
  readonly changed: readonly number[];
  readonly grouped: ReadonlyMap<ActualGroupBy, Grouped>;
}

/**
 * Beyond this share of rows changed, summing every row again costs less than taking out and adding back
 * the changed ones (and making their group keys twice).
 */
const MOST_ROWS_CHANGED = 0.5;

/**
 * The open plan's reconciliation as the grid reads it: rows by id, the plan total, group sums on demand.
 * After an edit (the rows' ids in the same places) the plan total and the group sums are the last ones
 * with the changed rows taken out and their new figures added: a 100k-row plan's edit changes one row,
 * or a team's thousands when a rule splits spend over the team, and summing every row again for the
 * totals and both groupings of the Subtotals panel was most of an edit's time in the app.
 */
export class GridReconciliation {
  private readonly index: RowIndex;
  private readonly grouped = new Map<ActualGroupBy, Grouped>();
  private readonly sums: ActualSums;
  private readonly before: Before | null;
  readonly totals: ActualTotals;

  constructor(
    readonly rec: Reconciliation,
    /** The plan's rules, to name the rule that placed an amount. */
    readonly rules: readonly MatchRule[] = [],
    /**
     * The reconciliation this one follows (the one before an edit): while the rows' ids are the same and
     * in the same places, its index of rows by id is used again (not 100k ids hashed again) and its sums
     * are updated by the rows that changed. Nothing of it is kept but those sums and its rows.
     */
    previous: GridReconciliation | null = null,
  ) {
    const rows = rec.rows;
    const samePlaces = previous !== null && indexes(previous.index, rows);
    this.index = samePlaces ? previous.index : indexRows(rows);
    const changed = samePlaces ? changedRows(previous.rec.rows, rows) : null;
    this.before =
      previous !== null && changed !== null && changed.length <= rows.length * MOST_ROWS_CHANGED
        ? { rows: previous.rec.rows, changed, grouped: new Map(previous.grouped) }
        : null;
    const updated =
      previous !== null && this.before !== null
        ? previous.sums.replacing(this.before.rows, rows, this.before.changed)
        : null;
    this.sums = updated ?? sumsOf(rows);
    this.totals = this.sums.totals(rec.unassigned);
  }

  row(id: string): RowReconciliation | undefined {
    const at = this.index.byId.get(id);
    return at === undefined ? undefined : this.rec.rows[at];
  }

  /** Sums per team or asset type, in first-seen order (Unassigned belongs to no group). */
  groupTotals(by: ActualGroupBy): ReadonlyMap<string, ActualTotals> {
    let grouped = this.grouped.get(by);
    if (!grouped) {
      const last = this.before?.grouped.get(by);
      grouped =
        (last !== undefined && this.before !== null && updatedGroups(last, this.before, this.rec.rows, by)) ||
        groupedOf(this.rec.rows, by);
      this.grouped.set(by, grouped);
    }
    return grouped.totals;
  }
}

function sumsOf(rows: readonly RowReconciliation[]): ActualSums {
  const sums = new ActualSums();
  for (const r of rows) sums.add(r);
  return sums;
}

/** The indexes whose row reconciliation is not the same object (the reconciler keeps an unchanged row's). */
function changedRows(before: readonly RowReconciliation[], after: readonly RowReconciliation[]): number[] {
  const changed: number[] = [];
  for (let i = 0; i < after.length; i++) if (after[i] !== before[i]) changed.push(i);
  return changed;
}

function groupedOf(rows: readonly RowReconciliation[], by: ActualGroupBy): Grouped {
  const sums = new Map<string, ActualSums>();
  for (const r of rows) {
    const key = actualGroupKey(r, by);
    let group = sums.get(key);
    if (group === undefined) sums.set(key, (group = new ActualSums()));
    group.add(r);
  }
  const totals = new Map<string, ActualTotals>();
  sums.forEach((group, key) => totals.set(key, group.totals()));
  return { sums, totals };
}

/**
 * The last groups with the changed rows' figures replaced, or null when only grouping every row again
 * gives the answer: a changed row in another group (a team edited: groups may come, go or reorder) or a
 * group whose sums could stop being exact (ActualSums.replacing). Groups no changed row is in keep their
 * totals' objects.
 */
function updatedGroups(
  last: Grouped,
  before: Before,
  rows: readonly RowReconciliation[],
  by: ActualGroupBy,
): Grouped | null {
  const changedByGroup = new Map<string, number[]>();
  for (const i of before.changed) {
    const key = actualGroupKey(rows[i] as RowReconciliation, by);
    if (actualGroupKey(before.rows[i] as RowReconciliation, by) !== key) return null;
    const list = changedByGroup.get(key);
    if (list === undefined) changedByGroup.set(key, [i]);
    else list.push(i);
  }
  const sums = new Map(last.sums);
  const totals = new Map(last.totals);
  for (const [key, indexes] of changedByGroup) {
    const group = last.sums.get(key)?.replacing(before.rows, rows, indexes) ?? null;
    if (group === null) return null;
    sums.set(key, group);
    totals.set(key, group.totals());
  }
  return { sums, totals };
}

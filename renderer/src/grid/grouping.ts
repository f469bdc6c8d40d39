import { type RowResult, sumRows } from '../../../shared/estimate/estimate-plan';
import type { GridRow } from '../../../shared/estimate/plan-estimator';
import type { Micro } from '../../../shared/money/rounding';
import type { TotalsRow } from './sheet-row';

export type GroupBy = 'none' | 'team' | 'assetType';

export const GROUP_BY_OPTIONS: readonly { id: GroupBy; label: string }[] = [
  { id: 'none', label: 'No grouping' },
  { id: 'team', label: 'Team' },
  { id: 'assetType', label: 'Asset type' },
];

/** The group a plan row belongs to; an empty team or asset type groups as "(none)". */
export function groupKeyOf(row: GridRow, by: Exclude<GroupBy, 'none'>): string {
  return row.row[by].trim() || '(none)';
}

/** One subtotal row per group, in first-seen order, with the engine's exact sums of the group's rows. */
export function subtotalRows(rows: readonly GridRow[], by: Exclude<GroupBy, 'none'>): TotalsRow[] {
  const groups = new Map<string, RowResult[]>();
  for (const r of rows) {
    const key = groupKeyOf(r, by);
    const list = groups.get(key);
    if (list) list.push(r.result);
    else groups.set(key, [r.result]);
  }
  return [...groups].map(([key, results]) => ({
    kind: 'subtotal',
    id: `__subtotal:${by}:${key}`,
    label: `Subtotal ${key} · ${results.length} row${results.length === 1 ? '' : 's'}`,
    totals: sumRows(results),
    groupKey: key,
  }));
}

export interface GroupSubtotal {
  readonly key: string;
  readonly rowCount: number;
  readonly finals: number;
  readonly requests: number;
  /** Micro-USD: the exact sum of the row totals shown (rows with errors count as 0, as in the plan total). */
  readonly totalCost: Micro;
}

type GroupSums = { rowCount: number; finals: number; requests: number; totalCost: Micro };

/** Adds (sign 1) or takes out (sign -1) a row's amounts; rows with errors count as 0, as in the plan total. */
function addRow(group: GroupSums, r: GridRow, sign: 1 | -1): void {
  const e = r.result.estimate;
  if (!e.ok) return;
  group.finals += sign * r.row.finals;
  group.requests += sign * e.requests;
  group.totalCost += sign * e.totalCost;
}

function sumGroups(rows: readonly GridRow[], by: Exclude<GroupBy, 'none'>): Map<string, GroupSums> {
  const groups = new Map<string, GroupSums>();
  for (const r of rows) {
    const key = groupKeyOf(r, by);
    let group = groups.get(key);
    if (!group) {
      group = { rowCount: 0, finals: 0, requests: 0, totalCost: 0 };
      groups.set(key, group);
    }
    group.rowCount += 1;
    addRow(group, r, 1);
  }
  return groups;
}

function listGroups(groups: ReadonlyMap<string, GroupSums>): GroupSubtotal[] {
  return [...groups].map(([key, g]) => ({ key, ...g }));
}

/**
 * Subtotals by team or by asset type for the Subtotals panel, in first-seen order. Integer sums of the
 * engine's row values, like the plan totals.
 */
export function subtotalsBy(rows: readonly GridRow[], by: Exclude<GroupBy, 'none'>): GroupSubtotal[] {
  return listGroups(sumGroups(rows, by));
}

export interface PanelSubtotals {
  readonly team: readonly GroupSubtotal[];
  readonly assetType: readonly GroupSubtotal[];
}

const PANEL_GROUPINGS = ['team', 'assetType'] as const;

/**
 * subtotalsBy for both groupings, kept up to date across views: when only a few rows are new objects at
 * their place and stay in their groups (a cell edit), their old amounts go out and their new ones in,
 * so an edit at 100k rows does not add up the plan again. Anything else (rows added, removed, moved,
 * regrouped, or many changed) adds everything up afresh. Sums are integers, so both ways agree exactly.
 */
export class RunningSubtotals {
  private rows: readonly GridRow[] = [];
  private groups: Record<(typeof PANEL_GROUPINGS)[number], Map<string, GroupSums>> | null = null;

  of(rows: readonly GridRow[]): PanelSubtotals {
    if (this.groups === null || !this.replaceChanged(rows)) {
      this.groups = { team: sumGroups(rows, 'team'), assetType: sumGroups(rows, 'assetType') };
    }
    this.rows = rows;
    return { team: listGroups(this.groups.team), assetType: listGroups(this.groups.assetType) };
  }

  /** Applies the rows changed in place; false (nothing applied) when the sums must be made afresh. */
  private replaceChanged(rows: readonly GridRow[]): boolean {
    const previous = this.rows;
    if (this.groups === null || previous.length !== rows.length) return false;
    const changed: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      const before = previous[i] as GridRow;
      const after = rows[i] as GridRow;
      if (after === before) continue;
      if (after.id !== before.id || changed.length > rows.length / 8) return false;
      for (const by of PANEL_GROUPINGS) if (groupKeyOf(after, by) !== groupKeyOf(before, by)) return false;
      changed.push(i);
    }
    for (const by of PANEL_GROUPINGS) {
      const groups = this.groups[by];
      for (const i of changed) {
        const before = previous[i] as GridRow;
        const group = groups.get(groupKeyOf(before, by));
        if (!group) return false;
        addRow(group, before, -1);
        addRow(group, rows[i] as GridRow, 1);
      }
    }
    return true;
  }
}

/**
 * Puts displayed rows back into groups after AG Grid sorted them: each group's rows keep their sorted
 * order and each group ends with its subtotal row. Groups keep their own order (`groupOrder`, e.g. the
 * plan's), so sorting a column sorts within the groups and never shuffles them; without it, groups come
 * in the order their first row appears.
 */
export function regroup<T>(
  items: readonly T[],
  keyOf: (item: T) => { key: string; subtotal: boolean },
  groupOrder?: ReadonlyMap<string, number>,
): T[] {
  const rows = new Map<string, T[]>();
  const subtotals = new Map<string, T>();
  for (const item of items) {
    const { key, subtotal } = keyOf(item);
    if (subtotal) {
      subtotals.set(key, item);
      continue;
    }
    const list = rows.get(key);
    if (list) list.push(item);
    else rows.set(key, [item]);
  }
  const out: T[] = [];
  const groups = [...rows];
  if (groupOrder) groups.sort(([a], [b]) => (groupOrder.get(a) ?? Infinity) - (groupOrder.get(b) ?? Infinity));
  for (const [key, list] of groups) {
    out.push(...list);
    const subtotal = subtotals.get(key);
    if (subtotal !== undefined) out.push(subtotal);
  }
  return out;
}

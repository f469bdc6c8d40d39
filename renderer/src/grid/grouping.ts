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

/**
 * Subtotals by team or by asset type for the Subtotals panel, in first-seen order. Integer sums of the
 * engine's row values, like the plan totals, kept lighter than subtotalRows because they are redone on
 * every edit.
 */
export function subtotalsBy(rows: readonly GridRow[], by: Exclude<GroupBy, 'none'>): GroupSubtotal[] {
  const groups = new Map<string, { rowCount: number; finals: number; requests: number; totalCost: Micro }>();
  for (const r of rows) {
    const key = groupKeyOf(r, by);
    let group = groups.get(key);
    if (!group) {
      group = { rowCount: 0, finals: 0, requests: 0, totalCost: 0 };
      groups.set(key, group);
    }
    group.rowCount += 1;
    const e = r.result.estimate;
    if (!e.ok) continue;
    group.finals += r.row.finals;
    group.requests += e.requests;
    group.totalCost += e.totalCost;
  }
  return [...groups].map(([key, g]) => ({ key, ...g }));
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

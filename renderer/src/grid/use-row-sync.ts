import type { GridApi, PostSortRowsParams, RowClassParams } from 'ag-grid-community';
import { type RefObject, useCallback, useLayoutEffect, useRef } from 'react';
import type { GridRow } from '../../../shared/estimate/plan-estimator';
import { type GroupBy, groupKeyOf, regroup, subtotalRows } from './grouping';
import { isTotalsRow, type SheetRow } from './sheet-row';

/** Which group a displayed row sorts into, and whether it is that group's subtotal. */
function groupedKey(row: SheetRow | undefined, by: Exclude<GroupBy, 'none'>): { key: string; subtotal: boolean } {
  if (row === undefined) return { key: '', subtotal: false };
  if (isTotalsRow(row)) return { key: row.groupKey ?? '', subtotal: true };
  return { key: groupKeyOf(row, by), subtotal: false };
}

export const rowClassOf = (p: RowClassParams<SheetRow>): string | undefined =>
  isTotalsRow(p.data) && p.data.kind === 'subtotal' ? 'pl-subtotal-row' : undefined;

/**
 * The rows of `next` that are new objects at their place, or null when any row moved, came or went. One
 * pass comparing references (an edit at 100k rows leaves all but one row the same object).
 */
function changedInPlace(previous: readonly SheetRow[], next: readonly SheetRow[]): SheetRow[] | null {
  if (previous.length !== next.length) return null;
  const changed: SheetRow[] = [];
  for (let i = 0; i < next.length; i++) {
    const row = next[i] as SheetRow;
    const before = previous[i] as SheetRow;
    if (row === before) continue;
    if (row.id !== before.id) return null;
    changed.push(row);
  }
  return changed;
}

/**
 * Keeps AG Grid's rows in step with the plan view. Only rows whose objects changed are updated, so an
 * edit in a 100k-row plan touches one row node (with grouping on, the subtotal rows too: they are rebuilt
 * on every view) — set on the node directly when no sort or filter could move it, else as a transaction;
 * inserts, deletes, moves and regrouping replace the row data. With grouping on, each group is closed by
 * its subtotal row and stays in plan order however a column is sorted.
 */
export function useRowSync(api: RefObject<GridApi<SheetRow> | null>, rows: readonly GridRow[], groupBy: GroupBy) {
  const shown = useRef<readonly SheetRow[] | null>(null);
  const latest = useRef({ rows, groupBy });
  latest.current = { rows, groupBy };
  /** Groups in plan order (first row of each), so sorting never shuffles them. */
  const groupOrder = useRef<ReadonlyMap<string, number>>(new Map());

  const push = useCallback(() => {
    const grid = api.current;
    if (!grid) return;
    const { rows: planRows, groupBy: by } = latest.current;
    const subtotals = by === 'none' ? [] : subtotalRows(planRows, by);
    groupOrder.current = new Map(subtotals.map((t, i) => [t.groupKey ?? '', i]));
    const next: readonly SheetRow[] =
      by === 'none'
        ? planRows
        : regroup<SheetRow>([...planRows, ...subtotals], (r) => groupedKey(r, by), groupOrder.current);
    const previous = shown.current;
    shown.current = next;
    const update = previous === null ? null : changedInPlace(previous, next);
    if (update === null) {
      grid.setGridOption('rowData', [...next]);
      return;
    }
    if (update.length === 0) return;
    // Unsorted and unfiltered, a changed row stays where it is: set its data on its node alone. A
    // transaction re-sorts, re-filters and re-positions every row (most of an edit at 100k rows).
    if (by === 'none' && !grid.isAnyFilterPresent() && !grid.getColumnState().some((c) => c.sort)) {
      const nodes = update.map((r) => grid.getRowNode(r.id));
      if (nodes.every((n) => n !== undefined)) {
        nodes.forEach((n, i) => n?.updateData(update[i] as SheetRow));
        return;
      }
    }
    grid.applyTransaction({ update });
  }, [api]);

  useLayoutEffect(push, [push, rows, groupBy]);

  /** For onGridReady: the grid starts empty, so everything is pushed. */
  const pushAll = useCallback(() => {
    shown.current = null;
    push();
  }, [push]);

  /** After a sort, rows go back into their groups, each group closed by its subtotal. */
  const postSortRows = useCallback((params: PostSortRowsParams<SheetRow>) => {
    const by = latest.current.groupBy;
    if (by === 'none') return;
    const sorted = regroup(params.nodes, (node) => groupedKey(node.data, by), groupOrder.current);
    params.nodes.splice(0, params.nodes.length, ...sorted);
  }, []);

  return { pushAll, postSortRows };
}

import type { GridApi } from 'ag-grid-community';
import { type RefObject, useCallback, useState } from 'react';
import { type PlanTotals, type RowResult, sumRows } from '../../../shared/estimate/estimate-plan';
import { useLatest } from '../app/use-latest';
import { asGridRow, type SheetRow } from './sheet-row';

/** The plan rows a quick or column filter leaves in view, and what they add up to. */
export interface ShownRows {
  /** Plan rows in view (subtotal rows not counted). */
  readonly shown: number;
  /** Every plan row. */
  readonly total: number;
  /** The engine's sums of the rows in view; null when no filter is on (they are the plan's totals). */
  readonly totals: PlanTotals | null;
}

/** Counts the rows in view after each change of the grid's rows or filters (sums only while filtered). */
export function shownRowsOf(api: GridApi<SheetRow>, total: number): ShownRows {
  if (!api.isAnyFilterPresent()) return { shown: total, total, totals: null };
  const results: RowResult[] = [];
  api.forEachNodeAfterFilter((node) => {
    const gridRow = asGridRow(node.data);
    if (gridRow) results.push(gridRow.result);
  });
  return { shown: results.length, total, totals: sumRows(results) };
}

function sameShown(a: ShownRows | null, b: ShownRows): boolean {
  return a !== null && a.shown === b.shown && a.total === b.total && a.totals === null && b.totals === null;
}

/**
 * Keeps `ShownRows` in step with the grid: call `update` from AG Grid's modelUpdated event (it follows
 * every filter change, edit, insert and delete).
 */
export function useShownRows(apiRef: RefObject<GridApi<SheetRow> | null>, total: number) {
  const [shown, setShown] = useState<ShownRows | null>(null);
  const latestTotal = useLatest(total);
  const update = useCallback(() => {
    const api = apiRef.current;
    if (!api) return;
    const next = shownRowsOf(api, latestTotal.current);
    setShown((previous) => (sameShown(previous, next) ? previous : next));
  }, [apiRef, latestTotal]);
  return { shown, update };
}

import type { CellFocusedEvent, GridApi } from 'ag-grid-community';
import { type RefObject, useCallback, useMemo, useRef } from 'react';
import { groupInteger } from '../../../shared/money/format';
import { cellLabel } from './block-edits';
import type { PlanGridProps } from './plan-grid-types';
import {
  type Bounds,
  type CellPosition,
  type Selection,
  boundsOf,
  cellCount,
  contains,
  extendTo,
  singleCell,
} from './selection';
import { displayedColumns } from './sheet-access';
import type { SheetRow } from './sheet-row';

/** The grid's rectangular selection (AG Grid Community has none) and what keeps it in step with the focus. */
export interface GridSelection {
  /** The selection now, or null before any cell was focused. */
  current(): Selection | null;
  set(next: Selection | null): void;
  /**
   * The selection's bounds, first brought in step with the grid's focused cell: AG Grid may report a
   * click's focus after the next key press, so a focused cell outside the selection starts a new one here.
   */
  bounds(): Bounds | null;
  /** For cell styling: whether a displayed cell is inside the selection. */
  isSelected(rowIndex: number, colId: string): boolean;
  readonly onCellFocused: (e: CellFocusedEvent<SheetRow>) => void;
  /**
   * A mouse press in the grid. With Shift, the cell it focuses extends the selection instead of replacing
   * it. Without, the pressed cell becomes the only one selected at once: AG Grid's focus event may come
   * after the next key press (Ctrl+Shift+Down would extend the old block), and none comes for a press on
   * the cell that already has focus.
   */
  pressed(target: EventTarget, shiftKey: boolean): void;
}

/** "Finals, row 3" for one cell, "2 × 4 cells selected" for a block. */
function summaryOf(api: GridApi<SheetRow> | null, selection: Selection): string {
  const b = boundsOf(selection);
  const first = displayedColumns(api)[b.left]?.getColDef().headerName ?? '';
  return cellCount(selection) === 1
    ? cellLabel(first, b.top)
    : `${groupInteger(b.bottom - b.top + 1)} × ${b.right - b.left + 1} cells selected`;
}

/** Restyles only the cells entering or leaving the selection (a full refresh costs a frame at 10k rows). */
function refreshSelectionCells(api: GridApi<SheetRow> | null, previous: Selection | null, next: Selection | null) {
  if (!api) return;
  const spans = [previous, next].filter((x): x is Selection => x !== null).map(boundsOf);
  if (spans.length === 0) return;
  const top = Math.min(...spans.map((b) => b.top));
  const bottom = Math.max(...spans.map((b) => b.bottom));
  const left = Math.min(...spans.map((b) => b.left));
  const right = Math.max(...spans.map((b) => b.right));
  const rowNodes = [];
  const last = Math.min(bottom, api.getLastDisplayedRowIndex());
  for (let r = Math.max(top, api.getFirstDisplayedRowIndex()); r <= last; r++) {
    const node = api.getDisplayedRowAtIndex(r);
    if (node) rowNodes.push(node);
  }
  const columns = displayedColumns(api).slice(left, right + 1);
  if (rowNodes.length > 0) api.refreshCells({ rowNodes, columns, force: true });
}

/** The data cell a mouse press landed on (not the pinned totals row), or null. */
function cellPressed(api: GridApi<SheetRow> | null, target: EventTarget): CellPosition | null {
  const cell = target instanceof Element ? target.closest('.ag-cell') : null;
  const row = cell?.closest('.ag-row');
  const colId = cell?.getAttribute('col-id');
  if (!row || !colId || row.classList.contains('ag-row-pinned')) return null;
  const rowIndex = Number(row.getAttribute('row-index'));
  const colIndex = displayedColumns(api).findIndex((c) => c.getColId() === colId);
  return colIndex < 0 || !Number.isInteger(rowIndex) ? null : { rowIndex, colIndex };
}

export function useGridSelection(
  apiRef: RefObject<GridApi<SheetRow> | null>,
  latest: RefObject<PlanGridProps>,
): GridSelection {
  const selectionRef = useRef<Selection | null>(null);
  const extendOnFocus = useRef(false);

  const set = useCallback(
    (next: Selection | null) => {
      const previous = selectionRef.current;
      selectionRef.current = next;
      refreshSelectionCells(apiRef.current, previous, next);
      latest.current.onSelectionSummary?.(next ? summaryOf(apiRef.current, next) : '');
    },
    [apiRef, latest],
  );

  const bounds = useCallback((): Bounds | null => {
    const api = apiRef.current;
    const focused = api?.getFocusedCell();
    const colIndex = focused ? displayedColumns(api ?? null).findIndex((c) => c === focused.column) : -1;
    if (focused && !focused.rowPinned && colIndex >= 0) {
      const selection = selectionRef.current;
      if (!selection || !contains(selection, focused.rowIndex, colIndex)) {
        const cell = { rowIndex: focused.rowIndex, colIndex };
        set(extendOnFocus.current && selection ? extendTo(selection, cell) : singleCell(cell));
        extendOnFocus.current = false;
      }
    }
    const selection = selectionRef.current;
    return selection ? boundsOf(selection) : null;
  }, [apiRef, set]);

  const onCellFocused = useCallback(
    (e: CellFocusedEvent<SheetRow>) => {
      if (e.rowPinned || e.rowIndex === null || e.rowIndex === undefined || !e.column) return;
      const colId = typeof e.column === 'string' ? e.column : e.column.getColId();
      const colIndex = displayedColumns(apiRef.current).findIndex((c) => c.getColId() === colId);
      if (colIndex < 0) return;
      const cell: CellPosition = { rowIndex: e.rowIndex, colIndex };
      // Focus events can arrive after later key presses moved the focus on: only the current one counts.
      const now = apiRef.current?.getFocusedCell();
      if (now && (now.rowIndex !== cell.rowIndex || now.column.getColId() !== colId)) return;
      const selection = selectionRef.current;
      if (extendOnFocus.current && selection) set(extendTo(selection, cell));
      else if (!selection || selection.focus.rowIndex !== cell.rowIndex || selection.focus.colIndex !== cell.colIndex)
        set(singleCell(cell));
      extendOnFocus.current = false;
    },
    [apiRef, set],
  );

  return useMemo(
    () => ({
      current: () => selectionRef.current,
      set,
      bounds,
      isSelected(rowIndex: number, colId: string) {
        const selection = selectionRef.current;
        if (!selection) return false;
        // Rows first: every cell drawn asks (a scroll draws a few hundred), and most rows hold no selection.
        const { top, bottom } = boundsOf(selection);
        if (rowIndex < top || rowIndex > bottom) return false;
        const colIndex = displayedColumns(apiRef.current).findIndex((c) => c.getColId() === colId);
        return colIndex >= 0 && contains(selection, rowIndex, colIndex);
      },
      onCellFocused,
      pressed(target: EventTarget, shiftKey: boolean) {
        extendOnFocus.current = shiftKey;
        const cell = shiftKey ? null : cellPressed(apiRef.current, target);
        const selection = selectionRef.current;
        if (cell === null) return;
        const same =
          selection !== null &&
          cellCount(selection) === 1 &&
          selection.focus.rowIndex === cell.rowIndex &&
          selection.focus.colIndex === cell.colIndex;
        if (!same) set(singleCell(cell));
      },
    }),
    [apiRef, bounds, onCellFocused, set],
  );
}

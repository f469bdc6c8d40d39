import type { GridApi } from 'ag-grid-community';
import { type KeyboardEvent as ReactKeyboardEvent, type RefObject, useCallback } from 'react';
import { planAddRow } from '../state/row-ops';
import { isEditableField } from './grid-options';
import type { PlanGridProps } from './plan-grid-types';
import { cellCount, extendTo, movedFocus, singleCell } from './selection';
import { displayedColumns, gridRowAt } from './sheet-access';
import type { SheetRow } from './sheet-row';
import { nextInputCell, type TabGrid } from './tab-order';
import { isFormField, stop } from './keyboard-events';
import type { TypeAhead } from './type-ahead';
import type { GridActions } from './use-grid-handle';
import type { GridSelection } from './use-grid-selection';

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** Ctrl/Cmd+Enter while typing into one cell of a larger selection fills the whole selection. */
function fillFromEditor(e: ReactKeyboardEvent, api: GridApi<SheetRow>, selection: GridSelection, actions: GridActions) {
  const current = selection.current();
  if (e.key !== 'Enter' || !(e.ctrlKey || e.metaKey) || !current || cellCount(current) <= 1) return;
  e.preventDefault();
  e.stopPropagation();
  const typed: unknown = api.getCellEditorInstances()[0]?.getValue();
  api.stopEditing(true);
  actions.fillValue(typed === null || typed === undefined ? '' : String(typed));
}

/**
 * Shift+arrow grows or shrinks the selection from its anchor and moves the grid's focus with it; with
 * Ctrl/Cmd as well (`toEdge`), as far as the first or last row or column, as a spreadsheet does.
 */
function extendWithArrow(
  api: GridApi<SheetRow>,
  selection: GridSelection,
  [dRow, dCol]: [number, number],
  toEdge: boolean,
) {
  selection.bounds();
  const current = selection.current();
  const cols = displayedColumns(api);
  if (!current) return;
  const rowCount = api.getDisplayedRowCount();
  // movedFocus stops at the edge: a step as long as the sheet reaches it.
  const reach = toEdge ? Math.max(rowCount, cols.length) : 1;
  const next = movedFocus(current, dRow * reach, dCol * reach, rowCount, cols.length);
  const column = cols[next.colIndex];
  selection.set(extendTo(current, next));
  if (column) {
    api.ensureIndexVisible(next.rowIndex);
    api.ensureColumnVisible(column);
    api.setFocusedCell(next.rowIndex, column);
  }
}

/** Keys pressed outside AG Grid itself (the empty plan's message and button) are not the grid's. */
function outsideGrid(target: EventTarget): boolean {
  return !(target instanceof Element) || target.closest('.ag-root-wrapper') === null;
}

/**
 * Enter on the last row stays in the data (committing an edit): AG Grid would move into the pinned totals
 * row, which is read-only. Elsewhere Enter moves down as AG Grid does. Returns whether it handled the key.
 */
function enterOnLastRow(e: ReactKeyboardEvent, api: GridApi<SheetRow>): boolean {
  if (e.key !== 'Enter' || e.shiftKey || e.ctrlKey || e.metaKey || e.altKey) return false;
  const focused = api.getFocusedCell();
  if (!focused || focused.rowPinned || focused.rowIndex < api.getDisplayedRowCount() - 1) return false;
  stop(e);
  if (api.getEditingCells().length > 0) api.stopEditing();
  return true;
}

/** Whether the focused cell is an input of a plan row (typing there opens its editor). */
function onInputCell(api: GridApi<SheetRow>): boolean {
  const focused = api.getFocusedCell();
  return (
    focused !== null &&
    !focused.rowPinned &&
    isEditableField(focused.column.getColId()) &&
    gridRowAt(api, focused.rowIndex) !== null
  );
}

function tabGridOf(api: GridApi<SheetRow>): TabGrid {
  const editableColumns: number[] = [];
  displayedColumns(api).forEach((c, i) => {
    if (isEditableField(c.getColId())) editableColumns.push(i);
  });
  return {
    rowCount: api.getDisplayedRowCount(),
    editableColumns,
    isPlanRow: (rowIndex) => gridRowAt(api, rowIndex) !== null,
  };
}

/** Puts the cursor on a row's first input cell once the grid shows the row (after the store's update). */
export function focusFirstInput(api: GridApi<SheetRow>, rowId: string): void {
  requestAnimationFrame(() => {
    const node = api.getRowNode(rowId);
    const column = displayedColumns(api).find((c) => isEditableField(c.getColId()));
    if (!node || node.rowIndex === null || !column) return;
    api.ensureIndexVisible(node.rowIndex);
    api.setFocusedCell(node.rowIndex, column);
  });
}

/**
 * Tab and Shift+Tab move between input cells, committing an edit first, and wrap to the next (previous)
 * row, as in a spreadsheet's data entry. Tab after the last input of the last row adds a row, as an Excel
 * table does (unless a filter is on: the new row could be hidden), and puts the cursor in its first cell.
 */
function tabBetweenInputs(e: ReactKeyboardEvent, api: GridApi<SheetRow>, props: PlanGridProps): boolean {
  if (e.key !== 'Tab' || e.ctrlKey || e.metaKey || e.altKey) return false;
  const focused = api.getFocusedCell();
  if (!focused || focused.rowPinned) return false;
  const colIndex = displayedColumns(api).findIndex((c) => c === focused.column);
  const next = nextInputCell(tabGridOf(api), { rowIndex: focused.rowIndex, colIndex }, e.shiftKey);
  if (!next && (e.shiftKey || api.isAnyFilterPresent())) return false;
  stop(e);
  if (api.getEditingCells().length > 0) api.stopEditing();
  if (next) {
    const column = displayedColumns(api)[next.colIndex];
    if (!column) return true;
    api.ensureIndexVisible(next.rowIndex);
    api.ensureColumnVisible(column);
    api.setFocusedCell(next.rowIndex, column);
    return true;
  }
  const added = planAddRow(props.document);
  props.onCommand(added);
  const [placed] = added.kind === 'insert-rows' ? added.rows : [];
  if (placed) focusFirstInput(api, placed.row.id);
  return true;
}

/**
 * The spreadsheet keys AG Grid Community lacks, caught before the grid sees them: Enter on the last row
 * and Tab between inputs (above), Ctrl/Cmd+D fill down,
 * Ctrl/Cmd+A select all, Shift+arrows extend the selection (Ctrl/Cmd+Shift+arrows to the edge), Delete/Backspace clear it, Escape shrinks it to
 * the active cell, and Ctrl/Cmd+Enter fills what is being typed into every selected cell.
 */
export function useGridKeyboard(
  apiRef: RefObject<GridApi<SheetRow> | null>,
  latest: RefObject<PlanGridProps>,
  selection: GridSelection,
  actions: GridActions,
  typeAhead: TypeAhead,
): (e: ReactKeyboardEvent<HTMLDivElement>) => void {
  return useCallback(
    (e: ReactKeyboardEvent<HTMLDivElement>) => {
      const api = apiRef.current;
      if (!api || outsideGrid(e.target)) return;
      if (typeAhead.keep(e, onInputCell(api)) || enterOnLastRow(e, api) || tabBetweenInputs(e, api, latest.current))
        return;
      if (api.getEditingCells().length > 0) {
        fillFromEditor(e, api, selection, actions);
        return;
      }
      if (isFormField(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const arrow = ARROWS[e.key];
      if (mod && !e.shiftKey && key === 'd') {
        stop(e);
        actions.fillDown();
      } else if (mod && key === 'a') {
        stop(e);
        actions.selectAll();
      } else if (arrow && e.shiftKey) {
        stop(e);
        extendWithArrow(api, selection, arrow, mod);
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) {
        stop(e);
        actions.clearSelection();
      } else if (e.key === 'Escape' && selection.bounds()) {
        const current = selection.current();
        if (current && cellCount(current) > 1) selection.set(singleCell(current.focus));
      }
    },
    [actions, apiRef, latest, selection, typeAhead],
  );
}

import type { GridApi } from 'ag-grid-community';
import { type KeyboardEvent as ReactKeyboardEvent, type RefObject, useCallback } from 'react';
import { cellCount, extendTo, movedFocus, singleCell } from './selection';
import { displayedColumns } from './sheet-access';
import type { SheetRow } from './sheet-row';
import type { GridActions } from './use-grid-handle';
import type { GridSelection } from './use-grid-selection';

const ARROWS: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

function isFormField(target: EventTarget): boolean {
  return (
    target instanceof HTMLInputElement || target instanceof HTMLTextAreaElement || target instanceof HTMLSelectElement
  );
}

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

/** Shift+arrow grows or shrinks the selection from its anchor and moves the grid's focus with it. */
function extendWithArrow(api: GridApi<SheetRow>, selection: GridSelection, [dRow, dCol]: [number, number]) {
  selection.bounds();
  const current = selection.current();
  const cols = displayedColumns(api);
  if (!current) return;
  const next = movedFocus(current, dRow, dCol, api.getDisplayedRowCount(), cols.length);
  const column = cols[next.colIndex];
  selection.set(extendTo(current, next));
  if (column) {
    api.ensureIndexVisible(next.rowIndex);
    api.ensureColumnVisible(column);
    api.setFocusedCell(next.rowIndex, column);
  }
}

/**
 * The spreadsheet keys AG Grid Community lacks, caught before the grid sees them: Ctrl/Cmd+D fill down,
 * Ctrl/Cmd+A select all, Shift+arrows extend the selection, Delete/Backspace clear it, Escape shrinks it to
 * the active cell, and Ctrl/Cmd+Enter fills what is being typed into every selected cell.
 */
export function useGridKeyboard(
  apiRef: RefObject<GridApi<SheetRow> | null>,
  selection: GridSelection,
  actions: GridActions,
): (e: ReactKeyboardEvent<HTMLDivElement>) => void {
  return useCallback(
    (e: ReactKeyboardEvent<HTMLDivElement>) => {
      const api = apiRef.current;
      if (!api) return;
      if (api.getEditingCells().length > 0) {
        fillFromEditor(e, api, selection, actions);
        return;
      }
      if (isFormField(e.target)) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      const stop = () => {
        e.preventDefault();
        e.stopPropagation();
      };
      const arrow = ARROWS[e.key];
      if (mod && !e.shiftKey && key === 'd') {
        stop();
        actions.fillDown();
      } else if (mod && key === 'a') {
        stop();
        actions.selectAll();
      } else if (arrow && e.shiftKey && !mod) {
        stop();
        extendWithArrow(api, selection, arrow);
      } else if ((e.key === 'Delete' || e.key === 'Backspace') && !mod) {
        stop();
        actions.clearSelection();
      } else if (e.key === 'Escape' && selection.bounds()) {
        const current = selection.current();
        if (current && cellCount(current) > 1) selection.set(singleCell(current.focus));
      }
    },
    [actions, apiRef, selection],
  );
}

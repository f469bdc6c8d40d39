import type { GridApi } from 'ag-grid-community';
import { type RefObject, useMemo } from 'react';
import { planEditsAndNewRows } from '../state/cell-edits';
import { type BlockPlan, planFillDown, planFillValue, planPaste } from './block-edits';
import { planClearCells } from './clear-cells';
import { parseTsv } from './clipboard';
import type { PlanGridHandle, PlanGridProps } from './plan-grid-types';
import { blockText, cellText, displayedColumns, gridRowAt, sheetAccess } from './sheet-access';
import type { SheetRow } from './sheet-row';
import type { Bounds } from './selection';
import { focusFirstInput } from './use-grid-keyboard';
import type { GridSelection } from './use-grid-selection';

/** Runs a block's edits (and the rows it adds) as one command and reports what it did and skipped. */
function applyBlock(props: PlanGridProps, plan: BlockPlan, action: string): void {
  props.onCommand(planEditsAndNewRows(props.document, plan.edits, plan.newRows, action));
  const applied = plan.edits.length + plan.newRows.reduce((n, values) => n + Object.keys(values).length, 0);
  const report = plan.problems.length > 0 || applied > 1 || plan.newRows.length > 0 || (plan.notes?.length ?? 0) > 0;
  props.onBlockReport(
    report
      ? {
          action,
          applied,
          problems: plan.problems,
          rowsAdded: plan.newRows.length,
          leftOutColumns: plan.leftOutColumns,
          notes: plan.notes ?? [],
        }
      : null,
  );
}

/** Where a paste lands: the selection, or the first cell of an empty grid (nothing to select there). */
function pasteBounds(api: GridApi<SheetRow> | null, selection: GridSelection): Bounds | null {
  const bounds = selection.bounds();
  if (bounds) return bounds;
  return (api?.getDisplayedRowCount() ?? 0) === 0 ? { top: 0, bottom: 0, left: 0, right: 0 } : null;
}

/** Delete/Backspace over the selection as one undo step. */
function clearSelection(api: GridApi<SheetRow> | null, props: PlanGridProps, selection: GridSelection): void {
  const bounds = selection.bounds();
  if (!bounds) return;
  const isOverridden = (rowIndex: number, field: string) => gridRowAt(api, rowIndex)?.overridden.has(field) ?? false;
  const plan = planClearCells(props.document, sheetAccess(api, props.view.context), bounds, isOverridden);
  props.onCommand(plan.command);
  props.onBlockReport(
    plan.problems.length > 0 ? { action: 'Clear cells', applied: plan.cleared, problems: plan.problems } : null,
  );
}

export interface GridActions extends PlanGridHandle {
  clearSelection(): void;
}

/** What the grid's actions reach: its API, the latest props and the selection. */
interface GridParts {
  apiRef: RefObject<GridApi<SheetRow> | null>;
  latest: RefObject<PlanGridProps>;
  selection: GridSelection;
}

/** Copy, cut and paste as tab-separated text (what spreadsheets put on the clipboard). */
function clipboardActions({ apiRef, latest, selection }: GridParts) {
  return {
    copySelection() {
      const bounds = selection.bounds();
      return bounds ? blockText(apiRef.current, bounds) : null;
    },
    cutSelection() {
      const bounds = selection.bounds();
      if (!bounds) return null;
      const text = blockText(apiRef.current, bounds);
      clearSelection(apiRef.current, latest.current, selection);
      return text;
    },
    pasteText(text: string) {
      const bounds = pasteBounds(apiRef.current, selection);
      if (!bounds) {
        latest.current.onCellError('Select a cell to paste into first.');
        return;
      }
      const block = parseTsv(text);
      if (block.length === 0) return;
      applyBlock(
        latest.current,
        planPaste(sheetAccess(apiRef.current, latest.current.view.context), bounds, block),
        'Paste',
      );
    },
  };
}

/** Fill down from the selection's first row, or fill the selection with one value. */
function fillActions({ apiRef, latest, selection }: GridParts) {
  const textOf = (rowIndex: number, colIndex: number) => cellText(apiRef.current, rowIndex, colIndex);
  return {
    fillDown() {
      const bounds = selection.bounds();
      if (bounds)
        applyBlock(
          latest.current,
          planFillDown(sheetAccess(apiRef.current, latest.current.view.context), bounds, textOf),
          'Fill down',
        );
    },
    fillValue(text: string) {
      const bounds = selection.bounds();
      if (bounds)
        applyBlock(
          latest.current,
          planFillValue(sheetAccess(apiRef.current, latest.current.view.context), bounds, text),
          'Fill selection',
        );
    },
  };
}

/** Select every displayed cell, and the ids of the rows the selection covers. */
function selectionActions({ apiRef, selection }: GridParts) {
  return {
    selectAll() {
      const rowCount = apiRef.current?.getDisplayedRowCount() ?? 0;
      const colCount = displayedColumns(apiRef.current).length;
      if (rowCount === 0 || colCount === 0) return;
      selection.set({
        anchor: { rowIndex: 0, colIndex: 0 },
        focus: { rowIndex: rowCount - 1, colIndex: colCount - 1 },
      });
    },
    selectedRowIds() {
      const bounds = selection.bounds();
      if (!bounds) return [];
      const ids: string[] = [];
      for (let r = bounds.top; r <= bounds.bottom; r++) {
        const gridRow = gridRowAt(apiRef.current, r);
        if (gridRow) ids.push(gridRow.id);
      }
      return ids;
    },
  };
}

/** Moves the keyboard focus into the grid: the focused cell, else the selection's, else the first cell. */
function focusGrid(api: GridApi<SheetRow> | null, selection: GridSelection): void {
  if (!api) return;
  const focused = api.getFocusedCell() ?? null;
  const current = selection.current()?.focus;
  const column = focused?.column ?? displayedColumns(api)[current?.colIndex ?? 0];
  const rowIndex = focused && !focused.rowPinned ? focused.rowIndex : (current?.rowIndex ?? 0);
  if (column && rowIndex < api.getDisplayedRowCount()) {
    api.ensureIndexVisible(rowIndex);
    api.setFocusedCell(rowIndex, column);
    return;
  }
  // No row to focus: the empty plan's message (its button) or the grid's area.
  const target =
    document.querySelector<HTMLElement>('[data-testid="add-first-row"]') ??
    document.querySelector<HTMLElement>('[data-testid="plan-grid"]');
  target?.focus();
}

/** What the app, the clipboard and the keyboard ask of the grid: copy, cut, paste, fill, select, clear. */
export function useGridHandle(
  apiRef: RefObject<GridApi<SheetRow> | null>,
  latest: RefObject<PlanGridProps>,
  selection: GridSelection,
): GridActions {
  return useMemo(() => {
    const parts: GridParts = { apiRef, latest, selection };
    const actions: GridActions = {
      ...clipboardActions(parts),
      ...fillActions(parts),
      ...selectionActions(parts),
      focusRow(rowId: string) {
        const api = apiRef.current;
        if (api) focusFirstInput(api, rowId);
      },
      focusGrid: () => focusGrid(apiRef.current, selection),
      clearSelection: () => clearSelection(apiRef.current, latest.current, selection),
    };
    return actions;
  }, [apiRef, latest, selection]);
}

import type { Column, GridApi } from 'ag-grid-community';
import type { EstimateContext } from '../../../shared/estimate/estimate-row';
import type { SheetAccess, SheetColumn } from './block-edits';
import { FORMULA_COLUMNS } from './formula-columns';
import { isEditableField } from './grid-options';
import { ROW_ISSUE_COLUMN_ID } from './row-issue';
import type { GridRow } from '../../../shared/estimate/plan-estimator';
import { asGridRow, type SheetRow } from './sheet-row';
import type { Bounds } from './selection';
import { tsvOfRows } from './clipboard';

const FORMULA_BY_ID = new Map(FORMULA_COLUMNS.map((c) => [c.colId, c]));

/**
 * The sheet's columns as displayed, left to right (pinned left, scrolling, pinned right): what selection,
 * copy, paste and Tab count. "Not priced because" is the rows' status, not a column of the plan: left out.
 * Empty before the grid is ready.
 */
export function displayedColumns(api: GridApi<SheetRow> | null): Column[] {
  const all = api?.getAllDisplayedColumns() ?? [];
  return all.some((c) => c.getColId() === ROW_ISSUE_COLUMN_ID)
    ? all.filter((c) => c.getColId() !== ROW_ISSUE_COLUMN_ID)
    : all;
}

/** The plan row shown at a displayed index, or null for a subtotal row or outside the grid. */
export function gridRowAt(api: GridApi<SheetRow> | null, rowIndex: number): GridRow | null {
  return asGridRow(api?.getDisplayedRowAtIndex(rowIndex)?.data);
}

function sheetColumn(column: Column | undefined): SheetColumn | null {
  if (!column) return null;
  const colId = column.getColId();
  return { colId, header: column.getColDef().headerName ?? colId, field: isEditableField(colId) ? colId : null };
}

/** Read access to the grid as displayed (after sort and filter), for paste, fill and clear. */
export function sheetAccess(api: GridApi<SheetRow> | null, pricing?: EstimateContext): SheetAccess {
  const cols = displayedColumns(api);
  return {
    ...(pricing ? { pricing } : {}),
    rowCount: api?.getDisplayedRowCount() ?? 0,
    colCount: cols.length,
    cell(rowIndex, colIndex) {
      const gridRow = gridRowAt(api, rowIndex);
      const column = sheetColumn(cols[colIndex]);
      if (!gridRow || !column) return null;
      return { rowId: gridRow.id, row: gridRow.row, ...column };
    },
    row(rowIndex) {
      const gridRow = gridRowAt(api, rowIndex);
      return gridRow ? { rowId: gridRow.id, row: gridRow.row } : null;
    },
    column: (colIndex) => sheetColumn(cols[colIndex]),
  };
}

/** How the cells of a column copy: stored values for inputs (so they paste back exactly), shown text for formulas. */
function copiedText(colId: string): (gridRow: GridRow) => string {
  if (isEditableField(colId))
    return (gridRow) => {
      const value = gridRow.row[colId];
      return value === null ? '' : String(value);
    };
  const formula = FORMULA_BY_ID.get(colId);
  return formula ? (gridRow) => formula.text(gridRow) : () => '';
}

/** The text a cell copies as (copiedText); empty for a subtotal row or outside the grid. */
export function cellText(api: GridApi<SheetRow> | null, rowIndex: number, colIndex: number): string {
  const gridRow = gridRowAt(api, rowIndex);
  const colId = displayedColumns(api)[colIndex]?.getColId();
  if (!gridRow || !colId) return '';
  return copiedText(colId)(gridRow);
}

/**
 * The block's cells as tab-separated text: toTsv of each cellText, with the columns and each row looked
 * up once rather than per cell (a whole 100k-row sheet is millions of cells).
 */
export function blockText(api: GridApi<SheetRow> | null, bounds: Bounds): string {
  const columns = displayedColumns(api);
  const texts: ((gridRow: GridRow) => string)[] = [];
  for (let c = bounds.left; c <= bounds.right; c++) {
    const colId = columns[c]?.getColId();
    texts.push(colId ? copiedText(colId) : () => '');
  }
  return tsvOfRows(bounds.top, bounds.bottom, (rowIndex) => gridRowAt(api, rowIndex), texts);
}

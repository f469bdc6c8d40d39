import type { CellPosition } from './selection';

/** What Tab needs to know about the grid as displayed. */
export interface TabGrid {
  readonly rowCount: number;
  /** Displayed column indexes of the input (editable) columns, left to right. */
  readonly editableColumns: readonly number[];
  /** False for subtotal rows: they have no cells to type into. */
  isPlanRow(rowIndex: number): boolean;
}

/**
 * Where Tab (or Shift+Tab) goes from a cell, as in a spreadsheet's data entry: the next input cell of the
 * row, skipping computed columns; after the row's last input, the next row's first input (Shift+Tab: the
 * previous row's last). Null past the last (or before the first) input of the grid.
 */
export function nextInputCell(grid: TabGrid, from: CellPosition, backwards: boolean): CellPosition | null {
  const cols = grid.editableColumns;
  const first = cols[0];
  const last = cols[cols.length - 1];
  if (first === undefined || last === undefined) return null;
  const sameRow = backwards ? [...cols].reverse().find((c) => c < from.colIndex) : cols.find((c) => c > from.colIndex);
  if (sameRow !== undefined && grid.isPlanRow(from.rowIndex)) return { rowIndex: from.rowIndex, colIndex: sameRow };
  const step = backwards ? -1 : 1;
  for (let r = from.rowIndex + step; r >= 0 && r < grid.rowCount; r += step) {
    if (grid.isPlanRow(r)) return { rowIndex: r, colIndex: backwards ? last : first };
  }
  return null;
}

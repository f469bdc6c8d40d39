/** A cell by its position in the grid as displayed (after sort and filter). */
export interface CellPosition {
  readonly rowIndex: number;
  readonly colIndex: number;
}

/** A rectangular selection: where it started (anchor) and the active cell (focus). */
export interface Selection {
  readonly anchor: CellPosition;
  readonly focus: CellPosition;
}

export interface Bounds {
  readonly top: number;
  readonly bottom: number;
  readonly left: number;
  readonly right: number;
}

export function singleCell(cell: CellPosition): Selection {
  return { anchor: cell, focus: cell };
}

export function boundsOf(s: Selection): Bounds {
  return {
    top: Math.min(s.anchor.rowIndex, s.focus.rowIndex),
    bottom: Math.max(s.anchor.rowIndex, s.focus.rowIndex),
    left: Math.min(s.anchor.colIndex, s.focus.colIndex),
    right: Math.max(s.anchor.colIndex, s.focus.colIndex),
  };
}

export function contains(s: Selection, rowIndex: number, colIndex: number): boolean {
  const b = boundsOf(s);
  return rowIndex >= b.top && rowIndex <= b.bottom && colIndex >= b.left && colIndex <= b.right;
}

export function cellCount(s: Selection): number {
  const b = boundsOf(s);
  return (b.bottom - b.top + 1) * (b.right - b.left + 1);
}

/** Extends the selection to a cell (shift-click, shift-arrow): the anchor stays. */
export function extendTo(s: Selection, cell: CellPosition): Selection {
  return { anchor: s.anchor, focus: cell };
}

/** The focus moved by (dRow, dCol), kept inside a grid of rowCount × colCount. */
export function movedFocus(s: Selection, dRow: number, dCol: number, rowCount: number, colCount: number): CellPosition {
  return {
    rowIndex: Math.max(0, Math.min(rowCount - 1, s.focus.rowIndex + dRow)),
    colIndex: Math.max(0, Math.min(colCount - 1, s.focus.colIndex + dCol)),
  };
}

/** Every (row, column) of the selection, row by row. */
export function* cellsOf(b: Bounds): Generator<CellPosition> {
  for (let rowIndex = b.top; rowIndex <= b.bottom; rowIndex++) {
    for (let colIndex = b.left; colIndex <= b.right; colIndex++) yield { rowIndex, colIndex };
  }
}

import type { EstimateContext } from '../../../shared/estimate/estimate-row';
import { blankRow } from '../../../shared/plan/new-plan';
import type { PlanRow } from '../../../shared/plan/plan-schema';
import type { CellEdit, NewRowValues } from '../state/cell-edits';
import type { EditableField } from '../state/commands';
import { parseCellInput } from './cell-input';
import { modelSwitchEdits } from './model-switch-edits';
import { type Bounds, cellsOf } from './selection';

/** One cell of the grid as displayed, as block operations need it. */
export interface SheetCell {
  readonly rowId: string;
  /** The row as the grid shows it (scenario applied). */
  readonly row: PlanRow;
  readonly colId: string;
  readonly header: string;
  /** The plan field behind an input column; null for computed (read-only) columns. */
  readonly field: EditableField | null;
}

/** A column of the grid as displayed. */
export interface SheetColumn {
  readonly colId: string;
  readonly header: string;
  /** The plan field behind an input column; null for computed (read-only) columns. */
  readonly field: EditableField | null;
}

/** Read access to the grid as displayed (after sort and filter). */
export interface SheetAccess {
  readonly rowCount: number;
  readonly colCount: number;
  /** Null outside the grid and on subtotal rows (no plan row behind them). */
  cell(rowIndex: number, colIndex: number): SheetCell | null;
  /** The plan row of every cell(rowIndex, ·): null outside the grid and on subtotal rows. */
  row(rowIndex: number): Pick<SheetCell, 'rowId' | 'row'> | null;
  /** Null outside the grid. */
  column(colIndex: number): SheetColumn | null;
  /** The plan's prices, to map size and quality when a block switches a row's model. */
  readonly pricing?: EstimateContext;
}

export interface BlockProblem {
  /** "Finals, row 3", or for cells alike "Model, 100,000 cells (rows 1 to 100,000)". */
  readonly cell: string;
  readonly reason: string;
  /** The cells this line stands for (1 when absent): a clear of a whole sheet skips millions alike. */
  readonly count?: number;
}

/** How many cells the problems stand for. */
export function problemCells(problems: readonly BlockProblem[]): number {
  let cells = 0;
  for (const p of problems) cells += p.count ?? 1;
  return cells;
}

export interface BlockPlan {
  readonly edits: readonly CellEdit[];
  /** What changed with the cells: a model switch mapping size and quality, one line each. */
  readonly notes?: readonly string[];
  /** Rows a pasted block adds below the last row, in order: the values pasted into each. */
  readonly newRows: readonly NewRowValues[];
  readonly problems: readonly BlockProblem[];
  /** Columns of a pasted block that landed nowhere (beyond the last column, or on computed columns). */
  readonly leftOutColumns: number;
}

const NOTHING: BlockPlan = { edits: [], newRows: [], problems: [], leftOutColumns: 0 };

export function cellLabel(header: string, rowIndex: number): string {
  return `${header}, row ${rowIndex + 1}`;
}

/**
 * Parses values into cells the way the editors do. Values are checked against the row as edited so far
 * in the same block (a pasted model, then its quality). Bad cells are reported and skipped, never zeroed.
 */
function planValues(
  sheet: SheetAccess,
  targets: Iterable<{ rowIndex: number; colIndex: number; text: string }>,
): BlockPlan {
  const edits: CellEdit[] = [];
  const problems: BlockProblem[] = [];
  const notes: string[] = [];
  const working = new Map<string, PlanRow>();
  for (const { rowIndex, colIndex, text } of targets) {
    const cell = sheet.cell(rowIndex, colIndex);
    if (!cell) {
      const inside = rowIndex < sheet.rowCount && colIndex < sheet.colCount;
      problems.push({
        cell: `row ${rowIndex + 1}, column ${colIndex + 1}`,
        reason: inside
          ? 'a subtotal row: it sums the rows above and cannot be typed over'
          : 'outside the grid: the block is larger than the space below and to the right',
      });
      continue;
    }
    const label = cellLabel(cell.header, rowIndex);
    if (cell.field === null) {
      problems.push({ cell: label, reason: 'a computed column: it cannot be typed over' });
      continue;
    }
    const row = working.get(cell.rowId) ?? cell.row;
    const parsed = parseCellInput(cell.field, text, row);
    if (!parsed.ok) {
      problems.push({ cell: label, reason: parsed.error });
      continue;
    }
    if (cell.field === 'model' && typeof parsed.value === 'string' && parsed.value !== row.model) {
      const switched = modelSwitchEdits(row, cell.rowId, parsed.value, sheet.pricing);
      working.set(cell.rowId, switched.row);
      edits.push(...switched.edits);
      notes.push(...switched.lines.map((line) => `${cellLabel(cell.header, rowIndex)} → ${parsed.value}: ${line}`));
      continue;
    }
    working.set(cell.rowId, { ...row, [cell.field]: parsed.value });
    edits.push({ rowId: cell.rowId, field: cell.field, value: parsed.value });
  }
  return { edits, notes, newRows: [], problems, leftOutColumns: 0 };
}

/** The values typed into one new row, parsed like any cell against a new row's defaults; empty cells keep those. */
function newRowValues(
  sheet: SheetAccess,
  rowIndex: number,
  cells: readonly { colIndex: number; text: string }[],
  problems: BlockProblem[],
): NewRowValues {
  let working: PlanRow = blankRow('new');
  const values: Record<string, PlanRow[EditableField]> = {};
  for (const { colIndex, text } of cells) {
    const column = sheet.column(colIndex);
    if (!column?.field || text.trim() === '') continue;
    const parsed = parseCellInput(column.field, text, working);
    if (!parsed.ok) {
      problems.push({ cell: cellLabel(column.header, rowIndex), reason: parsed.error });
      continue;
    }
    working = { ...working, [column.field]: parsed.value };
    values[column.field] = parsed.value;
  }
  return values;
}

/** One line per block column that lands nowhere: beyond the grid's last column, or on a computed column. */
function leftOutColumns(sheet: SheetAccess, left: number, width: number): BlockProblem[] {
  const problems: BlockProblem[] = [];
  const beyond: number[] = [];
  for (let c = 0; c < width; c++) {
    const column = sheet.column(left + c);
    if (!column) beyond.push(c + 1);
    else if (column.field === null)
      problems.push({
        cell: `Block column ${c + 1}`,
        reason: `lands on ${column.header}, a computed column: left out`,
      });
  }
  const first = beyond[0];
  const last = beyond[beyond.length - 1];
  if (first !== undefined && last !== undefined) {
    const lastHeader = sheet.column(sheet.colCount - 1)?.header ?? 'the last column';
    problems.push({
      cell: first === last ? `Block column ${first}` : `Block columns ${first}–${last}`,
      reason: `beyond ${lastHeader}, the grid's last column: left out (${beyond.length} column${beyond.length === 1 ? '' : 's'})`,
    });
  }
  return problems;
}

/**
 * A pasted block lands with its top-left corner on the selection's top-left cell. A single value pasted
 * onto a larger selection fills the whole selection, as in a spreadsheet. A block taller than the rows
 * below adds rows for the rest (each starting from a new row's defaults); block columns beyond the last
 * column or on computed columns are left out and reported once per column, not once per cell.
 */
export function planPaste(sheet: SheetAccess, selection: Bounds, block: readonly (readonly string[])[]): BlockPlan {
  const single = block.length === 1 && block[0]?.length === 1;
  if (single) return planFillValue(sheet, selection, block[0]?.[0] ?? '');
  const width = Math.max(0, ...block.map((cells) => cells.length));
  const columnProblems = leftOutColumns(sheet, selection.left, width);
  const pastable = (colIndex: number) => {
    const field = sheet.column(colIndex)?.field;
    return field !== null && field !== undefined;
  };
  const targets: { rowIndex: number; colIndex: number; text: string }[] = [];
  const newRows: NewRowValues[] = [];
  const newRowProblems: BlockProblem[] = [];
  block.forEach((cells, r) => {
    const rowIndex = selection.top + r;
    const placed = cells.map((text, c) => ({ rowIndex, colIndex: selection.left + c, text }));
    if (rowIndex < sheet.rowCount) {
      targets.push(...placed.filter((t) => pastable(t.colIndex)));
      return;
    }
    // Below the last row the block adds rows (skipping lines with nothing to paste).
    if (placed.every((t) => t.text.trim() === '' || !pastable(t.colIndex))) return;
    const atIndex = sheet.rowCount + newRows.length;
    newRows.push(newRowValues(sheet, atIndex, placed, newRowProblems));
  });
  const inGrid = planValues(sheet, targets);
  return {
    edits: inGrid.edits,
    notes: inGrid.notes ?? [],
    newRows,
    problems: [...columnProblems, ...inGrid.problems, ...newRowProblems],
    leftOutColumns: columnProblems.length,
  };
}

/** One value typed into every selected cell. */
export function planFillValue(sheet: SheetAccess, selection: Bounds, text: string): BlockPlan {
  return planValues(
    sheet,
    [...cellsOf(selection)].map((p) => ({ ...p, text })),
  );
}

/**
 * Fill down (Ctrl/Cmd+D): the top row of the selection is copied into the rows below it; with a single
 * selected row, the row above is copied into it.
 */
export function planFillDown(
  sheet: SheetAccess,
  selection: Bounds,
  textOf: (rowIndex: number, colIndex: number) => string,
): BlockPlan {
  const sourceRow = selection.top === selection.bottom ? selection.top - 1 : selection.top;
  if (sourceRow < 0) return NOTHING;
  const firstTarget = sourceRow + 1;
  const targets: { rowIndex: number; colIndex: number; text: string }[] = [];
  for (let colIndex = selection.left; colIndex <= selection.right; colIndex++) {
    const source = sheet.cell(sourceRow, colIndex);
    if (!source || source.field === null) continue;
    const text = textOf(sourceRow, colIndex);
    for (let rowIndex = firstTarget; rowIndex <= selection.bottom; rowIndex++)
      targets.push({ rowIndex, colIndex, text });
  }
  return planValues(sheet, targets);
}

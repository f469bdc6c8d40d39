import { showValue } from '../safe-text';
import type { RawCell } from './field-codec';

/** A workbook as import sees it: sheets of plain cell values, as the sheet scanner (sheet-xml.ts) read them. */

export interface RawSheet {
  readonly name: string;
  /** rows[0] is sheet row 1 (the header); cells[0] is column A. Missing rows/cells are blank. */
  readonly rows: ReadonlyArray<ReadonlyArray<RawCell | undefined> | undefined>;
}

export interface RawWorkbook {
  readonly sheets: ReadonlyMap<string, RawSheet>;
  /** The workbook counts dates from 1904 (old Mac Excel): date serials are 1,462 days smaller. */
  readonly date1904?: boolean;
}

export function cellAt(sheet: RawSheet, row: number, column: number): RawCell {
  return sheet.rows[row - 1]?.[column - 1] ?? null;
}

/** What a cell shows, as text (a formula cell: its cached result). */
export function plainText(cell: RawCell): string {
  if (cell === null) return '';
  if (typeof cell === 'string') return cell;
  if (typeof cell === 'number' || typeof cell === 'boolean') return String(cell);
  if (cell instanceof Date) return cell.toISOString();
  if ('error' in cell) return cell.error;
  return cell.result === null || cell.result === undefined ? '' : String(cell.result);
}

/** A cell's text for an error message, shortened. */
export function showCell(cell: RawCell): string {
  return showValue(plainText(cell), 40);
}

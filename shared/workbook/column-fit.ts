import type { CellStyleName, CellValue, ColumnLayout } from './workbook-types';

/**
 * Column widths that fit what the columns show: the longest value as its number format displays it
 * (money with thousands separators and cents, so no "####"), and the longest word of the header (headers
 * wrap between words). Widths are in Excel's unit, about one digit each; a margin covers bold text and
 * viewers whose fallback font is wider than Calibri (LibreOffice without Carlito uses DejaVu Sans).
 */

/** Characters of margin on top of the longest value or header word (bold headers are wider). */
const MARGIN = 2;
/** No column narrower than this (a filter button needs room). */
const MIN_WIDTH = 6;
/** Default cap: a longer value is cut at the column edge rather than widening the page. */
export const DEFAULT_MAX_WIDTH = 48;

function groupedDigits(whole: number): number {
  const digits = whole < 1 ? 1 : Math.floor(Math.log10(whole)) + 1;
  return digits + Math.floor((digits - 1) / 3);
}

/** Characters a number takes under a fixed-decimals format with thousands separators. */
function fixedLength(n: number, decimals: number, prefix: number): number {
  const rounded = Math.abs(n);
  const whole = Math.floor(rounded + 0.5 * 10 ** -decimals);
  return (n < 0 ? 1 : 0) + prefix + groupedDigits(whole) + (decimals > 0 ? decimals + 1 : 0);
}

/** Characters a cell takes when shown with its column's style (a formula by its cached result). */
export function displayLength(value: CellValue, style: CellStyleName): number {
  if (value === null) return 0;
  if (typeof value === 'string') return value.length;
  if (typeof value === 'boolean') return 5;
  if (typeof value === 'object') {
    if (value.kind === 'date') return 10;
    return displayLength(value.result, style);
  }
  return numberLength(value, style);
}

/** Characters a number takes when shown with a column's style. */
export function numberLength(value: number, style: CellStyleName): number {
  if (!Number.isFinite(value)) return 0;
  switch (style) {
    case 'usd':
      return fixedLength(value, 2, 1);
    case 'usd-precise':
      return fixedLength(value, 6, 1);
    case 'credits':
      return fixedLength(value, 6, 0);
    case 'integer':
      return fixedLength(value, 0, 0);
    case 'decimal':
    case 'price': {
      // '#,##0.####': up to four decimals, none when whole; a price: one to eleven.
      const shown = (String(Math.abs(value)).split('.')[1] ?? '').length;
      const decimals = style === 'decimal' ? Math.min(4, shown) : Math.min(11, Math.max(1, shown));
      return fixedLength(value, decimals, 0);
    }
    case 'percent':
      return fixedLength(value * 100, 1, 0) + 1;
    case 'date':
      return 10;
    case 'text':
    case 'label':
      return String(value).length;
  }
}

/** The longest word of a header: the width it needs to wrap between words only. */
function longestWord(header: string): number {
  return Math.max(0, ...header.split(/\s+/).map((w) => w.length));
}

export class ColumnFit<C extends ColumnLayout = ColumnLayout> {
  private readonly longest: number[];

  constructor(private readonly columns: readonly C[]) {
    this.longest = columns.map(() => 0);
  }

  /** Notes a cell of the 0-based column `index`. */
  observe(index: number, value: CellValue): void {
    const column = this.columns[index];
    if (column) this.observeLength(index, displayLength(value, column.style));
  }

  /** Notes a shown length in the 0-based column `index` (for callers that measure without building cells). */
  observeLength(index: number, length: number): void {
    if (length > (this.longest[index] ?? 0)) this.longest[index] = length;
  }

  /** Notes every cell of a row. */
  observeRow(cells: readonly CellValue[]): void {
    for (let i = 0; i < cells.length; i++) this.observe(i, cells[i] ?? null);
  }

  /**
   * The columns with fitted widths. `maxWidth` caps a column (default DEFAULT_MAX_WIDTH); columns `keep`
   * names keep their layout width (e.g. collapsed or hidden ones, whose cells were not observed).
   */
  fitted(options: { maxWidth?: (column: C) => number; keep?: (column: C) => boolean } = {}): C[] {
    return this.columns.map((column, i) => {
      if (options.keep?.(column)) return column;
      const need = Math.max(this.longest[i] ?? 0, longestWord(column.header)) + MARGIN;
      const cap = options.maxWidth?.(column) ?? DEFAULT_MAX_WIDTH;
      return { ...column, width: Math.min(cap, Math.max(MIN_WIDTH, need)) };
    });
  }
}

/** A small sheet's columns fitted to its rows (rows held in memory: Prices, Summary, About). */
export function fitColumns<C extends ColumnLayout>(
  columns: readonly C[],
  rows: Iterable<readonly CellValue[]>,
  maxWidth: (column: C) => number = () => DEFAULT_MAX_WIDTH,
): C[] {
  const fit = new ColumnFit(columns);
  for (const row of rows) fit.observeRow(row);
  return fit.fitted({ maxWidth });
}

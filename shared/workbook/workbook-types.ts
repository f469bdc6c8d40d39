/**
 * A workbook described as plain data, so shared/ can lay it out and node/ can write it with exceljs
 * (or any other writer). Rows come as iterables, so a 100k-row plan is never held twice in memory.
 */

/** A date-only value (YYYY-MM-DD), written as a real spreadsheet date at UTC midnight. */
export interface DateCell {
  readonly kind: 'date';
  readonly iso: string;
}

export type FormulaResult = number | string | boolean;

/** A formula with the value the engine computed for it (shown by viewers that do not recalculate). */
export interface FormulaCell {
  readonly kind: 'formula';
  readonly formula: string;
  readonly result: FormulaResult;
  /** Shared formula master: the range the formula is filled over (e.g. "AD2:AD101"). */
  readonly sharedRange?: string;
}

/** A copy of the shared formula whose master sits at `master` (same column, row 2). */
export interface SharedFormulaCell {
  readonly kind: 'shared';
  readonly master: string;
  readonly result: FormulaResult;
}

export type CellValue = null | string | number | boolean | DateCell | FormulaCell | SharedFormulaCell;

export type CellStyleName =
  'text' | 'integer' | 'decimal' | 'price' | 'usd' | 'usd-precise' | 'credits' | 'percent' | 'date' | 'label';

export interface ColumnLayout {
  readonly header: string;
  readonly width: number;
  readonly style: CellStyleName;
  readonly hidden?: boolean;
  /** Helper and formula columns get a shaded header so finance sees what is computed. */
  readonly computed?: boolean;
  /**
   * The column's outline group (Excel's Data › Group): adjacent columns with a group form one, shown
   * expanded or collapsed (hidden, with a + to show them). Put an ungrouped column between two groups,
   * or they merge into one.
   */
  readonly group?: 'expanded' | 'collapsed';
}

export type SheetState = 'visible' | 'hidden' | 'veryHidden';

/** A drop-down list on a column (data rows to the sheet's end); other values only warn. */
export interface ColumnChoice {
  /** 1-based column. */
  readonly column: number;
  /** A list formula: a range ("Lists!$D$2:$D$21") or a quoted comma list ("\"a,b\""). */
  readonly list: string;
  readonly prompt: string;
  /** Last row covered: the data rows and room for rows finance adds. */
  readonly lastRow: number;
}

export interface SheetModel {
  readonly name: string;
  readonly state: SheetState;
  /** What the sheet holds, in a sentence or two for the About sheet (which lists every sheet by it). */
  readonly about: string;
  readonly columns: readonly ColumnLayout[];
  /** Header row is row 1 (bold, frozen, with an autofilter over the header and data rows when `autoFilter`). */
  readonly autoFilter: boolean;
  readonly freezeHeader: boolean;
  /** Columns kept in view on the left when scrolling sideways (0 or absent: none). */
  readonly freezeColumns?: number;
  readonly choices?: readonly ColumnChoice[];
  /** Columns whose negative numbers show in red (over budget), down to `lastRow`. */
  readonly redWhenNegative?: readonly { readonly column: number; readonly lastRow: number }[];
  /** Data rows from row 2; each is one cell per column (shorter arrays leave the rest blank). */
  readonly rows: Iterable<readonly CellValue[]>;
  /**
   * A totals row right under the data rows (bold, ruled above, outside the autofilter), laid out once the
   * data rows have been read; null for none.
   */
  readonly totalsRow?: () => readonly CellValue[] | null;
  /**
   * Labelled inputs in row 1, right of the header after one blank column (label, then value): cells
   * finance may change and the sheet's formulas read (the Reconciliation sheet's As of).
   */
  readonly headerInputs?: readonly HeaderInput[];
}

/** One labelled input cell of a sheet's header row. */
export interface HeaderInput {
  readonly label: string;
  readonly value: string | number | DateCell;
}

/** How every visible sheet prints (hidden sheets never print). Margins in inches. */
export interface PrintSetup {
  readonly orientation: 'landscape' | 'portrait';
  /** Pages wide the sheet is shrunk to; 0 = no limit. */
  readonly fitToWidth: number;
  /** Pages tall the sheet is shrunk to; 0 = as many as it takes. */
  readonly fitToHeight: number;
  readonly margins: {
    readonly left: number;
    readonly right: number;
    readonly top: number;
    readonly bottom: number;
    readonly header: number;
    readonly footer: number;
  };
  /** Rows at the top of every sheet printed again on each page (the header row: 1). */
  readonly repeatRows: number;
  /** The page footer as an Excel header/footer code string (&P page, &N pages, && a literal &). */
  readonly footer: string;
}

export interface WorkbookModel {
  readonly sheets: readonly SheetModel[];
  readonly print: PrintSetup;
  readonly creator: string;
  readonly created: Date;
}

/** Number formats per style, as Excel format codes. */
export const NUMBER_FORMATS: Record<CellStyleName, string | undefined> = {
  text: '@',
  integer: '#,##0',
  decimal: '#,##0.####',
  // A price figure exactly as entered (0.0047393 USD per credit), never rounded for display.
  price: '#,##0.0##########',
  usd: '"$"#,##0.00',
  'usd-precise': '"$"#,##0.000000',
  credits: '#,##0.000000',
  percent: '0.0%',
  date: 'yyyy-mm-dd',
  label: undefined,
};

import ExcelJS from 'exceljs';
import { address, columnLetter } from '../../shared/workbook/a1';
import { columnOutlineLevel, columnsXml, headerRow, RowRenderer } from '../../shared/workbook/sheet-xml-writer';
import {
  NUMBER_FORMATS,
  type ColumnLayout,
  type PrintSetup,
  type SheetModel,
  type WorkbookModel,
} from '../../shared/workbook/workbook-types';

/**
 * The one module that imports exceljs (the lint config forbids it elsewhere). It writes a workbook model
 * with exceljs's streaming writer: exceljs makes the package (zip, styles, sheet settings); the rows are
 * rendered as SpreadsheetML by shared/workbook/sheet-xml-writer.ts and streamed into the sheet, because
 * exceljs's per-cell path costs more for a shared-formula cell than for a value. Rows are flushed as they
 * are produced (with backpressure), so a 100k-row plan never sits in memory.
 *
 * Doing so reaches two private internals, one per writer class, which is why package.json pins exceljs to
 * exactly PINNED_EXCELJS_VERSION and test/node/exceljs-adapter.test.ts checks them:
 * - the workbook writer's `zip` (to ask for a full recalculation on load) and `styles` (style ids);
 * - the worksheet writer's `stream` (rows are written into it; its buffers and pipes measure the
 *   backlog) and `dataValidations` (list choices, which the streaming writer does not expose).
 * If an upgrade moves one, the accessors below throw an error naming it instead of writing a bad file.
 */

/** The exceljs release whose internals this module reaches; package.json pins exactly this version. */
export const PINNED_EXCELJS_VERSION = '4.4.0';

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const COMPUTED_HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };

const ROWS_PER_WRITE = 64;
const EXCEL_MAX_ROWS = 1_048_576;
const MAX_BACKLOG_BYTES = 2 * 1024 * 1024;

const NUMBER_CELL_TYPE = 2; // exceljs Enums.ValueType.Number
const STRING_CELL_TYPE = 3; // exceljs Enums.ValueType.String

interface StyleModel {
  numFmt?: string;
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  alignment?: Partial<ExcelJS.Alignment>;
  border?: Partial<ExcelJS.Borders>;
}

/** The rule above a totals row. */
const TOTALS_BORDER: Partial<ExcelJS.Borders> = { top: { style: 'thin', color: { argb: 'FF808080' } } };

interface SheetStream {
  write(text: string): unknown;
  readonly buffers?: readonly { readonly length: number }[];
  /** Node streams (writableLength) or readable-stream 2 streams (_writableState.length). */
  readonly pipes?: readonly {
    readonly writableLength?: number;
    readonly _writableState?: { readonly length?: number };
  }[];
}

type ZipAppend = (data: unknown, options: { name: string }) => unknown;

/** The workbook writer's private parts this module uses. */
export interface WorkbookWriterInternals {
  readonly zip: { append: ZipAppend };
  readonly styles: { addStyleModel(style: StyleModel, cellType: number): number };
}

/** The worksheet writer's private parts this module uses. */
export interface WorksheetWriterInternals {
  readonly stream: SheetStream;
  readonly dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function hasMethod(owner: unknown, name: string): boolean {
  return isObject(owner) && typeof owner[name] === 'function';
}

function internalsMoved(what: string, usedFor: string): Error {
  return new Error(
    `exceljs internals moved: ${what} is missing, which exceljs ${PINNED_EXCELJS_VERSION} has and ` +
      `node/io/exceljs-adapter.ts uses ${usedFor}. Adapt the adapter to the new exceljs before changing ` +
      `the exact version pinned in package.json.`,
  );
}

/** The workbook writer's internals, or an error naming the one an exceljs upgrade moved. */
export function workbookWriterInternals(writer: unknown): WorkbookWriterInternals {
  const parts = isObject(writer) ? writer : {};
  if (!hasMethod(parts.zip, 'append'))
    throw internalsMoved('WorkbookWriter.zip.append', 'to ask for a full recalculation when the file is opened');
  if (!hasMethod(parts.styles, 'addStyleModel'))
    throw internalsMoved('WorkbookWriter.styles.addStyleModel', 'to get the style ids of the cells it renders');
  return writer as WorkbookWriterInternals;
}

/** The worksheet writer's internals, or an error naming the one an exceljs upgrade moved. */
export function worksheetWriterInternals(worksheet: unknown): WorksheetWriterInternals {
  const parts = isObject(worksheet) ? worksheet : {};
  const stream = parts.stream;
  if (!hasMethod(stream, 'write')) throw internalsMoved('WorksheetWriter.stream.write', 'to stream the rendered rows');
  if (!isObject(stream) || !Array.isArray(stream.buffers) || !Array.isArray(stream.pipes))
    throw internalsMoved(
      'WorksheetWriter.stream.buffers / .pipes',
      'to wait for the zip compressor (a 100k-row sheet would otherwise sit in memory)',
    );
  if (!hasMethod(parts.dataValidations, 'add'))
    throw internalsMoved('WorksheetWriter.dataValidations.add', 'to add the list choices of a column');
  return worksheet as WorksheetWriterInternals;
}

/** Bytes written to the sheet but not yet taken by the zip compressor (exceljs ignores backpressure). */
function backlog(stream: SheetStream): number {
  let bytes = 0;
  for (const b of stream.buffers ?? []) bytes += b.length;
  for (const p of stream.pipes ?? []) bytes += p.writableLength ?? p._writableState?.length ?? 0;
  return bytes;
}

/** Waits until the zip stream has compressed most of what was written. */
async function drained(stream: SheetStream): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (backlog(stream) > MAX_BACKLOG_BYTES) await new Promise<void>((resolve) => setTimeout(resolve, 2));
}

/** The streaming writer hard-codes an empty calcPr; ask for a full recalculation on load instead. */
function requestFullCalcOnLoad(internals: WorkbookWriterInternals): void {
  const zip = internals.zip;
  const append = zip.append.bind(zip);
  zip.append = (data, options) => {
    if (options.name.endsWith('xl/workbook.xml') && typeof data === 'string') {
      data = data.replace(
        /<calcPr\b([^>]*?)\/>/,
        (_m, attrs: string) => `<calcPr${attrs.replace(/\s*fullCalcOnLoad="[^"]*"/, '')} fullCalcOnLoad="1"/>`,
      );
    }
    return append(data, options);
  };
}

/** exceljs's print options for a visible sheet (hidden sheets never print). */
function printOptions(sheet: SheetModel, print: PrintSetup): Partial<ExcelJS.AddWorksheetOptions> {
  if (sheet.state !== 'visible') return {};
  return {
    pageSetup: {
      orientation: print.orientation,
      fitToWidth: print.fitToWidth,
      fitToHeight: print.fitToHeight,
      margins: print.margins,
      printTitlesRow: print.repeatRows > 0 ? `1:${print.repeatRows}` : undefined,
    },
    headerFooter: { oddFooter: print.footer, differentFirst: false, differentOddEven: false },
  };
}

function frozenView(sheet: SheetModel): Partial<ExcelJS.WorksheetView>[] {
  if (!sheet.freezeHeader) return [];
  const xSplit = sheet.freezeColumns ?? 0;
  return [{ state: 'frozen', xSplit, ySplit: 1, topLeftCell: address(xSplit + 1, 2) }];
}

/** Style ids (` s="…"` attributes) of a sheet's cells: data rows, the header and the totals row. */
interface SheetStyles {
  readonly data: string[];
  readonly totals: string[];
  readonly header: string;
  readonly computedHeader: string;
  readonly date: string;
  readonly totalsDate: string;
}

function sheetStyles(styles: WorkbookWriterInternals['styles'], sheet: SheetModel): SheetStyles {
  const attr = (model: StyleModel, type: number) => ` s="${styles.addStyleModel(model, type)}"`;
  const header = (fill: ExcelJS.Fill) =>
    attr({ font: { bold: true }, fill, alignment: { vertical: 'top', wrapText: true } }, STRING_CELL_TYPE);
  const cellStyle = (c: ColumnLayout, totals: boolean): string => {
    const numFmt = c.style === 'text' || c.style === 'label' ? undefined : NUMBER_FORMATS[c.style];
    const model: StyleModel = {};
    if (numFmt !== undefined) model.numFmt = numFmt;
    if (totals) {
      model.font = { bold: true };
      model.border = TOTALS_BORDER;
    }
    if (Object.keys(model).length === 0) return '';
    return attr(model, numFmt === undefined ? STRING_CELL_TYPE : NUMBER_CELL_TYPE);
  };
  return {
    data: sheet.columns.map((c) => cellStyle(c, false)),
    totals: sheet.columns.map((c) => cellStyle(c, true)),
    header: header(HEADER_FILL),
    computedHeader: header(COMPUTED_HEADER_FILL),
    date: attr({ numFmt: NUMBER_FORMATS.date }, NUMBER_CELL_TYPE),
    totalsDate: attr({ numFmt: NUMBER_FORMATS.date, font: { bold: true }, border: TOTALS_BORDER }, NUMBER_CELL_TYPE),
  };
}

function addChoices(validations: WorksheetWriterInternals['dataValidations'], sheet: SheetModel): void {
  for (const choice of sheet.choices ?? []) {
    const letter = columnLetter(choice.column);
    validations.add(`${letter}2:${letter}${Math.min(choice.lastRow, EXCEL_MAX_ROWS)}`, {
      type: 'list',
      allowBlank: true,
      formulae: [choice.list],
      showErrorMessage: true,
      errorStyle: 'warning',
      errorTitle: 'Not in the list',
      error: `Expected ${choice.prompt}. Pixel Ledger checks the value when the workbook is imported.`,
    });
  }
}

function addRedWhenNegative(ws: ExcelJS.Worksheet, sheet: SheetModel): void {
  for (const { column, lastRow } of sheet.redWhenNegative ?? []) {
    const letter = columnLetter(column);
    ws.addConditionalFormatting({
      ref: `${letter}2:${letter}${Math.min(lastRow, EXCEL_MAX_ROWS)}`,
      rules: [
        {
          type: 'cellIs',
          operator: 'lessThan',
          formulae: ['0'],
          priority: 1,
          style: { font: { color: { argb: 'FFC00000' }, bold: true } },
        },
      ],
    });
  }
}

async function writeSheet(
  writer: ExcelJS.stream.xlsx.WorkbookWriter,
  styles: WorkbookWriterInternals['styles'],
  sheet: SheetModel,
  print: PrintSetup,
): Promise<void> {
  const ws = writer.addWorksheet(sheet.name, {
    state: sheet.state,
    views: frozenView(sheet),
    properties: { outlineLevelCol: columnOutlineLevel(sheet.columns) },
    ...printOptions(sheet, print),
  });
  const { stream, dataValidations } = worksheetWriterInternals(ws);
  addChoices(dataValidations, sheet);
  addRedWhenNegative(ws, sheet);
  // The sheet's opening is written; the columns (widths, hidden, outline groups) are rendered here, as
  // exceljs's writer cannot mark the column after a collapsed group. Committing an empty first row then
  // opens <sheetData> (no ws.columns: exceljs writes no <cols> of its own); every row, the header
  // included, is rendered here too.
  stream.write(columnsXml(sheet.columns, sheet.headerInputs?.length ?? 0));
  ws.getRow(1).commit();

  const style = sheetStyles(styles, sheet);
  const renderer = new RowRenderer(sheet.columns.length, style.data, style.date);
  let chunk = headerRow(sheet, style.header, style.computedHeader, style.date);
  let r = 2;
  for (const cells of sheet.rows) {
    chunk += renderer.row(cells, r);
    r += 1;
    if (r % ROWS_PER_WRITE === 0) {
      stream.write(chunk);
      chunk = '';
      await drained(stream);
    }
  }
  const lastDataRow = r - 1;
  const totals = sheet.totalsRow?.() ?? null;
  if (totals) {
    // Styled across every column (blanks too), so the rule above the totals runs the sheet's width.
    const cells = sheet.columns.map((_, i) => totals[i] ?? null);
    chunk += new RowRenderer(sheet.columns.length, style.totals, style.totalsDate, true).row(cells, r);
  }
  if (chunk !== '') stream.write(chunk);
  // Header and data rows only: sorting or filtering never moves the totals row.
  if (sheet.autoFilter && sheet.columns.length > 0)
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: lastDataRow, column: sheet.columns.length } };
  ws.commit();
}

/** Writes a workbook model to `path` (the caller makes that a temporary file and renames it). */
export async function writeWorkbookModel(model: WorkbookModel, path: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  writer.creator = model.creator;
  writer.created = model.created;
  const internals = workbookWriterInternals(writer);
  requestFullCalcOnLoad(internals);
  for (const sheet of model.sheets) await writeSheet(writer, internals.styles, sheet, model.print);
  await writer.commit();
}

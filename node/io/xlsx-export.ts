import ExcelJS from 'exceljs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { fail, ok, type Result } from '../../shared/result';
import { columnLetter } from '../../shared/workbook/a1';
import { xmlSafeText } from '../../shared/workbook/cell-text';
import { isoToSerial } from '../../shared/workbook/excel-date';
import { buildPlanWorkbook, type PlanWorkbook, type WorkbookExportOptions } from '../../shared/workbook/build-workbook';
import {
  NUMBER_FORMATS,
  type CellValue,
  type FormulaResult,
  type SheetModel,
  type WorkbookModel,
} from '../../shared/workbook/workbook-types';

/**
 * Writes a workbook model with exceljs's streaming writer: exceljs makes the package (zip, styles,
 * sheet settings, header rows); the data rows are rendered here as SpreadsheetML and streamed into the
 * sheet, because exceljs's per-cell path costs more for a shared-formula cell than for a value. Rows
 * are flushed as they are produced (with backpressure), so a 100k-row plan never sits in memory.
 * exceljs stays behind this module (import reads workbooks with its own zip and sheet scanner, xlsx-import.ts).
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const COMPUTED_HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };

const ROWS_PER_WRITE = 64;
const EXCEL_MAX_ROWS = 1_048_576;
const MAX_BACKLOG_BYTES = 2 * 1024 * 1024;

interface StreamInternals {
  readonly stream: {
    write(text: string): unknown;
    readonly buffers?: readonly { readonly length: number }[];
    /** Node streams (writableLength) or readable-stream 2 streams (_writableState.length). */
    readonly pipes?: readonly {
      readonly writableLength?: number;
      readonly _writableState?: { readonly length?: number };
    }[];
  };
}

function sheetStream(ws: ExcelJS.Worksheet): StreamInternals['stream'] {
  return (ws as unknown as StreamInternals).stream;
}

/** Bytes written to the sheet but not yet taken by the zip compressor (exceljs ignores backpressure). */
function backlog(ws: ExcelJS.Worksheet): number {
  const stream = sheetStream(ws);
  let bytes = 0;
  for (const b of stream.buffers ?? []) bytes += b.length;
  for (const p of stream.pipes ?? []) bytes += p.writableLength ?? p._writableState?.length ?? 0;
  return bytes;
}

/** Waits until the zip stream has compressed most of what was written. */
async function drained(ws: ExcelJS.Worksheet): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (backlog(ws) > MAX_BACKLOG_BYTES) await new Promise<void>((resolve) => setTimeout(resolve, 2));
}

/** The streaming writer hard-codes an empty calcPr; ask for a full recalculation on load instead. */
function requestFullCalcOnLoad(writer: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const zip = (writer as unknown as { zip: { append: (data: unknown, options: { name: string }) => unknown } }).zip;
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

/** XML text: what XML cannot carry is dropped, and CR is written as a reference so no parser folds it. */
function escapeXml(text: string): string {
  return xmlSafeText(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/\r/g, '&#13;');
}

function inlineString(ref: string, style: string, text: string): string {
  const space = /^\s|\s$/.test(text) ? ' xml:space="preserve"' : '';
  return `<c r="${ref}"${style} t="inlineStr"><is><t${space}>${escapeXml(text)}</t></is></c>`;
}

function resultXml(result: FormulaResult): { type: string; value: string } {
  if (typeof result === 'number') return { type: '', value: Number.isFinite(result) ? `<v>${result}</v>` : '' };
  if (typeof result === 'boolean') return { type: ' t="b"', value: `<v>${result ? 1 : 0}</v>` };
  return { type: ' t="str"', value: `<v>${escapeXml(result)}</v>` };
}

/** Renders the data rows of one sheet; shared formula masters get their `si` as they are met. */
class RowRenderer {
  private readonly letters: string[];
  private readonly sharedIndex = new Map<string, number>();

  constructor(
    columnCount: number,
    private readonly columnStyles: readonly string[],
    private readonly dateStyle: string,
  ) {
    this.letters = Array.from({ length: columnCount }, (_, i) => columnLetter(i + 1));
  }

  row(cells: readonly CellValue[], r: number): string {
    let xml = `<row r="${r}">`;
    for (let i = 0; i < cells.length; i++) {
      const cell = cells[i];
      if (cell === null || cell === undefined) continue;
      const ref = `${this.letters[i] ?? columnLetter(i + 1)}${r}`;
      const style = this.columnStyles[i] ?? '';
      if (typeof cell === 'string') xml += inlineString(ref, style, cell);
      else if (typeof cell === 'number') xml += Number.isFinite(cell) ? `<c r="${ref}"${style}><v>${cell}</v></c>` : '';
      else if (typeof cell === 'boolean') xml += `<c r="${ref}"${style} t="b"><v>${cell ? 1 : 0}</v></c>`;
      else if (cell.kind === 'date') xml += `<c r="${ref}"${this.dateStyle}><v>${isoToSerial(cell.iso)}</v></c>`;
      else if (cell.kind === 'formula') {
        const res = resultXml(cell.result);
        let f: string;
        if (cell.sharedRange) {
          const si = this.sharedIndex.size;
          this.sharedIndex.set(ref, si);
          f = `<f t="shared" ref="${cell.sharedRange}" si="${si}">${escapeXml(cell.formula)}</f>`;
        } else {
          f = `<f>${escapeXml(cell.formula)}</f>`;
        }
        xml += `<c r="${ref}"${style}${res.type}>${f}${res.value}</c>`;
      } else {
        const si = this.sharedIndex.get(cell.master);
        if (si === undefined) throw new RangeError(`shared formula ${ref} comes before its master ${cell.master}`);
        const res = resultXml(cell.result);
        xml += `<c r="${ref}"${style}${res.type}><f t="shared" si="${si}"/>${res.value}</c>`;
      }
    }
    return `${xml}</row>`;
  }
}

const NUMBER_CELL_TYPE = 2; // exceljs Enums.ValueType.Number
const STRING_CELL_TYPE = 3; // exceljs Enums.ValueType.String

interface StyleModel {
  numFmt?: string;
  font?: Partial<ExcelJS.Font>;
  fill?: ExcelJS.Fill;
  alignment?: Partial<ExcelJS.Alignment>;
}

interface StyleRegistry {
  addStyleModel(style: StyleModel, cellType: number): number;
}

function headerRow(sheet: SheetModel, normal: string, computed: string): string {
  const letters = sheet.columns.map((_, i) => columnLetter(i + 1));
  const cells = sheet.columns.map((c, i) =>
    inlineString(`${letters[i] ?? ''}1`, c.computed ? computed : normal, c.header),
  );
  return `<row r="1">${cells.join('')}</row>`;
}

async function writeSheet(writer: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetModel): Promise<void> {
  const views: Partial<ExcelJS.WorksheetView>[] = sheet.freezeHeader
    ? [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }]
    : [];
  const ws = writer.addWorksheet(sheet.name, { state: sheet.state, views });
  ws.columns = sheet.columns.map((c) => ({ width: c.width, hidden: c.hidden ?? false }));
  if (sheet.autoFilter && sheet.columns.length > 0)
    ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  const validations = (
    ws as unknown as { dataValidations: { add(address: string, validation: ExcelJS.DataValidation): void } }
  ).dataValidations;
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
  // An empty first row makes exceljs write the column widths and open <sheetData>; every row, the
  // header included, is then rendered here.
  ws.getRow(1).commit();

  const styles = (writer as unknown as { styles: StyleRegistry }).styles;
  const styleAttr = (model: StyleModel, type: number) => ` s="${styles.addStyleModel(model, type)}"`;
  const numberStyle = (numFmt: string | undefined) =>
    numFmt === undefined ? '' : styleAttr({ numFmt }, NUMBER_CELL_TYPE);
  const header = (fill: ExcelJS.Fill) =>
    styleAttr({ font: { bold: true }, fill, alignment: { vertical: 'top', wrapText: true } }, STRING_CELL_TYPE);
  const columnStyles = sheet.columns.map((c) =>
    c.style === 'text' || c.style === 'label' ? '' : numberStyle(NUMBER_FORMATS[c.style]),
  );
  const renderer = new RowRenderer(sheet.columns.length, columnStyles, numberStyle(NUMBER_FORMATS.date));
  const stream = sheetStream(ws);
  let chunk = headerRow(sheet, header(HEADER_FILL), header(COMPUTED_HEADER_FILL));
  let r = 2;
  for (const cells of sheet.rows) {
    chunk += renderer.row(cells, r);
    r += 1;
    if (r % ROWS_PER_WRITE === 0) {
      stream.write(chunk);
      chunk = '';
      await drained(ws);
    }
  }
  if (chunk !== '') stream.write(chunk);
  ws.commit();
}

async function writeWorkbookModel(model: WorkbookModel, path: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  writer.creator = model.creator;
  writer.created = model.created;
  requestFullCalcOnLoad(writer);
  for (const sheet of model.sheets) await writeSheet(writer, sheet);
  await writer.commit();
}

/**
 * Exports a plan to `path`: written to a temporary file in the same folder, then renamed, so a failed
 * export never leaves a half-written workbook where the user looks for it.
 */
export async function exportPlanWorkbook(
  plan: PlanDocument,
  path: string,
  options: WorkbookExportOptions,
): Promise<Result<PlanWorkbook>> {
  const built = buildPlanWorkbook(plan, options);
  if (!built.ok) return built;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    await writeWorkbookModel(built.value.workbook, temp);
    await rename(temp, path);
    return ok(built.value);
  } catch (error) {
    await rm(temp, { force: true });
    const message = error instanceof Error ? error.message : String(error);
    return fail(`could not write ${path}: ${message}`);
  }
}

import ExcelJS from 'exceljs';
import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { fail, ok, type Result } from '../../shared/result';
import { buildPlanWorkbook, type PlanWorkbook, type WorkbookExportOptions } from '../../shared/workbook/build-workbook';
import { NUMBER_FORMATS, type CellValue, type SheetModel, type WorkbookModel } from '../../shared/workbook/workbook-types';

/**
 * Writes a workbook model with exceljs's streaming writer (rows are flushed as they are produced, so a
 * 100k-row plan never sits in memory as cells). exceljs stays behind this module and xlsx-import.ts.
 */

const HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFD9E1F2' } };
const COMPUTED_HEADER_FILL: ExcelJS.Fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFE2EFDA' } };

type ExcelValue = ExcelJS.CellValue;

const YIELD_EVERY_ROWS = 256;
const MAX_BACKLOG_BYTES = 2 * 1024 * 1024;

interface StreamInternals {
  readonly stream?: {
    readonly buffers?: readonly { readonly length: number }[];
    /** Node streams (writableLength) or readable-stream 2 streams (_writableState.length). */
    readonly pipes?: readonly { readonly writableLength?: number; readonly _writableState?: { readonly length?: number } }[];
  };
}

/** Bytes written to the sheet but not yet taken by the zip compressor (exceljs ignores backpressure). */
function backlog(ws: ExcelJS.Worksheet): number {
  const stream = (ws as unknown as StreamInternals).stream;
  if (!stream) return 0;
  let bytes = 0;
  for (const b of stream.buffers ?? []) bytes += b.length;
  for (const p of stream.pipes ?? []) bytes += p.writableLength ?? p._writableState?.length ?? 0;
  return bytes;
}

/**
 * Waits until the zip stream has compressed most of what was written: exceljs's streaming writer never
 * waits, so without this the whole sheet's XML piles up in memory while deflate catches up.
 */
async function drained(ws: ExcelJS.Worksheet): Promise<void> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  while (backlog(ws) > MAX_BACKLOG_BYTES) await new Promise<void>((resolve) => setTimeout(resolve, 2));
}

function excelValue(cell: CellValue): ExcelValue {
  if (cell === null || typeof cell !== 'object') return cell;
  switch (cell.kind) {
    case 'date':
      return new Date(`${cell.iso}T00:00:00.000Z`);
    case 'formula':
      return cell.sharedRange
        ? ({ formula: cell.formula, result: cell.result, shareType: 'shared', ref: cell.sharedRange } as ExcelJS.CellFormulaValue)
        : { formula: cell.formula, result: cell.result };
    case 'shared':
      return { sharedFormula: cell.master, result: cell.result };
  }
}

/** The streaming writer hard-codes an empty calcPr; ask for a full recalculation on load instead. */
function requestFullCalcOnLoad(writer: ExcelJS.stream.xlsx.WorkbookWriter): void {
  const zip = (writer as unknown as { zip: { append: (data: unknown, options: { name: string }) => unknown } }).zip;
  const append = zip.append.bind(zip);
  zip.append = (data, options) => {
    if (options.name.endsWith('xl/workbook.xml') && typeof data === 'string') {
      data = data.replace(/<calcPr\b([^>]*?)\/>/, (_m, attrs: string) => `<calcPr${attrs.replace(/\s*fullCalcOnLoad="[^"]*"/, '')} fullCalcOnLoad="1"/>`);
    }
    return append(data, options);
  };
}

async function writeSheet(writer: ExcelJS.stream.xlsx.WorkbookWriter, sheet: SheetModel): Promise<void> {
  const views: Partial<ExcelJS.WorksheetView>[] = sheet.freezeHeader ? [{ state: 'frozen', xSplit: 0, ySplit: 1, topLeftCell: 'A2' }] : [];
  const ws = writer.addWorksheet(sheet.name, { state: sheet.state, views });
  ws.columns = sheet.columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.style];
    const column: Partial<ExcelJS.Column> = { header: c.header, width: c.width, hidden: c.hidden ?? false };
    if (numFmt !== undefined && c.style !== 'text') column.style = { numFmt };
    return column;
  });
  const header = ws.getRow(1);
  sheet.columns.forEach((c, i) => {
    const cell = header.getCell(i + 1);
    cell.font = { bold: true };
    cell.fill = c.computed ? COMPUTED_HEADER_FILL : HEADER_FILL;
    cell.alignment = { vertical: 'top', wrapText: true };
  });
  header.commit();
  if (sheet.autoFilter && sheet.columns.length > 0) ws.autoFilter = { from: { row: 1, column: 1 }, to: { row: 1, column: sheet.columns.length } };
  const styles = sheet.columns.map((c) => {
    const numFmt = NUMBER_FORMATS[c.style];
    return numFmt !== undefined && c.style !== 'text' ? { numFmt } : undefined;
  });
  let r = 2;
  for (const cells of sheet.rows) {
    const row = ws.getRow(r);
    for (let i = 0; i < cells.length; i++) {
      const v = cells[i];
      if (v === null || v === undefined) continue;
      const cell = row.getCell(i + 1);
      cell.value = excelValue(v);
      const style = styles[i];
      if (style) cell.numFmt = style.numFmt;
    }
    row.commit();
    r += 1;
    if (r % YIELD_EVERY_ROWS === 0) await drained(ws);
  }
  ws.commit();
}

export async function writeWorkbookModel(model: WorkbookModel, path: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  writer.creator = model.creator;
  writer.created = model.created;
  requestFullCalcOnLoad(writer);
  for (const sheet of model.sheets) await writeSheet(writer, sheet);
  await writer.commit();
}

export interface ExportPlanOptions extends WorkbookExportOptions {}

/**
 * Exports a plan to `path`: written to a temporary file in the same folder, then renamed, so a failed
 * export never leaves a half-written workbook where the user looks for it.
 */
export async function exportPlanWorkbook(plan: PlanDocument, path: string, options: ExportPlanOptions): Promise<Result<PlanWorkbook>> {
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

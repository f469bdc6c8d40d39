import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { fail, type Result } from '../../../shared/result';
import { buildPlanWorkbook } from '../../../shared/workbook/build-workbook';
import { DATA_SHEET } from '../../../shared/workbook/info-sheets';
import { PLAN_SHEET } from '../../../shared/workbook/plan-columns';
import { PRICES_SHEET } from '../../../shared/workbook/price-lines';
import { importPlanWorkbook, type ImportedPlan } from '../../../shared/workbook/import-workbook';
import type { RawCell } from '../../../shared/workbook/field-codec';
import type { RawSheet } from '../../../shared/workbook/raw-workbook';
import { SheetRowScanner } from '../../../shared/workbook/sheet-xml';
import { headerRow, RowRenderer } from '../../../shared/workbook/sheet-xml-writer';
import type { SheetModel } from '../../../shared/workbook/workbook-types';

/**
 * A plan's export and import without the zip: every sheet's rows rendered to the very `<row>` XML the
 * file writer streams (sheet-xml-writer.ts, styles left out), read back by the importer's own sheet
 * scanner in small chunks, and imported from those cells. What the file round trip adds is only
 * exceljs's zip around the same XML, so the fuzz suite can round-trip thousands of plans in seconds.
 */

const CHUNK = 997;
const NEEDED_SHEETS: ReadonlySet<string> = new Set([PLAN_SHEET, PRICES_SHEET, DATA_SHEET]);

function sheetXml(sheet: SheetModel): string {
  const renderer = new RowRenderer(sheet.columns.length, [], ' s="1"');
  let xml = headerRow(sheet, '', '');
  let r = 2;
  for (const cells of sheet.rows) {
    xml += renderer.row(cells, r);
    r += 1;
  }
  const totals = sheet.totalsRow?.() ?? null;
  if (totals) xml += new RowRenderer(sheet.columns.length, [], ' s="1"', true).row(totals, r);
  return `<worksheet><sheetData>${xml}</sheetData></worksheet>`;
}

function scanned(sheet: SheetModel): RawSheet {
  const xml = sheetXml(sheet);
  const scanner = new SheetRowScanner([]);
  const rows: (RawCell | undefined)[][] = [];
  const take = (list: ReturnType<SheetRowScanner['push']>) => {
    for (const row of list) {
      const cells: (RawCell | undefined)[] = [];
      for (const [column, cell] of row.cells) cells[column - 1] = cell;
      rows[row.row - 1] = cells;
    }
  };
  for (let i = 0; i < xml.length; i += CHUNK) take(scanner.push(xml.slice(i, i + CHUNK)));
  take(scanner.end());
  return { name: sheet.name, rows };
}

export function roundTripInMemory(plan: PlanDocument, scenarioId: string | null): Result<ImportedPlan> {
  const built = buildPlanWorkbook(plan, { scenarioId, appVersion: 'fuzz', exportedAt: '2026-12-05T00:00:00.000Z' });
  if (!built.ok) return fail(`export: ${built.error}`);
  // The sheets the file importer reads (xlsx-import.ts): the others are laid out but not rendered.
  const sheets = new Map(
    built.value.workbook.sheets.filter((s) => NEEDED_SHEETS.has(s.name)).map((s) => [s.name, scanned(s)] as const),
  );
  return importPlanWorkbook({ sheets });
}

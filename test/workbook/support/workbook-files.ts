import ExcelJS from 'exceljs';
import { exportPlanWorkbook } from '../../../node/io/xlsx-export';
import { importPlanWorkbook } from '../../../node/io/xlsx-import';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { planColumnNumber } from '../../../shared/workbook/plan-columns';
import { useTempDir } from '../../support/temp-dir';

/** Exported, edited and imported workbooks for the import tests, in one temporary folder per test file. */

const EXPORTED_AT = '2026-11-28T09:00:00.000Z';

export function useWorkbookFiles(prefix: string) {
  const inTemp = useTempDir(prefix);
  let counter = 0;
  return {
    /** A path in the file's temporary folder. */
    inTemp,
    /** Exports the plan (a scenario's view, or the base plan) to a new workbook. */
    exported: async (plan: PlanDocument, scenarioId: string | null = null): Promise<string> => {
      counter += 1;
      const file = inTemp(`plan-${counter}.xlsx`);
      const r = await exportPlanWorkbook(plan, file, { scenarioId, appVersion: 'test', exportedAt: EXPORTED_AT });
      if (!r.ok) throw new Error(r.error);
      return file;
    },
    /** Edits a workbook the way a person would in a spreadsheet: load, change cells, save as a new file. */
    editWorkbook: async (file: string, edit: (wb: ExcelJS.Workbook) => void): Promise<string> => {
      const wb = new ExcelJS.Workbook();
      await wb.xlsx.readFile(file);
      edit(wb);
      counter += 1;
      const out = inTemp(`edited-${counter}.xlsx`);
      await wb.xlsx.writeFile(out);
      return out;
    },
  };
}

export async function imported(file: string): Promise<PlanDocument> {
  const r = await importPlanWorkbook(file);
  if (!r.ok) throw new Error(r.error);
  return r.value.document;
}

export function sheet(wb: ExcelJS.Workbook, name: string): ExcelJS.Worksheet {
  const ws = wb.getWorksheet(name);
  if (!ws) throw new Error(`no sheet ${name}`);
  return ws;
}

export function rowNumberOf(ws: ExcelJS.Worksheet, id: string): number {
  for (let r = 2; r <= ws.rowCount; r++) if (ws.getRow(r).getCell(planColumnNumber('id')).value === id) return r;
  throw new Error(`no row ${id}`);
}

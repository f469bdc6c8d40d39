import { rename, rm } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { fail, ok, type Result } from '../../shared/result';
import { buildPlanWorkbook, type PlanWorkbook, type WorkbookExportOptions } from '../../shared/workbook/build-workbook';
import { writeWorkbookModel } from './exceljs-adapter';

/**
 * Exports a plan to `path`: written to a temporary file in the same folder, then renamed, so a failed
 * export never leaves a half-written workbook where the user looks for it. The workbook is laid out in
 * shared/workbook (build-workbook.ts, sheet-xml-writer.ts) and written by the exceljs adapter; import
 * reads workbooks with its own zip and sheet scanner (xlsx-import.ts).
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

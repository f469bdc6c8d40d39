import type { PlanDocument } from '../../shared/plan/plan-schema';
import { fail, ok, type Result } from '../../shared/result';
import { buildPlanWorkbook, type PlanWorkbook, type WorkbookExportOptions } from '../../shared/workbook/build-workbook';
import { writeFileAtomically } from '../files/atomic-write';
import { writeWorkbookModel } from './exceljs-adapter';

/**
 * Exports a plan to `path` through the atomic writer (a temporary file in the same folder, flushed,
 * then renamed), so a failed export never leaves a half-written workbook where the user looks for it.
 * The workbook is laid out in shared/workbook (build-workbook.ts, sheet-xml-writer.ts) and streamed into
 * the temporary file by the exceljs adapter; import reads workbooks with its own zip and sheet scanner
 * (xlsx-import.ts).
 */
export async function exportPlanWorkbook(
  plan: PlanDocument,
  path: string,
  options: WorkbookExportOptions,
  write: { keepBackup?: boolean } = {},
): Promise<Result<PlanWorkbook>> {
  const built = buildPlanWorkbook(plan, options);
  if (!built.ok) return built;
  const written = await writeFileAtomically(path, (tempPath) => writeWorkbookModel(built.value.workbook, tempPath), {
    keepBackup: write.keepBackup ?? false,
  });
  return written.ok ? ok(built.value) : fail(`could not write ${path}: ${written.error.reason}`);
}

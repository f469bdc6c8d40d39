import { rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { fail, ok, type Result } from '../../shared/result';
import { planCsv, type CsvDelimiter } from '../../shared/workbook/plan-csv';

export interface CsvExportOptions {
  /** Scenario id or name; null = the base plan. */
  readonly scenarioId: string | null;
  readonly delimiter: CsvDelimiter;
}

/** The plan's CSV text (UTF-8 with BOM), for a scenario. */
export function planCsvText(plan: PlanDocument, options: CsvExportOptions): Result<string> {
  const estimate = estimatePlan(plan, { scenario: options.scenarioId });
  if (!estimate.ok) return estimate;
  return ok(planCsv(estimate.value, { delimiter: options.delimiter }));
}

/** Writes the CSV next to its destination first, then renames: never a half-written file. */
export async function exportPlanCsv(plan: PlanDocument, path: string, options: CsvExportOptions): Promise<Result<true>> {
  const text = planCsvText(plan, options);
  if (!text.ok) return text;
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    await writeFile(temp, text.value, 'utf8');
    await rename(temp, path);
    return ok(true);
  } catch (error) {
    await rm(temp, { force: true });
    return fail(`could not write ${path}: ${error instanceof Error ? error.message : String(error)}`);
  }
}

import { estimatePlan } from '../../shared/estimate/estimate-plan';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { fail, ok, type Result } from '../../shared/result';
import { reconcileOnce } from '../../shared/reconcile/plan-reconciler';
import { reconciliationCsv } from '../../shared/reconcile/reconcile-csv';
import { planCsv, type CsvDelimiter } from '../../shared/workbook/plan-csv';
import { writeFileAtomically } from '../files/atomic-write';

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

/** Writes the CSV atomically (a temporary file flushed to the disk, then renamed): never a half-written file. */
export async function exportPlanCsv(
  plan: PlanDocument,
  path: string,
  options: CsvExportOptions,
  write: { keepBackup?: boolean } = {},
): Promise<Result<true>> {
  const text = planCsvText(plan, options);
  if (!text.ok) return text;
  const written = await writeFileAtomically(path, text.value, { keepBackup: write.keepBackup ?? false });
  return written.ok ? ok(true) : fail(`could not write ${path}: ${written.error.reason}`);
}

/** The reconciliation table's CSV text (UTF-8 with BOM) as of a day (null: the latest actual), for a scenario. */
export function reconciliationCsvText(
  plan: PlanDocument,
  options: { scenario?: string | null; asOf: string | null; delimiter: CsvDelimiter },
): Result<string> {
  const rec = reconcileOnce(plan, { scenario: options.scenario, asOf: options.asOf });
  if (!rec.ok) return rec;
  return ok(reconciliationCsv(rec.value, { delimiter: options.delimiter }));
}

/** Writes the reconciliation CSV atomically, as exportPlanCsv does. */
export async function exportReconciliationCsv(
  plan: PlanDocument,
  path: string,
  options: { scenario?: string | null; asOf: string | null; delimiter: CsvDelimiter },
  write: { keepBackup?: boolean } = {},
): Promise<Result<true>> {
  const text = reconciliationCsvText(plan, options);
  if (!text.ok) return text;
  const written = await writeFileAtomically(path, text.value, { keepBackup: write.keepBackup ?? false });
  return written.ok ? ok(true) : fail(`could not write ${path}: ${written.error.reason}`);
}

import { describePlanProblems } from '../../shared/plan/plan-checks';
import { checkExportTarget, exportSuggestion } from '../files/export-target';
import { suggestedFileName } from '../files/suggested-file-name';
import { exportReconciliationCsv } from '../io/csv-export';
import type { FileAccess } from './file-access';
import type { HandlerMap } from './handler-types';

/** The reconciliation table as CSV (issue 12 §7), written as the workbook export is: checked target, atomic write. */
export function createReconcileHandlers(access: FileAccess): Pick<HandlerMap, 'reconcile:export-csv'> {
  return {
    async 'reconcile:export-csv'({ document, asOf, path, planPath = null }, ctx) {
      const problem = describePlanProblems(document);
      if (problem !== null) return { ok: false, error: problem };
      const fallback = suggestedFileName(`${document.meta.name} reconciliation`, '.csv');
      const suggestion = exportSuggestion(planPath, fallback, 'csv');
      const name = planPath === null ? suggestion.name : suggestion.name.replace(/\.csv$/, ' reconciliation.csv');
      const named = path !== null && access.mayWrite(path) ? path : null;
      const chosen = named ?? (await ctx.dialogs.chooseSavePath('csv', name, suggestion.folder));
      if (chosen === null) return { ok: false, canceled: true };
      const target = await checkExportTarget(chosen, 'csv', planPath);
      if (!target.ok) return { ok: false, error: target.error };
      const result = await exportReconciliationCsv(
        document,
        target.value.path,
        { asOf, delimiter: ',' },
        { keepBackup: target.value.replacesExisting },
      );
      if (!result.ok) return { ok: false, error: result.error };
      access.allowWrite(target.value.path);
      return { ok: true, path: target.value.path };
    },
  };
}

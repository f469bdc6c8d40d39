import { checkExportTarget, exportSuggestion } from '../files/export-target';
import { suggestedFileName } from '../files/suggested-file-name';
import { exportPlanWorkbook } from '../io/xlsx-export';
import { importPlanWorkbook } from '../io/xlsx-import';
import type { HandlerMap } from './handler-types';

type XlsxHandlers = Pick<HandlerMap, 'xlsx:export' | 'xlsx:import'>;

/** Excel round trip: export with live formulas, import an edited workbook (nothing is applied here). */
export const xlsxHandlers: XlsxHandlers = {
  // Never over a plan (the open one or any other): checkExportTarget refuses those before anything is written.
  async 'xlsx:export'({ document, scenarioId, path, planPath = null }, ctx) {
    const suggestion = exportSuggestion(planPath, suggestedFileName(document.meta.name, '.xlsx'), 'xlsx');
    const chosen = path ?? (await ctx.dialogs.chooseSavePath('xlsx', suggestion.name, suggestion.folder));
    if (chosen === null) return { ok: false, canceled: true };
    const target = await checkExportTarget(chosen, 'xlsx', planPath);
    if (!target.ok) return { ok: false, error: target.error };
    const result = await exportPlanWorkbook(
      document,
      target.value.path,
      { scenarioId, appVersion: ctx.appVersion, exportedAt: ctx.now().toISOString() },
      { keepBackup: target.value.replacesExisting },
    );
    return result.ok ? { ok: true, path: target.value.path } : { ok: false, error: result.error };
  },
  async 'xlsx:import'({ path }, ctx) {
    const source = path ?? (await ctx.dialogs.chooseOpenPath('xlsx'));
    if (source === null) return { ok: false, canceled: true };
    const result = await importPlanWorkbook(source);
    return result.ok ? { ok: true, document: result.value.document, path: source } : { ok: false, error: result.error };
  },
};

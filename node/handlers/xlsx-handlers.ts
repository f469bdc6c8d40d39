import { describePlanProblems } from '../../shared/plan/plan-checks';
import { suggestedFileName } from '../files/suggested-file-name';
import { exportPlanWorkbook } from '../io/xlsx-export';
import { readWorkbookInProcess, type ReadWorkbook } from '../io/read-workbook';
import type { HandlerMap } from './handler-types';

type XlsxHandlers = Pick<HandlerMap, 'xlsx:export' | 'xlsx:import'>;

/**
 * Excel round trip: export with live formulas, import an edited workbook (nothing is applied here).
 * `readWorkbook` reads the file: in a worker thread in the app and the browser host.
 */
export function createXlsxHandlers(readWorkbook: ReadWorkbook = readWorkbookInProcess): XlsxHandlers {
  return {
    async 'xlsx:export'({ document, scenarioId, path }, ctx) {
      const problem = describePlanProblems(document);
      if (problem !== null) return { ok: false, error: problem };
      const target = path ?? (await ctx.dialogs.chooseSavePath('xlsx', suggestedFileName(document.meta.name, '.xlsx')));
      if (target === null) return { ok: false, canceled: true };
      const result = await exportPlanWorkbook(document, target, {
        scenarioId,
        appVersion: ctx.appVersion,
        exportedAt: ctx.now().toISOString(),
      });
      return result.ok ? { ok: true, path: target } : { ok: false, error: result.error };
    },
    async 'xlsx:import'({ path }, ctx) {
      const source = path ?? (await ctx.dialogs.chooseOpenPath('xlsx'));
      if (source === null) return { ok: false, canceled: true };
      const result = await readWorkbook(source);
      return result.ok
        ? { ok: true, document: result.value.document, path: source }
        : { ok: false, error: result.error };
    },
  };
}

/** Reading in this thread (tests, and anything that runs handlers without a built worker). */
export const xlsxHandlers: XlsxHandlers = createXlsxHandlers();

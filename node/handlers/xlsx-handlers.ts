import { describePlanProblems } from '../../shared/plan/plan-checks';
import { checkExportTarget, exportSuggestion } from '../files/export-target';
import { suggestedFileName } from '../files/suggested-file-name';
import { exportPlanWorkbook } from '../io/xlsx-export';
import { readWorkbookInProcess, type ReadWorkbook } from '../io/read-workbook';
import { promises as fs } from 'node:fs';
import { describeFileKind, fileKindOf } from '../files/fs-port';
import type { FileAccess } from './file-access';
import type { HandlerMap } from './handler-types';

type XlsxHandlers = Pick<HandlerMap, 'xlsx:export' | 'xlsx:import'>;

/**
 * Excel round trip: export with live formulas, import an edited workbook (nothing is applied here).
 * `readWorkbook` reads the file: in a worker thread in the app and the browser host.
 */
export function createXlsxHandlers(
  access: FileAccess,
  readWorkbook: ReadWorkbook = readWorkbookInProcess,
): XlsxHandlers {
  return {
    // Never over a plan (the open one or any other): checkExportTarget refuses those before anything is written.
    // A path named by the page is used only where the user chose to write before; otherwise the dialog asks.
    async 'xlsx:export'({ document, scenarioId, path, planPath = null }, ctx) {
      const problem = describePlanProblems(document);
      if (problem !== null) return { ok: false, error: problem };
      const suggestion = exportSuggestion(planPath, suggestedFileName(document.meta.name, '.xlsx'), 'xlsx');
      const named = path !== null && access.mayWrite(path) ? path : null;
      const chosen = named ?? (await ctx.dialogs.chooseSavePath('xlsx', suggestion.name, suggestion.folder));
      if (chosen === null) return { ok: false, canceled: true };
      const target = await checkExportTarget(chosen, 'xlsx', planPath);
      if (!target.ok) return { ok: false, error: target.error };
      const result = await exportPlanWorkbook(
        document,
        target.value.path,
        { scenarioId, appVersion: ctx.appVersion, exportedAt: ctx.now().toISOString() },
        { keepBackup: target.value.replacesExisting },
      );
      if (!result.ok) return { ok: false, error: result.error };
      access.allowWrite(target.value.path);
      return { ok: true, path: target.value.path };
    },
    async 'xlsx:import'({ path }, ctx) {
      const source = path ?? (await ctx.dialogs.chooseOpenPath('xlsx'));
      if (source === null) return { ok: false, canceled: true };
      // A device or a pipe would block or never end (/dev/zero, a FIFO): refused as what it is, unread.
      const info = await fs.stat(source).catch(() => null);
      if (info !== null && !info.isFile()) {
        return {
          ok: false,
          error: `${source} is ${describeFileKind({ size: 0, isFile: false, kind: fileKindOf(info) })}`,
        };
      }
      const result = await readWorkbook(source);
      return result.ok
        ? { ok: true, document: result.value.document, path: source }
        : { ok: false, error: result.error };
    },
  };
}

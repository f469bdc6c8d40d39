import path from 'node:path';
import { blankPlan } from '../../shared/plan/new-plan';
import { describePlanProblems } from '../../shared/plan/plan-checks';
import { PLAN_FILE_EXTENSION } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { readPlanFile, savePlanFile, withPlanExtension } from '../files/plan-file';
import { readRecentFiles } from '../files/recent-files';
import { discardSessionAutosave } from '../files/recovery-store';
import { suggestedFileName } from '../files/suggested-file-name';
import type { DesktopPort } from './desktop-port';
import type { HandlerMap } from './handler-types';
import { rememberRecentFile } from './remember-recent-file';

type PlanHandlers = Pick<HandlerMap, 'plan:new' | 'plan:open' | 'plan:save' | 'plan:recent'>;

export function createPlanHandlers(desktop: DesktopPort): PlanHandlers {
  return {
    async 'plan:new'({ template, today }) {
      return { document: template === 'sample' ? createSamplePlan(today) : blankPlan(today), path: null };
    },

    async 'plan:open'({ path: requested }, ctx) {
      const chosen = requested ?? (await ctx.dialogs.chooseOpenPath('plan'));
      if (chosen === null) return { ok: false, canceled: true };
      const absolute = path.resolve(chosen);
      const read = await readPlanFile(absolute);
      if (!read.ok) return { ok: false, error: read.error.message };
      await rememberRecentFile(desktop, ctx.userDataDir, absolute);
      return { ok: true, plan: { document: read.value, path: absolute } };
    },

    async 'plan:save'({ document, path: current, saveAs }, ctx) {
      // Refused before a dialog or a write: a plan saved broken would not open, estimate or export.
      const problem = describePlanProblems(document);
      if (problem !== null) return { ok: false, error: problem };
      let target = current;
      if (saveAs || target === null) {
        const suggested = current ? path.basename(current) : suggestedFileName(document.meta.name, PLAN_FILE_EXTENSION);
        const chosen = await ctx.dialogs.chooseSavePath('plan', suggested);
        if (chosen === null) return { ok: false, canceled: true };
        target = withPlanExtension(chosen);
      }
      const saved = await savePlanFile(target, document);
      if (!saved.ok) return { ok: false, error: saved.error };
      // The file now holds these changes, so the crash autosave is stale.
      await discardSessionAutosave(ctx.userDataDir);
      await rememberRecentFile(desktop, ctx.userDataDir, saved.value.path);
      return { ok: true, path: saved.value.path };
    },

    async 'plan:recent'(_args, ctx) {
      return { paths: await readRecentFiles(ctx.userDataDir) };
    },
  };
}

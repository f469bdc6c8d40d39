import path from 'node:path';
import { blankPlan } from '../../shared/plan/new-plan';
import { describePlanProblems } from '../../shared/plan/plan-checks';
import { PLAN_FILE_EXTENSION } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { openedPlan } from '../files/opened-plan';
import { readPlanFileAsWritten, savePlanFile, withPlanExtension } from '../files/plan-file';
import { rememberFileBytes } from '../ipc/plan-file-bytes';
import { readRecentFiles } from '../files/recent-files';
import { discardSessionAutosave } from '../files/recovery-store';
import { suggestedFileName } from '../files/suggested-file-name';
import { openableBackup } from '../files/plan-backup';
import { FileVersions } from '../files/file-versions';
import type { DesktopPort } from './desktop-port';
import type { FileAccess } from './file-access';
import type { HandlerMap } from './handler-types';
import { rememberRecentFile } from './remember-recent-file';

type PlanHandlers = Pick<HandlerMap, 'plan:new' | 'plan:open' | 'plan:save' | 'plan:recent' | 'plan:restore-backup'>;

export function createPlanHandlers(
  desktop: DesktopPort,
  access: FileAccess,
  versions = new FileVersions(),
): PlanHandlers {
  return {
    async 'plan:new'({ template, today }) {
      return { document: template === 'sample' ? createSamplePlan(today) : blankPlan(today), path: null };
    },

    async 'plan:open'({ path: requested }, ctx) {
      const chosen = requested ?? (await ctx.dialogs.chooseOpenPath('plan'));
      if (chosen === null) return { ok: false, canceled: true };
      const absolute = path.resolve(chosen);
      const read = await readPlanFileAsWritten(absolute, undefined, ctx.sendPlanBytesEarly);
      if (!read.ok) return { ok: false, error: read.error.message };
      const document = rememberFileBytes(read.value.document, read.value.asWritten);
      // Chosen in the dialog: the user's to save back. Named by the page: only if the user chose it before.
      if (requested === null) access.allowWrite(absolute);
      else access.opened(absolute);
      await versions.remember(absolute);
      await rememberRecentFile(desktop, ctx.userDataDir, absolute);
      return { ok: true, plan: openedPlan(document, absolute, read.value.document) };
    },

    async 'plan:save'({ document, path: current, saveAs, overwrite }, ctx) {
      // Refused before a dialog or a write: a plan saved broken would not open, estimate or export.
      const problem = describePlanProblems(document);
      if (problem !== null) return { ok: false, error: problem };
      let target = current;
      // The page may only write where the user chose: any other path is asked for, as Save As does.
      if (saveAs || target === null || !access.mayWrite(target) || withPlanExtension(target) !== target) {
        const suggested = current ? path.basename(current) : suggestedFileName(document.meta.name, PLAN_FILE_EXTENSION);
        const chosen = await ctx.dialogs.chooseSavePath('plan', suggested);
        if (chosen === null) return { ok: false, canceled: true };
        target = withPlanExtension(chosen);
        access.allowWrite(target);
      } else if (overwrite !== true && (await versions.changedSince(target))) {
        // Saving back to the plan's own file, which another program wrote since: the page asks first.
        return { ok: false, changedOnDisk: true };
      }
      const saved = await savePlanFile(target, document);
      if (!saved.ok) return { ok: false, error: saved.error };
      // The file now holds these changes, so the crash autosave is stale.
      await discardSessionAutosave(ctx.userDataDir);
      await versions.remember(saved.value.path);
      await rememberRecentFile(desktop, ctx.userDataDir, saved.value.path);
      return { ok: true, path: saved.value.path };
    },

    async 'plan:recent'(_args, ctx) {
      return { paths: await readRecentFiles(ctx.userDataDir) };
    },

    // Only the backup start-up offered: the page cannot name another file to read as a backup.
    async 'plan:restore-backup'({ path: planPath }) {
      const absolute = path.resolve(planPath);
      if (!access.takeBackupOffer(absolute)) return { ok: false, error: 'no backup of that plan was offered' };
      const backup = await openableBackup(absolute);
      if (backup === null) return { ok: false, error: `the backup of “${path.basename(absolute)}” no longer opens` };
      access.allowWrite(absolute);
      // Saving the backup's plan writes over the damaged file: ask first if another program rewrites it.
      await versions.remember(absolute);
      return { ok: true, plan: { document: backup.document, path: absolute } };
    },
  };
}

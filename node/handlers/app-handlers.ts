import path from 'node:path';
import type { BackupOffer, OpenedPlan, RecoveryInfo } from '../../shared/ipc/contract';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { FileVersions } from '../files/file-versions';
import { openedPlan } from '../files/opened-plan';
import { readPlanFile } from '../files/plan-file';
import { openableBackup } from '../files/plan-backup';
import { lastRecentFile, readRecentFiles, storedRecentFiles } from '../files/recent-files';
import { removeLitterAtStart } from '../files/stale-temp-files';
import { takeLeftoverRecovery } from '../files/recovery-store';
import type { DesktopPort } from './desktop-port';
import type { FileAccess } from './file-access';
import type { HandlerMap } from './handler-types';
import { rememberRecentFile } from './remember-recent-file';

type AppHandlers = Pick<HandlerMap, 'app:startup' | 'app:info'>;

/**
 * What the window shows first, in order:
 * 1. a plan file passed on the command line (or to the browser host) — if it cannot be opened, the
 *    reason is reported and the rules below pick what to show instead;
 * 2. the most recently opened or saved file, if it still exists and opens (people continue where they
 *    left off, as in Excel's "recent" habit and most desktop editors);
 * 3. otherwise the sample plan, so there is a working budget to look at instead of an empty sheet. When
 *    that is because the last file did not open (gone, damaged, overwritten by another program), start-up
 *    says why and offers its `.bak` when that opens: the sample never quietly takes a plan's place.
 * Independently, an autosave left by a session that crashed is offered for restore, and the temporary
 * files a write killed mid-way left (in the app's folders and beside its recent plans) are removed.
 */
export function createAppHandlers(
  desktop: DesktopPort,
  access: FileAccess,
  versions = new FileVersions(),
): AppHandlers {
  return {
    async 'app:startup'({ today }, ctx) {
      const recent = await storedRecentFiles(ctx.userDataDir);
      access.rememberStartupRecent(recent);
      await removeLitterAtStart(ctx.userDataDir, recent);
      const leftover = await takeLeftoverRecovery(ctx.userDataDir);
      const recovery: RecoveryInfo | null = leftover
        ? { savedAt: leftover.savedAt, path: leftover.path, planName: leftover.document.meta.name }
        : null;

      let openError: string | null = null;
      if (ctx.launchPath !== null) {
        const launched = path.resolve(ctx.launchPath);
        const read = await readPlanFile(launched);
        if (read.ok) {
          access.allowWrite(launched);
          await versions.remember(launched);
          await rememberRecentFile(desktop, ctx.userDataDir, launched);
          return { plan: openedPlan(read.value, launched), recovery, openError, backup: null };
        }
        openError = read.error.message;
      }

      const last = await reopenLastFile(ctx.userDataDir);
      const plan: OpenedPlan = last.plan ?? { document: createSamplePlan(today), path: null };
      if (plan.path !== null) {
        access.allowWrite(plan.path);
        await versions.remember(plan.path);
      }
      const backup = last.problem?.backup ?? null;
      if (backup) access.offerBackup(backup.path);
      return { plan, recovery, openError: openError ?? last.problem?.message ?? null, backup };
    },

    async 'app:info'(_args, ctx) {
      return { version: ctx.appVersion, platform: process.platform, shell: ctx.shell };
    },
  };
}

interface LastFile {
  readonly plan: OpenedPlan | null;
  /** Why the last file did not open, and its backup when that opens; null on a first start. */
  readonly problem: { message: string; backup: BackupOffer | null } | null;
}

async function reopenLastFile(userDataDir: string): Promise<LastFile> {
  const last = await lastRecentFile(userDataDir);
  if (last === null) return { plan: null, problem: null };
  const read = await readPlanFile(last);
  if (read.ok) return { plan: openedPlan(read.value, last), problem: null };
  const backup = await openableBackup(last);
  // The list without files moved or deleted since (said once: the list then forgets them).
  const plan = await firstRecentThatOpens(userDataDir, last);
  const shown = plan ? `“${path.basename(plan.path ?? '')}”, opened before it, is shown` : 'The sample plan is shown';
  return {
    plan,
    problem: {
      message: `${read.error.message}. ${shown}; the file is left as it is.`,
      backup: backup ? { path: last, savedAt: backup.savedAt } : null,
    },
  };
}

async function firstRecentThatOpens(userDataDir: string, failed: string): Promise<OpenedPlan | null> {
  for (const candidate of await readRecentFiles(userDataDir)) {
    if (candidate === failed) continue;
    const read = await readPlanFile(candidate);
    if (read.ok) return { document: read.value, path: candidate };
  }
  return null;
}

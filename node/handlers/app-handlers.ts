import path from 'node:path';
import type { OpenedPlan, RecoveryInfo } from '../../shared/ipc/contract';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { readPlanFile } from '../files/plan-file';
import { readRecentFiles } from '../files/recent-files';
import { takeLeftoverRecovery } from '../files/recovery-store';
import type { DesktopPort } from './desktop-port';
import type { HandlerMap } from './handler-types';
import { rememberRecentFile } from './remember-recent-file';

type AppHandlers = Pick<HandlerMap, 'app:startup' | 'app:info'>;

/**
 * What the window shows first, in order:
 * 1. a plan file passed on the command line (or to the browser host) — if it cannot be opened, the
 *    reason is reported and the rules below pick what to show instead;
 * 2. the most recently opened or saved file, if it still exists and opens (people continue where they
 *    left off, as in Excel's "recent" habit and most desktop editors);
 * 3. otherwise — first start, or the last file is gone — the sample plan, so there is a working budget
 *    to look at instead of an empty sheet.
 * Independently, an autosave left by a session that crashed is offered for restore.
 */
export function createAppHandlers(desktop: DesktopPort): AppHandlers {
  return {
    async 'app:startup'({ today }, ctx) {
      const leftover = await takeLeftoverRecovery(ctx.userDataDir);
      const recovery: RecoveryInfo | null = leftover
        ? { savedAt: leftover.savedAt, path: leftover.path, planName: leftover.document.meta.name }
        : null;

      let openError: string | null = null;
      if (ctx.launchPath !== null) {
        const launched = path.resolve(ctx.launchPath);
        const read = await readPlanFile(launched);
        if (read.ok) {
          await rememberRecentFile(desktop, ctx.userDataDir, launched);
          return { plan: { document: read.value, path: launched }, recovery, openError };
        }
        openError = read.error.message;
      }

      const plan: OpenedPlan = (await reopenLastFile(ctx.userDataDir)) ?? {
        document: createSamplePlan(today),
        path: null,
      };
      return { plan, recovery, openError };
    },

    async 'app:info'(_args, ctx) {
      return { version: ctx.appVersion, platform: process.platform, shell: ctx.shell };
    },
  };
}

async function reopenLastFile(userDataDir: string): Promise<OpenedPlan | null> {
  const [last] = await readRecentFiles(userDataDir);
  if (last === undefined) return null;
  const read = await readPlanFile(last);
  return read.ok ? { document: read.value, path: last } : null;
}

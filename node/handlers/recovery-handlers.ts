import { discardRecovery, restorePendingRecovery, writeRecovery, type RecoveredPlan } from '../files/recovery-store';
import { FileVersions } from '../files/file-versions';
import type { FileAccess } from './file-access';
import type { HandlerMap } from './handler-types';

type RecoveryHandlers = Pick<HandlerMap, 'recovery:write' | 'recovery:restore' | 'recovery:discard'>;

export function createRecoveryHandlers(access: FileAccess, versions = new FileVersions()): RecoveryHandlers {
  return {
    async 'recovery:write'({ document, path }, ctx) {
      // The file as this session knows it goes with the autosave: a restore after a crash checks against it.
      const fileVersion = path === null ? null : versions.known(path);
      return { ok: await writeRecovery(ctx.userDataDir, { document, path, savedAt: ctx.now(), fileVersion }) };
    },
    async 'recovery:restore'(_args, ctx) {
      const restored = await restorePendingRecovery(ctx.userDataDir);
      if (!restored.ok) return { ok: false, error: `Could not restore the unsaved plan: ${restored.error}` };
      const { document, path } = restored.value;
      if (path !== null) {
        access.opened(path);
        await rememberRestoredFile(versions, path, restored.value);
      }
      return { ok: true, plan: { document, path } };
    },
    async 'recovery:discard'(_args, ctx) {
      return { ok: await discardRecovery(ctx.userDataDir) };
    },
  };
}

/** What the crashed session knew of the restored plan's file, so saving it back asks if it changed since. */
async function rememberRestoredFile(versions: FileVersions, path: string, restored: RecoveredPlan): Promise<void> {
  if (typeof restored.fileVersion === 'string') versions.rememberAs(path, restored.fileVersion);
  else if (restored.fileVersion === undefined)
    await versions.rememberUnlessWrittenAfter(path, new Date(restored.savedAt));
  // null: that session never read the file (nothing to compare, as for a plan never opened).
}

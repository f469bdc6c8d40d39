import { discardRecovery, restorePendingRecovery, writeRecovery } from '../files/recovery-store';
import type { FileAccess } from './file-access';
import type { HandlerMap } from './handler-types';

type RecoveryHandlers = Pick<HandlerMap, 'recovery:write' | 'recovery:restore' | 'recovery:discard'>;

export function createRecoveryHandlers(access: FileAccess): RecoveryHandlers {
  return {
    async 'recovery:write'({ document, path }, ctx) {
      return { ok: await writeRecovery(ctx.userDataDir, { document, path, savedAt: ctx.now() }) };
    },
    async 'recovery:restore'(_args, ctx) {
      const restored = await restorePendingRecovery(ctx.userDataDir);
      if (!restored.ok) return { ok: false, error: `Could not restore the unsaved plan: ${restored.error}` };
      if (restored.value.path !== null) access.opened(restored.value.path);
      return { ok: true, plan: { document: restored.value.document, path: restored.value.path } };
    },
    async 'recovery:discard'(_args, ctx) {
      return { ok: await discardRecovery(ctx.userDataDir) };
    },
  };
}

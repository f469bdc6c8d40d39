import path from 'node:path';
import * as z from 'zod';
import { parsePlanDocument } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { fail, ok, type Result } from '../../shared/result';
import { writeFileAtomically } from './atomic-write';
import { describeFsError } from './describe-fs-error';
import { isMissing, nodeFs, type FsPort } from './fs-port';

/**
 * The recovery autosave. While a plan has unsaved changes the renderer writes it here; a clean close or
 * a save removes it. At start, a file left behind (the last session crashed) is moved aside to the
 * "pending" slot and offered for restore, so this session's own autosaves cannot overwrite it before
 * the user has decided.
 */

const RecoveryFile = z.object({
  savedAt: z.string(),
  path: z.string().nullable(),
  /**
   * The plan file as the session knew it when it autosaved (FileVersions), so a restored plan's save can
   * tell whether another program wrote the file since; absent in autosaves of earlier releases.
   */
  fileVersion: z.string().nullable().optional(),
  /** Validated as a plan on restore, so a damaged autosave is reported rather than crashing the start. */
  document: z.unknown(),
});

export interface RecoveredPlan {
  savedAt: string;
  path: string | null;
  /** See RecoveryFile.fileVersion: null when the session knew none, undefined in an older autosave. */
  fileVersion?: string | null;
  document: PlanDocument;
}

function recoveryFolder(userDataDir: string): string {
  return path.join(userDataDir, 'recovery');
}
function currentPath(userDataDir: string): string {
  return path.join(recoveryFolder(userDataDir), 'autosave.json');
}
function pendingPath(userDataDir: string): string {
  return path.join(recoveryFolder(userDataDir), 'pending-restore.json');
}

/** Whether the autosave was written: the renderer is only told yes or no, so no reason is built. */
export async function writeRecovery(
  userDataDir: string,
  entry: { document: PlanDocument; path: string | null; savedAt: Date; fileVersion?: string | null },
  fs: FsPort = nodeFs,
): Promise<boolean> {
  const folderReady = await fs.mkdir(recoveryFolder(userDataDir)).then(
    () => true,
    () => false,
  );
  if (!folderReady) return false;
  const content = JSON.stringify({
    savedAt: entry.savedAt.toISOString(),
    path: entry.path,
    fileVersion: entry.fileVersion ?? null,
    document: entry.document,
  });
  const written = await writeFileAtomically(currentPath(userDataDir), content, { keepBackup: false, fs });
  return written.ok;
}

async function readRecoveryFile(filePath: string, fs: FsPort): Promise<Result<RecoveredPlan>> {
  let raw: unknown;
  try {
    raw = JSON.parse(new TextDecoder().decode(await fs.readFile(filePath)));
  } catch (error) {
    return fail(
      `the recovery file could not be read: ${error instanceof SyntaxError ? 'it is damaged' : describeFsError(error, 'read')}`,
    );
  }
  const file = RecoveryFile.safeParse(raw);
  if (!file.success) return fail('the recovery file is damaged');
  const document = parsePlanDocument(file.data.document);
  if (!document.ok) return fail(`the recovered plan is damaged: ${document.error}`);
  const { savedAt, path: planPath, fileVersion } = file.data;
  return ok({ savedAt, path: planPath, fileVersion, document: document.value });
}

/**
 * Called once per start: moves an autosave left by the previous session to the pending slot (the
 * newest wins if an older one was never answered) and returns what it holds, or null when there is
 * nothing to offer (or only a damaged file, which stays on disk for manual rescue).
 */
export async function takeLeftoverRecovery(userDataDir: string, fs: FsPort = nodeFs): Promise<RecoveredPlan | null> {
  const current = currentPath(userDataDir);
  const pending = pendingPath(userDataDir);
  if ((await fs.stat(current).catch(() => null)) !== null) {
    try {
      await fs.rename(current, pending);
    } catch {
      return null;
    }
  }
  if ((await fs.stat(pending).catch(() => null)) === null) return null;
  const read = await readRecoveryFile(pending, fs);
  return read.ok ? read.value : null;
}

/** Returns the pending plan and makes it this session's autosave again (it is unsaved work). */
export async function restorePendingRecovery(userDataDir: string, fs: FsPort = nodeFs): Promise<Result<RecoveredPlan>> {
  const pending = pendingPath(userDataDir);
  if ((await fs.stat(pending).catch(() => null)) === null) return fail('there is no recovered plan to restore');
  const read = await readRecoveryFile(pending, fs);
  if (!read.ok) return read;
  try {
    await fs.rename(pending, currentPath(userDataDir));
  } catch {
    // The plan is already in memory; if the move fails the next autosave writes it again.
  }
  return read;
}

/** Removes every recovery file: the offered one and this session's autosave. */
export async function discardRecovery(userDataDir: string, fs: FsPort = nodeFs): Promise<boolean> {
  let removedAll = true;
  for (const file of [pendingPath(userDataDir), currentPath(userDataDir)]) {
    try {
      await fs.unlink(file);
    } catch (error) {
      if (!isMissing(error)) removedAll = false;
    }
  }
  return removedAll;
}

/** After a save or a clean close the autosave is stale; an offered (pending) plan is kept until answered. */
export async function discardSessionAutosave(userDataDir: string, fs: FsPort = nodeFs): Promise<void> {
  await fs.unlink(currentPath(userDataDir)).catch(() => undefined);
}

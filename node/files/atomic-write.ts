import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../shared/result';
import { describeFsError } from './describe-fs-error';
import { nodeFs, type FsPort } from './fs-port';
import { oneAtATime } from './one-at-a-time';

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<name>.bak` next to it (plan files do; app state does not). */
  keepBackup: boolean;
  fs?: FsPort;
}

export interface AtomicWriteFailure {
  /** Which step failed and why, in words. */
  reason: string;
  /** Whether a file was there before (it is still there, unchanged). */
  existed: boolean;
}

export function backupPathFor(filePath: string): string {
  return `${filePath}.bak`;
}

/**
 * Replaces `filePath` with `content` so that, whatever happens, the file on disk is either the old
 * version or the new one, never a mix: write a temporary file in the same folder (same disk, so the
 * rename is atomic), flush it to the disk, copy the old version to the backup, then rename over.
 * On failure the temporary file is removed and the old file is untouched.
 */
export function writeFileAtomically(
  filePath: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<Result<{ path: string }, AtomicWriteFailure>> {
  const target = path.resolve(filePath);
  return oneAtATime(target, () => replaceFile(target, content, options));
}

async function replaceFile(
  target: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<Result<{ path: string }, AtomicWriteFailure>> {
  const fs = options.fs ?? nodeFs;
  const folder = path.dirname(target);
  const tempPath = path.join(folder, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  let step = 'create a temporary file in the folder';
  let tempCreated = false;
  let existed = false;
  try {
    const existing = await fs.stat(target);
    existed = existing !== null;
    if (existing && !existing.isFile) return fail({ reason: `${target} is a folder, not a file`, existed });
    const file = await fs.createExclusive(tempPath);
    tempCreated = true;
    try {
      step = 'write the file';
      await file.write(data);
      step = 'flush the file to the disk';
      await file.sync();
    } finally {
      await file.close();
    }
    if (existing && options.keepBackup) {
      step = 'keep the previous version as a backup';
      await fs.copyFile(target, backupPathFor(target));
    }
    step = 'replace the file';
    await fs.rename(tempPath, target);
    tempCreated = false;
    await fs.syncDirectory(folder);
    return ok({ path: target });
  } catch (error) {
    if (tempCreated) await fs.unlink(tempPath).catch(() => undefined);
    return fail({ reason: `could not ${step}: ${describeFsError(error)}`, existed });
  }
}

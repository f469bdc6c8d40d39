import path from 'node:path';
import { randomBytes } from 'node:crypto';
import { fail, ok, type Result } from '../../shared/result';
import { describeFsError } from './describe-fs-error';
import { nodeFs, type FsPort } from './fs-port';

export interface AtomicWriteOptions {
  /** Keep the file being replaced as `<name>.bak` next to it (plan files do; app state does not). */
  keepBackup: boolean;
  fs?: FsPort;
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
export async function writeFileAtomically(
  filePath: string,
  content: string | Uint8Array,
  options: AtomicWriteOptions,
): Promise<Result<{ path: string }>> {
  const fs = options.fs ?? nodeFs;
  const target = path.resolve(filePath);
  const folder = path.dirname(target);
  const tempPath = path.join(folder, `.${path.basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  const data = typeof content === 'string' ? new TextEncoder().encode(content) : content;
  let step = 'create a temporary file in the folder';
  let tempCreated = false;
  try {
    const existing = await fs.stat(target);
    if (existing && !existing.isFile) return fail(`${target} is a folder, not a file`);
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
    return fail(`could not ${step}: ${describeFsError(error)}`);
  }
}

import { promises as fs } from 'node:fs';
import path from 'node:path';

/**
 * Temporary files the atomic writer leaves only when its process is killed mid-write:
 * `.<name>.<12 hex>.tmp` (the new content) and `.<name>.bak.<12 hex>.tmp` (the backup's link).
 */
const TEMP_SUFFIX = /\.[0-9a-f]{12}\.tmp$/;

/**
 * How old a temporary file must be to count as left by a crash: a writer in another process (a second
 * CLI run, the browser host beside the app) may be streaming a large workbook into a younger one.
 */
export const STALE_TEMP_AGE_MS = 10 * 60 * 1000;

function isTempOf(entry: string, baseName: string | null): boolean {
  if (!entry.startsWith('.') || !TEMP_SUFFIX.test(entry)) return false;
  if (baseName === null) return true;
  const stem = entry.slice(1).replace(TEMP_SUFFIX, '');
  return stem === baseName || stem === `${baseName}.bak`;
}

/**
 * Removes the atomic writer's temporary files in `folder` older than `olderThanMs` (of the file named
 * `baseName` only, or of any file when null); returns how many. Best effort: an unreadable folder or a
 * file removed meanwhile is not an error, since the files it looks for are only litter.
 */
export async function removeStaleTempFiles(
  folder: string,
  baseName: string | null,
  options: { olderThanMs?: number; now?: number } = {},
): Promise<number> {
  const olderThan = options.olderThanMs ?? STALE_TEMP_AGE_MS;
  const now = options.now ?? Date.now();
  let entries: string[];
  try {
    entries = await fs.readdir(folder);
  } catch {
    return 0;
  }
  let removed = 0;
  for (const entry of entries) {
    if (!isTempOf(entry, baseName)) continue;
    const file = path.join(folder, entry);
    const info = await fs.lstat(file).catch(() => null);
    if (info === null || !info.isFile() || now - info.mtimeMs < olderThan) continue;
    if (
      await fs.unlink(file).then(
        () => true,
        () => false,
      )
    )
      removed += 1;
  }
  return removed;
}

/**
 * At start: the litter of a session killed mid-write, in the app's own folders (recovery, preferences,
 * recent list) and beside the plans it had open (their temporary files only, never anything else).
 */
export async function removeLitterAtStart(userDataDir: string, planPaths: readonly string[]): Promise<number> {
  const folders = [userDataDir, path.join(userDataDir, 'recovery')];
  let removed = 0;
  for (const folder of folders) removed += await removeStaleTempFiles(folder, null);
  for (const plan of planPaths) {
    removed += await removeStaleTempFiles(path.dirname(plan), path.basename(plan));
    removed += await removeStaleTempFiles(path.dirname(plan), `${path.basename(plan)}.xlsx`);
  }
  return removed;
}

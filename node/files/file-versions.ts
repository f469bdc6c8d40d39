import { stat } from 'node:fs/promises';
import path from 'node:path';

/**
 * What each plan file looked like (modified time and size) when this session last read or wrote it, so a
 * save can tell that another program (a colleague's copy synced over it, an editor) wrote it since, and
 * ask rather than write over their changes.
 */
export class FileVersions {
  private readonly seen = new Map<string, string>();

  /** The file as it is now is the one this session read or wrote. */
  async remember(filePath: string): Promise<void> {
    const absolute = path.resolve(filePath);
    const version = await versionOf(absolute);
    if (version === null) this.seen.delete(absolute);
    else this.seen.set(absolute, version);
  }

  /** What this session remembers of the file (for a crash autosave to carry), null for a file it never read. */
  known(filePath: string): string | null {
    return this.seen.get(path.resolve(filePath)) ?? null;
  }

  /**
   * Takes on what an earlier session remembered of the file, from its crash autosave: the restored plan's
   * first save then asks if another program wrote the file since that session read or wrote it.
   */
  rememberAs(filePath: string, version: string): void {
    this.seen.set(path.resolve(filePath), version);
  }

  /**
   * For an autosave that carries no version (written by an earlier release): a file written after the
   * autosave was made counts as changed by someone else (the crashed session could not have written it),
   * else it is taken as the session left it.
   */
  async rememberUnlessWrittenAfter(filePath: string, time: Date): Promise<void> {
    const absolute = path.resolve(filePath);
    const modified = await stat(absolute).then(
      (s) => s.mtimeMs,
      () => null,
    );
    if (modified !== null && modified > time.getTime()) this.seen.set(absolute, WRITTEN_SINCE);
    else await this.remember(absolute);
  }

  /**
   * Whether the file was written by someone else since this session last read or wrote it: false for a
   * file it never read (nothing to compare), and for one since deleted (saving loses nothing).
   */
  async changedSince(filePath: string): Promise<boolean> {
    const absolute = path.resolve(filePath);
    const known = this.seen.get(absolute);
    if (known === undefined) return false;
    const now = await versionOf(absolute);
    return now !== null && now !== known;
  }
}

/** A version no file has: the file is known to have been written by someone else. */
const WRITTEN_SINCE = 'written by another program since';

async function versionOf(filePath: string): Promise<string | null> {
  try {
    const s = await stat(filePath);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return null;
  }
}

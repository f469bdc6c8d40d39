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

async function versionOf(filePath: string): Promise<string | null> {
  try {
    const s = await stat(filePath);
    return `${s.mtimeMs}:${s.size}`;
  } catch {
    return null;
  }
}

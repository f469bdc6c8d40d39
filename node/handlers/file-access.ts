import path from 'node:path';

/**
 * What the page has been offered, per window session: the main process (or the browser host) decides
 * which files the page may act on, never the page itself. Shared by the handlers of one createHandlers.
 */
export class FileAccess {
  private readonly offeredBackups = new Set<string>();

  /** Start-up offered to restore this plan's backup. */
  offerBackup(planPath: string): void {
    this.offeredBackups.add(path.resolve(planPath));
  }

  /** Whether restoring this plan's backup was offered (and not yet taken). */
  takeBackupOffer(planPath: string): boolean {
    return this.offeredBackups.delete(path.resolve(planPath));
  }
}

import path from 'node:path';

/**
 * Which files the page may act on, decided by the main process (or the browser host), never by the
 * page: a page that is compromised (or a local caller of the browser host) can only write where the user
 * chose in a dialog, or to the plan files this session was started with or given by the shell. Shared
 * by the handlers of one createHandlers; Electron's main process also tells it about files the OS hands
 * over (a double-clicked plan, File › Open Recent).
 */
export class FileAccess {
  private readonly offeredBackups = new Set<string>();
  private readonly writable = new Set<string>();
  private readonly offeredByShell = new Set<string>();
  private startupRecent: ReadonlySet<string> | null = null;

  /** Start-up offered to restore this plan's backup. */
  offerBackup(planPath: string): void {
    this.offeredBackups.add(path.resolve(planPath));
  }

  /** Whether restoring this plan's backup was offered (and not yet taken). */
  takeBackupOffer(planPath: string): boolean {
    return this.offeredBackups.delete(path.resolve(planPath));
  }

  /** The user chose this path in a dialog, or the session opened it as its plan: it may be written. */
  allowWrite(filePath: string): void {
    this.writable.add(path.resolve(filePath));
  }

  /** The shell (not the page) asked to open this file: once it opens, it may be saved back. */
  offerToOpen(filePath: string): void {
    this.offeredByShell.add(path.resolve(filePath));
  }

  /**
   * The recent list as it was when the session started: the user chose those files in dialogs in earlier
   * sessions. Taken once, so files the page itself opened later cannot be added to it.
   */
  rememberStartupRecent(paths: readonly string[]): void {
    this.startupRecent ??= new Set(paths.map((p) => path.resolve(p)));
  }

  /** A plan the page asked to open by path has opened: it may be saved back if the user chose it before. */
  opened(filePath: string): void {
    const absolute = path.resolve(filePath);
    if (this.offeredByShell.has(absolute) || this.startupRecent?.has(absolute)) this.allowWrite(absolute);
  }

  mayWrite(filePath: string): boolean {
    return this.writable.has(path.resolve(filePath));
  }
}

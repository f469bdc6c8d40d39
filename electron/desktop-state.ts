import type { ThemeSource } from '../shared/ipc/contract';
import { CloseGuard } from './close-guard';

/**
 * What the main process remembers while it runs, and the decisions that follow from it: the window and
 * whether its page has started, the file the window starts with, the close guard, quitting, the recent
 * list and the theme shown in the menu, and the small writes to let finish before the process ends.
 * Pure state (no Electron), so every transition is tested without a window; desktop-app.ts does what
 * the answers say. `W` is the window type (BrowserWindow there, anything in tests).
 */

/** A file to open from outside (a second launch, macOS open-file, Open Recent). */
export type OpenFileAction =
  /** The page shows a plan: send it the file; the page decides (it asks about unsaved changes first). */
  | { readonly kind: 'send-to-page' }
  /** Nothing is shown yet: the file becomes what the window starts with (opening one if there is none). */
  | { readonly kind: 'start-with-it'; readonly openWindow: boolean };

/** What a close of the window does. */
export type CloseAction =
  /** Unsaved changes: hold the close and ask the page (Save / Don't Save / Cancel). */
  | { readonly kind: 'ask-renderer' }
  /** Let it close: remember the window's place, and drop the autosave unless it holds work to recover. */
  | { readonly kind: 'close'; readonly discardAutosave: boolean };

export class DesktopState<W> {
  private currentWindow: W | null = null;
  private guard = new CloseGuard();
  private pageStarted = false;
  private quitting = false;
  private startFile: string | null;
  private recent: readonly string[] = [];
  private theme: ThemeSource = 'system';
  private readonly pendingWrites = new Set<Promise<unknown>>();

  constructor(launchPath: string | null) {
    this.startFile = launchPath;
  }

  get window(): W | null {
    return this.currentWindow;
  }
  /** The plan the window starts with (command line, or a file opened before the page started). */
  get launchPath(): string | null {
    return this.startFile;
  }
  get recentFiles(): readonly string[] {
    return this.recent;
  }
  get themeSource(): ThemeSource {
    return this.theme;
  }

  /** A new window: its page has not started and nothing about its document is known yet. */
  windowOpened(window: W): void {
    this.currentWindow = window;
    this.guard = new CloseGuard();
    this.pageStarted = false;
  }

  windowClosed(window: W): void {
    if (this.currentWindow === window) this.currentWindow = null;
  }

  /** The page asked for app:startup: from now on files from outside go to it. */
  pageStartedUp(): void {
    this.pageStarted = true;
  }

  rendererGone(): void {
    this.guard.rendererGone();
  }

  documentStateChanged(dirty: boolean): void {
    this.guard.setDirty(dirty);
  }

  fileToOpen(filePath: string, appReady: boolean): OpenFileAction {
    if (this.currentWindow !== null && this.pageStarted) return { kind: 'send-to-page' };
    this.startFile = filePath;
    return { kind: 'start-with-it', openWindow: this.currentWindow === null && appReady };
  }

  closeAttempted(): CloseAction {
    if (this.guard.onCloseAttempt() === 'ask-renderer') return { kind: 'ask-renderer' };
    return { kind: 'close', discardAutosave: this.guard.closesCleanly };
  }

  /** The page settled the unsaved changes: finish the quit that was under way, or close the window. */
  closeConfirmed(): 'quit' | 'close-window' {
    this.guard.confirm();
    return this.quitting ? 'quit' : 'close-window';
  }

  quitStarted(): void {
    this.quitting = true;
  }

  themeChosen(source: ThemeSource): void {
    this.theme = source;
  }

  recentFilesChanged(paths: readonly string[]): void {
    this.recent = [...paths];
  }

  /** A write (window place, preferences, recent list) to let finish before the process ends. */
  track(write: Promise<unknown>): void {
    this.pendingWrites.add(write);
    write.finally(() => this.pendingWrites.delete(write)).catch(() => undefined);
  }

  /** Resolves when every tracked write has finished, whether it worked or not. */
  async writesSettled(): Promise<void> {
    await Promise.allSettled([...this.pendingWrites]);
  }
}

import type { ThemeSource } from '../../shared/ipc/contract';
import type { DesktopPort } from '../handlers/desktop-port';

/**
 * The browser host's stand-in for the desktop: it has no window, menu or OS browser, so it records what
 * the renderer asked for and lets tests read it back (title state, close confirmations, theme, links).
 */
export class RecordingDesktop implements DesktopPort {
  documentState: { fileName: string; dirty: boolean } | null = null;
  closeConfirmations = 0;
  themeSource: ThemeSource = 'system';
  readonly openedUrls: string[] = [];
  /** Links to unknown hosts the user was asked about, and the answer given (tests set it; default no). */
  readonly confirmedUrls: string[] = [];
  confirmExternalAnswer = false;
  recentFiles: readonly string[] = [];

  constructor(
    /** What "system" means here: the host has no OS theme of its own. */
    private readonly systemDark: boolean,
    private readonly onThemeChanged: (dark: boolean) => void,
  ) {}

  setDocumentState(state: { fileName: string; dirty: boolean }): void {
    this.documentState = { ...state };
  }

  closeConfirmed(): void {
    this.closeConfirmations += 1;
  }

  async openExternal(url: string): Promise<boolean> {
    this.openedUrls.push(url);
    return true;
  }

  async confirmExternal(url: string): Promise<boolean> {
    this.confirmedUrls.push(url);
    return this.confirmExternalAnswer;
  }

  setThemeSource(source: ThemeSource): { dark: boolean } {
    this.themeSource = source;
    const dark = source === 'dark' || (source === 'system' && this.systemDark);
    this.onThemeChanged(dark);
    return { dark };
  }

  recentFilesChanged(paths: readonly string[]): void {
    this.recentFiles = [...paths];
  }
}

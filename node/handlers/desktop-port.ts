import type { ThemeSource } from '../../shared/ipc/contract';

/**
 * What the window-level handlers do to the desktop: Electron changes the real window, menu and theme;
 * the browser host records the calls so tests can read them back.
 */
export interface DesktopPort {
  /** The renderer's file name and unsaved-changes mark, for the window title and the close guard. */
  setDocumentState(state: { fileName: string; dirty: boolean }): void;
  /** The renderer has settled unsaved changes after a close request: close for real now. */
  closeConfirmed(): void;
  /** Opens an http(s) URL in the OS browser (already checked by the handler). */
  openExternal(url: string): Promise<boolean>;
  /** Asks the user whether to open a link to a host the app does not know; true to open it. */
  confirmExternal(url: string): Promise<boolean>;
  setThemeSource(source: ThemeSource): { dark: boolean };
  /** The recent-files list changed; Electron rebuilds File > Open Recent. */
  recentFilesChanged(paths: readonly string[]): void;
}

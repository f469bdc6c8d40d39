import path from 'node:path';
import { BrowserWindow, screen, type BrowserWindowConstructorOptions } from 'electron';
import { MIN_WINDOW_SIZE, placeWindow, type WindowState } from '../node/files/window-state';

/**
 * The security settings of every window: the renderer is an untrusted web page that reaches the main
 * process only through the preload's contract. Exported so a test pins them.
 */
export function secureWebPreferences(
  preloadPath: string,
): NonNullable<BrowserWindowConstructorOptions['webPreferences']> {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    spellcheck: false,
  };
}

export function mainWindowOptions(
  state: WindowState,
  preloadPath: string,
  dark: boolean,
): BrowserWindowConstructorOptions {
  return {
    ...(state.x !== undefined && state.y !== undefined ? { x: state.x, y: state.y } : {}),
    width: state.width,
    height: state.height,
    minWidth: MIN_WINDOW_SIZE.width,
    minHeight: MIN_WINDOW_SIZE.height,
    title: 'Pixel Ledger',
    // Shown on ready-to-show, so the user never sees an empty white frame.
    show: false,
    backgroundColor: dark ? '#1f1f1f' : '#ffffff',
    autoHideMenuBar: false,
    webPreferences: secureWebPreferences(preloadPath),
  };
}

export function createMainWindow(remembered: WindowState | null, preloadPath: string, dark: boolean): BrowserWindow {
  // The primary display first: placeWindow sizes a new or unreachable window for the first work area.
  const primary = screen.getPrimaryDisplay();
  const others = screen.getAllDisplays().filter((d) => d.id !== primary.id);
  const state = placeWindow(
    remembered,
    [primary, ...others].map((d) => d.workArea),
  );
  const window = new BrowserWindow(mainWindowOptions(state, path.resolve(preloadPath), dark));
  window.once('ready-to-show', () => {
    if (state.maximized) window.maximize();
    window.show();
  });
  return window;
}

/** What to remember when the window closes: the normal (unmaximized) bounds plus the maximized flag. */
export function currentWindowState(window: BrowserWindow): WindowState {
  const bounds = window.getNormalBounds();
  return { x: bounds.x, y: bounds.y, width: bounds.width, height: bounds.height, maximized: window.isMaximized() };
}

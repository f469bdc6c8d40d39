import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, session, shell } from 'electron';
import type { ThemeSource } from '../shared/ipc/contract';
import { APP_BASE_URL, registerAppSchemePrivileges, serveRenderer } from './app-protocol';
import { CloseGuard } from './close-guard';
import { ElectronDialogs } from './electron-dialogs';
import { readPreferences, writePreferences } from '../node/files/preferences';
import { clearRecentFiles, readRecentFiles } from '../node/files/recent-files';
import { discardSessionAutosave } from '../node/files/recovery-store';
import { readWindowState, writeWindowState } from '../node/files/window-state';
import type { DesktopPort } from '../node/handlers/desktop-port';
import type { HandlerContext } from '../node/handlers/handler-types';
import { createHandlers } from '../node/handlers';
import { registerIpc } from './ipc/register-ipc';
import { sendEvent } from './ipc/send-event';
import { planPathFromArgv } from './launch-args';
import { buildMenuTemplate } from './menu';
import { denyAllPermissions, hardenWebContents } from './security/harden-web-contents';
import { createMainWindow, currentWindowState } from './window';
import { formatWindowTitle } from '../shared/ipc/window-title';

/**
 * The Electron main process: one window showing the renderer, the native menu, and the IPC contract
 * answered by the shared handlers. Everything that decides something lives in the modules it wires.
 */

export interface DesktopAppPaths {
  /** Folder holding main.cjs and preload.cjs (out/electron). */
  electronDir: string;
  /** Folder of the built renderer (out/renderer). */
  rendererDir: string;
}

export function defaultPaths(electronDir: string): DesktopAppPaths {
  return { electronDir, rendererDir: path.join(electronDir, '../renderer') };
}

export function runDesktopApp(paths: DesktopAppPaths): void {
  // Must happen before 'ready'.
  registerAppSchemePrivileges(protocol);
  // A separate profile (recent files, recovery, window state) for tests and portable use; it also
  // scopes the single-instance lock, so it is set first.
  const userDataOverride = process.env['PIXEL_LEDGER_USER_DATA_DIR'];
  if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

  if (!app.requestSingleInstanceLock()) {
    // Another instance runs: it receives our command line in 'second-instance' and opens the file.
    app.quit();
    return;
  }

  const devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
  const appBaseUrl = devServerUrl ?? APP_BASE_URL;
  const userDataDir = app.getPath('userData');

  let launchPath = planPathFromArgv(process.argv, process.cwd());
  let mainWindow: BrowserWindow | null = null;
  let guard = new CloseGuard();
  let rendererStarted = false;
  let quitting = false;
  let recentFiles: readonly string[] = [];
  let themeSource: ThemeSource = 'system';
  const pendingWrites = new Set<Promise<unknown>>();
  const track = (promise: Promise<unknown>): void => {
    pendingWrites.add(promise);
    void promise.finally(() => pendingWrites.delete(promise));
  };

  const rebuildMenu = (): void => {
    const template = buildMenuTemplate(
      { platform: process.platform, appName: app.getName(), recentFiles, themeSource, isPackaged: app.isPackaged },
      {
        sendCommand: (command) => {
          if (mainWindow) sendEvent(mainWindow.webContents, 'menu:command', { command });
        },
        openRecent: (filePath) => openFile(filePath),
        clearRecent: () => {
          track(
            clearRecentFiles(userDataDir).then((paths) => {
              if (process.platform !== 'linux') app.clearRecentDocuments();
              desktop.recentFilesChanged(paths);
            }),
          );
        },
        setTheme: (source) => desktop.setThemeSource(source),
        showAbout: () => void showAbout(),
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  };

  const showAbout = async (): Promise<void> => {
    const options = {
      type: 'info' as const,
      title: 'About Pixel Ledger',
      message: `Pixel Ledger ${app.getVersion()}`,
      detail: `Plans and prices AI image generation.\nElectron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
      buttons: ['OK'],
    };
    if (mainWindow) await dialog.showMessageBox(mainWindow, options);
    else await dialog.showMessageBox(options);
  };

  const desktop: DesktopPort = {
    setDocumentState({ fileName, dirty }) {
      guard.setDirty(dirty);
      if (!mainWindow) return;
      mainWindow.setTitle(formatWindowTitle(fileName, dirty));
      if (process.platform === 'darwin') mainWindow.setDocumentEdited(dirty);
    },
    closeConfirmed() {
      guard.confirm();
      if (quitting) app.quit();
      else mainWindow?.close();
    },
    async openExternal(url) {
      return shell.openExternal(url).then(
        () => true,
        () => false,
      );
    },
    setThemeSource(source) {
      themeSource = source;
      nativeTheme.themeSource = source;
      track(writePreferences(userDataDir, { themeSource: source }));
      rebuildMenu();
      return { dark: nativeTheme.shouldUseDarkColors };
    },
    recentFilesChanged(paths) {
      recentFiles = [...paths];
      const newest = paths[0];
      if (newest !== undefined && process.platform !== 'linux') app.addRecentDocument(newest);
      rebuildMenu();
    },
  };

  const dialogs = new ElectronDialogs(() => mainWindow);
  const context: HandlerContext = {
    dialogs,
    userDataDir,
    appVersion: app.getVersion(),
    shell: 'electron',
    // A getter: macOS may deliver the file to open ('open-file') after this object exists.
    get launchPath() {
      return launchPath;
    },
    now: () => new Date(),
  };
  const handlers = createHandlers(desktop);
  const answerStartup = handlers['app:startup'];
  handlers['app:startup'] = async (args, ctx) => {
    const state = await answerStartup(args, ctx);
    rendererStarted = true;
    return state;
  };

  /** A file to open from outside (second launch, macOS open-file, Open Recent): the renderer decides. */
  function openFile(filePath: string): void {
    if (mainWindow && rendererStarted) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
      sendEvent(mainWindow.webContents, 'app:open-file', { path: filePath });
      return;
    }
    // Not showing a plan yet: the file becomes what the window starts with.
    launchPath = filePath;
    if (!mainWindow && app.isReady()) void openMainWindow();
  }

  async function openMainWindow(): Promise<void> {
    const remembered = await readWindowState(userDataDir);
    const window = createMainWindow(
      remembered,
      path.join(paths.electronDir, 'preload.cjs'),
      nativeTheme.shouldUseDarkColors,
    );
    mainWindow = window;
    guard = new CloseGuard();
    rendererStarted = false;

    // The title is main's (file name and unsaved mark from window:document-state), not the page's.
    window.on('page-title-updated', (event) => event.preventDefault());
    window.on('close', (event) => {
      if (guard.onCloseAttempt() === 'ask-renderer') {
        event.preventDefault();
        sendEvent(window.webContents, 'window:close-requested', {});
        return;
      }
      track(writeWindowState(userDataDir, currentWindowState(window)));
      if (guard.closesCleanly) track(discardSessionAutosave(userDataDir));
    });
    window.on('closed', () => {
      if (mainWindow === window) mainWindow = null;
    });
    window.webContents.on('render-process-gone', () => guard.rendererGone());

    if (devServerUrl) await window.loadURL(devServerUrl);
    else await window.loadURL(`${APP_BASE_URL}index.html`);
  }

  app.on('second-instance', (_event, argv, workingDirectory) => {
    const filePath = planPathFromArgv(argv, workingDirectory);
    if (filePath) openFile(filePath);
    else if (mainWindow) {
      if (mainWindow.isMinimized()) mainWindow.restore();
      mainWindow.focus();
    }
  });

  // macOS: a .pxplan double-clicked in Finder or dropped on the Dock icon, possibly before 'ready'.
  app.on('open-file', (event, filePath) => {
    event.preventDefault();
    openFile(filePath);
  });

  app.on('web-contents-created', (_event, contents) => {
    hardenWebContents(contents, { appBaseUrl, openExternal: (url) => void shell.openExternal(url) });
  });

  app.on('before-quit', () => {
    quitting = true;
  });

  app.on('window-all-closed', () => {
    // Let the window-state and autosave clean-up finish before the process ends.
    void Promise.allSettled([...pendingWrites]).then(() => {
      if (process.platform !== 'darwin') app.quit();
    });
  });

  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) void openMainWindow();
  });

  void app
    .whenReady()
    .then(async () => {
      denyAllPermissions(session.defaultSession);
      serveRenderer(protocol, paths.rendererDir);
      // Two small, independent files: read together, before the window exists.
      const [preferences, storedRecentFiles] = await Promise.all([
        readPreferences(userDataDir),
        readRecentFiles(userDataDir),
      ]);
      themeSource = preferences.themeSource;
      nativeTheme.themeSource = themeSource;
      nativeTheme.on('updated', () => {
        if (mainWindow) sendEvent(mainWindow.webContents, 'theme:changed', { dark: nativeTheme.shouldUseDarkColors });
      });
      recentFiles = storedRecentFiles;
      registerIpc(ipcMain, {
        handlers,
        context,
        app: { baseUrl: appBaseUrl },
        ourContents: () => mainWindow?.webContents ?? null,
      });
      rebuildMenu();
      await openMainWindow();
    })
    .catch((error: unknown) => {
      // Nothing can be shown without a window; say why on the console and in a native box, then quit.
      const message = error instanceof Error ? error.message : String(error);
      console.error(`[pixel-ledger] could not start: ${message}`);
      dialog.showErrorBox('Pixel Ledger could not start', message);
      app.quit();
    });
}

import path from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, nativeTheme, protocol, session, shell } from 'electron';
import { formatWindowTitle } from '../shared/ipc/window-title';
import { readPreferences, updatePreferences } from '../node/files/preferences';
import { clearRecentFiles, readRecentFiles } from '../node/files/recent-files';
import { discardSessionAutosave } from '../node/files/recovery-store';
import { readWindowState, writeWindowState } from '../node/files/window-state';
import { createHandlers } from '../node/handlers';
import { FileAccess } from '../node/handlers/file-access';
import { externalLinkDecision } from '../node/security/external-url';
import { readWorkbookBeside } from '../node/io/read-workbook';
import type { DesktopPort } from '../node/handlers/desktop-port';
import type { HandlerContext, HandlerMap } from '../node/handlers/handler-types';
import { APP_BASE_URL, registerAppSchemePrivileges, serveRenderer } from './app-protocol';
import { DesktopState } from './desktop-state';
import { ElectronDialogs } from './electron-dialogs';
import { registerIpc } from './ipc/register-ipc';
import { sendEvent } from './ipc/send-event';
import { planPathFromArgv } from './launch-args';
import { buildMenuTemplate } from './menu';
import { denyAllPermissions, hardenWebContents } from './security/harden-web-contents';
import { createMainWindow, currentWindowState } from './window';

/**
 * The Electron main process: one window showing the renderer, the native menu, and the IPC contract
 * answered by the shared handlers. What it remembers and decides is DesktopState (desktop-state.ts,
 * pure and tested); this file only connects Electron's events and calls to it.
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
  const desktopApp = new DesktopApp(paths);
  desktopApp.listenToApp();
  desktopApp.start();
}

class DesktopApp {
  private readonly state = new DesktopState<BrowserWindow>(planPathFromArgv(process.argv, process.cwd()));
  private readonly userDataDir = app.getPath('userData');
  /** The Vite dev server (unpackaged only), which replaces app:// and its CSP. */
  private readonly devServerUrl = !app.isPackaged ? (process.env['ELECTRON_RENDERER_URL'] ?? null) : null;
  private readonly appBaseUrl = this.devServerUrl ?? APP_BASE_URL;
  private readonly desktop: DesktopPort = this.desktopPort();
  /** What the page may write: dialog choices and the files the OS hands over (node/handlers/file-access.ts). */
  private readonly fileAccess = new FileAccess();
  private readonly handlers: HandlerMap = this.createHandlers();
  private readonly context: HandlerContext;

  constructor(private readonly paths: DesktopAppPaths) {
    const state = this.state;
    this.context = {
      dialogs: new ElectronDialogs(() => state.window),
      userDataDir: this.userDataDir,
      appVersion: app.getVersion(),
      shell: 'electron',
      // A getter: macOS may deliver the file to open ('open-file') after this object exists.
      get launchPath() {
        return state.launchPath;
      },
      now: () => new Date(),
    };
  }

  /** The shared handlers, told what the desktop does; app:startup also marks the page as started. */
  private createHandlers(): HandlerMap {
    // Workbook imports run in a worker thread beside main.cjs, so the main process stays responsive
    // (looked up per import: this runs as a field initialiser, before the constructor sets the paths).
    const handlers = createHandlers(this.desktop, this.fileAccess, (file) =>
      readWorkbookBeside(path.join(this.paths.electronDir, 'xlsx-import-worker.cjs'))(file),
    );
    const answerStartup = handlers['app:startup'];
    handlers['app:startup'] = async (args, ctx) => {
      const answer = await answerStartup(args, ctx);
      this.state.pageStartedUp();
      return answer;
    };
    return handlers;
  }

  private desktopPort(): DesktopPort {
    return {
      setDocumentState: ({ fileName, dirty }) => {
        this.state.documentStateChanged(dirty);
        const window = this.state.window;
        if (!window) return;
        window.setTitle(formatWindowTitle(fileName, dirty));
        if (process.platform === 'darwin') window.setDocumentEdited(dirty);
      },
      closeConfirmed: () => {
        if (this.state.closeConfirmed() === 'quit') app.quit();
        else this.state.window?.close();
      },
      openExternal: (url) =>
        shell.openExternal(url).then(
          () => true,
          () => false,
        ),
      confirmExternal: (url) => this.confirmExternalLink(url),
      setThemeSource: (source) => {
        this.state.themeChosen(source);
        nativeTheme.themeSource = source;
        this.state.track(updatePreferences(this.userDataDir, { themeSource: source }));
        this.rebuildMenu();
        return { dark: nativeTheme.shouldUseDarkColors };
      },
      recentFilesChanged: (paths) => {
        this.state.recentFilesChanged(paths);
        const newest = paths[0];
        if (newest !== undefined && process.platform !== 'linux') app.addRecentDocument(newest);
        this.rebuildMenu();
      },
    };
  }

  private rebuildMenu(): void {
    const { recentFiles, themeSource } = this.state;
    const template = buildMenuTemplate(
      { platform: process.platform, appName: app.getName(), recentFiles, themeSource, isPackaged: app.isPackaged },
      {
        sendCommand: (command) => {
          const window = this.state.window;
          if (window) sendEvent(window.webContents, 'menu:command', { command });
        },
        openRecent: (filePath) => this.openFile(filePath),
        clearRecent: () => this.clearRecent(),
        setTheme: (source) => this.desktop.setThemeSource(source),
        showAbout: () => void this.showAbout(),
      },
    );
    Menu.setApplicationMenu(Menu.buildFromTemplate(template));
  }

  private clearRecent(): void {
    const cleared = clearRecentFiles(this.userDataDir).then((paths) => {
      if (process.platform !== 'linux') app.clearRecentDocuments();
      this.desktop.recentFilesChanged(paths);
    });
    this.state.track(cleared);
  }

  private async showAbout(): Promise<void> {
    const options = {
      type: 'info' as const,
      title: 'About Pixel Ledger',
      message: `Pixel Ledger ${app.getVersion()}`,
      detail: `Plans and prices AI image generation.\nElectron ${process.versions.electron ?? '?'} · Chromium ${process.versions.chrome ?? '?'} · Node ${process.versions.node}`,
      buttons: ['OK'],
    };
    const window = this.state.window;
    if (window) await dialog.showMessageBox(window, options);
    else await dialog.showMessageBox(options);
  }

  /** A link the page navigated to or opened: known hosts open, others after a yes (as shell:open-external). */
  private async openLink(url: string): Promise<void> {
    const decision = externalLinkDecision(url);
    if (decision === 'refuse' || (decision === 'ask' && !(await this.confirmExternalLink(url)))) return;
    await shell.openExternal(url).catch(() => undefined);
  }

  /** "Open <host> in your browser?" for a link to a host the app does not know. */
  private async confirmExternalLink(url: string): Promise<boolean> {
    const options = {
      type: 'question' as const,
      buttons: ['Open in Browser', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      message: `Open ${new URL(url).host} in your browser?`,
      detail: `Pixel Ledger does not know this site. The link goes to:\n${url}`,
    };
    const window = this.state.window;
    const { response } = window ? await dialog.showMessageBox(window, options) : await dialog.showMessageBox(options);
    return response === 0;
  }

  /** A file to open from outside (second launch, macOS open-file, Open Recent): the renderer decides. */
  private openFile(filePath: string): void {
    this.fileAccess.offerToOpen(filePath);
    const action = this.state.fileToOpen(filePath, app.isReady());
    const window = this.state.window;
    if (action.kind === 'send-to-page' && window) {
      this.bringToFront(window);
      sendEvent(window.webContents, 'app:open-file', { path: filePath });
    } else if (action.kind === 'start-with-it' && action.openWindow) {
      void this.openMainWindow();
    }
  }

  private bringToFront(window: BrowserWindow): void {
    if (window.isMinimized()) window.restore();
    window.focus();
  }

  private async openMainWindow(): Promise<void> {
    const remembered = await readWindowState(this.userDataDir);
    const preload = path.join(this.paths.electronDir, 'preload.cjs');
    const window = createMainWindow(remembered, preload, nativeTheme.shouldUseDarkColors);
    this.state.windowOpened(window);
    this.watchWindow(window);
    if (this.devServerUrl) await window.loadURL(this.devServerUrl);
    else await window.loadURL(`${APP_BASE_URL}index.html`);
  }

  private watchWindow(window: BrowserWindow): void {
    // The title is main's (file name and unsaved mark from window:document-state), not the page's.
    window.on('page-title-updated', (event) => event.preventDefault());
    window.on('close', (event) => {
      const action = this.state.closeAttempted();
      if (action.kind === 'ask-renderer') {
        event.preventDefault();
        sendEvent(window.webContents, 'window:close-requested', {});
        return;
      }
      this.state.track(writeWindowState(this.userDataDir, currentWindowState(window)));
      if (action.discardAutosave) this.state.track(discardSessionAutosave(this.userDataDir));
    });
    window.on('closed', () => this.state.windowClosed(window));
    window.webContents.on('render-process-gone', () => this.state.rendererGone());
  }

  listenToApp(): void {
    app.on('second-instance', (_event, argv, workingDirectory) => {
      const filePath = planPathFromArgv(argv, workingDirectory);
      const window = this.state.window;
      if (filePath) this.openFile(filePath);
      else if (window) this.bringToFront(window);
    });
    // macOS: a .pxplan double-clicked in Finder or dropped on the Dock icon, possibly before 'ready'.
    app.on('open-file', (event, filePath) => {
      event.preventDefault();
      this.openFile(filePath);
    });
    app.on('web-contents-created', (_event, contents) => {
      hardenWebContents(contents, { appBaseUrl: this.appBaseUrl, openExternal: (url) => void this.openLink(url) });
    });
    app.on('before-quit', () => this.state.quitStarted());
    app.on('window-all-closed', () => {
      // Let the window-state and autosave clean-up finish before the process ends.
      void this.state.writesSettled().then(() => {
        if (process.platform !== 'darwin') app.quit();
      });
    });
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0 && app.isReady()) void this.openMainWindow();
    });
  }

  start(): void {
    void app
      .whenReady()
      .then(() => this.whenReady())
      .catch((error: unknown) => {
        // Nothing can be shown without a window; say why on the console and in a native box, then quit.
        const message = error instanceof Error ? error.message : String(error);
        console.error(`[pixel-ledger] could not start: ${message}`);
        dialog.showErrorBox('Pixel Ledger could not start', message);
        app.quit();
      });
  }

  private async whenReady(): Promise<void> {
    denyAllPermissions(session.defaultSession);
    serveRenderer(protocol, this.paths.rendererDir);
    // Two small, independent files: read together, before the window exists.
    const [preferences, recentFiles] = await Promise.all([
      readPreferences(this.userDataDir),
      readRecentFiles(this.userDataDir),
    ]);
    this.state.themeChosen(preferences.themeSource);
    nativeTheme.themeSource = preferences.themeSource;
    nativeTheme.on('updated', () => {
      const window = this.state.window;
      if (window) sendEvent(window.webContents, 'theme:changed', { dark: nativeTheme.shouldUseDarkColors });
    });
    this.state.recentFilesChanged(recentFiles);
    registerIpc(ipcMain, {
      handlers: this.handlers,
      context: this.context,
      app: { baseUrl: this.appBaseUrl },
      ourContents: () => this.state.window?.webContents ?? null,
    });
    this.rebuildMenu();
    await this.openMainWindow();
  }
}

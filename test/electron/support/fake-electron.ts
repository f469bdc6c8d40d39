import { EventEmitter } from 'node:events';
import type { ThemeSource } from '../../../shared/ipc/contract';

/**
 * A stand-in for the `electron` module (no Electron binary exists here): just enough of app,
 * BrowserWindow, webContents, ipcMain, protocol, session, Menu, nativeTheme, shell, dialog and screen
 * for the main-process glue to run, recording what it is asked to do. Used with
 * `vi.mock('electron', () => import('./support/fake-electron'))`; `resetFakeElectron()` between tests.
 */

export interface PreventableEvent {
  defaultPrevented: boolean;
  preventDefault(): void;
}

export function preventableEvent(): PreventableEvent {
  return {
    defaultPrevented: false,
    preventDefault() {
      this.defaultPrevented = true;
    },
  };
}

export interface SentMessage {
  channel: string;
  payload: unknown;
}

export type WindowOpenHandler = (details: { url: string }) => { action: 'allow' | 'deny' };

export class FakeWebFrame {
  constructor(
    public url: string,
    public parent: FakeWebFrame | null = null,
  ) {}
}

export class FakeWebContents extends EventEmitter {
  static nextId = 1;
  readonly id = FakeWebContents.nextId++;
  readonly sent: SentMessage[] = [];
  windowOpenHandler: WindowOpenHandler | null = null;
  destroyed = false;
  mainFrame = new FakeWebFrame('app://pixel-ledger/index.html');

  send(channel: string, payload: unknown): void {
    this.sent.push({ channel, payload });
  }
  setWindowOpenHandler(handler: WindowOpenHandler): void {
    this.windowOpenHandler = handler;
  }
  isDestroyed(): boolean {
    return this.destroyed;
  }
  sentOn(channel: string): unknown[] {
    return this.sent.filter((m) => m.channel === channel).map((m) => m.payload);
  }
}

export class FakeBrowserWindow extends EventEmitter {
  static instances: FakeBrowserWindow[] = [];
  static getAllWindows(): FakeBrowserWindow[] {
    return FakeBrowserWindow.instances.filter((w) => !w.closed);
  }

  readonly webContents = new FakeWebContents();
  title = '';
  visible = false;
  maximized = false;
  minimized = false;
  closed = false;
  documentEdited = false;
  loadedUrl: string | null = null;
  bounds = { x: 40, y: 30, width: 1280, height: 800 };

  constructor(readonly options: Record<string, unknown>) {
    super();
    FakeBrowserWindow.instances.push(this);
    app.emit('web-contents-created', preventableEvent(), this.webContents);
  }

  async loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
  }
  setTitle(title: string): void {
    this.title = title;
  }
  setDocumentEdited(edited: boolean): void {
    this.documentEdited = edited;
  }
  show(): void {
    this.visible = true;
  }
  maximize(): void {
    this.maximized = true;
  }
  isMaximized(): boolean {
    return this.maximized;
  }
  isMinimized(): boolean {
    return this.minimized;
  }
  restore(): void {
    this.minimized = false;
  }
  focus(): void {}
  getNormalBounds(): { x: number; y: number; width: number; height: number } {
    return { ...this.bounds };
  }
  /** Like Electron: 'close' may be prevented; otherwise the window goes and 'closed' follows. */
  close(): void {
    if (this.closed) return;
    const event = preventableEvent();
    this.emit('close', event);
    if (event.defaultPrevented) return;
    this.closed = true;
    this.webContents.destroyed = true;
    this.emit('closed');
    if (FakeBrowserWindow.getAllWindows().length === 0) app.emit('window-all-closed');
  }
}

class FakeApp extends EventEmitter {
  userDataDir = '/nonexistent-user-data';
  hasLock = true;
  isPackaged = false;
  ready = false;
  quitCalls = 0;
  recentDocuments: string[] = [];
  private resolveReady: (() => void) | null = null;
  private readyPromise: Promise<void> = this.makeReadyPromise();

  private makeReadyPromise(): Promise<void> {
    return new Promise<void>((resolve) => {
      this.resolveReady = resolve;
    });
  }
  reset(): void {
    this.removeAllListeners();
    this.userDataDir = '/nonexistent-user-data';
    this.hasLock = true;
    this.isPackaged = false;
    this.ready = false;
    this.quitCalls = 0;
    this.recentDocuments = [];
    this.readyPromise = this.makeReadyPromise();
  }
  /** Test control: Electron finished starting. */
  becomeReady(): void {
    this.ready = true;
    this.resolveReady?.();
  }
  whenReady(): Promise<void> {
    return this.readyPromise;
  }
  isReady(): boolean {
    return this.ready;
  }
  requestSingleInstanceLock(): boolean {
    return this.hasLock;
  }
  quit(): void {
    this.quitCalls += 1;
  }
  setPath(name: string, value: string): void {
    if (name === 'userData') this.userDataDir = value;
  }
  getPath(name: string): string {
    if (name === 'userData') return this.userDataDir;
    return `/fake/${name}`;
  }
  getVersion(): string {
    return '0.1.0';
  }
  getName(): string {
    return 'Pixel Ledger';
  }
  addRecentDocument(filePath: string): void {
    this.recentDocuments.push(filePath);
  }
  clearRecentDocuments(): void {
    this.recentDocuments = [];
  }
}

export const app = new FakeApp();
export const BrowserWindow = FakeBrowserWindow;

export type InvokeListener = (
  event: { sender: FakeWebContents; senderFrame: FakeWebFrame | null },
  args: unknown,
) => unknown;
export const ipcMain = {
  handlers: new Map<string, InvokeListener>(),
  handle(channel: string, listener: InvokeListener): void {
    if (this.handlers.has(channel)) throw new Error(`Attempted to register a second handler for '${channel}'`);
    this.handlers.set(channel, listener);
  },
};

export type ProtocolHandler = (request: { url: string }) => Promise<Response> | Response;
export const protocol = {
  privileged: [] as unknown[],
  handlers: new Map<string, ProtocolHandler>(),
  registeredBeforeReady: false,
  registerSchemesAsPrivileged(schemes: unknown[]): void {
    this.registeredBeforeReady = !app.ready;
    this.privileged.push(...schemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    this.handlers.set(scheme, handler);
  },
};

type PermissionRequestHandler = (
  contents: unknown,
  permission: string,
  callback: (granted: boolean) => void,
  details: unknown,
) => void;
export const session = {
  defaultSession: {
    permissionRequestHandler: null as PermissionRequestHandler | null,
    permissionCheckHandler: null as
      ((contents: unknown, permission: string, origin: string, details: unknown) => boolean) | null,
    devicePermissionHandler: null as ((details: unknown) => boolean) | null,
    setPermissionRequestHandler(handler: PermissionRequestHandler): void {
      this.permissionRequestHandler = handler;
    },
    setPermissionCheckHandler(
      handler: (contents: unknown, permission: string, origin: string, details: unknown) => boolean,
    ): void {
      this.permissionCheckHandler = handler;
    },
    setDevicePermissionHandler(handler: (details: unknown) => boolean): void {
      this.devicePermissionHandler = handler;
    },
  },
};

export interface FakeMenuItem {
  label?: string;
  role?: string;
  type?: string;
  accelerator?: string;
  enabled?: boolean;
  checked?: boolean;
  click?: () => void;
  submenu?: FakeMenuItem[];
}
export const Menu = {
  current: null as FakeMenuItem[] | null,
  buildFromTemplate(template: FakeMenuItem[]): FakeMenuItem[] {
    return template;
  },
  setApplicationMenu(menu: FakeMenuItem[]): void {
    this.current = menu;
  },
};

class FakeNativeTheme extends EventEmitter {
  themeSource: ThemeSource = 'system';
  osDark = false;
  get shouldUseDarkColors(): boolean {
    return this.themeSource === 'dark' || (this.themeSource === 'system' && this.osDark);
  }
}
export const nativeTheme = new FakeNativeTheme();

export const shell = {
  opened: [] as string[],
  async openExternal(url: string): Promise<void> {
    this.opened.push(url);
  },
};

export const dialog = {
  messageBoxes: [] as unknown[],
  async showMessageBox(...args: unknown[]): Promise<{ response: number }> {
    this.messageBoxes.push(args.at(-1));
    return { response: 0 };
  },
  errorBoxes: [] as string[][],
  showErrorBox(title: string, content: string): void {
    this.errorBoxes.push([title, content]);
  },
  async showOpenDialog(): Promise<{ canceled: boolean; filePaths: string[] }> {
    return { canceled: true, filePaths: [] };
  },
  /** What the next Save dialog "chooses"; null: the user cancels. */
  nextSavePath: null as string | null,
  /** The options of every Save dialog shown (the last argument; the first may be the window). */
  saveDialogs: [] as unknown[],
  async showSaveDialog(...args: unknown[]): Promise<{ canceled: boolean; filePath?: string }> {
    this.saveDialogs.push(args.at(-1));
    const chosen = this.nextSavePath;
    this.nextSavePath = null;
    return chosen === null ? { canceled: true } : { canceled: false, filePath: chosen };
  },
};

export const screen = {
  getAllDisplays: () => [{ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }],
  getPrimaryDisplay: () => ({ id: 1, workArea: { x: 0, y: 0, width: 1920, height: 1080 } }),
};

export const contextBridge = {
  exposed: new Map<string, unknown>(),
  exposeInMainWorld(key: string, api: unknown): void {
    this.exposed.set(key, api);
  },
};

type RendererListener = (event: unknown, payload: unknown) => void;
export const ipcRenderer = {
  invoked: [] as { channel: string; args: unknown }[],
  listeners: new Map<string, Set<RendererListener>>(),
  nextInvoke: null as null | (() => Promise<unknown>),
  async invoke(channel: string, args: unknown): Promise<unknown> {
    this.invoked.push({ channel, args });
    return this.nextInvoke ? this.nextInvoke() : { ok: true };
  },
  on(channel: string, listener: RendererListener): void {
    const set = this.listeners.get(channel) ?? new Set<RendererListener>();
    set.add(listener);
    this.listeners.set(channel, set);
  },
  removeListener(channel: string, listener: RendererListener): void {
    this.listeners.get(channel)?.delete(listener);
  },
  emit(channel: string, payload: unknown): void {
    for (const listener of this.listeners.get(channel) ?? []) listener({}, payload);
  },
};

export const webUtils = {
  getPathForFile(file: { path?: string }): string {
    return file.path ?? '';
  },
};

export function resetFakeElectron(): void {
  app.reset();
  FakeBrowserWindow.instances = [];
  ipcMain.handlers.clear();
  protocol.privileged = [];
  protocol.handlers.clear();
  protocol.registeredBeforeReady = false;
  session.defaultSession.permissionRequestHandler = null;
  session.defaultSession.permissionCheckHandler = null;
  session.defaultSession.devicePermissionHandler = null;
  Menu.current = null;
  nativeTheme.removeAllListeners();
  nativeTheme.themeSource = 'system';
  nativeTheme.osDark = false;
  shell.opened = [];
  dialog.messageBoxes = [];
  dialog.errorBoxes = [];
  dialog.nextSavePath = null;
  dialog.saveDialogs = [];
  contextBridge.exposed.clear();
  ipcRenderer.invoked = [];
  ipcRenderer.listeners.clear();
  ipcRenderer.nextInvoke = null;
}

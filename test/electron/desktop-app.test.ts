import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { runDesktopApp } from '../../electron/desktop-app';
import { CONTENT_SECURITY_POLICY } from '../../node/security/content-security-policy';
import { REQUEST_CHANNELS } from '../../shared/ipc/contract';
import { serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import {
  app,
  dialog,
  FakeBrowserWindow,
  ipcMain,
  Menu,
  nativeTheme,
  preventableEvent,
  protocol,
  resetFakeElectron,
  session,
  shell,
  type FakeMenuItem,
} from './support/fake-electron';
import { TODAY } from '../node/support/handler-context';
import { useTempDirs } from '../node/support/temp-dir';

vi.mock('electron', () => import('./support/fake-electron'));

/**
 * The main process wired together, with only the `electron` module replaced: window, menu, IPC,
 * close guard, single instance, theme and the app:// protocol, driven the way Electron would.
 */

const tempDir = useTempDirs();
const originalArgv = process.argv;

beforeEach(() => resetFakeElectron());
afterEach(() => {
  process.argv = originalArgv;
});

interface Started {
  window: FakeBrowserWindow;
  userDataDir: string;
  rendererDir: string;
}

async function startApp(options: { argv?: string[]; userDataDir?: string } = {}): Promise<Started> {
  const userDataDir = options.userDataDir ?? (await tempDir());
  const rendererDir = await tempDir();
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><title>Pixel Ledger</title>');
  app.userDataDir = userDataDir;
  process.argv = options.argv ?? ['/opt/pixel-ledger/pixel-ledger'];
  runDesktopApp({ electronDir: '/opt/pixel-ledger/resources/app/out/electron', rendererDir });
  app.becomeReady();
  const window = await vi.waitFor(() => {
    const created = FakeBrowserWindow.instances.at(-1);
    if (!created?.loadedUrl) throw new Error('window not loaded yet');
    return created;
  });
  return { window, userDataDir, rendererDir };
}

/** Calls a channel the way the preload does, from the window's own top frame. */
async function invoke(window: FakeBrowserWindow, channel: string, args: unknown): Promise<unknown> {
  const listener = ipcMain.handlers.get(channel);
  if (!listener) throw new Error(`${channel} is not registered`);
  return listener({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, args);
}

function menuItem(path: string[]): FakeMenuItem {
  let items = Menu.current ?? [];
  let found: FakeMenuItem | undefined;
  for (const label of path) {
    found = items.find((i) => (i.label ?? '').replace('&', '') === label);
    if (!found) throw new Error(`no menu item ${label}`);
    items = found.submenu ?? [];
  }
  if (!found) throw new Error('empty path');
  return found;
}

describe('starting the desktop app', () => {
  it('registers the app:// scheme before ready, then serves the renderer with the CSP', async () => {
    const { window, rendererDir } = await startApp();
    expect(protocol.registeredBeforeReady).toBe(true);
    expect(protocol.privileged).toEqual([
      { scheme: 'app', privileges: expect.objectContaining({ standard: true, secure: true }) },
    ]);
    expect(window.loadedUrl).toBe('app://pixel-ledger/index.html');
    const handler = protocol.handlers.get('app');
    if (!handler) throw new Error('app:// not handled');
    const response = await handler({ url: 'app://pixel-ledger/index.html' });
    expect(response.headers.get('content-security-policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe(await readFile(path.join(rendererDir, 'index.html'), 'utf8'));
  });

  it('opens one hardened window, hidden until ready-to-show', async () => {
    const { window } = await startApp();
    expect(FakeBrowserWindow.instances).toHaveLength(1);
    expect(window.options['webPreferences']).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webSecurity: true,
      preload: '/opt/pixel-ledger/resources/app/out/electron/preload.cjs',
    });
    expect(window.visible).toBe(false);
    window.emit('ready-to-show');
    expect(window.visible).toBe(true);
    // Navigation guard attached to the window's contents (web-contents-created).
    const navigation = preventableEvent();
    window.webContents.emit('will-navigate', navigation, 'https://evil.example/');
    expect(navigation.defaultPrevented).toBe(true);
    // Permissions denied for the session.
    const answers: boolean[] = [];
    session.defaultSession.permissionRequestHandler?.({}, 'media', (granted) => answers.push(granted), {});
    expect(answers).toEqual([false]);
  });

  it('answers every contract channel, and the first start shows the sample plan', async () => {
    const { window } = await startApp();
    expect([...ipcMain.handlers.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
    const startup = await invoke(window, 'app:startup', { today: TODAY });
    expect(startup).toEqual({
      plan: { document: createSamplePlan(TODAY), path: null },
      recovery: null,
      openError: null,
      backup: null,
    });
    expect(await invoke(window, 'app:info', {})).toEqual({
      version: '0.1.0',
      platform: process.platform,
      shell: 'electron',
    });
  });

  it('a second instance only hands over its command line and quits', async () => {
    app.hasLock = false;
    app.userDataDir = await tempDir();
    runDesktopApp({ electronDir: '/x', rendererDir: '/x' });
    app.becomeReady();
    await Promise.resolve();
    expect(app.quitCalls).toBe(1);
    expect(ipcMain.handlers.size).toBe(0);
    expect(FakeBrowserWindow.instances).toEqual([]);
  });

  it('a .pxplan on the command line is what the window starts with', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'from-cli.pxplan');
    await writeFile(file, serializePlan(createSamplePlan('2026-01-01')));
    const { window } = await startApp({ argv: ['/opt/pixel-ledger/pixel-ledger', '--no-sandbox', file] });
    expect(await invoke(window, 'app:startup', { today: TODAY })).toMatchObject({
      plan: { path: file },
      openError: null,
    });
  });
});

describe('title and closing with unsaved changes', () => {
  it('the title shows the file name and an unsaved mark; the page cannot change it', async () => {
    const { window } = await startApp();
    await invoke(window, 'window:document-state', { fileName: 'q1.pxplan', dirty: true });
    expect(window.title).toBe('q1.pxplan • — Pixel Ledger');
    await invoke(window, 'window:document-state', { fileName: 'q1.pxplan', dirty: false });
    expect(window.title).toBe('q1.pxplan — Pixel Ledger');
    const titleEvent = preventableEvent();
    window.emit('page-title-updated', titleEvent, 'something else');
    expect(titleEvent.defaultPrevented).toBe(true);
  });

  it('closing while dirty asks the renderer; after it confirms, the window closes and the autosave goes', async () => {
    const { window, userDataDir } = await startApp();
    await invoke(window, 'app:startup', { today: TODAY });
    await invoke(window, 'recovery:write', { document: createSamplePlan(TODAY), path: null });
    await invoke(window, 'window:document-state', { fileName: 'Untitled', dirty: true });

    window.close();
    expect(window.closed).toBe(false);
    expect(window.webContents.sentOn('window:close-requested')).toEqual([{}]);

    // The user picked Cancel: nothing else happens; a second close asks again.
    window.close();
    expect(window.closed).toBe(false);
    expect(window.webContents.sentOn('window:close-requested')).toHaveLength(2);

    // Then Save or Don't Save: the renderer confirms.
    await invoke(window, 'window:close-confirmed', {});
    expect(window.closed).toBe(true);
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    expect(existsSync(path.join(userDataDir, 'recovery', 'autosave.json'))).toBe(false);
    expect(JSON.parse(await readFile(path.join(userDataDir, 'window-state.json'), 'utf8'))).toEqual({
      x: 40,
      y: 30,
      width: 1280,
      height: 800,
      maximized: false,
    });
  });

  it('a clean document closes at once', async () => {
    const { window } = await startApp();
    await invoke(window, 'window:document-state', { fileName: 'saved.pxplan', dirty: false });
    window.close();
    expect(window.closed).toBe(true);
    expect(window.webContents.sentOn('window:close-requested')).toEqual([]);
    // Let the clean-up finish here, so it cannot count as a later test's quit.
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
  });

  it('after a renderer crash the window may close, and the autosave stays for the next start', async () => {
    const { window, userDataDir } = await startApp();
    await invoke(window, 'recovery:write', { document: createSamplePlan(TODAY), path: null });
    await invoke(window, 'window:document-state', { fileName: 'Untitled', dirty: true });
    window.webContents.emit('render-process-gone', preventableEvent(), { reason: 'crashed' });
    window.close();
    expect(window.closed).toBe(true);
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    expect(existsSync(path.join(userDataDir, 'recovery', 'autosave.json'))).toBe(true);
  });

  it('the window comes back where it was closed', async () => {
    const userDataDir = await tempDir();
    const first = await startApp({ userDataDir });
    first.window.bounds = { x: 200, y: 150, width: 1000, height: 700 };
    first.window.maximized = true;
    first.window.close();
    await vi.waitFor(() => expect(app.quitCalls).toBe(1));
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(path.join(userDataDir, 'window-state.json'), 'utf8'))).toMatchObject({
        x: 200,
        maximized: true,
      }),
    );

    resetFakeElectron();
    const second = await startApp({ userDataDir });
    expect(second.window.options).toMatchObject({ x: 200, y: 150, width: 1000, height: 700 });
    second.window.emit('ready-to-show');
    expect(second.window.maximized).toBe(true);
  });
});

describe('files from outside, menu and theme', () => {
  it('a second launch with a plan file sends app:open-file to the running window', async () => {
    const { window } = await startApp();
    await invoke(window, 'app:startup', { today: TODAY });
    app.emit(
      'second-instance',
      preventableEvent(),
      ['/opt/pixel-ledger/pixel-ledger', 'budget.pxplan'],
      '/home/user/plans',
    );
    expect(window.webContents.sentOn('app:open-file')).toEqual([{ path: '/home/user/plans/budget.pxplan' }]);
  });

  it('a path the contract refuses is not sent, and does not crash the main process', async () => {
    const { window } = await startApp();
    await invoke(window, 'app:startup', { today: TODAY });
    expect(() =>
      app.emit(
        'second-instance',
        preventableEvent(),
        ['/opt/pixel-ledger/pixel-ledger', `/${'x'.repeat(5000)}.pxplan`],
        '/',
      ),
    ).not.toThrow();
    expect(window.webContents.sentOn('app:open-file')).toEqual([]);
  });

  it('a macOS open-file before the page started becomes the start file', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'finder.pxplan');
    await writeFile(file, serializePlan(createSamplePlan('2026-02-02')));
    const { window } = await startApp();
    const event = preventableEvent();
    app.emit('open-file', event, file);
    expect(event.defaultPrevented).toBe(true);
    expect(await invoke(window, 'app:startup', { today: TODAY })).toMatchObject({ plan: { path: file } });
  });

  it('menu items reach the renderer as menu:command', async () => {
    const { window } = await startApp();
    menuItem(['File', 'Save As…']).click?.();
    menuItem(['Edit', 'Fill Down']).click?.();
    expect(window.webContents.sentOn('menu:command')).toEqual([
      { command: 'file:save-as' },
      { command: 'edit:fill-down' },
    ]);
  });

  it('Open Recent follows saves, and a click opens through the renderer', async () => {
    const { window } = await startApp();
    await invoke(window, 'app:startup', { today: TODAY });
    const dir = await tempDir();
    const file = path.join(dir, 'recent.pxplan');
    // The main process writes only where the user chose: a path from the page alone asks first.
    const unchosen = path.join(dir, 'unchosen.pxplan');
    expect(
      await invoke(window, 'plan:save', { document: createSamplePlan(TODAY), path: unchosen, saveAs: false }),
    ).toEqual({ ok: false, canceled: true });
    expect(existsSync(unchosen)).toBe(false);
    dialog.nextSavePath = file;
    await invoke(window, 'plan:save', { document: createSamplePlan(TODAY), path: null, saveAs: true });
    const recent = menuItem(['File', 'Open Recent']).submenu ?? [];
    expect(recent[0]?.label).toBe('1  recent.pxplan');
    recent[0]?.click?.();
    expect(window.webContents.sentOn('app:open-file')).toEqual([{ path: file }]);
  });

  it('the export’s Save dialog starts in the plan’s folder with the plan’s name as .xlsx', async () => {
    const { window } = await startApp();
    const planPath = path.join(await tempDir(), 'Q1 budget.pxplan');
    expect(
      await invoke(window, 'xlsx:export', {
        document: createSamplePlan(TODAY),
        scenarioId: null,
        path: null,
        planPath,
      }),
    ).toEqual({ ok: false, canceled: true });
    expect(dialog.saveDialogs).toMatchObject([
      { defaultPath: path.join(path.dirname(planPath), 'Q1 budget.xlsx'), filters: [{ extensions: ['xlsx'] }] },
    ]);
  });

  it('opens price sources in the OS browser at once, and asks before any other site', async () => {
    const { window } = await startApp();
    const pricing = 'https://developers.openai.com/api/docs/pricing';
    expect(await invoke(window, 'shell:open-external', { url: pricing })).toEqual({ ok: true });
    expect(dialog.messageBoxes).toEqual([]);
    expect(await invoke(window, 'shell:open-external', { url: 'https://reseller.example/prices' })).toEqual({
      ok: true,
    });
    expect(dialog.messageBoxes).toMatchObject([{ message: 'Open reseller.example in your browser?' }]);
    expect(shell.opened).toEqual([pricing, 'https://reseller.example/prices']);
  });

  it('About shows the version', async () => {
    await startApp();
    menuItem(['Help', 'About Pixel Ledger']).click?.();
    await vi.waitFor(() => expect(dialog.messageBoxes).toHaveLength(1));
    expect(dialog.messageBoxes[0]).toMatchObject({ message: 'Pixel Ledger 0.1.0' });
  });

  it('dark mode follows the OS by default; a choice is applied, remembered and announced', async () => {
    const userDataDir = await tempDir();
    const { window } = await startApp({ userDataDir });
    expect(nativeTheme.themeSource).toBe('system');
    expect(await invoke(window, 'theme:set', { source: 'dark' })).toEqual({ ok: true, dark: true });
    expect(nativeTheme.themeSource).toBe('dark');
    expect(menuItem(['View', 'Theme', 'Dark']).checked).toBe(true);
    nativeTheme.emit('updated');
    expect(window.webContents.sentOn('theme:changed')).toEqual([{ dark: true }]);
    await vi.waitFor(async () =>
      expect(JSON.parse(await readFile(path.join(userDataDir, 'preferences.json'), 'utf8'))).toMatchObject({
        themeSource: 'dark',
      }),
    );

    resetFakeElectron();
    await startApp({ userDataDir });
    expect(nativeTheme.themeSource).toBe('dark');
  });

  it('a damaged preferences file falls back to following the OS', async () => {
    const userDataDir = await tempDir();
    await mkdir(userDataDir, { recursive: true });
    await writeFile(path.join(userDataDir, 'preferences.json'), '{"themeSource":"purple"}');
    await startApp({ userDataDir });
    expect(nativeTheme.themeSource).toBe('system');
  });
});

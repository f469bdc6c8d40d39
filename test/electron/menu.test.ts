import type { MenuItemConstructorOptions } from 'electron';
import { describe, expect, it } from 'vitest';
import { buildMenuTemplate, type MenuActions, type MenuState } from '../../electron/menu';
import type { MenuCommand, ThemeSource } from '../../shared/ipc/contract';

function recordingActions(): MenuActions & { log: string[] } {
  const log: string[] = [];
  return {
    log,
    sendCommand: (command: MenuCommand) => log.push(`command ${command}`),
    openRecent: (filePath: string) => log.push(`open ${filePath}`),
    clearRecent: () => log.push('clear recent'),
    setTheme: (source: ThemeSource) => log.push(`theme ${source}`),
    showAbout: () => log.push('about'),
  };
}

const linux: MenuState = {
  platform: 'linux',
  appName: 'Pixel Ledger',
  recentFiles: [],
  themeSource: 'system',
  isPackaged: true,
};

function submenuOf(template: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions[] {
  const menu = template.find((m) => m.label?.replace('&', '') === label);
  if (!menu || !Array.isArray(menu.submenu)) throw new Error(`no ${label} menu`);
  return menu.submenu;
}

function item(items: MenuItemConstructorOptions[], label: string): MenuItemConstructorOptions {
  const found = items.find((i) => i.label === label);
  if (!found) throw new Error(`no item ${label}; have ${items.map((i) => i.label ?? i.role ?? i.type).join(', ')}`);
  return found;
}

function click(entry: MenuItemConstructorOptions): void {
  if (!entry.click) throw new Error(`${entry.label ?? entry.role} has no click`);
  // Electron passes (menuItem, window, event); the app's handlers ignore them.
  (entry.click as () => void)();
}

describe('application menu', () => {
  it('has File, Edit, View and Help, in that order (plus the app menu on macOS)', () => {
    expect(buildMenuTemplate(linux, recordingActions()).map((m) => m.label)).toEqual([
      '&File',
      '&Edit',
      '&View',
      '&Help',
    ]);
    expect(
      buildMenuTemplate({ ...linux, platform: 'darwin' }, recordingActions()).map((m) => m.label?.replace('&', '')),
    ).toEqual(['Pixel Ledger', 'File', 'Edit', 'View', 'Help']);
  });

  it.each([
    ['New Blank Plan', 'CmdOrCtrl+N', 'file:new-blank'],
    ['New from Sample', 'CmdOrCtrl+Shift+N', 'file:new-sample'],
    ['Open…', 'CmdOrCtrl+O', 'file:open'],
    ['Save', 'CmdOrCtrl+S', 'file:save'],
    ['Save As…', 'CmdOrCtrl+Shift+S', 'file:save-as'],
    ['Export to Excel…', 'CmdOrCtrl+E', 'file:export-xlsx'],
    ['Import from Excel…', 'CmdOrCtrl+Shift+I', 'file:import-xlsx'],
    ['Plan Properties…', undefined, 'file:plan-properties'],
    ['Close', 'CmdOrCtrl+W', 'file:close'],
  ])('File > %s (%s) sends %s to the renderer', (label, accelerator, command) => {
    const actions = recordingActions();
    const entry = item(submenuOf(buildMenuTemplate(linux, actions), 'File'), label);
    expect(entry.accelerator).toBe(accelerator);
    click(entry);
    expect(actions.log).toEqual([`command ${command}`]);
  });

  it.each([
    ['Undo', 'CmdOrCtrl+Z', 'edit:undo'],
    ['Select All', 'CmdOrCtrl+A', 'edit:select-all'],
    ['Fill Down', 'CmdOrCtrl+D', 'edit:fill-down'],
  ])('Edit > %s (%s) goes to the grid as %s', (label, accelerator, command) => {
    const actions = recordingActions();
    const entry = item(submenuOf(buildMenuTemplate(linux, actions), 'Edit'), label);
    expect(entry.accelerator).toBe(accelerator);
    click(entry);
    expect(actions.log).toEqual([`command ${command}`]);
  });

  it('Redo uses the platform accelerator', () => {
    const redoOn = (platform: NodeJS.Platform): MenuItemConstructorOptions =>
      item(submenuOf(buildMenuTemplate({ ...linux, platform }, recordingActions()), 'Edit'), 'Redo');
    expect(redoOn('linux').accelerator).toBe('Ctrl+Y');
    expect(redoOn('win32').accelerator).toBe('Ctrl+Y');
    expect(redoOn('darwin').accelerator).toBe('Shift+CmdOrCtrl+Z');
  });

  it('Cut, Copy and Paste are native roles, so the page receives real clipboard events', () => {
    const edit = submenuOf(buildMenuTemplate(linux, recordingActions()), 'Edit');
    expect(edit.filter((i) => i.role).map((i) => [i.role, i.accelerator])).toEqual([
      ['cut', 'CmdOrCtrl+X'],
      ['copy', 'CmdOrCtrl+C'],
      ['paste', 'CmdOrCtrl+V'],
    ]);
  });

  it('View has zoom and a theme choice that follows the system by default', () => {
    const actions = recordingActions();
    const view = submenuOf(buildMenuTemplate(linux, actions), 'View');
    expect(view.filter((i) => i.role?.toLowerCase().includes('zoom')).map((i) => [i.role, i.accelerator])).toEqual([
      ['zoomIn', 'CmdOrCtrl+='],
      ['zoomOut', 'CmdOrCtrl+-'],
      ['resetZoom', 'CmdOrCtrl+0'],
    ]);
    const theme = item(view, 'Theme');
    if (!Array.isArray(theme.submenu)) throw new Error('no theme submenu');
    expect(theme.submenu.map((t) => [t.label, t.type, t.checked])).toEqual([
      ['Follow System', 'radio', true],
      ['Light', 'radio', false],
      ['Dark', 'radio', false],
    ]);
    click(item(theme.submenu, 'Dark'));
    expect(actions.log).toEqual(['theme dark']);
  });

  it('developer tools only in development builds', () => {
    const roles = (isPackaged: boolean): (string | undefined)[] =>
      submenuOf(buildMenuTemplate({ ...linux, isPackaged }, recordingActions()), 'View').map((i) => i.role);
    expect(roles(true)).not.toContain('toggleDevTools');
    expect(roles(false)).toContain('toggleDevTools');
  });

  it('Help has About (with the version, shown by main), Keyboard Shortcuts and Pricing Sources', () => {
    const actions = recordingActions();
    const help = submenuOf(buildMenuTemplate(linux, actions), 'Help');
    click(item(help, 'About Pixel Ledger'));
    click(item(help, 'Keyboard Shortcuts'));
    click(item(help, 'Pricing Sources'));
    expect(item(help, 'Keyboard Shortcuts').accelerator).toBe('CmdOrCtrl+/');
    expect(actions.log).toEqual(['about', 'command help:keyboard-shortcuts', 'command help:pricing-sources']);
    // On macOS, About lives in the app menu.
    const mac = buildMenuTemplate({ ...linux, platform: 'darwin' }, recordingActions());
    expect(submenuOf(mac, 'Help').map((i) => i.label)).toEqual(['Keyboard Shortcuts', 'Pricing Sources']);
    expect(submenuOf(mac, 'Pixel Ledger')[0]?.label).toBe('About Pixel Ledger');
  });

  it('Open Recent lists the files, newest first, and opens the one clicked', () => {
    const actions = recordingActions();
    const recentFiles = ['/plans/q1 & q2.pxplan', '/plans/old.pxplan'];
    const recent = item(submenuOf(buildMenuTemplate({ ...linux, recentFiles }, actions), 'File'), 'Open Recent');
    if (!Array.isArray(recent.submenu)) throw new Error('no recent submenu');
    expect(recent.submenu.map((r) => r.label ?? r.type)).toEqual([
      '1  q1 && q2.pxplan',
      '2  old.pxplan',
      'separator',
      'Clear Recent',
    ]);
    click(recent.submenu[1] ?? {});
    click(item(recent.submenu, 'Clear Recent'));
    expect(actions.log).toEqual(['open /plans/old.pxplan', 'clear recent']);
  });

  it('an empty Open Recent says so and cannot be clicked', () => {
    const recent = item(submenuOf(buildMenuTemplate(linux, recordingActions()), 'File'), 'Open Recent');
    expect(recent.submenu).toEqual([{ label: 'No Recent Files', enabled: false }]);
  });

  it('Quit is in File on Windows and Linux, in the app menu on macOS', () => {
    expect(submenuOf(buildMenuTemplate(linux, recordingActions()), 'File').at(-1)).toMatchObject({
      role: 'quit',
      accelerator: 'Ctrl+Q',
    });
    const mac = buildMenuTemplate({ ...linux, platform: 'darwin' }, recordingActions());
    expect(submenuOf(mac, 'File').some((i) => i.role === 'quit')).toBe(false);
    expect(submenuOf(mac, 'Pixel Ledger').some((i) => i.role === 'quit')).toBe(true);
  });
});

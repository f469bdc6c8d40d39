import path from 'node:path';
import type { MenuItemConstructorOptions } from 'electron';
import type { MenuCommand, ThemeSource } from '../shared/ipc/contract';

/**
 * What the menu can do; desktop-app.ts wires these to the window. Commands that act on the document
 * (New, Open, Save, Undo, Fill Down...) go to the renderer as `menu:command`, because the renderer owns
 * the document and its undo history. Cut / Copy / Paste use Electron's roles: they make the page fire
 * the real DOM cut/copy/paste events (with the clipboard data), which is what the grid handles, the
 * same way in the desktop app and in a browser, and without any clipboard permission.
 */
export interface MenuActions {
  sendCommand(command: MenuCommand): void;
  openRecent(filePath: string): void;
  clearRecent(): void;
  setTheme(source: ThemeSource): void;
  showAbout(): void;
}

export interface MenuState {
  platform: NodeJS.Platform;
  appName: string;
  recentFiles: readonly string[];
  themeSource: ThemeSource;
  /** Developer tools only in development builds. */
  isPackaged: boolean;
}

type Item = MenuItemConstructorOptions;
/** A menu item that sends a document command to the renderer. */
type CommandItem = (label: string, name: MenuCommand, accelerator?: string) => Item;

/** The application menu: macOS's app menu first, then File, Edit, View and Help; one function each. */
export function buildMenuTemplate(state: MenuState, actions: MenuActions): Item[] {
  const isMac = state.platform === 'darwin';
  const command: CommandItem = (label, name, accelerator) => ({
    label,
    ...(accelerator ? { accelerator } : {}),
    click: () => actions.sendCommand(name),
  });
  return [
    ...(isMac ? [macAppMenu(state, actions)] : []),
    fileMenu(isMac, command, recentItems(state, actions)),
    editMenu(isMac, command),
    viewMenu(state, actions),
    helpMenu(isMac, state, actions, command),
  ];
}

function recentItems(state: MenuState, actions: MenuActions): Item[] {
  if (state.recentFiles.length === 0) return [{ label: 'No Recent Files', enabled: false }];
  return [
    ...state.recentFiles.map((filePath, index) => ({
      // "&" would become a mnemonic on Windows and Linux.
      label: `${index < 9 ? `${index + 1}  ` : ''}${path.basename(filePath).replace(/&/g, '&&')}`,
      toolTip: filePath,
      click: () => actions.openRecent(filePath),
    })),
    { type: 'separator' },
    { label: 'Clear Recent', click: () => actions.clearRecent() },
  ];
}

function macAppMenu(state: MenuState, actions: MenuActions): Item {
  return {
    label: state.appName,
    submenu: [
      { label: `About ${state.appName}`, click: () => actions.showAbout() },
      { type: 'separator' },
      { role: 'services' },
      { type: 'separator' },
      { role: 'hide' },
      { role: 'hideOthers' },
      { role: 'unhide' },
      { type: 'separator' },
      { role: 'quit' },
    ],
  };
}

function fileMenu(isMac: boolean, command: CommandItem, recent: Item[]): Item {
  return {
    label: '&File',
    submenu: [
      command('New Blank Plan', 'file:new-blank', 'CmdOrCtrl+N'),
      command('New from Sample', 'file:new-sample', 'CmdOrCtrl+Shift+N'),
      command('Open…', 'file:open', 'CmdOrCtrl+O'),
      { label: 'Open Recent', submenu: recent },
      { type: 'separator' },
      command('Save', 'file:save', 'CmdOrCtrl+S'),
      command('Save As…', 'file:save-as', 'CmdOrCtrl+Shift+S'),
      { type: 'separator' },
      command('Export to Excel…', 'file:export-xlsx', 'CmdOrCtrl+E'),
      command('Import from Excel…', 'file:import-xlsx', 'CmdOrCtrl+Shift+I'),
      command('Import Actuals…', 'file:import-actuals', 'CmdOrCtrl+Shift+U'),
      command('Export Reconciliation as CSV…', 'file:export-reconciliation-csv'),
      { type: 'separator' },
      command('Plan Properties…', 'file:plan-properties'),
      { type: 'separator' },
      command('Close', 'file:close', 'CmdOrCtrl+W'),
      ...(isMac ? [] : [{ type: 'separator' } as const, { role: 'quit', accelerator: 'Ctrl+Q' } as const]),
    ],
  };
}

function editMenu(isMac: boolean, command: CommandItem): Item {
  return {
    label: '&Edit',
    submenu: [
      command('Undo', 'edit:undo', 'CmdOrCtrl+Z'),
      // The platform's redo: Shift+Cmd+Z on macOS, Ctrl+Y on Windows and Linux (the grid also takes Ctrl+Shift+Z).
      command('Redo', 'edit:redo', isMac ? 'Shift+CmdOrCtrl+Z' : 'Ctrl+Y'),
      { type: 'separator' },
      { role: 'cut', accelerator: 'CmdOrCtrl+X' },
      { role: 'copy', accelerator: 'CmdOrCtrl+C' },
      { role: 'paste', accelerator: 'CmdOrCtrl+V' },
      command('Select All', 'edit:select-all', 'CmdOrCtrl+A'),
      { type: 'separator' },
      command('Fill Down', 'edit:fill-down', 'CmdOrCtrl+D'),
    ],
  };
}

function viewMenu(state: MenuState, actions: MenuActions): Item {
  const themeItem = (label: string, source: ThemeSource): Item => ({
    label,
    type: 'radio',
    checked: state.themeSource === source,
    click: () => actions.setTheme(source),
  });
  return {
    label: '&View',
    submenu: [
      { role: 'zoomIn', accelerator: 'CmdOrCtrl+=' },
      { role: 'zoomOut', accelerator: 'CmdOrCtrl+-' },
      { role: 'resetZoom', accelerator: 'CmdOrCtrl+0' },
      { type: 'separator' },
      {
        label: 'Theme',
        submenu: [themeItem('Follow System', 'system'), themeItem('Light', 'light'), themeItem('Dark', 'dark')],
      },
      { type: 'separator' },
      { role: 'togglefullscreen' },
      ...(state.isPackaged
        ? []
        : [{ type: 'separator' } as const, { role: 'reload' } as const, { role: 'toggleDevTools' } as const]),
    ],
  };
}

function helpMenu(isMac: boolean, state: MenuState, actions: MenuActions, command: CommandItem): Item {
  return {
    label: '&Help',
    role: 'help',
    submenu: [
      ...(isMac ? [] : [{ label: `About ${state.appName}`, click: () => actions.showAbout() } as const]),
      command('Keyboard Shortcuts', 'help:keyboard-shortcuts', 'CmdOrCtrl+/'),
      command('Pricing Sources', 'help:pricing-sources'),
    ],
  };
}

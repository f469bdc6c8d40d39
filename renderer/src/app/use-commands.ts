import { type RefObject, useCallback, useEffect, useRef } from 'react';
import type { MenuCommand, PixelLedgerApi } from '../../../shared/ipc/contract';
import type { PlanGridHandle } from '../grid/plan-grid-types';
import type { PlanStore } from '../state/plan-store';
import type { PlanFiles } from '../state/plan-files';

interface CommandOptions {
  readonly api: PixelLedgerApi;
  readonly store: PlanStore;
  readonly grid: RefObject<PlanGridHandle | null>;
  readonly files: PlanFiles;
  reportError: (message: string) => void;
  showAbout: (text: string) => void;
  showPricingSources: () => void;
  showKeyboardHelp: () => void;
  showPlanProperties: () => void;
  /** File › Import actuals…: pick a usage or cost export. */
  importActuals: () => Promise<unknown>;
  attempt: (task: Promise<unknown>) => void;
}

function isTextField(el: EventTarget | null): boolean {
  return (
    el instanceof HTMLInputElement ||
    el instanceof HTMLTextAreaElement ||
    el instanceof HTMLSelectElement ||
    (el instanceof HTMLElement && el.isContentEditable)
  );
}

/** The grid's clipboard handlers answer copy/cut/paste events only while it has the focus. */
function gridHasFocus(): boolean {
  return document.querySelector('[data-testid="plan-grid"]')?.contains(document.activeElement) ?? false;
}

/** Shortcuts the page handles itself (in a plain browser there is no native menu to send them). */
function shortcutOf(e: KeyboardEvent): MenuCommand | null {
  if (!(e.ctrlKey || e.metaKey) || e.altKey) return null;
  const key = e.key.toLowerCase();
  if (key === 'z') return e.shiftKey ? 'edit:redo' : 'edit:undo';
  if (key === 'y' && !e.shiftKey) return 'edit:redo';
  if (key === 's') return e.shiftKey ? 'file:save-as' : 'file:save';
  if (key === 'o' && !e.shiftKey) return 'file:open';
  if (key === '/' && !e.shiftKey) return 'help:keyboard-shortcuts';
  return null;
}

/** What an Edit command needs: the plan's history, the grid, and a way to say what went wrong. */
interface EditTarget {
  readonly store: PlanStore;
  readonly grid: RefObject<PlanGridHandle | null>;
  reportError: (message: string) => void;
}

/** Copy or cut: the native way first (a copy/cut event the focused grid or field answers), else the clipboard. */
async function copyOrCut(command: 'edit:copy' | 'edit:cut', target: EditTarget, inText: boolean): Promise<void> {
  if ((inText || gridHasFocus()) && document.execCommand(command === 'edit:copy' ? 'copy' : 'cut')) return;
  const grid = target.grid.current;
  const text = command === 'edit:copy' ? grid?.copySelection() : grid?.cutSelection();
  if (text)
    await navigator.clipboard
      .writeText(text)
      .catch(() => target.reportError('The clipboard is not available to this window.'));
}

async function paste(target: EditTarget, inText: boolean): Promise<void> {
  if ((inText || gridHasFocus()) && document.execCommand('paste')) return;
  const text = await navigator.clipboard.readText().catch(() => null);
  if (text === null) target.reportError('The clipboard could not be read: use Ctrl+V (Cmd+V) in the grid instead.');
  else target.grid.current?.pasteText(text);
}

/** The Edit menu: in a text field, the field's own undo, clipboard and select-all; elsewhere the plan's. */
async function runEditCommand(command: MenuCommand, target: EditTarget): Promise<void> {
  const inText = isTextField(document.activeElement);
  switch (command) {
    case 'edit:undo':
      if (inText) document.execCommand('undo');
      else target.store.undo();
      return;
    case 'edit:redo':
      if (inText) document.execCommand('redo');
      else target.store.redo();
      return;
    case 'edit:copy':
    case 'edit:cut':
      return copyOrCut(command, target, inText);
    case 'edit:paste':
      return paste(target, inText);
    case 'edit:select-all':
      if (inText) document.execCommand('selectAll');
      else target.grid.current?.selectAll();
      return;
    case 'edit:fill-down':
      target.grid.current?.fillDown();
      return;
    default:
      return;
  }
}

/** Pressed on their own, these start a shortcut: they never separate its two copies. */
const MODIFIER_KEYS = new Set(['Control', 'Meta', 'Shift', 'Alt', 'AltGraph']);

/**
 * A shortcut pressed in the page and the same command from the native menu: the second copy is dropped
 * when it comes within 400 ms with no other key or click between (one press seen twice, not two presses).
 */
export function useCommandDispatch(
  api: PixelLedgerApi,
  run: (command: MenuCommand) => Promise<unknown>,
  attempt: (task: Promise<unknown>) => void,
) {
  const last = useRef<{ command: MenuCommand; at: number; source: 'key' | 'menu' } | null>(null);
  const latest = useRef({ run, attempt });
  latest.current = { run, attempt };
  useEffect(() => {
    const dispatch = (command: MenuCommand, source: 'key' | 'menu') => {
      const previous = last.current;
      last.current = { command, at: Date.now(), source };
      if (previous && previous.command === command && previous.source !== source && Date.now() - previous.at < 400)
        return;
      latest.current.attempt(latest.current.run(command));
    };
    const onKey = (e: KeyboardEvent) => {
      const command = shortcutOf(e);
      if (command === null) {
        // Another key between the two copies: the next shortcut is a new press, never a copy.
        if (!MODIFIER_KEYS.has(e.key)) last.current = null;
        return;
      }
      // Undo inside a text field undoes its typing, not the plan.
      if ((command === 'edit:undo' || command === 'edit:redo') && isTextField(e.target)) return;
      e.preventDefault();
      dispatch(command, 'key');
    };
    // A click between the two copies, as a key does, makes the next command a new one.
    const onPointer = () => {
      last.current = null;
    };
    window.addEventListener('keydown', onKey);
    window.addEventListener('pointerdown', onPointer, true);
    const off = api.on('menu:command', ({ command }) => dispatch(command, 'menu'));
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('pointerdown', onPointer, true);
      off();
    };
  }, [api]);
}

/**
 * One place for what the File, Edit and Help menus, the keyboard and the toolbar ask for. In the desktop
 * app a shortcut may reach both the native menu and the page: the second copy is dropped.
 */
export function useCommands(options: CommandOptions): (command: MenuCommand) => Promise<unknown> {
  const { api, store, grid, files, reportError, showAbout, showPricingSources, attempt } = options;
  const { showKeyboardHelp, showPlanProperties, importActuals } = options;
  const run = useCallback(
    async (command: MenuCommand): Promise<unknown> => {
      switch (command) {
        case 'file:new-blank':
          return files.newPlan('blank');
        case 'file:new-sample':
          return files.newPlan('sample');
        case 'file:open':
          return files.openPlan(null);
        case 'file:save':
          return files.save(false);
        case 'file:save-as':
          return files.save(true);
        case 'file:close':
          return files.newPlan('blank', 'closing the plan');
        case 'file:export-xlsx':
          return files.exportXlsx();
        case 'file:export-reconciliation-csv':
          return files.exportReconciliationCsv();
        case 'file:import-xlsx':
          return files.importXlsx();
        case 'file:import-actuals':
          return importActuals();
        case 'help:about': {
          const info = await api.invoke('app:info', {});
          showAbout(
            `Pixel Ledger ${info.version} (${info.shell}, ${info.platform}). Plans AI image-generation budgets with exact, dated prices.`,
          );
          return;
        }
        case 'file:plan-properties':
          showPlanProperties();
          return;
        case 'help:pricing-sources':
          showPricingSources();
          return;
        case 'help:keyboard-shortcuts':
          showKeyboardHelp();
          return;
        default:
          return runEditCommand(command, { store, grid, reportError });
      }
    },
    [
      api,
      files,
      grid,
      importActuals,
      reportError,
      showAbout,
      showKeyboardHelp,
      showPlanProperties,
      showPricingSources,
      store,
    ],
  );
  useCommandDispatch(api, run, attempt);
  return run;
}

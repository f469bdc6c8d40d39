import { useCallback, useEffect, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { MenuCommand, PixelLedgerApi } from '../../../shared/ipc/contract';
import { parsePlanText } from '../../../shared/plan/plan-document';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { PLAN_FILE_EXTENSION } from '../../../shared/plan/plan-schema';
import { getApi } from '../bridge/get-api';
import { type BlockReport, PlanGrid, type PlanGridHandle } from '../grid/PlanGrid';
import { usd, microText } from '../grid/money-text';
import { ChartsPanel } from '../panels/ChartsPanel';
import { ImportPreview } from '../panels/ImportPreview';
import { PriceBookPanel } from '../panels/PriceBookPanel';
import { QuotePanel } from '../panels/QuotePanel';
import { ScenariosPanel } from '../panels/ScenariosPanel';
import { SubtotalsPanel } from '../panels/SubtotalsPanel';
import type { Command } from '../state/commands';
import { PlanEstimator } from '../state/plan-estimator';
import { PlanStore } from '../state/plan-store';
import { planAddRow, planDeleteRows, planDuplicateRows, planMoveRow } from '../state/row-ops';
import { Modal } from './Modal';
import { RecentFiles } from './RecentFiles';
import { useTheme } from './use-theme';
import { displayFileName, localToday, windowTitle } from './window-title';

type UnsavedChoice = 'save' | 'discard' | 'cancel';
type PanelId = 'subtotals' | 'scenarios' | 'prices' | 'quote' | 'charts';

const PANELS: readonly { id: PanelId; label: string }[] = [
  { id: 'subtotals', label: 'Subtotals' },
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'prices', label: 'Price book' },
  { id: 'quote', label: 'Quote' },
  { id: 'charts', label: 'Charts' },
];

const AUTOSAVE_DELAY_MS = 1500;

interface Recovery {
  readonly savedAt: string;
  readonly planName: string;
}

interface PendingImport {
  readonly document: PlanDocument;
  readonly path: string;
}

function isTextField(el: EventTarget | null): boolean {
  return el instanceof HTMLInputElement || el instanceof HTMLTextAreaElement || el instanceof HTMLSelectElement || (el instanceof HTMLElement && el.isContentEditable);
}

/** The grid's clipboard handlers answer copy/cut/paste events only while it has the focus. */
function gridHasFocus(): boolean {
  return document.querySelector('[data-testid="plan-grid"]')?.contains(document.activeElement) ?? false;
}

export function App() {
  const api = useMemo<PixelLedgerApi>(() => getApi(), []);
  const [store] = useState(() => new PlanStore(createLoadingPlan()));
  const [estimator] = useState(() => new PlanEstimator());
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const view = useMemo(() => estimator.view(snapshot.document), [estimator, snapshot.document]);
  const [ready, setReady] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [cellError, setCellError] = useState<string | null>(null);
  const [blockReport, setBlockReport] = useState<BlockReport | null>(null);
  const [recovery, setRecovery] = useState<Recovery | null>(null);
  const [unsavedAsk, setUnsavedAsk] = useState<{ resolve: (c: UnsavedChoice) => void; action: string } | null>(null);
  const [pendingImport, setPendingImport] = useState<PendingImport | null>(null);
  const [about, setAbout] = useState<string | null>(null);
  const [panel, setPanel] = useState<PanelId>('subtotals');
  const [selectionSummary, setSelectionSummary] = useState('');
  const [fillText, setFillText] = useState('');
  const [quickFilter, setQuickFilter] = useState('');
  const grid = useRef<PlanGridHandle>(null);
  useTheme(api);

  const run = useCallback((command: Command | null) => store.execute(command), [store]);
  /** Runs a user action; if the shell fails to answer, says so instead of failing silently. */
  const attempt = useCallback((task: Promise<unknown>) => {
    task.catch((e: unknown) => setError(`Pixel Ledger could not finish that: ${e instanceof Error ? e.message : String(e)}`));
  }, []);

  // ---- file flows -------------------------------------------------------------------------------
  const askUnsaved = useCallback((action: string) => new Promise<UnsavedChoice>((resolve) => setUnsavedAsk({ resolve, action })), []);

  const save = useCallback(
    async (saveAs: boolean): Promise<boolean> => {
      const snap = store.getSnapshot();
      const result = await api.invoke('plan:save', { document: snap.document, path: snap.path, saveAs: saveAs || snap.path === null });
      if (result.ok) {
        store.markSaved(result.path, snap.version);
        setError(null);
        setInfo(`Saved to ${result.path}`);
        return true;
      }
      if ('error' in result) setError(`Could not save the plan: ${result.error}`);
      return false;
    },
    [api, store],
  );

  /**
   * The autosave of a plan the user chose to replace is stale. recovery:discard also drops a crash
   * recovery still on offer, so it waits until that offer has been answered.
   */
  const recoveryOffered = useRef(false);
  const dropStaleAutosave = useCallback(async () => {
    if (!recoveryOffered.current) await api.invoke('recovery:discard', {}).catch(() => undefined);
  }, [api]);

  /** True when the user is fine to replace the current plan (saved, or chose not to save). */
  const settleUnsaved = useCallback(
    async (action: string): Promise<boolean> => {
      if (!store.getSnapshot().dirty) return true;
      const choice = await askUnsaved(action);
      if (choice === 'cancel') return false;
      if (choice === 'save') return save(false);
      return true;
    },
    [askUnsaved, save, store],
  );

  const loadPlan = useCallback(
    (document: PlanDocument, path: string | null, dirty = false) => {
      store.load(document, path, { dirty });
      setCellError(null);
      setBlockReport(null);
    },
    [store],
  );

  const openPlan = useCallback(
    async (path: string | null) => {
      if (!(await settleUnsaved('opening another plan'))) return;
      const result = await api.invoke('plan:open', { path });
      if (result.ok) {
        loadPlan(result.plan.document, result.plan.path);
        setError(null);
        await dropStaleAutosave();
      } else if ('error' in result) {
        setError(`Could not open the plan: ${result.error}`);
      }
    },
    [api, dropStaleAutosave, loadPlan, settleUnsaved],
  );

  const newPlan = useCallback(
    async (template: 'blank' | 'sample', action = 'starting a new plan') => {
      if (!(await settleUnsaved(action))) return;
      const opened = await api.invoke('plan:new', { template, today: localToday() });
      loadPlan(opened.document, opened.path);
      setError(null);
      await dropStaleAutosave();
    },
    [api, dropStaleAutosave, loadPlan, settleUnsaved],
  );

  const closeWindow = useCallback(async () => {
    if (!(await settleUnsaved('closing'))) return;
    await dropStaleAutosave();
    await api.invoke('window:close-confirmed', {});
  }, [api, dropStaleAutosave, settleUnsaved]);

  const exportXlsx = useCallback(async () => {
    const snap = store.getSnapshot();
    const result = await api.invoke('xlsx:export', { document: snap.document, scenarioId: snap.document.activeScenarioId, path: null });
    if (result.ok) setInfo(`Exported to ${result.path}`);
    else if ('error' in result) setError(`Could not export the workbook: ${result.error}`);
  }, [api, store]);

  const importXlsx = useCallback(async () => {
    const result = await api.invoke('xlsx:import', { path: null });
    if (result.ok) setPendingImport({ document: result.document, path: result.path });
    else if ('error' in result) setError(`Could not import the workbook: ${result.error}`);
  }, [api]);

  const openDropped = useCallback(
    async (file: File) => {
      const filePath = api.pathForFile(file);
      if (filePath !== null) {
        await openPlan(filePath);
        return;
      }
      // No path in a plain browser: read the file and open it as an unsaved copy.
      const text = await file.text();
      const parsed = parsePlanText(text);
      if (!parsed.ok) {
        setError(`Could not open ${file.name}: ${parsed.error}`);
        return;
      }
      if (!(await settleUnsaved('opening the dropped plan'))) return;
      loadPlan(parsed.value, null, true);
      setError(null);
    },
    [api, loadPlan, openPlan, settleUnsaved],
  );

  // ---- edit commands (keyboard, toolbar and the Edit menu share these) --------------------------
  /** The last shortcut or menu command: the desktop menu and the page may both see one key press. */
  const lastCommand = useRef<{ command: MenuCommand; at: number; source: 'key' | 'menu' } | null>(null);
  const isEcho = (command: MenuCommand, source: 'key' | 'menu'): boolean => {
    const last = lastCommand.current;
    const echo = last !== null && last.command === command && last.source !== source && Date.now() - last.at < 400;
    lastCommand.current = { command, at: Date.now(), source };
    return echo;
  };
  const editCommand = useCallback(
    async (command: MenuCommand) => {
      const active = document.activeElement;
      const inText = isTextField(active);
      switch (command) {
        case 'edit:undo':
          if (inText) document.execCommand('undo');
          else store.undo();
          return;
        case 'edit:redo':
          if (inText) document.execCommand('redo');
          else store.redo();
          return;
        case 'edit:copy':
        case 'edit:cut': {
          if (inText) {
            document.execCommand(command === 'edit:copy' ? 'copy' : 'cut');
            return;
          }
          // The native way first: it fires a copy/cut event the grid answers; else the async clipboard.
          if (gridHasFocus() && document.execCommand(command === 'edit:copy' ? 'copy' : 'cut')) return;
          const text = command === 'edit:copy' ? grid.current?.copySelection() : grid.current?.cutSelection();
          if (text) await navigator.clipboard.writeText(text).catch(() => setError('The clipboard is not available to this window.'));
          return;
        }
        case 'edit:paste': {
          if (inText) {
            document.execCommand('paste');
            return;
          }
          if (gridHasFocus() && document.execCommand('paste')) return;
          const text = await navigator.clipboard.readText().catch(() => null);
          if (text === null) setError('The clipboard could not be read: use Ctrl+V (Cmd+V) in the grid instead.');
          else grid.current?.pasteText(text);
          return;
        }
        case 'edit:select-all':
          if (inText) document.execCommand('selectAll');
          else grid.current?.selectAll();
          return;
        case 'edit:fill-down':
          grid.current?.fillDown();
          return;
        default:
          return;
      }
    },
    [store],
  );

  const runCommand = useCallback(
    async (command: MenuCommand) => {
      switch (command) {
        case 'file:new-blank':
          return newPlan('blank');
        case 'file:new-sample':
          return newPlan('sample');
        case 'file:open':
          return openPlan(null);
        case 'file:save':
          return save(false);
        case 'file:save-as':
          return save(true);
        case 'file:close':
          return newPlan('blank', 'closing the plan');
        case 'file:export-xlsx':
          return exportXlsx();
        case 'file:import-xlsx':
          return importXlsx();
        case 'help:about': {
          const appInfo = await api.invoke('app:info', {});
          setAbout(`Pixel Ledger ${appInfo.version} (${appInfo.shell}, ${appInfo.platform}). Plans AI image-generation budgets with exact, dated prices.`);
          return;
        }
        case 'help:pricing-sources':
          setPanel('prices');
          return;
        default:
          return editCommand(command);
      }
    },
    [api, editCommand, exportXlsx, importXlsx, newPlan, openPlan, save],
  );

  const latestRun = useRef(runCommand);
  latestRun.current = runCommand;
  // Refs keep one subscription for the page's life while the handlers change.
  const latestMenu = useRef((command: MenuCommand) => (isEcho(command, 'menu') ? Promise.resolve() : latestRun.current(command)));
  const latestOpen = useRef(openPlan);
  latestOpen.current = openPlan;
  const latestClose = useRef(closeWindow);
  latestClose.current = closeWindow;

  // ---- startup and events -----------------------------------------------------------------------
  useEffect(() => {
    let cancelled = false;
    void api.invoke('app:startup', { today: localToday() }).then(
      (state) => {
        if (cancelled) return;
        store.load(state.plan.document, state.plan.path);
        if (state.recovery) {
          recoveryOffered.current = true;
          setRecovery({ savedAt: state.recovery.savedAt, planName: state.recovery.planName });
        }
        if (state.openError) setError(`Could not open the plan: ${state.openError}`);
        setReady(true);
      },
      (e: unknown) => {
        setError(`Pixel Ledger could not start: ${e instanceof Error ? e.message : String(e)}`);
        setReady(true);
      },
    );
    const offs = [
      api.on('menu:command', ({ command }) => attempt(latestMenu.current(command))),
      api.on('app:open-file', ({ path }) => attempt(latestOpen.current(path))),
      api.on('window:close-requested', () => attempt(latestClose.current())),
    ];
    return () => {
      cancelled = true;
      for (const off of offs) off();
    };
  }, [api, store]);

  // Title: in the page and, through main, in the window's title bar.
  const fileName = displayFileName(snapshot.path, snapshot.document.meta.name);
  const title = windowTitle(fileName, snapshot.dirty);
  useEffect(() => {
    document.title = title;
    if (ready) void api.invoke('window:document-state', { fileName: fileName.slice(0, 260), dirty: snapshot.dirty }).catch(() => undefined);
  }, [api, fileName, ready, snapshot.dirty, title]);

  // Autosave to the recovery file while there are unsaved changes.
  useEffect(() => {
    if (!ready || !snapshot.dirty) return;
    const timer = setTimeout(() => {
      const snap = store.getSnapshot();
      if (snap.dirty) void api.invoke('recovery:write', { document: snap.document, path: snap.path }).catch(() => undefined);
    }, AUTOSAVE_DELAY_MS);
    return () => clearTimeout(timer);
  }, [api, ready, snapshot.dirty, snapshot.version, store]);

  // Keyboard shortcuts for the whole window (the grid handles its own selection keys).
  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      const mod = e.ctrlKey || e.metaKey;
      if (!mod || e.altKey) return;
      const key = e.key.toLowerCase();
      let command: MenuCommand | null = null;
      if (key === 'z') command = e.shiftKey ? 'edit:redo' : 'edit:undo';
      else if (key === 'y' && !e.shiftKey) command = 'edit:redo';
      else if (key === 's') command = e.shiftKey ? 'file:save-as' : 'file:save';
      else if (key === 'o' && !e.shiftKey) command = 'file:open';
      if (command === null) return;
      if ((command === 'edit:undo' || command === 'edit:redo') && isTextField(e.target)) return;
      e.preventDefault();
      if (!isEcho(command, 'key')) attempt(latestRun.current(command));
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
    // isEcho only touches a ref.
  }, []);

  // Dropping a plan file onto the window opens it.
  useEffect(() => {
    const onDragOver = (e: DragEvent) => {
      if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
    };
    const onDrop = (e: DragEvent) => {
      const file = e.dataTransfer?.files[0];
      if (!file) return;
      e.preventDefault();
      if (!file.name.toLowerCase().endsWith(PLAN_FILE_EXTENSION)) {
        setError(`${file.name} is not a plan: drop a ${PLAN_FILE_EXTENSION} file`);
        return;
      }
      attempt(openDropped(file));
    };
    window.addEventListener('dragover', onDragOver);
    window.addEventListener('drop', onDrop);
    return () => {
      window.removeEventListener('dragover', onDragOver);
      window.removeEventListener('drop', onDrop);
    };
  }, [openDropped]);

  const doc = snapshot.document;
  const selectedRows = () => grid.current?.selectedRowIds() ?? [];
  const activeScenario = doc.scenarios.find((s) => s.id === doc.activeScenarioId) ?? null;

  return (
    <div className="pl-app">
      <header className="pl-header">
        <div className="pl-title" data-testid="title">
          {title}
        </div>
        <div className="pl-toolbar" role="toolbar" aria-label="File">
          <button type="button" data-testid="new-button" onClick={() => attempt(newPlan('blank'))}>
            New
          </button>
          <button type="button" data-testid="new-sample-button" onClick={() => attempt(newPlan('sample'))}>
            New sample
          </button>
          <button type="button" data-testid="open-button" onClick={() => attempt(openPlan(null))}>
            Open…
          </button>
          <RecentFiles api={api} onOpen={(p) => attempt(openPlan(p))} />
          <button type="button" data-testid="save-button" onClick={() => attempt(save(false))}>
            Save
          </button>
          <button type="button" data-testid="save-as-button" onClick={() => attempt(save(true))}>
            Save As…
          </button>
          <button type="button" data-testid="close-button" onClick={() => attempt(newPlan('blank', 'closing the plan'))}>
            Close
          </button>
          <span className="pl-sep" />
          <button type="button" data-testid="undo-button" disabled={snapshot.undoLabel === null} title={snapshot.undoLabel ? `Undo ${snapshot.undoLabel}` : 'Nothing to undo'} onClick={() => store.undo()}>
            Undo
          </button>
          <button type="button" data-testid="redo-button" disabled={snapshot.redoLabel === null} title={snapshot.redoLabel ? `Redo ${snapshot.redoLabel}` : 'Nothing to redo'} onClick={() => store.redo()}>
            Redo
          </button>
          <span className="pl-sep" />
          <button type="button" data-testid="add-row-button" onClick={() => run(planAddRow(doc))}>
            Add row
          </button>
          <button type="button" data-testid="duplicate-row-button" onClick={() => run(planDuplicateRows(doc, selectedRows()))}>
            Duplicate
          </button>
          <button type="button" data-testid="delete-row-button" onClick={() => run(planDeleteRows(doc, selectedRows()))}>
            Delete rows
          </button>
          <button type="button" data-testid="move-up-button" title="Move the row up in the plan's order" onClick={() => movePlanRow(-1)}>
            ↑
          </button>
          <button type="button" data-testid="move-down-button" title="Move the row down in the plan's order" onClick={() => movePlanRow(1)}>
            ↓
          </button>
          <span className="pl-sep" />
          <button type="button" data-testid="fill-down-button" title="Fill down (Ctrl/Cmd+D)" onClick={() => grid.current?.fillDown()}>
            Fill down
          </button>
          <input className="pl-fill-input" data-testid="fill-input" placeholder="Value for selection" value={fillText} onChange={(e) => setFillText(e.target.value)} />
          <button type="button" data-testid="fill-selection-button" onClick={() => grid.current?.fillValue(fillText)}>
            Fill selection
          </button>
          <span className="pl-sep" />
          <input className="pl-fill-input" type="search" data-testid="quick-filter" placeholder="Filter rows…" aria-label="Filter rows" value={quickFilter} onChange={(e) => setQuickFilter(e.target.value)} />
          <label className="pl-scenario-label">
            Scenario{' '}
            <select
              data-testid="scenario-select"
              value={doc.activeScenarioId ?? ''}
              onChange={(e) => {
                const next = e.target.value === '' ? null : e.target.value;
                run({ kind: 'set-parts', label: 'Switch scenario', before: { activeScenarioId: doc.activeScenarioId }, after: { activeScenarioId: next } });
              }}
            >
              <option value="">Base plan</option>
              {doc.scenarios.map((s) => (
                <option key={s.id} value={s.id}>
                  {s.name}
                </option>
              ))}
            </select>
          </label>
        </div>
      </header>

      {error && (
        <div className="pl-banner pl-banner-error" role="alert" data-testid="error-banner">
          <span>{error}</span>
          <button type="button" aria-label="Dismiss" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      {recovery && (
        <div className="pl-banner pl-banner-warning" data-testid="recovery-banner">
          <span>
            Unsaved changes to “{recovery.planName}” from {new Date(recovery.savedAt).toLocaleString()} were recovered.
          </span>
          <button type="button" data-testid="recovery-restore" onClick={() => attempt(restoreRecovery())}>
            Restore
          </button>
          <button type="button" data-testid="recovery-discard" onClick={() => attempt(discardRecovery())}>
            Discard
          </button>
        </div>
      )}
      {view.scenarioError && (
        <div className="pl-banner pl-banner-error" role="alert" data-testid="scenario-error">
          {view.scenarioError}. The base plan is shown for the rows concerned.
        </div>
      )}
      {activeScenario && (
        <div className="pl-banner pl-banner-info" data-testid="scenario-banner">
          Scenario “{activeScenario.name}”: edits to inputs become this scenario's overrides (highlighted); Delete resets a cell to the base plan.
        </div>
      )}

      <main className="pl-main">
        <PlanGrid
          ref={grid}
          view={view}
          document={doc}
          quickFilter={quickFilter}
          onCommand={run}
          onBlockReport={setBlockReport}
          onCellError={setCellError}
          onSelectionSummary={setSelectionSummary}
        />
      </main>

      <div className="pl-statusbar">
        <span data-testid="selection-summary">{selectionSummary}</span>
        {cellError && (
          <span className="pl-status-error" role="alert" data-testid="cell-error">
            {cellError}
          </span>
        )}
        {info && !cellError && <span data-testid="info-message">{info}</span>}
        <span className="pl-status-total">
          Total{' '}
          <strong data-testid="total-cost" data-micro={microText(view.totals.totalCost)}>
            {usd(view.totals.totalCost)}
          </strong>
          {activeScenario ? ` (${activeScenario.name})` : ''}
        </span>
      </div>
      {blockReport && (
        <div className={`pl-report${blockReport.problems.length > 0 ? ' pl-report-problems' : ''}`} role="status" data-testid="paste-report">
          <div>
            <strong>{blockReport.action}:</strong> {blockReport.applied} cell{blockReport.applied === 1 ? '' : 's'} changed
            {blockReport.problems.length > 0 ? `, ${blockReport.problems.length} skipped:` : '.'}
            <button type="button" aria-label="Dismiss" onClick={() => setBlockReport(null)}>
              ×
            </button>
          </div>
          {blockReport.problems.length > 0 && (
            <ul>
              {blockReport.problems.slice(0, 20).map((p, i) => (
                <li key={i} data-testid="paste-problem">
                  {p.cell}: {p.reason}
                </li>
              ))}
              {blockReport.problems.length > 20 && <li>… and {blockReport.problems.length - 20} more</li>}
            </ul>
          )}
        </div>
      )}

      <section className="pl-panels">
        <nav className="pl-tabs" role="tablist">
          {PANELS.map((p) => (
            <button key={p.id} type="button" role="tab" aria-selected={panel === p.id} data-testid={`tab-${p.id}`} className={panel === p.id ? 'active' : undefined} onClick={() => setPanel(p.id)}>
              {p.label}
            </button>
          ))}
        </nav>
        <div className="pl-panel-body">
          {panel === 'subtotals' && <SubtotalsPanel view={view} />}
          {panel === 'scenarios' && <ScenariosPanel document={doc} onCommand={run} />}
          {panel === 'prices' && <PriceBookPanel document={doc} onCommand={run} />}
          {panel === 'quote' && <QuotePanel document={doc} context={view.context} />}
          {panel === 'charts' && <ChartsPanel document={doc} view={view} />}
        </div>
      </section>

      {unsavedAsk && (
        <Modal
          title="Save changes?"
          testId="unsaved-dialog"
          buttons={[
            { label: 'Save', primary: true, testId: 'unsaved-save', onClick: () => answerUnsaved('save') },
            { label: "Don't Save", testId: 'unsaved-discard', onClick: () => answerUnsaved('discard') },
            { label: 'Cancel', testId: 'unsaved-cancel', onClick: () => answerUnsaved('cancel') },
          ]}
        >
          “{fileName}” has unsaved changes. Save them before {unsavedAsk.action}?
        </Modal>
      )}
      {pendingImport && (
        <Modal
          title="Import from Excel"
          testId="import-dialog"
          wide
          buttons={[
            { label: 'Import', primary: true, testId: 'import-confirm', onClick: () => confirmImport() },
            { label: 'Cancel', testId: 'import-cancel', onClick: () => setPendingImport(null) },
          ]}
        >
          <ImportPreview before={doc} after={pendingImport.document} source={displayFileName(pendingImport.path, 'the workbook')} />
          <p className="pl-muted">Importing replaces the plan's rows, scenarios and prices with the workbook's; Undo takes it back in one step.</p>
        </Modal>
      )}
      {about && (
        <Modal title="About Pixel Ledger" buttons={[{ label: 'Close', primary: true, onClick: () => setAbout(null) }]}>
          {about}
        </Modal>
      )}
    </div>
  );

  function answerUnsaved(choice: UnsavedChoice) {
    unsavedAsk?.resolve(choice);
    setUnsavedAsk(null);
  }

  function movePlanRow(delta: number) {
    const [first] = selectedRows();
    if (first === undefined) return;
    run(planMoveRow(doc, first, delta));
    requestAnimationFrame(() => grid.current?.focusRow(first));
  }

  function confirmImport() {
    if (!pendingImport) return;
    const next = pendingImport.document;
    run({
      kind: 'set-parts',
      label: 'Import from Excel',
      before: { meta: doc.meta, priceEntries: doc.priceEntries, rows: doc.rows, scenarios: doc.scenarios, activeScenarioId: doc.activeScenarioId },
      after: { meta: next.meta, priceEntries: next.priceEntries, rows: next.rows, scenarios: next.scenarios, activeScenarioId: next.activeScenarioId },
    });
    setInfo(`Imported ${next.rows.length} rows from ${pendingImport.path}`);
    setPendingImport(null);
  }

  async function restoreRecovery() {
    const result = await api.invoke('recovery:restore', {});
    recoveryOffered.current = false;
    setRecovery(null);
    if (result.ok) loadPlan(result.plan.document, result.plan.path, true);
    else setError(`Could not restore the recovered plan: ${result.error}`);
  }

  async function discardRecovery() {
    recoveryOffered.current = false;
    setRecovery(null);
    await api.invoke('recovery:discard', {});
  }
}

/** Shown for the moment before app:startup answers. */
function createLoadingPlan(): PlanDocument {
  return {
    schemaVersion: 1,
    meta: { name: 'Loading…', owner: '', currency: 'USD', displayCurrency: null, priceBookAsOf: localToday(), notes: '' },
    priceEntries: [],
    rows: [],
    scenarios: [],
    activeScenarioId: null,
    actuals: { batches: [] },
  };
}

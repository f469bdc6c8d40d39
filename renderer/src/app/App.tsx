import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { blankPlan } from '../../../shared/plan/new-plan';
import { getApi } from '../bridge/get-api';
import type { GroupBy } from '../grid/grouping';
import { type BlockReport, PlanGrid, type PlanGridHandle } from '../grid/PlanGrid';
import { ChartsPanel } from '../panels/ChartsPanel';
import { ImportPreview } from '../panels/ImportPreview';
import { PriceBookPanel } from '../panels/PriceBookPanel';
import { QuotePanel } from '../panels/QuotePanel';
import { ScenariosPanel } from '../panels/ScenariosPanel';
import { SubtotalsPanel } from '../panels/SubtotalsPanel';
import type { Command } from '../state/commands';
import { PlanEstimator } from '../state/plan-estimator';
import { PlanStore } from '../state/plan-store';
import { Modal } from './Modal';
import { BlockReportView, StatusBar } from './StatusBar';
import { Toolbar } from './Toolbar';
import { useCommands } from './use-commands';
import { usePlanFiles } from './use-plan-files';
import { useTheme } from './use-theme';
import { todayUtc } from '../../../shared/today';
import { displayFileName } from './window-title';

type PanelId = 'subtotals' | 'scenarios' | 'prices' | 'quote' | 'charts';

const PANELS: readonly { id: PanelId; label: string }[] = [
  { id: 'subtotals', label: 'Subtotals' },
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'prices', label: 'Price book' },
  { id: 'quote', label: 'Quote' },
  { id: 'charts', label: 'Charts' },
];

/**
 * The app: one store owns the plan and its history; the grid, the panels and the file flows read it and
 * send it commands. Talks to the main process only through the typed contract (getApi).
 */
export function App() {
  const api = useMemo<PixelLedgerApi>(() => getApi(), []);
  // Shown for the moment before app:startup answers.
  const [store] = useState(() => new PlanStore(blankPlan(todayUtc(new Date()), 'Loading…')));
  const [estimator] = useState(() => new PlanEstimator());
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const view = useMemo(() => estimator.view(snapshot.document), [estimator, snapshot.document]);
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [cellError, setCellError] = useState<string | null>(null);
  const [blockReport, setBlockReport] = useState<BlockReport | null>(null);
  const [about, setAbout] = useState<string | null>(null);
  const [panel, setPanel] = useState<PanelId>('subtotals');
  const [selectionSummary, setSelectionSummary] = useState('');
  const [quickFilter, setQuickFilter] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const grid = useRef<PlanGridHandle>(null);
  useTheme(api);

  const run = useCallback((command: Command | null) => store.execute(command), [store]);
  /** Runs a user action; if the shell fails to answer, says so instead of failing silently. */
  const attempt = useCallback((task: Promise<unknown>) => {
    task.catch((e: unknown) =>
      setError(`Pixel Ledger could not finish that: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, []);
  const onPlanReplaced = useCallback(() => {
    setCellError(null);
    setBlockReport(null);
  }, []);
  const showPricingSources = useCallback(() => setPanel('prices'), []);

  const files = usePlanFiles({
    api,
    store,
    snapshot,
    reportError: setError,
    reportInfo: setInfo,
    attempt,
    onPlanReplaced,
  });
  useCommands({ api, store, grid, files, reportError: setError, showAbout: setAbout, showPricingSources, attempt });

  const doc = snapshot.document;
  const activeScenario = doc.scenarios.find((s) => s.id === doc.activeScenarioId) ?? null;
  const pendingImport = files.pendingImport;

  const confirmImport = () => {
    if (!pendingImport) return;
    const next = pendingImport.document;
    run({
      kind: 'set-parts',
      label: 'Import from Excel',
      before: {
        meta: doc.meta,
        priceEntries: doc.priceEntries,
        rows: doc.rows,
        scenarios: doc.scenarios,
        activeScenarioId: doc.activeScenarioId,
      },
      after: {
        meta: next.meta,
        priceEntries: next.priceEntries,
        rows: next.rows,
        scenarios: next.scenarios,
        activeScenarioId: next.activeScenarioId,
      },
    });
    setInfo(`Imported ${next.rows.length} rows from ${pendingImport.path}`);
    files.cancelImport();
  };

  return (
    <div className="pl-app">
      <header className="pl-header">
        <div className="pl-title" data-testid="title">
          {files.title}
        </div>
        <Toolbar
          api={api}
          store={store}
          snapshot={snapshot}
          files={files}
          grid={grid}
          quickFilter={quickFilter}
          onQuickFilter={setQuickFilter}
          groupBy={groupBy}
          onGroupBy={setGroupBy}
          onCommand={run}
          attempt={attempt}
        />
      </header>

      {error && (
        <div className="pl-banner pl-banner-error" role="alert" data-testid="error-banner">
          <span>{error}</span>
          <button type="button" aria-label="Dismiss" onClick={() => setError(null)}>
            ×
          </button>
        </div>
      )}
      {files.recovery && (
        <div className="pl-banner pl-banner-warning" data-testid="recovery-banner">
          <span>
            Unsaved changes to “{files.recovery.planName}” from {new Date(files.recovery.savedAt).toLocaleString()} were
            recovered.
          </span>
          <button type="button" data-testid="recovery-restore" onClick={() => attempt(files.restoreRecovery())}>
            Restore
          </button>
          <button type="button" data-testid="recovery-discard" onClick={() => attempt(files.discardRecovery())}>
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
          Scenario “{activeScenario.name}”: edits to inputs become this scenario's overrides (highlighted); Delete
          resets a cell to the base plan.
        </div>
      )}

      <main className="pl-main">
        <PlanGrid
          ref={grid}
          view={view}
          document={doc}
          quickFilter={quickFilter}
          groupBy={groupBy}
          onCommand={run}
          onBlockReport={setBlockReport}
          onCellError={setCellError}
          onSelectionSummary={setSelectionSummary}
        />
      </main>

      <StatusBar
        selectionSummary={selectionSummary}
        cellError={cellError}
        info={info}
        totalCost={view.totals.totalCost}
        scenarioName={activeScenario?.name ?? null}
      />
      {blockReport && <BlockReportView report={blockReport} onDismiss={() => setBlockReport(null)} />}

      <section className="pl-panels">
        <nav className="pl-tabs" role="tablist">
          {PANELS.map((p) => (
            <button
              key={p.id}
              type="button"
              role="tab"
              aria-selected={panel === p.id}
              data-testid={`tab-${p.id}`}
              className={panel === p.id ? 'active' : undefined}
              onClick={() => setPanel(p.id)}
            >
              {p.label}
            </button>
          ))}
        </nav>
        <div className="pl-panel-body">
          {panel === 'subtotals' && <SubtotalsPanel view={view} />}
          {panel === 'scenarios' && <ScenariosPanel document={doc} onCommand={run} />}
          {panel === 'prices' && <PriceBookPanel document={doc} context={view.context} onCommand={run} />}
          {panel === 'quote' && <QuotePanel context={view.context} />}
          {panel === 'charts' && <ChartsPanel document={doc} view={view} />}
        </div>
      </section>

      {files.unsavedQuestion !== null && (
        <Modal
          title="Save changes?"
          testId="unsaved-dialog"
          buttons={[
            { label: 'Save', primary: true, testId: 'unsaved-save', onClick: () => files.answerUnsaved('save') },
            { label: "Don't Save", testId: 'unsaved-discard', onClick: () => files.answerUnsaved('discard') },
            { label: 'Cancel', testId: 'unsaved-cancel', onClick: () => files.answerUnsaved('cancel') },
          ]}
        >
          “{files.fileName}” has unsaved changes. Save them before {files.unsavedQuestion}?
        </Modal>
      )}
      {pendingImport && (
        <Modal
          title="Import from Excel"
          testId="import-dialog"
          wide
          buttons={[
            { label: 'Import', primary: true, testId: 'import-confirm', onClick: confirmImport },
            { label: 'Cancel', testId: 'import-cancel', onClick: () => files.cancelImport() },
          ]}
        >
          <ImportPreview
            before={doc}
            after={pendingImport.document}
            source={displayFileName(pendingImport.path, 'the workbook')}
          />
          <p className="pl-muted">
            Importing replaces the plan's rows, scenarios and prices with the workbook's; Undo takes it back in one
            step.
          </p>
        </Modal>
      )}
      {about && (
        <Modal title="About Pixel Ledger" buttons={[{ label: 'Close', primary: true, onClick: () => setAbout(null) }]}>
          {about}
        </Modal>
      )}
    </div>
  );
}

import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { blankPlan } from '../../../shared/plan/new-plan';
import { todayUtc } from '../../../shared/today';
import { ImportActualsDialog } from '../actuals/ImportActualsDialog';
import { useActualsImport } from '../actuals/use-actuals-import';
import { getApi } from '../bridge/get-api';
import type { GroupBy } from '../grid/grouping';
import { PlanGrid } from '../grid/PlanGrid';
import type { BlockReport, PlanGridHandle } from '../grid/plan-grid-types';
import type { ShownRows } from '../grid/use-shown-rows';
import type { Command } from '../state/commands';
import { PlanEstimator } from '../state/plan-estimator';
import { PlanStore } from '../state/plan-store';
import { AppBanners } from './AppBanners';
import { ColumnChooser } from '../grid/ColumnChooser';
import { FirstStartHint } from './FirstStartHint';
import { FileDialogs } from './FileDialogs';
import { KeyboardHelp } from './KeyboardHelp';
import { Modal } from './Modal';
import { PlanPropertiesDialog } from './PlanPropertiesDialog';
import { PanelArea, type PanelId } from './PanelArea';
import { BlockReportView, StatusBar } from './StatusBar';
import { RowMessages } from './RowMessages';
import { Toolbar } from './Toolbar';
import { useCommands } from './use-commands';
import { usePlanFiles } from './use-plan-files';
import { usePlanReconciliation } from './use-plan-reconciliation';
import { useFocusRegions } from './use-focus-regions';
import { usePreferences } from './use-preferences';
import { useTheme } from './use-theme';

const NONE_HIDDEN: readonly string[] = [];

/** The messages the app shows: an error banner, a notice, the last cell error and a block report. */
function useMessages() {
  const [error, setError] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  const [cellError, setCellError] = useState<string | null>(null);
  const [blockReport, setBlockReport] = useState<BlockReport | null>(null);
  /** Runs a user action; if the shell fails to answer, says so instead of failing silently. */
  const attempt = useCallback((task: Promise<unknown>) => {
    task.catch((e: unknown) =>
      setError(`Pixel Ledger could not finish that: ${e instanceof Error ? e.message : String(e)}`),
    );
  }, []);
  /** A different plan is shown: messages about the last one's cells are stale. */
  const onPlanReplaced = useCallback(() => {
    setCellError(null);
    setBlockReport(null);
  }, []);
  return {
    error,
    setError,
    info,
    setInfo,
    cellError,
    setCellError,
    blockReport,
    setBlockReport,
    attempt,
    onPlanReplaced,
  };
}

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
  const reconciliation = usePlanReconciliation(snapshot.document, view);
  const messages = useMessages();
  const { attempt, setError } = messages;
  const [about, setAbout] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'keyboard' | 'properties' | null>(null);
  const showKeyboardHelp = useCallback(() => setDialog('keyboard'), []);
  const showPlanProperties = useCallback(() => setDialog('properties'), []);
  const [panel, setPanel] = useState<PanelId>('subtotals');
  const [selectionSummary, setSelectionSummary] = useState('');
  const [quickFilter, setQuickFilter] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const [shownRows, setShownRows] = useState<ShownRows | null>(null);
  const grid = useRef<PlanGridHandle>(null);
  useTheme(api);
  const { preferences, change: changePreferences } = usePreferences(api, attempt);
  const hiddenColumnGroups = preferences?.hiddenColumnGroups ?? NONE_HIDDEN;

  const run = useCallback((command: Command | null) => store.execute(command), [store]);
  const showPricingSources = useCallback(() => setPanel('prices'), []);
  const actuals = useActualsImport({ api, store, reportInfo: messages.setInfo, attempt, onImported: setPanel });
  const { importActuals, onDroppedFile } = actuals;
  const files = usePlanFiles({
    api,
    store,
    snapshot,
    reportError: setError,
    reportInfo: messages.setInfo,
    attempt,
    onPlanReplaced: messages.onPlanReplaced,
    onDroppedFile,
  });
  useCommands({
    api,
    store,
    grid,
    files: files.actions,
    reportError: setError,
    showAbout: setAbout,
    showPricingSources,
    showKeyboardHelp,
    showPlanProperties,
    importActuals,
    attempt,
  });
  useFocusRegions(grid);

  const doc = snapshot.document;
  const activeScenario = doc.scenarios.find((s) => s.id === doc.activeScenarioId) ?? null;
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
          files={files.actions}
          grid={grid}
          quickFilter={quickFilter}
          onQuickFilter={setQuickFilter}
          groupBy={groupBy}
          onGroupBy={setGroupBy}
          onCommand={run}
          attempt={attempt}
          onShowKeyboardHelp={showKeyboardHelp}
          onImportActuals={() => attempt(importActuals())}
          columnChooser={
            <ColumnChooser
              hidden={hiddenColumnGroups}
              onChange={(hidden) => changePreferences({ hiddenColumnGroups: hidden })}
            />
          }
        />
      </header>
      {preferences && !preferences.firstStartHintDismissed && (
        <FirstStartHint onDismiss={() => changePreferences({ firstStartHintDismissed: true })} />
      )}
      <AppBanners
        error={messages.error}
        onDismissError={() => setError(null)}
        recovery={files.recovery}
        onRestore={() => attempt(files.actions.restoreRecovery())}
        onDiscard={() => attempt(files.actions.discardRecovery())}
        backup={files.backup}
        onRestoreBackup={() => attempt(files.actions.restoreBackup())}
        onDismissBackup={() => files.actions.dismissBackup()}
        scenarioError={view.scenarioError}
        activeScenario={activeScenario}
      />
      <main className="pl-main">
        <PlanGrid
          ref={grid}
          view={view}
          document={doc}
          quickFilter={quickFilter}
          groupBy={groupBy}
          onCommand={run}
          onBlockReport={messages.setBlockReport}
          onCellError={messages.setCellError}
          onSelectionSummary={setSelectionSummary}
          onShownRows={setShownRows}
          onNotice={messages.setInfo}
          hiddenColumnGroups={hiddenColumnGroups}
          reconciliation={reconciliation}
        />
      </main>
      <StatusBar
        selectionSummary={selectionSummary}
        cellError={messages.cellError}
        info={messages.info}
        totals={view.totals}
        shown={shownRows}
        scenarioName={activeScenario?.name ?? null}
      />
      <RowMessages rows={view.rows} />
      {messages.blockReport && (
        <BlockReportView report={messages.blockReport} onDismiss={() => messages.setBlockReport(null)} />
      )}
      <PanelArea
        panel={panel}
        onPanel={setPanel}
        document={doc}
        view={view}
        onCommand={run}
        onImportActuals={() => attempt(importActuals())}
        reconciliation={reconciliation}
      />
      <ImportActualsDialog state={actuals.state} flow={actuals.flow} />
      <FileDialogs state={files} files={files.actions} fileName={files.fileName} document={doc} />
      {dialog === 'keyboard' && <KeyboardHelp onClose={() => setDialog(null)} />}
      {dialog === 'properties' && (
        <PlanPropertiesDialog document={doc} onCommand={run} onClose={() => setDialog(null)} />
      )}
      {about && (
        <Modal title="About Pixel Ledger" buttons={[{ label: 'Close', primary: true, onClick: () => setAbout(null) }]}>
          {about}
        </Modal>
      )}
    </div>
  );
}

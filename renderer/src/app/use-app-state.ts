import { useCallback, useMemo, useRef, useState, useSyncExternalStore } from 'react';
import type { PixelLedgerApi } from '../../../shared/ipc/contract';
import { blankPlan } from '../../../shared/plan/new-plan';
import { todayUtc } from '../../../shared/today';
import { useActualsImport } from '../actuals/use-actuals-import';
import { getApi } from '../bridge/get-api';
import type { GroupBy } from '../grid/grouping';
import type { BlockReport, PlanGridHandle } from '../grid/plan-grid-types';
import type { ShownRows } from '../grid/use-shown-rows';
import type { Command } from '../state/commands';
import { PlanEstimator } from '../../../shared/estimate/plan-estimator';
import { PlanStore } from '../state/plan-store';
import { prepareEstimate } from '../state/prepare-estimate';
import type { PanelId } from './PanelArea';
import { useCommands } from './use-commands';
import { useFocusRegions } from './use-focus-regions';
import { usePlanFiles } from './use-plan-files';
import { usePreferences } from './use-preferences';
import { useTheme } from './use-theme';

const NONE_HIDDEN: readonly string[] = [];

/** The messages the app shows: an error banner, a notice, the last cell error and a block report. */
function useMessages() {
  const [error, setErrorText] = useState<string | null>(null);
  const [info, setInfo] = useState<string | null>(null);
  // An error is the latest word: a notice from before it ("Saved to …") would contradict it.
  const setError = useCallback((message: string | null) => {
    setErrorText(message);
    if (message !== null) setInfo(null);
  }, []);
  const [cellError, setCellError] = useState<string | null>(null);
  const [blockReport, setBlockReport] = useState<BlockReport | null>(null);
  /** Runs a user action; if the shell fails to answer, says so instead of failing silently. */
  const attempt = useCallback(
    (task: Promise<unknown>) => {
      task.catch((e: unknown) =>
        setError(`Pixel Ledger could not finish that: ${e instanceof Error ? e.message : String(e)}`),
      );
    },
    [setError],
  );
  /** A different plan is shown: messages about the last one (its cells, "Saved to …") are stale. */
  const onPlanReplaced = useCallback(() => {
    setCellError(null);
    setBlockReport(null);
    setInfo(null);
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

export type AppMessages = ReturnType<typeof useMessages>;

/** The store that owns the plan and its history, and the estimate view derived from its document. */
function usePlanModel() {
  // Shown for the moment before app:startup answers.
  const [store] = useState(() => new PlanStore(blankPlan(todayUtc(new Date()), 'Loading…')));
  const [estimator] = useState(() => new PlanEstimator());
  const snapshot = useSyncExternalStore(store.subscribe, store.getSnapshot);
  const view = useMemo(() => estimator.view(snapshot.document), [estimator, snapshot.document]);
  const run = useCallback((command: Command | null) => store.execute(command), [store]);
  const preparePlan = useCallback((document: unknown) => prepareEstimate(estimator, document), [estimator]);
  return { store, snapshot, view, run, preparePlan };
}

/** What the user chose to see: the open dialog, panel, filter, grouping, and the grid's own reports. */
function useViewChoices() {
  const [about, setAbout] = useState<string | null>(null);
  const [dialog, setDialog] = useState<'keyboard' | 'properties' | null>(null);
  const showKeyboardHelp = useCallback(() => setDialog('keyboard'), []);
  const showPlanProperties = useCallback(() => setDialog('properties'), []);
  const [panel, setPanel] = useState<PanelId>('subtotals');
  const showPricingSources = useCallback(() => setPanel('prices'), []);
  const [selectionSummary, setSelectionSummary] = useState('');
  const [quickFilter, setQuickFilter] = useState('');
  const [groupBy, setGroupBy] = useState<GroupBy>('none');
  const [shownRows, setShownRows] = useState<ShownRows | null>(null);
  // The Reconcile and Match rules tabs' As of day (null: the latest actual): one value, so both agree.
  const [reconcileAsOf, setReconcileAsOf] = useState<string | null>(null);
  return {
    about,
    setAbout,
    dialog,
    setDialog,
    showKeyboardHelp,
    showPlanProperties,
    panel,
    setPanel,
    showPricingSources,
    selectionSummary,
    setSelectionSummary,
    quickFilter,
    setQuickFilter,
    groupBy,
    setGroupBy,
    shownRows,
    setShownRows,
    reconcileAsOf,
    setReconcileAsOf,
  };
}

export type AppViewChoices = ReturnType<typeof useViewChoices>;

/**
 * Everything the app's parts share: the plan model, messages, view choices, preferences, and the file,
 * actuals-import and menu-command flows wired to them. Talks to the main process only through the typed
 * contract (getApi).
 */
export function useAppState() {
  const api = useMemo<PixelLedgerApi>(() => getApi(), []);
  const { store, snapshot, view, run, preparePlan } = usePlanModel();
  const messages = useMessages();
  const { attempt, setError } = messages;
  const choices = useViewChoices();
  const grid = useRef<PlanGridHandle>(null);
  useTheme(api);
  const { preferences, change: changePreferences } = usePreferences(api, attempt);
  const hiddenColumnGroups = preferences?.hiddenColumnGroups ?? NONE_HIDDEN;

  const { onPlanReplaced: clearMessages } = messages;
  const { setReconcileAsOf } = choices;
  // Another plan: its reconciliation starts at its own latest actual, not at the day picked for the last one.
  const onPlanReplaced = useCallback(() => {
    clearMessages();
    setReconcileAsOf(null);
  }, [clearMessages, setReconcileAsOf]);
  const actuals = useActualsImport({ api, store, reportInfo: messages.setInfo, attempt, onImported: choices.setPanel });
  const { importActuals, onDroppedFile } = actuals;
  const files = usePlanFiles({
    api,
    store,
    snapshot,
    reportError: setError,
    reportInfo: messages.setInfo,
    attempt,
    onPlanReplaced,
    onDroppedFile,
    preparePlan,
  });
  useCommands({
    api,
    store,
    grid,
    files: files.actions,
    reportError: setError,
    showAbout: choices.setAbout,
    showPricingSources: choices.showPricingSources,
    showKeyboardHelp: choices.showKeyboardHelp,
    showPlanProperties: choices.showPlanProperties,
    importActuals,
    attempt,
  });
  useFocusRegions(grid);

  const doc = snapshot.document;
  const activeScenario = doc.scenarios.find((s) => s.id === doc.activeScenarioId) ?? null;
  return {
    api,
    store,
    snapshot,
    view,
    run,
    doc,
    activeScenario,
    messages,
    choices,
    grid,
    preferences,
    changePreferences,
    hiddenColumnGroups,
    actuals,
    files,
  };
}

export type AppState = ReturnType<typeof useAppState>;

import { PlanGrid } from '../grid/PlanGrid';
import { AppBanners } from './AppBanners';
import { AppDialogs } from './AppDialogs';
import { AppHeader } from './AppHeader';
import { FirstStartHint } from './FirstStartHint';
import { PanelArea } from './PanelArea';
import { BlockReportView, StatusBar } from './StatusBar';
import { RowMessages } from './RowMessages';
import { useAppState } from './use-app-state';
import { usePlanReconciliation } from './use-plan-reconciliation';

/**
 * The app: one store owns the plan and its history; the grid, the panels and the file flows read it and
 * send it commands (the state and flows are wired in useAppState).
 */
export function App() {
  const app = useAppState();
  const { view, doc, activeScenario, messages, choices, files, preferences } = app;
  const { attempt, setError } = messages;
  const reconciliation = usePlanReconciliation(doc, view);
  return (
    <div className="pl-app">
      <AppHeader app={app} />
      {preferences && !preferences.firstStartHintDismissed && (
        <FirstStartHint onDismiss={() => app.changePreferences({ firstStartHintDismissed: true })} />
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
          ref={app.grid}
          view={view}
          document={doc}
          quickFilter={choices.quickFilter}
          groupBy={choices.groupBy}
          onCommand={app.run}
          onBlockReport={messages.setBlockReport}
          onCellError={messages.setCellError}
          onSelectionSummary={choices.setSelectionSummary}
          onShownRows={choices.setShownRows}
          onNotice={messages.setInfo}
          hiddenColumnGroups={app.hiddenColumnGroups}
          reconciliation={reconciliation}
        />
      </main>
      <StatusBar
        selectionSummary={choices.selectionSummary}
        cellError={messages.cellError}
        info={messages.info}
        totals={view.totals}
        shown={choices.shownRows}
        scenarioName={activeScenario?.name ?? null}
      />
      <RowMessages rows={view.rows} />
      {messages.blockReport && (
        <BlockReportView report={messages.blockReport} onDismiss={() => messages.setBlockReport(null)} />
      )}
      <PanelArea
        panel={choices.panel}
        onPanel={choices.setPanel}
        document={doc}
        view={view}
        onCommand={app.run}
        onImportActuals={() => attempt(app.actuals.importActuals())}
        reconciliation={reconciliation}
        onExportReconciliation={(asOf) => attempt(files.actions.exportReconciliationCsv(asOf))}
        asOf={choices.reconcileAsOf}
        onAsOf={choices.setReconcileAsOf}
      />
      <AppDialogs app={app} />
    </div>
  );
}

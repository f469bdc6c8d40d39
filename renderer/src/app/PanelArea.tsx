import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { ActualsPanel } from '../panels/ActualsPanel';
import { ChartsPanel } from '../panels/ChartsPanel';
import { PriceBookPanel } from '../panels/PriceBookPanel';
import { QuotePanel } from '../panels/QuotePanel';
import { MatchRulesPanel } from '../panels/match-rules/MatchRulesPanel';
import { ReconcilePanel } from '../panels/reconcile/ReconcilePanel';
import { useReconciliationAsOf } from '../panels/reconcile/use-reconciliation';
import { ScenariosPanel } from '../panels/ScenariosPanel';
import { SubtotalsPanel } from '../panels/SubtotalsPanel';
import type { Command } from '../state/commands';
import { type PlanView, ScenarioEstimates } from '../../../shared/estimate/plan-estimator';
import type { GridReconciliation } from '../state/reconciliation-totals';
import { useDeferredValue, useState } from 'react';

export type PanelId = 'subtotals' | 'scenarios' | 'prices' | 'quote' | 'charts' | 'actuals' | 'match' | 'reconcile';

const PANELS: readonly { id: PanelId; label: string }[] = [
  { id: 'subtotals', label: 'Subtotals' },
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'prices', label: 'Price book' },
  { id: 'quote', label: 'Quote' },
  { id: 'charts', label: 'Charts' },
  { id: 'actuals', label: 'Actuals' },
  { id: 'match', label: 'Match rules' },
  { id: 'reconcile', label: 'Reconcile' },
];

interface PanelAreaProps {
  readonly panel: PanelId;
  onPanel: (panel: PanelId) => void;
  readonly document: PlanDocument;
  readonly view: PlanView;
  onCommand: (command: Command | null) => void;
  /** The Actuals panel's Import button. */
  onImportActuals: () => void;
  /** The plan's reconciliation with its actuals (null: none), for the Subtotals and Match rules panels. */
  readonly reconciliation?: GridReconciliation | null;
  /** The Reconcile panel's Export CSV button, as of the day it shows. */
  onExportReconciliation: (asOf: string | null) => void;
  /** The As of day the Reconcile and Match rules tabs share (null: the latest actual), and its setter. */
  readonly asOf: string | null;
  onAsOf: (asOf: string | null) => void;
}

/** The Match rules tab, reconciled as of the shared As of day (the grid's reconciliation for the latest actual). */
function MatchRulesTab(props: {
  document: PlanDocument;
  view: PlanView;
  grid: GridReconciliation | null;
  asOf: string | null;
  onAsOf: (asOf: string | null) => void;
  onCommand: (command: Command | null) => void;
}) {
  const { document: doc, view, grid, asOf } = props;
  const rec = useReconciliationAsOf(doc, view, asOf, grid);
  return <MatchRulesPanel document={doc} rec={rec} onCommand={props.onCommand} asOf={asOf} onAsOf={props.onAsOf} />;
}

/** The panels under the grid, one tab at a time. */
export function PanelArea(props: PanelAreaProps) {
  const { panel, onPanel, onCommand, onImportActuals, onExportReconciliation, asOf, onAsOf } = props;
  const reconciliation = useDeferredValue(props.reconciliation ?? null);
  // The panels follow the plan a render behind the grid: opening or editing a big plan shows the grid
  // and its totals first, and the subtotals, scenarios and charts catch up in an interruptible render.
  const doc = useDeferredValue(props.document);
  const view = useDeferredValue(props.view);
  const [scenarioEstimates] = useState(() => new ScenarioEstimates());
  return (
    <section className="pl-panels" data-focus-region="panels" aria-label="Panels">
      <nav className="pl-tabs" role="tablist">
        {PANELS.map((p) => (
          <button
            key={p.id}
            type="button"
            role="tab"
            aria-selected={panel === p.id}
            data-testid={`tab-${p.id}`}
            className={panel === p.id ? 'active' : undefined}
            onClick={() => onPanel(p.id)}
          >
            {p.label}
          </button>
        ))}
      </nav>
      <div className="pl-panel-body">
        {panel === 'subtotals' && <SubtotalsPanel view={view} reconciliation={reconciliation} />}
        {panel === 'scenarios' && (
          <ScenariosPanel document={doc} onCommand={onCommand} estimates={scenarioEstimates} view={view} />
        )}
        {panel === 'prices' && <PriceBookPanel document={doc} context={view.context} onCommand={onCommand} />}
        {panel === 'quote' && <QuotePanel context={view.context} />}
        {panel === 'charts' && <ChartsPanel document={doc} view={view} />}
        {panel === 'actuals' && <ActualsPanel document={doc} onCommand={onCommand} onImport={onImportActuals} />}
        {panel === 'match' && (
          <MatchRulesTab
            document={doc}
            view={view}
            grid={reconciliation}
            asOf={asOf}
            onAsOf={onAsOf}
            onCommand={onCommand}
          />
        )}
        {panel === 'reconcile' && (
          <ReconcilePanel
            document={doc}
            view={view}
            grid={reconciliation}
            onCommand={onCommand}
            onExportCsv={onExportReconciliation}
            asOf={asOf}
            onAsOf={onAsOf}
          />
        )}
      </div>
    </section>
  );
}

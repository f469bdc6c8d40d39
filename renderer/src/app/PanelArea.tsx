import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { ActualsPanel } from '../panels/ActualsPanel';
import { ChartsPanel } from '../panels/ChartsPanel';
import { PriceBookPanel } from '../panels/PriceBookPanel';
import { QuotePanel } from '../panels/QuotePanel';
import { ScenariosPanel } from '../panels/ScenariosPanel';
import { SubtotalsPanel } from '../panels/SubtotalsPanel';
import type { Command } from '../state/commands';
import { type PlanView, ScenarioEstimates } from '../state/plan-estimator';
import type { GridReconciliation } from '../state/reconciliation-totals';
import { useState } from 'react';

export type PanelId = 'subtotals' | 'scenarios' | 'prices' | 'quote' | 'charts' | 'actuals';

const PANELS: readonly { id: PanelId; label: string }[] = [
  { id: 'subtotals', label: 'Subtotals' },
  { id: 'scenarios', label: 'Scenarios' },
  { id: 'prices', label: 'Price book' },
  { id: 'quote', label: 'Quote' },
  { id: 'charts', label: 'Charts' },
  { id: 'actuals', label: 'Actuals' },
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
}

/** The panels under the grid, one tab at a time. */
export function PanelArea(props: PanelAreaProps) {
  const { panel, onPanel, document: doc, view, onCommand, onImportActuals, reconciliation = null } = props;
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
      </div>
    </section>
  );
}

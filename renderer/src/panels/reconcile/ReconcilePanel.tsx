import { useMemo, useState } from 'react';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import type { Phasing } from '../../../../shared/plan/row-fields';
import { learnedFactors } from '../../../../shared/reconcile/learned-factors';
import { meterCheck } from '../../../../shared/reconcile/meter-check';
import { projectsByMeasure } from '../../../../shared/reconcile/project-links';
import { latestActualDay } from '../../../../shared/reconcile/reconcile-plan';
import { weekDrillDown, weeklyView } from '../../../../shared/reconcile/weekly-view';
import type { Command } from '../../state/commands';
import type { PlanView } from '../../../../shared/estimate/plan-estimator';
import { AsOfControl } from './AsOfControl';
import { ReconcileChart } from './ReconcileChart';
import { MeteredOverlapNotice } from './MeteredOverlapNotice';
import {
  planLinkProject,
  planObservedIterationScenario,
  planSetPhasing,
  planUnlinkProject,
} from './reconcile-commands';
import {
  LearnedFactorsTable,
  MeterChecks,
  UnpricedUsageNotice,
  PhasingTable,
  WeekDrill,
  WeeksTable,
} from './ReconcileTables';
import { useReconciliation } from './use-reconciliation';
import type { GridReconciliation } from '../../state/reconciliation-totals';

interface ReconcilePanelProps {
  readonly document: PlanDocument;
  /** The estimator's view of the document (the active scenario's plan). */
  readonly view: PlanView;
  onCommand: (command: Command | null) => void;
  /** The As of day the Reconcile and Match rules tabs share (null: the latest actual), and its setter. */
  readonly asOf: string | null;
  onAsOf: (asOf: string | null) => void;
  /** Export the reconciliation table as CSV, as of the day shown. */
  onExportCsv: (asOf: string | null) => void;
  /** The grid's reconciliation (null: none), used as it is for the latest actual rather than made again. */
  readonly grid: GridReconciliation | null;
}

/** Planned versus actual by ISO week, the meters side by side, and the iteration factor real spend showed (issue 12 §4–§6). */
export function ReconcilePanel(props: ReconcilePanelProps) {
  const { document: doc, view: planView, onCommand, onExportCsv, asOf, onAsOf, grid } = props;
  const [week, setWeek] = useState<string | null>(null);
  const latest = useMemo(() => latestActualDay(doc), [doc]);
  const rec = useReconciliation(doc, planView, asOf, grid);
  const derived = useMemo(() => {
    if (!rec.ok) return null;
    return {
      view: weeklyView(rec.value),
      meters: meterCheck(rec.value.crossChecks),
      factors: learnedFactors(rec.value),
    };
  }, [rec]);
  const billedProjects = useMemo(() => projectsByMeasure(doc.actuals).billed, [doc.actuals]);
  const drill = useMemo(() => (rec.ok && week !== null ? weekDrillDown(rec.value, week) : null), [rec, week]);
  if (!rec.ok || derived === null)
    return (
      <p className="pl-error-text" role="alert">
        Cannot reconcile: {rec.ok ? '' : rec.error}
      </p>
    );
  const { view, meters, factors } = derived;
  const onPhasing = (rowId: string, phasing: Phasing) => onCommand(planSetPhasing(doc, rowId, phasing));
  return (
    <div className="pl-scenarios" data-testid="reconcile-panel">
      <div className="pl-panel-column pl-grow">
        <div className="pl-inline-form">
          <AsOfControl shown={view.asOf} chosen={asOf} latest={latest} onAsOf={onAsOf} testId="reconcile-as-of" />
          <button type="button" data-testid="reconcile-export-csv" onClick={() => onExportCsv(asOf)}>
            Export CSV…
          </button>
        </div>
        {view.weeks.length === 0 ? (
          <p className="pl-muted">Nothing is phased or spent yet: give rows start and end dates, or import actuals.</p>
        ) : (
          <>
            <ReconcileChart view={view} />
            <WeeksTable view={view} selected={week} onSelect={(w) => setWeek(w === week ? null : w)} />
          </>
        )}
        {drill && <WeekDrill drill={drill} />}
        <MeteredOverlapNotice
          overlaps={rec.value.meteredOverlaps}
          links={doc.actuals.projectLinks ?? []}
          billedProjects={billedProjects}
          onLink={(metered, billed) => {
            // The choices are the actuals' own projects: a link of them is always made.
            const link = planLinkProject(doc, metered, billed);
            onCommand(link.ok ? link.value : null);
          }}
          onUnlink={(metered) => onCommand(planUnlinkProject(doc, metered))}
        />
        <UnpricedUsageNotice buckets={rec.value.unpricedUsage} byModel={rec.value.unpricedUsageByModel} />
        <MeterChecks lines={meters} />
      </div>
      <div className="pl-panel-column">
        <h3>Plans that learn</h3>
        <LearnedFactorsTable factors={factors} />
        <button
          type="button"
          data-testid="create-observed-scenario"
          disabled={factors.byRow.length === 0}
          onClick={() => onCommand(planObservedIterationScenario(doc, factors))}
        >
          Create &apos;Observed iteration&apos; scenario
        </button>
        <PhasingTable document={doc} onPhasing={onPhasing} />
      </div>
    </div>
  );
}

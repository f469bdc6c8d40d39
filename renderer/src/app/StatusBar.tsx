import type { PlanTotals } from '../../../shared/estimate/estimate-plan';
import { groupInteger } from '../../../shared/money/format';
import { microText, usd } from '../grid/money-text';
import type { BlockReport } from '../grid/plan-grid-types';
import { problemCells } from '../grid/block-edits';
import { unpricedText } from '../grid/totals-row';
import type { ShownRows } from '../grid/use-shown-rows';

interface StatusBarProps {
  readonly selectionSummary: string;
  readonly cellError: string | null;
  readonly info: string | null;
  readonly totals: PlanTotals;
  /** Rows a filter leaves in view, with their totals (null or unfiltered: nothing to add). */
  readonly shown: ShownRows | null;
  readonly scenarioName: string | null;
}

/** "Showing 2 of 5 rows: $12.34" while a filter hides rows; the plan total stays beside it. */
function ShownTotals({ shown }: { shown: ShownRows | null }) {
  if (!shown?.totals) return null;
  const unpriced = shown.totals.rowsWithErrors;
  return (
    <span className="pl-status-shown" data-testid="shown-rows">
      Showing {groupInteger(shown.shown)} of {groupInteger(shown.total)} row{shown.total === 1 ? '' : 's'}:{' '}
      <strong data-testid="shown-total" data-micro={microText(shown.totals.totalCost)}>
        {usd(shown.totals.totalCost)}
      </strong>
      {unpriced > 0 ? ` (${unpricedText(unpriced)})` : ''}
    </span>
  );
}

/**
 * The selection, the last cell error or notice, and the plan total (exact micro-USD in data-micro) with
 * the rows it leaves out because they have no price: never a bare amount when rows merely errored.
 */
export function StatusBar(props: StatusBarProps) {
  const { selectionSummary, cellError, info, totals, shown, scenarioName } = props;
  const unpriced = totals.rowsWithErrors;
  return (
    <div className="pl-statusbar">
      <span data-testid="selection-summary">{selectionSummary}</span>
      {cellError && (
        <span className="pl-status-error" role="alert" data-testid="cell-error">
          {cellError}
        </span>
      )}
      {info && !cellError && <span data-testid="info-message">{info}</span>}
      <ShownTotals shown={shown} />
      <span className="pl-status-total">
        Total{' '}
        <strong data-testid="total-cost" data-micro={microText(totals.totalCost)}>
          {usd(totals.totalCost)}
        </strong>
        {unpriced > 0 && (
          <span className="pl-status-unpriced" data-testid="unpriced-count">
            {' '}
            · {unpricedText(unpriced)}
          </span>
        )}
        {scenarioName ? ` (${scenarioName})` : ''}
      </span>
    </div>
  );
}

const MAX_LISTED = 20;

/** After a paste, fill or clear: how many cells changed and, cell by cell, why the others were skipped. */
export function BlockReportView(props: { report: BlockReport; onDismiss: () => void }) {
  const { report, onDismiss } = props;
  const columns = report.leftOutColumns ?? 0;
  const skipped = problemCells(report.problems) - columns;
  const added = report.rowsAdded ?? 0;
  const parts = [
    `${groupInteger(report.applied)} cell${report.applied === 1 ? '' : 's'} changed`,
    ...(added > 0 ? [`${groupInteger(added)} row${added === 1 ? '' : 's'} added`] : []),
    ...(columns > 0 ? [`${groupInteger(columns)} block column${columns === 1 ? '' : 's'} left out`] : []),
    ...(skipped > 0 ? [`${groupInteger(skipped)} cell${skipped === 1 ? '' : 's'} skipped`] : []),
  ];
  const problems = report.problems.length > 0;
  return (
    <div className={`pl-report${problems ? ' pl-report-problems' : ''}`} role="status" data-testid="paste-report">
      <div>
        <strong>{report.action}:</strong> {parts.join(', ')}
        {problems ? ':' : '.'}
        <button type="button" aria-label="Dismiss" onClick={onDismiss}>
          ×
        </button>
      </div>
      {(report.notes?.length ?? 0) > 0 && (
        <ul className="pl-report-notes">
          {report.notes?.slice(0, MAX_LISTED).map((note, i) => (
            <li key={i} data-testid="paste-note">
              {note}
            </li>
          ))}
        </ul>
      )}
      {problems && (
        <ul>
          {report.problems.slice(0, MAX_LISTED).map((p, i) => (
            <li key={i} data-testid="paste-problem">
              {p.cell}: {p.reason}
            </li>
          ))}
          {report.problems.length > MAX_LISTED && (
            <li>… and {groupInteger(problemCells(report.problems.slice(MAX_LISTED)))} more</li>
          )}
        </ul>
      )}
    </div>
  );
}

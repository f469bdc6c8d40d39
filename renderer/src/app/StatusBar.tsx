import type { Micro } from '../../../shared/money/rounding';
import { microText, usd } from '../grid/money-text';
import type { BlockReport } from '../grid/plan-grid-types';

interface StatusBarProps {
  readonly selectionSummary: string;
  readonly cellError: string | null;
  readonly info: string | null;
  readonly totalCost: Micro;
  readonly scenarioName: string | null;
}

/** The selection, the last cell error or notice, and the plan total (exact micro-USD in data-micro). */
export function StatusBar(props: StatusBarProps) {
  const { selectionSummary, cellError, info, totalCost, scenarioName } = props;
  return (
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
        <strong data-testid="total-cost" data-micro={microText(totalCost)}>
          {usd(totalCost)}
        </strong>
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
  const skipped = report.problems.length - columns;
  const added = report.rowsAdded ?? 0;
  const parts = [
    `${report.applied} cell${report.applied === 1 ? '' : 's'} changed`,
    ...(added > 0 ? [`${added} row${added === 1 ? '' : 's'} added`] : []),
    ...(columns > 0 ? [`${columns} block column${columns === 1 ? '' : 's'} left out`] : []),
    ...(skipped > 0 ? [`${skipped} cell${skipped === 1 ? '' : 's'} skipped`] : []),
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
      {problems && (
        <ul>
          {report.problems.slice(0, MAX_LISTED).map((p, i) => (
            <li key={i} data-testid="paste-problem">
              {p.cell}: {p.reason}
            </li>
          ))}
          {report.problems.length > MAX_LISTED && <li>… and {report.problems.length - MAX_LISTED} more</li>}
        </ul>
      )}
    </div>
  );
}

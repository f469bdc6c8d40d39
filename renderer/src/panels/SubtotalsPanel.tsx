import { useMemo, useState } from 'react';
import { toDecimalString } from '../../../shared/money/exact';
import type { Micro } from '../../../shared/money/rounding';
import { signedUsd } from '../grid/actual-columns';
import { usd } from '../grid/money-text';
import { type GroupSubtotal, RunningSubtotals } from '../grid/grouping';
import type { PlanView } from '../../../shared/estimate/plan-estimator';
import type { ActualTotals } from '../../../shared/reconcile/reconciliation-totals';
import type { GridReconciliation } from '../state/reconciliation-totals';
import { NotListedLine, useListedCount } from './long-lists';

function share(part: Micro, whole: Micro): string {
  if (whole === 0) return '—';
  return `${toDecimalString({ units: (BigInt(part) * 1000n) / BigInt(whole), scale: 1 }, 1)}%`;
}

/** Actual, variance and forecast cells of a line (empty cells while the plan has no actuals). */
function ActualCells({ totals }: { totals: ActualTotals | undefined }) {
  return (
    <>
      <td className="num">{totals ? usd(totals.actual) : '—'}</td>
      <td className="num">{totals ? signedUsd(totals.variance) : '—'}</td>
      <td className="num">{totals ? usd(totals.forecast) : '—'}</td>
    </>
  );
}

/** The Unassigned line: actual spend no rule placed on a row, in every total. */
function UnassignedLine({ reconciliation, total }: { reconciliation: GridReconciliation; total: Micro }) {
  const unassigned = reconciliation.totals.unassigned;
  return (
    <tr data-testid="subtotals-unassigned">
      <td>Unassigned actuals</td>
      <td className="num" />
      <td className="num" />
      <td className="num" />
      <td className="num">{usd(0)}</td>
      <td className="num">{share(0, total)}</td>
      <td className="num">{usd(unassigned)}</td>
      <td className="num">{signedUsd(unassigned)}</td>
      <td className="num">{usd(unassigned)}</td>
    </tr>
  );
}

/**
 * Subtotals by team and by asset type: the app's own grouping, exact sums from the engine; with actuals,
 * each line's actual, variance and forecast, an Unassigned line, and totals that include it.
 */
export function SubtotalsPanel({
  view,
  reconciliation = null,
}: {
  view: PlanView;
  reconciliation?: GridReconciliation | null;
}) {
  const [running] = useState(() => new RunningSubtotals());
  const groups = useMemo(() => running.of(view.rows), [running, view.rows]);
  return (
    <div className="pl-subtotals">
      {(['team', 'assetType'] as const).map((by) => (
        <SubtotalTable key={by} by={by} groups={groups[by]} view={view} reconciliation={reconciliation} />
      ))}
    </div>
  );
}

/**
 * One grouping's table: a line per team (or asset type), as many as the plan has distinct ones (a plan
 * imported with a campaign id in its Team column has a team per row), so the first are listed and more
 * shown on request; the totals always count every line.
 */
function SubtotalTable(props: {
  by: 'team' | 'assetType';
  groups: readonly GroupSubtotal[];
  view: PlanView;
  reconciliation: GridReconciliation | null;
}) {
  const { by, groups, view, reconciliation } = props;
  const total = view.totals.totalCost;
  const actuals = reconciliation?.groupTotals(by);
  const actual = reconciliation !== null;
  const listing = useListedCount(by);
  return (
    <>
      <table className="pl-table" data-testid={`subtotals-${by}`}>
        <caption>By {by === 'team' ? 'team' : 'asset type'}</caption>
        <thead>
          <tr>
            <th>{by === 'team' ? 'Team' : 'Asset type'}</th>
            <th className="num">Rows</th>
            <th className="num">Finals</th>
            <th className="num">Requests</th>
            <th className="num">Cost</th>
            <th className="num">Share</th>
            {actual && (
              <>
                <th className="num">Actual</th>
                <th className="num">Variance</th>
                <th className="num">Forecast</th>
              </>
            )}
          </tr>
        </thead>
        <tbody>
          {groups.slice(0, listing.listed).map((g) => (
            <tr key={g.key}>
              <td>{g.key}</td>
              <td className="num">{g.rowCount}</td>
              <td className="num">{g.finals.toLocaleString('en-US')}</td>
              <td className="num">{g.requests.toLocaleString('en-US')}</td>
              <td className="num">{usd(g.totalCost)}</td>
              <td className="num">{share(g.totalCost, total)}</td>
              {actual && <ActualCells totals={actuals?.get(g.key)} />}
            </tr>
          ))}
          {reconciliation && <UnassignedLine reconciliation={reconciliation} total={total} />}
        </tbody>
        <tfoot>
          <tr>
            <td>Total</td>
            <td className="num">{view.rows.length}</td>
            <td className="num">{view.totals.finals.toLocaleString('en-US')}</td>
            <td className="num">{view.totals.requests.toLocaleString('en-US')}</td>
            <td className="num">{usd(total)}</td>
            <td className="num">{total === 0 ? '—' : '100%'}</td>
            {reconciliation && <ActualCells totals={reconciliation.totals} />}
          </tr>
        </tfoot>
      </table>
      <NotListedLine
        listing={listing}
        count={groups.length}
        what={by === 'team' ? 'teams' : 'asset types'}
        note="the totals count them all."
        testId={`subtotals-${by}`}
      />
    </>
  );
}

import { useMemo } from 'react';
import { toDecimalString } from '../../../shared/money/exact';
import type { Micro } from '../../../shared/money/rounding';
import { usd } from '../grid/money-text';
import { subtotalsBy } from '../grid/grouping';
import type { PlanView } from '../state/plan-estimator';

function share(part: Micro, whole: Micro): string {
  if (whole === 0) return '—';
  return `${toDecimalString({ units: (BigInt(part) * 1000n) / BigInt(whole), scale: 1 }, 1)}%`;
}

/** Subtotals by team and by asset type: the app's own grouping, exact sums from the engine. */
export function SubtotalsPanel({ view }: { view: PlanView }) {
  const total = view.totals.totalCost;
  const groups = useMemo(
    () => ({ team: subtotalsBy(view.rows, 'team'), assetType: subtotalsBy(view.rows, 'assetType') }),
    [view.rows],
  );
  return (
    <div className="pl-subtotals">
      {(['team', 'assetType'] as const).map((by) => (
        <table key={by} className="pl-table" data-testid={`subtotals-${by}`}>
          <caption>By {by === 'team' ? 'team' : 'asset type'}</caption>
          <thead>
            <tr>
              <th>{by === 'team' ? 'Team' : 'Asset type'}</th>
              <th className="num">Rows</th>
              <th className="num">Finals</th>
              <th className="num">Requests</th>
              <th className="num">Cost</th>
              <th className="num">Share</th>
            </tr>
          </thead>
          <tbody>
            {groups[by].map((g) => (
              <tr key={g.key}>
                <td>{g.key}</td>
                <td className="num">{g.rowCount}</td>
                <td className="num">{g.finals.toLocaleString('en-US')}</td>
                <td className="num">{g.requests.toLocaleString('en-US')}</td>
                <td className="num">{usd(g.totalCost)}</td>
                <td className="num">{share(g.totalCost, total)}</td>
              </tr>
            ))}
          </tbody>
          <tfoot>
            <tr>
              <td>Total</td>
              <td className="num">{view.rows.length}</td>
              <td className="num">{view.totals.finals.toLocaleString('en-US')}</td>
              <td className="num">{view.totals.requests.toLocaleString('en-US')}</td>
              <td className="num">{usd(total)}</td>
              <td className="num">{total === 0 ? '—' : '100%'}</td>
            </tr>
          </tfoot>
        </table>
      ))}
    </div>
  );
}

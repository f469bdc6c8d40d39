import type { Micro } from '../../../shared/money/rounding';
import { usd } from '../grid/money-text';
import { type PlanComparison, percentChange } from '../state/plan-comparison';

function money(m: Micro | null): string {
  return m === null ? 'not priced' : usd(m);
}

function signed(m: Micro | null): string {
  if (m === null) return '—';
  return m > 0 ? `+${usd(m)}` : usd(m);
}

/** Per-row old → new with delta and % change, and the totals. Used by scenario compare and re-pricing. */
export function ComparisonTable(props: {
  comparison: PlanComparison;
  beforeLabel: string;
  afterLabel: string;
  testId: string;
}) {
  const { comparison, beforeLabel, afterLabel, testId } = props;
  return (
    <table className="pl-table" data-testid={testId}>
      <thead>
        <tr>
          <th>Campaign line</th>
          <th className="num">{beforeLabel}</th>
          <th className="num">{afterLabel}</th>
          <th className="num">Delta</th>
          <th className="num">Change</th>
        </tr>
      </thead>
      <tbody>
        {comparison.rows.map((r) => (
          <tr key={r.rowId} data-row-id={r.rowId} className={r.delta !== null && r.delta !== 0 ? 'changed' : undefined}>
            <td>{r.name}</td>
            <td className="num">{money(r.before)}</td>
            <td className="num">{money(r.after)}</td>
            <td className="num">{signed(r.delta)}</td>
            <td className="num">{percentChange(r.before, r.after)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <td>Total</td>
          <td className="num" data-testid={`${testId}-before-total`}>
            {usd(comparison.beforeTotal)}
          </td>
          <td className="num" data-testid={`${testId}-after-total`}>
            {usd(comparison.afterTotal)}
          </td>
          <td className="num" data-testid={`${testId}-delta`}>
            {signed(comparison.delta)}
          </td>
          <td className="num">{percentChange(comparison.beforeTotal, comparison.afterTotal)}</td>
        </tr>
      </tfoot>
    </table>
  );
}

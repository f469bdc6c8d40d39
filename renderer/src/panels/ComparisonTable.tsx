import { useMemo, useState } from 'react';
import type { Micro } from '../../../shared/money/rounding';
import { usd } from '../grid/money-text';
import { type PlanComparison, percentChange, type RowComparison } from '../state/plan-comparison';

/** Rows drawn at first: a 10k-row table took most of a second to draw and no one reads it whole. */
const ROWS_AT_FIRST = 200;

function isChanged(r: RowComparison): boolean {
  return r.before !== r.after;
}

/**
 * The rows to draw: every row of a small plan; of a large one, the changed rows first (plan order, up to
 * ROWS_AT_FIRST), until the user asks for all.
 */
function rowsToDraw(rows: readonly RowComparison[], all: boolean): readonly RowComparison[] {
  if (all || rows.length <= ROWS_AT_FIRST) return rows;
  const changed = rows.filter(isChanged);
  if (changed.length >= ROWS_AT_FIRST) return changed.slice(0, ROWS_AT_FIRST);
  return [...changed, ...rows.filter((r) => !isChanged(r)).slice(0, ROWS_AT_FIRST - changed.length)];
}

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
  const [all, setAll] = useState(false);
  const drawn = useMemo(() => rowsToDraw(comparison.rows, all), [comparison.rows, all]);
  const hidden = comparison.rows.length - drawn.length;
  const changedCount = useMemo(() => comparison.rows.filter(isChanged).length, [comparison.rows]);
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
        {drawn.map((r) => (
          <tr key={r.rowId} data-row-id={r.rowId} className={r.delta !== null && r.delta !== 0 ? 'changed' : undefined}>
            <td>{r.name}</td>
            <td className="num">{money(r.before)}</td>
            <td className="num">{money(r.after)}</td>
            <td className="num">{signed(r.delta)}</td>
            <td className="num">{percentChange(r.before, r.after)}</td>
          </tr>
        ))}
        {hidden > 0 && (
          <tr data-testid={`${testId}-more`}>
            <td colSpan={5}>
              {hidden.toLocaleString('en-US')} more rows ({changedCount.toLocaleString('en-US')} changed in all; changed
              rows are listed first).{' '}
              <button type="button" className="pl-link-button" onClick={() => setAll(true)}>
                Show all {comparison.rows.length.toLocaleString('en-US')} rows
              </button>
            </td>
          </tr>
        )}
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

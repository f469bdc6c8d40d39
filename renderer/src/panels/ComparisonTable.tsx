import { useMemo } from 'react';
import { groupInteger } from '../../../shared/money/format';
import type { Micro } from '../../../shared/money/rounding';
import { usd } from '../grid/money-text';
import {
  type PlanComparison,
  percentChange,
  type PricedOnOneSide as OneSide,
  type RowComparison,
} from '../state/plan-comparison';
import { LISTED_AT_FIRST, LISTED_PER_STEP, useListedCount } from './long-lists';

function isChanged(r: RowComparison): boolean {
  return r.before !== r.after;
}

/**
 * The rows in the order they are drawn, and how many changed: a small plan's in plan order; a large one's
 * changed rows first (in plan order), then the others, since a table of 10k rows took most of a second to
 * draw and no one reads it whole: it draws LISTED_AT_FIRST of them and more on request (long-lists.tsx).
 */
function rowsInDrawingOrder(rows: readonly RowComparison[]): { ordered: readonly RowComparison[]; changed: number } {
  const changed: RowComparison[] = [];
  const unchanged: RowComparison[] = [];
  for (const r of rows) (isChanged(r) ? changed : unchanged).push(r);
  return { ordered: rows.length <= LISTED_AT_FIRST ? rows : [...changed, ...unchanged], changed: changed.length };
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
  const listing = useListedCount(`${beforeLabel} → ${afterLabel}`);
  const { ordered, changed: changedCount } = useMemo(() => rowsInDrawingOrder(comparison.rows), [comparison.rows]);
  const drawn = ordered.slice(0, listing.listed);
  const hidden = ordered.length - drawn.length;
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
              {groupInteger(hidden)} more rows ({groupInteger(changedCount)} changed in all; changed rows are listed
              first).{' '}
              <button type="button" className="pl-link-button" onClick={listing.showMore}>
                Show {groupInteger(Math.min(LISTED_PER_STEP, hidden))} more
              </button>
            </td>
          </tr>
        )}
      </tbody>
      <ComparisonTotals comparison={comparison} beforeLabel={beforeLabel} afterLabel={afterLabel} testId={testId} />
    </table>
  );
}

/**
 * The totals: each side's, and, when a side leaves rows unpriced (a model with no price on a row's billing
 * surface), no delta between them but the like-for-like totals of the rows both price, and what each side
 * leaves out: a row priced on one side only would otherwise count as a saving (or a cost) it is not.
 */
function ComparisonTotals(props: {
  comparison: PlanComparison;
  beforeLabel: string;
  afterLabel: string;
  testId: string;
}) {
  const { comparison, beforeLabel, afterLabel, testId } = props;
  const { both, onlyBefore, onlyAfter } = comparison;
  const comparable = onlyBefore.rows === 0 && onlyAfter.rows === 0;
  return (
    <tfoot>
      <tr>
        <td>Total</td>
        <td className="num" data-testid={`${testId}-before-total`}>
          {usd(comparison.beforeTotal)}
        </td>
        <td className="num" data-testid={`${testId}-after-total`}>
          {usd(comparison.afterTotal)}
        </td>
        {/* Totals that leave out different rows are not compared: the like-for-like line below is. */}
        <td className="num" data-testid={`${testId}-delta`}>
          {comparable ? signed(comparison.delta) : '—'}
        </td>
        <td className="num">{comparable ? percentChange(comparison.beforeTotal, comparison.afterTotal) : '—'}</td>
      </tr>
      {!comparable && (
        <>
          <tr data-testid={`${testId}-both`}>
            <td>Rows priced on both ({groupInteger(both.rows)})</td>
            <td className="num">{usd(both.before)}</td>
            <td className="num">{usd(both.after)}</td>
            <td className="num">{signed(both.after - both.before)}</td>
            <td className="num">{percentChange(both.before, both.after)}</td>
          </tr>
          <PricedOnOneSide side={onlyBefore} missingOn={afterLabel} pricedFirst testId={`${testId}-only-before`} />
          <PricedOnOneSide
            side={onlyAfter}
            missingOn={beforeLabel}
            pricedFirst={false}
            testId={`${testId}-only-after`}
          />
        </>
      )}
    </tfoot>
  );
}

/** Rows one side prices and the other does not: how many, and their cost on the side that prices them. */
function PricedOnOneSide(props: { side: OneSide; missingOn: string; pricedFirst: boolean; testId: string }) {
  const { side, missingOn, pricedFirst, testId } = props;
  if (side.rows === 0) return null;
  const cost = <td className="num">{usd(side.total)}</td>;
  const none = <td className="num">not priced</td>;
  return (
    <tr className="pl-error-text" data-testid={testId}>
      <td>
        Not priced on {missingOn}: {groupInteger(side.rows)} row{side.rows === 1 ? '' : 's'}
      </td>
      {pricedFirst ? cost : none}
      {pricedFirst ? none : cost}
      <td className="num">—</td>
      <td className="num">—</td>
    </tr>
  );
}

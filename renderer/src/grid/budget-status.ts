import { parseExact } from '../../../shared/money/exact';
import { roundToMicro, toMicro } from '../../../shared/money/rounding';
import type { GridRow } from '../../../shared/estimate/plan-estimator';
import { usd } from './money-text';

export type BudgetLevel = 'none' | 'ok' | 'warning' | 'over';

export interface BudgetStatus {
  readonly level: BudgetLevel;
  /** Share of the cap used, in whole percent (rounded down), or null without a cap. */
  readonly usedPct: number | null;
  readonly reason: string;
}

/** Warn at 80% of a row's budget cap, alarm past 100%. */
export const BUDGET_WARNING_PCT = 80;

// Rows are immutable (an edit makes a new GridRow), so a row's status is worked out once: the grid asks
// for it four times per row while rendering (two columns, two rules each), on every scroll.
const STATUS = new WeakMap<GridRow, BudgetStatus>();

export function budgetStatus(gridRow: GridRow): BudgetStatus {
  let status = STATUS.get(gridRow);
  if (!status) {
    status = statusOf(gridRow);
    STATUS.set(gridRow, status);
  }
  return status;
}

function statusOf(gridRow: GridRow): BudgetStatus {
  const { row, result } = gridRow;
  if (row.budgetCapUsd === null) return { level: 'none', usedPct: null, reason: 'no budget cap set for this row' };
  const capExact = parseExact(row.budgetCapUsd);
  if (capExact === null || !result.estimate.ok)
    return { level: 'none', usedPct: null, reason: 'the row has no estimate yet' };
  const cap = toMicro(roundToMicro(capExact));
  if (cap === null) return { level: 'none', usedPct: null, reason: 'the cap is too large to compare exactly' };
  const total = result.estimate.totalCost;
  if (cap === 0) {
    return total > 0
      ? { level: 'over', usedPct: null, reason: `the cap is $0 and the row costs ${usd(total)}` }
      : { level: 'ok', usedPct: 0, reason: 'nothing spent against a $0 cap' };
  }
  // Integer percent, so 79.99% is not shown as amber.
  const usedPct = Number((BigInt(total) * 100n) / BigInt(cap)); // exact at any size
  const over = total > cap;
  const level: BudgetLevel = over ? 'over' : usedPct >= BUDGET_WARNING_PCT ? 'warning' : 'ok';
  const left = cap - total;
  const reason = over
    ? `Over budget: the row costs ${usd(total)}, ${usd(-left)} more than its ${usd(cap)} cap (${usedPct}% used)`
    : level === 'warning'
      ? `Near the cap: ${usedPct}% of ${usd(cap)} used (${usd(total)}); ${usd(left)} left. Amber from ${BUDGET_WARNING_PCT}%.`
      : `${usedPct}% of the ${usd(cap)} cap used; ${usd(left)} left`;
  return { level, usedPct, reason };
}

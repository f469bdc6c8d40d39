import type { PlanView } from '../../../shared/estimate/plan-estimator';
import { grouped } from './money-text';
import { TOTALS_ROW_ID, type TotalsRow } from './sheet-row';

/** "1 row not priced", "4,906 rows not priced": beside every total that leaves rows out. */
export function unpricedText(rows: number): string {
  return `${grouped(rows)} row${rows === 1 ? '' : 's'} not priced`;
}

/** The pinned row under the plan: its label counts the rows and those left out of the totals. */
export function totalsRowOf(view: PlanView): TotalsRow[] {
  const errors = view.totals.rowsWithErrors;
  const count = view.rows.length;
  const label = `Total · ${grouped(count)} row${count === 1 ? '' : 's'}${errors > 0 ? ` · ${unpricedText(errors)}` : ''}`;
  return [{ kind: 'totals', id: TOTALS_ROW_ID, label, totals: view.totals }];
}

import type { PlanView } from '../state/plan-estimator';
import { TOTALS_ROW_ID, type TotalsRow } from './sheet-row';

/** The pinned row under the plan: its label counts the rows and those left out of the totals. */
export function totalsRowOf(view: PlanView): TotalsRow[] {
  const errors = view.totals.rowsWithErrors;
  const count = view.rows.length;
  const label = `Total · ${count} row${count === 1 ? '' : 's'}${errors > 0 ? ` (${errors} with errors left out)` : ''}`;
  return [{ kind: 'totals', id: TOTALS_ROW_ID, label, totals: view.totals }];
}

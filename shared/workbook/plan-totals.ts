import type { RowResult } from '../estimate/estimate-plan';
import { microToNumber, roundMicroDivided, type Micro } from '../money/rounding';
import { PLAN_COLUMNS, planColumnLetter, planColumnNumber } from './plan-columns';
import type { CellValue, FormulaResult } from './workbook-types';

/**
 * The Plan sheet's totals row, right under the data: live SUBTOTAL(109, …) formulas, so a filter on
 * team or model totals the rows shown (SUM would keep totalling the hidden rows, and finance filters).
 * As in the app, rows with errors are left out: their money cells are blank, and finals and budget are
 * summed from hidden "of priced rows" columns. Cached results are the engine's sums, for viewers that do
 * not recalculate. The hidden "Exact values" cell carries a mark, so import never reads it as a plan row.
 */

/** What the totals row's "Exact values" cell holds (a plan row's holds a JSON object of other keys). */
export const TOTALS_ROW_MARK = '{"totalsRow":true}';

/** Sums of the rows as the engine estimated them, for the totals row's cached results. */
export class PlanTotalsTally {
  rows = 0;
  notPriced = 0;
  finals = 0;
  requests = 0;
  finalCost: Micro = 0;
  draftCost: Micro = 0;
  credits: Micro = 0;
  budgetCap: Micro = 0;
  budgetRemaining: Micro = 0;

  add(r: RowResult): void {
    this.rows += 1;
    const e = r.estimate;
    if (!e.ok) {
      this.notPriced += 1;
      return;
    }
    this.finals += r.row.finals;
    this.requests += e.requests;
    this.finalCost += e.finalCost;
    this.draftCost += e.draftCost;
    this.credits += e.credits ?? 0;
    if (r.budgetRemaining !== null) {
      // The cap as the engine read it (rounded to the micro-dollar): what is left plus what is spent.
      this.budgetCap += r.budgetRemaining + e.totalCost;
      this.budgetRemaining += r.budgetRemaining;
    }
  }
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The totals row's cells (one per Plan column), or null for a plan without rows. */
export function planTotalsRow(t: PlanTotalsTally): CellValue[] | null {
  if (t.rows === 0) return null;
  const last = t.rows + 1;
  const range = (key: string) => `$${planColumnLetter(key)}$2:$${planColumnLetter(key)}$${last}`;
  const here = (key: string) => `${planColumnLetter(key)}${last + 1}`;
  const cells: CellValue[] = PLAN_COLUMNS.map(() => null);
  const put = (key: string, formula: string, result: FormulaResult) => {
    cells[planColumnNumber(key) - 1] = { kind: 'formula', formula, result };
  };
  const sum = (key: string, result: number, of: string = key) => put(key, `SUBTOTAL(109,${range(of)})`, result);

  const counted = `SUBTOTAL(102,${range('finals')})`;
  put('name', `"Total: "&${counted}&IF(${counted}=1," row"," rows")`, `Total: ${plural(t.rows, 'row', 'rows')}`);
  sum('finals', t.finals, 'pricedFinals');
  const total = t.finalCost + t.draftCost;
  sum('totalCost', microToNumber(total));
  put(
    'costPerApprovedFinal',
    `IF(${here('finals')}>0,ROUND(${here('totalCost')}/${here('finals')},6),"")`,
    t.finals > 0 ? microToNumber(roundMicroDivided(total, t.finals)) : '',
  );
  sum('budgetCapUsd', microToNumber(t.budgetCap), 'pricedBudgetCap');
  sum('budgetRemaining', microToNumber(t.budgetRemaining));
  const errors = `SUBTOTAL(103,${range('errors')})`;
  put(
    'errors',
    `IF(${errors}=0,"",${errors}&" not priced: left out of the totals")`,
    t.notPriced === 0 ? '' : `${t.notPriced} not priced: left out of the totals`,
  );
  sum('requests', t.requests);
  sum('finalCost', microToNumber(t.finalCost));
  sum('draftCost', microToNumber(t.draftCost));
  sum('credits', microToNumber(t.credits));
  cells[planColumnNumber('originals') - 1] = TOTALS_ROW_MARK;
  return cells;
}

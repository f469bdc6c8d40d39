import type { RowResult } from '../estimate/estimate-plan';
import { microToNumber } from '../money/rounding';
import { numberLength, type ColumnFit } from './column-fit';
import { PLAN_COLUMNS, type PlanColumn } from './plan-columns';
import { issueText } from './plan-rows';

/**
 * Measuring Plan rows for column widths straight from the engine's results, without building their
 * cells: this runs for every row of an export before the sheet is written (its widths come first).
 */

/** The Plan columns whose widths fit their cells: those in view (hidden and collapsed ones keep theirs). */
export const FITTED_PLAN_COLUMNS: ReadonlySet<string> = new Set(
  PLAN_COLUMNS.filter((c) => !c.hidden && c.group !== 'collapsed').map((c) => c.key),
);

type Issues = { readonly errors: string; readonly warnings: string };
/** The characters a column shows for a row. */
type Measure = (r: RowResult, issues: Issues) => number;

const moneyLength = (micro: number | null) => (micro === null ? 0 : numberLength(microToNumber(micro), 'usd'));

function inputMeasure(col: PlanColumn & { readonly field: keyof RowResult['row'] }): Measure {
  const field = col.field;
  switch (col.style) {
    case 'usd':
      // Money fields are decimal text in a row and numbers in the sheet.
      return (r) => {
        const v = r.row[field];
        return typeof v === 'string' ? numberLength(Number(v), 'usd') : 0;
      };
    case 'date':
      return (r) => (r.row[field] === null ? 0 : 10);
    case 'integer':
    case 'decimal': {
      const style = col.style;
      // Decimal fields are text in a row ("1.8"), shown as they are written.
      return (r) => {
        const v = r.row[field];
        return typeof v === 'number' ? numberLength(v, style) : typeof v === 'string' ? v.length : 0;
      };
    }
    default:
      // One more for the apostrophe that neutralises formula-like text.
      return (r) => {
        const v = r.row[field];
        return typeof v === 'string' ? v.length + 1 : 0;
      };
  }
}

function measureOf(col: PlanColumn): Measure {
  const field = col.field;
  if (col.role === 'input' && field !== undefined) return inputMeasure({ ...col, field });
  switch (col.key) {
    case 'totalCost':
      return (r) => (r.estimate.ok ? moneyLength(r.estimate.totalCost) : 0);
    case 'costPerApprovedFinal':
      return (r) => (r.estimate.ok ? moneyLength(r.estimate.costPerApprovedFinal) : 0);
    case 'budgetRemaining':
      return (r) => moneyLength(r.budgetRemaining);
    case 'errors':
      return (_, issues) => issues.errors.length;
    case 'warnings':
      return (_, issues) => issues.warnings.length;
    default:
      throw new RangeError(`no width measure for the Plan column ${col.key}: collapse or hide it, or add one`);
  }
}

const MEASURES: readonly (readonly [number, Measure])[] = PLAN_COLUMNS.flatMap((col, i) =>
  FITTED_PLAN_COLUMNS.has(col.key) ? [[i, measureOf(col)] as const] : [],
);

/** Notes the lengths one row shows in the fitted Plan columns. */
export function fitPlanRow(fit: ColumnFit<PlanColumn>, result: RowResult): void {
  const issues = issueText(result);
  for (const [index, measure] of MEASURES) fit.observeLength(index, measure(result, issues));
}

import { isoWeek } from '../actuals/ledger/iso-week';
import { USAGE_PRICED_LABEL } from '../actuals/ledger/usage-pricing';
import { type Micro, microToNumber } from '../money/rounding';
import type { PlanDocument } from '../plan/plan-schema';
import { groupReconciliation } from '../reconcile/reconcile-groups';
import { reconcilePlan, type Reconciliation } from '../reconcile/reconcile-plan';
import { neutralizeText } from './cell-text';
import { fitColumns } from './column-fit';
import type { CellValue, ColumnLayout, SheetModel } from './workbook-types';

/**
 * The reconciliation sheets of a plan with actuals (issue 12 §7): Actuals (every matched part of the
 * ledger's buckets, as data), Reconciliation (per row: planned, actual as a live SUMIFS over Actuals,
 * variance, forecast) and Weekly (per ISO week, the same). Formulas carry the engine's results; sums are
 * ROUND(…, 6) so a recalculation lands on the app's micro-dollars. Import reads none of them: the
 * actuals travel in the Data sheet and come back as they were.
 */

export const ACTUALS_SHEET = 'Actuals';
export const RECONCILIATION_SHEET = 'Reconciliation';
export const WEEKLY_SHEET = 'Weekly';
/** The Row id of spend no rule placed. */
export const UNASSIGNED_KEY = '(unassigned)';

const ACTUALS_COLUMNS: readonly ColumnLayout[] = [
  { header: 'Day', width: 12, style: 'date' },
  { header: 'Week', width: 10, style: 'text' },
  { header: 'Row id', width: 20, style: 'text' },
  { header: 'Measure', width: 16, style: 'text' },
  { header: 'Project', width: 18, style: 'text' },
  { header: 'Campaign', width: 18, style: 'text' },
  { header: 'Model', width: 16, style: 'text' },
  { header: 'Line item', width: 22, style: 'text' },
  { header: 'Matched by', width: 14, style: 'text' },
  { header: 'Images', width: 9, style: 'integer' },
  { header: 'Amount (USD)', width: 14, style: 'usd-precise' },
];

const RECONCILIATION_COLUMNS: readonly ColumnLayout[] = [
  { header: 'Row id', width: 20, style: 'text' },
  { header: 'Campaign line', width: 36, style: 'text' },
  { header: 'Team', width: 16, style: 'text' },
  { header: 'Asset type', width: 16, style: 'text' },
  { header: 'Planned', width: 14, style: 'usd-precise' },
  { header: 'Actual', width: 14, style: 'usd-precise', computed: true },
  { header: 'Variance', width: 14, style: 'usd-precise', computed: true },
  { header: 'Variance %', width: 11, style: 'percent', computed: true },
  { header: 'Planned to date', width: 14, style: 'usd-precise' },
  { header: 'Forecast', width: 14, style: 'usd-precise' },
  { header: 'Generations', width: 12, style: 'integer', computed: true },
  { header: 'Approved finals', width: 10, style: 'integer' },
  { header: 'Observed gen/final', width: 12, style: 'decimal', computed: true },
  { header: 'Measure', width: 16, style: 'text' },
];

const WEEKLY_COLUMNS: readonly ColumnLayout[] = [
  { header: 'Week', width: 10, style: 'text' },
  { header: 'Planned', width: 14, style: 'usd-precise' },
  { header: 'Actual', width: 14, style: 'usd-precise', computed: true },
  { header: 'Variance', width: 14, style: 'usd-precise', computed: true },
  { header: 'Cumulative planned', width: 14, style: 'usd-precise', computed: true },
  { header: 'Cumulative actual', width: 14, style: 'usd-precise', computed: true },
  { header: 'Forecast', width: 14, style: 'usd-precise' },
];

const f = (formula: string, result: number | string): CellValue => ({ kind: 'formula', formula, result });
const usd = (m: Micro): number => microToNumber(m);
const text = (t: string): string => neutralizeText(t);
const measureText = (m: string | null): string => (m === null ? '' : m === 'usage' ? USAGE_PRICED_LABEL : m);

function actualsRows(rec: Reconciliation): CellValue[][] {
  return rec.parts.map((part) => {
    const p = part.piece;
    return [
      { kind: 'date', iso: p.day },
      isoWeek(p.day),
      text(part.rowId ?? UNASSIGNED_KEY),
      measureText(p.measure),
      text(p.project),
      text(p.campaign),
      text(p.model),
      text(p.lineItem),
      part.by ?? '',
      part.images,
      usd(part.micro),
    ];
  });
}

/** SUMIFS over the Actuals sheet's column for one key column: `keyColumn` holds the criteria cell's value. */
function sumActuals(last: number, column: 'J' | 'K', keyColumn: 'B' | 'C', criteria: string): string {
  return `ROUND(SUMIFS(${ACTUALS_SHEET}!$${column}$2:$${column}$${last},${ACTUALS_SHEET}!$${keyColumn}$2:$${keyColumn}$${last},${criteria}),6)`;
}

function reconciliationRows(rec: Reconciliation, lastActual: number): CellValue[][] {
  const rows: CellValue[][] = rec.rows.map((r, i) => {
    const n = i + 2;
    return [
      text(r.row.id),
      text(r.row.name),
      text(r.row.team),
      text(r.row.assetType),
      usd(r.planned),
      f(sumActuals(lastActual, 'K', 'C', `$A${n}`), usd(r.actual)),
      f(`ROUND(F${n}-E${n},6)`, usd(r.variance)),
      f(`IF(E${n}=0,"",G${n}/E${n})`, r.planned === 0 ? '' : r.variance / r.planned),
      usd(r.plannedToDate),
      usd(r.forecast),
      f(sumActuals(lastActual, 'J', 'C', `$A${n}`), r.generations),
      r.approvedFinals,
      f(`IF(N(L${n})>0,ROUND(K${n}/L${n},2),"")`, r.observedFactor === null ? '' : Number(r.observedFactor)),
      measureText(r.measure),
    ];
  });
  const n = rows.length + 2;
  rows.push([
    UNASSIGNED_KEY,
    'Spend no rule matched',
    '',
    '',
    null,
    f(sumActuals(lastActual, 'K', 'C', `$A${n}`), usd(rec.unassigned)),
  ]);
  return rows;
}

function reconciliationTotals(rec: Reconciliation, count: number): CellValue[] {
  const last = count + 1;
  const sum = (c: string, result: number) => f(`ROUND(SUM(${c}2:${c}${last}),6)`, result);
  const report = groupReconciliation(rec, 'row');
  const t = last + 1;
  return [
    'Total',
    `as of ${rec.asOf}`,
    '',
    '',
    sum('E', usd(report.planned)),
    sum('F', usd(report.actual)),
    f(`ROUND(F${t}-E${t},6)`, usd(report.variance)),
    f(`IF(E${t}=0,"",G${t}/E${t})`, report.planned === 0 ? '' : report.variance / report.planned),
    sum('I', usd(rec.rows.reduce((s, r) => s + r.plannedToDate, 0))),
    sum('J', usd(report.forecast)),
  ];
}

function weeklyRows(rec: Reconciliation, lastActual: number): CellValue[][] {
  return groupReconciliation(rec, 'week').groups.map((g, i) => {
    const n = i + 2;
    return [
      g.key,
      usd(g.planned),
      f(sumActuals(lastActual, 'K', 'B', `$A${n}`), usd(g.actual)),
      f(`ROUND(C${n}-B${n},6)`, usd(g.variance)),
      f(`ROUND(SUM($B$2:B${n}),6)`, usd(g.cumulativePlanned)),
      f(`ROUND(SUM($C$2:C${n}),6)`, usd(g.cumulativeActual)),
      usd(g.forecast),
    ];
  });
}

/** The three sheets, or none for a plan without actuals (its workbook stays as it was). */
export function buildReconcileSheets(plan: PlanDocument, scenarioId: string | null): SheetModel[] {
  if (plan.actuals.batches.length === 0) return [];
  const rec = reconcilePlan(plan, { scenario: scenarioId });
  if (!rec.ok) return [];
  const actuals = actualsRows(rec.value);
  const lastActual = Math.max(2, actuals.length + 1);
  const reconciliation = reconciliationRows(rec.value, lastActual);
  const weekly = weeklyRows(rec.value, lastActual);
  const sheet = (name: string, about: string, columns: readonly ColumnLayout[], rows: CellValue[][]): SheetModel => ({
    name,
    state: 'visible',
    about,
    columns: fitColumns(columns, rows),
    autoFilter: true,
    freezeHeader: true,
    rows,
  });
  return [
    {
      ...sheet(
        RECONCILIATION_SHEET,
        `Plan versus actual per row as of ${rec.value.asOf}: Actual and Generations are SUMIFS over Actuals by Row id (the Unassigned line too); planned, planned to date and forecast are the app's values.`,
        RECONCILIATION_COLUMNS,
        reconciliation,
      ),
      totalsRow: () => reconciliationTotals(rec.value, reconciliation.length),
    },
    sheet(
      WEEKLY_SHEET,
      'Per ISO week: the phased plan, actual (SUMIFS over Actuals by week), variance, running totals and the run-rate forecast.',
      WEEKLY_COLUMNS,
      weekly,
    ),
    sheet(
      ACTUALS_SHEET,
      "The ledger's buckets as matched: one line per day, row (or (unassigned)), measure and bucket; amounts in the measure chosen for the day and project (billed, else metered, else priced from usage).",
      ACTUALS_COLUMNS,
      actuals,
    ),
  ];
}

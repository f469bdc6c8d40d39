import { isoWeek } from '../actuals/ledger/iso-week';
import { USAGE_PRICED_LABEL } from '../actuals/ledger/usage-pricing';
import { groupInteger } from '../money/format';
import { type Micro, microToNumber } from '../money/rounding';
import type { PlanDocument } from '../plan/plan-schema';
import { groupReconciliation } from '../reconcile/reconcile-groups';
import { reconcilePlan, type Reconciliation, type RowReconciliation } from '../reconcile/reconcile-plan';
import { columnLetter } from './a1';
import { neutralizeText } from './cell-text';
import { fitColumns } from './column-fit';
import { SHEET_LIMITS } from './sheet-xml';
import { headerInputColumn } from './sheet-xml-writer';
import type { CellValue, ColumnLayout, SheetModel } from './workbook-types';

/**
 * The reconciliation sheets of a plan with actuals (issue 12 §7): Actuals (every matched part of the
 * ledger's buckets, as data), Reconciliation (per row: planned, actual as a live SUMIFS over Actuals,
 * variance, forecast) and Weekly (per ISO week, the same). Formulas carry the engine's results; sums are
 * ROUND(…, 6) so a recalculation lands on the app's micro-dollars. The As of day is an input cell right of
 * the Reconciliation header: actuals count up to it and the forecast runs from it, so finance can move it.
 * Import reads none of them: the actuals travel in the Data sheet and come back as they were.
 */

export const ACTUALS_SHEET = 'Actuals';
/**
 * Lines an Actuals sheet holds under its header: Excel's rows less one. A ledger matched into more parts
 * (a team rule splits each bucket over the team's rows: millions of parts at 100k rows) continues on
 * "Actuals 2", "Actuals 3", …: one sheet past Excel's last row would make a file Excel cannot open whole.
 */
export const ACTUALS_LINES_PER_SHEET = SHEET_LIMITS.maxRow - 1;
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
  { header: 'Start', width: 12, style: 'date' },
  { header: 'End', width: 12, style: 'date' },
  { header: 'Planned', width: 14, style: 'usd-precise' },
  { header: 'Actual', width: 14, style: 'usd-precise', computed: true },
  { header: 'Variance', width: 14, style: 'usd-precise', computed: true },
  { header: 'Variance %', width: 11, style: 'percent', computed: true },
  { header: 'Planned to date', width: 14, style: 'usd-precise' },
  { header: 'Forecast', width: 14, style: 'usd-precise', computed: true },
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

/**
 * Rows made as they are read, each time they are read: the column widths take one pass and the sheet's
 * writer another, and a 100k-row plan's reconciliation formulas held at once took a third of a gigabyte.
 */
function eachTime(rows: () => Generator<CellValue[]>): Iterable<CellValue[]> {
  return { [Symbol.iterator]: rows };
}

/** One Actuals sheet: its name, and which of the reconciliation's parts it lists (from `first`, `count` of them). */
interface ActualsPage {
  readonly name: string;
  readonly first: number;
  readonly count: number;
}

/** The Actuals sheets for `parts` matched parts, `perSheet` lines each (at least one sheet, maybe empty). */
function actualsPages(parts: number, perSheet: number): ActualsPage[] {
  if (!Number.isInteger(perSheet) || perSheet < 1 || perSheet > ACTUALS_LINES_PER_SHEET)
    throw new RangeError(`an Actuals sheet holds 1 to ${ACTUALS_LINES_PER_SHEET} lines, not ${perSheet}`);
  const pages: ActualsPage[] = [];
  for (let first = 0; first === 0 || first < parts; first += perSheet) {
    const name = pages.length === 0 ? ACTUALS_SHEET : `${ACTUALS_SHEET} ${pages.length + 1}`;
    pages.push({ name, first, count: Math.min(perSheet, parts - first) });
  }
  return pages;
}

function actualsRows(rec: Reconciliation, page: ActualsPage): Iterable<CellValue[]> {
  return eachTime(function* () {
    const end = page.first + page.count;
    for (let i = page.first; i < end; i++) yield actualsRow(rec.parts[i] as Reconciliation['parts'][number]);
  });
}

function actualsRow(part: Reconciliation['parts'][number]): CellValue[] {
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
}

/** The As of input: right of the Reconciliation header (its label "As of" one column to the left). */
const AS_OF_COLUMN = headerInputColumn(RECONCILIATION_COLUMNS.length, 0) + 1;
export const AS_OF_CELL = `${columnLetter(AS_OF_COLUMN)}1`;
const AS_OF = `$${columnLetter(AS_OF_COLUMN)}$1`;

/**
 * SUMIFS over the Actuals sheets' column for one key column (`keyColumn` equal to the criteria cell's
 * value) and the days up to As of (`asOf`, a reference to the input cell): one SUMIFS per sheet, added up
 * and rounded once.
 */
function sumActuals(
  pages: readonly ActualsPage[],
  column: 'J' | 'K',
  keyColumn: 'B' | 'C',
  criteria: string,
  asOf: string,
): string {
  const terms = pages.map((page) => {
    const sheet = page.name.includes(' ') ? `'${page.name}'` : page.name;
    const last = Math.max(2, page.count + 1);
    const range = (c: string) => `${sheet}!$${c}$2:$${c}$${last}`;
    return `SUMIFS(${range(column)},${range(keyColumn)},${criteria},${range('A')},"<="&${asOf})`;
  });
  return `ROUND(${terms.join('+')},6)`;
}

/**
 * The app's run-rate forecast at completion (forecastOf in shared/reconcile/reconcile-plan.ts) for row n
 * from its Start (E), End (F), Planned (G), Actual (H) and As of: without both dates (or ending before
 * it starts) the larger of plan and actual; finished, the actual; not started, actual + plan; else actual
 * + actual × days to come ÷ days elapsed, rounded to the micro-dollar half away from zero (ROUND's rule,
 * on whole micro-dollars so no binary fraction tips a half).
 */
function forecastFormula(n: number): string {
  const [start, end, planned, actual] = [`E${n}`, `F${n}`, `G${n}`, `H${n}`];
  const toCome = `MAX(0,${end}-MAX(${AS_OF}+1,${start})+1)`;
  const elapsed = `(MIN(${AS_OF},${end})-${start}+1)`;
  const runRate = `ROUND(ROUND(${actual}*1000000,0)*${toCome}/${elapsed},0)/1000000`;
  return (
    `IF(OR(COUNT(${start}:${end})<2,${end}<${start}),MAX(${planned},${actual}),` +
    `IF(${toCome}=0,${actual},IF(${AS_OF}<${start},ROUND(${actual}+${planned},6),ROUND(${actual}+${runRate},6))))`
  );
}

const dateCell = (iso: string | null): CellValue => (iso === null ? null : { kind: 'date', iso });

function reconciliationRows(rec: Reconciliation, pages: readonly ActualsPage[]): Iterable<CellValue[]> {
  const sum = (column: 'J' | 'K', n: number) => sumActuals(pages, column, 'C', `$A${n}`, AS_OF);
  return eachTime(function* () {
    for (let i = 0; i < rec.rows.length; i++) yield reconciliationRow(rec.rows[i] as RowReconciliation, i + 2, sum);
    yield unassignedRow(rec, rec.rows.length + 2, sum);
  });
}

function reconciliationRow(
  r: RowReconciliation,
  n: number,
  sum: (column: 'J' | 'K', n: number) => string,
): CellValue[] {
  return [
    text(r.row.id),
    text(r.row.name),
    text(r.row.team),
    text(r.row.assetType),
    dateCell(r.row.startDate),
    dateCell(r.row.endDate),
    usd(r.planned),
    f(sum('K', n), usd(r.actual)),
    // Not started (its start after As of, nothing spent): no variance, as in the app (notStarted).
    f(`IF(AND(H${n}=0,N(E${n})>${AS_OF}),"",ROUND(H${n}-G${n},6))`, r.variance === null ? '' : usd(r.variance)),
    f(`IF(OR(G${n}=0,I${n}=""),"",I${n}/G${n})`, r.planned === 0 || r.variance === null ? '' : r.variance / r.planned),
    usd(r.plannedToDate),
    f(forecastFormula(n), usd(r.forecast)),
    f(sum('J', n), r.generations),
    r.approvedFinals,
    // No generation seen: nothing observed (not a factor of 0).
    f(
      `IF(AND(N(N${n})>0,N(M${n})>0),ROUND(M${n}/N${n},2),"")`,
      r.observedFactor === null ? '' : Number(r.observedFactor),
    ),
    measureText(r.measure),
  ];
}

/** Spend no rule placed, under the rows: its forecast is what it is (the app adds it to the total forecast as is). */
function unassignedRow(rec: Reconciliation, n: number, sum: (column: 'J' | 'K', n: number) => string): CellValue[] {
  const unassigned = usd(rec.unassigned);
  const blank = [null, null, null] as const;
  return [
    UNASSIGNED_KEY,
    'Spend no rule matched',
    '',
    '',
    ...blank,
    f(sum('K', n), unassigned),
    // Its variance is all of it (no plan): the total variance sums this column.
    f(`IF(H${n}=0,"",H${n})`, rec.unassigned === 0 ? '' : unassigned),
    null,
    null,
    f(`H${n}`, unassigned),
  ];
}

function reconciliationTotals(rec: Reconciliation, count: number): CellValue[] {
  const last = count + 1;
  const sum = (c: string, result: number) => f(`ROUND(SUM(${c}2:${c}${last}),6)`, result);
  const report = groupReconciliation(rec, 'row');
  const t = last + 1;
  const startedPlan = `SUMPRODUCT(ISNUMBER(I2:I${last})*G2:G${last})`;
  return [
    'Total',
    f(`"as of "&TEXT(${AS_OF},"yyyy-mm-dd")`, `as of ${rec.asOf}`),
    '',
    '',
    null,
    null,
    sum('G', usd(report.planned)),
    sum('H', usd(report.actual)),
    // The variances shown (rows started, Unassigned), against the plan of the rows started.
    f(`IF(COUNT(I2:I${last})=0,"",ROUND(SUM(I2:I${last}),6))`, report.variance === null ? '' : usd(report.variance)),
    f(
      `IF(OR(I${t}="",${startedPlan}=0),"",I${t}/${startedPlan})`,
      report.variance === null || report.plannedStarted === 0 ? '' : report.variance / report.plannedStarted,
    ),
    sum('K', usd(rec.rows.reduce((s, r) => s + r.plannedToDate, 0))),
    sum('L', usd(report.forecast)),
  ];
}

function weeklyRows(rec: Reconciliation, pages: readonly ActualsPage[]): CellValue[][] {
  const asOf = `${RECONCILIATION_SHEET}!${AS_OF}`;
  // As of's ISO week as text ("2027-W03"), compared with column A as the app compares week keys: the
  // week's Thursday gives its year, and its week is the count of sevens from that year's 1 January.
  const thursday = `(${asOf}-WEEKDAY(${asOf},2)+4)`;
  const asOfWeek = `(YEAR(${thursday})&"-W"&TEXT(INT((${thursday}-DATE(YEAR(${thursday}),1,1))/7)+1,"00"))`;
  return groupReconciliation(rec, 'week').groups.map((g, i) => {
    const n = i + 2;
    return [
      g.key,
      usd(g.planned),
      f(sumActuals(pages, 'K', 'B', `$A${n}`, asOf), usd(g.actual)),
      // A week after As of's has not started: no variance, as in the app.
      f(`IF(AND(C${n}=0,A${n}>${asOfWeek}),"",ROUND(C${n}-B${n},6))`, g.variance === null ? '' : usd(g.variance)),
      f(`ROUND(SUM($B$2:B${n}),6)`, usd(g.cumulativePlanned)),
      f(`ROUND(SUM($C$2:C${n}),6)`, usd(g.cumulativeActual)),
      usd(g.forecast),
    ];
  });
}

/**
 * The three sheets (Actuals continued on more sheets past `actualsLinesPerSheet` lines), or none for a
 * plan without actuals (its workbook stays as it was).
 */
export function buildReconcileSheets(
  plan: PlanDocument,
  scenarioId: string | null,
  actualsLinesPerSheet = ACTUALS_LINES_PER_SHEET,
): SheetModel[] {
  if (plan.actuals.batches.length === 0) return [];
  const rec = reconcilePlan(plan, { scenario: scenarioId });
  if (!rec.ok) return [];
  const pages = actualsPages(rec.value.parts.length, actualsLinesPerSheet);
  const reconciliation = reconciliationRows(rec.value, pages);
  // The rows and the Unassigned line under them.
  const reconciliationLines = rec.value.rows.length + 1;
  const weekly = weeklyRows(rec.value, pages);
  const sheet = (
    name: string,
    about: string,
    columns: readonly ColumnLayout[],
    rows: Iterable<CellValue[]>,
  ): SheetModel => ({
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
        `Plan versus actual per row as of ${rec.value.asOf} (the As of cell, ${AS_OF_CELL}, which finance may move): Actual and Generations are SUMIFS over Actuals by Row id up to As of (the Unassigned line too); Forecast is the run-rate forecast at completion from Start, End, Planned, Actual and As of; Planned and Planned to date are the app's values as exported.`,
        RECONCILIATION_COLUMNS,
        reconciliation,
      ),
      totalsRow: () => reconciliationTotals(rec.value, reconciliationLines),
      headerInputs: [{ label: 'As of', value: { kind: 'date', iso: rec.value.asOf } }],
    },
    sheet(
      WEEKLY_SHEET,
      "Per ISO week: the phased plan, actual (SUMIFS over Actuals by week, up to the Reconciliation sheet's As of), variance and running totals; Forecast is the app's run-rate forecast per week as exported.",
      WEEKLY_COLUMNS,
      weekly,
    ),
    ...pages.map((page, i) =>
      sheet(
        page.name,
        actualsAbout(page, i, pages, rec.value.parts.length),
        ACTUALS_COLUMNS,
        actualsRows(rec.value, page),
      ),
    ),
  ];
}

/** What an Actuals sheet holds, and where the lines go on when one sheet cannot hold them all. */
function actualsAbout(page: ActualsPage, index: number, pages: readonly ActualsPage[], parts: number): string {
  const what =
    "The ledger's buckets as matched: one line per day, row (or (unassigned)), measure and bucket; amounts in the measure chosen for the day and project (billed, else metered, else priced from usage).";
  if (pages.length === 1) return what;
  const lines = `lines ${groupInteger(page.first + 1)} to ${groupInteger(page.first + page.count)} of ${groupInteger(parts)}`;
  const spread = `an Excel sheet holds ${groupInteger(ACTUALS_LINES_PER_SHEET)} lines, so they go on over ${pages.length} sheets (${pages.map((p) => p.name).join(', ')}), and every SUMIFS on Reconciliation and Weekly adds up all of them`;
  return index === 0 ? `${what} This sheet: ${lines}; ${spread}.` : `Actuals continued: ${lines}; ${spread}.`;
}

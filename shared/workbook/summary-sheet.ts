import type { PlanEstimate, RowResult } from '../estimate/estimate-plan';
import { microToNumber } from './exact-number';
import { PLAN_SHEET, planColumnLetter } from './plan-columns';
import type { CellValue, ColumnLayout, SheetModel } from './workbook-types';
import { neutralizeText } from './cell-text';

/**
 * The Summary sheet: totals, and totals by team, asset type and start month, as formulas over the Plan
 * sheet (SUMPRODUCT with exact equality: no wildcard or operator surprises from names in criteria). The
 * scenario comparison is engine values at export time, labelled as such.
 */

export const SUMMARY_SHEET = 'Summary';

export const SUMMARY_COLUMNS: readonly ColumnLayout[] = [
  { header: 'Section', width: 22, style: 'label' },
  { header: 'Group', width: 30, style: 'text' },
  { header: 'Rows', width: 8, style: 'integer' },
  { header: 'Finals', width: 10, style: 'integer' },
  { header: 'Requests', width: 10, style: 'integer' },
  { header: 'Final cost', width: 14, style: 'usd' },
  { header: 'Draft cost', width: 14, style: 'usd' },
  { header: 'Total cost', width: 14, style: 'usd' },
  { header: 'Credits', width: 14, style: 'credits' },
  { header: 'Change vs base', width: 14, style: 'usd' },
  { header: 'Change %', width: 10, style: 'percent' },
];

interface Group {
  rows: number;
  finals: number;
  requests: number;
  finalCost: bigint;
  draftCost: bigint;
  credits: bigint;
}

function emptyGroup(): Group {
  return { rows: 0, finals: 0, requests: 0, finalCost: 0n, draftCost: 0n, credits: 0n };
}

function addTo(g: Group, r: RowResult): void {
  g.rows += 1;
  if (!r.estimate.ok) return;
  g.finals += r.row.finals;
  g.requests += r.estimate.requests;
  g.finalCost += r.estimate.finalCost;
  g.draftCost += r.estimate.draftCost;
  g.credits += r.estimate.credits ?? 0n;
}

function groupBy(rows: readonly RowResult[], keyOf: (r: RowResult) => string): Map<string, Group> {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const k = keyOf(r);
    let g = groups.get(k);
    if (!g) {
      g = emptyGroup();
      groups.set(k, g);
    }
    addTo(g, r);
  }
  return new Map([...groups].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0)));
}

export function buildSummarySheet(estimate: PlanEstimate, scenarioTotals: readonly { name: string; totalCost: bigint }[]): SheetModel {
  const last = Math.max(2, estimate.rows.length + 1);
  const range = (key: string) => `${PLAN_SHEET}!$${planColumnLetter(key)}$2:$${planColumnLetter(key)}$${last}`;
  const rows: CellValue[][] = [];
  const f = (formula: string, result: number): CellValue => ({ kind: 'formula', formula, result });
  const line = (section: string, group: string, condition: string | null, g: Group) => {
    const cond = condition === null ? '' : `--(${condition}),`;
    const ok = `--ISNUMBER(${range('totalCost')})`;
    rows.push([
      section,
      neutralizeText(group),
      f(condition === null ? `ROWS(${range('id')})-COUNTBLANK(${range('id')})` : `SUMPRODUCT(--(${condition}))`, g.rows),
      f(`SUMPRODUCT(${cond}${ok},${range('finals')})`, g.finals),
      f(`SUMPRODUCT(${cond}${range('requests')})`, g.requests),
      f(`SUMPRODUCT(${cond}${range('finalCost')})`, microToNumber(g.finalCost)),
      f(`SUMPRODUCT(${cond}${range('draftCost')})`, microToNumber(g.draftCost)),
      f(`SUMPRODUCT(${cond}${range('totalCost')})`, microToNumber(g.finalCost + g.draftCost)),
      f(`SUMPRODUCT(${cond}${range('credits')})`, microToNumber(g.credits)),
    ]);
  };
  const all = emptyGroup();
  for (const r of estimate.rows) addTo(all, r);
  line('Total', estimate.rows.length === 1 ? '1 row' : `${estimate.rows.length} rows`, null, all);
  const summaryRow = () => rows.length + 2;

  const textSection = (section: string, key: 'team' | 'assetType', none: string, keyOf: (r: RowResult) => string) => {
    for (const [name, g] of groupBy(estimate.rows, keyOf)) {
      // EXACT against the Group cell (same neutralised text as the Plan cells): case-sensitive like the
      // app's grouping, and no wildcard or operator meaning for names such as "R&D *" or "<EU>".
      const condition = name === '' ? `${range(key)}=""` : `EXACT(${range(key)},$B$${summaryRow()})`;
      line(section, name === '' ? none : name, condition, g);
    }
  };
  textSection('By team', 'team', '(no team)', (r) => r.row.team);
  textSection('By asset type', 'assetType', '(no asset type)', (r) => r.row.assetType);
  for (const [month, g] of groupBy(estimate.rows, (r) => r.row.startDate?.slice(0, 7) ?? '')) {
    if (month === '') {
      line('By start month', '(no start date)', `${range('startDate')}=""`, g);
      continue;
    }
    const y = Number(month.slice(0, 4));
    const m = Number(month.slice(5, 7));
    const next = m === 12 ? `DATE(${y + 1},1,1)` : `DATE(${y},${m + 1},1)`;
    line('By start month', month, `${range('startDate')}>=DATE(${y},${m},1)),--(${range('startDate')}<${next}`, g);
  }

  if (scenarioTotals.length > 0) {
    rows.push([]);
    rows.push(['Scenarios', 'Values computed by Pixel Ledger at export time (not formulas)']);
    const base = scenarioTotals[0]?.totalCost ?? 0n;
    for (const s of scenarioTotals) {
      const delta = s.totalCost - base;
      const cells: CellValue[] = ['Scenario', neutralizeText(s.name), null, null, null, null, null, microToNumber(s.totalCost), null, microToNumber(delta)];
      cells.push(base === 0n ? null : Number(delta) / Number(base));
      rows.push(cells);
    }
  }
  return { name: SUMMARY_SHEET, state: 'visible', columns: SUMMARY_COLUMNS, autoFilter: false, freezeHeader: true, rows, rowCount: rows.length };
}

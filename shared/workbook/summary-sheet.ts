import { hasDateSerial } from './excel-date';
import type { RowResult } from '../estimate/estimate-plan';
import { microToNumber } from '../money/rounding';
import { PLAN_SHEET, planColumnLetter } from './plan-columns';
import type { CellValue, ColumnLayout, SheetModel } from './workbook-types';
import { fitColumns } from './column-fit';
import type { Micro } from '../money/rounding';

/**
 * The Summary sheet: totals, and totals by team, asset type and start month, as formulas over the Plan
 * sheet (SUMPRODUCT with exact equality: no wildcard or operator surprises from names in criteria). The
 * scenario comparison is engine values at export time, labelled as such.
 */

const SUMMARY_SHEET = 'Summary';

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
  finalCost: Micro;
  draftCost: Micro;
  credits: Micro;
}

function emptyGroup(): Group {
  return { rows: 0, finals: 0, requests: 0, finalCost: 0, draftCost: 0, credits: 0 };
}

function addTo(g: Group, r: RowResult): void {
  g.rows += 1;
  if (!r.estimate.ok) return;
  g.finals += r.row.finals;
  g.requests += r.estimate.requests;
  g.finalCost += r.estimate.finalCost;
  g.draftCost += r.estimate.draftCost;
  g.credits += r.estimate.credits ?? 0;
}

function sortedGroups(groups: Map<string, Group>): [string, Group][] {
  return [...groups].sort(([a], [b]) => (a === '' ? 1 : b === '' ? -1 : a < b ? -1 : a > b ? 1 : 0));
}

/** Totals gathered row by row while the Plan sheet streams, so no row estimate is kept. */
export class SummaryTally {
  readonly all = emptyGroup();
  readonly byTeam = new Map<string, Group>();
  readonly byAssetType = new Map<string, Group>();
  readonly byMonth = new Map<string, Group>();

  add(r: RowResult): void {
    addTo(this.all, r);
    this.addToGroup(this.byTeam, r.row.team, r);
    this.addToGroup(this.byAssetType, r.row.assetType, r);
    this.addToGroup(this.byMonth, r.row.startDate?.slice(0, 7) ?? '', r);
  }

  private addToGroup(groups: Map<string, Group>, key: string, r: RowResult): void {
    let g = groups.get(key);
    if (!g) {
      g = emptyGroup();
      groups.set(key, g);
    }
    addTo(g, r);
  }
}

/** Summary rows from a finished tally (the Plan sheet has `planRows` rows). */
export function summaryRows(
  tally: SummaryTally,
  planRows: number,
  scenarioTotals: readonly { name: string; totalCost: Micro }[],
): CellValue[][] {
  const last = Math.max(2, planRows + 1);
  const range = (key: string) => `${PLAN_SHEET}!$${planColumnLetter(key)}$2:$${planColumnLetter(key)}$${last}`;
  const rows: CellValue[][] = [];
  const f = (formula: string, result: number): CellValue => ({ kind: 'formula', formula, result });
  const line = (section: string, group: string, condition: string | null, g: Group) => {
    const cond = condition === null ? '' : `--(${condition}),`;
    const ok = `--ISNUMBER(${range('totalCost')})`;
    rows.push([
      section,
      // Written exactly as the Plan cells are (the writer cuts and neutralises both), so EXACT finds them.
      group,
      f(
        condition === null ? `ROWS(${range('id')})-COUNTBLANK(${range('id')})` : `SUMPRODUCT(--(${condition}))`,
        g.rows,
      ),
      f(`SUMPRODUCT(${cond}${ok},${range('finals')})`, g.finals),
      f(`SUMPRODUCT(${cond}${range('requests')})`, g.requests),
      f(`SUMPRODUCT(${cond}${range('finalCost')})`, microToNumber(g.finalCost)),
      f(`SUMPRODUCT(${cond}${range('draftCost')})`, microToNumber(g.draftCost)),
      f(`SUMPRODUCT(${cond}${range('totalCost')})`, microToNumber(g.finalCost + g.draftCost)),
      f(`SUMPRODUCT(${cond}${range('credits')})`, microToNumber(g.credits)),
    ]);
  };
  line('Total', tally.all.rows === 1 ? '1 row' : `${tally.all.rows} rows`, null, tally.all);
  const summaryRow = () => rows.length + 2;

  const textSection = (section: string, key: 'team' | 'assetType', none: string, groups: Map<string, Group>) => {
    for (const [name, g] of sortedGroups(groups)) {
      // EXACT against the Group cell (same neutralised text as the Plan cells): case-sensitive like the
      // app's grouping, and no wildcard or operator meaning for names such as "R&D *" or "<EU>".
      const condition = name === '' ? `${range(key)}=""` : `EXACT(${range(key)},$B$${summaryRow()})`;
      line(section, name === '' ? none : name, condition, g);
    }
  };
  textSection('By team', 'team', '(no team)', tally.byTeam);
  textSection('By asset type', 'assetType', '(no asset type)', tally.byAssetType);
  for (const [month, g] of sortedGroups(tally.byMonth)) {
    if (month === '') {
      line('By start month', '(no start date)', `${range('startDate')}=""`, g);
      continue;
    }
    if (!hasDateSerial(`${month}-01`)) {
      // Before 1900-03 the Plan cells hold the date as text (excel-date.ts): match the text's month.
      line('By start month', month, `LEFT(${range('startDate')},7)="${month}"`, g);
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
    const base = scenarioTotals[0]?.totalCost ?? 0;
    for (const s of scenarioTotals) {
      const delta = s.totalCost - base;
      const cells: CellValue[] = [
        'Scenario',
        s.name,
        null,
        null,
        null,
        null,
        null,
        microToNumber(s.totalCost),
        null,
        microToNumber(delta),
      ];
      cells.push(base === 0 ? null : delta / base);
      rows.push(cells);
    }
  }
  return rows;
}

export function buildSummarySheet(rows: CellValue[][]): SheetModel {
  return {
    name: SUMMARY_SHEET,
    state: 'visible',
    about:
      'Totals of the Plan rows without errors: the whole plan, then by team, asset type and start month (formulas over Plan), and the total of each scenario as computed at export.',
    columns: fitColumns(SUMMARY_COLUMNS, rows, (c) => (c.header === 'Group' ? 40 : 24)),
    autoFilter: false,
    freezeHeader: true,
    rows,
  };
}

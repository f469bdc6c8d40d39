import type { CellClassParams, ColDef, ValueFormatterParams, ValueGetterParams } from 'ag-grid-community';
import type { Measure } from '../../../shared/actuals/actual-record';
import { toDecimalString } from '../../../shared/money/exact';
import type { Micro } from '../../../shared/money/rounding';
import type { MatchRule } from '../../../shared/reconcile/match-rules';
import { variancePct } from '../../../shared/reconcile/reconcile-groups';
import type { RowReconciliation } from '../../../shared/reconcile/reconcile-plan';
import type { ActualTotals } from '../../../shared/reconcile/reconciliation-totals';
import type { ActualGroupBy, GridReconciliation } from '../state/reconciliation-totals';
import { tooltipContext } from './cell-tooltip';
import { grouped, usd } from './money-text';
import { asGridRow, isTotalsRow, type SheetRow, sheetContext, type TotalsRow } from './sheet-row';

/**
 * The "Plan vs actual" columns (issue 12 §3): what the actuals ledger says each row has spent, against
 * its plan. They read the app's reconciliation through the grid context (it changes without the rows
 * changing when a rule moves spend), shown only while the plan has actuals.
 */

/** Every column of the group, in display order ("approvedFinals" is the row's input column). */
export const ACTUAL_COLUMN_IDS = [
  'actualToDate',
  'actualVariance',
  'actualVariancePct',
  'budgetLeftAfterActuals',
  'generationsObserved',
  'approvedFinals',
  'observedFactor',
  'forecastAtCompletion',
  'actualFlag',
] as const;

const MEASURE_TEXT: Record<Measure | 'mixed', string> = {
  billed: 'billed',
  metered: 'metered',
  usage: 'usage priced',
  mixed: 'mixed measures',
};

const MEASURE_WHY: Record<Measure | 'mixed', string> = {
  billed: 'billed cost from the provider, attributed to campaigns by the gateway’s spend',
  metered: 'metered spend from the gateway log (no billed cost for those days)',
  usage: 'usage priced with the plan’s price book (no billed or metered spend for those days)',
  mixed: 'billed cost on some days, metered spend or priced usage on others',
};

export function measureText(m: Measure | 'mixed' | null): string {
  return m === null ? '' : MEASURE_TEXT[m];
}

/** What a variance shows while its row or week has not started (its plan is not yet due). */
export const NOT_STARTED_TEXT = 'not started';

/** "+$1.20" over plan, "-$0.50" under it, "$0.00" on plan; "not started" for no variance yet. */
export function signedUsd(m: Micro | null): string {
  if (m === null) return NOT_STARTED_TEXT;
  return m > 0 ? `+${usd(m)}` : usd(m);
}

/** The variance against `planned` in percent; blank while not started, "—" with nothing planned. */
export function signedPct(variance: Micro | null, planned: Micro): string {
  if (variance === null) return '';
  const pct = variancePct(variance, planned);
  if (pct === null) return '—';
  return `${variance > 0 ? '+' : ''}${pct}%`;
}

/** "2.40× · 20 finals"; with finals but no generation seen, says so (not 0.00×); blank without finals. */
export function factorText(factor: string | null, finals: number): string {
  if (factor === null) return finals > 0 ? 'no generations observed' : '';
  return `${factor}× · ${grouped(finals)} final${finals === 1 ? '' : 's'}`;
}

export const FLAG_TEXT = { 'over-plan': 'Over plan', 'ahead-of-phasing': 'Ahead of phasing' } as const;

export function flagWhy(r: RowReconciliation, asOf: string): string {
  if (r.flag === 'over-plan')
    return `Over plan: actual ${usd(r.actual)} is ${usd(r.actual - r.planned)} above the row’s planned ${usd(r.planned)}.`;
  if (r.flag === 'ahead-of-phasing')
    return `Ahead of phasing: actual ${usd(r.actual)} is above the ${usd(r.plannedToDate)} the plan expects by ${asOf} (its phasing); at this rate it ends at ${usd(r.forecast)} against ${usd(r.planned)} planned.`;
  return '';
}

function ruleText(rule: MatchRule | undefined, id: string): string {
  if (!rule) return `rule ${id} (removed)`;
  const to = rule.to.kind === 'row' ? `row ${rule.to.rowId}` : `team ${rule.to.team}`;
  return `rule ${rule.when.field} = ${rule.when.value} → ${to}`;
}

/** What placed a row's money, one line per source: "rule api-key = key-3 → team Growth: $12.00". */
export function matchedByLines(r: RowReconciliation, rules: readonly MatchRule[]): string[] {
  return [...r.matchedBy]
    .sort((a, b) => b[1] - a[1])
    .map(([by, m]) => {
      let what = by;
      if (by === 'campaign') what = 'campaign tag or name';
      else if (by === 'model') what = 'same model within the row’s dates';
      else if (by === 'manual') what = 'assigned by hand';
      else if (by.startsWith('rule:'))
        what = ruleText(
          rules.find((x) => x.id === by.slice(5)),
          by.slice(5),
        );
      return `${what}: ${usd(m)}`;
    });
}

interface ActualColumn {
  readonly colId: string;
  readonly header: string;
  readonly tooltip: string;
  readonly width: number;
  /** The sort value of a row. */
  readonly value: (r: RowReconciliation) => number | string | null;
  readonly text: (r: RowReconciliation) => string;
  readonly totalText: (t: ActualTotals, kind: TotalsRow['kind']) => string;
  readonly explain?: (r: RowReconciliation, g: GridReconciliation) => string | undefined;
}

const COLUMNS: readonly ActualColumn[] = [
  {
    colId: 'actualToDate',
    header: 'Actual to date',
    tooltip: 'Actual spend matched to the row, and which measure it comes from',
    width: 170,
    value: (r) => r.actual,
    text: (r) => (r.measure === null ? usd(r.actual) : `${usd(r.actual)} · ${measureText(r.measure)}`),
    totalText: (t, kind) =>
      kind === 'totals' ? `${usd(t.actual)} · incl. ${usd(t.unassigned)} Unassigned` : usd(t.actual),
    explain: (r, g) => {
      const lines = matchedByLines(r, g.rules);
      const why = r.measure === null ? 'No actual spend is matched to this row.' : `From ${MEASURE_WHY[r.measure]}.`;
      return [why, ...(lines.length > 0 ? ['Placed by:', ...lines] : [])].join('\n');
    },
  },
  {
    colId: 'actualVariance',
    header: 'Variance $',
    tooltip: 'Actual minus planned: positive is over plan; “not started” before the row’s start date',
    width: 110,
    value: (r) => r.variance,
    text: (r) => signedUsd(r.variance),
    totalText: (t) => signedUsd(t.variance),
  },
  {
    colId: 'actualVariancePct',
    header: 'Variance %',
    tooltip: 'Variance as a share of the planned cost',
    width: 100,
    value: (r) => (r.planned === 0 || r.variance === null ? null : (r.variance * 100) / r.planned),
    text: (r) => signedPct(r.variance, r.planned),
    totalText: (t) => signedPct(t.variance, t.plannedStarted),
  },
  {
    colId: 'budgetLeftAfterActuals',
    header: 'Budget left after actuals',
    tooltip: 'The budget cap (else the planned cost) minus the actual spend',
    width: 130,
    value: (r) => r.budgetLeft,
    text: (r) => usd(r.budgetLeft),
    totalText: (t) => usd(t.budgetLeft),
  },
  {
    colId: 'generationsObserved',
    header: 'Generations seen / planned',
    tooltip: 'Images the actuals show for the row, against the generations the plan expects',
    width: 130,
    value: (r) => r.generations,
    text: (r) => `${grouped(r.generations)} / ${toDecimalString(r.generationsPlanned, 0)}`,
    totalText: (t) => grouped(t.generations),
  },
  {
    colId: 'observedFactor',
    header: 'Observed iteration',
    tooltip: 'Generations seen ÷ approved finals, with how many finals it rests on',
    width: 140,
    value: (r) => (r.observedFactor === null ? null : Number(r.observedFactor)),
    text: (r) => factorText(r.observedFactor, r.approvedFinals ?? 0),
    totalText: (t) => factorText(t.observedFactor, t.approvedFinals),
  },
  {
    colId: 'forecastAtCompletion',
    header: 'Forecast at completion',
    tooltip: 'Actual so far plus the run rate to the row’s end date',
    width: 130,
    value: (r) => r.forecast,
    text: (r) => usd(r.forecast),
    totalText: (t, kind) =>
      kind === 'totals' && t.unassigned !== 0 ? `${usd(t.forecast)} · incl. Unassigned` : usd(t.forecast),
  },
  {
    colId: 'actualFlag',
    header: 'Plan check',
    tooltip: 'Over plan (red): actual above the planned cost. Ahead of phasing (amber): above the plan to date',
    width: 140,
    value: (r) => r.flag,
    text: (r) => (r.flag === null ? '' : `${r.flag === 'over-plan' ? '⛔' : '⚠'} ${FLAG_TEXT[r.flag]}`),
    totalText: (t) =>
      [t.overPlan > 0 ? `${t.overPlan} over plan` : '', t.aheadOfPhasing > 0 ? `${t.aheadOfPhasing} ahead` : '']
        .filter((s) => s !== '')
        .join(' · '),
    explain: (r, g) => flagWhy(r, g.rec.asOf) || undefined,
  },
];

function reconciliationOf(context: unknown): GridReconciliation | null {
  return sheetContext(context)?.reconciliation ?? null;
}

/** A totals or subtotal row's sums: the plan total (with Unassigned) or its group's. */
function totalsFor(g: GridReconciliation, row: TotalsRow): ActualTotals | undefined {
  if (row.kind === 'totals') return g.totals;
  const by: ActualGroupBy = row.id.startsWith('__subtotal:team:') ? 'team' : 'assetType';
  return g.groupTotals(by).get(row.groupKey ?? '');
}

function rowRec(p: { data?: SheetRow | undefined; context: unknown }): RowReconciliation | undefined {
  const gridRow = asGridRow(p.data);
  return gridRow ? reconciliationOf(p.context)?.row(gridRow.id) : undefined;
}

function actualColumnDef(column: ActualColumn): ColDef<SheetRow> {
  const flag = column.colId === 'actualFlag';
  return {
    colId: column.colId,
    headerName: column.header,
    headerClass: 'pl-actual-header',
    width: column.width,
    wrapHeaderText: true,
    autoHeaderHeight: true,
    editable: false,
    valueGetter: (p: ValueGetterParams<SheetRow>) => {
      const r = rowRec(p);
      return r ? column.value(r) : null;
    },
    valueFormatter: (p: ValueFormatterParams<SheetRow>) => {
      const g = reconciliationOf(p.context);
      if (!g) return '';
      if (isTotalsRow(p.data)) {
        const t = totalsFor(g, p.data);
        return t ? column.totalText(t, p.data.kind) : '';
      }
      const r = rowRec(p);
      return r ? column.text(r) : '';
    },
    filter: flag ? 'agTextColumnFilter' : 'agNumberColumnFilter',
    cellClass: flag ? ['pl-actual', 'pl-flag'] : ['pl-actual', 'ag-right-aligned-cell'],
    cellClassRules: flag
      ? {
          'pl-flag-over': (p: CellClassParams<SheetRow>) => rowRec(p)?.flag === 'over-plan',
          'pl-flag-ahead': (p: CellClassParams<SheetRow>) => rowRec(p)?.flag === 'ahead-of-phasing',
        }
      : undefined,
    ...tooltipContext({
      header: `${column.tooltip} (plan vs actual, read-only)`,
      cell: (p) => {
        const g = reconciliationOf(p.context);
        const r = rowRec(p);
        if (g && isTotalsRow(p.data) && p.data.kind === 'totals' && column.colId === 'actualToDate')
          return `Every row’s actual plus ${usd(g.totals.unassigned)} Unassigned (spend no rule matched to a row).`;
        return g && r ? column.explain?.(r, g) : undefined;
      },
    }),
  };
}

/** The group's columns, the row's approved-finals input column placed among them. */
export function actualColumnDefs(approvedFinals: ColDef<SheetRow> | null): ColDef<SheetRow>[] {
  return ACTUAL_COLUMN_IDS.flatMap((id) => {
    if (id === 'approvedFinals')
      return approvedFinals ? [{ ...approvedFinals, headerClass: ['pl-input-header', 'pl-actual-header'] }] : [];
    const column = COLUMNS.find((c) => c.colId === id);
    return column ? [actualColumnDef(column)] : [];
  });
}

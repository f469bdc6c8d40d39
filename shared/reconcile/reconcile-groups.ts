import type { Measure } from '../actuals/actual-record';
import { isoWeek } from '../actuals/ledger/iso-week';
import type { Micro } from '../money/rounding';
import { measureOf } from './match-actuals';
import { ratioText, type Reconciliation, type RowReconciliation } from './reconcile-plan';

/**
 * Reconciliation grouped for a report (the CLI's `reconcile --by`, the workbook, the Reconcile view):
 * by row, team, asset type or ISO week. Every group's figures are integer sums of its rows' figures;
 * the totals are sums of the groups plus Unassigned (actual), so they always equal what is shown.
 */

export const RECONCILE_GROUPINGS = ['row', 'team', 'asset-type', 'week'] as const;
export type ReconcileGrouping = (typeof RECONCILE_GROUPINGS)[number];

/** A row's share of one week, for drilling into a week's variance. */
export interface WeekRow {
  readonly rowId: string;
  readonly name: string;
  readonly planned: Micro;
  readonly actual: Micro;
  readonly variance: Micro;
}

export interface ReconcileGroup {
  /** Row id, team, asset type or ISO week ("2027-W03"). */
  readonly key: string;
  /** The row's name (by row), else the key. */
  readonly name: string;
  readonly planned: Micro;
  readonly actual: Micro;
  readonly variance: Micro;
  /** variance ÷ planned in percent, two decimals; null when nothing is planned. */
  readonly variancePct: string | null;
  readonly forecast: Micro;
  readonly measure: Measure | 'mixed' | null;
  readonly observedIterationFactor: string | null;
  /** How many approved finals the observed factor rests on (0: none typed). */
  readonly approvedFinals: number;
  readonly generations: number;
  /** By week: the rows behind the week's figures, largest variance first. */
  readonly rows: readonly WeekRow[];
  /** By week: running totals from the first week. */
  readonly cumulativePlanned: Micro;
  readonly cumulativeActual: Micro;
}

export interface ReconcileReport {
  readonly asOf: string;
  readonly by: ReconcileGrouping;
  readonly planned: Micro;
  readonly actual: Micro;
  readonly variance: Micro;
  readonly unassigned: Micro;
  readonly forecast: Micro;
  readonly groups: readonly ReconcileGroup[];
}

export function variancePct(variance: Micro, planned: Micro): string | null {
  return planned === 0 ? null : ratioText(variance, planned, 100);
}

function factorOf(rows: readonly RowReconciliation[]): {
  factor: string | null;
  approved: number;
  generations: number;
} {
  let approved = 0;
  let generations = 0;
  for (const r of rows) {
    if (r.approvedFinals === null || r.approvedFinals === 0) continue;
    approved += r.approvedFinals;
    generations += r.generations;
  }
  return { factor: approved > 0 ? ratioText(generations, approved) : null, approved, generations };
}

function groupOf(key: string, name: string, rows: readonly RowReconciliation[]): ReconcileGroup {
  let planned = 0;
  let actual = 0;
  let forecast = 0;
  const measures = new Set<Measure>();
  for (const r of rows) {
    planned += r.planned;
    actual += r.actual;
    forecast += r.forecast;
    for (const s of r.measuresByDay.values()) for (const m of s) measures.add(m);
  }
  const f = factorOf(rows);
  const variance = actual - planned;
  return {
    key,
    name,
    planned,
    actual,
    variance,
    variancePct: variancePct(variance, planned),
    forecast,
    measure: measureOf(measures),
    observedIterationFactor: f.factor,
    approvedFinals: f.approved,
    generations: rows.reduce((s, r) => s + r.generations, 0),
    rows: [],
    cumulativePlanned: 0,
    cumulativeActual: 0,
  };
}

function byKey(rows: readonly RowReconciliation[], keyOf: (r: RowReconciliation) => string): ReconcileGroup[] {
  const groups = new Map<string, RowReconciliation[]>();
  for (const r of rows) {
    const k = keyOf(r);
    const list = groups.get(k);
    if (list) list.push(r);
    else groups.set(k, [r]);
  }
  return [...groups].map(([k, rs]) => groupOf(k, k, rs));
}

interface WeekTally {
  planned: Micro;
  actual: Micro;
  forecastAhead: Micro;
  readonly measures: Set<Measure>;
  readonly rows: Map<string, { name: string; planned: Micro; actual: Micro }>;
}

function weekTally(weeks: Map<string, WeekTally>, day: string): WeekTally {
  const week = isoWeek(day);
  let t = weeks.get(week);
  if (!t) weeks.set(week, (t = { planned: 0, actual: 0, forecastAhead: 0, measures: new Set(), rows: new Map() }));
  return t;
}

function rowInWeek(t: WeekTally, r: RowReconciliation) {
  let w = t.rows.get(r.row.id);
  if (!w) t.rows.set(r.row.id, (w = { name: r.row.name, planned: 0, actual: 0 }));
  return w;
}

function weekGroups(rec: Reconciliation): ReconcileGroup[] {
  const weeks = new Map<string, WeekTally>();
  for (const r of rec.rows) {
    for (const [day, m] of r.plannedByDay ?? []) {
      const t = weekTally(weeks, day);
      t.planned += m;
      rowInWeek(t, r).planned += m;
    }
    for (const [day, m] of r.actualByDay) {
      const t = weekTally(weeks, day);
      t.actual += m;
      rowInWeek(t, r).actual += m;
      for (const x of r.measuresByDay.get(day) ?? []) t.measures.add(x);
    }
    for (const [day, m] of r.forecastByDay) weekTally(weeks, day).forecastAhead += m;
  }
  for (const [day, m] of rec.unassignedByDay) {
    const t = weekTally(weeks, day);
    t.actual += m;
    for (const x of rec.unassignedMeasuresByDay.get(day) ?? []) t.measures.add(x);
  }
  let cumulativePlanned = 0;
  let cumulativeActual = 0;
  return [...weeks]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, t]) => {
      cumulativePlanned += t.planned;
      cumulativeActual += t.actual;
      const variance = t.actual - t.planned;
      const rows = [...t.rows]
        .map(([rowId, w]) => ({
          rowId,
          name: w.name,
          planned: w.planned,
          actual: w.actual,
          variance: w.actual - w.planned,
        }))
        .sort((a, b) => Math.abs(b.variance) - Math.abs(a.variance) || (a.rowId < b.rowId ? -1 : 1));
      return {
        key: week,
        name: week,
        planned: t.planned,
        actual: t.actual,
        variance,
        variancePct: variancePct(variance, t.planned),
        forecast: t.actual + t.forecastAhead,
        measure: measureOf(t.measures),
        observedIterationFactor: null,
        approvedFinals: 0,
        generations: 0,
        rows,
        cumulativePlanned,
        cumulativeActual,
      };
    });
}

/** The report for one grouping. Unassigned is in every total, never a group. */
export function groupReconciliation(rec: Reconciliation, by: ReconcileGrouping): ReconcileReport {
  const groups =
    by === 'row'
      ? rec.rows.map((r) => ({ ...groupOf(r.row.id, r.row.name, [r]), measure: r.measure }))
      : by === 'team'
        ? byKey(rec.rows, (r) => r.row.team || '(no team)')
        : by === 'asset-type'
          ? byKey(rec.rows, (r) => r.row.assetType || '(no asset type)')
          : weekGroups(rec);
  let planned = 0;
  let actual = rec.unassigned;
  let forecast = rec.unassigned;
  for (const g of groups) {
    planned += g.planned;
    if (by !== 'week') {
      actual += g.actual;
      forecast += g.forecast;
    }
  }
  if (by === 'week') {
    // Week groups already hold Unassigned in their actuals (and forecasts): the totals are their sums.
    actual = groups.reduce((s, g) => s + g.actual, 0);
    forecast = groups.reduce((s, g) => s + g.forecast, 0);
  }
  return {
    asOf: rec.asOf,
    by,
    planned,
    actual,
    variance: actual - planned,
    unassigned: rec.unassigned,
    forecast,
    groups,
  };
}

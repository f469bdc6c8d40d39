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
  /** Null in a week not started (after as-of). */
  readonly variance: Micro | null;
}

export interface ReconcileGroup {
  /** Row id, team, asset type or ISO week ("2027-W03"). */
  readonly key: string;
  /** The row's name (by row), else the key. */
  readonly name: string;
  readonly planned: Micro;
  readonly actual: Micro;
  /**
   * actual − planned of what has started; null when nothing in the group has (a week after as-of, rows
   * whose start is after as-of with nothing spent): a plan not yet due is no saving.
   */
  readonly variance: Micro | null;
  /** variance ÷ the started plan in percent, two decimals; null when no variance or nothing is planned. */
  readonly variancePct: string | null;
  readonly forecast: Micro;
  readonly measure: Measure | 'mixed' | null;
  readonly observedIterationFactor: string | null;
  /** How many approved finals the observed factor rests on: of rows with generations seen (0: none). */
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
  /**
   * actual − plannedStarted: the groups' variances shown plus Unassigned. Null when no group has started
   * and nothing is spent.
   */
  readonly variance: Micro | null;
  readonly variancePct: string | null;
  /** The plan of the groups with a variance: what the total variance is measured against. */
  readonly plannedStarted: Micro;
  /** Groups not started (no variance), and their plan: left out of the variance. */
  readonly notStarted: number;
  readonly unassigned: Micro;
  readonly forecast: Micro;
  readonly groups: readonly ReconcileGroup[];
}

export function variancePct(variance: Micro | null, planned: Micro): string | null {
  return planned === 0 || variance === null ? null : ratioText(variance, planned, 100);
}

function factorOf(rows: readonly RowReconciliation[]): {
  factor: string | null;
  approved: number;
  generations: number;
} {
  let approved = 0;
  let generations = 0;
  for (const r of rows) {
    // A row with no generations seen tells nothing of its factor: it would pull the ratio towards 0.
    if (r.approvedFinals === null || r.approvedFinals === 0 || r.generations === 0) continue;
    approved += r.approvedFinals;
    generations += r.generations;
  }
  return { factor: approved > 0 ? ratioText(generations, approved) : null, approved, generations };
}

function groupOf(key: string, name: string, rows: readonly RowReconciliation[]): ReconcileGroup {
  let planned = 0;
  let actual = 0;
  let forecast = 0;
  let plannedStarted = 0;
  let variance: Micro | null = null;
  const measures = new Set<Measure>();
  for (const r of rows) {
    planned += r.planned;
    actual += r.actual;
    forecast += r.forecast;
    if (r.variance !== null) {
      plannedStarted += r.planned;
      variance = (variance ?? 0) + r.variance;
    }
    for (const s of r.measuresByDay.values()) for (const m of s) measures.add(m);
  }
  const f = factorOf(rows);
  return {
    key,
    name,
    planned,
    actual,
    variance,
    variancePct: variancePct(variance, plannedStarted),
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
  /** The rows with days in the week, in plan order: each once, as a row's days are all added together. */
  readonly rows: RowInWeek[];
  /** The row whose days are being added and its entry in `rows`: no lookup by row id per row and week. */
  current: RowReconciliation | null;
  currentEntry: RowInWeek | null;
}

/** The weeks by ISO week, and each day's week looked up once (rows share their days). */
class Weeks {
  readonly byWeek = new Map<string, WeekTally>();
  private readonly byDay = new Map<string, WeekTally>();

  of(day: string): WeekTally {
    let t = this.byDay.get(day);
    if (t === undefined) {
      const week = isoWeek(day);
      t = this.byWeek.get(week);
      if (!t)
        this.byWeek.set(
          week,
          (t = {
            planned: 0,
            actual: 0,
            forecastAhead: 0,
            measures: new Set(),
            rows: [],
            current: null,
            currentEntry: null,
          }),
        );
      this.byDay.set(day, t);
    }
    return t;
  }
}

type RowInWeek = { row: RowReconciliation; planned: Micro; actual: Micro };

/**
 * The row's entry in the week, made on its first day there. Rows are added one after the other
 * (weekGroups), so an entry made for another row means this row has none yet: a map by row id, one per
 * week, was most of the Reconcile tab's time on a 100k-row dated plan.
 */
function rowInWeek(t: WeekTally, r: RowReconciliation): RowInWeek {
  if (t.current === r && t.currentEntry !== null) return t.currentEntry;
  const entry: RowInWeek = { row: r, planned: 0, actual: 0 };
  t.rows.push(entry);
  t.current = r;
  t.currentEntry = entry;
  return entry;
}

/** A week's rows as a report lists them: largest variance first, then by row id; none in a week not started. */
function weekRows(entries: readonly RowInWeek[], started: boolean): WeekRow[] {
  return entries
    .map(({ row, planned, actual }) => ({
      rowId: row.row.id,
      name: row.row.name,
      planned,
      actual,
      variance: started ? actual - planned : null,
    }))
    .sort(
      (a, b) => Math.abs(b.variance ?? b.planned) - Math.abs(a.variance ?? a.planned) || (a.rowId < b.rowId ? -1 : 1),
    );
}

/** One row's days into the weeks (all of them before the next row's: see rowInWeek). */
function addRowDays(weeks: Weeks, r: RowReconciliation): void {
  r.plannedByDay?.forEachWeek((m, day) => {
    const t = weeks.of(day);
    t.planned += m;
    rowInWeek(t, r).planned += m;
  });
  r.actualByDay.forEach((m, day) => {
    const t = weeks.of(day);
    t.actual += m;
    rowInWeek(t, r).actual += m;
    r.measuresByDay.get(day)?.forEach((x) => t.measures.add(x));
  });
  r.forecastByDay.forEachWeek((m, day) => (weeks.of(day).forecastAhead += m));
}

function weekGroups(rec: Reconciliation): ReconcileGroup[] {
  const weeks = new Weeks();
  for (const r of rec.rows) addRowDays(weeks, r);
  rec.unassignedByDay.forEach((m, day) => {
    const t = weeks.of(day);
    t.actual += m;
    rec.unassignedMeasuresByDay.get(day)?.forEach((x) => t.measures.add(x));
  });
  let cumulativePlanned = 0;
  let cumulativeActual = 0;
  // ISO week keys sort as the weeks do: a week after as-of's has not begun (and has no actuals).
  const asOfWeek = isoWeek(rec.asOf);
  return [...weeks.byWeek]
    .sort(([a], [b]) => (a < b ? -1 : 1))
    .map(([week, t]) => {
      cumulativePlanned += t.planned;
      cumulativeActual += t.actual;
      const started = week <= asOfWeek || t.actual !== 0;
      const variance = started ? t.actual - t.planned : null;
      // Listed and sorted when read (a week drilled into): a 100k-row plan has 100k rows in every week.
      let rows: WeekRow[] | null = null;
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
        get rows(): WeekRow[] {
          return (rows ??= weekRows(t.rows, started));
        },
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
  // Week groups already hold Unassigned in their actuals (and forecasts): the totals are their sums.
  let actual = by === 'week' ? 0 : rec.unassigned;
  let forecast = actual;
  let planned = 0;
  let plannedStarted = 0;
  let notStarted = 0;
  for (const g of groups) {
    planned += g.planned;
    actual += g.actual;
    forecast += g.forecast;
    if (g.variance === null) notStarted += 1;
    else plannedStarted += g.planned;
  }
  const variance = notStarted === groups.length && notStarted > 0 && actual === 0 ? null : actual - plannedStarted;
  return {
    asOf: rec.asOf,
    by,
    planned,
    actual,
    variance,
    variancePct: variancePct(variance, plannedStarted),
    plannedStarted,
    notStarted,
    unassigned: rec.unassigned,
    forecast,
    groups,
  };
}

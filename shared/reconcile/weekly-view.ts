import type { Micro } from '../money/rounding';
import { groupReconciliation, type ReconcileReport } from './reconcile-groups';
import type { Reconciliation } from './reconcile-plan';
import { isoWeek } from '../actuals/ledger/iso-week';

/**
 * The Reconcile view's weeks: per ISO week the phased plan, the actual (Unassigned included), the
 * variance, cumulative plan against cumulative actual, and the run-rate forecast carried to the end of
 * the period. Pure: the as-of day is the reconciliation's (the caller chose it), never the clock.
 */

export interface WeekLine {
  /** ISO week, "2027-W03". */
  readonly week: string;
  readonly planned: Micro;
  readonly actual: Micro;
  /** Null for a week after as-of's: not started, so no variance (not a saving). */
  readonly variance: Micro | null;
  readonly variancePct: string | null;
  readonly cumulativePlanned: Micro;
  readonly cumulativeActual: Micro;
  /** Actual to as-of, then the run-rate forecast: where spend is heading week by week. */
  readonly cumulativeForecast: Micro;
  /** The week as-of falls in ('now'), one before it ('past') or after it ('future'). */
  readonly when: 'past' | 'now' | 'future';
}

export interface WeeklyView {
  readonly asOf: string;
  readonly weeks: readonly WeekLine[];
  readonly planned: Micro;
  readonly actual: Micro;
  /** actual − the plan of the weeks started (the report's); null while no week has started. */
  readonly variance: Micro | null;
  /** Weeks not started, left out of the variance. */
  readonly notStarted: number;
  readonly unassigned: Micro;
  /** The run-rate forecast at the end of the period (the last week's cumulative forecast). */
  readonly forecastAtEnd: Micro;
  /** The last week of the period, or null when nothing is phased or spent. */
  readonly endWeek: string | null;
}

/**
 * A reconciliation's report by week, made once per reconciliation (they are never changed): the view
 * and every week drilled into read the same one, rather than spreading a 100k-row plan over its weeks
 * again on each click.
 */
const weekReports = new WeakMap<Reconciliation, ReconcileReport>();

function weekReport(rec: Reconciliation): ReconcileReport {
  let report = weekReports.get(rec);
  if (report === undefined) weekReports.set(rec, (report = groupReconciliation(rec, 'week')));
  return report;
}

export function weeklyView(rec: Reconciliation): WeeklyView {
  const report = weekReport(rec);
  const asOfWeek = isoWeek(rec.asOf);
  let cumulativeForecast = 0;
  const weeks = report.groups.map((g): WeekLine => {
    cumulativeForecast += g.forecast;
    return {
      week: g.key,
      planned: g.planned,
      actual: g.actual,
      variance: g.variance,
      variancePct: g.variancePct,
      cumulativePlanned: g.cumulativePlanned,
      cumulativeActual: g.cumulativeActual,
      cumulativeForecast,
      when: g.key < asOfWeek ? 'past' : g.key === asOfWeek ? 'now' : 'future',
    };
  });
  return {
    asOf: rec.asOf,
    weeks,
    planned: report.planned,
    actual: report.actual,
    variance: report.variance,
    notStarted: report.notStarted,
    unassigned: report.unassigned,
    forecastAtEnd: cumulativeForecast,
    endWeek: weeks.at(-1)?.week ?? null,
  };
}

/** One part of a week's variance: a row, or the week's Unassigned spend (rowId null). */
export interface WeekDriver {
  readonly rowId: string | null;
  readonly name: string;
  readonly planned: Micro;
  readonly actual: Micro;
  /** Null in a week not started. */
  readonly variance: Micro | null;
}

export interface WeekDrillDown {
  readonly week: string;
  /** Null for a week not started. */
  readonly variance: Micro | null;
  /** Largest |variance| first; their variances add up to the week's exactly. Rows with nothing that week are left out. */
  readonly drivers: readonly WeekDriver[];
}

/** The rows (and Unassigned) behind one week's variance, or null for a week the reconciliation does not have. */
export function weekDrillDown(rec: Reconciliation, week: string): WeekDrillDown | null {
  const group = weekReport(rec).groups.find((g) => g.key === week);
  if (!group) return null;
  const drivers: WeekDriver[] = group.rows
    .filter((r) => r.planned !== 0 || r.actual !== 0)
    .map((r) => ({ rowId: r.rowId, name: r.name, planned: r.planned, actual: r.actual, variance: r.variance }));
  const rowsActual = group.rows.reduce((s, r) => s + r.actual, 0);
  const unassigned = group.actual - rowsActual;
  if (unassigned !== 0)
    drivers.push({ rowId: null, name: 'Unassigned', planned: 0, actual: unassigned, variance: unassigned });
  // A week not started has no variances: its rows by plan instead.
  const size = (d: WeekDriver): number => Math.abs(d.variance ?? d.planned);
  drivers.sort((a, b) => size(b) - size(a) || ((a.rowId ?? '~') < (b.rowId ?? '~') ? -1 : 1));
  return { week, variance: group.variance, drivers };
}

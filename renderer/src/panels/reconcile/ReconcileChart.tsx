import { useId } from 'react';
import type { WeekLine, WeeklyView } from '../../../../shared/reconcile/weekly-view';
import { usd } from '../../grid/money-text';

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 64, right: 12, top: 12, bottom: 28 };

/** Bars at most: past this, each bar draws a run of weeks (the plot is 564 pixels wide). */
const MAX_BARS = 280;

/** What one bar and one point of each line draw: a week, or a run of weeks. */
type DrawnWeek = Pick<WeekLine, 'week' | 'variance' | 'cumulativePlanned' | 'cumulativeActual' | 'when'>;

/**
 * The weeks as drawn: each week, or for a plan of more weeks than bars (a row dated over years, or a
 * mistyped year such as 0026) runs of weeks, each with its weeks' variance summed and the cumulative
 * figures of its last week, so the chart stays a few hundred shapes.
 */
function drawnWeeks(weeks: readonly WeekLine[]): readonly DrawnWeek[] {
  if (weeks.length <= MAX_BARS) return weeks;
  const per = Math.ceil(weeks.length / MAX_BARS);
  const drawn: DrawnWeek[] = [];
  for (let start = 0; start < weeks.length; start += per) {
    const run = weeks.slice(start, start + per);
    const last = run[run.length - 1] as WeekLine;
    const started = run.filter((w) => w.variance !== null);
    drawn.push({
      ...last,
      variance: started.length === 0 ? null : started.reduce((sum, w) => sum + (w.variance ?? 0), 0),
    });
  }
  return drawn;
}

/** The y axis: from the lowest variance (or 0) to the highest cumulative figure. Drawing only, so floats. */
function scaleOf(weeks: readonly DrawnWeek[]) {
  let low = 0;
  let high = 0;
  for (const w of weeks) {
    const variance = w.variance ?? 0;
    low = Math.min(low, variance);
    high = Math.max(high, w.cumulativePlanned, w.cumulativeActual, variance);
  }
  if (high === low) high = low + 1;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  return (m: number) => PAD.top + ((high - m) / (high - low)) * plotH;
}

/**
 * Cumulative plan and cumulative actual as lines, weekly variance as bars (over plan up, under down; no
 * bar for a week not started).
 * The SVG is one image with a text alternative; the weeks table beside it holds the exact figures.
 */
export function ReconcileChart({ view }: { view: WeeklyView }) {
  const titleId = useId();
  const descId = useId();
  const weeks = drawnWeeks(view.weeks);
  const n = weeks.length;
  if (n === 0) return null;
  const y = scaleOf(weeks);
  const step = (WIDTH - PAD.left - PAD.right) / n;
  const x = (i: number) => PAD.left + step * (i + 0.5);
  const line = (pick: (i: number) => number | null) =>
    weeks
      .map((_, i) => pick(i))
      .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter((p): p is string => p !== null)
      .join(' ');
  const planned = line((i) => weeks[i]?.cumulativePlanned ?? 0);
  const actual = line((i) => (weeks[i]?.when === 'future' ? null : (weeks[i]?.cumulativeActual ?? 0)));
  const last = weeks[n - 1];
  const summary = `${view.weeks.length} weeks to ${view.endWeek}: cumulative plan ${usd(last?.cumulativePlanned ?? 0)}, cumulative actual ${usd(
    view.actual,
  )} as of ${view.asOf}, variance ${view.variance === null ? 'none yet (not started)' : usd(view.variance)}, forecast at the end ${usd(view.forecastAtEnd)}.`;
  return (
    <figure className="pl-reconcile-chart">
      <svg
        role="img"
        aria-labelledby={`${titleId} ${descId}`}
        width={WIDTH}
        height={HEIGHT}
        data-testid="reconcile-chart"
      >
        <title id={titleId}>Cumulative plan vs actual, and weekly variance</title>
        <desc id={descId}>{summary}</desc>
        <line x1={PAD.left} x2={WIDTH - PAD.right} y1={y(0)} y2={y(0)} className="pl-chart-axis" />
        {weeks.map((w, i) => (
          <rect
            key={w.week}
            x={x(i) - step * 0.3}
            width={step * 0.6}
            y={Math.min(y(0), y(w.variance ?? 0))}
            height={Math.abs(y(0) - y(w.variance ?? 0))}
            className={(w.variance ?? 0) > 0 ? 'pl-chart-over' : 'pl-chart-under'}
          />
        ))}
        <polyline points={planned} className="pl-chart-plan" fill="none" />
        <polyline points={actual} className="pl-chart-actual" fill="none" />
        <text x={4} y={y(0)} className="pl-chart-label">
          $0
        </text>
        <text x={4} y={PAD.top + 10} className="pl-chart-label">
          {usd(Math.max(last?.cumulativePlanned ?? 0, last?.cumulativeActual ?? 0))}
        </text>
        {weeks.map((w, i) =>
          i % Math.ceil(n / 8) === 0 ? (
            <text key={w.week} x={x(i)} y={HEIGHT - 8} textAnchor="middle" className="pl-chart-label">
              {w.week.slice(5)}
            </text>
          ) : null,
        )}
      </svg>
      <figcaption>
        {summary} Lines: <span className="pl-key-plan">cumulative plan</span>,{' '}
        <span className="pl-key-actual">cumulative actual</span>; bars: weekly variance (up is over plan).
      </figcaption>
    </figure>
  );
}

import { useId } from 'react';
import type { WeeklyView } from '../../../../shared/reconcile/weekly-view';
import { usd } from '../../grid/money-text';

const WIDTH = 640;
const HEIGHT = 240;
const PAD = { left: 64, right: 12, top: 12, bottom: 28 };

/** The y axis: from the lowest variance (or 0) to the highest cumulative figure. Drawing only, so floats. */
function scaleOf(view: WeeklyView) {
  let low = 0;
  let high = 0;
  for (const w of view.weeks) {
    low = Math.min(low, w.variance);
    high = Math.max(high, w.cumulativePlanned, w.cumulativeActual, w.variance);
  }
  if (high === low) high = low + 1;
  const plotH = HEIGHT - PAD.top - PAD.bottom;
  return (m: number) => PAD.top + ((high - m) / (high - low)) * plotH;
}

/**
 * Cumulative plan and cumulative actual as lines, weekly variance as bars (over plan up, under down).
 * The SVG is one image with a text alternative; the weeks table beside it holds the exact figures.
 */
export function ReconcileChart({ view }: { view: WeeklyView }) {
  const titleId = useId();
  const descId = useId();
  const n = view.weeks.length;
  if (n === 0) return null;
  const y = scaleOf(view);
  const step = (WIDTH - PAD.left - PAD.right) / n;
  const x = (i: number) => PAD.left + step * (i + 0.5);
  const line = (pick: (i: number) => number | null) =>
    view.weeks
      .map((_, i) => pick(i))
      .map((v, i) => (v === null ? null : `${x(i).toFixed(1)},${y(v).toFixed(1)}`))
      .filter((p): p is string => p !== null)
      .join(' ');
  const planned = line((i) => view.weeks[i]?.cumulativePlanned ?? 0);
  const actual = line((i) => (view.weeks[i]?.when === 'future' ? null : (view.weeks[i]?.cumulativeActual ?? 0)));
  const last = view.weeks[n - 1];
  const summary = `${n} weeks to ${view.endWeek}: cumulative plan ${usd(last?.cumulativePlanned ?? 0)}, cumulative actual ${usd(
    view.actual,
  )} as of ${view.asOf}, variance ${usd(view.variance)}, forecast at the end ${usd(view.forecastAtEnd)}.`;
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
        {view.weeks.map((w, i) => (
          <rect
            key={w.week}
            x={x(i) - step * 0.3}
            width={step * 0.6}
            y={Math.min(y(0), y(w.variance))}
            height={Math.abs(y(0) - y(w.variance))}
            className={w.variance > 0 ? 'pl-chart-over' : 'pl-chart-under'}
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
        {view.weeks.map((w, i) =>
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

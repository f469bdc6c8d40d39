import { USAGE_PRICED_LABEL } from '../../../../shared/actuals/ledger/usage-pricing';
import type { PlanDocument } from '../../../../shared/plan/plan-schema';
import { PHASINGS, type Phasing } from '../../../../shared/plan/row-fields';
import type { UnpricedUsage } from '../../../../shared/reconcile/actual-pieces';
import type { LearnedFactor, LearnedFactors } from '../../../../shared/reconcile/learned-factors';
import type { MeterCheckLine } from '../../../../shared/reconcile/meter-check';
import type { WeekDrillDown, WeeklyView } from '../../../../shared/reconcile/weekly-view';
import { useMemo } from 'react';
import { NOT_STARTED_TEXT } from '../../grid/actual-columns';
import { microText, usd } from '../../grid/money-text';
import { NotListedLine, useListedCount } from '../long-lists';

const money = (m: number) => <span title={microText(m)}>{usd(m)}</span>;

/** A variance, or "not started" for a week after as-of (its plan is not due yet: no saving). */
const variance = (m: number | null) => (m === null ? <span className="pl-muted">{NOT_STARTED_TEXT}</span> : money(m));

/** Why the total variance is not total actual − total plan: the weeks not started are left out. */
function totalVarianceNote(view: WeeklyView): string | undefined {
  if (view.notStarted === 0) return undefined;
  return `Leaves out the ${view.notStarted} week${view.notStarted === 1 ? '' : 's'} not started by ${view.asOf}`;
}

/** The weeks: a week's button drills into the rows behind its variance. */
export function WeeksTable(props: { view: WeeklyView; selected: string | null; onSelect: (week: string) => void }) {
  const { view, selected, onSelect } = props;
  // A row dated over years has a week for each: 0001-01-01 to 1900-03-01 is 99,000 weeks.
  const listing = useListedCount('weeks');
  return (
    <>
      <table className="pl-table" data-testid="reconcile-weeks">
        <caption>By ISO week, as of {view.asOf}</caption>
        <thead>
          <tr>
            <th>Week</th>
            <th className="num">Plan</th>
            <th className="num">Actual</th>
            <th className="num">Variance</th>
            <th className="num">Cumulative plan</th>
            <th className="num">Cumulative actual</th>
          </tr>
        </thead>
        <tbody>
          {view.weeks.slice(0, listing.listed).map((w) => (
            <tr
              key={w.week}
              data-testid={`reconcile-week-${w.week}`}
              className={w.week === selected ? 'own' : undefined}
            >
              <td>
                <button
                  type="button"
                  className="pl-link-button"
                  aria-pressed={w.week === selected}
                  onClick={() => onSelect(w.week)}
                >
                  {w.week}
                </button>
                {w.when === 'now' ? <span className="pl-muted"> (as of)</span> : null}
              </td>
              <td className="num">{money(w.planned)}</td>
              <td className="num">{w.when === 'future' ? '—' : money(w.actual)}</td>
              <td className={`num${(w.variance ?? 0) > 0 ? ' pl-over-plan' : ''}`}>{variance(w.variance)}</td>
              <td className="num">{money(w.cumulativePlanned)}</td>
              <td className="num">{w.when === 'future' ? '—' : money(w.cumulativeActual)}</td>
            </tr>
          ))}
        </tbody>
        <tfoot>
          <tr>
            <td>Total</td>
            <td className="num">{money(view.planned)}</td>
            <td className="num">{money(view.actual)}</td>
            <td className="num" title={totalVarianceNote(view)}>
              {variance(view.variance)}
            </td>
            <td colSpan={2} className="num">
              Forecast at the end: {money(view.forecastAtEnd)}
            </td>
          </tr>
        </tfoot>
      </table>
      <NotListedLine
        listing={listing}
        count={view.weeks.length}
        what="weeks"
        note="the totals count them all."
        testId="reconcile-weeks"
      />
    </>
  );
}

export function WeekDrill({ drill }: { drill: WeekDrillDown }) {
  // Every row planned or billed in the week drives it: all 100k rows of a plan dated over one week.
  const listing = useListedCount(drill.week);
  return (
    <>
      <table className="pl-table" data-testid="reconcile-drill">
        <caption>
          What drove {drill.week}:{' '}
          {drill.variance === null ? 'not started (no variance yet)' : `variance ${usd(drill.variance)}`}
        </caption>
        <thead>
          <tr>
            <th>Row</th>
            <th className="num">Plan</th>
            <th className="num">Actual</th>
            <th className="num">Variance</th>
          </tr>
        </thead>
        <tbody>
          {drill.drivers.slice(0, listing.listed).map((d) => (
            <tr key={d.rowId ?? '(unassigned)'}>
              <td>{d.name}</td>
              <td className="num">{money(d.planned)}</td>
              <td className="num">{money(d.actual)}</td>
              <td className="num">{variance(d.variance)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotListedLine
        listing={listing}
        count={drill.drivers.length}
        what="rows"
        note="the largest variances first."
        testId="reconcile-drill"
      />
    </>
  );
}

export function PhasingTable(props: { document: PlanDocument; onPhasing: (rowId: string, phasing: Phasing) => void }) {
  const dated = props.document.rows.filter((r) => r.startDate !== null && r.endDate !== null);
  const listing = useListedCount('phasing');
  return (
    <>
      <table className="pl-table" data-testid="reconcile-phasing">
        <caption>Phasing: how each row&apos;s plan spreads over its days</caption>
        <thead>
          <tr>
            <th>Row</th>
            <th>Dates</th>
            <th>Phasing</th>
          </tr>
        </thead>
        <tbody>
          {dated.slice(0, listing.listed).map((r) => (
            <tr key={r.id}>
              <td>{r.name}</td>
              <td>
                {r.startDate} to {r.endDate}
              </td>
              <td>
                <select
                  aria-label={`Phasing of ${r.name}`}
                  data-testid={`phasing-${r.id}`}
                  value={r.phasing}
                  onChange={(e) => props.onPhasing(r.id, e.target.value as Phasing)}
                >
                  {PHASINGS.map((p) => (
                    <option key={p} value={p}>
                      {p}
                    </option>
                  ))}
                </select>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotListedLine
        listing={listing}
        count={dated.length}
        what="dated rows"
        note="the grid's Phasing column sets it for any row."
        testId="reconcile-phasing"
      />
    </>
  );
}

const meter = (m: number | null) => (m === null ? '—' : money(m));

export function MeterChecks({ lines }: { lines: readonly MeterCheckLine[] }) {
  // A line per day and project (a year of a hundred projects is 36,500): the flagged ones first, so the
  // lines that need a look are among those listed.
  const listing = useListedCount('meters');
  const ordered = useMemo(() => [...lines.filter((c) => c.flagged), ...lines.filter((c) => !c.flagged)], [lines]);
  if (lines.length === 0)
    return <p className="pl-muted">No day and project has more than one meter: nothing to cross-check.</p>;
  return (
    <>
      <table className="pl-table" data-testid="reconcile-meters">
        <caption>Cross-check of the meters (a gap over 1% is flagged; flagged lines first)</caption>
        <thead>
          <tr>
            <th>Day</th>
            <th>Project</th>
            <th className="num">Billed</th>
            <th className="num">Metered</th>
            <th className="num">{USAGE_PRICED_LABEL}</th>
            <th className="num">Gap %</th>
            <th>Flag</th>
          </tr>
        </thead>
        <tbody>
          {ordered.slice(0, listing.listed).map((c) => (
            <tr key={`${c.day}|${c.project}`} className={c.flagged ? 'pl-flagged' : undefined}>
              <td>{c.day}</td>
              <td>{c.project}</td>
              <td className="num">{meter(c.billed)}</td>
              <td className="num">{meter(c.metered)}</td>
              <td className="num">{meter(c.usage)}</td>
              <td className="num">{c.gapPct}</td>
              <td>{c.flagged ? `Gap over 1%: ${c.reasonText ?? ''}` : 'ok'}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotListedLine listing={listing} count={lines.length} what="days and projects" testId="reconcile-meters" />
    </>
  );
}

/** A factor with no generation seen: nothing observed yet (not a factor of 0). */
const NO_GENERATIONS_TEXT = 'no generations observed';

/** One table of learned factors: by asset type, or by row (every row with approved finals). */
function FactorTable(props: { list: readonly LearnedFactor[]; by: 'type' | 'row'; testId: string }) {
  const { list, by, testId } = props;
  const listing = useListedCount(by);
  const planned = by === 'row';
  return (
    <>
      <table className="pl-table" data-testid={testId}>
        <caption>Learned iteration factor by {by === 'row' ? 'row' : 'asset type'}</caption>
        <thead>
          <tr>
            <th>{by === 'row' ? 'Row' : 'Asset type'}</th>
            <th className="num">Observed generations per final</th>
            <th className="num">Planned</th>
            <th className="num">Finals it rests on</th>
            <th className="num">Generations</th>
          </tr>
        </thead>
        <tbody>
          {list.slice(0, listing.listed).map((f) => (
            <tr key={f.key}>
              <td>{f.name}</td>
              <td className="num">{f.observed ?? <span className="pl-muted">{NO_GENERATIONS_TEXT}</span>}</td>
              <td className="num">{planned ? (f.planned ?? '') : ''}</td>
              <td className="num">{f.finals.toLocaleString('en-US')}</td>
              <td className="num">{f.generations.toLocaleString('en-US')}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <NotListedLine
        listing={listing}
        count={list.length}
        what={by === 'row' ? 'rows' : 'asset types'}
        testId={`${testId}`}
      />
    </>
  );
}

export function LearnedFactorsTable({ factors }: { factors: LearnedFactors }) {
  if (factors.byRow.length === 0)
    return <p className="pl-muted">No row has approved finals yet: type them in the grid to learn the real factor.</p>;
  return (
    <>
      <FactorTable list={factors.byAssetType} by="type" testId="reconcile-factors-types" />
      <FactorTable list={factors.byRow} by="row" testId="reconcile-factors" />
    </>
  );
}

/** Models listed in the unpriced-usage notice (the rest are counted). */
const SHOWN_UNPRICED_MODELS = 10;

/**
 * Usage the price book could not price counts $0 in the actuals: says how many buckets and, by model (most
 * first), why, so the missing price is named rather than the spend quietly missing. `outcome` says what
 * becomes of them where the notice is shown (an import's preview: what reconciliation would do).
 */
export function UnpricedUsageNotice({
  buckets,
  byModel,
  outcome = 'could not be priced and count $0 in the actuals',
  testId = 'reconcile-unpriced-usage',
}: {
  buckets: number;
  byModel: readonly UnpricedUsage[];
  outcome?: string;
  testId?: string;
}) {
  if (buckets === 0) return null;
  const more = byModel.length - SHOWN_UNPRICED_MODELS;
  return (
    <div className="pl-report" data-testid={testId} role="status">
      <p className="pl-error-text">
        {buckets.toLocaleString('en-US')} usage bucket{buckets === 1 ? '' : 's'} {outcome}:
      </p>
      <ul className="pl-report-problems">
        {byModel.slice(0, SHOWN_UNPRICED_MODELS).map((m) => (
          <li key={m.model}>
            {m.model || '(no model)'}, {m.buckets.toLocaleString('en-US')} bucket{m.buckets === 1 ? '' : 's'}
            {m.buckets > 1 ? '; the first' : ''}: {m.reason}
          </li>
        ))}
        {more > 0 && <li>and {more.toLocaleString('en-US')} more models</li>}
      </ul>
    </div>
  );
}

import { useMemo, useState } from 'react';
import { Bar, BarChart, CartesianGrid, Cell, Legend, Pie, PieChart, Tooltip, XAxis, YAxis } from 'recharts';
import type { PlanEstimate } from '../../../shared/estimate/estimate-plan';
import type { Result } from '../../../shared/result';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { microToNumber, usd } from '../grid/money-text';
import { type PlanView, ScenarioEstimates } from '../../../shared/estimate/plan-estimator';

const COLORS = ['#4f7cff', '#f2a33a', '#35b58a', '#d65db1', '#8a8f98'];
const MAX_BARS = 25;

function shortName(name: string): string {
  return name.length > 22 ? `${name.slice(0, 21)}…` : name;
}

function dollars(v: unknown): string {
  return typeof v === 'number'
    ? `$${v.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 })}`
    : String(v);
}

/** The 25 dearest campaign lines, dearest first (rows with errors have no cost to draw). */
function CampaignChart({ view }: { view: PlanView }) {
  const byCampaign = useMemo(
    () =>
      view.rows
        .filter((r) => r.result.estimate.ok)
        .map((r) => ({
          name: r.row.name.length > 28 ? `${r.row.name.slice(0, 27)}…` : r.row.name,
          cost: microToNumber(r.result.estimate.totalCost),
        }))
        .sort((a, b) => b.cost - a.cost)
        .slice(0, MAX_BARS),
    [view.rows],
  );
  return (
    <figure>
      <figcaption>Cost by campaign line{view.rows.length > MAX_BARS ? ` (top ${MAX_BARS})` : ''}</figcaption>
      <BarChart width={520} height={260} data={byCampaign} layout="vertical" margin={{ left: 20, right: 20 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis type="number" tickFormatter={dollars} />
        <YAxis type="category" dataKey="name" width={190} tick={{ fontSize: 11 }} />
        <Tooltip formatter={(v) => dollars(v)} />
        <Bar dataKey="cost" name="Cost" fill={COLORS[0]} isAnimationActive={false} />
      </BarChart>
    </figure>
  );
}

/** Final images vs drafts vs input (prompts, references). Charts only: the split uses floats. */
function costShares(view: PlanView): { name: string; value: number }[] {
  let input = 0;
  let finals = 0;
  let drafts = 0;
  for (const r of view.rows) {
    const e = r.result.estimate;
    if (!e.ok) continue;
    const final = microToNumber(e.finalCost);
    const draft = microToNumber(e.draftCost);
    input += (final + draft) * e.inputShare;
    finals += final * (1 - e.inputShare);
    drafts += draft * (1 - e.inputShare);
  }
  return [
    { name: 'Final images (output)', value: finals },
    { name: 'Drafts (output)', value: drafts },
    { name: 'Input (prompts, references)', value: input },
  ].filter((s) => s.value > 0);
}

function CostSharesChart({ view }: { view: PlanView }) {
  const shares = useMemo(() => costShares(view), [view]);
  return (
    <figure>
      <figcaption>Where the money goes</figcaption>
      <PieChart width={360} height={260}>
        <Pie
          data={shares}
          dataKey="value"
          nameKey="name"
          outerRadius={90}
          isAnimationActive={false}
          label={(e: { percent?: number }) => `${Math.round((e.percent ?? 0) * 100)}%`}
        >
          {shares.map((s, i) => (
            <Cell key={s.name} fill={COLORS[(i + 1) % COLORS.length]} />
          ))}
        </Pie>
        <Tooltip formatter={(v) => dollars(v)} />
        <Legend />
      </PieChart>
    </figure>
  );
}

function ScenarioTotalsChart({ document: doc }: { document: PlanDocument }) {
  // One incremental estimate per scenario, kept across edits: an edit re-estimates one row in each.
  const [estimates] = useState(() => new ScenarioEstimates());
  const scenarioTotals = useMemo(() => {
    const bar = (name: string, e: Result<PlanEstimate>) =>
      e.ok
        ? { name, cost: microToNumber(e.value.totals.totalCost), label: usd(e.value.totals.totalCost) }
        : { name, cost: 0, label: 'error' };
    return [
      bar('Base plan', estimates.of(doc, null)),
      ...doc.scenarios.map((s) => bar(shortName(s.name), estimates.of(doc, s.id))),
    ];
  }, [doc, estimates]);
  return (
    <figure>
      <figcaption>Scenario totals</figcaption>
      <BarChart width={480} height={260} data={scenarioTotals} margin={{ left: 10, right: 10 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="name" tick={{ fontSize: 10 }} interval={0} />
        <YAxis tickFormatter={dollars} />
        <Tooltip formatter={(v) => dollars(v)} />
        <Bar dataKey="cost" name="Total" isAnimationActive={false}>
          {scenarioTotals.map((s, i) => (
            <Cell key={s.name} fill={COLORS[i % COLORS.length]} />
          ))}
        </Bar>
      </BarChart>
    </figure>
  );
}

/** Cost by campaign, where the money goes (final vs draft vs input), and what each scenario totals. */
export function ChartsPanel(props: { document: PlanDocument; view: PlanView }) {
  return (
    <div className="pl-charts" data-testid="charts-panel">
      <CampaignChart view={props.view} />
      <CostSharesChart view={props.view} />
      <ScenarioTotalsChart document={props.document} />
    </div>
  );
}

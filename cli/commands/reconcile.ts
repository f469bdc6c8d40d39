import { USAGE_PRICED_LABEL } from '../../shared/actuals/ledger/usage-pricing';
import { microToDecimalString } from '../../shared/money/format';
import type { Micro } from '../../shared/money/rounding';
import {
  groupReconciliation,
  RECONCILE_GROUPINGS,
  type ReconcileGrouping,
  type ReconcileReport,
} from '../../shared/reconcile/reconcile-groups';
import { type Reconciliation, reconcilePlan } from '../../shared/reconcile/reconcile-plan';
import { CliError, type OptionSpec, singlePositional, UsageError } from '../args';
import type { Command } from '../command';
import { loadPlanFile } from '../files';
import { renderTable } from '../format';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'by',
    kind: 'string',
    valueName: 'G',
    example: 'week',
    description: `group by ${RECONCILE_GROUPINGS.join(' | ')} (default row)`,
  },
  {
    name: 'scenario',
    kind: 'string',
    valueName: 'NAME',
    example: '"Strict baselines"',
    description: "compare with this scenario's plan (name or id); default: the active scenario",
  },
  {
    name: 'as-of',
    kind: 'string',
    valueName: 'YYYY-MM-DD',
    example: '2027-01-20',
    description: 'the last day compared (default: the latest actual)',
  },
  { name: 'json', kind: 'flag', description: 'print one JSON object (money as exact decimal strings)' },
];

const usd = (m: Micro): string => microToDecimalString(m);

function toJson(report: ReconcileReport, rec: Reconciliation, scenario: string | null) {
  return {
    asOf: report.asOf,
    by: report.by,
    scenario,
    plannedUsd: usd(report.planned),
    actualUsd: usd(report.actual),
    varianceUsd: usd(report.variance),
    unassignedUsd: usd(report.unassigned),
    forecastUsd: usd(report.forecast),
    groups: report.groups.map((g) => ({
      key: g.key,
      ...(report.by === 'row' ? { name: g.name } : {}),
      plannedUsd: usd(g.planned),
      actualUsd: usd(g.actual),
      actualMeasure: g.measure,
      varianceUsd: usd(g.variance),
      variancePct: g.variancePct,
      forecastUsd: usd(g.forecast),
      observedIterationFactor: g.observedIterationFactor,
      approvedFinals: g.approvedFinals,
      generations: g.generations,
      ...(report.by === 'week'
        ? { cumulativePlannedUsd: usd(g.cumulativePlanned), cumulativeActualUsd: usd(g.cumulativeActual) }
        : {}),
    })),
    crossChecks: rec.crossChecks
      .filter((c) => c.flagged)
      .map((c) => ({
        day: c.day,
        project: c.project,
        billedUsd: c.billed === null ? null : usd(c.billed),
        meteredUsd: c.metered === null ? null : usd(c.metered),
        usagePricedUsd: c.usage === null ? null : usd(c.usage),
        gapPct: c.gapPct,
      })),
    unpricedUsageBuckets: rec.unpricedUsage,
  };
}

function measureLabel(m: string | null): string {
  return m === null ? '' : m === 'usage' ? USAGE_PRICED_LABEL : m;
}

function renderText(report: ReconcileReport, rec: Reconciliation): string {
  const table = renderTable(
    [
      { header: report.by, align: 'left' },
      { header: 'planned', align: 'right' },
      { header: 'actual', align: 'right' },
      { header: 'measure', align: 'left' },
      { header: 'variance', align: 'right' },
      { header: '%', align: 'right' },
      { header: 'forecast', align: 'right' },
      { header: 'gen/final', align: 'right' },
    ],
    report.groups.map((g) => [
      g.key,
      usd(g.planned),
      usd(g.actual),
      measureLabel(g.measure),
      usd(g.variance),
      g.variancePct ?? '',
      usd(g.forecast),
      g.observedIterationFactor === null ? '' : `${g.observedIterationFactor} (${g.approvedFinals} finals)`,
    ]),
    [
      ['Unassigned', '', usd(report.unassigned), '', '', '', '', ''],
      ['Total', usd(report.planned), usd(report.actual), '', usd(report.variance), '', usd(report.forecast), ''],
    ],
  );
  const flagged = rec.crossChecks.filter((c) => c.flagged);
  const notes = [
    `as of ${report.asOf}; USD; actuals are billed cost where the ledger has it for the day and project, else metered, else ${USAGE_PRICED_LABEL}`,
    flagged.length > 0
      ? `meters disagree by more than 1% on ${flagged.length} day(s) × project (largest: ${
          flagged.slice().sort((a, b) => Number(b.gapPct) - Number(a.gapPct))[0]?.gapPct
        }%): see --json crossChecks`
      : '',
    rec.unpricedUsage > 0 ? `${rec.unpricedUsage} usage bucket(s) could not be priced and count $0` : '',
  ].filter((s) => s !== '');
  return `${table}\n${notes.join('\n')}\n`;
}

export const reconcileCommand: Command = {
  name: 'reconcile',
  usage: 'reconcile PLAN.pxplan [--by row|team|asset-type|week] [--scenario NAME] [--as-of YYYY-MM-DD] [--json]',
  options: OPTIONS,
  details: [
    'Variance is actual minus planned (over plan is positive); by week, planned is the phased plan of that',
    'week. Unassigned spend is in every total and never a group. Money is exact to the micro-dollar.',
  ].join('\n'),
  async run(args, io) {
    const path = singlePositional(args, 'a plan file', 'plan.pxplan');
    const by = (args.string('by') ?? 'row') as ReconcileGrouping;
    if (!RECONCILE_GROUPINGS.includes(by))
      throw new UsageError(`--by ${by}: use one of ${RECONCILE_GROUPINGS.join(', ')}`);
    const asOf = args.string('as-of');
    if (asOf !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(asOf))
      throw new UsageError(`--as-of ${asOf}: write a date as YYYY-MM-DD, e.g. 2027-01-20`);
    const plan = await loadPlanFile(io, path);
    const rec = reconcilePlan(plan, { scenario: args.string('scenario'), asOf: asOf ?? null });
    if (!rec.ok) throw new CliError(`${path}: ${rec.error}`);
    const report = groupReconciliation(rec.value, by);
    const scenario = plan.scenarios.find((s) => s.id === rec.value.scenarioId)?.name ?? null;
    io.stdout(
      args.flag('json')
        ? JSON.stringify(toJson(report, rec.value, scenario), null, 2) + '\n'
        : renderText(report, rec.value),
    );
    return 0;
  },
};

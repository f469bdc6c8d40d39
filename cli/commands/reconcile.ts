import { USAGE_PRICED_LABEL } from '../../shared/actuals/ledger/usage-pricing';
import { microToDecimalString } from '../../shared/money/format';
import type { Micro } from '../../shared/money/rounding';
import {
  groupReconciliation,
  RECONCILE_GROUPINGS,
  type ReconcileGrouping,
  type ReconcileReport,
} from '../../shared/reconcile/reconcile-groups';
import type { Reconciliation } from '../../shared/reconcile/reconcile-plan';
import { reconcileOnce } from '../../shared/reconcile/plan-reconciler';
import { checkExportTarget } from '../../node/files/export-target';
import { reconciliationCsv } from '../../shared/reconcile/reconcile-csv';
import { isCalendarDay } from '../../shared/reconcile/day-math';
import type { CsvDelimiter } from '../../shared/workbook/plan-csv';
import { CliError, type OptionSpec, type ParsedArgs, singlePositional, UsageError } from '../args';
import type { CliIo, Command } from '../command';
import { loadPlanFile, writeOutputFile } from '../files';
import { counted, renderTable } from '../format';
import { meteredOverlapWarning, unpricedUsageLines } from './common';

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
  {
    name: 'csv',
    kind: 'flag',
    description: 'the reconciliation table per row as CSV (exact decimals, UTF-8 with BOM): to -o FILE, else stdout',
  },
  {
    name: 'output',
    short: 'o',
    kind: 'string',
    valueName: 'FILE',
    example: 'reconciliation.csv',
    description: 'with --csv: write the CSV here (never over a plan file)',
  },
  {
    name: 'delimiter',
    kind: 'string',
    valueName: 'CHAR',
    example: '";"',
    description: 'with --csv: "," (default) or ";" with decimal commas, for European Excel',
  },
  {
    name: 'force',
    kind: 'flag',
    description: 'with -o: overwrite FILE if it exists (the earlier CSV is kept as .bak)',
  },
];

/** --csv, -o, --delimiter and --force go together; --json and --by do not apply to the CSV. */
function csvChoices(args: ParsedArgs): { output: string | null; delimiter: CsvDelimiter } | null {
  const csv = args.flag('csv');
  if (!csv) {
    for (const name of ['output', 'delimiter', 'force'])
      if (args.has(name)) throw new UsageError(`--${name} applies to --csv only`);
    return null;
  }
  if (args.flag('json')) throw new UsageError('give either --csv or --json, not both');
  if (args.has('by')) throw new UsageError('--csv writes one line per row: leave out --by');
  const delimiter = args.string('delimiter') ?? ',';
  if (delimiter !== ',' && delimiter !== ';')
    throw new UsageError(`--delimiter must be "," or ";", got "${delimiter}"`);
  return { output: args.string('output') ?? null, delimiter };
}

async function writeCsv(
  io: CliIo,
  planPath: string,
  rec: Reconciliation,
  choice: { output: string | null; delimiter: CsvDelimiter },
  force: boolean,
): Promise<void> {
  const text = reconciliationCsv(rec, { delimiter: choice.delimiter });
  if (choice.output === null) {
    // The terminal gets plain newlines (stdout escapes control characters such as CR); files keep CRLF.
    io.stdout(text.replace(/\r\n/g, '\n'));
    return;
  }
  const target = await checkExportTarget(choice.output, 'csv', planPath, io.fs);
  if (!target.ok) throw new CliError(`-o ${target.error}`);
  await writeOutputFile(io, target.value.path, text, force, target.value.replacesExisting);
  io.stdout(`wrote ${target.value.path}: ${rec.rows.length} rows, Unassigned and the total as of ${rec.asOf}\n`);
}

const usd = (m: Micro): string => microToDecimalString(m);
/** A variance as JSON: null for what has not started. */
const usdOrNull = (m: Micro | null): string | null => (m === null ? null : usd(m));
const NOT_STARTED = 'not started';

function toJson(report: ReconcileReport, rec: Reconciliation, scenario: string | null) {
  return {
    asOf: report.asOf,
    by: report.by,
    scenario,
    plannedUsd: usd(report.planned),
    actualUsd: usd(report.actual),
    varianceUsd: usdOrNull(report.variance),
    variancePct: report.variancePct,
    plannedStartedUsd: usd(report.plannedStarted),
    notStartedGroups: report.notStarted,
    unassignedUsd: usd(report.unassigned),
    forecastUsd: usd(report.forecast),
    groups: report.groups.map((g) => ({
      key: g.key,
      ...(report.by === 'row' ? { name: g.name } : {}),
      plannedUsd: usd(g.planned),
      actualUsd: usd(g.actual),
      actualMeasure: g.measure,
      varianceUsd: usdOrNull(g.variance),
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
    unpricedUsageByModel: rec.unpricedUsageByModel,
    meteredOverlaps: rec.meteredOverlaps.map((o) => ({
      meteredProject: o.metered,
      days: o.days,
      meteredUsd: usd(o.meteredMicro),
      suggestedBilledProject: o.suggested,
      agreeingDays: o.agreeingDays,
    })),
  };
}

function measureLabel(m: string | null): string {
  return m === null ? '' : m === 'usage' ? USAGE_PRICED_LABEL : m;
}

/** Says what the total variance leaves out, so it need not equal actual − planned unexplained. */
function notStartedNote(report: ReconcileReport): string {
  if (report.notStarted === 0) return '';
  const what = counted(report.notStarted, report.by === 'asset-type' ? 'asset type' : report.by);
  return `${what} not started by ${report.asOf} (planned ${usd(report.planned - report.plannedStarted)}): no variance yet; the total variance leaves them out`;
}

function renderText(report: ReconcileReport, rec: Reconciliation, planPath: string): string {
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
      g.variance === null ? NOT_STARTED : usd(g.variance),
      g.variancePct ?? '',
      usd(g.forecast),
      g.observedIterationFactor === null ? '' : `${g.observedIterationFactor} (${g.approvedFinals} finals)`,
    ]),
    [
      ['Unassigned', '', usd(report.unassigned), '', '', '', '', ''],
      [
        'Total',
        usd(report.planned),
        usd(report.actual),
        '',
        report.variance === null ? NOT_STARTED : usd(report.variance),
        report.variancePct ?? '',
        usd(report.forecast),
        '',
      ],
    ],
  );
  const flagged = rec.crossChecks.filter((c) => c.flagged);
  const notes = [
    `as of ${report.asOf}; USD; actuals are billed cost where the ledger has it for the day and project, else metered, else ${USAGE_PRICED_LABEL}`,
    notStartedNote(report),
    flagged.length > 0
      ? `meters disagree by more than 1% on ${flagged.length} day(s) × project (largest: ${
          flagged.slice().sort((a, b) => Number(b.gapPct) - Number(a.gapPct))[0]?.gapPct
        }%): see --json crossChecks`
      : '',
    ...unpricedUsageLines(rec.unpricedUsage, rec.unpricedUsageByModel, 'could not be priced and count $0'),
    ...rec.meteredOverlaps.map((o) => meteredOverlapWarning(o, usd(o.meteredMicro), planPath)),
  ].filter((s) => s !== '');
  return `${table}\n${notes.join('\n')}\n`;
}

export const reconcileCommand: Command = {
  name: 'reconcile',
  usage:
    'reconcile PLAN.pxplan [--by row|team|asset-type|week] [--scenario NAME] [--as-of YYYY-MM-DD] [--json | --csv [-o FILE] [--force]]',
  options: OPTIONS,
  details: [
    'Variance is actual minus planned (over plan is positive); by week, planned is the phased plan of that',
    'week. A week after as-of, or a row starting after as-of with nothing spent, has not started: no',
    'variance ("not started"; null in --json, blank in --csv), and the total variance leaves its plan out.',
    'Unassigned spend is in every total and never a group. Money is exact to the micro-dollar.',
  ].join('\n'),
  async run(args, io) {
    const path = singlePositional(args, 'a plan file', 'plan.pxplan');
    const by = (args.string('by') ?? 'row') as ReconcileGrouping;
    if (!RECONCILE_GROUPINGS.includes(by))
      throw new UsageError(`--by ${by}: use one of ${RECONCILE_GROUPINGS.join(', ')}`);
    const asOf = args.string('as-of');
    if (asOf !== undefined && !isCalendarDay(asOf))
      throw new UsageError(`--as-of ${asOf}: write a real date as YYYY-MM-DD, e.g. 2027-01-20`);
    const csv = csvChoices(args);
    const plan = await loadPlanFile(io, path);
    const rec = reconcileOnce(plan, { scenario: args.string('scenario'), asOf: asOf ?? null });
    if (!rec.ok) throw new CliError(`${path}: ${rec.error}`);
    if (csv !== null) {
      await writeCsv(io, path, rec.value, csv, args.flag('force'));
      return 0;
    }
    const report = groupReconciliation(rec.value, by);
    const scenario = plan.scenarios.find((s) => s.id === rec.value.scenarioId)?.name ?? null;
    io.stdout(
      args.flag('json')
        ? JSON.stringify(toJson(report, rec.value, scenario), null, 2) + '\n'
        : renderText(report, rec.value, path),
    );
    return 0;
  },
};

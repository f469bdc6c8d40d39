import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import packageJson from '../../package.json' with { type: 'json' };
import { checkExportTarget } from '../../node/files/export-target';
import { planCsvText } from '../../node/io/csv-export';
import { exportPlanWorkbook } from '../../node/io/xlsx-export';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { CliError, type OptionSpec, UsageError, singlePositional } from '../args';
import type { CliIo, Command } from '../command';
import { outputPath, loadPlanFile, writeOutputFile } from '../files';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'output',
    short: 'o',
    kind: 'string',
    valueName: 'FILE',
    example: 'plan.xlsx',
    description: 'where to write: .xlsx (live formulas) or .csv (values)',
  },
  {
    name: 'scenario',
    kind: 'string',
    valueName: 'NAME',
    example: '"From scratch"',
    description: "export this scenario's view (name or id); default: the plan's active scenario",
  },
  { name: 'base', kind: 'flag', description: 'export the base plan, ignoring the active scenario' },
  {
    name: 'delimiter',
    kind: 'string',
    valueName: 'CHAR',
    example: '";"',
    description: 'CSV only: "," (default) or ";" with decimal commas, for European Excel',
  },
  { name: 'force', kind: 'flag', description: 'overwrite FILE if it exists' },
];

/** Writes the workbook through a private temporary file, then hands the bytes to the CLI's file port. */
async function workbookBytes(plan: PlanDocument, scenarioId: string | null, io: CliIo): Promise<Uint8Array> {
  const dir = await mkdtemp(join(tmpdir(), 'pixel-ledger-export-'));
  try {
    const file = join(dir, 'plan.xlsx');
    const result = await exportPlanWorkbook(plan, file, {
      scenarioId,
      appVersion: packageJson.version,
      exportedAt: io.today,
    });
    if (!result.ok) throw new CliError(result.error);
    return new Uint8Array(await readFile(file));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export const exportCommand: Command = {
  name: 'export',
  usage: 'export PLAN.pxplan -o OUT.xlsx|OUT.csv [--scenario NAME | --base] [--delimiter ";"] [--force]',
  options: OPTIONS,
  details: [
    'The workbook has sheets Plan (inputs and live formulas), Prices (edit a rate to re-price), Summary and About.',
    'Every formula also carries the value Pixel Ledger computed; Excel recalculates on open.',
    'Edit it in Excel and bring the changes back with "pixel-ledger import-xlsx".',
  ].join('\n'),
  async run(args, io) {
    const path = singlePositional(args, 'a plan file', 'plan.pxplan');
    const output = outputPath(args, 'an output file', 'plan.pxplan -o plan.xlsx');
    const lower = output.toLowerCase();
    const kind = lower.endsWith('.xlsx') ? 'xlsx' : lower.endsWith('.csv') ? 'csv' : null;
    if (kind === null) throw new UsageError(`-o ${output}: the output must end in .xlsx (workbook) or .csv`);
    const delimiter = args.string('delimiter') ?? ',';
    if (delimiter !== ',' && delimiter !== ';')
      throw new UsageError(`--delimiter must be "," or ";", got "${delimiter}"`);
    if (kind === 'xlsx' && args.has('delimiter')) throw new UsageError('--delimiter applies to .csv output only');
    const scenarioName = args.string('scenario');
    if (scenarioName !== undefined && args.flag('base'))
      throw new UsageError('give either --scenario or --base, not both');
    const plan = await loadPlanFile(io, path);
    // Never over a plan (this one or another), nor over a file that is not an earlier export of this kind.
    const target = await checkExportTarget(output, kind, path, io.fs);
    if (!target.ok) throw new CliError(`-o ${target.error}`);
    const keepBackup = target.value.replacesExisting;
    const scenarioId = args.flag('base') ? null : (scenarioName ?? plan.activeScenarioId);
    if (kind === 'csv') {
      const text = planCsvText(plan, { scenarioId, delimiter });
      if (!text.ok) throw new CliError(`${path}: ${text.error}`);
      await writeOutputFile(io, output, text.value, args.flag('force'), keepBackup);
      io.stdout(
        `wrote ${output}: ${plan.rows.length} rows as CSV (${delimiter === ';' ? 'semicolons, decimal commas' : 'commas'}, UTF-8 with BOM)\n`,
      );
      return 0;
    }
    const bytes = await workbookBytes(plan, scenarioId, io);
    await writeOutputFile(io, output, bytes, args.flag('force'), keepBackup);
    io.stdout(
      `wrote ${output}: "${plan.meta.name}", ${plan.rows.length} rows with live formulas${scenarioId ? ` (scenario ${scenarioId})` : ''}\n`,
    );
    return 0;
  },
};

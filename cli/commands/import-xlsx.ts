import { readPlanFile } from '../../node/files/plan-file';
import { importPlanWorkbook } from '../../node/io/xlsx-import';
import { formatUsd } from '../../shared/money/format';
import { counted } from '../format';
import { serializePlan } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { diffPlans, type PlanImportDiff } from '../../shared/plan/plan-diff';
import { CliError, type OptionSpec, singlePositional } from '../args';
import type { CliIo, Command } from '../command';
import { planOutputPath, writeOutputFile } from '../files';
import type { Micro } from '../../shared/money/rounding';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'output',
    short: 'o',
    kind: 'string',
    valueName: 'PLAN',
    example: 'plan.pxplan',
    description: 'where to write the imported plan (.pxplan)',
  },
  { name: 'force', kind: 'flag', description: 'overwrite PLAN if it exists (the changes against it are listed first)' },
];

/** The existing plan at the output path, if there is a readable one, to show what the import changes. */
async function existingPlan(io: CliIo, path: string): Promise<PlanDocument | null> {
  const read = await readPlanFile(path, io.fs);
  return read.ok ? read.value : null;
}

function describeDiff(diff: PlanImportDiff): string {
  if (diff.unchanged) return 'no changes\n';
  const lines: string[] = [];
  for (const r of diff.added) lines.push(`  + ${r.id}  ${r.name}`);
  for (const r of diff.removed) lines.push(`  - ${r.id}  ${r.name}`);
  for (const r of diff.changed)
    lines.push(
      `  ~ ${r.id}  ${r.fields.map((f) => `${f.field}: ${JSON.stringify(f.before)} -> ${JSON.stringify(f.after)}`).join(', ')}`,
    );
  if (diff.reordered) lines.push('  rows reordered');
  if (diff.priceEntries.length > 0) lines.push(`  prices changed: ${diff.priceEntries.join(', ')}`);
  if (diff.scenariosChanged) lines.push('  scenarios changed');
  const total = (m: Micro | null) => (m === null ? 'n/a' : formatUsd(m, 6));
  lines.push(`  total ${total(diff.totalBefore)} -> ${total(diff.totalAfter)}`);
  return `${diff.added.length} added, ${diff.removed.length} removed, ${diff.changed.length} changed\n${lines.join('\n')}\n`;
}

export const importXlsxCommand: Command = {
  name: 'import-xlsx',
  usage: 'import-xlsx IN.xlsx -o PLAN.pxplan [--force]',
  options: OPTIONS,
  details: [
    'Inputs on the Plan sheet and price figures on the Prices sheet are read; formulas are not trusted,',
    'the engine recomputes every value. Rows are matched by their hidden Row id; rows without one are new.',
    'The workbook is only read. Errors name the sheet and cell, e.g. "Plan!L7: expected a whole number of finals".',
  ].join('\n'),
  async run(args, io) {
    const input = singlePositional(args, 'a workbook', 'plan.xlsx');
    const output = planOutputPath(args, 'an output plan', 'plan.xlsx -o plan.pxplan');
    const result = await importPlanWorkbook(input);
    if (!result.ok) throw new CliError(result.error);
    const imported = result.value;
    const before = args.flag('force') ? await existingPlan(io, output) : null;
    await writeOutputFile(io, output, serializePlan(imported.document), args.flag('force'));
    if (before)
      io.stdout(`changes against the previous ${output}: ${describeDiff(diffPlans(before, imported.document))}`);
    for (const w of imported.warnings) io.stderr(`pixel-ledger: warning: ${w}\n`);
    const extras = [
      imported.newRowIds.length > 0 ? counted(imported.newRowIds.length, 'new row') : '',
      imported.priceEdits.length > 0
        ? `${imported.priceEdits.length} edited prices (${imported.priceEdits.map((e) => `${e.cell} ${e.before} -> ${e.after}`).join(', ')})`
        : '',
    ].filter((s) => s !== '');
    io.stdout(
      `wrote ${output}: "${imported.document.meta.name}", ${imported.document.rows.length} rows${extras.length > 0 ? `; ${extras.join('; ')}` : ''}\n`,
    );
    return 0;
  },
};

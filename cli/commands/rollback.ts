import { removeBatch } from '../../shared/actuals/ledger/remove-batch';
import { serializePlan } from '../../shared/plan/plan-document';
import { CliError, type OptionSpec, singlePositional, UsageError } from '../args';
import type { Command } from '../command';
import { loadPlanFile, planOutputPath, writeOutputFile } from '../files';
import { counted } from '../format';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'batch',
    kind: 'string',
    valueName: 'ID',
    example: '2fbf7413a4ed',
    description: 'the batch to remove (its id, as "actuals --by batch" lists them)',
  },
  {
    name: 'output',
    short: 'o',
    kind: 'string',
    valueName: 'OUT.pxplan',
    example: 'plan.pxplan',
    description: 'where to write the plan without the batch (written atomically)',
  },
  { name: 'force', kind: 'flag', description: 'overwrite OUT.pxplan if it exists' },
];

export const rollbackCommand: Command = {
  name: 'rollback',
  usage: 'rollback PLAN.pxplan --batch ID -o OUT.pxplan [--force]',
  options: OPTIONS,
  details: 'The ledger is then exactly what it would be had the batch never been imported: facts it replaced are back.',
  async run(args, io) {
    const file = singlePositional(args, 'a plan file', 'plan.pxplan --batch ID -o out.pxplan');
    const batchId = args.string('batch');
    if (batchId === undefined)
      throw new UsageError(
        `rollback needs the batch to remove: pixel-ledger rollback ${file} --batch ID -o out.pxplan`,
      );
    const output = planOutputPath(args, 'an output plan (-o)', `${file} --batch ${batchId} -o out.pxplan`);
    const plan = await loadPlanFile(io, file);
    const removed = removeBatch(plan.actuals, batchId.trim());
    if (!removed.ok) {
      const ids = plan.actuals.batches.map((b) => b.id);
      throw new CliError(
        `${file}: ${removed.error}${ids.length > 0 ? ` (its batches: ${ids.join(', ')})` : ' (it has no actuals)'}`,
      );
    }
    const batch = plan.actuals.batches.find((b) => b.id === batchId.trim());
    await writeOutputFile(io, output, serializePlan({ ...plan, actuals: removed.value }), args.flag('force'));
    io.stdout(
      `wrote ${output}: removed batch ${batchId.trim()} (${batch?.source ?? ''}, ${batch?.fileName ?? ''}), ${counted(removed.value.batches.length, 'batch', 'batches')} left\n`,
    );
    return 0;
  },
};

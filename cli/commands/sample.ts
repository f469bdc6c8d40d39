import { createSamplePlan } from '../../shared/plan/sample-plan';
import { serializePlan } from '../../shared/plan/plan-document';
import { PLAN_FILE_EXTENSION } from '../../shared/plan/plan-schema';
import { type OptionSpec, UsageError, noPositionals } from '../args';
import type { Command } from '../command';
import { writeOutputFile } from '../files';

const OPTIONS: readonly OptionSpec[] = [
  { name: 'output', short: 'o', kind: 'string', valueName: 'FILE', example: 'sample.pxplan', description: 'where to write the plan (.pxplan)' },
  { name: 'force', kind: 'flag', description: 'overwrite FILE if it exists' },
];

export const sampleCommand: Command = {
  name: 'sample',
  usage: 'sample -o FILE.pxplan [--force]',
  options: OPTIONS,
  details: 'The sample is priced as of today. It never overwrites an existing file unless --force is given.',
  async run(args, io) {
    noPositionals(args);
    const path = args.string('output');
    if (path === undefined) throw new UsageError('sample needs an output file: pixel-ledger sample -o sample.pxplan');
    if (!path.toLowerCase().endsWith(PLAN_FILE_EXTENSION)) {
      throw new UsageError(`-o ${path}: plan files end in ${PLAN_FILE_EXTENSION}, e.g. -o sample${PLAN_FILE_EXTENSION}`);
    }
    const plan = createSamplePlan(io.today);
    await writeOutputFile(io, path, serializePlan(plan), args.flag('force'));
    io.stdout(`wrote ${path}: "${plan.meta.name}", ${plan.rows.length} rows, ${plan.scenarios.length} scenarios, prices as of ${plan.meta.priceBookAsOf}\n`);
    return 0;
  },
};

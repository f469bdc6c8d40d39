import { createSamplePlan } from '../../shared/plan/sample-plan';
import { serializePlan } from '../../shared/plan/plan-document';
import { type OptionSpec, noPositionals } from '../args';
import type { Command } from '../command';
import { planOutputPath, writeOutputFile } from '../files';

const OPTIONS: readonly OptionSpec[] = [
  {
    name: 'output',
    short: 'o',
    kind: 'string',
    valueName: 'FILE',
    example: 'sample.pxplan',
    description: 'where to write the plan (.pxplan)',
  },
  { name: 'force', kind: 'flag', description: 'overwrite FILE if it exists' },
];

export const sampleCommand: Command = {
  name: 'sample',
  usage: 'sample -o FILE.pxplan [--force]',
  options: OPTIONS,
  details: 'The sample is priced as of today. It never overwrites an existing file unless --force is given.',
  async run(args, io) {
    noPositionals(args);
    const path = planOutputPath(args, 'an output file', '-o sample.pxplan', 'sample.pxplan');
    const plan = createSamplePlan(io.today);
    await writeOutputFile(io, path, serializePlan(plan), args.flag('force'));
    io.stdout(
      `wrote ${path}: "${plan.meta.name}", ${plan.rows.length} rows, ${plan.scenarios.length} scenarios, prices as of ${plan.meta.priceBookAsOf}\n`,
    );
    return 0;
  },
};

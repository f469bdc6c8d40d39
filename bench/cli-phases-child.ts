import { readPlanText } from '../node/files/plan-file';
import { writeEstimateText } from '../cli/commands/estimate';
import { estimatePlan } from '../shared/estimate/estimate-plan';
import { parsePlanText } from '../shared/plan/plan-document';
import { terminalSafe } from '../shared/safe-text';

/**
 * Run by diverse-plan-bench.ts as a fresh process: the steps of `pixel-ledger estimate PLAN`, each timed
 * as the CLI meets it (cold): read and decode the file, parse and validate it, estimate it, write the
 * table (as the CLI writes it, into nothing). Prints one JSON line of milliseconds (wall, and process CPU).
 */
const file = process.argv[2];
if (file === undefined) throw new Error('usage: cli-phases-child.ts PLAN');

const phases: Record<string, { wall: number; cpu: number }> = {};
async function timed<T>(name: string, step: () => T | Promise<T>): Promise<T> {
  const cpu = process.cpuUsage();
  const start = performance.now();
  const value = await step();
  const used = process.cpuUsage(cpu);
  phases[name] = { wall: performance.now() - start, cpu: (used.user + used.system) / 1000 };
  return value;
}

const text = await timed('read', () => readPlanText(file));
if (!text.ok) throw new Error(text.error.reason);
const plan = await timed('parse + validate', () => parsePlanText(text.value));
if (!plan.ok) throw new Error(plan.error);
const estimate = await timed('estimate', () => estimatePlan(plan.value));
if (!estimate.ok) throw new Error(estimate.error);
let bytes = 0;
// As the CLI writes it: text made terminal-safe, the table as bytes (CliIo.stdoutBytes), into nothing.
await timed('table', () =>
  writeEstimateText(
    (piece) => (bytes += terminalSafe(piece).length),
    plan.value,
    estimate.value,
    false,
    (chunk) => (bytes += chunk.length),
  ),
);
process.stdout.write(JSON.stringify({ phases, bytes }) + '\n');

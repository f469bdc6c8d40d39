import { readFileSync } from 'node:fs';
import { estimatePlan } from '../shared/estimate/estimate-plan';
import type { PlanDocument } from '../shared/plan/plan-schema';

/**
 * Run by diverse-plan-bench.ts as a fresh process: reads the plan file given (untimed), then times the
 * process's first estimate of it (empty caches, engine code not yet optimised) and prints one JSON line.
 */
const file = process.argv[2];
if (file === undefined) throw new Error('usage: diverse-cold-child.ts PLAN');
const plan = JSON.parse(readFileSync(file, 'utf8')) as PlanDocument;

/**
 * CPU nanoseconds this process's main thread has used (Linux's schedstat), or null where it cannot be
 * read: process CPU also counts V8's compiler and collector threads, which a second core runs alongside.
 */
function mainThreadNs(): number | null {
  try {
    return Number(readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ')[0]);
  } catch {
    return null;
  }
}

const mainStart = mainThreadNs();
const cpuStart = process.cpuUsage();
const start = performance.now();
const result = estimatePlan(plan);
const estimateMs = performance.now() - start;
const cpu = process.cpuUsage(cpuStart);
const mainEnd = mainThreadNs();
const mainMs = mainStart === null || mainEnd === null ? null : (mainEnd - mainStart) / 1e6;
if (!result.ok) throw new Error(result.error);
const read = performance.now();
let sink = 0;
for (const row of result.value.rows) sink += row.estimate.totalCost;
const readMs = performance.now() - read;
if (sink !== result.value.totals.totalCost) throw new Error('the rows do not add up to the total');
process.stdout.write(
  JSON.stringify({
    estimateMs,
    mainMs,
    phases: `estimate ${estimateMs.toFixed(0)} ms wall, ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms process CPU${mainMs === null ? '' : ` of which ${mainMs.toFixed(0)} ms on the main thread (the rest is V8 compiling the engine's code and collecting garbage on other threads)`} (${result.value.totals.rowsWithErrors} row errors), then reading every row's result ${readMs.toFixed(0)} ms`,
  }) + '\n',
);

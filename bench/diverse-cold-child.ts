import { readFileSync } from 'node:fs';
import { PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { estimatePlan } from '../shared/estimate/estimate-plan';
import type { PlanDocument } from '../shared/plan/plan-schema';

/**
 * Run by diverse-plan-bench.ts as a fresh process: reads the plan file given (untimed), then times the
 * process's first estimate of it (empty caches, engine code not yet optimised) and prints one JSON line.
 *
 * With `--code-warmed-on ROWS` the engine first estimates the plan's first ROWS rows a few times (untimed):
 * its code is then compiled and optimised, and the lookups those rows fill are filled, so the timed
 * estimate shows what compiling the engine's code costs the cold one.
 */
const [file, option, rowsText] = process.argv.slice(2);
if (file === undefined || (option !== undefined && option !== '--code-warmed-on'))
  throw new Error('usage: diverse-cold-child.ts PLAN [--code-warmed-on ROWS]');
const plan = JSON.parse(readFileSync(file, 'utf8')) as PlanDocument;
if (option !== undefined) {
  const prefix: PlanDocument = { ...plan, rows: plan.rows.slice(0, Number(rowsText)) };
  for (let i = 0; i < 3; i++) estimatePlan(prefix);
}

/**
 * This process's main thread so far, from Linux's schedstat (null where it cannot be read): nanoseconds
 * on a CPU, and nanoseconds it was ready to run but waited for a core. Process CPU also counts V8's
 * compiler and collector threads; on 2 cores they can hold both while the main thread waits.
 */
function mainThreadNs(): { onCpu: number; waiting: number } | null {
  try {
    const [onCpu, waiting] = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ').map(Number);
    return onCpu === undefined || waiting === undefined ? null : { onCpu, waiting };
  } catch {
    return null;
  }
}

/** Minor page faults so far (pages the process touched for the first time), or null off Linux. */
function minorFaults(): number | null {
  try {
    return Number(readFileSync('/proc/self/stat', 'utf8').split(') ')[1]?.split(' ')[7]);
  } catch {
    return null;
  }
}

// Garbage collections, to tell those that fall inside the estimate (often what the parse left behind).
const collections: PerformanceEntry[] = [];
const observer = new PerformanceObserver((list) => collections.push(...list.getEntries()));
observer.observe({ entryTypes: ['gc'] });

const faultsStart = minorFaults();
const mainStart = mainThreadNs();
const cpuStart = process.cpuUsage();
const start = performance.now();
const result = estimatePlan(plan);
const end = performance.now();
const estimateMs = end - start;
const cpu = process.cpuUsage(cpuStart);
const mainEnd = mainThreadNs();
const faultsEnd = minorFaults();
const mainMs = mainStart === null || mainEnd === null ? null : (mainEnd.onCpu - mainStart.onCpu) / 1e6;
const waitMs = mainStart === null || mainEnd === null ? null : (mainEnd.waiting - mainStart.waiting) / 1e6;
if (!result.ok) throw new Error(result.error);
const read = performance.now();
let sink = 0;
for (const row of result.value.rows) sink += row.estimate.totalCost;
const readMs = performance.now() - read;
if (sink !== result.value.totals.totalCost) throw new Error('the rows do not add up to the total');

// GC entries are handed to observers after the fact: let them arrive.
await new Promise((resolve) => setTimeout(resolve, 20));
observer.disconnect();
const inEstimate = collections.filter((c) => c.startTime >= start && c.startTime < end);
const gcMs = inEstimate.reduce((sum, c) => sum + c.duration, 0);
const faults = faultsStart === null || faultsEnd === null ? null : faultsEnd - faultsStart;
process.stdout.write(
  JSON.stringify({
    estimateMs,
    mainMs,
    gcMs,
    phases: [
      `estimate ${estimateMs.toFixed(0)} ms wall (${result.value.totals.rowsWithErrors} row errors), ${((cpu.user + cpu.system) / 1000).toFixed(0)} ms process CPU`,
      mainMs === null
        ? ''
        : ` of which ${mainMs.toFixed(0)} ms on the main thread (the rest is V8 compiling the engine's code and collecting garbage on other threads)`,
      waitMs === null
        ? ''
        : `; the main thread waited ${waitMs.toFixed(0)} ms for a core while those threads held both`,
      `; ${inEstimate.length} garbage collections paused it ${gcMs.toFixed(0)} ms`,
      faults === null ? '' : `, ${faults.toLocaleString('en-US')} pages touched for the first time`,
      `; then reading every row's result ${readMs.toFixed(0)} ms`,
    ].join(''),
  }) + '\n',
);

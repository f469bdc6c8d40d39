import { estimatePlan } from '../shared/estimate/estimate-plan';
import type { PlanDocument } from '../shared/plan/plan-schema';
import { type BenchModule, type BenchResult, formatInt, median, timeRuns } from './bench-result';
import { generatePlan } from '../shared/plan/plan-generator';
import { diversePlanBench } from './diverse-plan-bench';

/**
 * The engine benchmark of issue 2: estimate a generated 100k-row plan (mixed models, sizes, qualities,
 * surfaces, drafts and references, fixed seed), median of several runs after a warm-up, against the
 * target >= 1,000,000 rows/s, next to a baseline loop that only sums one field of the same rows; then
 * issue 14's figures on a diverse plan (diverse-plan-bench.ts).
 */
const ENGINE_BENCH_ROWS = 100_000;
const ENGINE_BENCH_SEED = 20260421;
const RUNS = 7;
const WARMUP = 2;
/** Reading every row's result is a side figure: fewer runs keep the benchmark short. */
const READ_RUNS = 3;
const READ_WARMUP = 1;
const TARGET_ROWS_PER_SECOND = 1_000_000;
const TARGET_TEXT = '>= 1,000,000 rows/s (<= 100 ms for 100k rows)';

/** The baseline: one pass over the same rows doing the least work a plan total can do. */
function sumFinals(plan: PlanDocument): number {
  let total = 0;
  for (const row of plan.rows) total += row.finals;
  return total;
}

export const engineBench: BenchModule = {
  name: 'engine',
  async run(): Promise<BenchResult[]> {
    const genStart = performance.now();
    const plan = generatePlan({ rows: ENGINE_BENCH_ROWS, seed: ENGINE_BENCH_SEED });
    const genMs = performance.now() - genStart;

    // Sanity: the benchmark must measure real estimates, not rows failing early. This first estimate in
    // the process also gives the cold figure (empty lookup caches, code not yet optimised).
    const coldStart = performance.now();
    const check = estimatePlan(plan);
    const coldMs = performance.now() - coldStart;
    if (!check.ok) throw new Error(`the generated plan does not estimate: ${check.error}`);
    const { totals } = check.value;
    if (totals.rowsWithErrors > 0) throw new Error(`${totals.rowsWithErrors} generated rows have errors`);

    let sink = 0;
    const engineTimes = timeRuns(
      () => {
        const r = estimatePlan(plan);
        if (r.ok) sink += r.value.totals.totalCost;
      },
      RUNS,
      WARMUP,
    );
    // What a reader of every row pays on top (the CLI and the export do this): estimatePlan keeps rows
    // as columns and builds each row's RowResult when `rows` is first read.
    let readSink = 0;
    const readTimes = timeRuns(
      () => {
        const r = estimatePlan(plan);
        if (r.ok) for (const row of r.value.rows) readSink += row.estimate.totalCost;
      },
      READ_RUNS,
      READ_WARMUP,
    );
    if (readSink !== totals.totalCost * (READ_RUNS + READ_WARMUP))
      throw new Error('reading the rows gave other totals than the estimate');
    let baselineSink = 0;
    const baselineTimes = timeRuns(() => (baselineSink += sumFinals(plan)), RUNS, WARMUP);
    if (sink !== totals.totalCost * (RUNS + WARMUP) || baselineSink !== totals.finals * (RUNS + WARMUP)) {
      throw new Error('runs disagreed with each other: the engine is not deterministic');
    }

    const engineMs = median(engineTimes.wall);
    const engineCpuMs = median(engineTimes.cpu);
    const baselineMs = median(baselineTimes.wall);
    const rowsPerSecond = ENGINE_BENCH_ROWS / (engineMs / 1000);
    const spread = (times: number[]) => `${Math.min(...times).toFixed(1)}-${Math.max(...times).toFixed(1)} ms`;
    return [
      {
        name: `estimatePlan, ${formatInt(ENGINE_BENCH_ROWS)} generated rows`,
        measured: `${formatInt(rowsPerSecond)} rows/s (median ${engineMs.toFixed(1)} ms of ${RUNS} runs after ${WARMUP} warm-up)`,
        target: TARGET_TEXT,
        pass: rowsPerSecond >= TARGET_ROWS_PER_SECOND,
        notes: [
          `runs: ${engineTimes.wall.map((t) => t.toFixed(1)).join(', ')} ms (spread ${spread(engineTimes.wall)})`,
          `process CPU time per run, median: ${engineCpuMs.toFixed(1)} ms (all threads; not inflated by waiting for a busy core)`,
          `estimate, then read every row's result object (as the CLI and the export do): median ${median(readTimes.wall).toFixed(1)} ms of ${READ_RUNS}`,
          `cold first estimate in this process: ${coldMs.toFixed(1)} ms (${formatInt(ENGINE_BENCH_ROWS / (coldMs / 1000))} rows/s)`,
          `plan total $${(totals.totalCost / 1e6).toFixed(2)} for ${formatInt(totals.finals)} finals, 0 row errors; generated in ${genMs.toFixed(0)} ms (seed ${ENGINE_BENCH_SEED})`,
        ],
      },
      {
        name: 'baseline: sum one field over the same rows',
        measured: `${formatInt(ENGINE_BENCH_ROWS / (baselineMs / 1000))} rows/s (median ${baselineMs.toFixed(3)} ms)`,
        target: 'reference',
        pass: null,
        notes: [`engine / baseline time ratio: ${baselineMs > 0 ? formatInt(engineMs / baselineMs) : 'n/a'}x`],
      },
      ...(await diversePlanBench()),
    ];
  },
};

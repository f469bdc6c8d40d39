/** One measured figure, printed next to its target. */
export interface BenchResult {
  readonly name: string;
  /** What was measured, human-readable ("1,234,567 rows/s (median 81.0 ms of 7 runs)"). */
  readonly measured: string;
  /** The target it is held to, or "reference" for a baseline. */
  readonly target: string;
  /** Met the target; null for reference figures that have none. */
  readonly pass: boolean | null;
  /** Extra lines worth reading (spread, ratio to a baseline, sanity checks). */
  readonly notes?: readonly string[];
}

/** A benchmark module: bench/run.ts runs every registered one in turn. */
export interface BenchModule {
  readonly name: string;
  run(): Promise<BenchResult[]>;
}

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const hi = sorted[mid] ?? 0;
  return sorted.length % 2 === 1 ? hi : ((sorted[mid - 1] ?? hi) + hi) / 2;
}

export interface RunTimes {
  /** Wall-clock milliseconds of each run. */
  readonly wall: number[];
  /**
   * Process CPU milliseconds of each run (all threads, so GC helpers count): steadier than wall time
   * when other work shares the machine, since waiting for a core is not counted.
   */
  readonly cpu: number[];
}

/** Runs `fn` `warmup` times unmeasured, then `runs` times, returning each run's milliseconds. */
export function timeRuns(fn: () => void, runs: number, warmup: number): RunTimes {
  for (let i = 0; i < warmup; i++) fn();
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuStart = process.cpuUsage();
    const start = performance.now();
    fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuStart);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wall, cpu };
}

export function formatInt(n: number): string {
  return Math.round(n).toLocaleString('en-US');
}

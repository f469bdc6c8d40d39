import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeCompletionsUsage, writeLiteLlmSpendLogs } from '../test/support/actuals-generator';
import { type BenchModule, type BenchResult, formatInt } from './bench-result';
import { importOverlapBench } from './import-overlap-bench';

/**
 * Importing actuals files (issue 11): a generated 1,000,000-row LiteLLM spend log (about 150 MB) and a
 * 1,000,000-row completions usage export, each imported through the real streaming path (a child process:
 * bench/actuals-import-child.ts) against a bare read + line split of the same file in this run. Targets:
 * at most 3× the bare read, and at most 300 MB peak memory (the child's maxRSS, Node itself included).
 * Then the import dialog's check for gateway spend beside the bill, with the preview (import-overlap-bench.ts).
 */
const ROWS = 1_000_000;
const ROUNDS = 2;
const MAX_RATIO = 3;
const MAX_RSS_MB = 300;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

interface ChildReport {
  readonly wallMs: number;
  readonly cpuMs: number;
  readonly maxRssMb: number;
  readonly source: string;
  readonly rowsRead: number;
  readonly rowsToImport: number;
  readonly rowsDuplicate: number;
  readonly rowsRejected: number;
  readonly buckets: number;
  readonly amountUsd: string | null;
}

function bareReadMs(file: string): number {
  const start = performance.now();
  const lines = readFileSync(file, 'utf8').split('\n').length;
  const ms = performance.now() - start;
  if (lines < ROWS) throw new Error(`the bare read found ${lines} lines`);
  return ms;
}

function importInChild(file: string): ChildReport {
  const run = spawnSync(process.execPath, ['--import', 'tsx', 'bench/actuals-import-child.ts', file], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 1 << 20,
  });
  if (run.status !== 0) throw new Error(`the import failed: ${run.stderr.trim()}`);
  return JSON.parse(run.stdout) as ChildReport;
}

function measure(label: string, file: string, bytes: number): BenchResult[] {
  const bare: number[] = [];
  const imports: ChildReport[] = [];
  for (let round = 0; round < ROUNDS; round++) {
    bare.push(bareReadMs(file));
    imports.push(importInChild(file));
  }
  // Best of the rounds on both sides: the machine is shared, and the least disturbed run is the fairest.
  const bareMs = Math.min(...bare);
  const best = imports.reduce((a, b) => (b.wallMs < a.wallMs ? b : a));
  const ratio = best.wallMs / bareMs;
  const peak = Math.max(...imports.map((r) => r.maxRssMb));
  const size = `${formatInt(bytes / 1e6)} MB`;
  const notes = [
    `bare read + line split: ${formatInt(bareMs)} ms; import: ${formatInt(best.wallMs)} ms wall, ${formatInt(best.cpuMs)} ms CPU (best of ${ROUNDS})`,
    `${best.source}: ${formatInt(best.rowsRead)} rows read, ${formatInt(best.rowsToImport)} to import, ${formatInt(best.rowsDuplicate)} duplicate, ${formatInt(best.rowsRejected)} rejected, ${formatInt(best.buckets)} buckets, ${best.amountUsd ?? 'usage (priced in reports)'}`,
  ];
  return [
    {
      name: `import a 1M-row ${label} (${size}) vs a bare read + line split`,
      measured: `${ratio.toFixed(2)}× the bare read (${formatInt(best.wallMs)} ms vs ${formatInt(bareMs)} ms; ${formatInt((ROWS / best.wallMs) * 1000)} rows/s)`,
      target: `at most ${MAX_RATIO}×`,
      pass: ratio <= MAX_RATIO,
      notes,
    },
    {
      name: `peak memory importing the 1M-row ${label} (${size}), streamed`,
      measured: `${formatInt(peak)} MB (maxRSS of the importing process, Node included)`,
      target: `at most ${MAX_RSS_MB} MB whatever the file size`,
      pass: peak <= MAX_RSS_MB,
    },
  ];
}

export const actualsBench: BenchModule = {
  name: 'actuals',
  async run() {
    const folder = tmpdir();
    const litellm = path.join(folder, `pixel-ledger-bench-litellm-${process.pid}.csv`);
    const usage = path.join(folder, `pixel-ledger-bench-completions-${process.pid}.csv`);
    try {
      const litellmBytes = writeLiteLlmSpendLogs(litellm, ROWS);
      const results = measure('LiteLLM spend log CSV', litellm, litellmBytes);
      rmSync(litellm, { force: true });
      const usageBytes = writeCompletionsUsage(usage, ROWS);
      results.push(...measure('OpenAI completions usage CSV', usage, usageBytes));
      rmSync(usage, { force: true });
      return [...results, ...(await importOverlapBench())];
    } finally {
      rmSync(litellm, { force: true });
      rmSync(usage, { force: true });
    }
  },
};

import { loadavg } from 'node:os';
import type { BenchModule, BenchResult } from './bench-result';
import { engineBench } from './engine-bench';
import { xlsxBench } from './xlsx-bench';
import { gridBench } from './grid-bench';
import { ledgerBench } from './ledger-bench';
import { hardeningBench } from './hardening-bench';
import { actualsBench } from './actuals-bench';
import { reconcileBench } from './reconcile-bench';

/**
 * `npm run bench [-- NAME...]`: runs every registered benchmark (or only those named) and prints each
 * figure next to its target. Add a benchmark by exporting a BenchModule and listing it here.
 * `--strict` makes a missed target exit with status 1 (for CI jobs that want to gate on speed).
 */
const BENCHMARKS: readonly BenchModule[] = [
  engineBench,
  gridBench,
  xlsxBench,
  ledgerBench,
  hardeningBench,
  actualsBench,
  reconcileBench,
];

function verdict(r: BenchResult): string {
  return r.pass === null ? '      ' : r.pass ? 'MET   ' : 'MISSED';
}

async function main(argv: readonly string[]): Promise<number> {
  const strict = argv.includes('--strict');
  const names = argv.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !BENCHMARKS.some((b) => b.name === n));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}: choose from ${BENCHMARKS.map((b) => b.name).join(', ')}`);
    return 2;
  }
  const selected = names.length > 0 ? BENCHMARKS.filter((b) => names.includes(b.name)) : BENCHMARKS;
  console.log(`Pixel Ledger benchmarks: node ${process.version}, ${process.platform}/${process.arch}`);
  let missed = 0;
  let failed = 0;
  for (const bench of selected) {
    console.log(`\n[${bench.name}]`);
    let results: BenchResult[];
    try {
      results = await bench.run();
    } catch (error) {
      // One broken benchmark must not hide the others' figures.
      failed += 1;
      console.log(`  FAILED ${bench.name}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`);
      continue;
    }
    for (const r of results) {
      console.log(`  ${verdict(r)} ${r.name}`);
      console.log(`         measured: ${r.measured}`);
      console.log(`         target:   ${r.target}`);
      for (const note of r.notes ?? []) console.log(`         ${note}`);
      // Timings are noisy on a shared machine: each figure says how busy the machine was when printed.
      const load = loadavg()
        .map((l) => l.toFixed(2))
        .join(' ');
      console.log(`         load average (1, 5, 15 min): ${load}`);
      if (r.pass === false) missed += 1;
    }
  }
  console.log(missed === 0 ? '\nAll targets met.' : `\n${missed} target(s) missed.`);
  if (failed > 0) console.log(`${failed} benchmark(s) failed to run.`);
  if (failed > 0) return 1;
  return strict && missed > 0 ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    console.error(`benchmark failed: ${error instanceof Error ? error.message : String(error)}`);
    process.exit(1);
  },
);

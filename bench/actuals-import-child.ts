/**
 * One import through the real streaming path (node/io/actuals-import.ts: hash, read in 1 MiB chunks,
 * decode, parse, map, validate, deduplicate, aggregate, preview), alone in its own process so its peak
 * memory (maxRSS) is the import's and nothing else's. Prints one JSON line for bench/actuals-bench.ts.
 *   node --import tsx bench/actuals-import-child.ts FILE
 */
import { emptyActualsLedger } from '../shared/actuals/ledger/ledger-schema';
import { CANCELED } from '../node/io/actuals-file';
import { previewActualsFile } from '../node/io/actuals-import';
import { createPriceBook } from '../shared/pricing/price-book';

async function main(file: string): Promise<void> {
  const cpuStart = process.cpuUsage();
  const start = performance.now();
  const result = await previewActualsFile(
    emptyActualsLedger(),
    { kind: 'path', path: file },
    // With a price book, as the app and the CLI preview: the usage it cannot price is named.
    { read: { today: '2027-06-01' }, importedAt: '2027-06-01T00:00:00Z', priceBook: createPriceBook([]) },
  );
  const wallMs = performance.now() - start;
  const cpu = process.cpuUsage(cpuStart);
  if (result === CANCELED || result.kind !== 'preview') throw new Error(`not imported: ${JSON.stringify(result)}`);
  const p = result.preview;
  const report = {
    wallMs,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    source: p.source,
    rowsRead: p.rowsRead,
    rowsToImport: p.rowsToImport,
    rowsDuplicate: p.rowsDuplicate,
    rowsRejected: p.rowsRejected,
    buckets: p.batch?.buckets.length ?? 0,
    amountUsd: p.amountUsd,
    unpricedBuckets: p.unpricedUsage?.buckets ?? 0,
  };
  process.stdout.write(JSON.stringify(report) + '\n');
}

main(process.argv[2] ?? '').catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});

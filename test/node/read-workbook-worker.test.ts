import { build } from 'esbuild';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readWorkbookInWorker } from '../../node/io/read-workbook';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { writePlanSheetWorkbook } from '../workbook/support/zip-parts';
import { useWorkbookFiles } from '../workbook/support/workbook-files';

/** Issue 13 §1: the workbook import runs in a worker thread, so the app's main thread keeps answering. */

const files = useWorkbookFiles('pl-worker-');
const SAMPLE = createSamplePlan('2026-11-01');

/** The worker bundled as scripts/build.mjs bundles it (to out/electron/xlsx-import-worker.cjs). */
async function builtWorker(): Promise<string> {
  const outfile = files.inTemp('xlsx-import-worker.cjs');
  await build({
    entryPoints: [path.resolve('node/io/xlsx-import-worker.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    logLevel: 'warning',
  });
  return outfile;
}

describe('the workbook import in a worker thread', () => {
  it('reads an exported workbook back, and refuses a crafted one with its message', async () => {
    const read = readWorkbookInWorker(await builtWorker());
    const ok = await read(await files.exported(SAMPLE));
    expect(ok.ok && ok.value.document).toEqual(SAMPLE);

    const crafted = files.inTemp('high-row.xlsx');
    await writePlanSheetWorkbook('<row r="1"/><row r="4294967295"/>', crafted);
    const refused = await read(crafted);
    expect(refused.ok ? '' : refused.error).toMatch(/the row numbered "4294967295" is not a row number/);
  });

  it('leaves the calling thread free while it reads', async () => {
    const read = readWorkbookInWorker(await builtWorker());
    let turns = 0;
    const ticker = setInterval(() => (turns += 1), 1);
    const result = await read(await files.exported(SAMPLE));
    clearInterval(ticker);
    expect(result.ok).toBe(true);
    expect(turns).toBeGreaterThan(0);
  });

  it('says so when the file cannot be read at all', async () => {
    const read = readWorkbookInWorker(await builtWorker());
    const r = await read(files.inTemp('missing.xlsx'));
    expect(r.ok ? '' : r.error).toMatch(/missing\.xlsx/);
  });
});

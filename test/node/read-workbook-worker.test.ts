import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { outsideAsar, readWorkbookBeside, readWorkbookInWorker } from '../../node/io/read-workbook';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { writePlanSheetWorkbook } from '../workbook/support/zip-parts';
import { useWorkbookFiles } from '../workbook/support/workbook-files';

/** Issue 13 §1: the workbook import runs in a worker thread, so the app's main thread keeps answering. */

const files = useWorkbookFiles('pl-worker-');
const SAMPLE = createSamplePlan('2026-11-01');

/** The worker bundled as scripts/build.mjs bundles it (to out/electron/xlsx-import-worker.cjs). */
async function builtWorker(outfile = files.inTemp('xlsx-import-worker.cjs')): Promise<string> {
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

  it('in a packaged app, runs the worker from app.asar.unpacked (a worker cannot run a script inside app.asar)', async () => {
    const resources = files.inTemp('resources');
    await builtWorker(path.join(resources, 'app.asar.unpacked', 'out', 'electron', 'xlsx-import-worker.cjs'));
    // Electron's main process names the worker by its path inside the archive.
    const read = readWorkbookBeside(path.join(resources, 'app.asar', 'out', 'electron', 'xlsx-import-worker.cjs'));
    const ok = await read(await files.exported(SAMPLE));
    expect(ok.ok && ok.value.document).toEqual(SAMPLE);

    expect(outsideAsar('/opt/Pixel Ledger/resources/app.asar/out/electron/w.cjs')).toBe(
      '/opt/Pixel Ledger/resources/app.asar.unpacked/out/electron/w.cjs',
    );
    expect(outsideAsar('C:\\PL\\resources\\app.asar\\out\\w.cjs')).toBe(
      'C:\\PL\\resources\\app.asar.unpacked\\out\\w.cjs',
    );
    expect(outsideAsar('/work/app.asarx/out/w.cjs')).toBe('/work/app.asarx/out/w.cjs');
    const builder = await readFile(path.resolve('build/electron-builder.yml'), 'utf8');
    expect(builder).toMatch(/^asarUnpack:\n {2}- out\/electron\/xlsx-import-worker\.cjs$/m);
  });
});

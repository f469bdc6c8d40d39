import { execFile } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import ExcelJS from 'exceljs';
import { exportPlanWorkbook } from '../node/io/xlsx-export';
import { importPlanWorkbook } from '../node/io/xlsx-import';
import { buildPlanWorkbook } from '../shared/workbook/build-workbook';
import { NUMBER_FORMATS, type CellValue, type SheetModel, type WorkbookModel } from '../shared/workbook/workbook-types';
import { formatInt, type BenchModule, type BenchResult } from './bench-result';
import { generatePlan } from '../shared/plan/plan-generator';

/**
 * Excel benchmark (issue 5): export a 100k-row plan against exceljs's streaming writer writing the same
 * values without formulas, the export's peak memory, and import of that workbook. Each measurement runs
 * in its own child process, so peak RSS is that job's alone.
 */

const ROWS = 100_000;
const SEED = 42;
const EXPORT_OPTIONS = { scenarioId: null, appVersion: 'bench', exportedAt: '2026-11-28T00:00:00.000Z' } as const;

interface ChildReport {
  readonly ms: number;
  readonly peakRssMb: number;
  readonly peakHeapMb: number;
  readonly detail: string;
}

/** Samples the V8 heap while a job runs; RSS peak comes from the kernel's max resident set size. */
async function measured(job: () => Promise<string>): Promise<ChildReport> {
  let peakHeap = 0;
  const sample = () => {
    peakHeap = Math.max(peakHeap, getHeapStatistics().used_heap_size);
  };
  const timer = setInterval(sample, 10);
  const start = performance.now();
  const detail = await job();
  const ms = performance.now() - start;
  clearInterval(timer);
  sample();
  return { ms, peakRssMb: process.resourceUsage().maxRSS / 1024, peakHeapMb: peakHeap / 1024 / 1024, detail };
}

/** The same workbook with every formula replaced by its value, rows materialised up front (not timed). */
function valuesOnly(model: WorkbookModel): WorkbookModel {
  const plain = (cell: CellValue): CellValue =>
    cell !== null && typeof cell === 'object' && (cell.kind === 'formula' || cell.kind === 'shared')
      ? cell.result
      : cell;
  const sheets: SheetModel[] = model.sheets.map((s) => {
    const rows = [...s.rows].map((r) => r.map(plain));
    return { ...s, rows };
  });
  return { ...model, sheets };
}

/**
 * The baseline: exceljs's streaming writer used the ordinary way (cell by cell, a number format per
 * cell, inline strings), writing the same sheets with every formula replaced by its value.
 */
async function writeValuesWithExceljs(model: WorkbookModel, path: string): Promise<void> {
  const writer = new ExcelJS.stream.xlsx.WorkbookWriter({ filename: path, useStyles: true, useSharedStrings: false });
  for (const sheet of model.sheets) {
    const ws = writer.addWorksheet(sheet.name, {
      state: sheet.state,
      views: sheet.freezeHeader ? [{ state: 'frozen', ySplit: 1 }] : [],
    });
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width, hidden: c.hidden ?? false }));
    ws.getRow(1).font = { bold: true };
    ws.getRow(1).commit();
    const formats = sheet.columns.map((c) =>
      c.style === 'text' || c.style === 'label' ? undefined : NUMBER_FORMATS[c.style],
    );
    let r = 2;
    for (const cells of sheet.rows) {
      const row = ws.getRow(r);
      cells.forEach((v, i) => {
        if (v === null) return;
        const cell = row.getCell(i + 1);
        cell.value = typeof v === 'object' ? (v.kind === 'date' ? new Date(`${v.iso}T00:00:00Z`) : v.result) : v;
        const numFmt = formats[i];
        if (numFmt !== undefined) cell.numFmt = numFmt;
      });
      row.commit();
      r += 1;
      if (r % 256 === 0) await new Promise<void>((resolve) => setImmediate(resolve));
    }
    ws.commit();
  }
  await writer.commit();
}

async function child(mode: string, file: string): Promise<ChildReport> {
  const plan = generatePlan({ rows: ROWS, seed: SEED });
  switch (mode) {
    case 'baseline': {
      const built = buildPlanWorkbook(plan, EXPORT_OPTIONS);
      if (!built.ok) throw new Error(built.error);
      const model = valuesOnly(built.value.workbook);
      return measured(async () => {
        await writeValuesWithExceljs(model, file);
        return `${formatInt((await stat(file)).size / 1024)} KiB`;
      });
    }
    case 'export':
      return measured(async () => {
        const r = await exportPlanWorkbook(plan, file, EXPORT_OPTIONS);
        if (!r.ok) throw new Error(r.error);
        return `${formatInt((await stat(file)).size / 1024)} KiB`;
      });
    case 'import':
      return measured(async () => {
        const r = await importPlanWorkbook(file);
        if (!r.ok) throw new Error(r.error);
        return `${formatInt(r.value.document.rows.length)} rows read back`;
      });
    default:
      throw new Error(`unknown mode ${mode}`);
  }
}

const run = promisify(execFile);
const SELF = fileURLToPath(import.meta.url);

async function inChild(mode: string, file: string): Promise<ChildReport> {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', SELF, '--child', mode, file], {
    maxBuffer: 16 * 1024 * 1024,
    timeout: 900_000,
  });
  const line = stdout.trim().split('\n').pop() ?? '';
  return JSON.parse(line) as ChildReport;
}

function seconds(ms: number): string {
  return `${(ms / 1000).toFixed(2)} s`;
}

export const xlsxBench: BenchModule = {
  name: 'xlsx',
  async run(): Promise<BenchResult[]> {
    const dir = await mkdtemp(join(tmpdir(), 'pl-xlsx-bench-'));
    try {
      const baselineFile = join(dir, 'values.xlsx');
      const exportFile = join(dir, 'plan.xlsx');
      const baselines = [await inChild('baseline', baselineFile), await inChild('baseline', baselineFile)];
      const exportsRun = [await inChild('export', exportFile), await inChild('export', exportFile)];
      const imported = await inChild('import', exportFile);
      const baseline = Math.min(...baselines.map((b) => b.ms));
      const exported = Math.min(...exportsRun.map((e) => e.ms));
      const ratio = exported / baseline;
      const peakRss = Math.max(...exportsRun.map((e) => e.peakRssMb));
      const peakHeap = Math.max(...exportsRun.map((e) => e.peakHeapMb));
      return [
        {
          name: `export ${formatInt(ROWS)}-row plan (estimate + live formulas + results)`,
          measured: `${seconds(exported)} (best of 2; ${exportsRun.map((e) => seconds(e.ms)).join(', ')}), ${exportsRun[0]?.detail ?? ''}; ${ratio.toFixed(2)}x the baseline`,
          target: '<= 1.2x the baseline',
          pass: ratio <= 1.2,
          notes: [
            `baseline: exceljs streaming writer, same sheets and values without formulas: ${seconds(baseline)} (best of 2), ${baselines[0]?.detail ?? ''}`,
          ],
        },
        {
          name: 'export peak memory (child process)',
          measured: `${peakRss.toFixed(0)} MB peak RSS, ${peakHeap.toFixed(0)} MB peak V8 heap`,
          target: '<= 400 MB',
          pass: peakRss <= 400,
        },
        {
          name: `import of that ${formatInt(ROWS)}-row workbook`,
          measured: `${seconds(imported.ms)}, ${imported.detail}, ${imported.peakRssMb.toFixed(0)} MB peak RSS`,
          target: '<= 10 s',
          pass: imported.ms <= 10_000,
        },
      ];
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

if (process.argv[2] === '--child') {
  const [mode = '', file = ''] = process.argv.slice(3);
  child(mode, file).then(
    (report) => console.log(JSON.stringify(report)),
    (error: unknown) => {
      console.error(error instanceof Error ? error.stack : String(error));
      process.exitCode = 1;
    },
  );
}

import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importPlanWorkbook } from '../node/io/xlsx-import';
import { parsePlanText } from '../shared/plan/plan-document';
import { SheetRowScanner } from '../shared/workbook/sheet-xml';
import { writePlanSheetWorkbook } from '../test/workbook/support/zip-parts';
import { formatInt, type BenchModule, type BenchResult } from './bench-result';

/**
 * Issue 13 §1's crafted inputs, timed: each must end (refused with its message, or read) in bounded
 * time and memory. Before the fix: row 4294967295 ran until killed, a 5 MB row ran past 300 s,
 * 1,048,576 rows failed after 70 s at 3.9 GB, a plan nested 10M deep took 8–15 s.
 */

interface Measured {
  readonly ms: number;
  readonly rssMb: number;
  readonly outcome: string;
}

async function measure(run: () => Promise<string> | string): Promise<Measured> {
  const before = process.memoryUsage().rss;
  let peak = before;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const start = performance.now();
  const outcome = await run();
  const ms = performance.now() - start;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage().rss);
  return { ms, rssMb: (peak - before) / 1024 / 1024, outcome: outcome.slice(0, 110) };
}

function result(name: string, m: Measured, targetMs: number): BenchResult {
  return {
    name,
    measured: `${formatInt(Math.round(m.ms))} ms, +${Math.round(m.rssMb)} MB RSS`,
    target: `ends with a clear result in under ${formatInt(targetMs)} ms`,
    pass: m.ms < targetMs,
    notes: [`outcome: ${m.outcome}`],
  };
}

async function importOutcome(file: string): Promise<string> {
  const r = await importPlanWorkbook(file);
  return r.ok ? `imported ${r.value.document.rows.length} rows` : r.error.replace(/^\S+ /, '');
}

export const hardeningBench: BenchModule = {
  name: 'hardening',
  async run() {
    const dir = await mkdtemp(join(tmpdir(), 'pl-hardening-bench-'));
    try {
      const out: BenchResult[] = [];
      const high = join(dir, 'row-4294967295.xlsx');
      await writePlanSheetWorkbook('<row r="1"/><row r="4294967295"/>', high);
      out.push(result('row number 4294967295', await measure(() => importOutcome(high)), 1_000));

      const cells = Array.from(
        { length: 16_000 },
        (_, i) => `<c r="A1" t="inlineStr"><is><t>${i}${'v'.repeat(300)}</t></is></c>`,
      );
      const longRow = `<row r="1">${cells.join('')}</row>`;
      out.push(
        result(
          `one ${(longRow.length / 1e6).toFixed(1)} MB row, scanned in 64 KB chunks`,
          await measure(() => {
            const scanner = new SheetRowScanner([]);
            let rows = 0;
            for (let i = 0; i < longRow.length; i += 65_536) rows += scanner.push(longRow.slice(i, i + 65_536)).length;
            rows += scanner.end().length;
            return `${rows} row read`;
          }),
          2_000,
        ),
      );

      const many = join(dir, 'rows-1048576.xlsx');
      const rows: string[] = [];
      for (let r = 1; r <= 1_048_576; r++) rows.push(`<row r="${r}"><c r="A${r}"><v>${r}</v></c></row>`);
      await writePlanSheetWorkbook(rows.join(''), many);
      rows.length = 0;
      out.push(result('1,048,576 rows', await measure(() => importOutcome(many)), 30_000));

      const deep = `{"schemaVersion":3,"meta":${'['.repeat(10_000_000)}${']'.repeat(10_000_000)}}`;
      out.push(
        result(
          'a plan nested 10,000,000 arrays deep',
          await measure(() => {
            const r = parsePlanText(deep);
            return r.ok ? 'accepted' : r.error;
          }),
          1_000,
        ),
      );
      return out;
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  },
};

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { build } from 'vite';
import { estimatePlan } from '../shared/estimate/estimate-plan';
import { formatUsd } from '../shared/money/format';
import { serializePlan } from '../shared/plan/plan-document';
import type { PlanDocument } from '../shared/plan/plan-schema';
import { rendererAssetHeaders } from '../node/static/renderer-assets';
import { startApp, type RunningApp } from '../test/e2e/support/harness';
import { type BenchModule, type BenchResult, formatInt, median } from './bench-result';
import { generatePlan } from '../shared/plan/plan-generator';
import { generateDiversePlan } from '../shared/plan/diverse-plan-generator';
import { emptyActualsLedger } from '../shared/actuals/ledger/ledger-schema';
import { billedCosts, importAll, meta } from './reconcile-bench';

/**
 * The planning grid in Chromium through the browser host (issue 4 targets): a 10k-row plan interactive
 * after Open, an edit reaching the totals at 10k rows, a 3×1000 paste, and a 100k-row plan that loads and
 * scrolls. Times are taken in the page (performance.now) where the page alone does the work, and from
 * the test's side for Open, which includes reading and validating the file in the host.
 */

const SEED = 20260421;
const EDIT_RUNS = 9;
const PASTE_RUNS = 3;
const LOAD_RUNS = 5;

function ms(n: number): string {
  return `${n.toFixed(1)} ms`;
}

function engineTotal(plan: PlanDocument): string {
  const result = estimatePlan(plan);
  if (!result.ok) throw new Error(result.error);
  return formatUsd(result.value.totals.totalCost);
}

async function writePlan(dir: string, name: string, plan: PlanDocument): Promise<string> {
  const file = path.join(dir, name);
  await writeFile(file, serializePlan(plan));
  return file;
}

/**
 * Opens a plan through the UI and returns the milliseconds (page clock) from the click until its first
 * rows and its engine total show. Polls in the page: the app's CSP forbids the eval waitForFunction needs.
 */
async function openAndWait(app: RunningApp, file: string, expectedTotal: string): Promise<number> {
  const { page } = app;
  app.host.setNextOpenPath(file);
  // The plan:open request's own timing is read from the page's Resource Timing (openTiming).
  await page.evaluate('performance.clearResourceTimings(); window.__openStart = performance.now()');
  await page.getByTestId('open-button').click();
  if (await page.getByTestId('unsaved-dialog').count()) await page.getByTestId('unsaved-discard').click();
  const elapsed: unknown = await page.evaluate(`(async () => {
    const ready = () => document.querySelector('[data-testid="total-cost"]')?.textContent === ${JSON.stringify(expectedTotal)} && document.querySelector('.ag-row[row-index="0"]') !== null;
    while (!ready()) {
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
      if (performance.now() - window.__openStart > 120000) return -1;
    }
    return performance.now() - window.__openStart;
  })()`);
  const value = Number(elapsed);
  if (value < 0) throw new Error(`${path.basename(file)} did not open within 120 s`);
  return value;
}

/** Installs a one-shot watcher: resolves with performance.now() when the total's text changes. */
const WATCH_TOTAL = `window.__totalChanged = new Promise((resolve) => {
  const el = document.querySelector('[data-testid="total-cost"]');
  const before = el.textContent;
  const observer = new MutationObserver(() => {
    if (el.textContent !== before) { observer.disconnect(); resolve(performance.now()); }
  });
  observer.observe(el, { childList: true, characterData: true, subtree: true });
});`;

async function timeEdit(page: Page, value: number): Promise<number> {
  const cell = page.locator('.ag-row:not(.ag-row-pinned)[row-index="0"] .ag-cell[col-id="finals"]');
  await cell.click();
  await page.keyboard.type(String(value));
  await page.evaluate(`${WATCH_TOTAL}
    window.__enterAt = 0;
    document.addEventListener('keydown', (e) => { if (e.key === 'Enter' && !window.__enterAt) window.__enterAt = performance.now(); }, { capture: true, once: true });`);
  await page.keyboard.press('Enter');
  const elapsed: unknown = await page.evaluate('window.__totalChanged.then((t) => t - window.__enterAt)');
  return Number(elapsed);
}

async function timePaste(page: Page, tsv: string): Promise<number> {
  await page.locator('.ag-row:not(.ag-row-pinned)[row-index="0"] .ag-cell[col-id="quality"]').click();
  const elapsed: unknown = await page.evaluate(`(async () => {
    ${WATCH_TOTAL}
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(tsv)});
    const start = performance.now();
    document.activeElement.dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
    return (await window.__totalChanged) - start;
  })()`);
  return Number(elapsed);
}

/** Scrolls the grid to the end in jumps; returns the time until the last row is rendered. */
async function timeScrollToEnd(page: Page, rowCount: number): Promise<{ total: number; jumps: number }> {
  const elapsed: unknown = await page.evaluate(`(async () => {
    const viewport = document.querySelector('.pl-grid .ag-grid-viewport');
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const start = performance.now();
    const jumps = 20;
    for (let i = 1; i <= jumps; i++) {
      viewport.scrollTop = (viewport.scrollHeight * i) / jumps;
      await frame();
    }
    while (!document.querySelector('.ag-row[row-index="${rowCount - 1}"]')) {
      viewport.scrollTop = viewport.scrollHeight;
      await frame();
      if (performance.now() - start > 60000) return -1;
    }
    return performance.now() - start;
  })()`);
  return { total: Number(elapsed), jumps: 20 };
}

/** The last plan:open request's timing in the page, in milliseconds from the Open click. */
interface OpenTiming {
  readonly requestStart: number;
  readonly responseStart: number;
  readonly responseEnd: number;
}

/**
 * From the page's Resource Timing rather than Playwright's requestfinished event, which does not always
 * come for a reply the page reads as a stream (the plan sent ahead of the verdict).
 */
async function openTiming(page: Page): Promise<OpenTiming | null> {
  const timing: unknown = await page.evaluate(`(async () => {
    for (let frame = 0; frame < 60; frame++) {
      const entry = performance.getEntriesByType('resource').filter((e) => e.name.includes('/ipc/plan%3Aopen')).at(-1);
      if (entry) return { requestStart: entry.requestStart - window.__openStart, responseStart: entry.responseStart - window.__openStart, responseEnd: entry.responseEnd - window.__openStart };
      await new Promise((r) => requestAnimationFrame(() => r(undefined)));
    }
    return null;
  })()`);
  return timing as OpenTiming | null;
}

/**
 * Where an Open's time goes: the page until its plan:open request starts (the click, the unsaved-changes
 * check); the host reading the file until the reply's first byte; the reply, which carries the plan file's
 * bytes first and the host's verdict last (the page parses the plan, and estimates it, while the host
 * validates it; shared/ipc/plan-stream.ts); and the page after the verdict (the grid's rows, first paint).
 */
function openBreakdown(timing: OpenTiming | null, total: number): string {
  if (timing === null) return 'where the time goes: the plan:open request was not found in the page’s Resource Timing';
  const { requestStart, responseStart, responseEnd } = timing;
  return (
    `where the time goes: page before the request ${ms(requestStart)}, host reads the file ${ms(responseStart - requestStart)},` +
    ` plan bytes then verdict ${ms(responseEnd - responseStart)} (page parses and estimates while host validates),` +
    ` page after the verdict ${ms(total - responseEnd)}`
  );
}

/**
 * Issue 14 §4: a plan a user could make (100k rows, most with their own hand-typed size) opens to an
 * interactive grid, and an edit reaches the totals at 100k rows.
 */
async function diversePlanFigures(app: RunningApp): Promise<BenchResult[]> {
  const plan = generateDiversePlan({ rows: 100_000, seed: SEED });
  const file = await writePlan(app.workDir, 'bench-diverse-100k.pxplan', plan);
  const load = await openAndWait(app, file, engineTotal(plan));
  const where = openBreakdown(await openTiming(app.page), load);
  const clickStart = performance.now();
  await app.page.locator('.ag-row[row-index="0"] .ag-cell[col-id="finals"]').click();
  await app.page.locator('.ag-cell-focus[col-id="finals"]').waitFor();
  const interactive = load + (performance.now() - clickStart);
  const edits: number[] = [];
  for (let i = 0; i < 5; i++) edits.push(await timeEdit(app.page, 200 + i));
  const edit = median(edits);
  return [
    {
      name: 'diverse 100k-row plan interactive after Open',
      measured: `${ms(interactive)} (open ${ms(load)}, then a click)`,
      target: '<= 1500 ms',
      pass: interactive <= 1500,
      notes: [
        'hand-typed sizes (shared/plan/diverse-plan-generator.ts); read and validated by the host, estimated in the page',
        where,
      ],
    },
    {
      name: 'edit → totals updated, diverse 100k rows',
      measured: `${ms(edit)} median of 5 (min ${ms(Math.min(...edits))}, max ${ms(Math.max(...edits))})`,
      target: '<= 50 ms',
      pass: edit <= 50,
    },
  ];
}

const SHEET_RUNS = 3;

/** Ctrl/Cmd+A in the grid, from its first cell (every displayed cell selected). */
async function selectWholeSheet(page: Page): Promise<void> {
  await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="finals"]').click();
  await page.locator('.ag-cell-focus[col-id="finals"]').waitFor();
  await page.keyboard.press('ControlOrMeta+a');
  await page.getByTestId('selection-summary').filter({ hasText: 'cells selected' }).waitFor();
}

/** Notes the page clock at the next key press (window.__keyAt). */
const AT_NEXT_KEY = `window.__keyAt = 0;
  document.addEventListener('keydown', () => { window.__keyAt = performance.now(); }, { capture: true, once: true });`;

/**
 * A copy of the selection, as Ctrl/Cmd+C sends it to the grid: from the copy event to the next frame,
 * with the text built and handed over. A copy event of the page's own (as timePaste's paste): a real
 * Ctrl+C of the whole sheet closed the bench's page, twice (not in the harness alone, where Chromium's
 * own clipboard write of the 18M characters added some 0.3 to 0.5 s after the copy event).
 */
async function timeCopy(page: Page): Promise<{ ms: number; chars: number }> {
  const copied: unknown = await page.evaluate(`(async () => {
    const data = new DataTransfer();
    const start = performance.now();
    document.activeElement.dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    await new Promise((r) => requestAnimationFrame(r));
    return [performance.now() - start, data.getData('text/plain').length];
  })()`);
  const [ms, chars] = copied as [number, number];
  return { ms, chars };
}

/** A key that changes the total (Delete, undo): from the key press to the total changed and the next frame. */
async function timeKeyToTotal(page: Page, key: string): Promise<number> {
  await page.evaluate(`${WATCH_TOTAL}${AT_NEXT_KEY}`);
  await page.keyboard.press(key);
  const elapsed: unknown = await page.evaluate(
    `window.__totalChanged.then(() => new Promise((r) => requestAnimationFrame(() => r(performance.now() - window.__keyAt))))`,
  );
  return Number(elapsed);
}

/**
 * A save's time in parts, from the page's Resource Timing: the page until its plan:save request starts
 * (packing the plan), the host until its answer begins (reading, checking and writing the file), and the
 * answer to the next frame.
 */
interface SaveTiming {
  readonly total: number;
  readonly page: number;
  readonly host: number;
  readonly after: number;
}

/** Ctrl/Cmd+S: from the key press to the host's answer and the next frame (the file written, fsynced). */
async function timeSaveKey(page: Page): Promise<SaveTiming> {
  await page.evaluate(`performance.clearResourceTimings(); ${AT_NEXT_KEY}`);
  await page.keyboard.press('ControlOrMeta+s');
  const timing: unknown = await page.evaluate(`(async () => {
    const saved = () => performance.getEntriesByType('resource').find((e) => e.name.includes('/ipc/plan%3Asave') && e.responseEnd > 0);
    while (!saved()) await new Promise((r) => setTimeout(r, 5));
    await new Promise((r) => requestAnimationFrame(r));
    const total = performance.now() - window.__keyAt;
    const e = saved();
    return { total, page: e.startTime - window.__keyAt, host: e.responseStart - e.startTime, after: total - (e.responseStart - window.__keyAt) };
  })()`);
  return timing as SaveTiming;
}

/** Where a save's time goes, as medians of each part. */
function saveBreakdown(saves: readonly SaveTiming[]): string {
  const part = (pick: (s: SaveTiming) => number) => ms(median(saves.map(pick)));
  return (
    `where the time goes (medians): page before the request ${part((s) => s.page)} (packs the plan),` +
    ` request to the host’s answer ${part((s) => s.host)} (the host reads, checks and writes the file),` +
    ` answer to the next frame ${part((s) => s.after)}`
  );
}

function runsText(times: readonly number[]): string {
  return `${ms(median(times))} median of ${times.length} (min ${ms(Math.min(...times))}, max ${ms(Math.max(...times))})`;
}

/**
 * Whole-sheet actions on the diverse 100k-row plan (open): Ctrl/Cmd+A then Copy, then Delete (undone
 * after each), then Save back to its file.
 */
async function wholeSheetFigures(app: RunningApp): Promise<BenchResult[]> {
  const { page } = app;
  const copies: number[] = [];
  let chars = 0;
  await selectWholeSheet(page);
  for (let i = 0; i < SHEET_RUNS; i++) {
    const copy = await timeCopy(page);
    copies.push(copy.ms);
    chars = copy.chars;
  }
  const deletes: number[] = [];
  for (let i = 0; i < SHEET_RUNS; i++) {
    await selectWholeSheet(page);
    deletes.push(await timeKeyToTotal(page, 'Delete'));
    await timeKeyToTotal(page, 'ControlOrMeta+z');
  }
  const saveTimings: SaveTiming[] = [];
  for (let i = 0; i < SHEET_RUNS; i++) saveTimings.push(await timeSaveKey(page));
  const saves = saveTimings.map((s) => s.total);
  const copy = median(copies);
  const clear = median(deletes);
  const save = median(saves);
  return [
    {
      name: 'copy the whole sheet, diverse 100k rows',
      measured: runsText(copies),
      target: '<= 1500 ms',
      pass: copy <= 1500,
      notes: [
        `Ctrl/Cmd+A, then a copy event: to the next frame, the text built (${formatInt(chars)} characters); Chromium's own clipboard write not included`,
      ],
    },
    {
      name: 'Delete over the whole sheet, diverse 100k rows',
      measured: runsText(deletes),
      target: '<= 1000 ms',
      pass: clear <= 1000,
      notes: ['Ctrl/Cmd+A, then Delete: from the key press to the total changed and the next frame (one undo step)'],
    },
    {
      name: 'save, diverse 100k rows',
      measured: runsText(saves),
      target: '<= 1500 ms',
      pass: save <= 1500,
      notes: [
        'Ctrl/Cmd+S back to its file: from the key press to the host’s answer (file written, fsynced, renamed, .bak kept)',
        saveBreakdown(saveTimings),
      ],
    },
  ];
}

/**
 * Issue 14 §4 with actuals: an edit at 100k rows reaches the totals while the plan also holds a year of
 * the provider's billed costs (by day, project and model) and a rule, so every edit reconciles too (the
 * grid's actual columns and totals; renderer/src/app/use-plan-reconciliation.ts).
 */
async function diverseWithActualsFigures(app: RunningApp): Promise<BenchResult[]> {
  const diverse = generateDiversePlan({ rows: 100_000, seed: SEED });
  const target = diverse.rows[70]?.id ?? '';
  const ledger = importAll(emptyActualsLedger(), meta('openai-costs', 2), billedCosts());
  const plan: PlanDocument = {
    ...diverse,
    actuals: {
      ...ledger,
      rules: [{ id: 'brand', when: { field: 'project', value: 'proj_brand' }, to: { kind: 'row', rowId: target } }],
    },
  };
  const file = await writePlan(app.workDir, 'bench-diverse-100k-actuals.pxplan', plan);
  const load = await openAndWait(app, file, engineTotal(plan));
  const edits: number[] = [];
  for (let i = 0; i < 5; i++) edits.push(await timeEdit(app.page, 300 + i));
  const edit = median(edits);
  return [
    {
      name: 'edit → totals updated, diverse 100k rows with a year of billed actuals',
      measured: `${ms(edit)} median of 5 (min ${ms(Math.min(...edits))}, max ${ms(Math.max(...edits))})`,
      target: '<= 50 ms',
      pass: edit <= 50,
      notes: [
        `${formatInt(ledger.batches.reduce((n, b) => n + b.buckets.length, 0))} billed buckets (365 days x 3 projects x 2 models), one rule; the plan opened in ${ms(load)}`,
      ],
    },
  ];
}

interface TraceEvent {
  readonly name: string;
  readonly ph: string;
  readonly tid: number;
  readonly tdur?: number;
  readonly args?: { readonly name?: string };
}

/**
 * Runs `work` under a CDP trace and returns the page main thread's CPU time in its tasks (thread time,
 * not wall time: on a shared machine the wall time of a frame is mostly waiting for a core).
 */
async function mainThreadCpuMs(page: Page, work: () => Promise<void>): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  const events: TraceEvent[] = [];
  cdp.on('Tracing.dataCollected', (e: { value: object[] }) => events.push(...(e.value as TraceEvent[])));
  const complete = new Promise((resolve) => cdp.once('Tracing.tracingComplete', resolve));
  await cdp.send('Tracing.start', {
    categories: 'devtools.timeline,disabled-by-default-devtools.timeline',
    transferMode: 'ReportEvents',
  });
  await work();
  await cdp.send('Tracing.end');
  await complete;
  await cdp.detach();
  const main = events.find((e) => e.name === 'thread_name' && e.args?.name === 'CrRendererMain')?.tid;
  let micros = 0;
  for (const e of events) if (e.tid === main && e.ph === 'X' && e.name === 'RunTask') micros += e.tdur ?? 0;
  return micros / 1000;
}

/** The grid's scroll container; the plain table's is PLAIN_TABLE_SCROLLER. */
const GRID_SCROLLER = '.pl-grid .ag-grid-viewport';
const PLAIN_TABLE_SCROLLER = '#plain-table-scroller';
/** A 60 Hz display's refresh: rAF frame times come in whole multiples of it. */
const REFRESH_MS = 1000 / 60;

interface FrameTimes {
  readonly p95: number;
  readonly median: number;
  readonly frames: number;
  readonly cpu: number;
}

/**
 * Scrolls a scroll container (the grid's, or the plain table's) down steadily, one step per animation
 * frame, and samples the frame times with requestAnimationFrame (issue 9 §6: p95 167 ms before, a plain
 * table 33 ms). Returns p95, median and the main thread's CPU time per frame.
 */
async function scrollFrameTimes(page: Page, scroller: string): Promise<FrameTimes> {
  let sampled: unknown = [];
  const cpuMs = await mainThreadCpuMs(page, async () => {
    sampled = await scrollAndSample(page, scroller);
  });
  const times = (Array.isArray(sampled) ? sampled.map(Number) : []).sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? NaN;
  return { p95: at(0.95), median: at(0.5), frames: times.length, cpu: cpuMs / Math.max(1, times.length) };
}

function scrollAndSample(page: Page, scroller: string): Promise<unknown> {
  return page.evaluate(`(async () => {
    const viewport = document.querySelector(${JSON.stringify(scroller)});
    const frame = () => new Promise((r) => requestAnimationFrame((t) => r(t)));
    viewport.scrollTop = 0;
    await frame(); await frame();
    const times = [];
    let last = await frame();
    for (let i = 0; i < 180; i++) {
      viewport.scrollTop += 120;
      const now = await frame();
      times.push(now - last);
      last = now;
    }
    return times;
  })()`);
}

/** What the grid shows: its columns (header text, width), every row's cell text, its row height and font. */
interface ShownGrid {
  readonly headers: { readonly text: string; readonly width: number }[];
  readonly rows: string[][];
  readonly rowHeight: number;
  readonly viewport: { readonly width: number; readonly height: number };
  readonly font: string;
  readonly cellPadding: string;
}

/**
 * Reads the text the grid shows for every row, scrolling it a view at a time (AG Grid only renders the
 * rows in view), with the columns it renders in header order. Read from the DOM rather than rebuilt from
 * the plan, so the plain table holds exactly what the grid draws.
 */
async function readShownGrid(page: Page, rowCount: number): Promise<ShownGrid> {
  const shown: unknown = await page.evaluate(`(async () => {
    const viewport = document.querySelector(${JSON.stringify(GRID_SCROLLER)});
    const frame = () => new Promise((r) => requestAnimationFrame(() => r(undefined)));
    const grid = document.querySelector('.pl-grid');
    const headerCells = [...grid.querySelectorAll('.ag-header-row-column .ag-header-cell[col-id]')];
    const colIds = headerCells.map((h) => h.getAttribute('col-id'));
    const rows = new Map();
    const collect = () => {
      for (const rowEl of grid.querySelectorAll('.ag-row[row-index]:not(.ag-row-pinned)')) {
        const index = Number(rowEl.getAttribute('row-index'));
        const cells = rows.get(index) ?? {};
        for (const cell of rowEl.querySelectorAll('.ag-cell[col-id]')) cells[cell.getAttribute('col-id')] = cell.textContent ?? '';
        rows.set(index, cells);
      }
    };
    const start = performance.now();
    viewport.scrollTop = 0;
    await frame(); await frame();
    while (rows.size < ${rowCount} && performance.now() - start < 300000) {
      collect();
      const next = [...Array(${rowCount}).keys()].find((i) => !rows.has(i));
      if (next === undefined) break;
      const anyRow = grid.querySelector('.ag-row[row-index]:not(.ag-row-pinned)');
      viewport.scrollTop = next * (anyRow ? anyRow.offsetHeight : 30);
      // Wait for that row rather than a fixed number of frames: on a loaded machine this walk is ~450 views.
      for (let f = 0; f < 10 && !grid.querySelector('.ag-row[row-index="' + next + '"]'); f++) await frame();
    }
    viewport.scrollTop = 0;
    await frame();
    const firstRow = grid.querySelector('.ag-row[row-index]:not(.ag-row-pinned)');
    const firstCell = grid.querySelector('.ag-row[row-index]:not(.ag-row-pinned) .ag-cell[col-id]');
    const style = getComputedStyle(firstCell);
    return {
      headers: headerCells.map((h) => ({ text: (h.textContent ?? '').trim(), width: h.offsetWidth })),
      rows: [...Array(${rowCount}).keys()].map((i) => colIds.map((id) => (rows.get(i) ?? {})[id] ?? '')),
      rowHeight: firstRow.offsetHeight,
      viewport: { width: viewport.clientWidth, height: viewport.clientHeight },
      font: style.font,
      cellPadding: style.padding,
      missing: ${rowCount} - rows.size,
    };
  })()`);
  const grid = shown as ShownGrid & { missing: number };
  if (grid.missing > 0) throw new Error(`read ${rowCount - grid.missing} of ${rowCount} grid rows in 300 s`);
  return grid;
}

function escapeHtml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A plain <table> of the grid's rows: same columns, widths, text, font and row height; no script. Plain
 * as in unstyled: with border-collapse and clipped cells (overflow hidden, ellipsis) the same table
 * scrolled at p95 267 ms, median 150 ms in one run of this bench (not profiled further).
 */
function plainTablePage(grid: ShownGrid): string {
  const cols = grid.headers.map((h) => `<col style="width:${h.width}px">`).join('');
  const head = grid.headers.map((h) => `<th>${escapeHtml(h.text)}</th>`).join('');
  const body = grid.rows.map((r) => `<tr>${r.map((t) => `<td>${escapeHtml(t)}</td>`).join('')}</tr>`).join('\n');
  const tableWidth = grid.headers.reduce((sum, h) => sum + h.width, 0);
  return `<!doctype html><html><head><meta charset="utf-8"><title>plain table</title><style>
body { margin: 0; font: ${grid.font}; }
#plain-table-scroller { width: ${grid.viewport.width}px; height: ${grid.viewport.height}px; overflow: auto; }
table { table-layout: fixed; width: ${tableWidth}px; }
th, td { height: ${grid.rowHeight}px; padding: ${grid.cellPadding}; box-sizing: border-box; white-space: nowrap; text-align: left; }
</style></head><body><div id="plain-table-scroller"><table><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>
${body}
</tbody></table></div></body></html>`;
}

/**
 * Issue 9 §6's reference: the same rows as a plain <table> in a second tab of the same Chromium, at the
 * grid host's origin (answered by the bench with the renderer's headers and CSP), scrolled and sampled
 * with the very code the grid's figure uses.
 */
async function plainTableFrameTimes(
  app: RunningApp,
  grid: ShownGrid,
): Promise<{ frames: FrameTimes; rowHeight: number }> {
  const url = `${app.host.url}/bench-plain-table.html`;
  const page = await app.context.newPage();
  try {
    await page.route(url, (route) =>
      route.fulfill({ status: 200, headers: rendererAssetHeaders('plain-table.html'), body: plainTablePage(grid) }),
    );
    await page.goto(url);
    await page.bringToFront();
    await page.locator(`${PLAIN_TABLE_SCROLLER} tbody tr`).first().waitFor();
    const rowHeight = Number(
      await page.evaluate(`document.querySelector('${PLAIN_TABLE_SCROLLER} tbody tr').offsetHeight`),
    );
    return { frames: await scrollFrameTimes(page, PLAIN_TABLE_SCROLLER), rowHeight };
  } finally {
    await page.close();
  }
}

function inFrames(frameMs: number): string {
  return `${(frameMs / REFRESH_MS).toFixed(1)} frames`;
}

/** Opens two 10k-row plans in turn: the median Open until the first rows and total show, then a click. */
async function openFigure(app: RunningApp, plan10k: PlanDocument): Promise<BenchResult> {
  const { page } = app;
  const file10k = await writePlan(app.workDir, 'bench-10k.pxplan', plan10k);
  // Two different plans, opened in turn, so every open really replaces what the page shows.
  const other10k = generatePlan({ rows: 10_000, seed: SEED + 1 });
  const otherFile = await writePlan(app.workDir, 'bench-10k-b.pxplan', other10k);
  const targets = [
    { file: otherFile, total: engineTotal(other10k) },
    { file: file10k, total: engineTotal(plan10k) },
  ];
  const loads: number[] = [];
  const clicks: number[] = [];
  const breakdowns: string[] = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    const target = targets[(LOAD_RUNS - run) % 2] ?? targets[1];
    if (!target) break;
    loads.push(await openAndWait(app, target.file, target.total));
    breakdowns.push(openBreakdown(await openTiming(page), loads[loads.length - 1] ?? 0));
    // Interactive: a click on a cell focuses it (the page answers input).
    const clickStart = performance.now();
    await page.locator('.ag-row[row-index="0"] .ag-cell[col-id="finals"]').click();
    await page.locator('.ag-cell-focus[col-id="finals"]').waitFor();
    clicks.push(performance.now() - clickStart);
  }
  const interactiveMs = median(loads) + median(clicks);
  return {
    name: '10k-row plan interactive after Open',
    measured: `${ms(interactiveMs)} (median of ${LOAD_RUNS} opens: ${loads.map((l) => l.toFixed(0)).join(', ')} ms, then a click ${ms(median(clicks))})`,
    target: '<= 1000 ms',
    pass: interactiveMs <= 1000,
    notes: [
      'Open → file read and validated by the host, sent to the page, every row estimated, first rows and the engine total shown',
      `last open: ${breakdowns[breakdowns.length - 1] ?? ''}`,
    ],
  };
}

/**
 * With the 10k-row plan open: scroll frame times (and a plain table's of the same rows, for reference),
 * edit → totals, and a 3×1000 paste.
 */
async function tenKInteractionFigures(app: RunningApp, plan10k: PlanDocument): Promise<BenchResult[]> {
  const { page } = app;
  // Frames come only to the tab in front: a tab behind gets few or no animation frames, which stalled
  // the row walk below ("read 64 of 10000 grid rows in 300 s") on a loaded machine.
  await page.bringToFront();
  const frames = await scrollFrameTimes(page, GRID_SCROLLER);
  // Read before the edits and pastes below change the rows.
  const shown = await readShownGrid(page, plan10k.rows.length);
  const plain = await plainTableFrameTimes(app, shown);
  await page.bringToFront();
  const edits: number[] = [];
  for (let i = 0; i < EDIT_RUNS; i++) edits.push(await timeEdit(page, 100 + i));
  const editMedian = median(edits);
  // 3×1000 paste (quality, finals, gens/final) as one undo step.
  const pastes: number[] = [];
  for (let run = 0; run < PASTE_RUNS; run++) {
    const tsv = plan10k.rows
      .slice(0, 1000)
      .map((r) => `${r.quality}\t${r.finals + run + 1}\t${r.iterationFactor}`)
      .join('\r\n');
    pastes.push(await timePaste(page, tsv));
  }
  const pasteMedian = median(pastes);
  return [
    {
      name: 'scroll frame time, 10k rows',
      measured: `p95 ${ms(frames.p95)}, median ${ms(frames.median)} over ${frames.frames} frames`,
      target: 'p95 <= 33 ms (a plain table in the same headless Chromium)',
      pass: frames.p95 <= 33,
      notes: [
        '120 px per animation frame down the plan, frame times from requestAnimationFrame',
        `against the plain table below: p95 ${inFrames(frames.p95)} vs ${inFrames(plain.frames.p95)},` +
          ` median ${inFrames(frames.median)} vs ${inFrames(plain.frames.median)} (one frame ${ms(REFRESH_MS)} at 60 Hz)`,
        `page main-thread CPU ${ms(frames.cpu)} per frame (rows 4 above and below the view)`,
        // From a CDP CPU profile and trace of this scroll (issue 9 §6): what is left is AG Grid's own per-row work.
        'where it goes: about a third script, mostly ag-grid-react mounting and unmounting the rows and cells' +
          ' scrolled in and out (some 4 rows of 15 cells a frame); then style and layout of those rows, and paint,' +
          ' layerize and pre-paint, which grow with the composited layers: AG Grid 36 draws a row’s pinned cells' +
          ' as two position: sticky sections, a layer each (46 for 23 rows drawn);' +
          ' no mouse events (the mouse rests outside the grid), no viewport re-measure each frame (AG Grid' +
          ' patched in renderer/vite.config.ts), rows placed by top (no layer of their own), no per-cell tooltip' +
          ' or drag-handle listeners, no column-hover module, no scroll handlers of ours',
      ],
    },
    {
      name: 'plain <table> of the same rows',
      measured: `p95 ${ms(plain.frames.p95)}, median ${ms(plain.frames.median)} over ${plain.frames.frames} frames`,
      target: 'reference',
      pass: null,
      notes: [
        `${formatInt(shown.rows.length)} rows × ${shown.headers.length} columns, the text the grid shows, in a ` +
          `${shown.viewport.width}×${shown.viewport.height} px scroller (the grid's), rows ${plain.rowHeight} px (grid ${shown.rowHeight} px)`,
        `same sampling code, another tab of the same Chromium at the host's origin; page main-thread CPU ${ms(plain.frames.cpu)} per frame`,
      ],
    },
    {
      name: 'edit → totals updated, 10k rows',
      measured: `${ms(editMedian)} median of ${EDIT_RUNS} (min ${ms(Math.min(...edits))}, max ${ms(Math.max(...edits))})`,
      target: '<= 50 ms',
      pass: editMedian <= 50,
      notes: ['from the Enter that commits the edit to the total’s text changing in the page'],
    },
    {
      name: '3×1000 paste at 10k rows',
      measured: `${ms(pasteMedian)} median of ${PASTE_RUNS}`,
      target: '<= 500 ms',
      pass: pasteMedian <= 500,
      notes: [
        'from the paste event to the total’s text changing (parse 3,000 cells, one command, re-estimate, render)',
      ],
    },
  ];
}

/** A 100k-row plan: it loads, and scrolls to its last row. */
async function hundredKFigures(app: RunningApp): Promise<BenchResult[]> {
  const plan100k = generatePlan({ rows: 100_000, seed: SEED });
  const file100k = await writePlan(app.workDir, 'bench-100k.pxplan', plan100k);
  const load100k = await openAndWait(app, file100k, engineTotal(plan100k));
  const scroll = await timeScrollToEnd(app.page, plan100k.rows.length);
  return [
    {
      name: '100k-row plan loads',
      measured: ms(load100k),
      target: 'loads (no time target)',
      pass: true,
      notes: [
        `file ${formatInt(serializePlan(plan100k).length / 1024)} KiB, read and validated by the host, estimated in the page`,
      ],
    },
    {
      name: '100k-row plan scrolls to the last row',
      measured:
        scroll.total < 0
          ? 'did not reach the last row in 60 s'
          : `${ms(scroll.total)} for ${scroll.jumps} jumps to the end`,
      target: 'scrolls (no time target)',
      pass: scroll.total >= 0,
    },
  ];
}

/**
 * Issue 9 §6: the Scenarios tab at 10k rows, from the click to its list shown, with the page's main-thread
 * CPU (CDP Performance.getMetrics TaskDuration) beside the wall time.
 */
async function scenariosTabFigure(page: Page): Promise<BenchResult> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Performance.enable');
  const task = async () =>
    (await cdp.send('Performance.getMetrics')).metrics.find((m) => m.name === 'TaskDuration')?.value ?? 0;
  const before = await task();
  const elapsed = Number(
    await page.evaluate(`(async () => {
      const start = performance.now();
      document.querySelector('[data-testid="tab-scenarios"]').click();
      const shown = () => document.querySelector('[data-testid="scenario-list"]') && document.querySelector('[data-testid="scenario-compare-after-total"], .pl-scenarios [role="alert"]');
      while (!shown()) await new Promise((r) => requestAnimationFrame(r));
      return performance.now() - start;
    })()`),
  );
  const cpu = ((await task()) - before) * 1000;
  await page.getByTestId('tab-subtotals').click();
  await cdp.detach();
  return {
    name: 'Scenarios tab opens, 10k rows',
    measured: `${ms(elapsed)} (page main-thread CPU ${ms(cpu)})`,
    target: '<= 200 ms',
    pass: elapsed <= 200,
    notes: [
      'until the scenario list and the comparison (base vs a scenario) are drawn',
      'the comparison reuses the estimates the grid shows and draws at most 200 rows (changed first) until Show all',
    ],
  };
}

/**
 * GRID_BENCH_PARTS=10k,100k,diverse,actuals runs only those parts (all by default): one figure can be measured
 * again without the minutes the others take on a shared machine.
 */
function wanted(part: '10k' | '100k' | 'diverse' | 'actuals'): boolean {
  const parts = process.env.GRID_BENCH_PARTS;
  return parts === undefined || parts === '' || parts.split(',').includes(part);
}

export const gridBench: BenchModule = {
  name: 'grid',
  async run(): Promise<BenchResult[]> {
    // Always build: a renderer left over from an older checkout would time yesterday's code.
    await build({ configFile: path.resolve('renderer/vite.config.ts'), logLevel: 'warn' });
    const app = await startApp({ viewport: { width: 1600, height: 1000 } });
    try {
      const { page } = app;
      await page.locator('.ag-row[row-index="0"]').waitFor();
      const plan10k = generatePlan({ rows: 10_000, seed: SEED });
      const results: BenchResult[] = [];
      if (wanted('10k')) {
        results.push(await openFigure(app, plan10k));
        results.push(await scenariosTabFigure(page));
        results.push(...(await tenKInteractionFigures(app, plan10k)));
      }
      if (wanted('100k')) results.push(...(await hundredKFigures(app)));
      if (wanted('diverse')) {
        results.push(...(await diversePlanFigures(app)));
        results.push(...(await wholeSheetFigures(app)));
      }
      if (wanted('actuals')) results.push(...(await diverseWithActualsFigures(app)));
      if (app.pageErrors.length > 0)
        results.push({
          name: 'page errors',
          measured: app.pageErrors.slice(0, 3).join(' | '),
          target: 'none',
          pass: false,
        });
      return results;
    } finally {
      await app.close();
    }
  },
};

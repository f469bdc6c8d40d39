import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { estimateRow } from '../../shared/estimate/estimate-row';
import { blankRow } from '../../shared/plan/new-plan';
import { createPriceBook } from '../../shared/pricing/price-book';
import { formatUsd, microToDecimalString } from '../../shared/money/format';
import { parsePlanText } from '../../shared/plan/plan-document';
import { ROW_FIELDS } from '../../shared/plan/row-fields';
import type { PlanDocument, PlanRow } from '../../shared/plan/plan-schema';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { todayUtc } from '../../shared/today';
import { gridCell, gridColumnTexts } from './support/grid-page';
import { hasTool } from '../support/tools';
import { startApp, type RunningApp } from './support/harness';

/**
 * The planning grid as a marketer uses it, in real Chromium: edit finals and see the engine's numbers,
 * paste a block copied from a spreadsheet, fill down, undo it all, scenarios, re-pricing with a preview,
 * and a save/reopen round trip. One browser for the whole file; the tests run in order on one plan.
 */

let app: RunningApp;
let page: Page;

/** Waits for the UI like a user would: up to 10 s, since the machine running the tests may be busy. */
function poll<T>(read: () => T | Promise<T>, options: { timeout?: number } = {}) {
  return expect.poll(read, { timeout: options.timeout ?? 10_000, interval: 50 });
}
const SAMPLE = createSamplePlan(todayUtc(new Date()));
/** The plan as saved by the round-trip test (re-priced with a discount). */
let roundTrip: PlanDocument | null = null;

function cell(rowId: string, colId: string): Locator {
  return gridCell(page, rowId, colId);
}

/** The texts of one column, top to bottom as displayed (plan rows only, not the totals row). */
function columnTexts(colId: string): Promise<string[]> {
  return gridColumnTexts(page, colId);
}

const totalText = () => page.getByTestId('total-cost').textContent();
const totalMicro = () => page.getByTestId('total-cost').getAttribute('data-micro');

function withRows(doc: PlanDocument, changes: Record<string, Partial<PlanRow>>): PlanDocument {
  return { ...doc, rows: doc.rows.map((r) => ({ ...r, ...changes[r.id] })) };
}

function engine(doc: PlanDocument, scenario: string | null = null) {
  const result = estimatePlan(doc, { scenario });
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

/** Dispatches a paste of `text` at the focused cell, as Ctrl/Cmd+V of a block copied from a spreadsheet does. */
async function pasteText(text: string): Promise<void> {
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.setData('text/plain', ${JSON.stringify(text)});
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('paste', { clipboardData: data, bubbles: true, cancelable: true }));
  })()`);
}

/** What Ctrl/Cmd+C puts on the clipboard from the grid. */
async function copyText(): Promise<string> {
  const text: unknown = await page.evaluate(`(() => {
    const data = new DataTransfer();
    (document.activeElement ?? document.body).dispatchEvent(new ClipboardEvent('copy', { clipboardData: data, bubbles: true, cancelable: true }));
    return data.getData('text/plain');
  })()`);
  return String(text);
}

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1600, height: 960 } });
  page = app.page;
  await cell('ecom-product-pages', 'finals').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasTool('chromium'))('the planning grid', () => {
  const start = engine(SAMPLE);

  it('opens the sample with the engine’s row totals and plan total', async () => {
    await poll(() => columnTexts('rowTotal')).toEqual(start.rows.map((r) => formatUsd(r.estimate.totalCost)));
    await poll(() => totalText()).toBe(formatUsd(start.totals.totalCost));
    await poll(() => totalMicro()).toBe(microToDecimalString(start.totals.totalCost));
    // `PIXEL_LEDGER_SCREENSHOT=1 npx vitest run test/e2e/planning-grid.test.ts -t "opens the sample"` refreshes the README picture.
    if (process.env.PIXEL_LEDGER_SCREENSHOT === '1') {
      await page.getByTestId('tab-charts').click();
      await page.locator('[data-testid="charts-panel"] svg.recharts-surface').nth(2).waitFor();
      await page.screenshot({ path: path.resolve('docs/screenshot.png') });
      await page.getByTestId('tab-subtotals').click();
    }
  });

  it('changing finals changes the row total and the totals by exactly the engine’s amount', async () => {
    await cell('ecom-product-pages', 'finals').click();
    await page.keyboard.type('30'); // typing replaces the cell
    await page.keyboard.press('Enter');
    const after = engine(withRows(SAMPLE, { 'ecom-product-pages': { finals: 30 } }));
    await poll(() => cell('ecom-product-pages', 'finals').textContent()).toBe('30');
    await poll(() => cell('ecom-product-pages', 'rowTotal').textContent()).toBe(
      formatUsd(after.rows[0]?.estimate.totalCost ?? -1),
    );
    await poll(() => totalText()).toBe(formatUsd(after.totals.totalCost));
    const delta = after.totals.totalCost - start.totals.totalCost;
    expect(delta).toBe((after.rows[0]?.estimate.totalCost ?? 0) - (start.rows[0]?.estimate.totalCost ?? 0));
    await poll(() => totalMicro()).toBe(microToDecimalString(start.totals.totalCost + delta));
    // Enter moved down, as in a spreadsheet.
    await poll(() => page.locator('.ag-row:has(.ag-cell-focus)').getAttribute('row-id')).toBe('ugc-ad-hooks');
    expect(await page.locator('.ag-cell-focus').getAttribute('col-id')).toBe('finals');
  });

  it('explains a formula cell with the row’s numbers on hover', async () => {
    // The row total is pinned in view; its explanation starts from the row's generations.
    await cell('ecom-product-pages', 'rowTotal').hover();
    const tooltip = page.getByRole('tooltip');
    await tooltip.waitFor();
    expect(await tooltip.textContent()).toMatch(/^36 generations × \$[\d.]+ = \$[\d.]+/);
  });

  it('describes a column on hovering its header, and shows the drag handle on the row under the mouse only', async () => {
    await page.locator('.ag-header-cell[col-id="team"]').hover();
    await poll(() => page.getByRole('tooltip').textContent()).toBe(ROW_FIELDS.team.description);
    await cell('ugc-ad-hooks', 'team').hover();
    await poll(() => page.getByRole('tooltip').count()).toBe(0);
    const handles = page.locator('.ag-drag-handle');
    await poll(() => handles.count()).toBe(1);
    expect(await page.locator('.ag-row[row-id="ugc-ad-hooks"] .ag-drag-handle').count()).toBe(1);
    await page.locator('.ag-row-pinned .ag-cell[col-id="name"]').hover();
    await poll(() => handles.count()).toBe(0);
  });

  it('rejects a bad value in place and keeps the cell', async () => {
    await cell('saas-hero', 'finals').click();
    await page.keyboard.type('many');
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('cell-error').textContent()).toMatch(/Finals, row 3: "many" is not a number/);
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('1');
  });

  it('pastes a 3×4 block copied from a spreadsheet, parsing numbers and sizes like the editors', async () => {
    await cell('ecom-product-pages', 'size').click();
    await pasteText('1536x1024\tmedium\t12\t1.8\r\n1024x1024\tlow\t40\t2,5\r\n16:9\thigh\t5*2\texploring\r\n');
    await poll(() => columnTexts('size')).toEqual(['1536x1024', '1024x1024', '1536x864', '1536x864']);
    await poll(() => columnTexts('quality')).toEqual(['medium', 'low', 'high', 'high']);
    await poll(() => columnTexts('finals')).toEqual(['12', '40', '10', '8']);
    await poll(() => columnTexts('iterationFactor')).toEqual([
      '1.8 · exploring',
      '2.5 · scratch',
      '1.8 · exploring',
      '1.8 · exploring',
    ]);
    expect(await page.getByTestId('paste-report').textContent()).toContain('Paste: 12 cells changed.');
    const after = engine(
      withRows(SAMPLE, {
        'ecom-product-pages': { size: '1536x1024', quality: 'medium', finals: 12, iterationFactor: '1.8' },
        'ugc-ad-hooks': { size: '1024x1024', quality: 'low', finals: 40, iterationFactor: '2.5' },
        'saas-hero': { size: '1536x864', quality: 'high', finals: 10, iterationFactor: '1.8' },
      }),
    );
    await poll(() => totalText()).toBe(formatUsd(after.totals.totalCost));
    await poll(() => columnTexts('rowTotal')).toEqual(after.rows.map((r) => formatUsd(r.estimate.totalCost)));
  });

  it('reports bad pasted cells with cell and reason, and skips them', async () => {
    await cell('saas-ui-screens', 'finals').click();
    await pasteText('lots\t2.5\n');
    const report = page.getByTestId('paste-report');
    await poll(() => report.textContent()).toContain('1 cell changed, 1 cell skipped');
    expect(await page.getByTestId('paste-problem').allTextContents()).toEqual([
      'Finals, row 4: "lots" is not a number: "l" is not allowed here: use digits, a decimal point or comma, and + - * / ( )',
    ]);
    await poll(() => cell('saas-ui-screens', 'finals').textContent()).toBe('8');
    await poll(() => cell('saas-ui-screens', 'iterationFactor').textContent()).toBe('2.5 · scratch');
  });

  it('selects a rectangle with shift-arrows and copies it as TSV', async () => {
    await cell('ecom-product-pages', 'size').click();
    for (let i = 0; i < 3; i++) await page.keyboard.press('Shift+ArrowRight');
    await page.keyboard.press('Shift+ArrowDown');
    await poll(() => page.getByTestId('selection-summary').textContent()).toBe('2 × 4 cells selected');
    expect(await copyText()).toBe('1536x1024\tmedium\t12\t1.8\r\n1024x1024\tlow\t40\t2.5\r\n');
    expect(await page.locator('.ag-cell.pl-selected').count()).toBe(8);
  });

  it('extends the selection to the last row with Ctrl/Cmd+Shift+Down, and back to the first with Up', async () => {
    await cell('ecom-product-pages', 'finals').click();
    await page.keyboard.press(`${mod}+Shift+ArrowDown`);
    await poll(() => page.getByTestId('selection-summary').textContent()).toBe('4 × 1 cells selected');
    await page.keyboard.press(`${mod}+Shift+ArrowRight`);
    await poll(() => page.getByTestId('selection-summary').textContent()).toMatch(/^4 × \d+ cells selected$/);
    await page.keyboard.press('Escape');
    await cell('saas-ui-screens', 'finals').click();
    await page.keyboard.press(`${mod}+Shift+ArrowUp`);
    await poll(() => page.getByTestId('selection-summary').textContent()).toBe('4 × 1 cells selected');
  });

  it('Delete over cells that cannot be empty leaves them, one line per column and reason', async () => {
    await cell('ecom-product-pages', 'model').click();
    await cell('saas-ui-screens', 'model').click({ modifiers: ['Shift'] });
    await poll(() => page.getByTestId('selection-summary').textContent()).toBe('4 × 1 cells selected');
    await page.keyboard.press('Delete');
    await poll(() => page.getByTestId('paste-problem').allTextContents()).toEqual([
      'Model, 4 cells (rows 1 to 4): "" is not a known model: pick one from the list (left as it was)',
    ]);
    expect(await page.getByTestId('paste-report').textContent()).toContain(
      'Clear cells: 0 cells changed, 4 cells skipped:',
    );
    expect(await columnTexts('model')).toEqual(SAMPLE.rows.map((r) => r.model));
  });

  it('fills down with Ctrl/Cmd+D over a shift-click selection', async () => {
    await cell('ecom-product-pages', 'finals').click();
    await cell('saas-ui-screens', 'finals').click({ modifiers: ['Shift'] });
    await poll(() => page.getByTestId('selection-summary').textContent()).toBe('4 × 1 cells selected');
    await page.keyboard.press(`${mod}+d`);
    await poll(() => columnTexts('finals')).toEqual(['12', '12', '12', '12']);
  });

  it('undoes it all, step by step, back to the starting values', async () => {
    await cell('ecom-product-pages', 'name').click();
    // finals edit, paste, bad-cell paste, fill down: four steps.
    for (let i = 0; i < 4; i++) await page.keyboard.press(`${mod}+z`);
    await poll(() => totalText()).toBe(formatUsd(start.totals.totalCost));
    await poll(() => columnTexts('finals')).toEqual(['24', '30', '1', '8']);
    await poll(() => columnTexts('size')).toEqual(SAMPLE.rows.map((r) => r.size));
    await poll(() => columnTexts('rowTotal')).toEqual(start.rows.map((r) => formatUsd(r.estimate.totalCost)));
    expect(await page.getByTestId('undo-button').isDisabled()).toBe(true);
    await poll(() => page.title()).toBe('Q1 launch imagery (sample) — Pixel Ledger');
    // Redo is there too (Shift+Ctrl/Cmd+Z), and undo again.
    await page.keyboard.press(`${mod}+Shift+z`);
    await poll(() => cell('ecom-product-pages', 'finals').textContent()).toBe('30');
    await page.keyboard.press(`${mod}+z`);
    await poll(() => cell('ecom-product-pages', 'finals').textContent()).toBe('24');
  });

  it('keeps edits through sorting', async () => {
    await page.locator('.ag-header-cell[col-id="rowTotal"] .ag-header-cell-label').click();
    await cell('saas-hero', 'finals').click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('2');
    await page.locator('.ag-header-cell[col-id="rowTotal"] .ag-header-cell-label').click();
    await page.locator('.ag-header-cell[col-id="rowTotal"] .ag-header-cell-label').click();
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('2');
    await page.getByTestId('undo-button').click();
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('1');
    await poll(() => columnTexts('name')).toEqual(SAMPLE.rows.map((r) => r.name));
  });

  it('switches scenario: overridden cells are highlighted and the totals follow the scenario', async () => {
    await page.getByTestId('scenario-select').selectOption('from-scratch');
    const scratch = engine(SAMPLE, 'from-scratch');
    await poll(() => totalText()).toBe(formatUsd(scratch.totals.totalCost));
    await poll(() => cell('ecom-product-pages', 'iterationFactor').getAttribute('class')).toContain('pl-overridden');
    await poll(() => cell('ecom-product-pages', 'iterationFactor').textContent()).toBe('2.5 · scratch');
    expect(await page.getByTestId('total-cost').locator('..').textContent()).toContain('Re-prompting from scratch');
  });

  it('compares scenarios side by side: total, per-row delta and % change', async () => {
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('compare-left').selectOption('');
    await page.getByTestId('compare-right').selectOption('from-scratch');
    const base = engine(SAMPLE, null);
    const scratch = engine(SAMPLE, 'from-scratch');
    const delta = scratch.totals.totalCost - base.totals.totalCost;
    const table = page.getByTestId('scenario-compare');
    await poll(() => page.getByTestId('scenario-compare-delta').textContent()).toBe(`+${formatUsd(delta)}`);
    expect(await page.getByTestId('scenario-compare-before-total').textContent()).toBe(
      formatUsd(base.totals.totalCost),
    );
    expect(await page.getByTestId('scenario-compare-after-total').textContent()).toBe(
      formatUsd(scratch.totals.totalCost),
    );
    const ecomRow = table.locator('tr[data-row-id="ecom-product-pages"] td');
    const rowDelta = (scratch.rows[0]?.estimate.totalCost ?? 0) - (base.rows[0]?.estimate.totalCost ?? 0);
    expect(await ecomRow.nth(3).textContent()).toBe(`+${formatUsd(rowDelta)}`);
    expect(await ecomRow.nth(4).textContent()).toMatch(/^\+\d+\.\d%$/);
    expect(await table.locator('tr[data-row-id="saas-hero"] td').nth(3).textContent()).toBe('$0.00');
  });

  it('edits in a scenario become overrides, and Delete resets a cell to the base value', async () => {
    await cell('saas-hero', 'finals').click();
    await page.keyboard.type('4');
    await page.keyboard.press('Enter');
    await poll(() => cell('saas-hero', 'finals').getAttribute('class')).toContain('pl-overridden');
    await poll(() => page.getByTestId('override-list').textContent()).toContain('SaaS landing: hero imageFinals4');
    await cell('saas-hero', 'finals').click();
    await page.keyboard.press('Delete');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('1');
    await poll(() => cell('saas-hero', 'finals').getAttribute('class')).not.toContain('pl-overridden');
    await page.getByTestId('scenario-select').selectOption('');
    await poll(() => totalText()).toBe(formatUsd(start.totals.totalCost));
  });

  it('re-prices with a preview: nothing changes until the change is applied', async () => {
    await page.getByTestId('tab-prices').click();
    const entries = page.getByTestId('price-entries');
    await poll(() => entries.textContent()).toContain('openai/gpt-image-2@2026-04-21');
    expect(await entries.textContent()).toContain('official');

    // An as-of date before gpt-image-2 was priced: the preview shows what would break, Cancel keeps all.
    await page.getByTestId('as-of-input').fill('2026-01-15');
    await page.getByTestId('reprice-preview').click();
    await page.getByTestId('reprice-dialog').waitFor();
    expect(await page.getByTestId('reprice-preview-table').locator('tbody tr').first().textContent()).toContain(
      'not priced',
    );
    await page.getByTestId('reprice-cancel').click();
    await poll(() => totalText()).toBe(formatUsd(start.totals.totalCost));

    // A negotiated 10% discount on the OpenAI entry: preview per row, then apply as one step.
    await page.getByTestId('add-discount').click();
    await page.getByTestId('entry-preview').click();
    await page.getByTestId('reprice-dialog').waitFor();
    const previewAfter = await page.getByTestId('reprice-preview-table-after-total').textContent();
    expect(await page.getByTestId('reprice-preview-table-before-total').textContent()).toBe(
      formatUsd(start.totals.totalCost),
    );
    await poll(() => totalText()).toBe(formatUsd(start.totals.totalCost));
    await page.getByTestId('reprice-apply').click();
    await poll(() => totalText()).toBe(previewAfter);
    expect(previewAfter).not.toBe(formatUsd(start.totals.totalCost));
  });

  it('saves and reopens with the same values, re-priced as applied', async () => {
    const before = {
      totals: await columnTexts('rowTotal'),
      finals: await columnTexts('finals'),
      total: await totalText(),
    };
    const target = path.join(app.workDir, 'grid-round-trip.pxplan');
    app.host.setNextSavePath(target);
    await page.getByTestId('save-as-button').click();
    await poll(() => page.title()).toBe('grid-round-trip.pxplan — Pixel Ledger');
    const saved = parsePlanText(await readFile(target, 'utf8'));
    if (!saved.ok) throw new Error(saved.error);
    expect(saved.value.priceEntries.map((e) => e.pricing.unit)).toEqual(['credits-per-token-usd', 'discount']);
    expect(formatUsd(engine(saved.value).totals.totalCost)).toBe(before.total);
    roundTrip = saved.value;

    await page.getByTestId('new-button').click();
    await poll(() => columnTexts('name')).toEqual([]);
    app.host.setNextOpenPath(target);
    await page.getByTestId('open-button').click();
    await poll(() => columnTexts('rowTotal')).toEqual(before.totals);
    await poll(() => columnTexts('finals')).toEqual(before.finals);
    await poll(() => totalText()).toBe(before.total);
  });

  it('adds, duplicates, moves and deletes rows', async () => {
    await page.getByTestId('add-row-button').click();
    await poll(() => columnTexts('name')).toHaveLength(5);
    await cell('saas-hero', 'name').click();
    await page.getByTestId('duplicate-row-button').click();
    await poll(() => columnTexts('name')).toContain('SaaS landing: hero image (copy)');
    await cell('saas-hero-2', 'name').click();
    await page.getByTestId('move-up-button').click();
    await poll(async () => (await columnTexts('name')).indexOf('SaaS landing: hero image (copy)')).toBe(2);
    await cell('saas-hero-2', 'name').click();
    await page.getByTestId('delete-row-button').click();
    await poll(() => columnTexts('name')).not.toContain('SaaS landing: hero image (copy)');
    for (let i = 0; i < 4; i++) await page.getByTestId('undo-button').click();
    await poll(() => columnTexts('name')).toEqual(SAMPLE.rows.map((r) => r.name));
  });

  it('shows the size editor’s validation message and cheaper sizes in place', async () => {
    await cell('ugc-ad-hooks', 'size').dblclick();
    const input = page.getByTestId('size-editor').locator('input');
    await input.fill('1000x1000');
    await poll(() => page.getByTestId('size-error').textContent()).toMatch(
      /1000x1000 is not a valid size for gpt-image-2: both edges must be multiples of 16/,
    );
    await input.fill('1024x1024');
    expect(await page.getByTestId('size-error').count()).toBe(0);
    await page.keyboard.press('Escape');
    await poll(() => cell('ugc-ad-hooks', 'size').textContent()).toBe('864x1536');
  });
  it('moves and edits from the keyboard like a spreadsheet: arrows, Tab, F2, Escape, Enter', async () => {
    const focused = async () => ({
      row: await page.locator('.ag-row:has(.ag-cell-focus)').getAttribute('row-id'),
      col: await page.locator('.ag-cell-focus').getAttribute('col-id'),
    });
    await cell('ugc-ad-hooks', 'finals').click();
    await page.keyboard.press('ArrowDown');
    await poll(focused).toEqual({ row: 'saas-hero', col: 'finals' });
    await page.keyboard.press('Tab');
    await poll(focused).toEqual({ row: 'saas-hero', col: 'iterationFactor' });
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('ArrowLeft');
    await poll(focused).toEqual({ row: 'saas-hero', col: 'quality' });
    await page.keyboard.press('ArrowRight');
    // F2 edits the value in place; Escape leaves it as it was.
    await poll(focused).toEqual({ row: 'saas-hero', col: 'finals' });
    await page.keyboard.press('F2');
    const editor = page.locator('.ag-cell-inline-editing input');
    await editor.waitFor();
    await poll(() => editor.inputValue()).toBe('1');
    await page.keyboard.type('5');
    await page.keyboard.press('Escape');
    await poll(() => page.locator('.ag-cell-inline-editing').count()).toBe(0);
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('1');
    // Typing replaces the cell; Enter commits and moves down.
    await page.keyboard.type('6');
    await page.keyboard.press('Enter');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('6');
    await poll(focused).toEqual({ row: 'saas-ui-screens', col: 'finals' });
    await page.keyboard.press(`${mod}+z`);
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('1');
  });

  it('turns a budget amber from 80% of its cap and red past it, with the reason on hover', async () => {
    const remaining = cell('ecom-product-pages', 'budgetRemaining');
    const total = roundTrip ? engine(roundTrip).rows[0]?.estimate.totalCost : undefined;
    if (total === undefined) throw new Error('the round-trip test saved the plan');
    // A cap just above the row total (≥ 80% used), then just below it.
    const above = (Number(total) / 1e6 + 0.01).toFixed(2);
    const below = (Number(total) / 1e6 - 0.01).toFixed(2);
    await cell('ecom-product-pages', 'budgetCapUsd').click();
    await page.keyboard.type(above);
    await page.keyboard.press('Enter');
    await poll(() => remaining.getAttribute('class')).toContain('pl-budget-warning');
    await cell('ecom-product-pages', 'budgetCapUsd').click();
    await page.keyboard.type(below);
    await page.keyboard.press('Enter');
    await poll(() => remaining.getAttribute('class')).toContain('pl-budget-over');
    await remaining.hover();
    await poll(() => page.getByRole('tooltip').textContent()).toContain('Over budget: the row costs');
    await page.getByTestId('undo-button').click();
    await page.getByTestId('undo-button').click();
    await poll(() => cell('ecom-product-pages', 'budgetCapUsd').textContent()).toBe('$12.00');
  });

  it('quotes a single size with tokens, cost and cheaper sizes', async () => {
    if (!roundTrip) throw new Error('the round-trip test saved the plan');
    await page.getByTestId('tab-quote').click();
    await page.getByTestId('quote-size').fill('1536x1024');
    await page.getByTestId('quote-quality').selectOption('high');
    await page.getByTestId('quote-n').fill('10');
    const expected = estimateRow(
      blankRow('quote', {
        size: '1536x1024',
        quality: 'high',
        finals: 10,
        iterationFactor: '1',
        nPerRequest: 1,
        promptChars: 0,
      }),
      {
        priceBook: createPriceBook(roundTrip.priceEntries),
        asOf: roundTrip.meta.priceBookAsOf,
      },
    );
    await poll(() => page.getByTestId('quote-total').textContent()).toBe(formatUsd(expected.totalCost));
    expect(await page.getByTestId('quote-result').textContent()).toContain(
      (expected.outputTokensPerFinal ?? 0).toLocaleString('en-US'),
    );
    await page.getByTestId('quote-size').fill('1000x1000');
    await poll(() => page.getByTestId('quote-errors').textContent()).toContain('not a valid size');
  });

  it('draws the charts: cost by campaign, where the money goes, scenario totals', async () => {
    await page.getByTestId('tab-charts').click();
    await poll(() => page.locator('[data-testid="charts-panel"] svg.recharts-surface').count()).toBeGreaterThanOrEqual(
      3,
    );
    expect(await page.getByTestId('charts-panel').textContent()).toContain('Strict baselines');
    expect(app.pageErrors).toEqual([]);
  });
  it('filters rows without losing edits made while filtered', async () => {
    await page.getByTestId('quick-filter').fill('SaaS');
    await poll(() => columnTexts('name')).toEqual(['SaaS landing: hero image', 'SaaS landing: 8 UI screenshots']);
    await cell('saas-hero', 'finals').click();
    await page.keyboard.type('3');
    await page.keyboard.press('Enter');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('3');
    await page.getByTestId('quick-filter').fill('');
    await poll(() => columnTexts('finals')).toEqual(['24', '30', '3', '8']);
    await page.getByTestId('undo-button').click();
    await poll(() => columnTexts('finals')).toEqual(['24', '30', '1', '8']);
  });

  it('answers the Edit menu: fill down, select all, paste from the clipboard, undo', async () => {
    await cell('ecom-product-pages', 'finals').click();
    await cell('ugc-ad-hooks', 'finals').click({ modifiers: ['Shift'] });
    await app.host.sendMenuCommand('edit:fill-down');
    await poll(() => columnTexts('finals')).toEqual(['24', '24', '1', '8']);
    await app.host.sendMenuCommand('edit:undo');
    await poll(() => columnTexts('finals')).toEqual(['24', '30', '1', '8']);
    await app.host.sendMenuCommand('edit:select-all');
    await poll(() => page.getByTestId('selection-summary').textContent()).toMatch(/^4 × \d+ cells selected$/);

    await app.context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: app.host.url });
    await cell('saas-hero', 'finals').click();
    await page.evaluate(`navigator.clipboard.writeText('7\\t2')`);
    await app.host.sendMenuCommand('edit:paste');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('7');
    await poll(() => cell('saas-hero', 'iterationFactor').textContent()).toBe('2 · custom');
    await app.host.sendMenuCommand('edit:undo');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('1');
  });

  it('exports to Excel and imports an edited workbook with a preview, as one undo step', async () => {
    const workbook = path.join(app.workDir, 'plan.xlsx');
    app.host.setNextSavePath(workbook);
    await app.host.sendMenuCommand('file:export-xlsx');
    await poll(() => page.getByTestId('info-message').textContent()).toBe(`Exported to ${workbook}`);
    expect((await stat(workbook)).size).toBeGreaterThan(1000);

    // Change the plan after the export: importing the workbook brings the exported value back.
    await cell('ugc-ad-hooks', 'finals').click();
    await page.keyboard.type('99');
    await page.keyboard.press('Enter');
    await poll(() => cell('ugc-ad-hooks', 'finals').textContent()).toBe('99');
    app.host.setNextOpenPath(workbook);
    await app.host.sendMenuCommand('file:import-xlsx');
    await page.getByTestId('import-dialog').waitFor();
    expect(await page.getByTestId('import-change').allTextContents()).toEqual([
      'UGC ad hooks: 5 concepts x 6 variants: finals 99 → 30',
    ]);
    await page.getByTestId('import-confirm').click();
    await poll(() => cell('ugc-ad-hooks', 'finals').textContent()).toBe('30');
    await page.getByTestId('undo-button').click();
    await poll(() => cell('ugc-ad-hooks', 'finals').textContent()).toBe('99');
    await page.getByTestId('undo-button').click();
    await poll(() => cell('ugc-ad-hooks', 'finals').textContent()).toBe('30');
    expect(app.pageErrors).toEqual([]);
  });
  it('fills one typed value across a selection, and Ctrl+Y redoes after undo', async () => {
    await cell('ecom-product-pages', 'quality').click();
    await cell('saas-ui-screens', 'quality').click({ modifiers: ['Shift'] });
    await page.getByTestId('fill-input').fill('low');
    await page.getByTestId('fill-selection-button').click();
    await poll(() => columnTexts('quality')).toEqual(['low', 'low', 'low', 'low']);
    await cell('ecom-product-pages', 'name').click();
    await page.keyboard.press(`${mod}+z`);
    await poll(() => columnTexts('quality')).toEqual(['high', 'medium', 'high', 'high']);
    await page.keyboard.press(`${mod}+y`);
    await poll(() => columnTexts('quality')).toEqual(['low', 'low', 'low', 'low']);
    await page.keyboard.press(`${mod}+z`);
    await poll(() => columnTexts('quality')).toEqual(['high', 'medium', 'high', 'high']);
  });
  it('picks quality from a list of the row model’s own qualities', async () => {
    await cell('saas-hero', 'quality').dblclick();
    const editor = page.getByTestId('choice-editor');
    await editor.waitFor();
    expect(await editor.getByRole('option').allTextContents()).toEqual(['low', 'medium', 'high', 'auto']);
    await editor.getByRole('option', { name: 'medium' }).click();
    await poll(() => cell('saas-hero', 'quality').textContent()).toBe('medium');
    await page.getByTestId('undo-button').click();
    await poll(() => cell('saas-hero', 'quality').textContent()).toBe('high');
  });

  it('prices a row on a reseller’s per-image table added to the plan', async () => {
    await page.getByTestId('tab-prices').click();
    await page.getByTestId('add-reseller').click();
    await page.getByTestId('per-image-table').fill('* * 0.05');
    await page.getByTestId('entry-preview').click();
    await page.getByTestId('reprice-dialog').waitFor();
    await page.getByTestId('reprice-apply').click();
    await poll(() => page.getByTestId('price-entries').textContent()).toContain('per image: * * $0.05');
    // The hero row moves to the reseller surface: 1 final × 2.5 generations × $0.05.
    await cell('saas-hero', 'surface').click();
    await pasteText('reseller');
    await poll(() => cell('saas-hero', 'surface').textContent()).toBe('reseller');
    await poll(() => cell('saas-hero', 'rowTotal').textContent()).toBe('$0.13');
    await cell('saas-hero', 'rowTotal').hover();
    await poll(() => page.getByRole('tooltip').textContent()).toContain('2.5 generations × $0.05 = $0.125');
    await page.getByTestId('undo-button').click();
    await page.getByTestId('undo-button').click();
    await poll(() => page.getByTestId('price-entries').textContent()).not.toContain('per image: * * $0.05');
  });
  it('groups rows by team with a subtotal after each group, kept through sorting and edits', async () => {
    await page.getByTestId('group-by').selectOption('team');
    await poll(() => columnTexts('name')).toEqual([
      'Product page drop: 12 SKUs x 2 angles',
      'Subtotal Ecommerce · 1 row',
      'UGC ad hooks: 5 concepts x 6 variants',
      'Subtotal Growth · 1 row',
      'SaaS landing: hero image',
      'SaaS landing: 8 UI screenshots',
      'Subtotal Product marketing · 2 rows',
    ]);
    const totals = await columnTexts('rowTotal');
    const base = engine(roundTrip ?? SAMPLE);
    expect(totals[6]).toBe(
      formatUsd((base.rows[2]?.estimate.totalCost ?? 0) + (base.rows[3]?.estimate.totalCost ?? 0)),
    );
    // Sorting by row total sorts within the groups; the subtotals stay last in each group.
    await page.locator('.ag-header-cell[col-id="rowTotal"] .ag-header-cell-label').click();
    await poll(async () => (await columnTexts('name')).slice(4)).toEqual([
      'SaaS landing: hero image',
      'SaaS landing: 8 UI screenshots',
      'Subtotal Product marketing · 2 rows',
    ]);
    await page.locator('.ag-header-cell[col-id="rowTotal"] .ag-header-cell-label').click();
    await poll(async () => (await columnTexts('name')).slice(4)).toEqual([
      'SaaS landing: 8 UI screenshots',
      'SaaS landing: hero image',
      'Subtotal Product marketing · 2 rows',
    ]);
    await page.locator('.ag-header-cell[col-id="rowTotal"] .ag-header-cell-label').click();
    // An edit updates its group's subtotal; a subtotal row cannot be typed over.
    await cell('saas-hero', 'finals').click();
    await page.keyboard.type('2');
    await page.keyboard.press('Enter');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('2');
    await poll(async () => (await columnTexts('rowTotal'))[6]).not.toBe(totals[6]);
    await page.getByTestId('undo-button').click();
    await poll(async () => (await columnTexts('rowTotal'))[6]).toBe(totals[6]);
    await page.getByTestId('group-by').selectOption('none');
    await poll(() => columnTexts('name')).toEqual(SAMPLE.rows.map((r) => r.name));
  });
  it('fills what is typed into every selected cell with Ctrl/Cmd+Enter, as one undo step', async () => {
    await cell('ecom-product-pages', 'finals').click();
    await cell('saas-ui-screens', 'finals').click({ modifiers: ['Shift'] });
    // As a user would: type once the selection shows (the grid re-renders after the test before regroups it).
    await poll(() => page.getByTestId('selection-summary').textContent()).toBe('4 × 1 cells selected');
    await page.keyboard.type('5*3');
    // As a user would: Ctrl/Cmd+Enter once the typed text shows in the cell being edited.
    const editor = page.locator('.ag-cell-inline-editing input');
    await poll(() => editor.inputValue()).toBe('5*3');
    await page.keyboard.press(`${mod}+Enter`);
    await poll(() => columnTexts('finals')).toEqual(['15', '15', '15', '15']);
    await page.getByTestId('undo-button').click();
    await poll(() => columnTexts('finals')).toEqual(['24', '30', '1', '8']);
  });
  it('reorders rows by dragging one onto another, as one undo step', async () => {
    // The handle shows on the row under the mouse.
    await cell('saas-ui-screens', 'name').hover();
    const handle = page.locator('.ag-row:not(.ag-row-pinned)[row-id="saas-ui-screens"] .ag-drag-handle');
    const target = cell('ugc-ad-hooks', 'name');
    const from = await handle.boundingBox();
    const to = await target.boundingBox();
    if (!from || !to) throw new Error('the rows are on screen');
    await page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await page.mouse.down();
    await page.mouse.move(from.x + from.width / 2, from.y - 10, { steps: 5 });
    await page.mouse.move(to.x + 20, to.y + to.height / 2, { steps: 10 });
    await page.mouse.up();
    await poll(() => columnTexts('name')).toEqual([
      'Product page drop: 12 SKUs x 2 angles',
      'SaaS landing: 8 UI screenshots',
      'UGC ad hooks: 5 concepts x 6 variants',
      'SaaS landing: hero image',
    ]);
    await page.getByTestId('undo-button').click();
    await poll(() => columnTexts('name')).toEqual(SAMPLE.rows.map((r) => r.name));
  });
});

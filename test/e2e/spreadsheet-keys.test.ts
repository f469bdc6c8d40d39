import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { formatUsd } from '../../shared/money/format';
import { blankPlan, blankRow } from '../../shared/plan/new-plan';
import { serializePlan } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { todayUtc } from '../../shared/today';
import {
  activeElementName,
  focusGridCell,
  focusedCell,
  gridCell,
  gridColumnTexts,
  gridRowIds,
  pasteInto,
} from './support/grid-page';
import { startApp, type RunningApp } from './support/harness';

/**
 * Paste, type and move as in a spreadsheet (issue 9 §2), in real Chromium through the browser host: a
 * pasted block that adds rows (into a 1-row and an empty plan), a block wider than the inputs, typing into
 * list cells, Enter on the last row, Tab across rows, Ctrl/Cmd+F6 between the grid, toolbar and panels,
 * Add row's cursor, and a plan built with the keyboard alone.
 */

let app: RunningApp;
let page: Page;

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000, interval: 50 });
}

function cell(rowId: string, colId: string): Locator {
  return gridCell(page, rowId, colId);
}

const mod = process.platform === 'darwin' ? 'Meta' : 'Control';
const TODAY = todayUtc(new Date());

/** Opens `doc` through File › Open (the host answers the dialog with a file written for the test). */
async function openPlan(doc: PlanDocument, name: string): Promise<void> {
  const file = path.join(app.workDir, name);
  await writeFile(file, serializePlan(doc));
  app.host.setNextOpenPath(file);
  await page.getByTestId('open-button').click();
  if (await page.getByTestId('unsaved-dialog').count()) await page.getByTestId('unsaved-discard').click();
  await poll(() => page.title()).toBe(`${name} — Pixel Ledger`);
}

/** The plan the page shows, as the engine prices it: read back through Save As. */
async function savedPlan(name: string): Promise<PlanDocument> {
  const file = path.join(app.workDir, name);
  app.host.setNextSavePath(file);
  await page.getByTestId('save-as-button').click();
  await poll(() => page.title()).toBe(`${name} — Pixel Ledger`);
  const { readFile } = await import('node:fs/promises');
  const { parsePlanText } = await import('../../shared/plan/plan-document');
  const parsed = parsePlanText(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

/**
 * Types into the cell under the cursor and waits, as a user would, until the text shows in its editor
 * (a list or size editor opens a moment after the first key) before the next key commits it.
 */
async function typeIntoCell(text: string): Promise<void> {
  await page.keyboard.type(text);
  await poll(() =>
    page.evaluate('document.activeElement instanceof HTMLInputElement ? document.activeElement.value : ""'),
  ).toBe(text);
}

function engineTotal(doc: PlanDocument): string {
  const result = estimatePlan(doc);
  if (!result.ok) throw new Error(result.error);
  return formatUsd(result.value.totals.totalCost);
}

const ONE_ROW: PlanDocument = {
  ...blankPlan(TODAY, 'One row'),
  rows: [blankRow('only', { name: 'Only line', team: 'Brand', assetType: 'Banner', finals: 4 })],
};

/** A 5×4 block as Excel puts it on the clipboard: campaign, team, asset type, model. */
const BLOCK_5x4 = [
  'Spring hero\tBrand\tHero\tgpt-image-2',
  'Spring banners\tBrand\tBanner\tgpt-image-1',
  'Summer hero\tGrowth\tHero\tgpt-image-2',
  'Summer social\tGrowth\tSocial\tgpt-image-1.5',
  'Autumn hero\tProduct\tHero\tgpt-image-2',
].join('\r\n');

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1400, height: 900 } });
  page = app.page;
  await cell('ecom-product-pages', 'finals').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe('paste that grows the plan', () => {
  it('a 5×4 block pasted into a 1-row plan fills the row and adds four, as one undo step', async () => {
    await openPlan(ONE_ROW, 'one-row.pxplan');
    await cell('only', 'name').click();
    await pasteInto(page, BLOCK_5x4);
    await poll(() => gridColumnTexts(page, 'name')).toEqual([
      'Spring hero',
      'Spring banners',
      'Summer hero',
      'Summer social',
      'Autumn hero',
    ]);
    expect(await gridColumnTexts(page, 'team')).toEqual(['Brand', 'Brand', 'Growth', 'Growth', 'Product']);
    expect(await gridColumnTexts(page, 'model')).toEqual([
      'gpt-image-2',
      'gpt-image-1',
      'gpt-image-2',
      'gpt-image-1.5',
      'gpt-image-2',
    ]);
    // New rows start from a new row's defaults and get fresh ids.
    const ids = await gridRowIds(page);
    expect(ids[0]).toBe('only');
    expect(new Set(ids).size).toBe(5);
    expect((await gridColumnTexts(page, 'finals')).slice(1)).toEqual(['10', '10', '10', '10']);
    expect(await page.getByTestId('paste-report').textContent()).toContain('4 rows added');
    const saved = await savedPlan('grown.pxplan');
    await poll(() => page.getByTestId('total-cost').textContent()).toBe(engineTotal(saved));
    await page.keyboard.press(`${mod}+z`);
    await poll(() => gridColumnTexts(page, 'name')).toEqual(['Only line']);
  });

  it('the same block pasted into an empty plan becomes its first five rows', async () => {
    await page.getByTestId('new-button').click();
    if (await page.getByTestId('unsaved-dialog').count()) await page.getByTestId('unsaved-discard').click();
    const empty = page.getByTestId('empty-plan');
    await empty.waitFor();
    expect(await empty.textContent()).toContain('This plan has no rows yet');
    expect(await page.locator('.ag-overlay-no-rows-center').count()).toBe(0);
    await empty.click();
    await pasteInto(page, BLOCK_5x4);
    await poll(() => gridColumnTexts(page, 'name')).toHaveLength(5);
    expect(await gridColumnTexts(page, 'assetType')).toEqual(['Hero', 'Banner', 'Hero', 'Social', 'Hero']);
    expect(await page.getByTestId('empty-plan').count()).toBe(0);
    expect(await page.getByTestId('undo-button').getAttribute('title')).toBe('Undo Paste');
    await page.getByTestId('undo-button').click();
    await poll(() => gridColumnTexts(page, 'name')).toEqual([]);
    await page.getByTestId('empty-plan').waitFor();
  });

  it('a block wider than the inputs reports the columns left out', async () => {
    await openPlan(ONE_ROW, 'one-row-b.pxplan');
    await cell('only', 'partialImages')
      .scrollIntoViewIfNeeded()
      .catch(() => undefined);
    await cell('only', 'finals').click();
    // From Finals to the right: many more cells than the inputs after it.
    const wide = Array.from({ length: 40 }, (_, i) => (i === 0 ? '7' : 'x')).join('\t');
    await pasteInto(page, wide);
    const report = page.getByTestId('paste-report');
    await poll(() => report.textContent()).toMatch(/block columns? left out/);
    const problems = await page.getByTestId('paste-problem').allTextContents();
    expect(problems.some((p) => /^Block columns \d+–40: beyond .*left out/.test(p))).toBe(true);
    await poll(() => cell('only', 'finals').textContent()).toBe('7');
  });
});

describe('typing into list cells', () => {
  it.each([
    ['model', 'gpt-image-1.5', 'gpt-image-1.5'],
    ['surface', 'bat', 'batch'],
    ['quality', 'h', 'high'],
    ['draftQuality', 'lo', 'low'],
    ['iterationFactor', 'scr', '2.5 · scratch'],
  ])('typing into %s opens its list filtered by "%s"; Enter picks %s', async (colId, typed, shown) => {
    await focusGridCell(page, 'only', colId);
    await page.keyboard.type(typed);
    const editor = page.getByTestId('choice-editor');
    await editor.waitFor();
    expect((await editor.getByRole('option').allTextContents()).length).toBeGreaterThan(0);
    await page.keyboard.press('Enter');
    await poll(() => cell('only', colId).textContent()).toBe(shown);
    expect(await editor.count()).toBe(0);
  });

  it('the preset picker moves on arrow keys and commits on Enter', async () => {
    await cell('only', 'iterationFactor').click();
    await page.keyboard.press('F2');
    const editor = page.getByTestId('choice-editor');
    await editor.waitFor();
    expect(await editor.getByRole('option', { selected: true }).textContent()).toBe('2.5 · From scratch');
    await page.keyboard.press('ArrowUp');
    await page.keyboard.press('ArrowUp');
    // Arrows move the highlight only: nothing is committed yet.
    expect(await cell('only', 'iterationFactor').textContent()).toBe('2.5 · scratch');
    await page.keyboard.press('Enter');
    await poll(() => cell('only', 'iterationFactor').textContent()).toBe('1.2 · strict');
  });

  it('a typed number that is no preset stays a custom factor', async () => {
    await cell('only', 'iterationFactor').click();
    await page.keyboard.type('1.4');
    await page.getByTestId('choice-editor').waitFor();
    await page.keyboard.press('Enter');
    await poll(() => cell('only', 'iterationFactor').textContent()).toBe('1.4 · custom');
  });
});

describe('moving with the keyboard', () => {
  it('Enter on the last row stays in the data, never in the totals row', async () => {
    await cell('only', 'finals').click();
    await page.keyboard.type('12');
    await page.keyboard.press('Enter');
    await poll(() => cell('only', 'finals').textContent()).toBe('12');
    expect(await focusedCell(page)).toEqual({ row: 'only', col: 'finals' });
    await page.keyboard.press('Enter');
    expect(await focusedCell(page)).toEqual({ row: 'only', col: 'finals' });
    expect(await page.locator('.ag-row-pinned .ag-cell-focus').count()).toBe(0);
  });

  it('Tab at the end of a row goes to the next row’s first input; after the last row it adds one', async () => {
    await openPlan(
      { ...ONE_ROW, rows: [...ONE_ROW.rows, blankRow('second', { name: 'Second line' })] },
      'two-rows.pxplan',
    );
    await focusGridCell(page, 'only', 'notes');
    await page.keyboard.press('Tab');
    await poll(() => focusedCell(page)).toEqual({ row: 'second', col: 'name' });
    await page.keyboard.press('Shift+Tab');
    await poll(() => focusedCell(page)).toEqual({ row: 'only', col: 'notes' });
    await focusGridCell(page, 'second', 'notes');
    await page.keyboard.press('Tab');
    // Tab after the last input of the last row: a new row, the cursor in its first cell.
    await poll(() => gridRowIds(page)).toHaveLength(3);
    const added = (await gridRowIds(page))[2];
    await poll(() => focusedCell(page)).toEqual({ row: added, col: 'name' });
    await page.keyboard.press(`${mod}+z`);
    await poll(() => gridRowIds(page)).toHaveLength(2);
  });

  it('Add row puts the cursor in the new row’s first cell', async () => {
    await page.getByTestId('add-row-button').click();
    await poll(() => gridRowIds(page)).toHaveLength(3);
    const added = (await gridRowIds(page))[2];
    await poll(() => focusedCell(page)).toEqual({ row: added, col: 'name' });
    await page.keyboard.type('Typed after Add row');
    await page.keyboard.press('Enter');
    await poll(() => gridColumnTexts(page, 'name')).toContain('Typed after Add row');
  });

  it('Ctrl/Cmd+F6 cycles the focus between the grid, the toolbar and the panels, and back', async () => {
    await focusGridCell(page, 'only', 'finals');
    await page.keyboard.press(`${mod}+F6`);
    // The toolbar gets back the button it had: Add row, pressed in the test before.
    await poll(() => activeElementName(page)).toBe('add-row-button');
    await page.keyboard.press(`${mod}+F6`);
    await poll(() => activeElementName(page)).toBe('tab-subtotals');
    await page.keyboard.press(`${mod}+F6`);
    await poll(() => focusedCell(page)).toEqual({ row: 'only', col: 'finals' });
    await poll(() => activeElementName(page)).toBe('gridcell');
    await page.keyboard.press(`${mod}+Shift+F6`);
    await poll(() => activeElementName(page)).toBe('tab-subtotals');
    await page.keyboard.press(`${mod}+Shift+F6`);
    await poll(() => activeElementName(page)).toBe('add-row-button');
    await page.keyboard.press(`${mod}+Shift+F6`);
    await poll(() => activeElementName(page)).toBe('gridcell');
  });

  it('the keyboard help lists the shortcuts (Help menu, toolbar button, Ctrl/Cmd+/)', async () => {
    const help = page.getByTestId('keyboard-help');
    await app.host.sendMenuCommand('help:keyboard-shortcuts');
    await help.waitFor();
    expect(await help.textContent()).toContain('Ctrl/Cmd+F6');
    await help.getByRole('button', { name: 'Close' }).click();
    await page.getByTestId('keyboard-help-button').click();
    await help.waitFor();
    await page.keyboard.press('Escape');
    await poll(() => help.count()).toBe(0);
    await focusGridCell(page, 'only', 'finals');
    await page.keyboard.press(`${mod}+/`);
    await help.waitFor();
    await page.keyboard.press('Escape');
  });
});

describe('a plan built with the keyboard alone', () => {
  it('New, Add row from the toolbar, typing, Tab and list cells: the totals match the engine', async () => {
    await page.getByTestId('new-button').focus();
    await page.keyboard.press('Enter');
    if (await page.getByTestId('unsaved-dialog').count()) {
      await page.getByTestId('unsaved-discard').focus();
      await page.keyboard.press('Enter');
    }
    await page.getByTestId('empty-plan').waitFor();
    // From the toolbar, Shift+Ctrl/Cmd+F6 goes back to the grid: the empty plan's "Add the first row".
    await page.keyboard.press(`${mod}+Shift+F6`);
    await poll(() => activeElementName(page)).toBe('add-first-row');
    await page.keyboard.press('Enter');
    await poll(() => gridRowIds(page)).toHaveLength(1);
    const first = (await gridRowIds(page))[0] ?? '';
    await poll(() => focusedCell(page)).toEqual({ row: first, col: 'name' });
    for (const [text, key] of [
      ['Launch hero', 'Tab'],
      ['Brand', 'Tab'],
      ['Hero', 'Tab'],
      ['gpt-image-1', 'Tab'],
      ['api', 'Tab'],
      ['1536x1024', 'Tab'],
      ['high', 'Tab'],
      ['6', 'Tab'],
      ['strict', 'Tab'],
    ] as const) {
      await typeIntoCell(text);
      await page.keyboard.press(key);
    }
    await poll(() => cell(first, 'model').textContent()).toBe('gpt-image-1');
    await poll(() => cell(first, 'quality').textContent()).toBe('high');
    await poll(() => cell(first, 'finals').textContent()).toBe('6');
    await poll(() => cell(first, 'iterationFactor').textContent()).toBe('1.2 · strict');
    // Second row: Ctrl/Cmd+F6 to the toolbar, Tab along to Add row, Enter.
    await page.keyboard.press(`${mod}+F6`);
    for (let i = 0; i < 30 && (await activeElementName(page)) !== 'add-row-button'; i++)
      await page.keyboard.press('Tab');
    expect(await activeElementName(page)).toBe('add-row-button');
    await page.keyboard.press('Enter');
    await poll(() => gridRowIds(page)).toHaveLength(2);
    const second = (await gridRowIds(page))[1] ?? '';
    await poll(() => focusedCell(page)).toEqual({ row: second, col: 'name' });
    await typeIntoCell('Launch banners');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    await typeIntoCell('3:2');
    await page.keyboard.press('Enter');
    await poll(() => cell(second, 'size').textContent()).toBe('1536x1024');
    const saved = await savedPlan('keyboard-built.pxplan');
    expect(saved.rows.map((r) => r.name)).toEqual(['Launch hero', 'Launch banners']);
    expect(saved.rows[0]).toMatchObject({ team: 'Brand', assetType: 'Hero', size: '1536x1024', finals: 6 });
    await poll(() => page.getByTestId('total-cost').textContent()).toBe(engineTotal(saved));
    expect(app.pageErrors).toEqual([]);
  });
});

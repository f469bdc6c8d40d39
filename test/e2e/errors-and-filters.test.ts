import { openPlanInApp } from './support/open-plan';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { formatUsd, microToDecimalString } from '../../shared/money/format';
import { blankPlan, blankRow } from '../../shared/plan/new-plan';
import { parsePlanText } from '../../shared/plan/plan-document';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { focusGridCell, gridCell, gridColumnTexts } from './support/grid-page';
import { startApp, type RunningApp } from './support/harness';

/**
 * Errors and filters can't hide money (issue 9 §3), in real Chromium through the browser host: an
 * unpriceable row says why in the row, totals count the rows left out, the model list sets shut-down
 * models apart, a model switch maps size and quality and says so, a filter shows its rows' totals beside
 * the plan's, and a reseller entry says which rows it prices and switches the chosen ones.
 */

let app: RunningApp;
let page: Page;

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000, interval: 50 });
}

const AS_OF = '2026-11-28';
const PLAN: PlanDocument = {
  ...blankPlan(AS_OF, 'Errors and filters'),
  rows: [
    blankRow('hero', { name: 'Hero shots', team: 'Brand', size: '1536x864', quality: 'high', finals: 12 }),
    blankRow('credits', { name: 'Credit banners', team: 'Growth', surface: 'credits', finals: 40 }),
    blankRow('social', { name: 'Social posts', team: 'Growth', size: '1024x1024', quality: 'low', finals: 60 }),
    blankRow('docs', { name: 'Docs screenshots', team: 'Product', finals: 8 }),
    blankRow('flare', { name: 'Flare tests', team: 'Product', model: 'gpt-image-2.5-flare', quality: 'xhigh' }),
  ],
};

function engine(doc: PlanDocument) {
  const result = estimatePlan(doc);
  if (!result.ok) throw new Error(result.error);
  return result.value;
}

function openPlan(doc: PlanDocument, name: string): Promise<void> {
  return openPlanInApp(app, doc, name);
}

async function savedPlan(name: string): Promise<PlanDocument> {
  const file = path.join(app.workDir, name);
  app.host.setNextSavePath(file);
  await page.getByTestId('save-as-button').click();
  await poll(() => page.title()).toBe(`${name} — Pixel Ledger`);
  const parsed = parsePlanText(await readFile(file, 'utf8'));
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.value;
}

const totalText = () => page.getByTestId('total-cost').textContent();

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1400, height: 900 } });
  page = app.page;
  await page.locator('.ag-row[row-index="0"]').first().waitFor();
  await openPlan(PLAN, 'errors.pxplan');
});

afterAll(async () => {
  await app?.close();
});

describe('errors can’t hide money', () => {
  const start = engine(PLAN);

  it('an unpriceable row says why in the row itself; the totals say how many rows they leave out', async () => {
    const reason = gridCell(page, 'credits', 'rowIssue');
    await poll(() => reason.textContent()).toMatch(/^⚠ no price for gpt-image-2 on the credits surface/);
    expect(await page.locator('.ag-header-cell[col-id="rowIssue"]').textContent()).toContain('Not priced because');
    expect(await gridCell(page, 'hero', 'rowIssue').textContent()).toBe('');
    expect(await gridCell(page, 'credits', 'rowTotal').textContent()).toBe('not priced');
    await poll(() => totalText()).toBe(formatUsd(start.totals.totalCost));
    expect(await page.getByTestId('unpriced-count').textContent()).toBe(' · 1 row not priced');
    expect(await page.locator('.ag-row-pinned .ag-cell[col-id="name"]').textContent()).toBe(
      'Total · 5 rows · 1 row not priced',
    );
  });

  it('a plan whose rows all errored never shows a bare $0.00', async () => {
    const allCredits = { ...PLAN, rows: PLAN.rows.map((r) => ({ ...r, surface: 'credits' as const })) };
    await openPlan(allCredits, 'all-errors.pxplan');
    await poll(() => page.getByTestId('unpriced-count').textContent()).toBe(' · 5 rows not priced');
    expect(await page.locator('.pl-status-total').textContent()).toBe('Total $0.00 · 5 rows not priced');
    await openPlan(PLAN, 'errors.pxplan');
    // Fixing the row takes the column away again.
    await focusGridCell(page, 'credits', 'surface');
    await page.keyboard.type('api');
    await page.getByTestId('choice-editor').waitFor();
    await page.keyboard.press('Enter');
    await poll(() => page.locator('.ag-header-cell[col-id="rowIssue"]').count()).toBe(0);
    expect(await page.getByTestId('unpriced-count').count()).toBe(0);
    await page.getByTestId('undo-button').click();
    await poll(() => page.getByTestId('unpriced-count').count()).toBe(1);
  });

  it('the model list sets the models shut down at the plan’s date apart, with the day', async () => {
    await focusGridCell(page, 'hero', 'model');
    await page.keyboard.press('F2');
    const editor = page.getByTestId('choice-editor');
    await editor.waitFor();
    expect(await editor.locator('.pl-choice-group').allTextContents()).toEqual([
      `Models for ${AS_OF}`,
      `Shut down by ${AS_OF}: pricing history only`,
    ]);
    const options = await editor.getByRole('option').allTextContents();
    expect(options).toContain('dall-e-3 · DALL·E 3 (historical) · shut down 2026-05-12');
    expect(options.indexOf('gpt-image-2 · GPT Image 2')).toBeLessThan(
      options.indexOf('dall-e-3 · DALL·E 3 (historical) · shut down 2026-05-12'),
    );
    await page.keyboard.press('Escape');
  });

  it('switching a row’s model maps size and quality to the nearest it offers and says what changed', async () => {
    await focusGridCell(page, 'hero', 'model');
    await page.keyboard.type('dall-e-3');
    await page.getByTestId('choice-editor').waitFor();
    await page.keyboard.press('Enter');
    await poll(() => gridCell(page, 'hero', 'model').textContent()).toBe('dall-e-3');
    await poll(() => gridCell(page, 'hero', 'size').textContent()).toBe('1792x1024');
    expect(await gridCell(page, 'hero', 'quality').textContent()).toBe('hd');
    const notice = await page.getByTestId('info-message').textContent();
    expect(notice).toContain('Size 1536x864 → 1792x1024');
    expect(notice).toContain('Quality high → hd');
    expect(notice).toContain('dall-e-3 was shut down on 2026-05-12');
    // One undo step takes model, size and quality back together.
    await page.getByTestId('undo-button').click();
    await poll(() => gridCell(page, 'hero', 'model').textContent()).toBe('gpt-image-2');
    expect(await gridCell(page, 'hero', 'size').textContent()).toBe('1536x864');
    expect(await gridCell(page, 'hero', 'quality').textContent()).toBe('high');
  });
});

describe('filters can’t hide money', () => {
  const start = engine(PLAN);
  const growthMicro = start.rows
    .filter((r) => r.row.team === 'Growth' && r.estimate.ok)
    .reduce((sum, r) => sum + (r.estimate.ok ? r.estimate.totalCost : 0), 0);

  it('a quick filter shows "Showing 2 of 5 rows" and their total beside the plan total', async () => {
    await page.getByTestId('quick-filter').fill('Growth');
    await poll(() => gridColumnTexts(page, 'name')).toEqual(['Credit banners', 'Social posts']);
    const shown = page.getByTestId('shown-rows');
    await poll(() => shown.textContent()).toBe(`Showing 2 of 5 rows: ${formatUsd(growthMicro)} (1 row not priced)`);
    expect(await page.getByTestId('shown-total').getAttribute('data-micro')).toBe(microToDecimalString(growthMicro));
    expect(await totalText()).toBe(formatUsd(start.totals.totalCost));
    await page.getByTestId('quick-filter').fill('nothing like this');
    await poll(() => page.getByTestId('no-matching-rows').textContent()).toBe(
      'No row matches the filter: clear it to see all 5 rows.',
    );
    await page.getByTestId('quick-filter').fill('');
    await poll(() => shown.count()).toBe(0);
  });

  it("the quick filter reads an edited row's new text, not what it kept of the row before", async () => {
    await page.getByTestId('quick-filter').fill('Growth');
    await poll(() => gridColumnTexts(page, 'name')).toEqual(['Credit banners', 'Social posts']);
    await page.getByTestId('quick-filter').fill('');
    await gridCell(page, 'docs', 'team').click();
    await page.keyboard.type('Growth');
    await page.keyboard.press('Enter');
    await poll(() => gridCell(page, 'docs', 'team').textContent()).toBe('Growth');
    await page.getByTestId('quick-filter').fill('Growth');
    await poll(() => gridColumnTexts(page, 'name')).toEqual(['Credit banners', 'Social posts', 'Docs screenshots']);
    await page.getByTestId('quick-filter').fill('');
    await page.getByTestId('undo-button').click();
    await poll(() => gridCell(page, 'docs', 'team').textContent()).toBe('Product');
  });

  it('a column filter does the same', async () => {
    await page.locator('.ag-header-cell[col-id="team"] .ag-header-cell-filter-button').click();
    const input = page.locator('.ag-filter input[type="text"]').first();
    await input.fill('Growth');
    await poll(() => page.getByTestId('shown-rows').textContent()).toContain('Showing 2 of 5 rows');
    await input.fill('');
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('shown-rows').count()).toBe(0);
  });
});

describe('a credits rate or reseller price says which rows it prices', () => {
  it('offers to switch chosen rows to it, previews their new cost, and applies as one undo step', async () => {
    await page.getByTestId('tab-prices').click();
    await page.getByTestId('add-credits').click();
    await poll(() => page.getByTestId('entry-applies').textContent()).toBe(
      'Applies to 1 row billed “credits” on gpt-image-2: Credit banners.',
    );
    await page.getByTestId('price-entry-form').getByLabel('Markup').fill('1.5');
    const boxes = page.getByTestId('entry-row-switch');
    const ids = await Promise.all((await boxes.all()).map((box) => box.getAttribute('data-row-id')));
    expect(ids).toEqual(['hero', 'social', 'docs']);
    await page.locator('[data-testid="entry-row-switch"][data-row-id="social"]').check();
    await page.locator('[data-testid="entry-row-switch"][data-row-id="docs"]').check();
    await page.getByTestId('entry-preview').click();
    await page.getByTestId('reprice-dialog').waitFor();
    expect(await page.getByTestId('reprice-entry-use').textContent()).toBe(
      'plan/credits-1 prices 3 rows billed “credits” on gpt-image-2 (2 rows switched with it).',
    );
    // The switched rows cost 1.5 × their token price: the preview shows it, not $0.00 everywhere.
    const changed = page.locator('[data-testid="reprice-preview-table"] tbody tr.changed');
    expect(await changed.count()).toBe(2);
    // Credit banners was not priced before the credits rate: the totals are not compared, the rows priced
    // on both sides are (the two switched rows cost more), and the newly priced row is shown apart.
    expect(await page.getByTestId('reprice-preview-table-delta').textContent()).toBe('—');
    const both = page.locator('[data-testid="reprice-preview-table-both"] td');
    expect(await both.nth(3).textContent()).toMatch(/^\+\$\d/);
    expect(await page.getByTestId('reprice-preview-table-only-after').textContent()).toMatch(
      /^Not priced on Now: 1 row/,
    );
    await page.getByTestId('reprice-apply').click();
    await poll(() => gridColumnTexts(page, 'surface')).toEqual(['api', 'credits', 'credits', 'credits', 'api']);
    await poll(() => page.getByTestId('unpriced-count').count()).toBe(0);
    const saved = await savedPlan('credits.pxplan');
    const priced = engine(saved);
    expect(formatUsd(priced.totals.totalCost)).toBe(await totalText());
    expect(await gridCell(page, 'social', 'rowTotal').textContent()).toBe(
      formatUsd(priced.rows.find((r) => r.row.id === 'social')?.estimate.totalCost ?? -1),
    );
    expect(await page.getByTestId('undo-button').getAttribute('title')).toBe(
      'Undo Add price entry plan/credits-1 and switch 2 rows',
    );
    await page.getByTestId('undo-button').click();
    await poll(() => gridColumnTexts(page, 'surface')).toEqual(['api', 'credits', 'api', 'api', 'api']);
    await poll(() => page.getByTestId('price-entries').textContent()).not.toContain('plan/credits-1');
  });

  it('with no row on the reseller surface, the preview says why nothing changes', async () => {
    await page.getByTestId('add-reseller').click();
    await poll(() => page.getByTestId('entry-applies').textContent()).toBe(
      'No row is billed “reseller” on gpt-image-2 yet: the entry prices nothing until rows use it.',
    );
    await page.getByTestId('entry-preview').click();
    await poll(() => page.getByTestId('reprice-entry-use').textContent()).toMatch(
      /^No row is billed “reseller” on gpt-image-2, so no amount changes/,
    );
    expect(await page.getByTestId('reprice-no-change').textContent()).toBe('No row’s cost changes.');
    await page.getByTestId('reprice-cancel').click();
    expect(app.pageErrors).toEqual([]);
  });
});

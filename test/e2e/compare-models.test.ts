import { openPlanInApp } from './support/open-plan';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { modelScenario } from '../../shared/estimate/model-scenario';
import { formatUsd } from '../../shared/money/format';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { createPriceBook } from '../../shared/pricing/price-book';
import { hasTool } from '../support/tools';
import { startApp, type RunningApp } from './support/harness';

/**
 * A comparison users can act on (issue 15), in real Chromium: the Quote panel prices one request on every
 * model, cheapest first; "price this plan on model X" makes a scenario with each mapping listed, compared
 * with the base plan in the existing compare; the price book shows each entry's age and flags old checks.
 */

let app: RunningApp;
let page: Page;
const AS_OF = '2026-11-28';
const PLAN = createSamplePlan(AS_OF);

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

function openPlan(doc: PlanDocument, name: string): Promise<void> {
  return openPlanInApp(app, doc, name);
}

const dollars = (text: string) => Number(text.replace(/[$,]/g, ''));

beforeAll(async () => {
  app = await startApp({ viewport: { width: 1400, height: 1100 } });
  page = app.page;
  await page.locator('.ag-row[row-index="0"]').first().waitFor();
  await openPlan(PLAN, 'sample.pxplan');
});

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasTool('chromium'))('comparing models (issue 15)', () => {
  it('prices the quote’s request on every model, cheapest first, with the entry used', async () => {
    await page.getByTestId('tab-quote').click();
    await page.getByTestId('quote-compare-toggle').click();
    const table = page.getByTestId('quote-compare');
    await table.waitFor();
    const prices = (await table.locator('tbody tr td:nth-child(6)').allTextContents()).map(dollars);
    expect(prices.length).toBeGreaterThan(3);
    expect([...prices].sort((a, b) => a - b)).toEqual(prices);
    const gpt = table.locator('tbody tr[data-model="gpt-image-2"]').first();
    expect(await gpt.locator('td:nth-child(7)').textContent()).toMatch(/gpt-image-2/);
    expect(await table.textContent()).toContain('(nearest)');
  });

  it('prices the plan on another model as a scenario, lists what was mapped, and compares it with the base', async () => {
    await page.getByTestId('tab-scenarios').click();
    await page.getByTestId('price-on-model').selectOption('gpt-image-1.5');
    await page.getByTestId('price-on-model-make').click();
    const mappings = page.getByTestId('price-on-model-mappings');
    // One line per change made alike: two rows of different sizes both mapped to 1024x1536 are one.
    await poll(() => mappings.locator('li').allTextContents()).toEqual([
      '2 rows (rows 1, 2): Size → 1024x1536: the nearest gpt-image-1.5 offers (1024x1024, 1024x1536, 1536x1024)',
      '2 rows (rows 3, 4): Size 1536x864 → 1536x1024: the nearest gpt-image-1.5 offers (1024x1024, 1024x1536, 1536x1024)',
    ]);
    await poll(() => page.getByTestId('scenario-select').inputValue()).not.toBe('');

    const made = modelScenario(PLAN.rows, 'gpt-image-1.5', createPriceBook(PLAN.priceEntries), AS_OF);
    if (!made.ok) throw new Error(made.error);
    const scenario = { id: 'x', name: made.value.name, description: '', overrides: [...made.value.overrides] };
    const engine = estimatePlan({ ...PLAN, scenarios: [scenario] }, { scenario: 'x' });
    if (!engine.ok) throw new Error(engine.error);
    await page.getByTestId('compare-left').selectOption('');
    await page.getByTestId('compare-right').selectOption({ label: 'On gpt-image-1.5' });
    await poll(() => page.getByTestId('scenario-compare-after-total').textContent()).toBe(
      formatUsd(engine.value.totals.totalCost),
    );
    await page.getByTestId('undo-button').click();
  });

  it('shows each price entry’s age and flags sources checked more than 90 days before the as-of date', async () => {
    await page.getByTestId('tab-prices').click();
    const ages = page.getByTestId('entry-freshness');
    await poll(() => ages.count()).toBeGreaterThan(0);
    expect(await ages.first().textContent()).toMatch(/days? old|never checked|checked \d+ days after/);
    await openPlan({ ...PLAN, meta: { ...PLAN.meta, priceBookAsOf: '2027-11-28' } }, 'a-year-on.pxplan');
    await page.getByTestId('tab-prices').click();
    await poll(() => page.locator('[data-testid="entry-freshness"][data-stale="true"]').count()).toBeGreaterThan(0);
    expect(await page.locator('[data-testid="entry-freshness"][data-stale="true"]').first().textContent()).toMatch(
      /^⚠ .*check the sources$/,
    );
  });
});

import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../support/tools';
import { seriousAxeViolations } from './support/axe';
import { gridCell } from './support/grid-page';
import { startApp, type RunningApp } from './support/harness';

/**
 * A gateway's log beside the bill, as a user meets it in real Chromium: the OpenAI Costs export and the
 * LiteLLM log of the same requests imported, the Reconcile tab says the LiteLLM spend is counted beside the
 * bill and offers the project whose bill agrees; Link counts it once (the plan's actual falls by the
 * gateway's $56.61), Undo counts it twice again, and Unlink after Redo too.
 */
let app: RunningApp;
let page: Page;

const FIXTURES = path.resolve('test/fixtures/actuals');
const TEAM = 'e446e707-e57d-421f-bf35-24c64a88954d';
const STOREFRONT = 'proj_pcP8Bl3r8uiQGjUd9BSv40CQ';

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 50 });
}

async function importFile(name: string): Promise<void> {
  app.host.setNextOpenPath(path.join(FIXTURES, name));
  await app.host.sendMenuCommand('file:import-actuals');
  await page.getByTestId('actuals-dialog').waitFor();
  await page.getByTestId('actuals-run-preview').click();
  await poll(() => page.getByTestId('actuals-counts').textContent()).toMatch(/rows read/);
  await page.getByTestId('actuals-import').click();
  await poll(() => page.getByTestId('actuals-dialog').count()).toBe(0);
}

/** The plan's actual to date, in dollars, as the Reconcile tab's chart describes it. */
async function actualTotal(): Promise<number> {
  const text = (await page.getByTestId('reconcile-chart').locator('desc').textContent()) ?? '';
  return Number(/cumulative actual \$([\d,.]+)/.exec(text)?.[1]?.replace(/,/g, '') ?? NaN);
}

beforeAll(async () => {
  app = await startApp({ viewport: { width: 3400, height: 1400 } });
  page = app.page;
  await gridCell(page, 'ecom-product-pages', 'finals').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasTool('chromium'))('gateway spend on the bill too', { timeout: 120_000 }, () => {
  it('is said on the Reconcile tab, and Link counts it once; Undo and Unlink count it twice again', async () => {
    await importFile('openai-costs-export.csv');
    await importFile('litellm-spendlogs.csv');
    await page.getByTestId('tab-reconcile').click();
    const twice = await actualTotal();
    expect(twice).toBeGreaterThan(132.94 + 56.61); // the bill, the gateway, and the sample plan's own actuals
    const notice = page.getByTestId('reconcile-metered-overlap');
    await poll(() => notice.textContent()).toContain(
      `Metered spend of project "${TEAM}" ($56.61 on 25 days) is counted beside billed cost of the same model`,
    );
    expect(await notice.getByLabel('Billed under').inputValue()).toBe(STOREFRONT);
    expect(await seriousAxeViolations(page)).toEqual([]);

    await notice.getByRole('button', { name: 'Link' }).click();
    await poll(() => notice.textContent()).toBe(
      `Metered project ${TEAM} is on the bill under ${STOREFRONT}: counted once, as billed. Unlink`,
    );
    await poll(() => actualTotal()).toBeCloseTo(twice - 56.61, 1);

    await page.getByTestId('undo-button').click();
    await poll(() => notice.textContent()).toContain('is counted beside billed cost');
    await poll(() => actualTotal()).toBe(twice);

    await page.getByTestId('redo-button').click();
    await notice.getByRole('button', { name: 'Unlink' }).click();
    await poll(() => notice.textContent()).toContain('is counted beside billed cost');
    await poll(() => actualTotal()).toBe(twice);
  });
});

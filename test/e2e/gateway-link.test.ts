import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../support/tools';
import { seriousAxeViolations } from './support/axe';
import { gridCell } from './support/grid-page';
import { startApp, type RunningApp } from './support/harness';

/**
 * A gateway's log beside the bill, as a user meets it in real Chromium: the OpenAI Costs export and the
 * LiteLLM log of the same requests imported; the import dialog says so before the second file is imported,
 * the Reconcile tab says the LiteLLM spend is counted beside the bill and offers the project whose bill
 * agrees; Link counts it once (the plan's actual falls by the gateway's $56.61), Undo counts it twice again,
 * and Unlink after Redo too. The other way round, the bill imported onto the log, the dialog links the two
 * with the import, and one Undo takes back both.
 */
let app: RunningApp;
let page: Page;

const FIXTURES = path.resolve('test/fixtures/actuals');
const TEAM = 'e446e707-e57d-421f-bf35-24c64a88954d';
const STOREFRONT = 'proj_pcP8Bl3r8uiQGjUd9BSv40CQ';
const SAID = `Metered spend of project "${TEAM}" ($56.61 on 25 days) is counted beside billed cost of the same model: if its requests are on the bill, they are counted twice. Its daily spend agrees with billed project "${STOREFRONT}" on 25 of 25 days: link the two.`;
const LINK = `Link gateway team "${TEAM}" to billed project "${STOREFRONT}" with this import: counted once, as billed (one Undo takes back both)`;

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 50 });
}

/** File › Import actuals… and Preview: the dialog as it stands before Import. */
async function previewFile(name: string): Promise<void> {
  app.host.setNextOpenPath(path.join(FIXTURES, name));
  await app.host.sendMenuCommand('file:import-actuals');
  await page.getByTestId('actuals-dialog').waitFor();
  await page.getByTestId('actuals-run-preview').click();
  await poll(() => page.getByTestId('actuals-counts').textContent()).toMatch(/rows read/);
}

async function importPreviewed(): Promise<void> {
  await page.getByTestId('actuals-import').click();
  await poll(() => page.getByTestId('actuals-dialog').count()).toBe(0);
}

/** The dialog's word on gateway spend beside the bill (the same as the Reconcile tab's, after a lead). */
const dialogNotice = () => page.getByTestId('actuals-metered-overlap');

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
    await previewFile('openai-costs-export.csv');
    expect(await dialogNotice().count()).toBe(0);
    await importPreviewed();
    // The LiteLLM log onto the bill: said before it is imported, with the link on offer, unticked.
    await previewFile('litellm-spendlogs.csv');
    expect(await dialogNotice().locator('p').first().textContent()).toBe(
      `This file's metered spend sits beside billed cost already in the plan's actuals. ${SAID}`,
    );
    expect(await dialogNotice().getByRole('checkbox', { name: LINK }).isChecked()).toBe(false);
    expect(await seriousAxeViolations(page)).toEqual([]);
    await importPreviewed();
    expect(await page.getByTestId('info-message').textContent()).toContain(
      `The spend of gateway team "${TEAM}" is counted beside the bill: if it is on the bill, link it on the Reconcile tab.`,
    );
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

  it('the bill onto the LiteLLM log: the dialog says so and links the two with the import, one Undo takes back both', async () => {
    await page.getByTestId('new-button').click();
    if (await page.getByTestId('unsaved-dialog').count()) await page.getByTestId('unsaved-discard').click();
    await page.getByTestId('empty-plan').waitFor();
    await previewFile('litellm-spendlogs.csv');
    expect(await dialogNotice().count()).toBe(0);
    await importPreviewed();

    await previewFile('openai-costs-export.csv');
    expect(await dialogNotice().locator('p').first().textContent()).toBe(
      `This file's billed cost sits beside a gateway's metered spend already in the plan's actuals. ${SAID}`,
    );
    await dialogNotice().getByRole('checkbox', { name: LINK }).check();
    await importPreviewed();
    expect(await page.getByTestId('info-message').textContent()).toContain(
      `Gateway team "${TEAM}" is linked to billed project "${STOREFRONT}": its spend counts once, as billed.`,
    );
    await page.getByTestId('tab-reconcile').click();
    const notice = page.getByTestId('reconcile-metered-overlap');
    await poll(() => notice.textContent()).toBe(
      `Metered project ${TEAM} is on the bill under ${STOREFRONT}: counted once, as billed. Unlink`,
    );
    // One Undo: the bill and the link go together; the log alone overlaps nothing.
    await page.getByTestId('undo-button').click();
    await poll(() => notice.count()).toBe(0);
    await page.getByTestId('tab-actuals').click();
    await poll(() => page.getByTestId('actuals-batches').locator('tbody tr').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });
});

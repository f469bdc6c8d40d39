import path from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { writeLiteLlmSpendLogs } from '../support/actuals-generator';
import { hasTool } from '../support/tools';
import { gridCell } from './support/grid-page';
import { startApp, type RunningApp } from './support/harness';

/**
 * The other way into the import flow, in real Chromium through the browser host: File › Import actuals…
 * and the Open dialog (the drop is test/e2e/import-actuals.test.ts). Then a large file (about 80 MB,
 * generated here): the read shows progress, the window keeps answering, and Cancel leaves the plan as it was.
 */
let app: RunningApp;
let page: Page;

function poll<T>(read: () => T | Promise<T>, timeout = 15_000) {
  return expect.poll(read, { timeout, interval: 50 });
}

const LEDGER = ['Date;Amount;Model', '03/04/2026;12,50;gpt-image-2', '05/06/2026;3,25;gpt-5-mini'];

async function importActualsFromMenu(file: string): Promise<void> {
  app.host.setNextOpenPath(file);
  await app.host.sendMenuCommand('file:import-actuals');
  await page.getByTestId('actuals-dialog').waitFor();
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await gridCell(page, 'ecom-product-pages', 'finals').waitFor();
  await page.getByTestId('new-button').click();
});

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasTool('chromium'))('File › Import actuals… through the Open dialog', () => {
  it('pick a file, fix the date format, preview, import, remove the batch', async () => {
    const file = path.join(app.workDir, 'finance-ledger.csv');
    writeFileSync(file, LEDGER.join('\r\n') + '\r\n');
    await importActualsFromMenu(file);
    await poll(() => page.getByTestId('actuals-delimiter').inputValue()).toBe(';');
    await page.getByTestId('actuals-run-preview').click();
    await poll(() => page.getByTestId('actuals-problem').textContent()).toMatch(/choose the date format/);

    await page.getByTestId('actuals-date-format').selectOption('DMY');
    await page.getByTestId('actuals-run-preview').click();
    await poll(() => page.getByTestId('actuals-counts').textContent()).toMatch(/2 rows read, 2 to import, 0 rejected/);
    expect(await page.getByTestId('actuals-period').textContent()).toBe(
      'Period 2026-04-03 to 2026-06-05; $15.75 billed',
    );
    await page.getByTestId('actuals-import').click();
    await poll(() => page.getByTestId('actuals-dialog').count()).toBe(0);
    const batches = page.getByTestId('actuals-batches');
    await poll(() => batches.locator('tbody tr').count()).toBe(1);
    expect(await batches.textContent()).toMatch(/finance-ledger\.csv2026-04-03 to 2026-06-052\$15\.75/);

    await batches.getByRole('button', { name: 'Remove' }).click();
    await poll(() => page.getByTestId('actuals-empty').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  });

  it('the preview names usage the price book cannot price, by model, before it is imported', async () => {
    const sample = path.resolve(
      path.dirname(fileURLToPath(import.meta.url)),
      '../fixtures/actuals/openai-completions-usage-export.csv',
    );
    const [header = '', ...body] = readFileSync(sample, 'utf8').trim().split('\n');
    const file = path.join(app.workDir, 'usage-own-models.csv');
    writeFileSync(file, [header, ...body.map((l) => l.replace(/,gpt-image-[^,]*,/, ',studio-model,'))].join('\n'));
    await importActualsFromMenu(file);
    await page.getByTestId('actuals-run-preview').click();
    const notice = page.getByTestId('actuals-unpriced-usage');
    await poll(() => notice.count()).toBe(1);
    expect(await notice.textContent()).toMatch(
      /^\d+ usage buckets? in this file cannot be priced with the plan's price book \(reconciliation counts usage it cannot price as \$0\):studio-model, \d+ buckets?(; the first)?: no price for studio-model on the api surface on /,
    );
    await page.getByTestId('actuals-close').click();
    await poll(() => page.getByTestId('actuals-dialog').count()).toBe(0);
    expect(app.pageErrors).toEqual([]);
  });

  it('a large file shows progress while it is read, the window answers, and Cancel changes nothing', async () => {
    const file = path.join(app.workDir, 'spend-logs-large.csv');
    const bytes = writeLiteLlmSpendLogs(file, 400_000);
    expect(bytes).toBeGreaterThan(75e6);
    await importActualsFromMenu(file);
    await page.getByTestId('actuals-run-preview').click();
    const progress = page.getByTestId('actuals-progress');
    await progress.waitFor({ timeout: 30_000 });
    // The window answers while the file is read: script runs, and the progress figure moves.
    const first = await progress.textContent();
    expect(await page.evaluate('1 + 1')).toBe(2);
    await poll(() => progress.textContent(), 30_000).not.toBe(first);
    await page.getByTestId('actuals-cancel-read').click();
    await poll(() => progress.count()).toBe(0);
    await page.getByTestId('actuals-close').click();
    await poll(() => page.getByTestId('actuals-dialog').count()).toBe(0);
    // Nothing was imported: the plan has no actuals, and there is nothing to undo from the import.
    expect(await page.getByTestId('actuals-empty').count()).toBe(1);
    expect(app.pageErrors).toEqual([]);
  }, 120_000);
});

import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../support/tools';
import { gridCell } from './support/grid-page';
import { startApp, type RunningApp } from './support/harness';

/**
 * Importing actuals as a user does it, in real Chromium through the browser host: drop a finance ledger CSV
 * on the window (semicolons, decimal commas, dates that read both ways), fix the date format, see the preview
 * with its rejected rows (one line per problem), import, and remove the batch again (one undo step each way).
 */
let app: RunningApp;
let page: Page;

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 50 });
}

const LEDGER = [
  'Date;Amount;Model',
  '03/04/2026;12,50;gpt-image-2',
  '05/06/2026;3,25;gpt-5-mini',
  '04/05/2026;n/a;gpt-image-2',
  '04/06/2026;n/a;gpt-image-2',
  '04/07/2026;n/a;gpt-image-2',
];

async function dropFile(name: string, text: string): Promise<void> {
  await page.evaluate(`(() => {
    const data = new DataTransfer();
    data.items.add(new File([${JSON.stringify(text)}], ${JSON.stringify(name)}, { type: 'text/csv' }));
    document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
  })()`);
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await gridCell(page, 'ecom-product-pages', 'finals').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasTool('chromium'))('import actuals in the browser', () => {
  it('drop a file, fix the date format, preview, import, remove the batch; the mapping is offered again', async () => {
    // A new plan: the sample ships its own sample actuals, and this walk counts its own batch.
    await page.getByTestId('new-button').click();
    await dropFile('finance-ledger.csv', LEDGER.join('\r\n') + '\r\n');
    const dialog = page.getByTestId('actuals-dialog');
    await dialog.waitFor();
    // Detected: any other CSV, semicolons, decimal comma; the mapping is suggested from the column names.
    await poll(() => page.getByTestId('actuals-delimiter').inputValue()).toBe(';');
    expect(await page.getByTestId('actuals-decimal').inputValue()).toBe(',');
    expect(await page.getByTestId('actuals-map-date').inputValue()).toBe('Date');
    expect(await page.getByTestId('actuals-map-amount').inputValue()).toBe('Amount');
    expect(await page.getByTestId('actuals-map-model').inputValue()).toBe('Model');

    // 03/04/2026 reads both ways: the app asks instead of guessing.
    await page.getByTestId('actuals-run-preview').click();
    await poll(() => page.getByTestId('actuals-problem').textContent()).toMatch(/choose the date format/);
    expect(await page.getByTestId('actuals-import').count()).toBe(0);

    await page.getByTestId('actuals-date-format').selectOption('DMY');
    await page.getByTestId('actuals-run-preview').click();
    await poll(() => page.getByTestId('actuals-counts').textContent()).toMatch(
      /5 rows read, 2 to import, 3 rejected, 0 duplicates, 0 replacing/,
    );
    expect(await page.getByTestId('actuals-period').textContent()).toBe(
      'Period 2026-04-03 to 2026-06-05; $15.75 billed',
    );
    // The three rows whose amount reads "n/a" are one line: file, first lines, column, reason, how many.
    expect(await page.getByTestId('actuals-rejected').locator('tbody tr').allTextContents()).toEqual([
      'finance-ledger.csv4, 5, 6Amount"n/a" is not a number in this file (decimal comma)3',
    ]);
    expect(await page.getByTestId('actuals-by-model').textContent()).toMatch(/gpt-5-mini\$3\.25.*gpt-image-2\$12\.5/);

    await page.getByTestId('actuals-save-as').fill('finance ledger');
    await page.getByTestId('actuals-import').click();
    await poll(() => dialog.count()).toBe(0);
    const panel = page.getByTestId('actuals-panel');
    await panel.waitFor();
    const batches = page.getByTestId('actuals-batches');
    await poll(() => batches.locator('tbody tr').count()).toBe(1);
    expect(await batches.textContent()).toMatch(/csvbilledfinance-ledger\.csv2026-04-03 to 2026-06-052\$15\.75/);
    expect(await page.getByTestId('actuals-spend').textContent()).toMatch(/2026-04-03\$12\.50/);

    // Remove is one undoable edit; undo brings the batch back exactly.
    await batches.getByRole('button', { name: 'Remove' }).click();
    await poll(() => page.getByTestId('actuals-empty').count()).toBe(1);
    await page.getByTestId('undo-button').click();
    await poll(() => batches.locator('tbody tr').count()).toBe(1);
    await page.getByTestId('undo-button').click(); // and the import itself undoes in one step
    await poll(() => page.getByTestId('actuals-empty').count()).toBe(1);

    // The mapping was kept: the next file with the same header opens with it, date format included.
    await dropFile('finance-ledger-december.csv', [LEDGER[0], '01/12/2026;1,00;gpt-image-2'].join('\n') + '\n');
    await poll(() => page.getByTestId('actuals-save-as').inputValue()).toBe('finance ledger');
    expect(await page.getByTestId('actuals-date-format').inputValue()).toBe('DMY');
    await page.getByTestId('actuals-run-preview').click();
    await poll(() => page.getByTestId('actuals-period').textContent()).toBe(
      'Period 2026-12-01 to 2026-12-01; $1.00 billed',
    );
    await page.getByTestId('actuals-close').click();
    expect(app.pageErrors).toEqual([]);
  });
});

import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../support/tools';
import { seriousAxeViolations } from './support/axe';
import { gridCell } from './support/grid-page';
import { startApp, type RunningApp } from './support/harness';

/**
 * The Reconcile tab as a user walks it, in real Chromium through the browser host (issue 12 §4–§7): the
 * sample plan's own actuals, As of moved, a week drilled into, a row's phasing changed and undone, the
 * "Observed iteration" scenario created and seen in Scenarios, the CSV exported; no serious axe findings.
 */
let app: RunningApp;
let page: Page;

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 50 });
}

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await gridCell(page, 'ecom-product-pages', 'finals').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasTool('chromium'))('the Reconcile view', () => {
  it('opens on the latest actual; As of moves the weeks; a week drills into its rows', async () => {
    await page.getByTestId('tab-reconcile').click();
    await page.getByTestId('reconcile-panel').waitFor();
    expect(await page.getByTestId('reconcile-as-of').inputValue()).toBe('2027-01-27');
    const weeks = page.getByTestId('reconcile-weeks');
    await poll(() => weeks.textContent()).toContain('2027-W04 (as of)');
    expect(await page.getByTestId('reconcile-chart').getAttribute('role')).toBe('img');

    await page.getByTestId('reconcile-as-of').fill('2027-01-14');
    await poll(() => weeks.textContent()).toContain('2027-W02 (as of)');

    const week = page.getByTestId('reconcile-week-2027-W03').getByRole('button');
    await week.focus();
    await page.keyboard.press('Enter');
    const drill = page.getByTestId('reconcile-drill');
    await poll(() => drill.textContent()).toContain('What drove 2027-W03');
    expect(await drill.textContent()).toContain('Product page drop');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('changes a row’s phasing as an undoable edit', async () => {
    const phasing = page.getByTestId('phasing-ecom-product-pages');
    expect(await phasing.inputValue()).toBe('even');
    await phasing.selectOption('front-loaded');
    await poll(() => phasing.inputValue()).toBe('front-loaded');
    await page.getByTestId('undo-button').click();
    await poll(() => phasing.inputValue()).toBe('even');
  });

  it('creates the "Observed iteration" scenario, seen in Scenarios', async () => {
    // Back to the latest actual: the factor rests on every generation matched so far.
    await page.getByRole('button', { name: /^Latest actual/ }).click();
    await poll(() => page.getByTestId('reconcile-factors').textContent()).toContain('3.00');
    await page.getByTestId('create-observed-scenario').click();
    await page.getByTestId('tab-scenarios').click();
    await poll(() => page.getByTestId('scenario-list').textContent()).toContain('Observed iteration');
  });

  it('exports the reconciliation as CSV from the File menu', async () => {
    const target = path.join(app.workDir, 'reconciliation.csv');
    app.host.setNextSavePath(target);
    await app.host.sendMenuCommand('file:export-reconciliation-csv');
    await poll(() => readFile(target, 'utf8').catch(() => '')).toMatch(/^\uFEFFRow id,Name,/);
    expect(await readFile(target, 'utf8')).toContain('ecom-product-pages,');
  });
});

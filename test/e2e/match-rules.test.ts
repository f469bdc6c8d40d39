import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../support/tools';
import { seriousAxeViolations } from './support/axe';
import { gridCell } from './support/grid-page';
import { startApp, type RunningApp } from './support/harness';

/**
 * Reconciliation as a user walks it, in real Chromium through the browser host (issue 12 §2–§5): import an
 * OpenAI Costs export, see it on Unassigned, add a match rule in the Match rules panel, see actual,
 * variance and the flags in the grid's Plan vs actual columns and totals, undo and redo the rule, open the
 * Reconcile view, drill into the week, create the "Observed iteration" scenario; no serious axe findings.
 * The figures are the engine's for the sample plan with this file (as `reconcile --json` prints them).
 */
let app: RunningApp;
let page: Page;

const COSTS = path.resolve('test/fixtures/actuals/openai-costs-proj-brand-feb-2027.csv');

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 15_000, interval: 50 });
}

/** The plan total's cell in a column (the pinned totals row). */
function totalCell(colId: string) {
  return page.locator(`.ag-row-pinned .ag-cell[col-id="${colId}"]`).first();
}

function unassignedCaption() {
  return page.getByTestId('match-unassigned').locator('caption').textContent();
}

beforeAll(async () => {
  // Wide enough that every Plan vs actual column is drawn (with the chooser below), tall enough that axe sees the panels whole.
  app = await startApp({ viewport: { width: 3400, height: 1400 } });
  page = app.page;
  await gridCell(page, 'ecom-product-pages', 'finals').waitFor();
  // The Columns chooser leaves the request and the money, so the Plan vs actual group is drawn in view.
  const chooser = page.getByTestId('column-chooser');
  await chooser.locator('summary').click();
  for (const group of ['team', 'drafts', 'budget', 'details', 'request-inputs', 'pricing'])
    await page.getByTestId(`column-group-${group}`).uncheck();
  await chooser.locator('summary').click();
});

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasTool('chromium'))('match rules and plan vs actual in the browser', { timeout: 120_000 }, () => {
  it('imports a Costs export: its spend is Unassigned, and every total includes it', async () => {
    app.host.setNextOpenPath(COSTS);
    await app.host.sendMenuCommand('file:import-actuals');
    await page.getByTestId('actuals-dialog').waitFor();
    await page.getByTestId('actuals-run-preview').click();
    await poll(() => page.getByTestId('actuals-counts').textContent()).toMatch(
      /^openai-costs \(billed\): 2 rows read, 2 to import, 0 rejected/,
    );
    await page.getByTestId('actuals-import').click();
    await poll(() => page.getByTestId('actuals-dialog').count()).toBe(0);

    // The sample's own $0.215582 on Unassigned, plus the file's $0.425: $0.640582 of $10.175374.
    await poll(() => totalCell('actualToDate').textContent()).toBe('$10.18 · incl. $0.64 Unassigned');
    expect(await gridCell(page, 'saas-hero', 'actualToDate').textContent()).toBe('$0.00');

    await page.getByTestId('tab-match').click();
    await poll(() => unassignedCaption()).toBe('Unassigned: $0.64 in 6 buckets');
    expect(await page.getByTestId('match-rules-empty').count()).toBe(1);
  });

  it('adds a rule from the values the ledger has; the rule shows what it matched', async () => {
    await page.getByTestId('match-field').selectOption('project');
    // A script string: the node tsconfig has no DOM types, the page has the DOM.
    const offered: unknown = await page.evaluate(
      `[...document.querySelectorAll('#match-values-project option')].map((o) => o.value)`,
    );
    expect(offered).toEqual(['proj_brand', 'proj_marketing']);
    await page.getByTestId('match-value').fill('proj_brand');
    await page.getByTestId('match-target').selectOption('saas-hero');
    await page.getByTestId('match-value').press('Enter');

    const rule = page.getByTestId('match-rule-rule-1');
    await poll(() => rule.textContent()).toBe(
      '1project = proj_brandSaaS landing: hero image (saas-hero)2$0.43↑ Earlier ↓ Later Remove',
    );
    expect(await rule.locator('td[title]').getAttribute('title')).toBe('0.425');
    await poll(() => unassignedCaption()).toBe('Unassigned: $0.22 in 4 buckets');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('shows actual, variance and the over-plan and ahead flags in the grid, and totals with Unassigned', async () => {
    const hero = (col: string) => gridCell(page, 'saas-hero', col).textContent();
    await poll(() => hero('actualToDate')).toBe('$0.43 · billed');
    // $0.425 against $0.327775 planned.
    expect(await hero('actualVariance')).toBe('+$0.10');
    expect(await hero('actualVariancePct')).toBe('+29.66%');
    expect(await hero('actualFlag')).toBe('⛔ Over plan');
    expect(await gridCell(page, 'saas-hero', 'actualFlag').getAttribute('class')).toMatch(/pl-flag-over/);
    // $1.938786 against $1.870546 planned by 2027-02-03: ahead of its even phasing, under its plan.
    expect(await gridCell(page, 'ugc-ad-hooks', 'actualVariance').textContent()).toBe('-$0.15');
    expect(await gridCell(page, 'ugc-ad-hooks', 'actualFlag').textContent()).toBe('⚠ Ahead of phasing');
    expect(await gridCell(page, 'ugc-ad-hooks', 'actualFlag').getAttribute('class')).toMatch(/pl-flag-ahead/);
    expect(await gridCell(page, 'ecom-product-pages', 'actualVariance').textContent()).toBe('+$1.70');

    expect(await totalCell('actualToDate').textContent()).toBe('$10.18 · incl. $0.22 Unassigned');
    expect(await totalCell('actualVariance').textContent()).toBe('-$0.17');
    expect(await totalCell('actualFlag').textContent()).toBe('2 over plan · 1 ahead');
  });

  it('undoes and redoes the rule, one step each', async () => {
    await page.getByTestId('undo-button').click();
    await poll(() => page.getByTestId('match-rules-empty').count()).toBe(1);
    await poll(() => totalCell('actualToDate').textContent()).toBe('$10.18 · incl. $0.64 Unassigned');
    expect(await gridCell(page, 'saas-hero', 'actualFlag').textContent()).toBe('');
    await page.getByTestId('redo-button').click();
    await poll(() => page.getByTestId('match-rule-rule-1').count()).toBe(1);
    await poll(() => totalCell('actualToDate').textContent()).toBe('$10.18 · incl. $0.22 Unassigned');
  });

  it('opens the Reconcile view on the latest actual and drills into its week', async () => {
    await page.getByTestId('tab-reconcile').click();
    await page.getByTestId('reconcile-panel').waitFor();
    expect(await page.getByTestId('reconcile-as-of').inputValue()).toBe('2027-02-03');
    const week = page.getByTestId('reconcile-week-2027-W05');
    await poll(() => week.textContent()).toBe('2027-W05 (as of)$1.93$0.43-$1.50$9.36$10.18');
    await week.getByRole('button').click();
    const drill = page.getByTestId('reconcile-drill');
    await poll(() => drill.locator('caption').textContent()).toBe('What drove 2027-W05: variance -$1.50');
    expect(await drill.locator('tbody').textContent()).toContain('SaaS landing: hero image$0.19$0.43$0.23');
    expect(await seriousAxeViolations(page)).toEqual([]);
  });

  it('creates the "Observed iteration" scenario and makes it the plan compared', async () => {
    await page.getByTestId('create-observed-scenario').click();
    await poll(() => page.getByTestId('scenario-select').locator('option:checked').textContent()).toBe(
      'Observed iteration',
    );
    await page.getByTestId('tab-scenarios').click();
    await poll(() => page.getByTestId('scenario-list').textContent()).toContain('Observed iteration');
    expect(app.pageErrors).toEqual([]);
  });
  it('splits the Unassigned buckets by percentages, exactly, after saying when they do not add up to 100', async () => {
    await page.getByTestId('tab-match').click();
    await poll(() => unassignedCaption()).toBe('Unassigned: $0.22 in 4 buckets');
    // By keyboard: Space ticks "select every bucket", the split option and the percentages.
    await page.getByRole('checkbox', { name: 'Select every bucket shown' }).focus();
    await page.keyboard.press('Space');
    await page.getByTestId('match-mode-split').focus();
    await page.keyboard.press('Space');
    await page.getByLabel('Percent to SaaS landing: hero image').fill('50');
    await page.getByLabel('Percent to SaaS landing: 8 UI screenshots').fill('40');
    await page.getByTestId('match-assign-button').click();
    await poll(() => page.getByTestId('match-assign-problem').textContent()).toBe(
      'The percentages add up to 90%; they must add up to exactly 100% (each bucket is split whole).',
    );
    await page.getByLabel('Percent to SaaS landing: 8 UI screenshots').fill('50');
    await page.getByLabel('Percent to SaaS landing: 8 UI screenshots').press('Enter');
    await poll(() => unassignedCaption()).toBe('Unassigned: $0.00 in 0 buckets');
    // Each bucket halves exactly: $0.071006 and 3 × $0.048192 give each row $0.107791.
    await poll(() => totalCell('actualToDate').textContent()).toBe('$10.18 · incl. $0.00 Unassigned');
    expect(await gridCell(page, 'saas-ui-screens', 'actualToDate').textContent()).toBe('$0.11 · billed');
    expect(await gridCell(page, 'saas-hero', 'actualToDate').textContent()).toBe('$0.53 · billed');
    expect(await page.getByTestId('match-manual').locator('tbody tr').count()).toBe(4);
    expect(await seriousAxeViolations(page)).toEqual([]);
    expect(app.pageErrors).toEqual([]);
  });

  it('shares one As of between the Reconcile and Match rules tabs: moving it in either moves both', async () => {
    const rule = page.getByTestId('match-rule-rule-1');
    await poll(() => rule.textContent()).toMatch(/^1project = proj_brand.*2\$0\.43/);
    await page.getByTestId('tab-reconcile').click();
    await page.getByTestId('reconcile-as-of').fill('2027-01-19');
    await page.getByTestId('tab-match').click();
    expect(await page.getByTestId('match-as-of').inputValue()).toBe('2027-01-19');
    expect(await seriousAxeViolations(page)).toEqual([]);
    // The brand project's costs are billed in February: as of 19 January the rule has matched nothing yet.
    await poll(() => rule.textContent()).toMatch(/^1project = proj_brand.*0\$0\.00/);
    await page.getByRole('button', { name: 'Latest actual (2027-02-03)' }).click();
    await poll(() => rule.textContent()).toMatch(/^1project = proj_brand.*2\$0\.43/);
    await page.getByTestId('tab-reconcile').click();
    expect(await page.getByTestId('reconcile-as-of').inputValue()).toBe('2027-02-03');
    await page.getByTestId('tab-match').click();
  });

  it('moves focus to the heading when the last rule is removed (keyboard)', async () => {
    await page.getByRole('button', { name: 'Remove rule 1 (project = proj_brand)' }).focus();
    await page.keyboard.press('Enter');
    await poll(() => page.getByTestId('match-rules-empty').count()).toBe(1);
    await poll(() => page.evaluate('document.activeElement?.textContent')).toBe('Match rules');
    expect(app.pageErrors).toEqual([]);
  });
});

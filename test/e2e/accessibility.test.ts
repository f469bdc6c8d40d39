import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hasTool } from '../support/tools';
import { seriousAxeViolations } from './support/axe';
import { startApp, type RunningApp } from './support/harness';

/**
 * Issue 9 §6 in real Chromium: axe-core finds no serious or critical violation on the main views (the
 * grid with each panel), the price book's edit and delete links reach 4.5:1, and the scenario overrides
 * name their columns as the grid's headers do.
 */

let app: RunningApp;
let page: Page;

const poll = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 10_000, interval: 50 });

type Rgba = [number, number, number, number];

function luminance([r, g, b]: Rgba): number {
  const lin = (c: number) => (c / 255 <= 0.03928 ? c / 255 / 12.92 : ((c / 255 + 0.055) / 1.055) ** 2.4);
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

function contrast(a: Rgba, b: Rgba): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** Each price-book link's text colour and the background under it, the backgrounds' alphas composed. */
async function linkColours(): Promise<{ text: Rgba; background: Rgba }[]> {
  const found: unknown = await page.evaluate(`(() => {
    const parse = (c) => { const m = c.match(/[\\d.]+/g).map(Number); return [m[0], m[1], m[2], m[3] ?? 1]; };
    const over = (top, under) => top.slice(0, 3).map((v, i) => v * top[3] + under[i] * (1 - top[3])).concat(1);
    return [...document.querySelectorAll('[data-testid="tab-panel-prices"] button.link, .pl-panel-body table button.link')].map((el) => {
      const layers = [];
      for (let n = el; n; n = n.parentElement) layers.push(parse(getComputedStyle(n).backgroundColor));
      const background = layers.reverse().reduce((under, top) => over(top, under), [255, 255, 255, 1]);
      return { text: parse(getComputedStyle(el).color), background };
    });
  })()`);
  return Array.isArray(found) ? (found as { text: Rgba; background: Rgba }[]) : [];
}

beforeAll(async () => {
  // Tall enough that every panel shows whole: axe leaves out what it cannot see.
  app = await startApp({ viewport: { width: 1280, height: 1400 } });
  page = app.page;
  await page.locator('.ag-row[row-index="0"]').first().waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasTool('chromium'))('accessibility and plain names (issue 9 §6)', () => {
  it.each(['subtotals', 'scenarios', 'prices', 'quote', 'charts', 'match'])(
    'axe-core finds no serious or critical violation with the %s panel open',
    async (tab) => {
      await page.getByTestId(`tab-${tab}`).click();
      await poll(() => page.getByTestId(`tab-${tab}`).getAttribute('aria-selected')).toBe('true');
      expect(await seriousAxeViolations(page)).toEqual([]);
    },
  );

  it('gives the price book’s edit and delete links at least 4.5:1 contrast', async () => {
    await page.getByTestId('tab-prices').click();
    await page
      .getByRole('button', { name: /^edit / })
      .first()
      .waitFor();
    const links = await linkColours();
    expect(links.length).toBeGreaterThanOrEqual(2);
    for (const { text, background } of links) expect(contrast(text, background)).toBeGreaterThanOrEqual(4.5);
  });

  it('lists a scenario’s overrides by the grid’s column headers, not internal field names', async () => {
    await page.getByTestId('scenario-select').selectOption({ label: 'Re-prompting from scratch' });
    await page.getByTestId('tab-scenarios').click();
    const list = page.getByTestId('override-list');
    await poll(() => list.textContent()).toContain('Generations per final');
    expect(await list.textContent()).not.toContain('iterationFactor');
    await page.getByTestId('scenario-select').selectOption('');
  });
});

describe.skipIf(!hasTool('chromium'))('a dialog keeps the keyboard while it is open', () => {
  const focusIsIn = (testId: string) =>
    page.evaluate(`document.querySelector('[data-testid="${testId}"]')?.contains(document.activeElement) ?? false`);

  it('Tab and Shift+Tab go round its controls, Escape closes it, and focus returns to where it was', async () => {
    const opener = page.getByTestId('keyboard-help-button');
    await opener.focus();
    await opener.press('Enter');
    await page.getByTestId('keyboard-help').waitFor();
    await poll(() => focusIsIn('keyboard-help')).toBe(true);
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Tab');
      expect(await focusIsIn('keyboard-help')).toBe(true);
    }
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press('Shift+Tab');
      expect(await focusIsIn('keyboard-help')).toBe(true);
    }
    // Its question or content is its description, for a screen reader to read with the title.
    const described = await page.getByTestId('keyboard-help').getAttribute('aria-describedby');
    expect(await page.locator(`[id="${described}"]`).count()).toBe(1);
    await page.keyboard.press('Escape');
    await poll(() => page.getByTestId('keyboard-help').count()).toBe(0);
    expect(await page.evaluate(`document.activeElement?.dataset.testid ?? null`)).toBe('keyboard-help-button');
    expect(app.pageErrors).toEqual([]);
  });
});

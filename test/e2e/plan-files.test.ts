import { readFile, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Locator, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { estimatePlan } from '../../shared/estimate/estimate-plan';
import { formatUsd } from '../../shared/money/format';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { gridCell, gridColumnTexts } from './support/grid-page';
import { hasTool } from '../support/tools';
import { startApp, type RunningApp } from './support/harness';

/**
 * Plan files as a user handles them, in real Chromium through the browser host: the first start, Save As,
 * reopening, the unsaved-changes mark and question, and files that cannot be opened. One browser for the file.
 */

let app: RunningApp;
let page: Page;

/** Waits for the UI like a user would: up to 10 s, since the machine running the tests may be busy. */
/** The part of the recovery autosave file these tests read. */
interface Autosave {
  readonly document: { readonly rows: readonly { readonly finals: number }[] };
}

function poll<T>(read: () => T | Promise<T>, options: { timeout?: number } = {}) {
  return expect.poll(read, { timeout: options.timeout ?? 10_000, interval: 50 });
}

function cell(rowId: string, colId: string): Locator {
  return gridCell(page, rowId, colId);
}

async function typeInto(rowId: string, colId: string, text: string): Promise<void> {
  await cell(rowId, colId).click();
  await page.keyboard.type(text);
  await page.keyboard.press('Enter');
}

/** The texts of one column, top to bottom as displayed (plan rows only, not the totals row). */
function columnTexts(colId: string): Promise<string[]> {
  return gridColumnTexts(page, colId);
}

const rowTotals = () => columnTexts('rowTotal');

/** What shows which plan is open: the window title, each row's total and the plan total. */
async function openPlanShown(): Promise<{ title: string; totals: string[]; total: string | null }> {
  return {
    title: await page.title(),
    totals: await rowTotals(),
    total: await page.getByTestId('total-cost').textContent(),
  };
}

const title = () => page.getByTestId('title');

beforeAll(async () => {
  app = await startApp();
  page = app.page;
  await cell('ecom-product-pages', 'finals').waitFor();
});

afterAll(async () => {
  await app?.close();
});

describe.skipIf(!hasTool('chromium'))('plan files in the browser', () => {
  it('first start shows the sample plan with its engine totals', async () => {
    await poll(() => page.title()).toBe('Q1 launch imagery (sample) — Pixel Ledger');
    await poll(() => title().textContent()).toBe('Q1 launch imagery (sample) — Pixel Ledger');
    const names = await columnTexts('name');
    expect(names).toEqual([
      'Product page drop: 12 SKUs x 2 angles',
      'UGC ad hooks: 5 concepts x 6 variants',
      'SaaS landing: hero image',
      'SaaS landing: 8 UI screenshots',
    ]);
    const saved = await page.getByTestId('total-cost').getAttribute('data-micro');
    expect(saved).toMatch(/^\d+\.\d{2,6}$/);
    expect(app.host.raw.desktop.documentState).toEqual({ fileName: 'Q1 launch imagery (sample)', dirty: false });
  });

  it('marks the title when there are unsaved changes, and clears the mark when undone', async () => {
    await typeInto('saas-hero', 'finals', '3');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('3');
    await poll(() => page.title()).toBe('Q1 launch imagery (sample) • — Pixel Ledger');
    await poll(() => app.host.raw.desktop.documentState).toEqual({
      fileName: 'Q1 launch imagery (sample)',
      dirty: true,
    });
    await page.getByTestId('undo-button').click();
    await poll(() => page.title()).toBe('Q1 launch imagery (sample) — Pixel Ledger');
    await page.getByTestId('redo-button').click();
    await poll(() => page.title()).toContain(' •');
  });

  let savedPath = '';
  let savedTotals: string[] = [];

  it('Save As writes the plan to disk, atomically and readable, and the title shows the file', async () => {
    const target = path.join(app.workDir, 'q1-launch.pxplan');
    app.host.setNextSavePath(target);
    await page.getByTestId('save-as-button').click();
    await poll(() => page.title()).toBe('q1-launch.pxplan — Pixel Ledger');
    savedPath = target;
    const parsed = parsePlanText(await readFile(target, 'utf8'));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.value.rows.find((r) => r.id === 'saas-hero')?.finals).toBe(3);
    const engine = estimatePlan(parsed.value);
    if (!engine.ok) throw new Error(engine.error);
    await poll(() => page.getByTestId('total-cost').textContent()).toBe(formatUsd(engine.value.totals.totalCost));
    savedTotals = await rowTotals();
    expect(savedTotals).toEqual(engine.value.rows.map((r) => formatUsd(r.estimate.totalCost)));
  });

  it('reopening the saved file shows the same plan', async () => {
    await page.getByTestId('new-button').click();
    await poll(() => page.title()).toBe('Untitled plan — Pixel Ledger');
    await poll(() => columnTexts('name')).toEqual([]);
    app.host.setNextOpenPath(savedPath);
    await page.getByTestId('open-button').click();
    await poll(() => page.title()).toBe('q1-launch.pxplan — Pixel Ledger');
    await poll(() => rowTotals()).toEqual(savedTotals);
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('3');
  });

  it('a file with keys this version does not read opens, and says they will not be saved', async () => {
    const saved = JSON.parse(await readFile(savedPath, 'utf8')) as { rows: Record<string, unknown>[] };
    saved.rows[0] = { ...saved.rows[0], costCenter: 'CC-12' };
    const withExtra = path.join(app.workDir, 'with-extra-key.pxplan');
    await writeFile(withExtra, JSON.stringify(saved, null, 2));
    app.host.setNextOpenPath(withExtra);
    await page.getByTestId('open-button').click();
    await poll(() => page.title()).toBe('with-extra-key.pxplan — Pixel Ledger');
    await poll(() => page.getByTestId('info-message').textContent()).toBe(
      'The file holds a field this version does not read (rows[].costCenter): ignored, and left out when the plan is saved.',
    );
    await poll(() => rowTotals()).toEqual(savedTotals);
  });

  it('lists recent plans and opens one from the list', async () => {
    await page.getByTestId('recent-button').click();
    const item = page.getByTestId('recent-list').getByRole('menuitem', { name: 'q1-launch.pxplan' });
    await item.waitFor();
    expect(await item.getAttribute('title')).toBe(savedPath);
    await item.click();
    await poll(() => page.title()).toBe('q1-launch.pxplan — Pixel Ledger');
    expect(await page.getByTestId('recent-list').count()).toBe(0);
  });

  it('a corrupt file shows the error and nothing else changes', async () => {
    const corrupt = path.join(app.workDir, 'corrupt.pxplan');
    await writeFile(corrupt, '{ "schemaVersion": 1, "meta": ');
    const before = await openPlanShown();
    app.host.setNextOpenPath(corrupt);
    await page.getByTestId('open-button').click();
    const banner = page.getByTestId('error-banner');
    await banner.waitFor();
    expect(await banner.textContent()).toMatch(/Could not open the plan: .*not valid JSON/);
    await poll(() => openPlanShown()).toEqual(before);
    expect(await readFile(corrupt, 'utf8')).toBe('{ "schemaVersion": 1, "meta": ');
  });

  it('a plan whose text arrives whole but does not validate is refused and never replaces the open plan', async () => {
    // Its bytes reach the page ahead of the host's verdict (shared/ipc/plan-stream.ts); the verdict decides.
    const saved = await readFile(savedPath, 'utf8');
    const invalid = path.join(app.workDir, 'invalid-row.pxplan');
    const text = saved.replace(/"finals": \d+/, '"finals": -3');
    await writeFile(invalid, text);
    const before = await openPlanShown();
    app.host.setNextOpenPath(invalid);
    await page.getByTestId('open-button').click();
    await poll(() => page.getByTestId('error-banner').textContent()).toMatch(
      /Could not open the plan: Could not open “invalid-row\.pxplan”: the plan is not valid: rows\[0\]\.finals/,
    );
    await poll(() => openPlanShown()).toEqual(before);
    expect(await readFile(invalid, 'utf8')).toBe(text);
  });

  it('a file from a newer version or not a plan opens nothing and says why', async () => {
    const newer = path.join(app.workDir, 'newer.pxplan');
    await writeFile(newer, JSON.stringify({ schemaVersion: 99 }));
    app.host.setNextOpenPath(newer);
    await page.getByTestId('open-button').click();
    await poll(() => page.getByTestId('error-banner').textContent()).toMatch(/newer Pixel Ledger/);
    await poll(() => page.title()).toBe('q1-launch.pxplan — Pixel Ledger');
  });

  it('asks Save / Don’t Save / Cancel before replacing a plan with unsaved changes', async () => {
    await typeInto('ugc-ad-hooks', 'finals', '31');
    await poll(() => page.title()).toBe('q1-launch.pxplan • — Pixel Ledger');

    await page.getByTestId('new-button').click();
    await page.getByTestId('unsaved-dialog').waitFor();
    await page.getByTestId('unsaved-cancel').click();
    expect(await page.getByTestId('unsaved-dialog').count()).toBe(0);
    await poll(() => page.title()).toBe('q1-launch.pxplan • — Pixel Ledger');
    await poll(() => cell('ugc-ad-hooks', 'finals').textContent()).toBe('31');

    // Save from the dialog: the file gets the change, then the new plan opens.
    await page.getByTestId('new-button').click();
    await page.getByTestId('unsaved-save').click();
    await poll(() => page.title()).toBe('Untitled plan — Pixel Ledger');
    const onDisk = parsePlanText(await readFile(savedPath, 'utf8'));
    expect(onDisk.ok && onDisk.value.rows.find((r) => r.id === 'ugc-ad-hooks')?.finals).toBe(31);

    // Don't Save: the change is dropped.
    await page.getByTestId('add-row-button').click();
    await poll(() => page.title()).toBe('Untitled plan • — Pixel Ledger');
    await page.getByTestId('new-sample-button').click();
    await page.getByTestId('unsaved-discard').click();
    await poll(() => page.title()).toBe('Q1 launch imagery (sample) — Pixel Ledger');
  });

  it('answers the native menu: Save As, Undo and Open arrive as menu commands', async () => {
    await typeInto('saas-hero', 'finals', '2');
    await poll(() => page.title()).toContain(' •');
    await app.host.sendMenuCommand('edit:undo');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('1');
    await app.host.sendMenuCommand('edit:redo');
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('2');
    const target = path.join(app.workDir, 'from-menu.pxplan');
    app.host.setNextSavePath(target);
    await app.host.sendMenuCommand('file:save-as');
    await poll(() => page.title()).toBe('from-menu.pxplan — Pixel Ledger');
    const parsed = parsePlanText(await readFile(target, 'utf8'));
    expect(parsed.ok && parsed.value.rows.find((r) => r.id === 'saas-hero')?.finals).toBe(2);

    app.host.setNextOpenPath(savedPath);
    await app.host.sendMenuCommand('file:open');
    await poll(() => page.title()).toBe('q1-launch.pxplan — Pixel Ledger');
  });

  it('a cancelled Save dialog saves nothing and keeps the unsaved mark', async () => {
    await typeInto('saas-hero', 'finals', '5');
    app.host.cancelNextDialog('save');
    await page.getByTestId('save-as-button').click();
    await poll(() => app.host.raw.dialogs.asked.length).toBeGreaterThan(0);
    await poll(() => page.title()).toBe('q1-launch.pxplan • — Pixel Ledger');
  });

  it('a closing window with unsaved changes asks first, then confirms the close', async () => {
    await app.host.raw.emit('window:close-requested', {});
    await page.getByTestId('unsaved-dialog').waitFor();
    await page.getByTestId('unsaved-cancel').click();
    expect(app.host.raw.desktop.closeConfirmations).toBe(0);
    await app.host.raw.emit('window:close-requested', {});
    await page.getByTestId('unsaved-discard').click();
    await poll(() => app.host.raw.desktop.closeConfirmations).toBe(1);
  });
  it('dropping a plan file onto the window opens it', async () => {
    const text = await readFile(savedPath, 'utf8');
    await page.getByTestId('new-button').click();
    if (await page.getByTestId('unsaved-dialog').count()) await page.getByTestId('unsaved-discard').click();
    await poll(() => page.title()).toBe('Untitled plan — Pixel Ledger');
    await page.evaluate(`(() => {
      const data = new DataTransfer();
      data.items.add(new File([${JSON.stringify(text)}], 'dropped.pxplan', { type: 'application/json' }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: data, bubbles: true, cancelable: true }));
    })()`);
    // A plain browser gives no path: the plan opens as an unsaved copy.
    await poll(() => columnTexts('name')).toHaveLength(4);
    await poll(() => cell('ugc-ad-hooks', 'finals').textContent()).toBe('31');
    await poll(() => page.title()).toBe('Q1 launch imagery (sample) • — Pixel Ledger');
  });

  it('offers to restore unsaved changes after a crash', async () => {
    await typeInto('saas-hero', 'finals', '9');
    const autosave = path.join(app.host.userDataDir, 'recovery', 'autosave.json');
    await poll(
      () =>
        stat(autosave).then(
          () => true,
          () => false,
        ),
      { timeout: 10_000 },
    ).toBe(true);
    await poll(async () => (JSON.parse(await readFile(autosave, 'utf8')) as Autosave).document.rows[2]?.finals, {
      timeout: 10_000,
    }).toBe(9);
    // The page goes away without closing cleanly, as in a crash; the next start offers the autosave.
    await page.reload();
    await page.getByTestId('recovery-banner').waitFor();
    expect(await page.getByTestId('recovery-banner').textContent()).toContain('Q1 launch imagery (sample)');
    // Starting another plan first keeps the offer open.
    await page.getByTestId('new-button').click();
    await poll(() => page.title()).toBe('Untitled plan — Pixel Ledger');
    await page.getByTestId('recovery-restore').click();
    await poll(() => cell('saas-hero', 'finals').textContent()).toBe('9');
    await poll(() => page.title()).toContain(' •');
    expect(await page.getByTestId('recovery-banner').count()).toBe(0);
  });

  it('saves with Ctrl/Cmd+S: asks where for a plan without a file, then saves in place', async () => {
    const save = process.platform === 'darwin' ? 'Meta+s' : 'Control+s';
    // The restored plan came from a dropped copy: it has no file yet.
    await poll(() => page.title()).toBe('Q1 launch imagery (sample) • — Pixel Ledger');
    const target = path.join(app.workDir, 'restored.pxplan');
    app.host.setNextSavePath(target);
    await cell('saas-hero', 'name').click();
    await page.keyboard.press(save);
    await poll(() => page.title()).toBe('restored.pxplan — Pixel Ledger');
    const asked = app.host.raw.dialogs.asked.length;
    await typeInto('saas-hero', 'finals', '11');
    await poll(() => page.title()).toBe('restored.pxplan • — Pixel Ledger');
    await page.keyboard.press(save);
    await poll(() => page.title()).toBe('restored.pxplan — Pixel Ledger');
    const onDisk = parsePlanText(await readFile(target, 'utf8'));
    expect(onDisk.ok && onDisk.value.rows.find((r) => r.id === 'saas-hero')?.finals).toBe(11);
    expect(app.host.raw.dialogs.asked.length).toBe(asked);
  });

  it('asks before saving over a file another program wrote since: Cancel leaves theirs, Overwrite writes ours', async () => {
    const save = process.platform === 'darwin' ? 'Meta+s' : 'Control+s';
    const target = path.join(app.workDir, 'restored.pxplan');
    await poll(() => page.title()).toBe('restored.pxplan — Pixel Ledger');
    const theirs = parsePlanText(await readFile(target, 'utf8'));
    if (!theirs.ok) throw new Error(theirs.error);
    const theirText = serializePlan({
      ...theirs.value,
      meta: { ...theirs.value.meta, name: 'Changed by a colleague' },
    });
    await writeFile(target, theirText);
    await typeInto('saas-hero', 'finals', '12');
    await page.keyboard.press(save);
    await page.getByTestId('changed-on-disk-dialog').waitFor();
    await page.getByTestId('changed-cancel').click();
    await poll(() => page.getByTestId('changed-on-disk-dialog').count()).toBe(0);
    expect(await readFile(target, 'utf8')).toBe(theirText);
    await poll(() => page.title()).toBe('restored.pxplan • — Pixel Ledger');

    await page.keyboard.press(save);
    await page.getByTestId('changed-overwrite').click();
    await poll(() => page.title()).toBe('restored.pxplan — Pixel Ledger');
    const onDisk = parsePlanText(await readFile(target, 'utf8'));
    expect(onDisk.ok && onDisk.value.rows.find((r) => r.id === 'saas-hero')?.finals).toBe(12);
    expect(app.pageErrors).toEqual([]);
  });

  it('follows the theme: dark when the shell says so', async () => {
    await app.host.raw.emit('theme:changed', { dark: true });
    await poll(() => page.locator('body').getAttribute('data-ag-theme-mode')).toBe('dark');
    await app.host.raw.emit('theme:changed', { dark: false });
    await poll(() => page.locator('body').getAttribute('data-ag-theme-mode')).toBe('light');
  });
});

import { mkdtemp, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addRecentFile } from '../../node/files/recent-files';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { hasTool } from '../support/tools';
import { gridColumnTexts } from './support/grid-page';
import { startApp, type RunningApp } from './support/harness';

/**
 * Issue 9 §1 as a user meets it, in real Chromium through the browser host: the last plan was
 * overwritten by a workbook; the next start says why and restores its backup; File › Export suggests the
 * plan's name and folder and, answered with the plan's own name, never writes over the plan.
 */

const sample = createSamplePlan('2026-11-28');
const backupPlan = {
  ...sample,
  meta: { ...sample.meta, name: 'Q1 before the accident' },
  rows: sample.rows.slice(0, 2),
};

let app: RunningApp;
let page: Page;
let folder: string;
let userData: string;
let planPath: string;

function poll<T>(read: () => T | Promise<T>) {
  return expect.poll(read, { timeout: 10_000, interval: 50 });
}

beforeAll(async () => {
  if (!hasTool('chromium')) return;
  folder = await mkdtemp(path.join(os.tmpdir(), 'pixel-ledger-never-lose-'));
  userData = path.join(folder, 'user-data');
  planPath = path.join(folder, 'q1.pxplan');
  await writeFile(`${planPath}.bak`, serializePlan(backupPlan));
  await utimes(`${planPath}.bak`, new Date('2026-11-27T09:00:00Z'), new Date('2026-11-27T09:00:00Z'));
  await writeFile(planPath, serializePlan(sample));
  await addRecentFile(userData, planPath);
  // What the old export did: the plan file now holds a workbook.
  await writeFile(planPath, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x06, 0x00, 0x08, 0x00, 0xff, 0xfe]));
  app = await startApp({ userDataDir: userData });
  page = app.page;
});

afterAll(async () => {
  await app?.close();
  if (folder) await rm(folder, { recursive: true, force: true });
});

describe.skipIf(!hasTool('chromium'))('never lose a plan, in the browser', () => {
  it('a start whose last plan does not open says why and offers its backup, never quietly the sample', async () => {
    const error = page.getByTestId('error-banner');
    await poll(() => error.textContent()).toMatch(/Could not open “q1\.pxplan”: the file is not text/);
    expect(await error.textContent()).toContain('The sample plan is shown; the file is left as it is.');
    expect(await page.getByTestId('backup-banner').textContent()).toContain('The backup of “q1.pxplan”');
    expect(await page.title()).toBe('Q1 launch imagery (sample) — Pixel Ledger');

    await page.getByTestId('backup-restore').click();
    await poll(() => gridColumnTexts(page, 'name')).toEqual(backupPlan.rows.map((r) => r.name));
    await poll(() => page.title()).toBe('q1.pxplan • — Pixel Ledger');
    expect(await page.getByTestId('backup-banner').count()).toBe(0);

    // Saving puts the restored plan back in place.
    await app.host.sendMenuCommand('file:save');
    await poll(() => page.title()).toBe('q1.pxplan — Pixel Ledger');
    const reread = parsePlanText(await readFile(planPath, 'utf8'));
    expect(reread.ok && reread.value.meta.name).toBe('Q1 before the accident');
  });

  it('Export suggests the plan’s name in its folder, and answered with the plan’s own name leaves the plan whole', async () => {
    const before = await readFile(planPath, 'utf8');
    app.host.setNextSavePath(planPath);
    await app.host.sendMenuCommand('file:export-xlsx');
    await poll(() => page.getByTestId('info-message').textContent()).toBe(`Exported to ${planPath}.xlsx`);
    expect(app.host.raw.dialogs.asked.at(-1)).toMatchObject({
      type: 'save',
      kind: 'xlsx',
      suggestedName: 'q1.xlsx',
      suggestedFolder: folder,
    });
    expect(await readFile(planPath, 'utf8')).toBe(before);
    expect((await readFile(`${planPath}.xlsx`)).subarray(0, 2).toString()).toBe('PK');
    await poll(() => page.title()).toBe('q1.pxplan — Pixel Ledger');
  });

  it('an export answered with another plan’s name is refused with the reason, and that plan is kept', async () => {
    const other = path.join(folder, 'finance.xlsx');
    await writeFile(other, serializePlan(sample));
    app.host.setNextSavePath(other);
    await app.host.sendMenuCommand('file:export-xlsx');
    await poll(() => page.getByTestId('error-banner').textContent()).toContain(
      '“finance.xlsx” is a Pixel Ledger plan, which the export would replace; choose another name',
    );
    expect(await readFile(other, 'utf8')).toBe(serializePlan(sample));
  });
});

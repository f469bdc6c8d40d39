import { execFileSync } from 'node:child_process';
import { mkdir, readFile, stat, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRecentFile } from '../../node/files/recent-files';
import { createHandlers } from '../../node/handlers';
import type { HandlerMap } from '../../node/handlers/handler-types';
import { dispatch } from '../../node/ipc/dispatch';
import type { RequestChannel, RequestResult } from '../../shared/ipc/contract';
import { serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { handlerContext, recordingDesktop, TODAY } from './support/handler-context';
import { useTempDirs } from './support/temp-dir';

/**
 * Issue 9 §1, in the handlers both shells run: an export never writes over a plan, an export replacing
 * an earlier one keeps a backup, and a start-up whose last plan does not open says why and offers its backup.
 */

const tempDir = useTempDirs();
const sample = createSamplePlan(TODAY);
const older = { ...sample, meta: { ...sample.meta, name: 'Before the last save' } };

function session(userDataDir: string) {
  const handlers: HandlerMap = createHandlers(recordingDesktop());
  const ctx = handlerContext(userDataDir);
  async function call<C extends RequestChannel>(channel: C, args: unknown): Promise<RequestResult<C>> {
    const outcome = await dispatch(handlers, channel, args, ctx);
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.result as RequestResult<C>;
  }
  return { call, ctx };
}

/** A saved plan in its own folder, open in a session: the situation of a user about to export. */
async function planOnDisk() {
  const dir = await tempDir();
  const planPath = path.join(dir, 'Q1 budget.pxplan');
  await writeFile(planPath, serializePlan(sample));
  const app = session(await tempDir());
  const exportTo = (answer: string | null) => {
    if (answer === null) app.ctx.dialogs.cancelNextDialog('save');
    else app.ctx.dialogs.setNextSavePath(answer);
    return app.call('xlsx:export', { document: sample, scenarioId: null, path: null, planPath });
  };
  return { dir, planPath, app, exportTo };
}

const isZip = (bytes: Buffer) => bytes.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]));

describe('an export never costs a plan', () => {
  it('suggests the plan file’s name with .xlsx, in the plan’s folder', async () => {
    const { dir, app, exportTo } = await planOnDisk();
    await exportTo(null);
    expect(app.ctx.dialogs.asked.at(-1)).toMatchObject({
      type: 'save',
      kind: 'xlsx',
      suggestedName: 'Q1 budget.xlsx',
      suggestedFolder: dir,
    });
  });

  it('answering the Save dialog with the plan’s own name writes “<name>.pxplan.xlsx”, and the plan is untouched', async () => {
    const { dir, planPath, exportTo } = await planOnDisk();
    const before = await readFile(planPath);
    const result = await exportTo(planPath);
    expect(result).toEqual({ ok: true, path: `${planPath}.xlsx` });
    expect(await readFile(planPath)).toEqual(before);
    expect(isZip(await readFile(`${planPath}.xlsx`))).toBe(true);
    await expect(stat(path.join(dir, 'Q1 budget.pxplan.bak'))).rejects.toThrow();
  });

  it('refuses a target that is a plan under another name, whatever its extension, and writes nothing', async () => {
    const { dir, exportTo } = await planOnDisk();
    const disguised = path.join(dir, 'numbers.xlsx');
    await writeFile(disguised, serializePlan(older));
    const result = await exportTo(disguised);
    expect(result).toEqual({
      ok: false,
      error:
        '“numbers.xlsx” is a Pixel Ledger plan, which the export would replace; choose another name (nothing was written)',
    });
    expect(await readFile(disguised, 'utf8')).toBe(serializePlan(older));
  });

  it('refuses the open plan’s own path, whatever its extension', async () => {
    const { planPath, app } = await planOnDisk();
    const xlsxNamedPlan = planPath.replace(/\.pxplan$/, '.xlsx');
    app.ctx.dialogs.setNextSavePath(xlsxNamedPlan);
    const result = await app.call('xlsx:export', {
      document: sample,
      scenarioId: null,
      path: null,
      planPath: xlsxNamedPlan,
    });
    expect(result).toMatchObject({ ok: false, error: expect.stringContaining('is the plan you have open') });
  });

  it('replacing an earlier export keeps it as “.bak”, as saves do', async () => {
    const { dir, exportTo } = await planOnDisk();
    const target = path.join(dir, 'Q1 budget.xlsx');
    expect(await exportTo(target)).toEqual({ ok: true, path: target });
    const first = await readFile(target);
    expect(await exportTo(target)).toEqual({ ok: true, path: target });
    expect(await readFile(`${target}.bak`)).toEqual(first);
    expect(isZip(await readFile(target))).toBe(true);
  });

  it('refuses to replace a file that is not a workbook, a folder, or a named pipe, saying what it is', async () => {
    const { dir, exportTo } = await planOnDisk();
    const notes = path.join(dir, 'notes.xlsx');
    await writeFile(notes, 'meeting notes, not a workbook\n');
    expect(await exportTo(notes)).toMatchObject({
      ok: false,
      error: expect.stringContaining('is not an Excel workbook'),
    });
    expect(await readFile(notes, 'utf8')).toBe('meeting notes, not a workbook\n');

    const folder = path.join(dir, 'folder.xlsx');
    await mkdir(folder);
    expect(await exportTo(folder)).toMatchObject({ ok: false, error: expect.stringContaining('is a folder') });

    const pipe = path.join(dir, 'pipe.xlsx');
    execFileSync('mkfifo', [pipe]);
    expect(await exportTo(pipe)).toMatchObject({ ok: false, error: expect.stringContaining('is a named pipe') });
  });
});

describe('a start-up whose last plan does not open', () => {
  it('says why, shows the sample, and offers the backup, which restores the plan at its path', async () => {
    const userData = await tempDir();
    const dir = await tempDir();
    const planPath = path.join(dir, 'q1.pxplan');
    await writeFile(`${planPath}.bak`, serializePlan(older));
    await utimes(`${planPath}.bak`, new Date('2026-11-27T09:00:00Z'), new Date('2026-11-27T09:00:00Z'));
    // The plan file was overwritten by a workbook (what an export over it used to do).
    await writeFile(planPath, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x81]));
    await addRecentFile(userData, planPath);

    const app = session(userData);
    const startup = await app.call('app:startup', { today: TODAY });
    expect(startup.plan.path).toBeNull();
    expect(startup.openError).toMatch(/^Could not open “q1\.pxplan”: the file is not text.*The sample plan is shown/);
    expect(startup.backup).toEqual({ path: planPath, savedAt: '2026-11-27T09:00:00.000Z' });

    const restored = await app.call('plan:restore-backup', { path: planPath });
    expect(restored).toEqual({ ok: true, plan: { document: older, path: planPath } });
    // Offered once: asking again (or for another file) is refused.
    expect(await app.call('plan:restore-backup', { path: planPath })).toMatchObject({ ok: false });
  });

  it('says why a last plan that was moved or deleted is not shown, once', async () => {
    const userData = await tempDir();
    const planPath = path.join(await tempDir(), 'gone.pxplan');
    await writeFile(planPath, serializePlan(sample));
    await addRecentFile(userData, planPath);
    execFileSync('rm', [planPath]);

    const first = await session(userData).call('app:startup', { today: TODAY });
    expect(first.openError).toMatch(/^Could not open “gone\.pxplan”: the file does not exist/);
    expect(first.backup).toBeNull();
    const second = await session(userData).call('app:startup', { today: TODAY });
    expect(second.openError).toBeNull();
  });

  it('never offers a backup the start-up did not offer', async () => {
    const dir = await tempDir();
    const planPath = path.join(dir, 'other.pxplan');
    await writeFile(`${planPath}.bak`, serializePlan(older));
    const app = session(await tempDir());
    await app.call('app:startup', { today: TODAY });
    expect(await app.call('plan:restore-backup', { path: planPath })).toEqual({
      ok: false,
      error: 'no backup of that plan was offered',
    });
  });
});

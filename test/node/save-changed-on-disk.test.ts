import { mkdir, readFile, rm, utimes, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRecentFile } from '../../node/files/recent-files';
import { createHandlers } from '../../node/handlers';
import type { HandlerMap } from '../../node/handlers/handler-types';
import { dispatch } from '../../node/ipc/dispatch';
import type { RequestChannel, RequestResult } from '../../shared/ipc/contract';
import { parsePlanText, serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { handlerContext, recordingDesktop, TODAY } from './support/handler-context';
import { useTempDirs } from './support/temp-dir';

/**
 * Saving back to a plan's file that another program wrote since this session opened or saved it (a
 * colleague's copy synced over it): main refuses to write over it unless told to, and the page asks.
 */
const tempDir = useTempDirs();
const sample = createSamplePlan(TODAY);

/** A session of the app over `dir` (its user data): its handlers, called as the page calls them. */
function session(dir: string) {
  const handlers: HandlerMap = createHandlers(recordingDesktop());
  const ctx = handlerContext(dir);
  async function call<C extends RequestChannel>(channel: C, args: unknown): Promise<RequestResult<C>> {
    const outcome = await dispatch(handlers, channel, args, ctx);
    if (!outcome.ok) throw new Error(outcome.error);
    return outcome.result as RequestResult<C>;
  }
  return { call, ctx };
}

/** A session with the sample plan opened through the Open dialog. */
async function app() {
  const dir = await tempDir();
  const { call, ctx } = session(dir);
  const file = path.join(dir, 'q1.pxplan');
  await writeFile(file, serializePlan(sample));
  ctx.dialogs.setNextOpenPath(file);
  const opened = await call('plan:open', { path: null });
  if (!opened.ok) throw new Error('the plan did not open');
  return { call, file };
}

const mine = { ...sample, meta: { ...sample.meta, name: 'My edits' } };
const theirs = { ...sample, meta: { ...sample.meta, name: 'Changed by a colleague' } };

async function nameOnDisk(file: string): Promise<string> {
  const read = parsePlanText(await readFile(file, 'utf8'));
  return read.ok ? read.value.meta.name : `unreadable: ${read.error}`;
}

/** Another program writes the file; a save of ours is then refused and their file left as it is. */
async function saveIsRefusedAfterTheyWrite(call: ReturnType<typeof session>['call'], file: string): Promise<void> {
  await writeFile(file, serializePlan(theirs));
  // Some file systems keep whole-second times: the size or time differs either way, made sure here.
  await utimes(file, new Date(), new Date(Date.now() + 5_000));
  expect(await call('plan:save', { document: mine, path: file, saveAs: false })).toEqual({
    ok: false,
    changedOnDisk: true,
  });
  expect(await nameOnDisk(file)).toBe('Changed by a colleague');
}

/** A session that reopened its last plan, edited it, autosaved, and died: its user data and the plan's file. */
async function crashedWhileEditing(): Promise<{ dir: string; file: string }> {
  const dir = await tempDir();
  const file = path.join(dir, 'q1.pxplan');
  await writeFile(file, serializePlan(sample));
  await addRecentFile(dir, file);
  const crashed = session(dir);
  await crashed.call('app:startup', { today: TODAY });
  await crashed.call('recovery:write', { document: mine, path: file });
  return { dir, file };
}

describe('saving over a plan file another program changed', () => {
  it('is refused, the file left as they wrote it, until the page says to overwrite', async () => {
    const { call, file } = await app();
    await saveIsRefusedAfterTheyWrite(call, file);
    expect(await call('plan:save', { document: mine, path: file, saveAs: false, overwrite: true })).toEqual({
      ok: true,
      path: file,
    });
    expect(await nameOnDisk(file)).toBe('My edits');
  });

  it('saving again after this session saved is not a change by someone else', async () => {
    const { call, file } = await app();
    expect(await call('plan:save', { document: mine, path: file, saveAs: false })).toMatchObject({ ok: true });
    const again = { ...mine, meta: { ...mine.meta, name: 'More edits' } };
    expect(await call('plan:save', { document: again, path: file, saveAs: false })).toMatchObject({ ok: true });
    expect(await nameOnDisk(file)).toBe('More edits');
  });

  it('a file deleted since it was opened is simply written again', async () => {
    const { call, file } = await app();
    await rm(file);
    expect(await call('plan:save', { document: mine, path: file, saveAs: false })).toMatchObject({ ok: true });
    expect(await nameOnDisk(file)).toBe('My edits');
  });

  it('the plan start-up reopens (the last one saved) is checked the same way', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'last.pxplan');
    await writeFile(file, serializePlan(sample));
    await addRecentFile(dir, file);
    const { call } = session(dir);
    expect(await call('app:startup', { today: TODAY })).toMatchObject({ plan: { path: file } });
    await saveIsRefusedAfterTheyWrite(call, file);
  });

  it('a plan restored from a crash autosave: asks if another program wrote its file after the crash', async () => {
    const { dir, file } = await crashedWhileEditing();
    // A colleague's copy syncs over the file before the app starts again, and start-up reopens it.
    const next = session(dir);
    await writeFile(file, serializePlan(theirs));
    await utimes(file, new Date(), new Date(Date.now() + 5_000));
    expect(await next.call('app:startup', { today: TODAY })).toMatchObject({ plan: { path: file } });
    expect(await next.call('recovery:restore', {})).toMatchObject({ ok: true, plan: { path: file } });
    expect(await next.call('plan:save', { document: mine, path: file, saveAs: false })).toEqual({
      ok: false,
      changedOnDisk: true,
    });
    expect(await nameOnDisk(file)).toBe('Changed by a colleague');
  });

  it('a plan restored from a crash autosave saves back without asking when nobody wrote its file', async () => {
    const { dir, file } = await crashedWhileEditing();
    const next = session(dir);
    await next.call('app:startup', { today: TODAY });
    await next.call('recovery:restore', {});
    expect(await next.call('plan:save', { document: mine, path: file, saveAs: false })).toMatchObject({ ok: true });
    expect(await nameOnDisk(file)).toBe('My edits');
  });

  it('an autosave of an earlier release (no file version): a file written after the autosave counts as changed', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'q1.pxplan');
    await writeFile(file, serializePlan(theirs));
    await addRecentFile(dir, file);
    await mkdir(path.join(dir, 'recovery'));
    const autosave = (savedAt: string) =>
      writeFile(path.join(dir, 'recovery', 'autosave.json'), JSON.stringify({ savedAt, path: file, document: mine }));

    // Written by another program after the autosave was made: asked.
    await autosave('2026-11-28T10:00:00.000Z');
    await utimes(file, new Date('2026-11-28T11:00:00Z'), new Date('2026-11-28T11:00:00Z'));
    const later = session(dir);
    await later.call('app:startup', { today: TODAY });
    await later.call('recovery:restore', {});
    expect(await later.call('plan:save', { document: mine, path: file, saveAs: false })).toEqual({
      ok: false,
      changedOnDisk: true,
    });

    // Last written before the autosave (by the session that crashed, say): saved back without asking.
    await autosave('2026-11-28T12:00:00.000Z');
    const earlier = session(dir);
    await earlier.call('app:startup', { today: TODAY });
    await earlier.call('recovery:restore', {});
    expect(await earlier.call('plan:save', { document: mine, path: file, saveAs: false })).toMatchObject({
      ok: true,
    });
  });

  it('a plan restored from its backup asks before writing over a file another program rewrote', async () => {
    const dir = await tempDir();
    const file = path.join(dir, 'q1.pxplan');
    await writeFile(`${file}.bak`, serializePlan(sample));
    await writeFile(file, Buffer.from([0x50, 0x4b, 0x03, 0x04, 0xff, 0xfe, 0x00, 0x81])); // damaged
    await addRecentFile(dir, file);
    const { call } = session(dir);
    expect(await call('app:startup', { today: TODAY })).toMatchObject({ backup: { path: file } });
    expect(await call('plan:restore-backup', { path: file })).toMatchObject({ ok: true });
    await saveIsRefusedAfterTheyWrite(call, file);
  });
});

import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { addRecentFile, readRecentFiles } from '../../node/files/recent-files';
import { createHandlers } from '../../node/handlers';
import type { HandlerMap } from '../../node/handlers/handler-types';
import { dispatch } from '../../node/ipc/dispatch';
import type { RequestChannel, RequestResult } from '../../shared/ipc/contract';
import { blankPlan } from '../../shared/plan/new-plan';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { serializePlan } from '../../shared/plan/plan-document';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { failingFs } from './support/failing-fs';
import { handlerContext, recordingDesktop, TODAY, type TestContext } from './support/handler-context';
import { useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs();
const sample = createSamplePlan(TODAY);
const edited = { ...sample, meta: { ...sample.meta, name: 'Unsaved work' } };

/** One "session" of the app: fresh handlers over a user-data folder that persists between sessions. */
function session(userDataDir: string, overrides: Partial<Omit<TestContext, 'dialogs'>> = {}) {
  const handlers: HandlerMap = createHandlers(recordingDesktop());
  const ctx = handlerContext(userDataDir, overrides);
  async function call<C extends RequestChannel>(channel: C, args: unknown): Promise<RequestResult<C>> {
    const outcome = await dispatch(handlers, channel, args, ctx);
    if (!outcome.ok) throw new Error(outcome.error);
    // dispatch validated the result against the contract schema of `channel`.
    return outcome.result as RequestResult<C>;
  }
  return { call, ctx };
}

/** Save As, the user choosing `target` in the dialog: the only way the page gets a path written. */
async function saveAs(app: ReturnType<typeof session>, document: PlanDocument, target: string) {
  app.ctx.dialogs.setNextSavePath(target);
  return app.call('plan:save', { document, path: null, saveAs: true });
}

describe('recovery autosave', () => {
  it('after a crash, the next start offers the unsaved plan, and restore returns it exactly', async () => {
    const userData = await tempDir();
    const crashed = session(userData);
    expect(await crashed.call('recovery:write', { document: edited, path: '/plans/q1.pxplan' })).toEqual({ ok: true });
    // ...the app dies here: no save, no clean close.

    const next = session(userData);
    const startup = await next.call('app:startup', { today: TODAY });
    expect(startup.recovery).toEqual({
      savedAt: '2026-11-28T10:00:00.000Z',
      path: '/plans/q1.pxplan',
      planName: 'Unsaved work',
    });

    const restored = await next.call('recovery:restore', {});
    expect(restored).toEqual({ ok: true, plan: { document: edited, path: '/plans/q1.pxplan' } });
  });

  it('the offered plan survives this session autosaving before the user answers', async () => {
    const userData = await tempDir();
    await session(userData).call('recovery:write', { document: edited, path: null });

    const next = session(userData);
    expect((await next.call('app:startup', { today: TODAY })).recovery?.planName).toBe('Unsaved work');
    // The new session starts editing and autosaves its own work...
    await next.call('recovery:write', { document: blankPlan(TODAY, 'New session work'), path: null });
    // ...the crashed session's plan is still the one restored.
    expect(await next.call('recovery:restore', {})).toMatchObject({
      ok: true,
      plan: { document: { meta: { name: 'Unsaved work' } } },
    });
  });

  it('discard removes it: the next start offers nothing and restore says there is nothing', async () => {
    const userData = await tempDir();
    await session(userData).call('recovery:write', { document: edited, path: null });
    const next = session(userData);
    expect((await next.call('app:startup', { today: TODAY })).recovery).not.toBeNull();
    expect(await next.call('recovery:discard', {})).toEqual({ ok: true });
    expect(await next.call('recovery:restore', {})).toEqual({
      ok: false,
      error: 'Could not restore the unsaved plan: there is no recovered plan to restore',
    });
    expect((await session(userData).call('app:startup', { today: TODAY })).recovery).toBeNull();
  });

  it('a successful save removes the autosave, so the next start offers nothing', async () => {
    const userData = await tempDir();
    const dir = await tempDir();
    const app = session(userData);
    await app.call('recovery:write', { document: edited, path: null });
    const target = path.join(dir, 'saved.pxplan');
    expect(await saveAs(app, edited, target)).toEqual({
      ok: true,
      path: target,
    });
    expect((await session(userData).call('app:startup', { today: TODAY })).recovery).toBeNull();
  });

  it('a restored plan is this session’s unsaved work again: it is offered after a second crash', async () => {
    const userData = await tempDir();
    await session(userData).call('recovery:write', { document: edited, path: null });
    const second = session(userData);
    await second.call('app:startup', { today: TODAY });
    await second.call('recovery:restore', {});
    // Crash again before any autosave of the second session.
    const third = session(userData);
    expect((await third.call('app:startup', { today: TODAY })).recovery?.planName).toBe('Unsaved work');
  });

  it('a damaged autosave is not offered and does not stop the start', async () => {
    const userData = await tempDir();
    await mkdir(path.join(userData, 'recovery'), { recursive: true });
    await writeFile(
      path.join(userData, 'recovery', 'autosave.json'),
      '{"savedAt": "x", "path": null, "document": {"schemaVersion": 1}',
    );
    const startup = await session(userData).call('app:startup', { today: TODAY });
    expect(startup.recovery).toBeNull();
    expect(startup.plan.document.meta.name).toBe(sample.meta.name);
  });
});

describe('what the window shows at start', () => {
  it('first start (no files ever opened): the sample plan, unsaved', async () => {
    const startup = await session(await tempDir()).call('app:startup', { today: TODAY });
    expect(startup).toEqual({ plan: { document: sample, path: null }, recovery: null, openError: null, backup: null });
  });

  it('a plan file passed on the command line wins', async () => {
    const dir = await tempDir();
    const launched = path.join(dir, 'launched.pxplan');
    await writeFile(launched, serializePlan(edited));
    const startup = await session(await tempDir(), { launchPath: launched }).call('app:startup', { today: TODAY });
    expect(startup).toEqual({
      plan: { document: edited, path: launched },
      recovery: null,
      openError: null,
      backup: null,
    });
  });

  it('a plan file holding keys this version does not read says so at start too', async () => {
    const dir = await tempDir();
    const launched = path.join(dir, 'launched.pxplan');
    await writeFile(
      launched,
      serializePlan(edited).replace('"schemaVersion": 4', '"exportedBy": "script", "schemaVersion": 4'),
    );
    const startup = await session(await tempDir(), { launchPath: launched }).call('app:startup', { today: TODAY });
    expect(startup.plan).toEqual({
      document: edited,
      path: launched,
      fieldsLeftOut: { count: 1, first: ['exportedBy'], more: 0 },
    });
  });

  it('a command-line file that cannot be opened is reported, and the usual start follows', async () => {
    const dir = await tempDir();
    const launched = path.join(dir, 'broken.pxplan');
    await writeFile(launched, '{ nope');
    const startup = await session(await tempDir(), { launchPath: launched }).call('app:startup', { today: TODAY });
    expect(startup.openError).toMatch(/^Could not open “broken\.pxplan”: the file is not valid JSON/);
    expect(startup.plan).toEqual({ document: sample, path: null });
  });

  it('later starts reopen the last file opened or saved, if it still exists and opens', async () => {
    const userData = await tempDir();
    const dir = await tempDir();
    const first = path.join(dir, 'first.pxplan');
    const second = path.join(dir, 'second.pxplan');
    const app = session(userData);
    await saveAs(app, sample, first);
    await saveAs(app, edited, second);

    expect((await session(userData).call('app:startup', { today: TODAY })).plan).toEqual({
      document: edited,
      path: second,
    });

    await rm(second);
    // The last file is gone: the one before it is now the most recent.
    expect((await session(userData).call('app:startup', { today: TODAY })).plan).toEqual({
      document: sample,
      path: first,
    });

    await rm(first);
    expect((await session(userData).call('app:startup', { today: TODAY })).plan).toEqual({
      document: sample,
      path: null,
    });
  });

  it('a last file that has become unreadable is never skipped silently: start-up says why', async () => {
    const userData = await tempDir();
    const dir = await tempDir();
    const file = path.join(dir, 'soon-broken.pxplan');
    await saveAs(session(userData), edited, file);
    await writeFile(file, 'garbage');
    const startup = await session(userData).call('app:startup', { today: TODAY });
    expect(startup).toEqual({
      plan: { document: sample, path: null },
      recovery: null,
      openError: expect.stringMatching(
        /^Could not open “soon-broken\.pxplan”: the file is not valid JSON.*The sample plan is shown; the file is left as it is\.$/,
      ),
      // Its first save had no earlier version, so there is no backup to offer.
      backup: null,
    });
  });
});

describe('recent files', () => {
  it('most recent first, each file once, at most ten, missing files dropped', async () => {
    const userData = await tempDir();
    const dir = await tempDir();
    const app = session(userData);
    const files = Array.from({ length: 12 }, (_, i) => path.join(dir, `plan-${i}.pxplan`));
    for (const file of files) await saveAs(app, sample, file);
    // Opening an older file moves it to the top without duplicating it.
    await app.call('plan:open', { path: files[5] });

    const expected = [
      files[5],
      files[11],
      files[10],
      files[9],
      files[8],
      files[7],
      files[6],
      files[4],
      files[3],
      files[2],
    ];
    expect(await app.call('plan:recent', {})).toEqual({ paths: expected });

    await rm(files[10] ?? '');
    expect((await app.call('plan:recent', {})).paths).toEqual(expected.filter((f) => f !== files[10]));
    expect(await readdir(userData)).toContain('recent-files.json');
  });

  it('relative and absolute spellings of one file count once', async () => {
    const userData = await tempDir();
    const dir = await tempDir();
    const file = path.join(dir, 'same.pxplan');
    const app = session(userData);
    await saveAs(app, sample, file);
    await app.call('plan:open', { path: path.relative(process.cwd(), file) });
    expect(await app.call('plan:recent', {})).toEqual({ paths: [file] });
  });

  it('writes the list only when it changed, and shows the stored list when it cannot be written', async () => {
    const userData = await tempDir();
    const dir = await tempDir();
    const [first, second] = [path.join(dir, 'first.pxplan'), path.join(dir, 'second.pxplan')];
    await writeFile(first, '');
    await writeFile(second, '');
    expect(await addRecentFile(userData, first)).toEqual([first]);

    const counting = failingFs('link');
    expect(await addRecentFile(userData, first, counting)).toEqual([first]);
    expect(counting.calls).toEqual([]);

    expect(await addRecentFile(userData, second, failingFs('rename'))).toEqual([first]);
    expect(await readRecentFiles(userData)).toEqual([first]);
  });

  it('a damaged recent list reads as empty instead of stopping the app', async () => {
    const userData = await tempDir();
    await writeFile(path.join(userData, 'recent-files.json'), '[1, 2');
    expect(await session(userData).call('plan:recent', {})).toEqual({ paths: [] });
  });
});

import { describe, expect, it } from 'vitest';
import type {
  InvokeOptions,
  EventChannel,
  EventPayload,
  PixelLedgerApi,
  RequestArgs,
  RequestChannel,
  RequestResult,
  SaveResult,
} from '../../../shared/ipc/contract';
import { blankPlan } from '../../../shared/plan/new-plan';
import { serializePlan } from '../../../shared/plan/plan-document';
import type { PlanDocument } from '../../../shared/plan/plan-schema';
import { createSamplePlan } from '../../../shared/plan/sample-plan';
import { AUTOSAVE_DELAY_MS, PlanFiles, type PlanFilesState } from '../../../renderer/src/state/plan-files';
import { PlanStore } from '../../../renderer/src/state/plan-store';

/**
 * The file state machine's transitions, with a fake shell: new, open, save, save as, close, the unsaved
 * question, the crash autosave and its restore offer, Excel import/export, dropped files and errors.
 */

const TODAY = '2026-11-28';
const SAMPLE = createSamplePlan(TODAY);
const OTHER: PlanDocument = { ...blankPlan(TODAY, 'Other plan'), rows: SAMPLE.rows.slice(0, 1) };

type Handler<C extends RequestChannel> = (args: RequestArgs<C>) => RequestResult<C> | Promise<RequestResult<C>>;
type Handlers = { [C in RequestChannel]?: Handler<C> };

/** A fake shell: answers channels from `handlers`, records every call, and lets a test emit events. */
class FakeShell {
  readonly calls: { channel: RequestChannel; args: unknown }[] = [];
  private readonly listeners = new Map<EventChannel, Set<(payload: never) => void>>();
  droppedPath: string | null = null;
  /** What plan:open hands on before answering, as the browser host's bridge does (plan-sent-first.ts). */
  unverifiedPlan: unknown = undefined;

  constructor(public handlers: Handlers) {}

  channels(): RequestChannel[] {
    return this.calls.map((c) => c.channel);
  }

  readonly api: PixelLedgerApi = {
    invoke: async <C extends RequestChannel>(
      channel: C,
      args: RequestArgs<C>,
      options?: InvokeOptions,
    ): Promise<RequestResult<C>> => {
      this.calls.push({ channel, args });
      if (channel === 'plan:open' && this.unverifiedPlan !== undefined)
        options?.onUnverifiedPlan?.(this.unverifiedPlan);
      const handler = this.handlers[channel];
      if (handler) return handler(args);
      return defaultAnswer(channel, args);
    },
    on: <C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void) => {
      const set = this.listeners.get(channel) ?? new Set();
      set.add(listener);
      this.listeners.set(channel, set);
      return () => set.delete(listener);
    },
    pathForFile: () => this.droppedPath,
  };

  emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    for (const l of this.listeners.get(channel) ?? []) (l as (p: EventPayload<C>) => void)(payload);
  }
}

function defaultAnswer<C extends RequestChannel>(channel: C, args: RequestArgs<C>): RequestResult<C> {
  const template = typeof args === 'object' && 'template' in args ? args.template : 'blank';
  const answers: { [K in RequestChannel]?: RequestResult<K> } = {
    'app:startup': { plan: { document: SAMPLE, path: null }, recovery: null, openError: null },
    'plan:new': { document: template === 'sample' ? SAMPLE : blankPlan(TODAY), path: null },
    'recovery:discard': { ok: true },
    'recovery:write': { ok: true },
    'window:document-state': { ok: true },
    'window:close-confirmed': { ok: true },
  };
  const answer = answers[channel];
  if (!answer) throw new Error(`the fake shell has no answer for ${channel}`);
  return answer;
}

/** Timers the test runs by hand. */
class FakeClock {
  private timers: { at: number; run: () => void; id: number }[] = [];
  private now = 0;
  private nextId = 0;
  schedule = (run: () => void, ms: number) => {
    const id = this.nextId++;
    this.timers.push({ at: this.now + ms, run, id });
    return () => {
      this.timers = this.timers.filter((t) => t.id !== id);
    };
  };
  advance(ms: number): void {
    this.now += ms;
    const due = this.timers.filter((t) => t.at <= this.now);
    this.timers = this.timers.filter((t) => t.at > this.now);
    for (const t of due) t.run();
  }
  get pending(): number {
    return this.timers.length;
  }
}

interface Setup {
  shell: FakeShell;
  store: PlanStore;
  files: PlanFiles;
  clock: FakeClock;
  errors: (string | null)[];
  infos: string[];
  replaced: number[];
  /** Plans handed to preparePlan before main's verdict. */
  prepared: unknown[];
  lastError(): string | null;
  state(): PlanFilesState;
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

async function setup(handlers: Handlers = {}): Promise<Setup> {
  const shell = new FakeShell(handlers);
  const store = new PlanStore(blankPlan(TODAY, 'Loading…'));
  const clock = new FakeClock();
  const errors: (string | null)[] = [];
  const infos: string[] = [];
  const replaced: number[] = [];
  const prepared: unknown[] = [];
  const tasks: Promise<unknown>[] = [];
  const files = new PlanFiles({
    api: shell.api,
    store,
    reportError: (m) => errors.push(m),
    reportInfo: (m) => infos.push(m),
    onPlanReplaced: () => replaced.push(1),
    attempt: (task) => tasks.push(task),
    today: () => TODAY,
    schedule: clock.schedule,
    preparePlan: (document) => prepared.push(document),
  });
  files.start();
  await flush();
  return {
    shell,
    store,
    files,
    clock,
    errors,
    infos,
    replaced,
    prepared,
    lastError: () => errors[errors.length - 1] ?? null,
    state: () => files.getState(),
  };
}

/** Makes the plan dirty with one cell edit. */
function edit(store: PlanStore): void {
  const row = store.getSnapshot().document.rows[0];
  if (!row) throw new Error('the plan has a row');
  store.execute({
    kind: 'set-cells',
    label: 'Edit Finals',
    changes: [{ rowId: row.id, field: 'finals', before: row.finals, after: row.finals + 1 }],
  });
}

describe('start', () => {
  it('shows what main offers, becomes ready and reports the window title state', async () => {
    const s = await setup();
    expect(s.state().ready).toBe(true);
    expect(s.store.getSnapshot().document.meta.name).toBe(SAMPLE.meta.name);
    expect(s.store.getSnapshot().dirty).toBe(false);
    expect(s.shell.calls.find((c) => c.channel === 'window:document-state')?.args).toEqual({
      fileName: SAMPLE.meta.name,
      dirty: false,
    });
  });

  it('offers a crash recovery and says why a plan passed at start did not open', async () => {
    const s = await setup({
      'app:startup': () => ({
        plan: { document: SAMPLE, path: null },
        recovery: { savedAt: '2026-11-27T10:00:00.000Z', path: null, planName: 'Lost work' },
        openError: 'the file is not text',
      }),
    });
    expect(s.state().recovery).toEqual({ savedAt: '2026-11-27T10:00:00.000Z', planName: 'Lost work' });
    expect(s.lastError()).toBe('Could not open the plan: the file is not text');
  });

  it('says so when the shell does not answer, and still becomes ready', async () => {
    const s = await setup({
      'app:startup': () => {
        throw new Error('no shell');
      },
    });
    expect(s.state().ready).toBe(true);
    expect(s.lastError()).toBe('Pixel Ledger could not start: no shell');
  });

  it('ignores a startup answer that arrives after it was stopped', async () => {
    const shell = new FakeShell({});
    const store = new PlanStore(blankPlan(TODAY, 'Loading…'));
    const files = new PlanFiles({
      api: shell.api,
      store,
      reportError: () => undefined,
      reportInfo: () => undefined,
      onPlanReplaced: () => undefined,
      attempt: () => undefined,
      today: () => TODAY,
      schedule: new FakeClock().schedule,
    });
    const stop = files.start();
    stop();
    await flush();
    expect(files.getState().ready).toBe(false);
    expect(store.getSnapshot().document.meta.name).toBe('Loading…');
  });
});

describe('new, open, save, save as', () => {
  it('opens a plan from a file: clean, with its path, stale autosave dropped', async () => {
    const s = await setup({
      'plan:open': () => ({ ok: true, plan: { document: OTHER, path: '/plans/other.pxplan' } }),
    });
    await s.files.openPlan(null);
    expect(s.store.getSnapshot()).toMatchObject({ path: '/plans/other.pxplan', dirty: false });
    expect(s.files.fileName()).toBe('other.pxplan');
    expect(s.replaced).toHaveLength(1);
    expect(s.shell.channels()).toContain('recovery:discard');
  });

  it('the plan opened last is the one shown, however long the one before takes to read', async () => {
    const BIG: PlanDocument = { ...blankPlan(TODAY, 'Big plan'), rows: SAMPLE.rows };
    let answerBig: (() => void) | null = null;
    const s = await setup({
      'plan:open': ({ path }) =>
        path === '/plans/big.pxplan'
          ? new Promise((resolve) => {
              answerBig = () => resolve({ ok: true, plan: { document: BIG, path: '/plans/big.pxplan' } });
            })
          : { ok: true, plan: { document: OTHER, path: '/plans/other.pxplan' } },
    });
    const big = s.files.openPlan('/plans/big.pxplan');
    await s.files.openPlan('/plans/other.pxplan');
    expect(s.store.getSnapshot().path).toBe('/plans/other.pxplan');
    (answerBig as (() => void) | null)?.();
    await big;
    expect(s.store.getSnapshot()).toMatchObject({ document: OTHER, path: '/plans/other.pxplan' });
    expect(s.replaced).toHaveLength(1);
  });

  it('keeps the plan and says why when a file cannot be opened; a cancelled dialog says nothing', async () => {
    const s = await setup({ 'plan:open': () => ({ ok: false, error: 'not a plan file' }) });
    await s.files.openPlan('/plans/bad.pxplan');
    expect(s.lastError()).toBe('Could not open the plan: not a plan file');
    expect(s.store.getSnapshot().document.meta.name).toBe(SAMPLE.meta.name);
    s.shell.handlers['plan:open'] = () => ({ ok: false, canceled: true });
    const before = s.errors.length;
    await s.files.openPlan(null);
    expect(s.errors).toHaveLength(before);
  });

  it('prepares a plan handed on before main’s verdict, and opens the verdict’s document', async () => {
    const s = await setup({
      'plan:open': () => ({ ok: true, plan: { document: OTHER, path: '/plans/other.pxplan' } }),
    });
    s.shell.unverifiedPlan = OTHER;
    await s.files.openPlan(null);
    expect(s.prepared).toEqual([OTHER]);
    expect(s.store.getSnapshot()).toMatchObject({ document: OTHER, path: '/plans/other.pxplan', dirty: false });
  });

  it('a plan handed on before a verdict that refuses it is never opened, and the error says why', async () => {
    const s = await setup({ 'plan:open': () => ({ ok: false, error: 'the plan is not valid: rows[0].finals' }) });
    const refused = { ...OTHER, meta: { ...OTHER.meta, name: 'Refused' } };
    s.shell.unverifiedPlan = refused;
    const before = s.store.getSnapshot();
    await s.files.openPlan('/plans/refused.pxplan');
    expect(s.prepared).toEqual([refused]);
    expect(s.lastError()).toBe('Could not open the plan: the plan is not valid: rows[0].finals');
    expect(s.store.getSnapshot()).toBe(before);
  });

  it('saves: the first save asks for a path, then the plan is clean and says where it went', async () => {
    const s = await setup({ 'plan:save': () => ({ ok: true, path: '/plans/q1.pxplan' }) });
    edit(s.store);
    expect(await s.files.save(false)).toBe(true);
    expect(s.shell.calls.find((c) => c.channel === 'plan:save')?.args).toMatchObject({ path: null, saveAs: true });
    expect(s.store.getSnapshot()).toMatchObject({ path: '/plans/q1.pxplan', dirty: false });
    expect(s.infos).toContain('Saved to /plans/q1.pxplan');
    // With a path, Save does not ask again; Save As always does.
    await s.files.save(false);
    await s.files.save(true);
    const saves = s.shell.calls.filter((c) => c.channel === 'plan:save').map((c) => c.args);
    expect(saves[1]).toMatchObject({ path: '/plans/q1.pxplan', saveAs: false });
    expect(saves[2]).toMatchObject({ path: '/plans/q1.pxplan', saveAs: true });
  });

  it('asks before writing over a file another program changed: Overwrite saves, Cancel keeps the changes', async () => {
    const saves: unknown[] = [];
    const s = await setup({
      'plan:save': (args) => {
        saves.push(args);
        return args.overwrite === true ? { ok: true, path: '/plans/q1.pxplan' } : { ok: false, changedOnDisk: true };
      },
    });
    s.store.load(SAMPLE, '/plans/q1.pxplan');
    edit(s.store);
    const cancelled = s.files.save(false);
    await flush();
    expect(s.state().changedOnDisk).toBe(true);
    s.files.answerChangedOnDisk('cancel');
    expect(await cancelled).toBe(false);
    expect(s.state().changedOnDisk).toBe(false);
    expect(s.store.getSnapshot().dirty).toBe(true);

    const overwritten = s.files.save(false);
    await flush();
    s.files.answerChangedOnDisk('overwrite');
    expect(await overwritten).toBe(true);
    expect(s.store.getSnapshot().dirty).toBe(false);
    expect(saves.map((a) => (a as { overwrite?: boolean }).overwrite)).toEqual([false, false, true]);
  });

  it('a failed save keeps the unsaved mark and says why', async () => {
    const s = await setup({ 'plan:save': () => ({ ok: false, error: 'the disk is full' }) });
    edit(s.store);
    expect(await s.files.save(false)).toBe(false);
    expect(s.store.getSnapshot().dirty).toBe(true);
    expect(s.lastError()).toBe('Could not save the plan: the disk is full');
  });

  it('starts a new plan at once when nothing is unsaved', async () => {
    const s = await setup();
    await s.files.newPlan('blank');
    expect(s.store.getSnapshot().document.rows).toEqual([]);
    expect(s.state().unsavedQuestion).toBeNull();
  });
});

describe('unsaved changes', () => {
  it('asks before New; Cancel keeps the plan and its changes', async () => {
    const s = await setup();
    edit(s.store);
    const pending = s.files.newPlan('blank');
    await flush();
    expect(s.state().unsavedQuestion).toBe('starting a new plan');
    s.files.answerUnsaved('cancel');
    await pending;
    expect(s.state().unsavedQuestion).toBeNull();
    expect(s.store.getSnapshot()).toMatchObject({ dirty: true });
    expect(s.store.getSnapshot().document.rows).toHaveLength(SAMPLE.rows.length);
  });

  it("Don't Save drops the changes; Save saves first and then goes on", async () => {
    const s = await setup({ 'plan:save': () => ({ ok: true, path: '/plans/kept.pxplan' }) });
    edit(s.store);
    let pending = s.files.newPlan('blank');
    await flush();
    s.files.answerUnsaved('discard');
    await pending;
    expect(s.store.getSnapshot().document.rows).toEqual([]);

    await s.files.newPlan('sample');
    edit(s.store);
    pending = s.files.newPlan('blank');
    await flush();
    s.files.answerUnsaved('save');
    await pending;
    expect(s.shell.channels()).toContain('plan:save');
    expect(s.store.getSnapshot().document.rows).toEqual([]);
  });

  it('a save that fails while answering keeps the plan', async () => {
    const s = await setup({ 'plan:save': () => ({ ok: false, error: 'permission denied' }) });
    edit(s.store);
    const pending = s.files.openPlan(null);
    await flush();
    s.files.answerUnsaved('save');
    await pending;
    expect(s.shell.channels()).not.toContain('plan:open');
    expect(s.store.getSnapshot().dirty).toBe(true);
  });

  it('closing asks, then confirms the close to main', async () => {
    const s = await setup();
    edit(s.store);
    s.shell.emit('window:close-requested', {});
    await flush();
    expect(s.state().unsavedQuestion).toBe('closing');
    s.files.answerUnsaved('discard');
    await flush();
    await flush();
    expect(s.shell.channels()).toContain('window:close-confirmed');
  });

  it('reports the unsaved mark to main when it changes, and only then', async () => {
    const s = await setup();
    const states = () =>
      s.shell.calls.filter((c) => c.channel === 'window:document-state').map((c) => c.args as { dirty: boolean });
    edit(s.store);
    edit(s.store);
    expect(states().map((x) => x.dirty)).toEqual([false, true]);
    s.store.undo();
    s.store.undo();
    expect(states().map((x) => x.dirty)).toEqual([false, true, false]);
  });
});

describe('recovery', () => {
  it('autosaves a moment after the last change while the plan is dirty, never when clean', async () => {
    const s = await setup();
    edit(s.store);
    s.clock.advance(AUTOSAVE_DELAY_MS - 1);
    edit(s.store); // a later change starts the wait again
    s.clock.advance(AUTOSAVE_DELAY_MS - 1);
    expect(s.shell.channels()).not.toContain('recovery:write');
    s.clock.advance(1);
    expect(s.shell.channels().filter((c) => c === 'recovery:write')).toHaveLength(1);
    s.store.undo();
    s.store.undo();
    expect(s.clock.pending).toBe(0);
  });

  it('holds the autosave while a save is under way: due again if the save failed, not if it left the plan clean', async () => {
    const answers: ((result: SaveResult) => void)[] = [];
    const s = await setup({ 'plan:save': () => new Promise<SaveResult>((resolve) => answers.push(resolve)) });
    const autosaves = () => s.shell.channels().filter((c) => c === 'recovery:write').length;
    s.store.load(SAMPLE, '/plans/q1.pxplan');
    edit(s.store);
    s.clock.advance(AUTOSAVE_DELAY_MS - 1);
    const failed = s.files.save(false);
    s.clock.advance(AUTOSAVE_DELAY_MS);
    expect(autosaves()).toBe(0);
    answers[0]?.({ ok: false, error: 'the disk is full' });
    expect(await failed).toBe(false);
    s.clock.advance(AUTOSAVE_DELAY_MS);
    expect(autosaves()).toBe(1);

    edit(s.store);
    const saved = s.files.save(false);
    answers[1]?.({ ok: true, path: '/plans/q1.pxplan' });
    expect(await saved).toBe(true);
    expect(s.clock.pending).toBe(0);
  });

  it('restores the recovered plan as unsaved, with its path', async () => {
    const s = await setup({
      'app:startup': () => ({
        plan: { document: SAMPLE, path: null },
        recovery: { savedAt: '2026-11-27T10:00:00.000Z', path: '/plans/lost.pxplan', planName: 'Other plan' },
        openError: null,
      }),
      'recovery:restore': () => ({ ok: true, plan: { document: OTHER, path: '/plans/lost.pxplan' } }),
    });
    await s.files.restoreRecovery();
    expect(s.state().recovery).toBeNull();
    expect(s.store.getSnapshot()).toMatchObject({ path: '/plans/lost.pxplan', dirty: true });
    expect(s.store.getSnapshot().document.meta.name).toBe('Other plan');
  });

  it('offers the backup of a last plan that did not open, and restores it as that plan, unsaved', async () => {
    const s = await setup({
      'app:startup': () => ({
        plan: { document: SAMPLE, path: null },
        recovery: null,
        openError: 'Could not open “q1.pxplan”: the file is not text',
        backup: { path: '/plans/q1.pxplan', savedAt: '2026-11-27T09:00:00.000Z' },
      }),
      'plan:restore-backup': ({ path }) => ({ ok: true, plan: { document: OTHER, path } }),
    });
    expect(s.lastError()).toBe('Could not open the plan: Could not open “q1.pxplan”: the file is not text');
    expect(s.state().backup).toEqual({ path: '/plans/q1.pxplan', savedAt: '2026-11-27T09:00:00.000Z' });
    await s.files.restoreBackup();
    expect(s.state().backup).toBeNull();
    expect(s.store.getSnapshot()).toMatchObject({ path: '/plans/q1.pxplan', dirty: true });
    expect(s.store.getSnapshot().document.meta.name).toBe('Other plan');
    expect(s.infos.at(-1)).toBe('Restored the backup of /plans/q1.pxplan: save to put it back in place');
  });

  it('a dismissed backup offer goes away and restores nothing', async () => {
    const s = await setup({
      'app:startup': () => ({
        plan: { document: SAMPLE, path: null },
        recovery: null,
        openError: 'gone',
        backup: { path: '/plans/q1.pxplan', savedAt: '2026-11-27T09:00:00.000Z' },
      }),
    });
    s.files.dismissBackup();
    expect(s.state().backup).toBeNull();
    await s.files.restoreBackup();
    expect(s.shell.channels()).not.toContain('plan:restore-backup');
  });

  it('keeps an offered recovery when another plan opens, and discards it only when asked', async () => {
    const s = await setup({
      'app:startup': () => ({
        plan: { document: SAMPLE, path: null },
        recovery: { savedAt: '2026-11-27T10:00:00.000Z', path: null, planName: 'Lost' },
        openError: null,
      }),
    });
    await s.files.newPlan('blank');
    expect(s.shell.channels()).not.toContain('recovery:discard');
    await s.files.discardRecovery();
    expect(s.state().recovery).toBeNull();
    expect(s.shell.channels()).toContain('recovery:discard');
  });

  it('says why a recovery could not be restored', async () => {
    const s = await setup({ 'recovery:restore': () => ({ ok: false, error: 'the autosave is gone' }) });
    await s.files.restoreRecovery();
    expect(s.lastError()).toBe('Could not restore the recovered plan: the autosave is gone');
  });
});

describe('Excel, dropped files and shell events', () => {
  it('imports a workbook only after confirmation, as one undo step', async () => {
    const s = await setup({ 'xlsx:import': () => ({ ok: true, document: OTHER, path: '/plans/finance.xlsx' }) });
    await s.files.importXlsx();
    expect(s.state().pendingImport?.path).toBe('/plans/finance.xlsx');
    expect(s.store.getSnapshot().document.rows).toHaveLength(SAMPLE.rows.length);
    s.files.confirmImport();
    expect(s.state().pendingImport).toBeNull();
    expect(s.store.getSnapshot().document.rows).toHaveLength(1);
    expect(s.store.getSnapshot().undoLabel).toBe('Import from Excel');
    expect(s.infos).toContain('Imported 1 rows from /plans/finance.xlsx');
    s.store.undo();
    expect(s.store.getSnapshot().document.rows).toHaveLength(SAMPLE.rows.length);
  });

  it('a cancelled import changes nothing; failed exports and imports say why', async () => {
    const s = await setup({
      'xlsx:import': () => ({ ok: true, document: OTHER, path: '/plans/finance.xlsx' }),
      'xlsx:export': () => ({ ok: false, error: 'the file is open in Excel' }),
    });
    await s.files.importXlsx();
    s.files.cancelImport();
    expect(s.store.getSnapshot().document.rows).toHaveLength(SAMPLE.rows.length);
    await s.files.exportXlsx();
    expect(s.lastError()).toBe('Could not export the workbook: the file is open in Excel');
    s.shell.handlers['xlsx:import'] = () => ({ ok: false, error: 'not a Pixel Ledger workbook' });
    await s.files.importXlsx();
    expect(s.lastError()).toBe('Could not import the workbook: not a Pixel Ledger workbook');
  });

  it('exports the active scenario and says where', async () => {
    const s = await setup({ 'xlsx:export': () => ({ ok: true, path: '/plans/q1.xlsx' }) });
    await s.files.exportXlsx();
    expect(s.infos).toContain('Exported to /plans/q1.xlsx');
    expect(s.shell.calls.find((c) => c.channel === 'xlsx:export')?.args).toMatchObject({
      scenarioId: SAMPLE.activeScenarioId,
      path: null,
      // main suggests the plan file's name and folder from it
      planPath: null,
    });
  });

  it('opens a dropped plan: by its path where the shell knows it, else as an unsaved copy', async () => {
    const s = await setup({ 'plan:open': () => ({ ok: true, plan: { document: OTHER, path: '/drop/other.pxplan' } }) });
    s.shell.droppedPath = '/drop/other.pxplan';
    await s.files.openDropped(new File([serializePlan(OTHER)], 'other.pxplan'));
    expect(s.store.getSnapshot()).toMatchObject({ path: '/drop/other.pxplan', dirty: false });

    s.shell.droppedPath = null;
    await s.files.openDropped(new File([serializePlan(SAMPLE)], 'sample.pxplan'));
    expect(s.store.getSnapshot()).toMatchObject({ path: null, dirty: true });
    expect(s.store.getSnapshot().document.meta.name).toBe(SAMPLE.meta.name);
  });

  it('refuses a dropped file that is not a plan, saying why', async () => {
    const s = await setup();
    await s.files.openDropped(new File(['a,b'], 'costs.csv'));
    expect(s.lastError()).toBe('costs.csv is not a plan: drop a .pxplan file');
    await s.files.openDropped(new File(['{"not":"a plan"}'], 'broken.pxplan'));
    expect(s.lastError()).toMatch(/^Could not open broken\.pxplan: /);
    expect(s.store.getSnapshot().document.meta.name).toBe(SAMPLE.meta.name);
  });

  it('opens a file the shell sends (double-clicked, passed to a second instance)', async () => {
    const s = await setup({ 'plan:open': () => ({ ok: true, plan: { document: OTHER, path: '/plans/o.pxplan' } }) });
    s.shell.emit('app:open-file', { path: '/plans/o.pxplan' });
    await flush();
    await flush();
    expect(s.shell.calls.find((c) => c.channel === 'plan:open')?.args).toEqual({ path: '/plans/o.pxplan' });
    expect(s.store.getSnapshot().path).toBe('/plans/o.pxplan');
  });
});

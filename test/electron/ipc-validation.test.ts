import { readdir } from 'node:fs/promises';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { createHandlers } from '../../node/handlers';
import type { HandlerMap } from '../../node/handlers/handler-types';
import { dispatch } from '../../node/ipc/dispatch';
import { registerIpc } from '../../electron/ipc/register-ipc';
import { senderFrameRejection } from '../../electron/ipc/sender-frame';
import { REQUEST_CHANNELS, type RequestChannel } from '../../shared/ipc/contract';
import { createSamplePlan } from '../../shared/plan/sample-plan';
import { handlerContext, recordingDesktop, TODAY } from '../node/support/handler-context';
import { useTempDirs } from '../node/support/temp-dir';

const tempDir = useTempDirs();
const sample = createSamplePlan(TODAY);

/** Handlers that only count calls: a refused request must never reach a handler. */
function countingHandlers(): { handlers: HandlerMap; calls: string[] } {
  const real = createHandlers(recordingDesktop());
  const calls: string[] = [];
  const handlers: Record<string, unknown> = {};
  for (const channel of REQUEST_CHANNELS) {
    const handler: (args: never, ctx: never) => Promise<unknown> = real[channel];
    handlers[channel] = (args: never, ctx: never) => {
      calls.push(channel);
      return handler(args, ctx);
    };
  }
  // Same functions as the real map, each wrapped; the record is complete by construction.
  return { handlers: handlers as HandlerMap, calls };
}

/** For every channel: arguments that must be refused, and the field the error must name. */
const MALFORMED: Record<RequestChannel, { args: unknown; names: string }[]> = {
  'app:startup': [
    { args: { today: '28/11/2026' }, names: 'today' },
    { args: {}, names: 'today' },
  ],
  'app:info': [{ args: 'info please', names: '(document)' }],
  'plan:new': [
    { args: { template: 'huge', today: TODAY }, names: 'template' },
    { args: { template: 'blank', today: 20261128 }, names: 'today' },
  ],
  'plan:open': [
    { args: { path: '' }, names: 'path' },
    { args: { path: 42 }, names: 'path' },
    { args: {}, names: 'path' },
  ],
  'plan:save': [
    { args: { document: { schemaVersion: 1 }, path: null, saveAs: false }, names: 'document.meta' },
    { args: { document: sample, path: null, saveAs: 'yes' }, names: 'saveAs' },
    {
      args: {
        document: { ...sample, rows: [{ ...sample.rows[0], finals: -3 }] },
        path: '/tmp/x.pxplan',
        saveAs: false,
      },
      names: 'document.rows[0].finals',
    },
  ],
  'plan:recent': [{ args: null, names: '(document)' }],
  'recovery:write': [
    { args: { document: sample, path: 5 }, names: 'path' },
    { args: { path: null }, names: 'document' },
  ],
  'recovery:restore': [{ args: [], names: '(document)' }],
  'recovery:discard': [{ args: 7, names: '(document)' }],
  'window:document-state': [
    { args: { fileName: 'x'.repeat(300), dirty: false }, names: 'fileName' },
    { args: { fileName: 'plan.pxplan', dirty: 'no' }, names: 'dirty' },
  ],
  'window:close-confirmed': [{ args: undefined, names: '(document)' }],
  'shell:open-external': [
    { args: { url: 'not a url' }, names: 'url' },
    { args: { url: null }, names: 'url' },
  ],
  'xlsx:export': [
    { args: { document: sample, scenarioId: 3, path: null }, names: 'scenarioId' },
    { args: { document: null, scenarioId: null, path: null }, names: 'document' },
  ],
  'xlsx:import': [{ args: { path: 7 }, names: 'path' }],
  'reconcile:export-csv': [
    { args: { document: sample, asOf: '27 Jan', path: null }, names: 'asOf' },
    { args: { document: null, asOf: null, path: null }, names: 'document' },
  ],
  'theme:set': [{ args: { source: 'blue' }, names: 'source' }],
  'plan:restore-backup': [
    { args: { path: null }, names: 'path' },
    { args: {}, names: 'path' },
  ],
  'actuals:pick': [{ args: 'a file please', names: '(document)' }],
  'actuals:sniff': [{ args: { file: { kind: 'url', path: 'http://x' }, profiles: [] }, names: 'file' }],
  'actuals:preview': [
    {
      args: {
        readId: 'r1',
        file: { kind: 'path', path: '/tmp/x.csv' },
        ledger: { batches: 'none' },
        choices: {},
        today: TODAY,
      },
      names: 'ledger.batches',
    },
  ],
  'actuals:progress': [{ args: { readId: 7 }, names: 'readId' }],
  'actuals:profiles': [{ args: 'all', names: '(document)' }],
  'actuals:save-profile': [{ args: { profile: { name: '' } }, names: 'profile' }],
  'actuals:export-profile': [{ args: { profile: null, path: null }, names: 'profile' }],
  'actuals:load-profile': [{ args: { path: '' }, names: 'path' }],
  'actuals:cancel': [{ args: {}, names: 'readId' }],
  'actuals:export-rejected': [
    { args: { rows: [{ line: 'x' }], suggestedName: 'r.csv', path: null }, names: 'rows[0].line' },
  ],
  'preferences:get': [{ args: 3, names: '(document)' }],
  'preferences:set': [
    { args: { hiddenColumnGroups: 'team' }, names: 'hiddenColumnGroups' },
    { args: { firstStartHintDismissed: 'yes' }, names: 'firstStartHintDismissed' },
  ],
};

const MALFORMED_CASES = REQUEST_CHANNELS.flatMap((channel) => MALFORMED[channel].map((c) => ({ channel, ...c })));

describe('every IPC channel rejects malformed arguments', () => {
  it('the table covers every channel of the contract', () => {
    expect(Object.keys(MALFORMED).sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  it.each(MALFORMED_CASES)('$channel refuses $args, naming $names', async ({ channel, args, names }) => {
    const userData = await tempDir();
    const { handlers, calls } = countingHandlers();
    const ctx = handlerContext(userData);

    const outcome = await dispatch(handlers, channel, args, ctx);

    expect(outcome.ok).toBe(false);
    if (outcome.ok) return;
    expect(outcome.kind).toBe('invalid-arguments');
    expect(outcome.error.startsWith(`${channel}: invalid arguments: `)).toBe(true);
    expect(outcome.error).toContain(`${names}: `);
    // Nothing happened: no handler ran, no dialog was shown, nothing was written.
    expect(calls).toEqual([]);
    expect(ctx.dialogs.asked).toEqual([]);
    expect(await readdir(userData)).toEqual([]);
  });

  it('an unknown channel is refused by name', async () => {
    const { handlers, calls } = countingHandlers();
    const outcome = await dispatch(handlers, 'fs:delete-everything', {}, handlerContext(await tempDir()));
    expect(outcome).toEqual({
      ok: false,
      kind: 'unknown-channel',
      error: 'unknown channel "fs:delete-everything": it is not part of the IPC contract',
    });
    expect(calls).toEqual([]);
  });

  it('inherited object keys are not channels', async () => {
    const { handlers } = countingHandlers();
    const outcome = await dispatch(handlers, 'constructor', {}, handlerContext(await tempDir()));
    expect(outcome).toMatchObject({ ok: false, kind: 'unknown-channel' });
  });

  it('a handler result that breaks the contract is never passed on', async () => {
    const { handlers } = countingHandlers();
    const broken: HandlerMap = { ...handlers, 'plan:recent': async () => ({ paths: [''] }) };
    const outcome = await dispatch(broken, 'plan:recent', {}, handlerContext(await tempDir()));
    expect(outcome).toMatchObject({
      ok: false,
      kind: 'invalid-result',
      error: expect.stringMatching(/^plan:recent: the main process produced an invalid result \(paths\[0\]: /),
    });
  });

  it('a handler that throws is reported with its channel', async () => {
    const { handlers } = countingHandlers();
    const throwing: HandlerMap = {
      ...handlers,
      'plan:recent': async () => {
        throw new Error('disk on fire');
      },
    };
    expect(await dispatch(throwing, 'plan:recent', {}, handlerContext(await tempDir()))).toEqual({
      ok: false,
      kind: 'handler-failed',
      error: 'plan:recent failed: disk on fire',
    });
  });

  it('shell:open-external opens only web pages', async () => {
    const desktop = recordingDesktop();
    const handlers = createHandlers(desktop);
    const ctx = handlerContext(await tempDir());
    for (const url of [
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://server/share',
      'https://user:pw@example.com/',
    ]) {
      expect(await dispatch(handlers, 'shell:open-external', { url }, ctx)).toEqual({
        ok: true,
        result: { ok: false },
      });
    }
    expect(await dispatch(handlers, 'shell:open-external', { url: 'https://openai.com/api/pricing/' }, ctx)).toEqual({
      ok: true,
      result: { ok: true },
    });
    expect(desktop.openedUrls).toEqual(['https://openai.com/api/pricing/']);
  });
});

type Listener = Parameters<IpcMain['handle']>[1];

interface FakeFrame {
  url: string;
  parent: FakeFrame | null;
}

const APP = { baseUrl: 'app://pixel-ledger/' };
const ourContents = { id: 1 } as unknown as WebContents;
const otherContents = { id: 2 } as unknown as WebContents;
const topFrame: FakeFrame = { url: 'app://pixel-ledger/index.html', parent: null };

function invokeEvent(sender: WebContents, frame: FakeFrame | null): IpcMainInvokeEvent {
  // Only the two properties the sender check reads.
  return { sender, senderFrame: frame } as unknown as IpcMainInvokeEvent;
}

function registered(): { listeners: Map<string, Listener>; calls: string[] } {
  const listeners = new Map<string, Listener>();
  const { handlers, calls } = countingHandlers();
  const ipcMain: Pick<IpcMain, 'handle'> = {
    handle: (channel, listener) => {
      listeners.set(channel, listener);
    },
  };
  registerIpc(ipcMain, {
    handlers,
    context: handlerContext('/nonexistent-user-data'),
    app: APP,
    ourContents: () => ourContents,
  });
  return { listeners, calls };
}

/** A valid argument per channel, so a refusal can only come from the sender check. */
const VALID_ARGS: Record<RequestChannel, unknown> = {
  'app:startup': { today: TODAY },
  'app:info': {},
  'plan:new': { template: 'blank', today: TODAY },
  'plan:open': { path: '/nonexistent/plan.pxplan' },
  'plan:save': { document: sample, path: '/nonexistent/plan.pxplan', saveAs: false },
  'plan:recent': {},
  'recovery:write': { document: sample, path: null },
  'recovery:restore': {},
  'recovery:discard': {},
  'window:document-state': { fileName: 'plan.pxplan', dirty: true },
  'window:close-confirmed': {},
  'shell:open-external': { url: 'https://example.com/' },
  'xlsx:export': { document: sample, scenarioId: null, path: null },
  'xlsx:import': { path: null },
  'reconcile:export-csv': { document: sample, asOf: null, path: null },
  'theme:set': { source: 'dark' },
  'plan:restore-backup': { path: '/nonexistent/plan.pxplan' },
  'actuals:pick': {},
  'actuals:sniff': { file: { kind: 'path', path: '/nonexistent/usage.csv' }, profiles: [] },
  'actuals:preview': {
    readId: 'r1',
    file: { kind: 'path', path: '/nonexistent/usage.csv' },
    ledger: { batches: [], rules: [], assignments: [] },
    priceEntries: [],
    choices: { source: 'auto', profile: null, dateOrder: null, delimiter: null, decimalSeparator: null, rates: {} },
    today: TODAY,
  },
  'actuals:progress': { readId: 'r1' },
  'actuals:profiles': {},
  'actuals:save-profile': { profile: { name: 'finance', columns: { date: 'Date', amount: 'Amount' } } },
  'actuals:export-profile': { profile: { name: 'finance', columns: { date: 'Date', amount: 'Amount' } }, path: null },
  'actuals:load-profile': { path: null },
  'actuals:cancel': { readId: 'r1' },
  'actuals:export-rejected': { rows: [], suggestedName: 'rejected.csv', path: null },
  'preferences:get': {},
  'preferences:set': { firstStartHintDismissed: true },
};

const UNEXPECTED_SENDERS: { name: string; sender: WebContents; frame: FakeFrame | null; reason: RegExp }[] = [
  {
    name: 'a page navigated to another site',
    sender: ourContents,
    frame: { url: 'https://evil.example/', parent: null },
    reason: /is not the Pixel Ledger page/,
  },
  {
    name: 'a local file page',
    sender: ourContents,
    frame: { url: 'file:///tmp/evil.html', parent: null },
    reason: /is not the Pixel Ledger page/,
  },
  {
    name: 'an iframe inside our page',
    sender: ourContents,
    frame: { url: 'app://pixel-ledger/index.html', parent: topFrame },
    reason: /embedded frame/,
  },
  {
    name: 'another window',
    sender: otherContents,
    frame: topFrame,
    reason: /did not come from the Pixel Ledger window/,
  },
  { name: 'a frame that is gone', sender: ourContents, frame: null, reason: /the sending frame is gone/ },
];

describe('every IPC channel rejects messages from an unexpected frame', () => {
  it('registers exactly the contract channels', () => {
    expect([...registered().listeners.keys()].sort()).toEqual([...REQUEST_CHANNELS].sort());
  });

  const cases = REQUEST_CHANNELS.flatMap((channel) => UNEXPECTED_SENDERS.map((s) => ({ channel, ...s })));
  it.each(cases)('$channel refuses $name', async ({ channel, sender, frame, reason }) => {
    const { listeners, calls } = registered();
    const listener = listeners.get(channel);
    expect(listener).toBeDefined();
    if (!listener) return;
    await expect(Promise.resolve(listener(invokeEvent(sender, frame), VALID_ARGS[channel]))).rejects.toThrow(
      new RegExp(`^${channel}: refused: .*${reason.source}`),
    );
    expect(calls).toEqual([]);
  });

  it('our own top frame gets through to the handler, and a bad argument from it is still refused', async () => {
    const { listeners, calls } = registered();
    const info = listeners.get('app:info');
    const startup = listeners.get('app:startup');
    if (!info || !startup) throw new Error('channels not registered');
    await expect(Promise.resolve(info(invokeEvent(ourContents, topFrame), {}))).resolves.toEqual({
      version: '9.9.9',
      platform: process.platform,
      shell: 'browser',
    });
    await expect(Promise.resolve(startup(invokeEvent(ourContents, topFrame), { today: 'soon' }))).rejects.toThrow(
      /^app:startup: invalid arguments: today: /,
    );
    expect(calls).toEqual(['app:info']);
  });
});

describe('sender frame rule', () => {
  it.each([
    ['our page', 'app://pixel-ledger/index.html', null],
    ['our page with a hash', 'app://pixel-ledger/index.html#/plan', null],
    ['another host on our scheme', 'app://other/index.html', /is not the Pixel Ledger page/],
    ['an http page', 'http://127.0.0.1:5173/', /is not the Pixel Ledger page/],
    ['nonsense', 'not a url', /unreadable address/],
  ])('%s', (_name, url, expected) => {
    const rejection = senderFrameRejection({ url, isMainFrame: true, isOurWindow: true }, APP);
    if (expected === null) expect(rejection).toBeNull();
    else expect(rejection).toMatch(expected);
  });

  it('the development server origin is accepted only when it is the configured page', () => {
    const dev = { baseUrl: 'http://localhost:5173' };
    expect(
      senderFrameRejection({ url: 'http://localhost:5173/index.html', isMainFrame: true, isOurWindow: true }, dev),
    ).toBeNull();
    expect(senderFrameRejection({ url: 'http://localhost:5174/', isMainFrame: true, isOurWindow: true }, dev)).toMatch(
      /not the Pixel Ledger page/,
    );
  });
});

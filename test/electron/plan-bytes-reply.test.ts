import { readdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { registerIpc } from '../../electron/ipc/register-ipc';
import { createHandlers } from '../../node/handlers';
import { bridgeFromPreload } from '../../renderer/src/bridge/preload-bridge';
import type { PreloadApi, RequestArgs, RequestChannel } from '../../shared/ipc/contract';
import { PACKED_REQUEST, packedRequest } from '../../shared/ipc/packed-request';
import { serializePlan } from '../../shared/plan/plan-document';
import { generateDiversePlan } from '../../shared/plan/diverse-plan-generator';
import type { PlanDocument } from '../../shared/plan/plan-schema';
import { anyValidPlan } from '../workbook/support/any-plan-arbitrary';
import { isPlanBytesReply } from '../../shared/ipc/plan-bytes-reply';
import { handlerContext, recordingDesktop, type TestContext } from '../node/support/handler-context';
import { writePlanFilesAsWritten } from '../node/support/plan-files-as-written';
import { useTempDirs } from '../node/support/temp-dir';

/**
 * Opening a plan in the desktop app: main answers plan:open with the plan file's bytes where the file
 * holds exactly the plan (shared/ipc/plan-bytes-reply.ts), and the page's bridge over the preload
 * (renderer/src/bridge/preload-bridge.ts) gives back the same result as main's handler. Saving one: the
 * bridge sends the plan as its packed bytes (shared/ipc/packed-request.ts), and main writes what a plain
 * argument writes. Electron's IPC is played by structuredClone, which is what it does to an argument and
 * a reply (and the context bridge to a typed array).
 */
const tempDir = useTempDirs();

type Listener = Parameters<IpcMain['handle']>[1];
const ourContents = { id: 1 } as unknown as WebContents;
const ourFrame = { url: 'app://pixel-ledger/index.html', parent: null };

/** Main's ipcMain handlers, registered as the desktop app registers them, with the real handlers. */
function mainProcess(userDataDir: string, context = handlerContext(userDataDir)): Map<string, Listener> {
  const listeners = new Map<string, Listener>();
  registerIpc(
    { handle: (channel, listener) => void listeners.set(channel, listener) },
    {
      handlers: createHandlers(recordingDesktop()),
      context,
      app: { baseUrl: 'app://pixel-ledger/' },
      ourContents: () => ourContents,
    },
  );
  return listeners;
}

/** What ipcRenderer.invoke gets back from main: the handler's return value, cloned across processes. */
async function invokeMain(listeners: Map<string, Listener>, channel: RequestChannel, args: unknown): Promise<unknown> {
  const listener = listeners.get(channel);
  if (listener === undefined) throw new Error(`no handler for ${channel}`);
  const event = { sender: ourContents, senderFrame: ourFrame } as unknown as IpcMainInvokeEvent;
  return structuredClone(await listener(event, structuredClone(args)));
}

/** The preload as the page sees it: arguments and replies cloned once more by the context bridge. */
function preloadOver(listeners: Map<string, Listener>, sent: unknown[] = []): PreloadApi {
  return {
    invoke: async (channel, args) => {
      sent.push(args);
      return structuredClone(await invokeMain(listeners, channel, structuredClone(args))) as never;
    },
    on: () => () => undefined,
    pathForFile: () => null,
  };
}

describe('opening a plan in the desktop app (main → preload → page)', () => {
  it('sends a plan read exactly as written as its file’s bytes, and the page gets the same plan', async () => {
    const dir = await tempDir();
    const main = mainProcess(dir);
    for (const { name, filePath, document } of await writePlanFilesAsWritten(dir, [
      'saved.pxplan',
      'with-bom.pxplan',
    ])) {
      const reply = await invokeMain(main, 'plan:open', { path: filePath });
      if (!isPlanBytesReply(reply)) throw new Error(`${name}: main did not send the file's bytes`);
      // The file's JSON as read, without its byte-order mark; the result holds the slot where the plan goes.
      const fileBytes = await readFile(filePath);
      const withoutMark = name === 'with-bom.pxplan' ? fileBytes.subarray(3) : fileBytes;
      expect(Buffer.from(reply.bytes).equals(withoutMark)).toBe(true);
      expect(reply.result).toEqual({ ok: true, plan: { document: reply.slot, path: filePath } });

      const bridge = bridgeFromPreload(preloadOver(main));
      expect(await bridge.invoke('plan:open', { path: filePath })).toEqual({
        ok: true,
        plan: { document, path: filePath },
      });
    }
  });

  it('sends a plan that changed when read (migrated, a key dropped) as the plan main validated', async () => {
    const dir = await tempDir();
    const main = mainProcess(dir);
    for (const { filePath, opened } of await writePlanFilesAsWritten(dir, ['older.pxplan', 'extra-key.pxplan'])) {
      expect(isPlanBytesReply(await invokeMain(main, 'plan:open', { path: filePath }))).toBe(false);
      expect(await bridgeFromPreload(preloadOver(main)).invoke('plan:open', { path: filePath })).toEqual({
        ok: true,
        plan: opened,
      });
    }
  });

  it('says why a file does not open, as before', async () => {
    const dir = await tempDir();
    const filePath = path.join(dir, 'broken.pxplan');
    await writeFile(filePath, '{"schemaVersion": 4, "rows": [');
    expect(await bridgeFromPreload(preloadOver(mainProcess(dir))).invoke('plan:open', { path: filePath })).toEqual({
      ok: false,
      error: expect.stringMatching(/Could not open “broken\.pxplan”: the file is not valid JSON/),
    });
  });

  it('leaves every other result as it is', async () => {
    const dir = await tempDir();
    const bridge = bridgeFromPreload(preloadOver(mainProcess(dir)));
    const created = await bridge.invoke('plan:new', { template: 'sample', today: '2026-11-28' });
    expect(created.document.rows.length).toBeGreaterThan(0);
    expect(await bridge.invoke('plan:recent', {})).toEqual({ paths: [] });
  });

  it('refuses a reply whose bytes are not the plan it names, rather than open something else', async () => {
    const preload: PreloadApi = {
      invoke: async () =>
        ({
          kind: 'pixel-ledger/plan-bytes-reply',
          slot: 'plan-file-bytes:1',
          bytes: new TextEncoder().encode('{"schemaVersion": 4, "rows": ['),
          result: { ok: true, plan: { document: 'plan-file-bytes:1', path: '/p.pxplan' } },
        }) as never,
      on: () => () => undefined,
      pathForFile: () => null,
    };
    await expect(bridgeFromPreload(preload).invoke('plan:open', { path: '/p.pxplan' })).rejects.toThrow(
      /^plan:open: the plan sent ahead of the reply did not arrive whole$/,
    );
  });
});

describe('saving a plan in the desktop app (page → preload → main)', () => {
  /** Saves `document` to `target`, chosen in the (scripted) Save dialog, through `invoke`; the file's bytes. */
  async function saveAs(
    context: TestContext,
    invoke: (args: RequestArgs<'plan:save'>) => Promise<unknown>,
    document: PlanDocument,
    target: string,
  ): Promise<Buffer> {
    context.dialogs.setNextSavePath(target);
    expect(await invoke({ document, path: null, saveAs: true })).toEqual({ ok: true, path: target });
    return readFile(target);
  }

  it('sends the plan as its packed bytes, and main writes exactly what a plain argument writes', async () => {
    const dir = await tempDir();
    const context = handlerContext(dir);
    const main = mainProcess(dir, context);
    const sent: unknown[] = [];
    const bridge = bridgeFromPreload(preloadOver(main, sent));
    const plain = (args: RequestArgs<'plan:save'>) => invokeMain(main, 'plan:save', args);
    let run = 0;
    await fc.assert(
      fc.asyncProperty(anyValidPlan({ maxRows: 40 }), async ({ plan }) => {
        run += 1;
        const packed = await saveAs(
          context,
          (args) => bridge.invoke('plan:save', args),
          plan,
          path.join(dir, `packed-${run}.pxplan`),
        );
        expect(packed.equals(await saveAs(context, plain, plan, path.join(dir, `plain-${run}.pxplan`)))).toBe(true);
        expect(packed.toString('utf8')).toBe(serializePlan(plan));
      }),
      { numRuns: 25, seed: 20261208 },
    );
    const large = generateDiversePlan({ rows: 3000, seed: 11 });
    const packed = await saveAs(
      context,
      (args) => bridge.invoke('plan:save', args),
      large,
      path.join(dir, 'large.pxplan'),
    );
    expect(packed.toString('utf8')).toBe(serializePlan(large));
    // What crossed the context bridge: bytes, not the plan's 3,000 row objects.
    expect(sent.at(-1)).toEqual({ kind: PACKED_REQUEST, bytes: expect.any(Uint8Array) });
  });

  it('refuses a packed argument damaged on its way, saying so, and leaves the file on disk as it was', async () => {
    const dir = await tempDir();
    const context = handlerContext(dir);
    const main = mainProcess(dir, context);
    const target = path.join(dir, 'kept.pxplan');
    const plan = generateDiversePlan({ rows: 200, seed: 12 });
    const before = await saveAs(context, (args) => invokeMain(main, 'plan:save', args), plan, target);
    const { bytes } = packedRequest({
      document: { ...plan, meta: { ...plan.meta, name: 'Changed' } },
      path: target,
      saveAs: false,
    });
    const damaged = new TextDecoder().decode(bytes).replace(/"index":"[A-Za-z0-9_-]/, '"index":"');
    await expect(
      invokeMain(main, 'plan:save', { kind: PACKED_REQUEST, bytes: new TextEncoder().encode(damaged) }),
    ).rejects.toThrow(
      /^plan:save: the request arrived damaged, so it was not carried out; try again \(the packed records at document\.rows do not hold together: column "\w+": its index is not \d digit\(s\) for each of its 200 records\)$/,
    );
    await expect(
      invokeMain(main, 'plan:save', { kind: PACKED_REQUEST, bytes: bytes.subarray(0, 100) }),
    ).rejects.toThrow(
      /^plan:save: the request arrived damaged, so it was not carried out; try again \(the request’s bytes are not JSON text\)$/,
    );
    expect((await readFile(target)).equals(before)).toBe(true);
    expect((await readdir(dir)).filter((name) => name.startsWith('.') || name.startsWith('kept'))).toEqual([
      'kept.pxplan',
    ]);
  });
});

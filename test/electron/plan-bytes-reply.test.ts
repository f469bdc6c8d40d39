import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { describe, expect, it } from 'vitest';
import { registerIpc } from '../../electron/ipc/register-ipc';
import { createHandlers } from '../../node/handlers';
import { bridgeFromPreload } from '../../renderer/src/bridge/preload-bridge';
import type { PreloadApi, RequestChannel } from '../../shared/ipc/contract';
import { isPlanBytesReply } from '../../shared/ipc/plan-bytes-reply';
import { handlerContext, recordingDesktop } from '../node/support/handler-context';
import { writePlanFilesAsWritten } from '../node/support/plan-files-as-written';
import { useTempDirs } from '../node/support/temp-dir';

/**
 * Opening a plan in the desktop app: main answers plan:open with the plan file's bytes where the file
 * holds exactly the plan (shared/ipc/plan-bytes-reply.ts), and the page's bridge over the preload
 * (renderer/src/bridge/preload-bridge.ts) gives back the same result as main's handler. Electron's IPC is
 * played by structuredClone, which is what it does to a reply (and the context bridge to a typed array).
 */
const tempDir = useTempDirs();

type Listener = Parameters<IpcMain['handle']>[1];
const ourContents = { id: 1 } as unknown as WebContents;
const ourFrame = { url: 'app://pixel-ledger/index.html', parent: null };

/** Main's ipcMain handlers, registered as the desktop app registers them, with the real handlers. */
function mainProcess(userDataDir: string): Map<string, Listener> {
  const listeners = new Map<string, Listener>();
  registerIpc(
    { handle: (channel, listener) => void listeners.set(channel, listener) },
    {
      handlers: createHandlers(recordingDesktop()),
      context: handlerContext(userDataDir),
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

/** The preload as the page sees it: replies cloned once more by the context bridge. */
function preloadOver(listeners: Map<string, Listener>): PreloadApi {
  return {
    invoke: async (channel, args) => structuredClone(await invokeMain(listeners, channel, args)) as never,
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

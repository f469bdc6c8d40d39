import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type {
  EventChannel,
  EventPayload,
  PreloadApi,
  RequestArgs,
  RequestChannel,
  RequestResult,
} from '../shared/ipc/contract';
import type { PackedRequest } from '../shared/ipc/packed-request';
import type { PlanBytesReply } from '../shared/ipc/plan-bytes-reply';

/**
 * Exposes exactly the contract as window.pixelLedger (checked by `satisfies PreloadApi` below): no
 * ipcRenderer, no Node. Only types come from the contract, so the sandboxed preload bundle stays tiny;
 * main checks every channel, argument, result and sender. The page's arguments come as their bytes
 * (PackedRequest) and a plan read from its file goes back as the file's bytes (PlanBytesReply), both
 * passed on as they are: the page's bridge packs and parses them (preload-bridge.ts).
 */

// Electron prefixes invoke errors with "Error invoking remote method 'x': Error: "; the browser host
// does not, so strip it and both shells report the same message.
function cleanInvokeError(error: unknown): Error {
  const message = error instanceof Error ? error.message : String(error);
  return new Error(message.replace(/^Error invoking remote method '[^']*': (?:Error: )?/, ''));
}

const api = {
  async invoke<C extends RequestChannel>(
    channel: C,
    args: RequestArgs<C> | PackedRequest,
  ): Promise<RequestResult<C> | PlanBytesReply> {
    try {
      const result: unknown = await ipcRenderer.invoke(channel, args);
      // Main validated the result against the contract before sending it.
      return result as RequestResult<C> | PlanBytesReply;
    } catch (error) {
      throw cleanInvokeError(error);
    }
  },

  on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void {
    // Main validated the payload against the contract before sending it.
    const forward = (_event: IpcRendererEvent, payload: unknown): void => listener(payload as EventPayload<C>);
    ipcRenderer.on(channel, forward);
    return () => {
      ipcRenderer.removeListener(channel, forward);
    };
  },

  pathForFile(file: File): string | null {
    try {
      const filePath = webUtils.getPathForFile(file);
      return filePath === '' ? null : filePath;
    } catch {
      return null;
    }
  },
} satisfies PreloadApi;

contextBridge.exposeInMainWorld('pixelLedger', api);

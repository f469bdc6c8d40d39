import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { REQUEST_CHANNELS } from '../../shared/ipc/contract';
import type { HandlerContext, HandlerMap } from '../../node/handlers/handler-types';
import { dispatch } from '../../node/ipc/dispatch';
import { planFileReply } from '../../node/ipc/plan-file-bytes';
import { PLAN_BYTES_REPLY, type PlanBytesReply } from '../../shared/ipc/plan-bytes-reply';
import { damagedRequestMessage, PackedRecordsError } from '../../shared/ipc/packed-records';
import { isPackedRequest, readPackedRequest } from '../../shared/ipc/packed-request';
import { senderFrameRejection, type AppPageLocation, type SenderFrame } from './sender-frame';

export interface IpcRegistration {
  handlers: HandlerMap;
  context: HandlerContext;
  app: AppPageLocation;
  /** The web contents of our window (null before it exists or after it closed). */
  ourContents: () => WebContents | null;
}

/** Reads what the sender check needs from Electron's event. */
function describeSender(
  event: Pick<IpcMainInvokeEvent, 'sender' | 'senderFrame'>,
  ours: WebContents | null,
): SenderFrame | null {
  const frame = event.senderFrame;
  if (frame === null) return null;
  return { url: frame.url, isMainFrame: frame.parent === null, isOurWindow: ours !== null && event.sender === ours };
}

/**
 * One ipcMain.handle per contract channel. Each checks the sender frame, then goes through the same
 * dispatcher as the browser host. Errors reach the renderer as a rejected invoke with the reason.
 */
export function registerIpc(ipcMain: Pick<IpcMain, 'handle'>, registration: IpcRegistration): void {
  for (const channel of REQUEST_CHANNELS) {
    ipcMain.handle(channel, async (event, sent: unknown) => {
      const rejection = senderFrameRejection(describeSender(event, registration.ourContents()), registration.app);
      if (rejection !== null) throw new Error(`${channel}: refused: ${rejection}`);
      const outcome = await dispatch(registration.handlers, channel, argumentOf(channel, sent), registration.context);
      if (!outcome.ok) throw new Error(outcome.error);
      return planBytesReplyOf(outcome.result) ?? outcome.result;
    });
  }
}

/**
 * The request's argument: read back from its bytes when the page's bridge sent it packed
 * (shared/ipc/packed-request.ts); one that does not hold together is refused, and nothing is done.
 */
function argumentOf(channel: string, sent: unknown): unknown {
  if (!isPackedRequest(sent)) return sent;
  try {
    return readPackedRequest(sent);
  } catch (error) {
    throw error instanceof PackedRecordsError ? new Error(damagedRequestMessage(channel, error)) : error;
  }
}

/**
 * A result carrying a plan read from a file that holds exactly it (plan:open), as the file's bytes and
 * the result around them (shared/ipc/plan-bytes-reply.ts): IPC and the preload's context bridge copy
 * the bytes as one block, where a 100k-row plan object is cloned value by value, twice. Null for any
 * other result, which goes as it is.
 */
export function planBytesReplyOf(result: unknown): PlanBytesReply | null {
  const asRead = planFileReply(result);
  return asRead === null ? null : { kind: PLAN_BYTES_REPLY, ...asRead };
}

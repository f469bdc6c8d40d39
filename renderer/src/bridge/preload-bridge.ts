import type {
  PixelLedgerApi,
  PreloadApi,
  RequestArgs,
  RequestChannel,
  RequestResult,
} from '../../../shared/ipc/contract';
import { packedRequest } from '../../../shared/ipc/packed-request';
import { isPlanBytesReply } from '../../../shared/ipc/plan-bytes-reply';
import { parsePlanBytes, resultWithPlanSentFirst } from './plan-sent-first';

/**
 * PixelLedgerApi over the Electron preload's `window.pixelLedger`: as it is, except that an argument is
 * sent as its packed bytes (shared/ipc/packed-request.ts: a plan to save crosses as one block), and a
 * result whose plan main sent as the plan file's bytes (shared/ipc/plan-bytes-reply.ts) gets its plan back
 * here, parsed from those bytes. Main validated that very plan before answering, so it is used as it is
 * (as the browser host's bridge does with the plan it sends first).
 */
export function bridgeFromPreload(preload: PreloadApi): PixelLedgerApi {
  async function invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>> {
    const reply = await preload.invoke(channel, packedRequest(args));
    if (!isPlanBytesReply(reply)) return reply;
    const plan = parsePlanBytes(reply.bytes);
    return resultWithPlanSentFirst(channel, reply.result, { plan, slot: reply.slot }) as RequestResult<C>;
  }
  return {
    invoke,
    on: (channel, listener) => preload.on(channel, listener),
    pathForFile: (file) => preload.pathForFile(file),
  };
}

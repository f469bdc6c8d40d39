/**
 * How the desktop app's main process answers a request whose result carries a plan read from a file
 * that holds exactly it (plan:open): the file's own bytes, with a slot string standing in the result
 * where the plan belongs. A 100k-row plan sent as an object is structured-cloned by Electron's IPC and
 * copied again, value by value, by the preload's context bridge (seconds); its bytes cross both as one
 * block, and the page parses them itself (renderer/src/bridge/preload-bridge.ts). The browser host
 * does the same over HTTP (shared/ipc/plan-stream.ts).
 */
export interface PlanBytesReply {
  readonly kind: typeof PLAN_BYTES_REPLY;
  /** The string the result holds in place of the plan document. */
  readonly slot: string;
  /** The plan file's JSON as read (UTF-8, no byte-order mark), which main validated. */
  readonly bytes: Uint8Array;
  /** The request's result, with `slot` as its plan's document. */
  readonly result: unknown;
}

export const PLAN_BYTES_REPLY = 'pixel-ledger/plan-bytes-reply';

export function isPlanBytesReply(value: unknown): value is PlanBytesReply {
  if (typeof value !== 'object' || value === null) return false;
  const reply = value as Partial<Record<keyof PlanBytesReply, unknown>>;
  return reply.kind === PLAN_BYTES_REPLY && typeof reply.slot === 'string' && reply.bytes instanceof Uint8Array;
}

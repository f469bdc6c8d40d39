import { PackedRecordsError, packRecords, unpackRecords } from './packed-records';

/**
 * How the page's bridge over Electron's preload sends a request's argument
 * (renderer/src/bridge/preload-bridge.ts): the UTF-8 bytes of its packed JSON (packed-records.ts). A
 * 100k-row plan sent as an object is copied value by value by the context bridge, then cloned again by
 * IPC; its bytes cross both as one block. The reverse of a PlanBytesReply (plan-bytes-reply.ts). Main reads
 * the argument back (readPackedRequest, electron/ipc/register-ipc.ts) before the contract checks it, as
 * the browser host does with a request's body.
 */
export interface PackedRequest {
  readonly kind: typeof PACKED_REQUEST;
  /** JSON.stringify(packRecords(argument)), as UTF-8. */
  readonly bytes: Uint8Array;
}

export const PACKED_REQUEST = 'pixel-ledger/packed-request';

export function packedRequest(argument: unknown): PackedRequest {
  return { kind: PACKED_REQUEST, bytes: new TextEncoder().encode(JSON.stringify(packRecords(argument))) };
}

export function isPackedRequest(value: unknown): value is PackedRequest {
  return typeof value === 'object' && value !== null && (value as { kind?: unknown }).kind === PACKED_REQUEST;
}

/**
 * The argument a PackedRequest carries. Throws PackedRecordsError, saying what, when its bytes are not
 * packed JSON that holds together.
 */
export function readPackedRequest(request: PackedRequest): unknown {
  const bytes: unknown = request.bytes;
  if (!(bytes instanceof Uint8Array)) throw new PackedRecordsError('the request carries no bytes');
  let sent: unknown;
  try {
    sent = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    throw new PackedRecordsError('the request’s bytes are not JSON text');
  }
  return unpackRecords(sent);
}

import type http from 'node:http';
import type { HandlerContext, HandlerMap } from '../handlers/handler-types';
import {
  damagedRequestMessage,
  PACKED_HEADER,
  PackedRecordsError,
  packRecords,
  unpackRecords,
} from '../../shared/ipc/packed-records';
import { PLAN_BYTES_HEADER, PLAN_SLOT_HEADER, PLAN_STREAM_HEADER } from '../../shared/ipc/plan-stream';
import { dispatch, type DispatchOutcome } from '../ipc/dispatch';
import type { EventStream } from './event-stream';
import { newPlanSlot, planFileReply } from '../ipc/plan-file-bytes';
import { readJsonBody, RequestError, sendError, sendJson, sendJsonWithValueBytes } from './http-io';
import { serveRendererFile } from './static-files';
import { checkToken } from './caller-token';
import { handleTestEndpoint, type TestEndpointParts } from './test-endpoints';

/**
 * Which part of the browser host answers a request:
 *   POST /ipc/<channel>      the contract, through the same dispatcher as Electron's ipcMain
 *   GET  /events             Server-Sent Events (event-stream.ts)
 *   /__test/...              the test endpoints (test-endpoints.ts), only when started with them
 *   GET  anything else       a file of the built renderer (static-files.ts)
 * Only this machine's loopback names, same-origin requests and callers with the per-launch token
 * (caller-token.ts) get that far.
 */
export interface HostRoutes extends TestEndpointParts {
  readonly rendererDir: string;
  readonly handlers: HandlerMap;
  readonly context: HandlerContext;
  readonly events: EventStream;
  /** "127.0.0.1:<port>" and "localhost:<port>", once the port is known. */
  allowedHosts(): readonly string[];
  /** The per-launch secret (caller-token.ts). */
  readonly token: string;
  /** Whether /__test/* answers (test harnesses only). */
  readonly testEndpoints: boolean;
}

export async function routeRequest(req: http.IncomingMessage, res: http.ServerResponse, routes: HostRoutes) {
  try {
    checkCaller(req, routes.allowedHosts());
    const url = new URL(req.url ?? '/', `http://${req.headers.host}`);
    const { pathname } = url;
    const tokenCookie = checkToken(req, url, routes.token);
    if (tokenCookie !== null) res.setHeader('set-cookie', tokenCookie);
    if (pathname.startsWith('/ipc/'))
      await answerIpc(decodeURIComponent(pathname.slice('/ipc/'.length)), req, res, routes);
    else if (pathname === '/events') routes.events.subscribe(req, res);
    else if (pathname.startsWith('/__test/') && routes.testEndpoints)
      await handleTestEndpoint(pathname.slice('/__test/'.length), req, res, routes);
    else if (req.method === 'GET' || req.method === 'HEAD') await serveRendererFile(routes.rendererDir, pathname, res);
    else throw new RequestError(405, 'method not allowed');
  } catch (error) {
    sendError(res, error);
  }
}

function checkCaller(req: http.IncomingMessage, allowedHosts: readonly string[]): void {
  // Only this machine's loopback names: refuses DNS-rebinding pages that point a domain at 127.0.0.1.
  if (!allowedHosts.includes(req.headers.host ?? '')) throw new RequestError(421, 'unexpected Host header');
  const origin = req.headers.origin;
  if (origin !== undefined && !allowedHosts.some((h) => origin === `http://${h}`))
    throw new RequestError(403, 'cross-origin requests are refused');
}

async function answerIpc(
  channel: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  { handlers, context }: HostRoutes,
): Promise<void> {
  if (req.method !== 'POST') throw new RequestError(405, 'use POST');
  // The page's bridge sends and takes long arrays of records packed (shared/ipc/packed-records.ts).
  const packed = req.headers[PACKED_HEADER] === '1';
  const body = await readJsonBody(req);
  const args = packed ? unpackedArgs(channel, body) : body;
  // The page's bridge also takes a plan file's bytes ahead of the reply (shared/ipc/plan-stream.ts).
  const early: { sent: PlanSentFirst | null } = { sent: null };
  const requestContext: HandlerContext =
    packed && req.headers[PLAN_STREAM_HEADER] === '1'
      ? { ...context, sendPlanBytesEarly: async (bytes) => void (early.sent = await sendPlanFirst(res, bytes)) }
      : context;
  const outcome = await dispatch(handlers, channel, args, requestContext);
  if (early.sent !== null) return finishPlanSentFirst(res, early.sent, outcome);
  // A refused request is still a delivered reply (HTTP 200 with {error}), as ipcRenderer.invoke
  // rejects without a network error; it also keeps Chromium's console free of resource errors.
  if (!outcome.ok) sendJson(res, 200, { error: outcome.error, kind: outcome.kind });
  else if (packed && sendPlanAsRead(res, outcome.result)) return;
  else sendJson(res, 200, packed ? { packedResult: packRecords(outcome.result) } : { result: outcome.result });
}

/** The request's argument, unpacked; a packed body that does not hold together is refused, unread. */
function unpackedArgs(channel: string, body: unknown): unknown {
  try {
    return unpackRecords(body);
  } catch (error) {
    if (!(error instanceof PackedRecordsError)) throw error;
    throw new RequestError(400, damagedRequestMessage(channel, error));
  }
}

/**
 * A result carrying a plan read from a file that holds exactly it (plan:open): the file's own JSON goes
 * in the reply as it was read (node/ipc/plan-file-bytes.ts), not the plan packed and written out again.
 * False when the result holds no such plan.
 */
function sendPlanAsRead(res: http.ServerResponse, result: unknown): boolean {
  // Its slot, which no path or message can hold, is replaced by the file's JSON as the reply is written.
  const asRead = planFileReply(result);
  if (asRead === null) return false;
  sendJsonWithValueBytes(
    res,
    200,
    { packedResult: { packed: false, value: asRead.result } },
    asRead.slot,
    asRead.bytes,
  );
  return true;
}

/** A plan file's bytes already sent at the start of a reply, and the slot that stands for them. */
interface PlanSentFirst {
  readonly bytes: Uint8Array;
  readonly slot: string;
}

/**
 * Starts the reply with a plan file's bytes, before the handler has validated them (shared/ipc/plan-stream.ts).
 * Waits until they are handed to the socket: validating blocks this thread, and bytes still queued here
 * would not travel meanwhile.
 */
async function sendPlanFirst(res: http.ServerResponse, bytes: Uint8Array): Promise<PlanSentFirst> {
  const slot = newPlanSlot();
  res.writeHead(200, {
    'content-type': 'application/octet-stream',
    'cache-control': 'no-store',
    [PLAN_BYTES_HEADER]: String(bytes.byteLength),
    [PLAN_SLOT_HEADER]: slot,
  });
  if (!res.write(bytes))
    await new Promise<void>((resolve) => {
      res.once('drain', resolve);
      res.once('close', resolve);
    });
  return { bytes, slot };
}

/**
 * Ends a reply that began with a plan's bytes: the usual reply, with the slot where the document is when
 * the result's plan is exactly those bytes; a refusal, or a plan that differs from the file (migrated), as
 * it would be sent otherwise, so the page drops what came first.
 */
function finishPlanSentFirst(res: http.ServerResponse, first: PlanSentFirst, outcome: DispatchOutcome): void {
  if (!outcome.ok) {
    res.end(JSON.stringify({ error: outcome.error, kind: outcome.kind }));
    return;
  }
  const asRead = planFileReply(outcome.result, first.slot);
  if (asRead !== null && sameBytes(asRead.bytes, first.bytes))
    res.end(JSON.stringify({ packedResult: { packed: false, value: asRead.result } }));
  else res.end(JSON.stringify({ packedResult: packRecords(outcome.result) }));
}

/** The same bytes of the same buffer (the file's, as read once). */
function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.buffer === b.buffer && a.byteOffset === b.byteOffset && a.byteLength === b.byteLength;
}

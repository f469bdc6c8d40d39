import type {
  InvokeOptions,
  EventChannel,
  EventPayload,
  PixelLedgerApi,
  RequestArgs,
  RequestChannel,
  RequestResult,
} from '../../../shared/ipc/contract';
import { PACKED_HEADER, packRecords, unpackRecords } from '../../../shared/ipc/packed-records';
import { PLAN_STREAM_HEADER } from '../../../shared/ipc/plan-stream';
import { readPlanSentFirst, resultWithPlanSentFirst } from './plan-sent-first';

/**
 * PixelLedgerApi over HTTP, for the renderer running in a plain browser against the browser host
 * (node/browser-host/server.ts). Requests are POST /ipc/<channel>; events arrive as Server-Sent
 * Events from /events, one named SSE event per contract event. Like the Electron preload, it trusts
 * what arrives: the host ran the same contract checks on every result and event before sending it
 * (re-parsing a 100k-row plan here would only cost time).
 */

/** What the host answers on /ipc/<channel>: the handler's result, or why the request was refused. */
type HostReply = { packedResult: unknown } | { error: string };

function isHostReply(value: unknown): value is HostReply {
  if (typeof value !== 'object' || value === null) return false;
  return 'packedResult' in value || ('error' in value && typeof value.error === 'string');
}

export interface HttpBridgeOptions {
  /** Origin of the browser host; defaults to the page's own origin (the host serves the renderer). */
  baseUrl?: string;
}

export function createHttpBridge(options: HttpBridgeOptions = {}): PixelLedgerApi {
  const baseUrl = options.baseUrl ?? window.location.origin;
  let source: EventSource | null = null;
  let subscribers = 0;

  // One EventSource for all listeners, opened on first subscribe and closed when the last unsubscribes.
  function acquireSource(): EventSource {
    if (source === null) source = new EventSource(`${baseUrl}/events`);
    subscribers += 1;
    return source;
  }
  function releaseSource(): void {
    subscribers -= 1;
    if (subscribers === 0 && source !== null) {
      source.close();
      source = null;
    }
  }

  async function invoke<C extends RequestChannel>(
    channel: C,
    args: RequestArgs<C>,
    options: InvokeOptions = {},
  ): Promise<RequestResult<C>> {
    const response = await fetch(`${baseUrl}/ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      // Long arrays of records (a plan's rows) travel packed both ways: a third of the JSON to write and parse.
      // A plan file opened may come first, to be parsed while the host validates it (plan-sent-first.ts).
      headers: { 'content-type': 'application/json', [PACKED_HEADER]: '1', [PLAN_STREAM_HEADER]: '1' },
      // As a Blob: fetch then hands the bytes on without blocking the page, where a string body of a large
      // plan (10 MB) held the page some 170 ms while fetch copied it.
      body: new Blob([JSON.stringify(packRecords(args))]),
    });
    const sentFirst = await readPlanSentFirst(response, options.onUnverifiedPlan);
    const body: unknown = sentFirst ? sentFirst.reply : await response.json().catch(() => null);
    if (!isHostReply(body))
      throw new Error(`${channel}: the browser host sent an unreadable reply (HTTP ${response.status})`);
    if ('error' in body) throw new Error(body.error);
    // The host validated this against the contract schema of `channel`: the plan sent first is used only
    // where this verdict puts it.
    const result = unpackRecords(body.packedResult);
    if (sentFirst === null) return result as RequestResult<C>;
    return resultWithPlanSentFirst(channel, result, sentFirst) as RequestResult<C>;
  }

  function on<C extends EventChannel>(channel: C, listener: (payload: EventPayload<C>) => void): () => void {
    const events = acquireSource();
    const handle = (message: MessageEvent<string>): void => {
      let data: unknown;
      try {
        data = JSON.parse(message.data);
      } catch {
        return;
      }
      // The host validated the payload against the contract schema of `channel` before sending it.
      listener(data as EventPayload<C>);
    };
    events.addEventListener(channel, handle);
    let subscribed = true;
    return () => {
      if (!subscribed) return;
      subscribed = false;
      events.removeEventListener(channel, handle);
      releaseSource();
    };
  }

  // A browser never reveals where a dropped file lives, so drops can only be opened in the desktop app.
  const pathForFile = (): string | null => null;

  return { invoke, on, pathForFile };
}

import {
  EVENTS,
  REQUESTS,
  type EventChannel,
  type EventPayload,
  type PixelLedgerApi,
  type RequestArgs,
  type RequestChannel,
  type RequestResult,
} from '../../../shared/ipc/contract';

/**
 * PixelLedgerApi over HTTP, for the renderer running in a plain browser against the browser host
 * (electron/browser-host/server.ts). Requests are POST /ipc/<channel>; events arrive as Server-Sent
 * Events from /events, one named SSE event per contract event.
 */

/** What the host answers on /ipc/<channel>: the handler's result, or why the request was refused. */
type HostReply = { result: unknown } | { error: string };

function isHostReply(value: unknown): value is HostReply {
  if (typeof value !== 'object' || value === null) return false;
  return 'result' in value || ('error' in value && typeof value.error === 'string');
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

  async function invoke<C extends RequestChannel>(channel: C, args: RequestArgs<C>): Promise<RequestResult<C>> {
    const response = await fetch(`${baseUrl}/ipc/${encodeURIComponent(channel)}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(args),
    });
    const body: unknown = await response.json().catch(() => null);
    if (!isHostReply(body)) throw new Error(`${channel}: the browser host sent an unreadable reply (HTTP ${response.status})`);
    if ('error' in body) throw new Error(body.error);
    const parsed = REQUESTS[channel].result.safeParse(body.result);
    if (!parsed.success) throw new Error(`${channel}: the browser host sent a result that does not match the contract`);
    // The schema for `channel` is the one whose output is RequestResult<C>; TypeScript cannot correlate them.
    return parsed.data as RequestResult<C>;
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
      const parsed = EVENTS[channel].safeParse(data);
      // Same reasoning as in invoke: the schema of `channel` produces EventPayload<C>.
      if (parsed.success) listener(parsed.data as EventPayload<C>);
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

import type http from 'node:http';
import { EVENTS, type EventChannel, type EventPayload } from '../../shared/ipc/contract';

/**
 * GET /events: the contract's events (theme changes, menu commands...) as Server-Sent Events, one named
 * event per contract event, to every page that subscribed. Events are validated before they are sent,
 * as Electron's sendEvent does. Tests wait for a subscriber, so an event is never sent to no one.
 */
export class EventStream {
  private readonly subscribers = new Set<http.ServerResponse>();
  private readonly waiters = new Set<() => void>();

  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** Keeps the response open as an event stream until the page goes away. */
  subscribe(req: http.IncomingMessage, res: http.ServerResponse): void {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-store', connection: 'keep-alive' });
    res.write(': connected\n\n');
    this.subscribers.add(res);
    for (const waiter of [...this.waiters]) waiter();
    req.on('close', () => this.subscribers.delete(res));
  }

  /** Sends to the pages subscribed now (none: the event is dropped, as Electron's would be). */
  write<C extends EventChannel>(channel: C, payload: EventPayload<C>): void {
    const data = EVENTS[channel].parse(payload);
    const frame = `event: ${channel}\ndata: ${JSON.stringify(data)}\n\n`;
    for (const res of this.subscribers) res.write(frame);
  }

  /** Waits for a subscriber, then sends. */
  async emit<C extends EventChannel>(channel: C, payload: EventPayload<C>): Promise<void> {
    await this.waitForSubscriber();
    this.write(channel, payload);
  }

  /** Resolves once at least one page is subscribed. */
  waitForSubscriber(timeoutMs = 15_000): Promise<void> {
    if (this.subscribers.size > 0) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const done = (): void => {
        clearTimeout(timer);
        this.waiters.delete(done);
        resolve();
      };
      const timer = setTimeout(() => {
        this.waiters.delete(done);
        reject(
          new Error(
            `no page subscribed to /events within ${timeoutMs} ms: is the renderer loaded and listening (getApi().on)?`,
          ),
        );
      }, timeoutMs);
      this.waiters.add(done);
    });
  }

  /** Ends every stream (the host is closing). */
  closeAll(): void {
    for (const res of this.subscribers) res.end();
    this.subscribers.clear();
  }
}

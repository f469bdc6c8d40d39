import type { WebContents } from 'electron';
import { EVENTS, type EventChannel, type EventPayload } from '../../shared/ipc/contract';

/** Events leave main only after the same contract check the renderer relies on. */
export function sendEvent<C extends EventChannel>(contents: WebContents, channel: C, payload: EventPayload<C>): void {
  if (contents.isDestroyed()) return;
  contents.send(channel, EVENTS[channel].parse(payload));
}

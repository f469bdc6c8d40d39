import type { WebContents } from 'electron';
import { EVENTS, type EventChannel, type EventPayload } from '../../shared/ipc/contract';

/**
 * Events leave main only after the same contract check the renderer relies on. A payload that fails it
 * (say, an absurdly long path from another program's command line) is dropped, never thrown: it comes
 * from an OS event handler, where a throw would take the main process down.
 */
export function sendEvent<C extends EventChannel>(
  contents: WebContents,
  channel: C,
  payload: EventPayload<C>,
): boolean {
  if (contents.isDestroyed()) return false;
  const checked = EVENTS[channel].safeParse(payload);
  if (!checked.success) {
    console.warn(`[pixel-ledger] not sending ${channel}: the payload does not match the contract`);
    return false;
  }
  contents.send(channel, checked.data);
  return true;
}

import type http from 'node:http';
import { MenuCommand } from '../../shared/ipc/contract';
import type { EventStream } from './event-stream';
import type { RecordingDesktop } from './host-desktop';
import type { ScriptedDialogs } from './host-dialogs';
import { readJsonBody, RequestError, sendJson, stringField } from './http-io';

/**
 * /__test/<name>: what a test (or a person with curl) does in place of the user at native UI the page
 * cannot reach: answer the next file dialog, pick a menu command, read what the desktop was asked.
 *   GET  /__test/state
 *   POST /__test/next-open-path {path} · next-save-path {path} · cancel-next-dialog {type?} · menu-command {command}
 */
export interface TestEndpointParts {
  readonly dialogs: ScriptedDialogs;
  readonly desktop: RecordingDesktop;
  readonly events: EventStream;
}

export async function handleTestEndpoint(
  name: string,
  req: http.IncomingMessage,
  res: http.ServerResponse,
  parts: TestEndpointParts,
): Promise<void> {
  if (name === 'state' && req.method === 'GET') {
    sendJson(res, 200, recordedState(parts));
    return;
  }
  if (req.method !== 'POST') throw new RequestError(405, 'use POST');
  await runCommand(name, await readJsonBody(req), parts);
  sendJson(res, 200, { ok: true });
}

function recordedState({ desktop, dialogs, events }: TestEndpointParts): Record<string, unknown> {
  return {
    documentState: desktop.documentState,
    closeConfirmations: desktop.closeConfirmations,
    themeSource: desktop.themeSource,
    openedUrls: desktop.openedUrls,
    dialogsAsked: dialogs.asked,
    unusedDialogAnswers: dialogs.unusedAnswers,
    eventSubscribers: events.subscriberCount,
  };
}

async function runCommand(name: string, body: unknown, { dialogs, events }: TestEndpointParts): Promise<void> {
  switch (name) {
    case 'next-open-path':
      dialogs.setNextOpenPath(stringField(body, 'path'));
      return;
    case 'next-save-path':
      dialogs.setNextSavePath(stringField(body, 'path'));
      return;
    case 'cancel-next-dialog': {
      const type: unknown = typeof body === 'object' && body !== null ? Reflect.get(body, 'type') : undefined;
      dialogs.cancelNextDialog(type === 'open' || type === 'save' ? type : 'any');
      return;
    }
    case 'menu-command': {
      const command = MenuCommand.safeParse(stringField(body, 'command'));
      if (!command.success)
        throw new RequestError(400, `unknown menu command; expected one of ${MenuCommand.options.join(', ')}`);
      await events.emit('menu:command', { command: command.data });
      return;
    }
    default:
      throw new RequestError(404, `no test endpoint "${name}"`);
  }
}

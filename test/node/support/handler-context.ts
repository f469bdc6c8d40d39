import { RecordingDesktop } from '../../../node/browser-host/host-desktop';
import { ScriptedDialogs } from '../../../node/browser-host/host-dialogs';
import type { HandlerContext } from '../../../node/handlers/handler-types';

export const TODAY = '2026-11-28';

/** The browser host's recording desktop, with "system" meaning light: handlers' desktop calls are read back from it. */
export function recordingDesktop(): RecordingDesktop {
  return new RecordingDesktop(false, () => undefined);
}

export type TestContext = HandlerContext & { dialogs: ScriptedDialogs };

export function handlerContext(
  userDataDir: string,
  overrides: Partial<Omit<HandlerContext, 'dialogs'>> = {},
): TestContext {
  return {
    dialogs: new ScriptedDialogs(),
    userDataDir,
    appVersion: '9.9.9',
    shell: 'browser',
    launchPath: null,
    now: () => new Date('2026-11-28T10:00:00.000Z'),
    ...overrides,
  };
}

import type { ThemeSource } from '../../../shared/ipc/contract';
import { ScriptedDialogs } from '../../../electron/browser-host/host-dialogs';
import type { DesktopPort } from '../../../electron/handlers/desktop-port';
import type { HandlerContext } from '../../../electron/handlers/handler-types';

export const TODAY = '2026-11-28';

export class FakeDesktop implements DesktopPort {
  states: { fileName: string; dirty: boolean }[] = [];
  closeConfirmations = 0;
  opened: string[] = [];
  themes: ThemeSource[] = [];
  recent: (readonly string[])[] = [];
  setDocumentState(state: { fileName: string; dirty: boolean }): void {
    this.states.push(state);
  }
  closeConfirmed(): void {
    this.closeConfirmations += 1;
  }
  async openExternal(url: string): Promise<boolean> {
    this.opened.push(url);
    return true;
  }
  setThemeSource(source: ThemeSource): { dark: boolean } {
    this.themes.push(source);
    return { dark: source === 'dark' };
  }
  recentFilesChanged(paths: readonly string[]): void {
    this.recent.push(paths);
  }
}

export type TestContext = HandlerContext & { dialogs: ScriptedDialogs };

export function handlerContext(userDataDir: string, overrides: Partial<Omit<HandlerContext, 'dialogs'>> = {}): TestContext {
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

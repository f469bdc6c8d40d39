import { isSafeExternalUrl } from '../security/external-url';
import type { DesktopPort } from './desktop-port';
import type { HandlerMap } from './handler-types';

type WindowHandlers = Pick<
  HandlerMap,
  'window:document-state' | 'window:close-confirmed' | 'shell:open-external' | 'theme:set'
>;

export function createWindowHandlers(desktop: DesktopPort): WindowHandlers {
  return {
    async 'window:document-state'(state) {
      desktop.setDocumentState(state);
      return { ok: true };
    },
    async 'window:close-confirmed'() {
      desktop.closeConfirmed();
      return { ok: true };
    },
    async 'shell:open-external'({ url }) {
      if (!isSafeExternalUrl(url)) return { ok: false };
      return { ok: await desktop.openExternal(url) };
    },
    async 'theme:set'({ source }) {
      const { dark } = desktop.setThemeSource(source);
      return { ok: true, dark };
    },
  };
}

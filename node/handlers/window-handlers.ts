import { externalLinkDecision } from '../security/external-url';
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
    // Known hosts (docs, the catalog's price sources) open; any other web page only after the user says yes.
    async 'shell:open-external'({ url }) {
      const decision = externalLinkDecision(url);
      if (decision === 'refuse') return { ok: false };
      if (decision === 'ask' && !(await desktop.confirmExternal(url))) return { ok: false };
      return { ok: await desktop.openExternal(url) };
    },
    async 'theme:set'({ source }) {
      const { dark } = desktop.setThemeSource(source);
      return { ok: true, dark };
    },
  };
}

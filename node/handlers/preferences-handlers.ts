import { readPreferences, updatePreferences } from '../files/preferences';
import type { HandlerMap } from './handler-types';

type PreferencesHandlers = Pick<HandlerMap, 'preferences:get' | 'preferences:set'>;

function uiPart(p: { hiddenColumnGroups: string[]; firstStartHintDismissed: boolean }) {
  return { hiddenColumnGroups: p.hiddenColumnGroups, firstStartHintDismissed: p.firstStartHintDismissed };
}

/** The window's own preferences (columns hidden, the first-start hint), kept in the user-data folder. */
export const preferencesHandlers: PreferencesHandlers = {
  async 'preferences:get'(_args, ctx) {
    return uiPart(await readPreferences(ctx.userDataDir));
  },
  async 'preferences:set'(change, ctx) {
    return uiPart(await updatePreferences(ctx.userDataDir, change));
  },
};

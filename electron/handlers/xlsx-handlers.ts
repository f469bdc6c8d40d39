import type { HandlerMap } from './handler-types';

/** Placeholder until the Excel round-trip lands: the menu items answer with a clear message. */
export const xlsxHandlers: Pick<HandlerMap, 'xlsx:export' | 'xlsx:import'> = {
  async 'xlsx:export'() {
    return { ok: false, error: 'Excel export is not available yet' };
  },
  async 'xlsx:import'() {
    return { ok: false, error: 'Excel import is not available yet' };
  },
};

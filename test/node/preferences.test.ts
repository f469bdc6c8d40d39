import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readPreferences, updatePreferences } from '../../node/files/preferences';
import { dispatch } from '../../node/ipc/dispatch';
import { createHandlers } from '../../node/handlers';
import { handlerContext, recordingDesktop } from './support/handler-context';
import { useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs();

describe('preferences', () => {
  it('reads a file from an older version (theme only) with the newer fields at their defaults', async () => {
    const dir = await tempDir();
    await writeFile(path.join(dir, 'preferences.json'), JSON.stringify({ themeSource: 'dark' }));
    expect(await readPreferences(dir)).toEqual({
      themeSource: 'dark',
      hiddenColumnGroups: [],
      firstStartHintDismissed: false,
    });
  });

  it('changes only what it is given, so the theme and the columns never overwrite each other', async () => {
    const dir = await tempDir();
    await Promise.all([
      updatePreferences(dir, { themeSource: 'light' }),
      updatePreferences(dir, { hiddenColumnGroups: ['schedule'] }),
      updatePreferences(dir, { firstStartHintDismissed: true }),
    ]);
    const stored: unknown = JSON.parse(await readFile(path.join(dir, 'preferences.json'), 'utf8'));
    expect(stored).toEqual({ themeSource: 'light', hiddenColumnGroups: ['schedule'], firstStartHintDismissed: true });
  });

  it('answers the window’s preferences over the contract, and keeps them for the next start', async () => {
    const dir = await tempDir();
    const handlers = createHandlers(recordingDesktop());
    const first = await dispatch(handlers, 'preferences:get', {}, handlerContext(dir));
    expect(first).toEqual({ ok: true, result: { hiddenColumnGroups: [], firstStartHintDismissed: false } });
    await dispatch(handlers, 'preferences:set', { hiddenColumnGroups: ['team', 'pricing'] }, handlerContext(dir));
    await dispatch(handlers, 'preferences:set', { firstStartHintDismissed: true }, handlerContext(dir));
    const again = await dispatch(handlers, 'preferences:get', {}, handlerContext(dir));
    expect(again).toEqual({
      ok: true,
      result: { hiddenColumnGroups: ['team', 'pricing'], firstStartHintDismissed: true },
    });
  });
});

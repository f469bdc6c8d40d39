import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CloseGuard } from '../../electron/close-guard';
import { placeWindow, readWindowState, writeWindowState, type Rectangle } from '../../electron/files/window-state';
import { planPathFromArgv } from '../../electron/launch-args';
import { formatWindowTitle } from '../../electron/window-title';
import { useTempDirs } from './support/temp-dir';

const tempDir = useTempDirs();
const laptop: Rectangle = { x: 0, y: 0, width: 1440, height: 876 };
const monitorRight: Rectangle = { x: 1440, y: 0, width: 2560, height: 1400 };

describe('window placement', () => {
  it('first start: default size, centred by the OS', () => {
    expect(placeWindow(null, [laptop])).toEqual({
      width: 1280,
      height: 800,
      maximized: false,
      x: undefined,
      y: undefined,
    });
  });

  it('the remembered place when it is on a display', () => {
    const state = { x: 1600, y: 100, width: 1800, height: 1000, maximized: false };
    expect(placeWindow(state, [laptop, monitorRight])).toEqual(state);
  });

  it('the external monitor was unplugged: centred on the primary display, shrunk to fit', () => {
    expect(placeWindow({ x: 1600, y: 100, width: 1800, height: 1000, maximized: true }, [laptop])).toEqual({
      width: 1440,
      height: 876,
      maximized: true,
    });
  });

  it('a title bar above the top of the screen is not reachable, so it is moved', () => {
    expect(placeWindow({ x: 10, y: -500, width: 1200, height: 800, maximized: false }, [laptop]).x).toBeUndefined();
  });

  it('state round-trips through the file; a damaged file reads as nothing', async () => {
    const dir = await tempDir();
    const state = { x: 10, y: 20, width: 1000, height: 700, maximized: true };
    expect(await writeWindowState(dir, state)).toBe(true);
    expect(await readWindowState(dir)).toEqual(state);
    await writeFile(path.join(dir, 'window-state.json'), '{"width": "wide"}');
    expect(await readWindowState(dir)).toBeNull();
  });
});

describe('close guard', () => {
  it('a clean document closes; a dirty one asks until the renderer confirms', () => {
    const guard = new CloseGuard();
    expect(guard.onCloseAttempt()).toBe('close');
    guard.setDirty(true);
    expect(guard.onCloseAttempt()).toBe('ask-renderer');
    expect(guard.onCloseAttempt()).toBe('ask-renderer');
    expect(guard.closesCleanly).toBe(false);
    guard.confirm();
    expect(guard.onCloseAttempt()).toBe('close');
    expect(guard.closesCleanly).toBe(true);
  });

  it('after a renderer crash the window closes but not cleanly (the autosave stays)', () => {
    const guard = new CloseGuard();
    guard.setDirty(true);
    guard.rendererGone();
    expect(guard.onCloseAttempt()).toBe('close');
    expect(guard.closesCleanly).toBe(false);
  });
});

describe('window title', () => {
  it.each([
    ['q1.pxplan', false, 'q1.pxplan — Pixel Ledger'],
    ['q1.pxplan', true, 'q1.pxplan • — Pixel Ledger'],
    ['', true, 'Untitled • — Pixel Ledger'],
  ])('%j dirty=%s -> %j', (fileName, dirty, title) => {
    expect(formatWindowTitle(fileName, dirty)).toBe(title);
  });
});

describe('plan file on the command line', () => {
  it.each([
    [['/usr/bin/pixel-ledger'], null],
    [['/usr/bin/pixel-ledger', 'q1.pxplan'], '/home/u/q1.pxplan'],
    [['/usr/bin/pixel-ledger', '--no-sandbox', '/data/Budget.PXPLAN'], '/data/Budget.PXPLAN'],
    [['/usr/bin/electron', '.', 'plans/a.pxplan'], '/home/u/plans/a.pxplan'],
    [['/usr/bin/pixel-ledger', 'notes.txt'], null],
    [['/usr/bin/pixel-ledger', '--flag=x.pxplan'], null],
  ])('%j -> %j', (argv, expected) => {
    expect(planPathFromArgv(argv, '/home/u')).toBe(expected);
  });
});

import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { placeWindow, readWindowState, writeWindowState, type Rectangle } from '../../node/files/window-state';
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

import path from 'node:path';
import * as z from 'zod';
import { nodeFs, type FsPort } from './fs-port';
import { readJsonFile, writeJsonFile } from './json-store';

export const WindowState = z.object({
  x: z.number().int().optional(),
  y: z.number().int().optional(),
  width: z.number().int().min(200).max(20000),
  height: z.number().int().min(150).max(20000),
  maximized: z.boolean(),
});
export type WindowState = z.infer<typeof WindowState>;

export interface Rectangle {
  x: number;
  y: number;
  width: number;
  height: number;
}

const DEFAULT_WINDOW_STATE: WindowState = { width: 1280, height: 800, maximized: false };
export const MIN_WINDOW_SIZE = { width: 720, height: 480 } as const;

function windowStatePath(userDataDir: string): string {
  return path.join(userDataDir, 'window-state.json');
}

export async function readWindowState(userDataDir: string, fs: FsPort = nodeFs): Promise<WindowState | null> {
  return readJsonFile(windowStatePath(userDataDir), WindowState, fs);
}

export async function writeWindowState(userDataDir: string, state: WindowState, fs: FsPort = nodeFs): Promise<boolean> {
  return writeJsonFile(windowStatePath(userDataDir), state, fs);
}

function overlapArea(a: Rectangle, b: Rectangle): number {
  const width = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const height = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return width > 0 && height > 0 ? width * height : 0;
}

/**
 * Where to put the window given the remembered state and today's displays: the remembered place when
 * enough of it is on a display (a monitor may have been unplugged since), else centred by the OS; the
 * size never larger than the display it lands on.
 */
export function placeWindow(state: WindowState | null, workAreas: readonly Rectangle[]): WindowState {
  const remembered = state ?? DEFAULT_WINDOW_STATE;
  const primary = workAreas[0];
  if (state === null || state.x === undefined || state.y === undefined) {
    if (!primary) return remembered;
    return {
      ...remembered,
      x: undefined,
      y: undefined,
      width: Math.min(remembered.width, primary.width),
      height: Math.min(remembered.height, primary.height),
    };
  }
  const rect = { x: state.x, y: state.y, width: state.width, height: state.height };
  let best: Rectangle | null = null;
  let bestArea = 0;
  for (const area of workAreas) {
    const overlap = overlapArea(rect, area);
    if (overlap > bestArea) {
      best = area;
      bestArea = overlap;
    }
  }
  // At least a quarter of the window (and its title bar, which is at the top) must be reachable.
  const titleBarVisible = best !== null && state.y >= best.y - 8 && state.y < best.y + best.height - 32;
  if (best === null || bestArea < (rect.width * rect.height) / 4 || !titleBarVisible) {
    const target = primary ?? rect;
    return {
      maximized: state.maximized,
      width: Math.min(state.width, target.width),
      height: Math.min(state.height, target.height),
    };
  }
  return { ...state, width: Math.min(state.width, best.width), height: Math.min(state.height, best.height) };
}

import { describe, expect, it } from 'vitest';
import { DesktopState } from '../../electron/desktop-state';

/**
 * The main process's state and decisions, without Electron: which window, whether its page started,
 * where a file from outside goes, what a close does. desktop-app.test.ts drives the same through the
 * mocked electron module.
 */

interface Win {
  readonly id: number;
}
const first: Win = { id: 1 };
const second: Win = { id: 2 };

describe('desktop state: files from outside', () => {
  it('before any window, a file becomes the start file and opens a window once the app is ready', () => {
    const state = new DesktopState<Win>('/cli/launch.pxplan');
    expect(state.launchPath).toBe('/cli/launch.pxplan');
    expect(state.fileToOpen('/finder/early.pxplan', false)).toEqual({ kind: 'start-with-it', openWindow: false });
    expect(state.launchPath).toBe('/finder/early.pxplan');
    expect(state.fileToOpen('/finder/later.pxplan', true)).toEqual({ kind: 'start-with-it', openWindow: true });
    expect(state.launchPath).toBe('/finder/later.pxplan');
  });

  it('while the page is starting, a file replaces the start file and no second window opens', () => {
    const state = new DesktopState<Win>(null);
    state.windowOpened(first);
    expect(state.fileToOpen('/a.pxplan', true)).toEqual({ kind: 'start-with-it', openWindow: false });
    expect(state.launchPath).toBe('/a.pxplan');
  });

  it('once the page started, files go to the page and the start file stays as it was', () => {
    const state = new DesktopState<Win>('/start.pxplan');
    state.windowOpened(first);
    state.pageStartedUp();
    expect(state.fileToOpen('/b.pxplan', true)).toEqual({ kind: 'send-to-page' });
    expect(state.launchPath).toBe('/start.pxplan');
  });

  it('a new window starts over: its page has not started yet', () => {
    const state = new DesktopState<Win>(null);
    state.windowOpened(first);
    state.pageStartedUp();
    state.windowClosed(first);
    expect(state.window).toBeNull();
    state.windowOpened(second);
    expect(state.fileToOpen('/c.pxplan', true)).toEqual({ kind: 'start-with-it', openWindow: false });
  });

  it('a closed window that is no longer the current one does not clear the current one', () => {
    const state = new DesktopState<Win>(null);
    state.windowOpened(first);
    state.windowOpened(second);
    state.windowClosed(first);
    expect(state.window).toBe(second);
  });
});

describe('desktop state: closing', () => {
  it('a clean document closes and its autosave goes', () => {
    const state = new DesktopState<Win>(null);
    state.windowOpened(first);
    expect(state.closeAttempted()).toEqual({ kind: 'close', discardAutosave: true });
  });

  it('a dirty document asks the page until it confirms; then it closes cleanly', () => {
    const state = new DesktopState<Win>(null);
    state.windowOpened(first);
    state.documentStateChanged(true);
    expect(state.closeAttempted()).toEqual({ kind: 'ask-renderer' });
    expect(state.closeAttempted()).toEqual({ kind: 'ask-renderer' });
    expect(state.closeConfirmed()).toBe('close-window');
    expect(state.closeAttempted()).toEqual({ kind: 'close', discardAutosave: true });
  });

  it('a confirmation during a quit finishes the quit', () => {
    const state = new DesktopState<Win>(null);
    state.windowOpened(first);
    state.documentStateChanged(true);
    state.quitStarted();
    expect(state.closeConfirmed()).toBe('quit');
  });

  it('after a renderer crash the window may close, and the autosave stays', () => {
    const state = new DesktopState<Win>(null);
    state.windowOpened(first);
    state.documentStateChanged(true);
    state.rendererGone();
    expect(state.closeAttempted()).toEqual({ kind: 'close', discardAutosave: false });
  });

  it('a new window gets a new close guard: an earlier confirmation does not carry over', () => {
    const state = new DesktopState<Win>(null);
    state.windowOpened(first);
    state.documentStateChanged(true);
    state.closeConfirmed();
    state.windowOpened(second);
    state.documentStateChanged(true);
    expect(state.closeAttempted()).toEqual({ kind: 'ask-renderer' });
  });
});

describe('desktop state: menu inputs and pending writes', () => {
  it('keeps the theme and the recent list the menu is built from', () => {
    const state = new DesktopState<Win>(null);
    expect(state.themeSource).toBe('system');
    expect(state.recentFiles).toEqual([]);
    state.themeChosen('dark');
    const paths = ['/a.pxplan', '/b.pxplan'];
    state.recentFilesChanged(paths);
    paths.push('/c.pxplan');
    expect(state.themeSource).toBe('dark');
    expect(state.recentFiles).toEqual(['/a.pxplan', '/b.pxplan']);
  });

  it('waits for every tracked write, including one that fails', async () => {
    const state = new DesktopState<Win>(null);
    const finished: string[] = [];
    let release = (): void => undefined;
    state.track(
      new Promise<void>((resolve) => {
        release = () => {
          finished.push('window state');
          resolve();
        };
      }),
    );
    state.track(Promise.reject(new Error('disk full')));
    const settled = state.writesSettled().then(() => finished.push('settled'));
    await Promise.resolve();
    expect(finished).toEqual([]);
    release();
    await settled;
    expect(finished).toEqual(['window state', 'settled']);
  });
});

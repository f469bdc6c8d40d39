import { describe, expect, it } from 'vitest';
import { formatWindowTitle } from '../../shared/ipc/window-title';

// One format for the page's title and the native title bar (electron/desktop-app.ts).
describe('window title', () => {
  it.each([
    ['q1.pxplan', false, 'q1.pxplan — Pixel Ledger'],
    ['q1.pxplan', true, 'q1.pxplan • — Pixel Ledger'],
    ['', true, 'Untitled • — Pixel Ledger'],
  ])('%j dirty=%s -> %j', (fileName, dirty, title) => {
    expect(formatWindowTitle(fileName, dirty)).toBe(title);
  });
});

import { describe, expect, it } from 'vitest';
import { displayFileName, windowTitle } from '../../../renderer/src/app/window-title';

describe('window title', () => {
  it('shows the file name, else the plan name, with a dot for unsaved changes', () => {
    expect(windowTitle(displayFileName('/home/ana/plans/q1.pxplan', 'Q1'), false)).toBe('q1.pxplan — Pixel Ledger');
    expect(windowTitle(displayFileName('C:\\Users\\ana\\q1.pxplan', 'Q1'), true)).toBe('q1.pxplan • — Pixel Ledger');
    expect(windowTitle(displayFileName(null, 'Untitled plan'), true)).toBe('Untitled plan • — Pixel Ledger');
  });
});

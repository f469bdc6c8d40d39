import { describe, expect, it } from 'vitest';
import { displayFileName } from '../../../renderer/src/app/window-title';
import { formatWindowTitle } from '../../../shared/ipc/window-title';

describe('window title', () => {
  it('shows the file name, else the plan name, with a dot for unsaved changes', () => {
    expect(formatWindowTitle(displayFileName('/home/ana/plans/q1.pxplan', 'Q1'), false)).toBe(
      'q1.pxplan — Pixel Ledger',
    );
    expect(formatWindowTitle(displayFileName('C:\\Users\\ana\\q1.pxplan', 'Q1'), true)).toBe(
      'q1.pxplan • — Pixel Ledger',
    );
    expect(formatWindowTitle(displayFileName(null, 'Untitled plan'), true)).toBe('Untitled plan • — Pixel Ledger');
  });
});

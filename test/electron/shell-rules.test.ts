import { describe, expect, it } from 'vitest';
import { CloseGuard } from '../../electron/close-guard';
import { planPathFromArgv } from '../../electron/launch-args';

// The desktop shell's small pure rules; window placement (plain Node) is tested in test/node/window-state.test.ts.

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

import { describe, expect, it } from 'vitest';
import { limitList, safeLine, safeMessage, showValue, terminalSafe } from '../../shared/safe-text';

describe('messages that are safe and bounded (issue 13 §6)', () => {
  it('shows terminal escape sequences and other control characters escaped, never raw', () => {
    const hostile = 'Q4 \u001b[2J\u001b]0;owned\u0007 \u009b31m \u202eevil\u202c';
    const shown = showValue(hostile, 200);
    // eslint-disable-next-line no-control-regex -- no raw control character may be shown
    expect(shown).not.toMatch(/[\u0000-\u001f\u007f-\u009f\u202a-\u202e]/);
    expect(shown).toBe('Q4 \\u001b[2J\\u001b]0;owned\\u0007 \\u009b31m \\u202eevil\\u202c');
    expect(terminalSafe('a\tb\nc\u001bd\re')).toBe('a\tb\nc\\u001bd\\u000de');
    expect(JSON.parse(`"${terminalSafe('\u0085')}"`)).toBe('\u0085');
  });

  it('bounds a value and a whole message, counting what was left out', () => {
    const name = 'n'.repeat(150_000_000 / 100);
    expect(showValue(name, 40)).toBe(`${'n'.repeat(40)}… (1,499,960 more characters)`);
    expect(safeMessage('x'.repeat(5000), 100).length).toBeLessThan(140);
    const line = safeLine(`first\nsecond ${'y'.repeat(100_000)}`, 200);
    expect(line.startsWith('first second yyy')).toBe(true);
    expect(line.length).toBeLessThan(240);
    expect(showValue('pair 😀', 6)).toBe('pair … (2 more characters)');
  });

  it('lists at most 50 items, then says how many more', () => {
    const items = Array.from({ length: 1234 }, (_, i) => `problem ${i}`);
    const shown = limitList(items, 'problems');
    expect(shown).toHaveLength(51);
    expect(shown.at(-1)).toBe('… and 1,184 more problems');
    expect(limitList(items.slice(0, 3), 'problems')).toEqual(items.slice(0, 3));
  });
});

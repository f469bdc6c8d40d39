import fc from 'fast-check';
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

  it('escapes exactly what the pattern finds, whatever the text (its fast check skips safe non-ASCII)', () => {
    // The characters around every edge of the unsafe set, mixed with any other text.
    const edges = [0, 8, 9, 10, 11, 31, 32, 126, 127, 159, 160, 0x200d, 0x200e, 0x200f, 0x2028, 0x2029, 0x202a]
      .concat([0x202e, 0x202f, 0x2065, 0x2066, 0x2069, 0x206a, 0xd7ff, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xe000])
      .concat([0xfffd, 0xfffe, 0xffff, 0x2026, 0xd7])
      .map((c) => String.fromCharCode(c));
    const piece = fc.oneof(fc.constantFrom(...edges), fc.string({ unit: 'binary' }), fc.string());
    const unsafe =
      // eslint-disable-next-line no-control-regex -- the pattern terminalSafe is held to
      /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
    const escaped = (c: string) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`;
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 12 }), (pieces) => {
        const text = pieces.join('');
        expect(terminalSafe(text)).toBe(text.replace(unsafe, escaped));
      }),
      { numRuns: 2000 },
    );
    expect(terminalSafe('rows 2, 6, 7, …: 1536×1024 😀')).toBe('rows 2, 6, 7, …: 1536×1024 😀');
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

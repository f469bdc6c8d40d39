import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { creditsText, grouped } from '../../../renderer/src/grid/money-text';

// The grid formats with formatters made once (issue 9 §6): the text must stay what toLocaleString wrote.
describe('grid number text', () => {
  it('groups whole and fractional numbers as toLocaleString("en-US") does', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.double({ noNaN: true })), (n) => {
        expect(grouped(n)).toBe(n.toLocaleString('en-US'));
      }),
    );
    for (const n of [
      0,
      -0,
      7,
      -7,
      999,
      -999,
      1000,
      -1000,
      123_456_789,
      2 ** 53 - 1,
      -(2 ** 53) + 1,
      2 ** 53,
      1e21,
      0.5,
    ])
      expect(grouped(n)).toBe(n.toLocaleString('en-US'));
  });

  it('writes credits to 2 decimals at most', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 2 ** 53 - 1 }), (micro) => {
        expect(creditsText(micro)).toBe((micro / 1e6).toLocaleString('en-US', { maximumFractionDigits: 2 }));
      }),
    );
    expect(creditsText(1_234_500_000)).toBe('1,234.5');
  });
});

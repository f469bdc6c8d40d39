import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { toDecimalString } from '../../shared/money/exact';
import { formatUsd, formatUsdDecimal, groupInteger, groupThousands } from '../../shared/money/format';
import { microToExact, roundHalfAwayFromZero } from '../../shared/money/rounding';

describe('groupThousands', () => {
  it.each([
    ['0', '0'],
    ['999', '999'],
    ['1000', '1,000'],
    ['12345.678901', '12,345.678901'],
    ['-1234567', '-1,234,567'],
    ['-999.5', '-999.5'],
    ['100000000000000000000.1', '100,000,000,000,000,000,000.1'],
    ['.5', '.5'],
  ])('%s reads %s', (decimal, grouped) => {
    expect(groupThousands(decimal)).toBe(grouped);
  });
});

describe('groupInteger', () => {
  it('writes any safe whole number as toLocaleString("en-US") does (counts in messages, CLI tables)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), (n) => {
        expect(groupInteger(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('formatUsdDecimal: an exact decimal amount shown to the cent', () => {
  it.each([
    ['1461.823129000000084644', '$1,461.82'],
    ['73206.331126000004231662', '$73,206.33'],
    ['0.005', '$0.01'],
    ['0.004999999999', '$0.00'],
    ['-12.345', '-$12.35'],
    ['-0.004', '$0.00'],
    ['1234567', '$1,234,567.00'],
    ['n/a', 'n/a'],
  ])('%s -> %s', (decimal, shown) => {
    expect(formatUsdDecimal(decimal)).toBe(shown);
  });
});

/** formatUsd in BigInt, as it was before whole micro amounts were written in numbers. */
function formatUsdInBigInt(m: number, decimals: number): string {
  const neg = m < 0;
  const rounded = roundHalfAwayFromZero(microToExact(neg ? -m : m), decimals);
  return `${neg ? '-' : ''}$${groupThousands(toDecimalString({ units: rounded, scale: decimals }, decimals))}`;
}

describe('formatUsd', () => {
  it('writes any safe micro amount to 0 to 8 places exactly as the BigInt reading does', () => {
    const near = fc
      .integer({ min: 1, max: Math.floor(2 ** 53 / 1e6) - 1 })
      .chain((n) => fc.integer({ min: n * 1e6 - 9, max: n * 1e6 + 9 }));
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: -(2 ** 53) + 1, max: 2 ** 53 - 1 }), fc.integer({ min: -2e7, max: 2e7 }), near),
        fc.integer({ min: 0, max: 8 }),
        (m, decimals) => {
          expect(formatUsd(m, decimals)).toBe(formatUsdInBigInt(m, decimals));
        },
      ),
      { numRuns: 5000 },
    );
    for (const m of [0, 5_000, 4_999, -5_000, 2 ** 53 - 1, -(2 ** 53) + 1, 9_007_199_254_740_990, 999_999_995_000])
      for (const decimals of [0, 2, 4, 6]) expect(formatUsd(m, decimals)).toBe(formatUsdInBigInt(m, decimals));
    expect(formatUsd(1_234_567_891)).toBe('$1,234.57');
    expect(formatUsd(-4_999)).toBe('-$0.00');
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formatUsdDecimal, groupInteger, groupThousands } from '../../shared/money/format';

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

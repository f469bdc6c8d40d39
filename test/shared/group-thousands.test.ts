import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { groupInteger, groupThousands } from '../../shared/money/format';

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

import { describe, expect, it } from 'vitest';
import { parseDecimal, toDecimalString } from '../../../shared/money/exact';

describe('parseDecimal: exact values from data files', () => {
  it.each([
    ['0.10640000000000001', '0.10640000000000001'],
    ['0.0521360000000000', '0.052136'],
    ['0.000004500000000000000000000000000000000', '0.0000045'],
    ['0E-6176', '0'],
    ['4.5E-06', '0.0000045'],
    ['4.5e+2', '450'],
    ['1E3', '1000'],
    ['-1.25', '-1.25'],
    ['+7', '7'],
    ['.5', '0.5'],
    ['5.', '5'],
    ['-0.000', '0'],
    ['000123.4500', '123.45'],
    ['123456789012345678901234567890.123456789', '123456789012345678901234567890.123456789'],
  ])('%s -> %s', (text, expected) => {
    const value = parseDecimal(text);
    expect(value).not.toBeNull();
    if (value) expect(toDecimalString(value)).toBe(expected);
  });

  it('keeps the scale of the significant digits only', () => {
    expect(parseDecimal('0.401760000000000000000000000000000000000')).toEqual({ units: 40176n, scale: 5 });
    expect(parseDecimal('0E-6176')).toEqual({ units: 0n, scale: 0 });
  });

  it.each([
    '',
    '-',
    '.',
    'abc',
    '1,5',
    '1 000',
    '1.2.3',
    '1e',
    '1e+',
    '1E-6176',
    '0x10',
    ' 1',
    'NaN',
    'Infinity',
    '1e1234567890',
  ])('refuses %j', (text) => {
    expect(parseDecimal(text)).toBeNull();
  });
});

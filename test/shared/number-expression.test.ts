import { describe, expect, it } from 'vitest';
import {
  evaluateNumberExpression,
  fractionToDecimalText,
  parseNumberLiteral,
} from '../../shared/plan/number-expression';

function decimal(text: string): string | null {
  const v = evaluateNumberExpression(text);
  return v.ok ? fractionToDecimalText(v.value, 8) : null;
}

describe('numbers as people type them', () => {
  it.each([
    ['12', '12'],
    ['1.5', '1.5'],
    ['1,5', '1.5'],
    ['1,200.50', '1200.5'],
    ['1,500', '1500'],
    ['12,25', '12.25'],
    ['1.200,50', '1200.5'],
    ['1,234,567', '1234567'],
    ['.5', '0.5'],
    ['12*2', '24'],
    ['12x2', '24'],
    ['=12*2', '24'],
    ['(3+1)/2', '2'],
    ['1,5*2', '3'],
    ['0.1+0.2', '0.3'],
    ['-4+10', '6'],
    ['100 / 8', '12.5'],
  ])('%s = %s', (text, expected) => {
    expect(decimal(text)).toBe(expected);
  });

  it.each(['', 'abc', '12a', '1..2', '(1+2', '1+', '3/0', '1,2,3'])('rejects %j with a reason', (text) => {
    const v = evaluateNumberExpression(text);
    expect(v.ok).toBe(false);
    if (!v.ok) expect(v.error.length).toBeGreaterThan(5);
  });

  it('keeps fractions exact and says when they need too many decimals', () => {
    const v = evaluateNumberExpression('10/3');
    expect(v.ok && fractionToDecimalText(v.value, 4)).toBeNull();
    expect(parseNumberLiteral('0,25')).toEqual({ num: 1n, den: 4n });
  });
});

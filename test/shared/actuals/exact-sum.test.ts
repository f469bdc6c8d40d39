import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type Exact, ZERO, add, parseExact, toDecimalString } from '../../../shared/money/exact';
import { ExactSum } from '../../../shared/money/exact-sum';

function exact(text: string): Exact {
  const e = parseExact(text);
  if (!e) throw new Error(`not a decimal: ${text}`);
  return e;
}

function sumOf(texts: readonly string[]): string {
  const s = new ExactSum();
  for (const t of texts) s.add(exact(t));
  return toDecimalString(s.total());
}

describe('ExactSum', () => {
  it.each([
    ['nothing', [], '0'],
    ['a float noise text keeps every digit', ['0.10640000000000001', '0.1'], '0.20640000000000001'],
    [
      'LiteLLM-style 17-19 decimals',
      ['56.6149570000000028533', '0.0000000000000000001', '-0.000000000000002853'],
      '56.6149570000000000004',
    ],
    [
      '39 decimals equal the short form',
      ['0.401760000000000000000000000000000000000', '0.4017600000000000'],
      '0.80352',
    ],
    ['credits make negatives', ['1.25', '-3.5'], '-2.25'],
    [
      'many 6-decimal amounts spill past 2^53 exactly',
      Array<string>(20_000).fill('999999999.999999'),
      '19999999999999.98',
    ],
  ])('%s', (_name, texts, expected) => {
    expect(sumOf(texts)).toBe(expected);
  });

  it('counts zeros as values (a $0 fact is a fact), and a zero of any scale adds nothing', () => {
    const s = new ExactSum();
    expect(s.empty).toBe(true);
    s.add({ units: 0n, scale: 6176 }); // "0E-6176"
    expect(s.empty).toBe(false);
    expect(s.count).toBe(1);
    expect(toDecimalString(s.total())).toBe('0');
  });

  it('keeps scales beyond the power table (4.5E-70)', () => {
    const s = new ExactSum();
    s.add({ units: 45n, scale: 71 });
    s.add(exact('1'));
    expect(s.total()).toEqual({ units: 10n ** 71n + 45n, scale: 71 });
  });

  it('equals BigInt addition for any mix of scales and sizes (property)', () => {
    const amount = fc.record({
      units: fc.oneof(
        fc.bigInt({ min: -(10n ** 7n), max: 10n ** 7n }),
        fc.bigInt({ min: -(2n ** 60n), max: 2n ** 60n }),
        fc.bigInt({ min: -(10n ** 40n), max: 10n ** 40n }),
      ),
      scale: fc.integer({ min: 0, max: 40 }),
    });
    fc.assert(
      fc.property(fc.array(amount, { maxLength: 200 }), fc.array(amount, { maxLength: 50 }), (xs, ys) => {
        const a = new ExactSum();
        for (const x of xs) a.add(x);
        const b = new ExactSum();
        for (const y of ys) b.add(y);
        a.addSum(b);
        let expected: Exact = ZERO;
        for (const x of [...xs, ...ys]) expected = add(expected, x);
        expect(toDecimalString(a.total())).toBe(toDecimalString(expected));
        expect(a.count).toBe(xs.length + ys.length);
      }),
    );
  });
});

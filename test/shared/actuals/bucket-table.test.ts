import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ActualRecord, NO_DIMENSIONS, NO_TOKENS } from '../../../shared/actuals/actual-record';
import { BucketTable } from '../../../shared/actuals/ledger/bucket-table';
import { type Exact, parseExact, toDecimalString } from '../../../shared/money/exact';
import { ExactSum } from '../../../shared/money/exact-sum';

function exact(text: string): Exact {
  const e = parseExact(text);
  if (!e) throw new Error(`not a decimal: ${text}`);
  return e;
}

function record(amount: string | null, line: number, quantity: { value: string; unit: string } | null = null) {
  const r: ActualRecord = {
    line,
    day: '2026-11-02',
    amountUsd: amount === null ? null : exact(amount),
    original: null,
    requestId: null,
    dims: NO_DIMENSIONS,
    images: 1,
    requests: 1,
    failedRequests: 0,
    tokens: { ...NO_TOKENS, textIn: 3 },
    quantity: quantity === null ? null : { value: exact(quantity.value), unit: quantity.unit },
    flags: [],
  };
  return r;
}

/** The table's amount of one key, as text (null: no amount). */
function tableSum(amounts: readonly (string | null)[]): string | null {
  const t = new BucketTable();
  amounts.forEach((a, i) => t.add(7, record(a, i + 2), true));
  const a = t.figures(0)?.amount ?? null;
  return a === null ? null : toDecimalString(a);
}

function exactSum(amounts: readonly (string | null)[]): string | null {
  const s = new ExactSum();
  for (const a of amounts) if (a !== null) s.add(exact(a));
  return s.empty ? null : toDecimalString(s.total());
}

describe('BucketTable (the buckets of one import, in columns)', () => {
  it.each([
    ['no amount at all', [null, null]],
    ['a $0 fact is a fact', ['0']],
    ['a zero at a large scale', ['0.000000000000000000000000000000', '0.5']],
    ['mixed scales', ['0.5', '0.25', '1', '0.125']],
    ['a float noise text keeps every digit', ['0.10640000000000001', '0.1']],
    ['39 decimals', ['0.401760000000000000000000000000000000000', '0.4017600000000000']],
    ['credits', ['5.00', '-7.25', null]],
    ['beyond 2^52 units', ['4503599627.370496', '4503599627.370496', '0.000001']],
  ])('sums %s exactly, as ExactSum does', (_, amounts) => {
    expect(tableSum(amounts)).toBe(exactSum(amounts));
  });

  it('sums any amounts exactly (property)', () => {
    const amount = fc.oneof(
      fc.constant(null),
      fc.bigInt({ min: -(10n ** 20n), max: 10n ** 20n }).chain((u) =>
        fc.integer({ min: 0, max: 20 }).map((scale) => {
          const neg = u < 0n;
          const digits = (neg ? -u : u).toString().padStart(scale + 1, '0');
          const text = scale === 0 ? digits : `${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
          return (neg ? '-' : '') + text;
        }),
      ),
    );
    fc.assert(fc.property(fc.array(amount, { maxLength: 30 }), (amounts) => tableSum(amounts) === exactSum(amounts)));
  });

  it('keeps many keys apart, through growth, with counts, first lines and quantities', () => {
    const t = new BucketTable();
    for (let i = 0; i < 50_000; i++) t.add((i % 5000) * 2 ** 20 + 3, record('0.01', i + 2), true);
    expect(t.size).toBe(5000);
    let rows = 0;
    for (let i = 0; i < t.size; i++) rows += t.rowsAt(i);
    expect(rows).toBe(50_000);
    expect(t.firstLineAt(0)).toBe(2);
    const f = t.figures(0);
    expect(f?.counts).toEqual([10, 10, 10, 0, 30, 0, 0, 0, 0, 0, 0, 0]);
    expect(toDecimalString(f?.amount ?? exact('-1'))).toBe('0.1');

    const q = new BucketTable();
    q.add(1, record('1', 2, { value: '3', unit: 'characters' }), true);
    q.add(1, record('1', 3, { value: '4', unit: 'characters' }), true);
    q.add(2, record('1', 4, { value: '3', unit: 'characters' }), true);
    q.add(2, record('1', 5, { value: '4', unit: 'requests' }), true);
    expect(q.figures(0)?.quantity).toEqual({ value: exact('7'), unit: 'characters' });
    expect(q.figures(1)?.quantity).toBeNull();
    expect(q.mixedUnits).toBe(1);
  });

  it('leaves usage amounts out when asked', () => {
    const t = new BucketTable();
    t.add(1, record('2.5', 2), false);
    expect(t.figures(0)?.amount).toBeNull();
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allocateInNumbers,
  allocateLargestRemainder,
  allocateLargestRemainderBigInt,
} from '../../../shared/money/rounding';

/**
 * The split in plain numbers (team rules split a bucket over thousands of rows with it) against the
 * BigInt split it replaces: the same parts, to the micro-dollar, whenever it takes the bucket, and the
 * BigInt split whenever a product could pass 2^53.
 */
const safe = Number.MAX_SAFE_INTEGER;
const amount = fc.oneof(
  fc.integer({ min: -1_000_000, max: 1_000_000 }),
  fc.integer({ min: -1e13, max: 1e13 }),
  fc.integer({ min: -safe, max: safe }),
);
const weight = fc.oneof(
  fc.constantFrom(0, 1, 2, 3),
  fc.nat(1_000),
  fc.nat(1e9),
  fc.integer({ min: 0, max: safe }),
  fc.constant(safe),
);
const weights = fc.array(weight, { minLength: 1, maxLength: 40 });

describe('largest remainder in numbers equals largest remainder in BigInt', () => {
  it('gives the BigInt parts for any amount and weights, huge ones included', () => {
    fc.assert(
      fc.property(amount, weights, (total, ws) => {
        const reference = allocateLargestRemainderBigInt(total, ws);
        expect(allocateLargestRemainder(total, ws)).toEqual(reference);
        expect(reference.reduce((s, p) => s + p, 0)).toBe(total);
      }),
      { numRuns: 3000 },
    );
  });

  it('takes a bucket in numbers exactly when every product stays below 2^53, with the BigInt parts', () => {
    fc.assert(
      fc.property(amount, weights, (total, ws) => {
        const out = new Float64Array(ws.length);
        const sum = ws.reduce((s, w) => s + BigInt(w), 0n);
        const largest = ws.reduce((m, w) => (w > m ? w : m), 0);
        const bound =
          BigInt(Math.abs(total)) * BigInt(sum === 0n ? 1 : largest) + (sum === 0n ? BigInt(ws.length) : sum);
        const taken = allocateInNumbers(total, ws, ws.length, out);
        expect(taken).toBe(bound <= BigInt(safe));
        if (taken) expect(Array.from(out, (p) => (p === 0 ? 0 : p))).toEqual(allocateLargestRemainderBigInt(total, ws));
      }),
      { numRuns: 3000 },
    );
  });

  /**
   * Largest remainder written out plainly in BigInt, with a sort: a reference apart from the module's own
   * BigInt split, which shares the leftover-unit step under test once the weights' sum is a safe integer.
   */
  function sortedReference(total: number, ws: readonly number[]): number[] {
    const sum = ws.reduce((s, w) => s + BigInt(w), 0n);
    const shares = sum === 0n ? ws.map(() => 1n) : ws.map(BigInt);
    const denominator = sum === 0n ? BigInt(ws.length) : sum;
    const size = BigInt(Math.abs(total));
    const parts = shares.map((w) => (size * w) / denominator);
    let left = size - parts.reduce((s, p) => s + p, 0n);
    const order = shares
      .map((w, i) => ({ i, r: (size * w) % denominator }))
      .sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
    for (const { i } of order) {
      if (left === 0n) break;
      parts[i] = (parts[i] ?? 0n) + 1n;
      left -= 1n;
    }
    return parts.map((p) => (total < 0 && p !== 0n ? -Number(p) : Number(p)));
  }

  it('gives the BigInt parts over a team of hundreds to thousands of rows (leftover units found by bucket)', () => {
    // Team-sized splits go through the bucketed leftover count: ties (few distinct weights), wide weights,
    // and sums near 2^53, where the bucket of a remainder close to the sum rounds to the top one.
    const teamWeight = fc.oneof(
      fc.constantFrom(0, 1, 7, 1_000_000),
      fc.nat(5_000),
      fc.nat(1e12),
      fc.integer({ min: 2 ** 40, max: 2 ** 41 }),
    );
    const team = fc.array(teamWeight, { minLength: 256, maxLength: 3_000 });
    fc.assert(
      fc.property(fc.oneof(amount, fc.integer({ min: 0, max: 5_000 })), team, (total, ws) => {
        const out = new Float64Array(ws.length);
        if (!allocateInNumbers(total, ws, ws.length, out)) return;
        expect(Array.from(out, (p) => (p === 0 ? 0 : p))).toEqual(sortedReference(total, ws));
      }),
      { numRuns: 300 },
    );
  });

  it('gives the BigInt parts when a few units are left over a team (kept as the largest remainders pass)', () => {
    // A team's images: tens split over hundreds to thousands of rows, ties among few distinct weights.
    const teamWeight = fc.oneof(fc.constantFrom(0, 1, 7), fc.nat(30), fc.nat(1e9));
    const team = fc.array(teamWeight, { minLength: 256, maxLength: 2_000 });
    fc.assert(
      fc.property(fc.integer({ min: -70, max: 70 }), team, (total, ws) => {
        const out = new Float64Array(ws.length);
        expect(allocateInNumbers(total, ws, ws.length, out)).toBe(true);
        expect(Array.from(out, (p) => (p === 0 ? 0 : p))).toEqual(sortedReference(total, ws));
      }),
      { numRuns: 300 },
    );
  });

  it('gives a unit to the earliest of equal remainders when a team splits evenly', () => {
    const out = new Float64Array(1_000);
    expect(allocateInNumbers(1_999, new Array<number>(1_000).fill(5), 1_000, out)).toBe(true);
    expect(Array.from(out)).toEqual([...new Array<number>(999).fill(2), 1]);
  });

  it.each([
    [
      'a micro-dollar bucket over a team whose planned costs sum past 2^32',
      3_243_504,
      [846_027_643, 1, 0, 852_912_990],
    ],
    ['ties to the earlier part', 5, [1, 1, 1, 1, 1, 1]],
    ['a refund', -7, [3, 0, 1]],
    ['all weights zero', 10, [0, 0, 0]],
    ['nothing to share (a piece with no images)', 0, [5, 0, 2 ** 40]],
    ['products just past 2^53', 2 ** 27, [2 ** 26 + 1, 2 ** 26 - 1, 3]],
  ])('%s', (_label, total, ws) => {
    expect(allocateLargestRemainder(total, ws)).toEqual(allocateLargestRemainderBigInt(total, ws));
  });

  it('splits only the first n weights into the output, leaving the rest of a reused buffer alone', () => {
    const out = new Float64Array([9, 9, 9, 9]);
    expect(allocateInNumbers(10, [1, 3, 100], 2, out)).toBe(true);
    expect(Array.from(out)).toEqual([3, 7, 9, 9]);
  });

  it('refuses a weight that is negative or not a whole number, leaving BigInt to give the error', () => {
    const out = new Float64Array(2);
    expect(allocateInNumbers(10, [1, -1], 2, out)).toBe(false);
    expect(allocateInNumbers(10, [1, 0.5], 2, out)).toBe(false);
    expect(() => allocateLargestRemainder(10, [1, -1])).toThrow(RangeError);
  });
});

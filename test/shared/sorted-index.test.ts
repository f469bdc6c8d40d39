import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { indexInSorted } from '../../shared/sorted-index';

describe('a value in an ascending list', () => {
  it('is found where indexOf finds it, numbers and day texts alike', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: -50, max: 50 })), fc.integer({ min: -60, max: 60 }), (list, v) => {
        const sorted = Int32Array.from(list).sort();
        expect(indexInSorted(sorted, v)).toBe(sorted.indexOf(v));
        const days = [...sorted].map((n) => `2027-01-${String(n + 60).padStart(3, '0')}`);
        const day = `2027-01-${String(v + 60).padStart(3, '0')}`;
        expect(indexInSorted(days, day)).toBe(days.indexOf(day));
      }),
    );
  });
});

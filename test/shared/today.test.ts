import { describe, expect, it } from 'vitest';
import { todayUtc } from '../../shared/today';

describe('today', () => {
  it('is the UTC calendar day, the day prices and actuals are dated in', () => {
    expect(todayUtc(new Date('2027-01-05T00:00:00.000Z'))).toBe('2027-01-05');
    // 23:30 on 5 January in New York is already 6 January in UTC.
    expect(todayUtc(new Date('2027-01-05T23:30:00.000-05:00'))).toBe('2027-01-06');
    // 00:30 on 6 January in Tokyo is still 5 January in UTC.
    expect(todayUtc(new Date('2027-01-06T00:30:00.000+09:00'))).toBe('2027-01-05');
  });
});

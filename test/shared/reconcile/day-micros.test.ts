import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DayMicros } from '../../../shared/reconcile/day-micros';

/**
 * A row's actual by day is a DayMicros: a map of days to amounts whose copies share the days. Against a
 * plain Map doing the same adds (get ?? 0, then + amount) and copies: the same entries in the same order,
 * and no copy sees another's adds, new days included.
 */
const DAYS = ['2027-01-04', '2027-01-05', '2027-01-06', '2027-01-07', '2027-01-08', '2027-01-09', '2027-01-10'];
type Step = { kind: 'add'; copy: number; day: string; micro: number } | { kind: 'copy'; copy: number };
const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({
    kind: fc.constant('add' as const),
    copy: fc.nat(5),
    day: fc.constantFrom(...DAYS),
    micro: fc.integer({ min: -5_000_000, max: 5_000_000 }),
  }),
  fc.record({ kind: fc.constant('copy' as const), copy: fc.nat(5) }),
);

describe('a row’s actual by day', () => {
  it('adds and copies as a Map would, each copy on its own', () => {
    fc.assert(
      fc.property(fc.array(step, { maxLength: 60 }), (steps) => {
        const days: DayMicros[] = [new DayMicros()];
        const maps: Map<string, number>[] = [new Map()];
        for (const s of steps) {
          const at = s.copy % days.length;
          const d = days[at] as DayMicros;
          const m = maps[at] as Map<string, number>;
          if (s.kind === 'copy') {
            days.push(d.copy());
            maps.push(new Map(m));
          } else {
            d.add(s.day, s.micro);
            m.set(s.day, (m.get(s.day) ?? 0) + s.micro);
          }
        }
        days.forEach((d, i) => {
          const m = maps[i] as Map<string, number>;
          expect([...d]).toEqual([...m]);
          expect([...d.keys()]).toEqual([...m.keys()]);
          expect([...d.values()]).toEqual([...m.values()]);
          expect(d.size).toBe(m.size);
          for (const day of DAYS) {
            expect(d.get(day)).toBe(m.get(day));
            expect(d.has(day)).toBe(m.has(day));
          }
          const visited: [string, number][] = [];
          d.forEach((micro, day) => visited.push([day, micro]));
          expect(visited).toEqual([...m]);
        });
      }),
      { numRuns: 500 },
    );
  });
});

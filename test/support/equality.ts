import { expect } from 'vitest';
import { DayMicros } from '../../shared/reconcile/day-micros';

/**
 * Equality the suites share (vitest setupFiles): a row's actual by day (DayMicros) compares by its days in
 * order and their amounts (as a Map's entries, order included), whatever spare room or shared days two
 * equal ones have; against a Map, by the Map's entries in its order.
 */
expect.addEqualityTesters([
  function dayMicrosAsEntries(a: unknown, b: unknown, testers) {
    if (!(a instanceof DayMicros) && !(b instanceof DayMicros)) return undefined;
    const isDays = (x: unknown) => x instanceof DayMicros || x instanceof Map;
    if (!isDays(a) || !isDays(b)) return false;
    return this.equals(
      [...(a as ReadonlyMap<string, number>).entries()],
      [...(b as ReadonlyMap<string, number>).entries()],
      testers,
    );
  },
]);

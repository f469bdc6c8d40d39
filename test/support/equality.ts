import { expect } from 'vitest';
import { DayMicros } from '../../shared/reconcile/day-micros';

/**
 * Equality the suites share (vitest setupFiles): a row's actual by day (DayMicros) compares as the map it
 * stands for, as a Map did before it, whatever spare room or shared days two equal ones have.
 */
expect.addEqualityTesters([
  function dayMicrosAsMaps(a: unknown, b: unknown, testers) {
    if (!(a instanceof DayMicros) && !(b instanceof DayMicros)) return undefined;
    const isDays = (x: unknown) => x instanceof DayMicros || x instanceof Map;
    if (!isDays(a) || !isDays(b)) return false;
    return this.equals(new Map(a as ReadonlyMap<string, number>), new Map(b as ReadonlyMap<string, number>), testers);
  },
]);

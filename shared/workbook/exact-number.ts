import { type Exact, toNumber } from '../money/exact';
import { type Micro, microToExact } from '../money/rounding';

const SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/**
 * The double nearest an exact decimal, as a spreadsheet stores it. Both operands of the fast path are
 * exact doubles, so IEEE division rounds correctly: the same double as parsing the decimal text.
 */
export function exactToNumber(e: Exact): number {
  if (e.scale <= 22 && e.units <= SAFE && e.units >= -SAFE) return Number(e.units) / 10 ** e.scale;
  return toNumber(e);
}

export function microToNumber(m: Micro): number {
  return exactToNumber(microToExact(m));
}

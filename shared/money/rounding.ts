import { type Exact, EXACT_POWERS_OF_TEN, pow10, toSafeNumber } from './exact';

/**
 * THE rounding rule of Pixel Ledger, and the only place the engine rounds.
 *
 * Money amounts shown for a row (final cost, draft cost, input cost, credits) are rounded once, half away
 * from zero, to 6 decimals: 1 micro-dollar. That is exactly Excel's and LibreOffice's ROUND(x, 6), so the
 * exported workbook reproduces the app's row values, and plan totals are plain integer sums of those
 * rounded row values (no drift, totals equal the sum of the rows shown). Per-image prices are never
 * rounded: they are exact decimals.
 *
 * Rounded amounts are kept as whole micro-units in JS numbers (integer amount at a fixed scale, as
 * dinero.js does): exact up to 2^53 - 1 micro-units, about $9.007 billion, and unlike BigInts they cost the
 * garbage collector nothing. An amount beyond that is never kept: toMicro reports it.
 */
export const MONEY_DECIMALS = 6;

/** Integer count of micro-units (1e-6 USD, or 1e-6 credit): a safe JS integer, so sums of them are exact. */
export type Micro = number;

/** The largest amount kept exactly, in micro-units: 2^53 - 1. */
export const MAX_MICRO = Number.MAX_SAFE_INTEGER;
/** MAX_MICRO in words, for error messages. */
export const MAX_MICRO_TEXT = '$9,007,199,254.740991';

/** round(value / divisor) to `decimals` places, half away from zero. divisor must be positive. */
export function roundHalfAwayFromZero(value: Exact, decimals: number = MONEY_DECIMALS, divisor: bigint = 1n): bigint {
  if (divisor <= 0n) throw new RangeError('divisor must be positive');
  if (value.units === 0n) return 0n; // the common empty draft pass: skip the division
  // result = value.units * 10^decimals / (10^scale * divisor)
  let numerator = value.units;
  let denominator = divisor;
  if (decimals >= value.scale) numerator *= pow10(decimals - value.scale);
  else denominator *= pow10(value.scale - decimals);
  const negative = numerator < 0n;
  const abs = negative ? -numerator : numerator;
  const q = (abs * 2n + denominator) / (denominator * 2n);
  return negative ? -q : q;
}

/** Rounds to whole micro-units with the one rule, exactly, at any size (toMicro keeps the result as a number). */
export function roundToMicro(value: Exact, divisor: bigint = 1n): bigint {
  return roundHalfAwayFromZero(value, MONEY_DECIMALS, divisor);
}

/** Exact micro-units as a Micro, or null when beyond MAX_MICRO either way (a number would lose cents). */
export function toMicro(units: bigint): Micro | null {
  return toSafeNumber(units); // MAX_MICRO is the largest safe integer
}

/** ROUND(m / divisor, 6) for a whole positive divisor: the one rule, in exact integer arithmetic on numbers. */
export function roundMicroDivided(m: Micro, divisor: number): Micro {
  if (!Number.isSafeInteger(m) || !Number.isSafeInteger(divisor) || divisor <= 0)
    throw new RangeError('roundMicroDivided needs safe integers and a positive divisor');
  const q = divideHalfUp(Math.abs(m), divisor);
  return m < 0 && q !== 0 ? -q : q;
}

/**
 * roundToMicro for a value given as a safe integer number of units at `scale` decimals, in exact integer
 * arithmetic on numbers (no BigInt): `%`, and a subtraction and division that stay whole, are exact.
 * Returns undefined when it cannot be sure of the exact answer (units or result beyond 2^53, or a scale
 * past 10^22): roundToMicro then gives it.
 */
export function roundScaledToMicro(units: number, scale: number): Micro | undefined {
  if (!Number.isSafeInteger(units)) return undefined;
  const power = EXACT_POWERS_OF_TEN[Math.abs(scale - MONEY_DECIMALS)];
  if (power === undefined) return undefined;
  if (scale <= MONEY_DECIMALS) {
    const scaled = units * power;
    return Number.isSafeInteger(scaled) ? scaled : undefined;
  }
  const q = divideHalfUp(Math.abs(units), power);
  return units < 0 && q !== 0 ? -q : q;
}

/**
 * ROUND(a × b / 10^scale, 6) for safe integers a, b >= 0, in exact integer arithmetic on numbers even when
 * a × b itself is past 2^53 (see splitProduct: the engine's usual case is a few thousand generations
 * times a per-image price at 16 decimals). Undefined when that cannot be done in numbers or the result
 * is past 2^53: roundToMicro in BigInt then decides.
 */
export function roundProductToMicro(a: number, b: number, scale: number): Micro | undefined {
  const product = a * b;
  if (product === 0) return 0; // a row with no draft pass; +0 for -0 too, as roundScaledToMicro gives
  // The usual row: a safe product at more than 6 decimals, rounded with one call (this runs twice for
  // every row, often before the engine's code is optimised), not through roundScaledToMicro's checks.
  const step = scale > MONEY_DECIMALS ? EXACT_POWERS_OF_TEN[scale - MONEY_DECIMALS] : undefined;
  if (step !== undefined && product >= 0 && Number.isSafeInteger(product)) return divideHalfUp(product, step);
  if (Number.isSafeInteger(product)) return roundScaledToMicro(product, scale);
  const divisor = scale > MONEY_DECIMALS ? EXACT_POWERS_OF_TEN[scale - MONEY_DECIMALS] : undefined;
  if (divisor === undefined || !splitProduct(a, b, divisor)) return undefined;
  const rounded = split.quotient + (split.remainder * 2 >= divisor ? 1 : 0);
  return Number.isSafeInteger(rounded) ? rounded : undefined;
}

/**
 * ROUND((a × b + c × d) / 10^scale, 6) for safe integers >= 0, as roundProductToMicro does it for one
 * product (a row's credits: its finals' and its drafts' at one scale, rounded once).
 */
export function roundSumOfProductsToMicro(
  a: number,
  b: number,
  c: number,
  d: number,
  scale: number,
): Micro | undefined {
  const ab = a * b;
  const cd = c * d;
  if (Number.isSafeInteger(ab) && Number.isSafeInteger(cd) && Number.isSafeInteger(ab + cd))
    return roundScaledToMicro(ab + cd, scale);
  const divisor = scale > MONEY_DECIMALS ? EXACT_POWERS_OF_TEN[scale - MONEY_DECIMALS] : undefined;
  if (divisor === undefined || !splitProduct(a, b, divisor)) return undefined;
  const firstQuotient = split.quotient;
  const firstRemainder = split.remainder;
  if (!splitProduct(c, d, divisor)) return undefined;
  const remainders = firstRemainder + split.remainder; // < 2 × divisor <= 2^53: exact
  const carry = remainders >= divisor ? 1 : 0;
  const rest = remainders - carry * divisor;
  const rounded = firstQuotient + split.quotient + carry + (rest * 2 >= divisor ? 1 : 0);
  return Number.isSafeInteger(rounded) ? rounded : undefined;
}

/** splitProduct's answer (one scratch record: rounding allocates nothing). */
const split = { quotient: NaN, remainder: NaN };

/**
 * ⌊a × b ÷ divisor⌋ and the remainder into `split`, exactly, for safe integers a, b >= 0 and a divisor
 * of at most 2^52; false when a step would pass 2^53. Past 2^53 the larger factor is split as
 * high × divisor + low, so a × b ÷ divisor = small × high + small × low ÷ divisor, and with
 * (small + 1) × divisor <= 2^53 each partial product stays exact.
 */
function splitProduct(a: number, b: number, divisor: number): boolean {
  if (!(a >= 0 && b >= 0 && Number.isSafeInteger(a) && Number.isSafeInteger(b) && divisor <= 2 ** 52)) return false;
  const product = a * b;
  if (Number.isSafeInteger(product)) {
    const remainder = product % divisor; // exact for doubles; product − remainder divides exactly
    split.quotient = (product - remainder) / divisor;
    split.remainder = remainder;
    return true;
  }
  const small = a < b ? a : b;
  const big = a < b ? b : a;
  if (!((small + 1) * divisor <= Number.MAX_SAFE_INTEGER)) return splitProductInTwo(small, big, divisor);
  return splitProductOnce(small, big, divisor);
}

/** splitProduct's one step, for (small + 1) × divisor <= 2^53. */
function splitProductOnce(small: number, big: number, divisor: number): boolean {
  const high =
    big + divisor <= Number.MAX_SAFE_INTEGER ? floorQuotient(big, divisor) : (big - (big % divisor)) / divisor;
  const low = big - high * divisor; // high × divisor <= big: exact
  const whole = small * high;
  const part = small * low;
  const partQuotient = floorQuotient(part, divisor);
  if (!Number.isSafeInteger(whole)) return false;
  split.quotient = whole + partQuotient;
  split.remainder = part - partQuotient * divisor;
  return Number.isSafeInteger(split.quotient);
}

/**
 * splitProduct for a power-of-ten divisor too large for one step (a few hundred thousand generations
 * times a price at 18 decimals, say; such rows took BigInt arithmetic): ÷ 10^j first, with the largest
 * 10^j one step takes, then ÷ the rest of the divisor. With Q1, R1 = splitProduct(a, b, 10^j) and
 * Q1 = Q × rest + R2: a × b = Q × divisor + (R2 × 10^j + R1), and that remainder is below the divisor.
 */
function splitProductInTwo(small: number, big: number, divisor: number): boolean {
  let j = 0;
  while ((small + 1) * (EXACT_POWERS_OF_TEN[j + 1] ?? Infinity) <= Number.MAX_SAFE_INTEGER) j++;
  const first = EXACT_POWERS_OF_TEN[j] ?? NaN;
  if (!((small + 1) * first <= Number.MAX_SAFE_INTEGER)) return false;
  // Only for a divisor that is 10^j times a power of ten (`%` and `/` are exact on these doubles).
  const rest = divisor / first;
  if (!(first < divisor && divisor % first === 0 && EXACT_POWERS_OF_TEN.includes(rest))) return false;
  if (!splitProductOnce(small, big, first)) return false;
  const firstQuotient = split.quotient;
  const firstRemainder = split.remainder;
  const restRemainder = firstQuotient % rest; // exact for doubles
  split.quotient = (firstQuotient - restRemainder) / rest;
  split.remainder = restRemainder * first + firstRemainder; // < divisor <= 2^52: exact
  return true;
}

/**
 * ⌊n ÷ d⌋ exactly, for whole 0 <= n and d > 0 with n + d <= 2^53: the float quotient may be one off, and
 * the remainder n − q·d (exact in that range) puts it right.
 */
export function floorQuotient(n: number, d: number): number {
  const q = Math.floor(n / d);
  const r = n - q * d;
  return r < 0 ? q - 1 : r >= d ? q + 1 : q;
}

/**
 * n / d rounded half up, for a safe integer n >= 0 and an integer d > 0 (an exact float), exactly. The float
 * quotient is off by at most one, and below 2^53 the product and difference that correct it are exact;
 * beyond, `%` (exact for floats, but a slower library call) gives the remainder.
 */
function divideHalfUp(n: number, d: number): number {
  let q: number;
  let r: number;
  if (n + d <= Number.MAX_SAFE_INTEGER) {
    q = floorQuotient(n, d);
    r = n - q * d;
  } else {
    r = n % d;
    q = (n - r) / d;
  }
  return r * 2 >= d ? q + 1 : q;
}

/** A float for sorting, filtering, charts and spreadsheets (the nearest double); sums use the exact values. */
export function microToNumber(m: Micro): number {
  return m / 1_000_000; // both exact doubles: one correctly rounded division
}

export function microToExact(m: Micro): Exact {
  return { units: BigInt(m), scale: MONEY_DECIMALS };
}

/**
 * Splits `total` micro-units into parts in proportion to `weights` (non-negative whole numbers), so the
 * parts add up to `total` exactly: each part gets the whole part of its exact share, and the units left
 * over go one each to the largest remainders (ties to the earlier part). A negative total is split as
 * its size and negated, so a refund splits like a charge. All weights zero: equal shares.
 */
export function allocateLargestRemainder(total: Micro, weights: readonly (number | bigint)[]): Micro[] {
  const n = weights.length;
  if (n === 0) return [];
  if (n === 1) return [total]; // the common case: a piece placed on one row
  if (weights.every((w) => typeof w === 'number')) {
    const out = new Float64Array(n);
    if (allocateInNumbers(total, weights, n, out)) return Array.from(out);
  }
  return allocateLargestRemainderBigInt(total, weights);
}

/**
 * allocateLargestRemainder of the first `n` weights into `out`, in exact arithmetic on numbers: true when
 * done; false (out untouched) when a product could pass 2^53 or a weight is not a safe whole number, and
 * allocateLargestRemainderBigInt must give the parts. Allocates nothing but a scratch array for the
 * leftover units, so a team split of thousands of rows costs no garbage per part.
 */
export function allocateInNumbers(total: Micro, weights: ArrayLike<number>, n: number, out: Float64Array): boolean {
  let sum = 0;
  let largest = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i] as number;
    if (!(w >= 0) || !Number.isSafeInteger(w)) return false;
    sum += w; // weights are non-negative: an inexact running sum ends beyond 2^53 and is refused below
    if (w > largest) largest = w;
  }
  return allocateByTotals(total, weights, n, out, sum, largest);
}

/**
 * allocateInNumbers for weights the caller has checked and summed: each a safe whole number >= 0, `sum`
 * their running sum (NaN when one is not: then refused, as allocateInNumbers refuses it) and `largest` the
 * largest. For a team split, whose money and images are split by the same weights (the check and sum made
 * once, as the weights are written).
 */
export function allocateByTotals(
  total: Micro,
  weights: ArrayLike<number>,
  n: number,
  out: Float64Array,
  sum: number,
  largest: number,
): boolean {
  const size = Math.abs(total);
  const even = sum === 0;
  const denominator = even ? n : sum;
  // Each product size × weight, and the quotient times the denominator that checks it, stay below 2^53.
  if (!Number.isSafeInteger(size) || !Number.isSafeInteger(size * (even ? 1 : largest) + denominator)) return false;
  if (size === 0) {
    out.fill(0, 0, n); // nothing to share (a piece with no images): every part is 0
    return true;
  }
  const remainders = scratchRemainders(n);
  let given = 0;
  for (let i = 0; i < n; i++) {
    const exact = even ? size : size * (weights[i] as number);
    const part = floorQuotient(exact, denominator);
    out[i] = part;
    remainders[i] = exact - part * denominator;
    given += part;
  }
  giveLeftoverUnits(out, remainders, n, size - given, denominator);
  if (total < 0) for (let i = 0; i < n; i++) out[i] = out[i] === 0 ? 0 : -(out[i] as number);
  return true;
}

let remainderScratch = new Float64Array(64);

function scratchRemainders(n: number): Float64Array {
  if (remainderScratch.length < n) remainderScratch = new Float64Array(Math.max(n, remainderScratch.length * 2));
  return remainderScratch;
}

/** allocateLargestRemainder in BigInt arithmetic, exact at any size (the reference the number path equals). */
export function allocateLargestRemainderBigInt(total: Micro, weights: readonly (number | bigint)[]): Micro[] {
  const n = weights.length;
  if (n === 0) return [];
  const big = weights.map((w) => (typeof w === 'bigint' ? w : BigInt(w)));
  if (big.some((w) => w < 0n)) throw new RangeError('allocateLargestRemainder needs non-negative weights');
  let sum = 0n;
  for (const w of big) sum += w;
  const shares = sum === 0n ? big.map(() => 1n) : big;
  const denominator = sum === 0n ? BigInt(n) : sum;
  const size = BigInt(Math.abs(total));
  if (denominator <= BigInt(Number.MAX_SAFE_INTEGER)) return allocateSafeRemainders(total, size, shares, denominator);
  const parts: bigint[] = [];
  const remainders: bigint[] = [];
  let given = 0n;
  for (const w of shares) {
    const exact = size * w;
    const part = exact / denominator;
    parts.push(part);
    remainders.push(exact % denominator);
    given += part;
  }
  let left = Number(size - given);
  if (left > 0) {
    const order = remainders
      .map((_, i) => i)
      .sort((a, b) => {
        const ra = remainders[a] ?? 0n;
        const rb = remainders[b] ?? 0n;
        return ra === rb ? a - b : ra > rb ? -1 : 1;
      });
    for (const i of order) {
      if (left === 0) break;
      parts[i] = (parts[i] ?? 0n) + 1n;
      left -= 1;
    }
  }
  return parts.map((p) => (total < 0 && p !== 0n ? -Number(p) : Number(p)));
}

/**
 * The products need BigInt but the weights' sum is a safe integer (a team's planned costs): every
 * remainder is below it, so they are exact numbers and the leftover units go by a numeric sort.
 */
function allocateSafeRemainders(total: Micro, size: bigint, shares: readonly bigint[], denominator: bigint): Micro[] {
  const parts: number[] = [];
  const remainders = new Float64Array(shares.length);
  let given = 0;
  shares.forEach((w, i) => {
    const exact = size * w;
    const part = Number(exact / denominator); // at most the total: a safe integer
    parts.push(part);
    remainders[i] = Number(exact % denominator);
    given += part;
  });
  giveLeftoverUnits(parts, remainders, parts.length, Math.abs(total) - given, Number(denominator));
  return parts.map((p) => (total < 0 && p !== 0 ? -p : p));
}

/** The k-th smallest of the first `n` values (from 0), which it reorders: quickselect, linear on average. */
function kthSmallest(values: Float64Array, n: number, k: number): number {
  let lo = 0;
  let hi = n - 1;
  while (lo < hi) {
    const pivot = values[(lo + hi) >>> 1] ?? 0;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] ?? 0) < pivot) i++;
      while ((values[j] ?? 0) > pivot) j--;
      if (i <= j) {
        const t = values[i] ?? 0;
        values[i++] = values[j] ?? 0;
        values[j--] = t;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else return values[k] ?? 0;
  }
  return values[k] ?? 0;
}

let selectScratch = new Float64Array(64);
let bucketCounts = new Int32Array(64);
let bucketOf = new Uint16Array(64);

/** Below this many parts the leftover units go by selection alone (giveBySelection). */
const FEW_PARTS = 256;
/** The most buckets giveLeftoverUnits sorts remainders into. */
const MAX_BUCKETS = 4096;
/** Up to this many leftover units, the largest remainders are kept as they pass (giveToLargest). */
const FEW_UNITS = 64;
let largestScratch = new Float64Array(FEW_UNITS);

/**
 * One unit more to each of the `left` parts (of the first `n`) with the largest remainders, ties to the
 * earlier part. The remainders (each below `denominator`) are first counted into buckets by size, which
 * finds the bucket holding the `left`-th largest without comparing them: every part in a bucket above it
 * gets a unit, and only that bucket's remainders are selected among (giveBySelection's rule). A team rule
 * splits every piece on a day over thousands of rows, and a selection over all of them cost 0.5 ms a piece.
 */
function giveLeftoverUnits(
  parts: number[] | Float64Array,
  remainders: Float64Array,
  n: number,
  left: number,
  denominator: number,
): void {
  if (left <= 0) return;
  if (n < FEW_PARTS) {
    giveBySelection(parts, remainders, n, left);
    return;
  }
  if (left <= FEW_UNITS) {
    giveToLargest(parts, remainders, n, left);
    return;
  }
  const buckets = Math.min(MAX_BUCKETS, n >> 2);
  // A remainder's bucket: ⌊r × buckets ÷ denominator⌋ in floats. Rounding is monotone, so a higher bucket
  // always holds larger remainders, however the products round: all the split's exactness needs.
  const perUnit = buckets / denominator;
  const last = buckets - 1;
  if (bucketCounts.length < buckets) bucketCounts = new Int32Array(MAX_BUCKETS);
  const counts = bucketCounts;
  counts.fill(0, 0, buckets);
  if (bucketOf.length < n) bucketOf = new Uint16Array(Math.max(n, bucketOf.length * 2));
  const bucketAt = bucketOf;
  for (let i = 0; i < n; i++) {
    const found = Math.floor((remainders[i] as number) * perUnit);
    const b = found > last ? last : found;
    bucketAt[i] = b;
    counts[b] = (counts[b] as number) + 1;
  }
  // The bucket holding the left-th largest remainder; the buckets above it take `above` units.
  let bucket = last;
  let above = 0;
  while (bucket > 0 && above + (counts[bucket] as number) < left) above += counts[bucket--] as number;
  const wanted = left - above;
  if (selectScratch.length < n) selectScratch = new Float64Array(Math.max(n, selectScratch.length * 2));
  let inBucket = 0;
  for (let i = 0; i < n; i++) if (bucketAt[i] === bucket) selectScratch[inBucket++] = remainders[i] as number;
  const threshold = kthSmallest(selectScratch, inBucket, inBucket - wanted);
  let atThreshold = wanted;
  for (let j = 0; j < inBucket; j++) if ((selectScratch[j] as number) > threshold) atThreshold -= 1;
  for (let i = 0; i < n; i++) {
    // A remainder in a lower bucket is below the threshold, one in a higher bucket above it: only the
    // threshold's bucket holds remainders equal to it, whose units go in order.
    if ((bucketAt[i] as number) < bucket) continue;
    const r = remainders[i] as number;
    if (r > threshold || (r === threshold && atThreshold-- > 0)) parts[i] = (parts[i] ?? 0) + 1;
  }
}

/**
 * giveLeftoverUnits by selection over every remainder: the `left`-th largest is the threshold; every part
 * above it gets one unit, and the units still left go to the parts at it, in order.
 */
function giveBySelection(parts: number[] | Float64Array, remainders: Float64Array, n: number, left: number): void {
  if (selectScratch.length < n) selectScratch = new Float64Array(Math.max(n, selectScratch.length * 2));
  selectScratch.set(remainders.subarray(0, n));
  const threshold = kthSmallest(selectScratch, n, n - left);
  let atThreshold = left;
  for (let i = 0; i < n; i++) if ((remainders[i] as number) > threshold) atThreshold -= 1;
  for (let i = 0; i < n; i++) {
    const r = remainders[i] as number;
    if (r > threshold || (r === threshold && atThreshold-- > 0)) parts[i] = (parts[i] ?? 0) + 1;
  }
}

/**
 * giveLeftoverUnits for a few units (a team's images: tens over thousands of rows): the `left` largest
 * remainders kept in ascending order as one pass goes by (a remainder enters only when above the least
 * kept, rarely once the list is full), the least of them the threshold (giveBySelection's rule). The
 * bucket count costs a pass more than the split's own, for every piece.
 */
function giveToLargest(parts: number[] | Float64Array, remainders: Float64Array, n: number, left: number): void {
  if (largestScratch.length < left) largestScratch = new Float64Array(left);
  const kept = largestScratch;
  let count = 0;
  for (let i = 0; i < n; i++) {
    const r = remainders[i] as number;
    let at: number;
    if (count < left) {
      // Growing: r goes in among the kept, larger ones moving up.
      at = count++;
      while (at > 0 && (kept[at - 1] as number) > r) kept[at] = kept[--at] as number;
    } else if (r > (kept[0] as number)) {
      // Full: the least drops out, smaller ones moving down under r.
      at = 0;
      while (at + 1 < left && (kept[at + 1] as number) < r) kept[at] = kept[++at] as number;
    } else continue;
    kept[at] = r;
  }
  const threshold = kept[0] as number;
  let atThreshold = left;
  for (let j = 0; j < left; j++) if ((kept[j] as number) > threshold) atThreshold -= 1;
  for (let i = 0; i < n; i++) {
    const r = remainders[i] as number;
    if (r > threshold || (r === threshold && atThreshold-- > 0)) parts[i] = (parts[i] ?? 0) + 1;
  }
}

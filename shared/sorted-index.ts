/**
 * Where `value` is in ascending `values` (strings or numbers, compared with < as they are), or -1: a
 * binary search, for lists too long to scan on every lookup (a row's days, a team split's rows).
 */
export function indexInSorted<T extends string | number>(values: ArrayLike<T>, value: T): number {
  let lo = 0;
  let hi = values.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    const at = values[mid] as T;
    if (at === value) return mid;
    if (at < value) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

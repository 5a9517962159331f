// Binary search over sorted offsets, shared by the matchers and the context checks.

/** Index of the first value ≥ target in an ascending array (values.length when none). */
export function lowerBound(values: ArrayLike<number>, target: number): number {
  let lo = 0;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Index of the first item whose key is ≥ target in an array sorted by that key. */
export function lowerBoundBy<T>(items: ArrayLike<T>, target: number, key: (item: T) => number): number {
  let lo = 0;
  let hi = items.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (key(items[mid]!) < target) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

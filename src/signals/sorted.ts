// Small search helpers shared by the matchers, the context checks and the loan reader: binary
// search over sorted offsets, and regex matches without per-call cloning.

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

/**
 * Every match of a global regex in text. Unlike String.prototype.matchAll this does not clone the
 * regex on each call (a measurable cost when small windows are searched many times).
 */
export function allMatches(regex: RegExp, text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  regex.lastIndex = 0;
  for (let m = regex.exec(text); m !== null; m = regex.exec(text)) {
    if (m[0].length === 0) regex.lastIndex++;
    found.push(m);
  }
  regex.lastIndex = 0;
  return found;
}

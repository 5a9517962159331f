// Bulk actions take any number of finding ids, but SQLite binds at most 999 parameters per
// statement: id lists are read and written in slices, inside the caller's transaction, so the
// action stays all or nothing. Slices also keep PostgreSQL statements small.
export const idSlice = 500;

export function* slices<T>(items: readonly T[], size = idSlice): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size);
}

/**
 * Interactive-transaction timeout for a bulk action on `n` ids: Prisma's default 5 s, plus a
 * second per slice, so a large bulk action is not cut off half way (it would roll back whole).
 */
export function bulkTimeout(n: number): number {
  return 5_000 + Math.ceil(n / idSlice) * 1_000;
}

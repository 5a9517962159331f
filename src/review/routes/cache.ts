// A value computed at most once per interval: lists for filter menus (regions, sweeps) that change
// rarely and should not cost a query on every page of a busy queue.
export function cachedFor<T>(
  ttlMs: number,
  compute: () => Promise<T>,
  now = () => Date.now(),
): () => Promise<T> {
  let value: { at: number; data: Promise<T> } | null = null;
  return () => {
    if (!value || now() - value.at > ttlMs) {
      const data = compute();
      value = { at: now(), data };
      data.catch(() => {
        value = null;
      });
    }
    return value.data;
  };
}

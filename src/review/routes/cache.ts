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

/** Like cachedFor, per key (e.g. a date range), keeping at most `maxKeys` recent keys. */
export function cachedByKey<T>(
  ttlMs: number,
  maxKeys: number,
  compute: (key: string) => Promise<T>,
): (key: string) => Promise<T> {
  const entries = new Map<string, () => Promise<T>>();
  return (key) => {
    let entry = entries.get(key);
    if (!entry) {
      if (entries.size >= maxKeys) entries.delete(entries.keys().next().value!);
      entry = cachedFor(ttlMs, () => compute(key));
      entries.set(key, entry);
    }
    return entry();
  };
}

// 双随机 draws: a seeded, reproducible random sample of the register. The seed, the population
// and a digest of the drawn list are recorded with the run, so anyone can redo the draw and
// check it (publish the seed before the draw, the list after).
import crypto from "node:crypto";

export type SampleRecord = {
  seed: string;
  percent: number;
  population: number;
  drawn: number;
  drawnDigest: string;
};

/** A small, well-known PRNG (mulberry32) seeded from SHA-256 of the seed text. */
function prng(seed: string): () => number {
  let state = crypto.createHash("sha256").update(seed).digest().readUInt32LE(0);
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Draws ceil(percent% of n) items; the population is sorted by key first so order in the database does not matter. */
export function drawSample<T>(
  population: T[],
  keyOf: (item: T) => string,
  percent: number,
  seed: string,
): { items: T[]; record: SampleRecord } {
  const sorted = [...population].sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : keyOf(a) > keyOf(b) ? 1 : 0));
  const random = prng(seed);
  for (let i = sorted.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [sorted[i], sorted[j]] = [sorted[j]!, sorted[i]!];
  }
  const count = Math.min(sorted.length, Math.ceil((sorted.length * percent) / 100));
  const items = sorted.slice(0, count);
  const drawnDigest = crypto.createHash("sha256").update(items.map(keyOf).sort().join("\n")).digest("hex");
  return { items, record: { seed, percent, population: population.length, drawn: count, drawnDigest } };
}

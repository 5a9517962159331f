import assert from "node:assert/strict";
import { test } from "node:test";
import { drawSample } from "../../../src/sweeps/sample.ts";

const population = Array.from({ length: 1000 }, (_, i) => ({ key: `K${String(i).padStart(4, "0")}` }));

test("a 双随机 draw is reproducible from its seed and independent of input order", () => {
  const a = drawSample(population, (x) => x.key, 3, "entities@2026-11-01");
  const b = drawSample([...population].reverse(), (x) => x.key, 3, "entities@2026-11-01");
  assert.equal(a.items.length, 30);
  assert.deepEqual(
    a.items.map((x) => x.key),
    b.items.map((x) => x.key),
  );
  assert.equal(a.record.drawnDigest, b.record.drawnDigest);
  assert.deepEqual(
    { ...a.record, drawnDigest: "" },
    { seed: "entities@2026-11-01", percent: 3, population: 1000, drawn: 30, drawnDigest: "" },
  );
});

test("another seed draws another sample", () => {
  const a = drawSample(population, (x) => x.key, 3, "seed-1");
  const b = drawSample(population, (x) => x.key, 3, "seed-2");
  assert.notDeepEqual(a.items, b.items);
});

test("percentages round up and never exceed the population", () => {
  assert.equal(drawSample(population.slice(0, 10), (x) => x.key, 3, "s").items.length, 1);
  assert.equal(drawSample(population.slice(0, 10), (x) => x.key, 100, "s").items.length, 10);
});

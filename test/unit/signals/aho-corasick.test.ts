// The automaton finds exactly what a naive search finds, overlaps and nested patterns included.
import assert from "node:assert/strict";
import { test } from "node:test";
import { AhoCorasick } from "../../../src/signals/aho-corasick.ts";

function naive(patterns: string[], text: string): string[] {
  const hits: string[] = [];
  patterns.forEach((p, i) => {
    if (!p) return;
    for (let k = 0; k + p.length <= text.length; k++) if (text.startsWith(p, k)) hits.push(`${i}@${k}`);
  });
  return hits.sort();
}

test("the classic example: he, she, his, hers in ushers", () => {
  const patterns = ["he", "she", "his", "hers"];
  const hits = new AhoCorasick(patterns)
    .findAll("ushers")
    .map((h) => `${patterns[h.pattern]}@${h.start}-${h.end}`);
  assert.deepEqual(hits, ["she@1-4", "he@2-4", "hers@2-6"]);
});

test("CJK phrases inside each other are all reported, in order of end", () => {
  const patterns = ["保本", "保本保息", "本保", "息", "保息"];
  const hits = new AhoCorasick(patterns).findAll("承诺保本保息").map((h) => patterns[h.pattern]);
  assert.deepEqual(hits, ["保本", "本保", "保本保息", "保息", "息"]);
});

test("random patterns over a small alphabet agree with a naive search", () => {
  let seed = 7;
  const next = () => {
    seed = (seed * 48271) % 2147483647;
    return seed;
  };
  const alphabet = "ab保本息";
  const word = (n: number) => Array.from({ length: n }, () => alphabet[next() % alphabet.length]).join("");
  for (let round = 0; round < 300; round++) {
    const patterns = Array.from({ length: 1 + (next() % 10) }, () => word(1 + (next() % 4)));
    const text = word(80);
    const found = new AhoCorasick(patterns)
      .findAll(text)
      .map((h) => `${h.pattern}@${h.start}`)
      .sort();
    assert.deepEqual(found, naive(patterns, text), `${patterns} in ${text}`);
  }
});

test("empty patterns are ignored and characters beyond the BMP work", () => {
  const ac = new AhoCorasick(["", "𠀀字", "字"]);
  assert.deepEqual(
    ac.findAll("一𠀀字").map((h) => [h.pattern, h.start, h.end]),
    [
      [1, 1, 4],
      [2, 3, 4],
    ],
  );
});

// The labelled corpus (test/corpus/labels.yaml): precision and recall of every category at least
// 0.9, and the encodings read as labelled.
import assert from "node:assert/strict";
import path from "node:path";
import { before, test } from "node:test";
import { loadRulePacks } from "../../src/signals/index.ts";
import { type PageResult, runCorpus, score } from "./evaluate-corpus.ts";

const packs = loadRulePacks(path.resolve("config/rules"));
let results: PageResult[] = [];

before(async () => {
  results = await runCorpus(packs);
});

test("every category reaches precision and recall of 0.9 on the corpus", () => {
  const scores = score(results, packs.categories);
  const weak = scores.filter((s) => s.precision < 0.9 || s.recall < 0.9);
  const disagreements = results
    .filter((r) => r.page.categories.slice().sort().join() !== r.predicted.join())
    .map((r) => `${r.page.file}: labelled [${r.page.categories}] found [${r.predicted}]`);
  assert.deepEqual(weak, [], disagreements.join("\n"));
});

test("the corpus has at least as many hard negatives as pages with violations, several per category", () => {
  const negatives = results.filter((r) => r.page.categories.length === 0).length;
  assert.ok(negatives >= results.length - negatives, `${negatives} negatives of ${results.length}`);
  for (const category of packs.categories) {
    const pages = results.filter((r) => r.page.categories.includes(category)).length;
    assert.ok(pages >= 4, `${category}: ${pages} pages`);
  }
});

test("GBK and Big5 pages are decoded with the right charset", () => {
  for (const r of results) {
    if (/-gbk\./.test(r.page.file)) assert.equal(r.charset, "gb18030", r.page.file);
    if (/-big5\./.test(r.page.file)) assert.equal(r.charset, "big5", r.page.file);
  }
});

// Precision and recall per category of the signals engine over the labelled corpus
// (test/corpus). Run: node --import tsx scripts/evaluate.ts [--verbose]
// Exit code 1 when any category is below 0.9 on either measure.
import path from "node:path";
import { loadRulePacks } from "../src/signals/index.ts";
import { runCorpus, score } from "../test/corpus/evaluate-corpus.ts";

const verbose = process.argv.includes("--verbose");
const packs = loadRulePacks(path.resolve("config/rules"));
const results = await runCorpus(packs);
const scores = score(results, packs.categories);

const positives = results.filter((r) => r.page.categories.length > 0).length;
console.log(
  `corpus: ${results.length} pages (${positives} with violations, ${results.length - positives} hard negatives)`,
);
console.log(`rule packs: ${packs.packs.length}, hash ${packs.hash.slice(0, 12)}\n`);
console.log("category              precision  recall   TP  FP  FN");
for (const s of scores) {
  console.log(
    `${s.category.padEnd(20)}  ${s.precision.toFixed(2).padStart(9)}  ${s.recall.toFixed(2).padStart(6)}  ${String(s.tp).padStart(3)} ${String(s.fp).padStart(3)} ${String(s.fn).padStart(3)}`,
  );
}
const mistakes = results.filter(
  (r) =>
    r.page.categories.join() !== r.predicted.join() &&
    JSON.stringify([...r.page.categories].sort()) !== JSON.stringify(r.predicted),
);
if (mistakes.length > 0) {
  console.log("\npages where the engine and the labels disagree:");
  for (const r of mistakes) {
    console.log(
      `  ${r.page.file}: labelled [${r.page.categories.join(", ")}], found [${r.predicted.join(", ")}]`,
    );
    if (verbose) {
      for (const f of r.analysis.findings) console.log(`      ${f.rule}: ${f.excerpt}`);
      for (const s of r.analysis.suppressed)
        console.log(`      (suppressed ${s.rule}: ${s.reason}) ${s.excerpt}`);
    }
  }
}
const below = scores.filter((s) => s.precision < 0.9 || s.recall < 0.9);
process.exitCode = below.length > 0 ? 1 : 0;

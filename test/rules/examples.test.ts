// Every example of every rule pack in config/rules: a positive example must produce a finding of
// its rule, a negative one must not.
import assert from "node:assert/strict";
import path from "node:path";
import { describe, test } from "node:test";
import { loadRulePacks } from "../../src/signals/index.ts";
import { analyseExample } from "./run-examples.ts";

const packs = loadRulePacks(path.resolve("config/rules"));

for (const { file, pack } of packs.packs) {
  describe(path.basename(file), () => {
    for (const rule of pack.rules) {
      for (const [i, example] of rule.examples.positive.entries()) {
        test(`${rule.id} positive #${i + 1} is found`, () => {
          const analysis = analyseExample(example, packs);
          const rules = analysis.findings.map((f) => f.rule);
          assert.ok(
            rules.includes(rule.id),
            `expected ${rule.id} in [${rules.join(", ")}]; suppressed: ${JSON.stringify(analysis.suppressed)}`,
          );
        });
      }
      for (const [i, example] of rule.examples.negative.entries()) {
        test(`${rule.id} negative #${i + 1} stays quiet`, () => {
          const analysis = analyseExample(example, packs);
          const finding = analysis.findings.find((f) => f.rule === rule.id);
          assert.equal(finding, undefined, `unexpected ${rule.id}: ${finding?.excerpt}`);
        });
      }
    }
  });
}

test("every category decided by page content has a pack", () => {
  const expected = [
    "bank_card_trading",
    "cash_loan",
    "counterfeit",
    "elderly_scam",
    "false_advertising",
    "license_display",
    "micro_trading",
    "p2p_lending",
    "pyramid_selling",
  ];
  assert.deepEqual([...packs.categories].sort(), expected);
});

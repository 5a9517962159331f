import assert from "node:assert/strict";
import { test } from "node:test";
import { requiredLiteral } from "../../../src/signals/regex-literal.ts";

test("the literal every match must contain is found outside groups, classes and optional parts", () => {
  assert.equal(requiredLiteral("(?:[一二三]|\\d{1,2})\\s*代\\s*(?:奖励|拿)?\\D{0,4}\\d{1,2}\\s*%"), "代");
  assert.equal(requiredLiteral("收益(?:率)?\\D{0,4}\\d{2,3}\\s*%"), "收益");
  assert.equal(requiredLiteral("年化?(?:利率)"), "年");
  assert.equal(requiredLiteral("保本?"), "保");
  assert.equal(requiredLiteral("保本|保息"), null);
  assert.equal(requiredLiteral("[保本]+"), null);
});

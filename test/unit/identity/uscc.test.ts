import assert from "node:assert/strict";
import { test } from "node:test";
import {
  isValidRegistrationNumber,
  maskUscc,
  usccCheckCharacter,
  usccProblem,
} from "../../../src/identity/index.ts";

test("worked examples of GB 32100-2015 pass the check", () => {
  for (const code of [
    "91350100M000100Y43",
    "91110000101623741K",
    "91330106673959654P",
    "91110105MA003A481G",
    "91440101MA5CJQ4N59",
    "911101066976941872",
  ]) {
    assert.equal(usccProblem(code), null, code);
  }
});

test("sum divisible by 31 gives check 0, remainder 1 gives Y", () => {
  assert.equal(usccCheckCharacter("91442000MA4U00017"), "0");
  assert.equal(usccCheckCharacter("91442000MA4U00007"), "Y");
});

test("wrong check character, bad alphabet and wrong length are told apart", () => {
  assert.equal(usccProblem("91350100M000100Y4Z"), "characters"); // Z is not in the alphabet
  assert.equal(usccProblem("91350100M000100Y44"), "check");
  assert.equal(usccProblem("91350100M000100O43"), "characters");
  assert.equal(usccProblem("9135010"), "length");
});

test("public pages show a masked code", () => {
  assert.equal(maskUscc("91350100M000100Y43"), "9135**********0Y43");
});

test("legacy 15-digit registration numbers use ISO 7064 MOD 11,10", () => {
  for (const n of ["441900000436441", "440000000011990", "441322000003556", "420111000102120"]) {
    assert.ok(isValidRegistrationNumber(n), n);
  }
  assert.ok(!isValidRegistrationNumber("441900000436442"));
});

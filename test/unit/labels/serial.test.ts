import assert from "node:assert/strict";
import { test } from "node:test";
import { newSerial, normaliseSerial } from "../../../src/labels/index.ts";

const alphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
const shape = /^HD-2026-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/;

test("a new serial has the documented shape, carries the year and passes its own check", () => {
  const serial = newSerial(2026);
  assert.match(serial, shape);
  assert.equal(normaliseSerial(serial), serial);
  assert.match(newSerial(2031), /^HD-2031-/);
});

test("thousands of serials are all different and their symbols are spread evenly (no sequence)", () => {
  const serials = Array.from({ length: 3000 }, () => newSerial(2026));
  assert.equal(new Set(serials).size, serials.length);
  const counts = new Map<string, number>();
  for (const s of serials) {
    const random = s.slice(8).replace(/-/g, "").slice(0, 11);
    for (const ch of random) counts.set(ch, (counts.get(ch) ?? 0) + 1);
  }
  const expected = (3000 * 11) / 32;
  assert.equal(counts.size, 32);
  for (const [ch, n] of counts)
    assert.ok(n > expected * 0.8 && n < expected * 1.2, `${ch}: ${n} vs ${expected}`);
  // Consecutive serials share no more leading random characters than chance allows.
  const sharedPrefixes = serials
    .slice(1)
    .filter((s, i) => s.slice(0, 10) === serials[i]!.slice(0, 10)).length;
  assert.ok(sharedPrefixes < 30, `consecutive serials sharing 2 random characters: ${sharedPrefixes}`);
});

test("every single-character typo is caught by the check character", () => {
  const serial = newSerial(2026);
  for (let i = 3; i < serial.length; i++) {
    if (serial[i] === "-") continue;
    for (const ch of alphabet) {
      if (ch === serial[i]) continue;
      const typo = serial.slice(0, i) + ch + serial.slice(i + 1);
      assert.equal(normaliseSerial(typo), null, `${typo} should fail the check`);
    }
  }
});

test("typed forms fold to the canonical serial: lower case, no dashes, spaces, O/I/L", () => {
  const serial = newSerial(2026);
  assert.equal(normaliseSerial(serial.toLowerCase()), serial);
  assert.equal(normaliseSerial(` ${serial.replace(/-/g, "")} `), serial);
  const withLookalikes = serial.replace(/0/g, "O").replace(/1/g, "l");
  assert.equal(normaliseSerial(withLookalikes), serial);
});

test("malformed serials are rejected", () => {
  for (const bad of [
    "",
    "HD-2026",
    "XX-2026-AAAA-AAAA-AAAA",
    "HD-2026-AAAA-AAAA-AAAU",
    "HD-26-AAAA-AAAA-AAAA",
    "../../etc",
  ]) {
    assert.equal(normaliseSerial(bad), null, bad);
  }
});

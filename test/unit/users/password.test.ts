import assert from "node:assert/strict";
import crypto from "node:crypto";
import { test } from "node:test";
import { InputError } from "../../../src/errors.ts";
import { hashPassword, minPasswordLength, needsRehash, verifyPassword } from "../../../src/users/index.ts";

const password = "红盾-correct horse battery";

test("a hash is self-describing scrypt with a random salt; the same password hashes differently", async () => {
  const a = await hashPassword(password);
  const b = await hashPassword(password);
  assert.match(a, /^scrypt\$32768\$8\$1\$[\w-]{22}\$[\w-]{43}$/);
  assert.notEqual(a, b);
  assert.ok(!a.includes(password));
});

test("the right password verifies; a wrong, empty or almost-right one does not", async () => {
  const stored = await hashPassword(password);
  assert.equal(await verifyPassword(password, stored), true);
  for (const wrong of ["", "红盾-correct horse batter", `${password} `, password.toUpperCase()]) {
    assert.equal(await verifyPassword(wrong, stored), false, wrong);
  }
});

test("a tampered or malformed stored hash never verifies", async () => {
  const stored = await hashPassword(password);
  const parts = stored.split("$");
  const flipped = parts[5]!.startsWith("A") ? `B${parts[5]!.slice(1)}` : `A${parts[5]!.slice(1)}`;
  assert.equal(await verifyPassword(password, [...parts.slice(0, 5), flipped].join("$")), false);
  for (const bad of [
    "",
    "plaintext",
    "scrypt$1$8$1$x$y",
    `scrypt$${2 ** 30}$8$1$${parts[4]}$${parts[5]}`,
    "bcrypt$...",
  ]) {
    assert.equal(await verifyPassword(password, bad), false, bad);
  }
});

test("a hash made with other cost parameters is read from its own fields, and flagged for rehash", async () => {
  const salt = crypto.randomBytes(16);
  const hash = crypto.scryptSync(password, salt, 32, { N: 2 ** 14, r: 8, p: 1 });
  const older = `scrypt$16384$8$1$${salt.toString("base64url")}$${hash.toString("base64url")}`;
  assert.equal(await verifyPassword(password, older), true);
  assert.equal(needsRehash(older), true);
  assert.equal(needsRehash(await hashPassword(password)), false);
});

test("empty, short and absurdly long new passwords are refused without echoing them", async () => {
  const short = "a".repeat(minPasswordLength - 1);
  for (const bad of ["", short, "x".repeat(2000)]) {
    await assert.rejects(
      hashPassword(bad),
      (e: unknown) => e instanceof InputError && (bad === "" || !e.message.includes(bad)),
    );
  }
});

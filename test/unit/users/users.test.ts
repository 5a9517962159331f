import assert from "node:assert/strict";
import { test } from "node:test";
import { InputError, RefusedError } from "../../../src/errors.ts";
import { addUser, listUsers, roleAtLeast, verifyCredentials } from "../../../src/users/index.ts";
import { eachProvider } from "../../helpers/temp-db.ts";

const actor = "test:users";
const password = "江湾-review-2026";

eachProvider("staff users", ({ db }) => {
  test("a user is added with an scrypt hash, and the audit row holds the role but no password", async () => {
    const user = await addUser(db(), { name: "zhang.wei", role: "reviewer", password, actor });
    assert.deepEqual([user.name, user.role, user.disabledAt], ["zhang.wei", "reviewer", null]);
    const row = await db().prisma.user.findUniqueOrThrow({ where: { name: "zhang.wei" } });
    assert.match(row.passwordHash, /^scrypt\$32768\$8\$1\$/);
    const audits = await db().prisma.auditLog.findMany({
      where: { subjectType: "user", subjectId: "zhang.wei" },
    });
    assert.equal(audits.length, 1);
    assert.equal(audits[0]!.action, "user.add");
    assert.deepEqual(JSON.parse(audits[0]!.details), { role: "reviewer" });
    assert.ok(!JSON.stringify(audits).includes(password));
  });

  test("a duplicate name is refused and the first account is unchanged", async () => {
    await addUser(db(), { name: "li.na", role: "admin", password, actor });
    const before = await db().prisma.user.findUniqueOrThrow({ where: { name: "li.na" } });
    await assert.rejects(
      addUser(db(), { name: "li.na", role: "viewer", password: "another-password-1", actor }),
      (e: unknown) =>
        e instanceof RefusedError && /already exists/.test(e.message) && /已存在/.test(e.zhMessage),
    );
    const after = await db().prisma.user.findUniqueOrThrow({ where: { name: "li.na" } });
    assert.deepEqual(after, before);
  });

  test("a wrong role, a bad name or a short password is invalid input and writes nothing", async () => {
    const count = await db().prisma.user.count();
    await assert.rejects(
      addUser(db(), { name: "wang", role: "root", password, actor }),
      /--role: "root" is not a role/,
    );
    await assert.rejects(addUser(db(), { name: "a b", role: "viewer", password, actor }), InputError);
    await assert.rejects(
      addUser(db(), { name: "wang", role: "viewer", password: "short", actor }),
      /at least 10/,
    );
    assert.equal(await db().prisma.user.count(), count);
  });

  test("credentials verify only with the right password, for an enabled account", async () => {
    await addUser(db(), { name: "chen", role: "viewer", password, actor });
    assert.equal((await verifyCredentials(db(), "chen", password))?.role, "viewer");
    assert.equal(await verifyCredentials(db(), "chen", "江湾-review-2025"), null);
    assert.equal(await verifyCredentials(db(), "nobody", password), null);
    await db().prisma.user.update({ where: { name: "chen" }, data: { disabledAt: new Date() } });
    assert.equal(await verifyCredentials(db(), "chen", password), null);
  });

  test("the list is sorted by name and never carries a password hash", async () => {
    const users = await listUsers(db());
    const names = users.map((u) => u.name);
    assert.deepEqual(names, [...names].sort());
    assert.ok(names.includes("zhang.wei"));
    assert.ok(users.every((u) => !("passwordHash" in u)));
  });
});

test("roles are ordered viewer < reviewer < admin", () => {
  assert.equal(roleAtLeast("admin", "reviewer"), true);
  assert.equal(roleAtLeast("reviewer", "reviewer"), true);
  assert.equal(roleAtLeast("viewer", "reviewer"), false);
});

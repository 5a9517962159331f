// `redshield users ...` run for real: the password arrives on standard input and is never echoed.
import assert from "node:assert/strict";
import { test } from "node:test";
import { verifyCredentials } from "../../src/users/index.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { cliEnv, runRedshield } from "./spawn-redshield.ts";

const password = "江湾-命令行-secret-42";

eachProvider("redshield users", ({ db, temp }) => {
  const run = (args: string[], input = "") => runRedshield(["users", ...args], cliEnv(temp().url), input);

  test("add reads the password from standard input, stores a hash that verifies, and never prints it", async () => {
    const added = await run(["add", "wang.fang", "--role", "reviewer"], `${password}\n`);
    assert.equal(added.code, 0, added.stderr);
    assert.match(added.stdout, /已添加用户 wang\.fang/);
    assert.ok(!(added.stdout + added.stderr).includes(password));
    assert.equal((await verifyCredentials(db(), "wang.fang", password))?.role, "reviewer");
    assert.equal(
      await verifyCredentials(db(), "wang.fang", `${password}\n`),
      null,
      "the line ending is not part of it",
    );
    const listed = await run(["list"]);
    assert.equal(listed.code, 0, listed.stderr);
    assert.match(listed.stdout, /^wang\.fang\treviewer\t审核人员\t启用 active\t/m);
    assert.ok(!listed.stdout.includes("scrypt"));
  });

  test("a duplicate name, an empty or short password and an unknown role are refused", async () => {
    const [duplicate, empty, short, role] = await Promise.all([
      run(["add", "wang.fang", "--role", "viewer"], `${password}\n`),
      run(["add", "zhao", "--role", "viewer"], ""),
      run(["add", "zhao", "--role", "viewer"], "short\n"),
      run(["add", "zhao", "--role", "superuser"], `${password}\n`),
    ]);
    assert.equal(duplicate.code, 4, duplicate.stderr);
    assert.match(duplicate.stderr, /already exists/);
    assert.equal(empty.code, 2, empty.stderr);
    assert.match(empty.stderr, /password: empty/);
    assert.equal(short.code, 2, short.stderr);
    assert.match(short.stderr, /at least 10 characters/);
    assert.ok(!short.stderr.includes("short\n") && !/password: .*short/.test(short.stderr));
    assert.equal(role.code, 2, role.stderr);
    assert.match(role.stderr, /--role: "superuser" is not a role/);
    assert.equal(await db().prisma.user.count({ where: { name: "zhao" } }), 0);
  });
});

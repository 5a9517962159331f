import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import Database from "better-sqlite3";
import { openDb, pendingMigrations, readMigrations } from "../../../src/db/index.ts";
import { DatabaseError } from "../../../src/errors.ts";
import { eachProvider, tempDir } from "../../helpers/temp-db.ts";

test("both providers have the same migrations, numbered without gaps", () => {
  const sqlite = readMigrations("sqlite").map((m) => m.name);
  const postgres = readMigrations("postgresql").map((m) => m.name);
  assert.deepEqual(sqlite, postgres);
  for (const [i, name] of sqlite.entries()) assert.ok(name.startsWith(String(i + 1).padStart(4, "0")), name);
});

test("a database with an unknown migration is refused as newer than the code", () => {
  const known = readMigrations("sqlite");
  assert.throws(
    () => pendingMigrations(known, [{ name: "9999_future", checksum: "x" }]),
    (e: unknown) => e instanceof DatabaseError && /newer than the code/.test(e.message),
  );
});

test("an edited migration is refused", () => {
  const known = readMigrations("sqlite");
  assert.throws(
    () => pendingMigrations(known, [{ name: known[0]!.name, checksum: "0" }]),
    /changed after it was applied/,
  );
});

test("SQLite: file created on first use, migrations recorded once, newer database refused at open", async () => {
  const dir = tempDir();
  const file = path.join(dir, "nested", "redshield.db");
  const db = await openDb(`file:${file}`);
  await db.close();
  assert.ok(fs.existsSync(file));
  const again = await openDb(`file:${file}`);
  await again.close();
  const raw = new Database(file);
  const rows = raw.prepare(`SELECT name FROM "_redshield_migrations"`).all() as { name: string }[];
  assert.deepEqual(
    rows.map((r) => r.name),
    readMigrations("sqlite").map((m) => m.name),
  );
  raw.prepare(`INSERT INTO "_redshield_migrations" VALUES ('9999_future', 'x', 'now')`).run();
  raw.close();
  await assert.rejects(openDb(`file:${file}`), /newer than the code/);
});

eachProvider("schema after all migrations", ({ db }) => {
  test("every model can be written and read back", async () => {
    const prisma = db().prisma;
    const entity = await prisma.entity.create({
      data: {
        uscc: "91350100M000100Y43",
        name: "江湾示例有限公司",
        kind: "enterprise",
        status: "存续",
        presences: { create: [{ domain: "example.cn" }] },
      },
    });
    const label = await prisma.label.create({
      data: {
        serial: "RS-TEST",
        entityId: entity.id,
        expiresAt: new Date("2030-01-01"),
        domains: { create: [{ domain: "example.cn" }] },
      },
    });
    await prisma.user.create({ data: { name: "wang", role: "admin", passwordHash: "x" } });
    await prisma.auditLog.create({
      data: { actor: "test", action: "entity.create", subjectType: "entity", subjectId: String(entity.id) },
    });
    const back = await prisma.entity.findUniqueOrThrow({
      where: { uscc: entity.uscc },
      include: { presences: true, labels: { include: { domains: true } } },
    });
    assert.equal(back.presences[0]?.domain, "example.cn");
    assert.equal(back.labels[0]?.serial, label.serial);
    assert.equal(back.labels[0]?.domains[0]?.domain, "example.cn");
  });
});

// The import's bulk statements on both providers: values of every awkward kind arrive intact,
// statements split past their batch size, timestamps read back as Prisma wrote them.
import assert from "node:assert/strict";
import { test } from "node:test";
import { bulkFor, date, int, text, timestamp } from "../../../src/registry/bulk.ts";
import { eachProvider } from "../../helpers/temp-db.ts";

const awkward = [
  "it's",
  'say "hi"',
  "back\\slash",
  'x\'); DROP TABLE "Entity"; --',
  "行\n二\u2028",
  "🙂 emoji",
  "",
];

eachProvider("bulk statements", ({ db, provider }) => {
  const bulk = () => bulkFor(db().prisma, provider);
  const now = new Date("2026-01-02T03:04:05.678Z");

  test("insert with shared values and RETURNING, across several statements", async () => {
    const rows = Array.from({ length: 12_000 }, (_, i) => [
      `U${i}`,
      awkward[i % awkward.length],
      i % 2 ? "2001-02-03" : null,
    ]);
    const created = await bulk().insert<{ id: number; uscc: string }>("Entity", {
      columns: [text("uscc"), text("name"), date("registeredOn")],
      rows,
      shared: [
        { column: text("kind"), value: "enterprise" },
        { column: text("status"), value: "存续" },
        { column: timestamp("updatedAt"), value: now },
      ],
      returning: ["id", "uscc"],
    });
    assert.equal(created.length, 12_000);
    assert.equal(new Set(created.map((c) => c.id)).size, 12_000);
    const stored = await db().prisma.entity.findMany({
      where: { uscc: { in: ["U0", "U3", "U7"] } },
      orderBy: { uscc: "asc" },
    });
    assert.deepEqual(
      stored.map((e) => [
        e.uscc,
        e.name,
        e.registeredOn?.toISOString() ?? null,
        e.updatedAt.toISOString(),
        e.kind,
      ]),
      [
        ["U0", awkward[0], null, now.toISOString(), "enterprise"],
        ["U3", awkward[3], "2001-02-03T00:00:00.000Z", now.toISOString(), "enterprise"],
        ["U7", awkward[0], "2001-02-03T00:00:00.000Z", now.toISOString(), "enterprise"],
      ],
    );
    assert.equal(
      await db().prisma.entity.count({ where: { name: awkward[4] } }),
      Math.ceil((12_000 - 4) / 7),
    );
  });

  test("selectIn, update and deleteIn find rows by key across batches", async () => {
    const keys = Array.from({ length: 11_000 }, (_, i) => `U${i}`);
    const found = await bulk().selectIn<{ id: number; uscc: string }>(
      "Entity",
      ["id", "uscc"],
      text("uscc"),
      keys,
    );
    assert.equal(found.length, 11_000);
    const later = new Date("2026-05-06T07:08:09.010Z");
    await bulk().update("Entity", {
      key: int("id"),
      columns: [text("name"), date("registeredOn")],
      rows: found.map((f) => [f.id, `${f.uscc} ${awkward[3]}`, null]),
      shared: [{ column: timestamp("updatedAt"), value: later }],
    });
    const u5 = await db().prisma.entity.findUnique({ where: { uscc: "U5" } });
    assert.deepEqual(
      [u5?.name, u5?.registeredOn, u5?.updatedAt.toISOString()],
      [`U5 ${awkward[3]}`, null, later.toISOString()],
    );
    assert.equal(
      (await db().prisma.entity.findUnique({ where: { uscc: "U11000" } }))?.name,
      awkward[11_000 % 7],
    );
    await bulk().deleteIn(
      "Entity",
      int("id"),
      found.map((f) => f.id),
    );
    assert.equal(await db().prisma.entity.count(), 1000);
  });
});

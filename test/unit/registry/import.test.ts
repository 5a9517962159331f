// Import stories against a real SQLite file and a real PostgreSQL database.
import assert from "node:assert/strict";
import path from "node:path";
import { beforeEach, test } from "node:test";
import type { Db } from "../../../src/db/index.ts";
import { findByUscc, type ImportOptions, importRegister } from "../../../src/registry/index.ts";
import {
  englishHeaders,
  lineOfRow,
  registerRows,
  usccFor,
  withBadCheck,
  writeCsv,
} from "../../helpers/register-files.ts";
import { eachProvider, tempDir } from "../../helpers/temp-db.ts";

const options: ImportOptions = { actor: "cli:test" };

async function counts(db: Db) {
  const [entities, presences, audits] = await Promise.all([
    db.prisma.entity.count(),
    db.prisma.presence.count(),
    db.prisma.auditLog.count(),
  ]);
  return { entities, presences, audits };
}

eachProvider("register import", ({ db }) => {
  const dir = tempDir();
  beforeEach(async () => {
    await db().prisma.auditLog.deleteMany();
    await db().prisma.entity.deleteMany();
  });

  test("a fresh import creates every row with its websites, and audits each creation", async () => {
    const file = writeCsv(path.join(dir, "fresh.csv"), registerRows(30));
    const report = await importRegister(db(), file, options);
    assert.deepEqual(
      [report.outcome, report.created, report.updated, report.unchanged, report.invalid],
      ["imported", 30, 0, 0, 0],
    );
    const e = await findByUscc(db().prisma, usccFor(3));
    assert.equal(e?.name, "江湾市第3号贸易有限公司");
    assert.deepEqual(e?.domains, ["brand3.com.cn", "shop3.cn"]);
    assert.equal(e?.registeredOn, "2000-01-04");
    assert.equal(e?.kind, "enterprise");
    const audits = await db().prisma.auditLog.findMany({
      where: { action: "entity.create", subjectId: usccFor(3) },
    });
    assert.equal(audits.length, 1);
    assert.equal(audits[0]?.actor, "cli:test");
    assert.deepEqual(JSON.parse(audits[0]!.details), { source: "fresh.csv", line: 4 });
  });

  test("importing the same file again changes nothing", async () => {
    const file = writeCsv(path.join(dir, "twice.csv"), registerRows(50), "gbk");
    await importRegister(db(), file, options);
    const before = await counts(db());
    const again = await importRegister(db(), file, options);
    assert.deepEqual([again.created, again.updated, again.unchanged, again.invalid], [0, 0, 50, 0]);
    const after = await counts(db());
    assert.deepEqual(
      after,
      { ...before, audits: before.audits + 1 },
      "only the import's own summary row is added",
    );
  });

  test("a changed row updates the entity and its websites, and the audit row holds old and new values", async () => {
    const rows = registerRows(10);
    await importRegister(db(), writeCsv(path.join(dir, "v1.csv"), rows), options);
    rows[3] = { ...rows[3]!, name: "江湾市新名称有限公司", status: "注销", domains: "shop4.cn;new4.cn" };
    const report = await importRegister(db(), writeCsv(path.join(dir, "v2.csv"), rows), options);
    assert.deepEqual([report.created, report.updated, report.unchanged], [0, 1, 9]);
    const e = await findByUscc(db().prisma, usccFor(4));
    assert.deepEqual(
      [e?.name, e?.status, e?.domains],
      ["江湾市新名称有限公司", "注销", ["new4.cn", "shop4.cn"]],
    );
    const [audit] = await db().prisma.auditLog.findMany({ where: { action: "entity.update" } });
    assert.equal(audit?.subjectId, usccFor(4));
    assert.deepEqual(JSON.parse(audit!.details), {
      source: "v2.csv",
      line: 5,
      changes: {
        name: { old: "江湾市第4号贸易有限公司", new: "江湾市新名称有限公司" },
        status: { old: "吊销", new: "注销" },
        domains: { old: ["shop4.cn"], new: ["new4.cn", "shop4.cn"] },
      },
    });
    rows[3] = { ...rows[3]!, domains: "" };
    await importRegister(db(), writeCsv(path.join(dir, "v3.csv"), rows), options);
    assert.deepEqual(
      (await findByUscc(db().prisma, usccFor(4)))?.domains,
      [],
      "a website left out is removed",
    );
  });

  test("dates, ICP numbers and kinds change and clear like any other field", async () => {
    const rows = registerRows(3);
    await importRegister(db(), writeCsv(path.join(dir, "d1.csv"), rows), options);
    rows[0] = { ...rows[0]!, registered_on: "", icp: "" };
    rows[1] = { ...rows[1]!, registered_on: "1999-12-31", icp: "沪ICP备87654321号", kind: "cooperative" };
    const report = await importRegister(db(), writeCsv(path.join(dir, "d2.csv"), rows, "utf-8-bom"), options);
    assert.deepEqual([report.updated, report.unchanged], [2, 1]);
    const [a, b] = await Promise.all([
      findByUscc(db().prisma, usccFor(1)),
      findByUscc(db().prisma, usccFor(2)),
    ]);
    assert.deepEqual([a?.registeredOn, a?.icp], [null, ""]);
    assert.deepEqual([b?.registeredOn, b?.icp, b?.kind], ["1999-12-31", "沪ICP备87654321号", "cooperative"]);
  });

  test("a file with an invalid row is rejected whole and nothing is written", async () => {
    const file = writeCsv(
      path.join(dir, "bad.csv"),
      registerRows(20, { 4: { uscc: withBadCheck(usccFor(5)) }, 11: { status: "?" } }),
    );
    const report = await importRegister(db(), file, options);
    assert.equal(report.outcome, "rejected");
    assert.deepEqual(
      report.problems.map((p) => p.line),
      [lineOfRow(4), lineOfRow(11)],
    );
    assert.equal(report.invalid, 2);
    assert.deepEqual(await counts(db()), { entities: 0, presences: 0, audits: 0 });
  });

  test("with skipInvalid the valid rows are imported and the others reported", async () => {
    const file = writeCsv(
      path.join(dir, "skip.csv"),
      registerRows(20, { 4: { uscc: withBadCheck(usccFor(5)) } }),
    );
    const report = await importRegister(db(), file, { ...options, skipInvalid: true });
    assert.deepEqual([report.outcome, report.created, report.invalid], ["imported", 19, 1]);
    assert.equal(report.problems[0]?.line, 6);
    assert.equal(await db().prisma.entity.count(), 19);
    const [summary] = await db().prisma.auditLog.findMany({ where: { action: "registry.import" } });
    assert.deepEqual(JSON.parse(summary!.details).skippedLines, [6]);
  });

  test("a dry run reports what an import would do and writes nothing", async () => {
    const rows = registerRows(10);
    await importRegister(db(), writeCsv(path.join(dir, "dry1.csv"), rows.slice(0, 6)), options);
    const before = await counts(db());
    rows[0] = { ...rows[0]!, address: "新地址" };
    const report = await importRegister(db(), writeCsv(path.join(dir, "dry2.csv"), rows), {
      ...options,
      dryRun: true,
    });
    assert.deepEqual(
      [report.outcome, report.created, report.updated, report.unchanged],
      ["checked", 4, 1, 5],
    );
    assert.deepEqual(await counts(db()), before);
  });

  test("a domain that belongs to an entity not in the file is refused for the row that claims it", async () => {
    await importRegister(db(), writeCsv(path.join(dir, "holder.csv"), registerRows(2)), options);
    const file = writeCsv(path.join(dir, "claim.csv"), registerRows(1, { 0: { domains: "shop1.cn" } }, 5));
    const report = await importRegister(db(), file, options);
    assert.equal(report.outcome, "rejected");
    assert.equal(report.problems[0]?.column, "网站域名");
    assert.match(
      report.problems[0]!.reason,
      new RegExp(`domain shop1.cn belongs to USCC ${usccFor(1)} \\(江湾市第1号贸易有限公司\\)`),
    );
  });

  test("a domain moves between two entities listed in the same file", async () => {
    const rows = registerRows(2);
    await importRegister(db(), writeCsv(path.join(dir, "move1.csv"), rows), options);
    rows[0] = { ...rows[0]!, domains: "" };
    rows[1] = { ...rows[1]!, domains: "shop1.cn;shop2.cn" };
    const report = await importRegister(db(), writeCsv(path.join(dir, "move2.csv"), rows), options);
    assert.deepEqual([report.outcome, report.updated], ["imported", 2]);
    assert.deepEqual((await findByUscc(db().prisma, usccFor(2)))?.domains, ["shop1.cn", "shop2.cn"]);
  });

  test("columns a file does not have leave those fields as they are", async () => {
    await importRegister(db(), writeCsv(path.join(dir, "full.csv"), registerRows(3)), options);
    const rows = registerRows(3, { 1: { name: "改名有限公司" } });
    const columns = englishHeaders.filter((c) => ["uscc", "name", "kind", "status"].includes(c));
    const report = await importRegister(
      db(),
      writeCsv(path.join(dir, "narrow.csv"), rows, "utf-8", { headers: "english", columns }),
      options,
    );
    assert.deepEqual([report.updated, report.unchanged], [1, 2]);
    const e = await findByUscc(db().prisma, usccFor(2));
    assert.deepEqual([e?.name, e?.address, e?.domains], ["改名有限公司", "江湾市新城路2号", ["shop2.cn"]]);
  });

  test("a failure while writing leaves the database as it was", async () => {
    const file = writeCsv(path.join(dir, "fail.csv"), registerRows(4500));
    const failing: ImportOptions = {
      ...options,
      onProgress: (p) => {
        if (p.phase === "written") throw new Error("display failed");
      },
    };
    await assert.rejects(importRegister(db(), file, failing), /display failed/);
    assert.deepEqual(await counts(db()), { entities: 0, presences: 0, audits: 0 });
  });
});

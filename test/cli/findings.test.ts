// `redshield findings export` and `redshield findings bundle` run for real: exports are audited
// and the XLSX's 证据 sheet lists the stored files' digests; the bundle of confirmed leads is a zip
// whose manifest digests match its files, and the leads it carries are handed over; unknown leads,
// nothing to bundle and a wrong file name are refused.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import type { Manifest } from "../../src/export/bundle/manifest.ts";
import { createLead, reviewFindings } from "../../src/leads/index.ts";
import { seedFinding } from "../review/helpers.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { readZip } from "../helpers/zip-reader.ts";
import { addEntity } from "../unit/labels/register-rows.ts";
import { cliEnv, runRedshield } from "./spawn-redshield.ts";

const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5d6a4d60000000049454e44ae426082",
  "hex",
);

eachProvider("redshield findings", ({ db, temp }) => {
  const run = (args: string[]) =>
    runRedshield(["findings", ...args], cliEnv(temp().url, { REDSHIELD_DATA_DIR: temp().dataDir }));

  test("export writes the file and records the export in the audit log", async () => {
    await seedFinding(db(), temp());
    const out = path.join(temp().dataDir, "all.csv");
    const res = await run(["export", "--format", "csv", "--out", out]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(res.stdout, /exported 1 findings/);
    const row = await db().prisma.auditLog.findFirstOrThrow({ where: { action: "export.findings" } });
    assert.match(row.actor, /^cli:/);
    assert.equal(row.subjectId, "csv");
    assert.deepEqual(JSON.parse(row.details), { status: "", count: 1, file: "all.csv" });
  });

  test("export --format xlsx: a 线索 sheet and a 证据 sheet whose digests are those of the stored files", async () => {
    const id = await seedFinding(db(), temp(), { excerpt: "=1+2【保本保息】", screenshot: png });
    const out = path.join(temp().dataDir, "new.xlsx");
    const res = await run(["export", "--format", "xlsx", "--out", out, "--status", "new"]);
    assert.equal(res.code, 0, res.stderr);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ["线索", "证据"],
    );
    const leads = book.getWorksheet("线索")!;
    const leadHeader = leads.getRow(1).values as string[];
    const mine = leads.getRows(2, leads.rowCount - 1)!.find((r) => r.getCell(1).value === id)!;
    assert.equal(mine.getCell(leadHeader.indexOf("摘录")).value, "'=1+2【保本保息】");

    const evidence = book.getWorksheet("证据")!;
    const header = evidence.getRow(1).values as string[];
    assert.deepEqual(header.slice(1), [
      "发现编号",
      "线索编号",
      "网址",
      "取证时间",
      "证据类别",
      "文件类型",
      "SHA-256",
      "大小(字节)",
      "存储路径",
    ]);
    const rows = evidence.getRows(2, evidence.rowCount - 1)!.filter((r) => r.getCell(1).value === id);
    assert.deepEqual(
      rows.map((r) => r.getCell(header.indexOf("证据类别")).value),
      ["网页源码", "HTTP响应头", "页面文本", "全页截图"],
    );
    for (const r of rows) {
      const stored = fs.readFileSync(
        path.join(temp().dataDir, "evidence", String(r.getCell(header.indexOf("存储路径")).value)),
      );
      assert.equal(r.getCell(header.indexOf("SHA-256")).value, sha256(stored));
      assert.equal(r.getCell(header.indexOf("大小(字节)")).value, stored.length);
    }
    assert.equal(rows[3]!.getCell(header.indexOf("SHA-256")).value, sha256(png));
  });

  test("bundle: nothing to bundle, an unknown lead and a non-zip name are refused", async () => {
    const out = path.join(temp().dataDir, "none.zip");
    const [none, unknown, notZip] = await Promise.all([
      run(["bundle", "--out", out]),
      run(["bundle", "--out", out, "--lead", "XS-1999-0001"]),
      run(["bundle", "--out", path.join(temp().dataDir, "x.txt")]),
    ]);
    assert.equal(none.code, 4, none.stderr);
    assert.match(none.stderr, /no confirmed leads/);
    assert.equal(unknown.code, 3, unknown.stderr);
    assert.match(unknown.stderr, /XS-1999-0001: no such lead/);
    assert.equal(notZip.code, 2, notZip.stderr);
    assert.ok(!fs.existsSync(out));
  });

  test("bundle writes every confirmed lead's evidence and documents, and hands the leads over", async () => {
    const uscc = await addEntity(db().prisma, { name: "江湾示例商贸有限公司", websites: [] });
    const entity = await db().prisma.entity.update({ where: { uscc }, data: { region: "滨江分局" } });
    const ids = [
      await seedFinding(db(), temp(), { entityId: entity.id, html: "<p>一</p>" }),
      await seedFinding(db(), temp(), { entityId: entity.id, html: "<p>二</p>" }),
    ];
    await reviewFindings(db(), "confirm", { ids, actor: "test" });
    const lead = await createLead(db(), { findingIds: ids, actor: "test" });
    const out = path.join(temp().dataDir, "bundle.zip");
    const res = await run(["bundle", "--out", out, "--contact", "钱某某", "--phone", "0000-00000000"]);
    assert.equal(res.code, 0, res.stderr);
    assert.match(
      res.stdout,
      new RegExp(`^${lead.number}: 2 findings, 6 evidence files, 笔录 .+, handed over$`, "m"),
    );
    const zip = readZip(out);
    const manifest = JSON.parse(zip.get("manifest.json")!.data.toString("utf8")) as Manifest;
    assert.ok(res.stdout.includes(`manifest.json SHA-256 ${sha256(zip.get("manifest.json")!.data)}`));
    assert.equal(manifest.files.length, 8, "6 evidence files and 2 PDFs");
    for (const f of manifest.files) assert.equal(sha256(zip.get(f.path)!.data), f.sha256, f.path);
    assert.equal(
      (await db().prisma.caseLead.findUniqueOrThrow({ where: { id: lead.id } })).status,
      "handed_over",
    );
    const exported = await db().prisma.auditLog.findFirstOrThrow({
      where: { action: "export.bundle", subjectId: String(lead.id) },
    });
    assert.match(exported.actor, /^cli:/);

    // Named again by number, a handed-over lead bundles again without moving.
    const again = await run([
      "bundle",
      "--out",
      path.join(temp().dataDir, "again.zip"),
      "--lead",
      lead.number,
    ]);
    assert.equal(again.code, 0, again.stderr);
    assert.match(again.stdout, new RegExp(`^${lead.number}: `, "m"));
    assert.doesNotMatch(again.stdout, /handed over/);
  });
});

import assert from "node:assert/strict";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { findingRecords } from "../../../src/export/records.ts";
import { writeRecords } from "../../../src/export/write.ts";
import { eachProvider } from "../../helpers/temp-db.ts";

eachProvider("findings export", ({ db, temp }) => {
  test("CSV with BOM, XLSX and JSON carry the same records; formulas from crawled text are neutralised", async () => {
    const prisma = db().prisma;
    const entity = await prisma.entity.create({
      data: {
        uscc: "91350100M000100Y43",
        name: "江湾星河电子商务有限公司",
        kind: "enterprise",
        status: "存续",
      },
    });
    const base = {
      severity: "high",
      domain: "xinghe.cn",
      sweep: "entities",
      firstSeenAt: new Date("2026-11-20T01:00:00Z"),
      lastSeenAt: new Date("2026-11-21T01:00:00Z"),
      firstRunId: 1,
      lastRunId: 1,
    };
    await prisma.finding.create({
      data: {
        ...base,
        fingerprint: "a",
        category: "false_advertising",
        rule: "ad.absolute",
        url: "http://xinghe.cn/",
        entityId: entity.id,
        excerpt: '=HYPERLINK("http://evil")【国家级】',
        basisLaw: "《广告法》",
        basisArticle: "第九条",
      },
    });
    await prisma.finding.create({
      data: {
        ...base,
        fingerprint: "b",
        category: "unregistered_entity",
        rule: "register.operator_not_found",
        url: "http://unknown.cn/",
        domain: "unknown.cn",
        status: "confirmed",
        excerpt: '经营者不在名录中, "引号"',
        basisLaw: "《电子商务法》",
        basisArticle: "第十条",
      },
    });

    const dir = temp().dataDir;
    const csv = path.join(dir, "f.csv");
    assert.equal(await writeRecords("csv", csv, findingRecords(prisma, {})), 2);
    const text = fs.readFileSync(csv, "utf8");
    assert.ok(text.startsWith("\ufeff线索编号,类别,规则"));
    assert.match(text, /'=HYPERLINK\(""http:\/\/evil""\)【国家级】/);
    assert.match(text, /"经营者不在名录中, ""引号"""/);

    const xlsx = path.join(dir, "f.xlsx");
    await writeRecords("xlsx", xlsx, findingRecords(prisma, {}));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheet = wb.getWorksheet("线索")!;
    assert.equal(sheet.getRow(1).getCell(1).value, "线索编号");
    assert.equal(sheet.rowCount, 3);
    assert.ok(String(sheet.getRow(2).getCell(13).value).startsWith("'="));
    assert.equal(sheet.getRow(2).getCell(7).value, "91350100M000100Y43");

    const json = path.join(dir, "f.json");
    await writeRecords("json", json, findingRecords(prisma, { status: "confirmed" }));
    const parsed = JSON.parse(fs.readFileSync(json, "utf8"));
    assert.equal(parsed.length, 1);
    assert.equal(parsed[0].uscc, null);
    assert.equal(parsed[0].category, "unregistered_entity");
  });
});

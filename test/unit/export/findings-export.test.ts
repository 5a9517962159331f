// The findings export as CSV, XLSX and JSON on a real database and evidence store: the XLSX has a
// 线索 sheet (one row per finding) and a 证据 sheet (one row per evidence file), Chinese headers
// and set widths; digests are those of the stored files; crawled text never becomes a formula;
// large id lists and leftovers.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { test } from "node:test";
import ExcelJS from "exceljs";
import { evidenceColumns, findingColumns } from "../../../src/export/columns.ts";
import { type FindingRecord, findingRecords } from "../../../src/export/records.ts";
import { writeRecords } from "../../../src/export/write.ts";
import { createLead, reviewFindings } from "../../../src/leads/index.ts";
import { eachProvider } from "../../helpers/temp-db.ts";
import { evidenceDirOf, seedFinding } from "../../review/helpers.ts";

const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");
const png = Buffer.from(
  "89504e470d0a1a0a0000000d4948445200000001000000010806000000" +
    "1f15c4890000000d49444154789c63f8cfc0f01f0005000201a5d6a4d60000000049454e44ae426082",
  "hex",
);

function rowValues(sheet: ExcelJS.Worksheet, n: number): unknown[] {
  return (sheet.getRow(n).values as unknown[]).slice(1);
}

/** The sheet as objects keyed by its header row. */
function sheetObjects(sheet: ExcelJS.Worksheet): Record<string, unknown>[] {
  const header = rowValues(sheet, 1) as string[];
  const out: Record<string, unknown>[] = [];
  for (let n = 2; n <= sheet.rowCount; n++) {
    const values = rowValues(sheet, n);
    out.push(Object.fromEntries(header.map((h, i) => [h, values[i] ?? ""])));
  }
  return out;
}

async function* listed(records: FindingRecord[]): AsyncGenerator<FindingRecord> {
  yield* records;
}

eachProvider("findings export", ({ db, temp }) => {
  const base = {
    severity: "high",
    domain: "xinghe.cn",
    sweep: "entities",
    firstSeenAt: new Date("2026-11-20T01:00:00Z"),
    lastSeenAt: new Date("2026-11-21T01:00:00Z"),
    firstRunId: 1,
    lastRunId: 1,
  };

  test("CSV with BOM, XLSX (线索 and 证据 sheets) and JSON carry the same records and evidence; formulas neutralised", async () => {
    const prisma = db().prisma;
    const entity = await prisma.entity.create({
      data: {
        uscc: "91350100M000100Y43",
        name: "江湾星河电子商务有限公司",
        kind: "enterprise",
        status: "存续",
        region: "滨江分局",
      },
    });
    const formula = await prisma.finding.create({
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
    // Recorded as the crawler records it: four files in the evidence store, then confirmed and
    // grouped into a lead.
    const captured = await seedFinding(db(), temp(), {
      entityId: entity.id,
      html: "<p>保本保息</p>",
      screenshot: png,
      fetchedAt: new Date("2026-11-22T02:03:04Z"),
    });
    await reviewFindings(db(), "confirm", { ids: [captured], actor: "test" });
    const lead = await createLead(db(), { findingIds: [captured], actor: "test" });

    const dir = temp().dataDir;
    const csv = path.join(dir, "f.csv");
    assert.equal(await writeRecords("csv", csv, findingRecords(prisma, {})), 3);
    const text = fs.readFileSync(csv, "utf8");
    assert.ok(text.startsWith("\ufeff发现编号,线索编号,类别,规则"));
    assert.match(text, /'=HYPERLINK\(""http:\/\/evil""\)【国家级】/);
    assert.match(text, /"经营者不在名录中, ""引号"""/);
    assert.equal(text.trimEnd().split("\r\n").length, 4, "one row per finding and the header");
    assert.match(text, new RegExp(`^${captured},${lead.number},`, "m"));

    const xlsx = path.join(dir, "f.xlsx");
    assert.equal(await writeRecords("xlsx", xlsx, findingRecords(prisma, {})), 3);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    assert.deepEqual(
      wb.worksheets.map((s) => s.name),
      ["线索", "证据"],
    );
    const leads = wb.getWorksheet("线索")!;
    assert.deepEqual(
      rowValues(leads, 1),
      findingColumns.map((c) => c.header),
    );
    assert.deepEqual(
      findingColumns.map((_, i) => leads.getColumn(i + 1).width),
      findingColumns.map((c) => c.width),
    );
    assert.equal(leads.rowCount, 4);
    const leadRows = sheetObjects(leads);
    const first = leadRows.find((r) => r.发现编号 === formula.id)!;
    assert.equal(first.摘录, `'=HYPERLINK("http://evil")【国家级】`);
    assert.equal(first.统一社会信用代码, "91350100M000100Y43");
    const withLead = leadRows.find((r) => r.发现编号 === captured)!;
    assert.equal(withLead.线索编号, lead.number);

    const evidence = wb.getWorksheet("证据")!;
    assert.deepEqual(rowValues(evidence, 1), [
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
    assert.deepEqual(
      evidenceColumns.map((_, i) => evidence.getColumn(i + 1).width),
      evidenceColumns.map((c) => c.width),
    );
    const files = sheetObjects(evidence);
    // Only the recorded finding has a capture: its page bytes, headers, text and screenshot.
    assert.deepEqual(
      files.map((f) => f.证据类别),
      ["网页源码", "HTTP响应头", "页面文本", "全页截图"],
    );
    const capture = await prisma.pageCapture.findFirstOrThrow();
    for (const f of files) {
      assert.equal(f.发现编号, captured);
      assert.equal(f.线索编号, lead.number);
      assert.equal(f.网址, capture.url);
      assert.equal(f.取证时间, "2026-11-22T02:03:04.000Z");
      // The digest is the hash of the file the store holds at the listed path.
      const stored = fs.readFileSync(path.join(evidenceDirOf(temp()), String(f.存储路径)));
      assert.equal(f["SHA-256"], sha256(stored));
      assert.equal(f["大小(字节)"], stored.length);
    }
    assert.equal(files[0]!["SHA-256"], capture.bodySha256);
    assert.equal(files[3]!["SHA-256"], sha256(png));
    assert.equal(files[3]!.文件类型, "image/png");

    const json = path.join(dir, "f.json");
    await writeRecords("json", json, findingRecords(prisma, { status: "confirmed" }));
    const parsed = JSON.parse(fs.readFileSync(json, "utf8")) as FindingRecord[];
    assert.deepEqual(
      parsed.map((r) => r.category),
      ["unregistered_entity", "p2p_lending"],
    );
    assert.equal(parsed[0]!.uscc, null);
    assert.deepEqual(parsed[0]!.evidenceFiles, []);
    const nested = parsed[1]!;
    assert.equal(nested.leadNumber, lead.number);
    assert.deepEqual(
      nested.evidenceFiles.map((f) => [f.kind, f.sha256, f.size, f.storePath]),
      files.map((f, i) => [
        ["body", "headers", "text", "screenshot"][i],
        f["SHA-256"],
        f["大小(字节)"],
        f.存储路径,
      ]),
    );
    assert.equal(nested.evidenceFiles[0]!.captureId, capture.id);

    // Nothing is left beside the exports (the XLSX writer's temporary evidence file is gone).
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.startsWith(".")),
      [],
    );
  });

  test("XLSX 证据 sheet: every text cell from crawled data is neutralised", async () => {
    const record: FindingRecord = {
      id: 7,
      leadNumber: null,
      category: "counterfeit",
      rule: "counterfeit.test",
      severity: "low",
      url: "-2+3",
      domain: "evil.cn",
      uscc: null,
      entityName: "@SUM(A1)",
      region: "",
      status: "new",
      firstSeenAt: "2026-11-20T01:00:00.000Z",
      lastSeenAt: "2026-11-20T01:00:00.000Z",
      excerpt: "+1",
      basis: "",
      capturedAt: "2026-11-20T01:00:00.000Z",
      evidence: { body: "a".repeat(64), headers: "", text: "", screenshot: null },
      evidenceFiles: [
        {
          kind: "body",
          sha256: "a".repeat(64),
          size: 3,
          mediaType: "=cmd|' /C calc'!A0",
          captureId: 1,
          capturedAt: "2026-11-20T01:00:00.000Z",
          url: '=HYPERLINK("http://evil")',
          storePath: "aa/aa/aaaa",
        },
      ],
    };
    const xlsx = path.join(temp().dataDir, "hostile.xlsx");
    assert.equal(await writeRecords("xlsx", xlsx, listed([record])), 1);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const [lead] = sheetObjects(wb.getWorksheet("线索")!);
    assert.equal(lead!.网址, "'-2+3");
    assert.equal(lead!.经营者名称, "'@SUM(A1)");
    assert.equal(lead!.摘录, "'+1");
    const [file] = sheetObjects(wb.getWorksheet("证据")!);
    assert.equal(file!.网址, `'=HYPERLINK("http://evil")`);
    assert.equal(file!.文件类型, "'=cmd|' /C calc'!A0");
    for (const sheet of wb.worksheets) {
      sheet.eachRow((row) =>
        row.eachCell((cell) => assert.notEqual(cell.type, ExcelJS.ValueType.Formula, String(cell.value))),
      );
    }
  });

  test("a failed export leaves no temporary evidence file behind", async () => {
    const dir = fs.mkdtempSync(path.join(temp().dataDir, "failed-"));
    async function* broken(): AsyncGenerator<FindingRecord> {
      yield* findingRecords(db().prisma, {});
      throw new Error("database went away");
    }
    await assert.rejects(writeRecords("xlsx", path.join(dir, "x.xlsx"), broken()), /database went away/);
    assert.deepEqual(
      fs.readdirSync(dir).filter((n) => n.endsWith(".ndjson")),
      [],
    );
  });

  test("records of 1,200 ids (more than SQLite binds in one statement) come out whole, in id order", async () => {
    const prisma = db().prisma;
    await prisma.finding.createMany({
      data: Array.from({ length: 1200 }, (_, i) => ({
        ...base,
        fingerprint: `many-${i}`,
        category: "p2p_lending",
        rule: "p2p_lending.test_rule",
        url: `http://many.cn/${i}`,
        domain: "many.cn",
        excerpt: `第 ${i} 条`,
      })),
    });
    const ids = (
      await prisma.finding.findMany({
        where: { domain: "many.cn" },
        select: { id: true },
        orderBy: { id: "asc" },
      })
    ).map((r) => r.id);
    const seen: number[] = [];
    for await (const r of findingRecords(prisma, { ids: [...ids].reverse() })) seen.push(r.id);
    assert.deepEqual(seen, ids);
    let confirmed = 0;
    for await (const _ of findingRecords(prisma, { ids, status: "confirmed" })) confirmed++;
    assert.equal(confirmed, 0);
  });
});

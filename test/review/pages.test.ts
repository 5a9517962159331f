// The other staff pages through the app: dashboard figures for a period, entity page, runs
// (list, live JSON, start now), exports (XLSX with 线索 and 证据 sheets, CSV, JSON of the filtered
// findings, audited).
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import { issueLabel } from "../../src/labels/index.ts";
import { advanceLead, createLead } from "../../src/leads/index.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { addEntity, freshDomain } from "../unit/labels/register-rows.ts";
import {
  addStaff,
  evidenceDirOf,
  get,
  post,
  reviewApp,
  type Session,
  seedFinding,
  signIn,
} from "./helpers.ts";

const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");

const day = 24 * 3600_000;

function chinaDay(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10);
}

eachProvider("review UI: dashboard, entities, runs, exports", ({ db, temp }) => {
  let app: FastifyInstance;
  let admin: Session;
  let viewer: Session;
  before(async () => {
    app = await reviewApp(db(), temp());
    admin = await signIn(app, await addStaff(db(), "admin"));
    viewer = await signIn(app, await addStaff(db(), "viewer"));
  });
  after(() => app.close());

  test("dashboard: the period figures count runs, labels and handed-over leads inside the range only", async () => {
    const now = new Date();
    const old = new Date(now.getTime() - 90 * day);
    const run = (createdAt: Date, n: number) => ({
      sweep: "entities",
      runKey: `entities@test:${createdAt.getTime()}:${n}`,
      trigger: "manual",
      status: "completed",
      createdAt,
      entitiesChecked: n,
      behavioursChecked: n * 10,
      newEntitiesFound: n * 2,
    });
    await db().prisma.sweepRun.createMany({ data: [run(now, 7), run(now, 5), run(old, 1000)] });
    const domain = freshDomain();
    const uscc = await addEntity(db().prisma, { name: "看板示例有限公司", websites: [domain] });
    await issueLabel(db(), { uscc, domains: [domain], actor: "test" });
    const id = await seedFinding(db(), temp(), { category: "cash_loan" });
    await db().prisma.finding.update({ where: { id }, data: { status: "confirmed" } });
    const lead = await createLead(db(), { findingIds: [id], actor: "test" });
    await advanceLead(db(), { leadId: lead.id, to: "handed_over", actor: "test" });

    const from = chinaDay(new Date(now.getTime() - 7 * day));
    const res = await get(app, viewer, `/?from=${from}&to=${chinaDay(now)}`);
    assert.equal(res.statusCode, 200);
    const figure = (key: string) =>
      Number(new RegExp(`data-figure="${key}"><div class="figure">(\\d+)<`).exec(res.body)?.[1]);
    assert.equal(figure("entitiesChecked"), 12);
    assert.equal(figure("behavioursChecked"), 120);
    assert.equal(figure("newEntitiesFound"), 24);
    assert.equal(figure("labelsIssued"), 1);
    assert.equal(figure("leadsHandedOver"), 1);
    assert.match(res.body, /<canvas id="chart-category" data-chart="[^"]*违规现金贷/);
    const statusSpec = /<canvas id="chart-status" data-chart="([^"]*)"/.exec(res.body)?.[1] ?? "";
    const shown = JSON.parse(statusSpec.replaceAll("&quot;", '"')) as { labels: string[]; values: number[] };
    const stored = await db().prisma.finding.groupBy({ by: ["status"], _count: { _all: true } });
    const names: Record<string, string> = { new: "待审核", confirmed: "已确认", handed_over: "已交办" };
    assert.deepEqual(
      Object.fromEntries(shown.labels.map((l, i) => [l, shown.values[i]])),
      Object.fromEntries(stored.map((g) => [names[g.status] ?? g.status, g._count._all])),
    );
    assert.match(res.body, /<script src="\/assets\/js\/chart.umd.min.js" defer>/);
    const earlier = await get(app, viewer, `/?from=${chinaDay(old)}&to=${chinaDay(old)}`);
    assert.equal(
      Number(/data-figure="entitiesChecked"><div class="figure">(\d+)</.exec(earlier.body)?.[1]),
      1000,
    );
    const chart = await app.inject("/assets/js/chart.umd.min.js");
    assert.equal(chart.statusCode, 200);
    assert.match(chart.body, /Chart\.js v4/);
  });

  test("dashboard: the trend has one point per day of the range, counting findings first seen that day", async () => {
    const at = new Date(Date.now() - 3 * day);
    await seedFinding(db(), temp(), { fetchedAt: at });
    await seedFinding(db(), temp(), { fetchedAt: at });
    const from = chinaDay(new Date(at.getTime() - day));
    const res = await get(app, viewer, `/?from=${from}&to=${chinaDay(at)}`);
    const spec = /<canvas id="chart-trend" data-chart="([^"]*)"/.exec(res.body)?.[1] ?? "";
    const data = JSON.parse(spec.replaceAll("&quot;", '"')) as { labels: string[]; values: number[] };
    assert.equal(data.labels.length, 2);
    assert.deepEqual(data.values, [0, 2]);
  });

  test("entity page: register data, websites, labels and the findings timeline", async () => {
    const domain = freshDomain();
    const uscc = await addEntity(db().prisma, { name: "时间线示例有限公司", websites: [domain] });
    const entity = await db().prisma.entity.findUniqueOrThrow({ where: { uscc } });
    const label = await issueLabel(db(), { uscc, domains: [domain], actor: "test" });
    const id = await seedFinding(db(), temp(), { entityId: entity.id, domain });
    const res = await get(app, viewer, `/entities/${uscc}`);
    assert.equal(res.statusCode, 200);
    for (const text of ["时间线示例有限公司", domain, label.serial, `/findings/${id}`])
      assert.ok(res.body.includes(text), text);
    const search = await get(app, viewer, `/entities?q=${encodeURIComponent("时间线示例")}`);
    assert.ok(search.body.includes(uscc));
    assert.equal((await get(app, viewer, `/entities?q=${uscc}`)).headers.location, `/entities/${uscc}`);
    assert.equal((await get(app, viewer, "/entities/91000000000000000X")).statusCode, 404);
  });

  test("runs: an admin starts a sweep now (queued for the runner); the run page and its JSON show progress", async () => {
    const list = await get(app, admin, "/runs");
    assert.match(list.body, /id="start-run"/);
    assert.ok(
      !(await get(app, viewer, "/runs")).body.includes('id="start-run"'),
      "viewers see no start form",
    );
    assert.equal((await post(app, viewer, "/runs", { sweep: "entities" })).statusCode, 403);
    assert.equal((await post(app, admin, "/runs", { sweep: "no-such-sweep" })).statusCode, 400);
    const started = await post(app, admin, "/runs", { sweep: "entities" });
    assert.equal(started.statusCode, 303);
    const runId = Number(/^\/runs\/(\d+)/.exec(String(started.headers.location))?.[1]);
    const run = await db().prisma.sweepRun.findUniqueOrThrow({ where: { id: runId } });
    assert.equal(run.status, "queued");
    assert.equal(run.trigger, "manual");
    await db().prisma.sweepRun.update({
      where: { id: runId },
      data: {
        status: "running",
        shardsTotal: 4,
        shardsDone: 1,
        pagesFetched: 17,
        stats: JSON.stringify({ errorsByKind: { timeout: 3 }, findingsByCategory: { p2p_lending: 2 } }),
      },
    });
    const json = await app.inject({
      url: `/runs/${runId}/progress.json`,
      headers: { cookie: viewer.cookie, accept: "application/json" },
    });
    assert.equal(json.statusCode, 200);
    assert.deepEqual(
      {
        status: json.json().status,
        done: json.json().shardsDone,
        total: json.json().shardsTotal,
        pages: json.json().figures.pagesFetched,
      },
      { status: "running", done: 1, total: 4, pages: 17 },
    );
    // Shards as workers on several machines leave them: one crawling, one retried, one failed.
    await db().prisma.sweepShard.createMany({
      data: [
        { runId, seq: 100, targets: "[]", status: "running", worker: "host-a:4242", attempts: 1 },
        { runId, seq: 101, targets: "[]", status: "done", worker: "host-b:77", attempts: 2 },
        {
          runId,
          seq: 102,
          targets: "[]",
          status: "failed",
          worker: "host-b:77",
          attempts: 7,
          error: "<b>数据库连接中断</b>",
        },
      ],
    });
    const page = await get(app, viewer, `/runs/${runId}`);
    assert.match(page.body, /id="run-shards"/);
    assert.match(page.body, /<code>host-a:4242<\/code>/);
    assert.match(page.body, /抓取中/);
    assert.match(page.body, /<td class="num">7<\/td>/);
    assert.ok(page.body.includes("&lt;b&gt;数据库连接中断&lt;/b&gt;"), "shard errors are escaped");
    assert.match(page.body, /data-url="\/runs\/\d+\/progress.json" data-status="running"/);
    assert.match(page.body, /timeout/);
    assert.match(page.body, /P2P网络借贷/);
    assert.match(page.body, /<script src="\/assets\/js\/runs.js" defer>/);
  });

  test("exports: XLSX with Chinese headers, CSV with BOM, JSON, of the filtered findings only; formulas neutralised; audited", async () => {
    const id = await seedFinding(db(), temp(), {
      category: "micro_trading",
      excerpt: '=HYPERLINK("http://evil")【微盘】',
    });
    await seedFinding(db(), temp(), { category: "counterfeit" });
    const xlsx = await get(app, viewer, "/exports/findings.xlsx?category=micro_trading");
    assert.equal(xlsx.statusCode, 200);
    assert.match(
      String(xlsx.headers["content-disposition"]),
      /^attachment; filename="findings-\d{12}\.xlsx"$/,
    );
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ["线索", "证据"],
    );
    const sheet = book.worksheets[0]!;
    assert.equal(sheet.getRow(1).getCell(1).value, "发现编号");
    assert.equal(sheet.rowCount, 2);
    assert.equal(sheet.getRow(2).getCell(1).value, id);
    const excerptCol = (sheet.getRow(1).values as string[]).indexOf("摘录");
    assert.match(String(sheet.getRow(2).getCell(excerptCol).value), /^'=HYPERLINK/);
    // 证据: the filtered finding's page bytes, headers and text, each digest that of the stored file.
    const evidence = book.getWorksheet("证据")!;
    const header = evidence.getRow(1).values as string[];
    assert.deepEqual(header.slice(1, 3), ["发现编号", "线索编号"]);
    const col = (name: string) => header.indexOf(name);
    assert.equal(evidence.rowCount, 4);
    for (let n = 2; n <= 4; n++) {
      const row = evidence.getRow(n);
      assert.equal(row.getCell(col("发现编号")).value, id);
      const stored = fs.readFileSync(
        path.join(evidenceDirOf(temp()), String(row.getCell(col("存储路径")).value)),
      );
      assert.equal(row.getCell(col("SHA-256")).value, sha256(stored));
    }
    assert.deepEqual(
      [2, 3, 4].map((n) => evidence.getRow(n).getCell(col("证据类别")).value),
      ["网页源码", "HTTP响应头", "页面文本"],
    );
    const csv = await get(app, viewer, "/exports/findings.csv?category=micro_trading");
    assert.ok(csv.rawPayload.subarray(0, 3).equals(Buffer.from([0xef, 0xbb, 0xbf])), "BOM");
    assert.equal(csv.body.trim().split("\r\n").length, 2);
    const json = await get(app, viewer, "/exports/findings.json?category=micro_trading");
    const records = JSON.parse(json.body) as {
      id: number;
      category: string;
      evidence: { body: string };
      evidenceFiles: { kind: string; sha256: string }[];
    }[];
    assert.deepEqual(
      records.map((r) => r.id),
      [id],
    );
    assert.match(records[0]!.evidence.body, /^[0-9a-f]{64}$/);
    assert.deepEqual(
      records[0]!.evidenceFiles.map((f) => f.sha256),
      [2, 3, 4].map((n) => evidence.getRow(n).getCell(col("SHA-256")).value),
    );
    const audit = await db().prisma.auditLog.findMany({ where: { action: "export.findings" } });
    assert.equal(audit.length, 3);
    assert.match(audit[0]!.details, /category=micro_trading/);
    const page = await get(app, viewer, "/exports?category=micro_trading");
    assert.match(page.body, /href="\/exports\/findings.xlsx\?category=micro_trading"/);
  });
});

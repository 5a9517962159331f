// The review UI in a real browser (Debian's Chromium through playwright-core) against the real
// app listening on 127.0.0.1: sign in, filter the queue, open a finding, confirm it, download an
// XLSX export and read it, make it a case lead and download its evidence bundle; a crawled page's
// scripts never run in the reviewer's session; the dashboard's charts draw under the page policy;
// a run's progress updates live.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import path from "node:path";
import { after, before, describe, test } from "node:test";
import ExcelJS from "exceljs";
import type { FastifyInstance } from "fastify";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { launchChromium } from "../../src/browser/launch.ts";
import type { Manifest } from "../../src/export/bundle/manifest.ts";
import { type Db, openDb } from "../../src/db/index.ts";
import { listen } from "../../src/review/server.ts";
import { createTempDb, type TempDb } from "../helpers/temp-db.ts";
import { readZip } from "../helpers/zip-reader.ts";
import { addEntity } from "../unit/labels/register-rows.ts";
import { addStaff, password, reviewApp, seedFinding } from "../review/helpers.ts";

// Everything the hostile page tries: inline script, event handler, image load, meta refresh,
// each aimed at a beacon path on our own server, and changing the reviewer's page title.
const hostilePage = `<html><head><title>原标题</title><meta http-equiv="refresh" content="0;url=/beacon/refresh"></head>
<body><script>document.title="PWNED";try{parent.document.title="PWNED"}catch(e){};window.__pwned=1;fetch("/beacon/fetch");new Image().src="/beacon/script-img"</script>
<p>高额返利，【保本保息】</p><img src="/beacon/img" onerror="document.title='PWNED';fetch('/beacon/onerror')"></body></html>`;

describe("review UI in Chromium", () => {
  let temp: TempDb;
  let db: Db;
  let app: FastifyInstance;
  let base: string;
  let browser: Browser;
  let context: BrowserContext;
  let reviewer: string;
  const beacons: string[] = [];
  const ids: Record<string, number> = {};

  before(async () => {
    temp = await createTempDb("sqlite");
    db = await openDb(temp.url);
    reviewer = await addStaff(db, "reviewer");
    const uscc = await addEntity(db.prisma, {
      name: "江湾快贷网络科技有限公司",
      websites: ["kuaidai.example.cn"],
    });
    const entity = await db.prisma.entity.update({ where: { uscc }, data: { region: "滨江分局" } });
    ids.cash = await seedFinding(db, temp, {
      category: "cash_loan",
      entityId: entity.id,
      region: "滨江分局",
      domain: "kuaidai.example.cn",
      excerpt: "日息0.1%，【砍头息】先扣20%服务费",
    });
    ids.other = await seedFinding(db, temp, { category: "counterfeit", excerpt: "【高仿】名表一比一" });
    ids.hostile = await seedFinding(db, temp, {
      category: "p2p_lending",
      html: hostilePage,
      excerpt: "<script>alert(1)</script>【保本保息】",
    });
    app = await reviewApp(db, temp);
    app.addHook("onRequest", async (request) => {
      if (request.url.startsWith("/beacon/")) beacons.push(request.url);
    });
    base = await listen(app, { host: "127.0.0.1", port: 0 });
    browser = await launchChromium();
    context = await browser.newContext({ acceptDownloads: true, locale: "zh-CN" });
    context.setDefaultTimeout(15_000);
  });

  after(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
    await temp?.drop();
  });

  async function signedInPage(): Promise<Page> {
    const page = await context.newPage();
    await page.goto(`${base}/findings`);
    if (page.url().includes("/login")) {
      await page.fill('input[name="name"]', reviewer);
      await page.fill('input[name="password"]', password);
      await Promise.all([page.waitForURL(/\/findings/), page.click('button[type="submit"]')]);
    }
    return page;
  }

  test("sign in, filter the queue, open a finding, confirm it, export XLSX and read it", async () => {
    const page = await context.newPage();
    await page.goto(`${base}/findings`);
    assert.match(page.url(), /\/login\?next=%2Ffindings/);
    await page.fill('input[name="name"]', reviewer);
    await page.fill('input[name="password"]', password);
    await Promise.all([page.waitForURL(`${base}/findings`), page.click('#login-form button[type="submit"]')]);

    await page.selectOption('select[name="category"]', "cash_loan");
    await Promise.all([
      page.waitForURL(/category=cash_loan/),
      page.click('#queue-filters button[type="submit"]'),
    ]);
    const rows = await page
      .locator("tr[data-id]")
      .evaluateAll((trs) => trs.map((tr) => tr.getAttribute("data-id")));
    assert.deepEqual(rows, [String(ids.cash)]);

    await Promise.all([
      page.waitForURL(`${base}/findings/${ids.cash}`),
      page.click(`tr[data-id="${ids.cash}"] td a >> nth=0`),
    ]);
    assert.equal(await page.locator("#excerpt mark").textContent(), "砍头息");
    await Promise.all([page.waitForURL(/done=1/), page.click('#review-actions button:has-text("确认")')]);
    assert.match((await page.locator(".flash").textContent()) ?? "", /操作已完成/);
    assert.equal(await page.locator("dd .tag-confirmed").first().textContent(), "已确认");
    assert.equal(
      (await db.prisma.finding.findUniqueOrThrow({ where: { id: ids.cash } })).status,
      "confirmed",
    );

    await page.goto(`${base}/findings?status=confirmed`);
    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.click('#export-links a:has-text("导出 XLSX")'),
    ]);
    assert.match(download.suggestedFilename(), /^findings-\d{12}\.xlsx$/);
    const file = path.join(temp.dataDir, download.suggestedFilename());
    await download.saveAs(file);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    assert.deepEqual(
      book.worksheets.map((s) => s.name),
      ["线索", "证据"],
    );
    const sheet = book.worksheets[0]!;
    const header = sheet.getRow(1).values as unknown[];
    assert.equal(sheet.rowCount, 2, "only the confirmed finding");
    const cell = (name: string) => sheet.getRow(2).getCell(header.indexOf(name)).value;
    assert.equal(cell("发现编号"), ids.cash);
    assert.equal(cell("状态"), "confirmed");
    assert.equal(cell("经营者名称"), "江湾快贷网络科技有限公司");
    assert.match(String(cell("网页源码SHA-256")), /^[0-9a-f]{64}$/);
    await page.close();
  });

  test("a lead from the confirmed finding; its evidence bundle downloads, and the manifest digests match the files", async () => {
    const page = await signedInPage();
    await page.goto(`${base}/findings/${ids.cash}`);
    await Promise.all([
      page.waitForURL(/\/leads\/\d+\?done=1/),
      page.click('form[action="/leads"] button[type="submit"]'),
    ]);
    const number = /XS-\d{4}-\d{4}/.exec((await page.locator("h1").textContent()) ?? "")?.[0];
    assert.ok(number, "the lead page is titled with its number");
    const [download] = await Promise.all([page.waitForEvent("download"), page.click("#bundle-button")]);
    assert.equal(download.suggestedFilename(), `${number}-证据包.zip`);
    const file = path.join(temp.dataDir, "bundle.zip");
    await download.saveAs(file);
    const zip = readZip(file);
    const manifest = JSON.parse(zip.get("manifest.json")!.data.toString("utf8")) as Manifest;
    const sha256 = (data: Buffer) => crypto.createHash("sha256").update(data).digest("hex");
    for (const f of manifest.files) assert.equal(sha256(zip.get(f.path)!.data), f.sha256, f.path);
    assert.deepEqual(
      manifest.files
        .filter((f) => f.kind.endsWith("_record") || f.kind.endsWith("_notice"))
        .map((f) => f.path),
      [`${number}/extraction-record.pdf`, `${number}/handover-notice.pdf`],
    );
    assert.ok(manifest.files.some((f) => f.kind === "body" && f.findings.includes(ids.cash!)));
    await page.reload();
    assert.equal(await page.locator("dd .tag-handed_over").first().textContent(), "已交办");
    await page.close();
  });

  test("a crawled page's scripts never run: not in the sandboxed frame, not when opened directly", async () => {
    const page = await signedInPage();
    const violations: string[] = [];
    page.on("console", (m) => violations.push(m.text()));
    await page.goto(`${base}/findings/${ids.hostile}`);
    const frame = page.frameLocator("#original-page");
    assert.equal(
      await frame.locator("p").textContent(),
      "高额返利，【保本保息】",
      "the frame shows the page's text",
    );
    await page.waitForTimeout(500);
    assert.ok(!(await page.title()).includes("PWNED"), await page.title());
    assert.equal(await page.evaluate(() => (window as unknown as { __pwned?: number }).__pwned), undefined);
    assert.match(
      (await page.locator("#excerpt").textContent()) ?? "",
      /<script>alert\(1\)<\/script>保本保息/,
    );

    const capture = await db.prisma.pageCapture.findFirstOrThrow({
      where: { findings: { some: { id: ids.hostile } } },
    });
    const direct = await context.newPage();
    await direct.goto(`${base}/captures/${capture.id}/original`);
    await direct.waitForTimeout(500);
    assert.equal(await direct.title(), "原标题", "the page's own script did not run at top level either");
    assert.deepEqual(
      beacons,
      [],
      `no request from the hostile page reached the server: ${beacons.join(", ")}`,
    );
    await direct.close();
    await page.close();
  });

  test("the dashboard's charts are drawn by Chart.js under the page policy, with no policy violation", async () => {
    const page = await signedInPage();
    const messages: string[] = [];
    page.on("console", (m) => messages.push(m.text()));
    await page.goto(`${base}/`);
    await page.waitForFunction(() => {
      const chart = (window as unknown as { Chart?: { getChart(el: Element | null): unknown } }).Chart;
      return Boolean(chart?.getChart(document.getElementById("chart-category")));
    });
    assert.deepEqual(
      messages.filter((m) => /Content Security Policy/i.test(m)),
      [],
    );
    await page.close();
  });

  test("a running sweep's figures update live on its page and it reloads when the run ends", async () => {
    const run = await db.prisma.sweepRun.create({
      data: {
        sweep: "entities",
        runKey: `entities@e2e:${Date.now()}`,
        trigger: "manual",
        status: "running",
        shardsTotal: 4,
      },
    });
    const page = await signedInPage();
    await page.goto(`${base}/runs/${run.id}`);
    assert.equal(await page.locator('[data-field="pagesFetched"]').textContent(), "0");
    await db.prisma.sweepRun.update({ where: { id: run.id }, data: { shardsDone: 3, pagesFetched: 42 } });
    await page.waitForFunction(
      () => document.querySelector('[data-field="pagesFetched"]')?.textContent === "42",
    );
    assert.equal(
      await page.locator("#run-live progress").evaluate((p) => (p as HTMLProgressElement).value),
      3,
    );
    await db.prisma.sweepRun.update({ where: { id: run.id }, data: { status: "completed", shardsDone: 4 } });
    await page.waitForSelector("#run-live .tag-completed");
    await page.close();
  });
});

// The evidence bundle of a case lead, on real evidence: a sweep of the fixture web (bytes, headers,
// text and Chromium screenshots in the content-addressed store), findings confirmed and grouped into
// leads, then the zip read back by an independent reader: every manifest digest matches the bytes in
// the zip and in the store, both PDFs are there per lead and say what forms.md asks, the lead is
// handed over and audited, and altered evidence refuses the bundle.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import { EvidenceStore } from "../../src/evidence/index.ts";
import {
  documentSettings,
  EvidenceIntegrityError,
  exportBundle,
  openPdfRenderer,
  type PdfRenderer,
} from "../../src/export/bundle.ts";
import { loadLeadFacts } from "../../src/export/bundle/lead-facts.ts";
import type { Manifest } from "../../src/export/bundle/manifest.ts";
import { extractionRecordHtml, recordFooter } from "../../src/export/documents/extraction-record.ts";
import { cnDateTime } from "../../src/export/documents/format.ts";
import { handoverNoticeHtml } from "../../src/export/documents/handover-notice.ts";
import { type CreatedLead, createLead, reviewFindings } from "../../src/leads/index.ts";
import { setLogLevel } from "../../src/log.ts";
import { version } from "../../src/version.ts";
import { evidenceDir } from "../../src/worker/deps.ts";
import { seedFinding } from "../review/helpers.ts";
import { startFixtureWorld } from "../helpers/fixture-world.ts";
import { pdfFacts } from "../helpers/pdf-facts.ts";
import type { FixtureWeb } from "../helpers/site-server.ts";
import { sweepNow, testConfigDir, testEnv } from "../helpers/sweep-harness.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { readZip, type ZipEntry } from "../helpers/zip-reader.ts";

// Two registered shops of the fixture web: 精品汇 (counterfeit goods, 高新分局) and 福寿 (elderly
// scam and false advertising, 东湖分局). One discover sweep from their homepages, with screenshots.
const sweepsYaml = `sweeps:
  bundle-sites:
    kind: discover
    shardSites: 8
    screenshots: findings
    mode: auto
    politeness: { perHostDelayMillis: 0 }
    limits: { pageTimeoutSecs: 4, maxDepth: 2, maxSites: 2 }
`;
const seeds = ["http://jingpin-shehui.net/", "http://fushou-yangsheng.cn/"];
const bureau = "江湾市市场监督管理局";
const actor = "reviewer-wang";

// The refusal is logged as a warning; the test asserts on its audit row instead.
setLogLevel("error");

const sha256 = (data: Buffer | string) => crypto.createHash("sha256").update(data).digest("hex");

eachProvider("evidence bundle", ({ db, temp }) => {
  let web: FixtureWeb;
  let store: EvidenceStore;
  let renderer: PdfRenderer;
  let shopLead: CreatedLead;
  let elderLead: CreatedLead;
  const settings = documentSettings(bureau);

  async function leadOf(domain: string): Promise<CreatedLead> {
    const rows = await db().prisma.finding.findMany({ where: { domain }, select: { id: true } });
    assert.ok(rows.length > 0, `the sweep found nothing on ${domain}`);
    const ids = rows.map((r) => r.id);
    await reviewFindings(db(), "confirm", { ids, actor });
    return createLead(db(), { findingIds: ids, actor });
  }

  function bundlePath(name: string): string {
    return path.join(temp().dataDir, name);
  }

  before(async () => {
    const world = await startFixtureWorld(db(), temp().dataDir);
    web = world.web;
    const env = testEnv(db(), temp().dataDir, testConfigDir(temp().dataDir, sweepsYaml), web.hostMap);
    const run = await sweepNow(db(), env, "bundle-sites", seeds);
    assert.equal(run.status, "completed");
    store = new EvidenceStore(evidenceDir(env));
    shopLead = await leadOf("jingpin-shehui.net");
    elderLead = await leadOf("fushou-yangsheng.cn");
    renderer = await openPdfRenderer();
  });
  after(async () => {
    await renderer?.close();
    await web?.close();
  });

  let manifest: Manifest;
  let zip: Map<string, ZipEntry>;
  let firstResult: Awaited<ReturnType<typeof exportBundle>>;

  test("the zip holds every evidence file of the lead and both PDFs; every manifest digest matches the zip and the store", async () => {
    const out = bundlePath("shop.zip");
    firstResult = await exportBundle(db(), out, { leadIds: [shopLead.id], actor, store, settings, renderer });
    zip = readZip(out);
    manifest = JSON.parse(zip.get("manifest.json")!.data.toString("utf8")) as Manifest;
    assert.equal(firstResult.manifestSha256, sha256(zip.get("manifest.json")!.data));
    assert.equal(manifest.bureau, bureau);
    assert.deepEqual(
      manifest.leads.map((l) => l.number),
      [shopLead.number],
    );

    // Every file the manifest lists is in the zip with the listed digest and size, and nothing else is.
    for (const f of manifest.files) {
      const entry = zip.get(f.path);
      assert.ok(entry, `${f.path} listed but not in the zip`);
      assert.equal(sha256(entry.data), f.sha256, `${f.path}: digest`);
      assert.equal(entry.data.length, f.size, `${f.path}: size`);
      assert.equal(f.lead, shopLead.number);
    }
    assert.deepEqual(
      [...zip.keys()].sort(),
      [
        ...manifest.files.map((f) => f.path),
        "README.txt",
        "SHA256SUMS",
        "manifest.csv",
        "manifest.json",
      ].sort(),
    );

    // The evidence is exactly the stored files of the captures behind the lead's findings.
    const findings = await db().prisma.finding.findMany({
      where: { leadId: shopLead.id },
      include: { capture: true },
    });
    const expected = new Map<string, string>();
    for (const f of findings) {
      const c = f.capture!;
      for (const [kind, digest] of [
        ["body", c.bodySha256],
        ["headers", c.headersSha256],
        ["text", c.textSha256],
        ["screenshot", c.screenshotSha256],
      ] as const) {
        if (digest) expected.set(`${kind} ${digest}`, c.fetchedAt.toISOString());
      }
    }
    const evidence = manifest.files.filter((f) => f.captureId !== null);
    assert.deepEqual(new Set(evidence.map((f) => `${f.kind} ${f.sha256}`)), new Set(expected.keys()));
    assert.ok(
      evidence.some((f) => f.kind === "screenshot"),
      "the sweep took screenshots, and they are bundled",
    );
    for (const f of evidence) {
      assert.ok(
        (await store.read(f.sha256)).equals(zip.get(f.path)!.data),
        `${f.path}: same bytes as the store`,
      );
      assert.equal(f.capturedAt, expected.get(`${f.kind} ${f.sha256}`), `${f.path}: capture time`);
      assert.ok(f.findings.length > 0 && f.findings.every((id) => findings.some((x) => x.id === id)));
    }
    assert.deepEqual(
      [...new Set(evidence.flatMap((f) => f.findings))].sort((a, b) => a - b),
      findings.map((f) => f.id).sort((a, b) => a - b),
      "every finding's evidence is in the bundle",
    );

    // SHA256SUMS covers every other entry (so `sha256sum -c SHA256SUMS` checks the unzipped bundle).
    const sums = zip.get("SHA256SUMS")!.data.toString("utf8").trim().split("\n");
    assert.equal(sums.length, zip.size - 1);
    for (const line of sums) {
      const [digest, name] = line.split("  ") as [string, string];
      assert.equal(sha256(zip.get(name)!.data), digest, `SHA256SUMS: ${name}`);
    }
    const csv = zip.get("manifest.csv")!.data.toString("utf8");
    assert.ok(csv.startsWith("\ufeff序号,文件路径,类别,SHA-256"));
    for (const f of manifest.files) assert.ok(csv.includes(f.sha256));

    // Both documents, as PDFs titled with their number and the lead number.
    const docs = manifest.leads[0]!.documents;
    for (const [name, doc, title] of [
      ["extraction-record.pdf", docs.extractionRecord, "电子数据证据提取笔录"],
      ["handover-notice.pdf", docs.handoverNotice, "网络监测线索交办通知书"],
    ] as const) {
      const entry = zip.get(`${shopLead.number}/${name}`)!;
      assert.equal(sha256(entry.data), doc.sha256);
      const facts = pdfFacts(entry.data);
      assert.ok(facts.pages >= 1, `${name}: ${facts.pages} pages`);
      assert.equal(facts.title, `${title} ${doc.number} ${shopLead.number}`);
    }
    assert.match(docs.extractionRecord.number, /^江市监网取〔\d{4}〕\d+号$/);
    assert.match(docs.handoverNotice.number, /^江市监网交〔\d{4}〕\d+号$/);
  });

  test("the documents say what was captured, where, when and how, with every digest, the lead and its 承办单位", async () => {
    const lead = await loadLeadFacts(db(), shopLead.id);
    const docs = manifest.leads[0]!.documents;
    const numbers = { record: docs.extractionRecord.number, notice: docs.handoverNotice.number };
    const input = { lead, settings, numbers, issuedAt: new Date(manifest.createdAt) };
    const record = extractionRecordHtml(input);
    const entity = lead.entity!;
    assert.equal(entity.name, "江湾精品汇贸易有限公司");
    for (const text of [
      bureau,
      "电子数据证据提取笔录",
      `编号：${numbers.record}`,
      `线索编号 ${shopLead.number}`,
      entity.name,
      entity.uscc,
      "网络在线提取",
      `redshield ${version}`,
      "执法人员（签名）",
      "见证人（签名）",
    ]) {
      assert.ok(record.includes(text), `the 笔录 prints ${text}`);
    }
    for (const c of lead.captures) {
      assert.ok(record.includes(c.url), `the 笔录 names ${c.url}`);
      assert.ok(record.includes(cnDateTime(c.fetchedAt)), `the 笔录 gives the capture time of ${c.url}`);
      for (const f of c.files)
        assert.ok(record.includes(f.sha256), `the 笔录 lists ${f.fileName} with its digest`);
    }
    const notice = handoverNoticeHtml({ ...input, recordSha256: docs.extractionRecord.sha256 });
    for (const text of [
      `${shopLead.assignedUnit}：`,
      numbers.notice,
      shopLead.number,
      docs.extractionRecord.sha256,
      "十五个工作日",
      "回　执",
      "《中华人民共和国商标法》",
    ]) {
      assert.ok(notice.includes(text), `the notice prints ${text}`);
    }
    assert.equal(shopLead.assignedUnit, "高新分局");
    // The bundled 笔录 is this document: rendered again, it has the same number of pages.
    const again = pdfFacts(await renderer.render(record, recordFooter));
    assert.equal(again.pages, pdfFacts(zip.get(`${shopLead.number}/extraction-record.pdf`)!.data).pages);
  });

  test("the export hands the lead over (its findings follow) and is audited; a second export keeps the numbers", async () => {
    const lead = await db().prisma.caseLead.findUniqueOrThrow({
      where: { id: shopLead.id },
      include: { findings: true },
    });
    assert.equal(lead.status, "handed_over");
    assert.ok(lead.handedOverAt);
    assert.ok(lead.findings.length > 0 && lead.findings.every((f) => f.status === "handed_over"));
    const documents = JSON.parse(lead.documents);
    assert.equal(documents.extractionRecord.number, manifest.leads[0]!.documents.extractionRecord.number);
    assert.equal(documents.handoverNotice.sha256, manifest.leads[0]!.documents.handoverNotice.sha256);
    assert.equal(documents.bundle.manifestSha256, firstResult.manifestSha256);

    const second = await exportBundle(db(), bundlePath("shop-again.zip"), {
      leadIds: [shopLead.id],
      actor: "reviewer-li",
      store,
      settings,
      renderer,
    });
    assert.equal(second.leads[0]!.handedOver, false);
    assert.equal(firstResult.leads[0]!.handedOver, true);
    assert.deepEqual(
      [second.leads[0]!.documents.extractionRecord.number, second.leads[0]!.documents.handoverNotice.number],
      [documents.extractionRecord.number, documents.handoverNotice.number],
    );
    const audit = await db().prisma.auditLog.findMany({
      where: { subjectType: "lead", subjectId: String(shopLead.id) },
      orderBy: { id: "asc" },
    });
    assert.deepEqual(
      audit.map((a) => `${a.action} ${a.actor}`),
      [
        `lead.create ${actor}`,
        `lead.handed_over ${actor}`,
        `export.bundle ${actor}`,
        "export.bundle reviewer-li",
      ],
    );
    const details = JSON.parse(audit[2]!.details);
    assert.equal(details.manifestSha256, firstResult.manifestSha256);
    assert.equal(details.extractionRecord.sha256, manifest.leads[0]!.documents.extractionRecord.sha256);
  });

  test("an altered or missing evidence file refuses the bundle, naming the file; nothing is written or handed over", async () => {
    const facts = await loadLeadFacts(db(), elderLead.id);
    const victim = facts.captures[0]!.files.find((f) => f.kind === "text")!;
    const file = store.pathOf(victim.sha256);
    const original = fs.readFileSync(file);
    fs.chmodSync(file, 0o644);
    fs.writeFileSync(file, Buffer.concat([original, Buffer.from("（篡改）")]));
    const out = bundlePath("elder.zip");
    const before = fs.readdirSync(temp().dataDir).length;
    await assert.rejects(
      exportBundle(db(), out, { leadIds: [elderLead.id], actor, store, settings, renderer }),
      (error: unknown) => {
        assert.ok(error instanceof EvidenceIntegrityError);
        assert.equal(error.problem, "altered");
        assert.ok(error.message.includes(file), error.message);
        assert.ok(error.zhMessage.includes(victim.path) && error.zhMessage.includes("篡改"), error.zhMessage);
        return true;
      },
    );
    assert.ok(!fs.existsSync(out), "no bundle");
    assert.equal(fs.readdirSync(temp().dataDir).length, before, "no partial file left");
    const lead = await db().prisma.caseLead.findUniqueOrThrow({
      where: { id: elderLead.id },
      include: { findings: true },
    });
    assert.equal(lead.status, "confirmed");
    assert.ok(lead.findings.every((f) => f.status === "confirmed"));
    const refused = await db().prisma.auditLog.findFirstOrThrow({
      where: { subjectType: "lead", subjectId: String(elderLead.id), action: "export.bundle_refused" },
    });
    assert.equal(JSON.parse(refused.details).sha256, victim.sha256);

    fs.rmSync(file);
    await assert.rejects(
      exportBundle(db(), out, { leadIds: [elderLead.id], actor, store, settings, renderer }),
      (error: unknown) => error instanceof EvidenceIntegrityError && error.problem === "missing",
    );

    // With the file as it was, the same lead bundles.
    fs.writeFileSync(file, original, { mode: 0o444 });
    const result = await exportBundle(db(), out, {
      leadIds: [elderLead.id],
      actor,
      store,
      settings,
      renderer,
    });
    assert.equal(result.leads[0]!.handedOver, true);
    assert.ok(readZip(out).get(victim.path)!.data.equals(original));
  });

  test("a file that changes after the first check is caught while it is copied into the zip", async () => {
    const facts = await loadLeadFacts(db(), elderLead.id);
    const victim = facts.captures[0]!.files.find((f) => f.kind === "body")!;
    const altered = bundlePath("altered-body.html");
    fs.writeFileSync(altered, Buffer.concat([await store.read(victim.sha256), Buffer.from("<!-- -->")]));
    // The store as the bundle sees it: the victim's file is swapped after its first (checked) read.
    class SwappingStore extends EvidenceStore {
      reads = 0;
      override pathOf(digest: string): string {
        if (digest === victim.sha256 && ++this.reads > 1) return altered;
        return super.pathOf(digest);
      }
    }
    const swapping = new SwappingStore(store.dir);
    const out = bundlePath("swapped.zip");
    await assert.rejects(
      exportBundle(db(), out, { leadIds: [elderLead.id], actor, store: swapping, settings, renderer }),
      (error: unknown) => error instanceof EvidenceIntegrityError && error.problem === "altered",
    );
    assert.equal(swapping.reads, 2, "checked once, then caught on the copy");
    assert.ok(!fs.existsSync(out));
  });

  test("two leads in one bundle: each in its own folder with its own documents; one manifest covers both", async () => {
    const out = bundlePath("both.zip");
    const result = await exportBundle(db(), out, {
      leadIds: [shopLead.id, elderLead.id],
      actor,
      store,
      settings,
      renderer,
    });
    const both = readZip(out);
    const m = JSON.parse(both.get("manifest.json")!.data.toString("utf8")) as Manifest;
    assert.deepEqual(
      m.leads.map((l) => l.number),
      [shopLead.number, elderLead.number],
    );
    for (const lead of [shopLead, elderLead]) {
      const own = m.files.filter((f) => f.lead === lead.number);
      assert.ok(own.every((f) => f.path.startsWith(`${lead.number}/`)));
      assert.equal(
        own.filter((f) => f.kind === "extraction_record" || f.kind === "handover_notice").length,
        2,
      );
      const title = pdfFacts(both.get(`${lead.number}/handover-notice.pdf`)!.data).title ?? "";
      assert.ok(title.endsWith(lead.number), title);
    }
    for (const f of m.files) assert.equal(sha256(both.get(f.path)!.data), f.sha256, f.path);
    assert.deepEqual(
      result.leads.map((l) => l.handedOver),
      [false, false],
      "both were handed over by earlier exports",
    );
  });

  test("a lead with no 承办单位 is refused; crawled text in the documents is escaped", async () => {
    const domain = `unknown-${crypto.randomBytes(3).toString("hex")}.example.cn`;
    const hostile = await seedFinding(db(), temp(), {
      domain,
      excerpt: '<img src=x onerror="alert(1)">【保本保息】',
      text: "高额返利 保本保息",
    });
    await reviewFindings(db(), "confirm", { ids: [hostile], actor });
    const noUnit = await createLead(db(), { findingIds: [hostile], actor });
    assert.equal(noUnit.assignedUnit, "");
    await assert.rejects(
      exportBundle(db(), bundlePath("no-unit.zip"), {
        leadIds: [noUnit.id],
        actor,
        store,
        settings,
        renderer,
      }),
      /no 承办单位/,
    );
    const facts = await loadLeadFacts(db(), noUnit.id);
    const html = extractionRecordHtml({
      lead: facts,
      settings,
      numbers: { record: "R", notice: "N" },
      issuedAt: new Date(),
    });
    assert.ok(!html.includes("<img"), "no markup from the crawled page");
    assert.ok(html.includes("&lt;img src=x onerror=&quot;alert(1)&quot;&gt;【保本保息】"));
    assert.ok(html.includes("经营者不明"));
  });
});

// Findings written in batches (recordPages, FindingWriter) end exactly as when every page is
// recorded on its own, in order: same findings, captures, evidence rows and reopen audits,
// including fingerprints and URLs seen twice in one batch and dismissed findings that reappear.
import assert from "node:assert/strict";
import path from "node:path";
import { after, before, test } from "node:test";
import { FindingWriter } from "../../crawlers/shared/finding-writer.ts";
import { type Db, openDb } from "../../src/db/index.ts";
import { EvidenceStore } from "../../src/evidence/index.ts";
import { type FindingInput, type PageRecord, recordPage } from "../../src/findings/index.ts";
import { recordPages } from "../../src/findings/record.ts";
import { createTempDb, eachProvider, type TempDb } from "../helpers/temp-db.ts";

const t0 = new Date("2026-03-01T02:00:00Z");

function finding(category: string, rule: string, scope: "page" | "site", excerpt: string): FindingInput {
  return {
    category,
    rule,
    severity: "high",
    score: 0.9,
    excerpt,
    basis: { law: "《中华人民共和国电子商务法》", article: "第十五条" },
    details: { excerpt },
    scope,
  };
}

function page(runId: number, url: string, text: string, findings: FindingInput[], minute = 0): PageRecord {
  const domain = new URL(url).hostname.replace(/^www\./, "");
  return {
    runId,
    sweep: "entities",
    entityId: null,
    region: "东湖分局",
    findings,
    capture: {
      url,
      finalUrl: url,
      domain,
      httpStatus: 200,
      fetchedAt: new Date(t0.getTime() + minute * 60_000),
      mode: "http",
      contentType: "text/html; charset=utf-8",
      charset: "utf-8",
      body: Buffer.from(`<html><body><p>${text}</p></body></html>`),
      headers: { "content-type": "text/html; charset=utf-8" },
      text,
      screenshot: null,
      provenance: { tool: "test", url },
    },
  };
}

const licence = () => finding("license_display", "license_display.shop_without_licence", "site", "未亮照");
const claim = (x: string) => finding("false_advertising", "false_advertising.absolute_terms", "page", x);

/** Run 1: what the database holds before the batch; two of its findings are then dismissed. */
const earlier = [
  page(1, "http://a.example.cn/", "甲店首页", [licence()]),
  page(1, "http://b.example.cn/item/1.html", "根治失眠", [claim("根治失眠")]),
  page(1, "http://c.example.cn/item/1.html", "国家级", [claim("国家级")]),
];

/** Run 2, one batch: repeats, a reopened finding seen twice, shared bodies, a page with nothing. */
const batch = [
  page(2, "http://a.example.cn/", "甲店首页", [licence()], 1),
  page(2, "http://www.a.example.cn/", "甲店首页（www）", [licence(), claim("最佳")], 2),
  page(2, "http://b.example.cn/item/1.html", "根治失眠，改了说法", [claim("根治失眠")], 3),
  page(2, "http://b.example.cn/item/1.html", "根治失眠，又改了", [claim("根治失眠")], 4),
  page(2, "http://c.example.cn/item/1.html", "国家级", [claim("国家级")], 5),
  page(2, "http://d.example.cn/", "乙店首页", [licence(), claim("第一")], 6),
  page(2, "http://e.example.cn/", "乙店首页", [licence()], 7),
  page(2, "http://f.example.cn/", "无问题", [], 8),
  page(2, "http://d.example.cn/", "乙店首页", [licence()], 9),
];

async function dismissEarlier(db: Db): Promise<void> {
  for (const url of ["http://b.example.cn/item/1.html", "http://c.example.cn/item/1.html"]) {
    const f = await db.prisma.finding.findFirstOrThrow({ where: { url } });
    await db.prisma.finding.update({
      where: { id: f.id },
      data: { status: "dismissed", dismissedDigest: f.evidenceDigest },
    });
  }
}

/** Everything recording wrote, without generated ids and times. */
async function snapshot(db: Db) {
  const captures = await db.prisma.pageCapture.findMany({ orderBy: [{ runId: "asc" }, { url: "asc" }] });
  const captureOf = new Map(captures.map((c) => [c.id, `${c.runId} ${c.url}`]));
  const findings = await db.prisma.finding.findMany({ orderBy: { fingerprint: "asc" } });
  const fingerprintOf = new Map(findings.map((f) => [String(f.id), f.fingerprint]));
  return {
    captures: captures.map(({ id: _, ...c }) => c),
    findings: findings.map(({ id: _, captureId, ...f }) => ({ ...f, capture: captureOf.get(captureId!) })),
    evidence: (await db.prisma.evidence.findMany({ orderBy: { sha256: "asc" } })).map(
      ({ createdAt: _, ...e }) => e,
    ),
    audits: (await db.prisma.auditLog.findMany({ orderBy: { id: "asc" } })).map((a) => ({
      action: a.action,
      finding: fingerprintOf.get(a.subjectId),
      details: a.details,
    })),
  };
}

eachProvider("findings written in batches", ({ db, temp, provider }) => {
  let one: TempDb;
  let oneDb: Db;
  before(async () => {
    one = await createTempDb(provider);
    oneDb = await openDb(one.url);
  });
  after(async () => {
    await oneDb.close();
    await one.drop();
  });

  test("a batch ends exactly as the same pages recorded one by one", async () => {
    const storeOne = new EvidenceStore(path.join(one.dataDir, "evidence"));
    const storeBatch = new EvidenceStore(path.join(temp().dataDir, "evidence"));
    for (const p of earlier) await recordPage(oneDb.prisma, storeOne, p);
    await recordPages(db().prisma, storeBatch, earlier);
    await dismissEarlier(oneDb);
    await dismissEarlier(db());

    const sequential = { created: 0, updated: 0, reopened: 0 };
    for (const p of batch) {
      const o = await recordPage(oneDb.prisma, storeOne, p);
      sequential.created += o.created;
      sequential.updated += o.updated;
      sequential.reopened += o.reopened;
    }
    const batched = await recordPages(db().prisma, storeBatch, batch);
    assert.deepEqual(batched, sequential);
    assert.deepEqual(sequential, { created: 4, updated: 5, reopened: 1 });

    const a = await snapshot(oneDb);
    const b = await snapshot(db());
    assert.deepEqual(b, a);
    assert.equal(a.audits.length, 1, "reopened once, though seen twice with new evidence");
    const reopened = a.findings.find((f) => f.url === "http://b.example.cn/item/1.html")!;
    assert.equal(reopened.status, "new");
    assert.equal(reopened.capture, "2 http://b.example.cn/item/1.html");
    const kept = a.findings.find((f) => f.url === "http://c.example.cn/item/1.html")!;
    assert.equal(kept.status, "dismissed");
    assert.equal(a.captures.filter((c) => c.runId === 2).length, 6, "one capture per run and URL");
    const site = a.findings.find((f) => f.domain === "a.example.cn" && f.category === "license_display")!;
    assert.equal(site.lastSeenAt.getTime(), batch[1]!.capture.fetchedAt.getTime(), "the later sighting wins");
  });

  test("the writer batches pages, writes the rest on close, and fails loudly", async () => {
    const store = new EvidenceStore(path.join(temp().dataDir, "evidence"));
    const writer = new FindingWriter(db().prisma, store, { maxPages: 3, maxDelayMillis: 60_000 });
    const urls = Array.from({ length: 7 }, (_, i) => `http://w${i}.example.cn/item/1.html`);
    for (const url of urls) await writer.add(page(3, url, `文字 ${url}`, [claim("最佳")]));
    const written = () => db().prisma.pageCapture.count({ where: { runId: 3 } });
    assert.equal(await written(), 6, "two full batches written, one page waiting");
    await writer.close();
    assert.equal(await written(), 7);

    const timed = new FindingWriter(db().prisma, store, { maxPages: 100, maxDelayMillis: 50 });
    await timed.add(page(4, "http://late.example.cn/", "迟到", [claim("最佳")]));
    assert.equal(await db().prisma.pageCapture.count({ where: { runId: 4 } }), 0);
    await new Promise((r) => setTimeout(r, 400));
    assert.equal(await db().prisma.pageCapture.count({ where: { runId: 4 } }), 1, "written after the delay");
    await timed.close();

    const bySize = new FindingWriter(db().prisma, store, {
      maxPages: 100,
      maxBytes: 3000,
      maxDelayMillis: 60_000,
    });
    const big = (i: number) => {
      const p = page(6, `http://big${i}.example.cn/`, "大页面", [claim("最佳")]);
      (p.capture as { body: Uint8Array }).body = Buffer.alloc(1000, 32 + i);
      return p;
    };
    for (let i = 0; i < 4; i++) await bySize.add(big(i));
    assert.equal(await db().prisma.pageCapture.count({ where: { runId: 6 } }), 3, "written at 3,000 bytes");
    await bySize.close();
    assert.equal(await db().prisma.pageCapture.count({ where: { runId: 6 } }), 4);

    const broken = new FindingWriter(db().prisma, store, { maxPages: 1, maxDelayMillis: 50 });
    const bad = page(5, "http://bad.example.cn/", "坏", [claim("最佳")]);
    (bad.capture as { fetchedAt: unknown }).fetchedAt = new Date(Number.NaN);
    await assert.rejects(broken.add(bad));
    await assert.rejects(broken.add(page(5, "http://next.example.cn/", "下一页", [claim("最佳")])));
    await assert.rejects(broken.close());
  });
});

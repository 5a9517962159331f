// Case leads: grouping confirmed findings of one entity or site, routing to the branch office
// (region, else ICP province), gap-free numbers, the lifecycle and its audit, through the app.
import assert from "node:assert/strict";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import type { Manifest } from "../../src/export/bundle/manifest.ts";
import { createLead, firstIcp, nextDocumentNumber, routeLead } from "../../src/leads/index.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { addEntity } from "../unit/labels/register-rows.ts";
import { readZip } from "../helpers/zip-reader.ts";
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

eachProvider("review UI: case leads", ({ db, temp }) => {
  let app: FastifyInstance;
  let reviewer: Session;
  let reviewerName: string;
  before(async () => {
    app = await reviewApp(db(), temp());
    reviewerName = await addStaff(db(), "reviewer");
    reviewer = await signIn(app, reviewerName);
  });
  after(() => app.close());

  async function confirmed(options: Parameters<typeof seedFinding>[2] = {}): Promise<number> {
    const id = await seedFinding(db(), temp(), options);
    await post(app, reviewer, `/findings/${id}/confirm`);
    return id;
  }

  async function entityIn(region: string): Promise<number> {
    const uscc = await addEntity(db().prisma, { name: "江湾示例商贸有限公司", websites: [] });
    return (await db().prisma.entity.update({ where: { uscc }, data: { region } })).id;
  }

  test("a lead from an entity's confirmed findings goes to the entity's region; the page shows why", async () => {
    const entityId = await entityIn("滨江分局");
    const a = await confirmed({ entityId, domain: "shop-a.example.cn" });
    const b = await confirmed({ entityId, domain: "shop-b.example.cn" });
    const page = await get(app, reviewer, `/findings/${a}`);
    assert.match(page.body, /以本主体（网站）的 2 条已确认发现建立线索/);
    const res = await post(app, reviewer, "/leads", { ids: [String(a), String(b)] });
    assert.equal(res.statusCode, 303);
    const leadId = Number(/^\/leads\/(\d+)/.exec(String(res.headers.location))?.[1]);
    const lead = await db().prisma.caseLead.findUniqueOrThrow({
      where: { id: leadId },
      include: { findings: true },
    });
    assert.match(lead.number, /^XS-\d{4}-\d{4}$/);
    assert.equal(lead.assignedUnit, "滨江分局");
    assert.equal(lead.entityId, entityId);
    assert.equal(lead.createdBy, reviewerName);
    assert.deepEqual(lead.findings.map((f) => f.id).sort(), [a, b].sort());
    const shown = await get(app, reviewer, `/leads/${leadId}`);
    assert.match(shown.body, /依据：主体登记的所属分局/);
    assert.ok(shown.body.includes(lead.number));
    const findingPage = await get(app, reviewer, `/findings/${a}`);
    assert.match(findingPage.body, /该发现已归入线索/);
  });

  test("with the operator unknown, the lead goes by the ICP province the site showed", async () => {
    const id = await confirmed({
      domain: "p2p-unknown.example.com",
      text: "关于我们 Copyright 粤ICP备19015064号-1 联系电话",
    });
    const res = await post(app, reviewer, "/leads", { ids: [String(id)] });
    const leadId = Number(/^\/leads\/(\d+)/.exec(String(res.headers.location))?.[1]);
    const lead = await db().prisma.caseLead.findUniqueOrThrow({ where: { id: leadId } });
    assert.equal(lead.assignedUnit, "广东省市场监督管理局");
    assert.equal(lead.domain, "p2p-unknown.example.com");
    const page = await get(app, reviewer, `/leads/${leadId}`);
    assert.match(page.body, /网站 ICP 备案地（粤ICP备19015064号-1）/);
    assert.equal(
      (await post(app, reviewer, `/leads/${leadId}/unit`, { unit: "江湾市滨江区市场监督管理局" })).statusCode,
      303,
    );
    assert.equal(
      (await db().prisma.caseLead.findUniqueOrThrow({ where: { id: leadId } })).assignedUnit,
      "江湾市滨江区市场监督管理局",
    );
  });

  test("routing: placeholder ICP numbers are skipped; no region and no ICP leaves the unit to the reviewer", () => {
    assert.deepEqual(firstIcp(["京ICP备12345678号 …… 浙ICP备2021034567号"]), {
      icp: "浙ICP备2021034567号",
      province: "浙江省",
    });
    assert.deepEqual(routeLead("", ["no number here"]), { basis: "none", unit: "" });
    assert.equal(routeLead(" 江北分局 ", ["粤ICP备19015064号"]).unit, "江北分局");
  });

  test("findings of two entities, unconfirmed findings, or findings already in a lead are refused", async () => {
    const x = await confirmed({ entityId: await entityIn("江北分局") });
    const y = await confirmed({ entityId: await entityIn("江北分局") });
    const mixed = await post(app, reviewer, "/leads", { ids: [String(x), String(y)] });
    assert.equal(mixed.statusCode, 409);
    assert.match(mixed.body, /同一主体/);
    const fresh = await seedFinding(db(), temp());
    assert.equal((await post(app, reviewer, "/leads", { ids: [String(fresh)] })).statusCode, 409);
    assert.equal((await post(app, reviewer, "/leads", { ids: [String(x)] })).statusCode, 303);
    assert.equal(
      (await post(app, reviewer, "/leads", { ids: [String(x)] })).statusCode,
      409,
      "already in a lead",
    );
    assert.equal((await post(app, reviewer, "/leads", {})).statusCode, 400);
  });

  test("numbers have no gaps: a refused creation does not use one up, and concurrent creations get distinct ones", async () => {
    const before = await db().prisma.caseLead.findMany({ select: { number: true } });
    const fresh = await seedFinding(db(), temp());
    await assert.rejects(createLead(db(), { findingIds: [fresh], actor: "t" }));
    const ids = await Promise.all([1, 2, 3].map(() => confirmed()));
    const created = await Promise.all(ids.map((id) => createLead(db(), { findingIds: [id], actor: "t" })));
    const all = [...before.map((l) => l.number), ...created.map((c) => c.number)];
    const serials = all.map((n) => Number(n.slice(-4))).sort((a, b) => a - b);
    assert.deepEqual(
      serials,
      serials.map((_, i) => i + 1),
      `gap-free: ${all.join(", ")}`,
    );
  });

  test("the counter is per kind and year and starts at 1", async () => {
    const n = await db().prisma.$transaction((tx) =>
      nextDocumentNumber(tx, db().provider, "test-kind", 2031),
    );
    const m = await db().prisma.$transaction((tx) =>
      nextDocumentNumber(tx, db().provider, "test-kind", 2031),
    );
    const other = await db().prisma.$transaction((tx) =>
      nextDocumentNumber(tx, db().provider, "test-kind", 2032),
    );
    assert.deepEqual([n, m, other], [1, 2, 1]);
  });

  test("lifecycle: hand over (findings follow), feedback (text required), close; no skipping; all audited", async () => {
    const id = await confirmed();
    const created = await createLead(db(), { findingIds: [id], actor: reviewerName });
    const advance = (to: string, feedback = "") =>
      post(app, reviewer, `/leads/${created.id}/advance`, { to, feedback });
    assert.equal((await advance("closed")).statusCode, 409, "cannot skip to closed");
    assert.equal((await advance("handed_over")).statusCode, 303);
    assert.equal((await db().prisma.finding.findUniqueOrThrow({ where: { id } })).status, "handed_over");
    assert.equal((await advance("feedback", " ")).statusCode, 400);
    assert.equal((await advance("feedback", "已立案调查")).statusCode, 303);
    assert.equal((await advance("closed")).statusCode, 303);
    const lead = await db().prisma.caseLead.findUniqueOrThrow({ where: { id: created.id } });
    assert.equal(lead.status, "closed");
    assert.ok(lead.handedOverAt && lead.feedbackAt && lead.closedAt);
    assert.equal(lead.feedback, "已立案调查");
    assert.equal((await db().prisma.finding.findUniqueOrThrow({ where: { id } })).status, "closed");
    const audit = await db().prisma.auditLog.findMany({
      where: { subjectType: "lead", subjectId: String(created.id) },
      orderBy: { id: "asc" },
    });
    assert.deepEqual(
      audit.map((a) => a.action),
      ["lead.create", "lead.handed_over", "lead.feedback", "lead.closed"],
    );
    const page = await get(app, reviewer, `/leads/${created.id}`);
    assert.match(page.body, /已办结/);
    assert.match(page.body, /已立案调查/);
    assert.ok(!page.body.includes('id="lead-advance"'), "nothing left to do on a closed lead");
    const list = await get(app, reviewer, "/leads?status=closed");
    assert.ok(list.body.includes(lead.number));
    assert.match(page.body, /id="bundle-button"/, "a closed lead's bundle can still be downloaded");
    assert.ok(!page.body.includes("下载证据包即交办"), "only a confirmed lead is handed over by it");
  });

  test("a viewer sees leads but cannot create or move them, nor export their bundle", async () => {
    const viewer = await signIn(app, await addStaff(db(), "viewer"));
    assert.equal((await get(app, viewer, "/leads")).statusCode, 200);
    const id = await confirmed();
    assert.equal((await post(app, viewer, "/leads", { ids: [String(id)] })).statusCode, 403);
    const lead = await createLead(db(), { findingIds: [id], actor: reviewerName, assignedUnit: "江北分局" });
    const page = await get(app, viewer, `/leads/${lead.id}`);
    assert.ok(!page.body.includes('id="bundle-button"'));
    assert.equal((await post(app, viewer, `/leads/${lead.id}/bundle.zip`)).statusCode, 403);
    assert.equal(
      (await db().prisma.caseLead.findUniqueOrThrow({ where: { id: lead.id } })).status,
      "confirmed",
    );
  });

  test("a reviewer downloads the evidence bundle: named by the lead number, digests that match, the lead handed over and audited", async () => {
    const entityId = await entityIn("滨江分局");
    const id = await confirmed({ entityId, screenshot: Buffer.from("\x89PNG\r\n\x1a\n fake screenshot") });
    const lead = await createLead(db(), { findingIds: [id], actor: reviewerName });
    const before = await get(app, reviewer, `/leads/${lead.id}`);
    assert.match(
      before.body,
      /<form method="post" action="\/leads\/\d+\/bundle\.zip"[^>]*><input type="hidden" name="_csrf"/,
    );
    // Exporting hands the lead over: a GET (a link, a prefetch) or a post without the token does nothing.
    assert.equal((await get(app, reviewer, `/leads/${lead.id}/bundle.zip`)).statusCode, 404);
    assert.equal((await post(app, reviewer, `/leads/${lead.id}/bundle.zip`, {}, false)).statusCode, 403);
    assert.equal(
      (await db().prisma.caseLead.findUniqueOrThrow({ where: { id: lead.id } })).status,
      "confirmed",
    );
    assert.match(before.body, /下载证据包即交办/);
    assert.match(before.body, /尚未导出证据包/);

    const res = await post(app, reviewer, `/leads/${lead.id}/bundle.zip`);
    assert.equal(res.statusCode, 200, res.body.slice(0, 300));
    assert.equal(res.headers["content-type"], "application/zip");
    assert.equal(
      res.headers["content-disposition"],
      `attachment; filename="${lead.number}-evidence-bundle.zip"; filename*=UTF-8''${encodeURIComponent(`${lead.number}-证据包.zip`)}`,
    );
    const file = path.join(temp().dataDir, `${lead.number}.zip`);
    fs.writeFileSync(file, res.rawPayload);
    const zip = readZip(file);
    const manifestBytes = zip.get("manifest.json")!.data;
    assert.equal(res.headers["x-manifest-sha256"], sha256(manifestBytes));
    const manifest = JSON.parse(manifestBytes.toString("utf8")) as Manifest;
    assert.deepEqual(manifest.files.map((f) => f.kind).sort(), [
      "body",
      "extraction_record",
      "handover_notice",
      "headers",
      "screenshot",
      "text",
    ]);
    for (const f of manifest.files) assert.equal(sha256(zip.get(f.path)!.data), f.sha256, f.path);
    assert.ok(
      zip.get(`${lead.number}/extraction-record.pdf`)!.data.subarray(0, 5).equals(Buffer.from("%PDF-")),
    );
    assert.equal(manifest.leads[0]!.documents.handoverNotice.number.startsWith("江市监网交〔"), true);

    const after = await db().prisma.caseLead.findUniqueOrThrow({
      where: { id: lead.id },
      include: { findings: true },
    });
    assert.equal(after.status, "handed_over");
    assert.deepEqual(
      after.findings.map((f) => f.status),
      ["handed_over"],
    );
    const audit = await db().prisma.auditLog.findMany({
      where: { subjectType: "lead", subjectId: String(lead.id) },
      orderBy: { id: "asc" },
    });
    assert.deepEqual(
      audit.map((a) => `${a.action} ${a.actor}`),
      [`lead.create ${reviewerName}`, `lead.handed_over ${reviewerName}`, `export.bundle ${reviewerName}`],
    );
    const page = await get(app, reviewer, `/leads/${lead.id}`);
    assert.ok(page.body.includes(manifest.leads[0]!.documents.extractionRecord.number));
    assert.match(page.body, /已交办/);
  });

  test("a bundle whose evidence was altered is refused with a page naming the file; the lead stays confirmed", async () => {
    // Evidence is shared by digest: a page of its own, so no other test's evidence is touched.
    const html = `<html><body><p>保本保息 ${crypto.randomUUID()}</p></body></html>`;
    const id = await confirmed({ entityId: await entityIn("滨江分局"), html });
    const lead = await createLead(db(), { findingIds: [id], actor: reviewerName });
    const finding = await db().prisma.finding.findUniqueOrThrow({
      where: { id },
      include: { capture: true },
    });
    const stored = path.join(
      evidenceDirOf(temp()),
      finding.capture!.bodySha256.slice(0, 2),
      finding.capture!.bodySha256.slice(2, 4),
      finding.capture!.bodySha256,
    );
    fs.chmodSync(stored, 0o644);
    fs.appendFileSync(stored, "<!-- edited -->");
    const res = await post(app, reviewer, `/leads/${lead.id}/bundle.zip`);
    assert.equal(res.statusCode, 409);
    assert.match(res.headers["content-type"] as string, /text\/html/);
    assert.match(res.body, /篡改/);
    assert.ok(res.body.includes(`${lead.number}/evidence/01-body-`), "the page names the file");
    assert.equal(
      (await db().prisma.caseLead.findUniqueOrThrow({ where: { id: lead.id } })).status,
      "confirmed",
    );
  });
});

// The findings queue (filters, keyset pages, severity order, bulk actions) and the finding page
// (excerpt marked and escaped, evidence, review actions and their audit trail), through the app.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import type { FastifyInstance } from "fastify";
import { findingsPage } from "../../src/review/data/findings-queue.ts";
import { parseQueueFilter } from "../../src/review/data/queue-filter.ts";
import { eachProvider } from "../helpers/temp-db.ts";
import { addEntity } from "../unit/labels/register-rows.ts";
import { addStaff, get, post, reviewApp, type Session, seedFinding, signIn } from "./helpers.ts";

const hour = 3600_000;

/** Plain rows straight into the table (no evidence): enough for the queue's paging. */
async function insertRows(db: import("../../src/db/index.ts").Db, n: number, stem: string, base: Date) {
  await db.prisma.finding.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      fingerprint: `${stem}-${i}`,
      category: i % 2 ? "cash_loan" : "counterfeit",
      rule: "test.rule",
      severity: ["low", "medium", "high"][i % 3]!,
      url: `https://${stem}.example.cn/${i}`,
      domain: `${stem}.example.cn`,
      excerpt: `摘录 ${i}`,
      sweep: stem,
      region: "滨江分局",
      // Every third row shares a timestamp with its neighbour, so ties on lastSeenAt are exercised.
      firstSeenAt: base,
      lastSeenAt: new Date(base.getTime() - Math.floor(i / 2) * 60_000),
      firstRunId: 0,
      lastRunId: 0,
    })),
  });
}

eachProvider("review UI: findings queue and finding page", ({ db, temp }) => {
  let app: FastifyInstance;
  let reviewer: Session;
  let viewer: Session;
  let reviewerName: string;
  before(async () => {
    app = await reviewApp(db(), temp());
    reviewerName = await addStaff(db(), "reviewer");
    reviewer = await signIn(app, reviewerName);
    viewer = await signIn(app, await addStaff(db(), "viewer"));
  });
  after(() => app.close());

  test("keyset pages walk every row once, in last-seen order, ties broken by id, at any page size", async () => {
    await insertRows(db(), 23, "paging", new Date(Date.now() - 48 * hour));
    const filter = parseQueueFilter({ sweep: "paging" });
    const seen: number[] = [];
    let cursor = null;
    let last: { at: number; id: number } | null = null;
    for (let page = 0; page < 20; page++) {
      const result = await findingsPage(db(), filter, cursor, 4);
      for (const r of result.rows) {
        const key = { at: r.lastSeenAt.getTime(), id: r.id };
        if (last)
          assert.ok(key.at < last.at || (key.at === last.at && key.id < last.id), "strictly descending");
        last = key;
        seen.push(r.id);
      }
      cursor = result.next;
      if (!cursor) break;
    }
    assert.equal(seen.length, 23);
    assert.equal(new Set(seen).size, 23);
  });

  test("sorting by severity gives high, then medium, then low, each newest first, across pages", async () => {
    const filter = parseQueueFilter({ sweep: "paging", sort: "severity" });
    const order: string[] = [];
    let cursor = null;
    do {
      const result = await findingsPage(db(), filter, cursor, 5);
      order.push(...result.rows.map((r) => r.severity));
      cursor = result.next;
    } while (cursor);
    assert.equal(order.length, 23);
    const rank = { high: 0, medium: 1, low: 2 } as Record<string, number>;
    assert.deepEqual(
      order,
      [...order].sort((a, b) => rank[a]! - rank[b]!),
    );
    assert.equal(order[0], "high");
  });

  test("the queue page filters, shows 50 rows and a next link that continues after the last row", async () => {
    await insertRows(db(), 60, "many", new Date(Date.now() - 24 * hour));
    const first = await get(app, viewer, "/findings?sweep=many");
    assert.equal(first.statusCode, 200);
    assert.equal((first.body.match(/<tr data-id=/g) ?? []).length, 50);
    const next = /href="(\/findings\?[^"]*after=[^"]+)" rel="next"/.exec(first.body);
    assert.ok(next, "next link");
    const second = await get(app, viewer, next[1]!.replaceAll("&amp;", "&"));
    assert.equal((second.body.match(/<tr data-id=/g) ?? []).length, 10);
    assert.ok(!second.body.includes('rel="next"'));
    const firstIds = [...first.body.matchAll(/<tr data-id="(\d+)"/g)].map((m) => m[1]);
    const secondIds = [...second.body.matchAll(/<tr data-id="(\d+)"/g)].map((m) => m[1]);
    assert.equal(new Set([...firstIds, ...secondIds]).size, 60);
    const cash = await get(app, viewer, "/findings?sweep=many&category=cash_loan&severity=high");
    const rows = (cash.body.match(/<tr data-id=/g) ?? []).length;
    assert.equal(rows, 10, "odd i with i % 3 == 2 among 60");
    assert.ok(!first.body.includes('name="ids"'), "a viewer gets no check boxes");
  });

  test("filter by entity (USCC or name), region and date range; unknown values are ignored, not errors", async () => {
    const uscc = await addEntity(db().prisma, { name: "星河示例电子商务有限公司", websites: [] });
    const entity = await db().prisma.entity.findUniqueOrThrow({ where: { uscc } });
    const id = await seedFinding(db(), temp(), { entityId: entity.id, region: "江北分局" });
    for (const q of [
      `entity=${uscc}`,
      `entity=${encodeURIComponent("星河示例")}`,
      `region=${encodeURIComponent("江北分局")}`,
    ]) {
      const res = await get(app, reviewer, `/findings?${q}`);
      assert.match(res.body, new RegExp(`<tr data-id="${id}"`), q);
    }
    const unknown = await get(app, reviewer, "/findings?entity=不存在的公司");
    assert.match(unknown.body, /没有找到该经营主体/);
    const old = await get(app, reviewer, "/findings?to=2001-01-01");
    assert.match(old.body, /没有符合条件的记录/);
    const junk = await get(
      app,
      reviewer,
      "/findings?category=%3Cscript%3E&status=evil&from=notadate&after=@@@",
    );
    assert.equal(junk.statusCode, 200);
    assert.ok(!junk.body.includes("<script>"));
  });

  test("the finding page: excerpt with the match in <mark>, crawled text escaped, basis, digests, capture time", async () => {
    const id = await seedFinding(db(), temp(), {
      excerpt: `<img src=x onerror=alert(1)>年化【保本保息<b>】100元`,
      text: "页面文本 <script>alert('x')</script>",
    });
    const res = await get(app, reviewer, `/findings/${id}`);
    assert.equal(res.statusCode, 200);
    assert.match(res.body, /&lt;img src=x onerror=alert\(1\)&gt;年化<mark>保本保息&lt;b&gt;<\/mark>100元/);
    assert.match(res.body, /页面文本 &lt;script&gt;alert\(&#39;x&#39;\)&lt;\/script&gt;/);
    assert.ok(!res.body.includes("<script>alert"));
    assert.match(res.body, /《网络借贷信息中介机构业务活动管理暂行办法》第十条/);
    const capture = await db().prisma.pageCapture.findFirstOrThrow({ where: { findings: { some: { id } } } });
    for (const sha of [capture.bodySha256, capture.textSha256, capture.headersSha256])
      assert.ok(res.body.includes(sha));
    assert.ok(res.body.includes(capture.fetchedAt.toISOString()));
    assert.match(res.body, /<iframe class="evidence" id="original-page" sandbox="" /);
  });

  test("confirm, dismiss (reason required, digest kept), reopen, note, assign: each audited with who, shown on the page", async () => {
    const id = await seedFinding(db(), temp());
    assert.equal((await post(app, reviewer, `/findings/${id}/confirm`)).statusCode, 303);
    const noReason = await post(app, reviewer, `/findings/${id}/dismiss`, { reason: "  " });
    assert.equal(noReason.statusCode, 400);
    assert.match(noReason.body, /请填写排除理由/);
    assert.equal(
      (await post(app, reviewer, `/findings/${id}/dismiss`, { reason: "系新闻报道，非经营页面" })).statusCode,
      303,
    );
    const dismissed = await db().prisma.finding.findUniqueOrThrow({ where: { id } });
    assert.equal(dismissed.status, "dismissed");
    assert.equal(dismissed.dismissReason, "系新闻报道，非经营页面");
    assert.equal(dismissed.dismissedDigest, dismissed.evidenceDigest);
    assert.equal(dismissed.reviewedBy, reviewerName);
    const again = await post(app, reviewer, `/findings/${id}/dismiss`, { reason: "再次" });
    assert.equal(again.statusCode, 409, "a dismissed finding cannot be dismissed again");
    assert.equal((await post(app, reviewer, `/findings/${id}/reopen`)).statusCode, 303);
    assert.equal(
      (await post(app, reviewer, `/findings/${id}/note`, { text: "已电话核实<b>" })).statusCode,
      303,
    );
    assert.equal(
      (await post(app, reviewer, `/findings/${id}/assign`, { assignee: reviewerName })).statusCode,
      303,
    );
    const stranger = await post(app, reviewer, `/findings/${id}/assign`, { assignee: "nobody-here" });
    assert.equal(stranger.statusCode, 409);
    const rows = await db().prisma.auditLog.findMany({
      where: { subjectType: "finding", subjectId: String(id) },
      orderBy: { id: "asc" },
    });
    assert.deepEqual(
      rows.map((r) => r.action),
      ["finding.confirm", "finding.dismiss", "finding.reopen", "finding.note", "finding.assign"],
    );
    assert.ok(rows.every((r) => r.actor === reviewerName));
    const page = await get(app, reviewer, `/findings/${id}`);
    assert.match(page.body, /已电话核实&lt;b&gt;/);
    for (const action of [
      "finding.confirm",
      "finding.dismiss",
      "finding.reopen",
      "finding.note",
      "finding.assign",
    ]) {
      assert.ok(page.body.includes(`data-action="${action}"`), action);
    }
    assert.match(page.body, /系新闻报道，非经营页面/);
  });

  test("bulk confirm and dismiss change the findings whose state allows it and report the rest", async () => {
    const a = await seedFinding(db(), temp());
    const b = await seedFinding(db(), temp());
    const c = await seedFinding(db(), temp());
    await post(app, reviewer, `/findings/${c}/confirm`);
    const res = await post(app, reviewer, "/findings/bulk", {
      action: "confirm",
      ids: [String(a), String(b), String(c)],
      back: "/findings?status=new",
    });
    assert.equal(res.statusCode, 303);
    assert.equal(res.headers.location, "/findings?status=new&changed=2&skipped=1");
    const shown = await get(app, reviewer, String(res.headers.location));
    assert.match(shown.body, /已处理 2 条，跳过 1 条/);
    const noReason = await post(app, reviewer, "/findings/bulk", { action: "dismiss", ids: [String(a)] });
    assert.equal(noReason.statusCode, 400);
    await post(app, reviewer, "/findings/bulk", {
      action: "dismiss",
      ids: [String(a), String(b)],
      reason: "重复",
    });
    const statuses = await db().prisma.finding.findMany({
      where: { id: { in: [a, b, c] } },
      orderBy: { id: "asc" },
    });
    assert.deepEqual(
      statuses.map((f) => f.status),
      ["dismissed", "dismissed", "confirmed"],
    );
    const bulkAudit = await db().prisma.auditLog.count({
      where: { action: "finding.dismiss", subjectId: { in: [String(a), String(b)] } },
    });
    assert.equal(bulkAudit, 2);
  });

  test("an unknown finding is a Chinese 404", async () => {
    const res = await get(app, reviewer, "/findings/99999999");
    assert.equal(res.statusCode, 404);
    assert.match(res.body, /页面不存在/);
  });
});

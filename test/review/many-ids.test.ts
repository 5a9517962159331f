// Review actions and leads on more findings than SQLite's bound-parameter limit (999): 1,500
// findings are dismissed, confirmed and assigned in bulk and grouped into one lead, each action
// all or nothing, with one audit row per finding.
import assert from "node:assert/strict";
import { test } from "node:test";
import type { Db } from "../../src/db/index.ts";
import { assignFindings, createLead, reviewFindings } from "../../src/leads/index.ts";
import { addUser } from "../../src/users/index.ts";
import { eachProvider } from "../helpers/temp-db.ts";

const count = 1500;
const digestOf = (domain: string, i: number) => `${domain}-text-${String(i).padStart(4, "0")}`;

/** `n` new findings of one site (no entity), inserted directly: the crawl is not under test. */
async function manyFindings(db: Db, n: number, domain: string): Promise<number[]> {
  const at = new Date("2026-11-20T01:00:00Z");
  await db.prisma.finding.createMany({
    data: Array.from({ length: n }, (_, i) => ({
      fingerprint: `${domain}-${i}`,
      category: "p2p_lending",
      rule: "p2p_lending.test_rule",
      severity: "high",
      url: `https://${domain}/p/${i}`,
      domain,
      excerpt: `保本保息 ${i}`,
      evidenceDigest: digestOf(domain, i),
      firstSeenAt: at,
      lastSeenAt: at,
      firstRunId: 1,
      lastRunId: 1,
    })),
  });
  const rows = await db.prisma.finding.findMany({
    where: { domain },
    select: { id: true },
    orderBy: { id: "asc" },
  });
  return rows.map((r) => r.id);
}

async function auditCount(db: Db, action: string, from?: string): Promise<number> {
  const rows = await db.prisma.auditLog.findMany({ where: { action }, select: { details: true } });
  return rows.filter((r) => from === undefined || JSON.parse(r.details).from === from).length;
}

eachProvider("review actions and leads on 1,500 findings", ({ db }) => {
  test("bulk dismiss, confirm and assign, then a lead of all 1,500; every finding audited", async () => {
    const domain = "many.example.cn";
    const ids = await manyFindings(db(), count, domain);
    assert.equal(ids.length, count);

    // 600 dismissed first (across a slice boundary): each keeps its own evidence digest.
    const dismissed = await reviewFindings(db(), "dismiss", {
      ids: ids.slice(0, 600),
      actor: "reviewer1",
      reason: "误报",
    });
    assert.equal(dismissed.changed.length, 600);
    const kept = await db().prisma.finding.findMany({
      where: { status: "dismissed" },
      select: { dismissedDigest: true, evidenceDigest: true, dismissReason: true },
    });
    assert.equal(kept.length, 600);
    for (const k of kept) {
      assert.equal(k.dismissedDigest, k.evidenceDigest);
      assert.equal(k.dismissReason, "误报");
    }
    assert.ok(kept.some((k) => k.dismissedDigest === digestOf(domain, 599)));

    // Confirming all 1,500 moves both the dismissed and the new ones, each audited with its origin.
    const confirmed = await reviewFindings(db(), "confirm", { ids, actor: "reviewer1" });
    assert.deepEqual(confirmed, { changed: ids, skipped: [] });
    assert.equal(
      await db().prisma.finding.count({ where: { status: "confirmed", dismissedDigest: "" } }),
      count,
    );
    assert.equal(await auditCount(db(), "finding.confirm"), count);
    assert.equal(await auditCount(db(), "finding.confirm", "dismissed"), 600);
    assert.equal(await auditCount(db(), "finding.confirm", "new"), 900);

    // Confirming again changes nothing: every one is skipped, nothing audited twice.
    const again = await reviewFindings(db(), "confirm", { ids, actor: "reviewer1" });
    assert.deepEqual(again, { changed: [], skipped: ids });
    assert.equal(await auditCount(db(), "finding.confirm"), count);

    await addUser(db(), {
      name: "reviewer2",
      role: "reviewer",
      password: "correct-horse-battery",
      actor: "test",
    });
    const assigned = await assignFindings(db(), { ids, assignee: "reviewer2", actor: "admin" });
    assert.equal(assigned.changed.length, count);
    assert.equal(await db().prisma.finding.count({ where: { assignee: "reviewer2" } }), count);
    assert.equal(await auditCount(db(), "finding.assign"), count);

    const lead = await createLead(db(), { findingIds: ids, actor: "reviewer1" });
    assert.match(lead.number, /^XS-\d{4}-0001$/);
    assert.equal(await db().prisma.finding.count({ where: { leadId: lead.id } }), count);
    assert.equal(await auditCount(db(), "finding.lead"), count);
    const created = await db().prisma.auditLog.findFirstOrThrow({ where: { action: "lead.create" } });
    assert.deepEqual((JSON.parse(created.details) as { findings: number[] }).findings, ids);
  });

  test("a lead of 1,500 is refused whole when one finding is unfit, or changes after the read", async () => {
    const domain = "unfit.example.cn";
    const ids = await manyFindings(db(), count, domain);
    await reviewFindings(db(), "confirm", { ids, actor: "reviewer1" });
    const leadsBefore = await db().prisma.caseLead.count();
    const auditBefore = await db().prisma.auditLog.count();

    // Changed after createLead read the findings (textOf runs between the read and the
    // transaction): the first two slices are already taken when the last one comes up short, and
    // everything rolls back, the lead number included.
    let dismissedMeanwhile = false;
    await assert.rejects(
      createLead(db(), {
        findingIds: ids,
        actor: "reviewer1",
        textOf: async () => {
          if (!dismissedMeanwhile) {
            dismissedMeanwhile = true;
            await reviewFindings(db(), "dismiss", { ids: ids.slice(-1), actor: "reviewer2", reason: "误报" });
          }
          return null;
        },
      }),
      /the findings changed meanwhile/,
    );
    assert.ok(dismissedMeanwhile);
    assert.equal(await db().prisma.finding.count({ where: { domain, leadId: { not: null } } }), 0);
    assert.equal(await db().prisma.caseLead.count(), leadsBefore);
    assert.equal(await db().prisma.auditLog.count(), auditBefore + 1, "only the dismissal");

    // Unfit when read: refused before anything is written, the message names a few ids only.
    await assert.rejects(createLead(db(), { findingIds: ids, actor: "reviewer1" }), (error: Error) => {
      assert.match(error.message, new RegExp(`findings ${ids.at(-1)} are not confirmed`));
      return true;
    });
    assert.equal(await db().prisma.auditLog.count(), auditBefore + 1);

    // The lead number was not used up by the refused attempts.
    const lead = await createLead(db(), { findingIds: ids.slice(0, -1), actor: "reviewer1" });
    assert.match(lead.number, /^XS-\d{4}-0002$/);
    assert.equal(await db().prisma.finding.count({ where: { leadId: lead.id } }), count - 1);
  });
});

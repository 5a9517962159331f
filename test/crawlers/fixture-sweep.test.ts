// The main job end to end: the entities and discover sweeps over the fixture web find exactly
// what its sites were built to show, keep verifiable evidence, obey robots.txt, survive hostile
// pages, and a second run updates findings instead of duplicating them.
import assert from "node:assert/strict";
import { after, before, test } from "node:test";
import { EvidenceStore, verifyEvidence } from "../../src/evidence/index.ts";
import type { RunView } from "../../src/sweeps/runs.ts";
import { evidenceDir } from "../../src/worker/deps.ts";
import { expectedFindings, forbiddenUrls, seedUrls } from "../fixtures/web/manifest.ts";
import { startFixtureWorld } from "../helpers/fixture-world.ts";
import type { FixtureWeb } from "../helpers/site-server.ts";
import { sweepNow, testConfigDir, testEnv, testSweepsYaml } from "../helpers/sweep-harness.ts";
import { eachProvider } from "../helpers/temp-db.ts";

const key = (f: { url: string; category: string }) => `${f.category} ${f.url}`;

eachProvider("sweeps over the fixture web", ({ db, temp, provider }) => {
  let web: FixtureWeb;
  let env: ReturnType<typeof testEnv>;
  let first: RunView[];
  // Screenshots need Chromium per finding; take them on one provider to keep the suite quick.
  const screenshots = provider === "sqlite" ? "findings" : "none";

  before(async () => {
    const world = await startFixtureWorld(db(), temp().dataDir, { slowPageDelayMs: 8000 });
    web = world.web;
    env = testEnv(
      db(),
      temp().dataDir,
      testConfigDir(temp().dataDir, testSweepsYaml(screenshots)),
      web.hostMap,
    );
    first = [await sweepNow(db(), env, "entities"), await sweepNow(db(), env, "discover", seedUrls)];
  });
  after(async () => web?.close());

  test("the findings are exactly those the fixture sites were built to show", async () => {
    // Several rules of one category may hit the same page; the sites are built per (category, page).
    const got = await db().prisma.finding.findMany({ select: { url: true, category: true } });
    assert.deepEqual([...new Set(got.map(key))].sort(), expectedFindings({ render: true }).map(key).sort());
  });

  test("nothing robots.txt forbids was fetched", () => {
    const fetched = new Set(web.requests.urls());
    assert.deepEqual(
      forbiddenUrls.filter((u) => fetched.has(u)),
      [],
    );
  });

  test("failing, slow, huge, trap and redirecting pages end as recorded errors, not hangs", () => {
    assert.ok(first.every((r) => r.status === "completed"));
    const errors = JSON.parse(first[0]!.stats).errorsByKind as Record<string, number>;
    for (const kind of [
      "timeout",
      "too_large",
      "too_many_redirects",
      "connection_reset",
      "http_500",
      "http_503",
    ]) {
      assert.ok((errors[kind] ?? 0) > 0, `expected recorded ${kind} errors, got ${JSON.stringify(errors)}`);
    }
    const skipped = JSON.parse(first[1]!.stats).skipped as Record<string, number>;
    assert.ok((skipped["trap"] ?? 0) > 0 && (skipped["robots"] ?? 0) > 0, JSON.stringify(skipped));
  });

  test("run figures: entities checked, behaviours checked, new online entities found", () => {
    const [entities, discover] = first as [RunView, RunView];
    assert.ok(entities.entitiesChecked >= 30, `entities checked ${entities.entitiesChecked}`);
    assert.ok(entities.behavioursChecked > 100);
    assert.equal(discover.newEntitiesFound, 2, "haoyun-mall.cn and xiaomei-haowu.net are unregistered shops");
    assert.ok(entities.findingsNew + discover.findingsNew >= expectedFindings({ render: true }).length);
  });

  test("every finding has evidence whose digests verify, with provenance", async () => {
    const store = new EvidenceStore(evidenceDir(env));
    const report = await verifyEvidence(db().prisma, store);
    assert.equal(report.problems.length, 0);
    assert.ok(report.checked >= 3 * 30);
    const findings = await db().prisma.finding.findMany({ include: { capture: true } });
    for (const f of findings) {
      assert.ok(f.capture, `finding ${f.url} has a capture`);
      assert.equal(await store.check(f.capture.bodySha256), "ok");
      const provenance = JSON.parse(f.capture.provenance);
      assert.match(provenance.tool, /^redshield /);
      assert.ok(provenance.requestHeaders["user-agent"].includes("redshield"));
      if (screenshots === "findings")
        assert.match(f.capture.screenshotSha256, /^[0-9a-f]{64}$/, `screenshot of ${f.url}`);
    }
  });

  test("a second run updates last-seen instead of duplicating; dismissed findings come back only on new evidence", async () => {
    const prisma = db().prisma;
    const [same, changed] = await prisma.finding.findMany({
      where: { category: "p2p_lending" },
      take: 2,
      orderBy: { id: "asc" },
    });
    await prisma.finding.update({
      where: { id: same!.id },
      data: { status: "dismissed", dismissedDigest: same!.evidenceDigest },
    });
    await prisma.finding.update({
      where: { id: changed!.id },
      data: { status: "dismissed", dismissedDigest: "0".repeat(64) },
    });
    const before = await prisma.finding.count();
    const again = await sweepNow(db(), env, "entities");
    assert.equal(await prisma.finding.count(), before, "no duplicates");
    assert.equal(again.findingsNew, 0);
    assert.ok(again.findingsSeen > 20);
    assert.equal((await prisma.finding.findUniqueOrThrow({ where: { id: same!.id } })).status, "dismissed");
    const reopened = await prisma.finding.findUniqueOrThrow({ where: { id: changed!.id } });
    assert.equal(reopened.status, "new");
    assert.equal(reopened.lastRunId, again.id);
    assert.equal(
      await prisma.auditLog.count({ where: { action: "finding.reopen", subjectId: String(changed!.id) } }),
      1,
    );
  });
});

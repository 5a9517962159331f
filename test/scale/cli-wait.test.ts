// `redshield sweep run NAME --wait` on PostgreSQL: the command queues the run, crawls it as one
// more queue worker, follows it to its end and exits 0 — with exactly the findings the synthetic
// shops were built to show.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { runRedshield } from "../cli/spawn-redshield.ts";
import { syntheticExpectedFindings } from "../fixtures/web/synthetic.ts";
import { createScaleWorld, type ScaleWorld, scaleSweepsYaml } from "../helpers/scale-world.ts";
import { startFixtureWeb } from "../helpers/site-server.ts";
import { pgUnavailable } from "../helpers/temp-db.ts";

const sites = 60;

describe("sweep run --wait on PostgreSQL", { skip: pgUnavailable ?? false }, () => {
  let web: Awaited<ReturnType<typeof startFixtureWeb>>;
  let world: ScaleWorld;
  before(async () => {
    web = await startFixtureWeb({ syntheticSites: sites, requestLogLimit: 0 });
    world = await createScaleWorld({
      provider: "postgresql",
      sites,
      hostMap: web.hostMap,
      sweepsYaml: scaleSweepsYaml({ shardSites: 25 }),
    });
  });
  after(async () => {
    await world?.close();
    await web?.close();
  });

  test("crawls the run through the queue in this process and exits when it is complete", async () => {
    const r = await runRedshield(["sweep", "run", "entities", "--wait"], world.env);
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /3 shards queued/);
    assert.match(r.stdout, /completed shards 3\/3/);
    const run = await world.db.prisma.sweepRun.findFirstOrThrow();
    assert.equal(run.status, "completed");
    const jobs = await world.db.prisma.$queryRawUnsafe<{ state: string; n: bigint }[]>(
      "SELECT state::text AS state, count(*) AS n FROM pgboss.job WHERE name = 'redshield-shards' GROUP BY state",
    );
    assert.deepEqual(
      jobs.map((j) => [j.state, Number(j.n)]),
      [["completed", 3]],
    );
    // Any process can read the run's figures and shards back.
    const status = await runRedshield(["sweep", "status", String(run.id)], world.env);
    assert.equal(status.code, 0, status.stderr);
    assert.match(status.stdout, /completed shards 3\/3/);
    assert.match(status.stdout, /^shards: done 3$/m);
    const json = JSON.parse(
      (await runRedshield(["sweep", "status", String(run.id), "--json"], world.env)).stdout,
    );
    assert.deepEqual(json.shards.counts, { done: 3 });
    assert.equal(json.pagesFetched, run.pagesFetched);
    const found = (await world.db.prisma.finding.findMany({ select: { url: true, category: true } }))
      .map((f) => `${f.category} ${f.url}`)
      .sort();
    const built = syntheticExpectedFindings(sites)
      .map((f) => `${f.category} ${f.url}`)
      .sort();
    assert.deepEqual(found, built);
  });
});

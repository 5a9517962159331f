// Scale-out on the real PostgreSQL: two `redshield serve` schedulers and two `redshield worker`
// processes sweep 1,000 fixture shops; one worker is killed with SIGKILL in the middle of a shard.
// The run must end with exactly the findings and figures of a single-process run of the same
// sweep, with the killed worker's shard crawled again by the other worker.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadEnv } from "../../src/config/env.ts";
import type { Db } from "../../src/db/index.ts";
import type { RunView } from "../../src/sweeps/runs.ts";
import {
  createScaleWorld,
  type Proc,
  type ScaleWorld,
  scaleSweepsYaml,
  startProc,
  stopProc,
} from "../helpers/scale-world.ts";
import { syntheticExpectedFindings } from "../fixtures/web/synthetic.ts";
import { startFixtureWeb } from "../helpers/site-server.ts";
import { sweepNow } from "../helpers/sweep-harness.ts";
import { pgUnavailable } from "../helpers/temp-db.ts";

const sites = 1000;
const shardSites = 50;

type FindingKey = string;
async function findingKeys(db: Db): Promise<FindingKey[]> {
  const rows = await db.prisma.finding.findMany({
    select: { fingerprint: true, category: true, rule: true, url: true, evidenceDigest: true },
  });
  return rows.map((f) => `${f.category} ${f.rule} ${f.url} ${f.fingerprint} ${f.evidenceDigest}`).sort();
}

async function waitFor<T>(
  what: string,
  timeoutMs: number,
  probe: () => Promise<T | null | undefined | false>,
  procs: Proc[] = [],
): Promise<T> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end)
      throw new Error(
        `timed out waiting for ${what}\n${procs.map((p) => p.output().slice(-3000)).join("\n---\n")}`,
      );
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("scale-out: serve + workers on PostgreSQL", { skip: pgUnavailable ?? false }, () => {
  let web: Awaited<ReturnType<typeof startFixtureWeb>>;
  let reference: { world: ScaleWorld; run: RunView; keys: FindingKey[] };
  let world: ScaleWorld;
  const procs: Proc[] = [];

  before(async () => {
    web = await startFixtureWeb({ syntheticSites: sites, requestLogLimit: 0 });
    const refWorld = await createScaleWorld({
      provider: "postgresql",
      sites,
      hostMap: web.hostMap,
      sweepsYaml: scaleSweepsYaml({ shardSites }),
    });
    const run = await sweepNow(refWorld.db, loadEnv(refWorld.env), "entities");
    reference = { world: refWorld, run, keys: await findingKeys(refWorld.db) };
    world = await createScaleWorld({
      provider: "postgresql",
      sites,
      hostMap: web.hostMap,
      sweepsYaml: scaleSweepsYaml({ shardSites, schedule: "*/2 * * * * *" }),
      extraEnv: { REDSHIELD_RECONCILE_SECS: "1", REDSHIELD_LOG_LEVEL: "info" },
    });
  });

  after(async () => {
    await Promise.all(procs.map((p) => stopProc(p, 5000)));
    await world?.close();
    await reference?.world.close();
    await web?.close();
  });

  test("a killed worker's shard is crawled again elsewhere; findings equal a single-process run", async () => {
    assert.equal(reference.run.status, "completed");
    assert.ok(
      reference.run.pagesFetched >= sites * 3,
      `reference crawled ${reference.run.pagesFetched} pages`,
    );
    // The single-process run finds exactly what the synthetic shops were built to show.
    const shown = (
      await reference.world.db.prisma.finding.findMany({ select: { url: true, category: true } })
    )
      .map((f) => `${f.category} ${f.url}`)
      .sort();
    const built = syntheticExpectedFindings(sites)
      .map((f) => `${f.category} ${f.url}`)
      .sort();
    assert.deepEqual(shown, built);

    const schedulers = [
      startProc(["serve", "--port", "0"], world.env),
      startProc(["serve", "--port", "0"], world.env),
    ];
    const victim = startProc(["worker"], world.env);
    const survivor = startProc(["worker"], world.env);
    procs.push(...schedulers, victim, survivor);
    const victimOwner = await waitFor(
      "the victim's banner",
      60_000,
      async () => /redshield worker (\S+):/.exec(victim.output())?.[1],
      procs,
    );

    // Kill the victim while it is in the middle of a shard, after the run has made some progress.
    const run = await waitFor(
      "the first scheduled run",
      60_000,
      () => world.db.prisma.sweepRun.findFirst({ orderBy: { id: "asc" } }),
      procs,
    );
    const held = await waitFor(
      "the victim to be mid-shard",
      120_000,
      async () => {
        const done = await world.db.prisma.sweepShard.count({ where: { runId: run.id, status: "done" } });
        if (done < 2) return null;
        return world.db.prisma.sweepShard.findFirst({
          where: { runId: run.id, status: "running", worker: victimOwner },
        });
      },
      procs,
    );
    victim.child.kill("SIGKILL");
    await victim.exited;

    const final = await waitFor(
      "the run to complete",
      240_000,
      async () => {
        const r = await world.db.prisma.sweepRun.findUnique({ where: { id: run.id } });
        return r && (r.status === "completed" || r.status === "failed") ? r : null;
      },
      procs,
    );
    await Promise.all(schedulers.map((p) => stopProc(p)));
    await stopProc(survivor);

    assert.equal(final.status, "completed", survivor.output().slice(-3000));
    assert.equal(final.shardsDone, final.shardsTotal);
    assert.equal(final.shardsTotal, sites / shardSites);
    const retried = await world.db.prisma.sweepShard.findUniqueOrThrow({ where: { id: held.id } });
    assert.equal(retried.status, "done");
    assert.ok(retried.attempts >= 2, `the killed shard was taken ${retried.attempts} time(s)`);
    assert.notEqual(retried.worker, victimOwner, "another worker finished the killed worker's shard");

    // Same findings, none doubled, and the run's figures count the retried shard once.
    const keys = await findingKeys(world.db);
    const missing = reference.keys.filter((k) => !keys.includes(k));
    const extra = keys.filter((k) => !reference.keys.includes(k));
    assert.deepEqual(
      { missing, extra },
      { missing: [], extra: [] },
      `findings differ from the single-process run; errors: reference ${reference.run.stats}, scaled ${final.stats}`,
    );
    assert.equal(keys.length, reference.keys.length);
    assert.equal(final.findingsNew, reference.keys.length);
    assert.equal(final.pagesFetched, reference.run.pagesFetched);
    assert.equal(final.entitiesChecked, reference.run.entitiesChecked);
    assert.equal(final.behavioursChecked, reference.run.behavioursChecked);

    // Two schedulers ticking every two seconds: one run per scheduled minute.
    const runs = await world.db.prisma.sweepRun.findMany({ select: { scheduledFor: true, runKey: true } });
    const minutes = runs.map((r) => r.scheduledFor?.toISOString());
    assert.equal(new Set(minutes).size, runs.length, `runs: ${runs.map((r) => r.runKey).join(", ")}`);
    assert.equal(run.scheduledFor?.getUTCSeconds(), 0);
  });
});

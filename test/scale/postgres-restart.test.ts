// A PostgreSQL restart in the middle of a run (on a private server, so other tests are not
// disturbed): the worker keeps running, failed writes are retried with back-off by the queue,
// and the run completes with the same findings as an undisturbed single-process run.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadEnv } from "../../src/config/env.ts";
import type { Db } from "../../src/db/index.ts";
import type { RunView } from "../../src/sweeps/runs.ts";
import { runRedshield } from "../cli/spawn-redshield.ts";
import {
  type PrivatePostgres,
  privatePostgresUnavailable,
  startPrivatePostgres,
} from "../helpers/private-postgres.ts";
import {
  createScaleWorld,
  type Proc,
  type ScaleWorld,
  scaleSweepsYaml,
  startProc,
  stopProc,
} from "../helpers/scale-world.ts";
import { startFixtureWeb } from "../helpers/site-server.ts";
import { sweepNow } from "../helpers/sweep-harness.ts";
import { pgUnavailable } from "../helpers/temp-db.ts";

const sites = 300;
const shardSites = 100;

async function findingKeys(db: Db): Promise<string[]> {
  const rows = await db.prisma.finding.findMany({
    select: { fingerprint: true, url: true, evidenceDigest: true },
  });
  return rows.map((f) => `${f.url} ${f.fingerprint} ${f.evidenceDigest}`).sort();
}

// In CI the server binaries are there (they come with the PostgreSQL CI runs against): missing
// ones fail the run there instead of skipping the test.
const privateMissing = privatePostgresUnavailable();
if (privateMissing && process.env.CI) throw new Error(`${privateMissing} (CI must run the restart test)`);
const skip = pgUnavailable ?? privateMissing ?? false;

describe("scale-out: a PostgreSQL restart during a run", { skip }, () => {
  let web: Awaited<ReturnType<typeof startFixtureWeb>>;
  let server: PrivatePostgres;
  let reference: { world: ScaleWorld; run: RunView; keys: string[] };
  let world: ScaleWorld;
  let worker: Proc | null = null;

  before(async () => {
    // Slow pages and a modest concurrency make each shard take seconds, so the restart lands mid-shard.
    web = await startFixtureWeb({ syntheticSites: sites, syntheticDelayMs: 200, requestLogLimit: 0 });
    const refWorld = await createScaleWorld({
      provider: "postgresql",
      sites,
      hostMap: web.hostMap,
      sweepsYaml: scaleSweepsYaml({ shardSites, concurrency: 16 }),
    });
    const run = await sweepNow(refWorld.db, loadEnv(refWorld.env), "entities");
    reference = { world: refWorld, run, keys: await findingKeys(refWorld.db) };
    server = await startPrivatePostgres();
    server.createDatabase("rs_restart");
    world = await createScaleWorld({
      provider: "postgresql",
      databaseUrl: server.url("rs_restart"),
      sites,
      hostMap: web.hostMap,
      sweepsYaml: scaleSweepsYaml({ shardSites, concurrency: 16 }),
      extraEnv: { REDSHIELD_RECONCILE_SECS: "1", REDSHIELD_LOG_LEVEL: "info" },
    });
  });

  after(async () => {
    if (worker) await stopProc(worker, 5000);
    await world?.close();
    server?.stop();
    await reference?.world.close();
    await web?.close();
  });

  test("the worker survives, the run completes, findings equal an undisturbed run", async () => {
    worker = startProc(["worker"], world.env);
    const queued = await runRedshield(["sweep", "run", "entities"], world.env);
    assert.equal(queued.code, 0, queued.stderr);
    const runId = Number(queued.stdout.trim().split("\n").at(-1));

    const deadline = Date.now() + 120_000;
    let liveProgress = 0; // pages shown by the run while no shard had finished yet
    for (;;) {
      // Restart while a shard is under way (a shard of 100 shops takes a few seconds).
      const done = await world.db.prisma.sweepShard.count({ where: { runId, status: "done" } });
      const busy = await world.db.prisma.sweepShard.count({ where: { runId, status: "running" } });
      if (done >= 1 && busy > 0) break;
      const run = await world.db.prisma.sweepRun.findUniqueOrThrow({ where: { id: runId } });
      if (run.shardsDone === 0) liveProgress = Math.max(liveProgress, run.pagesFetched);
      assert.notEqual(
        run.status,
        "completed",
        `the run ended before the restart: ${JSON.stringify(run)}\n${worker.output()}`,
      );
      assert.ok(Date.now() < deadline, `no shard done in time\n${worker.output()}`);
      await new Promise((r) => setTimeout(r, 100));
    }
    // Progress is visible from another process while the first shard is still being crawled.
    assert.ok(liveProgress > 0, "the run showed pages before its first shard ended");
    await server.restart(3000);

    let final: RunView | null = null;
    const end = Date.now() + 240_000;
    while (Date.now() < end) {
      try {
        final = await world.db.prisma.sweepRun.findUnique({ where: { id: runId } });
      } catch {
        final = null; // this process's own pool reconnects on the next query
      }
      if (final?.status === "completed" || final?.status === "failed") break;
      await new Promise((r) => setTimeout(r, 500));
    }
    assert.equal(final?.status, "completed", worker.output().slice(-4000));
    assert.equal(worker.child.exitCode, null, "the worker is still running");
    assert.equal(final.shardsDone, final.shardsTotal);
    const keys = await findingKeys(world.db);
    const missing = reference.keys.filter((k) => !keys.includes(k));
    const extra = keys.filter((k) => !reference.keys.includes(k));
    assert.deepEqual({ missing, extra }, { missing: [], extra: [] }, worker.output().slice(-4000));
    assert.equal(final.pagesFetched, reference.run.pagesFetched);
    // The restart was felt, not slept through: the worker saw its connections drop.
    if (process.env.RS_DEBUG_RESTART) console.log(worker.output());
    assert.match(worker.output(), /connection|terminat|ECONNREFUSED|shut ?down/i);
  });
});
